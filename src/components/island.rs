use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::model::TextSize;

/// One island of server markup that a widget took over (`embed/hydration.rs`): a slot whose
/// contents the browser renders, in a container of its own, while the rest stays the server's.
#[derive(Clone, PartialEq)]
pub struct Island {
    pub kind: IslandKind,
    /// The server's `.aw-widget`, which holds the slot.
    pub widget: Element,
    /// The control that had keyboard focus when the slot was emptied, by its index among the
    /// slot's buttons: focused again once the island has rendered.
    pub focus: Option<u32>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum IslandKind {
    TextSize,
    Reactions,
}

impl IslandKind {
    /// The slot's `data-aw-island` value.
    pub fn name(self) -> &'static str {
        match self {
            IslandKind::TextSize => "text-size",
            IslandKind::Reactions => "reactions",
        }
    }
}

/// `aw-widget--text-large`: the root's modifier for a size.
pub fn text_size_class(size: TextSize) -> String {
    let mut class = String::from("aw-widget--text-");
    class.push_str(size.name());
    class
}

/// Focuses the island's control that had focus in the server's markup (a reader who tabbed to
/// a control while the Wasm loaded keeps their place).
#[hook]
pub fn use_restored_focus(island: &Island) {
    use_effect_with((), {
        let island = island.clone();
        move |_| {
            let Some(index) = island.focus else { return };
            let mut selector = String::from("[data-aw-island=");
            selector.push_str(island.kind.name());
            selector.push_str("] button");
            let control = island.widget.query_selector_all(&selector).ok().and_then(|all| all.item(index));
            if let Some(control) = control.and_then(|c| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(c).ok())
            {
                let _ = control.focus();
            }
        }
    });
}
