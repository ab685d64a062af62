//! The ban vocabulary of one language, compiled once: triggers per kind,
//! cues per kind, general ban words, lift and hedge words.

use std::ops::Range;
use std::sync::OnceLock;

use crate::text::wordpattern::WordRegex;

use crate::lang::Lang;
use crate::text::wordpattern::{Grouped, compile_any};
use crate::vocab::{BanKinds, WordPattern};

/// The ban vocabulary of both languages, compiled when a language is first
/// needed, shared by the ban and regulator extractors.
pub struct BanLexicon {
    kinds: BanKinds,
    german: OnceLock<BanWords>,
    english: OnceLock<BanWords>,
}

impl BanLexicon {
    pub fn new(kinds: &BanKinds) -> Self {
        Self {
            kinds: kinds.clone(),
            german: OnceLock::new(),
            english: OnceLock::new(),
        }
    }

    pub fn words(&self, lang: Lang) -> &BanWords {
        let cell = match lang {
            Lang::De => &self.german,
            Lang::En => &self.english,
        };
        cell.get_or_init(|| BanWords::new(&self.kinds, lang))
    }
}

/// How many triggers (or actions) of one sentence are looked at.
const MAX_PER_SENTENCE: usize = 8;

/// A word in a sentence that reports a measure.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub span: Range<usize>,
    /// Index of the kind: named by the word ("Verkaufsverbot") or by a cue
    /// near it.
    pub kind: Option<usize>,
    /// The word itself names the kind.
    pub named: bool,
}

pub struct BanWords {
    pub notations: Vec<String>,
    triggers: Option<Grouped>,
    cues: Option<Grouped>,
    ban: Option<WordRegex>,
    lift: Option<WordRegex>,
    hedge: Option<WordRegex>,
    action: Option<WordRegex>,
    reference: Option<WordRegex>,
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
            triggers: Grouped::compile(
                &kinds
                    .kinds
                    .iter()
                    .map(|k| for_lang(&k.triggers, lang).collect())
                    .collect::<Vec<_>>(),
            ),
            cues: Grouped::compile(
                &kinds
                    .kinds
                    .iter()
                    .map(|k| for_lang(&k.cues, lang).collect())
                    .collect::<Vec<_>>(),
            ),
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
        if let Some(grouped) = &self.triggers {
            for (span, kind) in grouped.find(sentence) {
                out.push(Trigger {
                    span,
                    kind: Some(kind),
                    named: true,
                });
            }
        }
        if let Some(re) = &self.ban {
            for m in re.find_iter(sentence) {
                if !out
                    .iter()
                    .any(|t| t.span.start < m.end && m.start < t.span.end)
                {
                    out.push(Trigger {
                        span: m,
                        kind: None,
                        named: false,
                    });
                }
            }
        }
        out.sort_by_key(|t| t.span.start);
        // Every trigger costs a few passes over its sentence; prose reports
        // a handful of measures per sentence, and a run-on "sentence" of
        // thousands must not make one article take seconds.
        out.truncate(MAX_PER_SENTENCE);
        out
    }

    /// The cues of `sentence`, with their kinds; look them up once per
    /// sentence and pass them to [`BanWords::kind_by_cue`].
    pub fn cues(&self, sentence: &str) -> Vec<(Range<usize>, usize)> {
        self.cues
            .as_ref()
            .map(|g| g.find(sentence))
            .unwrap_or_default()
    }

    /// The kind whose cue stands nearest to the trigger at `at`. A cue
    /// inside a multi-word trigger ("dürfen ... nicht mehr eingesetzt") is
    /// nearest of all; the trigger word itself as a cue ("gesperrt" for a
    /// service) counts as a little further away, so a cue right next to it
    /// can overrule it; on ties the longer cue wins.
    pub fn kind_by_cue(cues: &[(Range<usize>, usize)], at: &Range<usize>) -> Option<usize> {
        const SELF_DISTANCE: usize = 40;
        cues.iter()
            .map(|(m, kind)| {
                let distance = if m == at {
                    SELF_DISTANCE
                } else if at.start <= m.start && m.end <= at.end {
                    0
                } else if m.start >= at.end {
                    m.start - at.end
                } else if m.end <= at.start {
                    at.start - m.end
                } else {
                    SELF_DISTANCE
                };
                (distance, std::cmp::Reverse(m.len()), *kind)
            })
            .min_by_key(|(d, len, _)| (*d, *len))
            .map(|(_, _, k)| k)
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
            out.extend(re.find_iter(sentence).into_iter().take(MAX_PER_SENTENCE));
        }
        out.sort_by_key(|r| r.start);
        out.truncate(2 * MAX_PER_SENTENCE);
        out
    }

    /// Words of `sentence` that refer back to a measure already reported.
    pub fn references(&self, sentence: &str) -> Vec<Range<usize>> {
        self.reference
            .as_ref()
            .map(|re| re.find_iter(sentence))
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
