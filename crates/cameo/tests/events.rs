//! Behaviour of the event-code table and its lookups.

use atalaya_cameo::{
    all, goldstein, is_known, lookup, plover, quad_class, quad_class_name, resolve, root_of,
    PloverEvent, QuadConvention,
};

#[test]
fn conventional_military_force_family() {
    let code = lookup("190").expect("190 is a CAMEO code");
    assert_eq!(code.name, "Use conventional military force");
    assert_eq!(code.goldstein, -10.0);
    assert_eq!(code.root, 19);
    assert_eq!(code.level(), 2);
    let root = code.parent().expect("190 has a parent");
    assert_eq!(root.code, "19");
    assert_eq!(root.name, "Fight");
    let children: Vec<&str> = root.children().map(|c| c.code).collect();
    assert_eq!(children, ["190", "191", "192", "193", "194", "195", "196"]);
}

#[test]
fn gdelt_goldstein_values() {
    assert_eq!(goldstein("190"), Some(-10.0));
    assert_eq!(goldstein("13"), Some(-6.0));
    assert_eq!(goldstein("130"), Some(-4.4));
    assert_eq!(goldstein("057"), Some(8.0));
    assert_eq!(goldstein("0874"), Some(10.0));
    assert_eq!(goldstein("011"), Some(-0.1));
    // unknown child of a known code takes its ancestor's score
    assert_eq!(goldstein("1999"), Some(-10.0));
    assert_eq!(goldstein("abc"), None);
}

#[test]
fn names_are_short_and_cleaned() {
    assert_eq!(
        lookup("044").map(|c| c.name),
        Some("Meet at a 'third' location")
    );
    assert_eq!(lookup("010").map(|c| c.name), Some("Make statement"));
    assert_eq!(lookup("14").map(|c| c.name), Some("Protest"));
    assert_eq!(
        lookup("101").map(|c| c.name),
        Some("Demand material cooperation")
    );
    assert_eq!(
        lookup("106").map(|c| c.name),
        Some("Demand meeting, negotiation")
    );
    assert_eq!(
        lookup("1056").map(|c| c.name),
        Some("Demand de-escalation of military engagement")
    );
    for code in all() {
        assert!(
            !code.name.contains("not specified"),
            "{}: {}",
            code.code,
            code.name
        );
        assert_eq!(code.name, code.name.trim(), "{}", code.code);
        assert!(code.name.is_ascii(), "{}: {}", code.code, code.name);
    }
}

#[test]
fn roots_of_two_three_and_four_digit_codes() {
    assert_eq!(root_of("0332"), Some("03"));
    assert_eq!(root_of("1821"), Some("18"));
    assert_eq!(root_of("036"), Some("03"));
    assert_eq!(root_of("20"), Some("20"));
    // an unknown code under a known root still has that root
    assert_eq!(root_of("0399"), Some("03"));
    assert_eq!(root_of("21"), None);
    assert_eq!(root_of("00"), None);
    assert_eq!(root_of("3"), None);
    assert_eq!(root_of("03a"), None);
    assert_eq!(root_of(""), None);
    assert_eq!(root_of("12345"), None);
}

#[test]
fn resolve_falls_back_to_nearest_ancestor() {
    assert_eq!(resolve("0332").map(|c| c.code), Some("0332"));
    assert_eq!(resolve("0839").map(|c| c.code), Some("083"));
    assert_eq!(resolve("0899").map(|c| c.code), Some("08"));
    assert_eq!(resolve("089").map(|c| c.code), Some("08"));
    assert_eq!(resolve("1213").map(|c| c.code), Some("121"));
    assert_eq!(resolve(" 190 ").map(|c| c.code), Some("190"));
    for odd in ["083a", "0831X", "---", "", "1", "12345", "2100", "٠٣", "21"] {
        assert!(resolve(odd).is_none(), "{odd:?} resolved");
    }
    assert!(is_known("0332"));
    assert!(!is_known("0839"));
    assert!(!is_known(" 190"));
}

#[test]
fn quad_classes_of_boundary_roots() {
    use QuadConvention::{Gdelt, Phoenix};
    let gdelt = [
        ("01", 1),
        ("05", 1),
        ("06", 2),
        ("09", 2),
        ("10", 3),
        ("14", 3),
        ("15", 4),
        ("16", 4),
        ("20", 4),
    ];
    for (root, class) in gdelt {
        assert_eq!(quad_class(root, Gdelt), Some(class), "GDELT {root}");
    }
    let phoenix = [
        ("01", 0),
        ("02", 0),
        ("03", 1),
        ("05", 1),
        ("06", 2),
        ("08", 2),
        ("09", 3),
        ("13", 3),
        ("14", 4),
        ("15", 4),
        ("16", 3),
        ("17", 4),
        ("20", 4),
    ];
    for (root, class) in phoenix {
        assert_eq!(quad_class(root, Phoenix), Some(class), "Phoenix {root}");
    }
    assert_eq!(quad_class("1823", Gdelt), Some(4));
    assert_eq!(quad_class("0314", Phoenix), Some(1));
    assert_eq!(quad_class("21", Gdelt), None);
    assert_eq!(quad_class("x", Phoenix), None);
    assert_eq!(lookup("163").map(|c| c.quad_class(Phoenix)), Some(3));
    assert_eq!(lookup("163").map(|c| c.quad_class(Gdelt)), Some(4));
}

#[test]
fn gdelt_is_the_default_convention() {
    assert_eq!(QuadConvention::default(), QuadConvention::Gdelt);
    assert_eq!(quad_class_name(0, QuadConvention::Gdelt), None);
    assert_eq!(quad_class_name(0, QuadConvention::Phoenix), Some("neutral"));
    assert_eq!(
        quad_class_name(4, QuadConvention::Gdelt),
        Some("material conflict")
    );
}

#[test]
fn plover_mappings() {
    let consult = plover("042").expect("042 maps");
    assert_eq!(consult.event_type, PloverEvent::Consult);
    assert_eq!(consult.mode, Some("visit"));

    let fight = plover("190").expect("190 maps");
    assert_eq!(fight.event_type, PloverEvent::Assault);
    assert_eq!(fight.mode, None);
    assert_eq!(fight.contexts, ["military"]);

    let aid = plover("0331").expect("0331 maps");
    assert_eq!(
        (aid.event_type, aid.contexts.as_slice()),
        (PloverEvent::Agree, &["economic"][..])
    );

    let release = plover("0841").expect("0841 maps");
    assert_eq!(
        (release.event_type, release.mode),
        (PloverEvent::Retreat, Some("release"))
    );
    assert_eq!(
        plover("08").map(|m| m.event_type),
        Some(PloverEvent::Concede)
    );
    assert_eq!(
        plover("163").map(|m| m.event_type),
        Some(PloverEvent::Coerce)
    );
    assert_eq!(
        plover("094").map(|m| m.contexts.clone()),
        Some(vec!["military", "legal"])
    );

    let repression = plover("175").expect("175 maps");
    assert_eq!(repression.mode, None);
    assert_eq!(repression.contexts, ["pro_autocracy", "military"]);

    // unknown child borrows its ancestor's mapping; roots 01 and 02 were dropped by PLOVER
    assert_eq!(
        plover("1213").map(|m| m.event_type),
        Some(PloverEvent::Reject)
    );
    assert!(plover("010").is_none());
    assert!(plover("0214").is_none());
    assert!(plover("nope").is_none());
}

#[test]
fn plover_event_names_round_trip() {
    for event in PloverEvent::ALL {
        assert_eq!(event.as_str().parse::<PloverEvent>(), Ok(event));
        assert_eq!(event.to_string(), event.as_str());
    }
    assert_eq!("assault".parse::<PloverEvent>(), Ok(PloverEvent::Assault));
    assert!("FIGHT".parse::<PloverEvent>().is_err());
    assert_eq!(PloverEvent::Consult.quad_category(), 1);
    assert_eq!(PloverEvent::Retreat.quad_category(), 2);
    assert_eq!(PloverEvent::Threaten.quad_category(), 3);
    assert_eq!(PloverEvent::Sanction.quad_category(), 4);
}

#[test]
fn table_is_complete_unique_and_hierarchical() {
    let codes = all();
    assert_eq!(codes.len(), 311);
    assert_eq!(codes.iter().filter(|c| c.level() == 1).count(), 20);
    for (i, root) in codes.iter().filter(|c| c.level() == 1).enumerate() {
        assert_eq!(usize::from(root.root), i + 1);
        assert_eq!(root.code, format!("{:02}", i + 1));
    }
    for pair in codes.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{} !< {}",
            pair[0].code,
            pair[1].code
        );
    }
    for code in codes {
        assert!((2..=4).contains(&code.code.len()));
        assert_eq!(code.root_code(), &code.code[..2]);
        assert_eq!(root_of(code.code), Some(code.root_code()));
        assert!(std::ptr::eq(lookup(code.code).unwrap(), code));
        if code.level() > 1 {
            let parent = code
                .parent()
                .unwrap_or_else(|| panic!("{} has no parent", code.code));
            assert_eq!(parent.code, &code.code[..code.code.len() - 1]);
        }
        assert!((-10.0..=10.0).contains(&code.goldstein));
        // PLOVER covers every code outside the dropped roots 01 and 02
        assert_eq!(code.plover.is_some(), code.root > 2, "{}", code.code);
    }
}

#[test]
fn codes_serialize_to_json() {
    let code = lookup("042").expect("042");
    let json = serde_json::to_value(code).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({
            "code": "042", "name": "Make a visit", "goldstein": 1.899999976158142, "root": 4,
            "plover": {"event_type": "CONSULT", "mode": "visit", "contexts": []}
        })
    );
    assert_eq!(
        serde_json::to_value(QuadConvention::Phoenix).ok(),
        Some("phoenix".into())
    );
    let parsed: QuadConvention = serde_json::from_str("\"gdelt\"").expect("parses");
    assert_eq!(parsed, QuadConvention::Gdelt);
}
