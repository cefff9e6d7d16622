//! `atalaya serve` as a process: it listens on loopback, answers the API, and
//! `POST /api/ingest` codes and stores articles through `atalaya ingest`'s own path — only
//! with the token.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_atalaya");
const TOKEN: &str = "serve-test-token-0123456789";

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &std::path::Path, token: Option<&str>) -> Server {
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(db)
        .env_remove("ATALAYA_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(token) = token {
        command.env("ATALAYA_TOKEN", token);
    }
    let mut child = command.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut reader = BufReader::new(stderr);
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{e}"));
    // Keep reading what the server prints, so that it never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in: {line}"))
        .to_string();
    Server { child, addr }
}

/// One request on its own connection; (status, body).
fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[&str],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap_or_else(|e| panic!("connect: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.addr,
        body.len()
    );
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .unwrap_or_else(|e| panic!("read: {e}"));
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer}"));
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

fn empty_store(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("serve.db");
    let status = Command::new(BIN)
        .args(["ingest", "-q", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(db.exists(), "ingest of nothing made no store ({status})");
    db
}

const ARTICLE: &str = "{\"id\":\"serve-1\",\"published\":\"2025-03-04\",\"title\":\"Strike threat\",\"text\":\"The United States threatened to strike drug cartels in Mexico on Monday.\"}\n";

#[test]
fn ingest_through_the_api_needs_the_token_and_stores_coded_events() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = empty_store(dir.path());
    let server = start(&db, Some(TOKEN));
    // Asked before the write: the cached answer must not outlive it.
    let (_, body) = request(&server, "GET", "/api/status", &[], "");
    assert_eq!(json(&body)["articles"], 0, "{body}");
    let (status, body) = request(&server, "POST", "/api/ingest", &[], ARTICLE);
    assert_eq!(status, 401, "{body}");
    let (status, body) = request(
        &server,
        "POST",
        "/api/ingest",
        &["Authorization: Bearer not-the-token-at-all"],
        ARTICLE,
    );
    assert_eq!(status, 403, "{body}");
    let auth = format!("Authorization: Bearer {TOKEN}");
    let (status, body) = request(&server, "POST", "/api/ingest", &[&auth], ARTICLE);
    assert_eq!(status, 200, "{body}");
    let report = json(&body);
    assert_eq!(report["new"], 1, "{report}");
    let (_, body) = request(&server, "GET", "/api/status", &[], "");
    assert_eq!(json(&body)["articles"], 1, "a stale cached answer: {body}");
    assert!(
        report["events"].as_u64().is_some_and(|n| n >= 1),
        "{report}"
    );
    let (status, body) = request(&server, "GET", "/api/events?article=serve-1", &[], "");
    assert_eq!(status, 200, "{body}");
    let events = json(&body);
    let first = &events["events"][0];
    assert_eq!(first["source"]["code"], "USAGOV", "{events}");
    assert_eq!(first["cameo_root"], "13", "{events}");
    let id = first["id"].as_str().unwrap_or("").to_string();
    let (status, body) = request(&server, "GET", &format!("/api/events/{id}"), &[], "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["evidence"]["verb"]["text"], "threatened");
    // The same article again: stored once.
    let (_, body) = request(&server, "POST", "/api/ingest", &[&auth], ARTICLE);
    assert_eq!(json(&body)["unchanged"], 1, "{body}");
    // Nothing readable: 400 naming the line.
    let (status, body) = request(&server, "POST", "/api/ingest", &[&auth], "not json\n");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("<request body>:1"), "{body}");
}

#[test]
fn without_a_token_the_server_never_writes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = empty_store(dir.path());
    let server = start(&db, None);
    let (status, body) = request(
        &server,
        "POST",
        "/api/ingest",
        &[&format!("Authorization: Bearer {TOKEN}")],
        ARTICLE,
    );
    assert_eq!(status, 403, "{body}");
    let (status, body) = request(&server, "GET", "/api/status", &[], "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["articles"], 0);
    assert_eq!(json(&body)["ingest_enabled"], false);
    let (status, _) = request(&server, "GET", "/", &[], "");
    assert_eq!(status, 200);
}

#[test]
fn a_missing_store_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("nothing-here.db");
    let out = Command::new(BIN)
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(&missing)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing-here.db"), "{stderr}");
    assert!(!missing.exists());
}

/// `atalaya bench-serve`: the server in this process, the load client in a child process
/// (`atalaya bench-load`), every answer counted, the cache's hits and the CPU per request
/// reported.
#[test]
fn bench_serve_runs_the_load_client_as_a_child_process() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("bench.db");
    let made = Command::new(BIN)
        .args(["bench-store", "--events", "500", "--db"])
        .arg(&db)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(made.status.success(), "{made:?}");
    let run = Command::new(BIN)
        .args(["bench-serve", "--clients", "3", "--requests", "40", "--db"])
        .arg(&db)
        .args([
            "--target",
            "/api/events?dyad=USA-MEX&since=2024-03&until=2024-03&limit=50",
            "--target",
            "/api/events?dyad=RUS-UKR&limit=5&offset=5",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.contains("requests: 40 in "), "{out}");
    assert!(out.contains("errors: 0"), "{out}");
    assert!(out.contains("3 clients (3 connected), 2 distinct"), "{out}");
    // Warmed up first: every timed request is a hit.
    assert!(out.contains("answer cache: 40 hits, 0 misses"), "{out}");
    assert!(out.contains("cpu: server "), "{out}");
    // The mix alone, for other load tools.
    let targets = Command::new(BIN)
        .args(["bench-serve", "--print-targets", "--db"])
        .arg(&db)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&targets.stdout);
    assert!(text.lines().count() >= 6 * 5 * 2, "{text}");
    assert!(
        text.lines().all(|l| l.starts_with("/api/events?dyad=")),
        "{text}"
    );
}
