//! article-widget: an embeddable news-article widget, Yew compiled to WebAssembly.
//!
//! - [`model`]: props as typed data and their validation (pure, natively tested)
//! - [`state`]: state transitions (pure, natively tested)
//! - [`components`]: one view component per file
//! - [`hooks`] and [`effects`]: storage, events and the page-wide text-size choice
//! - `embed` (Wasm only): finds mount elements, reads their props, mounts and keeps handles
//! - [`server`] (native only): [`render_to_html`], the mount element rendered on the server

pub mod components;
pub mod effects;
pub mod hooks;
pub mod model;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod embed;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
#[cfg(not(target_arch = "wasm32"))]
pub mod server;

pub use components::{Widget, WidgetProps};
pub use model::{WidgetContent, content_from_json};
#[cfg(not(target_arch = "wasm32"))]
pub use server::{asset_links, render_to_html, render_to_html_with_warnings};
