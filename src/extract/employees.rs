//! Employee counts: "weniger als 50 Mitarbeiter", "rund 1.200
//! Beschäftigte", "a workforce of 1,500", "employs 3.2 million people",
//! with their relation, the organisation they belong to and the place they
//! are for. Layoffs, users, customers, money and percentages are not
//! head counts.

use std::ops::Range;

use regex::Regex;

use super::context::{company_before, is_company_like, main_company, mentions_in};
use super::lexicon::PlaceIndex;
use super::{Document, EmployeeCount, Evidence, Extractor, Facts, OrgId, Relation};
use crate::text::numbers;
use crate::vocab::{Places, Vocabulary};

/// Nouns that count employees on their own.
const STAFF: &str = r"Mitarbeiter(?:innen|n|s)?|Mitarbeitende(?:n)?|Beschäftigte(?:n)?|Angestellte(?:n)?|Arbeitnehmer(?:innen|n)?|Arbeitskräfte(?:n)?|Belegschaft|employees|employee|staff(?:ers)?|workers|personnel|workforce|headcount";

/// A number as news write head counts: "1.200", "33 000", "3,2
/// Millionen", "6,000-odd", "zwölf".
const NUMBER: &str = r"(?:\d[\d.,\u{a0}\u{202f}']*(?:-odd|-strong)?(?:\s+(?:Millionen|Million|Mio\.?|million|Tausend|thousand))?|(?i:ein dutzend|a dozen|zwölf|elf|zehn|neun|acht|sieben|sechs|fünf|vier|drei|zwei|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|zwanzig|dreißig|vierzig|fünfzig|hundert|twenty|thirty|forty|fifty|a hundred))";

/// Up to two adjectives between a number and its noun ("1.200 festangestellte
/// Mitarbeiter").
const ADJECTIVES: &str = r"(?:\s+[\p{Ll}][\p{L}-]*){0,2}";

/// Nouns that count employees only next to a verb of working.
const PEOPLE: &str = r"Menschen|Personen|people|persons";

/// Nouns that count jobs: a head count when a whole plant or company is
/// meant ("alle 120 Arbeitsplätze"), more often jobs cut. Candidates for a
/// learned decision only ([`EmployeeExtractor::with_jobs`]).
const JOBS: &str = r"Arbeitsplätze(?:n)?|Jobs|jobs|Stellen";

/// Relation cues before a number, longest first within a language.
const RELATIONS: &[(&str, Relation)] = &[
    ("weniger als", Relation::LessThan),
    ("nicht einmal", Relation::LessThan),
    ("unter", Relation::LessThan),
    ("fewer than", Relation::LessThan),
    ("less than", Relation::LessThan),
    ("under", Relation::LessThan),
    ("below", Relation::LessThan),
    ("mehr als", Relation::MoreThan),
    ("über", Relation::MoreThan),
    ("more than", Relation::MoreThan),
    ("upwards of", Relation::MoreThan),
    ("in excess of", Relation::MoreThan),
    ("over", Relation::MoreThan),
    ("mindestens", Relation::AtLeast),
    ("wenigstens", Relation::AtLeast),
    ("at least", Relation::AtLeast),
    ("höchstens", Relation::AtMost),
    ("maximal", Relation::AtMost),
    ("bis zu", Relation::AtMost),
    ("no more than", Relation::AtMost),
    ("not more than", Relation::AtMost),
    ("at most", Relation::AtMost),
    ("up to", Relation::AtMost),
    ("rund", Relation::Approximately),
    ("etwa", Relation::Approximately),
    ("ca.", Relation::Approximately),
    ("circa", Relation::Approximately),
    ("knapp", Relation::Approximately),
    ("fast", Relation::Approximately),
    ("nahezu", Relation::Approximately),
    ("annähernd", Relation::Approximately),
    ("ungefähr", Relation::Approximately),
    ("gut", Relation::Approximately),
    ("schätzungsweise", Relation::Approximately),
    ("geschätzt", Relation::Approximately),
    ("about", Relation::Approximately),
    ("around", Relation::Approximately),
    ("roughly", Relation::Approximately),
    ("approximately", Relation::Approximately),
    ("nearly", Relation::Approximately),
    ("almost", Relation::Approximately),
    ("close to", Relation::Approximately),
    ("some", Relation::Approximately),
    ("an estimated", Relation::Approximately),
    ("estimated", Relation::Approximately),
];

/// Words before a number that make it a cut, not a head count.
const CUTS: &[&str] = &[
    "laying off",
    "lay off",
    "lays off",
    "laid off",
    "cutting",
    "cut",
    "cuts",
    "axing",
    "axed",
    "firing",
    "fired",
    "eliminating",
    "shedding",
    "streicht",
    "streichen",
    "gestrichen",
    "entlässt",
    "entlassen",
    "abbauen",
    "baut",
    "abgebaut",
    "kündigt",
    "kündigen",
];

/// Words that make an employee count the whole organisation's.
const WHOLE: &[&str] = &[
    "weltweit",
    "worldwide",
    "globally",
    "global",
    "insgesamt",
    "in total",
];

pub struct EmployeeExtractor {
    /// Numbers before staff nouns (and, [`EmployeeExtractor::with_jobs`],
    /// job nouns).
    count: Regex,
    workforce: Regex,
    /// "employs 1,500," with no noun after the number.
    bare: Regex,
    work_verb: Regex,
    places: PlaceIndex,
    publication_country: Vec<Option<String>>,
}

impl EmployeeExtractor {
    pub fn new(vocab: &Vocabulary) -> Self {
        let number = NUMBER;
        Self {
            count: compile(&format!(
                r"\b(?P<number>{number}){ADJECTIVES}\s+(?P<noun>{STAFF}|{PEOPLE})\b"
            )),
            workforce: compile(&format!(
                r"\b(?:workforce|staff|headcount|Belegschaft|Mitarbeiterzahl)\s+(?:of|von)\s+(?P<rel>(?:more than|fewer than|less than|about|around|roughly|nearly|almost|some|over|under|at least|rund|etwa|mehr als|weniger als|knapp|über|mindestens)\s+)?(?P<number>{number})"
            )),
            bare: compile(&format!(
                r"\b(?:employs|employing|beschäftigt|zählt)\s+(?:(?:more than|fewer than|less than|about|around|roughly|nearly|almost|some|over|under|at least|rund|etwa|mehr als|weniger als|knapp|über|mindestens)\s+)?(?P<number>{number})(?:[,;.]|\s*$)"
            )),
            work_verb: compile(
                r"(?i)\b(?:beschäftig\w*|arbeite\w*|angestellt|zählt|zählte|employ\w*|work\w*|staff\w*|headcount)\b",
            ),
            places: PlaceIndex::new(&vocab.places),
            publication_country: Vec::new(),
        }
        .with_places(&vocab.places)
    }

    /// Also proposes counts of jobs ("rund 120 Arbeitsplätze"), which only
    /// a learned decision can tell from jobs cut.
    pub fn with_jobs(mut self) -> Self {
        self.count = compile(&format!(
            r"\b(?P<number>{NUMBER}){ADJECTIVES}\s+(?P<noun>{STAFF}|{PEOPLE}|{JOBS})\b"
        ));
        self
    }

    fn with_places(mut self, places: &Places) -> Self {
        self.publication_country = places.entries.iter().map(|_| None).collect();
        self
    }

    fn found(&self, doc: &Document<'_>, facts: &Facts) -> Vec<EmployeeCount> {
        let text = doc.text;
        let mut out = Vec::new();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let s = &text[sentence.clone()];
            let mut last: Option<EmployeeCount> = None;
            for caps in self.count.captures_iter(s) {
                let (Some(number), Some(noun)) = (caps.name("number"), caps.name("noun")) else {
                    continue;
                };
                let people_only = regex_is_match_at(PEOPLE, noun.as_str());
                if people_only && !self.work_verb.is_match(s) {
                    continue;
                }
                // "33 000 Mitarbeiter": the groups before the one matched.
                let at = spaced_start(text, sentence.start + number.start());
                let span = at..sentence.start + noun.end();
                if let Some(count) =
                    self.count_at(doc, facts, index, at, span, noun.end() + sentence.start)
                {
                    last = Some(count.clone());
                    out.push(count);
                }
            }
            for caps in self
                .workforce
                .captures_iter(s)
                .chain(self.bare.captures_iter(s))
            {
                let Some(number) = caps.name("number") else {
                    continue;
                };
                let all = caps.get(0).map_or(number.range(), |m| m.range());
                let at = sentence.start + number.start();
                // "zählt rund 1.200 Beschäftigte" is one count, found twice.
                if out
                    .iter()
                    .any(|c: &EmployeeCount| c.evidence.span.contains(&at))
                {
                    continue;
                }
                let span = sentence.start + all.start..sentence.start + all.end;
                if let Some(count) = self.count_at(
                    doc,
                    facts,
                    index,
                    at,
                    span.clone(),
                    sentence.start + number.end(),
                ) {
                    last = Some(count.clone());
                    out.push(count);
                }
            }
            if let Some(first) = last {
                out.extend(self.continuations(doc, sentence, &first));
            }
        }
        out
    }

    /// A head count whose number starts at byte `at`.
    fn count_at(
        &self,
        doc: &Document<'_>,
        facts: &Facts,
        sentence: usize,
        at: usize,
        span: Range<usize>,
        after_noun: usize,
    ) -> Option<EmployeeCount> {
        let text = doc.text;
        let range = doc.sentences[sentence].clone();
        let before = &text[range.start..at];
        if is_cut(before) || before.trim_end().ends_with(['$', '€', '£']) {
            return None;
        }
        let number = numbers::parse_at(&text[at..])?;
        if number.value < 1.0
            || number.value > 5e7
            || number.value.fract() != 0.0 && number.value < 1000.0
        {
            return None;
        }
        let (relation, rel_len) = relation_before(before);
        let start = at - rel_len;
        let org = self.organisation(doc, facts, sentence, at, after_noun);
        let place = self.place(doc, sentence, at, after_noun);
        Some(EmployeeCount {
            org,
            value: number.value.round() as u64,
            relation,
            place,
            evidence: Evidence::new(
                start.min(span.start)..span.end,
                if org.is_some() { 0.8 } else { 0.5 },
            ),
        })
    }

    /// "davon mehr als 3.000 in China", ", etwa 2.100 in Deutschland", "in
    /// Deutschland sind es weniger als 200": later clauses of the sentence
    /// that give the same organisation's count for a place.
    fn continuations(
        &self,
        doc: &Document<'_>,
        sentence: &Range<usize>,
        first: &EmployeeCount,
    ) -> Vec<EmployeeCount> {
        let text = doc.text;
        let mut out = Vec::new();
        let mut at = first.evidence.span.end;
        while at < sentence.end {
            // A comma between digits ("1,100") is part of a number.
            let bytes = text.as_bytes();
            let clause_end = text[at..sentence.end]
                .match_indices([',', ';'])
                .map(|(i, _)| at + i)
                .find(|&i| {
                    !(i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                })
                .unwrap_or(sentence.end);
            if let Some(count) = self.clause_count(text, at..clause_end, first.org) {
                out.push(count);
            }
            at = clause_end + 1;
        }
        out
    }

    /// A bare number with a place in one clause: "etwa 2.100 in
    /// Deutschland", "including nearly 900 in China".
    fn clause_count(
        &self,
        text: &str,
        clause: Range<usize>,
        org: Option<OrgId>,
    ) -> Option<EmployeeCount> {
        let part = &text[clause.clone()];
        let digit = part.find(|c: char| c.is_ascii_digit())?;
        let at = clause.start + digit;
        let number = numbers::parse_at(&text[at..clause.end])?;
        let end = at + number.len;
        let after = text[end..clause.end].trim_start().to_lowercase();
        let before = text[clause.start..at].to_lowercase();
        let lead_word = before.split_whitespace().next_back().unwrap_or_default();
        let (relation, rel_len) = relation_before(&text[clause.start..at]);
        let introduced = rel_len > 0
            || ["davon", "including", "es", "sind", "are", "of", "whom"].contains(&lead_word)
            || before.trim().is_empty();
        let bare = after.is_empty()
            || [
                "in ",
                "of them",
                "davon",
                "people",
                "menschen",
                "beschäftigte",
                "mitarbeiter",
                "employees",
                "staff",
            ]
            .iter()
            .any(|w| after.starts_with(w));
        let place = self.places.located(part)?;
        let value = number.value;
        if !(introduced && bare)
            || value < 1.0
            || value.fract() != 0.0
            || (1900.0..=2100.0).contains(&value) && rel_len == 0
        {
            return None;
        }
        Some(EmployeeCount {
            org,
            value: value.round() as u64,
            relation,
            place: self.places.code(place.place).map(str::to_owned),
            evidence: Evidence::new(at - rel_len..end, 0.7),
        })
    }

    /// Which organisation the count belongs to.
    fn organisation(
        &self,
        doc: &Document<'_>,
        facts: &Facts,
        sentence: usize,
        at: usize,
        after_noun: usize,
    ) -> Option<OrgId> {
        let range = doc.sentences[sentence].clone();
        let text = doc.text;
        // "207.000 Menschen für Huawei", "Beschäftigten der US-Bundesverwaltung"
        let tail = &text[after_noun..range.end];
        let attached = ["für ", "bei ", "der ", "des ", "at ", "for ", "of "]
            .iter()
            .find(|p| tail.trim_start().starts_with(**p));
        if attached.is_some() {
            let window = after_noun..(after_noun + 60).min(range.end);
            if let Some((org, _)) = mentions_in(facts, window).into_iter().next() {
                return Some(org);
            }
        }
        let named = mentions_in(facts, range.start..at);
        let sources = source_phrases(&text[range.clone()], range.start);
        let named: Vec<_> = named
            .into_iter()
            .filter(|(_, span)| !sources.iter().any(|s| s.contains(&span.start)))
            .collect();
        if let Some(org) = relative_antecedent(text, &named, range.start, at) {
            return Some(org);
        }
        if let Some((org, _)) = named.iter().find(|(o, _)| is_company_like(facts, *o)) {
            return Some(*org);
        }
        if let Some((org, _)) = named.first() {
            return Some(*org);
        }
        company_before(facts, range.start).or_else(|| main_company(facts))
    }

    /// The country or region the count is for, `None` for the whole
    /// organisation.
    fn place(
        &self,
        doc: &Document<'_>,
        sentence: usize,
        at: usize,
        after_noun: usize,
    ) -> Option<String> {
        let text = doc.text;
        let range = doc.sentences[sentence].clone();
        let clause_start = text[range.start..at]
            .rfind([',', ';'])
            .map_or(range.start, |i| range.start + i + 1);
        let before = &text[clause_start..at];
        let after_end = text[after_noun..range.end]
            .find([',', ';', '.'])
            .map_or(range.end, |i| after_noun + i);
        let after = &text[after_noun..after_end];
        let lower_before = before.to_lowercase();
        let lower_after = after.to_lowercase();
        if WHOLE
            .iter()
            .any(|w| lower_before.ends_with(&format!("{w} ")) || lower_after.contains(w))
        {
            return None;
        }
        self.places
            .located(after)
            .or_else(|| self.places.located(before))
            .and_then(|h| self.places.code(h.place).map(str::to_owned))
    }
}

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("employee pattern does not compile: {e}"))
}

/// Where a number whose thousands are grouped by spaces starts, given the
/// start of its last group: "33 000" is one number, "2019 300" two.
fn spaced_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let group = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if group != 3 {
        return at;
    }
    let mut start = at;
    while let Some(space) = start.checked_sub(1).filter(|&i| bytes[i] == b' ') {
        let digits = bytes[..space]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let begins = space - digits;
        let word_edge = begins == 0 || !bytes[begins - 1].is_ascii_alphanumeric();
        if digits == 3 {
            start = begins;
        } else if (1..=2).contains(&digits) && word_edge {
            return begins;
        } else {
            break;
        }
    }
    // Only whole groups of three before: "000 000" alone is no number.
    if start != at && (start == 0 || !bytes[start - 1].is_ascii_alphanumeric()) {
        start
    } else {
        at
    }
}

fn regex_is_match_at(alternatives: &str, word: &str) -> bool {
    alternatives.split('|').any(|a| {
        let a = a.split('(').next().unwrap_or(a);
        word.starts_with(a)
    })
}

fn is_cut(before: &str) -> bool {
    let lower = before.to_lowercase();
    let tail: String = lower
        .split_whitespace()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    CUTS.iter().any(|c| tail.contains(c))
}

/// The relation cue right before the number and its byte length; the
/// longest cue wins ("no more than", not "more than").
fn relation_before(before: &str) -> (Relation, usize) {
    let trimmed = before.trim_end();
    let lower = trimmed.to_lowercase();
    RELATIONS
        .iter()
        .filter(|(cue, _)| {
            lower.ends_with(cue) && {
                let start = lower.len() - cue.len();
                lower[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            }
        })
        .max_by_key(|(cue, _)| cue.len())
        .map_or((Relation::Exact, 0), |(cue, relation)| {
            (*relation, before.len() - (lower.len() - cue.len()))
        })
}

/// "Nach Angaben der Gewerkschaft Verdi", "according to X": who reports a
/// number is not who it counts.
fn source_phrases(sentence: &str, offset: usize) -> Vec<Range<usize>> {
    let lower = sentence.to_lowercase();
    let mut out = Vec::new();
    for cue in ["nach angaben", "laut ", "according to", "zufolge"] {
        for (i, _) in lower.match_indices(cue) {
            let end = [
                ",",
                " arbeiten",
                " beschäftigt",
                " hat ",
                " has ",
                " employs",
            ]
            .iter()
            .filter_map(|stop| lower[i..].find(stop))
            .min()
            .map_or(lower.len(), |e| i + e);
            out.push(offset + i..offset + end);
        }
    }
    out
}

/// In "Microsoft, which ... has about 221,000 employees" the count belongs
/// to the organisation before the relative pronoun.
fn relative_antecedent(
    text: &str,
    named: &[(OrgId, Range<usize>)],
    start: usize,
    at: usize,
) -> Option<OrgId> {
    let clause = &text[start..at];
    let rel = [", which", ", who", ", der ", ", die ", ", das "]
        .iter()
        .filter_map(|r| clause.rfind(r))
        .max()?;
    let rel_at = start + rel;
    named
        .iter()
        .rev()
        .find(|(_, span)| span.end <= rel_at && text[span.end..rel_at].trim().len() < 25)
        .map(|(org, _)| *org)
}

impl Extractor for EmployeeExtractor {
    fn name(&self) -> &'static str {
        "employees"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        let found = self.found(doc, facts);
        facts.employee_counts.extend(found);
    }
}

#[cfg(test)]
mod tests;
