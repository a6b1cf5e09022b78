use crate::chart::{decode, Chart};
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a template that includes a `helm-toolkit.*` template while the chart declares no
    /// `helm-toolkit` dependency (requirements.yaml, or Chart.yaml `dependencies` for
    /// `apiVersion: v2`) and bundles none under `charts/`. Read from the templates' text, so it
    /// works without rendering (an ECP project never bundles helm-toolkit). A chart that defines
    /// the `helm-toolkit.*` templates itself (helm-toolkit) is left alone.
    ///
    /// ## Why
    /// The product build fetches only declared dependencies: the include names a template
    /// nobody defines and the render fails (`no template "helm-toolkit.snippets…"`).
    ///
    /// ## 中文
    /// 模板 include 了 `helm-toolkit.*`，但 chart 未声明 `helm-toolkit` 依赖（requirements.yaml，
    /// 或 `apiVersion: v2` 的 Chart.yaml `dependencies`），`charts/` 下也没有。打包时只拉取已声明的
    /// 依赖，渲染会失败（`no template "helm-toolkit.snippets…"`）。
    ///
    /// ## Example
    /// ```yaml,fail,file=requirements.yaml
    /// dependencies: []
    /// ```
    /// ```yaml,pass,file=requirements.yaml
    /// dependencies:
    ///   - name: helm-toolkit
    ///     repository: http://charts.easystack.io:8090
    ///     version: 5.0.1
    /// ```
    RULE = "HA-003", Ha, Error, "§1.1.6.5",
    "helm-toolkit used but not declared", "使用了 helm-toolkit 但未声明依赖",
    Chart(check)
}

pub(crate) const TOOLKIT: &str = "helm-toolkit";

fn check(chart: &Chart, out: &mut Findings) {
    if super::has_dependency(chart, TOOLKIT) || defines_toolkit(chart) {
        return;
    }
    for file in chart.templates() {
        let Some((range, name)) =
            decode(file).and_then(|t| super::toolkit_include(t, "helm-toolkit."))
        else {
            continue;
        };
        out.report(
            &file.path,
            Some(range),
            text!(
                "`{name}` is included, but the chart does not declare the `helm-toolkit` dependency",
                "include 了 `{name}`，但 chart 未声明 `helm-toolkit` 依赖"
            ),
        )
        .help(text!(
            "declare `helm-toolkit` under `dependencies:` in requirements.yaml (Chart.yaml for apiVersion v2)",
            "在 requirements.yaml（apiVersion v2 为 Chart.yaml）的 `dependencies:` 中声明 `helm-toolkit`"
        ));
    }
}

fn defines_toolkit(chart: &Chart) -> bool {
    chart.name() == TOOLKIT
        || chart
            .templates()
            .filter_map(decode)
            .any(|t| t.contains("define \"helm-toolkit."))
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{with, Tester};

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .pass([
                // Declared in Chart.yaml v2 instead.
                with("requirements.yaml", "dependencies: []\n").with(
                    "Chart.yaml",
                    "apiVersion: v2\nname: mycloud-product\nversion: 1.0.0\ndependencies:\n  - name: helm-toolkit\n    version: 5.0.1\n",
                ),
                // Bundled.
                with("requirements.yaml", "dependencies: []\n")
                    .with("charts/helm-toolkit/Chart.yaml", "apiVersion: v1\nname: helm-toolkit\nversion: 5.0.1\n"),
            ])
            .test_and_snapshot();
    }
}
