//! Organisations: every named organisation an article mentions, one entity
//! per real organisation, with all its mentions.
//!
//! Candidates come from the gazetteer, from the shape of names (legal
//! forms, institution heads, role nouns, acronym introductions) and from
//! governments named through their country. Overlaps are resolved, the
//! rest is grouped by gazetteer entry or normalised name, and each
//! entity's names (and short forms of them) are then looked up again over
//! the whole article, so "Frostline" after "Frostline Holding AG" and
//! "Kasperskys" after "Kaspersky Lab" point to the same organisation.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use super::lexicon::{PlaceIndex, Stopwords};
use super::{
    Document, Evidence, Extractor, Facts, Finder, OrgIdentity, OrgKind, OrgMention, Organisation,
};
use crate::text::names;
use crate::vocab::{KnownOrganisation, Vocabulary};

mod cues;
mod governments;
mod institutions;
mod known;
mod patterns;
mod propagate;
mod runs;

use governments::Governments;
use known::{FormKind, KnownNames};
use patterns::{Patterns, Scan};

/// How sure a finder is of a name; the order of [`Finder`] decides
/// overlaps.
fn confidence(finder: Finder) -> f32 {
    match finder {
        Finder::Gazetteer | Finder::Acronym => 0.95,
        Finder::Government => 0.9,
        Finder::LegalForm => 0.9,
        Finder::Institution => 0.85,
        Finder::Cue => 0.75,
        Finder::Run | Finder::Part | Finder::Tagger => 0.5,
    }
}

/// A name and the acronym introduced for it: "Bundesamt für ... (BSI)".
pub(crate) type Introduction = (Range<usize>, Range<usize>);

/// A span that may name an organisation.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub span: Range<usize>,
    pub origin: Finder,
    pub kind: OrgKind,
    /// Gazetteer entry.
    pub entry: Option<usize>,
    /// Government of this place (index into the places).
    pub government: Option<usize>,
}

impl Candidate {
    pub fn new(span: Range<usize>, origin: Finder, kind: OrgKind) -> Self {
        Self {
            span,
            origin,
            kind,
            entry: None,
            government: None,
        }
    }
}

pub struct OrganisationExtractor {
    entries: Vec<KnownOrganisation>,
    by_iri: HashMap<String, usize>,
    known: KnownNames,
    places: PlaceIndex,
    /// Per place: government IRI and English label.
    place_governments: Vec<(Option<String>, String)>,
    stop: Stopwords,
    patterns: Patterns,
    governments: Governments,
    /// Also propose runs of capitalised words (for a learned decision).
    runs: bool,
    common_words: std::collections::HashSet<String>,
}

impl OrganisationExtractor {
    pub fn new(vocab: &Vocabulary) -> Self {
        let entries = vocab.gazetteer.entries.clone();
        let by_iri = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.iri.clone(), i))
            .collect();
        Self {
            known: KnownNames::new(&vocab.gazetteer),
            places: PlaceIndex::new(&vocab.places),
            place_governments: vocab
                .places
                .entries
                .iter()
                .map(|p| (p.government.clone(), p.label.clone()))
                .collect(),
            entries,
            by_iri,
            stop: Stopwords::default(),
            patterns: Patterns::new(),
            governments: Governments::new(),
            runs: false,
            common_words: vocab.common_words.clone(),
        }
    }

    /// Also proposes every run of capitalised words no other finder
    /// claims: recall for a learned decision to sort out.
    pub fn with_runs(mut self) -> Self {
        self.runs = true;
        self
    }

    fn candidates(&self, text: &str) -> (Vec<Candidate>, Vec<Introduction>) {
        let mut out = Vec::new();
        let place_hits = self.places.find(text);
        let hits = self.known.find(text);
        let named: HashSet<usize> = hits
            .iter()
            .filter(|h| matches!(h.form, FormKind::Name | FormKind::Acronym))
            .flat_map(|h| h.entries.iter().copied())
            .collect();
        let countries: HashSet<&str> = place_hits
            .iter()
            .filter_map(|h| self.places.code(h.place))
            .collect();
        for hit in hits {
            if self.is_locative(text, &hit.span) {
                continue;
            }
            let entry = match hit.form {
                FormKind::Name | FormKind::Acronym => hit.entries.first().copied(),
                // Ambiguous short names ("Commerce", "Commission") count when
                // the organisation (or, for a public body, its country) is
                // named in the article.
                FormKind::Short => {
                    let fitting: Vec<usize> = hit
                        .entries
                        .iter()
                        .copied()
                        .filter(|e| named.contains(e))
                        .collect();
                    let fitting = if fitting.is_empty() {
                        hit.entries
                            .iter()
                            .copied()
                            .filter(|e| {
                                // "Commerce" for the Commerce Department in
                                // an article about the US; a company's
                                // short form ("Suzuki") only after its full
                                // name, or people and products would match.
                                let entry = &self.entries[*e];
                                entry.kind != OrgKind::Company
                                    && entry
                                        .country
                                        .as_deref()
                                        .is_some_and(|c| countries.contains(c))
                            })
                            .collect()
                    } else {
                        fitting
                    };
                    (fitting.len() == 1).then(|| fitting[0])
                }
                FormKind::Metonym => None,
            };
            if let Some(entry) = entry {
                if let Some(unit) = self.national_unit(text, &hit.span, entry) {
                    out.push(unit);
                }
                let mut c = Candidate::new(hit.span, Finder::Gazetteer, self.entries[entry].kind);
                c.entry = Some(entry);
                out.push(c);
            }
        }
        for g in self.governments.find(text, &place_hits, &self.places) {
            let mut c = Candidate::new(g.span, Finder::Government, OrgKind::Government);
            let iri = self
                .place_governments
                .get(g.place)
                .and_then(|(iri, _)| iri.as_ref());
            c.entry = iri.and_then(|iri| self.by_iri.get(iri).copied());
            c.government = Some(g.place);
            out.push(c);
        }
        let scan = Scan {
            text,
            places: &self.places,
            stop: &self.stop,
            patterns: &self.patterns,
            common: &self.common_words,
            pairs: std::cell::OnceCell::new(),
        };
        scan.legal_forms(&mut out);
        scan.institutions_en(&mut out);
        scan.institutions_de(&mut out);
        scan.role_cues(&mut out);
        scan.role_compounds(&mut out);
        scan.camel_case(&mut out);
        scan.appositions(&mut out);
        if self.runs {
            // Last, and only where no other finder named anything.
            let mut taken: Vec<Range<usize>> = out.iter().map(|c| c.span.clone()).collect();
            taken.sort_by_key(|t| t.start);
            scan.name_runs(&taken, &mut out);
        }
        let intros = scan.acronym_introductions();
        (out, intros)
    }

    /// "Danone Russia", "Gazprom Germania": a company's unit in a country is
    /// an organisation of its own.
    fn national_unit(&self, text: &str, span: &Range<usize>, entry: usize) -> Option<Candidate> {
        let known = &self.entries[entry];
        if known.kind != OrgKind::Company {
            return None;
        }
        let rest = text[span.end..].strip_prefix(' ')?;
        let word_len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        let country = matches!(
            self.places.word(word),
            Some((_, crate::extract::lexicon::PlaceWord::Name))
        );
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        if !(country && capitalised) || rest[word_len..].starts_with(['\'', '’']) {
            return None;
        }
        let mut c = Candidate::new(
            span.start..span.end + 1 + word_len,
            Finder::LegalForm,
            OrgKind::Company,
        );
        c.entry = None;
        Some(c)
    }

    /// "in der EU", "across the EU": a body that is also a place, used as a
    /// place.
    fn is_locative(&self, text: &str, span: &Range<usize>) -> bool {
        if self.places.word(&text[span.clone()]).is_none() {
            return false;
        }
        // A preposition of place up to two words before it ("in der
        // gesamten Europäischen Union").
        // The last few words before it only: lower-casing all the text
        // before every candidate made long articles quadratic.
        let from = text.floor_char_boundary(span.start.saturating_sub(80));
        let lead = text[from..span.start].trim_end().to_lowercase();
        let words: Vec<&str> = lead.split_whitespace().rev().take(3).collect();
        let locative = [
            "in",
            "im",
            "across",
            "throughout",
            "outside",
            "within",
            "innerhalb",
            "außerhalb",
            "into",
            "aus",
        ];
        words
            .iter()
            .take(3)
            .position(|w| locative.contains(w))
            .is_some_and(|i| {
                words[..i]
                    .iter()
                    .all(|w| !w.starts_with(|c: char| c.is_uppercase()))
            })
    }

    /// Keeps one candidate per stretch of text: the longest, and among
    /// equals the most reliable. A gazetteer name inside a longer name that
    /// only adds a legal form or a place passes its identity on.
    fn select(&self, text: &str, mut candidates: Vec<Candidate>) -> Vec<Candidate> {
        candidates.retain(|c| !self.is_locative(text, &c.span));
        candidates.sort_by_key(|c| {
            (
                c.span.start,
                std::cmp::Reverse(c.span.end),
                std::cmp::Reverse(c.origin),
            )
        });
        let mut kept: Vec<Candidate> = Vec::new();
        for c in candidates {
            // Kept spans do not overlap and come in order: only the last few
            // can reach a candidate that starts after them all.
            let Some(k) = kept
                .iter_mut()
                .rev()
                .take(4)
                .find(|k| overlaps(&k.span, &c.span))
            else {
                kept.push(c);
                continue;
            };
            if k.span.start <= c.span.start && c.span.end <= k.span.end {
                if c.entry.is_some() && k.entry.is_none() && self.same_core(text, &k.span, &c.span)
                {
                    k.entry = c.entry;
                    k.kind = c.kind;
                    k.government = c.government;
                }
            } else if c.origin > k.origin {
                *k = c;
            }
        }
        kept
    }

    /// Whether `inner` is all of `outer` but a legal form, designators and
    /// leading place words.
    fn same_core(&self, text: &str, outer: &Range<usize>, inner: &Range<usize>) -> bool {
        let core = names::without_legal_form(&text[outer.clone()]);
        let core = self.without_leading_places(core);
        let inner = &text[inner.clone()];
        let genitive = core.strip_suffix('s').is_some_and(|c| c == inner);
        genitive || names::key(&core) == names::key(inner)
    }

    /// The name without places and function words in front ("Hangzhou
    /// Veyra Aerial" -> "Veyra Aerial"), so the key does not depend on them.
    fn without_leading_places(&self, name: &str) -> String {
        let mut words: Vec<&str> = name.split_whitespace().collect();
        while words.len() > 1
            && (self.places.word(words[0]).is_some() || self.stop.is_function_word(words[0]))
        {
            words.remove(0);
        }
        words.join(" ")
    }

    fn identity(&self, text: &str, c: &Candidate) -> Option<Entity> {
        let entity = |identity, label, kind, country, parent| Entity {
            identity,
            label,
            kind,
            country,
            parent,
            forms: BTreeSet::new(),
            mentions: Vec::new(),
            found_by: BTreeSet::new(),
        };
        if let Some(entry) = c.entry.and_then(|i| self.entries.get(i)) {
            return Some(entity(
                OrgIdentity::Known(entry.iri.clone()),
                entry.label.clone(),
                entry.kind,
                entry.country.clone(),
                entry.parent.clone(),
            ));
        }
        if let Some((Some(iri), label)) = c.government.and_then(|p| self.place_governments.get(p)) {
            let country = c
                .government
                .and_then(|p| self.places.code(p))
                .map(str::to_owned);
            return Some(entity(
                OrgIdentity::Known(iri.clone()),
                format!("{label} government"),
                OrgKind::Government,
                country,
                None,
            ));
        }
        let surface = self.surface(text, &c.span);
        let key = names::key(&self.without_leading_places(&surface))?;
        Some(entity(
            OrgIdentity::Named(key),
            names::without_legal_form(&surface).to_owned(),
            c.kind,
            None,
            None,
        ))
    }

    /// The name as written, white space folded, leading function words and
    /// possessive places ("Britain's") off.
    fn surface(&self, text: &str, span: &Range<usize>) -> String {
        let start = self.surface_start(text, span);
        text[start..span.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Where the name proper starts in `span`: after leading function words
    /// and possessive places.
    fn surface_start(&self, text: &str, span: &Range<usize>) -> usize {
        let words = super::lexicon::words_in(text, span);
        let skip = words
            .iter()
            .take_while(|(_, w)| {
                let possessive = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
                words.len() > 1
                    && (self.stop.is_function_word(w)
                        || possessive.is_some_and(|p| self.places.word(p).is_some()))
            })
            .count();
        words
            .get(skip.min(words.len().saturating_sub(1)))
            .map_or(span.start, |(at, _)| *at)
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// One organisation while an article is being read.
#[derive(Debug)]
pub(crate) struct Entity {
    pub identity: OrgIdentity,
    pub label: String,
    pub kind: OrgKind,
    pub country: Option<String>,
    pub parent: Option<String>,
    pub forms: BTreeSet<String>,
    pub mentions: Vec<(Range<usize>, f32)>,
    pub found_by: BTreeSet<Finder>,
}

impl Extractor for OrganisationExtractor {
    fn name(&self) -> &'static str {
        "organisations"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        let text = doc.text;
        let (candidates, intros) = self.candidates(text);
        let mut kept = self.select(text, candidates);
        // "Comair's suspension": the organisation is "Comair".
        for c in &mut kept {
            let name = &text[c.span.clone()];
            if let Some(stem) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s"))
                && !stem.is_empty()
            {
                c.span.end = c.span.start + stem.len();
            }
        }
        let mut entities: Vec<Entity> = Vec::new();
        let mut index: HashMap<OrgIdentity, usize> = HashMap::new();
        for c in &kept {
            let Some(entity) = self.identity(text, c) else {
                continue;
            };
            let at = *index.entry(entity.identity.clone()).or_insert_with(|| {
                entities.push(entity);
                entities.len() - 1
            });
            entities[at].forms.insert(self.surface(text, &c.span));
            entities[at].found_by.insert(c.origin);
            let start = self.surface_start(text, &c.span);
            entities[at]
                .mentions
                .push((start.max(c.span.start)..c.span.end, confidence(c.origin)));
        }
        propagate::acronyms(text, &intros, &mut entities);
        propagate::related(&mut entities);
        propagate::short_forms(text, &mut entities, &self.stop, &self.places);
        finish(entities, facts);
    }
}

/// Writes entities and their mentions into `facts`, in order of first
/// mention; a Named entity's label is its fullest name without legal form.
fn finish(mut entities: Vec<Entity>, facts: &mut Facts) {
    entities.retain(|e| !e.mentions.is_empty());
    for e in &mut entities {
        e.mentions.sort_by_key(|(s, _)| (s.start, s.end));
        e.mentions.dedup_by(|a, b| overlaps(&a.0, &b.0));
    }
    entities.sort_by_key(|e| e.mentions[0].0.start);
    for e in entities {
        let label = match &e.identity {
            OrgIdentity::Named(_) => e
                .forms
                .iter()
                .max_by_key(|f| (f.len(), std::cmp::Reverse((*f).clone())))
                .map(|f| names::without_legal_form(f).to_owned())
                .unwrap_or(e.label),
            OrgIdentity::Known(_) => e.label,
        };
        let id = facts.organisations.len();
        for (span, confidence) in &e.mentions {
            facts.mentions.push(OrgMention {
                org: id,
                evidence: Evidence::new(span.clone(), *confidence),
            });
        }
        facts.organisations.push(Organisation {
            id: e.identity,
            label,
            forms: e.forms,
            kind: e.kind,
            country: e.country,
            parent: e.parent,
            found_by: e.found_by,
        });
    }
    facts
        .mentions
        .sort_by_key(|m| (m.evidence.span.start, m.org));
}

#[cfg(test)]
mod tests;
