use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::nav::items;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Reports a navigation category that is not known: the top-level `category` of
    /// `templates/_navigation.yaml` (the product's default category) and the `category` of any
    /// item (in `nav`, `top_nav` or a `sub_nav`) must be either
    /// - defined in the chart's `templates/_category.yaml` (an entry key, or its `id`), or in
    ///   that of another chart of the same input (a project with several charts), or
    /// - a category that exists on the platform: the built-in list `PLATFORM_CATEGORIES`
    ///   (`security`, `network` — the ones the guide names) plus any the caller lists as
    ///   existing on the user's platform (`Options::known_categories`: the CLI's `--categories`,
    ///   the page's setting).
    ///
    /// The finding is at the `category` value, with the nearest known name as "did you mean".
    /// When `_category.yaml` does not parse, the rule says nothing (HELM-001 reports the file).
    ///
    /// ## Why
    /// §1.1.6.7 (云产品自定义导航分类): "云产品的导航需要属于一个导航的分类，如果导航需要加入到一个已有的
    /// 分类中…直接在云产品导航文件中声明已有的分类名。如果新增自定义导航的分类，则需要先在
    /// `templates/_category.yaml` 进行定义". A category that is neither leaves the item with no place
    /// in the left navigation. The platform's own categories are not listed in the guide; its
    /// navigation example uses `security` (身份与访问管理) and `network` (网络), so those two are
    /// built in. Other platform categories can't be known from the chart, hence a warning.
    ///
    /// ## 中文
    /// `_navigation.yaml` 的 `category`（默认分类）及导航项的 `category` 既未在 `_category.yaml` 中定义，
    /// 也不是平台已有分类（内置：指南示例中的 `security`、`network`）。导航项因此无处显示（§1.1.6.7）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation.yaml
    /// category: mycloud-produtc
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
    ///     category: network
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
    RULE = "NAV-007", Nav, Warning, "§1.1.6.7",
    "Unknown navigation category", "未知的导航分类", Chart(check)
}

/// Navigation categories that exist on the platform without a `_category.yaml`: the ones the
/// guide's navigation example joins (§1.1.6.7: `security` 身份与访问管理, `network` 网络).
/// Categories a user knows to exist on their platform extend this list through
/// `Options::known_categories` (`Chart::known_categories`).
pub const PLATFORM_CATEGORIES: &[&str] = &["security", "network"];

/// The categories `_category.yaml` defines (entry keys and string `id`s); `None` when the file
/// exists but does not parse or is not a map (nothing can be said then).
pub fn defined_categories(chart: &Chart) -> Option<Vec<String>> {
    let Some(file) = &chart.category else {
        return if chart.file(crate::chart::CATEGORY).is_some() {
            None
        } else {
            Some(Vec::new())
        };
    };
    if file.yaml.syntax_error().is_some() {
        return None;
    }
    let root = match file.root() {
        None => return Some(Vec::new()),
        Some(r) if r.is_null() => return Some(Vec::new()),
        Some(r) => r,
    };
    let entries = root.as_map()?;
    let mut out = Vec::new();
    for e in entries {
        out.push(e.key.key_string());
        if let Some(id) = e.value.get("id").and_then(Node::as_str) {
            out.push(id.to_string());
        }
    }
    Some(out)
}

/// Categories defined by the `templates/_category.yaml` of the other charts of the same input
/// (a project or a folder holding several charts, installed together).
fn other_charts_categories(chart: &Chart) -> Vec<String> {
    let own = chart.path(crate::chart::CATEGORY);
    let mut out = Vec::new();
    for f in &chart.input.files {
        if f.path == own || !f.path.ends_with(crate::chart::CATEGORY) {
            continue;
        }
        let prefix = &f.path[..f.path.len() - crate::chart::CATEGORY.len()];
        if !(prefix.is_empty() || prefix.ends_with('/')) || prefix.contains("/charts/") {
            continue;
        }
        let Some(text) = crate::chart::decode(f) else {
            continue;
        };
        let yaml = crate::yaml::parse(text, crate::yaml::YamlLimits::default());
        if let Some(entries) = yaml.root().and_then(Node::as_map) {
            out.extend(entries.iter().map(|e| e.key.key_string()));
        }
    }
    out
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    let Some(defined) = defined_categories(chart) else {
        return;
    };
    let others = other_charts_categories(chart);
    let mut known: Vec<&str> = defined.iter().map(String::as_str).collect();
    known.extend(others.iter().map(String::as_str));
    known.extend_from_slice(PLATFORM_CATEGORIES);
    known.extend(chart.known_categories.iter().map(String::as_str));
    let mut nodes: Vec<(String, &Node)> = Vec::new();
    if let Some(c) = root.get("category") {
        nodes.push(("category".to_string(), c));
    }
    for item in items::items(root) {
        if let Some(c) = item.get("category") {
            nodes.push((format!("{}.category", item.path()), c));
        }
    }
    for (where_, node) in nodes {
        let Some(name) = node.as_str() else {
            continue;
        };
        if name.trim().is_empty() || known.contains(&name) {
            continue;
        }
        let d = out.report(
            &file.path,
            Some(node.range),
            text!(
                "category `{name}` (`{where_}`) is not defined in `_category.yaml` nor a known platform category",
                "分类 `{name}`（`{where_}`）既未在 `_category.yaml` 中定义，也不是已知的平台分类"
            ),
        );
        match nearest(name, &known) {
            Some(near) => d.help(text!("did you mean `{near}`?", "是否应为 `{near}`？")),
            None => d.help(text!(
                "define `{name}` in `templates/_category.yaml` (id, icon, name, navigations, dynamicNumber), or use a category that exists on the platform",
                "请在 `templates/_category.yaml` 中定义 `{name}`（id、icon、name、navigations、dynamicNumber），或使用平台已有的分类"
            )),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{CATEGORY, NAVIGATION};
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    const NAV: &str = "category: mycloud-product\nname: {en: A, zh-cn: 甲}\nnav:\n  a: {proId: a, category: security}\n  b: {proId: b, category: netwrok}\n  c: {proId: c, category: storage-x}\n";

    #[test]
    fn unknown_categories_at_their_value() {
        let d = tester().findings(NAV);
        assert_eq!(starts(&d), vec![(5, 27), (6, 27)], "{d:?}");
        assert!(help(&d[0]).contains("`network`"));
    }

    #[test]
    fn without_category_file_the_default_is_unknown() {
        let d = tester().findings(Case::from(NAV).without(CATEGORY));
        assert_eq!(starts(&d), vec![(1, 11), (5, 27), (6, 27)], "{d:?}");
    }

    #[test]
    fn user_categories_are_known() {
        let options = crate::Options {
            known_categories: vec!["storage-x".to_string()],
            ..Default::default()
        };
        let d = tester().options(options).findings(NAV);
        assert_eq!(starts(&d), vec![(5, 27)], "{d:?}");
        // Without the option, both are unknown.
        assert_eq!(tester().findings(NAV).len(), 2);
    }

    #[test]
    fn another_chart_of_the_input_defines_it() {
        let d: Vec<_> = tester()
            .findings(Case::from(NAV).with(
                "../other/templates/_category.yaml",
                "netwrok:\n  id: netwrok\n",
            ))
            .into_iter()
            .filter(|d| d.chart.as_deref() == Some("mycloud-product"))
            .collect();
        assert_eq!(starts(&d), vec![(6, 27)], "{d:?}");
    }

    #[test]
    fn id_counts_as_defined() {
        let d = tester().findings(Case::from(NAV).with(
            CATEGORY,
            "mycloud-product:\n  id: mycloud-product\nx:\n  id: storage-x\n  name: {en: n, zh-cn: n}\n",
        ));
        assert_eq!(starts(&d), vec![(5, 27)], "{d:?}");
    }

    #[test]
    fn broken_category_file_says_nothing() {
        tester()
            .pass([Case::from(NAV).with(CATEGORY, "a: [\n")])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
