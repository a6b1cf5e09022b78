use crate::chart::{Chart, WIZARD};
use crate::declare_rule;
use crate::rules::nav::items;
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Entry, Node};

declare_rule! {
    /// ## What it does
    /// Matches the navigation items' `wizard` flags with `templates/_wizard.yaml`:
    /// - an item (in `nav`, `top_nav` or a `sub_nav`) with `wizard: true` whose `proId` (or key,
    ///   when it has no `proId`) no wizard entry names — reported at the `wizard: true` value;
    /// - the reverse: a wizard entry (`nav.<role>.<key>`) whose `proId` names navigation items
    ///   none of which has `wizard: true` — reported at the entry's `proId` in `_wizard.yaml`.
    ///
    /// A wizard `proId` that names no navigation item at all is WIZ-003's finding. When either
    /// file does not parse, the rule says nothing.
    ///
    /// ## Why
    /// §1.1.6.7: an item's `wizard` says "是否有向导数据" (whether it has wizard data), and
    /// `_wizard.yaml` gives that data per role, each entry naming its item by `proId`. A flag
    /// without data promises a wizard that never shows; data without the flag is a wizard the
    /// console does not offer.
    ///
    /// ## 中文
    /// 导航项 `wizard: true`，但 `_wizard.yaml` 中没有该 `proId` 的向导条目；或反之，`_wizard.yaml`
    /// 中的条目对应的导航项没有设置 `wizard: true`（§1.1.6.7）。
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
    ///     wizard: true
    /// ```
    /// The reverse: the wizard names `overview`, whose item says `wizard: false`:
    /// ```yaml,fail,file=templates/_wizard.yaml
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
    RULE = "NAV-008", Nav, Warning, "§1.1.6.7",
    "wizard flag and _wizard.yaml disagree", "wizard 标志与 _wizard.yaml 不一致", Chart(check)
}

/// The entries of `_wizard.yaml`: `nav.<role>.<key>` with the entry's `proId` node (if any).
/// `None` when the file exists but does not parse; an empty list when it is absent.
pub fn wizard_entries<'c>(chart: &'c Chart) -> Option<Vec<(&'c Entry, Option<&'c Node>)>> {
    let Some(file) = &chart.wizard else {
        return if chart.file(WIZARD).is_some() {
            None
        } else {
            Some(Vec::new())
        };
    };
    if file.yaml.syntax_error().is_some() {
        return None;
    }
    let mut out = Vec::new();
    let roles = file
        .root()
        .and_then(|r| r.get("nav"))
        .and_then(Node::as_map)
        .unwrap_or_default();
    for role in roles {
        for entry in role.value.as_map().unwrap_or_default() {
            out.push((entry, entry.value.get("proId")));
        }
    }
    Some(out)
}

/// The id a wizard entry names: its `proId` string, else its key.
fn entry_id(entry: &Entry, pro_id: Option<&Node>) -> String {
    match pro_id.and_then(Node::as_str) {
        Some(s) => s.to_string(),
        None => entry.key.key_string(),
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    let Some(entries) = wizard_entries(chart) else {
        return;
    };
    let has_file = chart.wizard.is_some();
    let ids: Vec<String> = entries.iter().map(|(e, p)| entry_id(e, *p)).collect();
    let all = items::items(root);
    let item_id = |i: &items::Item| i.pro_id().map(str::to_string).unwrap_or_else(|| i.key());
    for item in &all {
        if item.bool("wizard") != Some(true) {
            continue;
        }
        let id = item_id(item);
        if ids.contains(&id) {
            continue;
        }
        let where_ = item.path();
        let range = item.get("wizard").map(|n| n.range);
        let d = if has_file {
            out.report(
                &file.path,
                range,
                text!(
                    "`{where_}` says `wizard: true` but `{WIZARD}` has no entry with `proId: {id}`",
                    "`{where_}` 设置了 `wizard: true`，但 `{WIZARD}` 中没有 `proId: {id}` 的条目"
                ),
            )
        } else {
            out.report(
                &file.path,
                range,
                text!(
                    "`{where_}` says `wizard: true` but the chart has no `{WIZARD}`",
                    "`{where_}` 设置了 `wizard: true`，但 chart 中没有 `{WIZARD}`"
                ),
            )
        };
        d.help(text!(
            "add a wizard for `{id}` under `nav.<role>` in `{WIZARD}`, or set `wizard: false`",
            "请在 `{WIZARD}` 的 `nav.<角色>` 下为 `{id}` 添加向导，或设置 `wizard: false`"
        ));
    }
    let Some(wizard) = &chart.wizard else {
        return;
    };
    for ((entry, pro_id), id) in entries.iter().zip(&ids) {
        let matching: Vec<&items::Item> = all.iter().filter(|i| item_id(i) == *id).collect();
        if matching.is_empty() || matching.iter().any(|i| i.bool("wizard") == Some(true)) {
            continue;
        }
        let range = pro_id.map_or(entry.key.range, |n| n.range);
        let where_ = matching[0].path();
        out.report(
            &wizard.path,
            Some(range),
            text!(
                "the wizard for `{id}` is never offered: `{where_}` does not say `wizard: true`",
                "`{id}` 的向导不会显示：`{where_}` 没有设置 `wizard: true`"
            ),
        )
        .help(text!(
            "set `wizard: true` on `{where_}` in `_navigation.yaml`, or remove this entry",
            "请在 `_navigation.yaml` 中为 `{where_}` 设置 `wizard: true`，或删除此条目"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{NAVIGATION, WIZARD};
    use crate::rules::tester::{starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    const NAV: &str = "category: c\nname: {en: A, zh-cn: 甲}\nnav:\n  a: {proId: a, wizard: true}\n  b: {proId: b, wizard: false}\n  c: {wizard: true}\n";
    const WIZ: &str = "nav:\n  member:\n    a: {proId: a, order: 1}\n    b: {proId: b, order: 2}\n  admin:\n    c: {order: 1}\n    zz: {proId: zz}\n";

    #[test]
    fn flag_without_wizard_file() {
        let d = tester().findings(NAV);
        assert_eq!(starts(&d), vec![(4, 25), (6, 15)], "{d:?}");
        assert!(d[0].message.en.contains("has no `templates/_wizard.yaml`"));
    }

    #[test]
    fn both_directions() {
        let d = tester().findings(Case::from(NAV).with(WIZARD, WIZ));
        // a and c (by key) have wizards; b's wizard is never offered; zz is WIZ-003's.
        assert_eq!(starts(&d), vec![(4, 16)], "{d:?}");
        assert!(d[0].file.as_deref().unwrap().ends_with("_wizard.yaml"));
    }

    #[test]
    fn broken_wizard_says_nothing() {
        tester()
            .pass([Case::from(NAV).with(WIZARD, "nav: [\n")])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
