//! From a sentence's tokens to the word list the coder works on.
//!
//! The coder sees news text the way TABARI's input filter does, but keeps byte offsets: words are
//! folded keys (lowercase, no accents), hyphenated words are split into their parts (dictionaries
//! write `AL-QAEDA` as `AL_QAEDA`), quotes, brackets and final periods are dropped, semicolons
//! count as commas, and a few closed-class words get a [`WordKind`] that the parser needs.

use atalaya_text::{tokenize, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Plain,
    Comma,
    /// `and`, `but`, `or`, `nor`.
    Conj,
    /// `the`, `a`, `an`.
    Det,
    /// Possessive `'s` split off a noun.
    Possessive,
    Pronoun(Pronoun),
    /// Auxiliaries used in passive detection: `was`, `were`, `been`, `is`, `are`, `be`, `being`.
    Aux,
    By,
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she, it: the first actor of the sentence.
    Subject,
    /// his, her, its: the first actor before the pronoun.
    Possessive,
    /// they, them, their: the first compound, else the first actor.
    Plural,
}

#[derive(Debug, Clone)]
pub struct Word {
    pub key: String,
    /// Byte offsets in the article.
    pub start: usize,
    pub end: usize,
    /// Starts with an uppercase letter in the text.
    pub capitalized: bool,
    pub kind: WordKind,
}

fn classify(key: &str) -> WordKind {
    match key {
        "," | ";" | ":" => WordKind::Comma,
        "and" | "but" | "or" | "nor" => WordKind::Conj,
        "the" | "a" | "an" => WordKind::Det,
        "'s" | "'" => WordKind::Possessive,
        "he" | "she" | "it" => WordKind::Pronoun(Pronoun::Subject),
        "his" | "her" | "its" => WordKind::Pronoun(Pronoun::Possessive),
        "they" | "them" | "their" => WordKind::Pronoun(Pronoun::Plural),
        "was" | "were" | "been" | "is" | "are" | "be" | "being" => WordKind::Aux,
        "by" => WordKind::By,
        _ => WordKind::Plain,
    }
}

/// Splits one sentence (`text`, at byte offset `base` in the article) into coder words.
/// `join_contractions`: TABARI dictionaries write "DIDN'T" as one word, PETRARCH's (Penn
/// Treebank) as "DID N'T"; the tokenizer splits, so TABARI gets them joined back.
pub fn words(text: &str, base: usize, join_contractions: bool) -> Vec<Word> {
    let mut tokens = tokenize(text, base);
    drop_bracketed_acronyms(&mut tokens);
    let mut out = Vec::with_capacity(tokens.len() + 4);
    // Tokens are consumed so that a word takes its token's key instead of a copy of it.
    let mut tokens = tokens.into_iter().peekable();
    while let Some(t) = tokens.next() {
        match t.kind {
            TokenKind::Punct => {
                let k = t.key.as_str();
                // ", Jr." belongs to the name before it ("Joseph R. Biden, Jr. spoke"): no
                // clause comma.
                if k == ","
                    && tokens
                        .peek()
                        .is_some_and(|n| matches!(n.key.trim_end_matches('.'), "jr" | "sr"))
                {
                    continue;
                }
                if matches!(k, "," | ";" | ":") {
                    out.push(Word {
                        key: ",".to_string(),
                        start: t.start,
                        end: t.end,
                        capitalized: false,
                        kind: WordKind::Comma,
                    });
                }
                // Quotes, brackets, dashes, periods and other marks are not words.
            }
            TokenKind::Number => out.push(Word {
                key: if t.key.contains(',') {
                    t.key.replace(',', "")
                } else {
                    t.key
                },
                start: t.start,
                end: t.end,
                capitalized: false,
                kind: WordKind::Number,
            }),
            TokenKind::Possessive => out.push(Word {
                key: "'s".to_string(),
                start: t.start,
                end: t.end,
                capitalized: false,
                kind: WordKind::Possessive,
            }),
            TokenKind::Symbol => {}
            TokenKind::Clitic if join_contractions => {
                if let Some(prev) = out.last_mut().filter(|w| w.end == t.start) {
                    prev.key.push_str(&t.key);
                    prev.end = t.end;
                    prev.kind = WordKind::Plain;
                } else {
                    push_word(&mut out, t.key, t.start, t.end, false);
                }
            }
            // "Iran-backed militias", "a Russian-brokered truce", "U.S.-led strikes": the
            // country is a modifier of what follows, not an actor of the clause. Kept whole,
            // the word names nothing.
            _ if t.is_hyphenated() && is_modifier_compound(&t.key) => {
                let cap = t.text.chars().next().is_some_and(char::is_uppercase);
                push_word(&mut out, t.key, t.start, t.end, cap);
            }
            _ if t.is_hyphenated() => {
                for part in t.hyphen_parts() {
                    let cap = part.text.chars().next().is_some_and(char::is_uppercase);
                    push_word(&mut out, part.key, part.start, part.end, cap);
                }
            }
            // Not hyphenated: the token is its only part (`Token::hyphen_parts` would copy it).
            _ => {
                let cap = t.text.chars().next().is_some_and(char::is_uppercase);
                push_word(&mut out, t.key, t.start, t.end, cap);
            }
        }
    }
    out
}

/// "Republic of Korea (ROK) Foreign Minister Park Jin", "Tehrik-e-Taliban Pakistan (TTP)": an
/// acronym in brackets right after a capitalised name restates that name. Kept as a word it
/// would stand between the name and the title that follows it, so it is dropped (brackets and
/// all, as the brackets are anyway) and the name's word ends after the closing bracket.
fn drop_bracketed_acronyms(tokens: &mut Vec<atalaya_text::Token<'_>>) {
    let is_acronym = |t: &str| {
        t.chars().filter(|c| c.is_uppercase()).count() >= 2
            && t.chars().all(|c| c.is_uppercase() || c == '.')
    };
    let mut k = 1;
    while k + 2 < tokens.len() {
        let prev = &tokens[k - 1];
        let hit = prev.kind == TokenKind::Word
            && prev.text.chars().next().is_some_and(char::is_uppercase)
            && tokens[k].kind == TokenKind::Punct
            && tokens[k].text == "("
            && tokens[k + 1].kind == TokenKind::Word
            && is_acronym(tokens[k + 1].text)
            && tokens[k + 2].kind == TokenKind::Punct
            && tokens[k + 2].text == ")";
        if hit {
            // The name's word reaches over the brackets: the name and what follows stay as
            // close in the text as if the acronym were not there.
            tokens[k - 1].end = tokens[k + 2].end;
            tokens.drain(k..k + 3);
        } else {
            k += 1;
        }
    }
}

/// A hyphenated word whose last part makes the first a modifier: "Iran-backed",
/// "Russian-brokered", "AU-mediated", "Israel-affiliated", "Liberia-flagged", "U.S.-led".
fn is_modifier_compound(key: &str) -> bool {
    const LAST: [&str; 23] = [
        "backed",
        "brokered",
        "mediated",
        "hosted",
        "organized",
        "affiliated",
        "aligned",
        "allied",
        "sponsored",
        "funded",
        "supported",
        "led",
        "linked",
        "controlled",
        "held",
        "occupied",
        "based",
        "flagged",
        "owned",
        "made",
        "run",
        "friendly",
        "leaning",
    ];
    let hyphen = |c: char| matches!(c, '-' | '\u{2010}' | '\u{2011}');
    key.contains(hyphen)
        && key
            .rsplit(hyphen)
            .next()
            .is_some_and(|last| LAST.contains(&last))
}

/// Pushes a word; a trailing period is dropped except on abbreviations such as "u.s.", whose
/// inner periods show they are one (dictionaries write them with the final period).
fn push_word(out: &mut Vec<Word>, mut key: String, start: usize, end: usize, capitalized: bool) {
    let trimmed_len = key.trim_end_matches('.').len();
    key.truncate(trimmed_len);
    if key.is_empty() || key == "-" {
        return;
    }
    if key.contains('.') {
        key.push('.');
    }
    out.push(Word {
        kind: classify(&key),
        key,
        start,
        end,
        capitalized,
    });
}

#[cfg(test)]
mod tests {
    use super::words;

    fn keys(text: &str) -> Vec<String> {
        words(text, 0, false).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn bracketed_acronym_after_a_name_is_dropped() {
        assert_eq!(
            keys("Republic of Korea (ROK) Foreign Minister Park"),
            ["republic", "of", "korea", "foreign", "minister", "park"]
        );
        // not after a name, or not an acronym: kept
        assert_eq!(
            keys("the group (ISIS) said"),
            ["the", "group", "isis", "said"]
        );
        assert_eq!(keys("Korea (South) said"), ["korea", "south", "said"]);
    }
}
