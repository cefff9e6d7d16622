//! Anchoring parsed expressions on the publication date.
//!
//! Every rule here is listed in the crate documentation; the functions return `None` when the
//! expression names an impossible date ("February 30, 2025") or leaves chrono's range.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::lex::{Season, Shift};
use crate::parse::Expr;
use crate::{Precision, Tense, Unit};

/// Moves `date` by `days` (negative: back), `None` outside chrono's range.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    }
}

/// Moves `date` by whole months, clamping the day to the end of shorter months.
pub(crate) fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let magnitude = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months >= 0 {
        date.checked_add_months(magnitude)
    } else {
        date.checked_sub_months(magnitude)
    }
}

fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

fn first_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// First day of the season that contains `date` (winter starting in December).
fn season_containing(date: NaiveDate) -> Option<NaiveDate> {
    match date.month() {
        1 | 2 => first_of_month(date.year() - 1, 12),
        month => first_of_month(date.year(), month - (month % 3)),
    }
}

/// First day of the period of `precision` that contains `date`.
pub(crate) fn floor(date: NaiveDate, precision: Precision) -> Option<NaiveDate> {
    match precision {
        Precision::Day | Precision::Article => Some(date),
        Precision::Week => monday_of(date),
        Precision::Month => first_of_month(date.year(), date.month()),
        Precision::Season => season_containing(date),
        Precision::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1),
    }
}

/// Last day of the period of `precision` starting at `start`.
pub(crate) fn period_end(start: NaiveDate, precision: Precision) -> Option<NaiveDate> {
    match precision {
        Precision::Day | Precision::Article => Some(start),
        Precision::Week => add_days(start, 6),
        Precision::Month => add_days(add_months(start, 1)?, -1),
        Precision::Season => add_days(add_months(start, 3)?, -1),
        Precision::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31),
    }
}

/// Precision of a date known only up to one `unit`.
pub(crate) fn unit_precision(unit: Unit) -> Precision {
    match unit {
        Unit::Day => Precision::Day,
        Unit::Week => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Year => Precision::Year,
    }
}

/// `date` moved by `amount` units, floored to the unit's period when coarser than a day.
pub(crate) fn move_by(date: NaiveDate, amount: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(date, amount),
        Unit::Week => add_days(date, amount.checked_mul(7)?),
        Unit::Month => add_months(date, amount),
        Unit::Year => add_months(date, amount.checked_mul(12)?),
    }
}

fn shift_steps(shift: Shift) -> i64 {
    match shift {
        Shift::Last => -1,
        Shift::This => 0,
        Shift::Next => 1,
    }
}

/// Resolves `expr` against `published`.
pub(crate) fn resolve(
    expr: Expr,
    published: NaiveDate,
    tense: Tense,
) -> Option<(NaiveDate, Precision)> {
    let year = published.year();
    match expr {
        Expr::DayOffset(days) => Some((add_days(published, days)?, Precision::Day)),
        Expr::Weekday { day, shift } => {
            Some((weekday(day, shift, published, tense)?, Precision::Day))
        }
        Expr::Calendar {
            year: Some(y),
            month,
            day: Some(d),
            ..
        } => Some((NaiveDate::from_ymd_opt(y, month, d)?, Precision::Day)),
        Expr::Calendar {
            year: Some(y),
            month,
            day: None,
            ..
        } => Some((first_of_month(y, month)?, Precision::Month)),
        Expr::Calendar {
            year: None,
            month,
            day: None,
            shift,
            ..
        } => {
            let current = published.month();
            let y = match shift {
                Some(Shift::This) => year,
                Some(Shift::Last) if month < current => year,
                Some(Shift::Last) => year - 1,
                Some(Shift::Next) if month > current => year,
                Some(Shift::Next) => year + 1,
                None if tense == Tense::Future => {
                    if month >= current {
                        year
                    } else {
                        year + 1
                    }
                }
                None if month <= current => year,
                None => year - 1,
            };
            Some((first_of_month(y, month)?, Precision::Month))
        }
        Expr::Calendar {
            year: None,
            month,
            day: Some(d),
            weekday,
            shift,
        } => Some((
            day_without_year(month, d, weekday, shift, published, tense)?,
            Precision::Day,
        )),
        Expr::Period { unit, shift } => {
            let steps = shift_steps(shift);
            let precision = unit_precision(unit);
            let date = move_by(floor(published, precision)?, steps, unit)?;
            Some((date, precision))
        }
        Expr::Weekend { shift } => {
            let on_weekend = matches!(published.weekday(), Weekday::Sat | Weekday::Sun);
            let steps = match shift {
                Some(shift) => shift_steps(shift),
                None if tense == Tense::Future || on_weekend => 0,
                None => -1,
            };
            Some((add_days(monday_of(published)?, 7 * steps)?, Precision::Week))
        }
        Expr::Season {
            season,
            year: explicit,
            shift,
        } => Some((
            season_start(season, explicit, shift, published, tense)?,
            Precision::Season,
        )),
        Expr::Year(y) => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year)),
        Expr::Relative { amount, unit } => {
            let precision = unit_precision(unit);
            let date = floor(move_by(published, amount, unit)?, precision)?;
            Some((date, precision))
        }
    }
}

fn weekday(
    day: Weekday,
    shift: Option<Shift>,
    published: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    let today = i64::from(published.weekday().num_days_from_monday());
    let wanted = i64::from(day.num_days_from_monday());
    let back = (today - wanted).rem_euclid(7);
    let ahead = (wanted - today).rem_euclid(7);
    let offset = match shift {
        None if tense == Tense::Future => ahead,
        None => -back,
        Some(Shift::Last) if back == 0 => -7,
        Some(Shift::Last) => -back,
        Some(Shift::Next) if ahead == 0 => 7,
        Some(Shift::Next) => ahead,
        Some(Shift::This) => wanted - today,
    };
    add_days(published, offset)
}

/// "March 4" without a year: the year is chosen among the previous, current and next one.
fn day_without_year(
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    shift: Option<Shift>,
    published: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    let year = published.year();
    let all: Vec<NaiveDate> = (year - 1..=year + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    let pick = |candidates: &[NaiveDate]| -> Option<NaiveDate> {
        let before_or_on = || candidates.iter().copied().filter(|c| *c <= published).max();
        let on_or_after = || candidates.iter().copied().filter(|c| *c >= published).min();
        match shift {
            Some(Shift::This) => candidates.iter().copied().find(|c| c.year() == year),
            Some(Shift::Last) => candidates.iter().copied().filter(|c| *c < published).max(),
            Some(Shift::Next) => candidates.iter().copied().filter(|c| *c > published).min(),
            None => match tense {
                Tense::Past => before_or_on(),
                Tense::Future => on_or_after(),
                // Nearest to publication; on a tie the past one.
                Tense::Unknown => match (before_or_on(), on_or_after()) {
                    (Some(past), Some(future)) => {
                        if (future - published) < (published - past) {
                            Some(future)
                        } else {
                            Some(past)
                        }
                    }
                    (past, future) => past.or(future),
                },
            },
        }
    };
    if let Some(weekday) = weekday {
        let matching: Vec<NaiveDate> = all
            .iter()
            .copied()
            .filter(|c| c.weekday() == weekday)
            .collect();
        if let Some(date) = pick(&matching) {
            return Some(date);
        }
    }
    pick(&all)
}

fn season_start(
    season: Season,
    explicit: Option<i32>,
    shift: Option<Shift>,
    published: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    let year = published.year();
    let start = |y: i32| first_of_month(y, season.start_month());
    let end = |y: i32| start(y).and_then(|s| period_end(s, Precision::Season));
    if let Some(y) = explicit {
        return start(y);
    }
    match shift {
        // The most recent occurrence that is over.
        Some(Shift::Last) => (year - 2..=year)
            .rev()
            .find(|y| end(*y).is_some_and(|e| e < published))
            .and_then(start),
        // The first occurrence that has not begun.
        Some(Shift::Next) => (year - 1..=year + 1)
            .find(|y| start(*y).is_some_and(|s| s > published))
            .and_then(start),
        // The occurrence overlapping this calendar year; for winter (two of them) the one in
        // progress, else by tense, else the nearer one.
        Some(Shift::This) => {
            if season != Season::Winter {
                return start(year);
            }
            let previous_end = end(year - 1)?;
            let next_start = start(year)?;
            if published <= previous_end {
                return start(year - 1);
            }
            if published >= next_start {
                return Some(next_start);
            }
            let use_previous = match tense {
                Tense::Past => true,
                Tense::Future => false,
                Tense::Unknown => (published - previous_end) <= (next_start - published),
            };
            if use_previous {
                start(year - 1)
            } else {
                Some(next_start)
            }
        }
        // Bare season after early/mid/late: the latest begun, or for the future the current or next.
        None if tense == Tense::Future => (year - 1..=year + 1)
            .find(|y| end(*y).is_some_and(|e| e >= published))
            .and_then(start),
        None => (year - 1..=year)
            .rev()
            .find(|y| start(*y).is_some_and(|s| s <= published))
            .and_then(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn floors_and_period_ends() {
        let d = date(2025, 3, 5);
        assert_eq!(floor(d, Precision::Week), Some(date(2025, 3, 3)));
        assert_eq!(floor(d, Precision::Season), Some(date(2025, 3, 1)));
        assert_eq!(
            floor(date(2025, 2, 10), Precision::Season),
            Some(date(2024, 12, 1))
        );
        assert_eq!(
            period_end(date(2024, 2, 1), Precision::Month),
            Some(date(2024, 2, 29))
        );
        assert_eq!(
            period_end(date(2024, 12, 1), Precision::Season),
            Some(date(2025, 2, 28))
        );
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        assert_eq!(add_months(date(2025, 3, 31), -1), Some(date(2025, 2, 28)));
        assert_eq!(add_days(date(2025, 1, 1), -1), Some(date(2024, 12, 31)));
    }
}
