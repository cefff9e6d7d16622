//! Look-ups shared by the tests of Atalaya-format dictionaries (the shipped defaults and the
//! fixtures): an entity by id, its code on a day, text keyed the way the coder sees it, and the
//! checker's errors.

use atalaya_dict::check::{check, Severity};
use atalaya_dict::{ActorEntry, Dictionaries};
use chrono::NaiveDate;

/// The actor entry with entity id `id`; panics naming the id when there is none.
pub fn actor<'a>(dicts: &'a Dictionaries, id: &str) -> &'a ActorEntry {
    dicts
        .actors
        .iter()
        .find(|a| a.entity_id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// Who the actor is on `day` (`YYYY-MM-DD`): the first dated code covering it, else the undated
/// fallback, else the empty string.
pub fn code_on(entry: &ActorEntry, day: &str) -> String {
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("test date");
    let dated = entry
        .codes
        .iter()
        .find(|c| (c.from.is_some() || c.until.is_some()) && c.covers(day));
    let fallback = entry
        .codes
        .iter()
        .find(|c| c.from.is_none() && c.until.is_none());
    dated
        .or(fallback)
        .map(|c| c.code.clone())
        .unwrap_or_default()
}

/// The phrase as the coder sees text: tokenized and folded.
pub fn text_keys(text: &str) -> Vec<String> {
    // As the coder reads text: hyphenated words as their parts.
    atalaya_text::tokenize(text, 0)
        .iter()
        .flat_map(|t| t.hyphen_parts())
        .map(|t| t.key)
        .collect()
}

/// The checker's error findings on `dicts` (no load warnings), each as its printed line.
pub fn checker_errors(dicts: &Dictionaries) -> Vec<String> {
    check(dicts, &[])
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.to_string())
        .collect()
}
