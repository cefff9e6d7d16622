//! Buckets, counting per story and per report, the escalation index on hand-computed series,
//! change detection.

use atalaya_analysis::{
    bound_end, bound_start, build_timeline, escalation_index, parse_day, ChangeKind, Counting,
    Direction, Dyad, EvidenceClass, IndexParams, Interval, ModalityWeights, Tally, TimelineSpec,
};
use atalaya_engine::Modality;
use chrono::NaiveDate;

fn day(text: &str) -> NaiveDate {
    parse_day(text).unwrap_or_else(|| panic!("bad test day {text}"))
}

#[test]
fn iso_weeks_at_year_edges() {
    let w = Interval::Week;
    // Monday 2024-12-30 opens ISO week 1 of 2025; Sunday 2025-01-05 closes it.
    assert_eq!(w.start_of(day("2025-01-01")), day("2024-12-30"));
    assert_eq!(w.label(w.start_of(day("2025-01-01"))), "2025-W01");
    assert_eq!(w.label(w.start_of(day("2024-12-30"))), "2025-W01");
    assert_eq!(w.end_of(day("2024-12-30")), day("2025-01-05"));
    // 2021-01-03 (a Sunday) is still in 2020's week 53.
    assert_eq!(w.start_of(day("2021-01-03")), day("2020-12-28"));
    assert_eq!(w.label(day("2020-12-28")), "2020-W53");
    // 2027-01-01 (a Friday) is in 2026-W53.
    assert_eq!(w.label(w.start_of(day("2027-01-01"))), "2026-W53");
    // Week 52 of 2025 ends on 2025-12-28; 2025-12-29 starts 2026-W01.
    assert_eq!(w.label(w.start_of(day("2025-12-28"))), "2025-W52");
    assert_eq!(w.label(w.start_of(day("2025-12-29"))), "2026-W01");
    assert_eq!(w.count_between(day("2024-12-23"), day("2025-01-06")), 3);
    assert_eq!(w.back(day("2025-01-06"), 2), day("2024-12-23"));
}

#[test]
fn days_and_months() {
    let m = Interval::Month;
    assert_eq!(m.start_of(day("2024-02-29")), day("2024-02-01"));
    assert_eq!(m.end_of(day("2024-02-01")), day("2024-02-29"));
    assert_eq!(m.label(day("2025-12-01")), "2025-12");
    assert_eq!(m.count_between(day("2024-11-15"), day("2025-02-03")), 4);
    assert_eq!(m.back(day("2025-01-01"), 2), day("2024-11-01"));
    assert_eq!(
        Interval::Day.count_between(day("2024-02-28"), day("2024-03-01")),
        3
    );
    assert_eq!(bound_start("2025-03"), Some(day("2025-03-01")));
    assert_eq!(bound_end("2024-02"), Some(day("2024-02-29")));
    assert_eq!(bound_end("2025"), Some(day("2025-12-31")));
    assert_eq!(parse_day("2025-02-30"), None);
    assert_eq!(parse_day("2025-2-03"), None);
    assert_eq!(parse_day("2025-03-04T10:00:00Z"), Some(day("2025-03-04")));
}

/// One tally: `reports` events of `cameo` on `on` from source to target.
#[allow(clippy::too_many_arguments)]
fn tally(
    on: &str,
    forward: bool,
    cameo: &str,
    quad: u8,
    goldstein: f64,
    modality: Modality,
    cluster: Option<&str>,
    reports: u64,
) -> Tally {
    let (source, target) = if forward {
        ("USAGOV", "MEXGOV")
    } else {
        ("MEXGOV", "USAGOV")
    };
    Tally {
        day: day(on),
        forward,
        source_code: source.into(),
        target_code: target.into(),
        cameo: cameo.into(),
        quad_class: Some(quad),
        modality,
        cluster_id: cluster.map(str::to_string),
        reports,
        goldstein_sum: goldstein * reports as f64,
        scored: reports,
        confidence: 0.8,
    }
}

fn spec(counting: Counting) -> TimelineSpec {
    let dyad = Dyad::parse("USA-MEX", false).unwrap_or_else(|| panic!("dyad"));
    let mut spec = TimelineSpec::new(dyad, Interval::Week);
    spec.counting = counting;
    spec
}

/// A strike story reported four times over two weeks (one outlet asserting a more specific
/// code, three reporting), plus two unclustered threats.
fn crisis() -> Vec<Tally> {
    use Modality::*;
    vec![
        // Cluster s1: first mention Tuesday 2025-09-02 (week 36), reported.
        tally("2025-09-02", true, "190", 4, -10.0, Reported, Some("s1"), 2),
        // The asserted, more specific mention comes a day later.
        tally("2025-09-03", true, "195", 4, -9.5, Asserted, Some("s1"), 1),
        // A follow-up in week 37 is still the same story.
        tally("2025-09-09", true, "190", 4, -10.0, Reported, Some("s1"), 1),
        // Two separate threats, no cluster, in week 37.
        tally("2025-09-10", true, "138", 3, -7.0, Asserted, None, 2),
        // Mexico rejects, week 37.
        tally("2025-09-11", false, "120", 3, -4.0, Asserted, None, 1),
    ]
}

#[test]
fn per_story_counts_a_cluster_once_in_its_first_week_with_its_representative() {
    let timeline =
        build_timeline(&crisis(), &spec(Counting::Story)).unwrap_or_else(|e| panic!("{e}"));
    let both = timeline
        .series(Direction::Both)
        .unwrap_or_else(|| panic!("no undirected series"));
    let labels: Vec<&str> = both.buckets.iter().map(|b| b.bucket.as_str()).collect();
    assert_eq!(labels, ["2025-W36", "2025-W37"]);
    let (w36, w37) = (&both.buckets[0], &both.buckets[1]);
    // The story: once, in week 36, behind four reports; asserted 195 is its representative.
    assert_eq!(w36.count, 1);
    assert_eq!(w36.reports, 4);
    assert_eq!(w36.class.material_conflict, 1);
    assert_eq!(w36.modality.asserted, 1);
    assert_eq!(w36.modality.reported, 0);
    assert!((w36.goldstein_sum - -9.5).abs() < 1e-9);
    let top = &w36.top_stories[0];
    assert_eq!((top.cameo.as_str(), top.mentions), ("195", 4));
    assert_eq!(top.cluster_id.as_deref(), Some("s1"));
    // Week 37: two threats and a rejection, each its own story; the follow-up adds nothing.
    assert_eq!(w37.count, 3);
    assert_eq!(w37.class.threat, 2);
    assert_eq!(w37.class.verbal_conflict, 1);
    assert_eq!(w37.class.material_conflict, 0);
    assert!((w37.goldstein_sum - (-7.0 * 2.0 - 4.0)).abs() < 1e-9);
    assert_eq!(
        w37.goldstein_mean.map(|m| (m * 1000.0).round()),
        Some(-6000.0)
    );
    // Directions: the rejection is Mexico's.
    let backward = timeline
        .series(Direction::Backward)
        .unwrap_or_else(|| panic!("no backward series"));
    assert_eq!(backward.buckets[1].count, 1);
    assert_eq!(backward.buckets[0].count, 0);
    assert_eq!(backward.label, "MEX->USA");
}

#[test]
fn per_report_counts_every_event_on_its_own_day() {
    let timeline =
        build_timeline(&crisis(), &spec(Counting::Report)).unwrap_or_else(|e| panic!("{e}"));
    let both = timeline.main().unwrap_or_else(|| panic!("no series"));
    let (w36, w37) = (&both.buckets[0], &both.buckets[1]);
    assert_eq!(w36.count, 3);
    assert_eq!(w36.modality.reported, 2);
    assert_eq!(w36.modality.asserted, 1);
    assert_eq!(w36.class.material_conflict, 3);
    assert!((w36.goldstein_sum - (-20.0 - 9.5)).abs() < 1e-9);
    assert_eq!(w37.count, 4);
    assert_eq!(w37.class.material_conflict, 1);
    assert_eq!(w37.class.threat, 2);
    // Intensity weights reports by 0.8: 2 × 10 × 0.8 + 9.5.
    assert!((w36.conflict_intensity - (16.0 + 9.5)).abs() < 1e-9);
}

#[test]
fn a_directed_dyad_has_one_series_and_ignores_the_other_direction() {
    let dyad = Dyad::parse("USA->MEX", false).unwrap_or_else(|| panic!("dyad"));
    assert!(dyad.directed);
    let spec = TimelineSpec::new(dyad, Interval::Week);
    let timeline = build_timeline(&crisis(), &spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(timeline.series.len(), 1);
    let main = timeline.main().unwrap_or_else(|| panic!("no series"));
    assert_eq!(main.direction, Direction::Forward);
    assert_eq!(main.buckets[1].count, 2);
}

#[test]
fn since_and_until_fill_empty_buckets_and_trim_the_warm_up() {
    let mut spec = spec(Counting::Story);
    spec.since = Some(day("2025-09-01"));
    spec.until = Some(day("2025-09-30"));
    let mut tallies = crisis();
    // An event in the warm-up weeks (before --since) feeds the baseline but is not shown.
    tallies.push(tally(
        "2025-08-05",
        true,
        "112",
        3,
        -2.0,
        Modality::Asserted,
        None,
        1,
    ));
    let timeline = build_timeline(&tallies, &spec).unwrap_or_else(|e| panic!("{e}"));
    let main = timeline.main().unwrap_or_else(|| panic!("no series"));
    let labels: Vec<&str> = main.buckets.iter().map(|b| b.bucket.as_str()).collect();
    assert_eq!(
        labels,
        ["2025-W36", "2025-W37", "2025-W38", "2025-W39", "2025-W40"]
    );
    assert_eq!(main.buckets[2].count, 0);
    // The baseline of week 36 saw the August week (5 buckets back, within 8 + 1).
    assert!(main.buckets[0].index.baseline_mean.is_some_and(|m| m > 0.0));
}

#[test]
fn evidence_classes_keep_threats_plans_and_acts_apart() {
    use atalaya_analysis::classify;
    assert_eq!(
        classify(Some(4), Modality::Asserted, "195"),
        EvidenceClass::MaterialConflict
    );
    assert_eq!(
        classify(Some(4), Modality::Reported, "190"),
        EvidenceClass::MaterialConflict
    );
    assert_eq!(
        classify(Some(4), Modality::Hypothetical, "195"),
        EvidenceClass::PlannedConflict
    );
    assert_eq!(
        classify(Some(3), Modality::Asserted, "138"),
        EvidenceClass::Threat
    );
    assert_eq!(
        classify(Some(3), Modality::Future, "138"),
        EvidenceClass::PlannedConflict
    );
    assert_eq!(
        classify(Some(3), Modality::Asserted, "120"),
        EvidenceClass::VerbalConflict
    );
    assert_eq!(
        classify(Some(2), Modality::Future, "057"),
        EvidenceClass::PlannedCooperation
    );
    assert_eq!(
        classify(Some(4), Modality::Negated, "190"),
        EvidenceClass::Negated
    );
    assert_eq!(
        classify(None, Modality::Asserted, "999"),
        EvidenceClass::Unclassified
    );
}

fn params(baseline: usize, guard: usize, min_history: usize) -> IndexParams {
    IndexParams {
        baseline,
        guard,
        min_history,
        sd_floor: 0.5,
        cusum_k: 0.5,
        cusum_h: 4.0,
        weights: ModalityWeights::default(),
    }
}

/// Intensities whose levels ln(1 + x) are the given numbers.
fn intensities(levels: &[f64]) -> Vec<f64> {
    levels.iter().map(|y| y.exp() - 1.0).collect()
}

#[test]
fn index_matches_a_hand_computed_series() {
    // Levels y = 1, 1, 2, 1, 3, 1; baseline 4 buckets, guard 1, at least 2 of history.
    let (points, changes) = escalation_index(
        &intensities(&[1.0, 1.0, 2.0, 1.0, 3.0, 1.0]),
        &params(4, 1, 2),
    );
    let z: Vec<Option<f64>> = points.iter().map(|p| p.z).collect();
    // t = 0, 1: nothing before the guard; t = 2: one bucket of history (fewer than 2).
    assert_eq!(z[..3], [None, None, None]);
    // t = 3: baseline {1, 1}: mean 1, s.d. 0 → floor 0.5; z = 0.
    assert!(z[3].is_some_and(|z| z.abs() < 1e-9));
    // t = 4: baseline {1, 1, 2}: mean 4/3, s.d. √(1/3); z = (3 − 4/3) / √(1/3) = 2.8868.
    assert!(z[4].is_some_and(|z| (z - 2.886_751).abs() < 1e-5), "{z:?}");
    assert!((points[4].baseline_mean.unwrap_or(0.0) - 4.0 / 3.0).abs() < 1e-9);
    // t = 5: baseline {1, 1, 2, 1}: mean 1.25, s.d. 0.5; z = −0.5.
    assert!(z[5].is_some_and(|z| (z + 0.5).abs() < 1e-9));
    // CUSUM: S⁺ = 0, 2.3868, 1.3868; S⁻ stays 0 (−z − k ≤ 0 throughout).
    assert!((points[4].cusum_up - 2.386_751).abs() < 1e-5);
    assert!((points[5].cusum_up - 1.386_751).abs() < 1e-5);
    assert!(points.iter().all(|p| p.cusum_down == 0.0));
    assert!(changes.is_empty());
}

#[test]
fn conflict_intensity_weights_modalities_and_ignores_cooperation() {
    let w = ModalityWeights::default();
    assert!((w.conflict(Modality::Asserted, -10.0) - 10.0).abs() < 1e-9);
    assert!((w.conflict(Modality::Reported, -10.0) - 8.0).abs() < 1e-9);
    assert!((w.conflict(Modality::Future, -10.0) - 5.0).abs() < 1e-9);
    assert!((w.conflict(Modality::Hypothetical, -10.0) - 3.0).abs() < 1e-9);
    assert_eq!(w.conflict(Modality::Negated, -10.0), 0.0);
    assert_eq!(w.conflict(Modality::Asserted, 7.0), 0.0);
}

#[test]
fn cusum_finds_an_escalation_and_dates_its_onset() {
    // Quiet, then a jump to level 2: z = 4 (S⁺ 3.5), then z = 1.5 (S⁺ 4.5 > 4).
    let (points, changes) = escalation_index(
        &intensities(&[0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0]),
        &params(4, 0, 2),
    );
    assert!(points[4].z.is_some_and(|z| (z - 4.0).abs() < 1e-9));
    assert!(points[5].z.is_some_and(|z| (z - 1.5).abs() < 1e-9));
    assert_eq!(changes.len(), 1, "{changes:?}");
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Escalation);
    assert_eq!((change.onset_at, change.detected_at), (4, 5));
    assert!((change.peak_z - 4.0).abs() < 1e-9);
    // The sum restarts after an alarm.
    assert_eq!(
        points[6].cusum_up,
        0.0_f64.max(points[6].z.unwrap_or(0.0) - 0.5)
    );
}

#[test]
fn cusum_finds_a_de_escalation() {
    // A plateau at level 2, then nothing: z = −4 (S⁻ 3.5), then −1.5 (S⁻ 4.5 > 4).
    let (_, changes) = escalation_index(
        &intensities(&[2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 0.0, 0.0]),
        &params(4, 0, 2),
    );
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].kind, ChangeKind::DeEscalation);
    assert_eq!((changes[0].onset_at, changes[0].detected_at), (6, 7));
    assert!((changes[0].peak_z + 4.0).abs() < 1e-9);
}

#[test]
fn a_lone_spike_gives_a_large_z_but_no_change_point() {
    let (points, changes) = escalation_index(
        &intensities(&[0.0, 0.0, 0.0, 0.0, 1.5, 0.0, 0.0, 0.0]),
        &params(4, 0, 2),
    );
    assert!(points[4].z.is_some_and(|z| z >= 2.9));
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn timeline_change_points_carry_bucket_labels() {
    // Eight quiet weeks with one small accusation each, then two weeks of strikes.
    let mut tallies = Vec::new();
    let mut monday = day("2025-06-02");
    for _ in 0..8 {
        tallies.push(tally(
            &monday.to_string(),
            true,
            "112",
            3,
            -2.0,
            Modality::Asserted,
            None,
            1,
        ));
        monday = monday + chrono::Days::new(7);
    }
    for _ in 0..2 {
        tallies.push(tally(
            &monday.to_string(),
            true,
            "195",
            4,
            -9.5,
            Modality::Asserted,
            None,
            6,
        ));
        monday = monday + chrono::Days::new(7);
    }
    let timeline =
        build_timeline(&tallies, &spec(Counting::Story)).unwrap_or_else(|e| panic!("{e}"));
    let forward = timeline
        .series(Direction::Forward)
        .unwrap_or_else(|| panic!("no forward series"));
    let change = forward
        .change_points
        .iter()
        .find(|c| c.kind == ChangeKind::Escalation)
        .unwrap_or_else(|| panic!("no escalation in {:?}", forward.change_points));
    // 2025-06-02 is week 23; the strikes start in week 31.
    assert_eq!(change.onset, "2025-W31");
    assert_eq!(forward.buckets[change.detected_at].bucket, change.detected);
    assert!(forward.buckets[8].index.z.is_some_and(|z| z > 2.0));
}

#[test]
fn empty_input_gives_empty_series_and_huge_ranges_are_refused() {
    let timeline = build_timeline(&[], &spec(Counting::Story)).unwrap_or_else(|e| panic!("{e}"));
    assert!(timeline.series.iter().all(|s| s.buckets.is_empty()));
    let mut daily = spec(Counting::Story);
    daily.interval = Interval::Day;
    daily.since = Some(day("1000-01-01"));
    daily.until = Some(day("2025-01-01"));
    let err = build_timeline(&crisis(), &daily)
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("day buckets")));
}
