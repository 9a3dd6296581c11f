//! A bounded load generator for the reactions service (scripts/bench-service runs it):
//!
//! ```text
//! loadgen ADDR react|get READERS REQUESTS SECONDS
//! ```
//!
//! READERS threads, each one reader on one keep-alive connection, send REQUESTS in all (or stop
//! after SECONDS): `react` toggles reactions with a fresh Idempotency-Key each (every reply is
//! an acknowledged, committed change), `get` reads counts. Only loopback addresses: it is a
//! bench, not a tool against other people's servers. Prints one line: what, rate, p50, p99.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "../tests/common/http.rs"]
mod common;

use common::{Client, change};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(addr), Some(kind), Some(readers), Some(requests), Some(seconds)) = (
        args.first().and_then(|a| a.parse::<SocketAddr>().ok()),
        args.get(1).filter(|k| matches!(k.as_str(), "react" | "get")).cloned(),
        args.get(2).and_then(|n| n.parse::<usize>().ok()).filter(|n| *n > 0),
        args.get(3).and_then(|n| n.parse::<usize>().ok()),
        args.get(4).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: loadgen ADDR react|get READERS REQUESTS SECONDS");
        std::process::exit(2);
    };
    if !addr.ip().is_loopback() {
        eprintln!("loadgen: only loopback addresses (127.0.0.1)");
        std::process::exit(2);
    }
    let article = common::unique("bench");
    let issued = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..readers)
        .map(|_| {
            let (issued, article, kind) = (issued.clone(), article.clone(), kind.clone());
            std::thread::spawn(move || {
                let mut client = Client::new(addr);
                let (mut latencies, mut errors, mut cookie) = (Vec::new(), 0usize, None::<String>);
                let mut flip = false;
                while issued.fetch_add(1, Ordering::Relaxed) < requests && Instant::now() < deadline {
                    let sent = Instant::now();
                    let reply = if kind == "react" {
                        flip = !flip;
                        let key = common::unique("k");
                        client.react(Some(&key), cookie.as_deref(), &change(&article, "like", flip))
                    } else {
                        client.send("GET", &format!("/api/reactions/{article}"), &[], b"")
                    };
                    match reply {
                        Ok(reply) if reply.status == 200 => {
                            latencies.push(sent.elapsed());
                            if cookie.is_none() {
                                cookie = reply.cookie();
                            }
                        }
                        _ => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for thread in threads {
        if let Ok((l, e)) = thread.join() {
            latencies.extend(l);
            errors += e;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{kind:5} readers {readers:3}: {:6} ok, {errors} errors in {elapsed:5.2} s = {:8.0}/s, p50 {:6.2} ms, p99 {:6.2} ms",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        at(0.50),
        at(0.99),
    );
}
