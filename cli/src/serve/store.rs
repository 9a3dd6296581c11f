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
        for pragma in
            ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 10000"]
        {
            conn.execute(pragma).await?;
        }
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

/// What a request found or did inside the batch, before the replies are known.
enum Step {
    /// Answered from the store: an earlier batch applied this key.
    Stored(Outcome),
    /// Applied now, for `reader`; its reply is the article's counts at the end of the batch.
    Applied {
        reader: String,
    },
    /// The same key as the earlier request `index` of this batch, for the same change.
    SameAs(usize),
    KeyReused,
}

type StoredKey = (String, String, String, String, i64, String);

/// Applies `requests` in one transaction: all committed, or none. Each reader's row and its
/// counter move together, and each key is recorded with its reader and reply, so the commit
/// makes all three durable at once. Round trips per batch: one key lookup, two statements per
/// change, one counts query per article, one insert of the keys.
pub async fn apply_all(
    pool: &AnyPool,
    requests: &[&Request],
    now_ms: i64,
) -> Result<Vec<Outcome>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    // SQLite: take the write lock at the start, where the busy timeout waits for another
    // process's writer; a deferred transaction that reads first would fail at its first write.
    let mut tx = if conn.backend_name() == "SQLite" {
        conn.begin_with("BEGIN IMMEDIATE").await?
    } else {
        conn.begin().await?
    };
    let stored = stored_keys(&mut tx, requests).await?;
    let mut steps: Vec<Step> = Vec::with_capacity(requests.len());
    for (index, request) in requests.iter().enumerate() {
        let change = &request.change;
        let same_change = |article_id: &str, reaction: &str, selected: bool| {
            article_id == change.article_id && reaction == change.reaction && selected == change.selected
        };
        let step = match &request.key {
            Some(key) => match stored.iter().find(|k| &k.0 == key) {
                Some((_, reader, article_id, reaction, selected, reply)) => {
                    if same_change(article_id, reaction, *selected != 0) {
                        Step::Stored(Outcome::Done {
                            reply: reply.clone(),
                            reader: reader.clone(),
                            replayed: true,
                        })
                    } else {
                        Step::KeyReused
                    }
                }
                None => {
                    match requests.iter().take(index).enumerate().find(|(_, r)| r.key.as_ref() == Some(key)) {
                        Some((first, earlier)) => {
                            let earlier = &earlier.change;
                            if same_change(&earlier.article_id, &earlier.reaction, earlier.selected) {
                                Step::SameAs(first)
                            } else {
                                Step::KeyReused
                            }
                        }
                        None => Step::Applied { reader: apply_change(&mut tx, request).await? },
                    }
                }
            },
            None => Step::Applied { reader: apply_change(&mut tx, request).await? },
        };
        steps.push(step);
    }

    // The counts each applied change's reply carries: its article's totals as committed.
    let mut replies: Vec<(String, String)> = Vec::new();
    for (step, request) in steps.iter().zip(requests) {
        let article_id = &request.change.article_id;
        if matches!(step, Step::Applied { .. }) && !replies.iter().any(|(a, _)| a == article_id) {
            let counts = counts(&mut tx, article_id).await?;
            let reply =
                Value::Object(Map::from_iter([("counts".to_owned(), Value::Object(counts))])).to_string();
            replies.push((article_id.clone(), reply));
        }
    }
    let reply_of = |article_id: &str| {
        replies.iter().find(|(a, _)| a == article_id).map_or_else(String::new, |(_, r)| r.clone())
    };
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(steps.len());
    for (step, request) in steps.into_iter().zip(requests) {
        let outcome = match step {
            Step::Stored(outcome) => outcome,
            Step::Applied { reader } => {
                Outcome::Done { reply: reply_of(&request.change.article_id), reader, replayed: false }
            }
            Step::SameAs(first) => match outcomes.get(first) {
                Some(Outcome::Done { reply, reader, .. }) => {
                    Outcome::Done { reply: reply.clone(), reader: reader.clone(), replayed: true }
                }
                Some(other) => other.clone(),
                None => Outcome::KeyReused,
            },
            Step::KeyReused => Outcome::KeyReused,
        };
        outcomes.push(outcome);
    }
    record_keys(&mut tx, requests, &outcomes, now_ms).await?;
    tx.commit().await?;
    Ok(outcomes)
}

/// The stored keys among the batch's, in one query.
async fn stored_keys(conn: &mut AnyConnection, requests: &[&Request]) -> Result<Vec<StoredKey>, sqlx::Error> {
    let keys: Vec<&String> = requests.iter().filter_map(|r| r.key.as_ref()).collect();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let list = (1..=keys.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT idem_key, reader, article_id, reaction, selected, reply FROM idempotency_keys WHERE idem_key IN ({list})"
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for key in keys {
        query = query.bind(key);
    }
    query.fetch_all(&mut *conn).await
}

/// One reader's change: their row exists exactly while the reaction is selected, so a change
/// that finds it already so moves no counter, which keeps the totals exact and never negative.
/// The reaction key is one of the service's (`--reactions`, checked before), so the counter rows
/// per article are bounded. The reader it was applied for.
async fn apply_change(conn: &mut AnyConnection, request: &Request) -> Result<String, sqlx::Error> {
    let change = &request.change;
    let reader = request.reader.clone().unwrap_or_else(|| request.new_reader.clone());
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
    // decrement, and adding one an increment unless the reaction is new to the article.
    if moved > 0 && change.selected {
        let bumped =
            sqlx::query("UPDATE reaction_counts SET n = n + 1 WHERE article_id = $1 AND reaction = $2")
                .bind(&change.article_id)
                .bind(&change.reaction)
                .execute(&mut *conn)
                .await?
                .rows_affected();
        if bumped == 0 {
            sqlx::query("INSERT INTO reaction_counts (article_id, reaction, n) VALUES ($1, $2, 1)")
                .bind(&change.article_id)
                .bind(&change.reaction)
                .execute(&mut *conn)
                .await?;
        }
    } else if moved > 0 {
        sqlx::query("UPDATE reaction_counts SET n = n - 1 WHERE article_id = $1 AND reaction = $2")
            .bind(&change.article_id)
            .bind(&change.reaction)
            .execute(&mut *conn)
            .await?;
    }
    Ok(reader)
}

/// The keys of the changes applied now, with their reader and reply, in one insert.
async fn record_keys(
    conn: &mut AnyConnection,
    requests: &[&Request],
    outcomes: &[Outcome],
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let new: Vec<(&String, &Request, &String, &String)> = requests
        .iter()
        .zip(outcomes)
        .filter_map(|(request, outcome)| match (&request.key, outcome) {
            (Some(key), Outcome::Done { reply, reader, replayed: false }) => {
                Some((key, *request, reader, reply))
            }
            _ => None,
        })
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    let rows = (0..new.len())
        .map(|i| {
            let p = i * 7;
            format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO idempotency_keys (idem_key, reader, article_id, reaction, selected, reply, created_at) VALUES {rows}"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (key, request, reader, reply) in new {
        query = query
            .bind(key)
            .bind(reader)
            .bind(&request.change.article_id)
            .bind(&request.change.reaction)
            .bind(i64::from(request.change.selected))
            .bind(reply)
            .bind(now_ms);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Durability rests on these: every connection of both pools has them.
    #[tokio::test]
    async fn sqlite_connections_are_wal_and_synchronous_full() {
        let dir = std::env::temp_dir().join(format!("aw-pragmas-{}", std::process::id()));
        let store = Store::open(&format!("sqlite://{}/r.db", dir.display())).await.unwrap();
        for pool in [&store.write, &store.read] {
            let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(pool).await.unwrap();
            let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(pool).await.unwrap();
            assert_eq!((mode.as_str(), sync), ("wal", 2), "2 is FULL");
        }
        let _ = std::fs::remove_dir_all(dir);
    }

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
