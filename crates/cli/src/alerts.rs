//! `atalaya alerts --rules FILE`: checks alert rules (format: docs/alert-rules.md) over the
//! store and prints the ones that fire, bucket by bucket; `ingest --alerts FILE` runs the same
//! check over the days its new events fall on.
//!
//! Rules sharing a series (dyad, interval, counting) are checked on one timeline, built over
//! the dyad's whole history so that baselines and change points are the ones `timeline`
//! shows.

use crate::events::day_bound;
use crate::ingest::DbArg;
use anyhow::{bail, Context};
use atalaya_analysis::{bound_end, bound_start, parse_rules, Firing, Rule, RuleError};
use atalaya_store::Store;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum AlertFormat {
    Table,
    Jsonl,
}

#[derive(Args)]
pub struct AlertsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The rules file (e.g. examples/us-mexico-2025.rules).
    #[arg(long, value_name = "FILE", env = "ATALAYA_ALERTS")]
    pub rules: Option<PathBuf>,
    /// Check every bucket from this day (YYYY, YYYY-MM or YYYY-MM-DD) [default: only the
    /// bucket of the store's latest event].
    #[arg(long, value_parser = day_bound)]
    pub since: Option<String>,
    /// Last day checked, inclusive [default: the store's latest event day].
    #[arg(long, value_parser = day_bound)]
    pub until: Option<String>,
    /// Only check the rules file; no store needed.
    #[arg(long)]
    pub check: bool,
    #[arg(long, value_enum, default_value_t = AlertFormat::Table)]
    pub format: AlertFormat,
}

/// Reads and parses a rules file; the errors name `file:line`.
pub fn load_rules(path: &Path) -> anyhow::Result<(Vec<Rule>, Vec<RuleError>)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the rules file", path.display()))?;
    Ok(parse_rules(&text, &path.display().to_string()))
}

/// Every firing of `rules` in the buckets that overlap `from..=to` (`Store::check_alerts`).
pub fn check(
    store: &Store,
    rules: &[Rule],
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<Firing>> {
    Ok(store.check_alerts(rules, from, to)?)
}

/// One line per firing: `2025-W37  strikes  USA->MEX  value 3 (>= 1)  largest: ...`.
pub fn firing_line(firing: &Firing) -> String {
    let compared = match (firing.threshold, firing.baseline) {
        (Some(limit), Some(baseline)) => {
            format!(" (threshold {limit:.2} = factor × baseline {baseline:.2})")
        }
        (Some(limit), None) => format!(" (threshold {limit})"),
        (None, _) => " (change point; peak z)".to_string(),
    };
    let story = firing
        .top_story
        .as_ref()
        .map(|s| format!("; largest story: {}", s.label()))
        .unwrap_or_default();
    format!(
        "{}  {}  {}  value {:.2}{compared}{story}  [{}]",
        firing.bucket, firing.rule, firing.series, firing.value, firing.origin
    )
}

pub fn run(args: AlertsArgs) -> anyhow::Result<ExitCode> {
    let Some(path) = &args.rules else {
        bail!(
            "no rules file: give --rules FILE or set ATALAYA_ALERTS (the repository has \
             examples/us-mexico-2025.rules)"
        );
    };
    let (rules, errors) = load_rules(path)?;
    for error in &errors {
        eprintln!("atalaya: {error}");
    }
    if args.check {
        eprintln!(
            "atalaya: {}: {} rules, {} errors",
            path.display(),
            rules.len(),
            errors.len()
        );
        return Ok(if errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    if rules.is_empty() {
        bail!("{}: no rule to check", path.display());
    }
    let store = args.db.open_existing()?;
    let Some(latest) = store.latest_day()? else {
        eprintln!("atalaya: the store has no dated events: nothing to check");
        return Ok(ExitCode::SUCCESS);
    };
    let to = args.until.as_deref().and_then(bound_end).unwrap_or(latest);
    let from = args.since.as_deref().and_then(bound_start).unwrap_or(to);
    if from > to {
        bail!("--since {from} is after the last day checked ({to})");
    }
    let firings = check(&store, &rules, from, to)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for firing in &firings {
        match args.format {
            AlertFormat::Table => writeln!(out, "{}", firing_line(firing))?,
            AlertFormat::Jsonl => {
                serde_json::to_writer(&mut out, firing)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    eprintln!(
        "atalaya: {} rules checked from {from} to {to}: {} alerts",
        rules.len(),
        firings.len()
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
