//! JSON Lines: one article object per line (`id`, `text`, optional `published`, `url`, `outlet`,
//! `title`, `lang`), read line by line with a bound on the line length so that a giant or
//! newline-free file cannot exhaust memory.

use crate::input::{text_from_bytes, Utf8Repair};
use crate::{dates, Origin, RawBody, RawRecord, Reason, RecordPos, SourceError};
use atalaya_engine::record::Article;
use serde::Deserialize;
use std::io::BufRead;

/// Iterator over the non-blank lines of a JSON Lines stream.
pub(crate) struct JsonlRecords<R> {
    name: String,
    reader: R,
    line_no: usize,
    max_line_bytes: u64,
    done: bool,
}

impl<R: BufRead> JsonlRecords<R> {
    pub(crate) fn new(name: String, reader: R, max_line_bytes: u64) -> Self {
        JsonlRecords {
            name,
            reader,
            line_no: 0,
            max_line_bytes,
            done: false,
        }
    }

    /// Reads one line (without its `\n`), keeping at most `max_line_bytes`; returns the bytes
    /// kept and the full length seen. `None` at end of input.
    fn next_line(&mut self) -> std::io::Result<Option<(Vec<u8>, u64)>> {
        let mut kept = Vec::new();
        let mut total: u64 = 0;
        let mut saw_any = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(saw_any.then_some((kept, total)));
            }
            saw_any = true;
            let (chunk, consumed, ended) = match buf.iter().position(|&b| b == b'\n') {
                Some(pos) => (buf.get(..pos).unwrap_or_default(), pos + 1, true),
                None => (buf, buf.len(), false),
            };
            total += chunk.len() as u64;
            if total <= self.max_line_bytes {
                kept.extend_from_slice(chunk);
            }
            self.reader.consume(consumed);
            if ended {
                return Ok(Some((kept, total)));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlRecords<R> {
    type Item = Result<RawRecord, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            if self.line_no == 0 {
                // A binary file would otherwise give one error per "line"; report it once.
                if let Ok(head) = self.reader.fill_buf() {
                    if let Some(offset) = head.iter().position(|&b| b == 0) {
                        self.done = true;
                        return Some(Err(SourceError::new(
                            Origin::whole(self.name.clone()),
                            Reason::Binary {
                                offset: offset as u64,
                            },
                        )));
                    }
                }
            }
            let line = self.next_line();
            self.line_no += 1;
            let origin = Origin::at(self.name.clone(), RecordPos::Line(self.line_no));
            let (bytes, total) = match line {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    if self.line_no == 1 {
                        return Some(Err(SourceError::new(
                            Origin::whole(self.name.clone()),
                            Reason::Empty,
                        )));
                    }
                    return None;
                }
                Err(err) => {
                    // A read error (not a bad line) means the rest of the stream is unusable.
                    self.done = true;
                    return Some(Err(SourceError::new(origin, Reason::Io(err))));
                }
            };
            if total > self.max_line_bytes {
                return Some(Err(SourceError::new(
                    origin,
                    Reason::TooLarge {
                        what: "JSON line",
                        bytes: total,
                        limit: self.max_line_bytes,
                    },
                )));
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match text_from_bytes(bytes) {
                Ok((line, repair)) => Ok(RawRecord {
                    origin,
                    body: RawBody::JsonLine(line),
                    // Within one line, the line of the repair is the record's own.
                    warnings: repair
                        .map(|repair| {
                            Utf8Repair {
                                within_line: true,
                                ..repair
                            }
                            .to_string()
                        })
                        .into_iter()
                        .collect(),
                }),
                Err(reason) => Err(SourceError::new(origin, reason)),
            });
        }
    }
}

/// Accepts ids given as strings or numbers.
#[derive(Deserialize)]
#[serde(untagged)]
enum JsonId {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<JsonId>,
    text: Option<String>,
    #[serde(alias = "date")]
    published: Option<String>,
    url: Option<String>,
    #[serde(alias = "source")]
    outlet: Option<String>,
    title: Option<String>,
    lang: Option<String>,
}

/// Parses one JSON line into an article (id may be empty: the caller derives one).
pub(crate) fn parse(line: &str) -> Result<Article, Reason> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|err| Reason::Json(err.to_string()))?;
    if !value.is_object() {
        return Err(Reason::Json("expected an object".to_string()));
    }
    let record: JsonArticle =
        serde_json::from_value(value).map_err(|err| Reason::BadField(err.to_string()))?;
    let text = record.text.ok_or(Reason::MissingText)?;
    let id = match record.id {
        Some(JsonId::Text(id)) => id.trim().to_string(),
        Some(JsonId::Number(n)) => n.to_string(),
        None => String::new(),
    };
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Article {
        id,
        url: non_empty(record.url),
        outlet: non_empty(record.outlet),
        published: record.published.as_deref().and_then(dates::normalize_date),
        title: non_empty(record.title),
        text,
        lang: non_empty(record.lang).map(|l| l.to_ascii_lowercase()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: u64) -> Vec<Result<RawRecord, SourceError>> {
        JsonlRecords::new("t.jsonl".into(), input.as_bytes(), max).collect()
    }

    #[test]
    fn skips_blank_lines_and_numbers_the_rest() {
        let records = lines("{\"a\":1}\n\n{\"b\":2}\n", 100);
        assert_eq!(records.len(), 2);
        let second = records[1].as_ref().map(|r| r.origin.to_string()).ok();
        assert_eq!(second.as_deref(), Some("t.jsonl:3"));
    }

    #[test]
    fn overlong_line_is_rejected_and_the_next_line_still_read() {
        let long = "x".repeat(500);
        let records = lines(&format!("{long}\n{{\"ok\":1}}\n"), 100);
        assert_eq!(records.len(), 2);
        match &records[0] {
            Err(err) => assert!(matches!(
                err.reason,
                Reason::TooLarge {
                    bytes: 500,
                    limit: 100,
                    ..
                }
            )),
            Ok(_) => panic!("long line accepted"),
        }
        assert!(records[1].is_ok());
    }

    #[test]
    fn parses_fields_and_numeric_ids() {
        let article = parse(
            r#"{"id": 7, "text": "Talks resumed.", "published": "2025-03-04", "outlet": "Daily"}"#,
        )
        .ok();
        let article = article.as_ref();
        assert_eq!(article.map(|a| a.id.as_str()), Some("7"));
        assert_eq!(
            article.and_then(|a| a.published.as_deref()),
            Some("2025-03-04")
        );
        assert_eq!(article.and_then(|a| a.outlet.as_deref()), Some("Daily"));
    }

    #[test]
    fn missing_text_is_its_own_error() {
        assert!(matches!(
            parse(r#"{"id": "x", "title": "Only a title"}"#),
            Err(Reason::MissingText)
        ));
        assert!(matches!(parse("[1, 2]"), Err(Reason::Json(_))));
        assert!(matches!(parse("{\"text\": 5}"), Err(Reason::BadField(_))));
    }
}
