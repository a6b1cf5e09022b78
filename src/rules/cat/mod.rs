//! CAT rules.
pub mod cat_001;
