//! `atalaya export --format gdelt|phoenix|jsonl|parquet [-o PATH] [--partition month]`.
//!
//! - `gdelt`: the 61 columns of the GDELT 2.0 event table, tab-separated, no header; columns
//!   atalaya has no counterpart for are empty (see the column notes in [`gdelt_row`]).
//! - `phoenix`: the 26 Phoenix columns, tab-separated, no header, Phoenix quad classes (the
//!   format has no cluster column: a 27th would break its readers).
//! - `jsonl`: the full event record, one JSON object per line, `cluster_id` included.
//! - `parquet`: one typed column per event field (see [`parquet_schema`]), Snappy-compressed.
//!
//! With `--partition month`, `-o` names a folder that receives Hive-style partitions
//! `month=YYYY-MM/part-0.<ext>`; events without any date go to `month=undated` (a null
//! partition, `__HIVE_DEFAULT_PARTITION__`, makes pandas fail to read the folder).
//! Events stream from the store in day order, so one partition is open at a time.

use crate::events::FilterArgs;
use crate::ingest::DbArg;
use anyhow::{bail, Context};
use arrow_array::builder::{
    ArrayBuilder, Date32Builder, Float32Builder, Float64Builder, Int64Builder, Int8Builder,
    ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use atalaya_cameo::{quad_class_of_root, QuadConvention};
use atalaya_store::StoredEvent;
use chrono::{Datelike, NaiveDate};
use clap::{Args, ValueEnum};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Gdelt,
    Phoenix,
    Jsonl,
    Parquet,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Gdelt | ExportFormat::Phoenix => "tsv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Parquet => "parquet",
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Partition {
    Month,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (a folder with --partition); stdout when absent (not for parquet).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write a folder of Hive-style partitions by event month.
    #[arg(long, value_enum, requires = "output")]
    pub partition: Option<Partition>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let filter = args.filter.to_filter(None)?;
    let mut count = 0u64;
    match (&args.output, args.partition) {
        (Some(dir), Some(Partition::Month)) => {
            prepare_folder(dir)?;
            let mut current: Option<(String, Box<dyn Sink>)> = None;
            store.for_each_event(&filter, |stored| -> anyhow::Result<()> {
                let month = stored
                    .day
                    .as_deref()
                    .and_then(|d| d.get(..7))
                    .map_or("undated".to_string(), str::to_string);
                if current.as_ref().map(|(m, _)| m) != Some(&month) {
                    if let Some((_, sink)) = current.take() {
                        sink.finish()?;
                    }
                    let part = dir.join(format!("month={month}"));
                    std::fs::create_dir_all(&part)
                        .with_context(|| format!("{}: cannot create", part.display()))?;
                    let file = part.join(format!("part-0.{}", args.format.extension()));
                    current = Some((month, open_sink(args.format, Some(&file))?));
                }
                if let Some((_, sink)) = current.as_mut() {
                    sink.write(&stored)?;
                }
                count += 1;
                Ok(())
            })?;
            if let Some((_, sink)) = current {
                sink.finish()?;
            }
        }
        (output, _) => {
            if output.is_none() && args.format == ExportFormat::Parquet {
                bail!("--format parquet needs -o PATH");
            }
            let mut sink = open_sink(args.format, output.as_deref())?;
            store.for_each_event(&filter, |stored| -> anyhow::Result<()> {
                sink.write(&stored)?;
                count += 1;
                Ok(())
            })?;
            sink.finish()?;
        }
    }
    eprintln!("atalaya: exported {count} events");
    Ok(ExitCode::SUCCESS)
}

/// A partition folder must be new or empty: mixing with an older export would double rows.
fn prepare_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{}: folder is not empty; export into a new folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))
}

/// One output being written.
trait Sink {
    fn write(&mut self, stored: &StoredEvent) -> anyhow::Result<()>;
    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}

fn open_sink(format: ExportFormat, path: Option<&Path>) -> anyhow::Result<Box<dyn Sink>> {
    let writer: Box<dyn Write + Send> = match path {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        ),
        None => Box::new(std::io::stdout()),
    };
    let writer = BufWriter::new(writer);
    Ok(match format {
        ExportFormat::Gdelt => Box::new(TsvSink {
            out: writer,
            row: gdelt_row,
        }),
        ExportFormat::Phoenix => Box::new(TsvSink {
            out: writer,
            row: phoenix_row,
        }),
        ExportFormat::Jsonl => Box::new(JsonlSink { out: writer }),
        ExportFormat::Parquet => Box::new(ParquetSink::new(writer)?),
    })
}

type Out = BufWriter<Box<dyn Write + Send>>;

struct TsvSink {
    out: Out,
    row: fn(&StoredEvent) -> Vec<String>,
}

/// Tabs and line breaks inside a field would break the row apart.
fn tsv_field(field: &str) -> String {
    field.replace(['\t', '\n', '\r'], " ")
}

impl Sink for TsvSink {
    fn write(&mut self, stored: &StoredEvent) -> anyhow::Result<()> {
        let fields: Vec<String> = (self.row)(stored).iter().map(|f| tsv_field(f)).collect();
        self.out.write_all(fields.join("\t").as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

struct JsonlSink {
    out: Out,
}

impl Sink for JsonlSink {
    fn write(&mut self, stored: &StoredEvent) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, &stored.event)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

fn day_of(stored: &StoredEvent) -> Option<NaiveDate> {
    let day = stored.day.as_deref()?;
    NaiveDate::parse_from_str(day.get(..10)?, "%Y-%m-%d").ok()
}

/// Code parts of a CAMEO actor code: root (3 letters: country or IGO/NGO/...), agent (the next
/// 3 letters), others (the rest).
fn split_actor_code(code: &str) -> (String, String, String) {
    let take =
        |from: usize, to: usize| code.get(from..to.min(code.len())).unwrap_or("").to_string();
    (take(0, 3), take(3, 6), take(6, code.len()))
}

/// The 61 GDELT 2.0 event-table columns. Counterparts: GLOBALEVENTID = the store's event row
/// id; dates from the event date, else the publication day; Actor*Code/CountryCode/Type1Code
/// from the actor code, country and sector; Actor*Name = entity name, else the words matched
/// (upper case, as GDELT); IsRootEvent = first sentence of the article; NumMentions/NumSources/
/// NumArticles = the event's story's events, distinct outlets and distinct articles (its
/// mention trail; 1, 1, 1 for an event in no story, and at least 1 source: an outlet-less
/// article is still one); ActionGeo_* from the event location (geo type 1
/// country, 5 state, 4 city/point; no FIPS country code, so that column is empty); DATEADDED =
/// when the article was stored; SOURCEURL = article URL, else its id. Empty: known group,
/// ethnic and religion codes, Type2/Type3, AvgTone, Actor1Geo_*, Actor2Geo_*, ADM codes,
/// feature ids.
pub fn gdelt_row(stored: &StoredEvent) -> Vec<String> {
    let e = &stored.event;
    let day = day_of(stored);
    let mut row: Vec<String> = Vec::with_capacity(61);
    row.push(stored.rowid.to_string());
    match day {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            let days_in_year = if NaiveDate::from_ymd_opt(d.year(), 12, 31)
                .is_some_and(|last| last.ordinal() == 366)
            {
                366.0
            } else {
                365.0
            };
            let fraction = f64::from(d.year()) + f64::from(d.ordinal0()) / days_in_year;
            row.push(format!("{fraction:.4}"));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    for actor in [&e.source, &e.target] {
        let name = actor
            .name
            .clone()
            .unwrap_or_else(|| actor.text.clone())
            .to_uppercase();
        row.push(actor.code.clone());
        row.push(name);
        row.push(actor.country.clone().unwrap_or_default());
        row.extend(std::iter::repeat_n(String::new(), 4)); // known group, ethnic, religion 1-2
        row.push(actor.sector.clone().unwrap_or_default());
        row.extend(std::iter::repeat_n(String::new(), 2)); // type 2-3
    }
    row.push(if e.sentence_index == 0 { "1" } else { "0" }.to_string());
    row.push(e.cameo.clone());
    row.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    row.push(e.cameo_root.clone());
    row.push(e.quad_class.map(|q| q.to_string()).unwrap_or_default());
    row.push(e.goldstein.map(|g| g.to_string()).unwrap_or_default());
    let (mentions, sources, articles) = stored
        .story
        .map_or((1, 1, 1), |s| (s.events, s.outlets.max(1), s.articles));
    row.extend([mentions, sources, articles].map(|n| n.to_string()));
    row.push(String::new()); // AvgTone
    row.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
    match &e.location {
        Some(loc) => {
            let geo_type = match loc.precision.as_str() {
                "country" => "1",
                "admin1" => "5",
                _ => "4",
            };
            row.push(geo_type.to_string());
            row.push(loc.name.clone());
            row.push(String::new()); // FIPS country code: not known
            row.push(String::new());
            row.push(String::new());
            row.push(loc.lat.map(|v| v.to_string()).unwrap_or_default());
            row.push(loc.lon.map(|v| v.to_string()).unwrap_or_default());
            row.push(String::new());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    let added: String = stored
        .ingested_at
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    row.push(added);
    row.push(
        stored
            .article_url
            .clone()
            .unwrap_or_else(|| e.article_id.clone()),
    );
    row
}

/// The 26 Phoenix columns: id, date, year, month, day, source, source_root, source_agent,
/// source_others, target, target_root, target_agent, target_others, code, root_code,
/// quad_class, goldstein, issues (empty), lat, lon, placeName, stateName, countryName (ISO-3),
/// ids (article id), urls, sources (outlet).
pub fn phoenix_row(stored: &StoredEvent) -> Vec<String> {
    let e = &stored.event;
    let day = day_of(stored);
    let mut row: Vec<String> = Vec::with_capacity(26);
    row.push(e.id.clone());
    match day {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.year().to_string());
            row.push(d.month().to_string());
            row.push(d.day().to_string());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    for actor in [&e.source, &e.target] {
        let (root, agent, others) = split_actor_code(&actor.code);
        row.push(actor.code.clone());
        row.push(actor.country.clone().unwrap_or(root));
        row.push(actor.sector.clone().unwrap_or(agent));
        row.push(others);
    }
    row.push(e.cameo.clone());
    row.push(e.cameo_root.clone());
    row.push(
        // Phoenix classes come from the root number (the root may not be a known code).
        e.cameo_root
            .parse::<u8>()
            .ok()
            .and_then(|root| quad_class_of_root(root, QuadConvention::Phoenix))
            .map(|q| q.to_string())
            .unwrap_or_default(),
    );
    row.push(e.goldstein.map(|g| g.to_string()).unwrap_or_default());
    row.push(String::new());
    let loc = e.location.as_ref();
    row.push(
        loc.and_then(|l| l.lat)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    row.push(
        loc.and_then(|l| l.lon)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    row.push(loc.map(|l| l.name.clone()).unwrap_or_default());
    row.push(loc.and_then(|l| l.admin1.clone()).unwrap_or_default());
    row.push(loc.and_then(|l| l.country.clone()).unwrap_or_default());
    row.push(e.article_id.clone());
    row.push(stored.article_url.clone().unwrap_or_default());
    row.push(stored.article_outlet.clone().unwrap_or_default());
    row
}

/// Rows per Parquet record batch (and row group granularity).
const PARQUET_BATCH: usize = 8192;

/// The Parquet columns, in order. Codes stay strings (leading zeros); dates are `date32`;
/// attribution is JSON text; `matched_entries` is a list of strings.
pub fn parquet_schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let int = |name: &str, nullable: bool| Field::new(name, DataType::Int64, nullable);
    let mut fields = vec![
        int("event_rowid", false),
        text("event_id", false),
        text("article_id", false),
        int("sentence_index", false),
        int("span_start", false),
        int("span_end", false),
        text("sentence", false),
    ];
    for side in ["source", "target"] {
        fields.push(text(&format!("{side}_text"), false));
        fields.push(text(&format!("{side}_code"), false));
        for field in ["country", "sector", "entity_id", "name"] {
            fields.push(text(&format!("{side}_{field}"), true));
        }
        fields.push(int(&format!("{side}_span_start"), true));
        fields.push(int(&format!("{side}_span_end"), true));
    }
    fields.extend([
        text("cameo", false),
        text("cameo_root", false),
        Field::new("quad_class", DataType::Int8, true),
        Field::new("goldstein", DataType::Float32, true),
        text("plover_type", true),
        text("plover_mode", true),
        text("modality", false),
        text("attribution", false),
        Field::new("date", DataType::Date32, true),
        text("date_precision", true),
        Field::new("day", DataType::Date32, true),
        text("location_name", true),
        text("location_country", true),
        text("location_admin1", true),
        Field::new("location_lat", DataType::Float64, true),
        Field::new("location_lon", DataType::Float64, true),
        text("location_precision", true),
        Field::new("confidence", DataType::Float32, false),
        text("matched_verb", false),
        text("matched_pattern", true),
        text("matched_origin", false),
        Field::new(
            "matched_entries",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
        text("cluster_id", true),
        text("article_url", true),
        text("article_outlet", true),
        text("article_published", true),
        text("article_title", true),
        text("ingested_at", false),
    ]);
    Arc::new(Schema::new(fields))
}

struct ParquetSink {
    writer: ArrowWriter<Out>,
    schema: SchemaRef,
    pending: Vec<StoredEvent>,
}

impl ParquetSink {
    fn new(out: Out) -> anyhow::Result<Self> {
        let schema = parquet_schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(props))?;
        Ok(ParquetSink {
            writer,
            schema,
            pending: Vec::with_capacity(PARQUET_BATCH),
        })
    }

    fn write_pending(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = record_batch(&self.schema, &self.pending)?;
        self.writer.write(&batch)?;
        self.pending.clear();
        Ok(())
    }
}

impl Sink for ParquetSink {
    fn write(&mut self, stored: &StoredEvent) -> anyhow::Result<()> {
        self.pending.push(stored.clone());
        if self.pending.len() >= PARQUET_BATCH {
            self.write_pending()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.write_pending()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(())
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD...` string.
fn date32(value: Option<&str>) -> Option<i32> {
    let day = NaiveDate::parse_from_str(value?.get(..10)?, "%Y-%m-%d").ok()?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((day - epoch).num_days()).ok()
}

/// One Arrow column: `get` of each event in turn, appended to a new builder of type `B`.
fn column<B, T>(events: &[StoredEvent], get: &dyn Fn(&StoredEvent) -> Option<T>) -> ArrayRef
where
    B: ArrayBuilder + Default + Extend<Option<T>>,
{
    let mut builder = B::default();
    builder.extend(events.iter().map(get));
    builder.finish()
}

fn record_batch(schema: &SchemaRef, events: &[StoredEvent]) -> anyhow::Result<RecordBatch> {
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
    let texts =
        |get: &dyn Fn(&StoredEvent) -> Option<String>| column::<StringBuilder, _>(events, get);
    let ints = |get: &dyn Fn(&StoredEvent) -> Option<i64>| column::<Int64Builder, _>(events, get);
    let dates = |get: &dyn Fn(&StoredEvent) -> Option<i32>| column::<Date32Builder, _>(events, get);
    let floats64 =
        |get: &dyn Fn(&StoredEvent) -> Option<f64>| column::<Float64Builder, _>(events, get);
    let floats32 =
        |get: &dyn Fn(&StoredEvent) -> Option<f32>| column::<Float32Builder, _>(events, get);
    let usize_i64 = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);

    columns.push(ints(&|s| Some(s.rowid)));
    columns.push(texts(&|s| Some(s.event.id.clone())));
    columns.push(texts(&|s| Some(s.event.article_id.clone())));
    columns.push(ints(&|s| Some(usize_i64(s.event.sentence_index))));
    columns.push(ints(&|s| Some(usize_i64(s.event.span.start))));
    columns.push(ints(&|s| Some(usize_i64(s.event.span.end))));
    columns.push(texts(&|s| Some(s.event.sentence.clone())));
    type Side = fn(&StoredEvent) -> &atalaya_engine::ActorRef;
    let sides: [Side; 2] = [|s| &s.event.source, |s| &s.event.target];
    for side in sides {
        columns.push(texts(&|s| Some(side(s).text.clone())));
        columns.push(texts(&|s| Some(side(s).code.clone())));
        columns.push(texts(&|s| side(s).country.clone()));
        columns.push(texts(&|s| side(s).sector.clone()));
        columns.push(texts(&|s| side(s).entity_id.clone()));
        columns.push(texts(&|s| side(s).name.clone()));
        columns.push(ints(&|s| side(s).span.map(|sp| usize_i64(sp.start))));
        columns.push(ints(&|s| side(s).span.map(|sp| usize_i64(sp.end))));
    }
    columns.push(texts(&|s| Some(s.event.cameo.clone())));
    columns.push(texts(&|s| Some(s.event.cameo_root.clone())));
    columns.push(column::<Int8Builder, _>(events, &|s| {
        s.event.quad_class.and_then(|q| i8::try_from(q).ok())
    }));
    columns.push(floats32(&|s| s.event.goldstein));
    columns.push(texts(&|s| {
        s.event.plover.as_ref().map(|p| p.event_type.clone())
    }));
    columns.push(texts(&|s| {
        s.event.plover.as_ref().and_then(|p| p.mode.clone())
    }));
    columns.push(texts(&|s| Some(s.event.modality.name().to_string())));
    let mut attribution = StringBuilder::new();
    for stored in events {
        attribution.append_value(serde_json::to_string(&stored.event.attribution)?);
    }
    columns.push(Arc::new(attribution.finish()));
    columns.push(dates(&|s| date32(s.event.date.as_deref())));
    columns.push(texts(&|s| s.event.date_precision.clone()));
    columns.push(dates(&|s| date32(s.day.as_deref())));
    columns.push(texts(&|s| {
        s.event.location.as_ref().map(|l| l.name.clone())
    }));
    columns.push(texts(&|s| {
        s.event.location.as_ref().and_then(|l| l.country.clone())
    }));
    columns.push(texts(&|s| {
        s.event.location.as_ref().and_then(|l| l.admin1.clone())
    }));
    columns.push(floats64(&|s| s.event.location.as_ref().and_then(|l| l.lat)));
    columns.push(floats64(&|s| s.event.location.as_ref().and_then(|l| l.lon)));
    columns.push(texts(&|s| {
        s.event.location.as_ref().map(|l| l.precision.clone())
    }));
    columns.push(floats32(&|s| Some(s.event.confidence)));
    columns.push(texts(&|s| Some(s.event.matched.verb.clone())));
    columns.push(texts(&|s| s.event.matched.pattern.clone()));
    columns.push(texts(&|s| Some(s.event.matched.origin.clone())));
    let mut entries = ListBuilder::new(StringBuilder::new());
    for stored in events {
        for entry in &stored.event.matched.entries {
            entries.values().append_value(entry);
        }
        entries.append(true);
    }
    columns.push(Arc::new(entries.finish()));
    columns.push(texts(&|s| s.event.cluster_id.clone()));
    columns.push(texts(&|s| s.article_url.clone()));
    columns.push(texts(&|s| s.article_outlet.clone()));
    columns.push(texts(&|s| s.article_published.clone()));
    columns.push(texts(&|s| s.article_title.clone()));
    columns.push(texts(&|s| Some(s.ingested_at.clone())));
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}
