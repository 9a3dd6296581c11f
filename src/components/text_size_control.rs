use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::model::{Locale, TextSize};
use crate::state::text_size_after_key;

#[derive(Properties, PartialEq)]
pub struct TextSizeControlProps {
    pub selected: TextSize,
    pub locale: Locale,
    pub on_select: Callback<TextSize>,
}

/// Moves keyboard focus to the radio of `size` inside the group.
fn focus_option(group: &NodeRef, size: TextSize) {
    let option = group
        .cast::<Element>()
        .and_then(|g| g.children().item(size.step() as u32))
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(option) = option {
        let _ = option.focus();
    }
}

/// The five-step text-size control: an ARIA radio group with a roving tabindex, so Tab enters
/// it once at the checked step and the arrow keys (plus Home and End) move the choice.
#[component]
pub fn TextSizeControl(props: &TextSizeControlProps) -> Html {
    let group = use_node_ref();
    let locale = props.locale;
    let onkeydown = {
        let (group, selected, on_select) = (group.clone(), props.selected, props.on_select.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Alt+Left is the browser's Back, Ctrl+Home the page's top: not ours.
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            if let Some(next) = text_size_after_key(selected, &e.key()) {
                e.prevent_default();
                on_select.emit(next);
                focus_option(&group, next);
            }
        })
    };
    html! {
        <div
            class="aw-text-size"
            role="radiogroup"
            aria-label={locale.pick("글자 크기", "Text size")}
            ref={group}
            {onkeydown}
        >
            { for TextSize::ALL.into_iter().map(|size| {
                let checked = size == props.selected;
                let onclick = props.on_select.reform(move |_: MouseEvent| size);
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
