//! Web Locks (`navigator.locks`), shared by every tab of the origin. They exist only in secure
//! contexts (https, localhost); on a plain-http page each function says so and the caller
//! goes on without them.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<Object> {
    let navigator = Reflect::get(&JsValue::from(web_sys::window()?), &JsValue::from_str("navigator")).ok()?;
    Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?.dyn_into::<Object>().ok()
}

fn method(manager: &Object, name: &str) -> Option<Function> {
    Reflect::get(manager, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()
}

/// Runs `task` while holding the lock `name`, waiting while another tab holds it; the lock is
/// released when the task's promise settles. `false` (nothing run) without Web Locks.
pub fn with_lock(name: &str, task: impl FnOnce() -> Promise + 'static) -> bool {
    let Some(manager) = manager() else { return false };
    let Some(request) = method(&manager, "request") else { return false };
    let callback = Closure::once_into_js(move |_lock: JsValue| task());
    // The tasks never reject, so the promise `request` returns needs no handler.
    request.call2(&manager, &JsValue::from_str(name), &callback).is_ok()
}

/// Holds the lock `name` for as long as this page lives.
pub fn hold(name: &str) -> bool {
    with_lock(name, || Promise::new(&mut |_, _| {}))
}

/// The names of the locks held now, by any tab of the origin; `None` without Web Locks.
pub async fn held() -> Option<Vec<String>> {
    let manager = manager()?;
    let promise = method(&manager, "query")?.call0(&manager).ok()?.dyn_into::<Promise>().ok()?;
    let snapshot = JsFuture::from(promise).await.ok()?;
    let held = Reflect::get(&snapshot, &JsValue::from_str("held")).ok()?.dyn_into::<Array>().ok()?;
    Some(
        held.iter()
            .filter_map(|lock| Reflect::get(&lock, &JsValue::from_str("name")).ok()?.as_string())
            .collect(),
    )
}
