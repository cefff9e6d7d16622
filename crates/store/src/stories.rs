//! Stories in the store: incremental clustering on write, and reads of stories with their
//! mention trail.
//!
//! On write (`write.rs`, inside the transaction and savepoint that write the article's
//! events), each new event without a `cluster_id` asks [`join_event`]: the candidate stories
//! are read by the `stories_lookup` index (dyad countries, one of the roots it may join,
//! stories whose date range has not ended before the event's window: an index range, never a
//! scan of the store), [`atalaya_stories::joins`] scores each, and the event joins the best or
//! opens a story. A story's row is updated in place (counts, first/last seen, representative,
//! key), so that joining costs a few indexed look-ups, whatever the store holds.
//!
//! What makes it cheap on the one writer thread: the event's candidate record (its MinHash
//! signature above all) comes ready from the coding threads ([`StoryInputs`]); the stories
//! read or written stay in the connection's [`StoryCache`], so that the next reports of the
//! same occurrences find them without SQL; and a join that leaves the key as it was writes
//! its counts once per story and transaction, at the end ([`StoryCache::flush`]), not once
//! per event.
//!
//! A re-code keeps the cluster of every event that comes back unchanged (same id and the same
//! fields the decision reads); the stories that lost an event are rebuilt from their remaining
//! members by [`refresh`] (deleted when empty) and only then are the new or changed events
//! joined. Ids are SQLite AUTOINCREMENT row ids: never reused, never renumbered.

use crate::query::{conditions, event_from_row, EventFilter, EVENT_COLUMNS};
use crate::{check_day_bound, Result, Store, StoredEvent};
use atalaya_engine::record::{Event, Modality};
use atalaya_stories::{
    is_symmetric, joins, lookup_roots, more_representative, Candidate, DateRange, Mention,
    ModalityCounts, Side, Signature, StoryKey,
};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use rustc_hash::FxHashMap;

/// The article facts a story needs from the article an event is in.
pub(crate) struct ArticleFacts<'a> {
    pub published: Option<&'a str>,
    pub outlet: Option<&'a str>,
    /// Publication date-time, else when it was stored: what first/last seen compare.
    pub seen: &'a str,
    /// Stories the article's stored events are in (those kept from before a re-code, and
    /// those its new events joined so far): its articles count is not raised twice.
    pub stories: std::cell::RefCell<rustc_hash::FxHashSet<i64>>,
}

/// The fields of an event that the join decision reads, as one string: an event that comes
/// back from a re-code with the same id and fingerprint keeps its story.
pub(crate) fn fingerprint(event: &Event) -> String {
    let (s, t) = (&event.source, &event.target);
    fingerprint_of(&[
        &s.code,
        s.country.as_deref().unwrap_or(""),
        s.sector.as_deref().unwrap_or(""),
        &t.code,
        t.country.as_deref().unwrap_or(""),
        t.sector.as_deref().unwrap_or(""),
        &event.cameo,
        event.date.as_deref().unwrap_or(""),
        event.date_precision.as_deref().unwrap_or(""),
        event.modality.name(),
        &format!("{:.4}", event.confidence),
        &event.sentence,
    ])
}

fn fingerprint_of(parts: &[&str]) -> String {
    parts.join("\u{1f}")
}

/// An article's stored events before a re-code: (event id, cluster id, fingerprint).
pub(crate) fn old_events(
    conn: &Connection,
    article_id: &str,
) -> Result<Vec<(String, Option<String>, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, cluster_id, source_code, source_country, source_sector, target_code,
                target_country, target_sector, cameo, date, date_precision, modality, confidence,
                sentence
         FROM events WHERE article_id = ?1",
    )?;
    let rows = stmt.query_map([article_id], |row| {
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
        };
        let confidence = format!("{:.4}", row.get::<_, f64>(12)? as f32);
        let print = fingerprint_of(&[
            &text(2)?,
            &text(3)?,
            &text(4)?,
            &text(5)?,
            &text(6)?,
            &text(7)?,
            &text(8)?,
            &text(9)?,
            &text(10)?,
            &text(11)?,
            &confidence,
            &text(13)?,
        ]);
        Ok((row.get(0)?, row.get(1)?, print))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The candidate record of an event's fields (`None` without any usable date); `signature`
/// gives the sentence's MinHash when it is already known.
#[allow(clippy::too_many_arguments)]
fn candidate(
    source: (&str, Option<&str>, Option<&str>),
    target: (&str, Option<&str>, Option<&str>),
    cameo: &str,
    root: &str,
    date: Option<&str>,
    precision: Option<&str>,
    published: Option<&str>,
    sentence: &str,
    signature: Option<&Signature>,
) -> Option<Candidate> {
    let dates = DateRange::of(date, precision, published)?;
    Some(Candidate {
        source: Side::new(source.0, source.1, source.2),
        target: Side::new(target.0, target.1, target.2),
        cameo: cameo.to_string(),
        root: if root.is_empty() {
            cameo.chars().take(2).collect()
        } else {
            root.to_string()
        },
        dates,
        signature: signature
            .cloned()
            .unwrap_or_else(|| Signature::of(sentence)),
    })
}

fn event_candidate(
    event: &Event,
    published: Option<&str>,
    signature: Option<&Signature>,
) -> Option<Candidate> {
    let (s, t) = (&event.source, &event.target);
    candidate(
        (&s.code, s.country.as_deref(), s.sector.as_deref()),
        (&t.code, t.country.as_deref(), t.sector.as_deref()),
        &event.cameo,
        &event.cameo_root,
        event.date.as_deref(),
        event.date_precision.as_deref(),
        published,
        &event.sentence,
        signature,
    )
}

/// What joining reads of each event of an article, worked out before the write: `ingest`
/// does it on its coding threads ([`crate::ArticleWrite::prepare_stories`]), so that the one
/// writer thread does not. Empty (the default), made for another number of events, or dated
/// with another publication date than the stored article's: worked out when writing, with the
/// same result. Made from the events as they are: prepare again after changing them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryInputs {
    /// The publication date the candidates were dated with (`None`: none was known, so only
    /// the signatures are ready; the store dates such an article by when it stores it).
    published: Option<String>,
    events: Vec<Prepared>,
}

#[derive(Debug, Clone, PartialEq)]
enum Prepared {
    Dated(Candidate),
    /// No usable date as prepared; the sentence's signature.
    Undated(Signature),
}

impl StoryInputs {
    /// The inputs of these events of an article published on `published`.
    pub fn of(events: &[Event], published: Option<&str>) -> StoryInputs {
        let events = events
            .iter()
            .map(|event| {
                let signature = Signature::of(&event.sentence);
                match published.and_then(|p| event_candidate(event, Some(p), Some(&signature))) {
                    Some(candidate) => Prepared::Dated(candidate),
                    None => Prepared::Undated(signature),
                }
            })
            .collect();
        StoryInputs {
            published: published.map(str::to_string),
            events,
        }
    }

    /// Event `index`'s candidate (of `events`, `event` being `events[index]`) for an article
    /// stored with `published`: the prepared one when it was made for these events and this
    /// date, else computed (reusing the prepared signature).
    pub(crate) fn candidate<'a>(
        &'a self,
        events: &[Event],
        index: usize,
        event: &Event,
        published: Option<&str>,
    ) -> Option<std::borrow::Cow<'a, Candidate>> {
        let prepared = self
            .events
            .get(index)
            .filter(|_| self.events.len() == events.len());
        let dated_alike = self.published.is_some() && self.published.as_deref() == published;
        match prepared {
            Some(Prepared::Dated(candidate)) if dated_alike => {
                Some(std::borrow::Cow::Borrowed(candidate))
            }
            Some(Prepared::Undated(_)) if dated_alike => None,
            Some(Prepared::Dated(Candidate { signature, .. }) | Prepared::Undated(signature)) => {
                event_candidate(event, published, Some(signature)).map(std::borrow::Cow::Owned)
            }
            None => event_candidate(event, published, None).map(std::borrow::Cow::Owned),
        }
    }
}

/// A story row as the write path reads and writes it.
#[derive(Clone)]
struct StoryRow {
    id: Option<i64>,
    key: StoryKey,
    rep_event: String,
    rep_modality: Modality,
    rep_cameo: String,
    rep_confidence: f32,
    first_seen: Option<String>,
    last_seen: Option<String>,
    n_events: i64,
    n_articles: i64,
    n_outlets: i64,
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Whether SQL's order of `YYYY-MM-DD` texts is the order of the days (four-digit years).
fn ordered_as_text(day: NaiveDate) -> bool {
    (1..=9999).contains(&day.year())
}

const STORY_ROW_COLUMNS: &str = "id, representative, rep_modality, rep_cameo, rep_confidence,
    source_country, source_sector, target_country, target_sector, cameo, cameo_root, date_start,
    date_end, first_seen, last_seen, n_events, n_articles, n_outlets, signature";

/// A story row read with [`STORY_ROW_COLUMNS`], and whether its dates are stored as
/// [`day_text`] writes them (what the cache needs to compare days as SQL compares texts).
fn story_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<(StoryRow, bool)>> {
    let (start_text, end_text) = (row.get::<_, String>(11)?, row.get::<_, String>(12)?);
    let (Some(start), Some(end)) = (parse_day(&start_text), parse_day(&end_text)) else {
        return Ok(None);
    };
    let canonical = [(start, &start_text), (end, &end_text)]
        .iter()
        .all(|(day, text)| ordered_as_text(*day) && day_text(*day) == **text);
    let blob: Vec<u8> = row.get(18)?;
    let modality: String = row.get(2)?;
    let side = |country: usize, sector: usize| -> rusqlite::Result<Side> {
        Ok(Side {
            country: row.get(country)?,
            sector: row.get(sector)?,
        })
    };
    let story = StoryRow {
        id: Some(row.get(0)?),
        rep_event: row.get(1)?,
        rep_modality: Modality::parse(&modality).unwrap_or_default(),
        rep_cameo: row.get(3)?,
        rep_confidence: row.get::<_, f64>(4)? as f32,
        key: StoryKey {
            source: side(5, 6)?,
            target: side(7, 8)?,
            cameo: row.get(9)?,
            root: row.get(10)?,
            dates: DateRange { start, end },
            exemplars: StoryKey::exemplars_from_bytes(&blob),
        },
        first_seen: row.get(13)?,
        last_seen: row.get(14)?,
        n_events: row.get(15)?,
        n_articles: row.get(16)?,
        n_outlets: row.get(17)?,
    };
    Ok(Some((story, canonical)))
}

/// Inserts (no id yet) or updates a story row; returns its id.
fn save(conn: &Connection, story: &StoryRow) -> Result<i64> {
    let values = params![
        story.rep_event,
        story.rep_modality.name(),
        story.rep_cameo,
        f64::from(story.rep_confidence),
        story.key.source.country,
        story.key.source.sector,
        story.key.target.country,
        story.key.target.sector,
        story.key.cameo,
        story.key.root,
        day_text(story.key.dates.start),
        day_text(story.key.dates.end),
        story.first_seen,
        story.last_seen,
        story.n_events,
        story.n_articles,
        story.n_outlets,
        story.key.exemplar_bytes(),
        story.id,
    ];
    match story.id {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE stories SET representative = ?1, rep_modality = ?2, rep_cameo = ?3,
                    rep_confidence = ?4, source_country = ?5, source_sector = ?6,
                    target_country = ?7, target_sector = ?8, cameo = ?9, cameo_root = ?10,
                    date_start = ?11, date_end = ?12, first_seen = ?13, last_seen = ?14,
                    n_events = ?15, n_articles = ?16, n_outlets = ?17, signature = ?18
                 WHERE id = ?19",
            )?
            .execute(values)?;
            Ok(id)
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO stories (representative, rep_modality, rep_cameo, rep_confidence,
                    source_country, source_sector, target_country, target_sector, cameo,
                    cameo_root, date_start, date_end, first_seen, last_seen, n_events,
                    n_articles, n_outlets, signature, id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19)",
            )?
            .execute(values)?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// Writes what a join changes when the key stays put: counts, first/last seen,
/// representative (the key and its signatures are not rewritten).
fn save_counts(conn: &Connection, story: &StoryRow) -> Result<()> {
    conn.prepare_cached(
        "UPDATE stories SET representative = ?1, rep_modality = ?2, rep_cameo = ?3,
            rep_confidence = ?4, first_seen = ?5, last_seen = ?6, n_events = ?7,
            n_articles = ?8, n_outlets = ?9
         WHERE id = ?10",
    )?
    .execute(params![
        story.rep_event,
        story.rep_modality.name(),
        story.rep_cameo,
        f64::from(story.rep_confidence),
        story.first_seen,
        story.last_seen,
        story.n_events,
        story.n_articles,
        story.n_outlets,
        story.id
    ])?;
    Ok(())
}

fn min_opt(a: Option<String>, b: &str) -> Option<String> {
    Some(match a {
        Some(a) if a.as_str() <= b => a,
        _ => b.to_string(),
    })
}

fn max_opt(a: Option<String>, b: &str) -> Option<String> {
    Some(match a {
        Some(a) if a.as_str() >= b => a,
        _ => b.to_string(),
    })
}

/// Stories this connection read or wrote, kept between look-ups so that joining the same
/// stories again costs no SQL: the rows (each the story as it stands, `dirty` when its counts
/// are newer than the table's), and per look-up key (dyad countries, root) the day ranges for
/// which the cached stories are all the store holds.
///
/// Why it can be trusted:
/// - Only this connection writes while it holds the write lock, and every story write in a
///   transaction goes through the cache or clears what it touches ([`refresh`]). Between
///   transactions another connection may write: [`StoryCache::begin`] compares `PRAGMA
///   data_version` (which changes exactly when another connection commits) and starts afresh.
/// - Key columns (countries, sectors, root, dates, signatures) are written through at once,
///   so SQL and the cache agree on which stories a look-up finds; only counts, first/last seen
///   and the representative wait, until [`StoryCache::flush`] before the commit.
/// - An article's savepoint rolled back: [`StoryCache::article_failed`] puts back each story
///   it touched as it was (from a journal of first touches) and drops the coverage.
/// - The transaction failed: [`StoryCache::clear`] (the table is back at the last commit, and
///   so is nothing cached).
#[derive(Default)]
pub(crate) struct StoryCache {
    data_version: Option<i64>,
    rows: FxHashMap<i64, Cached>,
    /// By [`lookup_key`].
    buckets: FxHashMap<String, Bucket>,
    /// The stories the current article touched, each as it was before (`None`: not cached).
    journal: Vec<(i64, Option<Cached>)>,
}

#[derive(Clone)]
struct Cached {
    row: StoryRow,
    dirty: bool,
}

#[derive(Default)]
struct Bucket {
    ids: Vec<i64>,
    /// Day ranges (merged, both ends included) for which `ids` holds every story of this key
    /// whose range reaches into them.
    covered: Vec<(NaiveDate, NaiveDate)>,
}

/// Stories kept at most (some 30 MB); above this the cache starts afresh at the next
/// transaction.
const CACHED_STORIES: usize = 20_000;

/// A bucket with more stories is not scanned: its look-ups go to the index.
const BUCKET_SCAN: usize = 256;

/// The look-up key of dyad countries and root, as one text (written into `key`, so that a
/// look-up allocates nothing).
fn lookup_key(key: &mut String, source: &str, target: &str, root: &str) {
    key.clear();
    for (i, part) in [source, target, root].into_iter().enumerate() {
        if i > 0 {
            key.push('\u{1f}');
        }
        key.push_str(part);
    }
}

fn story_lookup_key(story: &StoryRow) -> String {
    let mut key = String::new();
    let k = &story.key;
    lookup_key(&mut key, &k.source.country, &k.target.country, &k.root);
    key
}

impl StoryCache {
    /// At the start of a write transaction (the write lock held): forgets everything when
    /// another connection committed since the last one, or when the cache grew too big.
    pub(crate) fn begin(&mut self, conn: &Connection) -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        if self.data_version != Some(version) || self.rows.len() > CACHED_STORIES {
            self.clear();
        }
        self.data_version = Some(version);
        self.journal.clear();
        Ok(())
    }

    /// Forgets everything (a failed transaction, or stories written outside the cache).
    pub(crate) fn clear(&mut self) {
        *self = StoryCache::default();
    }

    /// The current article's savepoint was released: its changes stay.
    pub(crate) fn article_done(&mut self) {
        self.journal.clear();
    }

    /// The current article's savepoint was rolled back: what it touched is put back.
    pub(crate) fn article_failed(&mut self) {
        for (id, before) in self.journal.drain(..) {
            match before {
                Some(cached) => self.rows.insert(id, cached),
                None => self.rows.remove(&id),
            };
        }
        // Stories it opened, or found within its savepoint, may be listed there.
        self.buckets.clear();
    }

    /// Writes the counts that wait (before the transaction commits).
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<()> {
        let mut dirty: Vec<i64> = self
            .rows
            .iter()
            .filter(|(_, c)| c.dirty)
            .map(|(id, _)| *id)
            .collect();
        dirty.sort_unstable();
        for id in dirty {
            if let Some(cached) = self.rows.get_mut(&id) {
                save_counts(conn, &cached.row)?;
                cached.dirty = false;
            }
        }
        Ok(())
    }

    /// Journals story `id` as it is, on the current article's first touch.
    fn touch(&mut self, id: i64) {
        if !self.journal.iter().any(|(j, _)| *j == id) {
            self.journal.push((id, self.rows.get(&id).cloned()));
        }
    }

    /// Keeps `story` (its id set) as it stands; `dirty` when its counts are not yet written.
    fn put(&mut self, story: StoryRow, dirty: bool) {
        let Some(id) = story.id else { return };
        self.touch(id);
        let bucket = self.buckets.entry(story_lookup_key(&story)).or_default();
        if !bucket.ids.contains(&id) {
            bucket.ids.push(id);
        }
        self.rows.insert(id, Cached { row: story, dirty });
    }

    /// Lists a cached story in its bucket again (buckets are dropped on a rebuild or a
    /// rollback, rows are not).
    fn list(&mut self, id: i64) {
        let Some(cached) = self.rows.get(&id) else {
            return;
        };
        let bucket = self
            .buckets
            .entry(story_lookup_key(&cached.row))
            .or_default();
        if !bucket.ids.contains(&id) {
            bucket.ids.push(id);
        }
    }

    /// Drops story `id`, whose row is about to be rebuilt (or deleted) in SQL.
    fn forget(&mut self, id: i64) {
        self.touch(id);
        self.rows.remove(&id);
        // Its look-up key may change with the rebuild.
        self.buckets.clear();
    }

    /// The bucket of a look-up key when its cached stories are all the store holds in
    /// `lo..=hi`.
    fn covering(&self, key: &str, lo: NaiveDate, hi: NaiveDate) -> Option<&Bucket> {
        self.buckets.get(key).filter(|b| {
            b.ids.len() <= BUCKET_SCAN && b.covered.iter().any(|&(s, e)| s <= lo && hi <= e)
        })
    }

    fn mark_covered(&mut self, key: &str, lo: NaiveDate, hi: NaiveDate) {
        let bucket = self.buckets.entry(key.to_string()).or_default();
        bucket.covered.push((lo, hi));
        bucket.covered.sort_unstable();
        let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(bucket.covered.len());
        for (s, e) in bucket.covered.drain(..) {
            match merged.last_mut() {
                // Overlapping or next to each other (whole days).
                Some(last) if s <= last.1 + chrono::Duration::days(1) => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        bucket.covered = merged;
    }
}

/// A story the look-up found: in the cache, or read from a row the cache cannot take.
enum Found {
    Cached(i64),
    Row(Box<StoryRow>),
}

/// The stories of dyad `source`→`target`, one of `roots`, whose date range reaches into
/// `lo..=hi`: from the cache where it covers the range, else by the `stories_lookup` index
/// (and then cached).
fn lookup(
    conn: &Connection,
    cache: &mut StoryCache,
    (source, target): (&str, &str),
    roots: &[&str],
    (lo, hi): (NaiveDate, NaiveDate),
    found: &mut Vec<Found>,
) -> Result<()> {
    let cacheable = ordered_as_text(lo) && ordered_as_text(hi);
    let mut missing: Vec<&str> = Vec::new();
    let mut key = String::new();
    for root in roots {
        lookup_key(&mut key, source, target, root);
        let Some(bucket) = cache.covering(&key, lo, hi).filter(|_| cacheable) else {
            missing.push(root);
            continue;
        };
        for id in &bucket.ids {
            let Some(cached) = cache.rows.get(id) else {
                continue;
            };
            let dates = cached.row.key.dates;
            if dates.end >= lo && dates.start <= hi {
                found.push(Found::Cached(*id));
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let root_list = (0..missing.len())
        .map(|i| format!("?{}", i + 5))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT {STORY_ROW_COLUMNS} FROM stories
         WHERE source_country = ?1 AND target_country = ?2 AND date_end >= ?3
           AND date_start <= ?4 AND cameo_root IN ({root_list})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut values: Vec<Value> = vec![
        Value::Text(source.to_string()),
        Value::Text(target.to_string()),
        Value::Text(day_text(lo)),
        Value::Text(day_text(hi)),
    ];
    values.extend(missing.iter().map(|r| Value::Text(r.to_string())));
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let mut complete = cacheable;
    let mut loaded = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if cache.rows.contains_key(&id) {
            // The cached row is the story as it stands (its counts may be newer).
            loaded.push(id);
            continue;
        }
        let Some((story, canonical)) = story_row(row)? else {
            continue;
        };
        if canonical {
            cache.put(story, false);
            found.push(Found::Cached(id));
        } else {
            complete = false;
            found.push(Found::Row(Box::new(story)));
        }
    }
    drop(rows);
    drop(stmt);
    for id in loaded {
        cache.list(id);
        found.push(Found::Cached(id));
    }
    if complete {
        for root in missing {
            lookup_key(&mut key, source, target, root);
            cache.mark_covered(&key, lo, hi);
        }
    }
    Ok(())
}

/// Joins an event about to be stored to the story it reports (or opens one), given its
/// candidate record; returns the story id for its `cluster_id`. The article's events stored
/// before it count for the story's articles.
pub(crate) fn join_event(
    conn: &Connection,
    cache: &mut StoryCache,
    event: &Event,
    candidate: &Candidate,
    article: &ArticleFacts<'_>,
) -> Result<i64> {
    let window = candidate.dates.window();
    let roots = lookup_roots(&candidate.root);
    let mut found = Vec::new();
    lookup(
        conn,
        cache,
        (&candidate.source.country, &candidate.target.country),
        &roots,
        window,
        &mut found,
    )?;
    if is_symmetric(&candidate.cameo) && candidate.source.country != candidate.target.country {
        lookup(
            conn,
            cache,
            (&candidate.target.country, &candidate.source.country),
            &roots,
            window,
            &mut found,
        )?;
    }
    // The best story: its score, and where it is.
    let mut best: Option<(f32, i64, usize)> = None;
    for (i, f) in found.iter().enumerate() {
        let story = match f {
            Found::Cached(id) => match cache.rows.get(id) {
                Some(cached) => &cached.row,
                None => continue,
            },
            Found::Row(story) => story,
        };
        let Some(score) = joins(candidate, &story.key) else {
            continue;
        };
        let id = story.id.unwrap_or_default();
        // Ties go to the older story, so that the choice never depends on row order.
        let better = best.is_none_or(|(s, b, _)| score > s || (score == s && id < b));
        if better {
            best = Some((score, id, i));
        }
    }
    let mention = Mention {
        event_id: &event.id,
        modality: event.modality,
        cameo: &event.cameo,
        confidence: event.confidence,
    };
    let Some((_, id, index)) = best else {
        let mut story = StoryRow {
            id: None,
            key: StoryKey::open(candidate),
            rep_event: event.id.clone(),
            rep_modality: event.modality,
            rep_cameo: event.cameo.clone(),
            rep_confidence: event.confidence,
            first_seen: Some(article.seen.to_string()),
            last_seen: Some(article.seen.to_string()),
            n_events: 1,
            n_articles: 1,
            n_outlets: i64::from(article.outlet.is_some()),
        };
        let id = save(conn, &story)?;
        story.id = Some(id);
        cache.put(story, false);
        article.stories.borrow_mut().insert(id);
        if let Some(outlet) = article.outlet {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?1, ?2)",
            )?
            .execute(params![id, outlet])?;
        }
        return Ok(id);
    };
    match found.swap_remove(index) {
        Found::Cached(id) => {
            cache.touch(id);
            let Some(cached) = cache.rows.get_mut(&id) else {
                return Err(crate::StoreError::Filter(format!(
                    "story {id} left the cache"
                )));
            };
            if take_mention(conn, &mut cached.row, id, &mention, candidate, article)? {
                // The key is what look-ups read: written at once.
                save(conn, &cached.row)?;
                cached.dirty = false;
            } else {
                // Most joins change only the counts: they wait for the flush before the
                // commit.
                cached.dirty = true;
            }
        }
        Found::Row(mut story) => {
            if take_mention(conn, &mut story, id, &mention, candidate, article)? {
                save(conn, &story)?;
            } else {
                save_counts(conn, &story)?;
            }
        }
    }
    article.stories.borrow_mut().insert(id);
    Ok(id)
}

/// A story row takes in a mention that joins it (its counts, trail, representative and key;
/// a new outlet is recorded in `story_outlets`); returns whether the key changed.
fn take_mention(
    conn: &Connection,
    story: &mut StoryRow,
    id: i64,
    mention: &Mention<'_>,
    candidate: &Candidate,
    article: &ArticleFacts<'_>,
) -> Result<bool> {
    let key_changed = story.key.absorb(candidate);
    story.n_events += 1;
    let article_seen = article.stories.borrow().contains(&id);
    if !article_seen {
        story.n_articles += 1;
        if let Some(outlet) = article.outlet {
            let new_outlet = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?1, ?2)",
                )?
                .execute(params![id, outlet])?;
            story.n_outlets += new_outlet as i64;
        }
    }
    story.first_seen = min_opt(story.first_seen.take(), article.seen);
    story.last_seen = max_opt(story.last_seen.take(), article.seen);
    let current = Mention {
        event_id: &story.rep_event,
        modality: story.rep_modality,
        cameo: &story.rep_cameo,
        confidence: story.rep_confidence,
    };
    if more_representative(mention, &current) {
        story.rep_event = mention.event_id.to_string();
        story.rep_modality = mention.modality;
        story.rep_cameo = mention.cameo.to_string();
        story.rep_confidence = mention.confidence;
    }
    Ok(key_changed)
}

/// Rebuilds a story from its remaining members (after some left it in a re-code), in the
/// order they were stored; deletes it when none is left.
pub(crate) fn refresh(conn: &Connection, cache: &mut StoryCache, id: i64) -> Result<()> {
    cache.forget(id);
    let cluster = id.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.article_id, e.sentence, e.source_code, e.source_country, e.source_sector,
                e.target_code, e.target_country, e.target_sector, e.cameo, e.cameo_root, e.date,
                e.date_precision, e.modality, e.confidence, a.published, a.outlet,
                coalesce(a.published, a.ingested_at)
         FROM events e JOIN articles a ON a.id = e.article_id
         WHERE e.cluster_id = ?1 ORDER BY e.rowid",
    )?;
    let mut rows = stmt.query([&cluster])?;
    let mut story: Option<StoryRow> = None;
    let mut articles = rustc_hash::FxHashSet::default();
    let mut outlets = std::collections::BTreeSet::new();
    let mut undatable = Vec::new();
    while let Some(row) = rows.next()? {
        let event_id: String = row.get(0)?;
        let article_id: String = row.get(1)?;
        let sentence: String = row.get(2)?;
        let text = |i: usize| -> rusqlite::Result<Option<String>> { row.get(i) };
        let (sc, sco, sse) = (row.get::<_, String>(3)?, text(4)?, text(5)?);
        let (tc, tco, tse) = (row.get::<_, String>(6)?, text(7)?, text(8)?);
        let cameo: String = row.get(9)?;
        let root: String = row.get(10)?;
        let (date, precision) = (text(11)?, text(12)?);
        let modality = Modality::parse(&row.get::<_, String>(13)?).unwrap_or_default();
        let confidence = row.get::<_, f64>(14)? as f32;
        let seen: String = row.get(17)?;
        // As on join: an article with no publication date is dated by when it was stored.
        let published = Some(text(15)?.unwrap_or_else(|| seen.clone()));
        let outlet = text(16)?;
        let Some(c) = candidate(
            (&sc, sco.as_deref(), sse.as_deref()),
            (&tc, tco.as_deref(), tse.as_deref()),
            &cameo,
            &root,
            date.as_deref(),
            precision.as_deref(),
            published.as_deref(),
            &sentence,
            None,
        ) else {
            undatable.push(event_id);
            continue;
        };
        articles.insert(article_id);
        if let Some(outlet) = outlet {
            outlets.insert(outlet);
        }
        match story.as_mut() {
            None => {
                story = Some(StoryRow {
                    id: Some(id),
                    key: StoryKey::open(&c),
                    rep_event: event_id,
                    rep_modality: modality,
                    rep_cameo: cameo,
                    rep_confidence: confidence,
                    first_seen: Some(seen.clone()),
                    last_seen: Some(seen),
                    n_events: 1,
                    n_articles: 0,
                    n_outlets: 0,
                })
            }
            Some(s) => {
                s.key.absorb(&c);
                s.n_events += 1;
                s.first_seen = min_opt(s.first_seen.take(), &seen);
                s.last_seen = max_opt(s.last_seen.take(), &seen);
                let mention = Mention {
                    event_id: &event_id,
                    modality,
                    cameo: &cameo,
                    confidence,
                };
                let current = Mention {
                    event_id: &s.rep_event,
                    modality: s.rep_modality,
                    cameo: &s.rep_cameo,
                    confidence: s.rep_confidence,
                };
                if more_representative(&mention, &current) {
                    s.rep_event = event_id.clone();
                    s.rep_modality = modality;
                    s.rep_cameo = cameo.clone();
                    s.rep_confidence = confidence;
                }
            }
        }
    }
    drop(rows);
    drop(stmt);
    // A member that lost its date (a store written by hand) leaves the story.
    for event_id in undatable {
        conn.execute(
            "UPDATE events SET cluster_id = NULL WHERE id = ?1",
            [event_id],
        )?;
    }
    conn.execute("DELETE FROM story_outlets WHERE story_id = ?1", [id])?;
    match story {
        Some(mut story) => {
            story.n_articles = articles.len() as i64;
            story.n_outlets = outlets.len() as i64;
            save(conn, &story)?;
            let mut insert = conn.prepare_cached(
                "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?1, ?2)",
            )?;
            for outlet in &outlets {
                insert.execute(params![id, outlet])?;
            }
        }
        None => {
            conn.execute("DELETE FROM stories WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

/// Stories to list: an [`EventFilter`] on each story's representative event (actor, dyad,
/// code, root, quad class, modality, text), except that `since`/`until` bound the story's own
/// date range (a story from 3 to 5 March is "since 2025-03-04").
pub type StoryFilter = EventFilter;

/// One mention in a story's trail.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMention {
    pub event_id: String,
    pub article_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub modality: Modality,
    pub cameo: String,
    pub day: Option<String>,
    pub sentence: String,
}

/// A story with its mention trail.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredStory {
    pub id: i64,
    /// The tightest date range of its mentions (`YYYY-MM-DD`).
    pub date_start: String,
    pub date_end: String,
    /// Earliest and latest publication time of its articles (else when they were stored).
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub n_events: u64,
    pub n_articles: u64,
    pub n_outlets: u64,
    /// The mention that stands for the story (strongest modality, most specific code,
    /// highest confidence).
    pub representative: StoredEvent,
    /// Mentions per modality; [`ModalityCounts::strongest`] is the modality as the evidence
    /// stands.
    pub modalities: ModalityCounts,
    /// Every mention, by publication time.
    pub mentions: Vec<StoryMention>,
}

impl StoredStory {
    /// Distinct outlets of the trail, in order of first mention.
    pub fn outlets(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if let Some(o) = m.outlet.as_deref() {
                if !seen.contains(&o) {
                    seen.push(o);
                }
            }
        }
        seen
    }

    /// Distinct article ids of the trail, in order of first mention.
    pub fn article_ids(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if !seen.contains(&m.article_id.as_str()) {
                seen.push(&m.article_id);
            }
        }
        seen
    }
}

const STORY_COLUMNS: &str = "s.id, s.date_start, s.date_end, s.first_seen, s.last_seen,
    s.n_events, s.n_articles, s.n_outlets";

fn story_sql(store: &Store, filter: &StoryFilter) -> Result<(String, Vec<Value>)> {
    let mut event_filter = filter.clone();
    event_filter.since = None;
    event_filter.until = None;
    event_filter.limit = None;
    event_filter.offset = None;
    let mut b = conditions(store, &event_filter)?;
    for (bound, column, op) in [
        (&filter.since, "s.date_end", ">="),
        (&filter.until, "s.date_start", "<="),
    ] {
        if let Some(bound) = bound {
            let bound = check_day_bound(bound)?;
            let len = bound.len() as i64;
            let p = b.push_param(Value::Text(bound));
            let l = b.push_param(Value::Integer(len));
            b.conditions
                .push(format!("substr({column}, 1, ?{l}) {op} ?{p}"));
        }
    }
    let mut sql = String::from(
        " FROM stories s JOIN events e ON e.id = s.representative
          JOIN articles a ON a.id = e.article_id",
    );
    if !b.conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&b.conditions.join(" AND "));
    }
    Ok((sql, b.params))
}

impl Store {
    /// Turns clustering of newly written events on (the default) or off (`ingest
    /// --no-stories`). Off, events are stored without a story; a re-code still takes the
    /// events it removes out of their stories.
    pub fn set_clustering(&mut self, on: bool) {
        self.clustering = on;
    }

    /// Stories matching the filter (see [`StoryFilter`]), earliest first, with their trails.
    pub fn stories(&self, filter: &StoryFilter) -> Result<Vec<StoredStory>> {
        let (from, mut params) = story_sql(self, filter)?;
        let mut sql =
            format!("SELECT {EVENT_COLUMNS}, {STORY_COLUMNS}{from} ORDER BY s.date_start, s.id");
        if let Some(limit) = filter.limit {
            params.push(Value::Integer(limit.min(i64::MAX as u64) as i64));
            sql.push_str(&format!(" LIMIT ?{}", params.len()));
        }
        if let Some(offset) = filter.offset {
            if filter.limit.is_none() {
                sql.push_str(" LIMIT -1");
            }
            params.push(Value::Integer(offset.min(i64::MAX as u64) as i64));
            sql.push_str(&format!(" OFFSET ?{}", params.len()));
        }
        // The EVENT_COLUMNS read the story counts through `s` too: here `s` is the story.
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut stories = Vec::new();
        while let Some(row) = rows.next()? {
            stories.push(self.story_from_row(row)?);
        }
        Ok(stories)
    }

    /// How many stories match, ignoring limit and offset.
    pub fn count_stories(&self, filter: &StoryFilter) -> Result<u64> {
        let (from, params) = story_sql(self, filter)?;
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*){from}"),
            rusqlite::params_from_iter(params),
            |row| row.get(0),
        )?;
        Ok(n.max(0) as u64)
    }

    /// The story with this id, with its trail.
    pub fn story(&self, id: i64) -> Result<Option<StoredStory>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS}, {STORY_COLUMNS} FROM stories s
             JOIN events e ON e.id = s.representative JOIN articles a ON a.id = e.article_id
             WHERE s.id = ?1"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(self.story_from_row(row)?)),
            None => Ok(None),
        }
    }

    fn story_from_row(&self, row: &rusqlite::Row<'_>) -> Result<StoredStory> {
        let representative = event_from_row(row)?;
        let base = crate::query::EVENT_COLUMN_COUNT;
        let count =
            |i: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, i64>(base + i)?.max(0) as u64) };
        let id: i64 = row.get(base)?;
        let mentions = self.story_mentions(id)?;
        let mut modalities = ModalityCounts::default();
        for m in &mentions {
            modalities.add(m.modality, 1);
        }
        Ok(StoredStory {
            id,
            date_start: row.get(base + 1)?,
            date_end: row.get(base + 2)?,
            first_seen: row.get(base + 3)?,
            last_seen: row.get(base + 4)?,
            n_events: count(5)?,
            n_articles: count(6)?,
            n_outlets: count(7)?,
            representative,
            modalities,
            mentions,
        })
    }

    fn story_mentions(&self, id: i64) -> Result<Vec<StoryMention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.article_id, a.outlet, a.url, a.title, a.published, e.modality,
                    e.cameo, e.day, e.sentence
             FROM events e JOIN articles a ON a.id = e.article_id
             WHERE e.cluster_id = ?1
             ORDER BY coalesce(a.published, a.ingested_at), e.rowid",
        )?;
        let rows = stmt.query_map([id.to_string()], |row| {
            let modality: String = row.get(6)?;
            Ok(StoryMention {
                event_id: row.get(0)?,
                article_id: row.get(1)?,
                outlet: row.get(2)?,
                url: row.get(3)?,
                title: row.get(4)?,
                published: row.get(5)?,
                modality: Modality::parse(&modality).unwrap_or_default(),
                cameo: row.get(7)?,
                day: row.get(8)?,
                sentence: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
