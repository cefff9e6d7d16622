//! Atalaya's own dictionary format: a line-oriented text format (specified in
//! `docs/dictionary-format.md`), its loader, the default dictionaries embedded in the binary, and
//! layering of a user's folder over the defaults.
//!
//! A dictionary folder holds `*.txt` files (any depth, read in sorted path order). Each file is a
//! sequence of *blocks*: a header line `@kind ...` at column 0 followed by property lines
//! `key value` (usually indented). Kinds: `@entity` (named actor with a stable id, names and
//! date-bounded codes), `@agent` (sector noun), `@verb` (forms, default code, patterns),
//! `@synset`, `@discards`, `@issue` and `@options`. `#` after whitespace starts a comment.
//!
//! Loading is one pass over the lines ([`loader::Loader`]) that writes straight into a
//! [`Dictionaries`]; only verb patterns wait for the end, because they may name synsets defined in
//! a later file. Every entry keeps its file and line, and every error names them.
//!
//! Layering ([`layer`]) merges an overlay (a user's folder) into a base (the defaults): entries
//! with the same entity id, verb lemma, synset name or agent name replace the base ones, and an
//! entity or verb block holding only `disable` removes the base entry.

mod embedded;
mod layer;
mod loader;

pub use layer::{is_disable_marker, layer};
pub(crate) use loader::ranges_overlap;

use crate::{DictError, Dictionaries, Warning};
use std::path::{Path, PathBuf};

/// Extension of the files a dictionary folder is made of.
pub const FILE_EXTENSION: &str = "txt";

/// Loads every `*.txt` file under `dir` (recursively, hidden entries skipped, sorted by path)
/// as one dictionary set.
pub fn load_dir_atalaya(dir: &Path) -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(DictError::Invalid {
            path: dir.to_path_buf(),
            message: format!("no *.{FILE_EXTENSION} dictionary files in this folder"),
        });
    }
    let mut loader = loader::Loader::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| DictError::Io {
            path: path.clone(),
            source,
        })?;
        loader.add_file(&path.display().to_string(), &text)?;
    }
    loader.finish()
}

/// Loads dictionary files given as `(label, contents)` pairs, in the order given. The label is
/// what errors and origins show as the file name.
pub fn load_texts_atalaya(
    files: &[(&str, &str)],
) -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let mut loader = loader::Loader::new();
    for (label, text) in files {
        loader.add_file(label, text)?;
    }
    loader.finish()
}

/// The default dictionaries shipped in the binary (the repository's `dictionaries/` folder,
/// embedded at compile time). Origins read `dictionaries/<path>`.
pub fn default_dictionaries() -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let labelled: Vec<(String, &str)> = embedded::DEFAULT_FILES
        .iter()
        .map(|(path, text)| (format!("dictionaries/{path}"), *text))
        .collect();
    let files: Vec<(&str, &str)> = labelled.iter().map(|(l, t)| (l.as_str(), *t)).collect();
    load_texts_atalaya(&files)
}

/// Paths (relative to `dictionaries/`) of the embedded default files.
pub fn default_file_paths() -> impl Iterator<Item = &'static str> {
    embedded::DEFAULT_FILES.iter().map(|(path, _)| *path)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), DictError> {
    let io_err = |source| DictError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let file_type = entry.file_type().map_err(|source| DictError::Io {
            path: path.clone(),
            source,
        })?;
        if file_type.is_dir() {
            collect_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == FILE_EXTENSION) {
            out.push(path);
        }
    }
    Ok(())
}
