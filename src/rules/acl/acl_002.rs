use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::acl::acl_001::{a_type, data_map, zh_type};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks `data.psp_type` in `templates/_acl_helpers.yaml.tpl`: it must be the string
    /// `Unlimited` or `Limit`, spelled exactly so.
    /// - another word, another case (`limit`) or a non-string (`psp_type: true`): error, with
    ///   the nearest valid value;
    /// - `Unlimit`: warning — accepted, but spelled `Unlimited` in the guide's examples;
    /// - no `psp_type` at all: warning, at the `data` key.
    ///
    /// ## Why
    /// §1.1.6.3: the product must declare the Pod Security Policy it runs under; "目前支持
    /// Unlimit 和 Limit". The guide's prose says `Unlimit` while both of its examples write
    /// `Unlimited`, and the catalog follows the examples: `Unlimited` is the value, `Unlimit`
    /// is accepted with a warning (it may only work on the platform versions the prose was
    /// written for). The value is compared as a plain string, so the case matters. The guide
    /// asks every product to declare its PSP type ("目前需要定义云产品的 psp 策略"); without one
    /// the platform falls back to its default policy, which is a convention broken rather than a
    /// rejected chart, hence a warning.
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中 `data.psp_type` 必须是字符串 `Unlimited` 或 `Limit`（区分大小写）。
    /// 指南正文写作 `Unlimit`，示例写作 `Unlimited`：以示例为准，`Unlimit` 仍接受但给出警告；
    /// 未声明 `psp_type` 时给出警告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Unlimted
    ///   pvc_enable: false
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Unlimited
    ///   pvc_enable: false
    /// ```
    RULE = "ACL-002", Acl, Error | Warning, "§1.1.6.3",
    "Invalid psp_type", "psp_type 取值无效", Chart(check)
}

const VALUES: &[&str] = &["Unlimited", "Limit"];

fn check(chart: &Chart, out: &mut Findings) {
    let Some((acl, data)) = data_map(chart) else {
        return;
    };
    let Some(entry) = data.value.entry("psp_type") else {
        out.report(
            &acl.path,
            Some(data.key.range),
            text!("`data` declares no `psp_type`", "`data` 中没有声明 `psp_type`"),
        )
        .severity(Severity::Warning)
        .help(text!(
            "declare the Pod Security Policy the product needs: `psp_type: Limit` (restricted) or `psp_type: Unlimited`",
            "声明云产品所需的 PSP 类型：`psp_type: Limit`（受限）或 `psp_type: Unlimited`"
        ));
        return;
    };
    let value = &entry.value;
    let Some(text) = value.as_str() else {
        let kind = a_type(value);
        let kind_zh = zh_type(value);
        let range = if value.is_null() {
            entry.key.range
        } else {
            value.range
        };
        out.report(
            &acl.path,
            Some(range),
            text!(
                "`psp_type` is {kind}, not `Unlimited` or `Limit`",
                "`psp_type` 是 {kind_zh}，而不是 `Unlimited` 或 `Limit`"
            ),
        )
        .help(text!(
            "write `psp_type: Limit` or `psp_type: Unlimited`",
            "请写作 `psp_type: Limit` 或 `psp_type: Unlimited`"
        ));
        return;
    };
    if VALUES.contains(&text) {
        return;
    }
    if text == "Unlimit" {
        out.report(
            &acl.path,
            Some(value.range),
            text!(
                "`psp_type: Unlimit` is the guide's prose spelling; its examples write `Unlimited`",
                "`psp_type: Unlimit` 是指南正文的写法；指南示例写作 `Unlimited`"
            ),
        )
        .severity(Severity::Warning)
        .help(text!(
            "write `psp_type: Unlimited`",
            "请写作 `psp_type: Unlimited`"
        ));
        return;
    }
    let d = out.report(
        &acl.path,
        Some(value.range),
        text!(
            "`psp_type: {text}` is not `Unlimited` or `Limit`",
            "`psp_type: {text}` 不是 `Unlimited` 或 `Limit`"
        ),
    );
    match nearest(text, VALUES) {
        Some(near) => d.help(text!(
            "did you mean `{near}`? (the value is case-sensitive)",
            "是否应为 `{near}`？（取值区分大小写）"
        )),
        None => d.help(text!(
            "`psp_type` is `Limit` (restricted) or `Unlimited`",
            "`psp_type` 只能是 `Limit`（受限）或 `Unlimited`"
        )),
    };
}

#[cfg(test)]
mod tests {
    use crate::chart::ACL_HELPERS;
    use crate::diagnostic::{Diagnostic, Pos, Severity};
    use crate::rules::tester::{help, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    /// Severity, start and help of a finding.
    fn summary(d: &Diagnostic) -> (Severity, Pos, String) {
        (d.severity, d.range.unwrap().start, help(d).to_string())
    }

    #[test]
    fn unlimit_is_a_warning() {
        let (sev, pos, _) = summary(&tester().one("data:\n  psp_type: Unlimit\n"));
        assert_eq!(
            (sev, pos),
            (
                Severity::Warning,
                Pos {
                    line: 2,
                    column: 13
                }
            )
        );
    }

    #[test]
    fn wrong_case_suggests() {
        let (sev, pos, help) =
            summary(&tester().one("data:\n  pvc_enable: true\n  psp_type: limit\n"));
        assert_eq!(
            (sev, pos),
            (
                Severity::Error,
                Pos {
                    line: 3,
                    column: 13
                }
            )
        );
        assert!(help.contains("`Limit`"), "{help}");
        let (_, _, help) = summary(&tester().one("data:\n  psp_type: unlimited\n"));
        assert!(help.contains("`Unlimited`"), "{help}");
    }

    #[test]
    fn unknown_and_non_string() {
        let (sev, pos, help) = summary(&tester().one("data:\n  psp_type: Restricted\n"));
        assert_eq!(
            (sev, pos),
            (
                Severity::Error,
                Pos {
                    line: 2,
                    column: 13
                }
            )
        );
        assert!(!help.contains("did you mean"));
        let (_, pos, _) = summary(&tester().one("data:\n  psp_type: true\n"));
        assert_eq!(
            pos,
            Pos {
                line: 2,
                column: 13
            }
        );
        let (_, pos, _) = summary(&tester().one("data:\n  psp_type:\n"));
        assert_eq!(pos, Pos { line: 2, column: 3 });
    }

    #[test]
    fn absent_is_a_warning_at_data() {
        let (sev, pos, _) = summary(&tester().one("# acl\ndata:\n  pvc_enable: false\n"));
        assert_eq!((sev, pos), (Severity::Warning, Pos { line: 2, column: 1 }));
    }

    #[test]
    fn broken_file_is_left_to_acl_001() {
        tester().pass(["psp_type: nope\n", "data: [\n"]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "data:\n  psp_type: Limit\n",
                "data:\n  psp_type: \"Unlimited\"\n",
            ])
            .test_and_snapshot();
    }
}
