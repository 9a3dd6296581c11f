use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::effects::outbox::{self, Delivery};
use crate::effects::{events, storage};
use crate::model::ArticleProps;
use crate::state::{ReactionsAction, ReaderReactions, Selection};

/// The reader's reactions to one article, restored from storage, and the callback that toggles
/// one: it saves the new selection, queues it for the reactions endpoint (if any), and tells
/// the host page (`articlewidget:reaction`). Deliveries update the confirmed state and totals;
/// failed ones become `articlewidget:error`.
#[hook]
pub fn use_reader_reactions(
    article: Rc<ArticleProps>,
    host: Option<Element>,
) -> (ReaderReactions, Callback<String>) {
    let state = use_reducer({
        let id = article.id.clone();
        move || ReaderReactions {
            selected: Selection { keys: storage::get_string_list(&storage::reactions_key(&id)) },
            confirmed: Selection { keys: storage::get_string_list(&storage::confirmed_key(&id)) },
            totals: Vec::new(),
        }
    });

    {
        let (dispatcher, article, host) = (state.dispatcher(), article.clone(), host.clone());
        use_effect_with(
            (article.id.clone(), article.reaction_endpoint.is_some()),
            move |(id, has_endpoint)| {
                let subscription = has_endpoint.then(|| {
                    let id = id.clone();
                    outbox::subscribe(
                        &id.clone(),
                        Callback::from(move |delivery: Delivery| match delivery {
                            Delivery::Confirmed { reaction, selected, counts } => {
                                let props_count = article
                                    .reactions
                                    .iter()
                                    .find(|r| r.key == reaction)
                                    .map_or(0, |r| r.count);
                                dispatcher.dispatch(ReactionsAction::Confirm {
                                    reaction,
                                    selected,
                                    counts,
                                    props_count,
                                });
                            }
                            Delivery::Failed { message, .. } => {
                                if let Some(host) = &host {
                                    events::error(host, Some(&id), &message);
                                }
                            }
                        }),
                    )
                });
                outbox::resume();
                move || drop(subscription)
            },
        );
    }

    // Cleaned on every render rather than once: props may change what is offered.
    let current = ReaderReactions {
        selected: Selection::sanitized(
            state.selected.keys.clone(),
            &article.reactions,
            article.reaction_mode,
        ),
        ..(*state).clone()
    };
    let on_toggle = {
        let current = current.clone();
        Callback::from(move |key: String| {
            let next_selection = current.selected.toggle(&key, article.reaction_mode);
            storage::set_string_list(&storage::reactions_key(&article.id), &next_selection.keys);
            if let Some(endpoint) = &article.reaction_endpoint {
                for (reaction, selected) in current.changes_to(&next_selection) {
                    outbox::enqueue(endpoint, &article.id, &reaction, selected);
                }
            }
            let next = current.apply(ReactionsAction::Select(next_selection.clone()));
            if let Some(host) = &host {
                events::reaction(host, &article.id, &key, &next, &article.reactions);
            }
            state.dispatch(ReactionsAction::Select(next_selection));
        })
    };
    (current, on_toggle)
}
