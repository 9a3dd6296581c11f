use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::effects::{events, storage};
use crate::model::ArticleProps;
use crate::state::Selection;

/// The reader's reactions to one article, restored from storage, and the callback that toggles
/// one: it saves the new selection and tells the host page (`articlewidget:reaction`).
#[hook]
pub fn use_reader_reactions(
    article: Rc<ArticleProps>,
    host: Option<Element>,
) -> (Selection, Callback<String>) {
    let stored = use_state_eq({
        let id = article.id.clone();
        move || storage::get_string_list(&storage::reactions_key(&id))
    });
    // Cleaned on every render rather than once: props may change what is offered.
    let selection =
        Selection::sanitized((*stored).clone(), &article.reactions, article.reaction_mode);
    let on_toggle = {
        let selection = selection.clone();
        Callback::from(move |key: String| {
            let next = selection.toggle(&key, article.reaction_mode);
            storage::set_string_list(&storage::reactions_key(&article.id), &next.keys);
            if let Some(host) = &host {
                events::reaction(host, &article.id, &key, &next, &article.reactions);
            }
            stored.set(next.keys);
        })
    };
    (selection, on_toggle)
}
