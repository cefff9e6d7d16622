//! Verb-pattern matching inside one clause.
//!
//! A pattern is `before… * after…` (see `atalaya_dict::Pattern`). Elements are matched in text
//! order; a non-adjacent element may skip words but never a comma (TABARI: "phrase matching stops
//! at commas"). Actor slots (`$`, `+`, `%`, `^`) take the *first* actor mention found where they
//! stand, as TABARI does, so matching is deterministic. Words are tried at every position, with
//! backtracking, because a literal may occur more than once.

use super::lexicon::{singular_forms, word_matches};
use super::words::{Word, WordKind};
use atalaya_dict::{Dictionaries, Group, Pattern, PatternElem, Phrase, Synset};
use rustc_hash::FxHashMap as HashMap;

/// The clause as the matcher sees it: the kept words in order and, for each, the mention that
/// starts there (with the clause position just after it).
pub struct ClauseView<'a> {
    pub words: Vec<&'a Word>,
    /// Index into the sentence's word list of each clause word.
    pub word_index: Vec<usize>,
    /// For each clause position, `Some((mention, end_position))` when a mention starts there.
    pub mention_at: Vec<Option<(usize, usize)>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bindings {
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub compound: Option<usize>,
    /// The mention a `^` passed over: not a candidate for the default searches either.
    pub skipped: Option<usize>,
}

/// A synset's members indexed by their first word: trying a synset at a word then looks only at
/// the members that can start there, not at all of them (PETRARCH's `&DEFENSE` has 131).
#[derive(Debug, Default)]
pub struct SynsetIndex {
    /// Members whose first word matches only a text word equal to it, by that word.
    by_first_word: HashMap<String, Vec<u32>>,
    /// Members whose first word is a stem or may take a TABARI ending: tried at every word.
    always_tried: Vec<u32>,
}

impl SynsetIndex {
    pub fn build(set: &Synset, tabari_endings: bool) -> SynsetIndex {
        let mut index = SynsetIndex::default();
        for (i, member) in set.members.iter().enumerate() {
            let Some(first) = member.words.first() else {
                // An empty member never matches (see `Matcher::phrase_at`).
                continue;
            };
            // Mirrors `word_matches`: a stem, or a one-word member that may carry an ending,
            // matches text words other than its own key.
            let one_word = member.words.len() == 1;
            let loose = first.stem || (tabari_endings && one_word && !first.no_endings);
            if loose {
                index.always_tried.push(i as u32);
            } else {
                index
                    .by_first_word
                    .entry(first.key.clone())
                    .or_default()
                    .push(i as u32);
            }
        }
        index
    }
}

#[derive(Clone, Copy)]
pub struct Matcher<'d> {
    pub dicts: &'d Dictionaries,
    /// Per synset of `dicts`, its members by first word.
    pub synsets: &'d [SynsetIndex],
    pub tabari_endings: bool,
    /// Whether mention `i` is a compound (for `%`).
    pub compound: &'d [bool],
    /// The pattern being matched is phrase-structured (PETRARCH-2 syntax,
    /// [`atalaya_dict::Pattern::phrase_structured`]); set by [`Matcher::match_pattern`].
    pub phrase_structured: bool,
    /// News conventions: a literal word after the verb is not looked for past a subordinator
    /// that opens another clause ("declared after the Times reported ... terrorist", "threatened
    /// action if the cartels take aim at").
    pub news: bool,
}

/// Subordinators that open a clause of its own after the verb's: its words are not the verb's.
const CLAUSE_OPENERS: &[&str] = &[
    "after", "before", "when", "while", "because", "if", "unless", "although", "though",
];

impl Matcher<'_> {
    /// Matches `before` ending at or before `verb_pos` (exactly at it when `verb_adjacent`) and
    /// `after` from `verb_end`, within the clause.
    pub fn match_pattern(
        &self,
        view: &ClauseView,
        pattern: &Pattern,
        verb_pos: usize,
        verb_end: usize,
    ) -> Option<Bindings> {
        let this = Matcher {
            phrase_structured: pattern.phrase_structured,
            ..*self
        };
        this.match_sides(
            view,
            &pattern.before,
            &pattern.after,
            pattern.verb_adjacent,
            verb_pos,
            verb_end,
        )
    }

    fn match_sides(
        &self,
        view: &ClauseView,
        before: &[PatternElem],
        after: &[PatternElem],
        verb_adjacent: bool,
        verb_pos: usize,
        verb_end: usize,
    ) -> Option<Bindings> {
        let mut b = Bindings::default();
        if !before.is_empty() {
            let end = if verb_adjacent { Some(verb_pos) } else { None };
            if !self.seq(view, before, 0, 0, verb_pos, end, true, true, &mut b) {
                return None;
            }
        }
        if !after.is_empty()
            && !self.seq(
                view,
                after,
                0,
                verb_end,
                view.words.len(),
                None,
                false,
                false,
                &mut b,
            )
        {
            return None;
        }
        Some(b)
    }

    /// Matches `elems[i..]` starting at clause position `pos`, not past `limit`. When `must_end`
    /// is set, the last element must end exactly there. `free_start` lets the first element
    /// float (patterns before the verb start anywhere in the clause).
    #[allow(clippy::too_many_arguments)]
    fn seq(
        &self,
        view: &ClauseView,
        elems: &[PatternElem],
        i: usize,
        pos: usize,
        limit: usize,
        must_end: Option<usize>,
        free_start: bool,
        before_verb: bool,
        b: &mut Bindings,
    ) -> bool {
        let Some(elem) = elems.get(i) else {
            return must_end.is_none_or(|e| e == pos);
        };
        let adjacent = match elem {
            PatternElem::Open(_) | PatternElem::Close(_) => {
                return self.seq(
                    view,
                    elems,
                    i + 1,
                    pos,
                    limit,
                    must_end,
                    free_start,
                    before_verb,
                    b,
                )
            }
            PatternElem::Word(w) => w.adjacent,
            PatternElem::Synset { adjacent, .. }
            | PatternElem::Source { adjacent }
            | PatternElem::Target { adjacent }
            | PatternElem::Compound { adjacent }
            | PatternElem::Skip { adjacent } => *adjacent,
        };
        // The first element of a pattern before the verb floats: it may start anywhere in the
        // clause, also after a comma ("Once again, Arnor will attack").
        let floating = free_start && i == first_real(elems);
        let adjacent = adjacent && !floating;
        match elem {
            PatternElem::Source { .. }
            | PatternElem::Target { .. }
            | PatternElem::Compound { .. }
            | PatternElem::Skip { .. } => {
                // Before the verb, a slot followed by more pattern takes the mention nearest to
                // what follows ("Mordor et Arnor will be hosting": `$ HOSTING` is Arnor);
                // otherwise the first mention at or after `pos` (only at `pos` when adjacent).
                if before_verb && !adjacent && i + 1 < elems.len() {
                    let mut q = limit;
                    while q > pos {
                        q -= 1;
                        if view.words[q].kind == WordKind::Comma {
                            continue;
                        }
                        let Some((m, end)) = view.mention_at[q] else {
                            continue;
                        };
                        if end > limit {
                            continue;
                        }
                        match self.bind_slot(
                            view,
                            elems,
                            i,
                            m,
                            end,
                            limit,
                            must_end,
                            before_verb,
                            b,
                        ) {
                            Some(true) => return true,
                            Some(false) | None => continue,
                        }
                    }
                    return false;
                }
                let mut q = pos;
                while q < limit {
                    if let Some((m, end)) = view.mention_at[q] {
                        if end > limit {
                            return false;
                        }
                        return self
                            .bind_slot(view, elems, i, m, end, limit, must_end, before_verb, b)
                            .unwrap_or(false);
                    }
                    if adjacent || (view.words[q].kind == WordKind::Comma && !floating) {
                        return false;
                    }
                    q += 1;
                }
                false
            }
            PatternElem::Word(_) | PatternElem::Synset { .. } => {
                let heads_only = before_verb
                    && self.phrase_structured
                    && matches!(elem, PatternElem::Word(_))
                    && !in_group(elems, i);
                // A `{ ... }` head follows its nearest modifier directly, or after a
                // coordinated one ("death and injury toll").
                let head_at = |q: usize| {
                    q == pos
                        || (q == pos + 2
                            && view
                                .words
                                .get(pos)
                                .is_some_and(|w| w.kind == WordKind::Conj))
                };
                let head = is_group_head_after_modifier(elems, i);
                // News: the commas of a listed compound ("designated X, Y and Z as FTOs")
                // separate its members, not phrases.
                let mut inside_until = 0;
                let mut q = pos;
                while q < limit {
                    if head && q > pos + 2 {
                        return false;
                    }
                    if self.news {
                        if let Some((_, end)) = view.mention_at[q] {
                            inside_until = inside_until.max(end);
                        }
                    }
                    let usable = (!heads_only || !is_never_head(&view.words[q].key))
                        && (!head || head_at(q));
                    if let Some(len) = self.literal_at(view, elem, q, limit).filter(|_| usable) {
                        if self.seq(
                            view,
                            elems,
                            i + 1,
                            q + len,
                            limit,
                            must_end,
                            false,
                            before_verb,
                            b,
                        ) {
                            return true;
                        }
                    }
                    if adjacent
                        || (view.words[q].kind == WordKind::Comma && !floating && q >= inside_until)
                    {
                        return false;
                    }
                    // Nor past "that": the words of a complement clause are not the verb's
                    // ("allowed that Mordor isn't the neatest place" is no `* THE NEATEST PLACE`).
                    if !before_verb && self.phrase_structured && view.words[q].key == "that" {
                        return false;
                    }
                    if !before_verb
                        && self.news
                        && CLAUSE_OPENERS.contains(&view.words[q].key.as_str())
                    {
                        return false;
                    }
                    q += 1;
                }
                false
            }
            PatternElem::Open(_) | PatternElem::Close(_) => false,
        }
    }

    /// Binds mention `m` (ending at clause position `end`) to the slot `elems[i]` and matches
    /// the rest of the pattern; the bindings are restored when that fails. `None` when a `%`
    /// slot is offered a mention that is not a compound.
    #[allow(clippy::too_many_arguments)]
    fn bind_slot(
        &self,
        view: &ClauseView,
        elems: &[PatternElem],
        i: usize,
        m: usize,
        end: usize,
        limit: usize,
        must_end: Option<usize>,
        before_verb: bool,
        b: &mut Bindings,
    ) -> Option<bool> {
        let elem = elems.get(i)?;
        if matches!(elem, PatternElem::Compound { .. })
            && !self.compound.get(m).copied().unwrap_or(false)
        {
            return None;
        }
        let saved = *b;
        match elem {
            PatternElem::Source { .. } => b.source = Some(m),
            PatternElem::Target { .. } => b.target = Some(m),
            PatternElem::Compound { .. } => b.compound = Some(m),
            _ => b.skipped = Some(m),
        }
        if self.seq(
            view,
            elems,
            i + 1,
            end,
            limit,
            must_end,
            false,
            before_verb,
            b,
        ) {
            return Some(true);
        }
        *b = saved;
        Some(false)
    }

    /// Length in words of a literal element matched at `q`.
    fn literal_at(
        &self,
        view: &ClauseView,
        elem: &PatternElem,
        q: usize,
        limit: usize,
    ) -> Option<usize> {
        match elem {
            PatternElem::Word(w) => {
                let word = view.words.get(q)?;
                // A pattern word takes no regular ending: `TO_` is "to", not "tos". PETRARCH 2.0
                // patterns match lemmas, so their nouns also match their plurals ("- * EFFORT"
                // is "abandoned efforts").
                let plural =
                    || self.phrase_structured && singular_forms(&word.key).any(|s| s == w.key);
                (word_matches(w, &word.key, false, self.tabari_endings) || plural()).then_some(1)
            }
            PatternElem::Synset { index, .. } => {
                let set = self.dicts.synsets.get(*index)?;
                let members = self.synsets.get(*index)?;
                let word = view.words.get(q)?;
                let starting_here = members
                    .by_first_word
                    .get(word.key.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                starting_here
                    .iter()
                    .chain(&members.always_tried)
                    .filter_map(|&m| set.members.get(m as usize))
                    .filter_map(|p| self.phrase_at(view, p, q, limit))
                    .max()
            }
            _ => None,
        }
    }

    fn phrase_at(&self, view: &ClauseView, p: &Phrase, q: usize, limit: usize) -> Option<usize> {
        let n = p.words.len();
        if n == 0 || q + n > limit {
            return None;
        }
        for (k, w) in p.words.iter().enumerate() {
            let word = view.words.get(q + k)?;
            if !word_matches(w, &word.key, k + 1 == n, self.tabari_endings) {
                return None;
            }
        }
        Some(n)
    }
}

/// Is `elems[i]` inside a `( ... )` or `{ ... }` group?
fn in_group(elems: &[PatternElem], i: usize) -> bool {
    let mut depth = 0i32;
    for e in elems.iter().take(i) {
        match e {
            PatternElem::Open(_) => depth += 1,
            PatternElem::Close(_) => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Is `elems[i]` the last word of a `{ ... }` noun phrase with a modifier before it? Such a
/// head follows its nearest modifier: `{NEW &TIETYPES RELATIONS}` is "new global economic
/// relations" but not "new economic trade relations", whose head is "trade relations".
fn is_group_head_after_modifier(elems: &[PatternElem], i: usize) -> bool {
    matches!(elems.get(i + 1), Some(PatternElem::Close(Group::Noun)))
        && i > 0
        && matches!(
            elems.get(i - 1),
            Some(PatternElem::Word(_) | PatternElem::Synset { .. })
        )
}

/// Words that are never the head of a noun phrase: modals and auxiliaries, determiners and
/// quantifiers, adverbs, past-tense verb forms.
fn is_never_head(key: &str) -> bool {
    key.ends_with("ly")
        || key.ends_with("ed")
        || matches!(
            key,
            "will"
                | "would"
                | "shall"
                | "should"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "did"
                | "does"
                | "do"
                | "has"
                | "have"
                | "had"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "neither"
                | "either"
                | "both"
                | "no"
                | "not"
                | "never"
                | "also"
                | "again"
                | "still"
                | "now"
                | "recently"
        )
}

fn first_real(elems: &[PatternElem]) -> usize {
    elems
        .iter()
        .position(|e| !matches!(e, PatternElem::Open(_) | PatternElem::Close(_)))
        .unwrap_or(0)
}

/// TABARI's pattern length: letters and digits of the literal words (synsets count their longest
/// member). Longer patterns are tried first.
pub fn pattern_weight(d: &Dictionaries, elems: &[PatternElem]) -> usize {
    elems
        .iter()
        .map(|e| match e {
            PatternElem::Word(w) => w.key.chars().filter(|c| c.is_alphanumeric()).count(),
            PatternElem::Synset { index, .. } => d
                .synsets
                .get(*index)
                .map(|s| {
                    s.members
                        .iter()
                        .map(|p| {
                            p.words
                                .iter()
                                .map(|w| w.key.chars().filter(|c| c.is_alphanumeric()).count())
                                .sum::<usize>()
                        })
                        .max()
                        .unwrap_or(0)
                })
                .unwrap_or(0),
            _ => 0,
        })
        .sum()
}
