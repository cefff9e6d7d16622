//! PETRARCH-2 agent dictionaries (`Phoenix.agents.txt`, `PETR.Validate.agents.txt`).
//!
//! Lines: `PHRASE {PLURALS} [~CODE]` or `[CODE~]`, and substitution sets
//! `!NAME! = A, B, C` that expand `!NAME!` wherever it appears in later phrases
//! (`CONGRESS!PERSON!` → `CONGRESSMAN`, `CONGRESSMEN`, ...).
//!
//! Plurals: no `{...}` → the regular plural of the last word is added (see
//! [`super::inflect`]); `{}` → no plural; `{A_B C_D}` → the listed plurals (blank-separated)
//! instead of the regular one. Phrases made from a substitution set get no plural (the set
//! lists its own forms). Connectors follow the PETRARCH agent specification: `_` joins
//! consecutive words, a blank lets other words come in between. A closing `}` instead of `]`
//! (`[~LEG}`, seen in real files) is accepted with a warning.

use super::inflect::plural_phrase;
use super::source::{
    content_lines, read_source, split_words, warn, Connectors, RawWord, SourceText,
};
use crate::{AgentEntry, AgentPlacement, DictError, Origin, Phrase, Warning};
use std::collections::HashMap;
use std::path::Path;

/// Loads a PETRARCH-2 agent dictionary.
pub fn load_agents(path: &Path) -> Result<(Vec<AgentEntry>, Vec<Warning>), DictError> {
    let mut warnings = Vec::new();
    let src = read_source(path, &mut warnings)?;
    let agents = parse_agents(&src, &mut warnings);
    Ok((agents, warnings))
}

pub(crate) fn parse_agents(src: &SourceText, warnings: &mut Vec<Warning>) -> Vec<AgentEntry> {
    let mut agents = Vec::new();
    let mut substitutions: HashMap<String, Vec<String>> = HashMap::new();
    for line in content_lines(src, warnings) {
        let origin = src.origin(line.number);
        let text: &str = &line.text;
        if let Some((name, values)) = substitution_set(text) {
            if substitutions.insert(name.clone(), values).is_some() {
                warn(
                    warnings,
                    origin,
                    format!("substitution set `!{name}!` redefined: the new list replaces the old"),
                );
            }
            continue;
        }
        match parse_agent_line(text, &substitutions, &origin, warnings) {
            Ok(entry) => agents.push(entry),
            Err(problem) => warn(warnings, origin, format!("{problem}: line skipped")),
        }
    }
    agents
}

/// `!NAME! = A, B, C` → (`NAME`, [A, B, C]) with blanks removed from the items.
fn substitution_set(text: &str) -> Option<(String, Vec<String>)> {
    let rest = text.strip_prefix('!')?;
    let (name, after) = rest.split_once('!')?;
    let values = after.trim_start().strip_prefix('=')?;
    let values = values
        .split(',')
        .map(|v| v.split_whitespace().collect::<String>())
        .filter(|v| !v.is_empty())
        .collect();
    Some((name.trim().to_owned(), values))
}

fn parse_agent_line(
    text: &str,
    substitutions: &HashMap<String, Vec<String>>,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Result<AgentEntry, String> {
    let open = text.find('[').ok_or("agent line without `[CODE]`")?;
    let after_open = &text[open + 1..];
    let close = match after_open.find(']') {
        Some(close) => close,
        None => {
            let close = after_open
                .find('}')
                .ok_or("agent code without closing `]`")?;
            warn(
                warnings,
                origin.clone(),
                "agent code closed with `}` instead of `]`",
            );
            close
        }
    };
    let trailing = after_open[close + 1..].trim();
    if !trailing.is_empty() {
        warn(
            warnings,
            origin.clone(),
            format!("text `{trailing}` after the agent code ignored"),
        );
    }
    let (code, placement) = parse_agent_code(&after_open[..close], origin, warnings)?;

    let before_code = &text[..open];
    let (phrase_text, plurals) = match before_code.find('{') {
        Some(brace) => {
            let inner = &before_code[brace + 1..];
            let end = inner.find('}').ok_or("`{` without closing `}`")?;
            (&before_code[..brace], Some(&inner[..end]))
        }
        None => (before_code, None),
    };
    let phrase_text = phrase_text.trim();
    if phrase_text.is_empty() {
        return Err("agent line without a phrase".to_owned());
    }

    let mut phrases: Vec<Phrase> = Vec::new();
    let expanded = expand_substitutions(phrase_text, substitutions, origin, warnings)?;
    let substituted = expanded.len() > 1 || expanded.first().is_some_and(|e| e != phrase_text);
    for variant in &expanded {
        let words = split_words(variant);
        push_unique(&mut phrases, phrase_from(&words));
        if substituted {
            continue;
        }
        match plurals {
            Some(list) => {
                for plural in list.split_whitespace() {
                    push_unique(&mut phrases, phrase_from(&split_words(plural)));
                }
            }
            None => push_unique(
                &mut phrases,
                plural_phrase(&words, Connectors::UnderscoreAdjacent),
            ),
        }
    }
    if substituted && plurals.is_some_and(|p| !p.trim().is_empty()) {
        warn(
            warnings,
            origin.clone(),
            "plurals in `{...}` ignored: a substitution set gives the forms",
        );
    }
    if phrases.is_empty() {
        return Err("agent phrase has no words".to_owned());
    }
    Ok(AgentEntry {
        name: super::source::display_name(phrase_text),
        phrases,
        code,
        placement,
        origin: origin.clone(),
    })
}

fn phrase_from(words: &[RawWord<'_>]) -> Option<Phrase> {
    super::source::phrase_of(words, Connectors::UnderscoreAdjacent)
}

fn push_unique(phrases: &mut Vec<Phrase>, phrase: Option<Phrase>) {
    if let Some(phrase) = phrase {
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
}

fn parse_agent_code(
    inner: &str,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Result<(String, AgentPlacement), String> {
    let raw: String = inner.split_whitespace().collect();
    let (code, placement) = if let Some(code) = raw.strip_prefix('~') {
        (code, AgentPlacement::Suffix)
    } else if let Some(code) = raw.strip_suffix('~') {
        (code, AgentPlacement::Prefix)
    } else {
        warn(
            warnings,
            origin.clone(),
            format!("agent code `{raw}` has no `~`: read as `~{raw}`"),
        );
        (raw.as_str(), AgentPlacement::Suffix)
    };
    if code.is_empty() || code.contains('~') {
        return Err(format!("bad agent code `[{}]`", inner.trim()));
    }
    let upper = code.to_uppercase();
    if upper != code {
        warn(
            warnings,
            origin.clone(),
            format!("agent code `{code}` uppercased to `{upper}`"),
        );
    }
    Ok((upper, placement))
}

/// Replaces every `!NAME!` marker with each item of its set (all combinations).
fn expand_substitutions(
    phrase: &str,
    substitutions: &HashMap<String, Vec<String>>,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<String>, String> {
    let mut results = vec![String::new()];
    let mut rest = phrase;
    let mut inside_word = false;
    while let Some(start) = rest.find('!') {
        let after = &rest[start + 1..];
        let end = after
            .find('!')
            .ok_or_else(|| format!("unclosed substitution marker in `{phrase}`"))?;
        let name = &after[..end];
        let values = substitutions
            .get(name)
            .ok_or_else(|| format!("unknown substitution set `!{name}!`"))?;
        let literal = &rest[..start];
        let following = &after[end + 1..];
        let glued_before = literal
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let glued_after = following.chars().next().is_some_and(char::is_alphanumeric);
        inside_word |= glued_before && glued_after;
        results = results
            .iter()
            .flat_map(|prefix| {
                values
                    .iter()
                    .map(move |value| format!("{prefix}{literal}{value}"))
            })
            .collect();
        rest = following;
    }
    for result in &mut results {
        result.push_str(rest);
    }
    if inside_word {
        warn(
            warnings,
            origin.clone(),
            format!("substitution marker inside a word in `{phrase}`: substituted literally"),
        );
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(p: &Phrase) -> String {
        p.words
            .iter()
            .map(|w| w.key.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn substitution_markers_expand_without_plurals() {
        let src = SourceText::from_text(
            "a.txt",
            "!PERSON! = MAN, WOMEN , PERSON\nCONGRESS!PERSON! [~LEG]\nCHAIR!PERSON!_OF_BOARD [~BUS]\n",
        );
        let mut warnings = Vec::new();
        let agents = parse_agents(&src, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let got: Vec<String> = agents[0].phrases.iter().map(keys).collect();
        assert_eq!(got, ["congressman", "congresswomen", "congressperson"]);
        let got: Vec<String> = agents[1].phrases.iter().map(keys).collect();
        assert_eq!(got[0], "chairman of board");
        assert_eq!(got.len(), 3);
    }
}
