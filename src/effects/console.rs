//! Messages for the host page's developer, in the browser console.

pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&format!("[article-widget] {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&format!("[article-widget] {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}
