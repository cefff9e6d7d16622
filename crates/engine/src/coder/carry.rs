//! Carry-over of actors across the sentences of one article.
//!
//! A sentence that refers to an actor only as "he", "she", "the president", "the cartel" or "the
//! ministry" names it in an earlier sentence. [`ArticleCarry`] keeps, per coded sentence, the
//! actors it named ([`Carried`]: the coded hit and whether it is a person); [`ArticleCarry::resolve`]
//! then gives such a reference the code of the last compatible actor when that actor is
//! unambiguous, and leaves it alone otherwise.
//!
//! Rules:
//! - "he", "she", "his", "her" with no antecedent in their own sentence (see
//!   `parse::resolve_pronouns`) take the *person* of the nearest earlier sentence that names any
//!   person (gender is not known, so any person is compatible). Two different person codes in
//!   that sentence ("Trump spoke with Sheinbaum. She said …") make it ambiguous: no mention is
//!   added, and the pronoun gives no event.
//! - A lone agent in a definite description ("the cartel", "the president", "the Mexican
//!   ministry" is not lone) is coded `---XXX` by the parser. When
//!   [`definite_description_kind`] gives its sector, it takes the code of the nearest actor with
//!   a country and that sector in the earlier sentences, nearest first (an actor of its own
//!   sentence is another one: "Mexican lawmakers urged the Senate"); several different codes
//!   at the nearest level → unchanged. A description with a person head ("the ambassador",
//!   "the secretary") first looks for an earlier actor named with that same word ("US
//!   Ambassador Ronald Johnson"), nearest first and whatever its sector ("the secretary" after
//!   "Secretary Austin" is `USAMIL`), so that it does not take another official of the same
//!   country and sector.
//! - An object pronoun ("praised her for …", "met him") cannot be its own clause's subject:
//!   when the parser linked it to an actor of its sentence, or did not link it ("him"), it
//!   takes the nearest earlier person whose code no actor of its sentence has, or nothing.
//! - A sentence with a personal pronoun left unresolved names a person nobody knows: a later
//!   pronoun that reaches that sentence is ambiguous ("Trump praised her. She thanked …").
//! - "The two leaders", "the two defense ministers", "both sides" name the article's two
//!   countries when it is plainly about two ([`ArticleParties::pair`]): a compound of both, each
//!   with the code of its nearest earlier government or military actor (the head's own sector
//!   for "governments", "militaries"), else its government ([`ArticleCarry::resolve_pair`]).
//! - News: a person named once by a title and a name no dictionary lists ("Estonian Defense
//!   Minister Hannes Hanso") is named later by the surname alone ("Carter thanked Hanso",
//!   "Minister Hanso"): the surname takes the titled actor's code for the rest of the article
//!   ([`ArticleCarry::named_people`]; not limited to the last sentences).
//! - Only the last [`MEMORY`] sentences that named an actor are looked at.
//! - A wire dateline ("WASHINGTON (AP) - ", "MEXICO CITY, Sept. 3 - ") names where the story
//!   was filed, not an actor of the first sentence: its mentions are dropped
//!   ([`dateline_end`]).

use super::parse::{self, ActorHit, Mention, Tag};
use super::parties::ArticleParties;
use super::words::{Pronoun, Word, WordKind};
use crate::context::definite_description_kind;
use atalaya_dict::Dictionaries;

/// Sentences (that named an actor) remembered for carry-over.
const MEMORY: usize = 4;

/// Agent heads that name one person ("the president", "Mexican Foreign Minister X").
const PERSON_AGENT_HEADS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "ambassador",
    "governor",
    "mayor",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "adviser",
    "advisor",
    "official",
    "diplomat",
    "senator",
    "lawmaker",
    "judge",
    "prosecutor",
    "commander",
    "leader",
    "chancellor",
    "premier",
    "king",
    "queen",
    "envoy",
];

/// One actor named by an earlier sentence.
#[derive(Debug, Clone)]
pub struct Carried {
    pub hit: ActorHit,
    /// A person (an official with dated roles, an actor with a person agent, or one named
    /// with a person head such as "US ambassador").
    pub person: bool,
    /// The person heads among the words that named it ("ambassador" in "US Ambassador Ronald
    /// Johnson"): only these are ever looked for, so no other word is copied.
    pub titles: Vec<&'static str>,
}

/// The actors of one earlier sentence.
#[derive(Debug, Clone, Default)]
struct Level {
    actors: Vec<Carried>,
    /// The sentence also has a personal pronoun that nothing resolved: an unknown person.
    unknown_person: bool,
}

/// Prepositions and punctuation after "her" that make it an object ("praised her for …"),
/// not a possessive ("her government").
const AFTER_OBJECT: &[&str] = &[
    ",", "for", "on", "over", "to", "at", "in", "with", "after", "during", "as", "and", "about",
    "by", "from", "of", "that", "last", "this",
];

/// Per-article memory of the actors of the sentences coded so far.
#[derive(Debug, Clone, Default)]
pub struct ArticleCarry {
    /// Per earlier sentence that named at least one actor, its actors; oldest first.
    sentences: Vec<Level>,
    /// Byte offset where the article's dateline ends (0 when it has none).
    dateline_end: usize,
    /// Who "we" and "I" are outside quotation marks: the publisher, when it is itself an
    /// actor (a ministry's statement, a White House readout, a Pentagon transcript).
    voice: Option<ActorHit>,
    /// The speaker of the previous sentence's quote, for a quote that goes on in the next
    /// sentence ("\"We are ready,\" she said. \"We will not accept ...\"").
    quote_speaker: Option<ActorHit>,
    /// The countries the article is about, for acts whose other side it leaves unsaid.
    pub parties: ArticleParties,
    /// News: people the article named by a title and a name no dictionary lists ("Estonian
    /// Defense Minister Hannes Hanso"), by the folded key of the name's last word, with the
    /// titled actor's hit; see [`ArticleCarry::named_people`].
    names: Vec<(String, ActorHit)>,
}

impl ArticleCarry {
    pub fn new(article_text: &str) -> Self {
        ArticleCarry {
            sentences: Vec::new(),
            dateline_end: dateline_end(article_text).unwrap_or(0),
            voice: None,
            quote_speaker: None,
            parties: ArticleParties::default(),
            names: Vec::new(),
        }
    }

    /// News: a person the article named once by title and name ("Estonian Defense Minister
    /// Hannes Hanso", "the Minister of Foreign Affairs of Lithuania Linas Linkevicius") is
    /// often named later by the surname alone ("Carter thanked Hanso", "Linkevicius said").
    /// A capitalised word of a later sentence that no dictionary tags and that is such a
    /// surname becomes a mention with the titled actor's code; a lone title right before it
    /// ("Minister Pevkur") is part of it. Then this sentence's own titled names are learnt:
    /// one to three capitalised untagged words right after a mention whose single member
    /// has a country and a person title ("minister", "secretary", ...), the last of them the
    /// surname. A later title with the same surname replaces the earlier one.
    pub fn named_people(
        &mut self,
        words: &[Word],
        tags: &[Tag],
        mentions: Vec<Mention>,
    ) -> Vec<Mention> {
        let free = |i: usize, ms: &[Mention]| {
            tags.get(i) == Some(&Tag::Other)
                && words.get(i).is_some_and(|w| {
                    w.capitalized && w.kind == WordKind::Plain && w.key.chars().count() > 1
                })
                && !ms.iter().any(|m| m.start <= i && i < m.end)
        };
        let mut mentions = mentions;
        if !self.names.is_empty() {
            let mut added = false;
            for (i, w) in words.iter().enumerate() {
                // A name read as the title's given names is not its surname here.
                let next_free = free(i + 1, &mentions);
                if !free(i, &mentions) || next_free {
                    continue;
                }
                let Some((_, hit)) = self.names.iter().rev().find(|(k, _)| *k == w.key) else {
                    continue;
                };
                // "Minister Pevkur": the lone title before the name joins it.
                let mut start = i;
                if let Some(pos) = mentions.iter().position(|m| {
                    m.end == i
                        && m.members.len() == 1
                        && !m.pronoun
                        && !m.synthetic
                        && m.members[0].code.starts_with("---")
                }) {
                    start = mentions[pos].start;
                    mentions.remove(pos);
                }
                let mut h = hit.clone();
                h.start = start;
                h.end = i + 1;
                mentions.push(Mention {
                    start,
                    end: i + 1,
                    members: vec![h],
                    pronoun: false,
                    synthetic: false,
                });
                added = true;
            }
            if added {
                mentions.sort_by_key(|m| m.start);
            }
        }
        for m in &mentions {
            let [h] = m.members.as_slice() else {
                continue;
            };
            if m.pronoun || m.synthetic || !has_country(&h.code) || h.agent.is_none() {
                continue;
            }
            let titled = words
                .get(m.start..m.end)
                .unwrap_or(&[])
                .iter()
                .any(|w| PERSON_AGENT_HEADS.contains(&w.key.as_str()));
            if !titled {
                continue;
            }
            let mut k = m.end;
            while k < m.end + 3 && free(k, &mentions) {
                k += 1;
            }
            if k > m.end {
                let key = words[k - 1].key.clone();
                self.names.retain(|(n, _)| *n != key);
                self.names.push((key, h.clone()));
            }
        }
        mentions
    }

    /// Sets who speaks in the first person outside quotes (see [`ArticleCarry::voice`]).
    pub fn set_voice(&mut self, voice: ActorHit) {
        self.parties.note([voice.code.as_str()], 1);
        self.voice = Some(voice);
    }

    /// A transcript's speaker label ("SECRETARY BLINKEN:") hands the first person to that
    /// speaker until the next label; a label naming no known actor ("QUESTION:",
    /// "MODERATOR:") leaves the first person to nobody.
    pub fn speaker_label(&mut self, speaker: Option<ActorHit>) {
        self.voice = speaker;
    }

    /// First-person subjects ("we", "I", "our") with no mention: inside quotation marks they
    /// are the sentence's one speaker outside the quote ("\"We will not stand by,\" Treasury
    /// Secretary Mnuchin said"); outside quotes, the article's voice (a statement's author).
    /// Nothing when the speaker is not unique or there is no voice: better silent than wrong.
    pub fn resolve_first_person(
        &mut self,
        sentence: &str,
        base: usize,
        words: &[Word],
        mut mentions: Vec<Mention>,
    ) -> Vec<Mention> {
        let quoted = quoted_ranges(sentence, base);
        let inside = |w: &Word| quoted.iter().any(|r| r.start <= w.start && w.end <= r.end);
        // The one actor outside the quotes: the speaker ("she" once resolved counts).
        let speakers: Vec<&ActorHit> = mentions
            .iter()
            .filter(|m| !m.synthetic)
            .filter(|m| words.get(m.start).is_some_and(|s| !inside(s)))
            .flat_map(|m| m.members.iter())
            .collect();
        let speaker_here = match speakers.as_slice() {
            [one] if has_country(&one.code) && !quoted.is_empty() => Some((*one).clone()),
            _ => None,
        };
        // A sentence that opens inside a quote goes on with the previous sentence's speaker.
        let continues = quoted.first().is_some_and(|r| r.start == base);
        let speaker = speaker_here
            .clone()
            .or_else(|| continues.then(|| self.quote_speaker.clone()).flatten());
        let mut extra = Vec::new();
        let key = |k: usize| words.get(k).map_or("", |w| w.key.as_str());
        for (i, w) in words.iter().enumerate() {
            // "It's a great pleasure to be here with X", "it is an honor to welcome X": the
            // speaker's own words about themself.
            let pleasure = w.key == "it"
                && matches!(key(i + 1), "'s" | "is" | "was")
                && (i + 2..i + 5)
                    .any(|k| matches!(key(k), "pleasure" | "honor" | "honour" | "privilege"));
            if !matches!(w.key.as_str(), "we" | "i" | "our") && !pleasure {
                continue;
            }
            if mentions.iter().any(|m| m.start <= i && i < m.end) {
                continue;
            }
            let hit = if inside(w) {
                speaker.clone()
            } else {
                self.voice.clone()
            };
            if let Some(hit) = hit {
                extra.push(Mention {
                    start: i,
                    end: i + 1,
                    members: vec![ActorHit {
                        start: i,
                        end: i + 1,
                        ..hit
                    }],
                    pronoun: true,
                    synthetic: false,
                });
            }
        }
        self.quote_speaker = if quoted.is_empty() { None } else { speaker };
        if !extra.is_empty() {
            mentions.extend(extra);
            mentions.sort_by_key(|m| m.start);
        }
        mentions
    }

    /// Drops the mentions of the article's dateline ("MEXICO CITY - "): before pronouns are
    /// resolved, so that "she" in the first sentence does not take the dateline's place.
    /// A sentence that opens with a dateline of its own (the article's text began with a
    /// date line or page furniture, so its first line is not the dateline) has it dropped too.
    pub fn drop_dateline(
        &self,
        sentence: &str,
        base: usize,
        words: &[Word],
        mentions: &mut Vec<Mention>,
    ) {
        let end = if self.dateline_end > 0 {
            self.dateline_end
        } else {
            dateline_end(sentence).map(|e| base + e).unwrap_or(0)
        };
        if end > 0 {
            let in_dateline = |m: &Mention| words.get(m.start).is_some_and(|w| w.end <= end);
            mentions.retain(|m| m.synthetic || !in_dateline(m));
        }
    }

    /// Resolves the sentence's pronouns and definite descriptions that have no antecedent in
    /// the sentence against the earlier sentences. `mentions` are the sentence's mentions after
    /// `parse::resolve_pronouns`, sorted by start.
    pub fn resolve(&self, words: &[Word], mut mentions: Vec<Mention>) -> Vec<Mention> {
        // Definite descriptions coded as lone agents.
        for mention in mentions.iter_mut() {
            let Some(sector) = description_sector(words, mention) else {
                continue;
            };
            // Not an actor of its own sentence: "Mexican lawmakers urged the Senate" names two.
            let head = words
                .get(mention.end.wrapping_sub(1))
                .map(|w| w.key.as_str())
                .filter(|h| PERSON_AGENT_HEADS.contains(h));
            // The bare title names the person whatever his sector: "the Secretary" after
            // "Secretary Austin" is the defense secretary (`MIL`), not some other `GOV`
            // official. A modified one is another office ("the press secretary").
            let bare = mention.end == mention.start + 1;
            let titled = head.and_then(|h| {
                self.nearest(|c: &Carried| {
                    c.titles.contains(&h) && (bare || has_sector(&c.hit.code, sector))
                })
            });
            // "The regime" is how a statement names the government it condemns, never the
            // one that speaks in it (a State Department statement: not the United States).
            let regime = words
                .get(mention.end.wrapping_sub(1))
                .is_some_and(|w| w.key == "regime");
            let voice = self
                .voice
                .as_ref()
                .and_then(|v| v.code.get(..3))
                .filter(|_| regime);
            let found = titled.or_else(|| {
                self.nearest(|c: &Carried| {
                    has_sector(&c.hit.code, sector)
                        && voice.is_none_or(|v| c.hit.code.get(..3) != Some(v))
                })
            });
            if let (Some(c), Some(member)) = (found, mention.members.first_mut()) {
                member.code = c.hit.code.clone();
                member.base = c.hit.base.clone();
                member.actor = c.hit.actor;
            }
        }
        // Object pronouns: never the subject of their own clause.
        let mut extra = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).map(|n| n.key.as_str());
            let object = match w.key.as_str() {
                "him" => true,
                "her" => next.is_none_or(|n| AFTER_OBJECT.contains(&n)),
                _ => false,
            };
            if !object
                || !mentions
                    .iter()
                    .any(|m| m.end <= i && !m.synthetic && !m.pronoun)
            {
                continue;
            }
            let own: Vec<String> = mentions
                .iter()
                .filter(|m| !m.pronoun && !m.synthetic)
                .flat_map(|m| m.members.iter().map(|h| h.code.clone()))
                .collect();
            mentions.retain(|m| !(m.pronoun && m.start <= i && i < m.end));
            if let Some(c) = self.nearest_person(|c| !own.contains(&c.hit.code)) {
                extra.push(pronoun_mention(i, c));
            }
        }
        // Personal pronouns with no antecedent in the sentence.
        for (i, w) in words.iter().enumerate() {
            if !matches!(
                w.kind,
                WordKind::Pronoun(Pronoun::Subject | Pronoun::Possessive)
            ) {
                continue;
            }
            if !matches!(w.key.as_str(), "he" | "she" | "his" | "her") {
                continue;
            }
            if mentions.iter().any(|m| m.start <= i && i < m.end) {
                continue;
            }
            // An actor earlier in the sentence is its antecedent, even if the parser did not
            // link it: better silent than reaching back past it. A compound or a group named
            // by a plural noun ("the cartels") is no antecedent of "he" (as in the parser).
            if mentions.iter().any(|m| {
                m.end <= i
                    && !m.synthetic
                    && !m.is_compound()
                    && !parse::lone_plural_agent(words, m)
            }) {
                continue;
            }
            if extra.iter().any(|m: &Mention| m.start == i) {
                continue;
            }
            if let Some(c) = self.nearest_person(|_| true) {
                extra.push(pronoun_mention(i, c));
            }
        }
        if !extra.is_empty() {
            mentions.extend(extra);
            mentions.sort_by_key(|m| m.start);
        }
        mentions
    }

    /// News: "the two leaders", "both sides" (see the module rules) as a compound of the
    /// article's two countries, in place of the lone agent the parser made of the head noun.
    /// Also gives where each such compound starts.
    pub fn resolve_pair(
        &self,
        words: &[Word],
        mut mentions: Vec<Mention>,
    ) -> (Vec<Mention>, Vec<usize>) {
        let mut starts = Vec::new();
        let Some((a, b)) = self.parties.pair() else {
            return (mentions, starts);
        };
        let mut i = 0;
        while i < words.len() {
            let Some((end, sector)) = pair_phrase(words, i) else {
                i += 1;
                continue;
            };
            // Words an actor already names ("the two Koreas") stay as they are; a lone agent
            // ("ministers": `---GOV`) gives way.
            let named = mentions.iter().any(|m| {
                m.start < end
                    && i < m.end
                    && m.members.iter().any(|h| has_country(&h.code) || m.pronoun)
            });
            if !named {
                mentions.retain(|m| !(m.start < end && i < m.end));
                let members = [a, b]
                    .iter()
                    .map(|c| ActorHit {
                        code: self.pair_code(c, sector),
                        base: c.to_string(),
                        agent_of: false,
                        actor: None,
                        agent: None,
                        start: i,
                        end,
                    })
                    .collect();
                mentions.push(Mention {
                    start: i,
                    end,
                    members,
                    pronoun: true,
                    synthetic: false,
                });
                mentions.sort_by_key(|m| m.start);
                starts.push(i);
            }
            i = end;
        }
        (mentions, starts)
    }

    /// A pair member's code: the head's sector, else that of the country's nearest earlier
    /// government or military actor, else its government.
    fn pair_code(&self, country: &str, sector: Option<&str>) -> String {
        if let Some(sector) = sector {
            return format!("{country}{sector}");
        }
        self.sentences
            .iter()
            .rev()
            .flat_map(|l| l.actors.iter())
            .map(|c| c.hit.code.as_str())
            .find(|code| {
                code.len() == 6
                    && code.starts_with(country)
                    && (code.ends_with("GOV") || code.ends_with("MIL"))
            })
            .map_or_else(|| format!("{country}GOV"), str::to_string)
    }

    /// Remembers the actors of a sentence just coded (its mentions after [`Self::resolve`]).
    pub fn observe(&mut self, d: &Dictionaries, words: &[Word], mentions: &[Mention]) {
        let unknown_person = words.iter().enumerate().any(|(i, w)| {
            matches!(w.key.as_str(), "he" | "she" | "him" | "her")
                && !mentions.iter().any(|m| m.start <= i && i < m.end)
        });
        let actors: Vec<Carried> = mentions
            .iter()
            .filter(|m| !m.synthetic)
            .flat_map(|m| m.members.iter().map(move |h| (m, h)))
            .filter(|(_, h)| has_country(&h.code))
            .map(|(m, h)| {
                // A pronoun's hit copies its antecedent's words; its own word is "he".
                let titles: Vec<&'static str> = if m.pronoun {
                    Vec::new()
                } else {
                    words
                        .get(h.start..h.end.max(h.start))
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|w| PERSON_AGENT_HEADS.iter().copied().find(|t| *t == w.key))
                        .collect()
                };
                Carried {
                    hit: h.clone(),
                    person: !titles.is_empty() || is_person(d, h),
                    titles,
                }
            })
            .collect();
        if actors.is_empty() {
            return;
        }
        self.sentences.push(Level {
            actors,
            unknown_person,
        });
        if self.sentences.len() > MEMORY {
            self.sentences.remove(0);
        }
    }

    /// The compatible actor of the nearest earlier sentence that has any, when that sentence
    /// has only one compatible code.
    fn nearest(&self, compatible: impl Fn(&Carried) -> bool + Copy) -> Option<&Carried> {
        let level = self
            .sentences
            .iter()
            .rev()
            .find(|s| s.actors.iter().any(compatible))?;
        unique(&level.actors, compatible)
    }

    /// The one person (that `also` accepts) of the nearest earlier sentence naming a person;
    /// none when that sentence names several, or a person only as an unresolved pronoun.
    fn nearest_person(&self, also: impl Fn(&Carried) -> bool + Copy) -> Option<&Carried> {
        let compatible = |c: &Carried| c.person && also(c);
        let level = self
            .sentences
            .iter()
            .rev()
            .find(|s| s.unknown_person || s.actors.iter().any(compatible))?;
        if level.unknown_person {
            return None;
        }
        unique(&level.actors, compatible)
    }
}

/// Byte ranges (article offsets) inside quotation marks in `sentence`, which starts at byte
/// `base`. Curly quotes pair by direction; straight quotes alternate. A closing mark with no
/// opening one before it closes a quote opened in an earlier sentence: the range starts at the
/// sentence's start; an opening mark with no closing one runs to the sentence's end.
fn quoted_ranges(sentence: &str, base: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut seen_any = false;
    for (i, c) in sentence.char_indices() {
        let opening = match c {
            '\u{201C}' => Some(true),
            '\u{201D}' => Some(false),
            '"' => Some(open.is_none()),
            _ => None,
        };
        match opening {
            Some(true) => open = Some(i),
            Some(false) => {
                let from = match open.take() {
                    Some(o) => o,
                    None if !seen_any => 0,
                    None => continue,
                };
                out.push(base + from..base + i + c.len_utf8());
            }
            None => continue,
        }
        seen_any = true;
    }
    if let Some(o) = open {
        out.push(base + o..base + sentence.len());
    }
    out
}

/// A pronoun at word `i` that stands for the carried actor `c`.
fn pronoun_mention(i: usize, c: &Carried) -> Mention {
    Mention {
        start: i,
        end: i + 1,
        members: vec![ActorHit {
            start: i,
            end: i + 1,
            ..c.hit.clone()
        }],
        pronoun: true,
        synthetic: false,
    }
}

/// Heads of "the two ..." and "both ..." that name the two parties of an article, with the
/// sector they impose (none: the parties' own).
const PAIR_HEADS: &[(&str, Option<&str>)] = &[
    ("leaders", None),
    ("ministers", None),
    ("secretaries", None),
    ("presidents", None),
    ("sides", None),
    ("delegations", None),
    ("countries", Some("GOV")),
    ("nations", Some("GOV")),
    ("governments", Some("GOV")),
    ("militaries", Some("MIL")),
    ("armies", Some("MIL")),
];

/// "the two leaders", "the two defense ministers" (one modifier), "both sides" at word `i`:
/// where the phrase ends and the sector its head imposes.
fn pair_phrase(words: &[Word], i: usize) -> Option<(usize, Option<&'static str>)> {
    let key = |k: usize| words.get(k).map(|w| w.key.as_str());
    let head_at = match (key(i)?, key(i + 1)) {
        ("the", Some("two")) => i + 2,
        ("both", _) => i + 1,
        _ => return None,
    };
    for k in [head_at, head_at + 1] {
        if let Some(&(_, sector)) = PAIR_HEADS.iter().find(|(h, _)| Some(*h) == key(k)) {
            // A military modifier makes it the military ("the two defense ministers").
            let modifier = (k > head_at).then(|| key(head_at)).flatten();
            let sector = match modifier {
                Some("defense" | "defence" | "military") => Some("MIL"),
                _ => sector,
            };
            // "both sides of the border" names a place, not the parties.
            if key(k + 1) == Some("of") {
                return None;
            }
            return Some((k + 1, sector));
        }
    }
    None
}

/// Where a wire dateline ends: the first line opens with an upper-case place name (optionally
/// followed by a region, a date or an agency in brackets) and a dash, within its first 80 bytes.
fn dateline_end(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let line = text.get(lead..)?.lines().next()?;
    // A dash past byte 80 ends no dateline: look for one only in the line's first bytes (an
    // article may be one long line).
    let mut search_end = line.len().min(80 + " \u{2014} ".len());
    while !line.is_char_boundary(search_end) {
        search_end += 1;
    }
    let searched = line.get(..search_end)?;
    // "WASHINGTON \u{2013}" alone on the first line, the story on the next: the dash ends the line.
    let at_line_end = || {
        let trimmed = line.trim_end();
        [" -", " \u{2013}", " \u{2014}"]
            .iter()
            .find(|d| trimmed.ends_with(*d))
            .map(|d| (trimmed.len() - d.len(), d.len()))
    };
    let (dash, width) = [" - ", " \u{2013} ", " \u{2014} "]
        .iter()
        .filter_map(|d| searched.find(d).map(|p| (p, d.len())))
        .min()
        .or_else(at_line_end)?;
    if dash > 80 {
        return None;
    }
    let head = line.get(..dash)?;
    let place = head.split([',', '(']).next()?.trim();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 || letters.iter().any(|c| c.is_lowercase()) {
        return None;
    }
    Some(lead + dash + width)
}

/// The one compatible actor of `level` (several hits with the same code count as one).
fn unique(level: &[Carried], compatible: impl Fn(&Carried) -> bool) -> Option<&Carried> {
    let mut found: Option<&Carried> = None;
    for c in level.iter().filter(|c| compatible(c)) {
        match found {
            Some(f) if f.hit.code != c.hit.code => return None,
            Some(_) => {}
            None => found = Some(c),
        }
    }
    found
}

/// The sector of a lone-agent mention written as a definite description ("the cartel").
fn description_sector(words: &[Word], m: &Mention) -> Option<&'static str> {
    if m.pronoun || m.synthetic || m.members.len() != 1 {
        return None;
    }
    let hit = m.members.first()?;
    if hit.actor.is_some() || !hit.code.starts_with("---") {
        return None;
    }
    let det = m.start.checked_sub(1).and_then(|p| words.get(p))?;
    let mut keys: Vec<&str> = vec![det.key.as_str()];
    keys.extend(words.get(m.start..m.end)?.iter().map(|w| w.key.as_str()));
    definite_description_kind(&keys)
}

/// A code that names a country or a known actor (not `---GOV`, not a TABARI `~GOV`).
fn has_country(code: &str) -> bool {
    !code.is_empty() && !code.starts_with("---") && !code.starts_with('~')
}

/// Does the code carry `sector` as one of its three-letter parts after the first?
fn has_sector(code: &str, sector: &str) -> bool {
    code.as_bytes()
        .chunks(3)
        .skip(1)
        .any(|c| c == sector.as_bytes())
}

/// A person: a named actor whose entry has dated roles (officials), or an actor with a person
/// agent ("the Mexican foreign minister").
fn is_person(d: &Dictionaries, hit: &ActorHit) -> bool {
    let dated = hit
        .actor
        .and_then(|a| d.actors.get(a as usize))
        .is_some_and(|e| {
            e.codes
                .iter()
                .any(|c| c.from.is_some() || c.until.is_some())
        });
    let person_agent = hit
        .agent
        .and_then(|g| d.agents.get(g as usize))
        .is_some_and(|g| {
            g.name
                .split_whitespace()
                .last()
                .is_some_and(|head| PERSON_AGENT_HEADS.contains(&head.to_lowercase().as_str()))
        });
    dated || person_agent
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{engine, t, triples, Triple};

    const ACTORS: &str = "\
@entity ARN Arnor
  code     ARN
  demonym  Arnorian

@entity GON Gondor
  code     GON
  demonym  Gondorian

@entity ARN.aranor  Aranor
  role     ARNGOV 2020-01-01..2030-12-31
  code     ARNELI

@entity GON.embassy  Gondor embassy
  alias    Gondorian ambassador
  code     GONGOV

@entity GON.belen  Belen
  role     GONGOV 2020-01-01..2030-12-31
  code     GONELI
";

    const AGENTS: &str = "\
@agent GOV president
  plural   presidents

@agent CRM cartel
  plural   cartels

@agent GOV ambassador
  plural   ambassadors
";

    const VERBS: &str = "\
@verb ATTACK
  forms    attack attacks attacked attacking
  code     190

@verb CRITICIZE
  forms    criticize criticizes criticized criticizing
  code     111

@verb MEET
  forms    meet meets met meeting
  code     040
";

    fn code(text: &str) -> Vec<Triple> {
        let engine = engine(ACTORS, AGENTS, VERBS);
        triples(&engine, text, Some("2025-03-01"), &engine.default_options())
    }

    #[test]
    fn pronoun_takes_the_only_person_of_the_previous_sentence() {
        let got = code("Aranor visited the border on Monday.\n\nHe criticized Gondor on Tuesday.");
        assert_eq!(got, vec![t("ARNGOV", "GON", "111")]);
    }

    #[test]
    fn pronoun_stays_silent_with_two_people_before_it() {
        let got = code("Aranor met Belen on Monday.\n\nShe criticized Gondor on Tuesday.");
        assert_eq!(got, vec![t("ARNGOV", "GONGOV", "040")]);
    }

    #[test]
    fn object_pronoun_is_not_its_own_subject() {
        let got = code("Belen visited the border on Monday.\n\nAranor criticized her on Tuesday.");
        assert_eq!(got, vec![t("ARNGOV", "GONGOV", "111")]);
        // No earlier person: the pronoun stays unknown, and a later "she" cannot skip it.
        let got = code("Aranor criticized her on Tuesday.\n\nShe criticized Gondor.");
        assert!(
            got.iter().all(|e| e.0 != "ARNGOV" || e.2 != "111"),
            "{got:?}"
        );
    }

    #[test]
    fn countries_are_not_people() {
        let got = code("Arnor and Gondor held talks.\n\nHe criticized Gondor on Tuesday.");
        assert!(got.iter().all(|e| e.2 != "111"), "{got:?}");
    }

    #[test]
    fn definite_description_takes_the_actor_of_its_sector() {
        let got = code("Arnorian cartels grew stronger.\n\nThe cartel attacked Gondor on Tuesday.");
        assert_eq!(got, vec![t("ARNCRM", "GON", "190")]);
        let got = code("Aranor spoke on Monday.\n\nThe president criticized Gondor on Tuesday.");
        assert_eq!(got, vec![t("ARNGOV", "GON", "111")]);
    }

    #[test]
    fn titled_description_takes_the_actor_named_with_its_title() {
        // Two GOV actors before it; only one was named "ambassador".
        let got = code(
            "Aranor met the Gondorian ambassador on Monday.\n\nThe ambassador criticized Arnor.",
        );
        assert!(got.contains(&t("GONGOV", "ARN", "111")), "{got:?}");
        // "Gondorian ambassador" names a person too: "he" has two candidates.
        let got = code("Aranor met the Gondorian ambassador on Monday.\n\nHe criticized Arnor.");
        assert!(got.iter().all(|e| e.2 != "111" || e.0 == "---"), "{got:?}");
    }

    #[test]
    fn definite_description_stays_unresolved_when_ambiguous() {
        let got = code(
            "Arnorian cartels and Gondorian cartels grew stronger.\n\nThe cartel attacked Gondor.",
        );
        assert_eq!(got, vec![t("---CRM", "GON", "190")]);
    }

    #[test]
    fn dateline_place_is_not_an_actor() {
        assert_eq!(
            super::dateline_end("ARNOR CITY (AP) - Aranor spoke."),
            Some(18)
        );
        assert_eq!(super::dateline_end("Arnor City - Aranor spoke."), None);
        // The dash may end the dateline's own line, the story starting on the next.
        assert_eq!(
            super::dateline_end("ARNOR \u{2013}\nAranor spoke."),
            Some(9)
        );
        assert_eq!(super::dateline_end("Arnor \u{2013}\nAranor spoke."), None);
        let got = code("ARNOR (AP) - Aranor criticized Gondor on Monday.");
        assert_eq!(got, vec![t("ARNGOV", "GON", "111")]);
        // Nor the antecedent of a pronoun of the first sentence.
        let got = code("ARNOR (AP) - Belen said on Monday that she criticized Arnor.");
        assert!(got.contains(&t("GONGOV", "ARN", "111")), "{got:?}");
        assert!(got.iter().all(|e| e.0 != "ARN"), "{got:?}");
    }

    #[test]
    fn nothing_is_carried_into_the_first_sentence_or_across_articles() {
        assert_eq!(
            code("The cartel attacked Gondor on Tuesday."),
            vec![t("---CRM", "GON", "190")]
        );
        assert_eq!(code("He criticized Gondor on Tuesday."), Vec::new());
    }
}
