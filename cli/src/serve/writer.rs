//! The writer task: reaction changes queue here and are committed together, many per
//! transaction, each request answered only once its transaction is committed. One fsync then
//! serves every change that arrived while the previous one ran, so durability (SQLite
//! `synchronous=FULL`, PostgreSQL's default) does not cap the rate at one commit per change.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::cache::CountsCache;
use super::error::ApiError;
use super::store::{self, Outcome, Request};

/// At most this many changes per transaction: bounds a commit's latency and its retry's work.
const MAX_BATCH: usize = 256;
/// Changes waiting beyond this make handlers wait to enqueue (back-pressure, not memory).
const QUEUE: usize = 4096;
/// A transaction that fails (a PostgreSQL deadlock or serialization failure between processes,
/// a busy SQLite file) is tried again this many times in all.
const ATTEMPTS: usize = 3;

type Reply = oneshot::Sender<Result<Outcome, ApiError>>;

#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<(Request, Reply)>,
}

impl Writer {
    /// Starts the task; it ends once every `Writer` clone is dropped and the queue is drained.
    pub fn spawn(pool: AnyPool, cache: Arc<CountsCache>) -> (Writer, JoinHandle<()>) {
        let (queue, receiver) = mpsc::channel(QUEUE);
        (Writer { queue }, tokio::spawn(run(pool, cache, receiver)))
    }

    /// Applies `request` and answers after its commit.
    pub async fn apply(&self, request: Request) -> Result<Outcome, ApiError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((request, reply))
            .await
            .map_err(|_| ApiError::unavailable("the writer has stopped"))?;
        answer.await.map_err(|_| ApiError::unavailable("the writer dropped a change"))?
    }
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

async fn run(pool: AnyPool, cache: Arc<CountsCache>, mut receiver: mpsc::Receiver<(Request, Reply)>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while receiver.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit(&pool, &cache, std::mem::take(&mut batch)).await;
    }
}

async fn commit(pool: &AnyPool, cache: &CountsCache, batch: Vec<(Request, Reply)>) {
    let requests: Vec<&Request> = batch.iter().map(|(request, _)| request).collect();
    let result = attempt(pool, &requests).await;
    // Before any reply: a reader told "done" must not then read counts from before it.
    cache.committed();
    match result {
        Ok(outcomes) => {
            for ((_, reply), outcome) in batch.into_iter().zip(outcomes) {
                // The client may have gone: its change is committed all the same.
                let _ = reply.send(Ok(outcome));
            }
        }
        // One change that cannot commit must not fail the others: each alone, then.
        Err(_) if batch.len() > 1 => {
            for (request, reply) in batch {
                let result = attempt(pool, &[&request]).await;
                cache.committed();
                let _ = reply.send(result.and_then(|mut outcomes| {
                    outcomes.pop().ok_or_else(|| ApiError::unavailable("no outcome"))
                }));
            }
        }
        Err(error) => {
            for (_, reply) in batch {
                let _ = reply.send(Err(error.clone()));
            }
        }
    }
}

async fn attempt(pool: &AnyPool, requests: &[&Request]) -> Result<Vec<Outcome>, ApiError> {
    let mut last = None;
    for _ in 0..ATTEMPTS {
        match store::apply_all(pool, requests, now_ms()).await {
            Ok(outcomes) => return Ok(outcomes),
            Err(error) => {
                tracing::warn!(%error, changes = requests.len(), "transaction failed; trying again");
                last = Some(error);
            }
        }
    }
    Err(ApiError::unavailable(last.map_or_else(String::new, |e| e.to_string())))
}
