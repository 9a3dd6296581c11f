//! The article's props: typed, validated once at the edge, then trusted by every view.

use super::error::{Problem, PropsError};
use super::fields::{Fields, entries, optional, wrong};
use super::json::Json;
use super::locale::Locale;
use super::text_size::TextSize;
use super::time::Timestamp;

pub use super::counts::MAX_COUNT;
pub use super::reactions::{DEFAULT_REACTIONS, MAX_REACTIONS, Reaction, ReactionMode};

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

/// A link in the 주요 뉴스 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    /// `None` when the given URL was unsafe: the title shows as plain text.
    pub url: Option<String>,
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
                warnings.push(
                    ["`", &f.path("type"), "`: unknown block type \"", other, "\", shown as a paragraph"]
                        .concat(),
                );
                Block::Paragraph(text)
            }
        })
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
