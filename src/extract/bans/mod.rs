//! Bans: who imposed which measure on whom, when it was decided and when it
//! takes effect.
//!
//! Each sentence with a word that reports a measure (`ontology/ban-kinds.ttl`)
//! yields reports: the kind from the word or the cue nearest to it, the
//! regulator from the sentence (or the authority it refers back to), one
//! report per targeted organisation, and the dates nearest to the word by
//! their role ("ab", "since", "by" mark when it takes effect). Reports of
//! the same measure are then merged, so a measure told in the headline,
//! the lead and the body is one ban with all its evidence.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::context::{is_company_like, mentions_in};
use super::lexicon::PlaceIndex;
use super::{Ban, BanStatus, Document, Evidence, Extractor, Facts, OrgId};
use crate::date::PartialDate;
use crate::lang::Lang;
use crate::vocab::Vocabulary;

pub(crate) mod dates;
mod merge;
mod parties;
mod roles;
pub mod words;

pub use words::BanLexicon;
use words::{BanWords, Trigger};

/// Phrases that repeat the measure just reported against someone else.
const SAME_MEASURE: &[&str] = &[
    "the same step",
    "the same action",
    "the same measure",
    "a similar step",
    "similar action",
    "den gleichen schritt",
    "denselben schritt",
    "die gleiche maßnahme",
    "dieselbe maßnahme",
    "ähnlich gegen",
];

pub use roles::RegulatorExtractor;

/// Phrases that make a measure take effect when it is decided.
const IMMEDIATE: &[&str] = &[
    "ab sofort",
    "mit sofortiger wirkung",
    "sofort",
    "with immediate effect",
    "immediately",
];

/// Words before a general ban noun that make it the measure already
/// reported ("das Verbot", "the ban").
const DEFINITE: &[&str] = &[
    "das", "dieses", "die", "diese", "den", "dem", "des", "the", "this", "that",
];

/// One report of a measure, before reports of the same measure are merged.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub kind: usize,
    pub regulator: Option<OrgId>,
    /// The regulator is named in the sentence, not inferred.
    pub explicit: bool,
    pub target: OrgId,
    pub imposed: Option<PartialDate>,
    pub effective: Option<PartialDate>,
    pub immediate: bool,
    pub lifted: bool,
    /// The sentence also says the measure was imposed or decided.
    pub announces: bool,
    pub jurisdiction: Option<String>,
    pub evidence: Evidence,
    /// Index of the sentence.
    pub sentence: usize,
    /// Reported by a word that names its kind ("Verkaufsverbot").
    pub specific: bool,
}

pub struct BanExtractor {
    words: Arc<BanLexicon>,
    places: PlaceIndex,
    /// Per place: its government's IRI and label.
    governments: Vec<Option<(String, String)>>,
}

impl BanExtractor {
    pub fn new(vocab: &Vocabulary) -> Self {
        Self::with_words(vocab, Arc::new(BanLexicon::new(&vocab.ban_kinds)))
    }

    /// Sharing the compiled ban words with a [`RegulatorExtractor`].
    pub fn with_words(vocab: &Vocabulary, words: Arc<BanLexicon>) -> Self {
        let labels: HashMap<&str, &str> = vocab
            .gazetteer
            .entries
            .iter()
            .map(|e| (e.iri.as_str(), e.label.as_str()))
            .collect();
        Self {
            words,
            places: PlaceIndex::new(&vocab.places),
            governments: vocab
                .places
                .entries
                .iter()
                .map(|p| {
                    let iri = p.government.clone()?;
                    let label = labels
                        .get(iri.as_str())
                        .map_or_else(|| format!("{} government", p.label), |l| (*l).to_owned());
                    Some((iri, label))
                })
                .collect(),
        }
    }

    fn words(&self, lang: Lang) -> &BanWords {
        self.words.words(lang)
    }

    fn reports(&self, doc: &Document<'_>, facts: &mut Facts) -> Vec<Report> {
        let words = self.words(doc.lang);
        let mut reports: Vec<Report> = Vec::new();
        for (index, range) in doc.sentences.iter().enumerate() {
            let sentence = &doc.text[range.clone()];
            let triggers: Vec<Trigger> = words
                .triggers(sentence)
                .into_iter()
                .filter(|t| !negated(sentence, &t.span) && !words.is_hedged_at(sentence, &t.span))
                .filter(|t| !names_a_body(sentence, &t.span))
                .collect();
            let cues = if triggers.iter().any(|t| t.kind.is_none()) {
                words.cues(sentence)
            } else {
                Vec::new()
            };
            let triggers: Vec<Trigger> = triggers
                .into_iter()
                .map(|t| Trigger {
                    kind: t.kind.or_else(|| BanWords::kind_by_cue(&cues, &t.span)),
                    ..t
                })
                .collect();
            // What "the ban" or "the decision" refers to: the measure(s) last
            // reported with a named regulator.
            // Reports come in sentence order: those of the last sentence
            // with one are at the end (a scan of all reports per sentence
            // made long articles quadratic).
            let previous: Vec<Report> = match reports.iter().rev().find(|r| r.explicit) {
                Some(last) => {
                    let at = last.sentence;
                    let mut same: Vec<Report> = reports
                        .iter()
                        .rev()
                        .skip_while(|r| r.sentence > at)
                        .take_while(|r| r.sentence == at)
                        .filter(|r| r.explicit)
                        .cloned()
                        .collect();
                    same.reverse();
                    same
                }
                None => reports.last().cloned().into_iter().collect(),
            };
            if triggers.is_empty() {
                // "The commission took the same step against X and Y": the
                // measure just reported, now against other companies.
                let repeated = self.repeated_against(facts, range, sentence, &previous);
                if !repeated.is_empty() {
                    for (previous, target) in repeated {
                        let at = range.clone();
                        let report = self.follow_up(doc, facts, index, &at, &previous);
                        reports.push(Report { target, ..report });
                    }
                    continue;
                }
                let reference = words
                    .references(sentence)
                    .into_iter()
                    .find(|r| refers_back(sentence, r) && !words.is_hedged_at(sentence, r));
                if let Some(span) = reference {
                    let at = range.start + span.start..range.start + span.end;
                    for previous in &previous {
                        reports.push(self.follow_up(doc, facts, index, &at, previous));
                    }
                }
                continue;
            }
            let spans: Vec<Range<usize>> = triggers
                .iter()
                .map(|t| range.start + t.span.start..range.start + t.span.end)
                .collect();
            let mut found = Vec::new();
            for (i, trigger) in triggers.iter().enumerate() {
                let others: Vec<Range<usize>> = spans
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, s)| s.clone())
                    .collect();
                // "Das Verbot gilt mit sofortiger Wirkung", "the import ban took
                // effect": more about the last measure (of that kind).
                let same: Vec<&Report> = previous
                    .iter()
                    .filter(|p| !trigger.named || trigger.kind == Some(p.kind))
                    .collect();
                // A company other than the one the last measure targets makes
                // it a new measure ("Kaspersky ... mit dem Verbot" is the old one).
                let names_company = mentions_in(facts, range.clone()).iter().any(|(o, _)| {
                    is_company_like(facts, *o) && !same.iter().any(|p| p.target == *o)
                });
                // "Amerikanische Unternehmen dürfen daher keine Geschäfte mehr
                // machen": a consequence of the measure just reported.
                let consequence = !trigger.named && consequence(sentence);
                if !same.is_empty()
                    && ((!names_company && anaphoric(sentence, &trigger.span)) || consequence)
                {
                    for previous in same {
                        found.push(self.follow_up(doc, facts, index, &spans[i], previous));
                    }
                    continue;
                }
                found.extend(self.reports_at(doc, facts, index, trigger, &spans[i], &others));
            }
            reports.extend(specific_first(found));
        }
        reports
    }

    /// A sentence that says more about the measure reported last: its
    /// dates, its status, and the authority it names as deciding it.
    fn follow_up(
        &self,
        doc: &Document<'_>,
        facts: &mut Facts,
        index: usize,
        at: &Range<usize>,
        previous: &Report,
    ) -> Report {
        let range = doc.sentences[index].clone();
        let sentence = &doc.text[range.clone()];
        let words = self.words(doc.lang);
        let lower = sentence.to_lowercase();
        let (imposed, effective) = dates::for_trigger(doc, facts, &range, at, &[]);
        // A follow-up names who decided only where the first report left it
        // open or named just the government ("die Regierung ... das
        // Ministerium gab die Entscheidung bekannt").
        let government = previous
            .regulator
            .and_then(|r| facts.organisations.get(r))
            .is_some_and(|o| o.kind == crate::extract::OrgKind::Government);
        let (regulator, explicit) = match self.regulator(doc, facts, &range, at.start) {
            (Some(org), true) if government || !previous.explicit => (Some(org), true),
            _ => (previous.regulator, previous.explicit),
        };
        // The dates of a lifting are not those of the measure.
        let lifted = words.is_lifted(sentence);
        let (imposed, effective) = if lifted {
            (None, None)
        } else {
            (imposed, effective)
        };
        Report {
            regulator,
            explicit,
            imposed,
            effective,
            immediate: IMMEDIATE.iter().any(|p| lower.contains(p)),
            lifted,
            announces: imposes(&lower),
            evidence: Evidence::new(range, 0.6),
            sentence: index,
            specific: false,
            ..previous.clone()
        }
    }

    /// The previous measures repeated against the companies of a sentence
    /// that says "the same step" (and names companies the measures did not
    /// target).
    fn repeated_against(
        &self,
        facts: &Facts,
        range: &Range<usize>,
        sentence: &str,
        previous: &[Report],
    ) -> Vec<(Report, OrgId)> {
        let lower = sentence.to_lowercase();
        if !SAME_MEASURE.iter().any(|p| lower.contains(p)) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (org, _) in mentions_in(facts, range.clone()) {
            let new_target = is_company_like(facts, org)
                && previous
                    .iter()
                    .all(|p| p.target != org && p.regulator != Some(org));
            if new_target && !out.iter().any(|(_, o)| *o == org) {
                out.extend(previous.iter().map(|p| (p.clone(), org)));
            }
        }
        out
    }

    fn reports_at(
        &self,
        doc: &Document<'_>,
        facts: &mut Facts,
        index: usize,
        trigger: &Trigger,
        at: &Range<usize>,
        others: &[Range<usize>],
    ) -> Vec<Report> {
        let range = doc.sentences[index].clone();
        let sentence = &doc.text[range.clone()];
        let words = self.words(doc.lang);
        let lower = sentence.to_lowercase();
        let (imposed, effective) = dates::for_trigger(doc, facts, &range, at, others);
        let immediate = IMMEDIATE.iter().any(|p| lower.contains(p));
        let lifted = words.is_lifted(sentence);
        let announces = imposes(&lower);
        let Some(kind) = trigger.kind.or_else(|| default_kind(words)) else {
            return Vec::new();
        };
        let notation = words.notations[kind].as_str();
        if notation == "sanction" && !sanction_has_target(sentence, &trigger.span) {
            return Vec::new();
        }
        let (regulator, explicit) = self.regulator(doc, facts, &range, at.start);
        let site = parties::Site {
            range: &range,
            trigger: at,
            regulator,
            kind: notation,
            named_measure: trigger.named && explicit,
        };
        let targets = self.targets(doc, facts, &site);
        let jurisdiction = self.jurisdiction(sentence);
        let confidence = if explicit { 0.75 } else { 0.5 };
        targets
            .into_iter()
            .map(|target| Report {
                kind,
                regulator,
                explicit,
                target,
                imposed,
                effective,
                immediate,
                lifted,
                announces,
                jurisdiction: jurisdiction.clone(),
                evidence: Evidence::new(range.clone(), confidence),
                sentence: index,
                specific: trigger.named,
            })
            .collect()
    }

    fn jurisdiction(&self, sentence: &str) -> Option<String> {
        let hit = self.places.located(sentence)?;
        self.places.code(hit.place).map(str::to_owned)
    }
}

/// In one sentence, a word that names a kind ("revoking an authorization")
/// outranks general ban words about the same target.
fn specific_first(found: Vec<Report>) -> Vec<Report> {
    let specific: Vec<OrgId> = found
        .iter()
        .filter(|r| r.specific)
        .map(|r| r.target)
        .collect();
    found
        .into_iter()
        .filter(|r| r.specific || !specific.contains(&r.target))
        .collect()
}

/// "das Verbot", "the import ban", "the revocation": a ban noun with a
/// definite article.
fn anaphoric(sentence: &str, trigger: &Range<usize>) -> bool {
    let before = sentence[..trigger.start].to_lowercase();
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| DEFINITE.contains(&w))
}

/// "the export control arm", "Sanktionsbehörde": the word is part of a
/// body's name or description, not a measure.
fn names_a_body(sentence: &str, trigger: &Range<usize>) -> bool {
    let next = sentence[trigger.end..].trim_start().to_lowercase();
    let word = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    [
        "arm",
        "agency",
        "authority",
        "office",
        "division",
        "unit",
        "department",
        "body",
        "behörde",
        "abteilung",
        "regime",
    ]
    .contains(&word)
}

fn consequence(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        [
            "daher",
            "deshalb",
            "damit",
            "somit",
            "therefore",
            "thus",
            "hence",
            "consequently",
        ]
        .contains(&w)
    })
}

/// A reference word that points back: a noun after a definite article
/// ("die Entscheidung", "the measure"), or a verb phrase ("applies from")
/// whose subject is the measure or a pronoun ("the listing took effect",
/// "it applies from"; not "the law took effect").
fn refers_back(sentence: &str, span: &Range<usize>) -> bool {
    let word = &sentence[span.clone()];
    let before = sentence[..span.start].to_lowercase();
    let mut previous = before.split_whitespace().rev();
    if !word.contains(' ') && !word.starts_with(|c: char| c.is_lowercase())
        || [
            "decision",
            "measure",
            "ruling",
            "order",
            "regulation",
            "restriction",
            "move",
            "step",
        ]
        .contains(&word)
    {
        return previous.next().is_some_and(|w| DEFINITE.contains(&w));
    }
    let subject = previous.next().unwrap_or_default();
    [
        "it",
        "es",
        "sie",
        "they",
        "ban",
        "listing",
        "measure",
        "order",
        "verbot",
        "sperre",
        "regel",
        "rule",
        "restriction",
        "sanctions",
    ]
    .iter()
    .any(|w| subject.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
}

/// The sentence reports a measure being imposed (not only lifted).
fn imposes(lower: &str) -> bool {
    [
        "verhängt",
        "erlassen",
        "ausgesprochen",
        "angeordnet",
        "imposed",
        "issued",
        "introduced",
        "eingeführt",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// "Sanktionen gegen X", "sanctions on X": plural sanction nouns are only a
/// measure against an organisation with it named ("sanctions on Iran" are
/// not one against a company).
fn sanction_has_target(sentence: &str, trigger: &Range<usize>) -> bool {
    let word = sentence[trigger.clone()].to_lowercase();
    if !(word.ends_with("sanctions") || word.ends_with("sanktionen")) {
        return true;
    }
    let after = sentence[trigger.end..].trim_start().to_lowercase();
    ["gegen ", "against ", "on "]
        .iter()
        .any(|p| after.starts_with(p))
}

fn default_kind(words: &BanWords) -> Option<usize> {
    words.notations.iter().position(|n| n == "sales-ban")
}

/// "kein Verbot", "no ban", "kann keine Entscheidungen blockieren": the
/// measure is denied (a negation shortly before it in its clause).
pub(crate) fn negated(sentence: &str, trigger: &Range<usize>) -> bool {
    let clause = words::clause_around(sentence, trigger);
    let before = sentence[clause.start..trigger.start].to_lowercase();
    before.split_whitespace().rev().take(5).any(|w| {
        [
            "kein", "keine", "keinen", "keinem", "keiner", "no", "not", "nicht", "never", "nie",
            "neither",
        ]
        .contains(&w)
    })
}

impl Extractor for BanExtractor {
    fn name(&self) -> &'static str {
        "bans"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        let reports = self.reports(doc, facts);
        let notations = &self.words(doc.lang).notations;
        let mut merged = merge::merge(reports, facts);
        for ban in &mut merged {
            if ban.imposed.is_none()
                && let Some(regulator) = ban.regulator
            {
                ban.imposed = ban
                    .sentences
                    .iter()
                    .find_map(|s| dates::from_context(doc, facts, *s, regulator))
                    .filter(|d| Some(*d) != ban.effective);
            }
            if ban.immediate && ban.effective.is_none() {
                ban.effective = ban.imposed;
            }
        }
        facts.bans.extend(merged.into_iter().map(|r| Ban {
            kind: notations[r.kind].clone(),
            regulator: r.regulator,
            target: r.target,
            imposed: r.imposed,
            effective: r.effective,
            status: if r.lifted {
                BanStatus::Lifted
            } else {
                BanStatus::InForce
            },
            jurisdiction: r.jurisdiction,
            evidence: r.evidence,
        }));
    }
}

#[cfg(test)]
mod tests;
