//! View components, one per file. They take typed props and callbacks and render; effects
//! (storage, events) are reached only through hooks.

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
pub use article_figure::ArticleFigure;
pub use article_header::ArticleHeader;
pub use island::{Island, IslandKind, text_size_class, use_restored_focus};
pub use props_error_view::PropsErrorView;
pub use quote_box::QuoteBox;
pub use reaction_bar::ReactionBar;
pub use reactions_island::ReactionsIsland;
pub use related_list::RelatedList;
pub use text_size_control::TextSizeControl;
pub use text_size_island::TextSizeIsland;
pub use widget::{Widget, WidgetContent, WidgetProps};
