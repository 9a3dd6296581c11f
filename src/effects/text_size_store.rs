//! The reader's text-size choice, shared by every widget on the page.
//!
//! One choice per site, not per widget: pressing 크게 in one article enlarges all of them at
//! once, is saved to localStorage, and follows the reader to the site's other pages (and, via
//! the `storage` event, to its other open tabs). Widgets subscribe and re-render on change.

use std::cell::{Cell, RefCell};

use yew::Callback;

use super::storage;
use super::subscribers::{Registry, Subscription};
use crate::model::TextSize;

thread_local! {
    /// `None` until the first read; then the stored choice, if any.
    static CHOICE: Cell<Option<Option<TextSize>>> = const { Cell::new(None) };
    static SUBSCRIBERS: Registry<()> = const { Registry::new() };
    static OTHER_TABS: RefCell<Option<Subscription>> = const { RefCell::new(None) };
}

fn key() -> String {
    storage::key("text-size")
}

fn read_stored() -> Option<TextSize> {
    storage::get(&key()).and_then(|name| TextSize::parse(&name))
}

/// The reader's choice, or `None` when they never chose (each widget then uses its prop).
pub fn current() -> Option<TextSize> {
    CHOICE.with(|c| {
        let choice = c.get().unwrap_or_else(read_stored);
        c.set(Some(choice));
        choice
    })
}

/// Records the reader's choice, saves it, and re-renders every subscribed widget.
/// Choosing the step already shown costs nothing: no write, no re-render.
pub fn choose(size: TextSize) {
    if current() == Some(size) {
        return;
    }
    CHOICE.with(|c| c.set(Some(Some(size))));
    storage::write(&key(), Some(size.name()));
    Registry::notify(&SUBSCRIBERS, None, &());
}

pub fn subscribe(on_change: Callback<()>) -> Subscription {
    OTHER_TABS.with(|o| {
        o.borrow_mut().get_or_insert_with(|| {
            // Another tab changed the choice (or cleared storage, which has no key): follow it.
            storage::watch(Callback::from(|changed: Option<String>| {
                if changed.is_none_or(|k| k == key()) {
                    CHOICE.with(|c| c.set(Some(read_stored())));
                    Registry::notify(&SUBSCRIBERS, None, &());
                }
            }))
        });
    });
    Registry::subscribe(&SUBSCRIBERS, "", on_change)
}
