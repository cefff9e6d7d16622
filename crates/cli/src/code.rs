//! `atalaya code`: articles in, one JSON event per line out.
//!
//! Input is JSON Lines (`id`, `text`, optional `published`, `url`, `outlet`, `title`) or plain
//! text files (one article per file, id = file name). With no file, or `-`, it reads stdin.
//! A bad record (invalid UTF-8, invalid JSON, no `text`) is reported on stderr with its file and
//! line and skipped; the rest is coded. Exit status: 0 all records coded, 1 some records were
//! bad, 2 nothing could be read or the dictionaries failed.

use crate::dicts::{self, DictArgs};
use anyhow::Context;
use atalaya_engine::{Article, Engine};
use clap::Args;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct CodeArgs {
    /// Input files: `.jsonl`/`.json` are JSON Lines, anything else is one plain-text article.
    /// None or `-` reads JSON Lines from stdin.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Treat inputs as plain text even when they look like JSON Lines.
    #[arg(long)]
    pub plain: bool,
}

/// Counts of what happened, for the exit status and the closing line.
#[derive(Default)]
struct Tally {
    articles: usize,
    events: usize,
    bad: usize,
}

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let engine = dicts::load_engine(&args.dicts)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    for input in &inputs {
        if input.as_os_str() == "-" {
            let stdin = std::io::stdin();
            code_jsonl(&engine, "<stdin>", stdin.lock(), &mut out, &mut tally)?;
            continue;
        }
        let is_jsonl = !args.plain
            && matches!(
                input.extension().and_then(|e| e.to_str()),
                Some("jsonl" | "json" | "ndjson")
            );
        let file = match std::fs::File::open(input) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("atalaya: {}: cannot open: {e}", input.display());
                tally.bad += 1;
                continue;
            }
        };
        if is_jsonl {
            code_jsonl(
                &engine,
                &input.display().to_string(),
                BufReader::new(file),
                &mut out,
                &mut tally,
            )?;
        } else {
            code_text_file(&engine, input, file, &mut out, &mut tally)?;
        }
    }
    out.flush().context("writing events")?;
    eprintln!(
        "atalaya: {} articles, {} events, {} bad records",
        tally.articles, tally.events, tally.bad
    );
    Ok(if tally.articles == 0 && tally.bad > 0 {
        ExitCode::from(2)
    } else if tally.bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn emit(
    engine: &Engine,
    article: &Article,
    out: &mut impl Write,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let result = engine.code_article(article);
    for w in &result.warnings {
        eprintln!("atalaya: article {}: {}", w.article_id, w.message);
    }
    for e in &result.events {
        serde_json::to_writer(&mut *out, e).context("writing an event")?;
        out.write_all(b"\n").context("writing an event")?;
    }
    tally.articles += 1;
    tally.events += result.events.len();
    Ok(())
}

fn code_jsonl(
    engine: &Engine,
    name: &str,
    mut reader: impl BufRead,
    out: &mut impl Write,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{name}: read error"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let Ok(line) = std::str::from_utf8(&buf) else {
            eprintln!("atalaya: {name}:{line_no}: invalid UTF-8: record skipped");
            tally.bad += 1;
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match parse_article(line) {
            Ok(mut a) => {
                if a.id.is_empty() {
                    a.id = format!("{name}:{line_no}");
                }
                emit(engine, &a, out, tally)?;
            }
            Err(msg) => {
                eprintln!("atalaya: {name}:{line_no}: {msg}: record skipped");
                tally.bad += 1;
            }
        }
    }
    Ok(())
}

/// Parses one JSON line into an article; the error says what is wrong with the record.
pub fn parse_article(line: &str) -> Result<Article, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON ({e})"))?;
    let obj = value.as_object().ok_or("not a JSON object")?;
    let text = match obj.get("text") {
        Some(serde_json::Value::String(t)) => t.clone(),
        Some(_) => return Err("field `text` is not a string".into()),
        None => return Err("no `text` field".into()),
    };
    let field = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    Ok(Article {
        id,
        url: field("url"),
        outlet: field("outlet"),
        published: field("published").or_else(|| field("date")),
        title: field("title"),
        text,
        lang: field("lang"),
    })
}

fn code_text_file(
    engine: &Engine,
    path: &Path,
    mut file: std::fs::File,
    out: &mut impl Write,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    if let Err(e) = file.read_to_end(&mut bytes) {
        eprintln!("atalaya: {}: read error: {e}", path.display());
        tally.bad += 1;
        return Ok(());
    }
    if bytes.contains(&0) {
        eprintln!(
            "atalaya: {}: binary file (NUL bytes): skipped",
            path.display()
        );
        tally.bad += 1;
        return Ok(());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            eprintln!(
                "atalaya: {}:{line}: invalid UTF-8: file skipped",
                path.display()
            );
            tally.bad += 1;
            return Ok(());
        }
    };
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let article = Article {
        id,
        text,
        ..Article::default()
    };
    emit(engine, &article, out, tally)
}
