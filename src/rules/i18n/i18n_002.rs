use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::i18n::i18n_001::text_maps;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports an `en` text that contains Chinese characters (Han ideographs, CJK or full-width
    /// punctuation such as `，` `。`), in the same text maps as I18N-001: the names of
    /// `_navigation.yaml` and `_category.yaml`, the titles and step contents of `_wizard.yaml`.
    /// The finding is at the `en` value.
    ///
    /// ## Why
    /// §1.1.6.7: `en` is what English-speaking users read. The guide's own wizard example
    /// writes `en: 英文功能描述` ("English feature description", a placeholder left
    /// untranslated) in three of its four steps; copied as is, English users see Chinese.
    ///
    /// ## 中文
    /// `en` 文本中含有中文字符（汉字或中文全角标点）。指南的向导示例中就有 `en: 英文功能描述`
    /// 这样未翻译的占位文本，照抄后英文用户将看到中文。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_category.yaml
    /// mycloud-product:
    ///   id: mycloud-product
    ///   icon: mycloud-product
    ///   name:
    ///     en: 我的云产品
    ///     zh-cn: 我的云产品
    ///   navigations: []
    ///   dynamicNumber: 1
    /// ```
    /// ```yaml,pass,file=templates/_category.yaml
    /// mycloud-product:
    ///   id: mycloud-product
    ///   icon: mycloud-product
    ///   name:
    ///     en: My Cloud Product
    ///     zh-cn: 我的云产品
    ///   navigations: []
    ///   dynamicNumber: 1
    /// ```
    RULE = "I18N-002", I18n, Warning, "§1.1.6.7",
    "English text contains Chinese", "英文文本中含有中文", Chart(check)
}

/// Han ideographs, CJK symbols and punctuation, full-width forms.
pub fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FA1F}')
}

fn check(chart: &Chart, out: &mut Findings) {
    for map in text_maps(chart) {
        let Some(node) = map.entry.value.get("en") else {
            continue;
        };
        let Some(en) = node.as_str() else {
            continue;
        };
        let Some(first) = en.chars().find(|&c| is_chinese(c)) else {
            continue;
        };
        let what = &map.path;
        out.report(
            &map.file.path,
            Some(node.range),
            text!(
                "`{what}.en` contains Chinese (`{first}`): `{en}`",
                "`{what}.en` 中含有中文（`{first}`）：`{en}`"
            ),
        )
        .help(text!(
            "translate it: English-speaking users read `en`; the Chinese text belongs in `zh-cn`",
            "请翻译为英文：`en` 面向英文用户，中文文本应写在 `zh-cn` 中"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{NAVIGATION, WIZARD};
    use crate::rules::tester::{starts, with, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    #[test]
    fn guide_wizard_example() {
        let wizard = "nav:\n  cloud_admin:\n    mycloud_product_overview:\n      order: 1\n      proId: mycloud_product_overview\n      title:\n        en: mycloud-product\n        zh-cn: 我的云产品\n      wizard:\n        - content:\n            en: English description\n            zh-cn: 中文功能描述\n        - content:\n            en: 英文功能描述\n            zh-cn: 中文功能描述。\n";
        let d = tester().findings(with(WIZARD, wizard));
        assert_eq!(starts(&d), vec![(14, 17)], "{d:?}");
    }

    #[test]
    fn punctuation_counts_and_zh_is_not_checked() {
        let d = tester().findings(with(
            NAVIGATION,
            "category: c\nname: {en: \"Cloud，Product\", zh-cn: Cloud Product}\nnav: {}\n",
        ));
        assert_eq!(starts(&d), vec![(2, 12)], "{d:?}");
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
