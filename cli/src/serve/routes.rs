//! The routes of contract §8 and their handlers: HTTP in, the pure checks (`change`, `render`,
//! `reader`, `limit`), the store or the writer, HTTP out.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use article_widget::model::{Json, PropsError};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use super::cache::CountsCache;
use super::change::{self, MAX_BODY};
use super::error::ApiError;
use super::limit::{self, Client, Limiter};
use super::reader;
use super::render::{fill_counts, needs_counts};
use super::store::{self, Outcome, Store};
use super::writer::Writer;

/// `POST /api/render` takes props up to this size (an article with a long body).
pub const MAX_PROPS: usize = 4 * 1024 * 1024;

pub struct App {
    pub store: Store,
    pub cache: Arc<CountsCache>,
    pub writer: Writer,
    pub limiter: Limiter,
    pub trust_proxy: bool,
    /// The reaction keys a change may name (`--reactions`): with them the rows per article are
    /// bounded, so made-up keys can neither grow the counts reply nor crowd real ones out.
    pub reactions: Vec<String>,
}

type Shared = Arc<App>;

pub fn router(app: App, dist: Option<&Path>, allow_origins: &[String]) -> Router {
    let app = Arc::new(app);
    let cors = cors(allow_origins);
    let mut router = Router::new()
        .route("/api/reactions", post(post_reaction).layer(DefaultBodyLimit::max(MAX_BODY)))
        .route("/api/reactions/{article_id}", get(get_counts).layer(cors))
        .route(
            "/api/render",
            post(render)
                .layer::<_, Infallible>(DefaultBodyLimit::max(MAX_PROPS))
                .layer::<_, Infallible>(CompressionLayer::new()),
        )
        .route("/healthz", get(healthz))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "path", "no such route") });
    if let Some(dist) = dist {
        router = router.merge(widget_files(dist));
    }
    router
        .layer(middleware::from_fn_with_state(app.clone(), admit))
        .layer(TraceLayer::new_for_http())
        .with_state(app)
}

/// `/widget/…` with `no-cache` (revalidated: the unversioned path changes with each release),
/// and `/widget/VERSION/…` as immutable. Only this build's version: another one under an
/// immutable URL would be cached wrong for a year.
fn widget_files(dist: &Path) -> Router<Shared> {
    let version = article_widget::server::VERSION;
    let files = |cache: &'static str| {
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache)))
            .layer(CompressionLayer::new())
            .service(ServeDir::new(dist).append_index_html_on_directories(true))
    };
    Router::new()
        .nest_service(&format!("/widget/{version}"), files("public, max-age=31536000, immutable"))
        .nest_service("/widget", files("no-cache"))
}

fn cors(origins: &[String]) -> CorsLayer {
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    CorsLayer::new().allow_origin(allow).allow_methods([Method::GET])
}

/// Every request: who the client is (for the cookie's `Secure`), and the rate limit on
/// `POST /api/reactions`, the one route that writes. Reading counts and `POST /api/render` are
/// a host's own server's calls (and cached or cheap), so they are not limited.
async fn admit(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let client = limit::client(peer, request.headers(), app.trust_proxy);
    if request.method() == Method::POST && request.uri().path() == "/api/reactions" {
        if let Err(seconds) = app.limiter.check(client.addr, Instant::now()) {
            let error =
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, "", "too many requests from this address");
            return ApiError { retry_after: Some(seconds), ..error }.into_response();
        }
    }
    request.extensions_mut().insert(client);
    next.run(request).await
}

/// A body the extractor refused: too large (413) or unreadable.
fn body_error(rejection: BytesRejection, limit: usize) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body", format!("is larger than {limit} bytes"))
    } else {
        ApiError::bad_request("body", format!("could not be read: {rejection}"))
    }
}

/// JSON bodies only: a cross-site form cannot send one without a CORS preflight, which this
/// route does not answer.
fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if json {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "content-type", "must be application/json"))
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(value) => match value.to_str() {
            Ok(key) if change::valid_idempotency_key(key) => Ok(Some(key.to_owned())),
            _ => Err(ApiError::bad_request(
                "Idempotency-Key",
                format!("must be 1 to {} characters from A-Z a-z 0-9 _ - . :", change::MAX_IDEMPOTENCY_KEY),
            )),
        },
    }
}

async fn post_reaction(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    // Size first: a 5 MB body is 413 whatever its type.
    let body = body.map_err(|r| body_error(r, MAX_BODY))?;
    require_json(&headers)?;
    let change = change::parse(&body)?;
    if !app.reactions.contains(&change.reaction) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "reaction",
            format!("is not one of this service's reactions ({})", app.reactions.join(", ")),
        ));
    }
    let key = idempotency_key(&headers)?;
    let cookie = reader::from_headers(&headers);
    let request = store::Request { change, key, reader: cookie.clone(), new_reader: reader::new_id()? };
    match app.writer.apply(request).await? {
        Outcome::Done { reply, reader, replayed } => {
            let mut response = json_text(reply);
            if replayed {
                // As Stripe's API says it: this answer is the stored one, nothing was applied now.
                response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            }
            // A retry without the cookie gets the reader its first request made, as that
            // reply would have set it.
            if cookie.is_none() {
                if let Ok(value) = HeaderValue::from_str(&reader::set_cookie(&reader, client.https)) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
            }
            Ok(response)
        }
        Outcome::KeyReused => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Idempotency-Key",
            "was already used for a different change",
        )),
    }
}

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], text).into_response()
}

async fn get_counts(
    State(app): State<Shared>,
    article_id: Result<axum::extract::Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let article_id =
        article_id.map_err(|_| ApiError::bad_request("articleId", "is not a readable path segment"))?;
    let article_id = change::article_id(&article_id, "articleId")?;
    let now = Instant::now();
    if let Some(body) = app.cache.get(&article_id, now) {
        return Ok(json_text(body));
    }
    let generation = app.cache.generation();
    let counts = app.store.counts(&article_id).await.map_err(ApiError::unavailable)?;
    let body = serde_json::json!({ "articleId": article_id, "counts": counts }).to_string();
    app.cache.put(&article_id, generation, now, body.clone());
    Ok(json_text(body))
}

async fn render(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|r| body_error(r, MAX_PROPS))?;
    require_json(&headers)?;
    let props = Json::from_text(&body)
        .map_err(|problem| ApiError::bad_request("body", PropsError::new("props", problem).to_string()))?;
    let props = match needs_counts(&props).map(str::to_owned) {
        Some(id) => fill_counts(props, &app.store.counts(&id).await.map_err(ApiError::unavailable)?),
        None => props,
    };
    // Yew's renderer is synchronous work: off the async threads.
    let html = tokio::task::spawn_blocking(move || article_widget::render_to_html(&props))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "", format!("rendering failed: {e}")))?
        .map_err(|e| {
            let field = if e.field.is_empty() { "props".to_owned() } else { e.field.clone() };
            ApiError { field, ..ApiError::new(StatusCode::BAD_REQUEST, "", e.to_string()) }
        })?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

async fn healthz(State(app): State<Shared>) -> Response {
    match tokio::time::timeout(Duration::from_secs(2), app.store.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok\n").into_response(),
        Ok(Err(error)) => ApiError::unavailable(error).into_response(),
        Err(_) => ApiError::unavailable("no answer within 2 s").into_response(),
    }
}
