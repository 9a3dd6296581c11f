//! Native stand-in: nothing is ever sent.

use yew::Callback;

use crate::effects::subscribers::Subscription;

pub use crate::effects::delivery::Delivery;

pub fn subscribe(_article_id: &str, _on_delivery: Callback<Delivery>) -> Subscription {
    Subscription::none()
}

pub fn enqueue(_endpoint: &str, _article_id: &str, _reaction: &str, _selected: bool, _single: bool) {}
