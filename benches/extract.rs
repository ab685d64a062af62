//! Extraction throughput on generated articles, single-threaded (so the
//! figures are per core): reading, sentence splitting, each extractor of
//! `Pipeline::standard` on its own, the whole pipeline, the mapping to
//! quads, and everything a load worker does per article.
//!
//!     cargo bench --bench extract                     # 2000 articles, 5 runs
//!     cargo bench --bench extract -- --count 5000 --runs 7 --seed 3
//!
//! Each extractor runs on documents that already hold the facts of the
//! extractors before it, as in the pipeline (bans need organisations and
//! dates). Figures are MB of article text per second, median of the runs.

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

use newsgraph::article::{self, Article, Format, ReadOptions};
use newsgraph::extract::{Document, Facts};
use newsgraph::graph::iri;
use newsgraph::graph::mapping::{Extraction, article_quads};
use newsgraph::lang::Lang;
use newsgraph::load::{LoadOptions, pipeline_id};
use newsgraph::pipeline::{Pipeline, Stage};
use newsgraph::vocab::Vocabulary;

struct Args {
    count: u64,
    runs: usize,
    seed: u64,
    filter: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        count: 2000,
        runs: 5,
        seed: 1,
        filter: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--count" => a.count = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.count),
            "--runs" => {
                a.runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(a.runs)
                    .max(1)
            }
            "--seed" => a.seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.seed),
            // `cargo bench` passes --bench; other words filter stages by name.
            "--bench" => {}
            s if !s.starts_with('-') => a.filter = Some(s.to_owned()),
            _ => {}
        }
    }
    a
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// CPU time of this process: on a shared machine wall time also counts
/// other people's work, CPU time only ours (the bench is single-threaded).
fn cpu_time() -> Duration {
    // SAFETY: clock_gettime only writes the timespec.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

struct Report {
    bytes: u64,
    articles: u64,
    runs: usize,
    filter: Option<String>,
}

impl Report {
    /// Times `f` `runs` times (after one warm-up) and prints the median.
    fn stage(&self, name: &str, mut f: impl FnMut()) -> Option<f64> {
        if self.filter.as_deref().is_some_and(|f| !name.contains(f)) {
            return None;
        }
        f();
        let mut cpu = Vec::new();
        let times: Vec<Duration> = (0..self.runs)
            .map(|_| {
                let t = Instant::now();
                let c = cpu_time();
                f();
                cpu.push(cpu_time() - c);
                t.elapsed()
            })
            .collect();
        let cpu = median(cpu);
        let spread = {
            let mut s = times.clone();
            s.sort();
            (s[0], s[s.len() - 1])
        };
        let m = median(times);
        let mbs = self.bytes as f64 / 1e6 / m.as_secs_f64();
        let cpu_mbs = self.bytes as f64 / 1e6 / cpu.as_secs_f64();
        println!(
            "{name:<28} {cpu_mbs:>9.2} MB/s CPU {mbs:>9.2} MB/s wall {:>9.0} articles/s  {:>9.1} ms  (min {:.1}, max {:.1})",
            self.articles as f64 / cpu.as_secs_f64(),
            m.as_secs_f64() * 1e3,
            spread.0.as_secs_f64() * 1e3,
            spread.1.as_secs_f64() * 1e3,
        );
        Some(cpu_mbs)
    }
}

fn main() {
    let a = args();
    let vocab = Vocabulary::built_in().expect("built-in vocabulary");
    let pipeline = Pipeline::standard(&vocab);
    let options = LoadOptions::default();
    let pid = pipeline_id(&vocab, &pipeline, &options);

    let files: Vec<(String, String)> = (0..a.count)
        .map(|i| (format!("bench/a{i:07}.txt"), corpus::article(a.seed, i)))
        .collect();
    let read = ReadOptions::default();
    let read_all = || -> Vec<Article> {
        files
            .iter()
            .flat_map(|(source, text)| {
                article::read_bytes(source, text.as_bytes(), Format::Text, &read)
            })
            .filter_map(Result::ok)
            .collect()
    };
    let articles = read_all();
    let bytes: u64 = articles.iter().map(|a| a.text.len() as u64).sum();
    let langs: Vec<Lang> = articles
        .iter()
        .map(|a| a.lang.unwrap_or_else(|| Lang::detect(&a.text)))
        .collect();
    let docs: Vec<Document<'_>> = articles
        .iter()
        .zip(&langs)
        .map(|(a, &l)| Document::new(&a.text, l, a.published))
        .collect();
    println!(
        "extraction benchmark: {} generated articles (seed {}), {:.2} MB of text, {} runs, 1 thread, {} cores on this machine",
        articles.len(),
        a.seed,
        bytes as f64 / 1e6,
        a.runs,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let report = Report {
        bytes,
        articles: articles.len() as u64,
        runs: a.runs,
        filter: a.filter.clone(),
    };

    report.stage("read (header parse)", || {
        black_box(read_all());
    });
    report.stage("lang detect", || {
        for a in &articles {
            black_box(Lang::detect(&a.text));
        }
    });
    report.stage("sentences", || {
        for (a, &l) in articles.iter().zip(&langs) {
            black_box(Document::new(&a.text, l, a.published));
        }
    });

    // Each stage (extractor or learned decision) on documents holding the
    // facts of the stages before it.
    let mut prefix: Vec<Facts> = docs.iter().map(|_| Facts::default()).collect();
    for stage in pipeline.stages() {
        let name = match stage {
            Stage::Extract(e) => format!("extractor {}", e.name()),
            Stage::Decide(fact) => format!("decision {}", fact.name()),
            Stage::Tag => "decision name tagger".to_owned(),
        };
        let mut inputs: Vec<Facts> = prefix.clone();
        report.stage(&name, || {
            // Fresh copies outside the timed loop would need a clone per
            // run; cloning the prefix is cheap next to extraction, and is
            // measured on its own below.
            inputs.clone_from(&prefix);
            for (doc, facts) in docs.iter().zip(inputs.iter_mut()) {
                pipeline.run_stage(stage, pipeline.model(), doc, facts);
            }
            black_box(&inputs);
        });
        for (doc, facts) in docs.iter().zip(prefix.iter_mut()) {
            pipeline.run_stage(stage, pipeline.model(), doc, facts);
        }
    }
    let mut scratch = prefix.clone();
    report.stage("(facts clone, subtract)", || {
        scratch.clone_from(&prefix);
        black_box(&scratch);
    });

    let whole = report.stage("pipeline (sentences+all)", || {
        for (a, &l) in articles.iter().zip(&langs) {
            let doc = Document::new(&a.text, l, a.published);
            black_box(pipeline.run(&doc));
        }
    });

    let extractions: Vec<Extraction> = articles
        .iter()
        .zip(&langs)
        .zip(&prefix)
        .zip(&docs)
        .map(|(((a, &lang), facts), doc)| Extraction {
            article: a.clone(),
            lang,
            facts: facts.clone(),
            text_hash: iri::sha256_hex(a.text.as_bytes()),
            sentences: doc.sentences.clone(),
        })
        .collect();
    let mut quads = 0usize;
    report.stage("mapping to quads", || {
        quads = 0;
        for ex in &extractions {
            quads += black_box(article_quads(ex, &vocab, &pid)).len();
        }
    });
    report.stage("sha256", || {
        for a in &articles {
            black_box(iri::sha256_hex(a.text.as_bytes()));
        }
    });
    let worker = report.stage("worker total (read..quads)", || {
        for (source, text) in &files {
            for article in article::read_bytes(source, text.as_bytes(), Format::Text, &read) {
                let Ok(article) = article else { continue };
                let hash = iri::sha256_hex(article.text.as_bytes());
                let ex = newsgraph::load::extract(article, hash, &pipeline, &options);
                black_box(article_quads(&ex, &vocab, &pid));
            }
        }
    });
    if quads > 0 {
        println!(
            "quads per article: {:.1}",
            quads as f64 / articles.len() as f64
        );
    }
    if let Some(w) = whole {
        println!("pipeline: {w:.2} MB/s per core, per CPU second (target >= 10 MB/s)");
    }
    if let Some(w) = worker {
        println!("worker:   {w:.2} MB/s per core, per CPU second");
    }
    long_articles(&pipeline, a.filter.as_deref());
}

/// One article that repeats one sentence 2,500 to 20,000 times: the cost of
/// an article should grow with its length, not with its square.
fn long_articles(pipeline: &Pipeline, filter: Option<&str>) {
    if filter.is_some_and(|f| !"long articles".contains(f)) {
        return;
    }
    let sentences = [
        (
            "ban",
            "Die Bundesnetzagentur verbietet der Firma Alpha GmbH den Verkauf. ",
        ),
        (
            "count",
            "Die Firma Alpha GmbH beschäftigt rund 300 Mitarbeiter in Berlin. ",
        ),
    ];
    for (name, sentence) in sentences {
        let mut first = None;
        let mut line = format!("long article ({name} sentence):");
        for n in [2_500, 5_000, 10_000, 20_000] {
            let text = sentence.repeat(n);
            let c = cpu_time();
            let doc = Document::new(&text, Lang::De, None);
            black_box(pipeline.run(&doc));
            let secs = (cpu_time() - c).as_secs_f64();
            let base = *first.get_or_insert(secs);
            line.push_str(&format!("  x{n}: {secs:.2} s ({:.1}x)", secs / base));
        }
        println!("{line}");
    }
}
