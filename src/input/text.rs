//! Checks of the files that are text: UTF-8, byte-order mark, CRLF line endings.

use super::read::Reader;
use super::File;
use crate::diagnostic::{Range, Severity};
use crate::text;

/// Files that are text and checked as such (UTF-8, BOM, line endings).
fn is_text(path: &str) -> bool {
    let base = path.rsplit('/').next().unwrap_or(path);
    base == "Makefile"
        || base.rsplit_once('.').is_some_and(|(_, ext)| {
            matches!(
                ext,
                "yaml" | "yml" | "tpl" | "txt" | "json" | "sh" | "md" | "lock"
            )
        })
}

/// Where the first `\r\n` is. Chunks are tested branch-free first (that vectorizes), so a
/// file without `\r` costs little; `str::find` with a two-byte needle was 10% of reading a chart.
fn find_crlf(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 64;
    for (n, chunk) in bytes.chunks(CHUNK).enumerate() {
        if chunk.iter().fold(false, |any, b| any | (*b == b'\r')) {
            let base = n * CHUNK;
            let hit = chunk
                .iter()
                .enumerate()
                .find(|(i, b)| **b == b'\r' && bytes.get(base + i + 1) == Some(&b'\n'));
            if let Some((i, _)) = hit {
                return Some(base + i);
            }
        }
    }
    None
}

fn is_yaml_or_tpl(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".tpl")
}

/// 1-based line and column (in characters) of byte `offset` of `text`, which is valid UTF-8 up
/// to there.
fn position(text: &[u8], offset: usize) -> Range {
    let before = &text[..offset];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = std::str::from_utf8(&before[line_start..])
        .map_or(offset - line_start, |s| s.chars().count())
        + 1;
    Range::point(line, column)
}

impl Reader<'_> {
    pub(super) fn text_checks(&mut self, f: &File) {
        if !is_text(&f.path) {
            return;
        }
        let path = f.path.as_str();
        let body = match f.data.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => {
                self.problem(
                    Some(path),
                    Severity::Warning,
                    text!(
                        "`{path}` starts with a UTF-8 byte-order mark (BOM); Helm drops it, other tools may not",
                        "`{path}` 以 UTF-8 字节顺序标记（BOM）开头；Helm 会忽略它，其他工具未必"
                    ),
                    Some(text!("save the file as UTF-8 without BOM", "请将文件保存为不带 BOM 的 UTF-8")),
                )
                .range = Some(Range::point(1, 1));
                rest
            }
            None => &f.data[..],
        };
        match std::str::from_utf8(body) {
            Err(e) => {
                let offset = e.valid_up_to();
                let byte = body[offset];
                let at = offset + (f.data.len() - body.len());
                self.problem(
                    Some(path),
                    Severity::Error,
                    text!(
                        "`{path}` is not valid UTF-8: byte 0x{byte:02X} at offset {at}",
                        "`{path}` 不是有效的 UTF-8：偏移量 {at} 处的字节 0x{byte:02X}"
                    ),
                    Some(text!(
                        "save the file as UTF-8 (it may be in GBK or Latin-1); it was not checked",
                        "请将文件保存为 UTF-8（它可能是 GBK 或 Latin-1 编码）；该文件未被检查"
                    )),
                )
                .range = Some(position(body, offset));
            }
            Ok(text) => {
                if is_yaml_or_tpl(path) {
                    if let Some(cr) = find_crlf(text.as_bytes()) {
                        self.problem(
                            Some(path),
                            Severity::Info,
                            text!(
                                "`{path}` has CRLF (Windows) line endings; YAML reads them, but LF is the convention",
                                "`{path}` 使用 CRLF（Windows）换行符；YAML 可以读取，但惯例是 LF"
                            ),
                            Some(text!(
                                "convert the file to LF line endings (e.g. `dos2unix`)",
                                "请将换行符转换为 LF（例如使用 `dos2unix`）"
                            )),
                        )
                        .range = Some(position(body, cr));
                    }
                }
            }
        }
    }
}
