//! Atalaya's analysis stage: is a dyad escalating or cooling, and what happened versus what
//! was only threatened or floated? Pure: no database, no async. The store hands over
//! [`Tally`] rows (`Store::dyad_tallies`); this crate turns them into a [`Timeline`].
//!
//! # Data
//!
//! - [`Interval`] (`bucket.rs`): day, ISO week (Monday–Sunday, ISO week-numbering year:
//!   2024-12-30 is in 2025-W01) or calendar month.
//! - [`EvidenceClass`] (`classes.rs`): each event is one of material conflict, threat (CAMEO
//!   13x), verbal conflict, planned conflict (hypothetical or future quad 3–4), material
//!   cooperation, verbal cooperation, planned cooperation, negated, unclassified — the table
//!   is in `classes.rs`.
//! - [`Timeline`] (`series.rs`): for a dyad, one [`DyadSeries`] for both directions and one
//!   per direction (one only when directed); each a run of [`BucketStats`] with no gaps: counts
//!   per quad class, modality and evidence class, Goldstein sum and mean, conflict intensity,
//!   the index, and the largest stories placed there.
//!
//! # Counting per story
//!
//! By default a story (the events sharing a `cluster_id`; an event without one is a story of
//! its own) is counted once, in the bucket of its earliest mention, with the class, modality,
//! direction and Goldstein score of its representative mention (strongest modality: asserted,
//! reported, future, hypothetical, negated; then the most specific code; then the highest
//! confidence). [`Counting::Report`] counts every event on its own day instead.
//!
//! # The escalation index
//!
//! Per directed dyad (and for both directions together), per bucket t:
//!
//! ```text
//! x_t = Σ w(modality) · max(0, −Goldstein)          conflict intensity of what is counted
//!       w: asserted 1.0, reported 0.8, future 0.5, hypothetical 0.3, negated 0
//! y_t = ln(1 + x_t)
//! μ_t, σ_t = mean and sample s.d. of y over the B buckets before t, skipping the G just before
//!            (B, G = 8, 1 weekly; 28, 2 daily; 6, 1 monthly; no z with fewer than B/2)
//! z_t = (y_t − μ_t) / max(σ_t, 0.5)                 the escalation index
//! S⁺_t = max(0, S⁺_{t−1} + z_t − 0.5)               escalation when S⁺ > 4, then S⁺ = 0
//! S⁻_t = max(0, S⁻_{t−1} − z_t − 0.5)               de-escalation when S⁻ > 4, then S⁻ = 0
//! ```
//!
//! Why this shape: conflict researchers score events with Goldstein's scale (GDELT, ICEWS
//! and Phoenix carry it), and judge a dyad against its own history rather than a global
//! norm, since dyads differ in base rate by orders of magnitude. Conflict and cooperation are
//! kept apart instead of netted (the sum of Goldstein scores is still in every bucket): in a
//! crisis they run together, and netting hides a threat behind a handshake. Modality weights
//! keep what was only floated from counting as what was done, without dropping it. The log
//! and the s.d. floor keep one burst of coverage from blinding the baseline and keep a quiet
//! dyad's first event from dividing by zero. The z-score flags a bucket unusual for the dyad;
//! the CUSUM (Page 1954, the k = 0.5, h = 4 design) flags a sustained shift of the level, and
//! dates its onset. Details in `index.rs`.
//!
//! # Alert rules
//!
//! `rules.rs`: one rule per line (`USA->MEX threats >= 3x baseline(8 weeks)`), parsed by
//! [`parse_rules`] with errors naming `file:line`, checked by [`Rule::evaluate`].

mod bucket;
mod classes;
mod index;
mod rules;
mod series;

pub use bucket::{bound_end, bound_start, parse_day, Interval};
pub use classes::{classify, modality_index, EvidenceClass};
pub use index::{
    escalation_index, ChangeKind, ChangePoint, IndexParams, IndexPoint, ModalityWeights,
};
pub use rules::{parse_rules, Comparison, Firing, Measure, Rule, RuleError, SeriesKey, Threshold};
pub use series::{
    build_timeline, BucketStats, ClassCounts, Counting, Direction, Dyad, DyadSeries,
    ModalityCounts, QuadCounts, RequestError, SeriesError, SeriesRequest, StorySummary, Tally,
    Timeline, TimelineSpec, MAX_BUCKETS,
};
