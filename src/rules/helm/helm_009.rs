use crate::chart::{decode, Chart};
use crate::declare_rule;
use crate::diagnostic::{Pos, Range};
use crate::rules::Findings;
use crate::text;

/// What Helm 2 gave templates and Helm 3 does not: the name read, and the hint (en, zh).
const HELM2_ONLY: &[(&str, &str, &str)] = &[
    (
        ".Release.Time",
        "use `now | unixEpoch` for the seconds (`now` for the time)",
        "秒数请改用 `now | unixEpoch`（时间改用 `now`）",
    ),
    (
        ".Capabilities.TillerVersion",
        "use `.Capabilities.HelmVersion` (Helm 3 has no Tiller)",
        "请改用 `.Capabilities.HelmVersion`（Helm 3 没有 Tiller）",
    ),
];

declare_rule! {
    /// ## What it does
    /// Reports a template of the chart that reads `.Release.Time` or
    /// `.Capabilities.TillerVersion` inside a template action, at each use. These existed in
    /// Helm 2 only. So that the rest of the product can be checked, the check's rendering
    /// supplies `.Release.Time` as Helm 2 did (`Seconds` and `Nanos` of the render's time);
    /// `ecplint template` does not (it renders as Helm 3, which fails there).
    ///
    /// ## Why
    /// ECP installs with Helm 3 (the guide's Makefile targets it, §1.1.6.9). In Helm 3
    /// `.Release.Time` is nil: `.Release.Time.Seconds` stops the render ("nil pointer
    /// evaluating interface {}.Seconds", helm 3.17 and 4.1) and the product does not install.
    /// The guide's own custom check Job (§1.1.6.8) names itself with `$envAll.Release.Time.Seconds`.
    ///
    /// ## 中文
    /// 模板在模板动作中读取了 `.Release.Time` 或 `.Capabilities.TillerVersion`，它们只存在于 Helm 2。
    /// Helm 3 中 `.Release.Time` 为 nil，`.Release.Time.Seconds` 使渲染失败（"nil pointer evaluating
    /// interface {}.Seconds"），产品无法安装。指南的自定义检查 Job 示例就用了
    /// `$envAll.Release.Time.Seconds`。为了继续检查其余部分，检查时的渲染按 Helm 2 的方式提供
    /// `.Release.Time`；`ecplint template` 则与 Helm 3 一致，不提供。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/job-hooks.yaml
    /// {{- $envAll := . -}}
    /// {{- $releaseTime := $envAll.Release.Time.Seconds }}
    /// ```
    /// ```yaml,pass,file=templates/job-hooks.yaml
    /// {{- $envAll := . -}}
    /// {{- $releaseTime := now | unixEpoch }}
    /// ```
    RULE = "HELM-009", Helm, Warning, "§1.1.6.8",
    "Helm 2-only template construct", "仅 Helm 2 支持的模板写法", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    for file in chart.templates() {
        let Some(text) = decode(file) else { continue };
        for (range, name, instead, instead_zh) in helm2_uses(text) {
            out.report(
                &file.path,
                Some(range),
                text!(
                    "`{name}` exists only in Helm 2: Helm 3 reads nil and the render fails (`.Seconds` of it: \"nil pointer evaluating interface {{}}.Seconds\")",
                    "`{name}` 只存在于 Helm 2：Helm 3 中为 nil，渲染失败（读取其 `.Seconds` 时：\"nil pointer evaluating interface {{}}.Seconds\"）"
                ),
            )
            .help(text!("{instead}", "{instead_zh}"));
        }
    }
}

/// Each use of a Helm 2-only name inside a `{{ … }}` action, with what to use instead.
fn helm2_uses(text: &str) -> Vec<(Range, &'static str, &'static str, &'static str)> {
    let mut found = Vec::new();
    // Most templates name neither: skip the walk that counts lines and columns.
    if !HELM2_ONLY.iter().any(|(name, ..)| text.contains(name)) {
        return found;
    }
    let (mut line, mut column, mut in_action) = (1, 1, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") {
            in_action = true;
        } else if rest.starts_with("}}") {
            in_action = false;
        } else if in_action && c == '.' {
            for &(name, instead, instead_zh) in HELM2_ONLY {
                let whole_name = rest.strip_prefix(name).is_some_and(|after| {
                    !after.starts_with(|n: char| n.is_alphanumeric() || n == '_')
                });
                if whole_name {
                    let start = Pos { line, column };
                    let end = Pos {
                        line,
                        column: column + name.len(),
                    };
                    found.push((Range { start, end }, name, instead, instead_zh));
                }
            }
        }
        if c == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
        rest = &rest[c.len_utf8()..];
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file("templates/job-hooks.yaml")
    }

    #[test]
    fn at_each_use() {
        let d = tester()
            .findings("{{- $t := .Release.Time.Seconds }}\nname: x-{{ $.Release.Time.Seconds }}\n");
        assert_eq!(starts(&d), vec![(1, 11), (2, 13)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "# .Release.Time is Helm 2's\nname: {{ .Release.Name }}\n",
                "{{ .Release.TimeZone }}\n",
            ])
            .fail([
                "{{ .Release.Time }}\n",
                "{{ if .Capabilities.TillerVersion }}x{{ end }}\n",
                "{{-\n  .Release.Time.Seconds\n}}\n",
            ])
            .test_and_snapshot();
    }
}
