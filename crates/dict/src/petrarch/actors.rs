//! PETRARCH-2 actor dictionaries (`Phoenix.*.actors.txt`, `PETR.Validate.actors.txt`).
//!
//! A record is a primary line `NAME [CODE]`, optional synonym lines `+NAME`, and optional
//! restriction lines `[CODE DATES]` (usually tab-indented). A primary or synonym line may also
//! carry one or more `[...]` groups. A primary line without any code that is directly followed
//! (no blank line between) by another primary line starts a group: the names share the codes
//! that follow, as in the production files (`IVO_JOSIPOVIC_` / `PRESIDENT_JOSIPOVIC_` /
//! `JOSIPOVIC_` / `[HRVGOV >20120219]`). Blanks and underscores both join consecutive words;
//! a trailing `_` (TABARI's "whole word" marker) changes nothing, since PETRARCH-2 matches whole
//! words only.
//!
//! Dates: `[CODE <D]` until D, `[CODE >D]` from D, `[CODE D1-D2]` between, all inclusive as the
//! PETRARCH documentation states (blanks inside the brackets are ignored: `[X 19950601 - 19990815]`).
//! D is `YYYYMMDD` or `YYMMDD`; two-digit years 00–30 are 2000–2030 and 31–99 are 1931–1999
//! (the production files use 00–14 and 31–99). A bare `[CODE D]` is read as "from D" with a
//! warning. Codes are uppercased (with a warning when they were not).

use super::source::{
    content_lines, display_name, phrase_of, read_source, split_brackets, split_words, warn,
    Connectors, SourceText,
};
use crate::{ActorEntry, DatedCode, DictError, Origin, Warning};
use chrono::NaiveDate;
use std::path::Path;

/// Loads a PETRARCH-2 actor dictionary.
pub fn load_actors(path: &Path) -> Result<(Vec<ActorEntry>, Vec<Warning>), DictError> {
    let mut warnings = Vec::new();
    let src = read_source(path, &mut warnings)?;
    let actors = parse_actors(&src, &mut warnings);
    Ok((actors, warnings))
}

pub(crate) fn parse_actors(src: &SourceText, warnings: &mut Vec<Warning>) -> Vec<ActorEntry> {
    let mut actors = Vec::new();
    let mut current: Option<ActorEntry> = None;
    for line in content_lines(src, warnings) {
        let origin = src.origin(line.number);
        let text: &str = &line.text;
        if let Some(synonym) = text.strip_prefix('+') {
            let Some(entry) = current.as_mut() else {
                warn(warnings, origin, "synonym line before any actor: skipped");
                continue;
            };
            let (head, groups, problems) = split_brackets(synonym);
            report(warnings, &origin, problems);
            match phrase_of(&split_words(head), Connectors::AllAdjacent) {
                Some(phrase) => entry.phrases.push(phrase),
                None => warn(warnings, origin.clone(), "empty synonym: skipped"),
            }
            for group in groups {
                if let Some(code) = parse_dated_code(group.inner, &origin, warnings) {
                    entry.codes.push(code);
                }
            }
        } else if text.starts_with('[') {
            let Some(entry) = current.as_mut() else {
                warn(warnings, origin, "code line before any actor: skipped");
                continue;
            };
            let (_, groups, problems) = split_brackets(text);
            report(warnings, &origin, problems);
            for group in groups {
                if let Some(code) = parse_dated_code(group.inner, &origin, warnings) {
                    entry.codes.push(code);
                }
            }
        } else {
            let (head, groups, problems) = split_brackets(text);
            report(warnings, &origin, problems);
            let Some(phrase) = phrase_of(&split_words(head), Connectors::AllAdjacent) else {
                warn(warnings, origin, "actor line without a name: skipped");
                continue;
            };
            let mut codes = Vec::new();
            for group in groups {
                if let Some(code) = parse_dated_code(group.inner, &origin, warnings) {
                    codes.push(code);
                }
            }
            // Names listed one under another, with the codes after the last one, are one
            // actor (the production files write groups of names that way).
            if let Some(entry) = current.as_mut() {
                if entry.codes.is_empty() && !line.after_blank {
                    entry.phrases.push(phrase);
                    entry.codes.extend(codes);
                    continue;
                }
            }
            finish(current.take(), &mut actors, warnings);
            current = Some(ActorEntry {
                entity_id: None,
                name: display_name(head),
                phrases: vec![phrase],
                codes,
                origin,
            });
        }
    }
    finish(current, &mut actors, warnings);
    actors
}

fn report(warnings: &mut Vec<Warning>, origin: &Origin, problems: Vec<String>) {
    for problem in problems {
        warn(warnings, origin.clone(), problem);
    }
}

fn finish(entry: Option<ActorEntry>, actors: &mut Vec<ActorEntry>, warnings: &mut Vec<Warning>) {
    if let Some(entry) = entry {
        if entry.codes.is_empty() {
            warn(
                warnings,
                entry.origin.clone(),
                format!(
                    "actor `{}` has no code: it is recognised but never coded",
                    entry.name
                ),
            );
        }
        actors.push(entry);
    }
}

/// Parses the inside of `[CODE]`, `[CODE <D]`, `[CODE >D]` or `[CODE D1-D2]`.
pub(crate) fn parse_dated_code(
    inner: &str,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Option<DatedCode> {
    let mut tokens = inner.split_whitespace();
    let Some(first) = tokens.next() else {
        warn(warnings, origin.clone(), "empty code `[]`: skipped");
        return None;
    };
    // A date glued to the code (`[HOB<950601]`).
    let (code, glued) = match first.find(['<', '>']) {
        Some(pos) => (&first[..pos], &first[pos..]),
        None => (first, ""),
    };
    if code.is_empty() {
        warn(
            warnings,
            origin.clone(),
            format!("`[{}]` has dates but no code: skipped", inner.trim()),
        );
        return None;
    }
    let upper = code.to_uppercase();
    if upper != code {
        warn(
            warnings,
            origin.clone(),
            format!("code `{code}` uppercased to `{upper}`"),
        );
    }
    let dates: String = std::iter::once(glued).chain(tokens).collect();
    let (from, until) = match parse_date_range(&dates) {
        Ok(range) => range,
        Err(problem) => {
            warn(
                warnings,
                origin.clone(),
                format!("`[{}]`: {problem}; restriction skipped", inner.trim()),
            );
            return None;
        }
    };
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            warn(
                warnings,
                origin.clone(),
                format!(
                    "`[{}]`: range ends before it starts; restriction skipped",
                    inner.trim()
                ),
            );
            return None;
        }
    }
    if !dates.is_empty() && !dates.starts_with(['<', '>']) && !dates.contains('-') {
        warn(
            warnings,
            origin.clone(),
            format!(
                "`[{}]`: date without `<`, `>` or `-`: read as a start date",
                inner.trim()
            ),
        );
    }
    Some(DatedCode {
        code: upper,
        from,
        until,
    })
}

type DateRange = (Option<NaiveDate>, Option<NaiveDate>);

fn parse_date_range(spec: &str) -> Result<DateRange, String> {
    if spec.is_empty() {
        return Ok((None, None));
    }
    if let Some(date) = spec.strip_prefix('<') {
        return Ok((None, Some(parse_date(date)?)));
    }
    if let Some(date) = spec.strip_prefix('>') {
        return Ok((Some(parse_date(date)?), None));
    }
    if let Some((from, until)) = spec.split_once('-') {
        return Ok((Some(parse_date(from)?), Some(parse_date(until)?)));
    }
    Ok((Some(parse_date(spec)?), None))
}

/// `YYYYMMDD` or `YYMMDD` (00–30 → 20xx, 31–99 → 19xx).
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("bad date `{s}` (expected YYMMDD or YYYYMMDD)");
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, String> {
        s.get(range).and_then(|d| d.parse().ok()).ok_or_else(bad)
    };
    let (year, month, day) = match s.len() {
        6 => {
            let yy = number(0..2)?;
            let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
            (year, number(2..4)?, number(4..6)?)
        }
        8 => (number(0..4)?, number(4..6)?, number(6..8)?),
        _ => return Err(bad()),
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("no such date `{s}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_and_century_rule() {
        assert_eq!(parse_date("950601").ok(), ymd(1995, 6, 1));
        assert_eq!(parse_date("140608").ok(), ymd(2014, 6, 8));
        assert_eq!(parse_date("300101").ok(), ymd(2030, 1, 1));
        assert_eq!(parse_date("310101").ok(), ymd(1931, 1, 1));
        assert_eq!(parse_date("18970101").ok(), ymd(1897, 1, 1));
        assert!(parse_date("9008223").is_err());
        assert!(parse_date("990231").is_err());
    }

    #[test]
    fn dated_code_forms() {
        let origin = Origin {
            file: "t".into(),
            line: 1,
        };
        let mut warnings = Vec::new();
        let parse = |s: &str, w: &mut Vec<Warning>| parse_dated_code(s, &origin, w);
        let before = parse("HOB < 950601", &mut warnings);
        assert_eq!(
            before.as_ref().map(|c| (c.from, c.until)),
            Some((None, ymd(1995, 6, 1)))
        );
        let between = parse("HOBGOV 19950601 - 19990815", &mut warnings);
        assert_eq!(
            between.as_ref().map(|c| (c.from, c.until)),
            Some((ymd(1995, 6, 1), ymd(1999, 8, 15)))
        );
        let glued = parse("HOB>990816", &mut warnings);
        assert_eq!(
            glued.as_ref().map(|c| (c.code.as_str(), c.from)),
            Some(("HOB", ymd(1999, 8, 16)))
        );
        assert!(warnings.is_empty());
        let lower = parse("pse", &mut warnings);
        assert_eq!(lower.map(|c| c.code), Some("PSE".to_owned()));
        assert_eq!(warnings.len(), 1);
        assert!(parse("X 9008223-911221", &mut warnings).is_none());
        assert!(parse("X 990101-980101", &mut warnings).is_none());
        assert_eq!(warnings.len(), 3);
    }
}
