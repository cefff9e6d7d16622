//! Atalaya's own dictionary format: every construct, layering, `file:line` errors, and the
//! checker, on small fixtures in `tests/fixtures/atalaya/`.

use atalaya_dict::atalaya::{layer, load_dir_atalaya, load_texts_atalaya};
use atalaya_dict::check::{check, coverage, Severity};
use atalaya_dict::*;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

mod common;
use common::{actor, checker_errors, code_on, text_keys};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/atalaya")
        .join(name)
}

fn load(name: &str) -> (Dictionaries, Vec<Warning>) {
    match load_dir_atalaya(&fixture(name)) {
        Ok(loaded) => loaded,
        Err(err) => panic!("fixture {name} should load: {err}"),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn keys(phrase: &Phrase) -> Vec<&str> {
    phrase.words.iter().map(|w| w.key.as_str()).collect()
}

fn names(entry: &ActorEntry, text: &str) -> bool {
    let wanted = text_keys(text);
    entry.phrases.iter().any(|p| keys(p) == wanted)
}

#[test]
fn entities_have_names_in_both_languages_and_fold_accents() {
    let (dicts, _) = load("basic");
    let mexico = actor(&dicts, "MEX");
    assert_eq!(mexico.name, "Mexico");
    assert_eq!(mexico.origin.line, 3);
    assert!(mexico.origin.file.ends_with("actors/people.txt"));
    for text in [
        "Mexico",
        "México",
        "MEXICO",
        "Mexican",
        "mexicana",
        "Mexico City",
        "Ciudad de Mexico",
    ] {
        assert!(names(mexico, text), "{text} should name Mexico");
    }
    let amlo = actor(&dicts, "MEX.lopez_obrador");
    // Written with accents, matched with or without them.
    assert!(names(amlo, "López Obrador"));
    assert!(names(amlo, "Lopez Obrador"));
    assert!(names(amlo, "Andres Manuel Lopez Obrador"));
    assert!(names(amlo, "AMLO"));
    let cjng = actor(&dicts, "MEX.crm.cjng");
    assert!(names(cjng, "Cartel Jalisco Nueva Generacion"));
    assert!(names(cjng, "CJNG"));
    let stem = cjng
        .phrases
        .iter()
        .find(|p| keys(p) == ["argentin"])
        .expect("stem phrase");
    assert!(stem.words.iter().all(|w| w.stem));
    assert!(cjng
        .phrases
        .iter()
        .filter(|p| p != &stem)
        .all(|p| p.words.iter().all(|w| !w.stem)));
}

#[test]
fn dated_roles_pick_the_code_of_the_day() {
    let (dicts, _) = load("basic");
    let amlo = actor(&dicts, "MEX.lopez_obrador");
    assert_eq!(code_on(amlo, "2020-05-01"), "MEXGOV");
    assert_eq!(code_on(amlo, "2024-09-30"), "MEXGOV"); // inclusive end
    assert_eq!(code_on(amlo, "2024-10-01"), "MEXELI");
    assert_eq!(code_on(amlo, "2003-01-01"), "MEXGOV");
    assert_eq!(code_on(amlo, "2010-01-01"), "MEXELI");
    // The undated fallback is stored last, dated roles in the order written.
    assert_eq!(amlo.codes.last().map(|c| c.code.as_str()), Some("MEXELI"));
    assert_eq!(
        amlo.codes.first().and_then(|c| c.from),
        Some(date("2018-12-01"))
    );

    let rubio = actor(&dicts, "USA.rubio");
    assert_eq!(code_on(rubio, "2024-06-01"), "USALEG");
    // Both roles cover 2025-01-21: the first listed wins.
    assert_eq!(code_on(rubio, "2025-01-21"), "USAGOV");
    assert_eq!(code_on(rubio, "2005-01-01"), "USAELI");

    let farc = actor(&dicts, "COL.farc");
    assert_eq!(code_on(farc, "2010-01-01"), "COLREB");
    assert_eq!(code_on(farc, "2020-01-01"), "COLOPP");
}

#[test]
fn agents_keep_placement_and_forms() {
    let (dicts, _) = load("basic");
    let agent = |name: &str| {
        dicts
            .agents
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no agent {name}"))
    };
    let soldier = agent("soldier");
    assert_eq!(soldier.code, "MIL");
    assert_eq!(soldier.placement, AgentPlacement::Suffix);
    let forms: Vec<Vec<&str>> = soldier.phrases.iter().map(keys).collect();
    assert_eq!(
        forms,
        vec![
            vec!["soldier"],
            vec!["soldiers"],
            vec!["troops"],
            vec!["soldado"],
            vec!["soldados"]
        ]
    );
    assert_eq!(agent("official").code, "GOV");
    assert_eq!(agent("official").placement, AgentPlacement::Suffix);
    assert_eq!(agent("international organization").code, "IGO");
    assert_eq!(
        agent("international organization").placement,
        AgentPlacement::Prefix
    );
    assert_eq!(agent("aid group").placement, AgentPlacement::Prefix);
}

#[test]
fn verbs_patterns_and_synsets() {
    let (dicts, warnings) = load("basic");
    assert_eq!(dicts.format, DictFormat::Atalaya);
    let attack = dicts
        .verbs
        .iter()
        .find(|v| v.lemma == "ATTACK")
        .expect("ATTACK");
    let forms: Vec<Vec<&str>> = attack.forms.iter().map(keys).collect();
    assert_eq!(
        forms,
        vec![
            vec!["attack"],
            vec!["attacks"],
            vec!["attacked"],
            vec!["attacking"]
        ]
    );
    assert_eq!(attack.code, Some(CodeSpec::Code("190".into())));
    assert_eq!(attack.patterns.len(), 4);
    let rule_out = dicts
        .verbs
        .iter()
        .find(|v| v.lemma == "RULE_OUT")
        .expect("RULE_OUT");
    assert_eq!(keys(&rule_out.forms[1]), ["rules", "out"]);
    assert_eq!(rule_out.code, None);

    let pattern = |i: usize| &dicts.patterns[attack.patterns[i]];
    // $ * + with_drones -> 195
    let drones = pattern(0);
    assert_eq!(drones.before, vec![PatternElem::Source { adjacent: false }]);
    assert!(!drones.verb_adjacent);
    match drones.after.as_slice() {
        [PatternElem::Target { adjacent: false }, PatternElem::Word(with), PatternElem::Word(d)] => {
            assert_eq!((with.key.as_str(), with.adjacent), ("with", false));
            assert_eq!((d.key.as_str(), d.adjacent), ("drones", true));
        }
        other => panic!("unexpected elements {other:?}"),
    }
    assert_eq!(drones.code, CodeSpec::Code("195".into()));
    assert_eq!(drones.text, "$ * + with_drones -> 195");
    assert_eq!(
        drones.verb,
        dicts
            .verbs
            .iter()
            .position(|v| v.lemma == "ATTACK")
            .unwrap_or(usize::MAX)
    );
    // $ * + ( with &WEAPON ) -> 190, with the synset defined later in another file.
    let weapon_index = dicts
        .synsets
        .iter()
        .position(|s| s.name == "WEAPON")
        .expect("WEAPON");
    assert_eq!(
        pattern(1).after.last(),
        Some(&PatternElem::Close(Group::Prepositional))
    );
    assert!(pattern(1).after.contains(&PatternElem::Synset {
        index: weapon_index,
        adjacent: false
    }));
    // $ not_*_out + -> ---
    let negated = pattern(2);
    assert!(negated.verb_adjacent);
    assert!(
        matches!(negated.after.first(), Some(PatternElem::Word(w)) if w.key == "out" && w.adjacent)
    );
    assert_eq!(negated.code, CodeSpec::Null);
    // % * { ^ } -> 042:043
    let compound = pattern(3);
    assert_eq!(
        compound.before,
        vec![PatternElem::Compound { adjacent: false }]
    );
    assert_eq!(
        compound.after,
        vec![
            PatternElem::Open(Group::Noun),
            PatternElem::Skip { adjacent: false },
            PatternElem::Close(Group::Noun)
        ]
    );
    assert_eq!(compound.code, CodeSpec::Paired("042".into(), "043".into()));

    // Nested synsets are expanded.
    let members: Vec<Vec<&str>> = dicts.synsets[weapon_index]
        .members
        .iter()
        .map(keys)
        .collect();
    assert_eq!(
        members,
        vec![
            vec!["drone"],
            vec!["drones"],
            vec!["missile"],
            vec!["artillery"],
            vec!["mortar", "fire"]
        ]
    );

    assert_eq!(dicts.discards.len(), 2);
    assert!(dicts
        .discards
        .iter()
        .any(|d| d.story_level && keys(&d.phrase) == ["horoscope"]));
    assert_eq!(dicts.issues.len(), 2);
    assert!(dicts.issues.iter().all(|i| i.code == "DRUGS"));
    assert!(dicts
        .issues
        .iter()
        .any(|i| keys(&i.phrase) == ["narcotrafico"]));
    assert!(!dicts.options.require_dyad);
    assert_eq!(dicts.options.comma_max, Some(10));
    assert_eq!(
        dicts.options.raw,
        vec![("max_frobs".to_string(), "3".to_string())]
    );
    // The unknown option is the only warning; README.md and .hidden.txt are not read.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("max_frobs"));
}

#[test]
fn tokenization_of_phrases_matches_the_text_tokenizer() {
    let text = "@entity IGO.opec  OPEC+\n  alias  U.S.-backed OPEC group | Côte d'Ivoire\n  code  IGOOPC\n";
    let (dicts, _) = load_texts_atalaya(&[("t.txt", text)]).expect("loads");
    let opec = &dicts.actors[0];
    for phrase in ["OPEC+", "U.S.-backed OPEC group", "Cote d'Ivoire"] {
        assert!(names(opec, phrase), "{phrase}");
    }
}

#[test]
fn layering_overrides_disables_and_adds() {
    let (base, _) = load("basic");
    let (overlay, _) = load("overlay");
    let merged = layer(base, overlay);

    // Overridden in place: only the overlay's names and roles remain.
    let rubio = actor(&merged, "USA.rubio");
    assert!(names(rubio, "Marco Antonio Rubio"));
    assert!(!names(rubio, "Rubio"));
    assert_eq!(code_on(rubio, "2024-06-01"), "USAELI");
    assert!(rubio.origin.file.ends_with("user.txt"));
    // Disabled.
    assert!(merged
        .actors
        .iter()
        .all(|a| a.entity_id.as_deref() != Some("COL.farc")));
    // Added; untouched entries stay.
    assert_eq!(
        code_on(actor(&merged, "MEX.crm.sinaloa"), "2025-01-01"),
        "MEXCRM"
    );
    assert!(names(actor(&merged, "MEX.lopez_obrador"), "AMLO"));

    // Agents by name: replaced and added.
    let soldier = merged
        .agents
        .iter()
        .find(|a| a.name == "soldier")
        .expect("soldier");
    assert!(soldier.phrases.iter().any(|p| keys(p) == ["servicemen"]));
    assert!(!soldier.phrases.iter().any(|p| keys(p) == ["troops"]));
    assert!(merged.agents.iter().any(|a| a.name == "police officer"));
    assert_eq!(merged.agents.len(), 5);

    // Verbs by lemma: RULE_OUT removed with its pattern, THREATEN added, ATTACK kept.
    let lemmas: Vec<&str> = merged.verbs.iter().map(|v| v.lemma.as_str()).collect();
    assert_eq!(lemmas, ["ATTACK", "THREATEN"]);
    assert_eq!(merged.patterns.len(), 5);
    for (index, verb) in merged.verbs.iter().enumerate() {
        for &p in &verb.patterns {
            assert_eq!(merged.patterns[p].verb, index);
        }
    }
    // The synset WEAPON was replaced by the overlay's; both the base pattern and the overlay
    // pattern point at the merged synset.
    let weapon = merged
        .synsets
        .iter()
        .position(|s| s.name == "WEAPON")
        .expect("WEAPON");
    assert!(merged.synsets[weapon]
        .members
        .iter()
        .any(|p| keys(p) == ["warplane"]));
    let threaten = &merged.verbs[1];
    let threat_pattern = &merged.patterns[threaten.patterns[0]];
    assert!(threat_pattern.after.contains(&PatternElem::Synset {
        index: weapon,
        adjacent: false
    }));
    assert!(merged
        .patterns
        .iter()
        .all(|p| p.before.iter().chain(&p.after).all(|e| match e {
            PatternElem::Synset { index, .. } => *index < merged.synsets.len(),
            _ => true,
        })));
    let findings = check(&merged, &[]);
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:?}"
    );
}

/// Loads `text` as one file and returns the error line and message.
fn error_of(text: &str) -> (u32, String) {
    match load_texts_atalaya(&[("broken.txt", text)]) {
        Ok(_) => panic!("should not load:\n{text}"),
        Err(DictError::Syntax {
            path,
            line,
            message,
        }) => {
            assert_eq!(path, PathBuf::from("broken.txt"));
            (line, message)
        }
        Err(other) => panic!("expected a syntax error, got {other}"),
    }
}

#[test]
fn broken_lines_are_reported_with_file_and_line() {
    let cases: &[(&str, u32, &str)] = &[
        ("alias Foo\n", 1, "outside a block"),
        (
            "# c\n@entity X.a  A\n  code XGOV\n  alais B\n",
            4,
            "unknown entity property `alais`",
        ),
        (
            "@entity X.a  A\n  role MEXGOV 2024-10-01\n",
            2,
            "FROM..UNTIL",
        ),
        (
            "@entity X.a  A\n  role MEXGOV 2024-02-30..\n",
            2,
            "not a valid date",
        ),
        (
            "@entity X.a  A\n  role MEXGOV 24-10-01..\n",
            2,
            "full ISO date",
        ),
        (
            "@entity X.a  A\n  role MEXGOV 2025-01-01..2024-01-01\n",
            2,
            "ends before it starts",
        ),
        ("@entity X.a  A\n  role MEXGOV\n", 2, "needs a date range"),
        (
            "@entity X.a  A\n  code MEXGOV\n  code MEXELI\n",
            3,
            "second undated code",
        ),
        ("@entity X.a  A\n  code mexgov\n", 2, "uppercase"),
        ("@entity X.a  A\n  alias B |\n  code MEX\n", 2, "empty item"),
        ("@entity X.a  A\n  alias B\n", 1, "no `code` or `role`"),
        ("@entity X.a\n  code MEX\n", 1, "display name"),
        ("@entity X/a  A\n  code MEX\n", 1, "may only use"),
        (
            "@entity X.a  A\n  disable\n  code MEX\n",
            1,
            "disabled but has other lines",
        ),
        (
            "@entity X.a  A\n  code MEX 2020-01-01.. extra\n",
            2,
            "unexpected `extra`",
        ),
        ("@thing X\n", 1, "unknown block `@thing`"),
        ("@agent MIL\n", 1, "needs a code and a name"),
        ("@agent ~MIL soldier\n  place prefix\n", 2, "contradicts"),
        (
            "@agent MIL soldier\n@agent GOV soldier\n",
            2,
            "duplicate agent `soldier`",
        ),
        ("@verb ATTACK\n  code 190\n", 1, "no `forms` line"),
        (
            "@verb ATTACK\n  forms attack\n  pattern $ + -> 190\n",
            3,
            "needs `*`",
        ),
        (
            "@verb ATTACK\n  forms attack\n  pattern $ * * -> 190\n",
            3,
            "exactly one `*`",
        ),
        (
            "@verb ATTACK\n  forms attack\n  pattern $ * +\n",
            3,
            "-> CODE",
        ),
        (
            "@verb ATTACK\n  forms attack\n  pattern $ * + -> 19000\n",
            3,
            "2 to 4 digits",
        ),
        (
            "@verb ATTACK\n  forms attack\n  pattern $ * ( + -> 190\n",
            3,
            "not closed",
        ),
        (
            "@verb ATTACK\n  forms attack\n  pattern $ * +x -> 190\n",
            3,
            "mixes a slot marker",
        ),
        (
            "@verb ATTACK\n  forms attack\n  code 190\n  code 191\n",
            4,
            "second `code`",
        ),
        (
            "@verb ATTACK\n  forms attack\n\n\n  pattern $ * &NOPE -> 190\n",
            5,
            "unknown synset `&NOPE`",
        ),
        ("@verb ATTACK BOMB\n", 1, "one lemma word"),
        ("@synset A\n", 1, "no members"),
        ("@synset A  &B\n@synset B  &A\n", 1, "contains itself"),
        ("@options\n  require_dyad maybe\n", 2, "`true` or `false`"),
        ("@options\n@options\n", 2, "second `@options`"),
        (
            "@discards\n  paragraph x\n",
            2,
            "expected sentence or story",
        ),
        ("@issue DRUGS\n", 1, "no `alias` line"),
        (
            "@verb RULE\n  forms ruled\n  forms rule out\n  code 120\n",
            3,
            "`out` alone would be one",
        ),
        (
            "@options\n  country_sector gov\n",
            2,
            "three-letter CAMEO sector",
        ),
        ("@options\n  skip_furniture yes\n", 2, "`true` or `false`"),
    ];
    for (text, line, needle) in cases {
        let (got_line, message) = error_of(text);
        assert_eq!(got_line, *line, "line for {text:?}: {message}");
        assert!(message.contains(needle), "message for {text:?}: {message}");
    }
}

#[test]
fn duplicate_ids_and_overlapping_roles_are_load_errors() {
    let a = "@entity MEX.x  X\n  code MEXGOV\n";
    let b = "# other file\n@entity MEX.x  Y\n  code MEXGOV\n";
    match load_texts_atalaya(&[("a.txt", a), ("b.txt", b)]) {
        Err(DictError::Syntax {
            path,
            line,
            message,
        }) => {
            assert_eq!((path, line), (PathBuf::from("b.txt"), 2));
            assert!(
                message.contains("duplicate entity id `MEX.x` (first defined at a.txt:1)"),
                "{message}"
            );
        }
        other => panic!("expected a duplicate-id error, got {other:?}"),
    }
    let overlapping = "@entity MEX.x  X\n  role MEXGOV 2018-12-01..2024-09-30\n  role USAGOV 2020-01-01..\n  role MEXGOV 2024-09-30..\n";
    let (line, message) = error_of(overlapping);
    assert_eq!(line, 4);
    assert!(
        message.contains("overlaps the `MEXGOV` role on line 2"),
        "{message}"
    );
    // Same code, touching but not overlapping: fine. Different codes overlapping: fine.
    let fine = "@entity MEX.x  X\n  role MEXGOV 2024-10-01..\n  role USAGOV 2020-01-01..\n  role MEXGOV 2018-12-01..2024-09-30\n  code MEXGOV\n";
    assert!(load_texts_atalaya(&[("ok.txt", fine)]).is_ok());
    let dup_verb = "@verb A\n  forms a\n@verb A\n  forms b\n";
    assert!(error_of(dup_verb).1.contains("duplicate verb `A`"));
}

#[test]
fn a_folder_without_dictionary_files_is_an_error() {
    let missing = fixture("no-such-folder");
    assert!(matches!(
        load_dir_atalaya(&missing),
        Err(DictError::Io { .. })
    ));
    let empty = std::env::temp_dir().join(format!("atalaya-empty-dict-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp dir");
    let result = load_dir_atalaya(&empty);
    let _ = std::fs::remove_dir(&empty);
    match result {
        Err(DictError::Invalid { message, .. }) => assert!(message.contains("no *.txt")),
        other => panic!("expected an invalid-folder error, got {other:?}"),
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = "\u{feff}@entity MEX  Mexico\r\n  code MEX\r\n";
    let (dicts, _) = load_texts_atalaya(&[("bom.txt", text)]).expect("loads");
    assert_eq!(dicts.actors[0].codes[0].code, "MEX");
}

fn findings_for(text: &str) -> Vec<(Severity, u32, String)> {
    let (dicts, warnings) = load_texts_atalaya(&[("c.txt", text)]).expect("loads");
    check(&dicts, &warnings)
        .into_iter()
        .map(|f| (f.severity, f.origin.map(|o| o.line).unwrap_or(0), f.message))
        .collect()
}

#[test]
fn checker_flags_ambiguous_aliases_and_unknown_codes() {
    let text = "\
@entity MEX.a  Alpha
  alias  Shared Name
  code   MEXGOV
@entity MEX.b  Beta
  alias  Shared Name
  code   MEXMIL
@entity MEX.c  Gamma
  alias  Alpha
  code   MEXGOV
@entity XYZ.d  Delta
  code   XYZGOV
@entity MEX.e  Epsilon
  code   MEXQQQ
@agent GOV official
@agent COP officials man
  alias official
";
    let findings = findings_for(text);
    let has = |severity: Severity, line: u32, needle: &str| {
        findings
            .iter()
            .any(|(s, l, m)| *s == severity && *l == line && m.contains(needle))
    };
    assert!(
        has(
            Severity::Error,
            4,
            "alias \"shared name\" of `MEX.b` also names `MEX.a`"
        ),
        "{findings:?}"
    );
    assert!(
        has(Severity::Warning, 7, "also names `MEX.a`"),
        "{findings:?}"
    );
    assert!(
        has(Severity::Error, 10, "`XYZ` is not an ISO-3"),
        "{findings:?}"
    );
    assert!(has(Severity::Warning, 12, "segment `QQQ`"), "{findings:?}");
    assert!(
        has(Severity::Error, 15, "agent phrase \"official\""),
        "{findings:?}"
    );
    assert_eq!(findings.len(), 5, "{findings:?}");
}

#[test]
fn checker_flags_unreachable_patterns_and_unknown_event_codes() {
    let text = "\
@verb ATTACK
  forms    attack attacks
  code     190
  pattern  $ * + with_drones -> 195
  pattern  $ * + with_drones -> 195
  pattern  $ * + with_drones -> 190
  pattern  $ * + with drones -> 195
  pattern  $ * + -> 999
@verb STRIKE
  forms    attack strike
  code     1959
";
    let findings = findings_for(text);
    let has = |severity: Severity, line: u32, needle: &str| {
        findings
            .iter()
            .any(|(s, l, m)| *s == severity && *l == line && m.contains(needle))
    };
    assert!(has(Severity::Warning, 5, "never reached"), "{findings:?}");
    assert!(has(Severity::Error, 6, "never reached"), "{findings:?}");
    assert!(!findings.iter().any(|(_, l, _)| *l == 7), "{findings:?}");
    assert!(
        has(Severity::Error, 8, "`999` is not a CAMEO code"),
        "{findings:?}"
    );
    assert!(
        has(Severity::Warning, 9, "carry its parent `195`"),
        "{findings:?}"
    );
    assert!(
        has(
            Severity::Warning,
            9,
            "form \"attack\" of verb `STRIKE` is also a form of `ATTACK`"
        ),
        "{findings:?}"
    );
    assert_eq!(findings.len(), 5, "{findings:?}");
}

#[test]
fn checker_flags_overlapping_roles_and_duplicate_ids_in_other_formats() {
    // Other loaders (and hand-built sets) can produce what the atalaya loader refuses.
    let origin = |line| Origin {
        file: "x.txt".into(),
        line,
    };
    let dated = |code: &str, from: &str, until: Option<&str>| DatedCode {
        code: code.into(),
        from: Some(date(from)),
        until: until.map(date),
    };
    let mut dicts = Dictionaries::empty(DictFormat::Petrarch2);
    let entry = |id: &str, line, codes| ActorEntry {
        entity_id: Some(id.into()),
        name: id.into(),
        phrases: vec![Phrase {
            words: vec![PhraseWord {
                key: id.to_lowercase(),
                stem: false,
                adjacent: true,
                no_endings: false,
            }],
        }],
        codes,
        origin: origin(line),
    };
    dicts.actors.push(entry(
        "A",
        1,
        vec![
            dated("MEXGOV", "2018-12-01", Some("2024-09-30")),
            dated("MEXGOV", "2024-01-01", None),
            dated("MEXLEG", "2020-01-01", Some("2019-01-01")),
        ],
    ));
    dicts
        .actors
        .push(entry("A", 5, vec![dated("MEXGOV", "2018-12-01", None)]));
    let errors = checker_errors(&dicts);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("x.txt:1: error:")
                && e.contains("two overlapping `MEXGOV` roles")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("ends (2019-01-01) before it starts")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("x.txt:5:")
                && e.contains("entity id `A` is also used at x.txt:1")),
        "{errors:?}"
    );
}

#[test]
fn coverage_counts_and_prints() {
    let (dicts, _) = load("basic");
    let report = coverage(&dicts);
    assert_eq!(report.countries, 3); // MEX, USA, COL
    assert_eq!(report.country_entries, 1);
    assert_eq!(report.entities, 5);
    assert_eq!(report.dated_roles, 5);
    assert_eq!(report.actors_with_roles, 3);
    assert_eq!(report.agents, 4);
    assert_eq!(report.verbs, 2);
    assert_eq!(report.verb_forms, 7);
    assert_eq!(report.patterns, 5);
    let attack_root = report.by_root.get("19").expect("root 19");
    assert_eq!((attack_root.verbs, attack_root.patterns), (1, 2));
    assert_eq!(attack_root.name, "Fight");
    assert_eq!(report.by_root.get("---").map(|r| r.patterns), Some(1));
    assert_eq!(report.by_root.get("04").map(|r| r.patterns), Some(1));
    assert_eq!(report.by_root.get("13").map(|r| r.patterns), Some(1));
    let table = report.to_string();
    assert!(table.contains("dated roles"));
    assert!(table.contains("Fight"));
    let json = serde_json::to_string(&report).expect("serialises");
    assert!(json.contains("\"by_root\""));
}
