//! The default dictionaries shipped in the binary (`dictionaries/` at the repository root): they
//! load with no error or warning, the checker finds no error, every file of the folder is
//! embedded, and they cover what the coder needs first.

use atalaya_dict::atalaya::{default_dictionaries, default_file_paths};
use atalaya_dict::check::coverage;
use atalaya_dict::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

mod common;
use common::{actor, checker_errors, code_on, text_keys};

/// ISO 3166-1 alpha-3 codes of the 193 UN member states.
const UN_MEMBERS: [&str; 193] = [
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR",
    "BGD", "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR",
    "BFA", "BDI", "CPV", "KHM", "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG",
    "COD", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY",
    "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO", "DEU",
    "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN",
    "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT", "KGZ",
    "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV",
    "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ",
    "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "PRK", "MKD", "NOR", "OMN",
    "PAK", "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR", "ROU", "RUS",
    "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE", "SGP",
    "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR",
    "TJK", "TZA", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA", "UKR",
    "ARE", "GBR", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
];

fn defaults() -> Dictionaries {
    match default_dictionaries() {
        Ok((dicts, warnings)) => {
            assert!(warnings.is_empty(), "warnings: {warnings:?}");
            dicts
        }
        Err(err) => panic!("the default dictionaries must load: {err}"),
    }
}

/// Every actor entry one of whose phrases is exactly `text` (as the coder would tokenize it).
fn actors_named<'a>(dicts: &'a Dictionaries, text: &str) -> Vec<&'a ActorEntry> {
    let wanted = text_keys(text);
    dicts
        .actors
        .iter()
        .filter(|a| {
            a.phrases.iter().any(|p| {
                p.words
                    .iter()
                    .map(|w| w.key.as_str())
                    .eq(wanted.iter().map(String::as_str))
            })
        })
        .collect()
}

fn agent_code(dicts: &Dictionaries, text: &str) -> Option<String> {
    let wanted = text_keys(text);
    dicts
        .agents
        .iter()
        .find(|a| {
            a.phrases.iter().any(|p| {
                p.words
                    .iter()
                    .map(|w| w.key.as_str())
                    .eq(wanted.iter().map(String::as_str))
            })
        })
        .map(|a| a.code.clone())
}

#[test]
fn defaults_load_and_pass_the_checker() {
    let dicts = defaults();
    assert_eq!(dicts.format, DictFormat::Atalaya);
    let errors = checker_errors(&dicts);
    assert!(errors.is_empty(), "checker errors:\n{}", errors.join("\n"));
}

#[test]
fn every_un_member_is_a_country_entry_with_a_unique_code() {
    let dicts = defaults();
    let members: HashSet<&str> = UN_MEMBERS.iter().copied().collect();
    assert_eq!(members.len(), 193, "the list itself has no repeats");
    let mut country_codes = BTreeSet::new();
    for entry in &dicts.actors {
        if let [only] = entry.codes.as_slice() {
            if entry.entity_id.as_deref() == Some(only.code.as_str()) {
                assert!(
                    country_codes.insert(only.code.clone()),
                    "{} twice",
                    only.code
                );
                assert!(
                    atalaya_cameo::country_code(&only.code).is_some(),
                    "{}",
                    only.code
                );
            }
        }
    }
    let missing: Vec<&&str> = UN_MEMBERS
        .iter()
        .filter(|c| !country_codes.contains(**c))
        .collect();
    assert!(missing.is_empty(), "UN members missing: {missing:?}");
    for other in ["PSE", "VAT", "TWN", "KSV", "ESH", "HKG", "PRI"] {
        assert!(country_codes.contains(other), "{other} missing");
    }
    assert!(coverage(&dicts).countries >= 193);
}

#[test]
fn every_file_of_the_folder_is_embedded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries");
    let mut on_disk = BTreeSet::new();
    fn walk(dir: &Path, root: &Path, out: &mut BTreeSet<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path: PathBuf = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    walk(&root, &root, &mut on_disk);
    let embedded: BTreeSet<String> = default_file_paths().map(str::to_string).collect();
    assert_eq!(
        on_disk, embedded,
        "crates/dict/src/atalaya/embedded.rs must list exactly the *.txt files of dictionaries/"
    );
}

#[test]
fn names_fold_accents_and_resolve_to_one_actor() {
    let dicts = defaults();
    for (text, id) in [
        ("López Obrador", "MEX.lopez_obrador"),
        ("Lopez Obrador", "MEX.lopez_obrador"),
        ("AMLO", "MEX.lopez_obrador"),
        ("Claudia Sheinbaum", "MEX.sheinbaum"),
        ("García Harfuch", "MEX.garcia_harfuch"),
        ("Garcia Harfuch", "MEX.garcia_harfuch"),
        ("Cártel de Sinaloa", "MEX.crm.sinaloa"),
        ("Cartel de Sinaloa", "MEX.crm.sinaloa"),
        ("CJNG", "MEX.crm.cjng"),
        ("Tren de Aragua", "VEN.crm.tren_de_aragua"),
        ("MS-13", "SLV.crm.ms13"),
        ("Pentagon", "USA.pentagon"),
        ("Department of War", "USA.pentagon"),
        ("México", "MEX"),
        ("Mexican", "MEX"),
        ("mexicanos", "MEX"),
        ("Washington", "USA"),
        ("New Mexico", "USA.new_mexico"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Beijing", "CHN"),
        ("U.S.", "USA"),
        ("EE.UU.", "USA"),
        ("NATO", "IGO.nato"),
        ("OTAN", "IGO.nato"),
        ("Latin American", "REG.latin_america"),
    ] {
        let found = actors_named(&dicts, text);
        let ids: Vec<&str> = found
            .iter()
            .filter_map(|a| a.entity_id.as_deref())
            .collect();
        assert_eq!(ids, [id], "{text}");
    }
    // Left out on purpose: they fold to common words.
    for text in ["US", "CAR", "can"] {
        assert!(actors_named(&dicts, text).is_empty(), "{text}");
    }
}

#[test]
fn roles_follow_the_calendar() {
    let dicts = defaults();
    let cases = [
        ("MEX.sheinbaum", "2025-06-01", "MEXGOV"),
        ("MEX.sheinbaum", "2024-01-01", "MEXELI"),
        ("MEX.lopez_obrador", "2024-09-30", "MEXGOV"),
        ("MEX.lopez_obrador", "2024-10-01", "MEXELI"),
        ("MEX.guardia_nacional", "2021-01-01", "MEXCOP"),
        ("MEX.guardia_nacional", "2025-01-01", "MEXMIL"),
        ("MEX.trevilla", "2025-03-01", "MEXMIL"),
        ("USA.trump", "2019-05-01", "USAGOV"),
        ("USA.trump", "2023-05-01", "USAELI"),
        ("USA.trump", "2025-05-01", "USAGOV"),
        ("USA.rubio", "2020-01-01", "USALEG"),
        ("USA.rubio", "2025-06-01", "USAGOV"),
        ("USA.hegseth", "2025-10-01", "USAMIL"),
        ("USA.pompeo", "2017-06-01", "USASPY"),
        ("USA.kash_patel", "2025-06-01", "USACOP"),
        ("IGO.nato.rutte", "2025-01-01", "IGOWSTNAT"),
    ];
    for (id, day, code) in cases {
        assert_eq!(code_on(actor(&dicts, id), day), code, "{id} on {day}");
    }
}

#[test]
fn agents_cover_the_main_sectors() {
    let dicts = defaults();
    let codes: BTreeSet<&str> = dicts.agents.iter().map(|a| a.code.as_str()).collect();
    for sector in [
        "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "CRM", "REB", "OPP", "MED", "BUS", "CVL", "NGO",
        "IGO", "EDU", "HLH",
    ] {
        assert!(codes.contains(sector), "no agent for {sector}");
    }
    for (text, code) in [
        ("officials", "GOV"),
        ("troops", "MIL"),
        ("marines", "MIL"),
        ("gunmen", "UAF"),
        ("traffickers", "CRM"),
        ("cartel members", "CRM"),
        ("prosecutors", "JUD"),
        ("lawmakers", "LEG"),
        ("soldiers", "MIL"),
        ("police officers", "COP"),
        ("diplomats", "GOV"),
        ("ambassador", "GOV"),
        ("foreign minister", "GOV"),
        ("defense secretary", "MIL"),
        ("sicarios", "CRM"),
        ("policías", "COP"),
    ] {
        assert_eq!(agent_code(&dicts, text).as_deref(), Some(code), "{text}");
    }
    let igo = dicts
        .agents
        .iter()
        .find(|a| a.code == "IGO")
        .expect("IGO agent");
    assert_eq!(igo.placement, AgentPlacement::Prefix);
}

#[test]
fn defaults_load_quickly() {
    // A smoke bound for debug builds; release builds load the defaults in a few milliseconds.
    let start = std::time::Instant::now();
    let _ = defaults();
    assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());
}
