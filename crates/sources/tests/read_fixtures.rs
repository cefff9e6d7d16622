//! Reads the committed fixtures and generated bad inputs end to end through `read_all`.

use atalaya_sources::{read_all, Format, ReadOptions, Reason, SourceError, Sourced};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn read(inputs: &[String]) -> (Vec<Sourced>, Vec<SourceError>) {
    read_with(inputs, &ReadOptions::default())
}

fn read_with(inputs: &[String], options: &ReadOptions) -> (Vec<Sourced>, Vec<SourceError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for result in read_all(inputs, options) {
        match result {
            Ok(sourced) => ok.push(sourced),
            Err(err) => errors.push(err),
        }
    }
    (ok, errors)
}

#[test]
fn html_page_keeps_the_story_and_drops_the_chrome() {
    let (ok, errors) = read(&[fixture("article.html")]);
    assert!(errors.is_empty(), "{errors:?}");
    let article = &ok[0].article;
    assert_eq!(
        article.title.as_deref(),
        Some("Ministers agree to resume border security talks")
    );
    assert_eq!(article.outlet.as_deref(), Some("The Harbor Ledger"));
    assert_eq!(article.published.as_deref(), Some("2025-03-04T20:30:00Z"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://ledger.example/world/border-talks")
    );
    assert_eq!(article.lang.as_deref(), Some("en"));
    assert!(article.text.starts_with("The foreign ministers"));
    assert!(article.text.contains("reopen the crossings"));
    for chrome in [
        "Subscribe today",
        "mattresses",
        "Photo caption",
        "First! This deal",
        "weeknight dinner",
        "All rights reserved",
    ] {
        assert!(!article.text.contains(chrome), "kept {chrome:?}");
    }
    // Paragraphs stay apart so sentence splitting sees them.
    assert_eq!(article.text.matches("\n\n").count(), 3);
}

#[test]
fn rss_and_atom_items_become_articles() {
    let (ok, errors) = read(&[fixture("feed.rss"), fixture("feed.atom")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 5);
    let first = &ok[0];
    assert_eq!(
        first.origin.to_string(),
        format!("{}: item 1", fixture("feed.rss"))
    );
    assert_eq!(first.article.outlet.as_deref(), Some("Coastal Wire"));
    assert_eq!(
        first.article.published.as_deref(),
        Some("2025-04-02T08:15:00Z")
    );
    assert!(first
        .article
        .text
        .ends_with("The defence ministry said the escort would continue until further notice."));
    // A headline-only item is coded from its headline.
    assert_eq!(ok[2].article.text, "Governor announces flood relief fund");
    let atom = &ok[3].article;
    assert_eq!(atom.outlet.as_deref(), Some("Valley Chronicle"));
    assert_eq!(atom.title.as_deref(), Some("Mayor meets protest leaders"));
    assert_eq!(
        atom.url.as_deref(),
        Some("https://chronicle.example/mayor-protest")
    );
    // Atom entries without <published> fall back to <updated>.
    assert_eq!(
        ok[4].article.published.as_deref(),
        Some("2025-05-06T07:30:00Z")
    );
}

#[test]
fn jsonl_bad_lines_are_reported_and_the_rest_read() {
    let (ok, errors) = read(&[fixture("articles.jsonl")]);
    let ids: Vec<&str> = ok.iter().map(|s| s.article.id.as_str()).collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(&ids[..2], ["hl-001", "hl-002"]);
    assert_eq!(ids[3], "hl-005");
    // No id given: derived from the content hash.
    assert_eq!(ids[2], format!("a{}", &ok[2].content_hash[..20]));
    assert_eq!(ok[2].article.published.as_deref(), Some("2025-02-12"));
    // Spanish is flagged, not dropped.
    assert_eq!(ok[3].article.lang.as_deref(), Some("es"));
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].ends_with("articles.jsonl:4: JSON line has no `text` field"));
    assert!(messages[1].contains("articles.jsonl:7: invalid JSON"));
}

#[test]
fn text_and_markdown_metadata() {
    let (ok, errors) = read(&[fixture("report.txt"), fixture("brief.md")]);
    assert!(errors.is_empty(), "{errors:?}");
    let report = &ok[0].article;
    assert_eq!(
        report.title.as_deref(),
        Some("Health ministry confirms new cholera cases")
    );
    assert_eq!(report.published.as_deref(), Some("2025-06-03"));
    assert_eq!(report.outlet.as_deref(), Some("Riverside Times"));
    let brief = &ok[1].article;
    assert_eq!(brief.title.as_deref(), Some("Talks on water sharing stall"));
    assert_eq!(brief.outlet.as_deref(), Some("Delta Review"));
    assert!(brief
        .text
        .contains("agree on\na new water-sharing formula, the mediators said."));
    assert!(!brief.text.contains("**"));
}

#[test]
fn same_text_gives_the_same_id_and_hash_wherever_it_is() {
    let (ok, _) = read(&[fixture("report.txt"), fixture("folder/one.txt")]);
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].article.id, ok[1].article.id);
    assert_eq!(ok[0].content_hash, ok[1].content_hash);
    assert_eq!(ok[0].content_hash.len(), 64);
}

#[test]
fn bad_inputs_each_name_file_and_reason() {
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let dir = match dir {
        Ok(dir) => dir,
        Err(e) => panic!("tempdir: {e}"),
    };
    let path = |name: &str| -> PathBuf { dir.path().join(name) };
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(path(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"))
    };
    write("binary.txt", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    write("empty.txt", b"");
    write(
        "latin1.txt",
        b"Headline\n\nThe ministry in Bogot\xe1 said on Monday: \xff\xfe end.\n",
    );
    write("blank.md", b"\n\n   \n");
    write(
        "good.txt",
        b"Title line\n\nThe army withdrew from the border town on Friday.\n",
    );
    // 20 MiB article as a text file and as one JSON line, generated rather than committed.
    let big_text = "The delegation returned home. ".repeat(20 * 1024 * 1024 / 30);
    write("huge.txt", big_text.as_bytes());
    let big_line = format!(
        "{{\"id\":\"big\",\"text\":\"{big_text}\"}}\n{{\"id\":\"small\",\"text\":\"Talks ended.\"}}\n"
    );
    write("huge.jsonl", big_line.as_bytes());
    std::fs::copy(fixture("truncated.rss"), path("truncated.rss"))
        .unwrap_or_else(|e| panic!("copy: {e}"));
    std::fs::copy(fixture("no-body.html"), path("no-body.html"))
        .unwrap_or_else(|e| panic!("copy: {e}"));

    let (ok, errors) = read(&[dir.path().display().to_string()]);
    let ok_ids: Vec<&str> = ok.iter().map(|s| s.article.id.as_str()).collect();
    assert_eq!(ok.len(), 3, "{ok_ids:?}");
    assert_eq!(ok_ids[1], "small");
    // Invalid UTF-8 costs a character, not the article, and is reported with where it was.
    let latin1 = ok
        .iter()
        .find(|s| s.origin.source.ends_with("latin1.txt"))
        .unwrap_or_else(|| panic!("latin1.txt not read: {errors:?}"));
    assert_eq!(
        latin1.article.text,
        "The ministry in Bogot\u{FFFD} said on Monday: \u{FFFD}\u{FFFD} end."
    );
    assert_eq!(
        latin1.warnings,
        ["invalid UTF-8 replaced with U+FFFD in 3 places, the first at line 3, byte 31"]
    );
    let find = |name: &str| -> &SourceError {
        errors
            .iter()
            .find(|e| e.origin.source.ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}: {errors:?}"))
    };
    assert!(matches!(
        find("binary.txt").reason,
        Reason::Binary { offset: 7 }
    ));
    assert!(matches!(find("empty.txt").reason, Reason::Empty));
    assert!(matches!(find("blank.md").reason, Reason::NoText));
    assert!(matches!(find("truncated.rss").reason, Reason::Feed(_)));
    assert!(matches!(find("no-body.html").reason, Reason::NoHtmlBody(_)));
    assert!(matches!(
        find("huge.txt").reason,
        Reason::TooLarge {
            what: "document",
            ..
        }
    ));
    let huge_line = find("huge.jsonl");
    assert_eq!(
        huge_line.to_string().split(": ").next(),
        Some(&*format!("{}:1", path("huge.jsonl").display()))
    );
    assert!(matches!(
        huge_line.reason,
        Reason::TooLarge {
            what: "JSON line",
            ..
        }
    ));
    assert_eq!(errors.len(), 7, "{errors:?}");
    // Every message names the file.
    for err in &errors {
        assert!(err
            .to_string()
            .starts_with(&dir.path().display().to_string()));
    }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// Writes `content` to `name` in `dir` and returns its path.
fn write_in(dir: &tempfile::TempDir, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {name}: {e}"));
    path
}

#[test]
fn invalid_utf8_in_a_json_line_is_replaced_and_located_in_the_line() {
    let dir = tempdir();
    let path = write_in(
        &dir,
        "mixed.jsonl",
        b"{\"id\": \"ok\", \"text\": \"Talks ended.\"}\n{\"id\": \"l1\", \"text\": \"Bogot\xe1 agreed.\"}\n",
    );
    let (ok, errors) = read(&[path.display().to_string()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[1].article.text, "Bogot\u{FFFD} agreed.");
    assert_eq!(ok[1].origin.to_string(), format!("{}:2", path.display()));
    assert_eq!(
        ok[1].warnings,
        ["invalid UTF-8 replaced with U+FFFD in 1 place, the first at byte 27 of the line"]
    );
    assert!(ok[0].warnings.is_empty());
}

#[test]
fn deeply_nested_page_is_refused_by_name_and_the_rest_read() {
    let dir = tempdir();
    let deep = format!(
        "<html><body>{}<p>Troops moved on Monday, officials said.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write_in(&dir, "deep.html", deep);
    write_in(
        &dir,
        "good.txt",
        "Rebels freed two hostages on Sunday, officials said.\n",
    );
    let (ok, errors) = read(&[dir.path().display().to_string()]);
    assert_eq!(ok.len(), 1, "{errors:?}");
    assert!(ok[0].origin.source.ends_with("good.txt"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].origin.source.ends_with("deep.html"));
    assert!(matches!(errors[0].reason, Reason::TooDeep { limit: 256 }));
    assert!(
        errors[0].to_string().contains("more than 256 levels deep"),
        "{}",
        errors[0]
    );
}

#[test]
fn options_supply_what_the_inputs_do_not_say() {
    let dir = tempdir();
    let bare = write_in(
        &dir,
        "bare.txt",
        "The mayor said the bridge would reopen next week, and the council agreed.\n",
    );
    let json = write_in(
        &dir,
        "one.jsonl",
        "{\"id\": \"j\", \"text\": \"Talks ended.\", \"outlet\": \"Own Wire\", \"published\": \"2025-01-02\", \"lang\": \"es\"}\n",
    );
    let options = ReadOptions {
        published: Some("2025-03-04".into()),
        outlet: Some("Given Outlet".into()),
        lang: Some("en".into()),
        ..ReadOptions::default()
    };
    let inputs = [bare.display().to_string(), json.display().to_string()];
    let (ok, errors) = read_with(&inputs, &options);
    assert!(errors.is_empty(), "{errors:?}");
    let (bare, json) = (&ok[0].article, &ok[1].article);
    assert_eq!(bare.published.as_deref(), Some("2025-03-04"));
    assert_eq!(bare.outlet.as_deref(), Some("Given Outlet"));
    assert_eq!(bare.lang.as_deref(), Some("en"));
    // What a record says itself stays, except the language, which the option decides.
    assert_eq!(json.published.as_deref(), Some("2025-01-02"));
    assert_eq!(json.outlet.as_deref(), Some("Own Wire"));
    assert_eq!(json.lang.as_deref(), Some("en"));

    // A forced format reads a JSON Lines file as one plain-text article.
    let plain = ReadOptions {
        format: Some(Format::Text),
        ..ReadOptions::default()
    };
    let (ok, errors) = read_with(&inputs[1..], &plain);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 1);
    assert!(ok[0].article.text.starts_with("{\"id\": \"j\""));
}

#[test]
fn folder_walk_is_recursive_sorted_and_by_extension() {
    let (ok, errors) = read(&[fixture("folder")]);
    assert!(errors.is_empty(), "{errors:?}");
    let sources: Vec<&str> = ok.iter().map(|s| s.origin.source.as_str()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources[0].ends_with("folder/nested/two.md"));
    assert!(sources[1].ends_with("folder/one.txt"));
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let (ok, errors) = read(&["/nonexistent/atalaya/input.txt".to_string()]);
    assert!(ok.is_empty());
    assert!(matches!(errors[0].reason, Reason::NotFound));
}

/// Serves one HTTP response on a loopback port, for the URL reader.
#[cfg(feature = "http")]
fn serve_once(content_type: &'static str, body: String) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    format!("http://{addr}/feed")
}

#[cfg(feature = "http")]
#[test]
fn feed_url_is_fetched_and_split_into_items() {
    let body = std::fs::read_to_string(fixture("feed.atom")).unwrap_or_else(|e| panic!("{e}"));
    let url = serve_once("application/atom+xml", body);
    let (ok, errors) = read(std::slice::from_ref(&url));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].origin.to_string(), format!("{url}: item 1"));
    assert_eq!(ok[1].article.outlet.as_deref(), Some("Valley Chronicle"));
}

#[cfg(feature = "http")]
#[test]
fn unreachable_url_is_an_error_naming_it() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!("http://127.0.0.1:{port}/gone.rss");
    let (ok, errors) = read(std::slice::from_ref(&url));
    assert!(ok.is_empty());
    assert!(matches!(errors[0].reason, Reason::Http(_)), "{errors:?}");
    assert!(errors[0].to_string().starts_with(&url));
}
