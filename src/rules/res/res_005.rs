use crate::chart::resources::{show, tier, QuantityAt, TIERS};
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::res::TIERS_TEXT;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Notes a `requests` pair that is not one of the three recommended tiers: 200m/512Mi,
    /// 500m/1024Mi or 1000m/2048Mi, at its `requests` key. The help names the smallest tier that
    /// covers it.
    ///
    /// ## Why
    /// §1.1.6.3 (云产品资源需求) recommends three tiers ("目前推荐有三档资源声明"). Other figures are
    /// allowed as custom declarations — hence only an info — but then the guide asks for limits
    /// within 1.5 × requests (RES-004).
    ///
    /// Decisions: only `requests` that count (under `resources`, not under `jobs`) are looked
    /// at; figures are compared after rounding up (`0.5` = `500m`, `1Gi` = `1024Mi` are tiers);
    /// a request lacking cpu or memory is RES-006's finding, and one with a quantity that does
    /// not parse RES-003's, not this one. Exempt products are not checked.
    ///
    /// ## 中文
    /// `requests` 的 cpu/memory 组合不是推荐的三档之一（200m/512Mi、500m/1024Mi、1000m/2048Mi）。
    /// 自定义数值是允许的（仅提示），但此时 limits 建议不超过 requests 的 1.5 倍（RES-004）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "768Mi"
    ///         cpu: "300m"
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "1Gi"
    ///         cpu: "0.5"
    /// ```
    RULE = "RES-005", Res, Info, "§1.1.6.3",
    "Request is not a recommended tier", "requests 不是推荐档位", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    if c.exemption.is_some() {
        return; // exempt products are not checked (§1.1.6.3)
    }
    let Some(file) = &c.values_file else { return };
    for (b, req) in c.counted() {
        // Both present and readable: a missing one is RES-006's, a bad one RES-003's.
        let good =
            |q: &Option<QuantityAt>| q.as_ref().is_some_and(|q| matches!(q.milli, Ok(Some(_))));
        let both = good(&req.cpu) && good(&req.memory);
        if !both {
            continue;
        }
        let (cpu, mem) = (req.cpu_m(), req.memory_mi());
        if tier(cpu, mem).is_some() {
            continue;
        }
        let pair = show(cpu, mem);
        let path = b.shown_path();
        let d = out.report(
            file,
            Some(req.key_range),
            text!(
                "`{path}` requests {pair}, not one of the recommended tiers",
                "`{path}` 的 requests 为 {pair}，不是推荐档位"
            ),
        );
        match TIERS.iter().find(|(tc, tm)| *tc >= cpu && *tm >= mem) {
            Some(&(tc, tm)) => {
                let t = show(tc, tm);
                d.help(text!(
                    "the smallest tier that covers it is {t} (tiers: {TIERS_TEXT}); custom figures are allowed, with limits at most 1.5 × requests",
                    "能满足它的最小档位是 {t}（推荐档位：{TIERS_TEXT}）；也可以使用自定义数值，但 limits 建议不超过 requests 的 1.5 倍"
                ))
            }
            None => d.help(text!(
                "it is above the largest tier (tiers: {TIERS_TEXT}); custom figures are allowed, with limits at most 1.5 × requests",
                "它超过了最大档位（推荐档位：{TIERS_TEXT}）；可以使用自定义数值，但 limits 建议不超过 requests 的 1.5 倍"
            )),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::VALUES_YAML;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    #[test]
    fn custom_pairs_at_their_requests_key() {
        let d = tester().findings(
            "resources:\n  a:\n    requests: {cpu: 300m, memory: 768Mi}\n  b:\n    requests:\n      cpu: 2\n      memory: 1Gi\n  c:\n    requests: {cpu: 200m, memory: 1Gi}\n",
        );
        assert_eq!(starts(&d), vec![(3, 5), (5, 5), (9, 5)]);
        assert!(d[0]
            .message
            .en
            .contains("`resources.a` requests 300m / 768Mi"));
        assert!(help(&d[0]).contains("smallest tier that covers it is 500m / 1024Mi"));
        assert!(help(&d[1]).contains("above the largest tier"));
        assert!(
            help(&d[2]).contains("500m / 1024Mi"),
            "a mixed pair is not a tier"
        );
    }

    #[test]
    fn tiers_in_any_spelling_pass() {
        let v = "resources:\n  a:\n    requests: {cpu: 0.2, memory: 512Mi}\n  b:\n    requests: {cpu: \"500m\", memory: 0.5Gi}\n  c:\n    requests: {cpu: 1, memory: 2Gi}\n  d:\n    requests: {cpu: 200m, memory: 536870912}\n";
        let d = tester().findings(v);
        assert_eq!(starts(&d), vec![(5, 5)], "0.5Gi is 512Mi, not 1024Mi");
    }

    #[test]
    fn jobs_and_half_pairs_are_left_to_others() {
        tester()
            .pass([
                "resources:\n  a:\n    requests: {cpu: 300m, memory: 1 Gi}\n",
                "resources:\n  jobs:\n    x:\n      requests: {cpu: 300m, memory: 1Mi}\n",
                "resources:\n  a:\n    requests: {cpu: 300m}\n",
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
