//! What the text says about an event beyond who did what to whom: its modality, who says so,
//! when it happened, and how sure the coder is.
//!
//! Pure functions over one event site; the coder calls [`analyze`] once per produced event.
//!
//! # Data
//! An [`EventSite`] is the sentence, its words as the coder sees them (`(key, start, end)`, keys
//! folded, contractions split as "did" "n't", offsets in the article), the word ranges of the
//! event verb, source and target, every actor mention of the sentence with its code
//! ([`ActorSpan`], pronouns already resolved), the CAMEO code, whether a verb pattern (not the
//! verb's bare code) fired, the publication date and the article text (for the dateline).
//! [`analyze`] returns a [`Context`].
//!
//! # Steps
//! 1. **Frames** (`frames`): reporting constructions — "X said (that) …", "…, X said",
//!    "…, said X", "according to X", "X, citing Y, reported …", passive "was reported". Each has
//!    its cue words, the content it reports and the links it adds to the attribution chain.
//!    The event is a *statement* when its verb is a frame's reporting verb; it is *governed* by
//!    every frame whose content holds its verb (innermost first).
//! 2. **Idioms** (`cues::find_idiom`, `cues::open_threat`) that invert the surface: "did not /
//!    has not / refused to rule out", "would not hesitate to", "all options are on the table",
//!    "nothing is off the table", "left open" → a threat: [`Context::recode`] holds the 13x code
//!    matching the threatened act (`cues::threat_code_for`: 19x → 1384, 18x → 1383, 163 →
//!    1312 …; by the clause's words when the verb itself was "rule out"), modality asserted (or
//!    reported under a third party's frame). "threatened to X" → the threat of X. "there will be
//!    no X" said by the target's side (same country prefix as the target) → a rejection `120`
//!    by the speaker against the event's source ([`Context::recode_source`] /
//!    [`Context::recode_target`]); said by anyone else it is negated.
//!    For a statement event, the idioms are looked for in its content.
//! 3. **Modality**: the verb group (`cues::verb_group_modality`), scanning back from the verb to
//!    the clause boundary: negation ("not", "n't", "never", "no", "refused to", "refrained
//!    from", "stopped short of") → negated; modals and deliberation ("would", "could", "may",
//!    "is considering", "weighing", "options", "plans to", "proposed", "urged", "advocated
//!    for") → hypothetical; "will", "is set to", "vowed to", "is expected to" → future; the
//!    nearest cue wins ("will not" is negated, "vowed not to" too). Then, in this order:
//!    a conditional ("if", "unless", "whether") anywhere in the governing content (for a
//!    statement: before its verb) → hypothetical; content of "denied" → negated; a still
//!    asserted event under a frame → reported, except a verbal event (CAMEO 01–05, 10–13)
//!    whose speaker is on the source's side (same 3-letter prefix): saying it is doing it.
//!    A negation cue on a rejection code (12x, e.g. "will not accept" coded 120) is part of
//!    the code: the rejection is asserted (the cue is kept in `modality_cue`).
//! 4. **Attribution**: the links of the governing frames, innermost first: a cited source before
//!    the outlet citing it (`[anonymous "six current and former officials", outlet "NBC
//!    News"]`). Kinds: `speaker` (a named or coded actor, or a pronoun, with the actor code when
//!    an [`ActorSpan`] overlaps it), `outlet` (a known news organisation or a capitalized name
//!    ending in News/Times/Post/…), `anonymous` (officials, sources, people familiar …, with the
//!    code of the officials' actor when known). A statement event is not attributed to itself.
//! 5. **Date** (`dates`): see that module.
//! 6. **Confidence**, in [0.05, 0.99], rounded to 0.01:
//!    `base` 0.75 when a pattern fired, else 0.55;
//!    `+0.10` when both source and target were found, `−0.10` when one is missing, `−0.20`
//!    when both are;
//!    `−0.02` per word beyond three between the verb and each actor (at most −0.20 in all);
//!    `+0.05` for an asserted event with no cue at all, `−0.05` for hypothetical, `−0.05` when an
//!    idiom recoded the event, `−0.05` when the only attribution is anonymous.
//!
//! Carry-over of "the president", "the cartel" across sentences is the coder's job;
//! [`definite_description_kind`] tells which sector such a phrase names.

mod cues;
mod dates;
mod frames;
#[cfg(test)]
mod tests;

use crate::record::{Attribution, Modality};
use atalaya_time::Tense;
use chrono::NaiveDate;
use cues::{Idiom, Reading};
use frames::Frame;
use std::ops::Range;

pub(crate) use cues::is_reporting;
pub use cues::threat_code_for;

/// One actor mention of the sentence: its word range and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorSpan<'a> {
    pub words: Range<usize>,
    pub code: &'a str,
}

/// Everything [`analyze`] needs about one produced event.
#[derive(Debug, Clone)]
pub struct EventSite<'a> {
    pub sentence: &'a str,
    /// Byte offset of the sentence in the article.
    pub base: usize,
    /// The coder's words: folded key, start and end byte offsets in the article.
    pub words: &'a [(String, usize, usize)],
    /// Word indices of the verb (phrase).
    pub verb: Range<usize>,
    pub source: Option<Range<usize>>,
    pub target: Option<Range<usize>>,
    /// Every actor mention of the sentence (for speaker codes and source/target codes).
    pub actors: &'a [ActorSpan<'a>],
    pub cameo: &'a str,
    /// A verb pattern (not the verb's default code) gave the code.
    pub pattern_matched: bool,
    pub published: Option<NaiveDate>,
    pub article_text: &'a str,
}

/// What [`analyze`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub modality: Modality,
    /// The words that decided the modality ("did n't", "is considering", "said", "if").
    pub modality_cue: Option<String>,
    /// Innermost first: the speaker or cited source, then the outlet.
    pub attribution: Vec<Attribution>,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub confidence: f32,
    /// A different CAMEO code for the event ("did not rule out strikes" → `1384`).
    pub recode: Option<String>,
    /// With a recode, the new source's word range (the speaker of "there will be no invasion").
    pub recode_source: Option<Range<usize>>,
    /// With a recode, the new target's word range.
    pub recode_target: Option<Range<usize>>,
    /// A cooperation (06x) that is only promised, wished or stressed ("will cooperate", "want
    /// to work with", "the importance of working together"): its intent code (03x), the verbal
    /// act that happened. Applied under the news conventions, with the modality asserted.
    pub intent: Option<String>,
}

/// The sector a definite description names ("the president" → `GOV`, "the cartel" → `CRM`), for
/// carrying an actor over from an earlier sentence. `keys` are folded words starting with "the",
/// "this" or "that" and holding at most three more words.
pub fn definite_description_kind(keys: &[&str]) -> Option<&'static str> {
    let (first, rest) = keys.split_first()?;
    if !matches!(*first, "the" | "this" | "that") || rest.is_empty() || rest.len() > 3 {
        return None;
    }
    let head = *rest.last()?;
    let phrase = rest.join(" ");
    let sector = match head {
        "president" | "administration" | "government" | "ministry" | "minister" | "secretary"
        | "cabinet" | "governor" | "presidency" | "chancellor" | "premier" | "ambassador"
        | "embassy" | "department" | "regime" | "authorities" => "GOV",
        "house" if phrase == "white house" => "GOV",
        "cartel" | "cartels" | "gang" | "gangs" | "traffickers" | "smugglers" | "syndicate"
        | "kingpin" => "CRM",
        "military" | "army" | "navy" | "troops" | "soldiers" | "marines" | "pentagon"
        | "forces" | "commander" => "MIL",
        "police" | "officers" => "COP",
        "rebels" | "insurgents" | "militants" | "guerrillas" => "REB",
        "court" | "judge" | "judiciary" => "JUD",
        "congress" | "senate" | "legislature" | "lawmakers" | "parliament" => "LEG",
        "opposition" => "OPP",
        _ => return None,
    };
    Some(sector)
}

/// Splits `sentence` (at byte `base` of its article) into words the way the coder does: folded
/// keys, commas kept as ",", other punctuation dropped, possessive "'s" and contractions split,
/// hyphenated words split. For tests, tools and callers without the coder's words.
pub fn words_of(sentence: &str, base: usize) -> Vec<(String, usize, usize)> {
    crate::coder::words::words(sentence, base, false)
        .into_iter()
        .map(|w| (w.key, w.start, w.end))
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn country_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Verbal CAMEO roots: saying the thing is doing it.
fn is_verbal(cameo: &str) -> bool {
    matches!(
        cameo.get(..2),
        Some("01" | "02" | "03" | "04" | "05" | "10" | "11" | "12" | "13")
    )
}

/// Analyzes one event site; see the module doc for the rules.
pub fn analyze(site: &EventSite) -> Context {
    let keys: Vec<&str> = site.words.iter().map(|w| w.0.as_str()).collect();
    let n = keys.len();
    let v0 = site.verb.start.min(n.saturating_sub(1));
    let v1 = site.verb.end.clamp(v0 + 1, n.max(v0 + 1));
    let rel = |byte: usize| byte.saturating_sub(site.base);
    let word_starts: Vec<usize> = site.words.iter().map(|w| rel(w.1)).collect();
    let capitalized = |i: usize| {
        site.words
            .get(i)
            .and_then(|w| site.sentence.get(rel(w.1)..))
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let text_of = |r: Range<usize>| -> String {
        let (Some(first), Some(last)) = (
            site.words.get(r.start),
            r.end.checked_sub(1).and_then(|e| site.words.get(e)),
        ) else {
            return String::new();
        };
        site.sentence
            .get(rel(first.1)..rel(last.2).max(rel(first.1)))
            .unwrap_or("")
            .to_string()
    };
    let code_over = |r: &Range<usize>| {
        site.actors
            .iter()
            .find(|a| overlaps(&a.words, r))
            .map(|a| a.code)
    };
    let source_code = site.source.as_ref().and_then(code_over);
    let target_code = site.target.as_ref().and_then(code_over);

    let all_frames: Vec<Frame> = if n == 0 {
        Vec::new()
    } else {
        frames::frames(&keys, &text_of, &capitalized, site.actors)
    };
    let own = all_frames.iter().position(|f| f.cue.contains(&v0));
    let mut governing: Vec<usize> = all_frames
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            Some(*i) != own
                && f.content.contains(&v0)
                && !f.cue.contains(&v0)
                && !f.speaker.contains(&v0)
        })
        .map(|(i, _)| i)
        .collect();
    governing.sort_by_key(|&i| {
        all_frames
            .get(i)
            .map(|f| f.content.len())
            .unwrap_or(usize::MAX)
    });
    let inner = governing.first().and_then(|&i| all_frames.get(i));
    let floor = inner
        .map(|f| f.content.start)
        .filter(|&s| s <= v0)
        .unwrap_or(0);
    let content_end = inner.map(|f| f.content.end).unwrap_or(n);

    let mut recode = None;
    let mut recode_source = None;
    let mut recode_target = None;
    let mut idiom_used = false;

    // Idioms: in a statement's content, or around the event verb.
    let idiom = match own.and_then(|i| all_frames.get(i)) {
        Some(f) if f.content.start > v0 => cues::find_idiom(
            &keys,
            f.content.start,
            f.content.start,
            f.content.end.min(n),
        )
        .or_else(|| cues::open_threat(&keys, f.content.start, f.content.end)),
        Some(_) => None,
        None => cues::find_idiom(&keys, floor, v0, (v1 + 1).min(n))
            .or_else(|| cues::open_threat(&keys, floor, content_end)),
    };
    let idiom = idiom.or_else(|| {
        matches!(site.cameo.get(..2), Some("18" | "19" | "20"))
            .then(|| cues::okay_with(&keys, floor, v0))
            .flatten()
    });
    let already_threat = site.cameo.starts_with("13");
    let reading = match idiom {
        Some((Idiom::Threat | Idiom::ThreatenedTo, cue)) => {
            if !already_threat {
                let clause = keys.get(floor..content_end).unwrap_or(&[]);
                recode = Some(threat_code_for(site.cameo, clause).to_string());
                idiom_used = true;
            }
            Reading {
                modality: Modality::Asserted,
                cue: Some(cue),
                idiom: Some(Idiom::Threat),
            }
        }
        Some((Idiom::ThereWillBeNo, cue)) => {
            let speaker = inner.and_then(|f| {
                site.actors
                    .iter()
                    .find(|a| overlaps(&a.words, &f.speaker))
                    .map(|a| (a.code, a.words.clone()))
            });
            let targets_side = matches!((speaker.as_ref(), target_code), (Some((s, _)), Some(t)) if country_of(s) == country_of(t));
            if let (true, Some((_, words))) = (targets_side, speaker) {
                recode = Some("120".to_string());
                recode_source = Some(words);
                recode_target = site.source.clone();
                idiom_used = true;
                Reading {
                    modality: Modality::Asserted,
                    cue: Some(cue),
                    idiom: Some(Idiom::ThereWillBeNo),
                }
            } else {
                Reading {
                    modality: Modality::Negated,
                    cue: Some(cue),
                    idiom: Some(Idiom::ThereWillBeNo),
                }
            }
        }
        None => {
            let mut reading = cues::verb_group_modality(&keys, floor, v0);
            // A negation inside the dictionary's own form ("a military option is not on the
            // table", "is off the table" coded as the force ruled out): the act is negated.
            let form = keys.get(v0..v1.min(n)).unwrap_or(&[]);
            let negated_form = form.iter().any(|k| matches!(*k, "not" | "n't" | "never"))
                || form.windows(3).any(|w| w == ["off", "the", "table"]);
            // A form whose negation is its meaning ("not happy with": criticism, "there will
            // be no": a rejection) codes the negative act itself, asserted.
            if negated_form && !matches!(site.cameo.get(..2), Some("11" | "12" | "13")) {
                reading = Reading {
                    modality: Modality::Negated,
                    cue: Some(form.join(" ")),
                    idiom: None,
                };
            }
            // "I want to thank President Macron", "we would like to welcome": saying so is the
            // speech act (a verbal code), not a wish for one.
            let performative = is_verbal(site.cameo)
                && reading.modality == Modality::Hypothetical
                && v0 >= 2
                && keys.get(v0 - 1).copied() == Some("to")
                && matches!(keys.get(v0 - 2).copied(), Some("want" | "wants" | "like"));
            if performative {
                reading = Reading {
                    modality: Modality::Asserted,
                    cue: None,
                    idiom: None,
                };
            }
            // The coder may code "is weighing strikes" / "has drawn up plans for strikes" as
            // the strike itself, with the deliberation word as the event verb: nothing has
            // happened yet. A statement or intent code keeps its own modality.
            // "called off the talks" is no call for them, and calling off or halting
            // (16x: "canceled plans to send aid") is the act itself.
            let heading = (v0..(v1 + 2).min(n))
                .filter(|&i| keys.get(i + 1).copied() != Some("off"))
                .filter_map(|i| keys.get(i).copied())
                .find(|k| cues::is_deliberative(k));
            let reduces = site.cameo.starts_with("16");
            if let (Some(word), Modality::Asserted, false) =
                (heading, reading.modality, is_verbal(site.cameo) || reduces)
            {
                reading = Reading {
                    modality: Modality::Hypothetical,
                    cue: Some(word.to_string()),
                    idiom: None,
                };
            }
            // A threat, demand or offer made on a condition ("threatened tariffs if Gondor
            // does not act") is made: the condition after its verb is what it says
            // (NEWS-CONVENTIONS §4), only one before it ("If Y attacks, X will threaten")
            // makes the act itself conditional.
            let conditional = if own.is_some() || is_verbal(site.cameo) {
                cues::conditional_in(&keys, floor, v0)
            } else {
                // A condition after the verb governs the verb's own clause only: it stops at
                // the next coordinated clause (", and considers that ... if ...").
                let clause_end = (v1..content_end)
                    .find(|&i| {
                        keys.get(i).copied() == Some(";")
                            || keys.get(i).copied() == Some(",")
                                && matches!(keys.get(i + 1).copied(), Some("and" | "but"))
                    })
                    .unwrap_or(content_end);
                cues::conditional_in(&keys, floor, clause_end)
            };
            match conditional {
                // A condition after a negated verb group leaves it negated ("is not imposing
                // sanctions now, to allow time for talks if ..."); one before it ("If Gondor
                // does not act") makes it hypothetical.
                Some(word)
                    if reading.modality != Modality::Negated
                        || cues::conditional_in(&keys, floor, v0).is_some() =>
                {
                    Reading {
                        modality: Modality::Hypothetical,
                        cue: Some(word.to_string()),
                        idiom: None,
                    }
                }
                _ => reading,
            }
        }
    };
    let mut modality = reading.modality;
    let mut cue = reading.cue;
    // "reiterated his offer to meet Kim", "is ready to hold talks": the meeting is what is
    // offered; the act that happened is the offer, an intent to meet (036), made now.
    let offered = v0 >= 2
        && site.cameo.starts_with("04")
        && keys.get(v0 - 1).copied() == Some("to")
        && keys
            .get(v0 - 2)
            .is_some_and(|k| cues::OFFERS_TO.contains(k));
    if offered && recode.is_none() {
        recode = Some("036".to_string());
        idiom_used = true;
        modality = Modality::Asserted;
        cue = keys.get(v0 - 2).map(|k| k.to_string());
    }
    // "We will cooperate", "we want to work with you", "committed to working together": a
    // promise or wish to cooperate is the verbal act that happened, an intent (NEWS-CONVENTIONS
    // §3: promises of cooperation are 030 / 031x), not cooperation to come. A condition
    // ("would work with them if ...") leaves the cooperation itself hypothetical.
    let pledged = v0 >= 2
        && keys.get(v0 - 1).copied() == Some("to")
        && keys
            .get(v0 - 2)
            .is_some_and(|k| cues::PLEDGES_TO.contains(k));
    let importance = v0 >= 2
        && keys.get(v0 - 1).copied() == Some("of")
        && keys.get(v0 - 2).copied() == Some("importance");
    // (An extradition or transfer "will" happen is a scheduled act, not a promise: 063 stays.)
    let promised = site.cameo != "063"
        && matches!(modality, Modality::Future | Modality::Hypothetical)
        && !matches!(
            cue.as_deref(),
            Some("if" | "unless" | "whether" | "in case")
        );
    // Only news conventions read it so (the coder applies [`Context::intent`] there);
    // PETRARCH and TABARI code the cooperation verb as their dictionaries do.
    let intent =
        (recode.is_none() && modality != Modality::Negated && (promised || pledged || importance))
            .then(|| cues::cooperation_intent(site.cameo))
            .flatten()
            .map(str::to_string);
    // A threat is itself the verbal act (NEWS-CONVENTIONS §4): "will retaliate", "would strike
    // back" coded 13x are threats made now, not future or considered ones. A condition on the
    // threat ("If Y attacks, X would warn ...") still makes it hypothetical.
    let condition = matches!(
        cue.as_deref(),
        Some("if" | "unless" | "whether" | "in case")
    );
    if site.cameo.starts_with("13")
        && matches!(modality, Modality::Future | Modality::Hypothetical)
        && reading.idiom.is_none()
        && !condition
    {
        modality = Modality::Asserted;
    }
    // A rejection code (12x) from "will not accept" / "refused to allow" already holds the
    // negation: the rejection itself is asserted.
    if modality == Modality::Negated && site.cameo.starts_with("12") && reading.idiom.is_none() {
        modality = Modality::Asserted;
    }
    // The statement is itself the speaker's act ("Trump said all options are on the table",
    // "Sheinbaum said there will be no invasion"): the speaker is the event's actor, not a
    // source to attribute it to.
    let mut speakers_own_act = recode_source.is_some();
    if let Some(f) = inner {
        if f.denies && matches!(modality, Modality::Asserted) {
            modality = Modality::Negated;
            cue = Some(
                keys.get(f.cue.clone())
                    .map(|w| w.join(" "))
                    .unwrap_or_default(),
            );
        } else if modality == Modality::Asserted && recode_source.is_none() {
            let speaker_code = f
                .links
                .iter()
                .find(|l| l.kind == "speaker")
                .and_then(|l| l.code.as_deref());
            // An unknown source ("we", a quote's subject) is taken to be the speaker's side.
            let own_words = match (speaker_code, source_code) {
                (Some(s), Some(c)) => country_of(s) == country_of(c),
                (Some(_), None) => true,
                _ => false,
            };
            let verbal = is_verbal(recode.as_deref().unwrap_or(site.cameo));
            // Only when the speaker is the actor itself: "Sheinbaum said Mexico rejects …"
            // stays attributed to her.
            speakers_own_act =
                own_words && verbal && (source_code.is_none() || speaker_code == source_code);
            if !(own_words && verbal) {
                modality = Modality::Reported;
                if cue.is_none() {
                    cue = Some(
                        keys.get(f.cue.clone())
                            .map(|w| w.join(" "))
                            .unwrap_or_default(),
                    );
                }
            }
        }
    }

    // Attribution: the governing frames' links, innermost first, without repeats.
    let mut attribution: Vec<Attribution> = Vec::new();
    for (depth, &g) in governing.iter().enumerate() {
        for link in all_frames.get(g).map(|f| f.links.as_slice()).unwrap_or(&[]) {
            if depth == 0 && speakers_own_act && link.kind == "speaker" {
                continue;
            }
            if !attribution.contains(link) {
                attribution.push(link.clone());
            }
        }
    }

    // "X will try to settle the dispute when he meets Y on Wednesday": a time clause of a main
    // clause in the future tells a future event (and its weekday lies ahead).
    if modality == Modality::Asserted {
        let verb = keys.get(v0).copied().unwrap_or("");
        let past = verb.ends_with("ed")
            || matches!(
                verb,
                "met" | "held" | "spoke" | "said" | "told" | "sent" | "took"
            );
        let when = (0..v0).rev().take(4).find(|&j| {
            matches!(
                keys.get(j).copied(),
                Some("when" | "once" | "until" | "before" | "after")
            )
        });
        let future_main = when.is_some_and(|j| {
            keys.get(..j)
                .is_some_and(|k| k.iter().any(|w| matches!(*w, "will" | "'ll" | "shall")))
        });
        if future_main && !past {
            modality = Modality::Future;
        }
    }

    // Date.
    let tense = tense_of(&keys, v0, modality);
    let (date, date_precision) = match site.published {
        Some(published) => dates::event_date(&dates::DateQuery {
            sentence: site.sentence,
            word_starts: &word_starts,
            published,
            article_text: site.article_text,
            tense,
            verb: v0,
            frames: &all_frames,
            own,
            governing: &governing,
            keys: &keys,
            verb_end: v1,
            planned: matches!(modality, Modality::Future | Modality::Hypothetical),
        }),
        None => (None, None),
    };

    let anonymous_only = !attribution.is_empty()
        && attribution
            .iter()
            .all(|a| a.kind == "anonymous" || a.kind == "outlet")
        && attribution.iter().any(|a| a.kind == "anonymous");
    let confidence = confidence(
        site,
        v0,
        v1,
        modality,
        cue.is_some(),
        idiom_used,
        anonymous_only,
    );
    Context {
        modality,
        modality_cue: cue,
        attribution,
        date,
        date_precision,
        confidence,
        recode,
        recode_source,
        recode_target,
        intent,
    }
}

/// Tense hint for date resolution: future for future modality or "will" in the verb group, past
/// for "-ed" verbs and past auxiliaries, else unknown (news convention: past).
fn tense_of(keys: &[&str], v0: usize, modality: Modality) -> Tense {
    if modality == Modality::Future {
        return Tense::Future;
    }
    let lo = v0.saturating_sub(3);
    let group = keys.get(lo..v0).unwrap_or(&[]);
    if group.iter().any(|w| matches!(*w, "will" | "'ll" | "shall")) {
        return Tense::Future;
    }
    let verb = keys.get(v0).copied().unwrap_or("");
    if verb.ends_with("ed")
        || group
            .iter()
            .any(|w| matches!(*w, "did" | "had" | "was" | "were"))
    {
        return Tense::Past;
    }
    Tense::Unknown
}

/// Words between the verb and an actor range (0 when adjacent or overlapping).
fn gap(v0: usize, v1: usize, r: &Range<usize>) -> usize {
    if r.end <= v0 {
        v0 - r.end
    } else {
        r.start.saturating_sub(v1)
    }
}

/// The confidence formula of the module doc.
fn confidence(
    site: &EventSite,
    v0: usize,
    v1: usize,
    modality: Modality,
    has_cue: bool,
    idiom: bool,
    anonymous_only: bool,
) -> f32 {
    let mut c: f32 = if site.pattern_matched { 0.75 } else { 0.55 };
    match (&site.source, &site.target) {
        (Some(_), Some(_)) => c += 0.10,
        (None, None) => c -= 0.20,
        _ => c -= 0.10,
    }
    let far: usize = [&site.source, &site.target]
        .iter()
        .filter_map(|r| r.as_ref())
        .map(|r| gap(v0, v1, r).saturating_sub(3))
        .sum();
    c -= (0.02 * far as f32).min(0.20);
    if modality == Modality::Asserted && !has_cue {
        c += 0.05;
    }
    if modality == Modality::Hypothetical {
        c -= 0.05;
    }
    if idiom {
        c -= 0.05;
    }
    if anonymous_only {
        c -= 0.05;
    }
    (c.clamp(0.05, 0.99) * 100.0).round() / 100.0
}
