//! A gzip stream of one or more members, read the way Helm's (Go's) reader and `gzip -d` read
//! it: member after member while the next one starts with the gzip magic bytes. Whatever
//! follows the last member (tar writers and tape tools pad with zeros; some tools append junk)
//! is kept for a look instead of being taken for a broken member.
//!
//! Our own gzip framing (RFC 1952) over miniz_oxide's inflater, rather than flate2. The CRC-32:
//! natively crc32fast (carry-less multiply, ~10× a table's speed: with tables the checksum took
//! a third of an archive's reading time); in the page our own tables, computed when first used,
//! since crc32fast's 16 KB of tables would be 16 KB of the page's gzipped download (random bytes
//! do not compress).

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use std::io::{self, Read};

/// The CRC-32 (IEEE, as gzip and zip use it) of `data` continued from `crc` (0 to start).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn crc32(crc: u32, data: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new_with_initial(crc);
    hasher.update(data);
    hasher.finalize()
}

#[cfg(target_arch = "wasm32")]
pub(crate) use crc32_by_tables as crc32;

/// [`crc32`] eight bytes a step over eight tables ("slicing by 8"), computed on first use rather
/// than shipped: 8 KB of memory, nothing in the page's download, several times the speed of a
/// byte-wise table on the archives' megabytes.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) fn crc32_by_tables(crc: u32, data: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = [[0u32; 256]; 8];
        for (n, entry) in t[0].iter_mut().enumerate() {
            *entry = (0..8).fold(n as u32, |c, _| {
                if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            });
        }
        for n in 0..256 {
            for k in 1..8 {
                let previous = t[k - 1][n];
                t[k][n] = t[0][(previous & 0xFF) as usize] ^ (previous >> 8);
            }
        }
        t
    });
    let mut c = !crc;
    let mut chunks = data.chunks_exact(8);
    for b in &mut chunks {
        let low = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        c = t[7][(low & 0xFF) as usize]
            ^ t[6][((low >> 8) & 0xFF) as usize]
            ^ t[5][((low >> 16) & 0xFF) as usize]
            ^ t[4][(low >> 24) as usize]
            ^ t[3][b[4] as usize]
            ^ t[2][b[5] as usize]
            ^ t[1][b[6] as usize]
            ^ t[0][b[7] as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][usize::from(c as u8 ^ b)] ^ (c >> 8);
    }
    !c
}

fn corrupt(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// A raw DEFLATE stream (a zip entry's data, a gzip member's body) as a reader.
pub(super) struct Inflate<'a> {
    input: &'a [u8],
    state: Box<InflateState>,
    ended: bool,
}

impl<'a> Inflate<'a> {
    pub(super) fn new(input: &'a [u8]) -> Inflate<'a> {
        Inflate {
            input,
            state: InflateState::new_boxed(DataFormat::Raw),
            ended: false,
        }
    }

    /// The input after the end of the stream (all of it before the end).
    fn rest(&self) -> &'a [u8] {
        self.input
    }
}

impl Read for Inflate<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        loop {
            let r = inflate(&mut self.state, self.input, buf, MZFlush::None);
            self.input = &self.input[r.bytes_consumed..];
            match r.status {
                Ok(MZStatus::StreamEnd) => {
                    self.ended = true;
                    return Ok(r.bytes_written);
                }
                Ok(_) | Err(MZError::Buf) if r.bytes_written > 0 => return Ok(r.bytes_written),
                // No output yet: go on while input is taken, else the input ended early.
                Ok(_) | Err(MZError::Buf) if r.bytes_consumed > 0 => {}
                Ok(_) | Err(MZError::Buf) => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the compressed data ends early",
                    ))
                }
                Err(_) => return Err(corrupt("corrupt deflate stream")),
            }
        }
    }
}

/// The length of a gzip member's header at the start of `data` (RFC 1952: magic, method 8,
/// flags, mtime, extra flags, OS, then the optional extra field, name, comment and header CRC).
fn header_len(data: &[u8]) -> io::Result<usize> {
    let eof = || io::Error::new(io::ErrorKind::UnexpectedEof, "the gzip header ends early");
    if data.len() < 10 {
        return Err(eof());
    }
    if data[..3] != [0x1f, 0x8b, 8] || data[3] & 0xE0 != 0 {
        return Err(corrupt("invalid gzip header"));
    }
    let flags = data[3];
    let mut at = 10;
    if flags & 4 != 0 {
        let len = data.get(at..at + 2).ok_or_else(eof)?;
        at += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [8, 16] {
        if flags & flag != 0 {
            let field = data.get(at..).ok_or_else(eof)?;
            at += field.iter().position(|&b| b == 0).ok_or_else(eof)? + 1;
        }
    }
    if flags & 2 != 0 {
        let stored = data.get(at..at + 2).ok_or_else(eof)?;
        if u16::from_le_bytes([stored[0], stored[1]]) != crc32(0, &data[..at]) as u16 {
            return Err(corrupt("the gzip header's checksum does not match"));
        }
        at += 2;
    }
    if at > data.len() {
        return Err(eof());
    }
    Ok(at)
}

pub(super) struct Members<'a> {
    /// The unread input while between members (the next member's header is read first).
    next: Option<&'a [u8]>,
    /// The member being read, its CRC-32 and size so far.
    member: Option<(Inflate<'a>, u32, u32)>,
    /// What follows the last member, once the stream has been read to its end.
    trailing: Option<&'a [u8]>,
}

impl<'a> Members<'a> {
    pub(super) fn new(data: &'a [u8]) -> Members<'a> {
        Members {
            next: Some(data),
            member: None,
            trailing: None,
        }
    }

    /// The bytes after the last member; `None` while the stream was not read to its end.
    pub(super) fn trailing(&self) -> Option<&'a [u8]> {
        self.trailing
    }
}

impl Read for Members<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(data) = self.next.take() {
                let start = header_len(data)?;
                self.member = Some((Inflate::new(&data[start..]), 0, 0));
            }
            let Some((inflate, crc, size)) = &mut self.member else {
                return Ok(0);
            };
            let n = inflate.read(buf)?;
            if n > 0 {
                *crc = crc32(*crc, &buf[..n]);
                *size = size.wrapping_add(n as u32);
                return Ok(n);
            }
            // This member's data ended: its trailer (CRC-32, size mod 2^32), then another
            // member or the end of the stream.
            let rest = inflate.rest();
            let Some(trailer) = rest.get(..8) else {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the gzip trailer ends early",
                ));
            };
            if trailer[..4] != crc.to_le_bytes() || trailer[4..] != size.to_le_bytes() {
                return Err(corrupt("corrupt gzip stream: its checksum does not match"));
            }
            self.member = None;
            let rest = &rest[8..];
            if rest.starts_with(&[0x1f, 0x8b]) {
                self.next = Some(rest);
            } else {
                self.trailing = Some(rest);
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(data: &[u8]) -> (io::Result<Vec<u8>>, Option<Vec<u8>>) {
        let mut m = Members::new(data);
        let mut out = Vec::new();
        let r = m.read_to_end(&mut out).map(|_| out);
        (r, m.trailing().map(<[u8]>::to_vec))
    }

    #[test]
    fn members_are_read_in_turn_and_what_follows_is_kept() {
        let mut data = gz(b"one ");
        data.extend(gz(b""));
        data.extend(gz(b"two"));
        let (got, trailing) = read_all(&data);
        assert_eq!(got.unwrap(), b"one two");
        assert_eq!(trailing.unwrap(), b"");

        data.extend([0u8; 700]);
        let (got, trailing) = read_all(&data);
        assert_eq!(got.unwrap(), b"one two");
        assert_eq!(trailing.unwrap(), vec![0u8; 700]);

        data.extend(b"junk");
        assert_eq!(read_all(&data).1.unwrap().len(), 704);
    }

    #[test]
    fn a_cut_member_is_an_error() {
        let data = gz(&[7u8; 10_000]);
        for cut in [data.len() - 4, data.len() / 2, 12, 5] {
            let (got, trailing) = read_all(&data[..cut]);
            assert!(got.is_err(), "cut at {cut}");
            assert!(trailing.is_none());
        }
    }

    #[test]
    fn a_corrupt_member_is_an_error() {
        let data = gz(b"some text that is long enough, some text that is long enough");
        let (at_crc, at_size) = (data.len() - 8, data.len() - 4);
        for at in [at_crc, at_size, 2] {
            let mut bad = data.clone();
            bad[at] ^= 1;
            assert!(read_all(&bad).0.is_err(), "byte {at} changed");
        }
    }

    #[test]
    fn header_fields_are_skipped_and_its_checksum_checked() {
        let body = gz(b"hello");
        // FEXTRA, FNAME, FCOMMENT and FHCRC set, on the same deflate data and trailer.
        let mut data = vec![0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 255];
        data.extend([3, 0, b'a', b'b', b'c']);
        data.extend(b"name\0comment\0");
        let header_crc = crc32(0, &data) as u16;
        data.extend(header_crc.to_le_bytes());
        data.extend(&body[10..]);
        assert_eq!(read_all(&data).0.unwrap(), b"hello");
        let n = data.len() - body.len() + 10;
        data[n - 1] ^= 1;
        assert!(read_all(&data).0.is_err());
    }

    #[test]
    fn crc32_is_ieee() {
        // The native checksum and the page's tables, on the check value, continued, and on
        // lengths around the tables' eight-byte steps.
        for crc32 in [crc32, crc32_by_tables] {
            assert_eq!(crc32(0, b"123456789"), 0xCBF4_3926);
            assert_eq!(crc32(crc32(0, b"1234"), b"56789"), 0xCBF4_3926);
            for len in [0, 1, 7, 8, 9, 1000] {
                let data: Vec<u8> = (0..len).map(|i| (i * 37 + 5) as u8).collect();
                let mut c = flate2::Crc::new();
                c.update(&data);
                assert_eq!(crc32(0, &data), c.sum(), "{len} bytes");
            }
        }
    }
}
