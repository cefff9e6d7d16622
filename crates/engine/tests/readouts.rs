//! Official readouts, remarks and transcripts (State, Defense, White House pages): how their
//! actors are written. Each sentence is our own, written for the test.

mod common;

use atalaya_engine::Engine;
use common::{code_events, sorted_triples, t, Triple};

fn engine() -> &'static Engine {
    common::default_engine()
}

fn code_on(text: &str, published: &str) -> Vec<Triple> {
    sorted_triples(&code_events(engine(), text, Some(published)))
}

#[test]
fn a_title_before_a_name_with_a_middle_initial() {
    // The dictionary knows "Blinken" and "Mattis"; "Antony J." and "Jim N." are name parts it
    // does not hold: the title still belongs to the person, not to nobody.
    assert_eq!(
        code_on(
            "Secretary of State Antony J. Blinken met French Foreign Minister Le Drian in Paris on Monday.",
            "2021-06-30"
        ),
        vec![t("USAGOV", "FRAGOV", "040")]
    );
    assert_eq!(
        code_on(
            "Secretary of Defense Jim N. Mattis met the Japanese defense minister at the Pentagon.",
            "2017-05-10"
        ),
        vec![t("USAMIL", "JPNMIL", "040")]
    );
}

#[test]
fn a_named_officials_title_is_not_shared_in_a_compound() {
    // "Minister Ahn" has no country of its own: "Secretary Mattis and Minister Ahn" is not two
    // US officials (parse.rs join_into). (Naming him by his surname, which a Korean name
    // writes first, is not resolved yet.)
    let text =
        "Secretary of Defense Jim Mattis hosted South Korean Defense Minister Ahn Gyu-back at \
                the Pentagon on Tuesday. Secretary Mattis and Minister Ahn condemned North Korea's \
                latest missile launch.";
    let events = code_on(text, "2017-11-14");
    assert!(events.contains(&t("USAMIL", "PRKGOV", "111")), "{events:?}");
    // The US secretary's title is his own: "Minister Ahn" is never made a US official.
    assert!(
        !events.iter().any(|e| e.0.starts_with("USAMILGOV")),
        "{events:?}"
    );
}

#[test]
fn an_unknown_minister_beside_a_us_official_is_not_american() {
    // Nothing names Minister Oyelaran's country: his act is not coded (and is not the US's).
    let events = code_on(
        "Secretary Mattis and Minister Oyelaran condemned the attack on Iraq by Iran.",
        "2018-03-02",
    );
    assert!(events.iter().all(|e| e.0 == "USAMIL"), "{events:?}");
}

#[test]
fn promised_or_wished_cooperation_is_an_intent() {
    // NEWS-CONVENTIONS §3: promises of cooperation are 030 / 031x, the verbal act that happened.
    assert_eq!(
        code_on(
            "Chile will cooperate with Peru on the fisheries dispute.",
            "2019-04-02"
        ),
        vec![t("CHLGOV", "PERGOV", "030")]
    );
    assert_eq!(
        code_on(
            "Ghana wants to work with Togo to secure their shared border.",
            "2019-04-02"
        ),
        vec![t("GHAGOV", "TGOGOV", "030")]
    );
    // Cooperation that goes on is cooperation.
    assert_eq!(
        code_on(
            "Chile is cooperating with Peru on the fisheries dispute.",
            "2019-04-02"
        ),
        vec![t("CHLGOV", "PERGOV", "060")]
    );
}

#[test]
fn what_was_discussed_is_no_party_to_the_talk() {
    // DISCUSS (verbs/04-consult.txt): the country right after "discussed" is the topic.
    assert_eq!(
        code_on(
            "Kerry discussed Libya with Lavrov in Rome on Monday.",
            "2014-03-10"
        ),
        vec![t("USAGOV", "RUSGOV", "040")]
    );
    assert_eq!(
        code_on("Kerry discussed Libya at length.", "2014-03-10"),
        vec![]
    );
    // CONSULT keeps its object: the one consulted.
    assert_eq!(
        code_on("Kerry consulted Egypt on the Libya plan.", "2014-03-10"),
        vec![t("USAGOV", "EGYGOV", "040")]
    );
}

#[test]
fn a_visit_of_someone_and_a_conference_hosted() {
    // VISIT_OF: "a ... visit of X to Y" is X's visit to Y, whoever speaks of it.
    assert_eq!(
        code_on(
            "We thought it was a very fruitful visit of President Boric to Lima.",
            "2023-05-02"
        ),
        vec![t("CHLGOV", "PERGOV", "042")]
    );
    // HOST: a conference a country "will be hosting in May" hosts nobody the sentence names.
    assert_eq!(
        code_on(
            "We are working with Chile on the summit that Peru will be hosting in May.",
            "2023-05-02"
        )
        .into_iter()
        .filter(|e| e.2.starts_with("04"))
        .collect::<Vec<_>>(),
        vec![]
    );
}

#[test]
fn commonwealth_defence_titles_are_military() {
    // agents.txt: "Minister for Defence", "Secretary of State for Defence".
    assert_eq!(
        code_on(
            "Mattis met New Zealand's Minister for Defence in Wellington on Monday.",
            "2017-06-05"
        ),
        vec![t("USAMIL", "NZLMIL", "040")]
    );
    assert_eq!(
        code_on(
            "Secretary Austin met the British Secretary of State for Defence in London.",
            "2024-09-26"
        ),
        vec![t("USAMIL", "GBRMIL", "040")]
    );
}
