//! Reading one dictionary file: decoding, comment removal, line numbers, and the small lexical
//! helpers (words, bracketed codes, phrases) that every PETRARCH file kind shares.
//!
//! Comments: `#` and `;` (TABARI heritage, seen in PETRARCH verb files) run to the end of the
//! line unless they sit inside a closed `[...]` (so `[###]` is a code, not a comment);
//! `<!-- ... -->` (also the misspelt `<! -- ... -->`) may span lines.

use crate::{DictError, Origin, Phrase, PhraseWord, Warning};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

/// The decoded text of one file and the name used in every [`Origin`] that points into it.
pub(crate) struct SourceText {
    pub file: Arc<str>,
    pub text: String,
}

impl SourceText {
    pub fn origin(&self, line: u32) -> Origin {
        Origin {
            file: Arc::clone(&self.file),
            line,
        }
    }

    /// Builds a source from text already in memory (tests, embedded dictionaries).
    #[cfg(test)]
    pub fn from_text(file: &str, text: &str) -> Self {
        SourceText {
            file: Arc::from(file),
            text: text.to_owned(),
        }
    }
}

pub(crate) fn warn(warnings: &mut Vec<Warning>, origin: Origin, message: impl Into<String>) {
    warnings.push(Warning {
        origin,
        message: message.into(),
    });
}

/// Reads and decodes a file. Unreadable files are errors; lines that are not UTF-8 are read as
/// Latin-1 (the legacy encoding of KEDS/TABARI-era dictionaries) with a warning naming the line.
pub(crate) fn read_source(
    path: &Path,
    warnings: &mut Vec<Warning>,
) -> Result<SourceText, DictError> {
    let bytes = std::fs::read(path).map_err(|source| DictError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file: Arc<str> = Arc::from(path.display().to_string());
    let text = decode(&bytes, &file, warnings);
    Ok(SourceText { file, text })
}

fn decode(bytes: &[u8], file: &Arc<str>, warnings: &mut Vec<Warning>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if index > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(valid) => text.push_str(valid),
            Err(_) => {
                warn(
                    warnings,
                    Origin {
                        file: Arc::clone(file),
                        line: line_number(index),
                    },
                    "line is not valid UTF-8: read as Latin-1",
                );
                text.extend(line.iter().map(|&b| char::from(b)));
            }
        }
    }
    text
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// A non-empty line with comments removed and surrounding whitespace trimmed.
pub(crate) struct Line<'a> {
    pub number: u32,
    pub text: Cow<'a, str>,
    /// A blank line (not a comment line) comes between the previous content line and this one.
    pub after_blank: bool,
}

/// All content lines of a file, in order. Control characters other than tab are removed with a
/// warning (one production actor file has stray `^Z` bytes inside names).
pub(crate) fn content_lines<'a>(src: &'a SourceText, warnings: &mut Vec<Warning>) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut open_comment: Option<u32> = None;
    let mut after_blank = false;
    for (index, raw) in src.text.split('\n').enumerate() {
        let number = line_number(index);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if open_comment.is_none() && raw.trim().is_empty() {
            after_blank = true;
            continue;
        }
        let stripped = strip_comments(raw, &mut open_comment, number);
        let trimmed = trim_cow(stripped);
        if trimmed.is_empty() {
            continue;
        }
        let text = if trimmed.chars().any(|c| c.is_control() && c != '\t') {
            warn(warnings, src.origin(number), "control character removed");
            Cow::Owned(
                trimmed
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\t')
                    .collect::<String>()
                    .trim()
                    .to_owned(),
            )
        } else {
            trimmed
        };
        if !text.is_empty() {
            lines.push(Line {
                number,
                text,
                after_blank,
            });
            after_blank = false;
        }
    }
    if let Some(start) = open_comment {
        warn(
            warnings,
            src.origin(start),
            "comment opened with `<!` is never closed with `-->`: the rest of the file was ignored",
        );
    }
    lines
}

fn trim_cow(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

enum CommentStart {
    /// `#` or `;`: to the end of the line.
    ToEndOfLine,
    /// `<!`: until `-->`.
    Markup,
}

fn strip_comments<'a>(line: &'a str, open_comment: &mut Option<u32>, number: u32) -> Cow<'a, str> {
    let mut pieces: Vec<&'a str> = Vec::new();
    let mut rest = line;
    loop {
        if open_comment.is_some() {
            match rest.find("-->") {
                Some(end) => {
                    *open_comment = None;
                    rest = &rest[end + 3..];
                }
                None => break,
            }
        }
        match find_comment_start(rest) {
            None => {
                pieces.push(rest);
                break;
            }
            Some((pos, CommentStart::ToEndOfLine)) => {
                pieces.push(&rest[..pos]);
                break;
            }
            Some((pos, CommentStart::Markup)) => {
                pieces.push(&rest[..pos]);
                *open_comment = Some(number);
                rest = &rest[pos + 2..];
            }
        }
    }
    match pieces.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        many => Cow::Owned(many.concat()),
    }
}

fn find_comment_start(s: &str) -> Option<(usize, CommentStart)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' => match s[i..].find(']') {
                Some(close) => i += close + 1,
                None => i += 1,
            },
            b'#' | b';' => return Some((i, CommentStart::ToEndOfLine)),
            b'<' if bytes.get(i + 1) == Some(&b'!') => return Some((i, CommentStart::Markup)),
            _ => i += 1,
        }
    }
    None
}

/// A word of a dictionary phrase and whether an underscore joined it to the previous word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawWord<'a> {
    pub text: &'a str,
    pub joined: bool,
}

/// Splits a phrase on blanks and underscores, remembering underscore connectors.
pub(crate) fn split_words(s: &str) -> Vec<RawWord<'_>> {
    let mut words = Vec::new();
    let mut joined = false;
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c == '_' || c.is_whitespace() {
            if let Some(begin) = start.take() {
                words.push(RawWord {
                    text: &s[begin..i],
                    joined,
                });
                joined = false;
            }
            if c == '_' {
                joined = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(begin) = start {
        words.push(RawWord {
            text: &s[begin..],
            joined,
        });
    }
    words
}

/// How connectors between words translate into [`PhraseWord::adjacent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Connectors {
    /// Blank and underscore both mean "consecutive" (actors, synset members, discards).
    AllAdjacent,
    /// Underscore means consecutive, blank allows words in between (agents, verb phrases).
    UnderscoreAdjacent,
}

/// Builds a phrase of folded keys; words that fold to nothing are dropped. `None` when no word
/// is left.
pub(crate) fn make_phrase<'w>(
    words: impl IntoIterator<Item = (&'w str, bool)>,
    connectors: Connectors,
) -> Option<Phrase> {
    let mut out: Vec<PhraseWord> = Vec::new();
    for (text, joined) in words {
        // The coder reads "Al-Qaeda" as the words "al" and "qaeda" (see the engine's
        // `words` module), so `AL-QAEDA` is those two words, one right after the other.
        for (k, part) in hyphen_parts(text).enumerate() {
            let key = atalaya_text::fold_key(part);
            if key.is_empty() {
                continue;
            }
            let adjacent =
                out.is_empty() || connectors == Connectors::AllAdjacent || joined || k > 0;
            out.push(PhraseWord {
                key,
                stem: false,
                adjacent,
                no_endings: false,
            });
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(Phrase { words: out })
    }
}

/// The parts of a word joined by inner hyphens ("AL-QAEDA"); a leading or trailing hyphen
/// ("ANTI-") stays with its word.
fn hyphen_parts(text: &str) -> impl Iterator<Item = &str> {
    let inner = text.trim_matches('-');
    let whole = inner.is_empty() || !inner.contains('-');
    let parts: Vec<&str> = if whole {
        vec![text]
    } else {
        inner.split('-').filter(|p| !p.is_empty()).collect()
    };
    parts.into_iter()
}

/// Phrase from raw words.
pub(crate) fn phrase_of(words: &[RawWord<'_>], connectors: Connectors) -> Option<Phrase> {
    make_phrase(words.iter().map(|w| (w.text, w.joined)), connectors)
}

/// Display form of a phrase as written: underscores become blanks, blanks collapse.
pub(crate) fn display_name(s: &str) -> String {
    split_words(s)
        .iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `[...]` group found on a line.
pub(crate) struct Bracketed<'a> {
    pub inner: &'a str,
}

/// Splits `text` into the part before the first `[` and the bracketed groups after it. Problems
/// (missing `]`, stray text between groups) are returned as messages.
pub(crate) fn split_brackets(text: &str) -> (&str, Vec<Bracketed<'_>>, Vec<String>) {
    let Some(first) = text.find('[') else {
        return (text, Vec::new(), Vec::new());
    };
    let head = &text[..first];
    let mut groups = Vec::new();
    let mut problems = Vec::new();
    let mut rest = &text[first..];
    while !rest.is_empty() {
        let Some(after_open) = rest.strip_prefix('[') else {
            let stray_end = rest.find('[').unwrap_or(rest.len());
            let stray = rest[..stray_end].trim();
            if !stray.is_empty() {
                problems.push(format!("text `{stray}` after a code ignored"));
            }
            rest = &rest[stray_end..];
            continue;
        };
        match after_open.find(']') {
            Some(close) => {
                groups.push(Bracketed {
                    inner: &after_open[..close],
                });
                rest = after_open[close + 1..].trim_start();
            }
            None => {
                problems.push(format!("`[{}` has no closing `]`", after_open.trim()));
                break;
            }
        }
    }
    (head, groups, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> (Vec<(u32, String)>, Vec<Warning>) {
        let src = SourceText::from_text("t.txt", text);
        let mut warnings = Vec::new();
        let lines = content_lines(&src, &mut warnings)
            .into_iter()
            .map(|l| (l.number, l.text.into_owned()))
            .collect();
        (lines, warnings)
    }

    #[test]
    fn comments_are_removed_but_codes_with_hashes_survive() {
        let (lines, warnings) = lines_of(
            "<!-- header -->\nA [###] # note\n<!-- multi\n# still comment\n-->\nB ; old style\n<! -- odd -->\n  C [X]  \n",
        );
        assert!(warnings.is_empty());
        assert_eq!(
            lines,
            vec![
                (2, "A [###]".to_owned()),
                (6, "B".to_owned()),
                (8, "C [X]".to_owned())
            ]
        );
    }

    #[test]
    fn unterminated_markup_comment_is_reported_at_its_start() {
        let (lines, warnings) = lines_of("A\n<!-- never closed\nB\n");
        assert_eq!(lines, vec![(1, "A".to_owned())]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].origin.line, 2);
    }

    #[test]
    fn latin1_lines_are_decoded_with_a_warning() {
        let file: Arc<str> = Arc::from("x");
        let mut warnings = Vec::new();
        let text = decode(b"OK\nCAF\xC9 [X]\n", &file, &mut warnings);
        assert_eq!(text, "OK\nCAF\u{c9} [X]\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].origin.line, 2);
    }

    #[test]
    fn words_remember_underscore_connectors() {
        let words = split_words("A_B C  _D__E");
        let got: Vec<_> = words.iter().map(|w| (w.text, w.joined)).collect();
        assert_eq!(
            got,
            vec![
                ("A", false),
                ("B", true),
                ("C", false),
                ("D", true),
                ("E", true)
            ]
        );
    }

    #[test]
    fn brackets_are_split_and_problems_reported() {
        let (head, groups, problems) = split_brackets("NAME  [A 1-2] junk [B");
        assert_eq!(head, "NAME  ");
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].inner, "A 1-2");
        assert_eq!(problems.len(), 2);
    }
}
