//! Reporting frames: who says what, and through which outlet.
//!
//! A [`Frame`] is one reporting construction found in the sentence: its reporting words (a verb
//! such as "said", or "according to", or "citing"), the word range of the reported content, and
//! the links of the attribution chain it contributes (speaker, outlet, anonymous source). The
//! shapes recognized, in the order they are tried:
//!
//! - `according to X` (X up to the next comma or the end): content = the rest of the sentence.
//! - `X, citing Y, reported that …` / `…, X reported, citing Y`: Y is cited by X.
//! - `X said (that) CONTENT` — X is the words before the verb back to the previous comma or the
//!   sentence start (auxiliaries such as "has" dropped); content = the words after it.
//! - `CONTENT, X said` and `CONTENT, said X` (the trailing frame of quotes): content = the words
//!   before the comma.

use super::cues::{is_act_use, is_denying, is_nominal_use, is_reporting};
use super::ActorSpan;
use crate::record::Attribution;
use std::ops::Range;

/// One reporting construction.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Word range of the reporting words ("said", "according to", "citing").
    pub cue: Range<usize>,
    /// Word range of what is reported.
    pub content: Range<usize>,
    /// Word range of the speaker phrase (may be empty for "according to" with a bare outlet).
    pub speaker: Range<usize>,
    /// The links this frame adds, innermost first (a cited source before the outlet citing it).
    pub links: Vec<Attribution>,
    /// "denied": the content is said not to have happened.
    pub denies: bool,
}

/// News organisations, as folded word sequences. A phrase also counts as an outlet when it is
/// capitalized and ends in one of [`OUTLET_HEADS`].
const OUTLETS: &[&str] = &[
    "reuters",
    "associated press",
    "ap",
    "afp",
    "agence france presse",
    "efe",
    "bloomberg",
    "cnn",
    "nbc",
    "nbc news",
    "cbs",
    "cbs news",
    "abc news",
    "fox news",
    "axios",
    "politico",
    "the new york times",
    "new york times",
    "the washington post",
    "washington post",
    "the wall street journal",
    "wall street journal",
    "the guardian",
    "bbc",
    "al jazeera",
    "el universal",
    "reforma",
    "milenio",
    "la jornada",
    "proceso",
    "el pais",
    "excelsior",
    "univision",
    "telemundo",
    "npr",
    "the atlantic",
    "the economist",
    "financial times",
    "the financial times",
    "los angeles times",
    "the los angeles times",
    "semafor",
    "the hill",
    "punchbowl news",
];

const OUTLET_HEADS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "press",
    "agency",
    "television",
    "tv",
    "radio",
    "network",
    "magazine",
    "newspaper",
    "daily",
    "gazette",
    "broadcaster",
    "outlet",
];

/// Nouns that make a source anonymous when no proper name comes with them.
const ANONYMOUS_HEADS: &[&str] = &[
    "officials",
    "official",
    "sources",
    "source",
    "people",
    "person",
    "diplomats",
    "diplomat",
    "aides",
    "aide",
    "advisers",
    "adviser",
    "advisors",
    "insiders",
    "lawmakers",
    "senator",
    "senators",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "representatives",
];

/// Words dropped from the edges of a speaker phrase.
const SPEAKER_FILLER: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "earlier",
    "then",
    "again",
    "publicly",
    "privately",
    "repeatedly",
    "reportedly",
    "first",
    "that",
    "who",
    "and",
    "but",
    "in",
    "a",
    "statement",
    "on",
    "x",
];

fn key<'a>(keys: &[&'a str], i: usize) -> &'a str {
    keys.get(i).copied().unwrap_or("")
}

/// Every reporting frame of the sentence, in the order of their cue words.
pub fn frames(
    keys: &[&str],
    text_of: &dyn Fn(Range<usize>) -> String,
    capitalized: &dyn Fn(usize) -> bool,
    actors: &[ActorSpan],
) -> Vec<Frame> {
    let n = keys.len();
    let mut out: Vec<Frame> = Vec::new();
    let mut taken = vec![false; n];
    // "according to X".
    for i in 0..n.saturating_sub(1) {
        if key(keys, i) == "according" && key(keys, i + 1) == "to" {
            let end = (i + 2..n).find(|&j| key(keys, j) == ",").unwrap_or(n);
            let who = i + 2..end;
            // The content is the rest of the sentence; the caller excludes the cue and the
            // speaker words.
            let content = 0..n;
            let links = classify_chain(keys, who.clone(), text_of, capitalized, actors);
            for t in taken.iter_mut().take(end).skip(i) {
                *t = true;
            }
            out.push(Frame {
                cue: i..i + 2,
                content,
                speaker: who,
                links,
                denies: false,
            });
        }
    }
    // Reporting verbs.
    for (r, &already) in taken.iter().enumerate() {
        let k = key(keys, r);
        if already
            || !is_reporting(k)
            || r > 0 && is_nominal_use(key(keys, r - 1), k)
            || is_act_use(k, key(keys, r + 1))
        {
            continue;
        }
        // "told reporters", "said in a statement": the verb must not be a participle after "was"
        // with no subject ("was reported" → passive, handled as an anonymous report).
        let is_aux = |q: usize| matches!(key(keys, q), "was" | "were" | "is" | "are" | "been");
        // "was not disclosed", "has never been reported" too.
        let passive = r > 0
            && (is_aux(r - 1)
                || r > 1 && matches!(key(keys, r - 1), "not" | "never" | "n't") && is_aux(r - 2));
        if passive {
            let content = if r + 1 < n {
                r + 1..n
            } else {
                0..r.saturating_sub(1)
            };
            out.push(Frame {
                cue: r..r + 1,
                content,
                speaker: r..r,
                links: Vec::new(),
                denies: is_denying(k),
            });
            continue;
        }
        let trailing_start = (0..r).rev().find(|&j| key(keys, j) == ",");
        let after_end = (r + 1..n).find(|&j| key(keys, j) == ",").unwrap_or(n);
        // "…, said X." : inverted trailing frame; X is a short name-like phrase.
        if r > 0
            && key(keys, r - 1) == ","
            && after_end > r + 1
            && after_end - r <= 8
            && inverted_speaker(keys, r + 1..after_end, capitalized)
        {
            let who = r + 1..after_end;
            let links = classify_chain(keys, who.clone(), text_of, capitalized, actors);
            if !links.is_empty() {
                out.push(Frame {
                    cue: r..r + 1,
                    content: 0..r - 1,
                    speaker: who,
                    links,
                    denies: is_denying(k),
                });
                continue;
            }
        }
        // "…, X said." : the speaker is between the last comma and the verb, and nothing but a
        // date, an object of "told", or "citing Y" follows.
        if let Some(c) = trailing_start {
            let tail_is_short = after_end == n && n - r <= 6
                || key(keys, after_end) == "," && key(keys, after_end + 1) == "citing";
            let no_that = !(r + 1..n).any(|j| key(keys, j) == "that");
            if c + 1 < r && r - c <= 9 && tail_is_short && no_that && !starts_clause(keys, c + 1) {
                let who = trim(keys, c + 1..r);
                let mut links = classify_chain(keys, who.clone(), text_of, capitalized, actors);
                links.splice(0..0, cited(keys, r + 1, n, text_of, capitalized, actors));
                let content = if key(keys, c.saturating_sub(1)) == "," {
                    0..c.saturating_sub(1)
                } else {
                    0..c
                };
                out.push(Frame {
                    cue: r..r + 1,
                    content,
                    speaker: who,
                    links,
                    denies: is_denying(k),
                });
                continue;
            }
        }
        // "X said (that) CONTENT": the speaker starts after the previous comma that does not
        // close a "citing" aside.
        let mut s = 0;
        let mut speaker_end = r;
        let mut j = r;
        while j > 0 {
            j -= 1;
            let kj = key(keys, j);
            if kj == "," && j + 1 == speaker_end && speaker_end == r {
                // "X, speaking in Y, said": skip the aside back to its opening comma.
                match (0..j).rev().find(|&q| key(keys, q) == ",") {
                    Some(open) if !(open + 1..j).any(|q| key(keys, q) == "citing") => {
                        speaker_end = open;
                        j = open;
                        continue;
                    }
                    _ => {}
                }
            }
            if kj == "," {
                let aside = (0..j)
                    .rev()
                    .take_while(|&q| key(keys, q) != ",")
                    .any(|q| key(keys, q) == "citing");
                if aside {
                    // Skip back over ", citing …,".
                    if let Some(open) = (0..j)
                        .rev()
                        .find(|&q| key(keys, q) == "," && key(keys, q + 1) == "citing")
                    {
                        j = open;
                        continue;
                    }
                }
                s = j + 1;
                break;
            }
            if kj == "that" || is_reporting(kj) && !(j > 0 && is_nominal_use(key(keys, j - 1), kj))
            {
                s = j + 1;
                break;
            }
        }
        // A dateline's dash ("MEXICO CITY - Sheinbaum said") ends the speaker phrase too; the
        // words drop dashes, so look at the text between two neighbouring words.
        if let Some(q) = (s + 1..speaker_end).rev().find(|&q| {
            let gap = text_of(q - 1..q + 1);
            gap.contains(" - ") || gap.contains('\u{2013}') || gap.contains('\u{2014}')
        }) {
            s = q;
        }
        let whole = s..speaker_end;
        let (main, cited_range) = split_citing(keys, whole.clone());
        let who = trim(keys, main);
        let mut links = classify_chain(keys, who.clone(), text_of, capitalized, actors);
        if let Some(cr) = cited_range {
            links.splice(
                0..0,
                classify_chain(keys, trim(keys, cr), text_of, capitalized, actors),
            );
        }
        if links.is_empty() {
            continue;
        }
        let mut cstart = r + 1;
        // "told reporters (that)", "said in a statement (that)": skip to after "that" if near.
        if let Some(t) = (r + 1..(r + 6).min(n)).find(|&q| key(keys, q) == "that") {
            cstart = t + 1;
        }
        // A following ", citing Y," belongs to the frame.
        if key(keys, r + 1) == "," && key(keys, r + 2) == "citing" {
            let end = (r + 3..n).find(|&q| key(keys, q) == ",").unwrap_or(n);
            links.splice(
                0..0,
                classify_chain(keys, trim(keys, r + 3..end), text_of, capitalized, actors),
            );
            cstart = (end + 1).min(n);
            if key(keys, cstart) == "that" {
                cstart += 1;
            }
        }
        out.push(Frame {
            cue: r..r + 1,
            content: cstart.min(n)..n,
            speaker: who,
            links,
            denies: is_denying(k),
        });
    }
    out
}

/// "citing Y" in `keys[from..to]`: the links for Y.
fn cited(
    keys: &[&str],
    from: usize,
    to: usize,
    text_of: &dyn Fn(Range<usize>) -> String,
    capitalized: &dyn Fn(usize) -> bool,
    actors: &[ActorSpan],
) -> Vec<Attribution> {
    let Some(c) = (from..to).find(|&q| key(keys, q) == "citing") else {
        return Vec::new();
    };
    let end = (c + 1..to).find(|&q| key(keys, q) == ",").unwrap_or(to);
    classify_chain(keys, trim(keys, c + 1..end), text_of, capitalized, actors)
}

/// Splits "NBC News , citing six officials ," into the main phrase and the cited one.
fn split_citing(keys: &[&str], r: Range<usize>) -> (Range<usize>, Option<Range<usize>>) {
    if let Some(c) = r.clone().find(|&q| key(keys, q) == "citing") {
        let main_end = if c > r.start && key(keys, c - 1) == "," {
            c - 1
        } else {
            c
        };
        let end = (c + 1..r.end)
            .find(|&q| key(keys, q) == ",")
            .unwrap_or(r.end);
        return (r.start..main_end, Some(c + 1..end));
    }
    (r, None)
}

/// A phrase after an inverted "said": name-like words (capitalized, particles, titles) or
/// an anonymous head at its end ("said a senior official").
fn inverted_speaker(keys: &[&str], r: Range<usize>, capitalized: &dyn Fn(usize) -> bool) -> bool {
    let last = key(keys, r.end.saturating_sub(1));
    if ANONYMOUS_HEADS.contains(&last) {
        return true;
    }
    let particle = |k: &str| {
        matches!(k, "de" | "la" | "del" | "of" | "the" | "y" | "'s") || ANONYMOUS_HEADS.contains(&k)
    };
    capitalized(r.start) && r.clone().all(|i| capitalized(i) || particle(key(keys, i)))
}

/// Words that start a new clause, so a comma before them does not open a speaker phrase.
fn starts_clause(keys: &[&str], i: usize) -> bool {
    matches!(
        key(keys, i),
        "and"
            | "but"
            | "while"
            | "which"
            | "who"
            | "as"
            | "after"
            | "before"
            | "when"
            | "if"
            | "unless"
            | "because"
            | "although"
            | "though"
    )
}

/// Drops filler words from both edges of a phrase.
fn trim(keys: &[&str], mut r: Range<usize>) -> Range<usize> {
    // A leading "a" stays: "a senator" is how the source is named.
    while r.start < r.end
        && (SPEAKER_FILLER.contains(&key(keys, r.start)) && key(keys, r.start) != "a"
            || key(keys, r.start) == ",")
    {
        r.start += 1;
    }
    while r.end > r.start
        && (SPEAKER_FILLER.contains(&key(keys, r.end - 1)) || key(keys, r.end - 1) == ",")
    {
        r.end -= 1;
    }
    r
}

/// Whether `keys[r]` names a news outlet.
fn is_outlet(keys: &[&str], r: &Range<usize>, capitalized: &dyn Fn(usize) -> bool) -> bool {
    let phrase = keys.get(r.clone()).map(|w| w.join(" ")).unwrap_or_default();
    let stripped = phrase.strip_prefix("the ").unwrap_or(&phrase);
    if OUTLETS.contains(&phrase.as_str()) || OUTLETS.contains(&stripped) {
        return true;
    }
    // "the daily Reforma", "Mexican newspaper Milenio".
    if r.clone().any(|i| {
        matches!(
            key(keys, i),
            "newspaper" | "daily" | "broadcaster" | "outlet" | "network"
        )
    }) && r.clone().any(capitalized)
    {
        return true;
    }
    let last = r.end.checked_sub(1);
    last.is_some_and(|l| l >= r.start && OUTLET_HEADS.contains(&key(keys, l)) && capitalized(l))
}

/// The attribution links for a speaker phrase; empty when the phrase names nobody.
fn classify_chain(
    keys: &[&str],
    r: Range<usize>,
    text_of: &dyn Fn(Range<usize>) -> String,
    capitalized: &dyn Fn(usize) -> bool,
    actors: &[ActorSpan],
) -> Vec<Attribution> {
    if r.start >= r.end || r.end > keys.len() {
        return Vec::new();
    }
    let text = text_of(r.clone());
    if is_outlet(keys, &r, capitalized) {
        return vec![Attribution {
            kind: "outlet".to_string(),
            text,
            code: None,
        }];
    }
    let code = actors
        .iter()
        .filter(|a| a.words.start < r.end && r.start < a.words.end)
        .map(|a| a.code.to_string())
        .next();
    let named = r.clone().any(capitalized);
    let anonymous_head = r.clone().any(|i| ANONYMOUS_HEADS.contains(&key(keys, i)));
    let pronoun = r.len() == 1
        && matches!(
            key(keys, r.start),
            "he" | "she" | "they" | "it" | "we" | "i"
        );
    if anonymous_head && !named_person(keys, &r, capitalized) {
        return vec![Attribution {
            kind: "anonymous".to_string(),
            text,
            code,
        }];
    }
    if code.is_some() || named || pronoun {
        return vec![Attribution {
            kind: "speaker".to_string(),
            text,
            code,
        }];
    }
    Vec::new()
}

/// A capitalized word after the head noun ("spokesperson Jane Doe") makes an official a named
/// person.
fn named_person(keys: &[&str], r: &Range<usize>, capitalized: &dyn Fn(usize) -> bool) -> bool {
    let head = r
        .clone()
        .rev()
        .find(|&i| ANONYMOUS_HEADS.contains(&key(keys, i)));
    match head {
        // "officials in Washington" names a place, not the person.
        Some(h) => (h + 1..r.end)
            .take_while(|&i| !matches!(key(keys, i), "in" | "at" | "from" | "of" | "with"))
            .any(capitalized),
        None => false,
    }
}
