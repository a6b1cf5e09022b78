use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Notes a `Chart.yaml` without an `icon`.
    ///
    /// ## Why
    /// `helm lint` says "icon is recommended". The product market shows the CMS icon, but the
    /// chart's own icon is what Helm tooling and chart repositories display.
    ///
    /// ## 中文
    /// `Chart.yaml` 中没有 `icon`（`helm lint` 建议提供）。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// icon: https://example.com/mycloud-product.png
    /// ```
    RULE = "HELM-004", Helm, Info, "§1.1.6.2",
    "Chart.yaml has no icon", "Chart.yaml 未设置 icon", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = &chart.chart_yaml else {
        return;
    };
    let Some(root) = file.root() else { return };
    if root.as_map().is_none() || root.get("icon").is_some_and(|i| !i.is_null()) {
        return;
    }
    out.report(
        &file.path,
        Some(file.line_range(1)),
        text!("Chart.yaml has no `icon`", "Chart.yaml 中没有 `icon`"),
    )
    .help(text!(
        "add `icon: <URL of a PNG or SVG>` (helm lint recommends it)",
        "添加 `icon: <PNG 或 SVG 的 URL>`（helm lint 建议提供）"
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    /// The documented examples, and the snapshot of the failing ones.
    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }
}
