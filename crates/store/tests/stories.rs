//! Stories in the store: incremental joins on write, stable ids, re-codes that touch only
//! what changed, the transaction, and the reads with their trail. Hand-built events.

use atalaya_engine::record::{ActorRef, Article, Event, Matched, Modality, Span};
use atalaya_store::{ArticleWrite, Coding, RunCounts, RunInfo, Store, StoryFilter, WriteOutcome};
use std::path::PathBuf;

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("stories.db");
    (dir, path)
}

fn article(id: &str, outlet: &str, published: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        url: Some(format!("https://{outlet}.example/{id}")),
        outlet: Some(outlet.into()),
        published: Some(published.into()),
        title: None,
        text: text.into(),
        lang: Some("en".into()),
    }
}

fn side(code: &str) -> ActorRef {
    ActorRef {
        text: code.into(),
        code: code.into(),
        country: Some(code[..3].into()),
        sector: code.get(3..6).map(str::to_string),
        ..ActorRef::default()
    }
}

fn event(article: &str, n: usize, dyad: (&str, &str), cameo: &str, sentence: &str) -> Event {
    Event {
        id: format!("{article}-{n}-0"),
        article_id: article.into(),
        sentence_index: n,
        span: Span { start: 0, end: 10 },
        sentence: sentence.into(),
        source: side(dyad.0),
        target: side(dyad.1),
        cameo: cameo.into(),
        cameo_root: cameo[..2].into(),
        quad_class: Some(3),
        goldstein: Some(-4.0),
        plover: None,
        modality: Modality::Asserted,
        attribution: Vec::new(),
        date: None,
        date_precision: None,
        location: None,
        confidence: 0.8,
        matched: Matched::default(),
        cluster_id: None,
    }
}

fn write(article: Article, events: Vec<Event>) -> ArticleWrite {
    ArticleWrite {
        content_hash: format!("hash-{}-{}", article.id, article.text),
        bytes: article.text.len(),
        article,
        origin: None,
        coding: Coding::Coded {
            events,
            sentences: 3,
        },
        stories: Default::default(),
    }
}

fn open(path: &std::path::Path) -> (Store, i64) {
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    let run = store
        .begin_run(&RunInfo {
            command: "test".into(),
            engine_version: "0".into(),
            dict_version: None,
            dict_hash: "d".into(),
        })
        .unwrap_or_else(|e| panic!("run: {e}"));
    (store, run)
}

fn put(store: &mut Store, run: i64, items: Vec<ArticleWrite>) -> Vec<WriteOutcome> {
    store
        .write_batch(run, "d", &items, &RunCounts::default())
        .unwrap_or_else(|e| panic!("write: {e}"))
}

fn cluster_of(store: &Store, event_id: &str) -> Option<String> {
    store
        .event(event_id)
        .unwrap_or_else(|e| panic!("event: {e}"))
        .and_then(|e| e.event.cluster_id)
}

fn all(store: &Store) -> Vec<atalaya_store::StoredStory> {
    store
        .stories(&StoryFilter::default())
        .unwrap_or_else(|e| panic!("stories: {e}"))
}

const REJECT: &str = "Sheinbaum rejected any US military intervention in Mexico on Monday.";
const REJECT_TOO: &str = "Mexico's president again rejected any US military intervention.";
const MEX_USA: (&str, &str) = ("MEXGOV", "USAGOV");
const THREAT: &str = "Washington threatened tariffs on Mexican steel";

#[test]
fn two_occasions_with_the_same_dyad_and_code_stay_apart() {
    let (_dir, path) = temp_db();
    let (mut store, run) = open(&path);
    put(
        &mut store,
        run,
        vec![
            write(
                article("feb", "wire", "2025-02-10", "a"),
                vec![event("feb", 0, MEX_USA, "125", REJECT)],
            ),
            write(
                article("may", "wire", "2025-05-05", "b"),
                vec![event("may", 0, MEX_USA, "125", REJECT_TOO)],
            ),
        ],
    );
    let stories = all(&store);
    assert_eq!(stories.len(), 2);
    assert_ne!(cluster_of(&store, "feb-0-0"), cluster_of(&store, "may-0-0"));
    assert!(cluster_of(&store, "feb-0-0").is_some());
}

#[test]
fn a_rehosted_copy_joins_and_the_trail_counts_articles_and_outlets() {
    let (_dir, path) = temp_db();
    let (mut store, run) = open(&path);
    put(
        &mut store,
        run,
        vec![write(
            article("wire-1", "wire", "2025-02-10T08:00:00Z", "original"),
            vec![event("wire-1", 0, MEX_USA, "125", REJECT)],
        )],
    );
    // The same wire copy re-hosted by another outlet the next day (its own id and page), and
    // a second mention in the same outlet's own follow-up.
    let mut reported = event("paper-7", 2, MEX_USA, "1250", REJECT);
    reported.modality = Modality::Reported;
    put(
        &mut store,
        run,
        vec![
            write(
                article("paper-7", "paper", "2025-02-11T09:30:00Z", "re-hosted"),
                vec![reported],
            ),
            write(
                article("wire-2", "wire", "2025-02-11T12:00:00Z", "follow-up"),
                vec![event("wire-2", 4, ("MEX", "USAGOV"), "125", REJECT_TOO)],
            ),
        ],
    );
    let stories = all(&store);
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let story = &stories[0];
    assert_eq!(
        (story.n_events, story.n_articles, story.n_outlets),
        (3, 3, 2)
    );
    assert_eq!(story.first_seen.as_deref(), Some("2025-02-10T08:00:00Z"));
    assert_eq!(story.last_seen.as_deref(), Some("2025-02-11T12:00:00Z"));
    assert_eq!(story.article_ids(), ["wire-1", "paper-7", "wire-2"]);
    assert_eq!(story.outlets(), ["wire", "paper"]);
    // Asserted before reported, even though the reported mention has the more specific code.
    assert_eq!(story.representative.event.id, "wire-1-0-0");
    assert_eq!(story.modalities.asserted, 2);
    assert_eq!(story.modalities.reported, 1);
    let again = store
        .story(story.id)
        .unwrap_or_else(|e| panic!("story: {e}"));
    assert_eq!(again.as_ref(), Some(story));
    // Exports see the story's counts on each event.
    let stored = store
        .event("paper-7-2-0")
        .unwrap_or_else(|e| panic!("event: {e}"))
        .unwrap_or_else(|| panic!("no event"));
    let counts = stored.story.unwrap_or_else(|| panic!("no counts"));
    assert_eq!((counts.events, counts.articles, counts.outlets), (3, 3, 2));
}

#[test]
fn story_ids_are_stable_across_ingests_and_never_reused() {
    let (_dir, path) = temp_db();
    let first_id;
    {
        let (mut store, run) = open(&path);
        put(
            &mut store,
            run,
            vec![
                write(
                    article("a", "wire", "2025-02-10", "a"),
                    vec![event("a", 0, MEX_USA, "125", REJECT)],
                ),
                write(
                    article("b", "wire", "2025-03-20", "b"),
                    vec![event(
                        "b",
                        0,
                        ("USAGOV", "MEXCRM"),
                        "138",
                        "US threatens cartel strikes",
                    )],
                ),
            ],
        );
        first_id = cluster_of(&store, "a-0-0");
    }
    // Another process, another run: a new report joins the old story under its old id.
    let (mut store, run) = open(&path);
    put(
        &mut store,
        run,
        vec![write(
            article("c", "paper", "2025-02-11", "c"),
            vec![event("c", 0, MEX_USA, "125", REJECT_TOO)],
        )],
    );
    assert_eq!(cluster_of(&store, "c-0-0"), first_id);
    assert_eq!(cluster_of(&store, "a-0-0"), first_id);
    let b_id = cluster_of(&store, "b-0-0");
    // Re-coding b away deletes its story; the next story gets a new id, not b's.
    put(
        &mut store,
        run,
        vec![write(
            article("b", "wire", "2025-03-20", "b, edited"),
            vec![],
        )],
    );
    assert!(all(&store).iter().all(|s| Some(s.id.to_string()) != b_id));
    put(
        &mut store,
        run,
        vec![write(
            article("d", "wire", "2025-06-01", "d"),
            vec![event(
                "d",
                0,
                ("USAGOV", "MEXCRM"),
                "138",
                "US threatens cartel strikes",
            )],
        )],
    );
    let d_id = cluster_of(&store, "d-0-0");
    assert!(d_id.is_some() && d_id != b_id && d_id != first_id);
}

#[test]
fn a_recode_reclusters_only_what_changed() {
    let (_dir, path) = temp_db();
    let (mut store, run) = open(&path);
    let threat = "Washington threatened tariffs on Mexican steel";
    put(
        &mut store,
        run,
        vec![
            write(
                article("x", "wire", "2025-02-10", "x v1"),
                vec![
                    event("x", 0, MEX_USA, "125", REJECT),
                    event("x", 1, ("USAGOV", "MEXGOV"), "130", threat),
                ],
            ),
            write(
                article("y", "paper", "2025-02-10", "y"),
                vec![
                    event("y", 0, MEX_USA, "125", REJECT_TOO),
                    event("y", 1, ("USAGOV", "MEXGOV"), "130", threat),
                ],
            ),
            write(
                article("z", "paper", "2025-04-01", "z"),
                vec![event(
                    "z",
                    0,
                    ("CHNGOV", "JPNGOV"),
                    "112",
                    "China criticised Japan",
                )],
            ),
        ],
    );
    let before = all(&store);
    assert_eq!(before.len(), 3);
    let reject_story = cluster_of(&store, "x-0-0");
    let threat_story = cluster_of(&store, "x-1-0");
    // Every write to a story row from here on is logged.
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("conn: {e}"));
    conn.execute_batch(
        "CREATE TABLE touched (story INTEGER);
         CREATE TRIGGER story_updated AFTER UPDATE ON stories
         BEGIN INSERT INTO touched VALUES (new.id); END;
         CREATE TRIGGER story_deleted AFTER DELETE ON stories
         BEGIN INSERT INTO touched VALUES (old.id); END;",
    )
    .unwrap_or_else(|e| panic!("triggers: {e}"));
    // x is re-coded (new text): the rejection comes back unchanged, the threat is gone.
    let outcomes = put(
        &mut store,
        run,
        vec![write(
            article("x", "wire", "2025-02-10", "x v2"),
            vec![event("x", 0, MEX_USA, "125", REJECT)],
        )],
    );
    assert_eq!(outcomes, vec![WriteOutcome::Updated]);
    assert_eq!(cluster_of(&store, "x-0-0"), reject_story);
    let touched: Vec<String> = conn
        .prepare("SELECT DISTINCT story FROM touched")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, i64>(0))?
                .map(|r| r.map(|id| id.to_string()))
                .collect()
        })
        .unwrap_or_else(|e| panic!("touched: {e}"));
    assert_eq!(touched, [threat_story.clone().unwrap_or_default()]);
    let after = all(&store);
    assert_eq!(after.len(), 3);
    let find = |stories: &[atalaya_store::StoredStory], id: &Option<String>| {
        stories
            .iter()
            .find(|s| Some(s.id.to_string()) == *id)
            .cloned()
            .unwrap_or_else(|| panic!("story {id:?} gone"))
    };
    // What a story is, leaving out the re-written event's row id and the order of mentions
    // published at the same time.
    let facts = |s: atalaya_store::StoredStory| {
        let mut mentions: Vec<String> = s.mentions.iter().map(|m| m.event_id.clone()).collect();
        mentions.sort();
        (
            (s.id, s.date_start, s.date_end, s.first_seen, s.last_seen),
            (s.n_events, s.n_articles, s.n_outlets, s.modalities),
            s.representative.event,
            mentions,
        )
    };
    // Untouched stories are as they were.
    assert_eq!(
        facts(find(&after, &reject_story)),
        facts(find(&before, &reject_story))
    );
    let z = cluster_of(&store, "z-0-0");
    assert_eq!(facts(find(&after, &z)), facts(find(&before, &z)));
    // The threat story lost x's mention: recomputed from y's alone.
    let threat_after = find(&after, &threat_story);
    assert_eq!(
        (
            threat_after.n_events,
            threat_after.n_articles,
            threat_after.n_outlets
        ),
        (1, 1, 1)
    );
    assert_eq!(threat_after.representative.event.id, "y-1-0");
    assert_eq!(threat_after.outlets(), ["paper"]);
}

#[test]
fn a_failure_mid_article_leaves_no_half_story() {
    let (_dir, path) = temp_db();
    {
        let (mut store, run) = open(&path);
        put(
            &mut store,
            run,
            vec![write(
                article("seed", "wire", "2025-01-05", "seed"),
                vec![event(
                    "seed",
                    0,
                    ("CHNGOV", "JPNGOV"),
                    "112",
                    "China criticised Japan",
                )],
            )],
        );
    }
    // A trigger that fails the second event's insert, after the first event opened a story.
    fail_insert_of_bad_1_0(&path);
    let (mut store, run) = open(&path);
    let outcomes = put(
        &mut store,
        run,
        vec![
            write(
                article("bad", "wire", "2025-02-10", "bad"),
                vec![
                    event("bad", 0, MEX_USA, "125", REJECT),
                    event("bad", 1, ("USAGOV", "MEXGOV"), "130", "threat"),
                ],
            ),
            write(
                article("good", "wire", "2025-02-10", "good"),
                vec![event("good", 0, MEX_USA, "125", REJECT)],
            ),
        ],
    );
    assert!(
        matches!(outcomes[0], WriteOutcome::Failed(_)),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[1], WriteOutcome::Inserted);
    let stories = all(&store);
    assert_eq!(stories.len(), 2, "{stories:#?}");
    let rejection = stories
        .iter()
        .find(|s| s.representative.event.cameo == "125")
        .unwrap_or_else(|| panic!("no rejection story"));
    // Only the good article's mention: nothing of the failed one.
    assert_eq!((rejection.n_events, rejection.n_articles), (1, 1));
    assert_eq!(rejection.article_ids(), ["good"]);
    assert!(store
        .event("bad-0-0")
        .unwrap_or_else(|e| panic!("{e}"))
        .is_none());
}

#[test]
fn without_clustering_events_have_no_story() {
    let (_dir, path) = temp_db();
    let (mut store, run) = open(&path);
    store.set_clustering(false);
    put(
        &mut store,
        run,
        vec![write(
            article("a", "wire", "2025-02-10", "a"),
            vec![event("a", 0, MEX_USA, "125", REJECT)],
        )],
    );
    assert!(all(&store).is_empty());
    assert_eq!(cluster_of(&store, "a-0-0"), None);
}

#[test]
fn a_cluster_id_given_by_the_caller_is_kept() {
    let (_dir, path) = temp_db();
    let (mut store, run) = open(&path);
    let mut given = event("a", 0, MEX_USA, "125", REJECT);
    given.cluster_id = Some("external-7".into());
    put(
        &mut store,
        run,
        vec![write(article("a", "wire", "2025-02-10", "a"), vec![given])],
    );
    assert_eq!(cluster_of(&store, "a-0-0").as_deref(), Some("external-7"));
    assert!(all(&store).is_empty());
}

#[test]
fn story_filters_and_paging() {
    let (_dir, path) = temp_db();
    let (mut store, run) = open(&path);
    put(
        &mut store,
        run,
        vec![
            write(
                article("a", "wire", "2025-02-10", "a"),
                vec![event("a", 0, MEX_USA, "125", REJECT)],
            ),
            write(
                article("b", "wire", "2025-03-20", "b"),
                vec![event(
                    "b",
                    0,
                    ("USAGOV", "MEXCRM"),
                    "138",
                    "US threatens cartel strikes",
                )],
            ),
            write(
                article("c", "wire", "2025-04-20", "c"),
                vec![event(
                    "c",
                    0,
                    ("CHNGOV", "JPNGOV"),
                    "112",
                    "China criticised Japan",
                )],
            ),
        ],
    );
    let with = |f: StoryFilter| -> Vec<String> {
        store
            .stories(&f)
            .unwrap_or_else(|e| panic!("stories: {e}"))
            .into_iter()
            .map(|s| s.representative.event.id)
            .collect()
    };
    let dyad = StoryFilter {
        dyad: Some(("USA".into(), "MEX".into())),
        ..StoryFilter::default()
    };
    assert_eq!(with(dyad.clone()), ["a-0-0", "b-0-0"]);
    assert_eq!(
        store.count_stories(&dyad).unwrap_or_else(|e| panic!("{e}")),
        2
    );
    assert_eq!(
        with(StoryFilter {
            root: Some("13".into()),
            ..StoryFilter::default()
        }),
        ["b-0-0"]
    );
    assert_eq!(
        with(StoryFilter {
            since: Some("2025-03".into()),
            until: Some("2025-03-31".into()),
            ..StoryFilter::default()
        }),
        ["b-0-0"]
    );
    assert_eq!(
        with(StoryFilter {
            limit: Some(1),
            offset: Some(1),
            ..StoryFilter::default()
        }),
        ["b-0-0"]
    );
    assert_eq!(store.story(999).unwrap_or_else(|e| panic!("{e}")), None);
}

/// What the stories of a store are: each story's dates, trail counts, representative,
/// outlets and members, and each event's story.
fn snapshot(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = all(store)
        .into_iter()
        .map(|s| {
            let mut mentions: Vec<&str> = s.mentions.iter().map(|m| m.event_id.as_str()).collect();
            mentions.sort_unstable();
            format!(
                "{} {}..{} {:?}..{:?} {}/{}/{} {:?} rep {} outlets {:?} {:?}",
                s.id,
                s.date_start,
                s.date_end,
                // The day only: an undated article is seen when it is ingested, and two
                // stores built a second apart must compare equal.
                s.first_seen.as_deref().and_then(|t| t.get(..10)),
                s.last_seen.as_deref().and_then(|t| t.get(..10)),
                s.n_events,
                s.n_articles,
                s.n_outlets,
                s.modalities,
                s.representative.event.id,
                s.outlets(),
                mentions
            )
        })
        .collect();
    out.sort();
    out
}

/// Articles whose events join in every way: copies across outlets, a second outlet's copy
/// with a more specific code, the reversed dyad of a meeting, a month-wide date that meets a
/// day, a threat and the strike it threatened, and an article with no publication date.
fn joining_articles() -> Vec<(Article, Vec<Event>)> {
    let mut out = Vec::new();
    let strike = "US forces struck cartel camps in Sinaloa on Tuesday";
    for (i, outlet) in ["wire", "paper", "wire", "radio", "paper"]
        .iter()
        .enumerate()
    {
        let id = format!("copy{i}");
        let day = format!("2025-02-1{}", i % 3);
        let mut meet = event(
            &id,
            1,
            ("USAGOV", "MEXGOV"),
            "040",
            "US and Mexican envoys met",
        );
        if i % 2 == 1 {
            (meet.source, meet.target) = (meet.target, meet.source);
        }
        let mut month = event(&id, 2, MEX_USA, "125", REJECT_TOO);
        if i == 3 {
            month.date = Some("2025-02-01".into());
            month.date_precision = Some("month".into());
        }
        let cameo = if i == 4 { "1251" } else { "125" };
        let threat = event(&id, 3, ("USAGOV", "MEXCRM"), "138", strike);
        let force = event(&id, 4, ("USAGOV", "MEXCRM"), "190", strike);
        let events = vec![
            event(&id, 0, MEX_USA, cameo, REJECT),
            meet,
            month,
            if i < 2 { threat } else { force },
        ];
        out.push((article(&id, outlet, &day, &id), events));
    }
    let mut undated = article("undated", "blog", "2025-02-10", "undated");
    undated.published = None;
    let events = vec![event("undated", 0, MEX_USA, "125", REJECT)];
    out.push((undated, events));
    out
}

#[test]
fn batches_and_prepared_inputs_do_not_change_the_stories() {
    let items = |prepared: bool| -> Vec<ArticleWrite> {
        joining_articles()
            .into_iter()
            .map(|(a, e)| {
                let mut w = write(a, e);
                if prepared {
                    w.prepare_stories();
                }
                w
            })
            .collect()
    };
    // One article per transaction, each computed when written.
    let (_one_dir, one_path) = temp_db();
    let (mut one, run) = open(&one_path);
    for item in items(false) {
        put(&mut one, run, vec![item]);
    }
    // All in one transaction, prepared ahead (as `ingest` writes them).
    let (_all_dir, all_path) = temp_db();
    let (mut batch, run) = open(&all_path);
    put(&mut batch, run, items(true));
    // Two at a time, the store opened afresh for each transaction.
    let (_re_dir, re_path) = temp_db();
    for pair in items(true).chunks(2) {
        let (mut store, run) = open(&re_path);
        put(&mut store, run, pair.to_vec());
    }
    let (reopened, _) = open(&re_path);
    let expected = snapshot(&one);
    assert!(expected.len() >= 4, "{expected:#?}");
    assert_eq!(snapshot(&batch), expected);
    assert_eq!(snapshot(&reopened), expected);
    for (article, events) in joining_articles() {
        for e in &events {
            let cluster = cluster_of(&one, &e.id);
            assert!(cluster.is_some(), "{} of {} has no story", e.id, article.id);
            assert_eq!(cluster_of(&batch, &e.id), cluster, "{}", e.id);
            assert_eq!(cluster_of(&reopened, &e.id), cluster, "{}", e.id);
        }
    }
}

#[test]
fn a_failed_article_gives_back_what_it_took_from_stories_joined_in_its_batch() {
    let (_dir, path) = temp_db();
    {
        let (mut store, run) = open(&path);
        put(
            &mut store,
            run,
            vec![write(
                article("seed", "wire", "2025-02-10", "seed"),
                vec![
                    event("seed", 0, MEX_USA, "125", REJECT),
                    event("seed", 1, ("USAGOV", "MEXGOV"), "130", THREAT),
                ],
            )],
        );
    }
    fail_insert_of_bad_1_0(&path);
    let (mut store, run) = open(&path);
    // In one transaction: a joins the seed's rejection, bad joins it too and the seed's
    // threat (read for the first time) before failing, b joins both.
    let outcomes = put(
        &mut store,
        run,
        vec![
            write(
                article("a", "paper", "2025-02-10", "a"),
                vec![event("a", 0, MEX_USA, "125", REJECT_TOO)],
            ),
            write(
                article("bad", "radio", "2025-02-11", "bad"),
                vec![
                    event("bad", 0, MEX_USA, "1251", REJECT),
                    event("bad", 1, ("USAGOV", "MEXGOV"), "130", THREAT),
                ],
            ),
            write(
                article("b", "blog", "2025-02-11", "b"),
                vec![
                    event("b", 0, MEX_USA, "125", REJECT),
                    event("b", 1, ("USAGOV", "MEXGOV"), "130", THREAT),
                ],
            ),
        ],
    );
    assert!(
        matches!(outcomes[1], WriteOutcome::Failed(_)),
        "{outcomes:?}"
    );
    let check = |store: &Store, members: &[&str], outlets: &[&str]| {
        let id = cluster_of(store, "seed-0-0")
            .and_then(|c| c.parse::<i64>().ok())
            .unwrap_or_else(|| panic!("no story"));
        let story = store
            .story(id)
            .unwrap_or_else(|e| panic!("story: {e}"))
            .unwrap_or_else(|| panic!("story {id} gone"));
        let n = members.len() as u64;
        assert_eq!((story.n_events, story.n_articles), (n, n), "{story:#?}");
        assert_eq!(story.article_ids(), members);
        assert_eq!(story.outlets(), outlets);
        assert_eq!(story.n_outlets, outlets.len() as u64);
        // Not bad's more specific code: its mention is gone.
        assert_eq!(story.representative.event.cameo, "125");
    };
    check(&store, &["seed", "a", "b"], &["wire", "paper", "blog"]);
    let threats: Vec<_> = all(&store)
        .into_iter()
        .filter(|s| s.representative.event.cameo == "130")
        .collect();
    assert_eq!(threats.len(), 1);
    assert_eq!(threats[0].article_ids(), ["seed", "b"]);
    assert_eq!(threats[0].n_events, 2);
    // The next transaction starts from what was committed.
    put(
        &mut store,
        run,
        vec![write(
            article("c", "radio", "2025-02-12", "c"),
            vec![event("c", 0, MEX_USA, "125", REJECT_TOO)],
        )],
    );
    check(
        &store,
        &["seed", "a", "b", "c"],
        &["wire", "paper", "blog", "radio"],
    );
}

#[test]
fn a_story_another_connection_wrote_between_batches_is_read_again() {
    let (_dir, path) = temp_db();
    let (mut first, run) = open(&path);
    put(
        &mut first,
        run,
        vec![write(
            article("seed", "wire", "2025-02-10", "seed"),
            vec![event("seed", 0, MEX_USA, "125", REJECT)],
        )],
    );
    // Another ingest joins the same story while the first one waits between batches.
    {
        let (mut second, run) = open(&path);
        put(
            &mut second,
            run,
            vec![write(
                article("other", "paper", "2025-02-10", "other"),
                vec![event("other", 0, MEX_USA, "125", REJECT_TOO)],
            )],
        );
    }
    put(
        &mut first,
        run,
        vec![write(
            article("next", "radio", "2025-02-11", "next"),
            vec![event("next", 0, MEX_USA, "125", REJECT)],
        )],
    );
    let stories = all(&first);
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let story = &stories[0];
    assert_eq!(
        (story.n_events, story.n_articles, story.n_outlets),
        (3, 3, 3)
    );
    assert_eq!(story.article_ids(), ["seed", "other", "next"]);
}

/// A trigger that fails the insert of event `bad-1-0`: a crash in the middle of an article.
fn fail_insert_of_bad_1_0(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("conn: {e}"));
    conn.execute_batch(
        "CREATE TRIGGER boom BEFORE INSERT ON events WHEN new.id = 'bad-1-0'
         BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
    )
    .unwrap_or_else(|e| panic!("trigger: {e}"));
}
