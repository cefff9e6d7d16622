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

/// Which dictionaries a command codes with.
#[derive(Clone, Copy)]
enum Dicts {
    /// The coder tests' fixture dictionaries (Arnor, Gondor, …).
    Fixture,
    BuiltIn,
}

/// Runs `atalaya COMMAND`: with `-q --db DB` when a store is given, the dictionaries, `flags`,
/// then `inputs`; `stdin` is written to its standard input (none: no input).
fn atalaya(
    command: &str,
    db: Option<&Path>,
    dicts: Dicts,
    flags: &[&str],
    inputs: &[&Path],
    stdin: Option<&[u8]>,
) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg(command);
    if let Some(db) = db {
        cmd.args(["-q", "--db"]).arg(db);
    }
    if let Dicts::Fixture = dicts {
        cmd.arg("-d").arg(fixture_dicts());
    }
    cmd.args(flags).args(inputs);
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(input).unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn code(dicts: Dicts, flags: &[&str], inputs: &[&Path]) -> Output {
    atalaya("code", None, dicts, flags, inputs, None)
}

fn ingest(db: &Path, dicts: Dicts, flags: &[&str], inputs: &[&Path]) -> Output {
    atalaya("ingest", Some(db), dicts, flags, inputs, None)
}

/// The store's events, as `atalaya events --format jsonl` lists them.
/// The stored events as `code` prints them: without the `cluster_id` that ingest adds (the
/// story each joined; `code` clusters nothing), which each must have.
fn stored_events(db: &Path) -> Vec<serde_json::Value> {
    let listed = Command::new(BIN)
        .args(["events", "--format", "jsonl", "--db"])
        .arg(db)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut events = events(&listed);
    for event in &mut events {
        let cluster = event.as_object_mut().and_then(|o| o.remove("cluster_id"));
        assert!(cluster.is_some_and(|c| c.is_string()), "no story: {event}");
    }
    events
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit status and returns stderr.
fn exits(output: &Output, status: i32) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(status), "{err}");
    err
}

fn events(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
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
    let coded = code(Dicts::Fixture, &[], &[&story]);
    exits(&coded, 0);
    let from_code = events(&coded);
    // The title and header lines are not body text (they made a false "accuse" event), and the
    // Date: line dates "on Monday".
    assert_eq!(from_code.len(), 1, "{from_code:?}");
    assert_eq!(from_code[0]["cameo"], "190");
    assert_eq!(from_code[0]["date"], "2025-03-03");

    let db = dir.db();
    exits(&ingest(&db, Dicts::Fixture, &[], &[&story]), 0);
    assert_eq!(stored_events(&db), from_code);
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
    let flags = [
        "--published",
        "2025-03-04",
        "--outlet",
        "Given Wire",
        "--lang",
        "en",
    ];
    let coded = code(Dicts::Fixture, &flags, &[&bare]);
    exits(&coded, 0);
    assert_eq!(events(&coded)[0]["date"], "2025-03-03");

    let db = dir.db();
    exits(&ingest(&db, Dicts::Fixture, &flags, &[&bare]), 0);
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let found = store
        .search_articles("Arnor", 5)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].published.as_deref(), Some("2025-03-04"));
    assert_eq!(found[0].outlet.as_deref(), Some("Given Wire"));
    assert_eq!(found[0].lang.as_deref(), Some("en"));

    let err = exits(
        &code(Dicts::BuiltIn, &["--published", "2025-13-40"], &[&bare]),
        2,
    );
    assert!(err.contains("--published"), "{err}");
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
    let err = exits(&ingest(&db, Dicts::BuiltIn, &[], &[&file]), 0);
    assert!(
        err.contains("sheinbaum.jsonl:1: article mx1: language `es`: not coded")
            && err.contains("--lang en"),
        "{err}"
    );
    let coded = code(Dicts::BuiltIn, &[], &[&file]);
    assert!(events(&coded).is_empty());
    let err = exits(&coded, 0);
    assert!(
        err.contains("article mx1: language `es`: not coded"),
        "{err}"
    );

    let err = exits(&ingest(&db, Dicts::BuiltIn, &["--lang", "en"], &[&file]), 0);
    assert!(
        !err.contains("language `es`") && err.contains("1 re-coded"),
        "{err}"
    );
    let store = Store::open_readonly(&db).unwrap_or_else(|e| panic!("{e}"));
    let article = store.article("mx1").ok().flatten();
    assert_eq!(article.as_ref().map(|a| a.status.as_str()), Some("coded"));
    let coded = code(Dicts::BuiltIn, &["--lang", "en"], &[&file]);
    assert_eq!(events(&coded).len(), 1, "{}", stderr(&coded));
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_file_and_byte() {
    let dir = Dir::new();
    let latin1 = dir.file(
        "latin1.txt",
        b"Arnor attacked Gondor near Annuminas on Monday, officials in Bogot\xe1 said.\n",
    );
    let expected = format!(
        "{}: invalid UTF-8 replaced with U+FFFD in 1 place, the first at line 1, byte 66",
        latin1.display()
    );
    let coded = code(Dicts::Fixture, &[], &[&latin1]);
    let err = exits(&coded, 0);
    assert_eq!(events(&coded).len(), 1, "{err}");
    assert!(err.contains(&expected), "{err}");

    let db = dir.db();
    let err = exits(&ingest(&db, Dicts::Fixture, &[], &[&latin1]), 0);
    assert!(err.contains(&expected), "{err}");
    assert_eq!(stored_events(&db).len(), 1);
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
    let name = input.display().to_string();
    let sentence_warning =
        format!("{name}:1: article long: sentence 0 is 30023 bytes long (limit 20000): skipped");
    let size_error =
        format!("{name}:2: article text is 5242872 bytes, over the limit of 4194304 bytes");
    let db = dir.db();
    for (output, store) in [
        (code(Dicts::Fixture, &[], &[&input]), None),
        (ingest(&db, Dicts::Fixture, &[], &[&input]), Some(&db)),
    ] {
        let err = exits(&output, 1);
        assert!(err.contains(&sentence_warning), "{err}");
        assert!(err.contains(&size_error), "{err}");
        let events = match store {
            None => events(&output),
            Some(db) => stored_events(db),
        };
        let ids: Vec<&str> = events
            .iter()
            .map(|e| e["article_id"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(ids, ["long", "ok"]);
    }
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
    let refusal = format!(
        "{}: HTML nests elements more than 256 levels deep (the limit): not read",
        deep_path.display()
    );
    let db = dir.db();
    let err = exits(&ingest(&db, Dicts::Fixture, &[], &[&pages]), 1);
    assert!(err.contains(&refusal), "{err}");
    assert!(err.contains("1 new") && err.contains("1 errors"), "{err}");
    assert_eq!(stored_events(&db).len(), 1);

    let coded = code(Dicts::Fixture, &[], &[&pages]);
    let err = exits(&coded, 1);
    assert!(err.contains(&refusal), "{err}");
    assert_eq!(events(&coded).len(), 1);
}

#[test]
fn stdin_is_read_the_same_way_by_both() {
    let input = b"Border clash\nDate: 2025-03-04\n\nArnor attacked Gondor on Monday.\n";
    let coded = atalaya("code", None, Dicts::Fixture, &[], &[], Some(input));
    exits(&coded, 0);
    let from_code = events(&coded);
    assert_eq!(from_code.len(), 1);
    assert_eq!(from_code[0]["date"], "2025-03-03");
    let dir = Dir::new();
    let db = dir.db();
    let ingested = atalaya(
        "ingest",
        Some(&db),
        Dicts::Fixture,
        &["-"],
        &[],
        Some(input),
    );
    exits(&ingested, 0);
    assert_eq!(stored_events(&db), from_code);
}
