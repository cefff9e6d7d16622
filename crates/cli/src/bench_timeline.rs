//! `atalaya bench-timeline`: how long `atalaya timeline` takes to answer for one dyad, measured
//! over N runs on a store (e.g. one made by `atalaya bench-store`): opening the store, the
//! store's query (`Store::dyad_tallies`), building the series and index, and writing the CSV.
//! Prints every phase's median and maximum in milliseconds, the first run apart (the one that
//! finds the page cache coldest), and the machine. Nothing is asserted: a measurement.

use crate::ingest::DbArg;
use crate::timeline::{fetch, SeriesArgs};
use atalaya_analysis::build_timeline;
use clap::Args;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct BenchTimelineArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub series: SeriesArgs,
    /// Runs measured.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub runs: u64,
}

pub fn run(args: BenchTimelineArgs) -> anyhow::Result<ExitCode> {
    let spec = args.series.spec()?;
    let mut phases: [Vec<f64>; 5] = Default::default();
    let mut rows = 0usize;
    let mut events = 0u64;
    let mut buckets = 0usize;
    for _ in 0..args.runs {
        let started = Instant::now();
        let store = args.db.open_existing()?;
        let opened = Instant::now();
        let tallies = fetch(&store, &spec)?;
        let fetched = Instant::now();
        let timeline = build_timeline(&tallies.tallies, &spec)?;
        let built = Instant::now();
        let csv = crate::timeline::csv_bytes(&timeline)?;
        let written = Instant::now();
        rows = tallies.tallies.len();
        events = tallies.tallies.iter().map(|t| t.reports).sum();
        buckets = timeline.main().map_or(0, |s| s.buckets.len());
        std::hint::black_box(csv);
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        for (phase, value) in phases.iter_mut().zip([
            ms(started, opened),
            ms(opened, fetched),
            ms(fetched, built),
            ms(built, written),
            ms(started, written),
        ]) {
            phase.push(value);
        }
    }
    println!(
        "timeline {} per {} ({}): {events} events in {rows} tallies, {buckets} buckets; {} runs",
        spec.dyad.label(),
        spec.interval,
        if args.series.per_report {
            "per report"
        } else {
            "per story"
        },
        args.runs
    );
    println!(
        "{:<22} {:>10} {:>10} {:>10}",
        "phase (ms)", "first", "median", "max"
    );
    for (name, values) in [
        "open store",
        "query (dyad_tallies)",
        "series + index",
        "CSV",
        "total",
    ]
    .iter()
    .zip(&phases)
    {
        let first = values.first().copied().unwrap_or(0.0);
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
        let max = sorted.last().copied().unwrap_or(0.0);
        println!("{name:<22} {first:>10.1} {median:>10.1} {max:>10.1}");
    }
    println!("machine: {}", machine_summary());
    Ok(ExitCode::SUCCESS)
}

/// Cores, CPU model, memory and load average, from `/proc` where there is one.
fn machine_summary() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim());
    let meminfo = read("/proc/meminfo");
    let memory_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(String::from("?"), |kb| {
            format!("{:.0}", kb / 1024.0 / 1024.0)
        });
    let load = read("/proc/loadavg");
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "{cores} cores ({model}), {memory_gib} GiB, load average {}",
        load.join(" ")
    )
}
