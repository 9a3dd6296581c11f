//! The stored forms of a tab's queue and of the sender's ledger, read from and written to the
//! loose [`Json`] tree. Storage is outside data: a host script, an older version or a broken
//! write may have left anything there, so an entry that does not read whole is left out and
//! anything else reads as empty, never as an error.

use super::outbox::{Change, EndpointBackoff, Ledger};
use crate::model::Json;
use crate::model::url::safe_url;

/// A queue: `[{id, endpoint, articleId, reaction, selected, single, at}]`.
pub fn queue_to_json(queue: &[Change]) -> Json {
    Json::Array(queue.iter().map(change_to_json).collect())
}

pub fn queue_from_json(json: &Json) -> Vec<Change> {
    match json {
        Json::Array(items) => items.iter().filter_map(change_from_json).collect(),
        _ => Vec::new(),
    }
}

/// The one shared queue of version 0.1.0 before per-tab queues (`outbox`, entries without a
/// time, endpoints as the props gave them): read so an upgrade loses no pending change.
/// `resolve` makes an endpoint absolute (against the page reading it, the best left to go
/// by); `now` stands in for the missing time.
pub fn legacy_queue_from_json(
    json: &Json,
    resolve: impl Fn(&str) -> Option<String>,
    now: f64,
) -> Vec<Change> {
    let Json::Array(items) = json else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| {
            Some(Change {
                id: text(item.get("id"))?,
                endpoint: text(item.get("endpoint")).and_then(|e| resolve(&e))?,
                article_id: text(item.get("articleId"))?,
                reaction: text(item.get("reaction"))?,
                selected: boolean(item.get("selected"))?,
                single: false,
                queued_at: now,
            })
        })
        .collect()
}

/// The ledger: `{finished: [id], backoff: [{endpoint, failures, retryAt}], sent: [change]}`.
pub fn ledger_to_json(ledger: &Ledger) -> Json {
    let backoff = ledger.backoff.iter().map(|b| {
        object(vec![
            ("endpoint", Json::String(b.endpoint.clone())),
            ("failures", Json::Number(f64::from(b.failures))),
            ("retryAt", Json::Number(b.retry_at)),
        ])
    });
    object(vec![
        ("finished", Json::Array(ledger.finished.iter().cloned().map(Json::String).collect())),
        ("backoff", Json::Array(backoff.collect())),
        ("sent", queue_to_json(&ledger.sent)),
    ])
}

pub fn ledger_from_json(json: &Json) -> Ledger {
    let finished = match json.get("finished") {
        Some(Json::Array(ids)) => ids.iter().filter_map(|id| text(Some(id))).collect(),
        _ => Vec::new(),
    };
    let backoff = match json.get("backoff") {
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|b| {
                Some(EndpointBackoff {
                    endpoint: text(b.get("endpoint"))?,
                    failures: number(b.get("failures"))?.clamp(0.0, 64.0) as u32,
                    retry_at: number(b.get("retryAt"))?,
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let sent = json.get("sent").map(queue_from_json).unwrap_or_default();
    Ledger { finished, backoff, sent }
}

fn change_to_json(c: &Change) -> Json {
    object(vec![
        ("id", Json::String(c.id.clone())),
        ("endpoint", Json::String(c.endpoint.clone())),
        ("articleId", Json::String(c.article_id.clone())),
        ("reaction", Json::String(c.reaction.clone())),
        ("selected", Json::Bool(c.selected)),
        ("single", Json::Bool(c.single)),
        ("at", Json::Number(c.queued_at)),
    ])
}

fn change_from_json(json: &Json) -> Option<Change> {
    Some(Change {
        id: text(json.get("id"))?,
        // Only absolute http(s) endpoints are queued; anything else was not written by us.
        endpoint: text(json.get("endpoint")).filter(|e| is_absolute(e)).and_then(|e| safe_url(&e))?,
        article_id: text(json.get("articleId"))?,
        reaction: text(json.get("reaction"))?,
        selected: boolean(json.get("selected"))?,
        single: boolean(json.get("single")).unwrap_or(false),
        queued_at: number(json.get("at"))?,
    })
}

fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn object(entries: Vec<(&str, Json)>) -> Json {
    Json::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn text(json: Option<&Json>) -> Option<String> {
    match json {
        Some(Json::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn number(json: Option<&Json>) -> Option<f64> {
    match json {
        Some(Json::Number(n)) if n.is_finite() => Some(*n),
        _ => None,
    }
}

fn boolean(json: Option<&Json>) -> Option<bool> {
    match json {
        Some(Json::Bool(b)) => Some(*b),
        _ => None,
    }
}

/// JSON text for what these functions build. Numbers are written as integers (times in ms,
/// counts), which keeps Rust's float printing out of this path.
pub fn to_text(json: &Json) -> String {
    let mut out = String::new();
    json.write_text(&mut out, write_integer);
    out
}

fn write_integer(n: f64, out: &mut String) {
    let n = n.trunc();
    if n < 0.0 {
        out.push('-');
    }
    // Exact up to 2^53, which every time and count we store is below.
    let mut magnitude = n.abs().min(9.0e15) as u64;
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        digits[len] = b'0' + (magnitude % 10) as u8;
        len += 1;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|d| char::from(*d)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    fn change(id: &str) -> Change {
        Change {
            id: id.into(),
            endpoint: "https://news.example/api/reactions".into(),
            article_id: "기사-1\"</script>".into(),
            reaction: "like".into(),
            selected: true,
            single: true,
            queued_at: 1_733_000_000_123.0,
        }
    }

    #[test]
    fn queues_and_ledgers_round_trip_through_json_text() {
        let queue = vec![change("a"), change("b\n\u{1}")];
        assert_eq!(queue_from_json(&parse(&to_text(&queue_to_json(&queue)))), queue);
        let ledger = Ledger {
            finished: vec!["x".into()],
            backoff: vec![EndpointBackoff {
                endpoint: "https://e.example".into(),
                failures: 3,
                retry_at: 5e12,
            }],
            sent: vec![change("s")],
        };
        assert_eq!(ledger_from_json(&parse(&to_text(&ledger_to_json(&ledger)))), ledger);
    }

    #[test]
    fn garbage_reads_as_empty_and_bad_entries_are_left_out() {
        assert_eq!(queue_from_json(&parse(r#"{"not":"a list"}"#)), []);
        assert_eq!(ledger_from_json(&parse("42")), Ledger::default());
        let mixed = r#"[{"id":"ok","endpoint":"https://e.example/a","articleId":"a","reaction":"like","selected":true,"at":5},
            {"id":"relative","endpoint":"../api","articleId":"a","reaction":"like","selected":true,"at":5},
            {"id":"script","endpoint":"javascript:alert(1)","articleId":"a","reaction":"like","selected":true,"at":5},
            {"id":"no-time","endpoint":"https://e.example/a","articleId":"a","reaction":"like","selected":true},
            7, null]"#;
        let read = queue_from_json(&parse(mixed));
        assert_eq!(read.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["ok"]);
    }

    #[test]
    fn the_old_shared_queue_is_read_with_endpoints_resolved() {
        let old = parse(
            r#"[{"id":"1-2-3","endpoint":"/api/reactions","articleId":"a","reaction":"like","selected":true},
                {"id":"bad","endpoint":"/api","articleId":"a","reaction":"like"}]"#,
        );
        let read = legacy_queue_from_json(&old, |e| Some(format!("https://news.example{e}")), 42.0);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].endpoint, "https://news.example/api/reactions");
        assert_eq!((read[0].queued_at, read[0].selected), (42.0, true));
    }

    #[test]
    fn numbers_are_written_as_whole_numbers() {
        assert_eq!(to_text(&Json::Number(1_733_000_000_123.9)), "1733000000123");
        assert_eq!(to_text(&Json::Number(-0.5)), "0");
        assert_eq!(to_text(&Json::Number(-12.0)), "-12");
        assert_eq!(to_text(&Json::Number(f64::NAN)), "null");
        assert_eq!(to_text(&Json::Number(0.0)), "0");
    }
}
