use crate::declare_rule;
use crate::diagnostic::{Range, Severity};
use crate::rules::hook::scripts::{hooks, lines, span};
use crate::rules::{Findings, ProjectScope};
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reads the failure-message comments of hook scripts, `# fail_zh_hans: <中文提示>` and
    /// `# fail_en: <English message>`, and reports:
    /// - a second `# fail_zh_hans:` or `# fail_en:` in one script (warning, on the repeated
    ///   key): only the first counts, so the later one is dead text and often the one the author
    ///   meant;
    /// - a key the platform does not know, such as `# fail_zh:`, `# fail_cn:`, `# FAIL_EN:` or
    ///   `# fail_en :` with a space before the colon (warning, the nearest key suggested): the
    ///   message is silently not used;
    /// - an empty message, `# fail_en:` with nothing after it (warning);
    /// - a check script (`hook/<stage>/check/pre/`) with neither comment (info): when it fails
    ///   the platform shows its default message (中文 “云产品删除失败”, English “Cloud product
    ///   deletion failed”), which says nothing of the cause. A script with only one of them is
    ///   HOOK-009's.
    ///
    /// Comments are lines whose first non-blank character is `#` (the `#!` line excepted);
    /// `#` and the key may be separated by spaces. Scripts that are not UTF-8 are skipped. The
    /// project is checked once, with its first chart.
    ///
    /// ## Why
    /// §1.1.6.10, 自定义错误检查提示: "安装、升级, 删除前置检查脚本中, 可通过注释定义此脚本执行失败时的
    /// 提示信息 … 当有多条同名注释时, 只会取第一条注释"; without them the message is
    /// "云产品删除失败 / Cloud product deletion failed". The guide's example writes them as
    /// `# fail_zh_hans: 存在异常数据` and `# fail_en: Has exception data`. The guide names the
    /// comments for pre-checks only, so the missing-message note is limited to `check/pre`.
    ///
    /// ## 中文
    /// hook 脚本中的 `# fail_zh_hans:` 或 `# fail_en:` 注释重复时只有第一条生效（警告）；键名写错
    /// （如 `# fail_zh:`）或提示为空也给出警告。前置检查脚本（`check/pre`）两条都没有时给出提示
    /// （info；只有其中一条时由 HOOK-009 报告）：失败时平台只显示默认信息“云产品删除失败”（§1.1.6.10）。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// # fail_en: Volumes still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源或存储卷
    /// # fail_en: Resources or volumes still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// A misspelled key:
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    RULE = "HOOK-005", Hook, Warning | Info, "§1.1.6.10",
    "Hook failure-message comments", "hook 脚本失败提示注释", Project(check)
}

const ZH: &str = "fail_zh_hans";
const EN: &str = "fail_en";
const KEYS: &[&str] = &[ZH, EN];

/// The first well-formed `# fail_zh_hans:` and `# fail_en:` comments of a script (their
/// keys), in that order (HOOK-009); `None` when the script also has a failure-message comment
/// this rule reports as misspelt or spaced (its fix may be the missing one).
pub(crate) fn first_messages(text: &str) -> Option<[Option<Range>; 2]> {
    let mut first = [None, None];
    for (n, line) in lines(text) {
        let Some(c) = comment(line) else { continue };
        if n == 1 && line.starts_with("#!") {
            continue;
        }
        let word = &line[c.key.0..c.key.1];
        match KEYS.iter().position(|k| *k == word) {
            Some(k) if !c.spaced => {
                if first[k].is_none() {
                    first[k] = Some(span(n, line, c.key.0, c.key.1));
                }
            }
            _ if word.to_ascii_lowercase().starts_with("fail") => return None,
            _ => {}
        }
    }
    Some(first)
}

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    for (f, text) in hooks.readable_scripts() {
        let path = &f.file.path;
        // The line of the first well-formed comment of each key.
        let mut first: [Option<usize>; 2] = [None, None];
        for (n, line) in lines(text) {
            let Some(c) = comment(line) else { continue };
            if n == 1 && line.starts_with("#!") {
                continue;
            }
            let word = &line[c.key.0..c.key.1];
            let range = span(n, line, c.key.0, c.key.1);
            let Some(k) = KEYS.iter().position(|k| *k == word) else {
                if word.to_ascii_lowercase().starts_with("fail") {
                    let d = out.report(
                        path,
                        Some(range),
                        text!(
                            "`# {word}:` is not a failure-message comment the platform reads (`# fail_zh_hans:`, `# fail_en:`)",
                            "`# {word}:` 不是平台识别的失败提示注释（`# fail_zh_hans:`、`# fail_en:`）"
                        ),
                    );
                    match suggest(word) {
                        Some(near) => d.help(text!("write `# {near}:`", "请写作 `# {near}:`")),
                        None => d.help(text!(
                            "write `# fail_zh_hans: <中文提示>` and `# fail_en: <English message>`",
                            "请写作 `# fail_zh_hans: <中文提示>` 和 `# fail_en: <English message>`"
                        )),
                    };
                }
                continue;
            };
            if c.spaced {
                out.report(
                    path,
                    Some(range),
                    text!(
                        "`# {word} :` has a space before the colon: the platform may not read it as the failure message",
                        "`# {word} :` 冒号前有空格：平台可能不会将其识别为失败提示"
                    ),
                )
                .help(text!("write `# {word}:`", "请写作 `# {word}:`"));
                continue;
            }
            if let Some(at) = first[k] {
                out.report(
                    path,
                    Some(range),
                    text!(
                        "`# {word}:` repeats line {at}: only the first one is shown",
                        "`# {word}:` 与第 {at} 行重复：只有第一条会显示"
                    ),
                )
                .help(text!(
                    "keep one `# {word}:` comment; put the message you want shown in the first",
                    "只保留一条 `# {word}:` 注释，把要显示的提示写在第一条中"
                ));
                continue;
            }
            first[k] = Some(n);
            if c.empty {
                out.report(
                    path,
                    Some(range),
                    text!("`# {word}:` has no message", "`# {word}:` 没有提示内容"),
                )
                .help(text!(
                    "write the message after the colon, or remove the comment",
                    "请在冒号后写出提示内容，或删除该注释"
                ));
            }
        }
        if !matches!(f.place(), Some((_, "check", "pre"))) {
            continue;
        }
        // Only one of them: HOOK-009.
        if first != [None, None] {
            continue;
        }
        let shown = f.shown;
        out.report(
            path,
            None,
            text!(
                "`{shown}` has no `# fail_zh_hans:` or `# fail_en:` comment: when it fails the platform shows only its default message",
                "`{shown}` 没有 `# fail_zh_hans:` 或 `# fail_en:` 注释：失败时平台只显示默认提示"
            ),
        )
        .severity(Severity::Info)
        .help(text!(
            "say why the check failed: `# fail_zh_hans: <中文提示>` and `# fail_en: <English message>`",
            "请说明检查失败的原因：`# fail_zh_hans: <中文提示>` 和 `# fail_en: <English message>`"
        ));
    }
}

/// The key a misspelled one most likely meant: by its language, else by spelling.
fn suggest(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase();
    if ["zh", "cn", "hans", "chinese"]
        .iter()
        .any(|m| w.contains(m))
    {
        Some(ZH)
    } else if w.contains("en") && !w.contains("zh") {
        Some(EN)
    } else {
        nearest(word, KEYS)
    }
}

/// A `# key: value` comment line.
struct Comment {
    /// Bytes of the key.
    key: (usize, usize),
    /// Spaces between the key and its colon.
    spaced: bool,
    /// Nothing after the colon.
    empty: bool,
}

fn comment(line: &str) -> Option<Comment> {
    let hash = line.len() - line.trim_start().len();
    let rest = line[hash..].strip_prefix('#')?;
    let start = line.len() - rest.trim_start().len();
    let key_len = line[start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len() - start);
    if key_len == 0 {
        return None;
    }
    let end = start + key_len;
    let after = line[end..].trim_start_matches([' ', '\t']);
    let value = after.strip_prefix(':')?;
    Some(Comment {
        key: (start, end),
        spaced: after.len() != line.len() - end,
        empty: value.trim().is_empty(),
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::hook::scripts::CHECK;
    use crate::rules::tester::{files, help, places, with, Tester};

    /// Cases are the delete check script.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHECK)
    }

    const PASS: &str = "echo 'mycloud-product delete pre check pass'\n";

    #[test]
    fn repeats_point_at_the_later_key() {
        let d = tester().findings(format!(
            "#!/bin/sh\n# fail_zh_hans: 一\n# fail_en: one\nset -e\n  # fail_en: two\n# fail_zh_hans: 二\n{PASS}"
        ));
        assert_eq!(places(&d), [(5, 5, 12), (6, 3, 15)]);
        assert!(d[0].message.en.contains("repeats line 3"));
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn misspelled_spaced_and_empty() {
        let d = tester().findings(format!(
            "#!/bin/sh\n# fail_zh: 失败\n# FAIL_EN: failed\n# fail_en : x\n# fail_en:\n# failure: of nothing\n# fail_zh_hans: 失败\n{PASS}"
        ));
        let got: Vec<_> = d
            .iter()
            .map(|d| (d.range.unwrap().start.line, help(d)))
            .collect();
        assert_eq!(places(&d)[0], (2, 3, 10));
        assert_eq!(got[0].1, "write `# fail_zh_hans:`");
        assert_eq!(got[1].1, "write `# fail_en:`");
        assert_eq!((got[2].0, got[2].1), (4, "write `# fail_en:`"));
        assert!(d[2].message.en.contains("space before the colon"));
        assert_eq!(got[3].0, 5);
        assert!(d[3].message.en.contains("has no message"));
        assert_eq!(got[4].0, 6);
        assert!(got[4].1.contains("`# fail_zh_hans: <中文提示>`"));
        assert_eq!(d.len(), 5);
        assert!(d.iter().all(|d| d.help.is_some()), "{d:?}");
    }

    #[test]
    fn missing_messages_are_info_on_pre_checks_only() {
        let d = tester().findings(format!("#!/bin/sh\n{PASS}"));
        assert_eq!(places(&d), [(0, 0, 0)]);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0]
            .message
            .en
            .contains("no `# fail_zh_hans:` or `# fail_en:`"));
        // Only one of them: HOOK-009.
        assert!(tester()
            .findings(format!("#!/bin/sh\n# fail_en: failed\n{PASS}"))
            .is_empty());
        let d = tester().findings(
            with("../../hook/install/check/pre/001_a.sh", "#!/bin/sh\ntrue\n")
                .with("../../hook/install/job/pre/001_a.sh", "#!/bin/sh\ntrue\n")
                .with(
                    "../../hook/install/check/post/001_a.sh",
                    "#!/bin/sh\ntrue\n",
                ),
        );
        assert_eq!(files(&d), ["../../hook/install/check/pre/001_a.sh"]);
    }

    #[test]
    fn binary_and_non_utf8_scripts_are_skipped() {
        tester()
            .pass([
                &b"\x7fELF\x00\x01# fail_en:\n"[..],
                &b"# fail_zh_hans: \xb4\xe6\n# fail_en:\n"[..],
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Both comments, once.
            .pass([
                format!("#!/bin/sh\n# fail_zh_hans: 失败\n#fail_en:failed\n{PASS}"),
                format!("#!/bin/sh\n  #  fail_en: x\n# fail_zh_hans: 失败\n# note: fail_en: not a key\n{PASS}"),
            ])
            .test_and_snapshot();
    }
}
