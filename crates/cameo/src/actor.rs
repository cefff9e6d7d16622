//! CAMEO actor codes: the actor type (role/sector) codes, the country-position codes, and a
//! splitter for composite codes such as `"USAMILGOV"`.
//!
//! A CAMEO actor code is a run of 3-letter segments. The first segment (the *root*) is usually
//! a country (ISO 3166-1 alpha-3, a withdrawn ISO code, a CAMEO-only code such as `KSV`, or a
//! CAMEO region such as `MEA`), or a top-level international code (`IGO`, `NGO`, `MNC`, ...).
//! Later segments add roles and sectors (`GOV`, `MIL`, `REB`), known groups (`UNO`) or
//! sub-national and religious codes. Country codes are loaded from the embedded
//! `data/country_codes.tsv`; actor types are a small table below.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::TableError;

/// What an actor type code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorTypeKind {
    /// State and armed roles: government, military, police, rebels, opposition, ...
    Role,
    /// Societal sectors: business, media, education, labour, refugees, ...
    Sector,
    /// Strategy modifiers (moderate, radical) that qualify another code.
    Modifier,
    /// Codes that stand in the first position of an actor code in place of a country.
    TopLevel,
}

/// One CAMEO actor type code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ActorType {
    pub code: &'static str,
    pub label: &'static str,
    pub kind: ActorTypeKind,
}

const fn actor_type(code: &'static str, label: &'static str, kind: ActorTypeKind) -> ActorType {
    ActorType { code, label, kind }
}

/// CAMEO actor type codes (the codes GDELT reports in its type fields, plus `PTY`, `LEG`-style
/// codes the CAMEO dictionaries use).
pub const ACTOR_TYPES: &[ActorType] = {
    use ActorTypeKind::{Modifier, Role, Sector, TopLevel};
    &[
        actor_type("COP", "Police", Role),
        actor_type("GOV", "Government", Role),
        actor_type("INS", "Insurgents", Role),
        actor_type("JUD", "Judiciary", Role),
        actor_type("LEG", "Legislature", Role),
        actor_type("MIL", "Military", Role),
        actor_type("OPP", "Political opposition", Role),
        actor_type("PKO", "Peacekeepers", Role),
        actor_type("PTY", "Political party", Role),
        actor_type("REB", "Rebels", Role),
        actor_type("SEP", "Separatist rebels", Role),
        actor_type("SPY", "State intelligence", Role),
        actor_type("UAF", "Unaligned armed forces", Role),
        actor_type("AGR", "Agriculture", Sector),
        actor_type("BUS", "Business", Sector),
        actor_type("CRM", "Criminals", Sector),
        actor_type("CVL", "Civilians", Sector),
        actor_type("DEV", "Development", Sector),
        actor_type("EDU", "Education", Sector),
        actor_type("ELI", "Elites", Sector),
        actor_type("ENV", "Environment", Sector),
        actor_type("HLH", "Health", Sector),
        actor_type("HRI", "Human rights", Sector),
        actor_type("LAB", "Labour", Sector),
        actor_type("MED", "Media", Sector),
        actor_type("REF", "Refugees", Sector),
        actor_type("REL", "Religious", Sector),
        actor_type("SET", "Settlers", Sector),
        actor_type("MOD", "Moderate", Modifier),
        actor_type("RAD", "Radical", Modifier),
        actor_type("IGO", "Intergovernmental organization", TopLevel),
        actor_type("IMG", "International militarized group", TopLevel),
        actor_type("INT", "International or transnational actor", TopLevel),
        actor_type("MNC", "Multinational corporation", TopLevel),
        actor_type("NGM", "Non-governmental movement", TopLevel),
        actor_type("NGO", "Non-governmental organization", TopLevel),
        actor_type("UIS", "Unidentified state actor", TopLevel),
    ]
};

/// The actor type with this code (exact, upper case), if any.
pub fn actor_type_of(code: &str) -> Option<&'static ActorType> {
    ACTOR_TYPES.iter().find(|t| t.code == code)
}

/// Whether `s` is a CAMEO actor type code such as `"GOV"` or `"NGO"` (exact, upper case).
pub fn is_actor_type(s: &str) -> bool {
    actor_type_of(s).is_some()
}

fn is_role_or_sector(code: &str) -> bool {
    actor_type_of(code)
        .is_some_and(|t| matches!(t.kind, ActorTypeKind::Role | ActorTypeKind::Sector))
}

/// What kind of code stands in the country position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountryKind {
    /// Current ISO 3166-1 alpha-3 code.
    Iso,
    /// Withdrawn ISO code (ISO 3166-3), e.g. `SUN`, `YUG`: still found in historical coding.
    Former,
    /// Country code used by CAMEO dictionaries but not by ISO, e.g. `KSV` (Kosovo).
    Cameo,
    /// CAMEO regional code, e.g. `MEA` (Middle East), `WST` (the West).
    Region,
}

/// One country-position code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountryCode {
    pub code: &'static str,
    pub kind: CountryKind,
    pub name: &'static str,
}

const COUNTRY_TABLE_FILE: &str = "crates/cameo/data/country_codes.tsv";
const COUNTRY_TABLE: &str = include_str!("../data/country_codes.tsv");

static COUNTRY_CODES: LazyLock<HashMap<&'static str, CountryCode>> = LazyLock::new(|| {
    match parse_country_table(COUNTRY_TABLE, COUNTRY_TABLE_FILE) {
        Ok(codes) => codes,
        // Compiled into the crate and checked by the tests: a build defect, not an input error.
        Err(err) => panic!("embedded country table is invalid: {err}"),
    }
});

/// The country-position code `code` (exact, upper case), of any [`CountryKind`].
pub fn country_code(code: &str) -> Option<&'static CountryCode> {
    COUNTRY_CODES.get(code)
}

/// Whether `code` is a current ISO 3166-1 alpha-3 code (exact, upper case).
pub fn is_iso3(code: &str) -> bool {
    country_code(code).is_some_and(|c| c.kind == CountryKind::Iso)
}

/// Whether `code` names a state of today: a current ISO 3166-1 alpha-3 code or a CAMEO-only
/// country code (`KSV`, Kosovo, which ISO does not list). Not a withdrawn code or a region.
pub fn is_state(code: &str) -> bool {
    country_code(code).is_some_and(|c| matches!(c.kind, CountryKind::Iso | CountryKind::Cameo))
}

/// Every country-position code, in no particular order.
pub fn country_codes() -> impl Iterator<Item = &'static CountryCode> {
    COUNTRY_CODES.values()
}

/// A CAMEO actor code split into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActorCodeParts {
    /// Country (or region) affiliation: the root if it is a country-position code, or, after a
    /// top-level root such as `NGO`, the segment that follows it (`"NGOKWT"` → `KWT`).
    pub country: Option<String>,
    /// The first segment, always present (empty only for empty input).
    pub root: String,
    /// The first role or sector segment (`GOV`, `MIL`, `CRM`, `HLH`, ...); a root that is
    /// itself a role or sector (`"REB"`, `"CVL"`) counts. Top-level roots such as `IGO` stay
    /// only in `root`, modifiers (`MOD`, `RAD`) go to `rest`.
    pub sector: Option<String>,
    /// The remaining segments in order, e.g. `["GOV"]` for `"USAMILGOV"`, `["UNO"]` for
    /// `"IGOUNO"`. A trailing piece shorter than 3 characters ends up here too.
    pub rest: Vec<String>,
}

/// The part of an actor code that says who acts: country (or IGO) and first sector, the first
/// six characters (`USAGOVMIL` → `USAGOV`, `IGOUNOHCR` → `IGOUNO`; shorter codes whole). The
/// news conventions and the real-news scorer compare actors by it.
pub fn country_and_sector(code: &str) -> &str {
    let code = code.trim();
    code.get(..6).unwrap_or(code)
}

/// Splits a CAMEO actor code into 3-character segments and names them.
///
/// `"USAGOV"` → country USA, sector GOV; `"IGOUNO"` → root IGO, no sector, rest UNO;
/// `"USAMILGOV"` → USA / MIL / rest GOV; `"ARN"` → root ARN with no country, since ARN is not
/// a country code. Input is trimmed and upper-cased; it never fails.
pub fn split_actor_code(code: &str) -> ActorCodeParts {
    let chars: Vec<char> = code.trim().to_ascii_uppercase().chars().collect();
    let mut segments: Vec<String> = chars.chunks(3).map(|c| c.iter().collect()).collect();
    if segments.is_empty() {
        return ActorCodeParts::default();
    }
    let root = segments.remove(0);
    let mut parts = ActorCodeParts {
        root,
        ..ActorCodeParts::default()
    };
    if country_code(&parts.root).is_some() {
        parts.country = Some(parts.root.clone());
    } else {
        match actor_type_of(&parts.root).map(|t| t.kind) {
            Some(ActorTypeKind::TopLevel) => {
                if segments.first().is_some_and(|s| country_code(s).is_some()) {
                    parts.country = Some(segments.remove(0));
                }
            }
            Some(ActorTypeKind::Role | ActorTypeKind::Sector) => {
                parts.sector = Some(parts.root.clone());
            }
            Some(ActorTypeKind::Modifier) | None => {}
        }
    }
    if parts.sector.is_none() {
        if let Some(i) = segments.iter().position(|s| is_role_or_sector(s)) {
            parts.sector = Some(segments.remove(i));
        }
    }
    parts.rest = segments;
    parts
}

fn parse_country_table(
    text: &'static str,
    file: &str,
) -> Result<HashMap<&'static str, CountryCode>, TableError> {
    let mut codes = HashMap::new();
    for row in crate::table_rows::<3>(text, file, "code\\tkind\\tname") {
        let (line_no, [code, kind, name]) = row?;
        let err = |problem: String| TableError::new(file, line_no, problem);
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(format!("malformed country code {code:?}")));
        }
        let kind = match kind {
            "iso" => CountryKind::Iso,
            "former" => CountryKind::Former,
            "cameo" => CountryKind::Cameo,
            "region" => CountryKind::Region,
            other => return Err(err(format!("unknown kind {other:?}"))),
        };
        if codes
            .insert(code, CountryCode { code, kind, name })
            .is_some()
        {
            return Err(err(format!("duplicate country code {code}")));
        }
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses() {
        let codes = parse_country_table(COUNTRY_TABLE, COUNTRY_TABLE_FILE).expect("valid");
        assert!(codes.len() > 280);
    }

    #[test]
    fn malformed_country_lines_are_reported() {
        let cases = [
            ("code\tkind\tname\nUSA\tiso\n", 2, "3 tab-separated"),
            (
                "code\tkind\tname\nusa\tiso\tUnited States\n",
                2,
                "malformed",
            ),
            (
                "code\tkind\tname\nUSA\tnation\tUnited States\n",
                2,
                "unknown kind",
            ),
            (
                "code\tkind\tname\nUSA\tiso\tA\nUSA\tiso\tB\n",
                3,
                "duplicate",
            ),
            ("USA\tiso\tA\n", 1, "header"),
        ];
        for (text, line, needle) in cases {
            let err = parse_country_table(text, "c.tsv").expect_err(text);
            assert_eq!(err.line, line, "{text:?}");
            assert!(err.to_string().contains(needle), "{err}");
        }
    }
}
