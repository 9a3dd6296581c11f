use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{
    ArticleBody, article_figure, article_header, reaction_bar, related_list, text_size_class,
    text_size_control,
};
use crate::hooks::{use_reader_reactions, use_text_size};
use crate::model::ArticleProps;

#[derive(Properties, Clone, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<ArticleProps>,
    #[prop_or_default]
    pub host: Option<Element>,
}

/// One article: header with times and the text-size control, photo, body, reactions, and the
/// 주요 뉴스 list. The text-size modifier sits on the root so every scaled part follows it.
/// The two interactive parts sit in `data-aw-island` slots: over server markup, only those are
/// rendered by the browser (`TextSizeIsland`, `ReactionsIsland`).
#[component]
pub fn Article(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let locale = article.locale;
    let (text_size, on_text_size) = use_text_size(article.text_size, props.host.clone());
    let (reader, on_toggle) = use_reader_reactions(article.clone(), props.host.clone());
    // The photo `src` that failed to load: an update with another `src` gets its own try.
    let failed_src = use_state_eq(|| None::<String>);
    let figure = article.image.as_ref().map(|image| {
        let failed = image.src.is_some() && *failed_src == image.src;
        let onerror = {
            let (failed_src, src) = (failed_src.clone(), image.src.clone());
            Callback::from(move |_: Event| failed_src.set(src.clone()))
        };
        article_figure(image, locale, failed, onerror)
    });

    html! {
        <div
            class={classes!("aw-widget", text_size_class(text_size))}
            lang={locale.tag()}
        >
            <article class="aw-article">
                { article_header(article, text_size_control(text_size, locale, &on_text_size)) }
                { figure }
                <ArticleBody blocks={article.body.clone()} />
                <div class="aw-article__reactions" data-aw-island="reactions">
                    { reaction_bar(&article.reactions, &reader, locale, &on_toggle) }
                </div>
            </article>
            if !article.related.is_empty() {
                { related_list(&article.related, locale, None) }
            }
        </div>
    }
}
