//! Native stand-in: a server renders every reader as one who never reacted.

use crate::state::{ArticleState, Selection};

pub fn load(_article_id: &str) -> ArticleState {
    ArticleState::default()
}

pub fn save_selection(_article_id: &str, _selection: &Selection) -> bool {
    false
}
