//! Alert rules: a small line format (spec in `docs/alert-rules.md`), parsed with errors that
//! name `file:line`, and checked against a [`Timeline`].
//!
//! One rule per line; `#` starts a comment; blank lines are skipped:
//!
//! ```text
//! [NAME:] DYAD MEASURE [MODALITY[,MODALITY...]] [OP THRESHOLD] [per INTERVAL] [per-report]
//!
//! strikes:  USA->MEX material-conflict asserted >= 1 per week
//! threats:  USA->MEX threats >= 3x baseline(8 weeks)
//! floated:  USA->MEX planned-conflict >= 2 per week
//! index:    USA->MEX index >= 2.5
//! shift:    USA->MEX escalation per week
//! ```
//!
//! A [`Rule`] is checked bucket by bucket over the series of its dyad (`A->B` one direction,
//! `A-B` both), interval and counting; [`Rule::evaluate`] returns a [`Firing`] for each bucket
//! in a window where it holds.

use crate::bucket::Interval;
use crate::classes::EvidenceClass;
use crate::index::ChangeKind;
use crate::series::{BucketStats, Counting, Dyad, DyadSeries, StorySummary, Timeline};
use atalaya_engine::Modality;
use chrono::NaiveDate;
use serde::Serialize;

/// What a rule measures in each bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Stories (or reports) of these classes.
    Count(Vec<EvidenceClass>),
    GoldsteinSum,
    GoldsteinMean,
    /// Modality-weighted conflict Goldstein.
    Intensity,
    /// The escalation index z.
    Index,
    /// A change point of this kind detected in the bucket.
    Change(ChangeKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    Below,
}

impl Comparison {
    fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::AtLeast => value >= threshold,
            Comparison::Above => value > threshold,
            Comparison::AtMost => value <= threshold,
            Comparison::Below => value < threshold,
        }
    }

    fn rising(self) -> bool {
        matches!(self, Comparison::AtLeast | Comparison::Above)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::Above => ">",
            Comparison::AtMost => "<=",
            Comparison::Below => "<",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Threshold {
    Value(f64),
    /// `factor` times the mean of the measure over the `buckets` buckets before.
    BaselineRatio {
        factor: f64,
        buckets: usize,
    },
}

/// One parsed rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// The name before the colon, else `file:line`.
    pub name: String,
    /// `file:line` of the rule.
    pub origin: String,
    /// The rule as written (comment removed).
    pub text: String,
    pub dyad: Dyad,
    pub measure: Measure,
    /// Only these modalities (counts only).
    pub modalities: Option<Vec<Modality>>,
    /// `None` for change rules.
    pub condition: Option<(Comparison, Threshold)>,
    pub interval: Interval,
    pub counting: Counting,
}

/// A rule line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// A rule that holds in one bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Firing {
    pub rule: String,
    pub origin: String,
    pub text: String,
    /// The series checked (`USA->MEX`, `USA-MEX`).
    pub series: String,
    pub bucket: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub value: f64,
    /// What the value was compared with (the baseline times its factor for ratio rules).
    pub threshold: Option<f64>,
    pub baseline: Option<f64>,
    /// The bucket's largest story, as evidence to read first.
    pub top_story: Option<StorySummary>,
}

/// The series a rule is checked on: rules that share one are checked on one timeline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SeriesKey {
    pub dyad: Dyad,
    pub interval: Interval,
    pub counting: Counting,
}

const MEASURES: &str = "material-conflict, threats, verbal-conflict, planned-conflict, \
    material-cooperation, verbal-cooperation, planned-cooperation, negated, plans, conflict, \
    cooperation, stories, goldstein-sum, goldstein-mean, intensity, index, escalation, \
    de-escalation";

fn measure_named(name: &str) -> Option<Measure> {
    use EvidenceClass as C;
    let classes = |list: &[EvidenceClass]| Some(Measure::Count(list.to_vec()));
    match name {
        "material-conflict" => classes(&[C::MaterialConflict]),
        "threat" | "threats" => classes(&[C::Threat]),
        "verbal-conflict" => classes(&[C::VerbalConflict]),
        "planned-conflict" => classes(&[C::PlannedConflict]),
        "material-cooperation" => classes(&[C::MaterialCooperation]),
        "verbal-cooperation" => classes(&[C::VerbalCooperation]),
        "planned-cooperation" => classes(&[C::PlannedCooperation]),
        "negated" => classes(&[C::Negated]),
        "plan" | "plans" => classes(&[C::PlannedConflict, C::PlannedCooperation]),
        "conflict" => classes(&[
            C::MaterialConflict,
            C::Threat,
            C::VerbalConflict,
            C::PlannedConflict,
        ]),
        "cooperation" => classes(&[
            C::MaterialCooperation,
            C::VerbalCooperation,
            C::PlannedCooperation,
        ]),
        "stories" | "reports" | "events" | "all" => classes(&C::ALL),
        "goldstein-sum" | "goldstein" => Some(Measure::GoldsteinSum),
        "goldstein-mean" => Some(Measure::GoldsteinMean),
        "intensity" => Some(Measure::Intensity),
        "index" | "z" => Some(Measure::Index),
        "escalation" => Some(Measure::Change(ChangeKind::Escalation)),
        "de-escalation" | "deescalation" => Some(Measure::Change(ChangeKind::DeEscalation)),
        _ => None,
    }
}

/// Splits a rule into words; a parenthesised group (`baseline(8 weeks)`) stays one word.
fn words(text: &str) -> Result<Vec<&str>, String> {
    let mut words = Vec::new();
    let mut start = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                depth += 1;
                start.get_or_insert(i);
            }
            ')' => {
                if depth == 0 {
                    return Err("`)` without `(`".into());
                }
                depth -= 1;
            }
            c if c.is_whitespace() && depth == 0 => {
                if let Some(s) = start.take() {
                    words.push(&text[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if depth > 0 {
        return Err("`(` without `)`".into());
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    Ok(words)
}

fn comparison(word: &str) -> Option<Comparison> {
    match word {
        ">=" | "≥" => Some(Comparison::AtLeast),
        ">" => Some(Comparison::Above),
        "<=" | "≤" => Some(Comparison::AtMost),
        "<" => Some(Comparison::Below),
        _ => None,
    }
}

fn number(word: &str) -> Option<f64> {
    word.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `baseline(8 weeks)` → (8, week).
fn baseline_window(word: &str) -> Result<(usize, Interval), String> {
    let inner = word
        .strip_prefix("baseline(")
        .and_then(|w| w.strip_suffix(')'))
        .ok_or_else(|| format!("expected `baseline(N weeks)` after the factor, found `{word}`"))?;
    let mut parts = inner.split_whitespace();
    let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!(
            "`{word}`: a baseline is written `baseline(N days|weeks|months)`"
        ));
    };
    let n: usize = n
        .parse()
        .ok()
        .filter(|n| (1..=1000).contains(n))
        .ok_or_else(|| format!("`{word}`: the baseline length must be 1 to 1000 buckets"))?;
    let unit = Interval::parse(unit)
        .ok_or_else(|| format!("`{word}`: unknown unit `{unit}` (days, weeks or months)"))?;
    Ok((n, unit))
}

/// Parses one rule line (comment already removed, not blank).
fn parse_rule(text: &str, origin: &str) -> Result<Rule, String> {
    let mut words = words(text)?.into_iter().peekable();
    let mut name = None;
    let mut first = words.next().ok_or("empty rule")?;
    if let Some(label) = first.strip_suffix(':') {
        if label.is_empty()
            || !label
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(format!(
                "rule name `{label}`: use letters, digits, `-`, `_` or `.`"
            ));
        }
        name = Some(label.to_string());
        first = words
            .next()
            .ok_or("a dyad (e.g. USA->MEX) must follow the rule name")?;
    }
    let dyad = Dyad::parse(first, false).ok_or_else(|| {
        format!("`{first}` is not a dyad: write A->B for one direction or A-B for both")
    })?;
    let measure_word = words
        .next()
        .ok_or("a measure must follow the dyad (e.g. threats, material-conflict, index)")?;
    let measure = measure_named(&measure_word.to_ascii_lowercase())
        .ok_or_else(|| format!("unknown measure `{measure_word}` (one of: {MEASURES})"))?;
    let mut modalities: Option<Vec<Modality>> = None;
    let mut condition = None;
    let mut interval = None;
    let mut baseline_unit = None;
    let mut counting = Counting::Story;
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if let Some(op) = comparison(word) {
            if condition.is_some() {
                return Err(format!("a second comparison `{word}`: one per rule"));
            }
            let value = words
                .next()
                .ok_or_else(|| format!("a threshold must follow `{word}`"))?;
            let threshold = match value.strip_suffix(['x', '×']).and_then(number) {
                Some(factor) => {
                    let window = words.next().ok_or_else(|| {
                        format!("`{value}` must be followed by `baseline(N weeks)`")
                    })?;
                    let (buckets, unit) = baseline_window(window)?;
                    if factor < 0.0 {
                        return Err(format!("factor `{value}` must not be negative"));
                    }
                    baseline_unit = Some(unit);
                    Threshold::BaselineRatio { factor, buckets }
                }
                None => Threshold::Value(number(value).ok_or_else(|| {
                    format!("threshold `{value}` is not a number or a factor such as `3x`")
                })?),
            };
            condition = Some((op, threshold));
        } else if lower == "per" {
            let unit = words
                .next()
                .ok_or("`per` must be followed by day, week, month or report")?;
            match unit.to_ascii_lowercase().as_str() {
                "report" | "reports" => counting = Counting::Report,
                "story" | "stories" => counting = Counting::Story,
                other => {
                    interval = Some(Interval::parse(other).ok_or_else(|| {
                        format!("`per {unit}`: expected day, week, month or report")
                    })?);
                }
            }
        } else if lower == "per-report" {
            counting = Counting::Report;
        } else if lower == "per-story" {
            counting = Counting::Story;
        } else if let Some(list) = lower
            .split(',')
            .map(Modality::parse)
            .collect::<Option<Vec<_>>>()
        {
            if !matches!(measure, Measure::Count(_)) {
                return Err(format!(
                    "modality `{word}`: modalities narrow counts only, not `{measure_word}`"
                ));
            }
            if condition.is_some() {
                return Err(format!(
                    "modality `{word}` after the comparison: write it right after the measure"
                ));
            }
            modalities.get_or_insert_with(Vec::new).extend(list);
        } else {
            return Err(format!(
                "unexpected `{word}` (after the measure: modalities, then `>= N` or \
                 `>= Nx baseline(M weeks)`, then `per week` and `per-report`)"
            ));
        }
    }
    let interval = match (interval, baseline_unit) {
        (Some(per), Some(unit)) if per != unit => {
            return Err(format!(
                "`per {per}` disagrees with the baseline's {unit}s: a baseline counts buckets \
                 of the rule's interval"
            ))
        }
        (Some(per), _) => per,
        (None, Some(unit)) => unit,
        (None, None) => Interval::Week,
    };
    match (&measure, &condition) {
        (Measure::Change(_), Some(_)) => {
            return Err(format!(
                "`{measure_word}` takes no comparison: it fires when a change point is detected"
            ))
        }
        (Measure::Change(_), None) => {}
        (_, None) => {
            return Err(format!(
                "`{measure_word}` needs a comparison such as `>= 1` or `>= 3x baseline(8 weeks)`"
            ))
        }
        _ => {}
    }
    Ok(Rule {
        name: name.unwrap_or_else(|| origin.to_string()),
        origin: origin.to_string(),
        text: text.to_string(),
        dyad,
        measure,
        modalities,
        condition,
        interval,
        counting,
    })
}

/// Parses a rules file's text; `file` names it in errors and origins. Every bad line is
/// reported (the good ones are still returned beside the errors).
pub fn parse_rules(text: &str, file: &str) -> (Vec<Rule>, Vec<RuleError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let mut names: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let body = raw.split('#').next().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        let origin = format!("{file}:{line}");
        match parse_rule(body, &origin) {
            Ok(rule) => {
                if let Some(previous) = names.insert(rule.name.clone(), line) {
                    errors.push(RuleError {
                        file: file.to_string(),
                        line,
                        message: format!(
                            "rule name `{}` is already used on line {previous}",
                            rule.name
                        ),
                    });
                } else {
                    rules.push(rule);
                }
            }
            Err(message) => errors.push(RuleError {
                file: file.to_string(),
                line,
                message,
            }),
        }
    }
    (rules, errors)
}

impl Rule {
    /// The series this rule is checked on.
    pub fn series_key(&self) -> SeriesKey {
        SeriesKey {
            dyad: self.dyad.clone(),
            interval: self.interval,
            counting: self.counting,
        }
    }

    /// The buckets of `timeline` (built for [`Rule::series_key`]) that overlap `from..=to`
    /// and where the rule holds. Ratio rules compare with the mean over the buckets before,
    /// counting buckets before the series' first as 0 (nothing was recorded then).
    pub fn evaluate(&self, timeline: &Timeline, from: NaiveDate, to: NaiveDate) -> Vec<Firing> {
        let Some(series) = timeline.main() else {
            return Vec::new();
        };
        let mut firings = Vec::new();
        for (t, bucket) in series.buckets.iter().enumerate() {
            if bucket.end < from || bucket.start > to {
                continue;
            }
            if let Some(firing) = self.check_bucket(series, t, bucket) {
                firings.push(firing);
            }
        }
        firings
    }

    /// The bucket's largest story of the classes the rule counts (any class for other rules).
    fn evidence(&self, bucket: &BucketStats) -> Option<StorySummary> {
        let wanted = |story: &&StorySummary| match &self.measure {
            Measure::Count(classes) => {
                classes.contains(&story.class)
                    && self
                        .modalities
                        .as_ref()
                        .is_none_or(|m| m.contains(&story.modality))
            }
            _ => true,
        };
        bucket
            .top_stories
            .iter()
            .find(wanted)
            .or(bucket.top_stories.first())
            .cloned()
    }

    fn value(&self, bucket: &BucketStats) -> Option<f64> {
        match &self.measure {
            Measure::Count(classes) => {
                Some(bucket.count_of(classes, self.modalities.as_deref()) as f64)
            }
            Measure::GoldsteinSum => Some(bucket.goldstein_sum),
            Measure::GoldsteinMean => bucket.goldstein_mean,
            Measure::Intensity => Some(bucket.conflict_intensity),
            Measure::Index => bucket.index.z,
            Measure::Change(_) => None,
        }
    }

    fn check_bucket(&self, series: &DyadSeries, t: usize, bucket: &BucketStats) -> Option<Firing> {
        let fire = |value: f64, threshold: Option<f64>, baseline: Option<f64>| Firing {
            rule: self.name.clone(),
            origin: self.origin.clone(),
            text: self.text.clone(),
            series: series.label.clone(),
            bucket: bucket.bucket.clone(),
            start: bucket.start,
            end: bucket.end,
            value,
            threshold,
            baseline,
            top_story: self.evidence(bucket),
        };
        if let Measure::Change(kind) = self.measure {
            let change = series
                .change_points
                .iter()
                .find(|c| c.kind == kind && c.detected_at == t)?;
            return Some(fire(change.peak_z, None, None));
        }
        let value = self.value(bucket)?;
        let (op, threshold) = self.condition.as_ref()?;
        match threshold {
            Threshold::Value(limit) => op
                .holds(value, *limit)
                .then(|| fire(value, Some(*limit), None)),
            Threshold::BaselineRatio { factor, buckets } => {
                let before = series.buckets.get(t.saturating_sub(*buckets)..t)?;
                let values: Vec<f64> = before.iter().filter_map(|b| self.value(b)).collect();
                let baseline = values.iter().sum::<f64>() / *buckets as f64;
                let limit = factor * baseline;
                // A rise needs something to rise: 0 is never 3× a baseline of 0. A fall needs
                // a baseline to fall from.
                let meaningful = if op.rising() {
                    value > 0.0
                } else {
                    baseline > 0.0
                };
                (meaningful && op.holds(value, limit))
                    .then(|| fire(value, Some(limit), Some(baseline)))
            }
        }
    }
}
