//! When a measure was decided and when it takes effect.

use std::ops::Range;

use crate::date::PartialDate;
use crate::extract::{DateMention, Document, Facts, OrgId};

/// Words before a date that say when a measure takes effect.
const EFFECTIVE_CUES: &[&str] = &[
    "ab",
    "ab dem",
    "ab der",
    "seit",
    "seit dem",
    "bis",
    "bis zum",
    "bis ende",
    "bis zum ende",
    "spätestens",
    "from",
    "since",
    "starting",
    "effective",
    "by",
    "by the end of",
    "until",
    "as of",
    "beginning",
    "took effect on",
    "takes effect on",
    "took effect",
    "applies from",
    "in force from",
    "gilt ab",
    "gilt seit",
    "within",
];

/// The decided and effective dates for the trigger at `trigger` (byte
/// range in the text): each date of the sentence belongs to the trigger
/// nearest to it.
pub fn for_trigger(
    doc: &Document<'_>,
    facts: &Facts,
    range: &Range<usize>,
    trigger: &Range<usize>,
    others: &[Range<usize>],
) -> (Option<PartialDate>, Option<PartialDate>) {
    let mut imposed = None;
    let mut effective = None;
    for mention in in_range(facts, range) {
        let at = mention.evidence.span.clone();
        let mine = distance(&at, trigger);
        if others.iter().any(|o| distance(&at, o) < mine) {
            continue;
        }
        if is_effective(doc, range, mention) {
            effective = effective.or(Some(mention.value));
        } else {
            imposed = imposed.or(Some(mention.value));
        }
    }
    (imposed, effective)
}

fn in_range<'f>(facts: &'f Facts, range: &Range<usize>) -> impl Iterator<Item = &'f DateMention> {
    let range = range.clone();
    // Dates are in text order: start at the first in the range.
    let first = facts
        .dates
        .partition_point(|d| d.evidence.span.start < range.start);
    facts.dates[first..]
        .iter()
        .take_while(move |d| d.evidence.span.start < range.end)
        .filter(move |d| d.evidence.span.end <= range.end)
}

fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.start >= b.end {
        a.start - b.end
    } else {
        b.start.saturating_sub(a.end)
    }
}

fn is_effective(doc: &Document<'_>, range: &Range<usize>, mention: &DateMention) -> bool {
    let lead = doc.text[range.start..mention.evidence.span.start].to_lowercase();
    let lead = lead.trim_end();
    let anchor = doc.text[mention.evidence.span.clone()].to_lowercase();
    EFFECTIVE_CUES.iter().any(|c| {
        lead.ends_with(&format!(" {c}")) || lead == *c || anchor.starts_with(&format!("{c} "))
    })
}

/// A decision date from around a measure's first report: the nearest
/// sentence (up to two away) that names the regulator and a date that is
/// not an effective date ("The FCC voted on Friday ...").
pub fn from_context(
    doc: &Document<'_>,
    facts: &Facts,
    sentence: usize,
    regulator: OrgId,
) -> Option<PartialDate> {
    let order = [
        sentence,
        sentence + 1,
        sentence.wrapping_sub(1),
        sentence + 2,
        sentence.wrapping_sub(2),
    ];
    for index in order {
        let Some(range) = doc.sentences.get(index) else {
            continue;
        };
        let names_regulator = crate::extract::context::mentions_in(facts, range.clone())
            .iter()
            .any(|(org, _)| *org == regulator);
        if !names_regulator {
            continue;
        }
        if let Some(date) = in_range(facts, range).find(|d| !is_effective(doc, range, d)) {
            return Some(date.value);
        }
    }
    None
}
