//! What decides that an event reports a story's occurrence: the candidate record of an event,
//! the key a story keeps, and [`joins`].
//!
//! An event joins a story when all of these hold:
//! - **dyad**: each side has the story's country (or, without one, the same code root such as
//!   `IGO`) and a compatible sector: the same, or either side generic (no sector: "Mexico" may
//!   be its government or its army). For symmetric acts (consult, meet, material cooperation,
//!   sign an agreement) the reversed dyad is the same dyad.
//! - **act**: the same CAMEO root; or a verbal/material pair about the same act (a threat, 13,
//!   and the force it threatened, 15/17/18/19/20; an intention to cooperate, 03, and the
//!   cooperation, 06/07/08), only when the sentences are near-copies
//!   ([`PAIR_SIMILARITY`]): a strike is not the threat of a strike unless the text says so.
//! - **date**: the two date ranges, each as wide as its precision (a day; a week; a month;
//!   a season; a year; an undated event the two days up to its publication), meet within
//!   [`TOLERANCE_DAYS`]. A rejection in February and another in May never meet.
//! - **text**: when either range is coarser than a week ("in March"), the sentences must also
//!   share wording ([`COARSE_SIMILARITY`]), so that "in March" does not join every March story.
//!
//! Among the stories an event joins, the best [`score`](joins) wins: text similarity, plus a
//! bonus for the very same code and for ranges that meet without tolerance.

use crate::signature::Signature;
use chrono::{Datelike, Duration, NaiveDate};

/// Days by which two date ranges may miss each other and still meet (reports of an occurrence
/// come out a day or two later; "on Tuesday" may be resolved a day off).
pub const TOLERANCE_DAYS: i64 = 2;

/// Similarity a verbal/material pair needs (see the module doc).
pub const PAIR_SIMILARITY: f32 = 0.5;

/// Similarity needed when a date range is coarser than [`COARSE_DAYS`].
pub const COARSE_SIMILARITY: f32 = 0.2;

/// Widest range (in days, inclusive) that counts as a precise date.
pub const COARSE_DAYS: i64 = 7;

/// Signatures a story keeps to compare new mentions with (its first distinct mentions).
pub const EXEMPLARS: usize = 4;

/// One side of a dyad as stories compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// ISO-3 country, else the actor code's first three characters (`IGO`, `ARN`).
    pub country: String,
    /// Sector (`GOV`, `MIL`, `CRM`); `None` for a generic actor.
    pub sector: Option<String>,
}

impl Side {
    /// The side of an actor with this code, country and sector (as the event record has them).
    pub fn new(code: &str, country: Option<&str>, sector: Option<&str>) -> Side {
        let country = country
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_ascii_uppercase)
            .unwrap_or_else(|| {
                code.trim()
                    .chars()
                    .take(3)
                    .collect::<String>()
                    .to_ascii_uppercase()
            });
        let sector = sector
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_ascii_uppercase);
        Side { country, sector }
    }

    /// Same country (or code root), and the same sector or one of them generic.
    pub fn compatible(&self, other: &Side) -> bool {
        self.country == other.country
            && match (&self.sector, &other.sector) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    /// The more specific of two compatible sides.
    fn specific(&self, other: &Side) -> Side {
        if self.sector.is_some() {
            self.clone()
        } else {
            other.clone()
        }
    }
}

/// An event's date as a range of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    /// The range of an event date at its precision (`day`, `week`, `month`, `season`, `year`,
    /// `article`), else of its publication day. `None` with no usable date at all.
    pub fn of(
        date: Option<&str>,
        precision: Option<&str>,
        published: Option<&str>,
    ) -> Option<DateRange> {
        let day = |s: &str| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok();
        let published_day = published.and_then(day);
        match date.and_then(day) {
            Some(start) => {
                let end = match precision.map(str::trim).unwrap_or("day") {
                    "week" => start + Duration::days(6),
                    "month" => last_of_month(start),
                    "season" => last_of_month(add_months(start, 2)),
                    "year" => NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start),
                    // The publication date standing in: the occurrence is a little before it.
                    "article" => return Some(DateRange::undated(start)),
                    _ => start,
                };
                Some(DateRange { start, end })
            }
            None => published_day.map(DateRange::undated),
        }
    }

    /// An event with no date of its own, published on `published`.
    fn undated(published: NaiveDate) -> DateRange {
        DateRange {
            start: published - Duration::days(TOLERANCE_DAYS),
            end: published,
        }
    }

    /// Days in the range.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn is_coarse(&self) -> bool {
        self.days() > COARSE_DAYS
    }

    /// Whether the ranges meet within [`TOLERANCE_DAYS`].
    pub fn meets(&self, other: &DateRange) -> bool {
        let t = Duration::days(TOLERANCE_DAYS);
        self.start - t <= other.end && other.start - t <= self.end
    }

    fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The range of stories that may meet this one: `date_end ≥ lo` and `date_start ≤ hi`.
    pub fn window(&self) -> (NaiveDate, NaiveDate) {
        let t = Duration::days(TOLERANCE_DAYS);
        (self.start - t, self.end + t)
    }
}

fn last_of_month(day: NaiveDate) -> NaiveDate {
    add_months(day.with_day(1).unwrap_or(day), 1)
        .pred_opt()
        .unwrap_or(day)
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    let first = day.with_day(1).unwrap_or(day);
    first
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(first)
}

/// What an event brings to the join decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub source: Side,
    pub target: Side,
    /// Most specific CAMEO code.
    pub cameo: String,
    pub root: String,
    pub dates: DateRange,
    pub signature: Signature,
}

/// What a story keeps to judge new mentions: the most specific sides seen, its root and the
/// code of its first mention, the tightest date range of its mentions, and up to
/// [`EXEMPLARS`] signatures.
#[derive(Debug, Clone)]
pub struct StoryKey {
    pub source: Side,
    pub target: Side,
    pub cameo: String,
    pub root: String,
    pub dates: DateRange,
    pub exemplars: Vec<Signature>,
}

impl StoryKey {
    /// A story opened by one event.
    pub fn open(candidate: &Candidate) -> StoryKey {
        StoryKey {
            source: candidate.source.clone(),
            target: candidate.target.clone(),
            cameo: candidate.cameo.clone(),
            root: candidate.root.clone(),
            dates: candidate.dates,
            exemplars: vec![candidate.signature.clone()],
        }
    }

    /// Takes in a mention that [`joins`] accepted: sides as specific as either, the tighter
    /// date range, its signature as an exemplar while there is room and it adds wording.
    /// Returns whether the key changed (most mentions of a story change only its counts).
    pub fn absorb(&mut self, candidate: &Candidate) -> bool {
        let (source, target) = if self.reversed(candidate) {
            (&candidate.target, &candidate.source)
        } else {
            (&candidate.source, &candidate.target)
        };
        let (source, target) = (self.source.specific(source), self.target.specific(target));
        let mut changed = source != self.source || target != self.target;
        (self.source, self.target) = (source, target);
        if candidate.dates.days() < self.dates.days() {
            self.dates = candidate.dates;
            changed = true;
        }
        let new_wording = || {
            self.exemplars
                .iter()
                .all(|e| e.similarity(&candidate.signature) < 0.9)
        };
        if self.exemplars.len() < EXEMPLARS && new_wording() {
            self.exemplars.push(candidate.signature.clone());
            changed = true;
        }
        changed
    }

    /// Whether the candidate's dyad matches only reversed.
    fn reversed(&self, candidate: &Candidate) -> bool {
        !(self.source.compatible(&candidate.source) && self.target.compatible(&candidate.target))
    }

    /// The best similarity of a signature to the story's exemplars.
    pub fn similarity(&self, signature: &Signature) -> f32 {
        self.exemplars
            .iter()
            .map(|e| e.similarity(signature))
            .fold(0.0, f32::max)
    }

    /// The exemplars as one blob (each [`crate::signature::BYTES`] long).
    pub fn exemplar_bytes(&self) -> Vec<u8> {
        self.exemplars.iter().flat_map(|e| e.to_bytes()).collect()
    }

    /// Exemplars from [`StoryKey::exemplar_bytes`]; a ragged tail is dropped.
    pub fn exemplars_from_bytes(bytes: &[u8]) -> Vec<Signature> {
        bytes
            .chunks_exact(crate::signature::BYTES)
            .filter_map(Signature::from_bytes)
            .collect()
    }
}

/// Whether a code's act is the same whichever side is the source.
pub fn is_symmetric(cameo: &str) -> bool {
    let root = cameo.get(..2).unwrap_or(cameo);
    matches!(root, "04" | "06") || matches!(cameo, "036" | "057" | "190")
}

/// Material roots a verbal root may pair with (and back): see the module doc.
fn paired(a: &str, b: &str) -> bool {
    const PAIRS: &[(&str, &[&str])] = &[
        ("13", &["15", "17", "18", "19", "20"]),
        ("03", &["06", "07", "08"]),
    ];
    PAIRS.iter().any(|(verbal, material)| {
        (a == *verbal && material.contains(&b)) || (b == *verbal && material.contains(&a))
    })
}

/// The roots whose stories a candidate of `root` may join (itself and its pairs), for the
/// store's look-up.
pub fn lookup_roots(root: &str) -> Vec<&str> {
    let mut roots = vec![root];
    for other in ["03", "06", "07", "08", "13", "15", "17", "18", "19", "20"] {
        if other != root && paired(root, other) {
            roots.push(other);
        }
    }
    roots
}

/// Whether `candidate` reports `story`'s occurrence, and how well (higher is better), as the
/// module doc says; `None` when it does not.
pub fn joins(candidate: &Candidate, story: &StoryKey) -> Option<f32> {
    let forward =
        story.source.compatible(&candidate.source) && story.target.compatible(&candidate.target);
    let backward = is_symmetric(&candidate.cameo)
        && is_symmetric(&story.cameo)
        && story.source.compatible(&candidate.target)
        && story.target.compatible(&candidate.source);
    if !(forward || backward) {
        return None;
    }
    if !candidate.dates.meets(&story.dates) {
        return None;
    }
    let similarity = story.similarity(&candidate.signature);
    let pair_ok = paired(&candidate.root, &story.root) && similarity >= PAIR_SIMILARITY;
    if candidate.root != story.root && !pair_ok {
        return None;
    }
    if (candidate.dates.is_coarse() || story.dates.is_coarse()) && similarity < COARSE_SIMILARITY {
        return None;
    }
    let mut score = similarity;
    if candidate.cameo == story.cameo {
        score += 0.3;
    }
    if candidate.dates.overlaps(&story.dates) {
        score += 0.2;
    }
    if forward {
        score += 0.05;
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn range(date: &str, precision: &str) -> DateRange {
        DateRange::of(Some(date), Some(precision), None).unwrap()
    }

    fn cand(
        source: &str,
        target: &str,
        cameo: &str,
        date: &str,
        precision: &str,
        text: &str,
    ) -> Candidate {
        let side = |code: &str| Side::new(code, Some(&code[..3]), code.get(3..6));
        Candidate {
            source: side(source),
            target: side(target),
            cameo: cameo.to_string(),
            root: cameo[..2].to_string(),
            dates: range(date, precision),
            signature: Signature::of(text),
        }
    }

    const REJECT: &str = "Sheinbaum rejected any US military intervention in Mexico";

    #[test]
    fn same_dyad_code_and_day_joins_even_reworded() {
        let a = cand("MEXGOV", "USAGOV", "125", "2025-02-10", "day", REJECT);
        let b = cand(
            "MEXGOV",
            "USAGOV",
            "125",
            "2025-02-11",
            "day",
            "Mexico says no to American troops",
        );
        assert!(joins(&b, &StoryKey::open(&a)).is_some());
    }

    #[test]
    fn two_occasions_months_apart_stay_apart() {
        let feb = cand("MEXGOV", "USAGOV", "125", "2025-02-10", "day", REJECT);
        let may = cand("MEXGOV", "USAGOV", "125", "2025-05-03", "day", REJECT);
        assert_eq!(joins(&may, &StoryKey::open(&feb)), None);
    }

    #[test]
    fn date_tolerance_is_two_days() {
        let a = cand("MEXGOV", "USAGOV", "125", "2025-02-10", "day", REJECT);
        let story = StoryKey::open(&a);
        let at = |day: &str| joins(&cand("MEXGOV", "USAGOV", "125", day, "day", REJECT), &story);
        assert!(at("2025-02-12").is_some());
        assert!(at("2025-02-08").is_some());
        assert!(at("2025-02-13").is_none());
        assert!(at("2025-02-07").is_none());
    }

    #[test]
    fn dates_compare_at_their_precision() {
        // "in February" meets a day in February (the sentences share wording) but not in March.
        let day = cand("MEXGOV", "USAGOV", "125", "2025-02-20", "day", REJECT);
        let month = cand("MEXGOV", "USAGOV", "125", "2025-02-01", "month", REJECT);
        assert!(joins(&month, &StoryKey::open(&day)).is_some());
        let march = cand("MEXGOV", "USAGOV", "125", "2025-03-20", "day", REJECT);
        assert_eq!(joins(&march, &StoryKey::open(&month)), None);
        assert_eq!(range("2025-02-01", "month").end, d("2025-02-28"));
        assert_eq!(range("2024-02-01", "month").end, d("2024-02-29"));
        assert_eq!(range("2025-03-03", "week").end, d("2025-03-09"));
        assert_eq!(range("2025-06-01", "season").end, d("2025-08-31"));
        assert_eq!(range("2025-01-01", "year").end, d("2025-12-31"));
    }

    #[test]
    fn a_coarse_date_needs_shared_wording() {
        let day = cand("MEXGOV", "USAGOV", "125", "2025-02-20", "day", REJECT);
        let other = cand(
            "MEXGOV",
            "USAGOV",
            "125",
            "2025-02-01",
            "month",
            "Ebrard turned down the tariff proposal from Washington negotiators",
        );
        assert_eq!(joins(&other, &StoryKey::open(&day)), None);
    }

    #[test]
    fn undated_events_take_the_days_before_publication() {
        let r = DateRange::of(None, None, Some("2025-03-04T10:00:00Z")).unwrap();
        assert_eq!((r.start, r.end), (d("2025-03-02"), d("2025-03-04")));
        let r = DateRange::of(Some("2025-03-04"), Some("article"), None).unwrap();
        assert_eq!((r.start, r.end), (d("2025-03-02"), d("2025-03-04")));
        assert_eq!(DateRange::of(None, None, None), None);
        assert_eq!(DateRange::of(Some("soon"), None, None), None);
    }

    #[test]
    fn generic_sides_join_specific_ones_but_sectors_must_agree() {
        let gov = Side::new("USAGOV", Some("USA"), Some("GOV"));
        let mil = Side::new("USAMIL", Some("USA"), Some("MIL"));
        let usa = Side::new("USA", Some("USA"), None);
        let mex = Side::new("MEXGOV", Some("MEX"), Some("GOV"));
        assert!(usa.compatible(&gov) && gov.compatible(&usa) && usa.compatible(&mil));
        assert!(!gov.compatible(&mil));
        assert!(!gov.compatible(&mex));
        // No country: the code root stands in.
        assert!(Side::new("IGOUNO", None, None).compatible(&Side::new("IGO", None, None)));
        // A story opened by a generic side becomes specific, and then keeps other sectors out.
        let a = cand(
            "USA",
            "MEXGOV",
            "173",
            "2025-03-01",
            "day",
            "the United States arrested cartel leaders",
        );
        let b = cand(
            "USAMIL",
            "MEXGOV",
            "173",
            "2025-03-01",
            "day",
            "US troops arrested cartel leaders",
        );
        let c = cand(
            "USAGOV",
            "MEXGOV",
            "173",
            "2025-03-01",
            "day",
            "US officials arrested cartel leaders",
        );
        let mut story = StoryKey::open(&a);
        assert!(joins(&b, &story).is_some());
        story.absorb(&b);
        assert_eq!(story.source.sector.as_deref(), Some("MIL"));
        assert_eq!(joins(&c, &story), None);
    }

    #[test]
    fn symmetric_acts_join_reversed_others_do_not() {
        let meet = cand(
            "USAGOV",
            "MEXGOV",
            "040",
            "2025-03-01",
            "day",
            "Rubio met Sheinbaum in Mexico City",
        );
        let back = cand(
            "MEXGOV",
            "USAGOV",
            "040",
            "2025-03-01",
            "day",
            "Sheinbaum met Rubio in Mexico City",
        );
        assert!(joins(&back, &StoryKey::open(&meet)).is_some());
        let threat = cand(
            "USAGOV",
            "MEXGOV",
            "138",
            "2025-03-01",
            "day",
            "Washington threatened strikes in Mexico",
        );
        let threat_back = cand(
            "MEXGOV",
            "USAGOV",
            "138",
            "2025-03-01",
            "day",
            "Washington threatened strikes in Mexico",
        );
        assert_eq!(joins(&threat_back, &StoryKey::open(&threat)), None);
    }

    #[test]
    fn other_roots_stay_apart_and_a_threat_joins_its_strike_only_when_near_copies() {
        let threat = cand(
            "USAGOV",
            "MEXCRM",
            "138",
            "2025-03-01",
            "day",
            "The US threatened drone strikes on cartel camps in Sinaloa",
        );
        let strike_copy = cand(
            "USAGOV",
            "MEXCRM",
            "190",
            "2025-03-01",
            "day",
            "The US threatened drone strikes on cartel camps in Sinaloa",
        );
        let strike_other = cand(
            "USAGOV",
            "MEXCRM",
            "190",
            "2025-03-01",
            "day",
            "American drones hit a compound near Culiacan overnight",
        );
        let tariffs = cand(
            "USAGOV",
            "MEXCRM",
            "172",
            "2025-03-01",
            "day",
            "The US threatened drone strikes on cartel camps in Sinaloa",
        );
        let story = StoryKey::open(&threat);
        assert!(joins(&strike_copy, &story).is_some());
        assert_eq!(joins(&strike_other, &story), None);
        // 17 is a pair of 13 too, but a 12 (reject) is not.
        assert!(joins(&tariffs, &story).is_some());
        let reject = cand(
            "USAGOV",
            "MEXCRM",
            "120",
            "2025-03-01",
            "day",
            "The US threatened drone strikes on cartel camps in Sinaloa",
        );
        assert_eq!(joins(&reject, &story), None);
        assert_eq!(lookup_roots("13"), ["13", "15", "17", "18", "19", "20"]);
        assert_eq!(lookup_roots("19"), ["19", "13"]);
        assert_eq!(lookup_roots("12"), ["12"]);
    }

    #[test]
    fn the_same_code_and_closer_text_score_higher() {
        let a = cand("MEXGOV", "USAGOV", "125", "2025-02-10", "day", REJECT);
        let story = StoryKey::open(&a);
        let same = joins(&a, &story).unwrap();
        let other_code = joins(
            &cand("MEXGOV", "USAGOV", "120", "2025-02-10", "day", REJECT),
            &story,
        )
        .unwrap();
        let other_words = joins(
            &cand(
                "MEXGOV",
                "USAGOV",
                "125",
                "2025-02-10",
                "day",
                "Mexico says no",
            ),
            &story,
        )
        .unwrap();
        assert!(same > other_code && same > other_words);
    }

    #[test]
    fn absorb_takes_the_sector_a_generic_key_lacks() {
        let generic = cand("MEX", "USAGOV", "125", "2025-02-10", "day", REJECT);
        let government = cand("MEXGOV", "USAGOV", "125", "2025-02-10", "day", REJECT);
        let mut story = StoryKey::open(&generic);
        assert!(story.absorb(&government));
        assert_eq!(story.source.sector.as_deref(), Some("GOV"));
        // Back to generic: the key keeps the sector, and nothing changes.
        assert!(!story.absorb(&generic));
        assert_eq!(story.source.sector.as_deref(), Some("GOV"));
    }

    #[test]
    fn absorb_keeps_the_tighter_date_and_new_wording() {
        let month = cand("MEXGOV", "USAGOV", "125", "2025-02-01", "month", REJECT);
        let day = cand(
            "MEXGOV",
            "USAGOV",
            "125",
            "2025-02-10",
            "day",
            "Sheinbaum rejected a US military intervention on Monday",
        );
        let mut story = StoryKey::open(&month);
        assert!(story.absorb(&day));
        assert_eq!(story.dates, range("2025-02-10", "day"));
        assert_eq!(story.exemplars.len(), 2);
        assert!(!story.absorb(&day), "a copy changes nothing");
        assert_eq!(story.exemplars.len(), 2, "a copy adds no exemplar");
        let bytes = story.exemplar_bytes();
        let back = StoryKey::exemplars_from_bytes(&bytes);
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].similarity(&story.exemplars[1]), 1.0);
    }
}
