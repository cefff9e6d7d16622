//! Reading TABARI files into numbered lines, and cutting one dictionary line into its phrase,
//! its bracketed code groups and its comment.

use crate::{DictError, Origin, Warning};
use std::path::Path;
use std::sync::Arc;

/// One physical line of a source file, decoded, without its line terminator.
pub(crate) struct SourceLine {
    /// 1-based line number.
    pub number: u32,
    pub text: String,
}

/// Reads a whole file. Unreadable files are errors naming the file; lines that are not UTF-8
/// (TABARI files are often Latin-1 or Mac Roman) are decoded lossily with a warning each.
pub(crate) fn read_source(
    path: &Path,
    warnings: &mut Vec<Warning>,
) -> Result<(Arc<str>, Vec<SourceLine>), DictError> {
    let bytes = std::fs::read(path).map_err(|source| DictError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file: Arc<str> = Arc::from(path.display().to_string());
    let lines = decode_lines(&bytes, &file, warnings);
    Ok((file, lines))
}

/// Splits bytes into lines: `\n` (with an optional `\r` before it) when the file has any `\n`,
/// else classic-Mac `\r`. A UTF-8 byte-order mark is dropped.
pub(crate) fn decode_lines(
    bytes: &[u8],
    file: &Arc<str>,
    warnings: &mut Vec<Warning>,
) -> Vec<SourceLine> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let separator = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut lines = Vec::new();
    for (index, raw) in bytes.split(|&b| b == separator).enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                warnings.push(warning(
                    file,
                    number,
                    "line is not valid UTF-8 (legacy Latin-1 or Mac Roman text?); decoded with \
                     replacement characters",
                ));
                String::from_utf8_lossy(raw).into_owned()
            }
        };
        lines.push(SourceLine { number, text });
    }
    lines
}

pub(crate) fn origin(file: &Arc<str>, line: u32) -> Origin {
    Origin {
        file: Arc::clone(file),
        line,
    }
}

pub(crate) fn warning(file: &Arc<str>, line: u32, message: impl Into<String>) -> Warning {
    Warning {
        origin: origin(file, line),
        message: message.into(),
    }
}

/// How a trimmed dictionary line starts, for the checks every TABARI dictionary shares.
pub(crate) enum LineStart {
    /// Blank, or a `#` / `/` comment line.
    Skip,
    /// `~FINISH` (any line starting with `~`): nothing after it is read.
    Finish,
    /// `<TAG>` or `</TAG>` section marker.
    Tag,
    Content,
}

pub(crate) fn line_start(trimmed: &str) -> LineStart {
    match trimmed.chars().next() {
        None | Some('#') | Some('/') => LineStart::Skip,
        Some('~') => LineStart::Finish,
        Some('<') => LineStart::Tag,
        Some(_) => LineStart::Content,
    }
}

/// A dictionary line cut into `PHRASE [CODE] [CODE] ; comment`.
pub(crate) struct EntryLine<'a> {
    /// The phrase, trimmed (may be empty on code-only continuation lines).
    pub phrase: &'a str,
    /// The text inside each `[...]`, in order, untrimmed.
    pub codes: Vec<&'a str>,
    /// Harmless oddities (text after the codes) to report as warnings.
    pub notes: Vec<String>,
}

/// Cuts a line; `Err` when its brackets are unbalanced (TABARI rejects such lines).
pub(crate) fn split_entry(line: &str) -> Result<EntryLine<'_>, String> {
    let body = line.split(';').next().unwrap_or(line);
    let (phrase, mut rest) = match body.find('[') {
        Some(open) => body.split_at(open),
        None => (body, ""),
    };
    if phrase.contains(']') {
        return Err("`]` without a matching `[`".to_owned());
    }
    let mut codes = Vec::new();
    let mut notes = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(inside) = rest.strip_prefix('[') {
            let Some(close) = inside.find(']') else {
                return Err("missing `]`".to_owned());
            };
            let (code, after) = inside.split_at(close);
            codes.push(code);
            rest = after.strip_prefix(']').unwrap_or(after);
        } else {
            let junk_end = rest.find('[').unwrap_or(rest.len());
            let (junk, after) = rest.split_at(junk_end);
            notes.push(format!("text `{}` after a code is ignored", junk.trim()));
            rest = after;
        }
    }
    Ok(EntryLine {
        phrase: phrase.trim(),
        codes,
        notes,
    })
}

/// The line without its `;` comment, trimmed: what `Pattern::text` reports.
pub(crate) fn without_comment(line: &str) -> &str {
    line.split(';').next().unwrap_or(line).trim()
}

/// TABARI reads every hyphen in a dictionary phrase as an underscore connector (manual 5.2:
/// the text side turns hyphens into blanks, so `AL-GORE` must match "Al-Gore" and "Al Gore").
pub(crate) fn dehyphenate(phrase: &str) -> String {
    phrase.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_crlf_lf_and_cr() {
        let file: Arc<str> = Arc::from("t");
        let mut w = Vec::new();
        let l = decode_lines(b"A\r\nB\nC", &file, &mut w);
        assert_eq!(
            l.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["A", "B", "C"]
        );
        let l = decode_lines(b"A\rB\r", &file, &mut w);
        assert_eq!(l.len(), 3);
        assert_eq!(l[1].text, "B");
        assert!(w.is_empty());
    }

    #[test]
    fn invalid_utf8_warns_with_line_number() {
        let file: Arc<str> = Arc::from("t");
        let mut w = Vec::new();
        let l = decode_lines(b"OK\nCAF\xc9 [X]\n", &file, &mut w);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].origin.line, 2);
        assert!(l[1].text.starts_with("CAF\u{fffd}"));
    }

    #[test]
    fn entry_line_parts() {
        let e = split_entry("ALBRIGHT  [USAGOV 991201-010114] [---] ;ems").unwrap();
        assert_eq!(e.phrase, "ALBRIGHT");
        assert_eq!(e.codes, ["USAGOV 991201-010114", "---"]);
        assert!(e.notes.is_empty());
        let e = split_entry("GOLLUM ; no code here [X]").unwrap();
        assert_eq!(e.phrase, "GOLLUM");
        assert!(e.codes.is_empty());
        let e = split_entry("REJECT [111!]}").unwrap();
        assert_eq!(e.codes, ["111!"]);
        assert_eq!(e.notes.len(), 1);
        assert!(split_entry("BAD [X").is_err());
        assert!(split_entry("BAD X]").is_err());
    }
}
