//! The payload of a link (see the format in `super`): written from inputs, read back with
//! every length and count checked against what remains and the caps.

use super::error::malformed;
use super::{ShareError, SharedInput, SharedKind, FORMAT};
use crate::input::File;
use crate::pack::Layout;
use crate::text;

const FOLDER: u8 = 0;
const TGZ: u8 = 1;
const TAR: u8 = 2;
const ZIP: u8 = 3;

pub(super) fn write(inputs: &[SharedInput]) -> Vec<u8> {
    let mut out = vec![FORMAT];
    varint(&mut out, inputs.len());
    for input in inputs {
        out.push(match input.kind {
            SharedKind::Folder => FOLDER,
            SharedKind::Archive(Layout::Tgz) => TGZ,
            SharedKind::Archive(Layout::Tar) => TAR,
            SharedKind::Archive(Layout::Zip) => ZIP,
        });
        bytes(&mut out, input.name.as_bytes());
        varint(&mut out, input.files.len());
        for f in &input.files {
            bytes(&mut out, f.path.as_bytes());
            bytes(&mut out, &f.data);
        }
    }
    out
}

/// Unsigned LEB128: seven bits a byte, low first, the high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn bytes(out: &mut Vec<u8>, b: &[u8]) {
    varint(out, b.len());
    out.extend_from_slice(b);
}

/// The inputs of `payload`, holding together at most `max_entries` inputs and files.
pub(super) fn read(payload: &[u8], max_entries: usize) -> Result<Vec<SharedInput>, ShareError> {
    let mut r = Reader { rest: payload };
    let first = r.byte()?;
    if first != FORMAT {
        return Err(malformed(text!(
            "its data starts with byte {first}, not {FORMAT}",
            "其数据以字节 {first} 开头，而不是 {FORMAT}"
        )));
    }
    let mut entries = 0usize;
    let mut count = |n: usize| {
        entries = entries.saturating_add(n);
        if entries > max_entries {
            Err(malformed(text!(
                "it holds more than {max_entries} files",
                "其中包含超过 {max_entries} 个文件"
            )))
        } else {
            Ok(())
        }
    };
    let n = r.count()?;
    count(n)?;
    let mut inputs = Vec::new();
    for _ in 0..n {
        let kind = match r.byte()? {
            FOLDER => SharedKind::Folder,
            TGZ => SharedKind::Archive(Layout::Tgz),
            TAR => SharedKind::Archive(Layout::Tar),
            ZIP => SharedKind::Archive(Layout::Zip),
            k => {
                return Err(malformed(text!(
                    "an input has the unknown kind {k}",
                    "某个输入的类型 {k} 未知"
                )))
            }
        };
        let name = r.text()?;
        let n = r.count()?;
        count(n)?;
        let mut files = Vec::new();
        for _ in 0..n {
            let path = r.text()?;
            let data = r.bytes()?.to_vec();
            files.push(File { path, data });
        }
        inputs.push(SharedInput { name, kind, files });
    }
    if !r.rest.is_empty() {
        let n = r.rest.len();
        return Err(malformed(text!(
            "{n} byte(s) follow the end of its data",
            "其数据结束之后还有 {n} 个字节"
        )));
    }
    Ok(inputs)
}

struct Reader<'a> {
    rest: &'a [u8],
}

fn cut() -> ShareError {
    malformed(text!(
        "its data ends early (the link was cut)",
        "其数据提前结束（链接不完整）"
    ))
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let (&b, rest) = self.rest.split_first().ok_or_else(cut)?;
        self.rest = rest;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, ShareError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            // The tenth byte holds bit 63 only.
            if shift == 63 && bits > 1 {
                break;
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(malformed(text!(
            "a number in its data is too large",
            "其数据中的某个数值过大"
        )))
    }

    /// A length: no more than the bytes that remain.
    fn len(&mut self) -> Result<usize, ShareError> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.rest.len() => Ok(n),
            _ => Err(cut()),
        }
    }

    /// A count of items of at least one byte each: no more than the bytes that remain either.
    fn count(&mut self) -> Result<usize, ShareError> {
        self.len()
    }

    fn bytes(&mut self) -> Result<&'a [u8], ShareError> {
        let n = self.len()?;
        let (b, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(b)
    }

    fn text(&mut self) -> Result<String, ShareError> {
        let b = self.bytes()?;
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => {
                let shown = String::from_utf8_lossy(&b[..b.len().min(80)]).into_owned();
                Err(malformed(text!(
                    "the name or path `{shown}` in its data is not valid UTF-8",
                    "其数据中的名称或路径 `{shown}` 不是有效的 UTF-8"
                )))
            }
        }
    }
}
