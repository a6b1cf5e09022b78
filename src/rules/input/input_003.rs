use crate::declare_rule;
use crate::rules::project_config::{Configs, FILE_NAME};
use crate::rules::{Findings, InputScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports what is wrong in a `.ecplint.yaml`, ecplint's own settings for a project or a
    /// chart, at the key or value: an unknown key (with the nearest known one), a rule ID or
    /// group that does not exist, a severity that is none, a bad glob, a Kubernetes version
    /// that does not read as one, YAML that does not parse; and a `.ecplint.yaml` where it is not
    /// read. A wrong entry is left out; the rest of the file still applies.
    ///
    /// The file sits at the input's top folder, a project's root (beside the `Makefile`) or a
    /// chart's root (beside `Chart.yaml`), and applies to the findings in the files below it:
    ///
    /// ```yaml
    /// rules:               # a rule ID or a group: error, warning, info, off (or on: the rule's own)
    ///   HA: warning
    ///   HELM-002: off
    /// ignore:              # findings in these files are not reported
    ///   - legacy/**        # globs from this file's folder; `*.bak` (no `/`): a name at any depth
    /// kube-version: 1.29.0 # what `--kube-version` says (the flag wins over the file)
    /// categories: [compute, storage]   # as `--categories` (both count)
    /// ```
    ///
    /// A chart's file is read over its project's: for a rule, the nearest file naming the rule
    /// or its group decides (in one file, the rule's own entry before its group's); the nearest
    /// `kube-version` is used; `ignore` and `categories` of every file above count. A finding
    /// whose severity a file changed carries `"configured": { "rule_severity", "config" }` in
    /// JSON (and in SARIF's properties).
    ///
    /// ## Why
    /// A team adopting ecplint on an existing product tunes it once, in the repository, and
    /// every run — CI, a colleague's command line, the page with the project dropped on it —
    /// reads the same file. A typo there would silently tune nothing, so the file is checked
    /// as strictly as a chart.
    ///
    /// ## 中文
    /// `.ecplint.yaml` 是 ecplint 自身的项目或 chart 配置（放在输入的顶层目录、工程根目录或 chart 根目录）：
    /// `rules` 按规则编号或分组设置严重级别（error、warning、info）或关闭（off）；`ignore` 列出不报告问题的文件
    /// （glob，相对于该文件所在目录）；`kube-version` 同 `--kube-version`（命令行参数优先）；`categories` 同
    /// `--categories`。本规则报告该文件中的错误：未知的键（并提示最接近的键）、不存在的规则或分组、无效的严重级别、
    /// 有误的 glob、无效的 Kubernetes 版本、YAML 语法错误，以及放在不会被读取的位置的配置文件。错误的条目被忽略，
    /// 其余设置仍然生效。
    ///
    /// ## Example
    /// ```yaml,fail,file=.ecplint.yaml
    /// rules:
    ///   HA: warnin
    /// kube_version: 1.29.0
    /// ```
    /// ```yaml,pass,file=.ecplint.yaml
    /// rules:
    ///   HA: warning
    /// kube-version: 1.29.0
    /// ```
    RULE = "INPUT-003", Input, Warning, "—",
    "Bad .ecplint.yaml", ".ecplint.yaml 配置有误", Input(check)
}

fn check(scope: &InputScope, out: &mut Findings) {
    for file in Configs::read(scope.input, scope.charts).files {
        if !file.read {
            out.report(
                &file.path,
                None,
                text!(
                    "this {FILE_NAME} is not read: it is not at a project's or a chart's root",
                    "该 {FILE_NAME} 不会被读取：它不在工程或 chart 的根目录"
                ),
            )
            .help(text!(
                "move it beside the project's Makefile or a chart's Chart.yaml",
                "将其移到工程的 Makefile 或 chart 的 Chart.yaml 旁边"
            ));
            continue;
        }
        for problem in file.problems {
            let d = out.report(&file.path, problem.range, problem.message);
            if let Some(help) = problem.help {
                d.help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts, with, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(".ecplint.yaml")
    }

    #[test]
    fn unknown_key_with_did_you_mean() {
        let d = tester().one("rules: {}\nkube_version: 1.29.0\n");
        assert_eq!(starts(std::slice::from_ref(&d)), [(2, 1)]);
        assert_eq!(d.message.en, "unknown key `kube_version`");
        assert_eq!(d.help.unwrap().en, "did you mean `kube-version`?");
    }

    #[test]
    fn unknown_rule_and_group() {
        let found = tester().findings("rules:\n  HELM-999: off\n  HAA: warning\n  HELM-002: off\n");
        assert_eq!(starts(&found), [(2, 3), (3, 3)]);
        assert_eq!(found[0].message.en, "`HELM-999` is no rule ID or group");
        assert_eq!(found[1].help.as_ref().unwrap().en, "did you mean `HA`?");
        assert_eq!(found[1].message.zh, "`HAA` 不是规则编号或分组");
    }

    #[test]
    fn bad_severity_at_the_value() {
        let d = tester().one("rules:\n  HA: warnin\n");
        assert_eq!(starts(std::slice::from_ref(&d)), [(2, 7)]);
        assert_eq!(d.message.en, "`warnin` is no severity for `HA`");
        assert!(d.help.unwrap().en.starts_with("did you mean `warning`?"));
        let d = tester().one("rules:\n  HA: [warning]\n");
        assert_eq!(d.message.en, "`list` is no severity for `HA`");
    }

    #[test]
    fn bad_glob_at_the_item() {
        let found = tester().findings("ignore:\n  - ok/**\n  - 'a/[bc'\n  - ../up\n");
        assert_eq!(starts(&found), [(3, 5), (4, 5)]);
        assert!(found[0]
            .message
            .en
            .starts_with("bad glob in `ignore`: `a/[bc` opens `[`"));
        assert!(found[1].message.zh.contains("`..`"));
    }

    #[test]
    fn bad_kube_version() {
        let d = tester().one("kube-version: one-point-thirty\n");
        assert_eq!(starts(std::slice::from_ref(&d)), [(1, 15)]);
        assert_eq!(
            d.message.en,
            "`one-point-thirty` is not a Kubernetes version"
        );
        let d = tester().one("kube-version: [1.29]\n");
        assert_eq!(starts(&[d]), [(1, 15)]);
    }

    #[test]
    fn wrong_shapes() {
        let d = tester().one("- rules\n");
        assert_eq!(
            d.message.en,
            "the config must be a map of settings, not a list"
        );
        let d = tester().one("rules: [HA]\n");
        assert_eq!(starts(&[d]), [(1, 8)]);
        let d = tester().one("categories: [compute, {a: b}]\n");
        assert_eq!(starts(&[d]), [(1, 23)]);
        let d = tester().one("ignore: {a: b}\n");
        assert_eq!(d.message.en, "`ignore` must be a list of strings");
    }

    #[test]
    fn yaml_errors_and_duplicates() {
        let d = tester().one("rules:\n  HA: off\n  HA: error\n");
        assert_eq!(starts(std::slice::from_ref(&d)), [(3, 3)]);
        assert_eq!(d.message.en, "`HA` is given twice");
        let found = tester().findings("rules: [\n");
        assert!(found[0].message.en.starts_with("this is not valid YAML"));
    }

    #[test]
    fn not_read_where_it_is() {
        let d = Tester::new(&super::RULE)
            .file("templates/.ecplint.yaml")
            .one("rules: {HA: off}\n");
        assert_eq!(d.range, None);
        assert!(d.message.en.contains("is not read"));
        // The project root is a place it is read.
        Tester::new(&super::RULE)
            .pass([with("../../.ecplint.yaml", "rules: {HA: off}\n")])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "rules:\n  HA: warning\n  HELM-002: off\n  img-001: ERROR\n  HELM: on\n",
                "ignore: [legacy/**, '*.bak']\nkube-version: v1.29\ncategories: compute, storage\n",
                "",
                "# nothing yet\n",
            ])
            .fail([
                "kube-version: latest\n",
                "rules: {HA: fatal}\n",
                "ignores: []\n",
            ])
            .test_and_snapshot();
    }
}
