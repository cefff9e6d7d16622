//! Publication dates of feeds and files, and the date in a wire-service dateline.

use chrono::{Datelike, NaiveDate};

use crate::lex::{self, Kind, Lex, Token};
use crate::parse::{Expr, Parser};
use crate::resolve::{self, add_days};
use crate::{Precision, Relation, ResolvedDate, Tense};

/// Parses a publication date written in one of the usual feed and archive formats.
///
/// Accepted: ISO 8601 dates and date-times (`2025-03-04`, `2025-03-04T10:00:00Z`,
/// `2025-03-04 10:00`, also with `/`), RFC 2822 (`Tue, 04 Mar 2025 10:00:00 GMT`), written dates
/// (`March 4, 2025`, `4 March 2025`, `Mar. 4, 2025`), `YYYYMMDD` (`20250304`) and the `YYMMDD` of
/// older event data sets (`950101`: 00–68 are 2000–2068, 69–99 are 1969–1999). A date-time keeps
/// the calendar date as written (its own time zone), which is the newsroom's date.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let bytes = s.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(range)?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if let (Some(&separator), Some(&again)) = (bytes.get(4), bytes.get(7)) {
        let ends_cleanly = !matches!(bytes.get(10), Some(b) if b.is_ascii_digit());
        if matches!(separator, b'-' | b'/') && again == separator && ends_cleanly {
            let year = i32::try_from(digits_at(0..4)?).ok()?;
            return NaiveDate::from_ymd_opt(year, digits_at(5..7)?, digits_at(8..10)?);
        }
    }
    if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) {
        return match bytes.len() {
            8 => NaiveDate::from_ymd_opt(
                i32::try_from(digits_at(0..4)?).ok()?,
                digits_at(4..6)?,
                digits_at(6..8)?,
            ),
            6 => {
                let short = i32::try_from(digits_at(0..2)?).ok()?;
                let year = if short < 69 {
                    2000 + short
                } else {
                    1900 + short
                };
                NaiveDate::from_ymd_opt(year, digits_at(2..4)?, digits_at(4..6)?)
            }
            _ => None,
        };
    }
    written_date(s)
}

/// "March 4, 2025", "4 Mar 2025", "Tue, 04 Mar 2025 10:00:00 GMT": the first month name, the first
/// one- or two-digit number that is not a time, the first four-digit number.
fn written_date(s: &str) -> Option<NaiveDate> {
    let tokens = lex::tokenize(s);
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Word {
                lex: Lex::Month { month: m, .. },
                ..
            } if month.is_none() => month = Some(m),
            Kind::Number(n) if n.digits == 4 && year.is_none() => {
                year = i32::try_from(n.value).ok();
            }
            Kind::Number(n) if n.digits <= 2 && day.is_none() => {
                let is_time = tokens
                    .get(i + 1)
                    .is_some_and(|next| next.kind == Kind::Punct(':') && next.start == token.end);
                if !is_time {
                    day = Some(n.value);
                }
            }
            _ => {}
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// Only this many bytes at the start of an article are searched for a dateline.
const DATELINE_WINDOW: usize = 200;

/// The date of a wire-service dateline at the start of `text` (its first non-empty line),
/// resolved against `published`.
///
/// Shape: a place in capitals (`WASHINGTON`, `MEXICO CITY`, `ST. LOUIS`), a comma, optionally a
/// region and a comma (`CULIACAN, Mexico,`), then a day (`Sept. 3`, `3 September 2025`,
/// `Tuesday`), then an agency in parentheses or a dash. Without a year, the dateline's date is
/// the latest one on or before the day after publication (time zones can put a dateline one day
/// ahead of a feed's UTC date). A weekday means the most recent such day, publication day included.
pub fn dateline_date(text: &str, published: NaiveDate) -> Option<ResolvedDate> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let mut cut = line.len().min(DATELINE_WINDOW);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = line.get(..cut)?;
    if !lex::has_date_hint(head) {
        return None;
    }
    let tokens = lex::tokenize(head);
    let date_index = date_position(head, &tokens)?;
    let parser = Parser::new(head, &tokens);
    let parsed = parser.parse_at(date_index)?;
    let after = tokens.get(parsed.last + 1);
    let closes = match after.map(|t| t.kind) {
        None => true,
        Some(Kind::Punct(c)) => matches!(c, '(' | '-' | '\u{2013}' | '\u{2014}' | ':'),
        Some(_) => false,
    };
    if !closes {
        return None;
    }
    let date = match parsed.expr {
        Expr::Calendar {
            year: None,
            month,
            day: Some(day),
            ..
        } => {
            let latest = add_days(published, 1)?;
            (published.year() - 1..=published.year() + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .filter(|d| *d <= latest)
                .max()?
        }
        Expr::Calendar { day: Some(_), .. } | Expr::Weekday { shift: None, .. } => {
            resolve::resolve(parsed.expr, published, Tense::Past)?.0
        }
        _ => return None,
    };
    let start = tokens.get(parsed.first)?.start;
    let end = tokens.get(parsed.last)?.end;
    Some(ResolvedDate {
        date,
        precision: Precision::Day,
        start,
        end,
        expression: head.get(start..end)?.to_string(),
        part: None,
        relation: Relation::At,
    })
}

/// Index of the token where the date of a dateline must start, if the line opens like one.
fn date_position(head: &str, tokens: &[Token]) -> Option<usize> {
    let is_capitals = |t: &Token| {
        matches!(t.kind, Kind::Word { .. })
            && head
                .get(t.start..t.end)
                .is_some_and(|w| w.chars().count() >= 2 && !w.chars().any(char::is_lowercase))
    };
    let mut i = 0;
    let mut place_words = 0;
    while let Some(token) = tokens.get(i) {
        if is_capitals(token) {
            place_words += 1;
        } else if !(place_words > 0 && matches!(token.kind, Kind::Punct('.' | '-' | '\''))) {
            break;
        }
        i += 1;
    }
    if place_words == 0 || tokens.get(i)?.kind != Kind::Punct(',') {
        return None;
    }
    i += 1;
    // Optional region: "Mexico,", "Calif.,", "Sinaloa State,".
    let mut j = i;
    while let Some(token) = tokens.get(j) {
        let region_word = matches!(
            token.kind,
            Kind::Word {
                lex: Lex::Other,
                capitalized: true
            }
        );
        if !(region_word || (j > i && token.kind == Kind::Punct('.'))) || j >= i + 4 {
            break;
        }
        j += 1;
    }
    if j > i && tokens.get(j).is_some_and(|t| t.kind == Kind::Punct(',')) {
        i = j + 1;
    }
    Some(i)
}
