//! The steps from an article's text to its facts, in order: extractors
//! that propose candidates, and the learned decisions that keep some.
//!
//! [`Pipeline::rules`] is the hand-written rules alone (each extractor's
//! own choice). [`Pipeline::learned`] lets the extractors propose more
//! (runs of capitalised words as organisations, every pair of
//! organisations around a ban word) and a [`Model`] decide, after each
//! extractor, which of its candidates become facts. A later step may use
//! what earlier ones decided (bans need organisations), never the other
//! way round.

use std::sync::Arc;

use crate::decide::{self, Context, FactType, Model};
use crate::extract::{Document, Extractor, Facts, bans, dates, employees, organisations};
use crate::vocab::Vocabulary;

/// What one decision was offered in an article.
#[derive(Debug, Clone)]
pub struct Offered {
    pub fact: FactType,
    pub threshold: f32,
    pub candidates: Vec<Explained>,
}

/// One candidate of a decision, described, with its probability and the
/// features that weighed most.
#[derive(Debug, Clone)]
pub struct Explained {
    pub what: String,
    pub p: f32,
    /// At or above the threshold that applies to it.
    pub kept: bool,
    pub reasons: Vec<(String, f32)>,
}

/// One step.
pub enum Stage {
    Extract(Box<dyn Extractor>),
    /// The model's decision on the candidates of one fact type.
    Decide(FactType),
    /// The learned name tagger proposes names and marks the rules'
    /// candidates it agrees with.
    Tag,
}

pub struct Pipeline {
    stages: Vec<Stage>,
    model: Option<Arc<Model>>,
    context: Context,
}

impl Pipeline {
    /// The learned pipeline with the model built into the binary.
    pub fn standard(vocab: &Vocabulary) -> Self {
        Self::learned(vocab, Arc::new(Model::built_in()))
    }

    /// Candidates from the extractors, decisions from `model`.
    pub fn learned(vocab: &Vocabulary, model: Arc<Model>) -> Self {
        let words = Arc::new(bans::BanLexicon::new(&vocab.ban_kinds));
        let stages = vec![
            Stage::Extract(Box::new(dates::DateExtractor::new())),
            Stage::Extract(Box::new(
                organisations::OrganisationExtractor::new(vocab).with_runs(),
            )),
            Stage::Tag,
            Stage::Decide(FactType::Organisations),
            Stage::Extract(Box::new(
                employees::EmployeeExtractor::new(vocab).with_jobs(),
            )),
            Stage::Decide(FactType::EmployeeCounts),
            Stage::Extract(Box::new(bans::BanExtractor::with_words(
                vocab,
                Arc::clone(&words),
            ))),
            Stage::Decide(FactType::Bans),
            Stage::Extract(Box::new(bans::RegulatorExtractor::with_words(Arc::clone(
                &words,
            )))),
            Stage::Decide(FactType::Regulators),
        ];
        Self {
            stages,
            model: Some(model),
            context: Context::new(vocab, words),
        }
    }

    /// The hand-written rules alone: every extractor decides for itself.
    pub fn rules(vocab: &Vocabulary) -> Self {
        let words = Arc::new(bans::BanLexicon::new(&vocab.ban_kinds));
        Self::new(
            vec![
                Box::new(dates::DateExtractor::new()),
                Box::new(organisations::OrganisationExtractor::new(vocab)),
                Box::new(employees::EmployeeExtractor::new(vocab)),
                Box::new(bans::BanExtractor::with_words(vocab, Arc::clone(&words))),
                Box::new(bans::RegulatorExtractor::with_words(Arc::clone(&words))),
            ],
            Context::new(vocab, words),
        )
    }

    /// A pipeline of these extractors and no decisions.
    pub fn new(extractors: Vec<Box<dyn Extractor>>, context: Context) -> Self {
        Self {
            stages: extractors.into_iter().map(Stage::Extract).collect(),
            model: None,
            context,
        }
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    pub fn context(&self) -> &Context {
        &self.context
    }

    pub fn model(&self) -> Option<&Model> {
        self.model.as_deref()
    }

    pub fn extractors(&self) -> impl Iterator<Item = &dyn Extractor> {
        self.stages.iter().filter_map(|s| match s {
            Stage::Extract(e) => Some(e.as_ref()),
            Stage::Decide(_) | Stage::Tag => None,
        })
    }

    /// What decides: `rules`, or the model's fingerprint. Part of a stored
    /// article's pipeline identity, so a new model re-extracts.
    pub fn id(&self) -> String {
        self.model.as_ref().map_or_else(
            || "rules".to_owned(),
            |m| format!("model {}", m.fingerprint),
        )
    }

    /// Runs every stage over `doc`.
    pub fn run(&self, doc: &Document<'_>) -> Facts {
        let mut facts = Facts::default();
        for stage in &self.stages {
            self.run_stage(stage, self.model.as_deref(), doc, &mut facts);
        }
        facts
    }

    /// Runs every stage over `doc`, and tells what each decision was
    /// offered: per fact type, each candidate with its probability.
    pub fn run_explained(&self, doc: &Document<'_>) -> (Facts, Vec<Offered>) {
        let mut facts = Facts::default();
        let mut offered = Vec::new();
        for stage in &self.stages {
            if let (Stage::Decide(fact), Some(model)) = (stage, self.model.as_deref()) {
                let found = decide::candidates(*fact, &self.context, doc, &facts, true);
                let binary = model.binary(*fact);
                let candidates = found
                    .iter()
                    .map(|c| {
                        let p = binary.probability(&c.features.hashes);
                        let mut reasons: Vec<(String, f32)> = c
                            .features
                            .names
                            .iter()
                            .flatten()
                            .zip(&c.features.hashes)
                            .filter_map(|(n, h)| binary.weights.get(h).map(|w| (n.clone(), *w)))
                            .collect();
                        reasons.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
                        reasons.truncate(6);
                        Explained {
                            what: decide::describe(&facts, c.key),
                            p,
                            kept: binary.accepts(&c.features.hashes),
                            reasons,
                        }
                    })
                    .collect();
                offered.push(Offered {
                    fact: *fact,
                    threshold: binary.threshold,
                    candidates,
                });
            }
            self.run_stage(stage, self.model.as_deref(), doc, &mut facts);
        }
        (facts, offered)
    }

    /// Runs one stage with `model` deciding (no decision without one). An
    /// extractor that fails on odd input (a bug) loses only its own facts,
    /// a failing decision leaves the candidates undecided; the others still
    /// run, and the failure is listed in [`Facts::failures`].
    pub fn run_stage(
        &self,
        stage: &Stage,
        model: Option<&Model>,
        doc: &Document<'_>,
        facts: &mut Facts,
    ) {
        let name = match stage {
            Stage::Extract(e) => e.name(),
            Stage::Decide(fact) => fact.name(),
            Stage::Tag => "name tagger",
        };
        // A decision changes the facts only once its candidates are scored:
        // if it fails, the extractors' facts stand as they are.
        let before = matches!(stage, Stage::Extract(_)).then(|| facts.clone());
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match stage {
            Stage::Extract(e) => e.extract(doc, facts),
            Stage::Decide(fact) => {
                if let Some(model) = model {
                    decide::decide(*fact, model, &self.context, doc, facts);
                }
            }
            Stage::Tag => {
                if let Some(model) = model {
                    decide::tagger::apply(&model.tagger, &self.context, doc, facts);
                }
            }
        }));
        if let Err(panic) = ran {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if let Some(before) = before {
                *facts = before;
            }
            let what = match stage {
                Stage::Extract(_) => "extractor",
                Stage::Decide(_) | Stage::Tag => "decision",
            };
            facts
                .failures
                .push(format!("{name} {what} failed: {message}"));
        }
    }
}
