//! The reader's identity: a random id in an `HttpOnly`, `SameSite=Lax` cookie, which the widget's
//! same-origin requests carry. Pure apart from [`new_id`]'s randomness.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

use super::error::ApiError;

pub const COOKIE_NAME: &str = "aw_reader";
/// A year: a reader who comes back within it is still the same reader.
const MAX_AGE_S: u64 = 365 * 24 * 3600;
/// 128 random bits, as hex.
const ID_LEN: usize = 32;

fn valid(id: &str) -> bool {
    id.len() == ID_LEN && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The reader id of the request's cookie; a missing or malformed one is no reader (a new one is
/// made), never an error: cookies are the browser's, not the reader's, to get right.
pub fn from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, id)| *name == COOKIE_NAME && valid(id))
        .map(|(_, id)| id.to_owned())
}

pub fn new_id() -> Result<String, ApiError> {
    let mut bytes = [0u8; ID_LEN / 2];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::unavailable(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The `Set-Cookie` value; `Secure` when the reader came over HTTPS (directly or, with
/// `--trust-proxy`, as the proxy says).
pub fn set_cookie(id: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={id}; Path=/; Max-Age={MAX_AGE_S}; HttpOnly; SameSite=Lax{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_cookie_is_read_among_others_and_odd_values_are_no_reader() {
        let id = new_id().unwrap();
        assert!(valid(&id));
        assert_ne!(id, new_id().unwrap());
        let mut headers = HeaderMap::new();
        assert_eq!(from_headers(&headers), None);
        headers.insert(COOKIE, HeaderValue::from_str(&format!("a=b; {COOKIE_NAME}={id}; c=d")).unwrap());
        assert_eq!(from_headers(&headers), Some(id.clone()));
        headers.insert(COOKIE, HeaderValue::from_static("aw_reader=../../etc; x=1"));
        assert_eq!(from_headers(&headers), None);
        assert_eq!(
            set_cookie(&id, true),
            format!("aw_reader={id}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure")
        );
        assert!(!set_cookie(&id, false).contains("Secure"));
    }
}
