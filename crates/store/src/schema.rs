//! The schema, as an ordered list of migrations; `PRAGMA user_version` is the number applied.
//!
//! Tables:
//! - `articles`: one row per distinct article text (`content_hash` unique) with its metadata,
//!   text, language, where it was read from, and how it was last coded (`status`, `dict_hash`,
//!   `run_id`, `sentences`). `articles_fts` is an FTS5 index over title and text kept in step by
//!   triggers.
//! - `events`: every field of the event record. Actor sides, CAMEO code, root, quad class,
//!   modality, event date and `day` (event date, else the article's publication day) are plain
//!   indexed columns; attribution, location and matched evidence are JSON. `ON DELETE CASCADE`
//!   from articles.
//! - `actors`: each (actor code, entity id) seen in an event, with name, country, sector and the
//!   first and last day seen. Entries stay when events are replaced: it is a register, not a count.
//! - `runs`: one row per ingest run: engine and dictionary version/hash, start and end, counts,
//!   `status` (`running`, `finished`, `failed`, or `interrupted`: its process is gone without
//!   finishing, see `process.rs`) and the process that ran it (`pid`, `host`, `process_start`).
//!
//! - `stories`: one row per story (cluster of events reporting one occurrence): its
//!   representative event and what the representative rule compares, the key the join decision
//!   reads (`atalaya-stories`: dyad countries and sectors, code, root, date range, MinHash
//!   exemplars in `signature`), first and last seen (publication times of its articles) and its
//!   counts of events, articles and distinct outlets. Events point to it by `cluster_id`.
//!   `story_outlets` lists each story's distinct outlets, so that a join counts a new outlet
//!   by one keyed insert rather than by reading the story's members.
//!
//! Indexes beyond one column: `events_dyad_series` (source code, target code, day, then the
//! columns a dyad series reads) answers `Store::dyad_tallies` from the index alone.

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: initial schema.
    r#"
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    dict_version TEXT,
    dict_hash TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    articles_read INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER NOT NULL DEFAULT 0,
    articles_updated INTEGER NOT NULL DEFAULT 0,
    articles_recoded INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    not_coded INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    published TEXT,
    title TEXT,
    text TEXT NOT NULL,
    lang TEXT,
    origin TEXT,
    bytes INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    status TEXT NOT NULL,
    status_detail TEXT,
    sentences INTEGER,
    dict_hash TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE ON UPDATE CASCADE,
    run_id INTEGER REFERENCES runs(id),
    sentence_index INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    source_text TEXT NOT NULL,
    source_code TEXT NOT NULL,
    source_country TEXT,
    source_sector TEXT,
    source_entity_id TEXT,
    source_name TEXT,
    source_span_start INTEGER,
    source_span_end INTEGER,
    target_text TEXT NOT NULL,
    target_code TEXT NOT NULL,
    target_country TEXT,
    target_sector TEXT,
    target_entity_id TEXT,
    target_name TEXT,
    target_span_start INTEGER,
    target_span_end INTEGER,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    quad_class INTEGER,
    goldstein REAL,
    plover_type TEXT,
    plover_mode TEXT,
    modality TEXT NOT NULL,
    attribution TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    day TEXT,
    location TEXT,
    location_country TEXT,
    confidence REAL NOT NULL,
    matched TEXT NOT NULL,
    cluster_id TEXT
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_root ON events(cameo_root);
CREATE INDEX events_quad ON events(quad_class);
CREATE INDEX events_modality ON events(modality);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_cluster ON events(cluster_id);

CREATE TABLE actors (
    code TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    name TEXT,
    country TEXT,
    sector TEXT,
    first_seen TEXT,
    last_seen TEXT,
    PRIMARY KEY (code, entity_id)
);
CREATE INDEX actors_country ON actors(country);
"#,
    // 2: the process behind each run, so that a killed run can be told from a running one.
    r#"
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN process_start TEXT;
CREATE INDEX runs_status ON runs(status);
"#,
    // The analysis migration (4 once the stories branch's is merged before it): a covering
    // index for dyad series. Seeks by (source code, target code) pairs, ranges over days, and
    // holds every column `Store::dyad_tallies` reads, in its GROUP BY order, so that a dyad's
    // series never touches the wide event rows. `IF NOT EXISTS`: safe whatever number it gets.
    r#"
CREATE INDEX IF NOT EXISTS events_dyad_series ON events(
    source_code, target_code, day, cameo, modality, quad_class, cluster_id, goldstein, confidence
);
"#,
    // 4: stories (clusters of events reporting one occurrence). `events.cluster_id` (a TEXT
    // column since migration 1) holds the story's id in decimal. AUTOINCREMENT: the id of a
    // deleted story is never given to another, so ids are stable. `stories_lookup` answers the
    // ingest's candidate look-up (dyad countries, root, stories still open at the date window's
    // start); `events_cluster_article` a story's members by article.
    r#"
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    representative TEXT NOT NULL,
    rep_modality TEXT NOT NULL,
    rep_cameo TEXT NOT NULL,
    rep_confidence REAL NOT NULL,
    source_country TEXT NOT NULL,
    source_sector TEXT,
    target_country TEXT NOT NULL,
    target_sector TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX stories_lookup ON stories(source_country, target_country, cameo_root, date_end);
CREATE INDEX stories_first_seen ON stories(date_start);
CREATE INDEX events_cluster_article ON events(cluster_id, article_id);
CREATE TABLE story_outlets (
    story_id INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    PRIMARY KEY (story_id, outlet)
) WITHOUT ROWID;
"#,
];

/// The schema version a store has once every migration is applied.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
