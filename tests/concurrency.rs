//! Two processes on one store: a second writer, or a reader beside a
//! writer, gets one clear "in use" line (never a RocksDB error dump) and exit
//! status 3, or with `--wait` waits its turn and then succeeds. Readers
//! share the store with each other. A query past `--timeout` stops with
//! exit status 4.
//!
//! The lock is held deterministically by `newsgraph load -`, which opens
//! the store and then waits for standard input.

mod reliability;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;

use reliability::{
    DEADLINE, Out, Running, Scratch, count, newsgraph, ng, parse, spawn, spawn_holding_stdout,
    summary,
};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles")
}

/// A scratch dir with a store already holding the example articles.
fn loaded_store(label: &str) -> (Scratch, PathBuf) {
    let dir = Scratch::new(label);
    let store = dir.join("store");
    let examples = examples();
    ng(
        dir.path(),
        &store,
        &["load", examples.to_str().expect("UTF-8 path")],
    )
    .expect(0);
    (dir, store)
}

/// `newsgraph --store STORE ARGS` started in the background, stdin piped.
fn start(dir: &Scratch, store: &Path, args: &[&str]) -> Running {
    let mut cmd = newsgraph(dir.path());
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .stdin(Stdio::piped());
    spawn(cmd)
}

/// Blocks until some process holds the store's lock. `exclusive` probes
/// for a writer (a shared probe succeeds beside readers); the holders run
/// with `--wait`, so the probe's instant on the lock only delays them.
fn wait_until_locked(store: &Path, exclusive: bool) {
    let path = store.join("newsgraph.lock");
    let started = Instant::now();
    loop {
        if let Ok(file) = File::open(&path) {
            let probe = if exclusive {
                file.try_lock()
            } else {
                file.try_lock_shared()
            };
            match probe {
                Err(std::fs::TryLockError::WouldBlock) => return,
                Err(std::fs::TryLockError::Error(e)) => panic!("lock probe: {e}"),
                Ok(()) => drop(file),
            }
        }
        assert!(
            started.elapsed() < DEADLINE,
            "nobody took the lock of {}",
            store.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn in_use_message(store: &Path) -> String {
    format!(
        "newsgraph: store {} is in use by another newsgraph process (wait for it, or pass --wait)",
        store.display()
    )
}

fn assert_in_use(out: &Out, store: &Path, what: &str) {
    assert_eq!(out.code(), Some(3), "{what}: {}", out.stderr);
    assert_eq!(out.stderr.trim_end(), in_use_message(store), "{what}");
}

#[test]
fn beside_a_running_load_everything_else_is_refused_clearly() {
    let (dir, store) = loaded_store("in-use");
    dir.write("other.txt", "Die Siemens AG hat 300 Mitarbeiter.");
    let mut holder = start(&dir, &store, &["--wait", "load", "-"]);
    wait_until_locked(&store, false);

    for args in [
        &["load", "other.txt"][..],
        &["load", "-"],
        &["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
        &["query", "--timeout", "5", "bans"],
        &["export"],
        &["export", "--format", "nquads", "--output", "out.nq"],
        &["stats"],
        &["remove", "other.txt"],
    ] {
        let out = ng(dir.path(), &store, args);
        assert_in_use(&out, &store, &format!("{args:?}"));
        assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout());
    }
    assert!(!dir.join("out.nq").exists() && !dir.join("out.partial").exists());

    holder.feed("Die Bundesnetzagentur hat den Verkauf untersagt.".as_bytes());
    let out = holder.wait(DEADLINE).expect(0);
    assert_eq!(count(summary(&out.stderr), "articles loaded"), 1);
    let stats = ng(dir.path(), &store, &["stats"]).expect(0).stdout();
    assert!(stats.contains("articles       8\n"), "{stats}");
}

#[test]
fn with_wait_they_queue_and_then_succeed() {
    let (dir, store) = loaded_store("wait");
    dir.write("later.txt", "Die Siemens AG hat 300 Mitarbeiter.");
    let mut holder = start(&dir, &store, &["--wait", "load", "-"]);
    wait_until_locked(&store, false);

    let mut waiting = vec![
        (
            "load",
            start(&dir, &store, &["--wait", "load", "later.txt"]),
        ),
        ("stats", start(&dir, &store, &["--wait", "stats"])),
        (
            "query",
            start(
                &dir,
                &store,
                &[
                    "--wait",
                    "query",
                    "--format",
                    "csv",
                    "SELECT ?s WHERE { ?a ng:source ?s }",
                ],
            ),
        ),
        (
            "export",
            start(&dir, &store, &["--wait", "export", "--format", "nquads"]),
        ),
    ];
    std::thread::sleep(Duration::from_millis(1500));
    for (what, process) in &mut waiting {
        assert!(
            process.is_running(),
            "`{what} --wait` did not wait for the load"
        );
    }

    holder.feed("Die Bundesnetzagentur hat den Verkauf untersagt.".as_bytes());
    holder.wait(DEADLINE).expect(0);
    for (what, process) in waiting {
        let out = process.wait(DEADLINE);
        assert_eq!(out.code(), Some(0), "`{what} --wait`: {}", out.stderr);
        assert!(!out.stderr.contains("in use"), "{}", out.stderr);
        if what == "query" {
            // Ran after the holder: its article is there.
            assert!(out.stdout().lines().any(|l| l == "-"), "{}", out.stdout());
        }
    }
    let stats = ng(dir.path(), &store, &["stats"]).expect(0).stdout();
    assert!(stats.contains("articles       9\n"), "{stats}");
}

#[test]
fn two_waiting_loads_both_land_once() {
    let dir = Scratch::new("two-loads");
    let store = dir.join("store");
    for i in 0..6 {
        dir.write(
            &format!("a/{i}.txt"),
            format!("Die Firma Alpha{i} GmbH hat {i}00 Mitarbeiter."),
        );
        dir.write(
            &format!("b/{i}.txt"),
            format!("The company Beta{i} Inc. employs {i}00 people."),
        );
    }
    let first = start(&dir, &store, &["--wait", "load", "a", "b"]);
    let second = start(&dir, &store, &["--wait", "load", "b", "a"]);
    let (a, b) = (first.wait(DEADLINE), second.wait(DEADLINE));
    assert_eq!(
        (a.code(), b.code()),
        (Some(0), Some(0)),
        "{}\n{}",
        a.stderr,
        b.stderr
    );
    let (sa, sb) = (summary(&a.stderr), summary(&b.stderr));
    // One stored all twelve, the other found them unchanged.
    assert_eq!(
        count(sa, "articles loaded") + count(sb, "articles loaded"),
        12,
        "{sa}\n{sb}"
    );
    assert_eq!(
        count(sa, "unchanged") + count(sb, "unchanged"),
        12,
        "{sa}\n{sb}"
    );
    let stats = ng(dir.path(), &store, &["stats"]).expect(0).stdout();
    assert!(stats.contains("articles       12\n"), "{stats}");
}

#[test]
fn readers_share_the_store_but_keep_writers_out() {
    let (dir, store) = loaded_store("readers");
    // An export to a pipe nobody reads yet: it holds its shared lock until
    // the pipe is drained (the Turtle is far larger than a pipe's buffer).
    let mut cmd = newsgraph(dir.path());
    cmd.arg("--store").arg(&store).args(["--wait", "export"]);
    let (reader, mut stdout) = spawn_holding_stdout(cmd);
    wait_until_locked(&store, true);
    ng(dir.path(), &store, &["stats"]).expect(0);
    ng(
        dir.path(),
        &store,
        &["query", "--format", "csv", "ASK { ?s ?p ?o }"],
    )
    .expect(0);
    dir.write("new.txt", "Die Siemens AG hat 300 Mitarbeiter.");
    let out = ng(dir.path(), &store, &["load", "new.txt"]);
    assert_in_use(&out, &store, "load beside an export");
    let out = ng(dir.path(), &store, &["remove", "new.txt"]);
    assert_in_use(&out, &store, "remove beside an export");

    let mut turtle = Vec::new();
    stdout.read_to_end(&mut turtle).expect("read export");
    reader.wait(DEADLINE).expect(0);
    let triples = parse(&turtle, RdfFormat::Turtle);
    assert!(triples.len() > 1000, "{} triples", triples.len());
    // And now the writer gets in.
    ng(dir.path(), &store, &["load", "new.txt"]).expect(0);
}

/// Queries that run long in different ways (a cross product counted,
/// streamed, sorted, constructed; a property path) all stop at the
/// timeout with one clear line and exit status 4.
#[test]
fn a_long_query_stops_at_the_timeout() {
    let (dir, store) = loaded_store("timeout");
    for query in [
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1",
        "CONSTRUCT { ?a ?b ?g } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (!rdf:type|^!rdf:type)* ?b . ?c ?d ?e }",
    ] {
        let started = Instant::now();
        let out = ng(
            dir.path(),
            &store,
            &["query", "--format", "csv", "--timeout", "0.2", query],
        );
        let elapsed = started.elapsed();
        assert_eq!(
            out.code(),
            Some(4),
            "{query}: {:?}\n{}",
            out.status,
            out.stderr
        );
        assert_eq!(
            out.stderr.trim_end(),
            "newsgraph: query stopped after 0.2 s (--timeout); narrow it or raise the limit",
            "{query}"
        );
        assert!(
            elapsed < Duration::from_secs(30),
            "{query} took {elapsed:?}"
        );
    }
    // A quick query is untouched by the timeout.
    let out = ng(
        dir.path(),
        &store,
        &[
            "query",
            "--format",
            "csv",
            "--timeout",
            "30",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        ],
    )
    .expect(0);
    assert!(out.stdout().starts_with("n\r\n"), "{}", out.stdout());
}
