use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns about a rendered Service whose `type` is `NodePort` or `LoadBalancer` (anything but
    /// `ClusterIP` and `ExternalName`).
    ///
    /// ## Why
    /// §1.1.6.7: a product is reached through its Ingress under the product's path prefix, on the
    /// platform's ingress controller. A NodePort or LoadBalancer Service opens a port on every
    /// node (or asks for an external address) outside that route and outside the platform's
    /// access control. `ExternalName` opens nothing (it is a DNS alias to something outside the
    /// cluster), so it is left alone.
    ///
    /// ## 中文
    /// 渲染出的 Service 的 `type` 为 `NodePort` 或 `LoadBalancer`（`ClusterIP`、`ExternalName`
    /// 以外的类型）。云产品应通过 Ingress 在统一路径前缀下访问（§1.1.6.7）；NodePort/LoadBalancer
    /// 会绕过平台的入口与访问控制，在每个节点上开放端口或申请外部地址。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   type: NodePort
    ///   ports:
    ///     - port: 80
    ///   selector:
    ///     app: backend-api
    /// ```
    /// ```yaml,pass,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   type: ClusterIP
    ///   ports:
    ///     - port: 80
    ///   selector:
    ///     app: backend-api
    /// ```
    RULE = "SVC-001", Svc, Warning, "§1.1.6.7",
    "Service exposed outside the ingress", "Service 绕过 Ingress 对外暴露",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for service in scope.of_kind(&["Service"]) {
        let Some(kind) = service.root.get_path(&["spec", "type"]) else {
            continue;
        };
        let Some(value) = kind.as_str() else { continue };
        if matches!(value, "ClusterIP" | "ExternalName" | "") {
            continue;
        }
        scope
            .report(
                out,
                &service,
                kind.range,
                text!(
                    "Service type `{value}` exposes the product outside its Ingress",
                    "Service 类型 `{value}` 绕过 Ingress 对外暴露云产品"
                ),
            )
            .help(text!(
                "use `type: ClusterIP` and route to it through the product's Ingress",
                "改用 `type: ClusterIP`，并通过云产品的 Ingress 访问"
            ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/service-api.yaml")
            .pass([
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: backend-api\nspec:\n  ports:\n    - port: 80\n",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n  externalName: db.example.com\n",
            ])
            .fail([
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: backend-api\nspec:\n  type: {{ \"LoadBalancer\" }}\n",
            ])
            .test_and_snapshot();
    }
}
