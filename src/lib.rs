//! article-widget: an embeddable news-article widget, Yew compiled to WebAssembly.
//!
//! - [`model`]: props as typed data and their validation (pure, natively tested)
//! - [`state`]: state transitions (pure, natively tested)
//! - [`components`]: one view component per file
//! - [`hooks`] and [`effects`]: storage, events and the page-wide text-size choice
//! - `embed` (Wasm only): finds mount elements, reads their props, mounts and keeps handles

pub mod components;
pub mod effects;
pub mod hooks;
pub mod model;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod embed;

pub use components::{Widget, WidgetContent, WidgetProps};

use std::rc::Rc;

use model::boxes::kind_of;
use model::{ArticleProps, Json, Problem, PropsError, QuoteBoxProps, QuoteKind, TopNewsProps};

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
