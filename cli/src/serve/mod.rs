//! `article-widget serve`: the reactions service (contract §8).
//!
//! - `config`: the options; `change`, `reader`, `limit`, `render`: plain checks and decisions;
//! - `store`: every query (SQLite or PostgreSQL), `writer`: the batching writer task, `cache`:
//!   the counts replies kept until the next commit;
//! - `routes`: the HTTP surface; this file: start, serve, stop.

pub mod config;

mod cache;
mod change;
mod error;
mod limit;
mod reader;
mod render;
mod routes;
mod store;
mod writer;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use cache::CountsCache;
use config::Config;
use limit::Limiter;
use routes::App;
use store::Store;
use writer::Writer;

/// How often Idempotency-Keys past their time are forgotten.
const FORGET_EVERY: Duration = Duration::from_secs(3600);

pub fn run(config: Config) -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the runtime");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    if let Some(dist) = &config.dist {
        if !dist.join("embed.js").is_file() {
            return Err(format!("--dist {}: no embed.js there (run trunk build --release)", dist.display()));
        }
    }
    let store = Store::open(&config.database)
        .await
        .map_err(|e| format!("cannot open the store {}: {e}", redact(&config.database)))?;
    tracing::info!(database = %redact(&config.database), "store ready");
    let cache = Arc::new(CountsCache::default());
    let (writer, writing) = Writer::spawn(store.write.clone(), cache.clone());
    let forgetting = tokio::spawn(forget_old_keys(store.clone()));
    let app = App {
        store: store.clone(),
        cache,
        writer,
        limiter: Limiter::new(config.rate_limit),
        trust_proxy: config.trust_proxy,
        reactions: config.reactions.clone(),
    };
    let router = routes::router(app, config.dist.as_deref(), &config.allow_origins);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%addr, rate_limit = config.rate_limit, trust_proxy = config.trust_proxy, "listening");
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(stop_signal())
        .await
        .map_err(|e| format!("serving failed: {e}"))?;
    // The router (and with it every `Writer`) is gone: the writer commits what is queued, then ends.
    forgetting.abort();
    let _ = writing.await;
    store.write.close().await;
    store.read.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// SIGTERM (a service manager) or Ctrl-C: stop accepting, let requests in flight finish.
async fn stop_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    tracing::info!("stopping: finishing requests in flight");
}

async fn forget_old_keys(store: Store) {
    let mut every = tokio::time::interval(FORGET_EVERY);
    loop {
        every.tick().await;
        match store.forget_old_keys(writer::now_ms()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(forgotten = n, "old Idempotency-Keys forgotten"),
            Err(error) => tracing::warn!(%error, "could not forget old Idempotency-Keys"),
        }
    }
}

/// The URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or("");
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_stay_out_of_logs() {
        assert_eq!(super::redact("postgres://aw:secret@h:5432/db"), "postgres://aw@h:5432/db");
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
