//! `POST /api/render`'s props: the store's counts put where the props give none. Pure.

use article_widget::model::Json;
use article_widget::model::reactions::DEFAULT_REACTIONS;
use serde_json::{Map, Value};

use super::change::valid_article_id;

/// The article whose counts the props may need: an article's (not a box's) valid `id`, when
/// some reaction has no `count`.
pub fn needs_counts(props: &Json) -> Option<&str> {
    let Json::Object(_) = props else { return None };
    match props.get("kind") {
        None => {}
        Some(Json::String(kind)) if kind == "article" => {}
        Some(_) => return None,
    }
    let Some(Json::String(id)) = props.get("id") else { return None };
    let id = id.trim();
    let missing = match props.get("reactions") {
        None => true,
        Some(Json::Array(items)) => {
            items.iter().any(|item| matches!(item, Json::Object(_)) && item.get("count").is_none())
        }
        Some(_) => false,
    };
    (missing && valid_article_id(id)).then_some(id)
}

/// `props` with `counts` filled in: the seed's reactions when the props name none, and a
/// `count` for each listed reaction that has none (0 when the store has none either).
pub fn fill_counts(props: Json, counts: &Map<String, Value>) -> Json {
    let count = |key: &str| Json::Number(counts.get(key.trim()).and_then(Value::as_u64).unwrap_or(0) as f64);
    let Json::Object(mut entries) = props else { return props };
    let listed = entries.iter_mut().rev().find(|(k, _)| k == "reactions");
    match listed {
        None => {
            let defaults = DEFAULT_REACTIONS
                .iter()
                .map(|(key, _, _)| {
                    Json::Object(vec![
                        ("key".into(), Json::String((*key).into())),
                        ("count".into(), count(key)),
                    ])
                })
                .collect();
            entries.push(("reactions".into(), Json::Array(defaults)));
        }
        Some((_, Json::Array(items))) => {
            for item in items {
                let key = match item.get("key") {
                    Some(Json::String(key)) if item.get("count").is_none() => key.clone(),
                    _ => continue,
                };
                if let Json::Object(fields) = item {
                    fields.push(("count".into(), count(&key)));
                }
            }
        }
        Some(_) => {}
    }
    Json::Object(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::from_text(text.as_bytes()).unwrap()
    }

    #[test]
    fn counts_fill_only_what_the_props_leave_out() {
        let store = Map::from_iter([("like".to_owned(), Value::from(7)), ("sad".to_owned(), Value::from(2))]);
        let props = json(r#"{"id":"a1","reactions":[{"key":"like"},{"key":"sad","count":40}]}"#);
        assert_eq!(needs_counts(&props), Some("a1"));
        assert_eq!(
            fill_counts(props, &store),
            json(r#"{"id":"a1","reactions":[{"key":"like","count":7},{"key":"sad","count":40}]}"#)
        );
        let props = json(r#"{"id":"a1"}"#);
        assert_eq!(
            fill_counts(props, &store),
            json(
                r#"{"id":"a1","reactions":[{"key":"like","count":7},{"key":"angry","count":0},{"key":"sad","count":2},{"key":"followUp","count":0}]}"#
            )
        );
    }

    #[test]
    fn boxes_complete_props_and_odd_ids_need_nothing() {
        for props in [
            r#"{"kind":"topNews","id":"a1"}"#,
            r#"{"id":"a1","reactions":[{"key":"like","count":1}]}"#,
            r#"{"id":"a/1"}"#,
            r#"{"id":5}"#,
            r#"[]"#,
        ] {
            assert_eq!(needs_counts(&json(props)), None, "{props}");
        }
        assert_eq!(needs_counts(&json(r#"{"kind":"article","id":" a1 "}"#)), Some("a1"));
    }
}
