//! The article's props: typed, validated once at the edge, then trusted by every view.

use super::error::{Problem, PropsError};
use super::fields::{Fields, wrong};
use super::json::Json;
use super::locale::Locale;
use super::text_size::TextSize;
use super::time::Timestamp;

/// Counts above this are clamped: beyond 2^53 a JavaScript number can no longer count by one.
pub const MAX_COUNT: u64 = (1 << 53) - 1;

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
    /// clamped count) go to `warnings` for the console.
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
        let locale = match f.opt_str("locale")? {
            None => Locale::default(),
            Some(tag) => Locale::parse(tag).ok_or_else(|| {
                PropsError::new("locale", Problem::Invalid { expected: "\"ko\" or \"en\"" })
            })?,
        };
        let id = f.req_text("id")?;
        let title = f.req_text("title")?;
        let published_at = f
            .timestamp("publishedAt", true)?
            .ok_or_else(|| PropsError::new("publishedAt", Problem::Missing))?;
        let updated_at = f.timestamp("updatedAt", false)?;
        let image = f.get("image").map(|j| Image::from_json(j, warnings)).transpose()?;
        let body = match f.get("body") {
            None => return Err(PropsError::new("body", Problem::Missing)),
            Some(Json::Array(items)) if items.is_empty() => {
                return Err(PropsError::new("body", Problem::Empty));
            }
            Some(Json::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| Block::from_json(item, format!("body[{i}]"), warnings))
                .collect::<Result<Vec<_>, _>>()?,
            Some(other) => return Err(wrong("body".into(), "an array", other)),
        };
        // Blank blocks render as nothing: a body of only blanks is an empty article.
        if body.iter().all(|b| b.text().trim().is_empty()) {
            return Err(PropsError::new("body", Problem::Empty));
        }
        let reactions = match f.opt_array("reactions")? {
            None => DEFAULT_REACTIONS
                .iter()
                .map(|(key, ko, en)| Reaction {
                    key: (*key).to_owned(),
                    label: locale.pick(ko, en).to_owned(),
                    count: 0,
                })
                .collect(),
            Some(items) => Reaction::list_from_json(items, locale, warnings)?,
        };
        let reaction_mode = match f.opt_str("reactionMode")? {
            None | Some("single") => ReactionMode::Single,
            Some("multiple") => ReactionMode::Multiple,
            Some(_) => {
                return Err(PropsError::new(
                    "reactionMode",
                    Problem::Invalid { expected: "\"single\" or \"multiple\"" },
                ));
            }
        };
        let text_size = match f.opt_str("textSize")? {
            None => TextSize::default(),
            Some(name) => TextSize::parse(name).ok_or_else(|| {
                PropsError::new(
                    "textSize",
                    Problem::Invalid { expected: "smallest, small, default, large or largest" },
                )
            })?,
        };
        let related = f
            .opt_array("related")?
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, item)| Link::from_json(item, format!("related[{i}]"), warnings))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ArticleProps {
            id,
            title,
            published_at,
            updated_at,
            locale,
            section: f.opt_text("section")?,
            subtitle: f.opt_text("subtitle")?,
            byline: f.opt_text("byline")?,
            image,
            body,
            reactions,
            reaction_mode,
            reaction_endpoint: f.opt_url("reactionEndpoint", warnings)?,
            text_size,
            related,
        })
    }

    /// The `locale` of props that failed validation, so the error speaks the page's language.
    pub fn locale_hint(json: &Json) -> Locale {
        match json.get("locale") {
            Some(Json::String(tag)) => Locale::parse(tag).unwrap_or_default(),
            _ => Locale::default(),
        }
    }
}

impl Image {
    fn from_json(json: &Json, warnings: &mut Vec<String>) -> Result<Image, PropsError> {
        let f = Fields::of(json, "image".into())?;
        // `src` must be given even though an unsafe one is dropped: a missing src is a CMS bug
        // the host should see, a hostile one is not the reader's problem.
        f.req_str("src")?;
        let dimension = |name: &str| -> Result<Option<u32>, PropsError> {
            Ok(f.opt_number(name)?.filter(|n| *n >= 1.0).map(|n| n.min(f64::from(u16::MAX)).round() as u32))
        };
        Ok(Image {
            src: f.opt_url("src", warnings)?,
            alt: f.opt_str("alt")?.unwrap_or_default().trim().to_owned(),
            caption: f.opt_text("caption")?,
            credit: f.opt_text("credit")?,
            width: dimension("width")?,
            height: dimension("height")?,
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
        Ok(match f.opt_str("type")? {
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
    fn list_from_json(
        items: &[Json],
        locale: Locale,
        warnings: &mut Vec<String>,
    ) -> Result<Vec<Reaction>, PropsError> {
        let mut out: Vec<Reaction> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let f = Fields::of(item, format!("reactions[{i}]"))?;
            let key = f.req_text("key")?;
            if out.iter().any(|r| r.key == key) {
                return Err(PropsError::new(
                    f.path("key"),
                    Problem::Invalid { expected: "a key not used before" },
                ));
            }
            let label = match f.opt_text("label")? {
                Some(label) => label,
                None => default_label(&key, locale).map_or_else(|| key.clone(), str::to_owned),
            };
            let raw =
                f.opt_number("count")?.ok_or_else(|| PropsError::new(f.path("count"), Problem::Missing))?;
            let count = if raw < 0.0 {
                warnings.push(format!("`{}` is negative; shown as 0", f.path("count")));
                0
            } else if raw > MAX_COUNT as f64 {
                warnings.push(format!("`{}` is too large; clamped", f.path("count")));
                MAX_COUNT
            } else {
                raw.floor() as u64
            };
            out.push(Reaction { key, label, count });
        }
        Ok(out)
    }
}

impl Link {
    pub(crate) fn from_json(
        json: &Json,
        path: String,
        warnings: &mut Vec<String>,
    ) -> Result<Link, PropsError> {
        let f = Fields::of(json, path)?;
        Ok(Link { title: f.req_text("title")?, url: f.opt_url("url", warnings)? })
    }
}
