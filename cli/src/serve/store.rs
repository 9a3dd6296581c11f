//! Storage: every query of the service, the same SQL for SQLite and PostgreSQL (through sqlx's
//! `Any` driver, `$N` placeholders, which both understand), and the migrations in
//! `cli/migrations/`.

use std::time::Duration;

use serde_json::{Map, Value};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

use super::change::Change;

/// Idempotency-Keys are remembered this long: more than the widget's 7-day age limit for queued
/// changes (`state::outbox::MAX_AGE_MS`), so that any retry it may still send is recognised.
pub const KEY_DAYS: i64 = 14;
const DAY_MS: i64 = 24 * 3_600_000;

/// Open pools on one store: a small one for the writer task (SQLite has one writer at a time
/// anyway) and one for reads, which WAL lets run beside the writer.
#[derive(Clone)]
pub struct Store {
    pub read: AnyPool,
    pub write: AnyPool,
}

/// One reaction request as the writer applies it.
#[derive(Debug, Clone)]
pub struct Request {
    pub change: Change,
    pub key: Option<String>,
    /// From the reader's cookie, when it had a valid one.
    pub reader: Option<String>,
    /// The reader id to give a request without a cookie.
    pub new_reader: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Applied now, or before under the same key (`replayed`): `reply` is the JSON text to
    /// send (the first reply, for a retry) and `reader` whose state it was.
    Done { reply: String, reader: String, replayed: bool },
    /// The key was used before for a different change.
    KeyReused,
}

impl Store {
    pub async fn open(url: &str) -> Result<Store, sqlx::Error> {
        install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let url = if sqlite { sqlite_url(url)? } else { url.to_owned() };
        let pool = |max: u32| {
            AnyPoolOptions::new()
                .max_connections(max)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |conn, _| Box::pin(async move { prepare(conn, sqlite).await }))
        };
        let (write_max, read_max) = if sqlite { (1, 4) } else { (2, 8) };
        let write = pool(write_max).connect(&url).await?;
        sqlx::migrate!("./migrations").run(&write).await?;
        let read = pool(read_max).connect(&url).await?;
        Ok(Store { read, write })
    }

    /// Answers while the store does.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.read).await.map(|_| ())
    }

    pub async fn counts(&self, article_id: &str) -> Result<Map<String, Value>, sqlx::Error> {
        let mut conn = self.read.acquire().await?;
        counts(&mut conn, article_id).await
    }

    /// Forgets Idempotency-Keys older than [`KEY_DAYS`]; the number forgotten.
    pub async fn forget_old_keys(&self, now_ms: i64) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(now_ms - KEY_DAYS * DAY_MS)
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected())
    }
}

/// `sqlite://PATH` with its folder made and `mode=rwc`, so the file is created on first start.
fn sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let (path, query) =
        match url.trim_start_matches("sqlite://").trim_start_matches("sqlite:").split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (url.trim_start_matches("sqlite://").trim_start_matches("sqlite:"), None),
        };
    if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    Ok(match query {
        Some(query) if query.contains("mode=") => url.to_owned(),
        Some(_) => format!("{url}&mode=rwc"),
        None => format!("{url}?mode=rwc"),
    })
}

/// SQLite: WAL, so reads do not wait for the writer; `synchronous=FULL`, so a commit is on disk
/// before the reply (durability is what the batching writer pays for); a busy timeout for a
/// second process on the same file.
async fn prepare(conn: &mut AnyConnection, sqlite: bool) -> Result<(), sqlx::Error> {
    if sqlite {
        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;")
            .await?;
    }
    Ok(())
}

async fn counts(conn: &mut AnyConnection, article_id: &str) -> Result<Map<String, Value>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT reaction, n FROM reaction_counts WHERE article_id = $1 ORDER BY reaction")
            .bind(article_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(reaction, n)| (reaction, Value::from(n.max(0)))).collect())
}

/// Applies one request inside the caller's transaction: the reader's row and the counter move
/// together, and the key is recorded with the reply, so the commit makes all three durable at once.
pub async fn apply(conn: &mut AnyConnection, request: &Request, now_ms: i64) -> Result<Outcome, sqlx::Error> {
    let change = &request.change;
    if let Some(key) = &request.key {
        let earlier: Option<(String, String, String, i64, String)> = sqlx::query_as(
            "SELECT reader, article_id, reaction, selected, reply FROM idempotency_keys WHERE idem_key = $1",
        )
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some((reader, article_id, reaction, selected, reply)) = earlier {
            let same = article_id == change.article_id
                && reaction == change.reaction
                && (selected != 0) == change.selected;
            return Ok(if same {
                Outcome::Done { reply, reader, replayed: true }
            } else {
                Outcome::KeyReused
            });
        }
    }
    let reader = request.reader.clone().unwrap_or_else(|| request.new_reader.clone());
    // The reader's row exists exactly while the reaction is selected: a change that finds it
    // already so moves no counter, which keeps the totals exact and never negative.
    let moved = if change.selected {
        sqlx::query(
            "INSERT INTO reader_reactions (reader, article_id, reaction) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
    } else {
        sqlx::query("DELETE FROM reader_reactions WHERE reader = $1 AND article_id = $2 AND reaction = $3")
    }
    .bind(&reader)
    .bind(&change.article_id)
    .bind(&change.reaction)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // The counter row exists once anyone has selected the reaction: taking back is a plain
    // decrement (an upsert of -1 would trip the CHECK on the row it proposes).
    if moved > 0 && change.selected {
        sqlx::query(
            "INSERT INTO reaction_counts (article_id, reaction, n) VALUES ($1, $2, 1) \
             ON CONFLICT (article_id, reaction) DO UPDATE SET n = reaction_counts.n + 1",
        )
        .bind(&change.article_id)
        .bind(&change.reaction)
        .execute(&mut *conn)
        .await?;
    } else if moved > 0 {
        sqlx::query("UPDATE reaction_counts SET n = n - 1 WHERE article_id = $1 AND reaction = $2")
            .bind(&change.article_id)
            .bind(&change.reaction)
            .execute(&mut *conn)
            .await?;
    }
    let reply = Value::Object(Map::from_iter([(
        "counts".to_owned(),
        Value::Object(counts(conn, &change.article_id).await?),
    )]))
    .to_string();
    if let Some(key) = &request.key {
        sqlx::query(
            "INSERT INTO idempotency_keys (idem_key, reader, article_id, reaction, selected, reply, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(key)
        .bind(&reader)
        .bind(&change.article_id)
        .bind(&change.reaction)
        .bind(i64::from(change.selected))
        .bind(&reply)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Outcome::Done { reply, reader, replayed: false })
}

/// Applies `requests` in one transaction: all committed, or none.
pub async fn apply_all(
    pool: &AnyPool,
    requests: &[&Request],
    now_ms: i64,
) -> Result<Vec<Outcome>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let mut outcomes = Vec::with_capacity(requests.len());
    for request in requests {
        outcomes.push(apply(&mut tx, request, now_ms).await?);
    }
    tx.commit().await?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_their_folder_and_create_mode() {
        let dir = std::env::temp_dir().join(format!("aw-store-{}", std::process::id()));
        let url = format!("sqlite://{}/a/b.db", dir.display());
        assert_eq!(sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.join("a").is_dir());
        assert_eq!(sqlite_url("sqlite://x.db?mode=ro").unwrap(), "sqlite://x.db?mode=ro");
        assert_eq!(sqlite_url("sqlite://x.db?cache=shared").unwrap(), "sqlite://x.db?cache=shared&mode=rwc");
        let _ = std::fs::remove_dir_all(dir);
    }
}
