//! Who the client is (its address and scheme, from the proxy's headers with `--trust-proxy`)
//! and the token bucket per address behind `--rate-limit`. The decisions are plain functions.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use axum::http::HeaderMap;

/// The client as the service sees it, put in each request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub addr: IpAddr,
    pub https: bool,
}

/// The peer, or with `trust_proxy` the last `X-Forwarded-For` entry (the one the site's own
/// proxy appended; earlier entries are whatever the client claimed) and `X-Forwarded-Proto`.
pub fn client(peer: SocketAddr, headers: &HeaderMap, trust_proxy: bool) -> Client {
    let direct = Client { addr: peer.ip(), https: false };
    if !trust_proxy {
        return direct;
    }
    let last = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
    };
    Client {
        addr: last("x-forwarded-for").and_then(|a| a.parse().ok()).unwrap_or(direct.addr),
        https: last("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https")),
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Takes one token from a bucket that holds `per_minute` and refills at `per_minute` a minute;
/// `Err(seconds)` until the next token when it is empty.
pub fn take(bucket: &mut Bucket, now: Instant, per_minute: u32) -> Result<(), u64> {
    let capacity = f64::from(per_minute);
    let per_second = capacity / 60.0;
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
    bucket.at = now;
    if bucket.tokens >= 1.0 {
        bucket.tokens -= 1.0;
        Ok(())
    } else {
        Err(((1.0 - bucket.tokens) / per_second).ceil().max(1.0) as u64)
    }
}

/// Buckets beyond this many make the limiter forget the full ones (idle clients).
const PRUNE_AT: usize = 10_000;

pub struct Limiter {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl Limiter {
    pub fn new(per_minute: u32) -> Self {
        Limiter { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// `Err(seconds)` when `addr` is over the limit.
    pub fn check(&self, addr: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        // A poisoned lock only means another request panicked mid-update: the map is still usable.
        let mut buckets = self.buckets.lock().unwrap_or_else(|poison| poison.into_inner());
        if buckets.len() >= PRUNE_AT {
            let full = f64::from(self.per_minute);
            let per_second = full / 60.0;
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * per_second < full
            });
        }
        let fresh = Bucket { tokens: f64::from(self.per_minute), at: now };
        take(buckets.entry(addr).or_insert(fresh), now, self.per_minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::time::Duration;

    #[test]
    fn a_bucket_allows_a_burst_then_one_per_interval() {
        let limiter = Limiter::new(60);
        let (ip, t0) = ("10.0.0.1".parse().unwrap(), Instant::now());
        for _ in 0..60 {
            assert_eq!(limiter.check(ip, t0), Ok(()));
        }
        assert_eq!(limiter.check(ip, t0), Err(1));
        assert_eq!(limiter.check("10.0.0.2".parse().unwrap(), t0), Ok(()), "per address");
        assert_eq!(limiter.check(ip, t0 + Duration::from_millis(1_100)), Ok(()));
        assert_eq!(limiter.check(ip, t0 + Duration::from_millis(1_200)), Err(1));
        let slow = Limiter::new(2);
        for _ in 0..2 {
            assert_eq!(slow.check(ip, t0), Ok(()));
        }
        assert_eq!(slow.check(ip, t0), Err(30));
        assert_eq!(Limiter::new(0).check(ip, t0), Ok(()), "0 turns it off");
    }

    #[test]
    fn proxy_headers_count_only_when_trusted() {
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.9"));
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(client(peer, &headers, false), Client { addr: peer.ip(), https: false });
        assert_eq!(
            client(peer, &headers, true),
            Client { addr: "203.0.113.9".parse().unwrap(), https: true }
        );
        headers.insert("x-forwarded-for", HeaderValue::from_static("garbage"));
        assert_eq!(client(peer, &headers, true).addr, peer.ip());
    }
}
