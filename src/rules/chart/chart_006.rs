use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::chart::keywords::{chart_yaml, keywords};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

/// The product categories of §1.1.6.2: (English value, Chinese name).
pub const CATALOGS: &[(&str, &str)] = &[
    ("Computing", "计算"),
    ("Storage", "存储"),
    ("Network", "网络"),
    ("Cloud Native", "云原生"),
    ("Cloud Security", "云安全"),
    ("Software Infrastructure", "软件基础设施"),
    ("Machine learning", "机器学习"),
    ("Cost Explorer", "成本分析"),
    ("Monitoring & Operation", "监控与运维"),
    ("Cloud Resource Management", "云资源管理"),
];

declare_rule! {
    /// ## What it does
    /// Notes a `catalog` keyword: ECP ignores it since 6.0.2 (info). When its value is not one
    /// of the guide's categories the note becomes a warning, with the nearest category
    /// suggested: Computing, Storage, Network, Cloud Native, Cloud Security, Software
    /// Infrastructure, Machine learning, Cost Explorer, Monitoring & Operation, Cloud Resource
    /// Management. One finding per `catalog` item, at its value.
    ///
    /// ## Why
    /// §1.1.6.2: "ECP 6.0.2 变化：云产品分类通过OTA服务器指定，不再通过云产品声明" — the OTA
    /// server now sets the category; the keyword stays harmless for older platforms, where a
    /// value outside the list puts the product in no category.
    ///
    /// Case: the guide's own list is inconsistent ("Machine learning" next to "Cloud Native"),
    /// and the value is ignored by current ECP, so we compare ignoring ASCII case and
    /// surrounding spaces: `cloud native` is accepted (still an info, whose help names the
    /// guide's spelling). A Chinese category name (`catalog:云原生`) is not the value the guide
    /// uses: a warning that suggests the English one.
    ///
    /// ## 中文
    /// `keywords` 中的 `catalog`（云产品分类）自 ECP 6.0.2 起不再生效，由 OTA 服务器指定（提示）。
    /// 若取值不在规范列出的分类中则为警告，并给出最接近的分类（比较时不区分大小写）。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    ///   - catalog:Cloud Nativ
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
    RULE = "CHART-006", Chart, Info | Warning, "§1.1.6.2",
    "catalog keyword is ignored", "catalog 关键字已不再生效", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    for k in keywords(&cy)
        .iter()
        .filter(|k| k.has_key() && k.key == "catalog")
    {
        let value = k.value.trim();
        let range = if value.is_empty() {
            k.range
        } else {
            k.value_range()
        };
        if let Some((known, _)) = CATALOGS
            .iter()
            .find(|(en, _)| en.eq_ignore_ascii_case(value))
        {
            let d = out.report(
                path,
                Some(range),
                text!(
                    "`catalog:{value}` is ignored since ECP 6.0.2: the OTA server sets the product category",
                    "`catalog:{value}` 自 ECP 6.0.2 起不再生效：云产品分类由 OTA 服务器指定"
                ),
            );
            if *known != value {
                d.help(text!(
                    "the guide spells it `catalog:{known}`; the line may also be removed",
                    "规范写法为 `catalog:{known}`；也可以删除这一行"
                ));
            } else {
                d.help(text!(
                    "keep it for older platforms, or remove the line",
                    "可为兼容旧版本平台保留，也可以删除这一行"
                ));
            }
            continue;
        }
        let english: Vec<&str> = CATALOGS.iter().map(|(en, _)| *en).collect();
        let suggestion = CATALOGS
            .iter()
            .find(|(_, zh)| *zh == value)
            .map(|(en, _)| *en)
            .or_else(|| nearest(value, &english));
        let d = out
            .report(
                path,
                Some(range),
                text!(
                    "`catalog:{value}` is not a known product category (and `catalog` is ignored since ECP 6.0.2)",
                    "`catalog:{value}` 不是已知的云产品分类（且 `catalog` 自 ECP 6.0.2 起不再生效）"
                ),
            )
            .severity(Severity::Warning);
        match suggestion {
            Some(best) => d.help(text!(
                "did you mean `catalog:{best}`? Or remove the line",
                "是否应为 `catalog:{best}`？也可以删除这一行"
            )),
            None => {
                let list = english.join(", ");
                d.help(text!(
                    "use one of: {list}; or remove the line",
                    "使用以下分类之一：{list}；也可以删除这一行"
                ))
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::diagnostic::Severity;
    use crate::rules::chart::keywords::cases::with_more_keywords;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    #[test]
    fn known_catalog_is_an_info_at_the_value() {
        let d = tester().findings(with_more_keywords("- catalog:Cloud Native"));
        assert_eq!(starts(&d), vec![(10, 13)]);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0].message.en.contains("6.0.2"));
    }

    #[test]
    fn case_is_forgiven_with_the_guide_spelling_in_help() {
        let d = tester().findings(with_more_keywords("- catalog:machine Learning"));
        assert_eq!(d[0].severity, Severity::Info);
        assert!(help(&d[0]).contains("`catalog:Machine learning`"));
    }

    #[test]
    fn unknown_catalog_is_a_warning_with_suggestion() {
        let d = tester().findings(with_more_keywords("- catalog:Cloud Nativ"));
        assert_eq!(starts(&d), vec![(10, 13)]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(help(&d[0]).contains("`catalog:Cloud Native`"));
    }

    #[test]
    fn chinese_name_suggests_the_english_value() {
        let d = tester().findings(with_more_keywords("- catalog:云原生"));
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(help(&d[0]).contains("`catalog:Cloud Native`"));
    }

    #[test]
    fn far_value_lists_all() {
        let d = tester().findings(with_more_keywords("- catalog:Databases"));
        assert!(help(&d[0]).contains("Monitoring & Operation"));
    }

    #[test]
    fn spaced_catalog_is_still_judged() {
        let d = tester().findings(with_more_keywords("- catalog: Storage"));
        assert_eq!(starts(&d), vec![(10, 5)]);
        assert_eq!(d[0].severity, Severity::Info);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // No catalog, no finding.
            .pass([with_more_keywords("")])
            .test_and_snapshot();
    }
}
