use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::{chart_yaml, keywords};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

/// The developer types of §1.1.6.2.
pub const CREATORS: &[&str] = &["ems_service_chart", "foundation", "external"];

declare_rule! {
    /// ## What it does
    /// Reports a `creator` keyword whose value is not one of `ems_service_chart` (an ordinary
    /// cloud product), `foundation` (a foundation product) or `external` (an external product),
    /// at the value, suggesting the nearest one. Values are compared exactly: `Foundation` is
    /// reported (with `foundation` suggested).
    ///
    /// ## Why
    /// §1.1.6.2 (ECP 6.0.2 added `creator`) lists exactly these three developer types. The type
    /// decides how the platform treats the product: a `foundation` product, for one, skips the
    /// resource check (§1.1.6.3). An unknown type is treated as none of them.
    ///
    /// Every `creator` item is checked, including one written with a space at its colon
    /// (`- creator: x`, reported by CHART-002 for the spacing) and repeated ones (CHART-005).
    ///
    /// ## 中文
    /// `keywords` 中 `creator` 的值不是 `ems_service_chart`（普通云产品）、`foundation`（基础云产品）
    /// 或 `external`（外部云产品）之一（按原样比较，区分大小写），并给出最接近的取值。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "CHART-004", Chart, Error, "§1.1.6.2",
    "Unknown creator", "creator 取值无效", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    for k in keywords(&cy)
        .iter()
        .filter(|k| k.has_key() && k.key == "creator")
    {
        let value = k.value.as_str();
        if CREATORS.contains(&value) {
            continue;
        }
        let d = if value.is_empty() {
            out.report(
                path,
                Some(k.range),
                text!("`creator` has no value", "`creator` 没有取值"),
            )
        } else {
            out.report(
                path,
                Some(k.value_range()),
                text!(
                    "`creator:{value}` is not a known developer type (`ems_service_chart`, `foundation`, `external`)",
                    "`creator:{value}` 不是已知的云产品开发者类型（`ems_service_chart`、`foundation`、`external`）"
                ),
            )
        };
        match nearest(value, CREATORS) {
            Some(best) => d.help(text!(
                "did you mean `creator:{best}`?",
                "是否应为 `creator:{best}`？"
            )),
            None => d.help(text!(
                "use `creator:ems_service_chart` (ordinary product), `creator:foundation` (foundation product) or `creator:external` (external product)",
                "使用 `creator:ems_service_chart`（普通云产品）、`creator:foundation`（基础云产品）或 `creator:external`（外部云产品）"
            )),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::rules::chart::keywords::cases::with_keywords;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    #[test]
    fn unknown_value_at_the_value_with_suggestion() {
        let d = tester().findings(with_keywords("- creator:ems_service"));
        assert_eq!(starts(&d), vec![(5, 13)]);
        assert_eq!(d[0].range.unwrap().end.column, 24);
        assert!(help(&d[0]).contains("`creator:ems_service_chart`"));
    }

    #[test]
    fn case_matters() {
        let d = tester().findings(with_keywords("- zh_CN:x\n- creator:Foundation"));
        assert_eq!(starts(&d), vec![(6, 13)]);
        assert!(help(&d[0]).contains("`creator:foundation`"));
    }

    #[test]
    fn far_values_list_all_three() {
        let d = tester().findings(with_keywords("- creator:vendor-x"));
        assert!(help(&d[0]).contains("`creator:external`"));
    }

    #[test]
    fn empty_value_and_spaced_items() {
        assert_eq!(
            starts(&tester().findings(with_keywords("- \"creator:\""))),
            vec![(5, 5)]
        );
        // `creator: bogus` is a map (CHART-002), its value is still checked.
        assert_eq!(
            starts(&tester().findings(with_keywords("- creator: bogus"))),
            vec![(5, 5)]
        );
    }

    #[test]
    fn every_creator_item_is_checked() {
        assert_eq!(
            starts(&tester().findings(with_keywords("- creator:external\n- creator:nope"))),
            vec![(6, 13)]
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Known values.
            .pass(
                ["ems_service_chart", "foundation", "external"]
                    .map(|v| with_keywords(&format!("- creator:{v}"))),
            )
            .pass([with_keywords("- creator: external")])
            .test_and_snapshot();
    }
}
