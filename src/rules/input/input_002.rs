use crate::declare_rule;
use crate::rules::suppress::directives;
use crate::rules::{find, Findings, InputScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports an inline suppression comment that is not written as one should be: it names
    /// no rule, names a rule that does not exist, or gives no reason; and (after every rule has
    /// run) one that silences nothing. At the comment.
    ///
    /// A suppression is a comment line of its own, in any file of the input (YAML, templates,
    /// `_config_helpers.yaml.tpl`, hook scripts, the Makefile):
    ///
    /// - `# ecplint-disable-next-line IMG-001,JOB-004 -- why` silences these rules on the next
    ///   line that is not itself a suppression (several stack);
    /// - `# ecplint-disable-file HELM-011 -- why` silences them in the whole file;
    /// - in a template, as a template comment: `{{/* ecplint-disable-next-line HELM-011 -- why */}}`
    ///   (`{{- /* … */ -}}` too); in Mako, `## ecplint-disable-next-line …`.
    ///
    /// A silenced finding stays in the report, marked with the reason (`"suppressed": { "reason"
    /// }` in JSON, a SARIF `suppressions` entry); it is not counted and does not fail the run.
    /// `ecplint check --no-inline-suppressions` (a reviewer's view) ignores every suppression.
    ///
    /// ## Why
    /// Teams adopting a linter on an existing product need to accept a finding they have weighed,
    /// where it is, with the reason beside it for the next reviewer. A suppression without a
    /// reason, for a rule that does not exist (a typo silences nothing), or left behind after the
    /// finding went away hides intent instead of recording it.
    ///
    /// ## 中文
    /// 内联抑制注释写法有误：没有指明规则、规则不存在、没有说明理由（`-- 原因`），或没有抑制任何问题。
    /// 写法：`# ecplint-disable-next-line IMG-001 -- 原因` 抑制下一行，`# ecplint-disable-file 规则 -- 原因`
    /// 抑制整个文件；模板中写成 `{{/* … */}}`，Mako 中写成 `## …`。被抑制的问题仍在报告中（标明原因），
    /// 但不计数、不导致失败；`--no-inline-suppressions` 忽略所有抑制注释。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// images:
    ///   tags:
    ///     # ecplint-disable-next-line IMG-001
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:latest
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// images:
    ///   tags:
    ///     # ecplint-disable-next-line IMG-001 -- mirrored nightly by the platform team
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:latest
    /// ```
    RULE = "INPUT-002", Input, Warning, "§1.1.6.1",
    "Suppression comment written wrong", "抑制注释写法有误", Input(check)
}

/// How each directive is written (what it silences is judged after every rule ran:
/// `crate::rules::suppress::apply`).
fn check(scope: &InputScope, out: &mut Findings) {
    for s in directives(scope.input) {
        let at = Some(s.range);
        if s.rules.is_empty() {
            out.report(
                &s.file,
                at,
                text!("this suppression names no rule", "该抑制注释没有指明规则"),
            )
            .help(text!(
                "name the rules it silences: `# ecplint-disable-next-line RULE-001 -- reason`",
                "写出要抑制的规则：`# ecplint-disable-next-line RULE-001 -- 原因`"
            ));
            continue;
        }
        let unknown: Vec<&str> = s
            .rules
            .iter()
            .map(String::as_str)
            .filter(|r| find(r).is_none())
            .collect();
        if !unknown.is_empty() {
            let names = unknown.join(", ");
            out.report(
                &s.file,
                at,
                text!(
                    "this suppression names no known rule: {names}",
                    "该抑制注释中的规则不存在：{names}"
                ),
            )
            .help(text!(
                "`ecplint rules` lists the rule IDs",
                "`ecplint rules` 列出所有规则编号"
            ));
        }
        if s.reason.is_empty() {
            out.report(
                &s.file,
                at,
                text!("this suppression gives no reason", "该抑制注释没有说明理由"),
            )
            .help(text!(
                "add why the finding does not apply: `-- <reason>` after the rules",
                "在规则之后说明该问题不适用的原因：`-- <原因>`"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts, with, Tester};

    const LATEST: &str = "images:\n  tags:\n    hook: busybox:latest\n";

    fn values(comment: &str) -> String {
        format!("images:\n  tags:\n    {comment}\n    hook: busybox:latest\n")
    }

    #[test]
    fn at_the_comment() {
        let d = Tester::new(&super::RULE)
            .file("values.yaml")
            .findings(values("# ecplint-disable-next-line IMG-01 -- typo"));
        assert_eq!(starts(&d), vec![(3, 5)]);
    }

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("values.yaml")
            .pass([
                values("# ecplint-disable-next-line IMG-001 -- mirrored by the platform team"),
                values("# ecplint-disable-next-line IMG-001,IMG-002 -- mirrored"),
                format!("# ecplint-disable-file IMG-001 -- mirrored\n{LATEST}"),
            ])
            .fail([
                values("# ecplint-disable-next-line IMG-001"),
                values("# ecplint-disable-next-line -- no rule"),
                values("# ecplint-disable-next-line IMG-01 -- typo"),
                // Silences nothing: IMG-001 reports the next line, not this one.
                format!("# ecplint-disable-next-line IMG-001 -- wrong place\n\n{LATEST}"),
                format!("# ecplint-disable-file CHART-001 -- nothing here\n{LATEST}"),
            ])
            .test_and_snapshot();
    }

    /// The finding stays, marked; it is not counted; a template comment works too.
    #[test]
    fn silenced_findings_stay_marked() {
        let t = Tester::new(&crate::rules::img::img_001::RULE).file("values.yaml");
        let d = t.findings(values("# ecplint-disable-next-line IMG-001 -- mirrored"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suppressed.as_deref(), Some("mirrored"));
        let t = Tester::new(&crate::rules::helm::helm_011::RULE);
        let d = t.findings(with(
            "templates/pod-check.yaml",
            "{{/* ecplint-disable-next-line HELM-011 -- set by the platform */}}\na: {{ .Values.nope }}\n",
        ));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suppressed.as_deref(), Some("set by the platform"));
    }
}
