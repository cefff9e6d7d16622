//! `atalaya serve`: the HTTP JSON API and the web dashboard over one store.
//!
//! - Routes (`routes()`, the one list the router is built from and `/openapi.json` is checked
//!   against): the dashboard's static files (embedded, `assets/`), `/openapi.json`, and the
//!   JSON API in `api.rs` — events with every filter of `atalaya events` and paging, one event
//!   with its evidence, stories with their mention trail, dyad series with the escalation index, actors, the actor network,
//!   alerts, full-text search, and `POST /api/ingest`.
//! - Reads go through the store's own queries (`EventFilter`, `Store::timeline`,
//!   `Store::check_alerts`, ...), the ones the CLI runs, on a pool of read-only connections
//!   (`pool.rs`), each query on a blocking thread.
//! - Safe by default: the CLI binds 127.0.0.1; GETs cannot write (read-only connections);
//!   writing (`POST /api/ingest`) needs the token, and is off without one; request bodies,
//!   time and concurrent requests are bounded ([`Limits`]); no request parameter names a file;
//!   requests whose `Host` is not a loopback name are refused while bound to loopback (a web
//!   page elsewhere cannot reach the API through DNS rebinding); errors are JSON
//!   (`error.rs`).
//!
//! The coding and writing of `POST /api/ingest` belong to the CLI (the same code path as
//! `atalaya ingest`), handed in as an [`Ingest`].

mod api;
pub mod bench;
mod cache;
mod error;
mod params;
mod pool;

pub use error::ApiError;
pub use pool::ReadPool;

use atalaya_analysis::Rule;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;

/// What `POST /api/ingest` does with a body: the CLI codes and stores it.
pub trait Ingest: Send + Sync {
    /// Reads `body` as JSON Lines articles, codes and stores them; returns the run's counts.
    fn ingest(&self, body: &[u8]) -> Result<serde_json::Value, IngestError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// Nothing in the body could be read (400).
    #[error("{0}")]
    BadInput(String),
    /// The store or the coder failed (500).
    #[error("{0}")]
    Failed(String),
}

/// Bounds on what one request may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body (bytes); larger gets 413.
    pub max_body: usize,
    /// Longest a request may take; slower gets 408.
    pub timeout: Duration,
    /// Requests handled at once; more wait their turn (within `timeout`).
    pub max_in_flight: usize,
    /// Read connections (queries running at once).
    pub readers: usize,
    /// Longest a query waits for a connection; longer gets 503.
    pub reader_wait: Duration,
    /// GET answers kept for reuse while the store is unchanged (0: no cache).
    pub cache_entries: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 8 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_in_flight: 2048,
            readers: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            reader_wait: Duration::from_secs(20),
            cache_entries: 4096,
        }
    }
}

/// Everything a server needs.
pub struct Config {
    pub db: PathBuf,
    pub rules: Vec<Rule>,
    /// Where the rules came from (shown by `/api/alerts`).
    pub rules_origin: Option<String>,
    /// The write token; `None` disables `POST /api/ingest`.
    pub token: Option<String>,
    pub ingest: Option<Arc<dyn Ingest>>,
    pub limits: Limits,
    /// Refuse requests whose `Host` header is not a loopback name (set when bound to
    /// loopback).
    pub loopback_only: bool,
}

/// The shared state of every handler.
pub struct App {
    pub(crate) pool: Arc<ReadPool>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) rules_origin: Option<String>,
    pub(crate) token: Option<String>,
    pub(crate) ingest: Option<Arc<dyn Ingest>>,
    pub(crate) ingest_turn: tokio::sync::Mutex<()>,
    pub(crate) limits: Limits,
    pub(crate) loopback_only: bool,
    pub(crate) cache: cache::Cache,
}

impl App {
    /// Opens the store read-only (an error names the file when it is missing or unreadable).
    pub fn new(config: Config) -> Result<Arc<App>, atalaya_store::StoreError> {
        let pool = ReadPool::open(config.db, config.limits.readers, config.limits.reader_wait)?;
        let cache = cache::Cache::new(
            pool.path(),
            config.limits.cache_entries,
            // At most 64 MiB of answers; one answer at most 4 MiB.
            64 * 1024 * 1024,
        );
        Ok(Arc::new(App {
            cache,
            pool: Arc::new(pool),
            rules: config.rules,
            rules_origin: config.rules_origin,
            token: config.token.filter(|t| !t.is_empty()),
            ingest: config.ingest,
            ingest_turn: tokio::sync::Mutex::new(()),
            limits: config.limits,
            loopback_only: config.loopback_only,
        }))
    }
}

impl App {
    /// The answer cache's look-ups so far: (fresh answers found, not found).
    pub fn cache_counts(&self) -> (u64, u64) {
        self.cache.counts()
    }
}

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
/// The API's OpenAPI 3 document (hand-written; a test checks it against [`routes`]).
pub const OPENAPI_JSON: &str = include_str!("assets/openapi.json");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// Every route: method, path (OpenAPI's `{param}` syntax, as axum writes it) and handler.
/// The router is built from this list alone.
pub fn routes() -> Vec<(Method, &'static str, MethodRouter<Arc<App>>)> {
    vec![
        (
            Method::GET,
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        ),
        (
            Method::GET,
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        ),
        (
            Method::GET,
            "/assets/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        ),
        (
            Method::GET,
            "/openapi.json",
            get(|| async { asset("application/json", OPENAPI_JSON) }),
        ),
        (Method::GET, "/api/status", get(api::status)),
        (Method::GET, "/api/events", get(api::events)),
        (Method::GET, "/api/events/{id}", get(api::event)),
        (Method::GET, "/api/stories", get(api::stories)),
        (Method::GET, "/api/stories/{id}", get(api::story)),
        (Method::GET, "/api/series", get(api::series)),
        (Method::GET, "/api/actors", get(api::actors)),
        (Method::GET, "/api/network", get(api::network)),
        (Method::GET, "/api/alerts", get(api::alerts)),
        (Method::GET, "/api/search", get(api::search)),
        (Method::POST, "/api/ingest", post(api::ingest)),
    ]
}

/// The query parameters each route takes (what its handler accepts; the OpenAPI test checks
/// the document lists the same).
pub fn route_params(path: &str) -> Vec<&'static str> {
    match path {
        "/api/events" | "/api/stories" => api::events_params(),
        "/api/series" => api::SERIES_PARAMS.to_vec(),
        "/api/actors" | "/api/network" => api::grouped_params(),
        "/api/alerts" => api::ALERTS_PARAMS.to_vec(),
        "/api/search" => api::SEARCH_PARAMS.to_vec(),
        _ => Vec::new(),
    }
}

/// The whole service: routes, limits, checks and headers.
pub fn router(app: Arc<App>) -> Router {
    let mut router: Router<Arc<App>> = Router::new();
    for (_, path, handler) in routes() {
        router = router.route(path, handler);
    }
    let limits = app.limits;
    router
        .fallback(|| async { ApiError::not_found("no such route; see /openapi.json") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method not allowed on this route",
            )
        })
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|err: tower::BoxError| async move {
                    if err.is::<tower::timeout::error::Elapsed>() {
                        ApiError::new(StatusCode::REQUEST_TIMEOUT, "the request took too long")
                    } else {
                        ApiError::internal(err.to_string())
                    }
                }))
                .timeout(limits.timeout)
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                    limits.max_in_flight,
                )),
        )
        .layer(middleware::from_fn_with_state(Arc::clone(&app), cached))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .with_state(app)
}

/// A `Host` header that names this machine's loopback (with or without a port).
fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name == "::1"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Before the routes: the `Host` check and the declared body size; after: headers that keep
/// the dashboard's pages from being framed, sniffed or loading anything from elsewhere.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if app.loopback_only {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        if let Some(host) = host {
            if !loopback_host(host) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    format!("host `{host}` is not this machine's loopback"),
                )
                .into_response();
            }
        }
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > app.limits.max_body as u64) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is over {} bytes", app.limits.max_body),
        )
        .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// GET answers of the JSON API from the cache while the store is unchanged (see `cache.rs`);
/// a 200 answer is kept for the next time.
async fn cached(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let cacheable = request.method() == Method::GET
        && request.uri().path().starts_with("/api/")
        && app.limits.cache_entries > 0;
    if !cacheable {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    let stamp = app.cache.stamp();
    if let Some(bytes) = app.cache.get(&key, stamp) {
        return asset_bytes(bytes);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Our own answers, bounded by their routes' page sizes; `put` keeps only small ones.
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            app.cache.put(key, stamp, bytes.clone());
            Response::from_parts(parts, axum::body::Body::from(bytes))
        }
        Err(err) => ApiError::internal(format!("answer cut short: {err}")).into_response(),
    }
}

fn asset_bytes(bytes: axum::body::Bytes) -> Response {
    let mut response = axum::body::Body::from(bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Answers go out as soon as they are written, never held back for a delayed ACK.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:9",
            "127.1.2.3",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(loopback_host(host), "{host}");
        }
        for host in [
            "example.com",
            "evil.localhost.example:80",
            "10.0.0.1:80",
            "[::2]:80",
            "",
        ] {
            assert!(!loopback_host(host), "{host}");
        }
    }
}
