//! Kinds of measure and the words that report them (`ontology/ban-kinds.ttl`).

use super::rdf::{Index, iri};
use crate::graph::ns;
use crate::lang::Lang;

/// A word pattern from the vocabulary (syntax in `ontology/ban-kinds.ttl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPattern {
    pub pattern: String,
    /// `None`: both languages.
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone)]
pub struct BanKind {
    pub notation: String,
    pub label: String,
    pub triggers: Vec<WordPattern>,
    pub cues: Vec<WordPattern>,
}

#[derive(Debug, Default, Clone)]
pub struct BanKinds {
    pub kinds: Vec<BanKind>,
    pub ban_words: Vec<WordPattern>,
    pub lift_words: Vec<WordPattern>,
    pub hedge_words: Vec<WordPattern>,
    pub action_words: Vec<WordPattern>,
    pub reference_words: Vec<WordPattern>,
}

impl BanKinds {
    pub fn from_index(index: &Index) -> Self {
        let notation = iri(ns::SKOS, "notation");
        let scheme = iri(ns::SKOS, "inScheme");
        let kinds = index
            .subjects_with(&scheme)
            .filter(|s| s.starts_with(ns::BAN_KIND))
            .filter_map(|s| {
                let notation = index.preferred_literal(s, &notation)?;
                Some(BanKind {
                    label: index
                        .preferred_literal(s, &iri(ns::SKOS, "prefLabel"))
                        .unwrap_or_else(|| notation.clone()),
                    notation,
                    triggers: patterns(index, s, "trigger"),
                    cues: patterns(index, s, "cue"),
                })
            })
            .collect();
        let all = |local: &str| -> Vec<WordPattern> {
            index
                .subjects_with(&iri(ns::NG, local))
                .flat_map(|s| patterns(index, s, local))
                .collect()
        };
        Self {
            kinds,
            ban_words: all("banWord"),
            lift_words: all("liftWord"),
            hedge_words: all("hedgeWord"),
            action_words: all("actionWord"),
            reference_words: all("referenceWord"),
        }
    }

    pub fn label(&self, notation: &str) -> Option<&str> {
        self.kinds
            .iter()
            .find(|k| k.notation == notation)
            .map(|k| k.label.as_str())
    }
}

fn patterns(index: &Index, subject: &str, local: &str) -> Vec<WordPattern> {
    index
        .literals(subject, &iri(ns::NG, local))
        .filter(|(v, _)| !v.trim().is_empty())
        .map(|(v, lang)| WordPattern {
            pattern: v.trim().to_owned(),
            lang: lang.and_then(|l| l.parse().ok()),
        })
        .collect()
}
