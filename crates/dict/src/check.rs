//! Dictionary checks (`atalaya dict check`) and the coverage report (`atalaya dict coverage`).
//!
//! [`check`] works on a loaded [`Dictionaries`] of any format plus the loader's warnings and
//! returns [`Finding`]s, each with a [`Severity`], the file and line of the entry concerned and a
//! message. What it looks for:
//!
//! * entity ids used twice (error);
//! * one alias naming two actors: error when their codes differ (the coder cannot tell which is
//!   meant), warning when the codes are the same; the same for agent phrases;
//! * dated roles of one entity that carry the **same code** and overlap (error: merge them;
//!   roles with different codes may overlap — a person can hold two offices) and date ranges
//!   that end before they start (error);
//! * actor codes whose first segment is not a country-position code (ISO-3, former ISO, CAMEO
//!   country or region), a top-level CAMEO code (`IGO`, `NGO`, ...), a sector or a CAMEO known
//!   group (error), and later segments that are none of these nor a religion code (warning);
//! * event codes unknown to CAMEO (error; warning when only a more specific digit is unknown);
//! * patterns identical to an earlier pattern of the same verb: never reached (warning, or
//!   error when the codes differ), and synset references out of range (error);
//! * verb forms that belong to two verbs (warning).
//!
//! [`coverage`] counts what a dictionary set covers ([`Coverage`], serialisable, with a
//! `Display` table).

use crate::model::*;
use crate::Warning;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// How bad a finding is: errors make `dict check` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a dictionary.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// The entry concerned; `None` for findings about the set as a whole.
    pub origin: Option<Origin>,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.origin {
            Some(origin) => write!(f, "{origin}: {severity}: {}", self.message),
            None => write!(f, "{severity}: {}", self.message),
        }
    }
}

/// CAMEO known-group codes (the three letters after `IGO`, `NGO`, a region or a country:
/// `IGOUNO`, `IGOWSTNAT`, `NGOAMN`).
const KNOWN_GROUPS: &[&str] = &[
    "AAM", "ABD", "ACC", "ADB", "AEU", "AFB", "ALQ", "AMF", "AML", "AMN", "AMU", "ANO", "APE",
    "ARL", "ASL", "ASN", "ATD", "BCA", "BIS", "BTH", "CEM", "CFA", "CIS", "CMN", "COE", "CPA",
    "CPC", "CRC", "CSS", "CWN", "DFL", "EBR", "ECA", "EEC", "EFT", "ENN", "FAO", "FID", "FIS",
    "FLN", "FTA", "GCC", "GIA", "GOE", "GOS", "GSP", "GSS", "HCH", "HCR", "HEZ", "HIP", "HMS",
    "HRW", "IAC", "IAD", "IAE", "IAF", "ICC", "ICG", "ICJ", "ICO", "IDB", "IGC", "IHF", "ILO",
    "IMF", "IOM", "IPU", "IRC", "ISJ", "ITP", "JUR", "KDP", "KID", "LBA", "LKD", "MBR", "MRZ",
    "MSF", "MSP", "NAT", "NEP", "NON", "OAS", "OAU", "OIC", "OPC", "PAP", "PFL", "PLF", "PLO",
    "PLS", "PMD", "PRC", "PSE", "RCR", "RND", "SAA", "SAD", "SCE", "SHA", "SOT", "TAL", "UEM",
    "UNO", "WAD", "WAM", "WAS", "WBK", "WCT", "WEF", "WFP", "WHO", "WTO", "XFM",
];

/// CAMEO religion codes, which may follow a country or sector code (`IRQMOSSHI`).
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN",
    "SIK", "SUN", "TAO", "UDX", "ZRO",
];

fn is_known_group(segment: &str) -> bool {
    KNOWN_GROUPS.contains(&segment)
}

/// Whether `code` is a CAMEO event code. Kept behind one function so that the source of truth
/// (the `atalaya-cameo` table) can change without touching the checks.
pub fn event_code_known(code: &str) -> bool {
    atalaya_cameo::is_known(code)
}

/// Checks an actor code; `None` when it is fine.
pub fn actor_code_problem(code: &str) -> Option<(Severity, String)> {
    if code == "---" {
        return None;
    }
    if code.contains('/') {
        // PETRARCH compound codes (`FRO/BIL/SAM`): each part is a code of its own.
        return code.split('/').find_map(actor_code_problem);
    }
    if code.is_empty() || !code.len().is_multiple_of(3) || !code.is_ascii() {
        return Some((
            Severity::Error,
            format!("actor code `{code}` is not a run of 3-letter segments"),
        ));
    }
    let segments: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..i + 3))
        .collect();
    let root = segments.first().copied().unwrap_or_default();
    let root_known = atalaya_cameo::country_code(root).is_some()
        || atalaya_cameo::is_actor_type(root)
        || is_known_group(root);
    if !root_known {
        return Some((
            Severity::Error,
            format!("actor code `{code}`: `{root}` is not an ISO-3 country, CAMEO region, top-level code or known group"),
        ));
    }
    for segment in segments.iter().skip(1) {
        let known = atalaya_cameo::is_actor_type(segment)
            || is_known_group(segment)
            || atalaya_cameo::country_code(segment).is_some()
            || RELIGIONS.contains(segment);
        if !known {
            return Some((
                Severity::Warning,
                format!("actor code `{code}`: segment `{segment}` is not a CAMEO type, known group, region or religion code"),
            ));
        }
    }
    None
}

/// Checks an agent code (a run of type, known-group or religion segments); `None` when fine.
pub fn agent_code_problem(code: &str) -> Option<(Severity, String)> {
    if code.is_empty() || !code.len().is_multiple_of(3) || !code.is_ascii() {
        return Some((
            Severity::Error,
            format!("agent code `{code}` is not a run of 3-letter segments"),
        ));
    }
    (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..i + 3))
        .find(|s| !(atalaya_cameo::is_actor_type(s) || is_known_group(s) || RELIGIONS.contains(s)))
        .map(|s| {
            (
                Severity::Warning,
                format!("agent code `{code}`: segment `{s}` is not a CAMEO type, known group or religion code"),
            )
        })
}

/// Checks one event code of a verb or pattern; `None` when CAMEO knows it.
fn event_code_problem(code: &str) -> Option<(Severity, String)> {
    if code.is_empty() || event_code_known(code) {
        return None;
    }
    match atalaya_cameo::resolve(code) {
        Some(parent) => Some((
            Severity::Warning,
            format!(
                "event code `{code}` is not in CAMEO; events will carry its parent `{}`",
                parent.code
            ),
        )),
        None => Some((
            Severity::Error,
            format!("event code `{code}` is not a CAMEO code"),
        )),
    }
}

fn code_spec_problems(spec: &CodeSpec) -> Vec<(Severity, String)> {
    match spec {
        CodeSpec::Code(c) => event_code_problem(c).into_iter().collect(),
        CodeSpec::Paired(a, b) => [a, b]
            .into_iter()
            .filter_map(|c| event_code_problem(c))
            .collect(),
        CodeSpec::Null => Vec::new(),
    }
}

/// A phrase as text (`"los chapitos"`, `"argentin*"`), for messages.
pub fn phrase_text(phrase: &Phrase) -> String {
    let words: Vec<String> = phrase
        .words
        .iter()
        .map(|w| {
            if w.stem {
                format!("{}*", w.key)
            } else {
                w.key.clone()
            }
        })
        .collect();
    words.join(" ")
}

type PhraseKey = Vec<(String, bool)>;

fn phrase_key(phrase: &Phrase) -> PhraseKey {
    phrase
        .words
        .iter()
        .map(|w| (w.key.clone(), w.stem))
        .collect()
}

fn actor_label(actor: &ActorEntry) -> String {
    match &actor.entity_id {
        Some(id) => format!("`{id}`"),
        None => format!("`{}`", actor.name),
    }
}

/// Runs every check; `load_warnings` (from the loader) become warning findings. Findings come
/// sorted by file and line.
pub fn check(dicts: &Dictionaries, load_warnings: &[Warning]) -> Vec<Finding> {
    let mut findings: Vec<Finding> = load_warnings
        .iter()
        .map(|w| Finding {
            severity: Severity::Warning,
            origin: Some(w.origin.clone()),
            message: w.message.clone(),
        })
        .collect();
    let mut push = |severity, origin: &Origin, message: String| {
        findings.push(Finding {
            severity,
            origin: Some(origin.clone()),
            message,
        })
    };

    // Actors: ids, aliases, roles, codes.
    let mut ids: HashMap<&str, &Origin> = HashMap::new();
    let mut alias_owner: HashMap<PhraseKey, usize> = HashMap::new();
    for (index, actor) in dicts.actors.iter().enumerate() {
        if crate::atalaya::is_disable_marker(actor) {
            continue;
        }
        if let Some(id) = &actor.entity_id {
            if let Some(first) = ids.insert(id, &actor.origin) {
                push(
                    Severity::Error,
                    &actor.origin,
                    format!("entity id `{id}` is also used at {first}"),
                );
            }
        }
        for phrase in &actor.phrases {
            let key = phrase_key(phrase);
            match alias_owner.get(&key) {
                None => {
                    alias_owner.insert(key, index);
                }
                Some(&other) if other == index => {}
                Some(&other) => {
                    let Some(first) = dicts.actors.get(other) else {
                        continue;
                    };
                    let (severity, what) = if first.codes == actor.codes {
                        (Severity::Warning, "with the same codes")
                    } else {
                        (Severity::Error, "with different codes")
                    };
                    push(
                        severity,
                        &actor.origin,
                        format!(
                            "alias \"{}\" of {} also names {} ({}) {what}",
                            phrase_text(phrase),
                            actor_label(actor),
                            actor_label(first),
                            first.origin
                        ),
                    );
                }
            }
        }
        let mut undated = 0;
        for (i, a) in actor.codes.iter().enumerate() {
            if a.from.is_none() && a.until.is_none() {
                undated += 1;
            }
            if let (Some(from), Some(until)) = (a.from, a.until) {
                if from > until {
                    push(
                        Severity::Error,
                        &actor.origin,
                        format!(
                            "{}: role `{}` ends ({until}) before it starts ({from})",
                            actor_label(actor),
                            a.code
                        ),
                    );
                }
            }
            for b in actor.codes.iter().skip(i + 1) {
                // An undated code is the fallback, not a role: it may repeat a dated code.
                let both_dated = (a.from.is_some() || a.until.is_some())
                    && (b.from.is_some() || b.until.is_some());
                if both_dated && a.code == b.code && crate::atalaya::ranges_overlap(a, b) {
                    push(
                        Severity::Error,
                        &actor.origin,
                        format!(
                            "{}: two overlapping `{}` roles ({} and {}): merge them into one",
                            actor_label(actor),
                            a.code,
                            range_text(a),
                            range_text(b)
                        ),
                    );
                }
            }
            if let Some((severity, message)) = actor_code_problem(&a.code) {
                push(
                    severity,
                    &actor.origin,
                    format!("{}: {message}", actor_label(actor)),
                );
            }
        }
        if undated > 1 {
            push(
                Severity::Warning,
                &actor.origin,
                format!(
                    "{} has {undated} undated codes; only the first is used",
                    actor_label(actor)
                ),
            );
        }
    }

    // Agents.
    let mut agent_owner: HashMap<PhraseKey, usize> = HashMap::new();
    for (index, agent) in dicts.agents.iter().enumerate() {
        if let Some((severity, message)) = agent_code_problem(&agent.code) {
            push(severity, &agent.origin, message);
        }
        for phrase in &agent.phrases {
            let key = phrase_key(phrase);
            match agent_owner.get(&key) {
                None => {
                    agent_owner.insert(key, index);
                }
                Some(&other) if other == index => {}
                Some(&other) => {
                    let Some(first) = dicts.agents.get(other) else {
                        continue;
                    };
                    let (severity, what) =
                        if first.code == agent.code && first.placement == agent.placement {
                            (Severity::Warning, "with the same code")
                        } else {
                            (Severity::Error, "with a different code")
                        };
                    push(
                        severity,
                        &agent.origin,
                        format!(
                            "agent phrase \"{}\" is also an agent at {} {what}",
                            phrase_text(phrase),
                            first.origin
                        ),
                    );
                }
            }
        }
    }

    // Verbs and patterns.
    let mut form_owner: HashMap<PhraseKey, usize> = HashMap::new();
    for (index, verb) in dicts.verbs.iter().enumerate() {
        if let Some(code) = &verb.code {
            for (severity, message) in code_spec_problems(code) {
                push(
                    severity,
                    &verb.origin,
                    format!("verb `{}`: {message}", verb.lemma),
                );
            }
        }
        for form in &verb.forms {
            let key = phrase_key(form);
            match form_owner.get(&key) {
                None => {
                    form_owner.insert(key, index);
                }
                Some(&other) if other == index => {}
                Some(&other) => {
                    if let Some(first) = dicts.verbs.get(other) {
                        push(
                            Severity::Warning,
                            &verb.origin,
                            format!(
                                "form \"{}\" of verb `{}` is also a form of `{}` ({})",
                                phrase_text(form),
                                verb.lemma,
                                first.lemma,
                                first.origin
                            ),
                        );
                    }
                }
            }
        }
        let mut shapes: HashMap<String, usize> = HashMap::new();
        for &p in &verb.patterns {
            let Some(pattern) = dicts.patterns.get(p) else {
                push(
                    Severity::Error,
                    &verb.origin,
                    format!(
                        "verb `{}` points at pattern {p}, which does not exist",
                        verb.lemma
                    ),
                );
                continue;
            };
            for (severity, message) in code_spec_problems(&pattern.code) {
                push(severity, &pattern.origin, message);
            }
            for elem in pattern.before.iter().chain(&pattern.after) {
                if let PatternElem::Synset { index, .. } = elem {
                    if dicts.synsets.get(*index).is_none() {
                        push(
                            Severity::Error,
                            &pattern.origin,
                            format!("pattern refers to synset {index}, which does not exist"),
                        );
                    }
                }
            }
            let shape = format!(
                "{:?}|{:?}|{}",
                pattern.before, pattern.after, pattern.verb_adjacent
            );
            match shapes.get(&shape) {
                None => {
                    shapes.insert(shape, p);
                }
                Some(&earlier) => {
                    let Some(first) = dicts.patterns.get(earlier) else {
                        continue;
                    };
                    let severity = if first.code == pattern.code {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    push(
                        severity,
                        &pattern.origin,
                        format!(
                            "pattern `{}` is never reached: the same pattern comes first at {} (`{}`)",
                            pattern.text, first.origin, first.text
                        ),
                    );
                }
            }
        }
    }

    findings.sort_by(|a, b| match (&a.origin, &b.origin) {
        (Some(x), Some(y)) => (x.file.as_ref(), x.line).cmp(&(y.file.as_ref(), y.line)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    findings
}

fn range_text(code: &DatedCode) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{}..{}", date(code.from), date(code.until))
}

/// Verbs and patterns under one CAMEO root code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RootCoverage {
    /// CAMEO name of the root (empty for the `---` and `?` rows).
    pub name: String,
    /// Verbs whose default code falls under this root.
    pub verbs: usize,
    pub patterns: usize,
}

/// What a dictionary set covers.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub format: DictFormat,
    /// Distinct ISO-3 countries that appear as the first segment of some actor code.
    pub countries: usize,
    /// Actor entries coded as a bare country (`MEX`), i.e. the countries themselves.
    pub country_entries: usize,
    pub actors: usize,
    /// Actor entries with a stable entity id.
    pub entities: usize,
    pub actor_phrases: usize,
    /// Date-bounded codes over all actors.
    pub dated_roles: usize,
    /// Actors with at least one date-bounded code (people, mostly).
    pub actors_with_roles: usize,
    /// Actor entries per sector of their first code (`GOV`, `MIL`, `CRM`, ...; `-` for none).
    pub actors_by_sector: BTreeMap<String, usize>,
    pub agents: usize,
    pub agent_phrases: usize,
    /// Agent entries per agent code.
    pub agents_by_code: BTreeMap<String, usize>,
    pub verbs: usize,
    pub verb_forms: usize,
    pub patterns: usize,
    /// Per CAMEO root (`"01"`..`"20"`), plus `---` (no event) and `?` (not a CAMEO code).
    pub by_root: BTreeMap<String, RootCoverage>,
    pub synsets: usize,
    pub discards: usize,
    pub issues: usize,
}

fn root_key(spec: &CodeSpec) -> String {
    let code = match spec {
        CodeSpec::Null => return "---".into(),
        CodeSpec::Code(c) => c.as_str(),
        CodeSpec::Paired(a, b) => {
            if a.is_empty() {
                b.as_str()
            } else {
                a.as_str()
            }
        }
    };
    atalaya_cameo::root_of(code).map_or_else(|| "?".to_string(), str::to_string)
}

/// Counts what `dicts` covers.
pub fn coverage(dicts: &Dictionaries) -> Coverage {
    let mut countries = BTreeSet::new();
    let mut country_entries = 0;
    let mut actors_by_sector: BTreeMap<String, usize> = BTreeMap::new();
    let mut dated_roles = 0;
    let mut actors_with_roles = 0;
    let mut actors = 0;
    for actor in &dicts.actors {
        if crate::atalaya::is_disable_marker(actor) {
            continue;
        }
        actors += 1;
        let dated = actor
            .codes
            .iter()
            .filter(|c| c.from.is_some() || c.until.is_some())
            .count();
        dated_roles += dated;
        if dated > 0 {
            actors_with_roles += 1;
        }
        for code in &actor.codes {
            let parts = atalaya_cameo::split_actor_code(&code.code);
            if atalaya_cameo::is_iso3(&parts.root) {
                countries.insert(parts.root.clone());
            }
        }
        // The country itself: a bare ISO-3 code, and (when there is an id) the id is that code.
        if let [only] = actor.codes.as_slice() {
            let id_matches = actor.entity_id.as_ref().is_none_or(|id| *id == only.code);
            if only.code.len() == 3 && atalaya_cameo::is_iso3(&only.code) && id_matches {
                country_entries += 1;
            }
        }
        let sector = actor
            .codes
            .first()
            .and_then(|c| atalaya_cameo::split_actor_code(&c.code).sector)
            .unwrap_or_else(|| "-".to_string());
        *actors_by_sector.entry(sector).or_default() += 1;
    }
    let mut agents_by_code: BTreeMap<String, usize> = BTreeMap::new();
    for agent in &dicts.agents {
        *agents_by_code.entry(agent.code.clone()).or_default() += 1;
    }
    let mut by_root: BTreeMap<String, RootCoverage> = BTreeMap::new();
    let codes = dicts
        .verbs
        .iter()
        .filter_map(|v| v.code.as_ref().map(|c| (c, true)))
        .chain(dicts.patterns.iter().map(|p| (&p.code, false)));
    for (code, is_verb) in codes {
        let key = root_key(code);
        let row = by_root.entry(key.clone()).or_insert_with(|| RootCoverage {
            name: atalaya_cameo::lookup(&key)
                .map(|c| c.name.to_string())
                .unwrap_or_default(),
            ..RootCoverage::default()
        });
        if is_verb {
            row.verbs += 1;
        } else {
            row.patterns += 1;
        }
    }
    Coverage {
        format: dicts.format,
        countries: countries.len(),
        country_entries,
        actors,
        entities: dicts
            .actors
            .iter()
            .filter(|a| a.entity_id.is_some() && !crate::atalaya::is_disable_marker(a))
            .count(),
        actor_phrases: dicts.actors.iter().map(|a| a.phrases.len()).sum(),
        dated_roles,
        actors_with_roles,
        actors_by_sector,
        agents: dicts.agents.len(),
        agent_phrases: dicts.agents.iter().map(|a| a.phrases.len()).sum(),
        agents_by_code,
        verbs: dicts.verbs.len(),
        verb_forms: dicts.verbs.iter().map(|v| v.forms.len()).sum(),
        patterns: dicts.patterns.len(),
        by_root,
        synsets: dicts.synsets.len(),
        discards: dicts.discards.len(),
        issues: dicts.issues.len(),
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: [(&str, usize); 16] = [
            ("countries (ISO-3 in actor codes)", self.countries),
            ("country entries", self.country_entries),
            ("actors", self.actors),
            ("entities with id", self.entities),
            ("actor phrases", self.actor_phrases),
            ("actors with dated roles", self.actors_with_roles),
            ("dated roles", self.dated_roles),
            ("agents", self.agents),
            ("agent phrases", self.agent_phrases),
            ("verbs", self.verbs),
            ("verb forms", self.verb_forms),
            ("patterns", self.patterns),
            ("synsets", self.synsets),
            ("discards", self.discards),
            ("issues", self.issues),
            ("agent codes", self.agents_by_code.len()),
        ];
        writeln!(f, "dictionary coverage ({:?})", self.format)?;
        for (label, n) in rows {
            writeln!(f, "  {label:<34} {n:>7}")?;
        }
        if !self.actors_by_sector.is_empty() {
            writeln!(f, "actors by sector")?;
            for (sector, n) in &self.actors_by_sector {
                writeln!(f, "  {sector:<34} {n:>7}")?;
            }
        }
        if !self.by_root.is_empty() {
            writeln!(
                f,
                "{:<6} {:<44} {:>7} {:>9}",
                "root", "name", "verbs", "patterns"
            )?;
            for (root, row) in &self.by_root {
                writeln!(
                    f,
                    "{root:<6} {:<44} {:>7} {:>9}",
                    row.name, row.verbs, row.patterns
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_are_classified() {
        assert!(actor_code_problem("MEXGOV").is_none());
        assert!(actor_code_problem("IGOWSTNAT").is_none());
        assert!(actor_code_problem("IGOUNOREFHCR").is_none());
        assert!(actor_code_problem("KSV").is_none());
        assert!(actor_code_problem("USAGOVMIL").is_none());
        assert!(actor_code_problem("FRO/BIL").is_some());
        assert_eq!(
            actor_code_problem("XYZGOV").map(|p| p.0),
            Some(Severity::Error)
        );
        assert_eq!(
            actor_code_problem("MEXGO").map(|p| p.0),
            Some(Severity::Error)
        );
        assert_eq!(
            actor_code_problem("MEXQQQ").map(|p| p.0),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn event_codes_are_checked_against_cameo() {
        assert!(event_code_problem("190").is_none());
        assert!(event_code_problem("0332").is_none());
        assert_eq!(
            event_code_problem("1999").map(|p| p.0),
            Some(Severity::Warning)
        );
        assert_eq!(event_code_problem("99").map(|p| p.0), Some(Severity::Error));
    }

    #[test]
    fn agent_codes_are_checked() {
        assert!(agent_code_problem("GOVMIL").is_none());
        assert_eq!(
            agent_code_problem("GOVX").map(|p| p.0),
            Some(Severity::Error)
        );
        assert_eq!(
            agent_code_problem("QQQ").map(|p| p.0),
            Some(Severity::Warning)
        );
    }
}
