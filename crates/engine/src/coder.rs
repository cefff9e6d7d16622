//! The event coder (being written): sentences in, events out.

use crate::record::{Article, Event};
use atalaya_dict::Dictionaries;

/// A problem with one article or sentence that did not stop the batch.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CodeWarning {
    pub article_id: String,
    pub message: String,
}

/// What coding one article produced.
#[derive(Debug, Clone, Default)]
pub struct ArticleOutput {
    pub events: Vec<Event>,
    pub warnings: Vec<CodeWarning>,
    /// Number of sentences the article was split into.
    pub sentences: usize,
}

/// Compiled dictionaries plus coder options: build once, share across threads (`Sync`).
pub struct Engine {
    dicts: Dictionaries,
}

impl Engine {
    pub fn new(dicts: Dictionaries) -> Self {
        Engine { dicts }
    }

    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Codes every sentence of one article.
    pub fn code_article(&self, article: &Article) -> ArticleOutput {
        let _ = article;
        ArticleOutput::default()
    }
}
