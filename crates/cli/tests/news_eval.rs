//! `atalaya eval` on a news suite folder: texts read from elsewhere, maximum matching, skipped
//! articles named, failures by kind, the test split kept for measuring only.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn sha(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A suite folder with one annotated article whose text is in `texts.jsonl` and one whose
/// text is not stored yet.
fn suite(dir: &Path) {
    let text = "Mexico criticized Canada on Tuesday. Canada rejected the criticism.";
    let first = "Mexico criticized Canada on Tuesday.";
    std::fs::create_dir_all(dir.join("annotations")).expect("mkdir");
    let texts = serde_json::json!({
        "id": "x001", "url": "https://example.invalid/a", "published": "2025-11-18", "text": text
    });
    std::fs::write(dir.join("texts.jsonl"), format!("{texts}\n")).expect("write texts");
    let event = |code: &str, optional: bool| {
        serde_json::json!({
            "span": [0, first.len()], "sha": sha(first), "first_words": "Mexico criticized Canada",
            "source": "MEXGOV", "target": "CANGOV", "cameo": code, "modality": "asserted",
            "date": "2025-11-18", "date_precision": "day", "optional": optional
        })
    };
    let records = [
        serde_json::json!({"article": "x001", "url": "https://example.invalid/a",
            "events": [event("111", false), event("112", false)]}),
        serde_json::json!({"article": null, "url": "https://example.invalid/not-stored",
            "events": [event("111", false)]}),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(dir.join("annotations/a.jsonl"), lines.join("\n") + "\n").expect("write");
}

fn eval(dir: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("eval")
        .arg(dir)
        .arg("--news-texts")
        .arg(dir.join("texts.jsonl"))
        .args(extra)
        .output()
        .expect("run atalaya")
}

#[test]
fn a_news_folder_is_scored_with_one_to_one_matching() {
    let tmp = tempfile::tempdir().expect("tempdir");
    suite(tmp.path());
    let out = eval(tmp.path(), &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scores: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON object on stdout");
    // Two gold events share the dyad and root: the one produced event matches only one.
    assert_eq!(scores["gold_events"], 2);
    assert_eq!(scores["true_positives"], 1);
    assert_eq!(scores["articles"], 2);
    assert_eq!(scores["articles_scored"], 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("skipped https://example.invalid/not-stored: text not in the news texts yet"),
        "{stderr}"
    );
    assert_eq!(
        scores["failure_counts"]["missed: right actors, other code"],
        1
    );
}

#[test]
fn thresholds_set_the_exit_status_and_the_test_split_shows_no_failures() {
    let tmp = tempfile::tempdir().expect("tempdir");
    suite(tmp.path());
    let out = eval(tmp.path(), &["--min-f1", "0.99"]);
    assert_eq!(out.status.code(), Some(1));
    let out = eval(tmp.path(), &["--split", "test", "--failures"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--failures is refused on the test split"
    );
}
