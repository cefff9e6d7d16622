//! Regular English inflections generated for dictionary words (PETRARCH-2 generates regular
//! noun plurals and verb forms instead of stemming).
//!
//! Noun plurals (agents without `{...}`, synset members): consonant + `Y` → `IES`; a word
//! ending in a single `S` is taken as already plural and gets none; words ending in `SS`, `X`,
//! `Z`, `CH`, `SH` → `ES` (except `-ARCH` titles such as `MONARCH`, `PATRIARCH`, which take
//! `S`); otherwise `S`. PETRARCH's documented rule is narrower (`Y` → `IES` even after a
//! vowel, `ES` only after `SS`, `S` after everything else); ours avoids forms such as
//! `ATTORNIES` or `TROOPSS`.
//!
//! Verb forms (verbs without `{...}`): third person (`-S`/`-ES`/`-IES` as for nouns, plus
//! consonant + `O` → `ES`: `GOES`, `VETOES`), past (`-D` after `E`, consonant + `Y` → `IED`,
//! else `-ED`) and gerund (`IE` → `YING`, silent final `E` dropped except after `E`, `O`, `Y`,
//! else `-ING`). Final consonants are never doubled: the dictionaries spell doubled forms out
//! in `{...}` (`STOP {STOPS STOPPING STOPPED}`).
//!
//! Suffixes follow the case of the word's last letter, so mixed-case dictionaries stay
//! consistent (keys are folded afterwards anyway).

use super::source::{make_phrase, Connectors, RawWord};
use crate::Phrase;

/// The phrase with its last word in the plural; `None` when that word gets no plural.
pub(crate) fn plural_phrase(words: &[RawWord<'_>], connectors: Connectors) -> Option<Phrase> {
    let (last, rest) = words.split_last()?;
    let plural = noun_plural(last.text)?;
    let items = rest
        .iter()
        .map(|w| (w.text, w.joined))
        .chain(std::iter::once((plural.as_str(), last.joined)));
    make_phrase(items, connectors)
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_uppercase(), 'A' | 'E' | 'I' | 'O' | 'U')
}

fn ends_with_ci(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.is_char_boundary(word.len() - suffix.len())
        && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Appends `suffix` (given in uppercase) in the case of the word's last letter.
fn with_suffix(stem: &str, case_of: &str, suffix: &str) -> String {
    let lower = case_of
        .chars()
        .rev()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase());
    let mut out = String::with_capacity(stem.len() + suffix.len());
    out.push_str(stem);
    if lower {
        out.push_str(&suffix.to_ascii_lowercase());
    } else {
        out.push_str(suffix);
    }
    out
}

/// The last two characters of the word (second-to-last may be missing).
fn last_two(word: &str) -> (Option<char>, Option<char>) {
    let mut rev = word.chars().rev();
    let last = rev.next();
    let before = rev.next();
    (before, last)
}

fn consonant_y(word: &str) -> bool {
    matches!(last_two(word), (Some(b), Some(l)) if l.eq_ignore_ascii_case(&'y') && !is_vowel(b) && b.is_alphabetic())
}

fn sibilant(word: &str) -> bool {
    ["S", "X", "Z", "CH", "SH"]
        .iter()
        .any(|suffix| ends_with_ci(word, suffix))
}

fn without_last_char(word: &str) -> &str {
    match word.char_indices().next_back() {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// Regular plural of a noun; `None` for a word that ends in a single `S` (already plural in
/// these dictionaries: `TROOPS`, `SWISS_FRANCS`).
pub(crate) fn noun_plural(word: &str) -> Option<String> {
    if consonant_y(word) {
        return Some(with_suffix(without_last_char(word), word, "IES"));
    }
    if ends_with_ci(word, "S") && !ends_with_ci(word, "SS") {
        return None;
    }
    let arch_title = ends_with_ci(word, "ARCH") && word.len() > 5 && !ends_with_ci(word, "EARCH");
    if sibilant(word) && !arch_title {
        return Some(with_suffix(word, word, "ES"));
    }
    Some(with_suffix(word, word, "S"))
}

/// Third person singular, past and gerund of a regular verb.
pub(crate) fn verb_forms(word: &str) -> [String; 3] {
    let consonant_o = matches!(last_two(word), (Some(b), Some(l)) if l.eq_ignore_ascii_case(&'o') && !is_vowel(b) && b.is_alphabetic());
    let third = if consonant_y(word) {
        with_suffix(without_last_char(word), word, "IES")
    } else if sibilant(word) || consonant_o {
        with_suffix(word, word, "ES")
    } else {
        with_suffix(word, word, "S")
    };
    let past = if ends_with_ci(word, "E") {
        with_suffix(word, word, "D")
    } else if consonant_y(word) {
        with_suffix(without_last_char(word), word, "IED")
    } else {
        with_suffix(word, word, "ED")
    };
    let gerund = if ends_with_ci(word, "IE") {
        with_suffix(&word[..word.len() - 2], word, "YING")
    } else if ends_with_ci(word, "E")
        && word.chars().count() > 2
        && !["EE", "OE", "YE"].iter().any(|s| ends_with_ci(word, s))
    {
        with_suffix(without_last_char(word), word, "ING")
    } else {
        with_suffix(word, word, "ING")
    };
    [third, past, gerund]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        let cases = [
            ("SOLDIER", "SOLDIERS"),
            ("MILITIA", "MILITIAS"),
            ("AUTHORITY", "AUTHORITIES"),
            ("ATTORNEY", "ATTORNEYS"),
            ("CONGRESS", "CONGRESSES"),
            ("CHURCH", "CHURCHES"),
            ("MARCH", "MARCHES"),
            ("PATRIARCH", "PATRIARCHS"),
            ("BOX", "BOXES"),
            ("official", "officials"),
            ("party", "parties"),
        ];
        for (word, plural) in cases {
            assert_eq!(noun_plural(word).as_deref(), Some(plural), "{word}");
        }
        assert_eq!(noun_plural("TROOPS"), None);
    }

    #[test]
    fn verb_inflections() {
        let cases = [
            ("ATTACK", ["ATTACKS", "ATTACKED", "ATTACKING"]),
            ("ACCUSE", ["ACCUSES", "ACCUSED", "ACCUSING"]),
            ("DENY", ["DENIES", "DENIED", "DENYING"]),
            ("DELAY", ["DELAYS", "DELAYED", "DELAYING"]),
            ("PUSH", ["PUSHES", "PUSHED", "PUSHING"]),
            ("VETO", ["VETOES", "VETOED", "VETOING"]),
            ("AGREE", ["AGREES", "AGREED", "AGREEING"]),
            ("TIE", ["TIES", "TIED", "TYING"]),
            ("warn", ["warns", "warned", "warning"]),
        ];
        for (word, forms) in cases {
            assert_eq!(verb_forms(word), forms.map(String::from), "{word}");
        }
    }
}
