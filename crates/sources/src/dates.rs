//! Publication dates as sources write them, normalized to ISO 8601: a date with a time zone
//! becomes UTC `YYYY-MM-DDTHH:MM:SSZ`, a date-time without one `YYYY-MM-DDTHH:MM:SS`, a bare
//! date `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Normalizes a publication date; `None` when the string is not a date this reader knows.
pub fn normalize_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return Some(utc(dt.with_timezone(&Utc)));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(raw) {
        return Some(utc(dt.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(raw, format) {
            return Some(utc(dt.with_timezone(&Utc)));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(dt.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    parse_day(raw).map(|date| date.format("%Y-%m-%d").to_string())
}

fn utc(dt: DateTime<Utc>) -> String {
    dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Dates without a time: `2025-03-04`, `2025/03/04`, `March 4, 2025`, `Mar. 4, 2025`,
/// `4 March 2025`, optionally after a weekday (`Tuesday, March 4, 2025`).
fn parse_day(raw: &str) -> Option<NaiveDate> {
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(raw, format) {
            return Some(date);
        }
    }
    let mut cleaned = raw.replace('.', "").replace("Sept ", "Sep ");
    if let Some((first, rest)) = cleaned.split_once(',') {
        let weekday = first.trim().to_ascii_lowercase();
        if WEEKDAYS
            .iter()
            .any(|day| weekday == *day || (weekday.len() >= 3 && day.starts_with(&weekday)))
        {
            cleaned = rest.trim().to_string();
        }
    }
    for format in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(&cleaned, format) {
            return Some(date);
        }
    }
    None
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn normalizes_common_forms() {
        let cases = [
            ("2025-03-04", Some("2025-03-04")),
            ("2025-03-04T10:00:00-06:00", Some("2025-03-04T16:00:00Z")),
            (
                "Tue, 04 Mar 2025 10:00:00 GMT",
                Some("2025-03-04T10:00:00Z"),
            ),
            ("2025-03-04 08:30", Some("2025-03-04T08:30:00")),
            ("March 4, 2025", Some("2025-03-04")),
            ("Mar. 4, 2025", Some("2025-03-04")),
            ("Sept. 9, 2025", Some("2025-09-09")),
            ("Tuesday, March 4, 2025", Some("2025-03-04")),
            ("4 March 2025", Some("2025-03-04")),
            ("last week", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_date(raw).as_deref(), want, "{raw}");
        }
    }
}
