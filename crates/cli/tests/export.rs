//! Article → store → `atalaya events` / `atalaya export` → read back. The store is seeded with
//! hand-built events (the coder is not needed). The Parquet files are read back here with the
//! parquet crate and, when `ATALAYA_PYTHON` names a Python with pyarrow and polars (see
//! scripts/check-parquet.py), by Python too.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Int64Type, Int8Type};
use arrow_array::{Array, RecordBatch};
use atalaya_engine::record::{
    ActorRef, Article, Attribution, Event, Location, Matched, Modality, Plover, Span,
};
use atalaya_store::{ArticleWrite, Coding, RunCounts, RunInfo, Store};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn actor(code: &str, country: &str, sector: Option<&str>, text: &str, start: usize) -> ActorRef {
    ActorRef {
        text: text.into(),
        code: code.into(),
        country: Some(country.into()),
        sector: sector.map(str::to_string),
        entity_id: None,
        name: None,
        span: Some(Span {
            start,
            end: start + text.len(),
        }),
        implied: false,
    }
}

/// Three articles over two months, five events, one without any date.
fn seed(db: &Path) {
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("open: {e}"));
    let run = store
        .begin_run(&RunInfo {
            command: "seed".into(),
            engine_version: "test".into(),
            dict_version: None,
            dict_hash: "seed".into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let texts = [
        ("m1", Some("2025-03-04"), "Officials in Washington said on Tuesday that drone strikes on cartels in Mexico were being considered. Mexico's president rejected any foreign intervention."),
        ("m2", Some("2025-04-11T08:00:00Z"), "Mexico transferred 26 cartel figures to the United States on Friday."),
        ("m3", None, "The two governments agreed to a security cooperation framework."),
    ];
    let mut writes = Vec::new();
    for (n, (id, published, text)) in texts.iter().enumerate() {
        let article = Article {
            id: (*id).into(),
            url: Some(format!("https://news.example/{id}")),
            outlet: Some("Example Wire".into()),
            published: published.map(str::to_string),
            title: Some(format!("Story {n}")),
            text: (*text).into(),
            lang: Some("en".into()),
        };
        let usa = actor("USAGOV", "USA", Some("GOV"), "Officials in Washington", 0);
        let mex = actor("MEXCRM", "MEX", Some("CRM"), "cartels", 84);
        let mexgov = actor("MEXGOV", "MEX", Some("GOV"), "Mexico", 0);
        let base = Event {
            id: format!("{id}-0-0"),
            article_id: (*id).into(),
            sentence_index: 0,
            span: Span { start: 0, end: 60 },
            sentence: text.split(". ").next().unwrap_or(text).to_string(),
            source: usa.clone(),
            target: mex.clone(),
            cameo: "138".into(),
            cameo_root: "13".into(),
            quad_class: Some(3),
            goldstein: Some(-7.0),
            plover: Some(Plover {
                event_type: "THREATEN".into(),
                mode: Some("military".into()),
            }),
            modality: Modality::Hypothetical,
            attribution: vec![Attribution {
                kind: "anonymous".into(),
                text: "Officials".into(),
                code: None,
            }],
            date: Some("2025-03-04".into()),
            date_precision: Some("day".into()),
            location: Some(Location {
                name: "Mexico".into(),
                country: Some("MEX".into()),
                admin1: None,
                lat: Some(23.6),
                lon: Some(-102.5),
                precision: "country".into(),
            }),
            confidence: 0.8,
            matched: Matched {
                verb: "CONSIDER".into(),
                verb_span: None,
                pattern: Some("CONSIDER * STRIKES".into()),
                origin: "verbs.txt:10".into(),
                entries: vec!["actors.txt:1".into(), "agents.txt:7".into()],
            },
            cluster_id: Some("c1".into()),
        };
        let events = match *id {
            "m1" => {
                let mut reject = base.clone();
                reject.id = "m1-1-0".into();
                reject.sentence_index = 1;
                reject.span = Span {
                    start: 100,
                    end: text.len(),
                };
                reject.sentence = "Mexico's president rejected any foreign intervention.".into();
                reject.source = mexgov.clone();
                reject.target = usa.clone();
                reject.cameo = "128".into();
                reject.cameo_root = "12".into();
                reject.goldstein = Some(-4.0);
                reject.modality = Modality::Asserted;
                reject.plover = None;
                reject.attribution = Vec::new();
                reject.location = None;
                reject.matched.pattern = None;
                reject.matched.entries = Vec::new();
                reject.cluster_id = None;
                vec![base.clone(), reject]
            }
            "m2" => {
                let mut transfer = base.clone();
                transfer.source = mexgov.clone();
                transfer.target = usa.clone();
                transfer.cameo = "0874".into();
                transfer.cameo_root = "08".into();
                transfer.quad_class = Some(2);
                transfer.goldstein = Some(5.0);
                transfer.modality = Modality::Asserted;
                transfer.date = Some("2025-04-11".into());
                let mut second = transfer.clone();
                second.id = "m2-0-1".into();
                second.cameo = "057".into();
                second.cameo_root = "05".into();
                second.quad_class = Some(1);
                vec![transfer, second]
            }
            _ => {
                let mut agree = base.clone();
                agree.date = None;
                agree.date_precision = None;
                agree.source = actor("USA", "USA", None, "The two governments", 0);
                agree.target = actor("MEX", "MEX", None, "The two governments", 0);
                agree.cameo = "057".into();
                agree.cameo_root = "05".into();
                agree.quad_class = Some(1);
                agree.goldstein = None;
                vec![agree]
            }
        };
        writes.push(ArticleWrite {
            content_hash: format!("hash-{id}"),
            bytes: text.len(),
            origin: None,
            article,
            coding: Coding::Coded {
                events,
                sentences: 2,
            },
            stories: Default::default(),
        });
    }
    store
        .write_batch(run, "seed", &writes, &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
}

fn atalaya(args: &[&str]) -> Output {
    let output = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    assert!(
        output.status.success(),
        "atalaya {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().to_path_buf();
    let db = root.join("store.db");
    seed(&db);
    Fixture {
        _dir: dir,
        db: db.display().to_string(),
        root,
    }
}

fn read_parquet(path: &Path) -> Vec<RecordBatch> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .unwrap_or_else(|e| panic!("{e}"));
    reader
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn events_filters_through_the_cli() {
    let f = fixture();
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["events", "--db", &f.db, "--format", "jsonl"];
        args.extend_from_slice(extra);
        stdout(&atalaya(&args))
            .lines()
            .map(|line| {
                let event: Event =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
                event.id
            })
            .collect()
    };
    // No date and no publication date sorts first.
    assert_eq!(ids(&[]), ["m3-0-0", "m1-0-0", "m1-1-0", "m2-0-0", "m2-0-1"]);
    assert_eq!(
        ids(&["--dyad", "USA-MEX", "--directed"]),
        ["m3-0-0", "m1-0-0"]
    );
    assert_eq!(ids(&["--dyad", "usa-mex"]).len(), 5);
    assert_eq!(ids(&["--source", "MEXGOV"]), ["m1-1-0", "m2-0-0", "m2-0-1"]);
    assert_eq!(ids(&["--target", "MEXCRM"]), ["m1-0-0"]);
    assert_eq!(ids(&["--actor", "MEX", "--quad", "2"]), ["m2-0-0"]);
    assert_eq!(ids(&["--code", "08"]), ["m2-0-0"]);
    assert_eq!(ids(&["--root", "05"]), ["m3-0-0", "m2-0-1"]);
    assert_eq!(ids(&["--modality", "hypothetical"]), ["m3-0-0", "m1-0-0"]);
    assert_eq!(ids(&["--since", "2025-04"]), ["m2-0-0", "m2-0-1"]);
    assert_eq!(ids(&["--until", "2025-03-31"]), ["m1-0-0", "m1-1-0"]);
    assert_eq!(ids(&["--text", "cartel"]), ["m2-0-0", "m2-0-1"]);
    assert_eq!(ids(&["--text", "cartel*", "--limit", "1"]), ["m1-0-0"]);

    let table = stdout(&atalaya(&["events", "--db", &f.db, "--dyad", "USA-MEX"]));
    let header = table.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("DAY") && header.contains("CAMEO"),
        "{table}"
    );
    assert!(table.contains("2025-03-04  USAGOV"), "{table}");

    let csv = stdout(&atalaya(&["events", "--db", &f.db, "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), 5);

    let bad = Command::new(BIN)
        .args(["events", "--db", &f.db, "--modality", "maybe"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("modality `maybe`"));
}

#[test]
fn impossible_dates_in_filters_are_errors_naming_the_flag() {
    let f = fixture();
    for (flag, date, why) in [
        ("--since", "2025-13-01", "no month 13"),
        ("--until", "2025-02-30", "no day 30"),
        ("--since", "March", "not a date"),
    ] {
        for command in ["events", "export"] {
            let output = Command::new(BIN)
                .args([command, "--db", &f.db, "--format", "jsonl", flag, date])
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let err = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {flag} {date}: {err}"
            );
            assert!(
                err.contains(flag) && err.contains(date) && err.contains(why),
                "{command} {flag} {date}: {err}"
            );
            assert!(output.stdout.is_empty());
        }
    }
}

#[test]
fn text_filter_help_says_it_matches_whole_articles() {
    let output = atalaya(&["events", "--help"]);
    let help = stdout(&output)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains("matched against each whole article"),
        "{help}"
    );
}

#[test]
fn gdelt_and_phoenix_rows_have_their_columns_in_order() {
    let f = fixture();
    let gdelt = stdout(&atalaya(&["export", "--db", &f.db, "--format", "gdelt"]));
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.len() == 61));
    let m1 = &rows[1]; // m1-0-0
    assert_eq!(&m1[1..5], ["20250304", "202503", "2025", "2025.1699"]);
    assert_eq!(m1[5], "USAGOV");
    assert_eq!(m1[6], "OFFICIALS IN WASHINGTON");
    assert_eq!(m1[7], "USA");
    assert_eq!(m1[12], "GOV");
    assert_eq!(m1[15], "MEXCRM");
    assert_eq!(m1[25], "1");
    assert_eq!(&m1[26..31], ["138", "138", "13", "3", "-7"]);
    assert_eq!(m1[51], "1");
    assert_eq!(m1[52], "Mexico");
    assert_eq!(m1[56], "23.6");
    assert_eq!(m1[59].len(), 14);
    assert_eq!(m1[60], "https://news.example/m1");
    let m2 = &rows[3];
    assert_eq!(&m2[26..29], ["0874", "087", "08"]);
    // No date at all: date columns empty, not made up.
    assert_eq!(&rows[0][1..5], ["", "", "", ""]);

    let phoenix = stdout(&atalaya(&["export", "--db", &f.db, "--format", "phoenix"]));
    let rows: Vec<Vec<&str>> = phoenix.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 26));
    let m1 = &rows[1];
    assert_eq!(&m1[..5], ["m1-0-0", "20250304", "2025", "3", "4"]);
    assert_eq!(&m1[5..9], ["USAGOV", "USA", "GOV", ""]);
    assert_eq!(&m1[13..17], ["138", "13", "3", "-7"]);
    // Phoenix quad classes differ from GDELT's: root 05 is 1, root 08 is 2, 12 is 3.
    assert_eq!(rows[2][15], "3");
    assert_eq!(rows[3][15], "2");
    assert_eq!(rows[0][15], "1");
    assert_eq!(
        &m1[23..26],
        ["m1", "https://news.example/m1", "Example Wire"]
    );
}

#[test]
fn parquet_round_trip_matches_jsonl() {
    let f = fixture();
    let parquet = f.root.join("events.parquet");
    let jsonl = f.root.join("events.jsonl");
    let parquet_s = parquet.display().to_string();
    let jsonl_s = jsonl.display().to_string();
    atalaya(&[
        "export", "--db", &f.db, "--format", "parquet", "-o", &parquet_s,
    ]);
    atalaya(&["export", "--db", &f.db, "--format", "jsonl", "-o", &jsonl_s]);
    let events: Vec<Event> = std::fs::read_to_string(&jsonl)
        .unwrap_or_else(|e| panic!("{e}"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(events.len(), 5);

    let batches = read_parquet(&parquet);
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(rows, events.len());
    let batch = &batches[0];
    let column = |name: &str| {
        batch
            .column_by_name(name)
            .unwrap_or_else(|| panic!("no column {name}"))
            .clone()
    };
    let event_id = column("event_id");
    let cameo = column("cameo");
    let quad = column("quad_class");
    let goldstein = column("goldstein");
    let date = column("date");
    let span_start = column("span_start");
    let entries = column("matched_entries");
    let (ids, cameos) = (event_id.as_string::<i32>(), cameo.as_string::<i32>());
    for (row, event) in events.iter().enumerate() {
        assert_eq!(ids.value(row), event.id);
        assert_eq!(cameos.value(row), event.cameo);
        let q = quad.as_primitive::<Int8Type>();
        assert_eq!(
            (!q.is_null(row)).then(|| q.value(row) as u8),
            event.quad_class
        );
        let g = goldstein.as_primitive::<Float32Type>();
        assert_eq!((!g.is_null(row)).then(|| g.value(row)), event.goldstein);
        let s = span_start.as_primitive::<Int64Type>();
        assert_eq!(s.value(row) as usize, event.span.start);
        let d = date.as_primitive::<Date32Type>();
        let as_text = (!d.is_null(row))
            .then(|| d.value_as_date(row))
            .flatten()
            .map(|day| day.format("%Y-%m-%d").to_string());
        assert_eq!(as_text, event.date);
        let list = entries.as_list::<i32>();
        let values = list.value(row);
        let values = values.as_string::<i32>();
        let got: Vec<&str> = (0..values.len()).map(|i| values.value(i)).collect();
        assert_eq!(got, event.matched.entries);
    }
    // Codes keep their leading zeros.
    assert!((0..batch.num_rows()).any(|row| cameos.value(row) == "0874"));

    // Partitioned by month: three folders, rows split 1/2/2.
    let folder = f.root.join("by-month");
    let folder_s = folder.display().to_string();
    let export_by_month: [&str; 9] = [
        "export",
        "--db",
        &f.db,
        "--format",
        "parquet",
        "-o",
        &folder_s,
        "--partition",
        "month",
    ];
    atalaya(&export_by_month);
    let mut parts: Vec<(String, usize)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|entry| {
            let rows = read_parquet(&entry.path().join("part-0.parquet"))
                .iter()
                .map(RecordBatch::num_rows)
                .sum();
            (entry.file_name().to_string_lossy().into_owned(), rows)
        })
        .collect();
    parts.sort();
    assert_eq!(
        parts,
        [
            ("month=2025-03".to_string(), 2),
            ("month=2025-04".to_string(), 2),
            ("month=undated".to_string(), 1),
        ]
    );
    // A second export into the same folder is refused rather than mixed in.
    let again = Command::new(BIN)
        .args(export_by_month)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.status.code(), Some(2));

    // Python readers, when available (CI installs them; see scripts/check-parquet.py).
    match std::env::var("ATALAYA_PYTHON") {
        Ok(python) if !python.is_empty() => {
            let script =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/check-parquet.py");
            let output = Command::new(&python)
                .arg(&script)
                .args([&parquet_s, &jsonl_s, &folder_s])
                .output()
                .unwrap_or_else(|e| panic!("{python}: {e}"));
            assert!(
                output.status.success(),
                "check-parquet.py failed:\n{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            eprintln!("{}", String::from_utf8_lossy(&output.stdout));
        }
        _ => eprintln!("ATALAYA_PYTHON not set: Python read-back of the Parquet export skipped"),
    }
}
