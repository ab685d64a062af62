//! The ban vocabulary of one language, compiled once: triggers per kind,
//! cues per kind, general ban words, lift and hedge words.

use std::ops::Range;

use regex::Regex;

use crate::lang::Lang;
use crate::text::wordpattern::compile_any;
use crate::vocab::{BanKinds, WordPattern};

/// A word in a sentence that reports a measure.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub span: Range<usize>,
    /// Index of the kind when the word names it ("Verkaufsverbot").
    pub kind: Option<usize>,
}

pub struct BanWords {
    pub notations: Vec<String>,
    triggers: Option<Regex>,
    trigger_kinds: Vec<Option<Regex>>,
    cues: Vec<Option<Regex>>,
    ban: Option<Regex>,
    lift: Option<Regex>,
    hedge: Option<Regex>,
    action: Option<Regex>,
    reference: Option<Regex>,
}

fn for_lang(patterns: &[WordPattern], lang: Lang) -> impl Iterator<Item = &str> {
    patterns
        .iter()
        .filter(move |p| p.lang.is_none_or(|l| l == lang))
        .map(|p| p.pattern.as_str())
}

impl BanWords {
    pub fn new(kinds: &BanKinds, lang: Lang) -> Self {
        Self {
            notations: kinds.kinds.iter().map(|k| k.notation.clone()).collect(),
            triggers: compile_any(kinds.kinds.iter().flat_map(|k| for_lang(&k.triggers, lang))),
            trigger_kinds: kinds
                .kinds
                .iter()
                .map(|k| compile_any(for_lang(&k.triggers, lang)))
                .collect(),
            cues: kinds
                .kinds
                .iter()
                .map(|k| compile_any(for_lang(&k.cues, lang)))
                .collect(),
            ban: compile_any(for_lang(&kinds.ban_words, lang)),
            lift: compile_any(for_lang(&kinds.lift_words, lang)),
            hedge: compile_any(for_lang(&kinds.hedge_words, lang)),
            action: compile_any(for_lang(&kinds.action_words, lang)),
            reference: compile_any(for_lang(&kinds.reference_words, lang)),
        }
    }

    /// The words of `sentence` that report a measure, in order; a named
    /// kind wins over a general ban word at the same place.
    pub fn triggers(&self, sentence: &str) -> Vec<Trigger> {
        let mut out: Vec<Trigger> = Vec::new();
        if let Some(re) = &self.triggers {
            for m in re.find_iter(sentence) {
                let kind = self
                    .trigger_kinds
                    .iter()
                    .position(|k| k.as_ref().is_some_and(|k| k.is_match(m.as_str())));
                out.push(Trigger {
                    span: m.range(),
                    kind,
                });
            }
        }
        if let Some(re) = &self.ban {
            for m in re.find_iter(sentence) {
                if !out
                    .iter()
                    .any(|t| t.span.start < m.end() && m.start() < t.span.end)
                {
                    out.push(Trigger {
                        span: m.range(),
                        kind: None,
                    });
                }
            }
        }
        out.sort_by_key(|t| t.span.start);
        out
    }

    /// The kind whose cue stands nearest to the trigger at `at` in
    /// `sentence`. A cue inside a multi-word trigger ("dürfen ... nicht
    /// mehr eingesetzt") is nearest of all; the trigger word itself as a cue
    /// ("gesperrt" for a service) counts as a little further away, so a
    /// cue right next to it can overrule it; on ties the longer cue wins.
    pub fn kind_by_cue(&self, sentence: &str, at: &Range<usize>) -> Option<usize> {
        const SELF_DISTANCE: usize = 40;
        let mut best: Option<(usize, std::cmp::Reverse<usize>, usize)> = None;
        for (kind, cue) in self.cues.iter().enumerate() {
            let Some(cue) = cue else { continue };
            for m in cue.find_iter(sentence) {
                let distance = if m.range() == *at {
                    SELF_DISTANCE
                } else if at.start <= m.start() && m.end() <= at.end {
                    0
                } else if m.start() >= at.end {
                    m.start() - at.end
                } else if m.end() <= at.start {
                    at.start - m.end()
                } else {
                    SELF_DISTANCE
                };
                let candidate = (distance, std::cmp::Reverse(m.len()), kind);
                if best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                    best = Some(candidate);
                }
            }
        }
        best.map(|(_, _, k)| k)
    }

    pub fn is_lifted(&self, sentence: &str) -> bool {
        self.lift.as_ref().is_some_and(|r| r.is_match(sentence))
    }

    /// Where `sentence` says an authority acts: ban words and action words.
    pub fn actions(&self, sentence: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = self
            .triggers(sentence)
            .into_iter()
            .map(|t| t.span)
            .collect();
        if let Some(re) = &self.action {
            out.extend(re.find_iter(sentence).map(|m| m.range()));
        }
        out.sort_by_key(|r| r.start);
        out
    }

    /// Words of `sentence` that refer back to a measure already reported.
    pub fn references(&self, sentence: &str) -> Vec<Range<usize>> {
        self.reference
            .as_ref()
            .map(|re| re.find_iter(sentence).map(|m| m.range()).collect())
            .unwrap_or_default()
    }

    pub fn has_action(&self, sentence: &str) -> bool {
        self.action.as_ref().is_some_and(|r| r.is_match(sentence))
    }

    /// Whether `sentence` only proposes, demands, considers or denies the
    /// measure at `at`: a hedge word anywhere before it, or after it in its
    /// clause ("ein Verbot sei nicht geplant").
    pub fn is_hedged_at(&self, sentence: &str, at: &Range<usize>) -> bool {
        let clause = clause_around(sentence, at);
        self.hedge
            .as_ref()
            .is_some_and(|r| r.is_match(&sentence[..clause.end.max(at.end)]))
    }
}

/// The clause around `at`: commas, semicolons, colons and a few
/// conjunctions that start a new statement ("while", "während") bound it.
pub fn clause_around(sentence: &str, at: &Range<usize>) -> Range<usize> {
    const BREAKS: &[&str] = &[
        ",",
        ";",
        ":",
        " while ",
        " während ",
        " but ",
        " aber ",
        " after ",
        " nachdem ",
        " because ",
        " weil ",
        " although ",
        " obwohl ",
    ];
    let is_break = |i: usize, b: &str| {
        // "Co., Ltd." and "1,500" are no clause boundaries.
        b != "," || {
            let next = sentence[i + 1..].trim_start();
            let legal = ["Ltd", "Inc", "LLC", "Co.", "Corp", "Limited"]
                .iter()
                .any(|l| next.starts_with(l));
            let digit = next.starts_with(|c: char| c.is_ascii_digit())
                && !sentence[i + 1..].starts_with(' ');
            !legal && !digit
        }
    };
    let before = &sentence[..at.start.min(sentence.len())];
    let start = BREAKS
        .iter()
        .flat_map(|b| {
            before
                .match_indices(b)
                .filter(|(i, _)| is_break(*i, b))
                .map(|(i, _)| i + b.len())
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap_or(0);
    let after_at = at.end.min(sentence.len());
    let end = BREAKS
        .iter()
        .flat_map(|b| {
            sentence[after_at..]
                .match_indices(b)
                .map(|(i, _)| after_at + i)
                .filter(|i| is_break(*i, b))
                .collect::<Vec<_>>()
        })
        .min()
        .unwrap_or(sentence.len());
    start..end
}
