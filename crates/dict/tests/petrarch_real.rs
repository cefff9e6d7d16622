//! Loads the real PETRARCH-2 dictionaries from `../shared` when that folder is present
//! (skipped otherwise) and checks that they load with no hard error.

use atalaya_dict::petrarch::{load_dir_petrarch, load_petrarch_files, PetrarchFiles};
use atalaya_dict::{Dictionaries, Warning};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn shared_dictionaries() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dictionaries"),
        PathBuf::from("/work/shared/dictionaries"),
    ];
    candidates.into_iter().find(|p| p.is_dir())
}

fn summary(label: &str, dictionaries: &Dictionaries, warnings: &[Warning]) {
    println!(
        "{label}: {} actors, {} agents, {} verbs, {} patterns, {} synsets, {} discards, {} transformations, {} ontology entries, {} warnings",
        dictionaries.actors.len(),
        dictionaries.agents.len(),
        dictionaries.verbs.len(),
        dictionaries.patterns.len(),
        dictionaries.synsets.len(),
        dictionaries.discards.len(),
        dictionaries.transformations.len(),
        dictionaries.code_ontology.len(),
        warnings.len()
    );
    for warning in warnings {
        println!("  {warning}");
    }
}

#[test]
fn production_dictionaries_load() {
    let Some(root) = shared_dictionaries() else {
        eprintln!("../shared/dictionaries not present: skipped");
        return;
    };
    let dir = root.join("petrarch");
    if !dir.is_dir() {
        return;
    }
    let started = Instant::now();
    let (dictionaries, warnings) = load_dir_petrarch(&dir, None).expect("production set loads");
    println!("production set loaded in {:?}", started.elapsed());
    summary("production", &dictionaries, &warnings);
    assert!(dictionaries.actors.len() > 10_000);
    assert!(dictionaries.agents.len() > 1_000);
    assert!(dictionaries.verbs.len() > 1_000);
    assert!(dictionaries.patterns.len() > 4_000);
    assert!(dictionaries.synsets.len() > 30);
    assert!(dictionaries.discards.len() > 100);
    assert_eq!(dictionaries.transformations.len(), 8);
    assert!(dictionaries.transformations.iter().all(|t| !matches!(
        t.outer_verb,
        atalaya_dict::TransformVerb::Verb { verb: None, .. }
    )));
    assert!(dictionaries.code_ontology.len() > 250);
}

fn load_validation(dir: &Path, files: &PetrarchFiles, label: &str) -> (Dictionaries, Vec<Warning>) {
    let (dictionaries, warnings) =
        load_dir_petrarch(dir, Some(files)).unwrap_or_else(|e| panic!("{label}: {e}"));
    summary(label, &dictionaries, &warnings);
    assert!(!dictionaries.actors.is_empty(), "{label}");
    assert!(!dictionaries.agents.is_empty(), "{label}");
    assert!(!dictionaries.verbs.is_empty(), "{label}");
    assert!(!dictionaries.patterns.is_empty(), "{label}");
    assert!(!dictionaries.discards.is_empty(), "{label}");
    (dictionaries, warnings)
}

#[test]
fn validation_dictionaries_load() {
    let Some(root) = shared_dictionaries() else {
        eprintln!("../shared/dictionaries not present: skipped");
        return;
    };
    let validation = root.join("validation");
    let unittest = validation.join("petrarch2_unittest");
    if unittest.is_dir() {
        let files = PetrarchFiles::find(&unittest).expect("listing");
        load_validation(&unittest, &files, "petrarch2_unittest");
    }
    let v20 = validation.join("universalpetrarch_v20");
    if v20.is_dir() && unittest.is_dir() {
        // The v20 suite takes verbs and actors from its own folder, agents and discards from
        // the PETRARCH-2 unit-test folder.
        let files = PetrarchFiles {
            verbs: vec![v20.join("PETR.Validate.verbs.2.0.txt")],
            actors: vec![v20.join("PETR.Validate.actors.txt")],
            agents: vec![unittest.join("PETR.Validate.agents.txt")],
            discards: vec![unittest.join("PETR.Validate.discards.txt")],
            ontology: None,
        };
        let (dictionaries, warnings) = load_petrarch_files(&files).expect("v20 loads");
        summary("universalpetrarch_v20", &dictionaries, &warnings);
        assert!(!dictionaries.patterns.is_empty());
    }
    let ud = validation.join("universalpetrarch_ud_2_02");
    if ud.is_dir() {
        let files = PetrarchFiles::find(&ud).expect("listing");
        assert!(files.ontology.is_some());
        let (dictionaries, _) = load_validation(&ud, &files, "universalpetrarch_ud_2_02");
        assert!(!dictionaries.code_ontology.is_empty());
    }
}
