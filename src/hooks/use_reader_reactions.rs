use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::effects::outbox::{self, Delivery};
use crate::effects::{events, storage};
use crate::model::{ArticleProps, ReactionMode};
use crate::state::{ReactionsAction, ReaderReactions, Selection};

/// The reader's selection for an article as stored now, cleaned against what it offers; `None`
/// when storage cannot be read. Read afresh on every toggle: another tab, or another widget of
/// the same article, may have changed it since this one rendered.
fn stored_selection(article: &ArticleProps) -> Option<Selection> {
    let text = storage::read(&storage::reactions_key(&article.id)).ok()?;
    let keys =
        text.map(|_| storage::get_string_list(&storage::reactions_key(&article.id))).unwrap_or_default();
    Some(Selection::sanitized(keys, &article.reactions, article.reaction_mode))
}

/// The reader's reactions to one article, restored from storage, and the callback that toggles
/// one: it saves the new selection, queues it for the reactions endpoint (if any), and tells
/// the host page (`articlewidget:reaction`). Deliveries update the confirmed state and totals;
/// failed ones become `articlewidget:error`, and a change the endpoint refused for good is
/// taken back, so the button never shows a reaction the site did not record.
#[hook]
pub fn use_reader_reactions(
    article: Rc<ArticleProps>,
    host: Option<Element>,
) -> (ReaderReactions, Callback<String>) {
    let state = use_reducer({
        let (id, has_endpoint) = (article.id.clone(), article.reaction_endpoint.is_some());
        move || ReaderReactions {
            selected: Selection { keys: storage::get_string_list(&storage::reactions_key(&id)) },
            // Without an endpoint nothing is ever confirmed: every reaction of the reader counts.
            confirmed: Selection {
                keys: if has_endpoint {
                    storage::get_string_list(&storage::confirmed_key(&id))
                } else {
                    Vec::new()
                },
            },
            totals: Vec::new(),
        }
    });

    // Fresh site totals in props (an `update`) win over older endpoint replies.
    use_effect_with(article.reactions.clone(), {
        let dispatcher = state.dispatcher();
        move |_| dispatcher.dispatch(ReactionsAction::ResetTotals)
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
                            Delivery::Failed { message, dropped } => {
                                if let Some((reaction, selected)) = dropped {
                                    let current = stored_selection(&article).unwrap_or_default();
                                    let mut keys = current.keys;
                                    keys.retain(|k| *k != reaction);
                                    if !selected
                                        && (article.reaction_mode == ReactionMode::Multiple
                                            || keys.is_empty())
                                    {
                                        keys.push(reaction);
                                    }
                                    storage::set_string_list(&storage::reactions_key(&article.id), &keys);
                                    dispatcher.dispatch(ReactionsAction::Select(Selection { keys }));
                                }
                                if let Some(host) = &host {
                                    events::error(host, Some(&id), &message);
                                }
                            }
                        }),
                    )
                });
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
        let rendered = current.clone();
        Callback::from(move |key: String| {
            let base = ReaderReactions {
                selected: stored_selection(&article).unwrap_or_else(|| rendered.selected.clone()),
                ..rendered.clone()
            };
            let next_selection = base.selected.toggle(&key, article.reaction_mode);
            storage::set_string_list(&storage::reactions_key(&article.id), &next_selection.keys);
            if let Some(endpoint) = &article.reaction_endpoint {
                for (reaction, selected) in base.changes_to(&next_selection) {
                    outbox::enqueue(endpoint, &article.id, &reaction, selected);
                }
            }
            let next = base.apply(ReactionsAction::Select(next_selection.clone()));
            if let Some(host) = &host {
                events::reaction(host, &article.id, &key, &next, &article.reactions);
            }
            state.dispatch(ReactionsAction::Select(next_selection));
        })
    };
    (current, on_toggle)
}
