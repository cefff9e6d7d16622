//! Text analysis (placeholder: being written).

/// Folds a word or phrase to its match key: Unicode NFKC, accents removed, lowercase.
/// Placeholder implementation; the real one lives in this crate once written.
pub fn fold_key(s: &str) -> String {
    s.to_lowercase()
}
