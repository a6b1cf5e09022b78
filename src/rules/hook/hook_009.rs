use crate::declare_rule;
use crate::rules::hook::hook_005::first_messages;
use crate::rules::hook::scripts::hooks;
use crate::rules::{Findings, ProjectScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a check script (`hook/<stage>/check/pre/`) that gives its failure message in one
    /// language only: a `# fail_zh_hans:` comment without `# fail_en:`, or the reverse. The
    /// finding is at the comment that is there. Comments are read as HOOK-005 reads them (the
    /// first well-formed one of each key). A script with a misspelt or spaced failure-message
    /// key (`# fail_zh:`, `# fail_en :`) is left to HOOK-005, whose fix may supply the missing
    /// one; a script with neither comment is HOOK-005's info.
    ///
    /// ## Why
    /// §1.1.6.10, 自定义错误检查提示: the platform shows `fail_zh_hans` on the Chinese page and
    /// `fail_en` on the English one; without the comment it shows its default message (“云产品删除
    /// 失败” / “Cloud product deletion failed”). An author who wrote one message meant users to
    /// learn why the check failed; the users of the other language do not. The guide names
    /// these comments for the pre-checks, so only `check/pre` scripts are read (a message
    /// elsewhere is never shown, in either language).
    ///
    /// ## 中文
    /// 前置检查脚本（`check/pre`）只写了 `# fail_zh_hans:` 与 `# fail_en:` 中的一条：另一种语言的界面
    /// 在检查失败时只显示默认提示“云产品删除失败”（§1.1.6.10）。两条都没有时由 HOOK-005 提示。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    RULE = "HOOK-009", Hook, Info, "§1.1.6.10",
    "Hook failure message in one language only", "hook 失败提示只有一种语言", Project(check)
}

fn check(project: &ProjectScope, out: &mut Findings) {
    let Some(hooks) = hooks(project.lead()) else {
        return;
    };
    for (f, text) in hooks.readable_scripts() {
        if !matches!(f.place(), Some((_, "check", "pre"))) {
            continue;
        }
        let shown = f.shown;
        let (range, d) = match first_messages(text) {
            Some([Some(zh), None]) => (
                zh,
                text!(
                    "`{shown}` gives `# fail_zh_hans:` but no `# fail_en:`: when it fails the English page shows only the default message",
                    "`{shown}` 有 `# fail_zh_hans:` 但没有 `# fail_en:`：检查失败时英文界面只显示默认提示"
                ),
            ),
            Some([None, Some(en)]) => (
                en,
                text!(
                    "`{shown}` gives `# fail_en:` but no `# fail_zh_hans:`: when it fails the Chinese page shows only the default message",
                    "`{shown}` 有 `# fail_en:` 但没有 `# fail_zh_hans:`：检查失败时中文界面只显示默认提示"
                ),
            ),
            _ => continue,
        };
        out.report(&f.file.path, Some(range), d).help(text!(
            "give the message in both languages: `# fail_zh_hans: <中文提示>` and `# fail_en: <English message>`",
            "请用两种语言给出提示：`# fail_zh_hans: <中文提示>` 和 `# fail_en: <English message>`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::hook::scripts::CHECK;
    use crate::rules::tester::{files, places, with, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHECK)
    }

    const PASS: &str = "echo 'mycloud-product delete pre check pass'\n";

    #[test]
    fn at_the_comment_that_is_there() {
        let d = tester().findings(format!("#!/bin/sh\nset -e\n  # fail_en: failed\n{PASS}"));
        assert_eq!(places(&d), [(3, 5, 12)]);
        assert!(d[0].message.en.contains("no `# fail_zh_hans:`"));
        let d = tester().findings(format!(
            "#!/bin/sh\n# fail_zh_hans: 失败\n# note: x\n{PASS}"
        ));
        assert_eq!(places(&d), [(2, 3, 15)]);
        assert!(d[0].message.en.contains("the English page"));
    }

    #[test]
    fn pre_checks_only() {
        let one = "#!/bin/sh\n# fail_en: failed\ntrue\n";
        let d = tester().findings(
            with("../../hook/install/check/pre/001_a.sh", one)
                .with("../../hook/install/job/pre/001_a.sh", one)
                .with("../../hook/install/check/post/001_a.sh", one),
        );
        assert_eq!(files(&d), ["../../hook/install/check/pre/001_a.sh"]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // Both, neither (HOOK-005), a spaced or misspelt key beside the other (HOOK-005).
                format!("#!/bin/sh\n#fail_en:failed\n# fail_zh_hans: 失败\n{PASS}"),
                format!("#!/bin/sh\n{PASS}"),
                format!("#!/bin/sh\n# fail_en : failed\n# fail_zh_hans: 失败\n{PASS}"),
                format!("#!/bin/sh\n# fail_zh: 失败\n# fail_en: failed\n{PASS}"),
            ])
            .fail([format!("#!/bin/sh\n# fail_en: failed\n{PASS}")])
            .test_and_snapshot();
    }
}
