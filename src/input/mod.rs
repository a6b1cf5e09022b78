//! Reading what a user gives us — an archive or a folder — into a flat list of files.
//!
//! Everything here treats its input as hostile: sizes, counts, path lengths are limited, unsafe
//! entries are skipped, and every skip or cut is an `INPUT-001` diagnostic, never a panic.

mod archive;

use crate::diagnostic::Diagnostic;

/// Limits on one input (defaults are at least Helm's own: 5 MiB per file, 100 MiB per chart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_total_bytes: u64,
    pub max_entries: usize,
    pub max_path_len: usize,
    /// How deep `charts/*.tgz` subcharts are opened.
    pub max_archive_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 5 * 1024 * 1024,
            max_total_bytes: 100 * 1024 * 1024,
            max_entries: 10_000,
            max_path_len: 1024,
            max_archive_depth: 3,
        }
    }
}

/// One file of an input. `path` uses `/`, is relative, and has no `.`/`..` parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub data: Vec<u8>,
}

/// What the user gave: one archive (bytes and its name) or one folder (its files).
#[derive(Debug, Clone)]
pub enum Source {
    Archive { name: String, data: Vec<u8> },
    Folder { name: String, files: Vec<File> },
}

impl Source {
    pub fn name(&self) -> &str {
        match self {
            Source::Archive { name, .. } | Source::Folder { name, .. } => name,
        }
    }
}

/// An input read into files, with what went wrong while reading it.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub path: String,
    pub files: Vec<File>,
    pub diagnostics: Vec<Diagnostic>,
    /// True when nothing at all could be read (the CLI exits 2).
    pub unreadable: bool,
}

/// Read a source into files. Archives inside a chart's `charts/` folder are opened too; their
/// files appear under `<archive path>/<entry path>` (e.g. `app/charts/common-1.0.0.tgz/common/Chart.yaml`).
pub fn load(source: Source, limits: &Limits) -> Input {
    archive::load(source, limits)
}
