use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, data_map, zh_type};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `data.cluster_role` in `templates/_acl_helpers.yaml.tpl` that is not the string
    /// `cluster-admin`, the only cluster role the platform binds. An absent `cluster_role` is
    /// fine (the product gets no cluster-wide role). An empty `cluster_role:` is reported too:
    /// it is present, but names no role.
    ///
    /// ## Why
    /// §1.1.6.3: "cluster_role: 云产品需要绑定到的 cluster role，目前支持 cluster-admin". Any other
    /// name (`admin`, `cluster_admin`, `ClusterAdmin`) is not supported, and the product would
    /// not get the permissions it asked for. When the product needs no cluster role the key
    /// should be left out rather than set to something else.
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中 `data.cluster_role` 存在时必须是 `cluster-admin`（§1.1.6.3，目前
    /// 仅支持该值）。不需要集群角色时应删除该键；写成空值也会报告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Unlimited
    ///   cluster_role: cluster_admin
    ///   pvc_enable: false
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Unlimited
    ///   cluster_role: cluster-admin
    ///   pvc_enable: false
    /// ```
    RULE = "ACL-003", Acl, Error, "§1.1.6.3",
    "Unsupported cluster_role", "不支持的 cluster_role", Chart(check)
}

const ROLE: &str = "cluster-admin";

fn check(chart: &Chart, out: &mut Findings) {
    let Some((acl, data)) = data_map(chart) else {
        return;
    };
    let Some(entry) = data.value.entry("cluster_role") else {
        return;
    };
    let value = &entry.value;
    if value.as_str() == Some(ROLE) {
        return;
    }
    let (range, shown) = match value.as_scalar() {
        Some(_) if value.is_null() => (entry.key.range, "an empty value".to_string()),
        Some(s) => (value.range, format!("`{}`", s.text)),
        None => (value.range, a_type(value)),
    };
    let shown_zh = match value.as_scalar() {
        Some(_) if value.is_null() => "空值".to_string(),
        Some(_) => shown.clone(),
        None => zh_type(value).to_string(),
    };
    let d = out.report(
        &acl.path,
        Some(range),
        text!(
            "`cluster_role` is {shown}: the only supported cluster role is `cluster-admin`",
            "`cluster_role` 为 {shown_zh}：目前仅支持 `cluster-admin`"
        ),
    );
    match value.as_str().and_then(|s| nearest(s, &[ROLE])) {
        Some(_) => d.help(text!("write `cluster_role: cluster-admin`", "请写作 `cluster_role: cluster-admin`")),
        None => d.help(text!(
            "write `cluster_role: cluster-admin`, or remove the key if the product needs no cluster role",
            "请写作 `cluster_role: cluster-admin`；若云产品不需要集群角色，请删除该键"
        )),
    };
}

#[cfg(test)]
mod tests {
    use crate::chart::ACL_HELPERS;
    use crate::diagnostic::{Diagnostic, Pos};
    use crate::rules::tester::Tester;

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    /// Where a finding starts.
    fn at(d: &Diagnostic) -> Pos {
        d.range.unwrap().start
    }

    #[test]
    fn other_roles() {
        assert_eq!(
            at(&tester().one("data:\n  psp_type: Limit\n  cluster_role: admin\n")),
            Pos {
                line: 3,
                column: 17
            }
        );
        let d = tester().findings("data:\n  cluster_role: ClusterAdmin # typo\n");
        assert!(d[0].message.en.contains("`ClusterAdmin`"));
        assert_eq!(
            d[0].range.unwrap().start,
            Pos {
                line: 2,
                column: 17
            }
        );
    }

    #[test]
    fn empty_and_non_string() {
        let d = tester().findings("data:\n  cluster_role:\n");
        assert_eq!(d[0].range.unwrap().start, Pos { line: 2, column: 3 });
        assert!(d[0].message.en.contains("empty"));
        assert_eq!(
            at(&tester().one("data:\n  cluster_role: [cluster-admin]\n")),
            Pos {
                line: 2,
                column: 17
            }
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // Absent, or the one role.
                "data:\n  psp_type: Limit\n",
                "data:\n  cluster_role: cluster-admin\n",
                "data:\n  cluster_role: 'cluster-admin'\n",
            ])
            .test_and_snapshot();
    }
}
