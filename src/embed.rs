//! The embedding layer: from mount elements on the host page to running widgets.
//!
//! At start-up every `[data-article-widget]` element gets its own Yew app; all of them share
//! this one Wasm instance. Props come from a child `<script type="application/json">`, else the
//! `data-props` attribute. One widget's bad props render its own alert and touch no other.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::effects::{console, events};
use crate::model::{Json, Problem, json};
use crate::{Widget, WidgetContent, WidgetProps, content_from_json};

/// The attribute that marks a mount element.
const MOUNT_SELECTOR: &str = "[data-article-widget]";

thread_local! {
    /// The widgets this page runs, so they live as long as the page (and can be unmounted).
    static MOUNTED: RefCell<Vec<(Element, AppHandle<Widget>)>> = const { RefCell::new(Vec::new()) };
}

/// Parses props text with the browser's own `JSON.parse` (no JSON parser in the bundle), then
/// reads it into the loose tree the validator walks.
fn parse_props_text(text: &str) -> Result<Json, Problem> {
    let value = js_sys::JSON::parse(text).map_err(|_| Problem::NotJson)?;
    json_from_js(&value, 0)
}

/// Reads a JS value into `Json`. Done by hand rather than through serde: the value already is
/// parsed, and walking it directly keeps serde's deserializer and its float formatting out of
/// the bundle (about 10 KB of brotli'd Wasm).
pub(crate) fn json_from_js(value: &JsValue, depth: u32) -> Result<Json, Problem> {
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Json::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(Json::String(s));
    }
    if depth >= json::MAX_DEPTH {
        return Err(Problem::TooDeep);
    }
    if js_sys::Array::is_array(value) {
        let array: &js_sys::Array = value.unchecked_ref();
        return array
            .iter()
            .map(|item| json_from_js(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(Json::Array);
    }
    if value.is_object() {
        let object: &js_sys::Object = value.unchecked_ref();
        let mut entries = Vec::new();
        for key in js_sys::Object::keys(object).iter() {
            let Some(name) = key.as_string() else {
                continue;
            };
            let item = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::NULL);
            entries.push((name, json_from_js(&item, depth + 1)?));
        }
        return Ok(Json::Object(entries));
    }
    // Functions, symbols, bigints: nothing JSON can hold; read as null and let validation speak.
    Ok(Json::Null)
}

/// The props text of a mount element, from the sources the contract names, in its order.
fn props_text(element: &Element) -> Option<String> {
    let script = element
        .query_selector(":scope > script[type='application/json']")
        .ok()
        .flatten()
        .and_then(|s| s.text_content());
    script.or_else(|| element.get_attribute("data-props"))
}

/// Validates props, reports problems to the console and as an event, and builds what the root
/// component renders.
fn widget_props(element: &Element, text: Option<String>) -> WidgetProps {
    let json = text
        .ok_or(Problem::Missing)
        .and_then(|t| parse_props_text(&t));
    let (content, warnings) = content_from_json(json);
    for warning in &warnings {
        console::warn(warning);
    }
    if let WidgetContent::Invalid { error, .. } = &content {
        let message = error.to_string();
        console::error(&format!("widget not rendered: {message}"));
        events::error(element, None, &message);
    }
    WidgetProps {
        content,
        host: Some(element.clone()),
    }
}

/// Mounts one widget into `element`, replacing its contents (the props script and any
/// fallback markup the host put there for readers without Wasm).
fn mount(element: Element, text: Option<String>) {
    let already = MOUNTED.with(|m| m.borrow().iter().any(|(e, _)| *e == element));
    if already {
        return;
    }
    let props = widget_props(&element, text);
    let handle = yew::Renderer::<Widget>::with_root_and_props(element.clone(), props).render();
    MOUNTED.with(|m| m.borrow_mut().push((element, handle)));
}

/// Mounts a widget into every mount element present now.
fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all(MOUNT_SELECTOR) else {
        return;
    };
    for i in 0..elements.length() {
        if let Some(element) = elements.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let text = props_text(&element);
            mount(element, text);
        }
    }
}

/// Reports a panic to the console before the instance stops, so a host developer sees why.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console::error(&format!("internal error, widgets stopped: {info}"));
    }));
}

#[wasm_bindgen(start)]
pub fn start() {
    install_panic_hook();
    mount_all();
}
