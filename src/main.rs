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
    let status = match cli::run(args) {
        Ok(status) => status,
        Err(failure) => {
            eprintln!("newsgraph: {}", failure.message);
            failure.status
        }
    };
    if newsgraph::store::query_still_running() {
        // A query stopped at --timeout may still be inside RocksDB; a
        // normal exit would tear RocksDB down under it.
        let _ = std::io::Write::flush(&mut std::io::stdout());
        // SAFETY: _exit ends the process at once; nothing of ours is left
        // to run, and stdout is flushed.
        unsafe { libc::_exit(i32::from(status)) }
    }
    ExitCode::from(status)
}
