//! Learned decisions: which candidates become facts.
//!
//! The extractors are tuned for recall and propose candidates (an
//! organisation name, a regulator role, a (regulator, target) pair, a head
//! count); a model trained on annotated real articles (`newsgraph train`)
//! scores each candidate by its [`features`] and keeps those above the
//! threshold of its fact type. The model is data: `ontology/model.tsv`,
//! built into the binary, or any file given with `--model`.
//!
//! Each fact type has a module with one job: the features of its
//! candidates (shared by training and decisions) and the decision itself.

use std::collections::HashSet;
use std::sync::Arc;

use crate::extract::bans::BanLexicon;
use crate::extract::lexicon::PlaceIndex;
use crate::extract::{Document, Facts, OrgId, OrgIdentity};
use crate::vocab::Vocabulary;

pub mod bans;
pub mod employees;
pub mod features;
pub mod model;
pub mod organisations;
pub mod regulators;
pub mod tagger;
mod words;

pub use features::Features;
pub use model::{Model, ModelError};

/// The fact types the model decides, in the order the pipeline decides
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactType {
    Organisations,
    EmployeeCounts,
    Bans,
    Regulators,
}

impl FactType {
    pub const ALL: [FactType; 4] = [
        FactType::Organisations,
        FactType::EmployeeCounts,
        FactType::Bans,
        FactType::Regulators,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FactType::Organisations => "organisations",
            FactType::EmployeeCounts => "employee-counts",
            FactType::Bans => "bans",
            FactType::Regulators => "regulators",
        }
    }
}

/// What the features need to know beyond one article: the gazetteer's news
/// outlets and services, and the ban words.
pub struct Context {
    pub(crate) places: PlaceIndex,
    pub(crate) given_names: HashSet<String>,
    pub(crate) common_words: HashSet<String>,
    outlets: HashSet<String>,
    services: HashSet<String>,
    pub(crate) ban_words: Arc<BanLexicon>,
}

impl Context {
    pub fn new(vocab: &Vocabulary, ban_words: Arc<BanLexicon>) -> Self {
        let iris = |f: fn(&crate::vocab::KnownOrganisation) -> bool| {
            vocab
                .gazetteer
                .entries
                .iter()
                .filter(|e| f(e))
                .map(|e| e.iri.clone())
                .collect()
        };
        Self {
            places: PlaceIndex::new(&vocab.places),
            given_names: vocab.given_names.clone(),
            common_words: vocab.common_words.clone(),
            outlets: iris(|e| e.is_news_outlet),
            services: iris(|e| e.is_service),
            ban_words,
        }
    }

    pub(crate) fn is_outlet(&self, facts: &Facts, org: OrgId) -> bool {
        self.known_in(facts, org, &self.outlets)
    }

    pub(crate) fn is_service(&self, facts: &Facts, org: OrgId) -> bool {
        self.known_in(facts, org, &self.services)
    }

    fn known_in(&self, facts: &Facts, org: OrgId, set: &HashSet<String>) -> bool {
        matches!(&facts.organisations.get(org).map(|o| &o.id), Some(OrgIdentity::Known(iri)) if set.contains(iri))
    }
}

/// One candidate of a fact type and its features. `key` says which: an
/// organisation id, an index into the facts' counts, or a ban pair.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub key: Key,
    pub features: Features,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Organisation(OrgId),
    Count { index: usize, org: OrgId },
    Pair { regulator: OrgId, target: OrgId },
}

/// A candidate in words: an organisation's name, "regulator -> target",
/// or "organisation value".
pub fn describe(facts: &Facts, key: Key) -> String {
    let name = |id: usize| {
        facts
            .organisations
            .get(id)
            .map(|o| o.name_in_article())
            .unwrap_or_default()
    };
    match key {
        Key::Organisation(id) => name(id),
        Key::Pair { regulator, target } => format!("{} -> {}", name(regulator), name(target)),
        Key::Count { index, org } => format!(
            "{} {}",
            name(org),
            facts.employee_counts.get(index).map_or(0, |c| c.value)
        ),
    }
}

/// The candidates of `fact` in an article whose earlier facts are decided.
pub fn candidates(
    fact: FactType,
    cx: &Context,
    doc: &Document<'_>,
    facts: &Facts,
    keep_names: bool,
) -> Vec<Candidate> {
    match fact {
        FactType::Organisations => organisations::candidates(cx, doc, facts, keep_names),
        FactType::EmployeeCounts => employees::candidates(cx, doc, facts, keep_names),
        FactType::Bans => bans::candidates(cx, doc, facts, keep_names),
        FactType::Regulators => regulators::candidates(cx, doc, facts, keep_names),
    }
}

/// Applies the model's decision on `fact` to an article's facts.
pub fn decide(fact: FactType, model: &Model, cx: &Context, doc: &Document<'_>, facts: &mut Facts) {
    let found = |facts: &Facts| candidates(fact, cx, doc, facts, false);
    match fact {
        FactType::Organisations => {
            organisations::decide(&model.organisations, &found(facts), facts);
        }
        FactType::EmployeeCounts => {
            employees::decide(&model.employee_counts, &found(facts), facts);
        }
        FactType::Bans => bans::decide(model, cx, doc, facts),
        FactType::Regulators => regulators::decide(&model.regulators, &found(facts), facts),
    }
}
