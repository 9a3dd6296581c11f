//! The one error type of the service's handlers: a status and `{ "error", "field" }`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    /// What is wrong, for a person reading the reply.
    pub error: String,
    /// The field, header or part of the request at fault (`body` for the whole).
    pub field: String,
    /// Seconds, for 429 and 503.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, field: &str, error: impl Into<String>) -> Self {
        ApiError { status, error: error.into(), field: field.to_owned(), retry_after: None }
    }

    pub fn bad_request(field: &str, error: impl Into<String>) -> Self {
        let error = error.into();
        let error = if field == "body" { error } else { format!("`{field}` {error}") };
        ApiError::new(StatusCode::BAD_REQUEST, field, error)
    }

    /// The store failed: the client retries later (the widget keeps the change).
    pub fn unavailable(what: impl std::fmt::Display) -> Self {
        tracing::error!(error = %what, "store error");
        ApiError {
            retry_after: Some(1),
            ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "", "the store is unavailable")
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.error, "field": self.field });
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
