//! Actor type codes, country codes and the actor-code splitter.

use atalaya_cameo::{
    actor_type_of, country_code, country_codes, is_actor_type, is_iso3, split_actor_code,
    ActorCodeParts, ActorTypeKind, CountryKind, ACTOR_TYPES,
};

fn parts(country: Option<&str>, root: &str, sector: Option<&str>, rest: &[&str]) -> ActorCodeParts {
    ActorCodeParts {
        country: country.map(String::from),
        root: root.to_string(),
        sector: sector.map(String::from),
        rest: rest.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn actor_types() {
    for code in [
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
        "IGO", "NGO", "IMG", "MNC", "LEG", "HLH", "REF", "UAF", "AGR", "ELI", "LAB",
    ] {
        assert!(is_actor_type(code), "{code}");
    }
    assert!(!is_actor_type("gov"));
    assert!(!is_actor_type("USA"));
    assert!(!is_actor_type("UNO"));
    assert_eq!(
        actor_type_of("NGO").map(|t| t.kind),
        Some(ActorTypeKind::TopLevel)
    );
    assert_eq!(
        actor_type_of("RAD").map(|t| t.kind),
        Some(ActorTypeKind::Modifier)
    );
    assert_eq!(actor_type_of("MIL").map(|t| t.label), Some("Military"));
}

#[test]
fn actor_types_are_unique_and_never_country_codes() {
    for (i, t) in ACTOR_TYPES.iter().enumerate() {
        assert!(
            ACTOR_TYPES[i + 1..].iter().all(|u| u.code != t.code),
            "{} twice",
            t.code
        );
        assert!(
            country_code(t.code).is_none(),
            "{} is also a country code",
            t.code
        );
    }
}

#[test]
fn country_codes_by_kind() {
    assert!(is_iso3("USA"));
    assert!(is_iso3("MEX"));
    assert!(is_iso3("PSE"));
    assert!(!is_iso3("usa"));
    assert!(!is_iso3("SUN"));
    assert_eq!(
        country_code("SUN").map(|c| c.kind),
        Some(CountryKind::Former)
    );
    assert_eq!(
        country_code("KSV").map(|c| c.kind),
        Some(CountryKind::Cameo)
    );
    assert_eq!(
        country_code("MEA").map(|c| (c.kind, c.name)),
        Some((CountryKind::Region, "Middle East"))
    );
    assert_eq!(country_code("MEX").map(|c| c.name), Some("Mexico"));
    assert!(country_code("ARN").is_none());
    assert_eq!(
        country_codes()
            .filter(|c| c.kind == CountryKind::Iso)
            .count(),
        249
    );
    assert_eq!(
        country_codes()
            .filter(|c| c.kind == CountryKind::Region)
            .count(),
        25
    );
}

#[test]
fn split_country_and_sector() {
    assert_eq!(
        split_actor_code("USAGOV"),
        parts(Some("USA"), "USA", Some("GOV"), &[])
    );
    assert_eq!(
        split_actor_code("MEXCRM"),
        parts(Some("MEX"), "MEX", Some("CRM"), &[])
    );
    assert_eq!(
        split_actor_code("USAMILGOV"),
        parts(Some("USA"), "USA", Some("MIL"), &["GOV"])
    );
    assert_eq!(
        split_actor_code("MEX"),
        parts(Some("MEX"), "MEX", None, &[])
    );
    assert_eq!(
        split_actor_code("PSEGZA"),
        parts(Some("PSE"), "PSE", None, &["GZA"])
    );
    assert_eq!(
        split_actor_code(" usagov "),
        parts(Some("USA"), "USA", Some("GOV"), &[])
    );
}

#[test]
fn split_international_and_countryless_codes() {
    assert_eq!(
        split_actor_code("IGOUNO"),
        parts(None, "IGO", None, &["UNO"])
    );
    assert_eq!(
        split_actor_code("NGOKWT"),
        parts(Some("KWT"), "NGO", None, &[])
    );
    assert_eq!(
        split_actor_code("NGOAFRHLH"),
        parts(Some("AFR"), "NGO", Some("HLH"), &[])
    );
    assert_eq!(
        split_actor_code("REB"),
        parts(None, "REB", Some("REB"), &[])
    );
    assert_eq!(split_actor_code("RAD"), parts(None, "RAD", None, &[]));
    // fictional three-letter code: no country claim
    assert_eq!(split_actor_code("ARN"), parts(None, "ARN", None, &[]));
    assert_eq!(
        split_actor_code("ARNREB"),
        parts(None, "ARN", Some("REB"), &[])
    );
}

#[test]
fn split_odd_input_without_panicking() {
    assert_eq!(split_actor_code(""), ActorCodeParts::default());
    assert_eq!(
        split_actor_code("USAGOVX"),
        parts(Some("USA"), "USA", Some("GOV"), &["X"])
    );
    assert_eq!(split_actor_code("US"), parts(None, "US", None, &[]));
    let accented = split_actor_code("ÉÉÉGOV");
    assert_eq!(
        (accented.country, accented.sector),
        (None, Some("GOV".to_string()))
    );
}
