//! State transitions, as plain functions over plain data: time, randomness and what other tabs
//! wrote come in as arguments. Views, hooks and effects call these; native tests drive them.

pub mod outbox;
pub mod polling;
pub mod queue;
pub mod reactions;
pub mod text_size;

pub use queue::{Backoff, PendingChange, enqueue_change};
pub use reactions::{ReactionsAction, ReaderReactions, Selection};
pub use text_size::text_size_after_key;
