//! `newsgraph query` and `newsgraph export` on the example articles
//! (issue 2), with the canned queries' variables (the contract of issue 3).

mod common;

use std::collections::{BTreeSet, HashSet};
use std::io::Read;
use std::process::Stdio;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};

use common::{
    Store, TempDir, bindings, json_vars, nquads_quads, ntriples_triples, parse_json, root,
    trig_quads, turtle_triples,
};

const BANS_VARS: [&str; 6] = [
    "source",
    "regulator",
    "target",
    "kind",
    "imposed",
    "effective",
];

/// Variables and number of rows of a TSV, XML or JSON result, read by
/// Oxigraph's result parser.
fn parsed_solutions(format: QueryResultsFormat, text: &str) -> (Vec<String>, usize) {
    let parsed = QueryResultsParser::from_format(format)
        .for_reader(text.as_bytes())
        .unwrap_or_else(|e| panic!("{format:?} results do not parse ({e}):\n{text}"));
    match parsed {
        ReaderQueryResultsParserOutput::Solutions(solutions) => {
            let vars = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let rows = solutions
                .collect::<Result<Vec<_>, _>>()
                .expect("solutions parse")
                .len();
            (vars, rows)
        }
        ReaderQueryResultsParserOutput::Boolean(_) => panic!("a boolean, not solutions"),
    }
}

fn parsed_boolean(format: QueryResultsFormat, text: &str) -> bool {
    match QueryResultsParser::from_format(format).for_reader(text.as_bytes()) {
        Ok(ReaderQueryResultsParserOutput::Boolean(b)) => b,
        _ => panic!("not a {format:?} boolean:\n{text}"),
    }
}

#[test]
fn a_query_by_name_by_file_and_by_text_gives_the_same_results() {
    let store = Store::with_examples("query-forms");
    let text = std::fs::read_to_string(root().join("queries/bans.rq")).expect("bans.rq");
    let by_name = store
        .run(&["query", "--format", "json", "bans"])
        .ok()
        .stdout;
    for other in ["queries/bans.rq", "bans.rq", text.as_str()] {
        let out = store.run(&["query", "--format", "json", other]).ok().stdout;
        assert_eq!(out, by_name, "query {other:?}");
    }
    let result = parse_json(&by_name);
    assert_eq!(json_vars(&result), BANS_VARS);
    let rows = bindings(&result);
    assert!(!rows.is_empty());
    assert!(rows.iter().any(|r| r["kind"].value == "investment-ban"
        && r["source"].value == "examples/articles/de-kartellamt.txt"));

    // The canned queries are built in: they run from any directory.
    let elsewhere = TempDir::new("query-cwd");
    let out = store
        .command()
        .current_dir(elsewhere.path())
        .args(["query", "--format", "json", "bans"])
        .output();
    let out = out.expect("run query");
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), by_name);
}

#[test]
fn the_contract_queries_have_their_variables() {
    let store = Store::with_examples("contract");
    let sources: BTreeSet<String> = store
        .select("SELECT ?s WHERE { ?a ng:source ?s }")
        .into_iter()
        .map(|r| r["s"].value.clone())
        .collect();
    for (name, vars) in [
        ("organisations", &["source", "name"][..]),
        ("regulators", &["source", "name"]),
        ("bans", &BANS_VARS),
        (
            "employee-counts",
            &["source", "organisation", "value", "relation", "place"],
        ),
        ("dates", &["source", "date"]),
    ] {
        let result = parse_json(&store.run(&["query", "--format", "json", name]).ok().stdout);
        assert_eq!(json_vars(&result), vars, "{name}");
        let rows = bindings(&result);
        assert!(!rows.is_empty(), "{name} finds nothing in the examples");
        for row in &rows {
            assert!(
                sources.contains(&row["source"].value),
                "{name}: unknown source in {row:?}"
            );
        }
    }
    // Value forms: integer counts, relation notations, ISO dates.
    let relations = [
        "exact",
        "approximately",
        "less-than",
        "more-than",
        "at-least",
        "at-most",
    ];
    for row in store.select("employee-counts") {
        assert!(row["value"].value.parse::<u64>().is_ok(), "{row:?}");
        assert!(
            relations.contains(&row["relation"].value.as_str()),
            "{row:?}"
        );
    }
    let iso = regex::Regex::new(r"^\d{4}(-\d{2}(-\d{2})?)?$").expect("pattern");
    for row in store.select("dates") {
        assert!(iso.is_match(&row["date"].value), "{row:?}");
    }
}

#[test]
fn select_results_in_every_format() {
    let store = Store::with_examples("formats");
    let json = store
        .run(&["query", "--format", "json", "bans"])
        .ok()
        .stdout;
    let rows = bindings(&parse_json(&json)).len();
    assert_eq!(
        parsed_solutions(QueryResultsFormat::Json, &json),
        (BANS_VARS.map(String::from).to_vec(), rows)
    );

    let tsv = store.run(&["query", "--format", "tsv", "bans"]).ok().stdout;
    assert_eq!(
        tsv.lines().next(),
        Some("?source\t?regulator\t?target\t?kind\t?imposed\t?effective")
    );
    assert_eq!(
        parsed_solutions(QueryResultsFormat::Tsv, &tsv),
        (BANS_VARS.map(String::from).to_vec(), rows)
    );

    let xml = store.run(&["query", "--format", "xml", "bans"]).ok().stdout;
    assert_eq!(
        parsed_solutions(QueryResultsFormat::Xml, &xml),
        (BANS_VARS.map(String::from).to_vec(), rows)
    );

    // CSV has no parser in Oxigraph (it is lossy); no value has a line break.
    let csv = store.run(&["query", "--format", "csv", "bans"]).ok().stdout;
    assert_eq!(
        csv.lines().next(),
        Some("source,regulator,target,kind,imposed,effective")
    );
    assert_eq!(csv.lines().count(), rows + 1);
    assert!(csv.contains("examples/articles/de-kartellamt.txt,"));

    let table = store
        .run(&["query", "--format", "table", "bans"])
        .ok()
        .stdout;
    let header: Vec<&str> = table
        .lines()
        .next()
        .expect("header")
        .split_whitespace()
        .collect();
    assert_eq!(header, BANS_VARS);
    assert_eq!(
        table.lines().last(),
        Some(format!("({rows} rows)").as_str())
    );
    assert_eq!(table.lines().count(), rows + 3, "header, rule, rows, count");

    // Output to a pipe without --format: JSON, as --help says.
    let default = store.run(&["query", "bans"]).ok().stdout;
    assert_eq!(json_vars(&parse_json(&default)), BANS_VARS);
}

#[test]
fn ask_and_construct_queries() {
    let store = Store::with_examples("ask-construct");
    let yes = "ASK { ?a a schema:NewsArticle }";
    let no = "ASK { ?a ng:source \"no such source\" }";
    assert!(store.ask(yes));
    assert!(!store.ask(no));
    let xml = store.run(&["query", "--format", "xml", yes]).ok().stdout;
    assert!(parsed_boolean(QueryResultsFormat::Xml, &xml));
    let tsv = store.run(&["query", "--format", "tsv", no]).ok().stdout;
    assert!(!parsed_boolean(QueryResultsFormat::Tsv, &tsv));
    assert_eq!(
        store
            .run(&["query", "--format", "table", yes])
            .ok()
            .stdout
            .trim(),
        "true"
    );

    let construct =
        "CONSTRUCT { ?a ng:source ?s } WHERE { ?a a schema:NewsArticle ; ng:source ?s }";
    let turtle = store.run(&["query", construct]).ok().stdout;
    let triples = turtle_triples(&turtle);
    assert_eq!(triples.len(), 7, "{turtle}");
    assert!(
        triples
            .iter()
            .all(|t| t.contains("<https://w3id.org/newsgraph/ontology#source>"))
    );
    let nt = store
        .run(&["query", "--graph-format", "ntriples", construct])
        .ok()
        .stdout;
    let mut from_nt = ntriples_triples(&nt);
    let mut from_turtle = triples;
    from_nt.sort();
    from_turtle.sort();
    assert_eq!(from_nt, from_turtle);
}

#[test]
fn query_list_names_every_canned_query_with_its_description() {
    // Needs no store at all.
    let out = common::run(&["query", "--list"]).ok();
    let mut names = 0;
    for entry in std::fs::read_dir(root().join("queries")).expect("queries/") {
        let path = entry.expect("entry").path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".rq"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("query file");
        let description = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix('#'))
            .expect("a # description")
            .trim();
        let line = out
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{}", out.stdout));
        assert!(
            line.ends_with(description),
            "{line:?} lacks {description:?}"
        );
        names += 1;
    }
    assert_eq!(out.stdout.lines().count(), names);
    for contract in [
        "organisations",
        "regulators",
        "bans",
        "employee-counts",
        "dates",
        "evidence",
    ] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{contract} "))),
            "{contract}"
        );
    }
}

#[test]
fn export_turtle_parses_back_with_the_triple_count_of_stats() {
    let store = Store::with_examples("export-turtle");
    let stats = store.stats();
    let turtle = store.run(&["export"]).ok().stdout;
    assert!(
        turtle.contains("@prefix ng: <https://w3id.org/newsgraph/ontology#>"),
        "readable prefixes"
    );
    let triples = turtle_triples(&turtle);
    assert_eq!(triples.len() as u64, stats["triples"]);
    let distinct: HashSet<&String> = triples.iter().collect();
    assert_eq!(distinct.len(), triples.len(), "a triple written twice");

    // Merged, every fact still names its article.
    let subject = |t: &String| t.split(' ').next().unwrap_or_default().to_owned();
    let derived: HashSet<String> = triples
        .iter()
        .filter(|t| t.contains("<http://www.w3.org/ns/prov#wasDerivedFrom>"))
        .map(subject)
        .collect();
    let facts: HashSet<String> = triples
        .iter()
        .filter(|t| t.contains("<https://w3id.org/newsgraph/ontology#confidence>"))
        .map(subject)
        .collect();
    assert!(facts.len() as u64 >= stats["dates"] + stats["employee-counts"]);
    let orphans: Vec<_> = facts.difference(&derived).collect();
    assert!(
        orphans.is_empty(),
        "facts without prov:wasDerivedFrom: {orphans:?}"
    );
}

#[test]
fn export_in_every_rdf_format() {
    let store = Store::with_examples("export-formats");
    let stats = store.stats();
    let export = |format: &str| store.run(&["export", "--format", format]).ok().stdout;

    assert_eq!(
        ntriples_triples(&export("ntriples")).len() as u64,
        stats["triples"]
    );
    let nquads = export("nquads");
    assert_eq!(nquads_quads(&nquads).len() as u64, stats["quads"]);
    // Each quad is in an article's graph, none in the default graph.
    let in_article = regex::Regex::new(r"<https://w3id.org/newsgraph/id/article/[0-9a-f]+> \.$")
        .expect("pattern");
    let stray: Vec<&str> = nquads.lines().filter(|l| !in_article.is_match(l)).collect();
    assert!(
        stray.is_empty(),
        "quads outside an article graph: {stray:?}"
    );
    assert_eq!(trig_quads(&export("trig")).len() as u64, stats["quads"]);

    let rdfxml = export("rdfxml");
    assert!(!rdfxml.is_empty());
    let parsed = RdfParser::from_format(RdfFormat::RdfXml)
        .for_slice(rdfxml.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("RDF/XML parses")
        .len();
    assert_eq!(parsed as u64, stats["triples"]);
    let trig = export("trig");
    let parsed = RdfParser::from_format(RdfFormat::TriG)
        .for_slice(trig.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("TriG parses")
        .len();
    assert_eq!(parsed as u64, stats["quads"]);
}

#[test]
fn export_one_article_or_to_a_file() {
    let store = Store::with_examples("export-article");
    let source = "examples/articles/en-entity-list.txt";
    let graph = store.article_iri(source);
    let turtle = store.run(&["export", "--article", source]).ok().stdout;
    let triples = turtle_triples(&turtle);
    let in_graph = store.select(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    ));
    assert_eq!(triples.len().to_string(), in_graph[0]["n"].value);
    assert!((triples.len() as u64) < store.stats()["triples"]);
    let sources: Vec<&String> = triples
        .iter()
        .filter(|t| t.contains("<https://w3id.org/newsgraph/ontology#source>"))
        .collect();
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert!(sources[0].contains(&format!("\"{source}\"")));
    let articles = "<https://w3id.org/newsgraph/id/article/";
    assert!(
        triples
            .iter()
            .all(|t| !t.starts_with(articles) || t.starts_with(&format!("<{graph}")))
    );

    let out = store.run(&["export", "--article", "examples/articles/nope.txt"]);
    assert_ne!(out.status, Some(0));
    assert!(out.stderr.contains("nope.txt"), "{}", out.stderr);

    // --output writes the file, nothing on stdout, no partial file left.
    let dir = TempDir::new("export-output");
    let file = dir.join("graph.ttl");
    let out = store
        .run(&["export", "--output", file.to_str().expect("UTF-8")])
        .ok();
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).expect("exported file");
    let mut from_file = turtle_triples(&written);
    let mut from_stdout = turtle_triples(&store.run(&["export"]).ok().stdout);
    from_file.sort();
    from_stdout.sort();
    assert_eq!(from_file, from_stdout);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["graph.ttl"]);
}

#[test]
fn export_into_a_closed_pipe_is_no_error() {
    let store = Store::with_examples("export-pipe");
    let mut child = store
        .command()
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn export");
    // Read a little, then hang up (as `export | head` does); the export is
    // far larger than a pipe's buffer, so the writer sees the closed pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut start = [0u8; 16];
    stdout.read_exact(&mut start).expect("some output");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
