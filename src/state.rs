//! State transitions, as plain functions: the reader's reactions, what the reactions endpoint
//! has confirmed, the delivery queue, and the text-size keys. Views and effects call these;
//! native unit tests pin them down without a browser.

use std::rc::Rc;

use yew::Reducible;

use crate::model::{Reaction, ReactionMode, TextSize};

/// The reaction keys this reader holds for one article.
///
/// Only the reader's own choice lives here; counts are derived from the props (the site's
/// totals) plus this selection, so a props update never fights a copy of itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub keys: Vec<String>,
}

impl Selection {
    pub fn contains(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }

    /// Keeps only keys the article offers, without repeats, and at most one in single mode:
    /// stored data may come from an older configuration of the same article, or be garbage.
    pub fn sanitized(keys: Vec<String>, offered: &[Reaction], mode: ReactionMode) -> Selection {
        let mut kept: Vec<String> = Vec::new();
        for key in keys {
            if offered.iter().any(|r| r.key == key) && !kept.contains(&key) {
                kept.push(key);
            }
        }
        if mode == ReactionMode::Single {
            kept.truncate(1);
        }
        Selection { keys: kept }
    }

    /// The reader presses `key`: take it back if held; otherwise add it, replacing any other
    /// in single mode.
    pub fn toggle(&self, key: &str, mode: ReactionMode) -> Selection {
        if self.contains(key) {
            return Selection { keys: self.keys.iter().filter(|k| *k != key).cloned().collect() };
        }
        let mut keys = match mode {
            ReactionMode::Single => Vec::new(),
            ReactionMode::Multiple => self.keys.clone(),
        };
        keys.push(key.to_owned());
        Selection { keys }
    }
}

/// One reader's reactions to one article, and what the site has seen of them.
///
/// Shown count = the site's total (from props, or the endpoint's latest `counts`) plus the
/// reader's selection, minus what the endpoint already confirmed (already in the total).
/// Without an endpoint nothing is ever confirmed, so every reaction of the reader is added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderReactions {
    /// The reader's current choice, as stored.
    pub selected: Selection,
    /// The state the endpoint acknowledged, per key.
    pub confirmed: Selection,
    /// Totals from the endpoint's replies, replacing the props' counts key by key.
    pub totals: Vec<(String, u64)>,
}

/// What changes the reader's reactions.
pub enum ReactionsAction {
    /// The reader's new selection.
    Select(Selection),
    /// New props counts arrived: they replace what earlier endpoint replies said.
    ResetTotals,
    /// The endpoint acknowledged `reaction` = `selected`, with fresh `counts` or none;
    /// `props_count` is the site's total from props for that key.
    Confirm { reaction: String, selected: bool, counts: Option<Vec<(String, u64)>>, props_count: u64 },
}

/// `base` moved by one reader's state change from `was` to `now`.
fn moved(base: u64, now: bool, was: bool) -> u64 {
    match (now, was) {
        (true, false) => base.saturating_add(1),
        (false, true) => base.saturating_sub(1),
        _ => base,
    }
}

impl ReaderReactions {
    /// The total the site reported for `key`, before this reader's unconfirmed reactions.
    fn base(&self, key: &str, props_count: u64) -> u64 {
        self.totals.iter().find(|(k, _)| k == key).map_or(props_count, |(_, n)| *n)
    }

    pub fn shown_count(&self, reaction: &Reaction) -> u64 {
        moved(
            self.base(&reaction.key, reaction.count),
            self.selected.contains(&reaction.key),
            self.confirmed.contains(&reaction.key),
        )
    }

    /// The per-key changes from the current selection to `next`, in the order the endpoint
    /// should hear them: withdrawals first, so a single-mode server never sees two at once.
    pub fn changes_to(&self, next: &Selection) -> Vec<(String, bool)> {
        let removed = self.selected.keys.iter().filter(|k| !next.contains(k)).map(|k| (k.clone(), false));
        let added = next.keys.iter().filter(|k| !self.selected.contains(k)).map(|k| (k.clone(), true));
        removed.chain(added).collect()
    }

    pub fn apply(&self, action: ReactionsAction) -> ReaderReactions {
        let mut next = self.clone();
        match action {
            ReactionsAction::Select(selection) => next.selected = selection,
            ReactionsAction::ResetTotals => next.totals.clear(),
            ReactionsAction::Confirm { reaction, selected, counts, props_count } => {
                // Without counts in the reply the site's total moved by this change all the
                // same: fold it into the base rather than let the number jump back.
                let counts = counts.unwrap_or_else(|| {
                    let was = self.confirmed.contains(&reaction);
                    vec![(reaction.clone(), moved(self.base(&reaction, props_count), selected, was))]
                });
                for (key, n) in counts {
                    next.totals.retain(|(k, _)| *k != key);
                    next.totals.push((key, n));
                }
                next.confirmed.keys.retain(|k| *k != reaction);
                if selected {
                    next.confirmed.keys.push(reaction);
                }
            }
        }
        next
    }
}

impl Reducible for ReaderReactions {
    type Action = ReactionsAction;

    fn reduce(self: Rc<Self>, action: ReactionsAction) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

/// One reader change waiting to reach a reactions endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    /// Unique per change; sent as the `Idempotency-Key` header.
    pub id: String,
    pub endpoint: String,
    pub article_id: String,
    pub reaction: String,
    pub selected: bool,
}

impl PendingChange {
    fn same_target(&self, other: &PendingChange) -> bool {
        self.endpoint == other.endpoint
            && self.article_id == other.article_id
            && self.reaction == other.reaction
    }
}

/// Queues `change`. A change for the same reaction that is still waiting (not the one in
/// flight) is superseded: the endpoint only needs the reader's latest state, so rapid toggling
/// sends at most the change in flight and the final one, in the order the reader made them.
pub fn enqueue_change(queue: &mut Vec<PendingChange>, change: PendingChange, in_flight: Option<&str>) {
    queue.retain(|c| Some(c.id.as_str()) == in_flight || !c.same_target(&change));
    queue.push(change);
}

/// Endpoints that failed, each with its failures in a row and when it may be tried again.
/// Backing off per endpoint means one dead endpoint (say, from an old article's props) never
/// holds up changes bound for the others; changes to one endpoint still go in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Backoff {
    pub endpoints: Vec<(String, u32, f64)>,
}

impl Backoff {
    fn retry_at(&self, endpoint: &str) -> f64 {
        self.endpoints.iter().find(|(e, _, _)| e == endpoint).map_or(0.0, |(_, _, at)| *at)
    }

    /// The oldest change whose endpoint may be tried at `now`.
    pub fn next_ready<'a>(&self, queue: &'a [PendingChange], now: f64) -> Option<&'a PendingChange> {
        queue.iter().find(|c| self.retry_at(&c.endpoint) <= now)
    }

    /// How long from `now` until some queued change may be tried (0 if one may now).
    pub fn wait_ms(&self, queue: &[PendingChange], now: f64) -> u32 {
        let earliest = queue.iter().map(|c| self.retry_at(&c.endpoint)).fold(f64::INFINITY, f64::min);
        if earliest.is_finite() { (earliest - now).clamp(0.0, f64::from(u32::MAX)) as u32 } else { 0 }
    }

    /// Records a failed send; returns the delay before that endpoint is tried again.
    pub fn failed(&mut self, endpoint: &str, now: f64) -> u32 {
        let failures = self.endpoints.iter().find(|(e, _, _)| e == endpoint).map_or(0, |(_, f, _)| *f);
        let failures = failures.saturating_add(1);
        let delay = retry_delay_ms(failures);
        self.endpoints.retain(|(e, _, _)| e != endpoint);
        self.endpoints.push((endpoint.to_owned(), failures, now + f64::from(delay)));
        delay
    }

    pub fn succeeded(&mut self, endpoint: &str) {
        self.endpoints.retain(|(e, _, _)| e != endpoint);
    }
}

/// Retry delay after `failures` failed attempts: 0.5 s doubling, at most 30 s.
pub fn retry_delay_ms(failures: u32) -> u32 {
    500u32.saturating_mul(1 << failures.saturating_sub(1).min(6)).min(30_000)
}

/// Where a key press moves the text-size choice, following the ARIA radio group pattern:
/// arrows move and wrap, Home and End jump to the ends; other keys are not ours.
pub fn text_size_after_key(current: TextSize, key: &str) -> Option<TextSize> {
    let last = TextSize::ALL.len() - 1;
    let step = current.step();
    let next = match key {
        "ArrowRight" | "ArrowDown" => {
            if step == last {
                0
            } else {
                step + 1
            }
        }
        "ArrowLeft" | "ArrowUp" => {
            if step == 0 {
                last
            } else {
                step - 1
            }
        }
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    TextSize::from_step(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offered() -> Vec<Reaction> {
        ["like", "angry", "sad", "followUp"]
            .into_iter()
            .map(|k| Reaction { key: k.into(), label: k.into(), count: 3 })
            .collect()
    }

    fn sel(keys: &[&str]) -> Selection {
        Selection { keys: keys.iter().map(|k| k.to_string()).collect() }
    }

    #[test]
    fn single_mode_holds_one_reaction_and_moves_it() {
        let s = Selection::default().toggle("like", ReactionMode::Single);
        assert_eq!(s, sel(&["like"]));
        let s = s.toggle("sad", ReactionMode::Single);
        assert_eq!(s, sel(&["sad"]));
        let s = s.toggle("sad", ReactionMode::Single);
        assert_eq!(s, sel(&[]));
    }

    #[test]
    fn multiple_mode_holds_several() {
        let s =
            Selection::default().toggle("like", ReactionMode::Multiple).toggle("sad", ReactionMode::Multiple);
        assert_eq!(s, sel(&["like", "sad"]));
        assert_eq!(s.toggle("like", ReactionMode::Multiple), sel(&["sad"]));
    }

    fn reader(selected: &[&str], confirmed: &[&str]) -> ReaderReactions {
        ReaderReactions { selected: sel(selected), confirmed: sel(confirmed), totals: vec![] }
    }

    #[test]
    fn without_an_endpoint_counts_move_by_one_and_never_overflow() {
        let r = offered();
        let s = reader(&["like"], &[]);
        assert_eq!(s.shown_count(&r[0]), 4);
        assert_eq!(s.shown_count(&r[1]), 3);
        let max = Reaction { key: "like".into(), label: "x".into(), count: u64::MAX };
        assert_eq!(s.shown_count(&max), u64::MAX);
        let zero = Reaction { key: "like".into(), label: "x".into(), count: 0 };
        assert_eq!(reader(&[], &["like"]).shown_count(&zero), 0);
    }

    #[test]
    fn confirmed_reactions_are_already_in_the_total() {
        let r = offered(); // every count 3, as the site reported after the reader's like
        assert_eq!(reader(&["like"], &["like"]).shown_count(&r[0]), 3);
        assert_eq!(reader(&[], &["like"]).shown_count(&r[0]), 2, "withdrawn, not yet confirmed");
    }

    #[test]
    fn a_reply_with_counts_replaces_the_totals() {
        let r = offered();
        let s = reader(&["like"], &[]).apply(ReactionsAction::Confirm {
            reaction: "like".into(),
            selected: true,
            counts: Some(vec![("like".into(), 10), ("sad".into(), 7)]),
            props_count: 3,
        });
        assert_eq!(s.confirmed, sel(&["like"]));
        assert_eq!(s.shown_count(&r[0]), 10);
        assert_eq!(s.shown_count(&r[2]), 7);
        assert_eq!(s.shown_count(&r[1]), 3, "keys the reply leaves out keep the props count");
    }

    #[test]
    fn a_reply_without_counts_keeps_the_shown_number() {
        let r = offered();
        let before = reader(&["like"], &[]);
        let after = before.apply(ReactionsAction::Confirm {
            reaction: "like".into(),
            selected: true,
            counts: None,
            props_count: 3,
        });
        assert_eq!(before.shown_count(&r[0]), 4);
        assert_eq!(after.shown_count(&r[0]), 4);
        let withdrawn = after.apply(ReactionsAction::Select(sel(&[])));
        assert_eq!(withdrawn.shown_count(&r[0]), 3);
    }

    #[test]
    fn the_reducer_skips_a_render_when_nothing_changed() {
        let s = Rc::new(reader(&["like"], &[]));
        let same = s.clone().reduce(ReactionsAction::Select(sel(&["like"])));
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn changes_list_withdrawals_before_additions() {
        let s = reader(&["like"], &[]);
        assert_eq!(s.changes_to(&sel(&["sad"])), [("like".to_string(), false), ("sad".to_string(), true)]);
        assert_eq!(s.changes_to(&sel(&["like"])), []);
    }

    fn change(id: &str, reaction: &str, selected: bool) -> PendingChange {
        PendingChange {
            id: id.into(),
            endpoint: "/api".into(),
            article_id: "a".into(),
            reaction: reaction.into(),
            selected,
        }
    }

    #[test]
    fn rapid_toggling_queues_only_the_final_state_behind_the_one_in_flight() {
        let mut q = Vec::new();
        enqueue_change(&mut q, change("1", "like", true), None);
        enqueue_change(&mut q, change("2", "like", false), Some("1"));
        enqueue_change(&mut q, change("3", "like", true), Some("1"));
        enqueue_change(&mut q, change("4", "like", false), Some("1"));
        assert_eq!(q, [change("1", "like", true), change("4", "like", false)]);
        // Nothing in flight: the queued one is superseded too.
        enqueue_change(&mut q, change("5", "like", true), None);
        assert_eq!(q, [change("5", "like", true)]);
    }

    #[test]
    fn changes_to_other_reactions_keep_their_order() {
        let mut q = Vec::new();
        enqueue_change(&mut q, change("1", "like", false), None);
        enqueue_change(&mut q, change("2", "sad", true), None);
        enqueue_change(&mut q, change("3", "sad", false), None);
        enqueue_change(&mut q, change("4", "like", true), None);
        assert_eq!(q, [change("3", "sad", false), change("4", "like", true)]);
    }

    #[test]
    fn a_failing_endpoint_does_not_hold_up_another() {
        let mut dead = change("1", "like", true);
        dead.endpoint = "/dead".into();
        let q = vec![dead, change("2", "sad", true), change("3", "like", false)];
        let mut b = Backoff::default();
        assert_eq!(b.next_ready(&q, 0.0).map(|c| c.id.as_str()), Some("1"));
        assert_eq!(b.failed("/dead", 0.0), 500);
        assert_eq!(b.next_ready(&q, 100.0).map(|c| c.id.as_str()), Some("2"), "the live endpoint goes on");
        assert_eq!(b.failed("/dead", 500.0), 1_000);
        assert_eq!(b.failed("/api", 200.0), 500); // /api waits until 700, /dead until 1,500
        assert_eq!(b.next_ready(&q, 600.0), None);
        assert_eq!(b.wait_ms(&q, 100.0), 600);
        b.succeeded("/api");
        assert_eq!(b.next_ready(&q, 600.0).map(|c| c.id.as_str()), Some("2"));
        assert_eq!(b.wait_ms(&q, 600.0), 0);
        assert_eq!(b.wait_ms(&[], 0.0), 0);
    }

    #[test]
    fn retries_back_off_to_a_ceiling() {
        assert_eq!(retry_delay_ms(1), 500);
        assert_eq!(retry_delay_ms(2), 1_000);
        assert_eq!(retry_delay_ms(3), 2_000);
        assert_eq!(retry_delay_ms(7), 30_000);
        assert_eq!(retry_delay_ms(u32::MAX), 30_000);
    }

    #[test]
    fn stored_selection_is_cleaned_against_the_offer() {
        let keys = vec!["gone".to_string(), "sad".into(), "sad".into(), "like".into()];
        assert_eq!(
            Selection::sanitized(keys.clone(), &offered(), ReactionMode::Multiple),
            sel(&["sad", "like"])
        );
        assert_eq!(Selection::sanitized(keys, &offered(), ReactionMode::Single), sel(&["sad"]));
    }

    #[test]
    fn arrow_keys_move_and_wrap() {
        use TextSize::*;
        assert_eq!(text_size_after_key(Default, "ArrowRight"), Some(Large));
        assert_eq!(text_size_after_key(Default, "ArrowDown"), Some(Large));
        assert_eq!(text_size_after_key(Default, "ArrowLeft"), Some(Small));
        assert_eq!(text_size_after_key(Default, "ArrowUp"), Some(Small));
        assert_eq!(text_size_after_key(Largest, "ArrowRight"), Some(Smallest));
        assert_eq!(text_size_after_key(Smallest, "ArrowLeft"), Some(Largest));
        assert_eq!(text_size_after_key(Large, "Home"), Some(Smallest));
        assert_eq!(text_size_after_key(Small, "End"), Some(Largest));
        assert_eq!(text_size_after_key(Small, "Enter"), None);
        assert_eq!(text_size_after_key(Small, "a"), None);
    }
}
