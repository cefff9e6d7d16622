//! What kind of evidence an event is: a partition of events into [`EvidenceClass`]es by
//! modality, CAMEO root and quad class, so that a series can keep what happened apart from what
//! was threatened, floated or denied.
//!
//! The classes, in the order they are decided (the first that applies):
//!
//! | class | events |
//! |---|---|
//! | `negated` | modality negated: "did not strike", "denied sending troops" |
//! | `planned_conflict` | hypothetical or future, quad 3 or 4: "considering strikes", "would impose tariffs", "will deploy troops" |
//! | `planned_cooperation` | hypothetical or future, quad 1 or 2: "will meet next week", "could extradite" |
//! | `threat` | asserted or reported, CAMEO root 13 (threaten): "threatened tariffs", "did not rule out strikes" (coded 138) |
//! | `material_conflict` | asserted or reported, quad 4: attacks, strikes, arrests, deployments, sanctions imposed |
//! | `verbal_conflict` | asserted or reported, quad 3 other than 13: accusations, demands, rejections, protests |
//! | `material_cooperation` | asserted or reported, quad 2: aid, extraditions and transfers, agreements carried out |
//! | `verbal_cooperation` | asserted or reported, quad 1: statements, consultations, praise, agreements to cooperate |
//! | `unclassified` | no quad class (an unknown code) |
//!
//! Quad classes are the stored ones (GDELT's convention unless the store was filled with
//! Phoenix's). A threat is a verbal act that did happen — the threat was made — so an asserted
//! threat is a threat, not a plan; a threat only floated ("could threaten") is a plan.

use atalaya_engine::Modality;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceClass {
    MaterialConflict,
    Threat,
    VerbalConflict,
    PlannedConflict,
    MaterialCooperation,
    VerbalCooperation,
    PlannedCooperation,
    Negated,
    Unclassified,
}

impl EvidenceClass {
    pub const ALL: [EvidenceClass; 9] = [
        EvidenceClass::MaterialConflict,
        EvidenceClass::Threat,
        EvidenceClass::VerbalConflict,
        EvidenceClass::PlannedConflict,
        EvidenceClass::MaterialCooperation,
        EvidenceClass::VerbalCooperation,
        EvidenceClass::PlannedCooperation,
        EvidenceClass::Negated,
        EvidenceClass::Unclassified,
    ];

    /// The name in output and rule files: `material-conflict`, `threat`, ...
    pub fn name(self) -> &'static str {
        match self {
            EvidenceClass::MaterialConflict => "material-conflict",
            EvidenceClass::Threat => "threat",
            EvidenceClass::VerbalConflict => "verbal-conflict",
            EvidenceClass::PlannedConflict => "planned-conflict",
            EvidenceClass::MaterialCooperation => "material-cooperation",
            EvidenceClass::VerbalCooperation => "verbal-cooperation",
            EvidenceClass::PlannedCooperation => "planned-cooperation",
            EvidenceClass::Negated => "negated",
            EvidenceClass::Unclassified => "unclassified",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The class of an event with this stored quad class, modality and CAMEO code.
pub fn classify(quad_class: Option<u8>, modality: Modality, cameo: &str) -> EvidenceClass {
    let conflict = matches!(quad_class, Some(3 | 4));
    match modality {
        Modality::Negated => EvidenceClass::Negated,
        Modality::Hypothetical | Modality::Future => match quad_class {
            Some(3 | 4) => EvidenceClass::PlannedConflict,
            Some(1 | 2) => EvidenceClass::PlannedCooperation,
            _ => EvidenceClass::Unclassified,
        },
        Modality::Asserted | Modality::Reported => {
            if cameo.starts_with("13") && conflict {
                return EvidenceClass::Threat;
            }
            match quad_class {
                Some(4) => EvidenceClass::MaterialConflict,
                Some(3) => EvidenceClass::VerbalConflict,
                Some(2) => EvidenceClass::MaterialCooperation,
                Some(1) => EvidenceClass::VerbalCooperation,
                _ => EvidenceClass::Unclassified,
            }
        }
    }
}

/// Modality as a 0–4 index, in the order of [`Modality::ALL`].
pub fn modality_index(modality: Modality) -> usize {
    match modality {
        Modality::Asserted => 0,
        Modality::Reported => 1,
        Modality::Hypothetical => 2,
        Modality::Future => 3,
        Modality::Negated => 4,
    }
}
