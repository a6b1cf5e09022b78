use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};

declare_rule! {
    /// ## What it does
    /// Reports a template whose rendered text is not valid YAML, at the template line that
    /// wrote the line where the YAML breaks (through the source map), with Helm's message.
    ///
    /// ## Why
    /// Helm refuses the release (`YAML parse error on …`). The usual causes: an `include`
    /// indented with the wrong `indent`/`nindent`, a value with a `:` or a leading `*` printed
    /// unquoted, a template line continued as the guide prints it (`{{` at the end of one line,
    /// the rest on the next).
    ///
    /// ## 中文
    /// 模板渲染出的文本不是合法的 YAML（Helm 报 `YAML parse error on …`），位置为写出出错行的
    /// 模板行。常见原因：`indent`/`nindent` 缩进错误、含 `:` 或以 `*` 开头的值未加引号。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    ///   annotations:
    ///     description: {{ "api: the backend" }}
    /// ```
    /// ```yaml,pass,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    ///   annotations:
    ///     description: {{ "api: the backend" | quote }}
    /// ```
    RULE = "HELM-007", Helm, Error, "§1.1.6.2",
    "Template renders to invalid YAML", "模板渲染结果不是合法的 YAML",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for failed in &scope.manifests.rendered.errors {
        if failed.invalid_yaml {
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
            .fail(["a: b\n  c: d\n", "- x\ny: 1\n"])
            .test_and_snapshot();
    }
}
