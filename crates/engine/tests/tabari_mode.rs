//! The coder with TABARI dictionaries (tests/fixtures/tabari, fictional): behaviours that follow
//! TABARI's manual rather than atalaya's own defaults.

mod common;

use atalaya_engine::Engine;
use common::{code_triples, t, Triple};
use std::path::Path;

fn code(text: &str) -> Vec<Triple> {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tabari/mini.project");
    let (dicts, _warnings) =
        atalaya_dict::tabari::load_project(&project).expect("fixture project loads");
    code_triples(&Engine::new(dicts), text)
}

#[test]
fn the_source_is_the_first_actor_before_the_verb() {
    // TABARI's default source search starts at the beginning of the sentence; atalaya's own
    // rule would make Gondor the one who assists.
    assert_eq!(
        code("Arnor urged Gondor on Monday to assist it in the talks."),
        vec![t("ARN", "GON", "070")]
    );
}

#[test]
fn n_verbs_reach_the_complexity_limit() {
    // COMPLEX: VERBS[3] diverts a sentence with 3 or more verbs.
    assert_eq!(
        code("Arnor criticized Gondor and attacked Rohan and urged peace today."),
        vec![]
    );
    assert_eq!(
        code("Arnor criticized Gondor on Monday and attacked Rohan today."),
        vec![t("ARN", "GON", "111"), t("ARN", "ROH", "190")]
    );
}
