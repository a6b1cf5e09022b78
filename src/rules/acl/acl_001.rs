use crate::chart::{Chart, YamlFile, ACL_HELPERS};
use crate::declare_rule;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::{Entry, Node, Problem};

declare_rule! {
    /// ## What it does
    /// Reports a `templates/_acl_helpers.yaml.tpl` that the platform cannot read: it is not
    /// UTF-8 text, it does not parse as YAML (at the place the parser stopped), it is empty,
    /// its top level is not a map, it has no `data` key, or `data` is not a map.
    ///
    /// When `data` is missing, the finding points at the first top-level key: if that key is
    /// a near miss (`date:`, `Data:`), the help suggests `data`; if the top level holds the
    /// `data` keys themselves (`psp_type:` at column 1), the help says to indent them under
    /// `data:`.
    ///
    /// ## Why
    /// §1.1.6.3: the file "用于定义云产品的所需权限、资源及安装的命名空间" and its example is a
    /// single `data:` map holding `psp_type`, `cluster_role`, `pvc_enable`, `namespace` and
    /// `resource_limit`. The platform reads the file as plain YAML at build/install time (it is a
    /// `_` partial, so Helm renders nothing from it and `helm lint` does not look inside); a
    /// file it cannot read leaves the product without its permissions and resource
    /// declaration. A syntax error is also HELM-001's finding (which covers every YAML file);
    /// this rule says what it costs here. A chart without the file is LAYOUT-003's finding, and
    /// the other ACL rules skip a file this rule reports.
    ///
    /// ## 中文
    /// `templates/_acl_helpers.yaml.tpl` 无法被平台读取：不是 UTF-8 文本、YAML 语法错误、文件为空、
    /// 顶层不是映射、没有 `data` 键或 `data` 不是映射（§1.1.6.3）。若顶层直接写了 `psp_type` 等键，
    /// 提示将其缩进到 `data:` 下。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// psp_type: Limit
    /// pvc_enable: false
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    /// ```
    RULE = "ACL-001", Acl, Error, "§1.1.6.3",
    "_acl_helpers.yaml.tpl unreadable or without a data map", "_acl_helpers.yaml.tpl 无法读取或缺少 data 映射",
    Chart(check)
}

/// Keys of the `data` map (§1.1.6.3).
pub(crate) const DATA_KEYS: &[&str] = &[
    "psp_type",
    "cluster_role",
    "pvc_enable",
    "namespace",
    "resource_limit",
];

/// The ACL file and its `data` map, when this rule has nothing to say about the file (the
/// other ACL rules read it through this).
pub(crate) fn data_map<'c>(chart: &'c Chart) -> Option<(&'c YamlFile, &'c Entry)> {
    let acl = chart.acl.as_ref()?;
    if acl.yaml.syntax_error().is_some() {
        return None;
    }
    let entry = acl.root()?.entry("data")?;
    entry.value.as_map()?;
    Some((acl, entry))
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.file(ACL_HELPERS) else {
        return;
    };
    let Some(acl) = &chart.acl else {
        out.report(
            &file.path,
            None,
            text!(
                "`{ACL_HELPERS}` is not UTF-8 text",
                "`{ACL_HELPERS}` 不是 UTF-8 文本"
            ),
        )
        .help(text!("save the file as UTF-8", "请以 UTF-8 编码保存该文件"));
        return;
    };
    if let Some(Problem::Syntax { range, message }) = acl.yaml.syntax_error() {
        out.report(
            &acl.path,
            Some(*range),
            text!(
                "`{ACL_HELPERS}` does not parse ({message}): the platform cannot read the product's permissions and resources",
                "`{ACL_HELPERS}` 无法解析（{message}）：平台无法读取云产品的权限与资源声明"
            ),
        )
        .help(text!(
            "the file is plain YAML (no template actions): fix the syntax near this place",
            "该文件是纯 YAML（不能包含模板语法）：请修正此处附近的语法"
        ));
        return;
    }
    let root = match acl.root() {
        Some(root) if !root.is_null() => root,
        _ => {
            out.report(
                &acl.path,
                None,
                text!(
                    "`{ACL_HELPERS}` is empty: it has no `data` map",
                    "`{ACL_HELPERS}` 为空：没有 `data` 映射"
                ),
            )
            .help(example_help());
            return;
        }
    };
    let Some(entries) = root.as_map() else {
        let kind = a_type(root);
        let kind_zh = zh_type(root);
        out.report(
            &acl.path,
            Some(root.range),
            text!(
                "the top level of `{ACL_HELPERS}` is {kind}, not a map with `data`",
                "`{ACL_HELPERS}` 的顶层是 {kind_zh}，而不是包含 `data` 的映射"
            ),
        )
        .help(example_help());
        return;
    };
    match root.entry("data") {
        None => missing_data(&acl.path, entries, out),
        Some(entry) if entry.value.as_map().is_none() => {
            let kind = a_type(&entry.value);
            let kind_zh = zh_type(&entry.value);
            let range = if entry.value.is_null() {
                entry.key.range
            } else {
                entry.value.range
            };
            out.report(
                &acl.path,
                Some(range),
                text!(
                    "`data` is {kind}, not a map",
                    "`data` 是 {kind_zh}，而不是映射"
                ),
            )
            .help(example_help());
        }
        Some(_) => {}
    }
}

fn missing_data(path: &str, entries: &[Entry], out: &mut Findings) {
    let keys: Vec<String> = entries.iter().map(|e| e.key.key_string()).collect();
    let first: Option<&Node> = entries.first().map(|e| &e.key);
    let d = out.report(
        path,
        first.map(|k| k.range),
        text!(
            "`{ACL_HELPERS}` has no `data` map",
            "`{ACL_HELPERS}` 中没有 `data` 映射"
        ),
    );
    if let Some((key, near)) = keys
        .iter()
        .find_map(|k| nearest(k, &["data"]).map(|n| (k, n)))
    {
        d.help(text!(
            "`{key}` looks like it: the top-level key is `{near}`",
            "`{key}` 与之相似：顶层键应为 `{near}`"
        ));
    } else if keys.iter().any(|k| DATA_KEYS.contains(&k.as_str())) {
        d.help(text!(
            "these keys belong under `data:`: add a `data:` line and indent them by two spaces",
            "这些键应位于 `data:` 之下：添加一行 `data:`，并将它们缩进两个空格"
        ));
    } else {
        d.help(example_help());
    }
}

/// A type name with its article, for messages: `an integer`, `a list`, `empty` for null.
pub(crate) fn a_type(node: &Node) -> String {
    match node.type_name() {
        "null" => "empty".to_string(),
        k @ ("integer" | "array") => format!("an {k}"),
        k => format!("a {k}"),
    }
}

/// A type name in Chinese, for messages.
pub(crate) fn zh_type(node: &Node) -> &'static str {
    match node.type_name() {
        "null" => "空值",
        "map" => "映射",
        "list" => "列表",
        "string" => "字符串",
        "integer" => "整数",
        "float" => "浮点数",
        "boolean" => "布尔值",
        _ => "其他类型",
    }
}

fn example_help() -> crate::diagnostic::Text {
    text!(
        "write `data:` with `psp_type`, `pvc_enable` and the other keys indented under it (§1.1.6.3)",
        "写出 `data:`，并在其下缩进填写 `psp_type`、`pvc_enable` 等键（§1.1.6.3）"
    )
}

#[cfg(test)]
mod tests {
    use crate::chart::ACL_HELPERS;
    use crate::diagnostic::{Diagnostic, Pos};
    use crate::rules::tester::{help, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    /// Where a finding starts.
    fn at(d: &Diagnostic) -> Option<Pos> {
        d.range.map(|r| r.start)
    }

    #[test]
    fn syntax_error_at_its_place() {
        let d = tester().one(b"data:\n  psp_type: [Limit\n  pvc_enable: true\n");
        assert!(d.range.unwrap().start.line >= 2);
        assert!(d.message.en.contains("does not parse"));
    }

    #[test]
    fn template_action_does_not_parse() {
        let d = tester().findings(b"{{- define \"acl\" }}\ndata:\n  psp_type: Limit\n{{- end }}\n");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn empty_file_and_not_utf8() {
        assert_eq!(at(&tester().one(b"")), None);
        assert_eq!(at(&tester().one(b"# only a comment\n")), None);
        let d = tester().findings(b"data:\n  namespace: \xff\xfe\n");
        assert!(d[0].message.en.contains("UTF-8"));
    }

    #[test]
    fn top_level_not_a_map() {
        assert_eq!(
            at(&tester().one(b"- data\n")),
            Some(Pos { line: 1, column: 1 })
        );
    }

    #[test]
    fn keys_at_top_level_point_at_the_first_and_say_indent() {
        let d = tester().one(b"# acl\npsp_type: Limit\npvc_enable: false\n");
        assert_eq!(at(&d), Some(Pos { line: 2, column: 1 }));
        assert!(help(&d).contains("under `data:`"));
    }

    #[test]
    fn near_miss_data_key() {
        let d = tester().one(b"date:\n  psp_type: Limit\n");
        assert_eq!(at(&d), Some(Pos { line: 1, column: 1 }));
        assert!(help(&d).contains("`date` looks like it"));
    }

    #[test]
    fn data_not_a_map() {
        assert_eq!(
            at(&tester().one(b"data:\n")),
            Some(Pos { line: 1, column: 1 })
        );
        let d = tester().one(b"data: Limit\n");
        assert_eq!(at(&d), Some(Pos { line: 1, column: 7 }));
        assert!(d.message.en.contains("string"));
        assert_eq!(
            at(&tester().one(b"data:\n  - psp_type: Limit\n")),
            Some(Pos { line: 2, column: 3 })
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::from("data:\n  psp_type: Limit\n"),
                "data: {}\n".into(),
                // Absence is LAYOUT-003's finding.
                without(ACL_HELPERS),
            ])
            .test_and_snapshot();
    }
}
