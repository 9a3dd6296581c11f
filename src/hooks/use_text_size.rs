use web_sys::Element;
use yew::prelude::*;

use super::use_text_size_choice;
use crate::effects::{events, text_size_store};
use crate::model::TextSize;

/// The text size an article shows (the reader's page-wide choice, else the article's own
/// `text_size`), and the callback for the control: saves a new choice and tells the host.
#[hook]
pub fn use_text_size(default: TextSize, host: Option<Element>) -> (TextSize, Callback<TextSize>) {
    let text_size = use_text_size_choice().unwrap_or(default);
    let on_select = Callback::from(move |size: TextSize| {
        // The step already shown: nothing changes, nobody is told.
        if size == text_size {
            return;
        }
        text_size_store::choose(size);
        if let Some(host) = &host {
            events::text_size(host, size);
        }
    });
    (text_size, on_select)
}
