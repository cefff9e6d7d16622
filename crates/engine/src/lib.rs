//! Atalaya's event engine: raw news text in, sourced CAMEO events out.
//!
//! Pure: no async runtime, no database, no network. The CLI, the server and future bindings all
//! call this crate.

pub mod record;

pub use record::*;
pub mod coder;

pub use coder::{ArticleOutput, CodeWarning, Engine};
