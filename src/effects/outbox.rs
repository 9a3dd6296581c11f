//! Delivery of reader reactions to the host's `reactionEndpoint`.
//!
//! Every change goes into one outbox, persisted in localStorage and shared by the site's tabs,
//! so that no reader action is lost to a flaky network or a reload. One request is in flight
//! at a time across all tabs (a Web Lock elects the sender), oldest first. A failure is
//! retried with backoff per endpoint (0.5 s doubling to 30 s; changes for other endpoints go on
//! meanwhile) and reported to the widgets of that article, which dispatch
//! `articlewidget:error`. Changes wait a moment before the first
//! send and supersede the same reaction's unsent change (see `state::enqueue_change`), so rapid
//! toggling sends the final state, not a storm. On the next page load the outbox resumes.

// On native targets (server-side rendering tests) nothing is ever sent.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::cell::RefCell;

use yew::Callback;

use super::storage;
use crate::state::{Backoff, PendingChange, enqueue_change};

/// Quiet time after a change before it is sent, so a burst of toggles becomes one request.
pub const SETTLE_MS: u32 = 300;

/// What a widget hears about its article's deliveries.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// The endpoint accepted `reaction` = `selected`; its reply's `counts`, if it had any.
    Confirmed { reaction: String, selected: bool, counts: Option<Vec<(String, u64)>> },
    /// A send failed. It will be retried, unless the endpoint refused it for good: then
    /// `dropped` names the change (reaction, selected) that will never be recorded.
    Failed { message: String, dropped: Option<(String, bool)> },
}

#[derive(Default)]
struct Outbox {
    /// Set once storage cannot be read or written: from then on the queue lives in memory.
    memory_only: bool,
    queue: Vec<PendingChange>,
    in_flight: Option<String>,
    backoff: Backoff,
    next_change: u64,
    subscribers: Vec<(u64, String, Callback<Delivery>)>,
    next_subscriber: u64,
    #[cfg(target_arch = "wasm32")]
    timer: Option<gloo::timers::callback::Timeout>,
}

thread_local! {
    static OUTBOX: RefCell<Outbox> = RefCell::new(Outbox::default());
}

/// Runs `f` on the outbox, with the queue freshly read from storage: other tabs of the site
/// share it, and a queue cached here would overwrite their changes on the next save.
fn with<R>(f: impl FnOnce(&mut Outbox) -> R) -> R {
    OUTBOX.with(|o| {
        let mut o = o.borrow_mut();
        if !o.memory_only {
            match load() {
                Some(queue) => o.queue = queue,
                None => o.memory_only = true,
            }
        }
        f(&mut o)
    })
}

/// Writes the queue back; a failed write (storage full or gone) keeps it in memory instead.
fn store(o: &mut Outbox) {
    if !o.memory_only && !save(&o.queue) {
        o.memory_only = true;
        // A stale copy left behind would be resent by the next page, after newer changes.
        storage::remove(&key());
    }
}

/// Keeps a widget told about its article's deliveries for as long as it is held.
pub struct Subscription(u64);

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        OUTBOX.with(|o| o.borrow_mut().subscribers.retain(|(i, _, _)| *i != id));
    }
}

pub fn subscribe(article_id: &str, on_delivery: Callback<Delivery>) -> Subscription {
    // Not `with`: subscribing needs no queue, so no storage read on every widget mount.
    OUTBOX.with(|o| {
        let mut o = o.borrow_mut();
        let id = o.next_subscriber;
        o.next_subscriber += 1;
        o.subscribers.push((id, article_id.to_owned(), on_delivery));
        Subscription(id)
    })
}

fn notify(article_id: &str, delivery: Delivery) {
    let subscribers: Vec<Callback<Delivery>> = OUTBOX.with(|o| {
        o.borrow()
            .subscribers
            .iter()
            .filter(|(_, a, _)| a == article_id)
            .map(|(_, _, cb)| cb.clone())
            .collect()
    });
    for cb in subscribers {
        cb.emit(delivery.clone());
    }
}

/// Queues one reader change for `endpoint` and schedules its delivery.
pub fn enqueue(endpoint: &str, article_id: &str, reaction: &str, selected: bool) {
    with(|o| {
        o.next_change += 1;
        let change = PendingChange {
            id: change_id(o.next_change),
            endpoint: endpoint.to_owned(),
            article_id: article_id.to_owned(),
            reaction: reaction.to_owned(),
            selected,
        };
        let in_flight = o.in_flight.clone();
        enqueue_change(&mut o.queue, change, in_flight.as_deref());
        store(o);
    });
    schedule(SETTLE_MS);
}

/// Sends what an earlier page left in the outbox (called once, when the module starts).
pub fn resume() {
    if with(|o| !o.queue.is_empty()) {
        schedule(0);
    }
}

/// A unique id per change: time, a per-page counter and randomness.
fn change_id(counter: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    let (now, random) = (js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64);
    #[cfg(not(target_arch = "wasm32"))]
    let (now, random) = (0u64, 0u64);
    format!("{now:x}-{random:x}-{counter:x}")
}

// ---- persistence: a JSON array of {id, endpoint, articleId, reaction, selected} ----

fn key() -> String {
    format!("{}outbox", storage::PREFIX)
}

/// The stored queue; `None` when storage cannot be read. Garbage reads as an empty queue.
#[cfg(target_arch = "wasm32")]
fn load() -> Option<Vec<PendingChange>> {
    use js_sys::{Array, JSON, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let Some(text) = storage::read(&key()).ok()? else {
        return Some(Vec::new());
    };
    let Ok(array) = JSON::parse(&text).and_then(|v| v.dyn_into::<Array>()) else {
        return Some(Vec::new());
    };
    let field = |item: &JsValue, name: &str| Reflect::get(item, &JsValue::from_str(name)).ok();
    let queue = array
        .iter()
        .filter_map(|item| {
            Some(PendingChange {
                id: field(&item, "id")?.as_string()?,
                endpoint: crate::model::url::safe_url(&field(&item, "endpoint")?.as_string()?)?,
                article_id: field(&item, "articleId")?.as_string()?,
                reaction: field(&item, "reaction")?.as_string()?,
                selected: field(&item, "selected")?.as_bool()?,
            })
        })
        .collect();
    Some(queue)
}

/// Whether the queue was written.
#[cfg(target_arch = "wasm32")]
fn save(queue: &[PendingChange]) -> bool {
    if queue.is_empty() {
        return storage::remove(&key());
    }
    let array = js_sys::Array::new();
    for c in queue {
        array.push(&change_object(c, true));
    }
    js_sys::JSON::stringify(&array).is_ok_and(|text| storage::set(&key(), &String::from(text)))
}

#[cfg(not(target_arch = "wasm32"))]
fn load() -> Option<Vec<PendingChange>> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn save(_queue: &[PendingChange]) -> bool {
    false
}

/// The change as a JS object: the contract's POST body, plus id and endpoint for storage.
#[cfg(target_arch = "wasm32")]
fn change_object(c: &PendingChange, for_storage: bool) -> js_sys::Object {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&obj, &JsValue::from_str(k), &v);
    };
    if for_storage {
        set("id", c.id.as_str().into());
        set("endpoint", c.endpoint.as_str().into());
    }
    set("articleId", c.article_id.as_str().into());
    set("reaction", c.reaction.as_str().into());
    set("selected", c.selected.into());
    obj
}

// ---- delivery ----

/// The Web Lock that makes one tab of the site the only sender at a time.
#[cfg(target_arch = "wasm32")]
const LOCK_NAME: &str = "article-widget-outbox";

#[cfg(not(target_arch = "wasm32"))]
fn schedule(_delay_ms: u32) {}

/// Sends the head of the queue after `delay_ms`, but never before a pending retry is due.
#[cfg(target_arch = "wasm32")]
fn schedule(delay_ms: u32) {
    OUTBOX.with(|o| {
        let mut o = o.borrow_mut();
        // While a request is out, its completion schedules the next; a new timer would only
        // race it.
        if o.in_flight.is_some() {
            return;
        }
        let wait_for_retry = o.backoff.wait_ms(&o.queue, js_sys::Date::now());
        o.timer = Some(gloo::timers::callback::Timeout::new(delay_ms.max(wait_for_retry), send_next));
    });
}

#[cfg(target_arch = "wasm32")]
fn send_next() {
    OUTBOX.with(|o| o.borrow_mut().timer = None);
    under_lock(|| {
        wasm_bindgen_futures::future_to_promise(async {
            send_head().await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        })
    });
}

/// Runs `send` while holding the site-wide Web Lock, so that only one tab sends at a time (two
/// senders would deliver the same change twice, or a newer change before an older one). If
/// another tab holds it, tries again shortly; without Web Locks, sends directly.
#[cfg(target_arch = "wasm32")]
fn under_lock(send: impl FnOnce() -> js_sys::Promise + 'static) {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let locks = web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("navigator")).ok())
        .and_then(|navigator| Reflect::get(&navigator, &JsValue::from_str("locks")).ok())
        .filter(|locks| locks.is_object());
    let request = locks
        .as_ref()
        .and_then(|locks| Reflect::get(locks, &JsValue::from_str("request")).ok())
        .and_then(|f| f.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        let _ = send();
        return;
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            schedule(1_000);
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        send()
    });
    if request.call3(&locks, &JsValue::from_str(LOCK_NAME), &options, &callback).is_err() {
        schedule(1_000);
    }
}

/// Sends the oldest change and records the outcome.
#[cfg(target_arch = "wasm32")]
async fn send_head() {
    use super::fetch::{FetchError, post_json};
    let head = with(|o| {
        if o.in_flight.is_some() {
            return None;
        }
        let head = o.backoff.next_ready(&o.queue, js_sys::Date::now()).cloned()?;
        o.in_flight = Some(head.id.clone());
        Some(head)
    });
    let Some(change) = head else {
        // Every queued change waits on a backing-off endpoint.
        return schedule(0);
    };
    let body = js_sys::JSON::stringify(&change_object(&change, false)).map(String::from).unwrap_or_default();
    let result = match web_sys::AbortController::new() {
        Ok(abort) => post_json(&change.endpoint, &body, &change.id, &abort).await,
        Err(_) => Err(FetchError::Network),
    };
    finish(change, result);
}

#[cfg(target_arch = "wasm32")]
fn finish(change: PendingChange, result: Result<Option<wasm_bindgen::JsValue>, super::fetch::FetchError>) {
    use super::fetch::FetchError;
    // A client error other than timeout or rate limit will not improve by retrying.
    let permanent = matches!(result, Err(FetchError::Status(code)) if (400..500).contains(&code) && code != 408 && code != 429);
    let delivered = result.is_ok() || permanent;
    with(|o| {
        o.in_flight = None;
        if delivered {
            o.queue.retain(|c| c.id != change.id);
            store(o);
            o.backoff.succeeded(&change.endpoint);
        } else {
            o.backoff.failed(&change.endpoint, js_sys::Date::now());
        }
    });
    match result {
        Ok(reply) => {
            let confirmed_key = storage::confirmed_key(&change.article_id);
            let mut confirmed = storage::get_string_list(&confirmed_key);
            confirmed.retain(|k| *k != change.reaction);
            if change.selected {
                confirmed.push(change.reaction.clone());
            }
            storage::set_string_list(&confirmed_key, &confirmed);
            let counts = reply.and_then(|r| counts_from_reply(&r));
            notify(
                &change.article_id,
                Delivery::Confirmed { reaction: change.reaction.clone(), selected: change.selected, counts },
            );
        }
        Err(error) => {
            let message = format!(
                "reaction `{}` not delivered to {}: {error}{}",
                change.reaction,
                change.endpoint,
                if permanent { "; dropped" } else { "; will retry" }
            );
            super::console::warn(&message);
            let failed = Delivery::Failed {
                message,
                dropped: permanent.then(|| (change.reaction.clone(), change.selected)),
            };
            notify(&change.article_id, failed);
        }
    }
    // `schedule` waits for whichever endpoint is ready first (the backoff knows when).
    if with(|o| !o.queue.is_empty()) {
        schedule(0);
    }
}

/// The reply's `counts`: an object of non-negative numbers; anything else is ignored.
#[cfg(target_arch = "wasm32")]
fn counts_from_reply(reply: &wasm_bindgen::JsValue) -> Option<Vec<(String, u64)>> {
    use crate::model::Json;
    let json = crate::embed::json_from_js(reply, 0).ok()?;
    let Some(Json::Object(entries)) = json.get("counts") else {
        return None;
    };
    let counts: Vec<(String, u64)> = entries
        .iter()
        .filter_map(|(k, v)| match v {
            Json::Number(n) if n.is_finite() => {
                Some((k.clone(), n.max(0.0).min(crate::model::props::MAX_COUNT as f64) as u64))
            }
            _ => None,
        })
        .collect();
    Some(counts)
}
