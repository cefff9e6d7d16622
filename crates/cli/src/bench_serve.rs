//! `atalaya bench-serve --db STORE`: the HTTP API under load. Starts the server in this
//! process on a free loopback port (the same router as `serve`, read-only), then `--clients`
//! concurrent keep-alive connections send filtered events queries (the dyad USA-MEX by month,
//! alone and with a modality or quad class, 50 per page with the total) until `--requests`
//! have been answered or `--max-seconds` have passed; prints p50/p90/p99, requests per second
//! and errors. Exit status 1 when any request failed.

use crate::ingest::DbArg;
use anyhow::Context;
use atalaya_server::bench::{run_load, LoadSpec};
use atalaya_server::{App, Config, Limits};
use chrono::Datelike;
use clap::Args;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args)]
pub struct BenchServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Concurrent clients (one keep-alive connection each).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub clients: u64,
    /// Requests in all.
    #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub requests: u64,
    /// Stop after this many seconds even if requests remain.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub max_seconds: u64,
    /// Read connections of the server [default: twice the cores].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub readers: Option<u64>,
    /// Without the server's answer cache: every request runs its query.
    #[arg(long)]
    pub no_cache: bool,
    /// A request target to send instead of the default mix (repeatable), e.g.
    /// '/api/events?dyad=USA-MEX&since=2024-03&until=2024-03'.
    #[arg(long = "target", value_name = "PATH?QUERY")]
    pub targets: Vec<String>,
}

/// The default mix: USA-MEX events month by month over the store's range, alone, hypothetical
/// only, and material conflict only.
fn default_targets(first: chrono::NaiveDate, last: chrono::NaiveDate) -> Vec<String> {
    let mut targets = Vec::new();
    let mut month = first.with_day(1).unwrap_or(first);
    while month <= last && targets.len() < 300 {
        let m = month.format("%Y-%m");
        let base = format!("/api/events?dyad=USA-MEX&since={m}&until={m}&limit=50");
        targets.push(base.clone());
        targets.push(format!("{base}&modality=hypothetical"));
        targets.push(format!("{base}&quad=4"));
        month = match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    targets
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

pub fn run(args: BenchServeArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let db_path = args.db.path()?;
    let counts = store.counts()?;
    let range = store.day_range()?;
    drop(store);
    let targets = if args.targets.is_empty() {
        let Some((first, last)) = range else {
            anyhow::bail!("{}: no dated events to query", db_path.display());
        };
        default_targets(first, last)
    } else {
        args.targets.clone()
    };
    let mut limits = Limits::default();
    if let Some(readers) = args.readers {
        limits.readers = readers as usize;
    }
    if args.no_cache {
        limits.cache_entries = 0;
    }
    let readers = limits.readers;
    let app = App::new(Config {
        db: db_path.clone(),
        rules: Vec::new(),
        rules_origin: None,
        token: None,
        ingest: None,
        limits,
        loopback_only: true,
    })?;
    let runtime = crate::serve::tokio_runtime()?;
    let report = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("cannot listen on loopback")?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(atalaya_server::serve(listener, Arc::clone(&app), async {
            let _ = stopped.await;
        }));
        // Each target once, untimed, so that SQLite's pages are in memory (and, with the
        // cache on, the answers are cached: the figures are then the cache's).
        let warm = run_load(LoadSpec {
            addr,
            targets: targets.clone(),
            clients: 1,
            requests: targets.len() as u64,
            max_time: Duration::from_secs(60),
        })
        .await?;
        if warm.errors > 0 {
            anyhow::bail!("warm-up failed: {}", warm.first_error.unwrap_or_default());
        }
        let report = run_load(LoadSpec {
            addr,
            targets: targets.clone(),
            clients: args.clients as usize,
            requests: args.requests,
            max_time: Duration::from_secs(args.max_seconds),
        })
        .await?;
        let _ = stop.send(());
        let _ = server.await;
        anyhow::Ok((report, targets.len()))
    })?;
    let (report, distinct) = report;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "store: {} ({} events, {} articles)",
        db_path.display(),
        counts.events,
        counts.articles
    );
    println!(
        "machine: {} cores, {}; server and clients in one process on loopback; {readers} read connections; answer cache {}",
        cores,
        cpu_model(),
        if args.no_cache { "off" } else { "on" }
    );
    println!(
        "load: {} clients ({} connected), {} distinct filtered events queries taken in turn",
        args.clients, report.connected, distinct
    );
    println!(
        "requests: {} in {:.2} s = {:.0} requests/s; errors: {}",
        report.requests,
        report.elapsed.as_secs_f64(),
        report.requests_per_second,
        report.errors
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "latency: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(report.p50),
        ms(report.p90),
        ms(report.p99),
        ms(report.max)
    );
    if let Some(error) = &report.first_error {
        println!("first error: {error}");
    }
    Ok(if report.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
