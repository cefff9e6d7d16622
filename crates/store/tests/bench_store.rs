//! The benchmark store generator: what it writes is a store like ingest writes.

use atalaya_store::{generate_bench_store, BenchSpec, EventFilter, Store};

#[test]
fn generates_the_asked_number_of_events_with_stories_and_registered_actors() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("bench.db");
    let spec = BenchSpec {
        events: 3_000,
        seed: 7,
    };
    let summary = generate_bench_store(&path, &spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.events, 3_000);
    // Read-write: the full-text integrity check writes.
    let store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let counts = store.counts().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counts.events, 3_000);
    assert_eq!(counts.articles, summary.articles);
    let problems = store.check_integrity().unwrap_or_else(|e| panic!("{e}"));
    assert!(problems.is_empty(), "{problems:?}");
    let events = store
        .events(&EventFilter::default())
        .unwrap_or_else(|e| panic!("{e}"));
    // Repeat coverage: some cluster ids are shared, some events have none.
    let mut per_cluster = std::collections::HashMap::new();
    for stored in &events {
        if let Some(id) = &stored.event.cluster_id {
            *per_cluster.entry(id.clone()).or_insert(0) += 1;
        }
    }
    assert_eq!(per_cluster.len() as u64, summary.stories);
    assert!(per_cluster.values().any(|n| *n > 1));
    assert!(events.iter().any(|e| e.event.cluster_id.is_none()));
    // The dyad the benchmarks query is there, in both directions.
    let usa_mex = EventFilter {
        dyad: Some(("USA".into(), "MEX".into())),
        ..EventFilter::default()
    };
    let dyad = store.events(&usa_mex).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dyad.len() as u64, summary.usa_mex_events);
    assert!(dyad.iter().any(|e| e.event.source.code.starts_with("MEX")));
    assert!(dyad.iter().any(|e| e.event.source.code.starts_with("USA")));
    // Several modalities and quad classes, and more than a few days.
    let modalities: std::collections::HashSet<_> =
        events.iter().map(|e| e.event.modality).collect();
    assert!(modalities.len() >= 4);
    let days: std::collections::HashSet<_> = events.iter().filter_map(|e| e.day.clone()).collect();
    assert!(days.len() > 100, "{} days", days.len());
}

#[test]
fn same_seed_same_store_and_refuses_a_store_with_events() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let spec = BenchSpec {
        events: 500,
        seed: 3,
    };
    let first =
        generate_bench_store(&dir.path().join("a.db"), &spec).unwrap_or_else(|e| panic!("{e}"));
    let second =
        generate_bench_store(&dir.path().join("b.db"), &spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, second);
    let again = generate_bench_store(&dir.path().join("a.db"), &spec);
    let message = again.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("already holds 500 events"), "{message}");
}
