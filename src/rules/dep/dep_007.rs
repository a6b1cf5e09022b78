use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `dependencies.parallel_services` group in
    /// `templates/_config_helpers.yaml.tpl` that names fewer than two products, at the group's
    /// list item.
    ///
    /// ## Why
    /// §1.1.6.4: "`parallel_services`: 定义云产品平行依赖的服务，其中声明的云产品只要有一个满足即达到
    /// 依赖条件" — each list item is a group of alternatives (`- iam: 6.0.1` with
    /// `schedule: 6.0.1`). A group of one product has no alternative: it is a plain
    /// dependency and belongs in `services`; an empty group can never be met, or is skipped,
    /// depending on how the platform reads it. Either way the group is very likely a mistake,
    /// often an indentation slip that split one group into two (`- iam: 6.0.1` and
    /// `- schedule: 6.0.1`).
    ///
    /// ## 中文
    /// `parallel_services` 的每个列表项是一组“满足其一即可”的平行依赖（§1.1.6.4）。只有一个
    /// 云产品的组等同于普通依赖，应写在 `services` 中；空组无法满足。常见原因是缩进错误把一组拆成了两组。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///     - schedule: 6.0.1
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///       schedule: 6.0.1
    /// trial_days: 180
    /// ```
    RULE = "DEP-007", Dep, Warning, "§1.1.6.4",
    "parallel_services group with fewer than two products", "parallel_services 分组少于两个云产品",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    for g in ch.parallel_groups() {
        match g.products.as_slice() {
            [] => {
                out.report(
                    &ch.path,
                    Some(g.node.range),
                    text!(
                        "this `parallel_services` group names no product: it can never be met",
                        "该 `parallel_services` 分组没有任何云产品：依赖永远无法满足"
                    ),
                )
                .help(text!(
                    "list two or more alternative products in the group, or remove it",
                    "在分组中列出两个或更多可相互替代的云产品，或删除该分组"
                ));
            }
            [one] => {
                let id = one.id;
                out.report(
                    &ch.path,
                    Some(g.node.range),
                    text!(
                        "this `parallel_services` group names only `{id}`: a group of one is a plain dependency",
                        "该 `parallel_services` 分组只有 `{id}`：只有一个云产品的分组等同于普通依赖"
                    ),
                )
                .help(text!(
                    "move `{id}` to `services`, or add its alternatives to this group (an item `- a: 6.0.1` with `b: 6.0.1` indented under it)",
                    "将 `{id}` 移到 `services`，或在该分组中加入可替代它的云产品（`- a: 6.0.1` 下对齐缩进写 `b: 6.0.1`）"
                ));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn small_groups_are_reported_at_the_item() {
        let d = tester().findings(
            "dependencies:\n  parallel_services:\n    - iam: 6.0.1\n      schedule: 6.0.1\n    - return: 6.0.1\n    - {}\n    - proton: 6.0.1\n      neutron: 6.0.1\n",
        );
        assert_eq!(starts(&d), [(5, 7), (6, 7)]);
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        assert!(d[0].message.en.contains("only `return`"));
        assert!(d[1].message.en.contains("no product"));
    }

    #[test]
    fn a_map_instead_of_a_list_is_one_group() {
        let d = tester().findings("dependencies:\n  parallel_services:\n    iam: 6.0.1\n");
        assert_eq!(starts(&d), [(3, 5)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "dependencies:\n  parallel_services:\n    - iam: 6.0.1\n      schedule: 6.0.1\n",
                "dependencies:\n  parallel_services: []\n",
                "dependencies:\n  services:\n    nova: 6.0.1\n",
                // A map instead of a list is one group.
                "dependencies:\n  parallel_services:\n    iam: 6.0.1\n    schedule: 6.0.1\n",
            ])
            .test_and_snapshot();
    }
}
