use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::{chart_yaml, keywords, Form, FOUNDATION};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Notes a chart that declares itself a Foundation product: a `creator:foundation`
    /// keyword, or the bare keyword `foundation` (the older marker §1.1.6.3 also reads), at the
    /// keyword. One note per chart, at the first such keyword.
    ///
    /// ## Why
    /// §1.1.5: Foundation products are the services ECP took over from ECAS (nova, neutron,
    /// horizon, …), still installed and configured by ECAS; "新开发的云产品都是标准云产品，是无法新
    /// 开发一个 Foundation 云产品的" — a new product cannot be one. A Foundation product also
    /// skips the resource check (§1.1.6.3) and needs a `delete/check/pre` hook to be deletable
    /// (§1.1.6.10), so the marker copied into a new product hides its resource needs. Products
    /// taken over from the platform keep it rightly: an info, not a warning. The bare word is
    /// included because the platform reads it the same way; the catalog names only
    /// `creator:foundation`.
    ///
    /// ## 中文
    /// chart 声明为 Foundation 云产品（`creator:foundation` 或单独的 `foundation` 关键字）。按 §1.1.5，
    /// Foundation 云产品是 V6 由 ECP 从 ECAS 接管的服务，新开发的云产品都是标准云产品，无法新开发
    /// Foundation 云产品；该标记还会跳过资源检查。由平台接管的产品保留它是正确的，故为提示。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:foundation
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
    RULE = "CHART-011", Chart, Info, "§1.1.5",
    "Foundation product", "Foundation 云产品", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let foundation = keywords(&cy).into_iter().find(|k| {
        (k.has_key() && k.key == "creator" && k.value == FOUNDATION)
            || (k.form == Form::Word && k.key == FOUNDATION)
    });
    let Some(k) = foundation else { return };
    let written = &k.written;
    out.report(
        &cy.file.path,
        Some(k.range),
        text!(
            "`{written}` declares a Foundation product: only services taken over from the platform are; a new product cannot be one (and it skips the resource check)",
            "`{written}` 声明为 Foundation 云产品：只有由平台接管的服务才是；新开发的云产品不能是 Foundation 云产品（且会跳过资源检查）"
        ),
    )
    .help(text!(
        "for a new product write `creator:ems_service_chart` (or `creator:external`)",
        "新云产品请写 `creator:ems_service_chart`（或 `creator:external`）"
    ));
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::rules::chart::keywords::cases::with_keywords;
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    #[test]
    fn once_at_the_first_marker() {
        let d = tester().findings(with_keywords(
            "- zh_CN:x\n- foundation\n- creator:foundation",
        ));
        assert_eq!(starts(&d), vec![(6, 5)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                with_keywords("- creator:ems_service_chart"),
                with_keywords("- creator:external\n- en:foundation"),
            ])
            .fail([
                with_keywords("- creator:foundation"),
                with_keywords("- foundation"),
                with_keywords("- creator: foundation"),
            ])
            .test_and_snapshot();
    }
}
