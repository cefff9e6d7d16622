//! PETRARCH-2 loader tests on small fictional fixtures (tests/fixtures/petrarch).

use atalaya_dict::petrarch::{
    load_actors, load_agents, load_code_ontology, load_dir_petrarch, load_discards,
    load_petrarch_files, load_verbs, PetrarchFiles,
};
use atalaya_dict::{
    AgentPlacement, CodeSpec, DatedCode, Group, PatternElem, Phrase, TransformActor, TransformCode,
    TransformVerb, Warning,
};
use chrono::NaiveDate;
use std::path::PathBuf;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/petrarch")
        .join(path)
}

/// A phrase written as the loader should store it: words joined by `_` (consecutive) or
/// ` ` (words may come between), each word folded.
fn written(phrase: &Phrase) -> String {
    let mut out = String::new();
    for (i, word) in phrase.words.iter().enumerate() {
        if i > 0 {
            out.push(if word.adjacent { '_' } else { ' ' });
        }
        out.push_str(&word.key);
        if word.stem {
            out.push('*');
        }
    }
    out
}

/// The expected stored form of dictionary text (keys folded like the loader does).
fn key(text: &str) -> String {
    text.split_inclusive(['_', ' '])
        .map(|part| {
            let sep = part.chars().last().filter(|c| *c == '_' || *c == ' ');
            let word = part.trim_end_matches(['_', ' ']);
            let mut folded = atalaya_text::fold_key(word);
            if let Some(sep) = sep {
                folded.push(sep);
            }
            folded
        })
        .collect()
}

fn written_all(phrases: &[Phrase]) -> Vec<String> {
    phrases.iter().map(written).collect()
}

fn keys(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| key(t)).collect()
}

fn warning_lines(warnings: &[Warning]) -> Vec<u32> {
    let mut lines: Vec<u32> = warnings.iter().map(|w| w.origin.line).collect();
    lines.sort_unstable();
    lines
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn code(code: &str, from: Option<NaiveDate>, until: Option<NaiveDate>) -> DatedCode {
    DatedCode {
        code: code.to_owned(),
        from,
        until,
    }
}

#[test]
fn actors_phrases_synonyms_and_dated_codes() {
    let (actors, warnings) = load_actors(&fixture("set/Test.actors.txt")).expect("loads");
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ARVENIA",
            "MIRA KOSTEL",
            "TOMAS VREL",
            "LONE NAME",
            "BROLUND",
            "SKY TRIBUNAL",
            "THE TWIN CITIES",
            "OLD ENVOY",
            "BAD DATES"
        ]
    );

    let arvenia = &actors[0];
    assert_eq!(arvenia.origin.line, 5);
    // Blank and underscore both join consecutive words; `;` starts a comment.
    assert_eq!(
        written_all(&arvenia.phrases),
        keys(&["ARVENIA", "ARVENIAN", "REPUBLIC_OF_ARVENIA", "PORT_KALDER"])
    );
    assert!(arvenia
        .phrases
        .iter()
        .flat_map(|p| &p.words)
        .all(|w| !w.stem));
    assert_eq!(arvenia.codes, [code("ARV", None, None)]);

    let kostel = &actors[1];
    assert_eq!(
        written_all(&kostel.phrases),
        keys(&["MIRA_KOSTEL", "PRESIDENT_KOSTEL"])
    );
    assert_eq!(
        kostel.codes,
        [
            code("ARVELI", None, date(1999, 1, 1)),
            code("ARVGOV", date(1999, 1, 1), date(2003, 6, 15)),
            code("ARVELI", date(2003, 6, 16), None),
            code("ARV", None, None),
        ]
    );
    let on = |y, m, d| date(y, m, d).expect("valid date");
    assert!(kostel.codes[1].covers(on(2003, 6, 15)));
    assert!(!kostel.codes[1].covers(on(2003, 6, 16)));

    // Names listed under each other share the codes that follow them.
    let vrel = &actors[2];
    assert_eq!(
        written_all(&vrel.phrases),
        keys(&["TOMAS_VREL", "PRESIDENT_VREL", "VREL"])
    );
    assert_eq!(vrel.codes, [code("BRLGOV", date(2012, 2, 19), None)]);

    // A blank line ends a group: this name stays without code.
    assert!(actors[3].codes.is_empty());
    assert_eq!(actors[4].codes, [code("BRL", None, None)]);
    assert_eq!(
        actors[5].codes,
        [code("IGOJUD", None, None), code("---", None, None)]
    );
    assert_eq!(actors[6].codes, [code("ARV/BRL", None, None)]);
    assert_eq!(
        actors[7].codes,
        [
            code("BRLGOV", date(1985, 1, 1), date(1992, 12, 31)),
            code("BRLELI", None, None)
        ]
    );
    // Only the bare date survives, read as a start date.
    assert_eq!(actors[8].codes, [code("BRLGOV", date(2005, 5, 5), None)]);

    // 22 no code, 24 lowercase code, 29 no such date, 30 reversed range, 31 seven digits,
    // 32 bare date, 33 missing `]`, 34 empty synonym.
    assert_eq!(warning_lines(&warnings), [22, 24, 29, 30, 31, 32, 33, 34]);
    assert!(warnings
        .iter()
        .all(|w| w.origin.file.ends_with("Test.actors.txt")));
    let lowercase = warnings.iter().find(|w| w.origin.line == 24);
    assert!(lowercase.is_some_and(|w| w.message.contains("BRL")));
}

#[test]
fn latin1_lines_are_read_with_a_warning() {
    let (actors, warnings) = load_actors(&fixture("latin1/Latin1.actors.txt")).expect("loads");
    assert_eq!(actors.len(), 2);
    assert_eq!(written(&actors[0].phrases[0]), key("KALDERR\u{c9}"));
    assert_eq!(warning_lines(&warnings), [1]);
    assert!(warnings[0].message.contains("UTF-8"));
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let missing = fixture("set/does-not-exist.actors.txt");
    let error = load_actors(&missing).expect_err("missing file");
    assert!(error.to_string().contains("does-not-exist.actors.txt"));
}

#[test]
fn agents_plurals_substitutions_and_placement() {
    let (agents, warnings) = load_agents(&fixture("set/Test.agents.txt")).expect("loads");
    let by_name = |name: &str| {
        agents
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("agent {name}"))
    };
    let forms = |name: &str| written_all(&by_name(name).phrases);
    assert_eq!(forms("SOLDIER"), keys(&["SOLDIER", "SOLDIERS"]));
    assert_eq!(forms("MILITIA"), keys(&["MILITIA"]));
    assert_eq!(forms("SECURITY FORCES"), keys(&["SECURITY_FORCES"]));
    assert_eq!(forms("DEPUTY"), keys(&["DEPUTY", "DEPUTIES_GENERAL"]));
    assert_eq!(forms("AUTHORITY"), keys(&["AUTHORITY", "AUTHORITIES"]));
    assert_eq!(forms("WITNESS"), keys(&["WITNESS", "WITNESSES"]));
    // A blank in an agent phrase lets other words come between.
    assert_eq!(
        forms("HARBOR MASTER"),
        keys(&["HARBOR MASTER", "HARBOR MASTERS"])
    );
    assert_eq!(
        forms("COAST!PERSON!"),
        keys(&["COASTMAN", "COASTMEN", "COASTWOMAN", "COASTWOMEN"])
    );
    assert_eq!(
        forms("!MINIST! OF TIDES"),
        keys(&["MINISTER_OF_TIDES", "MINISTRY_OF_TIDES"])
    );

    assert_eq!(by_name("SOLDIER").code, "MIL");
    assert_eq!(by_name("SOLDIER").placement, AgentPlacement::Suffix);
    assert_eq!(by_name("HARBOR MASTER").code, "GOV");
    assert_eq!(by_name("RELIEF AGENCY").code, "NGO");
    assert_eq!(by_name("RELIEF AGENCY").placement, AgentPlacement::Prefix);
    assert_eq!(by_name("CANAL WARDEN").code, "GOV");
    assert_eq!(by_name("lowercase clerk").code, "GOV");
    assert_eq!(agents.len(), 12);

    // 15 `}` closes the code, 16 no code (skipped), 17 unknown set (skipped), 18 lowercase.
    assert_eq!(warning_lines(&warnings), [15, 16, 17, 18]);
}

#[test]
fn discards_story_level_and_stems() {
    let (discards, warnings) = load_discards(&fixture("set/Test.discards.txt")).expect("loads");
    assert!(warnings.is_empty());
    let got: Vec<(String, bool)> = discards
        .iter()
        .map(|d| (written(&d.phrase), d.story_level))
        .collect();
    assert_eq!(
        got,
        [
            (format!("{}*", key("REGATTA")), false),
            (format!("{}*", key("CHESS_OLYMPIAD")), true),
            (key("GROUP_Q"), false),
        ]
    );
}

#[test]
fn coding_ontology_values() {
    let (entries, warnings) =
        load_code_ontology(&fixture("set/Test.Coding.Ontology.txt")).expect("loads");
    let got: Vec<(&str, i64)> = entries
        .iter()
        .map(|e| (e.cameo.as_str(), e.value))
        .collect();
    assert_eq!(
        got,
        [
            ("010", 0x1000),
            ("033", 0x3040),
            ("124", 0x0200 - 0xFFFF),
            ("---", 0)
        ]
    );
    assert_eq!(warning_lines(&warnings), [6]);
}

fn words_of(elems: &[PatternElem]) -> Vec<String> {
    elems
        .iter()
        .map(|e| match e {
            PatternElem::Word(w) => format!("{}{}", if w.adjacent { "_" } else { "" }, w.key),
            PatternElem::Synset { index, adjacent } => {
                format!("{}&{index}", if *adjacent { "_" } else { "" })
            }
            PatternElem::Source { .. } => "$".to_owned(),
            PatternElem::Target { .. } => "+".to_owned(),
            PatternElem::Compound { .. } => "%".to_owned(),
            PatternElem::Skip { .. } => "^".to_owned(),
            PatternElem::Open(Group::Prepositional) => "(".to_owned(),
            PatternElem::Open(Group::Noun) => "{".to_owned(),
            PatternElem::Close(Group::Prepositional) => ")".to_owned(),
            PatternElem::Close(Group::Noun) => "}".to_owned(),
        })
        .collect()
}

#[test]
fn verbs_petrarch2_syntax() {
    let (dict, warnings) = load_verbs(&fixture("set/Test.verbs.txt")).expect("loads");

    let synset = |name: &str| {
        dict.synsets
            .iter()
            .position(|s| s.name == name)
            .unwrap_or_else(|| panic!("synset {name}"))
    };
    let members = |name: &str| written_all(&dict.synsets[synset(name)].members);
    // Plurals of the last word, except after `_` on the member or the set name.
    assert_eq!(
        members("VESSEL"),
        keys(&[
            "FERRY",
            "FERRIES",
            "BARGE",
            "PATROL_BOAT",
            "PATROL_BOATS",
            "CARGO_SHIP",
            "CARGO_SHIPS"
        ])
    );
    assert_eq!(members("AUXILIARY"), keys(&["WOULD", "IS_TO"]));
    // Nested sets are expanded; group marks in members are dropped.
    let mut craft = members("VESSEL");
    craft.extend(keys(&[
        "GLIDER",
        "GLIDERS",
        "TO_THE_HARBOR",
        "TO_THE_HARBORS",
    ]));
    assert_eq!(members("CRAFT"), craft);
    assert!(members("LOOP_A").is_empty());

    let lemmas: Vec<&str> = dict.verbs.iter().map(|v| v.lemma.as_str()).collect();
    assert_eq!(
        lemmas,
        [
            "BLOCKADE",
            "SEAL OFF",
            "HARBOR CLOSE",
            "STRANGLE",
            "PARLEY",
            "CONVENE"
        ]
    );
    let verb = |lemma: &str| {
        dict.verbs
            .iter()
            .find(|v| v.lemma == lemma)
            .unwrap_or_else(|| panic!("verb {lemma}"))
    };
    assert_eq!(
        written_all(&verb("BLOCKADE").forms),
        keys(&["BLOCKADE", "BLOCKADES", "BLOCKADED", "BLOCKADING"])
    );
    assert_eq!(
        written_all(&verb("SEAL OFF").forms),
        keys(&["SEAL_OFF", "SEALS_OFF", "SEALED_OFF", "SEALING_OFF"])
    );
    // `+` marks the verb word of a multi-word verb: only that word is inflected.
    assert_eq!(
        written_all(&verb("HARBOR CLOSE").forms),
        keys(&[
            "HARBOR_CLOSE",
            "HARBOR_CLOSES",
            "HARBOR_CLOSED",
            "HARBOR_CLOSING"
        ])
    );
    assert_eq!(
        verb("BLOCKADE").code,
        Some(CodeSpec::Code("191".to_owned()))
    );
    assert_eq!(verb("STRANGLE").code, Some(CodeSpec::Null));
    assert_eq!(verb("PARLEY").code, Some(CodeSpec::Null));
    assert_eq!(verb("CONVENE").code, Some(CodeSpec::Code("040".to_owned())));

    // The block's six good patterns belong to every verb of the block.
    let blockade = verb("BLOCKADE");
    assert_eq!(blockade.patterns.len(), 6);
    assert_eq!(verb("STRANGLE").patterns, blockade.patterns);
    let pattern = |n: usize| &dict.patterns[blockade.patterns[n]];
    assert!(blockade
        .patterns
        .iter()
        .all(|&p| dict.patterns[p].verb == 0));

    let vessel = synset("VESSEL");
    assert_eq!(words_of(&pattern(0).after), [format!("&{vessel}")]);
    assert_eq!(pattern(0).code, CodeSpec::Code("1912".to_owned()));
    assert_eq!(pattern(0).origin.line, 30);
    assert!(pattern(0).text.starts_with("- * &VESSEL"));
    assert_eq!(
        words_of(&pattern(1).after),
        ["(", "with", "{", "naval", "mines", "}", ")"].map(|s| if s.len() > 1 {
            key(s)
        } else {
            s.to_owned()
        })
    );
    assert_eq!(words_of(&pattern(2).before), ["$"]);
    assert_eq!(
        words_of(&pattern(2).after),
        [
            "+".to_owned(),
            "(".to_owned(),
            key("FOR"),
            format!("&{}", synset("CRAFT")),
            ")".to_owned()
        ]
    );
    assert_eq!(
        pattern(2).code,
        CodeSpec::Paired("042".to_owned(), "043".to_owned())
    );
    assert_eq!(words_of(&pattern(3).before), ["%"]);
    assert_eq!(
        pattern(3).code,
        CodeSpec::Paired(String::new(), "036".to_owned())
    );
    assert_eq!(
        words_of(&pattern(4).after),
        ["^", "(", key("AT").as_str(), "+", ")"]
    );
    assert_eq!(pattern(4).code, CodeSpec::Null);
    assert_eq!(
        words_of(&pattern(5).before),
        [format!("&{}", synset("AUXILIARY"))]
    );

    let parley = verb("PARLEY");
    assert!(parley.patterns.is_empty());

    assert_eq!(dict.transformations.len(), 2);
    let first = &dict.transformations[0];
    assert_eq!(first.outer_source, TransformActor::Var("a".to_owned()));
    assert_eq!(first.inner_target, TransformActor::Var("b".to_owned()));
    assert_eq!(
        first.inner_verb,
        TransformVerb::Verb {
            name: "BLOCKADE".to_owned(),
            verb: Some(0)
        }
    );
    assert_eq!(
        first.result_code,
        TransformCode::Code(CodeSpec::Code("138".to_owned()))
    );
    let second = &dict.transformations[1];
    assert_eq!(second.inner_target, TransformActor::Unspecified);
    assert_eq!(second.inner_verb, TransformVerb::Any);
    assert_eq!(second.result_code, TransformCode::Inner);

    // 18 set loop, 36 missing `]`, 37 unknown set, 38 unclosed group, 39 no `*`, 44 text after
    // the code, 45 pattern without `-`, 47 block without verbs, 51 bad transformation.
    assert_eq!(
        warning_lines(&warnings),
        [18, 36, 37, 38, 39, 44, 45, 47, 51]
    );
}

#[test]
fn verbs_petrarch1_syntax_connectors() {
    let (dict, warnings) = load_verbs(&fixture("p1/Old.verbs.txt")).expect("loads");
    let harbors = dict
        .synsets
        .iter()
        .position(|s| s.name == "HARBORS")
        .expect("HARBORS");
    let waters = dict
        .synsets
        .iter()
        .position(|s| s.name == "WATERS")
        .expect("WATERS");
    assert_eq!(
        written_all(&dict.synsets[waters].members),
        keys(&[
            "QUAY",
            "QUAYS",
            "DOCK_YARD",
            "DOCK_YARDS",
            "OPEN_SEA",
            "OPEN_SEAS"
        ])
    );

    let moor = &dict.verbs[0];
    assert_eq!(moor.lemma, "MOOR");
    assert_eq!(moor.patterns.len(), 4);
    let pattern = |n: usize| &dict.patterns[moor.patterns[n]];

    // - SAID_+ * NEAR_&HARBORS_TODAY
    let p = pattern(0);
    assert_eq!(words_of(&p.before), [key("SAID"), "+".to_owned()]);
    assert!(matches!(
        p.before[1],
        PatternElem::Target { adjacent: true }
    ));
    assert!(!p.verb_adjacent);
    assert_eq!(
        words_of(&p.after),
        [
            key("NEAR"),
            format!("_&{harbors}"),
            format!("_{}", key("TODAY"))
        ]
    );
    // - IN_*
    assert!(pattern(1).verb_adjacent);
    assert_eq!(words_of(&pattern(1).before), [key("IN")]);
    // - *_OUT NOW
    assert!(!pattern(2).verb_adjacent);
    assert_eq!(
        words_of(&pattern(2).after),
        [format!("_{}", key("OUT")), key("NOW")]
    );
    // - SO IN_AND_*_OUT_AGAIN
    let p = pattern(3);
    assert_eq!(
        words_of(&p.before),
        [key("SO"), key("IN"), format!("_{}", key("AND"))]
    );
    assert!(p.verb_adjacent);
    assert_eq!(
        words_of(&p.after),
        [format!("_{}", key("OUT")), format!("_{}", key("AGAIN"))]
    );

    let drift = &dict.verbs[1];
    assert_eq!(drift.code, Some(CodeSpec::Null));
    assert_eq!(
        dict.patterns[drift.patterns[0]].code,
        CodeSpec::Code("071".to_owned())
    );
    // A set name may contain `_`: the longest defined name wins, the rest are joined words.
    // The pattern after the set definition still belongs to the DRIFT block.
    let high_seas = dict
        .synsets
        .iter()
        .position(|s| s.name == "HIGH_SEAS")
        .expect("HIGH_SEAS");
    let last = &dict.patterns[drift.patterns[1]];
    assert_eq!(
        words_of(&last.after),
        [format!("&{high_seas}"), format!("_{}", key("NOW"))]
    );
    // Two codes on the DRIFT head: the first is used.
    assert_eq!(warning_lines(&warnings), [19]);
}

#[test]
fn folder_is_found_by_file_names() {
    let dir = fixture("set");
    let files = PetrarchFiles::find(&dir).expect("lists the folder");
    let name = |p: &PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        files.verbs.iter().map(name).collect::<Vec<_>>(),
        ["Test.verbs.txt"]
    );
    assert_eq!(
        files.actors.iter().map(name).collect::<Vec<_>>(),
        ["Test.actors.txt"]
    );
    assert_eq!(
        files.agents.iter().map(name).collect::<Vec<_>>(),
        ["Test.agents.txt"]
    );
    assert_eq!(files.discards.len(), 1);
    assert_eq!(
        files.ontology.as_ref().map(name).as_deref(),
        Some("Test.Coding.Ontology.txt")
    );

    let (dictionaries, warnings) = load_dir_petrarch(&dir, None).expect("loads");
    assert_eq!(dictionaries.actors.len(), 9);
    assert_eq!(dictionaries.agents.len(), 12);
    assert_eq!(dictionaries.verbs.len(), 6);
    assert_eq!(dictionaries.discards.len(), 3);
    assert_eq!(dictionaries.code_ontology.len(), 4);
    assert_eq!(dictionaries.transformations.len(), 2);
    assert!(!warnings.is_empty());
}

#[test]
fn explicit_files_from_two_folders_are_merged() {
    // Like the v20 validation suite: verbs from one folder, the rest from another; two verb
    // files are merged with their indices shifted.
    let files = PetrarchFiles {
        verbs: vec![
            PathBuf::from("set/Test.verbs.txt"),
            PathBuf::from("p1/Old.verbs.txt"),
        ],
        actors: vec![
            PathBuf::from("set/Test.actors.txt"),
            PathBuf::from("latin1/Latin1.actors.txt"),
        ],
        agents: vec![],
        discards: vec![fixture("set/Test.discards.txt")],
        ontology: None,
    };
    let (dictionaries, _) = load_dir_petrarch(&fixture(""), Some(&files)).expect("loads");
    assert_eq!(dictionaries.actors.len(), 11);
    assert_eq!(dictionaries.verbs.len(), 8);
    assert_eq!(dictionaries.discards.len(), 3);
    let moor = dictionaries
        .verbs
        .iter()
        .position(|v| v.lemma == "MOOR")
        .expect("MOOR");
    let first_pattern = dictionaries.verbs[moor].patterns[0];
    assert_eq!(dictionaries.patterns[first_pattern].verb, moor);
    assert!(dictionaries.patterns[first_pattern]
        .text
        .contains("NEAR_&HARBORS"));
    let harbors = dictionaries
        .synsets
        .iter()
        .position(|s| s.name == "HARBORS")
        .expect("HARBORS");
    assert!(dictionaries.patterns[first_pattern]
        .after
        .contains(&PatternElem::Synset {
            index: harbors,
            adjacent: true
        }));

    let same = load_petrarch_files(&files.relative_to(&fixture(""))).expect("loads");
    assert_eq!(same.0.verbs.len(), 8);
}

#[test]
fn empty_folder_is_an_error() {
    let error = load_dir_petrarch(&fixture("latin1/none"), None).expect_err("no folder");
    assert!(error.to_string().contains("none"));
    let error = load_dir_petrarch(&fixture(""), None).expect_err("no dictionary files");
    assert!(error.to_string().contains("no PETRARCH dictionary files"));
}
