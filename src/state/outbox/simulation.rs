//! The delivery queue under random histories of three tabs: clicks, sends, failures, lost
//! replies, refusals, closed tabs and full storage, driven through the core exactly as
//! `effects::outbox` drives it.

mod site;

use proptest::prelude::*;

use self::site::Site;
use super::*;
use crate::state::reactions::ReaderReactions;

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
