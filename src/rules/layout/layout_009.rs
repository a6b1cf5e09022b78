use crate::chart::{decode, Chart, YamlFile, CHART_YAML};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::Findings;
use crate::text;
use crate::yaml::{self, Node, YamlLimits};

declare_rule! {
    /// ## What it does
    /// Reports each dependency a chart declares that no chart under its `charts/` provides,
    /// at the dependency's `name`:
    /// - in a packaged chart (an archive, or a chart folder outside an ECP project): error;
    /// - in a project tree (`<project>/chart/<name>/`): info — the project's build is expected
    ///   to bring it in before `helm package` (the guide's Makefile runs `make -C chart/<name>`
    ///   in `init-%` for that), and ecplint checks the chart without it.
    ///
    /// Dependencies are read as Helm 3 reads them: `requirements.yaml`'s `dependencies` when that
    /// file has the key (whatever the `apiVersion`: Helm 3 reads it over Chart.yaml's, with a
    /// warning for `v2`), else Chart.yaml's `dependencies`. A dependency is provided by a folder
    /// or an archive (`.tgz`) under `charts/` whose Chart.yaml has the dependency's `name` —
    /// as Helm checks it: the folder's or archive's own name, the `alias`, the `version`, the
    /// `condition` and the `tags` do not matter (measured with helm v3.17.3: a dependency
    /// turned off by its condition is still "missing"). When a subchart's Chart.yaml cannot be
    /// read, its file name stands in (`sub` or `sub-1.2.3.tgz` for `sub`).
    ///
    /// ## Why
    /// Helm refuses to install (or `helm template`, `helm package`) a chart whose declared
    /// dependency is missing: "found in Chart.yaml, but missing in charts/ directory: x"
    /// (Helm 2: "found in requirements.yaml, …"). A packaged product must carry its
    /// dependencies — the platform installs the archive as it is. In a project tree the
    /// source normally lacks them (§1.1.6.9: the build fetches them), so it is only noted.
    ///
    /// ## 中文
    /// chart 声明了依赖（requirements.yaml，或 Chart.yaml 的 `dependencies`），但 `charts/` 下没有同名
    /// chart（按子 chart 的 Chart.yaml `name` 匹配，与别名、版本、condition 无关）：Helm 拒绝安装（“found in
    /// Chart.yaml, but missing in charts/ directory”）。打包好的 chart 报错误；项目源码目录中由构建
    /// （Makefile 的 `init-%`）拷入依赖，只给出提示。
    ///
    /// ## Example
    /// ```yaml,fail,file=requirements.yaml
    /// dependencies:
    ///   - name: helm-toolkit
    ///     repository: http://charts.easystack.io:8090
    ///     version: 5.0.1
    /// ```
    /// ```yaml,pass,file=requirements.yaml
    /// dependencies: []
    /// ```
    RULE = "LAYOUT-009", Layout, Error | Info, "§1.1.6.1",
    "Declared dependency missing from charts/", "声明的依赖不在 charts/ 中", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, deps)) = declared(chart) else {
        return;
    };
    let provided = subchart_names(chart);
    let in_project = chart.project.is_some();
    for dep in deps {
        let Some(name_node) = dep.get("name") else {
            continue;
        };
        let Some(name) = name_node.as_str().filter(|n| !n.is_empty()) else {
            continue;
        };
        let found = provided.iter().any(|p| match p {
            Provided::Named(n) => n == name,
            Provided::File(f) => {
                f == name || f.strip_prefix(name).is_some_and(|v| v.starts_with('-'))
            }
        });
        if found {
            continue;
        }
        let place = Some(name_node.range);
        if in_project {
            out.report(
                &file.path,
                place,
                text!(
                    "dependency `{name}` is not under `charts/` in the source: the build is to bring it in before `helm package` (the guide's Makefile: `init-%`)",
                    "依赖 `{name}` 不在源码的 `charts/` 中：应由构建在 `helm package` 之前拷入（规范 Makefile 的 `init-%`）"
                ),
            )
            .severity(Severity::Info)
            .help(text!(
                "make sure the build puts `{name}` under `charts/` (`chart/<name>/Makefile`, run by `init-%`, or `helm dependency build`): `helm package` refuses the chart without it",
                "请确认构建会将 `{name}` 放入 `charts/`（`init-%` 执行的 `chart/<名称>/Makefile`，或 `helm dependency build`）：缺少它时 `helm package` 会失败"
            ));
        } else {
            out.report(
                &file.path,
                place,
                text!(
                    "dependency `{name}` is not under `charts/`: Helm refuses to install the chart (\"found in Chart.yaml, but missing in charts/ directory: {name}\")",
                    "依赖 `{name}` 不在 `charts/` 中：Helm 拒绝安装该 chart（“found in Chart.yaml, but missing in charts/ directory: {name}”）"
                ),
            )
            .help(text!(
                "package the chart with its dependencies (`helm dependency build` first), or remove the dependency",
                "打包前先执行 `helm dependency build` 将依赖放入 `charts/`，或删除该依赖"
            ));
        }
    }
}

/// The declared dependencies, as Helm 3 reads them, with the file they are in.
fn declared<'c>(chart: &'c Chart) -> Option<(&'c YamlFile, &'c [Node])> {
    let from = |file: &'c Option<YamlFile>| {
        let file = file.as_ref()?;
        let deps = file.root()?.get("dependencies")?;
        Some((file, deps))
    };
    let (file, deps) = from(&chart.requirements).or_else(|| from(&chart.chart_yaml))?;
    Some((file, deps.as_seq()?))
}

/// What a `charts/` entry provides: the name in its Chart.yaml, or (unreadable) its file name.
enum Provided {
    Named(String),
    File(String),
}

/// The charts under `charts/`: each folder, or each chart folder of an opened archive
/// (`charts/<x>.tgz/<folder>/Chart.yaml`).
fn subchart_names(chart: &Chart) -> Vec<Provided> {
    let mut out = Vec::new();
    for sub in &chart.subcharts {
        let dir = format!("{sub}/");
        let archive = sub.ends_with(".tgz") || sub.ends_with(".tar.gz");
        let mut named = false;
        for f in &chart.input.files {
            let Some(rest) = f.path.strip_prefix(&dir) else {
                continue;
            };
            // The folder's own Chart.yaml, or that of a chart folder inside an archive.
            let root = match rest.split_once('/') {
                Some((inner, file)) => archive && !inner.is_empty() && file == CHART_YAML,
                None => !archive && rest == CHART_YAML,
            };
            if !root {
                continue;
            }
            let name = decode(f).and_then(|text| {
                let y = yaml::parse(text, YamlLimits::default());
                Some(y.root()?.get("name")?.as_str()?.to_string())
            });
            if let Some(name) = name {
                out.push(Provided::Named(name));
                named = true;
            }
        }
        if !named {
            let base = sub.rsplit('/').next().unwrap_or_default();
            let stem = base
                .strip_suffix(".tgz")
                .or_else(|| base.strip_suffix(".tar.gz"))
                .unwrap_or(base);
            out.push(Provided::File(stem.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::{bare, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file("requirements.yaml")
    }

    const APP: &str = "apiVersion: v1\nname: app\nversion: 1.0.0\n";
    const REQ: &str = "dependencies:\n  - name: helm-toolkit\n    version: 5.0.1\n  - name: sub\n    alias: other\n    version: 9.9.9\n    condition: other.enabled\n";

    #[test]
    fn in_a_project_tree_it_is_info() {
        let d = tester().findings(REQ);
        assert_eq!(starts(&d), [(2, 11), (4, 11)]);
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        assert!(d[0]
            .message
            .en
            .contains("`helm-toolkit` is not under `charts/`"));
    }

    #[test]
    fn a_packaged_chart_matches_as_helm_does() {
        let run = |files: &[(&str, &str)]| tester().findings_in(&bare(files));
        // Nothing under charts/.
        let d = run(&[("app/Chart.yaml", APP), ("app/requirements.yaml", REQ)]);
        assert_eq!(starts(&d), [(2, 11), (4, 11)]);
        assert!(d.iter().all(|d| d.severity == Severity::Error));
        assert!(d[1]
            .message
            .en
            .contains("missing in charts/ directory: sub\")"));
        // By the subchart's Chart.yaml name, whatever its folder, alias or version.
        let d = run(&[
            ("app/Chart.yaml", APP),
            ("app/requirements.yaml", REQ),
            (
                "app/charts/helm-toolkit-5.0.1.tgz/helm-toolkit/Chart.yaml",
                "name: helm-toolkit\nversion: 5.0.1\n",
            ),
            (
                "app/charts/whatever/Chart.yaml",
                "name: sub\nversion: 0.1.0\n",
            ),
        ]);
        assert!(d.is_empty(), "{d:?}");
        // A folder named like the dependency does not count when its Chart.yaml names another.
        let d = run(&[
            ("app/Chart.yaml", APP),
            ("app/requirements.yaml", "dependencies:\n  - name: sub\n"),
            ("app/charts/sub/Chart.yaml", "name: other\n"),
        ]);
        assert_eq!(d.len(), 1);
        // An unreadable archive: its file name stands in.
        let d = run(&[
            ("app/Chart.yaml", APP),
            ("app/requirements.yaml", "dependencies:\n  - name: sub\n"),
            ("app/charts/sub-1.0.0.tgz", "\u{1f}\u{8b}"),
        ]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn requirements_yaml_wins_over_chart_yaml() {
        let run = |files: &[(&str, &str)]| tester().findings_in(&bare(files));
        let v2 = "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: fromchart\n";
        let d = run(&[
            ("app/Chart.yaml", v2),
            (
                "app/requirements.yaml",
                "dependencies:\n  - name: fromreq\n",
            ),
        ]);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.en.contains("`fromreq`"));
        let d = run(&[
            ("app/Chart.yaml", v2),
            ("app/requirements.yaml", "# none\n"),
        ]);
        assert!(d[0].message.en.contains("`fromchart`"));
        assert_eq!(d[0].file.as_deref(), Some("app/Chart.yaml"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "dependencies: []\n",
                "dependencies:\n  - version: 1.0.0\n",
                "# nothing\n",
            ])
            .test_and_snapshot();
    }
}
