//! Atalaya's event engine: raw news text in, sourced CAMEO events out.
//!
//! Pure: no async runtime, no database, no network. The CLI, the server and future bindings all
//! call this crate. Modules follow the pipeline: [`record`] (the article and event contract),
//! [`coder`] (sentences → events), [`eval`] (scoring against validation suites), [`news_eval`] (scoring on annotated real news).

pub mod coder;
pub mod context;
pub mod eval;
pub mod news_eval;
pub mod record;

pub use coder::{ArticleOutput, CodeWarning, Engine, RunOptions};
pub use record::*;
