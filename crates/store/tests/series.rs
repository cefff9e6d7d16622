//! The dyad-series query: the same events as `EventFilter`'s dyad, grouped, from the covering
//! index.

use atalaya_store::{generate_bench_store, BenchSpec, DyadQuery, EventFilter, Store};
use std::collections::HashMap;

fn bench_store(dir: &tempfile::TempDir) -> Store {
    bench_store_of(dir, 4_000)
}

fn bench_store_of(dir: &tempfile::TempDir, events: u64) -> Store {
    let path = dir.path().join("bench.db");
    generate_bench_store(&path, &BenchSpec { events, seed: 11 }).unwrap_or_else(|e| panic!("{e}"));
    Store::open_readonly(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// (source, target, day, code, modality, cluster) → events, as the event filter sees them.
type Key = (String, String, String, String, String, Option<String>);

fn filter_counts(store: &Store, filter: &EventFilter) -> HashMap<Key, u64> {
    let mut counts = HashMap::new();
    for stored in store.events(filter).unwrap_or_else(|e| panic!("{e}")) {
        let e = stored.event;
        let key = (
            e.source.code,
            e.target.code,
            stored.day.unwrap_or_default(),
            e.cameo,
            e.modality.name().to_string(),
            e.cluster_id,
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn tally_counts(store: &Store, query: &DyadQuery) -> HashMap<Key, u64> {
    let found = store.dyad_tallies(query).unwrap_or_else(|e| panic!("{e}"));
    let mut counts = HashMap::new();
    for t in found.tallies {
        let key = (
            t.source_code,
            t.target_code,
            t.day.format("%Y-%m-%d").to_string(),
            t.cameo,
            t.modality.name().to_string(),
            t.cluster_id,
        );
        *counts.entry(key).or_insert(0) += t.reports;
    }
    counts
}

#[test]
fn tallies_hold_exactly_the_events_the_dyad_filter_returns() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = bench_store(&dir);
    for (first, second, directed) in [
        ("USA", "MEX", false),
        ("USA", "MEX", true),
        ("MEXGOV", "USA", true),
        ("RUS", "UKRMIL", false),
    ] {
        let filter = EventFilter {
            dyad: Some((first.into(), second.into())),
            directed,
            since: Some("2024-03".into()),
            until: Some("2025-06-30".into()),
            ..EventFilter::default()
        };
        let query = DyadQuery {
            first: first.into(),
            second: second.into(),
            directed,
            since: atalaya_analysis::bound_start("2024-03"),
            until: atalaya_analysis::bound_end("2025-06-30"),
        };
        let expected = filter_counts(&store, &filter);
        assert!(!expected.is_empty(), "{first}-{second}: no events");
        assert_eq!(
            tally_counts(&store, &query),
            expected,
            "{first}-{second} {directed}"
        );
    }
}

#[test]
fn directions_are_marked_and_an_actor_both_ways_is_counted_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = bench_store(&dir);
    let found = store
        .dyad_tallies(&DyadQuery {
            first: "USA".into(),
            second: "MEX".into(),
            ..DyadQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(found
        .tallies
        .iter()
        .all(|t| t.forward == t.source_code.starts_with("USA")));
    assert!(found.tallies.iter().any(|t| !t.forward));
    // USA-USA: each event once, though it matches both ways.
    let same = store
        .dyad_tallies(&DyadQuery {
            first: "USA".into(),
            second: "USA".into(),
            ..DyadQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let filter = EventFilter {
        dyad: Some(("USA".into(), "USA".into())),
        ..EventFilter::default()
    };
    let events = store
        .events(&filter)
        .unwrap_or_else(|e| panic!("{e}"))
        .len() as u64;
    assert_eq!(same.tallies.iter().map(|t| t.reports).sum::<u64>(), events);
}

/// Filtered events (the HTTP API's page) seek the dyad's codes and days, never every event.
#[test]
fn filtered_events_seek_an_index() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = bench_store(&dir);
    let filters = [
        EventFilter {
            dyad: Some(("USA".into(), "MEX".into())),
            since: Some("2025-03".into()),
            until: Some("2025-03".into()),
            limit: Some(50),
            ..EventFilter::default()
        },
        EventFilter {
            actor: Some("MEX".into()),
            limit: Some(50),
            ..EventFilter::default()
        },
    ];
    for filter in filters {
        let plan = store.events_plan(&filter).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN e")),
            "{filter:?}: {plan:?}"
        );
        // The same events as comparing each event's own columns would find.
        let found = store.events(&filter).unwrap_or_else(|e| panic!("{e}"));
        assert!(!found.is_empty(), "{filter:?}");
        for stored in &found {
            let e = &stored.event;
            let side = |code: &str, country: &Option<String>, actor: &str| {
                code.starts_with(actor) || country.as_deref() == Some(actor)
            };
            let ok = match (&filter.dyad, &filter.actor) {
                (Some((a, b)), _) => {
                    (side(&e.source.code, &e.source.country, a)
                        && side(&e.target.code, &e.target.country, b))
                        || (side(&e.source.code, &e.source.country, b)
                            && side(&e.target.code, &e.target.country, a))
                }
                (_, Some(a)) => {
                    side(&e.source.code, &e.source.country, a)
                        || side(&e.target.code, &e.target.country, a)
                }
                _ => true,
            };
            assert!(ok, "{filter:?}: {:?}", e.id);
        }
    }
}

#[test]
fn the_query_reads_the_covering_index_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = bench_store(&dir);
    let plan = store
        .dyad_tallies_plan(&DyadQuery {
            first: "USA".into(),
            second: "MEX".into(),
            directed: true,
            since: atalaya_analysis::bound_start("2025"),
            until: None,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        plan.iter()
            .any(|step| step.contains("USING COVERING INDEX events_dyad_series")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.contains("SCAN events")),
        "{plan:?}"
    );
}

#[test]
fn unknown_actors_give_no_tallies_and_latest_day_is_the_last_event() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = bench_store(&dir);
    let none = store
        .dyad_tallies(&DyadQuery {
            first: "ATL".into(),
            second: "MEX".into(),
            ..DyadQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(none.tallies.is_empty());
    let latest = store.latest_day().unwrap_or_else(|e| panic!("{e}"));
    let last_event = store
        .events(&EventFilter::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .filter_map(|e| e.day)
        .max();
    assert_eq!(latest.map(|d| d.format("%Y-%m-%d").to_string()), last_event);
}

/// A page of filtered events (the HTTP API's) finds and sorts its rowids from the covering
/// index alone, then reads only the page's wide rows; and pages put together are the whole
/// list in its order.
#[test]
fn pages_sort_rowids_from_the_covering_index() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Large enough that SQLite's statistics (the generator runs ANALYZE) favour the dyad's
    // seeks over reading the period's events in day order.
    let store = bench_store_of(&dir, 30_000);
    let month = EventFilter {
        dyad: Some(("USA".into(), "MEX".into())),
        since: Some("2024-04".into()),
        until: Some("2024-05".into()),
        modality: Some("asserted".into()),
        ..EventFilter::default()
    };
    let page = EventFilter {
        limit: Some(7),
        offset: Some(3),
        ..month.clone()
    };
    let plan = store.events_plan(&page).unwrap_or_else(|e| panic!("{e}"));
    let searches: Vec<&String> = plan
        .iter()
        .filter(|s| s.starts_with("SEARCH e") || s.starts_with("SCAN e"))
        .collect();
    // Every seek of the filter is on the covering index; the one other step on `e` is the
    // page's rowids.
    assert!(
        searches
            .iter()
            .all(|s| s.contains("COVERING INDEX events_dyad_series")
                || s.contains("INTEGER PRIMARY KEY (rowid=?)")),
        "{plan:?}"
    );
    assert_eq!(
        searches
            .iter()
            .filter(|s| s.contains("INTEGER PRIMARY KEY"))
            .count(),
        1,
        "{plan:?}"
    );
    // USA and MEX share no actor code: each direction is found apart and added up.
    assert!(plan.iter().any(|s| s == "UNION ALL"), "{plan:?}");
    let all = store.events(&month).unwrap_or_else(|e| panic!("{e}"));
    assert!(all.len() > 20, "{}", all.len());
    // An actor against itself: its directions overlap, so one OR, each event once.
    let same = EventFilter {
        dyad: Some(("USA".into(), "USA".into())),
        limit: Some(1000),
        ..EventFilter::default()
    };
    let same_all = store
        .events(&EventFilter {
            limit: None,
            ..same.clone()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let same_plan = store.events_plan(&same).unwrap_or_else(|e| panic!("{e}"));
    assert!(!same_plan.iter().any(|s| s == "UNION ALL"), "{same_plan:?}");
    assert_eq!(
        store.count_events(&same).unwrap_or_else(|e| panic!("{e}")),
        same_all.len() as u64
    );
    assert_eq!(
        store.count_events(&page).unwrap_or_else(|e| panic!("{e}")),
        all.len() as u64
    );
    let (total, events) = store.events_page(&page).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(total, all.len() as u64);
    assert_eq!(events, all[3..10].to_vec());
    let past_the_end = EventFilter {
        offset: Some(all.len() as u64),
        ..page.clone()
    };
    let (total, events) = store
        .events_page(&past_the_end)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((total, events.len()), (all.len() as u64, 0));
    let mut joined = Vec::new();
    let mut offset = 0;
    loop {
        let got = store
            .events(&EventFilter {
                limit: Some(7),
                offset: Some(offset),
                ..month.clone()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        if got.is_empty() {
            break;
        }
        offset += got.len() as u64;
        joined.extend(got);
    }
    assert_eq!(joined, all);
}
