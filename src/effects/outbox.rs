//! The browser side of delivering reader changes to reactions endpoints: storage, locks,
//! timers and requests around the pure queue in `state::outbox`.
//!
//! A click is stored at once in this tab's own queue, which only this tab writes. One tab at a
//! time, elected by the Web Lock `article-widget-outbox`, reads every tab's queue and sends;
//! its ledger tells the other tabs what is done (see `outbox_store`). A tab whose storage
//! refuses writes sends its own changes from memory and shares nothing. Without Web Locks
//! (plain http) every tab sends, and adopts other tabs' changes once at start: a change may
//! then go out twice, always with its one key. An empty or not-yet-due queue leaves no timer.

use std::cell::RefCell;

use gloo::timers::callback::Timeout;
use yew::Callback;

use super::fetch::post_json;
use super::outbox_store::{self as store, TAB_LOCK};
use super::subscribers::{Registry, Subscription};
use super::{console, entropy, reader_store, web_locks};
use crate::model::Json;
use crate::model::counts::counts_from_json;
use crate::state::delay::clamp_timer_ms;
use crate::state::outbox::{self as core, Change, Moment, Next, Outcome, SETTLE_MS};

pub use super::delivery::Delivery;

#[derive(Default)]
struct Tab {
    id: String,
    queue: Vec<Change>,
    /// Storage refused this tab's queue: it sends alone, from memory, until a write succeeds.
    solo: bool,
    /// What this tab finished while solo (the shared ledger could not hear of it).
    finished_alone: Vec<String>,
    /// When this tab's last change was made.
    last_at: f64,
    timer: Option<(f64, Timeout)>,
    running: bool,
    run_again: bool,
    adopted_once: bool,
    _watching: Option<Subscription>,
}

thread_local! {
    static TAB: RefCell<Tab> = RefCell::new(Tab::default());
    static SUBSCRIBERS: Registry<Delivery> = const { Registry::new() };
}

const SEND_LOCK: &str = "article-widget-outbox";

fn now() -> f64 {
    js_sys::Date::now()
}

/// This tab's identity, and the delivery of whatever other tabs or earlier pages left. Called
/// at the first idle moment after the module starts (within a second), and by a change queued
/// before that: only the first call does anything.
pub fn start() {
    if TAB.with(|t| !t.borrow().id.is_empty()) {
        return;
    }
    let id = entropy::new_id();
    web_locks::hold(&[TAB_LOCK, id.as_str()].concat());
    let watching = super::storage::watch(Callback::from(on_storage));
    TAB.with(|t| {
        let mut t = t.borrow_mut();
        t.id = id;
        t._watching = Some(watching);
    });
    // Widgets mounted before this read their stored state while no one listened for other
    // tabs' writes: they read it again now.
    notify(None, Delivery::Stored);
    if store::any_queue() {
        schedule(0.0);
    }
}

pub fn subscribe(article_id: &str, on_delivery: Callback<Delivery>) -> Subscription {
    Registry::subscribe(&SUBSCRIBERS, article_id, on_delivery)
}

fn notify(article_id: Option<&str>, delivery: Delivery) {
    Registry::notify(&SUBSCRIBERS, article_id, &delivery);
}

/// Another tab wrote: the ledger (drop what it finished from our queue) or an article's state.
fn on_storage(key: Option<String>) {
    match key {
        None => notify(None, Delivery::Stored),
        Some(key) if key == store::ledger_key() => {
            let ledger = store::read_ledger();
            TAB.with(|t| {
                let mut t = t.borrow_mut();
                let before = t.queue.len();
                core::prune(&mut t.queue, &ledger);
                if t.queue.len() != before {
                    t.solo = !store::save_queue(&t.id, &t.queue);
                }
            });
        }
        Some(key) => {
            if let Some(article) = reader_store::article_of(&key) {
                notify(Some(article), Delivery::Stored);
            }
        }
    }
}

/// Queues one reader change; `endpoint` is resolved against this page now, so that whichever
/// page sends it later sends it to the same place.
pub fn enqueue(endpoint: &str, article_id: &str, reaction: &str, selected: bool, single: bool) {
    let Some(endpoint) = entropy::absolute_http_url(endpoint) else {
        return console::warn(
            &["reactionEndpoint ", endpoint, " is not an http(s) URL here; not sent"].concat(),
        );
    };
    start();
    let ledger = store::read_ledger();
    TAB.with(|t| {
        let mut t = t.borrow_mut();
        // Strictly increasing, so a withdrawal and the addition that follows it in the same
        // millisecond keep their order.
        t.last_at = now().max(t.last_at + 1.0);
        let change = Change {
            id: entropy::new_id(),
            endpoint,
            article_id: article_id.to_owned(),
            reaction: reaction.to_owned(),
            selected,
            single,
            queued_at: t.last_at,
        };
        core::enqueue(&mut t.queue, change, &ledger);
        t.solo = !store::save_queue(&t.id, &t.queue);
    });
    schedule(SETTLE_MS);
}

/// Wakes the sender in `delay_ms`, unless a timer already wakes it sooner.
fn schedule(delay_ms: f64) {
    let at = now() + delay_ms;
    TAB.with(|t| {
        let mut t = t.borrow_mut();
        if t.timer.as_ref().is_none_or(|(due, _)| *due > at) {
            t.timer = Some((at, Timeout::new(clamp_timer_ms(delay_ms), wake)));
        }
    });
}

fn wake() {
    let busy = TAB.with(|t| {
        let mut t = t.borrow_mut();
        t.timer = None;
        t.run_again = t.running;
        std::mem::replace(&mut t.running, true)
    });
    if busy {
        return;
    }
    let locked = web_locks::with_lock(SEND_LOCK, || {
        wasm_bindgen_futures::future_to_promise(async {
            run().await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        })
    });
    if !locked {
        wasm_bindgen_futures::spawn_local(run());
    }
}

/// The sender's turn: adopt closed tabs' queues, then send until nothing is due.
async fn run() {
    let (id, mut own, mut once) = TAB.with(|t| {
        let t = t.borrow();
        (t.id.clone(), t.queue.clone(), t.adopted_once)
    });
    if store::adopt(&id, &mut own, &mut once).await {
        TAB.with(|t| t.borrow_mut().queue = own);
    }
    TAB.with(|t| t.borrow_mut().adopted_once = once);
    // Bounded, though every step finishes a change or waits.
    for _ in 0..1_000 {
        let (solo, own, alone) = TAB.with(|t| {
            let t = t.borrow();
            (t.solo, t.queue.clone(), t.finished_alone.clone())
        });
        let mut ledger = store::read_ledger();
        ledger.finished.extend(alone);
        let others = if solo { Vec::new() } else { store::other_queues(&id) };
        let mut queues: Vec<&[Change]> = others.iter().map(|(_, q)| q.as_slice()).collect();
        queues.push(&own);
        let pending = core::pending(&queues, &ledger);
        let (change, outcome, reply) = match core::next(&pending, &ledger, now()) {
            Next::Idle => break,
            Next::Wait(ms) => {
                schedule(f64::from(ms.max(1)));
                break;
            }
            Next::Expire(change) => (change, Outcome::Refused, Err("older than 7 days".into())),
            Next::Superseded(change) => (change, Outcome::Superseded, Ok(None)),
            Next::Send(change) => {
                ledger.sending(&change);
                if !solo {
                    store::write_ledger(ledger.clone(), &others, &own);
                }
                let (outcome, reply) = send(&change).await;
                (change, outcome, reply)
            }
        };
        let settled = {
            let mut article = reader_store::load(&change.article_id);
            article.local_only |= solo;
            let moment = Moment { now: now(), random: js_sys::Math::random() };
            core::settle(&mut ledger, &change, outcome, &article, &pending, moment, entropy::new_id)
        };
        if let Some(selected) = &settled.selected {
            reader_store::save_selection(&change.article_id, selected);
        }
        if let (Some(confirmed), false) = (&settled.confirmed, solo) {
            reader_store::save_confirmed(&change.article_id, confirmed);
        }
        let own = TAB.with(|t| {
            let mut t = t.borrow_mut();
            for correction in settled.corrections {
                core::enqueue(&mut t.queue, correction, &ledger);
            }
            if solo && outcome != Outcome::Retry {
                t.finished_alone.push(change.id.clone());
            }
            core::prune(&mut t.queue, &ledger);
            t.solo = !store::save_queue(&t.id, &t.queue);
            t.queue.clone()
        });
        if !solo {
            store::write_ledger(ledger, &others, &own);
        }
        tell(&change, outcome, reply);
    }
    let again = TAB.with(|t| {
        let mut t = t.borrow_mut();
        t.running = false;
        std::mem::take(&mut t.run_again)
    });
    if again {
        schedule(0.0);
    }
}

/// The reply's `counts`, or why there is no reply.
type Reply = Result<Option<Vec<(String, u64)>>, String>;

/// POSTs the contract's body with the change's key.
async fn send(change: &Change) -> (Outcome, Reply) {
    let Ok(abort) = web_sys::AbortController::new() else {
        return (Outcome::Retry, Err("fetch is not available".into()));
    };
    match post_json(&change.endpoint, &store::body(change), &change.id, &abort).await {
        Ok(reply) => {
            let json = reply.and_then(|r| Json::from_js(&r).ok());
            (Outcome::Delivered, Ok(json.as_ref().and_then(|j| j.get("counts")).and_then(counts_from_json)))
        }
        Err(super::fetch::FetchError::Status(code)) => {
            (Outcome::of_status(Some(code)), Err(super::fetch::http_status(code)))
        }
        Err(error) => (Outcome::Retry, Err(error.text())),
    }
}

/// Tells the article's widgets how a change ended.
fn tell(change: &Change, outcome: Outcome, reply: Reply) {
    let article = Some(change.article_id.as_str());
    let failed = |why: String, then: &str| {
        let message =
            ["reaction `", &change.reaction, "` not delivered to ", &change.endpoint, ": ", &why, "; ", then]
                .concat();
        console::warn(&message);
        notify(article, Delivery::Failed { message });
    };
    match (outcome, reply) {
        (Outcome::Delivered, Ok(counts)) => notify(
            article,
            Delivery::Confirmed { reaction: change.reaction.clone(), selected: change.selected, counts },
        ),
        (Outcome::Retry, Err(why)) => failed(why, "will retry"),
        (Outcome::Refused, Err(why)) => {
            notify(article, Delivery::Stored);
            failed(why, "dropped and taken back");
        }
        _ => notify(article, Delivery::Stored),
    }
}
