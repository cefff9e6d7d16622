//! Word lists and the modality reading of one verb group.
//!
//! Everything here works on folded word keys (lowercase, no accents, "n't" split off). The scan
//! in [`verb_group_modality`] walks back from the event verb over its auxiliaries, adverbs and
//! control verbs ("refused to", "is considering", "vowed to") until a clause boundary, and the
//! nearest cue decides; idioms that invert the surface ("did not rule out") are checked first.

use crate::record::Modality;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Verbs (and verb forms) that frame reported speech: "X said (that) …", "…, X said".
pub const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "stated",
    "states",
    "announced",
    "announces",
    "reported",
    "reports",
    "claimed",
    "claims",
    "alleged",
    "alleges",
    "added",
    "adds",
    "noted",
    "notes",
    "insisted",
    "insists",
    "warned",
    "warns",
    "confirmed",
    "confirms",
    "acknowledged",
    "acknowledges",
    "wrote",
    "writes",
    "posted",
    "tweeted",
    "declared",
    "declares",
    "asserted",
    "asserts",
    "explained",
    "argued",
    "argues",
    "suggested",
    "suggests",
    "indicated",
    "revealed",
    "reiterated",
    "reiterates",
    "maintained",
    "maintains",
    "denied",
    "denies",
    "disclosed",
    "recalled",
];

/// Reporting verbs whose content is denied: "denied that US drones struck" → negated content.
pub const DENYING: &[&str] = &["denied", "denies"];

/// Words that end the backward scan: clause boundaries and relative pronouns.
const BOUNDARY: &[&str] = &[
    ",", "that", "and", "but", "who", "which", "while", "because", "after", "before", "when",
];

/// Control verbs that negate the infinitive or gerund they govern.
const NEGATING_CONTROL: &[&str] = &[
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "declined",
    "declines",
    "decline",
    "failed",
    "fails",
    "fail",
    "refrained",
    "refrains",
    "refrain",
    "avoided",
    "avoids",
    "avoid",
    "stopped",
    "halted",
    "ceased",
    "abandoned",
    "rejected",
    "rejects",
];

/// Deliberation, proposal and request words: the governed event has not happened.
const DELIBERATIVE: &[&str] = &[
    "considering",
    "considers",
    "consider",
    "considered",
    "weighing",
    "weighs",
    "weigh",
    "weighed",
    "mulling",
    "mulls",
    "mulled",
    "contemplating",
    "contemplates",
    "exploring",
    "explores",
    "discussing",
    "discussed",
    "debating",
    "options",
    "option",
    "plans",
    "plan",
    "planned",
    "planning",
    "proposed",
    "proposes",
    "propose",
    "proposal",
    "proposals",
    "advocated",
    "advocates",
    "advocating",
    "urged",
    "urges",
    "urge",
    "urging",
    "asked",
    "asks",
    "ask",
    "called",
    "calls",
    "demanded",
    "demands",
    "demand",
    "wants",
    "want",
    "wanted",
    "seeks",
    "seek",
    "sought",
    "seeking",
    "intends",
    "intend",
    "intended",
    "hopes",
    "hoped",
    "possible",
    "possibility",
    "potential",
    "prepared",
    "preparing",
    "prepares",
    "ready",
    "willing",
    "threatened",
    "threatens",
    "threatening",
    "threat",
    "threats",
    "pushing",
    "pressing",
    "pressed",
    "encouraged",
    "encourages",
    "recommended",
    "recommends",
    "suggested",
    "floated",
    "offered",
    "offers",
    "order",
    "ordered",
    "orders",
    "directive",
    "directives",
    "authorized",
    "authorize",
    "authorizes",
];

/// Words before "to" + a cooperation verb that make it a pledge or wish ("committed to working
/// with", "look forward to working together", "hope to cooperate").
pub(crate) const PLEDGES_TO: &[&str] = &[
    "committed",
    "commitment",
    "commitments",
    "pledged",
    "pledge",
    "vowed",
    "promised",
    "forward",
    "hope",
    "want",
    "wants",
    "wish",
    "intend",
    "intends",
    "ready",
    "willing",
    "determined",
    "resolved",
];

/// The intent code (03x) of a cooperation code (06x): 060 → 030, 061 → 0311 (economic),
/// 062 → 0312 (military), 063 → 0313 (judicial), 064 → 0314 (intelligence).
pub(crate) fn cooperation_intent(cameo: &str) -> Option<&'static str> {
    match cameo {
        "060" => Some("030"),
        "061" => Some("0311"),
        "062" => Some("0312"),
        "063" => Some("0313"),
        "064" => Some("0314"),
        _ => None,
    }
}

/// Nouns and adjectives of an offer before "to" + a consult verb ("his offer to meet", "ready
/// to hold talks"): the meeting is offered, not held (036).
pub(crate) const OFFERS_TO: &[&str] = &[
    "offer",
    "offers",
    "proposal",
    "proposals",
    "invitation",
    "invitations",
    "willingness",
    "readiness",
    "willing",
    "ready",
];

/// Modal verbs and conditional words.
const HYPOTHETICAL: &[&str] = &[
    "would", "could", "might", "may", "should", "'d", "if", "unless", "whether", "perhaps",
    "possibly",
];

/// Future markers that stand alone ("will", "shall") and control verbs of commitment.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "vowed",
    "vows",
    "vow",
    "pledged",
    "pledges",
    "pledge",
    "promised",
    "promises",
    "promise",
    "expected",
    "scheduled",
    "due",
    "poised",
    "tomorrow",
    "soon",
    "upcoming",
];

/// Negation words.
const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "neither", "nor", "without", "cannot",
];

/// Words that mean force, for choosing the threat code of a "did not rule out".
const FORCE_WORDS: &[&str] = &[
    "strike",
    "strikes",
    "military",
    "force",
    "forces",
    "troops",
    "attack",
    "attacks",
    "bomb",
    "bombing",
    "drone",
    "drones",
    "invasion",
    "invade",
    "intervention",
    "incursion",
    "raid",
    "raids",
    "missile",
    "missiles",
    "soldiers",
    "operation",
    "operations",
    "airstrike",
    "airstrikes",
    "action",
];

/// Words that mean economic pressure.
const SANCTION_WORDS: &[&str] = &[
    "sanctions",
    "sanction",
    "tariff",
    "tariffs",
    "embargo",
    "boycott",
    "duties",
];

/// The result of reading the words around one verb.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub modality: Modality,
    /// The cue words as written in the keys, e.g. "did n't" or "is considering".
    pub cue: Option<String>,
    /// An idiom turned the event into a threat or a rejection.
    pub idiom: Option<Idiom>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idiom {
    /// "did not rule out", "all options are on the table", "would not hesitate to".
    Threat,
    /// "threatened to X": the X is the content of a threat.
    ThreatenedTo,
    /// "there will be no X".
    ThereWillBeNo,
}

/// A deliberation or planning word ("considering", "weighing", "plans"): when it heads the
/// coded event itself ("is weighing strikes" coded as the strike), the event has not happened.
pub fn is_deliberative(key: &str) -> bool {
    DELIBERATIVE.contains(&key)
}

/// "recalled its ambassador" (an act, CAMEO 161), not "recalled that …" (a statement): the
/// ambiguous reporting verb is a statement only before "that", a comma or the sentence end.
pub fn is_act_use(key: &str, next: &str) -> bool {
    key == "recalled" && !matches!(next, "that" | "," | "")
}

pub fn is_reporting(key: &str) -> bool {
    REPORTING_SET.contains(key)
}

/// [`REPORTING`] as a set: `frames` asks about every word of an event's sentence, and a scan of
/// the list compared each word with every entry.
static REPORTING_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| REPORTING.iter().copied().collect());

/// A reporting verb form used as a noun or inside a name: "United States", "media reports",
/// "the claims".
pub fn is_nominal_use(previous: &str, key: &str) -> bool {
    // A participle after a determiner is an adjective: "the reported plan", "an announced
    // visit" report nothing.
    (key.ends_with("ed") && matches!(previous, "the" | "a" | "an" | "this" | "its" | "their"))
        || (previous == "united" && matches!(key, "states" | "state"))
        || matches!(
            key,
            "reports" | "claims" | "notes" | "states" | "says" | "tells" | "posts"
        ) && matches!(
            previous,
            "the"
                | "media"
                | "news"
                | "press"
                | "these"
                | "those"
                | "recent"
                | "earlier"
                | "such"
                | "some"
                | "many"
                | "several"
                | "'s"
                | "his"
                | "her"
                | "their"
                | "its"
                | "member"
                | "u.s."
                | "us"
        )
}

pub fn is_denying(key: &str) -> bool {
    DENYING.contains(&key)
}

fn is_negation(key: &str) -> bool {
    NEGATION.contains(&key)
}

fn key_at<'a>(keys: &[&'a str], i: usize) -> &'a str {
    keys.get(i).copied().unwrap_or("")
}

/// Index just after a negation that governs `at` ("did not rule", "has n't ruled", "refused to
/// rule", "never ruled"): looks at most three words back.
fn negated_before(keys: &[&str], at: usize, floor: usize) -> Option<usize> {
    let lo = at.saturating_sub(3).max(floor);
    (lo..at).rev().find(|&i| {
        let k = key_at(keys, i);
        is_negation(k) || (NEGATING_CONTROL.contains(&k) && key_at(keys, i + 1) == "to")
    })
}

/// Idioms that invert the surface meaning, looked for in `keys[floor..end]` (the clause of the
/// verb, up to and just past it).
pub fn find_idiom(keys: &[&str], floor: usize, verb: usize, end: usize) -> Option<(Idiom, String)> {
    let end = end.min(keys.len());
    for i in floor..end {
        let k = key_at(keys, i);
        // "rule out" negated, anywhere from the clause start to just after the verb.
        if matches!(k, "rule" | "ruled" | "ruling" | "rules") && key_at(keys, i + 1) == "out" {
            if let Some(n) = negated_before(keys, i, floor) {
                let aux = n > floor
                    && matches!(
                        key_at(keys, n - 1),
                        "did"
                            | "does"
                            | "do"
                            | "has"
                            | "have"
                            | "had"
                            | "would"
                            | "will"
                            | "wo"
                            | "could"
                    );
                let from = if aux && is_negation(key_at(keys, n)) {
                    n - 1
                } else {
                    n
                };
                return Some((Idiom::Threat, keys[from..i + 2].join(" ")));
            }
        }
        // "would not hesitate to X".
        if matches!(k, "hesitate" | "hesitated")
            && i > floor
            && negated_before(keys, i, floor).is_some()
        {
            return Some((Idiom::Threat, format!("not {k}")));
        }
    }
    if let Some(found) = open_threat(keys, floor, end) {
        return Some(found);
    }
    // "there will be no X" / "there will not be any X" right before the verb.
    let lo = verb.saturating_sub(5).max(floor);
    if verb >= lo + 3 {
        let window = &keys[lo..verb];
        if let Some(p) = window.iter().position(|w| *w == "there") {
            let rest = &window[p + 1..];
            let future = rest.iter().any(|w| matches!(*w, "will" | "'ll" | "shall"));
            let none = rest
                .iter()
                .any(|w| matches!(*w, "no" | "not" | "n't" | "never"));
            if future && none && rest.contains(&"be") {
                return Some((Idiom::ThereWillBeNo, window[p..].join(" ")));
            }
        }
    }
    // "threatened to X", "threatening to X" right before the verb.
    if verb >= floor + 2
        && key_at(keys, verb - 1) == "to"
        && matches!(
            key_at(keys, verb - 2),
            "threatened" | "threatens" | "threatening" | "threaten"
        )
    {
        return Some((Idiom::ThreatenedTo, keys[verb - 2..verb].join(" ")));
    }
    None
}

/// "would be okay with launching strikes", "OK with us hitting them", "fine with striking":
/// approval of a use of force said now, a public warning (NEWS-CONVENTIONS: "OK with me" is
/// 138). Looks at most four words back from the verb, within its clause; the caller applies it
/// to force codes only.
pub fn okay_with(keys: &[&str], floor: usize, verb: usize) -> Option<(Idiom, String)> {
    let lo = verb.saturating_sub(4).max(floor + 1);
    (lo..verb).rev().find_map(|i| {
        let before = key_at(keys, i - 1);
        (key_at(keys, i) == "with" && matches!(before, "ok" | "okay" | "fine"))
            .then(|| (Idiom::Threat, format!("{before} with")))
    })
}

/// "all options are on the table", "nothing is off the table", "left open the possibility" in
/// `keys[floor..end]`: threats whatever verb carries them.
pub fn open_threat(keys: &[&str], floor: usize, end: usize) -> Option<(Idiom, String)> {
    let end = end.min(keys.len());
    for i in floor..end {
        let k = key_at(keys, i);
        // "all options are on the table", "nothing is off the table", "not off the table".
        if k == "table" && i >= floor + 2 {
            let prep = key_at(keys, i - 2);
            let lo = i.saturating_sub(6).max(floor);
            let before = &keys[lo..i.saturating_sub(2)];
            let on = prep == "on"
                && before
                    .iter()
                    .any(|w| matches!(*w, "options" | "everything" | "option"));
            let off = prep == "off"
                && before
                    .iter()
                    .any(|w| matches!(*w, "nothing" | "not" | "n't" | "no"));
            if on || off {
                return Some((Idiom::Threat, keys[lo..=i].join(" ")));
            }
        }
        // "left open the possibility", "keeps the option open".
        if matches!(k, "open")
            && i > floor
            && matches!(
                key_at(keys, i - 1),
                "left" | "leaves" | "leaving" | "kept" | "keeps" | "keeping"
            )
        {
            return Some((Idiom::Threat, keys[i - 1..=i].join(" ")));
        }
    }
    None
}

/// The modality cue of the verb at `verb`, scanning back to `floor` (at most eight words).
/// Conditionals in the clause are handled by the caller.
pub fn verb_group_modality(keys: &[&str], floor: usize, verb: usize) -> Reading {
    let lo = verb.saturating_sub(8).max(floor);
    let mut i = verb;
    while i > lo {
        i -= 1;
        let k = key_at(keys, i);
        if BOUNDARY.contains(&k)
            || is_reporting(k)
                && !is_nominal_use(key_at(keys, i.wrapping_sub(1)), k)
                && !is_act_use(k, key_at(keys, i + 1))
        {
            break;
        }
        let next = key_at(keys, i + 1);
        let negated_failure =
            matches!(k, "fail" | "fails" | "failed") && i > 0 && is_negation(key_at(keys, i - 1));
        if is_negation(k) {
            // "without" only negates the verb right after it ("without attacking").
            if k == "without" && i + 1 != verb {
                continue;
            }
            // "not only" is not a negation, nor is a negated failure ("will never fail to
            // retaliate" says it will).
            if next == "only"
                || negated_failure
                || matches!(next, "fail" | "fails" | "failed") && key_at(keys, i + 2) == "to"
            {
                continue;
            }
            let start = if i > lo
                && matches!(
                    key_at(keys, i - 1),
                    "did"
                        | "does"
                        | "do"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "could"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "ca"
                        | "wo"
                ) {
                i - 1
            } else {
                i
            };
            return reading(Modality::Negated, &keys[start..=i]);
        }
        if (NEGATING_CONTROL.contains(&k) && matches!(next, "to" | "from" | "of")
            || NEGATING_CONTROL.contains(&k) && i + 1 == verb)
            && !negated_failure
        {
            return reading(Modality::Negated, &keys[i..=(i + 1).min(verb)]);
        }
        if matches!(k, "longer") && i > lo && key_at(keys, i - 1) == "no" {
            return reading(Modality::Negated, &keys[i - 1..=i]);
        }
        if k == "short"
            && next == "of"
            && i > lo
            && matches!(key_at(keys, i - 1), "stopped" | "stops" | "stop")
        {
            return reading(Modality::Negated, &keys[i - 1..=i + 1]);
        }
        if HYPOTHETICAL.contains(&k) {
            return reading(Modality::Hypothetical, &keys[i..=i]);
        }
        // "is set to", "is going to", "is about to", "is expected to": futures.
        if matches!(k, "set" | "going" | "about")
            && next == "to"
            && i > lo
            && matches!(
                key_at(keys, i - 1),
                "is" | "are" | "was" | "were" | "'s" | "'re" | "am"
            )
        {
            return reading(Modality::Future, &keys[i - 1..=i + 1]);
        }
        if FUTURE.contains(&k) {
            return reading(Modality::Future, &keys[i..=i]);
        }
        if DELIBERATIVE.contains(&k) {
            return reading(Modality::Hypothetical, &keys[i..=i]);
        }
    }
    Reading {
        modality: Modality::Asserted,
        cue: None,
        idiom: None,
    }
}

fn reading(modality: Modality, cue: &[&str]) -> Reading {
    Reading {
        modality,
        cue: Some(cue.join(" ")),
        idiom: None,
    }
}

/// A conditional word ("if", "unless", "whether", "in case") in `keys[from..to]`.
pub fn conditional_in(keys: &[&str], from: usize, to: usize) -> Option<&'static str> {
    let to = to.min(keys.len());
    // "to see if the talks make progress", "asked whether": an indirect question, not a
    // condition on the act.
    let question = |i: usize| {
        matches!(
            key_at(keys, i.wrapping_sub(1)),
            "see"
                | "know"
                | "ask"
                | "asked"
                | "asking"
                | "determine"
                | "check"
                | "wonder"
                | "decide"
                | "learn"
                | "assess"
                | "test"
        )
    };
    for i in from..to {
        if question(i) && matches!(key_at(keys, i), "if" | "whether") {
            continue;
        }
        match key_at(keys, i) {
            "if" if key_at(keys, i.wrapping_sub(1)) != "as" => return Some("if"),
            "unless" => return Some("unless"),
            "whether" => return Some("whether"),
            "case" if i > from && key_at(keys, i - 1) == "in" => return Some("in case"),
            _ => {}
        }
    }
    None
}

/// The CAMEO threat (13x) that corresponds to carrying out `code`; `context` (the clause keys)
/// decides when `code` itself says nothing (e.g. the coded verb was "rule out").
pub fn threat_code_for(code: &str, context: &[&str]) -> &'static str {
    match code.get(..3).unwrap_or(code) {
        "191" => return "1381",
        "192" => return "1382",
        "161" => return "1313",
        "162" => return "1311",
        "163" => return "1312",
        "172" => return "132",
        "173" | "175" => return "137",
        _ => {}
    }
    match code.get(..2).unwrap_or("") {
        "18" => "1383",
        "19" => "1384",
        "20" => "1385",
        "15" => "138",
        "16" => "131",
        "17" => "130",
        "14" => "133",
        _ => {
            if context.iter().any(|w| FORCE_WORDS.contains(w)) {
                "138"
            } else if context.iter().any(|w| SANCTION_WORDS.contains(w)) {
                "1312"
            } else {
                "130"
            }
        }
    }
}
