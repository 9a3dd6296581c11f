//! Browser side effects: storage, locks, timers, requests, events and the console. The
//! decisions live in `state`; these modules only read inputs and perform what it returns.
//!
//! Everything here fails soft: storage that throws, a missing `window`, an event that cannot
//! be built. A widget on someone else's page must keep working when the page is odd. Each
//! module the views reach has a stand-in under `native/` for server rendering and native
//! tests, chosen at its `mod` line; the others exist only in the browser.

#[cfg_attr(not(target_arch = "wasm32"), path = "native/console.rs")]
pub mod console;
pub mod delivery;
#[cfg_attr(not(target_arch = "wasm32"), path = "native/events.rs")]
pub mod events;
#[cfg_attr(not(target_arch = "wasm32"), path = "native/outbox.rs")]
pub mod outbox;
#[cfg_attr(not(target_arch = "wasm32"), path = "native/reader_store.rs")]
pub mod reader_store;
pub mod subscribers;
#[cfg_attr(not(target_arch = "wasm32"), path = "native/text_size_store.rs")]
pub mod text_size_store;

#[cfg(target_arch = "wasm32")]
mod entropy;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod idle;
#[cfg(target_arch = "wasm32")]
mod outbox_store;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
mod web_locks;
