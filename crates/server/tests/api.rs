//! Every route of the API against a store built from hand-written fixtures, through the router
//! itself (`tower::ServiceExt::oneshot`, no socket): answers, bad parameters (400 naming the
//! parameter), unknown ids (404), writes without the token (401/403), limits (413, 408), the
//! `Host` check, and the OpenAPI document against the router.

use atalaya_engine::record::{ActorRef, Article, Attribution, Event, Matched, Modality, Span};
use atalaya_server::{router, routes, App, Config, Ingest, IngestError, Limits};
use atalaya_store::{ArticleWrite, Coding, RunCounts, RunInfo, Store};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

/// One article and the events coded from it: (source code, country, source words, verb
/// words, target code, country, target words, CAMEO, quad, Goldstein, modality, date).
struct Fixture {
    id: &'static str,
    published: &'static str,
    text: &'static str,
    events: Vec<FixtureEvent>,
}

struct FixtureEvent {
    source: (&'static str, &'static str, &'static str),
    verb: &'static str,
    target: (&'static str, &'static str, &'static str),
    cameo: &'static str,
    quad: u8,
    goldstein: f32,
    modality: Modality,
    date: Option<&'static str>,
}

fn fixtures() -> Vec<Fixture> {
    vec![
        Fixture {
            id: "f1",
            published: "2025-03-04",
            text: "Officials in Washington weighed drone strikes on the cartels. The White House threatened the cartels with strikes.",
            events: vec![FixtureEvent {
                source: ("USAGOV", "USA", "The White House"),
                verb: "threatened",
                target: ("MEXCRM", "MEX", "the cartels"),
                cameo: "138",
                quad: 3,
                goldstein: -7.0,
                modality: Modality::Hypothetical,
                date: Some("2025-03-03"),
            }],
        },
        Fixture {
            id: "f2",
            published: "2025-03-20",
            text: "Mexico's president rejected any intervention by Washington.",
            events: vec![FixtureEvent {
                source: ("MEXGOV", "MEX", "Mexico's president"),
                verb: "rejected",
                target: ("USAGOV", "USA", "Washington"),
                cameo: "120",
                quad: 3,
                goldstein: -4.0,
                modality: Modality::Asserted,
                date: None,
            }],
        },
        Fixture {
            id: "f3",
            published: "2025-05-10",
            text: "US troops attacked a cartel camp in Sinaloa. Mexico welcomed help from Canada.",
            events: vec![
                FixtureEvent {
                    source: ("USAMIL", "USA", "US troops"),
                    verb: "attacked",
                    target: ("MEXCRM", "MEX", "a cartel camp"),
                    cameo: "190",
                    quad: 4,
                    goldstein: -10.0,
                    modality: Modality::Asserted,
                    date: Some("2025-05-09"),
                },
                FixtureEvent {
                    source: ("MEXGOV", "MEX", "Mexico"),
                    verb: "welcomed",
                    target: ("CANGOV", "CAN", "Canada"),
                    cameo: "051",
                    quad: 1,
                    goldstein: 3.4,
                    modality: Modality::Asserted,
                    date: None,
                },
            ],
        },
    ]
}

fn span_of(text: &str, words: &str, after: usize) -> Span {
    let start = text[after..]
        .find(words)
        .map(|i| i + after)
        .unwrap_or_else(|| panic!("`{words}` not in `{text}`"));
    Span {
        start,
        end: start + words.len(),
    }
}

fn build_store(path: &Path) {
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    let run = store
        .begin_run(&RunInfo {
            command: "test".into(),
            engine_version: "0".into(),
            dict_version: None,
            dict_hash: "d".into(),
        })
        .unwrap_or_else(|e| panic!("run: {e}"));
    let mut writes = Vec::new();
    for f in fixtures() {
        let mut events = Vec::new();
        for (n, e) in f.events.iter().enumerate() {
            // The sentence holding the source words.
            let source_at = span_of(f.text, e.source.2, 0);
            let sentence_start = f.text[..source_at.start].rfind(". ").map_or(0, |i| i + 2);
            let sentence_end = f.text[source_at.start..]
                .find('.')
                .map_or(f.text.len(), |i| source_at.start + i + 1);
            let actor = |(code, country, words): (&str, &str, &str), after: usize| ActorRef {
                text: words.into(),
                code: code.into(),
                country: Some(country.into()),
                sector: Some(code[3..].into()),
                entity_id: None,
                name: None,
                span: Some(span_of(f.text, words, after)),
                implied: false,
            };
            let source = actor(e.source, sentence_start);
            let verb_span = span_of(f.text, e.verb, sentence_start);
            let target = actor(e.target, verb_span.end);
            events.push(Event {
                id: format!("{}-{n}-0", f.id),
                article_id: f.id.into(),
                sentence_index: n,
                span: Span {
                    start: sentence_start,
                    end: sentence_end,
                },
                sentence: f.text[sentence_start..sentence_end].into(),
                source,
                target,
                cameo: e.cameo.into(),
                cameo_root: e.cameo[..2].into(),
                quad_class: Some(e.quad),
                goldstein: Some(e.goldstein),
                plover: None,
                modality: e.modality,
                attribution: vec![Attribution {
                    kind: "outlet".into(),
                    text: "Example Wire".into(),
                    code: None,
                }],
                date: e.date.map(str::to_string),
                date_precision: e.date.map(|_| "day".to_string()),
                location: None,
                confidence: 0.8,
                matched: Matched {
                    verb: e.verb.to_ascii_uppercase(),
                    verb_span: Some(verb_span),
                    pattern: Some(format!("* {} -> {}", e.verb, e.cameo)),
                    origin: format!("verbs.txt:{}", 10 + n),
                    entries: vec!["actors.txt:3".into()],
                },
                cluster_id: None,
            });
        }
        writes.push(ArticleWrite {
            article: Article {
                id: f.id.into(),
                url: Some(format!("https://news.example/{}", f.id)),
                outlet: Some("Example Wire".into()),
                published: Some(f.published.into()),
                title: Some(format!("Story {}", f.id)),
                text: f.text.into(),
                lang: Some("en".into()),
            },
            content_hash: format!("hash-{}", f.id),
            bytes: f.text.len(),
            origin: Some(format!("{}.md", f.id)),
            coding: Coding::Coded {
                events,
                sentences: 2,
            },
            stories: Default::default(),
        });
    }
    store
        .write_batch(run, "d", &writes, &RunCounts::default())
        .unwrap_or_else(|e| panic!("write: {e}"));
}

/// Records what it was given; answers like the CLI's ingest.
struct FakeIngest {
    delay: Duration,
}

impl Ingest for FakeIngest {
    fn ingest(&self, body: &[u8]) -> Result<Value, IngestError> {
        std::thread::sleep(self.delay);
        let lines = body
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        if lines == 0 {
            return Err(IngestError::BadInput("no article in the body".into()));
        }
        Ok(serde_json::json!({"articles_read": lines}))
    }
}

struct Server {
    _dir: tempfile::TempDir,
    app: Arc<App>,
}

fn server_with(token: Option<&str>, limits: Limits, delay: Duration) -> Server {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("t.db");
    build_store(&db);
    let (rules, errors) = atalaya_analysis::parse_rules(
        "us-acts: USA->MEX material-conflict >= 1 per week\n",
        "test.rules",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let app = App::new(Config {
        db,
        rules,
        rules_origin: Some("test.rules".into()),
        token: token.map(str::to_string),
        ingest: Some(Arc::new(FakeIngest { delay })),
        limits,
        loopback_only: true,
    })
    .unwrap_or_else(|e| panic!("app: {e}"));
    Server { _dir: dir, app }
}

fn server() -> Server {
    server_with(None, Limits::default(), Duration::ZERO)
}

async fn send(server: &Server, request: Request<Body>) -> (StatusCode, String, Value) {
    let response = router(Arc::clone(&server.app))
        .oneshot(request)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .to_bytes();
    let json = if content_type.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {bytes:?}"))
    } else {
        Value::String(String::from_utf8_lossy(&bytes).into_owned())
    };
    (status, content_type, json)
}

async fn get(server: &Server, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri)
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, _, json) = send(server, request).await;
    (status, json)
}

/// The ids of the events a query answers.
async fn event_ids(server: &Server, query: &str) -> Vec<String> {
    let (status, json) = get(server, &format!("/api/events?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {json}");
    json["events"]
        .as_array()
        .unwrap_or_else(|| panic!("{json}"))
        .iter()
        .map(|e| e["id"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn status_counts_the_store() {
    let s = server();
    let (status, json) = get(&s, "/api/status").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["articles"], 3);
    assert_eq!(json["events"], 4);
    assert_eq!(json["first_day"], "2025-03-03");
    assert_eq!(json["last_day"], "2025-05-10");
    assert_eq!(json["ingest_enabled"], false);
}

#[tokio::test]
async fn events_take_every_filter_of_the_cli() {
    let s = server();
    assert_eq!(event_ids(&s, "").await.len(), 4);
    assert_eq!(
        event_ids(&s, "dyad=USA-MEX").await,
        ["f1-0-0", "f2-0-0", "f3-0-0"]
    );
    assert_eq!(
        event_ids(&s, "dyad=USA-MEX&directed=true").await,
        ["f1-0-0", "f3-0-0"]
    );
    assert_eq!(event_ids(&s, "actor=CAN").await, ["f3-1-0"]);
    assert_eq!(event_ids(&s, "source=USAMIL").await, ["f3-0-0"]);
    assert_eq!(event_ids(&s, "target=USA").await, ["f2-0-0"]);
    assert_eq!(event_ids(&s, "code=13").await, ["f1-0-0"]);
    assert_eq!(event_ids(&s, "root=19").await, ["f3-0-0"]);
    assert_eq!(event_ids(&s, "quad=3").await, ["f1-0-0", "f2-0-0"]);
    assert_eq!(event_ids(&s, "modality=hypothetical").await, ["f1-0-0"]);
    assert_eq!(
        event_ids(&s, "since=2025-03-10&until=2025-05").await,
        ["f2-0-0", "f3-0-0", "f3-1-0"]
    );
    assert_eq!(event_ids(&s, "text=intervention").await, ["f2-0-0"]);
    assert_eq!(event_ids(&s, "article=f3").await, ["f3-0-0", "f3-1-0"]);
}

#[tokio::test]
async fn events_page_with_a_total() {
    let s = server();
    let (status, json) = get(&s, "/api/events?limit=2&offset=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total"], 4);
    assert_eq!(json["offset"], 1);
    let ids: Vec<&str> = json["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(ids, ["f2-0-0", "f3-0-0"]);
    let first = &json["events"][0];
    assert_eq!(first["article"]["url"], "https://news.example/f2");
    assert_eq!(first["cameo_name"], "Reject");
    assert_eq!(first["day"], "2025-03-20");
    let (_, past_end) = get(&s, "/api/events?offset=10").await;
    assert_eq!(past_end["total"], 4);
    assert_eq!(past_end["events"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let s = server();
    let cases = [
        ("/api/events?quad=9", "quad"),
        ("/api/events?modality=maybe", "modality"),
        ("/api/events?since=2025-13", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?dyad=USA", "dyad"),
        ("/api/events?directed=true", "directed"),
        ("/api/events?directed=perhaps&dyad=USA-MEX", "directed"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=5000", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?quad=1&quad=2", "quad"),
        ("/api/events?text=%22unclosed", "text"),
        ("/api/series", "dyad"),
        ("/api/series?dyad=USA-MEX&interval=year", "interval"),
        (
            "/api/series?dyad=USA-MEX&since=2025-06&until=2025-01",
            "since",
        ),
        ("/api/series?dyad=USA-MEX&baseline=1", "baseline"),
        ("/api/series?dyad=U%20S-MEX", "dyad"),
        ("/api/actors?by=city", "by"),
        ("/api/network?limit=x", "limit"),
        ("/api/alerts?since=2025-02-30", "since"),
        ("/api/search", "q"),
        ("/api/search?q=%22open", "q"),
        ("/api/search?q=cartel&limit=1000", "limit"),
        ("/api/status?x=1", "x"),
    ];
    for (uri, param) in cases {
        let (status, json) = get(&s, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
        assert_eq!(json["param"], param, "{uri}: {json}");
        assert!(
            json["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}: {json}"
        );
    }
}

#[tokio::test]
async fn one_event_shows_its_evidence() {
    let s = server();
    let (status, json) = get(&s, "/api/events/f1-0-0").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let evidence = &json["evidence"];
    assert_eq!(
        evidence["sentence"],
        "The White House threatened the cartels with strikes."
    );
    let parts: Vec<(String, Value)> = evidence["parts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["text"].as_str().unwrap_or("").to_string(),
                p["role"].clone(),
            )
        })
        .collect();
    let roles: Vec<(&str, Option<&str>)> = parts
        .iter()
        .map(|(t, r)| (t.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("The White House", Some("source")),
            (" ", None),
            ("threatened", Some("verb")),
            (" ", None),
            ("the cartels", Some("target")),
            (" with strikes.", None),
        ]
    );
    assert_eq!(evidence["verb"]["text"], "threatened");
    assert_eq!(evidence["origin"], "verbs.txt:10");
    assert_eq!(evidence["pattern"], "* threatened -> 138");
    assert_eq!(evidence["modality"], "hypothetical");
    assert_eq!(evidence["date"], "2025-03-03");
    assert_eq!(evidence["date_precision"], "day");
    assert_eq!(evidence["attribution"][0]["text"], "Example Wire");
    // Byte spans into the article text.
    let text = "Officials in Washington weighed drone strikes on the cartels. The White House threatened the cartels with strikes.";
    let start = evidence["source"]["span"]["start"].as_u64().unwrap_or(0) as usize;
    let end = evidence["source"]["span"]["end"].as_u64().unwrap_or(0) as usize;
    assert_eq!(&text[start..end], "The White House");
    assert_eq!(json["article"]["title"], "Story f1");
}

#[tokio::test]
async fn unknown_ids_and_routes_are_404_json() {
    let s = server();
    let (status, json) = get(&s, "/api/events/no-such-event").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json["error"]
        .as_str()
        .is_some_and(|e| e.contains("no-such-event")));
    let (status, json) = get(&s, "/api/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json["error"].is_string());
    let request = Request::delete("/api/events")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, _, json) = send(&s, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(json["error"].is_string());
}

#[tokio::test]
async fn series_has_the_index_per_direction() {
    let s = server();
    let (status, json) = get(&s, "/api/series?dyad=USA-MEX&interval=month").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let labels: Vec<&str> = json["series"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["label"].as_str())
        .collect();
    assert_eq!(labels, ["USA-MEX", "USA->MEX", "MEX->USA"]);
    let buckets: Vec<(&str, u64)> = json["series"][0]["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            (
                b["bucket"].as_str().unwrap_or(""),
                b["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(buckets, [("2025-03", 2), ("2025-04", 0), ("2025-05", 1)]);
    let march = &json["series"][0]["buckets"][0]["class"];
    assert_eq!(march["planned_conflict"], 1, "{march}");
    let may = &json["series"][0]["buckets"][2]["class"];
    assert_eq!(may["material_conflict"], 1, "{may}");
    assert!(json["series"][0]["buckets"][0]["index"].is_object());
    let (_, directed) = get(&s, "/api/series?dyad=USA-%3EMEX&interval=week").await;
    assert_eq!(directed["series"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn actors_and_network_count_the_period() {
    let s = server();
    let (status, json) = get(&s, "/api/actors?since=2025-05").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let actors: Vec<(&str, u64)> = json["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            (
                a["actor"].as_str().unwrap_or(""),
                a["events"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        actors,
        [("CANGOV", 1), ("MEXCRM", 1), ("MEXGOV", 1), ("USAMIL", 1)]
    );
    let (_, json) = get(&s, "/api/actors?by=country").await;
    assert_eq!(json["actors"][0]["actor"], "MEX");
    assert_eq!(json["actors"][0]["events"], 4);
    let (status, json) = get(&s, "/api/network?by=country&until=2025-04").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let edges = json["edges"].as_array().cloned().unwrap_or_default();
    assert_eq!(edges.len(), 2, "{json}");
    let usa_mex = edges
        .iter()
        .find(|e| e["source"] == "USA" && e["target"] == "MEX")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(usa_mex["verbal_conflict"], 1);
    assert_eq!(usa_mex["events"], 1);
    assert_eq!(json["nodes"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn alerts_check_the_startup_rules() {
    let s = server();
    let (status, json) = get(&s, "/api/alerts").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let alerts = json["alerts"].as_array().cloned().unwrap_or_default();
    assert_eq!(alerts.len(), 1, "{json}");
    assert_eq!(alerts[0]["rule"], "us-acts");
    assert_eq!(alerts[0]["bucket"], "2025-W19");
    let (_, none) = get(&s, "/api/alerts?until=2025-04").await;
    assert_eq!(none["alerts"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn search_finds_articles() {
    let s = server();
    let (status, json) = get(&s, "/api/search?q=cartel*").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let mut ids: Vec<&str> = json["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["f1", "f3"]);
    let (_, json) = get(&s, "/api/search?q=intervention").await;
    assert_eq!(json["articles"][0]["events"], 1);
    assert!(json["articles"][0]["snippet"]
        .as_str()
        .is_some_and(|t| t.contains("intervention")));
}

fn post(body: &str, auth: Option<&str>) -> Request<Body> {
    let mut builder = Request::post("/api/ingest");
    if let Some(auth) = auth {
        builder = builder.header(header::AUTHORIZATION, auth);
    }
    builder
        .body(Body::from(body.to_string()))
        .unwrap_or_else(|e| panic!("{e}"))
}

const TOKEN: &str = "a-long-enough-test-token";

#[tokio::test]
async fn writes_need_the_token() {
    let article = "{\"id\":\"n1\",\"text\":\"Mexico rejected the plan.\"}\n";
    // No token configured: writing is off, whatever the request says.
    let s = server();
    let (status, _, json) = send(&s, post(article, Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    let s = server_with(Some(TOKEN), Limits::default(), Duration::ZERO);
    let (status, _, json) = send(&s, post(article, None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{json}");
    let (status, _, json) = send(&s, post(article, Some("Bearer wrong-token-wrong-token"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    let (status, _, json) = send(&s, post(article, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "no Bearer: {json}");
    let (status, _, json) = send(&s, post(article, Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["articles_read"], 1);
    let (status, _, json) = send(&s, post("", Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert_eq!(json["param"], "body");
    let (_, status_json) = get(&s, "/api/status").await;
    assert_eq!(status_json["ingest_enabled"], true);
}

#[tokio::test]
async fn limits_answer_413_and_408() {
    let limits = Limits {
        max_body: 64,
        timeout: Duration::from_millis(200),
        ..Limits::default()
    };
    let s = server_with(Some(TOKEN), limits, Duration::from_millis(1500));
    let big = "x".repeat(65);
    let (status, _, json) = send(&s, post(&big, Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
    assert!(json["error"].is_string());
    let (status, _, json) = send(&s, post("{}\n", Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{json}");
    assert!(json["error"].is_string());
}

#[tokio::test]
async fn foreign_hosts_are_refused() {
    let s = server();
    for (host, expected) in [
        ("evil.example", StatusCode::FORBIDDEN),
        ("127.0.0.1:8080", StatusCode::OK),
        ("localhost:8080", StatusCode::OK),
    ] {
        let request = Request::get("/api/status")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        let (status, _, json) = send(&s, request).await;
        assert_eq!(status, expected, "{host}: {json}");
    }
}

#[tokio::test]
async fn dashboard_is_served_with_its_assets() {
    let s = server();
    let (status, content_type, page) = send(
        &s,
        Request::get("/")
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    let page = page.as_str().unwrap_or("").to_string();
    for needle in [
        "/assets/app.js",
        "/assets/app.css",
        "id=\"timeline\"",
        "id=\"dyad\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    for (path, kind) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
    ] {
        let (status, content_type, body) = send(
            &s,
            Request::get(path)
                .body(Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
        assert!(body.as_str().is_some_and(|b| b.len() > 100), "{path}");
    }
}

async fn first_story(s: &Server) -> String {
    let (status, json) = get(s, "/api/stories?limit=1").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    json["stories"][0]["id"].to_string()
}

#[tokio::test]
async fn stories_with_their_mention_trail() {
    let s = server();
    let (status, json) = get(&s, "/api/stories?dyad=USA-MEX").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["total"], 3, "{json}");
    let reps: Vec<&str> = json["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["representative"]["id"].as_str())
        .collect();
    assert_eq!(reps, ["f1-0-0", "f2-0-0", "f3-0-0"]);
    let id = json["stories"][0]["id"].to_string();
    let (status, story) = get(&s, &format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{story}");
    assert_eq!(story["mentions"][0]["event_id"], "f1-0-0", "{story}");
    assert_eq!(story["modality"], "hypothetical");
    assert_eq!(story["n_articles"], 1);
    let (status, json) = get(&s, "/api/stories/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
    let (status, json) = get(&s, "/api/stories/abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert_eq!(json["param"], "id");
    let (status, json) = get(&s, "/api/stories?quad=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
}

/// Every route of the router is in `/openapi.json` with the parameters its handler takes,
/// and the document has no route the router lacks.
#[tokio::test]
async fn openapi_matches_the_router() {
    let s = server();
    let (status, doc) = get(&s, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..2]), Some("3."));
    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for method in item.as_object().into_iter().flatten().map(|(m, _)| m) {
            documented.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    let routed: std::collections::BTreeSet<(String, String)> = routes()
        .iter()
        .map(|(method, path, _)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(documented, routed, "openapi.json and routes() differ");
    for (method, path, _) in routes() {
        let operation = &doc["paths"][path][method.as_str().to_ascii_lowercase()];
        let mut params: Vec<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str())
            .collect();
        params.sort();
        let mut taken = atalaya_server::route_params(path);
        taken.sort();
        assert_eq!(
            params, taken,
            "{method} {path}: documented vs taken parameters"
        );
        // The route answers (not the 404 fallback), with any path parameter filled in.
        let uri = if path.starts_with("/api/stories/") {
            path.replace("{id}", &first_story(&s).await)
        } else {
            path.replace("{id}", "f1-0-0")
        };
        let uri = match path {
            "/api/series" => format!("{uri}?dyad=USA-MEX"),
            "/api/search" => format!("{uri}?q=cartel"),
            _ => uri,
        };
        let request = Request::builder()
            .method(method.clone())
            .uri(&uri)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        let (status, _, json) = send(&s, request).await;
        if method == Method::POST {
            assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {json}");
        } else {
            assert_eq!(status, StatusCode::OK, "{uri}: {json}");
        }
    }
}

/// The load client against the real server on a loopback socket: every request answered,
/// each answer read to its length (the JSON answers and the 404s alike), failures counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_load_client_reads_every_answer() {
    use atalaya_server::bench::{run_load, LoadSpec};
    let s = server();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(atalaya_server::serve(listener, Arc::clone(&s.app), async {
        let _ = stopped.await;
    }));
    let events = "/api/events?dyad=USA-MEX&limit=2";
    let (_, one) = get(&s, events).await;
    let one_len = serde_json::to_vec(&one)
        .unwrap_or_else(|e| panic!("{e}"))
        .len() as u64;
    let report = run_load(LoadSpec {
        addr,
        targets: vec![events.into(), "/api/events?dyad=USA-MEX&limit=2".into()],
        clients: 3,
        requests: 30,
        max_time: Duration::from_secs(60),
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (report.requests, report.errors, report.connected),
        (30, 0, 3)
    );
    assert_eq!(report.body_bytes, 30 * one_len);
    assert!(report.p50_us <= report.p99_us && report.p99_us <= report.max_us);
    let report = run_load(LoadSpec {
        addr,
        targets: vec![events.into(), "/api/nothing-here".into()],
        clients: 2,
        requests: 10,
        max_time: Duration::from_secs(60),
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.requests, report.errors), (10, 5));
    assert!(report
        .first_error
        .is_some_and(|e| e.contains("/api/nothing-here: HTTP 404")));
    let _ = stop.send(());
    let _ = served.await;
}
