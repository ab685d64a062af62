//! Never panics: property tests over the article readers and the whole
//! extract pipeline with arbitrary bytes and arbitrary Unicode, mixed with
//! German and English news words so that the extractors fire.
//!
//! For every input: no panic; every span's `nif:beginIndex`/`nif:endIndex`
//! lies within the text's length in characters and its `nif:anchorOf` is
//! the text at those character offsets; the quads written as Turtle,
//! N-Triples and N-Quads parse back (with Oxigraph's parser and with rio) to
//! the same set. Case counts stay modest so the suite runs in seconds.

mod reliability;

use std::collections::{HashMap, HashSet};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedOrBlankNode, Quad, Term, Triple};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use newsgraph::article::{Article, Format, ReadOptions, read_bytes};
use newsgraph::graph::{iri, mapping, ns};
use newsgraph::load;

use reliability::{assert_same_quads, parse, rio_parse, setup, triples_of};

/// `cases` per property unless `PROPTEST_CASES` asks for more (a longer
/// local run: `PROPTEST_CASES=5000 cargo test --release --test properties`).
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    let mut config = Config {
        cases,
        // No regression files in the source tree; a failure prints its input.
        failure_persistence: None,
        ..Config::default()
    };
    // The same cases on every CI run; `PROPTEST_RNG_SEED=n` explores others.
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x6e65_7773);
    }
    config
}

/// Words that make the extractors fire: organisations, regulators, ban
/// words, numbers of employees, dates in both languages.
const WORDS: &[&str] = &[
    "Die",
    "der",
    "das",
    "The",
    "the",
    "Bundeskartellamt",
    "Bundesnetzagentur",
    "BSI",
    "Kraftfahrt-Bundesamt",
    "KBA",
    "EU-Kommission",
    "Europäische Kommission",
    "Federal Trade Commission",
    "FCC",
    "Commerce Department",
    "Siemens AG",
    "Siemens",
    "Kaspersky Lab",
    "Kaspersky",
    "Huawei",
    "ZTE",
    "Voltaro Mobility GmbH",
    "Voltaro",
    "Müller Elektronik GmbH",
    "Apple Inc.",
    "TikTok",
    "Ltd.",
    "GmbH",
    "AG",
    "Inc.",
    "verbietet",
    "untersagt",
    "Verkaufsverbot",
    "Nutzungsverbot",
    "Verbot",
    "Sanktionen gegen",
    "verhängt",
    "aufgehoben",
    "banned",
    "ban",
    "bans",
    "sanctions against",
    "entity list",
    "revoked",
    "licence",
    "lifted",
    "ab sofort",
    "with immediate effect",
    "gegen",
    "against",
    "beschäftigt",
    "rund",
    "mehr als",
    "etwa",
    "Mitarbeiter",
    "Beschäftigte",
    "employs",
    "about",
    "more than",
    "people",
    "employees",
    "1.200",
    "2,5 Millionen",
    "500",
    "12 000",
    "3.000",
    "in Deutschland",
    "in Germany",
    "in the UK",
    "weltweit",
    "am",
    "seit",
    "ab",
    "bis",
    "on",
    "from",
    "since",
    "by",
    "Montag",
    "Mittwoch",
    "last Tuesday",
    "am 3. März 2024",
    "12. Juli",
    "Juli 2024",
    "Ende 2025",
    "2019",
    "2024-07-20",
    "on 5 May 2023",
    "March 2024",
    "vergangenen Freitag",
    "gestern",
    "yesterday",
    "das Unternehmen",
    "the company",
    "die Behörde",
    "the agency",
    "sagte",
    "said",
    "Chipkonzern",
    "drone maker",
    "Hersteller",
];

const SEPARATORS: &[&str] = &[
    " ",
    " ",
    " ",
    ". ",
    ", ",
    ".\n",
    "\n\n",
    "\r\n",
    "\t",
    "  ",
    "„",
    "“",
    "\"",
    "'",
    "(",
    ")",
    ":",
    "; ",
    "!",
    "?",
    "–",
    "—",
    "-",
    "/",
    "&",
    "<",
    ">",
    "\\",
    "#",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{0000}",
    "\u{0007}",
    "\u{001B}",
    "\u{FFFD}",
    "\u{0301}",
    "😀",
    "👩‍👩‍👧",
    "שלום",
    "مرحبا",
    "ß",
    "İ",
    "ﬁ",
    "Ǆ",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(WORDS).prop_map(str::to_owned),
        4 => prop::sample::select(SEPARATORS).prop_map(str::to_owned),
        1 => "[0-9]{1,7}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Unicode text, mostly news words.
fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..80).prop_map(|tokens| tokens.concat())
}

/// Bytes: arbitrary, or news text in UTF-8 or Windows-1252-ish bytes,
/// behind prefixes the readers treat specially.
fn news_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop::sample::select(vec![
        &b""[..],
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\xFE\xFF",
        b" date 2024-07 ",
        b"date 2024-13-45\n",
        b"title T\nurl http://example.org/<a>\nlang de\n\n",
        b"---\ntitle: x\ndate: 2024-02-30\n---\n",
        b"<!doctype html><html lang=de><head><title>T</title></head><body><article><p>",
        b"<script>",
        b"<!--",
        b"{\"text\":\"",
        b"{\"text\":1}\n{\"text\":\"",
    ]);
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        news_text().prop_map(String::into_bytes),
        news_text().prop_map(|s| s.chars().map(|c| (u32::from(c) & 0xFF) as u8).collect()),
    ];
    (prefix, body, prop::collection::vec(any::<u8>(), 0..4)).prop_map(|(p, b, tail)| {
        let mut bytes = p.to_vec();
        bytes.extend(b);
        bytes.extend(tail);
        bytes
    })
}

fn nif(local: &str) -> String {
    format!("{}{local}", ns::NIF)
}

/// Checks offsets and anchors of every node with `nif:anchorOf`, and the
/// article node's own span over the whole text.
fn check_spans(text: &str, quads: &[Quad]) {
    let chars: Vec<char> = text.chars().collect();
    let nodes = reliability::nodes(quads);
    let integer = |node: &NamedOrBlankNode, p: &HashMap<String, Vec<Term>>, local: &str| {
        let values: HashSet<&Term> = p
            .get(&nif(local))
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        assert_eq!(
            values.len(),
            1,
            "{node} has {} {local} values: {values:?}",
            values.len()
        );
        match values.into_iter().next() {
            Some(Term::Literal(l)) => l
                .value()
                .parse::<usize>()
                .unwrap_or_else(|e| panic!("{node} {local} {l}: {e}")),
            other => panic!("{node} {local} is {other:?}"),
        }
    };
    for (node, props) in &nodes {
        if let Some(strings) = props.get(&nif("isString")) {
            assert_eq!(strings.len(), 1, "{node}: one nif:isString");
            let Term::Literal(l) = &strings[0] else {
                panic!("{node}: isString not a literal")
            };
            assert_eq!(l.value(), text, "{node}: nif:isString is the article text");
            assert_eq!(integer(node, props, "beginIndex"), 0);
            assert_eq!(
                integer(node, props, "endIndex"),
                chars.len(),
                "{node}: article endIndex"
            );
        }
        let Some(anchors) = props.get(&nif("anchorOf")) else {
            continue;
        };
        let anchors: HashSet<&Term> = anchors.iter().collect();
        assert_eq!(
            anchors.len(),
            1,
            "{node} has {} anchors: {anchors:?}",
            anchors.len()
        );
        let Some(Term::Literal(anchor)) = anchors.into_iter().next() else {
            panic!("{node}: anchor not a literal")
        };
        let begin = integer(node, props, "beginIndex");
        let end = integer(node, props, "endIndex");
        assert!(
            begin <= end && end <= chars.len(),
            "{node}: span {begin}..{end} outside 0..{}",
            chars.len()
        );
        let at: String = chars[begin..end].iter().collect();
        assert_eq!(
            anchor.value(),
            at,
            "{node}: anchorOf vs text[{begin}..{end}] in {text:?}"
        );
    }
}

fn serialize(quads: &[Quad], format: RdfFormat) -> Vec<u8> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in ns::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri).expect("prefix");
    }
    let mut out = serializer.for_writer(Vec::new());
    for q in quads {
        if format.supports_datasets() {
            out.serialize_quad(q).expect("serialize quad");
        } else {
            out.serialize_triple(&Triple::from(q.clone()))
                .expect("serialize triple");
        }
    }
    out.finish().expect("finish")
}

/// Turtle, N-Triples and N-Quads each parse back, with both parsers, to the
/// quads (or their triples) written.
fn check_round_trip(quads: &[Quad]) {
    let all: HashSet<Quad> = quads.iter().cloned().collect();
    let triples = triples_of(&all);
    for format in [RdfFormat::Turtle, RdfFormat::NTriples, RdfFormat::NQuads] {
        let bytes = serialize(quads, format);
        let expected = if format.supports_datasets() {
            &all
        } else {
            &triples
        };
        let what = format!("{format} via Oxigraph");
        assert_same_quads(&parse(&bytes, format), expected, &what);
        let what = format!("{format} via rio");
        assert_same_quads(&rio_parse(&bytes, format), expected, &what);
    }
}

/// Runs the whole pipeline over one article and checks what it yields.
fn extract_and_check(article: Article) {
    let s = setup();
    let text = article.text.clone();
    let hash = iri::sha256_hex(text.as_bytes());
    let extraction = load::extract(article, hash, &s.pipeline, &s.options);
    for ev in extraction.facts.mentions.iter().map(|m| &m.evidence) {
        assert!(
            text.get(ev.span.clone()).is_some(),
            "mention span {:?} not on char boundaries",
            ev.span
        );
    }
    let quads = mapping::article_quads(&extraction, &s.vocab, &s.pipeline_id);
    check_spans(&text, &quads);
    check_round_trip(&quads);
}

fn article(source: String, title: Option<String>, text: String) -> Article {
    Article {
        source,
        title,
        url: None,
        published: None,
        lang: None,
        text,
        warnings: Vec::new(),
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Every reader takes any bytes: articles or one-line errors, never a
    /// panic; what it returns is trimmed, non-empty text without `\r`.
    #[test]
    fn readers_take_any_bytes(bytes in news_bytes(), max in prop::sample::select(vec![8usize, 100, 1 << 20])) {
        let options = ReadOptions { max_article_bytes: max };
        let _ = Format::sniff(&bytes);
        for format in [Format::Text, Format::Html, Format::JsonLines] {
            for result in read_bytes("in put\n#<x>.txt", &bytes, format, &options) {
                match result {
                    Ok(a) => {
                        prop_assert!(!a.text.trim().is_empty());
                        prop_assert!(!a.text.contains('\r'), "{:?}", a.text);
                        prop_assert!(a.text.len() <= max.max(bytes.len()) * 3 + 16);
                    }
                    Err(e) => prop_assert!(!e.to_string().contains('\n')),
                }
            }
        }
    }

    /// Arbitrary Unicode as an article's text, source and title.
    #[test]
    fn pipeline_on_any_text(
        text in news_text(),
        source in prop_oneof![any::<String>(), Just("in/a b#c<d>\"e\\f\n.txt".to_owned())],
        title in proptest::option::of(any::<String>()),
    ) {
        extract_and_check(article(source, title, text));
    }

    /// Whatever the readers accept goes through the pipeline too.
    #[test]
    fn pipeline_after_readers(bytes in news_bytes()) {
        let options = ReadOptions::default();
        for format in [Format::Text, Format::Html, Format::JsonLines] {
            for a in read_bytes("input.txt", &bytes, format, &options).into_iter().flatten() {
                extract_and_check(a);
            }
        }
    }
}

/// Texts the random search is unlikely to build: the worst spots for byte
/// and character offsets (combining marks, emoji, CR, zero-width characters
/// next to names and numbers).
#[test]
fn pipeline_on_tricky_texts() {
    for text in [
        "",
        " ",
        "\u{FEFF}Die Siemens AG hat 500 Mitarbeiter.",
        "😀Die 😀Siemens😀 AG😀 beschäftigt😀 rund 1.200😀 Mitarbeiter😀 in Deutschland😀.",
        "Die Sie\u{0301}mens AG\r\nhat\r500 Mitarbeiter.\u{200B}",
        "Das Bundeskartellamt\u{00AD} verhängt am 3. März 2024 ein Verkaufsverbot gegen die Huawei\u{200D} GmbH.",
        "\u{202E}The Federal Trade Commission banned Kaspersky Lab on 5 May 2023.\u{202C}",
        "„Die KBA“ – „verbietet“ <Voltaro> \"Mobility\" \\ GmbH # ab sofort.",
        "שלום Siemens AG مرحبا employs about 300 people in the UK.",
    ] {
        extract_and_check(article("t.txt".into(), Some(text.into()), text.into()));
    }
}

/// Organisation mentions after a non-ASCII character and a double space
/// start inside that character (found by `pipeline_on_any_text`). A bug in
/// the organisation extractor; run with `--ignored` until it is fixed.
#[test]
fn mention_spans_after_double_space() {
    for text in [
        "äThe  Siemens GmbH",
        "ßThe  Müller Elektronik GmbH",
        "İ  Federal Trade Commission",
    ] {
        extract_and_check(article("t.txt".into(), None, text.into()));
    }
}
