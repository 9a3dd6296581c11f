//! The one subscriber list the effects share: widgets subscribe to a topic (an article id, or
//! `""` for page-wide news) and are told for as long as they hold the [`Subscription`].

use std::cell::{Cell, RefCell};
use std::thread::LocalKey;

use yew::Callback;

pub struct Registry<T: 'static> {
    entries: RefCell<Vec<(u64, String, Callback<T>)>>,
    next: Cell<u64>,
}

impl<T: Clone + 'static> Default for Registry<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + 'static> Registry<T> {
    pub const fn new() -> Self {
        Registry { entries: RefCell::new(Vec::new()), next: Cell::new(0) }
    }

    /// Subscribes `callback` to `topic` in the registry behind `key`.
    pub fn subscribe(key: &'static LocalKey<Self>, topic: &str, callback: Callback<T>) -> Subscription {
        let id = key.with(|r| {
            let id = r.next.get();
            r.next.set(id.wrapping_add(1));
            r.entries.borrow_mut().push((id, topic.to_owned(), callback));
            id
        });
        Subscription(Some(Box::new(move || {
            key.with(|r| r.entries.borrow_mut().retain(|(i, _, _)| *i != id))
        })))
    }

    /// Tells the subscribers of `topic` (every subscriber when `None`). The list is copied
    /// first: a subscriber may subscribe or leave while being told.
    pub fn notify(key: &'static LocalKey<Self>, topic: Option<&str>, value: &T) {
        let callbacks: Vec<Callback<T>> = key.with(|r| {
            r.entries
                .borrow()
                .iter()
                .filter(|(_, t, _)| topic.is_none_or(|topic| t == topic))
                .map(|(_, _, cb)| cb.clone())
                .collect()
        });
        for callback in callbacks {
            callback.emit(value.clone());
        }
    }
}

/// Keeps a subscription for as long as it is held.
pub struct Subscription(Option<Box<dyn FnOnce()>>);

impl Subscription {
    /// A subscription to nothing (where there is nothing to hear, as in server rendering).
    pub fn none() -> Subscription {
        Subscription(None)
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(leave) = self.0.take() {
            leave();
        }
    }
}
