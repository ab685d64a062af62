//! Bans: who imposed which measure on whom, when it was decided and when it
//! takes effect.
//!
//! Each sentence with a word that reports a measure (`ontology/ban-kinds.ttl`)
//! yields candidates: the kind from the word or the cue nearest to it, the
//! regulator from the sentence (or the authority it refers back to), one
//! candidate per targeted organisation, and dates by their role ("ab",
//! "since", "by" mark when it takes effect). Candidates about the same
//! measure are then merged, so a measure reported in the headline, the
//! lead and the body is one ban with all its evidence.

use std::collections::HashMap;
use std::ops::Range;

use super::context::{authority_before, company_before, is_authority_like, is_company_like, main_company, mentions_in};
use super::lexicon::{PlaceIndex, PlaceWord};
use super::{Ban, BanStatus, Document, Evidence, Extractor, Facts, OrgId, OrgIdentity, OrgKind, OrgMention, Organisation};
use crate::date::PartialDate;
use crate::lang::Lang;
use crate::vocab::Vocabulary;

mod merge;
mod roles;
pub mod words;

use words::{BanWords, Trigger};

pub use roles::RegulatorExtractor;

/// Words after which a date says when a measure takes effect.
const EFFECTIVE_CUES: &[&str] = &[
    "ab", "ab dem", "ab der", "seit", "seit dem", "bis", "bis zum", "bis ende", "bis zum ende",
    "spätestens", "from", "since", "starting", "effective", "by", "by the end of", "until",
    "as of", "beginning",
    "took effect on", "takes effect on", "took effect", "applies from", "in force from",
    "gilt ab", "gilt seit",
];

/// Phrases that make a measure take effect when it is decided.
const IMMEDIATE: &[&str] = &[
    "ab sofort", "mit sofortiger wirkung", "sofort", "with immediate effect", "immediately",
];

/// Nouns that refer back to an organisation of a kind ("die Behörde").
const AUTHORITY_WORDS: &[(&str, OrgKind)] = &[
    ("gericht", OrgKind::Court),
    ("court", OrgKind::Court),
    ("richter", OrgKind::Court),
    ("behörde", OrgKind::Authority),
    ("aufsicht", OrgKind::Authority),
    ("ministerium", OrgKind::Authority),
    ("regulierer", OrgKind::Authority),
    ("kartellamt", OrgKind::Authority),
    ("regulator", OrgKind::Authority),
    ("watchdog", OrgKind::Authority),
    ("agency", OrgKind::Authority),
    ("department", OrgKind::Authority),
    ("ministry", OrgKind::Authority),
    ("commission", OrgKind::Authority),
    ("kommission", OrgKind::Authority),
    ("regierung", OrgKind::Government),
    ("government", OrgKind::Government),
    ("administration", OrgKind::Government),
    ("kabinett", OrgKind::Government),
    ("cabinet", OrgKind::Government),
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
    pub jurisdiction: Option<String>,
    pub evidence: Evidence,
}

pub struct BanExtractor {
    german: BanWords,
    english: BanWords,
    places: PlaceIndex,
    place_codes: Vec<String>,
    /// Per place: the government IRI, its label and country code.
    governments: Vec<Option<(String, String)>>,
}

impl BanExtractor {
    pub fn new(vocab: &Vocabulary) -> Self {
        let labels: HashMap<&str, &str> = vocab
            .gazetteer
            .entries
            .iter()
            .map(|e| (e.iri.as_str(), e.label.as_str()))
            .collect();
        Self {
            german: BanWords::new(&vocab.ban_kinds, Lang::De),
            english: BanWords::new(&vocab.ban_kinds, Lang::En),
            places: PlaceIndex::new(&vocab.places),
            place_codes: vocab.places.entries.iter().map(|p| p.code.clone()).collect(),
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
        match lang {
            Lang::De => &self.german,
            Lang::En => &self.english,
        }
    }

    fn reports(&self, doc: &Document<'_>, facts: &mut Facts) -> Vec<Report> {
        let words = self.words(doc.lang);
        let mut reports = Vec::new();
        for (index, range) in doc.sentences.iter().enumerate() {
            let sentence = &doc.text[range.clone()];
            let triggers = words.triggers(sentence);
            if triggers.is_empty() || words.is_hedged(sentence) {
                continue;
            }
            let lifted = words.is_lifted(sentence);
            for trigger in triggers {
                if negated(sentence, &trigger.span) {
                    continue;
                }
                reports.extend(self.reports_at(doc, facts, index, &trigger, lifted));
            }
        }
        reports
    }

    fn reports_at(&self, doc: &Document<'_>, facts: &mut Facts, sentence: usize, trigger: &Trigger, lifted: bool) -> Vec<Report> {
        let range = doc.sentences[sentence].clone();
        let text = &doc.text[range.clone()];
        let words = self.words(doc.lang);
        let Some(kind) = trigger.kind.or_else(|| words.kind_by_cue(text, &trigger.span)).or_else(|| default_kind(words)) else {
            return Vec::new();
        };
        let at = range.start + trigger.span.start;
        let (regulator, explicit) = self.regulator(doc, facts, &range, at);
        let targets = targets(doc, facts, &range, at, regulator, &words.notations[kind]);
        let (imposed, effective) = dates(doc, facts, &range);
        let lower = text.to_lowercase();
        let immediate = IMMEDIATE.iter().any(|p| lower.contains(p));
        let jurisdiction = self.jurisdiction(text);
        let evidence = Evidence::new(range.clone(), if explicit { 0.75 } else { 0.5 });
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
                jurisdiction: jurisdiction.clone(),
                evidence: evidence.clone(),
            })
            .collect()
    }

    /// The organisation that imposes the measure reported at `at`, and
    /// whether the sentence names it.
    fn regulator(&self, doc: &Document<'_>, facts: &mut Facts, range: &Range<usize>, at: usize) -> (Option<OrgId>, bool) {
        let named = mentions_in(facts, range.clone());
        let text = doc.text;
        // "ein vom US Department of Commerce verhängtes Verbot", "by the FCC"
        for (org, span) in &named {
            let lead = text[range.start..span.start].to_lowercase();
            let lead = lead.trim_end();
            let agent = ["by", "by the", "von", "vom", "von der", "durch", "durch die", "durch das", "durch den"]
                .iter()
                .any(|p| lead.ends_with(&format!(" {p}")) || lead == *p);
            if agent && is_authority_like(facts, *org) {
                return (Some(*org), true);
            }
        }
        if let Some((org, _)) = named.iter().find(|(o, s)| s.start < at && is_authority_like(facts, *o)) {
            return (Some(*org), true);
        }
        if let Some(org) = self.country_actor(doc, facts, range, at) {
            return (Some(org), true);
        }
        if let Some((org, _)) = named.iter().find(|(o, _)| is_authority_like(facts, *o)) {
            return (Some(*org), true);
        }
        if let Some(kind) = referred_kind(&text[range.start..at]) {
            let before = facts.mentions[..facts.mentions.partition_point(|m| m.evidence.span.start < range.start)]
                .iter()
                .rev()
                .chain(facts.mentions.iter())
                .find(|m| facts.organisations.get(m.org).is_some_and(|o| o.kind == kind));
            if let Some(m) = before {
                return (Some(m.org), false);
            }
        }
        let fallback = authority_before(facts, range.start).or_else(|| main_authority(facts));
        (fallback, false)
    }

    /// "Indien hat TikTok verboten", "The US has added ...": a country (or
    /// its capital) as the subject stands for its government.
    fn country_actor(&self, doc: &Document<'_>, facts: &mut Facts, range: &Range<usize>, at: usize) -> Option<OrgId> {
        let head = &doc.text[range.start..at];
        let hit = self.places.find(head).into_iter().next()?;
        let lead = head[..hit.span.start].trim();
        let subject_position = lead.is_empty() || ["The", "Die", "Auch", "Also"].contains(&lead);
        let follows = head[hit.span.end..].trim_start();
        let acting = ["has ", "hat ", "have ", "haben ", "is ", "will ", "wird ", "sperrt ", "verbietet ", "bans ", "banned "]
            .iter()
            .any(|v| follows.starts_with(v));
        if !(subject_position && acting && matches!(hit.word, PlaceWord::Name | PlaceWord::Capital)) {
            return None;
        }
        let (iri, label) = self.governments.get(hit.place)?.clone()?;
        let span = range.start + hit.span.start..range.start + hit.span.end;
        Some(add_government(facts, iri, label, &doc.text[span.clone()], span))
    }

    fn jurisdiction(&self, sentence: &str) -> Option<String> {
        self.places
            .find(sentence)
            .into_iter()
            .find(|h| {
                let lead = sentence[..h.span.start].trim_end().to_lowercase();
                h.word == PlaceWord::Name && ["in", "in den", "in der", "im", "across", "throughout", "in the"].iter().any(|p| lead.ends_with(p))
            })
            .and_then(|h| self.place_codes.get(h.place).cloned())
    }
}

/// Adds (or finds) the government organisation and a mention of it.
fn add_government(facts: &mut Facts, iri: String, label: String, form: &str, span: Range<usize>) -> OrgId {
    let identity = OrgIdentity::Known(iri);
    let org = match facts.organisations.iter().position(|o| o.id == identity) {
        Some(i) => i,
        None => {
            facts.organisations.push(Organisation {
                id: identity,
                label,
                forms: Default::default(),
                kind: OrgKind::Government,
                country: None,
            });
            facts.organisations.len() - 1
        }
    };
    facts.organisations[org].forms.insert(form.to_owned());
    if !facts.mentions.iter().any(|m| m.evidence.span == span) {
        let at = facts.mentions.partition_point(|m| m.evidence.span.start < span.start);
        facts.mentions.insert(at, OrgMention { org, evidence: Evidence::new(span, 0.7) });
    }
    org
}

fn main_authority(facts: &Facts) -> Option<OrgId> {
    let mut counts: HashMap<OrgId, usize> = HashMap::new();
    for m in &facts.mentions {
        if is_authority_like(facts, m.org) {
            *counts.entry(m.org).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(o, n)| (*n, std::cmp::Reverse(*o))).map(|(o, _)| o)
}

/// A noun before the measure that refers back to an authority.
fn referred_kind(head: &str) -> Option<OrgKind> {
    let lower = head.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).rev().find_map(|w| {
        AUTHORITY_WORDS.iter().find(|(word, _)| w.ends_with(word)).map(|(_, k)| *k)
    })
}

fn default_kind(words: &BanWords) -> Option<usize> {
    words.notations.iter().position(|n| n == "sales-ban").or(Some(0)).filter(|_| !words.notations.is_empty())
}

/// "kein Verbot", "no ban": the measure is denied.
fn negated(sentence: &str, trigger: &Range<usize>) -> bool {
    let before = sentence[..trigger.start].to_lowercase();
    let last: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    last.iter().take(2).any(|w| ["kein", "keine", "keinen", "keinem", "no", "not", "nicht"].contains(w))
        || before.trim_end().ends_with("kein")
}

/// The organisations the measure reported at `at` targets.
fn targets(doc: &Document<'_>, facts: &Facts, range: &Range<usize>, at: usize, regulator: Option<OrgId>, kind: &str) -> Vec<OrgId> {
    let text = doc.text;
    let named: Vec<(OrgId, Range<usize>)> = mentions_in(facts, range.clone())
        .into_iter()
        .filter(|(o, _)| Some(*o) != regulator && is_company_like(facts, *o))
        .filter(|(_, s)| !is_source(&text[range.start..s.start]))
        .collect();
    if kind == "investment-ban" {
        return acquirer(text, &named).into_iter().collect();
    }
    let mut out: Vec<OrgId> = Vec::new();
    for (org, _) in &named {
        if !out.contains(org) {
            out.push(*org);
        }
    }
    if out.is_empty() {
        let fallback = company_before(facts, range.start).or_else(|| main_company(facts));
        out.extend(fallback);
    }
    let _ = at;
    out
}

/// In a blocked takeover the measure targets the buyer: "Microsoft's
/// takeover of Activision", "die Übernahme von X durch Y".
fn acquirer(text: &str, named: &[(OrgId, Range<usize>)]) -> Option<OrgId> {
    for (org, span) in named {
        let lead = text[..span.start].to_lowercase();
        if lead.trim_end().ends_with("durch") || lead.trim_end().ends_with("durch den") || lead.trim_end().ends_with("by") {
            return Some(*org);
        }
        if text[span.end..].starts_with("'s") || text[span.end..].starts_with("’s") {
            return Some(*org);
        }
    }
    named.first().map(|(o, _)| *o)
}

fn is_source(lead: &str) -> bool {
    let lower = lead.to_lowercase();
    let tail = lower.trim_end();
    ["nach angaben", "nach angaben von", "nach angaben des", "nach angaben der", "laut", "according to"]
        .iter()
        .any(|p| tail.ends_with(p))
}

/// The dates of a sentence by role: when decided and when in effect.
fn dates(doc: &Document<'_>, facts: &Facts, range: &Range<usize>) -> (Option<PartialDate>, Option<PartialDate>) {
    let mut imposed = None;
    let mut effective = None;
    for mention in facts.dates.iter().filter(|d| range.start <= d.evidence.span.start && d.evidence.span.end <= range.end) {
        let lead = doc.text[range.start..mention.evidence.span.start].to_lowercase();
        let lead = lead.trim_end();
        let anchor = doc.text[mention.evidence.span.clone()].to_lowercase();
        let is_effective = EFFECTIVE_CUES.iter().any(|c| lead.ends_with(&format!(" {c}")) || lead == *c || anchor.starts_with(&format!("{c} ")));
        if is_effective {
            effective = effective.or(Some(mention.value));
        } else {
            imposed = imposed.or(Some(mention.value));
        }
    }
    (imposed, effective)
}

impl Extractor for BanExtractor {
    fn name(&self) -> &'static str {
        "bans"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        let reports = self.reports(doc, facts);
        let notations = &self.words(doc.lang).notations;
        let bans: Vec<Ban> = merge::merge(reports, facts)
            .into_iter()
            .map(|r| Ban {
                kind: notations[r.kind].clone(),
                regulator: r.regulator,
                target: r.target,
                imposed: r.imposed,
                effective: r.effective,
                status: if r.lifted { BanStatus::Lifted } else { BanStatus::InForce },
                jurisdiction: r.jurisdiction,
                evidence: r.evidence,
            })
            .collect();
        facts.bans.extend(bans);
    }
}
