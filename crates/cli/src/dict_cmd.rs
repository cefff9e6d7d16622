//! `atalaya dict check [DIR]` and `atalaya dict coverage [DIR]`.

use crate::dicts::{self, DictArgs};
use clap::Subcommand;
use std::io::Write;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DictCommand {
    /// Validate dictionaries: errors and warnings with file:line. Exit 1 when there are errors.
    Check {
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Print a coverage report: countries, entities, dated roles, agents, verb forms, patterns
    /// per CAMEO root category.
    Coverage {
        #[command(flatten)]
        dicts: DictArgs,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cmd {
        DictCommand::Check { dicts } => {
            let d = dicts::load_dictionaries(&DictArgs {
                dict_warnings: true,
                ..dicts
            })?;
            let findings = atalaya_dict::check::check(&d, &[]);
            let mut errors = 0;
            for f in &findings {
                writeln!(out, "{f}")?;
                if f.severity == atalaya_dict::check::Severity::Error {
                    errors += 1;
                }
            }
            writeln!(
                out,
                "{} actors, {} agents, {} verbs, {} patterns: {} errors, {} warnings",
                d.actors.len(),
                d.agents.len(),
                d.verbs.len(),
                d.patterns.len(),
                errors,
                findings.len() - errors
            )?;
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        DictCommand::Coverage { dicts, json } => {
            let d = dicts::load_dictionaries(&dicts)?;
            let report = atalaya_dict::check::coverage(&d);
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                writeln!(out, "{report}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
