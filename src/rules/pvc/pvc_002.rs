use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns about a Deployment, ReplicaSet or ReplicationController whose pods mount a
    /// PersistentVolumeClaim.
    ///
    /// ## Why
    /// §1.1.6.6: declare claims in a StatefulSet. A rolling update of a Deployment starts the
    /// new pod before the old one stops; a `ReadWriteOnce` claim (the platform's Ceph RBD) is
    /// still held by the old pod, so the new one never starts and the upgrade hangs.
    ///
    /// ## 中文
    /// Deployment（或 ReplicaSet 等无状态控制器）的 Pod 挂载了 PVC。§1.1.6.6 要求在
    /// StatefulSet 中声明 PVC：滚动升级时新 Pod 先于旧 Pod 停止前启动，`ReadWriteOnce` 的卷仍被
    /// 旧 Pod 占用，新 Pod 无法启动，升级卡住。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/deployment-data.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: backend-data
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: api
    ///           image: hub.easystack.io/production/mycloud-product-api:5.0.1
    ///       volumes:
    ///         - name: data
    ///           persistentVolumeClaim:
    ///             claimName: data
    /// ```
    /// ```yaml,pass,file=templates/deployment-data.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: backend-data
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: api
    ///           image: hub.easystack.io/production/mycloud-product-api:5.0.1
    ///       volumes:
    ///         - name: data
    ///           emptyDir: {}
    /// ```
    RULE = "PVC-002", Pvc, Warning, "§1.1.6.6",
    "Stateless controller mounts a PVC", "无状态控制器挂载了 PVC",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for object in scope.of_kind(&["Deployment", "ReplicaSet", "ReplicationController"]) {
        let Some(volume) = super::pvc_001::claimed_volume(&object) else {
            continue;
        };
        let kind = object.kind();
        scope
            .report(
                out,
                &object,
                volume.range,
                text!(
                    "a {kind} mounts a PersistentVolumeClaim: its upgrades can hang",
                    "{kind} 挂载了 PersistentVolumeClaim：升级可能卡住"
                ),
            )
            .help(text!(
                "run it as a StatefulSet with `volumeClaimTemplates`",
                "改用 StatefulSet，并通过 `volumeClaimTemplates` 声明存储"
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
