use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::hook::scripts::{hooks, suggest_name, Misplaced, KINDS, PHASES, STAGES};
use crate::rules::{Findings, ProjectScope};
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports every file under the project's `hook/` folder that is off the layout
    /// `hook/{install,upgrade,delete}/{check,job}/{pre,post}/NNN_name.sh`:
    /// - a folder that is not a stage (`install`, `upgrade`, `delete`), a kind (`check`,
    ///   `job`) or a phase (`pre`, `post`) at its level — `hook/remove/…`, `hook/delete/checks/…`
    ///   (the nearest known word is suggested);
    /// - a file above the phase folder (`hook/delete/check/001_a.sh`) or in a folder below it;
    /// - a file name that is not `<digits>_name.sh`: an order number, `_`, a name of ASCII
    ///   letters, digits, `_`, `-` or `.`, and `.sh` (`001-check.sh`, `001_check`,
    ///   `check.sh`); a fixed name is suggested when one is obvious.
    ///
    /// All of these are errors. A name of that pattern whose order number is not three digits
    /// (`1_check.sh`, `0001_check.sh`) is a warning, with the three-digit name suggested.
    ///
    /// The finding is on the file itself (a path has no line). `.gitkeep`, `.keep`,
    /// `.gitignore` and `.DS_Store` are ignored: they only keep empty folders in git. Hooks
    /// belong to the project, not to one chart: a project with several charts under `chart/`
    /// is checked once, with its first chart (by path). A packaged chart carries no hooks and
    /// is not checked.
    ///
    /// ## Why
    /// §1.1.6.10 defines the hook folders: "在 hook下按需创建 install | upgrade | delete目录，然后
    /// 分别按需创建check| job, 在此层目录下按需创建post | pre目录，完成三级目录", and the scripts
    /// "以 001_abc.sh 命名，001, 002 代表该文件在此处执行顺序，abc 为该文件名称". The platform
    /// runs what it finds at those places only: a script elsewhere, or named otherwise, never
    /// runs (or runs out of order), and nothing tells the author. The guide gives the order as
    /// three digits (`001`, `002`). A script numbered otherwise still has its place in the
    /// layout, but names sort as text: `10_x.sh` runs before `2_x.sh`, and `1_x.sh` beside
    /// `001_y.sh` is in an order nobody chose — worth a warning rather than an error.
    ///
    /// ## 中文
    /// 项目 `hook/` 下的文件必须位于 `hook/{install,upgrade,delete}/{check,job}/{pre,post}/`，
    /// 并命名为 `NNN_名称.sh`（三位执行顺序号、`_`、名称、`.sh`，§1.1.6.10）。目录名错误、层级不对
    /// 或文件名不是 `<数字>_名称.sh` 的脚本不会被平台执行（错误）；顺序号不是三位数字（如 `1_x.sh`）
    /// 时给出警告：文件名按文本排序，`10_x.sh` 会先于 `2_x.sh` 执行。`.gitkeep` 等占位文件忽略。一个项目有多个 chart 时
    /// 只随第一个 chart 检查一次；打包好的 chart 不含 hook，不检查。
    ///
    /// ## Example
    /// A check script named without its order number:
    /// ```sh,fail,file=../../hook/delete/check/pre/check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/002_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// A stage folder that does not exist:
    /// ```sh,fail,file=../../hook/uninstall/check/pre/002_check.sh
    /// #!/bin/sh
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// A number that is not three digits:
    /// ```sh,fail,file=../../hook/delete/check/pre/1_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的资源
    /// # fail_en: Resources still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    RULE = "HOOK-001", Hook, Error | Warning, "§1.1.6.10",
    "Hook file off the hook layout", "hook 文件不符合目录与命名规范", Project(check)
}

const LEVELS: [(&str, &str, &[&str]); 3] = [
    ("stage", "阶段", STAGES),
    ("kind", "类型", KINDS),
    ("phase", "时机", PHASES),
];

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    for f in &hooks.files {
        let Some(problem) = &f.problem else { continue };
        let shown = f.shown;
        match problem {
            Misplaced::Folder { level, name } => {
                let (what, what_zh, known) = LEVELS[*level];
                let parent = std::iter::once("hook")
                    .chain(f.folders[..*level].iter().copied())
                    .collect::<Vec<_>>()
                    .join("/");
                let list = known.join("`, `");
                let d = out.report(
                    &f.file.path,
                    None,
                    text!(
                        "`{shown}`: `{name}` is not a hook {what}: the folders under `{parent}/` are `{list}`",
                        "`{shown}`：`{name}` 不是 hook {what_zh}目录，`{parent}/` 下只能是 `{list}`"
                    ),
                );
                match nearest(name, known) {
                    Some(near) => d.help(text!(
                        "rename the folder `{name}` to `{near}`",
                        "请将目录 `{name}` 改名为 `{near}`"
                    )),
                    None => d.help(text!(
                        "move the script to `hook/<install|upgrade|delete>/<check|job>/<pre|post>/`",
                        "请将脚本移到 `hook/<install|upgrade|delete>/<check|job>/<pre|post>/` 下"
                    )),
                };
            }
            Misplaced::Shallow => {
                out.report(
                    &f.file.path,
                    None,
                    text!(
                        "`{shown}` is not in a `<stage>/<kind>/<phase>/` folder: the platform only runs scripts three folders below `hook/`",
                        "`{shown}` 不在 `<阶段>/<类型>/<时机>/` 目录中：平台只执行 `hook/` 下第三级目录中的脚本"
                    ),
                )
                .help(text!(
                    "move it to `hook/<install|upgrade|delete>/<check|job>/<pre|post>/`",
                    "请将其移到 `hook/<install|upgrade|delete>/<check|job>/<pre|post>/` 下"
                ));
            }
            Misplaced::Deep => {
                let dir = f.folders[..3].join("/");
                out.report(
                    &f.file.path,
                    None,
                    text!(
                        "`{shown}` is in a folder below `hook/{dir}/`: the platform only runs the scripts directly in it",
                        "`{shown}` 位于 `hook/{dir}/` 的子目录中：平台只执行该目录下直接存放的脚本"
                    ),
                )
                .help(text!(
                    "move it up into `hook/{dir}/`, or remove it",
                    "请将其移到 `hook/{dir}/` 目录中，或删除"
                ));
            }
            Misplaced::Name => {
                let name = f.name;
                let d = out.report(
                    &f.file.path,
                    None,
                    text!(
                        "`{name}` is not named `NNN_name.sh` (an order number such as `001`, `_`, a name, `.sh`)",
                        "`{name}` 不符合 `NNN_名称.sh` 命名（`001` 这样的执行顺序号、`_`、名称、`.sh`）"
                    ),
                );
                match suggest_name(name) {
                    Some(fixed) => d.help(text!("rename it to `{fixed}`", "请改名为 `{fixed}`")),
                    None => d.help(text!(
                        "name it like `001_check.sh`: the number orders the scripts of a folder",
                        "请按 `001_check.sh` 的形式命名：序号决定同一目录中脚本的执行顺序"
                    )),
                };
            }
            Misplaced::Order => {
                let name = f.name;
                let order = f.order().unwrap_or_default();
                let d = out
                    .report(
                        &f.file.path,
                        None,
                        text!(
                            "`{name}`: the order number `{order}` is not three digits: names sort as text, so `10_x.sh` runs before `2_x.sh`",
                            "`{name}`：执行顺序号 `{order}` 不是三位数字：文件名按文本排序，`10_x.sh` 会先于 `2_x.sh` 执行"
                        ),
                    )
                    .severity(Severity::Warning);
                match suggest_name(name) {
                    Some(fixed) => d.help(text!("rename it to `{fixed}`", "请改名为 `{fixed}`")),
                    None => d.help(text!(
                        "number the scripts of the folder with three digits: `001_`, `002_`, …",
                        "请用三位数字为目录中的脚本编号：`001_`、`002_`……"
                    )),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::{bare, files, help, places, with, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    const S: &[u8] = b"#!/bin/sh\necho hi\n";

    #[test]
    fn bad_folders_with_suggestions() {
        let d = tester().findings(
            with("../../hook/Delete/check/pre/001_a.sh", S)
                .with("../../hook/delete/checks/pre/001_a.sh", S)
                .with("../../hook/delete/check/before/001_a.sh", S),
        );
        assert_eq!(
            files(&d),
            [
                "../../hook/Delete/check/pre/001_a.sh",
                "../../hook/delete/check/before/001_a.sh",
                "../../hook/delete/checks/pre/001_a.sh",
            ]
        );
        assert_eq!(places(&d), [(0, 0, 0); 3]);
        assert!(d[0].message.en.contains("`Delete` is not a hook stage"));
        assert!(help(&d[0]).contains("to `delete`"));
        assert!(d[1].message.en.contains("under `hook/delete/check/`"));
        assert!(help(&d[1]).contains("move the script"));
        assert!(help(&d[2]).contains("to `check`"));
    }

    #[test]
    fn depth_and_names() {
        let d = tester().findings(
            with("../../hook/001_a.sh", S)
                .with("../../hook/delete/check/001_a.sh", S)
                .with("../../hook/delete/check/pre/old/001_a.sh", S)
                .with("../../hook/install/check/pre/1_check.sh", S)
                .with("../../hook/install/check/pre/001_.sh", S)
                .with("../../hook/README.md", "# hooks\n"),
        );
        let got: Vec<_> = files(&d)
            .iter()
            .zip(&d)
            .map(|(file, d)| format!("{file} | {}", help(d)))
            .collect();
        assert_eq!(got.len(), 6, "{got:#?}");
        assert!(got[0].starts_with("../../hook/001_a.sh | move it to"));
        assert!(got[1].starts_with("../../hook/README.md | move it to"));
        assert!(got[2].starts_with("../../hook/delete/check/001_a.sh | move it to"));
        assert!(got[3].starts_with(
            "../../hook/delete/check/pre/old/001_a.sh | move it up into `hook/delete/check/pre/`"
        ));
        assert!(got[4].contains("001_.sh | name it like"));
        assert!(got[5].ends_with("1_check.sh | rename it to `001_check.sh`"));
        let warned: Vec<bool> = d.iter().map(|d| d.severity == Severity::Warning).collect();
        assert_eq!(warned, [false, false, false, false, false, true]);
        assert!(d[5]
            .message
            .en
            .contains("the order number `1` is not three digits"));
        let d = tester().findings(with("../../hook/install/check/pre/1234_x.sh", S));
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(help(&d[0]).contains("three digits"));
    }

    #[test]
    fn a_project_with_two_charts_is_checked_once() {
        let d = tester().one(with("../../hook/delete/check/pre/1_x.sh", S).with(
            "../zzz/Chart.yaml",
            "apiVersion: v1\nname: zzz\nversion: 1.0.0\n",
        ));
        assert_eq!(d.chart.as_deref(), Some("mycloud-product"));
    }

    #[test]
    fn a_packaged_chart_has_no_hooks_to_check() {
        let input = bare(&[
            ("app/Chart.yaml", "name: app\n"),
            ("hook/bad.sh", "#!/bin/sh\necho hi\n"),
        ]);
        assert!(tester().findings_in(&input).is_empty());
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::default(),
                with("../../hook/install/job/post/010_seed-data.v2.sh", S)
                    .with("../../hook/upgrade/check/pre/.gitkeep", ""),
            ])
            .test_and_snapshot();
    }
}
