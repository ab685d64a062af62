//! Calendar dates at the precision a text gives them: a year, a month or a day.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A date known to the year, the month or the day.
///
/// Ordering is chronological by its first day, coarser before finer on ties
/// (`2024` < `2024-01` < `2024-01-01`), so sorted lists read like a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    /// Years outside this range are almost always amounts or codes, not dates.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

    pub fn year(year: i32) -> Option<Self> {
        Self::YEARS.contains(&year).then_some(Self {
            year,
            month: None,
            day: None,
        })
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        (Self::YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date; `None` when the day does not exist (`2023-02-30`).
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day)?;
        Self::YEARS.contains(&year).then_some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn from_naive(date: NaiveDate) -> Option<Self> {
        Self::day(date.year(), date.month(), date.day())
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also with `/` or `.` as
    /// separators in that order), rejecting impossible values.
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut parts = s.trim().split(['-', '/', '.']);
        let year = parse_digits(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(p) => Some(parse_digits(p, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(p) => Some(parse_digits(p, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        match (month, day) {
            (None, _) => Self::year(year as i32),
            (Some(m), None) => Self::month(year as i32, m),
            (Some(m), Some(d)) => Self::day(year as i32, m, d),
        }
    }

    pub fn year_value(self) -> i32 {
        self.year
    }

    pub fn month_value(self) -> Option<u32> {
        self.month
    }

    pub fn day_value(self) -> Option<u32> {
        self.day
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day of the period this date names.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The same date cut to a coarser precision (never finer).
    pub fn truncate(self, precision: Precision) -> Self {
        match precision {
            Precision::Year => Self {
                month: None,
                day: None,
                ..self
            },
            Precision::Month => Self { day: None, ..self },
            Precision::Day => self,
        }
    }

    /// The XML Schema datatype that carries this precision.
    pub fn xsd_local_name(self) -> &'static str {
        match self.precision() {
            Precision::Year => "gYear",
            Precision::Month => "gYearMonth",
            Precision::Day => "date",
        }
    }
}

fn parse_digits(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse_iso("2024")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024")
        );
        assert_eq!(
            PartialDate::parse_iso("2024-07")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-07")
        );
        assert_eq!(
            PartialDate::parse_iso("2024-07-20").map(|d| d.precision()),
            Some(Precision::Day)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(PartialDate::parse_iso("2024-13-45"), None);
        assert_eq!(PartialDate::parse_iso("2023-02-29"), None);
        assert_eq!(PartialDate::parse_iso("24-07"), None);
        assert_eq!(PartialDate::parse_iso("2024-07-20-1"), None);
        assert_eq!(PartialDate::parse_iso(""), None);
    }

    #[test]
    fn orders_like_a_timeline() {
        let y = PartialDate::year(2024).unwrap();
        let m = PartialDate::month(2024, 1).unwrap();
        let d = PartialDate::day(2024, 1, 1).unwrap();
        let later = PartialDate::month(2024, 2).unwrap();
        let mut v = vec![later, d, m, y];
        v.sort();
        assert_eq!(v, vec![y, m, d, later]);
    }
}
