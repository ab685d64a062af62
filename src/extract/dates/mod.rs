//! Dates, months and years in German and English article text.
//!
//! The text is split once into tokens (words, numbers, punctuation) and each
//! word is looked up once in a lexicon built in [`DateExtractor::new`]; the
//! rules then read the tokens around a *head* (a number, a month or weekday
//! name, "Jahr"/"year", "gestern"...) from left to right. An expression is
//! taken whole, so the longest reading wins ("20. Juli 2024" is one day, not
//! also a month and a year), and no token belongs to two mentions.
//!
//! Explicit dates keep the precision the text gives. Dates without a year,
//! weekdays and relative expressions ("im vergangenen Jahr", "last
//! Tuesday") are resolved against the publication date and dropped when
//! there is none:
//!
//! - a day or month without a year takes the year of an explicit date
//!   earlier in its sentence, else the occurrence nearest the publication
//!   date (the earlier one on a tie), unless the expression or its sentence
//!   points to the past ("seit", "had", "hatte") or the future ("ab",
//!   "bis", "will", "soll");
//! - a weekday is the latest such day on or before the publication date
//!   (the publication day itself included), the next one for forward-looking
//!   phrases ("ab Donnerstag", "next Tuesday"); in an article dated only to
//!   the month it is that month;
//! - "desselben Jahres", "the day before", "im Jahr darauf" follow the last
//!   date mentioned.
//!
//! Spans: explicit days span the date alone ("20. Juli 2024", "June 9");
//! other expressions include the cue words that make them dates ("im Juni",
//! "seit 2005", "am Donnerstag", "last year", "bis Ende 2026").

mod calendar;
mod days;
mod lexicon;
mod numbers;
mod relative;
mod tokens;

#[cfg(test)]
mod tests;

use crate::date::{PartialDate, Precision};
use crate::lang::Lang;

use super::{DateMention, Document, Evidence, Extractor, Facts};
use lexicon::{Lex, Lexicon, Prep};
use tokens::{Gap, Kind, Tok};

/// Finds calendar dates, months and years and resolves relative ones.
pub struct DateExtractor {
    lexicon: Lexicon,
}

impl Default for DateExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl DateExtractor {
    pub fn new() -> Self {
        Self {
            lexicon: lexicon::build(),
        }
    }

    /// Every date expression in `text`, in text order, with byte spans into
    /// `text`. Relative expressions need `published`.
    pub fn find_dates(
        &self,
        text: &str,
        lang: Lang,
        published: Option<PartialDate>,
    ) -> Vec<DateMention> {
        let toks = tokens::tokenize(text, &self.lexicon);
        let mut scan = Scan {
            text,
            toks: &toks,
            lang,
            published,
            out: Vec::new(),
            floor: 0,
            last_end: None,
            last_year: None,
            last_month: None,
            last_day: None,
            explicit_year: None,
        };
        scan.run();
        scan.out
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn extract(&self, doc: &Document<'_>, facts: &mut Facts) {
        facts
            .dates
            .extend(self.find_dates(doc.text, doc.lang, doc.published));
    }
}

/// A date expression over tokens `start..end`.
#[derive(Clone, Copy, Debug)]
struct Found {
    start: usize,
    end: usize,
    value: PartialDate,
    confidence: f32,
}

/// One pass over one text.
struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lang: Lang,
    published: Option<PartialDate>,
    out: Vec<DateMention>,
    /// Tokens before this belong to earlier mentions.
    floor: usize,
    /// End (exclusive token index) of the last mention.
    last_end: Option<usize>,
    /// Year, month and day of the last mentions at those precisions, for
    /// "desselben Jahres", "im selben Monat", "the day before".
    last_year: Option<i32>,
    last_month: Option<PartialDate>,
    last_day: Option<PartialDate>,
    /// Year and sentence of the last date with its year written out and at
    /// least a month.
    explicit_year: Option<(i32, u32)>,
}

impl Scan<'_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            let found = if self.toks[i].url { None } else { self.at(i) };
            match found {
                Some(f) if f.end > i && f.start <= i && f.end <= self.toks.len() => {
                    self.emit(f);
                    i = f.end;
                }
                _ => i += 1,
            }
        }
    }

    fn emit(&mut self, f: Found) {
        let start = f.start.max(self.floor);
        let span = self.toks[start].start..self.toks[f.end - 1].end;
        self.out.push(DateMention {
            value: f.value,
            evidence: Evidence::new(span, f.confidence),
        });
        self.floor = f.end;
        self.last_end = Some(f.end);
        self.last_year = Some(f.value.year_value());
        if f.value.precision() != Precision::Year {
            self.last_month = Some(f.value.truncate(Precision::Month));
        }
        if f.value.precision() == Precision::Day {
            self.last_day = Some(f.value);
        }
        let year = f.value.year_value();
        let written = self.toks[start..f.end].iter().any(|t| {
            t.kind == Kind::Num
                && self.text[t.start..t.end].parse() == Ok(year)
                && t.end - t.start == 4
        });
        if written && f.value.precision() != Precision::Year {
            self.explicit_year = Some((year, self.toks[start].sentence));
        }
    }

    /// The mention whose head is token `i`, if any.
    fn at(&self, i: usize) -> Option<Found> {
        let tok = &self.toks[i];
        match tok.kind {
            Kind::Num => self.at_number(i),
            Kind::Code => self.at_ordinal(i),
            Kind::Word => match tok.lex? {
                Lex::Month { .. } => self.at_month(i),
                Lex::Weekday { day, part } => self.at_weekday(i, day, part),
                Lex::Unit { unit, plural } => self.at_unit(i, unit, plural),
                Lex::PrevYear => self.relative_year(i, i + 1, -1, 0.7),
                Lex::FollowingYear => self.chained_year(i, i + 1, 1),
                Lex::PrevMonth => {
                    let value = calendar::shift_months(self.published?, -1)?;
                    Some(self.found_back(i, i + 1, value, 0.7))
                }
                Lex::YearEdge if self.year_at(i + 1).is_none() => {
                    self.relative_year(i, i + 1, 0, 0.7)
                }
                Lex::DayShift(days) => self.at_day_shift(i, days),
                Lex::DayChain(days) => self.chained_day(i, i + 1, days),
                Lex::Tags => match self.lex(i + 1) {
                    Some(Lex::Chain(days)) => self.chained_day(i, i + 2, days),
                    _ => None,
                },
                Lex::Holiday(h) => self.at_holiday(i, h),
                Lex::Season(month) => self.at_season(i, month),
                _ => None,
            },
            Kind::Punct(_) => None,
        }
    }

    fn found_back(&self, head: usize, end: usize, value: PartialDate, confidence: f32) -> Found {
        Found {
            start: self.extend_back(head),
            end,
            value,
            confidence,
        }
    }

    /// Moves the start of an expression back over the cue words before it
    /// ("bis Ende", "im vergangenen", "by the end of", "mid-").
    fn extend_back(&self, head: usize) -> usize {
        let mut start = head;
        for _ in 0..6 {
            let Some(p) = self.prev(start) else { break };
            if p < self.floor {
                break;
            }
            let tok = &self.toks[p];
            let ok = match (tok.kind, tok.lex) {
                (Kind::Punct('-'), _) => {
                    self.glued(start)
                        && self.glued(p)
                        && self.prev(p).is_some_and(|q| self.is(q, "mid"))
                }
                (Kind::Code, _) => {
                    let code = &self.text[tok.start..tok.end];
                    code.len() == 2
                        && code.starts_with(['Q', 'H'])
                        && self.toks[start].kind == Kind::Num
                }
                (
                    Kind::Word,
                    Some(
                        Lex::Prep(
                            Prep::In
                            | Prep::On
                            | Prep::Since
                            | Prep::From
                            | Prep::Until
                            | Prep::Of
                            | Prep::Weak,
                        )
                        | Lex::Mod
                        | Lex::Rel(_)
                        | Lex::Season(_)
                        | Lex::Period
                        | Lex::Ordinal
                        | Lex::Chain(_),
                    ),
                ) => true,
                (
                    Kind::Word,
                    Some(Lex::Unit {
                        unit: lexicon::Unit::Year,
                        plural: _,
                    }),
                ) => self.toks[start].kind == Kind::Num,
                (Kind::Word, Some(Lex::Article)) => matches!(
                    self.lex(start),
                    Some(
                        Lex::Mod
                            | Lex::Rel(_)
                            | Lex::Period
                            | Lex::Ordinal
                            | Lex::Unit { .. }
                            | Lex::Season(_)
                    )
                ),
                _ => false,
            };
            if !ok {
                break;
            }
            start = p;
        }
        start
    }

    // Token access; every accessor tolerates indices past the end.

    fn lex(&self, i: usize) -> Option<Lex> {
        self.toks.get(i).and_then(|t| t.lex)
    }

    fn word(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(word)
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        !w.is_empty() && words.iter().any(|x| w.eq_ignore_ascii_case(x))
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Whether token `i` touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap == Gap::None)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// Value and number of digits of a number token (`u32::MAX` if huge).
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Num)?;
        let digits = &self.text[t.start..t.end];
        Some((digits.parse().unwrap_or(u32::MAX), digits.len()))
    }

    /// The token before `i` in the same sentence.
    fn prev(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        let p = i.checked_sub(1)?;
        (t.gap != Gap::Break && self.toks[p].sentence == t.sentence).then_some(p)
    }

    /// The token after `i` in the same sentence.
    fn next(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        let n = self.toks.get(i + 1)?;
        (n.gap != Gap::Break && n.sentence == t.sentence).then_some(i + 1)
    }

    /// Whether the last mention ends with token `i`.
    fn mention_ends_at(&self, i: usize) -> bool {
        self.last_end == Some(i + 1)
    }

    /// Whether token `i` opens a sentence (quotes and brackets aside).
    fn starts_sentence(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..4 {
            let Some(p) = self.prev(k) else { return true };
            match self.punct(p) {
                Some('"' | '„' | '“' | '»' | '«' | '\'' | '(' | '[') => k = p,
                Some('.' | '!' | '?' | ':' | ';' | '•' | '–' | '—') => return !self.glued(k),
                _ => return false,
            }
        }
        false
    }
}
