//! `atalaya bench-serve --db STORE`: the HTTP API under load. Starts the server in this
//! process on a free loopback port (the same router as `serve`, read-only), then runs the
//! load client (`atalaya_server::bench`) in a child process of its own (`atalaya bench-load`,
//! so that the two are measured apart): `--clients` concurrent keep-alive connections send
//! filtered events queries until `--requests` have been answered or `--max-seconds` have
//! passed; prints p50/p90/p99, requests per second, errors, the answer cache's hits and the
//! CPU time the server and the client spent per request. Exit status 1 when any request
//! failed.
//!
//! `atalaya bench-load --addr 127.0.0.1:PORT --targets-file FILE` is the load client alone,
//! against a server already running (`atalaya serve`); it prints its report as JSON.

use crate::ingest::DbArg;
use anyhow::Context;
use atalaya_server::bench::{process_cpu, run_load, LoadReport, LoadSpec};
use atalaya_server::{App, Config, Limits};
use chrono::Datelike;
use clap::Args;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// How much load: the bounds `bench-serve` and `bench-load` share.
#[derive(Args)]
pub struct LoadBounds {
    /// Concurrent clients (one keep-alive connection each).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub clients: u64,
    /// Requests in all.
    #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub requests: u64,
    /// Stop after this many seconds even if requests remain.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub max_seconds: u64,
}

#[derive(Args)]
pub struct BenchServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub bounds: LoadBounds,
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
    /// Threads of the load client's runtime.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub client_threads: u64,
    /// Worker threads of the server's runtime [default: one per core].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub server_threads: Option<u64>,
    /// Print the request targets (one a line) and stop, e.g. for another load tool.
    #[arg(long)]
    pub print_targets: bool,
}

#[derive(Args)]
pub struct BenchLoadArgs {
    /// The server (a loopback address).
    #[arg(long)]
    pub addr: SocketAddr,
    /// Request targets, one a line (`/api/events?...`), taken in turn.
    #[arg(long)]
    pub targets_file: PathBuf,
    #[command(flatten)]
    pub bounds: LoadBounds,
    /// Threads of the client's runtime.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub threads: u64,
}

/// The dyads of the default mix: the generated store's six hot dyads (`bench-store`).
const MIX_DYADS: [&str; 6] = [
    "USA-MEX", "RUS-UKR", "ISR-PSE", "USA-CHN", "USA-IRN", "CHN-TWN",
];

/// Filters added to each dyad and month: none, two modalities, two quad classes.
const MIX_FILTERS: [&str; 5] = [
    "",
    "&modality=hypothetical",
    "&modality=reported",
    "&quad=4",
    "&quad=1",
];

/// The default mix: the six hot dyads' events month by month over the store's range, each
/// alone, with a modality and with a quad class, first and second page (50 events with the
/// total): 1,440 distinct queries on the two-year generated store. Taken in a fixed shuffled
/// order, so that neighbouring requests ask for different dyads and months.
fn default_targets(first: chrono::NaiveDate, last: chrono::NaiveDate) -> Vec<String> {
    let mut months = Vec::new();
    let mut month = first.with_day(1).unwrap_or(first);
    while month <= last && months.len() < 120 {
        months.push(month.format("%Y-%m").to_string());
        month = match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    let mut targets = Vec::new();
    for dyad in MIX_DYADS {
        for m in &months {
            for filter in MIX_FILTERS {
                for offset in [0, 50] {
                    targets.push(format!(
                        "/api/events?dyad={dyad}&since={m}&until={m}{filter}&limit=50&offset={offset}"
                    ));
                }
            }
        }
    }
    shuffle(&mut targets, 0x5EED);
    targets
}

/// Fisher–Yates with a small fixed generator (SplitMix64): the same order every run.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
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

/// The first line of `/proc/loadavg` (the machine's load while measuring).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| {
            let parts: Vec<&str> = l.split_whitespace().take(3).collect();
            (parts.len() == 3).then(|| parts.join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// What the child load client printed: its report and its own CPU time.
#[derive(serde::Serialize, serde::Deserialize)]
struct ChildReport {
    report: LoadReport,
    cpu_s: Option<f64>,
}

fn client_runtime(threads: u64) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut builder = if threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut b = tokio::runtime::Builder::new_multi_thread();
        b.worker_threads(threads as usize);
        b
    };
    builder
        .enable_all()
        .build()
        .context("starting the load client's runtime")
}

/// `atalaya bench-load`: the load client alone; its report as one JSON line on stdout.
pub fn run_load_only(args: BenchLoadArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.targets_file)
        .with_context(|| format!("cannot read {}", args.targets_file.display()))?;
    let targets: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let runtime = client_runtime(args.threads)?;
    let report = runtime.block_on(run_load(LoadSpec {
        addr: args.addr,
        targets,
        clients: args.bounds.clients as usize,
        requests: args.bounds.requests,
        max_time: Duration::from_secs(args.bounds.max_seconds),
    }))?;
    let errors = report.errors;
    let out = ChildReport {
        report,
        cpu_s: process_cpu().map(|d| d.as_secs_f64()),
    };
    println!("{}", serde_json::to_string(&out)?);
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
    if args.print_targets {
        let mut out = std::io::stdout().lock();
        for target in &targets {
            writeln!(out, "{target}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
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
    let targets_file = tempfile::NamedTempFile::new().context("a file for the targets")?;
    std::fs::write(targets_file.path(), targets.join("\n")).context("writing the targets file")?;
    let exe = std::env::current_exe().context("finding this program for the load client")?;
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = args.server_threads {
        builder.worker_threads(threads as usize);
    }
    let runtime = builder
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let server_app = Arc::clone(&app);
    let distinct = targets.len();
    let (child, server_cpu, cache) = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("cannot listen on loopback")?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(atalaya_server::serve(
            listener,
            Arc::clone(&server_app),
            async {
                let _ = stopped.await;
            },
        ));
        // Each target once, untimed, so that SQLite's pages are in memory (and, with the
        // cache on, the answers are cached: the cached figures are then the cache's; the hit
        // count below says how many).
        let warm = run_load(LoadSpec {
            addr,
            targets: targets.clone(),
            clients: 1,
            requests: targets.len() as u64,
            max_time: Duration::from_secs(300),
        })
        .await?;
        if warm.errors > 0 {
            anyhow::bail!("warm-up failed: {}", warm.first_error.unwrap_or_default());
        }
        let cache_before = server_app.cache_counts();
        let cpu_before = process_cpu();
        let mut command = tokio::process::Command::new(&exe);
        command
            .arg("bench-load")
            .arg("--addr")
            .arg(addr.to_string())
            .arg("--targets-file")
            .arg(targets_file.path())
            .arg("--clients")
            .arg(args.bounds.clients.to_string())
            .arg("--requests")
            .arg(args.bounds.requests.to_string())
            .arg("--max-seconds")
            .arg(args.bounds.max_seconds.to_string())
            .arg("--threads")
            .arg(args.client_threads.to_string())
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true);
        let output = command
            .output()
            .await
            .context("running the load client (atalaya bench-load)")?;
        let server_cpu = match (cpu_before, process_cpu()) {
            (Some(before), Some(after)) => Some(after.saturating_sub(before)),
            _ => None,
        };
        let cache_after = server_app.cache_counts();
        let _ = stop.send(());
        let _ = server.await;
        let text = String::from_utf8_lossy(&output.stdout);
        let child: ChildReport = serde_json::from_str(text.trim()).with_context(|| {
            format!(
                "the load client ({}) printed no report: {}",
                output.status,
                text.trim()
            )
        })?;
        let cache = (
            cache_after.0 - cache_before.0,
            cache_after.1 - cache_before.1,
        );
        anyhow::Ok((child, server_cpu, cache))
    })?;
    let report = child.report;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "store: {} ({} events, {} articles)",
        db_path.display(),
        counts.events,
        counts.articles
    );
    println!(
        "machine: {cores} cores, {}; load average {} at the end",
        cpu_model(),
        load_average()
    );
    println!(
        "server: this process, {} runtime threads, {readers} read connections, answer cache {}; client: a child process, {} thread(s), on loopback",
        args.server_threads.map_or(cores as u64, |t| t),
        if args.no_cache { "off" } else { "on" },
        args.client_threads
    );
    println!(
        "load: {} clients ({} connected), {} distinct filtered events queries taken in turn",
        args.bounds.clients, report.connected, distinct
    );
    println!(
        "requests: {} in {:.2} s = {:.0} requests/s; errors: {}; {:.1} KB an answer",
        report.requests,
        report.elapsed_s,
        report.requests_per_second,
        report.errors,
        report.body_bytes as f64 / report.requests.max(1) as f64 / 1000.0
    );
    let ms = |us: u64| us as f64 / 1000.0;
    println!(
        "latency: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(report.p50_us),
        ms(report.p90_us),
        ms(report.p99_us),
        ms(report.max_us)
    );
    if !args.no_cache {
        let (hits, misses) = cache;
        println!(
            "answer cache: {hits} hits, {misses} misses ({:.1}% hits)",
            100.0 * hits as f64 / (hits + misses).max(1) as f64
        );
    }
    let per_request = |cpu: f64| cpu * 1e6 / report.requests.max(1) as f64;
    match (server_cpu, child.cpu_s) {
        (Some(server), Some(client)) => println!(
            "cpu: server {:.2} s ({:.0} µs a request), client {:.2} s ({:.0} µs a request)",
            server.as_secs_f64(),
            per_request(server.as_secs_f64()),
            client,
            per_request(client)
        ),
        _ => println!("cpu: not measured here"),
    }
    if let Some(error) = &report.first_error {
        println!("first error: {error}");
    }
    Ok(if report.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_mix_covers_every_dyad_month_filter_and_page() {
        let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let last = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
        let targets = default_targets(first, last);
        assert_eq!(targets.len(), 6 * 24 * 5 * 2);
        let distinct: std::collections::HashSet<&String> = targets.iter().collect();
        assert_eq!(distinct.len(), targets.len());
        assert!(targets.iter().any(|t| t
            == "/api/events?dyad=CHN-TWN&since=2025-12&until=2025-12&quad=1&limit=50&offset=50"));
        // Shuffled, the same way every time.
        assert!(!targets[0].starts_with("/api/events?dyad=USA-MEX&since=2024-01&until=2024-01&"));
        assert_eq!(targets, default_targets(first, last));
    }
}
