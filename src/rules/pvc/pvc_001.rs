use crate::declare_rule;
use crate::render::manifests::{Object, POD_KINDS};
use crate::rules::acl::acl_001::data_map;
use crate::rules::{Findings, ManifestScope};
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Reports a product chart whose rendered objects claim storage — a StatefulSet's
    /// `volumeClaimTemplates`, a `PersistentVolumeClaim`, a pod volume with
    /// `persistentVolumeClaim` — while `_acl_helpers.yaml.tpl` does not set
    /// `pvc_enable: true`. Charts without `_acl_helpers.yaml.tpl` (not ECP products) are left
    /// alone.
    ///
    /// ## Why
    /// §1.1.6.6: persistent storage must first be declared in the permission declaration
    /// (§1.1.6.3). Without it the platform does not grant the product its Ceph-backed claims
    /// and the pods stay `Pending`.
    ///
    /// ## 中文
    /// 云产品渲染出的对象申请了持久化存储（StatefulSet 的 `volumeClaimTemplates`、
    /// `PersistentVolumeClaim`、使用 `persistentVolumeClaim` 的卷），但 `_acl_helpers.yaml.tpl`
    /// 未设置 `pvc_enable: true`（§1.1.6.6 前置条件）。平台不会为其提供存储，Pod 将一直 Pending。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/pvc-data.yaml
    /// apiVersion: v1
    /// kind: PersistentVolumeClaim
    /// metadata:
    ///   name: data
    /// spec:
    ///   accessModes: ["ReadWriteOnce"]
    ///   resources:
    ///     requests:
    ///       storage: 1Gi
    /// ```
    /// ```yaml,pass,file=templates/pvc-data.yaml
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: data
    /// ```
    RULE = "PVC-001", Pvc, Error, "§1.1.6.6",
    "Storage claimed without pvc_enable", "未开启 pvc_enable 却申请了持久化存储",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let Some((_, data)) = data_map(scope.chart) else {
        return;
    };
    let enabled = data.value.get("pvc_enable").and_then(|n| n.as_scalar());
    if enabled.is_some_and(|s| s.value == crate::yaml::Value::Bool(true)) {
        return;
    }
    let claims = scope.of_kind(&["PersistentVolumeClaim"]);
    for object in claims.chain(scope.of_kind(POD_KINDS)) {
        let Some(claim) = claim(&object) else {
            continue;
        };
        scope
            .report(
                out,
                &object,
                claim.range,
                text!(
                    "persistent storage is claimed, but `_acl_helpers.yaml.tpl` does not set `pvc_enable: true`",
                    "申请了持久化存储，但 `_acl_helpers.yaml.tpl` 未设置 `pvc_enable: true`"
                ),
            )
            .help(text!(
                "set `pvc_enable: true` under `data:` in `templates/_acl_helpers.yaml.tpl`",
                "在 `templates/_acl_helpers.yaml.tpl` 的 `data:` 下设置 `pvc_enable: true`"
            ));
    }
}

/// The node by which an object claims storage, if it does.
fn claim<'m>(object: &Object<'m>) -> Option<&'m Node> {
    if object.kind() == "PersistentVolumeClaim" {
        return object.root.entry("kind").map(|e| &e.value);
    }
    if let Some(templates) = object
        .root
        .get_path(&["spec", "volumeClaimTemplates"])
        .filter(|t| t.as_seq().is_some_and(|s| !s.is_empty()))
    {
        return Some(templates);
    }
    claimed_volume(object)
}

/// The first pod volume of `object` that mounts a claim (its `persistentVolumeClaim` node).
pub(crate) fn claimed_volume<'m>(object: &Object<'m>) -> Option<&'m Node> {
    let volumes = object.pod_spec()?.get("volumes")?.as_seq()?;
    volumes.iter().find_map(|v| v.get("persistentVolumeClaim"))
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/pvc-data.yaml")
            .fail([concat!(
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n",
                "  volumeClaimTemplates:\n    - metadata:\n        name: data\n"
            )])
            .test_and_snapshot();
    }
}
