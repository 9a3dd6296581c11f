//! The seed page's sidebar boxes (contract section 6): 주요 뉴스, 오늘의 상승종목 and 실시간
//! 암호화폐 시세, selected by the props' `kind`.

use super::error::{Problem, PropsError};
use super::fields::{Fields, entries, optional, wrong};
use super::json::Json;
use super::locale::Locale;
use super::props::Link;
use super::time::Timestamp;

/// A list of links headed 주요 뉴스 / Top news.
#[derive(Debug, Clone, PartialEq)]
pub struct TopNewsProps {
    /// Replaces the default heading.
    pub title: Option<String>,
    pub locale: Locale,
    pub items: Vec<Link>,
}

/// Which table a quote box is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    RisingStocks,
    Crypto,
}

/// A table of prices and changes.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteBoxProps {
    pub kind: QuoteKind,
    /// Replaces the default caption.
    pub title: Option<String>,
    pub locale: Locale,
    /// When the prices were taken.
    pub as_of: Timestamp,
    pub items: Vec<Quote>,
}

/// One row: a stock or a coin.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub name: String,
    /// Ticker code (stocks) or symbol (crypto).
    pub code: Option<String>,
    /// In won.
    pub price: f64,
    /// Percent, signed.
    pub change_pct: f64,
}

impl QuoteKind {
    /// The default caption.
    pub fn title(self, locale: Locale) -> &'static str {
        match self {
            QuoteKind::RisingStocks => locale.pick("오늘의 상승종목", "Today's top gainers"),
            QuoteKind::Crypto => locale.pick("실시간 암호화폐 시세", "Live crypto prices"),
        }
    }

    /// The modifier of the box's class (`aw-box--rising-stocks`).
    pub fn class(self) -> &'static str {
        match self {
            QuoteKind::RisingStocks => "aw-box--rising-stocks",
            QuoteKind::Crypto => "aw-box--crypto",
        }
    }
}

fn items<'a>(f: &Fields<'a>) -> Result<&'a [Json], PropsError> {
    f.opt_array("items")?.ok_or_else(|| PropsError::new("items", Problem::Missing))
}

impl TopNewsProps {
    pub fn from_json(json: &Json, warnings: &mut Vec<String>) -> Result<TopNewsProps, PropsError> {
        let f = Fields::of(json, String::new())?;
        let items = entries(items(&f)?, "items", warnings, Link::from_json);
        let title = optional(f.opt_text("title"), warnings);
        Ok(TopNewsProps { title, locale: f.locale(warnings), items })
    }
}

impl QuoteBoxProps {
    pub fn from_json(
        json: &Json,
        kind: QuoteKind,
        warnings: &mut Vec<String>,
    ) -> Result<QuoteBoxProps, PropsError> {
        let f = Fields::of(json, String::new())?;
        if kind == QuoteKind::Crypto {
            f.opt_enum("currency", |c| (c == "KRW").then_some(()), "\"KRW\"")?;
        }
        let as_of = f.timestamp("asOf", true)?.ok_or_else(|| PropsError::new("asOf", Problem::Missing))?;
        let code_field = if kind == QuoteKind::Crypto { "symbol" } else { "code" };
        let items = entries(items(&f)?, "items", warnings, |item, path, w| {
            let row = Fields::of(item, path)?;
            let number = |name: &str| {
                row.opt_number(name)?.ok_or_else(|| PropsError::new(row.path(name), Problem::Missing))
            };
            Ok(Quote {
                name: row.req_text("name")?,
                code: optional(row.opt_text(code_field), w),
                price: number("price")?,
                change_pct: number("changePct")?,
            })
        });
        let title = optional(f.opt_text("title"), warnings);
        Ok(QuoteBoxProps { kind, title, locale: f.locale(warnings), as_of, items })
    }
}

/// What kind of widget props describe: `kind`, absent meaning an article.
pub fn kind_of(json: &Json) -> Result<Option<&str>, PropsError> {
    match json {
        Json::Object(_) => match json.get("kind") {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(kind)) => Ok(Some(kind)),
            Some(other) => Err(wrong("kind".into(), "a string", other)),
        },
        other => Err(wrong("props".into(), "an object", other)),
    }
}
