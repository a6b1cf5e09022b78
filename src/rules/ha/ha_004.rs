use crate::chart::{decode, Chart};
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns when a template includes `helm-toolkit.snippets.kubernetes_upgrades_deployment`
    /// but values.yaml lacks one of the values it reads under `lifecycle.upgrades.deployments`:
    /// `revision_history`, `pod_replacement_strategy`, `rolling_update.max_unavailable`,
    /// `rolling_update.max_surge`. Read from the templates' text and values.yaml, so it works
    /// without rendering.
    ///
    /// ## Why
    /// The snippet prints those values into `revisionHistoryLimit` and `strategy`; a missing
    /// one renders empty (an invalid Deployment) or fails the render (§1.1.6.5's values).
    ///
    /// ## 中文
    /// 模板使用了 `helm-toolkit.snippets.kubernetes_upgrades_deployment`，但 values.yaml 的
    /// `lifecycle.upgrades.deployments` 下缺少它读取的值（`revision_history`、
    /// `pod_replacement_strategy`、`rolling_update.max_unavailable`、`rolling_update.max_surge`），
    /// 渲染结果为空值或渲染失败（§1.1.6.5）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   replicas:
    ///     backend_api: 2
    /// lifecycle:
    ///   upgrades:
    ///     deployments:
    ///       revision_history: 3
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   replicas:
    ///     backend_api: 2
    /// lifecycle:
    ///   upgrades:
    ///     deployments:
    ///       revision_history: 3
    ///       pod_replacement_strategy: RollingUpdate
    ///       rolling_update:
    ///         max_unavailable: 1
    ///         max_surge: 3
    /// ```
    RULE = "HA-004", Ha, Warning, "§1.1.6.5",
    "Upgrade snippet without its values", "使用了升级策略片段但缺少对应的值",
    Chart(check)
}

const SNIPPET: &str = "helm-toolkit.snippets.kubernetes_upgrades_deployment";
const NEEDED: &[&[&str]] = &[
    &["revision_history"],
    &["pod_replacement_strategy"],
    &["rolling_update", "max_unavailable"],
    &["rolling_update", "max_surge"],
];

fn check(chart: &Chart, out: &mut Findings) {
    let deployments = chart
        .values
        .as_ref()
        .and_then(|v| v.root())
        .and_then(|r| r.get_path(&["lifecycle", "upgrades", "deployments"]));
    let missing: Vec<String> = NEEDED
        .iter()
        .filter(|path| {
            deployments
                .and_then(|d| d.get_path(path))
                .is_none_or(|n| n.is_null())
        })
        .map(|path| format!("lifecycle.upgrades.deployments.{}", path.join(".")))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join(", ");
    for file in chart.templates() {
        let Some((range, _)) = decode(file).and_then(|t| super::toolkit_include(t, SNIPPET)) else {
            continue;
        };
        out.report(
            &file.path,
            Some(range),
            text!(
                "`{SNIPPET}` reads values that values.yaml does not set: {list}",
                "`{SNIPPET}` 读取的值在 values.yaml 中未设置：{list}"
            ),
        )
        .help(text!(
            "add them to values.yaml (§1.1.6.5 shows them)",
            "在 values.yaml 中添加这些值（见 §1.1.6.5 的示例）"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }
}
