//! PETRARCH-2 dictionary loader (being written).
