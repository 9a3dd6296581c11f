//! The reader's reactions to one article as a widget shows them: the selection, what the
//! endpoint confirmed, and the counts shown.

use std::rc::Rc;

use yew::Reducible;

pub use super::selection::{Selection, corrections};
use crate::model::Reaction;

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

/// The reader's state for one article as a tab reads it from storage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleState {
    pub selected: Selection,
    /// What the reactions endpoint acknowledged, per key.
    pub confirmed: Selection,
    /// The selection is this tab's alone (storage refused to keep it). Other tabs see another
    /// one, so no corrections are made from it: two views correcting each other would
    /// ping-pong for as long as both tabs are open.
    pub local_only: bool,
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
    /// Another tab (or this tab's sender) changed the stored state: take its selection, and
    /// fold each newly confirmed or withdrawn key into the totals as a reply without counts
    /// would. `props` are the site's totals from props.
    Stored { state: ArticleState, props: Vec<(String, u64)> },
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
                next.confirmed = next.confirmed.with(&reaction, selected);
            }
            ReactionsAction::Stored { state, props } => {
                let flipped = state.confirmed.keys.iter().filter(|k| !self.confirmed.contains(k));
                let dropped = self.confirmed.keys.iter().filter(|k| !state.confirmed.contains(k));
                for key in flipped.chain(dropped) {
                    let props_count = props.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n);
                    let selected = state.confirmed.contains(key);
                    next = next.apply(ReactionsAction::Confirm {
                        reaction: key.clone(),
                        selected,
                        counts: None,
                        props_count,
                    });
                }
                next.selected = state.selected;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::selection::tests::{offered, sel};

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
    fn another_tabs_confirmation_keeps_the_shown_number() {
        let r = offered();
        let before = reader(&["like"], &[]);
        let stored = ArticleState { selected: sel(&["like"]), confirmed: sel(&["like"]), local_only: false };
        let props: Vec<(String, u64)> = r.iter().map(|x| (x.key.clone(), x.count)).collect();
        let after = before.apply(ReactionsAction::Stored { state: stored, props: props.clone() });
        assert_eq!(after.confirmed, sel(&["like"]));
        assert_eq!(after.shown_count(&r[0]), before.shown_count(&r[0]));
        // Taken back in another tab: the selection follows, the number drops by one.
        let taken_back = ArticleState { selected: sel(&[]), confirmed: sel(&[]), local_only: false };
        let back = after.apply(ReactionsAction::Stored { state: taken_back, props });
        assert_eq!(back.selected, sel(&[]));
        assert_eq!(back.shown_count(&r[0]), 3);
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
}
