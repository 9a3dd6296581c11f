//! The reaction buttons as the site configured them, and the reading of `reactions`.

use super::counts::{MAX_COUNT, count_of};
use super::error::{Problem, PropsError};
use super::fields::{Fields, index_path, optional, warn};
use super::format::push_number;
use super::json::Json;
use super::locale::Locale;

/// At most this many reaction buttons: entries after the 50th are left out, with one warning.
/// It keeps the bar usable and bounds the work (and the warnings) a huge list can cause.
pub const MAX_REACTIONS: usize = 50;

/// One reaction button as the site configured it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reaction {
    pub key: String,
    pub label: String,
    /// The site's total, without this reader's unconfirmed reaction.
    pub count: u64,
}

/// Whether a reader may hold one reaction per article, or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReactionMode {
    #[default]
    Single,
    Multiple,
}

impl ReactionMode {
    /// The contract's names, `single` and `multiple`.
    pub fn parse(name: &str) -> Option<ReactionMode> {
        match name {
            "single" => Some(ReactionMode::Single),
            "multiple" => Some(ReactionMode::Multiple),
            _ => None,
        }
    }
}

/// The four reactions of the seed page, used when props name none.
pub const DEFAULT_REACTIONS: [(&str, &str, &str); 4] = [
    ("like", "좋아요", "Like"),
    ("angry", "화나요", "Angry"),
    ("sad", "슬퍼요", "Sad"),
    ("followUp", "추가취재 원해요", "Want follow-up"),
];

fn default_label(key: &str, locale: Locale) -> Option<&'static str> {
    DEFAULT_REACTIONS.iter().find(|(k, _, _)| *k == key).map(|(_, ko, en)| locale.pick(ko, en))
}

impl Reaction {
    /// The buttons, at most `cap` of them; an entry without a usable key or count, or repeating
    /// a key, is left out.
    pub(crate) fn list_from_json(
        items: &[Json],
        cap: usize,
        locale: Locale,
        warnings: &mut Vec<String>,
    ) -> Vec<Reaction> {
        if items.len() > cap {
            let mut text = String::from("`reactions` has ");
            push_number(&mut text, items.len() as u64, 1);
            text.push_str(" entries; only the first ");
            push_number(&mut text, cap as u64, 1);
            text.push_str(" are read, the rest left out");
            warnings.push(text);
        }
        let items = &items[..items.len().min(cap)];
        // A repeated key is looked for among the kept entries: at most `cap` of them, so the
        // check stays linear in the list's length (no hash set in the bundle).
        let mut out: Vec<Reaction> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match Reaction::from_json(item, index_path("reactions", i), &out, locale, warnings) {
                Ok(reaction) => out.push(reaction),
                Err(error) => warn(warnings, &error, "; entry left out"),
            }
        }
        out
    }

    /// One button; `kept` are the buttons before it, whose keys it may not take.
    fn from_json(
        item: &Json,
        path: String,
        kept: &[Reaction],
        locale: Locale,
        warnings: &mut Vec<String>,
    ) -> Result<Reaction, PropsError> {
        let f = Fields::of(item, path)?;
        let key = f.req_trimmed("key")?;
        if kept.iter().any(|r| r.key == key) {
            return Err(PropsError::new(
                f.path("key"),
                Problem::Invalid { expected: "a key not used before" },
            ));
        }
        let label = match optional(f.opt_text("label"), warnings) {
            Some(label) => label,
            None => default_label(key, locale).unwrap_or(key).to_owned(),
        };
        let raw = f.opt_number("count")?.ok_or_else(|| PropsError::new(f.path("count"), Problem::Missing))?;
        if raw < 0.0 {
            warnings.push(["`", &f.path("count"), "` is negative; shown as 0"].concat());
        } else if raw > MAX_COUNT as f64 {
            warnings.push(["`", &f.path("count"), "` is too large; clamped"].concat());
        }
        Ok(Reaction { key: key.to_owned(), label, count: count_of(raw) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reaction(key: &str, count: f64) -> Json {
        Json::Object(vec![("key".into(), Json::String(key.into())), ("count".into(), Json::Number(count))])
    }

    #[test]
    fn a_key_is_taken_only_by_an_entry_that_is_kept() {
        let items = [
            Json::Object(vec![("key".into(), Json::String(" like ".into()))]), // no count: left out
            reaction("like", 2.0),
            reaction(" like", 3.0),
        ];
        let mut warnings = Vec::new();
        let list = Reaction::list_from_json(&items, MAX_REACTIONS, Locale::En, &mut warnings);
        assert_eq!(list, [Reaction { key: "like".into(), label: "Like".into(), count: 2 }]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[1].starts_with("`reactions[2].key` is invalid"), "{warnings:?}");
    }
}
