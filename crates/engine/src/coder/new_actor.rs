//! PETRARCH's *new actors* (`new_actor_length`): a proper-noun phrase that no dictionary codes,
//! of at most N words, becomes an actor whose code is its words in upper case inside double
//! quotes (`"THE MINISTRY OF MAGIC"`), with no country.
//!
//! PETRARCH reads noun phrases off a full parse tree; the coder has no tree, so a small chunker
//! over the coder's words finds them. A phrase is, in order:
//! - an optional "the";
//! - an optional possessive `Name's` (its `'s` left out of the code), which may be followed by
//!   one lowercase noun ("Gryffindor's *head* Minerva McGonagall");
//! - a run of capitalised names, which may contain lowercase "of", "de", "the" between names
//!   ("the Ministry *of* Magic").
//!
//! It is kept conservative (a wrong actor is worse than a missed one): nothing in an all-caps
//! sentence (capitals say nothing there), no word already in an actor or agent mention, no
//! phrase touching such a mention ("President Faramir" is the dictionary's business), no word
//! the parser reads as a verb, no pronoun, number, month or weekday, and a capitalised first
//! word of the sentence only when it is clearly a name: followed by a possessive or by another
//! name, and not a common sentence opener ("Meanwhile", "Officials").

use super::parse::{ActorHit, Mention, Tag};
use super::words::{Word, WordKind};

/// Closed-class words that open sentences with a capital but never start a name.
const OPENERS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "during",
    "each",
    "earlier",
    "either",
    "every",
    "few",
    "for",
    "from",
    "however",
    "if",
    "in",
    "into",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "neither",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "only",
    "or",
    "other",
    "over",
    "several",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "tomorrow",
    "under",
    "unless",
    "until",
    "upon",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
];

/// Modals, auxiliaries and reporting verbs that the word list leaves plain: after a name they
/// start its predicate, not a longer noun phrase.
const AUXILIARIES: &[&str] = &[
    "can", "could", "did", "does", "has", "had", "have", "might", "must", "said", "says", "shall",
    "should", "told", "whom", "whose", "will", "would",
];

/// Lowercase words that may join two names inside one ("Ministry of Magic").
const CONNECTORS: &[&str] = &["of", "de", "the"];

/// New-actor mentions for the phrases of at most `max_words` words (possessive `'s` not
/// counted) that no mention in `mentions` covers; `mentions` must be sorted by start.
pub fn new_actor_mentions(
    words: &[Word],
    tags: &[Tag],
    mentions: &[Mention],
    max_words: usize,
    all_caps: bool,
) -> Vec<Mention> {
    let n = words.len();
    if max_words == 0 || all_caps || n == 0 {
        return Vec::new();
    }
    let mut in_mention = vec![false; n];
    for m in mentions {
        for slot in in_mention.iter_mut().take(m.end.min(n)).skip(m.start) {
            *slot = true;
        }
    }
    let chunker = Chunker {
        words,
        tags,
        in_mention: &in_mention,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        match chunker.phrase_at(i) {
            Some((end, code)) => {
                let touches = chunker.joined_to_mention(i, end);
                let part_of_larger = chunker.inside_larger_phrase(i, end);
                let size = (i..end)
                    .filter(|&k| words[k].kind != WordKind::Possessive)
                    .count();
                if !touches && !part_of_larger && size <= max_words {
                    out.push(mention(code, i, end));
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

fn mention(code: String, start: usize, end: usize) -> Mention {
    Mention {
        start,
        end,
        members: vec![ActorHit {
            base: code.clone(),
            code,
            agent_of: false,
            actor: None,
            agent: None,
            start,
            end,
        }],
        pronoun: false,
        synthetic: false,
    }
}

struct Chunker<'a> {
    words: &'a [Word],
    tags: &'a [Tag],
    in_mention: &'a [bool],
}

impl Chunker<'_> {
    /// The tag that governs word `k` (the head's, for a word inside a phrase).
    fn head_tag(&self, mut k: usize) -> Tag {
        while k > 0 && self.tags.get(k) == Some(&Tag::Inside) {
            k -= 1;
        }
        self.tags.get(k).copied().unwrap_or(Tag::Other)
    }

    /// A word free for a new actor: not in a mention, not read as a verb or time phrase.
    fn free(&self, k: usize) -> bool {
        self.in_mention.get(k) == Some(&false)
            && matches!(
                self.head_tag(k),
                Tag::Other | Tag::Noun { .. } | Tag::Adjective { .. }
            )
    }

    /// A capitalised name word: letters only, no closed-class kind, no date.
    fn is_name(&self, k: usize) -> bool {
        let Some(w) = self.words.get(k) else {
            return false;
        };
        w.capitalized
            && w.kind == WordKind::Plain
            && w.key.chars().all(|c| c.is_alphabetic() || c == '.')
            && w.key.chars().any(char::is_alphabetic)
            // Months and weekdays: capitalised, but dates, not actors.
            && !atalaya_time::is_calendar_name(&w.key)
            && self.free(k)
    }

    /// Lowercase word `k` is `key` (a connector or "the").
    fn is_lower(&self, k: usize, key: &str) -> bool {
        self.words
            .get(k)
            .is_some_and(|w| w.key == key && !w.capitalized)
            && self.free(k)
    }

    fn is_possessive(&self, k: usize) -> bool {
        self.words
            .get(k)
            .is_some_and(|w| w.kind == WordKind::Possessive)
    }

    /// A plain lowercase noun-like word: letters only, not a function word, not an adverb.
    fn is_lower_noun(&self, k: usize) -> bool {
        let Some(w) = self.words.get(k) else {
            return false;
        };
        w.kind == WordKind::Plain
            && !w.capitalized
            && w.key.len() > 2
            && w.key.chars().all(char::is_alphabetic)
            && !OPENERS.contains(&w.key.as_str())
            && !AUXILIARIES.contains(&w.key.as_str())
            && !w.key.ends_with("ly")
            && self.free(k)
    }

    /// The phrase at `start..end` runs into a dictionary mention, directly ("President
    /// Faramir") or through connectors ("the Council of Elrond" with Elrond known): the phrase is
    /// the dictionary's, and PETRARCH codes it with the known actor's code.
    fn joined_to_mention(&self, start: usize, end: usize) -> bool {
        let is_connector = |k: usize| CONNECTORS.iter().any(|c| self.is_lower(k, c));
        let mut after = end;
        while is_connector(after) {
            after += 1;
        }
        let mut before = start;
        while before > 0 && is_connector(before - 1) {
            before -= 1;
        }
        self.in_mention.get(after) == Some(&true)
            || before
                .checked_sub(1)
                .is_some_and(|p| self.in_mention.get(p) == Some(&true))
    }

    /// The names at `start..end` only modify a longer noun phrase: an adjective before them
    /// ("the joint OWL"), a noun after them ("OWL standards committee"), or a possessive that
    /// owns something else ("Lovegood's news agency"). PETRARCH counts the whole phrase.
    fn inside_larger_phrase(&self, start: usize, end: usize) -> bool {
        let starts_with_the = self.words.get(start).is_some_and(|w| w.key == "the");
        let adjective_before =
            !starts_with_the && start.checked_sub(1).is_some_and(|p| self.is_lower_noun(p));
        adjective_before || self.is_lower_noun(end) || self.is_possessive(end)
    }

    /// End of the run of names (with inner connectors) that starts at name word `k`.
    fn name_run(&self, mut k: usize) -> usize {
        while self.is_name(k) {
            k += 1;
            // "Ministry of Magic", "Bank of the Shire": connectors only between names.
            let mut j = k;
            while CONNECTORS.iter().any(|c| self.is_lower(j, c)) {
                j += 1;
            }
            if j > k && self.is_name(j) {
                k = j;
            }
        }
        k
    }

    /// The phrase starting at word `i`: its end (exclusive) and its code.
    fn phrase_at(&self, i: usize) -> Option<(usize, String)> {
        let mut k = i;
        if self.words.get(k).is_some_and(|w| w.key == "the") && self.free(k) {
            k += 1;
        }
        let names_start = k;
        if !self.is_name(k) || !self.sentence_start_ok(k) {
            return None;
        }
        let mut end = self.name_run(k);
        // "Gryffindor's head Minerva McGonagall": a possessive name owning a named person.
        if self.is_possessive(end) {
            let after = end + 1;
            let person = if self.is_name(after) {
                Some(after)
            } else if self.is_lower_noun(after) && self.is_name(after + 1) {
                Some(after + 1)
            } else {
                None
            };
            if let Some(p) = person {
                end = self.name_run(p);
            }
        }
        let code = self.words[i..end]
            .iter()
            .filter(|w| w.kind != WordKind::Possessive)
            .map(|w| w.key.to_uppercase())
            .collect::<Vec<_>>()
            .join(" ");
        debug_assert!(end > names_start);
        Some((end, format!("\"{code}\"")))
    }

    /// A capitalised first word of the sentence is a name only when followed by a possessive or
    /// another name, and not a common opener.
    fn sentence_start_ok(&self, k: usize) -> bool {
        if k > 0 {
            return true;
        }
        let Some(w) = self.words.first() else {
            return false;
        };
        !OPENERS.contains(&w.key.as_str())
            && !w.key.ends_with("ly")
            && (self.is_possessive(1) || self.is_name(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coder::words::words;

    /// New-actor codes of `text`, with the words in `verbs` tagged as verbs (the lexicon's job
    /// in the coder).
    fn codes(text: &str, verbs: &[&str], max: usize) -> Vec<String> {
        let ws = words(text, 0, false);
        let tags: Vec<Tag> = ws
            .iter()
            .map(|w| {
                if verbs.contains(&w.key.as_str()) {
                    Tag::Verb { verb: 0, len: 1 }
                } else {
                    Tag::Other
                }
            })
            .collect();
        new_actor_mentions(&ws, &tags, &[], max, false)
            .into_iter()
            .map(|m| m.main_code().to_string())
            .collect()
    }

    #[test]
    fn chunks_names_with_connectors_and_possessive_owners() {
        assert_eq!(
            codes(
                "Elves from the Council of Elrond met Rohan's king Theoden.",
                &["met"],
                4
            ),
            vec!["\"THE COUNCIL OF ELROND\"", "\"ROHAN KING THEODEN\""]
        );
    }

    #[test]
    fn length_limit_counts_the_but_not_possessives() {
        assert!(codes("Guards left the Council of Elrond.", &["left"], 3).is_empty());
        assert_eq!(
            codes("Rohan's king Theoden spoke.", &["spoke"], 3),
            vec!["\"ROHAN KING THEODEN\""]
        );
    }

    #[test]
    fn dates_openers_and_lone_sentence_starts_are_not_actors() {
        assert_eq!(
            codes("Meanwhile Rivendell waited on Monday.", &["waited"], 4),
            vec!["\"RIVENDELL\""]
        );
        assert!(codes("Officials said so in May.", &[], 4).is_empty());
    }

    #[test]
    fn names_inside_a_longer_noun_phrase_are_not_actors() {
        let text = "Guards joined the joint ENT water council with Treebeard's folk.";
        assert!(codes(text, &["joined"], 4).is_empty());
    }
}
