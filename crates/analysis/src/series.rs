//! Dyad series: from [`Tally`] rows (what the store hands over: events grouped by day, code,
//! modality and cluster) to per-bucket [`BucketStats`] for the whole dyad and each direction,
//! with the escalation index of each (`index.rs`).
//!
//! Counting. A *story* is one occurrence, however many reports carry it: the events that share
//! a `cluster_id`, or one event alone when it has none. Per story (the default) each story is
//! counted once:
//! - it falls in the bucket of its **earliest** mention's day (the event's own date, else its
//!   article's publication day), so a follow-up a week later does not count it again;
//! - it carries the class, modality, direction and Goldstein score of its **representative**
//!   mention: the strongest modality (asserted, then reported, future, hypothetical, negated),
//!   then the most specific CAMEO code, then the highest confidence, then the earliest day.
//!   A story one outlet asserts and three report is asserted.
//!
//! Per report, every event is counted where its own day falls (GDELT's way). Either way,
//! `reports` in a bucket counts the events behind what is counted there.

use crate::bucket::Interval;
use crate::classes::{classify, modality_index, EvidenceClass};
use crate::index::{escalation_index, ChangePoint, IndexParams, IndexPoint, ModalityWeights};
use atalaya_engine::Modality;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Events of one dyad that agree on every field here, as the store groups them. An event with
/// a `cluster_id` is never grouped with events of another cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub day: NaiveDate,
    /// The source is the dyad's first actor (for an undirected dyad, the other events are the
    /// second actor's towards the first).
    pub forward: bool,
    pub source_code: String,
    pub target_code: String,
    pub cameo: String,
    pub quad_class: Option<u8>,
    pub modality: Modality,
    pub cluster_id: Option<String>,
    /// Number of events grouped here (at least 1).
    pub reports: u64,
    /// Sum of their Goldstein scores, over the `scored` events that have one.
    pub goldstein_sum: f64,
    pub scored: u64,
    /// The highest confidence among them.
    pub confidence: f32,
}

impl Tally {
    fn goldstein_mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.goldstein_sum / self.scored as f64)
    }
}

/// Count stories (one per cluster) or reports (one per event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    #[default]
    Story,
    Report,
}

/// Which events of the dyad a series holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Both directions.
    Both,
    /// First actor → second.
    Forward,
    /// Second actor → first.
    Backward,
}

/// The dyad a timeline is about: actor codes, code prefixes or countries, as the store
/// matches them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dyad {
    pub first: String,
    pub second: String,
    /// Only first → second.
    pub directed: bool,
}

impl Dyad {
    /// `USA-MEX` (either direction) or `USA->MEX` (directed); `directed` forces the latter.
    pub fn parse(text: &str, directed: bool) -> Option<Dyad> {
        let text = text.trim();
        let (first, second, arrow) = match text.split_once("->") {
            Some((a, b)) => (a, b, true),
            None => {
                let (a, b) = text.split_once('-')?;
                (a, b, false)
            }
        };
        let valid = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        };
        let (first, second) = (first.trim(), second.trim());
        if !valid(first) || !valid(second) {
            return None;
        }
        Some(Dyad {
            first: first.to_ascii_uppercase(),
            second: second.to_ascii_uppercase(),
            directed: directed || arrow,
        })
    }

    /// `USA-MEX`, or `USA->MEX` when directed.
    pub fn label(&self) -> String {
        let joint = if self.directed { "->" } else { "-" };
        format!("{}{joint}{}", self.first, self.second)
    }
}

/// What to build.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineSpec {
    pub dyad: Dyad,
    pub interval: Interval,
    pub counting: Counting,
    /// First and last day to show (the buckets holding them); the data's range when `None`.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub index: IndexParams,
    /// Stories kept per bucket for labels (largest first).
    pub top_stories: usize,
}

impl TimelineSpec {
    pub fn new(dyad: Dyad, interval: Interval) -> TimelineSpec {
        TimelineSpec {
            dyad,
            interval,
            counting: Counting::Story,
            since: None,
            until: None,
            index: IndexParams::for_interval(interval),
            top_stories: 3,
        }
    }

    /// The first day the caller should fetch: `since` moved back by the index's warm-up
    /// (baseline and guard buckets), so that the first bucket shown has its baseline.
    pub fn fetch_since(&self) -> Option<NaiveDate> {
        let warmup = (self.index.baseline + self.index.guard) as u32;
        self.since
            .map(|since| self.interval.back(self.interval.start_of(since), warmup))
    }
}

/// What a caller asks for, as text (flags of `atalaya timeline`, parameters of the HTTP API):
/// [`TimelineSpec::from_request`] checks it once for both.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesRequest<'a> {
    /// `USA-MEX` (either direction) or `USA->MEX`.
    pub dyad: &'a str,
    pub directed: bool,
    pub interval: Interval,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (checked by the caller's date parser).
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub per_report: bool,
    /// Baseline length of the index, in buckets (2 to 1000).
    pub baseline: Option<u64>,
}

/// Why a [`SeriesRequest`] is not a timeline; `param` names what was wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct RequestError {
    pub param: &'static str,
    pub message: String,
}

impl TimelineSpec {
    /// The spec of a request: dyad parsed, dates read as bucket bounds, the baseline set.
    pub fn from_request(request: &SeriesRequest<'_>) -> Result<TimelineSpec, RequestError> {
        let Some(dyad) = Dyad::parse(request.dyad, request.directed) else {
            return Err(RequestError {
                param: "dyad",
                message: format!(
                    "dyad `{}`: expected two actors joined by `-`, e.g. USA-MEX (or USA->MEX)",
                    request.dyad
                ),
            });
        };
        let mut spec = TimelineSpec::new(dyad, request.interval);
        spec.counting = if request.per_report {
            Counting::Report
        } else {
            Counting::Story
        };
        let bound =
            |param: &'static str, value: Option<&str>, read: fn(&str) -> Option<NaiveDate>| {
                value
                    .map(|v| {
                        read(v).ok_or_else(|| RequestError {
                            param,
                            message: format!(
                                "{param} `{v}` is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
                            ),
                        })
                    })
                    .transpose()
            };
        spec.since = bound("since", request.since, crate::bucket::bound_start)?;
        spec.until = bound("until", request.until, crate::bucket::bound_end)?;
        if let (Some(since), Some(until)) = (spec.since, spec.until) {
            if since > until {
                return Err(RequestError {
                    param: "since",
                    message: format!("since {since} is after until {until}"),
                });
            }
        }
        if let Some(baseline) = request.baseline {
            if !(2..=1000).contains(&baseline) {
                return Err(RequestError {
                    param: "baseline",
                    message: format!("baseline {baseline} is not 2 to 1000 buckets"),
                });
            }
            spec.index.baseline = baseline as usize;
            spec.index.min_history = spec.index.baseline.div_ceil(2);
        }
        Ok(spec)
    }
}

/// Counts of one bucket of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BucketStats {
    /// `2025-03-04`, `2025-W10`, `2025-03`.
    pub bucket: String,
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    /// Stories (or reports, per report) counted here.
    pub count: u64,
    /// Events behind them.
    pub reports: u64,
    pub quad: QuadCounts,
    pub modality: ModalityCounts,
    pub class: ClassCounts,
    /// Sum and mean of the Goldstein scores of what is counted (each story its
    /// representative's score).
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
    /// Modality-weighted conflict Goldstein: Σ w(modality) · max(0, −Goldstein).
    pub conflict_intensity: f64,
    pub index: IndexPoint,
    /// The largest stories first placed here (most mentions, then most intense).
    pub top_stories: Vec<StorySummary>,
    /// Counts by class × modality, for alert rules ([`BucketStats::count_of`]).
    #[serde(skip)]
    pub cells: [[u64; 5]; 9],
}

impl BucketStats {
    fn empty(interval: Interval, start: NaiveDate) -> BucketStats {
        BucketStats {
            bucket: interval.label(start),
            start,
            end: interval.end_of(start),
            count: 0,
            reports: 0,
            quad: QuadCounts::default(),
            modality: ModalityCounts::default(),
            class: ClassCounts::default(),
            goldstein_sum: 0.0,
            goldstein_mean: None,
            conflict_intensity: 0.0,
            index: IndexPoint::default(),
            top_stories: Vec::new(),
            cells: [[0; 5]; 9],
        }
    }

    /// How many of what is counted here are of one of `classes` and, when `modalities` is
    /// given, of one of those modalities.
    pub fn count_of(&self, classes: &[EvidenceClass], modalities: Option<&[Modality]>) -> u64 {
        let mut total = 0;
        for class in classes {
            let row = &self.cells[class.index()];
            for modality in Modality::ALL {
                if modalities.is_none_or(|wanted| wanted.contains(&modality)) {
                    total += row[modality_index(modality)];
                }
            }
        }
        total
    }
}

/// Counts by quad class (GDELT names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct QuadCounts {
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    /// No quad class.
    pub none: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ModalityCounts {
    pub asserted: u64,
    pub reported: u64,
    pub hypothetical: u64,
    pub future: u64,
    pub negated: u64,
}

/// Counts by [`EvidenceClass`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ClassCounts {
    pub material_conflict: u64,
    pub threat: u64,
    pub verbal_conflict: u64,
    pub planned_conflict: u64,
    pub material_cooperation: u64,
    pub verbal_cooperation: u64,
    pub planned_cooperation: u64,
    pub negated: u64,
    pub unclassified: u64,
}

impl ClassCounts {
    pub fn get(&self, class: EvidenceClass) -> u64 {
        match class {
            EvidenceClass::MaterialConflict => self.material_conflict,
            EvidenceClass::Threat => self.threat,
            EvidenceClass::VerbalConflict => self.verbal_conflict,
            EvidenceClass::PlannedConflict => self.planned_conflict,
            EvidenceClass::MaterialCooperation => self.material_cooperation,
            EvidenceClass::VerbalCooperation => self.verbal_cooperation,
            EvidenceClass::PlannedCooperation => self.planned_cooperation,
            EvidenceClass::Negated => self.negated,
            EvidenceClass::Unclassified => self.unclassified,
        }
    }

    fn slot(&mut self, class: EvidenceClass) -> &mut u64 {
        match class {
            EvidenceClass::MaterialConflict => &mut self.material_conflict,
            EvidenceClass::Threat => &mut self.threat,
            EvidenceClass::VerbalConflict => &mut self.verbal_conflict,
            EvidenceClass::PlannedConflict => &mut self.planned_conflict,
            EvidenceClass::MaterialCooperation => &mut self.material_cooperation,
            EvidenceClass::VerbalCooperation => &mut self.verbal_cooperation,
            EvidenceClass::PlannedCooperation => &mut self.planned_cooperation,
            EvidenceClass::Negated => &mut self.negated,
            EvidenceClass::Unclassified => &mut self.unclassified,
        }
    }
}

/// One story, as a label names it: its representative mention and how often it was reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    pub cluster_id: Option<String>,
    /// Events of the dyad in this story (reports).
    pub mentions: u64,
    pub first_day: NaiveDate,
    pub source_code: String,
    pub target_code: String,
    pub cameo: String,
    pub modality: Modality,
    pub class: EvidenceClass,
    pub goldstein: Option<f64>,
    pub conflict_intensity: f64,
}

impl StorySummary {
    /// `USAGOV→MEXCRM 195 Employ aerial weapons ×7` (the count when reported more than once;
    /// the modality when not asserted).
    pub fn label(&self) -> String {
        let name = atalaya_cameo::resolve(&self.cameo).map_or("", |c| c.name);
        let mut label = format!(
            "{}→{} {} {}",
            self.source_code, self.target_code, self.cameo, name
        );
        if self.modality != Modality::Asserted {
            label.push_str(&format!(" ({})", self.modality.name()));
        }
        if self.mentions > 1 {
            label.push_str(&format!(" ×{}", self.mentions));
        }
        label
    }
}

/// One series: the dyad's events in one direction (or both), bucket by bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadSeries {
    pub direction: Direction,
    /// `USA->MEX`, `MEX->USA`, or `USA-MEX` for both.
    pub label: String,
    pub buckets: Vec<BucketStats>,
    pub change_points: Vec<ChangePoint>,
}

/// The whole answer for one dyad.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub dyad: Dyad,
    pub interval: Interval,
    pub counting: Counting,
    pub index_params: IndexParams,
    /// The undirected series first (unless the dyad is directed), then first → second, then
    /// second → first (unless directed).
    pub series: Vec<DyadSeries>,
}

impl Timeline {
    /// The series in this direction, if built.
    pub fn series(&self, direction: Direction) -> Option<&DyadSeries> {
        self.series.iter().find(|s| s.direction == direction)
    }

    /// The series that holds all of the dyad's counted events: both directions, or the only
    /// direction of a directed dyad.
    pub fn main(&self) -> Option<&DyadSeries> {
        self.series.first()
    }
}

/// Why a timeline could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeriesError {
    #[error("{buckets} {interval} buckets from {first} to {last} is more than {max}: choose a longer --interval or a shorter --since/--until range")]
    TooManyBuckets {
        buckets: u64,
        interval: Interval,
        first: NaiveDate,
        last: NaiveDate,
        max: u64,
    },
    #[error("--since {since} is after --until {until}")]
    EmptyRange { since: NaiveDate, until: NaiveDate },
}

/// More buckets than any plot or table can show: a sign of a wrong range or interval.
pub const MAX_BUCKETS: u64 = 200_000;

/// One counted unit: a story (per story), or `multiplicity` stories or reports alike, with
/// what every series needs of it worked out once.
struct Unit {
    /// Bucket index; `None` outside the range.
    slot: Option<usize>,
    forward: bool,
    class: EvidenceClass,
    quad_class: Option<u8>,
    modality: Modality,
    multiplicity: u64,
    reports: u64,
    goldstein: Option<f64>,
    /// Weighted conflict of one of the `multiplicity`.
    conflict: f64,
}

impl Unit {
    fn new(
        tally: &Tally,
        slot: Option<usize>,
        multiplicity: u64,
        reports: u64,
        weights: &ModalityWeights,
    ) -> Unit {
        let goldstein = tally.goldstein_mean();
        Unit {
            slot,
            forward: tally.forward,
            class: classify(tally.quad_class, tally.modality, &tally.cameo),
            quad_class: tally.quad_class,
            modality: tally.modality,
            multiplicity,
            reports,
            goldstein,
            conflict: goldstein.map_or(0.0, |g| weights.conflict(tally.modality, g)),
        }
    }
}

/// Builds the timeline of `spec.dyad` from its tallies (both directions unless directed;
/// a directed dyad's caller passes forward tallies only, and backward ones are ignored).
pub fn build_timeline(tallies: &[Tally], spec: &TimelineSpec) -> Result<Timeline, SeriesError> {
    let interval = spec.interval;
    let weights = &spec.index.weights;
    let tallies: Vec<&Tally> = tallies
        .iter()
        .filter(|t| t.forward || !spec.dyad.directed)
        .collect();

    // The buckets computed: from the warm-up before `since` (or the first data) to `until`
    // (or the last data); the buckets shown start at `since`.
    let data_first = tallies.iter().map(|t| t.day).min();
    let data_last = tallies.iter().map(|t| t.day).max();
    let shown_first = spec.since.or(data_first);
    let last = spec.until.or(data_last);
    let (Some(shown_first), Some(last)) = (shown_first, last) else {
        return Ok(empty_timeline(spec));
    };
    if let (Some(since), Some(until)) = (spec.since, spec.until) {
        if since > until {
            return Err(SeriesError::EmptyRange { since, until });
        }
    }
    // With `since`, the warm-up buckets before it were asked of the store: what it holds
    // none of counts as 0 in the baseline. Without, the series starts with the data.
    let first = spec
        .fetch_since()
        .map_or(shown_first, |f| f.min(shown_first));
    let first = interval.start_of(first);
    let last = interval.start_of(last);
    let bucket_count = interval.count_between(first, last);
    if bucket_count > MAX_BUCKETS {
        return Err(SeriesError::TooManyBuckets {
            buckets: bucket_count,
            interval,
            first,
            last,
            max: MAX_BUCKETS,
        });
    }
    let starts = bucket_starts(interval, first, last);
    let slot_of = |day: NaiveDate| bucket_index(interval, first, day, starts.len());
    let shown_from = starts
        .iter()
        .position(|s| *s >= interval.start_of(shown_first))
        .unwrap_or(starts.len());

    let stories = stories_of(&tallies);
    let units: Vec<Unit> = match spec.counting {
        Counting::Story => stories
            .iter()
            .map(|story| {
                let slot = slot_of(story.first_day);
                Unit::new(
                    story.representative,
                    slot,
                    story.multiplicity,
                    story.reports,
                    weights,
                )
            })
            .collect(),
        Counting::Report => tallies
            .iter()
            .map(|tally| {
                Unit::new(
                    tally,
                    slot_of(tally.day),
                    tally.reports,
                    tally.reports,
                    weights,
                )
            })
            .collect(),
    };
    let story_keys: Vec<StoryKey> = stories
        .iter()
        .map(|story| StoryKey::new(story, slot_of(story.first_day), weights))
        .collect();

    let directions: &[Direction] = if spec.dyad.directed {
        &[Direction::Forward]
    } else {
        &[Direction::Both, Direction::Forward, Direction::Backward]
    };
    let mut series = Vec::with_capacity(directions.len());
    for &direction in directions {
        let keep = |forward: bool| match direction {
            Direction::Both => true,
            Direction::Forward => forward,
            Direction::Backward => !forward,
        };
        let mut buckets: Vec<BucketStats> = starts
            .iter()
            .map(|start| BucketStats::empty(interval, *start))
            .collect();
        let mut scored: Vec<u64> = vec![0; buckets.len()];
        for unit in units.iter().filter(|u| keep(u.forward)) {
            let Some(slot) = unit.slot else {
                continue;
            };
            add_unit(&mut buckets[slot], unit);
            if unit.goldstein.is_some() {
                scored[slot] += unit.multiplicity;
            }
        }
        // The largest stories of each bucket, kept by index and turned into summaries last.
        let mut tops: Vec<Vec<usize>> = vec![Vec::new(); buckets.len()];
        for (index, key) in story_keys.iter().enumerate() {
            let Some(slot) = key.slot.filter(|_| keep(key.forward)) else {
                continue;
            };
            insert_top(&mut tops[slot], index, &story_keys, spec.top_stories);
        }
        for ((bucket, scored), top) in buckets.iter_mut().zip(&scored).zip(&tops) {
            bucket.goldstein_mean = (*scored > 0).then(|| bucket.goldstein_sum / *scored as f64);
            bucket.top_stories = top
                .iter()
                .map(|&i| stories[i].summary(&story_keys[i]))
                .collect();
        }
        let intensities: Vec<f64> = buckets.iter().map(|b| b.conflict_intensity).collect();
        let (points, change_points) = escalation_index(&intensities, &spec.index);
        for (bucket, point) in buckets.iter_mut().zip(points) {
            bucket.index = point;
        }
        let change_points: Vec<ChangePoint> = change_points
            .into_iter()
            .filter(|c| c.detected_at >= shown_from)
            .map(|mut c| {
                c.onset = buckets
                    .get(c.onset_at)
                    .map(|b| b.bucket.clone())
                    .unwrap_or_default();
                c.detected = buckets
                    .get(c.detected_at)
                    .map(|b| b.bucket.clone())
                    .unwrap_or_default();
                c.onset_at = c.onset_at.saturating_sub(shown_from);
                c.detected_at -= shown_from;
                c
            })
            .collect();
        buckets.drain(..shown_from);
        series.push(DyadSeries {
            direction,
            label: series_label(&spec.dyad, direction),
            buckets,
            change_points,
        });
    }
    Ok(Timeline {
        dyad: spec.dyad.clone(),
        interval,
        counting: spec.counting,
        index_params: spec.index.clone(),
        series,
    })
}

fn empty_timeline(spec: &TimelineSpec) -> Timeline {
    let directions: &[Direction] = if spec.dyad.directed {
        &[Direction::Forward]
    } else {
        &[Direction::Both, Direction::Forward, Direction::Backward]
    };
    Timeline {
        dyad: spec.dyad.clone(),
        interval: spec.interval,
        counting: spec.counting,
        index_params: spec.index.clone(),
        series: directions
            .iter()
            .map(|d| DyadSeries {
                direction: *d,
                label: series_label(&spec.dyad, *d),
                buckets: Vec::new(),
                change_points: Vec::new(),
            })
            .collect(),
    }
}

fn series_label(dyad: &Dyad, direction: Direction) -> String {
    match direction {
        Direction::Both => format!("{}-{}", dyad.first, dyad.second),
        Direction::Forward => format!("{}->{}", dyad.first, dyad.second),
        Direction::Backward => format!("{}->{}", dyad.second, dyad.first),
    }
}

fn bucket_starts(interval: Interval, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut starts = Vec::new();
    let mut current = Some(first);
    while let Some(start) = current.filter(|s| *s <= last) {
        starts.push(start);
        current = interval.next(start);
    }
    starts
}

fn bucket_index(interval: Interval, first: NaiveDate, day: NaiveDate, len: usize) -> Option<usize> {
    if day < first {
        return None;
    }
    let index = interval.count_between(first, day).checked_sub(1)? as usize;
    (index < len).then_some(index)
}

fn add_unit(bucket: &mut BucketStats, unit: &Unit) {
    let n = unit.multiplicity;
    bucket.count += n;
    bucket.reports += unit.reports;
    match unit.quad_class {
        Some(1) => bucket.quad.verbal_cooperation += n,
        Some(2) => bucket.quad.material_cooperation += n,
        Some(3) => bucket.quad.verbal_conflict += n,
        Some(4) => bucket.quad.material_conflict += n,
        _ => bucket.quad.none += n,
    }
    let modality = &mut bucket.modality;
    *match unit.modality {
        Modality::Asserted => &mut modality.asserted,
        Modality::Reported => &mut modality.reported,
        Modality::Hypothetical => &mut modality.hypothetical,
        Modality::Future => &mut modality.future,
        Modality::Negated => &mut modality.negated,
    } += n;
    *bucket.class.slot(unit.class) += n;
    bucket.cells[unit.class.index()][modality_index(unit.modality)] += n;
    if let Some(goldstein) = unit.goldstein {
        bucket.goldstein_sum += goldstein * n as f64;
        bucket.conflict_intensity += unit.conflict * n as f64;
    }
}

/// One story: a cluster's mentions, or (per story) each unclustered tally's events, which
/// are `multiplicity` stories alike.
struct Story<'a> {
    cluster_id: Option<&'a str>,
    first_day: NaiveDate,
    representative: &'a Tally,
    /// Stories this stands for: 1 for a cluster, the tally's reports when unclustered.
    multiplicity: u64,
    reports: u64,
}

impl Story<'_> {
    fn summary(&self, key: &StoryKey) -> StorySummary {
        let r = self.representative;
        StorySummary {
            cluster_id: self.cluster_id.map(str::to_string),
            mentions: key.mentions,
            first_day: self.first_day,
            source_code: r.source_code.clone(),
            target_code: r.target_code.clone(),
            cameo: r.cameo.clone(),
            modality: r.modality,
            class: classify(r.quad_class, r.modality, &r.cameo),
            goldstein: r.goldstein_mean(),
            conflict_intensity: key.intensity,
        }
    }
}

/// What orders stories for labels, worked out once per story.
struct StoryKey<'a> {
    slot: Option<usize>,
    forward: bool,
    /// Reports of a cluster; 1 for an event alone.
    mentions: u64,
    intensity: f64,
    story: &'a Tally,
    first_day: NaiveDate,
    cluster_id: Option<&'a str>,
}

impl<'a> StoryKey<'a> {
    fn new(story: &Story<'a>, slot: Option<usize>, weights: &ModalityWeights) -> StoryKey<'a> {
        let r = story.representative;
        StoryKey {
            slot,
            forward: r.forward,
            mentions: if story.cluster_id.is_some() {
                story.reports
            } else {
                1
            },
            intensity: r
                .goldstein_mean()
                .map_or(0.0, |g| weights.conflict(r.modality, g)),
            story: r,
            first_day: story.first_day,
            cluster_id: story.cluster_id,
        }
    }

    /// Larger first: most mentions, most intense, then code, day, actors and cluster id, so
    /// that the order never depends on the order rows arrive in.
    fn before(&self, other: &StoryKey<'_>) -> bool {
        other
            .mentions
            .cmp(&self.mentions)
            .then(other.intensity.total_cmp(&self.intensity))
            .then_with(|| self.story.cameo.cmp(&other.story.cameo))
            .then(self.first_day.cmp(&other.first_day))
            .then_with(|| self.story.source_code.cmp(&other.story.source_code))
            .then_with(|| self.story.target_code.cmp(&other.story.target_code))
            .then_with(|| self.cluster_id.cmp(&other.cluster_id))
            .is_lt()
    }
}

/// Keeps `top` the `k` largest stories (indexes into `keys`), largest first.
fn insert_top(top: &mut Vec<usize>, index: usize, keys: &[StoryKey<'_>], k: usize) {
    if k == 0 {
        return;
    }
    let key = &keys[index];
    if top.len() == k && !top.last().is_some_and(|&last| key.before(&keys[last])) {
        return;
    }
    let at = top
        .iter()
        .position(|&other| key.before(&keys[other]))
        .unwrap_or(top.len());
    top.insert(at, index);
    top.truncate(k);
}

/// Stories of the tallies: one per cluster id (its representative chosen as the module doc
/// says), and one per unclustered tally standing for its `reports` stories.
fn stories_of<'a>(tallies: &[&'a Tally]) -> Vec<Story<'a>> {
    let mut clusters: rustc_hash::FxHashMap<&'a str, usize> = Default::default();
    let mut stories: Vec<Story<'a>> = Vec::with_capacity(tallies.len());
    for &tally in tallies {
        match tally.cluster_id.as_deref() {
            None => stories.push(Story {
                cluster_id: None,
                first_day: tally.day,
                representative: tally,
                multiplicity: tally.reports,
                reports: tally.reports,
            }),
            Some(id) => {
                let next = stories.len();
                let at = *clusters.entry(id).or_insert(next);
                if at == next {
                    stories.push(Story {
                        cluster_id: Some(id),
                        first_day: tally.day,
                        representative: tally,
                        multiplicity: 1,
                        reports: 0,
                    });
                }
                let story = &mut stories[at];
                story.first_day = story.first_day.min(tally.day);
                story.reports += tally.reports;
                if more_representative(tally, story.representative) {
                    story.representative = tally;
                }
            }
        }
    }
    stories
}

/// Whether `a` is a better representative of its story than `b`: strongest modality, most
/// specific code, highest confidence, earliest day, then codes (so that the choice never
/// depends on the order rows arrive in).
fn more_representative(a: &Tally, b: &Tally) -> bool {
    let strength = |m: Modality| match m {
        Modality::Asserted => 0,
        Modality::Reported => 1,
        Modality::Future => 2,
        Modality::Hypothetical => 3,
        Modality::Negated => 4,
    };
    strength(a.modality)
        .cmp(&strength(b.modality))
        .then(b.cameo.len().cmp(&a.cameo.len()))
        .then(b.confidence.total_cmp(&a.confidence))
        .then(a.day.cmp(&b.day))
        .then_with(|| a.cameo.cmp(&b.cameo))
        .then_with(|| a.source_code.cmp(&b.source_code))
        .then_with(|| a.target_code.cmp(&b.target_code))
        .is_lt()
}
