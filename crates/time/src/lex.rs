//! Tokens with byte offsets and the date lexicon.
//!
//! A sentence becomes a flat list of [`Token`]s: alphabetic runs (classified once into a [`Lex`]
//! value), digit runs (with an ordinal or other letter suffix folded in: `4th`, `1990s`, `10am`)
//! and single punctuation characters. Whitespace only separates tokens; adjacency is recovered
//! from the byte offsets (`mid-August`, `2025-09-04`, `Sept.`).

use chrono::Weekday;

use crate::{Part, Relation, Unit};

/// Meteorological seasons of the northern hemisphere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    /// Month (1–12) in which the season starts.
    pub(crate) fn start_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// `last`, `this`, `next` in front of a period, weekday, month or season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    Last,
    This,
    Next,
}

/// How strongly a preposition announces that a bare month name or year is a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Trigger {
    /// `on`, `at`, `over`, `to`: not enough for a bare month or year.
    None,
    /// `from`, `through`, `before`, `after`: enough, except for "May" (also a surname).
    Weak,
    /// `in`, `during`, `throughout`, `since`, `until`, `till`, `by`.
    Strong,
}

/// Classification of one alphabetic token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// `needs_capital`: "May", "March" and "August" are also a modal verb, a verb/noun and an
    /// adjective, so only their capitalized forms count as months.
    Month {
        month: u32,
        abbrev: bool,
        needs_capital: bool,
    },
    Weekday {
        day: Weekday,
        abbrev: bool,
    },
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Unit(Unit),
    Weekend,
    Season(Season),
    Shift(Shift),
    Past,
    Earlier,
    Later,
    Following,
    Previous,
    /// `early`, `mid`, `late`.
    Part(Part),
    /// `beginning`/`start`, `middle`, `end` (used as "the end of March").
    PartOf(Part),
    Ago,
    Now,
    /// `morning`, `afternoon`, `evening`.
    TimeOfDay,
    Night,
    The,
    Of,
    On,
    Prior,
    To,
    /// `every`, `each`: habitual, not a date ("every Tuesday").
    Every,
    /// Prepositions that give the expression its [`Relation`].
    Prep(Relation, Trigger),
    /// `a`, `an`, `one` … `twelve`, `twenty`, `thirty`.
    Count(u32),
    Other,
}

/// A digit run such as `4`, `04`, `2025`, `4th`; `tagged` when other letters follow (`1990s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number {
    pub value: u32,
    pub digits: usize,
    pub ordinal: bool,
    pub tagged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word { lex: Lex, capitalized: bool },
    Number(Number),
    Punct(char),
}

/// One token; `start..end` is its byte span in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + 1;
            let mut value = u64::from(c as u8 - b'0');
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(d as u8 - b'0'));
                end = i + 1;
                chars.next();
            }
            let digits = end - start;
            let suffix_start = end;
            while let Some(&(i, l)) = chars.peek() {
                if !l.is_alphabetic() {
                    break;
                }
                end = i + l.len_utf8();
                chars.next();
            }
            let suffix = text.get(suffix_start..end).unwrap_or("");
            let ordinal = ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| suffix.eq_ignore_ascii_case(s));
            tokens.push(Token {
                start,
                end,
                kind: Kind::Number(Number {
                    value: u32::try_from(value).unwrap_or(u32::MAX),
                    digits,
                    ordinal,
                    tagged: !suffix.is_empty() && !ordinal,
                }),
            });
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, l)) = chars.peek() {
                if !l.is_alphabetic() {
                    break;
                }
                end = i + l.len_utf8();
                chars.next();
            }
            tokens.push(Token {
                start,
                end,
                kind: Kind::Word {
                    lex: classify(text.get(start..end).unwrap_or("")),
                    capitalized: c.is_uppercase(),
                },
            });
        } else if !c.is_whitespace() {
            tokens.push(Token {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct(c),
            });
        }
    }
    tokens
}

/// Longest word in the lexicon ("afternoon", "throughout", "yesterday", "beginning" …).
const LONGEST_WORD: usize = 12;

/// Classifies one alphabetic word, case-insensitively, without allocating.
pub(crate) fn classify(word: &str) -> Lex {
    if word.len() > LONGEST_WORD || !word.is_ascii() {
        return Lex::Other;
    }
    let mut buf = [0u8; LONGEST_WORD];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let month = |month: u32, abbrev: bool| Lex::Month {
        month,
        abbrev,
        needs_capital: false,
    };
    let weekday = |day: Weekday, abbrev: bool| Lex::Weekday { day, abbrev };
    match &*lower {
        b"january" => month(1, false),
        b"february" => month(2, false),
        b"march" => Lex::Month {
            month: 3,
            abbrev: false,
            needs_capital: true,
        },
        b"april" => month(4, false),
        b"may" => Lex::Month {
            month: 5,
            abbrev: false,
            needs_capital: true,
        },
        b"june" => month(6, false),
        b"july" => month(7, false),
        b"august" => Lex::Month {
            month: 8,
            abbrev: false,
            needs_capital: true,
        },
        b"september" => month(9, false),
        b"october" => month(10, false),
        b"november" => month(11, false),
        b"december" => month(12, false),
        b"jan" => month(1, true),
        b"feb" => month(2, true),
        b"mar" => month(3, true),
        b"apr" => month(4, true),
        b"jun" => month(6, true),
        b"jul" => month(7, true),
        b"aug" => month(8, true),
        b"sep" | b"sept" => month(9, true),
        b"oct" => month(10, true),
        b"nov" => month(11, true),
        b"dec" => month(12, true),
        b"monday" => weekday(Weekday::Mon, false),
        b"tuesday" => weekday(Weekday::Tue, false),
        b"wednesday" => weekday(Weekday::Wed, false),
        b"thursday" => weekday(Weekday::Thu, false),
        b"friday" => weekday(Weekday::Fri, false),
        b"saturday" => weekday(Weekday::Sat, false),
        b"sunday" => weekday(Weekday::Sun, false),
        b"mon" => weekday(Weekday::Mon, true),
        b"tue" | b"tues" => weekday(Weekday::Tue, true),
        b"wed" => weekday(Weekday::Wed, true),
        b"thu" | b"thur" | b"thurs" => weekday(Weekday::Thu, true),
        b"fri" => weekday(Weekday::Fri, true),
        b"sat" => weekday(Weekday::Sat, true),
        b"sun" => weekday(Weekday::Sun, true),
        b"today" => Lex::Today,
        b"tonight" => Lex::Tonight,
        b"yesterday" => Lex::Yesterday,
        b"tomorrow" => Lex::Tomorrow,
        b"day" | b"days" => Lex::Unit(Unit::Day),
        b"week" | b"weeks" => Lex::Unit(Unit::Week),
        b"month" | b"months" => Lex::Unit(Unit::Month),
        b"year" | b"years" => Lex::Unit(Unit::Year),
        b"weekend" => Lex::Weekend,
        b"spring" => Lex::Season(Season::Spring),
        b"summer" => Lex::Season(Season::Summer),
        b"autumn" | b"fall" => Lex::Season(Season::Autumn),
        b"winter" => Lex::Season(Season::Winter),
        b"last" => Lex::Shift(Shift::Last),
        b"this" => Lex::Shift(Shift::This),
        b"next" => Lex::Shift(Shift::Next),
        b"past" => Lex::Past,
        b"earlier" => Lex::Earlier,
        b"later" => Lex::Later,
        b"following" => Lex::Following,
        b"previous" | b"preceding" => Lex::Previous,
        b"early" => Lex::Part(Part::Early),
        b"mid" => Lex::Part(Part::Mid),
        b"late" => Lex::Part(Part::Late),
        b"beginning" | b"start" => Lex::PartOf(Part::Early),
        b"middle" => Lex::PartOf(Part::Mid),
        b"end" => Lex::PartOf(Part::Late),
        b"ago" => Lex::Ago,
        b"now" => Lex::Now,
        b"morning" | b"afternoon" | b"evening" => Lex::TimeOfDay,
        b"night" => Lex::Night,
        b"the" => Lex::The,
        b"of" => Lex::Of,
        b"on" => Lex::On,
        b"prior" => Lex::Prior,
        b"to" => Lex::To,
        b"every" | b"each" => Lex::Every,
        b"in" | b"during" | b"throughout" => Lex::Prep(Relation::At, Trigger::Strong),
        b"at" | b"over" => Lex::Prep(Relation::At, Trigger::None),
        b"since" => Lex::Prep(Relation::Since, Trigger::Strong),
        b"from" => Lex::Prep(Relation::Since, Trigger::Weak),
        b"until" | b"till" => Lex::Prep(Relation::Until, Trigger::Strong),
        b"through" => Lex::Prep(Relation::Until, Trigger::Weak),
        b"by" => Lex::Prep(Relation::By, Trigger::Strong),
        b"before" => Lex::Prep(Relation::Before, Trigger::Weak),
        b"after" => Lex::Prep(Relation::After, Trigger::Weak),
        b"a" | b"an" | b"one" => Lex::Count(1),
        b"two" => Lex::Count(2),
        b"three" => Lex::Count(3),
        b"four" => Lex::Count(4),
        b"five" => Lex::Count(5),
        b"six" => Lex::Count(6),
        b"seven" => Lex::Count(7),
        b"eight" => Lex::Count(8),
        b"nine" => Lex::Count(9),
        b"ten" => Lex::Count(10),
        b"eleven" => Lex::Count(11),
        b"twelve" => Lex::Count(12),
        b"twenty" => Lex::Count(20),
        b"thirty" => Lex::Count(30),
        _ => Lex::Other,
    }
}

/// First three letters (lower case) of every word that can head or complete a date expression.
/// Expressions without one of these words contain a digit instead.
const HINT_PREFIXES: [&[u8; 3]; 35] = [
    b"tod", b"ton", b"yes", b"tom", b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun", b"jan",
    b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec", b"day",
    b"wee", b"yea", b"spr", b"sum", b"aut", b"fal", b"win", b"nig", b"mor", b"aft", b"eve",
];

/// Cheap single byte scan: `false` guarantees that the sentence holds no date expression.
pub(crate) fn has_date_hint(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_is_letter = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            return true;
        }
        let is_letter = b.is_ascii_alphabetic();
        if is_letter && !previous_is_letter {
            if let Some(&[a, b2, c]) = bytes.get(i..i + 3) {
                let prefix = [
                    a.to_ascii_lowercase(),
                    b2.to_ascii_lowercase(),
                    c.to_ascii_lowercase(),
                ];
                if HINT_PREFIXES.iter().any(|p| **p == prefix) {
                    return true;
                }
            }
        }
        previous_is_letter = is_letter;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_ordinal_and_tag_suffixes() {
        let tokens = tokenize("4th 1990s 2025-09-04");
        let numbers: Vec<Number> = tokens
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Number(n) => Some(n),
                _ => None,
            })
            .collect();
        assert_eq!(numbers.len(), 5);
        assert!(numbers[0].ordinal && numbers[0].value == 4);
        assert!(numbers[1].tagged && numbers[1].value == 1990);
        assert_eq!((numbers[2].value, numbers[2].digits), (2025, 4));
        assert_eq!((numbers[3].value, numbers[3].digits), (9, 2));
        assert_eq!((numbers[4].value, numbers[4].digits), (4, 2));
    }

    #[test]
    fn words_are_classified_case_insensitively() {
        assert_eq!(
            classify("TUESDAY"),
            Lex::Weekday {
                day: Weekday::Tue,
                abbrev: false
            }
        );
        assert_eq!(
            classify("Sept"),
            Lex::Month {
                month: 9,
                abbrev: true,
                needs_capital: false
            }
        );
        assert_eq!(classify("Méxicoooooooooo"), Lex::Other);
    }

    #[test]
    fn every_word_that_anchors_an_expression_passes_the_hint_scan() {
        // Each expression holds a digit or one of these words (see parse.rs).
        let words = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
            "today",
            "tonight",
            "yesterday",
            "tomorrow",
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "year",
            "years",
            "weekend",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "morning",
            "afternoon",
            "evening",
            "night",
        ];
        for word in words {
            assert_ne!(classify(word), Lex::Other, "{word}");
            for form in [word.to_string(), word.to_uppercase(), format!("(x {word}.")] {
                assert!(has_date_hint(&form), "{form}");
            }
        }
    }

    #[test]
    fn hint_scan_rejects_dateless_text_and_accepts_digits() {
        assert!(!has_date_hint("The cartel denied the accusations."));
        assert!(has_date_hint("Troops arrived on Tuesday."));
        assert!(has_date_hint("About 300 soldiers"));
        assert!(has_date_hint("—yesterday"));
    }
}
