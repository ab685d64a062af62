//! Issue 4: two articles about one organisation give one organisation node
//! that carries both articles' facts.

mod common;

use common::Store;

#[test]
fn two_articles_about_one_company_share_its_node() {
    let store = Store::new("same-org");
    store.run(&["load", "tests/fixtures/same-org"]).ok();

    let nodes = store.select(
        "SELECT DISTINCT ?org WHERE { ?org a schema:Organization ; skos:prefLabel|skos:altLabel ?name . \
         FILTER(CONTAINS(?name, \"Brunnhuber\")) }",
    );
    assert_eq!(
        nodes.len(),
        1,
        "one node for Brunnhuber Sensorik: {nodes:?}"
    );
    let org = &nodes[0]["org"].value;

    let labels = store.select(&format!(
        "SELECT DISTINCT ?label WHERE {{ <{org}> skos:prefLabel ?label }}"
    ));
    assert_eq!(labels.len(), 1, "one canonical label: {labels:?}");

    let sources = store.select(&format!(
        "SELECT DISTINCT ?source WHERE {{ ?m ng:organisation <{org}> ; prov:wasDerivedFrom ?a . ?a ng:source ?source }} ORDER BY ?source"
    ));
    let sources: Vec<&str> = sources.iter().map(|r| r["source"].value.as_str()).collect();
    assert_eq!(
        sources,
        vec![
            "tests/fixtures/same-org/de-brunnhuber.txt",
            "tests/fixtures/same-org/en-brunnhuber.txt"
        ]
    );

    // The German article's ban and both articles' head counts hang on it.
    assert!(store.ask(&format!(
        "ASK {{ ?ban a ng:Ban ; ng:target <{org}> ; ng:banKind/skos:notation \"sales-ban\" }}"
    )));
    let counts = store.select(&format!(
        "SELECT ?value WHERE {{ ?c a ng:EmployeeCount ; ng:organisation <{org}> ; schema:value ?value }} ORDER BY ?value"
    ));
    let values: Vec<&str> = counts.iter().map(|r| r["value"].value.as_str()).collect();
    assert_eq!(values, vec!["40", "850"]);
}
