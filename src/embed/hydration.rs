//! Server markup (contract §7) taken over in place rather than replaced.
//!
//! At start, three cheap checks: the markup's revision (`data-aw-rendered`) is this build's,
//! its props digest (`data-aw-digest`) is that of the JSON script the widget reads, and the
//! article's two island slots are there. Then only the islands are rendered (`ArticleIslands`);
//! header, photo and body stay the server's nodes. A digest cannot see a hand edit, so once the
//! page is idle the server markup is compared, node by node, with what the props render off the
//! page; on any difference the widget shows what the props render, as it would have without
//! server markup. Every refusal is one console warning.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, IdleRequestOptions, Node};

use crate::components::{ServerMarkup, text_size_class};
use crate::effects::console;
use crate::model::{Json, TextSize, WidgetContent, props_digest};

/// The attribute the renderer writes on server markup: the crate version that rendered it.
pub const RENDERED: &str = "data-aw-rendered";
const DIGEST: &str = "data-aw-digest";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The server markup in `element` if the widget may take it over for `props` (already read
/// into `content`); `None`, with a console warning saying why, if it must render afresh.
pub fn server_markup(element: &Element, props: &Json, content: &WidgetContent) -> Option<ServerMarkup> {
    let refusal = match check(element, props, content) {
        Ok(markup) => return Some(markup),
        Err(refusal) => refusal,
    };
    let mut message = String::from("server markup not used (");
    message.push_str(refusal);
    message.push_str("): rendered from the props instead");
    console::warn(&message);
    None
}

fn check(element: &Element, props: &Json, content: &WidgetContent) -> Result<ServerMarkup, &'static str> {
    if element.get_attribute(RENDERED).as_deref() != Some(VERSION) {
        return Err("rendered by another version");
    }
    if element.get_attribute(DIGEST) != Some(props_digest(props)) {
        return Err("rendered from other props than its JSON script");
    }
    let widget = element
        .query_selector(":scope > .aw-root > .aw-widget")
        .ok()
        .flatten()
        .ok_or("no .aw-root > .aw-widget")?;
    let slot = |name: &str| {
        let mut selector = String::from("[data-aw-island=");
        selector.push_str(name);
        selector.push(']');
        widget.query_selector(&selector).ok().flatten()
    };
    let (tools, reactions) = (slot("text-size"), slot("reactions"));
    match content {
        WidgetContent::Article(_) if tools.is_none() || reactions.is_none() => {
            Err("an island slot is missing")
        }
        WidgetContent::Invalid { .. } | WidgetContent::Idle => Err("props refused"),
        _ => {
            // Emptied now, filled by the islands' first render, which comes before any paint.
            for slot in tools.iter().chain(reactions.iter()) {
                slot.set_text_content(None);
            }
            Ok(ServerMarkup { widget, tools, reactions })
        }
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
    Some(copy.into())
}

/// Runs `task` when the browser is idle (within 2 s), or after a short timeout where there is
/// no `requestIdleCallback`.
pub fn when_idle(task: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback = Closure::once_into_js(task);
    let options = IdleRequestOptions::new();
    options.set_timeout(2000);
    if window.request_idle_callback_with_options(callback.unchecked_ref(), &options).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200);
    }
}
