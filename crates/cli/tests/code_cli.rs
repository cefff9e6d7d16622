//! `atalaya code` and `atalaya eval` end to end: bad records are reported with file and line and
//! skipped, the rest is coded, and exit codes say what happened.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_atalaya"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn engine_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/coder")
}

fn run_code(input: &[u8], dicts: &Path) -> (String, String, i32) {
    let mut child = bin()
        .args(["code", "-d"])
        .arg(dicts)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn atalaya");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn bad_records_are_reported_and_the_rest_is_coded() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"a1\", \"text\": \"Arnor attacked Gondor.\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"Arnor \xff\xfe attacked\"}\n");
    input.extend_from_slice(b"{\"id\": \"no-text\", \"body\": \"Arnor attacked Gondor.\"}\n");
    input.extend_from_slice(b"{not json\n");
    let huge = "word ".repeat(1_000_000); // 5 MB: over the article text limit
    input.extend_from_slice(format!("{{\"id\": \"huge\", \"text\": \"{huge}\"}}\n").as_bytes());
    let long = "word ".repeat(5_000); // 25 KB with no sentence end: over the sentence limit
    input.extend_from_slice(format!("{{\"id\": \"long\", \"text\": \"{long}\"}}\n").as_bytes());
    input
        .extend_from_slice(b"{\"id\": \"a2\", \"text\": \"Gondor attacked Arnor with drones.\"}\n");
    let (stdout, stderr, status) = run_code(&input, &engine_fixtures());
    let events: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let ids: Vec<&str> = events
        .iter()
        .filter_map(|e| e["article_id"].as_str())
        .collect();
    assert_eq!(ids, vec!["a1", "a2"], "stderr: {stderr}");
    assert_eq!(events[1]["cameo"], "195");
    // Invalid UTF-8 is replaced (the record is coded, with a warning), not a bad record.
    assert!(
        stderr.contains("<stdin>:3: invalid UTF-8 replaced with U+FFFD in 2 places"),
        "{stderr}"
    );
    assert!(
        stderr.contains("<stdin>:4: JSON line has no `text` field"),
        "{stderr}"
    );
    assert!(stderr.contains("<stdin>:5: invalid JSON"), "{stderr}");
    assert!(
        stderr.contains("<stdin>:6: article text is 4999999 bytes, over the limit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("<stdin>:7: article long: sentence 0 is"),
        "{stderr}"
    );
    assert!(
        stderr.contains("4 articles, 2 events, 0 not coded (language), 3 bad records"),
        "{stderr}"
    );
    assert_eq!(status, 1, "some records were bad: exit 1");
}

#[test]
fn nothing_read_exits_two_and_clean_input_zero() {
    let (_, stderr, status) = run_code(b"{not json\n{\"id\": \"x\"}\n", &engine_fixtures());
    assert_eq!(status, 2, "{stderr}");
    let (_, stderr, status) = run_code(b"", &engine_fixtures());
    assert_eq!(status, 0, "{stderr}");
}

#[test]
fn a_malformed_dictionary_line_is_named_and_coding_goes_on() {
    let input = b"{\"id\": \"a1\", \"text\": \"Arnor attacked Gondor with drones.\"}\n";
    let mut child = bin()
        .args(["code", "--dict-warnings", "-d"])
        .arg(fixtures().join("petrarch-broken"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("test.verbs.txt:5"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"cameo\":\"195\""), "{stdout}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn eval_scores_a_suite_and_the_ratchet_fails_below_its_level() {
    let dir = tempdir();
    let suite = dir.join("suite.jsonl");
    std::fs::write(
        &suite,
        concat!(
            "{\"id\":\"r1\",\"text\":\"Arnor attacked Gondor.\",\"expected\":[{\"source\":\"ARN\",\"target\":\"GON\",\"code\":\"190\"}]}\n",
            "{\"id\":\"r2\",\"text\":\"Arnor said nothing.\",\"expected\":[],\"expect_no_events\":true}\n",
            "{\"id\":\"r3\",\"text\":\"Rohan attacked Gondor.\",\"expected\":[{\"source\":\"ROH\",\"target\":\"GON\",\"code\":\"111\"}]}\n",
            "{\"id\":\"r4\",\"text\":\"skipped\",\"expected\":[],\"evaluate\":false}\n"
        ),
    )
    .expect("write suite");
    let out = bin()
        .arg("eval")
        .arg(&suite)
        .arg("-d")
        .arg(engine_fixtures())
        .arg("--json")
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["records"], 4);
    assert_eq!(v["evaluated"], 3);
    assert_eq!(v["passed"], 2);
    assert_eq!(v["true_positives"], 1);
    assert_eq!(v["produced_events"], 2);
    for key in [
        "suite",
        "pass_rate",
        "expected_events",
        "precision",
        "recall",
        "f1",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let ratchet = bin()
        .arg("eval")
        .arg(&suite)
        .arg("-d")
        .arg(engine_fixtures())
        .args(["--min-pass-rate", "0.9"])
        .output()
        .expect("run");
    assert_eq!(ratchet.status.code(), Some(1));
}

#[test]
fn eval_skips_bad_suite_lines_with_file_and_line() {
    let dir = tempdir();
    let suite = dir.join("half-bad.jsonl");
    std::fs::write(
        &suite,
        "{\"id\":\"r1\",\"text\":\"Arnor attacked Gondor.\",\"expected\":[{\"source\":\"ARN\",\"target\":\"GON\",\"code\":\"190\"}]}\n{broken\n",
    )
    .expect("write suite");
    let eval = |suite: &Path| {
        bin()
            .arg("eval")
            .arg(suite)
            .arg("-d")
            .arg(engine_fixtures())
            .arg("--json")
            .output()
            .expect("run")
    };
    let out = eval(&suite);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2: not a suite record", suite.display())),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["passed"], 1);

    let all_bad = dir.join("all-bad.jsonl");
    std::fs::write(&all_bad, "{broken\n").expect("write suite");
    assert_eq!(eval(&all_bad).status.code(), Some(2));
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atalaya-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
