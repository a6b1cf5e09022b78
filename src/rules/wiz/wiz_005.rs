use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::wiz::roles;
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Reports two wizard entries of one role (`nav.<role>.*` in `templates/_wizard.yaml`)
    /// with the same `order`. The finding is on the second `order`, naming the first entry.
    /// Orders are compared as integers; other types are WIZ-001's.
    ///
    /// ## Why
    /// §1.1.6.7 (云产品使用向导): `order` is "新特性顺序", the order in which a role's wizard
    /// entries are shown. Two equal orders leave that order to chance, which is almost always a
    /// copy-paste slip. Entries of different roles may share an order.
    ///
    /// ## 中文
    /// 同一角色下的两个向导条目 `order` 相同时给出警告（显示顺序不确定）；不同角色之间可以相同。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_wizard.yaml
    /// nav:
    ///   member:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title: {en: Overview, zh-cn: 概览}
    ///       wizard: []
    ///     overview_more:
    ///       order: 1
    ///       proId: overview
    ///       title: {en: More, zh-cn: 更多}
    ///       wizard: []
    /// ```
    /// ```yaml,pass,file=templates/_wizard.yaml
    /// nav:
    ///   member:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title: {en: Overview, zh-cn: 概览}
    ///       wizard: []
    ///     overview_more:
    ///       order: 2
    ///       proId: overview
    ///       title: {en: More, zh-cn: 更多}
    ///       wizard: []
    /// ```
    RULE = "WIZ-005", Wiz, Warning, "§1.1.6.7",
    "Two wizard entries of one role share an order", "同一角色的向导条目 order 重复", Chart(check)
}

fn order(node: &Node) -> Option<(i64, &Node)> {
    let o = node.get("order")?;
    match o.as_scalar()?.value {
        Value::Int(i) => Some((i, o)),
        _ => None,
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, roles)) = roles(chart) else {
        return;
    };
    for role in roles {
        let Some(entries) = role.value.as_map() else {
            continue;
        };
        let role_name = role.key.key_string();
        let mut seen: Vec<(i64, String)> = Vec::new();
        for entry in entries {
            let Some((n, node)) = order(&entry.value) else {
                continue;
            };
            let key = entry.key.key_string();
            if let Some((_, first)) = seen.iter().find(|(m, _)| *m == n) {
                out.report(
                    &file.path,
                    Some(node.range),
                    text!(
                        "`{role_name}.{key}` has `order: {n}`, as `{role_name}.{first}` does",
                        "`{role_name}.{key}` 的 `order: {n}` 与 `{role_name}.{first}` 相同"
                    ),
                )
                .help(text!(
                    "give each entry of a role its own `order`",
                    "同一角色下每个条目使用不同的 `order`"
                ));
            } else {
                seen.push((n, key));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::WIZARD;
    use crate::rules::tester::{starts_and_severity, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(WIZARD)
    }

    #[test]
    fn shared_order_at_the_second() {
        assert_eq!(
            starts_and_severity(&tester().findings("nav:\n  member:\n    a:\n      order: 1\n    b:\n      order: 2\n    c:\n      order: 1\n    d:\n      order: 1\n")),
            vec![(8, 14, "warning"), (10, 14, "warning")]
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Distinct orders, and other roles.
            .pass([
                "nav:\n  member:\n    a: {order: 1}\n    b: {order: 2}\n  admin:\n    c: {order: 1}\n",
                "nav:\n  member:\n    a: {order: 1}\n    b: {order: '1'}\n",
            ])
            .test_and_snapshot();
    }
}
