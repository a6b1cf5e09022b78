//! The limits on one input, and the findings for crossing them.

use super::paths::{lossy, shown};
use super::read::Reader;
use crate::diagnostic::Severity;
use crate::text;

/// Limits on one input (defaults are at least Helm's own: 5 MiB per file, 100 MiB per chart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_total_bytes: u64,
    pub max_entries: usize,
    pub max_path_len: usize,
    /// How deep `charts/*.tgz` subcharts are opened.
    pub max_archive_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 5 * 1024 * 1024,
            max_total_bytes: 100 * 1024 * 1024,
            max_entries: 10_000,
            max_path_len: 1024,
            max_archive_depth: 3,
        }
    }
}

/// A size for messages: `5 MiB`, `1.5 KiB`, `12 B`.
pub(super) fn size(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * 1024 * 1024;
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if n >= unit {
            // Tenths, rounded, in integers.
            let tenths = (n as u128 * 10 + unit as u128 / 2) / unit as u128;
            return if n.is_multiple_of(unit) || tenths.is_multiple_of(10) {
                format!("{} {name}", tenths / 10)
            } else {
                format!("{}.{} {name}", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{n} B")
}

impl Reader<'_> {
    /// Count one entry; false (and a finding) once past the entry limit.
    pub(super) fn count_entry(&mut self, prefix: &str, name: &[u8]) -> bool {
        self.entries += 1;
        if self.entries <= self.limits.max_entries {
            return true;
        }
        let limit = self.limits.max_entries;
        let at = shown(&format!("{prefix}{}", lossy(name)));
        self.problem(
            Some(&at),
            Severity::Error,
            text!(
                "the input has more than {limit} entries (the entry limit); reading stopped at `{at}`",
                "输入包含超过 {limit} 个条目（条目数限制），已在 `{at}` 处停止读取"
            ),
            Some(text!(
                "a chart has far fewer files: remove generated or vendored files",
                "chart 通常远少于此数量的文件：请移除生成的或附带的多余文件"
            )),
        );
        self.stopped = true;
        false
    }

    /// The finding for passing the total limit (once), and stop.
    pub(super) fn total_exceeded(&mut self, at: Option<&str>) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let limit = size(self.limits.max_total_bytes);
        let at_en = at
            .map(|a| format!(" at `{}`", shown(a)))
            .unwrap_or_default();
        let at_zh = at
            .map(|a| format!("（在 `{}` 处）", shown(a)))
            .unwrap_or_default();
        let file = at.map(shown);
        self.problem(
            file.as_deref(),
            Severity::Error,
            text!(
                "the input decompresses to more than {limit} in total (the total size limit){at_en}; reading stopped there",
                "输入解压后总大小超过 {limit}（总大小限制）{at_zh}，已停止读取"
            ),
            Some(text!(
                "a chart is far smaller: this looks like a decompression bomb or a chart with large binaries",
                "chart 通常远小于此：这可能是解压炸弹，或 chart 中包含大型二进制文件"
            )),
        );
    }

    pub(super) fn file_too_big(&mut self, path: &str, n: u64) {
        let limit = size(self.limits.max_file_bytes);
        let n = size(n);
        let path = shown(path);
        self.problem(
            Some(&path),
            Severity::Error,
            text!(
                "`{path}` is {n}, over the limit of {limit} per file; it was skipped",
                "`{path}` 大小为 {n}，超过单个文件 {limit} 的限制，已跳过"
            ),
            Some(text!(
                "Helm refuses files over 5 MiB in a chart: keep large files out of the chart",
                "Helm 拒绝 chart 中超过 5 MiB 的文件：请勿将大文件放入 chart"
            )),
        );
    }
}
