use crate::declare_rule;
use crate::diagnostic::Range;
use crate::rules::hook::scripts::{hooks, span};
use crate::rules::{Findings, ProjectScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports hook scripts that busybox will not run as written:
    /// - a `#!` line naming an interpreter busybox lacks: `#!/bin/bash`, `#!/usr/bin/bash`,
    ///   `#!/usr/bin/env bash`, `zsh`, `ksh`, `dash`, `python`, `perl`, … — on the interpreter.
    ///   Busybox's shells are fine: `#!/bin/sh`, `#!/bin/ash`, `#!/bin/hush`,
    ///   `#!/bin/busybox sh` (options such as `#!/bin/sh -e` too). A script without a `#!`
    ///   line is fine (the shell runs it);
    /// - CRLF (Windows) line endings: on the first `\r`, once per script;
    /// - a UTF-8 byte order mark before `#!`, which hides the `#!` from the kernel.
    ///
    /// Scripts are the files under `hook/` named `*.sh` or starting with `#!`; binary files
    /// and other encodings are skipped. The project is checked once, with its first chart.
    ///
    /// ## Why
    /// §1.1.6.10: "该脚本文件会在busybox里执行" — hook scripts run in busybox (the platform's
    /// `escloud-linux-source-busybox` image, §1.1.6.8). Busybox has `sh`/`ash`/`hush` but no
    /// bash: `#!/bin/bash` fails with "not found", and bash-only syntax fails under `sh`. The
    /// guide's own example starts with `#!/bin/bash`; RULES.md treats it as one of the
    /// examples' mistakes. With CRLF endings every line ends in `\r`: `#!/bin/sh\r` names an
    /// interpreter that does not exist, and `exit 0\r` is a syntax error.
    ///
    /// ## 中文
    /// hook 脚本在 busybox 中执行（§1.1.6.10）：`#!/bin/bash`、`#!/usr/bin/env bash` 等 busybox
    /// 中不存在的解释器会导致脚本无法运行，请使用 `#!/bin/sh`；CRLF（Windows）换行符和文件开头的
    /// BOM 也会导致脚本执行失败。指南示例中的 `#!/bin/bash` 是错误示范。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/bash
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// set -e
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// set -e
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    RULE = "HOOK-008", Hook, Warning, "§1.1.6.10",
    "Hook script busybox cannot run", "busybox 无法执行的 hook 脚本", Project(check)
}

/// Interpreters busybox provides.
const BUSYBOX: &[&str] = &["sh", "ash", "hush", "busybox"];

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    for (f, text) in hooks.readable_scripts() {
        let path = &f.file.path;
        let bom = f.file.data.starts_with(b"\xEF\xBB\xBF");
        if bom && text.starts_with("#!") {
            out.report(
                path,
                Some(Range::point(1, 1)),
                text!(
                    "the script starts with a byte order mark (BOM): the kernel does not see its `#!` line",
                    "脚本以字节顺序标记（BOM）开头：内核无法识别其 `#!` 行"
                ),
            )
            .help(text!(
                "save the script as UTF-8 without BOM",
                "请将脚本保存为不带 BOM 的 UTF-8"
            ));
        }
        let first = text.split('\n').next().unwrap_or("");
        let first = first.strip_suffix('\r').unwrap_or(first);
        if let Some((interp, start, end)) = interpreter(first) {
            if !BUSYBOX.contains(&interp) {
                out.report(
                    path,
                    Some(span(1, first, start, end)),
                    text!(
                        "`{first}`: hook scripts run in busybox, which has no `{interp}`",
                        "`{first}`：hook 脚本在 busybox 中执行，其中没有 `{interp}`"
                    ),
                )
                .help(if interp.contains("bash") {
                    text!(
                        "start the script with `#!/bin/sh` and keep to POSIX shell (busybox ash): no `[[ ]]`, arrays or `source`",
                        "请以 `#!/bin/sh` 开头，并只使用 POSIX shell（busybox ash）语法：不要用 `[[ ]]`、数组或 `source`"
                    )
                } else {
                    text!(
                        "rewrite the script for `#!/bin/sh` (busybox ash)",
                        "请改写为 `#!/bin/sh`（busybox ash）脚本"
                    )
                });
            }
        }
        if let Some(cr) = text.find("\r\n") {
            let n = text[..cr].matches('\n').count() + 1;
            let line_start = text[..cr].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..=cr];
            out.report(
                path,
                Some(span(n, line, cr - line_start, cr - line_start + 1)),
                text!(
                    "the script has CRLF (Windows) line endings: in busybox every line ends in `\\r`, so commands and `#!` fail",
                    "脚本使用 CRLF（Windows）换行符：在 busybox 中每行末尾多出 `\\r`，命令和 `#!` 行都会出错"
                ),
            )
            .help(text!(
                "convert the script to LF line endings (e.g. `dos2unix`, or `git config core.autocrlf input`)",
                "请将换行符转换为 LF（例如使用 `dos2unix`，或 `git config core.autocrlf input`）"
            ));
        }
    }
}

/// The interpreter a `#!` line names (the command after `env` and its options), with its
/// byte range on the line.
fn interpreter(line: &str) -> Option<(&str, usize, usize)> {
    let rest = line.strip_prefix("#!")?;
    let mut words = Vec::new();
    let mut at = 2;
    for w in rest.split([' ', '\t']) {
        if !w.is_empty() {
            words.push((w, at));
        }
        at += w.len() + 1;
    }
    let (path, path_at) = *words.first()?;
    let base_at = path.rfind('/').map_or(0, |i| i + 1);
    let base = &path[base_at..];
    let (name, start) = if base == "env" {
        let (w, w_at) = words[1..]
            .iter()
            .find(|(w, _)| !w.starts_with('-') && !w.contains('='))?;
        (*w, *w_at)
    } else {
        (base, path_at + base_at)
    };
    Some((name, start, start + name.len()))
}

#[cfg(test)]
mod tests {
    use super::interpreter;
    use crate::rules::hook::scripts::CHECK;
    use crate::rules::tester::{help, places, with, Tester};

    /// Cases are the delete check script.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHECK)
    }

    const REST: &str =
        "# fail_zh_hans: 失败\n# fail_en: failed\necho 'mycloud-product delete pre check pass'\n";

    #[test]
    fn bash_and_others_point_at_the_interpreter() {
        let d = tester().findings(format!("#!/bin/bash\n{REST}"));
        assert_eq!(places(&d), [(1, 8, 12)]);
        assert!(d[0].message.en.contains("no `bash`"));
        assert!(help(&d[0]).contains("`#!/bin/sh`"));
        let d = tester().findings(format!("#!/usr/bin/env  bash\n{REST}"));
        assert_eq!(places(&d), [(1, 17, 21)]);
        let d = tester().findings(format!("#!/usr/bin/env -S python3 -u\n{REST}"));
        assert_eq!(places(&d), [(1, 19, 26)]);
        assert!(help(&d[0]).contains("rewrite"));
    }

    #[test]
    fn crlf_is_reported_once_on_the_first_cr() {
        let d = tester().findings(format!("#!/bin/sh\r\n{}", REST.replace('\n', "\r\n")));
        assert_eq!(places(&d), [(1, 10, 11)]);
        let d = tester().findings(format!(
            "#!/bin/sh\n# fail_zh_hans: 失败\r\n{}",
            &REST[REST.find("# fail_en").unwrap()..]
        ));
        assert_eq!(places(&d), [(2, 19, 20)]);
    }

    #[test]
    fn bom_before_the_shebang() {
        let d = tester().findings(format!("\u{feff}#!/bin/sh\n{REST}"));
        assert_eq!(places(&d), [(1, 1, 2)]);
    }

    #[test]
    fn other_files_and_binaries_are_skipped() {
        tester()
            .pass([with("../../hook/README.md", "notes\r\n")
                .with(
                    "../../hook/install/job/post/001_bin.sh",
                    b"#!/bin/bash\x00\x01\r\n",
                )
                .with(
                    "../../hook/install/job/post/002_gbk.sh",
                    b"#!/bin/bash\n# \xb4\xe6\n",
                )])
            .test();
        // A script without `.sh` is still a script when it starts with `#!`.
        let d = tester().findings(with("../../hook/install/job/post/001_x", "#!/bin/bash\n"));
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn interpreters() {
        assert_eq!(interpreter("#!/bin/sh"), Some(("sh", 7, 9)));
        assert_eq!(interpreter("#!"), None);
        assert_eq!(interpreter("#!/usr/bin/env"), None);
        assert_eq!(
            interpreter("#!/usr/bin/env FOO=1 bash"),
            Some(("bash", 21, 25))
        );
        assert_eq!(interpreter("#!bash"), Some(("bash", 2, 6)));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // BusyBox shells.
            .pass(
                [
                    "#!/bin/sh",
                    "#!/bin/ash",
                    "#! /bin/sh -e",
                    "#!/bin/busybox sh",
                    "#!/usr/bin/env sh",
                    "set -e",
                    "#!/bin/hush",
                    // A BOM before a first line that is no shebang.
                    "\u{feff}set -e",
                ]
                .map(|first| format!("{first}\n{REST}")),
            )
            .test_and_snapshot();
    }
}
