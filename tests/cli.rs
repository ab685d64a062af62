//! The `newsgraph` binary end to end: loading the three article formats,
//! reloading, replacing and removing articles, bad input, errors, the store
//! lock and `extract` (issue 2). Queries and export are in
//! `query_export.rs`, provenance in `provenance.rs`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;

use common::{Store, TempDir, copy_files, feed, finish, root, sparql_string, turtle_triples};

/// The counts of `load`'s summary line, by label (`articles loaded`,
/// `replaced`, `unchanged`, `failed`, `triples`, `dates`, ...).
fn summary(stderr: &str) -> BTreeMap<String, u64> {
    let line = stderr
        .lines()
        .find(|l| l.contains("articles loaded"))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"));
    let pattern = regex::Regex::new(
        r"(\d[\d,]*) (articles loaded|replaced|unchanged|failed|triples|organisations|regulators|bans|employee counts|dates)\b",
    )
    .expect("summary pattern");
    pattern
        .captures_iter(line)
        .map(|c| {
            (
                c[2].to_owned(),
                c[1].replace(',', "").parse().expect("a count"),
            )
        })
        .collect()
}

const EXAMPLE_SOURCES: [&str; 7] = [
    "examples/articles/de-kartellamt.txt",
    "examples/articles/de-verkaufsverbot.txt",
    "examples/articles/en-entity-list.txt",
    "examples/articles/en-licence-revoked.txt",
    "https://example.org/news/business/rbi-bars-kavya-payments-bank",
    "https://example.org/news/digitales/kultusministerium-verbietet-lernplattform-lernwerk",
    "https://example.org/news/wirtschaft/eu-sanktionen-severtrans",
];

#[test]
fn load_reads_text_html_and_json_lines() {
    let store = Store::new("load");
    let out = store.run(&["load", "examples/articles"]).ok();
    let counts = summary(&out.stderr);
    assert_eq!(counts["articles loaded"], 7, "{}", out.stderr);
    assert_eq!(
        (counts["replaced"], counts["unchanged"], counts["failed"]),
        (0, 0, 0)
    );
    assert!(counts["triples"] > 0);

    let stats = store.stats();
    assert_eq!(stats["articles"], 7);
    // The summary's fact counts are those the store holds afterwards.
    for (summary_label, stats_label) in [
        ("organisations", "org-in-article"),
        ("regulators", "regulators"),
        ("bans", "bans"),
        ("employee counts", "employee-counts"),
        ("dates", "dates"),
    ] {
        assert_eq!(counts[summary_label], stats[stats_label], "{summary_label}");
    }
    assert!(stats["dates"] > 0 && stats["employee-counts"] > 0);

    // Text files keep the path as given; the HTML page and the JSON lines
    // name their URL, which becomes the source.
    let rows = store.select("SELECT ?source ?lang ?published WHERE { ?a ng:source ?source ; schema:inLanguage ?lang . OPTIONAL { ?a schema:datePublished ?d } BIND(STR(?d) AS ?published) }");
    let found: BTreeMap<&str, (&str, &str)> = rows
        .iter()
        .map(|r| {
            let published = r.get("published").map_or("", |b| b.value.as_str());
            (
                r["source"].value.as_str(),
                (r["lang"].value.as_str(), published),
            )
        })
        .collect();
    let expected: BTreeMap<&str, (&str, &str)> = EXAMPLE_SOURCES
        .into_iter()
        .zip([
            ("de", "2024-11-05"),
            ("de", "2025-03-14"),
            ("en", "2024-10-03"),
            ("en", "2025-06-20"),
            ("en", "2025-01-28"),
            ("de", "2025-02-14"),
            ("de", "2025-05-21"),
        ])
        .collect();
    assert_eq!(found, expected);

    // The canned `articles` query lists the same sources.
    let listed = store.select("articles");
    let listed: BTreeSet<&str> = listed.iter().map(|r| r["source"].value.as_str()).collect();
    assert_eq!(listed, EXAMPLE_SOURCES.into_iter().collect());
}

#[test]
fn reloading_the_same_articles_duplicates_nothing() {
    let store = Store::with_examples("reload");
    let before = store.stats();
    let out = store.run(&["load", "examples/articles"]).ok();
    let counts = summary(&out.stderr);
    assert_eq!(counts["unchanged"], 7, "{}", out.stderr);
    assert_eq!(
        (
            counts["articles loaded"],
            counts["replaced"],
            counts["failed"]
        ),
        (0, 0, 0)
    );
    assert_eq!(store.stats(), before);
    // One node per article, not one per load.
    let rows = store.select("SELECT ?a WHERE { ?a a schema:NewsArticle }");
    assert_eq!(rows.len(), 7);
}

#[test]
fn a_changed_article_replaces_its_old_facts() {
    let articles = TempDir::new("changed-articles");
    copy_files(&root().join("examples/articles"), articles.path());
    let dir = articles.path().to_str().expect("UTF-8 temp path");
    let file = articles.join("de-kartellamt.txt");
    let source = file.to_str().expect("UTF-8 temp path").to_owned();
    let store = Store::new("changed");
    store.run(&["load", dir]).ok();
    let old_anchor = "rund 1.900 Mitarbeiter";
    let ask_anchor = |anchor: &str| {
        store.ask(&format!(
            "ASK {{ ?f nif:anchorOf {} }}",
            sparql_string(anchor)
        ))
    };
    assert!(ask_anchor(old_anchor), "the original count is extracted");
    let before = store.stats();

    let text = std::fs::read_to_string(&file).expect("read article");
    assert!(text.contains("Bergland beschäftigt rund 1.900 Mitarbeiter"));
    let changed = text.replace(
        "Bergland beschäftigt rund 1.900 Mitarbeiter",
        "Bergland beschäftigt rund 2.100 Mitarbeiter",
    );
    std::fs::write(&file, changed).expect("write article");

    let out = store.run(&["load", dir]).ok();
    let counts = summary(&out.stderr);
    assert_eq!(counts["replaced"], 1, "{}", out.stderr);
    assert_eq!(
        (
            counts["unchanged"],
            counts["articles loaded"],
            counts["failed"]
        ),
        (6, 0, 0)
    );

    assert!(!ask_anchor(old_anchor), "the old anchor is gone");
    assert!(
        ask_anchor("rund 2.100 Mitarbeiter"),
        "the new anchor is stored"
    );
    let graph = store.article_iri(&source);
    let texts = store.select(&format!(
        "SELECT ?text ?hash WHERE {{ <{graph}> nif:isString ?text ; ng:textHash ?hash }}"
    ));
    assert_eq!(
        texts.len(),
        1,
        "one text and one hash per article: {texts:?}"
    );
    assert!(texts[0]["text"].value.contains("2.100") && !texts[0]["text"].value.contains("1.900"));
    let values = store.select(&format!(
        "SELECT ?value WHERE {{ ?c a ng:EmployeeCount ; prov:wasDerivedFrom <{graph}> ; schema:value ?value }}"
    ));
    let values: BTreeSet<&str> = values.iter().map(|r| r["value"].value.as_str()).collect();
    assert!(
        values.contains("2100") && !values.contains("1900"),
        "{values:?}"
    );
    assert_eq!(store.stats()["articles"], before["articles"]);
}

#[test]
fn remove_drops_an_article_and_all_its_facts() {
    let store = Store::with_examples("remove");
    let before = store.stats();
    let source = "examples/articles/de-kartellamt.txt";
    let graph = store.article_iri(source);

    let out = store.run(&["remove", source]).ok();
    assert!(out.stderr.contains(source), "{}", out.stderr);
    let after = store.stats();
    assert_eq!(after["articles"], before["articles"] - 1);
    assert!(after["triples"] < before["triples"]);
    let left = store.select(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    ));
    assert_eq!(left[0]["n"].value, "0");
    assert!(!store.ask(&format!(
        "ASK {{ {{ <{graph}> ?p ?o }} UNION {{ ?s ?p <{graph}> }} }}"
    )));
    let orgs = store.select("organisations");
    assert!(orgs.iter().all(|r| r["source"].value != source));
    assert!(
        orgs.iter()
            .any(|r| r["source"].value == "examples/articles/en-entity-list.txt")
    );

    // An unknown source is an error naming it; the store is unchanged.
    let out = store
        .run(&["remove", "examples/articles/no-such-article.txt"])
        .expect_status(1);
    assert!(out.stderr.contains("no-such-article.txt"), "{}", out.stderr);
    assert_eq!(store.stats(), after);

    // A known and an unknown one: the known one still goes.
    let out = store
        .run(&["remove", "nope", "examples/articles/en-entity-list.txt"])
        .expect_status(1);
    assert!(out.stderr.contains("nope"));
    assert_eq!(store.stats()["articles"], after["articles"] - 1);
}

#[test]
fn bad_files_fail_one_by_one_and_the_rest_loads() {
    let store = Store::new("bad");
    let out = store
        .run(&["load", "examples/bad", "examples/articles"])
        .expect_status(1);
    let lines_naming = |name: &str| out.stderr.lines().filter(|l| l.contains(name)).count();
    for name in [
        "binary.txt",
        "blank.txt",
        "empty.txt",
        "broken.jsonl:2",
        "broken.jsonl:3",
    ] {
        assert_eq!(
            lines_naming(name),
            1,
            "one line for {name} in:\n{}",
            out.stderr
        );
    }
    // broken.jsonl's first line is fine: no complaint about it.
    assert_eq!(lines_naming("broken.jsonl:1"), 0, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let counts = summary(&out.stderr);
    assert_eq!(counts["failed"], 5, "{}", out.stderr);
    // latin1.txt (decoded), impossible-date.txt and broken.jsonl line 1,
    // plus the seven examples.
    assert_eq!(counts["articles loaded"], 10, "{}", out.stderr);
    assert_eq!(store.stats()["articles"], 10);

    let sources: BTreeSet<String> = store
        .select("articles")
        .into_iter()
        .map(|r| r["source"].value.clone())
        .collect();
    for expected in [
        "examples/bad/latin1.txt",
        "examples/bad/impossible-date.txt",
        "https://example.org/news/ok-1",
    ] {
        assert!(
            sources.contains(expected),
            "{expected} missing from {sources:?}"
        );
    }
    // The impossible header date is no date in the store.
    let dates = store.select("dates");
    assert!(
        dates
            .iter()
            .all(|r| !r["date"].value.starts_with("2024-13")),
        "{dates:?}"
    );
}

#[test]
fn a_sparql_syntax_error_gives_its_position_and_status_2() {
    let store = Store::with_examples("syntax");
    let out = store
        .run(&["query", "SELECT ?s\nWHERE { ?s ?p }"])
        .expect_status(2);
    assert!(out.stderr.contains("syntax"), "{}", out.stderr);
    assert!(
        regex::Regex::new(r"\b2:\d+")
            .expect("pattern")
            .is_match(&out.stderr),
        "no line:column position in {}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    // Neither a file, a canned query nor SPARQL.
    let out = store.run(&["query", "no-such-query"]).expect_status(2);
    assert!(out.stderr.contains("no-such-query"), "{}", out.stderr);
}

#[test]
fn a_missing_store_gets_a_clear_message_and_is_not_created() {
    let store = Store::new("missing");
    for args in [&["query", "bans"][..], &["stats"], &["export"]] {
        let out = store.run(args);
        assert_ne!(out.status, Some(0), "{args:?} on a missing store");
        assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
        assert!(out.stderr.contains("no store"), "{}", out.stderr);
        assert!(
            out.stderr.contains(store.path().to_str().expect("UTF-8")),
            "{}",
            out.stderr
        );
        for noise in ["RocksDB", "IO error", "LOCK", "panicked"] {
            assert!(!out.stderr.contains(noise), "{}", out.stderr);
        }
        assert!(
            !store.path().exists(),
            "{args:?} created the store directory"
        );
    }
}

/// Blocks until a process holds the write lock of `store`, without taking
/// the lock away from it: the holder runs with `--wait`, so a probe that
/// gets the shared lock for an instant only delays it.
fn wait_until_locked(store: &Store) {
    let path = store.path().join("newsgraph.lock");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let file = File::open(&path).expect("lock file");
        match file.try_lock_shared() {
            Err(std::fs::TryLockError::WouldBlock) => return,
            Err(std::fs::TryLockError::Error(e)) => panic!("lock probe: {e}"),
            Ok(()) => drop(file),
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the loader never took the lock"
        );
        std::thread::yield_now();
    }
}

#[test]
fn a_store_in_use_is_refused_with_a_clear_message() {
    let store = Store::with_examples("lock");
    let mut loader = store.spawn(&["--wait", "load", "-"]);
    wait_until_locked(&store);

    for args in [
        &["load", "examples/articles"][..],
        &["query", "bans"],
        &["stats"],
        &["export"],
        &["remove", "x"],
    ] {
        let out = store.run(args);
        assert_ne!(out.status, Some(0), "{args:?} while the store is in use");
        assert!(out.stderr.contains("in use"), "{args:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("RocksDB") && !out.stderr.contains("panicked"),
            "{}",
            out.stderr
        );
    }

    feed(
        &mut loader,
        "Die Bundesnetzagentur hat am 3. März 2024 den Verkauf der Geräte untersagt.\n",
    );
    let out = finish(loader).ok();
    assert_eq!(summary(&out.stderr)["articles loaded"], 1, "{}", out.stderr);
    assert_eq!(store.stats()["articles"], 8);
    // Stored under the source `-`.
    store.article_iri("-");
}

#[test]
fn extract_prints_turtle_without_a_store() {
    let cwd = TempDir::new("extract-cwd");
    let env_store = cwd.join("from-env");
    let file = root().join("examples/articles/mixed.jsonl");
    let out = common::command()
        .current_dir(cwd.path())
        .env("NEWSGRAPH_STORE", &env_store)
        .arg("extract")
        .arg(&file)
        .output()
        .expect("run extract");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let turtle = String::from_utf8(out.stdout).expect("UTF-8 Turtle");
    let triples = turtle_triples(&turtle);
    let articles = triples
        .iter()
        .filter(|t| t.ends_with("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle>"))
        .count();
    assert_eq!(articles, 2, "two JSON lines, two articles");
    assert!(triples.iter().any(|t| t.contains("\"https://example.org/news/wirtschaft/eu-sanktionen-severtrans\"")));
    assert!(
        triples
            .iter()
            .any(|t| t.contains("<https://w3id.org/newsgraph/ontology#DateMention>"))
    );
    assert!(
        !env_store.exists(),
        "extract created the store of NEWSGRAPH_STORE"
    );
    let left: Vec<_> = std::fs::read_dir(cwd.path()).expect("read cwd").collect();
    assert!(
        left.is_empty(),
        "extract wrote into the working directory: {left:?}"
    );

    // A file that is no article: an error naming it, status 1.
    let out = common::run(&["extract", "examples/bad/binary.txt"]).expect_status(1);
    assert!(out.stderr.contains("binary.txt"), "{}", out.stderr);
}

#[test]
fn compacting_after_a_load_keeps_every_triple() {
    let plain = Store::new("compact-plain");
    plain.run(&["load", "examples/articles"]).ok();
    let compacted = Store::new("compact");
    let out = compacted
        .run(&["load", "--compact", "examples/articles"])
        .ok();
    assert!(out.stderr.contains("store compacted in"), "{}", out.stderr);
    assert_eq!(summary(&out.stderr)["articles loaded"], 7);
    assert_eq!(compacted.stats(), plain.stats());
}
