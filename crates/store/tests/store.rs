//! Store behaviour with hand-built articles and events (the engine is not needed).

use atalaya_engine::record::{
    ActorRef, Article, Attribution, Event, Location, Matched, Modality, Plover, Span,
};
use atalaya_store::{
    ArticleState, ArticleWrite, Coding, EventFilter, RunCounts, RunInfo, Store, StoreError,
    WriteOutcome,
};
use std::path::PathBuf;

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("nested").join("test.db");
    (dir, path)
}

fn run_info(dict_hash: &str) -> RunInfo {
    RunInfo {
        command: "test".into(),
        engine_version: "0.1.0".into(),
        dict_version: Some("test-dicts".into()),
        dict_hash: dict_hash.into(),
    }
}

fn article(id: &str, text: &str, published: &str) -> Article {
    Article {
        id: id.into(),
        url: Some(format!("https://news.example/{id}")),
        outlet: Some("Example Wire".into()),
        published: Some(published.into()),
        title: Some(format!("Title of {id}")),
        text: text.into(),
        lang: Some("en".into()),
    }
}

fn actor(code: &str, country: &str, sector: Option<&str>, text: &str) -> ActorRef {
    ActorRef {
        text: text.into(),
        code: code.into(),
        country: Some(country.into()),
        sector: sector.map(str::to_string),
        entity_id: None,
        name: None,
        span: Some(Span {
            start: 0,
            end: text.len(),
        }),
        implied: false,
    }
}

fn event(article_id: &str, n: usize, source: ActorRef, target: ActorRef, cameo: &str) -> Event {
    let root: String = cameo.chars().take(2).collect();
    Event {
        id: format!("{article_id}-0-{n}"),
        article_id: article_id.into(),
        sentence_index: 0,
        span: Span { start: 0, end: 40 },
        sentence: "The sentence that carried the event.".into(),
        source,
        target,
        cameo: cameo.into(),
        quad_class: Some(if root.as_str() < "06" { 1 } else { 4 }),
        cameo_root: root,
        goldstein: Some(-2.5),
        plover: Some(Plover {
            event_type: "THREATEN".into(),
            mode: None,
        }),
        modality: Modality::Hypothetical,
        attribution: vec![Attribution {
            kind: "anonymous".into(),
            text: "officials".into(),
            code: None,
        }],
        date: None,
        date_precision: None,
        location: Some(Location {
            name: "Sinaloa".into(),
            country: Some("MEX".into()),
            admin1: Some("Sinaloa".into()),
            lat: Some(25.0),
            lon: Some(-107.5),
            precision: "admin1".into(),
        }),
        confidence: 0.75,
        matched: Matched {
            verb: "THREATEN".into(),
            verb_span: Some(Span { start: 4, end: 12 }),
            pattern: Some("* WITH STRIKES".into()),
            origin: "verbs.txt:12".into(),
            entries: vec!["actors.txt:3".into()],
        },
        cluster_id: None,
    }
}

fn write(article: Article, events: Vec<Event>) -> ArticleWrite {
    let content_hash = atalaya_sources_like_hash(&article.text);
    ArticleWrite {
        bytes: article.text.len(),
        article,
        content_hash,
        origin: Some("test.jsonl:1".into()),
        coding: Coding::Coded {
            events,
            sentences: 1,
        },
        stories: Default::default(),
    }
}

/// Any stable per-text string works as a content hash for the store.
fn atalaya_sources_like_hash(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("{:016x}{}", hasher.finish(), text.len())
}

fn usa_mex_store() -> (tempfile::TempDir, Store, i64) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap_or_else(|e| panic!("open: {e}"));
    let run = store
        .begin_run(&run_info("d1"))
        .unwrap_or_else(|e| panic!("run: {e}"));
    let a1 = article(
        "a1",
        "Washington weighs drone strikes on cartels.",
        "2025-03-04",
    );
    let a2 = article(
        "a2",
        "Mexico's president rejected any intervention.",
        "2025-04-10",
    );
    let usa = actor("USAGOV", "USA", Some("GOV"), "the White House");
    let mex = actor("MEXCRM", "MEX", Some("CRM"), "cartels");
    let mexgov = actor("MEXGOV", "MEX", Some("GOV"), "Mexico's president");
    let mut e1 = event("a1", 0, usa.clone(), mex, "138");
    e1.date = Some("2025-03-02".into());
    e1.date_precision = Some("day".into());
    let mut e2 = event("a2", 0, mexgov, usa, "0214");
    e2.modality = Modality::Asserted;
    e2.plover = None;
    e2.location = None;
    e2.attribution = Vec::new();
    let outcomes = store
        .write_batch(
            run,
            "d1",
            &[write(a1, vec![e1]), write(a2, vec![e2])],
            &RunCounts::default(),
        )
        .unwrap_or_else(|e| panic!("write: {e}"));
    assert_eq!(
        outcomes,
        vec![WriteOutcome::Inserted, WriteOutcome::Inserted]
    );
    (dir, store, run)
}

fn ids(store: &Store, filter: &EventFilter) -> Vec<String> {
    store
        .events(filter)
        .unwrap_or_else(|e| panic!("query: {e}"))
        .into_iter()
        .map(|e| e.event.id)
        .collect()
}

#[test]
fn events_round_trip_every_field() {
    let (_dir, store, _) = usa_mex_store();
    let stored = store
        .events(&EventFilter::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 2);
    let first = &stored[0];
    let usa = actor("USAGOV", "USA", Some("GOV"), "the White House");
    let mex = actor("MEXCRM", "MEX", Some("CRM"), "cartels");
    let mut expected = event("a1", 0, usa, mex, "138");
    expected.date = Some("2025-03-02".into());
    expected.date_precision = Some("day".into());
    // The write put it in a story of its own, the store's first.
    expected.cluster_id = Some("1".into());
    assert_eq!(first.event, expected);
    assert_eq!(first.day.as_deref(), Some("2025-03-02"));
    assert_eq!(first.article_outlet.as_deref(), Some("Example Wire"));
    // Without an event date the day is the publication day.
    assert_eq!(stored[1].day.as_deref(), Some("2025-04-10"));
    assert_eq!(stored[1].event.modality, Modality::Asserted);
}

#[test]
fn filters_select_the_right_events() {
    let (_dir, store, _) = usa_mex_store();
    let f = |edit: &dyn Fn(&mut EventFilter)| {
        let mut filter = EventFilter::default();
        edit(&mut filter);
        ids(&store, &filter)
    };
    assert_eq!(f(&|x| x.actor = Some("usa".into())), ["a1-0-0", "a2-0-0"]);
    assert_eq!(f(&|x| x.source = Some("USA".into())), ["a1-0-0"]);
    assert_eq!(f(&|x| x.source = Some("MEX".into())), ["a2-0-0"]);
    assert_eq!(f(&|x| x.target = Some("MEXCRM".into())), ["a1-0-0"]);
    assert_eq!(
        f(&|x| x.dyad = Some(("USA".into(), "MEX".into()))),
        ["a1-0-0", "a2-0-0"]
    );
    assert_eq!(
        f(&|x| {
            x.dyad = Some(("USA".into(), "MEX".into()));
            x.directed = true;
        }),
        ["a1-0-0"]
    );
    assert_eq!(f(&|x| x.code = Some("13".into())), ["a1-0-0"]);
    assert_eq!(f(&|x| x.root = Some("02".into())), ["a2-0-0"]);
    assert_eq!(f(&|x| x.quad = Some(1)), ["a2-0-0"]);
    assert_eq!(f(&|x| x.quad = Some(4)), ["a1-0-0"]);
    assert_eq!(f(&|x| x.modality = Some("hypothetical".into())), ["a1-0-0"]);
    assert_eq!(f(&|x| x.since = Some("2025-04".into())), ["a2-0-0"]);
    assert_eq!(f(&|x| x.until = Some("2025-03".into())), ["a1-0-0"]);
    assert_eq!(
        f(&|x| x.until = Some("2025-03-01".into())),
        Vec::<String>::new()
    );
    assert_eq!(f(&|x| x.text = Some("drone".into())), ["a1-0-0"]);
    assert_eq!(f(&|x| x.text = Some("intervention".into())), ["a2-0-0"]);
    assert_eq!(f(&|x| x.limit = Some(1)), ["a1-0-0"]);
    // The actor register saw all three actors.
    assert_eq!(store.counts().map(|c| c.actors).ok(), Some(3));
}

#[test]
fn bad_filters_are_errors() {
    let (_dir, store, _) = usa_mex_store();
    let bad = |filter: EventFilter| matches!(store.events(&filter), Err(StoreError::Filter(_)));
    assert!(bad(EventFilter {
        modality: Some("maybe".into()),
        ..Default::default()
    }));
    assert!(bad(EventFilter {
        since: Some("March".into()),
        ..Default::default()
    }));
    for impossible in [
        "2025-13-01",
        "2025-00",
        "2025-02-29",
        "2025-04-31",
        "2025-1-01",
    ] {
        assert!(
            bad(EventFilter {
                since: Some(impossible.into()),
                ..Default::default()
            }),
            "{impossible}"
        );
    }
    assert!(!bad(EventFilter {
        until: Some("2024-02-29".into()),
        ..Default::default()
    }));
    assert!(bad(EventFilter {
        quad: Some(7),
        ..Default::default()
    }));
    assert!(bad(EventFilter {
        text: Some("\"unbalanced".into()),
        ..Default::default()
    }));
}

#[test]
fn same_article_twice_is_stored_once_and_recoded_after_a_dictionary_change() {
    let (dir, mut store, run) = usa_mex_store();
    let again = write(
        article(
            "a1",
            "Washington weighs drone strikes on cartels.",
            "2025-03-04",
        ),
        Vec::new(),
    );
    let same_text_new_id = write(
        article(
            "copy",
            "Washington weighs drone strikes on cartels.",
            "2025-03-05",
        ),
        Vec::new(),
    );
    let outcomes = store
        .write_batch(
            run,
            "d1",
            &[again.clone(), same_text_new_id],
            &RunCounts::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes[0], WriteOutcome::Unchanged);
    assert_eq!(
        outcomes[1],
        WriteOutcome::Duplicate {
            existing_id: "a1".into()
        }
    );
    assert_eq!(ids(&store, &EventFilter::default()).len(), 2);

    // New dictionaries: the article's events are replaced (here by none).
    assert_eq!(
        store
            .article_state(&again.article, &again.content_hash, "d2")
            .ok(),
        Some(ArticleState::NeedsRecode)
    );
    let run2 = store
        .begin_run(&run_info("d2"))
        .unwrap_or_else(|e| panic!("{e}"));
    let again_copy = again.clone();
    let outcomes = store
        .write_batch(run2, "d2", &[again], &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes, vec![WriteOutcome::Recoded]);
    assert_eq!(ids(&store, &EventFilter::default()), ["a2-0-0"]);

    // The same text read with another language (`--lang`) or date (`--published`) is re-coded
    // under it; read without a date, it keeps the stored one.
    let mut relabelled = again_copy.clone();
    relabelled.article.lang = Some("es".into());
    assert_eq!(
        store
            .article_state(&relabelled.article, &relabelled.content_hash, "d2")
            .ok(),
        Some(ArticleState::NeedsRecode)
    );
    relabelled.article.published = None;
    let outcomes = store
        .write_batch(run2, "d2", &[relabelled.clone()], &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes, vec![WriteOutcome::Recoded]);
    let stored = store.article("a1").ok().flatten();
    assert_eq!(stored.as_ref().and_then(|a| a.lang.as_deref()), Some("es"));
    assert_eq!(
        stored.as_ref().and_then(|a| a.published.as_deref()),
        Some("2025-03-04")
    );
    let outcomes = store
        .write_batch(run2, "d2", &[relabelled], &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes, vec![WriteOutcome::Unchanged]);

    // Changed text under the same id: article and events replaced.
    let usa = actor("USA", "USA", None, "Washington");
    let mex = actor("MEX", "MEX", None, "Mexico");
    let changed = write(
        article("a1", "Washington and Mexico agreed to talk.", "2025-03-04"),
        vec![event("a1", 0, usa, mex, "036")],
    );
    let outcomes = store
        .write_batch(run2, "d2", &[changed], &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes, vec![WriteOutcome::Updated]);
    let text = store.article("a1").ok().flatten().map(|a| a.text);
    assert_eq!(
        text.as_deref(),
        Some("Washington and Mexico agreed to talk.")
    );
    assert_eq!(
        ids(
            &store,
            &EventFilter {
                text: Some("drone".into()),
                ..Default::default()
            }
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(
            &store,
            &EventFilter {
                text: Some("agreed".into()),
                ..Default::default()
            }
        ),
        ["a1-0-0"]
    );

    // Paging: a page of one after skipping one, the total ignores limit and offset, one by id.
    let all = ids(&store, &EventFilter::default());
    let page = EventFilter {
        limit: Some(1),
        offset: Some(1),
        ..Default::default()
    };
    assert_eq!(ids(&store, &page), all[1..2].to_vec());
    assert_eq!(
        store.count_events(&page).unwrap_or_else(|e| panic!("{e}")),
        all.len() as u64
    );
    let skip_all = EventFilter {
        offset: Some(all.len() as u64),
        ..Default::default()
    };
    assert!(ids(&store, &skip_all).is_empty());
    let one = store.event(&all[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one.map(|e| e.event.id), Some(all[0].clone()));
    assert!(store
        .event("no-such-event")
        .unwrap_or_else(|e| panic!("{e}"))
        .is_none());

    // Runs carry their counts.
    let runs = store.runs().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].counts.articles_new, 2);
    assert_eq!(runs[0].counts.articles_unchanged, 1);
    assert_eq!(runs[0].counts.duplicates, 1);
    assert_eq!(runs[0].counts.events, 2);
    assert_eq!(runs[1].counts.articles_recoded, 2);
    assert_eq!(runs[1].counts.articles_updated, 1);
    assert_eq!(runs[1].info.dict_hash, "d2");
    assert!(store.check_integrity().unwrap_or_default().is_empty());
    drop(store);
    drop(dir);
}

#[test]
fn a_failing_article_does_not_sink_its_batch() {
    let (_dir, mut store, run) = usa_mex_store();
    let usa = actor("USA", "USA", None, "Washington");
    let mex = actor("MEX", "MEX", None, "Mexico");
    // Reuses an event id already stored for a1: the unique constraint rejects this article.
    let clash = write(
        article("b1", "A different story entirely.", "2025-05-01"),
        vec![event("a1", 0, usa.clone(), mex.clone(), "040")],
    );
    let fine = write(
        article("b2", "Another different story.", "2025-05-02"),
        vec![event("b2", 0, usa, mex, "040")],
    );
    let outcomes = store
        .write_batch(run, "d1", &[clash, fine], &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(outcomes[0], WriteOutcome::Failed(_)));
    assert_eq!(outcomes[1], WriteOutcome::Inserted);
    // Nothing of the failed article remains: not its row, not a partial event.
    assert!(store.article("b1").ok().flatten().is_none());
    assert_eq!(ids(&store, &EventFilter::default()).len(), 3);
}

#[test]
fn not_coded_articles_are_stored_and_flagged() {
    let (_dir, mut store, run) = usa_mex_store();
    let mut es = article(
        "es1",
        "El gobierno anunció un plan de seguridad.",
        "2025-02-13",
    );
    es.lang = Some("es".into());
    let item = ArticleWrite {
        content_hash: atalaya_sources_like_hash(&es.text),
        bytes: es.text.len(),
        article: es,
        origin: None,
        coding: Coding::NotCoded {
            reason: "language es is not coded".into(),
        },
        stories: Default::default(),
    };
    store
        .write_batch(run, "d1", &[item], &RunCounts::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let stored = store.article("es1").ok().flatten();
    assert_eq!(
        stored.as_ref().map(|a| a.status.as_str()),
        Some("not_coded")
    );
    assert_eq!(stored.and_then(|a| a.lang), Some("es".into()));
    let found = store.search_articles("seguridad", 5).unwrap_or_default();
    assert_eq!(found.len(), 1);
}

#[test]
fn reopening_keeps_data_and_schema_version() {
    let (dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let run = store
            .begin_run(&run_info("d1"))
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .write_batch(
                run,
                "d1",
                &[write(article("x", "Some text.", "2025-01-01"), Vec::new())],
                &RunCounts::default(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store.schema_version().ok(),
        Some(atalaya_store::SCHEMA_VERSION)
    );
    assert_eq!(store.counts().map(|c| c.articles).ok(), Some(1));
    let reader = Store::open_readonly(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(reader.article("x").ok().flatten().is_some());
    drop(dir);
}
