//! Atalaya's embedded store: articles, events, actors and runs in one SQLite file.
//!
//! - [`Store`] owns one connection. Writers use [`Store::open`] (creates the file, applies
//!   migrations, WAL mode); concurrent readers use [`Store::open_readonly`]. In WAL mode readers
//!   never block the single writer. Several writers (two `atalaya ingest` runs) take turns: every
//!   write transaction takes the lock first (`BEGIN IMMEDIATE`) and waits up to [`BUSY_TIMEOUT`]
//!   for another's; the schema is created once even when they open a new store together.
//! - Writes are idempotent and crash-safe: [`Store::write_batch`] commits a small batch of
//!   articles in one transaction, each article in its own savepoint, so a crash (even
//!   `kill -9`) leaves every article either wholly stored with its events or absent, and a re-run
//!   skips what is already there ([`WriteOutcome::Unchanged`] / [`WriteOutcome::Duplicate`]).
//!   Re-coding an article after a dictionary change replaces its events in that same transaction.
//! - Reads: [`Store::for_each_event`] streams events matching an [`EventFilter`] (actor, dyad,
//!   CAMEO code/root, quad class, modality, dates, full-text search over articles via FTS5).
//!
//! - Series: [`Store::dyad_tallies`] groups one dyad's events in SQL for
//!   `atalaya-analysis` (`series.rs`), from a covering index.
//! - Stories: writes join each new event to the story (cluster) it reports, in the same
//!   transaction ([`Store::set_clustering`] turns it off); [`Store::stories`] and
//!   [`Store::story`] read stories with their mention trail (`stories.rs`).
//! - Benchmarks: [`generate_bench_store`] fills a new store with synthetic events (`bench.rs`).
//!
//! The schema and its migrations are in `schema.rs`; see there for the tables.

mod bench;
mod process;
mod query;
mod schema;
mod series;
mod stories;
mod write;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};

pub use atalaya_stories::ModalityCounts;
pub use bench::{generate_bench_store, BenchSpec, BenchSummary};
pub use query::{
    check_day_bound, parse_dyad, ActorCount, ActorKey, EventFilter, NetworkEdge, SearchHit,
    StoredArticle, StoredEvent, StoryCounts,
};
pub use schema::SCHEMA_VERSION;
pub use series::{DyadQuery, DyadTallies};
pub use stories::{StoredStory, StoryFilter, StoryInputs, StoryMention};
pub use write::{ArticleState, ArticleWrite, Coding, RunCounts, RunInfo, RunRecord, WriteOutcome};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the store: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: cannot create the store's folder: {source}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: store schema version {found} is newer than this atalaya knows ({known}); upgrade atalaya")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: store schema version {found} is older than {known}; open it for writing (e.g. `atalaya ingest`) to upgrade it")]
    Outdated {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("store: bad JSON in column `{column}` of event {event}: {message}")]
    Json {
        event: String,
        column: &'static str,
        message: String,
    },
    #[error("invalid filter: {0}")]
    Filter(String),
    #[error("{0}")]
    Series(#[from] atalaya_analysis::SeriesError),
}

/// How long a connection waits for another process's lock before giving up with "database is
/// locked". An ingest holds the write lock only while it commits one batch.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `~/.local/share/atalaya/atalaya.db` on Linux; the platform's user data folder elsewhere.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("atalaya").join("atalaya.db"))
}

/// A connection to the store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Runs that opening for writing found `running` with their process gone, and marked
    /// `interrupted`.
    interrupted: Vec<i64>,
    /// Whether writes join new events to stories (see `stories.rs`).
    clustering: bool,
    /// Stories this connection read or wrote, for the next joins (see `stories.rs`).
    stories: stories::StoryCache,
}

impl Store {
    /// Opens (creating if needed) the store at `path` for reading and writing, bringing its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let open_err = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let conn = Connection::open(path).map_err(open_err)?;
        // First, so that every later step waits for another process's lock instead of failing.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL: readers do not block the writer; NORMAL sync is durable across process crashes
        // (a power cut may lose the last commits but never corrupts).
        set_wal(&conn).map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        // The write path keeps more statements than rusqlite's default cache of 16 (events,
        // actors, and the stories' look-up, counts and updates): above it every write would
        // prepare its statements again.
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            interrupted: Vec::new(),
            clustering: true,
            stories: Default::default(),
        };
        store.migrate()?;
        store.interrupted = store.mark_interrupted_runs()?;
        Ok(store)
    }

    /// Opens an existing store read-only (for queries and for ingest workers' look-ups).
    pub fn open_readonly(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // Plans that do not look at bound values. With STAT4 statistics (the bundled SQLite
        // keeps them after ANALYZE) the planner would estimate rows from each bound day and
        // code and mark the statement to be prepared again whenever one changes, so a cached
        // statement (`prepare_cached`: the events queries of one filter shape) was prepared
        // anew on every query; the dyad's index seeks are chosen without the values too (a
        // test checks the plan).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(open_err)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(open_err)?;
        let known = SCHEMA_VERSION;
        if found > known {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found,
                known,
            });
        }
        if found < known {
            return Err(StoreError::Outdated {
                path: path.display().to_string(),
                found,
                known,
            });
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            interrupted: Vec::new(),
            clustering: true,
            stories: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Ids of the runs that [`Store::open`] marked `interrupted` (found `running`, their process
    /// gone), for the caller to report.
    pub fn interrupted_runs(&self) -> &[i64] {
        &self.interrupted
    }

    /// Schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// Brings the schema up to date. Several processes may open a new store at the same moment:
    /// the version is read again inside an immediate (write-locked) transaction, so exactly one
    /// of them applies each migration and the others find it done.
    fn migrate(&mut self) -> Result<()> {
        let known = SCHEMA_VERSION;
        if self.schema_version()? == known {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > known {
            return Err(StoreError::TooNew {
                path: self.path.display().to_string(),
                found,
                known,
            });
        }
        for (index, sql) in schema::MIGRATIONS.iter().enumerate() {
            let version = index as i64 + 1;
            if version > found {
                tx.execute_batch(sql)?;
            }
        }
        // The migrations and the version bump commit together.
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }

    /// SQLite's and FTS5's own consistency checks; empty when all is well.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        for row in rows {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        if let Err(err) = self.conn.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!("full-text index: {err}"));
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let orphans = stmt.query_map([], |row| row.get::<_, String>(0))?;
        for table in orphans {
            problems.push(format!("foreign key violation in {}", table?));
        }
        Ok(problems)
    }

    /// Number of rows in the articles, events, actors and runs tables.
    pub fn counts(&self) -> Result<StoreCounts> {
        let count = |table: &str| -> Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })? as u64)
        };
        Ok(StoreCounts {
            articles: count("articles")?,
            events: count("events")?,
            actors: count("actors")?,
            runs: count("runs")?,
        })
    }
}

/// Switches a connection to WAL. Two processes switching a new store at the same moment can
/// deadlock inside SQLite, which then answers "database is locked" at once instead of calling
/// the busy handler; the switch is retried until [`BUSY_TIMEOUT`].
fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StoreCounts {
    pub articles: u64,
    pub events: u64,
    pub actors: u64,
    pub runs: u64,
}
