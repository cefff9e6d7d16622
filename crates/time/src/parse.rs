//! Recognition of date expressions over the token list (no resolution here).
//!
//! [`Parser::parse_at`] tries, at one token index, the patterns of the crate documentation and
//! returns an [`Expr`] (what was said, unresolved) with its token range. Resolution against the
//! publication date lives in `resolve.rs`, so the same parse serves `find_dates` and datelines.

use chrono::Weekday;

use crate::lex::{Kind, Lex, Number, Season, Shift, Token, Trigger};
use crate::{Part, Relation, Unit};

/// What a date expression says, before it is anchored on the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expr {
    /// `today` (0), `yesterday` (-1), `tomorrow` (1), `the day before yesterday` (-2) …
    DayOffset(i64),
    Weekday {
        day: Weekday,
        shift: Option<Shift>,
    },
    /// A month, optionally with day, year, the weekday written before it, or last/this/next.
    Calendar {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        weekday: Option<Weekday>,
        shift: Option<Shift>,
    },
    /// `last week`, `this month`, `next year`.
    Period {
        unit: Unit,
        shift: Shift,
    },
    Weekend {
        shift: Option<Shift>,
    },
    Season {
        season: Season,
        year: Option<i32>,
        shift: Option<Shift>,
    },
    Year(i32),
    /// `two days ago` (negative) and `three weeks from now` (positive).
    Relative {
        amount: i64,
        unit: Unit,
    },
}

/// One recognized expression: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub expr: Expr,
    pub part: Option<Part>,
    pub first: usize,
    pub last: usize,
}

/// A relative offset such as "four days after": tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParsedOffset {
    pub amount: i64,
    pub unit: Unit,
    pub first: usize,
    pub last: usize,
}

/// Words before a weekday that make it a feast or a name, not a date ("Black Friday").
const WEEKDAY_NOT_BEFORE: [&str; 9] = [
    "black", "good", "ash", "palm", "easter", "holy", "cyber", "bloody", "maundy",
];
/// Words after a weekday that make it a title ("Sunday Times", "Sunday school").
const WEEKDAY_NOT_AFTER: [&str; 9] = [
    "times",
    "telegraph",
    "express",
    "mirror",
    "herald",
    "post",
    "independent",
    "mail",
    "school",
];
/// Words after "May" that show the modal verb ("Cartels May Be Designated").
const MODAL_MAY_FOLLOWERS: [&str; 9] = [
    "be", "have", "not", "also", "never", "soon", "well", "still", "yet",
];
/// Counted nouns that show a four-digit number after "in" is a quantity ("in 2000 cases").
const COUNT_NOUNS: [&str; 18] = [
    "people",
    "cases",
    "deaths",
    "troops",
    "soldiers",
    "votes",
    "men",
    "women",
    "migrants",
    "members",
    "residents",
    "families",
    "homes",
    "tons",
    "tonnes",
    "kilometers",
    "miles",
    "metres",
];

pub(crate) struct Parser<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

/// What the token before an expression allows.
#[derive(Debug, Clone, Copy)]
struct Context {
    /// Strength of the preposition in front (for bare months and years).
    trigger: Trigger,
    /// After early/mid/late or "the end of": a bare month, year or season is a date.
    after_part: bool,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        Parser { text, tokens }
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        match self.tokens.get(i)?.kind {
            Kind::Word { lex, .. } => Some(lex),
            _ => None,
        }
    }

    fn is(&self, i: usize, lex: Lex) -> bool {
        self.lex(i) == Some(lex)
    }

    fn capitalized(&self, i: usize) -> bool {
        matches!(
            self.tokens.get(i).map(|t| t.kind),
            Some(Kind::Word {
                capitalized: true,
                ..
            })
        )
    }

    fn number(&self, i: usize) -> Option<Number> {
        match self.tokens.get(i)?.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.tokens.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` ends exactly where token `i + 1` starts.
    fn touches_next(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn word_in(&self, i: usize, words: &[&str]) -> bool {
        self.tokens
            .get(i)
            .filter(|t| matches!(t.kind, Kind::Word { .. }))
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    }

    /// Index of the token before `i`, skipping one "the".
    fn before(&self, i: usize) -> Option<usize> {
        let previous = i.checked_sub(1)?;
        if self.is(previous, Lex::The) {
            previous.checked_sub(1)
        } else {
            Some(previous)
        }
    }

    /// The relation given by the preposition in front of the expression starting at `first`.
    pub(crate) fn relation(&self, first: usize) -> Relation {
        let Some(previous) = self.before(first) else {
            return Relation::At;
        };
        match self.lex(previous) {
            Some(Lex::Prep(relation, _)) => relation,
            Some(Lex::To)
                if previous
                    .checked_sub(1)
                    .is_some_and(|p| self.is(p, Lex::Prior)) =>
            {
                Relation::Before
            }
            _ => Relation::At,
        }
    }

    fn trigger_before(&self, i: usize) -> Trigger {
        match self.before(i).and_then(|p| self.lex(p)) {
            Some(Lex::Prep(_, trigger)) => trigger,
            _ => Trigger::None,
        }
    }

    /// A four-digit year (1800–2200) at `i`, not a quantity like "2,019" or "2019s".
    fn year(&self, i: usize) -> Option<i32> {
        let n = self.number(i)?;
        if n.digits != 4 || n.tagged || n.ordinal || !(1800..=2200).contains(&n.value) {
            return None;
        }
        if self.is_thousands(i) {
            return None;
        }
        i32::try_from(n.value).ok()
    }

    /// `4` in "4,000": a comma glued to a three-digit group.
    fn is_thousands(&self, i: usize) -> bool {
        self.punct(i + 1) == Some(',')
            && self.touches_next(i)
            && self.touches_next(i + 1)
            && self.number(i + 2).is_some_and(|n| n.digits == 3)
    }

    /// A day of month (1–31) at `i` that is not a time ("10:30"), a quantity or a percentage.
    fn day(&self, i: usize) -> Option<u32> {
        let n = self.number(i)?;
        if n.digits > 2 || n.tagged || !(1..=31).contains(&n.value) || self.is_thousands(i) {
            return None;
        }
        if self.touches_next(i) {
            match self.punct(i + 1) {
                // "10:30", "5%", "4.5" ("4." closing a sentence is still a day)
                Some(':' | '%') => return None,
                Some('.') if self.number(i + 2).is_some() => return None,
                _ => {}
            }
        }
        Some(n.value)
    }

    /// Month word at `i` (capital rule applied); returns month and abbreviation flag.
    fn month(&self, i: usize) -> Option<(u32, bool)> {
        match self.lex(i)? {
            Lex::Month {
                month,
                abbrev,
                needs_capital,
            } if !needs_capital || self.capitalized(i) => {
                // "May be", "May not": the modal, capitalized in a title or after a number.
                if month == 5 && self.word_in(i + 1, &MODAL_MAY_FOLLOWERS) {
                    return None;
                }
                Some((month, abbrev))
            }
            _ => None,
        }
    }

    /// Index after a month word, skipping the period of an abbreviation ("Sept.").
    fn after_month(&self, i: usize, abbrev: bool) -> usize {
        if abbrev && self.punct(i + 1) == Some('.') && self.touches_next(i) {
            i + 2
        } else {
            i + 1
        }
    }

    /// Optional year after a comma or directly: returns (year, index of the year token).
    fn trailing_year(&self, i: usize) -> Option<(i32, usize)> {
        let at = if self.punct(i) == Some(',') { i + 1 } else { i };
        self.year(at).map(|y| (y, at))
    }

    /// Parses the expression whose first token is `i`, if any.
    pub(crate) fn parse_at(&self, i: usize) -> Option<Parsed> {
        match self.lex(i) {
            Some(Lex::Part(part)) => {
                let mut next = i + 1;
                if self.punct(next) == Some('-') && self.touches_next(i) {
                    next += 1;
                } else if part != Part::Mid && self.is(next, Lex::On) {
                    next += 1; // "late on Tuesday"
                }
                self.with_part(i, next, part)
            }
            Some(Lex::PartOf(part)) if self.is(i + 1, Lex::Of) => {
                let next = if self.is(i + 2, Lex::The) {
                    i + 3
                } else {
                    i + 2
                };
                self.with_part(i, next, part)
            }
            Some(Lex::Earlier | Lex::Later) => {
                let parsed = match self.lex(i + 1)? {
                    Lex::Today => self.parse_core(i + 1, self.context(i + 1)),
                    Lex::Shift(Shift::This) => self.parse_core(i + 1, self.context(i + 1)),
                    _ => None,
                }?;
                Some(Parsed { first: i, ..parsed })
            }
            _ => self.parse_core(i, self.context(i)),
        }
    }

    fn context(&self, i: usize) -> Context {
        Context {
            trigger: self.trigger_before(i),
            after_part: false,
        }
    }

    fn with_part(&self, first: usize, next: usize, part: Part) -> Option<Parsed> {
        let context = Context {
            trigger: Trigger::Strong,
            after_part: true,
        };
        let parsed = self.parse_core(next, context)?;
        if parsed.part.is_some() || matches!(parsed.expr, Expr::Relative { .. }) {
            return None;
        }
        Some(Parsed {
            part: Some(part),
            first,
            ..parsed
        })
    }

    fn parse_core(&self, i: usize, context: Context) -> Option<Parsed> {
        let single = |expr| Parsed {
            expr,
            part: None,
            first: i,
            last: i,
        };
        match self.lex(i) {
            None => self.parse_number_first(i, context),
            Some(Lex::Today | Lex::Tonight) => {
                Some(self.absorb_time_of_day(single(Expr::DayOffset(0))))
            }
            Some(Lex::Yesterday) => Some(self.absorb_time_of_day(single(Expr::DayOffset(-1)))),
            Some(Lex::Tomorrow) => Some(self.absorb_time_of_day(single(Expr::DayOffset(1)))),
            Some(Lex::Unit(Unit::Day)) => {
                // "the day before yesterday", "the day after tomorrow"
                let offset = match (self.lex(i + 1)?, self.lex(i + 2)?) {
                    (Lex::Prep(Relation::Before, _), Lex::Yesterday) => -2,
                    (Lex::Prep(Relation::After, _), Lex::Tomorrow) => 2,
                    _ => return None,
                };
                Some(Parsed {
                    last: i + 2,
                    ..single(Expr::DayOffset(offset))
                })
            }
            Some(Lex::Shift(shift)) => self.parse_shifted(i, shift),
            Some(Lex::Weekday { day, abbrev }) => self.parse_weekday(i, day, abbrev),
            Some(Lex::Month { .. }) => self.parse_month_first(i, context),
            Some(Lex::Season(season)) => {
                let mut next = i + 1;
                if self.is(next, Lex::Of) {
                    next += 1;
                }
                if let Some(year) = self.year(next) {
                    return Some(Parsed {
                        last: next,
                        ..single(Expr::Season {
                            season,
                            year: Some(year),
                            shift: None,
                        })
                    });
                }
                context.after_part.then(|| {
                    single(Expr::Season {
                        season,
                        year: None,
                        shift: None,
                    })
                })
            }
            Some(Lex::Weekend) => {
                let previous = i.checked_sub(1)?;
                self.is(previous, Lex::The)
                    .then(|| single(Expr::Weekend { shift: None }))
            }
            Some(Lex::Count(count)) => self.parse_relative(i, count),
            _ => None,
        }
    }

    /// Extends a day expression over a following "morning"/"night" ("Tuesday night").
    fn absorb_time_of_day(&self, parsed: Parsed) -> Parsed {
        match self.lex(parsed.last + 1) {
            Some(Lex::TimeOfDay | Lex::Night) => Parsed {
                last: parsed.last + 1,
                ..parsed
            },
            _ => parsed,
        }
    }

    fn parse_number_first(&self, i: usize, context: Context) -> Option<Parsed> {
        let n = self.number(i)?;
        // ISO 8601: 2025-09-04
        if n.digits == 4
            && !n.tagged
            && self.punct(i + 1) == Some('-')
            && self.punct(i + 3) == Some('-')
            && (i..i + 4).all(|k| self.touches_next(k))
        {
            let month = self.number(i + 2).filter(|m| m.digits == 2 && !m.tagged)?;
            let day = self.number(i + 4).filter(|d| d.digits == 2 && !d.tagged)?;
            return Some(Parsed {
                expr: Expr::Calendar {
                    year: i32::try_from(n.value).ok(),
                    month: month.value,
                    day: Some(day.value),
                    weekday: None,
                    shift: None,
                },
                part: None,
                first: i,
                last: i + 4,
            });
        }
        // Day first: "4 September", "4th of September 2025"
        if let Some(day) = self.day(i) {
            let at = if self.is(i + 1, Lex::Of) {
                i + 2
            } else {
                i + 1
            };
            if let Some((month, abbrev)) = self.month(at) {
                let after = self.after_month(at, abbrev);
                let mut last = after - 1;
                let year = self.trailing_year(after).map(|(y, k)| {
                    last = k;
                    y
                });
                return Some(Parsed {
                    expr: Expr::Calendar {
                        year,
                        month,
                        day: Some(day),
                        weekday: None,
                        shift: None,
                    },
                    part: None,
                    first: i,
                    last,
                });
            }
        }
        // A bare year needs a preposition or early/mid/late: "in 2019", "mid-2025".
        if let Some(year) = self.year(i) {
            // "in the 2024 election" names an event, not a year.
            let after_the = i.checked_sub(1).is_some_and(|p| self.is(p, Lex::The));
            let allowed = context.after_part || (context.trigger >= Trigger::Weak && !after_the);
            let quantity =
                self.word_in(i + 1, &COUNT_NOUNS) || matches!(self.punct(i + 1), Some('%'));
            if allowed && !quantity {
                return Some(Parsed {
                    expr: Expr::Year(year),
                    part: None,
                    first: i,
                    last: i,
                });
            }
        }
        if n.digits <= 3 && !n.tagged && !n.ordinal {
            return self.parse_relative(i, n.value);
        }
        None
    }

    /// `<count> <unit> ago` and `<count> <unit> from now`.
    fn parse_relative(&self, i: usize, count: u32) -> Option<Parsed> {
        let Some(Lex::Unit(unit)) = self.lex(i + 1) else {
            return None;
        };
        let (amount, last) = match self.lex(i + 2)? {
            Lex::Ago => (-i64::from(count), i + 2),
            Lex::Prep(Relation::Since, Trigger::Weak) if self.is(i + 3, Lex::Now) => {
                (i64::from(count), i + 3)
            }
            _ => return None,
        };
        Some(Parsed {
            expr: Expr::Relative { amount, unit },
            part: None,
            first: i,
            last,
        })
    }

    fn parse_shifted(&self, i: usize, mut shift: Shift) -> Option<Parsed> {
        // "the last week", "the next month" are durations or narrative time, not calendar periods.
        if i.checked_sub(1).is_some_and(|p| self.is(p, Lex::The)) {
            return None;
        }
        let mut next = i + 1;
        if shift == Shift::This && self.is(next, Lex::Past) {
            shift = Shift::Last; // "this past weekend"
            next += 1;
        }
        let parsed = |expr, last| Parsed {
            expr,
            part: None,
            first: i,
            last,
        };
        match self.lex(next)? {
            Lex::Night if shift == Shift::Last => Some(parsed(Expr::DayOffset(-1), next)),
            Lex::TimeOfDay if shift == Shift::This => Some(parsed(Expr::DayOffset(0), next)),
            Lex::Weekday { day, abbrev: false } => Some(self.absorb_time_of_day(parsed(
                Expr::Weekday {
                    day,
                    shift: Some(shift),
                },
                next,
            ))),
            Lex::Month { .. } => {
                let context = Context {
                    trigger: Trigger::Strong,
                    after_part: false,
                };
                let inner = self.parse_month_first(next, context)?;
                match inner.expr {
                    Expr::Calendar {
                        year: None,
                        month,
                        day,
                        weekday,
                        ..
                    } => Some(parsed(
                        Expr::Calendar {
                            year: None,
                            month,
                            day,
                            weekday,
                            shift: Some(shift),
                        },
                        inner.last,
                    )),
                    _ => None,
                }
            }
            Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year)) => {
                // "the last week of March" names a week of that month, not last week.
                if self.is(next + 1, Lex::Of) {
                    return None;
                }
                Some(parsed(Expr::Period { unit, shift }, next))
            }
            Lex::Weekend => Some(parsed(Expr::Weekend { shift: Some(shift) }, next)),
            Lex::Season(season) => Some(parsed(
                Expr::Season {
                    season,
                    year: None,
                    shift: Some(shift),
                },
                next,
            )),
            _ => None,
        }
    }

    fn parse_weekday(&self, i: usize, day: Weekday, abbrev: bool) -> Option<Parsed> {
        let previous_blocks = i
            .checked_sub(1)
            .is_some_and(|p| self.word_in(p, &WEEKDAY_NOT_BEFORE) || self.is(p, Lex::Every));
        if previous_blocks || self.word_in(i + 1, &WEEKDAY_NOT_AFTER) {
            return None;
        }
        let mut next = i + 1;
        if abbrev && self.punct(next) == Some('.') && self.touches_next(i) {
            next += 1;
        }
        if self.punct(next) == Some(',') {
            next += 1;
        }
        // "Tuesday, March 4", "Tue, 04 Mar 2025"
        if let Some(explicit) = self.parse_explicit_day(next) {
            if let Expr::Calendar {
                year,
                month,
                day: Some(day_of_month),
                ..
            } = explicit.expr
            {
                return Some(Parsed {
                    expr: Expr::Calendar {
                        year,
                        month,
                        day: Some(day_of_month),
                        weekday: Some(day),
                        shift: None,
                    },
                    part: None,
                    first: i,
                    last: explicit.last,
                });
            }
        }
        if abbrev {
            return None;
        }
        Some(self.absorb_time_of_day(Parsed {
            expr: Expr::Weekday { day, shift: None },
            part: None,
            first: i,
            last: i,
        }))
    }

    /// A calendar date with a day of month, month first or day first.
    fn parse_explicit_day(&self, i: usize) -> Option<Parsed> {
        let context = Context {
            trigger: Trigger::None,
            after_part: false,
        };
        let parsed = match self.lex(i) {
            Some(Lex::Month { .. }) => self.parse_month_first(i, context),
            None => self.parse_number_first(i, context),
            _ => None,
        }?;
        matches!(parsed.expr, Expr::Calendar { day: Some(_), .. }).then_some(parsed)
    }

    /// "September 4", "Sept. 4th, 2025", "March 2024", and a bare "March" after a trigger.
    fn parse_month_first(&self, i: usize, context: Context) -> Option<Parsed> {
        let (month, abbrev) = self.month(i)?;
        let after = self.after_month(i, abbrev);
        let calendar = |year, day, last| Parsed {
            expr: Expr::Calendar {
                year,
                month,
                day,
                weekday: None,
                shift: None,
            },
            part: None,
            first: i,
            last,
        };
        if let Some(day) = self.day(after) {
            return Some(match self.trailing_year(after + 1) {
                Some((year, at)) => calendar(Some(year), Some(day), at),
                None => calendar(None, Some(day), after),
            });
        }
        if let Some((year, at)) = self.trailing_year(after) {
            return Some(calendar(Some(year), None, at));
        }
        let triggered = context.after_part
            || context.trigger == Trigger::Strong
            || (context.trigger == Trigger::Weak && month != 5);
        (triggered && !abbrev).then(|| calendar(None, None, i))
    }

    /// Offsets from another event: "four days after", "two weeks later", "the next day".
    pub(crate) fn parse_offset_at(&self, i: usize) -> Option<ParsedOffset> {
        let count = match (self.lex(i), self.number(i)) {
            (Some(Lex::Count(count)), _) => Some(count),
            (None, Some(n)) if n.digits <= 3 && !n.tagged && !n.ordinal => Some(n.value),
            _ => None,
        };
        if let Some(count) = count {
            let Some(Lex::Unit(unit)) = self.lex(i + 1) else {
                return None;
            };
            let sign = match self.lex(i + 2)? {
                Lex::Later | Lex::Prep(Relation::After, _) => 1,
                Lex::Earlier | Lex::Prep(Relation::Before, _) => -1,
                _ => return None,
            };
            return Some(ParsedOffset {
                amount: sign * i64::from(count),
                unit,
                first: i,
                last: i + 2,
            });
        }
        if !self.is(i, Lex::The) {
            return None;
        }
        // "the next day", "the following week", "the previous month"
        let sign = match self.lex(i + 1)? {
            Lex::Shift(Shift::Next) | Lex::Following => Some(1),
            Lex::Previous => Some(-1),
            _ => None,
        };
        if let (Some(sign), Some(Lex::Unit(unit))) = (sign, self.lex(i + 2)) {
            return Some(ParsedOffset {
                amount: sign,
                unit,
                first: i + 1,
                last: i + 2,
            });
        }
        // "the day before", "the day after" (but not "the day before yesterday")
        if self.is(i + 1, Lex::Unit(Unit::Day)) {
            let sign = match self.lex(i + 2)? {
                Lex::Prep(Relation::Before, _) => -1,
                Lex::Prep(Relation::After, _) => 1,
                _ => return None,
            };
            if matches!(self.lex(i + 3), Some(Lex::Yesterday | Lex::Tomorrow)) {
                return None;
            }
            return Some(ParsedOffset {
                amount: sign,
                unit: Unit::Day,
                first: i + 1,
                last: i + 2,
            });
        }
        None
    }
}
