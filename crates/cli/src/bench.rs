//! `atalaya bench code`: throughput of the coder, dictionary load time and peak memory.
//!
//! Generates news-like sentences from the loaded dictionaries themselves (actor names and verb
//! forms drawn with a fixed-seed generator, set in wire-news frames with datelines, asides,
//! attributions and compounds), codes them on one thread, and reports sentences per second per
//! core, load time and peak resident memory (Linux `VmHWM`). No timing is asserted anywhere: this
//! is a measurement, reported in the README with the machine it ran on.

use crate::dicts::{self, DictArgs};
use atalaya_engine::{Article, Engine};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Number of sentences to code.
    #[arg(long, default_value_t = 100_000)]
    pub sentences: usize,
    /// Sentences per article.
    #[arg(long, default_value_t = 20)]
    pub per_article: usize,
}

/// A small deterministic generator (xorshift64*): the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            v.get((self.next() % v.len() as u64) as usize)
        }
    }
}

fn title_case(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn corpus(engine: &Engine, n: usize) -> Vec<String> {
    let d = engine.dictionaries();
    let actors: Vec<String> = d
        .actors
        .iter()
        .filter_map(|a| a.phrases.first())
        .map(|p| title_case(&p.words.iter().map(|w| w.key.clone()).collect::<Vec<_>>()))
        .filter(|s| !s.is_empty())
        .collect();
    let verbs: Vec<String> = d
        .verbs
        .iter()
        .flat_map(|v| v.forms.iter())
        .map(|p| {
            p.words
                .iter()
                .map(|w| w.key.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| s.ends_with("ed"))
        .collect();
    let fallback_actors = ["Mexico".to_string(), "the United States".to_string()];
    let fallback_verbs = ["criticized".to_string(), "met".to_string()];
    let actors = if actors.is_empty() {
        &fallback_actors[..]
    } else {
        &actors[..]
    };
    let verbs = if verbs.is_empty() {
        &fallback_verbs[..]
    } else {
        &verbs[..]
    };
    let days = [
        "on Monday",
        "on Tuesday",
        "late on Wednesday",
        "on Thursday",
        "last week",
        "in early August",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let a = rng.pick(actors).cloned().unwrap_or_default();
        let b = rng.pick(actors).cloned().unwrap_or_default();
        let c = rng.pick(actors).cloned().unwrap_or_default();
        let v = rng.pick(verbs).cloned().unwrap_or_default();
        let day = rng.pick(&days).copied().unwrap_or("on Monday");
        let s = match i % 5 {
            0 => format!("{a} {v} {b} {day}, officials said."),
            1 => format!("{a} and {c} {v} {b} {day} in a move that analysts said could raise tensions in the region."),
            2 => format!("The foreign minister of {a}, speaking to reporters in the capital, {v} {b} over the border dispute."),
            3 => format!("{b} was {v} by {a} {day}, according to a statement released by the government."),
            _ => format!("Officials in {a} said they had {v} {b} after talks with {c} broke down {day}."),
        };
        out.push(s);
    }
    out
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let dictionaries = dicts::load_dictionaries(&args.dicts)?;
    let load = t0.elapsed();
    let t1 = Instant::now();
    let engine = Engine::new(dictionaries);
    let compile = t1.elapsed();
    let rss_after_load = peak_rss_mb();
    let sentences = corpus(&engine, args.sentences);
    let bytes: usize = sentences.iter().map(|s| s.len() + 1).sum();
    let per = args.per_article.max(1);
    let articles: Vec<Article> = sentences
        .chunks(per)
        .enumerate()
        .map(|(i, chunk)| Article {
            id: format!("bench-{i}"),
            text: chunk.join(" "),
            ..Article::default()
        })
        .collect();
    let t2 = Instant::now();
    let mut events = 0usize;
    let mut coded_sentences = 0usize;
    for a in &articles {
        let coded = engine.code_article(a);
        events += coded.events.len();
        coded_sentences += coded.sentences;
    }
    let secs = t2.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "dictionaries: {} actors, {} agents, {} verbs, {} patterns",
        engine.dictionaries().actors.len(),
        engine.dictionaries().agents.len(),
        engine.dictionaries().verbs.len(),
        engine.dictionaries().patterns.len()
    )?;
    writeln!(
        out,
        "load: {:.3} s (parse) + {:.3} s (compile) = {:.3} s",
        load.as_secs_f64(),
        compile.as_secs_f64(),
        (load + compile).as_secs_f64()
    )?;
    writeln!(
        out,
        "coded {} sentences ({} split by the sentence splitter, {:.1} MB) in {:.3} s on one thread: {:.0} sentences/s per core, {:.2} MB/s, {} events",
        sentences.len(),
        coded_sentences,
        bytes as f64 / 1e6,
        secs,
        coded_sentences as f64 / secs.max(1e-9),
        bytes as f64 / 1e6 / secs.max(1e-9),
        events
    )?;
    if let (Some(before), Some(peak)) = (rss_after_load, peak_rss_mb()) {
        writeln!(
            out,
            "peak memory: {peak:.1} MB resident (after loading dictionaries: {before:.1} MB)"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
