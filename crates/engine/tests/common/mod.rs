//! Shared helpers of the engine's integration tests.

use atalaya_engine::{Article, Engine, Event};

/// `(source, target, cameo)` of an event.
pub type Triple = (String, String, String);

/// Codes `text` as one article (optionally with a publication date).
pub fn code_events(engine: &Engine, text: &str, published: Option<&str>) -> Vec<Event> {
    let article = Article {
        id: "t".into(),
        text: text.into(),
        published: published.map(str::to_string),
        ..Article::default()
    };
    engine.code_article(&article).events
}

/// The sorted `(source, target, cameo)` triples of `text`.
pub fn code_triples(engine: &Engine, text: &str) -> Vec<Triple> {
    let mut v: Vec<Triple> = code_events(engine, text, None)
        .into_iter()
        .map(|e| (e.source.code, e.target.code, e.cameo))
        .collect();
    v.sort();
    v
}

pub fn t(s: &str, t: &str, c: &str) -> Triple {
    (s.into(), t.into(), c.into())
}
