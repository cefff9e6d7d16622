//! The coder with PETRARCH dictionaries (tests/fixtures/petrarch1 and petrarch2, fictional):
//! what the two pattern syntaxes mean by a bare word before the verb.

mod common;

use atalaya_engine::Engine;
use common::{code_triples, t, Triple};
use std::path::Path;

fn code(folder: &str, text: &str) -> Vec<Triple> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let (dicts, _warnings) =
        atalaya_dict::petrarch::load_dir_petrarch(&dir, None).expect("fixture dictionaries load");
    code_triples(&Engine::new(dicts), text)
}

#[test]
fn petrarch2_words_before_the_verb_are_noun_heads_not_modals() {
    // "- WILL *" names a noun "will"; the modal in "will be hosting" is not it.
    assert_eq!(
        code("petrarch2", "Arnor will be hosting Gondor next week."),
        vec![t("ARN", "GON", "043")]
    );
}

#[test]
fn petrarch1_words_before_the_verb_match_any_word() {
    assert_eq!(
        code("petrarch1", "Arnor will be hosting Gondor next week."),
        vec![t("ARN", "GON", "036")]
    );
}
