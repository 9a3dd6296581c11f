//! `article-widget`: the widget's native command line.
//!
//! ```text
//! article-widget render [FILE] [--assets URL]   props (FILE or stdin) → one mount element (stdout)
//! article-widget serve [--listen ADDR:PORT] [--database URL] …   the reactions service
//! article-widget --help
//! ```
//!
//! Exit status: 0 rendered, 2 bad props, unreadable input or a usage error (nothing on stdout,
//! the reason on stderr).

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod serve;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// trunk also builds this workspace member for wasm32; there is nothing to run there.
#[cfg(target_arch = "wasm32")]
fn main() {}
