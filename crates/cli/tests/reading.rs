//! `atalaya code` and `atalaya ingest` read, limit and warn alike: the same reader for a text
//! file (title and header lines), the same flags for what plain text does not say, the same
//! warnings for an article left uncoded for its language, for invalid UTF-8 and for an
//! over-long sentence, and the same refusal of a pathologically nested page.

use atalaya_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");

fn fixture_dicts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/coder")
}

fn run(args: &[&str], extra: &[&Path]) -> Output {
    Command::new(BIN)
        .args(args)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"))
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn events(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn path_str(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("{}: not UTF-8", path.display()))
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("store.db")
    }
}

#[test]
fn code_and_ingest_read_a_text_file_alike() {
    let dir = Dir::new();
    let story = dir.file(
        "story.txt",
        b"Gondor accuses Arnor\nDate: March 4, 2025\nSource: Test Wire\n\nArnor attacked Gondor on Monday.\n",
    );
    let dicts = fixture_dicts();
    let coded = run(&["code", "-d", path_str(&dicts)], &[&story]);
    assert_eq!(coded.status.code(), Some(0), "{}", stderr(&coded));
    let from_code = events(&coded);
    // The title and header lines are not body text (they made a false "accuse" event), and the
    // Date: line dates "on Monday".
    assert_eq!(from_code.len(), 1, "{from_code:?}");
    assert_eq!(from_code[0]["cameo"], "190");
    assert_eq!(from_code[0]["date"], "2025-03-03");

    let db = dir.db();
    let ingested = run(
        &[
            "ingest",
            "-q",
            "-d",
            path_str(&dicts),
            "--db",
            path_str(&db),
        ],
        &[&story],
    );
    assert_eq!(ingested.status.code(), Some(0), "{}", stderr(&ingested));
    let listed = run(&["events", "--db", path_str(&db), "--format", "jsonl"], &[]);
    assert_eq!(events(&listed), from_code);
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let id = from_code[0]["article_id"].as_str().unwrap_or_default();
    let article = store
        .article(id)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no article {id}"));
    assert_eq!(article.title.as_deref(), Some("Gondor accuses Arnor"));
    assert_eq!(article.published.as_deref(), Some("2025-03-04"));
    assert_eq!(article.outlet.as_deref(), Some("Test Wire"));
}

#[test]
fn flags_give_date_outlet_and_language_for_plain_text() {
    let dir = Dir::new();
    let bare = dir.file("bare.txt", b"Arnor attacked Gondor on Monday.\n");
    let dicts = fixture_dicts();
    let flags = [
        "--published",
        "2025-03-04",
        "--outlet",
        "Given Wire",
        "--lang",
        "en",
    ];
    let mut args = vec!["code", "-d", path_str(&dicts)];
    args.extend_from_slice(&flags);
    let coded = run(&args, &[&bare]);
    assert_eq!(coded.status.code(), Some(0), "{}", stderr(&coded));
    assert_eq!(events(&coded)[0]["date"], "2025-03-03");

    let db = dir.db();
    let mut args = vec![
        "ingest",
        "-q",
        "-d",
        path_str(&dicts),
        "--db",
        path_str(&db),
    ];
    args.extend_from_slice(&flags);
    let ingested = run(&args, &[&bare]);
    assert_eq!(ingested.status.code(), Some(0), "{}", stderr(&ingested));
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let found = store
        .search_articles("Arnor", 5)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].published.as_deref(), Some("2025-03-04"));
    assert_eq!(found[0].outlet.as_deref(), Some("Given Wire"));
    assert_eq!(found[0].lang.as_deref(), Some("en"));

    let bad = run(&["code", "--published", "2025-13-40"], &[&bare]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--published"), "{}", stderr(&bad));
}

/// English, but detected as Spanish: the Spanish names outweigh the few English words.
const ENGLISH_DETECTED_AS_SPANISH: &str = "Claudia Sheinbaum Pardo criticized Donald Trump at La Mañanera del Pueblo in Palacio Nacional.";

#[test]
fn an_article_left_uncoded_for_its_language_is_named_and_lang_en_codes_it() {
    let dir = Dir::new();
    let file = dir.file(
        "sheinbaum.jsonl",
        format!("{{\"id\": \"mx1\", \"text\": \"{ENGLISH_DETECTED_AS_SPANISH}\"}}\n").as_bytes(),
    );
    let db = dir.db();
    let plain = run(&["ingest", "-q", "--db", path_str(&db)], &[&file]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let err = stderr(&plain);
    assert!(
        err.contains("sheinbaum.jsonl:1: article mx1: language `es`: not coded")
            && err.contains("--lang en"),
        "{err}"
    );
    let code = run(&["code"], &[&file]);
    assert!(events(&code).is_empty());
    assert!(
        stderr(&code).contains("article mx1: language `es`: not coded"),
        "{}",
        stderr(&code)
    );

    let forced = run(
        &["ingest", "-q", "--lang", "en", "--db", path_str(&db)],
        &[&file],
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(
        !stderr(&forced).contains("language `es`") && stderr(&forced).contains("1 re-coded"),
        "{}",
        stderr(&forced)
    );
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let article = store.article("mx1").ok().flatten();
    assert_eq!(article.as_ref().map(|a| a.status.as_str()), Some("coded"));
    let code = run(&["code", "--lang", "en"], &[&file]);
    assert_eq!(events(&code).len(), 1, "{}", stderr(&code));
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_file_and_byte() {
    let dir = Dir::new();
    let latin1 = dir.file(
        "latin1.txt",
        b"Arnor attacked Gondor near Annuminas on Monday, officials in Bogot\xe1 said.\n",
    );
    let dicts = fixture_dicts();
    let coded = run(&["code", "-d", path_str(&dicts)], &[&latin1]);
    assert_eq!(coded.status.code(), Some(0), "{}", stderr(&coded));
    assert_eq!(events(&coded).len(), 1, "{}", stderr(&coded));
    let expected = format!(
        "{}: invalid UTF-8 replaced with U+FFFD in 1 place, the first at line 1, byte 66",
        latin1.display()
    );
    assert!(stderr(&coded).contains(&expected), "{}", stderr(&coded));

    let db = dir.db();
    let ingested = run(
        &[
            "ingest",
            "-q",
            "-d",
            path_str(&dicts),
            "--db",
            path_str(&db),
        ],
        &[&latin1],
    );
    assert_eq!(ingested.status.code(), Some(0), "{}", stderr(&ingested));
    assert!(
        stderr(&ingested).contains(&expected),
        "{}",
        stderr(&ingested)
    );
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.counts().map(|c| c.events).ok(), Some(1));
}

#[test]
fn limits_and_their_warnings_are_the_same_in_code_and_ingest() {
    let long_sentence = format!("Arnor attacked Gondor {}", "and again ".repeat(3000));
    let big_text = "Arnor attacked Gondor. ".repeat(5 * 1024 * 1024 / 23);
    let lines = format!(
        "{{\"id\": \"long\", \"text\": \"{long_sentence}. Gondor attacked Arnor.\"}}\n\
         {{\"id\": \"big\", \"text\": \"{big_text}\"}}\n\
         {{\"id\": \"ok\", \"text\": \"Arnor attacked Gondor.\"}}\n"
    );
    let dir = Dir::new();
    let input = dir.file("batch.jsonl", lines.as_bytes());
    let dicts = fixture_dicts();
    let name = input.display().to_string();
    let sentence_warning =
        format!("{name}:1: article long: sentence 0 is 30023 bytes long (limit 20000): skipped");
    let size_error =
        format!("{name}:2: article text is 5242872 bytes, over the limit of 4194304 bytes");

    let coded = run(&["code", "-d", path_str(&dicts)], &[&input]);
    let err = stderr(&coded);
    assert_eq!(coded.status.code(), Some(1), "{err}");
    assert!(err.contains(&sentence_warning), "{err}");
    assert!(err.contains(&size_error), "{err}");
    let ids: Vec<String> = events(&coded)
        .iter()
        .map(|e| e["article_id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids, ["long", "ok"]);

    let db = dir.db();
    let ingested = run(
        &[
            "ingest",
            "-q",
            "-d",
            path_str(&dicts),
            "--db",
            path_str(&db),
        ],
        &[&input],
    );
    let err = stderr(&ingested);
    assert_eq!(ingested.status.code(), Some(1), "{err}");
    assert!(err.contains(&sentence_warning), "{err}");
    assert!(err.contains(&size_error), "{err}");
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store.counts().map(|c| (c.articles, c.events)).ok(),
        Some((2, 2))
    );
}

#[test]
fn a_page_nested_100000_deep_is_refused_by_name_and_the_rest_lands() {
    let dir = Dir::new();
    let deep = format!(
        "<html><body>{}<p>Arnor attacked Gondor on Monday.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let deep_path = dir.file("pages/deep.html", deep.as_bytes());
    dir.file("pages/good.txt", b"Gondor attacked Arnor.\n");
    let pages = dir.dir.path().join("pages");
    let dicts = fixture_dicts();
    let refusal = format!(
        "{}: HTML nests elements more than 256 levels deep (the limit): not read",
        deep_path.display()
    );

    let db = dir.db();
    let ingested = run(
        &[
            "ingest",
            "-q",
            "-d",
            path_str(&dicts),
            "--db",
            path_str(&db),
        ],
        &[&pages],
    );
    let err = stderr(&ingested);
    assert_eq!(ingested.status.code(), Some(1), "{err}");
    assert!(err.contains(&refusal), "{err}");
    assert!(err.contains("1 new") && err.contains("1 errors"), "{err}");

    let coded = run(&["code", "-d", path_str(&dicts)], &[&pages]);
    assert_eq!(coded.status.code(), Some(1), "{}", stderr(&coded));
    assert!(stderr(&coded).contains(&refusal), "{}", stderr(&coded));
    assert_eq!(events(&coded).len(), 1);
}

#[test]
fn stdin_is_read_the_same_way_by_both() {
    let dicts = fixture_dicts();
    let input = b"Border clash\nDate: 2025-03-04\n\nArnor attacked Gondor on Monday.\n";
    let coded = run_stdin(&["code", "-d", path_str(&dicts)], input);
    assert_eq!(coded.status.code(), Some(0), "{}", stderr(&coded));
    let from_code = events(&coded);
    assert_eq!(from_code.len(), 1);
    assert_eq!(from_code[0]["date"], "2025-03-03");
    let dir = Dir::new();
    let db = dir.db();
    let ingested = run_stdin(
        &[
            "ingest",
            "-q",
            "-d",
            path_str(&dicts),
            "--db",
            path_str(&db),
            "-",
        ],
        input,
    );
    assert_eq!(ingested.status.code(), Some(0), "{}", stderr(&ingested));
    let listed = run(&["events", "--db", path_str(&db), "--format", "jsonl"], &[]);
    assert_eq!(events(&listed), from_code);
}
