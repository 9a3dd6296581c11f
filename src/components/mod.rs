//! Views, one per file: components where there is state (hooks) or a subtree worth skipping
//! when its props are unchanged (`ArticleBody`), plain functions returning `Html` for the
//! stateless rest, since each component brings its own copy of Yew's lifecycle code. They take
//! typed data and callbacks and render; effects (storage, events) are reached only through hooks.

mod article;
mod article_body;
mod article_figure;
mod article_header;
mod island;
mod props_error_view;
mod quote_box;
mod reaction_bar;
mod reactions_island;
mod related_list;
mod text_size_control;
mod text_size_island;
mod widget;

pub use article::{Article, ArticleViewProps};
pub use article_body::ArticleBody;
pub use article_figure::article_figure;
pub use article_header::article_header;
pub use island::{Island, IslandKind, text_size_class, use_restored_focus};
pub use props_error_view::props_error_view;
pub use quote_box::quote_box;
pub use reaction_bar::reaction_bar;
pub use reactions_island::ReactionsIsland;
pub use related_list::related_list;
pub use text_size_control::text_size_control;
pub use text_size_island::TextSizeIsland;
pub use widget::{Widget, WidgetContent, WidgetProps};
