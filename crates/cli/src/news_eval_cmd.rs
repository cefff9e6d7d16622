//! `atalaya eval suites/news`: score the coder on annotated real news
//! (`atalaya_engine::news_eval`; format in `suites/news/README.md`).
//!
//! Reads every `*.jsonl` of the folder's `annotations/` (or the one file given), the stored texts
//! (`--news-texts`, default `../shared/news/articles.jsonl`), codes each article whose text is
//! there and prints precision, recall, F1 and the matched-pair accuracies, then the failures by
//! kind. `--failures` lists each failure with its sentence; it is refused with `--split test`,
//! which is for measuring only.

use crate::dicts;
use crate::eval_cmd::EvalArgs;
use anyhow::{bail, Context};
use atalaya_engine::news_eval::{evaluate_news, NewsRecord, NewsText, Split};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A folder, or a file whose first record has `events` and no `text`.
pub fn is_news_suite(path: &Path) -> anyhow::Result<bool> {
    if path.is_dir() {
        return Ok(true);
    }
    let Ok(file) = std::fs::File::open(path) else {
        // eval_cmd reports the error with the path
        return Ok(false);
    };
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { return Ok(false) };
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => return Ok(false),
        };
        return Ok(v.get("events").is_some() && v.get("text").is_none());
    }
    Ok(false)
}

pub(crate) fn annotation_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let dir = if path.join("annotations").is_dir() {
        path.join("annotations")
    } else {
        path.to_path_buf()
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("{}: no *.jsonl annotation files", dir.display());
    }
    Ok(files)
}

pub(crate) fn read_jsonl<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
) -> anyhow::Result<Vec<T>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let r = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not {what}", path.display(), i + 1))?;
        out.push(r);
    }
    Ok(out)
}

pub(crate) fn default_texts() -> PathBuf {
    let shared = std::env::var_os("ATALAYA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    shared.join("news").join("articles.jsonl")
}

fn pct(r: atalaya_engine::news_eval::Rate) -> String {
    match r.value() {
        Some(v) => format!("{v:.3} ({}/{})", r.correct, r.scored),
        None => "-".to_string(),
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let split = match args.split.as_deref() {
        Some("dev") => Some(Split::Dev),
        Some("test") => Some(Split::Test),
        _ => None,
    };
    if args.failures && split == Some(Split::Test) {
        bail!("--failures is refused with --split test: the test split is for measuring, never for tuning (suites/news/README.md)");
    }
    let mut records: Vec<NewsRecord> = Vec::new();
    for f in annotation_files(&args.suite)? {
        records.extend(read_jsonl::<NewsRecord>(&f, "a news annotation record")?);
    }
    let text_files = if args.news_texts.is_empty() {
        vec![default_texts()]
    } else {
        args.news_texts.clone()
    };
    let mut texts: Vec<NewsText> = Vec::new();
    for f in &text_files {
        if !f.exists() && args.news_texts.is_empty() {
            eprintln!(
                "atalaya: {}: no news texts (give --news-texts); every article is skipped",
                f.display()
            );
            continue;
        }
        texts.extend(read_jsonl::<NewsText>(f, "a news text record")?);
    }
    let suite_name = args
        .suite
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "news".to_string());
    let engine = dicts::load_engine(&args.dicts)?;
    let mut opts = engine.default_options();
    opts.keep_coded_compounds = args.dicts.keep_coded_compounds;
    let report = evaluate_news(&engine, &suite_name, &records, &texts, &opts, split);
    for s in &report.skipped {
        eprintln!("atalaya: skipped {}: {}", s.article, s.reason);
    }
    if args.failures {
        for f in &report.failures {
            println!("--- {} | {} | {}", f.article, f.kind.name(), f.event);
            println!("    {}", f.sentence.replace('\n', " "));
            if let Some(m) = &f.matched {
                println!("    fired: {m}");
            }
        }
    }
    let s = &report.scores;
    if args.json {
        let mut shown = s.clone();
        if split == Some(Split::Test) {
            shown.failure_counts.clear();
        }
        println!("{}", serde_json::to_string(&shown)?);
    } else {
        println!(
            "{}{}: {} of {} articles scored; events: precision {:.3}, recall {:.3}, F1 {:.3} ({} gold + {} optional, {} produced, {} on optional, {} correct)",
            s.suite,
            args.split.as_deref().map(|x| format!(" [{x}]")).unwrap_or_default(),
            s.articles_scored,
            s.articles,
            s.precision,
            s.recall,
            s.f1,
            s.gold_events,
            s.gold_optional,
            s.produced_events,
            s.produced_optional,
            s.true_positives
        );
        println!(
            "  on matched events: code {}, modality {}, date {}, attribution {}",
            pct(s.code),
            pct(s.modality),
            pct(s.date),
            pct(s.attribution)
        );
        if s.anchors_lost > 0 {
            println!(
                "  {} gold sentences not found in the text (anchor lost)",
                s.anchors_lost
            );
        }
        // The test split is for measuring: not even the failure counts are shown.
        if split != Some(Split::Test) {
            for (kind, n) in &s.failure_counts {
                println!("  {n:4}  {kind}");
            }
        }
    }
    let mut ok = true;
    let mut check = |name: &str, value: f64, min: Option<f64>| {
        if let Some(min) = min {
            if value + 1e-9 < min {
                eprintln!(
                    "atalaya: {}: {name} {value:.4} is below the required {min}",
                    s.suite
                );
                ok = false;
            }
        }
    };
    check("precision", s.precision, args.min_precision);
    check("F1", s.f1, args.min_f1);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
