//! Sentence splitting.
//!
//! A single forward scan per paragraph looks for runs of terminal marks (`.`, `!`, `?`, `…`),
//! extends them over closing quotes and brackets, and decides at each candidate from the word
//! before the mark (abbreviation tables in `abbrev`) and the first word after it.
//! All look-behind and look-ahead is bounded, so the scan is linear in the text length.

use serde::{Deserialize, Serialize};

use crate::abbrev::{classify, is_sentence_starter, is_time_word, AbbrevClass};
use crate::chars::{char_at, char_before, is_closer, is_opener, is_space_like, slice, trim_span};
use crate::paragraph::paragraphs;

/// A sentence: byte span `start..end` in the original text, without surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SentenceSpan {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character (after any closing quote or bracket).
    pub end: usize,
}

impl SentenceSpan {
    /// The sentence's text within `source` (the string it was computed from); `""` if the span
    /// does not fit `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        slice(source, self.start, self.end)
    }
}

/// Longest word (bytes) looked at before a period when deciding whether it is an abbreviation.
const MAX_WORD_BEFORE: usize = 24;
/// Longest word (bytes) looked at after a candidate boundary.
const MAX_WORD_AFTER: usize = 24;

/// Splits `text` into sentences; see the crate documentation for the rules.
///
/// Sentences never cross paragraph boundaries ([`crate::paragraphs`]), are in text order, do
/// not overlap, and exclude surrounding whitespace.
pub fn sentences(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_span(text, para.start, para.end, &mut out);
    }
    out
}

/// Splits the span `start..end` of `text` (normally one paragraph) into sentences, without
/// looking for paragraph breaks. Offsets are offsets into `text`. An invalid span gives no
/// sentences.
pub fn sentences_in(text: &str, start: usize, end: usize) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    if text.get(start..end).is_some() {
        split_span(text, start, end, &mut out);
    }
    out
}

/// What ended a run of terminal marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// One period.
    Period,
    /// Two or more periods or a `…`.
    Ellipsis,
    /// The run contains `!` or `?`.
    Strong,
}

/// First word after a candidate boundary.
#[derive(Debug, Clone, Copy)]
struct NextWord<'a> {
    first: char,
    /// Leading alphanumeric run, at most [`MAX_WORD_AFTER`] bytes.
    word: &'a str,
}

fn split_span(text: &str, start: usize, end: usize, out: &mut Vec<SentenceSpan>) {
    let bytes = text.as_bytes();
    let mut sentence_start = start;
    let mut i = start;
    while i < end {
        let b = bytes.get(i).copied().unwrap_or(0);
        let is_mark = matches!(b, b'.' | b'!' | b'?') || (b == 0xE2 && is_ellipsis_char(bytes, i));
        if !is_mark {
            i += 1;
            continue;
        }
        // Run of terminal marks.
        let run_start = i;
        let mut periods = 0usize;
        let mut terminal = Terminal::Period;
        while i < end {
            match bytes.get(i) {
                Some(b'.') => {
                    periods += 1;
                    i += 1;
                }
                Some(b'!' | b'?') => {
                    terminal = Terminal::Strong;
                    i += 1;
                }
                Some(0xE2) if is_ellipsis_char(bytes, i) => {
                    if terminal != Terminal::Strong {
                        terminal = Terminal::Ellipsis;
                    }
                    i += 3;
                }
                _ => break,
            }
        }
        if terminal == Terminal::Period && periods >= 2 {
            terminal = Terminal::Ellipsis;
        }
        // Closing quotes and brackets stay with the sentence.
        let mut boundary = i;
        while boundary < end {
            match char_at(text, boundary) {
                Some(c) if is_closer(c) => boundary += c.len_utf8(),
                _ => break,
            }
        }
        // A boundary needs whitespace (or the end of the span) after it: "3.5", "U.S.-led",
        // "example.com" and "!)," never split.
        let followed_by_space =
            boundary >= end || char_at(text, boundary).is_some_and(is_space_like);
        if !followed_by_space {
            i = boundary.max(i);
            continue;
        }
        let split = match next_word(text, boundary, end) {
            None => true,
            Some(next) => decide(text, run_start, terminal, next),
        };
        if split {
            push_sentence(text, sentence_start, boundary, out);
            sentence_start = boundary;
        }
        i = boundary;
    }
    push_sentence(text, sentence_start, end, out);
}

fn is_ellipsis_char(bytes: &[u8], i: usize) -> bool {
    bytes.get(i..i + 3) == Some(&[0xE2, 0x80, 0xA6][..])
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<SentenceSpan>) {
    let (start, end) = trim_span(text, start, end);
    if start < end {
        out.push(SentenceSpan { start, end });
    }
}

/// Skips whitespace and opening punctuation after `pos` and reads the first word.
/// `None` when nothing but whitespace and punctuation remains before `end`.
fn next_word(text: &str, mut pos: usize, end: usize) -> Option<NextWord<'_>> {
    while pos < end {
        let c = char_at(text, pos)?;
        if is_space_like(c) || is_opener(c) {
            pos += c.len_utf8();
            continue;
        }
        let mut word_end = pos;
        while word_end < end && word_end - pos < MAX_WORD_AFTER {
            match char_at(text, word_end) {
                Some(w) if w.is_alphanumeric() => word_end += w.len_utf8(),
                _ => break,
            }
        }
        return Some(NextWord {
            first: c,
            word: slice(text, pos, word_end),
        });
    }
    None
}

/// The word right before a period: the run of letters, digits, periods and combining marks
/// ending at `period` (leading periods removed). Empty when a quote or bracket precedes the
/// period, or when the run is too long to be an abbreviation.
fn word_before(text: &str, period: usize) -> &str {
    let mut start = period;
    while let Some(c) = char_before(text, start) {
        if c.is_alphanumeric() || c == '.' || crate::chars::is_word_continuer(c) {
            start -= c.len_utf8();
            if period - start > MAX_WORD_BEFORE {
                return "";
            }
        } else {
            break;
        }
    }
    slice(text, start, period).trim_start_matches('.')
}

fn decide(text: &str, run_start: usize, terminal: Terminal, next: NextWord<'_>) -> bool {
    let starts_lower = next.first.is_lowercase();
    let starts_upper = next.first.is_uppercase();
    match terminal {
        // "Why?" he asked.  /  "Stop!" Then…
        Terminal::Strong => !starts_lower,
        // "He paused... Then" splits; "the ... president" does not.
        Terminal::Ellipsis => starts_upper,
        Terminal::Period => {
            let word = word_before(text, run_start);
            let class = if word.bytes().any(|b| b.is_ascii_digit()) {
                None // "3.5." or "2024." is a number, never an abbreviation
            } else {
                classify(word)
            };
            match class {
                Some(AbbrevClass::Prefix) => false,
                Some(AbbrevClass::BeforeNumber) if next.first.is_numeric() => false,
                Some(AbbrevClass::BeforeNumber) | None => !starts_lower,
                Some(AbbrevClass::Postpositive) => starts_upper && !is_time_word(next.word),
                Some(AbbrevClass::Acronym) => is_sentence_starter(next.word),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let spans = sentences(text);
        for s in &spans {
            assert_eq!(text.get(s.start..s.end), Some(s.text(text)));
        }
        spans.iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn basic_split_and_whitespace_trimming() {
        assert_eq!(
            split("  The talks ended.  Both sides left.\n"),
            ["The talks ended.", "Both sides left."]
        );
        let text = "One. Two.";
        assert_eq!(
            sentences(text),
            [
                SentenceSpan { start: 0, end: 4 },
                SentenceSpan { start: 5, end: 9 }
            ]
        );
    }

    #[test]
    fn titles_and_initials_do_not_split() {
        assert_eq!(
            split("Gen. Ana Ruiz met Sen. Mark Tole and Rep. Li Wu. Dr. Mora and Mr. and Mrs. Pike came too."),
            [
                "Gen. Ana Ruiz met Sen. Mark Tole and Rep. Li Wu.",
                "Dr. Mora and Mr. and Mrs. Pike came too."
            ]
        );
        assert_eq!(
            split("J. Smith spoke after George W. Bush left. The hall emptied."),
            [
                "J. Smith spoke after George W. Bush left.",
                "The hall emptied."
            ]
        );
        assert_eq!(
            split("They met in St. Paul on Sept. 5 and again on Jan. 10. Nothing changed."),
            [
                "They met in St. Paul on Sept. 5 and again on Jan. 10.",
                "Nothing changed."
            ]
        );
    }

    #[test]
    fn acronyms_split_only_before_sentence_starters() {
        assert_eq!(
            split("U.S. officials said the U.N. Security Council would meet."),
            ["U.S. officials said the U.N. Security Council would meet."]
        );
        assert_eq!(
            split("The envoy flew back to the U.S. The next day, talks resumed."),
            [
                "The envoy flew back to the U.S.",
                "The next day, talks resumed."
            ]
        );
        assert_eq!(
            split("It was filed in Washington, D.C. He declined to comment."),
            [
                "It was filed in Washington, D.C.",
                "He declined to comment."
            ]
        );
        assert_eq!(
            split("She backed the U.S. Senate bill."),
            ["She backed the U.S. Senate bill."]
        );
    }

    #[test]
    fn postpositive_abbreviations() {
        assert_eq!(
            split("The blast came at 3 p.m. Tuesday, police said. At 5 p.m. The crowd left."),
            [
                "The blast came at 3 p.m. Tuesday, police said.",
                "At 5 p.m.",
                "The crowd left."
            ]
        );
        assert_eq!(
            split("Shares of Acme Inc. fell. The deal closed at Acme Corp. Its chief quit at 9 a.m. Mexico reacted."),
            [
                "Shares of Acme Inc. fell.",
                "The deal closed at Acme Corp.",
                "Its chief quit at 9 a.m.",
                "Mexico reacted."
            ]
        );
        assert_eq!(
            split("Tools, pumps, etc. were seized."),
            ["Tools, pumps, etc. were seized."]
        );
    }

    #[test]
    fn numbers_vs_and_no() {
        assert_eq!(
            split("Inflation hit 3.5 percent in No. 2 city vs. 2.1 percent. It eased."),
            [
                "Inflation hit 3.5 percent in No. 2 city vs. 2.1 percent.",
                "It eased."
            ]
        );
        assert_eq!(
            split("The answer was No. Then they left."),
            ["The answer was No.", "Then they left."]
        );
        assert_eq!(
            split("Growth was 3.5. Mexico disagreed."),
            ["Growth was 3.5.", "Mexico disagreed."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("He paused... Then he left. It was... odd … really. Fin…"),
            [
                "He paused...",
                "Then he left.",
                "It was... odd … really.",
                "Fin…"
            ]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_sentence() {
        assert_eq!(
            split("He said \"no.\" Then he left."),
            ["He said \"no.\"", "Then he left."]
        );
        assert_eq!(
            split("She said “we will not allow it.” The minister agreed. (It was late.) Done."),
            [
                "She said “we will not allow it.”",
                "The minister agreed.",
                "(It was late.)",
                "Done."
            ]
        );
        assert_eq!(
            split("He said \"no\". Then silence."),
            ["He said \"no\".", "Then silence."]
        );
    }

    #[test]
    fn question_and_exclamation_marks() {
        assert_eq!(
            split("Will they strike? Nobody knows! \"Why?\" he asked. What now?!"),
            [
                "Will they strike?",
                "Nobody knows!",
                "\"Why?\" he asked.",
                "What now?!"
            ]
        );
    }

    #[test]
    fn datelines_stay_in_the_first_sentence() {
        assert_eq!(
            split("MEXICO CITY (Reuters) - Mexico's president rejected any U.S. strike on Tuesday. She spoke in the capital."),
            [
                "MEXICO CITY (Reuters) - Mexico's president rejected any U.S. strike on Tuesday.",
                "She spoke in the capital."
            ]
        );
        assert_eq!(
            split("WASHINGTON — The Pentagon said nothing. ST. LOUIS (AP) — Police left."),
            [
                "WASHINGTON — The Pentagon said nothing.",
                "ST. LOUIS (AP) — Police left."
            ]
        );
        assert_eq!(
            split("WASHINGTON, Sept. 4 (Reuters) - Talks began."),
            ["WASHINGTON, Sept. 4 (Reuters) - Talks began."]
        );
    }

    #[test]
    fn never_spans_a_blank_line() {
        assert_eq!(
            split("Headline without period\n\nFirst sentence. Second\nline of it."),
            [
                "Headline without period",
                "First sentence.",
                "Second\nline of it."
            ]
        );
    }

    #[test]
    fn multibyte_text() {
        let text =
            "Sheinbaum dijo que México rechaza la intervención. ¿Habrá acuerdo? Él no respondió.";
        assert_eq!(
            split(text),
            [
                "Sheinbaum dijo que México rechaza la intervención.",
                "¿Habrá acuerdo?",
                "Él no respondió."
            ]
        );
    }

    #[test]
    fn no_split_without_space_after_mark() {
        assert_eq!(
            split("Visit reuters.com.mx today.The end"),
            ["Visit reuters.com.mx today.The end"]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            split("The est. cost rose. approx. five."),
            ["The est. cost rose. approx. five."]
        );
    }

    #[test]
    fn sentences_in_span() {
        let text = "Intro. A. B. The rest.";
        let spans = sentences_in(text, 7, text.len());
        let got: Vec<&str> = spans.iter().map(|s| s.text(text)).collect();
        assert_eq!(got, ["A. B.", "The rest."]);
        assert!(sentences_in(text, 5, 200).is_empty());
    }

    #[test]
    fn empty_inputs() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t ").is_empty());
        assert_eq!(split("..."), ["..."]);
        assert_eq!(split(". . ."), [".", ".", "."]);
    }
}
