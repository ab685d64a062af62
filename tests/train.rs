//! `newsgraph train` and `--model`: learned decisions from annotated
//! articles, deterministic model files, honest cross-validation, and clear
//! refusals of model files that do not fit.

mod common;

use common::{TempDir, run};

const GOLD: &str = "tests/fixtures/corpus/gold";
const TEXTS: &str = "tests/fixtures/corpus/texts";

fn train_to(path: &std::path::Path) -> common::Run {
    run(&[
        "train",
        "--gold",
        GOLD,
        "--texts",
        TEXTS,
        "--output",
        path.to_str().expect("utf-8 path"),
    ])
}

#[test]
fn training_twice_writes_the_same_model() {
    let dir = TempDir::new("train-twice");
    let (a, b) = (dir.join("a.tsv"), dir.join("b.tsv"));
    let first = train_to(&a).ok();
    train_to(&b).ok();
    let a = std::fs::read_to_string(&a).expect("model a");
    let b = std::fs::read_to_string(&b).expect("model b");
    assert_eq!(a, b, "training is deterministic");
    assert!(
        a.starts_with("newsgraph-model 1\n"),
        "{}",
        &a[..80.min(a.len())]
    );
    for section in [
        "[organisations]",
        "[regulators]",
        "[bans]",
        "[ban-kinds]",
        "[employee-counts]",
    ] {
        assert!(a.contains(section), "no {section}");
    }
    assert!(
        first.stderr.contains("training on 6 articles"),
        "{}",
        first.stderr
    );
    assert!(first.stderr.contains("organisations:"), "{}", first.stderr);
}

#[test]
fn a_trained_model_decides_extraction() {
    let dir = TempDir::new("train-use");
    let model = dir.join("model.tsv");
    train_to(&model).ok();
    let model = model.to_str().expect("utf-8 path");
    let text = "tests/fixtures/corpus/texts/de1.txt";
    let out = run(&["--model", model, "extract", text]).ok();
    assert!(out.stdout.contains("ng:Ban"), "{}", out.stdout);
    assert!(out.stdout.contains("Kelvar Systems"), "{}", out.stdout);
    // The explanation lists each decision's candidates with probabilities.
    let explained = run(&["--model", model, "extract", "--explain", text]).ok();
    assert!(
        explained.stdout.contains("organisations (kept at p >= "),
        "{}",
        explained.stdout
    );
    assert!(
        explained.stdout.contains("Kelvar Systems GmbH"),
        "{}",
        explained.stdout
    );
    assert!(
        explained.stdout.contains(" -> Kelvar Systems GmbH"),
        "{}",
        explained.stdout
    );
    // The rules alone have nothing to explain.
    run(&["--rules-only", "extract", "--explain", text]).expect_status(2);
}

#[test]
fn cross_validation_prints_learned_and_rules_side_by_side() {
    let out = run(&["train", "--gold", GOLD, "--texts", TEXTS, "--cv", "2"]).ok();
    assert!(
        out.stdout.contains("2-fold cross-validation, 6 articles"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("learned") && out.stdout.contains("rules alone"),
        "{}",
        out.stdout
    );
    for measure in [
        "organisations not in the gazetteer",
        "bans (regulator, target, kind)",
        "employee counts (organisation, value)",
    ] {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with(measure))
            .unwrap_or_else(|| panic!("no line for {measure}:\n{}", out.stdout));
        // Two columns of P, R, F1 and the gold count.
        let numbers: Vec<f64> = line[measure.len()..]
            .split(['|', ' '])
            .filter_map(|w| w.parse().ok())
            .collect();
        assert_eq!(numbers.len(), 8, "{line}");
        assert!(numbers.iter().all(|n| *n >= 0.0), "{line}");
    }
    let details = run(&[
        "train",
        "--gold",
        GOLD,
        "--texts",
        TEXTS,
        "--cv",
        "2",
        "--details",
    ])
    .ok();
    assert!(details.stdout.lines().count() > out.stdout.lines().count());
}

#[test]
fn a_model_that_does_not_parse_is_one_clear_error() {
    let dir = TempDir::new("train-bad");
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "this is not a model\n").expect("write");
    let out = run(&[
        "--model",
        bad.to_str().expect("utf-8"),
        "extract",
        "tests/fixtures/corpus/texts/en1.txt",
    ]);
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("bad.tsv") && out.stderr.contains("line 1"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stdout.is_empty(),
        "no facts from a broken model: {}",
        out.stdout
    );
}

#[test]
fn a_model_of_another_feature_set_is_refused() {
    let dir = TempDir::new("train-other");
    let model = dir.join("model.tsv");
    train_to(&model).ok();
    let text = std::fs::read_to_string(&model).expect("model");
    let features = text.lines().nth(1).expect("features line").to_owned();
    assert!(features.starts_with("features "), "{features}");
    let other = dir.join("other.tsv");
    std::fs::write(
        &other,
        text.replace(&features, "features 0-0123456789abcdef"),
    )
    .expect("write");
    let out = run(&[
        "--model",
        other.to_str().expect("utf-8"),
        "extract",
        "tests/fixtures/corpus/texts/en1.txt",
    ]);
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("other.tsv") && out.stderr.contains("retrain"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);

    // A weight for a feature this binary never makes: the line is named.
    let unknown = dir.join("unknown.tsv");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|l| l == "[organisations]")
        .expect("section")
        + 3;
    lines.insert(at, "0.5 org.colour=blue".to_owned());
    std::fs::write(&unknown, lines.join("\n")).expect("write");
    let out = run(&[
        "--model",
        unknown.to_str().expect("utf-8"),
        "load",
        "--store",
        dir.join("db").to_str().expect("utf-8"),
        "tests/fixtures/corpus/texts/en1.txt",
    ]);
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(
        out.stderr.contains(&format!("line {}", at + 1)) && out.stderr.contains("org.colour"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("db").exists(), "a refused model touches no store");
}

#[test]
fn training_without_texts_says_how_to_restore_them() {
    let dir = TempDir::new("train-empty");
    let out = run(&[
        "train",
        "--gold",
        GOLD,
        "--texts",
        dir.path().to_str().expect("utf-8"),
        "--cv",
        "2",
    ]);
    assert_eq!(out.status, Some(2), "{out:?}");
    assert!(out.stderr.contains("restore the texts"), "{}", out.stderr);
}
