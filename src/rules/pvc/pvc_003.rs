use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Warns about `storageClassName` written under `resources.requests` of a claim (a
    /// `PersistentVolumeClaim`, or a StatefulSet's `volumeClaimTemplates`).
    ///
    /// ## Why
    /// Kubernetes reads `storageClassName` from the claim's `spec`; under `requests` it is an
    /// unknown resource name (the API server refuses it, or — with older servers — the
    /// claim gets the default class instead of the one meant). The guide's StatefulSet example
    /// (§1.1.6.6) puts it there.
    ///
    /// ## 中文
    /// `storageClassName` 写在了 PVC（或 StatefulSet 的 `volumeClaimTemplates`）的
    /// `resources.requests` 下。它应位于 claim 的 `spec` 下；写在 `requests` 中是未知的资源名
    /// （API Server 拒绝，或旧版本中使用默认存储类）。指南 §1.1.6.6 的示例就是这样写的。
    ///
    /// ## Example
    /// As the guide's example writes it:
    /// ```yaml,fail,file=templates/statefulset-dashboard-api.yaml
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: dashboard-api
    /// spec:
    ///   serviceName: dashboard-api
    ///   volumeClaimTemplates:
    ///     - metadata:
    ///         name: data-pvc
    ///       spec:
    ///         accessModes: ["ReadWriteOnce"]
    ///         resources:
    ///           requests:
    ///             storage: 10Gi
    ///             storageClassName: ceph
    /// ```
    /// ```yaml,pass,file=templates/statefulset-dashboard-api.yaml
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: dashboard-api
    /// spec:
    ///   serviceName: dashboard-api
    ///   volumeClaimTemplates:
    ///     - metadata:
    ///         name: data-pvc
    ///       spec:
    ///         accessModes: ["ReadWriteOnce"]
    ///         storageClassName: ceph
    ///         resources:
    ///           requests:
    ///             storage: 10Gi
    /// ```
    RULE = "PVC-003", Pvc, Warning, "§1.1.6.6",
    "storageClassName under resources.requests", "storageClassName 写在了 resources.requests 下",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for object in scope.of_kind(&["PersistentVolumeClaim", "StatefulSet"]) {
        let claims: Vec<&Node> = if object.kind() == "PersistentVolumeClaim" {
            object.root.get("spec").into_iter().collect()
        } else {
            let templates = object.root.get_path(&["spec", "volumeClaimTemplates"]);
            let templates = templates.and_then(|t| t.as_seq()).unwrap_or_default();
            templates.iter().filter_map(|t| t.get("spec")).collect()
        };
        for claim in claims {
            let Some(entry) = claim
                .get_path(&["resources", "requests"])
                .and_then(|r| r.entry("storageClassName"))
            else {
                continue;
            };
            scope
                .report(
                    out,
                    &object,
                    entry.key.range,
                    text!(
                        "`storageClassName` under `resources.requests` is not the claim's storage class",
                        "`storageClassName` 写在 `resources.requests` 下，不是 claim 的存储类"
                    ),
                )
                .help(text!(
                    "move `storageClassName` up to the claim's `spec`, beside `accessModes`",
                    "把 `storageClassName` 移到 claim 的 `spec` 下，与 `accessModes` 同级"
                ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/pvc-data.yaml")
            .fail(["kind: PersistentVolumeClaim\nmetadata:\n  name: d\nspec:\n  resources:\n    requests:\n      storage: 1Gi\n      storageClassName: x\n"])
            .test_and_snapshot();
    }
}
