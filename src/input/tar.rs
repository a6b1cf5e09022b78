//! Reading a tar stream (plain, or from a gzip decoder) entry by entry.

use super::archive::Kind;
use super::budget::{Budget, Counted, StreamState};
use super::limits::size;
use super::paths::{lossy, shown};
use super::read::{Reader, Src};
use super::File;
use crate::diagnostic::Severity;
use crate::text;
use std::io::{self, Read};

/// How much of an archive is still read after the tar end-of-archive marker, to notice a
/// truncated or corrupt gzip trailer. More than this is reported and left unread.
const TAIL_LIMIT: u64 = 1 << 20;

impl Reader<'_> {
    /// Read a tar stream (from a gzip decoder or from memory) entry by entry. Not generic: one
    /// copy of this and of `tar` in the wasm module. True when the archive was read to its end
    /// marker and the stream after it to its end without an error.
    pub(super) fn read_tar(
        &mut self,
        budget: &Budget,
        reader: &mut dyn Read,
        gz: bool,
        src: &Src,
        out: &mut Vec<File>,
    ) -> bool {
        let state = StreamState::default();
        let mut archive = ::tar::Archive::new(Counted::new(reader, budget, &state));
        let mut files = 0usize;
        let mut seen = 0usize;
        let mut complete = false;
        let mut failed = false;
        // The entry names of the files, as written, for Helm's view of the layout.
        let mut names: Vec<String> = Vec::new();
        {
            let Ok(mut entries) = archive.entries_with_seek() else {
                return false;
            };
            loop {
                let mut entry = match entries.next() {
                    None => {
                        complete = true;
                        break;
                    }
                    Some(Ok(e)) => e,
                    Some(Err(e)) => {
                        self.stream_failed(budget, &state, &e, gz, src, files, seen, None);
                        failed = true;
                        break;
                    }
                };
                seen += 1;
                let raw = entry.path_bytes().into_owned();
                if !self.count_entry(src.prefix, &raw) {
                    break;
                }
                let kind = entry_kind(&entry, &raw);
                if let Kind::Empty { en, zh } = &kind {
                    if let Some(path) = self.entry_path(src, &raw) {
                        self.read_as_empty(&path, en, zh);
                        out.push(File {
                            path,
                            data: Vec::new(),
                        });
                        files += 1;
                        names.push(lossy(&raw).replace('\\', "/"));
                    }
                    continue;
                }
                if !self.is_file(src, &raw, kind) {
                    continue;
                }
                let Some(path) = self.entry_path(src, &raw) else {
                    continue;
                };
                names.push(lossy(&raw).replace('\\', "/"));
                let n = entry.size();
                if n > self.limits.max_file_bytes {
                    self.file_too_big(&path, n);
                    if n > budget.remaining() {
                        // Skipping it would decompress past the total limit: stop now.
                        self.total_exceeded(Some(&path));
                        break;
                    }
                    continue;
                }
                if n > budget.remaining() {
                    self.total_exceeded(Some(&path));
                    break;
                }
                let mut data = Vec::with_capacity(n as usize);
                match entry.read_to_end(&mut data) {
                    Err(e) => {
                        self.stream_failed(budget, &state, &e, gz, src, files, seen, Some(&path));
                        failed = true;
                        break;
                    }
                    Ok(got) if (got as u64) < n => {
                        let (got, n) = (size(got as u64), size(n));
                        let at = shown(&path);
                        self.problem(
                            Some(&at),
                            Severity::Error,
                            text!(
                                "the archive ends inside `{at}` ({got} of {n}): it is truncated; {files} file(s) before it were read",
                                "归档在 `{at}` 中途结束（{n} 中仅有 {got}）：归档已截断；其前的 {files} 个文件已读取"
                            ),
                            Some(text!("download or package the chart again", "请重新下载或重新打包 chart")),
                        );
                        failed = true;
                        break;
                    }
                    Ok(_) => {
                        out.push(File { path, data });
                        files += 1;
                    }
                }
            }
        }
        let mut clean = false;
        if complete && !self.stopped {
            // Read what follows the end-of-archive marker, so that a cut or corrupt gzip trailer
            // is noticed (Helm stops at the marker and never looks there).
            let mut rest = archive.into_inner();
            match io::copy(&mut (&mut rest).take(TAIL_LIMIT + 1), &mut io::sink()) {
                Ok(n) if n > TAIL_LIMIT => {
                    let name = src.name;
                    let tail = size(TAIL_LIMIT);
                    self.problem(
                        src.file,
                        Severity::Warning,
                        text!(
                            "more than {tail} of data follows the end of the tar archive in `{name}`; it was not read",
                            "`{name}` 中 tar 归档结束标记之后还有超过 {tail} 的数据，未读取"
                        ),
                        None,
                    );
                }
                Ok(_) => clean = true,
                Err(_) if budget.hit.get() => self.total_exceeded(src.file),
                Err(_) => {
                    let name = src.name;
                    self.problem(
                        src.file,
                        Severity::Info,
                        text!(
                            "the gzip stream of `{name}` is cut or damaged after the end of the tar archive: all {files} file(s) were read, and Helm reads them too (it stops at the tar end), but the download may be incomplete",
                            "`{name}` 的 gzip 数据流在 tar 归档结束之后被截断或损坏：全部 {files} 个文件已读取，Helm 也能读取（它读到 tar 结束标记为止），但下载可能不完整"
                        ),
                        Some(text!("download or package the chart again", "请重新下载或重新打包 chart")),
                    );
                }
            }
        }
        if files == 0 && !failed && !self.stopped {
            self.no_files(src, seen);
        }
        if complete && !self.stopped {
            self.helm_layout(src, &names);
        }
        clean
    }

    /// Report why a stream stopped: the total limit, a broken gzip stream, or a broken tar.
    #[allow(clippy::too_many_arguments)]
    fn stream_failed(
        &mut self,
        budget: &Budget,
        state: &StreamState,
        err: &io::Error,
        gz: bool,
        src: &Src,
        files: usize,
        seen: usize,
        at: Option<&str>,
    ) {
        if budget.hit.get() {
            self.total_exceeded(at.or(src.file));
            return;
        }
        let name = src.name;
        let help = Some(text!(
            "download or package the chart again",
            "请重新下载或重新打包 chart"
        ));
        let file = at.map(shown);
        let file = file.as_deref().or(src.file);
        let message = if let Some(why) = state.error.borrow_mut().take() {
            if files == 0 {
                text!(
                    "the gzip stream of `{name}` is truncated or corrupt ({why}); no file could be read",
                    "`{name}` 的 gzip 数据流截断或损坏（{why}）；未能读取任何文件"
                )
            } else {
                text!(
                    "the gzip stream of `{name}` is truncated or corrupt ({why}); {files} file(s) before that point were read",
                    "`{name}` 的 gzip 数据流截断或损坏（{why}）；此前的 {files} 个文件已读取"
                )
            }
        } else if gz && seen == 0 {
            text!(
                "`{name}` is gzip-compressed but does not hold a tar archive ({err})",
                "`{name}` 是 gzip 压缩文件，但其中不是 tar 归档（{err}）"
            )
        } else if err.to_string().contains("entire block") || err.to_string().contains("EOF") {
            text!(
                "the tar archive `{name}` is truncated; {files} file(s) before that point were read",
                "tar 归档 `{name}` 已截断；此前的 {files} 个文件已读取"
            )
        } else {
            text!(
                "the tar archive `{name}` is corrupt ({err}); {files} file(s) before that point were read",
                "tar 归档 `{name}` 已损坏（{err}）；此前的 {files} 个文件已读取"
            )
        };
        self.problem(file, Severity::Error, message, help);
    }
}

/// What a tar entry is, from its type (an old-style folder is a regular entry named `…/`).
fn entry_kind(entry: &::tar::Entry<'_, impl Read>, raw: &[u8]) -> Kind {
    use ::tar::EntryType as T;
    let link = || {
        entry
            .link_name_bytes()
            .map(|l| lossy(&l))
            .unwrap_or_default()
    };
    match entry.header().entry_type() {
        T::Regular | T::Continuous if raw.ends_with(b"/") && entry.size() == 0 => Kind::Dir,
        T::Regular | T::Continuous => Kind::File,
        T::Directory => Kind::Dir,
        T::XGlobalHeader => Kind::Meta,
        T::Symlink => {
            let to = link();
            Kind::Empty {
                en: format!("a symbolic link (to `{to}`)"),
                zh: format!("符号链接（指向 `{to}`）"),
            }
        }
        T::Link => {
            let to = link();
            Kind::Empty {
                en: format!("a hard link (to `{to}`)"),
                zh: format!("硬链接（指向 `{to}`）"),
            }
        }
        T::Char => Kind::char_device().into_empty(),
        T::Block => Kind::block_device().into_empty(),
        T::Fifo => Kind::fifo().into_empty(),
        T::GNUSparse => Kind::refused("a sparse file", "稀疏文件"),
        other => {
            let b = char::from(other.as_byte());
            Kind::refused(
                format!("an entry of tar type `{b}`"),
                format!("tar 类型为 `{b}` 的条目"),
            )
        }
    }
}
