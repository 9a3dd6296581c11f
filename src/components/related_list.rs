use yew::prelude::*;

use crate::model::{Link, Locale};

#[derive(Properties, PartialEq)]
pub struct RelatedListProps {
    pub links: Vec<Link>,
    pub locale: Locale,
    /// Replaces the default heading (주요 뉴스 / Top news).
    #[prop_or_default]
    pub title: Option<String>,
}

/// The 주요 뉴스 list, below an article or as the `topNews` box. A link whose URL was dropped
/// as unsafe shows as plain text.
#[component]
pub fn RelatedList(props: &RelatedListProps) -> Html {
    let heading = props.title.as_deref().unwrap_or(props.locale.pick("주요 뉴스", "Top news"));
    html! {
        <section class="aw-related">
            <h2 class="aw-related__title">{ heading }</h2>
            <ul class="aw-related__list">
                { for props.links.iter().map(|link| html! {
                    <li class="aw-related__item">
                        if let Some(url) = &link.url {
                            <a class="aw-related__link" href={url.clone()}>{ &link.title }</a>
                        } else {
                            <span class="aw-related__text">{ &link.title }</span>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}
