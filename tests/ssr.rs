//! Server-side rendering tests: the markup and roles the widget produces, rendered natively.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_widget::model::{Json, Problem};
use article_widget::{Widget, WidgetProps, content_from_json};
use common::{json, seed_json, seed_with};
use yew::LocalServerRenderer;

async fn render(props: Result<Json, Problem>) -> String {
    let (content, _) = content_from_json(props);
    LocalServerRenderer::<Widget>::with_props(WidgetProps { content, host: None, stale: false, island: None })
        .hydratable(false)
        .render()
        .await
}

/// The text of every match of `<tag ...>text</tag>` (no nesting), for short assertions.
fn texts(html: &str, open: &str, close: &str) -> Vec<String> {
    html.split(open)
        .skip(1)
        .filter_map(|s| s.find('>').map(|i| &s[i + 1..]))
        .filter_map(|s| s.find(close).map(|i| s[..i].to_owned()))
        .collect()
}

#[tokio::test]
async fn the_seed_article_renders_as_an_article_with_heading_and_times() {
    let html = render(Ok(seed_json())).await;
    assert!(
        html.starts_with(
            r#"<div lang="ko" class="aw-widget aw-widget--text-default"><article class="aw-article">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<h1 class="aw-article__title">尹, 저커버그 만난다…AI 등 미래산업 협력 모색</h1>"#)
    );
    assert!(
        html.contains(r#"입력 <time datetime="2024-02-28T16:04:00+09:00" class="aw-article__time-value">2024-02-28 16:04</time>"#),
        "{html}"
    );
    assert!(!html.contains("수정"), "no updatedAt, no 수정 line");
    assert!(html.contains(r#"<p class="aw-article__section">정치</p>"#));
}

#[tokio::test]
async fn the_photo_is_a_figure_with_alt_reserved_size_and_caption() {
    let html = render(Ok(seed_json())).await;
    assert!(html.contains(
        r#"<img src="assets/seed-photo.svg" alt="윤석열 대통령이 연단에서 격려사를 하는 모습" width="1200" height="800" decoding="async" class="aw-figure__image">"#
    ), "{html}");
    assert!(html.contains(
        r#"<figcaption class="aw-figure__caption"><span class="aw-figure__caption-text">윤석열 대통령이 16일"#
    ));
    assert!(html.contains(r#"<span class="aw-figure__credit">(연합뉴스)</span></figcaption>"#));
}

#[tokio::test]
async fn the_text_size_control_is_a_named_radiogroup_with_one_checked_radio() {
    let html = render(Ok(seed_json())).await;
    assert!(html.contains(r#"<div role="radiogroup" aria-label="글자 크기" class="aw-text-size">"#));
    let radios = texts(&html, r#"role="radio""#, "</button>");
    assert_eq!(radios, ["가장작게", "작게", "기본", "크게", "가장크게"]);
    assert_eq!(html.matches(r#"aria-checked="true""#).count(), 1);
    assert_eq!(html.matches(r#"tabindex="0""#).count(), 1, "roving tabindex: one stop");
    assert!(html.contains(r#"role="radio" aria-checked="true" tabindex="0" class="aw-text-size__option aw-text-size__option--default aw-text-size__option--checked">기본<"#), "{html}");
}

#[tokio::test]
async fn the_props_text_size_is_the_initial_step() {
    let html = render(Ok(seed_with("textSize", Some(json(r#""large""#))))).await;
    assert!(html.starts_with(r#"<div lang="ko" class="aw-widget aw-widget--text-large""#));
    assert!(html.contains(r#"aria-checked="true" tabindex="0" class="aw-text-size__option aw-text-size__option--large aw-text-size__option--checked">크게<"#));
}

#[tokio::test]
async fn reactions_are_toggle_buttons_named_by_label_and_count() {
    let html = render(Ok(seed_with(
        "reactions",
        Some(json(r#"[{"key":"like","count":1234},{"key":"sad","count":0},{"key":"x\" onclick=\"alert(1)","label":"Custom","count":7}]"#)),
    )))
    .await;
    assert!(html.contains(r#"<button type="button" aria-pressed="false" class="aw-reaction aw-reaction--like"><span class="aw-reaction__label">좋아요</span> <span class="aw-reaction__count">1,234</span></button>"#), "{html}");
    assert!(html.contains(
        r#"<span class="aw-reaction__label">슬퍼요</span> <span class="aw-reaction__count">0</span>"#
    ));
    // A custom key never reaches an attribute.
    assert!(html.contains(r#"<button type="button" aria-pressed="false" class="aw-reaction"><span class="aw-reaction__label">Custom</span>"#));
    assert!(!html.contains("onclick"));
}

#[tokio::test]
async fn body_blocks_render_as_paragraphs_headings_and_quotes() {
    let html = render(Ok(seed_with(
        "body",
        Some(json(r#"["첫 문단",{"type":"heading","text":"소제목"},{"type":"quote","text":"인용"},"  "]"#)),
    )))
    .await;
    assert!(html.contains(
        r#"<div class="aw-body"><p class="aw-body__paragraph">첫 문단</p><h2 class="aw-body__heading">소제목</h2><blockquote class="aw-body__quote"><p class="aw-body__quote-text">인용</p></blockquote></div>"#
    ), "{html}");
}

#[tokio::test]
async fn related_renders_a_list_headed_top_news() {
    let html = render(Ok(seed_json())).await;
    assert!(html.contains(r#"<section class="aw-related"><h2 class="aw-related__title">주요 뉴스</h2><ul class="aw-related__list">"#));
    assert_eq!(html.matches(r#"<li class="aw-related__item">"#).count(), 8);
    assert!(html.contains(r#"<a href="/news/1" class="aw-related__link">서울시청역 대형 교통사고"#));
}

#[tokio::test]
async fn english_locale_uses_english_labels_and_times() {
    let html = render(Ok(seed_with("locale", Some(json(r#""en""#))))).await;
    assert!(html.contains(r#"lang="en""#));
    assert!(html.contains(r#"<div role="radiogroup" aria-label="Text size" class="aw-text-size">"#));
    assert_eq!(
        texts(&html, r#"role="radio""#, "</button>"),
        ["Smallest", "Small", "Default", "Large", "Largest"]
    );
    assert!(html.contains(
        r#"Published <time datetime="2024-02-28T16:04:00+09:00" class="aw-article__time-value">Feb 28, 2024, 16:04 UTC+9</time>"#
    ));
    assert!(html.contains(">Top news</h2>"));
    assert!(html.contains(r#"<span class="aw-reaction__label">Want follow-up</span>"#));
}

#[tokio::test]
async fn updated_time_is_shown_when_present() {
    let html = render(Ok(seed_with("updatedAt", Some(json(r#""2024-02-29T09:10:00+09:00""#))))).await;
    assert!(html.contains(r#"수정 <time datetime="2024-02-29T09:10:00+09:00" class="aw-article__time-value">2024-02-29 09:10</time>"#));
}

#[tokio::test]
async fn an_image_with_an_unsafe_url_keeps_its_caption() {
    let html = render(Ok(seed_with(
        "image",
        Some(json(r#"{"src":"javascript:alert(1)","alt":"사진","caption":"설명"}"#)),
    )))
    .await;
    assert!(!html.contains("<img"));
    assert!(!html.contains("javascript"));
    assert!(
        html.contains(r#"<div class="aw-figure__placeholder">이미지를 불러올 수 없습니다: 사진</div>"#),
        "{html}"
    );
    assert!(html.contains(r#"<span class="aw-figure__caption-text">설명</span>"#));
}

#[tokio::test]
async fn markup_in_props_is_text() {
    let html = render(Ok(seed_with(
        "title",
        Some(json(r#""<img src=x onerror=alert(1)><script>alert(2)</script>""#)),
    )))
    .await;
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script"));
}

#[tokio::test]
async fn bad_props_render_an_alert_naming_the_field() {
    let html = render(Ok(seed_with("title", None))).await;
    assert_eq!(
        html,
        r#"<div lang="ko" class="aw-widget aw-widget--error"><div role="alert" class="aw-error"><p class="aw-error__title">기사를 표시할 수 없습니다.</p><p class="aw-error__detail">필수 항목 `title`이(가) 없습니다.</p></div></div>"#
    );
    let html = render(Ok(seed_with("body", Some(json("[]"))).clone())).await;
    assert!(html.contains("`body`이(가) 비어 있습니다."));
    let html = render(Err(Problem::NotJson)).await;
    assert!(html.contains(r#"role="alert""#) && html.contains("JSON"));
}

#[tokio::test]
async fn a_bad_english_widget_says_so_in_english() {
    let html = render(Ok(json(r#"{"locale":"en","title":"T"}"#))).await;
    assert!(html.contains(r#"lang="en""#));
    assert!(html.contains("This article cannot be shown."));
    assert!(html.contains("required field `id` is missing"));
}

const CRYPTO: &str = r#"{"kind":"crypto","asOf":"2024-07-03T09:35:00+09:00","currency":"KRW","items":[
  {"name":"비트코인","symbol":"BTC","price":87497000,"changePct":-0.93},
  {"name":"리플","price":683,"changePct":1.94},
  {"name":"스텔라루멘","price":132,"changePct":0}]}"#;

#[tokio::test]
async fn the_crypto_box_is_a_captioned_table_with_signed_changes() {
    let html = render(Ok(json(CRYPTO))).await;
    assert!(html.contains(r#"<caption class="aw-quotes__caption">실시간 암호화폐 시세</caption>"#), "{html}");
    assert_eq!(texts(&html, r#"<th scope="col""#, "</th>"), ["종목", "현재가(원)", "변동률"]);
    assert!(html.contains(r#"<tr class="aw-quotes__row aw-quotes__row--down"><th scope="row" class="aw-quotes__name">비트코인 <span class="aw-quotes__code">BTC</span></th><td class="aw-quotes__price">87,497,000</td><td class="aw-quotes__change">-0.93%</td></tr>"#), "{html}");
    assert!(html.contains(r#"<td class="aw-quotes__change">+1.94%</td>"#));
    assert!(
        html.contains(r#"aw-quotes__row--flat"#) && html.contains(r#"<td class="aw-quotes__change">0%</td>"#)
    );
    assert!(html.contains(r#">07.03 09:35 실시간</time>"#));
    assert!(html.contains("* 24시간 변동률 기준"));
    assert!(!html.contains("aw-box__stale"));
}

#[tokio::test]
async fn rising_stocks_in_english_with_a_custom_title() {
    let html = render(Ok(json(
        r#"{"kind":"risingStocks","locale":"en","title":"KOSDAQ gainers","asOf":"2024-07-03T09:35:00+09:00",
            "items":[{"name":"Samsung","code":"005930","price":81200.5,"changePct":29.99}]}"#,
    )))
    .await;
    assert!(html.contains(r#"<caption class="aw-quotes__caption">KOSDAQ gainers</caption>"#));
    assert_eq!(texts(&html, r#"<th scope="col""#, "</th>"), ["Name", "Price (KRW)", "Change"]);
    assert!(
        html.contains(
            r#"<td class="aw-quotes__price">81,200.5</td><td class="aw-quotes__change">+29.99%</td>"#
        )
    );
    assert!(html.contains(">Jul 3, 09:35 live</time>"));
    assert!(!html.contains("aw-box__note"), "no 24-hour note on stocks");
}

#[tokio::test]
async fn the_top_news_box_is_a_list_of_links() {
    let html = render(Ok(json(r#"{"kind":"topNews","items":[{"title":"첫 기사","url":"/a"},{"title":"나쁜","url":"javascript:x"}]}"#))).await;
    assert!(html.contains(r#"<h2 class="aw-related__title">주요 뉴스</h2>"#), "{html}");
    assert!(html.contains(r#"<a href="/a" class="aw-related__link">첫 기사</a>"#));
    assert!(html.contains(r#"<span class="aw-related__text">나쁜</span>"#));
}

#[tokio::test]
async fn bad_box_props_name_the_field() {
    for (props, field) in [
        (r#"{"kind":"crypto","items":[]}"#, "`asOf`"),
        (r#"{"kind":"crypto","asOf":"2024-07-03T09:35:00+09:00","currency":"USD","items":[]}"#, "`currency`"),
        (r#"{"kind":"topNews"}"#, "`items`"),
        (r#"{"kind":"weather"}"#, "`kind`"),
    ] {
        let html = render(Ok(json(props))).await;
        assert!(html.contains(r#"role="alert""#) && html.contains(field), "{props}: {html}");
    }
}

#[tokio::test]
async fn a_bad_row_is_left_out_and_the_rest_of_the_box_renders() {
    let html = render(Ok(json(
        r#"{"kind":"crypto","asOf":"2024-07-03T09:35:00+09:00","items":[
            {"name":"bad","price":"1","changePct":0},{"name":"good","price":1,"changePct":0}]}"#,
    )))
    .await;
    assert!(!html.contains(">bad") && html.contains(">good"), "{html}");
}
