//! Identifiers and URLs the outbox needs from the browser.

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

fn crypto() -> Option<JsValue> {
    Reflect::get(&JsValue::from(web_sys::window()?), &JsValue::from_str("crypto"))
        .ok()
        .filter(|c| c.is_object())
}

/// A change's `Idempotency-Key`: `crypto.randomUUID()` where it exists (secure contexts),
/// else 128 random bits from `crypto.getRandomValues`, else (a very old browser) `Math.random`.
pub fn new_id() -> String {
    let crypto = crypto();
    let call = |name: &str, arg: Option<&JsValue>| -> Option<JsValue> {
        let crypto = crypto.as_ref()?;
        let f = Reflect::get(crypto, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()?;
        match arg {
            Some(arg) => f.call1(crypto, arg).ok(),
            None => f.call0(crypto).ok(),
        }
    };
    if let Some(uuid) = call("randomUUID", None).and_then(|v| v.as_string()) {
        return uuid;
    }
    let bytes = Uint8Array::new_with_length(16);
    let mut raw = [0u8; 16];
    if call("getRandomValues", Some(&bytes)).is_some() {
        bytes.copy_to(&mut raw);
    } else {
        for byte in &mut raw {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    raw.iter().flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]).map(char::from).collect()
}

/// `url` resolved against this page, if the result is http or https.
pub fn absolute_http_url(url: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok().flatten()?;
    let resolved = web_sys::Url::new_with_base(url, &base).ok()?;
    matches!(resolved.protocol().as_str(), "http:" | "https:").then(|| resolved.href())
}
