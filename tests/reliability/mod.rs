//! Helpers for the reliability tests (bad input, crashes, concurrency,
//! properties): run the real binary with a deadline so that a hang fails the
//! test instead of stalling CI, and compare RDF as sets of quads parsed by
//! two independent parsers (rio and Oxigraph's own).

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use rio_api::model as rio;
use rio_api::parser::{QuadsParser, TriplesParser};
use rio_turtle::{NQuadsParser, NTriplesParser, TurtleError, TurtleParser};

/// Subject → predicate IRI → objects.
pub type Nodes =
    std::collections::HashMap<NamedOrBlankNode, std::collections::HashMap<String, Vec<Term>>>;

/// The quads indexed by subject and predicate.
pub fn nodes<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> Nodes {
    let mut nodes: Nodes = Nodes::new();
    for q in quads {
        nodes
            .entry(q.subject.clone())
            .or_default()
            .entry(q.predicate.as_str().to_owned())
            .or_default()
            .push(q.object.clone());
    }
    nodes
}

/// The built-in vocabulary, the standard pipeline and default load
/// options, built once per test binary: what `load` itself would use.
pub struct Setup {
    pub vocab: newsgraph::vocab::Vocabulary,
    pub pipeline: newsgraph::pipeline::Pipeline,
    pub options: newsgraph::load::LoadOptions,
    pub pipeline_id: String,
}

pub fn setup() -> &'static Setup {
    static SETUP: std::sync::OnceLock<Setup> = std::sync::OnceLock::new();
    SETUP.get_or_init(|| {
        let vocab = newsgraph::vocab::Vocabulary::built_in().expect("built-in vocabulary");
        let pipeline = newsgraph::pipeline::Pipeline::standard(&vocab);
        let options = newsgraph::load::LoadOptions::default();
        let pipeline_id = newsgraph::load::pipeline_id(&vocab, &pipeline, &options);
        Setup {
            vocab,
            pipeline,
            options,
            pipeline_id,
        }
    })
}

/// Generous bound for one run of the binary; a hang fails the test.
pub const DEADLINE: Duration = Duration::from_secs(120);

/// A directory under the system temp dir, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("newsgraph-rel-{}-{n}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `bytes` to `name` (parent directories created) and returns the
    /// path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Symlink loops and read-only files must not make cleanup panic.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `newsgraph` with a clean environment, run in `cwd`.
pub fn newsgraph(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.current_dir(cwd)
        .env_remove("NEWSGRAPH_STORE")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// What one run did.
#[derive(Debug)]
pub struct Out {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Out {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Panics with stderr unless the exit status is `code`.
    pub fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            Some(code),
            "expected exit status {code}, got {:?}\n--- stderr:\n{}",
            self.status,
            self.stderr
        );
        self
    }

    /// No Rust panic, no RocksDB dump: every stderr line is one of ours.
    pub fn assert_clean_stderr(&self) {
        for line in self.stderr.lines() {
            assert!(
                line.starts_with("newsgraph: ")
                    || line.is_empty()
                    || line.contains(" articles loaded, "),
                "unexpected stderr line: {line:?}\n--- stderr:\n{}",
                self.stderr
            );
        }
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }
}

/// A started child whose output is collected in the background, so that a
/// full pipe never blocks it.
pub struct Running {
    pub child: Child,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
    started: Instant,
}

pub fn spawn(mut cmd: Command) -> Running {
    let mut child = cmd.spawn().expect("spawn newsgraph");
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    Running {
        child,
        stdout,
        stderr,
        started: Instant::now(),
    }
}

/// Like [`spawn`], but hands back stdout unread: a child that writes more
/// than a pipe holds then blocks until the caller reads.
pub fn spawn_holding_stdout(mut cmd: Command) -> (Running, std::process::ChildStdout) {
    let mut child = cmd.spawn().expect("spawn newsgraph");
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().map(drain);
    let running = Running {
        child,
        stdout: None,
        stderr,
        started: Instant::now(),
    };
    (running, stdout)
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

impl Running {
    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid fits i32")
    }

    /// Sends `signal` (libc::SIGINT, SIGKILL, ...) to the child.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on our own child's pid; no memory is involved.
        let rc = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(rc, 0, "kill({}, {signal})", self.pid());
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the child to exit; kills it and panics after `deadline`.
    pub fn wait(mut self, deadline: Duration) -> Out {
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if self.started.elapsed() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let stderr = self.stderr.take().map(join).unwrap_or_default();
                panic!(
                    "newsgraph still running after {deadline:?}, killed\n--- stderr:\n{}",
                    String::from_utf8_lossy(&stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let elapsed = self.started.elapsed();
        Out {
            status,
            stdout: self.stdout.take().map(join).unwrap_or_default(),
            stderr: String::from_utf8_lossy(&self.stderr.take().map(join).unwrap_or_default())
                .into_owned(),
            elapsed,
        }
    }

    /// Writes to the child's stdin and closes it.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut stdin = self.child.stdin.take().expect("child has a stdin pipe");
        stdin.write_all(bytes).expect("write to child");
    }
}

fn join(handle: JoinHandle<Vec<u8>>) -> Vec<u8> {
    handle.join().unwrap_or_default()
}

/// Runs to completion within [`DEADLINE`].
pub fn run(cmd: Command) -> Out {
    spawn(cmd).wait(DEADLINE)
}

/// `newsgraph --store STORE ARGS...` in `cwd`.
pub fn ng(cwd: &Path, store: &Path, args: &[&str]) -> Out {
    let mut cmd = newsgraph(cwd);
    cmd.arg("--store").arg(store).args(args);
    run(cmd)
}

/// The store as N-Quads, parsed: quads per graph name.
pub fn export_graphs(cwd: &Path, store: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let out = ng(cwd, store, &["export", "--format", "nquads"]).expect(0);
    by_graph(&parse(&out.stdout, RdfFormat::NQuads))
}

pub fn by_graph(quads: &HashSet<Quad>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graphs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for quad in quads {
        let graph = match &quad.graph_name {
            GraphName::NamedNode(n) => n.as_str().to_owned(),
            GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
            GraphName::DefaultGraph => String::new(),
        };
        let triple = oxigraph::model::Triple::from(quad.clone());
        graphs.entry(graph).or_default().insert(triple.to_string());
    }
    graphs
}

/// Parses with Oxigraph's parser; panics with the error.
pub fn parse(bytes: &[u8], format: RdfFormat) -> HashSet<Quad> {
    RdfParser::from_format(format)
        .for_reader(bytes)
        .map(|q| q.unwrap_or_else(|e| panic!("Oxigraph cannot parse the {format}: {e}")))
        .collect()
}

/// Parses with rio (an independent parser), as Oxigraph quads so that the
/// two parsers' results compare as sets.
pub fn rio_parse(bytes: &[u8], format: RdfFormat) -> HashSet<Quad> {
    let mut out = HashSet::new();
    let result = match format {
        RdfFormat::Turtle => TurtleParser::new(bytes, None).parse_all(&mut |t| {
            out.insert(rio_triple(&t, GraphName::DefaultGraph));
            Ok(()) as Result<(), TurtleError>
        }),
        RdfFormat::NTriples => NTriplesParser::new(bytes).parse_all(&mut |t| {
            out.insert(rio_triple(&t, GraphName::DefaultGraph));
            Ok(()) as Result<(), TurtleError>
        }),
        RdfFormat::NQuads => NQuadsParser::new(bytes).parse_all(&mut |q| {
            let graph = match q.graph_name {
                None => GraphName::DefaultGraph,
                Some(rio::GraphName::NamedNode(n)) => NamedNode::new_unchecked(n.iri).into(),
                Some(rio::GraphName::BlankNode(b)) => BlankNode::new_unchecked(b.id).into(),
            };
            let triple = rio::Triple {
                subject: q.subject,
                predicate: q.predicate,
                object: q.object,
            };
            out.insert(rio_triple(&triple, graph));
            Ok(()) as Result<(), TurtleError>
        }),
        other => panic!("no rio parser for {other}"),
    };
    result.unwrap_or_else(|e| panic!("rio cannot parse the {format}: {e}"));
    out
}

fn rio_triple(t: &rio::Triple<'_>, graph: GraphName) -> Quad {
    let subject: NamedOrBlankNode = match t.subject {
        rio::Subject::NamedNode(n) => NamedNode::new_unchecked(n.iri).into(),
        rio::Subject::BlankNode(b) => BlankNode::new_unchecked(b.id).into(),
        rio::Subject::Triple(_) => panic!("no RDF-star expected"),
    };
    let object: Term = match t.object {
        rio::Term::NamedNode(n) => NamedNode::new_unchecked(n.iri).into(),
        rio::Term::BlankNode(b) => BlankNode::new_unchecked(b.id).into(),
        rio::Term::Literal(rio::Literal::Simple { value }) => {
            Literal::new_simple_literal(value).into()
        }
        rio::Term::Literal(rio::Literal::LanguageTaggedString { value, language }) => {
            Literal::new_language_tagged_literal_unchecked(value, language).into()
        }
        rio::Term::Literal(rio::Literal::Typed { value, datatype }) => {
            Literal::new_typed_literal(value, NamedNode::new_unchecked(datatype.iri)).into()
        }
        rio::Term::Triple(_) => panic!("no RDF-star expected"),
    };
    Quad::new(
        subject,
        NamedNode::new_unchecked(t.predicate.iri),
        object,
        graph,
    )
}

/// The same quads without graph names (what Turtle and N-Triples hold).
pub fn triples_of(quads: &HashSet<Quad>) -> HashSet<Quad> {
    quads
        .iter()
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                GraphName::DefaultGraph,
            )
        })
        .collect()
}

/// The lines of `stderr` that report an error.
pub fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("newsgraph: error: "))
        .collect()
}

/// The summary line of `load` (the last line with "articles loaded").
pub fn summary(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .find(|l| l.contains(" articles loaded, "))
        .unwrap_or_else(|| panic!("no load summary in:\n{stderr}"))
}

/// The number before `label` in a summary line ("12 articles loaded").
pub fn count(summary: &str, label: &str) -> u64 {
    let at = summary
        .find(label)
        .unwrap_or_else(|| panic!("no `{label}` in {summary:?}"));
    summary[..at]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no number before `{label}` in {summary:?}"))
}

/// Panics with the differing quads (sorted, at most 20 each way) unless the
/// two sets are equal.
pub fn assert_same_quads(left: &HashSet<Quad>, right: &HashSet<Quad>, what: &str) {
    if left == right {
        return;
    }
    let show = |a: &HashSet<Quad>, b: &HashSet<Quad>| {
        let mut only: Vec<String> = a.difference(b).map(ToString::to_string).collect();
        only.sort();
        only.truncate(20);
        only.join("\n  ")
    };
    panic!(
        "{what}: {} vs {} quads\nonly left:\n  {}\nonly right:\n  {}",
        left.len(),
        right.len(),
        show(left, right),
        show(right, left)
    );
}
