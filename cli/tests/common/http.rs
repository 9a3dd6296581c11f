//! A small HTTP/1.1 client over std's TcpStream (keep-alive, Content-Length or chunked
//! replies): the service's tests and scripts/bench-service's load generator speak to the
//! server through it, with no HTTP client crate.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A name no other test or run uses: ids in the shared PostgreSQL database never collide.
pub fn unique(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{prefix}-{}-{nanos:x}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed))
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `aw_reader=…` pair of `Set-Cookie`, as a browser would send it back.
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie").and_then(|c| c.split(';').next()).map(str::to_owned)
    }
}

/// An HTTP/1.1 client over one keep-alive connection, reopened when the server closes it.
pub struct Client {
    addr: SocketAddr,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        Client { addr, conn: None }
    }

    /// One request; `Err` when the connection fails (a killed server).
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        let reused = self.conn.is_some();
        if self.conn.is_none() {
            let stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5))?;
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            stream.set_nodelay(true)?;
            self.conn = Some(BufReader::new(stream));
        }
        if let Err(error) = self.write_request(method, path, headers, body) {
            self.conn = None;
            // A kept-alive connection the server had already closed: the request never got
            // there, so it goes once more on a new connection, as HTTP clients do. A new
            // connection that fails is an answer (a killed server).
            if reused && matches!(error.kind(), ErrorKind::BrokenPipe | ErrorKind::ConnectionReset) {
                return self.send(method, path, headers, body);
            }
            return Err(error);
        }
        let result = self.read_reply();
        if result.is_err() {
            self.conn = None;
        }
        result
    }

    fn write_request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<()> {
        let conn = self.conn.as_mut().ok_or(ErrorKind::NotConnected)?;
        let mut head =
            format!("{method} {path} HTTP/1.1\r\nhost: {}\r\ncontent-length: {}\r\n", self.addr, body.len());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let stream = conn.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)
    }

    fn read_reply(&mut self) -> std::io::Result<Reply> {
        let conn = self.conn.as_mut().ok_or(ErrorKind::NotConnected)?;
        let mut line = String::new();
        if conn.read_line(&mut line)? == 0 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        let status: u16 =
            line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or(ErrorKind::InvalidData)?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            if conn.read_line(&mut line)? == 0 {
                return Err(ErrorKind::UnexpectedEof.into());
            }
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            if let Some((name, value)) = trimmed.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        let find = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        let mut body = Vec::new();
        if let Some(length) = find("content-length").and_then(|l| l.parse::<usize>().ok()) {
            body.resize(length, 0);
            conn.read_exact(&mut body)?;
        } else if find("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
            loop {
                line.clear();
                conn.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim(), 16).map_err(|_| ErrorKind::InvalidData)?;
                let mut chunk = vec![0; size + 2];
                conn.read_exact(&mut chunk)?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            conn.read_to_end(&mut body)?;
            self.conn = None;
        }
        if find("connection").is_some_and(|c| c.eq_ignore_ascii_case("close")) {
            self.conn = None;
        }
        Ok(Reply { status, headers, body })
    }

    pub fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, &[], b"").expect("the server answers")
    }

    /// §4's request, with a key and maybe a cookie.
    pub fn react(&mut self, key: Option<&str>, cookie: Option<&str>, body: &str) -> std::io::Result<Reply> {
        let mut headers = vec![("content-type", "application/json")];
        if let Some(key) = key {
            headers.push(("idempotency-key", key));
        }
        if let Some(cookie) = cookie {
            headers.push(("cookie", cookie));
        }
        self.send("POST", "/api/reactions", &headers, body.as_bytes())
    }

    pub fn counts(&mut self, article: &str) -> serde_json::Value {
        let reply = self.get(&format!("/api/reactions/{article}"));
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.json()["counts"].clone()
    }
}

pub fn change(article: &str, reaction: &str, selected: bool) -> String {
    serde_json::json!({ "articleId": article, "reaction": reaction, "selected": selected }).to_string()
}
