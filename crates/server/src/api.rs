//! The JSON routes. Each reads its parameters (`params.rs`), runs the store query the CLI runs
//! on a pooled read-only connection, and answers JSON or an [`ApiError`].

use crate::error::ApiError;
use crate::params::{event_filter, Params, FILTER_PARAMS};
use crate::App;
use atalaya_analysis::{Interval, SeriesRequest, Timeline, TimelineSpec};
use atalaya_engine::record::{Event, Span};
use atalaya_store::{ActorKey, EventFilter, StoredEvent};
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::Arc;

type Answer = Result<Response, ApiError>;

/// A JSON answer, serialized straight to bytes (no `Value` tree in between, which would also
/// widen every `f32` to its `f64` digits).
fn to_json<T: Serialize>(value: &T) -> Answer {
    let bytes = serde_json::to_vec(value).map_err(|err| ApiError::internal(err.to_string()))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response())
}

/// The article an event came from.
#[derive(Serialize)]
struct ArticleLink<'a> {
    id: &'a str,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    title: Option<&'a str>,
}

/// An event as the API gives it: the event record, its store id, its day, the CAMEO name and
/// its article.
#[derive(Serialize)]
struct EventOut<'a> {
    #[serde(flatten)]
    event: &'a Event,
    rowid: i64,
    day: Option<&'a str>,
    cameo_name: Option<&'static str>,
    article: ArticleLink<'a>,
}

fn event_out(stored: &StoredEvent) -> EventOut<'_> {
    EventOut {
        event: &stored.event,
        rowid: stored.rowid,
        day: stored.day.as_deref(),
        cameo_name: atalaya_cameo::resolve(&stored.event.cameo).map(|c| c.name),
        article: ArticleLink {
            id: &stored.event.article_id,
            url: stored.article_url.as_deref(),
            outlet: stored.article_outlet.as_deref(),
            published: stored.article_published.as_deref(),
            title: stored.article_title.as_deref(),
        },
    }
}

pub const STATUS_PARAMS: &[&str] = &[];

/// `GET /api/status`: what the store holds and what the server allows.
pub async fn status(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    Params::parse(query.as_deref(), STATUS_PARAMS)?;
    let ingest = app.ingest.is_some() && app.token.is_some();
    let rules = app.rules.len();
    app.pool
        .read(move |store| {
            let counts = store.counts().map_err(|e| ApiError::store(e, None))?;
            let range = store.day_range().map_err(|e| ApiError::store(e, None))?;
            to_json(&json!({
                "version": env!("CARGO_PKG_VERSION"),
                "schema_version": store.schema_version().map_err(|e| ApiError::store(e, None))?,
                "articles": counts.articles,
                "events": counts.events,
                "actors": counts.actors,
                "first_day": range.map(|r| r.0),
                "last_day": range.map(|r| r.1),
                "ingest_enabled": ingest,
                "alert_rules": rules,
            }))
        })
        .await
}

pub fn events_params() -> Vec<&'static str> {
    let mut names = FILTER_PARAMS.to_vec();
    names.extend(["limit", "offset"]);
    names
}

/// Most events one page holds.
pub const MAX_PAGE: u64 = 1000;

/// The filters of `atalaya events` with a page (`limit`, at most [`MAX_PAGE`], from `offset`),
/// as `/api/events` and `/api/stories` take them; also returns the limit and offset.
fn paged_filter(query: Option<&str>) -> Result<(EventFilter, u64, u64), ApiError> {
    let params = Params::parse(query, &events_params())?;
    let mut filter = event_filter(&params)?;
    let limit = params.number("limit", 50, 1, MAX_PAGE)?;
    let offset = params.number("offset", 0, 0, u64::from(u32::MAX))?;
    filter.limit = Some(limit);
    filter.offset = Some(offset);
    Ok((filter, limit, offset))
}

/// `GET /api/events`: the filters of `atalaya events`, a page of `limit` from `offset`, and
/// the total that match.
pub async fn events(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let (filter, limit, offset) = paged_filter(query.as_deref())?;
    app.pool
        .read(move |store| {
            let (total, events) = store
                .events_page(&filter)
                .map_err(|e| ApiError::store(e, None))?;
            #[derive(Serialize)]
            struct Page<'a> {
                total: u64,
                offset: u64,
                limit: u64,
                events: Vec<EventOut<'a>>,
            }
            to_json(&Page {
                total,
                offset,
                limit,
                events: events.iter().map(event_out).collect(),
            })
        })
        .await
}

/// One highlighted stretch of an event's sentence: `role` is `source`, `target` or `verb`,
/// `None` for the words between.
#[derive(Serialize, Debug, PartialEq)]
pub struct Part {
    pub text: String,
    pub role: Option<&'static str>,
}

/// The sentence cut at the actor and verb spans (byte offsets into the article, moved into
/// the sentence; spans outside it or overlapping an earlier one are left out).
pub fn sentence_parts(event: &Event) -> Vec<Part> {
    let sentence = event.sentence.as_str();
    let base = event.span.start;
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    let spans = [
        (event.source.span, "source"),
        (event.target.span, "target"),
        (event.matched.verb_span, "verb"),
    ];
    for (span, role) in spans {
        let Some(Span { start, end }) = span else {
            continue;
        };
        let (Some(start), Some(end)) = (start.checked_sub(base), end.checked_sub(base)) else {
            continue;
        };
        if start < end
            && end <= sentence.len()
            && sentence.is_char_boundary(start)
            && sentence.is_char_boundary(end)
        {
            marks.push((start, end, role));
        }
    }
    marks.sort();
    let mut parts = Vec::new();
    let mut at = 0;
    for (start, end, role) in marks {
        if start < at {
            continue;
        }
        if start > at {
            parts.push(Part {
                text: sentence[at..start].to_string(),
                role: None,
            });
        }
        parts.push(Part {
            text: sentence[start..end].to_string(),
            role: Some(role),
        });
        at = end;
    }
    if at < sentence.len() {
        parts.push(Part {
            text: sentence[at..].to_string(),
            role: None,
        });
    }
    parts
}

/// The words of the article text at `span` (the event's sentence holds them).
fn span_text(event: &Event, span: Option<Span>) -> Option<String> {
    let span = span?;
    let start = span.start.checked_sub(event.span.start)?;
    let end = span.end.checked_sub(event.span.start)?;
    event.sentence.get(start..end).map(str::to_string)
}

/// `GET /api/events/{id}`: one event and its evidence: the sentence cut into highlighted
/// parts, the actor and verb spans, the pattern and dictionary `file:line` that fired, the
/// modality, date, attribution and article.
pub async fn event(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    Params::parse(query.as_deref(), &[])?;
    app.pool
        .read(move |store| {
            let Some(stored) = store.event(&id).map_err(|e| ApiError::store(e, None))? else {
                return Err(ApiError::not_found(format!("no event with id `{id}`")));
            };
            let e = &stored.event;
            let evidence = json!({
                "sentence": e.sentence,
                "sentence_span": e.span,
                "parts": sentence_parts(e),
                "source": {"text": e.source.text, "code": e.source.code, "span": e.source.span},
                "target": {"text": e.target.text, "code": e.target.code, "span": e.target.span},
                "verb": {
                    "entry": e.matched.verb,
                    "span": e.matched.verb_span,
                    "text": span_text(e, e.matched.verb_span),
                },
                "pattern": e.matched.pattern,
                "origin": e.matched.origin,
                "entries": e.matched.entries,
                "modality": e.modality,
                "date": e.date,
                "date_precision": e.date_precision,
                "attribution": e.attribution,
            });
            let mut out = serde_json::to_value(event_out(&stored))
                .map_err(|err| ApiError::internal(err.to_string()))?;
            if let Some(map) = out.as_object_mut() {
                map.insert("evidence".into(), evidence);
            }
            to_json(&out)
        })
        .await
}

/// A story as the API gives it: its dates and counts, modality as the evidence stands, its
/// representative event and (with `trail`) every mention.
fn story_json(story: &atalaya_store::StoredStory, trail: bool) -> Result<Value, ApiError> {
    let m = &story.modalities;
    let mut out = json!({
        "id": story.id,
        "date_start": story.date_start,
        "date_end": story.date_end,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "n_events": story.n_events,
        "n_articles": story.n_articles,
        "n_outlets": story.n_outlets,
        "outlets": story.outlets(),
        "modality": m.strongest(),
        "modalities": {
            "asserted": m.asserted, "reported": m.reported, "hypothetical": m.hypothetical,
            "future": m.future, "negated": m.negated,
        },
        "representative": serde_json::to_value(event_out(&story.representative))
            .map_err(|err| ApiError::internal(err.to_string()))?,
    });
    if trail {
        let mentions: Vec<Value> = story
            .mentions
            .iter()
            .map(|x| {
                json!({
                    "event_id": x.event_id, "article_id": x.article_id, "outlet": x.outlet,
                    "url": x.url, "title": x.title, "published": x.published,
                    "modality": x.modality, "cameo": x.cameo, "day": x.day,
                    "sentence": x.sentence,
                })
            })
            .collect();
        if let Some(map) = out.as_object_mut() {
            map.insert("mentions".into(), Value::Array(mentions));
        }
    }
    Ok(out)
}

/// `GET /api/stories`: stories (clusters of reports of one event) whose representative event
/// matches the filters of `atalaya events`; `since`/`until` bound the story's dates. A page of
/// `limit` from `offset` and the total, as `atalaya stories` lists them.
pub async fn stories(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let (filter, limit, offset) = paged_filter(query.as_deref())?;
    app.pool
        .read(move |store| {
            let total = store
                .count_stories(&filter)
                .map_err(|e| ApiError::store(e, None))?;
            let stories = store
                .stories(&filter)
                .map_err(|e| ApiError::store(e, None))?;
            let out = stories
                .iter()
                .map(|s| story_json(s, false))
                .collect::<Result<Vec<_>, _>>()?;
            to_json(&json!({
                "total": total, "offset": offset, "limit": limit, "stories": out,
            }))
        })
        .await
}

/// `GET /api/stories/{id}`: one story with its whole mention trail.
pub async fn story(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    Params::parse(query.as_deref(), &[])?;
    let Ok(number) = id.parse::<i64>() else {
        return Err(ApiError::param(
            "id",
            format!("story id `{id}` is not a number"),
        ));
    };
    app.pool
        .read(
            move |store| match store.story(number).map_err(|e| ApiError::store(e, None))? {
                Some(story) => to_json(&story_json(&story, true)?),
                None => Err(ApiError::not_found(format!("no story with id {number}"))),
            },
        )
        .await
}

pub const SERIES_PARAMS: &[&str] = &[
    "dyad",
    "directed",
    "interval",
    "since",
    "until",
    "per_report",
    "baseline",
];

/// `GET /api/series`: a dyad's series per day, week or month with the escalation index, as
/// `atalaya timeline --format json` gives it.
pub async fn series(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let params = Params::parse(query.as_deref(), SERIES_PARAMS)?;
    let interval = match params.text("interval") {
        None => Interval::Week,
        Some(text) => Interval::parse(text).ok_or_else(|| {
            ApiError::param(
                "interval",
                format!("interval `{text}` is not day, week or month"),
            )
        })?,
    };
    let since = params.day("since")?;
    let until = params.day("until")?;
    let baseline = params
        .text("baseline")
        .map(|_| params.number("baseline", 0, 2, 1000))
        .transpose()?;
    let spec = TimelineSpec::from_request(&SeriesRequest {
        dyad: params.required("dyad")?,
        directed: params.flag("directed")?,
        interval,
        since: since.as_deref(),
        until: until.as_deref(),
        per_report: params.flag("per_report")?,
        baseline,
    })
    .map_err(|err| ApiError::param(err.param, err.message))?;
    #[derive(Serialize)]
    struct SeriesOut {
        #[serde(flatten)]
        timeline: Timeline,
        undated_events: u64,
        unreadable_events: u64,
    }
    app.pool
        .read(move |store| {
            let (timeline, tallies) = store
                .timeline(&spec)
                .map_err(|e| ApiError::store(e, Some("dyad")))?;
            to_json(&SeriesOut {
                timeline,
                undated_events: tallies.undated,
                unreadable_events: tallies.unreadable,
            })
        })
        .await
}

fn actor_key(params: &Params) -> Result<ActorKey, ApiError> {
    match params.text("by") {
        None | Some("code") => Ok(ActorKey::Code),
        Some("country") => Ok(ActorKey::Country),
        Some(other) => Err(ApiError::param(
            "by",
            format!("`by` must be code or country, not `{other}`"),
        )),
    }
}

pub fn grouped_params() -> Vec<&'static str> {
    let mut names = FILTER_PARAMS.to_vec();
    names.extend(["by", "limit"]);
    names
}

/// `GET /api/actors`: actor codes (or countries, `by=country`) of the matching events, with
/// their counts as source and target.
pub async fn actors(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let params = Params::parse(query.as_deref(), &grouped_params())?;
    let filter = event_filter(&params)?;
    let key = actor_key(&params)?;
    let limit = params.number("limit", 100, 1, 1000)?;
    app.pool
        .read(move |store| {
            let actors = store
                .actor_counts(&filter, key, limit)
                .map_err(|e| ApiError::store(e, None))?;
            to_json(&json!({ "actors": actors }))
        })
        .await
}

/// `GET /api/network`: the actor network of the matching events: nodes with their event
/// counts, edges (source → target) weighted by quad class.
pub async fn network(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let params = Params::parse(query.as_deref(), &grouped_params())?;
    let filter = event_filter(&params)?;
    let key = actor_key(&params)?;
    let limit = params.number("limit", 200, 1, 5000)?;
    app.pool
        .read(move |store| {
            let edges = store
                .network(&filter, key, limit)
                .map_err(|e| ApiError::store(e, None))?;
            let mut nodes: std::collections::BTreeMap<&str, u64> = Default::default();
            for edge in &edges {
                *nodes.entry(edge.source.as_str()).or_default() += edge.events;
                if edge.target != edge.source {
                    *nodes.entry(edge.target.as_str()).or_default() += edge.events;
                }
            }
            let nodes: Vec<Value> = nodes
                .iter()
                .map(|(id, events)| json!({"id": id, "events": events}))
                .collect();
            to_json(&json!({ "nodes": nodes, "edges": edges }))
        })
        .await
}

pub const ALERTS_PARAMS: &[&str] = &["since", "until"];

/// `GET /api/alerts`: the rules given at startup (`--rules`), checked over the buckets from
/// `since` (default: the store's first event day) to `until` (default: its last).
pub async fn alerts(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let params = Params::parse(query.as_deref(), ALERTS_PARAMS)?;
    let since = params.day("since")?;
    let until = params.day("until")?;
    let app2 = Arc::clone(&app);
    app.pool
        .read(move |store| {
            let rules: Vec<&str> = app2.rules.iter().map(|r| r.text.as_str()).collect();
            let range = store.day_range().map_err(|e| ApiError::store(e, None))?;
            let (Some((first, last)), false) = (range, app2.rules.is_empty()) else {
                return to_json(&json!({
                    "rules_file": app2.rules_origin, "rules": rules, "alerts": [],
                }));
            };
            let to = until
                .as_deref()
                .and_then(atalaya_analysis::bound_end)
                .unwrap_or(last);
            let from = since
                .as_deref()
                .and_then(atalaya_analysis::bound_start)
                .unwrap_or(first);
            if from > to {
                return Err(ApiError::param(
                    "since",
                    format!("since {from} is after until {to}"),
                ));
            }
            let firings = store
                .check_alerts(&app2.rules, from, to)
                .map_err(|e| ApiError::store(e, None))?;
            to_json(&json!({
                "rules_file": app2.rules_origin,
                "rules": rules,
                "from": from,
                "to": to,
                "alerts": firings,
            }))
        })
        .await
}

pub const SEARCH_PARAMS: &[&str] = &["q", "limit"];

/// `GET /api/search?q=`: full-text search over articles (SQLite FTS5 syntax), best first, at
/// most `limit` (100).
pub async fn search(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Answer {
    let params = Params::parse(query.as_deref(), SEARCH_PARAMS)?;
    let q = params.required("q")?.to_string();
    if q.len() > 500 {
        return Err(ApiError::param("q", "a search is at most 500 bytes"));
    }
    let limit = params.number("limit", 20, 1, 100)?;
    app.pool
        .read(move |store| {
            let hits = store
                .search_hits(&q, limit)
                .map_err(|e| ApiError::store(e, Some("q")))?;
            to_json(&json!({ "query": q, "articles": hits }))
        })
        .await
}

/// Compares without stopping at the first differing byte, so that timing does not tell how
/// much of a guess was right.
fn same_token(given: &[u8], token: &[u8]) -> bool {
    let mut diff = given.len() ^ token.len();
    for (i, b) in token.iter().enumerate() {
        diff |= usize::from(b ^ given.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

/// `POST /api/ingest`: articles as JSON Lines in the body, coded and stored as `atalaya
/// ingest` would. Needs `Authorization: Bearer TOKEN` (401 without, 403 with a wrong one);
/// refused (403) when the server has no token.
pub async fn ingest(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    Params::parse(query.as_deref(), &[])?;
    let (Some(token), Some(ingest)) = (app.token.as_deref(), app.ingest.clone()) else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is disabled: start `atalaya serve` with --token-file FILE or ATALAYA_TOKEN",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "writing needs `Authorization: Bearer TOKEN`",
            ))
        }
        Some(given) if !same_token(given.trim().as_bytes(), token.as_bytes()) => {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "wrong token"))
        }
        Some(_) => {}
    }
    let bytes: Bytes = axum::body::to_bytes(body, app.limits.max_body)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is over {} bytes", app.limits.max_body),
            )
        })?;
    // One ingest at a time: the store has one writer.
    let _turn = app.ingest_turn.lock().await;
    let report = tokio::task::spawn_blocking(move || ingest.ingest(&bytes))
        .await
        .map_err(|_| ApiError::internal("the ingest failed unexpectedly"))?;
    match report {
        Ok(report) => Ok((StatusCode::OK, Json(report))),
        Err(crate::IngestError::BadInput(message)) => Err(ApiError::param("body", message)),
        Err(crate::IngestError::Failed(message)) => Err(ApiError::internal(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secre", b"secret"));
        assert!(!same_token(b"secretx", b"secret"));
        assert!(!same_token(b"", b"secret"));
        assert!(!same_token(b"Secret", b"secret"));
    }
}
