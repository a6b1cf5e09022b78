//! A gzip stream of one member (RFC 1952): our header and trailer around miniz_oxide's raw
//! DEFLATE, and the reader's CRC-32 (flate2's would add 16 KB of tables to the page).

use crate::input::crc32;

/// gzip `data` at level 6 (gzip's and Go's default).
pub(super) fn compress(data: &[u8]) -> Vec<u8> {
    // Magic, method 8 (deflate), no flags, mtime 0 ("none": the same bytes for the same data),
    // no extra flags, OS 255 ("unknown", as Go's writer, which `helm package` uses, says).
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.extend(miniz_oxide::deflate::compress_to_vec(data, 6));
    out.extend(crc32(0, data).to_le_bytes());
    // The size modulo 2^32, as RFC 1952 has it.
    out.extend((data.len() as u32).to_le_bytes());
    out
}
