//! Choosing and loading dictionaries for a command: `--dictionaries DIR` (repeatable) and
//! `--dict-format`. Without `--dictionaries`, atalaya's own default dictionaries (embedded in the
//! binary) are used.
//!
//! Several folders of one format are layered: for PETRARCH-2 and TABARI a later folder's verbs,
//! actors, agents or discards replace the earlier ones of the same kind (how the validation
//! suites combine files); for atalaya's format a later folder adds to and overrides the earlier.

use anyhow::{bail, Context};
use atalaya_dict::{CoderOptions, Dictionaries, Warning};
use atalaya_engine::Engine;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Args, Clone, Default)]
pub struct DictArgs {
    /// Dictionary folder (repeatable). Default: atalaya's built-in dictionaries.
    #[arg(long = "dictionaries", short = 'd', value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Dictionary format; detected from the files when not given.
    #[arg(long = "dict-format", value_enum)]
    pub format: Option<Format>,
    /// Print every dictionary warning, not just their number.
    #[arg(long)]
    pub dict_warnings: bool,
    /// A PETRARCH-2 internal coding ontology file (`CODE:0x3000` lines): lets the coder combine
    /// an upper verb with the verb it governs as PETRARCH-2 does ("will" + "help" = 033).
    #[arg(long, value_name = "FILE")]
    pub code_ontology: Option<PathBuf>,
    /// Keep a coded compound actor (`FRO/BIL/SAM`) as one actor, as UniversalPetrarch does,
    /// instead of one actor per code (TABARI, PETRARCH-2).
    #[arg(long)]
    pub keep_coded_compounds: bool,
    /// Code a proper-noun phrase of at most N words that no dictionary codes as a new actor,
    /// its words in quotes (`"THE MINISTRY OF MAGIC"`), as PETRARCH's `new_actor_length`;
    /// 0 turns it off. Default: the dictionaries' own option (0 unless set).
    #[arg(long, value_name = "N")]
    pub new_actor_length: Option<u32>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Petrarch,
    Tabari,
    Atalaya,
}

/// Guesses a folder's format: atalaya's files have `@entity`/`@verb`/... block headers; TABARI's
/// are named `*.project`, `*.verbs`, `*.actors`; PETRARCH-2's are `*verbs*.txt`, `*actors*.txt`.
pub fn detect(dir: &Path) -> anyhow::Result<Format> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read dictionary folder", dir.display()))?;
    let mut names = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            // atalaya keeps actors and verbs in subfolders.
            if let Ok(sub) = std::fs::read_dir(&path) {
                if sub.flatten().any(|f| has_atalaya_header(&f.path())) {
                    return Ok(Format::Atalaya);
                }
            }
            continue;
        }
        if has_atalaya_header(&path) {
            return Ok(Format::Atalaya);
        }
        names.push(e.file_name().to_string_lossy().to_lowercase());
    }
    if names
        .iter()
        .any(|n| n.ends_with(".project") || n.ends_with(".verbs") || n.ends_with(".actors"))
    {
        return Ok(Format::Tabari);
    }
    if names.iter().any(|n| {
        n.ends_with(".txt") && (n.contains("verbs") || n.contains("actors") || n.contains("agents"))
    }) {
        return Ok(Format::Petrarch);
    }
    Ok(Format::Atalaya)
}

/// True when a `.txt` file has an atalaya block header in its first lines.
fn has_atalaya_header(path: &Path) -> bool {
    use std::io::BufRead;
    if path.extension().and_then(|e| e.to_str()) != Some("txt") {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    std::io::BufReader::new(file)
        .lines()
        .take(200)
        .map_while(Result::ok)
        .any(|l| {
            [
                "@entity",
                "@verb",
                "@agent",
                "@synset",
                "@discards",
                "@issue",
                "@options",
            ]
            .iter()
            .any(|h| l.starts_with(h))
        })
}

fn load_one(dir: &Path, format: Format) -> anyhow::Result<(Dictionaries, Vec<Warning>)> {
    let loaded = match format {
        Format::Petrarch => atalaya_dict::petrarch::load_dir_petrarch(dir, None),
        Format::Tabari => atalaya_dict::tabari::load_dir_tabari(dir),
        Format::Atalaya => atalaya_dict::atalaya::load_dir_atalaya(dir),
    };
    loaded.with_context(|| format!("loading dictionaries from {}", dir.display()))
}

/// Loads the dictionaries the arguments name, reporting warnings on stderr.
pub fn load_dictionaries(args: &DictArgs) -> anyhow::Result<Dictionaries> {
    let mut warnings = Vec::new();
    let dicts = if args.dirs.is_empty() {
        let (d, w) = atalaya_dict::atalaya::default_dictionaries()
            .context("loading the built-in dictionaries")?;
        warnings.extend(w);
        d
    } else {
        let mut result: Option<Dictionaries> = None;
        for dir in &args.dirs {
            if !dir.is_dir() {
                bail!("{}: not a dictionary folder", dir.display());
            }
            let format = match args.format {
                Some(f) => f,
                None => detect(dir)?,
            };
            let (d, w) = load_one(dir, format)?;
            warnings.extend(w);
            result = Some(match result {
                None => d,
                Some(base) if format == Format::Atalaya => atalaya_dict::atalaya::layer(base, d),
                Some(base) => replace_by_kind(base, d),
            });
        }
        result.context("no dictionary folder given")?
    };
    let mut dicts = dicts;
    if let Some(path) = &args.code_ontology {
        let (entries, w) = atalaya_dict::petrarch::load_code_ontology(path)
            .with_context(|| format!("loading the code ontology {}", path.display()))?;
        warnings.extend(w);
        dicts.code_ontology = entries;
    }
    // An option of the run, kept with the dictionaries' options so that every command (and the
    // ingest's dictionary hash) sees it.
    if let Some(n) = args.new_actor_length {
        dicts.options.new_actor_length = n;
    }
    if !warnings.is_empty() {
        if args.dict_warnings {
            for w in &warnings {
                eprintln!("atalaya: dictionary warning: {w}");
            }
        } else {
            eprintln!(
                "atalaya: {} dictionary warnings (first: {}); --dict-warnings lists them",
                warnings.len(),
                warnings[0]
            );
        }
    }
    Ok(dicts)
}

pub fn load_engine(args: &DictArgs) -> anyhow::Result<Engine> {
    Ok(Engine::new(load_dictionaries(args)?))
}

/// PETRARCH/TABARI layering: each kind present in `overlay` replaces that kind in `base`.
fn replace_by_kind(mut base: Dictionaries, overlay: Dictionaries) -> Dictionaries {
    if !overlay.verbs.is_empty() {
        base.verbs = overlay.verbs;
        base.patterns = overlay.patterns;
        base.synsets = overlay.synsets;
        base.time_shifts = overlay.time_shifts;
        base.transformations = overlay.transformations;
    }
    if !overlay.code_ontology.is_empty() {
        base.code_ontology = overlay.code_ontology;
    }
    if !overlay.actors.is_empty() {
        base.actors = overlay.actors;
        base.nouns = overlay.nouns;
        base.adjectives = overlay.adjectives;
    }
    if !overlay.agents.is_empty() {
        base.agents = overlay.agents;
    }
    if !overlay.discards.is_empty() {
        base.discards = overlay.discards;
    }
    if !overlay.issues.is_empty() {
        base.issues = overlay.issues;
    }
    base
}

/// A TABARI `option_command` from a suite record, applied to coder options.
pub fn apply_option_command(opts: &mut CoderOptions, cmd: &str) -> Result<(), String> {
    atalaya_dict::tabari::apply_option_command(opts, cmd)
}
