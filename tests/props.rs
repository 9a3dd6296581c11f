//! Props parsing and validation over good and bad inputs (native).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_widget::model::props::MAX_REACTIONS;
use article_widget::model::{Block, Locale, Problem, ReactionMode, TextSize};
use article_widget::{WidgetContent, content_from_json};
use common::{json, problem, seed_json, seed_with, validate};

#[test]
fn the_seed_article_validates_completely() {
    let (props, warnings) = validate(&seed_json());
    let p = props.unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(p.title, "尹, 저커버그 만난다…AI 등 미래산업 협력 모색");
    assert_eq!(p.published_at.display(Locale::Ko), "2024-02-28 16:04");
    assert_eq!(p.body.len(), 6);
    assert_eq!(p.related.len(), 8);
    let keys: Vec<_> = p.reactions.iter().map(|r| (r.key.as_str(), r.label.as_str())).collect();
    assert_eq!(
        keys,
        [("like", "좋아요"), ("angry", "화나요"), ("sad", "슬퍼요"), ("followUp", "추가취재 원해요")]
    );
    let image = p.image.unwrap();
    assert_eq!(image.credit.as_deref(), Some("연합뉴스"));
    assert_eq!((image.width, image.height), (Some(1200), Some(800)));
}

#[test]
fn minimal_props_get_the_documented_defaults() {
    let p = validate(&json(r#"{"id":"a","title":"T","publishedAt":"2024-01-01T00:00:00Z","body":["x"]}"#))
        .0
        .unwrap();
    assert_eq!(p.locale, Locale::Ko);
    assert_eq!(p.reaction_mode, ReactionMode::Single);
    assert_eq!(p.text_size, TextSize::Default);
    assert_eq!(p.reactions.len(), 4);
    assert!(p.reactions.iter().all(|r| r.count == 0));
    assert_eq!(p.reactions[3].label, "추가취재 원해요");
    assert!(p.image.is_none() && p.updated_at.is_none() && p.related.is_empty());
    assert!(p.section.is_none() && p.subtitle.is_none() && p.byline.is_none());
}

#[test]
fn english_locale_labels_the_default_reactions_in_english() {
    let p = validate(&seed_with("locale", Some(json(r#""en""#)))).0.unwrap();
    assert_eq!(p.locale, Locale::En);
    let labels: Vec<_> = p.reactions.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Like", "Angry", "Sad", "Want follow-up"]);
    assert_eq!(validate(&seed_with("locale", Some(json(r#""en-US""#)))).0.unwrap().locale, Locale::En);
}

#[test]
fn every_optional_field_is_read() {
    let p = validate(&json(
        r#"{"id":"a","title":"T","publishedAt":"2024-01-01T09:00:00+09:00",
            "updatedAt":"2024-01-02T10:30:00+09:00","locale":"en","section":"Politics",
            "subtitle":"Sub","byline":"By A","reactionMode":"multiple","textSize":"largest",
            "reactionEndpoint":"/api/reactions","unknownField":{"ignored":true},
            "image":{"src":"https://x/a.jpg","alt":"Alt","caption":"Cap","credit":"Cred","width":640.4,"height":480},
            "body":["p",{"type":"heading","text":"h"},{"type":"quote","text":"q"},{"text":"p2"}],
            "reactions":[{"key":"like","count":3},{"key":"wow","label":"Wow","count":1.9}],
            "related":[{"title":"R","url":"/r"}]}"#,
    ))
    .0
    .unwrap();
    assert_eq!(p.updated_at.unwrap().display(Locale::En), "Jan 2, 2024, 10:30 UTC+9");
    assert_eq!(
        (p.section.as_deref(), p.subtitle.as_deref(), p.byline.as_deref()),
        (Some("Politics"), Some("Sub"), Some("By A"))
    );
    assert_eq!(p.reaction_mode, ReactionMode::Multiple);
    assert_eq!(p.text_size, TextSize::Largest);
    assert_eq!(p.reaction_endpoint.as_deref(), Some("/api/reactions"));
    assert_eq!(
        p.body,
        [
            Block::Paragraph("p".into()),
            Block::Heading("h".into()),
            Block::Quote("q".into()),
            Block::Paragraph("p2".into())
        ]
    );
    assert_eq!(p.reactions[0].label, "Like");
    assert_eq!((p.reactions[1].label.as_str(), p.reactions[1].count), ("Wow", 1));
    let image = p.image.unwrap();
    assert_eq!((image.width, image.height), (Some(640), Some(480)));
    assert_eq!(p.related[0].url.as_deref(), Some("/r"));
}

#[test]
fn null_optional_fields_read_as_absent() {
    let p = validate(&json(
        r#"{"id":"a","title":"T","publishedAt":"2024-01-01T00:00:00Z","body":["x"],
            "updatedAt":null,"image":null,"section":null,"reactions":null,"related":null,"locale":null}"#,
    ))
    .0
    .unwrap();
    assert!(p.updated_at.is_none() && p.image.is_none() && p.section.is_none());
    assert_eq!(p.reactions.len(), 4);
}

#[test]
fn a_missing_required_field_is_named() {
    for field in ["id", "title", "publishedAt", "body"] {
        assert_eq!(problem(&seed_with(field, None)), (field.to_owned(), Problem::Missing), "{field}");
    }
}

#[test]
fn a_required_field_of_the_wrong_type_is_named_with_what_was_expected() {
    let cases = [
        ("id", "42", "a string", "a number"),
        ("title", "[]", "a string", "an array"),
        ("publishedAt", "true", "a string", "a boolean"),
        ("body", r#""text""#, "an array", "a string"),
    ];
    for (field, value, expected, found) in cases {
        assert_eq!(
            problem(&seed_with(field, Some(json(value)))),
            (field.to_owned(), Problem::WrongType { expected, found }),
            "{field}"
        );
    }
    assert_eq!(
        problem(&json("[1,2]")),
        ("props".to_string(), Problem::WrongType { expected: "an object", found: "an array" })
    );
}

/// The contract's bad props are a required field missing or of the wrong type, or an empty
/// body; an unusable optional field is left out, named in a console warning.
#[test]
fn an_unusable_optional_field_is_left_out_with_a_warning_naming_it() {
    let cases = [
        ("image", "1", "`image` must be an object"),
        ("reactions", "{}", "`reactions` must be an array"),
        ("related", r#""x""#, "`related` must be an array"),
        ("section", "1", "`section` must be a string"),
        ("updatedAt", r#""yesterday""#, "`updatedAt` is invalid"),
        ("locale", r#""fr""#, "`locale` is invalid"),
        ("reactionMode", r#""many""#, "`reactionMode` is invalid"),
        ("textSize", r#""huge""#, "`textSize` is invalid"),
        ("reactionEndpoint", "7", "`reactionEndpoint` must be a string"),
    ];
    for (field, value, warning) in cases {
        let (props, warnings) = validate(&seed_with(field, Some(json(value))));
        let p = props.unwrap_or_else(|e| panic!("{field}: refused: {e}"));
        assert!(warnings.iter().any(|w| w.starts_with(warning)), "{field}: {warnings:?}");
        assert_eq!(p.locale, Locale::Ko);
        assert_eq!(p.reaction_mode, ReactionMode::Single);
        assert_eq!(p.text_size, TextSize::Default);
    }
    let (p, _) = validate(&seed_with("reactions", Some(json("{}"))));
    assert_eq!(p.unwrap().reactions.len(), 4, "unusable reactions: the defaults");
}

#[test]
fn a_bad_entry_in_a_list_is_left_out_naming_its_path() {
    let cases = [
        ("body", r#"["ok", 3]"#, "body[1]"),
        ("body", r#"["ok", {"type":"quote"}]"#, "body[1].text"),
        ("reactions", r#"[{"key":"like"}]"#, "reactions[0].count"),
        ("reactions", r#"[{"key":"like","count":"3"}]"#, "reactions[0].count"),
        ("reactions", r#"[{"key":"like","count":1},{"key":"like","count":2}]"#, "reactions[1].key"),
        ("reactions", r#"[{"count":1}]"#, "reactions[0].key"),
        ("related", r#"[{"url":"/x"}]"#, "related[0].title"),
        ("related", r#"[null]"#, "related[0]"),
        ("image", r#"{"src":"/a.jpg","width":"800"}"#, "image.width"),
        ("image", r#"{"alt":"x"}"#, "image.src"),
    ];
    for (field, value, path) in cases {
        let (props, warnings) = validate(&seed_with(field, Some(json(value))));
        assert!(props.is_ok(), "{value}");
        assert!(warnings.iter().any(|w| w.contains(&format!("`{path}`"))), "{value}: {warnings:?}");
    }
    let p = validate(&seed_with(
        "reactions",
        Some(json(r#"[{"key":"like","count":1},{"key":"like","count":2}]"#)),
    ))
    .0
    .unwrap();
    assert_eq!(p.reactions.len(), 1, "the repeated key is left out");
}

#[test]
fn empty_and_invalid_required_values_are_refused() {
    assert_eq!(problem(&seed_with("body", Some(json("[]")))), ("body".into(), Problem::Empty));
    assert_eq!(problem(&seed_with("body", Some(json("[3, null]")))), ("body".into(), Problem::Empty));
    assert_eq!(problem(&seed_with("title", Some(json(r#""   ""#)))), ("title".into(), Problem::Empty));
    assert_eq!(
        problem(&seed_with("body", Some(json(r#"["  ", {"text": ""}]"#)))),
        ("body".into(), Problem::Empty)
    );
    for (field, value) in [("publishedAt", r#""2024-02-28""#), ("kind", r#""poll""#)] {
        let (got, p) = problem(&seed_with(field, Some(json(value))));
        assert_eq!(got, field);
        assert!(matches!(p, Problem::Invalid { .. }), "{field}: {p:?}");
    }
}

#[test]
fn unsafe_urls_are_dropped_with_a_warning_and_the_rest_still_renders() {
    let j = json(
        r#"{"id":"a","title":"T","publishedAt":"2024-01-01T00:00:00Z","body":["x"],
            "image":{"src":"javascript:alert(1)","caption":"still here"},
            "related":[{"title":"bad","url":"data:text/html,x"},{"title":"good","url":"https://x/"}],
            "reactionEndpoint":"vbscript:x"}"#,
    );
    let (p, warnings) = validate(&j);
    let p = p.unwrap();
    let image = p.image.unwrap();
    assert_eq!(image.src, None);
    assert_eq!(image.caption.as_deref(), Some("still here"));
    assert_eq!(p.related[0].url, None);
    assert_eq!(p.related[1].url.as_deref(), Some("https://x/"));
    assert_eq!(p.reaction_endpoint, None);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("image.src")), "{warnings:?}");
}

#[test]
fn odd_counts_are_handled_sensibly() {
    let p = validate(&seed_with(
        "reactions",
        Some(json(
            r#"[{"key":"like","count":-5},{"key":"sad","count":2147483648},{"key":"angry","count":1e300}]"#,
        )),
    ));
    let (p, warnings) = (p.0.unwrap(), p.1);
    let counts: Vec<u64> = p.reactions.iter().map(|r| r.count).collect();
    assert_eq!(counts, [0, 2_147_483_648, (1 << 53) - 1]);
    assert_eq!(warnings.len(), 2);
    let none = validate(&seed_with("reactions", Some(json("[]")))).0.unwrap();
    assert!(none.reactions.is_empty(), "an empty list means no buttons, not the defaults");
}

#[test]
fn error_messages_name_the_field_in_both_languages() {
    let err = validate(&seed_with("title", None)).0.unwrap_err();
    assert_eq!(err.to_string(), "required field `title` is missing");
    assert_eq!(err.message(Locale::Ko), "필수 항목 `title`이(가) 없습니다.");
    assert_eq!(err.message(Locale::En), "required field `title` is missing");
}

/// Defect 9: repeated keys were found by comparing each key with every one before it, so 40,000
/// reactions (1.6 MB of props) blocked the main thread for 10 s. Now at most 50 are read, with
/// one warning, and keys are checked against a set.
#[test]
fn quadratic_checks_40k_reactions_validate_fast() {
    let reactions = (0..40_000).map(|i| format!(r#"{{"key":"k{i}","count":{i}}}"#)).collect::<Vec<_>>();
    let props = seed_with("reactions", Some(json(&format!("[{}]", reactions.join(",")))));
    let started = std::time::Instant::now();
    let (p, warnings) = validate(&props);
    let elapsed = started.elapsed();
    let p = p.unwrap();
    assert!(elapsed.as_millis() < 250, "{elapsed:?}");
    assert_eq!(p.reactions.len(), MAX_REACTIONS);
    assert_eq!(p.reactions.last().map(|r| (r.key.as_str(), r.count)), Some(("k49", 49)));
    assert_eq!(warnings, ["`reactions` has 40000 entries; only the first 50 are read, the rest left out"]);
}

/// The same text for a locale of an article and of each box: one reader behind both.
#[test]
fn boxes_read_locale_as_articles_do() {
    for (kind, extra) in [
        ("topNews", ""),
        ("risingStocks", r#","asOf":"2024-07-03T09:35:00+09:00""#),
        ("crypto", r#","asOf":"2024-07-03T09:35:00+09:00""#),
    ] {
        for (locale, expected, warning) in [
            (r#""en-US""#, Locale::En, None),
            (r#""fr""#, Locale::Ko, Some("`locale` is invalid: expected \"ko\" or \"en\"; ignored")),
            ("3", Locale::Ko, Some("`locale` must be a string, found a number; ignored")),
        ] {
            let props = json(&format!(r#"{{"kind":"{kind}","locale":{locale},"items":[]{extra}}}"#));
            let (content, warnings) = content_from_json(Ok(props));
            let got = match content {
                WidgetContent::TopNews(t) => t.locale,
                WidgetContent::Quotes(q) => q.locale,
                other => panic!("{kind}: {other:?}"),
            };
            assert_eq!(got, expected, "{kind} {locale}");
            assert_eq!(warnings, warning.into_iter().collect::<Vec<_>>(), "{kind} {locale}");
        }
    }
    let (_, warnings) = validate(&seed_with("locale", Some(json(r#""fr""#))));
    assert_eq!(warnings, ["`locale` is invalid: expected \"ko\" or \"en\"; ignored"]);
}

#[test]
fn a_crypto_box_in_another_currency_is_refused_naming_currency() {
    let props = json(r#"{"kind":"crypto","currency":"USD","asOf":"2024-07-03T09:35:00+09:00","items":[]}"#);
    match content_from_json(Ok(props)).0 {
        WidgetContent::Invalid { error, .. } => {
            assert_eq!(
                (error.field.as_str(), error.to_string().as_str()),
                ("currency", "`currency` is invalid: expected \"KRW\"")
            )
        }
        other => panic!("{other:?}"),
    }
}
