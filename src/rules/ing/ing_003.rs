use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns about a rendered Ingress or IngressClass written against a retired API version:
    /// `extensions/v1beta1` or `networking.k8s.io/v1beta1`.
    ///
    /// ## Why
    /// Both were removed in Kubernetes 1.22; an ECP cluster of that version or later refuses the
    /// object and the install fails. The guide's Ingress examples (§1.1.6.7) still use
    /// `extensions/v1beta1` with `serviceName`/`servicePort`. `networking.k8s.io/v1` needs
    /// `pathType` and `backend.service.name`/`port`. K8S-002 checks every kind against the
    /// Kubernetes version you choose; this rule is the Ingress-specific reminder the guide needs.
    ///
    /// ## 中文
    /// Ingress 或 IngressClass 使用了已废弃的 API 版本 `extensions/v1beta1` 或
    /// `networking.k8s.io/v1beta1`（Kubernetes 1.22 起已移除，安装会失败）。指南 §1.1.6.7 的示例
    /// 仍在使用 `extensions/v1beta1`。请改用 `networking.k8s.io/v1`（需要 `pathType` 和
    /// `backend.service.name`/`port`）。
    ///
    /// ## Example
    /// The guide's example, as printed:
    /// ```yaml,fail,file=templates/ingress-api.yaml
    /// apiVersion: extensions/v1beta1
    /// kind: Ingress
    /// metadata:
    ///   name: backend-api
    ///   annotations:
    ///     kubernetes.io/ingress.class: "nginx"
    ///     ingress.kubernetes.io/force-ssl-redirect: "true"
    /// spec:
    ///   rules:
    ///   - http:
    ///       paths:
    ///       - path: /mycloud-product/api/
    ///         backend:
    ///           serviceName: backend-api
    ///           servicePort: http-api
    /// ```
    /// ```yaml,pass,file=templates/ingress-api.yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   rules:
    ///     - http:
    ///         paths:
    ///           - path: /mycloud-product/api/
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: backend-api
    ///                 port:
    ///                   name: http-api
    /// ```
    RULE = "ING-003", Ing, Warning, "§1.1.6.7",
    "Ingress API version removed in Kubernetes 1.22", "Ingress 使用了 Kubernetes 1.22 已移除的 API 版本",
    Manifests(check)
}

const RETIRED: &[&str] = &["extensions/v1beta1", "networking.k8s.io/v1beta1"];

fn check(scope: &ManifestScope, out: &mut Findings) {
    for object in scope.of_kind(&["Ingress", "IngressClass"]) {
        let Some(version) = object.root.get("apiVersion") else {
            continue;
        };
        let Some(name) = version.as_str().filter(|v| RETIRED.contains(v)) else {
            continue;
        };
        let kind = object.kind();
        scope
            .report(
                out,
                &object,
                version.range,
                text!(
                    "{kind} uses `{name}`, removed in Kubernetes 1.22",
                    "{kind} 使用的 `{name}` 已在 Kubernetes 1.22 中移除"
                ),
            )
            .help(text!(
                "use `apiVersion: networking.k8s.io/v1` (paths need `pathType`; backends `service.name` and `service.port`)",
                "改用 `apiVersion: networking.k8s.io/v1`（path 需要 `pathType`，backend 写作 `service.name` 与 `service.port`）"
            ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/ingress-api.yaml")
            .fail(["apiVersion: networking.k8s.io/v1beta1\nkind: IngressClass\nmetadata:\n  name: nginx\n"])
            .test_and_snapshot();
    }
}
