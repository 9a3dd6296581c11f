//! For the service's tests: the server binary run as a site would run it, the two stores the
//! same tests run against, and (in `http`) a small HTTP/1.1 client.
#![allow(dead_code)] // each test file uses its own part

mod http;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub use http::{Client, change, unique};

/// Set by scripts/test: the throwaway PostgreSQL cluster's URL.
pub const POSTGRES_ENV: &str = "AW_TEST_POSTGRES_URL";
/// Set by scripts/test: the PostgreSQL tests must run (a missing URL fails them).
pub const REQUIRE_ENV: &str = "AW_REQUIRE_POSTGRES";

#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Store {
    pub fn sqlite() -> Store {
        let dir = std::env::temp_dir().join(unique("aw-service"));
        Store::Sqlite(dir.join("reactions.db"))
    }

    /// `None`: no cluster here and none required (plain `cargo test`); the caller skips.
    pub fn postgres() -> Option<Store> {
        match std::env::var(POSTGRES_ENV) {
            Ok(url) if !url.is_empty() => Some(Store::Postgres(url)),
            _ if std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1") => {
                panic!("{REQUIRE_ENV}=1 but {POSTGRES_ENV} is not set: the PostgreSQL tests cannot run")
            }
            _ => {
                eprintln!("skipped: no PostgreSQL ({POSTGRES_ENV} unset; scripts/test starts one)");
                None
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            Store::Sqlite(path) => format!("sqlite://{}", path.display()),
            Store::Postgres(url) => url.clone(),
        }
    }
}

/// The same test against both stores: `both!(name)` runs `fn name(store: Store)`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        $(mod $name {
            #[test]
            fn sqlite() {
                super::$name(super::common::Store::sqlite())
            }
            #[test]
            fn postgres() {
                if let Some(store) = super::common::Store::postgres() {
                    super::$name(store)
                }
            }
        })*
    };
}

/// A running `article-widget serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    pub store: Store,
}

impl Server {
    pub fn start(store: &Store, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_article-widget"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database", &store.url(), "--rate-limit", "0"])
            .args(extra)
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn,article_widget::serve=info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let (found, addr) = mpsc::channel();
        // Reads the log until the address, then keeps draining it so the server never blocks
        // on a full pipe; its lines go to the test's output (shown on failure).
        std::thread::spawn(move || {
            let mut found = Some(found);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("server: {line}");
                if let Some(rest) = line.split("addr=").nth(1).filter(|_| line.contains("listening")) {
                    if let (Some(tx), Ok(addr)) =
                        (found.take(), rest.split_whitespace().next().unwrap_or("").parse())
                    {
                        let _ = tx.send(addr);
                    }
                }
            }
        });
        let addr = match addr.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start listening: {:?}", child.wait());
            }
        };
        Server { child, addr, store: store.clone() }
    }

    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
