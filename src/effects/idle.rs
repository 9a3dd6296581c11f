//! Work that can wait for the page: run at the browser's next idle moment, but not later than
//! a bound, so that a busy page still gets it.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::IdleRequestOptions;

/// Runs `task` once the main thread is idle, within `within_ms` at the latest; after a short
/// timeout where there is no `requestIdleCallback`.
pub fn when_idle(within_ms: u32, task: impl FnOnce() + 'static) {
    when_idle_boxed(within_ms, Box::new(task));
}

/// One copy of the JS callback's glue for every caller's task.
fn when_idle_boxed(within_ms: u32, task: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else { return };
    let callback = Closure::once_into_js(task);
    let options = IdleRequestOptions::new();
    options.set_timeout(within_ms);
    if window.request_idle_callback_with_options(callback.unchecked_ref(), &options).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200);
    }
}
