//! The coder on small fixture dictionaries (tests/fixtures/coder, atalaya format, fictional
//! actors): each test names one behaviour and fails when it breaks.

mod common;

use atalaya_engine::{Article, Engine, Event};
use common::{code_events, code_triples, fixture_engine, t, Triple};

fn engine() -> Engine {
    fixture_engine()
}

fn code_at(text: &str, published: Option<&str>) -> Vec<Event> {
    code_events(&engine(), text, published)
}

fn code(text: &str) -> Vec<Triple> {
    code_triples(&engine(), text)
}

#[test]
fn subject_verb_object() {
    assert_eq!(
        code("Arnor attacked Gondor on Monday."),
        vec![t("ARN", "GON", "190")]
    );
}

#[test]
fn pattern_beats_verb_code() {
    assert_eq!(
        code("Arnor attacked Gondor with drones."),
        vec![t("ARN", "GON", "195")]
    );
}

#[test]
fn passive_voice_swaps_source_and_target() {
    assert_eq!(
        code("Gondor was attacked by Arnor."),
        vec![t("ARN", "GON", "190")]
    );
    // Adverbs between the auxiliary and the participle.
    assert_eq!(
        code("Gondor was heavily and repeatedly criticized by Arnor."),
        vec![t("ARN", "GON", "111")]
    );
}

#[test]
fn compound_subject_gives_one_event_per_member() {
    assert_eq!(
        code("Arnor and Rohan criticized Gondor."),
        vec![t("ARN", "GON", "111"), t("ROH", "GON", "111")]
    );
}

#[test]
fn agents_attach_to_actors() {
    assert_eq!(
        code("Gondor's foreign minister criticized Arnor."),
        vec![t("GONGOVFRM", "ARN", "111")]
    );
    assert_eq!(
        code("Arnorian troops attacked Gondor."),
        vec![t("ARNMIL", "GON", "190")]
    );
    assert_eq!(
        code("Soldiers from Gondor attacked Rohan."),
        vec![t("GONMIL", "ROH", "190")]
    );
}

#[test]
fn one_modifier_word_may_separate_actor_and_agent() {
    assert_eq!(
        code("Arnorian border troops attacked Gondor."),
        vec![t("ARNMIL", "GON", "190")]
    );
    // A verb between them is no modifier: the agent stays the target.
    assert_eq!(
        code("Arnor criticized soldiers."),
        vec![t("ARN", "---MIL", "111")]
    );
}

#[test]
fn a_lead_in_before_the_only_comma_keeps_the_main_clause() {
    // Not an attribution (", officials said"): the clause after the comma is the sentence.
    assert_eq!(
        code("On Monday, Arnor attacked Gondor."),
        vec![t("ARN", "GON", "190")]
    );
    // A trailing attribution is still dropped.
    assert_eq!(
        code("Arnor attacked Gondor on Monday, Rohan said."),
        vec![t("ARN", "GON", "190")]
    );
}

#[test]
fn a_leading_if_clause_is_not_the_subject_of_the_main_verb() {
    assert_eq!(
        code("If Rohan refuses, Arnor attacked Gondor."),
        vec![t("ARN", "GON", "190")]
    );
}

#[test]
fn a_that_clause_has_its_own_subject() {
    assert_eq!(
        code("Arnor said to soldiers that Gondor attacked Rohan."),
        vec![t("GON", "ROH", "190")]
    );
}

#[test]
fn a_comma_before_a_floating_pattern_start_does_not_block_it() {
    assert_eq!(
        code("Once again, Arnor will raid Gondor."),
        vec![t("ARN", "GON", "190")]
    );
}

#[test]
fn paired_codes_give_both_directions() {
    assert_eq!(
        code("Arnor met Gondor in Annuminas."),
        vec![t("ARN", "GON", "036"), t("GON", "ARN", "036")]
    );
}

#[test]
fn null_pattern_blocks_the_verb_code() {
    assert_eq!(code("Arnor did not accuse Gondor."), vec![]);
    assert_eq!(code("Arnor accused Gondor."), vec![t("ARN", "GON", "112")]);
}

#[test]
fn no_code_no_event() {
    // SAY has no code and no pattern: precision over volume.
    assert_eq!(code("Arnor said Gondor is a neighbour."), vec![]);
    assert_eq!(code("Arnor attacked."), vec![]);
}

#[test]
fn discards_drop_the_sentence() {
    assert_eq!(
        code("Arnor attacked Gondor in the world cup final."),
        vec![]
    );
}

#[test]
fn accents_and_case_fold() {
    assert_eq!(code("ARNOR ATTACKED GÓNDOR."), vec![t("ARN", "GON", "190")]);
}

#[test]
fn date_bounded_roles_follow_the_publication_date() {
    let in_office = code_at("Aranor criticized Gondor.", Some("2022-05-01"));
    assert_eq!(in_office[0].source.code, "ARNGOV");
    let after = code_at("Aranor criticized Gondor.", Some("2025-05-01"));
    assert_eq!(after[0].source.code, "ARNELI");
}

#[test]
fn events_point_back_to_their_evidence() {
    let text = "Rohan stayed quiet. Then Arnor attacked Gondor with drones.";
    let events = code_at(text, None);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.sentence_index, 1);
    assert_eq!(
        &text[e.span.start..e.span.end],
        "Then Arnor attacked Gondor with drones."
    );
    let s = e.source.span.expect("source span");
    assert_eq!(&text[s.start..s.end], "Arnor");
    assert_eq!(e.matched.verb, "ATTACK");
    assert!(e
        .matched
        .pattern
        .as_deref()
        .is_some_and(|p| p.contains("&WEAPON")));
    assert!(
        e.matched.origin.contains("verbs.txt:"),
        "origin {}",
        e.matched.origin
    );
    assert_eq!(e.quad_class, Some(4));
    assert_eq!(e.goldstein, Some(-10.0));
}

#[test]
fn a_huge_sentence_is_skipped_with_a_warning_and_the_rest_is_coded() {
    let mut text = "word ".repeat(1_000_000);
    text.push_str(". Arnor attacked Gondor.");
    let article = Article {
        id: "big".into(),
        text,
        ..Article::default()
    };
    let out = engine().code_article(&article);
    assert_eq!(out.events.len(), 1);
    assert!(out.warnings.iter().any(|w| w.message.contains("skipped")));
}

#[test]
fn a_country_and_a_person_of_that_country_fold_into_the_person() {
    let events = code_at("Arnorian Aranor criticized Gondor.", Some("2022-05-01"));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].source.code, "ARNGOV");
}

#[test]
fn a_criminal_actor_keeps_its_sector_under_a_military_title() {
    assert_eq!(
        code("Shadow Cartel commanders attacked Gondor."),
        vec![t("ARNCRM", "GON", "190")]
    );
}

#[test]
fn a_passive_without_by_does_not_guess_the_doer() {
    // Rohan is where it happened, not who did it: with `require_dyad` no event is coded.
    assert_eq!(code("Gondor was attacked near Rohan on Monday."), vec![]);
    assert_eq!(
        code("Gondor was sharply and unfairly criticized over its dispute with Rohan."),
        vec![]
    );
}

#[test]
fn a_prefix_agent_before_and_a_suffix_agent_after_both_apply() {
    assert_eq!(
        code("An aid group Arnor government criticized Gondor."),
        vec![t("NGOARNGOV", "GON", "111")]
    );
}

#[test]
fn a_dateline_does_not_swallow_the_subject_after_it() {
    let events = code_at(
        "ANNUMINAS - Arnorian Aranor criticized Gondor on Monday.",
        Some("2022-05-04"),
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].source.code, "ARNGOV");
    assert_eq!(events[0].source.text, "Arnorian Aranor");
}

#[test]
fn a_verb_form_after_a_preposition_is_a_noun() {
    // "on attack footing": no attack happened.
    assert_eq!(code("Arnor troops on attack footing near Gondor."), vec![]);
}

#[test]
fn a_subordinate_clause_has_its_own_subject() {
    assert_eq!(
        code("Arnor is angry after Rohan attacked Gondor."),
        vec![t("ROH", "GON", "190")]
    );
}

#[test]
fn a_conjunction_between_modifiers_keeps_the_possessive_agent() {
    assert_eq!(
        code("Gondor's awful and evil foreign minister criticized Arnor."),
        vec![t("GONGOVFRM", "ARN", "111")]
    );
}

#[test]
fn the_target_is_not_looked_for_before_the_verb() {
    // Gondor is neither the subject nor the object of "criticized".
    assert_eq!(code("Gondor says Arnor criticized."), vec![]);
}

#[test]
fn lone_agents_pair_with_every_actor_of_an_agent_in_compound() {
    assert_eq!(
        code("Police and soldiers in Arnor and Gondor attacked Rohan."),
        vec![
            t("ARNCOP", "ROH", "190"),
            t("ARNMIL", "ROH", "190"),
            t("GONCOP", "ROH", "190"),
            t("GONMIL", "ROH", "190"),
        ]
    );
}

#[test]
fn a_trailing_agent_applies_to_every_actor_of_the_compound() {
    assert_eq!(
        code("Arnor and Gondor soldiers attacked Rohan."),
        vec![t("ARNMIL", "ROH", "190"), t("GONMIL", "ROH", "190")]
    );
}

#[test]
fn a_compound_carried_into_the_next_clause_is_not_its_own_target() {
    // TABARI makes a compound source its own target when nothing else is found; a source
    // carried over from the previous clause ("... and criticized the plan") is not such a case.
    assert_eq!(
        code("Arnor and Gondor met Rohan on Monday and criticized the plan."),
        vec![
            t("ARN", "ROH", "036"),
            t("GON", "ROH", "036"),
            t("ROH", "ARN", "036"),
            t("ROH", "GON", "036"),
        ]
    );
}

#[test]
fn hyphenated_names_match_as_written() {
    // The text's "Dol-Amroth" is read as two words; so is the dictionary's.
    assert_eq!(
        code("Arnor attacked Dol-Amroth on Monday."),
        vec![t("ARN", "GONREB", "190")]
    );
}
