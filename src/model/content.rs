//! What a mount element's props turn out to be: the article, a sidebar box, or the reason
//! they cannot be rendered. Plain data; the root component renders it.

use std::rc::Rc;

use super::boxes::kind_of;
use super::{ArticleProps, Json, Locale, Problem, PropsError, QuoteBoxProps, QuoteKind, TopNewsProps};

/// What a mount element's props turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetContent {
    Article(Rc<ArticleProps>),
    /// The 주요 뉴스 box (`kind: "topNews"`).
    TopNews(Rc<TopNewsProps>),
    /// A price table (`kind: "risingStocks"` or `"crypto"`).
    Quotes(Rc<QuoteBoxProps>),
    /// Props that could not be rendered, and the language to say so in.
    Invalid {
        error: PropsError,
        locale: Locale,
    },
    /// Nothing: an unmounted widget's app, kept for reuse.
    Idle,
}

/// Turns the host's JSON value into what the root component renders, plus warnings for the
/// console (dropped URLs, clamped counts). Never panics, whatever the value.
pub fn content_from_json(json: Result<Json, Problem>) -> (WidgetContent, Vec<String>) {
    let mut warnings = Vec::new();
    let content = match json {
        Err(problem) => WidgetContent::Invalid {
            error: PropsError::new(source_field(&problem), problem),
            locale: Default::default(),
        },
        Ok(json) => {
            // `kind` picks the widget: the article (absent), or one of the sidebar boxes.
            let content =
                match kind_of(&json) {
                    Ok(Some("topNews")) => TopNewsProps::from_json(&json, &mut warnings)
                        .map(|p| WidgetContent::TopNews(Rc::new(p))),
                    Ok(Some("risingStocks")) => {
                        QuoteBoxProps::from_json(&json, QuoteKind::RisingStocks, &mut warnings)
                            .map(|p| WidgetContent::Quotes(Rc::new(p)))
                    }
                    Ok(Some("crypto")) => QuoteBoxProps::from_json(&json, QuoteKind::Crypto, &mut warnings)
                        .map(|p| WidgetContent::Quotes(Rc::new(p))),
                    Ok(_) => ArticleProps::from_json(&json, &mut warnings)
                        .map(|p| WidgetContent::Article(Rc::new(p))),
                    Err(error) => Err(error),
                };
            content.unwrap_or_else(|error| WidgetContent::Invalid {
                error,
                locale: ArticleProps::locale_hint(&json),
            })
        }
    };
    (content, warnings)
}

/// The field a problem with the props as a whole is about.
fn source_field(problem: &Problem) -> &'static str {
    match problem {
        Problem::Unreachable { .. } | Problem::Invalid { .. } => "data-src",
        _ => "props",
    }
}
