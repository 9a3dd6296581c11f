//! article-widget: an embeddable news-article widget, Yew compiled to WebAssembly.
//!
//! - [`model`]: props as typed data and their validation (pure, natively tested)
//! - [`state`]: state transitions (pure, natively tested)
//! - [`components`]: one view component per file
//! - [`hooks`] and [`effects`]: storage, events and the page-wide text-size choice
//! - `embed` (Wasm only): finds mount elements, reads their props, mounts and keeps handles

pub mod components;
pub mod effects;
pub mod hooks;
pub mod model;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod embed;

pub use components::{Widget, WidgetProps};
pub use model::{WidgetContent, content_from_json};
