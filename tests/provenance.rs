//! Issue 3: the exact triples of one date mention and one employee count of
//! an article written for this test, their NIF character offsets into the
//! stored text (umlauts before them, so bytes and characters differ), and
//! their provenance, through the store, `evidence.rq` and the contract
//! queries.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Binding, Store, sparql_string, turtle_triples};

const FIXTURE: &str = "tests/fixtures/de-mueller-elektronik.txt";

const NG: &str = "https://w3id.org/newsgraph/ontology#";
const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const SCHEMA: &str = "https://schema.org/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

const DATE_ANCHOR: &str = "3. März 2024";
const DATE_SENTENCE: &str = "Die Bundesnetzagentur hat am 3. März 2024 den Verkauf der Funkmodule der Müller Elektronik GmbH untersagt.";
const COUNT_ANCHOR: &str = "rund 1.200 Mitarbeiter";
const COUNT_SENTENCE: &str = "Die Müller Elektronik GmbH beschäftigt rund 1.200 Mitarbeiter.";

fn iri(value: &str) -> Binding {
    Binding {
        kind: "uri".into(),
        value: value.into(),
        datatype: None,
    }
}

fn plain(value: &str) -> Binding {
    Binding {
        kind: "literal".into(),
        value: value.into(),
        datatype: None,
    }
}

fn typed(value: &str, xsd_local: &str) -> Binding {
    Binding {
        kind: "literal".into(),
        value: value.into(),
        datatype: Some(format!("{XSD}{xsd_local}")),
    }
}

type Properties = BTreeSet<(String, Binding)>;

/// Every (predicate, object) of `node`.
fn properties(store: &Store, node: &str) -> Properties {
    store
        .select(&format!("SELECT ?p ?o WHERE {{ <{node}> ?p ?o }}"))
        .into_iter()
        .map(|row| (row["p"].value.clone(), row["o"].clone()))
        .collect()
}

fn objects<'a>(props: &'a Properties, predicate: &str) -> Vec<&'a Binding> {
    props
        .iter()
        .filter(|(p, _)| p == predicate)
        .map(|(_, o)| o)
        .collect()
}

fn one<'a>(props: &'a Properties, predicate: &str) -> &'a Binding {
    match objects(props, predicate).as_slice() {
        [o] => o,
        other => panic!("{predicate}: expected one object, found {other:?}"),
    }
}

/// The `count` characters of `text` after the first `skip`: NIF offsets
/// count Unicode characters, not bytes.
fn chars(text: &str, skip: usize, count: usize) -> String {
    text.chars().skip(skip).take(count).collect()
}

fn char_offset(text: &str, needle: &str) -> usize {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..byte].chars().count()
}

struct Loaded {
    store: Store,
    article: String,
    text: String,
}

fn load_fixture(label: &str) -> Loaded {
    let store = Store::new(label);
    store.run(&["load", FIXTURE]).ok();
    let article = store.article_iri(FIXTURE);
    let texts = store.select(&format!(
        "SELECT ?t WHERE {{ <{article}> nif:isString ?t }}"
    ));
    assert_eq!(texts.len(), 1);
    let text = texts[0]["t"].value.clone();
    // The header lines are not article text.
    assert!(text.starts_with("Die Behörde"), "{text:?}");
    assert!(!text.contains("date 2024") && !text.contains("lang de"));
    Loaded {
        store,
        article,
        text,
    }
}

/// Checks the provenance triples of `fact` against the stored text and
/// returns them, so the caller can compare the full set.
fn check_evidence(loaded: &Loaded, fact: &str, anchor: &str, sentence_text: &str) -> Properties {
    let Loaded {
        store,
        article,
        text,
    } = loaded;
    let props = properties(store, fact);
    let begin = char_offset(text, anchor);
    let end = begin + anchor.chars().count();
    // Umlauts come first: byte and character offsets differ here.
    assert_ne!(
        begin,
        text.find(anchor).unwrap_or_default(),
        "the fixture must test characters, not bytes"
    );
    assert_eq!(chars(text, begin, end - begin), anchor);

    let confidence = one(&props, &format!("{NG}confidence")).clone();
    assert_eq!(
        confidence.datatype.as_deref(),
        Some(format!("{XSD}decimal").as_str())
    );
    let value: f64 = confidence.value.parse().expect("a decimal confidence");
    assert!(
        (0.0..=1.0).contains(&value) && value > 0.0,
        "confidence {value}"
    );

    let sentence = one(&props, &format!("{NIF}sentence")).clone();
    assert_eq!(sentence.kind, "uri");
    let sentence_props = properties(store, &sentence.value);
    let s_begin = char_offset(text, sentence_text);
    let s_end = s_begin + sentence_text.chars().count();
    let expected_sentence: Properties = [
        (RDF_TYPE.to_owned(), iri(&format!("{NIF}Sentence"))),
        (format!("{NIF}referenceContext"), iri(article)),
        (format!("{NIF}anchorOf"), plain(sentence_text)),
        (
            format!("{NIF}beginIndex"),
            typed(&s_begin.to_string(), "integer"),
        ),
        (
            format!("{NIF}endIndex"),
            typed(&s_end.to_string(), "integer"),
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        sentence_props, expected_sentence,
        "sentence {}",
        sentence.value
    );
    assert!(s_begin <= begin && end <= s_end);

    let expected: Properties = [
        (format!("{PROV}wasDerivedFrom"), iri(article)),
        (format!("{NIF}referenceContext"), iri(article)),
        (format!("{NIF}anchorOf"), plain(anchor)),
        (
            format!("{NIF}beginIndex"),
            typed(&begin.to_string(), "integer"),
        ),
        (format!("{NIF}endIndex"), typed(&end.to_string(), "integer")),
        (format!("{NIF}sentence"), sentence),
        (format!("{NG}confidence"), confidence),
    ]
    .into_iter()
    .collect();
    let missing: Vec<_> = expected.difference(&props).collect();
    assert!(missing.is_empty(), "{fact} lacks {missing:?}");
    expected
}

/// The one fact of class `class` anchored at `anchor` in the article.
fn fact_node(loaded: &Loaded, class: &str, anchor: &str) -> String {
    let rows = loaded.store.select(&format!(
        "SELECT ?f WHERE {{ ?f a ng:{class} ; nif:anchorOf {} ; prov:wasDerivedFrom <{}> }}",
        sparql_string(anchor),
        loaded.article
    ));
    assert_eq!(rows.len(), 1, "one {class} at {anchor:?}: {rows:?}");
    rows[0]["f"].value.clone()
}

#[test]
fn a_date_mention_has_exactly_its_value_and_provenance() {
    let loaded = load_fixture("prov-date");
    let fact = fact_node(&loaded, "DateMention", DATE_ANCHOR);
    let mut expected = check_evidence(&loaded, &fact, DATE_ANCHOR, DATE_SENTENCE);
    expected.insert((RDF_TYPE.to_owned(), iri(&format!("{NG}DateMention"))));
    expected.insert((format!("{NG}date"), typed("2024-03-03", "date")));
    assert_eq!(properties(&loaded.store, &fact), expected);

    // `extract` names the same fact with the same IRI and value.
    let turtle = common::run(&["extract", FIXTURE]).ok().stdout;
    let triple = format!("<{fact}> <{NG}date> \"2024-03-03\"^^<{XSD}date>");
    assert!(
        turtle_triples(&turtle).contains(&triple),
        "{triple} not in extract"
    );

    let dates = loaded.store.select("dates");
    assert!(
        dates
            .iter()
            .any(|r| r["source"].value == FIXTURE && r["date"].value == "2024-03-03"),
        "{dates:?}"
    );
}

#[test]
fn an_employee_count_has_exactly_its_value_and_provenance() {
    let loaded = load_fixture("prov-count");
    let fact = fact_node(&loaded, "EmployeeCount", COUNT_ANCHOR);
    let props = properties(&loaded.store, &fact);
    let mut expected = check_evidence(&loaded, &fact, COUNT_ANCHOR, COUNT_SENTENCE);

    // The company it belongs to, by the name the article uses.
    let org = one(&props, &format!("{NG}organisation")).clone();
    let org_props = properties(&loaded.store, &org.value);
    let labels: Vec<&str> = objects(&org_props, &format!("{SKOS}prefLabel"))
        .into_iter()
        .chain(objects(&org_props, &format!("{SKOS}altLabel")))
        .map(|b| b.value.as_str())
        .collect();
    assert!(
        labels.contains(&"Müller Elektronik GmbH") || labels.contains(&"Müller Elektronik"),
        "{labels:?}"
    );
    let occurrence = one(&props, &format!("{NG}occurrence")).clone();
    let occurrence_props = properties(&loaded.store, &occurrence.value);
    assert_eq!(one(&occurrence_props, &format!("{NG}organisation")), &org);
    assert!(
        one(&occurrence_props, &format!("{NG}name"))
            .value
            .starts_with("Müller Elektronik")
    );

    let relation = format!("{NG}Approximately");
    for (predicate, object) in [
        (RDF_TYPE.to_owned(), iri(&format!("{NG}EmployeeCount"))),
        (
            RDF_TYPE.to_owned(),
            iri(&format!("{SCHEMA}QuantitativeValue")),
        ),
        (format!("{SCHEMA}value"), typed("1200", "integer")),
        (format!("{NG}relation"), iri(&relation)),
        (format!("{NG}organisation"), org),
        (format!("{NG}occurrence"), occurrence),
    ] {
        expected.insert((predicate, object));
    }
    // No minValue/maxValue for "rund", no place for the whole company.
    assert_eq!(props, expected);
    let notation = properties(&loaded.store, &relation);
    assert_eq!(
        one(&notation, &format!("{SKOS}notation")),
        &plain("approximately")
    );

    let counts = loaded.store.select("employee-counts");
    let row = counts
        .iter()
        .find(|r| r["source"].value == FIXTURE && r["value"].value == "1200")
        .unwrap_or_else(|| panic!("no count row: {counts:?}"));
    assert_eq!(row["relation"].value, "approximately");
    assert!(!row.contains_key("place"), "{row:?}");
    assert!(
        row["organisation"].value.starts_with("Müller Elektronik"),
        "{row:?}"
    );
}

#[test]
fn evidence_rq_says_where_the_count_comes_from() {
    let loaded = load_fixture("prov-evidence");
    let fact = fact_node(&loaded, "EmployeeCount", COUNT_ANCHOR);
    let rows = loaded.store.select("queries/evidence.rq");
    let for_count: Vec<&BTreeMap<String, Binding>> =
        rows.iter().filter(|r| r["fact"].value == fact).collect();
    assert_eq!(for_count.len(), 1, "{for_count:?}");
    let row = for_count[0];
    let begin = char_offset(&loaded.text, COUNT_ANCHOR);
    assert_eq!(row["source"].value, FIXTURE);
    assert_eq!(row["kind"].value, "EmployeeCount");
    assert_eq!(row["anchor"].value, COUNT_ANCHOR);
    assert_eq!(row["begin"].value, begin.to_string());
    assert_eq!(
        row["end"].value,
        (begin + COUNT_ANCHOR.chars().count()).to_string()
    );
    assert_eq!(row["sentence"].value, COUNT_SENTENCE);
    let confidence: f64 = row["confidence"].value.parse().expect("a number");
    assert!((0.0..=1.0).contains(&confidence));
    // Every row's offsets point at its anchor in the stored text.
    for row in &rows {
        let begin: usize = row["begin"].value.parse().expect("begin");
        let end: usize = row["end"].value.parse().expect("end");
        assert_eq!(
            chars(&loaded.text, begin, end - begin),
            row["anchor"].value,
            "{row:?}"
        );
    }
}
