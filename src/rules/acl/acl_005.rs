use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::acl::acl_001::{a_type, data_map, zh_type};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks `data.namespace` in `templates/_acl_helpers.yaml.tpl`, the namespace the product
    /// installs into. It must be a string that is a valid Kubernetes namespace name, a DNS-1123
    /// label: at most 63 characters, lowercase letters, digits and `-`, starting and ending with
    /// a letter or digit (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`). The message says what is wrong and,
    /// where one exists, the help suggests a valid spelling (`My_Namespace` → `my-namespace`).
    /// A value YAML does not read as a string (`namespace: 123`, `namespace: on`, an empty
    /// value) is reported too.
    ///
    /// Without `namespace`, an info finding (at the `data` key) says which namespace the
    /// product will use: its product ID.
    ///
    /// ## Why
    /// §1.1.6.3 (since ECP 6.1.1): "namespace: 指定云产品安装的命名空间，若无此声明时，则默认使用
    /// 云产品标识作为云产品安装的命名空间". Kubernetes rejects a namespace that is not a DNS-1123
    /// label, so the install fails. The platform reads this file into Python, where an
    /// unquoted `123` is an integer and `on` a boolean, not the name that was meant. The
    /// namespace also decides the resource check: `namespace: openstack` exempts the product
    /// (see RES-001).
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中 `data.namespace`（安装命名空间，§1.1.6.3）必须是合法的 DNS-1123
    /// 标签：不超过 63 个字符，只含小写字母、数字和 `-`，且以字母或数字开头和结尾。未声明时以云产品
    /// 标识作为命名空间（提示信息）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   namespace: MyCloud_Product
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   namespace: mycloud-product
    /// ```
    RULE = "ACL-005", Acl, Error | Info, "§1.1.6.3",
    "Invalid namespace", "命名空间无效", Chart(check)
}

/// Why `name` is not a DNS-1123 label (English, Chinese), or `None` when it is one.
pub(crate) fn dns1123_label_problem(name: &str) -> Option<(&'static str, &'static str)> {
    let len = name.chars().count();
    if name.is_empty() {
        return Some(("it is empty", "为空"));
    }
    if len > 63 {
        return Some(("it is longer than 63 characters", "超过 63 个字符"));
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(("it has capital letters", "包含大写字母"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some((
            "it has characters other than lowercase letters, digits and `-`",
            "包含小写字母、数字和 `-` 以外的字符",
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some(("it starts or ends with `-`", "以 `-` 开头或结尾"));
    }
    None
}

/// A valid label close to `name`: lowercase, `_`/`.`/spaces to `-`, other characters dropped.
fn suggest(name: &str) -> Option<String> {
    let mut s = String::new();
    for c in name.trim().chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => s.push(c.to_ascii_lowercase()),
            '-' | '_' | '.' | ' ' if !s.ends_with('-') => s.push('-'),
            _ => {}
        }
    }
    let s: String = s.trim_matches('-').chars().take(63).collect();
    let s = s.trim_end_matches('-').to_string();
    (dns1123_label_problem(&s).is_none()).then_some(s)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((acl, data)) = data_map(chart) else {
        return;
    };
    let Some(entry) = data.value.entry("namespace") else {
        let product = chart.name();
        out.report(
            &acl.path,
            Some(data.key.range),
            text!(
                "no `namespace` declared: the product installs into the namespace `{product}`, its product ID",
                "未声明 `namespace`：云产品将安装到与其标识同名的命名空间 `{product}`"
            ),
        )
        .severity(Severity::Info)
        .help(text!(
            "declare `namespace: <name>` under `data` to install elsewhere (ECP 6.1.1 and later)",
            "如需安装到其他命名空间，请在 `data` 下声明 `namespace: <名称>`（ECP 6.1.1 及以上）"
        ));
        return;
    };
    let value = &entry.value;
    let Some(name) = value.as_str() else {
        let kind = a_type(value);
        let kind_zh = zh_type(value);
        let range = if value.is_null() {
            entry.key.range
        } else {
            value.range
        };
        let d = out.report(
            &acl.path,
            Some(range),
            text!(
                "`namespace` is {kind}, not a string",
                "`namespace` 是 {kind_zh}，而不是字符串"
            ),
        );
        match value.as_scalar().filter(|_| !value.is_null()) {
            Some(s) if dns1123_label_problem(&s.text).is_none() => {
                let t = &s.text;
                d.help(text!(
                    "quote it so YAML reads a name: `namespace: \"{t}\"`",
                    "加上引号使其成为字符串：`namespace: \"{t}\"`"
                ))
            }
            _ => d.help(text!(
                "write the namespace name, e.g. `namespace: mycloud-product`, or remove the key",
                "请填写命名空间名称，例如 `namespace: mycloud-product`，或删除该键"
            )),
        };
        return;
    };
    let Some((why_en, why_zh)) = dns1123_label_problem(name) else {
        return;
    };
    let d = out.report(
        &acl.path,
        Some(value.range),
        text!(
            "`namespace: {name}` is not a valid Kubernetes namespace: {why_en}",
            "`namespace: {name}` 不是合法的 Kubernetes 命名空间：{why_zh}"
        ),
    );
    match suggest(name) {
        Some(s) => d.help(text!(
            "a namespace is a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters), e.g. `{s}`",
            "命名空间须为 DNS-1123 标签（`[a-z0-9]([-a-z0-9]*[a-z0-9])?`，最多 63 个字符），例如 `{s}`"
        )),
        None => d.help(text!(
            "a namespace is a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters)",
            "命名空间须为 DNS-1123 标签（`[a-z0-9]([-a-z0-9]*[a-z0-9])?`，最多 63 个字符）"
        )),
    };
}

#[cfg(test)]
mod tests {
    use super::{dns1123_label_problem, suggest};
    use crate::chart::ACL_HELPERS;
    use crate::diagnostic::{Pos, Severity};
    use crate::rules::tester::{help, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    /// `namespace: <ns>` on line 3 (value at column 14).
    fn ns(ns: &str) -> String {
        format!("data:\n  psp_type: Limit\n  namespace: {ns}\n")
    }

    #[test]
    fn absent_is_info_at_data() {
        let d = tester().one("# acl\ndata:\n  psp_type: Limit\n");
        assert_eq!(d.severity, Severity::Info);
        assert_eq!(d.range.unwrap().start, Pos { line: 2, column: 1 });
        assert!(d.message.en.contains("`mycloud-product`"));
    }

    #[test]
    fn invalid_labels_point_at_the_value() {
        let d = tester().one(ns("My_Namespace"));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.range.unwrap().start,
            Pos {
                line: 3,
                column: 14
            }
        );
        assert!(d.message.en.contains("capital"));
        assert!(help(&d).contains("`my-namespace`"));
        let message = |v: &str| tester().one(ns(v)).message.en;
        assert!(message("my_ns").contains("characters other than"));
        assert!(message("-ns").contains("starts or ends"));
        assert!(message(&"a".repeat(64)).contains("63"));
        assert!(message("\"\"").contains("empty"));
    }

    #[test]
    fn non_strings() {
        let d = tester().one(ns("123"));
        assert!(d.message.en.contains("an integer"));
        assert!(help(&d).contains("`namespace: \"123\"`"));
        assert!(tester().one(ns("on")).message.en.contains("a boolean"));
        assert_eq!(
            tester().one(ns("")).range.unwrap().start,
            Pos { line: 3, column: 3 }
        );
        assert_eq!(
            tester().one(ns("[a]")).range.unwrap().start,
            Pos {
                line: 3,
                column: 14
            }
        );
    }

    #[test]
    fn label_helpers() {
        assert!(dns1123_label_problem("ok-1").is_none());
        assert!(dns1123_label_problem("a.b").is_some());
        assert_eq!(
            suggest("My Cloud.Product_").as_deref(),
            Some("my-cloud-product")
        );
        assert_eq!(suggest("___"), None);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass(
                [
                    "openstack",
                    "mycloud-product",
                    "a",
                    "0abc-9",
                    "'quoted-ns'",
                    &"a".repeat(63),
                ]
                .map(|ns| format!("data:\n  namespace: {ns}\n")),
            )
            .test_and_snapshot();
    }
}
