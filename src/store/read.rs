//! Reading the store: SPARQL over the union of article graphs, export in
//! RDF formats, and counts.

use std::collections::HashSet;
use std::fmt;
use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::thread;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Triple,
};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution,
    SparqlEvaluator, Variable,
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
    ///
    /// With a `timeout`, the query is evaluated on a thread of its own and
    /// the returned rows stop with [`QueryError::Timeout`] once the time is
    /// up, whatever the evaluation is doing: Oxigraph's cancellation token is
    /// only looked at when the evaluator reads the store, which a join or an
    /// aggregate over rows already read may not do for a long time. The
    /// thread is told to stop and ends at its next store access; a process
    /// that exits after a timeout (the CLI does) does not wait for it.
    pub fn query(
        &self,
        sparql: &str,
        timeout: Option<Duration>,
    ) -> Result<QueryOutcome, QueryError> {
        let token = CancellationToken::new();
        let prepared = self.prepare(sparql, &token)?;
        match timeout {
            None => {
                let results = prepared
                    .on_store(&self.store)
                    .execute()
                    .map_err(evaluation_error)?;
                Ok(outcome(results))
            }
            Some(limit) => self.query_with_deadline(prepared, token, limit),
        }
    }

    fn prepare(
        &self,
        sparql: &str,
        token: &CancellationToken,
    ) -> Result<PreparedSparqlQuery, QueryError> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in ns::PREFIXES {
            evaluator = evaluator
                .with_prefix(*prefix, *iri)
                .map_err(|e| QueryError::Evaluation(e.to_string()))?;
        }
        let mut prepared = evaluator
            .with_cancellation_token(token.clone())
            .parse_query(sparql)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared)
    }

    fn query_with_deadline(
        &self,
        prepared: PreparedSparqlQuery,
        token: CancellationToken,
        limit: Duration,
    ) -> Result<QueryOutcome, QueryError> {
        let (tx, rx) = sync_channel(QUERY_CHANNEL);
        let store = self.store.clone();
        let worker = thread::Builder::new()
            .name("newsgraph-query".into())
            .spawn(move || {
                let _running = RunningQuery::start();
                evaluate(prepared, &store, &tx);
            })
            .map_err(|e| QueryError::Evaluation(format!("cannot start the query: {e}")))?;
        let mut stream = Stream {
            rx: Some(rx),
            worker: Some(worker),
            deadline: Instant::now() + limit,
            limit,
            token,
            done: false,
        };
        Ok(match stream.next_message() {
            None => return Err(QueryError::Evaluation(UNEXPECTED_END.into())),
            Some(Err(e)) => return Err(e),
            Some(Ok(Message::Boolean(b))) => QueryOutcome::Boolean(b),
            Some(Ok(Message::Variables(variables))) => QueryOutcome::Solutions {
                variables,
                rows: Box::new(std::iter::from_fn(move || {
                    stream.next_message().map(|m| match m? {
                        Message::Solution(row) => Ok(row),
                        _ => Err(QueryError::Evaluation(UNEXPECTED_END.into())),
                    })
                })),
            },
            Some(Ok(Message::Graph)) => {
                QueryOutcome::Triples(Box::new(std::iter::from_fn(move || {
                    stream.next_message().map(|m| match m? {
                        Message::Triple(triple) => Ok(triple),
                        _ => Err(QueryError::Evaluation(UNEXPECTED_END.into())),
                    })
                })))
            }
            Some(Ok(_)) => return Err(QueryError::Evaluation(UNEXPECTED_END.into())),
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

/// Rows buffered between the evaluating thread and the reader.
const QUERY_CHANNEL: usize = 256;

const UNEXPECTED_END: &str = "query evaluation ended unexpectedly";

fn outcome(results: QueryResults<'static>) -> QueryOutcome {
    match results {
        QueryResults::Boolean(b) => QueryOutcome::Boolean(b),
        QueryResults::Solutions(solutions) => QueryOutcome::Solutions {
            variables: solutions.variables().to_vec(),
            rows: Box::new(solutions.map(|r| r.map_err(evaluation_error))),
        },
        QueryResults::Graph(triples) => {
            QueryOutcome::Triples(Box::new(triples.map(|r| r.map_err(evaluation_error))))
        }
    }
}

/// What the evaluating thread hands to the reader, in order: the kind of
/// result (`Boolean`, `Variables` or `Graph`), the rows, then `Done`.
enum Message {
    Boolean(bool),
    Variables(Vec<Variable>),
    Graph,
    Solution(QuerySolution),
    Triple(Triple),
    Error(String),
    Done,
}

/// Runs on the query thread; stops when the reader hangs up.
fn evaluate(
    prepared: PreparedSparqlQuery,
    store: &oxigraph::store::Store,
    tx: &SyncSender<Message>,
) {
    let results = match prepared.on_store(store).execute() {
        Ok(results) => results,
        Err(e) => {
            let _ = tx.send(Message::Error(e.to_string()));
            return;
        }
    };
    let sent = match results {
        QueryResults::Boolean(b) => tx.send(Message::Boolean(b)).is_ok(),
        QueryResults::Solutions(solutions) => {
            tx.send(Message::Variables(solutions.variables().to_vec()))
                .is_ok()
                && forward(solutions, Message::Solution, tx)
        }
        QueryResults::Graph(triples) => {
            tx.send(Message::Graph).is_ok() && forward(triples, Message::Triple, tx)
        }
    };
    if sent {
        let _ = tx.send(Message::Done);
    }
}

fn forward<T>(
    rows: impl Iterator<Item = Result<T, QueryEvaluationError>>,
    wrap: fn(T) -> Message,
    tx: &SyncSender<Message>,
) -> bool {
    for row in rows {
        let message = match row {
            Ok(row) => wrap(row),
            Err(e) => {
                let _ = tx.send(Message::Error(e.to_string()));
                return false;
            }
        };
        if tx.send(message).is_err() {
            return false;
        }
    }
    true
}

/// How long a dropped stream waits for its cancelled query to stop (some
/// operators, a sort, only notice the cancellation when they are done).
const WORKER_GRACE: Duration = Duration::from_secs(2);

static RUNNING_QUERIES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Counts a query thread while it lives.
struct RunningQuery;

impl RunningQuery {
    fn start() -> Self {
        RUNNING_QUERIES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        RunningQuery
    }
}

impl Drop for RunningQuery {
    fn drop(&mut self) {
        RUNNING_QUERIES.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// True while a cancelled query is still winding down in its thread. A
/// process must then end without running RocksDB's static destructors
/// under that thread (`libc::_exit`), or it may abort on the way out.
pub fn query_still_running() -> bool {
    RUNNING_QUERIES.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// The reader's end: every message must arrive before the deadline.
struct Stream {
    /// `None` once dropped, so that a worker blocked on sending ends.
    rx: Option<Receiver<Message>>,
    worker: Option<thread::JoinHandle<()>>,
    deadline: Instant,
    limit: Duration,
    token: CancellationToken,
    done: bool,
}

impl Stream {
    /// The next message, `None` after `Done`, or the timeout.
    fn next_message(&mut self) -> Option<Result<Message, QueryError>> {
        if self.done {
            return None;
        }
        let left = self.deadline.saturating_duration_since(Instant::now());
        let received = match &self.rx {
            Some(rx) if !left.is_zero() => rx.recv_timeout(left),
            Some(_) => Err(RecvTimeoutError::Timeout),
            None => Err(RecvTimeoutError::Disconnected),
        };
        let result = match received {
            Ok(Message::Done) => {
                self.done = true;
                return None;
            }
            Ok(Message::Error(e)) => Err(QueryError::Evaluation(e)),
            Ok(message) => return Some(Ok(message)),
            Err(RecvTimeoutError::Timeout) => {
                self.token.cancel();
                Err(QueryError::Timeout(self.limit))
            }
            Err(RecvTimeoutError::Disconnected) => {
                Err(QueryError::Evaluation(UNEXPECTED_END.into()))
            }
        };
        self.done = true;
        Some(result)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // A reader that stops early (a closed pipe, an error, the timeout)
        // stops the evaluation too, and waits for it: a process that exits
        // while a query thread is still inside RocksDB can abort in
        // RocksDB's own shutdown.
        self.token.cancel();
        self.rx = None;
        if let Some(worker) = self.worker.take() {
            let waiting = Instant::now();
            while !worker.is_finished() && waiting.elapsed() < WORKER_GRACE {
                thread::sleep(Duration::from_millis(5));
            }
            if worker.is_finished() {
                let _ = worker.join();
            }
        }
    }
}

fn evaluation_error(error: QueryEvaluationError) -> QueryError {
    QueryError::Evaluation(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Access, ArticleWrite, WriteOptions};
    use oxigraph::model::Literal;
    use std::time::Instant;

    fn store_with(triples: usize, name: &str) -> (GraphStore, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("ng-read-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = GraphStore::open(&dir, Access::Write, false).expect("open");
        let graph = NamedNode::new_unchecked("https://w3id.org/newsgraph/id/article/x");
        let quads = (0..triples)
            .map(|i| {
                Quad::new(
                    graph.clone(),
                    NamedNode::new_unchecked(format!("{}p{i}", ns::NG)),
                    Literal::new_simple_literal(i.to_string()),
                    graph.clone(),
                )
            })
            .collect();
        let write = ArticleWrite {
            graph,
            quads,
            replaces: false,
        };
        store
            .write(vec![write], WriteOptions::default())
            .expect("write");
        (store, dir)
    }

    #[test]
    fn every_kind_of_long_query_stops_at_the_timeout() {
        let (store, dir) = store_with(300, "timeout");
        for query in [
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "CONSTRUCT { ?a ?b ?g } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        ] {
            let started = Instant::now();
            let limit = Duration::from_millis(100);
            let error = match store.query(query, Some(limit)) {
                Err(e) => e,
                Ok(QueryOutcome::Solutions { mut rows, .. }) => {
                    rows.find_map(Result::err).expect("rows end in an error")
                }
                Ok(QueryOutcome::Triples(mut triples)) => triples
                    .find_map(Result::err)
                    .expect("triples end in an error"),
                Ok(QueryOutcome::Boolean(_)) => panic!("not an ASK query"),
            };
            assert!(
                matches!(error, QueryError::Timeout(d) if d == limit),
                "{query}: {error}"
            );
            assert!(started.elapsed() < Duration::from_secs(10), "{query}");
        }
        drop(store);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn quick_queries_finish_under_a_timeout() {
        let (store, dir) = store_with(5, "quick");
        let limit = Some(Duration::from_secs(30));
        match store
            .query("SELECT ?o WHERE { ?s ?p ?o }", limit)
            .expect("query")
        {
            QueryOutcome::Solutions { variables, rows } => {
                assert_eq!(variables.len(), 1);
                let rows: Vec<QuerySolution> = rows.collect::<Result<_, _>>().expect("rows");
                assert_eq!(rows.len(), 5);
            }
            _ => panic!("solutions expected"),
        }
        assert!(matches!(
            store.query("ASK { ?s ?p \"3\" }", limit),
            Ok(QueryOutcome::Boolean(true))
        ));
        assert!(matches!(
            store.query("SELECT nonsense", limit),
            Err(QueryError::Syntax(_))
        ));
        drop(store);
        std::fs::remove_dir_all(&dir).ok();
    }
}
