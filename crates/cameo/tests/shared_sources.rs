//! Cross-checks the embedded table against the third-party source files it was generated from.
//! Those files live outside the repository (`../shared`, or `$ATALAYA_SHARED`); when they are
//! absent the checks are skipped.

use std::collections::BTreeMap;
use std::path::PathBuf;

use atalaya_cameo::{all, lookup, PloverEvent};

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ATALAYA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    dir.join("dictionaries").is_dir().then_some(dir)
}

/// Two-column TSV with a header line, as in the GDELT lookups.
fn read_pairs(path: PathBuf) -> BTreeMap<String, String> {
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&text)
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once('\t'))
        .map(|(code, value)| (code.trim().to_string(), value.trim().to_string()))
        .collect()
}

#[test]
fn goldstein_scores_match_gdelt_lookup() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: shared data directory not found");
        return;
    };
    let scores = read_pairs(shared.join("dictionaries/cameo/CAMEO.goldsteinscale.txt"));
    assert_eq!(scores.len(), 310);
    for (code, score) in &scores {
        let ours = lookup(code).unwrap_or_else(|| panic!("{code} missing from the table"));
        let theirs: f32 = score.parse().unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(ours.goldstein, theirs, "{code}");
    }
    // the only code we add is 106, which the GDELT file merged into the 1056 line
    let extra: Vec<&str> = all()
        .iter()
        .map(|c| c.code)
        .filter(|c| !scores.contains_key(*c))
        .collect();
    assert_eq!(extra, ["106"]);
}

#[test]
fn plover_events_match_crosswalk() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: shared data directory not found");
        return;
    };
    let path = shared.join("dictionaries/plover/CAMEO2PLOVER-2021.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut checked = 0;
    for line in text.lines() {
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        // root header lines are ambiguous for 08 and carry no mode; codes we lack are skipped
        if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(ours) = lookup(code) else { continue };
        let event: PloverEvent = rest
            .split(',')
            .next()
            .and_then(|e| e.trim().parse().ok())
            .unwrap_or_else(|| panic!("unparsable crosswalk line {line:?}"));
        assert_eq!(
            ours.plover.as_ref().map(|m| m.event_type),
            Some(event),
            "{code}"
        );
        checked += 1;
    }
    assert!(checked > 250, "only {checked} crosswalk lines checked");
}
