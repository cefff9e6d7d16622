//! News conventions applied to one article's events (`RunOptions::country_sector`), as
//! `../shared/eval/NEWS-CONVENTIONS.md` states them for real news:
//!
//! - a country named as the doer or the object of a state act is its government: "Mexico
//!   extradited", "sanctions on Venezuela" → `MEXGOV`, `VENGOV` (the sector is the option's);
//!   its people named by a plural demonym ("Mexicans", "Israelis") are its civilians (`CVL`);
//! - no event with a state organ of no state (`---GOV`: "the ministry", "a judge" whose
//!   country nothing names);
//! - no force posture (15x) whose target is the doer's own troops or police (an instrument);
//! - no cooperation between two organs of one state (internal procedure);
//! - no event from an actor to itself (same country and sector on both sides: "Mexican
//!   officials criticized the Mexican government" is the government on both sides);
//! - one event is coded once per article: the same source, target and code again (a quote
//!   repeated, the lead restated) is a mention of the first, and a meeting or a call between
//!   two sides is one event, not one each way.

use crate::record::Event;
use atalaya_cameo::country_and_sector;

/// "Mexicans", "Venezuelans", "Israelis", "the Lebanese": the people, not the state.
fn plural_demonym(surface: &str) -> bool {
    let last = surface
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    last.ends_with("ans") || (last.ends_with("is") && last.len() > 5) || last.ends_with("ese")
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

fn state_organ(code: &str) -> bool {
    matches!(code.get(3..6), Some("GOV" | "MIL" | "COP" | "SPY" | "JUD"))
}

pub(crate) fn apply(events: &mut Vec<Event>, sector: &str) {
    for e in events.iter_mut() {
        for actor in [&mut e.source, &mut e.target] {
            if actor.code.len() == 3 && atalaya_cameo::is_iso3(&actor.code) {
                let sector = if plural_demonym(&actor.text) {
                    "CVL"
                } else {
                    sector
                };
                actor.code.push_str(sector);
                actor.sector = Some(sector.to_string());
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
        // Security"): internal procedure, not an interaction between actors.
        if s.get(..3) == t.get(..3)
            && !s.starts_with("---")
            && state_organ(s)
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
        // "Mexico deployed National Guard troops": the troops are the instrument, not the
        // one acted on (the coder gives them the doer's country for force posture, 15x).
        if e.cameo.starts_with("15")
            && s.get(..3) == t.get(..3)
            && matches!(t.get(3..6), Some("MIL" | "COP"))
        {
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
