use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{Island, reaction_bar, use_restored_focus};
use crate::hooks::use_reader_reactions;
use crate::model::ArticleProps;

#[derive(Properties, Clone, PartialEq)]
pub struct ReactionsIslandProps {
    pub article: Rc<ArticleProps>,
    pub island: Island,
    #[prop_or_default]
    pub host: Option<Element>,
}

/// The reaction buttons of a server-rendered article, rendered into their slot with the
/// reader's state and fresh counts.
#[component]
pub fn ReactionsIsland(props: &ReactionsIslandProps) -> Html {
    let article = &props.article;
    let (state, on_toggle) = use_reader_reactions(article.clone(), props.host.clone());
    use_restored_focus(&props.island);
    reaction_bar(&article.reactions, &state, article.locale, &on_toggle)
}
