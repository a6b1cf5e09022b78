use crate::chart::resources::show;
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Range;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Notes a `resource_limit` in `templates/_acl_helpers.yaml.tpl` whose figures differ from
    /// what the `requests` in values.yaml sum to, showing both, at the `resource_limit` key.
    ///
    /// ## Why
    /// §1.1.6.3 (自行声明资源需求): a declared `resource_limit` takes precedence over the computed
    /// sum. That is the intent when the sum does not reflect the real need (components that never
    /// run together, a product installed on control nodes declaring 0), but a declaration also
    /// goes stale when values.yaml changes. Seeing both figures side by side catches that.
    ///
    /// Decisions: only the figures the declaration gives validly are compared (a missing or
    /// invalid one keeps the computed value, see RES-001; ACL-006 reports invalid ones); nothing
    /// is said when values.yaml is missing or does not parse, nor for exempt products (the
    /// guide's own declaration example sets `namespace: openstack`, which exempts it).
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中自行声明的 `resource_limit` 与 values.yaml 中 requests 的
    /// 计算结果不同（同时显示两者）。自行声明优先；请确认它仍反映云产品的实际需求。
    ///
    /// ## Example
    /// The good project's values.yaml sums to 700m / 1536Mi.
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   resource_limit:
    ///     max_cpu: 500
    ///     max_memory: 1200
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   resource_limit:
    ///     max_cpu: 700
    ///     max_memory: 1536
    /// ```
    RULE = "RES-008", Res, Info, "§1.1.6.3",
    "Declared requirement differs from values.yaml", "自行声明的资源需求与 values.yaml 计算结果不同", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    if c.exemption.is_some() {
        return; // exempt products are not checked (§1.1.6.3)
    }
    let Some(d) = &c.declared else { return };
    if !c.values_read {
        return;
    }
    let cpu_differs = d.cpu_m.is_some_and(|(v, _)| v != c.sum_cpu_m);
    let memory_differs = d.memory_mi.is_some_and(|(v, _)| v != c.sum_memory_mi);
    if !cpu_differs && !memory_differs {
        return;
    }
    // The declaration as written: a figure that cannot be read is said so, never shown as
    // the computed fallback that stands in for it.
    let part = |figure: Option<(u64, Range)>, unit: &str, key: &str, unreadable: &str| {
        figure.map_or_else(
            || format!("{unreadable} `{key}`"),
            |(v, _)| format!("{v}{unit}"),
        )
    };
    let declared = format!(
        "{} / {}",
        part(d.cpu_m, "m", "max_cpu", "no readable"),
        part(d.memory_mi, "Mi", "max_memory", "no readable")
    );
    let declared_zh = format!(
        "{} / {}",
        part(d.cpu_m, "m", "max_cpu", "缺失或无法读取的"),
        part(d.memory_mi, "Mi", "max_memory", "缺失或无法读取的")
    );
    let computed = show(c.sum_cpu_m, c.sum_memory_mi);
    let n = c.resources.items.len();
    out.report(
        &d.file,
        Some(d.range),
        text!(
            "declared `resource_limit` {declared} differs from what values.yaml sums to: {computed} ({n} requests)",
            "自行声明的 `resource_limit` {declared_zh} 与 values.yaml 的计算结果 {computed}（{n} 处 requests）不同"
        ),
    )
    .help(text!(
        "the declaration wins; keep it if the product never needs the full sum at once, otherwise update it or remove it to use the computed figure",
        "自行声明优先；若云产品不会同时用到全部资源可保留，否则请更新它，或删除它以使用自动计算的结果"
    ));
}

#[cfg(test)]
mod tests {
    use crate::chart::{ACL_HELPERS, VALUES_YAML};
    use crate::rules::res::cases::{exempt, mistakes};
    use crate::rules::tester::{files, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    #[test]
    fn differs_at_resource_limit() {
        let d = tester().findings(
            "data:\n  psp_type: Limit\n  resource_limit:\n    max_cpu: 0\n    max_memory: 0\n",
        );
        assert_eq!(starts(&d), vec![(3, 3)]);
        assert_eq!(files(&d), vec!["templates/_acl_helpers.yaml.tpl"]);
        assert!(
            d[0].message.en.contains(
                "0m / 0Mi differs from what values.yaml sums to: 700m / 1536Mi (2 requests)"
            ),
            "{}",
            d[0].message.en
        );
    }

    #[test]
    fn an_unreadable_figure_is_not_shown_as_the_computed_one() {
        let d = tester()
            .findings("data:\n  resource_limit:\n    max_cpu: 500m\n    max_memory: 2048\n");
        let message = &d[0].message;
        assert!(
            message
                .en
                .contains("declared `resource_limit` no readable `max_cpu` / 2048Mi differs"),
            "{}",
            message.en
        );
        assert!(
            message.zh.contains("缺失或无法读取的 `max_cpu` / 2048Mi"),
            "{}",
            message.zh
        );
    }

    #[test]
    fn one_figure_differs() {
        let d =
            tester().findings("data:\n  resource_limit:\n    max_cpu: 700\n    max_memory: 2048\n");
        assert_eq!(starts(&d), vec![(2, 3)]);
        // Only max_cpu given and equal: the memory figure is the computed one.
        tester()
            .pass(["data:\n  resource_limit:\n    max_cpu: 700\n"])
            .test();
    }

    #[test]
    fn equal_absent_or_unreadable_values_pass() {
        let a = "data:\n  resource_limit:\n    max_cpu: 1\n    max_memory: 1\n";
        tester()
            .pass([
                Case::from("data:\n  resource_limit:\n    max_cpu: 700\n    max_memory: 1536\n"),
                Case::default(),
                Case::from(a).without(VALUES_YAML),
                Case::from(a).with(VALUES_YAML, "a: [1\n"),
            ])
            .test();
    }

    #[test]
    fn exempt_products_are_not_checked() {
        // The same files without the exemption do report.
        tester().pass([exempt()]).fail([mistakes()]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
