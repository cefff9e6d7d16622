//! `atalaya bench-store`: a generated store for benchmarks (`atalaya_store::generate_bench_store`
//! describes the spread of dyads, codes, modalities, days and stories).

use anyhow::Context;
use atalaya_store::{generate_bench_store, BenchSpec};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct BenchStoreArgs {
    /// Number of events to generate.
    #[arg(long, default_value_t = 1_000_000)]
    pub events: u64,
    /// The store to create (a new file, or a store with no events): never the default store.
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,
    /// Seed of the generated spread; the same seed gives the same store.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(args: BenchStoreArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let spec = BenchSpec {
        events: args.events,
        seed: args.seed,
    };
    let summary = generate_bench_store(&args.db, &spec)
        .with_context(|| format!("generating {}", args.db.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}: {} events in {} articles ({} stories, {} repeat mentions, {} without cluster_id; \
         USA-MEX either way: {} events) in {seconds:.1} s ({:.0} events/s)",
        args.db.display(),
        summary.events,
        summary.articles,
        summary.stories,
        summary.repeat_mentions,
        summary.unclustered,
        summary.usa_mex_events,
        summary.events as f64 / seconds.max(1e-9),
    );
    Ok(ExitCode::SUCCESS)
}
