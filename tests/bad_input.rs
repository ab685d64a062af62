//! Bad input: every kind of broken, odd or hostile file a scraper leaves
//! behind, loaded in one batch next to good articles. Each gets one error
//! line naming the file (and line) or a documented behaviour (a warning,
//! decoding, skipping), and the rest of the batch still loads. Inputs are
//! generated here (sparse files for the size limit) rather than committed.

mod reliability;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use oxigraph::io::RdfFormat;
use oxigraph::model::{Quad, Term};

use reliability::{
    Scratch, assert_same_quads, count, error_lines, newsgraph, ng, nodes, parse, rio_parse, spawn,
    summary, triples_of,
};

const NG: &str = "https://w3id.org/newsgraph/ontology#";
const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const SCHEMA: &str = "https://schema.org/";

/// Text with every character Turtle, N-Triples and IRIs must escape.
const NASTY: &str =
    "Die <Siemens> AG sagt: \"Preise\" \\ steigen # um 5 %.\nZweite Zeile mit '\u{7}' und \t Tab.";

/// 100 000 levels of nested elements (under 1 MiB, the limit set below).
fn deep_html() -> String {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 7 + 100);
    html.push_str("<html><body><article>");
    for _ in 0..depth {
        html.push_str("<b>");
    }
    html.push_str("Die Bundesnetzagentur verbietet den Verkauf.");
    for _ in 0..depth {
        html.push_str("</b>");
    }
    html.push_str("</article>");
    html
}

/// Writes the batch: (relative path under `in/`, contents).
fn write_batch(dir: &Scratch) {
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("good.txt", b" date 2024-07-01 Die Siemens AG beschaeftigt rund 300 Mitarbeiter.".to_vec()),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0binary".to_vec()),
        ("invalid-utf8.txt", b"Die Firma M\xc3\xbcller meldet \xff\xfe\x80 Gewinne.".to_vec()),
        (
            "latin1.txt",
            b"Die M\xfcnchner Stra\xdfenbahn GmbH hat 500 Mitarbeiter. Gr\xfc\xdfe aus K\xf6ln \x84zitiert\x93.".to_vec(),
        ),
        ("bom.txt", b"\xEF\xBB\xBF date 2024-03-01 Die Siemens AG baut.".to_vec()),
        ("crlf.txt", b"title Titel\r\ndate 2024-05-06\r\n\r\nZeile eins.\r\nZeile zwei.\r\n".to_vec()),
        ("utf16.txt", {
            let mut b = vec![0xFF, 0xFE];
            for u in "Grüße aus München.\r\n".encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }),
        ("empty.txt", Vec::new()),
        ("blank.md", b" \n\t \r\n\n".to_vec()),
        ("header-only.txt", b"title Nur ein Titel\ndate 2024\n".to_vec()),
        ("long-line.txt", {
            let mut line = "Wort ".repeat(40_000);
            line.push_str("Die Siemens AG hat 300 Mitarbeiter.");
            line.into_bytes()
        }),
        (
            "page.html",
            concat!(
                "<!DOCTYPE html><html lang=de><head><title>Seite &amp; Titel</title>",
                "<meta name=date content=2024-02-03><script>var s = '<p>Skript</p>';</script>",
                "<style>p{}</style></head><body><nav>Menü</nav><!-- <p>Kommentar</p> -->",
                "<article><p>Caf&eacute; &lt;M&uuml;ller&gt; &#x263A; &#99999999; &bogus; a&amp;b",
                "<p>Zweiter <b>Absatz<i> kaputt</b> <a href='x>y'>Link</a></article><div",
            )
            .as_bytes()
            .to_vec(),
        ),
        ("deep.html", deep_html().into_bytes()),
        ("broken.htm", b"<p>Die Siemens AG <<<>>> </ p> <![CDATA[ x <!-- y".to_vec()),
        (
            "lines.jsonl",
            [
                "\u{FEFF}{\"text\":\"Erste Zeile mit BOM.\",\"id\":\"bom\"}",
                "{\"text\": \"kaputt",
                "{\"title\":\"ohne Text\"}",
                "{\"text\":42}",
                "",
                "[\"kein\",\"Objekt\"]",
                "{\"text\":\"Datum falsch.\",\"date\":20240101}",
                "{\"text\":\"Titel falsch.\",\"title\":[\"x\"]}",
                "{\"text\":\"Letzte gute Zeile.\",\"date\":\"2024-13-45\",\"id\":7}",
            ]
            .join("\n")
            .into_bytes(),
        ),
        ("utf16.jsonl", {
            let mut b = vec![0xFF, 0xFE];
            for u in "{\"text\":\"Hallo\"}\n".encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }),
        ("latin1.jsonl", b"{\"text\":\"Gr\xfc\xdfe aus M\xfcnchen.\",\"id\":1}\n".to_vec()),
        ("bad-date.txt", b"date 2024-13-45\nThe mill closed in spring.".to_vec()),
        (
            "controls.txt",
            "Steuerzeichen \u{1}\u{2}\u{1b} und Nullbreite\u{200B}\u{200D}\u{FEFF} \u{202E}rechts\u{202C} שלום עולם 😀👩‍👩‍👧 Die Siemens AG."
                .as_bytes()
                .to_vec(),
        ),
        (
            "dir with spaces/Ümlaut #1/a <b> \"c\" \\ #.txt",
            format!("title Titel <mit> \"allem\" \\ # drin\n\n{NASTY}").into_bytes(),
        ),
        (
            "url.txt",
            b"url http://example.org/a<b>\"c\"\\d#frag Die Siemens AG <b> \"zitiert\".".to_vec(),
        ),
        ("notes.pdf", b"%PDF-1.4 not an article format, skipped in directories".to_vec()),
        ("huge-line.jsonl", {
            let mut b = format!("{{\"text\":\"{}\"}}\n", "x".repeat(1_100_000)).into_bytes();
            b.extend_from_slice(b"{\"text\":\"Nach der langen Zeile.\"}\n");
            b
        }),
    ];
    for (name, bytes) in files {
        dir.write(&format!("in/{name}"), bytes);
    }
    // Just over the limit set below, without writing a megabyte.
    let big = std::fs::File::create(dir.join("in/too-big.txt")).expect("create");
    big.set_len(1024 * 1024 + 1).expect("sparse file");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", dir.join("in/dir with spaces/loop")).expect("symlink");
        std::os::unix::fs::symlink(".", dir.join("in/self")).expect("symlink");
        std::os::unix::fs::symlink("nowhere.txt", dir.join("in/dangling.txt")).expect("symlink");
    }
}

fn literal(props: &HashMap<String, Vec<Term>>, iri: &str) -> Option<String> {
    match props.get(iri).and_then(|v| v.first()) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// Article properties by source: text, title, date.
#[derive(Debug)]
struct Stored {
    text: String,
    title: Option<String>,
    date: Option<String>,
}

fn articles(quads: &HashSet<Quad>) -> HashMap<String, Stored> {
    nodes(quads)
        .values()
        .filter_map(|props| {
            let source = literal(props, &format!("{NG}source"))?;
            Some((
                source,
                Stored {
                    text: literal(props, &format!("{NIF}isString")).unwrap_or_default(),
                    title: literal(props, &format!("{SCHEMA}headline")),
                    date: literal(props, &format!("{SCHEMA}datePublished")),
                },
            ))
        })
        .collect()
}

#[test]
fn a_batch_of_bad_inputs_loads_what_it_can_and_names_each_failure() {
    let dir = Scratch::new("bad-batch");
    write_batch(&dir);
    let store = dir.join("store");
    let out = ng(
        dir.path(),
        &store,
        &["load", "--max-article-size", "1", "in"],
    );
    out.assert_clean_stderr();
    assert_eq!(out.code(), Some(1), "some inputs failed:\n{}", out.stderr);
    let stderr = &out.stderr;

    // One error line per failed input, naming it (and the line).
    let expected_errors = [
        "in/binary.txt: binary file, not an article",
        "in/blank.md: empty article",
        "in/empty.txt: empty article",
        "in/header-only.txt: empty article",
        "in/huge-line.jsonl:1: line is 1100011 bytes, larger than the limit of 1 MiB (--max-article-size)",
        "in/lines.jsonl:2: not valid JSON: EOF while parsing a string at column 16",
        "in/lines.jsonl:3: missing field `text`",
        "in/lines.jsonl:4: field `text` must be a string",
        "in/lines.jsonl:6: expected a JSON object, found an array",
        "in/lines.jsonl:7: field `date` must be a string",
        "in/lines.jsonl:8: field `title` must be a string",
        "in/too-big.txt: file is 1048577 bytes, larger than the limit of 1 MiB (--max-article-size)",
        "in/dangling.txt: no such file or directory",
        "in/utf16.jsonl:1: UTF-16 JSON Lines are not supported, convert to UTF-8",
    ];
    let mut errors: Vec<&str> = error_lines(stderr)
        .into_iter()
        .map(|l| l.trim_start_matches("newsgraph: error: "))
        .collect();
    errors.sort();
    let mut expected: Vec<&str> = expected_errors.to_vec();
    expected.sort();
    assert_eq!(errors, expected, "\n--- stderr:\n{stderr}");

    // Warnings for what was decoded or ignored, each naming its article.
    for warning in [
        "in/invalid-utf8.txt: not UTF-8, decoded as Windows-1252",
        "in/latin1.txt: not UTF-8, decoded as Windows-1252",
        "in/latin1.jsonl#1: not UTF-8, decoded as Windows-1252",
        "in/bad-date.txt: impossible date `2024-13-45` in header, ignored",
        "in/lines.jsonl#7: impossible date `2024-13-45` in field `date`, ignored",
    ] {
        assert!(
            stderr.contains(&format!("newsgraph: warning: {warning}")),
            "no warning `{warning}` in:\n{stderr}"
        );
    }

    let line = summary(stderr);
    assert_eq!(count(line, "articles loaded"), 18, "{line}");
    assert_eq!(count(line, "failed"), 14, "{line}");

    // What was stored, read back from an N-Quads export.
    let nquads = ng(dir.path(), &store, &["export", "--format", "nquads"]).expect(0);
    let quads = parse(&nquads.stdout, RdfFormat::NQuads);
    let stored = articles(&quads);
    let mut sources: Vec<&str> = stored.keys().map(String::as_str).collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "http://example.org/a<b>\"c\"\\d#frag",
            "in/bad-date.txt",
            "in/bom.txt",
            "in/broken.htm",
            "in/controls.txt",
            "in/crlf.txt",
            "in/deep.html",
            "in/dir with spaces/Ümlaut #1/a <b> \"c\" \\ #.txt",
            "in/good.txt",
            "in/huge-line.jsonl#L2",
            "in/invalid-utf8.txt",
            "in/latin1.jsonl#1",
            "in/latin1.txt",
            "in/lines.jsonl#7",
            "in/lines.jsonl#bom",
            "in/long-line.txt",
            "in/page.html",
            "in/utf16.txt",
        ]
    );
    let text = |source: &str| stored[source].text.as_str();
    assert_eq!(
        text("in/latin1.txt"),
        "Die Münchner Straßenbahn GmbH hat 500 Mitarbeiter. Grüße aus Köln „zitiert“."
    );
    assert_eq!(
        text("in/invalid-utf8.txt"),
        "Die Firma Müller meldet ÿþ€ Gewinne."
    );
    assert_eq!(text("in/latin1.jsonl#1"), "Grüße aus München.");
    assert_eq!(text("in/utf16.txt"), "Grüße aus München.");
    assert_eq!(text("in/bom.txt"), "Die Siemens AG baut.");
    assert_eq!(stored["in/bom.txt"].date.as_deref(), Some("2024-03-01"));
    assert_eq!(text("in/crlf.txt"), "Zeile eins.\nZeile zwei.");
    assert_eq!(stored["in/crlf.txt"].title.as_deref(), Some("Titel"));
    assert_eq!(stored["in/crlf.txt"].date.as_deref(), Some("2024-05-06"));
    assert_eq!(text("in/bad-date.txt"), "The mill closed in spring.");
    assert_eq!(stored["in/bad-date.txt"].date, None);
    assert_eq!(stored["in/lines.jsonl#7"].date, None);
    assert_eq!(text("in/lines.jsonl#bom"), "Erste Zeile mit BOM.");
    assert!(text("in/long-line.txt").ends_with("Die Siemens AG hat 300 Mitarbeiter."));
    assert_eq!(
        text("in/controls.txt"),
        "Steuerzeichen \u{1}\u{2}\u{1b} und Nullbreite\u{200B}\u{200D}\u{FEFF} \u{202E}rechts\u{202C} שלום עולם 😀👩‍👩‍👧 Die Siemens AG."
    );
    assert_eq!(
        text("in/page.html"),
        "Café <Müller> ☺ \u{FFFD} &bogus; a&b\n\nZweiter Absatz kaputt Link"
    );
    assert_eq!(
        stored["in/page.html"].title.as_deref(),
        Some("Seite & Titel")
    );
    assert_eq!(stored["in/page.html"].date.as_deref(), Some("2024-02-03"));
    assert_eq!(
        text("in/deep.html"),
        "Die Bundesnetzagentur verbietet den Verkauf."
    );
    assert_eq!(text("in/broken.htm"), "Die Siemens AG <<<>>>");
    let weird = "in/dir with spaces/Ümlaut #1/a <b> \"c\" \\ #.txt";
    assert_eq!(text(weird), NASTY);
    assert_eq!(
        stored[weird].title.as_deref(),
        Some("Titel <mit> \"allem\" \\ # drin")
    );
    assert_eq!(
        text("http://example.org/a<b>\"c\"\\d#frag"),
        "Die Siemens AG <b> \"zitiert\"."
    );

    // Every export format parses back, with rio and with Oxigraph, to the
    // same triples, as many as `stats` counts.
    assert_same_quads(
        &rio_parse(&nquads.stdout, RdfFormat::NQuads),
        &quads,
        "N-Quads via rio",
    );
    let triples = triples_of(&quads);
    for (flag, format) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
    ] {
        let export = ng(dir.path(), &store, &["export", "--format", flag]).expect(0);
        assert_same_quads(
            &parse(&export.stdout, format),
            &triples,
            &format!("{flag} via Oxigraph"),
        );
        assert_same_quads(
            &rio_parse(&export.stdout, format),
            &triples,
            &format!("{flag} via rio"),
        );
    }
    let stats = ng(dir.path(), &store, &["stats"]).expect(0).stdout();
    let stat = |label: &str| -> usize {
        stats
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .and_then(|v| v.trim().replace(',', "").parse().ok())
            .unwrap_or_else(|| panic!("no {label} in stats:\n{stats}"))
    };
    assert_eq!(stat("triples"), triples.len(), "{stats}");
    assert_eq!(stat("quads"), quads.len(), "{stats}");
    assert_eq!(stat("articles"), 18, "{stats}");

    // The odd source finds its article again.
    let one = ng(
        dir.path(),
        &store,
        &["export", "--format", "ntriples", "--article", weird],
    )
    .expect(0);
    let one = parse(&one.stdout, RdfFormat::NTriples);
    assert_eq!(articles(&one).keys().collect::<Vec<_>>(), [weird]);
}

/// A 200 MB file is refused by its size, before it is read: the process
/// never holds it in memory. Sparse, so the test writes nothing.
#[test]
fn a_huge_file_is_refused_without_being_read() {
    let dir = Scratch::new("huge");
    let big = std::fs::File::create(dir.join("huge.txt")).expect("create");
    big.set_len(200 * 1024 * 1024).expect("sparse file");
    dir.write("ok.txt", "Die Siemens AG hat 300 Mitarbeiter.");
    let mut cmd = newsgraph(dir.path());
    cmd.args(["--store", "store", "load", "huge.txt", "ok.txt"]);
    let (out, max_rss_kib) = run_measured(cmd);
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(
        error_lines(&out.stderr),
        [
            "newsgraph: error: huge.txt: file is 209715200 bytes, larger than the limit of 16 MiB (--max-article-size)"
        ]
    );
    assert_eq!(count(summary(&out.stderr), "articles loaded"), 1);
    // About 100 MiB is the program itself (vocabulary, RocksDB); reading
    // the file would add its 200 MiB on top.
    if let Some(kib) = max_rss_kib {
        assert!(
            kib < 250 * 1024,
            "load used {kib} KiB for a refused 200 MB file"
        );
    }
}

/// Standard input has no size to look at: it is read up to the limit and
/// then refused, holding no more than the limit.
#[test]
fn oversized_stdin_is_refused_at_the_limit() {
    let dir = Scratch::new("stdin-big");
    let mut cmd = newsgraph(dir.path());
    cmd.args(["--store", "store", "load", "--max-article-size", "1", "-"])
        .stdin(std::process::Stdio::piped());
    let mut child = spawn(cmd);
    let feeder = {
        let mut stdin = child.child.stdin.take().expect("stdin");
        std::thread::spawn(move || {
            use std::io::Write;
            let chunk = "Wort ".repeat(1000);
            // Up to 2 MiB; the reader may stop reading (closing the pipe)
            // once it has seen more than the limit.
            for _ in 0..(2 * 1024 * 1024 / chunk.len()) {
                if stdin.write_all(chunk.as_bytes()).is_err() {
                    break;
                }
            }
        })
    };
    let out = child.wait(reliability::DEADLINE);
    feeder.join().expect("feeder");
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert_eq!(
        error_lines(&out.stderr),
        ["newsgraph: error: -: input is larger than the limit of 1 MiB (--max-article-size)"]
    );
}

/// `extract` reports a bad file the same way and exits 1 without output.
#[test]
fn extract_names_a_bad_file() {
    let dir = Scratch::new("extract-bad");
    dir.write("b.txt", b"\x7FELF\x02\x01\x01\0\0\0\0\0");
    dir.write("e.jsonl", "{\"text\":\"Gut.\"}\n{\"text\":\n");
    let mut cmd = newsgraph(dir.path());
    cmd.args(["extract", "b.txt"]);
    let out = reliability::run(cmd).expect(1);
    assert_eq!(
        error_lines(&out.stderr),
        ["newsgraph: error: b.txt: binary file, not an article"]
    );
    assert!(!out.stdout().contains("NewsArticle"), "{}", out.stdout());
    let mut cmd = newsgraph(dir.path());
    cmd.args(["extract", "--format", "nquads", "e.jsonl"]);
    let out = reliability::run(cmd).expect(1);
    assert_eq!(
        error_lines(&out.stderr),
        ["newsgraph: error: e.jsonl:2: not valid JSON: EOF while parsing a value at column 8"]
    );
    let quads = parse(&out.stdout, RdfFormat::NQuads);
    assert_eq!(articles(&quads).keys().collect::<Vec<_>>(), ["e.jsonl#L1"]);
}

/// Runs `cmd` to the end; on Linux also returns its peak memory (KiB).
fn run_measured(cmd: std::process::Command) -> (reliability::Out, Option<i64>) {
    let running = spawn(cmd);
    let pid = running.pid();
    #[cfg(target_os = "linux")]
    {
        // Peak memory must be read before the child is reaped: poll its
        // status file until it exits.
        let status = format!("/proc/{pid}/status");
        let watcher = std::thread::spawn(move || {
            let mut peak = None;
            while let Ok(text) = std::fs::read_to_string(&status) {
                let hwm = text
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok());
                if hwm.is_some() {
                    peak = hwm.max(peak);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        });
        let out = running.wait(reliability::DEADLINE);
        let peak = watcher.join().ok().flatten();
        (out, peak)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        (running.wait(reliability::DEADLINE), None)
    }
}

/// File names that are not UTF-8, or hold a newline: each file stays its
/// own article under a printable source, and messages stay one line.
#[cfg(unix)]
#[test]
fn odd_file_names_keep_their_articles_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Scratch::new("names");
    std::fs::create_dir_all(dir.join("in")).expect("mkdir");
    for (name, text) in [
        (&b"a\xff.txt"[..], "Die Siemens AG hat 100 Mitarbeiter."),
        (b"a\xfe.txt", "Die Bosch GmbH hat 200 Mitarbeiter."),
        (
            b"line\nbreak.txt",
            "date 2024-13-45 Text mit Zeilenumbruch im Namen.",
        ),
    ] {
        let path = dir.join("in").join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, text).expect("write");
    }
    let store = dir.join("store");
    let out = ng(dir.path(), &store, &["load", "in"]).expect(0);
    out.assert_clean_stderr();
    assert_eq!(
        out.stderr.lines().next(),
        Some(
            "newsgraph: warning: in/line%0Abreak.txt: impossible date `2024-13-45` in header, ignored"
        )
    );
    assert_eq!(count(summary(&out.stderr), "articles loaded"), 3);
    let nquads = ng(dir.path(), &store, &["export", "--format", "nquads"]).expect(0);
    let mut sources: Vec<String> = articles(&parse(&nquads.stdout, RdfFormat::NQuads))
        .into_keys()
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        ["in/a%FE.txt", "in/a%FF.txt", "in/line%0Abreak.txt"]
    );
    ng(dir.path(), &store, &["remove", "in/a%FF.txt"]).expect(0);
}
