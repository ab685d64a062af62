//! The words around a span, as features see them: lower case, without
//! punctuation, at most a few.

use std::borrow::Cow;
use std::ops::Range;

/// Lower case, borrowed when it already is (most words of running text).
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
}

/// The `n`-th word before `span` (0 = the one right before), lower case.
pub fn before<'t>(text: &'t str, span: &Range<usize>, n: usize) -> Option<Cow<'t, str>> {
    text[..span.start]
        .split_whitespace()
        .rev()
        .map(clean)
        .filter(|w| !w.is_empty())
        .nth(n)
        .map(lower)
}

/// The `n`-th word after `span`, lower case.
pub fn after<'t>(text: &'t str, span: &Range<usize>, n: usize) -> Option<Cow<'t, str>> {
    text[span.end..]
        .split_whitespace()
        .map(clean)
        .filter(|w| !w.is_empty())
        .nth(n)
        .map(lower)
}

/// Whether punctuation stands right before `span` (after white space): a
/// sentence or clause starts there.
pub fn punctuated_before(text: &str, span: &Range<usize>) -> Option<char> {
    text[..span.start]
        .trim_end()
        .chars()
        .next_back()
        .filter(|c| !c.is_alphanumeric())
}

/// The words of `text`, lower case, without punctuation.
pub fn lower_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(clean)
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A word's shape: `X` for a run of capitals, `x` for lower case, `9`
/// for digits, other characters as they are ("Xx", "X", "xX", "X-Xx").
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            '9'
        } else {
            c
        };
        if !out.ends_with(s) || !s.is_alphanumeric() {
            out.push(s);
        }
    }
    out
}

/// The last `n` characters of a word, lower case.
pub fn suffix(word: &str, n: usize) -> String {
    let lower = word.to_lowercase();
    let count = lower.chars().count();
    lower.chars().skip(count.saturating_sub(n)).collect()
}

/// Index of the word of `sentence` that holds byte `at`.
pub fn word_index(sentence: &str, at: usize) -> usize {
    sentence[..at.min(sentence.len())]
        .split_whitespace()
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_a_span() {
        let text = "Laut der Behörde (BNetzA) muss Rosneft, sagte sie.";
        let at = text.find("Rosneft").unwrap();
        let span = at..at + 7;
        assert_eq!(before(text, &span, 0).as_deref(), Some("muss"));
        assert_eq!(before(text, &span, 1).as_deref(), Some("bnetza"));
        assert_eq!(after(text, &span, 0).as_deref(), Some("sagte"));
        assert_eq!(punctuated_before(text, &(0..4)), None);
    }

    #[test]
    fn shapes_and_suffixes() {
        assert_eq!(shape("Bayernoil"), "Xx");
        assert_eq!(shape("SEC"), "X");
        assert_eq!(shape("iPhone"), "xXx");
        assert_eq!(shape("Müller-Brot"), "Xx-Xx");
        assert_eq!(suffix("Genehmigung", 3), "ung");
    }
}
