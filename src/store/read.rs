//! Reading the store: SPARQL over the union of article graphs, export in
//! RDF formats, and counts.

use std::collections::HashSet;
use std::fmt;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Triple,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator, Variable,
};

use super::{GraphStore, StoreError};
use crate::graph::ns;

/// What a query gives back, independent of where the store lives.
pub enum QueryOutcome {
    Solutions {
        variables: Vec<Variable>,
        rows: Box<dyn Iterator<Item = Result<QuerySolution, QueryError>>>,
    },
    Boolean(bool),
    Triples(Box<dyn Iterator<Item = Result<Triple, QueryError>>>),
}

#[derive(Debug)]
pub enum QueryError {
    /// The query text is not SPARQL; the message gives the position.
    Syntax(String),
    Timeout(Duration),
    Evaluation(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Syntax(m) => write!(f, "SPARQL syntax error: {m}"),
            QueryError::Timeout(d) => write!(
                f,
                "query stopped after {} s (--timeout); narrow it or raise the limit",
                d.as_secs_f64()
            ),
            QueryError::Evaluation(m) => write!(f, "query failed: {m}"),
        }
    }
}

impl std::error::Error for QueryError {}

/// RDF formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Turtle,
    TriG,
    NTriples,
    NQuads,
    RdfXml,
}

impl ExportFormat {
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::RdfXml => RdfFormat::RdfXml,
        }
    }

    /// Formats with named graphs keep each article's graph; the others get
    /// the merged graph (provenance stays in `prov:wasDerivedFrom`).
    pub fn keeps_graphs(self) -> bool {
        matches!(self, ExportFormat::TriG | ExportFormat::NQuads)
    }
}

/// How much the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: u64,
    /// Distinct triples of the merged graph (what a Turtle export holds).
    pub triples: u64,
    /// Quads over all article graphs.
    pub quads: u64,
    /// Fact nodes per class local name (`Ban`, `DateMention`, ...).
    pub facts: Vec<(String, u64)>,
    pub organisations: u64,
}

/// The fact classes `stats` counts, by local name in the ng: namespace.
pub const FACT_CLASSES: &[&str] = &[
    "OrganisationOccurrence",
    "OrganisationMention",
    "RegulatorRole",
    "Ban",
    "EmployeeCount",
    "DateMention",
];

impl GraphStore {
    /// Runs a SPARQL query. The default graph is the union of all article
    /// graphs unless the query names its own dataset.
    pub fn query(
        &self,
        sparql: &str,
        timeout: Option<Duration>,
    ) -> Result<QueryOutcome, QueryError> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in ns::PREFIXES {
            evaluator = evaluator
                .with_prefix(*prefix, *iri)
                .map_err(|e| QueryError::Evaluation(e.to_string()))?;
        }
        let token = CancellationToken::new();
        let mut prepared = evaluator
            .with_cancellation_token(token.clone())
            .parse_query(sparql)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        let timer = timeout.map(|limit| Timer::start(limit, token));
        let results = prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| evaluation_error(e, timer.as_ref()))?;
        Ok(match results {
            QueryResults::Boolean(b) => QueryOutcome::Boolean(b),
            QueryResults::Solutions(solutions) => QueryOutcome::Solutions {
                variables: solutions.variables().to_vec(),
                rows: Box::new(
                    solutions.map(move |r| r.map_err(|e| evaluation_error(e, timer.as_ref()))),
                ),
            },
            QueryResults::Graph(triples) => QueryOutcome::Triples(Box::new(
                triples.map(move |r| r.map_err(|e| evaluation_error(e, timer.as_ref()))),
            )),
        })
    }

    /// Writes the store, or one article's graph, in `format`.
    pub fn export(
        &self,
        format: ExportFormat,
        article: Option<NamedNodeRef<'_>>,
        writer: impl Write,
    ) -> Result<u64, StoreError> {
        let mut serializer = RdfSerializer::from_format(format.rdf_format());
        for (prefix, iri) in ns::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .map_err(|e| self.io_error(std::io::Error::other(e)))?;
        }
        let mut out = serializer.for_writer(writer);
        let mut count = 0;
        if format.keeps_graphs() {
            for quad in self.quads_of(article) {
                out.serialize_quad(&quad?).map_err(|e| self.io_error(e))?;
                count += 1;
            }
        } else {
            self.merged_triples(article, |t| {
                count += 1;
                out.serialize_triple(t)
            })?;
        }
        out.finish().map_err(|e| self.io_error(e))?;
        Ok(count)
    }

    pub fn stats(&self) -> Result<Stats, StoreError> {
        let rdf_type = NamedNode::new_unchecked(format!("{}type", ns::RDF));
        let count_type = |class: NamedNode| -> Result<u64, StoreError> {
            let mut n = 0;
            for quad in self.store.quads_for_pattern(
                None,
                Some(rdf_type.as_ref()),
                Some(class.as_ref().into()),
                None,
            ) {
                quad.map_err(|e| self.storage_error(e))?;
                n += 1;
            }
            Ok(n)
        };
        let mut stats = Stats {
            articles: count_type(NamedNode::new_unchecked(format!(
                "{}NewsArticle",
                ns::SCHEMA
            )))?,
            ..Stats::default()
        };
        for class in FACT_CLASSES {
            let n = count_type(NamedNode::new_unchecked(format!("{}{class}", ns::NG)))?;
            stats.facts.push(((*class).to_owned(), n));
        }
        let mut organisations = HashSet::new();
        let org_class = NamedNode::new_unchecked(format!("{}Organization", ns::SCHEMA));
        for quad in self.store.quads_for_pattern(
            None,
            Some(rdf_type.as_ref()),
            Some(org_class.as_ref().into()),
            None,
        ) {
            organisations.insert(quad.map_err(|e| self.storage_error(e))?.subject);
        }
        stats.organisations = organisations.len() as u64;
        for quad in self.quads_of(None) {
            quad?;
            stats.quads += 1;
        }
        let mut triples = 0;
        self.merged_triples(None, |_| {
            triples += 1;
            Ok(())
        })?;
        stats.triples = triples;
        Ok(stats)
    }

    fn quads_of(
        &self,
        article: Option<NamedNodeRef<'_>>,
    ) -> impl Iterator<Item = Result<Quad, StoreError>> + '_ {
        let graph = article.map(GraphNameRef::NamedNode);
        self.store
            .quads_for_pattern(None, None, None, graph)
            .filter(|q| !matches!(q, Ok(q) if q.graph_name == GraphName::DefaultGraph))
            .map(|q| q.map_err(|e| self.storage_error(e)))
    }

    /// Calls `emit` once per distinct triple of the merged article graphs.
    /// Triples about a node of one article occur in that graph only and
    /// stream through; triples about shared nodes (organisations, ban kinds,
    /// places) repeat across graphs and are emitted once, at the end.
    fn merged_triples(
        &self,
        article: Option<NamedNodeRef<'_>>,
        mut emit: impl FnMut(&Triple) -> std::io::Result<()>,
    ) -> Result<(), StoreError> {
        let local = format!("{}article/", ns::ID);
        let mut shared = HashSet::new();
        for quad in self.quads_of(article) {
            let triple = Triple::from(quad?);
            let is_local = matches!(&triple.subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(&local));
            if is_local {
                emit(&triple).map_err(|e| self.io_error(e))?;
            } else {
                shared.insert(triple);
            }
        }
        let mut shared: Vec<Triple> = shared.into_iter().collect();
        shared.sort_by_cached_key(|t| t.to_string());
        for triple in &shared {
            emit(triple).map_err(|e| self.io_error(e))?;
        }
        Ok(())
    }

    fn io_error(&self, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: self.path.clone(),
            source,
        }
    }
}

/// Cancels a query when its time is up.
struct Timer {
    limit: Duration,
    fired: Arc<AtomicBool>,
}

impl Timer {
    fn start(limit: Duration, token: CancellationToken) -> Self {
        let fired = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&fired);
        thread::spawn(move || {
            thread::sleep(limit);
            flag.store(true, Ordering::SeqCst);
            token.cancel();
        });
        Self { limit, fired }
    }
}

fn evaluation_error(error: QueryEvaluationError, timer: Option<&Timer>) -> QueryError {
    match timer {
        Some(t) if t.fired.load(Ordering::SeqCst) => QueryError::Timeout(t.limit),
        _ => QueryError::Evaluation(error.to_string()),
    }
}
