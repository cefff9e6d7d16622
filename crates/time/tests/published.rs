//! Publication-date formats, datelines, offsets and shifting.

use atalaya_time::{
    dateline_date, find_dates, find_offsets, parse_published, shift, Precision, ResolvedDate,
    Tense, Unit,
};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

#[test]
fn publication_date_formats() {
    let expected = Some(day(2025, 3, 4));
    for input in [
        "2025-03-04",
        "2025-03-04T10:00:00Z",
        "2025-03-04T23:30:00-06:00",
        "2025-03-04 10:00:00",
        "2025/03/04",
        "  2025-03-04\n",
        "Tue, 04 Mar 2025 10:00:00 GMT",
        "Tue, 4 Mar 2025 10:00:00 +0000",
        "March 4, 2025",
        "Mar. 4, 2025",
        "4 March 2025",
        "20250304",
    ] {
        assert_eq!(parse_published(input), expected, "{input:?}");
    }
    assert_eq!(parse_published("950101"), Some(day(1995, 1, 1)));
    assert_eq!(parse_published("050315"), Some(day(2005, 3, 15)));
    for bad in [
        "",
        "yesterday",
        "2025-02-30",
        "2025-13-01",
        "20251301",
        "1234567",
        "March 2025",
        "2025-03-041",
    ] {
        assert_eq!(parse_published(bad), None, "{bad:?}");
    }
}

#[test]
fn datelines() {
    let p = day(2025, 9, 3);
    let found = dateline_date(
        "WASHINGTON, Sept. 3 (Reuters) - The White House said ...",
        p,
    );
    let found = found.map(|d| (d.date, d.precision, d.expression, d.start, d.end));
    assert_eq!(
        found,
        Some((
            day(2025, 9, 3),
            Precision::Day,
            "Sept. 3".to_string(),
            12,
            19
        ))
    );

    let across_new_year = dateline_date(
        "MEXICO CITY, Dec. 31 (AP) \u{2014} Troops ...",
        day(2025, 1, 2),
    );
    assert_eq!(across_new_year.map(|d| d.date), Some(day(2024, 12, 31)));

    let with_region = dateline_date(
        "CULIACAN, Mexico, March 4 (Reuters) - Gunmen ...",
        day(2025, 3, 5),
    );
    assert_eq!(with_region.map(|d| d.date), Some(day(2025, 3, 4)));

    // A dateline one day ahead of the feed's UTC date (time zones) is kept in the same year.
    let ahead = dateline_date("TOKYO, March 6 (Reuters) - Japan ...", day(2025, 3, 5));
    assert_eq!(ahead.map(|d| d.date), Some(day(2025, 3, 6)));

    let full = dateline_date(
        "LONDON, 4 March 2025 \u{2013} Ministers ...",
        day(2025, 3, 5),
    );
    assert_eq!(full.map(|d| d.date), Some(day(2025, 3, 4)));

    let weekday = dateline_date("BEIRUT, Tuesday (AFP) - Strikes ...", day(2025, 3, 5));
    assert_eq!(weekday.map(|d| d.date), Some(day(2025, 3, 4)));

    let multiword = dateline_date("ST. LOUIS, March 3 (AP) - Police ...", day(2025, 3, 5));
    assert_eq!(multiword.map(|d| d.date), Some(day(2025, 3, 3)));

    assert_eq!(
        dateline_date("WASHINGTON (Reuters) - The White House said ...", p),
        None
    );
    assert_eq!(
        dateline_date("The president said on Tuesday that ...", p),
        None
    );
    assert_eq!(
        dateline_date("WASHINGTON, the capital, saw protests on Sept. 3.", p),
        None
    );
    assert_eq!(dateline_date("", p), None);
}

#[test]
fn offsets_are_found_and_applied() {
    let sentence = "Four days after the raid, and a week later, officials met the next day.";
    let offsets = find_offsets(sentence);
    let summary: Vec<(i64, Unit, &str)> = offsets
        .iter()
        .map(|o| (o.amount, o.unit, o.expression.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (4, Unit::Day, "Four days after"),
            (1, Unit::Week, "a week later"),
            (1, Unit::Day, "next day"),
        ]
    );
    let earlier = find_offsets("Two days earlier, and the day before the vote, troops moved.");
    let amounts: Vec<i64> = earlier.iter().map(|o| o.amount).collect();
    assert_eq!(amounts, [-2, -1]);
    assert!(find_offsets("The raid happened the day before yesterday.").is_empty());

    let published = day(2025, 3, 5);
    let anchor = find_dates("The raid was on Tuesday.", published, Tense::Past);
    let anchor = anchor
        .first()
        .cloned()
        .unwrap_or_else(|| ResolvedDate::article(published));
    let moved = offsets.first().and_then(|o| o.apply(&anchor));
    assert_eq!(
        moved.as_ref().map(|d| (d.date, d.precision)),
        Some((day(2025, 3, 8), Precision::Day))
    );
    let weekly = offsets.get(1).and_then(|o| o.apply(&anchor));
    assert_eq!(
        weekly.map(|d| (d.date, d.precision)),
        Some((day(2025, 3, 10), Precision::Week))
    );
}

#[test]
fn shifting_keeps_precision_and_period_starts() {
    let published = day(2025, 3, 5);
    let tuesday = find_dates("on Tuesday", published, Tense::Past);
    let tuesday = tuesday
        .first()
        .cloned()
        .unwrap_or_else(|| ResolvedDate::article(published));
    assert_eq!(shift(tuesday.clone(), 4).date, day(2025, 3, 8));
    assert_eq!(shift(tuesday, -4).date, day(2025, 2, 28));
    let month = find_dates("in February", published, Tense::Past);
    let month = month
        .first()
        .cloned()
        .unwrap_or_else(|| ResolvedDate::article(published));
    let moved = shift(month, 30);
    assert_eq!(
        (moved.date, moved.precision),
        (day(2025, 3, 1), Precision::Month)
    );
    assert_eq!(
        shift(ResolvedDate::article(published), i64::MAX).date,
        published
    );
}

#[test]
fn precision_serializes_lowercase() {
    let json = serde_json::to_string(&[Precision::Day, Precision::Season, Precision::Article]);
    assert_eq!(json.ok().as_deref(), Some(r#"["day","season","article"]"#));
    assert_eq!(Precision::Week.to_string(), "week");
    let date = find_dates("in mid-August", day(2025, 3, 5), Tense::Past);
    let json = date.first().and_then(|d| serde_json::to_value(d).ok());
    let json = json.unwrap_or_default();
    assert_eq!(json["date"], "2024-08-01");
    assert_eq!(json["precision"], "month");
    assert_eq!(json["part"], "mid");
    assert_eq!(json["relation"], "at");
}
