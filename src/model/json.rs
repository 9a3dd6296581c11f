//! A loose JSON value: what the host handed us, before validation.
//!
//! Built by two paths with the same outcomes and the same depth limit: in the browser, a walk
//! over what `JSON.parse` made ([`Json::from_js`]); natively (server rendering, tests, fuzzing),
//! the `Deserialize` impl in `json/de.rs` through `serde_json` ([`Json::from_text`]). Reading into this loose tree first, rather than
//! straight into typed structs, lets validation name the exact field (`body[3].text`) instead of
//! serde's field-less "invalid type" messages.

use super::error::Problem;

// The `Deserialize` impl (native builds: server rendering, tests, fuzzing). The browser build
// walks JS values instead and compiles no serde at all.
#[cfg(not(target_arch = "wasm32"))]
mod de;

/// Deeper nesting than this is rejected instead of recursing: a hostile payload must not be
/// able to exhaust the Wasm stack. Real props nest three levels deep.
pub const MAX_DEPTH: u32 = 32;

/// A string value, with U+0000 read as U+FFFD: HTML cannot carry a NUL (its parser drops or
/// replaces it), so server markup could never show what the browser renders from a NUL, and
/// none of the props' text means one.
fn text(mut v: String) -> Json {
    if v.contains('\0') {
        v = v.replace('\0', "\u{FFFD}");
    }
    Json::String(v)
}

/// One JSON value. Objects keep their entries in order; a repeated key resolves to the last,
/// as `JSON.parse` does.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value under `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Reads a JS value (from `JSON.parse` or `response.json()`): nesting beyond [`MAX_DEPTH`]
    /// is `TooDeep`, anything JSON cannot hold (a function, a symbol, a BigInt) `NotJson`.
    ///
    /// A walk over the value through `js-sys` rather than a serde deserializer: the same
    /// outcomes as [`Json::from_text`] (a string's NUL read as U+FFFD, keys in the object's
    /// order), without serde's error formatting, which pulls float printing into the bundle.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Json, Problem> {
        from_js_at(value, 0)
    }

    /// Reads props text (native builds: server rendering), with the same outcomes as
    /// [`Json::from_js`]: nesting beyond [`MAX_DEPTH`] is `TooDeep`, anything else unreadable
    /// (including bytes that are not UTF-8) `NotJson`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_text(text: &[u8]) -> Result<Json, Problem> {
        de::from_text(text)
    }

    /// Compact JSON text, safe inside `<script>`: every `<` is `\u003c`, so no string can
    /// close the element (`</script>`) or open a comment (`<!--`), and U+2028/U+2029 are
    /// escaped for hosts that paste the text into a JS string. `number` writes each finite
    /// number (the browser build stores whole numbers only, keeping float printing out of the
    /// bundle; server rendering prints any); NaN and infinities, which JSON lacks, are `null`.
    pub fn write_text(&self, out: &mut String, number: fn(f64, &mut String)) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) if n.is_finite() => number(*n, out),
            Json::Number(_) => out.push_str("null"),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_text(out, number);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write_text(out, number);
                }
                out.push('}');
            }
        }
    }

    /// The name of this value's type, as a host developer would say it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A JSON string literal, escaped as [`Json::write_text`] says.
fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' | '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' => {
                let code = c as usize;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(HEX[(code >> shift) & 15]));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// [`Json::from_js`] for a value inside `depth` arrays and objects.
#[cfg(target_arch = "wasm32")]
fn from_js_at(value: &wasm_bindgen::JsValue, depth: u32) -> Result<Json, Problem> {
    use wasm_bindgen::JsCast;

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
        return Ok(text(s));
    }
    if !value.is_object() || value.is_function() {
        return Err(Problem::NotJson);
    }
    if depth >= MAX_DEPTH {
        return Err(Problem::TooDeep);
    }
    if js_sys::Array::is_array(value) {
        let array: &js_sys::Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length().min(1024) as usize);
        for item in array.iter() {
            items.push(from_js_at(&item, depth + 1)?);
        }
        return Ok(Json::Array(items));
    }
    let entries = js_sys::Object::entries(value.unchecked_ref());
    let mut out = Vec::with_capacity(entries.length().min(1024) as usize);
    for entry in entries.iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let key = entry.get(0).as_string().ok_or(Problem::NotJson)?;
        out.push((key, from_js_at(&entry.get(1), depth + 1)?));
    }
    Ok(Json::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }

    #[test]
    fn a_nul_in_a_string_value_is_read_as_the_replacement_character() {
        let v: Json = serde_json::from_str(r#"{"a\u0000":"x\u0000y"}"#).unwrap();
        assert_eq!(v, Json::Object(vec![("a\0".into(), Json::String("x\u{FFFD}y".into()))]));
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(r#"{"a":[1,-2,3.5,true,null,"x"],"b":{}}"#).unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Json::Array(vec![
                Json::Number(1.0),
                Json::Number(-2.0),
                Json::Number(3.5),
                Json::Bool(true),
                Json::Null,
                Json::String("x".into()),
            ]))
        );
        assert_eq!(v.get("b"), Some(&Json::Object(vec![])));
        assert_eq!(v.get("missing"), None);
    }

    #[test]
    fn a_repeated_key_resolves_to_the_last_like_json_parse() {
        let v = parse(r#"{"k":1,"k":2}"#).unwrap();
        assert_eq!(v.get("k"), Some(&Json::Number(2.0)));
    }

    #[test]
    fn text_reads_like_json_parse_and_says_why_not() {
        assert_eq!(Json::from_text(b" [1] "), Ok(Json::Array(vec![Json::Number(1.0)])));
        assert_eq!(Json::from_text(b"{"), Err(Problem::NotJson));
        assert_eq!(Json::from_text(b"\"\xff\""), Err(Problem::NotJson));
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert_eq!(Json::from_text(deep.as_bytes()), Err(Problem::TooDeep));
        assert_eq!(Json::from_text(b"[]"), Ok(Json::Array(vec![])));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        // serde_json has its own limit (128); ours (32) must trip first and leave the
        // counter balanced for the next parse.
        assert!(parse(&deep).is_err());
        let ok = "[".repeat(MAX_DEPTH as usize) + &"]".repeat(MAX_DEPTH as usize);
        assert!(parse(&ok).is_ok());
        let too_deep = "[".repeat(MAX_DEPTH as usize + 1) + &"]".repeat(MAX_DEPTH as usize + 1);
        assert!(parse(&too_deep).is_err());
        assert!(parse(&ok).is_ok(), "depth counter must reset after an error");
    }
}
