//! The CAMEO event ontology: every CAMEO 1.1b3 event code with its short name, Goldstein score,
//! root, quad class (GDELT and Phoenix conventions) and PLOVER mapping, plus the CAMEO actor
//! type codes and country-position codes used inside actor codes.
//!
//! ```
//! use atalaya_cameo::{goldstein, plover, quad_class, resolve, PloverEvent, QuadConvention};
//!
//! assert_eq!(resolve("0839").map(|c| c.code), Some("083")); // unknown child → parent
//! assert_eq!(goldstein("190"), Some(-10.0));
//! assert_eq!(quad_class("190", QuadConvention::default()), Some(4));
//! assert_eq!(plover("190").map(|m| m.event_type), Some(PloverEvent::Assault));
//! ```
//!
//! # Data structures
//!
//! * [`CameoCode`] — one event code. All 311 codes (20 roots, 3- and 4-digit codes) live in one
//!   static `Vec` parsed once from the embedded `data/cameo.tsv`, sorted by code string, which
//!   is also CAMEO tree order; lookups are binary searches. Root and quad class are derived
//!   from the code's first two digits, not stored.
//! * [`PloverMapping`] — PLOVER event type ([`PloverEvent`]), optional mode and contexts.
//! * [`ActorType`] / [`CountryCode`] — the codes that make up actor codes such as `USAMILGOV`;
//!   [`split_actor_code`] names the parts of such a code ([`ActorCodeParts`]).
//!
//! # Where the facts come from
//!
//! `data/cameo.tsv` and `data/country_codes.tsv` were generated once by
//! `tools/gen_tables.py` (which documents every correction it makes) from:
//!
//! * the GDELT Project lookup files `CAMEO.eventcodes.txt` and `CAMEO.goldsteinscale.txt`
//!   (as mirrored in the moxious/gdelt repository): code list, names and Goldstein scores.
//!   GDELT states its data are free to use with attribution (Leetaru and Schrodt 2013, "GDELT:
//!   Global Data on Events, Language, and Tone"). The codes and labels originate in the CAMEO
//!   codebook (Schrodt et al., Penn State / Parus Analytics; manual v1.1b3, CC BY-NC-SA 3.0);
//!   only the short code names are used here, none of the codebook's descriptions or examples.
//!   Goldstein values derive from Goldstein (1992) as extended to CAMEO by the KEDS project.
//!   GDELT's file lacks code 106 as a separate line and has shifted names for 101 and 105–108;
//!   those names follow the CAMEO structure instead (same as the CAMEO 0.7b5 codelist and the
//!   PLOVER crosswalk), so `101` is "Demand material cooperation" and `106` "Demand meeting,
//!   negotiation".
//! * the draft CAMEO → PLOVER crosswalk `CAMEO2PLOVER-2021.txt` of the PLOVER project
//!   (openeventdata/PLOVER, Open Event Data Alliance; CC BY-SA 4.0): PLOVER event, mode and
//!   contexts per code. Root 08 maps to CONCEDE (the crosswalk lists it under CONCEDE and
//!   RETREAT); 175's `pro_autocracy` is moved from mode to context.
//! * the quad-class rules of GDELT and of the Phoenix pipeline (Open Event Data Alliance,
//!   MIT), applied by root in [`quad_class_of_root`].
//! * ISO 3166-1 and 3166-3 alpha-3 codes and names (via Debian's `iso-codes`), CAMEO's regional
//!   codes and the non-ISO code `KSV`.
//!
//! The Phoenix (Parus `CAMEO.SCALE`) Goldstein values differ from GDELT's for a few codes
//! (016, 022, 124, 1246, 163, 165, 166); this crate carries GDELT's.

mod actor;
mod event;
mod plover;

pub use actor::{
    actor_type_of, country_and_sector, country_code, country_codes, is_actor_type, is_iso3,
    is_state, split_actor_code, ActorCodeParts, ActorType, ActorTypeKind, CountryCode, CountryKind,
    ACTOR_TYPES,
};
pub use event::{
    all, goldstein, is_known, is_symmetric, lookup, plover, quad_class, quad_class_name,
    quad_class_of_root, resolve, root_of, CameoCode, QuadConvention,
};
pub use plover::{PloverEvent, PloverMapping, UnknownPloverEvent};

/// A line of an embedded data table is malformed. Names the table file and the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {problem}")]
pub struct TableError {
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: usize,
    pub problem: String,
}

impl TableError {
    fn new(file: &str, line: usize, problem: String) -> Self {
        TableError {
            file: file.to_string(),
            line,
            problem,
        }
    }
}

/// The data lines of an embedded tab-separated table, each as `(line number, its N fields)`.
/// Blank and `#` comment lines are skipped; the first other line must be the header (it starts
/// with `code\t`, `header` is how errors show it); every later line must have exactly N fields.
/// Errors come in line order, so a caller stopping at the first one reports the earliest line.
pub(crate) fn table_rows<'f, const N: usize>(
    text: &'static str,
    file: &'f str,
    header: &'static str,
) -> impl Iterator<Item = Result<(usize, [&'static str; N]), TableError>> + 'f {
    let mut seen_header = false;
    text.lines().enumerate().filter_map(move |(index, line)| {
        let line_no = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        if !seen_header {
            seen_header = true;
            if line.starts_with("code\t") {
                return None;
            }
            let problem = format!("expected the header line `{header}`");
            return Some(Err(TableError::new(file, line_no, problem)));
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        Some(
            <[&'static str; N]>::try_from(fields)
                .map(|fields| (line_no, fields))
                .map_err(|fields| {
                    let found = fields.len();
                    let problem = format!("expected {N} tab-separated fields, found {found}");
                    TableError::new(file, line_no, problem)
                }),
        )
    })
}
