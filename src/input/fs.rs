//! Reading a path on disk into an input (native only): an archive file, or a folder walked without
//! following symbolic links. Every limit is the caller's [`Limits`], applied here while walking and
//! again by [`super::load`], as for an archive.

use super::{File, Input, Limits, Problem, Source};
use crate::diagnostic::{Severity, Text};
use crate::text;
use std::path::Path;

/// One input read from disk, and how to show its paths.
pub struct Loaded {
    pub input: Input,
    /// `(strip, prepend)` as in `output::InputView::display`: a folder's files are named
    /// `<folder name>/...` and shown as the path the user gave. `None` for an archive.
    pub display: Option<(String, String)>,
}

/// Read `path`, a chart archive or a folder. An archive is told from a folder by the file system,
/// and its format by its bytes. What cannot be read at all is an unreadable input that says why.
pub fn read_path(path: &Path, limits: &Limits) -> Loaded {
    let name = shown_path(path);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return cannot_read(name, &e),
    };
    if meta.is_dir() {
        let dir_name = folder_name(path);
        let prefix = format!("{dir_name}/");
        return match walk_folder(path, name.clone(), &prefix, limits) {
            Ok(input) => Loaded {
                input,
                display: Some((prefix, shown_prefix(&name))),
            },
            Err(e) => cannot_read(name, &e),
        };
    }
    if !meta.is_file() {
        return unreadable(
            name.clone(),
            text!(
                "`{name}` is neither a file nor a folder",
                "`{name}` 既不是文件也不是目录"
            ),
        );
    }
    if meta.len() > limits.max_total_bytes {
        let (size, max) = (meta.len(), limits.max_total_bytes);
        return unreadable(
            name.clone(),
            text!(
                "`{name}` is {size} bytes, over the limit of {max} bytes per input",
                "`{name}` 大小为 {size} 字节，超过每个输入 {max} 字节的限制"
            ),
        );
    }
    match std::fs::read(path) {
        Ok(data) => {
            let mut input = super::load(
                Source::Archive {
                    name: name.clone(),
                    data,
                },
                limits,
            );
            if input.unreadable && input.problems.is_empty() {
                // REPORT.md: an unreadable input always says why.
                input.problems.push(Problem::new(
                    None,
                    Severity::Error,
                    text!(
                        "`{name}` could not be read as an archive",
                        "`{name}` 无法作为归档读取"
                    ),
                ));
            }
            Loaded {
                input,
                display: None,
            }
        }
        Err(e) => cannot_read(name, &e),
    }
}

/// Read folder `path` as an input named as [`read_path`] names it, with its files named
/// `<prefix><path inside the folder>` (`prefix` is empty or ends with `/`).
pub fn read_folder(path: &Path, prefix: &str, limits: &Limits) -> Input {
    let name = shown_path(path);
    walk_folder(path, name.clone(), prefix, limits).unwrap_or_else(|e| cannot_read(name, &e).input)
}

/// A path as the user wrote it, with `/` separators and no trailing `/`.
fn shown_path(path: &Path) -> String {
    let s = path
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    let trimmed = s.trim_end_matches('/');
    if trimmed.is_empty() && s.starts_with('/') {
        "/".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The name a folder's files are reported under: its own name, also for `.` or `/`.
fn folder_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            std::fs::canonicalize(path)
                .ok()?
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "root".to_string())
}

/// What a folder's files are shown under: the path as given (nothing for `.`).
fn shown_prefix(name: &str) -> String {
    if name == "." {
        String::new()
    } else {
        format!("{name}/")
    }
}

/// An input that could not be read at all.
fn unreadable(name: String, message: Text) -> Loaded {
    let input = Input {
        path: name,
        files: Vec::new(),
        problems: vec![Problem::new(None, Severity::Error, message)],
        unreadable: true,
        ..Input::default()
    };
    Loaded {
        input,
        display: None,
    }
}

fn cannot_read(name: String, e: &std::io::Error) -> Loaded {
    let message = cannot_read_message(&name, e);
    unreadable(name, message)
}

fn cannot_read_message(path: &str, e: &std::io::Error) -> Text {
    let e = e.to_string();
    text!("cannot read `{path}`: {e}", "无法读取 `{path}`：{e}")
}

/// Walk folder `path` (an error only when the folder itself cannot be listed), then read its
/// files as `Source::Folder` `name`; the walk's own problems come after the reader's.
fn walk_folder(path: &Path, name: String, prefix: &str, limits: &Limits) -> std::io::Result<Input> {
    let mut walk = Walk {
        limits,
        files: Vec::new(),
        problems: Vec::new(),
        entries: 0,
        bytes: 0,
        stopped: false,
    };
    walk.dir(path, prefix)?;
    let mut input = super::load(
        Source::Folder {
            name,
            files: walk.files,
        },
        limits,
    );
    input.problems.extend(walk.problems);
    Ok(input)
}

/// A folder walk: regular files only, symbolic links and special files reported and skipped,
/// within the limits (checked here on the sizes the file system gives, before reading a file).
struct Walk<'a> {
    limits: &'a Limits,
    files: Vec<File>,
    problems: Vec<Problem>,
    entries: usize,
    bytes: u64,
    stopped: bool,
}

impl Walk<'_> {
    fn problem(&mut self, file: Option<&str>, severity: Severity, message: Text) {
        self.problems.push(Problem::new(file, severity, message));
    }

    fn cannot_read(&mut self, rel: &str, e: &std::io::Error) {
        self.problem(Some(rel), Severity::Error, cannot_read_message(rel, e));
    }

    /// Read folder `root`, whose files are named `<root_prefix>...`. Iterative over a stack of
    /// folders, so depth costs no native stack.
    fn dir(&mut self, root: &Path, root_prefix: &str) -> std::io::Result<()> {
        let mut stack = vec![(root.to_path_buf(), root_prefix.to_string())];
        let mut first = true;
        while let Some((dir, prefix)) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
                Err(e) => Err(e),
            };
            let mut entries = match entries {
                Ok(e) => e,
                Err(e) if first => return Err(e),
                Err(e) => {
                    let e = e.to_string();
                    let folder = prefix.strip_suffix('/').unwrap_or(&prefix);
                    self.problem(
                        Some(folder),
                        Severity::Error,
                        text!(
                            "cannot read folder `{folder}`: {e}",
                            "无法读取目录 `{folder}`：{e}"
                        ),
                    );
                    continue;
                }
            };
            first = false;
            slim_sort::sort_by_key(&mut entries, |e| e.file_name());
            let mut subdirs = Vec::new();
            for entry in entries {
                if self.stopped {
                    return Ok(());
                }
                let Some(file_name) = entry.file_name().to_str().map(str::to_string) else {
                    let shown = entry.file_name().to_string_lossy().into_owned();
                    let p = format!("{prefix}{shown}");
                    self.problem(
                        Some(&p),
                        Severity::Warning,
                        text!(
                            "`{p}` skipped: its name is not UTF-8",
                            "已跳过 `{p}`：文件名不是 UTF-8"
                        ),
                    );
                    continue;
                };
                let rel = format!("{prefix}{file_name}");
                self.entries += 1;
                if self.entries > self.limits.max_entries {
                    let max = self.limits.max_entries;
                    self.problem(
                        None,
                        Severity::Error,
                        text!(
                            "more than {max} entries: stopped reading at `{rel}`",
                            "条目超过 {max} 个：已在 `{rel}` 处停止读取"
                        ),
                    );
                    self.stopped = true;
                    return Ok(());
                }
                let kind = match entry.file_type() {
                    Ok(k) => k,
                    Err(e) => {
                        self.cannot_read(&rel, &e);
                        continue;
                    }
                };
                if kind.is_symlink() {
                    let target = std::fs::read_link(entry.path())
                        .map(|t| t.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.problem(
                        Some(&rel),
                        Severity::Warning,
                        text!(
                            "symbolic link `{rel}` → `{target}` skipped: links are not followed",
                            "已跳过符号链接 `{rel}` → `{target}`：不跟随符号链接"
                        ),
                    );
                } else if kind.is_dir() {
                    subdirs.push((entry.path(), format!("{rel}/")));
                } else if kind.is_file() {
                    self.file(&entry.path(), rel);
                } else {
                    self.problem(
                        Some(&rel),
                        Severity::Warning,
                        text!(
                            "`{rel}` skipped: not a regular file (device, socket or pipe)",
                            "已跳过 `{rel}`：不是普通文件（设备、套接字或管道）"
                        ),
                    );
                }
            }
            // Depth first, in name order: push in reverse so the first folder is read first.
            stack.extend(subdirs.into_iter().rev());
        }
        Ok(())
    }

    fn file(&mut self, path: &Path, rel: String) {
        let size = match std::fs::symlink_metadata(path) {
            Ok(m) => m.len(),
            Err(e) => {
                self.cannot_read(&rel, &e);
                return;
            }
        };
        if size > self.limits.max_file_bytes {
            let max = self.limits.max_file_bytes;
            self.problem(
                Some(&rel),
                Severity::Error,
                text!(
                    "`{rel}` skipped: {size} bytes, over the limit of {max} bytes per file",
                    "已跳过 `{rel}`：{size} 字节，超过单个文件 {max} 字节的限制"
                ),
            );
            return;
        }
        if self.bytes + size > self.limits.max_total_bytes {
            let max = self.limits.max_total_bytes;
            self.problem(
                None,
                Severity::Error,
                text!(
                    "over {max} bytes in total: stopped reading at `{rel}`",
                    "总大小超过 {max} 字节：已在 `{rel}` 处停止读取"
                ),
            );
            self.stopped = true;
            return;
        }
        match std::fs::read(path) {
            Ok(data) => {
                // The file may have grown since it was measured.
                self.bytes += data.len() as u64;
                self.files.push(File { path: rel, data });
            }
            Err(e) => self.cannot_read(&rel, &e),
        }
    }
}
