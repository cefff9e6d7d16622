//! Shared helpers of the engine's integration tests.

use atalaya_engine::{Article, Engine, Event, RunOptions};
use std::path::Path;

/// `(source, target, cameo)` of an event.
pub type Triple = (String, String, String);

/// Codes `text` as one article (optionally with a publication date).
#[allow(dead_code)] // not every test binary uses every helper
pub fn code_events(engine: &Engine, text: &str, published: Option<&str>) -> Vec<Event> {
    let article = Article {
        id: "t".into(),
        text: text.into(),
        published: published.map(str::to_string),
        ..Article::default()
    };
    engine.code_article(&article).events
}

/// The engine on tests/fixtures/coder (atalaya format, fictional actors), which must load
/// without a warning.
#[allow(dead_code)] // not every test binary uses every helper
pub fn fixture_engine() -> Engine {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coder");
    let (dicts, warnings) =
        atalaya_dict::atalaya::load_dir_atalaya(&dir).expect("fixture dictionaries load");
    assert!(warnings.is_empty(), "fixture warnings: {warnings:?}");
    Engine::new(dicts)
}

/// The sorted `(source, target, cameo)` triples of `text`.
#[allow(dead_code)] // not every test binary uses every helper
pub fn code_triples(engine: &Engine, text: &str) -> Vec<Triple> {
    code_triples_with(engine, text, &engine.default_options())
}

/// The sorted triples of `text` coded with `opts`.
#[allow(dead_code)] // not every test binary uses every helper
pub fn code_triples_with(engine: &Engine, text: &str, opts: &RunOptions) -> Vec<Triple> {
    let article = Article {
        id: "t".into(),
        text: text.into(),
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

/// The engine on atalaya's default dictionaries (`dictionaries/`, built in), loaded once per
/// test binary.
#[allow(dead_code)] // not every test binary uses every helper
pub fn default_engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| {
        let (dicts, _) =
            atalaya_dict::atalaya::default_dictionaries().expect("default dictionaries load");
        Engine::new(dicts)
    })
}

/// The sorted `(source, target, cameo)` triples of coded events.
#[allow(dead_code)] // not every test binary uses every helper
pub fn sorted_triples(events: &[Event]) -> Vec<Triple> {
    let mut v: Vec<Triple> = events
        .iter()
        .map(|e| {
            (
                e.source.code.clone(),
                e.target.code.clone(),
                e.cameo.clone(),
            )
        })
        .collect();
    v.sort();
    v
}
