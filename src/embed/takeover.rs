//! Server markup taken over in place (`hydration` checks it): the islands' apps, the header's
//! first, the photo's error, and the idle-time comparison that falls back to a fresh render on
//! any difference.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use web_sys::Element;

use yew::AppHandle;

use super::pool::{retire, spare_app};
use super::{Entry, Stage, hydration, put, take};
use crate::components::{Island, IslandKind};
use crate::effects::{console, idle};
use crate::embed::hydration::Markup;
use crate::{Widget, WidgetProps};

/// The longest the islands below the fold wait for an idle moment: long before a reader
/// scrolls there on a phone.
const LATER_ISLANDS_WITHIN_MS: u32 = 500;

/// How many tasks the comparison waits for the off-page render before it gives up (Yew may
/// yield to the browser in between on a slow phone).
const RENDER_WAITS: u32 = 50;

/// Renders the islands into their slots, each with a small app of its own (from the pool, so
/// their roots' listeners are reused rather than leaked), and schedules the idle comparison.
///
/// Island by island: the text-size control in the header at once, the reactions too if they
/// are on screen or hold the keyboard focus, else at the next idle moment (within
/// [`LATER_ISLANDS_WITHIN_MS`]), so that a reader's first click on the header's control is not
/// kept waiting for controls further down. Until its island renders, a slot keeps the server's
/// controls, inert as they were before the Wasm arrived.
pub(super) fn take_over(id: u32, element: Element, shown: WidgetProps, markup: Markup) {
    let (mut islands, mut later) = (Vec::new(), Vec::new());
    for (kind, slot) in markup.slots {
        let focus = hydration::focus_in(&slot);
        if kind != IslandKind::TextSize && focus.is_none() && below_the_fold(&slot) {
            later.push((kind, slot));
        } else {
            islands.extend(render_island(&element, &shown, &markup.widget, (kind, slot), focus));
        }
    }
    // The server's photo has no error handler: if it fails, the browser's render (with its
    // placeholder) takes over.
    let photo = markup.photo.map(|img| {
        EventListener::once(&img, "error", move |_| fall_back(id, Some("the photo did not load")))
    });
    put(Entry {
        id,
        element,
        stage: Stage::TakenOver { islands, server_root: markup.root, shown, _photo: photo },
    });
    if !later.is_empty() {
        let widget = markup.widget;
        idle::when_idle(LATER_ISLANDS_WITHIN_MS, move || add_islands(id, &widget, later));
    }
    hydration::later_when_idle(move || verify(id));
}

/// Whether `slot` starts below the viewport. The slot has no box of its own (`display:
/// contents`), so its first element is measured; an empty slot has nothing to wait for. The
/// loader mounts once the document is parsed, mostly after the page's first frame, so the
/// layout this reads is usually there already.
fn below_the_fold(slot: &Element) -> bool {
    let Some(first) = slot.first_element_child() else { return false };
    let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
    height.is_some_and(|height| first.get_bounding_client_rect().top() > height)
}

/// Replaces a slot's server controls with an island app rendering them, giving the keyboard
/// focus back to the control that had it (`focus`, from `hydration::focus_in`).
fn render_island(
    element: &Element,
    shown: &WidgetProps,
    widget: &Element,
    (kind, slot): (IslandKind, Element),
    focus: Option<u32>,
) -> Option<(AppHandle<Widget>, Element)> {
    let island = Island { kind, widget: widget.clone(), focus };
    let props = WidgetProps { island: Some(island), ..shown.clone() };
    let (app, root) = spare_app(element, props, "aw-island")?;
    // Filled by the island's first render, which comes before any paint.
    slot.replace_children_with_node_1(&root);
    Some((app, root))
}

/// The islands left for later, if widget `id` is still the taken-over server markup (not
/// unmounted, updated or fallen back meanwhile) and the slots are still in it (a host may have
/// replaced the element's content).
fn add_islands(id: u32, widget: &Element, slots: Vec<(IslandKind, Element)>) {
    let Some(mut entry) = take(id) else { return };
    if let Stage::TakenOver { islands, shown, server_root, .. } = &mut entry.stage {
        for slot in slots {
            if server_root.contains(Some(&slot.1)) {
                let focus = hydration::focus_in(&slot.1);
                islands.extend(render_island(&entry.element, shown, widget, slot, focus));
            }
        }
    }
    put(entry);
}

/// What the taken-over widget `id` would show rendered afresh, and the server's `.aw-root`.
fn taken_over(id: u32) -> Option<(WidgetProps, Element)> {
    super::ENTRIES.with(|e| {
        e.borrow().iter().find(|entry| entry.id == id).and_then(|entry| match &entry.stage {
            Stage::TakenOver { shown, server_root, .. } => Some((shown.clone(), server_root.clone())),
            _ => None,
        })
    })
}

/// The idle-time check: the props rendered off the page, compared with the server's markup.
fn verify(id: u32) {
    let Some((shown, server_root)) = taken_over(id) else { return };
    let plain = WidgetProps { host: None, island: None, ..shown };
    let Some((app, rendered)) = spare_app(&server_root, plain, "aw-root") else { return };
    compare_when_rendered(id, app, rendered, RENDER_WAITS);
}

/// Compares once Yew has rendered into `rendered` (it renders in a microtask, and may yield to
/// the browser first), then retires the off-page app.
fn compare_when_rendered(id: u32, app: AppHandle<Widget>, rendered: Element, waits: u32) {
    Timeout::new(0, move || {
        if rendered.first_element_child().is_none() && waits > 0 {
            return compare_when_rendered(id, app, rendered, waits - 1);
        }
        // Unmounted, updated or already replaced meanwhile: nothing left to check.
        let same = taken_over(id).is_none_or(|(_, server)| hydration::same_markup(&server, &rendered));
        retire(app, rendered);
        if !same {
            fall_back(id, None);
        }
    })
    .forget();
}

/// Replaces taken-over server markup with the widget's own render of the same props, saying
/// why in the console: `why` for a known cause, else a difference the comparison found.
fn fall_back(id: u32, why: Option<&str>) {
    let Some(mut entry) = take(id) else { return };
    let (islands, shown) = match entry.stage {
        Stage::TakenOver { islands, shown, .. } => (islands, shown),
        other => {
            entry.stage = other;
            return put(entry);
        }
    };
    match why {
        Some(why) => hydration::warn_not_used(why),
        None => {
            console::warn("server markup differs from what its props render: rendered from the props instead")
        }
    }
    for (app, root) in islands {
        retire(app, root);
    }
    hydration::forget(&entry.element);
    let Some((app, root)) = spare_app(&entry.element, shown.clone(), "aw-root") else { return };
    entry.element.replace_children_with_node_1(&root);
    put(Entry { id, element: entry.element, stage: Stage::Mounted { app, root, shown, poll: None } });
}
