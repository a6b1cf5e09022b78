//! A small zip reader: the central directory, zip64 sizes, where each entry's data lies.
//!
//! Not the `zip` crate: that crate (9.x, deflate only) added ≈ 107 KB raw / 40 KB gzip and about
//! ten crates (getrandom, zeroize, typed-path, indexmap, …) to the wasm module, and it folds
//! central-directory entries with the same name together, so a duplicate could not be reported
//! by name.

use super::archive::Kind;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}
fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}
fn u64_at(d: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        d.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

const EOCD: &[u8] = b"PK\x05\x06";
const EOCD64: &[u8] = b"PK\x06\x06";
const LOCATOR64: &[u8] = b"PK\x06\x07";
const CENTRAL: &[u8] = b"PK\x01\x02";
const LOCAL: &[u8] = b"PK\x03\x04";

/// Where the central directory is.
pub struct Directory {
    start: usize,
    end: usize,
}

/// Find the end-of-central-directory record (and its zip64 form).
pub fn directory(data: &[u8]) -> Result<Directory, &'static str> {
    if data.len() < 22 {
        return Err("too short for a zip archive");
    }
    let lowest = data.len().saturating_sub(22 + 0xFFFF);
    let mut pos = data.len() - 22;
    loop {
        if &data[pos..pos + 4] == EOCD {
            break;
        }
        if pos == lowest {
            return Err("no end of central directory record");
        }
        pos -= 1;
    }
    let mut size = u32_at(data, pos + 12).ok_or("bad end record")? as u64;
    let mut offset = u32_at(data, pos + 16).ok_or("bad end record")? as u64;
    if (size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF)
        && pos >= 20
        && &data[pos - 20..pos - 16] == LOCATOR64
    {
        let at = u64_at(data, pos - 20 + 8).ok_or("bad zip64 locator")?;
        let at = usize::try_from(at).map_err(|_| "bad zip64 locator")?;
        if data.get(at..at + 4) != Some(EOCD64) {
            return Err("bad zip64 end record");
        }
        size = u64_at(data, at + 40).ok_or("bad zip64 end record")?;
        offset = u64_at(data, at + 48).ok_or("bad zip64 end record")?;
    }
    let start = usize::try_from(offset).map_err(|_| "central directory out of range")?;
    let end =
        start.checked_add(usize::try_from(size).map_err(|_| "central directory out of range")?);
    match end {
        Some(end) if end <= data.len() => Ok(Directory { start, end }),
        _ => Err("central directory lies outside the archive"),
    }
}

impl Directory {
    pub fn records<'a>(&self, data: &'a [u8]) -> Records<'a> {
        Records {
            data: &data[..self.end],
            at: self.start,
        }
    }
}

pub struct Records<'a> {
    data: &'a [u8],
    at: usize,
}

/// One central-directory record.
pub struct Entry<'a> {
    pub name: &'a [u8],
    pub flags: u16,
    pub method: u16,
    pub crc: u32,
    pub size: u64,
    compressed: u64,
    local: u64,
    made_by: u16,
    external: u32,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Entry<'a>, &'static str>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.data.len() {
            return None;
        }
        let r = self.record();
        if r.is_err() {
            self.at = self.data.len();
        }
        Some(r)
    }
}

impl<'a> Records<'a> {
    fn record(&mut self) -> Result<Entry<'a>, &'static str> {
        let d = self.data;
        let at = self.at;
        if d.get(at..at + 4) != Some(CENTRAL) {
            return Err("bad central directory record");
        }
        let short = "short central directory record";
        let name_len = u16_at(d, at + 28).ok_or(short)? as usize;
        let extra_len = u16_at(d, at + 30).ok_or(short)? as usize;
        let comment_len = u16_at(d, at + 32).ok_or(short)? as usize;
        let name = d.get(at + 46..at + 46 + name_len).ok_or(short)?;
        let extra = d
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .ok_or(short)?;
        let mut e = Entry {
            name,
            made_by: u16_at(d, at + 4).ok_or(short)?,
            flags: u16_at(d, at + 8).ok_or(short)?,
            method: u16_at(d, at + 10).ok_or(short)?,
            crc: u32_at(d, at + 16).ok_or(short)?,
            compressed: u32_at(d, at + 20).ok_or(short)? as u64,
            size: u32_at(d, at + 24).ok_or(short)? as u64,
            external: u32_at(d, at + 38).ok_or(short)?,
            local: u32_at(d, at + 42).ok_or(short)? as u64,
        };
        // zip64 extended information: the 64-bit forms of the fields that are all ones.
        let mut x = 0;
        while x + 4 <= extra.len() {
            let id = u16_at(extra, x).ok_or(short)?;
            let len = u16_at(extra, x + 2).ok_or(short)? as usize;
            let body = extra.get(x + 4..x + 4 + len).ok_or("bad extra field")?;
            if id == 1 {
                let mut f = 0;
                for field in [&mut e.size, &mut e.compressed, &mut e.local] {
                    if *field == 0xFFFF_FFFF {
                        *field = u64_at(body, f).ok_or("bad zip64 field")?;
                        f += 8;
                    }
                }
            }
            x += 4 + len;
        }
        self.at = at + 46 + name_len + extra_len + comment_len;
        Ok(e)
    }
}

impl Entry<'_> {
    pub fn kind(&self) -> Kind {
        let host = self.made_by >> 8;
        if host == 3 || host == 19 {
            // Unix (and OS X): the mode is in the high half of the external attributes.
            match (self.external >> 16) & 0o170_000 {
                0 | 0o100_000 => {}
                0o040_000 => return Kind::Dir,
                0o120_000 => return Kind::refused("a symbolic link", "符号链接"),
                0o020_000 => return Kind::char_device(),
                0o060_000 => return Kind::block_device(),
                0o010_000 => return Kind::fifo(),
                _ => return Kind::refused("a special file", "特殊文件"),
            }
        } else if host == 0 && self.external & 0x10 != 0 {
            return Kind::Dir;
        }
        if self.name.ends_with(b"/") || self.name.ends_with(b"\\") {
            Kind::Dir
        } else {
            Kind::File
        }
    }

    /// The entry's compressed bytes, after its local header.
    pub fn data<'d>(&self, data: &'d [u8]) -> Option<&'d [u8]> {
        let at = usize::try_from(self.local).ok()?;
        if data.get(at..at.checked_add(4)?)? != LOCAL {
            return None;
        }
        let start = at + 30 + u16_at(data, at + 26)? as usize + u16_at(data, at + 28)? as usize;
        data.get(start..start.checked_add(usize::try_from(self.compressed).ok()?)?)
    }
}
