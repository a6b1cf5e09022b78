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

/// What a text file is to Helm, which decides how much a file that is not clean UTF-8 matters
/// (`tests/helm/input/verdicts.json` records what Helm does with each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Helm parses it: Chart.yaml, values.yaml, requirements.yaml, values.schema.json. It
    /// refuses one that is not UTF-8; Helm 3 reads UTF-16 (Helm 4 refused UTF-16LE).
    HelmData,
    /// A template Helm renders and parses as YAML (`templates/…/*.yaml|yml|json`): not UTF-8,
    /// `helm template` and `helm lint` fail; UTF-16, `helm lint` fails.
    Manifest,
    /// A file of the platform under `templates/` (`_acl_helpers.yaml.tpl`,
    /// `_config_helpers.yaml.tpl`, `_navigation.yaml`, … : `_*.yaml`, `_*.yaml.tpl`): Helm does
    /// not render it as a manifest, the platform parses it as YAML.
    Platform,
    /// A template of helpers (`templates/…/*.tpl`): Helm reads its bytes, but what it writes into
    /// a manifest must be UTF-8.
    Helpers,
    /// Anything else (README, `templates/NOTES.txt`, scripts, the Makefile): Helm takes the bytes
    /// as they are and parses nothing.
    Other,
}

pub(super) fn role(path: &str) -> Role {
    let base = path.rsplit('/').next().unwrap_or(path);
    let in_templates = path.starts_with("templates/") || path.contains("/templates/");
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    if matches!(
        base,
        "Chart.yaml" | "values.yaml" | "requirements.yaml" | "values.schema.json"
    ) {
        Role::HelmData
    } else if in_templates
        && base.starts_with('_')
        && (base.ends_with(".yaml") || base.ends_with(".yml") || base.ends_with(".yaml.tpl"))
    {
        Role::Platform
    } else if in_templates && matches!(ext, "yaml" | "yml" | "json") {
        Role::Manifest
    } else if in_templates && ext == "tpl" {
        Role::Helpers
    } else {
        Role::Other
    }
}

/// The text of UTF-16 `data` that starts with a byte-order mark, or `None`.
fn utf16(data: &[u8]) -> Option<String> {
    let big_endian = match data {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return None,
    };
    let body = &data[2..];
    if !body.len().is_multiple_of(2) {
        return None;
    }
    let units = body.chunks_exact(2).map(|b| {
        if big_endian {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

impl Reader<'_> {
    /// Check a text file's encoding and line endings. A UTF-16 file Helm reads (or whose text
    /// ecplint checks) is decoded to UTF-8 in place, so that the rules read its text.
    pub(super) fn text_checks(&mut self, f: &mut File) {
        if !is_text(&f.path) {
            return;
        }
        let role = role(&f.path);
        let path = f.path.as_str();
        if let Some(text) = utf16(&f.data) {
            let (severity, en, zh) = match role {
                Role::HelmData => (
                    Severity::Warning,
                    "Helm 3 reads it, but Helm 4 refuses UTF-16LE and most tools expect UTF-8; ecplint read it as UTF-16",
                    "Helm 3 可以读取，但 Helm 4 拒绝 UTF-16LE，多数工具也只接受 UTF-8；ecplint 按 UTF-16 读取了它",
                ),
                Role::Manifest => (
                    Severity::Error,
                    "`helm lint` refuses it (\"incomplete UTF-16 character\") and the manifest Helm renders from it is not UTF-8 YAML",
                    "`helm lint` 拒绝它（\"incomplete UTF-16 character\"），Helm 由它渲染的清单也不是 UTF-8 YAML",
                ),
                Role::Platform => (
                    Severity::Warning,
                    "Helm does not render it, but the platform reads it as YAML and expects UTF-8; ecplint read it as UTF-16",
                    "Helm 不渲染它，但平台会按 YAML 读取它并要求 UTF-8；ecplint 按 UTF-16 读取了它",
                ),
                Role::Helpers => (
                    Severity::Warning,
                    "Helm reads its bytes, but any of its text that reaches a manifest is not UTF-8 YAML; ecplint read it as UTF-16",
                    "Helm 按字节读取，但其内容一旦写入清单就不是 UTF-8 YAML；ecplint 按 UTF-16 读取了它",
                ),
                Role::Other => (
                    Severity::Info,
                    "Helm takes its bytes as they are; ecplint did not check its text",
                    "Helm 原样读取其字节；ecplint 未检查其内容",
                ),
            };
            self.problem(
                Some(path),
                severity,
                text!(
                    "`{path}` is UTF-16 text: {en}",
                    "`{path}` 是 UTF-16 文本：{zh}"
                ),
                Some(text!("save the file as UTF-8", "请将文件保存为 UTF-8")),
            )
            .range = Some(Range::point(1, 1));
            if role != Role::Other {
                f.data = text.into_bytes();
                self.line_endings(f);
            }
            return;
        }
        let body = match f.data.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => {
                self.problem(
                    Some(path),
                    Severity::Info,
                    text!(
                        "`{path}` starts with a UTF-8 byte-order mark (BOM); Helm drops it and reads the file, and so does ecplint",
                        "`{path}` 以 UTF-8 字节顺序标记（BOM）开头；Helm 会去掉它并正常读取，ecplint 同样如此"
                    ),
                    Some(text!(
                        "save the file as UTF-8 without BOM: some other tools read the BOM as part of the first key",
                        "请将文件保存为不带 BOM 的 UTF-8：有些工具会把 BOM 当作第一个键的一部分"
                    )),
                )
                .range = Some(Range::point(1, 1));
                rest
            }
            None => &f.data[..],
        };
        if let Err(e) = std::str::from_utf8(body) {
            let offset = e.valid_up_to();
            let byte = body[offset];
            let at = offset + (f.data.len() - body.len());
            let (severity, en, zh) = match role {
                Role::HelmData => (
                    Severity::Error,
                    "Helm refuses it (\"invalid UTF-8\"); ecplint did not check it",
                    "Helm 拒绝读取它（\"invalid UTF-8\"）；ecplint 未检查该文件",
                ),
                Role::Manifest => (
                    Severity::Error,
                    "the manifest Helm renders from it is not UTF-8, and `helm template` refuses it; ecplint did not check it",
                    "Helm 由它渲染的清单不是 UTF-8，`helm template` 会失败；ecplint 未检查该文件",
                ),
                Role::Platform => (
                    Severity::Warning,
                    "Helm does not render it, but the platform reads it as YAML and expects UTF-8; ecplint did not check it",
                    "Helm 不渲染它，但平台会按 YAML 读取它并要求 UTF-8；ecplint 未检查该文件",
                ),
                Role::Helpers => (
                    Severity::Warning,
                    "Helm reads its bytes, but any of its text that reaches a manifest makes that manifest invalid; ecplint did not check it",
                    "Helm 按字节读取，但其内容一旦写入清单，该清单即无效；ecplint 未检查该文件",
                ),
                Role::Other => (
                    Severity::Info,
                    "Helm takes its bytes as they are; ecplint did not check its text",
                    "Helm 原样读取其字节；ecplint 未检查其内容",
                ),
            };
            self.problem(
                Some(path),
                severity,
                text!(
                    "`{path}` is not valid UTF-8 (byte 0x{byte:02X} at offset {at}): {en}",
                    "`{path}` 不是有效的 UTF-8（偏移量 {at} 处的字节 0x{byte:02X}）：{zh}"
                ),
                Some(text!(
                    "save the file as UTF-8 (it may be in GBK or Latin-1)",
                    "请将文件保存为 UTF-8（它可能是 GBK 或 Latin-1 编码）"
                )),
            )
            .range = Some(position(body, offset));
            return;
        }
        self.line_endings(f);
    }

    /// CRLF line endings of a YAML or template file (valid UTF-8, BOM allowed).
    fn line_endings(&mut self, f: &File) {
        let path = f.path.as_str();
        if !is_yaml_or_tpl(path) {
            return;
        }
        let body = f.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&f.data);
        if let Some(cr) = find_crlf(body) {
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
