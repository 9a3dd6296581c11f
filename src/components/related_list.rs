use yew::prelude::*;

use crate::model::{Link, Locale};

#[derive(Properties, PartialEq)]
pub struct RelatedListProps {
    pub links: Vec<Link>,
    pub locale: Locale,
}

/// The 주요 뉴스 list. A link whose URL was dropped as unsafe shows as plain text.
#[component]
pub fn RelatedList(props: &RelatedListProps) -> Html {
    html! {
        <section class="aw-related">
            <h2 class="aw-related__title">{ props.locale.pick("주요 뉴스", "Top news") }</h2>
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
