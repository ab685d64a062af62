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

use regex::{Regex, RegexBuilder};

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
    let mut out = String::from(r"\b");
    if prefix {
        out.push_str(LETTERS);
        out.push('*');
    }
    out.push_str(&regex::escape(core));
    if suffix {
        out.push_str(LETTERS);
        out.push('*');
    }
    if !core.ends_with(|c: char| !c.is_alphanumeric()) {
        out.push_str(r"\b");
    }
    out
}

/// `text` in lower case with every character keeping its byte length, so
/// offsets into the folded text are offsets into `text`.
pub fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_uppercase) {
        return std::borrow::Cow::Borrowed(text);
    }
    let folded = text
        .chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect();
    std::borrow::Cow::Owned(folded)
}

/// Word patterns compiled into one regex that matches regardless of case.
#[derive(Debug, Clone)]
pub struct WordRegex(Regex);

impl WordRegex {
    pub fn find_iter(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        self.0.find_iter(&fold(text)).map(|m| m.range()).collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(&fold(text))
    }
}

/// One regex matching any of `patterns` regardless of case; `None` when
/// the list is empty.
pub fn compile_any<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<WordRegex> {
    let parts: Vec<String> = patterns
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("(?:{})", to_regex(&fold(p))))
        .collect();
    if parts.is_empty() {
        return None;
    }
    RegexBuilder::new(&parts.join("|"))
        .size_limit(64 << 20)
        .build()
        .ok()
        .map(WordRegex)
}

/// One regex for several groups of patterns that says which group matched:
/// cheaper to build and to run than a regex per group.
#[derive(Debug, Clone)]
pub struct Grouped {
    regex: Regex,
    /// The caller's index of each capture group, in order.
    groups: Vec<usize>,
}

impl Grouped {
    /// `groups[i]` are the patterns of the caller's group `i`; empty
    /// groups are left out. `None` when all are empty.
    pub fn compile(groups: &[Vec<&str>]) -> Option<Self> {
        // One capture group per pattern, longer patterns first: the regex
        // takes the first alternative that matches at a place, and "selling
        // to" must win over "sell*".
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
        let parts: Vec<String> = patterns
            .iter()
            .map(|(p, _)| format!("({})", to_regex(&fold(p))))
            .collect();
        let regex = RegexBuilder::new(&parts.join("|"))
            .size_limit(64 << 20)
            .build()
            .ok()?;
        Some(Self {
            regex,
            groups: patterns.into_iter().map(|(_, i)| i).collect(),
        })
    }

    /// Every match in `text` with the caller's group index.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        self.regex
            .captures_iter(&fold(text))
            .filter_map(|caps| {
                let all = caps.get(0)?;
                let group = (1..caps.len()).find(|g| caps.get(*g).is_some())?;
                Some((all.range(), self.groups[group - 1]))
            })
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
        assert!(matches("Entity List", "auf der entity list"));
    }

    #[test]
    fn empty_lists_compile_to_nothing() {
        assert!(compile_any(Vec::<&str>::new()).is_none());
    }
}
