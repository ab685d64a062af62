//! Crashes: `newsgraph load` killed with SIGKILL at random points, several
//! rounds on one store (new articles through the bulk loader, `--force`
//! and changed texts through replacing transactions). After each kill the
//! store opens and every article graph in it is complete: exactly the
//! triples a fresh extraction of its file gives (of the old or the new text
//! when the file changed). Ctrl-C (SIGINT) stops after the current batch,
//! says how many articles were stored, and exits with status 130.
//!
//! The corpus is generated here; the expected graphs come from the library
//! calls `newsgraph extract` makes, checked against the real `extract` on
//! two files. Kill points come from a seed printed on failure; set
//! `NEWSGRAPH_CRASH_SEED` to replay one.

mod reliability;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;
use oxigraph::model::Triple;
use oxigraph::store::Store;

use newsgraph::article::{self, Format, Input, ReadOptions};
use newsgraph::graph::{iri, mapping};
use newsgraph::load;

use reliability::{
    DEADLINE, Running, Scratch, by_graph, count, newsgraph, parse, setup, spawn, summary,
};

/// Graph IRI → its triples as N-Triples lines.
type Graphs = BTreeMap<String, BTreeSet<String>>;

const SYLLABLES: [&[&str]; 3] = [
    &["Ko", "Ra", "Mi", "Tu", "Ve", "Lo", "Sa", "Ne"],
    &["bal", "ton", "rix", "mar", "den", "vik"],
    &["a", "o", "us", "is", "en"],
];

fn company(i: usize) -> String {
    let a = SYLLABLES[0][i % 8];
    let b = SYLLABLES[1][(i / 8) % 6];
    let c = SYLLABLES[2][(i / 48) % 5];
    format!("{a}{b}{c}")
}

/// Article `i` of the corpus; version 2 changes every third one.
fn article_text(i: usize, version: u8) -> String {
    let name = company(i);
    let mut text = if i.is_multiple_of(2) {
        format!(
            " date 2024-{:02}-{:02} Das Bundeskartellamt hat am Mittwoch ein Verkaufsverbot gegen die {name} GmbH verhängt. Die {name} GmbH beschäftigt rund {} Mitarbeiter in Deutschland. Das Verbot gilt ab dem 1. Oktober 2024.",
            1 + i % 12,
            1 + i % 28,
            100 + i
        )
    } else {
        format!(
            "date 2023-{:02}\nThe Federal Trade Commission banned {name} Inc. from selling routers on 3 March 2024. {name} Inc. employs about {} people in the UK.",
            1 + i % 12,
            200 + i
        )
    };
    if version == 2 && i.is_multiple_of(3) {
        text.push_str(&format!(
            " Nachtrag {i}: Die {name} GmbH prüft rechtliche Schritte."
        ));
    }
    text
}

/// Writes `texts` text files and two JSON Lines files of `lines` articles
/// each under `dir/corpus`; returns the inputs as `load corpus` finds them.
fn write_corpus(dir: &Scratch, texts: usize, lines: usize, version: u8) -> Vec<Input> {
    let mut inputs = Vec::new();
    for i in 0..texts {
        let name = format!("a{i:03}.txt");
        let path = dir.write(&format!("corpus/{name}"), article_text(i, version));
        inputs.push(input(path, &name));
    }
    for file in 0..2 {
        let jsonl: String = (0..lines)
            .map(|l| {
                let i = texts + file * lines + l;
                let text = serde_json::to_string(&article_text(i, version)).expect("JSON string");
                format!("{{\"id\":\"n{i}\",\"text\":{text}}}\n")
            })
            .collect();
        let name = format!("lines{file}.jsonl");
        let path = dir.write(&format!("corpus/{name}"), jsonl);
        inputs.push(input(path, &name));
    }
    inputs
}

fn input(path: PathBuf, name: &str) -> Input {
    Input {
        format: Format::of_path(&path),
        path: Some(path),
        source: format!("corpus/{name}"),
    }
}

/// What a fresh extraction of each input gives, per article graph, in two
/// forms: as `newsgraph extract` prints it, and as the store holds it.
/// Oxigraph keeps numbers and dates by value, so `"0.80"^^xsd:decimal`
/// comes back as `"0.8"` (see `extract_and_export_agree`); an in-memory
/// Oxigraph store applies the same encoding as the on-disk one.
struct Expected {
    stored: Graphs,
    printed: Graphs,
}

fn extractions(inputs: &[Input]) -> Expected {
    let s = setup();
    let memory = Store::new().expect("in-memory store");
    let mut printed = Graphs::new();
    for input in inputs {
        for article in article::read(input, &ReadOptions::default()) {
            let article = article.expect("corpus articles read");
            let hash = iri::sha256_hex(article.text.as_bytes());
            let graph = iri::article(&article.source).as_str().to_owned();
            let extraction = load::extract(article, hash, &s.pipeline, &s.options);
            let quads = mapping::article_quads(&extraction, &s.vocab, &s.pipeline_id);
            memory
                .extend(quads.iter().cloned())
                .expect("insert into memory");
            let triples = quads
                .into_iter()
                .map(|q| Triple::from(q).to_string())
                .collect();
            assert!(
                printed.insert(graph, triples).is_none(),
                "two articles share a graph"
            );
        }
    }
    let stored: HashSet<_> = memory
        .quads_for_pattern(None, None, None, None)
        .map(|q| q.expect("memory quad"))
        .collect();
    Expected {
        stored: by_graph(&stored),
        printed,
    }
}

/// `newsgraph extract` of `file` agrees with the library's extraction.
fn check_cli_extract(dir: &Scratch, file: &str, expected: &Graphs) {
    let mut cmd = newsgraph(dir.path());
    cmd.args(["extract", "--format", "nquads", file]);
    let out = reliability::run(cmd).expect(0);
    let graphs = by_graph(&parse(&out.stdout, RdfFormat::NQuads));
    assert!(!graphs.is_empty());
    for (graph, triples) in &graphs {
        assert_eq!(
            Some(triples),
            expected.get(graph),
            "`extract {file}` differs for {graph}"
        );
    }
}

/// Xorshift: kill points without a dependency, replayable from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

fn seed() -> u64 {
    std::env::var("NEWSGRAPH_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            (now.as_nanos() as u64) | 1
        })
}

/// Blocks until a process holds the store's write lock (the loader runs with
/// `--wait`, so the probe only delays it).
fn wait_until_locked(store: &Path, child: &mut Running) {
    let path = store.join("newsgraph.lock");
    let started = Instant::now();
    loop {
        if let Ok(file) = File::open(&path) {
            match file.try_lock_shared() {
                Err(std::fs::TryLockError::WouldBlock) => return,
                Err(std::fs::TryLockError::Error(e)) => panic!("lock probe: {e}"),
                Ok(()) => drop(file),
            }
        }
        assert!(child.is_running(), "load ended before it took the lock");
        assert!(started.elapsed() < DEADLINE, "load never took the lock");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn start_load(dir: &Scratch, store: &Path, extra: &[&str]) -> Running {
    let mut cmd = newsgraph(dir.path());
    cmd.arg("--store")
        .arg(store)
        .args(["--wait", "load", "--batch", "2000"])
        .args(extra)
        .arg("corpus")
        .stdin(Stdio::null());
    spawn(cmd)
}

/// Opens the store (through `export`) and checks that every article graph
/// in it is one of the complete versions; returns how many there are.
fn check_store(dir: &Scratch, store: &Path, versions: &[&Graphs], context: &str) -> usize {
    let stored = reliability::export_graphs(dir.path(), store);
    for (graph, triples) in &stored {
        assert!(
            !graph.is_empty(),
            "{context}: triples outside any article graph"
        );
        let complete = versions.iter().any(|v| v.get(graph) == Some(triples));
        if !complete {
            let expected = versions.iter().find_map(|v| v.get(graph));
            let detail = match expected {
                None => "not an article of the corpus".to_owned(),
                Some(e) => format!(
                    "{} triples stored, {} expected; missing e.g. {:?}; extra e.g. {:?}",
                    triples.len(),
                    e.len(),
                    e.difference(triples).next(),
                    triples.difference(e).next()
                ),
            };
            panic!("{context}: graph {graph} is incomplete: {detail}");
        }
    }
    stored.len()
}

/// How long a complete `load` of the corpus runs once it holds the lock,
/// into a store of its own: the span in which kills and Ctrl-C land.
fn write_phase(dir: &Scratch, label: &str, extra: &[&str]) -> Duration {
    let store = dir.join(label);
    let mut child = start_load(dir, &store, extra);
    wait_until_locked(&store, &mut child);
    let locked = Instant::now();
    let out = child.wait(DEADLINE);
    assert_eq!(out.code(), Some(0), "calibration load: {}", out.stderr);
    locked.elapsed()
}

#[test]
fn killed_loads_leave_only_complete_articles() {
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = Scratch::new("crash");
    let store = dir.join("store");
    // 160 text files and 2 × 20 JSON lines: 200 articles.
    let expected = extractions(&write_corpus(&dir, 160, 20, 1));
    let v1 = expected.stored;
    assert_eq!(v1.len(), 200);
    check_cli_extract(&dir, "corpus/a000.txt", &expected.printed);
    check_cli_extract(&dir, "corpus/lines1.jsonl", &expected.printed);
    // Kills land anywhere from before the first commit to the end of the
    // load.
    let span = write_phase(&dir, "calibration", &[]).as_millis() as u64;
    let mut v2 = Graphs::new();

    // Rounds 1–2 add articles (bulk loader), 3 replaces all (--force), 4
    // loads changed texts (a replacing transaction per batch), 5 replaces
    // all again.
    let mut present = Vec::new();
    for round in 1..=5 {
        if round == 4 {
            v2 = extractions(&write_corpus(&dir, 160, 20, 2)).stored;
        }
        let extra: &[&str] = if round == 3 || round == 5 {
            &["--force"]
        } else {
            &[]
        };
        let mut child = start_load(&dir, &store, extra);
        wait_until_locked(&store, &mut child);
        let ms = rng.between(50, span.max(100));
        std::thread::sleep(Duration::from_millis(ms));
        let killed = child.is_running();
        if killed {
            child.signal(libc::SIGKILL);
        }
        let out = child.wait(DEADLINE);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        let context =
            format!("seed {seed}, round {round}, killed {ms} ms after the lock ({killed})");
        let n = check_store(&dir, &store, &[&v1, &v2], &context);
        present.push(n);
    }
    eprintln!("seed {seed}: kills within {span} ms; articles present after each: {present:?}");

    // An uninterrupted load afterwards brings the store to the new texts,
    // complete, with no copies and no leftovers of the killed loads.
    let out = start_load(&dir, &store, &[]).wait(DEADLINE);
    assert_eq!(out.code(), Some(0), "{}", out.stderr);
    let stored = reliability::export_graphs(dir.path(), &store);
    let stored_graphs: HashSet<&String> = stored.keys().collect();
    let expected_graphs: HashSet<&String> = v2.keys().collect();
    assert_eq!(
        stored_graphs, expected_graphs,
        "seed {seed}: articles after the final load"
    );
    for (graph, triples) in &stored {
        let e = &v2[graph];
        assert!(
            triples == e,
            "seed {seed}: after the final load {graph} differs from its extraction: missing {:?}; extra {:?}",
            e.difference(triples).collect::<Vec<_>>(),
            triples.difference(e).collect::<Vec<_>>()
        );
    }
    let leftovers: Vec<String> = std::fs::read_dir(&store)
        .expect("store dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bulk-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "bulk loader files left behind: {leftovers:?}"
    );
}

/// The graph `export` gives for a loaded article is the graph `extract`
/// prints for its file, literal for literal.
#[test]
fn extract_and_export_agree() {
    let dir = Scratch::new("extract-export");
    let store = dir.join("store");
    dir.write("corpus/a.txt", article_text(0, 1));
    let mut cmd = newsgraph(dir.path());
    cmd.args(["extract", "--format", "nquads", "corpus/a.txt"]);
    let extracted = by_graph(&parse(
        &reliability::run(cmd).expect(0).stdout,
        RdfFormat::NQuads,
    ));
    reliability::ng(dir.path(), &store, &["load", "corpus"]).expect(0);
    let exported = reliability::export_graphs(dir.path(), &store);
    assert_eq!(
        exported.keys().collect::<Vec<_>>(),
        extracted.keys().collect::<Vec<_>>()
    );
    for (graph, triples) in &exported {
        let e = &extracted[graph];
        assert!(
            triples == e,
            "{graph}: extract gives {:?}, export {:?}",
            e.difference(triples).take(3).collect::<Vec<_>>(),
            triples.difference(e).take(3).collect::<Vec<_>>()
        );
    }
}

/// Ctrl-C `1/at` of the way through a load of `texts` files: the load
/// stops after the batch in hand, reports how many articles it stored,
/// exits with 130, and those articles are complete.
fn interrupt_load(texts: usize, at: u32, deadline: Duration) {
    let dir = Scratch::new("sigint");
    let store = dir.join("store");
    let expected = extractions(&write_corpus(&dir, texts, 20, 1));
    let span = write_phase(&dir, "calibration", &["--jobs", "1"]);
    let mut child = start_load(&dir, &store, &["--jobs", "1"]);
    wait_until_locked(&store, &mut child);
    std::thread::sleep(span / at);
    assert!(child.is_running(), "the load finished before Ctrl-C");
    child.signal(libc::SIGINT);
    let out = child.wait(deadline);
    assert_eq!(
        out.code(),
        Some(130),
        "exit status after Ctrl-C\n{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("newsgraph: stopping after the current batch"),
        "{}",
        out.stderr
    );
    let line = summary(&out.stderr);
    let stored = count(line, "articles stored)");
    assert_eq!(stored, count(line, "articles loaded"), "{line}");
    let n = check_store(&dir, &store, &[&expected.stored], "after Ctrl-C");
    assert_eq!(n as u64, stored, "{line}");
    assert!(n < expected.stored.len(), "Ctrl-C stopped nothing: {line}");
}

/// 400 files: more inputs than the loader queues (256), so the directory
/// walk is still blocked on a full queue when the stop comes.
#[test]
fn ctrl_c_stops_after_the_current_batch() {
    interrupt_load(400, 4, DEADLINE);
}
