//! The delivery queue (being replaced by the outbox core).

/// One reader change waiting to reach a reactions endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    /// Unique per change; sent as the `Idempotency-Key` header.
    pub id: String,
    pub endpoint: String,
    pub article_id: String,
    pub reaction: String,
    pub selected: bool,
}

impl PendingChange {
    fn same_target(&self, other: &PendingChange) -> bool {
        self.endpoint == other.endpoint
            && self.article_id == other.article_id
            && self.reaction == other.reaction
    }
}

/// Queues `change`. A change for the same reaction that is still waiting (not the one in
/// flight) is superseded: the endpoint only needs the reader's latest state, so rapid toggling
/// sends at most the change in flight and the final one, in the order the reader made them.
pub fn enqueue_change(queue: &mut Vec<PendingChange>, change: PendingChange, in_flight: Option<&str>) {
    queue.retain(|c| Some(c.id.as_str()) == in_flight || !c.same_target(&change));
    queue.push(change);
}

/// Endpoints that failed, each with its failures in a row and when it may be tried again.
/// Backing off per endpoint means one dead endpoint (say, from an old article's props) never
/// holds up changes bound for the others; changes to one endpoint still go in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Backoff {
    pub endpoints: Vec<(String, u32, f64)>,
}

impl Backoff {
    fn retry_at(&self, endpoint: &str) -> f64 {
        self.endpoints.iter().find(|(e, _, _)| e == endpoint).map_or(0.0, |(_, _, at)| *at)
    }

    /// The oldest change whose endpoint may be tried at `now`.
    pub fn next_ready<'a>(&self, queue: &'a [PendingChange], now: f64) -> Option<&'a PendingChange> {
        queue.iter().find(|c| self.retry_at(&c.endpoint) <= now)
    }

    /// How long from `now` until some queued change may be tried (0 if one may now).
    pub fn wait_ms(&self, queue: &[PendingChange], now: f64) -> u32 {
        let earliest = queue.iter().map(|c| self.retry_at(&c.endpoint)).fold(f64::INFINITY, f64::min);
        if earliest.is_finite() { (earliest - now).clamp(0.0, f64::from(u32::MAX)) as u32 } else { 0 }
    }

    /// Records a failed send; returns the delay before that endpoint is tried again.
    pub fn failed(&mut self, endpoint: &str, now: f64) -> u32 {
        let failures = self.endpoints.iter().find(|(e, _, _)| e == endpoint).map_or(0, |(_, f, _)| *f);
        let failures = failures.saturating_add(1);
        let delay = retry_delay_ms(failures);
        self.endpoints.retain(|(e, _, _)| e != endpoint);
        self.endpoints.push((endpoint.to_owned(), failures, now + f64::from(delay)));
        delay
    }

    pub fn succeeded(&mut self, endpoint: &str) {
        self.endpoints.retain(|(e, _, _)| e != endpoint);
    }
}

/// Retry delay after `failures` failed attempts: 0.5 s doubling, at most 30 s.
pub fn retry_delay_ms(failures: u32) -> u32 {
    500u32.saturating_mul(1 << failures.saturating_sub(1).min(6)).min(30_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: &str, reaction: &str, selected: bool) -> PendingChange {
        PendingChange {
            id: id.into(),
            endpoint: "/api".into(),
            article_id: "a".into(),
            reaction: reaction.into(),
            selected,
        }
    }

    #[test]
    fn rapid_toggling_queues_only_the_final_state_behind_the_one_in_flight() {
        let mut q = Vec::new();
        enqueue_change(&mut q, change("1", "like", true), None);
        enqueue_change(&mut q, change("2", "like", false), Some("1"));
        enqueue_change(&mut q, change("3", "like", true), Some("1"));
        enqueue_change(&mut q, change("4", "like", false), Some("1"));
        assert_eq!(q, [change("1", "like", true), change("4", "like", false)]);
        // Nothing in flight: the queued one is superseded too.
        enqueue_change(&mut q, change("5", "like", true), None);
        assert_eq!(q, [change("5", "like", true)]);
    }

    #[test]
    fn changes_to_other_reactions_keep_their_order() {
        let mut q = Vec::new();
        enqueue_change(&mut q, change("1", "like", false), None);
        enqueue_change(&mut q, change("2", "sad", true), None);
        enqueue_change(&mut q, change("3", "sad", false), None);
        enqueue_change(&mut q, change("4", "like", true), None);
        assert_eq!(q, [change("3", "sad", false), change("4", "like", true)]);
    }

    #[test]
    fn a_failing_endpoint_does_not_hold_up_another() {
        let mut dead = change("1", "like", true);
        dead.endpoint = "/dead".into();
        let q = vec![dead, change("2", "sad", true), change("3", "like", false)];
        let mut b = Backoff::default();
        assert_eq!(b.next_ready(&q, 0.0).map(|c| c.id.as_str()), Some("1"));
        assert_eq!(b.failed("/dead", 0.0), 500);
        assert_eq!(b.next_ready(&q, 100.0).map(|c| c.id.as_str()), Some("2"), "the live endpoint goes on");
        assert_eq!(b.failed("/dead", 500.0), 1_000);
        assert_eq!(b.failed("/api", 200.0), 500); // /api waits until 700, /dead until 1,500
        assert_eq!(b.next_ready(&q, 600.0), None);
        assert_eq!(b.wait_ms(&q, 100.0), 600);
        b.succeeded("/api");
        assert_eq!(b.next_ready(&q, 600.0).map(|c| c.id.as_str()), Some("2"));
        assert_eq!(b.wait_ms(&q, 600.0), 0);
        assert_eq!(b.wait_ms(&[], 0.0), 0);
    }

    #[test]
    fn retries_back_off_to_a_ceiling() {
        assert_eq!(retry_delay_ms(1), 500);
        assert_eq!(retry_delay_ms(2), 1_000);
        assert_eq!(retry_delay_ms(3), 2_000);
        assert_eq!(retry_delay_ms(7), 30_000);
        assert_eq!(retry_delay_ms(u32::MAX), 30_000);
    }
}
