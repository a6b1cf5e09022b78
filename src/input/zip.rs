//! Reading a zip archive's entries (stored or deflate) into files, through the central directory
//! that [`super::zip_directory`] finds.

use super::budget::{Budget, Counted, StreamState};
use super::paths::shown;
use super::read::{Reader, Src};
use super::zip_directory;
use super::File;
use crate::diagnostic::Severity;
use crate::text;
use std::io::Read;

impl Reader<'_> {
    /// Read a zip archive from its central directory.
    pub(super) fn read_zip(
        &mut self,
        budget: &Budget,
        data: &[u8],
        src: &Src,
        out: &mut Vec<File>,
    ) {
        let name = src.name;
        let dir = match zip_directory::directory(data) {
            Ok(d) => d,
            Err(why) => {
                self.problem(
                    src.file,
                    Severity::Error,
                    text!(
                        "the zip archive `{name}` is corrupt or truncated ({why})",
                        "zip 归档 `{name}` 已损坏或截断（{why}）"
                    ),
                    Some(text!(
                        "download or package the chart again",
                        "请重新下载或重新打包 chart"
                    )),
                );
                return;
            }
        };
        let mut files = 0usize;
        let mut seen = 0usize;
        let mut broken = false;
        let mut records = dir.records(data);
        while !self.stopped {
            let entry = match records.next() {
                None => break,
                Some(Ok(e)) => e,
                Some(Err(why)) => {
                    self.problem(
                        src.file,
                        Severity::Error,
                        text!(
                            "the central directory of the zip archive `{name}` is corrupt ({why}); {files} file(s) before that point were read",
                            "zip 归档 `{name}` 的中央目录已损坏（{why}）；此前的 {files} 个文件已读取"
                        ),
                        Some(text!("download or package the chart again", "请重新下载或重新打包 chart")),
                    );
                    broken = true;
                    break;
                }
            };
            seen += 1;
            if !self.count_entry(src.prefix, entry.name) {
                break;
            }
            if !self.is_file(src, entry.name, entry.kind()) {
                continue;
            }
            let Some(path) = self.entry_path(src, entry.name) else {
                continue;
            };
            if entry.size > self.limits.max_file_bytes {
                self.file_too_big(&path, entry.size);
                continue;
            }
            if entry.size > budget.remaining() {
                self.total_exceeded(Some(&path));
                break;
            }
            match self.zip_entry_data(budget, data, &entry) {
                Ok(bytes) => {
                    out.push(File { path, data: bytes });
                    files += 1;
                }
                Err(ZipEntryError::Total) => {
                    self.total_exceeded(Some(&path));
                    break;
                }
                Err(ZipEntryError::TooBig(n)) => self.file_too_big(&path, n),
                Err(ZipEntryError::Bad { en, zh }) => {
                    let at = shown(&path);
                    self.problem(
                        Some(&at),
                        Severity::Error,
                        text!("`{at}` could not be read from the zip archive: {en}; it was skipped", "无法从 zip 归档中读取 `{at}`：{zh}，已跳过"),
                        Some(text!(
                            "package the chart with `helm package` (a .tgz) or zip it again without encryption",
                            "请用 `helm package` 打包为 .tgz，或不加密重新压缩"
                        )),
                    );
                }
            }
        }
        if files == 0 && !broken && !self.stopped {
            self.no_files(src, seen);
        }
    }

    fn zip_entry_data(
        &self,
        budget: &Budget,
        data: &[u8],
        entry: &zip_directory::Entry,
    ) -> Result<Vec<u8>, ZipEntryError> {
        let bad = |en: &str, zh: &str| ZipEntryError::Bad {
            en: en.into(),
            zh: zh.into(),
        };
        if entry.flags & 1 != 0 {
            return Err(bad("it is encrypted", "该条目已加密"));
        }
        let raw = entry.data(data).ok_or_else(|| {
            bad(
                "its data lies outside the archive (truncated?)",
                "其数据位于归档之外（已截断？）",
            )
        })?;
        let state = StreamState::default();
        let limit = self.limits.max_file_bytes;
        let mut bytes = Vec::with_capacity(entry.size.min(limit) as usize);
        let result = match entry.method {
            0 => Counted::new(raw, budget, &state)
                .take(limit + 1)
                .read_to_end(&mut bytes),
            8 => {
                let inflate = super::gzip::Inflate::new(raw);
                Counted::new(inflate, budget, &state)
                    .take(limit + 1)
                    .read_to_end(&mut bytes)
            }
            m => {
                return Err(ZipEntryError::Bad {
                    en: format!(
                        "compression method {m} is not supported (only stored and deflate)"
                    ),
                    zh: format!("不支持压缩方法 {m}（仅支持 stored 和 deflate）"),
                })
            }
        };
        if budget.hit.get() {
            return Err(ZipEntryError::Total);
        }
        if result.is_err() {
            return Err(bad("its compressed data is corrupt", "其压缩数据已损坏"));
        }
        if bytes.len() as u64 > limit {
            return Err(ZipEntryError::TooBig(bytes.len() as u64));
        }
        if bytes.len() as u64 != entry.size {
            return Err(bad(
                "its size differs from the size in the central directory",
                "其大小与中央目录记录的大小不一致",
            ));
        }
        if super::gzip::crc32(0, &bytes) != entry.crc {
            return Err(bad(
                "its CRC-32 checksum does not match",
                "其 CRC-32 校验和不匹配",
            ));
        }
        Ok(bytes)
    }
}

enum ZipEntryError {
    Total,
    TooBig(u64),
    Bad { en: String, zh: String },
}
