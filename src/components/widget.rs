use web_sys::Element;
use yew::prelude::*;

use super::{Article, PropsErrorView, QuoteBox, RelatedList};
// Plain data from the model; re-exported because `components/mod.rs` lists it among this file's.
pub use crate::model::WidgetContent;

#[derive(Properties, Clone, PartialEq)]
pub struct WidgetProps {
    pub content: WidgetContent,
    /// The mount element: events are dispatched on it. `None` in server-side rendering.
    #[prop_or_default]
    pub host: Option<Element>,
    /// The last refresh failed: the data shown is older than the host asked for.
    #[prop_or_default]
    pub stale: bool,
}

/// The root of one mounted widget: the article, a sidebar box, or the alert explaining why not.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    match &props.content {
        // Keyed by id: another article in the same mount starts with its own reader state.
        WidgetContent::Article(article) => html! {
            <Article key={article.id.clone()} article={article.clone()} host={props.host.clone()} />
        },
        WidgetContent::Invalid { error, locale } => html! {
            <PropsErrorView error={error.clone()} locale={*locale} />
        },
        WidgetContent::TopNews(top) => html! {
            <div class="aw-widget aw-box aw-box--top-news" lang={top.locale.tag()}>
                <RelatedList links={top.items.clone()} locale={top.locale} title={top.title.clone()} />
            </div>
        },
        WidgetContent::Quotes(quotes) => html! { <QuoteBox quotes={quotes.clone()} stale={props.stale} /> },
        WidgetContent::Idle => html! {},
    }
}
