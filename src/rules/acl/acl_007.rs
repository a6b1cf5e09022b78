use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{data_map, DATA_KEYS};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::Entry;

declare_rule! {
    /// ## What it does
    /// Reports a key of `templates/_acl_helpers.yaml.tpl` that the platform does not read, at
    /// the key, with the nearest known key as a suggestion (`pvc_enabled` → `pvc_enable`):
    /// - under `data`: anything but `psp_type`, `cluster_role`, `pvc_enable`, `namespace`,
    ///   `resource_limit`;
    /// - under `data.resource_limit`: anything but `max_cpu`, `max_memory`;
    /// - at the top level, beside `data`: anything. This goes a little beyond the catalog's
    ///   wording ("under `data` or `resource_limit`") because the usual cause is the same typo
    ///   in indentation: a `resource_limit:` written at column 1 is silently ignored.
    ///
    /// A key in the wrong one of these maps gets a help that says where it belongs
    /// (`max_cpu` directly under `data` belongs under `resource_limit`).
    ///
    /// ## Why
    /// §1.1.6.3 defines exactly these keys. An unknown key is ignored, so a misspelt
    /// `pvc_enabled: true` leaves the product without PVC permission and a top-level
    /// `resource_limit` leaves the computed requirement in force, with no error from the
    /// platform to say so. It is a warning: the chart installs, but very likely not as meant.
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中有平台不读取的键（§1.1.6.3）：`data` 下只能有 `psp_type`、
    /// `cluster_role`、`pvc_enable`、`namespace`、`resource_limit`；`resource_limit` 下只能有
    /// `max_cpu`、`max_memory`；顶层只能有 `data`（缩进错误时 `resource_limit` 会被忽略）。会提示
    /// 最相近的键名或正确的位置。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enabled: true
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: true
    /// ```
    RULE = "ACL-007", Acl, Warning, "§1.1.6.3",
    "Unknown key in _acl_helpers.yaml.tpl", "_acl_helpers.yaml.tpl 中有未知的键", Chart(check)
}

const LIMIT_KEYS: &[&str] = &["max_cpu", "max_memory"];
const TOP_KEYS: &[&str] = &["data"];

fn check(chart: &Chart, out: &mut Findings) {
    let Some((acl, data)) = data_map(chart) else {
        return;
    };
    let top = acl.root().and_then(|r| r.as_map()).unwrap_or_default();
    unknown(&acl.path, "", TOP_KEYS, top, out);
    unknown(
        &acl.path,
        "data",
        DATA_KEYS,
        data.value.as_map().unwrap_or_default(),
        out,
    );
    if let Some(limit) = data.value.get("resource_limit").and_then(|v| v.as_map()) {
        unknown(&acl.path, "data.resource_limit", LIMIT_KEYS, limit, out);
    }
}

/// Where a key known elsewhere in the file belongs.
fn home(key: &str) -> Option<&'static str> {
    if DATA_KEYS.contains(&key) {
        Some("data")
    } else if LIMIT_KEYS.contains(&key) {
        Some("data.resource_limit")
    } else if TOP_KEYS.contains(&key) {
        Some("the top level")
    } else {
        None
    }
}

fn unknown(path: &str, at: &str, known: &[&str], entries: &[Entry], out: &mut Findings) {
    let place = if at.is_empty() {
        "the top level".to_string()
    } else {
        format!("`{at}`")
    };
    let place_zh = if at.is_empty() {
        "顶层".to_string()
    } else {
        format!("`{at}` 下")
    };
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    for e in entries {
        let key = e.key.key_string();
        if known.contains(&key.as_str()) {
            continue;
        }
        let d = out.report(
            path,
            Some(e.key.range),
            text!(
                "unknown key `{key}` in {place}: it is ignored",
                "{place_zh}的键 `{key}` 未知：该键会被忽略"
            ),
        );
        match (home(&key), nearest(&key, known)) {
            (Some(h), _) => {
                let h_zh = if h == "the top level" {
                    "顶层".to_string()
                } else {
                    format!("`{h}` 下")
                };
                let h = if h == "the top level" {
                    h.to_string()
                } else {
                    format!("`{h}`")
                };
                d.help(text!(
                    "`{key}` belongs under {h}: fix its indentation",
                    "`{key}` 应位于{h_zh}：请调整缩进"
                ))
            }
            (None, Some(near)) => d.help(text!("did you mean `{near}`?", "是否应为 `{near}`？")),
            (None, None) => d.help(text!("known keys here: {list}", "此处可用的键：{list}")),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::ACL_HELPERS;
    use crate::diagnostic::Pos;
    use crate::rules::tester::{help, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    #[test]
    fn typo_under_data_suggests() {
        let d = tester().one("data:\n  psp_type: Limit\n  pvc_enabled: true\n");
        let r = d.range.unwrap();
        assert_eq!(
            (r.start, r.end),
            (
                Pos { line: 3, column: 3 },
                Pos {
                    line: 3,
                    column: 14
                }
            )
        );
        assert!(help(&d).contains("`pvc_enable`"));
    }

    #[test]
    fn typo_under_resource_limit_suggests() {
        let d = tester().one("data:\n  resource_limit:\n    max_cpu: 500\n    max_mem: 1200\n");
        assert_eq!(d.range.unwrap().start, Pos { line: 4, column: 5 });
        assert!(help(&d).contains("`max_memory`"));
    }

    #[test]
    fn misplaced_keys_say_where_they_belong() {
        let d = tester().findings(
            "data:\n  psp_type: Limit\n  max_cpu: 500\nresource_limit:\n  max_cpu: 500\n",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        let top = d
            .iter()
            .find(|x| x.range.unwrap().start == Pos { line: 4, column: 1 })
            .unwrap();
        assert!(help(top).contains("under `data`"), "{}", help(top));
        let cpu = d
            .iter()
            .find(|x| x.range.unwrap().start == Pos { line: 3, column: 3 })
            .unwrap();
        assert!(help(cpu).contains("under `data.resource_limit`"));
    }

    #[test]
    fn unrelated_key_lists_the_known_ones() {
        let d = tester().one("data:\n  owner: me\n");
        assert!(help(&d).contains("`psp_type`, `cluster_role`"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Every known key.
            .pass(["data:\n  psp_type: Unlimited\n  cluster_role: cluster-admin\n  pvc_enable: true\n  namespace: openstack\n  resource_limit:\n    max_cpu: 500\n    max_memory: 1200\n"])
            .test_and_snapshot();
    }
}
