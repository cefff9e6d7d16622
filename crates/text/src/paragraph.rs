//! Paragraph splitting.
//!
//! The text is first cut into lines (content spans without their terminators), then lines are
//! grouped into paragraphs by the rule documented on [`paragraphs`].

use serde::{Deserialize, Serialize};

use crate::chars::{is_closer, is_space_like, slice, trim_span};

/// A paragraph: byte span `start..end` in the original text, without surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Paragraph {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

impl Paragraph {
    /// The paragraph's text within `source` (the string it was computed from); `""` if the
    /// span does not fit `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        slice(source, self.start, self.end)
    }
}

/// One line of the input: content span (terminator excluded) and what ended it.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Only whitespace or invisible characters.
    blank: bool,
    /// Ended by U+2029 (paragraph separator) or a form feed: always a paragraph break.
    hard_break: bool,
}

/// Longest line (in chars) that still counts as hard-wrapped.
const WRAP_WIDTH: usize = 100;

/// Splits `text` into paragraphs.
///
/// Rule:
/// 1. Lines end at `\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029 or form feed. A line holding only
///    whitespace is *blank*. U+2029 and form feed always end a paragraph.
/// 2. If the text contains a blank line between two non-blank lines (or a hard break), paragraphs
///    are the runs of non-blank lines between blank lines; a single newline inside a run is not a
///    break.
/// 3. Otherwise (no blank lines at all) every line is its own paragraph — the common shape of
///    text extracted from HTML or feeds — with two exceptions:
///    - *hard-wrapped text*: with at least three lines, none longer than 100 characters, and
///      fewer than half of the non-final lines ending in sentence punctuation (`.`, `!`, `?`,
///      `:`, `;`, `…`, possibly followed by quotes or brackets), the whole text is one paragraph;
///    - a line ending in a dash (`-`, `–`, `—`), such as a dateline "WASHINGTON —", is joined to
///      the line after it.
///
/// Spans exclude surrounding whitespace; empty and whitespace-only text gives no paragraphs.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = split_lines(text);
    let mut out = Vec::new();

    let has_separator = {
        let mut seen_content = false;
        let mut gap = false;
        let mut found = false;
        for line in &lines {
            if line.blank {
                gap |= seen_content;
            } else {
                if gap {
                    found = true;
                    break;
                }
                seen_content = true;
            }
            if line.hard_break && seen_content {
                gap = true;
            }
        }
        found
    };

    if has_separator {
        let mut block_start: Option<usize> = None;
        let mut block_end = 0;
        for line in &lines {
            if !line.blank {
                block_start.get_or_insert(line.start);
                block_end = line.end;
            }
            if line.blank || line.hard_break {
                if let Some(start) = block_start.take() {
                    push_trimmed(text, start, block_end, &mut out);
                }
            }
        }
        if let Some(start) = block_start {
            push_trimmed(text, start, block_end, &mut out);
        }
        return out;
    }

    let content: Vec<Line> = lines.into_iter().filter(|l| !l.blank).collect();
    let (Some(first), Some(last)) = (content.first(), content.last()) else {
        return out;
    };
    if looks_hard_wrapped(text, &content) {
        push_trimmed(text, first.start, last.end, &mut out);
        return out;
    }
    let mut pending: Option<usize> = None;
    for line in &content {
        let start = *pending.get_or_insert(line.start);
        if ends_with_dash(slice(text, line.start, line.end)) {
            continue;
        }
        push_trimmed(text, start, line.end, &mut out);
        pending = None;
    }
    if let Some(start) = pending {
        push_trimmed(text, start, last.end, &mut out);
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Paragraph>) {
    let (start, end) = trim_span(text, start, end);
    if start < end {
        out.push(Paragraph { start, end });
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut blank = true;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let (is_break, hard_break) = match c {
            '\n' | '\u{0085}' | '\u{2028}' | '\u{000B}' => (true, false),
            '\r' => {
                if let Some(&(_, '\n')) = iter.peek() {
                    iter.next();
                }
                (true, false)
            }
            '\u{2029}' | '\u{000C}' => (true, true),
            _ => (false, false),
        };
        if is_break {
            lines.push(Line {
                start: line_start,
                end: i,
                blank,
                hard_break,
            });
            line_start = iter.peek().map_or(text.len(), |&(j, _)| j);
            blank = true;
        } else if blank && !is_space_like(c) {
            blank = false;
        }
    }
    if line_start < text.len() {
        lines.push(Line {
            start: line_start,
            end: text.len(),
            blank,
            hard_break: false,
        });
    }
    lines
}

fn looks_hard_wrapped(text: &str, lines: &[Line]) -> bool {
    if lines.len() < 3 {
        return false;
    }
    let mut terminal = 0;
    for (n, line) in lines.iter().enumerate() {
        let content = slice(text, line.start, line.end).trim_matches(is_space_like);
        if content.chars().count() > WRAP_WIDTH {
            return false;
        }
        if n + 1 < lines.len() && ends_with_terminal(content) {
            terminal += 1;
        }
    }
    terminal * 2 < lines.len() - 1
}

fn ends_with_terminal(line: &str) -> bool {
    let core = line.trim_end_matches(is_closer);
    matches!(
        core.chars().next_back(),
        Some('.' | '!' | '?' | ':' | ';' | '\u{2026}')
    )
}

fn ends_with_dash(line: &str) -> bool {
    matches!(
        line.trim_end_matches(is_space_like).chars().next_back(),
        Some('-' | '\u{2013}' | '\u{2014}')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|p| p.text(text)).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "  First line\ncontinues here.\n\n\nSecond one.\n \t\nThird.\n";
        assert_eq!(
            texts(text),
            ["First line\ncontinues here.", "Second one.", "Third."]
        );
    }

    #[test]
    fn crlf_blank_lines() {
        let text = "Uno.\r\n\r\nDos.\r\n";
        assert_eq!(texts(text), ["Uno.", "Dos."]);
        let paras = paragraphs(text);
        assert_eq!(paras[1], Paragraph { start: 8, end: 12 });
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let text = "Mexico rejects strikes\nThe president spoke on Tuesday.\nShe said no.";
        assert_eq!(
            texts(text),
            [
                "Mexico rejects strikes",
                "The president spoke on Tuesday.",
                "She said no."
            ]
        );
    }

    #[test]
    fn hard_wrapped_text_is_one_paragraph() {
        let text = "The minister told reporters on Monday that the\n\
                    government would not accept any foreign troops on\n\
                    its soil under any circumstances, and that talks\n\
                    would continue.";
        assert_eq!(paragraphs(text).len(), 1);
        assert_eq!(paragraphs(text)[0].end, text.len());
    }

    #[test]
    fn dateline_line_joins_next_line() {
        let text = "WASHINGTON —\nThe Pentagon said nothing.\nOfficials declined to comment.";
        assert_eq!(
            texts(text),
            [
                "WASHINGTON —\nThe Pentagon said nothing.",
                "Officials declined to comment."
            ]
        );
    }

    #[test]
    fn paragraph_separator_character() {
        let text = "Uno.\u{2029}Dos.";
        assert_eq!(texts(text), ["Uno.", "Dos."]);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\n\t \r\n").is_empty());
        assert_eq!(texts("\n\n  solo  \n\n"), ["solo"]);
    }

    #[test]
    fn multibyte_offsets() {
        let text = "Sheinbaum dijo que México no aceptará.\n\nÉl habló después.";
        let paras = paragraphs(text);
        assert_eq!(paras.len(), 2);
        assert_eq!(&text[paras[1].start..paras[1].end], "Él habló después.");
    }
}
