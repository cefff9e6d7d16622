//! # atalaya-text
//!
//! The text layer of atalaya: paragraphs, sentences and tokens with **byte offsets into the
//! original string**, and the folded match keys that dictionaries and tokens are compared on.
//! Everything is a hand-written linear scan (no regex), never panics on any `&str`, and
//! allocates little beyond the output vectors and one key `String` per token.
//!
//! ```
//! use atalaya_text::{fold_key, sentences, tokenize};
//!
//! let article = "MEXICO CITY (Reuters) - Mexico's president rejected a U.S. strike. She spoke later.";
//! let spans = sentences(article);
//! assert_eq!(spans.len(), 2);
//! let first = spans[0];
//! let tokens = tokenize(&article[first.start..first.end], first.start);
//! assert!(tokens.iter().all(|t| &article[t.start..t.end] == t.text));
//! assert_eq!(fold_key("López Obrador"), "lopez obrador");
//! ```
//!
//! ## Offsets
//! All spans are byte ranges into the string that was passed in; [`tokenize`] adds `base` (the
//! sentence's offset in the article) so token offsets are article offsets. Spans never include
//! surrounding whitespace and always fall on char boundaries.
//!
//! ## Match keys — [`fold_key`]
//! Lowercase, whitespace collapsed, NFKD with diacritics dropped ("Cártel" → "cartel"), letters
//! without decomposition spelled out (`ß`→`ss`, `ø`→`o`, `æ`→`ae`), curly quotes → `'`/`"`,
//! dashes → `-`. ASCII has a fast path. Every [`Token::key`] is `fold_key(token.text)`, so a
//! dictionary folded with the same function matches accented and unaccented spellings alike.
//!
//! ## Normalization — [`normalize`]
//! Optional ingest pre-step (NFC, whitespace and line-ending cleanup). It changes byte lengths,
//! so it must run *before* the article text is stored; the coder works on the stored text as is.
//!
//! ## Paragraphs — [`paragraphs`]
//! Blank-line separated; a single newline inside a paragraph is not a break. Text with no blank
//! line at all is taken as one paragraph per line, unless it looks hard-wrapped (≥ 3 lines, all
//! ≤ 100 chars, most lines not ending in sentence punctuation), in which case it is one
//! paragraph. A line ending in a dash (a dateline such as "WASHINGTON —") joins the next line.
//!
//! ## Sentences — [`sentences`]
//! Sentences never cross a paragraph boundary. Inside a paragraph a boundary is a run of `.`,
//! `!`, `?` or `…`, extended over closing quotes and brackets (`He said "no." Then` splits after
//! the quote), and followed by whitespace (so "3.5", "U.S.-led", "reuters.com" never split).
//! Whether it splits depends on the mark and on the first word after it (opening quotes and
//! brackets skipped):
//! - `!` / `?`: split unless the next word is lowercase (`"Why?" he asked`).
//! - `...` / `…`: split only if the next word is capitalised.
//! - `.` after an ordinary word or a number: split unless the next word is lowercase.
//! - `.` after a known abbreviation, by class:
//!   - *prefixes* never end a sentence: titles ("Gen.", "Sen.", "Rep.", "Dr.", "Mr.", "Mrs."),
//!     months ("Jan."…"Dec.", "Sept."), "St.", "Mt.", "vs.", "e.g.", "i.e.", "approx.";
//!   - "No.", "Fig.", "Art." are prefixes only before a number ("No. 5");
//!   - *postpositive* ones ("Inc.", "Corp.", "Co.", "Ltd.", "Jr.", "Sr.", "a.m.", "p.m.",
//!     "etc.") end the sentence when the next word is capitalised and is not a weekday, month or
//!     time zone ("at 3 p.m. Tuesday" stays whole, "at 3 p.m. The crowd" splits);
//!   - *acronyms* — dotted forms ("U.S.", "U.N.", "D.C.", any "X.Y." of 1–3 letter segments),
//!     AP state abbreviations ("Calif.") and single capital initials ("J.", "W.") — end the
//!     sentence only when the next word is a capitalised function word ("The", "He", "But",
//!     "In"…). So "U.S. officials said" and "the U.S. Senate" stay whole while "in the U.S. The
//!     next day" splits; the known miss is an acronym followed by a sentence starting with a
//!     name ("…in the U.S. Mexico said…" is not split).
//!
//!   All-caps spellings of listed abbreviations count too ("ST. LOUIS (AP) —").
//! - Datelines ("MEXICO CITY (Reuters) - …", "WASHINGTON — …", "WASHINGTON, Sept. 4 (Reuters) -")
//!   contain no boundary by these rules, so they stay in the first sentence.
//!
//! ## Tokens — [`tokenize`]
//! English news rules, Penn-Treebank-like:
//! - punctuation `, ; : . ! ? " ' ( ) [ ] { }`, curly quotes and dashes are separate tokens;
//!   runs of periods ("...") and of ASCII hyphens ("--") are one token; `%`, `&`, `#`, emoji are
//!   [`TokenKind::Symbol`] tokens;
//! - hyphenated words stay whole ("al-Qaeda", "cross-border", "U.S.-led"); the coder can match
//!   the parts through [`Token::hyphen_parts`], which gives each part with its own offsets and key;
//! - possessive "'s"/"’s" and the plural possessive "'" ("Marines'") are split off as
//!   [`TokenKind::Possessive`] ("Gondor's" → "Gondor", "'s"); a trailing "s'" that closes an
//!   opening single quote is punctuation instead;
//! - contractions split as [`TokenKind::Clitic`]: "didn't" → "did" "n't", "won't" → "wo" "n't",
//!   "can't" → "ca" "n't", "they're" → "they" "'re", "it's" → "it" "'s"; "cannot" → "can" "not".
//!   [`Token::expanded_key`] maps these to "not", "will", "can", "are", "is"…;
//! - apostrophes inside names stay ("O'Brien");
//! - abbreviations keep their periods ("U.S.", "Gen.", "J.", "p.m.", "No." before a number),
//!   and a sentence-final period after one is not emitted twice ("to the U.S." ends with the
//!   token "U.S."); after an ordinary word or a number the period is its own token;
//! - numbers are one token with their separators and currency sign: "1,200", "3.5", "$5",
//!   "10:30", "2024-01-05", "24/7", "1990s", "'90s"; "%" is separate;
//! - combining marks, zero-width joiners and soft hyphens stay inside the token they follow;
//!   control characters, zero-width spaces and the BOM separate tokens and are dropped.
//!
//! Known gaps: no word segmentation for scripts written without spaces (Chinese, Japanese,
//! Thai): a run of such letters is one token.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod abbrev;
mod chars;
mod fold;
mod furniture;
mod paragraph;
mod sentence;
mod token;

pub use fold::{fold_key, normalize};
pub use furniture::furniture;
pub use paragraph::{paragraphs, Paragraph};
pub use sentence::{sentences, sentences_in, SentenceSpan};
pub use token::{tokenize, Token, TokenKind};
