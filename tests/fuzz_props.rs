//! Property tests: the props parser and validator never panic on outside data, and every
//! rejection names the field. `scripts/test` runs a fast slice (256 cases a property);
//! `scripts/fuzz` runs at least a million cases in release mode.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_widget::content_from_json;
use article_widget::model::{ArticleProps, Json};
use common::seed_json;
use proptest::prelude::*;

/// Field names the validator knows, so generated objects often hit real code paths.
const KEYS: &[&str] = &[
    "id",
    "title",
    "publishedAt",
    "updatedAt",
    "locale",
    "section",
    "subtitle",
    "byline",
    "image",
    "body",
    "reactions",
    "reactionMode",
    "reactionEndpoint",
    "textSize",
    "related",
    "kind",
    "src",
    "alt",
    "caption",
    "credit",
    "width",
    "height",
    "type",
    "text",
    "key",
    "label",
    "count",
    "url",
    "__proto__",
    "constructor",
];

/// Strings that mean something to some field.
const WORDS: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "ko",
    "en",
    "en-US",
    "fr",
    "single",
    "multiple",
    "smallest",
    "largest",
    "paragraph",
    "heading",
    "quote",
    "like",
    "followUp",
    "article",
    "topNews",
    "2024-02-28T16:04:00+09:00",
    "2024-02-30T16:04:00+09:00",
    "9999-12-31T23:59:60Z",
    "javascript:alert(1)",
    " JaVa\tScRiPt:x",
    "data:text/html,<script>x</script>",
    "https://example.com/a.jpg",
    "/relative",
    "//cdn.example/x",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\u{FFFD}",
    "🙂",
    "가나다",
];

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        3 => any::<String>(),
        // Huge strings, now and then.
        1 => (any::<char>(), 10_000usize..200_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn arb_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(), // NaN, infinities and subnormals included: script-mounted props can hold them
        prop::sample::select(vec![
            0.0,
            -0.0,
            -1.0,
            0.5,
            1e300,
            -1e300,
            2_147_483_648.0,
            9_007_199_254_740_993.0
        ]),
        any::<i64>().prop_map(|n| n as f64),
    ]
}

fn arb_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        arb_number().prop_map(Json::Number),
        arb_string().prop_map(Json::String),
    ];
    leaf.prop_recursive(8, 96, 8, |inner| {
        let key = prop_oneof![3 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => any::<String>()];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            prop::collection::vec((key, inner), 0..10).prop_map(Json::Object),
        ]
    })
}

/// Replaces (or, with `None`, removes) the value at `path` (`image.src`, `body[0]`) in `json`.
fn set_path(json: &mut Json, path: &[Step], value: Option<Json>) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    match (json, first) {
        (Json::Object(entries), Step::Key(k)) => {
            if rest.is_empty() {
                entries.retain(|(name, _)| name != k);
                if let Some(v) = value {
                    entries.push(((*k).to_owned(), v));
                }
            } else if let Some((_, child)) = entries.iter_mut().rev().find(|(name, _)| name == k) {
                set_path(child, rest, value);
            }
        }
        (Json::Array(items), Step::Index(i)) => {
            if rest.is_empty() {
                match value {
                    Some(v) if *i < items.len() => items[*i] = v,
                    _ => {}
                }
            } else if let Some(child) = items.get_mut(*i) {
                set_path(child, rest, value);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// Places in the seed props a mutation may hit, and the field path an error there must name.
fn arb_place() -> impl Strategy<Value = (Vec<Step>, &'static str)> {
    use Step::*;
    prop::sample::select(vec![
        (vec![Key("id")], "id"),
        (vec![Key("title")], "title"),
        (vec![Key("publishedAt")], "publishedAt"),
        (vec![Key("updatedAt")], "updatedAt"),
        (vec![Key("locale")], "locale"),
        (vec![Key("section")], "section"),
        (vec![Key("subtitle")], "subtitle"),
        (vec![Key("byline")], "byline"),
        (vec![Key("image")], "image"),
        (vec![Key("image"), Key("src")], "image.src"),
        (vec![Key("image"), Key("width")], "image.width"),
        (vec![Key("image"), Key("caption")], "image.caption"),
        (vec![Key("body")], "body"),
        (vec![Key("body"), Index(2)], "body[2]"),
        (vec![Key("reactions")], "reactions"),
        (vec![Key("reactions"), Index(0)], "reactions[0]"),
        (vec![Key("reactions"), Index(1), Key("count")], "reactions[1].count"),
        (vec![Key("reactions"), Index(3), Key("key")], "reactions[3].key"),
        (vec![Key("reactionMode")], "reactionMode"),
        (vec![Key("reactionEndpoint")], "reactionEndpoint"),
        (vec![Key("textSize")], "textSize"),
        (vec![Key("related")], "related"),
        (vec![Key("related"), Index(4)], "related[4]"),
        (vec![Key("related"), Index(0), Key("url")], "related[0].url"),
        (vec![Key("kind")], "kind"),
    ])
}

fn validate(json: &Json) -> Result<ArticleProps, article_widget::model::PropsError> {
    ArticleProps::from_json(json, &mut Vec::new())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// Any value at all: no panic; a refused object names a field.
    #[test]
    fn arbitrary_values_never_panic(json in arb_json()) {
        let (_content, _warnings) = content_from_json(Ok(json.clone()));
        if let (Err(e), Json::Object(_)) = (validate(&json), &json) {
            prop_assert!(!e.field.is_empty(), "an object's rejection must name a field: {e}");
        }
    }

    /// Seed props with one place replaced by anything (or removed): accepted, or refused naming
    /// exactly that place (or a field inside it).
    #[test]
    fn a_bad_value_is_named_where_it_is(place in arb_place(), value in prop::option::of(arb_json())) {
        let (path, name) = place;
        let mut json = seed_json();
        set_path(&mut json, &path, value);
        if let Err(e) = validate(&json) {
            let inside = e.field == name
                || e.field.starts_with(&format!("{name}."))
                || e.field.starts_with(&format!("{name}["));
            prop_assert!(inside, "mutated {name}, but the error names {:?}: {e}", e.field);
        }
    }

    /// Arbitrary bytes spliced into the seed's JSON text: parse errors or values, never a panic.
    #[test]
    fn mangled_json_text_never_panics(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 0..12)), 1..6)
    ) {
        let mut bytes = serde_json::to_vec(&serde_json_value(&seed_json())).unwrap_or_default();
        for (at, insert) in cuts {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, insert);
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(json) = serde_json::from_str::<Json>(&text) {
            let _ = content_from_json(Ok(json));
        }
    }

    /// Arbitrary bytes as the whole props text.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(json) = serde_json::from_slice::<Json>(&bytes) {
            let _ = content_from_json(Ok(json));
        }
    }
}

/// `Json` back to a `serde_json::Value`, to write the seed out as text.
fn serde_json_value(json: &Json) -> serde_json::Value {
    use serde_json::Value;
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(serde_json_value).collect()),
        Json::Object(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), serde_json_value(v))).collect())
        }
    }
}
