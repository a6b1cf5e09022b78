use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::{chart_yaml, keywords, Form, Keyword, FOUNDATION, KNOWN_KEYS};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `keywords` item whose colon is written wrong, at that item:
    /// - a space after the colon, `- creator: ems_service_chart`: YAML reads the item as a map,
    ///   not a string (also `- creator:` with nothing after the colon);
    /// - a space before the colon, `- creator :ems_service_chart`: a string whose key is
    ///   `creator ` (with the space), which matches no key (also spaces inside quotes,
    ///   `- "creator: x"`);
    /// - `: ` inside the value, `- en:Note: read this`: YAML reads a map again; quote the item;
    /// - a full-width colon, `- creator：ems_service_chart` (easy to type with a Chinese input
    ///   method): no colon at all for ECP.
    ///
    /// The help shows the item written right; when the key is also misspelled it suggests the
    /// nearest known key in the same fix.
    ///
    /// ## Why
    /// §1.1.6.2 ends with the note "keywords 下属的字段 `:` 之间没有空格" (no space around the
    /// `:` in keywords): ECP splits each keyword string at the colon. An item that YAML reads as a
    /// map is worse: `keywords` is a list of strings for Helm too, so Helm cannot load the
    /// chart at all (helm 3.17: "cannot load Chart.yaml: ... cannot unmarshal object into Go struct
    /// field Metadata.keywords of type string").
    ///
    /// The guide itself writes `creator: foundation` (with a space) in its prose in §1.1.6.3;
    /// the note above and every example in §1.1.6.2 say otherwise, and we follow them.
    ///
    /// The other keyword rules (CHART-003 to CHART-006) read such an item as the author meant it
    /// (`creator: x` as `creator:x`), so one mistake gives one finding, here; CHART-009 does
    /// not report these items again.
    ///
    /// ## 中文
    /// `keywords` 中某一项的冒号写法错误：冒号后有空格（YAML 会把它读成映射而不是字符串，Helm
    /// 无法加载 chart）、冒号前有空格（键名带空格，无法识别）、值中含有 `: `（需给整项加引号），
    /// 或使用了全角冒号 `：`。
    /// 规范要求 keywords 各项写成 `key:value`，冒号两侧没有空格。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator: ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN :我的云产品
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
    RULE = "CHART-002", Chart, Error, "§1.1.6.2",
    "Keyword has a space around its colon", "keywords 项的冒号两侧有空格", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    for k in keywords(&cy).iter().filter(|k| k.is_malformed()) {
        let written = &k.written;
        let message = match k.form {
            Form::Map => text!(
                "keyword `{written}` is read by YAML as a map, not a `key:value` string: remove the space after the colon",
                "keywords 项 `{written}` 被 YAML 解析为映射而不是 `key:value` 字符串：去掉冒号后的空格"
            ),
            Form::ColonInValue => text!(
                "keyword `{written}` is read by YAML as a map, not a `key:value` string: its value holds `: `",
                "keywords 项 `{written}` 被 YAML 解析为映射而不是 `key:value` 字符串：其值中含有 `: `"
            ),
            Form::FullWidthColon => text!(
                "keyword `{written}` uses a full-width colon `：` instead of `:`",
                "keywords 项 `{written}` 使用了全角冒号 `：`，应为半角 `:`"
            ),
            _ => text!(
                "keyword `{written}` has a space around its colon",
                "keywords 项 `{written}` 的冒号两侧有空格"
            ),
        };
        let fixed = fixed(k);
        let help = if k.form == Form::ColonInValue {
            text!(
                "quote the whole item, `- \"{fixed}\"`, so that YAML keeps it one string",
                "给整项加引号：`- \"{fixed}\"`，使 YAML 将其保持为一个字符串"
            )
        } else {
            text!(
                "write `- {fixed}`: no space around the colon",
                "写成 `- {fixed}`：冒号两侧不要有空格"
            )
        };
        out.report(path, Some(k.range), message).help(help);
    }
}

/// The item written right: `key:value`, with a misspelled key replaced by the nearest known one.
fn fixed(k: &Keyword) -> String {
    let key = if KNOWN_KEYS.contains(&k.key.as_str()) || k.key == FOUNDATION {
        k.key.as_str()
    } else {
        nearest(&k.key, KNOWN_KEYS).unwrap_or(k.key.as_str())
    };
    if k.value.is_empty() {
        format!("{key}:<value>")
    } else {
        format!("{key}:{}", k.value)
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::rules::chart::keywords::cases::{with_keywords, GOOD_KEYWORDS};
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    #[test]
    fn space_after_colon_is_a_map() {
        let d = tester().findings(with_keywords("- creator: ems_service_chart"));
        assert_eq!(starts(&d), vec![(5, 5)]);
        assert!(d[0].message.en.contains("`creator: ems_service_chart`"));
        assert!(d[0].message.en.contains("map"));
        assert!(help(&d[0]).contains("`- creator:ems_service_chart`"));
        assert_eq!(d[0].range.unwrap().end.column, 31);
    }

    #[test]
    fn space_before_colon_is_a_wrong_key() {
        let d = tester().findings(with_keywords("- zh_CN:x\n- creator :ems_service_chart"));
        assert_eq!(starts(&d), vec![(6, 5)]);
        assert!(help(&d[0]).contains("`- creator:ems_service_chart`"));
    }

    #[test]
    fn spaces_inside_quotes_and_both_sides() {
        for item in ["- \"creator: x\"", "- creator : x"] {
            assert_eq!(
                starts(&tester().findings(with_keywords(item))),
                vec![(5, 5)]
            );
        }
    }

    #[test]
    fn trailing_colon_is_a_map_too() {
        let d = tester().findings(with_keywords("- creator:"));
        assert_eq!(starts(&d), vec![(5, 5)]);
        assert!(help(&d[0]).contains("creator:<value>"));
    }

    #[test]
    fn full_width_colon() {
        let d = tester().findings(with_keywords("- creator：ems_service_chart"));
        assert_eq!(starts(&d), vec![(5, 5)]);
        assert!(d[0].message.en.contains("full-width"));
    }

    #[test]
    fn misspelled_key_is_fixed_in_the_help() {
        let d = tester().findings(with_keywords("- cretor: external"));
        assert!(
            help(&d[0]).contains("`- creator:external`"),
            "{:?}",
            d[0].help
        );
    }

    #[test]
    fn each_entry_of_a_map_item() {
        let d = tester().findings(with_keywords("- creator: x\n  en: y"));
        assert_eq!(starts(&d), vec![(5, 5), (6, 5)]);
    }

    #[test]
    fn colon_space_in_the_value_needs_quotes() {
        let d = tester().findings(with_keywords("- en:Note: read this"));
        assert_eq!(starts(&d), vec![(5, 5)]);
        assert!(
            help(&d[0]).contains("`- \"en:Note: read this\"`"),
            "{:?}",
            d[0].help
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Well-formed items.
            .pass([
                with_keywords(GOOD_KEYWORDS),
                with_keywords("- foundation\n- 'en:x'\n- en:http://example.com\n- \"en:Note: x\""),
            ])
            .test_and_snapshot();
    }
}
