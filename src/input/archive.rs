//! One archive: its format, found from the magic bytes (not the name), and what its entries are.
//! The formats themselves are read by [`super::tar`] and [`super::zip`].

use super::budget::Budget;
use super::gzip::Members;
use super::paths::{lossy, shown};
use super::read::{Reader, Src};
use super::File;
use crate::diagnostic::Severity;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Empty,
    Gzip,
    Zip,
    Tar,
    Unknown,
}

pub(crate) fn sniff(data: &[u8]) -> Format {
    if data.is_empty() {
        Format::Empty
    } else if data.starts_with(&[0x1f, 0x8b]) {
        Format::Gzip
    } else if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        Format::Zip
    } else if looks_like_tar(data) {
        Format::Tar
    } else {
        Format::Unknown
    }
}

/// `ustar` magic at 257, or (old v7 tar) a first header whose checksum is right.
fn looks_like_tar(data: &[u8]) -> bool {
    let Some(header) = data.get(..512) else {
        return false;
    };
    if &header[257..262] == b"ustar" {
        return true;
    }
    if header[0] == 0 {
        // An empty tar is only its end-of-archive marker: two zero blocks.
        return data.len() >= 1024 && data[..1024].iter().all(|b| *b == 0);
    }
    let field = &header[148..156];
    let digits: Vec<u8> = field
        .iter()
        .copied()
        .skip_while(|b| *b == b' ')
        .take_while(|b| (b'0'..=b'7').contains(b))
        .collect();
    let Some(stored) = std::str::from_utf8(&digits)
        .ok()
        .and_then(|s| u32::from_str_radix(s, 8).ok())
    else {
        return false;
    };
    let sum: u32 = header
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if (148..156).contains(&i) {
                32
            } else {
                *b as u32
            }
        })
        .sum();
    sum == stored
}

/// What a tar or zip entry is.
pub(super) enum Kind {
    File,
    Dir,
    /// Skipped with a finding: symlink, hard link, device, fifo, …
    Refused {
        en: String,
        zh: String,
    },
    /// Not a file and nothing to report (pax global header).
    Meta,
    /// A tar link or special file: Helm reads it as an empty file (it follows no link), and so
    /// does ecplint, with a warning.
    Empty {
        en: String,
        zh: String,
    },
}

/// The refusals that tar and zip entries share.
impl Kind {
    pub(super) fn refused(en: impl Into<String>, zh: impl Into<String>) -> Kind {
        Kind::Refused {
            en: en.into(),
            zh: zh.into(),
        }
    }
    pub(super) fn char_device() -> Kind {
        Kind::refused("a character device", "字符设备")
    }
    pub(super) fn block_device() -> Kind {
        Kind::refused("a block device", "块设备")
    }
    pub(super) fn fifo() -> Kind {
        Kind::refused("a named pipe (fifo)", "命名管道（fifo）")
    }
    /// The same entry, read (as in a tar archive Helm reads it) as an empty file.
    pub(super) fn into_empty(self) -> Kind {
        match self {
            Kind::Refused { en, zh } => Kind::Empty { en, zh },
            other => other,
        }
    }
}

impl Reader<'_> {
    pub(super) fn read_archive(
        &mut self,
        budget: &Budget,
        data: &[u8],
        src: &Src,
        out: &mut Vec<File>,
    ) {
        let name = src.name;
        match sniff(data) {
            Format::Empty => {
                self.problem(
                    src.file,
                    Severity::Error,
                    text!("`{name}` is empty (0 bytes)", "`{name}` 为空（0 字节）"),
                    Some(text!(
                        "give a packaged chart (`helm package`) or a project folder",
                        "请提供打包后的 chart（`helm package`）或项目目录"
                    )),
                );
            }
            Format::Unknown => {
                let start: Vec<String> = data.iter().take(8).map(|b| format!("{b:02x}")).collect();
                let start = start.join(" ");
                self.problem(
                    src.file,
                    Severity::Error,
                    text!(
                        "`{name}` is not an archive ecplint reads (.tgz, .tar.gz, .tar, .zip): it starts with bytes `{start}`",
                        "`{name}` 不是 ecplint 可读取的归档（.tgz、.tar.gz、.tar、.zip）：其开头字节为 `{start}`"
                    ),
                    Some(text!(
                        "package the chart with `helm package`, or give its folder",
                        "请用 `helm package` 打包 chart，或直接提供其目录"
                    )),
                );
            }
            Format::Gzip => {
                let mut gz = Members::new(data);
                if self.read_tar(budget, &mut gz, true, src, out) {
                    self.after_gzip(src, gz.trailing().unwrap_or_default());
                }
            }
            Format::Tar => {
                self.read_tar(budget, &mut { data }, false, src, out);
            }
            Format::Zip => self.read_zip(budget, data, src, out),
        }
    }

    /// What follows a complete gzip stream: zeros (tar writers and tape tools pad archives to a
    /// block size) are nothing to report; other bytes are ignored, by Helm too, and shown.
    fn after_gzip(&mut self, src: &Src, rest: &[u8]) {
        if rest.iter().all(|b| *b == 0) {
            return;
        }
        let (name, n) = (src.name, rest.len());
        self.problem(
            src.file,
            Severity::Info,
            text!(
                "{n} byte(s) after the end of the gzip stream of `{name}` were ignored; Helm ignores them too",
                "`{name}` 的 gzip 数据流结束之后的 {n} 个字节被忽略；Helm 同样忽略它们"
            ),
            Some(text!(
                "package the chart again to drop them (`helm package`)",
                "请重新打包 chart 以去掉它们（`helm package`）"
            )),
        );
    }

    /// Whether the entry `raw` of `kind` is a file to read; a refused entry is reported.
    pub(super) fn is_file(&mut self, src: &Src, raw: &[u8], kind: Kind) -> bool {
        match kind {
            Kind::File => true,
            Kind::Dir | Kind::Meta => false,
            Kind::Refused { en, zh } => {
                self.refused(src, raw, &en, &zh);
                false
            }
            Kind::Empty { en, zh } => {
                // Only tar entries are read as empty files; the tar reader handles them itself.
                self.refused(src, raw, &en, &zh);
                false
            }
        }
    }

    /// A tar link or special entry kept, as Helm keeps it, as an empty file at `path`.
    pub(super) fn read_as_empty(&mut self, path: &str, en: &str, zh: &str) {
        let at = shown(path);
        self.problem(
            Some(&at),
            Severity::Warning,
            text!(
                "`{at}` is {en}: Helm follows no link in a chart archive and reads it as an empty file; ecplint reads it the same way",
                "`{at}` 是{zh}：Helm 不跟随 chart 归档中的链接，将其读取为空文件；ecplint 同样如此"
            ),
            Some(text!(
                "replace it with a regular file holding what it should contain",
                "请用包含应有内容的普通文件替换它"
            )),
        );
    }

    fn refused(&mut self, src: &Src, raw: &[u8], en: &str, zh: &str) {
        let at = shown(&format!("{}{}", src.prefix, lossy(raw)));
        self.problem(
            Some(&at),
            Severity::Error,
            text!(
                "`{at}` is {en}; only regular files and folders are read, so it was skipped",
                "`{at}` 是{zh}；只读取普通文件和目录，已跳过"
            ),
            Some(text!(
                "replace it with a regular file (Helm does not follow links in a chart)",
                "请用普通文件替换（Helm 不会跟随 chart 中的链接）"
            )),
        );
    }
}
