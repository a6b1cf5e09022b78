use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::hook::scripts::{foundation, hooks};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a foundation product — a Chart.yaml keyword `foundation` or
    /// `creator:foundation` — whose project has no script in `hook/delete/check/pre/`. The
    /// finding is on that keyword. Each chart of a project is judged on its own keywords (the
    /// project's hooks serve all of them).
    ///
    /// Only a project tree (`Makefile`, `chart/<name>/`, `hook/`) shows its hooks: a packaged
    /// chart is not checked. Whether the script found there is valid is HOOK-002's business.
    ///
    /// ## Why
    /// §1.1.6.10: "ECP 6.0.2 版本开放了基础云产品删除能力，需要基础云产品基于平台hook规范定义了
    /// delete/check/pre 前置删除检查脚本后方可进行删除操作" — "foundation云产品必须基于平台hook规范
    /// 定义delete/check/pre脚本才能删除". Without one the product installs and runs, but can
    /// never be deleted: a warning, not an error.
    ///
    /// ## 中文
    /// foundation 云产品（keywords 含 `foundation` 或 `creator:foundation`）的项目中没有
    /// `hook/delete/check/pre/` 脚本时报告（§1.1.6.10）：这样的云产品无法删除。打包好的 chart
    /// 不含 hook，不检查。
    ///
    /// ## Example
    /// A foundation product in a project without `hook/delete/check/pre/` (here a second
    /// project, `base-project/`, with only `chart/base/Chart.yaml`, dropped beside the good one):
    /// ```yaml,fail,file=../../../base-project/chart/base/Chart.yaml
    /// apiVersion: v1
    /// name: base
    /// version: 1.0.0
    /// keywords:
    ///   - creator:foundation
    ///   - zh_CN:基础服务
    ///   - en:a foundation service
    ///   - name_zh_CN:基础服务
    ///   - name_en:base
    /// ```
    /// The good project has `hook/delete/check/pre/001_check.sh`, so its product may be a
    /// foundation product:
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// description: Helm mycloud-product
    /// name: mycloud-product
    /// version: 1.0.0
    /// icon: https://www.openstack.org/mycloud-product.png
    /// keywords:
    ///   - creator:foundation
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "HOOK-003", Hook, Warning, "§1.1.6.10",
    "Foundation product without a delete pre-check", "foundation 云产品缺少删除前置检查", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(hooks) = hooks(chart) else {
        return;
    };
    let Some(range) = foundation(chart) else {
        return;
    };
    if hooks.in_folder("delete", "check", "pre").next().is_some() {
        return;
    }
    let Some(cy) = &chart.chart_yaml else { return };
    let name = chart.name();
    let dir = "hook/delete/check/pre/";
    out.report(
        &cy.path,
        Some(range),
        text!(
            "`{name}` is a foundation product without a script in `{dir}`: the platform will not delete it",
            "`{name}` 是 foundation 云产品，但 `{dir}` 中没有脚本：平台不允许删除它"
        ),
    )
    .help(text!(
        "add `{dir}001_check.sh` that checks the product can go, then runs `echo '{name} delete pre check pass'`",
        "请添加 `{dir}001_check.sh`，检查云产品可以删除后执行 `echo '{name} delete pre check pass'`"
    ));
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::rules::hook::scripts::CHECK;
    use crate::rules::tester::{bare, files, places, with, without, Tester};

    const FOUNDATION: &str =
        "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - en:x\n  - foundation\n";

    /// Cases are Chart.yaml.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    #[test]
    fn foundation_without_delete_check_is_reported_at_the_keyword() {
        let d = tester().findings(with(CHART_YAML, FOUNDATION).without(CHECK));
        assert_eq!(d.len(), 1);
        assert_eq!(files(&d), [CHART_YAML]);
        assert_eq!(places(&d), [(6, 5, 15)]);
        assert!(d[0]
            .message
            .en
            .contains("without a script in `hook/delete/check/pre/`"));
        // Scripts elsewhere do not count.
        let d = tester().findings(
            with(CHART_YAML, FOUNDATION)
                .without(CHECK)
                .with("../../hook/delete/job/pre/001_x.sh", "true\n")
                .with("../../hook/delete/check/post/001_x.sh", "true\n"),
        );
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn creator_foundation_and_spaced_forms() {
        let cy = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - creator: foundation\n";
        let d = tester().findings(with(CHART_YAML, cy).without(CHECK));
        assert_eq!(places(&d), [(5, 5, 24)]);
        let cy = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - creator:foundation\n";
        assert_eq!(
            places(&tester().findings(with(CHART_YAML, cy).without(CHECK))),
            [(5, 5, 23)]
        );
    }

    #[test]
    fn a_packaged_foundation_chart_is_not_checked() {
        let input = bare(&[("app/Chart.yaml", FOUNDATION)]);
        assert!(tester().findings_in(&input).is_empty());
    }

    #[test]
    fn each_foundation_chart_of_a_project_is_reported() {
        let d = tester().findings(without(CHECK).with(
            "../base/Chart.yaml",
            "apiVersion: v1\nname: base\nversion: 1.0.0\nkeywords:\n  - foundation\n",
        ));
        assert_eq!(files(&d), ["../base/Chart.yaml"]);
        assert_eq!(d[0].chart.as_deref(), Some("base"));
    }

    #[test]
    fn pass_and_fail() {
        let words = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - en:foundation\n  - foundations\n";
        tester()
            // Ordinary products, and present checks.
            .pass([
                without(CHECK),
                with(CHART_YAML, FOUNDATION),
                with(CHART_YAML, words).without(CHECK),
            ])
            .test_and_snapshot();
    }
}
