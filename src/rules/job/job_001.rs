use crate::chart::{decode, Chart, JOB_HOOKS};
use crate::declare_rule;
use crate::rules::ha::{has_dependency, toolkit_include};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports `templates/job-hooks.yaml` including `helm-toolkit.snippets.job_hook` while what
    /// the snippet needs is missing: the `helm-toolkit` dependency, or in values.yaml
    /// `images.tags.hook`, `images.tags.dep_check`, or a non-empty
    /// `dependencies.posthook.services`. Read from the template's text and values.yaml, so it
    /// works without rendering.
    ///
    /// ## Why
    /// §1.1.6.8: the snippet writes the Job that checks the product's Services are up after
    /// install, from exactly those values. Without them the render fails or the Job checks
    /// nothing, and the install is reported done before the product works.
    ///
    /// ## 中文
    /// `templates/job-hooks.yaml` 使用了 `helm-toolkit.snippets.job_hook`，但缺少它需要的内容：
    /// `helm-toolkit` 依赖，或 values.yaml 中的 `images.tags.hook`、`images.tags.dep_check`、
    /// 非空的 `dependencies.posthook.services`（§1.1.6.8）。渲染会失败，或检查 Job 什么都不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// images:
    ///   tags:
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:1.36.1
    /// dependencies:
    ///   posthook:
    ///     services: []
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// images:
    ///   tags:
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:1.36.1
    ///     dep_check: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    /// dependencies:
    ///   posthook:
    ///     services:
    ///       - service: backend_api
    ///         endpoint: internal
    /// endpoints:
    ///   backend_api:
    ///     hosts:
    ///       default: backend-api
    /// ```
    RULE = "JOB-001", Job, Error, "§1.1.6.8",
    "job_hook snippet without what it needs", "job_hook 片段缺少所需的依赖或值",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.file(JOB_HOOKS) else {
        return;
    };
    let Some((range, _)) = decode(file).and_then(|t| toolkit_include(t, super::JOB_HOOK)) else {
        return;
    };
    let root = chart.values.as_ref().and_then(|v| v.root());
    let set = |path: &[&str]| {
        root.and_then(|r| r.get_path(path))
            .is_some_and(|n| !n.is_null())
    };
    let mut missing: Vec<&str> = Vec::new();
    if !has_dependency(chart, "helm-toolkit") {
        missing.push("the `helm-toolkit` dependency");
    }
    for (path, name) in [
        (&["images", "tags", "hook"][..], "`images.tags.hook`"),
        (
            &["images", "tags", "dep_check"][..],
            "`images.tags.dep_check`",
        ),
    ] {
        if !set(path) {
            missing.push(name);
        }
    }
    let services = root
        .and_then(|r| r.get_path(&["dependencies", "posthook", "services"]))
        .and_then(|s| s.as_seq());
    if services.is_none_or(|s| s.is_empty()) {
        missing.push("a non-empty `dependencies.posthook.services`");
    }
    if missing.is_empty() {
        return;
    }
    let list = missing.join(", ");
    let list_zh = list
        .replace("the `helm-toolkit` dependency", "`helm-toolkit` 依赖")
        .replace(
            "a non-empty `dependencies.posthook.services`",
            "非空的 `dependencies.posthook.services`",
        );
    out.report(
        &file.path,
        Some(range),
        text!(
            "`{}` is included without {list}",
            "使用了 `{}`，但缺少 {list_zh}",
            super::JOB_HOOK
        ),
    )
    .help(text!(
        "add them as §1.1.6.8 shows (values.yaml `images.tags`, `dependencies.posthook.services`, `endpoints`)",
        "按 §1.1.6.8 的示例补齐（values.yaml 的 `images.tags`、`dependencies.posthook.services`、`endpoints`）"
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("requirements.yaml")
            .fail(["dependencies: []\n"])
            .test_and_snapshot();
    }
}
