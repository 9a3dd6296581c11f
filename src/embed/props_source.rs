//! Where a mount element's props come from, and reading them into `Json`.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::model::url::safe_url;
use crate::model::{Json, Problem, json};

/// A widget's props, read or still to fetch.
pub enum Source {
    Json(Result<Json, Problem>),
    /// `data-src`: a URL to fetch, already filtered to http, https or relative.
    Url(String),
}

/// The props of a mount element, from the sources the contract names, in its order: a child
/// `<script type="application/json">`, then `data-props`, then `data-src`.
pub fn from_element(element: &Element) -> Source {
    let script = element
        .query_selector(":scope > script[type='application/json']")
        .ok()
        .flatten()
        .and_then(|s| s.text_content());
    if let Some(text) = script.or_else(|| element.get_attribute("data-props")) {
        return Source::Json(parse_text(&text));
    }
    match element.get_attribute("data-src") {
        Some(url) => match safe_url(&url) {
            Some(url) => Source::Url(url),
            None => {
                Source::Json(Err(Problem::Invalid { expected: "an http, https or relative data-src URL" }))
            }
        },
        None => Source::Json(Err(Problem::NoSource)),
    }
}

/// Props handed to `mount`/`update` from script: an object, or a JSON string.
///
/// An object goes through `JSON.stringify` first (which catches): what a page hands over may be
/// a Proxy with throwing traps, have throwing getters, cycles or BigInts, and any of those
/// thrown through the walk below would skip Rust's clean-up. After the round trip it is plain
/// JSON data, exactly what the contract allows.
pub fn from_js(props: &JsValue) -> Source {
    Source::Json(match props.as_string() {
        Some(text) => parse_text(&text),
        None => match js_sys::JSON::stringify(props) {
            Ok(text) => match text.as_string() {
                Some(text) => parse_text(&text),
                None => Err(Problem::NotJson), // `undefined`, a function, a symbol
            },
            Err(_) => Err(Problem::NotJson),
        },
    })
}

/// Parses props text with the browser's own `JSON.parse` (no JSON parser in the bundle).
fn parse_text(text: &str) -> Result<Json, Problem> {
    let value = js_sys::JSON::parse(text).map_err(|_| Problem::NotJson)?;
    json_from_js(&value, 0)
}

/// Reads a JS value from `JSON.parse` (or `response.json()`) into `Json`. Done by hand rather
/// than through serde: the value already is parsed, and walking it directly keeps serde's
/// deserializer and its float formatting out of the bundle (10 KB of brotli'd Wasm, measured).
pub fn json_from_js(value: &JsValue, depth: u32) -> Result<Json, Problem> {
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
            // A getter that throws reads as null rather than escaping into the widget.
            let item = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::NULL);
            entries.push((name, json_from_js(&item, depth + 1)?));
        }
        return Ok(Json::Object(entries));
    }
    // Functions, symbols, bigints: nothing JSON holds; read as null and let validation speak.
    Ok(Json::Null)
}
