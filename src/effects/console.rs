//! Messages for the host page's developer, in the browser console.

fn prefixed(message: &str) -> wasm_bindgen::JsValue {
    let mut text = String::from("[article-widget] ");
    text.push_str(message);
    text.into()
}

pub fn error(message: &str) {
    web_sys::console::error_1(&prefixed(message));
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&prefixed(message));
}
