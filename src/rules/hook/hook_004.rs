use crate::declare_rule;
use crate::rules::hook::scripts::{hooks, products};
use crate::rules::{Findings, ProjectScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// For a product that is not a foundation product (no Chart.yaml keyword `foundation` or
    /// `creator:foundation`), reports every script in a delete hook folder other than
    /// `hook/delete/check/pre/`: `delete/check/post`, `delete/job/pre`, `delete/job/post`. The
    /// finding is on the script (a path has no line).
    ///
    /// The hooks belong to the project; when its `chart/` folder holds several charts and any
    /// of them is a foundation product, the delete hooks may be meant for it and nothing is
    /// reported. The project is checked once, with its first chart. Files off the hook layout
    /// are left to HOOK-001.
    ///
    /// ## Why
    /// §1.1.6.10: "非foundation云产品只能定义 delete/check/pre脚本" — a product that is not a
    /// foundation product may only define the delete pre-check. The guide does not say what
    /// becomes of such a product's other delete hooks; at best they are ignored, so cleanup
    /// placed there cannot be relied on.
    ///
    /// ## 中文
    /// 非 foundation 云产品只能定义 `hook/delete/check/pre/` 删除脚本（§1.1.6.10）；
    /// `delete/check/post`、`delete/job/pre`、`delete/job/post` 中的脚本都会报告。项目中任一
    /// chart 为 foundation 云产品时不报告。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/job/post/001_cleanup.sh
    /// #!/bin/sh
    /// kubectl delete configmap mycloud-product-cache -n mycloud-product
    /// ```
    /// ```sh,pass,file=../../hook/install/job/post/001_seed.sh
    /// #!/bin/sh
    /// kubectl create configmap mycloud-product-cache -n mycloud-product
    /// ```
    RULE = "HOOK-004", Hook, Error, "§1.1.6.10",
    "Delete hook other than delete/check/pre", "非 foundation 云产品定义了 delete/check/pre 以外的删除 hook", Project(check)
}

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    if products(chart).iter().any(|p| p.foundation.is_some()) {
        return;
    }
    let name = chart.name();
    for f in &hooks.files {
        let Some(("delete", kind, phase)) = f.place() else {
            continue;
        };
        if (kind, phase) == ("check", "pre") {
            continue;
        }
        let shown = f.shown;
        out.report(
            &f.file.path,
            None,
            text!(
                "`{shown}`: `{name}` is not a foundation product, so its only delete hook may be `hook/delete/check/pre/`",
                "`{shown}`：`{name}` 不是 foundation 云产品，只能定义 `hook/delete/check/pre/` 删除 hook"
            ),
        )
        .help(text!(
            "remove `delete/{kind}/{phase}/`; a check that must pass before deletion belongs in `hook/delete/check/pre/`",
            "请删除 `delete/{kind}/{phase}/`；删除前需要通过的检查请放到 `hook/delete/check/pre/`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{files, help, places, with, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    const S: &[u8] = b"#!/bin/sh\ntrue\n";

    #[test]
    fn other_delete_hooks_of_an_ordinary_product() {
        let d = tester().findings(
            with("../../hook/delete/job/post/001_a.sh", S)
                .with("../../hook/delete/job/pre/001_a.sh", S)
                .with("../../hook/delete/check/post/001_a.sh", S)
                .with("../../hook/delete/check/post/oops.txt", S)
                .with("../../hook/delete/jobs/post/001_a.sh", S),
        );
        assert_eq!(
            files(&d),
            [
                "../../hook/delete/check/post/001_a.sh",
                "../../hook/delete/check/post/oops.txt",
                "../../hook/delete/job/post/001_a.sh",
                "../../hook/delete/job/pre/001_a.sh",
            ]
        );
        assert_eq!(places(&d), [(0, 0, 0); 4]);
        assert!(help(&d[2]).contains("remove `delete/job/post/`"));
    }

    #[test]
    fn a_foundation_product_may_define_them() {
        let cy = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - creator:foundation\n";
        tester()
            .pass([
                with("Chart.yaml", cy).with("../../hook/delete/job/post/001_a.sh", S),
                // Any foundation chart of the project.
                with("../../hook/delete/job/post/001_a.sh", S).with(
                    "../zbase/Chart.yaml",
                    "apiVersion: v1\nname: zbase\nversion: 1.0.0\nkeywords:\n  - foundation\n",
                ),
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Install and upgrade hooks, and the delete check.
            .pass([
                Case::default(),
                with("../../hook/install/job/post/001_a.sh", S)
                    .with("../../hook/upgrade/check/post/001_a.sh", S),
            ])
            .test_and_snapshot();
    }
}
