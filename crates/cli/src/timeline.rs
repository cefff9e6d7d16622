//! `atalaya timeline --dyad USA-MEX`: a dyad's series per day, week or month (counts per quad
//! class, modality and evidence class, Goldstein sum and mean, the escalation index per
//! direction and its change points) as a table, CSV, JSON, PNG or SVG.
//!
//! The store groups the dyad's events (`Store::dyad_tallies`), `atalaya-analysis` builds the
//! series, `atalaya-plot` draws them.

use crate::events::day_bound;
use crate::ingest::DbArg;
use anyhow::{bail, Context};
use atalaya_analysis::{
    build_timeline, ChangeKind, Counting, Direction, Interval, SeriesRequest, Timeline,
    TimelineSpec,
};
use atalaya_store::{DyadTallies, Store};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    Day,
    Week,
    Month,
}

impl From<IntervalArg> for Interval {
    fn from(arg: IntervalArg) -> Interval {
        match arg {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Table,
    Csv,
    Json,
    Png,
    Svg,
}

/// What selects a series, shared by `timeline` and `bench-timeline`.
#[derive(Args, Clone, Debug)]
pub struct SeriesArgs {
    /// Two actors joined by `-` (code, code prefix or ISO-3 country), e.g. USA-MEX; both
    /// directions unless --directed (or written USA->MEX).
    #[arg(long, value_name = "A-B")]
    pub dyad: String,
    /// Only the first actor's events towards the second.
    #[arg(long)]
    pub directed: bool,
    #[arg(long, value_enum, default_value_t = IntervalArg::Week)]
    pub interval: IntervalArg,
    /// First day shown (YYYY, YYYY-MM or YYYY-MM-DD); the index's baseline reads the weeks
    /// before it too.
    #[arg(long, value_parser = day_bound)]
    pub since: Option<String>,
    /// Last day shown (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = day_bound)]
    pub until: Option<String>,
    /// Count every report (event) instead of every story (cluster) once.
    #[arg(long)]
    pub per_report: bool,
    /// Baseline length of the escalation index, in buckets [default: 28 days, 8 weeks, 6
    /// months].
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=1000))]
    pub baseline: Option<u64>,
}

impl SeriesArgs {
    pub fn spec(&self) -> anyhow::Result<TimelineSpec> {
        TimelineSpec::from_request(&SeriesRequest {
            dyad: &self.dyad,
            directed: self.directed,
            interval: self.interval.into(),
            since: self.since.as_deref(),
            until: self.until.as_deref(),
            per_report: self.per_report,
            baseline: self.baseline,
        })
        .map_err(|err| anyhow::anyhow!("--{err}"))
    }
}

/// The tallies `spec` needs (from the index's warm-up before `since`).
pub fn fetch(store: &Store, spec: &TimelineSpec) -> anyhow::Result<DyadTallies> {
    Ok(store.spec_tallies(spec)?)
}

#[derive(Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub series: SeriesArgs,
    #[arg(long, value_enum, default_value_t = TimelineFormat::Table)]
    pub format: TimelineFormat,
    /// Write to this file instead of stdout (needed for png and svg on a terminal).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Peaks labelled with their largest story (png, svg).
    #[arg(long, default_value_t = 6)]
    pub labels: usize,
    /// Plot size in pixels (png, svg).
    #[arg(long, default_value_t = 1400)]
    pub width: u32,
    #[arg(long, default_value_t = 800)]
    pub height: u32,
}

/// The JSON answer: the timeline and what was left out of it.
#[derive(Serialize)]
struct TimelineJson<'a> {
    #[serde(flatten)]
    timeline: &'a Timeline,
    /// Events of the dyad with no day, not in any bucket.
    undated_events: u64,
    /// Events left out for an unreadable day or modality.
    unreadable_events: u64,
}

pub fn run(args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let spec = args.series.spec()?;
    let tallies = fetch(&store, &spec)?;
    let timeline = build_timeline(&tallies.tallies, &spec)?;
    if tallies.undated > 0 || tallies.unreadable > 0 {
        eprintln!(
            "atalaya: {} events of {} have no day and {} an unreadable day or modality: not counted",
            tallies.undated,
            spec.dyad.label(),
            tallies.unreadable
        );
    }
    let bytes: Vec<u8> = match args.format {
        TimelineFormat::Table => table(&timeline).into_bytes(),
        TimelineFormat::Csv => csv_bytes(&timeline)?,
        TimelineFormat::Json => {
            let mut out = serde_json::to_vec_pretty(&TimelineJson {
                timeline: &timeline,
                undated_events: tallies.undated,
                unreadable_events: tallies.unreadable,
            })?;
            out.push(b'\n');
            out
        }
        TimelineFormat::Png | TimelineFormat::Svg => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                bail!("--format png/svg writes binary or long output: give --output FILE");
            }
            let options = atalaya_plot::PlotOptions {
                width: args.width,
                height: args.height,
                labels: args.labels,
            };
            if args.format == TimelineFormat::Png {
                atalaya_plot::render_png(&timeline, &options)?
            } else {
                atalaya_plot::render_svg(&timeline, &options)?.into_bytes()
            }
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn fmt_opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(String::new, |v| format!("{v:.decimals$}"))
}

/// A readable table of the main series, with each direction's index, then the change points.
pub fn table(timeline: &Timeline) -> String {
    let mut out = String::new();
    let Some(main) = timeline.main() else {
        return out;
    };
    let counting = match timeline.counting {
        Counting::Story => "stories (each cluster once)",
        Counting::Report => "reports (every event)",
    };
    out.push_str(&format!(
        "{} by {}, counting {}; {} buckets\n",
        main.label,
        timeline.interval,
        counting,
        main.buckets.len()
    ));
    let directed: Vec<_> = timeline
        .series
        .iter()
        .filter(|s| s.direction != Direction::Both)
        .collect();
    let mut header: Vec<String> = [
        "BUCKET",
        "COUNT",
        "REPORTS",
        "MAT-CONF",
        "THREAT",
        "VERB-CONF",
        "PLAN-CONF",
        "MAT-COOP",
        "VERB-COOP",
        "PLAN-COOP",
        "NEG",
        "G-SUM",
        "G-MEAN",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for series in &directed {
        header.push(format!("Z {}", series.label));
    }
    header.push("LARGEST STORY".into());
    let mut rows = vec![header];
    for (t, bucket) in main.buckets.iter().enumerate() {
        let c = &bucket.class;
        let mut row = vec![
            bucket.bucket.clone(),
            bucket.count.to_string(),
            bucket.reports.to_string(),
            c.material_conflict.to_string(),
            c.threat.to_string(),
            c.verbal_conflict.to_string(),
            c.planned_conflict.to_string(),
            c.material_cooperation.to_string(),
            c.verbal_cooperation.to_string(),
            c.planned_cooperation.to_string(),
            c.negated.to_string(),
            format!("{:.1}", bucket.goldstein_sum),
            fmt_opt(bucket.goldstein_mean, 2),
        ];
        for series in &directed {
            let z = series.buckets.get(t).and_then(|b| b.index.z);
            row.push(fmt_opt(z, 2));
        }
        row.push(
            bucket
                .top_stories
                .first()
                .map(|s| s.label())
                .unwrap_or_default(),
        );
        rows.push(row);
    }
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                // Numbers right-aligned, the bucket left.
                if i == 0 {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad + 2));
                } else {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                    line.push_str("  ");
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let mut changes = Vec::new();
    for series in &timeline.series {
        for change in &series.change_points {
            let kind = match change.kind {
                ChangeKind::Escalation => "escalation",
                ChangeKind::DeEscalation => "de-escalation",
            };
            changes.push(format!(
                "  {}: {kind} from {} (detected {}, peak z {:.2})",
                series.label, change.onset, change.detected, change.peak_z
            ));
        }
    }
    if changes.is_empty() {
        out.push_str("change points: none\n");
    } else {
        out.push_str("change points:\n");
        for line in changes {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

pub const CSV_HEADER: [&str; 36] = [
    "series",
    "bucket",
    "start",
    "end",
    "count",
    "reports",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "no_quad",
    "asserted",
    "reported",
    "hypothetical",
    "future",
    "negated",
    "class_material_conflict",
    "class_threat",
    "class_verbal_conflict",
    "class_planned_conflict",
    "class_material_cooperation",
    "class_verbal_cooperation",
    "class_planned_cooperation",
    "class_negated",
    "class_unclassified",
    "goldstein_sum",
    "goldstein_mean",
    "conflict_intensity",
    "level",
    "baseline_mean",
    "baseline_sd",
    "z",
    "cusum_up",
    "cusum_down",
    "change",
    "largest_story",
];

/// One row per series and bucket (long format: filter on `series`).
pub fn csv_bytes(timeline: &Timeline) -> anyhow::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(CSV_HEADER)?;
    for series in &timeline.series {
        for (t, b) in series.buckets.iter().enumerate() {
            let change = series
                .change_points
                .iter()
                .filter(|c| c.detected_at == t)
                .map(|c| match c.kind {
                    ChangeKind::Escalation => "escalation",
                    ChangeKind::DeEscalation => "de-escalation",
                })
                .collect::<Vec<_>>()
                .join(";");
            let (q, m, c, i) = (&b.quad, &b.modality, &b.class, &b.index);
            let counts = [
                b.count,
                b.reports,
                q.verbal_cooperation,
                q.material_cooperation,
                q.verbal_conflict,
                q.material_conflict,
                q.none,
                m.asserted,
                m.reported,
                m.hypothetical,
                m.future,
                m.negated,
                c.material_conflict,
                c.threat,
                c.verbal_conflict,
                c.planned_conflict,
                c.material_cooperation,
                c.verbal_cooperation,
                c.planned_cooperation,
                c.negated,
                c.unclassified,
            ];
            let mut row = vec![
                series.label.clone(),
                b.bucket.clone(),
                b.start.to_string(),
                b.end.to_string(),
            ];
            row.extend(counts.iter().map(u64::to_string));
            row.extend([
                format!("{:.3}", b.goldstein_sum),
                fmt_opt(b.goldstein_mean, 3),
                format!("{:.3}", b.conflict_intensity),
                format!("{:.4}", i.level),
                fmt_opt(i.baseline_mean, 4),
                fmt_opt(i.baseline_sd, 4),
                fmt_opt(i.z, 4),
                format!("{:.4}", i.cusum_up),
                format!("{:.4}", i.cusum_down),
                change,
                b.top_stories.first().map(|s| s.label()).unwrap_or_default(),
            ]);
            csv.write_record(&row)?;
        }
    }
    csv.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
