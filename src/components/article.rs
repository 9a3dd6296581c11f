use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{ArticleBody, ArticleFigure, ArticleHeader, ReactionBar, RelatedList, TextSizeControl};
use crate::effects::{events, text_size_store};
use crate::hooks::{use_reader_reactions, use_text_size_choice};
use crate::model::{ArticleProps, TextSize};

#[derive(Properties, Clone, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<ArticleProps>,
    #[prop_or_default]
    pub host: Option<Element>,
}

/// One article: header with times and the text-size control, photo, body, reactions, and the
/// 주요 뉴스 list. The text-size modifier sits on the root so every scaled part follows it.
#[component]
pub fn Article(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let locale = article.locale;
    let text_size = use_text_size_choice().unwrap_or(article.text_size);
    let (reader, on_toggle) = use_reader_reactions(article.clone(), props.host.clone());

    let on_text_size = {
        let host = props.host.clone();
        Callback::from(move |size: TextSize| {
            // The step already shown: nothing changes, nobody is told.
            if size == text_size {
                return;
            }
            text_size_store::choose(size);
            if let Some(host) = &host {
                events::text_size(host, size);
            }
        })
    };

    html! {
        <div
            class={classes!("aw-widget", format!("aw-widget--text-{}", text_size.name()))}
            lang={locale.tag()}
        >
            <article class="aw-article">
                <ArticleHeader article={article.clone()}>
                    <TextSizeControl selected={text_size} {locale} on_select={on_text_size} />
                </ArticleHeader>
                if let Some(image) = &article.image {
                    <ArticleFigure key={image.src.clone().unwrap_or_default()} image={image.clone()} {locale} />
                }
                <ArticleBody blocks={article.body.clone()} />
                <ReactionBar
                    reactions={article.reactions.clone()}
                    state={reader}
                    {locale}
                    {on_toggle}
                />
            </article>
            if !article.related.is_empty() {
                <RelatedList links={article.related.clone()} {locale} />
            }
        </div>
    }
}
