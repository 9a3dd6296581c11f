//! The `articlewidget:*` events a host page listens for on the mount element.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

use crate::model::{Reaction, TextSize};
use crate::state::ReaderReactions;

/// Dispatches a bubbling, composed `CustomEvent` (so listeners on `document` and outside a
/// shadow root hear it too). A host page without `CustomEvent` just hears nothing.
fn dispatch(target: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Builds a plain object from key/value pairs. Keys are defined, not assigned, so a reaction
/// key such as `__proto__` from props becomes an ordinary property instead of a prototype.
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in entries {
        let descriptor = Object::new();
        for (name, v) in [
            ("value", value.clone()),
            ("enumerable", true.into()),
            ("writable", true.into()),
            ("configurable", true.into()),
        ] {
            let _ = Reflect::set(&descriptor, &JsValue::from_str(name), &v);
        }
        let _ = Reflect::define_property(&obj, &JsValue::from_str(key), &descriptor);
    }
    obj.into()
}

/// `articlewidget:textsize` with `{ step, name }`.
pub fn text_size(target: &Element, size: TextSize) {
    let detail =
        object(&[("step", JsValue::from(size.step() as u32)), ("name", JsValue::from_str(size.name()))]);
    dispatch(target, "articlewidget:textsize", &detail);
}

/// `articlewidget:reaction` with `{ articleId, reaction, selected, counts }`, where `counts`
/// are the counts now shown, key to number.
pub fn reaction(
    target: &Element,
    article_id: &str,
    key: &str,
    state: &ReaderReactions,
    reactions: &[Reaction],
) {
    let counts: Vec<(&str, JsValue)> =
        reactions.iter().map(|r| (r.key.as_str(), JsValue::from(state.shown_count(r) as f64))).collect();
    let detail = object(&[
        ("articleId", JsValue::from_str(article_id)),
        ("reaction", JsValue::from_str(key)),
        ("selected", JsValue::from_bool(state.selected.contains(key))),
        ("counts", object(&counts)),
    ]);
    dispatch(target, "articlewidget:reaction", &detail);
}

/// `articlewidget:error` with `{ articleId, message }`; `articleId` is null when the props were
/// too broken to have one.
pub fn error(target: &Element, article_id: Option<&str>, message: &str) {
    let detail = object(&[
        ("articleId", article_id.map_or(JsValue::NULL, JsValue::from_str)),
        ("message", JsValue::from_str(message)),
    ]);
    dispatch(target, "articlewidget:error", &detail);
}
