//! `atalaya eval SUITE.jsonl`: score the coder against a validation suite.
//!
//! Prints a summary (or, with `--json`, one JSON object with the keys `suite`, `records`,
//! `evaluated`, `passed`, `pass_rate`, `expected_events`, `produced_events`, `true_positives`,
//! `precision`, `recall`, `f1`; suites with context or carry-over fields add the keys described
//! in `atalaya_engine::eval`: `modality_accuracy`, `date_accuracy`, `attribution_accuracy`,
//! `carry_accuracy`, `carried_events`, `ambiguous_cases`, `ambiguous_silent`). `--failures` lists each failing record. `--min-pass-rate` and
//! `--min-precision` make the exit status 1 when a figure falls below them (CI's ratchet). A line
//! that is not a suite record is reported with file and line and skipped: exit status 1, or 2
//! when no record could be read. A news suite (a folder, or annotation records with `events`)
//! goes to [`crate::news_eval_cmd`].

use crate::articles;
use crate::dicts::{self, DictArgs};
use anyhow::Context;
use atalaya_engine::eval::{evaluate, SuiteRecord};
use clap::Args;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalArgs {
    /// The suite: JSON Lines records with `id`, `text`, `expected`, ...
    pub suite: PathBuf,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Show every failing record: text, expected, produced and what fired.
    #[arg(long)]
    pub failures: bool,
    /// Exit with status 1 when the pass rate (0..1) is below this.
    #[arg(long)]
    pub min_pass_rate: Option<f64>,
    /// Exit with status 1 when event precision (0..1) is below this.
    #[arg(long)]
    pub min_precision: Option<f64>,
    /// News suites: exit with status 1 when event F1 (0..1) is below this; the stories suite:
    /// when B-cubed F1 is.
    #[arg(long)]
    pub min_f1: Option<f64>,
    /// News suites (a folder such as `suites/news`, or a file of annotation records): the
    /// stored article texts, JSON Lines with `id`, `url`, `text`... (repeatable). Default:
    /// `$ATALAYA_SHARED/news/articles.jsonl`, else `../shared/news/articles.jsonl`.
    #[arg(long = "news-texts", value_name = "FILE")]
    pub news_texts: Vec<PathBuf>,
    /// News suites: score only the `dev` or the `test` split (fixed by each URL's hash).
    #[arg(long, value_parser = ["dev", "test"])]
    pub split: Option<String>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if args.suite.join(crate::stories_eval::OCCURRENCES).is_file() {
        return crate::stories_eval::run(args);
    }
    if crate::news_eval_cmd::is_news_suite(&args.suite)? {
        return crate::news_eval_cmd::run(args);
    }
    let (records, bad) = read_suite(&args.suite)?;
    if records.is_empty() && bad > 0 {
        eprintln!(
            "atalaya: {}: no suite record could be read",
            args.suite.display()
        );
        return Ok(articles::exit_status(0, bad));
    }
    let suite_name = records
        .iter()
        .find_map(|r| r.suite.clone())
        .unwrap_or_else(|| {
            args.suite
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let engine = dicts::load_engine(&args.dicts)?;
    let mut coder_options = engine.dictionaries().options.clone();
    let mut base_options = engine.default_options();
    base_options.keep_coded_compounds = args.dicts.keep_coded_compounds;
    let report = evaluate(
        &engine,
        &suite_name,
        &records,
        base_options,
        |cmd, current| match dicts::apply_option_command(&mut coder_options, cmd) {
            Ok(()) => {
                let mut next = engine.options_from(&coder_options);
                next.date = current.date;
                next.keep_coded_compounds = current.keep_coded_compounds;
                next
            }
            Err(msg) => {
                eprintln!("atalaya: option command `{cmd}`: {msg}");
                current.clone()
            }
        },
    );
    let mut out = std::io::stdout().lock();
    if args.failures {
        for f in &report.failures {
            writeln!(out, "--- {} ---", f.id)?;
            writeln!(out, "text:     {}", f.text)?;
            writeln!(out, "expected: {}", fmt_events(&f.expected))?;
            writeln!(out, "produced: {}", fmt_events(&f.produced))?;
            for line in &f.fired {
                writeln!(out, "fired:    {line}")?;
            }
        }
    }
    let s = &report.scores;
    if args.json {
        writeln!(out, "{}", serde_json::to_string(s)?)?;
    } else {
        writeln!(
            out,
            "{}: {}/{} records passed ({:.1}%), events: precision {:.3}, recall {:.3}, F1 {:.3} ({} expected, {} produced, {} correct)",
            s.suite,
            s.passed,
            s.evaluated,
            100.0 * s.pass_rate,
            s.precision,
            s.recall,
            s.f1,
            s.expected_events,
            s.produced_events,
            s.true_positives
        )?;
    }
    let mut ok = true;
    if let Some(min) = args.min_pass_rate {
        if s.pass_rate + 1e-9 < min {
            eprintln!(
                "atalaya: {}: pass rate {:.4} is below the required {min}",
                s.suite, s.pass_rate
            );
            ok = false;
        }
    }
    if let Some(min) = args.min_precision {
        if s.precision + 1e-9 < min {
            eprintln!(
                "atalaya: {}: precision {:.4} is below the required {min}",
                s.suite, s.precision
            );
            ok = false;
        }
    }
    if !ok {
        return Ok(ExitCode::from(1));
    }
    Ok(articles::exit_status(records.len() as u64, bad))
}

/// The suite's records; a line that is not a suite record (invalid JSON or UTF-8, missing
/// fields) is reported with file and line and skipped, and counted as bad.
fn read_suite(path: &Path) -> anyhow::Result<(Vec<SuiteRecord>, u64)> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut reader = std::io::BufReader::new(file);
    let mut records = Vec::new();
    let mut bad = 0;
    let mut buf = Vec::new();
    for line_no in 1.. {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{}:{line_no}: cannot read", path.display()))?;
        if n == 0 {
            break;
        }
        let parsed = std::str::from_utf8(&buf)
            .map_err(|err| format!("invalid UTF-8 at byte {}", err.valid_up_to()))
            .and_then(|line| {
                if line.trim().is_empty() {
                    return Ok(None);
                }
                serde_json::from_str::<SuiteRecord>(line)
                    .map(Some)
                    .map_err(|err| format!("not a suite record: {err}"))
            });
        match parsed {
            Ok(Some(record)) => records.push(record),
            Ok(None) => {}
            Err(why) => {
                eprintln!("atalaya: {}:{line_no}: {why}: skipped", path.display());
                bad += 1;
            }
        }
    }
    Ok((records, bad))
}

fn fmt_events(v: &[atalaya_engine::eval::ExpectedEvent]) -> String {
    if v.is_empty() {
        return "(none)".to_string();
    }
    v.iter()
        .map(|e| format!("{} {} {}", e.source, e.target, e.code))
        .collect::<Vec<_>>()
        .join("; ")
}
