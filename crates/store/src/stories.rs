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
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection};

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

/// The candidate record of an event's fields (`None` without any usable date).
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
        signature: Signature::of(sentence),
    })
}

fn event_candidate(event: &Event, published: Option<&str>) -> Option<Candidate> {
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
    )
}

/// A story row as the write path reads and writes it.
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

const STORY_ROW_COLUMNS: &str = "id, representative, rep_modality, rep_cameo, rep_confidence,
    source_country, source_sector, target_country, target_sector, cameo, cameo_root, date_start,
    date_end, first_seen, last_seen, n_events, n_articles, n_outlets, signature";

fn story_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<StoryRow>> {
    let (Some(start), Some(end)) = (
        parse_day(&row.get::<_, String>(11)?),
        parse_day(&row.get::<_, String>(12)?),
    ) else {
        return Ok(None);
    };
    let blob: Vec<u8> = row.get(18)?;
    let modality: String = row.get(2)?;
    let side = |country: usize, sector: usize| -> rusqlite::Result<Side> {
        Ok(Side {
            country: row.get(country)?,
            sector: row.get(sector)?,
        })
    };
    Ok(Some(StoryRow {
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
    }))
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

/// Joins an event about to be stored to the story it reports (or opens one); returns the
/// story id for its `cluster_id`, `None` for an event with no usable date (left unclustered).
/// The article's events stored before it count for the story's articles.
pub(crate) fn join_event(
    conn: &Connection,
    event: &Event,
    article: &ArticleFacts<'_>,
) -> Result<Option<i64>> {
    let Some(candidate) = event_candidate(event, article.published) else {
        return Ok(None);
    };
    let (lo, hi) = candidate.dates.window();
    let roots = lookup_roots(&candidate.root);
    let mut dyads = vec![(
        candidate.source.country.clone(),
        candidate.target.country.clone(),
    )];
    if is_symmetric(&candidate.cameo) && candidate.source.country != candidate.target.country {
        dyads.push((
            candidate.target.country.clone(),
            candidate.source.country.clone(),
        ));
    }
    let root_list = (0..roots.len())
        .map(|i| format!("?{}", i + 5))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT {STORY_ROW_COLUMNS} FROM stories
         WHERE source_country = ?1 AND target_country = ?2 AND date_end >= ?3
           AND date_start <= ?4 AND cameo_root IN ({root_list})"
    );
    let mut best: Option<(f32, StoryRow)> = None;
    let mut stmt = conn.prepare_cached(&sql)?;
    for (source, target) in dyads {
        let mut values: Vec<Value> = vec![
            Value::Text(source),
            Value::Text(target),
            Value::Text(day_text(lo)),
            Value::Text(day_text(hi)),
        ];
        values.extend(roots.iter().map(|r| Value::Text(r.clone())));
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        while let Some(row) = rows.next()? {
            let Some(story) = story_row(row)? else {
                continue;
            };
            let Some(score) = joins(&candidate, &story.key) else {
                continue;
            };
            // Ties go to the older story, so that the choice never depends on row order.
            let better = best
                .as_ref()
                .is_none_or(|(s, b)| score > *s || (score == *s && story.id < b.id));
            if better {
                best = Some((score, story));
            }
        }
    }
    drop(stmt);
    let mention = Mention {
        event_id: &event.id,
        modality: event.modality,
        cameo: &event.cameo,
        confidence: event.confidence,
    };
    let best_is_new = best.is_none();
    let id = match best {
        Some((_, mut story)) => {
            let id = story.id.unwrap_or_default();
            let before = (
                story.key.source.clone(),
                story.key.target.clone(),
                story.key.dates,
                story.key.exemplars.len(),
            );
            story.key.absorb(&candidate);
            let key_changed = before
                != (
                    story.key.source.clone(),
                    story.key.target.clone(),
                    story.key.dates,
                    story.key.exemplars.len(),
                );
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
            if more_representative(&mention, &current) {
                story.rep_event = event.id.clone();
                story.rep_modality = event.modality;
                story.rep_cameo = event.cameo.clone();
                story.rep_confidence = event.confidence;
            }
            if key_changed {
                save(conn, &story)?
            } else {
                // Most joins change only the counts: the key and its signatures stay put.
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
                    id
                ])?;
                id
            }
        }
        None => save(
            conn,
            &StoryRow {
                id: None,
                key: StoryKey::open(&candidate),
                rep_event: event.id.clone(),
                rep_modality: event.modality,
                rep_cameo: event.cameo.clone(),
                rep_confidence: event.confidence,
                first_seen: Some(article.seen.to_string()),
                last_seen: Some(article.seen.to_string()),
                n_events: 1,
                n_articles: 1,
                n_outlets: i64::from(article.outlet.is_some()),
            },
        )?,
    };
    article.stories.borrow_mut().insert(id);
    if best_is_new {
        if let Some(outlet) = article.outlet {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?1, ?2)",
            )?
            .execute(params![id, outlet])?;
        }
    }
    Ok(Some(id))
}

/// Rebuilds a story from its remaining members (after some left it in a re-code), in the
/// order they were stored; deletes it when none is left.
pub(crate) fn refresh(conn: &Connection, id: i64) -> Result<()> {
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
