//! PLOVER event types and the CAMEO → PLOVER mapping attached to each CAMEO code.
//!
//! PLOVER (the successor ontology of CAMEO) has 16 event types; a CAMEO code maps to one of them,
//! optionally with a *mode* (how the event was carried out, e.g. `visit` for CONSULT) and zero or
//! more *contexts* (what it was about, e.g. `military`). Modes and contexts are kept as the strings
//! of the draft 2021 crosswalk: some of its modes are not in the final PLOVER manual, so they are
//! not forced into an enum.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PloverEvent {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverEvent {
    /// Every event type, in the order of the PLOVER manual.
    pub const ALL: [PloverEvent; 16] = [
        PloverEvent::Agree,
        PloverEvent::Consult,
        PloverEvent::Support,
        PloverEvent::Concede,
        PloverEvent::Cooperate,
        PloverEvent::Aid,
        PloverEvent::Retreat,
        PloverEvent::Request,
        PloverEvent::Accuse,
        PloverEvent::Reject,
        PloverEvent::Threaten,
        PloverEvent::Protest,
        PloverEvent::Sanction,
        PloverEvent::Mobilize,
        PloverEvent::Coerce,
        PloverEvent::Assault,
    ];

    /// The upper-case name used in PLOVER records, e.g. `"ASSAULT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverEvent::Agree => "AGREE",
            PloverEvent::Consult => "CONSULT",
            PloverEvent::Support => "SUPPORT",
            PloverEvent::Concede => "CONCEDE",
            PloverEvent::Cooperate => "COOPERATE",
            PloverEvent::Aid => "AID",
            PloverEvent::Retreat => "RETREAT",
            PloverEvent::Request => "REQUEST",
            PloverEvent::Accuse => "ACCUSE",
            PloverEvent::Reject => "REJECT",
            PloverEvent::Threaten => "THREATEN",
            PloverEvent::Protest => "PROTEST",
            PloverEvent::Sanction => "SANCTION",
            PloverEvent::Mobilize => "MOBILIZE",
            PloverEvent::Coerce => "COERCE",
            PloverEvent::Assault => "ASSAULT",
        }
    }

    /// PLOVER quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    ///
    /// SANCTION is placed in material conflict as in the manual's event chapter; the manual's
    /// summary table and README put it in verbal conflict instead.
    pub fn quad_category(self) -> u8 {
        match self {
            PloverEvent::Agree
            | PloverEvent::Consult
            | PloverEvent::Support
            | PloverEvent::Concede => 1,
            PloverEvent::Cooperate | PloverEvent::Aid | PloverEvent::Retreat => 2,
            PloverEvent::Request
            | PloverEvent::Accuse
            | PloverEvent::Reject
            | PloverEvent::Threaten => 3,
            PloverEvent::Protest
            | PloverEvent::Sanction
            | PloverEvent::Mobilize
            | PloverEvent::Coerce
            | PloverEvent::Assault => 4,
        }
    }
}

impl fmt::Display for PloverEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not the name of a PLOVER event type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown PLOVER event type {0:?}")]
pub struct UnknownPloverEvent(pub String);

impl FromStr for PloverEvent {
    type Err = UnknownPloverEvent;

    /// Accepts the PLOVER name in any letter case (`"assault"`, `"ASSAULT"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PloverEvent::ALL
            .into_iter()
            .find(|event| event.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownPloverEvent(s.to_string()))
    }
}

/// Where a CAMEO code lands in PLOVER.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PloverMapping {
    pub event_type: PloverEvent,
    /// PLOVER mode, e.g. `"visit"`, `"firearms"`; `None` when the crosswalk gives none.
    pub mode: Option<&'static str>,
    /// PLOVER contexts, e.g. `["military", "legal"]`; may be empty.
    pub contexts: Vec<&'static str>,
}
