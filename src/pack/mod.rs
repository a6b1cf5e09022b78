//! Writing an input back as an archive: the page's "Download" of an edited input.
//!
//! [`top_level`] picks the files to write (a subchart archive that was opened is written as its
//! own bytes, or rebuilt when a file inside it was edited); [`write()`] makes a tgz, tar or zip of
//! them. One module per job: `top_level`, `tar`, `gzip`, `zip`, `error`. The output is
//! deterministic: the same files give the same bytes (fixed times, the caller's order).

mod error;
mod gzip;
mod tar;
mod top_level;
mod zip;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use crate::input::{is_normalized, sniff, File, Format};

pub use error::PackError;
pub use top_level::top_level;

/// The kind of archive an input came in, and is written back as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// gzip over tar, as `helm package` writes (`.tgz`, `.tar.gz`).
    Tgz,
    Tar,
    Zip,
}

impl Layout {
    /// The layout of an archive, from its first bytes as the reader tells them (not its name);
    /// `None` when it is no archive the reader takes.
    pub fn of(data: &[u8]) -> Option<Layout> {
        match sniff(data) {
            Format::Gzip => Some(Layout::Tgz),
            Format::Tar => Some(Layout::Tar),
            Format::Zip => Some(Layout::Zip),
            Format::Empty | Format::Unknown => None,
        }
    }
}

/// Every entry's time: 2024-01-01T00:00:00Z. Fixed so that output is deterministic; not 0,
/// which unpacks as 1970 and makes GNU tar warn of an "implausibly old time stamp".
const MTIME: u64 = 1_704_067_200;

/// Write `files` (already top-level: see [`top_level`]) as one archive, in their order.
///
/// Only regular files are written, no folder entries (as `helm package` does). Every path must
/// be one the reader would keep as it is (relative, `/`-separated, no empty, `.` or `..` part),
/// else [`PackError::BadPath`]: what is written reads back as the same files.
pub fn write(files: &[File], layout: Layout) -> Result<Vec<u8>, PackError> {
    if let Some(f) = files
        .iter()
        .find(|f| !is_normalized(&f.path) || f.path.contains('\0'))
    {
        return Err(PackError::BadPath {
            path: f.path.clone(),
        });
    }
    match layout {
        Layout::Tar => tar::write(files),
        Layout::Tgz => Ok(gzip::compress(&tar::write(files)?)),
        Layout::Zip => zip::write(files),
    }
}

/// The Unix mode of an entry: executable for a script (`#!`), as a checkout would have it.
fn mode(data: &[u8]) -> u32 {
    if data.starts_with(b"#!") {
        0o755
    } else {
        0o644
    }
}
