//! Time buckets: days, ISO weeks (Monday to Sunday, numbered by ISO 8601, so the last days
//! of December can fall in week 1 of the next year and the first days of January in week
//! 52 or 53 of the last) and calendar months. A bucket is named by its first day; its label is
//! `2025-03-04`, `2025-W10` (ISO week-numbering year) or `2025-03`.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long one bucket of a series is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    #[default]
    Week,
    Month,
}

impl Interval {
    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }

    /// `day`, `week` or `month` (also the plurals, as rule files write them).
    pub fn parse(text: &str) -> Option<Interval> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" | "days" | "daily" => Some(Interval::Day),
            "week" | "weeks" | "weekly" => Some(Interval::Week),
            "month" | "months" | "monthly" => Some(Interval::Month),
            _ => None,
        }
    }

    /// First day of the bucket that holds `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day
                .checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
                .unwrap_or(day),
            Interval::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// First day of the bucket after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.checked_add_days(Days::new(1)),
            Interval::Week => start.checked_add_days(Days::new(7)),
            Interval::Month => start.checked_add_months(Months::new(1)),
        }
    }

    /// First day of the bucket `n` buckets before the one starting at `start`.
    pub fn back(self, start: NaiveDate, n: u32) -> NaiveDate {
        let earlier = match self {
            Interval::Day => start.checked_sub_days(Days::new(u64::from(n))),
            Interval::Week => start.checked_sub_days(Days::new(7 * u64::from(n))),
            Interval::Month => start.checked_sub_months(Months::new(n)),
        };
        earlier.map_or(NaiveDate::MIN, |d| self.start_of(d))
    }

    /// Last day of the bucket starting at `start` (inclusive).
    pub fn end_of(self, start: NaiveDate) -> NaiveDate {
        self.next(start)
            .and_then(|next| next.pred_opt())
            .unwrap_or(start)
    }

    /// The bucket's name: `2025-03-04`, `2025-W10`, `2025-03`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.format("%Y-%m-%d").to_string(),
            Interval::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Interval::Month => start.format("%Y-%m").to_string(),
        }
    }

    /// Number of buckets from the one holding `first` to the one holding `last`, both counted
    /// (0 when `last` is before `first`).
    pub fn count_between(self, first: NaiveDate, last: NaiveDate) -> u64 {
        let (first, last) = (self.start_of(first), self.start_of(last));
        if last < first {
            return 0;
        }
        match self {
            Interval::Day => (last - first).num_days() as u64 + 1,
            Interval::Week => (last - first).num_days() as u64 / 7 + 1,
            Interval::Month => {
                let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
                (months(last) - months(first)) as u64 + 1
            }
        }
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A `YYYY-MM-DD` day (the first ten characters of `text`, as the store writes days); `None`
/// for anything else or a day that does not exist. Read by hand: a dyad's series parses one
/// day per stored row, and chrono's format parser costs more than the rest of the row.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes().get(..10)?;
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// The first day of a date bound written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn bound_start(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    match text.len() {
        4 => NaiveDate::from_ymd_opt(text.parse().ok()?, 1, 1),
        7 => NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok(),
        10 => parse_day(text),
        _ => None,
    }
}

/// The last day of a date bound written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn bound_end(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let start = bound_start(text)?;
    let after = match text.len() {
        4 => start.checked_add_months(Months::new(12))?,
        7 => start.checked_add_months(Months::new(1))?,
        _ => return Some(start),
    };
    after.pred_opt()
}
