//! Event-date resolution for news text, anchored on the article's publication date.
//!
//! Pure functions, no I/O. The coder calls [`find_dates`] (every date expression of a sentence,
//! in order) or [`resolve_event_date`] (the best one, or the publication date) for each
//! sentence, with a [`Tense`] hint from the verb. A [`ResolvedDate`] carries the date, a
//! [`Precision`], the byte span of the expression, the early/mid/late [`Part`] and the
//! [`Relation`] given by the preposition in front ("since March" is not the date of the event).
//! At coarser precisions `date` is the first day of the period: Monday for a week, the 1st for a
//! month, the first month of the season, 1 January for a year; [`ResolvedDate::last_day`] gives
//! the end of the period.
//!
//! Internals: `lex` splits the sentence into tokens with byte offsets and classifies words once
//! (no allocation per word); `parse` recognizes expressions over the tokens into an unresolved
//! `Expr`; `resolve` anchors an `Expr` on the publication date; `published` reads feed dates and
//! datelines. A byte scan ([`has_date_hint`]) returns early from sentences without a digit or a
//! date word, which is most of them.
//!
//! # Rules (English, case-insensitive unless stated; P = publication date)
//!
//! - `today`, `tonight`, `this morning/afternoon/evening`, `earlier/later today` → P, day.
//!   `yesterday`, `last night` → P − 1; `tomorrow` → P + 1; `the day before yesterday` → P − 2,
//!   `the day after tomorrow` → P + 2. A following `morning`/`night` is part of the expression.
//! - A weekday (`Tuesday`, `on Tuesday`, `Tuesday night`): news convention, the most recent such
//!   day on or before P (a story published on Wednesday saying "Tuesday" means the day before; the
//!   same weekday as P means P itself). With [`Tense::Future`], the first such day on or after P.
//!   `last Tuesday` is strictly before P (7 days back on the same weekday), `next Tuesday` strictly
//!   after, `this Tuesday` the one in P's Monday-to-Sunday week. Not dates: `Black Friday`,
//!   `Good Friday`, `Easter Sunday` …, `every Tuesday`, `Sunday Times`, `Sunday school`.
//!   Abbreviations (`Tue`, `Wed`, `Sun`, `Sat` …) count only in front of a written date
//!   (`Tue, 04 Mar 2025`), where the weekday also picks the year when none is written.
//! - `last/this/next week` → Monday of the previous/current/next week; `earlier/later this
//!   week` → the current week. Same for `month` (the 1st) and `year` (1 January). Preceded by
//!   "the" (`over the last week`, `the next month`) they are durations or narrative time: ignored,
//!   as is `the past week`. `the last week of March` is not "last week".
//! - `the weekend`, `over the weekend` → week precision, the Monday of the week holding that
//!   weekend: the previous week when P is Monday–Friday, the current one on Saturday/Sunday or with
//!   [`Tense::Future`]. `last/this/next weekend` → previous/current/next week; `this past
//!   weekend` = `last weekend` (also `this past Sunday`).
//! - Month names. "May", "March" and "August" count only capitalized (modal verb, verb, adjective
//!   otherwise). A month is a date when followed by a day (`March 4`, `Sept. 4th`) or a year
//!   (`March 2024`, `March, 2024`), preceded by a day (`4 March`, `4th of March`), modified
//!   (`early/mid/late/last/this/next March`, `mid-March`, `the end of March`), or preceded by
//!   `in`, `during`, `throughout`, `since`, `until`, `till`, `by`, and — except for "May", also a
//!   surname — `from`, `through`, `before`, `after`. Abbreviations (`Jan`, `Sept` …) need a day or
//!   a year. "May" followed by `be`, `have`, `not`, `also` … is the modal even when capitalized
//!   ("Cartels May Be Designated"). So "Mexico may respond", "protesters march", "Theresa May
//!   said" give nothing.
//! - A month without a day or year (`in March`): the most recent March on or before P's month
//!   (the current month included); with [`Tense::Future`] the first on or after it. `last March`
//!   is strictly before P's month, `next March` strictly after, `this March` in P's year. Month
//!   precision, date the 1st.
//! - `early`/`mid`/`late` (`in early August`, `mid-August`, `late 2024`, `late last year`, `the
//!   beginning/middle/end of March`, `late on Tuesday`) keep the precision and date of what they
//!   modify and are reported in [`ResolvedDate::part`], so the date stays the first of the period.
//! - A day and month without a year (`on September 4th`, `Sept. 4`, `4 September`): with
//!   [`Tense::Past`] the latest such date on or before P, with [`Tense::Future`] the first on or
//!   after P, with [`Tense::Unknown`] the nearest one to P (on a tie, the past one), among the
//!   previous, current and next year; a written weekday (`Tuesday, March 4`) keeps only the
//!   years where it matches. `February 29` only exists in leap years. With a year
//!   (`September 4, 2025`, `4 September 2025`) or in ISO form (`2025-09-04`) the date is exact;
//!   impossible dates (`February 30, 2025`) give nothing.
//! - Seasons are meteorological, northern hemisphere: spring = March–May, summer = June–August,
//!   autumn/fall = September–November, winter = December–February, named by the year of its
//!   December (`winter of 2024` starts 2024-12-01). `the summer of 2020`, `summer 2020` → that
//!   season. `last summer` → the latest summer already over at P; `next summer` → the first one
//!   not begun; `this summer` → the one of P's year (for winter: the one in progress, else by tense,
//!   else the nearer). A bare season only counts after `early`/`mid`/`late` (`in late summer`: the
//!   latest begun, or with [`Tense::Future`] the current or next one).
//! - A year (`in 2019`, `since 2006`, `by 2030`) needs one of the prepositions above or
//!   `early/mid/late` and must be 1800–2200; "in 2000 cases" (a counted noun follows), "2,019",
//!   "1990s", "the 2024 election" give nothing.
//! - `two days ago`, `10 days ago` → P − n days (day); `three weeks ago` → week precision, the
//!   Monday of the week of P − 21; `a month ago` → the month of P − 1 month; `two years ago` → the
//!   year. `two weeks from now` → the same forward. Counts: digits, `a`/`an`, `one`…`twelve`,
//!   `twenty`, `thirty`.
//! - Offsets from another event (`four days after`, `two weeks later`, `a day earlier`, `the next
//!   day`, `the following week`, `the day before`) cannot be resolved alone: [`find_dates`] skips
//!   them; [`find_offsets`] reports them and [`Offset::apply`] / [`shift`] move an anchor the
//!   coder chose. Phrases that need knowledge about actors (`during his first term`) are ignored.
//! - The [`Relation`] is read from the word before the expression (skipping "the"): `since`,
//!   `from` → since; `until`, `till`, `through` → until; `by` → by; `before`, `prior to` →
//!   before; `after` → after; anything else → at. The span never includes that preposition nor a
//!   leading "the", but includes modifiers (`last`, `early`, `mid-`, `the end of` from "end").
//!
//! # Choosing the event date
//! [`resolve_event_date`] keeps the expressions whose relation is [`Relation::At`] (a "since" or
//! "by" date bounds the event but is not its date), then takes the most precise one (day before
//! week before month before season before year); on a tie, the first in the sentence. With none
//! left, it returns P with [`Precision::Article`]. The coder, which knows token positions of the
//! verb, may prefer to choose among [`find_dates`] results itself (e.g. the nearest to the verb).

#![forbid(unsafe_code)]

mod lex;
mod parse;
mod published;
mod resolve;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use published::{dateline_date, parse_published};

/// A weekday written in full ("Monday", "monday"): not an abbreviation.
pub fn is_weekday_name(word: &str) -> bool {
    matches!(lex::classify(word), lex::Lex::Weekday { abbrev: false, .. })
}

/// Is `word` the full name of a month or a weekday ("May", "tuesday")? For callers that must not
/// read a capitalised date word as a name.
pub fn is_calendar_name(word: &str) -> bool {
    matches!(
        lex::classify(word),
        lex::Lex::Month { abbrev: false, .. } | lex::Lex::Weekday { abbrev: false, .. }
    )
}

/// How precisely the event date is known. Ordered from the most to the least precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Year,
    /// No date in the text: the publication date stands in.
    Article,
}

impl Precision {
    /// The lowercase name used in event records (`day`, `week` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Article => "article",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tense of the clause, as far as the coder can tell ("will meet on Tuesday" → future).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Future,
    #[default]
    Unknown,
}

/// Which part of the period the text points at (`early August`, `mid-2025`, `late Tuesday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// How the expression relates to the event, from the preposition in front of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// `on Tuesday`, `in March`, or no preposition: the event's date.
    #[default]
    At,
    /// `since 2019`, `from March`.
    Since,
    /// `until Friday`, `through June`.
    Until,
    /// `by 2030`: a deadline.
    By,
    /// `before Tuesday`, `prior to March 4`.
    Before,
    /// `after Tuesday`.
    After,
}

/// Calendar unit of a relative expression or offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression found in a sentence, resolved against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResolvedDate {
    /// The day, or the first day of the period at coarser precisions.
    pub date: NaiveDate,
    pub precision: Precision,
    /// Byte span of the expression in the sentence (`start..end`); `0..0` for the article date.
    pub start: usize,
    pub end: usize,
    /// The expression as written (`sentence[start..end]`).
    pub expression: String,
    /// `early`/`mid`/`late` when the text narrows the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    #[serde(default)]
    pub relation: Relation,
}

impl ResolvedDate {
    /// The publication date standing in for an event date the text does not give.
    pub fn article(published: NaiveDate) -> Self {
        ResolvedDate {
            date: published,
            precision: Precision::Article,
            start: 0,
            end: 0,
            expression: String::new(),
            part: None,
            relation: Relation::At,
        }
    }

    /// Last day of the period (the date itself at day and article precision).
    pub fn last_day(&self) -> NaiveDate {
        resolve::period_end(self.date, self.precision).unwrap_or(self.date)
    }

    /// Whether `day` falls within the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.date <= day && day <= self.last_day()
    }
}

/// `false` guarantees that `sentence` holds no date expression (a single cheap byte scan: no digit
/// and no word starting like a month, weekday, day/week/month/year, season, today/tomorrow …).
pub fn has_date_hint(sentence: &str) -> bool {
    lex::has_date_hint(sentence)
}

/// Every date expression of `sentence` that can be resolved against `published`, in order.
pub fn find_dates(sentence: &str, published: NaiveDate, tense: Tense) -> Vec<ResolvedDate> {
    scan_sentence(
        sentence,
        |parser, i| parser.parse_at(i),
        |parsed| (parsed.first, parsed.last),
        |parser, parsed, written| {
            let (date, precision) = resolve::resolve(parsed.expr, published, tense)?;
            Some(ResolvedDate {
                date,
                precision,
                start: written.start,
                end: written.end,
                expression: written.expression,
                part: parsed.part,
                relation: parser.relation(parsed.first),
            })
        },
    )
}

/// Where a match of [`scan_sentence`] stands in the sentence: byte span and the words as written.
struct Written {
    start: usize,
    end: usize,
    expression: String,
}

/// What `parse_at` finds in `sentence`, tried at each token from left to right; after a match
/// the scan goes on past its last token (`token_range` gives its first and last), so matches
/// never overlap. `build` turns a match and where it is written into an item, or drops it.
fn scan_sentence<P, T>(
    sentence: &str,
    parse_at: impl Fn(&parse::Parser<'_>, usize) -> Option<P>,
    token_range: impl Fn(&P) -> (usize, usize),
    mut build: impl FnMut(&parse::Parser<'_>, P, Written) -> Option<T>,
) -> Vec<T> {
    if !lex::has_date_hint(sentence) {
        return Vec::new();
    }
    let tokens = lex::tokenize(sentence);
    let parser = parse::Parser::new(sentence, &tokens);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(parsed) = parse_at(&parser, i) else {
            i += 1;
            continue;
        };
        let (first, last) = token_range(&parsed);
        i = last + 1;
        let (Some(first), Some(last)) = (tokens.get(first), tokens.get(last)) else {
            continue;
        };
        let written = Written {
            start: first.start,
            end: last.end,
            expression: sentence
                .get(first.start..last.end)
                .unwrap_or("")
                .to_string(),
        };
        found.extend(build(&parser, parsed, written));
    }
    found
}

/// The date of the event told in `sentence`: see "Choosing the event date" in the crate docs.
pub fn resolve_event_date(sentence: &str, published: NaiveDate, tense: Tense) -> ResolvedDate {
    let mut best: Option<ResolvedDate> = None;
    for candidate in find_dates(sentence, published, tense) {
        if candidate.relation != Relation::At {
            continue;
        }
        match &best {
            Some(chosen) if chosen.precision <= candidate.precision => {}
            _ => best = Some(candidate),
        }
    }
    best.unwrap_or_else(|| ResolvedDate::article(published))
}

/// `date` moved by `days` (negative: earlier), then floored to the start of its period, so a
/// week stays a Monday and a month a 1st. Span, part and relation are kept. A move outside
/// chrono's range (beyond ±262,000 years) leaves the date unchanged.
pub fn shift(date: ResolvedDate, days: i64) -> ResolvedDate {
    let moved = resolve::add_days(date.date, days).and_then(|d| resolve::floor(d, date.precision));
    ResolvedDate {
        date: moved.unwrap_or(date.date),
        ..date
    }
}

/// A relative offset from another event, such as "four days after" or "the next day".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Offset {
    /// Signed number of units: positive after/later, negative before/earlier.
    pub amount: i64,
    pub unit: Unit,
    /// Byte span in the sentence.
    pub start: usize,
    pub end: usize,
    pub expression: String,
}

impl Offset {
    /// The anchor moved by this offset. The precision becomes the coarser of the anchor's and
    /// the unit's ("two weeks after March 4" is known to the week); the span and expression
    /// become the offset's. `None` outside chrono's range.
    pub fn apply(&self, anchor: &ResolvedDate) -> Option<ResolvedDate> {
        let precision = anchor.precision.max(resolve::unit_precision(self.unit));
        let moved = resolve::move_by(anchor.date, self.amount, self.unit)?;
        Some(ResolvedDate {
            date: resolve::floor(moved, precision)?,
            precision,
            start: self.start,
            end: self.end,
            expression: self.expression.clone(),
            part: None,
            relation: anchor.relation,
        })
    }
}

/// Every relative offset of `sentence` ("two days later", "a week before", "the following day").
pub fn find_offsets(sentence: &str) -> Vec<Offset> {
    scan_sentence(
        sentence,
        |parser, i| parser.parse_offset_at(i),
        |parsed| (parsed.first, parsed.last),
        |_, parsed, written| {
            Some(Offset {
                amount: parsed.amount,
                unit: parsed.unit,
                start: written.start,
                end: written.end,
                expression: written.expression,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn calendar_names_are_full_month_and_weekday_names() {
        for word in ["May", "march", "Tuesday", "SEPTEMBER"] {
            assert!(super::is_calendar_name(word), "{word}");
        }
        for word in ["Sept", "Tue", "Mayor", "Marchers", "Gondor"] {
            assert!(!super::is_calendar_name(word), "{word}");
        }
    }
}
