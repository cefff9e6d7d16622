//! A text-similarity signature of an event's sentence: MinHash over word shingles.
//!
//! The data structure. A sentence becomes a *set of shingles*: its content words (folded to
//! lowercase without accents, stop words dropped, each cut to its first [`STEM`] characters so
//! that "strike", "strikes" and "striking" meet) and every pair of adjacent content words.
//! Two sentences are as similar as the Jaccard index of their sets, |A ∩ B| / |A ∪ B|.
//!
//! Keeping whole sets per story would cost a row per word. MinHash keeps instead, for each of
//! [`SLOTS`] independent hash functions hᵢ, the smallest hᵢ(shingle) over the set: a fixed
//! array of 64 values. Only the low 16 bits of each minimum are kept (b-bit MinHash: two
//! different minima agree by chance once in 65,536, which moves no estimate that matters), so a
//! signature is 128 bytes, stored as a blob. For two sets, slot i holds the same value
//! exactly when the shingle of A ∪ B with the smallest hᵢ lies in both, which happens with
//! probability J(A, B); the share of equal slots estimates J with a standard error of about
//! √(J(1−J)/64) ≤ 0.063. The hᵢ are one 64-bit hash of the shingle mixed with a per-slot seed
//! (a SplitMix64 finaliser), so a shingle is hashed once, not 64 times.
//!
//! An empty set (a sentence of stop words only) gives all-`u32::MAX` slots; two of them are not
//! called similar ([`Signature::similarity`] answers 0).

/// Number of hash functions (slots) of a signature.
pub const SLOTS: usize = 64;

/// Bytes of a signature as stored ([`Signature::to_bytes`]).
pub const BYTES: usize = SLOTS * 2;

/// Characters of a word kept in its shingle.
pub const STEM: usize = 6;

/// Words too common in news sentences to say which occurrence one reports (sorted: looked up
/// by binary search).
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "but", "by", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "last", "may", "more",
    "not", "of", "on", "one", "or", "over", "said", "says", "she", "should", "so", "than", "that",
    "the", "their", "them", "there", "they", "this", "to", "told", "two", "under", "was", "we",
    "were", "which", "while", "who", "will", "with", "would",
];

/// A MinHash signature of one sentence (or the union of several, see [`Signature::merge`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    mins: [u32; SLOTS],
}

impl Signature {
    /// The signature of `text`'s shingle set.
    pub fn of(text: &str) -> Signature {
        let folded = atalaya_text::fold_key(text);
        let words = content_words(&folded);
        // The shingles' hashes: each word, then each pair of neighbours (the second word
        // hashed from the first's hash). A repeated shingle changes no minimum: once is enough.
        let singles: Vec<u64> = words.iter().map(|w| hash_bytes(w.as_bytes(), 0)).collect();
        let mut shingles = singles.clone();
        shingles.extend(
            words
                .iter()
                .skip(1)
                .zip(&singles)
                .map(|(second, first)| hash_bytes(second.as_bytes(), *first)),
        );
        shingles.sort_unstable();
        shingles.dedup();
        // Four slots at a time over all shingles, as scalar code: the stop at four zero minima
        // (none can go lower) keeps the compiler from vectorizing the loop, which on baseline
        // x86-64 emulates the 64-bit multiplies and is slower (a fifth of the time saved).
        let mut mins = [u32::MAX; SLOTS];
        for (four, seeds) in mins.chunks_exact_mut(4).zip(SEEDS.chunks_exact(4)) {
            let mut m = [u32::MAX; 4];
            for shingle in &shingles {
                for (m, seed) in m.iter_mut().zip(seeds) {
                    *m = (*m).min((mix(shingle ^ seed) >> 32) as u32);
                }
                if m == [0; 4] {
                    break;
                }
            }
            four.copy_from_slice(&m);
        }
        Signature { mins }
    }

    /// Whether the sentence had no content word (every slot still at its start value, as
    /// stored: `0xffff` in its low bits).
    pub fn is_empty(&self) -> bool {
        self.mins.iter().all(|&m| m & 0xffff == 0xffff)
    }

    /// Estimated Jaccard similarity of the two shingle sets, 0 to 1.
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        // On the low 16 bits, as stored, so that a fresh signature meets a stored one.
        let equal = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| (**a & 0xffff) == (**b & 0xffff))
            .count();
        equal as f32 / SLOTS as f32
    }

    /// The signature of the union of both sets (slot-wise minimum).
    pub fn merge(&mut self, other: &Signature) {
        for (a, b) in self.mins.iter_mut().zip(&other.mins) {
            *a = (*a).min(*b);
        }
    }

    /// The low 16 bits of each slot, little-endian: [`BYTES`] long.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins
            .iter()
            .flat_map(|m| ((*m & 0xffff) as u16).to_le_bytes())
            .collect()
    }

    /// A signature from [`Signature::to_bytes`]; `None` unless exactly [`BYTES`] long.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != BYTES {
            return None;
        }
        let mut mins = [0u32; SLOTS];
        for (min, chunk) in mins.iter_mut().zip(bytes.chunks_exact(2)) {
            *min = u32::from(u16::from_le_bytes([chunk[0], chunk[1]]));
        }
        Some(Signature { mins })
    }
}

/// The content words of a folded text (`atalaya_text::fold_key`), each cut to [`STEM`]
/// characters.
fn content_words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && STOP_WORDS.binary_search(w).is_err())
        .map(|w| w.char_indices().nth(STEM).map_or(w, |(end, _)| &w[..end]))
        .collect()
}

/// FNV-1a over the bytes, started from `seed`, then mixed (FNV alone clusters short keys).
fn hash_bytes(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// SplitMix64's finaliser: every input bit reaches every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Per-slot seeds: fixed, so that stored signatures stay comparable across versions.
const SEEDS: [u64; SLOTS] = seeds();

const fn seeds() -> [u64; SLOTS] {
    let mut out = [0u64; SLOTS];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut i = 0;
    while i < SLOTS {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out[i] = z ^ (z >> 31);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_sentence_is_identical() {
        let a = Signature::of("Mexico's president rejected any foreign military intervention.");
        let b = Signature::of("Mexico's president rejected any foreign military intervention.");
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn case_accents_stop_words_and_endings_do_not_matter() {
        let a = Signature::of("The president of México rejects the strikes");
        let b = Signature::of("president mexico rejected strike");
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn unrelated_sentences_are_far_and_close_ones_near() {
        let a = Signature::of("Washington imposed tariffs of 25 percent on Mexican steel and cars");
        let b = Signature::of("Washington imposed tariffs of 25 percent on Mexican steel exports");
        let c = Signature::of("Troops arrived at the border crossing near Ciudad Juarez overnight");
        assert!(a.similarity(&b) > 0.4, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.15, "{}", a.similarity(&c));
    }

    #[test]
    fn signatures_stay_what_stores_hold() {
        // FNV-1a of the stored bytes of two sentences, as every version since 16-bit slots
        // stored them: a change here makes stored stories incomparable with new mentions.
        let fnv = |bytes: Vec<u8>| {
            bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            })
        };
        let english = "Mexico's President Claudia Sheinbaum on Monday rejected any U.S. \
                       military intervention against cartels on Mexican soil.";
        let accented = "Los ministros de Relaciones Exteriores de México y EE. UU. se \
                        reunieron — «diálogo» 2025";
        assert_eq!(
            fnv(Signature::of(english).to_bytes()),
            0x428b_a33d_73af_7904
        );
        assert_eq!(
            fnv(Signature::of(accented).to_bytes()),
            0xbb46_a903_9054_46f3
        );
    }

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(Signature::of("the and of").is_empty());
    }

    #[test]
    fn words_are_cut_at_six_characters_not_bytes() {
        // "interventions" and "intervening" share "interv"; "éééééé" is six characters.
        assert_eq!(
            content_words("interventions intervening ééééééé"),
            ["interv", "interv", "éééééé"]
        );
        let a = Signature::of("intervention rejected");
        let b = Signature::of("interventions rejects");
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn empty_sets_are_not_similar() {
        let a = Signature::of("it was the one that they said");
        assert!(a.is_empty());
        assert_eq!(a.similarity(&a.clone()), 0.0);
    }

    #[test]
    fn bytes_round_trip_and_bad_lengths_are_refused() {
        let a = Signature::of("cartel leaders transferred to the United States");
        let back = Signature::from_bytes(&a.to_bytes()).unwrap_or_else(|| panic!("no signature"));
        assert_eq!(back.similarity(&a), 1.0);
        assert_eq!(back.to_bytes(), a.to_bytes());
        assert_eq!(a.to_bytes().len(), BYTES);
        assert_eq!(Signature::from_bytes(&[0; 7]), None);
    }

    #[test]
    fn merge_is_the_union() {
        let mut a = Signature::of("drone strikes on cartel camps");
        let b = Signature::of("tariffs on steel");
        let union = Signature::of("drone strikes on cartel camps; tariffs on steel");
        a.merge(&b);
        // The union of the sets, except the one pair that crosses the ';'.
        assert!(a.similarity(&union) > 0.8, "{}", a.similarity(&union));
    }
}
