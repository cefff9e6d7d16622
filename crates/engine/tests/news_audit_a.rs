//! Real-news shapes found auditing unseen pages (session 9, audit A: the 2025 US–Mexico crisis,
//! Serbia–Kosovo, DR Congo–Rwanda, Iran, the Taiwan Strait). The sentences are our own; each
//! test fails when the rule or dictionary entry that handles its shape breaks.

mod common;

use atalaya_engine::{Article, Engine, Event};
use common::{sorted_triples, t, Triple};

fn engine() -> &'static Engine {
    common::default_engine()
}

fn events(text: &str) -> Vec<Event> {
    let a = Article {
        id: "a".into(),
        text: text.into(),
        published: Some("2025-06-10".into()),
        ..Article::default()
    };
    engine().code_article(&a).events
}

fn code(text: &str) -> Vec<Triple> {
    sorted_triples(&events(text))
}

#[test]
fn kosovo_named_alone_is_its_government() {
    // KSV is CAMEO's code, not ISO's: still a state for the bare-country rule.
    assert_eq!(
        code("Kosovo accused Serbia of stirring up the unrest."),
        vec![t("KSVGOV", "SRBGOV", "112")]
    );
    assert_eq!(
        code("Serbia warned Kosovo against any provocation."),
        vec![t("SRBGOV", "KSVGOV", "130")]
    );
}

#[test]
fn he_after_a_quote_is_not_the_group_the_quote_names() {
    // "he" names one person: not "the cartels" earlier in its sentence; the person comes from
    // the article (Rubio), as it would with no group in the sentence.
    assert_eq!(
        code(
            "Marco Rubio toured a border post on Monday. \
             “I will send a warning to the cartels,” he told reporters."
        ),
        vec![t("USAGOV", "---CRM", "130")]
    );
}

#[test]
fn a_negative_form_that_is_the_act_is_asserted() {
    let e = events("Trump said he was not happy with Mexico.");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].cameo, "111");
    assert_eq!(e[0].modality, atalaya_engine::Modality::Asserted);
}

#[test]
fn being_okay_with_strikes_is_a_public_warning() {
    // NEWS-CONVENTIONS: "OK with me" is a threat said now (13x), not a hypothetical strike.
    let e = events("Trump said he would be okay with launching strikes on Mexico.");
    assert_eq!(e.len(), 1);
    assert!(e[0].cameo.starts_with("13"), "{}", e[0].cameo);
    assert_eq!(e[0].modality, atalaya_engine::Modality::Asserted);
    assert_eq!(
        (e[0].source.code.as_str(), e[0].target.code.as_str()),
        ("USAGOV", "MEXGOV")
    );
}

#[test]
fn no_threat_between_two_organs_of_one_state() {
    // The threat is aimed at the cartels in the "if" clause, never at the doer's own police.
    let coded = code(
        "The US border czar threatened military action if the cartels attack American \
         police officers.",
    );
    assert!(
        !coded
            .iter()
            .any(|(s, t, _)| s.starts_with("USA") && t.starts_with("USA")),
        "{coded:?}"
    );
}

#[test]
fn criminal_as_an_adjective_is_no_actor() {
    assert_eq!(
        code("Those taken into custody face criminal charges, the Justice Department said."),
        Vec::<Triple>::new()
    );
}

#[test]
fn announcing_or_naming_a_terrorist_designation() {
    assert_eq!(
        code(
            "The State Department announced the designation of the Gulf Cartel as a \
             Foreign Terrorist Organization."
        ),
        vec![t("USAGOV", "MEXCRM", "172")]
    );
    assert_eq!(
        code("Washington named two Mexican cartels as foreign terrorist organizations."),
        vec![t("USAGOV", "MEXCRM", "172")]
    );
    // "named" alone is no designation.
    assert_eq!(
        code("Mexico named a new ambassador to the United States."),
        Vec::<Triple>::new()
    );
}

#[test]
fn a_call_to_withdraw_is_a_demand_of_withdrawal() {
    // suites/news README: 1056, whether "called on" or "urged".
    assert_eq!(
        code("Germany called on Russia to withdraw its forces."),
        vec![t("DEUGOV", "RUSGOV", "1056")]
    );
    assert_eq!(
        code("France urged Rwanda to withdraw its troops from Congo."),
        vec![t("FRAGOV", "RWAGOV", "1056")]
    );
}

#[test]
fn not_tolerating_interference_is_a_rejection() {
    assert_eq!(
        code("Mexico will not tolerate any American interference, the president said."),
        vec![t("MEXGOV", "USAGOV", "120")]
    );
}

#[test]
fn gratitude_and_a_promise_to_prosecute() {
    assert_eq!(
        code("The attorney general said the United States is grateful to the Mexican government."),
        vec![t("USAGOV", "MEXGOV", "051")]
    );
    // NEWS-CONVENTIONS: "we will prosecute them" is a warning (130), said now.
    let e = events("“We will prosecute these traffickers,” the US attorney general said.");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].cameo, "130");
    assert_eq!(e[0].modality, atalaya_engine::Modality::Asserted);
}

#[test]
fn a_participle_with_a_dated_by_phrase_is_passive() {
    // "designated earlier this year by X": X did it, though time words stand before "by".
    assert_eq!(
        code(
            "Among the prisoners were leaders of two Mexican cartels designated earlier this \
             year by the Trump administration as terrorist organizations."
        ),
        vec![t("USAGOV", "MEXCRM", "172")]
    );
    // An object before "by" keeps the verb active.
    assert_eq!(
        code("Sheinbaum said she had rejected a proposal by Trump to send troops."),
        vec![t("MEXGOV", "USAGOV", "120")]
    );
}

#[test]
fn a_pattern_word_is_not_looked_for_past_a_subordinator() {
    // The "terrorist" after "after ..." belongs to another clause: "declared" here is the
    // speaker's verb, not a designation.
    let coded = code(
        "“There will be no invasion,” Sheinbaum declared after the newspaper reported an \
         order against cartels the administration has declared terrorist organizations.",
    );
    assert!(
        !coded.iter().any(|(s, _, c)| s == "MEXGOV" && c == "172"),
        "{coded:?}"
    );
}

#[test]
fn two_sides_that_spoke_resumed_talks_or_put_off_a_tariff() {
    // A compound subject of "spoke": the two sides talked (040); one subject says nothing.
    assert_eq!(
        code("Mexico's foreign minister and Secretary of State Marco Rubio spoke on Thursday."),
        vec![t("MEXGOV", "USAGOV", "040")]
    );
    assert_eq!(
        code("Marco Rubio spoke to reporters on Friday."),
        Vec::<Triple>::new()
    );
    assert_eq!(
        code("Iran and the United States will resume nuclear talks in Oman."),
        vec![t("IRNGOV", "USAGOV", "046")]
    );
    assert_eq!(
        code("Trump put off the tariffs on Mexican goods for a month."),
        vec![t("USAGOV", "MEXGOV", "085")]
    );
    // The designation's own spelling of the Gulf Cartel.
    assert_eq!(
        code("The United States designated the Cártel de Golfo as a terrorist organization."),
        vec![t("USAGOV", "MEXCRM", "172")]
    );
}

#[test]
fn no_invasion_of_the_speakers_own_country_rejects_the_other_party() {
    // The country after "invasion of" is the speaker's own (the place), not the one rejected:
    // the rejection goes to the article's other party, as an implied target.
    let coded = code(
        "Trump ordered strikes on the cartels in Mexico. The United States wants action in \
         Mexico. “There will be no invasion of Mexico,” Sheinbaum said on Friday.",
    );
    assert!(coded.contains(&t("MEXGOV", "USAGOV", "120")), "{coded:?}");
}
