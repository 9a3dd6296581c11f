//! Custom hooks: how components reach the shared and persisted state in `effects`.

mod use_reader_reactions;
mod use_text_size;
mod use_text_size_choice;

pub use use_reader_reactions::use_reader_reactions;
pub use use_text_size::use_text_size;
pub use use_text_size_choice::use_text_size_choice;
