use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::nav::items::{self, Level};
use crate::rules::Findings;
use crate::text;
use crate::yaml::Node;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports two navigation items of one level that share an `order`, a `url` or a `proId`. A
    /// level is `nav`, `top_nav`, or the `sub_nav` of one item. The finding is at the later
    /// item's value and names the earlier item.
    ///
    /// ## Why
    /// §1.1.6.7: `order` is the items' 导航顺序 — two items with one `order` are shown in an
    /// order nobody chose. A `url` is what the navigation policy grants (`_navigation_policy.yaml`
    /// is keyed by URL), so two items with one URL cannot be granted to different roles and one
    /// of them is usually a copy left unedited. A `proId` identifies the item for the wizard.
    ///
    /// ## 中文
    /// 同一层级（`nav`、`top_nav` 或某一项的 `sub_nav`）中两个导航项的 `order`、`url` 或 `proId`
    /// 相同：顺序不确定、访问策略无法区分，多为复制后未修改。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation.yaml
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
    ///   instances:
    ///     proId: instances
    ///     name:
    ///       zh-cn: 实例
    ///       en: Instances
    ///     url: /mycloud-product/overview
    ///     icon: instances
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
    RULE = "NAV-005", Nav, Warning, "§1.1.6.7",
    "Two navigation items share an order, url or proId", "同级导航项的 order、url 或 proId 重复",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    for group in items::groups(root) {
        let level = match (group.level, group.parent) {
            (Level::SubNav, Some(p)) => format!("{}.sub_nav", p.key.key_string()),
            (l, _) => l.key().to_string(),
        };
        for field in ["order", "url", "proId"] {
            // value → (first item's key, its line)
            let mut seen: HashMap<String, (String, usize)> = HashMap::new();
            for item in &group.items {
                let Some(node) = item.get(field) else {
                    continue;
                };
                let Some(value) = scalar_text(node) else {
                    continue;
                };
                let key = item.key();
                if let Some((first, line)) = seen.get(&value) {
                    out.report(
                        &file.path,
                        Some(node.range),
                        text!(
                            "`{field}: {value}` of `{key}` repeats the one of `{first}` (line {line}) in `{level}`",
                            "`{key}` 的 `{field}: {value}` 与 `{level}` 中 `{first}`（第 {line} 行）的相同"
                        ),
                    )
                    .help(match field {
                        "order" => text!(
                            "give each item of `{level}` its own `order`",
                            "请为 `{level}` 中每个导航项设置不同的 `order`"
                        ),
                        "url" => text!(
                            "each item opens its own page: give `{key}` its own `url` (and a policy entry for it), or remove the copy",
                            "每个导航项对应自己的页面：请为 `{key}` 设置不同的 `url`（并添加访问策略），或删除重复项"
                        ),
                        _ => text!(
                            "`proId` names the item: use the item's key, `proId: {key}`",
                            "`proId` 是导航项的标识：请使用其键名 `proId: {key}`"
                        ),
                    });
                } else {
                    seen.insert(value, (key, node.range.start.line));
                }
            }
        }
    }
}

/// The text of a scalar as compared (an integer `order` by value).
fn scalar_text(node: &Node) -> Option<String> {
    let s = node.as_scalar()?;
    if node.is_null() {
        return None;
    }
    Some(s.value.canonical(&s.text))
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION;
    use crate::rules::tester::{starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    #[test]
    fn duplicates_per_level() {
        let d = tester().findings("category: c\nname: {en: A, zh-cn: 甲}\nnav:\n  a: {proId: a, url: /a, order: 1}\n  b: {proId: a, url: /b, order: 01}\n  c:\n    proId: c\n    url: /a\n    order: 3\n    sub_nav:\n      d: {proId: d, url: /a, order: 1}\n      e: {proId: e, url: /e, order: 1}\ntop_nav:\n  a: {proId: a, url: /a, order: 1}\n");
        // b: order 01 == 1 and proId a; c: url /a; e: order 1 in c.sub_nav. top_nav is its own level.
        assert_eq!(
            starts(&d),
            vec![(5, 14), (5, 33), (8, 10), (12, 37)],
            "{d:?}"
        );
        assert!(d[3].message.en.contains("`c.sub_nav`"));
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
