//! The reader's text-size choice, shared by every widget on the page.
//!
//! One choice per site, not per widget: pressing 크게 in one article enlarges all of them at
//! once, is saved to localStorage, and follows the reader to the site's other pages (and, via
//! the `storage` event, to its other open tabs). Widgets subscribe and re-render on change.

use std::cell::RefCell;

use yew::Callback;

use super::storage;
use crate::model::TextSize;

#[derive(Default)]
struct Store {
    /// `None` until the first read; then the stored choice, if any.
    choice: Option<Option<TextSize>>,
    subscribers: Vec<(u64, Callback<()>)>,
    next_id: u64,
    #[cfg(target_arch = "wasm32")]
    storage_listener: Option<gloo::events::EventListener>,
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

fn read_stored() -> Option<TextSize> {
    storage::get(&storage::text_size_key()).and_then(|name| TextSize::parse(&name))
}

/// The reader's choice, or `None` when they never chose (each widget then uses its prop).
pub fn current() -> Option<TextSize> {
    STORE.with(|s| *s.borrow_mut().choice.get_or_insert_with(read_stored))
}

/// Records the reader's choice, saves it, and re-renders every subscribed widget.
/// Choosing the step already shown costs nothing: no write, no re-render.
pub fn choose(size: TextSize) {
    if current() == Some(size) {
        return;
    }
    STORE.with(|s| s.borrow_mut().choice = Some(Some(size)));
    storage::set(&storage::text_size_key(), size.name());
    notify();
}

fn notify() {
    // Clone first: a subscriber may (un)subscribe while being told, which needs the borrow.
    let subscribers: Vec<Callback<()>> =
        STORE.with(|s| s.borrow().subscribers.iter().map(|(_, cb)| cb.clone()).collect());
    for cb in subscribers {
        cb.emit(());
    }
}

/// Keeps a widget subscribed for as long as it is held.
pub struct Subscription(u64);

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        STORE.with(|s| s.borrow_mut().subscribers.retain(|(i, _)| *i != id));
    }
}

pub fn subscribe(on_change: Callback<()>) -> Subscription {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let id = s.next_id;
        s.next_id += 1;
        s.subscribers.push((id, on_change));
        #[cfg(target_arch = "wasm32")]
        if s.storage_listener.is_none() {
            s.storage_listener = listen_to_other_tabs();
        }
        Subscription(id)
    })
}

/// Another tab of the same site changed the choice: follow it.
#[cfg(target_arch = "wasm32")]
fn listen_to_other_tabs() -> Option<gloo::events::EventListener> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(&window, "storage", |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        // A `clear()` has no key and resets everything, ours included.
        let ours = event.key().is_none_or(|k| k == storage::text_size_key());
        if ours {
            STORE.with(|s| s.borrow_mut().choice = Some(read_stored()));
            notify();
        }
    }))
}
