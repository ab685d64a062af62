//! Writes a deterministic corpus of generated German and English news
//! articles for benchmarks:
//!
//!     cargo run --release --example gen-corpus -- --count 10000 --seed 1 --out /tmp/corpus
//!
//! Article `i` depends only on the seed and `i` (1000 files per
//! subdirectory), so a smaller corpus is a prefix of a larger one.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn usage() -> ExitCode {
    eprintln!("usage: gen-corpus --count N [--seed S] --out DIR");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut count: Option<u64> = None;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next();
        match arg.as_str() {
            "--count" | "-n" => match value().and_then(|v| v.replace('_', "").parse().ok()) {
                Some(n) => count = Some(n),
                None => return usage(),
            },
            "--seed" => match value().and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            "--out" | "-o" => match value() {
                Some(d) => out = Some(PathBuf::from(d)),
                None => return usage(),
            },
            "--help" | "-h" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ => return usage(),
        }
    }
    let (Some(count), Some(out)) = (count, out) else {
        return usage();
    };
    let started = Instant::now();
    match corpus::write_corpus(&out, count, seed) {
        Ok(bytes) => {
            eprintln!(
                "gen-corpus: {count} articles, {:.1} MB, seed {seed}, in {} ({:.1} s)",
                bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
