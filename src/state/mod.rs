//! State transitions, as plain functions over plain data: time, randomness and what other tabs
//! wrote come in as arguments. Views, hooks and effects call these; native tests drive them.

pub mod delay;
pub mod outbox;
pub mod polling;
pub mod reactions;
pub mod selection;
pub mod stored;
pub mod text_size;

pub use reactions::{ArticleState, ReactionsAction, ReaderReactions, Selection};
pub use text_size::text_size_after_key;
