//! Models: the props as typed data, their validation, and the pure formatting they need.
//! Nothing here touches the browser, so all of it is tested natively.

pub mod boxes;
pub mod content;
pub mod counts;
pub mod digest;
pub mod error;
mod fields;
pub mod format;
pub mod json;
pub mod locale;
pub mod props;
pub mod reactions;
pub mod text_size;
pub mod time;
pub mod url;

pub use boxes::{Quote, QuoteBoxProps, QuoteKind, TopNewsProps};
pub use content::{WidgetContent, content_from_json};
pub use counts::{MAX_COUNT, counts_from_json};
pub use digest::props_digest;
pub use error::{Problem, PropsError};
pub use json::Json;
pub use locale::Locale;
pub use props::{ArticleProps, Block, Image, Link, Reaction, ReactionMode};
pub use text_size::TextSize;
pub use time::Timestamp;
