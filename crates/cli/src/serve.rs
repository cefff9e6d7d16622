//! `atalaya serve`: the HTTP JSON API and the dashboard (crate `atalaya-server`) over a store.
//! This edge reads the flags, the token and the rules file, opens the store (upgrading an old
//! schema once, as every reading command does), and hands the server the ingest path that
//! `atalaya ingest` runs, for `POST /api/ingest`.

use crate::articles::ReadArgs;
use crate::dicts::DictArgs;
use crate::ingest::{DbArg, Ingester, Inputs};
use anyhow::{bail, Context};
use atalaya_server::{Config, Ingest, IngestError, Limits};
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address to listen on. The default is loopback only; another address exposes the API
    /// to the network (reads need no token).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// File holding the token that `POST /api/ingest` needs (`Authorization: Bearer TOKEN`).
    /// Without it (or ATALAYA_TOKEN) the server never writes.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Alert rules for `GET /api/alerts` (format: docs/alert-rules.md).
    #[arg(long, value_name = "FILE", env = "ATALAYA_ALERTS")]
    pub rules: Option<PathBuf>,
    /// Longest a request may take, in seconds (then 408).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Largest request body, in bytes (then 413).
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    pub max_body: usize,
    /// Requests handled at once; more wait their turn.
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_in_flight: u64,
    /// Read connections to the store (queries at once) [default: twice the cores].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub readers: Option<u64>,
    /// GET answers kept for reuse while the store files are unchanged (0: no cache).
    #[arg(long, default_value_t = 4096)]
    pub cache_entries: usize,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// `POST /api/ingest` through `atalaya ingest`'s own path.
struct CliIngest {
    ingester: Ingester,
}

impl Ingest for CliIngest {
    fn ingest(&self, body: &[u8]) -> Result<serde_json::Value, IngestError> {
        let totals = self
            .ingester
            .run(
                Inputs::JsonlBody(body.to_vec()),
                "atalaya serve: POST /api/ingest".into(),
                true,
            )
            .map_err(|err| IngestError::Failed(format!("{err:#}")))?;
        let c = &totals.counts;
        if c.articles_read == 0 && c.errors > 0 {
            return Err(IngestError::BadInput(format!(
                "no article could be read: {}",
                totals.messages.join("; ")
            )));
        }
        Ok(serde_json::json!({
            "run": totals.run_id,
            "articles_read": c.articles_read,
            "new": c.articles_new,
            "updated": c.articles_updated,
            "recoded": c.articles_recoded,
            "unchanged": c.articles_unchanged,
            "duplicates": c.duplicates,
            "not_coded": c.not_coded,
            "events": c.events,
            "errors": c.errors,
            "messages": totals.messages,
        }))
    }
}

/// The token: `--token-file` (trimmed), else `ATALAYA_TOKEN`; an empty one is refused.
fn read_token(args: &ServeArgs) -> anyhow::Result<Option<String>> {
    let token = match &args.token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the token file", path.display()))?,
        ),
        None => std::env::var("ATALAYA_TOKEN").ok(),
    };
    match token.map(|t| t.trim().to_string()) {
        Some(t) if t.is_empty() => bail!("the token (--token-file or ATALAYA_TOKEN) is empty"),
        Some(t) if t.len() < 16 => {
            bail!("the token is shorter than 16 characters: too easy to guess")
        }
        other => Ok(other),
    }
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let db_path = args.db.path()?;
    // Creates nothing; upgrades an old schema once.
    drop(args.db.open_existing()?);
    let token = read_token(&args)?;
    let (rules, rules_origin) = match &args.rules {
        None => (Vec::new(), None),
        Some(path) => {
            let (rules, errors) = crate::alerts::load_rules(path)?;
            if let Some(first) = errors.first() {
                bail!("{first} ({} errors in the rules file)", errors.len());
            }
            (rules, Some(path.display().to_string()))
        }
    };
    // Dictionaries load only when the server may write.
    let ingest: Option<Arc<dyn Ingest>> = match &token {
        None => None,
        Some(_) => Some(Arc::new(CliIngest {
            ingester: Ingester::new(
                db_path.clone(),
                &args.dicts,
                &ReadArgs::default(),
                None,
                256,
            )?,
        })),
    };
    let mut limits = Limits {
        max_body: args.max_body,
        timeout: Duration::from_secs(args.timeout),
        max_in_flight: args.max_in_flight as usize,
        cache_entries: args.cache_entries,
        ..Limits::default()
    };
    if let Some(readers) = args.readers {
        limits.readers = readers as usize;
    }
    let writes = token.is_some();
    let app = atalaya_server::App::new(Config {
        db: db_path.clone(),
        rules,
        rules_origin,
        token,
        ingest,
        limits,
        loopback_only: args.bind.ip().is_loopback(),
    })?;
    let runtime = tokio_runtime()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        let local = listener.local_addr()?;
        eprintln!(
            "atalaya: serving {} on http://{local}/ ({}; Ctrl-C stops)",
            db_path.display(),
            if writes {
                "POST /api/ingest needs the token"
            } else {
                "read-only"
            }
        );
        if !args.bind.ip().is_loopback() {
            eprintln!(
                "atalaya: warning: {} is reachable from the network",
                args.bind
            );
        }
        atalaya_server::serve(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn tokio_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
