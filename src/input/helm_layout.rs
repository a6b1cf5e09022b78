//! A chart archive as Helm sees its layout. Helm takes the first part of every entry name as
//! the chart's folder and drops it, whatever it is called (`mychart/`, `./`): `./Chart.yaml`
//! is the chart's Chart.yaml, `./mychart/Chart.yaml` is not one (Helm: "Chart.yaml file is
//! missing"), an entry with no folder at all is refused ("chart illegally contains content
//! outside the base directory"), and files in a second top folder are read as the chart's own
//! (`other/README.md` becomes `README.md`). `scripts/helm-oracle/input.py` records this.
//!
//! ecplint reads such archives as they are (a chart per folder holding `Chart.yaml`); this
//! module says where Helm would read them differently. It looks only at archives Helm would
//! take for one chart: those holding a `Chart.yaml` at their root or one folder down. A project
//! archive (`Makefile`, `chart/<name>/…`) is not a Helm chart, and not checked here.

use super::paths::{normalize, shown};
use super::read::{Reader, Src};
use crate::diagnostic::Severity;
use crate::text;

/// How Helm reads a chart archive whose file entries are named `names` (as written).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum HelmView<'a> {
    /// Not an archive of one chart (no `Chart.yaml` at its root or one folder down).
    NotAChart,
    /// Helm reads it, the chart in the folder named this (`.` for `./…`).
    Chart { folder: &'a str },
    /// Helm refuses it: this entry has no folder.
    Outside { entry: &'a str },
    /// Helm refuses it: no entry is `<folder>/Chart.yaml`.
    NoChartYaml { folder: &'a str },
}

/// What Helm makes of an archive, and the files it takes from other top folders (read as the
/// chart's own): `(folder, first such entry, count)`.
pub(super) fn helm_view<'a>(names: &'a [String]) -> (HelmView<'a>, Vec<(&'a str, &'a str, usize)>) {
    let one_chart = names.iter().any(|n| {
        normalize(n).is_ok_and(|p| {
            p == "Chart.yaml"
                || p.split_once('/')
                    .is_some_and(|(_, rest)| rest == "Chart.yaml")
        })
    });
    if !one_chart {
        return (HelmView::NotAChart, Vec::new());
    }
    if let Some(entry) = names.iter().find(|n| !n.contains('/')) {
        return (HelmView::Outside { entry }, Vec::new());
    }
    let split = |n: &'a String| n.split_once('/').unwrap_or((n.as_str(), ""));
    let Some(folder) = names
        .iter()
        .map(split)
        .find(|(_, rest)| *rest == "Chart.yaml")
        .map(|(top, _)| top)
    else {
        let folder = names.first().map_or("", |n| split(n).0);
        return (HelmView::NoChartYaml { folder }, Vec::new());
    };
    let mut others: Vec<(&str, &str, usize)> = Vec::new();
    for n in names {
        let (top, _) = split(n);
        if top == folder {
            continue;
        }
        match others.iter_mut().find(|(t, _, _)| *t == top) {
            Some(o) => o.2 += 1,
            None => others.push((top, n, 1)),
        }
    }
    (HelmView::Chart { folder }, others)
}

impl Reader<'_> {
    /// Report where Helm would read the tar archive `src` (file entries `names`) differently.
    pub(super) fn helm_layout(&mut self, src: &Src, names: &[String]) {
        let name = src.name;
        let (view, others) = helm_view(names);
        match view {
            HelmView::NotAChart | HelmView::Chart { .. } => {}
            HelmView::Outside { entry } => {
                let entry = shown(entry);
                self.problem(
                    src.file,
                    Severity::Error,
                    text!(
                        "Helm refuses `{name}`: the entry `{entry}` is in no folder, and Helm reads a chart archive as one folder holding the chart (\"chart illegally contains content outside the base directory\")",
                        "Helm 拒绝 `{name}`：条目 `{entry}` 不在任何目录中，而 Helm 要求 chart 归档中只有一个存放 chart 的目录（\"chart illegally contains content outside the base directory\"）"
                    ),
                    Some(text!(
                        "package the chart with `helm package <folder>`: every entry is then `<name>/…`",
                        "请用 `helm package <目录>` 打包 chart：所有条目都将位于 `<name>/…` 下"
                    )),
                );
            }
            HelmView::NoChartYaml { folder } => {
                let folder = shown(folder);
                self.problem(
                    src.file,
                    Severity::Error,
                    text!(
                        "Helm refuses `{name}`: it takes the first part of every path (`{folder}/`) as the chart's folder and finds no `Chart.yaml` there (\"Chart.yaml file is missing\"); ecplint checked the chart one folder down",
                        "Helm 拒绝 `{name}`：它把每个路径的第一部分（`{folder}/`）当作 chart 目录，而其中没有 `Chart.yaml`（\"Chart.yaml file is missing\"）；ecplint 检查了下一层目录中的 chart"
                    ),
                    Some(text!(
                        "package the chart with `helm package <folder>` instead of `tar` run inside its parent (`./<name>/…`)",
                        "请用 `helm package <目录>` 打包，而不是在上级目录中运行 `tar`（`./<name>/…`）"
                    )),
                );
            }
        }
        for (top, first, n) in others {
            let (top, first) = (shown(top), shown(first));
            let rest = first.split_once('/').map_or("", |(_, r)| r).to_string();
            self.problem(
                src.file,
                Severity::Warning,
                text!(
                    "`{top}/` ({n} file(s)) is a second top folder in `{name}`: Helm drops the first folder of every path and reads these as the chart's own files (`{first}` as `{rest}`); ecplint did not",
                    "`{top}/`（{n} 个文件）是 `{name}` 中的第二个顶层目录：Helm 会去掉每个路径的第一层目录，把它们当作 chart 自己的文件读取（`{first}` 读作 `{rest}`）；ecplint 没有这样做"
                ),
                Some(text!(
                    "package only the chart's folder (`helm package <folder>`)",
                    "请只打包 chart 目录（`helm package <目录>`）"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(names: &[&str]) -> (String, usize) {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let (v, others) = helm_view(&names);
        (format!("{v:?}"), others.len())
    }

    #[test]
    fn helm_views() {
        let chart = |f: &str| format!("Chart {{ folder: {f:?} }}");
        assert_eq!(view(&["x/Chart.yaml", "x/values.yaml"]), (chart("x"), 0));
        assert_eq!(view(&["./Chart.yaml", "./values.yaml"]), (chart("."), 0));
        assert_eq!(
            view(&["Chart.yaml", "values.yaml"]).0,
            "Outside { entry: \"Chart.yaml\" }"
        );
        assert_eq!(
            view(&["x/Chart.yaml", "README.md"]).0,
            "Outside { entry: \"README.md\" }"
        );
        assert_eq!(
            view(&["./x/Chart.yaml", "./x/values.yaml"]).0,
            "NoChartYaml { folder: \".\" }"
        );
        assert_eq!(view(&["x/Chart.yaml", "y/a", "y/b"]), (chart("x"), 1));
        // A project (Makefile, chart/<name>/…) is no Helm chart archive.
        assert_eq!(
            view(&["Makefile", "chart/x/Chart.yaml", "hook/a.sh"]).0,
            "NotAChart"
        );
        assert_eq!(view(&[]).0, "NotAChart");
    }
}
