//! Server markup (contract §7) taken over in place rather than replaced.
//!
//! At start, three cheap checks: the markup's revision (`data-aw-rendered`) is this build's,
//! its props digest (`data-aw-digest`) is that of the JSON script the widget reads, and the
//! article's two island slots are there. Then only the islands are rendered, each by a small app
//! of its own (`TextSizeIsland`, `ReactionsIsland`), the header's first (`takeover`);
//! header, photo and body stay the server's nodes. A digest cannot see a hand edit, so once the
//! page is idle the server markup is compared, node by node, with what the props render off the
//! page; on any difference the widget shows what the props render, as it would have without
//! server markup. Every refusal is one console warning.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlImageElement, Node};

use crate::components::{IslandKind, text_size_class};
use crate::effects::{console, idle};
use crate::model::{TextSize, WidgetContent};

/// The attribute the renderer writes on server markup: the crate version that rendered it.
pub const RENDERED: &str = "data-aw-rendered";
const DIGEST: &str = "data-aw-digest";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Server markup the widget may take over.
pub struct Markup {
    /// The server's `.aw-root`.
    pub root: Element,
    /// Its `.aw-widget`.
    pub widget: Element,
    /// An article's two slots, still holding the server's controls; none for a box.
    pub slots: Vec<(IslandKind, Element)>,
    /// The article's photo, still loading: if it fails, the widget renders afresh (its
    /// placeholder needs the browser's render).
    pub photo: Option<HtmlImageElement>,
}

/// The server markup in `element` if the widget may take it over for props of `digest`
/// (`model::props_digest`), read into `content`; `None`, with a console warning saying why, if
/// it must render afresh.
pub fn server_markup(element: &Element, digest: &str, content: &WidgetContent) -> Option<Markup> {
    let refusal = match check(element, digest, content) {
        Ok(markup) => return Some(markup),
        Err(refusal) => refusal,
    };
    warn_not_used(refusal);
    None
}

/// `server markup not used (WHY): rendered from the props instead`, once per refusal.
pub fn warn_not_used(why: &str) {
    let mut message = String::from("server markup not used (");
    message.push_str(why);
    message.push_str("): rendered from the props instead");
    console::warn(&message);
}

/// Takes the server-markup attributes off an element whose markup is gone (replaced by the
/// widget's own render, or unmounted), so that a later mount there renders without a warning.
pub fn forget(element: &Element) {
    let _ = element.remove_attribute(RENDERED);
    let _ = element.remove_attribute(DIGEST);
}

fn check(element: &Element, digest: &str, content: &WidgetContent) -> Result<Markup, &'static str> {
    if element.get_attribute(RENDERED).as_deref() != Some(VERSION) {
        return Err("rendered by another version");
    }
    if element.get_attribute(DIGEST).as_deref() != Some(digest) {
        return Err("rendered from other props than its JSON script");
    }
    let widget = element
        .query_selector(":scope > .aw-root > .aw-widget")
        .ok()
        .flatten()
        .ok_or("no .aw-root > .aw-widget")?;
    let root = widget.parent_element().ok_or("no .aw-root > .aw-widget")?;
    let slots = slots(&widget, content)?;
    let photo = widget
        .query_selector(".aw-figure__image")
        .ok()
        .flatten()
        .and_then(|img| img.dyn_into::<HtmlImageElement>().ok());
    if photo.as_ref().is_some_and(|img| img.complete() && img.natural_width() == 0) {
        return Err("the photo did not load");
    }
    Ok(Markup { root, widget, slots, photo })
}

/// The slot's control that has keyboard focus, by its index among the slot's buttons.
pub fn focus_in(slot: &Element) -> Option<u32> {
    let active = web_sys::window()?.document()?.active_element()?;
    let buttons = slot.query_selector_all("button").ok()?;
    (0..buttons.length()).find(|&i| buttons.item(i).is_some_and(|b| active.is_same_node(Some(&b))))
}

/// The island slots: exactly one of each for an article (neither inside the other), none for
/// a box. Anything else is not what the renderer writes.
fn slots(widget: &Element, content: &WidgetContent) -> Result<Vec<(IslandKind, Element)>, &'static str> {
    let all = widget.query_selector_all("[data-aw-island]").map_err(|_| "no island slots")?;
    let found: Vec<Element> = (0..all.length()).filter_map(|i| all.item(i)?.dyn_into().ok()).collect();
    match content {
        WidgetContent::Article(_) => {
            let find = |kind: IslandKind| {
                found
                    .iter()
                    .find(|slot| slot.get_attribute("data-aw-island").as_deref() == Some(kind.name()))
                    .cloned()
            };
            match (found.len(), find(IslandKind::TextSize), find(IslandKind::Reactions)) {
                (2, Some(tools), Some(reactions))
                    if !tools.contains(Some(&reactions)) && !reactions.contains(Some(&tools)) =>
                {
                    Ok(vec![(IslandKind::TextSize, tools), (IslandKind::Reactions, reactions)])
                }
                _ => Err("the island slots are not the renderer's"),
            }
        }
        WidgetContent::Invalid { .. } | WidgetContent::Idle => Err("props refused"),
        _ if found.is_empty() => Ok(Vec::new()),
        _ => Err("the island slots are not the renderer's"),
    }
}

/// Whether the server's `.aw-root` shows what `rendered` (the props rendered by the browser)
/// shows, leaving out what the islands own: their slots' contents and the root's size class.
pub fn same_markup(server_root: &Element, rendered: &Element) -> bool {
    match (comparable(server_root), comparable(rendered)) {
        (Some(a), Some(b)) => a.is_equal_node(Some(&b)),
        _ => false,
    }
}

/// A copy of `root` with the islands' parts emptied and adjacent text merged (the server's
/// `label ` is one text node, the browser's render two).
fn comparable(root: &Element) -> Option<Node> {
    let copy: Element = root.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let islands = copy.query_selector_all("[data-aw-island]").ok()?;
    for i in 0..islands.length() {
        if let Some(island) = islands.item(i) {
            island.set_text_content(None);
        }
    }
    if let Some(widget) = copy.first_element_child() {
        for size in TextSize::ALL {
            let _ = widget.class_list().remove_1(&text_size_class(size));
        }
    }
    copy.normalize();
    drop_blank_text(&copy);
    Some(copy.into())
}

/// Removes text nodes of white space only: a CMS that re-indents the page's HTML adds them
/// between elements, where they show nothing.
fn drop_blank_text(node: &Node) {
    let mut child = node.first_child();
    while let Some(current) = child {
        child = current.next_sibling();
        if current.node_type() == Node::TEXT_NODE {
            if current.text_content().is_some_and(|t| t.trim().is_empty()) {
                let _ = node.remove_child(&current);
            }
        } else {
            drop_blank_text(&current);
        }
    }
}

/// How long after the take-over the full comparison waits before it looks for an idle moment.
/// It renders the whole article off the page, one long task on a long article: started at the
/// first idle moment, it would land just when the reader reaches for the controls.
pub const COMPARE_AFTER_MS: u32 = 2000;

/// Runs `task` [`COMPARE_AFTER_MS`] from now, at the browser's next idle moment (within 2 s).
pub fn later_when_idle(task: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(COMPARE_AFTER_MS, move || idle::when_idle(2000, task)).forget();
}
