//! `atalaya events`: query stored events by actor, dyad, code, modality, date and article text;
//! print a readable table, JSON Lines (the full event record) or CSV.

use crate::ingest::DbArg;
use atalaya_store::{EventFilter, StoredEvent};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

/// Filters shared by `events` and `export`.
#[derive(Args, Clone, Debug, Default)]
pub struct FilterArgs {
    /// Events with this actor on either side: actor code, code prefix (USA matches USAGOV) or
    /// ISO-3 country.
    #[arg(long)]
    pub actor: Option<String>,
    /// Source actor (code, code prefix or country).
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor (code, code prefix or country).
    #[arg(long)]
    pub target: Option<String>,
    /// Two actors, e.g. USA-MEX: either direction unless --directed.
    #[arg(long, value_name = "A-B")]
    pub dyad: Option<String>,
    /// With --dyad: only events whose source is the first actor.
    #[arg(long, requires = "dyad")]
    pub directed: bool,
    /// CAMEO code or prefix (e.g. 138, or 19 for every 19x code).
    #[arg(long)]
    pub code: Option<String>,
    /// CAMEO root code (01..20).
    #[arg(long)]
    pub root: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// asserted, reported, hypothetical, future or negated.
    #[arg(long)]
    pub modality: Option<String>,
    /// First day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive; the event date, else the article's.
    #[arg(long, value_parser = day_bound)]
    pub since: Option<String>,
    /// Last day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = day_bound)]
    pub until: Option<String>,
    /// Events of the articles that match this full-text query. The query is matched against
    /// each whole article (title and text), not the event's own sentence: every event of a
    /// matching article is returned. SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*.
    #[arg(long)]
    pub text: Option<String>,
}

/// `--since`/`--until`: a real date, checked as the store checks it, so that the error names
/// the flag.
pub(crate) fn day_bound(value: &str) -> Result<String, String> {
    atalaya_store::check_day_bound(value).map_err(|err| match err {
        atalaya_store::StoreError::Filter(message) => message,
        other => other.to_string(),
    })
}

impl FilterArgs {
    pub fn to_filter(&self, limit: Option<u64>) -> anyhow::Result<EventFilter> {
        let dyad = self
            .dyad
            .as_deref()
            .map(atalaya_store::parse_dyad)
            .transpose()
            .map_err(|err| match err {
                atalaya_store::StoreError::Filter(message) => anyhow::anyhow!("--{message}"),
                other => other.into(),
            })?;
        Ok(EventFilter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad,
            directed: self.directed,
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
            modality: self.modality.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            text: self.text.clone(),
            article_id: None,
            limit,
            offset: None,
        })
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many events (0: no limit).
    #[arg(long, default_value_t = 100)]
    pub limit: u64,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

pub fn run(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let limit = (args.limit > 0).then_some(args.limit);
    let filter = args.filter.to_filter(limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        ListFormat::Jsonl => {
            let mut count = 0;
            store.for_each_event(&filter, |stored| -> anyhow::Result<()> {
                serde_json::to_writer(&mut out, &stored.event)?;
                out.write_all(b"\n")?;
                count += 1;
                Ok(())
            })?;
            count
        }
        ListFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            csv.write_record(CSV_HEADER)?;
            let mut count = 0;
            store.for_each_event(&filter, |stored| -> anyhow::Result<()> {
                csv.write_record(csv_row(&stored))?;
                count += 1;
                Ok(())
            })?;
            csv.flush()?;
            count
        }
        ListFormat::Table => {
            let events = store.events(&filter)?;
            write_table(&mut out, &events)?;
            events.len()
        }
    };
    out.flush()?;
    if args.format == ListFormat::Table {
        eprintln!("atalaya: {written} events");
    }
    Ok(ExitCode::SUCCESS)
}

const CSV_HEADER: [&str; 20] = [
    "id",
    "article_id",
    "day",
    "date",
    "date_precision",
    "source_code",
    "source_country",
    "source_text",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "target_code",
    "target_country",
    "target_text",
    "modality",
    "confidence",
    "sentence",
    "url",
    "outlet",
];

fn csv_row(stored: &StoredEvent) -> [String; 20] {
    let e = &stored.event;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        e.id.clone(),
        e.article_id.clone(),
        opt(&stored.day),
        opt(&e.date),
        opt(&e.date_precision),
        e.source.code.clone(),
        opt(&e.source.country),
        e.source.text.clone(),
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        e.target.code.clone(),
        opt(&e.target.country),
        e.target.text.clone(),
        e.modality.name().to_string(),
        e.confidence.to_string(),
        e.sentence.clone(),
        opt(&stored.article_url),
        opt(&stored.article_outlet),
    ]
}

/// Shortens to `max` characters with an ellipsis, on one line.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut clipped: String = one_line.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

fn write_table(out: &mut impl Write, events: &[StoredEvent]) -> std::io::Result<()> {
    let rows: Vec<[String; 8]> = events
        .iter()
        .map(|stored| {
            let e = &stored.event;
            [
                stored.day.clone().unwrap_or_else(|| "-".into()),
                clip(&e.source.code, 12),
                e.cameo.clone(),
                clip(&e.target.code, 12),
                e.modality.name().to_string(),
                e.quad_class.map_or("-".into(), |q| q.to_string()),
                e.goldstein.map_or("-".into(), |g| format!("{g:.1}")),
                clip(&e.sentence, 72),
            ]
        })
        .collect();
    let header = [
        "DAY", "SOURCE", "CAMEO", "TARGET", "MODALITY", "QUAD", "GOLD", "SENTENCE",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row.iter()) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                line.push_str(cell);
            } else {
                let pad = width.saturating_sub(cell.chars().count());
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        line
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
