//! Scoring the coder against a validation suite (the JSONL format of `shared/eval`, which the
//! team's own suites under `suites/` share).
//!
//! A record passes when the set of `(source, target, code)` it produces equals `expected`, or when
//! it produces nothing and `expect_no_events` is true. Records with `evaluate: false` are skipped
//! (but their `option_command`, a TABARI option change, still takes effect, as in TABARI).
//! Event-level figures count true positives as the multiset intersection per record. Expected
//! codes are read with XML entities undone ([`unescape_xml`]): PETRARCH wrote its gold as XML, so
//! its new actors read `&quot;NAME&quot;` there.
//!
//! # Context scores
//! An expected event may also carry `modality` (`asserted` | `reported` | `hypothetical` |
//! `future` | `negated`), `date` (`YYYY-MM-DD`), `date_precision` (`day` … `article`) and
//! `attribution` (a list whose items are either a string — the text of a link — or an object
//! with any of `kind`, `text`, `code`); a record may carry `published` (the article date; `date`
//! is used when absent). Each such expected event is matched to the first not yet matched
//! produced event with the same `(source, target, code)`; expected events without a match are
//! not scored here (recall covers them). Over the matched ones that carry the field:
//! - `modality_accuracy`: the produced modality equals the expected one;
//! - `date_accuracy`: the produced `date` equals the expected one when given, and the produced
//!   `date_precision` equals the expected one when given (an event carrying either counts);
//! - `attribution_accuracy`: the chains have the same length and each produced link matches the
//!   expected one at the same position: texts equal ignoring case, surrounding quotes and a
//!   leading "the"; for an object, also `kind` and `code` equal when given. `[]` expects no
//!   attribution.
//!
//! Each figure is `correct / scored` and is present in [`Scores`] (and in the JSON) only when
//! at least one matched expected event carries the field.
//!
//! # Carry-over scores
//! An expected event may carry `carry` (`source` | `target` | `both`): that side's actor is
//! named only in an earlier sentence of the article ("he", "the president"). A record may carry
//! `ambiguous_carry`, a list of `{code, source?, target?}` with one side left out: an event whose
//! left-out side has two compatible antecedents, so that the coder must not guess it.
//! - `carry_accuracy` = carried expected events produced with their exact triple / carried
//!   expected events (`carried_events`);
//! - `ambiguous_silent` = ambiguous cases for which no produced event has the code, the given
//!   side and, on the left-out side, an actor with a country or a name (anything but `---…`),
//!   out of `ambiguous_cases`.
//!
//! These keys are present only when the suite has such fields.

use crate::coder::{Engine, RunOptions};
use crate::record::{Article, Event};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ExpectedEvent {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// One link of an expected attribution chain: its text, or an object with the parts to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ExpectedLink {
    Text(String),
    Link {
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        code: Option<String>,
    },
}

/// An expected event with the optional context fields (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpectedDetail {
    pub source: String,
    pub target: String,
    pub code: String,
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_precision: Option<String>,
    #[serde(default)]
    pub attribution: Option<Vec<ExpectedLink>>,
    /// Which side's actor is named only in an earlier sentence: `source`, `target`, `both`.
    #[serde(default)]
    pub carry: Option<String>,
}

/// An event whose actor on the left-out side is ambiguous across sentences: it must not be
/// produced with a guessed actor there (see "Carry-over scores" in the module doc).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmbiguousCarry {
    pub code: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
}

impl AmbiguousCarry {
    /// Does `e` give this case a guessed actor (a real code on the left-out side)?
    fn guessed_by(&self, e: &Event) -> bool {
        let named = |code: &str| !code.is_empty() && !code.starts_with("---");
        e.cameo == self.code
            && self.source.as_ref().is_none_or(|s| *s == e.source.code)
            && self.target.as_ref().is_none_or(|t| *t == e.target.code)
            && (self.source.is_some() || named(&e.source.code))
            && (self.target.is_some() || named(&e.target.code))
    }
}

impl ExpectedDetail {
    fn has_context(&self) -> bool {
        self.modality.is_some()
            || self.date.is_some()
            || self.date_precision.is_some()
            || self.attribution.is_some()
    }
}

/// The record as written in the file; [`SuiteRecord`] is built from it.
#[derive(Debug, Clone, Deserialize)]
struct RawSuiteRecord {
    id: String,
    #[serde(default)]
    suite: Option<String>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    expected: Vec<ExpectedDetail>,
    #[serde(default)]
    expect_no_events: bool,
    #[serde(default = "yes")]
    evaluate: bool,
    #[serde(default)]
    config: BTreeMap<String, String>,
    #[serde(default)]
    option_command: Option<String>,
    /// The suite's own comments; TABARI's validation text also carries option changes there
    /// (`{ OPTION: SET: MINIMUM WORDS = 4`), which take effect like `option_command`.
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    ambiguous_carry: Vec<AmbiguousCarry>,
}

/// Undoes the XML escapes PETRARCH wrote into its gold codes (`&quot;THE MINISTRY OF
/// MAGIC&quot;` is the new actor `"THE MINISTRY OF MAGIC"`); `&amp;` goes last so that
/// `&amp;quot;` stays `&quot;`.
pub fn unescape_xml(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

impl From<RawSuiteRecord> for SuiteRecord {
    fn from(mut r: RawSuiteRecord) -> Self {
        for e in r.expected.iter_mut() {
            for field in [&mut e.source, &mut e.target, &mut e.code] {
                *field = unescape_xml(field);
            }
        }
        let expected = r
            .expected
            .iter()
            .map(|e| ExpectedEvent {
                source: e.source.clone(),
                target: e.target.clone(),
                code: e.code.clone(),
            })
            .collect();
        let details = if r
            .expected
            .iter()
            .any(|e| e.has_context() || e.carry.is_some())
        {
            r.expected
        } else {
            Vec::new()
        };
        SuiteRecord {
            id: r.id,
            suite: r.suite,
            text: r.text,
            date: r.date,
            published: r.published,
            expected,
            details,
            expect_no_events: r.expect_no_events,
            ambiguous_carry: r.ambiguous_carry,
            evaluate: r.evaluate,
            config: r.config,
            option_command: r.option_command.or_else(|| {
                r.notes.iter().find_map(|n| {
                    n.trim()
                        .strip_prefix("{ OPTION:")
                        .map(|c| c.trim().to_string())
                })
            }),
        }
    }
}

/// One suite record. Unknown fields are ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "RawSuiteRecord")]
pub struct SuiteRecord {
    pub id: String,
    #[serde(default)]
    pub suite: Option<String>,
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub expected: Vec<ExpectedEvent>,
    #[serde(default)]
    pub expect_no_events: bool,
    #[serde(default = "yes")]
    pub evaluate: bool,
    #[serde(default)]
    pub config: BTreeMap<String, String>,
    #[serde(default)]
    pub option_command: Option<String>,
    /// Publication date of the article (`YYYY-MM-DD` or a date-time); `date` when absent.
    #[serde(default)]
    pub published: Option<String>,
    /// The expected events with their context fields, when any carries one (else empty).
    #[serde(default)]
    pub details: Vec<ExpectedDetail>,
    /// Events that must not be produced with a guessed actor (see the module doc).
    #[serde(default)]
    pub ambiguous_carry: Vec<AmbiguousCarry>,
}

fn yes() -> bool {
    true
}

/// The figures `atalaya eval --json` prints, with exactly these keys.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub suite: String,
    pub records: usize,
    pub evaluated: usize,
    pub passed: usize,
    pub pass_rate: f64,
    pub expected_events: usize,
    pub produced_events: usize,
    pub true_positives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// See "Context scores" in the module doc.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modality_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution_accuracy: Option<f64>,
    /// See "Carry-over scores" in the module doc.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carry_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_events: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambiguous_cases: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambiguous_silent: Option<usize>,
}

/// Correct / scored counts for one context field.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    correct: usize,
    scored: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.scored += 1;
        self.correct += usize::from(ok);
    }
    fn rate(self) -> Option<f64> {
        (self.scored > 0).then(|| self.correct as f64 / self.scored as f64)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct ContextTallies {
    modality: Tally,
    date: Tally,
    attribution: Tally,
    /// Carried expected events: produced with their exact triple / all.
    carry: Tally,
    /// Ambiguous cases: left without a guessed actor / all.
    ambiguous: Tally,
}

/// Text comparison for attribution links: case, surrounding quotes and a leading "the" ignored.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s
            .trim()
            .trim_matches(|c: char| matches!(c, '"' | '\'' | '\u{201c}' | '\u{201d}'))
            .trim()
            .to_lowercase();
        s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
    };
    norm(a) == norm(b)
}

fn link_matches(expected: &ExpectedLink, produced: &crate::record::Attribution) -> bool {
    match expected {
        ExpectedLink::Text(t) => same_text(t, &produced.text),
        ExpectedLink::Link { kind, text, code } => {
            kind.as_ref()
                .is_none_or(|k| k.eq_ignore_ascii_case(&produced.kind))
                && text.as_ref().is_none_or(|t| same_text(t, &produced.text))
                && code
                    .as_ref()
                    .is_none_or(|c| produced.code.as_deref() == Some(c.as_str()))
        }
    }
}

/// Scores the carry-over fields of one record: its carried expected events and its ambiguous
/// cases, against what was produced.
fn tally_carry(record: &SuiteRecord, events: &[Event], t: &mut ContextTallies) {
    for d in record.details.iter().filter(|d| d.carry.is_some()) {
        t.carry.add(
            events.iter().any(|e| {
                e.source.code == d.source && e.target.code == d.target && e.cameo == d.code
            }),
        );
    }
    for case in &record.ambiguous_carry {
        t.ambiguous.add(!events.iter().any(|e| case.guessed_by(e)));
    }
}

/// Scores the context fields of one record's expected events against what was produced.
fn tally_context(details: &[ExpectedDetail], events: &[Event], t: &mut ContextTallies) {
    let mut used = vec![false; events.len()];
    for d in details.iter().filter(|d| d.has_context()) {
        let found = events.iter().enumerate().find(|(i, e)| {
            !used[*i] && e.source.code == d.source && e.target.code == d.target && e.cameo == d.code
        });
        let Some((i, e)) = found else {
            continue;
        };
        used[i] = true;
        if let Some(m) = &d.modality {
            t.modality.add(m.eq_ignore_ascii_case(e.modality.name()));
        }
        if d.date.is_some() || d.date_precision.is_some() {
            let date_ok = d
                .date
                .as_ref()
                .is_none_or(|x| e.date.as_deref() == Some(x.as_str()));
            let precision_ok = d
                .date_precision
                .as_ref()
                .is_none_or(|x| e.date_precision.as_deref() == Some(x.as_str()));
            t.date.add(date_ok && precision_ok);
        }
        if let Some(chain) = &d.attribution {
            let ok = chain.len() == e.attribution.len()
                && chain
                    .iter()
                    .zip(&e.attribution)
                    .all(|(x, p)| link_matches(x, p));
            t.attribution.add(ok);
        }
    }
}

impl Scores {
    /// Figures before any record is scored.
    pub fn empty(suite: &str, records: usize) -> Scores {
        Scores {
            suite: suite.to_string(),
            records,
            evaluated: 0,
            passed: 0,
            pass_rate: 0.0,
            expected_events: 0,
            produced_events: 0,
            true_positives: 0,
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
            modality_accuracy: None,
            date_accuracy: None,
            attribution_accuracy: None,
            carry_accuracy: None,
            carried_events: None,
            ambiguous_cases: None,
            ambiguous_silent: None,
        }
    }
}

/// A record that did not pass, with what was produced and what fired.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub id: String,
    pub text: String,
    pub expected: Vec<ExpectedEvent>,
    pub produced: Vec<ExpectedEvent>,
    pub fired: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub scores: Scores,
    pub failures: Vec<Failure>,
}

/// Applies a record's `config` overrides (PETRARCH `<Config>` options) to run options.
pub fn apply_config(opts: &mut RunOptions, config: &BTreeMap<String, String>) {
    for (k, v) in config {
        let num = v.trim().parse::<u32>().ok();
        match k.as_str() {
            "require_dyad" => opts.require_dyad = v.trim().eq_ignore_ascii_case("true"),
            "comma_min" => opts.comma.min = num.unwrap_or(opts.comma.min),
            "comma_max" => opts.comma.max = num.unwrap_or(opts.comma.max),
            "comma_bmin" => opts.comma.bmin = num.unwrap_or(opts.comma.bmin),
            "comma_bmax" => opts.comma.bmax = num.unwrap_or(opts.comma.bmax),
            "comma_emin" => opts.comma.emin = num.unwrap_or(opts.comma.emin),
            "comma_emax" => opts.comma.emax = num.unwrap_or(opts.comma.emax),
            "new_actor_length" => opts.new_actor_length = num.unwrap_or(opts.new_actor_length),
            _ => {}
        }
    }
}

fn triples(events: &[Event], undirected_symmetric: bool) -> Vec<ExpectedEvent> {
    canonical(
        undirected_symmetric,
        events
            .iter()
            .map(|e| ExpectedEvent {
                source: e.source.code.clone(),
                target: e.target.code.clone(),
                code: e.cameo.clone(),
            })
            .collect(),
    )
}

/// Sorted, without repeats; with `undirected_symmetric`, the two sides of a symmetric event (a
/// meeting, a call, an agreement: `atalaya_cameo::is_symmetric`) in one order, so that A→B and
/// B→A are one. That is NEWS-CONVENTIONS' rule, so it holds when the dictionaries code by it
/// (`RunOptions::country_sector`); PETRARCH's and TABARI's suites expect both directions.
fn canonical(undirected_symmetric: bool, mut v: Vec<ExpectedEvent>) -> Vec<ExpectedEvent> {
    for t in v.iter_mut() {
        if undirected_symmetric && atalaya_cameo::is_symmetric(&t.code) && t.target < t.source {
            std::mem::swap(&mut t.source, &mut t.target);
        }
    }
    v.sort();
    v.dedup();
    v
}

/// Scores `records` (already parsed). `on_option` is called with each record's `option_command`
/// so that the caller can change the engine's options (TABARI suites do this mid-suite); it
/// returns the options to use from then on.
pub fn evaluate(
    engine: &Engine,
    suite: &str,
    records: &[SuiteRecord],
    base_options: RunOptions,
    mut on_option: impl FnMut(&str, &RunOptions) -> RunOptions,
) -> EvalReport {
    let mut opts = base_options;
    let mut scores = Scores::empty(suite, records.len());
    let mut context = ContextTallies::default();
    let mut failures = Vec::new();
    for r in records {
        if let Some(cmd) = r.option_command.as_deref() {
            opts = on_option(cmd, &opts);
        }
        if !r.evaluate {
            continue;
        }
        scores.evaluated += 1;
        let mut run = opts.clone();
        apply_config(&mut run, &r.config);
        let published = r.published.clone().or_else(|| r.date.clone());
        let article = Article {
            id: r.id.clone(),
            published,
            text: r.text.clone(),
            ..Article::default()
        };
        let out = engine.code_article_with(&article, &run);
        tally_context(&r.details, &out.events, &mut context);
        tally_carry(r, &out.events, &mut context);
        let news = opts.country_sector.is_some();
        let produced = triples(&out.events, news);
        if std::env::var_os("ATALAYA_EVAL_DUMP").is_some() {
            for e in &out.events {
                let t = ExpectedEvent {
                    source: e.source.code.clone(),
                    target: e.target.code.clone(),
                    code: e.cameo.clone(),
                };
                let tp = r.expected.contains(&t);
                eprintln!(
                    "DUMP\t{}\t{}\t{} {} {}\t{}\t{:?}\t{}\t{}\t{}\t{}",
                    r.id,
                    tp,
                    t.source,
                    t.target,
                    t.code,
                    e.confidence,
                    e.modality,
                    e.matched.verb,
                    e.matched.pattern.as_deref().unwrap_or("-"),
                    e.source.text,
                    e.target.text
                );
            }
        }
        let expected = canonical(news, r.expected.clone());
        let tp = expected.iter().filter(|e| produced.contains(e)).count();
        scores.expected_events += expected.len();
        scores.produced_events += produced.len();
        scores.true_positives += tp;
        let pass = if produced.is_empty() && r.expect_no_events {
            true
        } else {
            produced == expected
        };
        if pass {
            scores.passed += 1;
        } else {
            let fired = out
                .events
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {} <- {} {} ({})",
                        e.source.code,
                        e.target.code,
                        e.cameo,
                        e.matched.verb,
                        e.matched.pattern.as_deref().unwrap_or("[verb code]"),
                        e.matched.origin
                    )
                })
                .collect();
            failures.push(Failure {
                id: r.id.clone(),
                text: r.text.clone(),
                expected,
                produced,
                fired,
            });
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    scores.pass_rate = ratio(scores.passed, scores.evaluated);
    scores.precision = ratio(scores.true_positives, scores.produced_events);
    scores.recall = ratio(scores.true_positives, scores.expected_events);
    scores.f1 = if scores.precision + scores.recall > 0.0 {
        2.0 * scores.precision * scores.recall / (scores.precision + scores.recall)
    } else {
        0.0
    };
    scores.modality_accuracy = context.modality.rate();
    scores.date_accuracy = context.date.rate();
    scores.attribution_accuracy = context.attribution.rate();
    scores.carry_accuracy = context.carry.rate();
    scores.carried_events = (context.carry.scored > 0).then_some(context.carry.scored);
    scores.ambiguous_cases = (context.ambiguous.scored > 0).then_some(context.ambiguous.scored);
    scores.ambiguous_silent = (context.ambiguous.scored > 0).then_some(context.ambiguous.correct);
    EvalReport { scores, failures }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ActorRef, Attribution, Matched, Modality, Span};

    fn event(source: &str, target: &str, code: &str, modality: Modality) -> Event {
        Event {
            id: "a-0-0".into(),
            article_id: "a".into(),
            sentence_index: 0,
            span: Span { start: 0, end: 1 },
            sentence: String::new(),
            source: ActorRef {
                code: source.into(),
                ..ActorRef::default()
            },
            target: ActorRef {
                code: target.into(),
                ..ActorRef::default()
            },
            cameo: code.into(),
            cameo_root: code.get(..2).unwrap_or(code).into(),
            quad_class: None,
            goldstein: None,
            plover: None,
            modality,
            attribution: vec![Attribution {
                kind: "outlet".into(),
                text: "The Washington Post".into(),
                code: None,
            }],
            date: Some("2025-09-09".into()),
            date_precision: Some("day".into()),
            location: None,
            confidence: 0.5,
            matched: Matched::default(),
            cluster_id: None,
        }
    }

    #[test]
    fn records_keep_triples_and_context() {
        let line = r#"{"id":"c1","text":"x","published":"2025-09-10","expected":[{"source":"USA","target":"MEXCRM","code":"195","modality":"reported","date":"2025-09-09","date_precision":"day","attribution":["Washington Post"]}]}"#;
        let r: SuiteRecord = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            r.expected,
            vec![ExpectedEvent {
                source: "USA".into(),
                target: "MEXCRM".into(),
                code: "195".into()
            }]
        );
        assert_eq!(r.published.as_deref(), Some("2025-09-10"));
        assert_eq!(r.details.len(), 1);
        assert!(r.evaluate);
        let plain =
            r#"{"id":"c2","text":"x","expected":[{"source":"USA","target":"MEX","code":"010"}]}"#;
        let r: SuiteRecord = serde_json::from_str(plain).unwrap_or_else(|e| panic!("{e}"));
        assert!(r.details.is_empty());
    }

    #[test]
    fn context_tallies_match_by_triple() {
        let line = r#"{"id":"c1","text":"x","expected":[
            {"source":"USA","target":"MEXCRM","code":"195","modality":"reported","date":"2025-09-09","attribution":[{"kind":"outlet","text":"Washington Post"}]},
            {"source":"USA","target":"MEX","code":"138","modality":"asserted","date_precision":"week","attribution":[]},
            {"source":"MEX","target":"USA","code":"120","modality":"negated"}]}"#;
        let r: SuiteRecord =
            serde_json::from_str(&line.replace('\n', "")).unwrap_or_else(|e| panic!("{e}"));
        let events = vec![
            event("USA", "MEXCRM", "195", Modality::Reported),
            event("USA", "MEX", "138", Modality::Asserted),
        ];
        let mut t = ContextTallies::default();
        tally_context(&r.details, &events, &mut t);
        // The third expected event has no produced match: not scored.
        assert_eq!((t.modality.correct, t.modality.scored), (2, 2));
        // Precision "week" expected, "day" produced.
        assert_eq!((t.date.correct, t.date.scored), (1, 2));
        // `[]` expected, one link produced.
        assert_eq!((t.attribution.correct, t.attribution.scored), (1, 2));
        assert_eq!(t.date.rate(), Some(0.5));
        assert_eq!(Tally::default().rate(), None);
    }

    #[test]
    fn scores_serialize_context_keys_only_when_scored() {
        let mut s = Scores::empty("s", 0);
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert!(!json.contains("modality_accuracy"));
        s.modality_accuracy = Some(0.5);
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert!(json.contains("\"modality_accuracy\":0.5"));
        assert!(!json.contains("date_accuracy"));
        assert!(!json.contains("carry_accuracy"));
    }

    #[test]
    fn carry_tallies_count_carried_events_and_unguessed_ambiguous_cases() {
        let line = r#"{"id":"c1","text":"x","expected":[
            {"source":"USAGOV","target":"CAN","code":"111","carry":"source"},
            {"source":"MEXGOV","target":"USA","code":"120","carry":"source"},
            {"source":"USAGOV","target":"MEXGOV","code":"040"}],
            "ambiguous_carry":[{"target":"CAN","code":"051"},{"target":"CAN","code":"042"},
            {"source":"CAN","code":"111"}]}"#;
        let r: SuiteRecord =
            serde_json::from_str(&line.replace('\n', "")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.details.len(), 3);
        assert_eq!(r.ambiguous_carry.len(), 3);
        let events = vec![
            event("USAGOV", "CAN", "111", Modality::Asserted),
            event("USAGOV", "MEXGOV", "040", Modality::Asserted),
            // Left-out side unnamed: silent.
            event("---", "CAN", "051", Modality::Asserted),
            // A guess.
            event("MEXGOV", "CAN", "042", Modality::Asserted),
            // Another code: not this case.
            event("CAN", "USAGOV", "112", Modality::Asserted),
        ];
        let mut t = ContextTallies::default();
        tally_carry(&r, &events, &mut t);
        assert_eq!((t.carry.correct, t.carry.scored), (1, 2));
        assert_eq!((t.ambiguous.correct, t.ambiguous.scored), (2, 3));
    }
}

#[cfg(test)]
mod suite_file {
    use super::{apply_config, unescape_xml, ExpectedEvent, SuiteRecord};
    use crate::coder::Engine;
    use std::collections::BTreeMap;

    /// The team's context suite parses, and its context fields use the documented values.
    #[test]
    fn context_suite_parses() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../suites/context.jsonl");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return;
        };
        let mut sentences = 0;
        let mut articles = 0;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let r: SuiteRecord = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
            assert!(
                r.published
                    .as_deref()
                    .and_then(atalaya_time::parse_published)
                    .is_some(),
                "line {}",
                i + 1
            );
            if r.text.contains("\n\n") {
                articles += 1;
            } else {
                sentences += 1;
            }
            for case in &r.ambiguous_carry {
                assert!(
                    case.source.is_some() != case.target.is_some(),
                    "line {}: an ambiguous case leaves out exactly one side",
                    i + 1
                );
            }
            for d in &r.details {
                assert!(
                    d.carry
                        .as_deref()
                        .is_none_or(|c| ["source", "target", "both"].contains(&c)),
                    "line {}",
                    i + 1
                );
                let m = d.modality.as_deref().unwrap_or("asserted");
                assert!(
                    ["asserted", "reported", "hypothetical", "future", "negated"].contains(&m),
                    "line {}",
                    i + 1
                );
                let p = d.date_precision.as_deref().unwrap_or("day");
                assert!(
                    ["day", "week", "month", "season", "year", "article"].contains(&p),
                    "line {}",
                    i + 1
                );
                assert!(
                    atalaya_cameo::lookup(&d.code).is_some(),
                    "line {}: code {}",
                    i + 1,
                    d.code
                );
            }
        }
        assert!(
            sentences >= 150 && articles >= 20,
            "{sentences} sentences, {articles} articles"
        );
    }

    #[test]
    fn expected_codes_are_read_with_xml_entities_undone() {
        let line = r#"{"id":"n1","text":"x","expected":[{"source":"&quot;THE COUNCIL OF ELROND&quot;","target":"A&amp;B","code":"&lt;040&gt;&apos;"}]}"#;
        let r: SuiteRecord = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            r.expected,
            vec![ExpectedEvent {
                source: "\"THE COUNCIL OF ELROND\"".into(),
                target: "A&B".into(),
                code: "<040>'".into(),
            }]
        );
        assert_eq!(unescape_xml("&amp;quot;"), "&quot;");
    }

    #[test]
    fn record_config_sets_the_new_actor_length() {
        let (dicts, _) =
            atalaya_dict::atalaya::load_texts_atalaya(&[]).unwrap_or_else(|e| panic!("{e}"));
        let mut opts = Engine::new(dicts).default_options();
        assert_eq!(opts.new_actor_length, 0);
        let config = BTreeMap::from([("new_actor_length".to_string(), "4".to_string())]);
        apply_config(&mut opts, &config);
        assert_eq!(opts.new_actor_length, 4);
    }
}
