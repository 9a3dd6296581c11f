use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{Article, PropsErrorView};
use crate::model::{ArticleProps, Locale, PropsError};

/// What a mount element's props turned out to be.
#[derive(Clone, PartialEq)]
pub enum WidgetContent {
    Article(Rc<ArticleProps>),
    /// Props that could not be rendered, and the language to say so in.
    Invalid {
        error: PropsError,
        locale: Locale,
    },
    /// Nothing: an unmounted widget's app, kept for reuse.
    Idle,
}

#[derive(Properties, Clone, PartialEq)]
pub struct WidgetProps {
    pub content: WidgetContent,
    /// The mount element: events are dispatched on it. `None` in server-side rendering.
    #[prop_or_default]
    pub host: Option<Element>,
}

/// The root of one mounted widget: the article, or the alert explaining why not.
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
        WidgetContent::Idle => html! {},
    }
}
