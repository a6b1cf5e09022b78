use crate::chart::{Chart, REQUIREMENTS_YAML};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::chart::keywords::{chart_yaml, ChartYaml};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports the chart's `apiVersion` in `Chart.yaml`, at its value:
    /// - missing, empty, or not `v1`/`v2` (`V1`, `1`, `yes`): error;
    /// - `v1` with a non-empty `type` or a non-empty `dependencies` list, which Helm takes only
    ///   in `v2` charts (`helm lint`: "chart type is not valid in apiVersion 'v1'",
    ///   "dependencies are not valid in the Chart file with apiVersion 'v1'"): error, at the
    ///   key;
    /// - `v2` in a chart that has a `requirements.yaml`: warning.
    ///
    /// ## Why
    /// Helm refuses a chart without a valid `apiVersion` ("apiVersion is required. The value
    /// must be either "v1" or "v2""). The guide's example (§1.1.6.2) uses `v1`, and the guide
    /// declares dependencies such as `helm-toolkit` in `requirements.yaml` (§1.1.6.6), which is
    /// the `v1` way: a `v2` chart declares them under `dependencies:` in Chart.yaml.
    ///
    /// The catalog says Helm 3 ignores `requirements.yaml` for `v2` charts. Precisely: Helm 3
    /// still reads it, with "Warning: Dependencies are handled in Chart.yaml since apiVersion
    /// "v2"", and leaves it out of the packaged chart's files; and Helm 2 — the guide's Makefile
    /// (§1.1.6.9) calls `helm package --save=false`, a Helm 2 flag — refuses `v2` charts
    /// altogether ("apiVersion 'v2' is not valid. The value must be "v1""). Either way `v1` is
    /// the safe value for a chart with `requirements.yaml`; we keep the catalog's severity
    /// (warning) for the combination, and do not report `v2` alone.
    ///
    /// When Chart.yaml has a YAML syntax error (HELM-001), the part before the error is still
    /// checked: a `apiVersion` written there is judged as above, and a missing `apiVersion` is not
    /// reported (it may stand after the error). A repeated `apiVersion` is judged by its last value,
    /// the one Helm 3 keeps.
    ///
    /// ## 中文
    /// `Chart.yaml` 的 `apiVersion` 缺失或不是 `v1`/`v2`：错误。`v1` chart 中出现 `type` 或非空的
    /// `dependencies`（Helm 只在 v2 中接受）：错误。`apiVersion: v2` 的 chart 同时带有
    /// `requirements.yaml`：警告（v2 的依赖应写在 Chart.yaml 的 `dependencies` 中；规范示例使用
    /// `v1` 与 `requirements.yaml`，且其 Makefile 使用的 Helm 2 不接受 v2）。
    /// Chart.yaml 有 YAML 语法错误（HELM-001）时，仍检查错误之前的部分：其中的 `apiVersion` 照常检查，
    /// 但不报告缺失（它可能在错误之后）。重复的 `apiVersion` 以最后一个为准（与 Helm 3 一致）。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v3
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v2
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "CHART-008", Chart, Error | Warning, "§1.1.6.2",
    "Invalid apiVersion", "apiVersion 无效", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    let Some(entry) = cy.entry("apiVersion") else {
        if cy.partial {
            return;
        }
        out.report(
            path,
            Some(cy.top()),
            text!(
                "Chart.yaml has no `apiVersion`",
                "Chart.yaml 中没有 `apiVersion`"
            ),
        )
        .help(text!(
            "add `apiVersion: v1` as the first line",
            "在第一行添加 `apiVersion: v1`"
        ));
        return;
    };
    let value = &entry.value;
    let written = value.as_scalar().map_or("", |s| s.text.as_str());
    match value.as_str() {
        Some("v1") => only_in_v2(&cy, path, out),
        Some("v2") => {
            if chart.file(REQUIREMENTS_YAML).is_some() {
                let req = chart.path(REQUIREMENTS_YAML);
                out.report(
                    path,
                    Some(value.range),
                    text!(
                        "`apiVersion: v2` with a `requirements.yaml`: v2 charts declare dependencies in Chart.yaml, and Helm 2 refuses v2 charts",
                        "`apiVersion: v2` 的 chart 带有 `requirements.yaml`：v2 chart 的依赖应写在 Chart.yaml 中，且 Helm 2 不接受 v2 chart"
                    ),
                )
                .severity(Severity::Warning)
                .help(text!(
                    "use `apiVersion: v1` (as the guide does), or move the dependencies of `{req}` under `dependencies:` in Chart.yaml",
                    "改用 `apiVersion: v1`（与规范一致），或将 `{req}` 中的依赖移到 Chart.yaml 的 `dependencies:` 下"
                ));
            }
        }
        _ if value.is_null() || value.as_str() == Some("") => {
            let range = if value.is_null() {
                entry.key.range
            } else {
                value.range
            };
            out.report(
                path,
                Some(range),
                text!("`apiVersion` is empty", "`apiVersion` 为空"),
            )
            .help(text!("set `apiVersion: v1`", "设置 `apiVersion: v1`"));
        }
        _ => {
            let shown = if written.is_empty() {
                value.type_name()
            } else {
                written
            };
            let d = out.report(
                path,
                Some(value.range),
                text!(
                    "`apiVersion: {shown}` is not valid: Helm accepts only `v1` or `v2`",
                    "`apiVersion: {shown}` 无效：Helm 只接受 `v1` 或 `v2`"
                ),
            );
            // `V1`, `1`, `2`: the intended value is plain.
            let meant = match written.trim().trim_start_matches(['v', 'V']) {
                "1" => Some("v1"),
                "2" => Some("v2"),
                _ => None,
            };
            match meant {
                Some(best) => d.help(text!(
                    "write `apiVersion: {best}`",
                    "写成 `apiVersion: {best}`"
                )),
                None => d.help(text!(
                    "use `apiVersion: v1` (as the guide's example does)",
                    "使用 `apiVersion: v1`（与规范示例一致）"
                )),
            };
        }
    }
}

/// `type` and `dependencies`, which Helm takes only in a `v2` chart: `helm lint` reports them
/// in a `v1` chart ("chart type is not valid in apiVersion 'v1'", "dependencies are not valid
/// in the Chart file with apiVersion 'v1'").
fn only_in_v2(cy: &ChartYaml, path: &str, out: &mut Findings) {
    if let Some(e) = cy.entry("type") {
        let written = e.value.as_scalar().map_or("", |s| s.text.as_str());
        let empty = e.value.is_null() || (e.value.as_scalar().is_some() && written.is_empty());
        if !empty {
            out.report(
                path,
                Some(e.key.range),
                text!(
                    "`type` in an `apiVersion: v1` chart: Helm takes it only in `v2` charts (`helm lint`: \"chart type is not valid in apiVersion 'v1'\")",
                    "`apiVersion: v1` 的 chart 中出现 `type`：Helm 只在 `v2` chart 中接受它（`helm lint`：\"chart type is not valid in apiVersion 'v1'\"）"
                ),
            )
            .help(text!(
                "remove `type` (a v1 chart is an application chart)",
                "删除 `type`（v1 chart 即应用 chart）"
            ));
        }
    }
    if let Some(e) = cy.entry("dependencies") {
        if e.value.as_seq().is_some_and(|s| !s.is_empty()) {
            out.report(
                path,
                Some(e.key.range),
                text!(
                    "`dependencies` in an `apiVersion: v1` chart: Helm takes them only in `v2` charts (`helm lint`: \"dependencies are not valid in the Chart file with apiVersion 'v1'\")",
                    "`apiVersion: v1` 的 chart 中出现 `dependencies`：Helm 只在 `v2` chart 中接受（`helm lint`：\"dependencies are not valid in the Chart file with apiVersion 'v1'\"）"
                ),
            )
            .help(text!(
                "declare the dependencies in `requirements.yaml`, as the guide does (§1.1.6.6)",
                "按规范（§1.1.6.6）将依赖声明在 `requirements.yaml` 中"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{CHART_YAML, REQUIREMENTS_YAML};
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    fn chart(api_line: &str) -> String {
        format!("name: mycloud-product\n{api_line}\nversion: 1.0.0\n")
    }

    #[test]
    fn missing_at_line_1() {
        let d = tester().findings(chart(""));
        assert_eq!(starts(&d), vec![(1, 1)]);
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn wrong_value_at_the_value() {
        let d = tester().findings(chart("apiVersion: v3"));
        assert_eq!(starts(&d), vec![(2, 13)]);
        assert!(d[0].message.en.contains("`apiVersion: v3`"));
        assert!(help(&d[0]).contains("`apiVersion: v1`"));
    }

    #[test]
    fn near_misses_get_the_exact_spelling() {
        let d = tester().findings(chart("apiVersion: V1"));
        assert!(help(&d[0]).contains("write `apiVersion: v1`"));
        let d = tester().findings(chart("apiVersion: 2"));
        assert_eq!(starts(&d), vec![(2, 13)]);
        assert!(
            help(&d[0]).contains("write `apiVersion: v2`"),
            "{:?}",
            d[0].help
        );
        let d = tester().findings(chart("apiVersion: apps/v1"));
        assert!(help(&d[0]).contains("as the guide"));
    }

    #[test]
    fn empty() {
        assert_eq!(
            starts(&tester().findings(chart("apiVersion:"))),
            vec![(2, 1)]
        );
        assert_eq!(
            starts(&tester().findings(chart("apiVersion: \"\""))),
            vec![(2, 13)]
        );
    }

    #[test]
    fn v2_with_requirements_is_a_warning() {
        // The good project has a requirements.yaml.
        let d = tester().findings(chart("apiVersion: v2"));
        assert_eq!(starts(&d), vec![(2, 13)]);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn v2_without_requirements_passes() {
        tester()
            .pass([Case::from(chart("apiVersion: v2")).without(REQUIREMENTS_YAML)])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([chart("apiVersion: v1"), chart("apiVersion: \"v1\"")])
            .test_and_snapshot();
    }
}
