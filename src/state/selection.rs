//! The reaction keys a reader holds for one article, and the transitions on them: a toggle,
//! cleaning stored keys against the offer, a take-back, and the corrections that bring an
//! endpoint to what the reader holds.

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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The four default reactions, 3 each (shared with the reactions tests).
    pub(crate) fn offered() -> Vec<Reaction> {
        ["like", "angry", "sad", "followUp"]
            .into_iter()
            .map(|k| Reaction { key: k.into(), label: k.into(), count: 3 })
            .collect()
    }

    pub(crate) fn sel(keys: &[&str]) -> Selection {
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
    fn stored_selection_is_cleaned_against_the_offer() {
        let keys = vec!["gone".to_string(), "sad".into(), "sad".into(), "like".into()];
        assert_eq!(
            Selection::sanitized(keys.clone(), &offered(), ReactionMode::Multiple),
            sel(&["sad", "like"])
        );
        assert_eq!(Selection::sanitized(keys, &offered(), ReactionMode::Single), sel(&["sad"]));
    }
}
