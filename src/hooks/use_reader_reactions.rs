use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::effects::outbox::{self, Delivery};
use crate::effects::{events, reader_store};
use crate::model::{ArticleProps, ReactionMode};
use crate::state::{ArticleState, ReactionsAction, ReaderReactions, Selection};

/// The site's totals from props, key by key.
fn props_counts(article: &ArticleProps) -> Vec<(String, u64)> {
    article.reactions.iter().map(|r| (r.key.clone(), r.count)).collect()
}

/// The stored state, cleaned against what the article offers now. Without an endpoint nothing
/// is ever confirmed: every reaction of the reader counts.
fn stored(article: &ArticleProps) -> ArticleState {
    let mut state = reader_store::load(&article.id);
    state.selected = Selection::sanitized(state.selected.keys, &article.reactions, article.reaction_mode);
    if article.reaction_endpoint.is_none() {
        state.confirmed = Selection::default();
    }
    state
}

/// The reader's reactions to one article, and the callback that toggles one.
///
/// Wiring only: the transitions are `state::reactions`, storage and delivery are `effects`.
/// The callbacks read the latest props through a ref, so an `update()` that keeps the id but
/// changes counts, mode, offer or endpoint is honoured by the very next click or delivery.
#[hook]
pub fn use_reader_reactions(
    article: Rc<ArticleProps>,
    host: Option<Element>,
) -> (ReaderReactions, Callback<String>) {
    let state = use_reducer_eq({
        let article = article.clone();
        move || {
            let ArticleState { selected, confirmed, .. } = stored(&article);
            ReaderReactions { selected, confirmed, totals: Vec::new() }
        }
    });
    let latest = use_mut_ref(|| (article.clone(), host.clone()));
    *latest.borrow_mut() = (article.clone(), host.clone());

    // Fresh site totals in props (an `update`) win over older endpoint replies.
    use_effect_with(article.reactions.clone(), {
        let dispatcher = state.dispatcher();
        move |_| dispatcher.dispatch(ReactionsAction::ResetTotals)
    });

    use_effect_with(article.id.clone(), {
        let (dispatcher, latest) = (state.dispatcher(), latest.clone());
        move |id: &String| {
            let subscription = outbox::subscribe(
                id,
                Callback::from(move |delivery: Delivery| {
                    let (article, host) = latest.borrow().clone();
                    match delivery {
                        Delivery::Confirmed { reaction, selected, counts } => {
                            let props_count =
                                article.reactions.iter().find(|r| r.key == reaction).map_or(0, |r| r.count);
                            dispatcher.dispatch(ReactionsAction::Confirm {
                                reaction,
                                selected,
                                counts,
                                props_count,
                            });
                        }
                        Delivery::Stored => dispatcher.dispatch(ReactionsAction::Stored {
                            state: stored(&article),
                            props: props_counts(&article),
                        }),
                        Delivery::Failed { message } => {
                            if let Some(host) = &host {
                                events::error(host, Some(&article.id), &message);
                            }
                        }
                    }
                }),
            );
            move || drop(subscription)
        }
    });

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
        let (state, latest) = (state.clone(), latest.clone());
        Callback::from(move |key: String| {
            let (article, host) = latest.borrow().clone();
            // Read afresh: another tab, or another widget of this article, may have changed it.
            let before = ReaderReactions { selected: stored(&article).selected, ..(*state).clone() };
            let selection = before.selected.toggle(&key, article.reaction_mode);
            reader_store::save_selection(&article.id, &selection);
            if let Some(endpoint) = &article.reaction_endpoint {
                let single = article.reaction_mode == ReactionMode::Single;
                for (reaction, selected) in before.changes_to(&selection) {
                    outbox::enqueue(endpoint, &article.id, &reaction, selected, single);
                }
            }
            if let Some(host) = &host {
                let after = before.apply(ReactionsAction::Select(selection.clone()));
                events::reaction(host, &article.id, &key, &after, &article.reactions);
            }
            state.dispatch(ReactionsAction::Select(selection));
        })
    };
    (current, on_toggle)
}
