//! A zip archive written by hand, as the reader (`input::zip_directory`) reads by hand: local
//! headers and data, the central directory, the end record. Each entry is DEFLATE-compressed, or
//! stored when that is not smaller; names are flagged UTF-8. No zip64: an archive past its
//! limits (4 GiB, 65,534 entries, 64 KiB a name) is refused, which no input the reader takes
//! reaches (`Limits`: 5 MiB a file, 100 MiB, 10,000 entries, 1 KiB a path).

use super::{mode, PackError, MTIME};
use crate::input::{crc32, File};
use crate::text;

/// General-purpose flag bit 11: names and comments are UTF-8.
const UTF8: u16 = 1 << 11;
/// Made by Unix (3), spec 2.0: readers take the Unix mode from the external attributes.
const MADE_BY: u16 = (3 << 8) | 20;
/// Version needed to extract: 2.0, for DEFLATE.
const NEEDED: u16 = 20;

/// [`MTIME`] as an MS-DOS date (years since 1980, month, day) and time (00:00:00).
const DOS_DATE: u16 = (((2024 - 1980) << 9) | (1 << 5) | 1) as u16;
const DOS_TIME: u16 = 0;
const _: () = assert!(MTIME == 1_704_067_200, "DOS_DATE is 2024-01-01");

pub(super) fn write(files: &[File]) -> Result<Vec<u8>, PackError> {
    if files.len() >= 0xFFFF {
        let n = files.len();
        return Err(too_large(text!("{n} files", "{n} 个文件")));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for f in files {
        let name = f.path.as_bytes();
        let name_len = u16::try_from(name.len()).map_err(|_| {
            let n = name.len();
            too_large(text!("a path of {n} bytes", "长度为 {n} 字节的路径"))
        })?;
        let deflated = miniz_oxide::deflate::compress_to_vec(&f.data, 6);
        let (method, body) = if deflated.len() < f.data.len() {
            (8u16, deflated.as_slice())
        } else {
            (0, f.data.as_slice())
        };
        let offset = fits(out.len())?;
        // The fields that the local header and the central record share, in the same order.
        let mut common = Vec::with_capacity(26);
        common.extend(NEEDED.to_le_bytes());
        common.extend(UTF8.to_le_bytes());
        common.extend(method.to_le_bytes());
        common.extend(DOS_TIME.to_le_bytes());
        common.extend(DOS_DATE.to_le_bytes());
        common.extend(crc32(0, &f.data).to_le_bytes());
        common.extend(fits(body.len())?.to_le_bytes());
        common.extend(fits(f.data.len())?.to_le_bytes());
        common.extend(name_len.to_le_bytes());
        common.extend(0u16.to_le_bytes()); // extra field length

        out.extend(b"PK\x03\x04");
        out.extend(&common);
        out.extend(name);
        out.extend(body);

        central.extend(b"PK\x01\x02");
        central.extend(MADE_BY.to_le_bytes());
        central.extend(&common);
        central.extend(0u16.to_le_bytes()); // comment length
        central.extend(0u16.to_le_bytes()); // disk number
        central.extend(0u16.to_le_bytes()); // internal attributes
        central.extend(((0o100_000 | mode(&f.data)) << 16).to_le_bytes()); // a regular file
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let start = fits(out.len())?;
    let size = fits(central.len())?;
    out.extend(central);
    let count = (files.len() as u16).to_le_bytes();
    out.extend(b"PK\x05\x06");
    out.extend([0, 0, 0, 0]); // this disk, the directory's disk
    out.extend(count);
    out.extend(count);
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment length
    Ok(out)
}

/// `n` as a zip field of 32 bits; 0xFFFFFFFF is left out, as it means "see zip64".
fn fits(n: usize) -> Result<u32, PackError> {
    match u32::try_from(n) {
        Ok(v) if v != u32::MAX => Ok(v),
        _ => {
            let mib = n >> 20;
            Err(too_large(text!("{mib} MiB", "{mib} MiB")))
        }
    }
}

fn too_large(what: crate::diagnostic::Text) -> PackError {
    PackError::ZipTooLarge { what }
}
