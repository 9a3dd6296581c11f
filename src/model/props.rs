//! The article's props: typed, validated once at the edge, then trusted by every view.

use super::counts::count_of;
use super::error::{Problem, PropsError};
use super::fields::{Fields, entries, optional, wrong};
use super::json::Json;
use super::locale::Locale;
use super::text_size::TextSize;
use super::time::Timestamp;

pub use super::counts::MAX_COUNT;

/// At most this many reaction buttons: entries after the 50th are left out, with one warning.
/// It keeps the bar usable and bounds the work (and the warnings) a huge list can cause.
pub const MAX_REACTIONS: usize = 50;

/// Everything one article widget renders.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleProps {
    /// Stable article id; keys the reader's stored reactions and every event.
    pub id: String,
    /// The headline.
    pub title: String,
    /// `입력` time.
    pub published_at: Timestamp,
    /// `수정` time, when the article was updated.
    pub updated_at: Option<Timestamp>,
    /// Language of the widget's own labels.
    pub locale: Locale,
    pub section: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub image: Option<Image>,
    /// Never empty.
    pub body: Vec<Block>,
    /// The buttons, in order, with the site's totals.
    pub reactions: Vec<Reaction>,
    pub reaction_mode: ReactionMode,
    /// Where reader reactions are sent; already filtered to http, https or relative.
    pub reaction_endpoint: Option<String>,
    /// Text size for a reader who never chose one.
    pub text_size: TextSize,
    /// The 주요 뉴스 list.
    pub related: Vec<Link>,
}

/// The article's photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// `None` when the given URL was not http, https or relative: the caption still shows.
    pub src: Option<String>,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Intrinsic size, so the browser reserves the space before the image loads.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Heading(String),
    Quote(String),
}

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

/// A link in the 주요 뉴스 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    /// `None` when the given URL was unsafe: the title shows as plain text.
    pub url: Option<String>,
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

impl ArticleProps {
    /// Validates the host's props. Problems that do not stop rendering (a dropped URL, a
    /// clamped count, an optional field of the wrong type) go to `warnings` for the console.
    pub fn from_json(json: &Json, warnings: &mut Vec<String>) -> Result<ArticleProps, PropsError> {
        if !matches!(json, Json::Object(_)) {
            return Err(wrong("props".into(), "an object", json));
        }
        let f = Fields::of(json, String::new())?;
        match f.opt_str("kind")? {
            None | Some("article") => {}
            Some(_) => {
                return Err(PropsError::new(
                    "kind",
                    Problem::Invalid { expected: "article, topNews, risingStocks or crypto" },
                ));
            }
        }
        let id = f.req_text("id")?;
        let title = f.req_text("title")?;
        let published_at = f
            .timestamp("publishedAt", true)?
            .ok_or_else(|| PropsError::new("publishedAt", Problem::Missing))?;
        let body = match f.get("body") {
            None => return Err(PropsError::new("body", Problem::Missing)),
            Some(Json::Array(items)) => entries(items, "body", warnings, Block::from_json),
            Some(other) => return Err(wrong("body".into(), "an array", other)),
        };
        // Blank blocks render as nothing: a body of only blanks is an empty article.
        if body.iter().all(|b| b.text().trim().is_empty()) {
            return Err(PropsError::new("body", Problem::Empty));
        }

        let locale = f.locale(warnings);
        let reactions = match optional(f.opt_array("reactions"), warnings) {
            None => DEFAULT_REACTIONS
                .iter()
                .map(|(key, ko, en)| Reaction {
                    key: (*key).to_owned(),
                    label: locale.pick(ko, en).to_owned(),
                    count: 0,
                })
                .collect(),
            Some(items) => Reaction::list_from_json(items, MAX_REACTIONS, locale, warnings),
        };
        let reaction_mode =
            optional(f.opt_enum("reactionMode", ReactionMode::parse, "\"single\" or \"multiple\""), warnings)
                .unwrap_or_default();
        let text_size = optional(
            f.opt_enum("textSize", TextSize::parse, "smallest, small, default, large or largest"),
            warnings,
        )
        .unwrap_or_default();
        let related = optional(f.opt_array("related"), warnings)
            .map(|items| entries(items, "related", warnings, Link::from_json))
            .unwrap_or_default();
        let image = optional(f.get("image").map(|j| Image::from_json(j, warnings)).transpose(), warnings);
        Ok(ArticleProps {
            id,
            title,
            published_at,
            updated_at: optional(f.timestamp("updatedAt", false), warnings),
            locale,
            section: optional(f.opt_text("section"), warnings),
            subtitle: optional(f.opt_text("subtitle"), warnings),
            byline: optional(f.opt_text("byline"), warnings),
            image,
            body,
            reactions,
            reaction_mode,
            reaction_endpoint: optional(f.opt_url("reactionEndpoint", warnings), warnings),
            text_size,
            related,
        })
    }

    /// The `locale` of props that failed validation, so the error speaks the page's language.
    pub fn locale_hint(json: &Json) -> Locale {
        Fields::of(json, String::new()).map_or_else(|_| Locale::default(), |f| f.locale(&mut Vec::new()))
    }
}

impl Image {
    /// The photo; its fields are optional too, each dropped with a warning when unusable. A
    /// missing or unsafe `src` leaves a placeholder, so the caption still shows.
    fn from_json(json: &Json, warnings: &mut Vec<String>) -> Result<Image, PropsError> {
        let f = Fields::of(json, "image".into())?;
        if f.get("src").is_none() {
            warnings.push("`image.src` is missing; a placeholder shows".to_owned());
        }
        let dimension = |name: &str, warnings: &mut Vec<String>| {
            let read = f
                .opt_number(name)
                .map(|n| n.filter(|n| *n >= 1.0).map(|n| n.min(f64::from(u16::MAX)).round() as u32));
            optional(read, warnings)
        };
        let src = optional(f.opt_url("src", warnings), warnings);
        let alt = optional(f.opt_str("alt"), warnings).unwrap_or_default().trim().to_owned();
        Ok(Image {
            src,
            alt,
            caption: optional(f.opt_text("caption"), warnings),
            credit: optional(f.opt_text("credit"), warnings),
            width: dimension("width", warnings),
            height: dimension("height", warnings),
        })
    }
}

impl Block {
    /// The text, whatever the kind of block.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph(t) | Block::Heading(t) | Block::Quote(t) => t,
        }
    }

    fn from_json(json: &Json, path: String, warnings: &mut Vec<String>) -> Result<Block, PropsError> {
        if let Json::String(text) = json {
            return Ok(Block::Paragraph(text.clone()));
        }
        if !matches!(json, Json::Object(_)) {
            return Err(wrong(path, "a string or an object", json));
        }
        let f = Fields::of(json, path)?;
        let text = f.req_str("text")?.to_owned();
        Ok(match optional(f.opt_str("type"), warnings) {
            None | Some("paragraph") => Block::Paragraph(text),
            Some("heading") => Block::Heading(text),
            Some("quote") => Block::Quote(text),
            // A block type from a newer CMS still shows its text.
            Some(other) => {
                warnings.push(format!(
                    "`{}`: unknown block type \"{other}\", shown as a paragraph",
                    f.path("type")
                ));
                Block::Paragraph(text)
            }
        })
    }
}

impl Reaction {
    /// The buttons, at most `cap` of them; an entry without a usable key or count, or repeating
    /// a key, is left out. Linear: seen keys are kept in a set, borrowed from the JSON.
    fn list_from_json(
        items: &[Json],
        cap: usize,
        locale: Locale,
        warnings: &mut Vec<String>,
    ) -> Vec<Reaction> {
        if items.len() > cap {
            warnings.push(format!(
                "`reactions` has {} entries; only the first {cap} are read, the rest left out",
                items.len()
            ));
        }
        let items = &items[..items.len().min(cap)];
        // A repeated key is looked for among the kept entries: at most `cap` of them, so the
        // check stays linear in the list's length (no hash set in the bundle).
        let mut out: Vec<Reaction> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match Reaction::from_json(item, format!("reactions[{i}]"), &out, locale, warnings) {
                Ok(reaction) => out.push(reaction),
                Err(error) => warnings.push(format!("{error}; entry left out")),
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
            warnings.push(format!("`{}` is negative; shown as 0", f.path("count")));
        } else if raw > MAX_COUNT as f64 {
            warnings.push(format!("`{}` is too large; clamped", f.path("count")));
        }
        Ok(Reaction { key: key.to_owned(), label, count: count_of(raw) })
    }
}

impl Link {
    pub(crate) fn from_json(
        json: &Json,
        path: String,
        warnings: &mut Vec<String>,
    ) -> Result<Link, PropsError> {
        let f = Fields::of(json, path)?;
        let url = optional(f.opt_url("url", warnings), warnings);
        Ok(Link { title: f.req_text("title")?, url })
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
