//! The event coder: sentences in, events out.
//!
//! Per sentence: [`words`] (folded words with offsets) → [`parse`] (dictionary tags, actor
//! mentions with agents, compounds, pronouns, dropped comma clauses, clauses) → per clause, verbs
//! left to right, each verb's patterns longest first ([`patterns`]) → source and target by
//! pattern slots, passive voice, or the default search → events (compound actors expanded, paired
//! codes doubled). By default the first coded verb of each clause gives its event (TABARI's
//! "code by clause"); a code marked subordinate (`023?`) is kept only if the clause has no other.

mod carry;
mod conventions;
mod lexicon;
mod new_actor;
mod parse;
mod parties;
mod patterns;
#[cfg(test)]
mod test_support;
pub(crate) mod words;

use crate::context;
use crate::record::{ActorRef, Article, Attribution, Event, Matched, Modality, Span};
use atalaya_dict::tabari::{CodeBy, TabariSettings};
use atalaya_dict::{CodeSpec, DictFormat, Dictionaries, PatternElem};
pub use carry::ArticleCarry;
use chrono::NaiveDate;
use lexicon::Lexicon;
use parse::{ActorHit, CommaRules, Mention, Tag};
use patterns::{Bindings, ClauseView, Matcher, SynsetIndex};
use rustc_hash::FxHashMap as HashMap;
use words::WordKind;

/// A problem with one article or sentence that did not stop the batch.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CodeWarning {
    pub article_id: String,
    pub message: String,
}

/// What coding one article produced.
#[derive(Debug, Clone, Default)]
pub struct ArticleOutput {
    pub events: Vec<Event>,
    pub warnings: Vec<CodeWarning>,
    /// Number of sentences the article was split into.
    pub sentences: usize,
}

/// Options for one coding run; start from [`Engine::default_options`] and override.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub require_dyad: bool,
    pub comma: CommaRules,
    /// Date used to pick date-bounded actor codes when the article has none.
    pub date: Option<NaiveDate>,
    /// Sentences longer than this (bytes) are skipped with a warning.
    pub max_sentence_bytes: usize,
    /// TABARI's `.options` settings (complexity filters, default actors, code-by, minimum
    /// words, converted agents), when the dictionaries are TABARI's.
    pub tabari: Option<TabariSettings>,
    /// Keep a coded compound actor (`FRO/BIL/SAM`) as one actor, as UniversalPetrarch does;
    /// by default it is one actor per code, as TABARI and PETRARCH-2 do.
    pub keep_coded_compounds: bool,
    /// PETRARCH `new_actor_length`: a proper-noun phrase of at most this many words that no
    /// dictionary codes becomes a quoted new actor (`"THE MINISTRY OF MAGIC"`); 0 = never.
    /// Not in TABARI mode.
    pub new_actor_length: u32,
    /// Leave out page furniture (`atalaya_text::furniture`) in texts of several paragraphs.
    pub skip_furniture: bool,
    /// News conventions on the article's events (`news::apply`): a bare country acting is
    /// its government (`MEX` → `MEXGOV`, the sector given here), no event from an actor to
    /// itself, one event per article for one dyad and code. `None`: events as coded.
    pub country_sector: Option<String>,
}

/// Compiled dictionaries plus coder options: build once, share across threads (`Sync`).
pub struct Engine {
    dicts: Dictionaries,
    lexicon: Lexicon,
    /// Per verb, its pattern indices, longest first.
    ordered_patterns: Vec<Vec<usize>>,
    /// Per pattern, the exact literal words it needs: a pattern whose words are not all in the
    /// clause is not tried (most patterns fail here, cheaply).
    required_words: Vec<Box<[String]>>,
    /// The same words as ids (`pattern_word_ids`), so that for exact-word dictionaries the
    /// check is a binary search in the clause's sorted ids instead of string comparisons.
    required_ids: Vec<Box<[u32]>>,
    pattern_word_ids: HashMap<String, u32>,
    /// Per synset, its members by first word (for the pattern matcher).
    synset_index: Vec<SynsetIndex>,
    tabari: bool,
    /// PETRARCH-2 internal coding ontology, when the dictionaries have one: code → value and
    /// value → code, for combining an upper verb with the verb it governs ("will" + "help").
    ontology_value: HashMap<String, i64>,
    ontology_code: HashMap<i64, String>,
    /// The dictionaries name the United States "U.S." but have no actor "us" (atalaya's
    /// leave it out: folded, it is the pronoun): then a capitalised "US" in mixed-case
    /// text is read as "U.S.".
    us_as_abbreviation: bool,
}

/// The sentence an event comes from, and its article.
#[derive(Clone, Copy)]
struct SentenceSite<'a> {
    article_id: &'a str,
    sentence_index: usize,
    sentence: &'a str,
    base: usize,
    article_text: &'a str,
    date: Option<NaiveDate>,
    /// Under the news conventions (`country_sector`).
    news: bool,
}

/// "with my colleague, my friend, Marcelo Ebrard": a stretch between commas right after a
/// word for a person's relation to the speaker names that person — the one the act is with —
/// and is no aside to drop (TABARI's nonrestrictive-clause rule would drop it).
fn keep_named_appositions(words: &[words::Word], dropped: &mut [bool]) {
    const RELATIONS: &[&str] = &[
        "colleague",
        "friend",
        "counterpart",
        "partner",
        "host",
        "guest",
    ];
    for c in 1..words.len() {
        if words[c].kind != WordKind::Comma
            || !RELATIONS.contains(&words[c - 1].key.as_str())
            || !dropped.get(c + 1).copied().unwrap_or(false)
        {
            continue;
        }
        let mut k = c;
        while k < words.len() && dropped[k] && (k == c || words[k].kind != WordKind::Comma) {
            dropped[k] = false;
            k += 1;
        }
    }
}

/// Speaker labels of those who ask, not answer, in a transcript.
fn is_questioner(label: &str) -> bool {
    let l = label.trim_end_matches('.').to_uppercase();
    matches!(
        l.as_str(),
        "Q" | "QUESTION"
            | "MODERATOR"
            | "OPERATOR"
            | "REPORTER"
            | "PARTICIPANT"
            | "AUDIENCE MEMBER"
            | "STAFF"
    ) || l.starts_with("QUESTION")
}

/// A transcript's speaker label opening `sentence`: "SECRETARY BLINKEN:", "FOREIGN MINISTER
/// MIRZOYAN:", "MR. PRICE:", "SECRETARY OF DEFENSE LLOYD J. AUSTIN III:" — one to eight
/// words in capitals (no lowercase letter) before a colon, within the first 60 bytes.
fn speaker_label(sentence: &str) -> Option<&str> {
    let colon = sentence.find(':').filter(|&c| c < 60)?;
    let label = sentence.get(..colon)?.trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitals = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    ((1..=8).contains(&words.len())
        && words.iter().all(|w| capitals(w))
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2))
    .then_some(label)
}

/// Participles of acts done to people that are never intransitive: after their victims and
/// before no object ("civilians killed in the attack"), a reduced relative clause.
const SUFFERED: &[&str] = &[
    "killed",
    "wounded",
    "injured",
    "detained",
    "arrested",
    "captured",
    "kidnapped",
    "abducted",
    "executed",
    "murdered",
    "jailed",
    "imprisoned",
    "deported",
    "expelled",
    "shot",
    "taken",
];

/// Prepositions and particles that may follow a reduced relative's participle ("killed
/// *in* the attack", "detained *since* May").
fn after_reduced_participle(key: &str) -> bool {
    matches!(
        key,
        "in" | "during"
            | "at"
            | "on"
            | "near"
            | "since"
            | "last"
            | "over"
            | "after"
            | "before"
            | "while"
            | "when"
            | "as"
            | "and"
            | "for"
            | "from"
            | "inside"
            | "outside"
            | "across"
    )
}

/// One event before it becomes a record.
struct RawEvent {
    source: Option<usize>,
    source_member: usize,
    target: Option<usize>,
    target_member: usize,
    code: String,
    verb: u32,
    pattern: Option<usize>,
    verb_word: usize,
    /// News: the act an accusation alleges ("X accused Y of shelling Z": Y's shelling), with
    /// the accuser's mention; it is known only through the accuser.
    alleged_by: Option<usize>,
}

impl Engine {
    pub fn new(dicts: Dictionaries) -> Self {
        let lexicon = Lexicon::build(&dicts);
        let ordered_patterns = dicts
            .verbs
            .iter()
            .map(|v| {
                let mut ids: Vec<usize> = v
                    .patterns
                    .iter()
                    .copied()
                    .filter(|&p| p < dicts.patterns.len())
                    .collect();
                // atalaya's format tries patterns in the order written; TABARI and PETRARCH
                // try the longest first.
                if dicts.format == DictFormat::Atalaya {
                    return ids;
                }
                ids.sort_by_cached_key(|&p| {
                    let pat = &dicts.patterns[p];
                    std::cmp::Reverse(
                        patterns::pattern_weight(&dicts, &pat.before)
                            + patterns::pattern_weight(&dicts, &pat.after),
                    )
                });
                ids
            })
            .collect();
        let required_words: Vec<Box<[String]>> = dicts
            .patterns
            .iter()
            .map(|p| {
                p.before
                    .iter()
                    .chain(p.after.iter())
                    .filter_map(|e| match e {
                        PatternElem::Word(w) if !w.stem => Some(w.key.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .into_boxed_slice()
            })
            .collect();
        let mut pattern_word_ids: HashMap<String, u32> = HashMap::default();
        let required_ids = required_words
            .iter()
            .map(|words| {
                words
                    .iter()
                    .map(|w| {
                        let next = pattern_word_ids.len() as u32;
                        *pattern_word_ids.entry(w.clone()).or_insert(next)
                    })
                    .collect::<Vec<u32>>()
                    .into_boxed_slice()
            })
            .collect();
        let tabari = dicts.format == DictFormat::Tabari;
        let synset_index = dicts
            .synsets
            .iter()
            .map(|set| SynsetIndex::build(set, tabari))
            .collect();
        let mut ontology_value = HashMap::default();
        let mut ontology_code = HashMap::default();
        for e in &dicts.code_ontology {
            ontology_value.entry(e.cameo.clone()).or_insert(e.value);
            ontology_code
                .entry(e.value)
                .or_insert_with(|| e.cameo.clone());
        }
        let actor_at = |key: &str| {
            let mut found = Vec::new();
            lexicon.matches_at(&[key], 0, &mut found);
            found
                .iter()
                .any(|m| matches!(m.kind, lexicon::LexKind::Actor(_)))
        };
        let us_as_abbreviation = !tabari && actor_at("u.s.") && !actor_at("us");
        Engine {
            us_as_abbreviation,
            dicts,
            lexicon,
            ordered_patterns,
            required_words,
            required_ids,
            pattern_word_ids,
            synset_index,
            tabari,
            ontology_value,
            ontology_code,
        }
    }

    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Options from the dictionaries' own settings.
    pub fn default_options(&self) -> RunOptions {
        self.options_from(&self.dicts.options)
    }

    /// Run options from a set of dictionary options (e.g. after a TABARI option command).
    pub fn options_from(&self, o: &atalaya_dict::CoderOptions) -> RunOptions {
        let comma = if self.tabari {
            CommaRules {
                min: o.comma_min.unwrap_or(3),
                max: o.comma_max.unwrap_or(10),
                bmin: o.comma_bmin.unwrap_or(0),
                bmax: o.comma_bmax.unwrap_or(0),
                emin: o.comma_emin.unwrap_or(3),
                emax: o.comma_emax.unwrap_or(10),
                keep_main_clause: false,
            }
        } else {
            CommaRules {
                min: o.comma_min.unwrap_or(2),
                max: o.comma_max.unwrap_or(8),
                bmin: o.comma_bmin.unwrap_or(0),
                bmax: o.comma_bmax.unwrap_or(0),
                emin: o.comma_emin.unwrap_or(2),
                emax: o.comma_emax.unwrap_or(8),
                keep_main_clause: true,
            }
        };
        let tabari = self
            .tabari
            .then(|| atalaya_dict::tabari::tabari_settings(o));
        RunOptions {
            require_dyad: o.require_dyad,
            comma,
            date: None,
            max_sentence_bytes: 20_000,
            tabari,
            keep_coded_compounds: false,
            new_actor_length: o.new_actor_length,
            skip_furniture: o.skip_furniture,
            country_sector: o.country_sector.clone(),
        }
    }

    /// Codes every sentence of one article with the dictionaries' default options.
    pub fn code_article(&self, article: &Article) -> ArticleOutput {
        self.code_article_with(article, &self.default_options())
    }

    pub fn code_article_with(&self, article: &Article, opts: &RunOptions) -> ArticleOutput {
        let mut out = ArticleOutput::default();
        // Actors of the sentences coded so far, for "he", "the cartel" in later ones.
        let mut carry = ArticleCarry::new(&article.text);
        let date = article
            .published
            .as_deref()
            .and_then(|p| p.get(..10))
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            .or(opts.date);
        if opts.country_sector.is_some() {
            if let Some(voice) = article
                .outlet
                .as_deref()
                .and_then(|o| self.outlet_actor(o, date))
            {
                carry.set_voice(voice);
            }
            // The title names the article's parties: "Turkey Responds to Syrian Shelling".
            if let Some(title) = article.title.as_deref() {
                let (_, mentions) = self.mentions_of(title, date);
                carry.parties.note(
                    mentions
                        .iter()
                        .flat_map(|m| m.members.iter().map(|h| h.code.as_str())),
                    2,
                );
            }
        }
        let text = article.text.as_str();
        let spans = atalaya_text::sentences(text);
        out.sentences = spans.len();
        // Page furniture (menus, headlines, doubled captions, repeats) is not the article's
        // prose; a one-paragraph text (a test sentence, a feed summary) has none.
        let furniture = if opts.skip_furniture {
            atalaya_text::furniture(text, &spans, article.title.as_deref())
        } else {
            Vec::new()
        };
        for (index, s) in spans.iter().enumerate() {
            if furniture.get(index).copied().unwrap_or(false) {
                continue;
            }
            let Some(sentence) = text.get(s.start..s.end) else {
                continue;
            };
            let mut coded = (sentence, s.start);
            if opts.country_sector.is_some() {
                // A label opens a line: "SECRETARY BLINKEN: ..." after a line break.
                let line_start = |at: usize| {
                    at == 0
                        || text
                            .get(..at)
                            .is_some_and(|t| t.trim_end_matches([' ', '\t']).ends_with('\n'))
                };
                if let Some(label) = speaker_label(sentence).filter(|_| line_start(s.start)) {
                    // The label is no part of what is said: coded with it, its colon opens
                    // a comma clause that swallows a greeting's vocative ("AUSTIN: Minister
                    // Gallant, welcome back to the Pentagon").
                    if let Some(colon) = sentence.find(':') {
                        coded = (sentence.get(colon + 1..).unwrap_or(""), s.start + colon + 1);
                    }
                    let (_, mentions) = self.mentions_of(label, date);
                    match mentions.as_slice() {
                        [m] if m.members.len() == 1 => {
                            carry.speaker_label(m.members.first().cloned())
                        }
                        // A questioner speaks for nobody the article codes; a role the
                        // dictionaries do not resolve ("THE PRESIDENT:" on the White House's
                        // page) is the publisher's own voice, kept.
                        _ if is_questioner(label) => carry.speaker_label(None),
                        _ => {}
                    }
                }
            }
            if sentence.len() > opts.max_sentence_bytes {
                out.warnings.push(CodeWarning {
                    article_id: article.id.clone(),
                    message: format!(
                        "sentence {index} is {} bytes long (limit {}): skipped",
                        sentence.len(),
                        opts.max_sentence_bytes
                    ),
                });
                continue;
            }
            let events = self.code_sentence(
                &article.id,
                index,
                coded.0,
                coded.1,
                date,
                opts,
                text,
                &mut carry,
            );
            out.events.extend(events);
        }
        if let Some(sector) = &opts.country_sector {
            conventions::apply(&mut out.events, sector);
        }
        out
    }

    /// The actor an outlet's name denotes, when the whole name is one ("US Department of
    /// State", "The White House"; a leading "The", "US" or "U.S." may go): the publisher of
    /// an official statement speaks as that actor. A news outlet ("Voice of America") is none.
    fn outlet_actor(&self, outlet: &str, date: Option<NaiveDate>) -> Option<ActorHit> {
        let trimmed = outlet.trim();
        let mut candidates = vec![trimmed.to_string()];
        for prefix in ["The ", "the ", "US ", "U.S. "] {
            if let Some(rest) = trimmed.strip_prefix(prefix) {
                candidates.push(rest.to_string());
            }
        }
        candidates.into_iter().find_map(|name| {
            let (words, mentions) = self.mentions_of(&name, date);
            match mentions.as_slice() {
                [m] if m.start == 0 && m.end == words.len() && m.members.len() == 1 => {
                    m.members.first().cloned()
                }
                _ => None,
            }
        })
    }

    /// The actor mentions of a short text outside the article's sentences (an outlet's name,
    /// a transcript's speaker label), by the rules of a sentence with no context.
    fn mentions_of(&self, text: &str, date: Option<NaiveDate>) -> (Vec<words::Word>, Vec<Mention>) {
        let words = words::words(text, 0, self.tabari);
        let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        let (tags, _) = parse::tag_words(&self.lexicon, &keys, &words, false, self.tabari);
        let rules = parse::MentionRules {
            lone_agents: None,
            possessive_gap: 0,
            refine_same_country: true,
            split_coded_compounds: true,
            modifier_gap: true,
            keep_own_sector: true,
        };
        let mentions = parse::build_mentions(&self.dicts, &words, &tags, date, &rules);
        (words, mentions)
    }

    /// Codes one sentence that starts at byte `base` of its article; `carry` holds the actors
    /// of the article's earlier sentences and is updated with this one's.
    #[allow(clippy::too_many_arguments)]
    pub fn code_sentence(
        &self,
        article_id: &str,
        sentence_index: usize,
        sentence: &str,
        base: usize,
        date: Option<NaiveDate>,
        opts: &RunOptions,
        article_text: &str,
        carry: &mut ArticleCarry,
    ) -> Vec<Event> {
        let d = &self.dicts;
        let words = words::words(sentence, base, self.tabari);
        if words.is_empty() {
            return Vec::new();
        }
        let tabari = opts.tabari.as_ref();
        // TABARI codes no sentence under 8 words unless `SET: MINIMUM WORDS` says otherwise.
        if let Some(min) = tabari.map(|t| t.minimum_words.unwrap_or(8)) {
            let count = words
                .iter()
                .filter(|w| !matches!(w.kind, WordKind::Comma | WordKind::Possessive))
                .count();
            if count < min as usize {
                return Vec::new();
            }
        }
        let all_caps = !sentence.chars().any(char::is_lowercase);
        let keys: Vec<&str> = words
            .iter()
            .map(|w| {
                let capital_us = || {
                    sentence.get(w.start.saturating_sub(base)..w.end.saturating_sub(base))
                        == Some("US")
                };
                if self.us_as_abbreviation && !all_caps && w.key == "us" && capital_us() {
                    "u.s."
                } else {
                    w.key.as_str()
                }
            })
            .collect();
        let (tags, discard) = parse::tag_words(&self.lexicon, &keys, &words, all_caps, self.tabari);
        if discard.is_some() {
            return Vec::new();
        }
        if let Some(t) = tabari {
            // TABARI's complexity filters: such sentences are left for a human coder.
            let verbs = tags
                .iter()
                .filter(|t| matches!(t, Tag::Verb { .. }))
                .count() as u32;
            let conjunctions = words.iter().filter(|w| w.kind == WordKind::Conj).count() as u32;
            // "Diverted if text contains n or more verbs" (TABARI manual, COMPLEX:); 0 is off.
            // Conjunctions stay "more than n": "n or more" diverts records of TABARI's own
            // validation file that it codes (measured: 3 records).
            let reached =
                |limit: Option<u32>, count: u32| limit.is_some_and(|n| n > 0 && count >= n);
            if reached(t.complex.verbs, verbs)
                || t.complex.conjunctions.is_some_and(|n| conjunctions > n)
            {
                return Vec::new();
            }
        }
        let possessive_gap = if self.tabari { 0 } else { 2 };
        // Agents with no actor: PETRARCH codes them `---GOV`; TABARI only with CONVERT AGENTS,
        // as `~GOV`.
        let lone_agents = match tabari {
            Some(t) if t.convert_agents => Some("~"),
            Some(_) => None,
            None => Some("---"),
        };
        let rules = parse::MentionRules {
            lone_agents,
            possessive_gap,
            refine_same_country: !self.tabari,
            split_coded_compounds: !opts.keep_coded_compounds,
            modifier_gap: !self.tabari,
            keep_own_sector: opts.country_sector.is_some(),
        };
        let mut mentions = parse::build_mentions(d, &words, &tags, date, &rules);
        if opts.country_sector.is_some() {
            // "the Russian city of Sochi", "Yemen's port of Aden", "Russia's western Belgorod
            // region": a place named by its country, not the country acting or acted on.
            mentions.retain(|m| !names_a_place(&words, m) && !gives_the_order(&words, m));
        }
        if tabari.is_none() && opts.new_actor_length > 0 {
            let found = new_actor::new_actor_mentions(
                &words,
                &tags,
                &mentions,
                opts.new_actor_length as usize,
                all_caps,
            );
            if !found.is_empty() {
                mentions.extend(found);
                mentions.sort_by_key(|m| m.start);
            }
        }
        // TABARI time phrases coded `[###]` or `[+++]` ("when peace comes") halt the sentence
        // while time shifting is on.
        if tabari.is_some_and(|t| t.time_shifting_active(d)) {
            let halts = tags.iter().any(|t| match t {
                Tag::TimeShift { shift, .. } => d
                    .time_shifts
                    .get(*shift as usize)
                    .is_some_and(|s| is_halt_code(s.raw.trim_matches(['[', ']', ' ']))),
                _ => false,
            });
            if halts {
                return Vec::new();
            }
        }
        if tabari.is_some()
            && mentions
                .iter()
                .flat_map(|m| m.members.iter())
                .any(|h| is_halt_code(&h.code))
        {
            return Vec::new();
        }
        let mentions = if opts.country_sector.is_some() {
            carry.named_people(&words, &tags, mentions)
        } else {
            mentions
        };
        let mut mentions = parse::join_compounds(d, &words, &tags, mentions);
        if tabari.is_none() {
            carry.drop_dateline(sentence, base, &words, &mut mentions);
        }
        let mut mentions = parse::resolve_pronouns(&words, mentions, opts.country_sector.is_some());
        // News: where "the two leaders" / "both sides" stand for the article's pair.
        let mut pair_starts: Vec<usize> = Vec::new();
        if tabari.is_none() {
            mentions = carry.resolve(&words, mentions);
            if opts.country_sector.is_some() {
                mentions = carry.resolve_first_person(sentence, base, &words, mentions);
                (mentions, pair_starts) = carry.resolve_pair(&words, mentions);
            }
            if opts.country_sector.is_some() {
                // Named actors only: a pronoun or "we" names nobody new.
                carry.parties.note(
                    mentions
                        .iter()
                        .filter(|m| !m.synthetic && !m.pronoun)
                        .flat_map(|m| m.members.iter().map(|h| h.code.as_str())),
                    1,
                );
            }
            carry.observe(d, &words, &mentions);
        }
        if let Some(defaults) = tabari.and_then(|t| t.defaults.as_ref()) {
            for code in [&defaults.source, &defaults.target].into_iter().flatten() {
                mentions.push(Mention::synthetic(code, words.len()));
            }
        }
        let mut mention_of = vec![None; words.len()];
        for (mi, m) in mentions.iter().enumerate() {
            for slot in mention_of
                .iter_mut()
                .take(m.end.min(words.len()))
                .skip(m.start)
            {
                *slot = Some(mi);
            }
        }
        let mut dropped = parse::drop_comma_clauses(&words, &tags, &mention_of, opts.comma);
        // News: "According to the ministry, X attacked Y": the lead-in names the source of
        // the report (the context reads it as attribution), never the doer.
        if opts.country_sector.is_some() && tabari.is_none() {
            let key = |k: usize| words.get(k).map_or("", |w| w.key.as_str());
            if key(0) == "according" && key(1) == "to" {
                if let Some(comma) = words.iter().position(|w| w.kind == WordKind::Comma) {
                    if comma + 1 < words.len() {
                        dropped[..=comma].iter_mut().for_each(|d| *d = true);
                    }
                }
            }
        }
        if opts.country_sector.is_some() && tabari.is_none() {
            keep_named_appositions(&words, &mut dropped);
        }
        let clauses = parse::clauses(&words, &tags, &mention_of, &dropped, !self.tabari);
        let compound: Vec<bool> = mentions.iter().map(Mention::is_compound).collect();
        let matcher = Matcher {
            dicts: d,
            synsets: &self.synset_index,
            tabari_endings: self.tabari,
            compound: &compound,
            phrase_structured: false,
            news: opts.country_sector.is_some() && tabari.is_none(),
        };

        let mut raw: Vec<RawEvent> = Vec::new();
        // News: events with one side missing, completed below or dropped.
        let mut pending: Vec<RawEvent> = Vec::new();
        let mut carried_source: Option<usize> = None;
        // News: the subject of the previous clause, for a clause that has none of its own.
        let mut clause_subject: Option<usize> = None;
        for &(cs, ce) in &clauses {
            let view = clause_view(&words, &mentions, &dropped, cs, ce);
            if view.words.is_empty() {
                continue;
            }
            if carried_source.is_none() && subjectless(&view, &tags, &words) {
                carried_source = clause_subject;
            }
            let clause_events = self.code_clause(
                &view,
                &tags,
                &mentions,
                &matcher,
                &mut carried_source,
                opts,
                &mut pending,
            );
            if opts.country_sector.is_some() && !self.tabari {
                clause_subject = subject_of(&view);
            }
            raw.extend(clause_events);
            if tabari.is_some_and(|t| t.code_by == CodeBy::Sentence) && !raw.is_empty() {
                break;
            }
        }
        // TABARI: a discard (`###`) or complex (`+++`) code anywhere halts the sentence.
        if tabari.is_some() && raw.iter().any(|r| is_halt_code(&r.code)) {
            return Vec::new();
        }
        // "Nothing is off the table with the cartels, Hegseth said": an event of the quoted
        // words with no doer of its own is the trailing speaker's statement.
        if tabari.is_none() {
            if let Some(speaker) = trailing_speaker(&words, &mentions) {
                let at = mentions.get(speaker).map_or(0, |m| m.start);
                // A target before the verb is a passive subject ("Gondor was attacked, X
                // said"): its doer is unknown, not the speaker.
                let target_after = |r: &RawEvent| {
                    r.target
                        .and_then(|t| mentions.get(t))
                        .is_none_or(|m| m.start > r.verb_word)
                };
                for r in raw.iter_mut().chain(pending.iter_mut()) {
                    if r.source.is_none()
                        && r.verb_word < at
                        && r.target != Some(speaker)
                        && target_after(r)
                    {
                        r.source = Some(speaker);
                        r.source_member = 0;
                    }
                }
                // Nor is the speaker the target of its own quote ("Mexico and the United States
                // will meet, X said"): a compound source meets itself, else no target.
                let mut regrouped: Vec<RawEvent> = Vec::new();
                for r in raw.iter_mut() {
                    if r.target != Some(speaker) || r.verb_word >= at || r.source.is_none() {
                        continue;
                    }
                    let compound = r
                        .source
                        .and_then(|s| mentions.get(s))
                        .is_some_and(Mention::is_compound);
                    if compound && !regrouped.iter().any(|g| g.verb_word == r.verb_word) {
                        push_pairs(
                            &mut regrouped,
                            &mentions,
                            r.source,
                            r.source,
                            &r.code,
                            r.verb,
                            r.pattern,
                            r.verb_word,
                        );
                    }
                    r.target = None;
                    r.target_member = 0;
                }
                if !regrouped.is_empty() {
                    let verbs: Vec<usize> = regrouped.iter().map(|g| g.verb_word).collect();
                    raw.retain(|r| !(r.target.is_none() && verbs.contains(&r.verb_word)));
                    raw.extend(regrouped);
                }
            }
        }
        if opts.country_sector.is_some() && !self.tabari {
            self.complete_pending(&mut raw, pending, &mut mentions, &words, carry);
        }
        if !pair_starts.is_empty() {
            // "The two leaders discussed ...": an act between the two. The pair is no doer of
            // acts on others ("the two countries fought wars since they won independence from
            // Britain"); it may be their target ("China urged both sides to talk").
            let is_pair = |m: Option<usize>| {
                m.and_then(|i| mentions.get(i))
                    .is_some_and(|m| m.pronoun && m.is_compound() && pair_starts.contains(&m.start))
            };
            raw.retain(|r| !is_pair(r.source) || r.source == r.target);
        }
        let site = SentenceSite {
            article_id,
            sentence_index,
            sentence,
            base,
            article_text,
            date,
            news: opts.country_sector.is_some(),
        };
        self.to_events(&site, &words, &tags, &mentions, raw)
    }

    /// News: the events of a sentence that lacked a side. Those a trailing speaker completed
    /// join the sentence's events; its first act with a doer and no addressee takes the
    /// article's other party ([`parties::ArticleParties`]) as an
    /// implied target (a mention with no words, `ActorRef::implied`), for acts that are
    /// addressed to someone ([`addressed_act`]).
    fn complete_pending(
        &self,
        raw: &mut Vec<RawEvent>,
        pending: Vec<RawEvent>,
        mentions: &mut Vec<Mention>,
        words: &[words::Word],
        carry: &ArticleCarry,
    ) {
        let end = words.len();
        let mut pending = pending;
        // A rejection whose only other actor is the speaker's own country ("“There will be no
        // invasion of Mexico,” Sheinbaum said"): the country is the place, not the one
        // rejected; the addressee is the article's other party.
        let own_place = |r: &RawEvent| {
            let (Some(s), Some(t)) = (r.source, r.target) else {
                return false;
            };
            let (Some(sm), Some(tm)) = (mentions.get(s), mentions.get(t)) else {
                return false;
            };
            r.code.starts_with("12")
                && !tm.is_compound()
                && tm
                    .members
                    .first()
                    .is_some_and(|h| h.agent.is_none() && h.code.len() == 3)
                && sm.main_code().get(..3) == tm.main_code().get(..3)
        };
        let (place, kept): (Vec<RawEvent>, Vec<RawEvent>) =
            std::mem::take(raw).into_iter().partition(own_place);
        *raw = kept;
        pending.extend(place);
        // Complete events join the sentence's; an own-place rejection loses its target and
        // waits with the half events.
        let (complete, mut half): (Vec<RawEvent>, Vec<RawEvent>) = pending
            .into_iter()
            .partition(|r| r.source.is_some() && r.target.is_some() && !own_place(r));
        raw.extend(complete);
        for r in half.iter_mut().filter(|r| own_place(r)) {
            r.target = None;
            r.target_member = 0;
        }
        let Some(mut r) = half.into_iter().find(|r| {
            r.target.is_none()
                && addressed_act(&r.code)
                && r.source.and_then(|s| mentions.get(s)).is_some_and(|m| {
                    !m.is_compound()
                        && (subject_of_verb(words, m, r.verb_word)
                            || r.code.starts_with("12") && speaker_of(words, m, r.verb_word))
                })
        }) else {
            return;
        };
        let source_code = r
            .source
            .and_then(|s| mentions.get(s))
            .map(|m| m.main_code())
            .unwrap_or("");
        let Some(other) = carry.parties.counterpart(source_code) else {
            return;
        };
        mentions.push(Mention::synthetic(other, end));
        r.target = Some(mentions.len() - 1);
        r.target_member = 0;
        raw.push(r);
    }

    #[allow(clippy::too_many_arguments)]
    fn code_clause(
        &self,
        view: &ClauseView,
        tags: &[Tag],
        mentions: &[Mention],
        matcher: &Matcher,
        carried_source: &mut Option<usize>,
        opts: &RunOptions,
        pending: &mut Vec<RawEvent>,
    ) -> Vec<RawEvent> {
        let d = &self.dicts;
        let mut subordinate: Option<Vec<RawEvent>> = None;
        let code_all = opts
            .tabari
            .as_ref()
            .is_some_and(|t| t.code_by == CodeBy::All);
        let mut all: Vec<RawEvent> = Vec::new();
        let mut upper: Option<(i64, Vec<RawEvent>, usize)> = None;
        let mut previous_verb_end = 0usize;
        let mut clause_ids: Option<Vec<u32>> = None;
        let news = opts.country_sector.is_some() && !self.tabari;
        // News: an accusation whose alleged act is still to be coded: (accused, accuser, the
        // accusation's events, where the act starts).
        let mut alleged: Option<(usize, Option<usize>, Vec<RawEvent>, usize)> = None;
        for pos in 0..view.words.len() {
            let wi = view.word_index[pos];
            let Tag::Verb { verb, len } = tags[wi] else {
                continue;
            };
            let verb_end = (pos..view.words.len())
                .find(|&q| view.word_index[q] >= wi + len)
                .unwrap_or(view.words.len());
            let Some(entry) = d.verbs.get(verb as usize) else {
                continue;
            };
            // Patterns, longest first; then the verb's own code.
            let mut chosen: Option<(CodeSpec, Option<usize>, Bindings)> = None;
            for &pi in self
                .ordered_patterns
                .get(verb as usize)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let p = &d.patterns[pi];
                let present = if self.tabari {
                    let needs = self.required_words.get(pi).map(|r| &r[..]).unwrap_or(&[]);
                    needs
                        .iter()
                        .all(|k| view.words.iter().any(|w| self.tabari_word_eq(k, &w.key)))
                } else {
                    let ids = clause_ids.get_or_insert_with(|| {
                        // A plural also stands for its singular: PETRARCH 2.0 patterns
                        // match lemmas (see `Matcher::literal_at`).
                        let mut v: Vec<u32> = Vec::with_capacity(view.words.len());
                        v.extend(
                            view.words
                                .iter()
                                .flat_map(|w| {
                                    let singular = lexicon::singular_forms(&w.key);
                                    std::iter::once(w.key.as_str()).chain(singular)
                                })
                                .filter_map(|k| self.pattern_word_ids.get(k).copied()),
                        );
                        v.sort_unstable();
                        v
                    });
                    let needs = self.required_ids.get(pi).map(|r| &r[..]).unwrap_or(&[]);
                    needs.iter().all(|id| ids.binary_search(id).is_ok())
                };
                if !present {
                    continue;
                }
                if let Some(b) = matcher.match_pattern(view, p, pos, verb_end) {
                    chosen = Some((p.code.clone(), Some(pi), b));
                    break;
                }
            }
            if chosen.is_none() {
                if let Some(code) = &entry.code {
                    chosen = Some((code.clone(), None, Bindings::default()));
                }
            }
            // A subordinate clause ("... after Calenardhon crowds burned down its embassy")
            // has its own subject: the window starts at its subordinator.
            let window_start = if self.tabari {
                previous_verb_end
            } else {
                let sub = (previous_verb_end..pos)
                    .rev()
                    .find(|&q| is_subordinator(&view.words[q].key));
                // A subordinate clause closed by a comma before the verb ("If Mexico does not
                // act, the United States will strike") is not the verb's subject: the main
                // clause after the comma is, when it names an actor.
                let main = sub.and_then(|q| {
                    let comma = (q..pos)
                        .rev()
                        .find(|&c| view.words[c].kind == WordKind::Comma)?;
                    (comma + 1..pos)
                        .any(|c| view.mention_at[c].is_some())
                        .then_some(comma + 1)
                });
                main.or(sub).unwrap_or(previous_verb_end)
            };
            previous_verb_end = verb_end;
            let Some((code, pattern, b)) = chosen else {
                continue;
            };
            let (code_a, code_b) = match code {
                CodeSpec::Null => continue,
                CodeSpec::Code(c) => (c, None),
                CodeSpec::Paired(a, b) => (a, Some(b)),
            };
            let code_b_was: Option<()> = code_b.as_ref().map(|_| ());
            // PETRARCH-2 negation: "did not clash" is the clash's value minus 0xFFFF in the
            // coding ontology (clash 110 → 050); only with an ontology, only when it maps.
            let negated = !self.ontology_value.is_empty() && negated_at(view, pos, window_start);
            let code_a = match self.ontology_value.get(&code_a) {
                Some(v) if negated => self
                    .ontology_code
                    .get(&(v - 0xFFFF))
                    .cloned()
                    .unwrap_or(code_a),
                _ => code_a,
            };
            // The alleged act is the accused's; with no object named, an attack or a threat
            // is on the accuser ("accuses the north of launching air attacks").
            let alleging = alleged.as_ref().filter(|a| pos >= a.3);
            let mut b = b;
            if let Some(a) = alleging {
                b.source = b.source.or(Some(a.0));
            }
            let (mut source, mut target) = self.assign(
                view,
                mentions,
                pos,
                verb_end,
                window_start,
                b,
                *carried_source,
                opts.country_sector.is_some(),
            );
            // Accusations are of hostile acts; "accused Y of having agreed" alleges none.
            let hostile = matches!(
                code_a.get(..2),
                Some("13" | "14" | "15" | "16" | "17" | "18" | "19" | "20")
            );
            if let Some(a) = alleging {
                if target.is_none() && hostile {
                    target = a.1;
                }
            }
            // News: a compound doer carried into a clause of its own ("A and B exchanged views
            // and committed to continue cooperating") does a cooperative act together, as it
            // would as the clause's subject.
            if opts.country_sector.is_some()
                && target.is_none()
                && source.is_some()
                && source == *carried_source
                && source
                    .and_then(|s| mentions.get(s))
                    .is_some_and(Mention::is_compound)
                && mutual_code(code_a.trim_end_matches(['?', '!']))
            {
                target = source;
            }
            if source.is_some() {
                *carried_source = source;
            }
            // News conventions: a compound is its own target only for a cooperative act, which
            // its members do together ("A and B met", "agreed to share intelligence"), or a
            // reciprocal one ("accused each other"); "U.S. and U.K. aircraft hit the targets"
            // is no attack of one on the other.
            if opts.country_sector.is_some()
                && source.is_some()
                && source == target
                && !mutual_code(code_a.trim_end_matches(['?', '!']))
                && !reciprocal(view)
            {
                target = None;
            }
            // TABARI's DEFAULT: codes used when the search failed (PRIOR: whenever no actor
            // precedes the verb; AFTER: whenever none follows it).
            if let Some(defaults) = &self.default_mentions(mentions, opts) {
                let any_before = (0..pos).any(|q| view.mention_at[q].is_some());
                let any_after = (verb_end..view.words.len()).any(|q| view.mention_at[q].is_some());
                if defaults.0.is_some() && (source.is_none() || (defaults.2 && !any_before)) {
                    source = defaults.0;
                }
                if defaults.1.is_some() && (target.is_none() || (defaults.3 && !any_after)) {
                    target = defaults.1;
                }
            }
            if source.is_none() && target.is_none() {
                continue;
            }
            if opts.require_dyad && (source.is_none() || target.is_none()) {
                // News: an act whose doer is a speaker named after the quote, or whose other
                // side the sentence leaves to the article, waits for `code_sentence`.
                if opts.country_sector.is_some()
                    && !self.tabari
                    && code_b.is_none()
                    && !code_a.ends_with('?')
                {
                    let clean = code_a.trim_end_matches(['?', '!']);
                    push_pairs(pending, mentions, source, target, clean, verb, pattern, wi);
                }
                continue;
            }
            let is_sub = code_a.ends_with('?');
            let mut evs = Vec::new();
            let clean = |c: &str| c.trim_end_matches(['?', '!']).to_string();
            push_pairs(
                &mut evs,
                mentions,
                source,
                target,
                &clean(&code_a),
                verb,
                pattern,
                wi,
            );
            if let Some(cb) = code_b {
                push_pairs(
                    &mut evs,
                    mentions,
                    target,
                    source,
                    &clean(&cb),
                    verb,
                    pattern,
                    wi,
                );
            }
            if evs.is_empty() {
                continue;
            }
            if is_sub {
                subordinate.get_or_insert(evs);
                continue;
            }
            if let Some((upper_value, upper_events, upper_end)) = upper.take() {
                if !governed(view, upper_end, pos) {
                    // Not the upper verb's complement ("noted that Cirith Ungol regretted
                    // ..."): the upper verb's own event stands.
                    return upper_events;
                }
                if negated {
                    return evs;
                }
                return self.combine_upper(upper_value, upper_events, evs);
            }
            let value = self
                .ontology_value
                .get(&code_a)
                .copied()
                .filter(|v| *v > 0 && v & 0xFFF == 0);
            if let (Some(v), None) = (value, code_b_was) {
                // An upper verb ("will", "urged", "said"): the verb it governs may refine it.
                upper = Some((v, evs, verb_end));
                continue;
            }
            if code_all {
                // TABARI `SET: CODE ALL`: every coded verb of the clause.
                all.extend(evs);
                continue;
            }
            if let Some((_, accuser, mut accusation, _)) = alleged.take() {
                if hostile {
                    for e in evs.iter_mut() {
                        e.alleged_by = accuser;
                    }
                    accusation.extend(evs);
                }
                return accusation;
            }
            if news && code_a.starts_with("112") {
                if let Some((accused, from)) =
                    target.and_then(|t| Some((t, alleged_act_at(view, tags, verb_end, t)?)))
                {
                    alleged = Some((accused, source, evs, from));
                    continue;
                }
            }
            return evs;
        }
        if let Some((_, _, accusation, _)) = alleged {
            return accusation;
        }
        if let Some((_, evs, _)) = upper {
            all.extend(evs);
        }
        if all.is_empty() {
            return subordinate.unwrap_or_default();
        }
        all
    }

    /// Synthetic mentions for TABARI's DEFAULT source and target (appended after the
    /// sentence's mentions by `code_sentence`): `(source, target, prior, after)`.
    fn default_mentions(
        &self,
        mentions: &[Mention],
        opts: &RunOptions,
    ) -> Option<(Option<usize>, Option<usize>, bool, bool)> {
        let d = opts.tabari.as_ref()?.defaults.as_ref()?;
        let find = |code: &Option<String>| {
            code.as_ref().and_then(|c| {
                mentions
                    .iter()
                    .rposition(|m| m.synthetic && m.main_code() == c)
            })
        };
        Some((
            find(&d.source),
            find(&d.target),
            d.source_prior,
            d.target_after,
        ))
    }

    /// Could the clause word `key` match the exact pattern word `want`? (TABARI words may carry
    /// a regular ending; the full check happens in the matcher.)
    fn tabari_word_eq(&self, want: &str, key: &str) -> bool {
        if self.tabari {
            key.starts_with(want)
        } else {
            key == want
        }
    }

    /// PETRARCH-2's verb combination: an upper verb's value plus the value of the cooperative
    /// verb it governs ("will" 0x3000 + "help" 0x0040 = 0x3040 = 033); when the sum is not a code,
    /// or the lower verb is not additive, the lower verb's code stands. The lower verb's actors
    /// are kept.
    fn combine_upper(
        &self,
        upper: i64,
        _upper_events: Vec<RawEvent>,
        mut lower: Vec<RawEvent>,
    ) -> Vec<RawEvent> {
        for e in lower.iter_mut() {
            let Some(&v) = self.ontology_value.get(&e.code) else {
                continue;
            };
            // Only the low-byte cooperative values add up (aid 0x40, cooperation 0x80: "will
            // help" = 033); "will abandon ties" stays 080 in PETRARCH-2's own validation
            // records although 0x3000 + 0x0200 is a code (035). Measured on those suites.
            if (0..0x100).contains(&v) {
                if let Some(c) = self.ontology_code.get(&(upper + v)) {
                    e.code = c.clone();
                }
            }
        }
        lower
    }

    /// Source and target for a verb at clause position `pos`.
    #[allow(clippy::too_many_arguments)]
    fn assign(
        &self,
        view: &ClauseView,
        mentions: &[Mention],
        pos: usize,
        verb_end: usize,
        window_start: usize,
        b: Bindings,
        carried: Option<usize>,
        news_targets: bool,
    ) -> (Option<usize>, Option<usize>) {
        if let Some(c) = b.compound {
            return (Some(c), Some(c));
        }
        // A new actor (quoted code, `new_actor.rs`) has no dictionary entry to vouch for it:
        // the default searches take it only right beside the verb, as PETRARCH takes it only
        // from the verb's own phrases — its subject at most two words before ("X has left"),
        // its object at most one word after ("left for X", not "met in X"), so that "left for
        // <a name too long to code> ... with Y" does not make Y the object.
        let beside_verb = |q: usize, end: usize, m: usize| {
            if !mentions[m].main_code().starts_with('"') {
                return true;
            }
            if q >= verb_end {
                // "met in Alaska", "a strike in Oaxaca": a place, not the one acted on.
                let place = view.words.get(verb_end).is_some_and(|w| {
                    matches!(
                        w.key.as_str(),
                        "in" | "at"
                            | "near"
                            | "on"
                            | "inside"
                            | "outside"
                            | "across"
                            | "throughout"
                    )
                });
                q == verb_end || (q == verb_end + 1 && !place)
            } else {
                end <= pos
                    && pos - end <= 2
                    && !view.words[end..pos]
                        .iter()
                        .any(|w| w.kind == WordKind::Comma)
            }
        };
        let mention_near = |q: usize| {
            view.mention_at[q]
                .filter(|&(m, end)| beside_verb(q, end, m))
                .map(|(m, _)| m)
        };
        let candidate = |q: usize| mention_near(q).filter(|&m| Some(m) != b.skipped);
        let before: Vec<usize> = (0..pos).filter_map(candidate).collect();
        // News: whom an act is for or answers is not whom it is done to ("attacks in
        // solidarity with Palestinians", "strikes in response to attacks against American
        // forces", "on behalf of the Mexican government").
        let for_someone = |q: usize| {
            news_targets
                && (q >= 2
                    && matches!(
                        (
                            view.words[q - 2].key.as_str(),
                            view.words[q - 1].key.as_str()
                        ),
                        ("solidarity", "with") | ("support", "of") | ("behalf", "of")
                    )
                    || (verb_end..q).any(|k| {
                        view.words[k].key == "response"
                            && view.words.get(k + 1).is_some_and(|w| w.key == "to")
                    }))
        };
        // News: "Palestinians in Gaza", "militants in Syria": a country right after "in" that
        // follows another actor says where that actor is; it is not a second object.
        let located = |q: usize| {
            news_targets && {
                let m = view.mention_at[q].map(|(m, _)| m);
                let mut start = q;
                while start > 0 && view.mention_at[start - 1].map(|(x, _)| x) == m {
                    start -= 1;
                }
                start >= 2
                    && view.words[start - 1].key == "in"
                    && view.mention_at[start - 2].is_some_and(|(x, _)| Some(x) != m)
            }
        };
        let after: Vec<usize> = (verb_end..view.words.len())
            .filter(|&q| !for_someone(q) && !located(q))
            .filter_map(candidate)
            .collect();
        let code = |m: usize| mentions[m].main_code();
        let mut source = b.source;
        let mut target = b.target;
        if source.is_none() && target.is_none() {
            // Passive: "was attacked by X", "was fiercely opposed earlier by X"; without "by",
            // "X was criticized over its dispute with Y": the actor after the verb is the doer.
            // Adverbs may stand between ("was heavily and unjustly criticized").
            let mut first_adverb = pos;
            while first_adverb > window_start
                && pos - first_adverb < 4
                && view.words.get(first_adverb - 1).is_some_and(|w| {
                    (w.key.ends_with("ly") && w.key.len() > 4) || w.kind == WordKind::Conj
                })
            {
                first_adverb -= 1;
            }
            let aux =
                (first_adverb.saturating_sub(3)..pos).any(|q| view.words[q].kind == WordKind::Aux);
            // The "by" of a passive: right after the verb, or in news after a few words that
            // are no actor, comma or conjunction ("designated earlier this month by Gondor").
            let news_by = news_targets && !self.tabari;
            let by_reach = if news_by { 5 } else { 2 };
            let by_at = (verb_end..(verb_end + by_reach).min(view.words.len()))
                .take_while(|&q| {
                    q == verb_end
                        || !news_by
                        || (view.mention_at[q - 1].is_none()
                            && passive_filler(&view.words[q - 1].key))
                })
                .find(|&q| view.words[q].kind == WordKind::By);
            // News: a participle followed by "by" is passive without an auxiliary too, as a
            // reduced relative ("officials blacklisted by Gondor"): Gondor did it.
            let reduced = news_targets
                && !self.tabari
                && by_at.is_some()
                && view
                    .words
                    .get(verb_end.saturating_sub(1))
                    .is_some_and(|w| is_participle(&w.key));
            // "Americans killed during the war", "soldiers detained in Gondor": a participle
            // of an act done to people, right after them and followed by no object, is a
            // reduced relative too; it says who suffered it, not who did it.
            let suffered = news_targets
                && !self.tabari
                && verb_end == pos + 1
                && SUFFERED.contains(&view.words[pos].key.as_str())
                && pos > 0
                && view.mention_at[pos - 1].is_some()
                && view
                    .words
                    .get(verb_end)
                    .is_none_or(|w| w.kind == WordKind::Comma || after_reduced_participle(&w.key));
            if suffered {
                return (None, view.mention_at[pos - 1].map(|(m, _)| m));
            }
            if aux || reduced {
                let by = by_at;
                let participle = view
                    .words
                    .get(verb_end.saturating_sub(1))
                    .is_some_and(|w| is_participle(&w.key));
                if by.is_some() || (participle && !self.tabari) {
                    let from = by.map(|b| b + 1).unwrap_or(verb_end);
                    let subject = (window_start..pos)
                        .rev()
                        .find_map(|q| view.mention_at[q].map(|(m, _)| m));
                    // The doer is the actor after "by"; a passive without "by" ("X was
                    // criticized over its dispute with Y") does not say who did it: the subject
                    // is the target and the source stays unknown rather than guessed.
                    let agent = by.and_then(|_| (from..view.words.len()).find_map(mention_near));
                    return (agent, subject.or(before.last().copied()));
                }
            }
        }
        if source.is_none() {
            // TABARI's default source search (manual, "Default Actor Search Rules"): "starts
            // at the beginning of the text and the first actor encountered prior to the verb is
            // designated the source". Elsewhere the subject is the first actor after the
            // previous verb ("urged Bree to assist": Bree assists).
            let near = if self.tabari {
                None
            } else {
                (window_start..pos).find_map(mention_near)
            };
            // News: a verb in the content of a reporting verb whose own subject is a noun
            // phrase ("X says the strikes killed Y") is not done by the one who reports it; a
            // content with no subject of its own ("X said all options are on the table",
            // "X said Tuesday there will be no ...") is the reporter's.
            let content_start = if news_targets && !self.tabari {
                (0..pos)
                    .rev()
                    .find(|&q| context::is_reporting(&view.words[q].key))
                    .filter(|&q| {
                        view.words[q + 1..pos]
                            .iter()
                            .any(|w| w.kind == WordKind::Det)
                    })
                    .map_or(0, |q| q + 1)
            } else {
                0
            };
            let starts_at = |m: usize| {
                view.mention_at
                    .iter()
                    .position(|slot| slot.is_some_and(|(x, _)| x == m))
                    .unwrap_or(0)
            };
            source = near
                .or_else(|| {
                    before.iter().copied().find(|&m| {
                        target.is_none_or(|t| code(t) != code(m)) && starts_at(m) >= content_start
                    })
                })
                .or(carried.filter(|_| content_start == 0));
            if let (Some(s), Some(t)) = (source, target) {
                if code(s) == code(t) {
                    source = before
                        .iter()
                        .copied()
                        .find(|&m| code(m) != code(t) && starts_at(m) >= content_start);
                }
            }
        }
        if target.is_none() {
            let scode = source.map(code).unwrap_or("");
            // News: a country and its government are one actor ("Arnor ... what its
            // president called Gondor's provocations": not Arnor against its president). A
            // bare country word after the verb may be its people ("Mexicans"): kept.
            let one_actor = |m: usize| {
                let a = code(m);
                news_targets
                    && !a.starts_with("---")
                    && a.get(..3) == scode.get(..3)
                    && a.get(3..) == Some("GOV")
                    && matches!(scode.get(3..), Some("" | "GOV"))
            };
            target = after
                .iter()
                .copied()
                .find(|&m| code(m) != scode && Some(m) != source && !one_actor(m))
                .or_else(|| {
                    // Only TABARI looks back: elsewhere an actor before the verb that is not
                    // its subject is not its object either ("Y, after X burned down its
                    // embassy").
                    if !self.tabari {
                        return None;
                    }
                    before
                        .iter()
                        .copied()
                        .find(|&m| code(m) != scode && Some(m) != source)
                });
            // TABARI: "the compound source is also designated as the target". Not for a
            // source carried over from the previous clause ("A and B said ... and warned that
            // ..." is no event of A against B).
            let carried_here = source.is_some() && source == carried && before.is_empty();
            if target.is_none() && !carried_here {
                if let Some(s) = source {
                    if mentions[s].is_compound() {
                        target = Some(s);
                    }
                }
            }
        }
        (source, target)
    }

    /// Turns raw events into records: actors with spans and entity ids, what fired, and the
    /// context (modality, attribution, date, confidence; an idiom may recode the event).
    fn to_events(
        &self,
        site: &SentenceSite,
        words: &[words::Word],
        tags: &[Tag],
        mentions: &[Mention],
        raw: Vec<RawEvent>,
    ) -> Vec<Event> {
        let SentenceSite {
            article_id,
            sentence_index,
            sentence,
            base,
            article_text,
            date,
            news,
        } = *site;
        // Most sentences give no event: skip copying their words for the context analysis.
        if raw.is_empty() {
            return Vec::new();
        }
        let d = &self.dicts;
        let mut out: Vec<Event> = Vec::new();
        let site_words: Vec<(String, usize, usize)> = words
            .iter()
            .map(|w| (w.key.clone(), w.start, w.end))
            .collect();
        let actor_spans: Vec<context::ActorSpan> = mentions
            .iter()
            .flat_map(|m| {
                m.members.iter().map(|h| context::ActorSpan {
                    words: h.start..h.end,
                    code: h.code.as_str(),
                })
            })
            .collect();
        let hit_range = |m: Option<usize>, k: usize| -> Option<std::ops::Range<usize>> {
            m.and_then(|m| mentions.get(m))
                .and_then(|m| m.members.get(k))
                .map(|h| h.start..h.end)
        };
        let member_at = |range: &std::ops::Range<usize>| -> Option<(usize, usize)> {
            mentions.iter().enumerate().find_map(|(mi, m)| {
                m.members
                    .iter()
                    .position(|h| h.start <= range.start && range.start < h.end.max(h.start + 1))
                    .map(|k| (mi, k))
            })
        };
        for mut r in raw {
            let verb_len = match tags.get(r.verb_word) {
                Some(Tag::Verb { len, .. }) => *len,
                _ => 1,
            };
            let mut ctx = context::analyze(&context::EventSite {
                sentence,
                base,
                words: &site_words,
                verb: r.verb_word..r.verb_word + verb_len,
                source: hit_range(r.source, r.source_member),
                target: hit_range(r.target, r.target_member),
                actors: &actor_spans,
                cameo: &r.code,
                pattern_matched: r.pattern.is_some(),
                published: date,
                article_text,
            });
            if let Some(code) = &ctx.recode {
                r.code = code.clone();
            }
            if let (Some(code), true) = (&ctx.intent, news) {
                r.code = code.clone();
                ctx.modality = Modality::Asserted;
            }
            if let Some((m, k)) = ctx.recode_source.as_ref().and_then(member_at) {
                r.source = Some(m);
                r.source_member = k;
            }
            if let Some((m, k)) = ctx.recode_target.as_ref().and_then(member_at) {
                r.target = Some(m);
                r.target_member = k;
            }
            let actor_ref = |m: Option<usize>, member: usize| -> ActorRef {
                let Some(hit) = m
                    .and_then(|m| mentions.get(m))
                    .and_then(|m| m.members.get(member))
                else {
                    return ActorRef {
                        code: "---".to_string(),
                        ..ActorRef::default()
                    };
                };
                let implied = m.and_then(|m| mentions.get(m)).is_some_and(|m| m.synthetic);
                let start = words.get(hit.start).map(|w| w.start).unwrap_or(base);
                let end = words
                    .get(hit.end.saturating_sub(1))
                    .map(|w| w.end)
                    .unwrap_or(start);
                let text = if implied {
                    String::new()
                } else {
                    sentence
                        .get(start - base..end.max(start) - base)
                        .unwrap_or("")
                        .to_string()
                };
                // A quoted new actor's code is its words, not country and sector parts.
                let parts = if hit.code.starts_with('"') {
                    atalaya_cameo::ActorCodeParts::default()
                } else {
                    atalaya_cameo::split_actor_code(&hit.code)
                };
                let entry = hit.actor.and_then(|a| d.actors.get(a as usize));
                ActorRef {
                    text,
                    code: hit.code.clone(),
                    country: parts.country,
                    sector: parts.sector,
                    entity_id: entry.and_then(|e| e.entity_id.clone()),
                    name: entry.map(|e| e.name.clone()),
                    span: (!implied).then_some(Span { start, end }),
                    implied,
                }
            };
            let source = actor_ref(r.source, r.source_member);
            let mut target = actor_ref(r.target, r.target_member);
            // Force posture ("deployed troops", "mobilized the army"): armed forces or police
            // with no country of its own are the doer's.
            if r.code.starts_with("15") && !self.tabari && !source.code.starts_with("---") {
                let own = source.code.get(..3);
                // Only armed forces and police: "deploy agents against the cartels" keeps them.
                let rest = target
                    .code
                    .strip_prefix("---")
                    .filter(|s| matches!(*s, "MIL" | "COP"));
                let own_forces = own.zip(rest).map(|(c, r)| format!("{c}{r}"));
                if let Some(code) = own_forces.filter(|c| *c != source.code) {
                    target.code = code;
                    target.country = own.map(str::to_string);
                }
            }
            if out.iter().any(|e| {
                e.source.code == source.code && e.target.code == target.code && e.cameo == r.code
            }) {
                continue;
            }
            let verb = d.verbs.get(r.verb as usize);
            let pattern = r.pattern.and_then(|p| d.patterns.get(p));
            let mut entries = Vec::new();
            for (m, k) in [(r.source, r.source_member), (r.target, r.target_member)] {
                if let Some(hit) = m
                    .and_then(|m| mentions.get(m))
                    .and_then(|m| m.members.get(k))
                {
                    if let Some(a) = hit.actor.and_then(|a| d.actors.get(a as usize)) {
                        entries.push(a.origin.to_string());
                    }
                    if let Some(g) = hit.agent.and_then(|g| d.agents.get(g as usize)) {
                        entries.push(g.origin.to_string());
                    }
                }
            }
            let verb_span = words.get(r.verb_word).map(|first| Span {
                start: first.start,
                end: words
                    .get(r.verb_word + verb_len.max(1) - 1)
                    .map_or(first.end, |last| last.end.max(first.start)),
            });
            let matched = Matched {
                verb: verb.map(|v| v.lemma.clone()).unwrap_or_default(),
                verb_span,
                pattern: pattern.map(|p| p.text.clone()),
                origin: pattern
                    .map(|p| p.origin.to_string())
                    .or_else(|| verb.map(|v| v.origin.to_string()))
                    .unwrap_or_default(),
                entries,
            };
            let fields = code_fields(&r.code);
            let (mut modality, mut attribution) = (ctx.modality, ctx.attribution);
            // An alleged act is known through its accuser, whatever the sentence asserts.
            if let Some(accuser) = r.alleged_by {
                if modality == Modality::Asserted {
                    modality = Modality::Reported;
                }
                let by = actor_ref(Some(accuser), 0);
                if !attribution
                    .iter()
                    .any(|a| a.code.as_deref() == Some(by.code.as_str()))
                {
                    attribution.insert(
                        0,
                        Attribution {
                            kind: "speaker".to_string(),
                            text: by.text,
                            code: Some(by.code),
                        },
                    );
                }
            }
            out.push(Event {
                id: format!("{article_id}-{sentence_index}-{}", out.len()),
                article_id: article_id.to_string(),
                sentence_index,
                span: Span {
                    start: base,
                    end: base + sentence.len(),
                },
                sentence: sentence.to_string(),
                source,
                target,
                quad_class: fields.quad_class,
                goldstein: fields.goldstein,
                plover: fields.plover,
                cameo: r.code,
                cameo_root: fields.cameo_root,
                modality,
                attribution,
                date: ctx.date,
                date_precision: ctx.date_precision,
                location: None,
                confidence: ctx.confidence,
                matched,
                cluster_id: None,
            });
        }
        out
    }
}

/// What an event's CAMEO code decides besides itself: its root, and for a code of the CAMEO
/// table its quad class, Goldstein value and PLOVER type (none for a code the table lacks).
pub(crate) struct CodeFields {
    pub cameo_root: String,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    pub plover: Option<crate::record::Plover>,
}

pub(crate) fn code_fields(code: &str) -> CodeFields {
    let cameo_root = atalaya_cameo::root_of(code)
        .map(str::to_string)
        .unwrap_or_else(|| code.get(..2).unwrap_or(code).to_string());
    if atalaya_cameo::lookup(code).is_none() {
        return CodeFields {
            cameo_root,
            quad_class: None,
            goldstein: None,
            plover: None,
        };
    }
    CodeFields {
        cameo_root,
        quad_class: atalaya_cameo::quad_class(code, atalaya_cameo::QuadConvention::Gdelt),
        goldstein: atalaya_cameo::goldstein(code),
        plover: atalaya_cameo::plover(code).map(|p| crate::record::Plover {
            event_type: p.event_type.to_string(),
            mode: p.mode.map(|m| m.to_string()),
        }),
    }
}

/// The actor is its verb's plain subject: nothing but auxiliaries, modals, negation and
/// adverbs stands between them ("Mexico agreed", "we're committed", "China has also
/// warned"). Not a possessor ("Turkey's assault ... is threatening to"), an agent after "by",
/// nor a subject whose verb is further on ("the capabilities the Houthis use to threaten"):
/// an implied target needs a doer that is certain.
fn subject_of_verb(words: &[words::Word], m: &Mention, verb: usize) -> bool {
    // "China responded by sending ships": the gerund's doer is the subject of the
    // reaction it tells how.
    let reaction = verb >= m.end + 2
        && words.get(verb).is_some_and(|w| w.key.ends_with("ing"))
        && words.get(verb - 1).is_some_and(|w| w.key == "by")
        && words.get(verb - 2).is_some_and(|w| {
            matches!(
                w.key.as_str(),
                "responded" | "responds" | "retaliated" | "retaliates" | "reacted" | "reacts"
            )
        });
    let verb = if reaction { verb - 2 } else { verb };
    m.end <= verb
        && words.get(m.end..verb).is_some_and(|between| {
            between.iter().all(|w| {
                w.kind == WordKind::Aux
                    || (w.key.ends_with("ly") && w.key.len() > 4)
                    || matches!(
                        w.key.as_str(),
                        "'re"
                            | "'s"
                            | "'ve"
                            | "'ll"
                            | "'d"
                            | "have"
                            | "has"
                            | "had"
                            | "do"
                            | "does"
                            | "did"
                            | "will"
                            | "would"
                            | "shall"
                            | "should"
                            | "can"
                            | "could"
                            | "may"
                            | "might"
                            | "must"
                            | "not"
                            | "n't"
                            | "never"
                            | "also"
                            | "already"
                            | "still"
                            | "again"
                            | "now"
                            | "then"
                            | "just"
                            | "further"
                            | "once"
                            | "repeatedly"
                    )
            })
        })
}

/// The speaker of the clause that holds the verb at `verb`: "X said (on Friday) (that) there
/// will be no ...", or after a quote, "“There will be no ...,” X said".
fn speaker_of(words: &[words::Word], m: &Mention, verb: usize) -> bool {
    let reporting = |w: &words::Word| crate::context::is_reporting(&w.key);
    if m.end <= verb {
        let Some(between) = words.get(m.end..verb) else {
            return false;
        };
        between.len() <= 4
            && between.iter().any(reporting)
            && between.iter().all(|w| {
                reporting(w)
                    || w.kind == WordKind::Aux
                    || (w.key.ends_with("ly") && w.key.len() > 4)
                    || matches!(w.key.as_str(), "that" | "on" | "today")
                    || atalaya_time::is_weekday_name(&w.key)
            })
    } else {
        m.start > verb
            && words
                .get(m.start - 1)
                .is_some_and(|w| w.kind == WordKind::Comma)
            && words.get(m.end).is_some_and(reporting)
    }
}

/// Acts addressed to another actor, whose addressee an article may leave unsaid once it has
/// named the two sides: statements other than the bare "made a statement" (010), appeals,
/// intentions, consultations, cooperation, aid, concessions, demands, disapproval, rejection,
/// threats, protests, force posture, reduced relations. Not coercion and violence (17–20):
/// their object is named, and an unnamed one is often at home ("police arrested 30 people").
fn addressed_act(code: &str) -> bool {
    code != "010"
        && matches!(
            code.get(..2),
            Some(
                "01" | "02"
                    | "03"
                    | "04"
                    | "05"
                    | "06"
                    | "07"
                    | "08"
                    | "10"
                    | "11"
                    | "12"
                    | "13"
                    | "14"
                    | "15"
                    | "16"
            )
        )
}

#[allow(clippy::too_many_arguments)]
fn push_pairs(
    out: &mut Vec<RawEvent>,
    mentions: &[Mention],
    source: Option<usize>,
    target: Option<usize>,
    code: &str,
    verb: u32,
    pattern: Option<usize>,
    verb_word: usize,
) {
    let ns = source
        .and_then(|s| mentions.get(s))
        .map(|m| m.members.len())
        .unwrap_or(1);
    let nt = target
        .and_then(|t| mentions.get(t))
        .map(|m| m.members.len())
        .unwrap_or(1);
    for i in 0..ns {
        for j in 0..nt {
            let sc = source
                .and_then(|s| mentions.get(s))
                .and_then(|m| m.members.get(i))
                .map(|h| h.code.as_str());
            let tc = target
                .and_then(|t| mentions.get(t))
                .and_then(|m| m.members.get(j))
                .map(|h| h.code.as_str());
            if sc.is_some() && sc == tc {
                continue;
            }
            out.push(RawEvent {
                source,
                source_member: i,
                target,
                target_member: j,
                code: code.to_string(),
                verb,
                pattern,
                verb_word,
                alleged_by: None,
            });
        }
    }
}

/// "accused Y of launching attacks", "accuses Y of continuing to shell": where the act an
/// accusation alleges starts, when the accused `target` is followed by "of" and a verb.
fn alleged_act_at(
    view: &ClauseView,
    tags: &[Tag],
    verb_end: usize,
    target: usize,
) -> Option<usize> {
    let of = (verb_end.max(1)..view.words.len()).find(|&q| view.words[q].key == "of")?;
    if view.mention_at[of - 1].map(|(m, _)| m) != Some(target) {
        return None;
    }
    let mut at = of + 1;
    let key = |q: usize| view.words.get(q).map_or("", |w| w.key.as_str());
    if matches!(
        key(at),
        "continuing" | "trying" | "attempting" | "seeking" | "planning"
    ) && key(at + 1) == "to"
    {
        at += 2;
    }
    let wi = *view.word_index.get(at)?;
    matches!(tags.get(wi), Some(Tag::Verb { .. })).then_some(at)
}

fn clause_view<'a>(
    words: &'a [words::Word],
    mentions: &[Mention],
    dropped: &[bool],
    cs: usize,
    ce: usize,
) -> ClauseView<'a> {
    // Sized for the whole clause up front: growing these vectors word by word re-allocated them.
    let clause_len = ce.saturating_sub(cs);
    let mut view = ClauseView {
        words: Vec::with_capacity(clause_len),
        word_index: Vec::with_capacity(clause_len),
        mention_at: Vec::new(),
    };
    for (i, w) in words.iter().enumerate().take(ce).skip(cs) {
        if dropped[i] {
            continue;
        }
        view.words.push(w);
        view.word_index.push(i);
    }
    view.mention_at = vec![None; view.words.len()];
    for (mi, m) in mentions.iter().enumerate() {
        if m.start < cs || m.end > ce {
            continue;
        }
        let Some(p) = view.word_index.iter().position(|&w| w == m.start) else {
            continue;
        };
        let end = view
            .word_index
            .iter()
            .position(|&w| w >= m.end)
            .unwrap_or(view.words.len());
        view.mention_at[p] = Some((mi, end));
    }
    view
}

/// Does the upper verb ending at clause position `upper_end` govern the verb at `pos`? Its
/// complement follows closely ("will help", "will not help", "began shelling") or comes as an
/// infinitive ("urged Bree on Monday to assist"). A "that" clause is not combined: "noted that
/// X regretted ..." is X's own event (measured on the PETRARCH-2 suites: +3 records).
fn governed(view: &ClauseView, upper_end: usize, pos: usize) -> bool {
    if pos < upper_end + 3 {
        return true;
    }
    let between = &view.words[upper_end..pos];
    between.iter().any(|w| w.key == "to")
}

/// A clause whose words before its first verb are only a conjunction, auxiliaries, modals and
/// adverbs ("..., but will retaliate"): its subject is the previous clause's.
fn subjectless(view: &ClauseView, tags: &[Tag], words: &[words::Word]) -> bool {
    let first_verb = (0..view.words.len())
        .find(|&p| matches!(tags.get(view.word_index[p]), Some(Tag::Verb { .. })));
    let Some(first_verb) = first_verb else {
        return false;
    };
    // The clause split may leave its conjunction out of the clause or in it.
    let start = view.word_index[0];
    let conj_before = start > 0 && words[start - 1].kind == WordKind::Conj;
    let from = usize::from(view.words[0].kind == WordKind::Conj);
    (conj_before || from == 1)
        && first_verb > 0
        && view.words[from..first_verb].iter().all(|w| {
            matches!(
                w.key.as_str(),
                "will"
                    | "would"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "has"
                    | "have"
                    | "had"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "also"
                    | "then"
                    | "never"
                    | "not"
                    | "n't"
                    | "did"
                    | "does"
                    | "do"
                    | "later"
                    | "further"
                    | "to"
                    | "be"
                    | "been"
                    | "already"
                    | "still"
                    | "again"
                    | "fail"
            )
        })
}

/// The subject of a clause: its first actor after its last reporting verb ("X said Y acted
/// ...": Y), else its first actor.
fn subject_of(view: &ClauseView) -> Option<usize> {
    let from = (0..view.words.len())
        .rev()
        .find(|&q| context::is_reporting(&view.words[q].key))
        .map_or(0, |q| q + 1);
    let first = |from: usize| {
        view.mention_at[from..]
            .iter()
            .find_map(|slot| slot.map(|(m, _)| m))
    };
    first(from).or_else(|| first(0))
}

/// Words that open a subordinate clause with a subject of its own.
fn is_subordinator(key: &str) -> bool {
    matches!(
        key,
        "after"
            | "if"
            | "that"
            | "before"
            | "when"
            | "while"
            | "because"
            | "since"
            | "although"
            | "though"
            | "unless"
            | "until"
            | "whereas"
            | "once"
    )
}

/// The actor of a trailing ", X said" (", the army said", ", he told reporters"): a mention
/// right after a comma (and an article) and right before a speech verb. The verbs are the
/// speaking subset of `context`'s reporting verbs: ", the AFP reported" names an outlet, not
/// a doer.
fn trailing_speaker(words: &[words::Word], mentions: &[Mention]) -> Option<usize> {
    mentions.iter().position(|m| {
        if m.synthetic || m.start == 0 {
            return false;
        }
        let speech = words.get(m.end).is_some_and(|w| {
            matches!(
                w.key.as_str(),
                "said" | "says" | "told" | "added" | "stated" | "declared" | "insisted"
            )
        });
        // Up to three words (an article, modifiers) between the comma and the speaker: ", a
        // senior Bree official said".
        let after_comma = (1..=4).any(|back| {
            let Some(comma) = m.start.checked_sub(back) else {
                return false;
            };
            words.get(comma).is_some_and(|w| w.kind == WordKind::Comma)
                && words[comma + 1..m.start]
                    .iter()
                    .all(|w| matches!(w.kind, WordKind::Det | WordKind::Plain))
        });
        speech && after_comma
    })
}

/// Is the verb at clause position `pos` negated ("not", "n't", "never" among the few words
/// before it, after the previous verb)?
fn negated_at(view: &ClauseView, pos: usize, window_start: usize) -> bool {
    let from = window_start.max(pos.saturating_sub(5));
    let Some(negator) =
        (from..pos).rfind(|&q| matches!(view.words[q].key.as_str(), "not" | "n't" | "never"))
    else {
        return false;
    };
    // "won't try to clash" negates the trying, not the clash; "not to clash" negates it.
    !(negator + 2..pos).any(|q| view.words[q].key == "to")
}

/// Words that may stand between a passive participle and its "by" in news: adverbs and the
/// time words of a date ("designated earlier this month by", "sanctioned on Monday by"),
/// never an object ("rejected a proposal by Trump" is active).
fn passive_filler(key: &str) -> bool {
    (key.ends_with("ly") && key.len() > 4)
        || matches!(
            key,
            "earlier"
                | "later"
                | "this"
                | "last"
                | "week"
                | "month"
                | "year"
                | "today"
                | "yesterday"
                | "on"
        )
        || atalaya_time::is_weekday_name(key)
}

/// A past participle after an auxiliary makes a passive: regular "-ed"/"-en" forms and the
/// irregular ones news verbs use.
fn is_participle(key: &str) -> bool {
    key.ends_with("ed")
        || key.ends_with("en")
        || matches!(
            key,
            "shot"
                | "hit"
                | "struck"
                | "held"
                | "built"
                | "sent"
                | "caught"
                | "fought"
                | "sought"
                | "brought"
                | "bought"
                | "thrown"
                | "shown"
                | "known"
                | "drawn"
                | "met"
                | "cut"
                | "put"
                | "set"
                | "led"
                | "told"
                | "sold"
                | "hurt"
                | "kept"
                | "left"
                | "lost"
                | "paid"
                | "said"
                | "won"
                | "slain"
        )
}

/// TABARI's discard `###` and complex `+++` codes: the sentence is not coded.
fn is_halt_code(code: &str) -> bool {
    code.starts_with("###") || code.starts_with("+++")
}

/// Nouns that make a country word before them the name of a place in it ("the Russian city of
/// Sochi"). Not "soil", "territory", "airspace", "border": "strikes on Mexican soil" are
/// against Mexico (NEWS-CONVENTIONS §2).
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "region",
    "province",
    "port",
    "capital",
    "coast",
    "island",
    "islands",
    "enclave",
    "oblast",
    "governorate",
    "district",
    "mainland",
];

/// Is `m` (a country with no agent) followed, within three words and past a possessive, by a
/// place noun? Only names and adjectives may stand between ("Russia's western Belgorod region").
fn names_a_place(words: &[words::Word], m: &Mention) -> bool {
    if m.members
        .iter()
        .any(|h| h.agent.is_some() || h.code.len() != 3)
    {
        return false;
    }
    words
        .iter()
        .skip(m.end)
        .take(4)
        .take_while(|w| matches!(w.kind, WordKind::Plain | WordKind::Possessive))
        // "Mexico City", "Kuwait City" are names (the capital), written with a capital.
        .any(|w| PLACE_NOUNS.contains(&w.key.as_str()) && !w.capitalized)
}

/// "At President Biden's direction, U.S. forces struck ...", "on President Trump's orders",
/// "at the request of Mexico": who ordered or asked is not the doer the clause names.
fn gives_the_order(words: &[words::Word], m: &Mention) -> bool {
    let key = |i: usize| words.get(i).map(|w| w.key.as_str()).unwrap_or("");
    let order = |k: &str| {
        matches!(
            k,
            "direction" | "orders" | "order" | "request" | "behest" | "instructions" | "invitation"
        )
    };
    let lead = |k: &str| matches!(k, "at" | "on" | "upon");
    let possessive = m.start > 0
        && lead(key(m.start - 1))
        && words
            .get(m.end)
            .is_some_and(|w| w.kind == WordKind::Possessive)
        && order(key(m.end + 1));
    let of_form = m.start >= 4
        && key(m.start - 1) == "of"
        && order(key(m.start - 2))
        && key(m.start - 3) == "the"
        && lead(key(m.start - 4));
    possessive || of_form
}

/// Codes a compound's members do together: meetings, agreements and cooperation (03–06), and
/// the symmetric codes.
fn mutual_code(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06"))
        // A ceasefire or pulling back forces (087x) is done by both sides together.
        || code.starts_with("087")
        || atalaya_cameo::is_symmetric(code)
}

/// "each other", "one another": the clause's act goes both ways between a compound's members;
/// so does fire exchanged or traded, and a clash ("India and Pakistan exchanged fire").
fn reciprocal(view: &ClauseView) -> bool {
    view.words.windows(2).any(|w| {
        matches!(
            (w[0].key.as_str(), w[1].key.as_str()),
            ("each", "other")
                | ("one", "another")
                | (
                    "exchanged" | "exchange" | "exchanging" | "traded" | "trade" | "trading",
                    "fire" | "gunfire" | "shots" | "artillery" | "blows"
                )
        )
    }) || view.words.iter().any(|w| {
        matches!(
            w.key.as_str(),
            "clashed" | "clash" | "clashes" | "clashing" | "skirmished"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::test_support::{engine, t, Triple};
    use super::Engine;

    fn triples(engine: &Engine, text: &str) -> Vec<Triple> {
        // One-sided events kept, as the default dictionaries' options do.
        let mut opts = engine.default_options();
        opts.require_dyad = false;
        super::test_support::triples(engine, text, None, &opts)
    }

    /// Under the news conventions (`country_sector GOV`), both actors required.
    fn news_triples(engine: &Engine, text: &str) -> Vec<Triple> {
        let mut opts = engine.default_options();
        opts.country_sector = Some("GOV".into());
        super::test_support::triples(engine, text, None, &opts)
    }

    const ARDA: &str = "@entity ARN Arnor\n  code ARN\n\n@entity GON Gondor\n  code GON\n\n\
        @entity ARN.aranor Aranor\n  code ARNGOV\n";

    #[test]
    fn force_posture_takes_the_doers_own_forces() {
        let e = engine(
            ARDA,
            "@agent MIL troops\n  alias army\n\n@agent UAF gunmen\n",
            "@verb DEPLOY\n  forms deploy deployed\n  code 150\n\n\
             @verb ATTACK\n  forms attack attacked\n  code 190\n",
        );
        assert_eq!(
            triples(&e, "Arnor deployed troops to the border."),
            vec![t("ARN", "ARNMIL", "150")]
        );
        // Not for other sectors, nor for other codes: the troops someone attacks are not its own.
        assert_eq!(
            triples(&e, "Arnor deployed gunmen to the border."),
            vec![t("ARN", "---UAF", "150")]
        );
        assert_eq!(
            triples(&e, "Arnor attacked troops near the border."),
            vec![t("ARN", "---MIL", "190")]
        );
    }

    #[test]
    fn trailing_speaker_is_the_doer_of_an_event_without_one() {
        let e = engine(
            ARDA,
            "",
            "@verb ATTACK\n  forms attack attacked\n  code 190\n",
        );
        assert_eq!(
            triples(&e, "Nobody will attack Gondor soon, Aranor said."),
            vec![t("ARNGOV", "GON", "190")]
        );
        // A passive subject's doer is unknown: not the speaker.
        assert_eq!(
            triples(&e, "Gondor was attacked on Monday, Aranor said."),
            vec![t("---", "GON", "190")]
        );
        // An article and modifiers may stand between the comma and the speaker.
        let e = engine(
            ARDA,
            "@agent GOV official\n",
            "@verb ATTACK\n  forms attack attacked\n  code 190\n",
        );
        assert_eq!(
            triples(
                &e,
                "Nobody will attack Gondor soon, a senior Arnor official said."
            ),
            vec![t("ARNGOV", "GON", "190")]
        );
        // Nor is the speaker the target of its quote: a compound meets itself.
        let e = engine(ARDA, "", "@verb MEET\n  forms meet meets met\n  code 040\n");
        assert_eq!(
            triples(&e, "Arnor and Gondor will meet next week, Aranor said."),
            vec![t("ARN", "GON", "040"), t("GON", "ARN", "040")]
        );
    }

    /// News: whoever reports an act is not its doer when the act's own subject is no actor.
    #[test]
    fn reporter_is_not_the_doer_of_reported_content() {
        let e = engine(
            ARDA,
            "",
            "@verb SAY\n  forms say says said\n\n\
             @verb KILL\n  forms kill killed\n  code 190\n",
        );
        let mut opts = e.default_options();
        opts.require_dyad = false;
        opts.country_sector = Some("GOV".into());
        let code = |text: &str| super::test_support::triples(&e, text, None, &opts);
        assert_eq!(
            code("Aranor says the night raids have killed Gondor soldiers."),
            Vec::<super::test_support::Triple>::new()
        );
        // Without a reporting verb the first actor before the verb stays the doer.
        assert_eq!(
            code("Aranor and the night raids have killed Gondor soldiers."),
            vec![t("ARNGOV", "GON", "190")]
        );
    }

    /// News: a title before a person who has a role of his own keeps the role's code.
    #[test]
    fn title_keeps_the_persons_own_sector_in_news() {
        let actors = format!("{ARDA}\n@entity ARN.borin Borin\n  code ARNMIL\n");
        let e = engine(
            &actors,
            "@agent GOV secretary\n",
            "@verb CRITICIZE\n  forms criticize criticized\n  code 111\n",
        );
        let code = |text: &str| news_triples(&e, text);
        assert_eq!(
            code("Secretary Borin criticized Gondor."),
            vec![t("ARNMIL", "GON", "111")]
        );
        // Outside news conventions the agent's code is added, as TABARI does.
        assert_eq!(
            triples(&e, "Secretary Borin criticized Gondor."),
            vec![t("ARNMILGOV", "GON", "111")]
        );
    }

    /// News: "it" in reported content is the content's subject, not the one reporting it.
    #[test]
    fn it_in_reported_content_is_the_contents_subject() {
        let actors = format!("{ARDA}\n@entity ROH Rohan\n  code ROH\n");
        let e = engine(
            &actors,
            "",
            "@verb SAY\n  forms say says said\n\n\
             @verb ATTACK\n  forms attack attacked\n  code 190\n",
        );
        let code = |text: &str| news_triples(&e, text);
        assert_eq!(
            code("Aranor said that Gondor was wrong when it attacked Rohan."),
            vec![t("GON", "ROH", "190")]
        );
        // With no actor in the content, "it" is the sentence's subject.
        assert_eq!(
            code("Arnor said it attacked Rohan."),
            vec![t("ARN", "ROH", "190")]
        );
    }

    /// News: a clause with no subject of its own ("..., but will attack Y") takes the previous
    /// clause's, even when that clause coded nothing; the doer's own government is not its target.
    #[test]
    fn subjectless_clause_takes_the_previous_subject() {
        let actors = format!(
            "{ARDA}\n@entity ROH Rohan\n  code ROH\n\n@entity ROH.theo Theo\n  code ROHGOV\n"
        );
        let e = engine(
            &actors,
            "",
            "@verb SAY\n  forms say says said\n\n\
             @verb ATTACK\n  forms attack attacked\n  code 190\n",
        );
        let code = |text: &str| news_triples(&e, text);
        assert_eq!(
            code("Aranor said Rohan wants no war, but will attack Gondor if needed."),
            vec![t("ROH", "GON", "190")]
        );
        assert_eq!(
            code("Rohan wants no war and will attack what Theo called Gondor threats."),
            vec![t("ROH", "GON", "190")]
        );
    }

    /// News: both sides of a compound agree to a truce together (087x is a joint act).
    #[test]
    fn a_compounds_truce_is_mutual() {
        let e = engine(
            ARDA,
            "",
            "@verb AGREE\n  forms agree agreed\n  pattern * to_a_truce -> 0871\n",
        );
        let code = |text: &str| news_triples(&e, text);
        assert_eq!(
            code("Arnor and Gondor agreed to a truce."),
            vec![t("ARN", "GON", "0871"), t("GON", "ARN", "0871")]
        );
    }

    /// News: "X sanctioned by Y" with no auxiliary is a passive too.
    #[test]
    fn reduced_relative_passive_in_news() {
        let actors = format!("{ARDA}\n@entity ROH Rohan\n  code ROH\n");
        let e = engine(
            &actors,
            "",
            "@verb SANCTION\n  forms sanction sanctioned\n  code 163\n",
        );
        let code = |text: &str| news_triples(&e, text);
        assert_eq!(
            code("Rohan praised the Gondor firms sanctioned by Aranor."),
            vec![t("ARNGOV", "GON", "163")]
        );
    }

    /// "The regime" in a later sentence is the government named before.
    #[test]
    fn the_regime_is_carried_over() {
        let actors = format!("{ARDA}\n@entity ROH Rohan\n  code ROH\n");
        let e = engine(
            &actors,
            "@agent GOV government\n  alias regime\n",
            "@verb CRITICIZE\n  forms criticize criticized\n  code 111\n\n\
             @verb ARREST\n  forms arrest arrested\n  code 173\n",
        );
        assert_eq!(
            triples(
                &e,
                "Gondor criticized Aranor.\n\nThe regime arrested Rohan envoys."
            ),
            vec![t("ARNGOV", "ROH", "173"), t("GON", "ARNGOV", "111")]
        );
    }

    /// "A as well as B" is a compound, as "A and B" is.
    #[test]
    fn as_well_as_joins_a_compound() {
        let actors = format!("{ARDA}\n@entity ROH Rohan\n  code ROH\n");
        let e = engine(
            &actors,
            "",
            "@verb CONDEMN\n  forms condemn condemned\n  code 111\n",
        );
        assert_eq!(
            triples(&e, "Aranor condemned Gondor as well as Rohan on Monday."),
            vec![t("ARNGOV", "GON", "111"), t("ARNGOV", "ROH", "111")]
        );
    }

    /// With a beginning comma rule (PETRARCH's `comma_bmin`/`comma_bmax`), what comes before the
    /// first comma is dropped as a lead-in, unless it holds an actor and then a verb.
    #[test]
    fn first_comma_stretch_with_subject_and_verb_is_kept() {
        let e = engine(
            ARDA,
            "",
            "@verb RESTORE\n  forms restore restored\n  code 050\n",
        );
        let mut opts = e.default_options();
        opts.require_dyad = false;
        opts.comma.bmin = 3;
        opts.comma.bmax = 6;
        let code = |text: &str| super::test_support::triples(&e, text, None, &opts);
        assert_eq!(
            code("Arnor will soon restore complete, full diplomatic ties with Gondor."),
            vec![t("ARN", "GON", "050")]
        );
        // A lead-in of the same length is still dropped: Arnor is not the doer.
        assert_eq!(
            code("As seen in Arnor lately, crowds restored order near Gondor."),
            vec![t("---", "GON", "050")]
        );
    }

    /// "US" read as "U.S." when the dictionaries name the country "U.S." and not "us".
    #[test]
    fn capitalised_us_is_the_country_in_mixed_case_text() {
        let engine = engine(
            "@entity USA United States\n  alias U.S.\n  code USA\n\n@entity MEX Mexico\n  code MEX\n",
            "",
            "@verb CRITICIZE\n  forms criticize criticized\n  code 111\n",
        );
        let code = |text: &str| -> Vec<(String, String)> {
            super::test_support::triples(&engine, text, None, &engine.default_options())
                .into_iter()
                .map(|(s, t, _)| (s, t))
                .collect()
        };
        assert_eq!(
            code("Mexico criticized the US decision."),
            vec![("MEX".to_string(), "USA".to_string())]
        );
        // The pronoun stays a pronoun, and an all-caps headline is not trusted.
        assert!(code("Mexico criticized us.")
            .iter()
            .all(|(_, t)| t != "USA"));
        assert!(code("MEXICO CRITICIZED US.")
            .iter()
            .all(|(_, t)| t != "USA"));
    }
}
