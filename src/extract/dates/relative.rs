//! Weekdays, relative expressions ("im vergangenen Jahr", "last month",
//! "gestern", "the day before") and holidays.

use crate::date::{PartialDate, Precision};

use super::calendar::{self, Orient};
use super::lexicon::{Holiday, Lex, Prep, Rel, Tense, Unit};
use super::tokens::Kind;
use super::{Found, Scan};

impl Scan<'_> {
    /// "am Donnerstag", "on Friday", "last Tuesday", "Montagabend",
    /// "Wednesday, March 2", "Mittwoch, 2. März".
    pub(super) fn at_weekday(&self, i: usize, day: u8, part: bool) -> Option<Found> {
        if !self.cap(i) {
            return None;
        }
        // A full date after the weekday.
        let mut j = i + 1;
        if self.punct(j) == Some(',') {
            j += 1;
        }
        if self.is_any(j, &["den", "the"]) {
            j += 1;
        }
        if self.same_line(i, j) {
            if let Some((d, m, after)) = self.day_first(j) {
                return self.day_month(i, i, d, m, after);
            }
            if let Some((m, after)) = self.month_name(j)
                && let Some(f) = self.month_day(i, j, m, after)
            {
                return Some(f);
            }
        }
        let english = self.word(i).to_ascii_lowercase().ends_with("day");
        let prev = self.prev(i);
        // "on a Tuesday", "jeden Montag" name no particular day.
        if prev.is_some_and(|p| {
            self.is_any(
                p,
                &[
                    "a", "an", "every", "each", "any", "jeden", "jedem", "einem", "einen",
                ],
            )
        }) {
            return None;
        }
        let cue = prev.and_then(|p| self.lex(p));
        let cued = matches!(
            cue,
            Some(Lex::Prep(
                Prep::On | Prep::Since | Prep::From | Prep::Until | Prep::Of | Prep::Around
            )) | Some(Lex::Rel(Rel::Last | Rel::Next | Rel::This))
        );
        let cued = cued || prev.is_some_and(|p| self.is(p, "zu"));
        if cued {
            // "Welt am Sonntag", "Mail on Sunday" are newspapers.
            let paper = prev
                .and_then(|p| self.prev(p))
                .is_some_and(|q| self.lex(q) == Some(Lex::Paper));
            if paper {
                return None;
            }
        } else if !part {
            if !english {
                return None;
            }
            // "Black Friday", "Super Tuesday", "Sunday Times" are names.
            let named_before = prev.is_some_and(|p| {
                self.kind(p) == Some(Kind::Word)
                    && self.cap(p)
                    && self.lex(p).is_none()
                    && !self.starts_sentence(p)
            });
            let named_after = self.next(i).is_some_and(|n| {
                self.kind(n) == Some(Kind::Word)
                    && self.cap(n)
                    && matches!(self.lex(n), None | Some(Lex::Paper | Lex::Qty))
            });
            if named_before || named_after {
                return None;
            }
        }
        let mut end = i + 1;
        if self
            .next(i)
            .is_some_and(|n| matches!(self.lex(n), Some(Lex::DayPart)) || self.is(n, "Morgen"))
        {
            end += 1;
        }
        let published = self.published?;
        let this = matches!(cue, Some(Lex::Rel(Rel::This)));
        let value = match self.week_after(end) {
            // "am Mittwoch vergangener Woche", "on Tuesday next week".
            Some((weeks, week_end)) => {
                end = week_end;
                calendar::weekday_in_week(published, day, weeks)?
            }
            // "this Friday", "an diesem Dienstag": the publication week.
            None if this => calendar::weekday_in_week(published, day, 0)?,
            None => calendar::weekday(published, day, self.orient(i, i, Orient::Past))?,
        };
        let confidence = match published.precision() {
            Precision::Day => 0.8,
            Precision::Month => 0.5,
            Precision::Year => 0.3,
        };
        Some(self.found_back(i, end, value, confidence))
    }

    /// "(der) vergangenen Woche", "last week", "next week" at `i`: the week
    /// offset and the end of the phrase.
    fn week_after(&self, i: usize) -> Option<(i64, usize)> {
        let k = if self.is(i, "der") { i + 1 } else { i };
        let weeks = match self.lex(k)? {
            Lex::Rel(Rel::Last) => -1,
            Lex::Rel(Rel::Next) => 1,
            Lex::Rel(Rel::This) => 0,
            _ => return None,
        };
        (self.is_any(k + 1, &["woche", "week"]) && self.same_line(i, k + 1))
            .then_some((weeks, k + 2))
    }

    /// Which way a recurring day or month points, from the cue words just
    /// before it and the tense of its sentence.
    pub(super) fn orient(&self, first: usize, last: usize, default: Orient) -> Orient {
        let (mut past, mut future) = (0, 0);
        let mut k = first;
        for _ in 0..3 {
            let Some(p) = self.prev(k) else { break };
            match self.lex(p) {
                Some(Lex::Rel(Rel::Last)) => return Orient::PastStrict,
                Some(Lex::Rel(Rel::Next)) => return Orient::FutureStrict,
                Some(Lex::Prep(Prep::Since)) => past += 4,
                Some(Lex::Prep(Prep::From)) => future += 4,
                Some(Lex::Prep(Prep::Until)) => future += 2,
                Some(Lex::Prep(_) | Lex::Mod | Lex::Article | Lex::Rel(_)) => {}
                _ => break,
            }
            k = p;
        }
        let sentence = self.toks[first].sentence;
        let lo = first.saturating_sub(12);
        let hi = (last + 8).min(self.toks.len());
        let (mut saw_past, mut saw_future) = (false, false);
        for t in &self.toks[lo..hi] {
            if t.sentence != sentence {
                continue;
            }
            match t.lex {
                Some(Lex::Aux(Tense::Past) | Lex::Ago) => saw_past = true,
                Some(Lex::Aux(Tense::Future)) => saw_future = true,
                _ => {}
            }
        }
        past += 3 * i32::from(saw_past);
        future += 3 * i32::from(saw_future);
        if future > past {
            Orient::Future
        } else if past > future {
            if default == Orient::Nearest {
                Orient::Past
            } else {
                default
            }
        } else {
            default
        }
    }

    // ------------------------------------------------------ relative expressions

    /// Heads "Jahr"/"year", "Monat"/"month", "Tag"/"day" and their plurals.
    pub(super) fn at_unit(&self, i: usize, unit: Unit, plural: bool) -> Option<Found> {
        if self.year_at(i + 1).is_some() {
            return None; // "im Jahr 2023": the number is the head
        }
        let p = self.prev(i);
        let before = p.and_then(|p| self.prev(p));
        let next = self.next(i);
        let ago_after = next.is_some_and(|n| self.lex(n) == Some(Lex::Ago));
        let vor_before = before.is_some_and(|b| self.is(b, "vor"));
        let later_after = next.is_some_and(|n| self.lex(n) == Some(Lex::Chain(1)));
        let count = p.and_then(|p| match self.lex(p) {
            Some(Lex::NumWord(n)) => Some(i32::from(n)),
            _ => self
                .num(p)
                .filter(|&(v, len)| len <= 2 && v >= 1)
                .map(|(v, _)| v as i32),
        });
        if plural {
            let count = count.filter(|&n| n >= 2)?;
            if unit == Unit::Year && later_after {
                // "zwei Jahre später", "two years later".
                return self.chained_year(p?, i + 2, count);
            }
            // "two years ago", "vor drei Monaten", "vor zwei Tagen".
            if !ago_after && !vor_before {
                return None;
            }
            let end = if ago_after { i + 2 } else { i + 1 };
            let start = if ago_after { p? } else { before? };
            let published = self.published?;
            let value = match unit {
                Unit::Year => calendar::shift_years(published, -count)?,
                Unit::Month => calendar::shift_months(published, -count)?,
                Unit::Day => calendar::shift_days(published, -i64::from(count))?,
            };
            return Some(Found {
                start,
                end,
                value,
                confidence: 0.7,
            });
        }
        if self.is(i, "Year") && p.is_some_and(|p| self.is(p, "New")) {
            return self.new_year(i);
        }
        let p = p?;
        let one = count == Some(1) && self.kind(p) == Some(Kind::Word);
        if unit == Unit::Year {
            // "a year later", "ein Jahr später", "im Jahr darauf", "the following year".
            let framed = one || matches!(self.lex(p), Some(Lex::Prep(Prep::In) | Lex::Article));
            if framed && later_after {
                return self.chained_year(p, i + 2, 1);
            }
            if self.lex(p) == Some(Lex::Rel(Rel::Following)) {
                return self.chained_year(p, i + 1, 1);
            }
        }
        match unit {
            Unit::Year | Unit::Month => {
                let offset = match self.lex(p)? {
                    // "over the last year" is a duration.
                    Lex::Rel(Rel::Last) if before.is_some_and(|b| self.is(b, "the")) => {
                        return None;
                    }
                    Lex::Rel(Rel::Last) => -1,
                    Lex::Rel(Rel::Next) => 1,
                    Lex::Rel(Rel::This) => 0,
                    Lex::Rel(Rel::Same) => {
                        let value = match unit {
                            Unit::Year => PartialDate::year(self.last_year?)?,
                            _ => self.last_month?,
                        };
                        return Some(self.found_back(i, i + 1, value, 0.6));
                    }
                    // "Ende des Jahres", "by the end of the year", "im Laufe des Jahres".
                    Lex::Article if self.is_any(p, &["the", "des"]) && self.framed_by_mod(p) => 0,
                    Lex::NumWord(1) if ago_after || vor_before => -1,
                    _ => return None,
                };
                let end = if one && ago_after { i + 2 } else { i + 1 };
                let start_at = match (one, vor_before) {
                    (true, true) => before?,
                    (true, false) => p,
                    _ => i,
                };
                let published = self.published?;
                let value = match unit {
                    Unit::Year => calendar::shift_years(published, offset)?,
                    _ => calendar::shift_months(published, offset)?,
                };
                Some(self.found_back(start_at, end, value, 0.75))
            }
            Unit::Day => self.chained_unit_day(i, p, before, next),
        }
    }

    /// The year of the last mention moved forward ("im Folgejahr").
    pub(super) fn chained_year(&self, start: usize, end: usize, years: i32) -> Option<Found> {
        let value = PartialDate::year(self.last_year?.checked_add(years)?)?;
        Some(self.found_back(start, end, value, 0.5))
    }

    /// "the day before", "the previous day", "a day later", "am nächsten Tag",
    /// "am selben Tag", "einen Tag zuvor": relative to the last day mentioned.
    pub(super) fn chained_unit_day(
        &self,
        i: usize,
        p: usize,
        before: Option<usize>,
        next: Option<usize>,
    ) -> Option<Found> {
        let after_word = next.and_then(|n| match self.lex(n) {
            Some(Lex::Chain(d)) => Some((d, false)),
            Some(Lex::Prep(Prep::Around)) if self.is_any(n, &["before"]) => Some((-1, true)),
            Some(Lex::Prep(Prep::Around)) if self.is_any(n, &["after"]) => Some((1, true)),
            _ => None,
        });
        match (self.lex(p), after_word) {
            (
                Some(Lex::Article | Lex::NumWord(1) | Lex::Prep(Prep::On)),
                Some((d, preposition)),
            ) => {
                // "the day before the vote" refers to the vote, not to a date.
                let n = next?;
                let then = self.next(n);
                if preposition
                    && then
                        .is_some_and(|t| matches!(self.lex(t), Some(Lex::Article)) || self.cap(t))
                {
                    return None;
                }
                self.chained_day(p, n + 1, d)
            }
            (Some(Lex::Rel(Rel::Previous)), None) => self.chained_day(p, i + 1, -1),
            (Some(Lex::Rel(Rel::Next | Rel::Following)), None)
                if before.is_some_and(|b| self.is_any(b, &["the", "am"])) =>
            {
                self.chained_day(p, i + 1, 1)
            }
            (Some(Lex::Rel(Rel::Same)), None) => self.chained_day(p, i + 1, 0),
            _ => None,
        }
    }

    /// The last day mentioned, moved by `days`.
    pub(super) fn chained_day(&self, start: usize, end: usize, days: i8) -> Option<Found> {
        let anchor = self.last_day?;
        let value = calendar::shift_days(anchor, i64::from(days))?;
        Some(self.found_back(start, end, value, 0.6))
    }

    pub(super) fn framed_by_mod(&self, article: usize) -> bool {
        let Some(b) = self.prev(article) else {
            return false;
        };
        match self.lex(b) {
            Some(Lex::Mod) => true,
            Some(Lex::Prep(Prep::Of)) => {
                self.prev(b).is_some_and(|m| self.lex(m) == Some(Lex::Mod))
            }
            _ => false,
        }
    }

    /// "im Vorjahr", "Jahresende": the publication year moved by `offset`.
    pub(super) fn relative_year(
        &self,
        head: usize,
        end: usize,
        offset: i32,
        confidence: f32,
    ) -> Option<Found> {
        let value = calendar::shift_years(self.published?, offset)?;
        Some(self.found_back(head, end, value, confidence))
    }

    /// "gestern", "yesterday morning", "morgen", "vorgestern".
    pub(super) fn at_day_shift(&self, i: usize, days: i8) -> Option<Found> {
        if self.is(i, "morgen") {
            // "Morgen" is the morning; "heute morgen" this morning.
            let after_day_word = self.prev(i).is_some_and(|p| {
                self.is_any(
                    p,
                    &["heute", "gestern", "am", "jeden", "guten", "den", "dem"],
                )
            });
            if self.cap(i) || after_day_word {
                return None;
            }
        }
        let mut end = i + 1;
        if self
            .next(i)
            .is_some_and(|n| self.lex(n) == Some(Lex::DayPart) || self.is(n, "Abend"))
        {
            end += 1;
        }
        let value = calendar::shift_days(self.published?, i64::from(days))?;
        Some(Found {
            start: i,
            end,
            value,
            confidence: 0.85,
        })
    }

    /// "last fall", "im vergangenen Herbst", "this spring", "im Herbst
    /// vergangenen Jahres": the year of that season.
    pub(super) fn at_season(&self, i: usize, start_month: u8) -> Option<Found> {
        if self.year_at(i + 1).is_some() {
            return None; // "Herbst 2021": the number is the head
        }
        let rel = self.prev(i).and_then(|p| match self.lex(p) {
            Some(Lex::Rel(rel @ (Rel::Last | Rel::Next | Rel::This))) => Some(rel),
            _ => None,
        });
        let published = self.published?;
        let year = match rel {
            Some(rel) => {
                let py = published.year_value();
                let pm = published.month_value().unwrap_or(6) as i32;
                // Seasons by the months they span; one is over when its
                // last month is before the publication month.
                let start = i32::from(start_month);
                let key = |y: i32| y * 12 + start;
                let now = py * 12 + pm;
                match rel {
                    Rel::Last => (py - 1..=py).rev().find(|&y| key(y) + 2 < now)?,
                    Rel::Next => (py..=py + 1).find(|&y| key(y) > now)?,
                    _ => py,
                }
            }
            // "Herbst vergangenen Jahres" is read from "Jahres" on.
            None => return None,
        };
        let value = PartialDate::year(year)?;
        Some(self.found_back(i, i + 1, value, 0.6))
    }

    // --------------------------------------------------------------- holidays

    pub(super) fn at_holiday(&self, i: usize, holiday: Holiday) -> Option<Found> {
        let (month, day, end) = match holiday {
            Holiday::ChristmasEve => (12, 24, i + 1),
            Holiday::NewYear => (1, 1, i + 1),
            Holiday::Christmas
                if self.lex(i + 1) == Some(Lex::Holiday(Holiday::Eve)) && self.cap(i + 1) =>
            {
                (12, 24, i + 2)
            }
            Holiday::Silvester
                if self.prev(i).is_some_and(|p| {
                    self.is_any(p, &["an", "zu", "vor", "nach", "bis", "seit"])
                }) =>
            {
                (12, 31, i + 1)
            }
            _ => return None,
        };
        self.day_month(i, i, day, month, end)
    }

    /// "New Year's Day", "New Year's Eve" with the head at "Year".
    pub(super) fn new_year(&self, i: usize) -> Option<Found> {
        let apostrophe = matches!(self.punct(i + 1), Some('\'' | '’')) && self.is(i + 2, "s");
        if !apostrophe {
            return None;
        }
        let (month, day) = if self.is(i + 3, "Day") {
            (1, 1)
        } else if self.is(i + 3, "Eve") {
            (12, 31)
        } else {
            return None;
        };
        self.day_month(i - 1, i - 1, day, month, i + 4)
    }
}
