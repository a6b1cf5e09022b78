use crate::chart::resources::{Computation, LIMIT_CPU_M, LIMIT_MEMORY_MI};
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Range;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a resource requirement above 6 CPU (6000m) or 12 GiB (12288Mi), one finding per
    /// figure over the limit, for a product that is not exempt:
    /// - a declared `resource_limit`: at `max_cpu` / `max_memory`;
    /// - a computed requirement: at the largest `requests` value of that kind in values.yaml (the
    ///   first place to look), with the total in the message.
    ///
    /// ## Why
    /// §1.1.6.3: "由于云产品节点的资源限制，云产品资源需求需要限制最大不超过 6 C 12 G" — the
    /// requirement must not exceed 6 C 12 G. Exactly 6000m / 12288Mi is allowed. Exempt
    /// products (`foundation`, `namespace: openstack`) are not checked.
    ///
    /// ## 中文
    /// 资源需求超过 6 C（6000m）或 12 G（12288Mi）。自行声明时指向 `max_cpu`/`max_memory`；
    /// 自动计算时指向 values.yaml 中该项最大的 requests。免检的云产品不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resources:
    ///     api:
    ///       requests: {cpu: "4", memory: "8Gi"}
    ///     worker:
    ///       requests: {cpu: "2500m", memory: "4Gi"}
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   resources:
    ///     api:
    ///       requests: {cpu: "1000m", memory: "2048Mi"}
    ///     worker:
    ///       requests: {cpu: "1000m", memory: "2048Mi"}
    /// ```
    /// A declaration is held to the same limit:
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   resource_limit:
    ///     max_cpu: 8000
    ///     max_memory: 12288
    /// ```
    RULE = "RES-002", Res, Error, "§1.1.6.3",
    "Resource requirement over 6 CPU / 12 GiB", "资源需求超过 6 C 12 G", Chart(check)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Cpu,
    Memory,
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    if c.exemption.is_some() {
        return;
    }
    let r = &c.resources;
    if r.cpu_m > LIMIT_CPU_M {
        over(c, Kind::Cpu, r.cpu_m, out);
    }
    if r.memory_mi > LIMIT_MEMORY_MI {
        over(c, Kind::Memory, r.memory_mi, out);
    }
}

fn over(c: &Computation, kind: Kind, total: u64, out: &mut Findings) {
    let (fig, limit, unit, key) = match kind {
        Kind::Cpu => ("CPU", LIMIT_CPU_M, "m", "max_cpu"),
        Kind::Memory => ("memory", LIMIT_MEMORY_MI, "Mi", "max_memory"),
    };
    let (decl_zh, sum_zh) = match kind {
        Kind::Cpu => ("自行声明的 CPU", "的 CPU 合计"),
        Kind::Memory => ("自行声明的内存", "的内存合计"),
    };
    let limit_zh = if kind == Kind::Cpu {
        "6 C（6000m）"
    } else {
        "12 G（12288Mi）"
    };
    let limit_text = if kind == Kind::Cpu {
        "6 CPU (6000m)"
    } else {
        "12 GiB (12288Mi)"
    };
    let declared = c.declared.as_ref().and_then(|d| {
        let v = if kind == Kind::Cpu {
            d.cpu_m
        } else {
            d.memory_mi
        };
        v.map(|(_, range)| (d.file.clone(), range))
    });
    if let Some((file, range)) = declared {
        out.report(
            &file,
            Some(range),
            text!(
                "declared {fig} `{total}{unit}` exceeds the {limit_text} a cloud product may need",
                "{decl_zh} `{total}{unit}` 超过云产品上限 {limit_zh}"
            ),
        )
        .help(text!(
            "lower `{key}` to at most {limit}: a product needing more cannot be placed on cloud product nodes",
            "将 `{key}` 降到 {limit} 以内：需求更高的云产品无法调度到云产品节点"
        ));
        return;
    }
    // Computed: point at the largest contributor of this kind.
    let largest = c
        .counted()
        .filter_map(|(b, r)| {
            let (q, v) = match kind {
                Kind::Cpu => (r.cpu.as_ref()?, r.cpu_m()),
                Kind::Memory => (r.memory.as_ref()?, r.memory_mi()),
            };
            Some((v, q.range, b.shown_path().to_string()))
        })
        .fold(None::<(u64, Range, String)>, |best, cur| match best {
            Some(b) if b.0 >= cur.0 => Some(b),
            _ => Some(cur),
        });
    let Some((v, range, path)) = largest else {
        return;
    };
    let Some(file) = &c.values_file else { return };
    let n = c.counted().count();
    out.report(
        file,
        Some(range),
        text!(
            "the {n} requests in values.yaml sum to {fig} `{total}{unit}`, over the {limit_text} a cloud product may need",
            "values.yaml 中 {n} 处 requests {sum_zh} `{total}{unit}`，超过云产品上限 {limit_zh}"
        ),
    )
    .help(text!(
        "the largest is `{path}` ({v}{unit}); lower the requests, or, if the components never all run at once, declare the real need as `resource_limit` in _acl_helpers.yaml.tpl (at most 6000m / 12288Mi)",
        "其中最大的是 `{path}`（{v}{unit}）；请降低 requests，或在组件不会同时运行时于 _acl_helpers.yaml.tpl 中用 `resource_limit` 声明实际需求（不超过 6000m / 12288Mi）"
    ));
}

#[cfg(test)]
mod tests {
    use crate::chart::{ACL_HELPERS, CHART_YAML, VALUES_YAML};
    use crate::rules::tester::{files, help, starts, with, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    /// Requests far over the limits.
    const BIG: &str = "resources:\n  requests: {cpu: 60, memory: 120Gi}\n";

    #[test]
    fn computed_over_points_at_the_largest() {
        let d = tester().findings("a:\n  resources:\n    x:\n      requests: {cpu: 3, memory: 6Gi}\n    w:\n      requests:\n        cpu: \"3500m\"\n        memory: 6Gi\n");
        // cpu 6500m over; memory 12288Mi is exactly the limit.
        assert_eq!(starts(&d), vec![(7, 14)]);
        assert!(d[0].message.en.contains("`6500m`"), "{}", d[0].message.en);
        assert!(
            help(&d[0]).contains("`a.resources.w` (3500m)"),
            "{}",
            help(&d[0])
        );
    }

    #[test]
    fn both_figures_over() {
        let d = tester().findings("resources:\n  requests:\n    cpu: 7\n    memory: 13Gi\n");
        assert_eq!(starts(&d), vec![(3, 10), (4, 13)]);
        assert!(d[1].message.en.contains("`13312Mi`"));
        assert!(d[1].message.zh.contains("内存"));
    }

    #[test]
    fn limits_exactly_are_fine() {
        tester()
            .pass(["resources:\n  requests: {cpu: 6, memory: 12Gi}\n"])
            .test();
        assert!(
            tester()
                .findings("resources:\n  requests: {cpu: 6001m, memory: 1Gi}\n")
                .len()
                == 1
        );
    }

    #[test]
    fn declared_over_at_the_figure() {
        let d = tester().findings(with(
            ACL_HELPERS,
            "data:\n  resource_limit:\n    max_cpu: 500\n    max_memory: 20000\n",
        ));
        assert_eq!(starts(&d), vec![(4, 17)]);
        assert_eq!(files(&d), vec!["templates/_acl_helpers.yaml.tpl"]);
    }

    #[test]
    fn jobs_do_not_push_it_over() {
        tester()
            .pass(["resources:\n  jobs:\n    big:\n      requests: {cpu: 60, memory: 120Gi}\n"])
            .test();
    }

    #[test]
    fn declared_within_wins_over_a_large_sum() {
        tester()
            .pass([with(VALUES_YAML, BIG).with(
                ACL_HELPERS,
                "data:\n  resource_limit:\n    max_cpu: 6000\n    max_memory: 12288\n",
            )])
            .fail([BIG])
            .test();
    }

    #[test]
    fn exempt_products_are_not_checked() {
        let foundation =
            "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - foundation\n";
        tester()
            .pass([
                with(VALUES_YAML, BIG).with(ACL_HELPERS, "data:\n  namespace: openstack\n"),
                with(VALUES_YAML, BIG).with(CHART_YAML, foundation),
            ])
            .fail([BIG])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
