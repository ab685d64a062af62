//! Regulators: the organisations that act as regulator or authority in an
//! article. Every ban's regulator is one; so is an authority that, in a
//! sentence, imposes, rules, investigates or enforces (the ban words and
//! `ng:actionWord`s of `ontology/ban-kinds.ttl`), as subject or as the
//! agent after "by"/"von"/"durch".

use std::collections::HashSet;

use std::sync::Arc;

use super::words::BanLexicon;
use crate::extract::context::{is_authority_like, mentions_in};
use crate::extract::{Document, Evidence, Extractor, Facts, OrgId, RegulatorRole};
use crate::vocab::Vocabulary;

/// How far before its action an authority may stand and still be its
/// subject, in bytes.
const SUBJECT_REACH: usize = 160;

pub struct RegulatorExtractor {
    words: Arc<BanLexicon>,
}

impl RegulatorExtractor {
    pub fn new(vocab: &Vocabulary) -> Self {
        Self::with_words(Arc::new(BanLexicon::new(&vocab.ban_kinds)))
    }

    /// Sharing the compiled ban words with a [`super::BanExtractor`].
    pub fn with_words(words: Arc<BanLexicon>) -> Self {
        Self { words }
    }

    fn acting(&self, doc: &Document<'_>, facts: &Facts) -> Vec<(OrgId, Evidence)> {
        let words = self.words.words(doc.lang);
        let mut out = Vec::new();
        for range in &doc.sentences {
            let sentence = &doc.text[range.clone()];
            // Most sentences name no authority: look for one before the
            // (costlier) search for the words of a measure.
            let authorities: Vec<_> = mentions_in(facts, range.clone())
                .into_iter()
                .filter(|(org, _)| is_authority_like(facts, *org))
                .collect();
            if authorities.is_empty() {
                continue;
            }
            let actions: Vec<_> = words
                .actions(sentence)
                .into_iter()
                .filter(|a| !words.is_hedged_at(sentence, a))
                .collect();
            if actions.is_empty() {
                continue;
            }
            for (org, span) in authorities {
                let at = span.start - range.start;
                let end = span.end - range.start;
                let lead = sentence[..at].to_lowercase();
                let addressed = [
                    "told",
                    "told the",
                    "informed the",
                    "advice from the",
                    "arm of the",
                    "part of the",
                ]
                .iter()
                .any(|p| lead.trim_end().ends_with(p));
                let negated_lead = lead
                    .split_whitespace()
                    .any(|w| ["neither", "weder", "nor"].contains(&w));
                let subject = !addressed
                    && !negated_lead
                    && actions.iter().any(|a| {
                        a.start >= end
                            && a.start - end <= SUBJECT_REACH
                            && !negated_between(&sentence[end..a.start])
                            && !starts_clause(&sentence[end..a.start])
                    });
                let agent = actions.iter().any(|a| {
                    a.end <= at && {
                        let gap = sentence[a.end..at].to_lowercase();
                        gap.len() < 40
                            && [" by", " von", " vom", " durch"]
                                .iter()
                                .any(|p| gap.contains(p))
                    }
                });
                if subject || agent {
                    out.push((org, Evidence::new(span, 0.7)));
                }
            }
        }
        out
    }
}

/// A relative or subordinate clause between an organisation and a verb
/// makes the verb someone else's ("the NCSC, which concluded that rules
/// announced by ...").
fn starts_clause(gap: &str) -> bool {
    let lower = gap.to_lowercase();
    [
        " that ", " dass ", ", which", ", who", ", der ", ", die ", ", das ", " wonach ",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

fn negated_between(gap: &str) -> bool {
    let lower = gap.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        [
            "not", "nicht", "kein", "keine", "keinen", "no", "neither", "nor", "never", "nie",
        ]
        .contains(&w)
    })
}

impl Extractor for RegulatorExtractor {
    fn name(&self) -> &'static str {
        "regulators"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        let mut seen: HashSet<OrgId> = HashSet::new();
        let mut roles = Vec::new();
        for ban in &facts.bans {
            if let (Some(org), Some(evidence)) = (ban.regulator, ban.evidence.first())
                && seen.insert(org)
            {
                roles.push(RegulatorRole {
                    org,
                    evidence: evidence.clone(),
                });
            }
        }
        for (org, evidence) in self.acting(doc, facts) {
            if seen.insert(org) {
                roles.push(RegulatorRole { org, evidence });
            }
        }
        facts.regulators.extend(roles);
    }
}
