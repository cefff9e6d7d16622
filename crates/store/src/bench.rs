//! A generated store for benchmarks: [`generate_bench_store`] fills a new store with a given
//! number of synthetic events spread as news coverage spreads them.
//!
//! The spread, so that queries meet the shapes real stores have:
//! - **Days**: two years (2024-01-01 to 2025-12-31), articles generated day by day. Each day's
//!   share is a base rate plus 24 crisis bursts (a few days to a few weeks of heavy coverage,
//!   at days and heights drawn from the seed).
//! - **Dyads**: 30 countries drawn by weight (the United States most often), plus six "hot"
//!   dyads (USA–MEX, RUS–UKR, ISR–PSE, USA–CHN, USA–IRN, CHN–TWN) that take 30% of the articles,
//!   either direction; actor codes are country + sector (`MEXGOV`, `USAMIL`, `MEXCRM`, bare
//!   `MEX`), every actor registered in `actors` as ingest registers them.
//! - **Codes**: 44 common CAMEO codes by weight (statements, consultations and cooperation
//!   most often, threats, coercion and force less), with the Goldstein score and GDELT quad
//!   class of the code; modalities asserted 62%, reported 20%, future 8%, hypothetical 7%,
//!   negated 3%.
//! - **Stories**: 45% of events report a story that an article in the last few days already
//!   carried (same actors, code and `cluster_id`, day within a week of it); 10% of events have
//!   no `cluster_id` (as before clustering); the rest start a story of their own.
//!
//! Everything is written in one transaction with prepared statements; the same seed gives
//! the same store. Articles are short generated texts (full-text indexed as ingest indexes
//! them); sentences are templates, not news.

use crate::{Result, Store, StoreError};
use chrono::{Days, NaiveDate};
use rusqlite::{params, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchSpec {
    /// Number of events to write.
    pub events: u64,
    /// Seed of the pseudo-random spread.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BenchSummary {
    pub articles: u64,
    pub events: u64,
    /// Events that share a `cluster_id` with at least one earlier event.
    pub repeat_mentions: u64,
    /// Distinct `cluster_id` values.
    pub stories: u64,
    /// Events with no `cluster_id`.
    pub unclustered: u64,
    /// Events between the United States and Mexico, either direction (the benchmark's dyad).
    pub usa_mex_events: u64,
}

/// Small, fast, seedable generator (SplitMix64): the spread needs no statistical quality beyond
/// looking random, and no dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Picks from a weighted table by a cumulative sum.
struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<f64>,
}

impl<T: Copy> Weighted<T> {
    fn new(pairs: &[(T, f64)]) -> Weighted<T> {
        let mut total = 0.0;
        let mut cumulative = Vec::with_capacity(pairs.len());
        for (_, weight) in pairs {
            total += weight;
            cumulative.push(total);
        }
        Weighted {
            items: pairs.iter().map(|(item, _)| *item).collect(),
            cumulative,
        }
    }

    fn pick(&self, rng: &mut SplitMix) -> T {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|c| *c <= x);
        self.items[i.min(self.items.len() - 1)]
    }
}

const COUNTRIES: &[(&str, f64)] = &[
    ("USA", 20.0),
    ("CHN", 8.0),
    ("RUS", 8.0),
    ("UKR", 7.0),
    ("MEX", 6.0),
    ("ISR", 6.0),
    ("IRN", 5.0),
    ("PSE", 4.0),
    ("GBR", 4.0),
    ("FRA", 3.0),
    ("DEU", 3.0),
    ("IND", 3.0),
    ("PAK", 3.0),
    ("TWN", 2.0),
    ("JPN", 2.0),
    ("KOR", 2.0),
    ("PRK", 2.0),
    ("SYR", 2.0),
    ("TUR", 2.0),
    ("SAU", 2.0),
    ("VEN", 2.0),
    ("COL", 2.0),
    ("BRA", 2.0),
    ("CAN", 2.0),
    ("CUB", 1.0),
    ("EGY", 1.0),
    ("LBN", 1.0),
    ("YEM", 1.0),
    ("AFG", 1.0),
    ("IRQ", 1.0),
];

const HOT_DYADS: &[(&str, &str)] = &[
    ("USA", "MEX"),
    ("RUS", "UKR"),
    ("ISR", "PSE"),
    ("USA", "CHN"),
    ("USA", "IRN"),
    ("CHN", "TWN"),
];

/// Sector suffixes; `""` is the bare country. Criminal groups only where news names them often.
const SECTORS: &[(&str, f64)] = &[
    ("GOV", 40.0),
    ("", 12.0),
    ("MIL", 15.0),
    ("COP", 7.0),
    ("BUS", 6.0),
    ("MED", 5.0),
    ("OPP", 4.0),
    ("JUD", 3.0),
    ("LEG", 3.0),
    ("CRM", 5.0),
];

const CRIME_COUNTRIES: &[&str] = &["MEX", "COL", "VEN", "USA"];

const CODES: &[(&str, f64)] = &[
    ("010", 9.0),
    ("012", 2.0),
    ("013", 2.0),
    ("020", 2.0),
    ("036", 3.0),
    ("040", 5.0),
    ("042", 3.0),
    ("043", 3.0),
    ("046", 2.0),
    ("051", 3.0),
    ("057", 2.0),
    ("061", 2.0),
    ("071", 1.0),
    ("073", 1.0),
    ("080", 1.0),
    ("084", 1.0),
    ("090", 1.0),
    ("100", 1.5),
    ("111", 3.0),
    ("112", 4.0),
    ("120", 2.0),
    ("125", 1.0),
    ("128", 1.0),
    ("130", 2.0),
    ("138", 1.5),
    ("139", 1.0),
    ("140", 1.0),
    ("150", 1.0),
    ("154", 0.5),
    ("160", 1.0),
    ("163", 1.0),
    ("172", 1.0),
    ("173", 1.5),
    ("174", 0.5),
    ("175", 0.5),
    ("180", 1.0),
    ("182", 0.5),
    ("186", 0.3),
    ("190", 1.0),
    ("193", 0.7),
    ("194", 0.5),
    ("195", 0.5),
    ("0831", 0.3),
    ("1041", 0.3),
];

const MODALITIES: &[(&str, f64)] = &[
    ("asserted", 62.0),
    ("reported", 20.0),
    ("future", 8.0),
    ("hypothetical", 7.0),
    ("negated", 3.0),
];

const OUTLETS: usize = 40;
const FIRST_DAY: (i32, u32, u32) = (2024, 1, 1);
const DAYS: u64 = 731;

/// One story as articles repeat it.
#[derive(Clone)]
struct Story {
    cluster_id: Option<String>,
    source: String,
    target: String,
    cameo: &'static str,
    day: u64,
}

/// Fills a new store at `path` with `spec.events` synthetic events (see the module doc for the
/// spread). Refuses a store that already holds events, so that a real store is never mixed
/// with generated data.
pub fn generate_bench_store(path: &Path, spec: &BenchSpec) -> Result<BenchSummary> {
    let mut store = Store::open(path)?;
    let existing = store.counts()?.events;
    if existing > 0 {
        return Err(StoreError::Filter(format!(
            "{}: the store already holds {existing} events; bench-store fills only a new store",
            path.display()
        )));
    }
    // Index pages stay in memory while a million rows go in (about 200 MB at most).
    store.conn.pragma_update(None, "cache_size", -200_000)?;
    let first_day = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2)
        .ok_or_else(|| StoreError::Filter("bench-store: bad first day".into()))?;
    let mut rng = SplitMix(spec.seed ^ 0x5EED_A7A1_A7A0);
    let day_share = day_shares(&mut rng);
    let countries = Weighted::new(COUNTRIES);
    let sectors = Weighted::new(SECTORS);
    let codes = Weighted::new(CODES);
    let modalities = Weighted::new(MODALITIES);

    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO runs (command, engine_version, dict_hash, started_at, status)
         VALUES ('bench-store', ?1, 'bench', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'running')",
        [env!("CARGO_PKG_VERSION")],
    )?;
    let run_id = tx.last_insert_rowid();
    let mut summary = BenchSummary::default();
    // Actor code → first and last day seen.
    let mut actors: HashMap<String, (String, String)> = HashMap::new();
    {
        let mut insert_article = tx.prepare(
            "INSERT INTO articles (id, content_hash, url, outlet, published, title, text, lang,
                origin, bytes, ingested_at, status, sentences, dict_hash, run_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'en', 'bench-store', ?8,
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'coded', ?9, 'bench', ?10)",
        )?;
        let mut insert_event = tx.prepare(
            "INSERT INTO events (id, article_id, run_id, sentence_index, span_start, span_end,
                sentence, source_text, source_code, source_country, source_sector,
                target_text, target_code, target_country, target_sector,
                cameo, cameo_root, quad_class, goldstein, plover_type, plover_mode, modality,
                attribution, date, date_precision, day, confidence, matched, cluster_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, ?22, '[]', ?23, ?24, ?25, ?26, ?27, ?28)",
        )?;
        let matched = r#"{"verb":"BENCH","origin":"bench-store"}"#;
        // Stories that recent articles carried, for repeat coverage to draw on.
        let mut recent: Vec<Story> = Vec::with_capacity(512);
        let mut next_recent = 0usize;
        let mut story_count = 0u64;
        // About 3.5 events per article.
        let articles_wanted = (spec.events as f64 / 3.5).ceil().max(1.0);
        let mut carry = 0.0f64;
        let mut article_no = 0u64;
        'days: for day in 0..DAYS {
            carry += articles_wanted * day_share[day as usize];
            let mut todays = carry.floor() as u64;
            carry -= todays as f64;
            // The last day takes whatever is still missing.
            if day + 1 == DAYS {
                todays = todays.max(1);
            }
            let published = first_day
                .checked_add_days(Days::new(day))
                .unwrap_or(first_day)
                .format("%Y-%m-%d")
                .to_string();
            let mut remaining_today = todays;
            while remaining_today > 0 || (day + 1 == DAYS && summary.events < spec.events) {
                remaining_today = remaining_today.saturating_sub(1);
                if summary.events >= spec.events {
                    break 'days;
                }
                article_no += 1;
                let article_id = format!("bench-{article_no:07}");
                let (home, away) = article_dyad(&mut rng, &countries);
                let n_events = 1 + rng.below(6) as u64;
                let mut text = String::new();
                let mut rows = Vec::with_capacity(n_events as usize);
                for sentence_index in 0..n_events {
                    if summary.events + rows.len() as u64 >= spec.events {
                        break;
                    }
                    let story = if !recent.is_empty() && rng.chance(0.45) {
                        let mut story = recent[rng.below(recent.len())].clone();
                        if story.day + 7 < day {
                            story.day = day;
                        }
                        summary.repeat_mentions += u64::from(story.cluster_id.is_some());
                        story
                    } else {
                        let (source_country, target_country) = if rng.chance(0.3) {
                            (away, home)
                        } else {
                            (home, away)
                        };
                        let source = actor_code(&mut rng, &sectors, source_country);
                        let target = actor_code(&mut rng, &sectors, target_country);
                        let cluster_id = if rng.chance(0.1 / 0.55) {
                            None
                        } else {
                            story_count += 1;
                            Some(format!("bench-s{story_count:07}"))
                        };
                        let story = Story {
                            cluster_id,
                            source,
                            target,
                            cameo: codes.pick(&mut rng),
                            day,
                        };
                        if story.cluster_id.is_some() {
                            if recent.len() < 512 {
                                recent.push(story.clone());
                            } else {
                                recent[next_recent] = story.clone();
                                next_recent = (next_recent + 1) % 512;
                            }
                        }
                        story
                    };
                    let sentence = format!(
                        "{} {} {} ({}).",
                        story.source,
                        code_name(story.cameo),
                        story.target,
                        article_id
                    );
                    let start = text.len();
                    text.push_str(&sentence);
                    let end = text.len();
                    text.push(' ');
                    rows.push((sentence_index, start, end, sentence, story));
                }
                insert_article.execute(params![
                    article_id,
                    format!("bench-hash-{article_no}"),
                    format!("https://bench.invalid/{article_no}"),
                    format!("Bench Outlet {}", rng.below(OUTLETS) + 1),
                    published,
                    format!("Generated article {article_no}"),
                    text,
                    text.len() as i64,
                    rows.len() as i64,
                    run_id,
                ])?;
                for (sentence_index, start, end, sentence, story) in rows {
                    let event_day = first_day
                        .checked_add_days(Days::new(story.day.min(day)))
                        .unwrap_or(first_day)
                        .format("%Y-%m-%d")
                        .to_string();
                    // Most events carry a date of their own; the rest fall on the article's day.
                    let (date, precision, stored_day) = if rng.chance(0.7) {
                        (Some(event_day.clone()), Some("day"), event_day)
                    } else {
                        (None, None, published.clone())
                    };
                    let code = atalaya_cameo::resolve(story.cameo);
                    let plover = atalaya_cameo::plover(story.cameo);
                    let (source_country, source_sector) = split_code(&story.source);
                    let (target_country, target_sector) = split_code(&story.target);
                    insert_event.execute(params![
                        format!("{article_id}-{sentence_index}-0"),
                        article_id,
                        run_id,
                        sentence_index as i64,
                        start as i64,
                        end as i64,
                        sentence,
                        story.source,
                        story.source,
                        source_country,
                        source_sector,
                        story.target,
                        story.target,
                        target_country,
                        target_sector,
                        story.cameo,
                        code.map(|c| c.root_code()),
                        code.map(|c| i64::from(c.quad_class(Default::default()))),
                        code.map(|c| f64::from(c.goldstein)),
                        plover.map(|p| p.event_type.to_string()),
                        plover.and_then(|p| p.mode),
                        modalities.pick(&mut rng),
                        date,
                        precision,
                        stored_day,
                        0.5 + 0.45 * rng.unit(),
                        matched,
                        story.cluster_id,
                    ])?;
                    summary.events += 1;
                    summary.unclustered += u64::from(story.cluster_id.is_none());
                    let usa_mex = matches!(
                        (source_country, target_country),
                        ("USA", "MEX") | ("MEX", "USA")
                    );
                    summary.usa_mex_events += u64::from(usa_mex);
                    for code in [&story.source, &story.target] {
                        let entry = actors
                            .entry(code.clone())
                            .or_insert_with(|| (stored_day.clone(), stored_day.clone()));
                        if stored_day < entry.0 {
                            entry.0 = stored_day.clone();
                        }
                        if stored_day > entry.1 {
                            entry.1 = stored_day.clone();
                        }
                    }
                }
                summary.articles += 1;
            }
        }
        summary.stories = story_count;
        let mut insert_actor = tx.prepare(
            "INSERT INTO actors (code, entity_id, name, country, sector, first_seen, last_seen)
             VALUES (?1, '', NULL, ?2, ?3, ?4, ?5)",
        )?;
        for (code, (first_seen, last_seen)) in &actors {
            let (country, sector) = split_code(code);
            insert_actor.execute(params![code, country, sector, first_seen, last_seen])?;
        }
        tx.execute(
            "UPDATE runs SET status = 'finished', events = ?2, articles_read = ?3,
                articles_new = ?3, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1",
            params![run_id, summary.events as i64, summary.articles as i64],
        )?;
    }
    tx.commit()?;
    store.conn.execute_batch("ANALYZE")?;
    Ok(summary)
}

/// Each day's share of the articles: a base rate plus crisis bursts; sums to 1.
fn day_shares(rng: &mut SplitMix) -> Vec<f64> {
    let mut weights = vec![1.0f64; DAYS as usize];
    for _ in 0..24 {
        let center = rng.below(DAYS as usize) as f64;
        let width = 2.0 + rng.unit() * 12.0;
        let height = 2.0 + rng.unit() * 8.0;
        for (day, weight) in weights.iter_mut().enumerate() {
            let distance = (day as f64 - center) / width;
            if distance.abs() < 4.0 {
                *weight += height * (-0.5 * distance * distance).exp();
            }
        }
    }
    let total: f64 = weights.iter().sum();
    weights.iter().map(|w| w / total).collect()
}

/// The two countries an article is about: a hot dyad 30% of the time, else two by weight.
fn article_dyad(
    rng: &mut SplitMix,
    countries: &Weighted<&'static str>,
) -> (&'static str, &'static str) {
    if rng.chance(0.3) {
        let (a, b) = HOT_DYADS[rng.below(HOT_DYADS.len())];
        return if rng.chance(0.5) { (a, b) } else { (b, a) };
    }
    let home = countries.pick(rng);
    let mut away = countries.pick(rng);
    while away == home {
        away = countries.pick(rng);
    }
    (home, away)
}

fn actor_code(rng: &mut SplitMix, sectors: &Weighted<&'static str>, country: &str) -> String {
    let mut sector = sectors.pick(rng);
    while sector == "CRM" && !CRIME_COUNTRIES.contains(&country) {
        sector = sectors.pick(rng);
    }
    format!("{country}{sector}")
}

/// Country and sector of a generated code (`MEXGOV` → `MEX`, `GOV`; `MEX` → `MEX`, none).
fn split_code(code: &str) -> (&str, Option<&str>) {
    let country = code.get(..3).unwrap_or(code);
    let sector = code.get(3..).filter(|s| !s.is_empty());
    (country, sector)
}

fn code_name(cameo: &str) -> String {
    atalaya_cameo::resolve(cameo)
        .map(|c| c.name.to_lowercase())
        .unwrap_or_else(|| "acted towards".to_string())
}
