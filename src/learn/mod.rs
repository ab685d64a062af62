//! Training the learned decisions on an annotated corpus, and measuring
//! them honestly by cross-validation.
//!
//! Training walks the learned pipeline stage by stage over every article:
//! extractors propose candidates, each candidate is labelled from the
//! article-level gold (positive when its names match a gold fact by the
//! scorer's matching), a logistic regression is fitted, its threshold is
//! chosen on held-out folds, and the decision is applied before the next
//! stage, so later stages train on what earlier decisions really leave.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::decide::features::fingerprint;
use crate::decide::model::{Binary, Choice, Writer};
use crate::decide::{self, Candidate, FactType, Key, Model};
use crate::extract::{Document, Facts};
use crate::pipeline::{Pipeline, Stage};
use crate::vocab::Vocabulary;

pub mod corpus;
pub mod details;
pub mod gold;
pub mod logistic;
pub mod score;
pub mod tagger;

use corpus::Annotated;
use gold::Standing;
use logistic::{ClassExample, Example};

#[derive(Debug, Clone)]
pub struct Settings {
    pub logistic: logistic::Settings,
    /// Folds for choosing each threshold on held-out articles.
    pub threshold_folds: usize,
    /// A feature seen in fewer training candidates is left out.
    pub min_count: usize,
    /// A ban gets a second kind when that kind is at least this probable.
    pub kind_share: f32,
    /// How much articles with many candidates are weighed down (0: not).
    pub balance: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            logistic: logistic::Settings::default(),
            threshold_folds: 5,
            min_count: 2,
            kind_share: 0.3,
            balance: 0.0,
        }
    }
}

/// A trained model, its file text, and what training saw.
pub struct Trained {
    pub model: Model,
    pub file: String,
    pub report: Vec<String>,
}

/// The candidates of one fact type over the training articles.
struct Labelled {
    article: usize,
    names: Vec<String>,
    label: bool,
    /// For a positive ban pair: the gold kind.
    kind: Option<String>,
}

/// Trains every decision of `pipeline`'s stages on `articles`.
pub fn train(
    articles: &[&Annotated],
    vocab: &Vocabulary,
    settings: &Settings,
    about: &str,
) -> Trained {
    // The stages of the learned pipeline; its own model is not used.
    let pipeline = Pipeline::learned(vocab, Arc::new(Model::default()));
    let cx = pipeline.context();
    let kinds: Vec<String> = vocab
        .ban_kinds
        .kinds
        .iter()
        .map(|k| k.notation.clone())
        .collect();
    let docs: Vec<Document<'_>> = articles
        .iter()
        .map(|a| Document::new(&a.article.text, a.lang, a.article.published))
        .collect();
    let mut facts: Vec<Facts> = vec![Facts::default(); articles.len()];
    let mut model = Model::default();
    let mut writer = Writer::new(about);
    let mut report = Vec::new();
    for stage in pipeline.stages() {
        let fact = match stage {
            Stage::Extract(_) => {
                for (doc, f) in docs.iter().zip(&mut facts) {
                    pipeline.run_stage(stage, None, doc, f);
                }
                continue;
            }
            Stage::Tag => {
                let (tagger, names, line) = fit_tagger(articles, &docs, &mut facts, cx);
                report.push(format!("name tagger: {line}"));
                writer.tagger(&tagger, &names);
                model.tagger = tagger;
                continue;
            }
            Stage::Decide(fact) => *fact,
        };
        let mut labelled = Vec::new();
        let mut missing = 0;
        for (i, a) in articles.iter().enumerate() {
            let found = decide::candidates(fact, cx, &docs[i], &facts[i], true);
            let (mut these, lost) = label(fact, a, &facts[i], found);
            for l in &mut these {
                l.article = i;
            }
            labelled.extend(these);
            missing += lost;
        }
        // The pair model decides whether, the kind model which: kind
        // features are the kind model's alone.
        let pair_only: Vec<Labelled> = labelled
            .iter()
            .map(|l| Labelled {
                article: l.article,
                names: l
                    .names
                    .iter()
                    .filter(|n| !n.starts_with("kind."))
                    .cloned()
                    .collect(),
                label: l.label,
                kind: None,
            })
            .collect();
        let (binary, weights, line) = fit(&pair_only, missing, articles, settings);
        report.push(format!("{}: {line}", fact.name()));
        writer.binary(
            fact.name(),
            f64::from(binary.threshold),
            binary.bias,
            &weights,
        );
        match fact {
            FactType::Organisations => model.organisations = binary,
            FactType::EmployeeCounts => model.employee_counts = binary,
            FactType::Regulators => model.regulators = binary,
            FactType::Bans => {
                model.bans = binary;
                let (choice, bias, rows, line) = fit_kinds(&labelled, &kinds, settings);
                report.push(format!("ban kinds: {line}"));
                writer.choice("ban-kinds", settings.kind_share, &kinds, &bias, &rows);
                model.ban_kinds = choice;
            }
        }
        for (doc, f) in docs.iter().zip(&mut facts) {
            pipeline.run_stage(stage, Some(&model), doc, f);
        }
    }
    let file = writer.finish();
    let model = Model::parse(&file)
        .unwrap_or_else(|e| panic!("a model written by this binary reads back: {e}"));
    debug_assert!(file.contains(&fingerprint()));
    Trained {
        model,
        file,
        report,
    }
}

/// Trains the name tagger and tags the training articles: each part of
/// them with a tagger trained on the others, so that the organisation
/// decision learns what the tagger does on articles it has not seen.
fn fit_tagger(
    articles: &[&Annotated],
    docs: &[Document<'_>],
    facts: &mut [Facts],
    cx: &crate::decide::Context,
) -> (crate::decide::tagger::Tagger, HashMap<u64, String>, String) {
    const EPOCHS: usize = 15;
    const PARTS: usize = 3;
    let mut names = HashMap::new();
    let per_article: Vec<Vec<tagger::Sentence>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| tagger::sentences(cx, &docs[i], &facts[i], a, &mut names))
        .collect();
    let part_of = folds(articles, PARTS);
    // How well held-out tags find the gold names (spans of tokens).
    let mut tally = score::Tally::default();
    let span_set = |tags: &[usize]| -> std::collections::HashSet<(usize, usize)> {
        let mut out = std::collections::HashSet::new();
        let mut start = None;
        for (i, t) in tags.iter().chain(std::iter::once(&0)).enumerate() {
            if *t != 2
                && let Some(s) = start.take()
            {
                out.insert((s, i));
            }
            if *t == 1 {
                start = Some(i);
            }
        }
        out
    };
    for part in 0..PARTS {
        let train: Vec<&tagger::Sentence> = per_article
            .iter()
            .zip(&part_of)
            .filter(|(_, p)| **p != part)
            .flat_map(|(s, _)| s.iter())
            .collect();
        let held_out = tagger::train(&train, EPOCHS);
        for (i, p) in part_of.iter().enumerate() {
            if *p == part {
                for s in &per_article[i] {
                    let guess = held_out.decode(&s.features);
                    let (g, t) = (span_set(&guess), span_set(&s.tags));
                    tally.tp += g.intersection(&t).count();
                    tally.fp += g.difference(&t).count();
                    tally.fn_ += t.difference(&g).count();
                }
                crate::decide::tagger::apply(&held_out, cx, &docs[i], &mut facts[i]);
            }
        }
    }
    let all: Vec<&tagger::Sentence> = per_article.iter().flatten().collect();
    let tagger = tagger::train(&all, EPOCHS);
    let tokens: usize = all.iter().map(|s| s.tags.len()).sum();
    let line = format!(
        "{} sentences, {tokens} words, {} weighted features; held-out names P {:.3} R {:.3} F1 {:.3}",
        all.len(),
        tagger.weights.len(),
        tally.precision(),
        tally.recall(),
        tally.f1()
    );
    (tagger, names, line)
}

/// Labels candidates from the gold; returns them and how many gold facts
/// of this type no candidate found.
fn label(
    fact: FactType,
    a: &Annotated,
    facts: &Facts,
    found: Vec<Candidate>,
) -> (Vec<Labelled>, usize) {
    let ents = &a.entities;
    let name = |id: usize| facts.organisations[id].name_in_article();
    let resolve = |id: usize| ents.resolve(&name(id)).map(str::to_owned);
    let mut out = Vec::new();
    let mut matched: HashSet<String> = HashSet::new();
    let mut push = |c: Candidate, label: bool, kind: Option<String>| {
        out.push(Labelled {
            article: 0,
            names: c.features.names.unwrap_or_default(),
            label,
            kind,
        });
    };
    let total = match fact {
        FactType::Organisations => {
            for c in found {
                let Key::Organisation(id) = c.key else {
                    continue;
                };
                let label = match resolve(id) {
                    Some(g) => match ents.standing(&g) {
                        Some(Standing::Optional) => None,
                        // A second node for one organisation counts as
                        // spurious: the model should keep one.
                        _ if matched.contains(&g) => Some(false),
                        _ => {
                            matched.insert(g);
                            Some(true)
                        }
                    },
                    None => {
                        let other_form = facts.organisations[id]
                            .forms
                            .iter()
                            .any(|f| ents.resolve(f).is_some());
                        (!other_form).then_some(false)
                    }
                };
                if let Some(label) = label {
                    push(c, label, None);
                }
            }
            a.gold.organisations.len()
        }
        FactType::Regulators => {
            let wanted: HashSet<&str> = a.gold.regulators.iter().map(|r| r.name.as_str()).collect();
            for c in found {
                let Key::Organisation(id) = c.key else {
                    continue;
                };
                let label = match resolve(id) {
                    Some(g) if wanted.contains(g.as_str()) => {
                        let first = matched.insert(g);
                        first.then_some(true)
                    }
                    Some(g) if ents.standing(&g) == Some(Standing::Optional) => None,
                    _ => Some(false),
                };
                if let Some(label) = label {
                    push(c, label, None);
                }
            }
            wanted.len()
        }
        FactType::Bans => {
            let mut kinds: HashMap<(String, String), String> = HashMap::new();
            for b in &a.gold.bans {
                let at = kinds
                    .entry((b.regulator.clone(), b.target.clone()))
                    .or_default();
                if !at.split(' ').any(|k| k == b.kind) {
                    if !at.is_empty() {
                        at.push(' ');
                    }
                    at.push_str(&b.kind);
                }
            }
            for c in found {
                let Key::Pair { regulator, target } = c.key else {
                    continue;
                };
                let pair = resolve(regulator).zip(resolve(target));
                match pair.and_then(|p| kinds.get(&p).map(|k| (p, k.clone()))) {
                    Some(((r, t), kind)) => {
                        matched.insert(format!("{r}\u{0}{t}"));
                        push(c, true, Some(kind));
                    }
                    None => push(c, false, None),
                }
            }
            kinds.len()
        }
        FactType::EmployeeCounts => {
            let wanted: HashSet<(String, u64)> = a
                .gold
                .employee_counts
                .iter()
                .map(|c| (c.organisation.clone(), c.value))
                .collect();
            for c in found {
                let Key::Count { index, org } = c.key else {
                    continue;
                };
                let value = facts.employee_counts[index].value;
                match resolve(org) {
                    Some(g) if wanted.contains(&(g.clone(), value)) => {
                        matched.insert(format!("{g}\u{0}{value}"));
                        push(c, true, None);
                    }
                    _ => push(c, false, None),
                }
            }
            wanted.len()
        }
    };
    (out, total.saturating_sub(matched.len()))
}

/// Feature names -> indices, for the features seen often enough.
fn index(labelled: &[Labelled], min_count: usize) -> HashMap<&str, u32> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in labelled {
        for n in &l.names {
            *counts.entry(n.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .into_iter()
        .filter(|(_, c)| *c >= min_count)
        .map(|(n, _)| n)
        .collect();
    names.sort_unstable();
    names.into_iter().zip(0u32..).collect()
}

fn examples(labelled: &[Labelled], index: &HashMap<&str, u32>, balance: f64) -> Vec<Example> {
    // An article with many candidates should not outweigh many articles:
    // each candidate counts 1 / (candidates in its article)^balance.
    let mut per_article: HashMap<usize, usize> = HashMap::new();
    for l in labelled {
        *per_article.entry(l.article).or_default() += 1;
    }
    labelled
        .iter()
        .map(|l| Example {
            features: l
                .names
                .iter()
                .filter_map(|n| index.get(n.as_str()).copied())
                .collect(),
            label: l.label,
            weight: (per_article[&l.article] as f64).powf(-balance),
        })
        .collect()
}

/// Folds of articles that keep a story together: stories in name order,
/// dealt out round-robin after sorting by a hash of the name, so folds
/// are balanced and the same on every machine.
pub fn folds(articles: &[&Annotated], k: usize) -> Vec<usize> {
    let mut stories: Vec<&str> = articles.iter().map(|a| a.story.as_str()).collect();
    stories.sort_unstable();
    stories.dedup();
    stories.sort_by_key(|s| (crate::decide::features::hash(s, None), *s));
    let fold: HashMap<&str, usize> = stories
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i % k))
        .collect();
    articles.iter().map(|a| fold[a.story.as_str()]).collect()
}

/// Fits one binary decision: weights on all candidates, the threshold
/// that maximises F1 on held-out folds.
fn fit(
    labelled: &[Labelled],
    missing: usize,
    articles: &[&Annotated],
    settings: &Settings,
) -> (Binary, Vec<(String, f32)>, String) {
    let index = index(labelled, settings.min_count);
    let all = examples(labelled, &index, settings.balance);
    let weights = logistic::train(&all, index.len(), &settings.logistic);
    // Held-out probabilities for the threshold.
    let k = settings.threshold_folds.max(2);
    let fold_of = folds(articles, k);
    let mut scored = Vec::with_capacity(all.len());
    for fold in 0..k {
        let train: Vec<Example> = all
            .iter()
            .zip(labelled)
            .filter(|(_, l)| fold_of[l.article] != fold)
            .map(|(e, _)| e.clone())
            .collect();
        let w = logistic::train(&train, index.len(), &settings.logistic);
        for (e, l) in all.iter().zip(labelled) {
            if fold_of[l.article] == fold {
                scored.push((w.probability(&e.features), e.label));
            }
        }
    }
    let (threshold, f1) = logistic::best_threshold(&scored, missing);
    let positives = labelled.iter().filter(|l| l.label).count();
    let line = format!(
        "{} candidates ({positives} positive), {missing} gold facts without a candidate, {} features, threshold {threshold:.3} (held-out F1 {f1:.3})",
        labelled.len(),
        index.len(),
    );
    let mut by_name: Vec<(&str, u32)> = index.iter().map(|(n, i)| (*n, *i)).collect();
    by_name.sort_unstable();
    let named: Vec<(String, f32)> = by_name
        .into_iter()
        .map(|(n, i)| (n.to_owned(), weights.weights[i as usize]))
        .filter(|(_, w)| w.abs() >= 1e-3)
        .collect();
    let binary = Binary {
        bias: weights.bias,
        threshold: threshold as f32,
        weights: named
            .iter()
            .map(|(n, w)| (crate::decide::features::hash_name(n), *w))
            .collect(),
    };
    (binary, named, line)
}

type KindFit = (Choice, Vec<f32>, Vec<(String, Vec<f32>)>, String);

/// Fits the choice of kind over the positive ban pairs.
fn fit_kinds(labelled: &[Labelled], kinds: &[String], settings: &Settings) -> KindFit {
    let positives: Vec<&Labelled> = labelled
        .iter()
        .filter(|l| l.label && l.kind.is_some())
        .collect();
    // Kind features only ("kind." names): the pair features say whether,
    // these say which.
    let kind_only: Vec<Labelled> = positives
        .iter()
        .map(|l| Labelled {
            article: l.article,
            names: l
                .names
                .iter()
                .filter(|n| n.starts_with("kind."))
                .cloned()
                .collect(),
            label: true,
            kind: l.kind.clone(),
        })
        .collect();
    let index = index(&kind_only, 1);
    // A pair with two gold kinds teaches both. An article that lists
    // sixteen companies barred by one order counts as a few, not as
    // sixteen: otherwise its kind becomes everybody's default.
    let mut per_article: HashMap<usize, usize> = HashMap::new();
    for l in &kind_only {
        *per_article.entry(l.article).or_default() += 1;
    }
    let examples: Vec<ClassExample> = kind_only
        .iter()
        .flat_map(|l| {
            let weight = 1.0 / (per_article[&l.article] as f64).sqrt();
            let features: Vec<u32> = l
                .names
                .iter()
                .filter_map(|n| index.get(n.as_str()).copied())
                .collect();
            l.kind
                .iter()
                .flat_map(|k| k.split(' '))
                .filter_map(|k| kinds.iter().position(|c| c == k))
                .map(move |class| ClassExample {
                    features: features.clone(),
                    class,
                    weight,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    // Every kind weighs the same in all: the words of a sentence, not how
    // often annotators met a kind, should decide ("Verkaufsverbot" is a
    // sales ban even if takeovers were blocked more often).
    let mut per_class = vec![0.0f64; kinds.len()];
    for e in &examples {
        per_class[e.class] += e.weight;
    }
    let present = per_class.iter().filter(|w| **w > 0.0).count().max(1) as f64;
    let total: f64 = per_class.iter().sum();
    let examples: Vec<ClassExample> = examples
        .into_iter()
        .map(|mut e| {
            e.weight *= total / (present * per_class[e.class]);
            e
        })
        .collect();
    let weights = logistic::train_softmax(&examples, kinds.len(), index.len(), &settings.logistic);
    let mut by_name: Vec<(&str, u32)> = index.iter().map(|(n, i)| (*n, *i)).collect();
    by_name.sort_unstable();
    let rows: Vec<(String, Vec<f32>)> = by_name
        .into_iter()
        .map(|(n, i)| {
            (
                n.to_owned(),
                weights.iter().map(|w| w.weights[i as usize]).collect(),
            )
        })
        .collect();
    let bias: Vec<f32> = weights.iter().map(|w| w.bias).collect();
    let choice = Choice {
        threshold: settings.kind_share,
        classes: kinds.to_vec(),
        bias: bias.clone(),
        weights: rows
            .iter()
            .map(|(n, w)| (crate::decide::features::hash_name(n), w.clone()))
            .collect(),
    };
    let line = format!("{} pairs, {} features", examples.len(), index.len());
    (choice, bias, rows, line)
}

/// Runs `pipeline` over an annotated article and scores its facts.
pub fn evaluate(pipeline: &Pipeline, a: &Annotated, known: &dyn score::Known) -> score::Scores {
    let doc = Document::new(&a.article.text, a.lang, a.article.published);
    let facts = pipeline.run(&doc);
    score::score_article(&a.gold, &facts, known)
}

/// Cross-validated scores of the learned pipeline, and of the rules alone
/// on the same articles.
pub struct CrossValidation {
    pub learned: score::Scores,
    pub rules: score::Scores,
    pub folds: usize,
    pub articles: usize,
    /// With `details`: every miss and spurious fact of the learned model.
    pub details: Vec<String>,
}

/// K-fold cross-validation with folds by story.
pub fn cross_validate(
    articles: &[&Annotated],
    vocab: &Vocabulary,
    k: usize,
    settings: &Settings,
    details: bool,
    progress: &dyn Fn(usize),
) -> CrossValidation {
    let known = GazetteerNames::new(vocab);
    let fold_of = folds(articles, k);
    let rules = Pipeline::rules(vocab);
    let mut out = CrossValidation {
        learned: score::Scores::default(),
        rules: score::Scores::default(),
        folds: k,
        articles: articles.len(),
        details: Vec::new(),
    };
    for fold in 0..k {
        progress(fold);
        let train_set: Vec<&Annotated> = articles
            .iter()
            .zip(&fold_of)
            .filter(|(_, f)| **f != fold)
            .map(|(a, _)| *a)
            .collect();
        let trained = train(&train_set, vocab, settings, "cross-validation fold");
        let learned = Pipeline::learned(vocab, Arc::new(trained.model));
        for (a, f) in articles.iter().zip(&fold_of) {
            if *f == fold {
                out.learned.merge(&evaluate(&learned, a, &known));
                if details {
                    out.details.extend(details::explain(&learned, a));
                }
                out.rules.merge(&evaluate(&rules, a, &known));
            }
        }
    }
    out
}

/// The names the gazetteer knows, by the scorer's loose key.
pub struct GazetteerNames {
    keys: HashSet<String>,
}

impl GazetteerNames {
    pub fn new(vocab: &Vocabulary) -> Self {
        let keys = vocab
            .gazetteer
            .entries
            .iter()
            .flat_map(|e| {
                std::iter::once(&e.label)
                    .chain(&e.names)
                    .chain(&e.acronyms)
                    .chain(&e.short_forms)
            })
            .map(|n| gold::norm(n))
            .collect();
        Self { keys }
    }
}

impl score::Known for GazetteerNames {
    fn knows(&self, name: &str) -> bool {
        self.keys.contains(&gold::norm(name))
    }
}
