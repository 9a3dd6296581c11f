//! The reader's reactions to one article: the selection, what the endpoint confirmed, and the
//! counts shown.

use std::rc::Rc;

use yew::Reducible;

use crate::model::{Reaction, ReactionMode};

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
            return self.with(key, false);
        }
        let mut keys = match mode {
            ReactionMode::Single => Vec::new(),
            ReactionMode::Multiple => self.keys.clone(),
        };
        keys.push(key.to_owned());
        Selection { keys }
    }

    /// This selection with `key` held or not; a newly held key goes last.
    pub fn with(&self, key: &str, held: bool) -> Selection {
        let mut keys: Vec<String> = self.keys.iter().filter(|k| *k != key).cloned().collect();
        if held {
            keys.push(key.to_owned());
        }
        Selection { keys }
    }

    /// The selection after the endpoint refused a change of `key` (or it expired): `key` goes
    /// back to what the endpoint holds (`held`), unless that would give a single-choice
    /// article two reactions.
    pub fn taken_back(&self, key: &str, held: bool, single: bool) -> Selection {
        let without = self.with(key, false);
        if held && (!single || without.keys.is_empty()) { without.with(key, true) } else { without }
    }
}

/// The changes that make the endpoint hold what the reader holds, for keys that differ and
/// have no change queued (`queued`): withdrawals first, as `changes_to` orders them.
pub fn corrections(selected: &Selection, confirmed: &Selection, queued: &[&str]) -> Vec<(String, bool)> {
    let free = |k: &&String| !queued.contains(&k.as_str());
    let withdraw =
        confirmed.keys.iter().filter(|k| !selected.contains(k)).filter(free).map(|k| (k.clone(), false));
    let add = selected.keys.iter().filter(|k| !confirmed.contains(k)).filter(free).map(|k| (k.clone(), true));
    withdraw.chain(add).collect()
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
    fn take_back_and_corrections() {
        assert_eq!(sel(&["sad"]).taken_back("like", true, true), sel(&["sad"]), "single: never two");
        assert_eq!(sel(&["sad"]).taken_back("like", true, false), sel(&["sad", "like"]));
        assert_eq!(sel(&["like"]).taken_back("like", false, true), sel(&[]));
        assert_eq!(
            corrections(&sel(&["sad", "angry"]), &sel(&["like", "sad"]), &["angry"]),
            [("like".to_string(), false)]
        );
        assert_eq!(
            corrections(&sel(&["sad"]), &sel(&["like"]), &[]),
            [("like".to_string(), false), ("sad".to_string(), true)]
        );
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

    #[test]
    fn stored_selection_is_cleaned_against_the_offer() {
        let keys = vec!["gone".to_string(), "sad".into(), "sad".into(), "like".into()];
        assert_eq!(
            Selection::sanitized(keys.clone(), &offered(), ReactionMode::Multiple),
            sel(&["sad", "like"])
        );
        assert_eq!(Selection::sanitized(keys, &offered(), ReactionMode::Single), sel(&["sad"]));
    }
}
