use crate::declare_rule;
use crate::diagnostic::Range;
use crate::diagnostic::Severity;
use crate::rules::hook::scripts::{comment_start, hooks, lines, products, span};
use crate::rules::{Findings, ProjectScope};
use crate::text;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// When `hook/delete/check/pre/` holds scripts, reports that none of them contains the
    /// statement `echo '<name> delete pre check pass'`, where `<name>` is the product ID (the
    /// chart's `name` in Chart.yaml; in a project with several charts, any of their names
    /// counts).
    ///
    /// The statement must be written exactly: `echo`, one space, the text in **single** quotes,
    /// with single spaces. It may stand anywhere a command may (indented, inside a function,
    /// after `;`/`&&`, followed by `;`, a redirection or a comment), but not inside a comment:
    /// an occurrence only in a comment is reported as a warning (a text search would find it,
    /// but it never runs). When a line comes close — double quotes, another product's name,
    /// `${NAME}`, other spacing or case — the finding points at it and says what differs;
    /// otherwise it is on the first script of the folder.
    ///
    /// Scripts in another encoding are searched as bytes (the statement is ASCII). The project
    /// is checked once, with its first chart.
    ///
    /// ## Why
    /// §1.1.6.10, 删除前置检查定义: many foundation products ship a default `delete/check/pre`
    /// script that checks nothing, so the platform accepts the folder only when one of its
    /// scripts contains `echo '{name} delete pre check pass'` ({name} = the product name):
    /// "ECP检查会完整匹配此段代码, '{name} delete pre check pass' 必须用单引号包裹". Without it the
    /// scripts are not a valid delete check ("当其中一个脚本存在此语句才可判断为一个有效的脚本"),
    /// and the delete flow stops at the check (read from the guide's flow: "失败则记录错误信息,
    /// 云产品状态重置为已安装状态"): the product cannot be deleted. "完整匹配此段代码" is
    /// read as "matches this code exactly" (the whole statement, quotes included), not "is the
    /// whole line", so a trailing `;` or comment is fine.
    ///
    /// ## 中文
    /// `hook/delete/check/pre/` 中有脚本时，至少一个脚本必须包含语句
    /// `echo '<名称> delete pre check pass'`（名称为 Chart.yaml 的 `name`，即云产品 ID），必须用
    /// 单引号、逐字一致（§1.1.6.10）。双引号、其他名称、`${NAME}` 变量都不算；只出现在注释中时
    /// 给出警告。项目有多个 chart 时任一 chart 名称均可。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// set -e
    /// echo "mycloud-product delete pre check pass"
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// set -e
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// Another product's name does not count either:
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// echo 'cinder delete pre check pass'
    /// ```
    RULE = "HOOK-002", Hook, Error | Warning, "§1.1.6.10",
    "Delete pre-check lacks its pass statement", "删除前置检查缺少通过语句", Project(check)
}

const PHRASE: &str = "delete pre check pass";

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    let scripts: Vec<_> = hooks.in_folder("delete", "check", "pre").collect();
    let Some(first) = scripts.first() else {
        return;
    };
    let names: Vec<String> = products(chart).into_iter().map(|p| p.name).collect();
    let wanted: Vec<String> = names
        .iter()
        .map(|n| format!("echo '{n} {PHRASE}'"))
        .collect();
    let statement = &wanted[0];
    let texts: Vec<Cow<str>> = scripts
        .iter()
        .map(|f| {
            let data = f.file.data.strip_prefix(b"\xEF\xBB\xBF");
            String::from_utf8_lossy(data.unwrap_or(&f.file.data))
        })
        .collect();
    // In a comment only: (script, line, range).
    let mut commented = None;
    for (f, text) in scripts.iter().zip(&texts) {
        for (n, line) in lines(text) {
            let code_end = comment_start(line).unwrap_or(line.len());
            for w in &wanted {
                for (at, _) in line.match_indices(w.as_str()) {
                    if !starts_word(line, at) {
                        continue;
                    }
                    if at < code_end {
                        return;
                    }
                    commented.get_or_insert((*f, span(n, line, at, at + w.len())));
                }
            }
        }
    }
    if let Some((f, range)) = commented {
        out.report(
            &f.file.path,
            Some(range),
            text!(
                "`{statement}` is only in a comment: the pass statement of the delete check should run",
                "`{statement}` 只出现在注释中：删除前置检查的通过语句应当被执行"
            ),
        )
        .severity(Severity::Warning)
        .help(text!(
            "remove the `#` so that the script runs `{statement}` once its checks passed",
            "请去掉 `#`，在检查通过后执行 `{statement}`"
        ));
        return;
    }
    for (f, text) in scripts.iter().zip(&texts) {
        for (n, line) in lines(text) {
            let Some((range, what_en, what_zh)) = near_miss(n, line, &names) else {
                continue;
            };
            out.report(
                &f.file.path,
                Some(range),
                text!(
                    "{what_en}: without the exact pass statement the product cannot be deleted",
                    "{what_zh}：缺少完全一致的通过语句，云产品将无法删除"
                ),
            )
            .help(text!(
                "write the statement exactly, in single quotes: `{statement}`",
                "请逐字写出该语句，并使用单引号：`{statement}`"
            ));
            return;
        }
    }
    let shown = first.shown;
    let shown_dir = "hook/delete/check/pre/";
    out.report(
        &first.file.path,
        None,
        text!(
            "no script in `{shown_dir}` contains `{statement}`: the platform ignores the delete check and the product cannot be deleted",
            "`{shown_dir}` 中没有脚本包含 `{statement}`：平台视删除前置检查为无效，云产品将无法删除"
        ),
    )
    .help(text!(
        "end `{shown}` with `{statement}` once its checks passed (single quotes)",
        "请在 `{shown}` 的检查通过后执行 `{statement}`（使用单引号）"
    ));
}

/// Whether the text at byte `at` starts a word (`myecho '…'` is not `echo`).
fn starts_word(line: &str, at: usize) -> bool {
    line[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'))
}

/// A line that tries to write the pass statement and gets it wrong: its range and what is
/// wrong with it.
fn near_miss(n: usize, line: &str, names: &[String]) -> Option<(Range, String, String)> {
    let lower = line.to_ascii_lowercase();
    // The phrase's four words, whatever the spacing (only the next four words are read).
    let squeeze = |s: &str| s.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    let code_end = comment_start(line).unwrap_or(line.len());
    // The `delete` that starts the phrase (spacing aside).
    let (phrase_at, _) = lower.match_indices("delete").find(|(at, _)| {
        // A bounded window: a long line full of `delete` stays linear.
        let mut end = (at + 64).min(lower.len());
        while !lower.is_char_boundary(end) {
            end -= 1;
        }
        squeeze(&lower[*at..end]).starts_with(PHRASE)
    })?;
    if phrase_at >= code_end {
        return None;
    }
    // From `echo` (or `printf`, or the start of the text) to the end of the phrase and its quote.
    let start = lower[..phrase_at]
        .rfind("echo")
        .or_else(|| lower[..phrase_at].rfind("printf"))
        .unwrap_or_else(|| line.len() - line.trim_start().len());
    let pass_end = lower[phrase_at..]
        .find("pass")
        .map_or(line.len(), |p| phrase_at + p + 4);
    let end = match line[pass_end..].chars().next() {
        Some(c @ ('\'' | '"')) => pass_end + c.len_utf8(),
        _ => pass_end,
    };
    let range = span(n, line, start, end);
    let written = line[start..end].to_string();
    let name_part = line[start..phrase_at]
        .trim_start_matches(|c: char| c.is_alphabetic())
        .trim()
        .trim_start_matches(['\'', '"'])
        .trim();
    let (en, zh) = if written.contains('"') && !written.contains('\'') {
        (
            format!("`{written}` uses double quotes, the platform only accepts single quotes"),
            format!("`{written}` 使用了双引号，平台只接受单引号"),
        )
    } else if name_part.contains('$') {
        (
            format!("`{written}` names the product through a variable, which single quotes do not expand and the platform does not read"),
            format!("`{written}` 通过变量指定名称，单引号中变量不会展开，平台也按原文匹配"),
        )
    } else if !name_part.is_empty() && !names.iter().any(|n| n == name_part) {
        let own = &names[0];
        (
            format!("`{written}` names `{name_part}`, not this product `{own}`"),
            format!("`{written}` 中的名称是 `{name_part}`，而不是本云产品 `{own}`"),
        )
    } else {
        (
            format!("`{written}` differs from the pass statement"),
            format!("`{written}` 与通过语句不完全一致"),
        )
    };
    Some((range, en, zh))
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::hook::scripts::CHECK;
    use crate::rules::tester::{files, help, places, with, without, Tester};

    /// Cases are the delete check script.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHECK)
    }

    const HEAD: &str = "#!/bin/sh\n# fail_zh_hans: 失败\n# fail_en: failed\n";

    #[test]
    fn double_quotes_are_pointed_at() {
        let d = tester().findings(format!(
            "{HEAD}set -e\n  echo \"mycloud-product delete pre check pass\"\n"
        ));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(places(&d), [(5, 3, 47)]);
        assert!(
            d[0].message.en.contains("double quotes"),
            "{}",
            d[0].message.en
        );
        assert!(help(&d[0]).contains("`echo 'mycloud-product delete pre check pass'`"));
    }

    #[test]
    fn another_name_or_a_variable() {
        let d = tester().findings(format!("{HEAD}echo 'cinder delete pre check pass'\n"));
        assert_eq!(places(&d), [(4, 1, 36)]);
        assert!(d[0]
            .message
            .en
            .contains("names `cinder`, not this product `mycloud-product`"));
        let d = tester().findings(format!("{HEAD}echo '${{NAME}} delete pre check pass'\n"));
        assert!(d[0].message.en.contains("variable"), "{}", d[0].message.en);
        let d = tester().findings(format!(
            "{HEAD}echo 'mycloud-product  Delete pre check pass'\n"
        ));
        assert_eq!(places(&d), [(4, 1, 46)]);
        assert!(d[0].message.en.contains("differs from the pass statement"));
    }

    #[test]
    fn nothing_close_is_reported_on_the_first_script() {
        let d = tester().findings(with(CHECK, "#!/bin/sh\nexit 0\n").with(
            "../../hook/delete/check/pre/002_more.sh",
            "#!/bin/sh\ntrue\n",
        ));
        assert_eq!(files(&d), [CHECK]);
        assert_eq!(places(&d), [(0, 0, 0)]);
        // The statement in a second script of the folder is enough.
        tester()
            .pass([with(CHECK, "#!/bin/sh\nexit 0\n").with(
                "../../hook/delete/check/pre/002_more.sh",
                "echo 'mycloud-product delete pre check pass'\n",
            )])
            .test();
    }

    #[test]
    fn in_a_comment_only_is_a_warning() {
        let d = tester().findings(format!(
            "{HEAD}exit 0 # echo 'mycloud-product delete pre check pass'\n"
        ));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(places(&d), [(4, 10, 54)]);
    }

    #[test]
    fn not_a_word_start_and_other_folders() {
        let d = tester().findings(format!(
            "{HEAD}myecho 'mycloud-product delete pre check pass'\n"
        ));
        assert_eq!(d.len(), 1);
        // Only delete/check/pre is looked at; no scripts there, nothing to say.
        tester()
            .pass([without(CHECK).with("../../hook/install/check/pre/001_check.sh", "exit 0\n")])
            .test();
    }

    #[test]
    fn other_encodings_are_searched_as_bytes() {
        let mut gbk = b"#!/bin/sh\n# fail_zh_hans: \xb4\xe6\xd4\xda\n".to_vec();
        gbk.extend_from_slice(b"echo 'mycloud-product delete pre check pass'\n");
        tester().pass([gbk.as_slice()]).test();
        let d = tester().findings(b"\xff\xfe\x00binary");
        assert_eq!(places(&d), [(0, 0, 0)]);
    }

    #[test]
    fn any_chart_of_the_project_names_the_product() {
        tester()
            .pass([
                with(CHECK, "echo 'other-product delete pre check pass'\n").with(
                    "../other-product/Chart.yaml",
                    "apiVersion: v1\nname: other-product\nversion: 1.0.0\n",
                ),
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // The exact statement, in any command position.
            .pass(
                [
                    "echo 'mycloud-product delete pre check pass'\n",
                    "  echo 'mycloud-product delete pre check pass';\n",
                    "check() {\n\techo 'mycloud-product delete pre check pass' # done\n}\ncheck\n",
                    "test -z \"$x\" && echo 'mycloud-product delete pre check pass' >&2\n",
                    "echo 'mycloud-product delete pre check pass'\r\n",
                ]
                .map(|body| format!("{HEAD}{body}")),
            )
            .test_and_snapshot();
    }
}
