//! The compiled lexicon: every dictionary phrase indexed by its first word, so that finding all
//! entries that start at a word is one or two hash look-ups.
//!
//! Index layout: `exact` maps a first-word key to the phrases whose first word must equal it
//! (TABARI words written with a closing underscore, PETRARCH words, atalaya words); `stems` maps
//! a first-word key to the phrases whose first word matches any word *starting with* it (TABARI
//! stems such as `ARGENTIN`). A word of length n is looked up once in `exact`, once per regular
//! English ending it may carry (TABARI only), and once per prefix in `stems` when it starts
//! like some stem (`stem_heads`; most words do not), which is cheap for the short words of news
//! text.
//!
//! What a phrase stands for is a [`LexKind`]: actor, agent, verb form, noun, adjective, discard,
//! synset member. Matching the rest of a phrase is done word by word by [`match_phrase_with`] (which lets news fillers such as "today"
//! stand inside a verb phrase: "spoke today with").

use atalaya_dict::{DictFormat, Dictionaries, Phrase, PhraseWord};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexKind {
    /// Index into `Dictionaries::actors`.
    Actor(u32),
    /// Index into `Dictionaries::agents`.
    Agent(u32),
    /// Index into `Dictionaries::verbs`.
    Verb(u32),
    Noun,
    Adjective,
    /// Index into `Dictionaries::discards`.
    Discard(u32),
    /// Index into `Dictionaries::time_shifts`.
    TimeShift(u32),
}

#[derive(Debug, Clone)]
pub struct LexEntry {
    pub kind: LexKind,
    /// The phrase's words (the first one included).
    pub words: Box<[PhraseWord]>,
}

/// Regular English endings TABARI accepts on the last word of a phrase written without `=`.
const TABARI_ENDINGS: [&str; 6] = ["s", "es", "ed", "en", "ing", "d"];

#[derive(Default)]
pub struct Lexicon {
    /// Phrases indexed by their first word only (one-word phrases, and phrases whose second
    /// word is a stem or may be separated).
    exact: HashMap<String, Vec<u32>>,
    /// Phrases indexed by first word, then second word: common first words ("the", "new")
    /// start thousands of phrases, and the second word tells them apart at once.
    pairs: HashMap<String, HashMap<String, Vec<u32>>>,
    stems: HashMap<String, Vec<u32>>,
    entries: Vec<LexEntry>,
    /// Whether the TABARI regular-ending rule applies (TABARI dictionaries only; the other
    /// loaders spell out their forms).
    tabari_endings: bool,
    /// Longest stem key, in bytes: no need to try longer prefixes.
    max_stem_len: usize,
    /// Shortest stem key, in bytes.
    min_stem_len: usize,
    /// The first `min_stem_len` bytes of every stem key: a word that starts with none of them
    /// has no stem as a prefix, so its prefixes need no look-up (most words).
    stem_heads: HashSet<Vec<u8>>,
}

/// One phrase found in the text: `len` words from the starting word.
#[derive(Debug, Clone, Copy)]
pub struct LexMatch {
    pub kind: LexKind,
    pub len: usize,
}

impl Lexicon {
    pub fn build(d: &Dictionaries) -> Lexicon {
        let mut lex = Lexicon {
            tabari_endings: d.format == DictFormat::Tabari,
            ..Lexicon::default()
        };
        for (i, a) in d.actors.iter().enumerate() {
            for p in &a.phrases {
                lex.add(LexKind::Actor(i as u32), p);
            }
        }
        for (i, a) in d.agents.iter().enumerate() {
            for p in &a.phrases {
                lex.add(LexKind::Agent(i as u32), p);
            }
        }
        for (i, v) in d.verbs.iter().enumerate() {
            for p in &v.forms {
                lex.add(LexKind::Verb(i as u32), p);
            }
        }
        for p in &d.nouns {
            lex.add(LexKind::Noun, p);
        }
        for p in &d.adjectives {
            lex.add(LexKind::Adjective, p);
        }
        for (i, x) in d.discards.iter().enumerate() {
            lex.add(LexKind::Discard(i as u32), &x.phrase);
        }
        for (i, t) in d.time_shifts.iter().enumerate() {
            lex.add(LexKind::TimeShift(i as u32), &t.phrase);
        }
        lex.min_stem_len = lex.stems.keys().map(String::len).min().unwrap_or(0);
        lex.stem_heads = lex
            .stems
            .keys()
            .filter_map(|k| k.as_bytes().get(..lex.min_stem_len))
            .map(<[u8]>::to_vec)
            .collect();
        lex
    }

    fn add(&mut self, kind: LexKind, phrase: &Phrase) {
        let Some(first) = phrase.words.first() else {
            return;
        };
        if first.key.is_empty() {
            return;
        }
        let idx = self.entries.len() as u32;
        self.entries.push(LexEntry {
            kind,
            words: phrase.words.clone().into_boxed_slice(),
        });
        if first.stem {
            self.max_stem_len = self.max_stem_len.max(first.key.len());
            self.stems.entry(first.key.clone()).or_default().push(idx);
            return;
        }
        match phrase.words.get(1) {
            Some(second) if second.adjacent && !second.stem && !self.tabari_endings => {
                self.pairs
                    .entry(first.key.clone())
                    .or_default()
                    .entry(second.key.clone())
                    .or_default()
                    .push(idx);
            }
            _ => self.exact.entry(first.key.clone()).or_default().push(idx),
        }
    }

    /// Every entry whose phrase matches the words starting at `at`. `keys` are the folded words
    /// of the sentence; `stop` is the index after the last word a phrase may use.
    pub fn matches_at(&self, keys: &[&str], at: usize, out: &mut Vec<LexMatch>) {
        let Some(word) = keys.get(at) else {
            return;
        };
        let mut consider = |ids: &Vec<u32>| {
            for &id in ids {
                if let Some(e) = self.entries.get(id as usize) {
                    let fillers = !self.tabari_endings && matches!(e.kind, LexKind::Verb(_));
                    if let Some(len) =
                        match_phrase_with(&e.words, keys, at, self.tabari_endings, fillers)
                    {
                        out.push(LexMatch { kind: e.kind, len });
                    }
                }
            }
        };
        if let Some(ids) = self.exact.get(*word) {
            consider(ids);
        }
        if let (Some(by_second), Some(next)) = (self.pairs.get(*word), keys.get(at + 1)) {
            if let Some(ids) = by_second.get(*next) {
                consider(ids);
            }
            // "spoke today with": the phrase's second word comes after the filler(s).
            if !self.tabari_endings && is_verb_filler(next) {
                for k in [at + 2, at + 3] {
                    if let Some(ids) = keys.get(k).and_then(|key| by_second.get(*key)) {
                        consider(ids);
                    }
                    if !keys.get(k).is_some_and(|key| is_verb_filler(key)) {
                        break;
                    }
                }
            }
        }
        if self.tabari_endings {
            for ending in TABARI_ENDINGS {
                if let Some(stripped) = word.strip_suffix(ending) {
                    if stripped.len() >= 2 {
                        if let Some(ids) = self.exact.get(stripped) {
                            consider(ids);
                        }
                    }
                }
            }
        }
        let may_start_with_stem = word
            .as_bytes()
            .get(..self.min_stem_len)
            .is_some_and(|head| self.stem_heads.contains(head));
        if may_start_with_stem {
            let limit = word.len().min(self.max_stem_len);
            for (end, _) in word
                .char_indices()
                .skip(1)
                .chain(std::iter::once((word.len(), ' ')))
            {
                if end > limit {
                    break;
                }
                if let Some(ids) = self.stems.get(&word[..end]) {
                    consider(ids);
                }
            }
        }
    }
}

/// Does `w` (a dictionary word) match the text word `key`? `last` says whether `w` ends its
/// phrase (only the last word may carry a TABARI regular ending).
pub fn word_matches(w: &PhraseWord, key: &str, last: bool, tabari_endings: bool) -> bool {
    if w.stem {
        return key.starts_with(w.key.as_str());
    }
    if key == w.key {
        return true;
    }
    if tabari_endings && last && !w.no_endings {
        if let Some(rest) = key.strip_prefix(w.key.as_str()) {
            return TABARI_ENDINGS.contains(&rest) || rest == "'s";
        }
    }
    false
}

/// The singulars a regular plural may have: "efforts" → "effort", "marches" → "march" (and
/// "marche"). PETRARCH 2.0 patterns match lemmas, so their nouns match these plurals.
pub fn singular_forms(key: &str) -> impl Iterator<Item = &str> {
    let s = key.strip_suffix('s');
    let es = key.strip_suffix("es");
    s.into_iter().chain(es).filter(|k| !k.is_empty())
}

/// Words a non-adjacent phrase word (TABARI blank connector) may skip.
const MAX_PHRASE_GAP: usize = 3;

/// Words news puts inside a verb phrase without changing it: "spoke *today* with", "met
/// *Tuesday* with", "talked *again* with". (A `match`, not a list: it runs on every word.)
fn is_verb_filler(key: &str) -> bool {
    matches!(
        key,
        "today"
            | "yesterday"
            | "tonight"
            | "again"
            | "also"
            | "separately"
            | "briefly"
            | "directly"
    ) || atalaya_time::is_weekday_name(key)
}

/// Matches a whole phrase at `at`. Adjacent words must follow directly; a word joined by a blank
/// in a TABARI phrase may come up to [`MAX_PHRASE_GAP`] words later, never across a comma or a
/// conjunction. Returns the number of text words used. With `skip_fillers` (verb forms outside
/// TABARI) up to two [`is_verb_filler`] words may stand inside the phrase.
pub fn match_phrase_with(
    words: &[PhraseWord],
    keys: &[&str],
    at: usize,
    tabari_endings: bool,
    skip_fillers: bool,
) -> Option<usize> {
    let n = words.len();
    let mut pos = at;
    let mut skipped = 0;
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == n;
        if i == 0 || w.adjacent {
            while i > 0
                && skip_fillers
                && skipped < 2
                && keys.get(pos).is_some_and(|k| is_verb_filler(k))
                && !keys
                    .get(pos)
                    .is_some_and(|k| word_matches(w, k, last, tabari_endings))
            {
                pos += 1;
                skipped += 1;
            }
            let key = keys.get(pos)?;
            if !word_matches(w, key, last, tabari_endings) {
                return None;
            }
            pos += 1;
            continue;
        }
        let mut found = None;
        let window = keys
            .get(pos..(pos + 1 + MAX_PHRASE_GAP).min(keys.len()))
            .unwrap_or(&[]);
        for (q, &key) in window.iter().enumerate().map(|(k, key)| (pos + k, key)) {
            if word_matches(w, key, last, tabari_endings) {
                found = Some(q);
                break;
            }
            if matches!(key, "," | "and" | "or" | "but") {
                break;
            }
        }
        pos = found? + 1;
    }
    Some(pos - at)
}
