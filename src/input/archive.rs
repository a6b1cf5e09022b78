//! Reading an archive (`.tgz`, `.tar.gz`, `.tar`, `.zip`) or a folder into files.
//!
//! Every byte is hostile. The format is found from the magic bytes, not the name. Gzip is read as
//! a stream through a counting reader, so a decompression bomb is cut off as soon as it passes the
//! total limit; nothing is ever decompressed first and measured afterwards. Unsafe entries
//! (absolute paths, `..`, links, devices) are skipped. Every skip, cut or oddity is one `INPUT-001`
//! diagnostic; whatever could be read is kept and checked.
//!
//! Zip is read by a small central-directory reader below (stored and deflate entries, zip64
//! sizes), not by the `zip` crate: that crate (9.x, deflate only) added ≈ 107 KB raw / 40 KB
//! gzip and about ten crates (getrandom, zeroize, typed-path, indexmap, …) to the wasm module, and
//! it folds central-directory entries with the same name together, so a duplicate could not be
//! reported by name.

use super::{File, Input, Limits, Source};
use crate::diagnostic::{Diagnostic, Range, Severity, Text};
use crate::rules::input::input_001::input_problem;
use crate::text;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::io::{self, Read};

/// How much of an archive is still read after the tar end-of-archive marker, to notice a
/// truncated or corrupt gzip trailer. More than this is reported and left unread.
const TAIL_LIMIT: u64 = 1 << 20;
/// Paths in messages are cut to this many characters.
const SHOWN_PATH: usize = 160;

/// Read a source into files: see [`super::load`].
pub fn load(source: Source, limits: &Limits) -> Input {
    let budget = Budget::new(limits.max_total_bytes);
    let mut reader = Loader {
        limits,
        diags: Vec::new(),
        entries: 0,
        stopped: false,
    };
    let mut files = Vec::new();
    let path = source.name().to_string();
    match source {
        Source::Archive { name, data } => {
            let src = Src {
                prefix: "",
                name: &name,
                file: None,
            };
            reader.read_archive(&budget, &data, &src, &mut files);
        }
        Source::Folder { name, files: given } => {
            reader.read_folder(&budget, &name, given, &mut files)
        }
    }
    reader.open_subcharts(&budget, &mut files, 0, 0);
    let files = reader.finish(files);
    Input {
        path,
        unreadable: files.is_empty(),
        files,
        diagnostics: reader.diags,
    }
}

/// The total decompressed size of one input, shared by its archive and every subchart archive.
struct Budget {
    used: Cell<u64>,
    limit: u64,
    /// Set when a read passed the limit (the read then failed).
    hit: Cell<bool>,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            used: Cell::new(0),
            limit,
            hit: Cell::new(false),
        }
    }
    fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.used.get())
    }
}

/// The error the reader under a counted stream returned, if any (a gzip stream that failed).
#[derive(Default)]
struct StreamState {
    error: RefCell<Option<String>>,
}

/// A reader that counts what passes through it against the budget and fails once past it: the
/// decompressor writes straight into our buffers, so at most one byte more than the limit is
/// ever decompressed.
struct Counted<'b, R> {
    inner: R,
    budget: &'b Budget,
    state: &'b StreamState,
    /// Bytes read so far (the position `tar` keeps too).
    pos: u64,
}

impl<'b, R> Counted<'b, R> {
    fn new(inner: R, budget: &'b Budget, state: &'b StreamState) -> Self {
        Counted {
            inner,
            budget,
            state,
            pos: 0,
        }
    }
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let allowed = self.budget.remaining().saturating_add(1);
        let cap = usize::try_from(allowed).map_or(buf.len(), |a| a.min(buf.len()));
        match self.inner.read(&mut buf[..cap]) {
            Ok(n) => {
                self.pos += n as u64;
                let used = self.budget.used.get().saturating_add(n as u64);
                self.budget.used.set(used);
                if used > self.budget.limit {
                    self.budget.hit.set(true);
                    return Err(io::Error::other("total decompressed size limit"));
                }
                Ok(n)
            }
            Err(e) => {
                if e.kind() != io::ErrorKind::Interrupted {
                    *self.state.error.borrow_mut() = Some(e.to_string());
                }
                Err(e)
            }
        }
    }
}

/// Forward "seeks" only, by reading and dropping (still counted). `tar` skips entry padding and
/// unread entries through this; without it, it zeroes a 32 KiB buffer for every entry.
impl<R: Read> io::Seek for Counted<'_, R> {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        let io::SeekFrom::Current(n) = to else {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "only forward seeks",
            ));
        };
        let mut left = u64::try_from(n)
            .map_err(|_| io::Error::new(io::ErrorKind::Unsupported, "only forward seeks"))?;
        let mut small = [0u8; 512];
        let mut large = Vec::new();
        let buf: &mut [u8] = if left <= 512 {
            &mut small
        } else {
            large.resize(64 * 1024, 0);
            &mut large
        };
        while left > 0 {
            let want = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
            match self.read(&mut buf[..want])? {
                0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "unexpected EOF during skip",
                    ))
                }
                got => left -= got as u64,
            }
        }
        Ok(self.pos)
    }
}

/// One archive being read: where its files go and how it is named in messages.
struct Src<'a> {
    /// Prefix of its files' paths: "" for the input, `<archive path>/` for a subchart archive.
    prefix: &'a str,
    /// The archive as named in messages.
    name: &'a str,
    /// The `file` of findings about the archive as a whole (`None` for the input itself).
    file: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Empty,
    Gzip,
    Zip,
    Tar,
    Unknown,
}

fn sniff(data: &[u8]) -> Format {
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

/// Why a path is refused.
enum BadPath {
    Absolute,
    DotDot,
    Empty,
}

/// `a\b`, `./a//b` → `a/b`; absolute paths and `..` parts are refused.
fn normalize(raw: &str) -> Result<String, BadPath> {
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

/// A path cut to a readable length for messages.
fn shown(path: &str) -> String {
    if path.chars().count() <= SHOWN_PATH {
        path.to_string()
    } else {
        let head: String = path.chars().take(SHOWN_PATH).collect();
        format!("{head}…")
    }
}

/// A size for messages: `5 MiB`, `1.5 KiB`, `12 B`.
fn size(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * 1024 * 1024;
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if n >= unit {
            // Tenths, rounded, in integers.
            let tenths = (n as u128 * 10 + unit as u128 / 2) / unit as u128;
            return if n.is_multiple_of(unit) || tenths % 10 == 0 {
                format!("{} {name}", tenths / 10)
            } else {
                format!("{}.{} {name}", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{n} B")
}

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

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a tar or zip entry is.
enum Kind {
    File,
    Dir,
    /// Skipped with a finding: symlink, hard link, device, fifo, …
    Refused {
        en: String,
        zh: String,
    },
    /// Not a file and nothing to report (pax global header).
    Meta,
}

struct Loader<'l> {
    limits: &'l Limits,
    diags: Vec<Diagnostic>,
    /// Entries seen so far in the whole input (subchart archives included).
    entries: usize,
    /// A total or entry limit was crossed: nothing more is read.
    stopped: bool,
}

impl Loader<'_> {
    fn problem(
        &mut self,
        file: Option<&str>,
        severity: Severity,
        message: Text,
        help: Option<Text>,
    ) -> &mut Diagnostic {
        let mut d = input_problem(file, severity, message);
        d.help = help;
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn read_archive(&mut self, budget: &Budget, data: &[u8], src: &Src, out: &mut Vec<File>) {
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
                let mut gz = flate2::read::MultiGzDecoder::new(data);
                self.read_tar(budget, &mut gz, true, src, out);
            }
            Format::Tar => self.read_tar(budget, &mut { data }, false, src, out),
            Format::Zip => self.read_zip(budget, data, src, out),
        }
    }

    /// Count one entry; false (and a finding) once past the entry limit.
    fn count_entry(&mut self, prefix: &str, name: &[u8]) -> bool {
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
    fn total_exceeded(&mut self, at: Option<&str>) {
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

    fn file_too_big(&mut self, path: &str, n: u64) {
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

    /// The path of a file entry inside the input, or `None` (and a finding) when it is refused.
    fn entry_path(&mut self, src: &Src, raw: &[u8]) -> Option<String> {
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

    /// Read a tar stream (from a gzip decoder or from memory) entry by entry. Not generic: one
    /// copy of this and of `tar` in the wasm module.
    fn read_tar(
        &mut self,
        budget: &Budget,
        reader: &mut dyn Read,
        gz: bool,
        src: &Src,
        out: &mut Vec<File>,
    ) {
        let state = StreamState::default();
        let mut archive = tar::Archive::new(Counted::new(reader, budget, &state));
        let mut files = 0usize;
        let mut seen = 0usize;
        let mut complete = false;
        let mut failed = false;
        {
            let Ok(mut entries) = archive.entries_with_seek() else {
                return;
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
                let kind = {
                    use tar::EntryType as T;
                    let ty = entry.header().entry_type();
                    let link = || {
                        entry
                            .link_name_bytes()
                            .map(|l| lossy(&l))
                            .unwrap_or_default()
                    };
                    match ty {
                        T::Regular | T::Continuous if raw.ends_with(b"/") && entry.size() == 0 => {
                            Kind::Dir
                        }
                        T::Regular | T::Continuous => Kind::File,
                        T::Directory => Kind::Dir,
                        T::XGlobalHeader => Kind::Meta,
                        T::Symlink => {
                            let to = link();
                            Kind::Refused {
                                en: format!("a symbolic link (to `{to}`)"),
                                zh: format!("符号链接（指向 `{to}`）"),
                            }
                        }
                        T::Link => {
                            let to = link();
                            Kind::Refused {
                                en: format!("a hard link (to `{to}`)"),
                                zh: format!("硬链接（指向 `{to}`）"),
                            }
                        }
                        T::Char => Kind::Refused {
                            en: "a character device".into(),
                            zh: "字符设备".into(),
                        },
                        T::Block => Kind::Refused {
                            en: "a block device".into(),
                            zh: "块设备".into(),
                        },
                        T::Fifo => Kind::Refused {
                            en: "a named pipe (fifo)".into(),
                            zh: "命名管道（fifo）".into(),
                        },
                        T::GNUSparse => Kind::Refused {
                            en: "a sparse file".into(),
                            zh: "稀疏文件".into(),
                        },
                        other => {
                            let b = char::from(other.as_byte());
                            Kind::Refused {
                                en: format!("an entry of tar type `{b}`"),
                                zh: format!("tar 类型为 `{b}` 的条目"),
                            }
                        }
                    }
                };
                match kind {
                    Kind::Dir | Kind::Meta => continue,
                    Kind::Refused { en, zh } => {
                        self.refused(src, &raw, &en, &zh);
                        continue;
                    }
                    Kind::File => {}
                }
                let Some(path) = self.entry_path(src, &raw) else {
                    continue;
                };
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
        if complete && !self.stopped {
            // Read what follows the end-of-archive marker, so that a cut or corrupt gzip trailer
            // is noticed (Helm never looks there, hence only a warning).
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
                Ok(_) => {}
                Err(_) if budget.hit.get() => self.total_exceeded(src.file),
                Err(_) => {
                    let name = src.name;
                    self.problem(
                        src.file,
                        Severity::Warning,
                        text!(
                            "the gzip stream of `{name}` is truncated or corrupt after the end of the tar archive; all {files} file(s) were read",
                            "`{name}` 的 gzip 数据流在 tar 归档结束之后截断或损坏；全部 {files} 个文件已读取"
                        ),
                        Some(text!("download or package the chart again", "请重新下载或重新打包 chart")),
                    );
                }
            }
        }
        if files == 0 && !failed && !self.stopped {
            self.no_files(src, seen);
        }
    }

    fn no_files(&mut self, src: &Src, seen: usize) {
        let name = src.name;
        let text = if seen == 0 {
            text!("`{name}` holds no files", "`{name}` 中没有任何文件")
        } else {
            text!(
                "`{name}` holds no file that could be read ({seen} entries, none a readable regular file)",
                "`{name}` 中没有可读取的文件（共 {seen} 个条目，均不是可读取的普通文件）"
            )
        };
        self.problem(
            src.file,
            Severity::Error,
            text,
            Some(text!(
                "package the chart folder with `helm package`",
                "请用 `helm package` 打包 chart 目录"
            )),
        );
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

    /// Read a zip archive from its central directory.
    fn read_zip(&mut self, budget: &Budget, data: &[u8], src: &Src, out: &mut Vec<File>) {
        let name = src.name;
        let dir = match zipread::directory(data) {
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
            match entry.kind() {
                Kind::Dir | Kind::Meta => continue,
                Kind::Refused { en, zh } => {
                    self.refused(src, entry.name, &en, &zh);
                    continue;
                }
                Kind::File => {}
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
        entry: &zipread::Entry,
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
                let inflate = flate2::read::DeflateDecoder::new(raw);
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
        let mut crc = flate2::Crc::new();
        crc.update(&bytes);
        if crc.sum() != entry.crc {
            return Err(bad(
                "its CRC-32 checksum does not match",
                "其 CRC-32 校验和不匹配",
            ));
        }
        Ok(bytes)
    }

    /// Files of a folder, read by the caller: the same limits and path rules as an archive.
    fn read_folder(&mut self, budget: &Budget, name: &str, given: Vec<File>, out: &mut Vec<File>) {
        let src = Src {
            prefix: "",
            name,
            file: None,
        };
        let mut seen = 0usize;
        for f in given {
            seen += 1;
            if !self.count_entry("", f.path.as_bytes()) {
                break;
            }
            let Some(path) = self.entry_path(&src, f.path.as_bytes()) else {
                continue;
            };
            let n = f.data.len() as u64;
            if n > self.limits.max_file_bytes {
                self.file_too_big(&path, n);
                continue;
            }
            if n > budget.remaining() {
                self.total_exceeded(Some(&path));
                break;
            }
            budget.used.set(budget.used.get() + n);
            out.push(File { path, data: f.data });
        }
        if out.is_empty() && !self.stopped {
            self.no_files(&src, seen);
        }
    }

    /// Open `<chart>/charts/<x>.tgz` archives among `files[from..]`, `depth` archives deep, and
    /// add their files under `<archive path>/`; then the archives inside those, and so on.
    fn open_subcharts(
        &mut self,
        budget: &Budget,
        files: &mut Vec<File>,
        from: usize,
        depth: usize,
    ) {
        let charts: HashSet<&str> = files
            .iter()
            .filter_map(|f| f.path.strip_suffix("Chart.yaml"))
            .filter(|p| p.is_empty() || p.ends_with('/'))
            .collect();
        let candidates: Vec<usize> = (from..files.len())
            .filter(|&i| is_subchart_archive(&files[i].path, &charts))
            .collect();
        for i in candidates {
            if self.stopped {
                return;
            }
            let path = files[i].path.clone();
            if depth + 1 > self.limits.max_archive_depth {
                let limit = self.limits.max_archive_depth;
                let at = shown(&path);
                self.problem(
                    Some(&at),
                    Severity::Warning,
                    text!(
                        "the subchart archive `{at}` is nested more than {limit} archives deep; it was not opened",
                        "子 chart 归档 `{at}` 的嵌套层数超过 {limit}，未打开"
                    ),
                    Some(text!("unpack the deepest subcharts into folders", "请将最深层的子 chart 解压为目录")),
                );
                continue;
            }
            let prefix = format!("{path}/");
            let mut nested = Vec::new();
            let src = Src {
                prefix: &prefix,
                name: &path,
                file: Some(&path),
            };
            self.read_archive(budget, &files[i].data, &src, &mut nested);
            let start = files.len();
            files.append(&mut nested);
            self.open_subcharts(budget, files, start, depth + 1);
        }
    }

    /// Sort by path, keep the last of duplicate paths, and check text files.
    fn finish(&mut self, mut files: Vec<File>) -> Vec<File> {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut kept: Vec<File> = Vec::with_capacity(files.len());
        let mut dups = 1usize;
        for f in files {
            if kept.last().is_some_and(|k| k.path == f.path) {
                dups += 1;
                *kept.last_mut().expect("checked") = f;
                continue;
            }
            if dups > 1 {
                self.duplicate(&kept.last().expect("a run").path.clone(), dups);
            }
            dups = 1;
            kept.push(f);
        }
        if dups > 1 {
            self.duplicate(&kept.last().expect("a run").path.clone(), dups);
        }
        for f in &kept {
            self.text_checks(f);
        }
        kept
    }

    fn duplicate(&mut self, path: &str, n: usize) {
        self.problem(
            Some(path),
            Severity::Warning,
            text!(
                "`{path}` is listed {n} times in the archive; the last one is used",
                "`{path}` 在归档中出现 {n} 次，使用最后一个"
            ),
            Some(text!(
                "package the chart again so that each file appears once",
                "请重新打包 chart，使每个文件只出现一次"
            )),
        );
    }

    fn text_checks(&mut self, f: &File) {
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

enum ZipEntryError {
    Total,
    TooBig(u64),
    Bad { en: String, zh: String },
}

/// `<chart>/charts/<x>.tgz` (or `.tar.gz`) where `<chart>/Chart.yaml` exists.
fn is_subchart_archive(path: &str, charts: &HashSet<&str>) -> bool {
    if !(path.ends_with(".tgz") || path.ends_with(".tar.gz")) {
        return false;
    }
    let Some((dir, _)) = path.rsplit_once('/') else {
        return false;
    };
    let Some(chart) = dir.strip_suffix("charts") else {
        return false;
    };
    (chart.is_empty() || chart.ends_with('/')) && charts.contains(chart)
}

/// A small zip reader: the central directory, zip64 sizes, stored and deflate entries.
mod zipread {
    use super::Kind;

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
                    0o120_000 => {
                        return Kind::Refused {
                            en: "a symbolic link".into(),
                            zh: "符号链接".into(),
                        }
                    }
                    0o020_000 => {
                        return Kind::Refused {
                            en: "a character device".into(),
                            zh: "字符设备".into(),
                        }
                    }
                    0o060_000 => {
                        return Kind::Refused {
                            en: "a block device".into(),
                            zh: "块设备".into(),
                        }
                    }
                    0o010_000 => {
                        return Kind::Refused {
                            en: "a named pipe (fifo)".into(),
                            zh: "命名管道（fifo）".into(),
                        }
                    }
                    _ => {
                        return Kind::Refused {
                            en: "a special file".into(),
                            zh: "特殊文件".into(),
                        }
                    }
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
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;
    use tar::{Builder, EntryType, Header};

    const CHART: &[u8] = b"apiVersion: v1\nname: app\nversion: 1.0.0\n";

    /// A tar header written by hand, so that hostile names and types are possible.
    fn header(name: &[u8], kind: EntryType, size: u64, link: &[u8]) -> Header {
        let mut h = Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.as_old_mut().linkname[..link.len()].copy_from_slice(link);
        h.set_entry_type(kind);
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_cksum();
        h
    }

    fn raw_tar(entries: &[(Header, &[u8])]) -> Vec<u8> {
        let mut b = Builder::new(Vec::new());
        for (h, data) in entries {
            b.append(h, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = Builder::new(Vec::new());
        for (path, data) in entries {
            let mut h = Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            b.append_data(&mut h, path, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn tgz(entries: &[(&str, &[u8])]) -> Vec<u8> {
        gz(&tar(entries))
    }

    fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        use ::zip::write::SimpleFileOptions;
        use ::zip::CompressionMethod;
        let mut w = ::zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, data, deflate) in entries {
            let method = if *deflate {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            };
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Bytes that do not compress (xorshift).
    fn noise(n: usize, mut seed: u64) -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    }

    fn read(data: Vec<u8>) -> Input {
        read_with(Limits::default(), data)
    }

    fn read_with(limits: Limits, data: Vec<u8>) -> Input {
        load(
            Source::Archive {
                name: "in.tgz".into(),
                data,
            },
            &limits,
        )
    }

    fn paths(input: &Input) -> Vec<&str> {
        input.files.iter().map(|f| f.path.as_str()).collect()
    }

    /// The one finding whose English message contains `needle`.
    fn finding<'a>(input: &'a Input, needle: &str) -> &'a Diagnostic {
        let found: Vec<_> = input
            .diagnostics
            .iter()
            .filter(|d| d.message.en.contains(needle))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "want one finding with {needle:?}, got {:#?}",
            input.diagnostics
        );
        assert_eq!(found[0].rule, "INPUT-001");
        assert!(!found[0].message.zh.is_empty());
        found[0]
    }

    #[test]
    fn tgz_files_are_read_and_sorted() {
        let input = read(tgz(&[
            ("app/values.yaml", b"a: 1\n"),
            ("app/Chart.yaml", CHART),
            ("app/templates/x.yaml", b""),
        ]));
        assert_eq!(
            paths(&input),
            ["app/Chart.yaml", "app/templates/x.yaml", "app/values.yaml"]
        );
        assert_eq!(input.files[0].data, CHART);
        assert!(input.diagnostics.is_empty(), "{:#?}", input.diagnostics);
        assert!(!input.unreadable);
        assert_eq!(input.path, "in.tgz");
    }

    #[test]
    fn format_is_found_by_magic_bytes_not_by_name() {
        for (name, data) in [
            ("chart.zip", tar(&[("a/Chart.yaml", CHART)])),
            ("chart.tar", tgz(&[("a/Chart.yaml", CHART)])),
            ("chart.tgz", zip_of(&[("a/Chart.yaml", CHART, true)])),
            ("chart", tgz(&[("a/Chart.yaml", CHART)])),
        ] {
            let input = load(
                Source::Archive {
                    name: name.into(),
                    data,
                },
                &Limits::default(),
            );
            assert_eq!(
                paths(&input),
                ["a/Chart.yaml"],
                "{name}: {:#?}",
                input.diagnostics
            );
            assert!(input.diagnostics.is_empty());
        }
    }

    #[test]
    fn old_v7_tar_without_ustar_magic() {
        let mut h = Header::new_old();
        h.set_path("a/Chart.yaml").unwrap();
        h.set_size(CHART.len() as u64);
        h.set_cksum();
        let data = raw_tar(&[(h, CHART)]);
        assert_eq!(sniff(&data), Format::Tar);
        assert_eq!(paths(&read(data)), ["a/Chart.yaml"]);
    }

    #[test]
    fn multi_member_gzip_is_read_whole() {
        let t = tar(&[("a/Chart.yaml", CHART), ("a/values.yaml", b"x: 1\n")]);
        let mut data = gz(&t[..1024]);
        data.extend(gz(&t[1024..]));
        let input = read(data);
        assert_eq!(
            paths(&input),
            ["a/Chart.yaml", "a/values.yaml"],
            "{:#?}",
            input.diagnostics
        );
        assert!(input.diagnostics.is_empty());
    }

    #[test]
    fn zip_stored_and_deflated_entries() {
        let big = b"key: value\n".repeat(1000);
        let data = zip_of(&[
            ("a/Chart.yaml", CHART, false),
            ("a/values.yaml", &big, true),
            ("a/templates/", b"", false),
        ]);
        let input = read(data);
        assert_eq!(
            paths(&input),
            ["a/Chart.yaml", "a/values.yaml"],
            "{:#?}",
            input.diagnostics
        );
        assert_eq!(input.files[1].data, big);
        assert!(input.diagnostics.is_empty());
    }

    #[test]
    fn zip_directories_and_symlinks() {
        use ::zip::write::SimpleFileOptions;
        let mut w = ::zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        w.add_directory("a/templates", SimpleFileOptions::default())
            .unwrap();
        w.start_file("a/Chart.yaml", SimpleFileOptions::default())
            .unwrap();
        w.write_all(CHART).unwrap();
        w.add_symlink("a/values.yaml", "/etc/passwd", SimpleFileOptions::default())
            .unwrap();
        let input = read(w.finish().unwrap().into_inner());
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        let d = finding(&input, "is a symbolic link");
        assert_eq!(d.file.as_deref(), Some("a/values.yaml"));
        assert_eq!(input.diagnostics.len(), 1);
    }

    /// Offsets of central-directory records in a zip built by `zip_of`.
    fn central_records(data: &[u8]) -> Vec<usize> {
        data.windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"PK\x01\x02")
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn zip_corrupt_entries_are_skipped_and_the_rest_read() {
        let mut data = zip_of(&[
            ("a/Chart.yaml", CHART, false),
            ("a/values.yaml", b"abcdef", false),
            ("a/x.txt", b"x", true),
        ]);
        // Flip a byte of values.yaml's stored data: its CRC-32 no longer matches.
        let at = data.windows(6).position(|w| w == b"abcdef").unwrap();
        data[at] = b'X';
        // Give x.txt an unknown compression method (12 = bzip2) in the central directory.
        let cd = central_records(&data);
        data[cd[2] + 10] = 12;
        let input = read(data);
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        assert_eq!(
            finding(&input, "CRC-32").file.as_deref(),
            Some("a/values.yaml")
        );
        assert_eq!(
            finding(&input, "compression method 12").file.as_deref(),
            Some("a/x.txt")
        );
        assert!(!input.unreadable);
    }

    #[test]
    fn zip_size_that_lies_is_caught_by_the_per_file_limit() {
        let zeros = vec![0u8; 50_000];
        let mut data = zip_of(&[("a/Chart.yaml", CHART, false), ("a/big.bin", &zeros, true)]);
        // Claim 10 bytes in the central directory.
        let cd = central_records(&data);
        data[cd[1] + 24..cd[1] + 28].copy_from_slice(&10u32.to_le_bytes());
        let limits = Limits {
            max_file_bytes: 1000,
            ..Limits::default()
        };
        let input = read_with(limits, data);
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        let d = finding(&input, "over the limit of 1000 B per file");
        assert_eq!(d.file.as_deref(), Some("a/big.bin"));
    }

    #[test]
    fn zip_truncated_or_empty() {
        let data = zip_of(&[("a/Chart.yaml", CHART, false)]);
        let input = read(data[..data.len() - 10].to_vec());
        assert!(input.unreadable);
        finding(&input, "corrupt or truncated");

        let mut empty = b"PK\x05\x06".to_vec();
        empty.resize(22, 0);
        let input = read(empty);
        assert!(input.unreadable);
        finding(&input, "holds no files");
    }

    #[test]
    fn zip_unsafe_names() {
        let data = zip_of(&[("../evil.sh", b"x", false), ("a/Chart.yaml", CHART, false)]);
        let input = read(data);
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        finding(&input, "`../evil.sh` has a `..` part");
    }

    #[test]
    fn folder_paths_are_normalized_and_checked() {
        let f = |p: &str| File {
            path: p.into(),
            data: b"x: 1\n".to_vec(),
        };
        let source = Source::Folder {
            name: "proj".into(),
            files: vec![
                f("proj\\Makefile"),
                f("./proj/chart/app/Chart.yaml"),
                f("/etc/passwd"),
                f("proj/../x"),
                f("proj//a.yaml"),
            ],
        };
        let input = load(source, &Limits::default());
        assert_eq!(
            paths(&input),
            ["proj/Makefile", "proj/a.yaml", "proj/chart/app/Chart.yaml"]
        );
        finding(&input, "`/etc/passwd` has an absolute path");
        finding(&input, "`proj/../x` has a `..` part");
        assert_eq!(input.diagnostics.len(), 2);
        assert_eq!(input.path, "proj");
    }

    #[test]
    fn folder_limits() {
        let f = |p: &str, n: usize| File {
            path: p.into(),
            data: vec![b'a'; n],
        };
        let limits = Limits {
            max_file_bytes: 10,
            max_total_bytes: 20,
            max_entries: 6,
            max_path_len: 12,
            max_archive_depth: 3,
        };
        let files = vec![
            f("a", 5),
            f("big", 11),
            f("a-very-long-name", 1),
            f("b", 10),
            f("c", 10),
            f("d", 1),
        ];
        let input = load(
            Source::Folder {
                name: "p".into(),
                files,
            },
            &limits,
        );
        assert_eq!(paths(&input), ["a", "b"]);
        finding(&input, "`big` is 11 B, over the limit of 10 B per file");
        finding(&input, "a path of 16 bytes is over the limit of 12");
        assert_eq!(
            finding(&input, "more than 20 B in total").file.as_deref(),
            Some("c")
        );
        assert_eq!(input.diagnostics.len(), 3, "{:#?}", input.diagnostics);

        let input = load(
            Source::Folder {
                name: "p".into(),
                files: vec![],
            },
            &limits,
        );
        assert!(input.unreadable);
        finding(&input, "`p` holds no files");
    }

    #[test]
    fn per_file_limit_skips_only_that_file() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let input = read_with(
            limits,
            tgz(&[("a", b"12345"), ("big", &[7; 20]), ("c", b"12345")]),
        );
        assert_eq!(paths(&input), ["a", "c"]);
        let d = finding(
            &input,
            "`big` is 20 B, over the limit of 10 B per file; it was skipped",
        );
        assert_eq!(d.file.as_deref(), Some("big"));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(input.diagnostics.len(), 1);
    }

    #[test]
    fn total_limit_stops_reading() {
        let limits = Limits {
            max_total_bytes: 4000,
            ..Limits::default()
        };
        let entries: Vec<(String, Vec<u8>)> = (0..10)
            .map(|i| (format!("f{i}"), vec![b'x'; 600]))
            .collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(p, d)| (p.as_str(), d.as_slice()))
            .collect();
        let input = read_with(limits, tgz(&refs));
        // Each entry is 512 bytes of header + 1024 of padded data.
        assert_eq!(paths(&input), ["f0", "f1"]);
        let d = finding(&input, "more than 3.9 KiB in total");
        assert_eq!(d.file.as_deref(), Some("f2"));
        assert!(!input.unreadable);
    }

    #[test]
    fn gnu_long_name_bomb_is_cut_off_by_the_counting_reader() {
        // A GNU long-name entry of 4 MiB: tar reads it whole before the entry it
        // names, so only the counting reader under tar can stop it.
        let name = vec![b'a'; 4 << 20];
        let mut data = tar(&[("a/Chart.yaml", CHART)]);
        data.truncate(data.len() - 1024);
        data.extend(raw_tar(&[(
            header(
                b"././@LongLink",
                EntryType::GNULongName,
                name.len() as u64,
                b"",
            ),
            &name,
        )]));
        let limits = Limits {
            max_total_bytes: 1 << 20,
            ..Limits::default()
        };
        let started = std::time::Instant::now();
        let input = read_with(limits, gz(&data));
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        finding(&input, "more than 1 MiB in total");
    }

    #[test]
    fn counting_reader_stops_decompressing_at_the_limit() {
        let bomb = gz(&vec![0u8; 2 << 20]);
        let budget = Budget::new(100_000);
        let state = StreamState::default();
        let mut r = Counted::new(flate2::read::GzDecoder::new(&bomb[..]), &budget, &state);
        let mut out = Vec::new();
        assert!(r.read_to_end(&mut out).is_err());
        assert!(budget.hit.get());
        assert_eq!(budget.used.get(), 100_001);
        assert!(out.len() <= 100_000);
        assert!(state.error.borrow().is_none(), "not a gzip error");
    }

    #[test]
    fn entry_limit() {
        let entries: Vec<(String, Vec<u8>)> = (0..10).map(|i| (format!("f{i}"), vec![])).collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(p, d)| (p.as_str(), d.as_slice()))
            .collect();
        let limits = Limits {
            max_entries: 5,
            ..Limits::default()
        };
        let input = read_with(limits, tgz(&refs));
        assert_eq!(paths(&input), ["f0", "f1", "f2", "f3", "f4"]);
        assert_eq!(
            finding(&input, "more than 5 entries").file.as_deref(),
            Some("f5")
        );
    }

    #[test]
    fn path_length_limit() {
        let long = format!("a/{}", "x".repeat(300));
        let input = read_with(
            Limits {
                max_path_len: 100,
                ..Limits::default()
            },
            tgz(&[(long.as_str(), b"1"), ("a/Chart.yaml", CHART)]),
        );
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        let d = finding(&input, "a path of 302 bytes is over the limit of 100");
        assert!(d.file.as_ref().unwrap().ends_with('…'));
    }

    #[test]
    fn unsafe_paths_are_skipped_and_others_normalized() {
        let data = raw_tar(&[
            (header(b"/abs/x", EntryType::Regular, 1, b""), b"1"),
            (
                header(b"../../etc/passwd", EntryType::Regular, 1, b""),
                b"1",
            ),
            (header(b"a/../b", EntryType::Regular, 1, b""), b"1"),
            (header(b"C:\\win.ini", EntryType::Regular, 1, b""), b"1"),
            (
                header(
                    b"./app/Chart.yaml",
                    EntryType::Regular,
                    CHART.len() as u64,
                    b"",
                ),
                CHART,
            ),
            (
                header(b"app\\values.yaml", EntryType::Regular, 1, b""),
                b"1",
            ),
            (header(b"./", EntryType::Directory, 0, b""), b""),
            (header(b"app/templates/", EntryType::Directory, 0, b""), b""),
            (
                header(b"app/old-style-dir/", EntryType::Regular, 0, b""),
                b"",
            ),
        ]);
        let input = read(gz(&data));
        assert_eq!(paths(&input), ["app/Chart.yaml", "app/values.yaml"]);
        finding(&input, "`/abs/x` has an absolute path");
        finding(&input, "`C:\\win.ini` has an absolute path");
        assert_eq!(
            finding(&input, "`../../etc/passwd` has a `..` part")
                .file
                .as_deref(),
            Some("../../etc/passwd")
        );
        finding(&input, "`a/../b` has a `..` part");
        assert_eq!(input.diagnostics.len(), 4, "{:#?}", input.diagnostics);
    }

    #[test]
    fn links_and_special_files_are_skipped() {
        let data = raw_tar(&[
            (
                header(
                    b"app/Chart.yaml",
                    EntryType::Regular,
                    CHART.len() as u64,
                    b"",
                ),
                CHART,
            ),
            (
                header(b"app/values.yaml", EntryType::Symlink, 0, b"/etc/passwd"),
                b"",
            ),
            (
                header(b"app/hard", EntryType::Link, 0, b"app/Chart.yaml"),
                b"",
            ),
            (header(b"app/tty", EntryType::Char, 0, b""), b""),
            (header(b"app/sda", EntryType::Block, 0, b""), b""),
            (header(b"app/pipe", EntryType::Fifo, 0, b""), b""),
            (header(b"app/vol", EntryType::new(b'V'), 0, b""), b""),
        ]);
        let input = read(gz(&data));
        assert_eq!(paths(&input), ["app/Chart.yaml"]);
        finding(
            &input,
            "`app/values.yaml` is a symbolic link (to `/etc/passwd`)",
        );
        finding(&input, "`app/hard` is a hard link (to `app/Chart.yaml`)");
        finding(&input, "`app/tty` is a character device");
        finding(&input, "`app/sda` is a block device");
        finding(&input, "`app/pipe` is a named pipe");
        finding(&input, "`app/vol` is an entry of tar type `V`");
        assert_eq!(input.diagnostics.len(), 6);
    }

    #[test]
    fn pax_and_gnu_long_names() {
        let long = format!("app/templates/{}.yaml", "n".repeat(200));
        let mut b = Builder::new(Vec::new());
        let mut h = Header::new_gnu();
        h.set_size(1);
        b.append_data(&mut h, &long, &b"1"[..]).unwrap();
        let pax_path = format!("app/{}.txt", "p".repeat(150));
        b.append_pax_extensions([("path", pax_path.as_bytes())])
            .unwrap();
        let mut h = Header::new_ustar();
        h.set_path("app/short.txt").unwrap();
        h.set_size(1);
        h.set_cksum();
        b.append(&h, &b"2"[..]).unwrap();
        let mut h = Header::new_ustar();
        h.as_old_mut().name[..7].copy_from_slice(b"pax_hdr");
        h.set_entry_type(EntryType::XGlobalHeader);
        h.set_size(0);
        h.set_cksum();
        b.append(&h, &b""[..]).unwrap();
        let input = read(gz(&b.into_inner().unwrap()));
        assert_eq!(paths(&input), [pax_path.as_str(), long.as_str()]);
        assert!(input.diagnostics.is_empty(), "{:#?}", input.diagnostics);
    }

    #[test]
    fn truncated_gzip_keeps_the_files_before() {
        let data = tgz(&[
            ("a/Chart.yaml", CHART),
            ("a/blob.bin", &noise(100_000, 7)),
            ("a/z.yaml", b"z: 1\n"),
        ]);
        let input = read(data[..data.len() / 2].to_vec());
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        let d = finding(&input, "is truncated or corrupt");
        assert!(
            d.message.en.contains("1 file(s) before"),
            "{}",
            d.message.en
        );
        assert_eq!(d.file.as_deref(), Some("a/blob.bin"));
        assert!(!input.unreadable);
    }

    #[test]
    fn gzip_trailer_cut_after_the_tar_end_is_a_warning() {
        let data = tgz(&[("a/Chart.yaml", CHART)]);
        let input = read(data[..data.len() - 4].to_vec());
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        let d = finding(
            &input,
            "after the end of the tar archive; all 1 file(s) were read",
        );
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn data_after_the_tar_end() {
        let mut t = tar(&[("a/Chart.yaml", CHART)]);
        t.extend(vec![0u8; 3 << 20]);
        let input = read(gz(&t));
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        assert_eq!(
            finding(&input, "more than 1 MiB of data follows the end").severity,
            Severity::Warning
        );
    }

    #[test]
    fn truncated_plain_tar() {
        let t = tar(&[("a/Chart.yaml", CHART), ("a/blob.bin", &[1; 5000])]);
        // Inside blob.bin's data.
        let input = read(t[..2048].to_vec());
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        let d = finding(&input, "the archive ends inside `a/blob.bin`");
        assert!(d.message.en.contains("1 file(s) before it were read"));
        // Inside the second header.
        let input = read(t[..1024 + 100].to_vec());
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        finding(&input, "the tar archive `in.tgz` is truncated");
    }

    #[test]
    fn corrupt_tar_header() {
        let mut t = tar(&[("a/Chart.yaml", CHART), ("a/values.yaml", b"a: 1\n")]);
        t[1024 + 10] ^= 0xff;
        let input = read(gz(&t));
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        finding(&input, "is corrupt (archive header checksum mismatch)");
    }

    #[test]
    fn broken_gzip_and_not_tar_inside() {
        let mut data = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        data.extend(noise(100, 3));
        let input = read(data);
        assert!(input.unreadable);
        finding(&input, "the gzip stream of `in.tgz` is truncated or corrupt (corrupt deflate stream); no file could be read");

        let input = read(gz(b"just: yaml\nnot: a tar archive\n"));
        assert!(input.unreadable);
        finding(&input, "is gzip-compressed but does not hold a tar archive");
    }

    #[test]
    fn not_an_archive_and_empty_input() {
        let input = read(noise(4096, 11));
        assert!(input.unreadable && input.files.is_empty());
        let d = finding(&input, "is not an archive ecplint reads");
        assert!(d.file.is_none());

        let input = read(Vec::new());
        assert!(input.unreadable);
        finding(&input, "`in.tgz` is empty (0 bytes)");
        assert_eq!(input.diagnostics.len(), 1);
    }

    #[test]
    fn archive_without_files() {
        for data in [gz(&tar(&[])), tar(&[]), vec![0; 10240]] {
            let input = read(data);
            assert!(input.unreadable);
            finding(&input, "`in.tgz` holds no files");
            assert_eq!(input.diagnostics.len(), 1);
        }
        let input = read(raw_tar(&[
            (header(b"app/", EntryType::Directory, 0, b""), b""),
            (header(b"l", EntryType::Symlink, 0, b"x"), b""),
        ]));
        assert!(input.unreadable);
        finding(&input, "holds no file that could be read (2 entries");
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_offset() {
        let input = read(tgz(&[
            ("a/Chart.yaml", b"name: a\nversion: 1\xff\n"),
            ("a/logo.png", b"\x89PNG\xff\xfe"),
        ]));
        let d = finding(
            &input,
            "`a/Chart.yaml` is not valid UTF-8: byte 0xFF at offset 18",
        );
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.range, Some(Range::point(2, 11)));
        assert_eq!(
            input.diagnostics.len(),
            1,
            "binary files are not text-checked"
        );
        assert_eq!(input.files.len(), 2, "the file is still kept");
    }

    #[test]
    fn bom_is_a_warning_and_counted_in_offsets() {
        let input = read(tgz(&[
            ("a/Chart.yaml", b"\xEF\xBB\xBFname: a\n"),
            ("a/values.yaml", b"\xEF\xBB\xBFx: \xC3\n"),
        ]));
        let d = finding(&input, "`a/Chart.yaml` starts with a UTF-8 byte-order mark");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.range, Some(Range::point(1, 1)));
        finding(
            &input,
            "`a/values.yaml` starts with a UTF-8 byte-order mark",
        );
        let d = finding(
            &input,
            "`a/values.yaml` is not valid UTF-8: byte 0xC3 at offset 6",
        );
        assert_eq!(d.range, Some(Range::point(1, 4)));
    }

    #[test]
    fn crlf_is_info_for_yaml_and_templates_only() {
        let input = read(tgz(&[
            ("a/values.yaml", b"a: 1\r\nb: 2\r\n"),
            ("a/templates/_h.tpl", b"x\ny\r\n"),
            ("a/hook.sh", b"echo\r\n"),
            ("a/Chart.yaml", b"name: a\n"),
        ]));
        let d = finding(&input, "`a/values.yaml` has CRLF");
        assert_eq!(
            (d.severity, d.range),
            (Severity::Info, Some(Range::point(1, 5)))
        );
        let d = finding(&input, "`a/templates/_h.tpl` has CRLF");
        assert_eq!(d.range, Some(Range::point(2, 2)));
        assert_eq!(input.diagnostics.len(), 2);
    }

    #[test]
    fn duplicate_paths_keep_the_last() {
        let data = raw_tar(&[
            (
                header(b"a/values.yaml", EntryType::Regular, 5, b""),
                b"v: 1\n",
            ),
            (
                header(b"a/Chart.yaml", EntryType::Regular, CHART.len() as u64, b""),
                CHART,
            ),
            (
                header(b"./a/values.yaml", EntryType::Regular, 5, b""),
                b"v: 2\n",
            ),
        ]);
        let input = read(data);
        assert_eq!(paths(&input), ["a/Chart.yaml", "a/values.yaml"]);
        assert_eq!(input.files[1].data, b"v: 2\n");
        let d = finding(
            &input,
            "`a/values.yaml` is listed 2 times in the archive; the last one is used",
        );
        assert_eq!(d.severity, Severity::Warning);
    }

    fn subchart(name: &str) -> Vec<u8> {
        tgz(&[
            (&format!("{name}/Chart.yaml"), b"name: sub\n"),
            (&format!("{name}/templates/_h.tpl"), b"{{/* */}}\n"),
        ])
    }

    #[test]
    fn subchart_archives_are_opened() {
        let sub = subchart("common");
        let input = read(tgz(&[
            ("app/Chart.yaml", CHART),
            ("app/charts/common-1.0.0.tgz", &sub),
            ("app/charts/raw.tar.gz", &subchart("raw")),
        ]));
        assert_eq!(
            paths(&input),
            [
                "app/Chart.yaml",
                "app/charts/common-1.0.0.tgz",
                "app/charts/common-1.0.0.tgz/common/Chart.yaml",
                "app/charts/common-1.0.0.tgz/common/templates/_h.tpl",
                "app/charts/raw.tar.gz",
                "app/charts/raw.tar.gz/raw/Chart.yaml",
                "app/charts/raw.tar.gz/raw/templates/_h.tpl",
            ]
        );
        assert_eq!(input.files[1].data, sub);
        assert!(input.diagnostics.is_empty(), "{:#?}", input.diagnostics);
    }

    #[test]
    fn archives_outside_a_charts_folder_are_not_opened() {
        let sub = subchart("common");
        let input = read(tgz(&[
            ("app/Chart.yaml", CHART),
            ("app/files/common.tgz", &sub),
            ("other/charts/x.tgz", &sub),
        ]));
        assert_eq!(
            paths(&input),
            [
                "app/Chart.yaml",
                "app/files/common.tgz",
                "other/charts/x.tgz"
            ]
        );
    }

    #[test]
    fn subchart_depth_limit() {
        // app → b → c → d, each in the previous one's charts/.
        let d = tgz(&[("d/Chart.yaml", b"name: d\n")]);
        let c = tgz(&[("c/Chart.yaml", b"name: c\n"), ("c/charts/d.tgz", &d)]);
        let b = tgz(&[("b/Chart.yaml", b"name: b\n"), ("b/charts/c.tgz", &c)]);
        let app = tgz(&[("app/Chart.yaml", CHART), ("app/charts/b.tgz", &b)]);
        let input = read(app.clone());
        assert!(
            paths(&input).contains(&"app/charts/b.tgz/b/charts/c.tgz/c/charts/d.tgz/d/Chart.yaml")
        );
        let input = read_with(
            Limits {
                max_archive_depth: 2,
                ..Limits::default()
            },
            app,
        );
        assert!(paths(&input).contains(&"app/charts/b.tgz/b/charts/c.tgz/c/charts/d.tgz"));
        assert!(!paths(&input)
            .iter()
            .any(|p| p.ends_with("d.tgz/d/Chart.yaml")));
        let d = finding(
            &input,
            "nested more than 2 archives deep; it was not opened",
        );
        assert_eq!(
            d.file.as_deref(),
            Some("app/charts/b.tgz/b/charts/c.tgz/c/charts/d.tgz")
        );
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn broken_subchart_archive_does_not_stop_the_rest() {
        let good = subchart("good");
        let bad = subchart("bad");
        let input = read(tgz(&[
            ("app/Chart.yaml", CHART),
            ("app/charts/bad.tgz", &bad[..bad.len() / 2]),
            ("app/charts/good.tgz", &good),
            ("app/charts/junk.tgz", b"not an archive"),
        ]));
        assert!(paths(&input).contains(&"app/charts/good.tgz/good/Chart.yaml"));
        assert!(paths(&input).contains(&"app/charts/bad.tgz"));
        let d = finding(&input, "`app/charts/junk.tgz` is not an archive");
        assert_eq!(d.file.as_deref(), Some("app/charts/junk.tgz"));
        let d = finding(
            &input,
            "the gzip stream of `app/charts/bad.tgz` is truncated or corrupt",
        );
        assert_eq!(d.file.as_deref(), Some("app/charts/bad.tgz"));
        assert!(!input.unreadable);
    }

    #[test]
    fn subchart_bytes_count_against_the_same_total() {
        let sub = tgz(&[
            ("s/Chart.yaml", b"name: s\n"),
            ("s/zeros.bin", &vec![0; 200_000]),
        ]);
        let limits = Limits {
            max_total_bytes: 100_000,
            ..Limits::default()
        };
        let input = read_with(
            limits,
            tgz(&[("app/Chart.yaml", CHART), ("app/charts/s.tgz", &sub)]),
        );
        assert!(paths(&input).contains(&"app/charts/s.tgz/s/Chart.yaml"));
        let d = finding(&input, "in total");
        assert_eq!(d.file.as_deref(), Some("app/charts/s.tgz/s/zeros.bin"));
    }

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("./a//b/./c").ok().as_deref(), Some("a/b/c"));
        assert_eq!(normalize("a\\b").ok().as_deref(), Some("a/b"));
        assert!(matches!(normalize("/a"), Err(BadPath::Absolute)));
        assert!(matches!(normalize("\\a"), Err(BadPath::Absolute)));
        assert!(matches!(normalize("c:/a"), Err(BadPath::Absolute)));
        assert!(matches!(normalize("a/.."), Err(BadPath::DotDot)));
        assert!(matches!(normalize("./"), Err(BadPath::Empty)));
        assert_eq!(size(5 * 1024 * 1024), "5 MiB");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(12), "12 B");
    }
}
