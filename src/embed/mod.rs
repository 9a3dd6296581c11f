//! The embedding layer: from mount elements and script calls to running widgets.
//!
//! `embed.js` loads this module once per page, publishes `window.ArticleWidget` from these
//! exports, and calls `autoMount`. Every widget is its own Yew app; all share this instance.
//! One widget's bad props render its own alert and touch no other; a panic stops them all, and
//! each says so in its place (see `on_panic`).

mod hydration;
mod props_source;
mod registry;
mod theme;

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::effects::{console, outbox};

/// The attribute that marks a mount element.
const MOUNT_SELECTOR: &str = "[data-article-widget]";

thread_local! {
    /// Every element holding a widget, with the widget's id (0 while `registry::mount` runs):
    /// the panic hook's list. The registry's own list can't serve, as it takes a widget's entry
    /// out while the widget runs (an update, a render), just when a panic may strike. Borrowed
    /// only to add or remove one element, never across a call out.
    static MOUNTED: RefCell<Vec<(Element, u32)>> = const { RefCell::new(Vec::new()) };
    /// embed.js's `(elements, message)` that shows the failure alert in each element and
    /// dispatches `articlewidget:error`: the same alert as when the Wasm cannot load.
    static FAILURE_VIEW: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Set by the first panic: the instance is dead, and the widgets already say so.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Mounts a widget through the registry, keeping `MOUNTED` up to date (from before the mount
/// starts, so a panic during it still finds the element).
fn mount_tracked(element: Element, source: props_source::Source) -> u32 {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(e, _)| *e != element);
        m.push((element.clone(), 0));
    });
    let id = registry::mount(element.clone(), source);
    // A host listener may have mounted this element again meanwhile: then that widget's id stays.
    MOUNTED.with(|m| {
        if let Some(entry) = m.borrow_mut().iter_mut().find(|(e, i)| *e == element && *i == 0) {
            entry.1 = id;
        }
    });
    id
}

/// What `ArticleWidget.mount` returns: the widget's remote control.
#[wasm_bindgen]
pub struct WidgetHandle {
    id: u32,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Re-renders with new props (an object or a JSON string), keeping the reader's state.
    pub fn update(&self, props: JsValue) {
        registry::update(self.id, props_source::from_js(&props));
    }

    /// Removes the widget: its DOM, listeners, timers and pending fetches. Idempotent.
    pub fn unmount(&self) {
        registry::unmount(self.id);
        MOUNTED.with(|m| m.borrow_mut().retain(|(_, id)| *id != self.id));
    }
}

/// `ArticleWidget.mount(element, props)`: a widget in `element` with `props` (an object or a
/// JSON string). Throws an `Error` when `element` is not an element.
#[wasm_bindgen]
pub fn mount(element: JsValue, props: JsValue) -> Result<WidgetHandle, JsError> {
    let element: Element = element
        .dyn_into()
        .map_err(|_| JsError::new("ArticleWidget.mount: the first argument must be an Element"))?;
    Ok(WidgetHandle { id: mount_tracked(element, props_source::from_js(&props)) })
}

/// Mounts a widget into every `[data-article-widget]` element not yet claimed.
#[wasm_bindgen(js_name = autoMount)]
pub fn auto_mount() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all(MOUNT_SELECTOR) else {
        return;
    };
    for i in 0..elements.length() {
        let Some(element) = elements.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if !registry::is_claimed(&element) {
            let source = props_source::from_element(&element);
            mount_tracked(element, source);
        }
    }
}

/// `ArticleWidget.setTheme(name)`: `light`, `dark` or `auto` for every widget on the page.
#[wasm_bindgen(js_name = setTheme)]
pub fn set_theme(name: &str) -> bool {
    theme::set_page_theme(name)
}

/// `ArticleWidget.version`: the crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Called by embed.js with its failure view, for `on_panic`.
#[wasm_bindgen(js_name = setFailureView)]
pub fn set_failure_view(show: js_sys::Function) {
    FAILURE_VIEW.with(|view| *view.borrow_mut() = Some(show));
}

/// Test builds only (the `panic-probe` feature): panics, so the browser tests can see what a
/// panic does to the page. Release builds have no such export.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = __panicProbe)]
pub fn panic_probe() {
    panic!("panic probe");
}

/// Every element that holds or awaits a widget: the tracked ones, the registry's if it is free,
/// and the page's mount elements (some perhaps not reached yet). Never waits on a borrow.
fn all_mount_elements() -> Vec<Element> {
    let mut elements: Vec<Element> = MOUNTED
        .with(|m| m.try_borrow().map(|m| m.iter().map(|(e, _)| e.clone()).collect()))
        .unwrap_or_default();
    let mut add = |element: Element| {
        if !elements.contains(&element) {
            elements.push(element);
        }
    };
    registry::elements_if_free().into_iter().for_each(&mut add);
    let listed =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all(MOUNT_SELECTOR).ok());
    if let Some(list) = listed {
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).for_each(&mut add);
    }
    elements
}

/// A panic stops this Wasm instance, and with it every widget on the page. Say so in the
/// console, and (the first time) in each widget's place rather than leaving frozen or blank
/// boxes, through embed.js's failure view, with an `articlewidget:error` per widget.
fn on_panic(info: &std::panic::PanicHookInfo) {
    let message = format!("internal error, widgets stopped: {info}");
    console::error(&message);
    if STOPPED.swap(true, Ordering::Relaxed) {
        return;
    }
    let elements: js_sys::Array = all_mount_elements().into_iter().collect();
    let show = FAILURE_VIEW.with(|view| view.try_borrow().ok().and_then(|v| v.clone()));
    if let Some(show) = show {
        let _ = show.call2(&JsValue::NULL, &elements, &JsValue::from_str(&message));
    }
}

/// Runs when the module is instantiated: the panic hook, and, at the first idle moment after
/// the loader has mounted the page's widgets (within a second; at once if a reader reacts
/// first), the outbox: this tab's identity and the delivery of any reactions an earlier page
/// left. The controls go live without waiting for it.
#[wasm_bindgen(start)]
pub fn start() {
    // Through Yew: its first render would replace a hook set with `std::panic::set_hook` by
    // its own (console_error_panic_hook), which only logs.
    yew::set_custom_panic_hook(Box::new(on_panic));
    crate::effects::idle::when_idle(1000, outbox::start);
}
