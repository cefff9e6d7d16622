//! Event-date resolution (placeholder: being written).
