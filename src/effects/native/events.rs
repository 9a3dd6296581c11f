//! Native stand-in: there is no host page to hear events.

use web_sys::Element;

use crate::model::{Reaction, TextSize};
use crate::state::ReaderReactions;

pub fn text_size(_target: &Element, _size: TextSize) {}

pub fn reaction(
    _target: &Element,
    _article_id: &str,
    _key: &str,
    _state: &ReaderReactions,
    _reactions: &[Reaction],
) {
}

pub fn error(_target: &Element, _article_id: Option<&str>, _message: &str) {}
