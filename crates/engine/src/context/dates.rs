//! Choosing the date of one event among the date expressions of its sentence.
//!
//! The anchor is the dateline's date when the article opens with one (`WASHINGTON, Sept. 3
//! (Reuters) —`), else the publication date. Expressions are found by `atalaya-time` with the
//! tense of the verb group; only those that date an event ("on Tuesday", not "since March")
//! count, plus offsets applied to a date that follows them ("two days after the March 4 talks").
//! Each expression is owned by the speech act of a reporting frame when it stands in the frame's
//! own words ("Sheinbaum said on Tuesday", "On Monday, officials said that"), otherwise by the
//! content. The event takes, in order: the nearest expression it owns; for reported content
//! without one, the date of the statement that reports it; the dateline; the publication date
//! with precision `article`.

use super::frames::Frame;
use atalaya_time::{find_dates, find_offsets, Relation, ResolvedDate, Tense};
use chrono::NaiveDate;
use std::ops::Range;

/// A date expression placed on the word grid.
struct Placed {
    date: ResolvedDate,
    word: usize,
}

/// Inputs for [`event_date`], all in the sentence's word indices.
pub struct DateQuery<'a> {
    pub sentence: &'a str,
    /// Sentence-relative byte start of each word.
    pub word_starts: &'a [usize],
    pub published: NaiveDate,
    pub article_text: &'a str,
    pub tense: Tense,
    pub verb: usize,
    pub frames: &'a [Frame],
    /// The frame whose reporting verb is the event verb (the event is a statement).
    pub own: Option<usize>,
    /// Frames whose content holds the event, innermost first.
    pub governing: &'a [usize],
    /// The sentence's folded words, and the end of the event verb (word index).
    pub keys: &'a [&'a str],
    pub verb_end: usize,
    /// A future or hypothetical event: its own date expressions give the planned date, and
    /// the event is dated when the plan is reported (NEWS-CONVENTIONS §5).
    pub planned: bool,
}

/// Is the date expression at `word` in the clause of the event verb? Not when a relative clause
/// or an infinitive with its object stands between ("condemned X for a war that ended seven
/// years ago", "praised Y's willingness to host the summit in July"), nor when it is in a
/// fronted "since" clause ("Since the visit in March, we have helped ..."): those date another
/// act.
fn in_verb_clause(q: &DateQuery, word: usize) -> bool {
    let key = |i: usize| q.keys.get(i).copied().unwrap_or("");
    if word >= q.verb_end {
        let relative = (q.verb_end..word).any(|i| {
            matches!(
                key(i),
                "that" | "which" | "who" | "whom" | "whose" | "since"
            )
        });
        let capital = |i: usize| {
            q.word_starts
                .get(i)
                .and_then(|&b| q.sentence.get(b..))
                .and_then(|s| s.chars().next())
                .is_some_and(|c| c.is_uppercase())
        };
        // "to host the summit": "to", a lower-case word, then a determiner.
        let infinitive = (q.verb_end..word.saturating_sub(2)).any(|i| {
            key(i) == "to"
                && !capital(i + 1)
                && matches!(
                    key(i + 2),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this"
                )
        });
        !(relative || infinitive)
    } else {
        let since = (0..word).rev().find(|&i| key(i) == "since");
        let comma = (word..q.verb).any(|i| key(i) == ",");
        !(since.is_some() && comma)
    }
}

/// The words a frame's speech act owns for dating: everything before its content (fronted "On
/// Tuesday," included) and up to three words after a reporting verb whose content starts right
/// after it; for a trailing frame ("…, X said Tuesday"), everything after the content.
fn statement_region(f: &Frame) -> Vec<Range<usize>> {
    if f.content.end <= f.cue.start {
        return std::iter::once(f.content.end..usize::MAX).collect();
    }
    if f.content.start == 0 {
        // "according to": the whole sentence is content.
        return vec![f.cue.clone(), f.speaker.clone()];
    }
    let mut regions: Vec<Range<usize>> = std::iter::once(0..f.content.start).collect();
    if f.content.start == f.cue.end {
        regions.push(f.cue.end..f.cue.end + 3);
    }
    regions
}

fn owned_by(f: &Frame, word: usize) -> bool {
    statement_region(f).iter().any(|r| r.contains(&word))
}

fn as_strings(d: &ResolvedDate) -> (Option<String>, Option<String>) {
    (
        Some(d.date.format("%Y-%m-%d").to_string()),
        Some(d.precision.as_str().to_string()),
    )
}

/// Date expressions of the sentence that date an event, on the word grid: plain ones and
/// offsets applied to the date that follows them.
fn place(q: &DateQuery, anchor: NaiveDate, tense: Tense) -> Vec<Placed> {
    let word_of = |byte: usize| {
        q.word_starts
            .iter()
            .position(|&s| s >= byte)
            .unwrap_or(q.word_starts.len())
    };
    let found = find_dates(q.sentence, anchor, tense);
    let mut placed: Vec<Placed> = Vec::new();
    for offset in find_offsets(q.sentence) {
        // "two days after the March 4 talks": the anchor is the date right after the offset.
        let target = found.iter().find(|d| {
            matches!(d.relation, Relation::After | Relation::Before)
                && d.start >= offset.end
                && d.start - offset.end <= 12
        });
        if let Some(moved) = target.and_then(|d| offset.apply(d)) {
            placed.push(Placed {
                word: word_of(offset.start),
                date: ResolvedDate {
                    relation: Relation::At,
                    ..moved
                },
            });
        }
    }
    for d in found {
        // A past act does not happen on a later day: in "India called off next week's talks"
        // the date is the talks', not the calling off.
        if tense == Tense::Past && d.date > anchor {
            continue;
        }
        if d.relation == Relation::At {
            placed.push(Placed {
                word: word_of(d.start),
                date: d,
            });
        }
    }
    placed
}

/// The event's `(date, date_precision)`.
pub fn event_date(q: &DateQuery) -> (Option<String>, Option<String>) {
    let dateline = atalaya_time::dateline_date(q.article_text, q.published);
    let anchor = dateline.as_ref().map(|d| d.date).unwrap_or(q.published);
    // The event's own expressions follow its tense; a statement's ("said on Tuesday") are past
    // or present whatever the content's tense is.
    let event_placed = place(q, anchor, q.tense);
    let statement_placed = if q.tense == Tense::Unknown {
        Vec::new()
    } else {
        place(q, anchor, Tense::Unknown)
    };
    let statement_pool = if statement_placed.is_empty() {
        &event_placed
    } else {
        &statement_placed
    };
    let nearest = |candidates: Vec<&Placed>| -> Option<ResolvedDate> {
        candidates
            .into_iter()
            .min_by_key(|p| (p.word.abs_diff(q.verb), p.date.precision, p.word))
            .map(|p| p.date.clone())
    };
    let frame = |i: usize| q.frames.get(i);
    let in_any_statement = |w: usize| q.frames.iter().any(|f| owned_by(f, w));
    let chosen = if let Some(own) = q.own.and_then(frame) {
        nearest(
            statement_pool
                .iter()
                .filter(|p| owned_by(own, p.word))
                .collect(),
        )
    } else {
        let own_dates = nearest(
            event_placed
                .iter()
                .filter(|p| !q.planned && !in_any_statement(p.word) && in_verb_clause(q, p.word))
                .collect(),
        );
        own_dates.or_else(|| {
            q.governing.iter().find_map(|&g| {
                frame(g).and_then(|f| {
                    nearest(
                        statement_pool
                            .iter()
                            .filter(|p| owned_by(f, p.word))
                            .collect(),
                    )
                })
            })
        })
    };
    let chosen = chosen
        .or(dateline)
        .unwrap_or_else(|| ResolvedDate::article(q.published));
    as_strings(&chosen)
}
