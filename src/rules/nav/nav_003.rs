use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::nav::items;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a navigation item (in `nav`, `top_nav` or a `sub_nav`) whose `proId` is a string
    /// that differs from the item's key, at the `proId` value.
    ///
    /// ## Why
    /// §1.1.6.7: every item of the guide's example repeats its key as `proId` (`role:` →
    /// `proId: role`), and `_wizard.yaml` finds an item by `proId` (云产品的上导航id) while the
    /// navigation policy and the console key items by their map key. Two names for one item is
    /// very likely a copy-paste slip (an item copied and renamed without its `proId`), and a
    /// wizard written against the key finds nothing. A missing or non-string `proId` is NAV-002's.
    ///
    /// ## 中文
    /// 导航项的 `proId` 与其键名不一致（指南示例中二者总是相同；`_wizard.yaml` 按 `proId` 查找导航项）。
    /// 多为复制导航项后只改了键名。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation.yaml
    /// category: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: dashboard
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
    RULE = "NAV-003", Nav, Warning, "§1.1.6.7",
    "proId differs from the item's key", "proId 与导航项键名不一致", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    for item in items::items(root) {
        let Some(node) = item.get("proId") else {
            continue;
        };
        let Some(pro_id) = node.as_str() else {
            continue;
        };
        let key = item.key();
        if pro_id == key {
            continue;
        }
        let where_ = item.path();
        out.report(
            &file.path,
            Some(node.range),
            text!(
                "`proId: {pro_id}` differs from the item's key `{key}` (`{where_}`)",
                "`proId: {pro_id}` 与导航项键名 `{key}` 不一致（`{where_}`）"
            ),
        )
        .help(text!(
            "use one name for both: `proId: {key}`, or rename the key to `{pro_id}`",
            "键名与 `proId` 请使用同一名称：`proId: {key}`，或将键名改为 `{pro_id}`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION;
    use crate::rules::tester::{starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    #[test]
    fn differing_pro_ids_at_their_value() {
        let d = tester().findings("category: c\nname: {en: A, zh-cn: 甲}\nnav:\n  a:\n    proId: a\n    sub_nav:\n      b:\n        proId: bee\ntop_nav:\n  t: {proId: T}\n  u: {proId: 5}\n");
        assert_eq!(starts(&d), vec![(8, 16), (10, 14)], "{d:?}");
        assert!(d[0].message.en.contains("`a.sub_nav.b`"));
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
