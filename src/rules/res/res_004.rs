use crate::chart::resources::quantity::{cpu_m, memory_mi};
use crate::chart::resources::tier;
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::res::TIERS_TEXT;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// For a custom request (a `requests` pair that is not one of the recommended tiers
    /// 200m/512Mi, 500m/1024Mi, 1000m/2048Mi), reports a `limits.cpu` or `limits.memory` above
    /// 1.5 × the request beside it, at the limit's value.
    ///
    /// ## Why
    /// §1.1.6.3: "若云产品需要使用其它数值的自定义资源声明，建议 limits 的数值设置不超过 requests
    /// 的 1.5 倍" — with custom figures, keep limits within 1.5 × requests. The requirement only
    /// counts requests, so a large limit lets the product use far more than the platform
    /// reserved for it.
    ///
    /// Decisions: only `requests` maps that count (under `resources`, not under `jobs`) are
    /// looked at, as the guide speaks of the product's declarations; a tier request is left
    /// alone (the guide gives the advice for custom figures only); a request of 0 or an absent
    /// one has no ratio to check (RES-006 reports the absent one). The comparison is exact
    /// (`750m` is within 1.5 × `500m`). Exempt products (`foundation`, `namespace: openstack`)
    /// are not checked: the guide exempts them from the resource requirement as a whole.
    ///
    /// ## 中文
    /// 自定义（非推荐档位）的资源声明中，`limits` 的 cpu 或 memory 超过对应 `requests` 的
    /// 1.5 倍（§1.1.6.3 建议不超过 1.5 倍）。只检查计入资源需求的 requests；使用推荐档位的不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "768Mi"
    ///         cpu: "300m"
    ///       limits:
    ///         memory: "2Gi"
    ///         cpu: "1"
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "768Mi"
    ///         cpu: "300m"
    ///       limits:
    ///         memory: "1152Mi"
    ///         cpu: "450m"
    /// ```
    RULE = "RES-004", Res, Warning, "§1.1.6.3",
    "Limit above 1.5 × a custom request", "自定义资源声明的 limits 超过 requests 的 1.5 倍", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    if c.exemption.is_some() {
        return; // exempt products are not checked (§1.1.6.3)
    }
    let Some(file) = &c.values_file else { return };
    for (b, req) in c.counted() {
        if tier(req.cpu_m(), req.memory_mi()).is_some() {
            continue;
        }
        let Some(lim) = &b.limits else { continue };
        let path = b.shown_path();
        for (name, r, l) in [
            ("cpu", &req.cpu, &lim.cpu),
            ("memory", &req.memory, &lim.memory),
        ] {
            let (Some(r), Some(l)) = (r, l) else { continue };
            let (Ok(Some(rv)), Ok(Some(lv))) = (&r.milli, &l.milli) else {
                continue;
            };
            let (rv, lv) = (*rv, *lv);
            if rv == 0 || lv.saturating_mul(2) <= rv.saturating_mul(3) {
                continue;
            }
            let ratio = format!("{:.1}", lv as f64 / rv as f64);
            let (rt, lt) = (&r.text, &l.text);
            let max = rv.saturating_mul(3) / 2;
            let max = if name == "cpu" {
                format!("{}m", cpu_m(max))
            } else {
                // Floor to whole MiB so the suggestion is really within 1.5×.
                format!(
                    "{}Mi",
                    memory_mi(max).saturating_sub(u64::from(max % (1000 << 20) != 0))
                )
            };
            out.report(
                file,
                Some(l.range),
                text!(
                    "`limits.{name}` `{lt}` of `{path}` is {ratio} × its request `{rt}`, above 1.5 ×",
                    "`{path}` 的 `limits.{name}` `{lt}` 是其 requests `{rt}` 的 {ratio} 倍，超过 1.5 倍"
                ),
            )
            .help(text!(
                "for a custom request keep the limit at most 1.5 × the request (`{max}` here), or use a recommended tier ({TIERS_TEXT})",
                "自定义资源声明的 limits 建议不超过 requests 的 1.5 倍（此处最多 `{max}`），或改用推荐档位（{TIERS_TEXT}）"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::VALUES_YAML;
    use crate::rules::res::cases::{exempt, mistakes};
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    #[test]
    fn limits_over_one_and_a_half() {
        let d = tester().findings(
            "resources:\n  api:\n    requests: {cpu: 300m, memory: 768Mi}\n    limits:\n      cpu: 1\n      memory: 2Gi\n",
        );
        assert_eq!(starts(&d), vec![(5, 12), (6, 15)]);
        assert!(
            d[0].message
                .en
                .contains("`limits.cpu` `1` of `resources.api` is 3.3 × its request `300m`"),
            "{}",
            d[0].message.en
        );
        assert!(help(&d[0]).contains("`450m`"));
        assert!(help(&d[1]).contains("`1152Mi`"), "{}", help(&d[1]));
    }

    #[test]
    fn exactly_one_and_a_half_passes() {
        tester()
            .pass([
                "resources:\n  api:\n    requests: {cpu: 300m, memory: 768Mi}\n    limits: {cpu: 450m, memory: 1152Mi}\n",
                "resources:\n  api:\n    requests: {cpu: 0.3, memory: 768Mi}\n    limits: {cpu: 0.45, memory: 1.125Gi}\n",
            ])
            .test();
        let d = tester().findings("resources:\n  api:\n    requests: {cpu: 300m, memory: 768Mi}\n    limits: {cpu: 451m}\n");
        assert_eq!(starts(&d), vec![(4, 19)]);
    }

    #[test]
    fn odd_memory_suggestion_is_floored() {
        let d = tester().findings("resources:\n  api:\n    requests: {cpu: 300m, memory: 1000M}\n    limits: {memory: 2G}\n");
        // 1.5 × 1000M = 1500M = 1430.5Mi: at most 1430Mi.
        assert!(help(&d[0]).contains("`1430Mi`"), "{}", help(&d[0]));
    }

    #[test]
    fn tiers_jobs_and_missing_requests_are_skipped() {
        tester()
            .pass([
                // A tier request: the guide's advice is for custom figures.
                "resources:\n  api:\n    requests: {cpu: 500m, memory: 1Gi}\n    limits: {cpu: 4, memory: 8Gi}\n",
                // Under jobs: not counted.
                "resources:\n  jobs:\n    x:\n      requests: {cpu: 300m, memory: 768Mi}\n      limits: {cpu: 4}\n",
                // No cpu request: no ratio.
                "resources:\n  api:\n    requests: {memory: 768Mi}\n    limits: {cpu: 4}\n",
                "resources:\n  api:\n    requests: {cpu: 0, memory: 768Mi}\n    limits: {cpu: 4}\n",
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
