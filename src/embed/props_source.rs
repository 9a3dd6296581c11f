//! Where a mount element's props come from, and reading them into `Json`.

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::model::url::safe_url;
use crate::model::{Json, Problem};

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
/// thrown through the deserializer would skip Rust's clean-up. After the round trip it is plain
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
    Json::from_js(&value)
}
