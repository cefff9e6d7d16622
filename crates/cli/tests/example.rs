//! The bundled example (examples/us-mexico-2025: 40 articles on the 2025 US–Mexico crisis from
//! five fictional outlets): ingested with its rules file, its weekly timeline peaks on the
//! weeks the articles report, and the rules fire.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn text(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("not UTF-8: {}", path.display()))
}

fn run(args: &[&str]) -> Output {
    let output = Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn the_example_peaks_on_its_occurrences_and_its_rules_fire() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("example.db");
    let (examples, rules) = (
        repo("examples/us-mexico-2025"),
        repo("examples/us-mexico-2025.rules"),
    );
    let ingest = run(&[
        "ingest",
        "-q",
        "--db",
        text(&db),
        "--alerts",
        text(&rules),
        text(&examples),
    ]);
    // ingest checked the rules over the new events' days and printed what fired.
    let printed = String::from_utf8_lossy(&ingest.stdout);
    assert!(
        printed.lines().any(|l| l.starts_with("alert: ")),
        "{printed}"
    );
    assert!(printed.contains("us-threats"), "{printed}");

    let json = run(&[
        "timeline",
        "--db",
        text(&db),
        "--dyad",
        "USA-MEX",
        "--since",
        "2025-01-01",
        "--until",
        "2025-12-28",
        "--format",
        "json",
    ]);
    let value: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    let buckets = value["series"][0]["buckets"]
        .as_array()
        .unwrap_or_else(|| panic!("no buckets"));
    assert_eq!(buckets.len(), 52);
    let count = |week: &str| {
        buckets
            .iter()
            .find(|b| b["bucket"] == week)
            .and_then(|b| b["count"].as_u64())
            .unwrap_or_else(|| panic!("no {week}"))
    };
    // The weeks the articles are about: tariffs (W05–W06, W10), the terrorist designation and
    // Mexico's rejection (W08), the first mass transfer (W09), the troop offer turned down
    // (W18), the 30% tariff threat (W28), the report of a military directive (W32), the
    // security agreement (W36), the Pacific strikes and the reports of plans in Mexico
    // (W44–W45), "OK with me" (W47).
    let occurrences = [
        "2025-W05", "2025-W06", "2025-W08", "2025-W09", "2025-W10", "2025-W18", "2025-W28",
        "2025-W32", "2025-W36", "2025-W44", "2025-W45", "2025-W47",
    ];
    for week in occurrences {
        assert!(count(week) > 0, "{week} has no events");
    }
    // The five highest weeks are all occurrence weeks, and the summer lull is empty.
    let mut by_count: Vec<(u64, &str)> = buckets
        .iter()
        .filter_map(|b| Some((b["count"].as_u64()?, b["bucket"].as_str()?)))
        .collect();
    by_count.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (n, week) in by_count.iter().take(5) {
        assert!(
            occurrences.contains(week),
            "peak {week} ({n}) is no occurrence"
        );
    }
    for week in ["2025-W22", "2025-W23", "2025-W24", "2025-W25", "2025-W26"] {
        assert_eq!(count(week), 0, "{week}");
    }
    // What Washington did versus what it threatened or floated, apart.
    let forward = &value["series"][1];
    assert_eq!(forward["label"], "USA->MEX");
    let class = |week: &str, class: &str| {
        forward["buckets"]
            .as_array()
            .and_then(|b| b.iter().find(|b| b["bucket"] == week))
            .and_then(|b| b["class"][class].as_u64())
            .unwrap_or(0)
    };
    assert!(class("2025-W28", "threat") >= 1);
    assert!(class("2025-W32", "threat") + class("2025-W32", "planned_conflict") >= 2);
    // "would be OK with strikes" is a public warning said now (NEWS-CONVENTIONS: 138), not a
    // plan for strikes.
    assert!(class("2025-W47", "threat") >= 1);
    assert!(class("2025-W10", "material_conflict") >= 1);
}
