//! "Copy link": an input's files in the page URL's fragment, compressed and versioned, and back.
//!
//! The fragment (without `#`) is `ecplint=<format>.<version>.<data>`:
//! - `<format>` is [`FORMAT`] in decimal; `<version>` is the version of the ecplint that made the
//!   link, in clear so that a page that reads another format can say which ecplint opens it
//!   (semver's characters `[0-9A-Za-z.+-]`, others written as `_`). Every later format keeps
//!   this `ecplint=<format>.<version>.` start and no `.` after it.
//! - `<data>` is base64url without padding of the raw DEFLATE of the payload, in which lengths
//!   and counts are unsigned LEB128 varints:
//!
//! ```text
//! payload = FORMAT (one byte)  varint number of inputs  input*
//! input   = kind (one byte: 0 folder, 1 tgz, 2 tar, 3 zip)
//!           varint length  name (UTF-8)
//!           varint number of files  file*
//! file    = varint length  path (UTF-8)  varint length  bytes
//! ```
//! Nothing follows the last input (bytes after the end of the DEFLATE stream are not looked at:
//! the inflater stops there).
//!
//! What to put in a link: a folder's files, or an archive's top-level files
//! ([`crate::pack::top_level`]), so that [`SharedInput::into_source`] writes the archive again.
//!
//! [`decode`] takes its fragment for hostile: its length, the inflated size and the number of
//! files are capped, every length is checked against what remains, and nothing panics.
//! [`encode`] refuses what `decode` would.

mod error;
mod payload;

#[cfg(test)]
mod tests;

use crate::input::{File, Limits, Source};
use crate::pack::{self, Layout, PackError};
use crate::text;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

pub use error::ShareError;

/// The link format this ecplint writes and reads.
pub const FORMAT: u8 = 1;
/// The fragment's length cap when encoding: links of this size pass browsers, chat tools and
/// mail clients.
pub const MAX_LINK_CHARS: usize = 64_000;
/// The longest fragment `decode` looks at: far over what `encode` writes.
pub const MAX_FRAGMENT_CHARS: usize = 1_000_000;
/// The largest payload, inflated (a chart's text is some hundred KB).
pub const MAX_PAYLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The longest version shown (it comes from the link, so it is cut).
const MAX_VERSION_CHARS: usize = 64;
const PREFIX: &str = "ecplint=";

/// The most files and inputs a link holds together (each input counts as one, as its folder
/// would in an archive): the reader's entry limit.
pub fn max_entries() -> usize {
    Limits::default().max_entries
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedKind {
    Folder,
    Archive(Layout),
}

impl SharedKind {
    /// Its name in the JS API: `folder`, `tgz`, `tar` or `zip`.
    pub fn as_str(self) -> &'static str {
        match self {
            SharedKind::Folder => "folder",
            SharedKind::Archive(Layout::Tgz) => "tgz",
            SharedKind::Archive(Layout::Tar) => "tar",
            SharedKind::Archive(Layout::Zip) => "zip",
        }
    }

    pub fn parse(name: &str) -> Option<SharedKind> {
        Some(match name {
            "folder" => SharedKind::Folder,
            "tgz" => SharedKind::Archive(Layout::Tgz),
            "tar" => SharedKind::Archive(Layout::Tar),
            "zip" => SharedKind::Archive(Layout::Zip),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedInput {
    pub name: String,
    pub kind: SharedKind,
    pub files: Vec<File>,
}

impl SharedInput {
    /// An input as the user has it now, to download or share: its top-level files
    /// ([`pack::top_level`]: a subchart archive with an edited file inside is rebuilt).
    pub fn of(
        name: &str,
        kind: SharedKind,
        files: &[File],
        edited: &[String],
    ) -> Result<SharedInput, PackError> {
        Ok(SharedInput {
            name: name.to_string(),
            kind,
            files: pack::top_level(files, edited)?,
        })
    }

    /// "Download": the file name and bytes of the input as an archive in its own layout (a
    /// folder `name` as `name.tgz`, its paths as given).
    pub fn archive(&self) -> Result<(String, Vec<u8>), PackError> {
        Ok(match self.kind {
            SharedKind::Folder => (
                format!("{}.tgz", self.name),
                pack::write(&self.files, Layout::Tgz)?,
            ),
            SharedKind::Archive(layout) => (self.name.clone(), pack::write(&self.files, layout)?),
        })
    }

    /// The input to read again: the folder's files, or the archive written again in its layout.
    pub fn into_source(self) -> Result<Source, PackError> {
        Ok(match self.kind {
            SharedKind::Folder => Source::Folder {
                name: self.name,
                files: self.files,
            },
            SharedKind::Archive(layout) => Source::Archive {
                data: pack::write(&self.files, layout)?,
                name: self.name,
            },
        })
    }
}

/// What a link held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The version of the ecplint that made the link.
    pub made_by: String,
    pub inputs: Vec<SharedInput>,
}

/// The fragment (without `#`) that holds `inputs`, made by ecplint `tool_version`.
pub fn encode(inputs: &[SharedInput], tool_version: &str) -> Result<String, ShareError> {
    let entries = inputs.len() + inputs.iter().map(|i| i.files.len()).sum::<usize>();
    if entries > max_entries() {
        return Err(ShareError::TooManyFiles {
            files: entries,
            limit: max_entries(),
        });
    }
    let payload = payload::write(inputs);
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(ShareError::TooMuchData {
            bytes: payload.len(),
            limit: MAX_PAYLOAD_BYTES,
        });
    }
    let data = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&payload, 9));
    let fragment = format!("{PREFIX}{FORMAT}.{}.{data}", clean_version(tool_version));
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLarge {
            chars: fragment.len(),
            limit: MAX_LINK_CHARS,
        });
    }
    Ok(fragment)
}

/// What the fragment (with or without `#`) holds.
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = fragment.strip_prefix(PREFIX).ok_or(ShareError::NotALink)?;
    let (format, rest) = rest.split_once('.').unwrap_or((rest, ""));
    let (made_by, data) = rest.rsplit_once('.').unwrap_or((rest, ""));
    let made_by = clean_version(made_by);
    if format.is_empty() || format.len() > 9 || !format.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error::malformed(text!(
            "it has no format number after `ecplint=`",
            "`ecplint=` 之后没有格式编号"
        )));
    }
    if format != FORMAT.to_string() {
        return Err(ShareError::OtherFormat {
            format: format.to_string(),
            made_by,
        });
    }
    if fragment.len() > MAX_FRAGMENT_CHARS {
        let (n, limit) = (fragment.len(), MAX_FRAGMENT_CHARS);
        return Err(error::malformed(text!(
            "it is {n} characters long, over the {limit} that ecplint reads",
            "其长度为 {n} 个字符，超过 ecplint 读取的上限 {limit}"
        )));
    }
    let deflated = URL_SAFE_NO_PAD.decode(data).map_err(|_| {
        error::malformed(text!(
            "its data is not valid base64url",
            "其数据不是有效的 base64url 编码"
        ))
    })?;
    let payload = decompress_to_vec_with_limit(&deflated, MAX_PAYLOAD_BYTES).map_err(|e| {
        if e.status == TINFLStatus::HasMoreOutput {
            let limit = MAX_PAYLOAD_BYTES >> 20;
            error::malformed(text!(
                "its data inflates to more than {limit} MiB",
                "其数据解压后超过 {limit} MiB"
            ))
        } else {
            error::malformed(text!(
                "its compressed data is corrupt or cut",
                "其压缩数据已损坏或不完整"
            ))
        }
    })?;
    Ok(Shared {
        made_by,
        inputs: payload::read(&payload, max_entries())?,
    })
}

/// A version as a link carries it: semver's characters, others as `_`, cut to a readable length.
fn clean_version(version: &str) -> String {
    version
        .chars()
        .take(MAX_VERSION_CHARS)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
