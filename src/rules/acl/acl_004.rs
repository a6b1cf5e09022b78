use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, data_map, zh_type};
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Style, Value};

declare_rule! {
    /// ## What it does
    /// Reports a `data.pvc_enable` in `templates/_acl_helpers.yaml.tpl` that is not a plain YAML
    /// boolean (`true`/`false`, also `True`/`TRUE`/`False`/`FALSE`):
    /// - a quoted `"true"` / `'false'`: a string;
    /// - `yes`, `no`, `on`, `off`, `y`, `n` (any case): booleans in YAML 1.1 (Helm, PyYAML) but
    ///   strings in YAML 1.2 — the file's meaning then depends on the reader;
    /// - a number (`1`), an empty value, or any other word.
    ///
    /// An absent `pvc_enable` is not reported here (the product then claims no storage; PVC-001
    /// reports a chart that uses claims without it).
    ///
    /// ## Why
    /// §1.1.6.3: "pvc_enable: 云产品是否需要使用 pvc，布尔值" — a boolean. A quoted `"false"` is a
    /// non-empty string, which Python (the platform reads this file into Python) and Go
    /// templates both treat as *true*: the product gets PVC permission it said it did not want,
    /// or a strict reader rejects it. `yes`/`on` are only booleans to YAML 1.1 readers; a YAML 1.2
    /// reader (go-yaml v3, ruamel.yaml by default) sees the string `"yes"`. Only `true`/`false` mean the same to every reader, so the rule asks for them.
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中 `data.pvc_enable` 必须是布尔值 `true`/`false`（§1.1.6.3）。带引号的
    /// `"true"` 是字符串（`"false"` 在 Python 中也为真）；`yes`/`on`/`y` 等只在 YAML 1.1 中是布尔值，
    /// 在 YAML 1.2 中是字符串，不同解析器结果不同；数字或空值同样报告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: "true"
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: true
    /// ```
    RULE = "ACL-004", Acl, Error, "§1.1.6.3",
    "pvc_enable is not a boolean", "pvc_enable 不是布尔值", Chart(check)
}

/// Booleans of the YAML 1.2 core schema: these read the same in YAML 1.1.
const CORE_BOOLS: &[&str] = &["true", "True", "TRUE", "false", "False", "FALSE"];

fn check(chart: &Chart, out: &mut Findings) {
    let Some((acl, data)) = data_map(chart) else {
        return;
    };
    let Some(entry) = data.value.entry("pvc_enable") else {
        return;
    };
    let value = &entry.value;
    let Some(scalar) = value.as_scalar() else {
        let kind = a_type(value);
        let kind_zh = zh_type(value);
        out.report(
            &acl.path,
            Some(value.range),
            text!(
                "`pvc_enable` is {kind}, not a boolean",
                "`pvc_enable` 是 {kind_zh}，而不是布尔值"
            ),
        )
        .help(text!(
            "write `pvc_enable: true` or `pvc_enable: false`",
            "请写作 `pvc_enable: true` 或 `pvc_enable: false`"
        ));
        return;
    };
    let text = scalar.text.as_str();
    match (scalar.value, scalar.style) {
        (Value::Bool(_), Style::Plain) if CORE_BOOLS.contains(&text) => {}
        (Value::Bool(b), _) => {
            out.report(
                &acl.path,
                Some(value.range),
                text!(
                    "`pvc_enable: {text}` is the boolean {b} only in YAML 1.1; YAML 1.2 readers see the string \"{text}\"",
                    "`pvc_enable: {text}` 仅在 YAML 1.1 中是布尔值 {b}；YAML 1.2 解析器会将其读作字符串 \"{text}\""
                ),
            )
            .help(text!("write `pvc_enable: {b}`", "请写作 `pvc_enable: {b}`"));
        }
        (Value::Null, _) => {
            out.report(
                &acl.path,
                Some(entry.key.range),
                text!(
                    "`pvc_enable` is empty, not a boolean",
                    "`pvc_enable` 为空值，而不是布尔值"
                ),
            )
            .help(text!(
                "write `pvc_enable: true` or `pvc_enable: false`, or remove the key",
                "请写作 `pvc_enable: true` 或 `pvc_enable: false`，或删除该键"
            ));
        }
        (Value::Str, Style::SingleQuoted | Style::DoubleQuoted) if as_bool(text).is_some() => {
            let b = as_bool(text).unwrap_or_default();
            out.report(
                &acl.path,
                Some(value.range),
                text!(
                    "`pvc_enable` is the string \"{text}\", not a boolean (a non-empty string counts as true)",
                    "`pvc_enable` 是字符串 \"{text}\" 而不是布尔值（非空字符串会被当作真）"
                ),
            )
            .help(text!("remove the quotes: `pvc_enable: {b}`", "去掉引号：`pvc_enable: {b}`"));
        }
        _ => {
            let kind = a_type(value);
            let kind_zh = zh_type(value);
            out.report(
                &acl.path,
                Some(value.range),
                text!("`pvc_enable: {text}` is {kind}, not a boolean", "`pvc_enable: {text}` 是 {kind_zh}，而不是布尔值"),
            )
            .help(text!(
                "write `pvc_enable: true` if the product uses persistent volume claims, else `false`",
                "云产品使用 PVC 时写作 `pvc_enable: true`，否则写作 `false`"
            ));
        }
    }
}

/// What a quoted word would mean unquoted, if it is a boolean word.
fn as_bool(text: &str) -> Option<bool> {
    match crate::yaml::resolve_plain(text.trim()) {
        Value::Bool(b) => Some(b),
        _ => None,
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

    /// `pvc_enable: <value>` on line 3 (value at column 15).
    fn pvc(value: &str) -> String {
        format!("data:\n  psp_type: Limit\n  pvc_enable: {value}\n")
    }

    #[test]
    fn quoted_booleans() {
        let d = tester().one(pvc("\"true\""));
        assert_eq!(
            d.range.unwrap().start,
            Pos {
                line: 3,
                column: 15
            }
        );
        assert!(help(&d).contains("`pvc_enable: true`"));
        let d = tester().one(pvc("'false'"));
        assert!(d.message.en.contains("string \"false\""));
        assert!(help(&d).contains("`pvc_enable: false`"));
        // A quoted YAML 1.1 word: a string all the same.
        assert!(tester().one(pvc("\"yes\"")).message.en.contains("string"));
    }

    #[test]
    fn yaml_1_1_words() {
        for v in ["yes", "no", "on", "Off", "y", "N"] {
            let d = tester().one(pvc(v));
            assert_eq!(
                d.range.unwrap().start,
                Pos {
                    line: 3,
                    column: 15
                },
                "{v}"
            );
            assert!(d.message.en.contains("YAML 1.1"), "{v}");
        }
        assert!(help(&tester().one(pvc("on"))).contains("`pvc_enable: true`"));
        assert!(help(&tester().one(pvc("no"))).contains("`pvc_enable: false`"));
    }

    #[test]
    fn other_values() {
        assert!(tester().one(pvc("1")).message.en.contains("integer"));
        assert!(tester().one(pvc("enabled")).message.en.contains("string"));
        assert_eq!(
            tester().one(pvc("")).range.unwrap().start,
            Pos { line: 3, column: 3 }
        );
        assert_eq!(
            tester().one(pvc("[true]")).range.unwrap().start,
            Pos {
                line: 3,
                column: 15
            }
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass(
                ["true", "false", "True", "FALSE", "true # comment"]
                    .map(|v| format!("data:\n  pvc_enable: {v}\n")),
            )
            // Absent.
            .pass(["data:\n  psp_type: Limit\n"])
            .test_and_snapshot();
    }
}
