use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{ReactionBar, TextSizeControl};
use crate::hooks::{use_reader_reactions, use_text_size};
use crate::model::{ArticleProps, TextSize};

/// Server markup that a widget takes over in place (found by `embed/hydration.rs`): its
/// `.aw-widget` element and, for an article, the two `data-aw-island` slots.
#[derive(Clone, PartialEq)]
pub struct ServerMarkup {
    pub widget: Element,
    pub tools: Option<Element>,
    pub reactions: Option<Element>,
}

#[derive(Properties, Clone, PartialEq)]
pub struct ArticleIslandsProps {
    pub article: Rc<ArticleProps>,
    pub server: ServerMarkup,
    #[prop_or_default]
    pub host: Option<Element>,
}

/// An article whose markup came from the server: only its interactive parts are rendered
/// here, each into its slot (a portal), with the same hooks as `Article`. Header, photo and
/// body stay the server's nodes, so taking over costs the same for 5 paragraphs or 10,000.
#[component]
pub fn ArticleIslands(props: &ArticleIslandsProps) -> Html {
    let article = &props.article;
    let locale = article.locale;
    let (text_size, on_text_size) = use_text_size(article.text_size, props.host.clone());
    let (reader, on_toggle) = use_reader_reactions(article.clone(), props.host.clone());

    // The size modifier sits on the server's root, outside every slot: set it there.
    use_effect_with((text_size, props.server.widget.clone()), |(size, widget)| {
        let classes = widget.class_list();
        for other in TextSize::ALL {
            let _ = classes.remove_1(&text_size_class(other));
        }
        let _ = classes.add_1(&text_size_class(*size));
    });

    let tools = props.server.tools.clone().map(|slot| {
        create_portal(
            html! { <TextSizeControl selected={text_size} {locale} on_select={on_text_size} /> },
            slot,
        )
    });
    let reactions = props.server.reactions.clone().map(|slot| {
        let bar = html! {
            <ReactionBar reactions={article.reactions.clone()} state={reader} {locale} {on_toggle} />
        };
        create_portal(bar, slot)
    });
    html! { <>{ for tools }{ for reactions }</> }
}

/// `aw-widget--text-large`: the root's modifier for a size, as `Article` writes it.
pub fn text_size_class(size: TextSize) -> String {
    let mut class = String::from("aw-widget--text-");
    class.push_str(size.name());
    class
}
