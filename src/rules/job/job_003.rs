use crate::chart::{decode, Chart, JOB_HOOKS};
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `templates/job-hooks.yaml` that defines no Job: it neither includes
    /// `helm-toolkit.snippets.job_hook` nor has a `kind: Job` line. Read from the template's
    /// text, so it works without rendering.
    ///
    /// ## Why
    /// §1.1.6.8: the platform runs the product's install check as the Job of this file; a file
    /// without one (a copy of another template, a commented-out snippet) checks nothing, and
    /// the product is reported installed before its Services answer.
    ///
    /// ## 中文
    /// `templates/job-hooks.yaml` 中没有定义 Job：既没有使用 `helm-toolkit.snippets.job_hook`，
    /// 也没有 `kind: Job`。平台依据此文件中的 Job 做安装检查（§1.1.6.8），没有 Job 就什么都不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/job-hooks.yaml
    /// {{- $envAll := . }}
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: mycloud-product-check
    /// ```
    /// ```yaml,pass,file=templates/job-hooks.yaml
    /// {{- $envAll := . }}
    /// {{- include "helm-toolkit.snippets.job_hook" $envAll }}
    /// ```
    RULE = "JOB-003", Job, Error, "§1.1.6.8",
    "job-hooks.yaml defines no Job", "job-hooks.yaml 中没有定义 Job",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.file(JOB_HOOKS) else {
        return;
    };
    let Some(text) = decode(file) else { return };
    let snippet = crate::rules::ha::toolkit_include(text, super::JOB_HOOK).is_some();
    let job = text.lines().any(|l| l.trim() == "kind: Job");
    if snippet || job {
        return;
    }
    out.report(
        &file.path,
        Some(crate::diagnostic::Range::line(
            1,
            text.lines().next().map_or(0, |l| l.chars().count()),
        )),
        text!(
            "`{JOB_HOOKS}` defines no Job: the install is never checked",
            "`{JOB_HOOKS}` 中没有定义 Job：安装结果不会被检查"
        ),
    )
    .help(text!(
        "include `{}` with `$envAll`, as §1.1.6.8 shows",
        "按 §1.1.6.8 的示例 include `{}` 并传入 `$envAll`",
        super::JOB_HOOK
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/job-hooks.yaml")
            .pass(["apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: check\n"])
            .test_and_snapshot();
    }
}
