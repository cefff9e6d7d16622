//! The CAMEO event-code table and the lookups on it.
//!
//! `data/cameo.tsv` is embedded at compile time and parsed once into a `Vec<CameoCode>` kept
//! sorted by code string. Byte order of the code strings is also the tree order of CAMEO
//! (`"02" < "020" < "021" < "0211" < "022"`), so a binary search finds any code and a parent
//! always comes before its children.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::plover::{PloverEvent, PloverMapping};
use crate::TableError;

const EVENT_TABLE_FILE: &str = "crates/cameo/data/cameo.tsv";
const EVENT_TABLE: &str = include_str!("../data/cameo.tsv");

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CameoCode {
    /// The code as written in CAMEO, with its leading zero: `"03"`, `"036"`, `"0332"`.
    pub code: &'static str,
    /// Short CAMEO name, e.g. `"Use conventional military force"`.
    pub name: &'static str,
    /// Goldstein conflict–cooperation score, -10 (most conflictual) to +10, GDELT's values.
    pub goldstein: f32,
    /// Root number 1–20 (the first two digits).
    pub root: u8,
    /// PLOVER mapping; `None` for roots 01 and 02, which PLOVER dropped.
    pub plover: Option<PloverMapping>,
}

impl CameoCode {
    /// 1 for a root (`"19"`), 2 for a three-digit code (`"190"`), 3 for a four-digit code.
    pub fn level(&self) -> u8 {
        match self.code.len() {
            2 => 1,
            3 => 2,
            _ => 3,
        }
    }

    /// The root code, e.g. `"03"` for `"0332"`.
    pub fn root_code(&self) -> &'static str {
        self.code.get(..2).unwrap_or(self.code)
    }

    /// The code one level up (`"0332"` → `"033"`, `"033"` → `"03"`); `None` for a root.
    pub fn parent(&self) -> Option<&'static CameoCode> {
        if self.code.len() <= 2 {
            return None;
        }
        lookup(self.code.get(..self.code.len() - 1)?)
    }

    /// The codes one level down, in code order.
    pub fn children(&self) -> impl Iterator<Item = &'static CameoCode> + '_ {
        all()
            .iter()
            .filter(move |c| c.code.len() == self.code.len() + 1 && c.code.starts_with(self.code))
    }

    /// Quad class of this code under `convention` (see [`quad_class`]).
    pub fn quad_class(&self, convention: QuadConvention) -> u8 {
        // Roots in the table are validated to 1..=20, for which both conventions are total.
        quad_class_of_root(self.root, convention).unwrap_or(0)
    }
}

/// Which quad-class scheme to use; the two differ for roots 01–02, 09 and 14–16.
///
/// [`QuadConvention::Gdelt`] is the default because GDELT is by far the most used CAMEO event
/// dataset, so its classes are what users compare against. Phoenix (Open Event Data Alliance)
/// adds a neutral class 0 for statements and appeals and moves 09, 14 and 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuadConvention {
    /// 1 verbal cooperation (roots 01–05), 2 material cooperation (06–09),
    /// 3 verbal conflict (10–14), 4 material conflict (15–20).
    #[default]
    Gdelt,
    /// 0 neutral (01–02), 1 verbal cooperation (03–05), 2 material cooperation (06–08),
    /// 3 verbal conflict (09–13 and 16), 4 material conflict (14–15 and 17–20).
    Phoenix,
}

/// Quad class of a root number (1–20) under `convention`; `None` outside 1–20.
pub fn quad_class_of_root(root: u8, convention: QuadConvention) -> Option<u8> {
    let class = match convention {
        QuadConvention::Gdelt => match root {
            1..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            15..=20 => 4,
            _ => return None,
        },
        QuadConvention::Phoenix => match root {
            1..=2 => 0,
            3..=5 => 1,
            6..=8 => 2,
            9..=13 | 16 => 3,
            14..=15 | 17..=20 => 4,
            _ => return None,
        },
    };
    Some(class)
}

/// Human-readable name of a quad class, e.g. `"material conflict"`; `None` if `class` is not
/// used by `convention` (0 exists only in Phoenix).
pub fn quad_class_name(class: u8, convention: QuadConvention) -> Option<&'static str> {
    match (class, convention) {
        (0, QuadConvention::Phoenix) => Some("neutral"),
        (1, _) => Some("verbal cooperation"),
        (2, _) => Some("material cooperation"),
        (3, _) => Some("verbal conflict"),
        (4, _) => Some("material conflict"),
        _ => None,
    }
}

static EVENT_CODES: LazyLock<Vec<CameoCode>> = LazyLock::new(|| {
    match parse_event_table(EVENT_TABLE, EVENT_TABLE_FILE) {
        Ok(codes) => codes,
        // The table is compiled into the crate and checked by the tests, so this is a build
        // defect, not something input can cause.
        Err(err) => panic!("embedded CAMEO table is invalid: {err}"),
    }
});

/// Every CAMEO code, sorted by code (which is also tree order).
pub fn all() -> &'static [CameoCode] {
    &EVENT_CODES
}

/// The code exactly as given (`"0332"`), or `None` if CAMEO has no such code.
pub fn lookup(code: &str) -> Option<&'static CameoCode> {
    let codes = all();
    codes
        .binary_search_by(|c| c.code.cmp(code))
        .ok()
        .and_then(|i| codes.get(i))
}

/// Whether one event with this code describes both sides alike, so that A→B and B→A are the
/// same event: meetings, calls, talks, negotiations, agreements signed, joint operations.
/// (An appeal to meet, 026, or a visit, 042, has a direction.)
pub fn is_symmetric(code: &str) -> bool {
    matches!(code, "040" | "041" | "044" | "046" | "057" | "062")
}

/// Whether `code` is exactly a CAMEO code.
pub fn is_known(code: &str) -> bool {
    lookup(code).is_some()
}

/// The code itself if known, else its nearest known ancestor (`"0831"` unknown → `"083"` →
/// `"08"`). Surrounding whitespace is ignored; anything that is not 2–4 ASCII digits
/// (`"083a"`, `"---"`, `"12345"`) gives `None`, as does an unknown root (`"21"`).
pub fn resolve(code: &str) -> Option<&'static CameoCode> {
    let code = code.trim();
    if !has_code_shape(code) {
        return None;
    }
    (2..=code.len())
        .rev()
        .find_map(|len| lookup(code.get(..len)?))
}

/// The root of a 2-, 3- or 4-digit code (`"0332"` → `"03"`, `"1821"` → `"18"`), or `None` if
/// the text is not a code or its first two digits are not a CAMEO root.
pub fn root_of(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if !has_code_shape(code) {
        return None;
    }
    lookup(code.get(..2)?).map(|root| root.code)
}

/// Quad class of `code` under `convention`, from its root; `None` if it has no valid root.
pub fn quad_class(code: &str, convention: QuadConvention) -> Option<u8> {
    let root = lookup(root_of(code)?)?;
    quad_class_of_root(root.root, convention)
}

/// Goldstein score of `code`, or of its nearest known ancestor.
pub fn goldstein(code: &str) -> Option<f32> {
    resolve(code).map(|c| c.goldstein)
}

/// PLOVER mapping of `code`. When the code is unknown or has no mapping of its own, the
/// nearest ancestor's mapping is used; codes under roots 01 and 02 have none.
pub fn plover(code: &str) -> Option<&'static PloverMapping> {
    let mut current = resolve(code);
    while let Some(c) = current {
        if let Some(mapping) = &c.plover {
            return Some(mapping);
        }
        current = c.parent();
    }
    None
}

/// Two to four ASCII digits.
fn has_code_shape(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Parses the event table format (see `data/cameo.tsv`): `#` comment lines, one header line,
/// then `code name goldstein plover_event plover_mode plover_contexts`, tab-separated.
/// Checks codes are well formed, unique, sorted and have their parent present.
pub(crate) fn parse_event_table(
    text: &'static str,
    file: &str,
) -> Result<Vec<CameoCode>, TableError> {
    let mut codes: Vec<CameoCode> = Vec::new();
    for row in crate::table_rows::<6>(text, file, "code\\tname\\t...") {
        let (line_no, [code, name, goldstein, event, mode, contexts]) = row?;
        let err = |problem: String| TableError::new(file, line_no, problem);
        if !has_code_shape(code) {
            return Err(err(format!("malformed code {code:?}")));
        }
        let root: u8 = code
            .get(..2)
            .and_then(|r| r.parse().ok())
            .filter(|r| (1..=20).contains(r))
            .ok_or_else(|| err(format!("code {code:?} has no root in 01-20")))?;
        if name.trim().is_empty() {
            return Err(err(format!("code {code} has an empty name")));
        }
        let goldstein: f32 = goldstein
            .parse()
            .ok()
            .filter(|g: &f32| (-10.0..=10.0).contains(g))
            .ok_or_else(|| {
                err(format!(
                    "Goldstein {goldstein:?} is not a number in -10..10"
                ))
            })?;
        let plover = if event.is_empty() {
            if !mode.is_empty() || !contexts.is_empty() {
                return Err(err("PLOVER mode or context without an event type".into()));
            }
            None
        } else {
            let event_type: PloverEvent = event.parse().map_err(|e| err(format!("{e}")))?;
            Some(PloverMapping {
                event_type,
                mode: (!mode.is_empty()).then_some(mode),
                contexts: contexts.split(';').filter(|c| !c.is_empty()).collect(),
            })
        };
        if let Some(previous) = codes.last() {
            if previous.code >= code {
                return Err(err(format!(
                    "code {code} is duplicated or out of order (after {})",
                    previous.code
                )));
            }
        }
        if code.len() > 2 {
            let parent = code.get(..code.len() - 1).unwrap_or_default();
            // Sorted order puts the parent before its children, so it is already parsed.
            if codes.binary_search_by(|c| c.code.cmp(parent)).is_err() {
                return Err(err(format!("code {code} has no parent {parent} above it")));
            }
        }
        codes.push(CameoCode {
            code,
            name,
            goldstein,
            root,
            plover,
        });
    }
    if codes.is_empty() {
        return Err(TableError::new(file, 0, "no codes".into()));
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "# fixture\ncode\tname\tgoldstein\tplover_event\tplover_mode\tplover_contexts\n";

    fn parse(body: &str) -> Result<Vec<CameoCode>, TableError> {
        // Leaked so the fixture lives as long as the embedded table would.
        let text: &'static str = Box::leak(format!("{HEADER}{body}").into_boxed_str());
        parse_event_table(text, "fixture.tsv")
    }

    #[test]
    fn embedded_table_parses() {
        let codes = parse_event_table(EVENT_TABLE, EVENT_TABLE_FILE);
        assert_eq!(codes.map(|c| c.len()), Ok(311));
    }

    #[test]
    fn parses_a_small_fixture() {
        let codes = parse("19\tFight\t-10.0\tASSAULT\t\t\n190\tUse force\t-10.0\tASSAULT\tfirearms\tmilitary;legal\n")
            .expect("valid fixture");
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[1].root, 19);
        let mapping = codes[1].plover.as_ref().expect("mapped");
        assert_eq!(mapping.mode, Some("firearms"));
        assert_eq!(mapping.contexts, ["military", "legal"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("19\tFight\t-10.0\tASSAULT\n", 3, "6 tab-separated"),
            ("19x\tFight\t-10.0\t\t\t\n", 3, "malformed code"),
            ("25\tNope\t-1.0\t\t\t\n", 3, "no root"),
            ("19\t \t-1.0\t\t\t\n", 3, "empty name"),
            ("19\tFight\t-11\t\t\t\n", 3, "Goldstein"),
            ("19\tFight\tNaN\t\t\t\n", 3, "Goldstein"),
            ("19\tFight\t-10\tFIGHT\t\t\n", 3, "unknown PLOVER"),
            ("19\tFight\t-10\t\tfirearms\t\n", 3, "without an event"),
            (
                "19\tFight\t-10\t\t\t\n19\tFight\t-10\t\t\t\n",
                4,
                "duplicated",
            ),
            (
                "19\tFight\t-10\t\t\t\n18\tAssault\t-9\t\t\t\n",
                4,
                "out of order",
            ),
            (
                "19\tFight\t-10\t\t\t\n1901\tOrphan\t-10\t\t\t\n",
                4,
                "no parent",
            ),
        ];
        for (body, line, needle) in cases {
            let err = parse(body).expect_err(body);
            assert_eq!(
                (err.file.as_str(), err.line),
                ("fixture.tsv", line),
                "{body:?}"
            );
            assert!(err.to_string().contains(needle), "{err} lacks {needle:?}");
            assert!(err
                .to_string()
                .starts_with(&format!("fixture.tsv:{line}: ")));
        }
        let no_header =
            parse_event_table("19\tFight\t-10\t\t\t\n", "x.tsv").expect_err("no header");
        assert_eq!(no_header.line, 1);
        assert_eq!(parse("").map_err(|e| e.line), Err(0));
    }
}
