//! Inputs (files, folders, stdin, URLs), format detection and bounded reading.

use crate::{feed, jsonl, Limits, Origin, RawBody, RawRecord, ReadOptions, Reason, SourceError};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The shape of an input's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
    Feed,
    /// Decided from the first bytes (stdin, URLs, unknown extensions).
    Sniff,
}

impl Format {
    /// The format a file extension stands for; `None` for extensions a folder walk skips.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "rss" | "atom" | "xml" => Format::Feed,
            _ => return None,
        })
    }

    /// Guesses the format from the first bytes of the content.
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = head.get(start..).unwrap_or_default();
        if head.starts_with(b"{") {
            return Format::Jsonl;
        }
        if head.starts_with(b"---") {
            return Format::Markdown;
        }
        if head.starts_with(b"<") {
            let lower: Vec<u8> = head.iter().take(2048).map(u8::to_ascii_lowercase).collect();
            let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
            if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
                return Format::Feed;
            }
            if has(b"<html") || has(b"<!doctype html") || has(b"<body") || has(b"<head") {
                return Format::Html;
            }
            if head.starts_with(b"<?xml") {
                return Format::Feed;
            }
            return Format::Html;
        }
        if head.starts_with(b"#") {
            return Format::Markdown;
        }
        Format::Text
    }
}

/// One input: a file (with its format), an http(s) URL, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf, Format),
    Url(String),
    Stdin,
}

impl Input {
    /// How errors name this input.
    pub fn name(&self) -> String {
        match self {
            Input::File(path, _) => path.display().to_string(),
            Input::Url(url) => url.clone(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// Splits this input into records; errors come out in place of the records they spoil.
    pub fn records(
        &self,
        options: &ReadOptions,
    ) -> Box<dyn Iterator<Item = Result<RawRecord, SourceError>> + Send> {
        let name = self.name();
        let limits = &options.limits;
        let forced = options.format;
        match self {
            Input::File(path, format) => match File::open(path) {
                Ok(file) => {
                    let size = file.metadata().ok().map(|meta| meta.len());
                    let reader = BufReader::new(file);
                    let format = forced.unwrap_or(*format);
                    records_from_reader(name, reader, format, None, size, limits)
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    error_once(name, Reason::NotFound)
                }
                Err(err) => error_once(name, Reason::Io(err)),
            },
            Input::Stdin => {
                let mut reader = BufReader::new(std::io::stdin());
                match reader.fill_buf() {
                    // Nothing on stdin (an empty pipe) is no articles, not a bad input.
                    Ok([]) => Box::new(std::iter::empty()),
                    Ok(_) => records_from_reader(
                        name,
                        reader,
                        forced.unwrap_or(Format::Sniff),
                        None,
                        None,
                        limits,
                    ),
                    Err(err) => error_once(name, Reason::Io(err)),
                }
            }
            Input::Url(url) => fetch_url(url, forced, limits),
        }
    }
}

#[cfg(feature = "http")]
fn fetch_url(
    url: &str,
    forced: Option<Format>,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<RawRecord, SourceError>> + Send> {
    match crate::fetch::get(url, limits.max_feed_bytes) {
        Ok(body) => {
            let format = forced.unwrap_or(match Format::sniff(&body) {
                Format::Html => Format::Html,
                Format::Feed => Format::Feed,
                Format::Jsonl => Format::Jsonl,
                _ => Format::Text,
            });
            let size = Some(body.len() as u64);
            records_from_reader(
                url.to_string(),
                BufReader::new(std::io::Cursor::new(body)),
                format,
                Some(url.to_string()),
                size,
                limits,
            )
        }
        Err(reason) => error_once(url.to_string(), reason),
    }
}

#[cfg(not(feature = "http"))]
fn fetch_url(
    url: &str,
    _forced: Option<Format>,
    _limits: &Limits,
) -> Box<dyn Iterator<Item = Result<RawRecord, SourceError>> + Send> {
    error_once(
        url.to_string(),
        Reason::Unsupported("built without the `http` feature".to_string()),
    )
}

fn error_once(
    name: String,
    reason: Reason,
) -> Box<dyn Iterator<Item = Result<RawRecord, SourceError>> + Send> {
    Box::new(std::iter::once(Err(SourceError::new(
        Origin::whole(name),
        reason,
    ))))
}

/// Splits an input held in memory (an HTTP request body) into records, as [`Input::records`]
/// splits a file of that format; `name` is how errors name it (`<request body>`).
pub fn records_from_bytes(
    name: impl Into<String>,
    bytes: Vec<u8>,
    format: Format,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<RawRecord, SourceError>> + Send> {
    let size = Some(bytes.len() as u64);
    records_from_reader(
        name.into(),
        std::io::Cursor::new(bytes),
        format,
        None,
        size,
        limits,
    )
}

fn records_from_reader<R: BufRead + Send + 'static>(
    name: String,
    mut reader: R,
    format: Format,
    url: Option<String>,
    size: Option<u64>,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<RawRecord, SourceError>> + Send> {
    let format = if format == Format::Sniff {
        match reader.fill_buf() {
            Ok(head) => Format::sniff(head),
            Err(err) => return error_once(name, Reason::Io(err)),
        }
    } else {
        format
    };
    match format {
        Format::Jsonl => Box::new(jsonl::JsonlRecords::new(
            name,
            reader,
            limits.max_document_bytes,
        )),
        Format::Feed => match read_bounded(reader, size, limits.max_feed_bytes, "feed") {
            Ok((content, repair)) => {
                let mut records = feed::records(&name, &content);
                if let (Some(repair), Some(Ok(first))) = (repair, records.first_mut()) {
                    first.warnings.push(format!("feed: {repair}"));
                }
                Box::new(records.into_iter())
            }
            Err(reason) => error_once(name, reason),
        },
        Format::Text | Format::Markdown | Format::Html | Format::Sniff => {
            match read_bounded(reader, size, limits.max_document_bytes, "document") {
                Ok((content, repair)) => {
                    let body = match format {
                        Format::Html => RawBody::Html { content, url },
                        Format::Markdown => RawBody::Text {
                            content,
                            markdown: true,
                        },
                        _ => RawBody::Text {
                            content,
                            markdown: false,
                        },
                    };
                    Box::new(std::iter::once(Ok(RawRecord {
                        origin: Origin::whole(name),
                        body,
                        warnings: repair.iter().map(ToString::to_string).collect(),
                    })))
                }
                Err(reason) => error_once(name, reason),
            }
        }
    }
}

/// Reads at most `limit` bytes and checks that they are non-empty text without NUL bytes,
/// replacing invalid UTF-8 (see [`text_from_bytes`]). `size` is the input's total size when
/// known (files), to reject it without reading.
pub(crate) fn read_bounded<R: Read>(
    reader: R,
    size: Option<u64>,
    limit: u64,
    what: &'static str,
) -> Result<(String, Option<Utf8Repair>), Reason> {
    if let Some(bytes) = size.filter(|&bytes| bytes > limit) {
        return Err(Reason::TooLarge { what, bytes, limit });
    }
    let mut bytes = Vec::new();
    // One byte past the limit tells "exactly at the limit" from "over it" without reading more.
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Reason::OverLimit { what, limit });
    }
    text_from_bytes(bytes)
}

/// Invalid UTF-8 that [`text_from_bytes`] replaced with U+FFFD: in how many places, and where
/// the first one was (1-based line, byte offset from the start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Utf8Repair {
    pub places: usize,
    pub line: usize,
    pub offset: usize,
    /// The text is one line of a larger input (a JSON line): the line number is the record's.
    pub within_line: bool,
}

impl std::fmt::Display for Utf8Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let places = if self.places == 1 {
            "1 place".to_string()
        } else {
            format!("{} places", self.places)
        };
        write!(
            f,
            "invalid UTF-8 replaced with U+FFFD in {places}, the first at "
        )?;
        if self.within_line {
            write!(f, "byte {} of the line", self.offset)
        } else {
            write!(f, "line {}, byte {}", self.line, self.offset)
        }
    }
}

/// Checks raw bytes for being text (no NUL, not empty), strips a BOM, and replaces each invalid
/// UTF-8 sequence with U+FFFD, saying where: one bad byte (a Latin-1 accent) costs one
/// character, not the article.
pub(crate) fn text_from_bytes(mut bytes: Vec<u8>) -> Result<(String, Option<Utf8Repair>), Reason> {
    if bytes.is_empty() {
        return Err(Reason::Empty);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Reason::Binary {
            offset: offset as u64,
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, None)),
        Err(err) => err.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    let mut first: Option<usize> = None;
    let mut places = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(offset);
            places += 1;
            text.push(char::REPLACEMENT_CHARACTER);
            offset += chunk.invalid().len();
        }
    }
    let offset = first.unwrap_or(0);
    let line = 1 + bytes
        .get(..offset)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    Ok((
        text,
        Some(Utf8Repair {
            places,
            line,
            offset,
            within_line: false,
        }),
    ))
}

/// Turns command-line inputs into [`Input`]s: `-` is stdin, `http://`/`https://` a URL, a folder
/// is walked recursively (sorted, hidden entries and unknown extensions skipped, symlinked
/// folders not followed), anything else is a file whose format comes from its extension or,
/// failing that, from its first bytes.
pub fn expand(inputs: &[String]) -> impl Iterator<Item = Result<Input, SourceError>> + '_ {
    inputs
        .iter()
        .flat_map(|arg| -> Vec<Result<Input, SourceError>> {
            if arg == "-" {
                return vec![Ok(Input::Stdin)];
            }
            let lower = arg.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                return vec![Ok(Input::Url(arg.clone()))];
            }
            let path = PathBuf::from(arg);
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    let mut found = Vec::new();
                    walk(&path, &mut found);
                    found
                }
                Ok(_) => {
                    let format = Format::from_extension(&path).unwrap_or(Format::Sniff);
                    vec![Ok(Input::File(path, format))]
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => vec![Err(
                    SourceError::new(Origin::whole(arg.clone()), Reason::NotFound),
                )],
                Err(err) => vec![Err(SourceError::new(
                    Origin::whole(arg.clone()),
                    Reason::Io(err),
                ))],
            }
        })
}

fn walk(dir: &Path, found: &mut Vec<Result<Input, SourceError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            found.push(Err(SourceError::new(
                Origin::whole(dir.display().to_string()),
                Reason::Io(err),
            )));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found.push(Err(SourceError::new(
                    Origin::whole(dir.display().to_string()),
                    Reason::Io(err),
                )));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // file_type() does not follow symlinks, so a link to a parent folder cannot loop.
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        paths.push((entry.path(), is_dir));
    }
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            walk(&path, found);
        } else if let Some(format) = Format::from_extension(&path) {
            found.push(Ok(Input::File(path, format)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats_from_first_bytes() {
        assert_eq!(Format::sniff(b"  {\"id\": 1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><rss>"), Format::Feed);
        assert_eq!(
            Format::sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(Format::sniff(b"Troops moved"), Format::Text);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let (text, repair) = text_from_bytes(b"one\ntwo\nthr\xffee \xe9t\xe9".to_vec())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, "one\ntwo\nthr\u{FFFD}ee \u{FFFD}t\u{FFFD}");
        assert_eq!(
            repair,
            Some(Utf8Repair {
                places: 3,
                line: 3,
                offset: 11,
                within_line: false
            })
        );
        let message = repair.map(|r| r.to_string()).unwrap_or_default();
        assert!(
            message.contains("3 places, the first at line 3, byte 11"),
            "{message}"
        );
        assert!(matches!(text_from_bytes(b"ok".to_vec()), Ok((_, None))));
    }

    #[test]
    fn bounded_read_rejects_oversize_without_reading_everything() {
        let endless = std::io::repeat(b'a');
        let err = read_bounded(endless, None, 1000, "document");
        assert!(matches!(err, Err(Reason::OverLimit { limit: 1000, .. })));
        let err = read_bounded(std::io::empty(), Some(5000), 1000, "document");
        assert!(matches!(
            err,
            Err(Reason::TooLarge {
                bytes: 5000,
                limit: 1000,
                ..
            })
        ));
    }
}
