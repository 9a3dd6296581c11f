//! `data-loading="lazy"`: a widget waits until its element nears the viewport, then begins.

use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use super::{Entry, Stage, begin, put, take};

/// How far outside the viewport a lazy widget starts rendering, so it is ready when seen.
const LAZY_MARGIN: &str = "400px 0px";

/// The callback an IntersectionObserver calls, kept alive as long as the observer.
pub(super) type OnVisible = Closure<dyn FnMut(js_sys::Array)>;

/// Watches a lazy widget's element; when it nears the viewport, the widget begins.
pub(super) fn observe(id: u32, element: &Element) -> Option<(IntersectionObserver, OnVisible)> {
    let on_visible = OnVisible::new(move |entries: js_sys::Array| {
        let visible =
            entries.iter().any(|e| e.unchecked_into::<IntersectionObserverEntry>().is_intersecting());
        if visible {
            wake(id);
        }
    });
    let init = IntersectionObserverInit::new();
    init.set_root_margin(LAZY_MARGIN);
    let observer = IntersectionObserver::new_with_options(on_visible.as_ref().unchecked_ref(), &init).ok()?;
    observer.observe(element);
    Some((observer, on_visible))
}

/// A lazy widget came near the viewport.
fn wake(id: u32) {
    let Some(entry) = take(id) else { return };
    match entry.stage {
        Stage::Waiting { source, observer, _on_visible } => {
            observer.disconnect();
            // This runs inside that very callback, so it is never dropped here.
            drop_later(_on_visible);
            begin(id, entry.element, source);
        }
        stage => put(Entry { stage, ..entry }),
    }
}

/// Drops an observer's callback a while after its observer was disconnected: a notification
/// already queued may still call it, and a dropped closure must never be called.
pub(super) fn drop_later(on_visible: OnVisible) {
    gloo::timers::callback::Timeout::new(1_000, move || drop(on_visible)).forget();
}
