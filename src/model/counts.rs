//! Reaction counts: the one clamp for every count the widget shows, and the `counts` object of
//! an endpoint's reply read into key and count pairs.

use super::json::Json;

/// How many entries of a reply's `counts` are read.
pub const MAX_REPLY_KEYS: usize = 256;

/// Counts above this are clamped: beyond 2^53 a JavaScript number can no longer count by one.
pub const MAX_COUNT: u64 = (1 << 53) - 1;

/// A finite number as a count: negatives read as 0, fractions are dropped, and anything above
/// [`MAX_COUNT`] is clamped to it.
pub fn count_of(raw: f64) -> u64 {
    if raw <= 0.0 {
        0
    } else if raw >= MAX_COUNT as f64 {
        MAX_COUNT
    } else {
        raw.floor() as u64
    }
}

/// The reply's `counts` object (`{ "like": 12, ... }`) as pairs in the object's key order;
/// `None` when it is not an object. Entries whose value is not a finite number are skipped; a
/// repeated key keeps its first place and its last value, as `JSON.parse` does (so a repeat
/// that is not a number removes the key). Only the first [`MAX_REPLY_KEYS`] entries are read
/// (an article has at most 50 reactions), which bounds the repeat check whatever a reply holds.
pub fn counts_from_json(json: &Json) -> Option<Vec<(String, u64)>> {
    let Json::Object(entries) = json else {
        return None;
    };
    let entries = &entries[..entries.len().min(MAX_REPLY_KEYS)];
    let mut counts: Vec<(&str, Option<u64>)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let count = match value {
            Json::Number(n) if n.is_finite() => Some(count_of(*n)),
            _ => None,
        };
        match counts.iter_mut().find(|(k, _)| *k == key.as_str()) {
            Some(seen) => seen.1 = count,
            None => counts.push((key, count)),
        }
    }
    Some(counts.into_iter().filter_map(|(key, count)| Some((key.to_owned(), count?))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(entries: &[(&str, Json)]) -> Json {
        Json::Object(entries.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
    }

    fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
    }

    #[test]
    fn counts_are_clamped_to_what_a_reader_can_see() {
        assert_eq!(count_of(-5.0), 0);
        assert_eq!(count_of(-0.0), 0);
        assert_eq!(count_of(2.9), 2);
        assert_eq!(count_of(2_147_483_648.0), 2_147_483_648);
        assert_eq!(count_of(1e300), MAX_COUNT);
        assert_eq!(count_of(MAX_COUNT as f64), MAX_COUNT);
    }

    #[test]
    fn reply_counts_keep_finite_numbers_in_order() {
        let json = object(&[
            ("like", Json::Number(12.0)),
            ("angry", Json::Number(-3.0)),
            ("sad", Json::String("7".into())),
            ("followUp", Json::Number(1e300)),
            ("wow", Json::Null),
            ("ok", Json::Number(f64::NAN)),
        ]);
        assert_eq!(
            counts_from_json(&json),
            Some(pairs(&[("like", 12), ("angry", 0), ("followUp", MAX_COUNT)]))
        );
        assert_eq!(counts_from_json(&Json::Array(vec![])), None);
        assert_eq!(counts_from_json(&Json::Number(1.0)), None);
        assert_eq!(counts_from_json(&object(&[])), Some(vec![]));
    }

    #[test]
    fn a_repeated_key_keeps_its_place_and_its_last_value() {
        let json = object(&[
            ("like", Json::Number(1.0)),
            ("sad", Json::Number(2.0)),
            ("like", Json::Number(3.0)),
            ("sad", Json::Bool(true)),
            ("angry", Json::String("x".into())),
            ("angry", Json::Number(4.0)),
        ]);
        assert_eq!(counts_from_json(&json), Some(pairs(&[("like", 3), ("angry", 4)])));
    }

    #[test]
    fn quadratic_checks_a_huge_reply_is_read_only_up_to_the_cap() {
        // 200,000 entries, half of them repeats: read pairwise in full, minutes.
        let entries = (0..200_000)
            .map(|i| (format!("k{}", i % 100_000), Json::Number(f64::from(i))))
            .collect::<Vec<_>>();
        let started = std::time::Instant::now();
        let counts = counts_from_json(&Json::Object(entries)).unwrap();
        assert_eq!(counts.len(), MAX_REPLY_KEYS);
        assert_eq!(counts[0], ("k0".to_owned(), 0));
        assert!(started.elapsed().as_secs_f64() < 1.0, "{:?}", started.elapsed());
    }
}
