//! The reaction request (contract §4) as plain data, and its validation: pure, no I/O.
//!
//! Documented limits (README, "Running the reactions service"):
//! - `articleId`: 1 to 128 characters from `A-Z a-z 0-9 _ - . :` (no `/`: it is a path segment
//!   of `GET /api/reactions/{articleId}`).
//! - `reaction`: 1 to 64 characters from `A-Z a-z 0-9 _ -`.
//! - `Idempotency-Key`: 1 to 128 characters from `A-Z a-z 0-9 _ - . :`.
//! - The body: one JSON object with exactly `articleId`, `reaction` and `selected` (a boolean),
//!   at most [`MAX_BODY`] bytes.

use serde_json::Value;

use super::error::ApiError;

/// Reaction bodies larger than this are refused with 413: the real ones are under 200 bytes.
pub const MAX_BODY: usize = 4 * 1024;
pub const MAX_ARTICLE_ID: usize = 128;
pub const MAX_REACTION: usize = 64;
pub const MAX_IDEMPOTENCY_KEY: usize = 128;

/// One reader's intended state for one reaction of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub article_id: String,
    pub reaction: String,
    pub selected: bool,
}

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

fn key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
}

fn check(value: &str, max: usize, allowed: fn(char) -> bool) -> bool {
    !value.is_empty() && value.len() <= max && value.chars().all(allowed)
}

pub fn valid_article_id(value: &str) -> bool {
    check(value, MAX_ARTICLE_ID, id_char)
}

pub fn valid_reaction(value: &str) -> bool {
    check(value, MAX_REACTION, key_char)
}

pub fn valid_idempotency_key(value: &str) -> bool {
    check(value, MAX_IDEMPOTENCY_KEY, id_char)
}

/// The article id of a path or a field, or the error naming `field`.
pub fn article_id(value: &str, field: &str) -> Result<String, ApiError> {
    if valid_article_id(value) {
        Ok(value.to_owned())
    } else {
        Err(ApiError::bad_request(
            field,
            format!("must be 1 to {MAX_ARTICLE_ID} characters from A-Z a-z 0-9 _ - . :"),
        ))
    }
}

/// The body of `POST /api/reactions`.
pub fn parse(body: &[u8]) -> Result<Change, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|error| ApiError::bad_request("body", format!("is not JSON: {error}")))?;
    let Value::Object(object) = value else {
        return Err(ApiError::bad_request("body", "must be a JSON object"));
    };
    if let Some(unknown) =
        object.keys().find(|k| !matches!(k.as_str(), "articleId" | "reaction" | "selected"))
    {
        // The name is echoed back only when it is short and harmless to show.
        let field =
            if unknown.len() <= 64 && unknown.chars().all(id_char) { unknown.as_str() } else { "body" };
        return Err(ApiError::bad_request(field, "is not a field of a reaction change"));
    }
    let text = |name: &str| match object.get(name) {
        None => Err(ApiError::bad_request(name, "is missing")),
        Some(Value::String(s)) => Ok(s.as_str()),
        Some(_) => Err(ApiError::bad_request(name, "must be a string")),
    };
    let article_id = article_id(text("articleId")?, "articleId")?;
    let reaction = text("reaction")?;
    if !valid_reaction(reaction) {
        return Err(ApiError::bad_request(
            "reaction",
            format!("must be 1 to {MAX_REACTION} characters from A-Z a-z 0-9 _ -"),
        ));
    }
    let selected = match object.get("selected") {
        None => return Err(ApiError::bad_request("selected", "is missing")),
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(ApiError::bad_request("selected", "must be true or false")),
    };
    Ok(Change { article_id, reaction: reaction.to_owned(), selected })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(body: &str) -> String {
        parse(body.as_bytes()).unwrap_err().field
    }

    #[test]
    fn the_widgets_body_is_a_change() {
        let change = parse(br#"{"articleId":"a-1:x.y","reaction":"followUp","selected":true}"#).unwrap();
        assert_eq!(
            change,
            Change { article_id: "a-1:x.y".into(), reaction: "followUp".into(), selected: true }
        );
    }

    #[test]
    fn each_bad_body_names_its_field() {
        let long_id = "a".repeat(MAX_ARTICLE_ID + 1);
        let long_key = "k".repeat(MAX_REACTION + 1);
        for (body, field) in [
            ("{", "body"),
            ("", "body"),
            ("[]", "body"),
            ("null", "body"),
            (r#"{"reaction":"like","selected":true}"#, "articleId"),
            (r#"{"articleId":1,"reaction":"like","selected":true}"#, "articleId"),
            (r#"{"articleId":"","reaction":"like","selected":true}"#, "articleId"),
            (r#"{"articleId":"a/b","reaction":"like","selected":true}"#, "articleId"),
            (&format!(r#"{{"articleId":"{long_id}","reaction":"like","selected":true}}"#), "articleId"),
            (r#"{"articleId":"a","selected":true}"#, "reaction"),
            (r#"{"articleId":"a","reaction":"좋아요","selected":true}"#, "reaction"),
            (&format!(r#"{{"articleId":"a","reaction":"{long_key}","selected":true}}"#), "reaction"),
            (r#"{"articleId":"a","reaction":"like"}"#, "selected"),
            (r#"{"articleId":"a","reaction":"like","selected":"true"}"#, "selected"),
            (r#"{"articleId":"a","reaction":"like","selected":1}"#, "selected"),
            (r#"{"articleId":"a","reaction":"like","selected":true,"count":5}"#, "count"),
            (r#"{"articleId":"a","reaction":"like","selected":true,"<b>":5}"#, "body"),
        ] {
            assert_eq!(field_of(body), field, "{body}");
        }
        assert!(valid_article_id(&"a".repeat(MAX_ARTICLE_ID)));
        assert!(!valid_idempotency_key("a b"));
    }
}
