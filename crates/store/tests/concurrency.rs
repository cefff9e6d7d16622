//! Several processes (here: threads with their own connections) using one store file: opening a
//! new store at the same moment, and writing while another writer holds the lock.

use atalaya_engine::record::Article;
use atalaya_store::{ArticleWrite, Coding, RunCounts, RunInfo, Store, WriteOutcome};
use std::path::Path;
use std::sync::{Arc, Barrier};

fn run_info() -> RunInfo {
    RunInfo {
        command: "test".into(),
        engine_version: "0.1.0".into(),
        dict_version: None,
        dict_hash: "d1".into(),
    }
}

fn write(id: &str) -> ArticleWrite {
    let text = format!("Article {id}: officials met on Monday.");
    ArticleWrite {
        bytes: text.len(),
        content_hash: format!("hash-of-{id}"),
        origin: Some(format!("{id}.txt")),
        article: Article {
            id: id.into(),
            text,
            ..Article::default()
        },
        coding: Coding::Coded {
            events: Vec::new(),
            sentences: 1,
        },
        stories: Default::default(),
    }
}

/// Opens the store, records a run and writes one article, as one `atalaya ingest` does.
fn ingest_one(path: &Path, id: &str) -> Result<(), String> {
    let mut store = Store::open(path).map_err(|e| format!("open: {e}"))?;
    let run = store
        .begin_run(&run_info())
        .map_err(|e| format!("begin run: {e}"))?;
    let outcomes = store
        .write_batch(run, "d1", &[write(id)], &RunCounts::default())
        .map_err(|e| format!("write: {e}"))?;
    if outcomes != vec![WriteOutcome::Inserted] {
        return Err(format!("{id}: {outcomes:?}"));
    }
    store
        .finish_run(run, "finished")
        .map_err(|e| format!("finish: {e}"))
}

#[test]
fn writers_opening_a_new_store_together_create_the_schema_once() {
    const WRITERS: usize = 8;
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = Arc::new(dir.path().join(format!("new-{round}.db")));
        let barrier = Arc::new(Barrier::new(WRITERS));
        let handles: Vec<_> = (0..WRITERS)
            .map(|n| {
                let (path, barrier) = (Arc::clone(&path), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    ingest_one(&path, &format!("w{n}"))
                })
            })
            .collect();
        for handle in handles {
            let result = handle.join().unwrap_or_else(|_| panic!("writer panicked"));
            assert!(result.is_ok(), "round {round}: {result:?}");
        }
        let store = Store::open_readonly(&path).unwrap_or_else(|e| panic!("{e}"));
        let counts = store.counts().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(counts.articles, WRITERS as u64);
        assert_eq!(counts.runs, WRITERS as u64);
    }
}

#[test]
fn a_writer_waits_for_a_busy_store_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("busy.db");
    ingest_one(&path, "first").unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let run = store
        .begin_run(&run_info())
        .unwrap_or_else(|e| panic!("{e}"));

    // Another process takes the write lock (as an ingest does while it commits a batch) ...
    let holder = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE runs SET command = command;")
        .unwrap_or_else(|e| panic!("{e}"));
    // ... while this store writes a batch and a second writer opens the store.
    let batch = std::thread::spawn(move || {
        store
            .write_batch(run, "d1", &[write("second")], &RunCounts::default())
            .map_err(|e| format!("write: {e}"))
    });
    let opener = {
        let path = path.clone();
        std::thread::spawn(move || ingest_one(&path, "third"))
    };
    // Let both run into the lock, then release it.
    std::thread::sleep(std::time::Duration::from_millis(500));
    holder
        .execute_batch("COMMIT")
        .unwrap_or_else(|e| panic!("{e}"));
    let written = batch.join().unwrap_or_else(|_| panic!("writer panicked"));
    assert_eq!(written, Ok(vec![WriteOutcome::Inserted]));
    let opened = opener.join().unwrap_or_else(|_| panic!("writer panicked"));
    assert_eq!(opened, Ok(()));
}
