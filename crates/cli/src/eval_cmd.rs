//! `atalaya eval SUITE.jsonl`: score the coder against a validation suite.
//!
//! Prints a summary (or, with `--json`, one JSON object with the keys `suite`, `records`,
//! `evaluated`, `passed`, `pass_rate`, `expected_events`, `produced_events`, `true_positives`,
//! `precision`, `recall`, `f1`; suites with context or carry-over fields add the keys described
//! in `atalaya_engine::eval`: `modality_accuracy`, `date_accuracy`, `attribution_accuracy`,
//! `carry_accuracy`, `carried_events`, `ambiguous_cases`, `ambiguous_silent`). `--failures` lists each failing record. `--min-pass-rate` and
//! `--min-precision` make the exit status 1 when a figure falls below them (CI's ratchet).

use crate::dicts::{self, DictArgs};
use anyhow::Context;
use atalaya_engine::eval::{evaluate, SuiteRecord};
use clap::Args;
use std::io::{BufRead, Write};
use std::path::PathBuf;
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
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(&args.suite)
        .with_context(|| format!("{}: cannot open", args.suite.display()))?;
    let mut records = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}:{}: cannot read", args.suite.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let r: SuiteRecord = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a suite record", args.suite.display(), i + 1))?;
        records.push(r);
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
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
