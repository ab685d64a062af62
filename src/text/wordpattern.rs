//! The word-pattern syntax of the vocabulary files, compiled to regexes.
//!
//! Matching ignores case by folding both patterns and text to lower case
//! (keeping byte offsets): a case-insensitive Unicode regex costs many
//! times more to build and to run.
//!
//! Words are separated by spaces and matched case-insensitively as whole
//! words. A `*` at the end of a word lets it continue, one at its start
//! lets it be the end of a compound, a `*` on its own is any one word and
//! `**` is up to sixteen words.

use std::ops::Range;

use regex_automata::{Input, meta};

/// The regex source for one pattern (no anchors, no flags).
pub fn to_regex(pattern: &str) -> String {
    let mut out = String::new();
    for (i, word) in pattern.split_whitespace().enumerate() {
        match word {
            // Zero to sixteen words, each with the separator before it.
            "**" => out.push_str(r"(?:\s+[^\s]+){0,16}?"),
            _ => {
                if i > 0 {
                    out.push_str(r"[\s\u{a0}]+");
                }
                if word == "*" {
                    out.push_str(r"[^\s]+");
                } else {
                    out.push_str(&word_regex(word));
                }
            }
        }
    }
    out
}

/// The letters a wildcard stands for, in the lower case patterns and text
/// are folded to. German and English need no more, and a small class keeps
/// hundreds of patterns cheap to build (Unicode `\w` is not).
const LETTERS: &str = "[a-z0-9_ßäöüàáâãåçéèêëìíîïñòóôõøùúûýÿæœ-]";

fn word_regex(word: &str) -> String {
    let prefix = word.starts_with('*') && word.len() > 1;
    let suffix = word.ends_with('*') && word.len() > 1;
    let core = word.trim_matches('*');
    // Unicode `\b` sends the regex engine from its DFA to a backtracker on
    // every non-ASCII byte, and German text is full of them: the DFA gets
    // ASCII boundaries where the pattern's edge is an ASCII letter, and
    // `at_word_edges` checks the Unicode ones after the match. A wildcard
    // edge needs neither: the greedy letter class runs to the word's end.
    let ascii_edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = String::new();
    if prefix {
        out.push_str(LETTERS);
        out.push('*');
    } else if ascii_edge(core.chars().next()) {
        out.push_str(r"(?-u:\b)");
    }
    out.push_str(&regex::escape(core));
    if suffix {
        out.push_str(LETTERS);
        out.push('*');
    } else if ascii_edge(core.chars().next_back()) {
        out.push_str(r"(?-u:\b)");
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `range` neither starts nor ends inside a word: a match whose
/// first (last) character is a letter must not have one before (after) it.
fn at_word_edges(text: &str, range: &Range<usize>) -> bool {
    let inner_first = text[range.clone()].chars().next().is_some_and(is_word_char);
    let inner_last = text[range.clone()]
        .chars()
        .next_back()
        .is_some_and(is_word_char);
    let before = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(is_word_char);
    let after = text[range.end..].chars().next().is_some_and(is_word_char);
    !((inner_first && before) || (inner_last && after))
}

/// Every match of `regex` in `text` that stands at word edges, with the
/// index of the pattern that matched.
fn find_words(regex: &meta::Regex, text: &str) -> Vec<(Range<usize>, usize)> {
    at_word_edges_only(text, |at| {
        regex
            .search(&Input::new(text).range(at..))
            .map(|m| (m.range(), m.pattern().as_usize()))
    })
}

/// Every match of `regex` in `text` that stands at word edges: `\b` at both
/// ends of a pattern, checked after the match so that the regex runs on
/// its DFA (Unicode `\b` in the pattern would rule the DFA out for any
/// text with umlauts).
pub fn whole_words(regex: &regex::Regex, text: &str) -> Vec<Range<usize>> {
    at_word_edges_only(text, |at| regex.find_at(text, at).map(|m| (m.range(), ())))
        .into_iter()
        .map(|(range, ())| range)
        .collect()
}

/// Runs `search` (the first match from a byte offset on) over `text`. A
/// match rejected for its edges lets the search go on from its next
/// character, as `\b` in the regex would.
fn at_word_edges_only<T>(
    text: &str,
    mut search: impl FnMut(usize) -> Option<(Range<usize>, T)>,
) -> Vec<(Range<usize>, T)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some((range, found)) = search(at) else {
            break;
        };
        if at_word_edges(text, &range) {
            at = if range.is_empty() {
                next_char(text, range.end)
            } else {
                range.end
            };
            out.push((range, found));
        } else {
            at = next_char(text, range.start);
        }
    }
    out
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// One DFA-backed regex for many patterns, reporting which one matched;
/// earlier patterns win where several match at one place.
fn build_many(sources: &[String]) -> Option<meta::Regex> {
    meta::Regex::builder()
        .configure(meta::Config::new().nfa_size_limit(Some(64 << 20)))
        .build_many(sources)
        .ok()
}

/// `text` in lower case with every character keeping its byte length, so
/// offsets into the folded text are offsets into `text`.
pub fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // Most text is ASCII: lower-case it byte by byte, and decode only the
    // characters beyond ASCII.
    if !bytes.iter().any(|b| b.is_ascii_uppercase() || *b >= 0x80) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < out.len() {
        let b = out[i];
        if b < 0x80 {
            out[i] = b.to_ascii_lowercase();
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        let width = c.len_utf8();
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next())
            && l.len_utf8() == width
        {
            l.encode_utf8(&mut out[i..i + width]);
        }
        i += width;
    }
    std::borrow::Cow::Owned(String::from_utf8(out).expect("same-width characters keep UTF-8 valid"))
}

/// Word patterns compiled into one regex that matches regardless of case.
#[derive(Debug, Clone)]
pub struct WordRegex(meta::Regex);

impl WordRegex {
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        find_words(&self.0, &fold(text))
            .into_iter()
            .map(|(range, _)| range)
            .collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        let folded = fold(text);
        // Most sentences hold none of the words: one DFA pass says so.
        self.0.is_match(folded.as_ref()) && !find_words(&self.0, &folded).is_empty()
    }
}

/// One regex matching any of `patterns` regardless of case; `None` when
/// the list is empty.
pub fn compile_any<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<WordRegex> {
    let parts: Vec<String> = patterns
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| to_regex(&fold(p)))
        .collect();
    if parts.is_empty() {
        return None;
    }
    build_many(&parts).map(WordRegex)
}

/// One regex for several groups of patterns that says which group matched:
/// cheaper to build and to run than a regex per group.
#[derive(Debug, Clone)]
pub struct Grouped {
    regex: meta::Regex,
    /// The caller's group of each pattern, in order.
    groups: Vec<usize>,
}

impl Grouped {
    /// `groups[i]` are the patterns of the caller's group `i`; empty
    /// groups are left out. `None` when all are empty.
    pub fn compile(groups: &[Vec<&str>]) -> Option<Self> {
        // Longer patterns first: the regex takes the first pattern that
        // matches at a place, and "selling to" must win over "sell*".
        let mut patterns: Vec<(&str, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(i, ps)| {
                ps.iter()
                    .filter(|p| !p.trim().is_empty())
                    .map(move |p| (*p, i))
            })
            .collect();
        if patterns.is_empty() {
            return None;
        }
        patterns.sort_by_key(|(p, _)| {
            (
                std::cmp::Reverse(p.split_whitespace().count()),
                std::cmp::Reverse(p.len()),
            )
        });
        let parts: Vec<String> = patterns.iter().map(|(p, _)| to_regex(&fold(p))).collect();
        let regex = build_many(&parts)?;
        Some(Self {
            regex,
            groups: patterns.into_iter().map(|(_, i)| i).collect(),
        })
    }

    /// Every match in `text` with the caller's group index.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        find_words(&self.regex, &fold(text))
            .into_iter()
            .map(|(range, pattern)| (range, self.groups[pattern]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        compile_any([pattern]).is_some_and(|r| r.is_match(text))
    }

    #[test]
    fn folding_keeps_offsets() {
        for text in ["Äpfel ÜBER Straße", "İstanbul ẞ Größe", "ǅungla"] {
            assert_eq!(fold(text).len(), text.len());
        }
        assert_eq!(fold("ÜBER"), "über");
    }

    #[test]
    fn wildcards() {
        assert!(matches("Verkaufsverbot*", "ein Verkaufsverbots wegen"));
        assert!(matches("*verbot", "das Nutzungsverbot gilt"));
        assert!(!matches("*verbot", "das Nutzungsverbote gilt"));
        assert!(matches("ordered * to stop", "ordered Kraken to stop"));
        assert!(matches(
            "dürfen ** nicht mehr",
            "dürfen Geräte der fünf Firmen nicht mehr"
        ));
        assert!(matches("dürfen ** nicht mehr", "dürfen nicht mehr"));
        assert!(!matches("ban", "banner"));
        assert!(
            !matches("ban", "überban"),
            "a non-ASCII letter joins the word"
        );
        assert!(matches("für", "nur für dich"));
        assert!(!matches("für", "fürst"));
        assert!(matches("ban", "the ban, the ban"));
        assert!(matches("Entity List", "auf der entity list"));
    }

    #[test]
    fn a_rejected_match_does_not_hide_a_later_one() {
        let re = compile_any(["ban"]).expect("compiles");
        assert_eq!(re.find_iter("überban ban"), vec![9..12]);
    }

    #[test]
    fn groups_say_which_kind_matched() {
        let grouped = Grouped::compile(&[vec!["sell*"], vec!["selling to"]]).expect("compiles");
        assert_eq!(grouped.find("Äh, selling to them"), vec![(5..15, 1)]);
        assert_eq!(grouped.find("Sellers"), vec![(0..7, 0)]);
    }

    #[test]
    fn empty_lists_compile_to_nothing() {
        assert!(compile_any(Vec::<&str>::new()).is_none());
    }
}
