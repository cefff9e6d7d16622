//! `analyze` over hand-written sentences: each test states the sentence, the event the coder
//! would hand over (verb, source, target, code) and the context expected back.

use super::*;

const PUBLISHED: &str = "2025-09-10"; // a Wednesday

/// Word range of the first occurrence of `phrase` (folded like the coder's words).
fn find(words: &[(String, usize, usize)], phrase: &str) -> Range<usize> {
    let want: Vec<String> = words_of(phrase, 0).into_iter().map(|w| w.0).collect();
    let keys: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
    (0..keys.len())
        .find(|&i| {
            keys.get(i..i + want.len())
                .is_some_and(|s| s.iter().zip(&want).all(|(a, b)| *a == b.as_str()))
        })
        .map(|i| i..i + want.len())
        .unwrap_or_else(|| panic!("`{phrase}` not in {keys:?}"))
}

struct Case<'a> {
    text: &'a str,
    verb: &'a str,
    source: Option<&'a str>,
    target: Option<&'a str>,
    /// Every actor of the sentence, with its code.
    actors: &'a [(&'a str, &'a str)],
    cameo: &'a str,
    article: Option<&'a str>,
}

impl<'a> Case<'a> {
    fn new(text: &'a str, verb: &'a str, cameo: &'a str) -> Self {
        Case {
            text,
            verb,
            source: None,
            target: None,
            actors: &[],
            cameo,
            article: None,
        }
    }
    fn dyad(mut self, source: &'a str, target: &'a str) -> Self {
        self.source = Some(source);
        self.target = Some(target);
        self
    }
    fn actors(mut self, actors: &'a [(&'a str, &'a str)]) -> Self {
        self.actors = actors;
        self
    }
    fn run(&self) -> Context {
        let article = self.article.unwrap_or(self.text);
        let base = article.find(self.text).unwrap_or(0);
        let words = words_of(self.text, base);
        let spans: Vec<ActorSpan> = self
            .actors
            .iter()
            .map(|(p, c)| ActorSpan {
                words: find(&words, p),
                code: c,
            })
            .collect();
        let site = EventSite {
            sentence: self.text,
            base,
            words: &words,
            verb: find(&words, self.verb),
            source: self.source.map(|p| find(&words, p)),
            target: self.target.map(|p| find(&words, p)),
            actors: &spans,
            cameo: self.cameo,
            pattern_matched: false,
            published: NaiveDate::parse_from_str(PUBLISHED, "%Y-%m-%d").ok(),
            article_text: article,
        };
        analyze(&site)
    }
}

fn modality(text: &str, verb: &str) -> Modality {
    Case::new(text, verb, "190").run().modality
}

#[test]
fn plain_past_events_are_asserted() {
    assert_eq!(
        modality("US forces struck a cartel lab in Sinaloa.", "struck"),
        Modality::Asserted
    );
    assert_eq!(
        modality(
            "Mexico extradited 26 cartel figures to the United States.",
            "extradited"
        ),
        Modality::Asserted
    );
    assert_eq!(
        modality("The navy seized a vessel off Baja California.", "seized"),
        Modality::Asserted
    );
}

#[test]
fn negation_cues() {
    for (text, verb) in [
        (
            "The United States did not strike targets in Mexico.",
            "strike",
        ),
        ("The Pentagon didn't deploy troops to Sonora.", "deploy"),
        (
            "Washington has never attacked Mexican territory.",
            "attacked",
        ),
        ("Mexico refused to extradite the suspects.", "extradite"),
        (
            "US forces refrained from attacking the compound.",
            "attacking",
        ),
        ("Mexico will not accept any intervention.", "accept"),
        ("The government declined to sign the agreement.", "sign"),
        ("No US troops entered Mexican territory.", "entered"),
        (
            "The talks stopped short of endorsing joint operations.",
            "endorsing",
        ),
        (
            "Mexico would never allow foreign troops on its soil.",
            "allow",
        ),
    ] {
        assert_eq!(modality(text, verb), Modality::Negated, "{text}");
    }
    let c = Case::new(
        "The United States did not strike targets in Mexico.",
        "strike",
        "190",
    )
    .run();
    assert_eq!(c.modality_cue.as_deref(), Some("did not"));
    let c = Case::new("The Pentagon didn't deploy troops.", "deploy", "150").run();
    assert_eq!(c.modality_cue.as_deref(), Some("did n't"));
}

#[test]
fn modal_and_deliberation_cues_are_hypothetical() {
    for (text, verb) in [
        (
            "The White House is considering drone strikes against the cartels.",
            "strikes",
        ),
        (
            "Officials are weighing options to strike fentanyl labs.",
            "strike",
        ),
        ("The United States could deploy special forces.", "deploy"),
        (
            "Washington would impose tariffs on Mexican goods.",
            "impose",
        ),
        (
            "The administration plans to designate more cartels.",
            "designate",
        ),
        ("Senators proposed sending troops to the border.", "sending"),
        ("Some lawmakers advocated for bombing the labs.", "bombing"),
        (
            "Republicans urged the president to attack the cartels.",
            "attack",
        ),
        ("Mexico might expel the ambassador.", "expel"),
        (
            "The Pentagon has drawn up options for strikes inside Mexico.",
            "strikes",
        ),
        (
            "Trump signed a directive to use military force against cartels.",
            "use",
        ),
    ] {
        assert_eq!(modality(text, verb), Modality::Hypothetical, "{text}");
    }
}

/// A verbal act (threat, demand, offer) with a condition after its verb is made; a condition
/// before it still makes it hypothetical.
#[test]
fn a_threat_on_a_condition_is_made() {
    let c = Case::new(
        "Gondor threatened new tariffs if Arnor does not act.",
        "threatened",
        "1312",
    )
    .run();
    assert_eq!(c.modality, Modality::Asserted);
    let c = Case::new(
        "If Arnor does not act, Gondor will threaten tariffs.",
        "threaten",
        "1312",
    )
    .run();
    assert_eq!(c.modality, Modality::Hypothetical);
}

/// A condition governs its own clause, not a coordinated one before it.
#[test]
fn a_condition_stays_in_its_clause() {
    let c = Case::new(
        "Gondor canceled the aid, and warned that sanctions could follow if Arnor acts.",
        "canceled",
        "162",
    )
    .run();
    assert_eq!(c.modality, Modality::Asserted);
}

/// A threat said with "will" or "would" is made when it is said.
#[test]
fn a_threat_in_the_future_tense_is_made() {
    let c = Case::new("Gondor will retaliate against Arnor.", "retaliate", "138").run();
    assert_eq!(c.modality, Modality::Asserted);
    let c = Case::new("Gondor would strike back at Arnor.", "strike", "138").run();
    assert_eq!(c.modality, Modality::Asserted);
    // A negated failure is no negation.
    let c = Case::new(
        "Gondor will never fail to retaliate against Arnor.",
        "retaliate",
        "138",
    )
    .run();
    assert_eq!(c.modality, Modality::Asserted);
    // The act itself stays future.
    let c = Case::new("Gondor will strike Arnor.", "strike", "190").run();
    assert_eq!(c.modality, Modality::Future);
}

#[test]
fn conditionals_are_hypothetical_on_both_sides() {
    let text = "If Mexico does not act, the United States will strike the cartels.";
    let c = Case::new(text, "strike", "190").run();
    assert_eq!(c.modality, Modality::Hypothetical);
    assert_eq!(c.modality_cue.as_deref(), Some("if"));
    assert_eq!(
        modality("The US will strike unless Mexico acts.", "strike"),
        Modality::Hypothetical
    );
    assert_eq!(
        modality(
            "If Mexico does not act, the United States will strike.",
            "act"
        ),
        Modality::Hypothetical
    );
}

#[test]
fn futures() {
    for (text, verb) in [
        (
            "The United States will send 10,000 troops to the border.",
            "send",
        ),
        (
            "Mexico is set to transfer 26 prisoners to the US.",
            "transfer",
        ),
        ("The president vowed to crush the cartels.", "crush"),
        (
            "The two governments are expected to sign a security framework.",
            "sign",
        ),
        ("Sheinbaum is going to meet Rubio next week.", "meet"),
        ("Mexico'll deploy the National Guard.", "deploy"),
    ] {
        assert_eq!(modality(text, verb), Modality::Future, "{text}");
    }
}

#[test]
fn did_not_rule_out_is_a_threat() {
    let c = Case::new(
        "Trump did not rule out military strikes on Mexican soil.",
        "rule out",
        "120",
    )
    .dyad("Trump", "Mexican")
    .actors(&[("Trump", "USAGOV"), ("Mexican", "MEX")])
    .run();
    assert_eq!(c.recode.as_deref(), Some("138"));
    assert_eq!(c.modality, Modality::Asserted);
    assert_eq!(c.modality_cue.as_deref(), Some("did not rule out"));
    // The content verb itself coded: the threat matches the act.
    let c = Case::new(
        "Hegseth has not ruled out that the military could strike cartel camps.",
        "strike",
        "190",
    )
    .run();
    assert_eq!(c.recode.as_deref(), Some("1384"));
    let c = Case::new(
        "The White House refused to rule out sanctions on Mexican banks.",
        "rule out",
        "120",
    )
    .run();
    assert_eq!(c.recode.as_deref(), Some("1312"));
    let c = Case::new("Washington won't rule out tariffs.", "rule out", "120").run();
    assert_eq!(c.recode.as_deref(), Some("1312"));
}

#[test]
fn options_on_the_table_and_hesitation_are_threats() {
    let c = Case::new(
        "Trump said all options are on the table regarding the cartels.",
        "said",
        "010",
    )
    .dyad("Trump", "cartels")
    .actors(&[("Trump", "USAGOV"), ("cartels", "MEXCRM")])
    .run();
    assert_eq!(c.recode.as_deref(), Some("130"));
    assert_eq!(c.modality, Modality::Asserted);
    let c = Case::new(
        "The United States would not hesitate to strike the cartels.",
        "strike",
        "190",
    )
    .run();
    assert_eq!(c.recode.as_deref(), Some("1384"));
    let c = Case::new(
        "Trump threatened to impose 30 percent tariffs on Mexico.",
        "impose",
        "163",
    )
    .run();
    assert_eq!(c.recode.as_deref(), Some("1312"));
    // Already a threat: no recode.
    let c = Case::new("Trump did not rule out strikes.", "rule out", "138").run();
    assert_eq!(c.recode, None);
}

#[test]
fn there_will_be_no_invasion_by_the_target_is_a_rejection() {
    let text = "\"There will be no invasion,\" Sheinbaum said.";
    let c = Case::new(text, "invasion", "192")
        .actors(&[("Sheinbaum", "MEXGOV")])
        .run();
    // No source/target for the invasion here: the target's side cannot be checked.
    assert_eq!(c.modality, Modality::Negated);
    let text = "Sheinbaum said there will be no US invasion of Mexico.";
    let c = Case::new(text, "invasion", "192")
        .dyad("US", "Mexico")
        .actors(&[("Sheinbaum", "MEXGOV"), ("US", "USA"), ("Mexico", "MEX")])
        .run();
    assert_eq!(c.recode.as_deref(), Some("120"));
    assert_eq!(c.modality, Modality::Asserted);
    assert_eq!(c.recode_source, Some(0..1));
    assert_eq!(c.recode_target, Some(6..7));
    // Said by the would-be invader's side it is only negated.
    let text = "Rubio said there will be no US invasion of Mexico.";
    let c = Case::new(text, "invasion", "192")
        .dyad("US", "Mexico")
        .actors(&[("Rubio", "USAGOV"), ("US", "USA"), ("Mexico", "MEX")])
        .run();
    assert_eq!(c.recode, None);
    assert_eq!(c.modality, Modality::Negated);
}

#[test]
fn reported_content_and_the_attribution_chain() {
    let text = "NBC News, citing six current and former officials, reported that the Pentagon is drawing up plans to strike cartel targets.";
    let c = Case::new(text, "strike", "190")
        .dyad("Pentagon", "cartel")
        .actors(&[("Pentagon", "USAMIL"), ("cartel", "MEXCRM")])
        .run();
    assert_eq!(c.modality, Modality::Hypothetical);
    let kinds: Vec<(&str, &str)> = c
        .attribution
        .iter()
        .map(|a| (a.kind.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("anonymous", "six current and former officials"),
            ("outlet", "NBC News")
        ]
    );

    let text = "US drones struck a cartel camp in Sinaloa, according to The Washington Post.";
    let c = Case::new(text, "struck", "195")
        .dyad("US", "cartel")
        .actors(&[("US", "USA"), ("cartel", "MEXCRM")])
        .run();
    assert_eq!(c.modality, Modality::Reported);
    assert_eq!(c.modality_cue.as_deref(), Some("according to"));
    assert_eq!(c.attribution.len(), 1);
    assert_eq!(c.attribution[0].kind, "outlet");
    assert_eq!(c.attribution[0].text, "The Washington Post");

    let text = "According to two US officials, special forces raided a compound in Culiacan.";
    let c = Case::new(text, "raided", "190")
        .actors(&[("US officials", "USAGOV")])
        .run();
    assert_eq!(c.modality, Modality::Reported);
    assert_eq!(c.attribution[0].kind, "anonymous");
    assert_eq!(c.attribution[0].code.as_deref(), Some("USAGOV"));
}

#[test]
fn a_participle_after_a_determiner_reports_nothing() {
    // "The reported plan": no one named "The" reports it; the speaker is DHS.
    let text = "The reported plan was not disclosed, but DHS said on Friday that Mexico \
                signed an agreement with Guatemala.";
    let c = Case::new(text, "signed", "057")
        .dyad("Mexico", "Guatemala")
        .actors(&[("DHS", "USAGOV"), ("Mexico", "MEX"), ("Guatemala", "GTM")])
        .run();
    assert_eq!(c.modality, Modality::Reported);
    assert_eq!(c.attribution.len(), 1, "{:?}", c.attribution);
    assert_eq!(c.attribution[0].text, "DHS");
}

#[test]
fn speakers_with_codes() {
    let text = "Sheinbaum said US troops had entered Mexican territory.";
    let c = Case::new(text, "entered", "192")
        .dyad("US troops", "Mexican")
        .actors(&[
            ("Sheinbaum", "MEXGOV"),
            ("US troops", "USAMIL"),
            ("Mexican", "MEX"),
        ])
        .run();
    assert_eq!(c.modality, Modality::Reported);
    assert_eq!(
        c.attribution,
        vec![Attribution {
            kind: "speaker".into(),
            text: "Sheinbaum".into(),
            code: Some("MEXGOV".into())
        }]
    );

    // Trailing frame of a quote.
    let text = "\"We will not allow any intervention,\" Sheinbaum said on Tuesday.";
    let c = Case::new(text, "allow", "120")
        .actors(&[("Sheinbaum", "MEXGOV")])
        .run();
    // "will not allow" coded as a rejection: the rejection is asserted.
    assert_eq!(c.modality, Modality::Asserted);
    assert_eq!(c.modality_cue.as_deref(), Some("will not"));
    let c = Case::new(text, "allow", "0871")
        .actors(&[("Sheinbaum", "MEXGOV")])
        .run();
    assert_eq!(c.modality, Modality::Negated);
    assert_eq!(c.attribution[0].text, "Sheinbaum");
    assert_eq!(c.attribution[0].code.as_deref(), Some("MEXGOV"));
    assert_eq!(c.date.as_deref(), Some("2025-09-09"));

    // Inverted trailing frame with a title.
    let text = "The cartels must be dismantled, said Secretary of State Marco Rubio.";
    let c = Case::new(text, "dismantled", "170")
        .actors(&[("Secretary of State Marco Rubio", "USAGOV")])
        .run();
    assert_eq!(c.attribution[0].kind, "speaker");
    assert_eq!(c.attribution[0].text, "Secretary of State Marco Rubio");

    // An aside between speaker and verb.
    let text = "Sheinbaum, speaking at her morning news conference, said Mexico had arrested the suspects.";
    let c = Case::new(text, "arrested", "173")
        .actors(&[("Sheinbaum", "MEXGOV"), ("Mexico", "MEX")])
        .run();
    assert_eq!(c.attribution[0].text, "Sheinbaum");
    assert_eq!(c.modality, Modality::Reported);
}

#[test]
fn a_statement_is_its_speakers_event() {
    let text = "Sheinbaum said on Monday that the United States would strike cartel camps.";
    let actors = [
        ("Sheinbaum", "MEXGOV"),
        ("United States", "USA"),
        ("cartel", "MEXCRM"),
    ];
    let speech = Case::new(text, "said", "010").actors(&actors).run();
    assert_eq!(speech.modality, Modality::Asserted);
    assert!(speech.attribution.is_empty());
    assert_eq!(speech.date.as_deref(), Some("2025-09-08"));
    let content = Case::new(text, "strike", "190")
        .dyad("United States", "cartel")
        .actors(&actors)
        .run();
    assert_eq!(content.modality, Modality::Hypothetical);
    assert_eq!(content.attribution[0].code.as_deref(), Some("MEXGOV"));
    // No date of its own: the statement's.
    assert_eq!(content.date.as_deref(), Some("2025-09-08"));
    assert_eq!(content.date_precision.as_deref(), Some("day"));
}

#[test]
fn verbal_content_from_the_sources_side_is_asserted() {
    let text = "Sheinbaum said Mexico rejects any foreign intervention.";
    let c = Case::new(text, "rejects", "120")
        .dyad("Mexico", "foreign")
        .actors(&[("Sheinbaum", "MEXGOV"), ("Mexico", "MEX")])
        .run();
    assert_eq!(c.modality, Modality::Asserted);
    assert_eq!(c.attribution.len(), 1);
    // The same by a third party is reported.
    let text = "Rubio said Mexico rejects any foreign intervention.";
    let c = Case::new(text, "rejects", "120")
        .dyad("Mexico", "foreign")
        .actors(&[("Rubio", "USAGOV"), ("Mexico", "MEX")])
        .run();
    assert_eq!(c.modality, Modality::Reported);
}

#[test]
fn denials_negate_the_content() {
    let text = "The Pentagon denied that US drones struck targets in Tamaulipas.";
    let c = Case::new(text, "struck", "195")
        .actors(&[("Pentagon", "USAMIL"), ("US", "USA")])
        .run();
    assert_eq!(c.modality, Modality::Negated);
    assert_eq!(c.modality_cue.as_deref(), Some("denied"));
    assert_eq!(c.attribution[0].code.as_deref(), Some("USAMIL"));
}

fn date_of(text: &str, verb: &str) -> (Option<String>, Option<String>) {
    let c = Case::new(text, verb, "190").run();
    (c.date, c.date_precision)
}

fn d(date: &str, precision: &str) -> (Option<String>, Option<String>) {
    (Some(date.to_string()), Some(precision.to_string()))
}

#[test]
fn dates_resolve_against_publication() {
    assert_eq!(
        date_of("US forces struck a lab on Tuesday.", "struck"),
        d("2025-09-09", "day")
    );
    assert_eq!(
        date_of("Mexico arrested the men yesterday.", "arrested"),
        d("2025-09-09", "day")
    );
    assert_eq!(
        date_of("Mexico extradited 26 suspects last week.", "extradited"),
        d("2025-09-01", "week")
    );
    assert_eq!(
        date_of("The two sides met in early August.", "met"),
        d("2025-08-01", "month")
    );
    assert_eq!(
        date_of("The ministers met on September 4th.", "met"),
        d("2025-09-04", "day")
    );
    assert_eq!(
        date_of("Troops arrived in late April.", "arrived"),
        d("2025-04-01", "month")
    );
    assert_eq!(
        date_of("The cartel attacked police in March.", "attacked"),
        d("2025-03-01", "month")
    );
    assert_eq!(
        date_of("The raids began in the summer of 2020.", "began"),
        d("2020-06-01", "season")
    );
    assert_eq!(
        date_of(
            "Washington designated the cartels earlier this year.",
            "designated"
        ),
        d("2025-01-01", "year")
    );
    assert_eq!(
        date_of("Mexico protested the strike.", "protested"),
        d("2025-09-10", "article")
    );
    // A future event is dated when it is reported (NEWS-CONVENTIONS §5): "on Friday" is its
    // planned date, not its date.
    assert_eq!(
        date_of("Rubio will visit Mexico City on Friday.", "visit"),
        d("2025-09-10", "article")
    );
    assert_eq!(
        date_of(
            "Gondor said on Monday it would strike Arnor on Friday.",
            "strike"
        ),
        d("2025-09-08", "day")
    );
    // "since March" bounds the event but does not date it.
    assert_eq!(
        date_of("Troops have patrolled the border since March.", "patrolled"),
        d("2025-09-10", "article")
    );
}

/// The date of the clause that holds the verb: not one in a relative clause, an infinitive with
/// its object, or a fronted "since" clause.
#[test]
fn dates_of_other_clauses_are_not_the_events() {
    assert_eq!(
        date_of(
            "Gondor praised Arnor for a truce that ended in March.",
            "praised"
        ),
        d("2025-09-10", "article")
    );
    assert_eq!(
        date_of(
            "Gondor praised the offer to host the games in March.",
            "praised"
        ),
        d("2025-09-10", "article")
    );
    assert_eq!(
        date_of(
            "Since the talks in March, Gondor has helped Arnor.",
            "helped"
        ),
        d("2025-09-10", "article")
    );
    // The verb's own clause keeps its date, a place after "to" included.
    assert_eq!(
        date_of("Gondor sent troops to the border in March.", "sent"),
        d("2025-03-01", "month")
    );
    assert_eq!(
        date_of("In March, Gondor helped Arnor.", "helped"),
        d("2025-03-01", "month")
    );
}

#[test]
fn offsets_and_datelines() {
    assert_eq!(
        date_of(
            "Mexico retaliated two days after the March 4 raid.",
            "retaliated"
        ),
        d("2025-03-06", "day")
    );
    let article = "MEXICO CITY, Sept. 8 (Reuters) - Mexico deployed 10,000 National Guard troops to the border.";
    let text = "Mexico deployed 10,000 National Guard troops to the border.";
    let mut case = Case::new(text, "deployed", "150");
    case.article = Some(article);
    let c = case.run();
    assert_eq!((c.date, c.date_precision), d("2025-09-08", "day"));
    // Relative words resolve against the dateline's date.
    let article = "WASHINGTON, Sept. 3 (AP) - Trump spoke with Sheinbaum yesterday.";
    let text = "Trump spoke with Sheinbaum yesterday.";
    let mut case = Case::new(text, "spoke", "040");
    case.article = Some(article);
    let c = case.run();
    assert_eq!(c.date.as_deref(), Some("2025-09-02"));
}

#[test]
fn no_publication_date_means_no_date() {
    let words = words_of("Mexico arrested ten men on Tuesday.", 0);
    let site = EventSite {
        sentence: "Mexico arrested ten men on Tuesday.",
        base: 0,
        words: &words,
        verb: 1..2,
        source: Some(0..1),
        target: None,
        actors: &[],
        cameo: "173",
        pattern_matched: true,
        published: None,
        article_text: "",
    };
    let c = analyze(&site);
    assert_eq!(c.date, None);
    assert_eq!(c.date_precision, None);
    assert_eq!(c.modality, Modality::Asserted);
}

#[test]
fn confidence_follows_the_formula() {
    let words = words_of("Mexico arrested ten cartel members.", 0);
    let mut site = EventSite {
        sentence: "Mexico arrested ten cartel members.",
        base: 0,
        words: &words,
        verb: 1..2,
        source: Some(0..1),
        target: Some(3..5),
        actors: &[],
        cameo: "173",
        pattern_matched: true,
        published: None,
        article_text: "",
    };
    // 0.75 pattern + 0.10 dyad + 0.05 asserted without cue.
    assert_eq!(analyze(&site).confidence, 0.9);
    site.pattern_matched = false;
    assert_eq!(analyze(&site).confidence, 0.7);
    site.target = None;
    assert_eq!(analyze(&site).confidence, 0.5);
    let words = words_of("Mexico could arrest ten cartel members.", 0);
    let site = EventSite {
        words: &words,
        sentence: "Mexico could arrest ten cartel members.",
        verb: 2..3,
        source: Some(0..1),
        target: Some(4..6),
        pattern_matched: true,
        ..site
    };
    // 0.75 + 0.10 − 0.05 hypothetical.
    assert_eq!(analyze(&site).confidence, 0.8);
}

#[test]
fn far_actors_lower_confidence() {
    let text = "Mexico, after weeks of tense talks with officials in Washington over security, finally arrested the men.";
    let words = words_of(text, 0);
    let verb = find(&words, "arrested");
    let site = EventSite {
        sentence: text,
        base: 0,
        words: &words,
        verb,
        source: Some(0..1),
        target: Some(find(&words, "the men")),
        actors: &[],
        cameo: "173",
        pattern_matched: false,
        published: None,
        article_text: "",
    };
    let c = analyze(&site);
    assert!(c.confidence < 0.6, "{}", c.confidence);
}

#[test]
fn definite_descriptions() {
    assert_eq!(
        definite_description_kind(&["the", "president"]),
        Some("GOV")
    );
    assert_eq!(
        definite_description_kind(&["the", "white", "house"]),
        Some("GOV")
    );
    assert_eq!(definite_description_kind(&["the", "cartel"]), Some("CRM"));
    assert_eq!(
        definite_description_kind(&["the", "mexican", "army"]),
        Some("MIL")
    );
    assert_eq!(definite_description_kind(&["a", "cartel"]), None);
    assert_eq!(definite_description_kind(&["the", "weather"]), None);
}

#[test]
fn threat_codes() {
    assert_eq!(threat_code_for("195", &[]), "1384");
    assert_eq!(threat_code_for("192", &[]), "1382");
    assert_eq!(threat_code_for("163", &[]), "1312");
    assert_eq!(threat_code_for("183", &[]), "1383");
    assert_eq!(threat_code_for("120", &["military", "strikes"]), "138");
    assert_eq!(threat_code_for("120", &["tariffs"]), "1312");
    assert_eq!(threat_code_for("120", &["measures"]), "130");
}

#[test]
fn garbage_sites_do_not_panic() {
    let words = words_of("Said.", 0);
    let site = EventSite {
        sentence: "Said.",
        base: 100,
        words: &words,
        verb: 5..9,
        source: Some(Range { start: 7, end: 3 }),
        target: Some(0..40),
        actors: &[ActorSpan {
            words: Range { start: 3, end: 1 },
            code: "",
        }],
        cameo: "",
        pattern_matched: false,
        published: NaiveDate::from_ymd_opt(2025, 1, 1),
        article_text: "",
    };
    let _ = analyze(&site);
    let site = EventSite {
        words: &[],
        verb: 0..0,
        ..site
    };
    let c = analyze(&site);
    assert_eq!(c.modality, Modality::Asserted);
}

#[test]
fn deliberation_word_as_the_event_verb_is_hypothetical() {
    // The coder codes "is weighing strikes" as the strike, with "weighing" as its verb.
    let text = "The Pentagon is weighing strikes on cartel camps.";
    let c = Case::new(text, "weighing", "190").run();
    assert_eq!(c.modality, Modality::Hypothetical);
    assert_eq!(c.modality_cue.as_deref(), Some("weighing"));
    let text = "The Pentagon has drawn up plans for strikes on cartel camps.";
    assert_eq!(modality(text, "drawn"), Modality::Hypothetical);
    // Still reported-content rules first: a deliberation inside a report stays hypothetical.
    let text = "Axios reported that the White House was weighing strikes in Mexico.";
    let c = Case::new(text, "weighing", "190").run();
    assert_eq!(c.modality, Modality::Hypothetical);
    // A verbal code keeps its own reading ("considering a request" is not hypothetical talk).
    let c = Case::new("Mexico is considering the request.", "considering", "030").run();
    assert_eq!(c.modality, Modality::Asserted);
    // An ordinary verb is unaffected.
    assert_eq!(
        modality("US forces struck a cartel lab.", "struck"),
        Modality::Asserted
    );
}

#[test]
fn dateline_dash_ends_the_speaker_phrase() {
    let article = "MEXICO CITY - Sheinbaum said on Saturday that US troops had entered Mexico.";
    let c = Case::new(article, "entered", "192")
        .dyad("US troops", "Mexico")
        .actors(&[
            ("Sheinbaum", "MEXGOV"),
            ("US troops", "USAMIL"),
            ("Mexico", "MEX"),
        ])
        .run();
    assert_eq!(c.modality, Modality::Reported);
    assert_eq!(c.attribution.len(), 1);
    assert_eq!(c.attribution[0].text, "Sheinbaum");
    assert_eq!(c.attribution[0].code.as_deref(), Some("MEXGOV"));
}

#[test]
fn the_speakers_own_act_has_no_attribution() {
    // The threat is Trump's act: he is the event's actor, not a source.
    let text = "Trump said all options are on the table against the cartels.";
    let c = Case::new(text, "options", "130")
        .dyad("Trump", "cartels")
        .actors(&[("Trump", "USAGOV"), ("cartels", "---CRM")])
        .run();
    assert_eq!(c.modality, Modality::Asserted);
    assert!(c.attribution.is_empty(), "{:?}", c.attribution);
    // The speaker voicing another actor of the same side keeps the link.
    let text = "The United States would not hesitate to strike the cartels, Rubio said.";
    let c = Case::new(text, "hesitate", "138")
        .dyad("United States", "cartels")
        .actors(&[
            ("United States", "USA"),
            ("Rubio", "USAGOV"),
            ("cartels", "---CRM"),
        ])
        .run();
    assert_eq!(c.modality, Modality::Asserted);
    assert_eq!(c.attribution.len(), 1);
    assert_eq!(c.attribution[0].text, "Rubio");
}

#[test]
fn recalling_an_ambassador_is_not_a_statement() {
    let text = "Mexico recalled its ambassador from Ecuador in April 2024.";
    let c = Case::new(text, "recalled", "161")
        .dyad("Mexico", "Ecuador")
        .actors(&[("Mexico", "MEX"), ("Ecuador", "ECUGOV")])
        .run();
    assert_eq!(c.modality, Modality::Asserted);
    assert!(c.attribution.is_empty());
    assert_eq!(c.date.as_deref(), Some("2024-04-01"));
    assert_eq!(c.date_precision.as_deref(), Some("month"));
    // "recalled that" still reports.
    let text = "Sheinbaum recalled that US troops had entered Mexico in 1916.";
    let c = Case::new(text, "entered", "192")
        .dyad("US troops", "Mexico")
        .actors(&[
            ("Sheinbaum", "MEXGOV"),
            ("US troops", "USAMIL"),
            ("Mexico", "MEX"),
        ])
        .run();
    assert_eq!(c.modality, Modality::Reported);
}

#[test]
fn unnamed_sources_are_anonymous() {
    let text = "The United States should bomb the cartels, a senator said.";
    let c = Case::new(text, "bomb", "195").run();
    assert_eq!(c.attribution.len(), 1);
    assert_eq!(c.attribution[0].kind, "anonymous");
    assert_eq!(c.attribution[0].text, "a senator");
    // A place after the head does not name the official.
    let text = "Officials in Washington said the military was considering strikes.";
    let c = Case::new(text, "strikes", "190").run();
    assert_eq!(c.attribution[0].kind, "anonymous");
    assert_eq!(c.attribution[0].text, "Officials in Washington");
    // A name after the head does.
    let text = "Senator Lindsey Graham said the United States should bomb the cartels.";
    let c = Case::new(text, "bomb", "195").run();
    assert_eq!(c.attribution[0].kind, "speaker");
}

#[test]
fn calling_off_and_cancelling_plans_are_acts() {
    // "called" is a deliberation word ("called for strikes"), not in "called off".
    let c = Case::new("India called off talks with Pakistan.", "called", "164").run();
    assert_eq!(c.modality, Modality::Asserted);
    // The plans are what was cancelled: the reduction (16x) happened.
    let c = Case::new(
        "The U.S. canceled plans to send food aid to North Korea.",
        "canceled",
        "1623",
    )
    .run();
    assert_eq!(c.modality, Modality::Asserted);
    // A material code with a plan word stays hypothetical.
    assert_eq!(
        modality(
            "The Pentagon has drawn up plans for strikes in Mexico.",
            "strikes"
        ),
        Modality::Hypothetical
    );
}

#[test]
fn wanting_to_thank_is_thanking() {
    let c = Case::new(
        "I want to thank President Macron for his partnership.",
        "thank",
        "051",
    )
    .run();
    assert_eq!(c.modality, Modality::Asserted);
    // A material act wanted stays hypothetical.
    assert_eq!(
        modality("Trump wants to strike the cartels in Mexico.", "strike"),
        Modality::Hypothetical
    );
}

#[test]
fn a_negated_act_stays_negated_after_a_condition_or_a_question() {
    // "not imposing ... to see if": negated, and "to see if" asks, it sets no condition.
    assert_eq!(
        Case::new(
            "Gondor is not imposing sanctions on Arnor at this time to see if the talks make progress.",
            "imposing",
            "163"
        )
        .run()
        .modality,
        Modality::Negated
    );
    assert_eq!(
        Case::new(
            "Gondor imposed sanctions on Arnor to see if the pressure works.",
            "imposed",
            "163"
        )
        .run()
        .modality,
        Modality::Asserted
    );
}

#[test]
fn a_negation_inside_the_verb_form_negates() {
    // The dictionary codes "is not on the table" itself as the force ruled out.
    let c = Case::new(
        "Gondor said a military option against Arnor is not on the table.",
        "is not on the table",
        "190",
    )
    .run();
    assert_eq!(c.modality, Modality::Negated);
}
