use crate::declare_rule;
use crate::rules::hook::scripts::{hooks, HookFile};
use crate::rules::{Findings, ProjectScope};
use crate::text;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports hook scripts that share an order number with another script of the same folder:
    /// `001_a.sh` and `001_b.sh` in `hook/delete/check/pre/`. Each script after the first (by
    /// name) is reported, naming the first; the finding is on the file. Only scripts that keep
    /// HOOK-001's layout are compared: a misplaced or misnamed file, or one numbered with other
    /// than three digits (`01_b.sh`), is HOOK-001's finding and not also this rule's. The
    /// project is checked once, with its first chart.
    ///
    /// ## Why
    /// §1.1.6.10: "以 001_abc.sh 命名，001, 002 代表该文件在此处执行顺序" — the number *is* the
    /// order. Two scripts with one number leave their order to however the platform happens to
    /// sort names, which is seldom what the author meant (a cleanup running before the check
    /// it depends on).
    ///
    /// ## 中文
    /// 同一 hook 目录中两个脚本的执行顺序号相同（如 `001_a.sh` 与 `001_b.sh`）时报告（§1.1.6.10：
    /// 序号代表执行顺序）。按名称排在后面的脚本被报告。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/check/pre/001_volumes.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的存储卷
    /// # fail_en: Volumes still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/002_volumes.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有未删除的存储卷
    /// # fail_en: Volumes still exist
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    RULE = "HOOK-006", Hook, Warning, "§1.1.6.10",
    "Two hook scripts share an order number", "hook 脚本执行顺序号重复", Project(check)
}

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    // (folder, three-digit number) → the first script with it.
    let mut seen: HashMap<(Vec<&str>, &str), &HookFile> = HashMap::new();
    // A file that breaks HOOK-001 is reported there only.
    for f in hooks.files.iter().filter(|f| f.problem.is_none()) {
        let Some(order) = f.order() else { continue };
        let key = (f.folders.clone(), order);
        let Some(first) = seen.get(&key) else {
            seen.insert(key, f);
            continue;
        };
        let (name, other) = (f.name, first.name);
        let dir = f.shown.strip_suffix(name).unwrap_or(f.shown);
        out.report(
            &f.file.path,
            None,
            text!(
                "`{name}` has the order number of `{other}` in `{dir}`: which of them runs first is not defined",
                "`{name}` 与 `{dir}` 中的 `{other}` 执行顺序号相同：两者的先后顺序不确定"
            ),
        )
        .help(text!(
            "give each script of the folder its own number (`001_`, `002_`, …) in the order they must run",
            "请按执行顺序为目录中的每个脚本分配不同的序号（`001_`、`002_`……）"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{files, places, with, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    const S: &[u8] = b"#!/bin/sh\ntrue\n";

    #[test]
    fn shared_numbers_in_one_folder() {
        let d = tester().findings(
            with("../../hook/delete/check/pre/001_b.sh", S)
                .with("../../hook/delete/check/pre/01_c.sh", S)
                .with("../../hook/delete/check/pre/002_d.sh", S),
        );
        // `01_c.sh` is HOOK-001's (not three digits), not also this rule's.
        assert_eq!(files(&d), ["../../hook/delete/check/pre/001_check.sh"]);
        assert_eq!(places(&d), [(0, 0, 0)]);
        assert!(d[0].message.en.contains(
            "`001_check.sh` has the order number of `001_b.sh` in `hook/delete/check/pre/`"
        ));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Different folders and numbers.
            .pass([
                Case::default(),
                with("../../hook/delete/check/post/001_check.sh", S)
                    .with("../../hook/install/check/pre/001_check.sh", S)
                    .with("../../hook/delete/check/pre/010_x.sh", S)
                    .with("../../hook/delete/check/pre/100_x.sh", S)
                    .with("../../hook/delete/check/pre/check.sh", S)
                    .with("../../hook/delete/check/pre/x001.sh", S)
                    // HOOK-001's findings.
                    .with("../../hook/delete/check/pre/1_x.sh", S)
                    .with("../../hook/delete/check/pre/001-x.sh", S)
                    .with("../../hook/delete/check/001_x.sh", S),
            ])
            .test_and_snapshot();
    }
}
