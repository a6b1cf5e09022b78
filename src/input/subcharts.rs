//! Subchart archives (`<chart>/charts/<x>.tgz`) are opened and their files added to the input.

use super::budget::Budget;
use super::paths::shown;
use super::read::{Reader, Src};
use super::File;
use crate::diagnostic::Severity;
use crate::text;
use std::collections::HashSet;

impl Reader<'_> {
    /// Open `<chart>/charts/<x>.tgz` archives among `files[from..]`, `depth` archives deep, and
    /// add their files under `<archive path>/`; then the archives inside those, and so on.
    pub(super) fn open_subcharts(
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
