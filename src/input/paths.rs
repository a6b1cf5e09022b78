//! Entry paths: normalized to `a/b/c`, refused when absolute, with `..` parts or too long, and
//! cut to a readable length for messages.

use super::read::{Reader, Src};
use crate::diagnostic::Severity;
use crate::text;

/// Paths in messages are cut to this many characters.
const SHOWN_PATH: usize = 160;

/// Why a path is refused.
pub(super) enum BadPath {
    Absolute,
    DotDot,
    Empty,
}

/// `a\b`, `./a//b` → `a/b`; absolute paths and `..` parts are refused.
pub(super) fn normalize(raw: &str) -> Result<String, BadPath> {
    let slashed;
    let s = if raw.contains('\\') {
        slashed = raw.replace('\\', "/");
        slashed.as_str()
    } else {
        raw
    };
    let b = s.as_bytes();
    if s.starts_with('/') || (b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic()) {
        return Err(BadPath::Absolute);
    }
    let mut out = String::with_capacity(s.len());
    for part in s.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(BadPath::DotDot),
            p => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(p);
            }
        }
    }
    if out.is_empty() {
        Err(BadPath::Empty)
    } else {
        Ok(out)
    }
}

/// Whether `path` is as [`normalize`] leaves it: what every file's path in an input is. The
/// archive writers (`crate::pack`) check paths with it, so that they write what the reader takes.
pub(crate) fn is_normalized(path: &str) -> bool {
    normalize(path).is_ok_and(|p| p == path)
}

/// A path cut to a readable length for messages.
pub(super) fn shown(path: &str) -> String {
    if path.chars().count() <= SHOWN_PATH {
        path.to_string()
    } else {
        let head: String = path.chars().take(SHOWN_PATH).collect();
        format!("{head}…")
    }
}

pub(super) fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Reader<'_> {
    /// The path of a file entry inside the input, or `None` (and a finding) when it is refused.
    pub(super) fn entry_path(&mut self, src: &Src, raw: &[u8]) -> Option<String> {
        let limit = self.limits.max_path_len;
        if src.prefix.len() + raw.len() > limit {
            let len = src.prefix.len() + raw.len();
            let at = shown(&format!("{}{}", src.prefix, lossy(raw)));
            self.problem(
                Some(&at),
                Severity::Error,
                text!(
                    "a path of {len} bytes is over the limit of {limit}; the entry `{at}` was skipped",
                    "路径长度为 {len} 字节，超过 {limit} 的限制，已跳过条目 `{at}`"
                ),
                Some(text!("shorten the file's path", "请缩短该文件的路径")),
            );
            return None;
        }
        let Ok(text) = std::str::from_utf8(raw) else {
            let at = format!("{}{}", src.prefix, lossy(raw));
            self.problem(
                Some(&at),
                Severity::Error,
                text!(
                    "the entry name `{at}` is not valid UTF-8; the entry was skipped",
                    "条目名 `{at}` 不是有效的 UTF-8，已跳过该条目"
                ),
                Some(text!(
                    "rename the file with UTF-8 characters",
                    "请使用 UTF-8 字符重命名该文件"
                )),
            );
            return None;
        };
        match normalize(text) {
            Ok(p) if src.prefix.is_empty() => Some(p),
            Ok(p) => Some(format!("{}{p}", src.prefix)),
            Err(why) => {
                let at = format!("{}{text}", src.prefix);
                let (en, zh) = match why {
                    BadPath::Absolute => ("has an absolute path", "是绝对路径"),
                    BadPath::DotDot => (
                        "has a `..` part that points outside the archive",
                        "包含指向归档之外的 `..`",
                    ),
                    BadPath::Empty => ("has an empty name", "名称为空"),
                };
                self.problem(
                    Some(&at),
                    Severity::Error,
                    text!("the entry `{at}` {en}; it was skipped", "条目 `{at}` {zh}，已跳过"),
                    Some(text!(
                        "package the chart with `helm package`: entries are relative to the chart folder",
                        "请用 `helm package` 打包 chart：条目路径应相对于 chart 目录"
                    )),
                );
                None
            }
        }
    }
}
