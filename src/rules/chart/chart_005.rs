use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::chart::keywords::{chart_yaml, keywords, Form, Keyword};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `keywords` key that appears more than once, at each repetition, naming the line
    /// of the first one. The same key with the same value is a warning (harmless, but noise);
    /// with a different value it is an error. A bare word repeated (`- foundation` twice) is a
    /// repetition too (warning).
    ///
    /// ## Why
    /// §1.1.6.2's full example repeats `- creator:ems_service_chart` (first and last line): the
    /// guide's examples are not normative, and the repetition is a copy-paste slip. With two
    /// *different* values (`creator:ems_service_chart` and `creator:external`) the guide does
    /// not say which one ECP uses, so the product may be typed or described other than meant:
    /// that is an error.
    ///
    /// Keys and values are compared as the author meant them: an item written with a space at
    /// its colon (CHART-002) counts with its trimmed key and value. Values are compared exactly
    /// after trimming.
    ///
    /// ## 中文
    /// `keywords` 中同一个键出现多次（规范的完整示例重复了 `creator`）：取值相同为警告，取值不同
    /// 为错误（不确定 ECP 采用哪一个）。在重复项处报告，并指出第一次出现的行号。
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
    ///   - creator:ems_service_chart
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
    RULE = "CHART-005", Chart, Warning | Error, "§1.1.6.2",
    "Keyword repeated", "keywords 项重复", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    let items = keywords(&cy);
    let counted: Vec<&Keyword> = items
        .iter()
        .filter(|k| k.has_key() || k.form == Form::Word)
        .collect();
    for (i, k) in counted.iter().enumerate() {
        // A word and a key of the same name are different things.
        let same =
            |f: &&&Keyword| f.key == k.key && (f.form == Form::Word) == (k.form == Form::Word);
        let Some(first) = counted[..i].iter().find(same) else {
            continue;
        };
        let key = &k.key;
        let line = first.range.start.line;
        if k.form == Form::Word {
            out.report(
                path,
                Some(k.range),
                text!(
                    "keyword `{key}` is repeated (first at line {line})",
                    "keywords 项 `{key}` 重复（第一次在第 {line} 行）"
                ),
            )
            .help(text!("remove this line", "删除这一行"));
        } else if first.value == k.value {
            out.report(
                path,
                Some(k.range),
                text!(
                    "keyword `{key}` is repeated with the same value (first at line {line})",
                    "keywords 项 `{key}` 重复，取值相同（第一次在第 {line} 行）"
                ),
            )
            .help(text!("remove this line", "删除这一行"));
        } else {
            let (a, b) = (&first.value, &k.value);
            out.report(
                path,
                Some(k.range),
                text!(
                    "keyword `{key}` is set twice with different values: `{a}` at line {line} and `{b}` here",
                    "keywords 项 `{key}` 设置了两次且取值不同：第 {line} 行为 `{a}`，此处为 `{b}`"
                ),
            )
            .severity(Severity::Error)
            .help(text!(
                "keep one `{key}` with the value you mean; which one ECP uses is not defined",
                "只保留一个 `{key}` 并使用正确的取值；ECP 采用哪一个没有定义"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::diagnostic::Severity;
    use crate::rules::chart::keywords::cases::{with_keywords, with_more_keywords, GOOD_KEYWORDS};
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    #[test]
    fn same_value_twice_is_a_warning_on_the_second() {
        let d = tester().findings(with_more_keywords("- creator:ems_service_chart"));
        assert_eq!(starts(&d), vec![(10, 5)]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message.en.contains("line 5"));
    }

    #[test]
    fn different_values_is_an_error() {
        let d = tester().findings(with_more_keywords("- creator:external"));
        assert_eq!(starts(&d), vec![(10, 5)]);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(
            d[0].message
                .en
                .contains("`ems_service_chart` at line 5 and `external`"),
            "{}",
            d[0].message.en
        );
    }

    #[test]
    fn three_times_reports_two() {
        let d = tester().findings(with_keywords("- en:a\n- en:a\n- en:b"));
        assert_eq!(starts(&d), vec![(6, 5), (7, 5)]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[1].severity, Severity::Error);
    }

    #[test]
    fn spaced_item_counts_with_its_trimmed_value() {
        let d = tester().findings(with_keywords("- creator:external\n- creator: external"));
        assert_eq!(starts(&d), vec![(6, 5)]);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn repeated_word() {
        let d = tester().findings(with_keywords("- foundation\n- zh_CN:x\n- foundation"));
        assert_eq!(starts(&d), vec![(7, 5)]);
    }

    #[test]
    fn a_word_and_a_key_of_the_same_name_are_different() {
        tester()
            .pass([with_keywords("- foundation\n- foundation:x")])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                with_keywords(GOOD_KEYWORDS),
                with_keywords("- name_en:x\n- en:x"),
            ])
            .test_and_snapshot();
    }
}
