use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::{chart_yaml, keywords};
use crate::rules::i18n::i18n_002::is_chinese;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a Chart.yaml `keywords` item `en:` (the product's English description) or
    /// `name_en:` (its English name) whose value contains Chinese characters (Han ideographs,
    /// CJK or full-width punctuation such as `，`), at the value. Items written with a space at
    /// the colon (CHART-002) are read for what they mean and checked too.
    ///
    /// ## Why
    /// §1.1.6.2: `en` and `name_en` are what the English console shows for the product in the
    /// catalog and on its card, beside `zh_CN`/`name_zh_CN` for Chinese. A Chinese value there
    /// (a copied `zh_CN` line, a forgotten translation) shows Chinese to English-speaking users.
    ///
    /// ## 中文
    /// Chart.yaml `keywords` 中 `en:`（英文描述）或 `name_en:`（英文名称）的值含有中文字符（汉字或中文
    /// 全角标点）。英文界面的产品目录和卡片显示这两项，含中文则英文用户看到中文。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:我的云产品描述
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
    RULE = "I18N-003", I18n, Warning, "§1.1.6.2",
    "English keyword contains Chinese", "英文关键字中含有中文", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    for k in keywords(&cy) {
        if !k.has_key() || !matches!(k.key.as_str(), "en" | "name_en") {
            continue;
        }
        let Some(first) = k.value.chars().find(|&c| is_chinese(c)) else {
            continue;
        };
        let (key, value) = (&k.key, &k.value);
        let zh_key = if key == "en" { "zh_CN" } else { "name_zh_CN" };
        out.report(
            &cy.file.path,
            Some(k.value_range()),
            text!(
                "keyword `{key}` contains Chinese (`{first}`): `{value}`",
                "关键字 `{key}` 中含有中文（`{first}`）：`{value}`"
            ),
        )
        .help(text!(
            "write it in English: the English console shows `{key}`; the Chinese text belongs in `{zh_key}`",
            "请写成英文：英文界面显示 `{key}`，中文文本应写在 `{zh_key}` 中"
        ));
    }
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
    fn at_the_value() {
        let d = tester().findings(with_keywords("- zh_CN:描述\n- name_en:我的 product"));
        assert_eq!(starts(&d), vec![(6, 13)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                with_keywords("- en:My product\n- name_en:my-product\n- zh_CN:我的云产品"),
                with_keywords("- name_zh_CN:我的云产品\n- catalog:中文"),
            ])
            .fail([
                with_keywords("- en:云产品"),
                with_keywords("- name_en:产品，product"),
                with_keywords("- en: 描述"),
                with_keywords("- name_en ：x，y"),
            ])
            .test_and_snapshot();
    }
}
