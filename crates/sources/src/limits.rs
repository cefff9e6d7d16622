//! The bounds on one input, the same for every command that reads articles (`code`, `ingest`):
//! a record over a bound is refused (or, for a sentence, skipped) with a message naming the
//! record and the limit, and the rest of the batch goes on. The README lists them.

/// Size, depth and length bounds for one record. [`Limits::default`] holds the documented
/// values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest single document file (text, Markdown, HTML) or JSON line read, in bytes.
    /// Default 16 MiB: HTML pages with inline scripts reach a few MiB, a JSON line holds one article.
    pub max_document_bytes: u64,
    /// Largest article text kept after extraction, in bytes. Default 4 MiB: a long news story is
    /// under 100 KiB; 4 MiB is a book, and coding time and memory grow with it.
    pub max_text_bytes: usize,
    /// Largest feed file or HTTP response, in bytes. Default 64 MiB.
    pub max_feed_bytes: u64,
    /// Deepest element nesting of an HTML page or feed item read, in levels. Default 256: news
    /// pages nest a few dozen levels; parsing and main-text extraction take time that grows with
    /// the square of the depth, and a page nested 100,000 deep overflowed the stack. A deeper
    /// page is refused before it is parsed.
    pub max_html_depth: usize,
    /// Longest sentence coded, in bytes. Default 20,000 (a few hundred words: a run-on list or
    /// a table flattened into text); a longer sentence is skipped with a warning naming the
    /// article and the sentence, and the rest of the article is coded.
    pub max_sentence_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 16 * 1024 * 1024,
            max_text_bytes: 4 * 1024 * 1024,
            max_feed_bytes: 64 * 1024 * 1024,
            max_html_depth: 256,
            max_sentence_bytes: 20_000,
        }
    }
}
