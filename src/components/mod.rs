//! View components, one per file. They take typed props and callbacks and render; effects
//! (storage, events) are reached only through hooks.

mod article;
mod article_body;
mod article_figure;
mod article_header;
mod article_islands;
mod props_error_view;
mod quote_box;
mod reaction_bar;
mod related_list;
mod text_size_control;
mod widget;

pub use article::{Article, ArticleViewProps};
pub use article_body::ArticleBody;
pub use article_figure::ArticleFigure;
pub use article_header::ArticleHeader;
pub use article_islands::{ArticleIslands, ServerMarkup, text_size_class};
pub use props_error_view::PropsErrorView;
pub use quote_box::QuoteBox;
pub use reaction_bar::ReactionBar;
pub use related_list::RelatedList;
pub use text_size_control::TextSizeControl;
pub use widget::{Widget, WidgetContent, WidgetProps};
