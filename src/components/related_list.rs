use yew::prelude::*;

use crate::model::{Link, Locale};

/// The 주요 뉴스 list, below an article or as the `topNews` box. A link whose URL was dropped
/// as unsafe shows as plain text. `title` replaces the default heading (주요 뉴스 / Top news).
/// A plain view function, not a component: see `components/mod.rs`.
pub fn related_list(links: &[Link], locale: Locale, title: Option<&str>) -> Html {
    let heading = title.unwrap_or(locale.pick("주요 뉴스", "Top news"));
    html! {
        <section class="aw-related">
            <h2 class="aw-related__title">{ heading }</h2>
            <ul class="aw-related__list">
                { for links.iter().map(|link| html! {
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
