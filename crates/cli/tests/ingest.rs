//! `atalaya ingest` end to end: bad inputs reported while the rest lands, exit codes,
//! idempotence, and a SIGKILL part-way through leaving a consistent store that a re-run completes.

use atalaya_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sources/tests/fixtures")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn ingest(db: &Path, inputs: &[&Path]) -> Output {
    Command::new(BIN)
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(inputs)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// One short, distinct news-style article per line.
fn article_lines(count: usize) -> String {
    let mut lines = String::new();
    for i in 0..count {
        lines.push_str(&format!(
            "{{\"id\": \"gen-{i}\", \"published\": \"2025-03-{:02}\", \"outlet\": \"Test Wire\", \
             \"text\": \"The council of district {i} met on Monday and approved {} new road projects, \
             the mayor's office said.\"}}\n",
            i % 28 + 1,
            i % 17 + 2
        ));
    }
    lines
}

fn article_count(db: &Path) -> u64 {
    Store::open_readonly(db)
        .and_then(|s| s.counts())
        .map(|c| c.articles)
        .unwrap_or(0)
}

#[test]
fn bad_inputs_are_reported_and_the_rest_lands() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(inputs.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"))
    };
    write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(
        "no-text.jsonl",
        b"{\"id\": \"t1\", \"title\": \"Headline only\"}\n{\"id\": \"t2\", \"text\": \"Rebels freed two hostages on Sunday.\"}\n",
    );
    let big = "Negotiators met again in the capital. ".repeat(20 * 1024 * 1024 / 38);
    write("huge.txt", big.as_bytes());
    for name in ["truncated.rss", "no-body.html", "feed.rss", "article.html"] {
        std::fs::copy(fixtures().join(name), inputs.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    let db = dir.path().join("store.db");
    let output = ingest(&db, &[&inputs]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "some inputs were bad: {err}");
    let expect = [
        ("binary.txt", "binary data"),
        ("no-text.jsonl:1", "no `text` field"),
        ("huge.txt", "over the limit"),
        ("truncated.rss", "feed is malformed or truncated"),
        ("no-body.html", "no body text"),
    ];
    for (file, reason) in expect {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "no `{file}: …{reason}` in:\n{err}"
        );
    }
    assert!(err.contains("5 errors"), "{err}");
    // t2, three feed items and the HTML page landed.
    assert_eq!(article_count(&db), 5);
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    assert!(store.article("t2").ok().flatten().is_some());

    // Idempotent: the same inputs again store nothing new.
    let again = ingest(&db, &[&inputs]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("0 new"), "{}", stderr(&again));
    assert_eq!(article_count(&db), 5);
}

#[test]
fn nothing_read_exits_two() {
    let dir = tempdir();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\x00\x01\x02").unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("store.db");
    let output = ingest(&db, &[&bad]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("nothing was ingested"));
    let missing = ingest(&db, &[Path::new("/nonexistent/atalaya-input.jsonl")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/nonexistent/atalaya-input.jsonl: not found"));
    // Good inputs only: 0.
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Rebels freed two hostages on Sunday.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = ingest(&db, &[&good]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn stdin_is_read_and_language_flagged() {
    let dir = tempdir();
    let db = dir.path().join("store.db");
    let mut child = Command::new(BIN)
        .args(["ingest", "-q", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let lines = "{\"id\": \"en1\", \"text\": \"The army withdrew its troops from the border town on Friday after talks.\"}\n\
                     {\"id\": \"es1\", \"text\": \"El ejército retiró sus tropas de la ciudad fronteriza el viernes después de las conversaciones.\"}\n";
        stdin
            .write_all(lines.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(output.status.success(), "{}", stderr(&output));
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let es = store.article("es1").ok().flatten();
    assert_eq!(es.as_ref().and_then(|a| a.lang.as_deref()), Some("es"));
    assert_eq!(es.as_ref().map(|a| a.status.as_str()), Some("not_coded"));
    let en = store.article("en1").ok().flatten();
    assert_eq!(en.as_ref().map(|a| a.status.as_str()), Some("coded"));
}

/// Checks the store after a kill: SQLite and FTS consistent, no duplicate, and the run's own
/// counters (committed with each batch) agreeing with what is stored.
fn assert_consistent(db: &Path) -> u64 {
    // Opening for writing replays the WAL, as any next command would.
    let store = Store::open(db).unwrap_or_else(|e| panic!("reopen after kill: {e}"));
    let problems = store.check_integrity().unwrap_or_else(|e| panic!("{e}"));
    assert!(problems.is_empty(), "{problems:?}");
    let counts = store.counts().unwrap_or_else(|e| panic!("{e}"));
    let runs = store.runs().unwrap_or_else(|e| panic!("{e}"));
    let recorded_new: u64 = runs.iter().map(|r| r.counts.articles_new).sum();
    let recorded_events: u64 = runs.iter().map(|r| r.counts.events).sum();
    assert_eq!(recorded_new, counts.articles, "runs disagree with articles");
    assert_eq!(recorded_events, counts.events, "runs disagree with events");
    counts.articles
}

#[test]
fn sigkill_mid_ingest_leaves_a_consistent_store_and_rerun_completes() {
    const TOTAL: usize = 3000;
    let dir = tempdir();
    let db = dir.path().join("store.db");
    let input = dir.path().join("articles.jsonl");
    let lines = article_lines(TOTAL);
    std::fs::write(&input, &lines).unwrap_or_else(|e| panic!("{e}"));

    // 1. Feed stdin slowly so the kill lands while records are still flowing.
    let mut child = Command::new(BIN)
        .args(["ingest", "-q", "--batch", "25", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let feeder = std::thread::spawn(move || {
        for line in lines.lines() {
            if stdin.write_all(line.as_bytes()).is_err() || stdin.write_all(b"\n").is_err() {
                return; // the ingest was killed
            }
            std::thread::sleep(Duration::from_micros(300));
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while article_count(&db) < 100 {
        assert!(Instant::now() < deadline, "ingest made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap_or_else(|e| panic!("kill: {e}")); // SIGKILL on Unix
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(!status.success());
    let _ = feeder.join();
    let after_kill = assert_consistent(&db);
    assert!(
        after_kill >= 100 && after_kill < TOTAL as u64,
        "{after_kill}"
    );
    let runs = Store::open_readonly(&db)
        .and_then(|s| s.runs())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0].status, "interrupted",
        "the next writer marks a killed run interrupted"
    );

    // 2. Kill a file ingest as soon as its first batch is committed.
    let mut child = Command::new(BIN)
        .args(["ingest", "-q", "--batch", "10", "--db"])
        .arg(&db)
        .arg(&input)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    while article_count(&db) <= after_kill && child.try_wait().ok().flatten().is_none() {
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    let after_second_kill = assert_consistent(&db);
    assert!(after_second_kill >= after_kill);

    // 3. Re-run to the end: everything stored exactly once.
    let output = ingest(&db, &[&input]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(assert_consistent(&db), TOTAL as u64);
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let runs = store.runs().unwrap_or_else(|e| panic!("{e}"));
    let last = runs.last().unwrap_or_else(|| panic!("no run"));
    assert_eq!(last.status, "finished");
    assert_eq!(last.counts.articles_unchanged, after_second_kill);
    assert_eq!(last.counts.articles_new, TOTAL as u64 - after_second_kill);
    for i in [0, TOTAL / 2, TOTAL - 1] {
        assert!(store.article(&format!("gen-{i}")).ok().flatten().is_some());
    }
}

#[test]
fn two_ingests_started_together_on_a_new_store_both_land() {
    let dir = tempdir();
    let db = dir.path().join("new").join("store.db");
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    std::fs::write(&first, article_lines(40)).unwrap_or_else(|e| panic!("{e}"));
    let other: String = article_lines(40)
        .replace("gen-", "other-")
        .replace("council", "union");
    std::fs::write(&second, other).unwrap_or_else(|e| panic!("{e}"));
    let spawn = |input: &Path| {
        Command::new(BIN)
            .args(["ingest", "-q", "--batch", "5", "--db"])
            .arg(&db)
            .arg(input)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"))
    };
    let (a, b) = (spawn(&first), spawn(&second));
    for child in [a, b] {
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    assert_eq!(article_count(&db), 80);
}
