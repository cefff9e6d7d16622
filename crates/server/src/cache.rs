//! A small cache of GET answers: the same query on an unchanged store gets the same bytes,
//! without touching SQLite (dashboards ask the same few queries again and again).
//!
//! An answer is reused only while the store files are as they were when it was made: the
//! modification times and sizes of the database and its WAL file (any commit, by this server
//! or by an `atalaya ingest` next to it, changes the WAL). Bounded in entries and bytes; the
//! oldest entry goes first.

use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

/// What the store files looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp([(Option<SystemTime>, u64); 2]);

pub struct Cache {
    files: [PathBuf; 2],
    inner: Mutex<Inner>,
    max_entries: usize,
    max_bytes: usize,
    /// Larger answers are not kept.
    pub max_entry_bytes: usize,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, (Stamp, Bytes)>,
    order: VecDeque<String>,
    bytes: usize,
}

impl Cache {
    pub fn new(db: &Path, max_entries: usize, max_bytes: usize) -> Cache {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        Cache {
            files: [db.to_path_buf(), PathBuf::from(wal)],
            inner: Mutex::new(Inner::default()),
            max_entries,
            max_bytes,
            max_entry_bytes: max_bytes / 16,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    pub fn stamp(&self) -> Stamp {
        let of = |path: &Path| match std::fs::metadata(path) {
            Ok(meta) => (meta.modified().ok(), meta.len()),
            Err(_) => (None, 0),
        };
        Stamp([of(&self.files[0]), of(&self.files[1])])
    }

    pub fn get(&self, key: &str, stamp: Stamp) -> Option<Bytes> {
        let found = self
            .inner
            .lock()
            .ok()
            .and_then(|inner| match inner.entries.get(key) {
                Some((made, bytes)) if *made == stamp => Some(bytes.clone()),
                _ => None,
            });
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Look-ups so far that found a fresh answer, and those that did not.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    pub fn put(&self, key: String, stamp: Stamp, bytes: Bytes) {
        if bytes.len() > self.max_entry_bytes || self.max_entries == 0 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if let Some((_, old)) = inner.entries.remove(&key) {
            inner.bytes -= old.len();
            inner.order.retain(|k| k != &key);
        }
        while inner.entries.len() >= self.max_entries || inner.bytes + bytes.len() > self.max_bytes
        {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some((_, old)) = inner.entries.remove(&oldest) {
                inner.bytes -= old.len();
            }
        }
        inner.bytes += bytes.len();
        inner.order.push_back(key.clone());
        inner.entries.insert(key, (stamp, bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_while_the_store_is_unchanged() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("s.db");
        std::fs::write(&db, b"one").unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::new(&db, 2, 1 << 20);
        let stamp = cache.stamp();
        cache.put("/a".into(), stamp, Bytes::from_static(b"A"));
        assert_eq!(cache.get("/a", cache.stamp()).as_deref(), Some(&b"A"[..]));
        // A commit grows the WAL: the answer is stale.
        std::fs::write(dir.path().join("s.db-wal"), b"commit").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get("/a", cache.stamp()), None);
        // Bounded: the oldest goes.
        let now = cache.stamp();
        cache.put("/a".into(), now, Bytes::from_static(b"A"));
        cache.put("/b".into(), now, Bytes::from_static(b"B"));
        cache.put("/c".into(), now, Bytes::from_static(b"C"));
        assert_eq!(cache.get("/a", now), None);
        assert!(cache.get("/b", now).is_some() && cache.get("/c", now).is_some());
        // Found: the first, the second after the commit missed, /b and /c.
        assert_eq!(cache.counts(), (3, 2));
    }
}
