//! Placing dates without a year, weekdays and relative expressions on the
//! calendar, relative to the publication date.

use chrono::{Datelike, Duration, NaiveDate};

use crate::date::{PartialDate, Precision};

/// Which occurrence of a recurring day or month an expression means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Orient {
    /// The latest one on or before the publication date.
    Past,
    /// The latest one strictly before it ("last Tuesday").
    PastStrict,
    /// The first one on or after it ("ab Donnerstag").
    Future,
    /// The first one strictly after it ("next Tuesday").
    FutureStrict,
    /// The one nearest to it, the earlier one on a tie.
    Nearest,
}

/// A weekday (0 = Monday). Articles dated only to the month or year get
/// that month or year.
pub(super) fn weekday(published: PartialDate, day: u8, orient: Orient) -> Option<PartialDate> {
    if published.precision() != Precision::Day {
        return Some(published);
    }
    let date = published.first_day();
    let today = i64::from(date.weekday().num_days_from_monday());
    let back = (today - i64::from(day)).rem_euclid(7);
    let ahead = (i64::from(day) - today).rem_euclid(7);
    let offset = match orient {
        Orient::Past | Orient::Nearest => -back,
        Orient::PastStrict if back == 0 => -7,
        Orient::PastStrict => -back,
        Orient::Future => ahead,
        Orient::FutureStrict if ahead == 0 => 7,
        Orient::FutureStrict => ahead,
    };
    shift_date(date, offset)
}

/// A weekday (0 = Monday) in the week `weeks` before (negative) or after
/// the publication week, weeks starting on Monday.
pub(super) fn weekday_in_week(published: PartialDate, day: u8, weeks: i64) -> Option<PartialDate> {
    if published.precision() != Precision::Day {
        return Some(published);
    }
    let date = published.first_day();
    let monday = -i64::from(date.weekday().num_days_from_monday());
    shift_date(date, monday + 7 * weeks + i64::from(day))
}

/// The publication day moved by `days` ("gestern", "vor drei Tagen"), at
/// the publication date's precision when that is coarser than a day.
pub(super) fn shift_days(published: PartialDate, days: i64) -> Option<PartialDate> {
    if published.precision() != Precision::Day {
        return Some(published);
    }
    shift_date(published.first_day(), days)
}

fn shift_date(date: NaiveDate, days: i64) -> Option<PartialDate> {
    let shifted = date.checked_add_signed(Duration::try_days(days)?)?;
    PartialDate::from_naive(shifted)
}

/// The publication month moved by `months`; `None` for a year-only date.
pub(super) fn shift_months(published: PartialDate, months: i32) -> Option<PartialDate> {
    let month = published.month_value()?;
    let key = month_key(published.year_value(), month).checked_add(months)?;
    PartialDate::month(key.div_euclid(12), key.rem_euclid(12) as u32 + 1)
}

pub(super) fn shift_years(published: PartialDate, years: i32) -> Option<PartialDate> {
    PartialDate::year(published.year_value().checked_add(years)?)
}

fn month_key(year: i32, month: u32) -> i32 {
    year.saturating_mul(12).saturating_add(month as i32 - 1)
}

/// The year a month name without one falls in.
fn year_for_month(published: PartialDate, month: u32, orient: Orient) -> Option<i32> {
    let year = published.year_value();
    let Some(pub_month) = published.month_value() else {
        return Some(year);
    };
    let now = month_key(year, pub_month);
    let candidates = [year - 1, year, year + 1].map(|y| (y, month_key(y, month)));
    pick(&candidates, now, orient)
}

/// Chooses among `(year, key)` candidates in ascending order of key.
fn pick<K: Copy + Ord + Into<i64>>(candidates: &[(i32, K)], now: K, orient: Orient) -> Option<i32> {
    let mut iter = candidates.iter().copied();
    match orient {
        Orient::Past => iter.filter(|&(_, k)| k <= now).last().map(|c| c.0),
        Orient::PastStrict => iter.filter(|&(_, k)| k < now).last().map(|c| c.0),
        Orient::Future => iter.find(|&(_, k)| k >= now).map(|c| c.0),
        Orient::FutureStrict => iter.find(|&(_, k)| k > now).map(|c| c.0),
        Orient::Nearest => iter
            .min_by_key(|&(_, k)| (k.into() - now.into()).abs())
            .map(|c| c.0),
    }
}

/// A month name without a year.
pub(super) fn month(published: PartialDate, month: u32, orient: Orient) -> Option<PartialDate> {
    PartialDate::month(year_for_month(published, month, orient)?, month)
}

/// A day and month without a year.
pub(super) fn day(
    published: PartialDate,
    month: u32,
    day: u32,
    orient: Orient,
) -> Option<PartialDate> {
    if published.precision() != Precision::Day {
        return PartialDate::day(year_for_month(published, month, orient)?, month, day);
    }
    let now = published.first_day();
    let year = now.year();
    let candidates: Vec<(i32, i64)> = [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| {
            NaiveDate::from_ymd_opt(y, month, day).map(|d| (y, d.num_days_from_ce().into()))
        })
        .collect();
    let chosen = pick(&candidates, i64::from(now.num_days_from_ce()), orient)?;
    PartialDate::day(chosen, month, day)
}
