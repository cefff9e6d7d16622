//! Reading: events by filter, articles by id or full-text search.

use crate::{Result, Store, StoreError};
use atalaya_engine::record::{ActorRef, Event, Matched, Modality, Plover, Span};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

/// Which events to return. Actor values match an actor code exactly, by prefix (`USA` matches
/// `USAGOV`) or by country (`MEX` matches any actor whose country is MEX). Date bounds are
/// inclusive prefixes of `YYYY-MM-DD` (`2025`, `2025-03`, `2025-03-04`) compared with the
/// event's day (its own date, else its article's publication day).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Either side.
    pub actor: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Two actors; either direction unless `directed`.
    pub dyad: Option<(String, String)>,
    pub directed: bool,
    /// CAMEO code or code prefix (`19` also matches `190`, `1951`).
    pub code: Option<String>,
    pub root: Option<String>,
    pub quad: Option<u8>,
    pub modality: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// FTS5 query over article titles and texts.
    pub text: Option<String>,
    pub article_id: Option<String>,
    pub limit: Option<u64>,
    /// Matching events to skip before the first returned (paging for the HTTP API).
    pub offset: Option<u64>,
}

/// An event with the article facts exporters need.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// Store-wide integer id (GDELT's GLOBALEVENTID).
    pub rowid: i64,
    pub event: Event,
    /// The event's own date, else its article's publication day (`YYYY-MM-DD`).
    pub day: Option<String>,
    pub article_url: Option<String>,
    pub article_outlet: Option<String>,
    pub article_published: Option<String>,
    pub article_title: Option<String>,
    /// When the article was stored (`YYYY-MM-DDTHH:MM:SSZ`).
    pub ingested_at: String,
    /// The counts of the event's story, when it is in one.
    pub story: Option<StoryCounts>,
}

/// A story's counts, as exports carry them on each of its events (GDELT's NumMentions,
/// NumArticles, NumSources).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryCounts {
    pub events: u64,
    pub articles: u64,
    pub outlets: u64,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    pub content_hash: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub lang: Option<String>,
    pub origin: Option<String>,
    pub ingested_at: String,
    /// `coded` or `not_coded`.
    pub status: String,
    pub status_detail: Option<String>,
    pub sentences: Option<u64>,
}

const MODALITIES: [&str; 5] = ["asserted", "reported", "hypothetical", "future", "negated"];

pub(crate) const EVENT_COLUMNS: &str =
    "e.rowid, e.id, e.article_id, e.sentence_index, e.span_start, e.span_end,
    e.sentence, e.source_text, e.source_code, e.source_country, e.source_sector,
    e.source_entity_id, e.source_name, e.source_span_start, e.source_span_end,
    e.target_text, e.target_code, e.target_country, e.target_sector, e.target_entity_id,
    e.target_name, e.target_span_start, e.target_span_end, e.cameo, e.cameo_root, e.quad_class,
    e.goldstein, e.plover_type, e.plover_mode, e.modality, e.attribution, e.date,
    e.date_precision, e.day, e.location, e.confidence, e.matched, e.cluster_id,
    a.url, a.outlet, a.published, a.title, a.ingested_at, s.n_events, s.n_articles, s.n_outlets";

/// Columns of [`EVENT_COLUMNS`].
pub(crate) const EVENT_COLUMN_COUNT: usize = 46;

/// The tables [`EVENT_COLUMNS`] read: an event, its article and its story, if any (the
/// story's INTEGER id compared with the TEXT `cluster_id` converts a decimal id only, so a
/// cluster id set by hand, such as `c1`, finds no story).
pub(crate) const EVENT_FROM: &str = " FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN stories s ON s.id = e.cluster_id";

/// SQL condition that one side (`source` or `target`) is the given actor.
fn side_matches(side: &str, param: usize) -> String {
    format!(
        "(e.{side}_code = ?{param} OR e.{side}_country = ?{param} \
         OR e.{side}_code LIKE ?{next} ESCAPE '\\')",
        next = param + 1
    )
}

fn like_prefix(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len() + 1);
    for c in value.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}

#[derive(Clone)]
pub(crate) struct SqlBuilder {
    pub(crate) conditions: Vec<String>,
    pub(crate) params: Vec<Value>,
    /// An undirected dyad whose two directions no event can both match (no actor code is on
    /// both sides' lists): the index of its `(forward OR backward)` condition and the two
    /// directions. Counted and paged as two queries added up (`UNION ALL`), SQLite need not
    /// keep the rowids it found to drop the ones an OR's two branches both find; that
    /// bookkeeping took half the time of a dyad's count.
    pub(crate) split: Option<(usize, [String; 2])>,
}

impl SqlBuilder {
    pub(crate) fn push_param(&mut self, value: Value) -> usize {
        self.params.push(value);
        self.params.len()
    }

    /// Adds the two parameters [`side_matches`] expects and returns the first's number.
    fn actor_params(&mut self, actor: &str) -> usize {
        let actor = actor.trim().to_ascii_uppercase();
        let first = self.push_param(Value::Text(actor.clone()));
        self.push_param(Value::Text(like_prefix(&actor)));
        first
    }
}

/// Most actor codes put in an `IN (...)` list; an actor matching more falls back to comparing
/// each event's own columns.
const MAX_CODE_LIST: usize = 500;

/// The codes of the actors register that `actor` matches, if few enough for a list.
fn code_list(store: &Store, actor: &str) -> Result<Option<Vec<String>>> {
    let codes = store.matching_actor_codes(actor)?;
    Ok((codes.len() <= MAX_CODE_LIST).then_some(codes))
}

impl SqlBuilder {
    /// `e.{side}_code IN (...)` for the listed codes (false for none), else the slower
    /// column comparison of [`side_matches`].
    fn side(&mut self, side: &str, actor: &str, codes: &Option<Vec<String>>) -> String {
        match codes {
            Some(codes) if codes.is_empty() => "0".to_string(),
            Some(codes) => {
                let list: Vec<String> = codes
                    .iter()
                    .map(|c| format!("?{}", self.push_param(Value::Text(c.clone()))))
                    .collect();
                format!("e.{side}_code IN ({})", list.join(","))
            }
            None => {
                let p = self.actor_params(actor);
                side_matches(side, p)
            }
        }
    }
}

/// The conditions of a filter, without order or paging. An actor matches its code, any code
/// it prefixes or any code of that country: the matching codes are looked up in the actors
/// register first (every code an event carries is registered with it), so that the events
/// are found by index seeks on their codes rather than by reading every event.
pub(crate) fn conditions(store: &Store, filter: &EventFilter) -> Result<SqlBuilder> {
    let mut b = SqlBuilder {
        conditions: Vec::new(),
        params: Vec::new(),
        split: None,
    };
    if let Some(actor) = &filter.actor {
        let codes = code_list(store, actor)?;
        let source = b.side("source", actor, &codes);
        let target = b.side("target", actor, &codes);
        b.conditions.push(format!("({source} OR {target})"));
    }
    if let Some(source) = &filter.source {
        let codes = code_list(store, source)?;
        let condition = b.side("source", source, &codes);
        b.conditions.push(condition);
    }
    if let Some(target) = &filter.target {
        let codes = code_list(store, target)?;
        let condition = b.side("target", target, &codes);
        b.conditions.push(condition);
    }
    if let Some((first, second)) = &filter.dyad {
        let (c1, c2) = (code_list(store, first)?, code_list(store, second)?);
        let forward = format!(
            "({} AND {})",
            b.side("source", first, &c1),
            b.side("target", second, &c2)
        );
        if filter.directed {
            b.conditions.push(forward);
        } else {
            let backward = format!(
                "({} AND {})",
                b.side("source", second, &c2),
                b.side("target", first, &c1)
            );
            b.conditions.push(format!("({forward} OR {backward})"));
            if let (Some(c1), Some(c2)) = (&c1, &c2) {
                if !c1.iter().any(|code| c2.contains(code)) {
                    b.split = Some((b.conditions.len() - 1, [forward, backward]));
                }
            }
        }
    }
    if let Some(code) = &filter.code {
        let p = b.push_param(Value::Text(like_prefix(code.trim())));
        b.conditions.push(format!("e.cameo LIKE ?{p} ESCAPE '\\'"));
    }
    if let Some(root) = &filter.root {
        let p = b.push_param(Value::Text(root.trim().to_string()));
        b.conditions.push(format!("e.cameo_root = ?{p}"));
    }
    if let Some(quad) = filter.quad {
        if !(1..=4).contains(&quad) {
            return Err(StoreError::Filter(format!(
                "quad class {quad} is not 1 to 4"
            )));
        }
        let p = b.push_param(Value::Integer(i64::from(quad)));
        b.conditions.push(format!("e.quad_class = ?{p}"));
    }
    if let Some(modality) = &filter.modality {
        let modality = modality.trim().to_ascii_lowercase();
        if !MODALITIES.contains(&modality.as_str()) {
            return Err(StoreError::Filter(format!(
                "modality `{modality}` is not one of {}",
                MODALITIES.join(", ")
            )));
        }
        let p = b.push_param(Value::Text(modality));
        b.conditions.push(format!("e.modality = ?{p}"));
    }
    // `day` is `YYYY-MM-DD`: a day's prefix is at least `since` exactly when the day is, and
    // at most `until` exactly when the day sorts before `until` followed by `~` (above every
    // digit and `-`). Plain comparisons let SQLite use the index on `day`.
    if let Some(since) = &filter.since {
        let since = check_day_bound(since)?;
        let p = b.push_param(Value::Text(since));
        b.conditions.push(format!("e.day >= ?{p}"));
    }
    if let Some(until) = &filter.until {
        let until = check_day_bound(until)?;
        let p = b.push_param(Value::Text(format!("{until}~")));
        b.conditions.push(format!("e.day < ?{p}"));
    }
    if let Some(text) = &filter.text {
        let p = b.push_param(Value::Text(text.clone()));
        b.conditions.push(format!(
            "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{p})"
        ));
    }
    if let Some(article_id) = &filter.article_id {
        let p = b.push_param(Value::Text(article_id.clone()));
        b.conditions.push(format!("e.article_id = ?{p}"));
    }
    Ok(b)
}

/// `FROM events e WHERE ...` of a filter, joining each event's article when `articles` (to
/// match the article's text).
fn from_where(b: &SqlBuilder, articles: bool) -> String {
    if articles {
        with_where(" FROM events e JOIN articles a ON a.id = e.article_id", b)
    } else {
        with_where(" FROM events e", b)
    }
}

/// [`from_where`] once per direction of a split dyad (see [`SqlBuilder::split`]), else once.
fn branch_wheres(b: &SqlBuilder, articles: bool) -> Vec<String> {
    let Some((at, directions)) = &b.split else {
        return vec![from_where(b, articles)];
    };
    directions
        .iter()
        .map(|direction| {
            let mut conditions = b.conditions.clone();
            conditions[*at] = direction.clone();
            let one = SqlBuilder {
                conditions,
                params: Vec::new(),
                split: None,
            };
            from_where(&one, articles)
        })
        .collect()
}

fn with_where(from: &str, b: &SqlBuilder) -> String {
    let mut sql = String::from(from);
    if !b.conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&b.conditions.join(" AND "));
    }
    sql
}

fn build(store: &Store, filter: &EventFilter) -> Result<(String, Vec<Value>)> {
    build_from(conditions(store, filter)?, filter)
}

/// The events query of `filter` whose conditions are `b`.
fn build_from(mut b: SqlBuilder, filter: &EventFilter) -> Result<(String, Vec<Value>)> {
    if filter.limit.is_none() && filter.offset.is_none() {
        // Day order groups events by month for partitioned exports; rowid keeps it stable.
        let sql = format!(
            "SELECT {EVENT_COLUMNS}{} ORDER BY e.day, e.rowid",
            with_where(EVENT_FROM, &b)
        );
        return Ok((sql, b.params));
    }
    // A page: first the page's rowids, found and sorted by (day, rowid) from an index alone
    // where the filter's columns are in one (`events_dyad_series` holds codes, day, code,
    // modality and quad class), then the wide rows of those rowids only, with their article
    // and story. Sorting whole matching rows and joins would read every event of the period.
    let found: Vec<String> = branch_wheres(&b, filter.text.is_some())
        .iter()
        .map(|w| format!("SELECT e.rowid AS page_rowid, e.day AS page_day{w}"))
        .collect();
    let mut inner = format!(
        "SELECT page_rowid FROM ({}) ORDER BY page_day, page_rowid",
        found.join(" UNION ALL ")
    );
    let limit = filter.limit.map_or(-1, |l| l.min(i64::MAX as u64) as i64);
    let p = b.push_param(Value::Integer(limit));
    inner.push_str(&format!(" LIMIT ?{p}"));
    if let Some(offset) = filter.offset {
        let p = b.push_param(Value::Integer(offset.min(i64::MAX as u64) as i64));
        inner.push_str(&format!(" OFFSET ?{p}"));
    }
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM ({inner}) page JOIN events e ON e.rowid = page.page_rowid
         JOIN articles a ON a.id = e.article_id LEFT JOIN stories s ON s.id = e.cluster_id
         ORDER BY e.day, e.rowid"
    );
    Ok((sql, b.params))
}

/// Splits a dyad written `A-B` (`USA-MEX`) into its two actors, as `--dyad` and the HTTP
/// API's `dyad` parameter take it.
pub fn parse_dyad(text: &str) -> Result<(String, String)> {
    match text.split_once('-') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains('-') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(StoreError::Filter(format!(
            "dyad `{text}`: expected two actors joined by `-`, e.g. USA-MEX"
        ))),
    }
}

/// Whether [`Store::actor_counts`] and [`Store::network`] group by actor code or by country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActorKey {
    #[default]
    Code,
    Country,
}

impl ActorKey {
    fn column(self, side: &str) -> String {
        match self {
            ActorKey::Code => format!("e.{side}_code"),
            ActorKey::Country => format!("coalesce(e.{side}_country, '')"),
        }
    }
}

/// An actor (code or country) and how many matching events it is in, on each side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorCount {
    /// Actor code, or country (empty: no country).
    pub actor: String,
    pub events: u64,
    pub as_source: u64,
    pub as_target: u64,
}

/// Matching events from one actor to another, per quad class.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    pub events: u64,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    /// Events with no quad class.
    pub no_quad: u64,
}

/// An article that a full-text query found, with a short passage around the match.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    /// A few words of the text around the best match (FTS5 `snippet`).
    pub snippet: String,
    /// Events coded from this article.
    pub events: u64,
}

/// Checks a date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and a real month and day
/// (`2025-13-01` and `2025-02-29` are errors). Returns it trimmed.
pub fn check_day_bound(value: &str) -> Result<String> {
    let value = value.trim();
    let bad = |why: String| {
        StoreError::Filter(format!(
            "date `{value}` {why}; expected YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let shape_ok = match value.len() {
        4 => value.bytes().all(|b| b.is_ascii_digit()),
        7 | 10 => value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        }),
        _ => false,
    };
    if !shape_ok {
        return Err(bad("is not a date".to_string()));
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { value.get(range)?.parse().ok() };
    let year = number(0..4).unwrap_or(0);
    if let Some(month) = number(5..7) {
        if !(1..=12).contains(&month) {
            return Err(bad(format!("has no month {month}")));
        }
        if let Some(day) = number(8..10) {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return Err(bad(format!(
                    "has no day {day} (month {month} has {days} days)"
                )));
            }
        }
    }
    Ok(value.to_string())
}

fn json_column<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    index: usize,
    event: &str,
    column: &'static str,
) -> Result<Option<T>> {
    let raw: Option<String> = row.get(index)?;
    raw.map(|raw| {
        serde_json::from_str(&raw).map_err(|err| StoreError::Json {
            event: event.to_string(),
            column,
            message: err.to_string(),
        })
    })
    .transpose()
}

fn span(start: Option<i64>, end: Option<i64>) -> Option<Span> {
    match (start, end) {
        (Some(start), Some(end)) => Some(Span {
            start: start.max(0) as usize,
            end: end.max(0) as usize,
        }),
        _ => None,
    }
}

fn actor(row: &Row<'_>, first: usize) -> rusqlite::Result<ActorRef> {
    let text: String = row.get(first)?;
    let span = span(row.get(first + 6)?, row.get(first + 7)?);
    // An implied actor (named by the article, not the sentence) is stored as one with no
    // words and no span; the coder gives every named one both.
    let implied = text.is_empty() && span.is_none();
    Ok(ActorRef {
        text,
        code: row.get(first + 1)?,
        country: row.get(first + 2)?,
        sector: row.get(first + 3)?,
        entity_id: row.get(first + 4)?,
        name: row.get(first + 5)?,
        span,
        implied,
    })
}

pub(crate) fn event_from_row(row: &Row<'_>) -> Result<StoredEvent> {
    let id: String = row.get(1)?;
    let modality_text: String = row.get(29)?;
    let modality: Modality = serde_json::from_value(serde_json::Value::String(modality_text))
        .map_err(|err| StoreError::Json {
            event: id.clone(),
            column: "modality",
            message: err.to_string(),
        })?;
    let plover_type: Option<String> = row.get(27)?;
    let plover = plover_type.map(|event_type| -> rusqlite::Result<Plover> {
        Ok(Plover {
            event_type,
            mode: row.get(28)?,
        })
    });
    let event = Event {
        article_id: row.get(2)?,
        sentence_index: row.get::<_, i64>(3)?.max(0) as usize,
        span: Span {
            start: row.get::<_, i64>(4)?.max(0) as usize,
            end: row.get::<_, i64>(5)?.max(0) as usize,
        },
        sentence: row.get(6)?,
        source: actor(row, 7)?,
        target: actor(row, 15)?,
        cameo: row.get(23)?,
        cameo_root: row.get(24)?,
        quad_class: row
            .get::<_, Option<i64>>(25)?
            .and_then(|q| u8::try_from(q).ok()),
        goldstein: row.get::<_, Option<f64>>(26)?.map(|g| g as f32),
        plover: plover.transpose()?,
        modality,
        attribution: json_column(row, 30, &id, "attribution")?.unwrap_or_default(),
        date: row.get(31)?,
        date_precision: row.get(32)?,
        location: json_column(row, 34, &id, "location")?,
        confidence: row.get::<_, f64>(35)? as f32,
        matched: json_column::<Matched>(row, 36, &id, "matched")?.unwrap_or_default(),
        cluster_id: row.get(37)?,
        id,
    };
    Ok(StoredEvent {
        rowid: row.get(0)?,
        event,
        day: row.get(33)?,
        article_url: row.get(38)?,
        article_outlet: row.get(39)?,
        article_published: row.get(40)?,
        article_title: row.get(41)?,
        ingested_at: row.get(42)?,
        story: match row.get::<_, Option<i64>>(43)? {
            Some(events) => Some(StoryCounts {
                events: events.max(0) as u64,
                articles: row.get::<_, i64>(44)?.max(0) as u64,
                outlets: row.get::<_, i64>(45)?.max(0) as u64,
            }),
            None => None,
        },
    })
}

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        id: row.get(0)?,
        content_hash: row.get(1)?,
        url: row.get(2)?,
        outlet: row.get(3)?,
        published: row.get(4)?,
        title: row.get(5)?,
        text: row.get(6)?,
        lang: row.get(7)?,
        origin: row.get(8)?,
        ingested_at: row.get(9)?,
        status: row.get(10)?,
        status_detail: row.get(11)?,
        sentences: row.get::<_, Option<i64>>(12)?.map(|s| s.max(0) as u64),
    })
}

const ARTICLE_COLUMNS: &str = "a.id, a.content_hash, a.url, a.outlet, a.published, a.title, a.text,
    a.lang, a.origin, a.ingested_at, a.status, a.status_detail, a.sentences";

impl Store {
    /// Calls `visit` for each matching event, in day order, without holding them all in memory.
    /// `visit` may stop the walk by returning an error.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        mut visit: impl FnMut(StoredEvent) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let (sql, params) = build(self, filter)?;
        self.visit_events(&sql, params, filter, &mut visit)
    }

    fn visit_events<E: From<StoreError>>(
        &self,
        sql: &str,
        params: Vec<Value>,
        filter: &EventFilter,
        visit: &mut impl FnMut(StoredEvent) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        // Cached: the same filter shape (a dashboard's, the API's) gives the same text.
        let mut stmt = self.conn.prepare_cached(sql).map_err(StoreError::from)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|err| fts_error(err, filter.text.as_deref()))?;
        while let Some(row) = rows
            .next()
            .map_err(|err| fts_error(err, filter.text.as_deref()))?
        {
            visit(event_from_row(row)?)?;
        }
        Ok(())
    }

    /// All matching events (see [`Store::for_each_event`] for large results).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut events = Vec::new();
        self.for_each_event(filter, |event| -> Result<()> {
            events.push(event);
            Ok(())
        })?;
        Ok(events)
    }

    /// How many events match the filter, ignoring its limit and offset (the total of a page).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        self.count_with(&conditions(self, filter)?, filter)
    }

    /// A page of matching events (the filter's `limit` from its `offset`) and the total that
    /// match, the filter's actor codes looked up once for both.
    pub fn events_page(&self, filter: &EventFilter) -> Result<(u64, Vec<StoredEvent>)> {
        let b = conditions(self, filter)?;
        let total = self.count_with(&b, filter)?;
        let mut events = Vec::new();
        if filter.offset.unwrap_or(0) < total {
            let (sql, params) = build_from(b, filter)?;
            self.visit_events(&sql, params, filter, &mut |event| -> Result<()> {
                events.push(event);
                Ok(())
            })?;
        }
        Ok((total, events))
    }

    fn count_with(&self, b: &SqlBuilder, filter: &EventFilter) -> Result<u64> {
        // Every event has its article (a foreign key): the join is needed only to match the
        // article's text.
        let counts: Vec<String> = branch_wheres(b, filter.text.is_some())
            .iter()
            .map(|w| format!("(SELECT count(*){w})"))
            .collect();
        let sql = format!("SELECT {}", counts.join(" + "));
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(b.params.iter()), |row| {
                row.get(0)
            })
            .map_err(|err| fts_error(err, filter.text.as_deref()))?;
        Ok(count.max(0) as u64)
    }

    /// Actors (codes or countries) of the matching events, most events first (then by name),
    /// at most `limit`. The filter's own limit and offset are ignored.
    pub fn actor_counts(
        &self,
        filter: &EventFilter,
        key: ActorKey,
        limit: u64,
    ) -> Result<Vec<ActorCount>> {
        let b = conditions(self, filter)?;
        let from = from_where(&b, filter.text.is_some());
        // Numbered parameters may be used twice: both halves share them.
        let sql = format!(
            "SELECT actor, sum(s), sum(t) FROM (
                 SELECT {src} AS actor, 1 AS s, 0 AS t{from}
                 UNION ALL
                 SELECT {tgt} AS actor, 0 AS s, 1 AS t{from})
             GROUP BY actor ORDER BY sum(s) + sum(t) DESC, actor LIMIT {limit}",
            src = key.column("source"),
            tgt = key.column("target"),
            limit = limit.min(i64::MAX as u64),
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(b.params), |row| {
                let s = row.get::<_, i64>(1)?.max(0) as u64;
                let t = row.get::<_, i64>(2)?.max(0) as u64;
                Ok(ActorCount {
                    actor: row.get(0)?,
                    events: s + t,
                    as_source: s,
                    as_target: t,
                })
            })
            .map_err(|err| fts_error(err, filter.text.as_deref()))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|err| fts_error(err, filter.text.as_deref()))
    }

    /// The actor network of the matching events: one edge per (source, target), with counts
    /// per quad class, most events first, at most `limit` edges.
    pub fn network(
        &self,
        filter: &EventFilter,
        key: ActorKey,
        limit: u64,
    ) -> Result<Vec<NetworkEdge>> {
        let b = conditions(self, filter)?;
        let sql = format!(
            "SELECT {src}, {tgt}, count(*),
                    sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3),
                    sum(e.quad_class = 4), sum(e.quad_class IS NULL){from}
             GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT {limit}",
            src = key.column("source"),
            tgt = key.column("target"),
            from = from_where(&b, filter.text.is_some()),
            limit = limit.min(i64::MAX as u64),
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let count = |row: &Row<'_>, i: usize| -> rusqlite::Result<u64> {
            Ok(row.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
        };
        let rows = stmt
            .query_map(rusqlite::params_from_iter(b.params), |row| {
                Ok(NetworkEdge {
                    source: row.get(0)?,
                    target: row.get(1)?,
                    events: count(row, 2)?,
                    verbal_cooperation: count(row, 3)?,
                    material_cooperation: count(row, 4)?,
                    verbal_conflict: count(row, 5)?,
                    material_conflict: count(row, 6)?,
                    no_quad: count(row, 7)?,
                })
            })
            .map_err(|err| fts_error(err, filter.text.as_deref()))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|err| fts_error(err, filter.text.as_deref()))
    }

    /// Articles matching an FTS5 query, best first, each with a passage around the match and
    /// its number of events; at most `limit`.
    pub fn search_hits(&self, query: &str, limit: u64) -> Result<Vec<SearchHit>> {
        let sql = "SELECT a.id, a.url, a.outlet, a.published, a.title,
                    snippet(articles_fts, 1, '', '', '…', 24),
                    (SELECT count(*) FROM events e WHERE e.article_id = a.id)
             FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
             WHERE articles_fts MATCH ?1 ORDER BY f.rank LIMIT ?2";
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt
            .query_map(
                rusqlite::params![query, limit.min(i64::MAX as u64) as i64],
                |row| {
                    Ok(SearchHit {
                        id: row.get(0)?,
                        url: row.get(1)?,
                        outlet: row.get(2)?,
                        published: row.get(3)?,
                        title: row.get(4)?,
                        snippet: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        events: row.get::<_, i64>(6)?.max(0) as u64,
                    })
                },
            )
            .map_err(|err| fts_error(err, Some(query)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|err| fts_error(err, Some(query)))
    }

    /// SQLite's plan for a page of [`Store::events`] (one line per step), so that a test can
    /// check that a dyad or actor filter seeks an index instead of reading every event.
    pub fn events_plan(&self, filter: &EventFilter) -> Result<Vec<String>> {
        let (sql, params) = build(self, filter)?;
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |row| {
            row.get::<_, String>(3)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The event with this id (`article-sentence-index`), if stored.
    pub fn event(&self, id: &str) -> Result<Option<StoredEvent>> {
        let sql = format!("SELECT {EVENT_COLUMNS}{EVENT_FROM} WHERE e.id = ?1");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(event_from_row(row)?)),
            None => Ok(None),
        }
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [id], article_from_row)
            .optional()?)
    }

    /// Articles matching an FTS5 query over title and text, best match first.
    pub fn search_articles(&self, query: &str, limit: u64) -> Result<Vec<StoredArticle>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
             WHERE articles_fts MATCH ?1 ORDER BY f.rank LIMIT ?2"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(
                rusqlite::params![query, limit.min(i64::MAX as u64) as i64],
                article_from_row,
            )
            .map_err(|err| fts_error(err, Some(query)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|err| fts_error(err, Some(query)))
    }
}

/// FTS5 reports a malformed query as a generic SQL error; name the query instead.
fn fts_error(err: rusqlite::Error, query: Option<&str>) -> StoreError {
    match (&err, query) {
        (rusqlite::Error::SqliteFailure(failure, _), Some(query))
            if failure.code == rusqlite::ErrorCode::Unknown =>
        {
            StoreError::Filter(format!("full-text query `{query}`: {err}"))
        }
        _ => StoreError::Sqlite(err),
    }
}
