//! A loose JSON value: what the host handed us, before validation.
//!
//! Built by one path, the `Deserialize` impl below with its own depth limit: in the browser from
//! what `JSON.parse` made, through `serde-wasm-bindgen` ([`Json::from_js`]); in native tests and
//! fuzzing from text, through `serde_json`. Reading into this loose tree first, rather than
//! straight into typed structs, lets validation name the exact field (`body[3].text`) instead of
//! serde's field-less "invalid type" messages.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::error::Problem;

/// Deeper nesting than this is rejected instead of recursing: a hostile payload must not be
/// able to exhaust the Wasm stack. Real props nest three levels deep.
pub const MAX_DEPTH: u32 = 32;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Set when the limit trips, so a caller can tell "too deep" from other errors without
    /// reading the error's text.
    static TOO_DEEP: Cell<bool> = const { Cell::new(false) };
}

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

    /// Reads a JS value (from `JSON.parse` or `response.json()`) through the `Deserialize` impl
    /// below: nesting beyond [`MAX_DEPTH`] is `TooDeep`, anything else unreadable `NotJson`.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Json, Problem> {
        TOO_DEEP.with(|t| t.set(false));
        serde_wasm_bindgen::from_value(value.clone())
            .map_err(|_| if TOO_DEEP.with(Cell::get) { Problem::TooDeep } else { Problem::NotJson })
    }

    /// Reads props text (native builds: server rendering), with the same outcomes as
    /// [`Json::from_js`]: nesting beyond [`MAX_DEPTH`] is `TooDeep`, anything else unreadable
    /// (including bytes that are not UTF-8) `NotJson`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_text(text: &[u8]) -> Result<Json, Problem> {
        TOO_DEEP.with(|t| t.set(false));
        serde_json::from_slice(text)
            .map_err(|_| if TOO_DEEP.with(Cell::get) { Problem::TooDeep } else { Problem::NotJson })
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

/// Counts one level of nesting for as long as it lives.
struct DepthGuard;

impl DepthGuard {
    fn enter<E: de::Error>() -> Result<Self, E> {
        let depth = DEPTH.with(|d| {
            let next = d.get().saturating_add(1);
            d.set(next);
            next
        });
        let guard = DepthGuard;
        if depth > MAX_DEPTH {
            TOO_DEEP.with(|t| t.set(true));
            return Err(E::custom(format_args!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(guard)
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(text(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(text(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let _guard = DepthGuard::enter()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let _guard = DepthGuard::enter()?;
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
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
