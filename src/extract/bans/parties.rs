//! Who imposes a measure and whom it targets.

use std::ops::Range;

use super::BanExtractor;
use crate::extract::context::{is_authority_like, is_company_like, mentions_in};
use crate::extract::lexicon::PlaceWord;
use crate::extract::{
    Document, Evidence, Facts, OrgId, OrgIdentity, OrgKind, OrgMention, Organisation,
};
use crate::lang::Lang;

/// Nouns that refer back to an organisation of a kind ("die Behörde").
const AUTHORITY_WORDS: &[(&str, OrgKind)] = &[
    ("gericht", OrgKind::Court),
    ("gerichts", OrgKind::Court),
    ("court", OrgKind::Court),
    ("richter", OrgKind::Court),
    ("richterin", OrgKind::Court),
    ("behörde", OrgKind::Authority),
    ("aufsicht", OrgKind::Authority),
    ("ministerium", OrgKind::Authority),
    ("ministeriums", OrgKind::Authority),
    ("regulierer", OrgKind::Authority),
    ("regulator", OrgKind::Authority),
    ("watchdog", OrgKind::Authority),
    ("agency", OrgKind::Authority),
    ("department", OrgKind::Authority),
    ("ministry", OrgKind::Authority),
    ("regierung", OrgKind::Government),
    ("government", OrgKind::Government),
    ("administration", OrgKind::Government),
    ("kabinett", OrgKind::Government),
    ("cabinet", OrgKind::Government),
];

/// Where a measure is reported, for finding whom it targets.
#[derive(Clone, Copy)]
pub(super) struct Site<'a> {
    /// The sentence.
    pub range: &'a Range<usize>,
    /// The word that reports the measure.
    pub trigger: &'a Range<usize>,
    pub regulator: Option<OrgId>,
    /// The notation of its kind.
    pub kind: &'a str,
    /// The word names the kind and the sentence names the regulator.
    pub named_measure: bool,
}

/// Words that refer back to the company named last.
const COMPANY_WORDS: &[&str] = &[
    "unternehmen",
    "unternehmens",
    "konzern",
    "konzerns",
    "hersteller",
    "herstellers",
    "anbieter",
    "anbieters",
    "firma",
    "seine",
    "seiner",
    "seinen",
    "ihre",
    "ihrer",
    "company",
    "firm",
    "group",
    "exchange",
    "maker",
    "its",
    "subsidiary",
    "start-up",
    "startup",
];

/// Words for products: they refer to the company the article is about.
const PRODUCT_WORDS: &[&str] = &[
    "app",
    "apps",
    "produkte",
    "produkten",
    "geräte",
    "modelle",
    "software",
    "dienst",
    "dienste",
    "plattform",
    "products",
    "devices",
    "models",
    "watches",
    "phones",
    "service",
    "services",
    "platform",
    "uhr",
    "uhren",
    "smartwatches",
    "handys",
    "chips",
];

/// Verbs after a company that make it the party that obtained a ban
/// against another ("Qualcomm hat ein Verkaufsverbot durchgesetzt").
const OBTAINED: &[&str] = &[
    "durchgesetzt",
    "erwirkt",
    "erstritten",
    "beantragt",
    "won",
    "obtained",
    "secured",
    "requested",
    "sought",
    "filed",
];

/// Phrases before an organisation that make it something else than the
/// target: a patent holder, a supplier in a list, a source.
const NOT_TARGET_BEFORE: &[&str] = &[
    "held by",
    "owned by",
    "requested by",
    "on behalf of",
    "nach angaben",
    "laut",
    "according to",
    "patent von",
    "patente von",
    "told",
    "sagte",
];

impl BanExtractor {
    /// The organisation that imposes the measure reported at `at`, and
    /// whether the sentence names it.
    pub(super) fn regulator(
        &self,
        doc: &Document<'_>,
        facts: &mut Facts,
        range: &Range<usize>,
        at: usize,
    ) -> (Option<OrgId>, bool) {
        let text = doc.text;
        let named: Vec<(OrgId, Range<usize>)> = mentions_in(facts, range.clone())
            .into_iter()
            .filter(|(o, s)| {
                is_authority_like(facts, *o) && !addressed(before(text, range.start, s.start))
            })
            .collect();
        // "ein vom US Department of Commerce verhängtes Verbot", "by the FCC"
        for (org, span) in &named {
            let lead = before(text, range.start, span.start).to_lowercase();
            let lead = lead.trim_end();
            let agent = [
                "by",
                "by the",
                "von",
                "vom",
                "von der",
                "durch",
                "durch die",
                "durch das",
                "durch den",
            ]
            .iter()
            .any(|p| lead.ends_with(&format!(" {p}")) || lead == *p);
            if agent {
                return (Some(*org), true);
            }
        }
        // "the Treasury Department's Office of Foreign Assets Control": the
        // office acts, not its parent.
        let possessor =
            |s: &Range<usize>| text[s.end..].starts_with("'s ") || text[s.end..].starts_with("’s ");
        if let Some((org, _)) = named.iter().find(|(_, s)| s.start < at && !possessor(s)) {
            return (Some(*org), true);
        }
        if let Some(org) = self.country_actor(doc, facts, range, at) {
            return (Some(org), true);
        }
        if let Some((org, _)) = named.first() {
            return (Some(*org), true);
        }
        if let Some((word, kind)) = referred_kind(&text[range.clone()]) {
            // "the ministry": an organisation with that word in its name,
            // else one of that kind.
            let named_so = |o: &Organisation| {
                std::iter::once(&o.label)
                    .chain(o.forms.iter())
                    .any(|f| f.to_lowercase().contains(word))
            };
            let by_name = nearest_of(facts, range.start, |o| o.kind == kind && named_so(o));
            if let Some(org) =
                by_name.or_else(|| nearest_of_kind(facts, range.start, |k| k == kind))
            {
                return (Some(org), false);
            }
        }
        let fallback =
            nearest_of_kind(facts, range.start, |k| k == OrgKind::Authority).or_else(|| {
                nearest_of_kind(facts, range.start, |k| {
                    k != OrgKind::Company && k != OrgKind::Other
                })
            });
        (fallback, false)
    }

    /// "Indien hat TikTok verboten", "Moscow first used ...": a country (or
    /// its capital) as the subject stands for its government.
    fn country_actor(
        &self,
        doc: &Document<'_>,
        facts: &mut Facts,
        range: &Range<usize>,
        at: usize,
    ) -> Option<OrgId> {
        let head = &doc.text[range.start..at];
        let hit = self.places.find(head).into_iter().next()?;
        let lead = head[..hit.span.start].trim();
        let subject_position = lead.is_empty() || ["The", "Die", "Auch", "Also"].contains(&lead);
        let follows = head[hit.span.end..].trim_start();
        let verb_next =
            follows.starts_with(|c: char| c.is_lowercase()) && !follows.starts_with("'s");
        if !(subject_position
            && verb_next
            && matches!(hit.word, PlaceWord::Name | PlaceWord::Capital))
        {
            return None;
        }
        let (iri, label) = self.governments.get(hit.place)?.clone()?;
        let country = self.places.code(hit.place).map(str::to_owned);
        let span = range.start + hit.span.start..range.start + hit.span.end;
        Some(add_government(
            facts,
            iri,
            label,
            country,
            &doc.text[span.clone()],
            span,
        ))
    }

    /// The organisations the measure reported at `trigger` targets: the
    /// company named nearest to it and those listed with it.
    pub(super) fn targets(&self, doc: &Document<'_>, facts: &Facts, site: &Site<'_>) -> Vec<OrgId> {
        let Site {
            range,
            trigger,
            regulator,
            kind,
            named_measure,
        } = *site;
        let text = doc.text;
        let clause = clause_of(text, range, trigger);
        let named: Vec<(OrgId, Range<usize>)> = mentions_in(facts, clause.clone())
            .into_iter()
            .filter(|(o, _)| Some(*o) != regulator && is_company_like(facts, *o))
            .filter(|(_, s)| !excluded(before(text, range.start, s.start)))
            .filter(|(_, s)| !(doc.lang == Lang::En && is_subject_of(text, s, trigger)))
            .filter(|(_, s)| !obtained(after(text, s.end, clause.end)))
            .collect();
        if kind == "investment-ban" && !named.is_empty() {
            return acquirer(text, &named).into_iter().collect();
        }
        if let Some(nearest) = nearest(&named, trigger) {
            return coordinated(text, &named, nearest)
                .into_iter()
                .map(|org| subsidiary(text, facts, &named, org))
                .collect();
        }
        self.implied_targets(doc, facts, range, &clause, named_measure)
    }

    /// No company in the sentence: the next sentence may list them
    /// ("Betroffen sind ..."), or a word like "das Unternehmen" refers back.
    fn implied_targets(
        &self,
        doc: &Document<'_>,
        facts: &Facts,
        range: &Range<usize>,
        clause: &Range<usize>,
        named_measure: bool,
    ) -> Vec<OrgId> {
        let index = doc.sentence_at(range.start);
        let lower = doc.text[range.clone()].to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // "drei Unternehmen", "four companies": named in a list further on,
        // a list of that many when the clause of the measure says how many
        // ("sanctions on four companies ... and added two firms to ...").
        let counted = words
            .windows(2)
            .any(|w| is_count(w[0]) && is_company_word(w[1]));
        let clause_lower = doc.text[clause.clone()].to_lowercase();
        let clause_words: Vec<&str> = clause_lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let how_many = clause_words
            .windows(2)
            .find(|w| is_count(w[0]) && is_company_word(w[1]))
            .and_then(|w| number_of(w[0]));
        let reach = if counted { 10 } else { 1 };
        if let Some(listed) = listed_after(doc, facts, index, reach, how_many) {
            return listed;
        }
        if counted {
            return Vec::new();
        }
        // "they", "them": the companies the sentence before named.
        if words
            .iter()
            .any(|w| ["they", "them", "their", "ihnen"].contains(w))
            && index > 0
        {
            let listed = companies_in(facts, doc.sentences[index - 1].clone());
            if listed.len() > 1 {
                return listed;
            }
        }
        let refers = |list: &[&str]| {
            words.iter().enumerate().any(|(i, w)| {
                list.iter().any(|c| {
                    let hit = *w == *c || (w.len() > 8 && w.ends_with(c));
                    // A plural ("apps", "Geräte") only with an article: "die
                    // Geräte", not "94 lending apps"; a company word only in
                    // the singular: "das Unternehmen", not "drei Unternehmen".
                    let plural = c.ends_with('s') || c.ends_with('e') || c.ends_with("en");
                    let article = i > 0 && DEFINITE_OR_POSSESSIVE.contains(&words[i - 1]);
                    hit && (!plural || article) && !(i > 0 && is_count(words[i - 1]))
                })
            })
        };
        let main = crate::extract::context::main_company(facts);
        let before = crate::extract::context::company_before(facts, range.start);
        let found = if refers(COMPANY_WORDS) {
            before.or(main)
        } else if refers(PRODUCT_WORDS) || named_measure {
            // A named measure ("Verkaufsverbot") with its regulator but no
            // target concerns what the article is about.
            main.or(before)
        } else {
            None
        };
        found.into_iter().collect()
    }
}

const DEFINITE_OR_POSSESSIVE: &[&str] = &[
    "the", "die", "das", "der", "des", "dem", "these", "diese", "dieses", "its", "seine", "seiner",
    "ihre", "ihrer",
];

fn is_count(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || [
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
            "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "mehrere",
            "many", "dozens", "viele",
        ]
        .contains(&word)
}

/// The number a count word gives, `None` for "several", "viele".
fn number_of(word: &str) -> Option<usize> {
    const EN: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    const DE: [&str; 9] = [
        "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    ];
    word.parse().ok().or_else(|| {
        EN.iter()
            .chain(DE.iter())
            .position(|w| *w == word)
            .map(|i| i % 9 + 2)
    })
}

fn is_company_word(word: &str) -> bool {
    [
        "companies",
        "firms",
        "unternehmen",
        "firmen",
        "entities",
        "suppliers",
        "exporters",
        "lenders",
        "apps",
        "konzerne",
        "hersteller",
        "anbieter",
        "banks",
        "banken",
    ]
    .contains(&word)
}

/// The companies of a listing sentence among the next `reach` sentences
/// ("Betroffen sind ...", "Among them ...").
fn listed_after(
    doc: &Document<'_>,
    facts: &Facts,
    index: usize,
    reach: usize,
    how_many: Option<usize>,
) -> Option<Vec<OrgId>> {
    for next in doc.sentences.iter().skip(index + 1).take(reach) {
        let sentence = doc.text[next.clone()].to_lowercase();
        let listing = [
            "betroffen",
            "darunter",
            "among them",
            "affected",
            "they include",
            "including",
            "designated",
            "namely",
            "sind die",
            "are the",
        ]
        .iter()
        .any(|w| sentence.contains(w));
        let companies = companies_in(facts, next.clone());
        if listing && !companies.is_empty() && how_many.is_none_or(|n| n == companies.len()) {
            return Some(companies);
        }
    }
    None
}

fn companies_in(facts: &Facts, range: Range<usize>) -> Vec<OrgId> {
    let mut out: Vec<OrgId> = Vec::new();
    for (org, _) in mentions_in(facts, range) {
        if is_company_like(facts, org) && !out.contains(&org) {
            out.push(org);
        }
    }
    out
}

/// "the US subsidiary of China Telecom": when the article names a
/// subsidiary of the company (a longer name starting with its name), the
/// measure targets that.
fn subsidiary(text: &str, facts: &Facts, named: &[(OrgId, Range<usize>)], org: OrgId) -> OrgId {
    let Some((_, span)) = named.iter().find(|(o, _)| *o == org) else {
        return org;
    };
    let lead = before(text, 0, span.start).to_lowercase();
    let lead = lead.trim_end();
    if ![
        "subsidiary of",
        "unit of",
        "arm of",
        "tochter von",
        "tochtergesellschaft von",
    ]
    .iter()
    .any(|p| lead.ends_with(p))
    {
        return org;
    }
    let Some(parent) = facts.organisations.get(org) else {
        return org;
    };
    let parent_forms: Vec<&String> = parent
        .forms
        .iter()
        .chain(std::iter::once(&parent.label))
        .collect();
    facts
        .organisations
        .iter()
        .position(|o| {
            o.id != parent.id
                && o.forms.iter().any(|f| {
                    parent_forms
                        .iter()
                        .any(|p| f.len() > p.len() && f.starts_with(p.as_str()))
                })
        })
        .unwrap_or(org)
}

/// The clause of the sentence that holds the trigger: colons and
/// semicolons separate statements ("Qualcomm hatte einen Erfolg erzielt: Das
/// Gericht untersagte ...").
fn clause_of(text: &str, range: &Range<usize>, trigger: &Range<usize>) -> Range<usize> {
    let start = text[range.start..trigger.start]
        .rfind([':', ';'])
        .map_or(range.start, |i| range.start + i + 1);
    let end = text[trigger.end..range.end]
        .find([':', ';'])
        .map_or(range.end, |i| trigger.end + i);
    start..end
}

fn obtained(after: &str) -> bool {
    let lower = after.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    words.iter().any(|w| OBTAINED.contains(w))
}

/// Looks near a mention only: the cues ("held by", "told the", "durch")
/// stand right next to it, and scanning whole sentences per mention would
/// make run-on sentences quadratic.
const NEAR: usize = 80;

/// At most [`NEAR`] bytes of `text[start..end]`, its end.
fn before(text: &str, start: usize, end: usize) -> &str {
    let mut from = end.saturating_sub(NEAR).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..end]
}

/// At most [`NEAR`] bytes of `text[start..end]`, its start.
fn after(text: &str, start: usize, end: usize) -> &str {
    let mut to = (start + NEAR).min(end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[start..to]
}

/// The mention closest to the trigger.
fn nearest(named: &[(OrgId, Range<usize>)], trigger: &Range<usize>) -> Option<usize> {
    named
        .iter()
        .enumerate()
        .min_by_key(|(_, (_, s))| {
            if s.start >= trigger.end {
                s.start - trigger.end
            } else {
                trigger.start.saturating_sub(s.end)
            }
        })
        .map(|(i, _)| i)
}

/// The mention at `at` and those listed with it ("Huawei und ZTE", "SMIC
/// and the drone maker DJI").
fn coordinated(text: &str, named: &[(OrgId, Range<usize>)], at: usize) -> Vec<OrgId> {
    let listed = |a: &Range<usize>, b: &Range<usize>| {
        let between = &text[a.end.min(b.start)..b.start.max(a.end)];
        let lower = between.to_lowercase();
        let words = lower.split_whitespace().count();
        let joined = lower.contains(" und ")
            || lower.contains(" and ")
            || lower.contains(" sowie ")
            || lower.contains(" oder ")
            || lower.contains(" or ")
            || lower.trim() == ","
            || lower.starts_with(", ");
        joined
            && words <= 6
            && !lower.contains(['.', ';', ':'])
            && !lower.contains("such as")
            && !lower.contains(" wie ")
    };
    let mut out = vec![named[at].0];
    let mut i = at;
    while i > 0 && listed(&named[i - 1].1, &named[i].1) {
        i -= 1;
        out.push(named[i].0);
    }
    let mut j = at;
    while j + 1 < named.len() && listed(&named[j].1, &named[j + 1].1) {
        j += 1;
        out.push(named[j].0);
    }
    out.dedup();
    let mut seen = Vec::new();
    out.retain(|o| {
        let new = !seen.contains(o);
        seen.push(*o);
        new
    });
    out
}

/// "YouTube blocks channels": in English the company right before the
/// verb acts; it is not what is banned (unless the verb is passive).
fn is_subject_of(text: &str, mention: &Range<usize>, trigger: &Range<usize>) -> bool {
    if mention.end > trigger.start || trigger.start - mention.end > NEAR {
        return false;
    }
    let gap = after(text, mention.end, trigger.start).to_lowercase();
    let words: Vec<&str> = gap.split_whitespace().collect();
    let passive = words
        .iter()
        .any(|w| ["was", "were", "been", "be", "is", "are", "being"].contains(w));
    let object = words.iter().any(|w| {
        [
            "to", "the", "on", "from", "of", "in", "into", "onto", "a", "an",
        ]
        .contains(w)
    });
    let verb = text[trigger.clone()].starts_with(|c: char| c.is_lowercase());
    verb && words.len() <= 2 && !passive && !object && !gap.contains(['\'', '’', ','])
}

fn excluded(lead: &str) -> bool {
    let lower = lead.to_lowercase();
    let tail: String = lower
        .chars()
        .rev()
        .take(30)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    NOT_TARGET_BEFORE
        .iter()
        .any(|p| tail.trim_end().ends_with(p) || tail.contains(&format!("{p} ")))
}

/// "told the House of Commons": who is told about a measure is not who
/// imposes it.
fn addressed(lead: &str) -> bool {
    let lower = lead.to_lowercase();
    let lower = lower.trim_end();
    [
        "told",
        "told the",
        "informed",
        "informed the",
        "sagte dem",
        "sagte der",
    ]
    .iter()
    .any(|p| lower.ends_with(p))
}

/// In a blocked takeover the measure targets the buyer: "Microsoft's
/// takeover of Activision", "die Übernahme von X durch den Konkurrenten Y".
fn acquirer(text: &str, named: &[(OrgId, Range<usize>)]) -> Option<OrgId> {
    for (org, span) in named {
        let window_start = (span.start.saturating_sub(40)..=span.start)
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(span.start);
        let lead = text[window_start..span.start].to_lowercase();
        if lead.contains("durch ") || lead.contains(" by ") {
            return Some(*org);
        }
        if text[span.end..].starts_with("'s") || text[span.end..].starts_with("’s") {
            return Some(*org);
        }
    }
    named.first().map(|(o, _)| *o)
}

/// A noun in the sentence that refers back to an authority of some kind,
/// with that kind.
fn referred_kind(sentence: &str) -> Option<(&'static str, OrgKind)> {
    let lower = sentence.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).find_map(|w| {
        AUTHORITY_WORDS
            .iter()
            .find(|(word, _)| w == *word || (w.len() > word.len() + 3 && w.ends_with(word)))
            .map(|(word, k)| (*word, *k))
    })
}

/// The organisation of a kind named last before `at`, else first after.
fn nearest_of_kind(facts: &Facts, at: usize, kind: impl Fn(OrgKind) -> bool) -> Option<OrgId> {
    nearest_of(facts, at, |o| kind(o.kind))
}

/// The organisation that fits, named last before `at`, else first after.
fn nearest_of(facts: &Facts, at: usize, fits: impl Fn(&Organisation) -> bool) -> Option<OrgId> {
    let fits = |m: &&OrgMention| facts.organisations.get(m.org).is_some_and(&fits);
    let split = facts
        .mentions
        .partition_point(|m| m.evidence.span.start < at);
    facts.mentions[..split]
        .iter()
        .rev()
        .find(fits)
        .or_else(|| facts.mentions[split..].iter().find(fits))
        .map(|m| m.org)
}

/// Adds (or finds) a government organisation and a mention of it.
fn add_government(
    facts: &mut Facts,
    iri: String,
    label: String,
    country: Option<String>,
    form: &str,
    span: Range<usize>,
) -> OrgId {
    let identity = OrgIdentity::Known(iri);
    let org = match facts.organisations.iter().position(|o| o.id == identity) {
        Some(i) => i,
        None => {
            facts.organisations.push(Organisation {
                id: identity,
                label,
                forms: Default::default(),
                kind: OrgKind::Government,
                country,
                parent: None,
                found_by: std::collections::BTreeSet::from([crate::extract::Finder::Government]),
            });
            facts.organisations.len() - 1
        }
    };
    facts.organisations[org].forms.insert(form.to_owned());
    if !facts.mentions.iter().any(|m| m.evidence.span == span) {
        let at = facts
            .mentions
            .partition_point(|m| m.evidence.span.start < span.start);
        facts.mentions.insert(
            at,
            OrgMention {
                org,
                evidence: Evidence::new(span, 0.7),
            },
        );
    }
    org
}
