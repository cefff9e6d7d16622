//! `atalaya code`: articles in, one JSON event per line out.
//!
//! Inputs are read exactly as `atalaya ingest` reads them (`atalaya-sources`): JSON Lines, plain
//! text with its title and `Date:`/`Source:` header lines, Markdown, HTML, feeds, folders, URLs,
//! stdin (`-`, the default). One article at a time, streaming. A bad record (not text, invalid
//! JSON, no `text`, over a limit) is reported on stderr with its file and line and skipped; an
//! article in another language than English, or a sentence over the length limit, is reported
//! and skipped; the rest is coded. Exit status: 0 nothing was bad, 1 some records were bad,
//! 2 records were bad and none could be read, or the dictionaries failed.

use crate::articles::{self, Coded, Coder, ReadArgs};
use crate::dicts::{self, DictArgs};
use anyhow::Context;
use atalaya_sources::{expand, Limits};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args)]
pub struct CodeArgs {
    /// Files, folders (walked by extension: .txt .md .html .jsonl .rss .atom .xml), http(s)
    /// URLs, or `-` for stdin (the default). The format comes from the extension, else from
    /// the first bytes.
    #[arg(value_name = "PATH|URL")]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub dicts: DictArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Counts of what happened, for the exit status and the closing line.
#[derive(Default)]
struct Tally {
    articles: u64,
    events: u64,
    not_coded: u64,
    bad: u64,
}

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let engine = dicts::load_engine(&args.dicts)?;
    let limits = Limits::default();
    let coder = Coder::new(&engine, &args.dicts, &limits);
    let options = args.read.options(limits);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs.clone()
    };
    for input in expand(&inputs) {
        let records = match input {
            Ok(input) => input.records(&options),
            Err(err) => {
                eprintln!("atalaya: {err}");
                tally.bad += 1;
                continue;
            }
        };
        for record in records {
            let sourced = match record.and_then(|raw| raw.into_article(&options)) {
                Ok(sourced) => sourced,
                Err(err) => {
                    eprintln!("atalaya: {err}");
                    tally.bad += 1;
                    continue;
                }
            };
            let origin = &sourced.origin;
            for warning in &sourced.warnings {
                eprintln!("atalaya: {origin}: {warning}");
            }
            let article = &sourced.article;
            match coder.code(article) {
                Coded::Events(output) => {
                    for w in &output.warnings {
                        eprintln!("atalaya: {origin}: article {}: {}", w.article_id, w.message);
                    }
                    for event in &output.events {
                        serde_json::to_writer(&mut out, event).context("writing an event")?;
                        out.write_all(b"\n").context("writing an event")?;
                    }
                    tally.articles += 1;
                    tally.events += output.events.len() as u64;
                }
                Coded::OtherLanguage { reason } => {
                    eprintln!("atalaya: {origin}: article {}: {reason}", article.id);
                    tally.articles += 1;
                    tally.not_coded += 1;
                }
                Coded::Failed => {
                    eprintln!(
                        "atalaya: {origin}: article {}: the coder failed on this article",
                        article.id
                    );
                    tally.bad += 1;
                }
            }
        }
    }
    out.flush().context("writing events")?;
    eprintln!(
        "atalaya: {} articles, {} events, {} not coded (language), {} bad records",
        tally.articles, tally.events, tally.not_coded, tally.bad
    );
    Ok(articles::exit_status(tally.articles, tally.bad))
}
