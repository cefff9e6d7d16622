//! Atalaya's story stage: which events report the same occurrence.
//!
//! A *story* is one occurrence (a strike, a rejection, a meeting) with every mention of it, in
//! one article or many. This crate decides, from what events carry, whether an event reports a
//! story's occurrence; the store (`atalaya-store`) keeps the stories and asks it on ingest.
//!
//! - `signature.rs`: [`Signature`], MinHash over word shingles of the event's sentence (the
//!   data structure is explained there).
//! - `key.rs`: [`Candidate`] (an event as the decision sees it), [`StoryKey`] (what a story
//!   keeps), [`joins`] (the rules, listed in its module doc), [`lookup_roots`] and
//!   [`DateRange::window`] (what the store's indexed look-up of candidate stories needs).
//! - [`Mention`] and [`more_representative`]: which mention stands for its story.
//! - [`ModalityCounts`]: the modality as the evidence stands.
//!
//! Pure: no database, no async.

mod key;
mod signature;

pub use key::{
    is_symmetric, joins, lookup_roots, Candidate, DateRange, Side, StoryKey, COARSE_DAYS,
    COARSE_SIMILARITY, EXEMPLARS, PAIR_SIMILARITY, TOLERANCE_DAYS,
};
pub use signature::{Signature, BYTES as SIGNATURE_BYTES, SLOTS as SIGNATURE_SLOTS};

use atalaya_engine::Modality;

/// What the representative rule reads of a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention<'a> {
    pub event_id: &'a str,
    pub modality: Modality,
    pub cameo: &'a str,
    pub confidence: f32,
}

/// How strong a modality's evidence is: asserted, then reported, future, hypothetical, negated
/// (the analysis crate orders stories' representatives the same way).
pub fn modality_strength(modality: Modality) -> u8 {
    match modality {
        Modality::Asserted => 0,
        Modality::Reported => 1,
        Modality::Future => 2,
        Modality::Hypothetical => 3,
        Modality::Negated => 4,
    }
}

/// Whether `a` stands for its story better than `b`: the strongest modality (asserted before
/// reported), then the most specific code, then the highest confidence, then the smaller event
/// id (so that the choice never depends on arrival order).
pub fn more_representative(a: &Mention<'_>, b: &Mention<'_>) -> bool {
    modality_strength(a.modality)
        .cmp(&modality_strength(b.modality))
        .then(b.cameo.len().cmp(&a.cameo.len()))
        .then(b.confidence.total_cmp(&a.confidence))
        .then_with(|| a.event_id.cmp(b.event_id))
        .is_lt()
}

/// Mentions of a story per modality: "reported by three, asserted by one".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModalityCounts {
    pub asserted: u64,
    pub reported: u64,
    pub hypothetical: u64,
    pub future: u64,
    pub negated: u64,
}

impl ModalityCounts {
    pub fn add(&mut self, modality: Modality, n: u64) {
        *self.slot(modality) += n;
    }

    fn slot(&mut self, modality: Modality) -> &mut u64 {
        match modality {
            Modality::Asserted => &mut self.asserted,
            Modality::Reported => &mut self.reported,
            Modality::Hypothetical => &mut self.hypothetical,
            Modality::Future => &mut self.future,
            Modality::Negated => &mut self.negated,
        }
    }

    pub fn get(&self, modality: Modality) -> u64 {
        match modality {
            Modality::Asserted => self.asserted,
            Modality::Reported => self.reported,
            Modality::Hypothetical => self.hypothetical,
            Modality::Future => self.future,
            Modality::Negated => self.negated,
        }
    }

    /// The strongest modality any mention has: what the evidence, as it stands, supports.
    pub fn strongest(&self) -> Option<Modality> {
        let mut all = Modality::ALL;
        all.sort_by_key(|m| modality_strength(*m));
        all.into_iter().find(|m| self.get(*m) > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m<'a>(id: &'a str, modality: Modality, cameo: &'a str, confidence: f32) -> Mention<'a> {
        Mention {
            event_id: id,
            modality,
            cameo,
            confidence,
        }
    }

    #[test]
    fn asserted_beats_reported_whatever_the_code_or_confidence() {
        let asserted = m("b", Modality::Asserted, "19", 0.5);
        let reported = m("a", Modality::Reported, "1951", 0.99);
        assert!(more_representative(&asserted, &reported));
        assert!(!more_representative(&reported, &asserted));
        let future = m("a", Modality::Future, "1951", 0.99);
        assert!(more_representative(&reported, &future));
        let negated = m("a", Modality::Negated, "1951", 0.99);
        assert!(more_representative(
            &m("z", Modality::Hypothetical, "1", 0.1),
            &negated
        ));
    }

    #[test]
    fn then_the_most_specific_code_then_confidence_then_id() {
        let specific = m("b", Modality::Asserted, "195", 0.5);
        let root = m("a", Modality::Asserted, "19", 0.9);
        assert!(more_representative(&specific, &root));
        let sure = m("b", Modality::Asserted, "195", 0.9);
        assert!(more_representative(&sure, &specific));
        let twin = m("a", Modality::Asserted, "195", 0.9);
        assert!(more_representative(&twin, &sure) && !more_representative(&sure, &twin));
    }

    #[test]
    fn modality_counts_and_the_strongest() {
        let mut counts = ModalityCounts::default();
        assert_eq!(counts.strongest(), None);
        counts.add(Modality::Reported, 3);
        counts.add(Modality::Negated, 1);
        assert_eq!(counts.strongest(), Some(Modality::Reported));
        counts.add(Modality::Asserted, 1);
        assert_eq!(counts.strongest(), Some(Modality::Asserted));
        assert_eq!(counts.get(Modality::Reported), 3);
    }
}
