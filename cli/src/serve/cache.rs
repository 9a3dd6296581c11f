//! The replies of `GET /api/reactions/{articleId}`, kept briefly: reading counts is the hot
//! path (every page a host renders), and most reads are of a few articles.
//!
//! Every commit of this process's writer bumps a generation, and an entry is used only while
//! the generation it was read under is current, so a reader never sees counts older than this
//! process's last commit. Writes by other processes sharing a PostgreSQL store show within
//! [`TTL`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(1);
/// Beyond this many entries the cache starts afresh (bounded memory, whatever ids arrive).
const MAX_ENTRIES: usize = 10_000;

struct Entry {
    generation: u64,
    at: Instant,
    body: String,
}

#[derive(Default)]
pub struct CountsCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl CountsCache {
    /// The generation to pass to [`CountsCache::put`]: read it before querying the store.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// After every commit.
    pub fn committed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    pub fn get(&self, article_id: &str, now: Instant) -> Option<String> {
        let generation = self.generation();
        let entries = self.entries.lock().unwrap_or_else(|poison| poison.into_inner());
        entries
            .get(article_id)
            .filter(|e| e.generation == generation && now.saturating_duration_since(e.at) < TTL)
            .map(|e| e.body.clone())
    }

    pub fn put(&self, article_id: &str, generation: u64, now: Instant, body: String) {
        let mut entries = self.entries.lock().unwrap_or_else(|poison| poison.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(article_id.to_owned(), Entry { generation, at: now, body });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_lasts_until_the_next_commit_or_its_ttl() {
        let cache = CountsCache::default();
        let t0 = Instant::now();
        let read_under = cache.generation();
        cache.put("a", read_under, t0, "x".into());
        assert_eq!(cache.get("a", t0), Some("x".into()));
        assert_eq!(cache.get("a", t0 + TTL), None, "too old");
        assert_eq!(cache.get("b", t0), None);
        cache.committed();
        assert_eq!(cache.get("a", t0), None, "a commit since");
        // Read before a commit that landed during the query: never served.
        let stale = cache.generation();
        cache.committed();
        cache.put("a", stale, t0, "old".into());
        assert_eq!(cache.get("a", t0), None);
    }
}
