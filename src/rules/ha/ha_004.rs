use crate::chart::{decode, Chart};
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns when a template includes `helm-toolkit.snippets.kubernetes_upgrades_deployment`
    /// but values.yaml lacks one of the values it reads under `lifecycle.upgrades.deployments`:
    /// `revision_history`, `pod_replacement_strategy`, `rolling_update.max_unavailable`,
    /// `rolling_update.max_surge` (the last two not with `pod_replacement_strategy: Recreate`). Read from the templates' text and values.yaml, so it works
    /// without rendering.
    ///
    /// The guide puts them at the top of values.yaml (`lifecycle:`); OpenStack-Helm's
    /// helm-toolkit reads them under `pod.lifecycle:`. Either place is accepted — the one that
    /// holds more of them is the one checked — since which one EasyStack's helm-toolkit 5.0.1
    /// reads cannot be seen from a chart.
    ///
    /// ## Why
    /// The snippet prints those values into `revisionHistoryLimit` and `strategy`; a missing
    /// one renders empty (an invalid Deployment) or fails the render (§1.1.6.5's values).
    ///
    /// ## 中文
    /// 模板使用了 `helm-toolkit.snippets.kubernetes_upgrades_deployment`，但 values.yaml 的
    /// `lifecycle.upgrades.deployments` 下缺少它读取的值（`revision_history`、
    /// `pod_replacement_strategy`、`rolling_update.max_unavailable`、`rolling_update.max_surge`），
    /// 渲染结果为空值或渲染失败（§1.1.6.5）。指南把它们放在顶层 `lifecycle:`，OpenStack-Helm 的
    /// helm-toolkit 读取 `pod.lifecycle:`，两处均可。
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
    let root = chart.values.as_ref().and_then(|v| v.root());
    // The guide's place, then OpenStack-Helm helm-toolkit's: whichever holds more of them.
    let places = [&["lifecycle"][..], &["pod", "lifecycle"][..]];
    let missing_under = |place: &[&str]| -> Vec<String> {
        let deployments =
            root.and_then(|r| r.get_path(place)?.get_path(&["upgrades", "deployments"]));
        // `Recreate` replaces pods without a rolling update: its settings are not read.
        let recreate = deployments
            .and_then(|d| d.get("pod_replacement_strategy"))
            .and_then(|s| s.as_str())
            == Some("Recreate");
        NEEDED
            .iter()
            .filter(|path| !(recreate && path[0] == "rolling_update"))
            .filter(|path| {
                deployments
                    .and_then(|d| d.get_path(path))
                    .is_none_or(|n| n.is_null())
            })
            .map(|path| format!("lifecycle.upgrades.deployments.{}", path.join(".")))
            .collect()
    };
    let missing = places
        .iter()
        .map(|p| missing_under(p))
        .min_by_key(|m| m.len())
        .unwrap_or_default();
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
