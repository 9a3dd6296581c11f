//! Network requests with a deadline: `data-src` props and reaction deliveries.

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestInit, Response};

use crate::state::polling;

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
    /// `data-src`: a reply body over the cap.
    TooLarge,
    /// `data-src`: a reply whose content type is not JSON (the type it has, if any).
    NotJsonType(Option<String>),
    /// `data-src`: redirected to another origin (that origin).
    OtherOrigin(String),
}

impl FetchError {
    /// What went wrong, for the console and the `articlewidget:error` event.
    pub fn text(&self) -> String {
        match self {
            FetchError::Network => "network error or timeout".to_owned(),
            FetchError::Status(code) => http_status(*code),
            FetchError::NotJson => "the reply is not JSON".to_owned(),
            FetchError::TooLarge => "reply larger than 4 MiB".to_owned(),
            FetchError::NotJsonType(Some(kind)) => ["reply is not JSON (content-type ", kind, ")"].concat(),
            FetchError::NotJsonType(None) => "reply is not JSON (no content-type)".to_owned(),
            FetchError::OtherOrigin(origin) => ["redirected to another origin (", origin, ")"].concat(),
        }
    }
}

/// `HTTP 503`.
pub fn http_status(code: u16) -> String {
    let mut text = String::from("HTTP ");
    crate::model::format::push_number(&mut text, u64::from(code), 1);
    text
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

/// GETs `url` as JSON (the `data-src` props), refusing what a page should not render: a reply
/// from another origin than the URL asked for (an open redirect), one whose content type is not
/// JSON, and a body over `MAX_REPLY_BYTES` (counted as it streams in, so a huge reply is never
/// held in memory). The body is parsed with the browser's `JSON.parse`.
pub async fn get_json(url: &str, abort: &AbortController) -> Result<JsValue, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(&abort.signal()));
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Network)?;
    let _ = request.headers().set("accept", "application/json");
    let deadline = {
        let abort = abort.clone();
        Timeout::new(DEADLINE_MS, move || abort.abort())
    };
    let response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| FetchError::Network)?;
    let response: Response = response.dyn_into().map_err(|_| FetchError::Network)?;
    // `request.url()` is the URL asked for, resolved against the page; an empty final URL
    // (a service worker's own reply) was not redirected anywhere.
    let asked = origin_of(&request.url());
    let got = response.url();
    if !got.is_empty() && origin_of(&got) != asked {
        return Err(FetchError::OtherOrigin(origin_of(&got).unwrap_or(got)));
    }
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let kind = response.headers().get("content-type").ok().flatten();
    if !kind.as_deref().is_some_and(polling::is_json_content_type) {
        return Err(FetchError::NotJsonType(kind.map(|k| polling::media_type(&k).to_owned())));
    }
    let text = read_capped(&response, abort).await?;
    drop(deadline);
    // `response.text()` drops a byte-order mark; `JSON.parse` would choke on one.
    js_sys::JSON::parse(text.strip_prefix('\u{feff}').unwrap_or(&text)).map_err(|_| FetchError::NotJson)
}

/// The reply body as text, refused once it passes `MAX_REPLY_BYTES`. Read chunk by chunk from
/// `response.body`; where a browser has no body stream, checked against `Content-Length` first.
async fn read_capped(response: &Response, abort: &AbortController) -> Result<String, FetchError> {
    let cap = polling::MAX_REPLY_BYTES;
    let declared = response.headers().get("content-length").ok().flatten();
    if declared.and_then(|n| n.trim().parse::<u64>().ok()).is_some_and(|n| n > u64::from(cap)) {
        abort.abort();
        return Err(FetchError::TooLarge);
    }
    let body = get(response, "body");
    if body.is_null() || body.is_undefined() {
        let promise = response.text().map_err(|_| FetchError::Network)?;
        let text = JsFuture::from(promise).await.map_err(|_| FetchError::Network)?;
        let text = text.as_string().ok_or(FetchError::NotJson)?;
        return if text.len() > cap as usize { Err(FetchError::TooLarge) } else { Ok(text) };
    }
    let reader = call(&body, "getReader")?;
    let mut bytes = Vec::new();
    loop {
        let chunk = call(&reader, "read")?;
        let chunk =
            JsFuture::from(js_sys::Promise::resolve(&chunk)).await.map_err(|_| FetchError::Network)?;
        if get(&chunk, "done").is_truthy() {
            break;
        }
        let value: js_sys::Uint8Array = get(&chunk, "value").dyn_into().map_err(|_| FetchError::Network)?;
        if bytes.len().saturating_add(value.length() as usize) > cap as usize {
            // Stops the download: the rest of the body is never read.
            abort.abort();
            return Err(FetchError::TooLarge);
        }
        bytes.extend_from_slice(&value.to_vec());
    }
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// `object[name]`, or `undefined`.
fn get(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// `object[name]()`.
fn call(object: &JsValue, name: &str) -> Result<JsValue, FetchError> {
    let method: js_sys::Function = get(object, name).dyn_into().map_err(|_| FetchError::Network)?;
    method.call0(object).map_err(|_| FetchError::Network)
}

/// The origin (`https://host:port`) of an absolute URL, as the browser's `URL` computes it.
fn origin_of(url: &str) -> Option<String> {
    let constructor: js_sys::Function = get(&js_sys::global(), "URL").dyn_into().ok()?;
    let parsed =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&JsValue::from_str(url))).ok()?;
    get(&parsed, "origin").as_string()
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
