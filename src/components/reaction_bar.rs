use yew::prelude::*;

use crate::model::format::group_thousands;
use crate::model::props::DEFAULT_REACTIONS;
use crate::model::{Locale, Reaction};
use crate::state::ReaderReactions;

/// The reaction buttons. Each is a toggle (`aria-pressed`) whose accessible name is its label
/// and count (`좋아요 3`), so a screen reader hears the number change with the state.
/// `on_toggle` is called with the key of the pressed reaction. A plain view function, not a
/// component: see `components/mod.rs`.
pub fn reaction_bar(
    reactions: &[Reaction],
    state: &ReaderReactions,
    locale: Locale,
    on_toggle: &Callback<String>,
) -> Html {
    if reactions.is_empty() {
        return html! {};
    }
    html! {
        <div
            class="aw-reactions"
            role="group"
            aria-label={locale.pick("이 기사에 대한 반응", "Reactions to this article")}
        >
            { for reactions.iter().map(|reaction| {
                let pressed = state.selected.contains(&reaction.key);
                // Modifier classes only for the documented keys: a key from props never becomes
                // a class name of its own.
                let modifier = DEFAULT_REACTIONS
                    .iter()
                    .find(|(k, _, _)| *k == reaction.key)
                    .map(|(k, _, _)| ["aw-reaction--", k].concat());
                let onclick = {
                    let key = reaction.key.clone();
                    on_toggle.reform(move |_: MouseEvent| key.clone())
                };
                html! {
                    <button
                        type="button"
                        class={classes!("aw-reaction", modifier, pressed.then_some("aw-reaction--pressed"))}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        {onclick}
                    >
                        <span class="aw-reaction__label">{ &reaction.label }</span>
                        { " " }
                        <span class="aw-reaction__count">{ group_thousands(state.shown_count(reaction)) }</span>
                    </button>
                }
            }) }
        </div>
    }
}
