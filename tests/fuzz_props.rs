//! Property tests: the props validator never panics on outside data, and refuses props only where
//! the contract says it may (a required field missing or of the wrong type, an empty body, an
//! unknown `kind` or `currency`), naming that field; any other unusable field is left out with a
//! warning naming it.
//!
//! Each property runs `PROPTEST_CASES` cases: 1,024 by default, the slice `cargo test` (and so
//! `scripts/test`) runs; `scripts/fuzz` runs 250,000 of each in release mode, four properties
//! making a million.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use article_widget::model::format::{format_change, format_price, group_thousands};
use article_widget::model::{Json, Locale, PropsError, QuoteKind};
use article_widget::{WidgetContent, content_from_json};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};

/// Cases per property: `PROPTEST_CASES`, else the 1,024 of the everyday slice.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1024);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// Arbitrary JSON: what a hostile or broken host may send in any place.

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
    "items",
    "asOf",
    "currency",
    "name",
    "code",
    "symbol",
    "price",
    "changePct",
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
    "risingStocks",
    "crypto",
    "KRW",
    "USD",
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

// ---------------------------------------------------------------------------------------------
// Structurally valid props: the article and each of the three boxes (contract sections 2 and 6),
// every optional field present most of the time, so that every field of every kind is a place a
// mutation can land.

/// Text that is more than white space.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["尹, 저커버그 만난다", "Title", "<b>not markup</b>", "🙂 x", "a"])
            .prop_map(str::to_owned),
        any::<String>().prop_map(|s| format!("{s}가")),
    ]
}

fn timestamp() -> impl Strategy<Value = String> {
    let offset = prop_oneof![
        Just("Z".to_owned()),
        (prop::bool::ANY, 0u32..24, 0u32..60)
            .prop_map(|(east, h, m)| { format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }) }),
    ];
    let seconds = prop::option::of((0u32..61, prop::option::of(1u32..1000)));
    (1970u32..2100, 1u32..13, 1u32..29, 0u32..24, 0u32..60, seconds, offset).prop_map(
        |(y, mo, d, h, mi, s, offset)| {
            let s = match s {
                None => String::new(),
                Some((s, None)) => format!(":{s:02}"),
                Some((s, Some(frac))) => format!(":{s:02}.{frac}"),
            };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}{s}{offset}")
        },
    )
}

/// URLs the widget keeps: http, https or relative.
fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "https://example.com/a.jpg",
            "/news/1",
            "http://x.test/?q=a:b",
            "a.html",
            "//cdn.example/x",
            "#top"
        ])
        .prop_map(str::to_owned),
        prop::collection::vec(prop::char::range('a', 'z'), 0..6)
            .prop_map(|s| format!("/{}", String::from_iter(s))),
    ]
}

fn locale() -> impl Strategy<Value = Json> {
    prop::sample::select(vec!["ko", "en", "en-US", "ko_KR"]).prop_map(string)
}

/// A non-negative finite number that `count` takes without a warning.
fn count() -> impl Strategy<Value = Json> {
    prop_oneof![(0u64..1_000_000_000).prop_map(|n| n as f64), 0.0f64..9.0e15].prop_map(Json::Number)
}

/// Any finite number: prices and changes may be negative or huge.
fn finite() -> impl Strategy<Value = Json> {
    prop_oneof![-1.0e6f64..1.0e6, any::<f64>().prop_filter("finite", |n| n.is_finite())]
        .prop_map(Json::Number)
}

fn string(s: &str) -> Json {
    Json::String(s.to_owned())
}

/// An object of the fields that are present.
fn object(fields: Vec<(&str, Option<Json>)>) -> Json {
    Json::Object(fields.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v?))).collect())
}

/// An optional field, present four times in five.
fn opt<S: Strategy>(s: S) -> impl Strategy<Value = Option<S::Value>> {
    prop::option::weighted(0.8, s)
}

fn link() -> impl Strategy<Value = Json> {
    (text(), opt(url())).prop_map(|(title, url)| {
        object(vec![("title", Some(Json::String(title))), ("url", url.map(Json::String))])
    })
}

fn image() -> impl Strategy<Value = Json> {
    let dimension = prop_oneof![(1u32..5000).prop_map(f64::from), 1.0f64..1.0e9].prop_map(Json::Number);
    (url(), opt(text()), opt(text()), opt(text()), opt(dimension.clone()), opt(dimension)).prop_map(
        |(src, alt, caption, credit, width, height)| {
            object(vec![
                ("src", Some(Json::String(src))),
                ("alt", alt.map(Json::String)),
                ("caption", caption.map(Json::String)),
                ("credit", credit.map(Json::String)),
                ("width", width),
                ("height", height),
            ])
        },
    )
}

fn block() -> impl Strategy<Value = Json> {
    prop_oneof![
        text().prop_map(Json::String),
        (text(), opt(prop::sample::select(vec!["paragraph", "heading", "quote"]))).prop_map(
            |(text, kind)| { object(vec![("type", kind.map(string)), ("text", Some(Json::String(text)))]) }
        ),
    ]
}

fn reactions() -> impl Strategy<Value = Json> {
    let keys = Just(vec!["like", "angry", "sad", "followUp", "wow", "hmm"]).prop_shuffle();
    (keys, prop::collection::vec((opt(text()), count()), 0..7)).prop_map(|(keys, entries)| {
        Json::Array(
            keys.into_iter()
                .zip(entries)
                .map(|(key, (label, count))| {
                    object(vec![
                        ("key", Some(string(key))),
                        ("label", label.map(Json::String)),
                        ("count", Some(count)),
                    ])
                })
                .collect(),
        )
    })
}

fn article() -> impl Strategy<Value = Json> {
    let head = (
        text(),
        text(),
        timestamp(),
        opt(timestamp()),
        opt(locale()),
        opt(text()),
        opt(text()),
        opt(text()),
        opt(Just(string("article"))),
    );
    let rest = (
        opt(image()),
        prop::collection::vec(block(), 1..6),
        opt(reactions()),
        opt(prop::sample::select(vec!["single", "multiple"])),
        opt(url()),
        opt(prop::sample::select(vec!["smallest", "small", "default", "large", "largest"])),
        opt(prop::collection::vec(link(), 0..6)),
    );
    (head, rest).prop_map(
        |(
            (id, title, published, updated, locale, section, subtitle, byline, kind),
            (image, body, reactions, mode, endpoint, size, related),
        )| {
            object(vec![
                ("kind", kind),
                ("id", Some(Json::String(id))),
                ("title", Some(Json::String(title))),
                ("publishedAt", Some(Json::String(published))),
                ("updatedAt", updated.map(Json::String)),
                ("locale", locale),
                ("section", section.map(Json::String)),
                ("subtitle", subtitle.map(Json::String)),
                ("byline", byline.map(Json::String)),
                ("image", image),
                ("body", Some(Json::Array(body))),
                ("reactions", reactions),
                ("reactionMode", mode.map(string)),
                ("reactionEndpoint", endpoint.map(Json::String)),
                ("textSize", size.map(string)),
                ("related", related.map(Json::Array)),
            ])
        },
    )
}

fn top_news() -> impl Strategy<Value = Json> {
    (opt(text()), opt(locale()), prop::collection::vec(link(), 0..6)).prop_map(|(title, locale, items)| {
        object(vec![
            ("kind", Some(string("topNews"))),
            ("title", title.map(Json::String)),
            ("locale", locale),
            ("items", Some(Json::Array(items))),
        ])
    })
}

/// `risingStocks` (rows with a `code`) or `crypto` (rows with a `symbol`, and a `currency`).
fn quotes(kind: &'static str) -> impl Strategy<Value = Json> {
    let code = if kind == "crypto" { "symbol" } else { "code" };
    let row = (text(), opt(text()), finite(), finite()).prop_map(move |(name, code_value, price, change)| {
        object(vec![
            ("name", Some(Json::String(name))),
            (code, code_value.map(Json::String)),
            ("price", Some(price)),
            ("changePct", Some(change)),
        ])
    });
    let currency = if kind == "crypto" { opt(Just(string("KRW"))).boxed() } else { Just(None).boxed() };
    (opt(text()), opt(locale()), timestamp(), currency, prop::collection::vec(row, 0..6)).prop_map(
        move |(title, locale, as_of, currency, items)| {
            object(vec![
                ("kind", Some(string(kind))),
                ("title", title.map(Json::String)),
                ("locale", locale),
                ("asOf", Some(Json::String(as_of))),
                ("currency", currency),
                ("items", Some(Json::Array(items))),
            ])
        },
    )
}

/// Valid props of any kind.
fn valid_props() -> impl Strategy<Value = Json> {
    prop_oneof![article(), top_news(), quotes("risingStocks"), quotes("crypto")]
}

// ---------------------------------------------------------------------------------------------
// Paths into props, and what the contract lets a refusal name.

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `image.src`, `body[2].text`: how validation names a place.
fn path_name(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => out.push_str(&format!(".{k}")),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Every place in `json` (every value but the root), in document order.
fn places(json: &Json, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    let children: Vec<(Step, &Json)> = match json {
        Json::Object(entries) => entries.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
        Json::Array(items) => items.iter().enumerate().map(|(i, v)| (Step::Index(i), v)).collect(),
        _ => return,
    };
    for (step, child) in children {
        prefix.push(step);
        out.push(prefix.clone());
        places(child, prefix, out);
        prefix.pop();
    }
}

fn all_places(json: &Json) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    places(json, &mut Vec::new(), &mut out);
    out
}

fn get<'a>(json: &'a Json, path: &[Step]) -> Option<&'a Json> {
    path.iter().try_fold(json, |node, step| match (node, step) {
        (Json::Object(entries), Step::Key(k)) => {
            entries.iter().rev().find(|(name, _)| name == k).map(|(_, v)| v)
        }
        (Json::Array(items), Step::Index(i)) => items.get(*i),
        _ => None,
    })
}

/// Replaces the value at `path`, or removes it (an array entry too) with `None`.
fn set(json: &mut Json, path: &[Step], value: Option<Json>) {
    let Some((last, parent)) = path.split_last() else { return };
    let parent = parent.iter().try_fold(json, |node, step| match (node, step) {
        (Json::Object(entries), Step::Key(k)) => {
            entries.iter_mut().rev().find(|(name, _)| name == k).map(|(_, v)| v)
        }
        (Json::Array(items), Step::Index(i)) => items.get_mut(*i),
        _ => None,
    });
    match (parent, last, value) {
        (Some(Json::Object(entries)), Step::Key(k), value) => {
            let at = entries.iter().position(|(name, _)| name == k);
            match (at, value) {
                (Some(at), Some(v)) => entries[at].1 = v,
                (Some(at), None) => drop(entries.remove(at)),
                (None, _) => {}
            }
        }
        (Some(Json::Array(items)), Step::Index(i), Some(v)) if *i < items.len() => items[*i] = v,
        (Some(Json::Array(items)), Step::Index(i), None) if *i < items.len() => drop(items.remove(*i)),
        _ => {}
    }
}

/// The widget props describe, as `content_from_json` picks it.
fn kind_of(json: &Json) -> Option<&str> {
    match json.get("kind") {
        None | Some(Json::Null) => Some("article"),
        Some(Json::String(k)) if ["topNews", "risingStocks", "crypto"].contains(&k.as_str()) => Some(k),
        Some(Json::String(_)) => Some("article"),
        Some(_) => None,
    }
}

/// The fields whose problems may refuse a widget of this kind (contract sections 2 and 6).
fn refusable(kind: Option<&str>) -> &'static [&'static str] {
    match kind {
        Some("topNews") => &["kind", "items"],
        Some("risingStocks") => &["kind", "items", "asOf"],
        Some("crypto") => &["kind", "items", "asOf", "currency"],
        Some(_) => &["kind", "id", "title", "publishedAt", "body"],
        None => &["kind"],
    }
}

/// `field` is `path` or a place that holds it (`image` holds `image.src`).
fn holds(field: &str, path: &str) -> bool {
    path == field || path.starts_with(&format!("{field}.")) || path.starts_with(&format!("{field}["))
}

fn validate(json: &Json) -> (WidgetContent, Vec<String>) {
    content_from_json(Ok(json.clone()))
}

/// What the views compute from accepted props, so a value that validates yet breaks a formatter
/// is found here too.
fn format_everything(content: &WidgetContent) {
    for locale in [Locale::Ko, Locale::En] {
        match content {
            WidgetContent::Article(a) => {
                let _ = a.published_at.display(locale);
                let _ = a.updated_at.as_ref().map(|t| t.display(locale));
                for r in &a.reactions {
                    let _ = group_thousands(r.count);
                }
            }
            WidgetContent::Quotes(q) => {
                let _ = q.as_of.display_as_of(locale);
                for row in &q.items {
                    let _ = (format_price(row.price), format_change(row.change_pct));
                }
            }
            WidgetContent::Invalid { error, .. } => {
                let _ = error.message(locale);
            }
            WidgetContent::TopNews(_) | WidgetContent::Idle => {}
        }
    }
}

fn refusal(content: &WidgetContent) -> Option<&PropsError> {
    match content {
        WidgetContent::Invalid { error, .. } => Some(error),
        _ => None,
    }
}

/// Valid props, one place in them chosen uniformly among all places, and what replaces it
/// (`None`: the place is removed).
fn mutated_props() -> impl Strategy<Value = (Json, Vec<Step>, Option<Json>)> {
    (valid_props(), any::<prop::sample::Index>(), prop::option::weighted(0.9, arb_json())).prop_map(
        |(json, at, value)| {
            let places = all_places(&json);
            let path = places[at.index(places.len())].clone();
            (json, path, value)
        },
    )
}

/// Up to five places in a text, each with up to eleven bytes to insert there.
fn cuts() -> impl Strategy<Value = Vec<(prop::sample::Index, Vec<u8>)>> {
    prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 0..12)), 1..6)
}

/// The mutation property's check: `original` with the value at `path` replaced by `value` (or
/// removed) is refused only naming a field the contract lets refuse, holding `path` (a `kind`
/// that changes the widget may name the new kind's required fields); an accepted value of a
/// type the place does not take is named in a warning.
fn check_one_bad_place(original: &Json, path: &[Step], value: Option<Json>) -> Result<(), TestCaseError> {
    let mut json = original.clone();
    set(&mut json, path, value.clone());
    let name = path_name(path);
    let (content, warnings) = validate(&json);
    format_everything(&content);
    if let Some(e) = refusal(&content) {
        let allowed = refusable(kind_of(&json));
        let placed = name == "kind" || holds(&e.field, &name);
        prop_assert!(
            allowed.contains(&e.field.as_str()) && placed,
            "changed `{name}` to {value:?}; refused naming `{}` ({e}); may name only {allowed:?} holding it",
            e.field
        );
    } else if let (Some(old), Some(new)) = (get(original, path), &value) {
        // A value of a type this place never takes must not pass silently.
        let block = path.len() == 2 && path[0] == Step::Key("body".into());
        let fits = std::mem::discriminant(old) == std::mem::discriminant(new)
            || matches!(new, Json::Null)
            || (block && matches!(new, Json::String(_) | Json::Object(_)));
        if !fits {
            let named = warnings
                .iter()
                .any(|w| (1..=path.len()).any(|n| w.contains(&format!("`{}`", path_name(&path[..n])))));
            prop_assert!(
                named,
                "changed `{name}` to {new:?}: accepted with no warning naming it: {warnings:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Any value at all: no panic; a refused object names a field. 1,024 cases; 250,000 fuzzing.
    #[test]
    fn arbitrary_values_never_panic(json in arb_json()) {
        let (content, _warnings) = validate(&json);
        format_everything(&content);
        if let (Some(e), Json::Object(_)) = (refusal(&content), &json) {
            prop_assert!(!e.field.is_empty(), "an object's rejection must name a field: {e}");
        }
    }

    /// Generated valid props (article or box, every optional field present four times in five)
    /// validate as their kind, without a warning. 1,024 cases; 250,000 fuzzing.
    #[test]
    fn valid_props_of_every_kind_validate_cleanly(json in valid_props()) {
        let (content, warnings) = validate(&json);
        format_everything(&content);
        prop_assert!(warnings.is_empty(), "{warnings:?}");
        let kind = kind_of(&json);
        let ok = match &content {
            WidgetContent::Article(_) => kind == Some("article"),
            WidgetContent::TopNews(_) => kind == Some("topNews"),
            WidgetContent::Quotes(q) => kind == Some(match q.kind {
                QuoteKind::RisingStocks => "risingStocks",
                QuoteKind::Crypto => "crypto",
            }),
            _ => false,
        };
        prop_assert!(ok, "{kind:?} props read as {content:?}");
    }

    /// Valid props with one place, chosen uniformly among all of them (every field of every
    /// kind, every list entry, every entry's field), replaced by any value or removed: no
    /// panic; a refusal names a field the contract lets refuse, holding that place (a `kind`
    /// that changes the widget may name the new kind's required fields); an accepted value of a
    /// type the place does not take is named in a warning. 1,024 cases; 250,000 fuzzing.
    #[test]
    fn one_bad_place_is_refused_only_when_required_and_named_there(
        (original, path, value) in mutated_props()
    ) {
        check_one_bad_place(&original, &path, value)?;
    }

    /// Arbitrary bytes spliced into the text of valid props: parse errors or values, never a
    /// panic. 1,024 cases; 250,000 fuzzing.
    #[test]
    fn mangled_json_text_never_panics(json in valid_props(), cuts in cuts()) {
        let mut bytes = serde_json::to_vec(&serde_json_value(&json)).unwrap_or_default();
        for (at, insert) in cuts {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, insert);
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(json) = serde_json::from_str::<Json>(&text) {
            let (content, _) = validate(&json);
            format_everything(&content);
        }
    }
}

/// The generators reach every field of every kind: the mutation property can land anywhere.
#[test]
fn the_generators_reach_every_field() {
    let mut runner = TestRunner::deterministic();
    let strategy = valid_props();
    let mut seen = BTreeSet::new();
    for _ in 0..2000 {
        let json = strategy.new_tree(&mut runner).unwrap().current();
        let kind = kind_of(&json).unwrap_or("?").to_owned();
        for path in all_places(&json) {
            let general: Vec<Step> = path
                .iter()
                .map(|s| if let Step::Index(_) = s { Step::Index(0) } else { s.clone() })
                .collect();
            seen.insert(format!("{kind}:{}", path_name(&general).replace("[0]", "[]")));
        }
    }
    let expected = [
        "article:kind",
        "article:id",
        "article:title",
        "article:publishedAt",
        "article:updatedAt",
        "article:locale",
        "article:section",
        "article:subtitle",
        "article:byline",
        "article:image",
        "article:image.src",
        "article:image.alt",
        "article:image.caption",
        "article:image.credit",
        "article:image.width",
        "article:image.height",
        "article:body",
        "article:body[]",
        "article:body[].type",
        "article:body[].text",
        "article:reactions",
        "article:reactions[]",
        "article:reactions[].key",
        "article:reactions[].label",
        "article:reactions[].count",
        "article:reactionMode",
        "article:reactionEndpoint",
        "article:textSize",
        "article:related",
        "article:related[]",
        "article:related[].title",
        "article:related[].url",
        "topNews:kind",
        "topNews:title",
        "topNews:locale",
        "topNews:items",
        "topNews:items[]",
        "topNews:items[].title",
        "topNews:items[].url",
        "risingStocks:kind",
        "risingStocks:title",
        "risingStocks:locale",
        "risingStocks:asOf",
        "risingStocks:items",
        "risingStocks:items[]",
        "risingStocks:items[].name",
        "risingStocks:items[].code",
        "risingStocks:items[].price",
        "risingStocks:items[].changePct",
        "crypto:kind",
        "crypto:title",
        "crypto:locale",
        "crypto:asOf",
        "crypto:currency",
        "crypto:items",
        "crypto:items[]",
        "crypto:items[].name",
        "crypto:items[].symbol",
        "crypto:items[].price",
        "crypto:items[].changePct",
    ];
    let missing: Vec<_> = expected.iter().filter(|p| !seen.contains(**p)).collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
}

/// `Json` back to a `serde_json::Value`, to write props out as text.
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
