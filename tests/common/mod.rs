//! Shared by the native test files.
#![allow(dead_code)]

use article_widget::model::{ArticleProps, Json, Problem, PropsError};

/// The seed article's props, read from the demo page itself, so the demo can never drift into
/// props the widget refuses.
pub fn seed_json() -> Json {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
    let start = html.find(r#"<script type="application/json">"#).unwrap();
    let rest = &html[start..];
    let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    serde_json::from_str(body).unwrap()
}

pub fn json(text: &str) -> Json {
    serde_json::from_str(text).unwrap()
}

/// Validates, returning the props or the error, and the warnings.
pub fn validate(json: &Json) -> (Result<ArticleProps, PropsError>, Vec<String>) {
    let mut warnings = Vec::new();
    let result = ArticleProps::from_json(json, &mut warnings);
    (result, warnings)
}

/// The seed props with one top-level field replaced (or removed with `None`).
pub fn seed_with(field: &str, value: Option<Json>) -> Json {
    let Json::Object(mut entries) = seed_json() else { unreachable!() };
    entries.retain(|(k, _)| k != field);
    if let Some(v) = value {
        entries.push((field.to_owned(), v));
    }
    Json::Object(entries)
}

pub fn problem(json: &Json) -> (String, Problem) {
    let err = validate(json).0.expect_err("props should be refused");
    (err.field, err.problem)
}
