//! Helpers for the integration tests: run the real `newsgraph` binary in a
//! fresh temporary store, read its output, and parse RDF and SPARQL results
//! with parsers independent of the code under test where one exists.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use rio_api::parser::{QuadsParser, TriplesParser};
use rio_turtle::{NQuadsParser, NTriplesParser, TriGParser, TurtleError, TurtleParser};
use serde_json::Value;

/// The repository root: example articles and queries are given relative to
/// it, so their sources read `examples/articles/...` as in the README.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A directory under the system temp dir, removed (with its contents) on
/// drop. Named after the process and a counter, so parallel tests never
/// share one.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("newsgraph-test-{}-{n}-{label}", std::process::id()));
        // Left over from a crashed run with the same pid: start clean.
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(output: Output) -> Self {
        Run {
            status: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Panics with both streams unless the exit status is `code`.
    pub fn expect_status(self, code: i32) -> Self {
        assert_eq!(
            self.status,
            Some(code),
            "expected exit status {code}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn ok(self) -> Self {
        self.expect_status(0)
    }
}

/// The binary, run from the repository root, with no store from the
/// environment of whoever runs the tests.
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.current_dir(root())
        .env_remove("NEWSGRAPH_STORE")
        .stdin(Stdio::null());
    cmd
}

/// Runs `newsgraph ARGS` (no store option) to completion.
pub fn run(args: &[&str]) -> Run {
    Run::from_output(command().args(args).output().expect("run newsgraph"))
}

/// A store directory of its own for one test.
pub struct Store {
    pub dir: TempDir,
}

impl Store {
    pub fn new(label: &str) -> Self {
        Store {
            dir: TempDir::new(label),
        }
    }

    /// A store with the example articles loaded.
    pub fn with_examples(label: &str) -> Self {
        let store = Store::new(label);
        store.run(&["load", "examples/articles"]).ok();
        store
    }

    /// The store directory (created by the first `load`).
    pub fn path(&self) -> PathBuf {
        self.dir.join("store")
    }

    pub fn command(&self) -> Command {
        let mut cmd = command();
        cmd.arg("--store").arg(self.path());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from_output(self.command().args(args).output().expect("run newsgraph"))
    }

    /// Starts `newsgraph --store DIR ARGS` with a pipe on stdin.
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn newsgraph")
    }

    /// `stats` as label → number (`triples` → 2926).
    pub fn stats(&self) -> BTreeMap<String, u64> {
        parse_stats(&self.run(&["stats"]).ok().stdout)
    }

    /// A SELECT query's rows as variable → binding, via `--format json`.
    pub fn select(&self, sparql: &str) -> Vec<BTreeMap<String, Binding>> {
        let out = self.run(&["query", "--format", "json", sparql]).ok();
        bindings(&parse_json(&out.stdout))
    }

    pub fn ask(&self, sparql: &str) -> bool {
        let out = self.run(&["query", "--format", "json", sparql]).ok();
        parse_json(&out.stdout)["boolean"]
            .as_bool()
            .expect("ASK gives a boolean")
    }

    /// The IRI of the article loaded from `source`.
    pub fn article_iri(&self, source: &str) -> String {
        let rows = self.select(&format!(
            "SELECT ?a WHERE {{ ?a ng:source {} }}",
            sparql_string(source)
        ));
        assert_eq!(rows.len(), 1, "one article with source {source}: {rows:?}");
        rows[0]["a"].value.clone()
    }
}

/// `stats` output as label → number; the `store` line (a path) is skipped.
pub fn parse_stats(text: &str) -> BTreeMap<String, u64> {
    let mut stats = BTreeMap::new();
    for line in text.lines() {
        let Some((label, value)) = line.trim().rsplit_once(char::is_whitespace) else {
            continue;
        };
        if let Ok(n) = value.replace(',', "").parse::<u64>() {
            stats.insert(label.trim().to_owned(), n);
        }
    }
    assert!(stats.contains_key("articles"), "stats output:\n{text}");
    stats
}

/// One value of a SPARQL JSON result row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Binding {
    /// `uri`, `literal` or `bnode`.
    pub kind: String,
    pub value: String,
    pub datatype: Option<String>,
}

pub fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The `head.vars` of a SPARQL JSON result.
pub fn json_vars(result: &Value) -> Vec<String> {
    result["head"]["vars"]
        .as_array()
        .expect("head.vars")
        .iter()
        .map(|v| v.as_str().expect("variable name").to_owned())
        .collect()
}

pub fn bindings(result: &Value) -> Vec<BTreeMap<String, Binding>> {
    result["results"]["bindings"]
        .as_array()
        .expect("results.bindings")
        .iter()
        .map(|row| {
            row.as_object()
                .expect("a row is an object")
                .iter()
                .map(|(var, b)| {
                    let binding = Binding {
                        kind: b["type"].as_str().expect("type").to_owned(),
                        value: b["value"].as_str().expect("value").to_owned(),
                        datatype: b["datatype"].as_str().map(str::to_owned),
                    };
                    (var.clone(), binding)
                })
                .collect()
        })
        .collect()
}

/// A SPARQL string literal for `text`.
pub fn sparql_string(text: &str) -> String {
    serde_json::to_string(text).expect("string to JSON")
}

/// Triples of a Turtle document, in N-Triples form, parsed by rio.
pub fn turtle_triples(text: &str) -> Vec<String> {
    let mut triples = Vec::new();
    TurtleParser::new(text.as_bytes(), None)
        .parse_all(&mut |t| {
            triples.push(t.to_string());
            Ok(()) as Result<(), TurtleError>
        })
        .unwrap_or_else(|e| panic!("Turtle does not parse: {e}"));
    triples
}

pub fn ntriples_triples(text: &str) -> Vec<String> {
    let mut triples = Vec::new();
    NTriplesParser::new(text.as_bytes())
        .parse_all(&mut |t| {
            triples.push(t.to_string());
            Ok(()) as Result<(), TurtleError>
        })
        .unwrap_or_else(|e| panic!("N-Triples do not parse: {e}"));
    triples
}

pub fn nquads_quads(text: &str) -> Vec<String> {
    let mut quads = Vec::new();
    NQuadsParser::new(text.as_bytes())
        .parse_all(&mut |q| {
            quads.push(q.to_string());
            Ok(()) as Result<(), TurtleError>
        })
        .unwrap_or_else(|e| panic!("N-Quads do not parse: {e}"));
    quads
}

pub fn trig_quads(text: &str) -> Vec<String> {
    let mut quads = Vec::new();
    TriGParser::new(text.as_bytes(), None)
        .parse_all(&mut |q| {
            quads.push(q.to_string());
            Ok(()) as Result<(), TurtleError>
        })
        .unwrap_or_else(|e| panic!("TriG does not parse: {e}"));
    quads
}

/// Copies the files of `from` (one level, as `examples/articles` is) into
/// `to`.
pub fn copy_files(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_file() {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, to.join(name)).expect("copy file");
        }
    }
}

/// Writes `text` to the child's stdin and closes it.
pub fn feed(child: &mut Child, text: &str) {
    let mut stdin = child.stdin.take().expect("child stdin");
    stdin.write_all(text.as_bytes()).expect("write to child");
}

pub fn finish(child: Child) -> Run {
    Run::from_output(child.wait_with_output().expect("wait for child"))
}
