//! Native stand-in: a server renders every reader as one who never chose a text size.

use yew::Callback;

use crate::effects::subscribers::Subscription;
use crate::model::TextSize;

pub fn current() -> Option<TextSize> {
    None
}

pub fn choose(_size: TextSize) {}

pub fn subscribe(_on_change: Callback<()>) -> Subscription {
    Subscription::none()
}
