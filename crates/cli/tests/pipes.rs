//! `atalaya … | head`: a reader that closes the pipe early ends the command quietly with status
//! 0, as Unix filters do — no panic, no "Broken pipe" error, for every command that writes to
//! stdout.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/us-mexico-2025")
}

/// Runs atalaya with its stdout a pipe whose reading end is closed at once, before the command
/// writes anything; returns the exit status and stderr.
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    drop(child.stdout.take());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_quiet(args: &[&str]) {
    let (status, stderr) = with_closed_stdout(args);
    assert_eq!(status, Some(0), "atalaya {args:?}: {stderr}");
    for noise in ["Broken pipe", "panicked", "error"] {
        assert!(!stderr.contains(noise), "atalaya {args:?}: {stderr}");
    }
}

#[test]
fn a_closed_pipe_ends_every_writing_command_quietly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("store.db");
    let db = db
        .to_str()
        .unwrap_or_else(|| panic!("temp path is not UTF-8"));
    let example = example();
    let example = example
        .to_str()
        .unwrap_or_else(|| panic!("example path is not UTF-8"));
    let ingest = Command::new(BIN)
        .args(["ingest", "-q", "--db", db, example])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );

    assert_quiet(&["dict", "coverage"]);
    assert_quiet(&["dict", "coverage", "--json"]);
    assert_quiet(&["dict", "check"]);
    assert_quiet(&["code", example]);
    assert_quiet(&["events", "--db", db]);
    assert_quiet(&["events", "--db", db, "--format", "jsonl"]);
    assert_quiet(&["events", "--db", db, "--format", "csv"]);
    for format in ["gdelt", "phoenix", "jsonl"] {
        assert_quiet(&["export", "--db", db, "--format", format]);
    }
    for format in ["table", "csv", "json", "svg"] {
        assert_quiet(&[
            "timeline", "--db", db, "--dyad", "USA-MEX", "--format", format,
        ]);
    }
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/us-mexico-2025.rules");
    let rules = rules
        .to_str()
        .unwrap_or_else(|| panic!("rules path is not UTF-8"));
    assert_quiet(&["alerts", "--db", db, "--rules", rules, "--since", "2025"]);
    let suite = dir.path().join("suite.jsonl");
    std::fs::write(
        &suite,
        "{\"id\": \"r1\", \"text\": \"Mexico criticized the United States.\", \"expected\": []}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let suite = suite.to_str().unwrap_or_else(|| panic!("not UTF-8"));
    assert_quiet(&["eval", suite, "--failures"]);
    assert_quiet(&["eval", suite, "--json"]);
}
