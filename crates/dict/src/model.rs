//! The in-memory dictionary model that every loader fills and the coder reads.
//!
//! One model for all formats: the PETRARCH-2 loader (2.0 and PETRARCH-1 pattern syntax), the TABARI
//! loader and atalaya's own format all produce a [`Dictionaries`]. Phrases are stored as sequences
//! of folded match keys (see `atalaya_text::fold_key`), so matching never re-folds dictionary text.
//!
//! Every entry keeps its [`Origin`] (file and line) so that events can say which entry fired and
//! `dict check` can point at the line to fix.

use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// Where an entry came from: file and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One word of a dictionary phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhraseWord {
    /// Folded match key (`atalaya_text::fold_key` of the dictionary word).
    pub key: String,
    /// True when the word matches any token that *starts with* `key` (TABARI/PETRARCH stem
    /// matching of words written without a closing underscore, e.g. `ARGENTIN`).
    pub stem: bool,
    /// True when this word must directly follow the previous one (underscore connector);
    /// false when other words may come between (space connector in TABARI verb patterns).
    /// Always true for the first word.
    pub adjacent: bool,
    /// TABARI `WORD=`: matches only as written, never with the regular endings (S, ES, ED,
    /// EN, ING, 'S) TABARI otherwise accepts on the last word of an exact phrase. False in
    /// every other format.
    pub no_endings: bool,
}

/// A multi-word phrase as written in a dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phrase {
    pub words: Vec<PhraseWord>,
}

/// An actor code valid in a date range (both ends inclusive; `None` = open). The code is kept
/// as written (uppercased): `---` means "known actor, no code"; PETRARCH compound codes such as
/// `FRO/BIL/SAM` are kept whole (the coder splits them on `/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl DatedCode {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// A named actor: a country, organisation or person, with every way of writing it.
#[derive(Debug, Clone, Serialize)]
pub struct ActorEntry {
    /// Stable entity id when the dictionary gives one (atalaya's own format), else `None`.
    pub entity_id: Option<String>,
    /// Display name: the first phrase as written.
    pub name: String,
    /// Every phrase (main name and synonyms) that names this actor.
    pub phrases: Vec<Phrase>,
    /// Codes, possibly date-bounded. When several cover a date, the first listed wins; a code
    /// with no dates is the fallback.
    pub codes: Vec<DatedCode>,
    pub origin: Origin,
}

/// Whether an agent code goes after or before the actor's code (`[~GOV]` vs `[GOV~]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AgentPlacement {
    /// `~GOV`: appended after the country/actor code (`MEX` + `GOV` = `MEXGOV`).
    Suffix,
    /// `GOV~`: placed before the actor code.
    Prefix,
}

/// A generic sector noun ("police", "foreign minister", "rebels").
#[derive(Debug, Clone, Serialize)]
pub struct AgentEntry {
    pub name: String,
    /// Singular, plural and other written forms.
    pub phrases: Vec<Phrase>,
    /// Agent code without the tilde, e.g. `GOV`, `GOVFRM`, `MIL`.
    pub code: String,
    pub placement: AgentPlacement,
    pub origin: Origin,
}

/// The event code a pattern or verb assigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CodeSpec {
    /// A single event code, kept as written (`"064"`, `"0332"`, `"075A"`).
    Code(String),
    /// Paired events `[a:b]`: `a` from source to target and `b` from target to source.
    /// Either half may be empty (PETRARCH writes `[:173]`): no event in that direction.
    Paired(String, String),
    /// `[---]`: matched, but produces no event (blocks less specific patterns).
    Null,
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PatternElem {
    /// A literal word.
    Word(PhraseWord),
    /// A synonym set reference `&NAME`, index into [`Dictionaries::synsets`]. `adjacent` as for
    /// words.
    Synset {
        index: usize,
        adjacent: bool,
    },
    /// `$`: the source actor goes here.
    Source {
        adjacent: bool,
    },
    /// `+`: the target actor goes here.
    Target {
        adjacent: bool,
    },
    /// `%`: a compound actor that is both source and target.
    Compound {
        adjacent: bool,
    },
    /// `^`: skip exactly one word (TABARI) / one noun phrase (PETRARCH).
    Skip {
        adjacent: bool,
    },
    /// PETRARCH 2.0 grouping: `(` prepositional phrase, `{` noun phrase; `Close` ends the group.
    Open(Group),
    Close(Group),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Group {
    /// `( ... )` prepositional phrase.
    Prepositional,
    /// `{ ... }` noun phrase.
    Noun,
}

/// A verb pattern: words before the verb, the verb itself, words after.
#[derive(Debug, Clone, Serialize)]
pub struct Pattern {
    /// Index of the verb entry in [`Dictionaries::verbs`].
    pub verb: usize,
    /// Elements before the verb, in text order.
    pub before: Vec<PatternElem>,
    /// Elements after the verb, in text order. The first element's `adjacent` says whether it
    /// must directly follow the verb (`*_WORD`).
    pub after: Vec<PatternElem>,
    /// True when the verb must directly follow the last `before` element (`WORD_*`).
    pub verb_adjacent: bool,
    /// PETRARCH-2 pattern syntax (a file whose patterns use `( )`/`{ }` groups), written
    /// against a parse tree rather than a word string. So a bare word before the verb names
    /// the head of a noun phrase and never matches a modal, an auxiliary, a determiner or an
    /// adverb ("- WILL *" does not fire on "will be hosting"); words match lemmas (`EFFORT`
    /// is also "efforts"); and the words after the verb are the verb's own, not those of a
    /// "that" clause it governs. PETRARCH-1 and TABARI patterns are word strings.
    pub phrase_structured: bool,
    pub code: CodeSpec,
    /// The pattern line as written (trimmed, comment removed): reported in `matched`.
    pub text: String,
    pub origin: Origin,
}

/// A verb and its forms ("attack", "attacks", "attacked", "attacking"), possibly multi-word
/// ("step up", "rule out"), with the default code used when no pattern matches.
#[derive(Debug, Clone, Serialize)]
pub struct VerbEntry {
    /// Lemma / block head as written (e.g. `ATTACK`).
    pub lemma: String,
    /// All surface forms, each a phrase (most are one word).
    pub forms: Vec<Phrase>,
    /// Code when the verb matches with no pattern; `None` or `Some(CodeSpec::Null)` = no default.
    pub code: Option<CodeSpec>,
    /// Indices into [`Dictionaries::patterns`], most specific first as written.
    pub patterns: Vec<usize>,
    pub origin: Origin,
}

/// A named synonym set `&NAME` with its member phrases (nested sets already expanded).
#[derive(Debug, Clone, Serialize)]
pub struct Synset {
    /// Name without the `&`, uppercase as written.
    pub name: String,
    pub members: Vec<Phrase>,
    pub origin: Origin,
}

/// A phrase that discards the sentence (or the whole story, when `story_level`).
#[derive(Debug, Clone, Serialize)]
pub struct Discard {
    pub phrase: Phrase,
    pub story_level: bool,
    pub origin: Origin,
}

/// TABARI `<TIME>` entries: a phrase that shifts the event date by days (`[-7]`).
#[derive(Debug, Clone, Serialize)]
pub struct TimeShift {
    pub phrase: Phrase,
    /// Days to shift; `None` when the entry is a non-numeric marker (`[###]`, `[+++]`).
    pub days: Option<i32>,
    pub raw: String,
    pub origin: Origin,
}

/// An issue (topic) keyword: phrase → issue code.
#[derive(Debug, Clone, Serialize)]
pub struct IssueEntry {
    pub phrase: Phrase,
    pub code: String,
    pub origin: Origin,
}

/// Coder options that dictionaries and suites can set. Defaults follow PETRARCH-2.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoderOptions {
    /// Only emit events with both a source and a target.
    pub require_dyad: bool,
    /// PETRARCH `new_actor_length`: 0 = never code unknown noun phrases as actors.
    pub new_actor_length: u32,
    /// PETRARCH comma options (`comma_min`, `comma_max`, `comma_bmin`, ...): clause-skipping
    /// bounds in words; `None` = not set.
    pub comma_min: Option<u32>,
    pub comma_max: Option<u32>,
    pub comma_bmin: Option<u32>,
    pub comma_bmax: Option<u32>,
    pub comma_emin: Option<u32>,
    pub comma_emax: Option<u32>,
    /// Leave out page furniture (headings, doubled captions, repeats) in multi-paragraph texts.
    pub skip_furniture: bool,
    /// News conventions: a bare country acting is its government (`MEX` → `MEX` + this
    /// sector); see the engine's `news` module. `None` keeps the coded actors as they are.
    pub country_sector: Option<String>,
    /// Raw option lines not otherwise understood (TABARI `COMPLEX:`, `SET:`...), kept for the
    /// coder and for reporting.
    pub raw: Vec<(String, String)>,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            require_dyad: true,
            new_actor_length: 0,
            comma_min: None,
            comma_max: None,
            comma_bmin: None,
            comma_bmax: None,
            comma_emin: None,
            comma_emax: None,
            skip_furniture: true,
            country_sector: None,
            raw: Vec::new(),
        }
    }
}

/// An actor slot in a PETRARCH-2 verb transformation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TransformActor {
    /// A variable (`a`, `b`): the same letter must be the same actor everywhere in the rule.
    Var(String),
    /// `.`: some actor, not specified.
    Unspecified,
    /// `_`: no actor present.
    Absent,
}

/// A verb slot in a PETRARCH-2 verb transformation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TransformVerb {
    /// A verb as written (`ATTACK`, `WILL_ATTACK`); PETRARCH compares verbs by their code, so
    /// `verb` is the index in [`Dictionaries::verbs`] of the entry with that form, when found.
    Verb { name: String, verb: Option<usize> },
    /// `Q`: any verb.
    Any,
}

/// The code a transformation produces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TransformCode {
    Code(CodeSpec),
    /// `Q`: keep the inner verb's code.
    Inner,
}

/// A PETRARCH-2 verb transformation (`~ a (a b ATTACK) SAY = a b 015`): when verb `outer_verb`
/// with source `outer_source` governs a clause (`inner_source` `inner_target` `inner_verb`),
/// code one event `result_source` → `result_target` with `result_code` instead.
#[derive(Debug, Clone, Serialize)]
pub struct Transformation {
    pub outer_source: TransformActor,
    pub inner_source: TransformActor,
    pub inner_target: TransformActor,
    pub inner_verb: TransformVerb,
    pub outer_verb: TransformVerb,
    pub result_source: TransformActor,
    pub result_target: TransformActor,
    pub result_code: TransformCode,
    /// The line as written (comment removed).
    pub text: String,
    pub origin: Origin,
}

/// One line of PETRARCH's internal coding ontology (PICO): a CAMEO code and its internal
/// value. PETRARCH-2 combines verb codes by adding these values ("will" 0x3000 + "help" 0x0040
/// = 0x3040 = CAMEO 033) and negates cooperation by subtracting 0xFFFF (`12x` codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeOntologyEntry {
    /// CAMEO code as written (`"033"`, `"1211"`, `"---"`).
    pub cameo: String,
    /// The evaluated value (`-0xFFFF+0x0070` = -65423).
    pub value: i64,
    /// The expression as written.
    pub expr: String,
    pub origin: Origin,
}

/// Which format a dictionary set was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DictFormat {
    Petrarch2,
    Tabari,
    Atalaya,
}

/// Everything the coder needs, from any format.
#[derive(Debug, Clone, Serialize)]
pub struct Dictionaries {
    pub format: DictFormat,
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub verbs: Vec<VerbEntry>,
    pub patterns: Vec<Pattern>,
    pub synsets: Vec<Synset>,
    pub discards: Vec<Discard>,
    pub issues: Vec<IssueEntry>,
    pub time_shifts: Vec<TimeShift>,
    /// TABARI `<NOUN>` list: words that are nouns (used to tell verbs from nouns).
    pub nouns: Vec<Phrase>,
    /// TABARI `<ADJECTIVE>` list.
    pub adjectives: Vec<Phrase>,
    /// PETRARCH-2 verb transformations (empty for other formats).
    pub transformations: Vec<Transformation>,
    /// PETRARCH internal coding ontology, when a file gives it (empty otherwise).
    pub code_ontology: Vec<CodeOntologyEntry>,
    pub options: CoderOptions,
}

impl Dictionaries {
    pub fn empty(format: DictFormat) -> Self {
        Dictionaries {
            format,
            actors: Vec::new(),
            agents: Vec::new(),
            verbs: Vec::new(),
            patterns: Vec::new(),
            synsets: Vec::new(),
            discards: Vec::new(),
            issues: Vec::new(),
            time_shifts: Vec::new(),
            nouns: Vec::new(),
            adjectives: Vec::new(),
            transformations: Vec::new(),
            code_ontology: Vec::new(),
            options: CoderOptions::default(),
        }
    }
}
