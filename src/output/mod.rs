//! Printers: query results in the SPARQL result formats or as an aligned
//! table, RDF for CONSTRUCT/DESCRIBE, and load progress for terminals.

use std::fmt;
use std::io::Write;

use oxigraph::io::RdfSerializer;
use oxigraph::sparql::QuerySolution;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use crate::graph::ns;
use crate::store::{ExportFormat, QueryError, QueryOutcome};

pub mod progress;
pub mod table;

/// How SELECT and ASK results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(Debug)]
pub enum OutputError {
    Query(QueryError),
    Io(std::io::Error),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Query(e) => e.fmt(f),
            OutputError::Io(e) => write!(f, "cannot write results: {e}"),
        }
    }
}

impl std::error::Error for OutputError {}

impl From<std::io::Error> for OutputError {
    fn from(e: std::io::Error) -> Self {
        OutputError::Io(e)
    }
}

impl From<QueryError> for OutputError {
    fn from(e: QueryError) -> Self {
        OutputError::Query(e)
    }
}

/// Prints a query's outcome; returns the number of rows or triples.
pub fn print_outcome(
    outcome: QueryOutcome,
    format: ResultFormat,
    graph_format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, OutputError> {
    match outcome {
        QueryOutcome::Solutions { variables, rows } => match format {
            ResultFormat::Table => table::print(&variables, rows, out),
            _ => {
                let count = print_solutions(variables, rows, results_format(format), out)?;
                // JSON and XML end without a newline, which would leave the
                // shell prompt on the last line; CSV and TSV rows end in one.
                if matches!(format, ResultFormat::Json | ResultFormat::Xml) {
                    writeln!(out)?;
                }
                Ok(count)
            }
        },
        QueryOutcome::Boolean(value) => {
            if format == ResultFormat::Table {
                writeln!(out, "{value}")?;
            } else {
                QueryResultsSerializer::from_format(results_format(format))
                    .serialize_boolean_to_writer(&mut *out, value)?;
                writeln!(out)?;
            }
            Ok(1)
        }
        QueryOutcome::Triples(triples) => print_triples(triples, graph_format, out),
    }
}

fn results_format(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Json | ResultFormat::Table => QueryResultsFormat::Json,
    }
}

fn print_solutions(
    variables: Vec<oxigraph::sparql::Variable>,
    rows: Box<dyn Iterator<Item = Result<QuerySolution, QueryError>>>,
    format: QueryResultsFormat,
    out: &mut dyn Write,
) -> Result<u64, OutputError> {
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(&mut *out, variables)?;
    let mut count = 0;
    for row in rows {
        serializer.serialize(&row?)?;
        count += 1;
    }
    serializer.finish()?;
    Ok(count)
}

fn print_triples(
    triples: Box<dyn Iterator<Item = Result<oxigraph::model::Triple, QueryError>>>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, OutputError> {
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (prefix, iri) in ns::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|e| OutputError::Io(std::io::Error::other(e)))?;
    }
    let mut writer = serializer.for_writer(&mut *out);
    let mut count = 0;
    for triple in triples {
        writer.serialize_triple(&triple?)?;
        count += 1;
    }
    writer.finish()?;
    Ok(count)
}
