//! Runs of capitalised words: every name-shaped stretch the other finders
//! left alone ("Bayernoil", "Notebooksbilliger", "West Wind Aviation").
//!
//! Tuned for recall: in German every noun is capitalised, so most runs are
//! no organisation at all. They are candidates only; the learned decision
//! (`crate::decide`) keeps the ones whose words, shape and context read
//! as an organisation. A hand-written scan rather than a regex: one pass
//! over the words, no Unicode classes to compile or run.

use std::ops::Range;

use super::Candidate;
use super::patterns::Scan;
use crate::extract::{Finder, OrgKind};

/// Lower-case words that may stand inside a name between capitalised
/// words ("Bank of America", "Amt für Statistik"). Not "and": "FCC and
/// Congress" are two.
const CONNECTORS: &[&str] = &["of", "for", "&", "für", "de", "du", "la", "del"];

/// At most this many words: longer runs are headlines in title case.
const MAX_WORDS: usize = 6;

impl Scan<'_> {
    /// Candidates for runs of capitalised words that do not overlap
    /// `taken` (what the other finders found).
    pub fn name_runs(&self, taken: &[Range<usize>], out: &mut Vec<Candidate>) {
        let mut run: Vec<Range<usize>> = Vec::new();
        let mut pending_connector = false;
        for token in tokens(self.text) {
            let word = &self.text[token.core.clone()];
            let capital = is_capitalised(word);
            if capital && run.len() < MAX_WORDS && !token.opens {
                run.push(token.core.clone());
                pending_connector = false;
            } else if !run.is_empty()
                && !pending_connector
                && CONNECTORS.contains(&word)
                && !token.closes
            {
                pending_connector = true;
                continue;
            } else {
                self.close(&mut run, taken, out);
                pending_connector = false;
                if capital {
                    run.push(token.core.clone());
                }
            }
            if token.closes {
                self.close(&mut run, taken, out);
                pending_connector = false;
            }
        }
        self.close(&mut run, taken, out);
    }

    fn close(&self, run: &mut Vec<Range<usize>>, taken: &[Range<usize>], out: &mut Vec<Candidate>) {
        let words = std::mem::take(run);
        // Leading function words, months and other non-names ("Die",
        // "Am Montag") are not part of a name; a place is ("Minsk
        // Automobile Factory", "Chinese Embassy").
        let start = words
            .iter()
            .position(|w| !self.stop.is_not_a_name(&self.text[w.clone()]));
        let Some(start) = start else {
            return;
        };
        let end = words
            .iter()
            .rposition(|w| !self.stop.is_not_a_name(&self.text[w.clone()]))
            .unwrap_or(start);
        if end < start {
            return;
        }
        let mut span = words[start].start..words[end].end;
        let mut finder = Finder::Run;
        // "Vossloh-Lokomotivsparte", "Ryanair-Passagiermaschine": a name in
        // front of a German compound noun. "Mercedes-Benz" stays whole.
        if start == end
            && let Some((front, last)) = self.text[span.clone()].rsplit_once('-')
            && last.chars().count() >= 6
            && last.chars().skip(1).all(char::is_lowercase)
            && front.chars().count() >= 2
            && self.places.word(front).is_none()
        {
            span = span.start..span.start + front.len();
            finder = Finder::Part;
        }
        if overlaps_any(taken, &span) {
            return;
        }
        let only_places = words[start..=end]
            .iter()
            .all(|w| self.places.word(&self.text[w.clone()]).is_some());
        // "Verbot", "Behörde", "Regulator Bans Sales": only common words.
        let only_common = words[start..=end]
            .iter()
            .all(|w| self.common.contains(&self.text[w.clone()]));
        if only_places || only_common || span.len() < 2 {
            return;
        }
        out.push(Candidate::new(span, finder, OrgKind::Other));
    }
}

/// Whether `span` overlaps any of `taken`, which is sorted by start: the
/// spans that start before `span` ends, looked at from the nearest back
/// (a scan of all of them per run made long articles quadratic).
fn overlaps_any(taken: &[Range<usize>], span: &Range<usize>) -> bool {
    let before_end = taken.partition_point(|t| t.start < span.end);
    // Spans are short: one that starts more than a few hundred bytes
    // earlier cannot reach `span`.
    taken[..before_end]
        .iter()
        .rev()
        .take_while(|t| t.start + 512 > span.start)
        .any(|t| span.start < t.end)
}

/// A word as written, without the punctuation around it.
struct Token {
    core: Range<usize>,
    /// Punctuation before it that starts something new ("(", a quote).
    opens: bool,
    /// Punctuation after it that ends a name (",", ".", ")", a quote).
    closes: bool,
}

fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut at = 0;
    text.split_inclusive(char::is_whitespace)
        .filter_map(move |piece| {
            let start = at;
            at += piece.len();
            let word = piece.trim_end();
            let lead = word.len() - word.trim_start_matches(is_edge_punctuation).len();
            let core = word.trim_start_matches(is_edge_punctuation);
            let core = core.trim_end_matches(|c: char| is_edge_punctuation(c) || c == '.');
            // "Inc." and "U.S." keep their dot: it is part of the word.
            let core_end = start + lead + core.len();
            if core.is_empty() {
                return None;
            }
            let trailing = &word[lead + core.len()..];
            Some(Token {
                core: start + lead..core_end,
                opens: lead > 0,
                closes: !trailing.is_empty() || piece.contains('\n'),
            })
        })
}

fn is_edge_punctuation(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '"'
            | '\''
            | '„'
            | '“'
            | '”'
            | '‚'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '–'
            | '—'
    )
}

/// "Bayernoil", "SEC", "iPhone", "X-Games", "50Hertz"; not "1.200" or "-".
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(a), _) if a.is_uppercase() => word.chars().any(char::is_alphabetic),
        (Some(a), Some(b)) if a.is_lowercase() && b.is_uppercase() => true,
        (Some(a), _) if a.is_ascii_digit() => {
            let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
            letters.starts_with(char::is_uppercase) && letters.chars().count() >= 2
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cores(text: &str) -> Vec<&str> {
        tokens(text).map(|t| &text[t.core]).collect()
    }

    #[test]
    fn tokens_lose_the_punctuation_around_them() {
        assert_eq!(
            cores("Die Firma („Bayernoil“) sagte: nein."),
            ["Die", "Firma", "Bayernoil", "sagte", "nein"]
        );
    }

    #[test]
    fn capitalised_words() {
        assert!(is_capitalised("Bayernoil"));
        assert!(is_capitalised("iPhone"));
        assert!(is_capitalised("SEC"));
        assert!(!is_capitalised("1.200"));
        assert!(is_capitalised("50Hertz"));
        assert!(!is_capitalised("2024"));
        assert!(!is_capitalised("bank"));
    }
}
