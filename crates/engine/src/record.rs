//! The two records every stage honours: [`Article`] in, [`Event`] out (see BRIEF.md, "The event
//! record"). Fields that a stage has not filled yet are `None` / empty, never a made-up default.

use serde::{Deserialize, Serialize};

/// A news article as the engine sees it. `text` is the article body; offsets in events are byte
/// offsets into this exact string.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Publication date or date-time, ISO 8601 (`2025-03-04` or `2025-03-04T10:00:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub text: String,
    /// ISO 639-1 language code when known (`en`, `es`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A byte range `[start, end)` into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One side of an event (source or target).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The words in the sentence that named this actor.
    pub text: String,
    /// Full actor code (`USAGOV`, `MEXCRM`, `ARN`).
    pub code: String,
    /// ISO-3 country (or the code's root such as `IGO`) when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector / agent part of the code (`GOV`, `MIL`, `CRM`) when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where `text` stands in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The sentence does not name this actor: the article does (the other of the two
    /// countries it is about; `text` is empty and `span` absent), or a TABARI `DEFAULT`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implied: bool,
}

/// PLOVER event type and mode, where the CAMEO→PLOVER crosswalk gives one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// Whether the text says the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    Reported,
    Hypothetical,
    Future,
    Negated,
}

impl Modality {
    /// Every modality, in this order (the order of the store's and exports' columns).
    pub const ALL: [Modality; 5] = [
        Modality::Asserted,
        Modality::Reported,
        Modality::Hypothetical,
        Modality::Future,
        Modality::Negated,
    ];

    /// The name as serialized: `asserted`, `reported`, `hypothetical`, `future`, `negated`.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Hypothetical => "hypothetical",
            Modality::Future => "future",
            Modality::Negated => "negated",
        }
    }

    /// A modality by its name, in any case.
    pub fn parse(name: &str) -> Option<Modality> {
        let name = name.trim();
        Modality::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name))
    }
}

/// One link in the chain of who says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// `speaker` (an actor who said it), `outlet` (a news organisation), `anonymous` ("officials").
    pub kind: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Where the event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// `country`, `admin1`, `city`, `point`.
    pub precision: String,
}

/// What fired: the dictionary entries and pattern behind an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Matched {
    /// Verb entry lemma, e.g. `ATTACK`.
    pub verb: String,
    /// Where the verb's words stand in the article (byte offsets), so that a reader can see
    /// which words fired; `None` in events stored before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verb_span: Option<Span>,
    /// The verb pattern as written, when a pattern (not the verb's default) gave the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// `file:line` of the pattern or verb entry.
    pub origin: String,
    /// `file:line` of the source and target actor entries (and agents), when from a dictionary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<String>,
}

/// A coded event: who did what to whom, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: article id, sentence index and a per-sentence counter (`a1-3-0`).
    pub id: String,
    pub article_id: String,
    pub sentence_index: usize,
    /// Byte span of the sentence in the article text.
    pub span: Span,
    pub sentence: String,
    pub source: ActorRef,
    pub target: ActorRef,
    /// Most specific CAMEO code, as a string (leading zeros kept).
    pub cameo: String,
    pub cameo_root: String,
    /// GDELT convention: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict. `None` for codes outside CAMEO (validation dictionaries).
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<Plover>,
    #[serde(default)]
    pub modality: Modality,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribution: Vec<Attribution>,
    /// Event date `YYYY-MM-DD` (the first day of the period at coarser precisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `day`, `week`, `month`, `season`, `year`, `article`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    pub confidence: f32,
    pub matched: Matched,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
}
