//! The props digest that ties server markup to the props it was rendered from.
//!
//! The server writes it on the mount element (`data-aw-digest`); the browser computes it again
//! from the element's JSON script and takes the markup over only when the two agree. It must
//! come out the same from `serde_json` on the server and `JSON.parse` in the browser, so it is
//! taken over the parsed value, not the text: object entries in any order (`JSON.parse` moves
//! integer-like keys first), numbers by their bits (no float printing in the bundle) with -0 as
//! 0. A key repeated in the server's props text makes the digests differ (`JSON.parse` keeps
//! one entry, `serde_json` both), and the widget then renders afresh: safe, and rare. Reaction counts are left out:
//! they change all day and the widget shows fresh ones anyway. Not a security measure (the
//! host writes both), only a cheap "same props?" check.

use super::Json;

const BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a: a dozen lines, no table, good enough to tell two props apart.
struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A string, with its length first so that `["ab","c"]` and `["a","bc"]` differ.
    fn text(&mut self, text: &str) {
        self.bytes(&(text.len() as u64).to_le_bytes());
        self.bytes(text.as_bytes());
    }
}

/// The digest of `props` as 16 lowercase hex digits.
pub fn props_digest(props: &Json) -> String {
    let mut hash = Fnv(BASIS);
    walk(props, Place::Top, &mut hash);
    let mut out = String::with_capacity(16);
    for shift in (0..16).rev() {
        let digit = ((hash.0 >> (shift * 4)) & 0xf) as u8;
        out.push(char::from(if digit < 10 { b'0' + digit } else { b'a' + digit - 10 }));
    }
    out
}

/// Where a value sits, for leaving the counts out: `reactions[i].count` of the top object.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Top,
    Reactions,
    Reaction,
    Other,
}

fn walk(value: &Json, place: Place, hash: &mut Fnv) {
    match value {
        Json::Null => hash.bytes(b"n"),
        Json::Bool(b) => hash.bytes(if *b { b"t" } else { b"f" }),
        Json::Number(n) => {
            hash.bytes(b"#");
            let n = if *n == 0.0 { 0.0 } else { *n };
            hash.bytes(&n.to_bits().to_le_bytes());
        }
        Json::String(s) => {
            hash.bytes(b"s");
            hash.text(s);
        }
        Json::Array(items) => {
            hash.bytes(b"[");
            hash.bytes(&(items.len() as u64).to_le_bytes());
            let inner = if place == Place::Reactions { Place::Reaction } else { Place::Other };
            for item in items {
                walk(item, inner, hash);
            }
        }
        Json::Object(entries) => {
            // Key order must not matter, and a sort routine costs the bundle more than this:
            // each entry is hashed on its own and the entries' hashes are added up.
            let mut sum = 0u64;
            let mut kept = 0u64;
            for (key, value) in entries {
                if place == Place::Reaction && key == "count" {
                    continue;
                }
                let mut entry = Fnv(BASIS);
                entry.text(key);
                let inner =
                    if place == Place::Top && key == "reactions" { Place::Reactions } else { Place::Other };
                walk(value, inner, &mut entry);
                sum = sum.wrapping_add(entry.0);
                kept += 1;
            }
            hash.bytes(b"{");
            hash.bytes(&kept.to_le_bytes());
            hash.bytes(&sum.to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(text: &str) -> String {
        props_digest(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn the_same_props_in_another_order_or_spelling_have_the_same_digest_and_a_repeated_key_not() {
        let a = digest(r#"{"id":"a1","n":1,"x":{"2":true,"1":null}}"#);
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{a}");
        assert_eq!(a, digest(r#"{ "x": {"1": null, "2": true}, "n": 1.0, "id": "a1" }"#));
        assert_ne!(a, digest(r#"{"id":"old","id":"a1","n":1,"x":{"2":true,"1":null}}"#), "a repeated key");
        assert_eq!(digest(r#"{"n":-0}"#), digest(r#"{"n":0}"#));
    }

    #[test]
    fn any_other_change_changes_it() {
        let base = digest(r#"{"id":"a1","body":["ab","c"]}"#);
        for other in [
            r#"{"id":"a2","body":["ab","c"]}"#,
            r#"{"id":"a1","body":["a","bc"]}"#,
            r#"{"id":"a1","body":["ab"]}"#,
            r#"{"id":"a1","body":["ab","c"],"x":null}"#,
            r#"{"id":"a1","body":"abc"}"#,
            r#"{"id":"a1","body":[["ab","c"]]}"#,
            r#"{"id":"a1","body":["c","ab"]}"#,
            r#"{"body":"a1","id":["ab","c"]}"#,
        ] {
            assert_ne!(base, digest(other), "{other}");
        }
    }

    #[test]
    fn reaction_counts_are_left_out_and_only_they() {
        let base = digest(r#"{"id":"a1","reactions":[{"key":"like","label":"좋아요","count":3}]}"#);
        assert_eq!(base, digest(r#"{"id":"a1","reactions":[{"key":"like","label":"좋아요","count":9}]}"#));
        assert_eq!(base, digest(r#"{"id":"a1","reactions":[{"key":"like","label":"좋아요"}]}"#));
        assert_ne!(base, digest(r#"{"id":"a1","reactions":[{"key":"sad","label":"좋아요","count":3}]}"#));
        // A `count` anywhere else is content.
        assert_ne!(digest(r#"{"x":{"count":1}}"#), digest(r#"{"x":{"count":2}}"#));
    }
}
