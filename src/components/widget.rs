use web_sys::Element;
use yew::prelude::*;

use super::{
    Article, Island, IslandKind, ReactionsIsland, TextSizeIsland, props_error_view, quote_box, related_list,
};
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
    /// Set when this app renders one island of server markup the widget took over (an
    /// article's text-size control or reaction buttons) rather than the whole widget.
    #[prop_or_default]
    pub island: Option<Island>,
}

/// The root of one mounted widget: the article, a sidebar box, or the alert explaining why not.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    match (&props.content, &props.island) {
        (WidgetContent::Article(article), Some(island)) if island.kind == IslandKind::TextSize => html! {
            <TextSizeIsland key={article.id.clone()} article={article.clone()} island={island.clone()} host={props.host.clone()} />
        },
        (WidgetContent::Article(article), Some(island)) => html! {
            <ReactionsIsland key={article.id.clone()} article={article.clone()} island={island.clone()} host={props.host.clone()} />
        },
        (_, Some(_)) => html! {},
        // Keyed by id: another article in the same mount starts with its own reader state.
        (WidgetContent::Article(article), None) => html! {
            <Article key={article.id.clone()} article={article.clone()} host={props.host.clone()} />
        },
        (WidgetContent::Invalid { error, locale }, None) => props_error_view(error, *locale),
        (WidgetContent::TopNews(top), None) => html! {
            <div class="aw-widget aw-box aw-box--top-news" lang={top.locale.tag()}>
                { related_list(&top.items, top.locale, top.title.as_deref()) }
            </div>
        },
        (WidgetContent::Quotes(quotes), None) => quote_box(quotes, props.stale),
        (WidgetContent::Idle, None) => html! {},
    }
}
