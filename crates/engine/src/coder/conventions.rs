//! News conventions applied to one article's events (`RunOptions::country_sector`), as
//! `../shared/eval/NEWS-CONVENTIONS.md` states them for real news:
//!
//! - a country named as the doer or the object of a state act is its government: "Mexico
//!   extradited", "sanctions on Venezuela" → `MEXGOV`, `VENGOV` (the sector is the option's);
//!   its people named by a plural demonym ("Mexicans", "Israelis") are its civilians (`CVL`);
//! - a bare country after "in"/"at" as the doer of a verbal or cooperative act ("the situation
//!   in Gaza, agreeing ...") is a place, and so is one after "with <someone not coded> in" as
//!   the other side of a meeting ("would meet with Kim in Singapore"): no event;
//! - sanctions or tariffs announced for later (163, `future`) are a threat made now (1312,
//!   asserted), as the conventions' domain table codes them;
//! - no event with a state organ of no state (`---GOV`: "the ministry", "a judge" whose
//!   country nothing names);
//! - no force posture (15x) whose target is the doer's own troops or police (an instrument);
//! - no cooperation between two organs of one state (internal procedure);
//! - no event from an actor to itself (same country and sector on both sides: "Mexican
//!   officials criticized the Mexican government" is the government on both sides);
//! - one event is coded once per article: the same source, target and code again (a quote
//!   repeated, the lead restated) is a mention of the first, and a meeting or a call between
//!   two sides is one event, not one each way.

use crate::record::{Event, Modality};
use atalaya_cameo::country_and_sector;

/// "Mexicans", "Venezuelans", "Israelis", "the Lebanese": the people, not the state. `next`
/// is the text after the actor's words: a demonym in -ese is also the adjective ("the
/// Japanese purchase", "Chinese vessels"), the people only when no noun follows it: the
/// event's verb (`following_is_verb`: "the Chinese protested"), a function word ("the
/// Lebanese have", "the Chinese, who") or nothing.
fn plural_demonym(surface: &str, next: &str, following_is_verb: bool) -> bool {
    let last = surface
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let following = next
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if PEOPLE_NOUNS.contains(&following.as_str()) {
        return true;
    }
    if last.ends_with("ese") {
        return following.is_empty()
            || following_is_verb
            || PEOPLE_FOLLOWERS.contains(&following.as_str());
    }
    last.ends_with("ans") || (last.ends_with("is") && last.len() > 5)
}

/// Words after which a demonym in -ese is a noun (the people), not an adjective.
const PEOPLE_FOLLOWERS: &[&str] = &[
    "and",
    "or",
    "who",
    "were",
    "are",
    "have",
    "had",
    "has",
    "will",
    "would",
    "in",
    "of",
    "to",
    "from",
    "at",
    "on",
    "for",
    "with",
    "that",
    "themselves",
    "living",
    "killed",
    "wounded",
];

/// Nouns after a country's adjective that name its people: "the Iranian people", "Sudanese
/// citizens" are civilians, not the state.
const PEOPLE_NOUNS: &[&str] = &[
    "people",
    "peoples",
    "population",
    "citizens",
    "civilians",
    "public",
];

/// The sentence text after an actor's words (empty when the actor names no words).
fn text_after<'a>(e: &'a Event, actor: &crate::record::ActorRef) -> &'a str {
    actor
        .span
        .and_then(|s| s.end.checked_sub(e.span.start))
        .and_then(|at| e.sentence.get(at..))
        .unwrap_or("")
}

/// Sectors of people a state coerces at home: a state organ that arrests or represses
/// "opposition leaders", "journalists", "protesters" acts on its own country's.
fn domestic_sector(code: &str) -> Option<&str> {
    code.strip_prefix("---")
        .filter(|s| matches!(*s, "OPP" | "CVL" | "MED" | "JUD" | "LAB" | "EDU" | "HRI"))
}

/// "The ministry", "a judge", "officials" with no country anywhere: a state organ of no state.
/// Coding it would guess; leaving it out keeps precision (criminal groups, firms, civilians and
/// rebels of unknown country, `---CRM`, `---BUS`, stay: they are actors in their own right).
fn stateless_state_organ(code: &str) -> bool {
    code.strip_prefix("---").is_some_and(|sector| {
        matches!(
            sector.get(..3),
            None | Some(
                "GOV" | "MIL" | "COP" | "SPY" | "LEG" | "JUD" | "ELI" | "OPP" | "MED" | "PTY"
            )
        )
    })
}

/// A CAMEO regional code (`MEA`, `LAM`, `EURGOV`): a region, not a country.
fn regional(code: &str) -> bool {
    code.get(..3)
        .and_then(atalaya_cameo::country_code)
        .is_some_and(|c| c.kind == atalaya_cameo::CountryKind::Region)
}

fn state_organ(code: &str) -> bool {
    matches!(code.get(3..6), Some("GOV" | "MIL" | "COP" | "SPY" | "JUD"))
}

/// The sentence text before an actor's words (empty when the actor names no words).
fn text_before<'a>(e: &'a Event, actor: &crate::record::ActorRef) -> &'a str {
    actor
        .span
        .and_then(|s| s.start.checked_sub(e.span.start))
        .and_then(|at| e.sentence.get(..at))
        .unwrap_or("")
}

/// A bare country named as where something is or happens, standing as the doer of a verbal
/// or cooperative act (roots 01–13): "the situation in Gaza, agreeing that ...", "In Gaza, the
/// group said ...". A place does nothing; the doer is not coded. (As the object it may be the
/// party: "called for calm in Haiti", "met in Mexico City" with a Mexican host.)
fn names_a_place(e: &Event) -> bool {
    let actor = &e.source;
    if actor.code.len() != 3 || !atalaya_cameo::is_state(&actor.code) {
        return false;
    }
    if !matches!(
        e.cameo.get(..2),
        Some(
            "01" | "02"
                | "03"
                | "04"
                | "05"
                | "06"
                | "07"
                | "08"
                | "09"
                | "10"
                | "11"
                | "12"
                | "13"
        )
    ) {
        return false;
    }
    if text_after(e, actor).starts_with(['\'', '’']) {
        return false;
    }
    let prep = text_before(e, actor)
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(prep.as_str(), "in" | "at" | "inside")
}

/// A meeting's venue: "would meet with Kim in Singapore" when the one met ("Kim") is not coded
/// and the country after "in" comes after the "with" that named him. (With no "with" the place
/// may be the host: "met for a dialogue in Mexico City" is a visit to Mexico.)
fn names_the_venue(e: &Event) -> bool {
    let actor = &e.target;
    if actor.code.len() != 3 || !atalaya_cameo::is_state(&actor.code) {
        return false;
    }
    if !e.cameo.starts_with("04") || e.cameo.starts_with("042") {
        return false;
    }
    let before = text_before(e, actor).trim_end();
    let Some(in_at) = before
        .rfind(' ')
        .filter(|&i| matches!(&before[i + 1..], "in" | "at"))
    else {
        return false;
    };
    // From the verb's start: its form may hold the "with" ("meet with").
    let Some(verb_start) = e
        .matched
        .verb_span
        .and_then(|v| v.start.checked_sub(e.span.start))
    else {
        return false;
    };
    before
        .get(verb_start.min(in_at)..in_at)
        .is_some_and(|between| between.split_whitespace().any(|w| w == "with"))
}

/// Gives an event another CAMEO code, with the root, quad class, Goldstein value and PLOVER
/// type that go with it.
fn recode(e: &mut Event, code: &str) {
    let fields = super::code_fields(code);
    e.cameo = code.to_string();
    e.cameo_root = fields.cameo_root;
    e.quad_class = fields.quad_class;
    e.goldstein = fields.goldstein;
    e.plover = fields.plover;
}

pub(crate) fn apply(events: &mut Vec<Event>, sector: &str) {
    events.retain(|e| !names_a_place(e) && !names_the_venue(e));
    for e in events.iter_mut() {
        let verb_at = e.matched.verb_span.map(|v| v.start);
        let people = [&e.source, &e.target].map(|a| {
            let next = text_after(e, a);
            let gap = next.len() - next.trim_start().len();
            let next_at = a.span.map(|s| s.end + gap);
            plural_demonym(&a.text, next, next_at.is_some() && next_at == verb_at)
        });
        for (actor, people) in [&mut e.source, &mut e.target].into_iter().zip(people) {
            if actor.code.len() == 3 && atalaya_cameo::is_state(&actor.code) {
                let sector = if people { "CVL" } else { sector };
                actor.code.push_str(sector);
                actor.sector = Some(sector.to_string());
            }
        }
        // "Kenya will impose tariffs on Uganda": sanctions or tariffs announced for later are
        // a threat of them, made now (the conventions' domain table: 1312, THREATEN).
        if e.cameo == "163" && e.modality == Modality::Future {
            recode(e, "1312");
            e.modality = Modality::Asserted;
        }
        // "The regime has arrested 32 opposition candidates": coercion (arrests, repression)
        // by a state organ of a group of no named country is of its own country's group.
        // Not assault: "a Syrian attack killed five civilians" in Turkey.
        let home = e
            .source
            .code
            .get(..3)
            .filter(|c| atalaya_cameo::is_state(c) && state_organ(&e.source.code))
            .map(str::to_string);
        if let (Some(home), Some(group)) = (home, domestic_sector(&e.target.code)) {
            if e.cameo.starts_with("17") {
                let group = group.to_string();
                e.target.code = format!("{home}{group}");
                e.target.country = Some(home);
                e.target.sector = Some(group);
            }
        }
    }
    let mut kept: Vec<Event> = Vec::with_capacity(events.len());
    for e in events.drain(..) {
        let (s, t) = (e.source.code.as_str(), e.target.code.as_str());
        if country_and_sector(s) == country_and_sector(t) && !s.starts_with("---") {
            continue;
        }
        // Two organs of one state cooperating ("Northern Command is working with Homeland
        // Security"): internal procedure, not an interaction between actors. So is an
        // official named by an office he holds or held (`ELI`, a "designate") supporting his
        // own state ("Iraq's prime minister-designate backed a partnership between the United
        // States and Iraq": the partner is the United States).
        let organ_or_official = |c: &str| state_organ(c) || c.get(3..6) == Some("ELI");
        if s.get(..3) == t.get(..3)
            && !s.starts_with("---")
            && organ_or_official(s)
            && state_organ(t)
            && matches!(
                e.cameo.get(..2),
                Some("01" | "02" | "03" | "04" | "05" | "06" | "07" | "08")
            )
        {
            continue;
        }
        if stateless_state_organ(s) || stateless_state_organ(t) {
            continue;
        }
        // Violence or threats between two organs of one state ("India ... killed an Indian
        // soldier" read from a relative clause whose doer is "the incident"; "the border czar
        // threatened military action if the cartels take aim at US security forces", whose
        // target is the cartels): a coup or mutiny is told with its own words; coded from the
        // article's state and its own forces, it is a misreading.
        if s.get(..3) == t.get(..3)
            && !s.starts_with("---")
            && state_organ(s)
            && state_organ(t)
            && matches!(e.cameo.get(..2), Some("13" | "18" | "19" | "20"))
        {
            continue;
        }
        // "Central American countries", "the Middle East": a region is no party to an event
        // under the conventions (a country and a sector, §2).
        if regional(s) || regional(t) {
            continue;
        }
        // Force posture (15x) is shown to another country or a group, never to an organ of
        // the doer's own state: "Mexico deployed National Guard troops" (the troops are the
        // instrument; the coder gives them the doer's country), "Israeli tanks deployed at the
        // Israel-Lebanon border" (its own state named beside them is a place). Stateless
        // organs (`---MIL`) are gone already.
        if e.cameo.starts_with("15") && s.get(..3) == t.get(..3) && state_organ(t) {
            continue;
        }
        let again = kept.iter().any(|k| {
            let same = k.source.code == s && k.target.code == t;
            let mirrored = k.source.code == t
                && k.target.code == s
                && atalaya_cameo::is_symmetric(&e.cameo)
                && k.cameo == e.cameo;
            (same && k.cameo == e.cameo) || mirrored
        });
        if !again {
            kept.push(e);
        }
    }
    *events = kept;
}
