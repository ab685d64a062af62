//! Numbers: day-first dates, numeric and ISO dates, and bare years.

use crate::date::PartialDate;
use crate::lang::Lang;

use super::calendar::Orient;
use super::lexicon::{Lex, Prep, Unit};
use super::tokens::Kind;
use super::{Found, Scan};

/// Years a bare number may stand for.
const BARE_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// How strongly the word before a number marks it as a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// Frames the number as a point in time ("Mitte 2023", "seit 2005", "Q3
    /// 2023"): even a following noun does not make it an amount.
    Frame,
    Strong,
    Weak,
    None,
}

/// What may follow a bare year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Follow {
    /// Any word but an amount's noun ("the 2019 Defense Act").
    Any,
    /// Anything but a capitalised noun or an amount's noun ("2017 wurde").
    Loose,
    /// Only punctuation and function words ("hatte schon 2017 ein ...").
    Strict,
}

impl Scan<'_> {
    pub(super) fn at_number(&self, i: usize) -> Option<Found> {
        let (v, len) = self.num(i)?;
        if self.glued(i) {
            match self.punct(i.wrapping_sub(1)) {
                Some('.' | ',' | ':')
                    if self.glued(i - 1) && self.kind(i.wrapping_sub(2)) == Some(Kind::Num) =>
                {
                    return None;
                }
                Some('$' | '€' | '£' | '¥' | '#' | '§' | '+' | '/' | '№' | '.' | ',') => {
                    return None;
                }
                _ => {}
            }
        }
        if self.lex(i.wrapping_sub(1)) == Some(Lex::QtyCue) && self.punct(i + 1) == Some('.') {
            return None; // "Version 2.1.2023", "Nr. 3.5"
        }
        if len <= 2 {
            if let Some((day, month, after)) = self.day_first(i) {
                return self.day_month(i, i, day, month, after);
            }
            if let Some(f) = self.range_start(i, v) {
                return Some(f);
            }
            return self.numeric_date(i, v, len);
        }
        if len == 4 {
            if let Some(f) = self.iso_date(i, v) {
                return Some(f);
            }
            return self.bare_year(i, v);
        }
        None
    }

    /// The first day of "1. und 2. Juli", "vom 3. bis 5. Mai 2023": it takes
    /// month and year from the second.
    pub(super) fn range_start(&self, i: usize, day: u32) -> Option<Found> {
        if !(1..=31).contains(&day) || self.punct(i + 1) != Some('.') || !self.glued(i + 1) {
            return None;
        }
        let link = i + 2;
        let linked = self.is_any(link, &["und", "bis", "oder", "and", "to"])
            || matches!(self.punct(link), Some('-' | '–'));
        if !linked || self.num(link + 1).is_none() {
            return None;
        }
        let (_, month, after) = self.day_first(link + 1)?;
        let comma = usize::from(self.punct(after) == Some(','));
        let value = match self.year_at(after + comma) {
            Some(year) => PartialDate::day(year, month, day)?,
            None => {
                let orient = self.orient(i, after, Orient::Nearest);
                self.day_without_year(i, month, day, orient)?
            }
        };
        Some(Found {
            start: i,
            end: i + 2,
            value,
            confidence: 0.8,
        })
    }

    /// "20.07.2024", "3.5.2023", "20.07.24", "am 20.07.", "07/20/2024".
    pub(super) fn numeric_date(&self, i: usize, a: u32, a_len: usize) -> Option<Found> {
        let sep = self.punct(i + 1).filter(|c| matches!(c, '.' | '/'))?;
        if !self.glued(i + 1)
            || !self.glued(i + 2)
            || self.punct(i + 3) != Some(sep)
            || !self.glued(i + 3)
        {
            return None;
        }
        let (b, b_len) = self.num(i + 2)?;
        if b_len > 2 {
            return None;
        }
        let year = self.num(i + 4).filter(|_| self.glued(i + 4));
        if let Some((y, y_len)) = year {
            // Nothing may continue the number ("1.2.2023.4", "1.2.2023-5").
            if self.glued(i + 5)
                && matches!(self.punct(i + 5), Some('.' | ',' | '/' | '-' | ':'))
                && self.glued(i + 6)
                && self.kind(i + 6) == Some(Kind::Num)
            {
                return None;
            }
            let year = match y_len {
                4 => y as i32,
                2 if a_len == 2 && b_len == 2 && sep == '.' => 2000 + y as i32,
                _ => return None,
            };
            let (day, month) = match sep {
                '/' if self.lang == Lang::En && a <= 12 => (b, a),
                '/' if self.lang == Lang::De && b > 12 => (a, b),
                '/' if a <= 12 && b > 12 => (b, a),
                _ => (a, b),
            };
            let value = PartialDate::day(year, month, day)?;
            let confidence = if y_len == 4 { 1.0 } else { 0.9 };
            return Some(Found {
                start: i,
                end: i + 5,
                value,
                confidence,
            });
        }
        // "am 20.07." needs its preposition and a stop after the month.
        if sep != '.'
            || (self.glued(i + 4)
                && matches!(self.kind(i + 4), Some(Kind::Num | Kind::Word | Kind::Code)))
        {
            return None;
        }
        let cue = self.prev(i).and_then(|p| self.lex(p));
        if !matches!(
            cue,
            Some(Lex::Prep(
                Prep::On | Prep::From | Prep::Until | Prep::Of | Prep::Since
            ))
        ) {
            return None;
        }
        let orient = self.orient(i, i + 3, Orient::Nearest);
        let value = self.day_without_year(i, b, a, orient)?;
        Some(Found {
            start: i,
            end: i + 4,
            value,
            confidence: 0.8,
        })
    }

    /// "2024-07-20", "2024/07/20", "2024-07-20T10:00", "2024-07".
    pub(super) fn iso_date(&self, i: usize, year: u32) -> Option<Found> {
        let sep = self.punct(i + 1).filter(|c| matches!(c, '-' | '/'))?;
        if !(self.glued(i + 1) && self.glued(i + 2)) {
            return None;
        }
        let (month, m_len) = self.num(i + 2)?;
        if m_len != 2 {
            return None;
        }
        if self.punct(i + 3) != Some(sep) || !self.glued(i + 3) || !self.glued(i + 4) {
            // "2024-07" is a month unless something is glued to it; "2010-11"
            // is more often a season than a November.
            let glued_more =
                self.glued(i + 3) && !matches!(self.punct(i + 3), Some(',' | '.' | ';' | ')'));
            if sep != '-' || glued_more || month >= 10 {
                return None;
            }
            let value = PartialDate::month(year as i32, month)?;
            return Some(Found {
                start: i,
                end: i + 3,
                value,
                confidence: 0.9,
            });
        }
        let day_tok = self.toks.get(i + 4)?;
        let day_text = &self.text[day_tok.start..day_tok.end];
        let day_digits = match day_tok.kind {
            Kind::Num => day_text,
            Kind::Code if day_text.len() > 3 && day_text.as_bytes()[2] == b'T' => &day_text[..2],
            _ => return None,
        };
        if day_digits.len() != 2 || (self.glued(i + 5) && self.punct(i + 5) == Some(sep)) {
            return None;
        }
        let value = PartialDate::day(year as i32, month, day_digits.parse().ok()?)?;
        Some(Found {
            start: i,
            end: i + 5,
            value,
            confidence: 1.0,
        })
    }

    /// A four-digit number as a year, when its context says it is one.
    pub(super) fn bare_year(&self, i: usize, v: u32) -> Option<Found> {
        if !BARE_YEARS.contains(&v) {
            return None;
        }
        // What is glued to it: "2017,5", "2017%", "2017/18", "2017-Modell".
        if self.glued(i + 1) {
            match self.punct(i + 1) {
                Some('.' | ',' | ':')
                    if self.glued(i + 2) && self.kind(i + 2) == Some(Kind::Num) =>
                {
                    return None;
                }
                Some('%' | '€' | '$' | '°' | '+' | '×') => return None,
                Some('/') if self.kind(i + 2) == Some(Kind::Num) => return None,
                Some('-') if self.glued(i + 2) && self.kind(i + 2) != Some(Kind::Num) => {
                    return None;
                }
                _ => {}
            }
        }
        let next = self.next(i);
        let cue = self.year_cue(i);
        if let Some(n) = next.filter(|_| cue != Cue::Frame) {
            let t = &self.toks[n];
            if matches!(t.kind, Kind::Num | Kind::Code)
                || matches!(t.kind, Kind::Punct('€' | '$' | '£' | '%'))
                || t.lex == Some(Lex::Qty)
            {
                return None;
            }
        }
        let prev = self.prev(i);
        if let Some(p) = prev {
            let t = &self.toks[p];
            let amount = match t.kind {
                Kind::Num => true,
                Kind::Punct(c) => matches!(c, '$' | '€' | '£' | '¥' | '#' | '§' | '+' | '№'),
                Kind::Word => {
                    matches!(t.lex, Some(Lex::QtyCue | Lex::Qty))
                        || matches!(t.lex, Some(Lex::NumWord(n)) if n > 1)
                        || self.is_any(p, &["auf", "bei", "at", "um"])
                        || (self.is(p, "zu") && self.prev(p).is_some_and(|q| self.is(q, "bis")))
                        || (self.is(p, "to") && self.prev(p).is_some_and(|q| self.is(q, "up")))
                }
                Kind::Code => false,
            };
            if amount {
                return None;
            }
        }
        // German words after a number are mostly verbs and adverbs ("2017
        // wurde"), English ones mostly nouns of an amount ("2000 contractors").
        let loose = if self.lang == Lang::De {
            Follow::Loose
        } else {
            Follow::Strict
        };
        let (cue, confidence) = match cue {
            Cue::Frame | Cue::Strong => (true, 0.9),
            Cue::Weak if self.follows_ok(next, loose) => (true, 0.75),
            Cue::Weak => return None,
            Cue::None => {
                let possessive = prev.is_some_and(|p| {
                    self.is(p, "s") && matches!(self.punct(p.wrapping_sub(1)), Some('\'' | '’'))
                });
                let follow = match prev.map(|p| (&self.toks[p], self.lex(p))) {
                    _ if possessive => Follow::Any,
                    _ if self.starts_sentence(i) => loose,
                    Some((t, Some(Lex::Article | Lex::NumWord(1)))) if t.kind == Kind::Word => {
                        // English titles: "the 2019 Defense Act"; German
                        // capitals after an article are nouns of an amount.
                        if self.lang == Lang::En {
                            Follow::Any
                        } else {
                            Follow::Loose
                        }
                    }
                    Some((t, Some(Lex::Func | Lex::Aux(_) | Lex::And))) if t.kind == Kind::Word => {
                        loose
                    }
                    Some((t, _)) if t.kind == Kind::Word && !t.cap => Follow::Strict,
                    // ", 2020 folgte eine Geldbuße"
                    Some((t, _)) if matches!(t.kind, Kind::Punct(',' | '(')) => loose,
                    _ => return None,
                };
                if !self.follows_ok(next, follow) {
                    return None;
                }
                (false, 0.65)
            }
        };
        let value = PartialDate::year(v as i32)?;
        let start = if cue { self.extend_back(i) } else { i };
        Some(Found {
            start,
            end: i + 1,
            value,
            confidence,
        })
    }

    /// How the words before token `i` mark it as a year.
    fn year_cue(&self, i: usize) -> Cue {
        let Some(p) = self.prev(i) else {
            return Cue::None;
        };
        let before = self.prev(p);
        let t = &self.toks[p];
        match t.kind {
            Kind::Punct('-' | '–' | '/') => {
                let glued = self.glued(i) && self.glued(p);
                let mid = glued && before.is_some_and(|b| self.lex(b) == Some(Lex::Mod));
                let range = before
                    .is_some_and(|b| self.mention_ends_at(b) && self.kind(b) == Some(Kind::Num));
                if mid || range { Cue::Frame } else { Cue::None }
            }
            Kind::Punct(',') if before.is_some_and(|b| self.mention_ends_at(b)) => Cue::Frame,
            Kind::Code => {
                let code = &self.text[t.start..t.end];
                let quarter = code.len() == 2
                    && matches!(code.as_bytes()[0], b'Q' | b'H')
                    && matches!(code.as_bytes()[1], b'1'..=b'4');
                if quarter || code.eq_ignore_ascii_case("FY") {
                    Cue::Frame
                } else {
                    Cue::None
                }
            }
            Kind::Word => match t.lex {
                Some(Lex::Prep(Prep::Of)) => {
                    let framed = before.is_some_and(|b| {
                        matches!(
                            self.lex(b),
                            Some(Lex::Mod | Lex::Period | Lex::Season(_) | Lex::Unit { .. })
                        )
                    });
                    if framed { Cue::Frame } else { Cue::Weak }
                }
                Some(Lex::Prep(Prep::Weak)) => {
                    if before.is_some_and(|b| self.mention_ends_at(b)) {
                        Cue::Strong
                    } else {
                        Cue::Weak
                    }
                }
                Some(
                    Lex::Prep(Prep::Since)
                    | Lex::Mod
                    | Lex::Season(_)
                    | Lex::Period
                    | Lex::YearEdge,
                ) => Cue::Frame,
                Some(Lex::Unit {
                    unit: Unit::Year, ..
                }) => Cue::Frame,
                Some(Lex::Prep(_)) => Cue::Strong,
                Some(Lex::And) if before.is_some_and(|b| self.mention_ends_at(b)) => Cue::Frame,
                _ if self.is(p, "fy") => Cue::Frame,
                _ => Cue::None,
            },
            Kind::Punct(_) | Kind::Num => Cue::None,
        }
    }

    /// Whether the token after a bare year (`None`: nothing in the
    /// sentence) lets it stand as a year.
    fn follows_ok(&self, next: Option<usize>, follow: Follow) -> bool {
        let Some(n) = next else { return true };
        let t = &self.toks[n];
        match t.kind {
            Kind::Punct(c) => {
                matches!(
                    c,
                    ',' | '.'
                        | ';'
                        | ':'
                        | ')'
                        | ']'
                        | '!'
                        | '?'
                        | '"'
                        | '“'
                        | '”'
                        | '„'
                        | '»'
                        | '«'
                        | '\''
                        | '’'
                        | '–'
                        | '—'
                ) || (c == '-' && !self.glued(n))
                    || (matches!(c, '-' | '/' | '–') && self.range_end(n + 1))
            }
            Kind::Num | Kind::Code => false,
            Kind::Word => match (t.lex, follow) {
                (Some(Lex::Qty), _) => false,
                // "1900 of them"
                (Some(Lex::Prep(Prep::Of)), Follow::Strict) if self.is(n, "of") => false,
                (
                    Some(
                        Lex::Func
                        | Lex::Article
                        | Lex::Aux(_)
                        | Lex::Prep(_)
                        | Lex::And
                        | Lex::Rel(_)
                        | Lex::NumWord(_)
                        | Lex::QtyCue
                        | Lex::Chain(_)
                        | Lex::Month { .. },
                    ),
                    _,
                ) => true,
                (_, Follow::Any) => true,
                (_, Follow::Loose) => !t.cap,
                (_, Follow::Strict) => false,
            },
        }
    }

    /// Whether token `i` ends a range of years ("2007-2015").
    pub(super) fn range_end(&self, i: usize) -> bool {
        let (Some((first, _)), Some((second, len))) = (self.num(i.wrapping_sub(2)), self.num(i))
        else {
            return false;
        };
        len == 4 && BARE_YEARS.contains(&second) && second > first
    }

    /// A four-digit year at token `i` that completes a date ("Juli 2024").
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
        let (y, len) = self.num(i)?;
        if len != 4 || !PartialDate::YEARS.contains(&(y as i32)) {
            return None;
        }
        if self.glued(i + 1)
            && matches!(self.punct(i + 1), Some('.' | ',' | ':' | '/'))
            && self.glued(i + 2)
            && self.kind(i + 2) == Some(Kind::Num)
        {
            return None;
        }
        if self.next(i).is_some_and(|n| self.lex(n) == Some(Lex::Qty)) {
            return None;
        }
        Some(y as i32)
    }
}
