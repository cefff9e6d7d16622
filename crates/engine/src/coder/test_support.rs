//! Set-up shared by the coder's unit tests: an engine built from dictionary texts in atalaya's
//! format, and the `(source, target, cameo)` triples it codes for one article.

use super::{Engine, RunOptions};
use crate::Article;

pub type Triple = (String, String, String);

/// An engine from the texts of `actors.txt`, `agents.txt` and `verbs.txt`.
pub fn engine(actors: &str, agents: &str, verbs: &str) -> Engine {
    let files = [
        ("actors.txt", actors),
        ("agents.txt", agents),
        ("verbs.txt", verbs),
    ];
    let (dicts, _) =
        atalaya_dict::atalaya::load_texts_atalaya(&files).expect("test dictionaries load");
    Engine::new(dicts)
}

/// The sorted triples of `text` coded as one article.
pub fn triples(
    engine: &Engine,
    text: &str,
    published: Option<&str>,
    opts: &RunOptions,
) -> Vec<Triple> {
    let article = Article {
        id: "t".into(),
        text: text.into(),
        published: published.map(str::to_string),
        ..Article::default()
    };
    let mut v: Vec<Triple> = engine
        .code_article_with(&article, opts)
        .events
        .into_iter()
        .map(|e| (e.source.code, e.target.code, e.cameo))
        .collect();
    v.sort();
    v
}

pub fn t(s: &str, t: &str, c: &str) -> Triple {
    (s.into(), t.into(), c.into())
}
