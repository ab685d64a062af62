//! Sentence boundaries for news text as scrapers leave it.
//!
//! Scraped articles lose spaces after full stops ("Höhe.Das US Department"),
//! keep headlines and teaser lines without any punctuation, and are full of
//! abbreviations and German ordinals ("am 20. Juli"). Each line is therefore
//! at least one sentence, and a full stop ends a sentence only when what
//! follows looks like the start of one and what precedes is no abbreviation
//! or ordinal number.

use std::ops::Range;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "mr", "mrs", "ms", "dr", "prof", "st", "jr",
    "sr", "vs", "etc", "no", "nr", "ca", "bzw", "vgl", "z", "b", "u", "a", "d", "h", "dt", "engl",
    "franz", "ggf", "inkl", "evtl", "usw", "sog", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "okt", "nov", "dec", "dez", "gen", "rep", "sen", "gov", "dept", "mio",
    "mrd", "bn", "tsd", "abs", "art", "fig", "vol", "approx", "e", "i", "s",
];

/// Splits `text` into sentences: byte ranges, trimmed of surrounding white
/// space, in text order, never empty.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut sentence_start = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut after = i + 1;
            while after < end && matches!(bytes[after], b'"' | b'\'' | b')' | b'.' | b'!' | b'?') {
                after += 1;
            }
            if after < end && ends_sentence(text, sentence_start, i, after, end) {
                push_trimmed(text, sentence_start, after, out);
                sentence_start = after;
            }
            i = after;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, sentence_start, end, out);
}

/// Whether the punctuation at `stop` (what follows starting at `after`) ends
/// a sentence.
fn ends_sentence(text: &str, sentence_start: usize, stop: usize, after: usize, end: usize) -> bool {
    let rest = &text[after..end];
    let next_word = rest.trim_start();
    let spaced = next_word.len() < rest.len();
    let Some(first) = next_word.chars().next() else {
        return false;
    };
    if text.as_bytes()[stop] != b'.' {
        return spaced || first.is_uppercase();
    }
    let word_before = last_word(&text[sentence_start..stop]);
    if is_abbreviation(word_before) {
        return false;
    }
    let starts_like_sentence = first.is_uppercase() || first == '"' || first == '„' || first == '“';
    if !spaced {
        // "Höhe.Das": glued sentences, but not "U.S." or "Co.,Ltd" or "3.5.2023".
        let second = next_word.chars().nth(1);
        return first.is_uppercase()
            && second.is_some_and(char::is_lowercase)
            && word_before.chars().count() > 1;
    }
    if word_before.bytes().all(|b| b.is_ascii_digit()) && !word_before.is_empty() {
        // German ordinals ("am 20. Juli"): a short number then a capital.
        return word_before.len() > 2 && starts_like_sentence;
    }
    starts_like_sentence || first.is_ascii_digit()
}

fn last_word(s: &str) -> &str {
    let trimmed = s.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &trimmed[start..]
}

fn is_abbreviation(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true; // initials and "U.S."
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn lines_are_sentences() {
        assert_eq!(
            sentences("Headline without stop\n\nFirst one. Second one."),
            vec!["Headline without stop", "First one.", "Second one."]
        );
    }

    #[test]
    fn glued_sentences_are_split() {
        assert_eq!(
            sentences("Sie zahlt eine Abfindung.Das Amt hatte im Juni entschieden."),
            vec![
                "Sie zahlt eine Abfindung.",
                "Das Amt hatte im Juni entschieden."
            ]
        );
    }

    #[test]
    fn ordinals_abbreviations_and_dates_do_not_split() {
        let text =
            "Ab dem 20. Juli 2024 gilt es. Die Acme Inc. und die U.S. Army am 3.5.2023 auch.";
        assert_eq!(
            sentences(text),
            vec![
                "Ab dem 20. Juli 2024 gilt es.",
                "Die Acme Inc. und die U.S. Army am 3.5.2023 auch."
            ]
        );
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\n").is_empty());
    }
}
