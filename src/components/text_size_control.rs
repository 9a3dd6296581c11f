use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlElement};
use yew::prelude::*;

use crate::model::{Locale, TextSize};
use crate::state::text_size_after_key;

/// Moves keyboard focus to the radio of `size`, a sibling of `from` (the radio the key was
/// pressed on; the group itself takes no focus).
fn focus_option(from: Option<EventTarget>, size: TextSize) {
    let option = from
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|radio| radio.parent_element())
        .and_then(|group| group.children().item(size.step() as u32))
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(option) = option {
        let _ = option.focus();
    }
}

/// The five-step text-size control: an ARIA radio group with a roving tabindex, so Tab enters
/// it once at the checked step and the arrow keys (plus Home and End) move the choice.
/// A plain view function, not a component: see `components/mod.rs`.
pub fn text_size_control(selected: TextSize, locale: Locale, on_select: &Callback<TextSize>) -> Html {
    let onkeydown = {
        let on_select = on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Alt+Left is the browser's Back, Ctrl+Home the page's top: not ours.
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            if let Some(next) = text_size_after_key(selected, &e.key()) {
                e.prevent_default();
                on_select.emit(next);
                focus_option(e.target(), next);
            }
        })
    };
    html! {
        <div
            class="aw-text-size"
            role="radiogroup"
            aria-label={locale.pick("글자 크기", "Text size")}
            {onkeydown}
        >
            { for TextSize::ALL.into_iter().map(|size| {
                let checked = size == selected;
                let onclick = on_select.reform(move |_: MouseEvent| size);
                html! {
                    <button
                        type="button"
                        role="radio"
                        class={classes!(
                            "aw-text-size__option",
                            ["aw-text-size__option--", size.name()].concat(),
                            checked.then_some("aw-text-size__option--checked"),
                        )}
                        aria-checked={if checked { "true" } else { "false" }}
                        tabindex={if checked { "0" } else { "-1" }}
                        {onclick}
                    >
                        { size.label(locale) }
                    </button>
                }
            }) }
        </div>
    }
}
