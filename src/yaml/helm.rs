//! What Helm refuses in a values.yaml that parses: Helm turns the first document into JSON
//! (sigs.k8s.io/yaml) and reads that JSON into a map, so a root that is not a map, a key that
//! is null, a list, a map or an unsigned integer beyond int64, and `.inf`/`.nan` anywhere make
//! `helm template`/`install` stop with "cannot load values.yaml". Checked against helm3 in
//! `tests/helm/values-yaml.json`.

use super::{scalar, Kind, Node, Value};
use crate::diagnostic::{Range, Text};
use crate::text;

/// Why Helm cannot read these values, where, and what Helm says.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub range: Range,
    pub message: Text,
    /// Helm's own words (after "cannot load values.yaml: ").
    pub helm: String,
}

/// The first thing Helm refuses in the values whose first document is `root` (`None`: an
/// empty file, which Helm reads as `{}`).
pub fn values_refusal(root: Option<&Node>) -> Option<Refusal> {
    let root = root?;
    match &root.kind {
        Kind::Map(_) => {}
        Kind::Scalar(s) if s.value == Value::Null => return None,
        _ => {
            let (json, ty, ty_zh) = match &root.kind {
                Kind::Seq(_) => ("array", "list", "列表"),
                Kind::Scalar(s) => match s.value {
                    Value::Bool(_) => ("bool", "boolean", "布尔值"),
                    Value::Int(_) | Value::Float(_) => ("number", "number", "数字"),
                    _ => ("string", "string", "字符串"),
                },
                Kind::Map(_) => ("object", "map", "映射"),
            };
            return Some(Refusal {
                range: root.range,
                message: text!(
                    "the values are a {ty}, not a map: Helm refuses values.yaml (\"cannot unmarshal {json} into Go value of type map[string]interface {{}}\")",
                    "values 的根是{ty_zh}而不是映射：Helm 拒绝读取 values.yaml（\"cannot unmarshal {json} into Go value of type map[string]interface {{}}\"）"
                ),
                helm: format!("cannot unmarshal {json} into Go value of type map[string]interface {{}}"),
            });
        }
    }
    let mut todo = vec![root];
    while let Some(node) = todo.pop() {
        match &node.kind {
            Kind::Scalar(s) => {
                if let Value::Float(f) = s.value {
                    if !f.is_finite() {
                        let go = if f.is_nan() {
                            "NaN"
                        } else if f > 0.0 {
                            "+Inf"
                        } else {
                            "-Inf"
                        };
                        let written = &s.text;
                        return Some(Refusal {
                            range: node.range,
                            message: text!(
                                "`{written}` is an infinite or not-a-number float, which JSON cannot hold: Helm refuses values.yaml (\"json: unsupported value: {go}\")",
                                "`{written}` 是无穷大或非数字的浮点数，JSON 无法表示：Helm 拒绝读取 values.yaml（\"json: unsupported value: {go}\"）"
                            ),
                            helm: format!("json: unsupported value: {go}"),
                        });
                    }
                }
            }
            Kind::Seq(items) => todo.extend(items.iter().rev()),
            Kind::Map(entries) => {
                for e in entries {
                    if let Some(r) = key_refusal(&e.key) {
                        return Some(r);
                    }
                }
                for e in entries.iter().rev() {
                    todo.push(&e.value);
                }
            }
        }
    }
    None
}

fn key_refusal(key: &Node) -> Option<Refusal> {
    let (what_en, what_zh, helm) = match &key.kind {
        Kind::Scalar(s) if s.value == Value::Null => (
            "a null key".to_string(),
            "null 键".to_string(),
            "unsupported map key of type: %!s(<nil>)".to_string(),
        ),
        Kind::Scalar(s) if s.style == super::Style::Plain && scalar::is_uint64(&s.text) => (
            format!("key `{}` (an unsigned 64-bit integer)", s.text),
            format!("键 `{}`（无符号 64 位整数）", s.text),
            "unsupported map key of type: uint64".to_string(),
        ),
        Kind::Scalar(_) => return None,
        Kind::Seq(_) | Kind::Map(_) => (
            format!("a {} as a key", key.type_name()),
            format!(
                "以{}作为键",
                if matches!(key.kind, Kind::Seq(_)) {
                    "列表"
                } else {
                    "映射"
                }
            ),
            "invalid map key".to_string(),
        ),
    };
    Some(Refusal {
        range: key.range,
        message: text!(
            "{what_en}: Helm refuses values.yaml (\"{helm}\"); map keys must be strings, numbers or booleans",
            "{what_zh}：Helm 拒绝读取 values.yaml（\"{helm}\"）；映射的键必须是字符串、数字或布尔值"
        ),
        helm,
    })
}
