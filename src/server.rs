//! Server rendering (native builds only): props in, one complete mount element out, ready to
//! paste into a page. The widget is rendered by Yew's own server renderer, so the markup is the
//! one the browser builds inside its `aw-root` container (`embed/registry.rs`); the props ride
//! along as the element's JSON script, where `embed.js` finds them.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use yew::LocalServerRenderer;

use crate::model::{Json, PropsError, WidgetContent, content_from_json};
use crate::{Widget, WidgetProps};

/// The crate version, written on the element as `data-aw-rendered` (which markup revision the
/// server produced).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The mount element for `props` (article or sidebar box): `<div data-article-widget
/// data-aw-rendered="VERSION" data-aw-digest="…">` (the revision and props digest the browser
/// checks before taking the markup over, `model::digest`) holding `<div class="aw-root">` with the widget, then the props
/// as `<script type="application/json">`. Refused props are an error naming the field, as the
/// widget's alert would.
pub fn render_to_html(props: &Json) -> Result<String, PropsError> {
    render_to_html_with_warnings(props).map(|(html, _)| html)
}

/// [`render_to_html`], plus what the widget would warn about in the console (a dropped URL, a
/// clamped count): the parts of the props it left out.
pub fn render_to_html_with_warnings(props: &Json) -> Result<(String, Vec<String>), PropsError> {
    let (content, warnings) = content_from_json(Ok(props.clone()));
    if let WidgetContent::Invalid { error, .. } = content {
        return Err(error);
    }
    let widget = block_on(
        LocalServerRenderer::<Widget>::with_props(WidgetProps {
            content,
            host: None,
            stale: false,
            island: None,
        })
        .hydratable(false)
        .render(),
    );
    // A CR in text would reach the browser as LF (HTML's newline normalisation); as a
    // character reference it stays the CR the widget renders from the props.
    let widget = if widget.contains('\r') { widget.replace('\r', "&#13;") } else { widget };
    let digest = crate::model::props_digest(props);
    let mut html = format!(
        r#"<div data-article-widget data-aw-rendered="{VERSION}" data-aw-digest="{digest}"><div class="aw-root">"#
    );
    html.push_str(&widget);
    html.push_str(r#"</div><script type="application/json">"#);
    props.write_text(&mut html, write_number);
    html.push_str("</script></div>");
    Ok((html, warnings))
}

/// The `<link>`s that go before the fragment when the widget's files are served from
/// `assets_url` (the folder holding `embed.js`, with or without its trailing slash): the
/// stylesheet, so the page is styled before any script runs, and preloads of the loader, the
/// glue and the Wasm, so they download at once rather than one after another.
pub fn asset_links(assets_url: &str) -> String {
    let base = attribute(assets_url.strip_suffix('/').unwrap_or(assets_url));
    format!(
        concat!(
            r#"<link rel="stylesheet" href="{0}/article-widget.css">"#,
            r#"<link rel="modulepreload" href="{0}/embed.js">"#,
            r#"<link rel="modulepreload" href="{0}/article-widget.js">"#,
            r#"<link rel="preload" href="{0}/article-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>"#,
        ),
        base
    )
}

/// Escapes text for a double-quoted attribute value.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Any finite number, as JSON: whole numbers without a fraction (1200, not 1200.0).
fn write_number(n: f64, out: &mut String) {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        out.push_str(&(n as i64).to_string());
    } else {
        out.push_str(&n.to_string());
    }
}

/// Runs a future to completion on this thread. Yew's native renderer is synchronous underneath
/// (its scheduler runs at once outside the browser) and spawns nothing, so this small
/// executor suffices, and unlike a tokio runtime's `block_on` it may be called from inside a
/// host's async handler.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    const ARTICLE: &str = r#"{"id":"a1","title":"제목</script><script>alert(1)</script>","publishedAt":"2024-02-28T16:04:00+09:00","body":["첫 문단 \u2028 끝"],"image":{"src":"p.jpg","width":1200,"height":800}}"#;

    #[test]
    fn the_element_is_the_mount_element_with_the_widget_in_its_root_and_the_props_after() {
        let html = render_to_html(&json(ARTICLE)).unwrap();
        let digest = crate::model::props_digest(&json(ARTICLE));
        let open = format!(
            r#"<div data-article-widget data-aw-rendered="{VERSION}" data-aw-digest="{digest}"><div class="aw-root"><div lang="ko" class="aw-widget aw-widget--text-default"><article class="aw-article">"#
        );
        assert!(html.starts_with(&open), "{html}");
        assert!(html.contains(r#"<div data-aw-island="text-size" class="aw-article__tools">"#), "{html}");
        assert!(html.contains(r#"<div data-aw-island="reactions" class="aw-article__reactions">"#), "{html}");
        assert!(html.ends_with("</script></div>"), "{html}");
        assert!(html.contains(r#"</div><script type="application/json">{"id":"a1","#), "{html}");
        assert_eq!(html.matches("<script").count(), 1, "only the props script: {html}");
    }

    #[test]
    fn the_props_script_cannot_be_closed_from_inside_and_reads_back_as_the_same_props() {
        let props = json(ARTICLE);
        let html = render_to_html(&props).unwrap();
        let script = html.split(r#"<script type="application/json">"#).nth(1).unwrap();
        let text = script.strip_suffix("</script></div>").unwrap();
        assert!(!text.contains('<'), "{text}");
        assert!(!text.contains('\u{2028}'), "{text}");
        assert!(text.contains(r#""title":"제목\u003c/script>\u003cscript>alert(1)\u003c/script>""#));
        assert!(text.contains(r#""width":1200,"height":800"#), "whole numbers stay whole: {text}");
        assert_eq!(json(text), props);
        // The title itself is text in the heading, escaped by Yew.
        assert!(html.contains("<h1 class=\"aw-article__title\">제목&lt;/script&gt;"), "{html}");
    }

    #[test]
    fn a_carriage_return_in_text_is_written_as_a_reference_that_html_keeps() {
        let html = render_to_html(&json(
            r#"{"id":"a1","title":"a\r\nb","publishedAt":"2024-02-28T16:04:00+09:00","body":["x"]}"#,
        ))
        .unwrap();
        assert!(html.contains(">a&#13;\nb</h1>"), "{html}");
        assert!(!html.contains('\r'), "{html}");
    }

    #[test]
    fn numbers_strings_and_nesting_round_trip() {
        let props = json(r#"{"a":[0.5,-3,1e21,-0.0,true,false,null],"b":{"c":"\"\\\n\t\u0001"}}"#);
        let mut out = String::new();
        props.write_text(&mut out, write_number);
        assert_eq!(json(&out), props);
        assert!(out.contains(r#""\"\\\u000a\u0009\u0001""#), "{out}");
    }

    #[test]
    fn a_sidebar_box_renders_too() {
        let html = render_to_html(&json(
            r#"{"kind":"topNews","items":[{"title":"하나","url":"/news/1"},{"title":"둘","url":"/news/2"}]}"#,
        ))
        .unwrap();
        assert!(
            html.contains(r#"<div class="aw-root"><div lang="ko" class="aw-widget aw-box aw-box--top-news"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/news/2""#), "{html}");
    }

    #[test]
    fn refused_props_name_the_field_as_the_alert_does() {
        let error = render_to_html(&json(
            r#"{"id":"a1","title":"t","publishedAt":"2024-02-28T16:04:00+09:00","body":[]}"#,
        ))
        .unwrap_err();
        assert_eq!(error.field, "body");
        assert_eq!(error.to_string(), "`body` must not be empty");
        assert_eq!(render_to_html(&json(r#"{"kind":"crypto"}"#)).unwrap_err().field, "asOf");
    }

    #[test]
    fn warnings_name_what_was_left_out() {
        let (_, warnings) = render_to_html_with_warnings(&json(
            r#"{"id":"a1","title":"t","publishedAt":"2024-02-28T16:04:00+09:00","body":["x"],"related":[{"title":"r","url":"javascript:alert(1)"}]}"#,
        ))
        .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn asset_links_take_the_folder_with_or_without_its_slash_and_escape_it() {
        let links = asset_links("https://cdn.example/aw/0.1.0/");
        assert_eq!(links, asset_links("https://cdn.example/aw/0.1.0"));
        assert!(links.starts_with(
            r#"<link rel="stylesheet" href="https://cdn.example/aw/0.1.0/article-widget.css">"#
        ));
        assert!(links.ends_with(r#"<link rel="preload" href="https://cdn.example/aw/0.1.0/article-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>"#));
        assert_eq!(asset_links("/").matches(r#"href="/"#).count(), 4);
        assert!(asset_links(r#"/a"><script>"#).contains(r#"href="/a&quot;&gt;&lt;script&gt;/embed.js""#));
    }
}
