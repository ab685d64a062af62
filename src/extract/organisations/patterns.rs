//! What the finders of organisation names share: the patterns, the scan
//! over one text, trimming names, and the finders of legal forms and
//! acronym introductions. Organisation names the gazetteer does not know
//! are found by their shape:
//! legal forms ("Kiddo Connect GmbH"), institution heads ("Landgericht
//! München I", "Competition and Markets Authority"), role nouns before a
//! name ("der Chipkonzern Micron", "drone maker DJI"), hyphenated role
//! compounds ("Huawei-Sprecher") and acronyms introduced in parentheses.

use regex::Regex;

use super::Candidate;
use super::cues::is_role_word;
use super::institutions::HEADS_EN;
use crate::extract::Finder;
use crate::extract::OrgKind;
use crate::extract::lexicon::{PlaceIndex, PlaceWord, Stopwords};

/// A capitalised word, possibly hyphenated ("Twerskoi-Bezirksgericht"), or
/// a lower-case-first brand ("iPhone").
pub(super) const WORD: &str =
    r"(?:\p{Lu}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*|\p{Ll}\p{Lu}[\p{L}\p{N}]*)";

const LEGAL: &str = r"GmbH & Co\. KGaA|GmbH & Co\. KG|GmbH & Co\. OHG|Co\., ?Ltd\.?|Co\. Ltd\.?|Pte\.? Ltd\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|Sdn\.? Bhd\.?|Private Limited|Corporation|Incorporated|Limited|gGmbH|GmbH|KGaA|AG|SE|KG|OHG|UG|Inc\.?|Ltd\.?|LLC|LLP|L\.P\.|LP|Corp\.?|Co\.|plc|PLC|S\.A\.S\.|SAS|S\.A\.|SA|S\.L\.|N\.V\.|NV|B\.V\.|BV|A/S|ApS|ASA|AB|Oyj|Oy|S\.p\.A\.|SpA|S\.r\.l\.|Srl|s\.r\.o\.|Sp\. z o\.o\.|Kft\.|Ltda\.|PJSC|JSC|A\.Ş\.|A\.S\.";

pub struct Patterns {
    pub(super) legal: Regex,
    pub(super) institution_en: Regex,
    pub(super) institution_de: Regex,
    pub(super) fuer_phrase: Regex,
    pub(super) name_run: Regex,
    pub(super) acronym_intro: Regex,
    pub(super) compound: Regex,
    pub(super) camel: Regex,
    pub(super) apposition: Regex,
}

impl Patterns {
    pub fn new() -> Self {
        let connector = r"(?:&|und|and|of|for|für|de|du|la|per|e|y|van)";
        let legal = format!(
            r"(?P<name>{WORD}(?:[ \t]+(?:{connector}[ \t]+)?(?:{WORD}|\({WORD}\)|\p{{N}}+))*),?[ \t]+(?P<legal>{LEGAL})"
        );
        let en_word = WORD;
        let institution_en = format!(
            r"(?P<name>(?:{en_word}[ \t]+(?:(?:and|&|of|for|the)[ \t]+)*)*(?:{HEADS_EN})(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{en_word}(?:[ \t]+(?:(?:and|&|of|for|the)[ \t]+)*{en_word})*)?)"
        );
        // Word edges of these three are checked by `whole_words`.
        let institution_de = r"(?:\p{Lu}\p{L}*-)*\p{Lu}\p{L}*".to_owned();
        Self {
            legal: compile(&legal),
            institution_en: compile(&institution_en),
            institution_de: compile(&institution_de),
            fuer_phrase: compile(&format!(
                r"^[ \t]+für[ \t]+{WORD}(?:[ \t]+(?:(?:und|in der|im|für|des|der)[ \t]+)?{WORD})*"
            )),
            name_run: compile(&format!(r"^{WORD}(?:[ \t]+(?:&[ \t]+)?{WORD})*")),
            acronym_intro: compile(r"\(([\p{Lu}][\p{Lu}\p{Ll}&]{1,7})\)"),
            compound: compile(&format!(r"(?P<name>{WORD}?)-(?P<role>\p{{Lu}}\p{{Ll}}+)")),
            camel: compile(r"\p{Lu}\p{Ll}+\p{Lu}\p{Ll}[\p{L}\p{N}]*"),
            apposition: compile(&format!(
                r"(?P<name>{WORD}(?:[ \t]+{WORD}){{0,3}}),[ \t]+(?:the|a|an|der|die|das|ein|eine|einem|einer)[ \t]+(?P<role>[\p{{L}}-]+(?:[ \t]+[\p{{L}}-]+){{0,3}})"
            )),
        }
    }
}

fn compile(pattern: &str) -> Regex {
    // The patterns are constants of this file; a failure is a bug here.
    Regex::new(pattern).unwrap_or_else(|e| panic!("organisation pattern does not compile: {e}"))
}

/// What the pattern finders share.
pub struct Scan<'a> {
    pub text: &'a str,
    pub places: &'a PlaceIndex,
    pub stop: &'a Stopwords,
    pub patterns: &'a Patterns,
    /// Words that are no name on their own (`ontology/common-words.ttl`).
    pub common: &'a std::collections::HashSet<String>,
    /// How often each pair of adjacent words occurs, counted once when
    /// first asked.
    pub pairs: std::cell::OnceCell<std::collections::HashMap<(&'a str, &'a str), usize>>,
}

impl<'a> Scan<'a> {
    /// How often "`first` `second`" stands in the text.
    pub(super) fn pair_count(&self, first: &str, second: &str) -> usize {
        let pairs = self.pairs.get_or_init(|| {
            let words: Vec<&'a str> = self.text.split_whitespace().collect();
            let mut counts = std::collections::HashMap::new();
            for w in words.windows(2) {
                *counts.entry((w[0], w[1])).or_insert(0) += 1;
            }
            counts
        });
        pairs.get(&(first, second)).copied().unwrap_or(0)
    }
}

impl Scan<'_> {
    /// Names ending in a legal form.
    pub fn legal_forms(&self, out: &mut Vec<Candidate>) {
        for caps in self.patterns.legal.captures_iter(self.text) {
            let (Some(name), Some(legal)) = (caps.name("name"), caps.name("legal")) else {
                continue;
            };
            if !crate::extract::lexicon::ends_word(self.text, legal.end())
                && !legal.as_str().ends_with('.')
            {
                continue;
            }
            // "United Co. Rusal": the name goes on after what looked like a
            // legal form.
            let next = self.text[legal.end()..]
                .strip_prefix(' ')
                .unwrap_or_default();
            let continues = (legal.as_str().len() <= 4
                && next.starts_with(|c: char| c.is_uppercase())
                && !next.starts_with("Ltd"))
                || ["of ", "for "].iter().any(|p| {
                    next.starts_with(p)
                        && next[p.len()..].starts_with(|c: char| c.is_uppercase())
                        && !self.starts_with_place(&next[p.len()..])
                });
            if continues {
                continue;
            }
            // A list first ("Bishkek-based Tengri Electronics LLC and
            // Dubai's Al Noor ... LLC"): trimming a descriptor inside it
            // would drop the names before.
            let listed = self.split_list(name.start(), name.end(), out);
            let start = self.trim_leading(listed, name.end());
            if start >= name.end() {
                continue;
            }
            out.push(Candidate::new(
                start..legal.end(),
                Finder::LegalForm,
                OrgKind::Company,
            ));
        }
    }

    /// "Hong Kong" in "Hexa Route Trading Ltd. of Hong Kong": where the
    /// company sits, not more of its name.
    fn starts_with_place(&self, text: &str) -> bool {
        let head = &text[..text.floor_char_boundary(40.min(text.len()))];
        self.places
            .find(head)
            .first()
            .is_some_and(|h| h.span.start == 0 && h.word == PlaceWord::Name)
    }

    /// "Danone Russia and Baltika Breweries", "Genesis Global Capital and
    /// Gemini Trust Co.": two names of two or more words joined by "and"
    /// are a list, not one name. Returns where the last name starts and
    /// adds the ones before it as candidates.
    pub(super) fn split_list(&self, start: usize, end: usize, out: &mut Vec<Candidate>) -> usize {
        let run = &self.text[start..end];
        let Some((at, sep)) = [" and ", " und "]
            .iter()
            .filter_map(|sep| run.rfind(sep).map(|i| (i, *sep)))
            .max()
        else {
            return start;
        };
        let before = &run[..at];
        let after = &run[at + sep.len()..];
        let capitals = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
                .count()
        };
        let connected = before
            .split_whitespace()
            .rev()
            .nth(1)
            .is_some_and(|w| ["of", "for", "für"].contains(&w));
        // "the Deposit Insurance and Credit Guarantee Corporation" is one
        // name: lists of names do not start with an article.
        let articles = ["the", "The", "der", "die", "das", "Der", "Die", "Das"];
        let article = self.text[..start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| articles.contains(&w))
            && !after
                .split_whitespace()
                .next()
                .is_some_and(|w| articles.contains(&w));
        if capitals(before) >= 2 && capitals(after) >= 2 && !connected && !article {
            let list_start = self.trim_leading(start, start + at);
            if list_start < start + at {
                out.push(Candidate::new(
                    list_start..start + at,
                    Finder::Cue,
                    OrgKind::Company,
                ));
            }
            return start + at + sep.len();
        }
        start
    }

    /// Drops descriptors, function words and place words from the front of
    /// a name run ("Die Bremer Frostline Holding" -> "Frostline Holding").
    pub(super) fn trim_leading(&self, mut start: usize, end: usize) -> usize {
        // A role noun never stands inside a name: "Regensburger Herstellers
        // Voltaro Mobility" starts after it.
        let mut at = start;
        for word in self.text[start..end].split(' ') {
            let next = at + word.len() + 1;
            let designator = [
                "holding",
                "holdings",
                "group",
                "gruppe",
                "bank",
                "gesellschaft",
                "partners",
            ]
            .contains(&word.to_lowercase().as_str());
            if next < end
                && ((is_role_word(word) && !designator)
                    || is_possessive_place(self.places, word)
                    || is_seat(word))
            {
                start = next;
            }
            at = next;
        }
        loop {
            let rest = &self.text[start..end];
            let word_len = rest.find([' ', '\t']).unwrap_or(rest.len());
            if word_len == rest.len() {
                return start;
            }
            let word = &rest[..word_len];
            let next_start =
                start + word_len + (rest[word_len..].len() - rest[word_len..].trim_start().len());
            let drop = self.stop.is_not_a_name(word)
                || is_role_word(word)
                || is_descriptor_adjective(word)
                // "Bremer Frostline", "Regensburger Voltaro": a town's adjective
                // when the name after it stands alone elsewhere.
                || (self.is_place_adjective(word) && word.ends_with("er") && next_start < end)
                || ((self.is_place_adjective(word) || (!self.is_place_word(word) && word.ends_with("er")))
                    && self.appears_alone(next_start, end));
            if !drop {
                return start;
            }
            start = next_start;
        }
    }

    /// "Bremer", "chinesische": a place as an adjective (not "China").
    pub(super) fn is_place_adjective(&self, word: &str) -> bool {
        matches!(self.places.word(word), Some((_, PlaceWord::Adjective)))
    }

    pub(super) fn is_place_word(&self, word: &str) -> bool {
        self.places
            .word(word)
            .is_some_and(|(_, w)| w != PlaceWord::City)
            || self
                .places
                .word(word)
                .is_some_and(|(_, w)| w == PlaceWord::City && word.ends_with("er"))
    }

    /// Whether the word starting at `at` occurs elsewhere in the text on its
    /// own (not after the word before it here, and not followed by another
    /// capitalised word), so it is the name and what precedes it a
    /// description: "Bremer Frostline Holding" when "Frostline" stands
    /// alone elsewhere, but not "China Telecom (Americas)".
    pub(super) fn appears_alone(&self, at: usize, end: usize) -> bool {
        let word_end = self.text[at..end].find([' ', '\t']).map_or(end, |i| at + i);
        let word = &self.text[at..word_end];
        if word.chars().count() < 3 {
            return false;
        }
        let before_here = self.text[..at]
            .split_whitespace()
            .next_back()
            .unwrap_or_default();
        self.text.match_indices(word).any(|(i, _)| {
            if i == at || !crate::extract::lexicon::starts_word(self.text, i) {
                return false;
            }
            let after = &self.text[i + word.len()..];
            let before = self.text[..i]
                .split_whitespace()
                .next_back()
                .unwrap_or_default();
            !after.starts_with(|c: char| c.is_alphanumeric())
                && !after
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase() || c == '(')
                && before != before_here
        })
    }

    /// "Yangtze Memory Technologies (YMTC)": the acronym and the name before
    /// it are one organisation. Returns (name span, acronym span) pairs.
    pub fn acronym_introductions(&self) -> Vec<super::Introduction> {
        let mut pairs = Vec::new();
        for caps in self.patterns.acronym_intro.captures_iter(self.text) {
            let (Some(all), Some(acronym)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let before = self.text[..all.start()].trim_end_matches([' ', '\t']);
            let Some(name_start) = name_run_before(before) else {
                continue;
            };
            let name = &self.text[name_start..before.len()];
            if initials_match(name, acronym.as_str()) {
                pairs.push((name_start..before.len(), acronym.range()));
            }
        }
        pairs
    }
}

/// Where the run of capitalised words (with connectors) ending at the end
/// of `before` starts.
fn name_run_before(before: &str) -> Option<usize> {
    let mut start = before.len();
    let mut words = 0;
    for word in before.rsplit([' ', '\t']) {
        let capital = word.starts_with(|c: char| c.is_uppercase());
        let connector = [
            "of", "for", "and", "&", "und", "für", "the", "der", "in", "des",
        ]
        .contains(&word);
        if word.is_empty() || !(capital || (connector && words > 0)) || words > 8 {
            break;
        }
        start -= word.len() + usize::from(start != before.len());
        words += 1;
    }
    let run = &before[start.min(before.len())..];
    let trimmed = run.trim_start_matches(|c: char| !c.is_uppercase());
    (words > 0 && !trimmed.is_empty()).then(|| before.len() - trimmed.len())
}

/// Whether `acronym` can abbreviate `name`: its letters appear in order,
/// the first at the start of the name's first significant word.
fn initials_match(name: &str, acronym: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .map(str::to_lowercase)
        .collect();
    let Some(first) = letters.first() else {
        return false;
    };
    if !words.iter().any(|w| w.starts_with(*first)) {
        return false;
    }
    let name_letters: Vec<char> = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut i = 0;
    for c in &name_letters {
        if i < letters.len() && *c == letters[i] {
            i += 1;
        }
    }
    i == letters.len() && letters.len() >= 2
}

/// "Britain's", "China's": a possessive place in front of a name.
/// "Bishkek-based", "Munich-based": where a company sits, before its name.
fn is_seat(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.len() > 6 && lower.ends_with("-based")
}

pub(super) fn is_possessive_place(places: &PlaceIndex, word: &str) -> bool {
    let stem = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"));
    stem.is_some_and(|s| places.word(s).is_some())
}

/// Where the name starts after the last determiner before its head: in
/// "Friday the Cyberspace Administration" the name is what follows "the".
pub(super) fn after_last_determiner(text: &str, start: usize, end: usize) -> usize {
    let run = &text[start..end];
    let head_at = run.find(" of ").unwrap_or(run.len());
    let mut cut = start;
    let mut at = 0;
    for word in run[..head_at].split(' ') {
        let next = at + word.len() + 1;
        if [
            "the", "The", "die", "Die", "der", "Der", "das", "Das", "den", "dem", "des",
        ]
        .contains(&word)
            && next < head_at
        {
            cut = start + next;
        }
        at = next;
    }
    cut
}

/// Compound adjectives that describe rather than name ("Ohio-based",
/// "state-backed", "US-amerikanische").
pub(super) fn is_descriptor_adjective(word: &str) -> bool {
    let last = word.rsplit('-').next().unwrap_or(word);
    word.contains('-') && last.starts_with(|c: char| c.is_lowercase())
}

pub(super) fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '"'])
}
