use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::{chart_yaml, type_name_zh};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `Chart.yaml` whose `name` is missing, empty, not a string, or not lowercase
    /// letters and digits in words joined by single hyphens (`^[a-z0-9]+(-[a-z0-9]+)*$`). The
    /// finding points at the `name` value (at line 1 when `name` is missing) and suggests a
    /// fixed name: lowercased, with `_`, `.` and spaces turned into `-`.
    ///
    /// ## Why
    /// §1.1.6.2: the chart name is the cloud product ID and must equal the chart package name;
    /// it "must be lowercase letters and digits, words may be separated by `-`; no capitals, no
    /// underscores, and no `.` either". The ID also becomes the release name and, by default,
    /// the namespace (§1.1.6.3), which Kubernetes only accepts as a DNS-1123 label.
    ///
    /// The guide allows `-` between words; we read that as the catalog does: a name may not
    /// start or end with `-` nor hold `--` (an empty word). `helm lint` alone would accept
    /// those (`^[a-z0-9-]+$`), but a namespace may not start or end with `-`. A `name` that
    /// YAML reads as a number or boolean (`name: 123`) is reported too: quote it.
    ///
    /// When Chart.yaml has a YAML syntax error (HELM-001), the part before the error is still
    /// checked: a `name` written there is judged as above, and a missing `name` is not
    /// reported (it may stand after the error). A repeated `name` is judged by its last value,
    /// the one Helm 3 keeps.
    ///
    /// ## 中文
    /// `Chart.yaml` 的 `name`（云产品标识）缺失、为空、不是字符串，或不符合“小写字母和数字，
    /// 单词之间用单个 `-` 连接”（`^[a-z0-9]+(-[a-z0-9]+)*$`）：不能有大写字母、下划线或点。
    /// 结果指向 `name` 的值，并给出修正后的名称。
    /// Chart.yaml 有 YAML 语法错误（HELM-001）时，仍检查错误之前的部分：其中的 `name` 照常检查，
    /// 但不报告缺失（它可能在错误之后）。重复的 `name` 以最后一个为准（与 Helm 3 一致）。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: MyCloud_Product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
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
    RULE = "CHART-001", Chart, Error, "§1.1.6.2",
    "Chart name is not a valid product ID", "chart 名称不是合法的云产品标识", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    let Some(entry) = cy.entry("name") else {
        if cy.partial {
            return;
        }
        let dir = &chart.dir_name;
        let d = out.report(
            path,
            Some(cy.top()),
            text!(
                "Chart.yaml has no `name` (the cloud product ID)",
                "Chart.yaml 中没有 `name`（云产品标识）"
            ),
        );
        match suggest(dir).filter(|s| !s.is_empty()) {
            Some(name) => d.help(text!(
                "add `name: {name}` (the chart folder's name)",
                "添加 `name: {name}`（与 chart 目录名一致）"
            )),
            None => d.help(text!(
                "add `name: <product-id>`: lowercase letters and digits, words joined by `-`",
                "添加 `name: <云产品标识>`：小写字母和数字，单词之间用 `-` 连接"
            )),
        };
        return;
    };
    let value = &entry.value;
    let range = if value.is_null() {
        entry.key.range
    } else {
        value.range
    };
    let Some(name) = value.as_str() else {
        if value.is_null() {
            out.report(path, Some(range), text!("`name` is empty", "`name` 为空")).help(text!(
                "set `name` to the cloud product ID: lowercase letters and digits, words joined by `-`",
                "将 `name` 设为云产品标识：小写字母和数字，单词之间用 `-` 连接"
            ));
            return;
        }
        let kind = value.type_name();
        let kind_zh = type_name_zh(value);
        let shown = value
            .as_scalar()
            .map_or_else(|| kind.to_string(), |s| s.text.clone());
        out.report(
            path,
            Some(range),
            text!(
                "`name` is a {kind} (`{shown}`), not a string",
                "`name` 是{kind_zh}（`{shown}`），不是字符串"
            ),
        )
        .help(text!(
            "write the product ID as a string: lowercase letters and digits, words joined by `-`",
            "将云产品标识写成字符串：小写字母和数字，单词之间用 `-` 连接"
        ));
        return;
    };
    if is_valid_name(name) {
        return;
    }
    let d = if name.is_empty() {
        out.report(path, Some(range), text!("`name` is empty", "`name` 为空"))
    } else {
        out.report(
            path,
            Some(range),
            text!(
                "chart name `{name}` is not a valid product ID: use lowercase letters and digits, words joined by single `-` (no capitals, `_` or `.`)",
                "chart 名称 `{name}` 不是合法的云产品标识：只能用小写字母和数字，单词之间用单个 `-` 连接（不能有大写字母、`_` 或 `.`）"
            ),
        )
    };
    match suggest(name).filter(|s| !s.is_empty()) {
        Some(fixed) => d.help(text!(
            "rename to `{fixed}` (and the chart folder with it)",
            "改名为 `{fixed}`（chart 目录名也一并修改）"
        )),
        None => d.help(text!(
            "use lowercase letters and digits, words joined by `-`, e.g. `mycloud-product`",
            "使用小写字母和数字，单词之间用 `-` 连接，例如 `mycloud-product`"
        )),
    };
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub(crate) fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A valid name close to `name`: lowercase; `_`, `.`, spaces → `-`; other characters dropped;
/// runs of `-` collapsed and trimmed. `None` when nothing is left.
pub(crate) fn suggest(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if matches!(c, '-' | '_' | '.' | ' ') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::CHART_YAML;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    fn chart(name_line: &str) -> String {
        format!("apiVersion: v1\n{name_line}\nversion: 1.0.0\n")
    }

    #[test]
    fn valid_names() {
        for n in ["mycloud-product", "a", "a1-b2-c3", "0ad"] {
            assert!(is_valid_name(n), "{n}");
        }
        for n in ["", "-a", "a-", "a--b", "A", "a_b", "a.b", "a b", "产品"] {
            assert!(!is_valid_name(n), "{n}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("MyCloud_Product").as_deref(),
            Some("mycloud-product")
        );
        assert_eq!(
            suggest("my.cloud..product-").as_deref(),
            Some("my-cloud-product")
        );
        assert_eq!(suggest("_x_").as_deref(), Some("x"));
        assert_eq!(suggest("产品"), None);
    }

    #[test]
    fn capitals_and_underscores_at_the_value() {
        let d = tester().findings(chart("name: MyCloud_Product"));
        assert_eq!(starts(&d), vec![(2, 7)]);
        assert!(d[0].message.en.contains("`MyCloud_Product`"));
        assert!(help(&d[0]).contains("`mycloud-product`"));
    }

    #[test]
    fn dots_and_double_hyphens() {
        for name in [
            "name: my.product",
            "name: my--product",
            "name: \"-product\"",
        ] {
            assert_eq!(starts(&tester().findings(chart(name))), vec![(2, 7)]);
        }
    }

    #[test]
    fn missing_empty_and_not_a_string() {
        let d = tester().findings("apiVersion: v1\nversion: 1.0.0\n");
        assert_eq!(starts(&d), vec![(1, 1)]);
        assert!(help(&d[0]).contains("`name: mycloud-product`"));
        assert_eq!(starts(&tester().findings(chart("name:"))), vec![(2, 1)]);
        assert_eq!(
            starts(&tester().findings(chart("name: \"\""))),
            vec![(2, 7)]
        );
        let d = tester().findings(chart("name: 123"));
        assert_eq!(starts(&d), vec![(2, 7)]);
        assert!(d[0].message.en.contains("integer"));
    }

    #[test]
    fn empty_file_reports_missing_name() {
        assert_eq!(starts(&tester().findings("")), vec![(1, 1)]);
    }

    #[test]
    fn skipped_when_chart_yaml_does_not_parse() {
        tester().pass(["name: [Bad_Name\n"]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                chart("name: mycloud-product"),
                chart("name: \"mycloud-product\""),
            ])
            .test_and_snapshot();
    }
}
