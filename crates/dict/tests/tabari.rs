//! TABARI loader tests on small fictional fixtures (tests/fixtures/tabari), plus a check of the
//! real TABARI validation dictionaries when /work/shared is present.

use atalaya_dict::tabari::{
    apply_option_command, classify_code, load_dir_tabari, load_project, parse_project,
    tabari_settings, CodeKind, CodePriority, TabariLoader,
};
use atalaya_dict::{
    AgentPlacement, CodeSpec, DictError, DictFormat, Dictionaries, PatternElem, Phrase, PhraseWord,
    Warning,
};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tabari")
        .join(name)
}

fn load_sample() -> (Dictionaries, Vec<Warning>) {
    load_project(&fixture("sample.project")).expect("sample project loads")
}

/// Keys of a phrase, with `*` after stems and `_` / ` ` as the connector before each word.
fn show(p: &Phrase) -> String {
    let mut s = String::new();
    for (i, w) in p.words.iter().enumerate() {
        if i > 0 {
            s.push(if w.adjacent { '_' } else { ' ' });
        }
        s.push_str(&w.key);
        if w.stem {
            s.push('*');
        }
        if w.no_endings {
            s.push('=');
        }
    }
    s
}

fn warning_lines(warnings: &[Warning], file: &str) -> Vec<u32> {
    let mut lines: Vec<u32> = warnings
        .iter()
        .filter(|w| w.origin.file.ends_with(file))
        .map(|w| w.origin.line)
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn word(elem: &PatternElem) -> &PhraseWord {
    match elem {
        PatternElem::Word(w) => w,
        other => panic!("expected a word, found {other:?}"),
    }
}

#[test]
fn actors_stems_adjacency_and_codes() {
    let (d, _) = load_sample();
    assert_eq!(d.format, DictFormat::Tabari);
    let names: Vec<&str> = d.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "VELMORA",
            "QUARREN_",
            "BRIN_TALLO",
            "BRIN TALLO",
            "SOUTH-MARCH",
            "OTTER=",
            "ADA_VOSS",
            "HOLLAND_KETCH",
            "TREMA_COUNCIL",
            "STORMWATCH",
            "WEATHERVANE",
            "ISOLDE_RAMM",
            "ONLY_DATES",
            "GRAYHOLT",
        ]
    );
    let actor = |name: &str| d.actors.iter().find(|a| a.name == name).expect(name);
    assert_eq!(show(&actor("VELMORA").phrases[0]), "velmora*");
    assert_eq!(show(&actor("QUARREN_").phrases[0]), "quarren");
    assert_eq!(show(&actor("BRIN_TALLO").phrases[0]), "brin_tallo*");
    assert_eq!(show(&actor("BRIN TALLO").phrases[0]), "brin* tallo*");
    assert_eq!(show(&actor("SOUTH-MARCH").phrases[0]), "south_march*");
    assert_eq!(show(&actor("OTTER=").phrases[0]), "otter=");
    assert_eq!(actor("VELMORA").origin.line, 9);

    let ada = &actor("ADA_VOSS").codes;
    assert_eq!(ada.len(), 2);
    assert_eq!(ada[0].code, "VLMGOV");
    assert_eq!(
        (ada[0].from, ada[0].until),
        (date(1999, 12, 1), date(2001, 1, 14))
    );
    assert_eq!(
        (ada[1].code.as_str(), ada[1].from, ada[1].until),
        ("---", None, None)
    );
    assert!(ada[0].covers(NaiveDate::from_ymd_opt(2000, 6, 1).unwrap()));
    assert!(!ada[0].covers(NaiveDate::from_ymd_opt(2001, 1, 15).unwrap()));

    // A lone date restriction gets TABARI's automatic null default.
    let holland = &actor("HOLLAND_KETCH").codes;
    assert_eq!(holland.len(), 2);
    assert_eq!(holland[0].until, date(2005, 6, 30));
    assert_eq!(holland[1].code, "---");
    assert_eq!(actor("ONLY_DATES").codes.len(), 3);
    assert_eq!(actor("ONLY_DATES").codes[1].from, date(1985, 1, 1));

    assert_eq!(actor("TREMA_COUNCIL").codes[0].code, "TRM/VLM/QRN");
    assert_eq!(
        classify_code(&actor("STORMWATCH").codes[0].code),
        CodeKind::Discard
    );
    assert_eq!(
        classify_code(&actor("WEATHERVANE").codes[0].code),
        CodeKind::Complex
    );

    // Synonyms and indented multi-line date restrictions form one entry.
    let isolde = actor("ISOLDE_RAMM");
    let phrases: Vec<String> = isolde.phrases.iter().map(show).collect();
    assert_eq!(phrases, ["isolde_ramm*", "ramm", "the_lady_of_cove*"]);
    let codes: Vec<_> = isolde
        .codes
        .iter()
        .map(|c| (c.code.as_str(), c.from, c.until))
        .collect();
    assert_eq!(
        codes,
        [
            ("COV", None, date(1995, 6, 1)),
            ("COVGOV", date(1995, 6, 1), date(1999, 8, 15)),
            ("COVREB", date(1999, 8, 16), None),
            ("---", None, None),
        ]
    );
    let gray = actor("GRAYHOLT");
    assert_eq!(gray.phrases.len(), 2);
    let gray_codes: Vec<&str> = gray.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(gray_codes, ["GRY", "GRYGOV"]);

    let nouns: Vec<String> = d.nouns.iter().map(show).collect();
    assert_eq!(nouns, ["lanterns*", "kettle", "harbours*"]);
    assert_eq!(
        d.adjectives.iter().map(show).collect::<Vec<_>>(),
        ["misty*"]
    );
}

#[test]
fn actor_warnings_name_their_lines() {
    let (_, warnings) = load_sample();
    // 30 no code, 31 bad date (and so no valid code), 32 code with no actor code,
    // 34 missing `]`, 35 synonym without entry, 39 duplicate phrase.
    assert_eq!(
        warning_lines(&warnings, "sample.actors"),
        [30, 31, 32, 34, 35, 39]
    );
    let duplicate = warnings
        .iter()
        .find(|w| w.origin.file.ends_with("sample.actors") && w.origin.line == 39)
        .unwrap();
    assert!(duplicate.message.contains("duplicate"), "{duplicate}");
    assert!(duplicate.to_string().contains("sample.actors:39"));
}

#[test]
fn agents_placement_and_synonyms() {
    let (d, warnings) = load_sample();
    let agents: Vec<(&str, &str, AgentPlacement, usize)> = d
        .agents
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.code.as_str(),
                a.placement,
                a.phrases.len(),
            )
        })
        .collect();
    assert_eq!(
        agents,
        [
            ("HARBOUR_MASTER_", "GOVHBR", AgentPlacement::Suffix, 1),
            ("LIGHTKEEPERS_", "LKP", AgentPlacement::Suffix, 1),
            ("WAVE_WARDENS_", "NGO", AgentPlacement::Prefix, 2),
        ]
    );
    assert_eq!(show(&d.agents[0].phrases[0]), "harbour_master");
    assert_eq!(warning_lines(&warnings, "sample.agents"), [5]);
}

#[test]
fn synsets_are_expanded() {
    let (d, warnings) = load_sample();
    let names: Vec<&str> = d.synsets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["COINS", "TRADES", "EMPTY"]);
    let coins: Vec<String> = d.synsets[0].members.iter().map(show).collect();
    assert_eq!(coins, ["florin*", "silver_mark", "copper* bit*"]);
    let trades: Vec<String> = d.synsets[1].members.iter().map(show).collect();
    assert_eq!(
        trades,
        [
            "florin*_ledgers*",
            "silver_mark_ledgers*",
            "copper* bit*_ledgers*",
            "books_of* florin*",
            "books_of* silver_mark",
            "books_of* copper* bit*",
            "tolls",
        ]
    );
    assert!(d.synsets[2].members.is_empty());
    // 9: `$` dropped from a member, 10: empty set, 11: undeclared nested set.
    let verb_lines = warning_lines(&warnings, "sample.verbs");
    for line in [9, 10, 11] {
        assert!(verb_lines.contains(&line), "line {line} in {verb_lines:?}");
    }
}

#[test]
fn time_shifts_in_match_order() {
    let (d, warnings) = load_sample();
    let shifts: Vec<(String, Option<i32>, &str)> = d
        .time_shifts
        .iter()
        .map(|t| (show(&t.phrase), t.days, t.raw.as_str()))
        .collect();
    assert_eq!(
        shifts,
        [
            ("yesterday*".to_owned(), Some(-1), "-1"),
            ("next_fortnight* and_a_day*".to_owned(), Some(15), "+15"),
            ("next_fortnight* at_last*".to_owned(), None, "###"),
            ("next_fortnight*".to_owned(), Some(14), "+14"),
            ("once_in_a_blue_moon*".to_owned(), None, "---"),
        ]
    );
    assert_eq!(d.time_shifts[1].origin.line, 16);
    assert!(warning_lines(&warnings, "sample.verbs").contains(&19));
}

#[test]
fn verbs_forms_codes_and_pattern_order() {
    let (d, warnings) = load_sample();
    let verbs: Vec<(&str, Option<&CodeSpec>)> = d
        .verbs
        .iter()
        .map(|v| (v.lemma.as_str(), v.code.as_ref()))
        .collect();
    assert_eq!(
        verbs,
        [
            ("PARLEY", Some(&CodeSpec::Code("031".into()))),
            ("SAIL_", Some(&CodeSpec::Code("060".into()))),
            ("BAN=", Some(&CodeSpec::Code("070?".into()))),
            ("CALLED_ON", Some(&CodeSpec::Code("094".into()))),
            ("MOOR", None),
        ]
    );
    let sail = &d.verbs[1];
    let forms: Vec<String> = sail.forms.iter().map(show).collect();
    assert_eq!(forms, ["sail", "sailed", "sailing", "set_sail"]);
    assert_eq!(show(&d.verbs[2].forms[0]), "ban=");
    assert_eq!(show(&d.verbs[3].forms[0]), "called_on*");
    assert_eq!(
        classify_code("070?"),
        CodeKind::Event {
            code: "070",
            priority: CodePriority::Subordinate
        }
    );

    // The duplicate PARLEY root (line 47) merges into the first, with its pattern and forms.
    let parley = &d.verbs[0];
    assert_eq!(parley.forms.len(), 2);
    assert_eq!(show(&parley.forms[1]), "parlayed");
    let lines: Vec<u32> = parley
        .patterns
        .iter()
        .map(|&p| d.patterns[p].origin.line)
        .collect();
    // Longest first (TABARI's character count), file order among equal lengths.
    assert_eq!(lines, [31, 31, 30, 29, 25, 32, 48, 26, 27, 28]);
    assert!(parley.patterns.iter().all(|&p| d.patterns[p].verb == 0));
    let moor_lines: Vec<u32> = d.verbs[4]
        .patterns
        .iter()
        .map(|&p| d.patterns[p].origin.line)
        .collect();
    assert_eq!(moor_lines, [40, 44, 41]);
    assert_eq!(d.patterns.len(), 15);

    // 42 no `*`, 43 unknown synset, 44 two codes, 45 no code, 46 bad code, 47 duplicate root.
    let verb_lines = warning_lines(&warnings, "sample.verbs");
    for line in [42, 43, 44, 45, 46, 47] {
        assert!(verb_lines.contains(&line), "line {line} in {verb_lines:?}");
    }
    for line in [25, 26, 27, 28, 29, 30, 31, 32, 48] {
        assert!(
            !verb_lines.contains(&line),
            "unexpected warning on line {line}"
        );
    }
}

#[test]
fn pattern_elements_and_connectors() {
    let (d, _) = load_sample();
    let by_line = |line: u32| {
        d.patterns
            .iter()
            .filter(|p| p.origin.line == line)
            .collect::<Vec<_>>()
    };
    // - $ * WITH_ + [032:033]
    let p = by_line(25)[0];
    assert_eq!(p.before, [PatternElem::Source { adjacent: true }]);
    assert!(!p.verb_adjacent);
    assert_eq!(word(&p.after[0]).key, "with");
    assert!(!word(&p.after[0]).stem && !word(&p.after[0]).adjacent);
    assert_eq!(p.after[1], PatternElem::Target { adjacent: false });
    assert_eq!(p.code, CodeSpec::Paired("032".into(), "033".into()));
    assert_eq!(p.text, "- $ * WITH_ + [032:033]");

    // IN_* / IN_ * / IN *: exact+adjacent, exact+gap, stem+gap.
    let (a, b, c) = (by_line(26)[0], by_line(27)[0], by_line(28)[0]);
    assert!(a.verb_adjacent && !word(&a.before[0]).stem);
    assert!(!b.verb_adjacent && !word(&b.before[0]).stem);
    assert!(!c.verb_adjacent && word(&c.before[0]).stem);

    // - * BACK~ TERMS: BACK is a stem and TERMS must follow it.
    let p = by_line(29)[0];
    assert!(word(&p.after[0]).stem && !word(&p.after[0]).adjacent);
    assert!(word(&p.after[1]).adjacent);

    // - * OVER &COINS
    let p = by_line(30)[0];
    assert_eq!(
        p.after[1],
        PatternElem::Synset {
            index: 0,
            adjacent: false
        }
    );

    // - * OVER { TOLLS | WHARF_ DUES }_TODAY [046!]: two patterns, same text.
    let alternatives = by_line(31);
    assert_eq!(alternatives.len(), 2);
    let keys = |p: &atalaya_dict::Pattern| -> Vec<(String, bool, bool)> {
        p.after
            .iter()
            .map(|e| {
                let w = word(e);
                (w.key.clone(), w.stem, w.adjacent)
            })
            .collect()
    };
    // Alternatives keep their written order; the connector after `}` glues TODAY to each.
    assert_eq!(
        keys(alternatives[0]),
        [
            ("over".to_owned(), true, false),
            ("tolls".to_owned(), false, false),
            ("today".to_owned(), true, true),
        ]
    );
    assert_eq!(
        keys(alternatives[1])[1..],
        [
            ("wharf".to_owned(), false, false),
            ("dues".to_owned(), false, false),
            ("today".to_owned(), true, true),
        ]
    );
    assert_eq!(alternatives[0].text, alternatives[1].text);
    assert_eq!(alternatives[0].code, CodeSpec::Code("046!".into()));

    assert_eq!(by_line(32)[0].code, CodeSpec::Null);
    // - % * TOGETHER and - * TO_ ^ WITH +
    assert_eq!(
        by_line(35)[0].before,
        [PatternElem::Compound { adjacent: true }]
    );
    let p = by_line(36)[0];
    assert_eq!(p.after[1], PatternElem::Skip { adjacent: false });
    assert_eq!(p.after[3], PatternElem::Target { adjacent: false });
    // - * AT_HARBOUR_TODAY: every word glued.
    let p = by_line(40)[0];
    assert!(p.after.iter().skip(1).all(|e| word(e).adjacent));
}

#[test]
fn options_file_and_suite_commands() {
    let (d, warnings) = load_sample();
    let s = tabari_settings(&d.options);
    assert_eq!(s.complex.verbs, Some(4));
    assert!(s.complex.no_actor_prior && s.complex.explain);
    assert_eq!(s.time_shifting, Some(false));
    assert!(!s.time_shifting_active(&d));
    assert!(s.convert_agents);
    let defaults = s.defaults.clone().unwrap();
    assert_eq!(
        (defaults.source.as_deref(), defaults.source_prior),
        (Some("SRCX"), true)
    );
    assert_eq!(
        (d.options.comma_min, d.options.comma_max),
        (Some(3), Some(9))
    );
    // Untouched bounds keep TABARI's defaults.
    assert_eq!(
        (d.options.comma_bmin, d.options.comma_bmax),
        (Some(128), Some(0))
    );
    assert!(
        d.options.raw.iter().all(|(k, _)| k != "SET:HAIKU"),
        "read past the ~ line"
    );
    assert_eq!(warning_lines(&warnings, "sample.options"), [9, 10]);

    let mut options = d.options.clone();
    apply_option_command(&mut options, "SET: TIME SHIFT = TRUE").unwrap();
    assert!(tabari_settings(&options).time_shifting_active(&d));
    assert!(apply_option_command(&mut options, "SET: WHATEVER = 1").is_err());
}

#[test]
fn issues_and_project_paths() {
    let (d, warnings) = load_sample();
    let issues: Vec<(String, &str)> = d
        .issues
        .iter()
        .map(|i| (show(&i.phrase), i.code.as_str()))
        .collect();
    assert_eq!(
        issues,
        [
            ("fishing_rights*".to_owned(), "FSH"),
            ("salt* tax*".to_owned(), "SLT")
        ]
    );
    assert_eq!(warning_lines(&warnings, "sample.issues"), [5]);

    let (project, project_warnings) = parse_project(&fixture("sample.project")).unwrap();
    assert_eq!(project.actors, [fixture("sample.actors")]);
    assert_eq!(project.agents, [fixture("sample.agents")]);
    assert_eq!(project.verbs, [fixture("sample.verbs")]);
    assert_eq!(project.options, [fixture("sample.options")]);
    assert_eq!(project.texts, [fixture("sample.text")]);
    assert_eq!(project.coder.as_deref(), Some("TST"));
    assert_eq!(warning_lines(&project_warnings, "sample.project"), [10]);
}

#[test]
fn missing_and_unreadable_files_are_errors() {
    match load_project(&fixture("missing.project")) {
        Err(DictError::Io { path, .. }) => assert!(path.ends_with("does-not-exist.verbs")),
        other => panic!("expected an I/O error, got {other:?}"),
    }
    let mut loader = TabariLoader::new();
    let err = loader.load_actors(&fixture("nope.actors")).unwrap_err();
    assert!(err.to_string().contains("nope.actors"), "{err}");
}

#[test]
fn latin1_lines_decode_lossily_with_a_warning() {
    let mut loader = TabariLoader::new();
    loader.load_actors(&fixture("latin1.actors")).unwrap();
    let (d, warnings) = loader.finish();
    assert_eq!(d.actors.len(), 2);
    assert!(d.actors[0].name.starts_with("CAF\u{fffd}"));
    assert_eq!(warning_lines(&warnings, "latin1.actors"), [2]);
    assert!(warnings[0].message.contains("UTF-8"));
}

#[test]
fn directory_without_project_loads_by_extension() {
    let (d, _) = load_dir_tabari(&fixture("noproject")).unwrap();
    assert_eq!(d.actors.len(), 14);
    assert_eq!(d.verbs.len(), 5);
    assert_eq!(tabari_settings(&d.options).complex.verbs, Some(4));
    // The fixture directory itself has two .project files: ambiguous.
    assert!(matches!(
        load_dir_tabari(&fixture("")),
        Err(DictError::Invalid { .. })
    ));
}

/// The real TABARI validation dictionaries (GPL-3.0, read in place, never copied).
#[test]
fn real_tabari_validation_files() {
    let dir = Path::new("/work/shared/dictionaries/validation/tabari_gpl3");
    if !dir.is_dir() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    let started = std::time::Instant::now();
    let (d, warnings) = load_project(&dir.join("Validate.project")).expect("Validate.project");
    let elapsed = started.elapsed();
    eprintln!(
        "Validate.project: {} actors, {} agents, {} verbs, {} patterns, {} synsets, \
         {} time shifts, {} nouns, {} adjectives, {} warnings, {:?}",
        d.actors.len(),
        d.agents.len(),
        d.verbs.len(),
        d.patterns.len(),
        d.synsets.len(),
        d.time_shifts.len(),
        d.nouns.len(),
        d.adjectives.len(),
        warnings.len(),
        elapsed
    );
    for w in &warnings {
        eprintln!("  {w}");
    }
    assert!(d.actors.len() > 100 && d.agents.len() > 70 && d.verbs.len() > 200);
    assert!(!d.synsets.is_empty() && !d.time_shifts.is_empty());
    let s = tabari_settings(&d.options);
    assert_eq!(s.complex.verbs, Some(5));
    assert!(s.complex.no_actor_prior);

    let started = std::time::Instant::now();
    let mut loader = TabariLoader::new();
    loader
        .load_options(&dir.join("CAMEO.09b5.options"))
        .expect("CAMEO options");
    loader
        .load_verbs(&dir.join("CAMEO.091003.master.verbs"))
        .expect("master verbs");
    let (d, warnings) = loader.finish();
    let elapsed = started.elapsed();
    eprintln!(
        "CAMEO master verbs + options: {} verbs, {} patterns, {} warnings, {:?}",
        d.verbs.len(),
        d.patterns.len(),
        warnings.len(),
        elapsed
    );
    for w in warnings.iter().take(20) {
        eprintln!("  {w}");
    }
    assert_eq!(d.verbs.len(), 1216);
    assert!(d.patterns.len() >= 15582, "every pattern line loads");
}
