//! Helm's own template functions, added to Sprig's (being written, issue 9).

pub mod json;
pub mod yaml;
