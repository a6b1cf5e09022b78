use crate::declare_rule;
use crate::diagnostic::{Range, Severity};
use crate::render::values_schema::Outcome;
use crate::rules::{Findings, ManifestScope};
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Checks the values a chart is installed with — values.yaml, merged with your values
    /// when you give them (`check --values/--set`) — against its `values.schema.json`, and
    /// the values of each subchart against the subchart's, as Helm does before it renders
    /// anything. Each violation sits at the values.yaml line of the offending value (the
    /// nearest one values.yaml has, for a value it lacks), with the JSON pointer and what the
    /// schema wants. A schema that is not JSON, or not a valid schema, is reported at the schema
    /// (its line, for a JSON syntax error).
    ///
    /// Every JSON Schema draft Helm accepts is read (4, 6, 7, 2019-09, 2020-12; 2020-12, where
    /// `format` is only an annotation, when the schema names none), with the `boon` crate, by
    /// the author of the validator Helm 4 and 3.18+ use; remote `$ref`s are not fetched. It
    /// refuses exactly what helm 4.1.4 refuses on the 37 cases of
    /// `tests/helm/values-schema.json` (recorded from the real helm by
    /// `scripts/helm-oracle/values-schema.py`); Helm 3.17 (gojsonschema) differs on 3 of them:
    /// formats without a `$schema`, and 2019-09's `dependentRequired`. `ecplint template`
    /// refuses such values as `helm template` does. The validator weighs ~470 KB gzipped: the
    /// page fetches it (a wasm module of its own) only when a dropped chart has a schema; should
    /// that fail, an info says the schema was not checked.
    ///
    /// ## Why
    /// `helm install` and `helm template` refuse the whole release when the values break the
    /// schema ("values don't meet the specifications of the schema(s)"): a default that the
    /// schema forbids, or a value a user's override breaks, stops the install on the platform.
    ///
    /// ## 中文
    /// 按 `values.schema.json` 检查安装时的 values（values.yaml，给出 `check --values/--set` 时与之
    /// 合并），子 chart 的 values 按子 chart 的 schema 检查，与 Helm 渲染前的检查一致。每条违规定位到
    /// values.yaml 中出错值的行（缺少的值定位到最近的上级），给出 JSON 指针与 schema 的要求；
    /// schema 本身不是 JSON 或不是合法 schema 时，报在 schema 文件处。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.schema.json
    /// {
    ///   "type": "object",
    ///   "properties": {
    ///     "pod": {
    ///       "type": "object",
    ///       "properties": {
    ///         "replicas": {
    ///           "type": "object",
    ///           "additionalProperties": { "type": "integer", "minimum": 2 }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```yaml,pass,file=values.schema.json
    /// {
    ///   "type": "object",
    ///   "properties": {
    ///     "pod": {
    ///       "type": "object",
    ///       "properties": {
    ///         "replicas": {
    ///           "type": "object",
    ///           "additionalProperties": { "type": "integer", "minimum": 1 }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    RULE = "HELM-005", Helm, Error | Info, "§1.1.6.2",
    "values.yaml breaks values.schema.json", "values.yaml 不符合 values.schema.json",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let chart = scope.chart;
    let Some(outcomes) = &scope.manifests.values_schema else {
        if let Some(check) = scope.manifests.rendered.schema_checks.first() {
            let file = format!("{}values.schema.json", check.prefix);
            out.report(
                &file,
                None,
                text!(
                    "values.schema.json is not checked here: the JSON Schema validator is not loaded (`ecplint check` checks it)",
                    "此处未检查 values.schema.json：JSON Schema 校验器未加载（`ecplint check` 会检查）"
                ),
            )
            .severity(Severity::Info);
        }
        return;
    };
    let values = chart.values.as_ref();
    for Outcome { check, result } in outcomes {
        let schema_file = format!("{}values.schema.json", check.prefix);
        let own = check.prefix == chart.prefix;
        let of = match check.values_path.as_slice() {
            [] => text!("", ""),
            path => {
                let sub = path.join(".");
                text!(" (subchart `{sub}`)", "（子 chart `{sub}`）")
            }
        };
        let (of_en, of_zh) = (&of.en, &of.zh);
        match result {
            Err(broken) => {
                let message = &broken.message;
                let (file, range) = if own {
                    let range = broken
                        .line
                        .map(|l| Range::line(l, 1))
                        .filter(|_| chart.file("values.schema.json").is_some());
                    (schema_file.clone(), range)
                } else {
                    (chart.path(crate::chart::CHART_YAML), None)
                };
                out.report(
                    &file,
                    range,
                    text!(
                        "values.schema.json{of_en} cannot be used: {message}",
                        "values.schema.json{of_zh} 无法使用：{message}"
                    ),
                )
                .help(text!(
                    "Helm refuses to install the chart until its schema is valid JSON Schema",
                    "schema 不是合法的 JSON Schema 时 Helm 拒绝安装该 chart"
                ));
            }
            Ok(violations) => {
                for violation in violations {
                    let mut path = check.values_path.clone();
                    path.extend(pointer_segments(&violation.instance));
                    let shown = match path.is_empty() {
                        true => "values".to_string(),
                        false => format!("/{}", path.join("/")),
                    };
                    let (en, zh) = (&violation.en, &violation.zh);
                    let message = text!(
                        "`{shown}` breaks values.schema.json{of_en}: it {en}",
                        "`{shown}` 不符合 values.schema.json{of_zh}：{zh}"
                    );
                    let range = values
                        .and_then(|v| v.root())
                        .map(|root| nearest(root, &path));
                    let file = values
                        .map_or_else(|| chart.path(crate::chart::VALUES_YAML), |v| v.path.clone());
                    out.report(&file, range, message).help(text!(
                        "change the value, or the schema if it is the schema that is wrong",
                        "修改该值；若是 schema 有误，则修改 schema"
                    ));
                }
            }
        }
    }
}

/// The segments of a JSON pointer (`/a~1b/0` → `a/b`, `0`).
fn pointer_segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Where values.yaml writes `path`, or the nearest of its parents that it writes: the key of a
/// map entry, a list item; the document's first line when it writes none of them.
fn nearest(root: &Node, path: &[String]) -> Range {
    let mut at = Range::line(1, 1);
    let mut node = root;
    for segment in path {
        if let Some(entry) = node.entry(segment) {
            at = entry.key.range;
            node = &entry.value;
        } else if let Some(item) = segment
            .parse::<usize>()
            .ok()
            .and_then(|i| node.as_seq()?.get(i))
        {
            at = item.range;
            node = item;
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    const SCHEMA: &str = r#"{"type": "object", "required": ["images"], "properties": {"images": {"type": "object", "properties": {"pull_policy": {"enum": ["Always", "IfNotPresent"]}}}, "pod": {"type": "object", "properties": {"replicas": {"type": "object", "additionalProperties": {"type": "integer"}}}}}}"#;

    fn tester() -> Tester {
        Tester::new(&super::RULE).with("values.schema.json", SCHEMA)
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .file("values.yaml")
            .pass(["images:\n  pull_policy: Always\npod:\n  replicas: {api: 2}\n"])
            .fail([
                // A value of the wrong type; one the schema does not allow; a required one missing.
                "images:\n  pull_policy: Always\npod:\n  replicas:\n    api: \"2\"\n",
                "images:\n  pull_policy: Sometimes\n",
                "pod: {}\n",
            ])
            .test_and_snapshot();
    }

    #[test]
    fn a_violation_sits_at_its_values_line() {
        let d = tester()
            .file("values.yaml")
            .one("images:\n  pull_policy: Always\npod:\n  replicas:\n    api: \"2\"\n");
        assert_eq!(d.range.unwrap().start.line, 5);
        assert!(
            d.message.en.contains(
                "`/pod/replicas/api` breaks values.schema.json: it must be integer, not string"
            ),
            "{}",
            d.message.en
        );
    }

    #[test]
    fn a_schema_that_is_not_json_is_reported_at_its_line() {
        let d = Tester::new(&super::RULE)
            .file("values.schema.json")
            .one("{\n  \"type\": \"object\",\n  \"properties\": {,}\n}\n");
        assert_eq!(
            d.file.as_deref(),
            Some("good-project/chart/mycloud-product/values.schema.json")
        );
        assert_eq!(d.range.unwrap().start.line, 3);
    }
}
