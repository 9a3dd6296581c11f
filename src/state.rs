//! State transitions, as plain functions: the reader's reactions and the text-size keys.
//! Views call these; native unit tests pin them down without a browser.

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
            return Selection {
                keys: self.keys.iter().filter(|k| *k != key).cloned().collect(),
            };
        }
        let mut keys = match mode {
            ReactionMode::Single => Vec::new(),
            ReactionMode::Multiple => self.keys.clone(),
        };
        keys.push(key.to_owned());
        Selection { keys }
    }

    /// What a button shows: the site's total plus this reader's reaction.
    pub fn shown_count(&self, reaction: &Reaction) -> u64 {
        reaction
            .count
            .saturating_add(u64::from(self.contains(&reaction.key)))
    }
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
            .map(|k| Reaction {
                key: k.into(),
                label: k.into(),
                count: 3,
            })
            .collect()
    }

    fn sel(keys: &[&str]) -> Selection {
        Selection {
            keys: keys.iter().map(|k| k.to_string()).collect(),
        }
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
        let s = Selection::default()
            .toggle("like", ReactionMode::Multiple)
            .toggle("sad", ReactionMode::Multiple);
        assert_eq!(s, sel(&["like", "sad"]));
        assert_eq!(s.toggle("like", ReactionMode::Multiple), sel(&["sad"]));
    }

    #[test]
    fn counts_move_by_one_and_never_overflow() {
        let r = offered();
        let s = sel(&["like"]);
        assert_eq!(s.shown_count(&r[0]), 4);
        assert_eq!(s.shown_count(&r[1]), 3);
        let max = Reaction {
            key: "like".into(),
            label: "x".into(),
            count: u64::MAX,
        };
        assert_eq!(s.shown_count(&max), u64::MAX);
    }

    #[test]
    fn stored_selection_is_cleaned_against_the_offer() {
        let keys = vec![
            "gone".to_string(),
            "sad".into(),
            "sad".into(),
            "like".into(),
        ];
        assert_eq!(
            Selection::sanitized(keys.clone(), &offered(), ReactionMode::Multiple),
            sel(&["sad", "like"])
        );
        assert_eq!(
            Selection::sanitized(keys, &offered(), ReactionMode::Single),
            sel(&["sad"])
        );
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
