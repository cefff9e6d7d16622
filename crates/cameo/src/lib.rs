//! The CAMEO event ontology (placeholder: being written).
