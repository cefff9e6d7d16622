//! The `atalaya` binary: argument parsing and I/O at the edge; all coding is in `atalaya-engine`.

mod alerts;
mod articles;
mod bench;
mod bench_serve;
mod bench_store;
mod bench_timeline;
mod code;
mod dict_cmd;
mod dicts;
mod eval_cmd;
mod events;
mod export;
mod ingest;
mod news_eval_cmd;
mod serve;
mod stories;
mod stories_eval;
mod timeline;

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
    /// Code articles into events: what `ingest` reads (files, folders, feeds, URLs, stdin) in, one
    /// JSON event per line out.
    Code(code::CodeArgs),
    /// Score the coder against a validation suite (JSON Lines).
    Eval(eval_cmd::EvalArgs),
    /// Measure coder throughput, dictionary load time and peak memory on generated sentences.
    BenchCode(bench::BenchArgs),
    /// Generate a store of synthetic events (dyads, codes, modalities, days, stories) for
    /// benchmarks.
    BenchStore(bench_store::BenchStoreArgs),
    /// Load-test the HTTP API: N concurrent clients (a child process) send filtered events
    /// queries to an in-process server on loopback; p50/p99 latency, requests per second, CPU
    /// per request.
    BenchServe(bench_serve::BenchServeArgs),
    /// The load client of `bench-serve` alone, against a server already running on loopback
    /// (`atalaya serve`); prints its report as JSON.
    BenchLoad(bench_serve::BenchLoadArgs),
    /// Measure `timeline` for one dyad over N runs: store open, query, series, CSV.
    BenchTimeline(bench_timeline::BenchTimelineArgs),
    /// Check dictionaries or report their coverage.
    #[command(subcommand)]
    Dict(dict_cmd::DictCommand),
    /// Read articles (files, folders, feeds, URLs, stdin), code them and store articles and events.
    Ingest(ingest::IngestArgs),
    /// Query stored events by actor, dyad, code, modality, date or article text.
    Events(events::EventsArgs),
    /// List stories (clusters of the reports of one occurrence) with their mention trail:
    /// dates, events, articles, outlets, modality, representative event.
    Stories(stories::StoriesArgs),
    /// One story with every mention (article, outlet, publication time, modality, sentence).
    Story(stories::StoryArgs),
    /// A dyad's series per day, week or month: counts per quad class, modality and evidence
    /// class, Goldstein sum and mean, the escalation index and its change points; as a table,
    /// CSV, JSON, PNG or SVG.
    Timeline(timeline::TimelineArgs),
    /// Check alert rules (e.g. `USA->MEX threats >= 3x baseline(8 weeks)`) over the store.
    Alerts(alerts::AlertsArgs),
    /// Export stored events as GDELT or Phoenix TSV, JSON Lines or Parquet.
    Export(export::ExportArgs),
    /// The HTTP JSON API and the web dashboard over the store (loopback only by default;
    /// read-only unless a token is given).
    Serve(serve::ServeArgs),
    // Subcommands are added here, one module each.
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: anyhow::Result<ExitCode> = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Dict(cmd) => dict_cmd::run(cmd),
        Command::BenchCode(args) => bench::run(args),
        Command::BenchStore(args) => bench_store::run(args),
        Command::BenchTimeline(args) => bench_timeline::run(args),
        Command::BenchServe(args) => bench_serve::run(args),
        Command::BenchLoad(args) => bench_serve::run_load_only(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Events(args) => events::run(args),
        Command::Export(args) => export::run(args),
        Command::Stories(args) => stories::run_list(args),
        Command::Story(args) => stories::run_one(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Alerts(args) => alerts::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`atalaya events | head`) is not a failure: end quietly,
        // as Unix filters do.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("atalaya: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// True when the error comes from writing to a pipe whose reader has gone away, however it
/// was wrapped on the way (I/O, JSON and CSV writers).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(BrokenPipe);
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        false
    })
}
