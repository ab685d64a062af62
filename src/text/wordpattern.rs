//! The word-pattern syntax of the vocabulary files, compiled to regexes.
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
            "**" => out.push_str(r"(?:[\s\u{a0}]+[\w'’.,-]+){0,16}?"),
            _ => {
                if i > 0 {
                    out.push_str(r"[\s\u{a0}]+");
                }
                if word == "*" {
                    out.push_str(r"[\w'’.-]+");
                } else {
                    out.push_str(&word_regex(word));
                }
            }
        }
    }
    out
}

fn word_regex(word: &str) -> String {
    let prefix = word.starts_with('*') && word.len() > 1;
    let suffix = word.ends_with('*') && word.len() > 1;
    let core = word.trim_matches('*');
    let mut out = String::from(r"\b");
    if prefix {
        out.push_str(r"\w*");
    }
    out.push_str(&regex::escape(core));
    if suffix {
        out.push_str(r"[\w-]*");
    }
    if !core.ends_with(|c: char| !c.is_alphanumeric()) {
        out.push_str(r"\b");
    }
    out
}

/// One case-insensitive regex matching any of `patterns`; `None` when the
/// list is empty.
pub fn compile_any<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<Regex> {
    let parts: Vec<String> = patterns
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("(?:{})", to_regex(p)))
        .collect();
    if parts.is_empty() {
        return None;
    }
    RegexBuilder::new(&parts.join("|"))
        .case_insensitive(true)
        .size_limit(64 << 20)
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        compile_any([pattern]).is_some_and(|r| r.is_match(text))
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
