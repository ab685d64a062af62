//! The commands behind the flags: each runs library calls and turns their
//! results into terminal output and an exit code.

use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;

use newsgraph::decide::Model;
use newsgraph::pipeline::Pipeline;
use newsgraph::store::{Access, GraphStore, StoreError};
use newsgraph::vocab::{VocabSources, Vocabulary};

pub mod args;
mod export;
mod load;
mod query;
mod stats;
mod train;

use args::{Cli, Command};

/// Default store directory, relative to the working directory.
pub const DEFAULT_STORE: &str = "newsgraph.db";

/// Exit statuses (documented in the README).
pub mod exit {
    pub const OK: u8 = 0;
    /// Some inputs failed; the rest was done.
    pub const PARTIAL: u8 = 1;
    /// Bad usage or a bad query.
    pub const USAGE: u8 = 2;
    /// The store could not be opened, read or written.
    pub const STORE: u8 = 3;
    /// A query ran past --timeout.
    pub const TIMEOUT: u8 = 4;
    /// Stopped by Ctrl-C (after storing the current batch).
    pub const INTERRUPTED: u8 = 130;
}

/// A command that could not do its job: one line for stderr and a status.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub status: u8,
}

impl Failure {
    pub fn new(status: u8, message: impl fmt::Display) -> Self {
        Self {
            message: message.to_string(),
            status,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::new(exit::STORE, e)
    }
}

/// Runs the parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<u8, Failure> {
    match &cli.command {
        Command::Load(args) => load::run(&cli, args),
        Command::Query(args) => query::run(&cli, args),
        Command::Export(args) => export::run(&cli, args),
        Command::Extract(args) => export::extract(&cli, args),
        Command::Stats => stats::run(&cli),
        Command::Remove(args) => stats::remove(&cli, args),
        Command::Train(args) => train::run(&cli, args),
    }
}

fn store_dir(cli: &Cli) -> PathBuf {
    cli.store
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE))
}

fn open_store(cli: &Cli, access: Access) -> Result<GraphStore, Failure> {
    Ok(GraphStore::open(&store_dir(cli), access, cli.wait)?)
}

fn vocabulary(cli: &Cli) -> Result<Vocabulary, Failure> {
    Vocabulary::load(&VocabSources {
        ontology_dir: cli.ontology.clone(),
        gazetteers: cli.gazetteer.clone(),
    })
    .map_err(|e| Failure::new(exit::USAGE, e))
}

/// The pipeline the flags ask for: the built-in model, `--model FILE`, or
/// the rules alone.
fn pipeline(cli: &Cli, vocab: &Vocabulary) -> Result<Pipeline, Failure> {
    if cli.rules_only {
        return Ok(Pipeline::rules(vocab));
    }
    let Some(path) = &cli.model else {
        return Ok(Pipeline::standard(vocab));
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::new(exit::USAGE, format!("{}: {e}", path.display())))?;
    let model = Model::parse(&text).map_err(|e| {
        Failure::new(
            exit::USAGE,
            format!("{}: not a usable model: {e}", path.display()),
        )
    })?;
    Ok(Pipeline::learned(vocab, std::sync::Arc::new(model)))
}

fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// `12345` as `12,345`, for summaries people read.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
