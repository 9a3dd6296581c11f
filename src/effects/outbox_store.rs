//! Where the outbox lives in localStorage: one queue per tab (`outbox:<tab>`, written only by
//! that tab) and the sender's ledger (`delivery`, written only by the tab holding the send
//! lock), and how the sender adopts the queue a closed tab left behind.

use super::{storage, web_locks};
use crate::model::Json;
use crate::state::outbox::{self as core, Change, Ledger};
use crate::state::stored;

/// Each open tab holds the lock of this name plus its id.
pub const TAB_LOCK: &str = "article-widget-tab:";

fn queue_prefix() -> String {
    storage::key("outbox:")
}

pub fn queue_key(tab: &str) -> String {
    let mut key = queue_prefix();
    key.push_str(tab);
    key
}

pub fn ledger_key() -> String {
    storage::key("delivery")
}

/// Whether any tab left a queue (so a new page has something to send); the old shared queue
/// (`outbox`, before per-tab queues) counts too.
pub fn any_queue() -> bool {
    !storage::keys_with_prefix(&storage::key("outbox")).is_empty()
}

/// The old shared queue's changes, if an earlier version left any.
fn legacy_queue() -> Vec<Change> {
    let now = js_sys::Date::now();
    storage::get_json(&storage::key("outbox"))
        .map(|json| stored::legacy_queue_from_json(&json, super::entropy::absolute_http_url, now))
        .unwrap_or_default()
}

/// Writes a tab's queue; whether storage took it.
pub fn save_queue(tab: &str, queue: &[Change]) -> bool {
    let key = queue_key(tab);
    if queue.is_empty() {
        storage::write(&key, None)
    } else {
        storage::set_json(&key, &stored::queue_to_json(queue))
    }
}

fn read_queue(key: &str) -> Vec<Change> {
    storage::get_json(key).map(|json| stored::queue_from_json(&json)).unwrap_or_default()
}

/// Every other tab's stored queue, each with its tab id.
pub fn other_queues(own: &str) -> Vec<(String, Vec<Change>)> {
    let prefix = queue_prefix();
    storage::keys_with_prefix(&prefix)
        .into_iter()
        .filter_map(|key| {
            let tab = key.strip_prefix(&prefix)?.to_owned();
            (tab != own).then(|| (tab, read_queue(&key)))
        })
        .collect()
}

pub fn read_ledger() -> Ledger {
    storage::get_json(&ledger_key()).map(|json| stored::ledger_from_json(&json)).unwrap_or_default()
}

/// Writes the ledger after dropping what no queue (`others` as the sender read them this step,
/// and `own`) needs any more.
pub fn write_ledger(mut ledger: Ledger, others: &[(String, Vec<Change>)], own: &[Change]) {
    let mut queues: Vec<&[Change]> = others.iter().map(|(_, q)| q.as_slice()).collect();
    queues.push(own);
    let held: Vec<&str> = queues.iter().flat_map(|q| q.iter()).map(|c| c.id.as_str()).collect();
    let pending = core::pending(&queues, &ledger);
    ledger.forget_unused(&pending, &held);
    if ledger == Ledger::default() {
        storage::write(&ledger_key(), None);
    } else {
        storage::set_json(&ledger_key(), &stored::ledger_to_json(&ledger));
    }
}

/// Takes the changes of tabs that are gone into `own` (saved as tab `own_id`), then removes
/// their keys; a key goes only once `own` is stored. Without Web Locks no tab can tell a live
/// tab from a closed one: `once` copies every other tab's changes, keeping their keys.
pub async fn adopt(own_id: &str, own: &mut Vec<Change>, once: &mut bool) -> bool {
    let held = web_locks::held().await;
    let orphans: Vec<(String, Vec<Change>)> = match &held {
        Some(held) => other_queues(own_id)
            .into_iter()
            .filter(|(tab, _)| !held.iter().any(|name| name.strip_prefix(TAB_LOCK) == Some(tab.as_str())))
            .collect(),
        None if !*once => other_queues(own_id),
        None => Vec::new(),
    };
    *once = true;
    let legacy = legacy_queue();
    if orphans.is_empty() && legacy.is_empty() {
        return false;
    }
    for change in orphans.iter().flat_map(|(_, q)| q.iter()).chain(&legacy) {
        if !own.iter().any(|c| c.id == change.id) {
            own.push(change.clone());
        }
    }
    if save_queue(own_id, own) {
        // Only the old version writes the old key; a closed tab's key goes once its tab lock
        // said it is closed.
        if !legacy.is_empty() {
            storage::write(&storage::key("outbox"), None);
        }
        if held.is_some() {
            for (tab, _) in &orphans {
                storage::write(&queue_key(tab), None);
            }
        }
    }
    true
}

/// The contract's POST body.
pub fn body(change: &Change) -> String {
    stored::to_text(&Json::Object(vec![
        ("articleId".into(), Json::String(change.article_id.clone())),
        ("reaction".into(), Json::String(change.reaction.clone())),
        ("selected".into(), Json::Bool(change.selected)),
    ]))
}
