//! The embedding layer: from mount elements and script calls to running widgets.
//!
//! `embed.js` loads this module once per page, publishes `window.ArticleWidget` from these
//! exports, and calls `autoMount`. Every widget is its own Yew app; all share this instance.
//! One widget's bad props render its own alert and touch no other.

mod props_source;
mod registry;
mod theme;

use wasm_bindgen::prelude::*;
use web_sys::Element;

pub(crate) use props_source::json_from_js;

use crate::effects::{console, outbox};

/// The attribute that marks a mount element.
const MOUNT_SELECTOR: &str = "[data-article-widget]";

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
    }
}

/// `ArticleWidget.mount(element, props)`: a widget in `element` with `props` (an object or a
/// JSON string). Throws an `Error` when `element` is not an element.
#[wasm_bindgen]
pub fn mount(element: JsValue, props: JsValue) -> Result<WidgetHandle, JsError> {
    let element: Element = element
        .dyn_into()
        .map_err(|_| JsError::new("ArticleWidget.mount: the first argument must be an Element"))?;
    Ok(WidgetHandle { id: registry::mount(element, props_source::from_js(&props)) })
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
            registry::mount(element, source);
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

/// A panic stops this Wasm instance, and with it every widget on the page. Say so in the
/// console, and in each widget's place rather than leaving frozen or blank boxes.
fn on_panic(info: &std::panic::PanicHookInfo) {
    let message = format!("internal error, widgets stopped: {info}");
    console::error(&message);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for element in registry::elements_if_free() {
        let (Ok(root), Ok(alert)) = (document.create_element("div"), document.create_element("div")) else {
            continue;
        };
        root.set_class_name("aw-root");
        alert.set_class_name("aw-widget aw-widget--error");
        let _ = alert.set_attribute("role", "alert");
        alert.set_text_content(Some(
            "기사 위젯에 오류가 발생했습니다. (The article widget stopped after an error.)",
        ));
        let _ = root.append_child(&alert);
        element.replace_children_with_node_1(&root);
        crate::effects::events::error(&element, None, &message);
    }
}

/// Runs when the module is instantiated: the panic hook, and the delivery of any reactions an
/// earlier page left in the outbox.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(on_panic));
    outbox::resume();
}
