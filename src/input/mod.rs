//! Reading what a user gives us — an archive or a folder — into a flat list of files.
//!
//! Everything here treats its input as hostile: sizes, counts, path lengths are limited, unsafe
//! entries are skipped, and every skip or cut is a [`Problem`] (reported as `INPUT-001` by
//! `rules::input::input_001`), never a panic. This layer knows nothing of rules.
//!
//! The modules, one job each: `read` runs one pass (archive or folder, then subcharts,
//! then sorting and text checks); `edit` takes a user's change to a file; `archive` finds an archive's format, `tar` and `zip` (with
//! `zip_directory`) read the formats, `folder` takes a folder's files, `subcharts` opens
//! `charts/*.tgz`; `budget` counts decompressed bytes, `limits` and `paths` hold the limits and
//! path rules, `text` checks text files. `fs` (native only) reads a path on disk.

mod archive;
mod budget;
mod edit;
mod folder;
mod gzip;
mod helm_layout;
// Not in the page's wasm; in a wasm build of the unit tests it compiles (and fails at run time,
// as every test that reads a fixture from disk does there).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub mod fs;
mod limits;
mod paths;
mod read;
mod subcharts;
mod tar;
mod text;
mod zip;
mod zip_directory;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use crate::diagnostic::{Range, Severity, Text};

pub use edit::{edit, editable, EditError};
pub use limits::Limits;
// For the archive writers (`crate::pack`): the same CRC-32, path rule and format sniffing.
pub(crate) use archive::{sniff, Format};
pub(crate) use gzip::crc32;
pub(crate) use paths::is_normalized;

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
    /// What kept it from being read completely, in the order met.
    pub problems: Vec<Problem>,
    /// True when nothing at all could be read (the CLI exits 2).
    pub unreadable: bool,
    /// Read from an archive (a packaged chart), not a folder: Helm leaves nothing out of it
    /// (`.helmignore` applies to folders).
    pub packaged: bool,
    /// Files the user changed since it was read (the page's editor), in the order first changed.
    pub edited: Vec<String>,
}

/// Read a source into files. Archives inside a chart's `charts/` folder are opened too; their
/// files appear under `<archive path>/<entry path>` (e.g. `app/charts/common-1.0.0.tgz/common/Chart.yaml`).
pub fn load(source: Source, limits: &Limits) -> Input {
    read::load(source, limits)
}

/// Something that kept an input from being read completely: a skipped entry, a cut, a broken
/// stream, a text file that is not clean UTF-8. `file` is `None` for the input as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: Option<String>,
    pub range: Option<Range>,
    pub severity: Severity,
    pub message: Text,
    pub help: Option<Text>,
}

impl Problem {
    pub fn new(file: Option<&str>, severity: Severity, message: Text) -> Problem {
        Problem {
            file: file.map(str::to_string),
            range: None,
            severity,
            message,
            help: None,
        }
    }
}
