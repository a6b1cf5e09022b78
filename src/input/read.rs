//! One pass over an input: its archive or folder, then its subchart archives, then the files
//! sorted, de-duplicated and text-checked. Every skip, cut or oddity is one [`Problem`]; whatever
//! could be read is kept.

use super::budget::Budget;
use super::{File, Input, Limits, Problem, Source};
use crate::diagnostic::{Severity, Text};
use crate::text;

/// Read a source into files: see [`super::load`].
pub(super) fn load(source: Source, limits: &Limits) -> Input {
    let budget = Budget::new(limits.max_total_bytes);
    let mut reader = Reader {
        limits,
        problems: Vec::new(),
        entries: 0,
        stopped: false,
    };
    let mut files = Vec::new();
    let path = source.name().to_string();
    let packaged = matches!(source, Source::Archive { .. });
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
            reader.read_folder_files(&budget, &name, given, &mut files)
        }
    }
    reader.open_subcharts(&budget, &mut files, 0, 0);
    let files = reader.finish(files);
    Input {
        path,
        packaged,
        unreadable: files.is_empty(),
        files,
        problems: reader.problems,
        edited: Vec::new(),
    }
}

/// One archive (or the folder) being read: where its files go and how it is named in messages.
pub(super) struct Src<'a> {
    /// Prefix of its files' paths: "" for the input, `<archive path>/` for a subchart archive.
    pub(super) prefix: &'a str,
    /// The archive as named in messages.
    pub(super) name: &'a str,
    /// The `file` of findings about the archive as a whole (`None` for the input itself).
    pub(super) file: Option<&'a str>,
}

/// The state of one pass; its methods are spread over the modules of `input`, one job each.
pub(super) struct Reader<'l> {
    pub(super) limits: &'l Limits,
    pub(super) problems: Vec<Problem>,
    /// Entries seen so far in the whole input (subchart archives included).
    pub(super) entries: usize,
    /// A total or entry limit was crossed: nothing more is read.
    pub(super) stopped: bool,
}

impl Reader<'_> {
    pub(super) fn problem(
        &mut self,
        file: Option<&str>,
        severity: Severity,
        message: Text,
        help: Option<Text>,
    ) -> &mut Problem {
        let mut p = Problem::new(file, severity, message);
        p.help = help;
        self.problems.push(p);
        self.problems.last_mut().expect("just pushed")
    }

    pub(super) fn no_files(&mut self, src: &Src, seen: usize) {
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

    /// Sort by path, keep the last of duplicate paths, and check text files.
    fn finish(&mut self, mut files: Vec<File>) -> Vec<File> {
        slim_sort::sort_by(&mut files, |a, b| a.path.cmp(&b.path));
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
        for f in &mut kept {
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
}
