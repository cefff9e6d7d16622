//! TABARI dictionary loader (being written).
