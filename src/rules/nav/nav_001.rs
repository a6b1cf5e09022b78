use crate::chart::{Chart, NAVIGATION};
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::Problem;

declare_rule! {
    /// ## What it does
    /// Reports a `templates/_navigation.yaml` that the console cannot read as a product
    /// navigation: not UTF-8 text, a YAML syntax error (at the place the parser stopped), an
    /// empty file or a top level that is not a map, or a top level without one of its three keys:
    /// - `category`: the default navigation category (a non-empty string);
    /// - `name`: the product's name, a map with `en` and `zh-cn`;
    /// - `nav`: the left navigation, a map from item key to item.
    ///
    /// A missing key is reported at the first top-level key, with a "did you mean" when a key is
    /// a near miss (`catagory:`, `Nav:`). A `name` map that lacks `en` or `zh-cn` is I18N-001's
    /// finding (one rule for every bilingual map), not this one's.
    ///
    /// ## Why
    /// §1.1.6.7 (云产品导航): the file defines `category` (默认导航分类), `name` (云产品中英文翻译)
    /// and `nav` (左导航); `sub_nav`, `top_nav` and an item's own `category` are the optional
    /// parts. A product whose navigation the console cannot read has no entry in the console. A
    /// syntax error is also HELM-001's finding; this rule says what it costs here, and the other
    /// NAV rules skip a file that does not parse.
    ///
    /// ## 中文
    /// `templates/_navigation.yaml` 无法作为云产品导航读取：不是 UTF-8 文本、YAML 语法错误、文件为空、
    /// 顶层不是映射，或缺少 `category`（默认导航分类）、`name`（中英文名称映射）、`nav`（左导航映射）
    /// 之一（§1.1.6.7）。`name` 中缺少 `en`/`zh-cn` 由 I18N-001 报告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation.yaml
    /// catagory: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: overview
    ///     name:
    ///       zh-cn: 概览
    ///       en: Overview
    ///     url: /mycloud-product/overview
    ///     icon: overview
    ///     baseURI: /mycloud-product/
    ///     order: 1
    ///     available: true
    ///     wizard: false
    /// ```
    /// ```yaml,pass,file=templates/_navigation.yaml
    /// category: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: overview
    ///     name:
    ///       zh-cn: 概览
    ///       en: Overview
    ///     url: /mycloud-product/overview
    ///     icon: overview
    ///     baseURI: /mycloud-product/
    ///     order: 1
    ///     available: true
    ///     wizard: false
    /// ```
    RULE = "NAV-001", Nav, Error, "§1.1.6.7",
    "_navigation.yaml unreadable or incomplete", "_navigation.yaml 无法读取或不完整",
    Chart(check)
}

const KEYS: &[&str] = &["category", "name", "nav"];

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.file(NAVIGATION) else {
        return;
    };
    let Some(nav) = &chart.navigation else {
        out.report(
            &file.path,
            None,
            text!(
                "`{NAVIGATION}` is not UTF-8 text",
                "`{NAVIGATION}` 不是 UTF-8 文本"
            ),
        )
        .help(text!("save the file as UTF-8", "请以 UTF-8 编码保存该文件"));
        return;
    };
    if let Some(Problem::Syntax { range, message }) = nav.yaml.syntax_error() {
        out.report(
            &nav.path,
            Some(*range),
            text!(
                "`{NAVIGATION}` does not parse ({message}): the product has no navigation in the console",
                "`{NAVIGATION}` 无法解析（{message}）：云产品在控制台中没有导航"
            ),
        )
        .help(text!(
            "fix the YAML syntax near this place",
            "请修正此处附近的 YAML 语法"
        ));
        return;
    }
    let root = match nav.root() {
        Some(root) if !root.is_null() => root,
        _ => {
            out.report(
                &nav.path,
                None,
                text!(
                    "`{NAVIGATION}` is empty: it has no `category`, `name` or `nav`",
                    "`{NAVIGATION}` 为空：没有 `category`、`name` 和 `nav`"
                ),
            )
            .help(example_help());
            return;
        }
    };
    let Some(entries) = root.as_map() else {
        let kind = a_type(root);
        let kind_zh = zh_type(root);
        out.report(
            &nav.path,
            Some(root.range),
            text!(
                "the top level of `{NAVIGATION}` is {kind}, not a map with `category`, `name` and `nav`",
                "`{NAVIGATION}` 的顶层是 {kind_zh}，而不是包含 `category`、`name`、`nav` 的映射"
            ),
        )
        .help(example_help());
        return;
    };
    let first = entries.first().map(|e| e.key.range);
    for key in KEYS {
        if root.entry(key).is_some() {
            continue;
        }
        let look_alike = entries.iter().find(|e| {
            let k = e.key.key_string();
            !KEYS.contains(&k.as_str()) && nearest(&k, &[key]).is_some()
        });
        let range = look_alike.map(|e| e.key.range).or(first);
        let d = out.report(
            &nav.path,
            range,
            text!(
                "`{NAVIGATION}` has no `{key}`",
                "`{NAVIGATION}` 中没有 `{key}`"
            ),
        );
        match look_alike {
            Some(e) => {
                let found = e.key.key_string();
                d.help(text!(
                    "did you mean `{key}`? (`{found}` is not a navigation key)",
                    "是否应为 `{key}`？（`{found}` 不是导航文件的键）"
                ))
            }
            None => d.help(key_help(key)),
        };
    }
    if let Some(e) = root.entry("category") {
        if e.value.as_str().is_none_or(|s| s.trim().is_empty()) {
            let kind = a_type(&e.value);
            let kind_zh = zh_type(&e.value);
            let range = if e.value.is_null() {
                e.key.range
            } else {
                e.value.range
            };
            out.report(
                &nav.path,
                Some(range),
                text!(
                    "`category` is {kind}, not the name of a navigation category",
                    "`category` 是 {kind_zh}，而不是导航分类名"
                ),
            )
            .help(key_help("category"));
        }
    }
    for key in ["name", "nav"] {
        let Some(e) = root.entry(key) else {
            continue;
        };
        if e.value.as_map().is_some() {
            continue;
        }
        let kind = a_type(&e.value);
        let kind_zh = zh_type(&e.value);
        let range = if e.value.is_null() {
            e.key.range
        } else {
            e.value.range
        };
        out.report(
            &nav.path,
            Some(range),
            text!(
                "`{key}` is {kind}, not a map",
                "`{key}` 是 {kind_zh}，而不是映射"
            ),
        )
        .help(key_help(key));
    }
}

fn key_help(key: &str) -> crate::diagnostic::Text {
    match key {
        "category" => text!(
            "`category` names the default navigation category: one defined in `_category.yaml` or existing on the platform (`category: mycloud-product`)",
            "`category` 是默认导航分类名：在 `_category.yaml` 中定义或平台已有的分类（`category: mycloud-product`）"
        ),
        "name" => text!(
            "`name` is the product's name in both languages: `name:` with `en:` and `zh-cn:` under it",
            "`name` 是云产品的中英文名称：`name:` 下写 `en:` 和 `zh-cn:`"
        ),
        _ => text!(
            "`nav` is the left navigation: a map from item key to item (`proId`, `name`, `url`, `icon`, `baseURI`, `order`, `available`, `wizard`)",
            "`nav` 是左导航：由导航项键到导航项（`proId`、`name`、`url`、`icon`、`baseURI`、`order`、`available`、`wizard`）的映射"
        ),
    }
}

fn example_help() -> crate::diagnostic::Text {
    text!(
        "write `category:`, `name:` (with `en`, `zh-cn`) and `nav:` (the items) at the top level (§1.1.6.7)",
        "在顶层写出 `category:`、`name:`（含 `en`、`zh-cn`）和 `nav:`（导航项）（§1.1.6.7）"
    )
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION;
    use crate::rules::tester::{help, starts, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    #[test]
    fn syntax_error_and_empty() {
        let d = tester().findings("category: a\nnav: [\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].range.unwrap().start.line, 3);
        let d = tester().one("# nothing\n");
        assert!(d.range.is_none());
        let d = tester().findings("- a\n- b\n");
        assert_eq!(starts(&d), vec![(1, 1)]);
    }

    #[test]
    fn missing_keys_at_first_key_or_look_alike() {
        let d = tester().findings("name: {en: A, zh-cn: 甲}\nNav: {}\n");
        assert_eq!(starts(&d), vec![(1, 1), (2, 1)], "{d:?}");
        assert!(d[0].message.en.contains("`category`"));
        assert!(help(&d[1]).contains("did you mean `nav`"));
    }

    #[test]
    fn wrong_types() {
        let d = tester().findings("category:\nname: My product\nnav:\n  - a\n");
        assert_eq!(starts(&d), vec![(1, 1), (2, 7), (4, 3)], "{d:?}");
    }

    #[test]
    fn not_utf8() {
        assert_eq!(tester().findings(&[0xff, 0xfe, b'a']).len(), 1);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([Case::default(), without(NAVIGATION)])
            .test_and_snapshot();
    }
}
