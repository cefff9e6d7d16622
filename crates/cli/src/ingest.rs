//! `atalaya ingest PATH|URL|- ...`: read articles, code them, store articles and events.
//!
//! Three stages joined by bounded channels (so memory stays flat on any input size):
//! - one reader thread splits the inputs into raw records ([`atalaya_sources::Input::records`]);
//! - `--jobs` workers (default: all cores) extract each article, ask the store (a read-only
//!   connection each) whether it is already there under the same dictionaries, and code it with
//!   the shared [`Engine`] unless it is done already or not English, then prepare what joining
//!   its events to stories reads (`ArticleWrite::prepare_stories`), so the writer need not;
//! - this thread owns the write connection and commits batches of up to `--batch` articles,
//!   one transaction each, so that a crash leaves whole articles only and a re-run finishes the
//!   job without duplicates. The channel to it holds a whole batch and more, so that the
//!   workers go on while it commits: it is the one stage that cannot be spread over cores.
//!
//! Records are read and coded as `atalaya code` reads and codes them (`crate::articles`).
//! Per-article errors are printed with file and reason and counted, never fatal; so are
//! warnings (invalid UTF-8 replaced, a sentence over the length limit skipped, an article left
//! uncoded for its language). Exit status: 0 when no record was bad, 1 when some were (and
//! others were read), 2 when records were bad and none could be read, or when the store or the
//! dictionaries failed.

use crate::articles::{self, Coded, Coder, ReadArgs};
use crate::dicts::{self, DictArgs};
use anyhow::Context;
use atalaya_engine::Engine;
use atalaya_sources::{expand, Limits, RawRecord, ReadOptions, SourceError};
use atalaya_store::{ArticleState, ArticleWrite, Coding, RunCounts, RunInfo, Store};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The store to use: `--db PATH`, else `$ATALAYA_DB`, else the user's data folder.
#[derive(Args, Clone, Debug, Default)]
pub struct DbArg {
    /// SQLite store [default: ~/.local/share/atalaya/atalaya.db on Linux]
    #[arg(long, value_name = "PATH", env = "ATALAYA_DB")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> anyhow::Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => atalaya_store::default_db_path()
                .context("no user data folder known on this system; pass --db PATH"),
        }
    }

    /// Opens the store read-only for the commands that read it (`events`, `export`); a missing
    /// file is an error naming it rather than an empty store created on the spot.
    pub fn open_existing(&self) -> anyhow::Result<Store> {
        let path = self.path()?;
        if !path.exists() {
            anyhow::bail!(
                "{}: no store here yet (run `atalaya ingest` first)",
                path.display()
            );
        }
        match Store::open_readonly(&path) {
            // A store from an older atalaya: bring its schema up to date once, then read.
            Err(atalaya_store::StoreError::Outdated { .. }) => {
                drop(Store::open(&path)?);
                Ok(Store::open_readonly(&path)?)
            }
            result => Ok(result?),
        }
    }
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files, folders (walked recursively by extension: .txt .md .html .jsonl .rss .atom .xml),
    /// http(s) URLs of feeds or pages, or `-` for stdin.
    #[arg(required = true, value_name = "PATH|URL")]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub dicts: DictArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Coding threads [default: number of cores].
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Articles per store transaction.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub batch: u64,
    /// No progress bar (it is also hidden when stderr is not a terminal).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Alert rules to check after the run, over the buckets its new events fall in; fired
    /// alerts are printed on stdout (format: docs/alert-rules.md).
    #[arg(long, value_name = "FILE", env = "ATALAYA_ALERTS")]
    pub alerts: Option<PathBuf>,
    /// Do not group new events into stories (clusters of reports of one occurrence); they are
    /// stored without a `cluster_id` and counted one story each.
    #[arg(long)]
    pub no_stories: bool,
}

/// What a worker hands the writer.
enum Work {
    Store {
        write: Box<ArticleWrite>,
        raw_bytes: usize,
        /// Warnings to print, each naming the record.
        notices: Vec<String>,
    },
    /// Already stored (same text under the same dictionaries, or the same text under another id).
    AlreadyThere {
        state: ArticleState,
        raw_bytes: usize,
        notices: Vec<String>,
    },
    Error(String),
}

/// Bad-record messages kept in [`Totals`].
pub const MAX_MESSAGES: usize = 100;

/// Running totals for the progress line and the summary.
#[derive(Default)]
pub struct Totals {
    pub counts: RunCounts,
    pub bytes: u64,
    pub run_id: i64,
    pub elapsed: Duration,
    /// The first [`MAX_MESSAGES`] bad-record messages (each naming its record), for
    /// `POST /api/ingest` to answer with; all are printed.
    pub messages: Vec<String>,
    /// First and last day (`YYYY-MM-DD`) of the events written, for the alert check.
    days: Option<(String, String)>,
}

impl Totals {
    /// Widens `days` to the days of the events of an article just written (each event's own
    /// date, else the article's publication day, as the store files them).
    fn add_days(&mut self, item: &ArticleWrite) {
        let Coding::Coded { events, .. } = &item.coding else {
            return;
        };
        let published = item.article.published.as_deref().and_then(|p| p.get(..10));
        for event in events {
            let Some(day) = event
                .date
                .as_deref()
                .and_then(|d| d.get(..10))
                .or(published)
            else {
                continue;
            };
            match &mut self.days {
                None => self.days = Some((day.to_string(), day.to_string())),
                Some((first, last)) => {
                    if day < first.as_str() {
                        *first = day.to_string();
                    }
                    if day > last.as_str() {
                        *last = day.to_string();
                    }
                }
            }
        }
    }
}

/// Where an ingest reads its articles.
pub enum Inputs<'a> {
    /// Command-line inputs: paths, folders, URLs, `-`.
    Args(&'a [String]),
    /// JSON Lines held in memory (the body of `POST /api/ingest`).
    JsonlBody(Vec<u8>),
}

/// What every ingest into one store with one engine shares: loaded once by `atalaya ingest`
/// per run, once by `atalaya serve` for all its requests.
pub struct Ingester {
    pub db_path: PathBuf,
    pub engine: Engine,
    pub dicts: DictArgs,
    pub dict_hash: String,
    pub dict_version: String,
    pub read: ReadArgs,
    pub jobs: usize,
    pub batch: usize,
    /// Join new events to stories as they are stored (`ingest --no-stories` turns it off).
    pub clustering: bool,
}

impl Ingester {
    pub fn new(
        db_path: PathBuf,
        dicts: &DictArgs,
        read: &ReadArgs,
        jobs: Option<usize>,
        batch: usize,
    ) -> anyhow::Result<Ingester> {
        let engine = dicts::load_engine(dicts)?;
        let mut dict_json =
            serde_json::to_string(engine.dictionaries()).context("hashing the dictionaries")?;
        // A run option that changes the events: articles coded without it are re-coded.
        if dicts.keep_coded_compounds {
            dict_json.push_str("\nkeep_coded_compounds");
        }
        let dict_hash = atalaya_sources::content_hash(&dict_json);
        drop(dict_json);
        let dict_version = dict_version(dicts, &engine);
        let jobs = jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        Ok(Ingester {
            db_path,
            engine,
            dicts: dicts.clone(),
            dict_hash,
            dict_version,
            read: read.clone(),
            jobs,
            batch,
            clustering: true,
        })
    }

    /// One run: reads `inputs`, codes and stores them, records the run. `quiet` hides the
    /// progress bar.
    pub fn run(&self, inputs: Inputs<'_>, command: String, quiet: bool) -> anyhow::Result<Totals> {
        let db_path = &self.db_path;
        let mut store = Store::open(db_path)?;
        store.set_clustering(self.clustering);
        for run in store.interrupted_runs() {
            eprintln!(
                "atalaya: run {run} in {} was left running by a process that is gone (killed?): marked interrupted",
                db_path.display()
            );
        }
        let dict_hash = &self.dict_hash;
        let run_id = store.begin_run(&RunInfo {
            command,
            engine_version: env!("CARGO_PKG_VERSION").to_string(),
            dict_version: Some(self.dict_version.clone()),
            dict_hash: dict_hash.clone(),
        })?;
        let jobs = self.jobs;
        let limits = Limits::default();
        let coder = Coder::new(&self.engine, &self.dicts, &limits);
        let options = self.read.options(limits);
        let progress = progress_bar(quiet);
        let started = Instant::now();
        let mut totals = Totals::default();

        let outcome = std::thread::scope(|scope| -> anyhow::Result<()> {
            let (raw_tx, raw_rx) = mpsc::sync_channel::<Result<RawRecord, SourceError>>(jobs * 64);
            // Room for a whole batch and more: the workers go on coding while the writer
            // commits one (with less, they stop, and the writer's time adds to theirs).
            let (work_tx, work_rx) = mpsc::sync_channel::<Work>(jobs * 64 + self.batch);
            let options = &options;
            scope.spawn(move || read_inputs(inputs, options, raw_tx));
            let raw_rx = Arc::new(Mutex::new(raw_rx));
            for _ in 0..jobs {
                let raw_rx = Arc::clone(&raw_rx);
                let work_tx = work_tx.clone();
                let (coder, dict_hash, db_path) = (&coder, dict_hash.as_str(), db_path.as_path());
                let clustering = self.clustering;
                scope.spawn(move || {
                    // Look-ups are an optimisation: without a reader, every article is coded
                    // and the writer still refuses duplicates.
                    let reader = Store::open_readonly(db_path).ok();
                    code_records(
                        &raw_rx,
                        &work_tx,
                        coder,
                        reader.as_ref(),
                        dict_hash,
                        options,
                        clustering,
                    )
                });
            }
            drop(work_tx);
            write_all(
                &mut store,
                run_id,
                dict_hash,
                work_rx,
                self.batch,
                &progress,
                started,
                &mut totals,
            )
        });
        progress.finish_and_clear();
        let status = if outcome.is_ok() {
            "finished"
        } else {
            "failed"
        };
        let finish = store.finish_run(run_id, status);
        outcome?;
        finish?;
        totals.run_id = run_id;
        totals.elapsed = started.elapsed();
        Ok(totals)
    }
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let db_path = args.db.path()?;
    let mut ingester = Ingester::new(
        db_path.clone(),
        &args.dicts,
        &args.read,
        args.jobs,
        args.batch as usize,
    )?;
    ingester.clustering = !args.no_stories;
    // Rules are read first, so that a broken line is reported before a long ingest; the
    // ingest goes on either way.
    let rules = match &args.alerts {
        None => Vec::new(),
        Some(path) => {
            let (rules, errors) = crate::alerts::load_rules(path)?;
            for error in &errors {
                eprintln!("atalaya: {error}");
            }
            rules
        }
    };
    let command: Vec<String> = std::env::args().collect();
    let totals = ingester.run(Inputs::Args(&args.inputs), command.join(" "), args.quiet)?;
    print_summary(&totals, totals.elapsed, &db_path);
    let counts = &totals.counts;
    if counts.stored() == 0 {
        eprintln!("atalaya: nothing was ingested");
    }
    let store = Store::open_readonly(&db_path)?;
    check_alerts(&store, &rules, &totals)?;
    Ok(articles::exit_status(counts.articles_read, counts.errors))
}

/// Checks the alert rules over the buckets that hold the days of the events this run wrote,
/// and prints what fires on stdout.
fn check_alerts(
    store: &Store,
    rules: &[atalaya_analysis::Rule],
    totals: &Totals,
) -> anyhow::Result<()> {
    if rules.is_empty() {
        return Ok(());
    }
    let days = totals.days.as_ref().and_then(|(first, last)| {
        Some((
            atalaya_analysis::parse_day(first)?,
            atalaya_analysis::parse_day(last)?,
        ))
    });
    let Some((from, to)) = days else {
        eprintln!("atalaya: alerts: no new dated events to check");
        return Ok(());
    };
    let firings = crate::alerts::check(store, rules, from, to)?;
    for firing in &firings {
        println!("alert: {}", crate::alerts::firing_line(firing));
    }
    eprintln!(
        "atalaya: alerts: {} rules checked from {from} to {to} (the new events' days): {} fired",
        rules.len(),
        firings.len()
    );
    Ok(())
}

/// A readable description of the dictionaries: folders (or built-in) and entry counts.
fn dict_version(args: &DictArgs, engine: &Engine) -> String {
    let dicts = engine.dictionaries();
    let origin = if args.dirs.is_empty() {
        "built-in".to_string()
    } else {
        args.dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "{origin} ({:?}: {} actors, {} agents, {} verbs, {} patterns)",
        dicts.format,
        dicts.actors.len(),
        dicts.agents.len(),
        dicts.verbs.len(),
        dicts.patterns.len()
    )
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Reader thread: inputs → raw records. Stops early if the workers are gone.
fn read_inputs(
    inputs: Inputs<'_>,
    options: &ReadOptions,
    raw_tx: SyncSender<Result<RawRecord, SourceError>>,
) {
    let inputs = match inputs {
        Inputs::Args(inputs) => inputs,
        Inputs::JsonlBody(body) => {
            let records = atalaya_sources::records_from_bytes(
                "<request body>",
                body,
                atalaya_sources::Format::Jsonl,
                &options.limits,
            );
            for record in records {
                if raw_tx.send(record).is_err() {
                    return;
                }
            }
            return;
        }
    };
    for input in expand(inputs) {
        let sent = match input {
            Err(err) => raw_tx.send(Err(err)).is_ok(),
            Ok(input) => input
                .records(options)
                .all(|record| raw_tx.send(record).is_ok()),
        };
        if !sent {
            return;
        }
    }
}

/// Worker: raw records → coded articles (or errors / "already there").
fn code_records(
    raw_rx: &Mutex<Receiver<Result<RawRecord, SourceError>>>,
    work_tx: &SyncSender<Work>,
    coder: &Coder,
    reader: Option<&Store>,
    dict_hash: &str,
    options: &ReadOptions,
    clustering: bool,
) {
    loop {
        let next = match raw_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(record) = next else { return };
        let work = match record.and_then(|raw| raw.into_article(options)) {
            Err(err) => Work::Error(err.to_string()),
            Ok(sourced) => {
                let state = reader.and_then(|store| {
                    store
                        .article_state(&sourced.article, &sourced.content_hash, dict_hash)
                        .ok()
                });
                match state {
                    Some(state @ (ArticleState::Unchanged | ArticleState::Duplicate { .. })) => {
                        Work::AlreadyThere {
                            state,
                            raw_bytes: sourced.raw_bytes,
                            notices: source_notices(&sourced),
                        }
                    }
                    _ => code_one(coder, sourced, clustering),
                }
            }
        };
        if work_tx.send(work).is_err() {
            return;
        }
    }
}

/// What reading repaired in a record, each warning naming it.
fn source_notices(sourced: &atalaya_sources::Sourced) -> Vec<String> {
    let origin = &sourced.origin;
    sourced
        .warnings
        .iter()
        .map(|warning| format!("{origin}: {warning}"))
        .collect()
}

/// Codes one article; with `clustering`, also works out what joining its events to stories
/// reads, here rather than on the writer thread.
fn code_one(coder: &Coder, sourced: atalaya_sources::Sourced, clustering: bool) -> Work {
    let origin = sourced.origin.to_string();
    let mut notices = source_notices(&sourced);
    let id = &sourced.article.id;
    let coding = match coder.code(&sourced.article) {
        Coded::Events(output) => {
            notices.extend(
                output
                    .warnings
                    .iter()
                    .map(|w| format!("{origin}: article {}: {}", w.article_id, w.message)),
            );
            Coding::Coded {
                events: output.events,
                sentences: output.sentences,
            }
        }
        Coded::OtherLanguage { reason } => {
            notices.push(format!("{origin}: article {id}: {reason}"));
            Coding::NotCoded { reason }
        }
        Coded::Failed => {
            return Work::Error(format!(
                "{origin}: article {id}: the coder failed on this article"
            ))
        }
    };
    let mut write = Box::new(ArticleWrite {
        bytes: sourced.raw_bytes,
        content_hash: sourced.content_hash,
        origin: Some(origin),
        article: sourced.article,
        coding,
        stories: Default::default(),
    });
    if clustering {
        write.prepare_stories();
    }
    Work::Store {
        raw_bytes: sourced.raw_bytes,
        notices,
        write,
    }
}

/// Writer: batches of coded articles → the store, one transaction per batch.
#[allow(clippy::too_many_arguments)]
fn write_all(
    store: &mut Store,
    run_id: i64,
    dict_hash: &str,
    work_rx: Receiver<Work>,
    batch_size: usize,
    progress: &ProgressBar,
    started: Instant,
    totals: &mut Totals,
) -> anyhow::Result<()> {
    let mut batch: Vec<ArticleWrite> = Vec::with_capacity(batch_size);
    let mut delta = RunCounts::default();
    let mut last_flush = Instant::now();
    loop {
        // Flush on a full batch, or when input pauses (stdin, slow feeds) so work is never
        // left uncommitted while waiting.
        let message = match work_rx.recv_timeout(Duration::from_millis(250)) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let idle = message.is_none();
        match message {
            Some(Work::Store {
                write,
                raw_bytes,
                notices,
            }) => {
                print_notices(progress, &notices);
                delta.articles_read += 1;
                totals.bytes += raw_bytes as u64;
                batch.push(*write);
            }
            Some(Work::AlreadyThere {
                state,
                raw_bytes,
                notices,
            }) => {
                print_notices(progress, &notices);
                delta.articles_read += 1;
                totals.bytes += raw_bytes as u64;
                match state {
                    ArticleState::Duplicate { .. } => delta.duplicates += 1,
                    _ => delta.articles_unchanged += 1,
                }
            }
            Some(Work::Error(message)) => {
                delta.errors += 1;
                if totals.messages.len() < MAX_MESSAGES {
                    totals.messages.push(message.clone());
                }
                progress.suspend(|| eprintln!("atalaya: {message}"));
            }
            None => {}
        }
        let pending = !batch.is_empty() || delta != RunCounts::default();
        let idle_or_stale = idle || last_flush.elapsed() > Duration::from_secs(2);
        let due = batch.len() >= batch_size || (idle_or_stale && pending);
        if due {
            flush(
                store, run_id, dict_hash, &mut batch, &mut delta, progress, totals,
            )?;
            last_flush = Instant::now();
            update_progress(progress, totals, started);
        }
    }
    flush(
        store, run_id, dict_hash, &mut batch, &mut delta, progress, totals,
    )?;
    update_progress(progress, totals, started);
    Ok(())
}

fn print_notices(progress: &ProgressBar, notices: &[String]) {
    if !notices.is_empty() {
        progress.suspend(|| {
            for notice in notices {
                eprintln!("atalaya: {notice}");
            }
        });
    }
}

fn flush(
    store: &mut Store,
    run_id: i64,
    dict_hash: &str,
    batch: &mut Vec<ArticleWrite>,
    delta: &mut RunCounts,
    progress: &ProgressBar,
    totals: &mut Totals,
) -> anyhow::Result<()> {
    if batch.is_empty() && *delta == RunCounts::default() {
        return Ok(());
    }
    let outcomes = store.write_batch(run_id, dict_hash, batch, delta)?;
    let mut counts = *delta;
    for (item, outcome) in batch.iter().zip(&outcomes) {
        if let atalaya_store::WriteOutcome::Failed(reason) = outcome {
            let origin = item.origin.as_deref().unwrap_or(&item.article.id);
            progress.suspend(|| eprintln!("atalaya: {origin}: cannot store: {reason}"));
        }
        counts.record(outcome, &item.coding);
        if matches!(
            outcome,
            atalaya_store::WriteOutcome::Inserted
                | atalaya_store::WriteOutcome::Updated
                | atalaya_store::WriteOutcome::Recoded
        ) {
            totals.add_days(item);
        }
    }
    totals.counts.add(&counts);
    batch.clear();
    *delta = RunCounts::default();
    Ok(())
}

fn rates(totals: &Totals, elapsed: Duration) -> (f64, f64) {
    let seconds = elapsed.as_secs_f64().max(1e-6);
    (
        totals.counts.articles_read as f64 / seconds,
        totals.bytes as f64 / 1e6 / seconds,
    )
}

fn update_progress(progress: &ProgressBar, totals: &Totals, started: Instant) {
    if progress.is_hidden() {
        return;
    }
    let (per_second, mb_per_second) = rates(totals, started.elapsed());
    progress.set_message(format!(
        "{} articles ({per_second:.0}/s, {mb_per_second:.1} MB/s) · {} events · {} errors",
        totals.counts.articles_read, totals.counts.events, totals.counts.errors
    ));
}

fn print_summary(totals: &Totals, elapsed: Duration, db: &std::path::Path) {
    let c = &totals.counts;
    let (per_second, mb_per_second) = rates(totals, elapsed);
    eprintln!(
        "atalaya: ingested {} articles in {:.1} s ({per_second:.0} articles/s, {mb_per_second:.2} MB/s) into {}",
        c.articles_read,
        elapsed.as_secs_f64(),
        db.display()
    );
    eprintln!(
        "atalaya: {} new, {} updated, {} re-coded, {} unchanged, {} duplicates, {} not coded (language); {} events; {} errors",
        c.articles_new,
        c.articles_updated,
        c.articles_recoded,
        c.articles_unchanged,
        c.duplicates,
        c.not_coded,
        c.events,
        c.errors
    );
}
