//! The simulated site: a reader's tabs over one origin's storage, and the endpoint, driven
//! through the core exactly as `effects::outbox` drives it. The property that runs it is the
//! parent module's.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// A site's tabs over one origin's storage, and its endpoint, driven through the core exactly
/// as `effects::outbox` drives it.
#[derive(Default)]
pub(super) struct Site {
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
    pub(super) articles: BTreeMap<&'static str, ArticleState>,
    /// A tab's selections that it could not store (its storage was full): its own view.
    overlay: Vec<BTreeMap<&'static str, Selection>>,
    /// Articles a reader changed, or a tab sent changes of, while that tab's storage was full:
    /// its view and the stored one may differ, so the endpoint can match only one of them.
    pub(super) tainted: BTreeSet<&'static str>,
    pub(super) server: BTreeMap<(String, String), bool>,
    applied: BTreeSet<String>,
    acknowledged: BTreeSet<String>,
    pub(super) resent_after_ack: Vec<String>,
}

impl Site {
    pub(super) fn new(tabs: usize) -> Site {
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

    pub(super) fn apply(&mut self, op: &Op) {
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
    pub(super) fn settle_down(&mut self) -> Vec<Next> {
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
