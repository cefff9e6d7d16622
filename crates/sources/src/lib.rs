//! Atalaya's article sources: files, folders, stdin and URLs in, one `Result<Sourced, SourceError>`
//! per record out, so that one bad record never sinks a batch.
//!
//! Reading happens in two steps so that callers can spread the costly half over threads:
//! 1. [`expand`] turns the command-line inputs (paths, folders, `-` for stdin, http(s) URLs) into
//!    [`Input`]s, walking folders recursively by extension; [`Input::records`] splits one input into
//!    [`RawRecord`]s — a whole text/Markdown/HTML document, one JSON line, or one feed item — cheaply
//!    (no HTML extraction, no language detection).
//! 2. [`RawRecord::into_article`] does the expensive part: main-text extraction, Markdown clean-up,
//!    date normalization, language detection and the content hash, giving a [`Sourced`] article.
//!
//! [`read_all`] chains both steps for callers that do not need the split.
//!
//! Every error is a [`SourceError`]: an [`Origin`] (file, URL or `<stdin>`, plus line or feed item)
//! and a [`Reason`]. Sizes and HTML nesting are bounded by [`Limits`] so that a huge, endless or
//! pathologically nested input is rejected with a clear reason instead of exhausting memory,
//! time or the stack. What a reader repairs instead of rejecting (invalid UTF-8, replaced) comes
//! back as warnings on the record.
//!
//! [`ReadOptions`] carry the limits and what the caller knows that an input may not say: a
//! forced format, a publication date, an outlet, the language.

mod dates;
mod depth;
mod feed;
#[cfg(feature = "http")]
mod fetch;
mod html;
mod input;
mod jsonl;
mod lang;
mod limits;
mod plain;

use atalaya_engine::record::Article;
use sha2::{Digest, Sha256};
use std::fmt;

pub use dates::normalize_date;
pub use input::{expand, records_from_bytes, Format, Input};
pub use lang::detect_language;
pub use limits::Limits;

/// How to read: the limits, and what the caller knows that the inputs may not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub limits: Limits,
    /// Read every input as this format instead of telling it from the extension or the first
    /// bytes (`code --plain`: [`Format::Text`]).
    pub format: Option<Format>,
    /// Publication date (normalized, see [`normalize_date`]) for articles that give none: plain
    /// text without a `Date:` line, JSON lines without `published`, pages without a date.
    pub published: Option<String>,
    /// Outlet for articles that name none.
    pub outlet: Option<String>,
    /// Language (ISO 639-1) of every article, instead of the declared or detected one.
    pub lang: Option<String>,
}

impl ReadOptions {
    pub fn with_limits(limits: Limits) -> Self {
        ReadOptions {
            limits,
            ..ReadOptions::default()
        }
    }
}

/// Where a record came from: a file path, URL or `<stdin>`, and the record within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub source: String,
    pub record: Option<RecordPos>,
}

/// Position of a record inside a multi-record input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordPos {
    /// 1-based line of a JSON Lines file.
    Line(usize),
    /// 1-based item (entry) of a feed.
    Item(usize),
}

impl Origin {
    pub fn whole(source: impl Into<String>) -> Self {
        Origin {
            source: source.into(),
            record: None,
        }
    }

    pub fn at(source: impl Into<String>, record: RecordPos) -> Self {
        Origin {
            source: source.into(),
            record: Some(record),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            None => write!(f, "{}", self.source),
            Some(RecordPos::Line(line)) => write!(f, "{}:{}", self.source, line),
            Some(RecordPos::Item(item)) => write!(f, "{}: item {}", self.source, item),
        }
    }
}

/// Why a record could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Reason {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("not found")]
    NotFound,
    #[error("binary data (NUL byte at byte {offset}), not text")]
    Binary { offset: u64 },
    #[error("empty file")]
    Empty,
    #[error("no article text")]
    NoText,
    #[error("{what} is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        what: &'static str,
        bytes: u64,
        limit: u64,
    },
    #[error("{what} is over the limit of {limit} bytes")]
    OverLimit { what: &'static str, limit: u64 },
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("JSON line has no `text` field")]
    MissingText,
    #[error("JSON line: {0}")]
    BadField(String),
    #[error("HTML page has no body text ({0})")]
    NoHtmlBody(String),
    #[error("HTML nests elements more than {limit} levels deep (the limit): not read")]
    TooDeep { limit: usize },
    #[error("feed is malformed or truncated: {0}")]
    Feed(String),
    #[error("feed item has neither text nor title")]
    EmptyItem,
    #[error("HTTP: {0}")]
    Http(String),
    #[error("unsupported input: {0}")]
    Unsupported(String),
}

/// A record that could not be read: where, and why.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct SourceError {
    pub origin: Origin,
    #[source]
    pub reason: Reason,
}

impl SourceError {
    pub fn new(origin: Origin, reason: Reason) -> Self {
        SourceError { origin, reason }
    }
}

/// An article read from a source, with where it came from and its content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced {
    pub article: Article,
    pub origin: Origin,
    /// Lowercase hex SHA-256 of the article text: the store's identity for "the same article".
    pub content_hash: String,
    /// Size of the raw record (file, line or item) in bytes, for throughput figures.
    pub raw_bytes: usize,
    /// What was repaired while reading (invalid UTF-8 replaced, …), for the caller to report
    /// after [`Sourced::origin`].
    pub warnings: Vec<String>,
}

/// A record split out of an input but not yet turned into an article (see the module doc).
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub origin: Origin,
    pub body: RawBody,
    /// Repairs made while splitting it out (see [`Sourced::warnings`]).
    pub warnings: Vec<String>,
}

/// The undigested content of one record.
#[derive(Debug, Clone)]
pub enum RawBody {
    /// A plain-text or Markdown document.
    Text { content: String, markdown: bool },
    /// An HTML page; `url` is where it was fetched from, if anywhere.
    Html {
        content: String,
        url: Option<String>,
    },
    /// One line of a JSON Lines file.
    JsonLine(String),
    /// One RSS/Atom entry.
    FeedItem(feed::FeedItem),
}

impl RawRecord {
    /// Size of the raw content in bytes.
    pub fn raw_bytes(&self) -> usize {
        match &self.body {
            RawBody::Text { content, .. } | RawBody::Html { content, .. } => content.len(),
            RawBody::JsonLine(line) => line.len(),
            RawBody::FeedItem(item) => item.raw_bytes(),
        }
    }

    /// Extracts the article: text, metadata, language and id.
    pub fn into_article(self, options: &ReadOptions) -> Result<Sourced, SourceError> {
        let raw_bytes = self.raw_bytes();
        let origin = self.origin;
        let max_depth = options.limits.max_html_depth;
        let parsed = match self.body {
            RawBody::Text { content, markdown } => Ok(plain::parse(&content, markdown)),
            RawBody::Html { content, url } => html::parse(&content, url.as_deref(), max_depth),
            RawBody::JsonLine(line) => jsonl::parse(&line),
            RawBody::FeedItem(item) => item.into_article(max_depth),
        };
        let article = parsed.map_err(|reason| SourceError::new(origin.clone(), reason))?;
        finish(article, origin, raw_bytes, self.warnings, options)
    }
}

/// Common last step: size check, what the caller supplies, language, content hash and id.
fn finish(
    mut article: Article,
    origin: Origin,
    raw_bytes: usize,
    warnings: Vec<String>,
    options: &ReadOptions,
) -> Result<Sourced, SourceError> {
    let trimmed = article.text.trim();
    if trimmed.is_empty() {
        return Err(SourceError::new(origin, Reason::NoText));
    }
    if trimmed.len() != article.text.len() {
        article.text = trimmed.to_string();
    }
    let limit = options.limits.max_text_bytes;
    if article.text.len() > limit {
        return Err(SourceError::new(
            origin,
            Reason::TooLarge {
                what: "article text",
                bytes: article.text.len() as u64,
                limit: limit as u64,
            },
        ));
    }
    if article.published.is_none() {
        article.published.clone_from(&options.published);
    }
    if article.outlet.is_none() {
        article.outlet.clone_from(&options.outlet);
    }
    if options.lang.is_some() {
        article.lang.clone_from(&options.lang);
    } else if article.lang.is_none() {
        article.lang = detect_language(&article.text);
    }
    let content_hash = content_hash(&article.text);
    if article.id.trim().is_empty() {
        article.id = id_from_hash(&content_hash);
    }
    Ok(Sourced {
        article,
        origin,
        content_hash,
        raw_bytes,
        warnings,
    })
}

/// Lowercase hex SHA-256 of an article text.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// The id given to an article without one: `a` and the first 20 hex digits (80 bits) of its
/// content hash, so that re-reading the same text anywhere gives the same id.
pub fn id_from_hash(content_hash: &str) -> String {
    let prefix: String = content_hash.chars().take(20).collect();
    format!("a{prefix}")
}

/// Reads every input (paths, folders, `-`, URLs) and yields one result per record.
pub fn read_all<'a>(
    inputs: &'a [String],
    options: &'a ReadOptions,
) -> impl Iterator<Item = Result<Sourced, SourceError>> + 'a {
    expand(inputs).flat_map(move |input| -> Box<dyn Iterator<Item = _>> {
        match input {
            Err(err) => Box::new(std::iter::once(Err(err))),
            Ok(input) => Box::new(
                input
                    .records(options)
                    .map(move |record| record.and_then(|r| r.into_article(options))),
            ),
        }
    })
}
