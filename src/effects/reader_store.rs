//! The reader's stored state per article: the selection (`reactions:<id>`) and what the
//! reactions endpoint confirmed (`confirmed:<id>`), shared by the site's tabs.

use super::storage;
use crate::state::{ArticleState, Selection};

fn selection_key(article_id: &str) -> String {
    storage::key(&["reactions:", article_id].concat())
}

fn confirmed_key(article_id: &str) -> String {
    storage::key(&["confirmed:", article_id].concat())
}

/// Which article a changed storage key is about, if it is one of these.
pub fn article_of(key: &str) -> Option<&str> {
    let name = key.strip_prefix(storage::PREFIX)?;
    name.strip_prefix("reactions:").or_else(|| name.strip_prefix("confirmed:"))
}

pub fn load(article_id: &str) -> ArticleState {
    let key = selection_key(article_id);
    ArticleState {
        selected: Selection { keys: storage::get_list(&key) },
        confirmed: Selection { keys: storage::get_list(&confirmed_key(article_id)) },
        local_only: storage::is_unstored(&key),
    }
}

pub fn save_selection(article_id: &str, selection: &Selection) -> bool {
    storage::set_list(&selection_key(article_id), &selection.keys)
}

pub fn save_confirmed(article_id: &str, confirmed: &Selection) -> bool {
    storage::set_list(&confirmed_key(article_id), &confirmed.keys)
}
