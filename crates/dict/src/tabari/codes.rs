//! The code inside `[...]`: event codes of verbs and patterns, dated actor codes, agent codes
//! and time-shift amounts, plus [`classify_code`] for the special codes TABARI keeps in-line.

use crate::{AgentPlacement, CodeSpec, DatedCode};
use chrono::NaiveDate;

/// The TABARI null code `---` (manual 6.2), also written `- - -`.
pub const NULL_CODE: &str = "---";
/// The discard code `###` (manual 6.3): the sentence is dropped.
pub const DISCARD_CODE: &str = "###";
/// The complex code `+++` (manual 6.4): the sentence is set aside as too complex.
pub const COMPLEX_CODE: &str = "+++";

/// What an event or actor code string stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind<'a> {
    /// A real code; for events, `code` has the `?` / `!` marker removed.
    Event {
        code: &'a str,
        priority: CodePriority,
    },
    /// `---`: matched, produces nothing.
    Null,
    /// `###`: discard the sentence.
    Discard,
    /// `+++`: the sentence is complex.
    Complex,
}

/// TABARI event-code priority markers (manual 6.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePriority {
    Normal,
    /// `023?`: used only when the sentence yields no other event.
    Subordinate,
    /// `031!`: when present, only dominant events of the sentence are kept.
    Dominant,
}

/// Classifies a code as the TABARI loader stores it (`CodeSpec::Code`, one side of
/// `CodeSpec::Paired`, or `DatedCode::code`).
pub fn classify_code(code: &str) -> CodeKind<'_> {
    match code {
        NULL_CODE => CodeKind::Null,
        DISCARD_CODE => CodeKind::Discard,
        COMPLEX_CODE => CodeKind::Complex,
        _ => {
            if let Some(code) = code.strip_suffix('?') {
                CodeKind::Event {
                    code,
                    priority: CodePriority::Subordinate,
                }
            } else if let Some(code) = code.strip_suffix('!') {
                CodeKind::Event {
                    code,
                    priority: CodePriority::Dominant,
                }
            } else {
                CodeKind::Event {
                    code,
                    priority: CodePriority::Normal,
                }
            }
        }
    }
}

/// `---`, `###` or `+++`, however spaced (`- - -`), or `None`.
fn special_code(compact: &str) -> Option<&'static str> {
    match compact {
        NULL_CODE => Some(NULL_CODE),
        DISCARD_CODE => Some(DISCARD_CODE),
        COMPLEX_CODE => Some(COMPLEX_CODE),
        _ => None,
    }
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One side of an event code: letters and digits, optionally ending in `?` or `!`, or a
/// special code.
fn event_code_part(part: &str) -> Result<String, String> {
    if let Some(special) = special_code(part) {
        return Ok(special.to_owned());
    }
    let body = part
        .strip_suffix('?')
        .or_else(|| part.strip_suffix('!'))
        .unwrap_or(part);
    if body.is_empty() {
        return Err("no code in [...]".to_owned());
    }
    if !body.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("invalid event code `{part}`"));
    }
    Ok(part.to_owned())
}

/// `[064]`, `[032:033]`, `[---]`, `[023?]`, `[###]` → the model's [`CodeSpec`]. Codes are
/// kept as written (`075A`, `023?`); `###` and `+++` stay `CodeSpec::Code`.
pub(crate) fn parse_event_code(inside: &str) -> Result<CodeSpec, String> {
    let compact = compact(inside);
    if compact == NULL_CODE {
        return Ok(CodeSpec::Null);
    }
    if compact.is_empty() {
        return Err("no code in [...]".to_owned());
    }
    match compact.split_once(':') {
        Some((a, b)) => Ok(CodeSpec::Paired(event_code_part(a)?, event_code_part(b)?)),
        None => Ok(CodeSpec::Code(event_code_part(&compact)?)),
    }
}

/// A `YYMMDD` (or `YYYYMMDD`) date. Two-digit years pivot as in TABARI (manual 6.5.2):
/// 00–30 are 2000–2030, 31–99 are 1931–1999.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("invalid date `{s}` (expected YYMMDD)");
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, String> {
        s.get(range)
            .and_then(|d| d.parse::<u32>().ok())
            .ok_or_else(bad)
    };
    let (year, month_at) = match s.len() {
        6 => {
            let yy = number(0..2)?;
            let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
            (year, 2)
        }
        8 => (number(0..4)?, 4),
        _ => return Err(bad()),
    };
    let month = number(month_at..month_at + 2)?;
    let day = number(month_at + 2..month_at + 4)?;
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)
}

/// An actor code: letters and digits, `/` between the parts of a coded compound
/// (`ELR/GAL`), or a special code.
fn valid_actor_code(code: &str) -> bool {
    special_code(code).is_some()
        || (!code.is_empty()
            && code
                .split('/')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric())))
}

/// `[USAGOV]`, `[USAGOV 991201-010114]`, `[HOB < 950601]`, `[HOBREB > 990816]`, `[---]`,
/// `[### <890101]`, `[GME/GMW]` → a [`DatedCode`]. `<D` is "up to and including D", `>D`
/// "from D on", `A-B` both ends inclusive.
pub(crate) fn parse_actor_code(inside: &str) -> Result<DatedCode, String> {
    let inside = inside.trim();
    // Special codes may be spaced (`- - -`): take the run of `-#+` and blanks as the code.
    let code_end = if inside.starts_with(['-', '#', '+']) {
        inside
            .find(|c: char| !matches!(c, '-' | '#' | '+') && !c.is_whitespace())
            .unwrap_or(inside.len())
    } else {
        inside
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .unwrap_or(inside.len())
    };
    let (code, restriction) = inside.split_at(code_end);
    // Actor codes are stored upper-cased, as the model documents.
    let code = compact(code).to_ascii_uppercase();
    if code.is_empty() {
        return Err(format!("no code in [{inside}]"));
    }
    if !valid_actor_code(&code) {
        return Err(if code.starts_with(|c: char| c.is_ascii_digit()) {
            format!("date restriction without a code in [{inside}]")
        } else {
            format!("invalid actor code `{code}` in [{inside}]")
        });
    }
    let restriction = compact(restriction);
    let (from, until) = if restriction.is_empty() {
        (None, None)
    } else if let Some(date) = restriction.strip_prefix('<') {
        (None, Some(parse_date(date)?))
    } else if let Some(date) = restriction.strip_prefix('>') {
        (Some(parse_date(date)?), None)
    } else if let Some((a, b)) = restriction.split_once('-') {
        let (from, until) = (parse_date(a)?, parse_date(b)?);
        if from > until {
            return Err(format!("date range {a}-{b} ends before it starts"));
        }
        (Some(from), Some(until))
    } else {
        return Err(format!(
            "invalid date restriction `{restriction}` in [{inside}]"
        ));
    };
    Ok(DatedCode { code, from, until })
}

/// `[~GOV]` (suffix: `MEX` + `GOV`) or `[NGO~]` (prefix), blanks allowed; `[---]` is
/// accepted as a null agent.
pub(crate) fn parse_agent_code(inside: &str) -> Result<(String, AgentPlacement), String> {
    let compact = compact(inside);
    if compact == NULL_CODE {
        return Ok((compact, AgentPlacement::Suffix));
    }
    let (code, placement) = if let Some(code) = compact.strip_prefix('~') {
        (code, AgentPlacement::Suffix)
    } else if let Some(code) = compact.strip_suffix('~') {
        (code, AgentPlacement::Prefix)
    } else {
        return Err(format!("missing `~` connector in agent code [{inside}]"));
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("invalid agent code [{inside}]"));
    }
    Ok((code.to_ascii_uppercase(), placement))
}

/// Largest shift TABARI accepts (manual 10.5); larger values become 0 with a warning.
const MAX_SHIFT_DAYS: i32 = 8192;

/// A `<TIME>` code: `[-7]`, `[+30]`, or a special code. Returns (days, code as stored in
/// `TimeShift::raw`, optional warning).
pub(crate) fn parse_time_code(
    inside: &str,
) -> Result<(Option<i32>, String, Option<String>), String> {
    let compact = compact(inside);
    if let Some(special) = special_code(&compact) {
        return Ok((None, special.to_owned(), None));
    }
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    let days: i32 = digits
        .parse()
        .map_err(|_| format!("invalid time shift [{inside}] (expected a number of days)"))?;
    if days.abs() > MAX_SHIFT_DAYS {
        let note = format!("time shift of {days} days exceeds {MAX_SHIFT_DAYS}; set to 0");
        return Ok((Some(0), compact, Some(note)));
    }
    Ok((Some(days), compact, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn event_codes() {
        assert_eq!(parse_event_code("064"), Ok(CodeSpec::Code("064".into())));
        assert_eq!(parse_event_code(" - - - "), Ok(CodeSpec::Null));
        assert_eq!(
            parse_event_code("032:033"),
            Ok(CodeSpec::Paired("032".into(), "033".into()))
        );
        assert_eq!(parse_event_code("023?"), Ok(CodeSpec::Code("023?".into())));
        assert_eq!(parse_event_code("# # #"), Ok(CodeSpec::Code("###".into())));
        assert!(parse_event_code("").is_err());
        assert!(parse_event_code("0$4").is_err());
        assert!(parse_event_code("032:").is_err());
    }

    #[test]
    fn classify() {
        assert_eq!(
            classify_code("023?"),
            CodeKind::Event {
                code: "023",
                priority: CodePriority::Subordinate
            }
        );
        assert_eq!(
            classify_code("031!"),
            CodeKind::Event {
                code: "031",
                priority: CodePriority::Dominant
            }
        );
        assert_eq!(classify_code("###"), CodeKind::Discard);
        assert_eq!(classify_code("+++"), CodeKind::Complex);
        assert_eq!(classify_code("---"), CodeKind::Null);
    }

    #[test]
    fn dates_pivot_at_2030() {
        assert_eq!(parse_date("300101").ok(), d(2030, 1, 1));
        assert_eq!(parse_date("310101").ok(), d(1931, 1, 1));
        assert_eq!(parse_date("991231").ok(), d(1999, 12, 31));
        assert_eq!(parse_date("19950601").ok(), d(1995, 6, 1));
        assert!(parse_date("991332").is_err());
        assert!(parse_date("9912").is_err());
        assert!(parse_date("99x231").is_err());
    }

    #[test]
    fn actor_codes() {
        let c = parse_actor_code("USAGOV 991201-010114").unwrap();
        assert_eq!(c.code, "USAGOV");
        assert_eq!((c.from, c.until), (d(1999, 12, 1), d(2001, 1, 14)));
        let c = parse_actor_code("HOB < 950601").unwrap();
        assert_eq!((c.from, c.until), (None, d(1995, 6, 1)));
        let c = parse_actor_code("HOBGOV 950601 - 990815").unwrap();
        assert_eq!((c.from, c.until), (d(1995, 6, 1), d(1999, 8, 15)));
        let c = parse_actor_code("HOBREB>990816").unwrap();
        assert_eq!((c.from, c.until), (d(1999, 8, 16), None));
        let c = parse_actor_code("- - - <950630").unwrap();
        assert_eq!(c.code, "---");
        assert_eq!(c.until, d(1995, 6, 30));
        assert_eq!(parse_actor_code("elr/Gal").unwrap().code, "ELR/GAL");
        assert!(parse_actor_code("991201-010114").is_err());
        assert!(parse_actor_code("AAA950601-990815").is_err());
        assert!(parse_actor_code("").is_err());
        assert!(parse_actor_code("X 990101-980101").is_err());
    }

    #[test]
    fn agent_codes() {
        assert_eq!(
            parse_agent_code(" ~GOVFRM").unwrap(),
            ("GOVFRM".to_owned(), AgentPlacement::Suffix)
        );
        assert_eq!(
            parse_agent_code("  NGO~").unwrap(),
            ("NGO".to_owned(), AgentPlacement::Prefix)
        );
        assert!(parse_agent_code("GOV").is_err());
        assert!(parse_agent_code("~").is_err());
    }

    #[test]
    fn time_codes() {
        assert_eq!(parse_time_code("-7").unwrap().0, Some(-7));
        assert_eq!(parse_time_code("+30").unwrap().0, Some(30));
        assert_eq!(
            parse_time_code("- - -").unwrap(),
            (None, "---".into(), None)
        );
        let (days, _, note) = parse_time_code("9000").unwrap();
        assert_eq!(days, Some(0));
        assert!(note.is_some());
        assert!(parse_time_code("soon").is_err());
    }
}
