//! Server rendering from a Rust host, with nothing but `std`: reads a props file and prints
//! the mount element to paste into a page.
//!
//! ```sh
//! cargo run --example render -- props.json
//! ```

use std::process::ExitCode;

use article_widget::model::{Json, PropsError};
use article_widget::render_to_html;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: render PROPS.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.display());
            return ExitCode::from(2);
        }
    };
    // Props that are not JSON, or that the widget would refuse, name the field.
    let rendered = Json::from_text(&text)
        .map_err(|problem| PropsError::new("props", problem))
        .and_then(|props| render_to_html(&props));
    match rendered {
        Ok(html) => {
            println!("{html}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("props error: {}: {error}", error.field);
            ExitCode::from(2)
        }
    }
}
