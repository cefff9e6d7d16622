//! `atalaya timeline` and `atalaya alerts` on a store built by hand (no coder involved): the
//! numbers in CSV and JSON, per story and per report, and alert rules firing.

use atalaya_engine::record::{ActorRef, Article, Event, Matched, Modality, Span};
use atalaya_store::{ArticleWrite, Coding, RunCounts, RunInfo, Store};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn actor(code: &str) -> ActorRef {
    ActorRef {
        text: code.into(),
        code: code.into(),
        country: code.get(..3).map(str::to_string),
        sector: code.get(3..).filter(|s| !s.is_empty()).map(str::to_string),
        ..ActorRef::default()
    }
}

/// An event of `article` on `date` (none: the article's day).
fn event(
    article: &str,
    n: usize,
    (source, cameo, target): (&str, &str, &str),
    modality: Modality,
    date: Option<&str>,
    cluster: Option<&str>,
) -> Event {
    let code = atalaya_cameo::resolve(cameo).unwrap_or_else(|| panic!("code {cameo}"));
    Event {
        id: format!("{article}-{n}"),
        article_id: article.into(),
        sentence_index: n,
        span: Span { start: 0, end: 10 },
        sentence: format!("{source} {} {target}.", code.name),
        source: actor(source),
        target: actor(target),
        cameo: cameo.into(),
        cameo_root: code.root_code().into(),
        quad_class: Some(code.quad_class(Default::default())),
        goldstein: Some(code.goldstein),
        plover: None,
        modality,
        attribution: Vec::new(),
        date: date.map(str::to_string),
        date_precision: date.map(|_| "day".to_string()),
        location: None,
        confidence: 0.8,
        matched: Matched {
            verb: "TEST".into(),
            verb_span: None,
            pattern: None,
            origin: "test:1".into(),
            entries: Vec::new(),
        },
        cluster_id: cluster.map(str::to_string),
    }
}

fn article(id: &str, published: Option<&str>, events: Vec<Event>) -> ArticleWrite {
    ArticleWrite {
        article: Article {
            id: id.into(),
            url: None,
            outlet: Some(format!("Outlet {id}")),
            published: published.map(str::to_string),
            title: None,
            text: format!("Text of {id}."),
            lang: Some("en".into()),
        },
        content_hash: format!("hash-{id}"),
        origin: None,
        bytes: 10,
        coding: Coding::Coded {
            sentences: events.len(),
            events,
        },
        stories: Default::default(),
    }
}

/// Week 36 of 2025: one strike story reported by two outlets (one asserting a more specific
/// code). Week 37: a threat and Mexico's rejection, no clusters. And one event with no day.
fn fixture(path: &Path) {
    use Modality::*;
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("{e}"));
    let run = store
        .begin_run(&RunInfo {
            command: "test".into(),
            engine_version: "0".into(),
            dict_version: None,
            dict_hash: "d".into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let strike = ("USAMIL", "190", "MEXCRM");
    let precise = ("USAMIL", "195", "MEXCRM");
    let items = vec![
        article(
            "a1",
            Some("2025-09-02"),
            vec![event(
                "a1",
                0,
                strike,
                Reported,
                Some("2025-09-02"),
                Some("s1"),
            )],
        ),
        article(
            "a2",
            Some("2025-09-03"),
            vec![event(
                "a2",
                0,
                precise,
                Asserted,
                Some("2025-09-02"),
                Some("s1"),
            )],
        ),
        article(
            "a3",
            Some("2025-09-10"),
            vec![
                event("a3", 0, ("USAGOV", "138", "MEXGOV"), Asserted, None, None),
                event("a3", 1, ("MEXGOV", "120", "USAGOV"), Asserted, None, None),
            ],
        ),
        article(
            "a4",
            None,
            vec![event(
                "a4",
                0,
                ("USAGOV", "112", "MEXGOV"),
                Asserted,
                None,
                None,
            )],
        ),
    ];
    store
        .write_batch(run, "d", &items, &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
}

fn atalaya(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn store_dir() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("t.db");
    fixture(&path);
    let path = path
        .to_str()
        .unwrap_or_else(|| panic!("not UTF-8"))
        .to_string();
    (dir, path)
}

/// CSV rows as field name → value maps.
fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{e}"));
            header
                .iter()
                .map(str::to_string)
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn csv_counts_a_story_once_and_per_report_counts_every_event() {
    let (_dir, db) = store_dir();
    let csv = stdout(&atalaya(&[
        "timeline", "--db", &db, "--dyad", "USA-MEX", "--format", "csv",
    ]));
    let rows = csv_rows(&csv);
    let row = |series: &str, bucket: &str| {
        rows.iter()
            .find(|r| r["series"] == series && r["bucket"] == bucket)
            .unwrap_or_else(|| panic!("no row {series} {bucket} in\n{csv}"))
    };
    let w36 = row("USA-MEX", "2025-W36");
    assert_eq!(w36["start"], "2025-09-01");
    assert_eq!(w36["end"], "2025-09-07");
    assert_eq!((w36["count"].as_str(), w36["reports"].as_str()), ("1", "2"));
    assert_eq!(w36["class_material_conflict"], "1");
    assert_eq!(w36["asserted"], "1");
    assert_eq!(w36["reported"], "0");
    assert_eq!(w36["goldstein_sum"], "-10.000");
    assert!(
        w36["largest_story"].starts_with("USAMIL→MEXCRM 195"),
        "{}",
        w36["largest_story"]
    );
    let w37 = row("USA-MEX", "2025-W37");
    assert_eq!(w37["count"], "2");
    assert_eq!(w37["class_threat"], "1");
    assert_eq!(w37["class_verbal_conflict"], "1");
    assert_eq!(row("MEX->USA", "2025-W37")["count"], "1");
    assert_eq!(row("USA->MEX", "2025-W37")["class_threat"], "1");
    // Three series (both, each direction) of two weeks.
    assert_eq!(rows.len(), 6);

    let per_report = stdout(&atalaya(&[
        "timeline",
        "--db",
        &db,
        "--dyad",
        "USA-MEX",
        "--format",
        "csv",
        "--per-report",
    ]));
    let rows = csv_rows(&per_report);
    let w36 = rows
        .iter()
        .find(|r| r["series"] == "USA-MEX" && r["bucket"] == "2025-W36")
        .unwrap_or_else(|| panic!("no week 36"));
    assert_eq!(w36["count"], "2");
    assert_eq!(
        (w36["asserted"].as_str(), w36["reported"].as_str()),
        ("1", "1")
    );
    // −10 (reported 190) − 10 (asserted 195: Goldstein −10 as well).
    assert_eq!(w36["goldstein_sum"], "-20.000");
}

#[test]
fn json_has_the_series_the_index_and_what_was_left_out() {
    let (_dir, db) = store_dir();
    let json = stdout(&atalaya(&[
        "timeline",
        "--db",
        &db,
        "--dyad",
        "USA-MEX",
        "--format",
        "json",
        "--interval",
        "month",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["interval"], "month");
    assert_eq!(value["counting"], "story");
    assert_eq!(value["undated_events"], 1);
    let series = value["series"]
        .as_array()
        .unwrap_or_else(|| panic!("series"));
    let labels: Vec<&str> = series.iter().filter_map(|s| s["label"].as_str()).collect();
    assert_eq!(labels, ["USA-MEX", "USA->MEX", "MEX->USA"]);
    let september = &series[0]["buckets"][0];
    assert_eq!(september["bucket"], "2025-09");
    assert_eq!(september["count"], 3);
    assert_eq!(september["reports"], 4);
    assert_eq!(september["class"]["material_conflict"], 1);
    assert_eq!(september["top_stories"][0]["cameo"], "195");
    assert_eq!(september["top_stories"][0]["mentions"], 2);
    assert!(september["index"]["level"]
        .as_f64()
        .is_some_and(|l| l > 0.0));
    assert_eq!(value["index_params"]["baseline"], 6);

    let directed = stdout(&atalaya(&[
        "timeline",
        "--db",
        &db,
        "--dyad",
        "USA-MEX",
        "--directed",
        "--format",
        "json",
    ]));
    let value: serde_json::Value =
        serde_json::from_str(&directed).unwrap_or_else(|e| panic!("{e}"));
    let series = value["series"]
        .as_array()
        .unwrap_or_else(|| panic!("series"));
    assert_eq!(series.len(), 1);
    assert_eq!(series[0]["label"], "USA->MEX");
}

#[test]
fn png_and_svg_are_written_and_a_bad_dyad_is_an_error() {
    let (dir, db) = store_dir();
    let png = dir.path().join("t.png");
    let png_arg = png.to_str().unwrap_or_else(|| panic!("not UTF-8"));
    stdout(&atalaya(&[
        "timeline", "--db", &db, "--dyad", "USA-MEX", "--format", "png", "--output", png_arg,
    ]));
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(bytes.len() > 20_000, "{} bytes", bytes.len());
    let svg = stdout(&atalaya(&[
        "timeline", "--db", &db, "--dyad", "USA-MEX", "--format", "svg",
    ]));
    assert!(svg.contains("195 Employ aerial weapons"));
    let bad = atalaya(&["timeline", "--db", &db, "--dyad", "USA"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--dyad `USA`"));
}

#[test]
fn alerts_fire_and_broken_rules_are_named_by_line() {
    let (dir, db) = store_dir();
    let rules = dir.path().join("t.rules");
    std::fs::write(
        &rules,
        "strikes: USA->MEX material-conflict asserted >= 1 per week\n\
         USA->MEX threatz >= 1\n\
         pushback: MEX->USA verbal-conflict >= 1\n\
         quiet: USA->MEX material-cooperation >= 1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let rules = rules.to_str().unwrap_or_else(|| panic!("not UTF-8"));
    let output = atalaya(&[
        "alerts", "--db", &db, "--rules", rules, "--since", "2025-09",
    ]);
    // A broken line: reported, the other rules still checked, exit 1.
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("t.rules:2: unknown measure `threatz`"),
        "{stderr}"
    );
    let lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("2025-W36  strikes  USA->MEX  value 1.00"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("195 Employ aerial weapons"));
    assert!(
        lines[1].starts_with("2025-W37  pushback  MEX->USA"),
        "{}",
        lines[1]
    );
    // Without --since only the latest bucket (week 37) is checked.
    let latest = atalaya(&["alerts", "--db", &db, "--rules", rules, "--format", "jsonl"]);
    let text = String::from_utf8_lossy(&latest.stdout);
    let firings: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(firings.len(), 1);
    assert_eq!(firings[0]["rule"], "pushback");
    assert_eq!(firings[0]["bucket"], "2025-W37");
    let check = atalaya(&["alerts", "--rules", rules, "--check"]);
    assert_eq!(check.status.code(), Some(1));
}
