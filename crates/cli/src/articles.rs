//! What `code` and `ingest` share, so that one article is read, coded, warned about and
//! counted the same way by both: the reading flags, the coding step (language, sentence limit,
//! a coder failure kept to its article) and the exit status.

use crate::dicts::DictArgs;
use atalaya_engine::{Article, ArticleOutput, Engine, RunOptions};
use atalaya_sources::{Format, Limits, ReadOptions};
use clap::Args;
use std::process::ExitCode;

/// Flags of the commands that read articles.
#[derive(Args, Clone, Debug, Default)]
pub struct ReadArgs {
    /// Read every input as plain text (title and `Date:`/`Source:` header lines, then the
    /// body), whatever its extension or first bytes.
    #[arg(long)]
    pub plain: bool,
    /// Publication date for articles that give none (plain text without a `Date:` line, JSON
    /// lines without `published`): 2025-03-04, 2025-03-04T10:00:00Z, "March 4, 2025", …
    /// Relative dates in the text ("on Tuesday") are resolved against it.
    #[arg(long, value_name = "DATE", value_parser = publication_date)]
    pub published: Option<String>,
    /// Outlet for articles that name none.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Language of every article (ISO 639-1, e.g. `en`) instead of the declared or detected
    /// one. Only English is coded: `--lang en` codes articles that detection took for another
    /// language.
    #[arg(long, value_name = "CODE", value_parser = language_code)]
    pub lang: Option<String>,
}

impl ReadArgs {
    pub fn options(&self, limits: Limits) -> ReadOptions {
        ReadOptions {
            limits,
            format: self.plain.then_some(Format::Text),
            published: self.published.clone(),
            outlet: self
                .outlet
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_string),
            lang: self.lang.clone(),
        }
    }
}

fn publication_date(value: &str) -> Result<String, String> {
    atalaya_sources::normalize_date(value).ok_or_else(|| {
        format!(
            "`{value}` is not a date atalaya reads (e.g. 2025-03-04, 2025-03-04T10:00:00Z, \
             March 4, 2025)"
        )
    })
}

fn language_code(value: &str) -> Result<String, String> {
    let code = value.trim().to_ascii_lowercase();
    if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(format!(
            "`{value}` is not a language code (two letters, ISO 639-1: en, es, fr)"
        ))
    }
}

/// The language the coder reads.
const CODED_LANGUAGE: &str = "en";

/// What coding one article gave.
pub enum Coded {
    Events(ArticleOutput),
    /// Not coded: its language is not English. The message says so and how to code it anyway.
    OtherLanguage {
        reason: String,
    },
    /// The coder failed on this article (a bug): the rest of the batch goes on.
    Failed,
}

/// The engine with the run options every reading command uses.
pub struct Coder<'a> {
    engine: &'a Engine,
    options: RunOptions,
}

impl<'a> Coder<'a> {
    pub fn new(engine: &'a Engine, dicts: &DictArgs, limits: &Limits) -> Self {
        let mut options = engine.default_options();
        options.max_sentence_bytes = limits.max_sentence_bytes;
        options.keep_coded_compounds = dicts.keep_coded_compounds;
        Coder { engine, options }
    }

    pub fn code(&self, article: &Article) -> Coded {
        if let Some(lang) = article
            .lang
            .as_deref()
            .filter(|lang| *lang != CODED_LANGUAGE)
        {
            return Coded::OtherLanguage {
                reason: format!(
                    "language `{lang}`: not coded (the coder reads English; --lang en codes it as \
                     English)"
                ),
            };
        }
        // A coder bug on one article must not take the batch down with it.
        let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.engine.code_article_with(article, &self.options)
        }));
        match coded {
            Ok(output) => Coded::Events(output),
            Err(_) => Coded::Failed,
        }
    }
}

/// The exit status of a command that reads inputs, as the README gives it: 0 when nothing was
/// bad, 1 when some records were bad (each reported) but others were read, 2 when records
/// were bad and none could be read.
pub fn exit_status(read: u64, bad: u64) -> ExitCode {
    if bad == 0 {
        ExitCode::SUCCESS
    } else if read == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
