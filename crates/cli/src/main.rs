//! The `atalaya` binary: argument parsing and I/O at the edge; all coding is in `atalaya-engine`.

mod bench;
mod code;
mod dict_cmd;
mod dicts;
mod eval_cmd;
mod events;
mod export;
mod ingest;
mod news_eval_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "atalaya",
    version,
    about = "News articles to structured, sourced political events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events: JSON Lines or text files in (or stdin), one JSON event per line out.
    Code(code::CodeArgs),
    /// Score the coder against a validation suite (JSON Lines).
    Eval(eval_cmd::EvalArgs),
    /// Measure coder throughput, dictionary load time and peak memory on generated sentences.
    BenchCode(bench::BenchArgs),
    /// Check dictionaries or report their coverage.
    #[command(subcommand)]
    Dict(dict_cmd::DictCommand),
    /// Read articles (files, folders, feeds, URLs, stdin), code them and store articles and events.
    Ingest(ingest::IngestArgs),
    /// Query stored events by actor, dyad, code, modality, date or article text.
    Events(events::EventsArgs),
    /// Export stored events as GDELT or Phoenix TSV, JSON Lines or Parquet.
    Export(export::ExportArgs),
    // Subcommands are added here, one module each.
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: anyhow::Result<ExitCode> = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Dict(cmd) => dict_cmd::run(cmd),
        Command::BenchCode(args) => bench::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Events(args) => events::run(args),
        Command::Export(args) => export::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("atalaya: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
