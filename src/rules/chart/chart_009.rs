use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::chart::keywords::{
    chart_yaml, keywords, type_name_zh, Form, FOUNDATION, KNOWN_KEYS,
};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `keywords` item ECP does not know, at the item (at the key for a `key:value`):
    /// - an unknown key — not `creator`, `zh_CN`, `en`, `name_zh_CN`, `name_en` or `catalog` —
    ///   with the nearest known key suggested (`name_cn:x` → `name_zh_CN`; keys are compared
    ///   exactly, so `Creator:x` is unknown too);
    /// - an item without a colon other than the bare word `foundation`: a known key without its
    ///   value (`- creator`), a misspelled `foundation`, or any other word;
    /// - an item that is no string at all: a number, boolean or empty item (`- 123`, `- yes`,
    ///   `-`), or a nested list (an error: Helm cannot load a chart whose keyword is a list).
    ///
    /// ## Why
    /// §1.1.6.2 defines the keys above; §1.1.6.3 adds the bare keyword `foundation` (a
    /// foundation product, which skips the resource check). Anything else is ignored by ECP,
    /// so a misspelled key silently loses the product's name, description or type.
    ///
    /// The catalog does not say what to do with a word that has no colon; we report it (a
    /// warning, like an unknown key): ECP cannot read it as `key:value`, and it is most often a
    /// key whose value was forgotten or a misspelled `foundation`. Plain Helm charts use free
    /// words as keywords (search tags); they are reported here too, since in an ECP product they
    /// are ignored. Items whose colon is written wrong (`- creator: x`, `- creator :x`) are
    /// CHART-002's and not reported again here.
    ///
    /// ## 中文
    /// `keywords` 中有 ECP 不认识的项：未知的键（不是 `creator`、`zh_CN`、`en`、`name_zh_CN`、
    /// `name_en`、`catalog`，区分大小写，并给出最接近的键）、除 `foundation` 以外不含冒号的词，
    /// 或不是字符串的项（数字、布尔值、空项；嵌套列表为错误，Helm 无法加载）。
    /// 冒号写法错误的项由 CHART-002 报告，这里不重复报告。
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
    ///   - name_cn:我的云产品
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - foundation
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    ///   - catalog:Cloud Native
    /// ```
    RULE = "CHART-009", Chart, Warning | Error, "§1.1.6.2",
    "Unknown keyword", "未知的 keywords 项", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    let known = KNOWN_KEYS.join("`, `");
    for k in keywords(&cy) {
        let written = &k.written;
        match k.form {
            Form::Pair if !KNOWN_KEYS.contains(&k.key.as_str()) => {
                let key = &k.key;
                let d = out.report(
                    path,
                    Some(k.key_range()),
                    text!(
                        "unknown keyword key `{key}` in `{written}`",
                        "`{written}` 中的键 `{key}` 不是已知的 keywords 键"
                    ),
                );
                if key == FOUNDATION || nearest(key, &[FOUNDATION]).is_some() {
                    d.help(text!(
                        "`foundation` stands alone: write `- foundation`, or `- creator:foundation`",
                        "`foundation` 单独成项：写成 `- foundation` 或 `- creator:foundation`"
                    ));
                } else if let Some(best) = nearest(key, KNOWN_KEYS) {
                    d.help(text!("did you mean `{best}`?", "是否应为 `{best}`？"));
                } else {
                    d.help(text!("known keys: `{known}`", "已知的键：`{known}`"));
                }
            }
            Form::Word if k.key != FOUNDATION => {
                let word = &k.key;
                if word.is_empty() {
                    out.report(
                        path,
                        Some(k.range),
                        text!("empty keyword", "keywords 项为空"),
                    )
                    .help(text!("remove the empty item", "删除该空项"));
                    continue;
                }
                let d = out.report(
                    path,
                    Some(k.range),
                    text!(
                        "keyword `{word}` is not a `key:value` pair (only `foundation` stands alone)",
                        "keywords 项 `{word}` 不是 `key:value` 形式（只有 `foundation` 可以单独成项）"
                    ),
                );
                if KNOWN_KEYS.contains(&word.as_str()) {
                    d.help(text!(
                        "add its value: `- {word}:<value>`",
                        "补上取值：`- {word}:<value>`"
                    ));
                } else if nearest(word, &[FOUNDATION]).is_some() {
                    d.help(text!(
                        "did you mean `- foundation`?",
                        "是否应为 `- foundation`？"
                    ));
                } else {
                    d.help(text!(
                        "write `key:value` with a key among `{known}`, or remove the item",
                        "写成 `key:value`，键为 `{known}` 之一，或删除该项"
                    ));
                }
            }
            Form::NotString => {
                let kind = k.node.type_name();
                let kind_zh = type_name_zh(k.node);
                if k.node.as_seq().is_some() {
                    out.report(
                        path,
                        Some(k.range),
                        text!("keyword is a list, not a `key:value` string", "keywords 项是列表，而不是 `key:value` 字符串"),
                    )
                    .severity(Severity::Error)
                    .help(text!(
                        "Helm cannot load a chart whose keyword is a list: write each keyword as one `- key:value` item",
                        "keywords 项为列表时 Helm 无法加载 chart：每个关键字写成一项 `- key:value`"
                    ));
                } else if k.node.is_null() {
                    out.report(
                        path,
                        Some(k.range),
                        text!("empty keyword", "keywords 项为空"),
                    )
                    .help(text!("remove the empty item", "删除该空项"));
                } else {
                    out.report(
                        path,
                        Some(k.range),
                        text!(
                            "keyword `{written}` is a YAML {kind}, not a `key:value` string",
                            "keywords 项 `{written}` 是{kind_zh}，而不是 `key:value` 字符串"
                        ),
                    )
                    .help(text!(
                        "write `key:value` with a key among `{known}`, or remove the item",
                        "写成 `key:value`，键为 `{known}` 之一，或删除该项"
                    ));
                }
            }
            // Well-formed known keys, `foundation`, and CHART-002's malformed items.
            _ => {}
        }
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
    fn unknown_key_at_the_key_with_suggestion() {
        let d = tester().findings(with_more_keywords("- name_cn:我的云产品"));
        assert_eq!(starts(&d), vec![(10, 5)]);
        assert_eq!(d[0].range.unwrap().end.column, 12);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(help(&d[0]).contains("`name_en`") || help(&d[0]).contains("`name_zh_CN`"));
    }

    #[test]
    fn keys_are_case_sensitive() {
        let d = tester().findings(with_more_keywords("- Catalog:Storage"));
        assert_eq!(starts(&d), vec![(10, 5)]);
        assert!(help(&d[0]).contains("`catalog`"));
    }

    #[test]
    fn foundation_as_a_key() {
        let d = tester().findings(with_more_keywords("- foundation:true"));
        assert!(help(&d[0]).contains("`- foundation`"));
    }

    #[test]
    fn words_without_colon() {
        let d = tester().findings(with_more_keywords("- creator\n- fundation\n- database"));
        assert_eq!(starts(&d), vec![(10, 5), (11, 5), (12, 5)]);
        assert!(help(&d[0]).contains("`- creator:<value>`"));
        assert!(help(&d[1]).contains("`- foundation`"));
        assert!(help(&d[2]).contains("known") || help(&d[2]).contains("among"));
    }

    #[test]
    fn non_strings() {
        let d = tester().findings(with_more_keywords("- 123\n- yes\n-\n- [a, b]"));
        assert_eq!(starts(&d), vec![(10, 5), (11, 5), (12, 4), (13, 5)]);
        assert!(d[0].message.en.contains("integer"));
        assert!(d[1].message.en.contains("boolean"));
        assert!(d[2].message.en.contains("empty"));
        assert_eq!(d[3].severity, Severity::Error);
    }

    #[test]
    fn malformed_items_are_left_to_chart_002() {
        tester()
            .pass([with_more_keywords(
                "- creator :x\n- cretor: x\n- name_en：x",
            )])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([with_more_keywords("- foundation\n- catalog:Storage")])
            .test_and_snapshot();
    }
}
