//! `--gazetteer FILE.ttl` adds organisations without recompiling.

mod common;

use common::{Store, run};

#[test]
fn a_user_gazetteer_names_an_authority_and_its_acronym() {
    let article = "tests/fixtures/gazetteer/article.txt";
    let without = run(&["extract", article]).ok().stdout;
    assert!(!without.contains("https://example.org/org/ostwind-aufsicht"));

    // The rules alone: the kind comes from "Vertrieb ... untersagt".
    let store = Store::new("gazetteer");
    store
        .run(&[
            "--rules-only",
            "--gazetteer",
            "tests/fixtures/gazetteer/my-orgs.ttl",
            "load",
            article,
        ])
        .ok();
    let rows = store.select(
        "SELECT ?regulator ?kind WHERE { ?ban a ng:Ban ; ng:regulator ?regulator ; ng:banKind/skos:notation ?kind }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0]["regulator"].value,
        "https://example.org/org/ostwind-aufsicht"
    );
    assert_eq!(rows[0]["kind"].value, "sales-ban");
    let mentions = store.select(
        "SELECT ?anchor WHERE { ?m a ng:OrganisationMention ; ng:organisation <https://example.org/org/ostwind-aufsicht> ; nif:anchorOf ?anchor }",
    );
    assert_eq!(mentions.len(), 2, "the name and the acronym: {mentions:?}");

    // The learned decisions keep the authority the gazetteer names.
    let learned = Store::new("gazetteer-learned");
    learned
        .run(&[
            "--gazetteer",
            "tests/fixtures/gazetteer/my-orgs.ttl",
            "load",
            article,
        ])
        .ok();
    let rows = learned
        .select("SELECT DISTINCT ?regulator WHERE { ?ban a ng:Ban ; ng:regulator ?regulator }");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0]["regulator"].value,
        "https://example.org/org/ostwind-aufsicht"
    );
}

#[test]
fn a_broken_gazetteer_is_a_clear_error() {
    let store = Store::new("gazetteer-broken");
    let bad = store.dir.join("bad.ttl");
    std::fs::write(&bad, "this is not turtle").expect("write");
    let out = store.run(&[
        "--gazetteer",
        bad.to_str().expect("utf-8 path"),
        "load",
        "tests/fixtures/gazetteer/article.txt",
    ]);
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("bad.ttl") && out.stderr.contains("Turtle"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}
