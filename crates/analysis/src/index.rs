//! The escalation index of one series and its change points. The formula (also in the crate
//! doc and the README):
//!
//! 1. **Conflict intensity** of bucket t: `x_t = Σ w(m) · max(0, −G)` over what is counted in
//!    it (stories or reports), with G the Goldstein score and w the modality weight:
//!    asserted 1.0, reported 0.8, future 0.5, hypothetical 0.3, negated 0
//!    ([`ModalityWeights`]). Cooperation adds nothing: it is shown apart, not netted against
//!    conflict, since a crisis carries both at once (talks while strikes are threatened).
//! 2. **Level** `y_t = ln(1 + x_t)`: event counts are bursty and overdispersed; on the log
//!    scale a tripling is the same step at any volume, and one huge bucket does not swamp the
//!    baseline of the weeks after it.
//! 3. **Baseline**: the mean `μ_t` and sample standard deviation `σ_t` of `y` over the
//!    `baseline` buckets before t, skipping the `guard` buckets just before it (so that the
//!    first weeks of an escalation do not raise their own baseline). Buckets before the first
//!    one computed count as missing; with fewer than `min_history` baseline buckets there is
//!    no z.
//! 4. **z-score** `z_t = (y_t − μ_t) / max(σ_t, σ_floor)`, σ_floor = 0.5 (a quiet dyad's
//!    baseline has σ = 0; the floor says a bucket-to-bucket change by a factor below about
//!    e^0.5 ≈ 1.65 is noise).
//! 5. **Change points** by two one-sided CUSUMs of z (Page's test):
//!    `S⁺_t = max(0, S⁺_{t−1} + z_t − k)`, `S⁻_t = max(0, S⁻_{t−1} − z_t − k)`, k = 0.5,
//!    h = 4 (the textbook pair for a shift of one standard deviation). When `S⁺` passes h an
//!    escalation is reported (a de-escalation for `S⁻`): detected at t, with its onset at the
//!    bucket after the sum last stood at 0; the sum then restarts from 0.
//!
//! The z-score answers "is this bucket unusual for this dyad", the CUSUM "has the dyad's level
//! shifted": a single strike after months of quiet gives a large z and no change point; weeks
//! of threats each a little above the baseline give a change point without any large z.

use serde::{Deserialize, Serialize};

/// Weights of the modalities in the conflict intensity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModalityWeights {
    pub asserted: f64,
    pub reported: f64,
    pub future: f64,
    pub hypothetical: f64,
    pub negated: f64,
}

impl Default for ModalityWeights {
    /// What happened counts fully; what others say happened a little less (one step removed);
    /// what is announced half; what is only floated less; what is denied not at all.
    fn default() -> ModalityWeights {
        ModalityWeights {
            asserted: 1.0,
            reported: 0.8,
            future: 0.5,
            hypothetical: 0.3,
            negated: 0.0,
        }
    }
}

impl ModalityWeights {
    pub fn weight(&self, modality: atalaya_engine::Modality) -> f64 {
        use atalaya_engine::Modality as M;
        match modality {
            M::Asserted => self.asserted,
            M::Reported => self.reported,
            M::Future => self.future,
            M::Hypothetical => self.hypothetical,
            M::Negated => self.negated,
        }
    }

    /// `w(m) · max(0, −G)`: the conflict one event or story adds.
    pub fn conflict(&self, modality: atalaya_engine::Modality, goldstein: f64) -> f64 {
        self.weight(modality) * (-goldstein).max(0.0)
    }
}

/// The index's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexParams {
    /// Baseline buckets.
    pub baseline: usize,
    /// Buckets skipped between the baseline and the bucket scored.
    pub guard: usize,
    /// Fewest baseline buckets for a z-score.
    pub min_history: usize,
    pub sd_floor: f64,
    pub cusum_k: f64,
    pub cusum_h: f64,
    pub weights: ModalityWeights,
}

impl IndexParams {
    /// Defaults per interval: 28 days (guard 2), 8 weeks (guard 1), 6 months (guard 1).
    pub fn for_interval(interval: crate::Interval) -> IndexParams {
        let (baseline, guard) = match interval {
            crate::Interval::Day => (28, 2),
            crate::Interval::Week => (8, 1),
            crate::Interval::Month => (6, 1),
        };
        IndexParams {
            baseline,
            guard,
            min_history: baseline.div_ceil(2),
            sd_floor: 0.5,
            cusum_k: 0.5,
            cusum_h: 4.0,
            weights: ModalityWeights::default(),
        }
    }
}

/// The index in one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct IndexPoint {
    /// `ln(1 + conflict intensity)`.
    pub level: f64,
    pub baseline_mean: Option<f64>,
    pub baseline_sd: Option<f64>,
    /// The escalation index; `None` while the baseline is too short.
    pub z: Option<f64>,
    pub cusum_up: f64,
    pub cusum_down: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Escalation,
    DeEscalation,
}

/// A shift the CUSUM detected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangePoint {
    pub kind: ChangeKind,
    /// Bucket labels.
    pub onset: String,
    pub detected: String,
    /// Indexes into the series' buckets.
    pub onset_at: usize,
    pub detected_at: usize,
    /// The largest |z| from onset to detection.
    pub peak_z: f64,
}

/// The index of each bucket of a series of conflict intensities, and the change points.
/// Labels of the change points are left empty for the caller to fill.
pub fn escalation_index(
    intensities: &[f64],
    params: &IndexParams,
) -> (Vec<IndexPoint>, Vec<ChangePoint>) {
    let levels: Vec<f64> = intensities.iter().map(|x| x.max(0.0).ln_1p()).collect();
    let mut points = Vec::with_capacity(levels.len());
    let mut changes = Vec::new();
    let (mut up, mut down) = (0.0f64, 0.0f64);
    // Bucket after which each sum last stood at 0: the onset of a shift found later.
    let (mut up_onset, mut down_onset) = (0usize, 0usize);
    let (mut up_peak, mut down_peak) = (0.0f64, 0.0f64);
    for (t, &level) in levels.iter().enumerate() {
        let end = t.saturating_sub(params.guard);
        let begin = end.saturating_sub(params.baseline);
        let window = levels.get(begin..end).unwrap_or(&[]);
        let mut point = IndexPoint {
            level,
            ..IndexPoint::default()
        };
        if !window.is_empty() && window.len() >= params.min_history.max(1) {
            let mean = window.iter().sum::<f64>() / window.len() as f64;
            let sd = if window.len() > 1 {
                let ss: f64 = window.iter().map(|y| (y - mean).powi(2)).sum();
                (ss / (window.len() - 1) as f64).sqrt()
            } else {
                0.0
            };
            let z = (level - mean) / sd.max(params.sd_floor).max(f64::MIN_POSITIVE);
            point.baseline_mean = Some(mean);
            point.baseline_sd = Some(sd);
            point.z = Some(z);
            if up == 0.0 {
                up_onset = t;
                up_peak = 0.0;
            }
            if down == 0.0 {
                down_onset = t;
                down_peak = 0.0;
            }
            up = (up + z - params.cusum_k).max(0.0);
            down = (down - z - params.cusum_k).max(0.0);
            up_peak = up_peak.max(z);
            down_peak = down_peak.max(-z);
            point.cusum_up = up;
            point.cusum_down = down;
            if up > params.cusum_h {
                changes.push(ChangePoint {
                    kind: ChangeKind::Escalation,
                    onset: String::new(),
                    detected: String::new(),
                    onset_at: up_onset,
                    detected_at: t,
                    peak_z: up_peak,
                });
                up = 0.0;
            }
            if down > params.cusum_h {
                changes.push(ChangePoint {
                    kind: ChangeKind::DeEscalation,
                    onset: String::new(),
                    detected: String::new(),
                    onset_at: down_onset,
                    detected_at: t,
                    peak_z: -down_peak,
                });
                down = 0.0;
            }
        }
        points.push(point);
    }
    (points, changes)
}
