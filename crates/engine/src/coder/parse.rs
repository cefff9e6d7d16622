//! Shallow parse of one sentence: which words are actors, agents, verbs, nouns; which actor
//! mentions form compounds; which comma-delimited stretches are dropped; where clauses split.
//!
//! This is the TABARI approach (dictionary tagging plus a few robust rules of English news
//! syntax) with offsets kept throughout, so every event can point at its words.

use super::lexicon::{LexKind, LexMatch, Lexicon};
use super::words::{Pronoun, Word, WordKind};
use atalaya_dict::{AgentPlacement, Dictionaries};
use chrono::NaiveDate;

/// What a word was tagged as. Multi-word phrases are tagged on their first word with the length;
/// the following words are `Inside`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Other,
    Inside,
    Actor { actor: u32, len: usize },
    Agent { agent: u32, len: usize },
    Verb { verb: u32, len: usize },
    Noun { len: usize },
    Adjective { len: usize },
    TimeShift { shift: u32, len: usize },
}

/// One coded actor inside a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorHit {
    pub code: String,
    /// The actor's own code before any agent was added (`---` for a lone agent).
    pub base: String,
    /// True when the agent came before the actor with a preposition ("ambassadors of X"): it
    /// then applies to every member of a compound that follows.
    pub agent_of: bool,
    pub actor: Option<u32>,
    pub agent: Option<u32>,
    /// Word range of the words that named it.
    pub start: usize,
    pub end: usize,
}

/// A noun phrase naming one actor, or several joined by `and` / commas (a compound).
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub members: Vec<ActorHit>,
    pub pronoun: bool,
    /// A TABARI DEFAULT actor: no words, never in a clause, used only by the default rules.
    pub synthetic: bool,
}

impl Mention {
    /// A mention with no words for a default code, placed after the sentence's last word.
    pub fn synthetic(code: &str, at: usize) -> Mention {
        let hit = ActorHit {
            code: code.to_string(),
            base: code.to_string(),
            agent_of: false,
            actor: None,
            agent: None,
            start: at,
            end: at,
        };
        Mention {
            start: at,
            end: at,
            members: vec![hit],
            pronoun: false,
            synthetic: true,
        }
    }

    pub fn is_compound(&self) -> bool {
        self.members.len() > 1
    }
    /// The code used for "distinct from" comparisons.
    pub fn main_code(&self) -> &str {
        self.members.first().map(|m| m.code.as_str()).unwrap_or("")
    }
}

/// Comma-clause bounds in words (inclusive); a `max` of 0 turns that rule off.
#[derive(Debug, Clone, Copy)]
pub struct CommaRules {
    pub min: u32,
    pub max: u32,
    pub bmin: u32,
    pub bmax: u32,
    pub emin: u32,
    pub emax: u32,
    /// Keep what looks like the main clause: the words after a sentence's only comma when they
    /// are at least as many as before it ("On Monday, Mexico attacked Cuba" is a lead-in and
    /// its main clause, not a clause and its attribution), and the words before the first comma
    /// when they hold an actor and then a verb ("Arnor is about to restore complete, full
    /// ties": the comma joins two adjectives, not a lead-in to the sentence).
    pub keep_main_clause: bool,
}

/// `all_caps`: the sentence has no lowercase letter (old wire copy), so capitals say nothing.
pub fn tag_words(
    lex: &Lexicon,
    keys: &[&str],
    words: &[Word],
    all_caps: bool,
    tabari_rules: bool,
) -> (Vec<Tag>, Option<u32>) {
    let n = words.len();
    let mut tags = vec![Tag::Other; n];
    let mut discard = None;
    let mut found: Vec<LexMatch> = Vec::new();
    let mut i = 0;
    while i < n {
        found.clear();
        lex.matches_at(keys, i, &mut found);
        let mut best: Option<(usize, u8, Tag)> = None;
        for m in &found {
            let (prio, tag) = match m.kind {
                // A one-word name written in lower case in mixed-case text is a common word
                // that happens to spell it: "who" is not the WHO, "us" not the US.
                LexKind::Actor(_)
                    if m.len == 1
                        && !all_caps
                        && !tabari_rules
                        && words.get(i).is_some_and(|w| !w.capitalized) =>
                {
                    continue
                }
                LexKind::Actor(a) => (
                    5,
                    Tag::Actor {
                        actor: a,
                        len: m.len,
                    },
                ),
                LexKind::Agent(a) => (
                    4,
                    Tag::Agent {
                        agent: a,
                        len: m.len,
                    },
                ),
                LexKind::Noun => (3, Tag::Noun { len: m.len }),
                LexKind::Adjective => (2, Tag::Adjective { len: m.len }),
                LexKind::Verb(v) => (
                    1,
                    Tag::Verb {
                        verb: v,
                        len: m.len,
                    },
                ),
                LexKind::TimeShift(t) => (
                    0,
                    Tag::TimeShift {
                        shift: t,
                        len: m.len,
                    },
                ),
                LexKind::Discard(d) => {
                    discard.get_or_insert(d);
                    continue;
                }
            };
            let better = match best {
                None => true,
                Some((bl, bp, _)) => m.len > bl || (m.len == bl && prio > bp),
            };
            if better {
                best = Some((m.len, prio, tag));
            }
        }
        match best {
            Some((len, _, tag)) => {
                tags[i] = tag;
                for t in tags.iter_mut().take((i + len).min(n)).skip(i + 1) {
                    *t = Tag::Inside;
                }
                i += len.max(1);
            }
            None => i += 1,
        }
    }
    // TABARI's noun rule: a verb right after a determiner or a possessive, or capitalised
    // inside a mixed-case sentence, is a noun.
    for i in 0..n {
        if let Tag::Verb { len, .. } = tags[i] {
            let prev = i.checked_sub(1).map(|p| words[p].kind);
            // TABARI's rule is determiners only; possessives ("Mexico's attack", "its
            // attack") mark nouns just as well outside TABARI's own dictionaries.
            // "the 1985 murder of a US agent", "a 2019 attack": a year or number between the
            // determiner and the word.
            let after_det_number = !tabari_rules
                && i >= 2
                && words[i - 1].key.chars().all(|c| c.is_ascii_digit())
                && words[i - 2].kind == WordKind::Det;
            // "a hostage release", "a prisoner exchange", "a peace deal": after "a" and a noun
            // of such compounds, a base form is the compound's head, not a verb (that would be
            // "releases"). Adjectives may stand there too ("a great pleasure"): nouns only.
            let after_a_noun = !tabari_rules
                && i >= 2
                && matches!(words[i - 2].key.as_str(), "a" | "an")
                && COMPOUND_MODIFIERS.contains(&words[i - 1].key.as_str())
                && !["s", "ed", "ing"].iter().any(|e| words[i].key.ends_with(e));
            let after_det = matches!(prev, Some(WordKind::Det))
                || after_det_number
                || after_a_noun
                || (!tabari_rules
                    && matches!(
                        prev,
                        Some(WordKind::Possessive) | Some(WordKind::Pronoun(Pronoun::Possessive))
                    ));
            // "donate's cash": a possessive marks a noun.
            let before_possessive = words
                .get(i + len)
                .is_some_and(|w| w.kind == WordKind::Possessive);
            // "a show of support", "in protest", "for talks": a preposition before a verb's
            // base form makes it a noun ("accused of attacking" keeps its gerund).
            let after_preposition = !tabari_rules
                && i > 0
                && is_noun_preposition(&words[i - 1].key)
                && !words[i].key.ends_with("ing");
            let after_det = after_det || before_possessive || after_preposition;
            let capital = i > 0 && words[i].capitalized && !all_caps;
            // A form that is itself a noun phrase ending in its preposition ("a phone call
            // between", "the talks between"): the dictionary wrote it as a nominal event.
            let nominal_event = !tabari_rules
                && len >= 2
                && words.get(i + len - 1).is_some_and(|w| w.key == "between");
            if (after_det || capital) && !nominal_event {
                tags[i] = Tag::Noun { len };
            }
        }
    }
    (tags, discard)
}

/// Nouns that head-modify an event noun in news ("a hostage release", "an arms deal", "a troop
/// withdrawal"): after "a" + one of them, a verb's base form is the compound's noun.
const COMPOUND_MODIFIERS: &[&str] = &[
    "hostage",
    "prisoner",
    "detainee",
    "captive",
    "ceasefire",
    "truce",
    "peace",
    "arms",
    "trade",
    "aid",
    "troop",
    "border",
    "security",
    "nuclear",
    "weapons",
    "gas",
    "oil",
    "grain",
];

/// Prepositions after which a verb's form is read as a noun ("to" is left out: it makes
/// infinitives).
fn is_noun_preposition(key: &str) -> bool {
    matches!(
        key,
        "of" | "in"
            | "on"
            | "for"
            | "with"
            | "without"
            | "against"
            | "under"
            | "amid"
            | "after"
            | "before"
            | "despite"
            | "over"
            | "about"
    )
}

/// The code an actor entry has on `date` (first dated code that covers it, else the first
/// undated one). With no date (a page whose date was lost), a role still held — one with a
/// start and no end — is the one the person has now: "Kim Jong Un" of an undated page is the
/// leader, not a former official. `None` when the entry is null-coded then.
pub fn actor_code(d: &Dictionaries, actor: u32, date: Option<NaiveDate>) -> Option<&str> {
    let entry = d.actors.get(actor as usize)?;
    let mut fallback = None;
    for c in &entry.codes {
        let dated = c.from.is_some() || c.until.is_some();
        if dated {
            let holds = match date {
                Some(day) => c.covers(day),
                None => c.from.is_some() && c.until.is_none(),
            };
            if holds {
                return non_null(&c.code);
            }
        } else if fallback.is_none() {
            fallback = Some(c.code.as_str());
        }
    }
    fallback.and_then(non_null)
}

fn non_null(code: &str) -> Option<&str> {
    if code.is_empty() || code.chars().all(|c| c == '-') {
        None
    } else {
        Some(code)
    }
}

/// Adds an agent code to an actor code (TABARI rule: not when the actor code already has it on
/// a three-letter boundary).
/// True when two actor codes start with the same three-letter root (`MEX`, `MEXGOV`).
fn same_root(a: &str, b: &str) -> bool {
    a.len() >= 3 && b.len() >= 3 && a.get(..3) == b.get(..3) && a.get(..3) != Some("---")
}

/// Adds an agent code to an actor code (TABARI rule: not when the actor code already has it on
/// a three-letter boundary). A criminal or rebel actor keeps its sector: a "cartel commander" is
/// MEXCRM, not MEXCRMMIL.
pub fn combine(actor_code: &str, agent_code: &str, placement: AgentPlacement) -> String {
    let agent = agent_code.trim_matches('~');
    if agent.is_empty() {
        return actor_code.to_string();
    }
    let non_state = actor_code
        .as_bytes()
        .chunks(3)
        .skip(1)
        .any(|c| c == b"CRM" || c == b"REB");
    if non_state && matches!(agent.get(..3), Some("MIL" | "GOV" | "COP" | "UAF")) {
        return actor_code.to_string();
    }
    // An intergovernmental body's officials and diplomats are the body ("diplomats from the
    // European Union" is IGOEUREEC, not IGOEUREECGOV).
    if actor_code.starts_with("IGO") && agent.starts_with("GOV") {
        return actor_code.to_string();
    }
    let head = agent.get(..3.min(agent.len())).unwrap_or(agent);
    let has = actor_code
        .as_bytes()
        .chunks(3)
        .any(|c| c == head.as_bytes());
    if has {
        return actor_code.to_string();
    }
    match placement {
        AgentPlacement::Suffix => format!("{actor_code}{agent}"),
        AgentPlacement::Prefix => format!("{agent}{actor_code}"),
    }
}

struct Span {
    start: usize,
    end: usize,
    actor: Option<u32>,
    agent: Option<u32>,
    agent_of: bool,
    /// A second agent written before the actor whose code goes in front ("MSF Arnor diplomat":
    /// NGO + ARN + GOV).
    prefix_agent: Option<u32>,
}

/// How mentions are built, which differs between dictionary conventions.
#[derive(Clone, Copy)]
pub struct MentionRules<'a> {
    /// Prefix for an agent with no actor (`---` PETRARCH, `~` TABARI CONVERT AGENTS); `None`:
    /// such agents are not actors.
    pub lone_agents: Option<&'a str>,
    /// Words allowed between "X's" and its agent ("Gondor's first deputy prime minister").
    pub possessive_gap: usize,
    /// Fold a country mention into an adjacent, more specific mention of the same country.
    pub refine_same_country: bool,
    /// One actor per code of a coded compound (`FRO/BIL/SAM`).
    pub split_coded_compounds: bool,
    /// Allow one modifier word between an actor and its agent ("US trade officials").
    pub modifier_gap: bool,
    /// News: an actor whose code already has a sector keeps it under a title or a generic
    /// agent ("Secretary Mattis" is his role's `USAMIL`, "Pentagon officials" the Pentagon's),
    /// instead of the TABARI concatenation `USAMILGOV`.
    pub keep_own_sector: bool,
}

/// Function words that never modify an agent noun: an actor and an agent on either side of one
/// of them are two mentions ("aid from Gondor to officials").
const NOT_MODIFIERS: &[&str] = &[
    "of", "to", "in", "on", "at", "for", "from", "with", "into", "onto", "over", "under",
    "against", "about", "after", "before", "since", "until", "as", "than", "that", "who", "which",
    "whom", "whose", "where", "when", "while", "not", "no", "also", "now", "then", "still",
    "again", "will", "would", "could", "should", "may", "might", "must", "can", "has", "had",
    "have", "did", "does", "do", "say", "says", "said", "told", "tells",
];

/// A word that may stand between a country and its agent as a modifier ("US *trade*
/// officials"): a plain lowercase word that is no function word and does not look like a
/// verb or adverb form (-ed, -ly, -s).
fn is_agent_modifier(w: &Word) -> bool {
    let k = w.key.as_str();
    w.kind == WordKind::Plain
        && !w.capitalized
        && k.len() > 2
        && k.chars().all(|c| c.is_alphabetic() || c == '-')
        && !NOT_MODIFIERS.contains(&k)
        && !k.ends_with("ed")
        && !k.ends_with("ly")
        && (!k.ends_with('s') || k.ends_with("ss"))
}

pub fn build_mentions(
    d: &Dictionaries,
    words: &[Word],
    tags: &[Tag],
    date: Option<NaiveDate>,
    rules: &MentionRules,
) -> Vec<Mention> {
    let MentionRules {
        lone_agents,
        possessive_gap,
        refine_same_country,
        split_coded_compounds,
        modifier_gap,
        keep_own_sector,
    } = *rules;
    let n = words.len();
    // 1. Actor and agent spans.
    let mut actors: Vec<Span> = Vec::new();
    let mut agents: Vec<Span> = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        match *t {
            Tag::Actor { actor, len } if actor_code(d, actor, date).is_some() => {
                actors.push(Span {
                    start: i,
                    end: (i + len).min(n),
                    actor: Some(actor),
                    agent: None,
                    agent_of: false,
                    prefix_agent: None,
                });
            }
            Tag::Agent { agent, len } => agents.push(Span {
                start: i,
                end: (i + len).min(n),
                actor: None,
                agent: Some(agent),
                agent_of: false,
                prefix_agent: None,
            }),
            _ => {}
        }
    }
    // 2. Attach agents to actors.
    let mut agent_used = vec![false; agents.len()];
    let is_word = |i: usize, k: &str| words.get(i).is_some_and(|w| w.key == k);
    for a in actors.iter_mut() {
        // "Arnor police", "Gondor's foreign minister", "Gondor's first deputy prime minister".
        let mut attached = false;
        for (gi, g) in agents.iter().enumerate() {
            if agent_used[gi] {
                continue;
            }
            // "US trade officials": one modifier word between them.
            let modified = modifier_gap
                && g.start == a.end + 1
                && tags.get(a.end) == Some(&Tag::Other)
                && words.get(a.end).is_some_and(is_agent_modifier);
            let after = if g.start == a.end || modified {
                true
            } else if words
                .get(a.end)
                .is_some_and(|w| w.kind == WordKind::Possessive)
            {
                // "Ithilen's awful and evil minister": a conjunction between the modifiers
                // does not count towards the gap.
                let between = a.end + 1..g.start;
                g.start > a.end
                    && between
                        .clone()
                        .filter(|&k| words[k].kind != WordKind::Conj)
                        .count()
                        <= possessive_gap
                    && between.clone().all(|k| tags[k] == Tag::Other)
                    && (possessive_gap > 0 || between.is_empty())
            } else {
                false
            };
            if after {
                a.agent = g.agent;
                a.end = g.end;
                agent_used[gi] = true;
                attached = true;
                break;
            }
        }
        if attached {
            let prefix = agents.iter().enumerate().find(|(gi, g)| {
                !agent_used[*gi]
                    && g.end == a.start
                    && g.agent
                        .and_then(|x| d.agents.get(x as usize))
                        .is_some_and(|x| x.placement == AgentPlacement::Prefix)
            });
            if let Some((gi, g)) = prefix {
                a.prefix_agent = g.agent;
                a.start = g.start;
                agent_used[gi] = true;
            }
            continue;
        }
        // "President Peres", "the president of Israel".
        for (gi, g) in agents.iter().enumerate() {
            if agent_used[gi] {
                continue;
            }
            // "its troops from Uganda", "their embassy in Kenya": the possessive already says
            // whose they are; the country after in/from is a place.
            let owned = g.start > 0
                && ["its", "their", "his", "her", "our"]
                    .iter()
                    .any(|p| is_word(g.start - 1, p));
            let prep = is_word(g.end, "of")
                || (!owned && (is_word(g.end, "in") || is_word(g.end, "from")));
            let via_prep = prep
                && (g.end + 1 == a.start || (is_word(g.end + 1, "the") && g.end + 2 == a.start));
            // "Secretary of State Antony J. Blinken", "Defense Minister Juri Luik": under the
            // news conventions the title also reaches a known name across the person's other
            // names and initials that no dictionary lists (up to three capitalised words).
            let via_names = keep_own_sector
                && g.end < a.start
                && a.start - g.end <= 3
                && (g.end..a.start).all(|k| {
                    tags[k] == Tag::Other
                        && words[k].capitalized
                        // an initial may spell a determiner ("Marco A. Rubio")
                        && (words[k].kind == WordKind::Plain || words[k].key.len() == 1)
                });
            if g.end == a.start || via_prep || via_names {
                a.agent = g.agent;
                a.agent_of = via_prep;
                a.start = g.start;
                agent_used[gi] = true;
                break;
            }
        }
    }
    if lone_agents.is_some() {
        for (gi, g) in agents.into_iter().enumerate() {
            if !agent_used[gi] {
                actors.push(g);
            }
        }
        actors.sort_by_key(|s| s.start);
    }
    // 3. Hits.
    let mut mentions: Vec<Mention> = Vec::new();
    for s in actors {
        let base = match s.actor {
            Some(a) => {
                let code = actor_code(d, a, date).unwrap_or("");
                // "Secretary Blinken", "Secretary of Defense Lloyd J. Austin III": a title
                // written in the name itself says the person held an office then, whatever the
                // dates make of an undated article (read as of today: a former official).
                match (keep_own_sector && !is_word(s.start.wrapping_sub(1), "former"))
                    .then(|| alias_title_role(d, a, code, words.get(s.start..s.end).unwrap_or(&[])))
                    .flatten()
                {
                    Some(role) => role.to_string(),
                    None => code.to_string(),
                }
            }
            None => lone_agents.unwrap_or("---").to_string(),
        };
        let mut members = Vec::new();
        // A coded compound (`FRO/BIL/SAM`): TABARI expands it into one actor per code;
        // PETRARCH-2 keeps the code whole.
        let parts: Vec<&str> = if split_coded_compounds {
            base.split('/').collect()
        } else {
            vec![base.as_str()]
        };
        for base in parts {
            let code = base;
            let base = base.to_string();
            let code = match s.agent.and_then(|g| d.agents.get(g as usize)) {
                Some(agent) => {
                    let agent_code = if is_word(s.start.wrapping_sub(1), "former") {
                        "ELI"
                    } else {
                        agent.code.as_str()
                    };
                    if s.actor.is_none() {
                        format!("{code}{}", agent_code.trim_matches('~'))
                    } else if keep_own_sector && code.len() >= 6 && agent_code != "ELI" {
                        titled_role(code, agent_code)
                    } else {
                        combine(code, agent_code, agent.placement)
                    }
                }
                None => code.to_string(),
            };
            let code = match s.prefix_agent.and_then(|g| d.agents.get(g as usize)) {
                Some(prefix) => combine(&code, &prefix.code, AgentPlacement::Prefix),
                None => code,
            };
            members.push(ActorHit {
                code,
                base: base.clone(),
                agent_of: s.agent_of,
                actor: s.actor,
                agent: s.agent,
                start: s.start,
                end: s.end,
            });
        }
        // Adjacent mentions fold into one: the same code ("European Union (EU)"), or a
        // country-level mention and a more specific one of the same country ("Canadian Prime
        // Minister Mark Carney": CAN + CANGOV is CANGOV, the person's entity).
        if let Some(last) = mentions.last_mut() {
            let (a, b) = (last.members.first(), members.first());
            // Bytes between the two in the text: a space, or " (" before an acronym; a dash or
            // a dateline separator ("MEXICO CITY - Mexican President ...") keeps them apart.
            let gap = match (
                last.end.checked_sub(1).and_then(|k| words.get(k)),
                words.get(s.start),
            ) {
                (Some(x), Some(y)) => y.start.saturating_sub(x.end),
                _ => usize::MAX,
            };
            if last.end == s.start && last.members.len() == 1 && members.len() == 1 && gap <= 2 {
                if let (Some(a), Some(b)) = (a, b) {
                    if a.code == b.code {
                        last.end = s.end;
                        continue;
                    }
                    if refine_same_country && gap <= 1 && same_root(&a.code, &b.code) {
                        let keep_second = b.code.len() >= a.code.len();
                        let start = last.start;
                        if keep_second {
                            // "U.S. President Barack Obama": the title says his role then,
                            // whatever his dated code says of the article's (unknown) day.
                            let title = (keep_own_sector && a.agent.is_some())
                                .then(|| a.code.get(3..).filter(|s| !s.is_empty()))
                                .flatten()
                                .map(str::to_string);
                            last.members = members;
                            if let (Some(title), Some(m)) = (title, last.members.first_mut()) {
                                m.code = titled_role(&m.code, &title);
                            }
                        }
                        for h in last.members.iter_mut() {
                            h.start = start;
                            h.end = s.end;
                        }
                        last.end = s.end;
                        continue;
                    }
                }
            }
        }
        mentions.push(Mention {
            start: s.start,
            end: s.end,
            members,
            pronoun: false,
            synthetic: false,
        });
    }
    mentions
}

/// Sectors a title of office in a person's name allows ("Secretary Austin",
/// "Senator Rubio", "Gen. Milley"); `None` for a word that is no title.
fn title_sectors(first: &str) -> Option<&'static [&'static str]> {
    Some(match first {
        "secretary" | "minister" | "president" | "premier" | "chancellor" | "ambassador"
        | "envoy" | "prime" | "foreign" | "defense" | "defence" | "vice" | "deputy"
        | "attorney" | "treasury" | "leader" | "chairman" => &["GOV", "MIL"],
        "senator" | "sen" | "congressman" | "congresswoman" | "representative" | "rep" => &["LEG"],
        "general" | "gen" | "admiral" | "adm" => &["MIL"],
        _ => return None,
    })
}

/// The office a titled name ("Secretary Blinken") gives a person whose code on the article's
/// day is that of a former official (`XXXELI`): the latest of the person's dated roles in a
/// sector the title allows. `None` when the code is not `ELI`, the name has no title, or no
/// role fits (the code then stands).
fn alias_title_role<'a>(
    d: &'a Dictionaries,
    actor: u32,
    code: &str,
    name: &[Word],
) -> Option<&'a str> {
    if code.get(3..6) != Some("ELI") {
        return None;
    }
    // The title opens the name or follows its country's adjective ("Chinese President Hu
    // Jintao", "North Korean leader Kim Jong Un"): one of its first three words.
    if name
        .first()
        .is_some_and(|w| matches!(w.key.as_str(), "former" | "ex"))
    {
        return None;
    }
    // "Secretary-General Ban Ki-moon" holds an office of an international body, not of his
    // country: no title of the country's.
    if name
        .windows(2)
        .any(|p| p[0].key == "secretary" && p[1].key == "general")
    {
        return None;
    }
    let sectors = name
        .iter()
        .take(3)
        .find_map(|w| title_sectors(w.key.as_str()))?;
    d.actors
        .get(actor as usize)?
        .codes
        .iter()
        .filter(|c| c.from.is_some() || c.until.is_some())
        .filter(|c| c.code.get(..3) == code.get(..3))
        .filter(|c| c.code.get(3..6).is_some_and(|s| sectors.contains(&s)))
        .max_by_key(|c| c.from)
        .map(|c| c.code.as_str())
}

/// A person's dated code under a title of office ("President X", "Secretary of Defense X"):
/// when the dates make the person a former official (`ELI`) — an undated article is read
/// as of today — the title in the text says the role they had, and it wins.
fn titled_role(code: &str, title_sector: &str) -> String {
    let sector = title_sector.trim_matches('~');
    match (code.get(..3), code.get(3..6)) {
        (Some(country), Some("ELI"))
            if atalaya_cameo::is_state(country)
                && !sector.is_empty()
                && !sector.starts_with("ELI") =>
        {
            format!("{country}{sector}")
        }
        _ => code.to_string(),
    }
}

/// Joins mentions separated only by `and`/`or`/commas (and determiners or adjectives) into
/// compounds: "Arnor and Gondor", "Arnor, Gondor and the Shire".
pub fn join_compounds(
    d: &Dictionaries,
    words: &[Word],
    tags: &[Tag],
    mentions: Vec<Mention>,
) -> Vec<Mention> {
    // 1. What separates each mention from the next: `Some(true)` a conjunction (with optional
    //    commas, determiners, adjectives), `Some(false)` commas only, `None` anything else.
    let sep: Vec<Option<bool>> = mentions
        .windows(2)
        .map(|pair| separator(words, tags, &pair[0], &pair[1]))
        .collect();
    // 2. Runs `A (, B)* and C` become compounds; a run of commas not closed by a conjunction
    //    is an apposition or a list of something else, and stays apart.
    //    A run goes on past its conjunction into "officials in A and B" ("lawmakers and
    //    officials in Arnor and Gondor" is one compound).
    let agent_of: Vec<bool> = mentions
        .iter()
        .map(|m| m.members.first().is_some_and(|h| h.agent_of))
        .collect();
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut iter = mentions.into_iter().enumerate().peekable();
    while let Some((i, m)) = iter.next() {
        let mut end = i;
        while let Some(Some(_)) = sep.get(end) {
            end += 1;
            let nested = agent_of.get(end) == Some(&true) && sep.get(end) == Some(&Some(true));
            if sep[end - 1] == Some(true) && !nested {
                break;
            }
        }
        // Extend only up to the last conjunction-closed join.
        let last_conj = (i..end)
            .filter(|&k| sep.get(k) == Some(&Some(true)))
            .map(|k| k + 1)
            .max()
            .unwrap_or(i);
        let mut compound = m;
        for _ in i..last_conj {
            let Some((_, next)) = iter.next() else {
                break;
            };
            join_into(d, &mut compound, next);
        }
        if compound.members.len() > 1 {
            distribute_agents(d, &mut compound);
        }
        out.push(compound);
    }
    out
}

/// How two neighbouring mentions are separated (see [`join_compounds`]).
fn separator(words: &[Word], tags: &[Tag], prev: &Mention, next: &Mention) -> Option<bool> {
    if prev.pronoun || next.pronoun || next.start <= prev.end {
        return None;
    }
    // "Gondor as well as Arnor" joins as "and" does.
    let between: Vec<&str> = words[prev.end..next.start]
        .iter()
        .filter(|w| w.kind != WordKind::Det && w.kind != WordKind::Comma)
        .map(|w| w.key.as_str())
        .collect();
    if between == ["as", "well", "as"] {
        return Some(true);
    }
    // "Cartel del Noreste (formerly Los Zetas), the Gulf Cartel and ...": a former or other
    // name (the brackets are no words) is one more name of the same member of the list.
    if matches!(
        between.as_slice(),
        ["formerly"] | ["also", "known", "as"] | ["known", "as"] | ["aka"] | ["a.k.a."]
    ) {
        return Some(false);
    }
    let mut conj = false;
    let mut comma = false;
    let mut loose = 0;
    for k in prev.end..next.start {
        match (words[k].kind, tags[k]) {
            (WordKind::Conj, _)
                if words[k].key == "and" || words[k].key == "or" || words[k].key == "nor" =>
            {
                conj = true
            }
            (WordKind::Comma, _) => comma = true,
            (WordKind::Det, _) | (_, Tag::Adjective { .. }) | (_, Tag::Inside) => {}
            // Unlisted adjectives after the separator ("and the evil awful Gondor").
            (WordKind::Plain, Tag::Other)
                if (conj || comma) && !words[k].capitalized && loose < 3 =>
            {
                loose += 1
            }
            _ => return None,
        }
    }
    if conj {
        Some(true)
    } else if comma {
        Some(false)
    } else {
        None
    }
}

/// A named official: an entity (`USA.mattis`) with dated roles, a person, not a body such as
/// a cartel. His title in a compound is not shared.
fn titled_person(d: &Dictionaries, h: &ActorHit) -> bool {
    h.actor.is_some_and(|x| {
        d.actors.get(x as usize).is_some_and(|e| {
            e.entity_id.as_deref().is_some_and(|id| id.contains('.'))
                && e.codes
                    .iter()
                    .any(|c| c.from.is_some() || c.until.is_some())
        })
    })
}

/// Adds `next`'s members to the compound `prev`.
fn join_into(d: &Dictionaries, prev: &mut Mention, next: Mention) {
    prev.end = next.end;
    let mut members = next.members;
    if let Some(first) = prev.members.first() {
        // "Danish media and government": a lone agent takes the actor before it, when that
        // actor is a country or a body (`DNK`); after a person with a role of his own ("Secretary
        // Mattis and Minister Song", `USAMIL`) the titled agent is another person, of a country
        // the compound does not say.
        if first.actor.is_some() && !titled_person(d, first) {
            for h in members.iter_mut().filter(|h| h.actor.is_none()) {
                if let Some(agent) = h.agent.and_then(|g| d.agents.get(g as usize)) {
                    h.code = combine(&first.base, &agent.code, agent.placement);
                    h.base = first.base.clone();
                }
            }
        }
    }
    prev.members.extend(members);
}

/// Agents shared across a compound (after [`join_into`] has given lone agents the actor before
/// them):
/// - "the ambassadors of A, B and C": the agent of the first "X of/in Y" member applies to the
///   bare actors after it; with only lone agents before it, "lawmakers and officials in Arnor
///   and Gondor", those pair with each of its actors (ARNLEG, ARNGOV, GONLEG, GONGOV);
/// - "Arnor and Gondor lawmakers", "US and Mexican officials": the last member's own agent
///   applies to the bare actors before it.
fn distribute_agents(d: &Dictionaries, compound: &mut Mention) {
    let members = &mut compound.members;
    if let Some(k) = members.iter().position(|h| h.actor.is_some() && h.agent_of) {
        let lone_before = members[..k]
            .iter()
            .all(|h| h.actor.is_none() && h.agent.is_some());
        if lone_before {
            let agent_of = members[k].agent;
            if let Some(agent) = agent_of.and_then(|g| d.agents.get(g as usize)) {
                for h in members[k + 1..]
                    .iter_mut()
                    .filter(|h| h.agent.is_none() && h.actor.is_some())
                {
                    h.code = combine(&h.base, &agent.code, agent.placement);
                    h.agent = agent_of;
                }
            }
            let mut bases: Vec<(String, Option<u32>)> = Vec::new();
            for h in members[k..].iter().filter(|h| h.actor.is_some()) {
                if !bases.iter().any(|(b, _)| *b == h.base) {
                    bases.push((h.base.clone(), h.actor));
                }
            }
            let mut paired: Vec<ActorHit> = Vec::new();
            for lone in &members[..k] {
                let Some(agent) = lone.agent.and_then(|g| d.agents.get(g as usize)) else {
                    continue;
                };
                for (base, actor) in &bases {
                    paired.push(ActorHit {
                        code: combine(base, &agent.code, agent.placement),
                        base: base.clone(),
                        actor: *actor,
                        ..lone.clone()
                    });
                }
            }
            members.splice(..k, paired);
        }
        return;
    }
    let Some(last) = members.last() else {
        return;
    };
    if last.actor.is_some() && !last.agent_of {
        let agent_id = last.agent;
        let Some(agent) = agent_id.and_then(|g| d.agents.get(g as usize)) else {
            return;
        };
        let n = members.len();
        if members[..n - 1]
            .iter()
            .all(|h| h.actor.is_some() && h.agent.is_none())
        {
            for h in members[..n - 1].iter_mut() {
                h.code = combine(&h.base, &agent.code, agent.placement);
                h.agent = agent_id;
            }
        }
    }
}

/// Adds mentions for pronouns, resolved by TABARI's rules.
/// With `content_subject` (news), "it" in reported content takes the content's own subject
/// ("X said that Y acted illegally when it sent troops": Y), not the reporter.
pub fn resolve_pronouns(
    words: &[Word],
    mut mentions: Vec<Mention>,
    content_subject: bool,
) -> Vec<Mention> {
    if mentions.is_empty() {
        return mentions;
    }
    let mut extra = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let WordKind::Pronoun(kind) = w.kind else {
            continue;
        };
        if mentions.iter().any(|m| m.start <= i && i < m.end) {
            continue;
        }
        let content_start = (content_subject && w.key == "it")
            .then(|| {
                (0..i)
                    .rev()
                    .find(|&q| crate::context::is_reporting(&words[q].key))
            })
            .flatten();
        // News: "he", "she", "his", "her" name one person, never a compound or a group named
        // by a plural noun alone ("“We will send a warning to the cartels,” he said": not the
        // cartels); with none in the sentence the article's memory finds the person.
        let personal = content_subject && matches!(w.key.as_str(), "he" | "she" | "his" | "her");
        let fits = |m: &&Mention| !personal || !(m.is_compound() || lone_plural_agent(words, m));
        let antecedent = match kind {
            Pronoun::Subject => content_start
                .and_then(|c| mentions.iter().find(|m| m.start > c && m.start < i))
                .or_else(|| mentions.iter().filter(fits).find(|m| m.start < i)),
            Pronoun::Possessive => mentions.iter().filter(fits).find(|m| m.end <= i),
            Pronoun::Plural => mentions
                .iter()
                .find(|m| m.is_compound() && m.end <= i)
                .or_else(|| mentions.iter().find(|m| m.end <= i)),
        };
        if let Some(a) = antecedent {
            let members = a
                .members
                .iter()
                .map(|h| ActorHit {
                    start: i,
                    end: i + 1,
                    ..h.clone()
                })
                .collect();
            extra.push(Mention {
                start: i,
                end: i + 1,
                members,
                pronoun: true,
                synthetic: false,
            });
        }
    }
    // "demanded that the country reverse its actions" (news): "the country" is the nearest
    // country named before it in the sentence, as the state (its bare code). Not "the
    // country's" (an organ of it: no agent is attached here) and never with no antecedent.
    if content_subject {
        for i in 0..words.len().saturating_sub(1) {
            if words[i].key != "the"
                || words[i + 1].key != "country"
                || words
                    .get(i + 2)
                    .is_some_and(|w| w.key == "'s" || w.key == "’s")
                || mentions.iter().any(|m| m.start <= i + 1 && i < m.end)
            {
                continue;
            }
            let country = |h: &ActorHit| {
                h.code
                    .get(..3)
                    .filter(|c| atalaya_cameo::is_iso3(c))
                    .map(str::to_string)
            };
            let antecedent = mentions
                .iter()
                .rev()
                .filter(|m| m.end <= i && !m.synthetic)
                .find_map(|m| match m.members.as_slice() {
                    [h] => country(h).map(|c| (c, h.actor)),
                    _ => None,
                });
            if let Some((code, actor)) = antecedent {
                extra.push(Mention {
                    start: i,
                    end: i + 2,
                    members: vec![ActorHit {
                        base: code.clone(),
                        code,
                        agent_of: false,
                        actor,
                        agent: None,
                        start: i,
                        end: i + 2,
                    }],
                    pronoun: true,
                    synthetic: false,
                });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// A mention that is only a sector noun in the plural ("the cartels", "officials"): a group,
/// not one person.
pub(crate) fn lone_plural_agent(words: &[Word], m: &Mention) -> bool {
    matches!(m.members.as_slice(), [h] if h.base == "---" && h.agent.is_some())
        && m.end > m.start
        && words
            .get(m.end - 1)
            .is_some_and(|w| w.key.ends_with('s') && !w.key.ends_with("ss"))
}

/// Marks comma-delimited stretches to drop (TABARI's nonrestrictive-clause rule).
pub fn drop_comma_clauses(
    words: &[Word],
    tags: &[Tag],
    mention_of: &[Option<usize>],
    rules: CommaRules,
) -> Vec<bool> {
    let n = words.len();
    let mut dropped = vec![false; n];
    let commas: Vec<usize> = (0..n)
        .filter(|&i| words[i].kind == WordKind::Comma && mention_of[i].is_none())
        .collect();
    if commas.is_empty() {
        return dropped;
    }
    let count =
        |a: usize, b: usize| (a..b).filter(|&k| words[k].kind != WordKind::Comma).count() as u32;
    let within = |len: u32, min: u32, max: u32| max > 0 && len >= min && len <= max;
    // Beginning: words before the first comma.
    let first = commas[0];
    let subject_and_verb = || {
        (0..first)
            .find(|&k| mention_of[k].is_some())
            .is_some_and(|m| (m..first).any(|k| matches!(tags.get(k), Some(Tag::Verb { .. }))))
    };
    // "Asked if Mexico had agreed to ..., Trump said": a question's content is not told as
    // having happened; the answer after the comma is the sentence.
    let question_lead = rules.keep_main_clause
        && words.first().is_some_and(|w| w.key == "asked")
        && words.get(1).is_some_and(|w| {
            matches!(
                w.key.as_str(),
                "if" | "whether" | "about" | "how" | "why" | "what" | "when" | "who"
            )
        });
    if question_lead
        || (within(count(0, first), rules.bmin, rules.bmax)
            && !(rules.keep_main_clause && subject_and_verb()))
    {
        dropped[..=first].iter_mut().for_each(|d| *d = true);
    }
    // Middle stretches. The first one is the main clause when it has a subject and a verb
    // and the lead-in before it has no verb: "On Monday, Israeli troops shot a soldier, the
    // army said", "Earlier this week, X shelled Y, after ..." (news).
    let verb_in =
        |a: usize, b: usize| (a..b).any(|k| matches!(tags.get(k), Some(Tag::Verb { .. })));
    // ", killing three civilians": a participle clause tells what the main clause's doer did
    // to whom; it is no aside.
    let participle_at = |k: usize| {
        words.get(k).is_some_and(|w| w.key.ends_with("ing"))
            && matches!(tags.get(k), Some(Tag::Verb { .. }))
    };
    let main_clause = |a: usize, b: usize| {
        a == first
            && !verb_in(0, a)
            && (a + 1..b)
                .find(|&k| mention_of[k].is_some())
                .is_some_and(|m| verb_in(m, b))
    };
    for pair in commas.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if rules.keep_main_clause && (main_clause(a, b) || participle_at(a + 1)) {
            continue;
        }
        if within(count(a + 1, b), rules.min, rules.max) {
            dropped[a..b].iter_mut().for_each(|d| *d = true);
        }
    }
    // End: words after the last comma.
    let last = commas[commas.len() - 1];
    let lead_in =
        rules.keep_main_clause && commas.len() == 1 && count(0, last) <= count(last + 1, n);
    // "Ukraine's foreign minister, Dmytro Kuleba, called on NATO to ...": the end holds the
    // sentence's verb when nothing kept before it has one.
    let only_verb = rules.keep_main_clause
        && verb_in(last + 1, n)
        && !(0..last).any(|k| !dropped[k] && matches!(tags.get(k), Some(Tag::Verb { .. })));
    let participle = rules.keep_main_clause && participle_at(last + 1);
    if !lead_in && !only_verb && !participle && within(count(last + 1, n), rules.emin, rules.emax) {
        dropped[last..].iter_mut().for_each(|d| *d = true);
    }
    // Never drop everything.
    if dropped.iter().all(|&d| d) {
        dropped.iter_mut().for_each(|d| *d = false);
    }
    dropped
}

/// Splits the sentence into clauses at conjunctions that do not join actors, nouns or
/// adjectives.
pub fn clauses(
    words: &[Word],
    tags: &[Tag],
    mention_of: &[Option<usize>],
    dropped: &[bool],
    split_needs_verb: bool,
) -> Vec<(usize, usize)> {
    let n = words.len();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..n {
        // ", while China claimed ...": a contrast opens a clause of its own, with its own
        // subject; the actor after it is no object of the verb before it.
        let contrast = split_needs_verb
            && i > 0
            && words[i - 1].kind == WordKind::Comma
            && matches!(words[i].key.as_str(), "while" | "whereas");
        if (words[i].kind != WordKind::Conj && !contrast) || mention_of[i].is_some() {
            continue;
        }
        let prev_nominal = i > 0 && is_nominal(tags, i - 1);
        let next_nominal =
            (i + 1 < n) && matches!(tags[i + 1], Tag::Noun { .. } | Tag::Adjective { .. });
        if prev_nominal && next_nominal {
            continue;
        }
        // A clause needs a verb: "a new bombing and shelling offensive" is one noun phrase,
        // not two clauses, when no known verb follows the conjunction before the next one.
        if split_needs_verb {
            // The clause after the conjunction runs to the next conjunction or comma: "shot
            // and wounded a soldier in the area, after what the army called a breach" is one
            // clause with a verb phrase, "called" belonging to the aside.
            let next_conj = (i + 1..n)
                .find(|&k| matches!(words[k].kind, WordKind::Conj | WordKind::Comma))
                .unwrap_or(n);
            // A verb in a dropped aside does not count: "shot and wounded a soldier, the
            // army said" is one clause, its "said" dropped.
            let verb_at = |k: usize| {
                matches!(tags[k], Tag::Verb { .. }) && !dropped.get(k).copied().unwrap_or(false)
            };
            let verb_after = (i + 1..next_conj).any(verb_at);
            let verb_before = (start..i).any(verb_at);
            if !verb_after || !verb_before {
                continue;
            }
        }
        if i > start {
            out.push((start, i));
        }
        start = i + 1;
    }
    if start < n {
        out.push((start, n));
    }
    out
}

fn is_nominal(tags: &[Tag], mut i: usize) -> bool {
    // Walk back over the inside of a multi-word phrase.
    while i > 0 && tags[i] == Tag::Inside {
        i -= 1;
    }
    matches!(tags[i], Tag::Noun { .. } | Tag::Adjective { .. })
}
