//! localStorage, where it exists and lets us in, and the `storage` event of the site's other
//! tabs.
//!
//! Safari's private mode, sandboxed iframes and strict settings make `localStorage` throw on
//! access, on read or on write; a full origin throws on write. Each is `None` / `false` here,
//! never a panic. A value this tab could not write is kept in memory and read back in this tab
//! only (the reader's choice still works here), and nothing is ever deleted to make room.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use yew::Callback;

use super::subscribers::{Registry, Subscription};
use crate::model::Json;
use crate::state::stored::to_text;

/// Every key the widget writes starts with this, so a host can find and clear them.
pub const PREFIX: &str = "article-widget:v1:";

thread_local! {
    /// Values this tab could not write: key, and value (`None`: a removal that failed).
    static UNSTORED: RefCell<Vec<(String, Option<String>)>> = const { RefCell::new(Vec::new()) };
    static WATCHERS: Registry<Option<String>> = const { Registry::new() };
    static LISTENER: RefCell<Option<gloo::events::EventListener>> = const { RefCell::new(None) };
}

pub fn key(name: &str) -> String {
    let mut key = String::with_capacity(PREFIX.len() + name.len());
    key.push_str(PREFIX);
    key.push_str(name);
    key
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value, this tab's unstored one first; `None` when absent or unreadable.
pub fn get(key: &str) -> Option<String> {
    if let Some(value) = UNSTORED.with(|u| u.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    {
        return value;
    }
    storage()?.get_item(key).ok().flatten()
}

/// Whether this tab holds a value for `key` that storage refused.
pub fn is_unstored(key: &str) -> bool {
    UNSTORED.with(|u| u.borrow().iter().any(|(k, _)| k == key))
}

/// Writes `value` (`None` removes the key). Whether storage took it; if not, this tab keeps it.
pub fn write(key: &str, value: Option<&str>) -> bool {
    let written = storage().is_some_and(|s| match value {
        Some(v) => s.set_item(key, v).is_ok(),
        None => s.remove_item(key).is_ok(),
    });
    UNSTORED.with(|u| {
        let mut u = u.borrow_mut();
        u.retain(|(k, _)| k != key);
        if !written {
            u.push((key.to_owned(), value.map(str::to_owned)));
        }
    });
    written
}

/// Reads a stored JSON value; garbage and absence read as `None`.
pub fn get_json(key: &str) -> Option<Json> {
    let text = get(key)?;
    Json::from_js(&js_sys::JSON::parse(&text).ok()?).ok()
}

pub fn set_json(key: &str, json: &Json) -> bool {
    write(key, Some(&to_text(json)))
}

/// A stored list of strings; anything else (garbage, another version's format, a value a host
/// script wrote) reads as empty.
pub fn get_list(key: &str) -> Vec<String> {
    match get_json(key) {
        Some(Json::Array(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Json::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub fn set_list(key: &str, items: &[String]) -> bool {
    if items.is_empty() {
        return write(key, None);
    }
    set_json(key, &Json::Array(items.iter().cloned().map(Json::String).collect()))
}

/// Every stored key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    let length = s.length().unwrap_or(0);
    (0..length).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Tells `on_change` the key another tab of the site changed (`None`: storage was cleared).
pub fn watch(on_change: Callback<Option<String>>) -> Subscription {
    LISTENER.with(|l| {
        let mut l = l.borrow_mut();
        if l.is_none() {
            *l = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "storage", |event| {
                    if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                        let key = event.key();
                        if key.as_deref().is_none_or(|k| k.starts_with(PREFIX)) {
                            Registry::notify(&WATCHERS, None, &key);
                        }
                    }
                })
            });
        }
    });
    Registry::subscribe(&WATCHERS, "", on_change)
}
