//! Atalaya's dictionaries: one in-memory model ([`model::Dictionaries`]) and loaders that fill it
//! from PETRARCH-2 files (2.0 and PETRARCH-1 pattern syntax), TABARI files, and atalaya's own
//! format. Errors name the file and line.

pub mod atalaya;
pub mod check;
pub mod model;
pub mod petrarch;
pub mod tabari;

pub use model::*;

use std::path::PathBuf;

/// A dictionary could not be read. Every variant names the file, and the line where there is one.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Syntax {
        path: PathBuf,
        line: u32,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// A problem that did not stop loading (a skipped line, an unknown option): reported by
/// `atalaya dict check` and on stderr by the CLI.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Warning {
    pub origin: Origin,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}
