use crate::declare_rule;
use crate::render::undefined_template;
use crate::rules::ha::has_dependency;
use crate::rules::{Findings, ManifestScope};
use gotmpl::ErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports a template that fails to render with the chart's default values (values.yaml,
    /// with the user's values when given): `required` or `fail`, a nil pointer
    /// (`.Values.a.b` when `a` is missing), a wrong type, a limit hit. The finding sits at the
    /// failing action in the chart's own files — when it fails inside a dependency's template,
    /// at the `include` that led there — with Helm's message and the include chain.
    ///
    /// ## Why
    /// `helm install` stops at the first such error and installs nothing. Unlike Helm, every
    /// template is rendered and every failure reported. A template that only needs a declared
    /// dependency missing from the input (an ECP project never bundles helm-toolkit) is not a
    /// failure: `ecplint template` notes it as not rendered, and this rule stays silent; nor is
    /// an include of `helm-toolkit.*` in a chart that does not declare helm-toolkit (HA-003).
    ///
    /// ## 中文
    /// 模板使用 chart 的默认值（values.yaml，以及用户给出的值）渲染失败：`required`/`fail`、
    /// 空指针（`a` 不存在时读取 `.Values.a.b`）、类型错误、超出限制。位置为 chart 自身文件中
    /// 失败的动作（若失败发生在依赖的模板中，则为引出它的 `include`），附 Helm 的报错与调用链。
    /// 仅因缺少已声明的依赖（工程目录不包含 helm-toolkit）而未渲染的模板不算失败。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: {{ required "service.name is required" .Values.service.name }}
    /// ```
    /// ```yaml,pass,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: {{ .Values.service_name | default "backend-api" }}
    /// ```
    RULE = "HELM-006", Helm, Error, "§1.1.6.2",
    "Template fails to render with the default values", "模板使用默认值渲染失败",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    // An include of helm-toolkit in a chart that does not declare it is HA-003's finding.
    let toolkit_undeclared = !has_dependency(scope.chart, "helm-toolkit");
    for failed in &scope.manifests.rendered.errors {
        if failed.error.kind == ErrorKind::Parse || failed.invalid_yaml {
            continue;
        }
        let undefined = undefined_template(&failed.error);
        if toolkit_undeclared && undefined.is_some_and(|t| t.starts_with("helm-toolkit.")) {
            continue;
        }
        super::template_errors::report(scope, out, failed);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/service-api.yaml")
            .fail([
                "{{ fail \"no\" }}\n",
                "x: {{ .Values.nothing.here }}\n",
                "{{ define \"x\" }}{{ .Values.a.b }}{{ end }}y: {{ include \"x\" . }}\n",
            ])
            .pass(["{{ include \"helm-toolkit.snippets.kubernetes_metadata_labels\" . }}\n"])
            .test_and_snapshot();
    }
}
