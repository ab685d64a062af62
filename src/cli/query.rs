//! `newsgraph query`.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use newsgraph::output::{self, OutputError, ResultFormat};
use newsgraph::queries;
use newsgraph::store::{Access, QueryError};

use super::args::{Cli, QueryArgs, ResultFormatArg};
use super::export::export_format;
use super::{Failure, exit, open_store, stdout_is_terminal};

pub fn run(cli: &Cli, args: &QueryArgs) -> Result<u8, Failure> {
    if args.list {
        let width = queries::CANNED
            .iter()
            .map(|(n, _)| n.len())
            .max()
            .unwrap_or(0);
        for (name, text) in queries::CANNED {
            println!("{name:width$}  {}", queries::description(text));
        }
        return Ok(exit::OK);
    }
    let text = args.query.as_deref().unwrap_or_default();
    let sparql = resolve(text)?;
    let timeout = match args.timeout {
        Some(s) if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s)),
        Some(s) => {
            return Err(Failure::new(
                exit::USAGE,
                format!("--timeout {s}: give a positive number of seconds"),
            ));
        }
        None => None,
    };
    let store = open_store(cli, Access::Read)?;
    let outcome = store.query(&sparql, timeout).map_err(query_failure)?;
    let format = match args.format {
        Some(f) => result_format(f),
        None if stdout_is_terminal() => ResultFormat::Table,
        // As `--help` promises: JSON, the result format every SPARQL client
        // reads, when the output goes to a program.
        None => ResultFormat::Json,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let printed =
        output::print_outcome(outcome, format, export_format(args.graph_format), &mut out);
    let flushed = out.flush();
    match printed {
        Err(OutputError::Query(e)) => Err(query_failure(e)),
        Err(OutputError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(exit::OK),
        Err(e) => Err(Failure::new(exit::PARTIAL, e)),
        Ok(_) => match flushed {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure::new(exit::PARTIAL, e))
            }
            _ => Ok(exit::OK),
        },
    }
}

/// A query argument is a file, a canned query name, or SPARQL text.
fn resolve(text: &str) -> Result<String, Failure> {
    let path = Path::new(text);
    // An existing file wins: a path like `queries/select-all.rq` contains
    // SPARQL keywords, while SPARQL text is practically never a file name.
    if path.is_file() {
        return std::fs::read_to_string(path)
            .map_err(|e| Failure::new(exit::USAGE, format!("{text}: {e}")));
    }
    // Canned queries also answer to `bans.rq`, from any directory.
    if let Some(canned) = queries::canned(text) {
        return Ok(canned.to_owned());
    }
    if text.ends_with(".rq") {
        return Err(Failure::new(
            exit::USAGE,
            format!("{text}: no such file, nor a canned query (see `newsgraph query --list`)"),
        ));
    }
    if looks_like_sparql(text) {
        return Ok(text.to_owned());
    }
    Err(Failure::new(
        exit::USAGE,
        format!(
            "`{text}` is neither a file, a canned query (see `newsgraph query --list`) nor SPARQL"
        ),
    ))
}

fn looks_like_sparql(text: &str) -> bool {
    let upper = text.to_uppercase();
    ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE"]
        .iter()
        .any(|k| upper.contains(k))
}

fn query_failure(e: QueryError) -> Failure {
    let status = match e {
        QueryError::Syntax(_) => exit::USAGE,
        QueryError::Timeout(_) => exit::TIMEOUT,
        QueryError::Evaluation(_) => exit::PARTIAL,
    };
    Failure::new(status, e.to_string().replace('\n', " "))
}

fn result_format(f: ResultFormatArg) -> ResultFormat {
    match f {
        ResultFormatArg::Table => ResultFormat::Table,
        ResultFormatArg::Csv => ResultFormat::Csv,
        ResultFormatArg::Tsv => ResultFormat::Tsv,
        ResultFormatArg::Json => ResultFormat::Json,
        ResultFormatArg::Xml => ResultFormat::Xml,
    }
}
