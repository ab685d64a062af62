//! Day and month names: "20. Juli 2024", "July 20", "im Juni", "Juni 2024",
//! "in March last year".

use crate::date::PartialDate;
use crate::lang::Lang;

use super::calendar::{self, Orient};
use super::lexicon::{Lex, Prep, Rel, Unit};
use super::tokens::{Gap, Kind};
use super::{Found, Scan};

/// Month names only German uses: English order ("Juli 20") is not German.
const GERMAN_ONLY: &[&str] = &[
    "januar", "jänner", "februar", "feber", "märz", "maerz", "mai", "juni", "juli", "oktober",
    "dezember", "mär", "mrz", "okt", "dez",
];

/// A year given relative to another.
#[derive(Clone, Copy, Debug)]
enum YearRef {
    Offset(i32),
    Same,
}

impl Scan<'_> {
    /// Day before month: "20. Juli", "20.Juli", "20 July", "20th (of) July".
    /// Returns day, month and the token after the month.
    pub(super) fn day_first(&self, i: usize) -> Option<(u32, u32, usize)> {
        let day = self.day_number(i)?;
        let mut j = i + 1;
        let ordinal_dot = self.punct(j) == Some('.') && self.glued(j);
        if ordinal_dot {
            if self.kind(i) != Some(Kind::Num) {
                return None;
            }
            j += 1;
        } else if self.kind(i) == Some(Kind::Num) && self.glued(j) {
            return None;
        } else if self.kind(i) == Some(Kind::Code) && self.is(j, "of") {
            j += 1;
        }
        let (month, after) = self.month_name(j)?;
        Some((day, month, after))
    }

    /// A day number: 1 to 31, plain or as "20th".
    pub(super) fn day_number(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        let text = &self.text[t.start..t.end];
        let digits = match t.kind {
            Kind::Num => text,
            Kind::Code => {
                let split = text.find(|c: char| !c.is_ascii_digit())?;
                let suffix = &text[split..];
                if !["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| suffix.eq_ignore_ascii_case(s))
                {
                    return None;
                }
                &text[..split]
            }
            _ => return None,
        };
        if digits.is_empty() || digits.len() > 2 {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    }

    /// A capitalised month name at `i` (an abbreviation with its dot);
    /// returns the month and the token after it.
    pub(super) fn month_name(&self, i: usize) -> Option<(u32, usize)> {
        let Some(Lex::Month { month, abbr }) = self.lex(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut after = i + 1;
        if abbr {
            if self.punct(after) == Some('.') && self.glued(after) {
                after += 1;
            } else if self.day_number(after).is_none() && self.year_at(after).is_none() {
                return None;
            }
        }
        Some((u32::from(month), after))
    }

    /// Completes a day and month with a year: explicit, relative ("vergangenen
    /// Jahres") or from the publication date.
    pub(super) fn day_month(
        &self,
        start: usize,
        cue: usize,
        day: u32,
        month: u32,
        after: usize,
    ) -> Option<Found> {
        let comma = usize::from(self.punct(after) == Some(','));
        if let Some(year) = self.year_at(after + comma) {
            let value = PartialDate::day(year, month, day)?;
            return Some(Found {
                start,
                end: after + comma + 1,
                value,
                confidence: 1.0,
            });
        }
        if let Some((end, year)) = self.year_suffix(after) {
            let year = self.resolve_year(year)?;
            let value = PartialDate::day(year, month, day)?;
            return Some(Found {
                start,
                end,
                value,
                confidence: 0.85,
            });
        }
        let orient = self.orient(cue, after, Orient::Nearest);
        let value = self.day_without_year(cue, month, day, orient)?;
        Some(Found {
            start,
            end: after,
            value,
            confidence: 0.85,
        })
    }

    pub(super) fn at_ordinal(&self, i: usize) -> Option<Found> {
        let (day, month, after) = self.day_first(i)?;
        self.day_month(i, i, day, month, after)
    }

    /// Month first: "July 20, 2024", "Jan. 12", "Juni 2024", "im Juni",
    /// "Mitte März", "in March last year", "im November desselben Jahres".
    pub(super) fn at_month(&self, i: usize) -> Option<Found> {
        let (month, after) = self.month_name(i)?;
        if let Some(f) = self.month_day(i, i, month, after) {
            return Some(f);
        }
        if let Some(year) = self.year_at(after) {
            let value = PartialDate::month(year, month)?;
            return Some(self.found_back(i, after + 1, value, 0.95));
        }
        if self.is(after, "of")
            && let Some(year) = self.year_at(after + 1)
        {
            let value = PartialDate::month(year, month)?;
            return Some(self.found_back(i, after + 2, value, 0.95));
        }
        if let Some((end, year)) = self.year_suffix(after) {
            let value = PartialDate::month(self.resolve_year(year)?, month)?;
            return Some(self.found_back(i, end, value, 0.8));
        }
        if !self.month_cue(i) {
            return None;
        }
        let orient = self.orient(i, i, Orient::Nearest);
        let value = self.month_without_year(i, month, orient)?;
        Some(self.found_back(i, after, value, 0.75))
    }

    /// "July 20", "July 20th, 2024" with the month at `month_tok`.
    pub(super) fn month_day(
        &self,
        start: usize,
        month_tok: usize,
        month: u32,
        after: usize,
    ) -> Option<Found> {
        let day = self.day_number(after)?;
        if self.lang == Lang::De && self.lower_is_any(month_tok, GERMAN_ONLY) {
            return None;
        }
        // Not an amount or a time: "March 5 million", "May 2.5", "June 3:30".
        if self.glued(after + 1)
            && matches!(self.punct(after + 1), Some('.' | ',' | ':' | '%'))
            && self.kind(after + 2) == Some(Kind::Num)
            && self.glued(after + 2)
        {
            return None;
        }
        if matches!(self.punct(after + 1), Some('%')) || self.lex(after + 1) == Some(Lex::Qty) {
            return None;
        }
        self.day_month(start, start, day, month, after + 1)
    }

    pub(super) fn lower_is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        words.iter().any(|x| w.to_lowercase() == *x)
    }

    /// Whether a month name without day or year is used as a date: after a
    /// preposition, "Anfang"/"Mitte"/"Ende", "last"/"this", or in a list.
    pub(super) fn month_cue(&self, i: usize) -> bool {
        let Some(p) = self.prev(i) else { return false };
        let before = self.prev(p);
        match self.kind(p) {
            Some(Kind::Punct('-')) => {
                self.glued(i) && self.glued(p) && before.is_some_and(|b| self.is(b, "mid"))
            }
            Some(Kind::Punct(',' | '/' | '–')) => before.is_some_and(|b| self.mention_ends_at(b)),
            Some(Kind::Word) => match self.lex(p) {
                Some(Lex::Prep(Prep::Of)) => before.is_some_and(|b| self.lex(b) == Some(Lex::Mod)),
                Some(Lex::Prep(_)) => !self.is(p, "um"),
                Some(Lex::Mod | Lex::Rel(Rel::Last | Rel::Next | Rel::This)) => true,
                Some(Lex::And) => before.is_some_and(|b| self.mention_ends_at(b)),
                _ => false,
            },
            _ => false,
        }
    }

    /// "vergangenen Jahres", "last year", "des Vorjahres", "desselben Jahres",
    /// "of that year" after a month or day; returns the end and the year.
    fn year_suffix(&self, i: usize) -> Option<(usize, YearRef)> {
        let mut k = i;
        for _ in 0..2 {
            if self.is(k, "of") || self.lex(k) == Some(Lex::Article) {
                k += 1;
            }
        }
        if !self.same_line(i, k) {
            return None;
        }
        match self.lex(k)? {
            Lex::PrevYear => Some((k + 1, YearRef::Offset(-1))),
            Lex::Rel(rel) => {
                let Some(Lex::Unit {
                    unit: Unit::Year,
                    plural: false,
                }) = self.lex(k + 1)
                else {
                    return None;
                };
                if !self.same_line(k, k + 1) {
                    return None;
                }
                let year = match rel {
                    Rel::Last => YearRef::Offset(-1),
                    Rel::Next => YearRef::Offset(1),
                    Rel::This => YearRef::Offset(0),
                    Rel::Same => YearRef::Same,
                    Rel::Previous | Rel::Following => return None,
                };
                Some((k + 2, year))
            }
            _ => None,
        }
    }

    /// A day and month without a year: in the year of an explicit date
    /// earlier in the same sentence ("am 7. Juli 2022 ..., am 8. Juli"),
    /// else placed relative to the publication date.
    pub(super) fn day_without_year(
        &self,
        at: usize,
        month: u32,
        day: u32,
        orient: Orient,
    ) -> Option<PartialDate> {
        match self.sentence_year(at) {
            Some(year) => PartialDate::day(year, month, day),
            None => calendar::day(self.published?, month, day, orient),
        }
    }

    /// A month without a year, like [`Self::day_without_year`].
    pub(super) fn month_without_year(
        &self,
        at: usize,
        month: u32,
        orient: Orient,
    ) -> Option<PartialDate> {
        match self.sentence_year(at) {
            Some(year) => PartialDate::month(year, month),
            None => calendar::month(self.published?, month, orient),
        }
    }

    fn sentence_year(&self, at: usize) -> Option<i32> {
        let (year, sentence) = self.explicit_year?;
        (self.toks.get(at)?.sentence == sentence).then_some(year)
    }

    pub(super) fn same_line(&self, a: usize, b: usize) -> bool {
        (a + 1..=b).all(|k| self.toks.get(k).is_some_and(|t| t.gap != Gap::Break))
    }

    fn resolve_year(&self, year: YearRef) -> Option<i32> {
        match year {
            YearRef::Offset(n) => Some(self.published?.year_value().checked_add(n)?),
            YearRef::Same => self.last_year,
        }
    }
}
