//! The reactions service from outside, as the widget and a host's server use it: each test
//! runs against SQLite and against PostgreSQL (`both!`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{Client, Server, Store, change, unique};
use serde_json::json;

both!(
    state_is_per_reader_not_an_increment,
    single_mode_moves_the_one_reaction,
    a_retry_with_the_same_key_is_answered_as_the_first,
    concurrent_retries_of_one_key_apply_once,
    counts_are_exact_with_200_concurrent_readers,
    two_processes_share_one_store,
    bad_input_is_refused_and_changes_nothing,
    render_fills_counts_from_the_store,
);

/// Sends a change and returns the reply's counts and the cookie it set.
fn react(
    client: &mut Client,
    cookie: Option<&str>,
    article: &str,
    reaction: &str,
    selected: bool,
) -> (serde_json::Value, Option<String>) {
    let key = unique("k");
    let reply = client.react(Some(&key), cookie, &change(article, reaction, selected)).expect("answered");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    (reply.json()["counts"].clone(), reply.cookie())
}

fn state_is_per_reader_not_an_increment(store: Store) {
    let server = Server::start(&store, &[]);
    let mut client = server.client();
    let article = unique("a");
    let (counts, cookie) = react(&mut client, None, &article, "like", true);
    assert_eq!(counts, json!({ "like": 1 }));
    let a = cookie.expect("a new reader gets a cookie");
    let set = client.react(Some(&unique("k")), None, &change(&article, "sad", false)).unwrap();
    let set_cookie = set.header("set-cookie").unwrap();
    assert!(
        set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Lax")
            && !set_cookie.contains("Secure"),
        "{set_cookie}"
    );

    // The same reader selecting again holds one like, not two; with its cookie, no new one.
    let (counts, again) = react(&mut client, Some(&a), &article, "like", true);
    assert_eq!((counts, again), (json!({ "like": 1 }), None));
    let (counts, b) = react(&mut client, None, &article, "like", true);
    assert_eq!(counts, json!({ "like": 2 }));
    let b = b.unwrap();
    assert_ne!(a, b);
    // Taking back twice, or taking back what one never held, moves nothing below what readers hold.
    for _ in 0..2 {
        assert_eq!(react(&mut client, Some(&a), &article, "like", false).0, json!({ "like": 1 }));
    }
    assert_eq!(react(&mut client, Some(&a), &article, "sad", false).0, json!({ "like": 1 }));
    let (counts, _) = react(&mut client, None, &article, "angry", false);
    assert_eq!(counts, json!({ "like": 1 }));
    assert_eq!(react(&mut client, Some(&b), &article, "like", false).0, json!({ "like": 0 }));
    // GET gives the same totals, per article.
    let reply = client.get(&format!("/api/reactions/{article}"));
    assert_eq!(reply.json(), json!({ "articleId": article, "counts": { "like": 0 } }));
    assert_eq!(client.counts(&unique("other")), json!({}));
    assert_eq!(client.get("/healthz").status, 200);

    // A secure cookie when a trusted proxy says the reader came over HTTPS.
    let proxied = Server::start(&store, &["--trust-proxy"]);
    let reply = proxied
        .client()
        .send(
            "POST",
            "/api/reactions",
            &[("content-type", "application/json"), ("x-forwarded-proto", "https")],
            change(&article, "like", true).as_bytes(),
        )
        .unwrap();
    assert!(reply.header("set-cookie").unwrap().ends_with("; Secure"));
}

fn single_mode_moves_the_one_reaction(store: Store) {
    let server = Server::start(&store, &[]);
    let mut client = server.client();
    let article = unique("a");
    let (_, a) = react(&mut client, None, &article, "like", true);
    let (_, b) = react(&mut client, None, &article, "like", true);
    let (a, b) = (a.unwrap(), b.unwrap());
    // A single-choice move is the widget's two changes: the old one off, the new one on.
    assert_eq!(react(&mut client, Some(&a), &article, "like", false).0, json!({ "like": 1 }));
    assert_eq!(react(&mut client, Some(&a), &article, "angry", true).0, json!({ "like": 1, "angry": 1 }));
    react(&mut client, Some(&b), &article, "like", false);
    react(&mut client, Some(&b), &article, "angry", true);
    react(&mut client, Some(&a), &article, "angry", false);
    let (counts, _) = react(&mut client, Some(&a), &article, "followUp", true);
    assert_eq!(counts, json!({ "like": 0, "angry": 1, "followUp": 1 }));
    assert_eq!(client.counts(&article), counts);
}

fn a_retry_with_the_same_key_is_answered_as_the_first(store: Store) {
    let server = Server::start(&store, &[]);
    let mut client = server.client();
    let article = unique("a");
    let key = unique("k");
    let body = change(&article, "like", true);
    let first = client.react(Some(&key), None, &body).unwrap();
    assert_eq!(first.status, 200);
    let cookie = first.cookie().unwrap();
    // Others react meanwhile; the retry (its reply was lost: no cookie) gets the first reply,
    // cookie included, and is not applied twice.
    react(&mut client, None, &article, "like", true);
    let retry = client.react(Some(&key), None, &body).unwrap();
    assert_eq!((retry.status, retry.text(), retry.cookie()), (200, first.text(), Some(cookie.clone())));
    assert_eq!(
        (first.header("idempotent-replayed"), retry.header("idempotent-replayed")),
        (None, Some("true"))
    );
    let retry = client.react(Some(&key), Some(&cookie), &body).unwrap();
    assert_eq!((retry.status, retry.text(), retry.cookie()), (200, first.text(), None));
    assert_eq!(client.counts(&article), json!({ "like": 2 }));
    // The retry after a restart: the key is in the store, not in memory.
    drop(server);
    let server = Server::start(&store, &[]);
    let mut client = server.client();
    let retry = client.react(Some(&key), None, &body).unwrap();
    assert_eq!((retry.status, retry.text(), retry.cookie()), (200, first.text(), Some(cookie.clone())));
    // The reader holds like: a later change of theirs with a new key moves it.
    assert_eq!(react(&mut client, Some(&cookie), &article, "like", false).0, json!({ "like": 1 }));
    // The same key for another change is refused.
    let reused = client.react(Some(&key), None, &change(&article, "like", false)).unwrap();
    assert_eq!(reused.status, 422);
    assert_eq!(reused.json()["field"], "Idempotency-Key");
    assert_eq!(client.counts(&article), json!({ "like": 1 }));
}

fn concurrent_retries_of_one_key_apply_once(store: Store) {
    let server = Server::start(&store, &[]);
    let article = unique("a");
    let key = unique("k");
    let addr = server.addr;
    // Many copies of one change at once (a tab retrying while another adopts its queue): some
    // land in one batch, some in the next; each gets the one answer and the one reader.
    let copies: Vec<_> = (0..30)
        .map(|_| {
            let (article, key) = (article.clone(), key.clone());
            std::thread::spawn(move || {
                Client::new(addr).react(Some(&key), None, &change(&article, "like", true)).unwrap()
            })
        })
        .collect();
    let replies: Vec<_> = copies.into_iter().map(|c| c.join().unwrap()).collect();
    for reply in &replies {
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!((reply.text(), reply.cookie()), (replies[0].text(), replies[0].cookie()));
    }
    assert_eq!(replies.iter().filter(|r| r.header("idempotent-replayed").is_none()).count(), 1);
    assert_eq!(server.client().counts(&article), json!({ "like": 1 }));
}

fn counts_are_exact_with_200_concurrent_readers(store: Store) {
    let server = Server::start(&store, &[]);
    let article = unique("a");
    let addr = server.addr;
    let readers: Vec<_> = (0..200)
        .map(|i| {
            let article = article.clone();
            std::thread::spawn(move || {
                let mut client = Client::new(addr);
                let (counts, cookie) = react(&mut client, None, &article, "like", true);
                let cookie = cookie.unwrap();
                for reaction in ["sad", "angry"] {
                    react(&mut client, Some(&cookie), &article, reaction, true);
                }
                // Odd readers take their like back, every reader takes angry back, twice.
                for _ in 0..2 {
                    if i % 2 == 1 {
                        react(&mut client, Some(&cookie), &article, "like", false);
                    }
                    let (counts, _) = react(&mut client, Some(&cookie), &article, "angry", false);
                    assert!(counts.as_object().unwrap().values().all(|n| n.as_i64().unwrap() >= 0));
                }
                counts
            })
        })
        .collect();
    for reader in readers {
        reader.join().expect("a reader thread");
    }
    assert_eq!(server.client().counts(&article), json!({ "like": 100, "sad": 200, "angry": 0 }));
}

/// A bad request: what it is, its headers and body, and the status and `field` expected.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, String, u16, &'a str);

fn two_processes_share_one_store(store: Store) {
    // Two servers behind one load balancer: a reader's requests land on either.
    let servers = [Server::start(&store, &[]), Server::start(&store, &[])];
    let addrs = [servers[0].addr, servers[1].addr];
    let article = unique("a");
    let readers: Vec<_> = (0..60)
        .map(|i| {
            let article = article.clone();
            std::thread::spawn(move || {
                let mut clients = [Client::new(addrs[0]), Client::new(addrs[1])];
                let (_, cookie) = react(&mut clients[i % 2], None, &article, "like", true);
                let cookie = cookie.unwrap();
                // Reactions in opposite orders on the two servers: their batches lock counter
                // rows in different orders, and a deadlock between them is retried.
                let order = if i % 2 == 0 { ["sad", "angry"] } else { ["angry", "sad"] };
                for (n, reaction) in order.into_iter().enumerate() {
                    react(&mut clients[(i + n + 1) % 2], Some(&cookie), &article, reaction, true);
                }
                react(&mut clients[i % 2], Some(&cookie), &article, "like", i % 3 == 0);
            })
        })
        .collect();
    for reader in readers {
        reader.join().expect("a reader thread");
    }
    let expected = json!({ "like": 20, "sad": 60, "angry": 60 });
    for server in &servers {
        // Each process keeps its counts replies up to 1 s when the other one wrote.
        let mut client = server.client();
        let started = std::time::Instant::now();
        while client.counts(&article) != expected && started.elapsed() < std::time::Duration::from_secs(3) {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert_eq!(client.counts(&article), expected);
    }
}

fn bad_input_is_refused_and_changes_nothing(store: Store) {
    let server = Server::start(&store, &[]);
    let mut client = server.client();
    let article = unique("a");
    let key = unique("k");
    let ok = change(&article, "like", true);
    let json_type = ("content-type", "application/json");
    let big = format!(
        r#"{{"articleId":"{article}","reaction":"like","selected":true,"pad":"{}"}}"#,
        "x".repeat(5000)
    );
    let long_id = "a".repeat(129);
    let cases: Vec<Case> = vec![
        ("malformed JSON", vec![json_type], "{\"articleId\":".into(), 400, "body"),
        ("not an object", vec![json_type], "[1]".into(), 400, "body"),
        (
            "missing articleId",
            vec![json_type],
            r#"{"reaction":"like","selected":true}"#.into(),
            400,
            "articleId",
        ),
        (
            "missing reaction",
            vec![json_type],
            format!(r#"{{"articleId":"{article}","selected":true}}"#),
            400,
            "reaction",
        ),
        (
            "missing selected",
            vec![json_type],
            format!(r#"{{"articleId":"{article}","reaction":"like"}}"#),
            400,
            "selected",
        ),
        (
            "mistyped articleId",
            vec![json_type],
            r#"{"articleId":7,"reaction":"like","selected":true}"#.into(),
            400,
            "articleId",
        ),
        (
            "mistyped selected",
            vec![json_type],
            format!(r#"{{"articleId":"{article}","reaction":"like","selected":"yes"}}"#),
            400,
            "selected",
        ),
        (
            "unknown field",
            vec![json_type],
            format!(r#"{{"articleId":"{article}","reaction":"like","selected":true,"count":9}}"#),
            400,
            "count",
        ),
        (
            "articleId outside the pattern",
            vec![json_type],
            change("a b<script>", "like", true),
            400,
            "articleId",
        ),
        ("articleId too long", vec![json_type], change(&long_id, "like", true), 400, "articleId"),
        ("reaction outside the pattern", vec![json_type], change(&article, "li.ke", true), 400, "reaction"),
        ("reaction too long", vec![json_type], change(&article, &"k".repeat(65), true), 400, "reaction"),
        ("body over 4 KB", vec![json_type], big, 413, "body"),
        ("not JSON content", vec![("content-type", "text/plain")], ok.clone(), 415, "content-type"),
        (
            "bad Idempotency-Key",
            vec![json_type, ("idempotency-key", "a key with spaces")],
            ok.clone(),
            400,
            "Idempotency-Key",
        ),
    ];
    for (name, headers, body, status, field) in &cases {
        let reply = client.send("POST", "/api/reactions", headers, body.as_bytes()).unwrap();
        assert_eq!(reply.status, *status, "{name}: {}", reply.text());
        let json = reply.json();
        assert_eq!(json["field"], *field, "{name}: {json}");
        assert!(json["error"].as_str().is_some_and(|e| !e.is_empty()), "{name}: {json}");
        assert_eq!(client.counts(&article), json!({}), "{name}: nothing stored");
    }
    // A key refused with bad input was not remembered: the good change under it applies.
    let reply = client.react(Some(&key), None, &ok).unwrap();
    assert_eq!(reply.status, 200);
    let reused = client.react(Some(&key), None, &change(&article, "sad", true)).unwrap();
    assert_eq!((reused.status, reused.json()["field"].clone()), (422, json!("Idempotency-Key")));
    // Only the configured reactions (default: the widget's four): a made-up key is refused and
    // not kept, so no client can fill an article with rows that crowd the real ones out.
    for made_up in ["r1", "wow", "Like"] {
        let refused = client.react(Some(&unique("k")), None, &change(&article, made_up, true)).unwrap();
        assert_eq!((refused.status, refused.json()["field"].clone()), (422, json!("reaction")), "{made_up}");
        assert!(refused.json()["error"].as_str().is_some_and(|e| e.contains("followUp")));
        let refused = client.react(Some(&unique("k")), None, &change(&article, made_up, false)).unwrap();
        assert_eq!(refused.status, 422, "{made_up}: taking back is refused too");
    }
    assert_eq!(client.counts(&article), json!({ "like": 1 }), "nothing stored");
    let custom = Server::start(&store, &["--reactions", "like,wow"]);
    let mut custom_client = custom.client();
    let themed = unique("themed");
    react(&mut custom_client, None, &themed, "like", true);
    assert_eq!(react(&mut custom_client, None, &themed, "wow", true).0, json!({ "like": 1, "wow": 1 }));
    let refused = custom_client.react(Some(&unique("k")), None, &change(&themed, "sad", true)).unwrap();
    assert_eq!((refused.status, refused.json()["field"].clone()), (422, json!("reaction")));
    assert_eq!(custom_client.counts(&themed), json!({ "like": 1, "wow": 1 }));
    drop(custom);
    for (path, status, field) in [
        (format!("/api/reactions/{long_id}"), 400, "articleId"),
        ("/api/reactions/a%2Fb".into(), 400, "articleId"),
        ("/nope".into(), 404, "path"),
    ] {
        let reply = client.get(&path);
        assert_eq!((reply.status, reply.json()["field"].clone()), (status, json!(field)), "{path}");
    }
    assert_eq!(client.counts(&article), json!({ "like": 1 }));

    // 429 with Retry-After once a client changes reactions over its rate, counted per address.
    let limited = Server::start(&store, &["--rate-limit", "3"]);
    let mut client = limited.client();
    for _ in 0..3 {
        react(&mut client, None, &article, "sad", false);
    }
    let refused = client.react(Some(&unique("k")), None, &change(&article, "like", true)).unwrap();
    assert_eq!(refused.status, 429);
    assert!(refused.header("retry-after").and_then(|s| s.parse::<u64>().ok()).is_some_and(|s| s >= 1));
    assert_eq!(refused.json()["error"], "too many requests from this address");
    // Only changes are limited: a host's server reading counts and rendering is not. (A new
    // connection, from the same address: the 429 leaves the refused body unread, so the server
    // may close the one it came on.)
    let mut client = limited.client();
    for _ in 0..10 {
        assert_eq!(client.get(&format!("/api/reactions/{article}")).status, 200);
        let props = format!(
            r#"{{"id":"{article}","title":"t","publishedAt":"2024-02-28T16:04:00+09:00","body":["p"]}}"#
        );
        let render = client
            .send("POST", "/api/render", &[("content-type", "application/json")], props.as_bytes())
            .unwrap();
        assert_eq!(render.status, 200);
    }
    assert_eq!(client.get("/healthz").status, 200);
    assert_eq!(server.client().counts(&article), json!({ "like": 1 }));
}

fn render_fills_counts_from_the_store(store: Store) {
    let server = Server::start(&store, &[]);
    let mut client = server.client();
    let article = unique("a");
    react(&mut client, None, &article, "sad", true);
    let post = |client: &mut Client, props: &str| {
        client.send("POST", "/api/render", &[("content-type", "application/json")], props.as_bytes()).unwrap()
    };
    let props =
        format!(r#"{{"id":"{article}","title":"t","publishedAt":"2024-02-28T16:04:00+09:00","body":["p"]}}"#);
    let reply = post(&mut client, &props);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"));
    let html = reply.text();
    assert!(html.starts_with("<div data-article-widget data-aw-rendered="), "{html}");
    assert!(html.contains(r#"{"key":"sad","count":1}"#), "{html}");
    assert!(html.contains(r#"{"key":"like","count":0}"#), "{html}");
    // Counts the props give are the host's to give.
    let given = props.replace(r#""body":["p"]"#, r#""body":["p"],"reactions":[{"key":"sad","count":40}]"#);
    assert!(post(&mut client, &given).text().contains(r#"{"key":"sad","count":40}"#));
    // Bad props: 400 naming the field; a big article is fine up to the limit.
    let reply = post(&mut client, &props.replace(r#""title":"t","#, ""));
    assert_eq!((reply.status, reply.json()["field"].clone()), (400, json!("title")));
    let reply = post(&mut client, "{");
    assert_eq!((reply.status, reply.json()["field"].clone()), (400, json!("body")));
    let long = props.replace(r#"["p"]"#, &format!(r#"["{}"]"#, "문단 ".repeat(300_000)));
    assert_eq!(post(&mut client, &long).status, 200);
    let too_long = props.replace(r#"["p"]"#, &format!(r#"["{}"]"#, "x".repeat(5 << 20)));
    assert_eq!(post(&mut client, &too_long).status, 413);
}

#[test]
fn widget_files_have_types_compression_and_cache_headers() {
    let root = std::env::temp_dir().join(unique("aw-root"));
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    // Beside the dist dir: what a path escaping /widget/ would reach.
    std::fs::write(root.join("secret.txt"), "SECRET-OUTSIDE-DIST").unwrap();
    std::fs::write(dist.join("embed.js"), "export const x = 1;\n".repeat(100)).unwrap();
    std::fs::write(dist.join("article-widget_bg.wasm"), [0u8, 97, 115, 109].repeat(500)).unwrap();
    std::fs::write(dist.join("article-widget.css"), ".aw{color:red}\n".repeat(100)).unwrap();
    let server = Server::start(&Store::sqlite(), &["--dist", dist.to_str().unwrap()]);
    let mut client = server.client();
    let version = env!("CARGO_PKG_VERSION");
    for (path, kind) in [
        ("embed.js", "text/javascript"),
        ("article-widget_bg.wasm", "application/wasm"),
        ("article-widget.css", "text/css"),
    ] {
        let plain = client.get(&format!("/widget/{path}"));
        assert_eq!(plain.status, 200, "{path}");
        assert!(plain.header("content-type").unwrap().starts_with(kind), "{path}: {:?}", plain.headers);
        assert_eq!(plain.header("cache-control"), Some("no-cache"));
        let versioned = client
            .send("GET", &format!("/widget/{version}/{path}"), &[("accept-encoding", "br, gzip")], b"")
            .unwrap();
        assert_eq!(versioned.status, 200);
        assert_eq!(versioned.header("content-encoding"), Some("br"), "{path}");
        assert!(versioned.body.len() < plain.body.len());
        assert_eq!(versioned.header("cache-control"), Some("public, max-age=31536000, immutable"));
        let gzip =
            client.send("GET", &format!("/widget/{path}"), &[("accept-encoding", "gzip")], b"").unwrap();
        assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    }
    assert_eq!(client.get("/widget/0.0.1/embed.js").status, 404, "only this build's version is immutable");
    assert_eq!(client.get("/widget/missing.js").status, 404);
    let escaping_version = format!("/widget/{version}/../../secret.txt");
    for path in [
        "/widget/../secret.txt",
        "/widget/%2e%2e/secret.txt",
        "/widget/%2E%2E/secret.txt",
        "/widget/..%2fsecret.txt",
        &escaping_version,
    ] {
        let reply = client.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.text().contains("SECRET"), "{path}");
    }
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn cors_opens_only_reading_counts_and_only_when_asked() {
    let store = Store::sqlite();
    let origin = ("origin", "https://news.example");
    let closed = Server::start(&store, &[]);
    let reply = closed.client().send("GET", "/api/reactions/a1", &[origin], b"").unwrap();
    assert_eq!(reply.header("access-control-allow-origin"), None);
    drop(closed);
    let open = Server::start(&store, &["--allow-origin", "https://news.example"]);
    let mut client = open.client();
    let reply = client.send("GET", "/api/reactions/a1", &[origin], b"").unwrap();
    assert_eq!(reply.header("access-control-allow-origin"), Some("https://news.example"));
    let other = client.send("GET", "/api/reactions/a1", &[("origin", "https://evil.example")], b"").unwrap();
    assert_eq!(other.header("access-control-allow-origin"), None);
    let post = client
        .send(
            "POST",
            "/api/reactions",
            &[origin, ("content-type", "application/json")],
            change("a1", "like", true).as_bytes(),
        )
        .unwrap();
    assert_eq!((post.status, post.header("access-control-allow-origin")), (200, None));
}

#[test]
fn sigterm_lets_requests_finish_and_exits_cleanly() {
    let mut server = Server::start(&Store::sqlite(), &[]);
    let mut client = server.client();
    assert_eq!(client.react(None, None, &change("a1", "like", true)).unwrap().status, 200);
    let pid = server.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn help_documents_every_option() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for option in [
        "--listen",
        "--database",
        "DATABASE_URL",
        "--dist",
        "--rate-limit",
        "--reactions",
        "--trust-proxy",
        "--allow-origin",
    ] {
        assert!(help.contains(option), "{option}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .args(["serve", "--database", "mysql://x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
