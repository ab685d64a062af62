//! The `newsgraph` command: flags in, library calls, exit status out.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("newsgraph: {}", failure.message);
            ExitCode::from(failure.status)
        }
    }
}
