//! Browser side effects: storage, events, the console, and the page-wide text-size choice.
//!
//! Everything here fails soft: storage that throws, a missing `window`, an event that cannot
//! be built. A widget on someone else's page must keep working when the page is odd. On native
//! targets (server-side rendering tests) these do nothing.

pub mod console;
pub mod events;
pub mod fetch;
pub mod outbox;
pub mod storage;
pub mod text_size_store;
