use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::{
    chart_yaml, keywords, keywords_entry, type_name_zh, KNOWN_KEYS, REQUIRED_KEYS,
};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a required keyword missing from `keywords` in `Chart.yaml`: `creator`,
    /// `name_zh_CN`, `name_en`, `zh_CN` and `en`. One finding per missing key, at the
    /// `keywords:` key; when none of them is declared (`keywords` absent, empty, not a list,
    /// or holding only other words, as plain Helm charts do), one finding that lists all of
    /// them (at `keywords:` if present, else at `name`, else at line 1).
    ///
    /// ## Why
    /// §1.1.6.2: the product's developer type (`creator`, since ECP 6.0.2), its display name
    /// (`name_zh_CN`, `name_en`) and its description (`zh_CN`, `en`) are declared as keywords;
    /// the product market has nothing to show without them.
    ///
    /// Keys are compared exactly, as ECP does: `Creator:x` does not declare `creator` (CHART-009
    /// reports the unknown key; the help here points at it). An item with a space at its colon
    /// (`- creator: x`, CHART-002) counts as declaring its key, so that one mistake is reported
    /// once. `catalog` is not required: ECP ignores it since 6.0.2 (CHART-006).
    ///
    /// When Chart.yaml has a YAML syntax error (HELM-001), or its root is not a map (CHART-012),
    /// nothing is reported: the keywords may go on past what could be read.
    ///
    /// ## 中文
    /// `Chart.yaml` 的 `keywords` 中缺少必需的项：`creator`、`name_zh_CN`、`name_en`、`zh_CN`、
    /// `en`。每缺一项报告一次（位于 `keywords:`）；一项都没有声明（或没有 `keywords`）时合并为一条。
    /// Chart.yaml 有 YAML 语法错误或根不是映射时不报告（关键字可能在无法读取的部分中）。
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
    RULE = "CHART-003", Chart, Error, "§1.1.6.2",
    "Required keyword is missing", "缺少必需的 keywords 项", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    if cy.partial {
        // The keywords may go on past what was read.
        return;
    }
    let path = &cy.file.path;
    let items = keywords(&cy);
    let entry = keywords_entry(&cy);
    let missing: Vec<&str> = REQUIRED_KEYS
        .iter()
        .copied()
        .filter(|req| !items.iter().any(|k| k.has_key() && k.key == *req))
        .collect();
    if missing.is_empty() {
        return;
    }
    let example = "`- creator:ems_service_chart`, `- name_zh_CN:<中文名称>`, `- name_en:<English name>`, `- zh_CN:<中文描述>`, `- en:<English description>`";
    let Some(entry) = entry.filter(|e| e.value.as_seq().is_some_and(|s| !s.is_empty())) else {
        // No usable list at all: one finding.
        let range = entry
            .map(|e| e.key.range)
            .or_else(|| cy.entry("name").map(|e| e.key.range))
            .unwrap_or(cy.top());
        let message = match entry {
            Some(e) if !e.value.is_null() && e.value.as_seq().is_none() => {
                let kind = e.value.type_name();
                let kind_zh = type_name_zh(&e.value);
                text!(
                    "`keywords` is a {kind}, not a list: the required keywords `creator`, `name_zh_CN`, `name_en`, `zh_CN`, `en` are missing",
                    "`keywords` 是{kind_zh}而不是列表：缺少必需的 keywords 项 `creator`、`name_zh_CN`、`name_en`、`zh_CN`、`en`"
                )
            }
            Some(_) => text!(
                "`keywords` is empty: the required keywords `creator`, `name_zh_CN`, `name_en`, `zh_CN`, `en` are missing",
                "`keywords` 为空：缺少必需的 keywords 项 `creator`、`name_zh_CN`、`name_en`、`zh_CN`、`en`"
            ),
            None => text!(
                "Chart.yaml has no `keywords`: the required keywords `creator`, `name_zh_CN`, `name_en`, `zh_CN`, `en` are missing",
                "Chart.yaml 中没有 `keywords`：缺少必需的 keywords 项 `creator`、`name_zh_CN`、`name_en`、`zh_CN`、`en`"
            ),
        };
        out.report(path, Some(range), message).help(text!(
            "write `keywords:` in Chart.yaml as a list of the items {example}",
            "在 Chart.yaml 中将 `keywords:` 写成列表，包含以下各项：{example}"
        ));
        return;
    };
    if missing.len() == REQUIRED_KEYS.len() {
        // A list without any of them (a plain Helm chart's search tags): one finding.
        out.report(
            path,
            Some(entry.key.range),
            text!(
                "none of the required keywords `creator`, `name_zh_CN`, `name_en`, `zh_CN`, `en` is declared",
                "未声明任何必需的 keywords 项：`creator`、`name_zh_CN`、`name_en`、`zh_CN`、`en`"
            ),
        )
        .help(text!(
            "add to `keywords` the items {example}",
            "在 `keywords` 中添加以下各项：{example}"
        ));
        return;
    }
    for key in missing {
        let d = out.report(
            path,
            Some(entry.key.range),
            text!(
                "required keyword `{key}` is missing",
                "缺少必需的 keywords 项 `{key}`"
            ),
        );
        // A near miss (`Creator:x`, `name_cn:x`) is most likely the intended key.
        let near = items.iter().find(|k| {
            k.has_key()
                && !KNOWN_KEYS.contains(&k.key.as_str())
                && nearest(&k.key, &[key]).is_some()
        });
        let value = example_value(key);
        match near {
            Some(k) => {
                let line = k.range.start.line;
                let written = &k.written;
                d.help(text!(
                    "line {line} has `{written}`: did you mean `{key}`? ECP compares keys exactly",
                    "第 {line} 行为 `{written}`：是否应为 `{key}`？ECP 按原样比较键名"
                ))
            }
            None => d.help(text!(
                "add `- {key}:{value}` under `keywords`",
                "在 `keywords` 下添加 `- {key}:{value}`"
            )),
        };
    }
}

fn example_value(key: &str) -> &'static str {
    match key {
        "creator" => "ems_service_chart",
        "name_zh_CN" => "<中文名称>",
        "name_en" => "<English name>",
        "zh_CN" => "<中文描述>",
        _ => "<English description>",
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
    fn one_finding_per_missing_key_at_keywords() {
        let d = tester().findings(with_keywords(
            "- creator:ems_service_chart\n- zh_CN:x\n- en:y",
        ));
        assert_eq!(starts(&d), vec![(4, 1), (4, 1)]);
        assert!(d[0].message.en.contains("`name_zh_CN`"));
        assert!(d[1].message.en.contains("`name_en`"));
        assert!(help(&d[0]).contains("- name_zh_CN:"));
    }

    #[test]
    fn absent_keywords_one_finding_at_name() {
        let d = tester().findings("apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\n");
        assert_eq!(starts(&d), vec![(2, 1)]);
        assert!(d[0].message.en.contains("no `keywords`"));
    }

    #[test]
    fn absent_keywords_and_name_at_line_1() {
        assert_eq!(
            starts(&tester().findings("apiVersion: v1\nversion: 1.0.0\n")),
            vec![(1, 1)]
        );
    }

    #[test]
    fn empty_or_not_a_list() {
        let base = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\n";
        let d = tester().findings(format!("{base}keywords:\n"));
        assert_eq!(starts(&d), vec![(4, 1)]);
        assert!(d[0].message.en.contains("empty"));
        let d = tester().findings(format!("{base}keywords: []\n"));
        assert_eq!(starts(&d), vec![(4, 1)]);
        let d = tester().findings(format!("{base}keywords: creator:ems_service_chart\n"));
        assert_eq!(starts(&d), vec![(4, 1)]);
        assert!(d[0].message.en.contains("not a list"));
    }

    #[test]
    fn only_free_words_one_finding() {
        let d = tester().findings(with_keywords("- monitoring\n- prometheus"));
        assert_eq!(starts(&d), vec![(4, 1)]);
        assert!(d[0].message.en.contains("none of the required"));
    }

    #[test]
    fn near_miss_named_in_the_help() {
        let d = tester().one(with_keywords(
            &GOOD_KEYWORDS.replace("creator:", "Creator:"),
        ));
        assert!(
            help(&d).contains("line 5 has `Creator:ems_service_chart`"),
            "{:?}",
            d.help
        );
    }

    #[test]
    fn spaced_items_count_as_declared() {
        let kw = GOOD_KEYWORDS
            .replace("creator:", "creator: ")
            .replace("name_en:", "name_en :");
        tester().pass([with_keywords(&kw)]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                with_keywords(GOOD_KEYWORDS),
                with_keywords(&format!("- foundation\n{GOOD_KEYWORDS}- catalog:Storage")),
            ])
            .test_and_snapshot();
    }
}
