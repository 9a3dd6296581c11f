//! The command line: parsed by hand into a [`Command`], then run. Each subcommand is one
//! variant and one arm; `serve`'s options live with the service (`serve::config`).

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use article_widget::model::{Json, PropsError};

use crate::serve;
use article_widget::{asset_links, render_to_html_with_warnings};

const USAGE_HEAD: &str = "\
article-widget: the article widget's server side

Usage:
  article-widget render [FILE] [--assets URL]
      Reads one props object (an article or a sidebar box) from FILE, or standard input when
      FILE is absent or `-`, and writes the HTML of one complete mount element to standard
      output: the rendered widget and its props as a JSON script. Paste it into the page.
      --assets URL  the folder that serves embed.js (e.g. https://cdn.example/article-widget/0.1.0/):
                    the fragment then begins with the widget's stylesheet link there and
                    preloads of embed.js, the glue and the Wasm
";

const USAGE_TAIL: &str = "\
  article-widget --help

Exit status: render: 0 rendered; 2 bad props, unreadable input or bad arguments (nothing on
standard output, the reason on standard error; bad props name the field). serve: 0 after a
clean stop; 1 when the store or the address cannot be opened; 2 bad arguments.
";

fn usage() -> String {
    format!("{USAGE_HEAD}{}{USAGE_TAIL}", serve::config::USAGE)
}

/// Bad props, unreadable input, bad arguments.
const FAILURE: u8 = 2;

#[derive(Debug, PartialEq)]
enum Command {
    Help,
    /// Props from `file` (standard input when `None`) to one mount element.
    Render {
        file: Option<PathBuf>,
        assets: Option<String>,
    },
    Serve(serve::config::Config),
}

pub fn main() -> ExitCode {
    let command = match parse(std::env::args_os().skip(1).collect()) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("article-widget: {message}\n\n{}", usage());
            return ExitCode::from(FAILURE);
        }
    };
    match command {
        Command::Help => output(&usage()),
        Command::Render { file, assets } => render(file, assets.as_deref()),
        Command::Serve(config) => serve::run(config),
    }
}

fn parse(args: Vec<OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    match args.next().as_ref().and_then(|a| a.to_str()) {
        Some("--help" | "-h" | "help") => Ok(Command::Help),
        Some("render") => parse_render(args),
        Some("serve") => {
            let database_url = std::env::var("DATABASE_URL").ok();
            Ok(serve::config::parse(args, database_url)?.map_or(Command::Help, Command::Serve))
        }
        Some(other) => Err(format!("unknown command `{other}`")),
        None => Err("a command is needed".to_owned()),
    }
}

fn parse_render(mut args: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let (mut file, mut assets) = (None, None);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--help" | "-h") => return Ok(Command::Help),
            Some("--assets") => {
                let url = args.next().ok_or("--assets needs a URL")?;
                assets = Some(url.into_string().map_err(|_| "--assets: the URL is not UTF-8")?);
            }
            Some(a) if a.starts_with("--assets=") => assets = Some(a["--assets=".len()..].to_owned()),
            Some("-") if file.is_none() => file = Some(None),
            Some(a) if a.starts_with('-') => return Err(format!("unknown option `{a}`")),
            _ if file.is_none() => file = Some(Some(PathBuf::from(arg))),
            _ => return Err("render reads one FILE".to_owned()),
        }
    }
    if assets.as_deref() == Some("") {
        return Err("--assets needs a URL".to_owned());
    }
    Ok(Command::Render { file: file.flatten(), assets })
}

fn render(file: Option<PathBuf>, assets: Option<&str>) -> ExitCode {
    let read = match &file {
        Some(path) => std::fs::read(path),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
        }
    };
    let name = file.as_ref().map_or("standard input".into(), |p| p.display().to_string());
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("article-widget: cannot read {name}: {error}");
            return ExitCode::from(FAILURE);
        }
    };
    // Text that is not JSON is the alert's `props` problem, as in the browser.
    let rendered = Json::from_text(&bytes)
        .map_err(|problem| PropsError::new("props", problem))
        .and_then(|props| render_to_html_with_warnings(&props));
    let (html, warnings) = match rendered {
        Ok(done) => done,
        Err(error) => {
            eprintln!("props error: {}: {error}", error.field);
            return ExitCode::from(FAILURE);
        }
    };
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let links = assets.map(asset_links).unwrap_or_default();
    output(&format!("{links}{html}\n"))
}

/// Writes to standard output; a closed pipe or a full disk is exit status 1.
fn output(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("article-widget: cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn render_takes_one_file_or_stdin_and_assets_in_either_form() {
        let render = |file: Option<&str>, assets: Option<&str>| Command::Render {
            file: file.map(PathBuf::from),
            assets: assets.map(str::to_owned),
        };
        assert_eq!(parse_str(&["render"]), Ok(render(None, None)));
        assert_eq!(parse_str(&["render", "-"]), Ok(render(None, None)));
        assert_eq!(
            parse_str(&["render", "a.json", "--assets", "/x/"]),
            Ok(render(Some("a.json"), Some("/x/")))
        );
        assert_eq!(parse_str(&["render", "--assets=/x", "a.json"]), Ok(render(Some("a.json"), Some("/x"))));
        assert_eq!(parse_str(&["--help"]), Ok(Command::Help));
        assert_eq!(parse_str(&["render", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(parse_str(&[]).is_err());
        assert!(parse_str(&["serve", "--pretty"]).is_err());
        assert!(parse_str(&["bench"]).is_err());
        assert!(parse_str(&["render", "a", "b"]).is_err());
        assert!(parse_str(&["render", "--assets"]).is_err());
        assert!(parse_str(&["render", "--assets="]).is_err());
        assert!(parse_str(&["render", "--pretty"]).is_err());
    }
}
