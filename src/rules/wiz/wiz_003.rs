use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::pol::{nav_items, navigation, near_url};
use crate::rules::wiz::{entries, roles};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks each `proId` of `templates/_wizard.yaml` (`nav.<role>.<key>.proId`) against the
    /// navigation items of `templates/_navigation.yaml` (`nav`, `top_nav` and any `sub_nav`; an
    /// item's `proId`, or its key when it has none). A `proId` that names no item is reported at
    /// its value, with the nearest item when one is close.
    ///
    /// Only when `_navigation.yaml` parsed; its absence is LAYOUT-006.
    ///
    /// ## Why
    /// §1.1.6.7 (云产品使用向导): `proId` is "云产品的上导航id" — the wizard is attached to the
    /// navigation item with that ID and shown when the user first opens it. A `proId` that
    /// matches no item is never shown. The guide's example uses `mycloud_product_overview` and
    /// `mycloud_product_apps`, which must then exist in the navigation.
    ///
    /// ## 中文
    /// `_wizard.yaml` 中的 `proId` 必须对应 `_navigation.yaml` 中某个导航条目（`nav`、`top_nav`、
    /// `sub_nav`）的 `proId`，否则该向导永远不会显示（警告）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_wizard.yaml
    /// nav:
    ///   member:
    ///     mycloud_product_apps:
    ///       order: 1
    ///       proId: mycloud_product_apps
    ///       title:
    ///         en: Applications
    ///         zh-cn: 云主机应用
    ///       wizard: []
    /// ```
    /// ```yaml,pass,file=templates/_wizard.yaml
    /// nav:
    ///   member:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title:
    ///         en: Overview
    ///         zh-cn: 概览
    ///       wizard: []
    /// ```
    RULE = "WIZ-003", Wiz, Warning, "§1.1.6.7",
    "Wizard proId matches no navigation item", "使用向导的 proId 没有对应的导航", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let (Some(nav), Some((file, roles))) = (navigation(chart), roles(chart)) else {
        return;
    };
    let ids: Vec<String> = nav_items(nav).iter().map(|i| i.pro_id()).collect();
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    for w in entries(roles) {
        let Some(node) = w.entry.value.get("proId") else {
            continue;
        };
        let Some(id) = node.as_str() else {
            continue;
        };
        if known.contains(&id) {
            continue;
        }
        let role = w.role.key.key_string();
        let d = out.report(
            &file.path,
            Some(node.range),
            text!(
                "`proId: {id}` (wizard of `{role}`) matches no navigation item: the wizard is never shown",
                "`proId: {id}`（`{role}` 的向导）没有对应的导航条目：该向导不会显示"
            ),
        );
        match near_url(id, &known) {
            Some(near) => d.help(text!("did you mean `{near}`?", "是否应为 `{near}`？")),
            None if known.is_empty() => d.help(text!(
                "`_navigation.yaml` has no item; add one with `proId: {id}`",
                "`_navigation.yaml` 中没有导航条目；请添加 `proId: {id}` 的条目"
            )),
            None => {
                let list = known.join("`, `");
                d.help(text!(
                    "use the `proId` of a navigation item: `{list}`",
                    "请使用导航条目的 `proId`：`{list}`"
                ))
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{NAVIGATION, WIZARD};
    use crate::rules::tester::{help, starts, starts_and_severity, Case, Tester};

    const NAV: &str = "\
category: mycloud-product
nav:
  overview:
    proId: overview
    url: /mycloud-product/overview
    sub_nav:
      detail:
        url: /mycloud-product/detail
top_nav:
  home:
    proId: home_page
    url: /mycloud-product/home
";

    /// Cases are wizards of the navigation `NAV`.
    fn tester() -> Tester {
        Tester::new(&super::RULE).with(NAVIGATION, NAV).file(WIZARD)
    }

    #[test]
    fn unknown_id_at_its_value() {
        let f = tester().findings("nav:\n  member:\n    a:\n      order: 1\n      proId: overveiw\n    b:\n      proId: apps\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(starts_and_severity(&f)[0], (5, 14, "warning"));
        assert!(
            help(&f[0]).contains("did you mean `overview`"),
            "{}",
            help(&f[0])
        );
        assert_eq!(starts(&f)[1], (7, 14));
        assert!(
            help(&f[1]).contains("`overview`, `detail`, `home_page`"),
            "{}",
            help(&f[1])
        );
    }

    #[test]
    fn without_navigation_or_with_bad_types_nothing() {
        tester()
            .pass([
                Case::from("nav:\n  member:\n    a: {proId: x}\n").without(NAVIGATION),
                "nav:\n  member:\n    a: {proId: 3}\n".into(),
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // IDs of every level.
            .pass([Case::from("nav:\n  member:\n    a: {proId: overview}\n    b: {proId: detail}\n  admin:\n    c: {proId: home_page}\n")])
            .test_and_snapshot();
    }
}
