use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::state::delay::MAX_TIMER_MS;
use crate::state::reactions::ReaderReactions;

fn change(id: &str, reaction: &str, selected: bool, at: f64) -> Change {
    Change {
        id: id.into(),
        endpoint: "https://news.example/api".into(),
        article_id: "a".into(),
        reaction: reaction.into(),
        selected,
        single: false,
        queued_at: at,
    }
}

fn sel(keys: &[&str]) -> Selection {
    Selection { keys: keys.iter().map(|k| k.to_string()).collect() }
}

fn ids(changes: &[Change]) -> Vec<&str> {
    changes.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn rapid_toggling_queues_only_the_final_state() {
    let mut q = Vec::new();
    for (i, selected) in [true, false, true, false].into_iter().enumerate() {
        enqueue(&mut q, change(&i.to_string(), "like", selected, i as f64), &Ledger::default());
    }
    assert_eq!(q, [change("3", "like", false, 3.0)]);
    enqueue(&mut q, change("4", "sad", true, 4.0), &Ledger::default());
    assert_eq!(ids(&q), ["3", "4"], "other reactions keep their place");
    // Once sent, a change waits for its answer; only the newest unsent one is replaced.
    let mut ledger = Ledger::default();
    ledger.sending(&q[0]);
    enqueue(&mut q, change("5", "like", true, 5.0), &ledger);
    enqueue(&mut q, change("6", "like", false, 6.0), &ledger);
    assert_eq!(ids(&q), ["3", "4", "6"]);
}

#[test]
fn pending_merges_every_tab_oldest_first_each_change_once_finished_left_out() {
    let a = vec![change("a1", "like", true, 10.0), change("a2", "sad", true, 30.0)];
    let b = vec![change("b1", "angry", true, 20.0), change("a1", "like", true, 10.0)];
    let ledger = Ledger { finished: vec!["a2".into()], ..Ledger::default() };
    assert_eq!(ids(&pending(&[&a, &b], &ledger)), ["a1", "b1"]);
}

#[test]
fn spin_loop_an_empty_or_finished_queue_leaves_no_timer() {
    // Another tab delivered everything: the queues still hold the ids, the ledger says done.
    let mine = vec![change("1", "like", true, 0.0)];
    let ledger = Ledger { finished: vec!["1".into()], ..Ledger::default() };
    assert_eq!(next(&pending(&[&mine], &ledger), &ledger, 1_000.0), Next::Idle);
    // The host cleared our keys: nothing stored, nothing to do.
    assert_eq!(next(&pending(&[], &Ledger::default()), &Ledger::default(), 1_000.0), Next::Idle);
}

#[test]
fn a_new_change_waits_to_settle_before_its_first_send() {
    let q = vec![change("1", "like", true, 1_000.0)];
    assert_eq!(next(&q, &Ledger::default(), 1_100.0), Next::Wait(200));
    assert_eq!(next(&q, &Ledger::default(), 1_300.0), Next::Send(q[0].clone()));
}

#[test]
fn a_change_waiting_on_backoff_gets_one_timer_for_its_retry_time() {
    let q = vec![change("1", "like", true, 0.0)];
    let mut ledger = Ledger::default();
    settle(
        &mut ledger,
        &q[0],
        Outcome::Retry,
        &ArticleState::default(),
        &q,
        Moment { now: 0.0, random: 1.0 },
        || "x".into(),
    );
    assert_eq!(next(&q, &ledger, 100.0), Next::Wait(400));
    assert_eq!(next(&q, &ledger, 500.0), Next::Send(q[0].clone()));
}

#[test]
fn timer_overflow_delays_are_clamped() {
    assert_eq!(clamp_timer_ms(3_000_000_000_000.0), MAX_TIMER_MS);
    assert_eq!(clamp_timer_ms(f64::INFINITY), MAX_TIMER_MS);
    assert_eq!(clamp_timer_ms(-5.0), 0);
    assert_eq!(clamp_timer_ms(f64::NAN), 0);
    // The clock went back a year after a failure: the retry still comes within the ceiling.
    let q = vec![change("1", "like", true, 1e9)];
    let ledger = Ledger {
        backoff: vec![EndpointBackoff { endpoint: q[0].endpoint.clone(), failures: 3, retry_at: 4e10 }],
        ..Ledger::default()
    };
    assert_eq!(next(&q, &ledger, 1e9), Next::Wait(30_000));
}

#[test]
fn a_failing_endpoint_does_not_hold_up_another() {
    let mut dead = change("1", "like", true, 0.0);
    dead.endpoint = "https://gone.example/api".into();
    let q = vec![dead.clone(), change("2", "sad", true, 1.0), change("3", "like", false, 2.0)];
    let mut ledger = Ledger::default();
    assert_eq!(next(&q, &ledger, 1_000.0), Next::Send(dead.clone()));
    settle(
        &mut ledger,
        &dead,
        Outcome::Retry,
        &ArticleState::default(),
        &q,
        Moment { now: 1_000.0, random: 1.0 },
        || "x".into(),
    );
    assert_eq!(next(&q, &ledger, 1_100.0), Next::Send(q[1].clone()), "the live endpoint goes on");
}

#[test]
fn unbounded_retries_back_off_to_a_ceiling_with_jitter() {
    assert_eq!(retry_delay_ms(1, 1.0), 500.0);
    assert_eq!(retry_delay_ms(1, 0.0), 250.0);
    assert_eq!(retry_delay_ms(2, 1.0), 1_000.0);
    assert_eq!(retry_delay_ms(7, 1.0), 30_000.0);
    assert_eq!(retry_delay_ms(u32::MAX, 1.0), 30_000.0);
    assert_eq!(retry_delay_ms(u32::MAX, 0.0), 15_000.0);
    // Two readers after one outage: different draws, different times.
    assert_ne!(retry_delay_ms(5, 0.1), retry_delay_ms(5, 0.7));
}

#[test]
fn unbounded_retries_end_at_the_age_limit_with_a_take_back() {
    let old = change("1", "like", true, 0.0);
    let q = vec![old.clone()];
    let mut ledger = Ledger::default();
    assert_eq!(next(&q, &ledger, MAX_AGE_MS), Next::Send(old.clone()));
    let expired = next(&q, &ledger, MAX_AGE_MS + 1.0);
    assert_eq!(expired, Next::Expire(old.clone()));
    let article = ArticleState { selected: sel(&["like"]), confirmed: sel(&[]), local_only: false };
    let settled =
        settle(&mut ledger, &old, Outcome::Refused, &article, &q, Moment { now: 0.0, random: 0.0 }, || {
            "x".into()
        });
    assert_eq!(settled.selected, Some(sel(&[])));
    assert_eq!(next(&pending(&[&q], &ledger), &ledger, MAX_AGE_MS + 2.0), Next::Idle);
}

#[test]
fn outcomes_follow_the_status() {
    assert_eq!(Outcome::of_status(Some(200)), Outcome::Delivered);
    assert_eq!(Outcome::of_status(Some(204)), Outcome::Delivered);
    for retry in [None, Some(408), Some(429), Some(500), Some(503)] {
        assert_eq!(Outcome::of_status(retry), Outcome::Retry);
    }
    for refused in [Some(400), Some(403), Some(404), Some(410), Some(301)] {
        assert_eq!(Outcome::of_status(refused), Outcome::Refused);
    }
}

#[test]
fn a_refused_change_is_taken_back_to_what_the_endpoint_holds() {
    let mut ledger = Ledger::default();
    let unlike = change("1", "like", false, 0.0);
    let article = ArticleState { selected: sel(&[]), confirmed: sel(&["like"]), local_only: false };
    let settled = settle(
        &mut ledger,
        &unlike,
        Outcome::Refused,
        &article,
        &[],
        Moment { now: 0.0, random: 0.0 },
        || "x".into(),
    );
    assert_eq!(settled.selected, Some(sel(&["like"])));
    assert!(settled.corrections.is_empty(), "a refusal never queues anything");
    assert_eq!(ledger.finished, ["1"]);
}

#[test]
fn two_tabs_clicking_at_once_converge_through_a_correction() {
    // Tab A liked, tab B (single mode) chose sad at the same instant; B's write won.
    let like = change("a", "like", true, 0.0);
    let sad = change("b", "sad", true, 0.0);
    let mut ledger = Ledger::default();
    let stored = sel(&["sad"]);
    let q = vec![like.clone(), sad.clone()];
    let first = settle(
        &mut ledger,
        &like,
        Outcome::Delivered,
        &ArticleState { selected: stored.clone(), confirmed: sel(&[]), local_only: false },
        &q,
        Moment { now: 1.0, random: 0.0 },
        || "c".into(),
    );
    assert_eq!(first.confirmed, Some(sel(&["like"])));
    // The reader holds sad alone: like is withdrawn again; sad is queued already.
    assert_eq!(first.corrections.len(), 1);
    assert_eq!((first.corrections[0].reaction.as_str(), first.corrections[0].selected), ("like", false));
    let q = vec![sad.clone(), first.corrections[0].clone()];
    let second = settle(
        &mut ledger,
        &sad,
        Outcome::Delivered,
        &ArticleState { selected: stored, confirmed: sel(&["like"]), local_only: false },
        &q,
        Moment { now: 2.0, random: 0.0 },
        || "d".into(),
    );
    assert_eq!(second.confirmed, Some(sel(&["like", "sad"])));
    assert!(second.corrections.is_empty(), "the withdrawal is on its way");
}

#[test]
fn the_ledger_forgets_what_no_queue_holds() {
    let q = vec![change("1", "like", true, 0.0)];
    let mut ledger = Ledger {
        finished: vec!["1".into(), "2".into()],
        backoff: vec![EndpointBackoff {
            endpoint: "https://gone.example".into(),
            failures: 1,
            retry_at: 0.0,
        }],
        ..Ledger::default()
    };
    ledger.forget_unused(&[], &["1"]);
    assert_eq!(ledger.finished, ["1"]);
    assert!(ledger.backoff.is_empty());
    let mut mine = q;
    prune(&mut mine, &ledger);
    assert!(mine.is_empty());
}

// ---- simulated tabs: clicks, sends, failures, closed tabs and broken storage at random ----

const ARTICLES: [&str; 2] = ["a", "b"];
const KEYS: [&str; 3] = ["like", "sad", "angry"];

#[derive(Debug, Clone, Copy)]
enum Reply {
    Ok,
    Fail,
    /// Applied, but the reply is lost: the sender retries with the same key.
    Lost,
    Refuse,
}

#[derive(Debug, Clone)]
enum Op {
    Click { tab: usize, article: usize, key: usize },
    Send { tab: usize, reply: Reply },
    Wait(u32),
    BreakStorage(usize),
    HealStorage(usize),
    CloseAndReopen(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let reply = prop_oneof![4 => Just(Reply::Ok), 2 => Just(Reply::Fail), 1 => Just(Reply::Lost), 1 => Just(Reply::Refuse)];
    prop_oneof![
        4 => (0..3usize, 0..2usize, 0..3usize).prop_map(|(tab, article, key)| Op::Click { tab, article, key }),
        4 => (0..3usize, reply).prop_map(|(tab, reply)| Op::Send { tab, reply }),
        2 => (0..40_000u32).prop_map(Op::Wait),
        1 => (0..3usize).prop_map(Op::BreakStorage),
        1 => (0..3usize).prop_map(Op::HealStorage),
        1 => (0..3usize).prop_map(Op::CloseAndReopen),
    ]
}

/// A site's tabs over one origin's storage, and its endpoint, driven through the core exactly
/// as `effects::outbox` drives it.
#[derive(Default)]
struct Site {
    now: f64,
    next_id: u64,
    /// Each tab's own queue: in memory, and as last written to storage.
    memory: Vec<Vec<Change>>,
    stored: Vec<Option<Vec<Change>>>,
    broken: Vec<bool>,
    /// Queues of closed tabs, waiting to be adopted.
    orphans: Vec<Vec<Change>>,
    /// What a tab finished while its storage refused writes, known only to it.
    local_finished: Vec<Vec<String>>,
    ledger: Ledger,
    articles: BTreeMap<&'static str, ArticleState>,
    /// A tab's selections that it could not store (its storage was full): its own view.
    overlay: Vec<BTreeMap<&'static str, Selection>>,
    /// Articles a reader changed, or a tab sent changes of, while that tab's storage was full:
    /// its view and the stored one may differ, so the endpoint can match only one of them.
    tainted: BTreeSet<&'static str>,
    server: BTreeMap<(String, String), bool>,
    applied: BTreeSet<String>,
    acknowledged: BTreeSet<String>,
    resent_after_ack: Vec<String>,
}

impl Site {
    fn new(tabs: usize) -> Site {
        Site {
            memory: vec![Vec::new(); tabs],
            stored: vec![None; tabs],
            broken: vec![false; tabs],
            overlay: vec![BTreeMap::new(); tabs],
            local_finished: vec![Vec::new(); tabs],
            ..Site::default()
        }
    }

    fn id(&mut self) -> String {
        self.next_id += 1;
        format!("c{}", self.next_id)
    }

    /// A tab writes its own queue; a full storage leaves the old copy (never deletes it).
    fn save(&mut self, tab: usize) {
        if !self.broken[tab] {
            self.stored[tab] = Some(self.memory[tab].clone());
        }
    }

    /// What every tab does when the ledger changes (the `storage` event).
    fn ledger_changed(&mut self) {
        for tab in 0..self.memory.len() {
            prune(&mut self.memory[tab], &self.ledger);
        }
    }

    /// The article as `tab` sees it: its own unstored selection over the stored state.
    fn view(&self, tab: usize, article: &'static str) -> ArticleState {
        let mut state = self.articles.get(article).cloned().unwrap_or_default();
        if let Some(selected) = self.overlay[tab].get(article) {
            state.selected = selected.clone();
        }
        state
    }

    /// A tab writes the reader's selection; when storage is full it keeps it to itself.
    fn select(&mut self, tab: usize, article: &'static str, selected: Selection) {
        if self.broken[tab] {
            self.tainted.insert(article);
            self.overlay[tab].insert(article, selected);
        } else {
            self.overlay[tab].remove(article);
            self.articles.entry(article).or_default().selected = selected;
        }
    }

    fn click(&mut self, tab: usize, article: &'static str, key: &str) {
        let before = self.view(tab, article).selected;
        let after = before.toggle(key, crate::model::ReactionMode::Multiple);
        let changes = ReaderReactions { selected: before, ..Default::default() }.changes_to(&after);
        self.select(tab, article, after);
        for (reaction, selected) in changes {
            let change = Change {
                id: self.id(),
                endpoint: "https://news.example/api".into(),
                article_id: article.into(),
                reaction,
                selected,
                single: false,
                queued_at: self.now,
            };
            let ledger = self.ledger.clone();
            enqueue(&mut self.memory[tab], change, &ledger);
        }
        self.save(tab);
    }

    fn send(&mut self, tab: usize, reply: Reply) {
        // A tab whose storage refuses writes cannot share what it does: it sends only its own
        // changes, with the ledger it read plus what it finished itself, and corrects nothing.
        let solo = self.broken[tab];
        if !solo {
            // Adopt closed tabs' queues (their tab locks are free) once ours is stored.
            for orphan in std::mem::take(&mut self.orphans) {
                for change in orphan {
                    if !self.memory[tab].iter().any(|c| c.id == change.id) {
                        self.memory[tab].push(change);
                    }
                }
            }
            self.save(tab);
        }
        let mut ledger = self.ledger.clone();
        ledger.finished.extend(self.local_finished[tab].iter().cloned());
        let others: Vec<Vec<Change>> = if solo {
            Vec::new()
        } else {
            (0..self.stored.len())
                .filter(|t| *t != tab)
                .filter_map(|t| self.stored[t].clone())
                .chain(self.orphans.iter().cloned())
                .collect()
        };
        let mut queues: Vec<&[Change]> = others.iter().map(Vec::as_slice).collect();
        queues.push(&self.memory[tab]);
        let view = pending(&queues, &ledger);
        let (change, outcome) = match next(&view, &ledger, self.now) {
            Next::Send(change) => {
                ledger.sending(&change);
                if self.acknowledged.contains(&change.id) {
                    self.resent_after_ack.push(change.id.clone());
                }
                let outcome = match reply {
                    Reply::Ok | Reply::Lost => {
                        if self.applied.insert(change.id.clone()) {
                            self.server.insert(
                                (change.article_id.clone(), change.reaction.clone()),
                                change.selected,
                            );
                        }
                        if matches!(reply, Reply::Ok) { Outcome::Delivered } else { Outcome::Retry }
                    }
                    Reply::Fail => Outcome::Retry,
                    // A key it applied is answered as it was the first time (contract §8).
                    Reply::Refuse if self.applied.contains(&change.id) => Outcome::Delivered,
                    Reply::Refuse => Outcome::Refused,
                };
                if outcome == Outcome::Delivered && !solo {
                    self.acknowledged.insert(change.id.clone());
                }
                (change, outcome)
            }
            Next::Expire(change) => (change, Outcome::Refused),
            Next::Superseded(change) => (change, Outcome::Superseded),
            Next::Wait(ms) => {
                assert!(ms > 0, "a wait of 0 ms is a spin");
                return;
            }
            Next::Idle => return,
        };
        let article_id: &'static str = if change.article_id == "a" { "a" } else { "b" };
        let mut article = self.view(tab, article_id);
        article.local_only = solo || self.overlay[tab].contains_key(article_id);
        let mut next_id = self.next_id;
        let moment = Moment { now: self.now, random: 0.5 };
        let settled = settle(&mut ledger, &change, outcome, &article, &view, moment, || {
            next_id += 1;
            format!("c{next_id}")
        });
        self.next_id = next_id;
        if let Some(selected) = settled.selected {
            self.select(tab, article_id, selected);
        }
        if solo {
            // Its attempts are not in the shared ledger, so another tab may later apply an
            // older change of the same reaction after it: the endpoint then holds either.
            self.tainted.insert(article_id);
            if ledger.finished.contains(&change.id) {
                self.local_finished[tab].push(change.id.clone());
            }
            prune(&mut self.memory[tab], &ledger);
            return;
        }
        if let Some(confirmed) = settled.confirmed {
            self.articles.entry(article_id).or_default().confirmed = confirmed;
        }
        for correction in settled.corrections {
            enqueue(&mut self.memory[tab], correction, &ledger);
        }
        self.ledger = ledger;
        self.ledger_changed();
        self.save(tab);
        // What the sender can see: every stored queue and its own.
        let mut queues: Vec<&[Change]> =
            self.stored.iter().flatten().chain(self.orphans.iter()).map(Vec::as_slice).collect();
        queues.push(&self.memory[tab]);
        let held: Vec<&str> = queues.iter().flat_map(|q| q.iter()).map(|c| c.id.as_str()).collect();
        let still = pending(&queues, &self.ledger);
        let mut ledger = self.ledger.clone();
        ledger.forget_unused(&still, &held);
        self.ledger = ledger;
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Click { tab, article, key } => self.click(tab, ARTICLES[article], KEYS[key]),
            Op::Send { tab, reply } => self.send(tab, reply),
            Op::Wait(ms) => self.now += f64::from(ms),
            Op::BreakStorage(tab) => self.broken[tab] = true,
            Op::HealStorage(tab) => {
                self.broken[tab] = false;
                self.save(tab);
            }
            Op::CloseAndReopen(tab) => {
                // Its memory is gone; what it stored stays for a sender to adopt.
                if let Some(stored) = self.stored[tab].take() {
                    self.orphans.push(stored);
                }
                self.memory[tab].clear();
                self.overlay[tab].clear();
                self.local_finished[tab].clear();
                self.broken[tab] = false;
            }
        }
    }

    /// The network heals and storage works again: tabs send until nothing is left.
    fn settle_down(&mut self) -> Vec<Next> {
        for tab in 0..self.broken.len() {
            self.broken[tab] = false;
            self.save(tab);
        }
        for _ in 0..500 {
            self.now += 31_000.0;
            for tab in 0..self.memory.len() {
                self.send(tab, Reply::Ok);
            }
        }
        (0..self.memory.len())
            .map(|tab| {
                let mut queues: Vec<&[Change]> =
                    self.stored.iter().flatten().chain(self.orphans.iter()).map(Vec::as_slice).collect();
                queues.push(&self.memory[tab]);
                next(&pending(&queues, &self.ledger), &self.ledger, self.now)
            })
            .collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// 1,000 random histories of three tabs: whatever the clicks, failures, lost replies,
    /// refusals, closed tabs and full storage, once the network heals the endpoint holds
    /// exactly what the reader holds (for articles no tab changed or sent while its storage
    /// was full: there the tab's own view and the stored one may differ), no change the shared
    /// ledger acknowledged is sent again, and every tab ends idle (no timer).
    #[test]
    fn simulated_tabs_lose_nothing_duplicate_nothing_and_end_idle_1000_cases(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        let mut site = Site::new(3);
        for op in &ops {
            site.apply(op);
        }
        let idle = site.settle_down();
        prop_assert!(idle.iter().all(|n| *n == Next::Idle), "tabs not idle: {:?}", idle);
        prop_assert!(site.resent_after_ack.is_empty(), "resent after acknowledgement: {:?}", site.resent_after_ack);
        for (article, state) in site.articles.iter().filter(|(a, _)| !site.tainted.contains(*a)) {
            for key in KEYS {
                let server = site.server.get(&(article.to_string(), key.to_string())).copied().unwrap_or(false);
                prop_assert_eq!(server, state.selected.contains(key), "article {} key {}", article, key);
            }
        }
    }
}
