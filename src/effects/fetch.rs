//! Network requests with a deadline: `data-src` props and reaction deliveries.
#![cfg(target_arch = "wasm32")]

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestInit, Response};

/// How long any request may take before it is abandoned.
pub const DEADLINE_MS: u32 = 10_000;

/// Why a request did not give us what we asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer: offline, refused, aborted, or past the deadline.
    Network,
    /// An answer outside 2xx.
    Status(u16),
    /// A 2xx answer whose body is not JSON.
    NotJson,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            FetchError::Network => f.write_str("network error or timeout"),
            FetchError::Status(code) => write!(f, "HTTP {code}"),
            FetchError::NotJson => f.write_str("the reply is not JSON"),
        }
    }
}

/// Sends `request` and reads the JSON reply, aborting after the deadline or when `abort` fires.
/// A 2xx reply with an empty or non-JSON body gives `Ok(None)` when `body_optional`.
async fn send(
    request: &Request,
    abort: &AbortController,
    body_optional: bool,
) -> Result<Option<JsValue>, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let deadline = {
        let abort = abort.clone();
        Timeout::new(DEADLINE_MS, move || abort.abort())
    };
    let response =
        JsFuture::from(window.fetch_with_request(request)).await.map_err(|_| FetchError::Network)?;
    let response: Response = response.dyn_into().map_err(|_| FetchError::Network)?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let json = match response.json() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    drop(deadline);
    match json {
        Some(value) => Ok(Some(value)),
        None if body_optional => Ok(None),
        None => Err(FetchError::NotJson),
    }
}

/// GETs `url` as JSON (the `data-src` props).
pub async fn get_json(url: &str, abort: &AbortController) -> Result<JsValue, FetchError> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(&abort.signal()));
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Network)?;
    let _ = request.headers().set("accept", "application/json");
    send(&request, abort, false).await?.ok_or(FetchError::NotJson)
}

/// POSTs a JSON body; the reply's JSON, if any.
pub async fn post_json(
    url: &str,
    body: &str,
    idempotency_key: &str,
    abort: &AbortController,
) -> Result<Option<JsValue>, FetchError> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    // A reaction made just before the reader leaves still goes out. (Not in web-sys's
    // RequestInit yet, so set on the dictionary directly.)
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    init.set_signal(Some(&abort.signal()));
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Network)?;
    let headers = request.headers();
    let _ = headers.set("content-type", "application/json");
    let _ = headers.set("idempotency-key", idempotency_key);
    send(&request, abort, true).await
}
