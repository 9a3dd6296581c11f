//! Crash durability: readers send a few thousand keyed changes, the server is killed with
//! SIGKILL at a random moment, restarted, and every change whose reply did not arrive is sent
//! again with its key (as the widget's outbox does). The totals must equal what the readers
//! intended, exactly: nothing acknowledged lost, nothing applied twice.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{Client, Server, Store, change, unique};

both!(a_kill_at_any_moment_loses_no_acknowledged_change);

const READERS: usize = 40;
const CHANGES_PER_READER: usize = 100;
const REACTIONS: [&str; 4] = ["like", "angry", "sad", "followUp"];

/// xorshift64*: reproducible from the seed printed on failure.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

struct Reader {
    cookie: Option<String>,
    /// (Idempotency-Key, reaction, selected), in the reader's order.
    changes: Vec<(String, &'static str, bool)>,
    /// The first change without a reply.
    next: usize,
}

/// A count the reader threads add to while the test reads it.
type Counter = Arc<AtomicUsize>;

/// One thread per reader, each sending its changes from its first unacknowledged one; with
/// the counts of acknowledged and replayed replies.
fn spawn_readers(
    addr: SocketAddr,
    article: &str,
    readers: Vec<Reader>,
) -> (Vec<std::thread::JoinHandle<Reader>>, Counter, Counter) {
    let (acked, replayed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let threads = readers
        .into_iter()
        .map(|reader| {
            let (article, acked, replayed) = (article.to_owned(), acked.clone(), replayed.clone());
            std::thread::spawn(move || send(addr, &article, reader, &acked, &replayed))
        })
        .collect();
    (threads, acked, replayed)
}

/// Sends the reader's changes in order, one at a time, until all are acknowledged or the
/// server stops answering.
fn send(
    addr: SocketAddr,
    article: &str,
    mut reader: Reader,
    acked: &AtomicUsize,
    replayed: &AtomicUsize,
) -> Reader {
    let mut client = Client::new(addr);
    while let Some((key, reaction, selected)) = reader.changes.get(reader.next) {
        match client.react(Some(key), reader.cookie.as_deref(), &change(article, reaction, *selected)) {
            Ok(reply) if reply.status == 200 => {
                if let Some(cookie) = reply.cookie() {
                    reader.cookie.get_or_insert(cookie);
                }
                reader.next += 1;
                acked.fetch_add(1, Ordering::Relaxed);
                if reply.header("idempotent-replayed") == Some("true") {
                    replayed.fetch_add(1, Ordering::Relaxed);
                }
            }
            Ok(reply) if reply.status == 503 => break,
            Ok(reply) => panic!("unexpected {}: {}", reply.status, reply.text()),
            Err(_) => break, // killed: the change stays unacknowledged
        }
    }
    reader
}

fn a_kill_at_any_moment_loses_no_acknowledged_change(store: Store) {
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1;
    eprintln!("seed {seed}");
    let mut rng = Rng(seed);
    let article = unique("crash");
    let readers: Vec<Reader> = (0..READERS)
        .map(|_| Reader {
            cookie: None,
            changes: (0..CHANGES_PER_READER)
                .map(|_| (unique("k"), REACTIONS[(rng.next() % 4) as usize], rng.next() % 2 == 0))
                .collect(),
            next: 0,
        })
        .collect();
    let total = READERS * CHANGES_PER_READER;
    // The moment: after a random number of acknowledged changes, between 5% and 75% of them.
    let kill_after = total / 20 + (rng.next() as usize) % (total * 7 / 10);

    let mut server = Server::start(&store, &[]);
    let (threads, acked, _) = spawn_readers(server.addr, &article, readers);
    let started = Instant::now();
    while acked.load(Ordering::Relaxed) < kill_after {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "too slow: {} acknowledged",
            acked.load(Ordering::Relaxed)
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    server.kill();
    let acked_before_kill = acked.load(Ordering::Relaxed);
    let readers: Vec<Reader> = threads.into_iter().map(|t| t.join().expect("a reader")).collect();
    let unacknowledged = readers.iter().filter(|r| r.next < r.changes.len()).count();

    // Restart on the same store; each reader resends from its first unacknowledged change.
    let server = Server::start(&store, &[]);
    let (threads, acked, replayed) = spawn_readers(server.addr, &article, readers);
    let readers: Vec<Reader> = threads.into_iter().map(|t| t.join().expect("a reader")).collect();
    assert!(readers.iter().all(|r| r.next == r.changes.len()), "every change acknowledged after the restart");

    // What each reader intends: the last change per reaction.
    let mut expected: BTreeMap<&str, i64> = REACTIONS.iter().map(|r| (*r, 0)).collect();
    for reader in &readers {
        let mut state = BTreeMap::new();
        for (_, reaction, selected) in &reader.changes {
            state.insert(*reaction, *selected);
        }
        for (reaction, selected) in state {
            *expected.entry(reaction).or_default() += i64::from(selected);
        }
    }
    let counts = server.client().counts(&article);
    let got: BTreeMap<&str, i64> = REACTIONS.iter().map(|r| (*r, counts[*r].as_i64().unwrap_or(0))).collect();
    eprintln!(
        "crash test ({}): {total} changes by {READERS} readers; SIGKILL after {acked_before_kill} acknowledged \
         ({unacknowledged} readers had a change without reply); {} acknowledged after the restart, \
         of which {} were already committed before the kill (answered from the stored reply); \
         expected {expected:?}, counted {got:?}",
        match store {
            Store::Sqlite(_) => "SQLite",
            Store::Postgres(_) => "PostgreSQL",
        },
        acked.load(Ordering::Relaxed),
        replayed.load(Ordering::Relaxed),
    );
    assert!(replayed.load(Ordering::Relaxed) <= unacknowledged);
    assert_eq!(got, expected, "seed {seed}");
}
