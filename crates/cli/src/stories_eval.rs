//! `atalaya eval suites/stories`: score story clustering against gold occurrences
//! (`suites/stories/README.md`).
//!
//! 1. The articles: every complete annotated article of the real-news suite (`../news`
//!    next to the suite) whose text is in `--news-texts`; a re-hosted copy of each (the same
//!    text under another id and outlet, a day later, behind a one-line credit: generated here,
//!    never stored); and the suite's rewritten leads (`leads.jsonl`, our own prose), each
//!    naming the gold events it reports.
//! 2. Each is coded, and its produced events matched to its gold events as the news scorer
//!    matches them (`atalaya_engine::news_eval::matching`). A matched event reports the gold
//!    event's occurrence: the one `occurrences.jsonl` puts it in, else its own.
//! 3. All articles are written, in publication order, into a new store with clustering on, as
//!    `ingest` writes them; each event's story is read back.
//! 4. B-cubed precision and recall over the matched events: for each, the share of its story's
//!    matched events that report its occurrence, and the share of its occurrence's events that
//!    are in its story. Also the number of stories per occurrence.

use crate::dicts;
use crate::eval_cmd::EvalArgs;
use crate::news_eval_cmd::{annotation_files, default_texts, read_jsonl};
use anyhow::{bail, Context};
use atalaya_engine::news_eval::{
    matching, split_of, url_key, GoldEvent, NewsRecord, NewsText, Split,
};
use atalaya_engine::Article;
use atalaya_store::{ArticleWrite, Coding, RunCounts, RunInfo, Store};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

/// The file that makes a folder a stories suite.
pub const OCCURRENCES: &str = "occurrences.jsonl";

/// Outlet of the generated re-hosted copies.
const MIRROR: &str = "Mirror Wire (re-hosted copy)";

/// A gold event, named by its article's URL, its sentence's hash, its dyad, code and date (two
/// events of one sentence may differ by date alone).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct GoldRef {
    url: String,
    sha: String,
    source: String,
    target: String,
    cameo: String,
    #[serde(default)]
    date: Option<String>,
}

type GoldKey = (String, String, String, String, String, Option<String>);

fn gold_key(url: &str, e: &GoldEvent) -> GoldKey {
    (
        url_key(url),
        e.sha.clone().unwrap_or_default(),
        e.source.clone(),
        e.target.clone(),
        e.cameo.clone(),
        e.date.clone(),
    )
}

impl GoldRef {
    fn key(&self) -> GoldKey {
        (
            url_key(&self.url),
            self.sha.clone(),
            self.source.clone(),
            self.target.clone(),
            self.cameo.clone(),
            self.date.clone(),
        )
    }
}

#[derive(Debug, Deserialize)]
struct Occurrence {
    occurrence: String,
    mentions: Vec<GoldRef>,
}

#[derive(Debug, Deserialize)]
struct Lead {
    id: String,
    outlet: String,
    published: String,
    /// URL of the article whose lead this rewrites (its split is the lead's).
    of: String,
    text: String,
    reports: Vec<GoldRef>,
}

/// One article of the run with its gold events and their occurrences.
struct Doc {
    article: Article,
    gold: Vec<GoldEvent>,
    occurrence: Vec<String>,
    kind: &'static str,
}

fn next_day(published: Option<&str>) -> Option<String> {
    let day = chrono::NaiveDate::parse_from_str(published?.get(..10)?, "%Y-%m-%d").ok()?;
    Some(
        (day + chrono::Duration::days(1))
            .format("%Y-%m-%d")
            .to_string(),
    )
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let split = match args.split.as_deref() {
        Some("dev") => Some(Split::Dev),
        Some("test") => Some(Split::Test),
        _ => None,
    };
    if args.failures && split == Some(Split::Test) {
        bail!("--failures is refused with --split test: the test split is for measuring, never for tuning");
    }
    let suite = &args.suite;
    let occurrences: Vec<Occurrence> = read_jsonl(&suite.join(OCCURRENCES), "an occurrence")?;
    let leads_path = suite.join("leads.jsonl");
    let leads: Vec<Lead> = if leads_path.is_file() {
        read_jsonl(&leads_path, "a rewritten lead")?
    } else {
        Vec::new()
    };
    let news = suite.join("..").join("news");
    let mut records: Vec<NewsRecord> = Vec::new();
    for f in annotation_files(&news)? {
        records.extend(read_jsonl::<NewsRecord>(&f, "a news annotation record")?);
    }
    let text_files = if args.news_texts.is_empty() {
        vec![default_texts()]
    } else {
        args.news_texts.clone()
    };
    let mut texts: Vec<NewsText> = Vec::new();
    for f in &text_files {
        if !f.exists() {
            eprintln!("atalaya: {}: no news texts; skipping it", f.display());
            continue;
        }
        texts.extend(read_jsonl::<NewsText>(f, "a news text record")?);
    }
    if texts.is_empty() {
        eprintln!("atalaya: stories suite skipped: no news texts (give --news-texts)");
        return Ok(ExitCode::SUCCESS);
    }

    // Gold event → occurrence; a check that every reference names an annotated event.
    let mut occurrence_of: BTreeMap<GoldKey, String> = BTreeMap::new();
    let gold_by_key: BTreeMap<GoldKey, (&GoldEvent, &NewsRecord, usize)> = records
        .iter()
        .flat_map(|r| {
            r.events
                .iter()
                .enumerate()
                .map(move |(i, e)| (gold_key(r.url.as_deref().unwrap_or(""), e), (e, r, i)))
        })
        .collect();
    for o in &occurrences {
        for m in &o.mentions {
            if !gold_by_key.contains_key(&m.key()) {
                bail!(
                    "{}: occurrence {}: no annotated event {} {}->{} {} in {}",
                    suite.join(OCCURRENCES).display(),
                    o.occurrence,
                    m.sha,
                    m.source,
                    m.target,
                    m.cameo,
                    m.url
                );
            }
            if let Some(old) = occurrence_of.insert(m.key(), o.occurrence.clone()) {
                bail!(
                    "{}: event {} of {} is in two occurrences ({old}, {})",
                    suite.join(OCCURRENCES).display(),
                    m.sha,
                    m.url,
                    o.occurrence
                );
            }
        }
    }
    // An event in no occurrence is one of its own, named by its article and place in it.
    let label = |url: &str, index: usize, e: &GoldEvent| -> String {
        occurrence_of
            .get(&gold_key(url, e))
            .cloned()
            .unwrap_or_else(|| format!("{}#{index}", url_key(url)))
    };

    let by_id: BTreeMap<&str, &NewsText> = texts
        .iter()
        .filter_map(|t| t.id.as_deref().map(|id| (id, t)))
        .collect();
    let by_url: BTreeMap<String, &NewsText> = texts
        .iter()
        .filter_map(|t| t.url.as_deref().map(|u| (url_key(u), t)))
        .collect();
    let mut docs: Vec<Doc> = Vec::new();
    let mut present: BTreeSet<String> = BTreeSet::new();
    for r in records.iter().filter(|r| r.complete) {
        let Some(url) = r.url.as_deref() else {
            continue;
        };
        if split.is_some_and(|s| split_of(url) != s) {
            continue;
        }
        let text = r
            .article
            .as_deref()
            .and_then(|id| by_id.get(id))
            .or_else(|| by_url.get(&url_key(url)));
        let Some(text) = text else { continue };
        present.insert(url_key(url));
        let id = text.id.clone().unwrap_or_else(|| url.to_string());
        let published = text.published.clone().or_else(|| r.published.clone());
        let occurrence: Vec<String> = r
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| label(url, i, e))
            .collect();
        let outlet = text
            .outlet
            .clone()
            .unwrap_or_else(|| "unknown outlet".into());
        docs.push(Doc {
            article: Article {
                id: format!("rehost-{id}"),
                url: None,
                outlet: Some(MIRROR.to_string()),
                published: next_day(published.as_deref()).or_else(|| published.clone()),
                title: text.title.clone(),
                text: format!(
                    "Republished with permission from {outlet}.\n\n{}",
                    text.text
                ),
                lang: None,
            },
            gold: r.events.clone(),
            occurrence: occurrence.clone(),
            kind: "re-hosted",
        });
        docs.push(Doc {
            article: Article {
                id,
                url: text.url.clone(),
                outlet: text.outlet.clone(),
                published,
                title: text.title.clone(),
                text: text.text.clone(),
                lang: None,
            },
            gold: r.events.clone(),
            occurrence,
            kind: "real",
        });
    }
    for lead in &leads {
        if !present.contains(&url_key(&lead.of)) {
            continue;
        }
        let mut gold = Vec::new();
        let mut occurrence = Vec::new();
        for m in &lead.reports {
            let Some((e, r, index)) = gold_by_key.get(&m.key()) else {
                bail!(
                    "{}: lead {}: no annotated event {} {}->{} {} in {}",
                    leads_path.display(),
                    lead.id,
                    m.sha,
                    m.source,
                    m.target,
                    m.cameo,
                    m.url
                );
            };
            gold.push((*e).clone());
            occurrence.push(label(r.url.as_deref().unwrap_or(""), *index, e));
        }
        docs.push(Doc {
            article: Article {
                id: lead.id.clone(),
                url: None,
                outlet: Some(lead.outlet.clone()),
                published: Some(lead.published.clone()),
                title: None,
                text: lead.text.clone(),
                lang: None,
            },
            gold,
            occurrence,
            kind: "lead",
        });
    }
    if docs.is_empty() {
        eprintln!("atalaya: stories suite skipped: none of its articles' texts is given");
        return Ok(ExitCode::SUCCESS);
    }

    // Code, match, and write in publication order.
    let engine = dicts::load_engine(&args.dicts)?;
    let mut opts = engine.default_options();
    opts.keep_coded_compounds = args.dicts.keep_coded_compounds;
    docs.sort_by(|a, b| {
        (a.article.published.as_deref(), &a.article.id)
            .cmp(&(b.article.published.as_deref(), &b.article.id))
    });
    let dir = tempfile::tempdir().context("a folder for the evaluation store")?;
    let mut store = Store::open(&dir.path().join("stories.db"))?;
    let run = store.begin_run(&RunInfo {
        command: "eval suites/stories".into(),
        engine_version: env!("CARGO_PKG_VERSION").into(),
        dict_version: None,
        dict_hash: "eval".into(),
    })?;
    // (event id, occurrence, article kind)
    let mut items: Vec<(String, String, &'static str)> = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in &docs {
        let out = engine.code_article_with(&doc.article, &opts);
        for (g, p) in matching(&doc.gold, &out.events).into_iter().enumerate() {
            if let Some(p) = p {
                items.push((
                    out.events[p].id.clone(),
                    doc.occurrence[g].clone(),
                    doc.kind,
                ));
            }
        }
        *counts.entry(doc.kind).or_default() += 1;
        let mut write = ArticleWrite {
            content_hash: atalaya_sources::content_hash(&doc.article.text),
            origin: None,
            bytes: doc.article.text.len(),
            coding: Coding::Coded {
                events: out.events,
                sentences: out.sentences,
            },
            article: doc.article.clone(),
            stories: Default::default(),
        };
        // As `ingest` writes it.
        write.prepare_stories();
        store.write_batch(run, "eval", &[write], &RunCounts::default())?;
    }
    let mut cluster_of: Vec<String> = Vec::with_capacity(items.len());
    for (event, _, _) in &items {
        let cluster = store
            .event(event)?
            .and_then(|e| e.event.cluster_id)
            .unwrap_or_else(|| format!("alone:{event}"));
        cluster_of.push(cluster);
    }
    let scores = bcubed(&items, &cluster_of);
    let name = |s: Option<Split>| match s {
        Some(Split::Dev) => " [dev]",
        Some(Split::Test) => " [test]",
        None => "",
    };
    println!(
        "stories{}: {} articles ({} real, {} re-hosted copies, {} rewritten leads); {} matched events reporting {} occurrences ({} reported more than once)",
        name(split),
        docs.len(),
        counts.get("real").unwrap_or(&0),
        counts.get("re-hosted").unwrap_or(&0),
        counts.get("lead").unwrap_or(&0),
        items.len(),
        scores.occurrences,
        scores.repeated,
    );
    println!(
        "  B-cubed precision {:.3}, recall {:.3}, F1 {:.3}; stories per occurrence {:.2} (over the {} reported more than once: {:.2}); {} stories",
        scores.precision,
        scores.recall,
        scores.f1,
        scores.stories_per_occurrence,
        scores.repeated,
        scores.stories_per_repeated,
        scores.stories
    );
    // The same figures over the real articles' events alone (stories as clustered with the
    // copies and leads): what the generated copies cannot make easy.
    let real: Vec<usize> = (0..items.len()).filter(|&i| items[i].2 == "real").collect();
    let real_items: Vec<_> = real.iter().map(|&i| items[i].clone()).collect();
    let real_clusters: Vec<String> = real.iter().map(|&i| cluster_of[i].clone()).collect();
    let r = bcubed(&real_items, &real_clusters);
    println!(
        "  real articles only: {} matched events reporting {} occurrences ({} reported more than once); B-cubed precision {:.3}, recall {:.3}, F1 {:.3}; stories per occurrence reported more than once {:.2}",
        real_items.len(),
        r.occurrences,
        r.repeated,
        r.precision,
        r.recall,
        r.f1,
        r.stories_per_repeated
    );
    if args.failures {
        print_failures(&items, &cluster_of);
    }
    if let Some(min) = args.min_f1 {
        if scores.f1 + 1e-9 < min {
            eprintln!(
                "atalaya: stories: B-cubed F1 {:.4} is below the required {min}",
                scores.f1
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Default, PartialEq)]
struct Bcubed {
    precision: f64,
    recall: f64,
    f1: f64,
    occurrences: usize,
    repeated: usize,
    stories: usize,
    stories_per_occurrence: f64,
    stories_per_repeated: f64,
}

/// B-cubed over the items (event, occurrence) with their stories.
fn bcubed(items: &[(String, String, &'static str)], cluster_of: &[String]) -> Bcubed {
    let mut by_cluster: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_occurrence: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, occurrence, _)) in items.iter().enumerate() {
        by_cluster.entry(&cluster_of[i]).or_default().push(i);
        by_occurrence.entry(occurrence).or_default().push(i);
    }
    if items.is_empty() {
        return Bcubed::default();
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (i, (_, occurrence, _)) in items.iter().enumerate() {
        let cluster = &by_cluster[cluster_of[i].as_str()];
        let same = cluster
            .iter()
            .filter(|&&j| items[j].1 == *occurrence)
            .count() as f64;
        p += same / cluster.len() as f64;
        r += same / by_occurrence[occurrence.as_str()].len() as f64;
    }
    let n = items.len() as f64;
    let (precision, recall) = (p / n, r / n);
    let stories_in = |members: &[usize]| -> usize {
        members
            .iter()
            .map(|&i| cluster_of[i].as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let per: Vec<(usize, usize)> = by_occurrence
        .values()
        .map(|m| (m.len(), stories_in(m)))
        .collect();
    let repeated: Vec<&(usize, usize)> = per.iter().filter(|(n, _)| *n > 1).collect();
    Bcubed {
        precision,
        recall,
        f1: if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        },
        occurrences: per.len(),
        repeated: repeated.len(),
        stories: by_cluster.len(),
        stories_per_occurrence: per.iter().map(|(_, s)| *s as f64).sum::<f64>() / per.len() as f64,
        stories_per_repeated: if repeated.is_empty() {
            0.0
        } else {
            repeated.iter().map(|(_, s)| *s as f64).sum::<f64>() / repeated.len() as f64
        },
    }
}

/// Occurrences split over several stories, and stories that join several occurrences.
fn print_failures(items: &[(String, String, &'static str)], cluster_of: &[String]) {
    let mut by_occurrence: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_cluster: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, occurrence, _)) in items.iter().enumerate() {
        by_occurrence.entry(occurrence).or_default().push(i);
        by_cluster.entry(&cluster_of[i]).or_default().push(i);
    }
    let show = |i: usize| format!("{} ({}, story {})", items[i].0, items[i].2, cluster_of[i]);
    for (occurrence, members) in &by_occurrence {
        let stories: BTreeSet<&str> = members.iter().map(|&i| cluster_of[i].as_str()).collect();
        if stories.len() > 1 {
            println!("--- split: {occurrence} in {} stories", stories.len());
            for &i in members {
                println!("    {}", show(i));
            }
        }
    }
    for (cluster, members) in &by_cluster {
        let occurrences: BTreeSet<&str> = members.iter().map(|&i| items[i].1.as_str()).collect();
        if occurrences.len() > 1 {
            println!(
                "--- merged: story {cluster} holds {} occurrences",
                occurrences.len()
            );
            for &i in members {
                println!("    {} reports {}", show(i), items[i].1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(event: &str, occurrence: &str) -> (String, String, &'static str) {
        (event.to_string(), occurrence.to_string(), "real")
    }

    #[test]
    fn bcubed_by_hand() {
        // Occurrence A: e1 e2 e3; B: e4. Stories: {e1 e2}, {e3 e4}.
        let items = [
            item("e1", "A"),
            item("e2", "A"),
            item("e3", "A"),
            item("e4", "B"),
        ];
        let clusters = ["s1", "s1", "s2", "s2"].map(str::to_string);
        let b = bcubed(&items, &clusters);
        // Precision: 1, 1, 1/2, 1/2 → 0.75. Recall: 2/3, 2/3, 1/3, 1 → 2/3.
        assert!((b.precision - 0.75).abs() < 1e-9);
        assert!((b.recall - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!((b.occurrences, b.repeated, b.stories), (2, 1, 2));
        assert!((b.stories_per_repeated - 2.0).abs() < 1e-9);
        // Perfect.
        let clusters = ["s1", "s1", "s1", "s2"].map(str::to_string);
        let b = bcubed(&items, &clusters);
        assert!((b.f1 - 1.0).abs() < 1e-9);
    }
}
