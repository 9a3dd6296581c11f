//! `serve`'s options: parsed by hand like `render`'s, into a plain [`Config`].

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "\
  article-widget serve [--listen ADDR:PORT] [--database URL] [--dist DIR] [--rate-limit N]
                       [--reactions KEY,KEY,...] [--trust-proxy] [--allow-origin ORIGIN]...
      Runs the reactions service (contract §8) until SIGTERM or Ctrl-C; requests in flight
      finish first. Routes: POST /api/reactions, GET /api/reactions/{articleId},
      POST /api/render, GET /widget/…, GET /healthz.
      --listen ADDR:PORT   where to listen (default 127.0.0.1:8787)
      --database URL       sqlite://PATH (default sqlite://reactions.db, created on first start,
                           WAL) or postgres://USER@HOST:PORT/DB (shared by several processes);
                           DATABASE_URL is used when the option is absent
      --dist DIR           the release output (trunk build --release) served under /widget/;
                           /widget/VERSION/… is the same, cached as immutable
      --rate-limit N       reaction changes (POST /api/reactions) per minute from one client
                           address, a token bucket (default 600; 0 turns it off); over it: 429
                           with Retry-After. Reading counts and POST /api/render are not limited
      --reactions KEY,KEY,...  the reaction keys a change may name (default like,angry,sad,followUp,
                           the widget's defaults); any other key is 422 and nothing is stored.
                           List every key your props' `reactions` use
      --trust-proxy        take the client address and scheme from X-Forwarded-For (its last
                           entry: the one the site's own proxy added) and X-Forwarded-Proto;
                           only behind a reverse proxy that sets them
      --allow-origin ORIGIN  lets pages on ORIGIN (e.g. https://news.example, or *) read counts
                           with GET /api/reactions/{articleId} (CORS); repeatable; off by default
      Logs go to standard error; RUST_LOG sets the level (default info; debug logs each request).
";

const DEFAULT_LISTEN: ([u8; 4], u16) = ([127, 0, 0, 1], 8787);
const DEFAULT_DATABASE: &str = "sqlite://reactions.db";
const DEFAULT_RATE_LIMIT: u32 = 600;
/// The widget's own reaction keys (`model::reactions::DEFAULT_REACTIONS`).
pub const DEFAULT_REACTIONS: [&str; 4] = ["like", "angry", "sad", "followUp"];

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub listen: SocketAddr,
    pub database: String,
    pub dist: Option<PathBuf>,
    /// Requests per minute per client address; 0: no limit.
    pub rate_limit: u32,
    /// The reaction keys a change may name; the store keeps no others.
    pub reactions: Vec<String>,
    pub trust_proxy: bool,
    pub allow_origins: Vec<String>,
}

/// `serve`'s arguments (after the word `serve`); `database_url` is `DATABASE_URL`'s value.
/// `Ok(None)` asks for the help text.
pub fn parse(
    args: impl IntoIterator<Item = OsString>,
    database_url: Option<String>,
) -> Result<Option<Config>, String> {
    let mut listen = None;
    let mut database = None;
    let mut dist = None;
    let mut rate_limit = None;
    let mut reactions: Option<Vec<String>> = None;
    let mut trust_proxy = false;
    let mut allow_origins = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.into_string().map_err(|_| "an argument is not UTF-8".to_owned())?;
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_owned(), Some(value.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            let value = match inline.clone() {
                Some(value) => value,
                None => args
                    .next()
                    .ok_or(format!("{name} needs a value"))?
                    .into_string()
                    .map_err(|_| format!("{name}: the value is not UTF-8"))?,
            };
            if value.is_empty() { Err(format!("{name} needs a value")) } else { Ok(value) }
        };
        match name.as_str() {
            "--help" | "-h" => return Ok(None),
            "--listen" => {
                let text = value("--listen")?;
                listen = Some(text.parse().map_err(|_| format!("--listen: `{text}` is not ADDR:PORT"))?);
            }
            "--database" => database = Some(value("--database")?),
            "--dist" => dist = Some(PathBuf::from(value("--dist")?)),
            "--rate-limit" => {
                let text = value("--rate-limit")?;
                rate_limit =
                    Some(text.parse().map_err(|_| format!("--rate-limit: `{text}` is not a count"))?);
            }
            "--reactions" => {
                let text = value("--reactions")?;
                let mut keys: Vec<String> = Vec::new();
                for key in text.split(',').map(str::trim) {
                    if !super::change::valid_reaction(key) {
                        return Err(format!(
                            "--reactions: `{key}` is not a reaction key (1 to {} characters from A-Z a-z 0-9 _ -)",
                            super::change::MAX_REACTION
                        ));
                    }
                    if !keys.iter().any(|k| k == key) {
                        keys.push(key.to_owned());
                    }
                }
                reactions = Some(keys);
            }
            "--trust-proxy" if inline.is_none() => trust_proxy = true,
            "--allow-origin" => allow_origins.push(value("--allow-origin")?),
            _ => return Err(format!("unknown option `{arg}`")),
        }
    }
    let database =
        database.or(database_url.filter(|url| !url.is_empty())).unwrap_or(DEFAULT_DATABASE.to_owned());
    if !(database.starts_with("sqlite:")
        || database.starts_with("postgres://")
        || database.starts_with("postgresql://"))
    {
        return Err(format!("--database: `{database}` is neither sqlite://PATH nor postgres://…"));
    }
    Ok(Some(Config {
        listen: listen.unwrap_or_else(|| SocketAddr::from(DEFAULT_LISTEN)),
        database,
        dist,
        rate_limit: rate_limit.unwrap_or(DEFAULT_RATE_LIMIT),
        reactions: reactions.unwrap_or_else(|| DEFAULT_REACTIONS.iter().map(|k| (*k).to_owned()).collect()),
        trust_proxy,
        allow_origins,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str], env: Option<&str>) -> Result<Option<Config>, String> {
        parse(args.iter().map(OsString::from), env.map(str::to_owned))
    }

    #[test]
    fn defaults_then_every_option_in_both_forms() {
        let config = parse_str(&[], None).unwrap().unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8787");
        assert_eq!(config.database, "sqlite://reactions.db");
        assert_eq!((config.rate_limit, config.trust_proxy, config.dist), (600, false, None));
        assert_eq!(config.reactions, ["like", "angry", "sad", "followUp"]);
        let config = parse_str(
            &[
                "--listen=0.0.0.0:9000",
                "--database",
                "postgres://aw@127.0.0.1/aw",
                "--dist",
                "dist",
                "--rate-limit=0",
                "--reactions",
                "like,wow, like,followUp",
                "--trust-proxy",
                "--allow-origin",
                "https://a.example",
                "--allow-origin=*",
            ],
            Some("sqlite://ignored.db"),
        )
        .unwrap()
        .unwrap();
        assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
        assert_eq!(config.database, "postgres://aw@127.0.0.1/aw");
        assert_eq!(config.dist, Some(PathBuf::from("dist")));
        assert_eq!((config.rate_limit, config.trust_proxy), (0, true));
        assert_eq!(config.allow_origins, ["https://a.example", "*"]);
        assert_eq!(config.reactions, ["like", "wow", "followUp"]);
    }

    #[test]
    fn database_url_applies_when_the_option_is_absent() {
        let config = parse_str(&[], Some("postgres://x@h/db")).unwrap().unwrap();
        assert_eq!(config.database, "postgres://x@h/db");
        assert_eq!(parse_str(&["--help"], None), Ok(None));
    }

    #[test]
    fn bad_options_are_errors() {
        for args in [
            &["--listen"][..],
            &["--listen", "nowhere"],
            &["--rate-limit", "-1"],
            &["--database", "mysql://x"],
            &["--dist="],
            &["--reactions", "like,,sad"],
            &["--reactions", "li.ke"],
            &["--reactions="],
            &["--trust-proxy=yes"],
            &["--verbose"],
        ] {
            assert!(parse_str(args, None).is_err(), "{args:?}");
        }
    }
}
