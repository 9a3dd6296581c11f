//! Unit tests of the delivery queue, one behaviour each.

use super::*;
use crate::state::delay::MAX_TIMER_MS;

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
