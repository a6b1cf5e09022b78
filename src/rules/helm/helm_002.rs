use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use gotmpl::ErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports a template that does not parse as a Go template, at the place the parser
    /// stopped, with Go's message (`unexpected "}" in operand`, `function "x" not defined`, an
    /// `{{ if }}` without `{{ end }}`).
    ///
    /// ## Why
    /// Helm refuses the whole chart when one template does not parse: nothing installs. The
    /// guide's text breaks includes over two lines (`include "helm-` / `toolkit.snippets…"`);
    /// copied as printed, the template names nothing Helm defines, and a stray brace from such
    /// a copy stops the parser.
    ///
    /// ## 中文
    /// 模板无法按 Go 模板语法解析（给出解析停止的位置与 Go 的报错）。只要有一个模板解析失败，
    /// Helm 就拒绝整个 chart，什么都不会安装。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: {{ .Release.Name }
    /// ```
    /// ```yaml,pass,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: {{ .Release.Name }}
    /// ```
    RULE = "HELM-002", Helm, Error, "§1.1.6.2",
    "Template does not parse", "模板无法解析",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for failed in &scope.manifests.rendered.errors {
        if failed.error.kind == ErrorKind::Parse {
            super::template_errors::report(scope, out, failed);
        }
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
                "{{ if .Values.x }}\nkind: Service\n",
                "{{ nosuchfunc 1 }}\n",
            ])
            .test_and_snapshot();
    }
}
