//! Writing: runs, articles and their events, idempotently and in small transactions.

use crate::stories::{self, ArticleFacts, StoryCache, StoryInputs};
use crate::{process, Result, Store, StoreError};
use atalaya_engine::record::{Article, Event};
use rusqlite::{params, OptionalExtension, ToSql, TransactionBehavior};

/// What an ingest run records about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInfo {
    /// The command line, for the record.
    pub command: String,
    pub engine_version: String,
    pub dict_version: Option<String>,
    /// Hash of the compiled dictionaries: an article coded under another hash is re-coded.
    pub dict_hash: String,
}

/// Counters of a run. Those derived from writes are added by [`Store::write_batch`]; the rest
/// (records read, source errors) by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunCounts {
    pub articles_read: u64,
    pub articles_new: u64,
    pub articles_updated: u64,
    pub articles_recoded: u64,
    pub articles_unchanged: u64,
    pub duplicates: u64,
    /// Stored but not coded (a language the engine does not code).
    pub not_coded: u64,
    pub events: u64,
    pub errors: u64,
}

impl RunCounts {
    pub fn add(&mut self, other: &RunCounts) {
        self.articles_read += other.articles_read;
        self.articles_new += other.articles_new;
        self.articles_updated += other.articles_updated;
        self.articles_recoded += other.articles_recoded;
        self.articles_unchanged += other.articles_unchanged;
        self.duplicates += other.duplicates;
        self.not_coded += other.not_coded;
        self.events += other.events;
        self.errors += other.errors;
    }

    /// Articles now in the store thanks to or confirmed by this run.
    pub fn stored(&self) -> u64 {
        self.articles_new + self.articles_updated + self.articles_recoded + self.articles_unchanged
    }

    /// Counts one write outcome (and, for a stored article, its events or its not being coded).
    pub fn record(&mut self, outcome: &WriteOutcome, coding: &Coding) {
        match outcome {
            WriteOutcome::Inserted => self.articles_new += 1,
            WriteOutcome::Updated => self.articles_updated += 1,
            WriteOutcome::Recoded => self.articles_recoded += 1,
            WriteOutcome::Unchanged => self.articles_unchanged += 1,
            WriteOutcome::Duplicate { .. } => self.duplicates += 1,
            WriteOutcome::Failed(_) => self.errors += 1,
        }
        if matches!(
            outcome,
            WriteOutcome::Inserted | WriteOutcome::Updated | WriteOutcome::Recoded
        ) {
            match coding {
                Coding::Coded { events, .. } => self.events += events.len() as u64,
                Coding::NotCoded { .. } => self.not_coded += 1,
            }
        }
    }
}

/// A run as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    pub id: i64,
    pub info: RunInfo,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `running`, `finished`, `failed`, or `interrupted` (its process went away without
    /// finishing: killed, crashed; see [`Store::mark_interrupted_runs`]).
    pub status: String,
    pub counts: RunCounts,
}

/// What coding gave for one article.
#[derive(Debug, Clone, PartialEq)]
pub enum Coding {
    Coded {
        events: Vec<Event>,
        sentences: usize,
    },
    /// Stored without coding, e.g. `language es: not coded as English`.
    NotCoded { reason: String },
}

/// One article to store, with its coding.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleWrite {
    pub article: Article,
    /// Hex SHA-256 of `article.text`.
    pub content_hash: String,
    /// Where it was read from (`file:line`, URL, feed item).
    pub origin: Option<String>,
    /// Raw size of the record read.
    pub bytes: usize,
    pub coding: Coding,
    /// What joining stories reads of the events, when worked out ahead
    /// ([`ArticleWrite::prepare_stories`]); the default: worked out when writing.
    pub stories: StoryInputs,
}

impl ArticleWrite {
    /// Works out what joining stories reads of each event (MinHash signatures, date ranges)
    /// now, so that the write does less: `ingest` calls it on its coding threads, leaving
    /// the one writer thread the SQL. Results are the same either way; call it once the
    /// events are final.
    pub fn prepare_stories(&mut self) {
        self.stories = match &self.coding {
            Coding::Coded { events, .. } => {
                StoryInputs::of(events, self.article.published.as_deref())
            }
            Coding::NotCoded { .. } => StoryInputs::default(),
        };
    }
}

/// What [`Store::write_batch`] did with one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// New article stored with its events.
    Inserted,
    /// An article with this id but other text: text, metadata and events replaced.
    Updated,
    /// Same text, coded under other dictionaries before: events replaced.
    Recoded,
    /// Same id, text and dictionaries: nothing written.
    Unchanged,
    /// The same text is stored under another id: nothing written.
    Duplicate { existing_id: String },
    /// This article could not be written (the rest of the batch was).
    Failed(String),
}

/// What the store already holds for an article, looked up before coding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleState {
    New,
    /// Stored with the same text, coded under the same dictionaries and read the same way
    /// (language, publication date).
    Unchanged,
    /// Stored with the same text, but coded under other dictionaries, or now read with another
    /// language (`--lang`) or publication date (`--published`), which change the coding.
    NeedsRecode,
    /// Stored under this id with different text.
    ContentChanged,
    /// The same text is stored under another id.
    Duplicate {
        existing_id: String,
    },
}

impl Store {
    /// Records the start of a run and returns its id.
    pub fn begin_run(&mut self, info: &RunInfo) -> Result<i64> {
        let process = process::current();
        self.conn.execute(
            "INSERT INTO runs (command, engine_version, dict_version, dict_hash, started_at, status,
                pid, host, process_start)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'running', ?5, ?6, ?7)",
            params![
                info.command,
                info.engine_version,
                info.dict_version,
                info.dict_hash,
                process.pid,
                process.host,
                process.start
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks `interrupted` every `running` run whose process is certainly gone (killed, crashed,
    /// machine rebooted; see `process.rs` for how that is told); returns their ids. Called by
    /// [`Store::open`]; a run whose process cannot be judged (another host, no `/proc`) is left
    /// `running`.
    pub fn mark_interrupted_runs(&mut self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, pid, host, process_start FROM runs
             WHERE status = 'running' AND pid IS NOT NULL",
        )?;
        let candidates = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    process::ProcessTag {
                        pid: row.get(1)?,
                        host: row.get(2)?,
                        start: row.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        let mut marked = Vec::new();
        for (id, tag) in candidates {
            if process::is_gone(&tag) {
                self.conn.execute(
                    "UPDATE runs SET status = 'interrupted' WHERE id = ?1 AND status = 'running'",
                    [id],
                )?;
                marked.push(id);
            }
        }
        Ok(marked)
    }

    /// Adds counts that no write produced (records read, source errors) to a run.
    pub fn add_run_counts(&mut self, run_id: i64, delta: &RunCounts) -> Result<()> {
        add_counts(&self.conn, run_id, delta)
    }

    /// Marks a run ended with `status` (`finished`, `failed`).
    pub fn finish_run(&mut self, run_id: i64, status: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET status = ?2, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1",
            params![run_id, status],
        )?;
        Ok(())
    }

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, command, engine_version, dict_version, dict_hash, started_at, finished_at,
                    status, articles_read, articles_new, articles_updated, articles_recoded,
                    articles_unchanged, duplicates, not_coded, events, errors
             FROM runs ORDER BY id",
        )?;
        let rows = stmt.query_map([], |row| {
            let count = |i: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, i64>(i)? as u64) };
            Ok(RunRecord {
                id: row.get(0)?,
                info: RunInfo {
                    command: row.get(1)?,
                    engine_version: row.get(2)?,
                    dict_version: row.get(3)?,
                    dict_hash: row.get(4)?,
                },
                started_at: row.get(5)?,
                finished_at: row.get(6)?,
                status: row.get(7)?,
                counts: RunCounts {
                    articles_read: count(8)?,
                    articles_new: count(9)?,
                    articles_updated: count(10)?,
                    articles_recoded: count(11)?,
                    articles_unchanged: count(12)?,
                    duplicates: count(13)?,
                    not_coded: count(14)?,
                    events: count(15)?,
                    errors: count(16)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What the store holds for this article (by id and text), so that a caller can skip
    /// coding articles that are already done. [`Store::write_batch`] decides again when writing.
    pub fn article_state(
        &self,
        article: &Article,
        content_hash: &str,
        dict_hash: &str,
    ) -> Result<ArticleState> {
        state_of(&self.conn, article, content_hash, dict_hash)
    }

    /// Writes a batch of articles in one transaction, each in its own savepoint; returns one
    /// outcome per item and adds them (plus `delta`) to the run's counts in the same transaction.
    pub fn write_batch(
        &mut self,
        run_id: i64,
        dict_hash: &str,
        items: &[ArticleWrite],
        delta: &RunCounts,
    ) -> Result<Vec<WriteOutcome>> {
        let written = write_batch_in(
            &mut self.conn,
            &mut self.stories,
            self.clustering,
            (run_id, dict_hash),
            items,
            delta,
        );
        if written.is_err() {
            // Rolled back: the stories are as the last commit left them, and so is nothing
            // the cache holds.
            self.stories.clear();
        }
        written
    }

    /// Replaces an article's events (e.g. after re-coding) in one transaction.
    pub fn replace_events(
        &mut self,
        article_id: &str,
        run_id: Option<i64>,
        events: &[Event],
    ) -> Result<()> {
        let written = replace_in(
            &mut self.conn,
            &mut self.stories,
            self.clustering,
            (article_id, run_id),
            events,
        );
        if written.is_err() {
            self.stories.clear();
        }
        written
    }
}

/// [`Store::write_batch`]: one immediate transaction, a savepoint per article.
fn write_batch_in(
    conn: &mut rusqlite::Connection,
    cache: &mut StoryCache,
    clustering: bool,
    (run_id, dict_hash): (i64, &str),
    items: &[ArticleWrite],
    delta: &RunCounts,
) -> Result<Vec<WriteOutcome>> {
    // Immediate: take the write lock before reading, so that waiting for another writer
    // never leaves this transaction reading a snapshot it may no longer write on.
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    cache.begin(&tx)?;
    let mut outcomes = Vec::with_capacity(items.len());
    let mut counts = *delta;
    for item in items {
        let mut savepoint = tx.savepoint()?;
        let outcome = match write_one(&savepoint, cache, run_id, dict_hash, item, clustering) {
            Ok(outcome) => {
                savepoint.commit()?;
                cache.article_done();
                outcome
            }
            Err(err) => {
                savepoint.rollback()?;
                cache.article_failed();
                WriteOutcome::Failed(err.to_string())
            }
        };
        counts.record(&outcome, &item.coding);
        outcomes.push(outcome);
    }
    // The story counts that waited, in the same transaction as the events they count.
    cache.flush(&tx)?;
    add_counts(&tx, run_id, &counts)?;
    tx.commit()?;
    Ok(outcomes)
}

/// [`Store::replace_events`]: one immediate transaction.
fn replace_in(
    conn: &mut rusqlite::Connection,
    cache: &mut StoryCache,
    clustering: bool,
    (article_id, run_id): (&str, Option<i64>),
    events: &[Event],
) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    cache.begin(&tx)?;
    let exists: Option<i64> = tx
        .query_row(
            "SELECT rowid FROM articles WHERE id = ?1",
            [article_id],
            |row| row.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::Filter(format!(
            "no article with id {article_id}"
        )));
    }
    let old = stories::old_events(&tx, article_id)?;
    tx.execute("DELETE FROM events WHERE article_id = ?1", [article_id])?;
    store_events(
        &tx,
        cache,
        article_id,
        run_id,
        (events, None),
        Some((old, false)),
        clustering,
    )?;
    cache.flush(&tx)?;
    tx.commit()?;
    Ok(())
}

fn add_counts(conn: &rusqlite::Connection, run_id: i64, c: &RunCounts) -> Result<()> {
    conn.execute(
        "UPDATE runs SET articles_read = articles_read + ?2, articles_new = articles_new + ?3,
            articles_updated = articles_updated + ?4, articles_recoded = articles_recoded + ?5,
            articles_unchanged = articles_unchanged + ?6, duplicates = duplicates + ?7,
            not_coded = not_coded + ?8, events = events + ?9, errors = errors + ?10
         WHERE id = ?1",
        params![
            run_id,
            c.articles_read as i64,
            c.articles_new as i64,
            c.articles_updated as i64,
            c.articles_recoded as i64,
            c.articles_unchanged as i64,
            c.duplicates as i64,
            c.not_coded as i64,
            c.events as i64,
            c.errors as i64
        ],
    )?;
    Ok(())
}

fn state_of(
    conn: &rusqlite::Connection,
    article: &Article,
    content_hash: &str,
    dict_hash: &str,
) -> Result<ArticleState> {
    type Stored = (String, String, Option<String>, Option<String>);
    let by_hash: Option<Stored> = conn
        .query_row(
            "SELECT id, dict_hash, lang, published FROM articles WHERE content_hash = ?1",
            [content_hash],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    if let Some((existing_id, stored_dict, stored_lang, stored_published)) = by_hash {
        // A reading without a date keeps the stored one; any other difference re-codes.
        let read_alike = stored_lang == article.lang
            && (article.published.is_none() || stored_published == article.published);
        return Ok(if existing_id != article.id {
            ArticleState::Duplicate { existing_id }
        } else if stored_dict == dict_hash && read_alike {
            ArticleState::Unchanged
        } else {
            ArticleState::NeedsRecode
        });
    }
    let by_id: Option<i64> = conn
        .query_row(
            "SELECT rowid FROM articles WHERE id = ?1",
            [&article.id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(if by_id.is_some() {
        ArticleState::ContentChanged
    } else {
        ArticleState::New
    })
}

fn write_one(
    conn: &rusqlite::Connection,
    cache: &mut StoryCache,
    run_id: i64,
    dict_hash: &str,
    item: &ArticleWrite,
    clustering: bool,
) -> Result<WriteOutcome> {
    let article = &item.article;
    let (status, detail, sentences, events): (&str, Option<&str>, Option<i64>, &[Event]) =
        match &item.coding {
            Coding::Coded { events, sentences } => ("coded", None, Some(*sentences as i64), events),
            Coding::NotCoded { reason } => ("not_coded", Some(reason.as_str()), None, &[]),
        };
    let state = state_of(conn, article, &item.content_hash, dict_hash)?;
    // ?1..?15 of both the INSERT of a new article and the UPDATE of one whose text changed.
    let bytes = item.bytes as i64;
    let article_values: [&dyn ToSql; 15] = [
        &article.id,
        &item.content_hash,
        &article.url,
        &article.outlet,
        &article.published,
        &article.title,
        &article.text,
        &article.lang,
        &item.origin,
        &bytes,
        &status,
        &detail,
        &sentences,
        &dict_hash,
        &run_id,
    ];
    // A re-code: the events stored before, and whether what stories read of the article
    // (publication date, outlet) changes.
    let mut old = None;
    if matches!(
        state,
        ArticleState::ContentChanged | ArticleState::NeedsRecode
    ) {
        let before: (Option<String>, Option<String>) = conn.query_row(
            "SELECT published, outlet FROM articles WHERE id = ?1",
            [&article.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        old = Some((stories::old_events(conn, &article.id)?, before));
    }
    let outcome = match state {
        ArticleState::Unchanged => return Ok(WriteOutcome::Unchanged),
        ArticleState::Duplicate { existing_id } => {
            return Ok(WriteOutcome::Duplicate { existing_id })
        }
        ArticleState::New => {
            conn.execute(
                "INSERT INTO articles (id, content_hash, url, outlet, published, title, text, lang,
                    origin, bytes, ingested_at, status, status_detail, sentences, dict_hash, run_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11, ?12, ?13, ?14, ?15)",
                &article_values[..],
            )?;
            WriteOutcome::Inserted
        }
        ArticleState::ContentChanged => {
            conn.execute(
                "UPDATE articles SET content_hash = ?2, url = ?3, outlet = ?4, published = ?5,
                    title = ?6, text = ?7, lang = ?8, origin = ?9, bytes = ?10,
                    ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), status = ?11,
                    status_detail = ?12, sentences = ?13, dict_hash = ?14, run_id = ?15
                 WHERE id = ?1",
                &article_values[..],
            )?;
            conn.execute("DELETE FROM events WHERE article_id = ?1", [&article.id])?;
            WriteOutcome::Updated
        }
        ArticleState::NeedsRecode => {
            // What this reading says replaces what was stored; what it does not say stays.
            conn.execute(
                "UPDATE articles SET status = ?2, status_detail = ?3, sentences = ?4,
                    dict_hash = ?5, run_id = ?6, lang = ?7, published = coalesce(?8, published),
                    outlet = coalesce(?9, outlet), title = coalesce(?10, title),
                    url = coalesce(?11, url)
                 WHERE id = ?1",
                params![
                    article.id,
                    status,
                    detail,
                    sentences,
                    dict_hash,
                    run_id,
                    article.lang,
                    article.published,
                    article.outlet,
                    article.title,
                    article.url
                ],
            )?;
            conn.execute("DELETE FROM events WHERE article_id = ?1", [&article.id])?;
            WriteOutcome::Recoded
        }
    };
    let old = match old {
        Some((events, before)) => {
            let after: (Option<String>, Option<String>) = conn.query_row(
                "SELECT published, outlet FROM articles WHERE id = ?1",
                [&article.id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            Some((events, before != after))
        }
        None => None,
    };
    store_events(
        conn,
        cache,
        &article.id,
        Some(run_id),
        (events, Some(&item.stories)),
        old,
        clustering,
    )?;
    Ok(outcome)
}

/// An article's events before a re-code ([`stories::old_events`]) and whether the article's
/// publication date or outlet changed.
type OldEvents = (Vec<(String, Option<String>, String)>, bool);

/// Stores an article's (new) events after its old ones were deleted, and keeps its stories
/// right: an event back unchanged from a re-code keeps its story; stories that lost an event
/// (or all of the article's stories, when its date or outlet changed) are rebuilt from their
/// members; then, with `clustering`, each event without a story joins one.
fn store_events(
    conn: &rusqlite::Connection,
    cache: &mut StoryCache,
    article_id: &str,
    run_id: Option<i64>,
    (events, inputs): (&[Event], Option<&StoryInputs>),
    old: Option<OldEvents>,
    clustering: bool,
) -> Result<()> {
    let (published, outlet, seen): (Option<String>, Option<String>, String) = conn
        .prepare_cached(
            "SELECT published, outlet, coalesce(published, ingested_at) FROM articles
             WHERE id = ?1",
        )?
        .query_row([article_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
    let mut kept: Vec<Option<String>> = vec![None; events.len()];
    let mut affected: Vec<i64> = Vec::new();
    if let Some((old_events, meta_changed)) = old {
        let mut by_id: rustc_hash::FxHashMap<&str, (&Option<String>, &str)> = old_events
            .iter()
            .map(|(id, cluster, print)| (id.as_str(), (cluster, print.as_str())))
            .collect();
        if !meta_changed {
            for (slot, event) in kept.iter_mut().zip(events) {
                if event.cluster_id.is_some() {
                    continue;
                }
                if let Some((Some(cluster), print)) = by_id.get(event.id.as_str()) {
                    if *print == stories::fingerprint(event) {
                        *slot = Some(cluster.to_string());
                        by_id.remove(event.id.as_str());
                    }
                }
            }
        }
        affected = by_id
            .values()
            .filter_map(|(cluster, _)| cluster.as_deref()?.parse().ok())
            .collect();
        affected.sort_unstable();
        affected.dedup();
    }
    // Events that keep a story go in first, so that rebuilding a story never misses them;
    // then each new event joins a story and is inserted with it, in order (a later event of
    // the article may join a story an earlier one opened).
    let one = |event: &Event, cluster: &Option<String>| {
        insert_events(
            conn,
            article_id,
            run_id,
            published.as_deref(),
            std::slice::from_ref(event),
            std::slice::from_ref(cluster),
        )
    };
    for (event, kept) in events.iter().zip(&kept) {
        if kept.is_some() || event.cluster_id.is_some() {
            one(event, kept)?;
        }
    }
    for id in affected {
        stories::refresh(conn, cache, id)?;
    }
    // An article with no publication date is dated by when it was stored.
    let facts = ArticleFacts {
        published: Some(published.as_deref().unwrap_or(&seen)),
        outlet: outlet.as_deref(),
        seen: &seen,
        stories: std::cell::RefCell::new(
            kept.iter()
                .flatten()
                .filter_map(|c| c.parse().ok())
                .collect(),
        ),
    };
    let computed = StoryInputs::default();
    let inputs = inputs.unwrap_or(&computed);
    for (i, (event, kept)) in events.iter().zip(&kept).enumerate() {
        if kept.is_none() && event.cluster_id.is_none() {
            let mut story = None;
            if clustering {
                // An event with no usable date is left out of stories.
                if let Some(candidate) = inputs.candidate(events, i, event, facts.published) {
                    story = Some(stories::join_event(conn, cache, event, &candidate, &facts)?);
                }
            }
            one(event, &story.map(|id| id.to_string()))?;
        }
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(event: &Event, column: &'static str, value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|err| StoreError::Json {
        event: event.id.clone(),
        column,
        message: err.to_string(),
    })
}

/// Inserts events under `article_id` (the stored article's id, whatever the events say), and
/// registers their actors. `clusters[i]`, when set, is event i's cluster id (kept from before
/// a re-code); otherwise the event's own.
fn insert_events(
    conn: &rusqlite::Connection,
    article_id: &str,
    run_id: Option<i64>,
    published: Option<&str>,
    events: &[Event],
    clusters: &[Option<String>],
) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO events (id, article_id, run_id, sentence_index, span_start, span_end, sentence,
            source_text, source_code, source_country, source_sector, source_entity_id, source_name,
            source_span_start, source_span_end,
            target_text, target_code, target_country, target_sector, target_entity_id, target_name,
            target_span_start, target_span_end,
            cameo, cameo_root, quad_class, goldstein, plover_type, plover_mode, modality,
            attribution, date, date_precision, day, location, location_country, confidence,
            matched, cluster_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35,
            ?36, ?37, ?38, ?39)",
    )?;
    let mut actor = conn.prepare_cached(
        "INSERT INTO actors (code, entity_id, name, country, sector, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (code, entity_id) DO UPDATE SET
            name = coalesce(excluded.name, name),
            country = coalesce(excluded.country, country),
            sector = coalesce(excluded.sector, sector),
            first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen
                              THEN excluded.first_seen ELSE first_seen END,
            last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen
                             THEN excluded.last_seen ELSE last_seen END",
    )?;
    let published_day = published.and_then(|p| p.get(..10));
    for (i, event) in events.iter().enumerate() {
        let cluster_id = clusters
            .get(i)
            .cloned()
            .flatten()
            .or_else(|| event.cluster_id.clone());
        let day = event
            .date
            .as_deref()
            .and_then(|d| d.get(..10))
            .or(published_day);
        let modality = serde_json::to_value(event.modality)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "asserted".to_string());
        let attribution = to_json(event, "attribution", &event.attribution)?;
        let location = event
            .location
            .as_ref()
            .map(|l| to_json(event, "location", l))
            .transpose()?;
        let matched = to_json(event, "matched", &event.matched)?;
        let (s, t) = (&event.source, &event.target);
        insert.execute(rusqlite::params![
            event.id,
            article_id,
            run_id,
            event.sentence_index as i64,
            event.span.start as i64,
            event.span.end as i64,
            event.sentence,
            s.text,
            s.code,
            s.country,
            s.sector,
            s.entity_id,
            s.name,
            s.span.map(|sp| sp.start as i64),
            s.span.map(|sp| sp.end as i64),
            t.text,
            t.code,
            t.country,
            t.sector,
            t.entity_id,
            t.name,
            t.span.map(|sp| sp.start as i64),
            t.span.map(|sp| sp.end as i64),
            event.cameo,
            event.cameo_root,
            event.quad_class.map(i64::from),
            event.goldstein.map(f64::from),
            event.plover.as_ref().map(|p| p.event_type.as_str()),
            event.plover.as_ref().and_then(|p| p.mode.as_deref()),
            modality,
            attribution,
            event.date,
            event.date_precision,
            day,
            location,
            event.location.as_ref().and_then(|l| l.country.as_deref()),
            f64::from(event.confidence),
            matched,
            cluster_id,
        ])?;
        for side in [s, t] {
            if side.code.is_empty() {
                continue;
            }
            actor.execute(params![
                side.code,
                side.entity_id.as_deref().unwrap_or(""),
                side.name,
                side.country,
                side.sector,
                day
            ])?;
        }
    }
    Ok(())
}
