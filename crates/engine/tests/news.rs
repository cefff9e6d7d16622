//! Real-news behaviour of the default dictionaries (NEWS-CONVENTIONS, `suites/news`): each test
//! is a shape of sentence that real articles have and test sentences rarely do, written here
//! in our own words, and fails when the rule that handles it breaks.

mod common;

use atalaya_engine::{Article, Engine, Event};
use common::{sorted_triples, t, Triple};

fn engine() -> &'static Engine {
    common::default_engine()
}

fn article(text: &str, outlet: Option<&str>) -> Vec<Event> {
    article_on(text, outlet, "2025-11-18")
}

fn article_on(text: &str, outlet: Option<&str>, published: &str) -> Vec<Event> {
    let a = Article {
        id: "n".into(),
        text: text.into(),
        outlet: outlet.map(str::to_string),
        published: Some(published.into()),
        ..Article::default()
    };
    engine().code_article(&a).events
}

fn triples(events: &[Event]) -> Vec<Triple> {
    sorted_triples(events)
}

fn code(text: &str) -> Vec<Triple> {
    triples(&article(text, None))
}

#[test]
fn a_country_acting_is_its_government_and_its_people_are_civilians() {
    assert_eq!(
        code("Mexico extradited 26 cartel figures to the United States."),
        vec![t("MEXGOV", "USAGOV", "063")]
    );
    assert_eq!(
        code("Canada criticized Mexico."),
        vec![t("CANGOV", "MEXGOV", "111")]
    );
    assert_eq!(
        code("Venezuela released six Americans on Saturday."),
        vec![t("VENGOV", "USACVL", "0841")]
    );
}

#[test]
fn no_event_without_both_actors_or_with_a_stateless_organ() {
    // No target at all.
    assert_eq!(code("China imposed export controls on Monday."), vec![]);
    // "the ministry" of no named country.
    assert_eq!(
        code("The ministry criticized the decision of the court."),
        vec![]
    );
}

#[test]
fn lower_case_common_words_are_not_acronyms() {
    // "who" is not the World Health Organization.
    let got = code("Sheinbaum criticized senators who proposed strikes.");
    assert!(
        got.iter()
            .all(|(s, t, _)| !s.contains("WHO") && !t.contains("WHO")),
        "{got:?}"
    );
}

#[test]
fn hyphenated_backers_are_modifiers_not_actors() {
    assert_eq!(
        code("Iran-backed Houthi militants attacked the Israeli army."),
        vec![t("YEMREB", "ISRMIL", "190")]
    );
    assert_eq!(
        code("Armenia accused Azerbaijan of breaking the Russian-brokered truce."),
        vec![t("ARMGOV", "AZEGOV", "112")]
    );
}

#[test]
fn a_compound_is_its_own_target_only_for_joint_or_reciprocal_acts() {
    assert_eq!(code("U.S. and British aircraft hit the targets."), vec![]);
    assert_eq!(
        code("Armenia and Azerbaijan accused each other of new attacks."),
        vec![t("ARMGOV", "AZEGOV", "1123"), t("AZEGOV", "ARMGOV", "1123")]
    );
    // A signed agreement is one event, not one each way.
    assert_eq!(
        code("Canada and Mexico signed a security agreement."),
        vec![t("CANGOV", "MEXGOV", "057")]
    );
}

#[test]
fn troops_deployed_are_an_instrument_not_a_target() {
    assert_eq!(code("Mexico deployed 10,000 troops to the border."), vec![]);
}

#[test]
fn a_place_in_a_country_is_not_the_country() {
    assert_eq!(
        code("Armenia and Azerbaijan will hold talks in the Russian city of Sochi."),
        vec![t("ARMGOV", "AZEGOV", "046")]
    );
}

#[test]
fn fillers_inside_verb_phrases_and_name_suffixes() {
    let readout = "President Joseph R. Biden, Jr. spoke today with President Andrés Manuel López Obrador of Mexico.";
    assert_eq!(
        triples(&article_on(readout, None, "2022-10-18")),
        vec![t("USAGOV", "MEXGOV", "040")]
    );
    assert_eq!(
        code("Secretary of State Marco Rubio met Tuesday with President Claudia Sheinbaum."),
        vec![t("USAGOV", "MEXGOV", "040")]
    );
}

#[test]
fn first_person_is_the_quote_speaker_or_the_publisher() {
    // Outside quotes, "we" in a ministry's statement is the ministry's government.
    let got = triples(&article(
        "We strongly condemn the attack by Russia on Ukrainian cities.",
        Some("US Department of State"),
    ));
    assert!(
        got.iter().any(|(s, t, _)| s == "USAGOV" && t == "RUSGOV"),
        "{got:?}"
    );
    // A news outlet is no actor: its "we" stays unresolved.
    let got = triples(&article(
        "We strongly condemn the attack by Russia on Ukrainian cities.",
        Some("Voice of America"),
    ));
    assert!(got.iter().all(|(s, _, _)| s != "USAGOV"), "{got:?}");
    // Inside quotes, the one speaker outside them.
    assert_eq!(
        code("\"We will not accept any intervention by the United States,\" Sheinbaum said."),
        vec![t("MEXGOV", "USAGOV", "120")]
    );
}

#[test]
fn page_furniture_is_not_coded() {
    // The menu, the headline, a caption shown twice, and the lead repeated further down.
    let caption = "Canada's prime minister meets Mexico's president in Ottawa, May 2, 2024.";
    let text = format!(
        "Breaking News\n\nMexico Criticizes Canada\n\n{caption}\n{caption}\n\n\
         Mexico criticized Canada on Tuesday.\n\nThe talks ended.\n\n\
         Mexico criticized Canada on Tuesday."
    );
    let text = text.as_str();
    let events = article(text, None);
    assert_eq!(triples(&events), vec![t("MEXGOV", "CANGOV", "111")]);
    assert!(events[0].sentence.starts_with("Mexico criticized"));
}

/// The suite's own annotations (suites/news/annotations) are well formed: every code, actor,
/// modality and date (the texts are not needed for this).
#[test]
fn the_news_suite_annotations_are_valid() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../suites/news/annotations");
    let mut records = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("suites/news/annotations") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let r: atalaya_engine::news_eval::NewsRecord = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
            records += 1;
            for p in atalaya_engine::news_eval::check_record(&r) {
                problems.push(format!("{}:{}: {p}", path.display(), i + 1));
            }
        }
    }
    assert!(records >= 50, "{records} annotated articles");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn whom_an_act_is_for_or_answers_is_not_its_target() {
    assert_eq!(
        code("The Houthis said they are conducting attacks in solidarity with Palestinians."),
        vec![]
    );
    assert_eq!(
        code("U.S. forces conducted airstrikes in response to attacks against American forces."),
        vec![]
    );
}

#[test]
fn organs_of_one_state_cooperating_is_internal_procedure() {
    assert_eq!(
        code("The Pentagon is working with the State Department on the border mission."),
        vec![]
    );
}

#[test]
fn destruction_of_property_needs_the_property_named() {
    assert_eq!(
        code("Maduro has destroyed the lives of so many Venezuelans."),
        vec![]
    );
    assert_eq!(
        code("Israel destroyed Hezbollah's infrastructure in southern Lebanon."),
        vec![t("ISRGOV", "LBNREB", "1712")]
    );
}

#[test]
fn a_past_act_is_not_dated_by_the_later_event_it_names() {
    let events = article_on(
        "India called off next week's talks with Pakistan.",
        None,
        "2014-08-18",
    );
    assert_eq!(triples(&events), vec![t("INDGOV", "PAKGOV", "164")]);
    // Not the week of the talks (2014-08-25): the calling off is dated by the article.
    assert_eq!(events[0].date.as_deref(), Some("2014-08-18"));
}

#[test]
fn who_ordered_an_act_is_not_its_doer() {
    assert_eq!(
        code("At President Trump's direction, U.S. forces struck Houthi targets on Monday."),
        vec![t("USAMIL", "YEMREB", "190")]
    );
}

#[test]
fn a_quote_that_goes_on_keeps_its_speaker() {
    let text = "\"We are ready to talk,\" Sheinbaum said on Tuesday. \
                \"We will never accept an intervention by the United States.\"";
    assert_eq!(code(text), vec![t("MEXGOV", "USAGOV", "120")]);
    // With no speaker before, the quote's "we" stays unknown.
    assert_eq!(
        code("Sheinbaum spoke on Tuesday. \"We will never accept an intervention by the United States.\""),
        vec![]
    );
}

#[test]
fn the_regime_is_never_the_voice_of_the_statement() {
    // A State Department statement names Nicaragua's government, then "the regime": the
    // nearest government before it is the department itself, which never calls itself so.
    let got = triples(&article(
        "The Department of State condemned the Nicaraguan government's crackdown.\n\n\
         The Department of State imposed visa restrictions on Nicaraguan officials.\n\n\
         The regime has arrested 20 opposition candidates.",
        Some("US Department of State"),
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "NICGOV" && t == "NICOPP" && c == "173"),
        "{got:?}"
    );
    assert!(got.iter().all(|(_, t, _)| t != "USAOPP"), "{got:?}");
}

#[test]
fn a_state_coercing_an_unnamed_group_acts_on_its_own_people() {
    // "opposition candidates" of no named country, arrested by Nicaragua's police: Nicaragua's.
    assert_eq!(
        code("Nicaraguan police arrested opposition candidates."),
        vec![t("NICCOP", "NICOPP", "173")]
    );
    // Not for cooperation: whom a state meets is not its own by default.
    assert!(code("Nicaragua met opposition candidates.")
        .iter()
        .all(|(_, t, _)| t != "NICOPP"));
}

#[test]
fn a_demonym_in_ese_is_the_people_only_as_a_noun() {
    // "Chinese incursions" are China's (its government), not China's civilians ...
    assert_eq!(
        code("Japan criticized Chinese incursions near the islands."),
        vec![t("JPNGOV", "CHNGOV", "111")]
    );
    // ... while "the Chinese" doing the act are its people, as "Mexicans" are.
    assert_eq!(
        code("The Chinese criticized Japan."),
        vec![t("CHNCVL", "JPNGOV", "111")]
    );
}

#[test]
fn diplomats_of_an_intergovernmental_body_are_the_body() {
    let got = code("Diplomats from the European Union criticized Russia.");
    assert_eq!(got, vec![t("IGOEUREEC", "RUSGOV", "111")]);
}

#[test]
fn those_killed_or_detained_are_not_the_doers() {
    // "Mexicans killed in the attack": the victims, not the killers; nobody is named as doer.
    assert_eq!(
        code("A memorial lists Mexicans killed in the attack by Canadian forces."),
        Vec::<Triple>::new()
    );
    // The same verb with its object is the act.
    assert_eq!(
        code("Canadian forces killed Mexicans in the attack."),
        vec![t("CANMIL", "MEXCVL", "190")]
    );
}

#[test]
fn a_region_is_no_party() {
    assert_eq!(
        code("Mexico threatened Central American countries."),
        Vec::<Triple>::new()
    );
}

#[test]
fn a_contrast_clause_has_its_own_subject() {
    // China is the subject of the clause after ", while", not what Japan annexed.
    let got = code("Japan annexed the islands in 1895, while China claimed them in 1971.");
    assert!(
        got.iter()
            .all(|(s, t, _)| !(s == "JPNGOV" && t == "CHNGOV")),
        "{got:?}"
    );
}

#[test]
fn a_country_after_in_places_the_actor_before_it() {
    // "Palestinians in Gaza": where they are, not a second target of the attacks.
    let got =
        code("Rohan's militia said it attacked ships in solidarity with Palestinians in Gaza.");
    assert!(got.iter().all(|(_, t, _)| !t.starts_with("PSE")), "{got:?}");
}

#[test]
fn force_shown_at_the_doers_own_border_has_no_target() {
    assert!(
        code("Mexican tanks deployed at a staging point on the Mexico-Guatemala border.")
            .iter()
            .all(|(s, t, _)| s.get(..3) != t.get(..3))
    );
    // Its own cartels stay a target.
    assert_eq!(
        code("Mexico deployed 2,000 soldiers against the Sinaloa Cartel."),
        vec![t("MEXGOV", "MEXCRM", "150")]
    );
}

#[test]
fn a_transcripts_speaker_label_is_its_first_person() {
    // On a State Department transcript, "we" after a foreign minister's label is Mexico's.
    let got = triples(&article(
        "SECRETARY RUBIO: It is a pleasure to be here with my colleague from Mexico, Foreign Secretary Juan Ramón de la Fuente.\n\n\
         FOREIGN SECRETARY EBRARD: Good morning. We will never accept the presence of U.S. troops.",
        Some("US Department of State"),
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "USAGOV" && t == "MEXGOV" && c.starts_with("04")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "MEXGOV" && t == "USAMIL" && c.starts_with("12")),
        "{got:?}"
    );
    // A questioner's label speaks for nobody: no event from the publisher's voice.
    let got = triples(&article(
        "QUESTION: Good morning. We will never accept the presence of Mexican troops, will we?",
        Some("US Department of State"),
    ));
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn an_apposition_after_colleague_names_the_one_met() {
    // TABARI drops comma asides; "my colleague, my friend, X" names whom the speaker meets.
    let got = triples(&article(
        "SECRETARY RUBIO: It is a great pleasure to be here with my colleague, my friend, Marcelo Ebrard, the economy secretary of Mexico.",
        Some("US Department of State"),
    ));
    assert_eq!(got, vec![t("USAGOV", "MEXGOV", "040")]);
}

#[test]
fn a_noun_after_a_determiner_and_a_year_is_no_verb() {
    // "the 1985 murder of a US agent" is what he is wanted for, not a murder coded now.
    let got = code("Mexican authorities transferred Rafael Caro Quintero, who is wanted for the 1985 murder of a US drug agent, to New York.");
    assert!(got.iter().all(|(_, _, c)| !c.starts_with("18")), "{got:?}");
    // Without the year the determiner already makes it a noun.
    let got = code("Mexican authorities transferred Rafael Caro Quintero, who is wanted for the murder of a US drug agent, to New York.");
    assert!(got.iter().all(|(_, _, c)| !c.starts_with("18")), "{got:?}");
}

fn titled_article(title: &str, text: &str) -> Vec<Event> {
    let a = Article {
        id: "n".into(),
        title: Some(title.into()),
        text: text.into(),
        published: Some("2020-01-01".into()),
        ..Article::default()
    };
    engine().code_article(&a).events
}

#[test]
fn a_speaker_named_after_the_quote_is_its_doer_in_news() {
    // The news defaults require both actors; the speaker after the quote completes the event
    // before that requirement is applied.
    assert_eq!(
        triples(&article(
            "Nothing is off the table with the cartels, Hegseth said.",
            None
        )),
        vec![t("USAMIL", "---CRM", "130")]
    );
}

#[test]
fn an_addressee_left_unsaid_is_the_articles_other_party() {
    let events = titled_article(
        "Japan protests Chinese patrols near disputed islands",
        "Japan lodged a protest with China on Tuesday after Chinese coast guard ships entered \
         waters near the disputed islands.\n\nChina's foreign ministry rejected the protest.",
    );
    assert_eq!(
        triples(&events),
        vec![t("CHNGOV", "JPNGOV", "120"), t("JPNGOV", "CHNGOV", "114")]
    );
    let implied = events.iter().find(|e| e.cameo == "120").map(|e| &e.target);
    assert!(
        implied.is_some_and(|t| t.implied && t.text.is_empty() && t.span.is_none()),
        "the target is marked as the article's, with no words: {implied:?}"
    );
    // The named target keeps its words.
    assert!(events
        .iter()
        .filter(|e| e.cameo == "114")
        .all(|e| !e.target.implied && e.target.span.is_some()));
}

#[test]
fn no_implied_addressee_when_the_article_has_no_plain_pair() {
    // Four countries: whom China rejects is not plain.
    let events = titled_article(
        "Leaders meet",
        "Japan lodged a protest with China on Tuesday, while South Korea and the United States \
         watched.\n\nSouth Korea also talked with the United States about it. China's foreign \
         ministry rejected the protest.",
    );
    assert!(
        !events.iter().any(|e| e.target.implied),
        "{:?}",
        triples(&events)
    );
    // Nor from a possessor or a subject whose verb lies further on.
    let events = titled_article(
        "Turkey and Syria",
        "Turkey shelled Syria on Monday. Syria condemned Turkey.\n\nTurkey's assault on the \
         villages is threatening to worsen the crisis.",
    );
    assert!(
        !events.iter().any(|e| e.target.implied),
        "{:?}",
        triples(&events)
    );
}

#[test]
fn an_accusation_alleges_the_accuseds_act_known_through_the_accuser() {
    let events = article_on(
        "Ukraine accused Russia of shelling residential areas in Kharkiv.",
        None,
        "2020-01-01",
    );
    assert_eq!(
        triples(&events),
        vec![t("RUSGOV", "UKRGOV", "194"), t("UKRGOV", "RUSGOV", "112")]
    );
    let alleged = events.iter().find(|e| e.cameo == "194");
    assert!(
        alleged.is_some_and(|e| e.modality == atalaya_engine::Modality::Reported
            && e.attribution.first().is_some_and(|a| a.text == "Ukraine")),
        "{alleged:?}"
    );
    // An attack with no object named is on the accuser.
    assert_eq!(
        code("South Sudan accuses Sudan of launching air attacks."),
        vec![t("SDNGOV", "SSDGOV", "190"), t("SSDGOV", "SDNGOV", "1123")]
    );
    // Only hostile acts are alleged: the accusation stands alone.
    assert_eq!(
        code("Venezuela accused Colombia of cooperating with the United States."),
        vec![t("VENGOV", "COLGOV", "112")]
    );
}

#[test]
fn the_main_clause_between_a_lead_in_and_an_aside_is_kept() {
    // A lead-in ("On Monday,") and an attribution after the clause: the stretch between the
    // two commas is the sentence's main clause, not an aside.
    assert_eq!(
        code("On Monday, Israeli troops shot a Lebanese soldier, the army said."),
        vec![t("ISRMIL", "LBNMIL", "193")]
    );
    // "and" before a verb phrase with no verb of its own ("wounded" is none) splits nothing;
    // a verb in the aside after the comma does not make it a clause.
    assert_eq!(
        code(
            "Israeli troops shot and wounded a Lebanese soldier near the fence, after what \
             the army called a breach."
        ),
        vec![t("ISRMIL", "LBNMIL", "193")]
    );
}

#[test]
fn according_to_names_the_report_not_the_doer() {
    let events = article(
        "According to Armenia, Azerbaijani forces attacked Armenian troops.",
        None,
    );
    assert_eq!(triples(&events), vec![t("AZEMIL", "ARMMIL", "190")]);
    assert!(events
        .iter()
        .all(|e| e.modality == atalaya_engine::Modality::Reported));
}

#[test]
fn exchanged_fire_and_clashes_go_both_ways() {
    assert_eq!(
        code("India and Pakistan exchanged fire along the disputed border."),
        vec![t("INDGOV", "PAKGOV", "190"), t("PAKGOV", "INDGOV", "190")]
    );
    // A joint strike is no fight between the allies.
    assert_eq!(
        code("US and British aircraft struck Houthi targets."),
        vec![t("GBRGOV", "YEMREB", "195"), t("USAGOV", "YEMREB", "195")]
    );
}

#[test]
fn the_end_after_an_apposition_holds_the_verb() {
    // The name between commas is an apposition; what follows the second comma is the
    // sentence's predicate, not a trailing aside.
    assert_eq!(
        code(
            "Ukraine's foreign minister, Dmytro Kuleba, called on NATO to send more air defenses."
        ),
        vec![t("UKRGOV", "IGOWSTNAT", "020")]
    );
}

/// An article with no publication date (a page whose header was lost).
fn code_undated(text: &str) -> Vec<Triple> {
    let a = Article {
        id: "n".into(),
        text: text.into(),
        ..Article::default()
    };
    triples(&engine().code_article(&a).events)
}

#[test]
fn a_title_in_a_persons_name_gives_the_office_of_an_undated_article() {
    // Undated, the dates make both men former officials; the title they are named by says
    // they held office.
    assert_eq!(
        code_undated(
            "Secretary Blinken spoke with Kenyan Foreign Minister Alfred Mutua on Tuesday."
        ),
        vec![t("USAGOV", "KENGOV", "040")]
    );
    assert_eq!(
        code_undated(
            "Secretary of Defense Lloyd J. Austin III met Polish Defense Minister Mariusz Blaszczak."
        ),
        vec![t("USAMIL", "POLMIL", "040")]
    );
    // A role still held (a start, no end) is the person's role on an undated page.
    assert_eq!(
        code_undated("Kim Jong Un criticized South Korea."),
        vec![t("PRKGOV", "KORGOV", "111")]
    );
    // The title may follow the country's adjective.
    assert_eq!(
        code_undated("Chinese President Hu Jintao criticized Japan."),
        vec![t("CHNGOV", "JPNGOV", "111")]
    );
    // A secretary-general's office is not his country's.
    assert!(
        code_undated("U.N. Secretary-General Ban Ki-moon criticized Syria.")
            .iter()
            .all(|(s, _, _)| s != "KORGOV")
    );
    // "Former" before the title keeps the former official.
    assert_eq!(
        code_undated("Former Secretary Blinken criticized China."),
        vec![t("USAELI", "CHNGOV", "111")]
    );
}

#[test]
fn a_country_after_in_is_no_doer_of_a_verbal_act() {
    // The delegates are not coded; Lebanon is where they met.
    assert_eq!(
        code("In Lebanon, the delegates praised Qatar for its mediation."),
        vec![]
    );
}

#[test]
fn a_compound_after_a_is_a_noun_not_a_verb() {
    // "a hostage release": the mediators release no one.
    assert_eq!(
        code("Egyptian mediators are working toward a hostage release from Hamas."),
        vec![]
    );
    assert_eq!(
        code("The Israeli families want a hostage release in Gaza."),
        vec![]
    );
}

#[test]
fn an_offer_to_meet_is_an_intent_to_meet() {
    // The offer is a noun; the meeting it offers has not happened.
    assert_eq!(
        code("South Korea repeated its offer to meet North Korea."),
        vec![t("KORGOV", "PRKGOV", "036")]
    );
    assert_eq!(
        code("Seoul renewed its proposal to hold talks with Pyongyang."),
        vec![t("KORGOV", "PRKGOV", "036")]
    );
}

#[test]
fn an_official_backing_his_own_state_is_no_event() {
    // In 2026 Blinken is a former official; the partner his support is for is India.
    assert_eq!(
        triples(&article_on(
            "Blinken voiced support for a partnership between the United States and India.",
            None,
            "2026-03-01"
        )),
        vec![t("USAELI", "INDGOV", "051")]
    );
}

#[test]
fn the_title_of_a_definite_description_finds_its_person_in_any_sector() {
    // "The secretary" is the defense secretary named before, a MIL actor.
    assert_eq!(
        triples(&article_on(
            "Secretary Austin visited Kyiv on Monday.\n\nThe secretary praised Ukraine for its courage.",
            None,
            "2023-09-12"
        )),
        vec![t("USAMIL", "UKRGOV", "042"), t("USAMIL", "UKRGOV", "051")]
    );
    // "The press secretary" is another office: not the secretary named before.
    assert_eq!(
        triples(&article_on(
            "Secretary Austin flew to Baghdad on Monday.\n\nAccording to the press secretary, the strikes destroyed facilities used by Iranian-backed militias.",
            None,
            "2023-09-12"
        )),
        vec![t("USAMIL", "IRQGOV", "042")]
    );
}

#[test]
fn the_venue_after_the_one_met_is_no_counterpart() {
    // The one met is not coded; Turkey is where.
    assert_eq!(
        code("Lavrov will meet with Anatoly Petrenko in Turkey next week."),
        vec![]
    );
    // With no "with" before it, the place may be the host (a visit, as the news suite codes it).
    assert_eq!(
        code("Lavrov met in Turkey with Anatoly Petrenko."),
        vec![t("RUSGOV", "TURGOV", "040")]
    );
}

#[test]
fn a_participle_clause_after_a_comma_is_no_aside() {
    assert_eq!(
        code("Russian forces shelled the city on Sunday, killing three Ukrainian civilians."),
        vec![t("RUSMIL", "UKRCVL", "194")]
    );
    assert_eq!(
        code("Israeli forces raided the city, killing five Palestinians, officials said."),
        vec![t("ISRMIL", "PSECVL", "190")]
    );
}

#[test]
fn violence_between_organs_of_one_state_is_a_misreading() {
    // The relative clause's doer is "the incident"; India and its own soldier are no dyad.
    let events = code(
        "India has accused Pakistan of starting the incident, which it said killed an Indian \
         soldier.",
    );
    assert!(
        !events.iter().any(|(s, t, _)| s.get(..3) == t.get(..3)),
        "{events:?}"
    );
}

#[test]
fn the_two_ministers_of_a_readout_are_its_two_countries() {
    // carry.rs `resolve_pair`: "the two ministers" names the article's pair, and codes the
    // acts between them only ("fought a war after they won independence from Spain" has
    // no event with Spain).
    let got = code(
        "Chile's foreign minister met Peru's foreign minister in Lima on Monday. Chile and Peru \
         share a long border. Peru and Chile trade copper.\n\nThe two ministers agreed to share \
         intelligence on drug trafficking. The two countries fought a war after they won \
         independence from Spain. Both sides of the border are calm. Bolivia urged both sides \
         to settle their issues.",
    );
    // The pair may be an outsider's target: Bolivia urged each of the two.
    assert_eq!(
        got,
        vec![
            t("BOLGOV", "CHLGOV", "020"),
            t("BOLGOV", "PERGOV", "020"),
            t("CHLGOV", "PERGOV", "0314"),
            t("CHLGOV", "PERGOV", "040"),
            t("PERGOV", "CHLGOV", "0314"),
        ]
    );
}

#[test]
fn a_transcript_label_is_no_part_of_what_is_said() {
    // coder/mod.rs: a label of up to eight words ("... ANTONY J. BLINKEN:") is the speaker's,
    // and the sentence is coded without it: its colon would open a comma clause that drops
    // the greeted visitor (WELCOME_GREETING: the visitor visits the place's government).
    let got = triples(&article_on(
        "SECRETARY OF STATE ANTONY J. BLINKEN: Foreign Minister Ebrard, welcome to Washington. \
         It is good to see you again.",
        Some("US Department of State"),
        "2021-10-08",
    ));
    assert_eq!(got, vec![t("MEXGOV", "USAGOV", "042")]);
}

#[test]
fn a_compound_carried_into_its_second_clause_cooperates_with_itself() {
    // coder/mod.rs: "A and B exchanged views ... and committed to ...": the second clause's
    // doer is the compound, its cooperative act the two sides' own; a hostile one is not.
    let got = code(
        "Chile and Peru exchanged views on Bolivia and committed to continue cooperating on \
         border security.",
    );
    assert!(got.contains(&t("CHLGOV", "PERGOV", "030")), "{got:?}");
    assert!(got.contains(&t("PERGOV", "CHLGOV", "030")), "{got:?}");
    let got = code("Chile and Peru met in Lima and condemned the attack.");
    assert!(got.iter().all(|e| e.2 != "111"), "{got:?}");
}

#[test]
fn a_possessive_owns_the_agent_so_the_country_after_from_is_a_place() {
    // parse.rs: "its troops from Uganda" are Kenya's troops leaving Uganda, not Ugandan troops;
    // without the possessive, "troops from Uganda" may still be Uganda's.
    assert_eq!(
        code("Kenya withdrew its troops from Uganda."),
        vec![t("KENGOV", "UGAGOV", "0874")]
    );
    assert_eq!(
        code("Kenya withdrew its ambassador from Uganda."),
        vec![t("KENGOV", "UGAGOV", "161")]
    );
    assert_eq!(
        code("Kenya recalled its ambassador from Uganda."),
        vec![t("KENGOV", "UGAGOV", "161")]
    );
}

#[test]
fn sanctions_announced_for_later_are_a_threat_made_now() {
    // conventions.rs: the domain table codes an announcement of future tariffs or sanctions
    // as 1312 (THREATEN), asserted; imposed ones stay 163.
    let events = article("Kenya will impose tariffs on Ugandan goods.", None);
    let got: Vec<_> = events
        .iter()
        .map(|e| (e.cameo.as_str(), e.modality, e.cameo_root.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![("1312", atalaya_engine::Modality::Asserted, "13")]
    );
    assert_eq!(
        code("Kenya imposed tariffs on Ugandan goods."),
        vec![t("KENGOV", "UGAGOV", "163")]
    );
}

#[test]
fn the_country_is_the_nearest_country_named_before_it() {
    // parse.rs resolve_pronouns (news): "the country" takes the last country named before it
    // in the sentence, as the state; with none it names nobody.
    let got =
        code("Kenya condemned the incursion by Uganda and demanded that the country withdraw.");
    assert!(got.contains(&t("KENGOV", "UGAGOV", "100")), "{got:?}");
    assert!(code("The country's foreign ministry condemned Uganda.").is_empty());
}

#[test]
fn a_mediator_named_in_a_hyphenated_modifier_is_no_party() {
    // words.rs is_modifier_compound: "AU-mediated talks" are talks the AU mediates; walking
    // out of them is an act on the other side (the article's counterpart), not on the AU.
    let events = article(
        "Sudan and South Sudan traded accusations on Thursday.\nSudan said South Sudan had \
         attacked its oil field. South Sudan denied the charge.\nThe Khartoum government said \
         it was pulling out of AU-mediated talks.",
        None,
    );
    let walkout: Vec<_> = events.iter().filter(|e| e.cameo == "164").collect();
    assert_eq!(walkout.len(), 1, "{events:?}");
    assert_eq!(walkout[0].target.code, "SSDGOV");
}

#[test]
fn a_reaction_told_by_a_gerund_is_the_subjects_act() {
    // mod.rs subject_of_verb: "China responded by sending ships" — China sent them; the
    // unnamed other side is the article's counterpart.
    let events = article(
        "China and Japan traded protests over the islands on Monday. Japan bought three of \
         the islands this week, and Japan said it would not reverse the purchase.\nChina \
         responded by sending two patrol ships to the contested waters.",
        None,
    );
    assert!(
        events.iter().any(|e| e.cameo == "150"
            && e.source.code == "CHNGOV"
            && e.target.code == "JPNGOV"
            && e.target.implied),
        "{events:?}"
    );
}

#[test]
fn a_questions_content_is_not_an_event() {
    // parse.rs drop_comma_clauses: "Asked if/whether/about ..., X said" drops the question.
    assert_eq!(
        code("Asked whether Kenya would send troops to Uganda, the minister declined to answer."),
        vec![]
    );
    assert_eq!(
        code("Asked if Kenya had condemned Uganda, the spokesman said no decision was made."),
        vec![]
    );
    assert_eq!(
        code("Asked about the strikes, Kenya's president condemned Uganda."),
        vec![t("KENGOV", "UGAGOV", "111")]
    );
}

#[test]
fn a_time_clause_of_a_future_main_clause_is_future() {
    // context/mod.rs: "will try ... when he meets Y on Wednesday" tells a meeting to come.
    let events = article_on(
        "Kenya's foreign minister will try to settle the dispute when he meets Uganda's \
         foreign minister on Wednesday.",
        None,
        "2019-06-03",
    );
    let meeting = events.iter().find(|e| e.cameo.starts_with("04"));
    assert!(
        meeting.is_some_and(|e| e.modality == atalaya_engine::Modality::Future),
        "{events:?}"
    );
    // a past one stays asserted
    let events = article_on(
        "Kenya's foreign minister met Uganda's foreign minister on Wednesday.",
        None,
        "2019-06-03",
    );
    assert!(events
        .iter()
        .all(|e| e.modality == atalaya_engine::Modality::Asserted));
}

#[test]
fn a_title_reaches_a_known_name_across_given_names_and_initials() {
    // parse.rs build_mentions (via_names): the title's agent attaches to the known surname
    // across the given names and initials no dictionary lists; before, the lone title took
    // the clause's subject and the sentence gave nothing.
    assert_eq!(
        code("Secretary of State Marco A. Rubio met Japan's foreign minister in Tokyo."),
        vec![t("USAGOV", "JPNGOV", "040")]
    );
    assert_eq!(
        code("Secretary of State Marco Antonio Rubio met Japan's foreign minister in Tokyo."),
        vec![t("USAGOV", "JPNGOV", "040")]
    );
}

#[test]
fn a_bracketed_acronym_after_a_name_keeps_the_name_and_its_title_together() {
    // words.rs drop_bracketed_acronyms: "(ROK)" no longer splits the country from the title
    // after it, so both ministers of the compound are the call's targets.
    assert_eq!(
        code("Canada held a call with Republic of Korea (ROK) Foreign Minister Park Jin and Japanese Foreign Minister Sato Ken."),
        vec![t("CANGOV", "JPNGOV", "041"), t("CANGOV", "KORGOV", "041")]
    );
}

#[test]
fn a_titled_person_is_named_later_by_the_surname_alone() {
    // carry.rs named_people: "Peruvian Defense Minister Ana Quispe" teaches the coder that
    // "Quispe" is PERMIL for the rest of the article.
    let text = "Chilean President Gabriel Boric met Peruvian Defense Minister Ana Quispe in Lima on Monday.\n\n\
                Boric thanked Quispe for the rescue of Chilean fishermen.";
    let got = triples(&article(text, None));
    assert!(got.contains(&t("CHLGOV", "PERMIL", "051")), "{got:?}");
    // "Minister Quispe": the lone title joins the surname.
    let text = "Chilean President Gabriel Boric met Peruvian Defense Minister Ana Quispe in Lima on Monday.\n\n\
                Boric praised Minister Quispe for her leadership.";
    let got = triples(&article(text, None));
    assert!(got.contains(&t("CHLGOV", "PERMIL", "051")), "{got:?}");
    // Without the titled first mention, the surname names nobody.
    let text = "Boric thanked Quispe for the rescue of Chilean fishermen.";
    let got = triples(&article(text, None));
    assert!(got.iter().all(|e| !e.1.starts_with("PER")), "{got:?}");
}

#[test]
fn a_dateline_alone_on_the_first_line_is_no_actor() {
    // carry.rs dateline_end: "LIMA -" ending its own line opens the story on the next one.
    let text = "LIMA \u{2013}\nChile condemned Bolivia's decision on Tuesday.";
    let got = triples(&article(text, None));
    assert_eq!(got, vec![t("CHLGOV", "BOLGOV", "111")]);
}

#[test]
fn a_listed_compound_and_its_former_names_carry_the_pattern_past_their_commas() {
    // patterns.rs (news): the commas inside "X, Y and Z" do not stop `* &TERROR`; parse.rs
    // separator: "(formerly W)" is another name of the list's member.
    let got = code(
        "The State Department designated the Sinaloa Cartel, Cartel del Noreste (formerly Los \
         Zetas), the Gulf Cartel and Tren de Aragua as Foreign Terrorist Organizations.",
    );
    assert!(got.contains(&t("USAGOV", "MEXCRM", "172")), "{got:?}");
    assert!(got.contains(&t("USAGOV", "VENCRM", "172")), "{got:?}");
    // a comma outside a list still ends the phrase
    assert!(
        code("Kenya designated Uganda, which denied it, a sponsor of terrorism.")
            .iter()
            .all(|e| e.2 != "172")
    );
}
