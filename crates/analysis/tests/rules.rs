//! Alert rules: parsing (errors name file:line, good lines survive bad ones) and firing.

use atalaya_analysis::{
    build_timeline, parse_day, parse_rules, ChangeKind, Comparison, Counting, Interval, Measure,
    Tally, Threshold, TimelineSpec,
};
use atalaya_engine::Modality;
use chrono::NaiveDate;

fn day(text: &str) -> NaiveDate {
    parse_day(text).unwrap_or_else(|| panic!("bad test day {text}"))
}

#[test]
fn rules_parse_into_their_parts() {
    let text = "\
# comment line

strikes: USA->MEX material-conflict asserted,reported >= 1 per week
USA->MEX threats >= 3x baseline(8 weeks)   # trailing comment
MEX-USA stories > 10 per month per-report
shift: USA-MEX escalation per day
low: USA->MEX cooperation <= 0.5x baseline(6 months)
";
    let (rules, errors) = parse_rules(text, "us.rules");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rules.len(), 5);
    let strikes = &rules[0];
    assert_eq!(strikes.name, "strikes");
    assert_eq!(strikes.origin, "us.rules:3");
    assert!(strikes.dyad.directed);
    assert_eq!(
        strikes.modalities.as_deref(),
        Some(&[Modality::Asserted, Modality::Reported][..])
    );
    assert_eq!(
        strikes.condition,
        Some((Comparison::AtLeast, Threshold::Value(1.0)))
    );
    let threats = &rules[1];
    assert_eq!(threats.name, "us.rules:4");
    assert_eq!(threats.interval, Interval::Week);
    assert_eq!(
        threats.condition,
        Some((
            Comparison::AtLeast,
            Threshold::BaselineRatio {
                factor: 3.0,
                buckets: 8
            }
        ))
    );
    let stories = &rules[2];
    assert!(!stories.dyad.directed);
    assert_eq!(stories.interval, Interval::Month);
    assert_eq!(stories.counting, Counting::Report);
    assert_eq!(rules[3].measure, Measure::Change(ChangeKind::Escalation));
    assert_eq!(rules[3].interval, Interval::Day);
    assert_eq!(rules[4].interval, Interval::Month);
}

#[test]
fn every_broken_line_is_reported_with_its_line_and_the_others_are_kept() {
    let text = "\
ok: USA->MEX threats >= 1
USA->MEX threatz >= 1
USA+MEX threats >= 1
USA->MEX threats >= many
USA->MEX threats >= 3x baseline(8 weeks) per month
USA->MEX index asserted >= 2
USA->MEX escalation >= 1
USA->MEX threats
USA->MEX threats >= 1 asserted
USA->MEX threats >= 3x baseline(eight weeks)
ok: USA->MEX plans >= 1
USA->MEX threats >= 3x baseline(8 weeks
USA->MEX threats >= 1 sometimes
";
    let (rules, errors) = parse_rules(text, "bad.rules");
    assert_eq!(rules.len(), 1, "{rules:?}");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let expect = [
        "bad.rules:2: unknown measure `threatz`",
        "bad.rules:3: `USA+MEX` is not a dyad",
        "bad.rules:4: threshold `many` is not a number",
        "bad.rules:5: `per month` disagrees with the baseline's weeks",
        "bad.rules:6: modality `asserted`: modalities narrow counts only",
        "bad.rules:7: `escalation` takes no comparison",
        "bad.rules:8: `threats` needs a comparison",
        "bad.rules:9: modality `asserted` after the comparison",
        "bad.rules:10: `baseline(eight weeks)`: the baseline length",
        "bad.rules:11: rule name `ok` is already used on line 1",
        "bad.rules:12: `(` without `)`",
        "bad.rules:13: unexpected `sometimes`",
    ];
    for (message, expected) in messages.iter().zip(expect) {
        assert!(
            message.starts_with(expected),
            "{message}\n  expected: {expected}"
        );
    }
}

fn threat(on: &str, modality: Modality, reports: u64) -> Tally {
    Tally {
        day: day(on),
        forward: true,
        source_code: "USAGOV".into(),
        target_code: "MEXGOV".into(),
        cameo: "138".into(),
        quad_class: Some(3),
        modality,
        cluster_id: None,
        reports,
        goldstein_sum: -7.0 * reports as f64,
        scored: reports,
        confidence: 0.9,
    }
}

fn strike(on: &str, modality: Modality) -> Tally {
    Tally {
        cameo: "195".into(),
        quad_class: Some(4),
        goldstein_sum: -9.5,
        ..threat(on, modality, 1)
    }
}

/// One threat a week for eight weeks from 2025-06-02 (weeks 23–30), four in week 31, in
/// week 32 one asserted and one only reported strike, four threats again in week 33.
fn history() -> Vec<Tally> {
    let mut tallies = Vec::new();
    let mut monday = day("2025-06-02");
    for _ in 0..8 {
        tallies.push(threat(&monday.to_string(), Modality::Asserted, 1));
        monday = monday + chrono::Days::new(7);
    }
    tallies.push(threat(&monday.to_string(), Modality::Asserted, 4));
    monday = monday + chrono::Days::new(7);
    tallies.push(strike(&monday.to_string(), Modality::Asserted));
    tallies.push(strike(&monday.to_string(), Modality::Reported));
    monday = monday + chrono::Days::new(7);
    tallies.push(threat(&monday.to_string(), Modality::Asserted, 4));
    tallies
}

fn fired(rule_text: &str, from: &str, to: &str) -> Vec<(String, f64)> {
    let (rules, errors) = parse_rules(rule_text, "t.rules");
    assert!(errors.is_empty(), "{errors:?}");
    let rule = &rules[0];
    let key = rule.series_key();
    let mut spec = TimelineSpec::new(key.dyad, key.interval);
    spec.counting = key.counting;
    let timeline = build_timeline(&history(), &spec).unwrap_or_else(|e| panic!("{e}"));
    rule.evaluate(&timeline, day(from), day(to))
        .into_iter()
        .map(|f| (f.bucket, f.value))
        .collect()
}

#[test]
fn a_threshold_rule_fires_in_the_buckets_where_it_holds() {
    let firings = fired("USA->MEX threats >= 2 per week", "2025-01-01", "2025-12-31");
    assert_eq!(
        firings,
        [("2025-W31".to_string(), 4.0), ("2025-W33".to_string(), 4.0)]
    );
    // Only the window is checked.
    assert!(fired("USA->MEX threats >= 2", "2025-08-04", "2025-08-10").is_empty());
}

#[test]
fn a_baseline_rule_compares_with_the_mean_of_the_weeks_before() {
    // Week 31: 4 threats against a mean of 1 over weeks 23–30: 4 ≥ 3 × 1.
    let firings = fired(
        "USA->MEX threats >= 3x baseline(8 weeks)",
        "2025-06-30",
        "2025-08-10",
    );
    assert_eq!(firings, [("2025-W31".to_string(), 4.0)]);
    // Weeks 23 to 25: 1 threat against a mean of 0, 1/8, 2/8 (earlier weeks count as 0).
    let early = fired(
        "USA->MEX threats >= 3x baseline(8 weeks)",
        "2025-06-02",
        "2025-06-22",
    );
    let weeks: Vec<&str> = early.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(weeks, ["2025-W23", "2025-W24", "2025-W25"]);
    // Zero never rises: week 32 has no threat at all.
    assert!(fired(
        "USA->MEX threats >= 0x baseline(8 weeks)",
        "2025-08-04",
        "2025-08-10"
    )
    .is_empty());
}

#[test]
fn modality_filters_count_only_what_they_name() {
    let asserted = fired(
        "USA->MEX material-conflict asserted >= 1",
        "2025-01-01",
        "2025-12-31",
    );
    assert_eq!(asserted, [("2025-W32".to_string(), 1.0)]);
    let both = fired(
        "USA->MEX material-conflict asserted,reported >= 2",
        "2025-01-01",
        "2025-12-31",
    );
    assert_eq!(both, [("2025-W32".to_string(), 2.0)]);
    assert!(fired(
        "USA->MEX material-conflict >= 3",
        "2025-01-01",
        "2025-12-31"
    )
    .is_empty());
}

#[test]
fn an_escalation_rule_fires_where_the_cusum_detects_it() {
    // Levels ln(1 + 7) = 2.08 for eight weeks, then ln 29 = 3.37 (z 2.58), ln 18.1 = 2.90
    // (z 1.64), 3.37 (z 2.2): S⁺ = 2.08, 3.22, 4.92 > 4 in week 33.
    let firings = fired("USA->MEX escalation", "2025-01-01", "2025-12-31");
    assert_eq!(firings.len(), 1, "{firings:?}");
    assert_eq!(firings[0].0, "2025-W33");
    assert!(fired("USA->MEX de-escalation", "2025-01-01", "2025-12-31").is_empty());
}
