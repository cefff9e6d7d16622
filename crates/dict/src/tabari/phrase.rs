//! TABARI phrase notation → model phrases and pattern elements.
//!
//! A phrase is a run of tokens separated by blanks and underscores (hyphens were already turned
//! into underscores). The connector rules of manual 5.2.2 and 5.5.3:
//!
//! | written        | first word                    | next token                     |
//! |----------------|-------------------------------|--------------------------------|
//! | `XXXX YYYY`    | stem (prefix match)           | other words may come between   |
//! | `XXXX_ YYYY`   | exact word                    | other words may come between   |
//! | `XXXX_YYYY`    | exact word                    | must follow directly           |
//! | `XXXX~ YYYY`, `XXXX~_YYYY` | stem             | must follow directly           |
//! | `XXXX=`        | exact, no regular endings     |                                |
//!
//! So: a separator run made only of underscores makes the next token adjacent; an underscore
//! right after a word makes it exact; `~` keeps a word a stem but glues the next token.
//! Pattern tokens: `*` verb, `$` source, `+` target, `%` compound, `^` skip one actor, `@`
//! attribution actor (read as a skip: the model has no attribution), `&NAME` synset.

use super::lines::dehyphenate;
use crate::{Phrase, PhraseWord};
use atalaya_text::fold_key;
use std::collections::HashMap;

/// A token as cut from the text, before classification.
struct RawToken<'a> {
    text: &'a str,
    /// The separator run before it was only underscores (true for the first token).
    joined: bool,
    /// An underscore follows the token immediately.
    underscore_after: bool,
}

fn raw_tokens(s: &str) -> Vec<RawToken<'_>> {
    let mut tokens = Vec::new();
    let mut token_start: Option<usize> = None;
    let mut joined = true;
    let mut run_has_blank = false;
    for (i, c) in s.char_indices() {
        let separator = c == '_' || c.is_whitespace();
        if separator {
            if let Some(start) = token_start.take() {
                tokens.push(RawToken {
                    text: &s[start..i],
                    joined,
                    underscore_after: c == '_',
                });
                run_has_blank = false;
            }
            if c != '_' {
                run_has_blank = true;
            }
        } else if token_start.is_none() {
            token_start = Some(i);
            joined = tokens.is_empty() || !run_has_blank;
        }
    }
    if let Some(start) = token_start {
        tokens.push(RawToken {
            text: &s[start..],
            joined,
            underscore_after: false,
        });
    }
    tokens
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    Word {
        text: &'a str,
        exact: bool,
        no_endings: bool,
    },
    Verb,
    Source,
    Target,
    Compound,
    Skip,
    Synset(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub kind: Kind<'a>,
    /// Must directly follow the previous token (always true for the first).
    pub adjacent: bool,
}

/// Characters that cannot be part of a dictionary word.
const NOT_IN_WORDS: &[char] = &[
    '*', '$', '%', '^', '&', '{', '}', '|', '[', ']', '@', '<', '>',
];

pub(crate) fn tokens(s: &str) -> Result<Vec<Token<'_>>, String> {
    let mut out = Vec::new();
    let mut glue_next = false;
    for raw in raw_tokens(s) {
        let adjacent = raw.joined || glue_next;
        let (body, tilde) = match raw.text.strip_suffix('~') {
            Some(body) => (body, true),
            None => (raw.text, false),
        };
        glue_next = tilde;
        let kind = match body {
            "*" => Kind::Verb,
            "$" => Kind::Source,
            "+" => Kind::Target,
            "%" => Kind::Compound,
            "^" | "@" => Kind::Skip,
            _ => {
                if let Some(name) = body.strip_prefix('&') {
                    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                        return Err(format!("invalid synset name `{body}`"));
                    }
                    Kind::Synset(name)
                } else {
                    let (word, equals) = match body.strip_suffix('=') {
                        Some(word) => (word, true),
                        None => (body, false),
                    };
                    if word.is_empty() {
                        return Err(format!("empty word in `{s}`"));
                    }
                    if word.contains(NOT_IN_WORDS) || word.contains(['~', '=']) {
                        return Err(format!("unexpected character in word `{word}`"));
                    }
                    Kind::Word {
                        text: word,
                        exact: equals || (raw.underscore_after && !tilde),
                        no_endings: equals,
                    }
                }
            }
        };
        out.push(Token { kind, adjacent });
    }
    Ok(out)
}

pub(crate) fn phrase_word(
    text: &str,
    exact: bool,
    no_endings: bool,
    adjacent: bool,
) -> Result<PhraseWord, String> {
    let key = fold_key(text);
    if key.is_empty() {
        return Err(format!("word `{text}` has no letters to match"));
    }
    Ok(PhraseWord {
        key,
        stem: !exact,
        adjacent,
        no_endings,
    })
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Word { .. } => "word",
        Kind::Verb => "`*`",
        Kind::Source => "`$`",
        Kind::Target => "`+`",
        Kind::Compound => "`%`",
        Kind::Skip => "`^`/`@`",
        Kind::Synset(_) => "synset",
    }
}

/// A phrase of plain words (actors, agents, nouns, verb roots and forms, issues).
pub(crate) fn word_phrase(written: &str) -> Result<Phrase, String> {
    let text = dehyphenate(written);
    let mut words = Vec::new();
    for token in tokens(&text)? {
        match token.kind {
            Kind::Word {
                text,
                exact,
                no_endings,
            } => words.push(phrase_word(
                text,
                exact,
                no_endings,
                words.is_empty() || token.adjacent,
            )?),
            other => return Err(format!("{} not allowed in `{written}`", kind_name(&other))),
        }
    }
    if words.is_empty() {
        return Err("phrase missing".to_owned());
    }
    Ok(Phrase { words })
}

/// A pattern cut at its `*`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PatternShape<'a> {
    pub before: Vec<Token<'a>>,
    /// The verb must directly follow the last `before` token.
    pub verb_adjacent: bool,
    /// The first token's `adjacent` is relative to the verb.
    pub after: Vec<Token<'a>>,
}

pub(crate) fn pattern_shape(text: &str) -> Result<PatternShape<'_>, String> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut verb_adjacent = None;
    for token in tokens(text)? {
        if token.kind == Kind::Verb {
            if verb_adjacent.is_some() {
                return Err("more than one verb marker `*` in pattern".to_owned());
            }
            verb_adjacent = Some(!before.is_empty() && token.adjacent);
        } else if verb_adjacent.is_some() {
            after.push(token);
        } else {
            before.push(token);
        }
    }
    let verb_adjacent = verb_adjacent.ok_or("missing verb marker `*` in pattern")?;
    Ok(PatternShape {
        before,
        verb_adjacent,
        after,
    })
}

/// TABARI's pattern length (manual 5.7.1): characters other than blanks and the tokens
/// `$ + % * ^` (underscores count). Longer patterns are tried first.
pub(crate) fn pattern_length(text: &str) -> u32 {
    let n = text
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '$' | '+' | '%' | '*' | '^' | '@' | '~' | '=')
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Most alternatives one pattern line may expand to.
const MAX_ALTERNATIVES: usize = 512;

/// Expands `{ A | B }` alternative sets (manual 5.7) into plain pattern texts. The connector
/// before `{` and after `}` is kept around every alternative, so `{ WAS | IS }_HERE` gives
/// `WAS_HERE` and `IS_HERE`, as the manual states they are equivalent. Several sets multiply.
pub(crate) fn expand_alternatives(text: &str) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let mut pending = vec![text.to_owned()];
    while let Some(current) = pending.pop() {
        let Some(open) = current.find('{') else {
            if current.contains(['}', '|']) {
                return Err("`}` or `|` outside a `{ ... }` set".to_owned());
            }
            done.push(current);
            continue;
        };
        let (prefix, rest) = current.split_at(open);
        let inner_and_after = rest.get(1..).unwrap_or("");
        let close = inner_and_after
            .find('}')
            .ok_or("missing `}` in alternative set")?;
        let (inner, after) = inner_and_after.split_at(close);
        if inner.contains('{') {
            return Err("nested `{` alternative sets are not allowed".to_owned());
        }
        let suffix = after.get(1..).unwrap_or("");
        for alternative in inner.split('|') {
            let alternative = alternative.trim();
            if alternative.is_empty() {
                return Err("empty alternative in `{ ... }`".to_owned());
            }
            pending.push(format!("{prefix}{alternative}{suffix}"));
        }
        if done.len() + pending.len() > MAX_ALTERNATIVES {
            return Err(format!(
                "alternative sets expand to more than {MAX_ALTERNATIVES} patterns"
            ));
        }
    }
    // The stack reverses the order; keep alternatives in written order.
    done.reverse();
    Ok(done)
}

/// A stable identity of a phrase (keys and connector flags), to spot duplicates.
pub(crate) fn phrase_signature(phrase: &Phrase) -> String {
    let mut s = String::new();
    for w in &phrase.words {
        if !s.is_empty() {
            s.push(if w.adjacent { '_' } else { ' ' });
        }
        s.push_str(&w.key);
        if w.stem {
            s.push('*');
        }
        if w.no_endings {
            s.push('=');
        }
    }
    s
}

/// Synset members reachable by upper-case name.
pub(crate) type SynsetMembers<'a> = dyn Fn(&str) -> Option<&'a [Phrase]> + 'a;

/// Most phrases one synset member line may expand to.
const MAX_MEMBER_EXPANSION: usize = 4096;

/// A synset member line (`+GOLDEN_GOBLIN_GALLEONS`, `+&TIETYPES_MEMOS`): nested synsets are
/// expanded in place, keeping each nested member's own stem flags; the connector around the
/// reference decides adjacency. Actor tokens cannot live in a model phrase: they are dropped
/// and reported in the returned notes.
pub(crate) fn synset_member(
    written: &str,
    lookup: &SynsetMembers<'_>,
) -> Result<(Vec<Phrase>, Vec<String>), String> {
    let text = dehyphenate(written);
    let mut notes = Vec::new();
    let mut variants: Vec<Vec<PhraseWord>> = vec![Vec::new()];
    for token in tokens(&text)? {
        match token.kind {
            Kind::Word {
                text,
                exact,
                no_endings,
            } => {
                for v in &mut variants {
                    let adjacent = v.is_empty() || token.adjacent;
                    v.push(phrase_word(text, exact, no_endings, adjacent)?);
                }
            }
            Kind::Synset(name) => {
                let members = lookup(&name.to_ascii_uppercase())
                    .ok_or_else(|| format!("synset `&{name}` is not declared before this line"))?;
                let mut next = Vec::new();
                for v in &variants {
                    for member in members {
                        let mut words = v.clone();
                        for (i, w) in member.words.iter().enumerate() {
                            let mut w = w.clone();
                            if i == 0 {
                                w.adjacent = words.is_empty() || token.adjacent;
                            }
                            words.push(w);
                        }
                        next.push(words);
                    }
                }
                if next.len() > MAX_MEMBER_EXPANSION {
                    return Err(format!(
                        "nested synsets expand to more than {MAX_MEMBER_EXPANSION} phrases"
                    ));
                }
                variants = next;
            }
            Kind::Verb => return Err("`*` not allowed in a synset member".to_owned()),
            other => notes.push(format!(
                "{} in synset member `{written}` dropped (synset members are plain phrases here)",
                kind_name(&other)
            )),
        }
    }
    let phrases: Vec<Phrase> = variants
        .into_iter()
        .filter(|words| !words.is_empty())
        .map(|words| Phrase { words })
        .collect();
    if phrases.is_empty() {
        return Err("synset member has no words".to_owned());
    }
    Ok((phrases, notes))
}

/// Upper-case synset name → index, for pattern references.
pub(crate) type SynsetIndex = HashMap<String, usize>;

#[cfg(test)]
mod tests {
    use super::*;

    fn w(key: &str, stem: bool, adjacent: bool) -> PhraseWord {
        PhraseWord {
            key: key.to_owned(),
            stem,
            adjacent,
            no_endings: false,
        }
    }

    #[test]
    fn connectors_decide_stem_and_adjacency() {
        let p = word_phrase("AL GORE").unwrap();
        assert_eq!(p.words, [w("al", true, true), w("gore", true, false)]);
        let p = word_phrase("AL_GORE").unwrap();
        assert_eq!(p.words, [w("al", false, true), w("gore", true, true)]);
        let p = word_phrase("ITHILEN_GOVERNMENT_RADIO_").unwrap();
        assert!(p.words.iter().all(|w| !w.stem && w.adjacent));
        let p = word_phrase("BARAD-DUR").unwrap();
        assert_eq!(p.words, [w("barad", false, true), w("dur", true, true)]);
        let p = word_phrase("MOUSE=").unwrap();
        assert!(!p.words[0].stem && p.words[0].no_endings);
        let p = word_phrase("RADAGAST THE_BROWN").unwrap();
        assert_eq!(
            p.words,
            [
                w("radagast", true, true),
                w("the", false, false),
                w("brown", true, true)
            ]
        );
        assert!(word_phrase("FOO $").is_err());
        assert!(word_phrase("").is_err());
    }

    #[test]
    fn pattern_shapes() {
        let s = pattern_shape("IN_*").unwrap();
        assert!(s.verb_adjacent);
        assert_eq!(
            s.before[0].kind,
            Kind::Word {
                text: "IN",
                exact: true,
                no_endings: false
            }
        );
        let s = pattern_shape("IN_ *").unwrap();
        assert!(!s.verb_adjacent);
        assert!(matches!(s.before[0].kind, Kind::Word { exact: true, .. }));
        let s = pattern_shape("IN *").unwrap();
        assert!(!s.verb_adjacent);
        assert!(matches!(s.before[0].kind, Kind::Word { exact: false, .. }));
        let s = pattern_shape("* THE_NEAT~_PLACE").unwrap();
        assert!(!s.after[0].adjacent);
        assert!(matches!(
            s.after[1].kind,
            Kind::Word {
                text: "NEAT",
                exact: false,
                ..
            }
        ));
        assert!(s.after[1].adjacent);
        assert!(s.after[2].adjacent);
        let s = pattern_shape("* BACK~ POLICY").unwrap();
        assert!(s.after[1].adjacent, "`~` glues the next word");
        let s = pattern_shape("+_WAS_*_BY_$").unwrap();
        assert_eq!(s.before.len(), 2);
        assert!(s.verb_adjacent);
        assert_eq!(
            s.after[0].kind,
            Kind::Word {
                text: "BY",
                exact: true,
                no_endings: false
            }
        );
        assert!(s.after[0].adjacent);
        assert_eq!(s.after[1].kind, Kind::Source);
        let s = pattern_shape("* &CURRENCY_EXCHANGE").unwrap();
        assert_eq!(s.after[0].kind, Kind::Synset("CURRENCY"));
        assert!(s.after[1].adjacent);
        assert!(pattern_shape("FOO BAR").is_err());
        assert!(pattern_shape("* FOO *").is_err());
    }

    #[test]
    fn alternatives_expand_with_connectors() {
        let e = expand_alternatives("* DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS").unwrap();
        assert_eq!(
            e,
            [
                "* DEMAND_GENEVA__CONVENTIONS",
                "* DEMAND_INTERNATIONAL_CONVENTIONS"
            ]
        );
        let e = expand_alternatives("{ A | B } * { C | D }").unwrap();
        assert_eq!(e, ["A * C", "A * D", "B * C", "B * D"]);
        assert!(expand_alternatives("* { A | B").is_err());
        assert!(expand_alternatives("* A | B").is_err());
        assert!(expand_alternatives("* { A | }").is_err());
        let s = pattern_shape("* DEMAND_GENEVA__CONVENTIONS").unwrap();
        assert!(s.after[2].adjacent);
        assert!(matches!(s.after[1].kind, Kind::Word { exact: true, .. }));
    }

    #[test]
    fn length_ignores_blanks_and_tokens() {
        assert_eq!(pattern_length("+ * TO THE NEXT DAY $"), 12);
        assert_eq!(pattern_length("* THEIR MEETINGS"), 13);
        assert_eq!(pattern_length("*_TO_A_POLL"), 10);
    }

    #[test]
    fn synset_members_expand_nested_sets() {
        let tie = vec![
            word_phrase("MILITARY").unwrap(),
            word_phrase("TRADE_").unwrap(),
        ];
        let lookup = |name: &str| (name == "TIES").then_some(tie.as_slice());
        let (p, notes) = synset_member("&TIES_MEMOS", &lookup).unwrap();
        assert!(notes.is_empty());
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].words,
            [w("military", true, true), w("memos", true, true)]
        );
        assert_eq!(p[1].words[0], w("trade", false, true));
        let (p, _) = synset_member("MEMOS ON &TIES", &lookup).unwrap();
        assert!(!p[0].words[2].adjacent);
        let (p, notes) = synset_member("PESO_$", &lookup).unwrap();
        assert_eq!(p[0].words.len(), 1);
        assert_eq!(notes.len(), 1);
        assert!(synset_member("&NOPE", &lookup).is_err());
    }
}
