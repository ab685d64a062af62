//! Regulators: the organisations that act as regulator or authority in an
//! article. Every ban's regulator is one; so is an authority that, in a
//! sentence, imposes, rules, investigates or enforces (the ban words and
//! `ng:actionWord`s of `ontology/ban-kinds.ttl`), as subject or as the
//! agent after "by"/"von"/"durch".

use std::collections::HashSet;

use super::words::BanWords;
use crate::extract::context::{is_authority_like, mentions_in};
use crate::extract::{Document, Evidence, Extractor, Facts, OrgId, RegulatorRole};
use crate::lang::Lang;
use crate::vocab::Vocabulary;

/// How far before its action an authority may stand and still be its
/// subject, in bytes.
const SUBJECT_REACH: usize = 160;

pub struct RegulatorExtractor {
    german: BanWords,
    english: BanWords,
}

impl RegulatorExtractor {
    pub fn new(vocab: &Vocabulary) -> Self {
        Self {
            german: BanWords::new(&vocab.ban_kinds, Lang::De),
            english: BanWords::new(&vocab.ban_kinds, Lang::En),
        }
    }

    fn acting(&self, doc: &Document<'_>, facts: &Facts) -> Vec<(OrgId, Evidence)> {
        let words = match doc.lang {
            Lang::De => &self.german,
            Lang::En => &self.english,
        };
        let mut out = Vec::new();
        for range in &doc.sentences {
            let sentence = &doc.text[range.clone()];
            if words.is_hedged(sentence) {
                continue;
            }
            let actions = words.actions(sentence);
            if actions.is_empty() {
                continue;
            }
            for (org, span) in mentions_in(facts, range.clone()) {
                if !is_authority_like(facts, org) {
                    continue;
                }
                let at = span.start - range.start;
                let end = span.end - range.start;
                let subject = actions.iter().any(|a| {
                    a.start >= end && a.start - end <= SUBJECT_REACH && !negated_between(&sentence[end..a.start])
                });
                let agent = actions.iter().any(|a| {
                    a.end <= at && {
                        let gap = sentence[a.end..at].to_lowercase();
                        gap.len() < 40 && [" by", " von", " vom", " durch"].iter().any(|p| gap.contains(p))
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

fn negated_between(gap: &str) -> bool {
    let lower = gap.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ["not", "nicht", "kein", "keine", "keinen", "no", "neither", "nor", "never", "nie"].contains(&w))
}

impl Extractor for RegulatorExtractor {
    fn name(&self) -> &'static str {
        "regulators"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        let mut seen: HashSet<OrgId> = HashSet::new();
        let mut roles = Vec::new();
        for ban in &facts.bans {
            if let (Some(org), Some(evidence)) = (ban.regulator, ban.evidence.first()) {
                if seen.insert(org) {
                    roles.push(RegulatorRole { org, evidence: evidence.clone() });
                }
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
