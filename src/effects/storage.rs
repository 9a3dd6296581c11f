//! localStorage, where it exists and lets us in.
//!
//! Safari's private mode, sandboxed iframes and strict cookie settings make `localStorage` throw
//! on access, on read or on write; each of those is `None` / `false` here, never a panic.

/// Every key the widget writes starts with this, so a host can find and clear them.
pub const PREFIX: &str = "article-widget:v1:";

/// localStorage is missing, blocked or throwing.
#[derive(Debug)]
pub struct Unavailable;

pub fn text_size_key() -> String {
    format!("{PREFIX}text-size")
}

pub fn reactions_key(article_id: &str) -> String {
    format!("{PREFIX}reactions:{article_id}")
}

/// The reactions the endpoint acknowledged for an article (already in the site's totals).
pub fn confirmed_key(article_id: &str) -> String {
    format!("{PREFIX}confirmed:{article_id}")
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(target_arch = "wasm32")]
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Like `get`, but tells "no such key" (`Ok(None)`) from "storage unusable" (`Err`).
#[cfg(target_arch = "wasm32")]
pub fn read(key: &str) -> Result<Option<String>, Unavailable> {
    storage().ok_or(Unavailable)?.get_item(key).map_err(|_| Unavailable)
}

#[cfg(target_arch = "wasm32")]
pub fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Whether the key is gone afterwards.
#[cfg(target_arch = "wasm32")]
pub fn remove(key: &str) -> bool {
    storage().is_some_and(|s| s.remove_item(key).is_ok())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn get(_key: &str) -> Option<String> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
pub fn read(_key: &str) -> Result<Option<String>, Unavailable> {
    Err(Unavailable)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn set(_key: &str, _value: &str) -> bool {
    false
}

#[cfg(not(target_arch = "wasm32"))]
pub fn remove(_key: &str) -> bool {
    false
}

/// Reads a stored list of strings; anything that is not a JSON array of strings (garbage,
/// another version's format, a value a host script wrote) reads as empty.
pub fn get_string_list(key: &str) -> Vec<String> {
    get(key).map(|text| decode_string_list(&text)).unwrap_or_default()
}

/// Like `get_string_list`, but tells an empty list from unusable storage.
pub fn read_string_list(key: &str) -> Result<Vec<String>, Unavailable> {
    Ok(read(key)?.map(|text| decode_string_list(&text)).unwrap_or_default())
}

pub fn set_string_list(key: &str, items: &[String]) -> bool {
    if items.is_empty() {
        return remove(key);
    }
    set(key, &encode_string_list(items))
}

/// Lists are stored as JSON arrays of strings, so other tools can read them.
fn encode_string_list(items: &[String]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in item.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push(']');
    out
}

fn decode_string_list(text: &str) -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen::JsCast;
    #[cfg(target_arch = "wasm32")]
    let parsed = js_sys::JSON::parse(text).ok().and_then(|v| {
        let array = v.dyn_into::<js_sys::Array>().ok()?;
        array.iter().map(|item| item.as_string()).collect::<Option<Vec<String>>>()
    });
    #[cfg(not(target_arch = "wasm32"))]
    let parsed = native_decode(text);
    parsed.unwrap_or_default()
}

/// Natively there is no `JSON.parse`; this reads back exactly what `encode_string_list` wrote,
/// which is all native code ever stores.
#[cfg(not(target_arch = "wasm32"))]
fn native_decode(text: &str) -> Option<Vec<String>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner.split(',').map(|part| Some(part.strip_prefix('"')?.strip_suffix('"')?.to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_encode_as_json_arrays_of_strings() {
        let items = vec!["like".to_string(), "fol\"low\\Up\n".into()];
        let text = encode_string_list(&items);
        assert_eq!(text, r#"["like","fol\"low\\Up\u000a"]"#);
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, items);
        assert_eq!(decode_string_list("garbage"), Vec::<String>::new());
        assert_eq!(decode_string_list(r#"["like","sad"]"#), vec!["like", "sad"]);
    }
}
