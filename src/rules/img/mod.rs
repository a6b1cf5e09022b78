//! IMG — images (§1.1.6.11).

pub mod img_001;
