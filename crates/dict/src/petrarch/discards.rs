//! PETRARCH-2 discard lists (`Phoenix.discards.txt`): phrases that stop a sentence from being
//! coded, or the whole story when the line starts with `+`.
//!
//! Matching is case-insensitive and starts at a word boundary; the last word is a stem (it
//! matches any word that starts with it) unless the phrase ends with `_`, as the PETRARCH
//! specification says. Blanks and underscores both join consecutive words.

use super::source::{
    content_lines, make_phrase, read_source, split_words, warn, Connectors, SourceText,
};
use crate::{DictError, Discard, Warning};
use std::path::Path;

/// Loads a PETRARCH-2 discard list.
pub fn load_discards(path: &Path) -> Result<(Vec<Discard>, Vec<Warning>), DictError> {
    let mut warnings = Vec::new();
    let src = read_source(path, &mut warnings)?;
    let discards = parse_discards(&src, &mut warnings);
    Ok((discards, warnings))
}

pub(crate) fn parse_discards(src: &SourceText, warnings: &mut Vec<Warning>) -> Vec<Discard> {
    let mut discards = Vec::new();
    for line in content_lines(src, warnings) {
        let origin = src.origin(line.number);
        let text: &str = &line.text;
        let (story_level, phrase_text) = match text.strip_prefix('+') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        let whole_word = phrase_text.ends_with('_');
        let words = split_words(phrase_text);
        let Some(mut phrase) = make_phrase(
            words.iter().map(|w| (w.text, w.joined)),
            Connectors::AllAdjacent,
        ) else {
            warn(warnings, origin, "discard line without words: skipped");
            continue;
        };
        if let Some(last) = phrase.words.last_mut() {
            last.stem = !whole_word;
        }
        discards.push(Discard {
            phrase,
            story_level,
            origin,
        });
    }
    discards
}
