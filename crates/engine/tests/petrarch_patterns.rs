//! The coder with PETRARCH dictionaries (tests/fixtures/petrarch1 and petrarch2, fictional):
//! what the two pattern syntaxes mean by a bare word before the verb, and how PETRARCH 2.0's
//! phrase-structured patterns (`{ }` noun phrases, lemmas) match.

mod common;

use atalaya_dict::{CodeOntologyEntry, Dictionaries, Origin};
use atalaya_engine::Engine;
use common::{code_triples, t, Triple};
use std::path::Path;

fn load(folder: &str) -> Dictionaries {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let (dicts, _warnings) =
        atalaya_dict::petrarch::load_dir_petrarch(&dir, None).expect("fixture dictionaries load");
    dicts
}

fn code(folder: &str, text: &str) -> Vec<Triple> {
    code_triples(&Engine::new(load(folder)), text)
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

#[test]
fn petrarch2_noun_phrase_head_follows_its_nearest_modifier() {
    // Another modifier may come before the synset ...
    assert_eq!(
        code(
            "petrarch2",
            "Arnor severed new ancient maritime links with Gondor."
        ),
        vec![t("ARN", "GON", "081")]
    );
    // ... but "maritime trade links" are trade links, not maritime ones: the verb's own code.
    assert_eq!(
        code(
            "petrarch2",
            "Arnor severed new maritime trade links with Gondor."
        ),
        vec![t("ARN", "GON", "345")]
    );
    // A coordinated modifier still modifies the head.
    assert_eq!(
        code(
            "petrarch2",
            "Arnor severed the ferry and bridge toll with Gondor."
        ),
        vec![t("ARN", "GON", "061")]
    );
}

#[test]
fn petrarch2_pattern_nouns_match_their_plurals() {
    assert_eq!(
        code("petrarch2", "Arnor severed efforts to isolate Gondor."),
        vec![t("ARN", "GON", "080")]
    );
}

#[test]
fn petrarch2_pattern_words_stay_out_of_a_that_clause() {
    assert_eq!(
        code(
            "petrarch2",
            "Arnor allowed that Gondor is the best harbour to visit."
        ),
        vec![t("ARN", "GON", "080")]
    );
    assert_eq!(
        code(
            "petrarch2",
            "Arnor allowed Gondor the best harbour in the bay."
        ),
        vec![t("ARN", "GON", "027")]
    );
}

#[test]
fn hyphenated_dictionary_phrases_match_hyphenated_text() {
    assert_eq!(
        code("petrarch2", "Arnor severed its links with Dol-Amroth."),
        vec![t("ARN", "DOL", "345")]
    );
}

#[test]
fn negation_covers_the_verb_it_stands_before_not_an_infinitive_further_on() {
    let mut dicts = load("petrarch2");
    // A two-code coding ontology: clash, and what "not clash" becomes.
    for (cameo, value) in [("110", 0x2100), ("050", 0x2100 - 0xFFFF)] {
        dicts.code_ontology.push(CodeOntologyEntry {
            cameo: cameo.into(),
            value,
            expr: String::new(),
            origin: Origin {
                file: "test ontology".into(),
                line: 1,
            },
        });
    }
    let engine = Engine::new(dicts);
    assert_eq!(
        code_triples(&engine, "Arnor did not clash with Gondor."),
        vec![t("ARN", "GON", "050")]
    );
    assert_eq!(
        code_triples(&engine, "Arnor decided not to clash with Gondor."),
        vec![t("ARN", "GON", "050")]
    );
    // "won't try to clash" negates the trying: the clash is as coded.
    assert_eq!(
        code_triples(&engine, "Arnor won't try to clash with Gondor."),
        vec![t("ARN", "GON", "110")]
    );
}
