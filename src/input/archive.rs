//! PLACEHOLDER: archive reading.
use super::{Input, Limits, Source};

pub fn read_archive() {}

pub fn load(source: Source, _limits: &Limits) -> Input {
    match source {
        Source::Folder { name, files } => Input { path: name, files, ..Default::default() },
        Source::Archive { name, .. } => Input { path: name, unreadable: true, ..Default::default() },
    }
}
