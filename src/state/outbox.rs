//! The delivery queue of reader changes bound for reactions endpoints, as plain data.
//!
//! Every tab keeps its own queue (only that tab writes it), so no tab can overwrite another's
//! pending changes. One tab at a time, the sender, reads every queue, sends the oldest change
//! whose endpoint is not backing off, and records the outcome in the [`Ledger`], which only the
//! sender writes. The shell in `effects::outbox` reads storage, calls these functions and
//! performs what they return; the clock, randomness and the other tabs' queues are arguments,
//! so the tests below drive it with simulated tabs and clocks.

use super::delay::{clamp_timer_ms, doubling};
use super::reactions::{ArticleState, Selection, corrections};

/// Quiet time after a change before it is sent, so a burst of toggles becomes one request.
pub const SETTLE_MS: f64 = 300.0;
/// A change older than this is given up (contract §4: a change may expire; days).
pub const MAX_AGE_MS: f64 = 7.0 * 24.0 * 3_600_000.0;
const FIRST_RETRY_MS: f64 = 500.0;
const MAX_RETRY_MS: f64 = 30_000.0;

/// One reader change waiting to reach a reactions endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Unique per change; sent as the `Idempotency-Key` header.
    pub id: String,
    /// Absolute: resolved against the page where the reader reacted.
    pub endpoint: String,
    pub article_id: String,
    pub reaction: String,
    pub selected: bool,
    /// The article's reactions are single-choice (decides how a refused change is taken back).
    pub single: bool,
    /// When the reader made it, in ms since the epoch.
    pub queued_at: f64,
}

impl Change {
    fn same_target(&self, other: &Change) -> bool {
        self.endpoint == other.endpoint
            && self.article_id == other.article_id
            && self.reaction == other.reaction
    }

    /// Changes are ordered by when they were made, ties by id, so every tab sees one order.
    fn is_before(&self, other: &Change) -> bool {
        self.queued_at.total_cmp(&other.queued_at).then_with(|| self.id.cmp(&other.id)).is_lt()
    }
}

/// Queues `change` in a tab's own queue. The same reaction's unsent change is superseded: the
/// endpoint only needs the reader's latest state, so rapid toggling sends the final one. A
/// change already sent stays until it is answered: the endpoint may have applied it, and only
/// its reply says what the endpoint holds.
pub fn enqueue(queue: &mut Vec<Change>, change: Change, ledger: &Ledger) {
    queue.retain(|c| !c.same_target(&change) || ledger.sent.iter().any(|s| s.id == c.id));
    queue.push(change);
}

/// One endpoint's failures in a row, and when it may be tried again.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointBackoff {
    pub endpoint: String,
    pub failures: u32,
    pub retry_at: f64,
}

/// What the sender has done, shared by all tabs: the changes it finished (delivered or
/// dropped), kept until no queue holds them; the endpoints backing off (per endpoint, so a
/// dead endpoint never holds up changes bound for another); and, per reaction, the newest
/// change sent, so that an older one surfacing later (from a tab whose storage was full) is
/// not sent after it: the endpoint answers a retried key as it first did, so a stale change
/// applied in between would leave it holding what the reader no longer holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ledger {
    pub finished: Vec<String>,
    pub backoff: Vec<EndpointBackoff>,
    pub sent: Vec<Change>,
}

impl Ledger {
    fn is_finished(&self, id: &str) -> bool {
        self.finished.iter().any(|f| f == id)
    }

    /// When `endpoint` may be tried; a retry time further off than the longest backoff (the
    /// clock went back) counts from `now`.
    fn retry_at(&self, endpoint: &str, now: f64) -> f64 {
        self.backoff
            .iter()
            .find(|b| b.endpoint == endpoint)
            .map_or(f64::NEG_INFINITY, |b| b.retry_at.min(now + MAX_RETRY_MS))
    }

    /// Records that `change` is being sent (before the request goes out).
    pub fn sending(&mut self, change: &Change) {
        self.sent.retain(|s| !s.same_target(change));
        self.sent.push(change.clone());
    }

    /// A newer change of the same reaction was already sent.
    fn is_superseded(&self, change: &Change) -> bool {
        self.sent.iter().any(|s| s.same_target(change) && change.is_before(s))
    }

    /// Drops what no queue needs any more: finished ids that no queue still holds, and backoff
    /// and sent records that no pending change is about.
    pub fn forget_unused(&mut self, pending: &[Change], queued_ids: &[&str]) {
        self.finished.retain(|id| queued_ids.contains(&id.as_str()));
        self.backoff.retain(|b| pending.iter().any(|c| c.endpoint == b.endpoint));
        self.sent.retain(|s| pending.iter().any(|c| c.same_target(s)));
    }
}

/// Every change still to deliver: all tabs' queues merged, each change once, finished ones
/// left out, oldest first (ties by id, so every tab sees one order).
pub fn pending(queues: &[&[Change]], ledger: &Ledger) -> Vec<Change> {
    let mut all: Vec<Change> = Vec::new();
    for change in queues.iter().flat_map(|q| q.iter()) {
        if !ledger.is_finished(&change.id) && !all.iter().any(|c| c.id == change.id) {
            // Inserted in order rather than sorted after: queues are short, and a sort routine
            // would cost kilobytes of Wasm.
            let at = all.partition_point(|c| c.is_before(change));
            all.insert(at, change.clone());
        }
    }
    all
}

/// Removes from a tab's own queue what the sender finished.
pub fn prune(queue: &mut Vec<Change>, ledger: &Ledger) {
    queue.retain(|c| !ledger.is_finished(&c.id));
}

/// What the sender does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Send this change now.
    Send(Change),
    /// This change outlived the age limit: drop it (taken back, reported).
    Expire(Change),
    /// A newer change of the same reaction was sent already: finish this one unsent.
    Superseded(Change),
    /// Nothing may be sent before this many ms (clamped for a JS timer).
    Wait(u32),
    /// Nothing to send: no timer at all.
    Idle,
}

/// The sender's next step over `pending` (oldest first) at `now`. Changes to one endpoint go
/// in order; another endpoint's change may pass one whose endpoint is backing off. A change
/// waits [`SETTLE_MS`] after it was made, so a burst of toggles becomes one request.
pub fn next(pending: &[Change], ledger: &Ledger, now: f64) -> Next {
    if let Some(old) = pending.iter().find(|c| now - c.queued_at > MAX_AGE_MS) {
        return Next::Expire(old.clone());
    }
    if let Some(stale) = pending.iter().find(|c| ledger.is_superseded(c)) {
        return Next::Superseded(stale.clone());
    }
    // A change may go once it has settled (the reader stopped toggling it) and its endpoint
    // is not backing off.
    let due = |c: &Change| ledger.retry_at(&c.endpoint, now).max(c.queued_at + SETTLE_MS);
    if let Some(ready) = pending.iter().find(|c| due(c) <= now) {
        return Next::Send(ready.clone());
    }
    let earliest = pending.iter().map(due).fold(f64::INFINITY, f64::min);
    if earliest.is_finite() { Next::Wait(clamp_timer_ms(earliest - now)) } else { Next::Idle }
}

/// How a send ended, from the HTTP status (`None`: no answer at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    /// Network error, timeout, 408, 429 or 5xx: worth trying again.
    Retry,
    /// Any other answer outside 2xx: retrying cannot fix it.
    Refused,
    /// Not sent: a newer change of the same reaction went first.
    Superseded,
}

impl Outcome {
    pub fn of_status(status: Option<u16>) -> Outcome {
        match status {
            Some(200..=299) => Outcome::Delivered,
            None | Some(408) | Some(429) | Some(500..) => Outcome::Retry,
            Some(_) => Outcome::Refused,
        }
    }
}

/// The delay before retrying after `failures` in a row: 0.5 s doubling to 30 s, drawn at
/// random between half and all of it (`random` in 0..1), so readers do not retry in lockstep.
pub fn retry_delay_ms(failures: u32, random: f64) -> f64 {
    doubling(FIRST_RETRY_MS, failures.saturating_sub(1), MAX_RETRY_MS) * (0.5 + 0.5 * random.clamp(0.0, 1.0))
}

/// The clock and a random draw in 0..1, as the shell read them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Moment {
    pub now: f64,
    pub random: f64,
}

/// What finishing a change changes besides the ledger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settled {
    /// The reader's selection after a take-back, when it changed.
    pub selected: Option<Selection>,
    /// What the endpoint now holds, when it changed.
    pub confirmed: Option<Selection>,
    /// Changes to queue so that the endpoint ends up holding what the reader holds.
    pub corrections: Vec<Change>,
}

/// Records how sending `change` ended. Delivered (or superseded): any difference left between
/// what the reader holds and what the endpoint holds (two tabs clicked at the same instant) is
/// queued again. Refused or expired: taken back to what the endpoint holds.
/// `pending` is every change still to deliver; `new_id` names corrections.
pub fn settle(
    ledger: &mut Ledger,
    change: &Change,
    outcome: Outcome,
    article: &ArticleState,
    pending: &[Change],
    Moment { now, random }: Moment,
    mut new_id: impl FnMut() -> String,
) -> Settled {
    if outcome == Outcome::Retry {
        let failures =
            ledger.backoff.iter().find(|b| b.endpoint == change.endpoint).map_or(0, |b| b.failures);
        let failures = failures.saturating_add(1);
        ledger.backoff.retain(|b| b.endpoint != change.endpoint);
        let retry_at = now + retry_delay_ms(failures, random);
        ledger.backoff.push(EndpointBackoff { endpoint: change.endpoint.clone(), failures, retry_at });
        return Settled::default();
    }
    ledger.backoff.retain(|b| b.endpoint != change.endpoint);
    ledger.finished.push(change.id.clone());
    if outcome == Outcome::Refused {
        let held = article.confirmed.contains(&change.reaction);
        let selected = article.selected.taken_back(&change.reaction, held, change.single);
        return Settled {
            selected: (selected != article.selected).then_some(selected),
            ..Settled::default()
        };
    }
    let confirmed = match outcome {
        Outcome::Delivered => article.confirmed.with(&change.reaction, change.selected),
        _ => article.confirmed.clone(),
    };
    if article.local_only {
        return Settled {
            confirmed: (confirmed != article.confirmed).then_some(confirmed),
            ..Settled::default()
        };
    }
    let queued = pending
        .iter()
        .filter(|c| c.id != change.id && c.article_id == change.article_id)
        .map(|c| c.reaction.as_str())
        .collect::<Vec<_>>();
    let corrections = corrections(&article.selected, &confirmed, &queued)
        .into_iter()
        .map(|(reaction, selected)| Change {
            id: new_id(),
            reaction,
            selected,
            queued_at: now,
            ..change.clone()
        })
        .collect();
    Settled {
        confirmed: (confirmed != article.confirmed).then_some(confirmed),
        corrections,
        ..Settled::default()
    }
}

#[cfg(test)]
mod simulation;
#[cfg(test)]
mod tests;
