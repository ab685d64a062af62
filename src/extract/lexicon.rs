//! Words the extractors need to recognise that are not organisations:
//! places (countries, their adjectives, capitals, cities) from
//! `ontology/places.ttl`, and the capitalised function words of German and
//! English.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::vocab::Places;

/// How a place is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceWord {
    Name,
    Adjective,
    Demonym,
    Capital,
    City,
    /// "hierzulande": the writer's own country.
    Deictic,
}

/// One place named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHit {
    pub span: Range<usize>,
    /// Index into [`Places::entries`].
    pub place: usize,
    pub word: PlaceWord,
}

/// Finds place names in text in one pass.
pub struct PlaceIndex {
    matcher: Option<AhoCorasick>,
    /// Per pattern: place, word kind, whether it is a German adjective stem
    /// that takes an inflection ending.
    patterns: Vec<(usize, PlaceWord, bool)>,
    words: HashMap<String, (usize, PlaceWord)>,
    /// Per place: its code (`US`, `DE-BY`).
    codes: Vec<String>,
}

/// Words before a place name that make it where something is ("in den
/// USA", "across Russia").
pub const LOCATIVE: &[&str] = &[
    "in",
    "in den",
    "in der",
    "im",
    "across",
    "throughout",
    "in the",
];

const ADJECTIVE_ENDINGS: &[&str] = &["en", "er", "es", "em", "e"];

impl PlaceIndex {
    pub fn new(places: &Places) -> Self {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut words = HashMap::new();
        let mut add = |text: &str, place: usize, word: PlaceWord, stem: bool| {
            if text.chars().count() < 2 {
                return;
            }
            texts.push(text.to_owned());
            patterns.push((place, word, stem));
            words.entry(text.to_lowercase()).or_insert((place, word));
        };
        for (i, place) in places.entries.iter().enumerate() {
            for name in &place.names {
                add(name, i, PlaceWord::Name, false);
            }
            for adjective in &place.adjectives {
                let german_stem = adjective.chars().next().is_some_and(char::is_lowercase);
                add(adjective, i, PlaceWord::Adjective, german_stem);
                if german_stem {
                    add(&capitalise(adjective), i, PlaceWord::Adjective, true);
                }
            }
            for demonym in &place.demonyms {
                add(demonym, i, PlaceWord::Demonym, false);
            }
            for capital in &place.capitals {
                add(capital, i, PlaceWord::Capital, false);
                for adjective in city_adjectives(capital) {
                    add(&adjective, i, PlaceWord::Adjective, false);
                }
            }
            for city in &place.cities {
                add(city, i, PlaceWord::City, false);
                for adjective in city_adjectives(city) {
                    add(&adjective, i, PlaceWord::Adjective, false);
                }
            }
            for word in &place.deictic {
                add(word, i, PlaceWord::Deictic, false);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&texts)
            .ok();
        Self {
            matcher,
            patterns,
            words,
            codes: places.entries.iter().map(|p| p.code.clone()).collect(),
        }
    }

    /// The code of place `place` (an index of a [`PlaceHit`]).
    pub fn code(&self, place: usize) -> Option<&str> {
        self.codes.get(place).map(String::as_str)
    }

    /// The first place `text` says something is in: a country or region
    /// after a locative preposition, or "hierzulande".
    pub fn located(&self, text: &str) -> Option<PlaceHit> {
        self.find(text).into_iter().find(|h| {
            let from = text.floor_char_boundary(h.span.start.saturating_sub(40));
            let lead = text[from..h.span.start].trim_end().to_lowercase();
            h.word == PlaceWord::Deictic
                || (h.word == PlaceWord::Name && LOCATIVE.iter().any(|p| lead.ends_with(p)))
        })
    }

    /// Every place named in `text`, as whole words (a German compound
    /// prefix like "US-" in "US-Konzern" counts).
    pub fn find(&self, text: &str) -> Vec<PlaceHit> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for m in matcher.find_iter(text) {
            let (place, word, stem) = self.patterns[m.pattern().as_usize()];
            if !starts_word(text, m.start()) {
                continue;
            }
            let mut end = m.end();
            if stem {
                let rest = &text[end..];
                match ADJECTIVE_ENDINGS.iter().find(|e| rest.starts_with(*e)) {
                    Some(e) => end += e.len(),
                    None => continue,
                }
            }
            let next = text[end..].chars().next();
            if next.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            hits.push(PlaceHit {
                span: m.start()..end,
                place,
                word,
            });
        }
        hits
    }

    /// The place a single word names, if any (`Deutschland`, `chinesischen`).
    pub fn word(&self, word: &str) -> Option<(usize, PlaceWord)> {
        let lower = word.to_lowercase();
        if let Some(hit) = self.words.get(&lower) {
            return Some(*hit);
        }
        ADJECTIVE_ENDINGS.iter().find_map(|e| {
            let stem = lower.strip_suffix(e)?;
            self.words
                .get(stem)
                .filter(|(_, w)| *w == PlaceWord::Adjective)
                .copied()
        })
    }
}

/// German adjectives of a city: "Bremen" -> "Bremer", "Hamburg" -> "Hamburger".
fn city_adjectives(city: &str) -> Vec<String> {
    if city.contains(' ') || !city.chars().next().is_some_and(char::is_uppercase) {
        return Vec::new();
    }
    let mut out = vec![format!("{city}er")];
    if let Some(stem) = city.strip_suffix("en") {
        out.push(format!("{stem}er"));
    }
    if city == "München" {
        out.push("Münchner".to_owned());
    }
    out
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The white-space separated words of `text[span]` with their byte offsets
/// in `text`.
pub fn words_in<'t>(text: &'t str, span: &Range<usize>) -> Vec<(usize, &'t str)> {
    let part = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in part.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((span.start + s, &part[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((span.start + s, &part[s..]));
    }
    out
}

/// Whether a word starts at `at` (nothing alphanumeric right before it).
pub fn starts_word(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

/// Whether a word ends at `at`.
pub fn ends_word(text: &str, at: usize) -> bool {
    !text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
}

/// Capitalised words that start sentences or stand before names without
/// being names: determiners, pronouns, prepositions, conjunctions, adverbs.
const FUNCTION_WORDS: &[&str] = &[
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "auch",
    "aber",
    "und",
    "oder",
    "doch",
    "nach",
    "bei",
    "von",
    "vom",
    "mit",
    "für",
    "gegen",
    "laut",
    "wie",
    "als",
    "wenn",
    "weil",
    "dass",
    "ob",
    "so",
    "zudem",
    "außerdem",
    "allerdings",
    "dabei",
    "damit",
    "daher",
    "demnach",
    "derzeit",
    "bereits",
    "schon",
    "noch",
    "nun",
    "jetzt",
    "seit",
    "ab",
    "bis",
    "im",
    "in",
    "am",
    "an",
    "auf",
    "aus",
    "zum",
    "zur",
    "unter",
    "über",
    "neben",
    "vor",
    "hinter",
    "durch",
    "ohne",
    "um",
    "sein",
    "seine",
    "ihre",
    "ihr",
    "sie",
    "er",
    "es",
    "wir",
    "man",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "jene",
    "alle",
    "viele",
    "mehrere",
    "einige",
    "andere",
    "beide",
    "kein",
    "keine",
    "während",
    "trotz",
    "wegen",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "for",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "to",
    "as",
    "after",
    "before",
    "since",
    "until",
    "while",
    "when",
    "if",
    "its",
    "his",
    "her",
    "their",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "also",
    "however",
    "meanwhile",
    "both",
    "all",
    "some",
    "many",
    "several",
    "other",
    "neither",
    "nor",
    "under",
    "over",
    "about",
    "into",
    "across",
    "against",
    "among",
    "between",
    "during",
    "without",
    "within",
    "through",
    "instead",
    "still",
    "now",
    "then",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whose",
    "where",
    "why",
    "how",
    "no",
    "not",
    "only",
    "even",
    "yet",
    "so",
    "such",
    "more",
    "most",
    "less",
    "few",
    "each",
    "every",
    "any",
];

/// Capitalised words of German and English news that are never names:
/// titles, months, weekdays and frequent sentence openers.
const COMMON_WORDS: &[&str] = &[
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "january",
    "february",
    "march",
    "june",
    "july",
    "october",
    "december",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "präsident",
    "präsidentin",
    "president",
    "chair",
    "chairman",
    "chairwoman",
    "secretary",
    "minister",
    "ministerin",
    "senator",
    "commissioner",
    "chief",
    "executive",
    "ceo",
    "chef",
    "chefin",
    "sprecher",
    "sprecherin",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "analysts",
    "analysten",
    "critics",
    "kritiker",
    "officials",
    "experten",
    "experts",
    "investors",
    "anleger",
    "users",
    "nutzer",
    "customers",
    "kunden",
    "shares",
    "aktien",
    "companies",
    "firms",
    "unternehmen",
    "summary",
    "zusammenfassung",
    "update",
    "breaking",
    "exklusiv",
    "exclusive",
    "photo",
    "foto",
    "video",
    "read",
    "lesen",
    "mehr",
    "more",
    "weitere",
    "ursprünglich",
    "stattdessen",
    "beobachter",
    "branchenvertreter",
    "verbraucherschützer",
    "abgeordnete",
    "lawmakers",
    "regulators",
    "behörden",
    "authorities",
    "regierung",
    "government",
    "ministerium",
    "ministry",
    "department",
    "court",
    "gericht",
    "behörde",
    "agency",
    "company",
    "konzern",
    "hintergrund",
    "background",
    "grundlage",
    "kompromiss",
    "einigung",
    "frist",
    "entscheidung",
    "decision",
    "ruling",
    "urteil",
    "verbot",
    "ban",
    "sanctions",
    "sanktionen",
    "industry",
    "branche",
];

/// Lookup of non-name words, lower-cased.
pub struct Stopwords {
    function: HashSet<&'static str>,
    common: HashSet<&'static str>,
}

impl Default for Stopwords {
    fn default() -> Self {
        Self {
            function: FUNCTION_WORDS.iter().copied().collect(),
            common: COMMON_WORDS.iter().copied().collect(),
        }
    }
}

impl Stopwords {
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function.contains(word.to_lowercase().as_str())
    }

    /// Function words, titles, months, weekdays and frequent openers.
    pub fn is_not_a_name(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.function.contains(lower.as_str()) || self.common.contains(lower.as_str())
    }
}
