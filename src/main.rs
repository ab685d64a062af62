//! The `newsgraph` command: flags in, library calls, exit status out.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    // An extractor that trips over odd input is caught and reported as a
    // warning naming the article; keep the report to one line.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("newsgraph: internal error{at} (please report it)");
    }));
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("newsgraph: {}", failure.message);
            ExitCode::from(failure.status)
        }
    }
}
