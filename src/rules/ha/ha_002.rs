use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns about a rendered Deployment that can run more than one replica (as HA-001 reads
    /// it) without `spec.strategy`, which `helm-toolkit.snippets.kubernetes_upgrades_deployment`
    /// writes from values.yaml's `lifecycle.upgrades.deployments`.
    ///
    /// ## Why
    /// §1.1.6.5 asks multi-replica Deployments for an explicit rolling-update strategy, so that
    /// an upgrade replaces pods as the product needs (`max_unavailable`, `max_surge`) and keeps
    /// the service up, and so that the platform's upgrade settings apply.
    ///
    /// ## 中文
    /// 可运行多个副本的 Deployment 没有 `spec.strategy`（`helm-toolkit.snippets.kubernetes_upgrades_deployment`
    /// 根据 values.yaml 的 `lifecycle.upgrades.deployments` 生成）。§1.1.6.5 要求多副本 Deployment
    /// 显式声明滚动升级策略，升级时按 `max_unavailable`/`max_surge` 替换 Pod，服务不中断。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/deployment-web.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 2
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: hub.easystack.io/production/mycloud-product-web:5.0.1
    /// ```
    /// ```yaml,pass,file=templates/deployment-web.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 2
    ///   revisionHistoryLimit: 3
    ///   strategy:
    ///     type: RollingUpdate
    ///     rollingUpdate:
    ///       maxUnavailable: 1
    ///       maxSurge: 3
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: hub.easystack.io/production/mycloud-product-web:5.0.1
    /// ```
    RULE = "HA-002", Ha, Warning, "§1.1.6.5",
    "Multi-replica Deployment without an update strategy", "多副本 Deployment 未声明滚动升级策略",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for deployment in scope.of_kind(&["Deployment"]) {
        let Some(multi) = super::multi_replica(scope, &deployment) else {
            continue;
        };
        let (why_en, why_zh) = (&multi.why.en, &multi.why.zh);
        let strategy = deployment.root.get_path(&["spec", "strategy"]);
        if strategy.is_some_and(|s| !s.is_null()) {
            continue;
        }
        scope
            .report(
                out,
                &deployment,
                multi.range,
                text!(
                    "a multi-replica Deployment without `spec.strategy`{why_en}",
                    "多副本 Deployment 没有 `spec.strategy`{why_zh}"
                ),
            )
            .help(text!(
                "add `{{{{ tuple $envAll | include \"helm-toolkit.snippets.kubernetes_upgrades_deployment\" | indent 2 }}}}` under `spec:` (or your own `strategy:`)",
                "在 `spec:` 下添加 `{{{{ tuple $envAll | include \"helm-toolkit.snippets.kubernetes_upgrades_deployment\" | indent 2 }}}}`（或自行编写 `strategy:`）"
            ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/deployment-web.yaml")
            .pass(["kind: Deployment\nmetadata:\n  name: one\nspec: {}\n"])
            .test_and_snapshot();
    }
}
