use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns about a rendered Deployment that can run more than one replica (`replicas` above
    /// 1, or a HorizontalPodAutoscaler allowing more) without pod anti-affinity
    /// (`spec.template.spec.affinity.podAntiAffinity`, which
    /// `helm-toolkit.snippets.kubernetes_pod_anti_affinity` writes).
    ///
    /// ## Why
    /// §1.1.6.5: multi-replica Deployments spread their pods across nodes. Without
    /// anti-affinity the scheduler may put every replica on one node, and that node's failure
    /// takes the whole service down — the replicas buy no availability.
    ///
    /// ## 中文
    /// 可运行多个副本的 Deployment（`replicas` 大于 1，或 HPA 允许扩容到多于 1 个）没有配置 Pod
    /// 反亲和（`affinity.podAntiAffinity`，即 `helm-toolkit.snippets.kubernetes_pod_anti_affinity`
    /// 生成的内容）。所有副本可能被调度到同一节点，该节点故障时服务整体不可用（§1.1.6.5）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/deployment-web.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 3
    ///   strategy:
    ///     type: RollingUpdate
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
    ///   replicas: 3
    ///   strategy:
    ///     type: RollingUpdate
    ///   template:
    ///     spec:
    ///       affinity:
    ///         podAntiAffinity:
    ///           preferredDuringSchedulingIgnoredDuringExecution:
    ///             - weight: 10
    ///               podAffinityTerm:
    ///                 topologyKey: kubernetes.io/hostname
    ///                 labelSelector:
    ///                   matchLabels:
    ///                     app: web
    ///       containers:
    ///         - name: web
    ///           image: hub.easystack.io/production/mycloud-product-web:5.0.1
    /// ```
    RULE = "HA-001", Ha, Warning, "§1.1.6.5",
    "Multi-replica Deployment without pod anti-affinity", "多副本 Deployment 未配置 Pod 反亲和",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for deployment in scope.of_kind(&["Deployment"]) {
        let Some(multi) = super::multi_replica(scope, &deployment) else {
            continue;
        };
        let (why_en, why_zh) = (&multi.why.en, &multi.why.zh);
        let spread = deployment
            .pod_spec()
            .and_then(|s| s.get_path(&["affinity", "podAntiAffinity"]))
            .is_some_and(|a| !a.is_null());
        if spread {
            continue;
        }
        scope
            .report(
                out,
                &deployment,
                multi.range,
                text!(
                    "a multi-replica Deployment without pod anti-affinity: its replicas may all run on one node{why_en}",
                    "多副本 Deployment 没有 Pod 反亲和：所有副本可能运行在同一节点上{why_zh}"
                ),
            )
            .help(text!(
                "add `affinity:` with `{{{{ tuple $envAll \"<app>\" \"<component>\" | include \"helm-toolkit.snippets.kubernetes_pod_anti_affinity\" | indent 8 }}}}` (or your own `podAntiAffinity`)",
                "添加 `affinity:` 并使用 `{{{{ tuple $envAll \"<app>\" \"<component>\" | include \"helm-toolkit.snippets.kubernetes_pod_anti_affinity\" | indent 8 }}}}`（或自行编写 `podAntiAffinity`）"
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
            .pass(["kind: Deployment\nmetadata:\n  name: one\nspec:\n  replicas: 1\n"])
            .fail([concat!(
                "kind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n---\n",
                "kind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  maxReplicas: 5\n",
                "  scaleTargetRef:\n    kind: Deployment\n    name: web\n"
            )])
            .test_and_snapshot();
    }
}
