use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns when a rendered Service's `selector` holds a key `type`.
    ///
    /// ## Why
    /// The guide's Service example (§1.1.6.7) indents `type: ClusterIP` under `selector`, so the
    /// Service selects only pods labelled `type: ClusterIP` — none — and has no endpoints. The
    /// `type` belongs directly under `spec`. A real pod label named `type` is rare enough that
    /// this is a warning to look at, not an error.
    ///
    /// ## 中文
    /// Service 的 `selector` 中有键 `type`。指南 §1.1.6.7 的示例把 `type: ClusterIP` 缩进到了
    /// `selector` 下，Service 因此只选择带 `type: ClusterIP` 标签的 Pod（没有这样的 Pod），
    /// 没有任何 endpoint。`type` 应直接位于 `spec` 下。
    ///
    /// ## Example
    /// The guide's example, as printed:
    /// ```yaml,fail,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   ports:
    ///     - name: http-api
    ///       port: 80
    ///       protocol: TCP
    ///       targetPort: {{ .Values.conf.container_port }}
    ///   selector:
    ///     app: backend-api
    ///     type: ClusterIP
    /// ```
    /// ```yaml,pass,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   type: ClusterIP
    ///   ports:
    ///     - name: http-api
    ///       port: 80
    ///   selector:
    ///     app: backend-api
    /// ```
    RULE = "SVC-002", Svc, Warning, "§1.1.6.7",
    "`type` indented into a Service selector", "`type` 被缩进到 Service 的 selector 中",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for service in scope.of_kind(&["Service"]) {
        let Some(entry) = service
            .root
            .get_path(&["spec", "selector"])
            .and_then(|s| s.entry("type"))
        else {
            continue;
        };
        scope
            .report(
                out,
                &service,
                entry.key.range,
                text!(
                    "the Service selects pods by a label `type`: `type` is indented into `selector`",
                    "Service 按标签 `type` 选择 Pod：`type` 被缩进到了 `selector` 下"
                ),
            )
            .help(text!(
                "move `type:` out of `selector`, directly under `spec`",
                "把 `type:` 移出 `selector`，直接放在 `spec` 下"
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
