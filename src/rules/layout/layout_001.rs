use crate::declare_rule;
use crate::rules::{Findings, InputScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports an input in which no folder holds a `Chart.yaml`: there is no chart to check.
    ///
    /// ## Why
    /// A cloud product is a Helm chart (guide §1.1.6.1): `<name>/Chart.yaml` in a packaged chart,
    /// or `chart/<name>/Chart.yaml` in a project tree. Without it the platform cannot install
    /// anything. Charts nested under another chart's `charts/` are subcharts, not products.
    ///
    /// ## 中文
    /// 输入中没有任何目录包含 `Chart.yaml`，因此没有可检查的 chart。
    ///
    /// An input that could not be read at all gets INPUT-001 instead.
    ///
    /// ## Example
    /// ```text
    /// mycloud-product/values.yaml        # fails: no Chart.yaml
    /// mycloud-product/Chart.yaml         # passes
    /// ```
    /// The good project without its `Chart.yaml`:
    /// ```yaml,fail,delete=Chart.yaml
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v2
    /// name: mycloud-product
    /// version: 1.0.0
    /// ```
    RULE = "LAYOUT-001", Layout, Error, "§1.1.6.1",
    "No chart found", "未找到 chart", Input(check)
}

fn check(scope: &InputScope, out: &mut Findings) {
    if !scope.charts.is_empty() || scope.input.unreadable {
        return;
    }
    let n = scope.input.files.len();
    out.report_input(text!(
        "no `Chart.yaml` found in {n} file(s): this input holds no chart",
        "在 {n} 个文件中未找到 `Chart.yaml`：该输入不包含 chart"
    ))
    .help(text!(
        "a packaged chart has `<name>/Chart.yaml`; a project has `chart/<name>/Chart.yaml`",
        "打包的 chart 应包含 `<name>/Chart.yaml`；云产品项目应包含 `chart/<name>/Chart.yaml`"
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{bare, Tester};

    #[test]
    fn an_input_without_a_chart_yaml() {
        let t = Tester::new(&super::RULE);
        let d = t.findings_in(&bare(&[("mycloud-product/values.yaml", "a: 1\n")]));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.en.contains("in 1 file(s)"),
            "{}",
            d[0].message.en
        );
        assert_eq!((d[0].file.as_deref(), d[0].range), (None, None));
        assert!(t
            .findings_in(&bare(&[("mycloud-product/Chart.yaml", "name: x\n")]))
            .is_empty());
    }

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }
}
