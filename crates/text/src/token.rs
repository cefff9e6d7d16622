//! Tokenization of one sentence into [`Token`]s with article byte offsets.
//!
//! A single left-to-right scan over chars. Word-like runs are scanned by `Tokenizer::word`,
//! which decides on internal punctuation (periods, commas, hyphens, apostrophes) with one or two
//! chars of look-ahead and splits possessives and contractions as it goes. Every other visible
//! char becomes a punctuation or symbol token. Look-ahead is bounded, so the scan is linear.

use serde::Serialize;

use crate::abbrev::{classify, AbbrevClass};
use crate::chars::{
    char_at, char_before, is_apostrophe, is_currency, is_joining_hyphen, is_punctuation,
    is_space_like, is_word_continuer, slice,
};
use crate::fold::fold_key;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum TokenKind {
    /// Letters (any script), possibly with internal periods, hyphens or apostrophes:
    /// "Mexico", "U.S.", "al-Qaeda", "O'Brien", "Gen.", "F-16".
    Word,
    /// Starts with a digit, a currency sign plus digit, or `'` plus two digits: "1,200", "3.5",
    /// "$5", "10:30", "2024-01-05", "1990s", "5th", "'90s".
    Number,
    /// Possessive marker split from its noun: "'s" / "’s", or the bare "'" after a plural ("Marines'").
    Possessive,
    /// Contraction split Penn-Treebank style: "n't", "'re", "'ve", "'ll", "'d", "'m", and "'s"
    /// after a pronoun ("it's", "he's", "let's").
    Clitic,
    /// Punctuation: `, ; : . ! ? " ' ( ) [ ]`, dashes, curly quotes, "..." (one token per run of
    /// periods or of ASCII hyphens).
    Punct,
    /// Anything else: `%`, `&`, `+`, `#`, `@`, a currency sign without a number, emoji, lone
    /// combining marks.
    Symbol,
}

/// A token: a slice of the sentence plus its offsets in the article and its match key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The token as written (a slice of the tokenized string).
    pub text: &'a str,
    /// Byte offset in the article (`base` + offset in the sentence).
    pub start: usize,
    /// Byte offset one past the end, in the article.
    pub end: usize,
    /// [`fold_key`] of `text`.
    pub key: String,
    /// What kind of token this is.
    pub kind: TokenKind,
}

impl<'a> Token<'a> {
    /// Whether the token contains a word-joining hyphen ("al-Qaeda", "cross-border").
    pub fn is_hyphenated(&self) -> bool {
        // Every joining hyphen is '-' or starts with the byte 0xE2 (U+2010, U+2011): most words
        // have neither, and a byte scan tells so without decoding chars.
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
            && self.text.bytes().any(|b| b == b'-' || b == 0xE2)
            && self.text.chars().any(is_joining_hyphen)
    }

    /// The parts of a hyphenated word, as tokens with their own offsets and keys
    /// ("al-Qaeda" → "al", "Qaeda"; "U.S.-led" → "U.S.", "led"). A token without a joining
    /// hyphen gives itself. Lets the coder match a dictionary entry against a part, or against
    /// the parts joined with spaces, when the whole token does not match.
    pub fn hyphen_parts(&self) -> Vec<Token<'a>> {
        if !self.is_hyphenated() {
            return vec![self.clone()];
        }
        let mut parts = Vec::new();
        let mut part_start = 0;
        let mut push = |from: usize, to: usize| {
            if from < to {
                let text = slice(self.text, from, to);
                parts.push(Token {
                    text,
                    start: self.start + from,
                    end: self.start + to,
                    key: fold_key(text),
                    kind: word_kind(text),
                });
            }
        };
        for (i, c) in self.text.char_indices() {
            if is_joining_hyphen(c) {
                push(part_start, i);
                part_start = i + c.len_utf8();
            }
        }
        push(part_start, self.text.len());
        parts
    }

    /// The key with contractions expanded, for matching verbs and negation: "n't" → "not",
    /// "'re" → "are", "'ve" → "have", "'ll" → "will", "'m" → "am", "'d" → "would", clitic
    /// "'s" → "is"; and, when `next` is "n't", "ca" → "can", "wo" → "will", "sha" → "shall",
    /// "ai" → "is". Every other token gives its [`Token::key`].
    pub fn expanded_key(&self, next: Option<&Token<'_>>) -> &str {
        match self.kind {
            TokenKind::Clitic => match self.key.as_str() {
                "n't" => "not",
                "'re" => "are",
                "'ve" => "have",
                "'ll" => "will",
                "'m" => "am",
                "'d" => "would",
                "'s" => "is",
                other => other,
            },
            TokenKind::Word if next.is_some_and(|n| n.key == "n't") => match self.key.as_str() {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                "ai" => "is",
                other => other,
            },
            _ => &self.key,
        }
    }
}

/// Tokenizes `sentence`; `base` is the sentence's byte offset in the article, so that every
/// token's `start..end` is an article offset (`&article[t.start..t.end] == t.text`).
///
/// See the crate documentation for the rules. Never panics; linear in the input length.
pub fn tokenize(sentence: &str, base: usize) -> Vec<Token<'_>> {
    let mut tokenizer = Tokenizer {
        s: sentence,
        base,
        out: Vec::with_capacity(sentence.len() / 5 + 1),
        single_quote_open: false,
    };
    tokenizer.run();
    tokenizer.out
}

/// Scanner state for one call of [`tokenize`].
struct Tokenizer<'a> {
    s: &'a str,
    base: usize,
    out: Vec<Token<'a>>,
    /// An opening single quote was seen and not yet closed, so a trailing "s'" is a closing
    /// quote rather than a plural possessive.
    single_quote_open: bool,
}

impl<'a> Tokenizer<'a> {
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if start >= end {
            return;
        }
        let text = slice(self.s, start, end);
        self.out.push(Token {
            text,
            start: self.base + start,
            end: self.base + end,
            key: fold_key(text),
            kind,
        });
    }

    fn push_word(&mut self, start: usize, end: usize) {
        let kind = word_kind(slice(self.s, start, end));
        self.push(start, end, kind);
    }

    fn run(&mut self) {
        let s = self.s;
        let mut i = 0;
        while let Some(c) = char_at(s, i) {
            let len = c.len_utf8();
            if is_space_like(c) {
                i += len;
                continue;
            }
            let next = char_at(s, i + len);
            i = if c.is_alphanumeric() {
                self.word(i, i)
            } else if is_currency(c) && next.is_some_and(|n| n.is_ascii_digit()) {
                self.word(i, i + len)
            } else if is_apostrophe(c) || c == '\u{2018}' {
                self.quote(i, c)
            } else if c == '.' && next.is_some_and(|n| n.is_ascii_digit()) {
                self.word(i, i + 1) // ".5"
            } else if c == '.' || c == '-' {
                let end = run_end(s, i, c);
                self.push(i, end, TokenKind::Punct);
                end
            } else if is_word_continuer(c) {
                let end = continuers_end(s, i);
                self.push(i, end, TokenKind::Symbol);
                end
            } else {
                let end = continuers_end(s, i + len);
                let kind = if is_punctuation(c) {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                self.push(i, end, kind);
                end
            };
        }
    }

    /// An apostrophe or single quote where a token starts.
    fn quote(&mut self, i: usize, c: char) -> usize {
        let s = self.s;
        let len = c.len_utf8();
        let prev = char_before(s, i);
        let attached = prev.is_some_and(|p| !is_space_like(p));
        if is_apostrophe(c) {
            // "'90s"
            let d1 = char_at(s, i + len);
            let d2 = char_at(s, i + len + 1);
            let d3 = char_at(s, i + len + 2);
            if d1.is_some_and(|d| d.is_ascii_digit())
                && d2.is_some_and(|d| d.is_ascii_digit())
                && !d3.is_some_and(|d| d.is_ascii_digit())
            {
                return self.word(i, i + len);
            }
            let (suffix, suffix_end) = short_suffix(s, i + len);
            match suffix.as_deref() {
                Some("s") => {
                    self.push(i, suffix_end, TokenKind::Possessive);
                    return suffix_end;
                }
                Some("re" | "ve" | "ll" | "d" | "m") if attached => {
                    self.push(i, suffix_end, TokenKind::Clitic);
                    return suffix_end;
                }
                _ => {}
            }
        }
        let opening = c == '\u{2018}' || !attached || prev.is_some_and(crate::chars::is_opener);
        self.single_quote_open = opening;
        let end = continuers_end(s, i + len);
        self.push(i, end, TokenKind::Punct);
        end
    }

    /// Scans a word or number starting at `start`; `content_start` is where its letters or
    /// digits begin (after a currency sign, `'` or `.` prefix). Pushes one or more tokens and
    /// returns the position after them.
    fn word(&mut self, start: usize, content_start: usize) -> usize {
        let s = self.s;
        let mut j = content_start;
        let mut has_dot = false;
        let mut last_part = content_start;
        loop {
            // ASCII letters and digits, most of a word, go on without decoding chars.
            j += s.as_bytes().get(j..).map_or(0, |rest| {
                rest.iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count()
            });
            let Some(c) = char_at(s, j) else {
                break;
            };
            let len = c.len_utf8();
            if c.is_alphanumeric() || is_word_continuer(c) {
                j += len;
                continue;
            }
            let prev = char_before(s, j);
            let next = char_at(s, j + len);
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let joins = match c {
                // "U.S", "3.5", "reuters.com"; "U.S.-led" keeps the period before the hyphen.
                '.' => {
                    let before_hyphen = has_dot
                        && next.is_some_and(is_joining_hyphen)
                        && char_at(s, j + 1 + next.map_or(0, char::len_utf8))
                            .is_some_and(char::is_alphanumeric);
                    has_dot |= next_alnum;
                    next_alnum || before_hyphen
                }
                // "1,200", "10:30", "24/7"
                ',' | ':' | '/' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                // "al-Qaeda", "2024-01-05", "U.S.-led"
                c if is_joining_hyphen(c) => {
                    let ok = next_alnum
                        && prev.is_some_and(|p| {
                            p.is_alphanumeric() || p == '.' || is_word_continuer(p)
                        });
                    if ok {
                        last_part = j + len;
                    }
                    ok
                }
                // "AT&T", "S&P"
                '&' => prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase),
                c if is_apostrophe(c) => {
                    if let Some(resume) = self.apostrophe_in_word(start, j, c) {
                        return resume;
                    }
                    next_alnum // "O'Brien", "rock'n'roll"
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += len;
        }

        let text = slice(s, start, j);
        if text.eq_ignore_ascii_case("cannot") {
            self.push(start, start + 3, TokenKind::Word);
            self.push(start + 3, j, TokenKind::Word);
            return j;
        }
        let kind = word_kind(text);
        if kind == TokenKind::Word && self.keeps_final_period(slice(s, last_part, j), j) {
            j += 1;
        }
        self.push(start, j, kind);
        j
    }

    /// Whether the period at `period` belongs to the word `part` before it ("U.S.", "Gen.",
    /// "J.", "No." before a number) rather than being a token of its own.
    fn keeps_final_period(&self, part: &str, period: usize) -> bool {
        let s = self.s;
        if char_at(s, period) != Some('.') || char_at(s, period + 1) == Some('.') {
            return false;
        }
        if part.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        match classify(part) {
            None => false,
            Some(AbbrevClass::BeforeNumber) => {
                let rest = slice(s, period + 1, s.len());
                rest.trim_start_matches(is_space_like)
                    .starts_with(|c: char| c.is_ascii_digit())
            }
            Some(_) => true,
        }
    }

    /// Handles an apostrophe at `j` inside the word that began at `start`. Returns the resume
    /// position if it split off a possessive or contraction, `None` if the word goes on (or
    /// ends) here without a split.
    fn apostrophe_in_word(&mut self, start: usize, j: usize, c: char) -> Option<usize> {
        let s = self.s;
        let after_apostrophe = j + c.len_utf8();
        let prev = char_before(s, j);
        let (suffix, suffix_end) = short_suffix(s, after_apostrophe);
        match suffix.as_deref() {
            // Trailing apostrophe: plural possessive ("Marines'"), unless it closes a quote.
            Some("") => {
                if prev.is_some_and(|p| p == 's' || p == 'S') && !self.single_quote_open {
                    self.push_word(start, j);
                    self.push(j, after_apostrophe, TokenKind::Possessive);
                    return Some(after_apostrophe);
                }
                None
            }
            Some("s") => {
                let word = slice(s, start, j);
                let kind = if is_clitic_host(word) {
                    TokenKind::Clitic
                } else {
                    TokenKind::Possessive
                };
                self.push_word(start, j);
                self.push(j, suffix_end, kind);
                Some(suffix_end)
            }
            // "didn't" → "did" "n't"; needs something before the "n".
            Some("t") if matches!(prev, Some('n' | 'N')) && j - 1 > start => {
                self.push_word(start, j - 1);
                self.push(j - 1, suffix_end, TokenKind::Clitic);
                Some(suffix_end)
            }
            Some("re" | "ve" | "ll" | "d" | "m") => {
                self.push_word(start, j);
                self.push(j, suffix_end, TokenKind::Clitic);
                Some(suffix_end)
            }
            _ => None,
        }
    }
}

/// Reads up to three ASCII letters at `pos` and lowercases them, if they end the word there.
/// Returns `(Some(suffix), end)` with `suffix` possibly empty, or `(None, pos)` when letters go
/// on longer, are not ASCII, or digits follow.
fn short_suffix(s: &str, pos: usize) -> (Option<String>, usize) {
    let mut end = pos;
    let mut suffix = String::new();
    while let Some(c) = char_at(s, end) {
        if !c.is_alphanumeric() && !is_word_continuer(c) {
            break;
        }
        if !c.is_ascii_alphabetic() || suffix.len() == 3 {
            return (None, pos);
        }
        suffix.push(c.to_ascii_lowercase());
        end += 1;
    }
    (Some(suffix), end)
}

/// Pronouns and adverbs after which "'s" is "is"/"has"/"us" rather than a possessive.
fn is_clitic_host(word: &str) -> bool {
    const HOSTS: [&str; 13] = [
        "he", "she", "it", "that", "there", "here", "what", "who", "where", "when", "how", "why",
        "let",
    ];
    HOSTS.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// `Number` when the text starts (after a currency sign, `'` or `.`) with a digit and no hyphen
/// is followed by a letter ("5-year-old" is a word); `Word` otherwise.
fn word_kind(text: &str) -> TokenKind {
    let body = text.trim_start_matches(|c: char| is_currency(c) || is_apostrophe(c) || c == '.');
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return TokenKind::Word;
    }
    let mut prev_hyphen = false;
    for c in body.chars() {
        if prev_hyphen && c.is_alphabetic() {
            return TokenKind::Word;
        }
        prev_hyphen = is_joining_hyphen(c);
    }
    TokenKind::Number
}

/// End of the run of `c` starting at `i` (for "..." and "--").
fn run_end(s: &str, i: usize, c: char) -> usize {
    let rest = slice(s, i, s.len());
    i + (rest.len() - rest.trim_start_matches(c).len())
}

/// End of the run of combining marks and joiners starting at `i`.
fn continuers_end(s: &str, i: usize) -> usize {
    let rest = slice(s, i, s.len());
    i + (rest.len() - rest.trim_start_matches(is_word_continuer).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Token texts, after checking every offset against the article.
    fn toks(article: &str, base: usize, end: usize) -> Vec<Token<'_>> {
        let sentence = &article[base..end];
        let tokens = tokenize(sentence, base);
        for t in &tokens {
            assert_eq!(&article[t.start..t.end], t.text, "offsets of {t:?}");
            assert_eq!(t.key, fold_key(t.text));
        }
        tokens
    }

    fn texts(s: &str) -> Vec<&str> {
        toks(s, 0, s.len()).into_iter().map(|t| t.text).collect()
    }

    fn kinds(s: &str) -> Vec<(&str, TokenKind)> {
        toks(s, 0, s.len())
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect()
    }

    use TokenKind::*;

    #[test]
    fn splits_punctuation() {
        assert_eq!(
            texts("Hello, world; (yes): [no] \"quoted\" end!?"),
            [
                "Hello", ",", "world", ";", "(", "yes", ")", ":", "[", "no", "]", "\"", "quoted",
                "\"", "end", "!", "?"
            ]
        );
        assert_eq!(texts("“Sí”, dijo."), ["“", "Sí", "”", ",", "dijo", "."]);
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        assert_eq!(
            kinds("al-Qaeda's cross-border F-16 5-year-old U.S.-led Mexico-U.S. talks"),
            [
                ("al-Qaeda", Word),
                ("'s", Possessive),
                ("cross-border", Word),
                ("F-16", Word),
                ("5-year-old", Word),
                ("U.S.-led", Word),
                ("Mexico-U.S.", Word),
                ("talks", Word)
            ]
        );
        assert_eq!(
            texts("war -- or peace - maybe"),
            ["war", "--", "or", "peace", "-", "maybe"]
        );
        assert_eq!(
            texts("well- known -ish"),
            ["well", "-", "known", "-", "ish"]
        );
    }

    #[test]
    fn hyphen_parts_have_offsets() {
        let text = "the cross-border raid by U.S.-led forces";
        let tokens = toks(text, 0, text.len());
        let cross = &tokens[1];
        assert!(cross.is_hyphenated());
        let parts = cross.hyphen_parts();
        let got: Vec<(&str, &str)> = parts.iter().map(|p| (p.text, p.key.as_str())).collect();
        assert_eq!(got, [("cross", "cross"), ("border", "border")]);
        for p in &parts {
            assert_eq!(&text[p.start..p.end], p.text);
        }
        let led = tokens.iter().find(|t| t.text == "U.S.-led").unwrap();
        let got: Vec<&str> = led.hyphen_parts().iter().map(|p| p.text).collect();
        assert_eq!(got, ["U.S.", "led"]);
        assert_eq!(tokens[0].hyphen_parts(), vec![tokens[0].clone()]);
    }

    #[test]
    fn possessives() {
        assert_eq!(
            kinds("Gondor's army, Mexico’s president and the Marines' base"),
            [
                ("Gondor", Word),
                ("'s", Possessive),
                ("army", Word),
                (",", Punct),
                ("Mexico", Word),
                ("’s", Possessive),
                ("president", Word),
                ("and", Word),
                ("the", Word),
                ("Marines", Word),
                ("'", Possessive),
                ("base", Word)
            ]
        );
        let t = toks("Mexico’s", 0, "Mexico’s".len());
        assert_eq!(t[1].key, "'s");
        assert_eq!((t[1].start, t[1].end), (6, 10));
    }

    #[test]
    fn closing_single_quote_is_not_a_possessive() {
        assert_eq!(
            kinds("He said 'yes' and 'no thanks'."),
            [
                ("He", Word),
                ("said", Word),
                ("'", Punct),
                ("yes", Word),
                ("'", Punct),
                ("and", Word),
                ("'", Punct),
                ("no", Word),
                ("thanks", Word),
                ("'", Punct),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn contractions_penn_treebank_style() {
        assert_eq!(
            kinds("didn't won't can't Don't cannot"),
            [
                ("did", Word),
                ("n't", Clitic),
                ("wo", Word),
                ("n't", Clitic),
                ("ca", Word),
                ("n't", Clitic),
                ("Do", Word),
                ("n't", Clitic),
                ("can", Word),
                ("not", Word)
            ]
        );
        assert_eq!(
            kinds("they're I'm we've she'll he'd it's let’s"),
            [
                ("they", Word),
                ("'re", Clitic),
                ("I", Word),
                ("'m", Clitic),
                ("we", Word),
                ("'ve", Clitic),
                ("she", Word),
                ("'ll", Clitic),
                ("he", Word),
                ("'d", Clitic),
                ("it", Word),
                ("'s", Clitic),
                ("let", Word),
                ("’s", Clitic)
            ]
        );
        assert_eq!(
            texts("O'Brien D’Alessandro rock'n'roll"),
            ["O'Brien", "D’Alessandro", "rock'n'roll"]
        );
    }

    #[test]
    fn expanded_keys() {
        let text = "They won't and can’t, it's said.";
        let tokens = toks(text, 0, text.len());
        let expanded: Vec<&str> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| t.expanded_key(tokens.get(i + 1)))
            .collect();
        assert_eq!(
            expanded,
            ["they", "will", "not", "and", "can", "not", ",", "it", "is", "said", "."]
        );
        // "CA" on its own is not "can".
        let t = toks("CA", 0, 2);
        assert_eq!(t[0].expanded_key(None), "ca");
    }

    #[test]
    fn abbreviations_keep_their_periods() {
        assert_eq!(
            texts("Gen. J. Smith of the U.S. Army met Sept. 5 at 3 p.m. with Acme Inc."),
            [
                "Gen.", "J.", "Smith", "of", "the", "U.S.", "Army", "met", "Sept.", "5", "at", "3",
                "p.m.", "with", "Acme", "Inc."
            ]
        );
        // Sentence-final abbreviation: the period is not duplicated.
        assert_eq!(
            texts("They flew to the U.S."),
            ["They", "flew", "to", "the", "U.S."]
        );
        // Ordinary words and numbers give the period back.
        assert_eq!(
            texts("He left. In 2020."),
            ["He", "left", ".", "In", "2020", "."]
        );
        // "No." only before a number.
        assert_eq!(texts("No. 5"), ["No.", "5"]);
        assert_eq!(texts("said no."), ["said", "no", "."]);
        // Ellipsis after an abbreviation stays separate.
        assert_eq!(texts("the U.S..."), ["the", "U.S", "..."]);
        assert_eq!(texts("ST. LOUIS"), ["ST.", "LOUIS"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("1,200 troops, 3.5% and $5 or €3,5 at 10:30 on 2024-01-05, 24/7, the '90s, 1990s .5"),
            [
                ("1,200", Number),
                ("troops", Word),
                (",", Punct),
                ("3.5", Number),
                ("%", Symbol),
                ("and", Word),
                ("$5", Number),
                ("or", Word),
                ("€3,5", Number),
                ("at", Word),
                ("10:30", Number),
                ("on", Word),
                ("2024-01-05", Number),
                (",", Punct),
                ("24/7", Number),
                (",", Punct),
                ("the", Word),
                ("'90s", Number),
                (",", Punct),
                ("1990s", Number),
                (".5", Number)
            ]
        );
        assert_eq!(texts("rose 3.5."), ["rose", "3.5", "."]);
        assert_eq!(texts("1,2,3 and a,b"), ["1,2,3", "and", "a", ",", "b"]);
        assert_eq!(texts("$ 5 US$5"), ["$", "5", "US", "$5"]);
    }

    #[test]
    fn ellipses_and_symbols() {
        assert_eq!(
            kinds("wait... now… AT&T & Q&A #tag @user 😀"),
            [
                ("wait", Word),
                ("...", Punct),
                ("now", Word),
                ("…", Punct),
                ("AT&T", Word),
                ("&", Symbol),
                ("Q&A", Word),
                ("#", Symbol),
                ("tag", Word),
                ("@", Symbol),
                ("user", Word),
                ("😀", Symbol)
            ]
        );
    }

    #[test]
    fn base_offsets_on_multibyte_text() {
        let article = "Título.\n\nSheinbaum dijo que México’s “no” aceptará…";
        let base = article.find("Sheinbaum").unwrap();
        let tokens = toks(article, base, article.len());
        let got: Vec<(&str, usize)> = tokens.iter().map(|t| (t.text, t.start)).collect();
        assert_eq!(got[0], ("Sheinbaum", base));
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            [
                "Sheinbaum",
                "dijo",
                "que",
                "México",
                "’s",
                "“",
                "no",
                "”",
                "aceptará",
                "…"
            ]
        );
        let mexico = &tokens[3];
        assert_eq!(mexico.key, "mexico");
        assert_eq!(mexico.end - mexico.start, "México".len());
    }

    #[test]
    fn combining_marks_and_invisible_chars() {
        // Decomposed accent stays inside the word; soft hyphen too.
        assert_eq!(
            texts("Me\u{301}xico Shein\u{ad}baum"),
            ["Me\u{301}xico", "Shein\u{ad}baum"]
        );
        let decomposed = "Me\u{301}xico";
        let t = toks(decomposed, 0, decomposed.len());
        assert_eq!(t[0].key, "mexico");
        // A lone combining mark is a symbol; zero-width space separates; controls are skipped.
        assert_eq!(
            kinds("\u{301} a\u{200b}b\u{7}c"),
            [("\u{301}", Symbol), ("a", Word), ("b", Word), ("c", Word)]
        );
    }

    #[test]
    fn other_scripts() {
        assert_eq!(texts("שלום, עולם"), ["שלום", ",", "עולם"]);
        assert_eq!(texts("مرحبا بالعالم؟"), ["مرحبا", "بالعالم", "؟"]);
        assert_eq!(texts("हिन्दी भाषा"), ["हिन्दी", "भाषा"]);
    }

    #[test]
    fn empty_input() {
        assert!(tokenize("", 0).is_empty());
        assert!(tokenize(" \n\t\u{a0}", 10).is_empty());
    }
}
