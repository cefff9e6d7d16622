//! `atalaya stories [filters]` lists stories (clusters of the reports of one occurrence) with
//! their trail; `atalaya story ID` shows one with every mention. The filters are those of
//! `atalaya events`, applied to each story's representative event, except that `--since` and
//! `--until` bound the story's own date range.

use crate::events::{clip, FilterArgs};
use crate::ingest::DbArg;
use atalaya_engine::Modality;
use atalaya_store::StoredStory;
use clap::{Args, ValueEnum};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum StoryFormat {
    Table,
    Json,
    Csv,
}

#[derive(Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many stories (0: no limit).
    #[arg(long, default_value_t = 100)]
    pub limit: u64,
    /// Stories to skip before the first shown.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    #[arg(long, value_enum, default_value_t = StoryFormat::Table)]
    pub format: StoryFormat,
}

#[derive(Args)]
pub struct StoryArgs {
    /// The story's id (an event's `cluster_id`).
    pub id: i64,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum, default_value_t = StoryFormat::Table)]
    pub format: StoryFormat,
}

pub fn run_list(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let mut filter = args
        .filter
        .to_filter((args.limit > 0).then_some(args.limit))?;
    filter.offset = (args.offset > 0).then_some(args.offset);
    let stories = store.stories(&filter)?;
    let total = store.count_stories(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StoryFormat::Json => {
            let list: Vec<_> = stories.iter().map(story_json).collect();
            serde_json::to_writer_pretty(&mut out, &json!({ "total": total, "stories": list }))?;
            out.write_all(b"\n")?;
        }
        StoryFormat::Csv => write_csv(&mut out, &stories)?,
        StoryFormat::Table => {
            write_table(&mut out, &stories)?;
            eprintln!("atalaya: {} of {total} stories", stories.len());
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_one(args: StoryArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let Some(story) = store.story(args.id)? else {
        eprintln!("atalaya: no story {}", args.id);
        return Ok(ExitCode::from(1));
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StoryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &story_json(&story))?;
            out.write_all(b"\n")?;
        }
        StoryFormat::Csv => write_csv(&mut out, std::slice::from_ref(&story))?,
        StoryFormat::Table => write_story(&mut out, &story)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A story as JSON: its counts and dates, the modality as the evidence stands and per
/// modality, the representative event (the full record), outlets, articles and mentions.
pub fn story_json(story: &StoredStory) -> serde_json::Value {
    let modalities: serde_json::Map<String, serde_json::Value> = Modality::ALL
        .iter()
        .map(|m| (m.name().to_string(), json!(story.modalities.get(*m))))
        .collect();
    let mentions: Vec<_> = story
        .mentions
        .iter()
        .map(|m| {
            json!({
                "event_id": m.event_id,
                "article_id": m.article_id,
                "outlet": m.outlet,
                "url": m.url,
                "title": m.title,
                "published": m.published,
                "day": m.day,
                "cameo": m.cameo,
                "modality": m.modality.name(),
                "sentence": m.sentence,
            })
        })
        .collect();
    json!({
        "id": story.id,
        "cluster_id": story.id.to_string(),
        "date_start": story.date_start,
        "date_end": story.date_end,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "n_events": story.n_events,
        "n_articles": story.n_articles,
        "n_outlets": story.n_outlets,
        "modality": story.modalities.strongest().map(Modality::name),
        "modalities": modalities,
        "outlets": story.outlets(),
        "articles": story.article_ids(),
        "representative": story.representative.event,
        "mentions": mentions,
    })
}

const CSV_HEADER: [&str; 21] = [
    "id",
    "date_start",
    "date_end",
    "first_seen",
    "last_seen",
    "source_code",
    "cameo",
    "target_code",
    "modality",
    "n_events",
    "n_articles",
    "n_outlets",
    "asserted",
    "reported",
    "hypothetical",
    "future",
    "negated",
    "representative_event",
    "outlets",
    "articles",
    "sentence",
];

fn write_csv(out: &mut impl Write, stories: &[StoredStory]) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_HEADER)?;
    for s in stories {
        let e = &s.representative.event;
        let mut row = vec![
            s.id.to_string(),
            s.date_start.clone(),
            s.date_end.clone(),
            s.first_seen.clone().unwrap_or_default(),
            s.last_seen.clone().unwrap_or_default(),
            e.source.code.clone(),
            e.cameo.clone(),
            e.target.code.clone(),
            s.modalities
                .strongest()
                .map_or(String::new(), |m| m.name().to_string()),
            s.n_events.to_string(),
            s.n_articles.to_string(),
            s.n_outlets.to_string(),
        ];
        row.extend(
            Modality::ALL
                .iter()
                .map(|m| s.modalities.get(*m).to_string()),
        );
        row.push(e.id.clone());
        row.push(s.outlets().join(";"));
        row.push(s.article_ids().join(";"));
        row.push(e.sentence.clone());
        csv.write_record(&row)?;
    }
    csv.flush()?;
    Ok(())
}

fn dates(story: &StoredStory) -> String {
    if story.date_start == story.date_end {
        story.date_start.clone()
    } else {
        format!("{}..{}", story.date_start, story.date_end)
    }
}

/// Rows of cells, columns padded to their widest cell, the last one left unpadded.
fn write_rows(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            line.push_str(cell);
            if i + 1 < cells.len() {
                line.push_str(&" ".repeat(width.saturating_sub(cell.chars().count()) + 2));
            }
        }
        line
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

fn write_table(out: &mut impl Write, stories: &[StoredStory]) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let e = &s.representative.event;
            vec![
                s.id.to_string(),
                dates(s),
                clip(&e.source.code, 12),
                e.cameo.clone(),
                clip(&e.target.code, 12),
                s.modalities
                    .strongest()
                    .map_or("-".into(), |m| m.name().to_string()),
                s.n_events.to_string(),
                s.n_articles.to_string(),
                s.n_outlets.to_string(),
                clip(&s.outlets().join(", "), 30),
                clip(&e.sentence, 60),
            ]
        })
        .collect();
    write_rows(
        out,
        &[
            "ID",
            "DATES",
            "SOURCE",
            "CAMEO",
            "TARGET",
            "MODALITY",
            "EVENTS",
            "ARTICLES",
            "OUTLETS",
            "OUTLET NAMES",
            "REPRESENTATIVE",
        ],
        &rows,
    )
}

fn write_story(out: &mut impl Write, s: &StoredStory) -> std::io::Result<()> {
    let e = &s.representative.event;
    writeln!(
        out,
        "story {}: {} {} {} ({})",
        s.id,
        e.source.code,
        e.cameo,
        e.target.code,
        dates(s)
    )?;
    writeln!(
        out,
        "seen {} to {}; {} events in {} articles from {} outlets",
        s.first_seen.as_deref().unwrap_or("-"),
        s.last_seen.as_deref().unwrap_or("-"),
        s.n_events,
        s.n_articles,
        s.n_outlets
    )?;
    let by_modality: Vec<String> = Modality::ALL
        .iter()
        .filter(|m| s.modalities.get(**m) > 0)
        .map(|m| format!("{} {}", m.name(), s.modalities.get(*m)))
        .collect();
    writeln!(
        out,
        "modality: {} (mentions: {})",
        s.modalities.strongest().map_or("-", Modality::name),
        by_modality.join(", ")
    )?;
    writeln!(out, "representative: {} — {}", e.id, clip(&e.sentence, 100))?;
    writeln!(out)?;
    let rows: Vec<Vec<String>> = s
        .mentions
        .iter()
        .map(|m| {
            vec![
                m.published.clone().unwrap_or_else(|| "-".into()),
                m.outlet.clone().unwrap_or_else(|| "-".into()),
                m.article_id.clone(),
                m.cameo.clone(),
                m.modality.name().to_string(),
                clip(&m.sentence, 72),
            ]
        })
        .collect();
    write_rows(
        out,
        &[
            "PUBLISHED",
            "OUTLET",
            "ARTICLE",
            "CAMEO",
            "MODALITY",
            "SENTENCE",
        ],
        &rows,
    )
}
