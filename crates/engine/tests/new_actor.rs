//! PETRARCH's `new_actor_length` on the fixture dictionaries (tests/fixtures/coder, fictional
//! actors): an uncoded proper-noun phrase of at most N words is a quoted new actor.

mod common;

use atalaya_engine::{Article, Engine, RunOptions};
use common::{code_triples, code_triples_with, fixture_engine, t, Triple};

fn engine() -> Engine {
    fixture_engine()
}

fn code_with(engine: &Engine, text: &str, new_actor_length: u32) -> Vec<Triple> {
    let opts = RunOptions {
        new_actor_length,
        ..engine.default_options()
    };
    code_triples_with(engine, text, &opts)
}

const COUNCIL: &str = "Arnor attacked the Council of Elrond on Tuesday.";

#[test]
fn an_unknown_name_of_up_to_n_words_is_a_new_target() {
    let e = engine();
    assert_eq!(
        code_with(&e, COUNCIL, 4),
        vec![t("ARN", "\"THE COUNCIL OF ELROND\"", "190")]
    );
}

#[test]
fn a_name_longer_than_n_words_is_not_an_actor() {
    let e = engine();
    let short = code_with(&e, COUNCIL, 3);
    assert!(
        short
            .iter()
            .all(|(s, t, _)| !s.starts_with('"') && !t.starts_with('"')),
        "{short:?}"
    );
    assert_eq!(short, code_with(&e, COUNCIL, 0));
}

#[test]
fn off_by_default_and_at_zero() {
    let e = engine();
    assert_eq!(e.default_options().new_actor_length, 0);
    let text = "Lorien's steward Haldir met the Council of Elrond. Arnor attacked Gondor.";
    let off = code_with(&e, text, 0);
    assert_eq!(off, vec![t("ARN", "GON", "190")]);
    assert_eq!(code_triples(&e, text), off);
}

#[test]
fn possessive_owner_and_person_make_one_new_source() {
    let e = engine();
    assert_eq!(
        code_with(&e, "Lorien's steward Haldir met the Council of Elrond.", 4),
        vec![
            t(
                "\"LORIEN STEWARD HALDIR\"",
                "\"THE COUNCIL OF ELROND\"",
                "036"
            ),
            t(
                "\"THE COUNCIL OF ELROND\"",
                "\"LORIEN STEWARD HALDIR\"",
                "036"
            ),
        ]
    );
}

#[test]
fn known_actors_dates_and_names_next_to_them_stay_as_they_were() {
    let e = engine();
    // Gondor is coded by the dictionary, Tuesday is a date, "Aldor" touches a known mention
    // and "the Council of Gondor" runs into one; Weathertop is where they met, not whom: none
    // of them becomes a new actor.
    for text in [
        "Arnor attacked Gondor on Tuesday.",
        "Meanwhile Arnor criticized Gondor Aldor.",
        "Arnor attacked the Council of Gondor on Tuesday.",
        "Arnor and Gondor met in Weathertop on Tuesday.",
    ] {
        assert_eq!(code_with(&e, text, 4), code_with(&e, text, 0), "{text}");
    }
}

#[test]
fn new_actors_have_no_country() {
    let e = engine();
    let opts = RunOptions {
        new_actor_length: 4,
        ..e.default_options()
    };
    let article = Article {
        id: "t".into(),
        text: COUNCIL.into(),
        ..Article::default()
    };
    let events = e.code_article_with(&article, &opts).events;
    let target = &events.first().expect("one event").target;
    assert_eq!(target.country, None);
    assert_eq!(target.sector, None);
    assert_eq!(target.text, "the Council of Elrond");
}

#[test]
fn a_new_actor_far_from_the_verb_is_not_its_object() {
    let e = engine();
    // The verb's own object is too long to code; the short name at the end of the sentence is
    // not the object instead.
    let text = "Arnor attacked the Council of the Wise Elves on Tuesday with Glorfindel.";
    let coded = code_with(&e, text, 4);
    assert!(
        coded.iter().all(|(_, t, _)| !t.starts_with('"')),
        "{coded:?}"
    );
    assert_eq!(coded, code_with(&e, text, 0));
}
