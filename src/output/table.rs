//! Aligned columns for people reading query results in a terminal.

use std::io::Write;

use oxigraph::model::Term;
use oxigraph::sparql::{QuerySolution, Variable};

use super::OutputError;
use crate::graph::ns;
use crate::store::QueryError;

/// Cells longer than this are cut with an ellipsis.
const MAX_CELL: usize = 60;

pub fn print(
    variables: &[Variable],
    rows: Box<dyn Iterator<Item = Result<QuerySolution, QueryError>>>,
    out: &mut dyn Write,
) -> Result<u64, OutputError> {
    let mut cells: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let row = row?;
        cells.push(
            variables
                .iter()
                .map(|v| row.get(v).map(cell).unwrap_or_default())
                .collect(),
        );
    }
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    write_row(out, &header, &widths)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    write_row(out, &rule, &widths)?;
    for row in &cells {
        write_row(out, row, &widths)?;
    }
    writeln!(
        out,
        "({} row{})",
        cells.len(),
        if cells.len() == 1 { "" } else { "s" }
    )?;
    Ok(cells.len() as u64)
}

fn write_row(out: &mut dyn Write, row: &[String], widths: &[usize]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (c, w)) in row.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(c);
        if i + 1 < row.len() {
            line.extend(std::iter::repeat_n(
                ' ',
                w.saturating_sub(c.chars().count()),
            ));
        }
    }
    writeln!(out, "{line}")
}

/// A term as people read it: literal values bare, IRIs with our prefixes.
fn cell(term: &Term) -> String {
    let text = match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => compact(n.as_str()),
        other => other.to_string(),
    };
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > MAX_CELL {
        let cut: String = flat.chars().take(MAX_CELL - 1).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

fn compact(iri: &str) -> String {
    for (prefix, ns_iri) in ns::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns_iri)
            && !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}
