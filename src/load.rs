//! `load`: articles in, one graph per article out.
//!
//! Discovery, reading and extraction run on worker threads; one writer
//! batches finished graphs into the store. Channels between them are
//! bounded, so memory stays flat however large the corpus.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxigraph::model::NamedNode;

use crate::article::{self, Article, Input, ReadError, ReadOptions};
use crate::date::PartialDate;
use crate::extract::{Document, Facts};
use crate::graph::iri;
use crate::graph::mapping::{Extraction, article_quads};
use crate::lang::Lang;
use crate::pipeline::Pipeline;
use crate::store::{ArticleWrite, GraphStore, StoreError, WriteOptions};
use crate::vocab::Vocabulary;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Force one language; `None` takes the article's own or detects it.
    pub lang: Option<Lang>,
    /// Publication date for articles that do not give one.
    pub published: Option<PartialDate>,
    pub read: ReadOptions,
    pub write: WriteOptions,
    /// Extraction threads.
    pub jobs: usize,
    /// Quads per store commit.
    pub batch_quads: usize,
    /// Extract again even when text and pipeline are unchanged.
    pub force: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            lang: None,
            published: None,
            read: ReadOptions::default(),
            write: WriteOptions::default(),
            jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
            batch_quads: 400_000,
            force: false,
        }
    }
}

/// How many facts of each kind a load produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactCounts {
    pub organisations: u64,
    pub regulators: u64,
    pub bans: u64,
    pub employee_counts: u64,
    pub dates: u64,
}

impl FactCounts {
    fn of(facts: &Facts) -> Self {
        Self {
            organisations: facts.organisations.len() as u64,
            regulators: facts.regulators.len() as u64,
            bans: facts.bans.len() as u64,
            employee_counts: facts.employee_counts.len() as u64,
            dates: facts.dates.len() as u64,
        }
    }

    fn add(&mut self, other: FactCounts) {
        self.organisations += other.organisations;
        self.regulators += other.regulators;
        self.bans += other.bans;
        self.employee_counts += other.employee_counts;
        self.dates += other.dates;
    }
}

#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Articles new to the store.
    pub loaded: u64,
    /// Articles whose text or pipeline changed, replaced.
    pub replaced: u64,
    /// Articles unchanged since the last load.
    pub skipped: u64,
    pub failed: u64,
    pub quads: u64,
    pub bytes: u64,
    pub facts: FactCounts,
    /// Stopped early by the caller (Ctrl-C); what was stored is complete.
    pub interrupted: bool,
    pub elapsed: Duration,
}

/// Where a load reports as it goes; the terminal lives behind this.
pub trait Observer: Sync {
    fn error(&self, _error: &ReadError) {}
    fn warning(&self, _source: &str, _message: &str) {}
    fn progress(&self, _done: &Progress) {}
}

/// Counts so far, for progress displays.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    pub articles: u64,
    pub bytes: u64,
    pub stored: u64,
    pub elapsed: Duration,
}

/// Observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// The identity of the extraction that produced a graph: when it changes,
/// unchanged articles are extracted again.
pub fn pipeline_id(vocab: &Vocabulary, pipeline: &Pipeline, options: &LoadOptions) -> String {
    format!(
        "newsgraph {} vocab {} {} lang {} published {}",
        env!("CARGO_PKG_VERSION"),
        vocab.fingerprint,
        pipeline.id(),
        options.lang.map_or("auto", Lang::code),
        options.published.map(|d| d.to_string()).unwrap_or_default()
    )
}

enum Outcome {
    Extracted {
        graph: NamedNode,
        quads: Vec<oxigraph::model::Quad>,
        replaces: bool,
        facts: FactCounts,
        bytes: u64,
    },
    Skipped {
        bytes: u64,
    },
    Failed,
}

struct Shared<'a> {
    store: &'a GraphStore,
    pipeline: &'a Pipeline,
    vocab: &'a Vocabulary,
    options: &'a LoadOptions,
    pipeline_id: String,
    observer: &'a dyn Observer,
    stop: &'a AtomicBool,
    /// The store was empty when the load began: no article in it can be
    /// an older copy (copies within this load are the writer's business),
    /// so the two lookups per article are skipped.
    empty_at_start: bool,
}

/// Loads every article under `paths` into `store`. Stops cleanly after the
/// current batch when `stop` becomes true.
pub fn load(
    store: &GraphStore,
    paths: &[PathBuf],
    pipeline: &Pipeline,
    vocab: &Vocabulary,
    options: &LoadOptions,
    observer: &dyn Observer,
    stop: &AtomicBool,
) -> Result<LoadReport, StoreError> {
    let started = Instant::now();
    let shared = Shared {
        store,
        pipeline,
        vocab,
        options,
        pipeline_id: pipeline_id(vocab, pipeline, options),
        empty_at_start: store.is_empty()?,
        observer,
        stop,
    };
    let discovery_failures = AtomicU64::new(0);
    let (input_tx, input_rx) = sync_channel::<Input>(256);
    let (result_tx, result_rx) = sync_channel::<Outcome>(64);
    let input_rx = Arc::new(Mutex::new(input_rx));
    let mut report = std::thread::scope(|scope| {
        scope.spawn(|| discover(paths, input_tx, &shared, &discovery_failures));
        for _ in 0..options.jobs.max(1) {
            let input_rx = Arc::clone(&input_rx);
            let result_tx = result_tx.clone();
            let shared = &shared;
            scope.spawn(move || work(&input_rx, &result_tx, shared));
        }
        drop(result_tx);
        // The workers hold the only handles on the inputs: when they are
        // gone, discovery's next send fails and it stops too.
        drop(input_rx);
        let result = write(result_rx, &shared, started);
        // Unblock workers and discovery if the writer stopped early.
        stop.store(true, Ordering::SeqCst);
        result
    })?;
    report.failed += discovery_failures.load(Ordering::SeqCst);
    report.elapsed = started.elapsed();
    Ok(report)
}

fn discover(paths: &[PathBuf], tx: SyncSender<Input>, shared: &Shared<'_>, failures: &AtomicU64) {
    for input in article::discover(paths) {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        match input {
            Ok(input) => {
                if tx.send(input).is_err() {
                    return;
                }
            }
            Err(e) => {
                failures.fetch_add(1, Ordering::SeqCst);
                shared.observer.error(&e);
            }
        }
    }
}

fn work(inputs: &Mutex<Receiver<Input>>, results: &SyncSender<Outcome>, shared: &Shared<'_>) {
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let next = match inputs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(input) = next else { return };
        for article in article::read(&input, &shared.options.read) {
            if shared.stop.load(Ordering::SeqCst) {
                return;
            }
            let outcome = match article {
                Ok(article) => process_guarded(article, shared),
                Err(e) => {
                    shared.observer.error(&e);
                    Outcome::Failed
                }
            };
            if results.send(outcome).is_err() {
                return;
            }
        }
    }
}

/// [`process`], with a panic in an extractor failing that one article
/// instead of the worker (and with it the whole load).
fn process_guarded(article: Article, shared: &Shared<'_>) -> Outcome {
    let source = article.source.clone();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(article, shared))) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            shared.observer.error(&ReadError {
                source,
                line: None,
                message: format!("extraction failed (internal error, please report it): {message}"),
            });
            Outcome::Failed
        }
    }
}

fn process(article: Article, shared: &Shared<'_>) -> Outcome {
    for warning in &article.warnings {
        shared.observer.warning(&article.source, warning);
    }
    let bytes = article.text.len() as u64;
    let graph = iri::article(&article.source);
    let text_hash = iri::sha256_hex(article.text.as_bytes());
    let looked_up = if shared.empty_at_start {
        Ok(None)
    } else {
        shared.store.stored_article(&graph)
    };
    let stored = match looked_up {
        Ok(stored) => stored,
        Err(e) => {
            let message = e.to_string();
            shared.observer.error(&ReadError {
                source: article.source.clone(),
                line: None,
                message,
            });
            return Outcome::Failed;
        }
    };
    let unchanged = stored
        .as_ref()
        .is_some_and(|s| s.text_hash == text_hash && s.pipeline == shared.pipeline_id);
    if unchanged && !shared.options.force {
        return Outcome::Skipped { bytes };
    }
    let extraction = extract(article, text_hash, shared.pipeline, shared.options);
    for failure in &extraction.facts.failures {
        shared.observer.warning(&extraction.article.source, failure);
    }
    let facts = FactCounts::of(&extraction.facts);
    let quads = article_quads(&extraction, shared.vocab, &shared.pipeline_id);
    Outcome::Extracted {
        graph,
        quads,
        replaces: stored.is_some(),
        facts,
        bytes,
    }
}

/// Runs the extractors over one article.
pub fn extract(
    article: Article,
    text_hash: String,
    pipeline: &Pipeline,
    options: &LoadOptions,
) -> Extraction {
    let lang = options
        .lang
        .or(article.lang)
        .unwrap_or_else(|| Lang::detect(&article.text));
    let published = article.published.or(options.published);
    let (facts, sentences) = {
        let doc = Document::new(&article.text, lang, published);
        (pipeline.run(&doc), doc.sentences)
    };
    Extraction {
        article,
        lang,
        facts,
        text_hash,
        sentences,
    }
}

/// Batches finished graphs into the store.
fn write(
    results: Receiver<Outcome>,
    shared: &Shared<'_>,
    started: Instant,
) -> Result<LoadReport, StoreError> {
    let mut report = LoadReport::default();
    let mut batch = Batch::default();
    let mut writer = shared.store.writer(shared.options.write);
    // A batch no larger than the loader's own, so each batch of articles
    // lands in the store in one piece.
    let batch_quads = shared
        .options
        .batch_quads
        .min(shared.options.write.batch_quads())
        .max(1);
    let mut last_progress = Instant::now();
    for (seen, outcome) in results.into_iter().enumerate() {
        match outcome {
            Outcome::Extracted {
                graph,
                quads,
                replaces,
                facts,
                bytes,
            } => {
                report.bytes += bytes;
                report.facts.add(facts);
                // Write before the batch would outgrow the loader's: a
                // larger one would be split, and its second half would wait
                // for the first to be built.
                if batch.quads > 0 && batch.quads + quads.len() > batch_quads {
                    writer.write(batch.take(&mut report))?;
                }
                batch.push(graph, quads, replaces);
            }
            Outcome::Skipped { bytes } => {
                report.bytes += bytes;
                report.skipped += 1;
            }
            Outcome::Failed => report.failed += 1,
        }
        if batch.quads >= batch_quads {
            writer.write(batch.take(&mut report))?;
        }
        if last_progress.elapsed() >= Duration::from_millis(200) {
            last_progress = Instant::now();
            shared.observer.progress(&Progress {
                articles: seen as u64 + 1,
                bytes: report.bytes,
                stored: report.loaded + report.replaced,
                elapsed: started.elapsed(),
            });
        }
        if shared.stop.load(Ordering::SeqCst) {
            report.interrupted = true;
            break;
        }
    }
    // Stopped before any article came through (Ctrl-C during start-up):
    // still a stop, not a complete load.
    if shared.stop.load(Ordering::SeqCst) {
        report.interrupted = true;
    }
    let last = batch.take(&mut report);
    if !last.is_empty() {
        writer.write(last)?;
    }
    writer.finish()?;
    Ok(report)
}

/// Graphs waiting for the next write, one per article (last one wins when
/// an input names the same article twice).
#[derive(Default)]
struct Batch {
    pending: Vec<ArticleWrite>,
    index: HashMap<NamedNode, usize>,
    quads: usize,
    /// Hashes of the graphs written during this load, so a second copy of
    /// an article replaces the first. Eight bytes an article rather than
    /// its IRI keeps memory flat; a collision only makes a new article take
    /// the (equally correct) replace path.
    written: HashSet<u64>,
}

fn graph_hash(graph: &NamedNode) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    graph.as_str().hash(&mut h);
    h.finish()
}

impl Batch {
    fn push(&mut self, graph: NamedNode, quads: Vec<oxigraph::model::Quad>, replaces: bool) {
        self.quads += quads.len();
        if let Some(&at) = self.index.get(&graph) {
            let earlier = &mut self.pending[at];
            self.quads -= earlier.quads.len();
            earlier.quads = quads;
            return;
        }
        let replaces = replaces || self.written.contains(&graph_hash(&graph));
        self.index.insert(graph.clone(), self.pending.len());
        self.pending.push(ArticleWrite {
            graph,
            quads,
            replaces,
        });
    }

    /// The pending articles, counted into `report` as stored.
    fn take(&mut self, report: &mut LoadReport) -> Vec<ArticleWrite> {
        let pending = std::mem::take(&mut self.pending);
        for article in &pending {
            report.quads += article.quads.len() as u64;
            if article.replaces {
                report.replaced += 1;
            } else {
                report.loaded += 1;
            }
        }
        for (graph, _) in self.index.drain() {
            self.written.insert(graph_hash(&graph));
        }
        self.quads = 0;
        pending
    }
}
