//! TABARI `.options` commands (manual chapter 8) and validation-record `OPTION:` commands.
//!
//! Commands that change coding are kept in [`CoderOptions::raw`] as normalised key/value pairs,
//! one per key, a later command replacing an earlier one (what TABARI does when validation
//! records re-issue a command):
//!
//! | command                         | raw key              | raw value                     |
//! |---------------------------------|----------------------|-------------------------------|
//! | `COMPLEX: VERBS[5] NOACTPRIOR`  | `COMPLEX`            | `VERBS[5] NOACTPRIOR`         |
//! | `DEFAULT: SOURCE [X] PRIOR ...` | `DEFAULT`            | `SOURCE [X] PRIOR TARGET [Y]` |
//! | `DEFAULT: OFF`, `COMPLEX: OFF`  | (key removed)        |                               |
//! | `SET: TIME SHIFT = FALSE`       | `SET:TIME SHIFTING`  | `FALSE` (names canonicalised) |
//! | `SET: CODE BY SENTENCE`         | `SET:CODE BY`        | `SENTENCE`                    |
//! | `FORWARD: ...`, `NONEVENTS: ...`, `OUTPUT: ...` | `FORWARD`, `NONEVENTS`, `OUTPUT` | as written |
//!
//! `COMMA:` maps onto the typed `comma_*` fields (`COMMA: OFF` sets every maximum to 0, so no
//! clause is short enough to drop). `LABEL:` only names codes for display and is not kept.
//! [`tabari_settings`] reads the raw pairs back into a typed [`TabariSettings`].

use crate::{CoderOptions, Dictionaries};

/// TABARI's comma-clause defaults (manual 8.6): internal 2–10 words, final 2–10, initial
/// never (min 128 > max 0).
pub(crate) fn set_tabari_defaults(opts: &mut CoderOptions) {
    opts.comma_min = Some(2);
    opts.comma_max = Some(10);
    opts.comma_emin = Some(2);
    opts.comma_emax = Some(10);
    opts.comma_bmin = Some(128);
    opts.comma_bmax = Some(0);
}

/// Text after `#` or `//` is a comment in `.options` lines.
fn strip_comment(line: &str) -> &str {
    let cut = [line.find('#'), line.find("//")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(line.len());
    line.get(..cut).unwrap_or(line)
}

fn collapse_upper(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

fn put(opts: &mut CoderOptions, key: &str, value: String) {
    match opts.raw.iter_mut().find(|(k, _)| k == key) {
        Some(slot) => slot.1 = value,
        None => opts.raw.push((key.to_owned(), value)),
    }
}

fn remove(opts: &mut CoderOptions, key: &str) {
    opts.raw.retain(|(k, _)| k != key);
}

fn raw<'a>(opts: &'a CoderOptions, key: &str) -> Option<&'a str> {
    opts.raw
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Applies one `.options` line (or a suite record's `option_command`) to `opts`. Blank and
/// comment-only lines are accepted and change nothing. On `Err`, `opts` is unchanged.
pub fn apply_option_command(opts: &mut CoderOptions, line: &str) -> Result<(), String> {
    let line = strip_comment(line).trim();
    if line.is_empty() {
        return Ok(());
    }
    let (command, value) = line
        .split_once(':')
        .ok_or_else(|| format!("`{line}`: expected `COMMAND: ...`"))?;
    let command = collapse_upper(command);
    let value = value.trim();
    // TABARI looks only at the first four letters of a command (manual 8.1.1).
    let head: String = command.chars().take(4).collect();
    match head.as_str() {
        "SET" => set_command(opts, value),
        "COMP" => {
            let value = collapse_upper(value);
            if value == "OFF" {
                remove(opts, "COMPLEX");
            } else {
                let normalized = parse_complex(&value)?.1;
                put(opts, "COMPLEX", normalized);
            }
            Ok(())
        }
        "DEFA" => {
            let value = collapse_upper(value);
            if value == "OFF" {
                remove(opts, "DEFAULT");
            } else {
                let defaults = parse_default(&value)?;
                put(opts, "DEFAULT", defaults.to_raw());
            }
            Ok(())
        }
        "COMM" => comma_command(opts, value),
        "FORW" => {
            put(
                opts,
                "FORWARD",
                value.split_whitespace().collect::<Vec<_>>().join(" "),
            );
            Ok(())
        }
        "NONE" => {
            let value = collapse_upper(value);
            match value.as_str() {
                "TRUE" | "ONLY" | "FALSE" => {
                    put(opts, "NONEVENTS", value);
                    Ok(())
                }
                _ => Err(format!(
                    "NONEVENTS: expected TRUE, ONLY or FALSE, found `{value}`"
                )),
            }
        }
        "OUTP" => {
            put(opts, "OUTPUT", collapse_upper(value));
            Ok(())
        }
        "LABE" => Ok(()),
        _ => Err(format!("unknown .options command `{command}:`")),
    }
}

/// How a `SET:` parameter's value is written.
#[derive(Clone, Copy)]
enum SetValue {
    Logical,
    /// OFF, TRUE or FALSE.
    ThreeWay,
    Number,
}

/// `SET:` parameters (manual 8.2 and the validation options file).
const SET_PARAMETERS: &[(&str, SetValue)] = &[
    ("LABEL", SetValue::Logical),
    ("MINIMUM WORDS", SetValue::Number),
    ("ACTOR USAGE", SetValue::ThreeWay),
    ("AGENT USAGE", SetValue::ThreeWay),
    ("VERB USAGE", SetValue::ThreeWay),
    ("DUP WARNING", SetValue::Logical),
    ("CONVERT AGENTS", SetValue::Logical),
    ("FBIS", SetValue::Logical),
    ("YYYY", SetValue::Logical),
    ("TIME SHIFTING", SetValue::Logical),
    ("SKIP RECORDS", SetValue::Logical),
    ("HAIKU", SetValue::Logical),
    ("MATCH", SetValue::Logical),
    ("ALLCAPS", SetValue::Logical),
    ("CHECK DOMINANT", SetValue::Logical),
    ("CODE NONRESTRICTIVE", SetValue::Logical),
];

/// Matches abbreviated or inflected names (`TIME SHIFT`, `CONVERT AGENT`) to the manual's.
fn canonical_parameter(param: &str) -> Option<(&'static str, SetValue)> {
    SET_PARAMETERS.iter().copied().find(|(name, _)| {
        param == *name || (param.len() >= 4 && (name.starts_with(param) || param.starts_with(name)))
    })
}

fn logical(value: &str, three_way: bool) -> Result<String, String> {
    match value {
        "TRUE" | "T" => Ok("TRUE".to_owned()),
        "FALSE" | "F" => Ok("FALSE".to_owned()),
        "OFF" if three_way => Ok("OFF".to_owned()),
        _ => Err(format!("expected TRUE or FALSE, found `{value}`")),
    }
}

fn set_command(opts: &mut CoderOptions, value: &str) -> Result<(), String> {
    let (param, setting) = match value.split_once('=') {
        Some((p, v)) => (collapse_upper(p), Some(collapse_upper(v))),
        None => (collapse_upper(value), None),
    };
    if param.starts_with("CODE") && !param.starts_with("CODE NON") {
        // `SET: CODE BY CLAUSE`, `SET: CODE BY SENTENCE`, `SET: CODE ALL` (manual 7.6.1).
        let unit = setting
            .as_deref()
            .or_else(|| param.split(' ').next_back())
            .unwrap_or("");
        return match unit {
            "CLAUSE" | "SENTENCE" | "ALL" => {
                put(opts, "SET:CODE BY", unit.to_owned());
                Ok(())
            }
            _ => Err(format!("SET: {param}: expected CLAUSE, SENTENCE or ALL")),
        };
    }
    let (name, kind) =
        canonical_parameter(&param).ok_or_else(|| format!("unknown SET: parameter `{param}`"))?;
    let setting = setting.ok_or_else(|| format!("SET: {name}: missing `= value`"))?;
    let normalized = match kind {
        SetValue::Logical => logical(&setting, false),
        SetValue::ThreeWay => logical(&setting, true),
        SetValue::Number => setting
            .parse::<u32>()
            .map(|n| n.to_string())
            .map_err(|_| format!("expected a number, found `{setting}`")),
    }
    .map_err(|e| format!("SET: {name}: {e}"))?;
    put(opts, &format!("SET:{name}"), normalized);
    Ok(())
}

fn comma_command(opts: &mut CoderOptions, value: &str) -> Result<(), String> {
    let value = collapse_upper(value);
    if value == "OFF" {
        opts.comma_max = Some(0);
        opts.comma_emax = Some(0);
        opts.comma_bmax = Some(0);
        return Ok(());
    }
    // `MIN = 4 MAX=6` → `MIN=4`, `MAX=6`.
    let joined = value.replace(" =", "=").replace("= ", "=");
    let mut updates = Vec::new();
    for item in joined.split_whitespace() {
        let (key, number) = item
            .split_once('=')
            .ok_or_else(|| format!("COMMA: expected KEY=number, found `{item}`"))?;
        let number: u32 = number
            .parse()
            .map_err(|_| format!("COMMA: {key}: expected a number, found `{number}`"))?;
        updates.push((key.to_owned(), number));
    }
    if updates.is_empty() {
        return Err("COMMA: nothing to set".to_owned());
    }
    let mut next = opts.clone();
    for (key, number) in updates {
        let slot = match key.as_str() {
            "MIN" => &mut next.comma_min,
            "MAX" => &mut next.comma_max,
            "EMIN" => &mut next.comma_emin,
            "EMAX" => &mut next.comma_emax,
            "BMIN" => &mut next.comma_bmin,
            "BMAX" => &mut next.comma_bmax,
            _ => return Err(format!("COMMA: unknown bound `{key}`")),
        };
        *slot = Some(number);
    }
    *opts = next;
    Ok(())
}

/// Conditions under which a sentence is too complex to code (manual 8.7). Counts are `None`
/// when inactive (absent or 0).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplexConditions {
    pub verbs: Option<u32>,
    pub actors: Option<u32>,
    pub pronouns: Option<u32>,
    pub conjunctions: Option<u32>,
    pub commas: Option<u32>,
    pub late_verb: Option<u32>,
    pub no_actor_prior: bool,
    pub no_actor_after: bool,
    pub no_verb: bool,
    pub no_source: bool,
    pub no_target: bool,
    pub no_event: bool,
    pub explain: bool,
    pub no_save: bool,
}

fn parse_complex(value: &str) -> Result<(ComplexConditions, String), String> {
    // Glue `VERBS [5]` and `VERBS[ 5 ]` into `VERBS[5]`.
    let mut glued = String::new();
    let mut in_brackets = false;
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            _ => {}
        }
        if c.is_whitespace() && (in_brackets || chars.peek() == Some(&'[')) {
            continue;
        }
        glued.push(c);
    }
    let mut conditions = ComplexConditions::default();
    let mut items = Vec::new();
    for item in glued.split_whitespace() {
        if let Some((name, count)) = item.split_once('[') {
            let count: u32 = count
                .strip_suffix(']')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("COMPLEX: `{item}`: expected NAME[number]"))?;
            let active = (count > 0).then_some(count);
            let slot = match name {
                "VERBS" => &mut conditions.verbs,
                "ACTORS" => &mut conditions.actors,
                "PRONOUNS" => &mut conditions.pronouns,
                "CONJ" => &mut conditions.conjunctions,
                "COMMA" => &mut conditions.commas,
                "LATEVERB" => &mut conditions.late_verb,
                _ => return Err(format!("COMPLEX: unknown condition `{name}`")),
            };
            *slot = active;
        } else {
            let flag = match item {
                "NOACTPRIOR" => &mut conditions.no_actor_prior,
                "NOACTAFTER" => &mut conditions.no_actor_after,
                "NOVERB" => &mut conditions.no_verb,
                "NOSOURCE" => &mut conditions.no_source,
                "NOTARGET" => &mut conditions.no_target,
                "NOEVENT" => &mut conditions.no_event,
                "EXPLAIN" => &mut conditions.explain,
                "NOSAVE" => &mut conditions.no_save,
                _ => return Err(format!("COMPLEX: unknown condition `{item}`")),
            };
            *flag = true;
        }
        items.push(item.to_owned());
    }
    Ok((conditions, items.join(" ")))
}

/// `DEFAULT: SOURCE [code] <PRIOR> TARGET [code] <AFTER>` (manual 8.5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefaultActors {
    pub source: Option<String>,
    /// Use the default source whenever no actor precedes the verb.
    pub source_prior: bool,
    pub target: Option<String>,
    /// Use the default target whenever no actor follows the verb.
    pub target_after: bool,
}

impl DefaultActors {
    fn to_raw(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.source {
            parts.push(format!("SOURCE [{s}]"));
            if self.source_prior {
                parts.push("PRIOR".to_owned());
            }
        }
        if let Some(t) = &self.target {
            parts.push(format!("TARGET [{t}]"));
            if self.target_after {
                parts.push("AFTER".to_owned());
            }
        }
        parts.join(" ")
    }
}

fn parse_default(value: &str) -> Result<DefaultActors, String> {
    let mut defaults = DefaultActors::default();
    let mut rest = value.replace(':', " ");
    let mut current: Option<&str> = None;
    loop {
        let trimmed = rest.trim_start().to_owned();
        if trimmed.is_empty() {
            break;
        }
        if let Some(inside) = trimmed.strip_prefix('[') {
            let close = inside.find(']').ok_or("DEFAULT: missing `]`")?;
            let code: String = inside
                .get(..close)
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("DEFAULT: invalid code `[{code}]`"));
            }
            match current.take() {
                Some("SOURCE") => defaults.source = Some(code),
                Some("TARGET") => defaults.target = Some(code),
                _ => return Err("DEFAULT: a code must follow SOURCE or TARGET".to_owned()),
            }
            rest = inside.get(close + 1..).unwrap_or("").to_owned();
            continue;
        }
        let end = trimmed
            .find(|c: char| c.is_whitespace() || c == '[')
            .unwrap_or(trimmed.len());
        let (word, after) = trimmed.split_at(end);
        match word {
            "SOURCE" => current = Some("SOURCE"),
            "TARGET" => current = Some("TARGET"),
            "PRIOR" => defaults.source_prior = true,
            "AFTER" => defaults.target_after = true,
            _ => return Err(format!("DEFAULT: unexpected `{word}`")),
        }
        rest = after.to_owned();
    }
    if current.is_some() {
        return Err("DEFAULT: SOURCE or TARGET without a [code]".to_owned());
    }
    if defaults.source.is_none() && defaults.target.is_none() {
        return Err("DEFAULT: neither SOURCE nor TARGET given".to_owned());
    }
    Ok(defaults)
}

/// `SET: CODE BY ...` (manual 7.6.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CodeBy {
    #[default]
    Clause,
    Sentence,
    All,
}

/// `NONEVENTS:` (manual 8.8).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Nonevents {
    #[default]
    False,
    True,
    Only,
}

/// The TABARI options in force, read back from [`CoderOptions::raw`] (see [`tabari_settings`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabariSettings {
    pub complex: ComplexConditions,
    pub defaults: Option<DefaultActors>,
    /// `SET: TIME SHIFTING`; `None` = TABARI's default: on when the verbs file has `<TIME>`
    /// entries (see [`TabariSettings::time_shifting_active`]).
    pub time_shifting: Option<bool>,
    /// `SET: CONVERT AGENTS`: an agent with no actor becomes an actor coded `~CODE`.
    pub convert_agents: bool,
    /// `SET: YYYY`: dates in the text are `YYYYMMDD`, no 2-digit year pivot.
    pub four_digit_years: bool,
    pub code_by: CodeBy,
    /// `SET: MINIMUM WORDS`; `None` = TABARI's default (8 words).
    pub minimum_words: Option<u32>,
    /// `SET: CHECK DOMINANT` (default true).
    pub check_dominant: bool,
    /// `SET: CODE NONRESTRICTIVE`: code dropped comma clauses when nothing else codes.
    pub code_nonrestrictive: bool,
    /// `SET: FBIS` input conventions.
    pub fbis: bool,
    pub nonevents: Nonevents,
    /// `FORWARD:` sequence format as written (pronoun forwarding across records).
    pub forward: Option<String>,
}

impl TabariSettings {
    /// Whether `<TIME>` shifts apply: the explicit setting, else "the dictionaries have some".
    pub fn time_shifting_active(&self, dicts: &Dictionaries) -> bool {
        self.time_shifting.unwrap_or(!dicts.time_shifts.is_empty())
    }
}

/// Reads the TABARI commands stored in `opts.raw` back into typed settings. Entries that do
/// not parse (they cannot come from [`apply_option_command`]) are ignored.
pub fn tabari_settings(opts: &CoderOptions) -> TabariSettings {
    let flag = |name: &str| raw(opts, &format!("SET:{name}")).map(|v| v == "TRUE");
    TabariSettings {
        complex: raw(opts, "COMPLEX")
            .and_then(|v| parse_complex(v).ok())
            .map(|(c, _)| c)
            .unwrap_or_default(),
        defaults: raw(opts, "DEFAULT").and_then(|v| parse_default(v).ok()),
        time_shifting: flag("TIME SHIFTING"),
        convert_agents: flag("CONVERT AGENTS").unwrap_or(false),
        four_digit_years: flag("YYYY").unwrap_or(false),
        code_by: match raw(opts, "SET:CODE BY") {
            Some("SENTENCE") => CodeBy::Sentence,
            Some("ALL") => CodeBy::All,
            _ => CodeBy::Clause,
        },
        minimum_words: raw(opts, "SET:MINIMUM WORDS").and_then(|v| v.parse().ok()),
        check_dominant: flag("CHECK DOMINANT").unwrap_or(true),
        code_nonrestrictive: flag("CODE NONRESTRICTIVE").unwrap_or(false),
        fbis: flag("FBIS").unwrap_or(false),
        nonevents: match raw(opts, "NONEVENTS") {
            Some("TRUE") => Nonevents::True,
            Some("ONLY") => Nonevents::Only,
            _ => Nonevents::False,
        },
        forward: raw(opts, "FORWARD").map(str::to_owned),
    }
}

/// Whether duplicate-entry warnings are wanted (`SET: DUP WARNING`, default true).
pub(crate) fn dup_warnings(opts: &CoderOptions) -> bool {
    raw(opts, "SET:DUP WARNING") != Some("FALSE")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(opts: &mut CoderOptions, line: &str) {
        apply_option_command(opts, line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }

    #[test]
    fn set_parameters_are_canonicalised_and_replaced() {
        let mut o = CoderOptions::default();
        apply(&mut o, "SET: TIME SHIFT = FALSE");
        apply(&mut o, "SET: CONVERT AGENT = TRUE");
        apply(&mut o, "SET: TIME SHIFTING=T");
        apply(&mut o, "SET: CODE ALL");
        apply(&mut o, "SET: MINIMUM WORDS = 5 // comment");
        assert_eq!(
            o.raw,
            [
                ("SET:TIME SHIFTING".to_owned(), "TRUE".to_owned()),
                ("SET:CONVERT AGENTS".to_owned(), "TRUE".to_owned()),
                ("SET:CODE BY".to_owned(), "ALL".to_owned()),
                ("SET:MINIMUM WORDS".to_owned(), "5".to_owned()),
            ]
        );
        let s = tabari_settings(&o);
        assert_eq!(s.time_shifting, Some(true));
        assert!(s.convert_agents);
        assert_eq!(s.code_by, CodeBy::All);
        assert_eq!(s.minimum_words, Some(5));
        apply(&mut o, "SET: CODE BY CLAUSE");
        assert_eq!(tabari_settings(&o).code_by, CodeBy::Clause);
        assert!(apply_option_command(&mut o, "SET: FROBNICATE = TRUE").is_err());
        assert!(apply_option_command(&mut o, "SET: YYYY = MAYBE").is_err());
    }

    #[test]
    fn complex_and_default_replace_earlier_commands() {
        let mut o = CoderOptions::default();
        apply(&mut o, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN");
        apply(&mut o, "COMPLEX: VERBS [6] CONJ[ 4 ] EXPLAIN");
        let s = tabari_settings(&o);
        assert_eq!(s.complex.verbs, Some(6));
        assert_eq!(s.complex.conjunctions, Some(4));
        assert!(!s.complex.no_actor_prior);
        assert!(s.complex.explain);
        apply(&mut o, "DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER");
        apply(&mut o, "DEFAULT: SOURCE: [DEFSRC] PRIOR TARGET: [DEFTAR]");
        let d = tabari_settings(&o).defaults.unwrap();
        assert_eq!(d.source.as_deref(), Some("DEFSRC"));
        assert!(d.source_prior && !d.target_after);
        apply(&mut o, "DEFAULT: OFF");
        assert_eq!(tabari_settings(&o).defaults, None);
        assert!(apply_option_command(&mut o, "COMPLEX: VERBS[x]").is_err());
        assert!(apply_option_command(&mut o, "DEFAULT: SOURCE").is_err());
        assert!(apply_option_command(&mut o, "DEFAULT: SOURCE [A] FOO").is_err());
    }

    #[test]
    fn comma_maps_to_typed_fields() {
        let mut o = CoderOptions::default();
        set_tabari_defaults(&mut o);
        apply(
            &mut o,
            "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8",
        );
        assert_eq!(
            (
                o.comma_min,
                o.comma_max,
                o.comma_emin,
                o.comma_emax,
                o.comma_bmin,
                o.comma_bmax
            ),
            (Some(4), Some(6), Some(3), Some(6), Some(3), Some(8))
        );
        apply(&mut o, "COMMA: OFF");
        assert_eq!(
            (o.comma_max, o.comma_emax, o.comma_bmax),
            (Some(0), Some(0), Some(0))
        );
        apply(&mut o, "COMMA: MIN=2 MAX=10");
        assert_eq!(
            (o.comma_min, o.comma_max, o.comma_emax),
            (Some(2), Some(10), Some(0))
        );
        let before = o.clone();
        assert!(apply_option_command(&mut o, "COMMA: MIN=1 WIDTH=3").is_err());
        assert_eq!(o, before, "a failed command changes nothing");
        assert!(o.raw.is_empty());
    }

    #[test]
    fn other_commands() {
        let mut o = CoderOptions::default();
        apply(&mut o, "LABEL: 010=YIELD");
        apply(&mut o, "# only a comment");
        apply(&mut o, "");
        assert!(o.raw.is_empty());
        apply(&mut o, "FORWARD: ^^*****NNN*SSS   OFF");
        apply(&mut o, "NONEVENTS: only");
        apply(&mut o, "OUTPUT: actor match id");
        let s = tabari_settings(&o);
        assert_eq!(s.forward.as_deref(), Some("^^*****NNN*SSS OFF"));
        assert_eq!(s.nonevents, Nonevents::Only);
        assert!(apply_option_command(&mut o, "NONEVENTS: SOMETIMES").is_err());
        assert!(apply_option_command(&mut o, "FROB: X").is_err());
        assert!(apply_option_command(&mut o, "no colon").is_err());
    }
}
