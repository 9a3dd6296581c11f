//! The command as a host's build would run it: exit status, stdout and stderr.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const ARTICLE: &str =
    r#"{"id":"a1","title":"제목 </script>","publishedAt":"2024-02-28T16:04:00+09:00","body":["문단"]}"#;

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits without reading: a broken pipe here is that
    // refusal, which the exit status and stderr below tell about.
    if let Err(error) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn props_on_stdin_become_one_mount_element_on_stdout() {
    let out = run(&["render"], ARTICLE);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let html = text(&out.stdout);
    assert!(html.starts_with(r#"<div data-article-widget data-aw-rendered=""#), "{html}");
    assert!(html.ends_with("</script></div>\n"), "{html}");
    assert!(html.contains(r#""title":"제목 \u003c/script>""#), "{html}");
    assert!(out.stderr.is_empty());
}

#[test]
fn assets_put_the_stylesheet_and_preloads_first() {
    let out = run(&["render", "-", "--assets", "https://cdn.example/aw/0.1.0"], ARTICLE);
    assert_eq!(out.status.code(), Some(0));
    let html = text(&out.stdout);
    assert!(html.starts_with(r#"<link rel="stylesheet" href="https://cdn.example/aw/0.1.0/article-widget.css"><link rel="modulepreload" href="https://cdn.example/aw/0.1.0/embed.js">"#), "{html}");
    assert!(html.contains(r#"<link rel="preload" href="https://cdn.example/aw/0.1.0/article-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin><div data-article-widget"#));
}

#[test]
fn bad_props_exit_2_with_nothing_on_stdout_and_the_field_on_stderr() {
    for (props, expected) in [
        (
            r#"{"id":"a1","publishedAt":"2024-02-28T16:04:00+09:00","body":["x"]}"#,
            "props error: title: required field `title` is missing",
        ),
        (
            r#"{"id":"a1","title":"t","publishedAt":"2024-02-28T16:04:00+09:00","body":[]}"#,
            "props error: body: `body` must not be empty",
        ),
        (r#"{"id":"a1","title":"t","publishedAt":"yesterday","body":["x"]}"#, "props error: publishedAt: "),
        (r#"{"kind":"crypto","items":[]}"#, "props error: asOf: "),
        ("{", "props error: props: props are not valid JSON"),
    ] {
        let out = run(&["render"], props);
        assert_eq!(out.status.code(), Some(2), "{props}");
        assert!(out.stdout.is_empty(), "{props}");
        assert!(text(&out.stderr).starts_with(expected), "{props}: {}", text(&out.stderr));
    }
}

#[test]
fn unreadable_input_and_bad_arguments_exit_2() {
    let missing = run(&["render", "/nonexistent/props.json"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
    assert!(text(&missing.stderr).contains("cannot read /nonexistent/props.json"));
    let unknown = run(&["render", "--pretty"], ARTICLE);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(unknown.stdout.is_empty());
}

#[test]
fn help_goes_to_stdout() {
    let out = run(&["--help"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("article-widget render [FILE] [--assets URL]"));
}
