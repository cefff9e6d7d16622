//! Scoring the coder on real news: the annotation format of `suites/news/` (its README is the
//! spec) against articles whose texts live elsewhere (`../shared/news/articles.jsonl`).
//!
//! Unlike the sentence suites of [`crate::eval`], a news record holds no text and no expected
//! triples per sentence: it names an article (by id or URL) and lists the article's events, each
//! anchored to its sentence by byte span and hash. Scoring is per article:
//!
//! 1. gold and produced events are matched one to one by maximum bipartite matching (Kuhn's
//!    augmenting paths; articles hold tens of events, so its O(V·E) is nothing). An edge joins a
//!    produced event to a gold one when both actors agree on country and first sector
//!    ([`actor_key`], the gold code or one of its alternatives) and the CAMEO roots agree (the
//!    gold code's root or an alternative's). Core gold events are matched first; produced events
//!    left over may then match optional ones, which count neither way.
//! 2. precision = matched / (produced − matched to optional), recall = matched / core gold.
//! 3. over matched pairs: exact code, modality, date at the gold's precision, attribution.
//! 4. every unmatched event gets a failure kind (see [`FailureKind`]) from what else the coder
//!    produced in the same sentence: that list is what tells a developer what to fix.
//!
//! The split (`dev` / `test`) is fixed by the URL's hash, never chosen ([`split_of`]).

use crate::coder::{Engine, RunOptions};
use crate::record::{Article, Event};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// One annotated article (a line of `suites/news/annotations/*.jsonl`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewsRecord {
    /// The id in the shared texts (`pd001`), or `None` for an article not stored yet.
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date given by the annotator when the stored text has none.
    #[serde(default)]
    pub published: Option<String>,
    /// Only complete articles (every event annotated) are scored.
    #[serde(default = "yes")]
    pub complete: bool,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

fn yes() -> bool {
    true
}

/// A sentence of the article: byte span, hash and first words (see the suite's README).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Mention {
    pub span: [usize; 2],
    #[serde(default)]
    pub sha: Option<String>,
    #[serde(default)]
    pub first_words: Option<String>,
}

/// One gold event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldEvent {
    pub span: [usize; 2],
    #[serde(default)]
    pub sha: Option<String>,
    #[serde(default)]
    pub first_words: Option<String>,
    pub source: String,
    #[serde(default)]
    pub source_alt: Vec<String>,
    pub target: String,
    #[serde(default)]
    pub target_alt: Vec<String>,
    pub cameo: String,
    #[serde(default)]
    pub cameo_alt: Vec<String>,
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_precision: Option<String>,
    #[serde(default)]
    pub attributed_to: Option<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub other_mentions: Vec<Mention>,
}

/// One stored article text (a line of `../shared/news/articles.jsonl`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewsText {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Dev,
    Test,
}

/// `test` when the first hex digit of the SHA-256 of the URL is 0–4 (5 of 16), else `dev`.
pub fn split_of(url: &str) -> Split {
    let digest = Sha256::digest(url.as_bytes());
    if digest[0] >> 4 <= 4 {
        Split::Test
    } else {
        Split::Dev
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes` (a mention's `sha`).
pub fn short_sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A URL compared without scheme, `www.` and trailing `/`.
pub fn url_key(url: &str) -> String {
    let u = url.trim();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_ascii_lowercase()
}

/// What two actor codes must share to match: country and first sector (the first six
/// characters: `USAGOVMIL` → `USAGOV`; `IGOUNOHCR` → `IGOUNO`).
pub fn actor_key(code: &str) -> String {
    atalaya_cameo::country_and_sector(code).to_uppercase()
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// Finds a mention's sentence in `text`: at its span when the hash agrees (or no hash is
/// given), else at each place where its first words occur with the same length and hash.
pub fn locate(
    text: &str,
    span: [usize; 2],
    sha: Option<&str>,
    first_words: Option<&str>,
) -> Option<[usize; 2]> {
    let bytes = text.as_bytes();
    let [start, end] = span;
    let Some(sha) = sha else {
        return (start < end && end <= bytes.len()).then_some(span);
    };
    if start < end && end <= bytes.len() && short_sha(&bytes[start..end]) == sha {
        return Some(span);
    }
    let words = first_words?.trim();
    if words.is_empty() || end <= start {
        return None;
    }
    let len = end - start;
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(words)) {
        let at = from + i;
        if at + len <= bytes.len() && short_sha(&bytes[at..at + len]) == sha {
            return Some([at, at + len]);
        }
        from = at + words.len();
    }
    None
}

/// Why a gold event was missed or a produced event is false, from what else is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// No produced event in the gold event's sentences.
    MissedNothingCoded,
    /// A produced event there has the gold's actors but another CAMEO root.
    MissedOtherCode,
    /// A produced event there has the gold's root but other actors.
    MissedWrongActor,
    /// Produced events there, with other actors and other roots.
    MissedOtherEvent,
    /// The gold event's sentence could not be found in the text (its hash no longer matches).
    MissedAnchorLost,
    /// Would match a gold event that another produced event already matched.
    SpuriousDuplicate,
    /// Its source or target has no country or no sector (`---`, a bare country, unknown).
    SpuriousMissingActor,
    /// Same root as a gold event of its sentence, other actors.
    SpuriousWrongActor,
    /// Same actors as a gold event of its sentence, other root.
    SpuriousOtherCode,
    /// No gold event at all in its sentence.
    SpuriousNoGoldInSentence,
    /// Other events in its sentence, none alike.
    SpuriousOtherEvent,
    /// Matched, but the exact code is neither the gold's nor an alternative.
    WrongCode,
    /// Matched, with another modality.
    WrongModality,
    /// Matched, with a date that misses the gold's at its precision.
    WrongDate,
    /// Matched, with an attribution that shares no name with the gold's (or one too many).
    WrongAttribution,
}

impl FailureKind {
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::MissedNothingCoded => "missed: nothing coded in the sentence",
            FailureKind::MissedOtherCode => "missed: right actors, other code",
            FailureKind::MissedWrongActor => "missed: right code, other actors",
            FailureKind::MissedOtherEvent => "missed: another event coded instead",
            FailureKind::MissedAnchorLost => "missed: sentence not found (anchor lost)",
            FailureKind::SpuriousDuplicate => "false: duplicate of a matched event",
            FailureKind::SpuriousMissingActor => "false: source or target without country/sector",
            FailureKind::SpuriousWrongActor => "false: right code, other actors",
            FailureKind::SpuriousOtherCode => "false: right actors, other code",
            FailureKind::SpuriousNoGoldInSentence => "false: no gold event in the sentence",
            FailureKind::SpuriousOtherEvent => "false: other event in an event sentence",
            FailureKind::WrongCode => "matched: other exact code",
            FailureKind::WrongModality => "matched: other modality",
            FailureKind::WrongDate => "matched: other date",
            FailureKind::WrongAttribution => "matched: other attribution",
        }
    }
}

/// One failure, for the list a developer reads.
#[derive(Debug, Clone, Serialize)]
pub struct NewsFailure {
    pub article: String,
    pub kind: FailureKind,
    /// `SOURCE TARGET CODE modality` of the gold or produced event.
    pub event: String,
    /// The sentence's byte span in the article text, when known.
    pub span: Option<[usize; 2]>,
    /// The sentence (from the stored text, for the terminal only; never written to the suite).
    pub sentence: String,
    /// For a false event: the pattern or verb that fired.
    pub matched: Option<String>,
}

/// A skipped article and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub article: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Rate {
    pub correct: usize,
    pub scored: usize,
}

impl Rate {
    fn add(&mut self, ok: bool) {
        self.scored += 1;
        self.correct += usize::from(ok);
    }
    pub fn value(self) -> Option<f64> {
        (self.scored > 0).then(|| self.correct as f64 / self.scored as f64)
    }
}

/// The figures of one run over a news suite.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewsScores {
    pub suite: String,
    pub split: Option<Split>,
    pub articles: usize,
    pub articles_scored: usize,
    pub gold_events: usize,
    pub gold_optional: usize,
    pub produced_events: usize,
    /// Produced events matched to optional gold events (counted neither way).
    pub produced_optional: usize,
    pub true_positives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub code: Rate,
    pub modality: Rate,
    pub date: Rate,
    pub attribution: Rate,
    pub anchors_lost: usize,
    pub failure_counts: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NewsReport {
    pub scores: NewsScores,
    pub skipped: Vec<Skipped>,
    pub failures: Vec<NewsFailure>,
}

fn actor_ok(code: &str, gold: &str, alts: &[String]) -> bool {
    let k = actor_key(code);
    k == actor_key(gold) || alts.iter().any(|a| k == actor_key(a))
}

fn actors_ok(e: &Event, g: &GoldEvent) -> bool {
    actor_ok(&e.source.code, &g.source, &g.source_alt)
        && actor_ok(&e.target.code, &g.target, &g.target_alt)
}

fn root_ok(e: &Event, g: &GoldEvent) -> bool {
    let r = root(&e.cameo);
    r == root(&g.cameo) || g.cameo_alt.iter().any(|a| r == root(a))
}

fn compatible(e: &Event, g: &GoldEvent) -> bool {
    actors_ok(e, g) && root_ok(e, g)
}

/// Kuhn's algorithm: `edges[g]` lists the produced events gold `g` may take; `taken[p]` is the
/// gold index that holds produced `p` (kept across calls so optional events only get leftovers).
fn max_matching(edges: &[Vec<usize>], taken: &mut [Option<usize>], offset: usize) {
    fn augment(
        g: usize,
        edges: &[Vec<usize>],
        taken: &mut [Option<usize>],
        seen: &mut [bool],
        offset: usize,
    ) -> bool {
        for &p in &edges[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            let free = match taken[p] {
                None => true,
                Some(h) if h >= offset => augment(h - offset, edges, taken, seen, offset),
                // held by an earlier (core) round: never taken back
                Some(_) => false,
            };
            if free {
                taken[p] = Some(g + offset);
                return true;
            }
        }
        false
    }
    for g in 0..edges.len() {
        let mut seen = vec![false; taken.len()];
        augment(g, edges, taken, &mut seen, offset);
    }
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into the first day of the period.
fn period_start(date: &str) -> Option<chrono::NaiveDate> {
    let d = date.trim();
    let full = match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.get(..10)?.to_string(),
    };
    chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d").ok()
}

fn precision_rank(p: &str) -> u8 {
    match p {
        "day" | "article" => 0,
        "week" => 1,
        "month" => 2,
        "season" => 3,
        "year" => 4,
        _ => 5,
    }
}

/// Is the produced date right at the gold's precision? A gold `null` date is right only when
/// the event claims no date from the text (none, or the publication-date fallback).
pub fn date_ok(gold_date: Option<&str>, gold_precision: Option<&str>, e: &Event) -> bool {
    let produced_precision = e.date_precision.as_deref().unwrap_or("");
    let Some(gold_date) = gold_date else {
        return e.date.is_none() || produced_precision == "article";
    };
    let (Some(g), Some(p)) = (
        period_start(gold_date),
        e.date.as_deref().and_then(period_start),
    ) else {
        return false;
    };
    let gold_precision = gold_precision.unwrap_or("day");
    if precision_rank(produced_precision) > precision_rank(gold_precision) {
        return false;
    }
    use chrono::Datelike;
    match gold_precision {
        "day" => p == g,
        "week" => p >= g && (p - g).num_days() < 7,
        "month" => (p.year(), p.month()) == (g.year(), g.month()),
        "year" => p.year() == g.year(),
        _ => false,
    }
}

fn name_words(s: &str) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "the",
        "and",
        "of",
        "news",
        "officials",
        "official",
        "said",
        "says",
        "sources",
        "source",
        "according",
        "to",
        "a",
        "an",
        "in",
        "for",
        "on",
        "senior",
        "current",
        "former",
        "six",
        "two",
        "three",
        "people",
    ];
    atalaya_text::fold_key(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2 && !GENERIC.contains(w))
        .map(str::to_string)
        .collect()
}

/// Attribution is right when both are absent, or both present and sharing a name word
/// ("NBC News (six officials)" and a produced outlet "NBC").
pub fn attribution_ok(gold: Option<&str>, e: &Event) -> bool {
    match gold {
        None => e.attribution.is_empty(),
        Some(g) => {
            let gw = name_words(g);
            let produced: Vec<String> = e
                .attribution
                .iter()
                .flat_map(|a| name_words(&a.text))
                .collect();
            if gw.is_empty() {
                // "officials", "sources": any anonymous link will do
                return !e.attribution.is_empty();
            }
            gw.iter().any(|w| produced.contains(w))
        }
    }
}

fn describe_gold(g: &GoldEvent) -> String {
    format!(
        "{} {} {} {}",
        g.source,
        g.target,
        g.cameo,
        g.modality.as_deref().unwrap_or("?")
    )
}

fn describe_event(e: &Event) -> String {
    let code = |c: &str| {
        if c.is_empty() {
            "-".to_string()
        } else {
            c.to_string()
        }
    };
    format!(
        "{} {} {} {}",
        code(&e.source.code),
        code(&e.target.code),
        e.cameo,
        e.modality.name()
    )
}

fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

fn missing_actor(code: &str) -> bool {
    actor_key(code).chars().count() < 6
}

/// Scores one article. `events` are the coder's events for `text`.
/// The one-to-one matching of an article's gold events to its produced events (gold index →
/// produced index): maximum matching on compatible actors and root, core events first, then
/// optional ones among the produced events left (as the scores count them; the stories suite
/// reuses it to know which real occurrence a produced event reports).
pub fn matching(gold: &[GoldEvent], events: &[Event]) -> Vec<Option<usize>> {
    let core: Vec<usize> = (0..gold.len()).filter(|&i| !gold[i].optional).collect();
    let optional: Vec<usize> = (0..gold.len()).filter(|&i| gold[i].optional).collect();
    let edges = |set: &[usize]| -> Vec<Vec<usize>> {
        set.iter()
            .map(|&g| {
                (0..events.len())
                    .filter(|&p| compatible(&events[p], &gold[g]))
                    .collect()
            })
            .collect()
    };
    let mut taken: Vec<Option<usize>> = vec![None; events.len()];
    max_matching(&edges(&core), &mut taken, 0);
    max_matching(&edges(&optional), &mut taken, core.len());
    let mut matched_gold: Vec<Option<usize>> = vec![None; gold.len()];
    for (p, t) in taken.iter().enumerate() {
        if let Some(t) = *t {
            let g = if t < core.len() {
                core[t]
            } else {
                optional[t - core.len()]
            };
            matched_gold[g] = Some(p);
        }
    }
    matched_gold
}

fn score_article(
    id: &str,
    text: &str,
    gold: &[GoldEvent],
    events: &[Event],
    scores: &mut NewsScores,
    failures: &mut Vec<NewsFailure>,
) {
    // Each gold event's sentences, located in the text.
    let mut lost = vec![false; gold.len()];
    let spans: Vec<Vec<[usize; 2]>> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let main = locate(text, g.span, g.sha.as_deref(), g.first_words.as_deref());
            lost[i] = main.is_none();
            main.into_iter()
                .chain(g.other_mentions.iter().filter_map(|m| {
                    locate(text, m.span, m.sha.as_deref(), m.first_words.as_deref())
                        .or_else(|| (m.sha.is_none()).then_some(m.span))
                }))
                .collect()
        })
        .collect();
    scores.anchors_lost += lost.iter().filter(|&&l| l).count();

    let core: Vec<usize> = (0..gold.len()).filter(|&i| !gold[i].optional).collect();
    let optional: Vec<usize> = (0..gold.len()).filter(|&i| gold[i].optional).collect();
    let matched_gold = matching(gold, events);
    let mut taken = vec![false; events.len()];
    for p in matched_gold.iter().flatten() {
        taken[*p] = true;
    }

    scores.gold_events += core.len();
    scores.gold_optional += optional.len();
    scores.produced_events += events.len();
    for &g in &core {
        let Some(p) = matched_gold[g] else { continue };
        scores.true_positives += 1;
        let (gd, e) = (&gold[g], &events[p]);
        let code_ok = e.cameo == gd.cameo || gd.cameo_alt.contains(&e.cameo);
        scores.code.add(code_ok);
        let modality_ok = gd
            .modality
            .as_deref()
            .is_none_or(|m| m == e.modality.name());
        if gd.modality.is_some() {
            scores.modality.add(modality_ok);
        }
        let date_right = date_ok(gd.date.as_deref(), gd.date_precision.as_deref(), e);
        scores.date.add(date_right);
        let attribution_right = attribution_ok(gd.attributed_to.as_deref(), e);
        scores.attribution.add(attribution_right);
        let wrong = [
            (
                code_ok,
                FailureKind::WrongCode,
                format!("code {} (gold {})", e.cameo, gd.cameo),
            ),
            (
                modality_ok,
                FailureKind::WrongModality,
                format!(
                    "modality {} (gold {})",
                    e.modality.name(),
                    gd.modality.as_deref().unwrap_or("-")
                ),
            ),
            (
                date_right,
                FailureKind::WrongDate,
                format!(
                    "date {}/{} (gold {}/{})",
                    e.date.as_deref().unwrap_or("-"),
                    e.date_precision.as_deref().unwrap_or("-"),
                    gd.date.as_deref().unwrap_or("-"),
                    gd.date_precision.as_deref().unwrap_or("-")
                ),
            ),
            (
                attribution_right,
                FailureKind::WrongAttribution,
                format!(
                    "attribution {:?} (gold {})",
                    e.attribution
                        .iter()
                        .map(|a| a.text.as_str())
                        .collect::<Vec<_>>(),
                    gd.attributed_to.as_deref().unwrap_or("-")
                ),
            ),
        ];
        for (ok, kind, what) in wrong {
            if !ok {
                failures.push(NewsFailure {
                    article: id.to_string(),
                    kind,
                    event: format!("{} — {what}", describe_gold(gd)),
                    span: Some([e.span.start, e.span.end]),
                    sentence: e.sentence.clone(),
                    matched: None,
                });
            }
        }
    }
    scores.produced_optional += optional
        .iter()
        .filter(|&&g| matched_gold[g].is_some())
        .count();

    let sentence_of = |span: Option<[usize; 2]>| -> String {
        span.and_then(|[s, e]| text.get(s..e))
            .unwrap_or("")
            .to_string()
    };
    let in_gold_sentence = |e: &Event, g: usize| {
        let s = [e.span.start, e.span.end];
        spans[g].iter().any(|&m| overlaps(m, s))
    };
    // Misses.
    for &g in &core {
        if matched_gold[g].is_some() {
            continue;
        }
        let here: Vec<&Event> = events.iter().filter(|e| in_gold_sentence(e, g)).collect();
        let kind = if lost[g] {
            FailureKind::MissedAnchorLost
        } else if here.is_empty() {
            FailureKind::MissedNothingCoded
        } else if here.iter().any(|e| actors_ok(e, &gold[g])) {
            FailureKind::MissedOtherCode
        } else if here.iter().any(|e| root_ok(e, &gold[g])) {
            FailureKind::MissedWrongActor
        } else {
            FailureKind::MissedOtherEvent
        };
        let span = spans[g].first().copied();
        failures.push(NewsFailure {
            article: id.to_string(),
            kind,
            event: describe_gold(&gold[g]),
            span,
            sentence: sentence_of(span),
            matched: None,
        });
    }
    // False events.
    for (p, e) in events.iter().enumerate() {
        if taken[p] {
            continue;
        }
        let sentence_gold: Vec<usize> = (0..gold.len())
            .filter(|&g| in_gold_sentence(e, g))
            .collect();
        let kind = if gold
            .iter()
            .enumerate()
            .any(|(g, gd)| matched_gold[g].is_some() && compatible(e, gd))
        {
            FailureKind::SpuriousDuplicate
        } else if missing_actor(&e.source.code) || missing_actor(&e.target.code) {
            FailureKind::SpuriousMissingActor
        } else if sentence_gold.is_empty() {
            FailureKind::SpuriousNoGoldInSentence
        } else if sentence_gold.iter().any(|&g| root_ok(e, &gold[g])) {
            FailureKind::SpuriousWrongActor
        } else if sentence_gold.iter().any(|&g| actors_ok(e, &gold[g])) {
            FailureKind::SpuriousOtherCode
        } else {
            FailureKind::SpuriousOtherEvent
        };
        failures.push(NewsFailure {
            article: id.to_string(),
            kind,
            event: describe_event(e),
            span: Some([e.span.start, e.span.end]),
            sentence: e.sentence.clone(),
            matched: Some(match &e.matched.pattern {
                Some(pat) => format!("{} [{}] {}", e.matched.verb, pat, e.matched.origin),
                None => format!("{} {}", e.matched.verb, e.matched.origin),
            }),
        });
    }
}

/// Scores `records` against `texts` with `engine`. Records whose text is missing, or that are
/// not complete, are reported in `skipped`; `split` keeps only that split's articles.
pub fn evaluate_news(
    engine: &Engine,
    suite: &str,
    records: &[NewsRecord],
    texts: &[NewsText],
    opts: &RunOptions,
    split: Option<Split>,
) -> NewsReport {
    let mut report = NewsReport::default();
    report.scores.suite = suite.to_string();
    report.scores.split = split;
    let by_id: BTreeMap<&str, &NewsText> = texts
        .iter()
        .filter_map(|t| t.id.as_deref().map(|id| (id, t)))
        .collect();
    let by_url: BTreeMap<String, &NewsText> = texts
        .iter()
        .filter_map(|t| t.url.as_deref().map(|u| (url_key(u), t)))
        .collect();
    for r in records {
        let name = r
            .article
            .clone()
            .or_else(|| r.url.clone())
            .unwrap_or_else(|| "(no id or url)".to_string());
        if let (Some(want), Some(url)) = (split, r.url.as_deref()) {
            if split_of(url) != want {
                continue;
            }
        }
        report.scores.articles += 1;
        let text = r
            .article
            .as_deref()
            .and_then(|id| by_id.get(id))
            .or_else(|| r.url.as_deref().and_then(|u| by_url.get(&url_key(u))));
        let Some(text) = text else {
            report.skipped.push(Skipped {
                article: name,
                reason: "text not in the news texts yet".to_string(),
            });
            continue;
        };
        if !r.complete {
            report.skipped.push(Skipped {
                article: name,
                reason: "annotation marked incomplete".to_string(),
            });
            continue;
        }
        let id = text.id.clone().unwrap_or(name);
        let article = Article {
            id: id.clone(),
            url: text.url.clone(),
            outlet: text.outlet.clone(),
            published: text.published.clone().or_else(|| r.published.clone()),
            title: text.title.clone(),
            text: text.text.clone(),
            lang: None,
        };
        let out = engine.code_article_with(&article, opts);
        report.scores.articles_scored += 1;
        score_article(
            &id,
            &article.text,
            &r.events,
            &out.events,
            &mut report.scores,
            &mut report.failures,
        );
    }
    let s = &mut report.scores;
    let counted = s.produced_events - s.produced_optional;
    s.precision = if counted > 0 {
        s.true_positives as f64 / counted as f64
    } else {
        0.0
    };
    s.recall = if s.gold_events > 0 {
        s.true_positives as f64 / s.gold_events as f64
    } else {
        0.0
    };
    s.f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    for f in &report.failures {
        *s.failure_counts
            .entry(f.kind.name().to_string())
            .or_default() += 1;
    }
    report
}

/// Checks one annotation record against the suite's format (suites/news/README.md): every
/// code a CAMEO code, every actor a country (or `---`/IGO) plus a sector, legal modalities,
/// precisions and date formats. Returns the problems found, each naming the event.
pub fn check_record(r: &NewsRecord) -> Vec<String> {
    let mut problems = Vec::new();
    let name = r
        .article
        .clone()
        .or_else(|| r.url.clone())
        .unwrap_or_default();
    if r.url.is_none() {
        problems.push(format!("{name}: no url (the split is drawn from it)"));
    }
    let actor_ok = |c: &str| {
        let c = c.trim();
        if !c.is_ascii() || !c.len().is_multiple_of(3) {
            return false;
        }
        // International bodies: IGO/NGO plus a region or group code, or alone ("plain IGO").
        if c.starts_with("IGO") || c.starts_with("NGO") {
            return c.bytes().all(|b| b.is_ascii_uppercase());
        }
        c.len() >= 6
            && (c.starts_with("---") || atalaya_cameo::country_code(&c[..3]).is_some())
            && atalaya_cameo::is_actor_type(&c[3..6])
    };
    for (i, e) in r.events.iter().enumerate() {
        let at = format!(
            "{name}: event {} ({} {} {})",
            i + 1,
            e.source,
            e.target,
            e.cameo
        );
        for c in std::iter::once(&e.cameo).chain(&e.cameo_alt) {
            if !atalaya_cameo::is_known(c) {
                problems.push(format!("{at}: `{c}` is not a CAMEO code"));
            }
        }
        for c in [&e.source, &e.target]
            .into_iter()
            .chain(&e.source_alt)
            .chain(&e.target_alt)
        {
            if !actor_ok(c) {
                problems.push(format!("{at}: actor `{c}` is not country + sector"));
            }
        }
        if let Some(m) = &e.modality {
            if !matches!(
                m.as_str(),
                "asserted" | "reported" | "hypothetical" | "future" | "negated"
            ) {
                problems.push(format!("{at}: modality `{m}`"));
            }
        }
        match (&e.date, e.date_precision.as_deref()) {
            (None, None) => {}
            (Some(d), Some(p)) => {
                let len_ok = match p {
                    "day" | "week" => d.len() == 10,
                    "month" => d.len() == 7,
                    "year" => d.len() == 4,
                    _ => false,
                };
                if !len_ok || period_start(d).is_none() {
                    problems.push(format!("{at}: date `{d}` at precision `{p}`"));
                }
            }
            _ => problems.push(format!(
                "{at}: date and date_precision must both be set or both null"
            )),
        }
        if e.span[0] >= e.span[1] {
            problems.push(format!("{at}: empty span {:?}", e.span));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ActorRef, Matched, Modality, Span};

    fn event(source: &str, target: &str, code: &str, span: [usize; 2]) -> Event {
        let actor = |c: &str| ActorRef {
            text: c.to_string(),
            code: c.to_string(),
            country: None,
            sector: None,
            entity_id: None,
            name: None,
            span: None,
            implied: false,
        };
        Event {
            id: String::new(),
            article_id: "a".into(),
            sentence_index: 0,
            span: Span {
                start: span[0],
                end: span[1],
            },
            sentence: String::new(),
            source: actor(source),
            target: actor(target),
            cameo: code.into(),
            cameo_root: code.get(..2).unwrap_or(code).into(),
            quad_class: None,
            goldstein: None,
            plover: None,
            modality: Modality::Asserted,
            attribution: vec![],
            date: None,
            date_precision: None,
            location: None,
            confidence: 1.0,
            matched: Matched::default(),
            cluster_id: None,
        }
    }

    fn gold(source: &str, target: &str, code: &str, span: [usize; 2], optional: bool) -> GoldEvent {
        GoldEvent {
            span,
            sha: None,
            first_words: None,
            source: source.into(),
            source_alt: vec![],
            target: target.into(),
            target_alt: vec![],
            cameo: code.into(),
            cameo_alt: vec![],
            modality: Some("asserted".into()),
            date: None,
            date_precision: None,
            attributed_to: None,
            optional,
            other_mentions: vec![],
        }
    }

    #[test]
    fn split_is_fixed_by_the_url_hash() {
        // The rule, not a list: about 5/16 of URLs land in test.
        let urls: Vec<String> = (0..1600)
            .map(|i| format!("https://example.invalid/a/{i}"))
            .collect();
        let test = urls.iter().filter(|u| split_of(u) == Split::Test).count();
        assert!((400..600).contains(&test), "{test} of 1600 in test");
        assert_eq!(split_of(&urls[7]), split_of(&urls[7].clone()));
    }

    #[test]
    fn actor_keys_compare_country_and_first_sector() {
        assert_eq!(actor_key("USAGOVMIL"), "USAGOV");
        assert_eq!(actor_key("usagov"), "USAGOV");
        assert_ne!(actor_key("USA"), actor_key("USAGOV"));
        assert_eq!(actor_key("IGOUNOHCR"), "IGOUNO");
    }

    #[test]
    fn matching_is_maximal_and_one_to_one() {
        // Two gold events share a dyad and root; a greedy first-fit could give both produced
        // events to the first gold and lose one. Alternatives widen the second gold only.
        let mut g2 = gold("USAGOV", "MEXGOV", "130", [0, 10], false);
        g2.target_alt = vec!["MEXCRM".into()];
        let golds = vec![gold("USAGOV", "MEXGOV", "138", [0, 10], false), g2];
        let events = vec![
            event("USAGOV", "MEXCRM", "138", [0, 10]),
            event("USAGOV", "MEXGOV", "130", [0, 10]),
            event("USAGOV", "MEXGOV", "130", [0, 10]),
        ];
        let mut s = NewsScores::default();
        let mut f = vec![];
        score_article("a", "0123456789", &golds, &events, &mut s, &mut f);
        assert_eq!(s.true_positives, 2);
        assert_eq!(s.produced_events, 3);
        let unmatched: Vec<FailureKind> = f
            .iter()
            .map(|x| x.kind)
            .filter(|k| *k < FailureKind::WrongCode)
            .collect();
        assert_eq!(unmatched, vec![FailureKind::SpuriousDuplicate]);
        // The 138 matched to the gold 130 (through its target alternative) is a wrong code.
        assert!(f.iter().any(|x| x.kind == FailureKind::WrongCode), "{f:?}");
    }

    #[test]
    fn optional_gold_counts_neither_way_and_only_takes_leftovers() {
        let golds = vec![
            gold("USAGOV", "MEXGOV", "042", [0, 10], false),
            gold("USAGOV", "MEXGOV", "042", [0, 10], true),
            gold("MEXGOV", "USAGOV", "111", [0, 10], true),
        ];
        let events = vec![event("USAGOV", "MEXGOV", "042", [0, 10])];
        let mut s = NewsScores::default();
        let mut f = vec![];
        score_article("a", "0123456789", &golds, &events, &mut s, &mut f);
        assert_eq!(
            (
                s.true_positives,
                s.gold_events,
                s.gold_optional,
                s.produced_optional
            ),
            (1, 1, 2, 0)
        );
        assert!(f.is_empty(), "a missed optional event is no failure: {f:?}");
    }

    #[test]
    fn failures_are_classified_by_what_the_sentence_holds() {
        let text = "First sentence here. Second one.";
        let golds = vec![
            gold("USAGOV", "MEXGOV", "112", [0, 20], false),
            gold("MEXGOV", "USAGOV", "042", [21, 32], false),
        ];
        let events = vec![
            event("USAGOV", "MEXGOV", "051", [0, 20]), // right actors, other root
            event("CANGOV", "USAGOV", "042", [21, 32]), // right root, other actors
            event("USA", "MEXGOV", "190", [21, 32]),   // no sector
        ];
        let mut s = NewsScores::default();
        let mut f = vec![];
        score_article("a", text, &golds, &events, &mut s, &mut f);
        let kinds: Vec<FailureKind> = f.iter().map(|x| x.kind).collect();
        assert!(kinds.contains(&FailureKind::MissedOtherCode), "{kinds:?}");
        assert!(kinds.contains(&FailureKind::MissedWrongActor), "{kinds:?}");
        assert!(kinds.contains(&FailureKind::SpuriousOtherCode), "{kinds:?}");
        assert!(
            kinds.contains(&FailureKind::SpuriousWrongActor),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&FailureKind::SpuriousMissingActor),
            "{kinds:?}"
        );
        assert_eq!(s.true_positives, 0);
    }

    #[test]
    fn a_moved_sentence_is_found_again_by_its_first_words_and_hash() {
        let text = "Intro. Mexico rejected the offer.";
        let sentence = "Mexico rejected the offer.";
        let sha = short_sha(sentence.as_bytes());
        let at = text.find(sentence).unwrap_or(0);
        // The annotation was made on a text without "Intro. ".
        let old = [0, sentence.len()];
        assert_eq!(
            locate(text, old, Some(&sha), Some("Mexico rejected")),
            Some([at, at + sentence.len()])
        );
        assert_eq!(locate(text, old, Some(&sha), Some("Canada said")), None);
        assert_eq!(
            locate(text, [at, at + sentence.len()], Some(&sha), None),
            Some([at, at + sentence.len()])
        );
    }

    #[test]
    fn dates_are_judged_at_the_gold_precision() {
        let mut e = event("A", "B", "042", [0, 1]);
        e.date = Some("2025-11-17".into());
        e.date_precision = Some("day".into());
        assert!(date_ok(Some("2025-11-17"), Some("day"), &e));
        assert!(date_ok(Some("2025-11-15"), Some("week"), &e));
        assert!(date_ok(Some("2025-11"), Some("month"), &e));
        assert!(date_ok(Some("2025"), Some("year"), &e));
        assert!(!date_ok(Some("2025-11-18"), Some("day"), &e));
        assert!(
            !date_ok(None, None, &e),
            "a gold null date wants no date from the text"
        );
        e.date_precision = Some("article".into());
        assert!(
            date_ok(None, None, &e),
            "the publication-date fallback claims nothing"
        );
        e.date = Some("2025-11-01".into());
        e.date_precision = Some("month".into());
        assert!(
            !date_ok(Some("2025-11-01"), Some("day"), &e),
            "a month is not a day"
        );
    }

    #[test]
    fn attribution_needs_a_shared_name() {
        let mut e = event("A", "B", "190", [0, 1]);
        assert!(attribution_ok(None, &e));
        assert!(!attribution_ok(Some("NBC News (six officials)"), &e));
        e.attribution.push(crate::record::Attribution {
            kind: "outlet".into(),
            text: "NBC".into(),
            code: None,
        });
        assert!(attribution_ok(Some("NBC News (six officials)"), &e));
        assert!(!attribution_ok(Some("The New York Times"), &e));
        assert!(!attribution_ok(None, &e));
    }
}
