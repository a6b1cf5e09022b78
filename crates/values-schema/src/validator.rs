//! The validator: boon, offline, Helm 4's default draft.

use crate::{BrokenSchema, Violation};
use boon::{Compiler, Draft, ErrorKind, OutputError, OutputUnit, Schemas};

/// Where the schema is compiled from (a `$ref` relative to it resolves inside it only).
const SCHEMA_URL: &str = "file:///values.schema.json";

struct Offline;

impl boon::UrlLoader for Offline {
    fn load(&self, url: &str) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        Err(format!("{url} is not loaded: values.schema.json is checked offline").into())
    }
}

/// Check `values` (JSON) against `schema` (the text of values.schema.json).
pub fn validate(schema: &str, values: &serde_json::Value) -> Result<Vec<Violation>, BrokenSchema> {
    let schema: serde_json::Value = serde_json::from_str(schema).map_err(|e| BrokenSchema {
        message: e.to_string(),
        line: Some(e.line()),
    })?;
    let mut schemas = Schemas::new();
    let mut compiler = Compiler::new();
    // As Helm 4 (and 3.18+): a schema that names no draft is read as 2020-12, whose `format` is
    // only an annotation (draft 7 would assert it: `date-time` refused where Helm renders).
    compiler.set_default_draft(Draft::V2020_12);
    compiler.use_loader(Box::new(Offline));
    let broken = |e: &dyn std::fmt::Display| BrokenSchema {
        message: format!("{e:#}"),
        line: None,
    };
    compiler
        .add_resource(SCHEMA_URL, schema)
        .map_err(|e| broken(&e))?;
    let index = compiler
        .compile(SCHEMA_URL, &mut schemas)
        .map_err(|e| broken(&e))?;
    let Err(error) = schemas.validate(values, index) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    leaves(&error.detailed_output(), &mut out);
    out.dedup();
    Ok(out)
}

/// The innermost errors of boon's output tree: each names one value and one keyword.
fn leaves(unit: &OutputUnit, out: &mut Vec<Violation>) {
    match &unit.error {
        OutputError::Leaf(kind) => {
            let (en, zh) = describe(kind);
            out.push(Violation {
                instance: unit.instance_location.to_string(),
                en,
                zh,
            });
        }
        OutputError::Branch(units) => units.iter().for_each(|u| leaves(u, out)),
    }
}

/// The common kinds in both languages; the others in boon's words.
fn describe(kind: &ErrorKind) -> (String, String) {
    fn quoted<S: std::fmt::Display>(names: impl IntoIterator<Item = S>) -> String {
        let names: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
        names.join(", ")
    }
    match kind {
        ErrorKind::Type { got, want } => {
            let en: Vec<String> = want.iter().map(|t| t.to_string()).collect();
            let zh: Vec<&str> = want.iter().map(|t| type_zh(&t.to_string())).collect();
            (
                format!("must be {}, not {got}", en.join(" or ")),
                format!("应为{}，而不是{}", zh.join("或"), type_zh(&got.to_string())),
            )
        }
        ErrorKind::Required { want } => {
            let names = quoted(want);
            (
                format!("lacks the required {names}"),
                format!("缺少必填的 {names}"),
            )
        }
        ErrorKind::AdditionalProperties { got } => {
            let names = quoted(got.iter());
            (
                format!("has {names}, which the schema does not allow"),
                format!("含有 schema 不允许的 {names}"),
            )
        }
        ErrorKind::Enum { want } => {
            let allowed: Vec<String> = want.iter().map(|v| v.to_string()).collect();
            let allowed = allowed.join(", ");
            (
                format!("must be one of {allowed}"),
                format!("必须是 {allowed} 之一"),
            )
        }
        ErrorKind::Minimum { got, want } | ErrorKind::ExclusiveMinimum { got, want } => (
            format!("is {got}, below the minimum {want}"),
            format!("为 {got}，小于最小值 {want}"),
        ),
        ErrorKind::Maximum { got, want } | ErrorKind::ExclusiveMaximum { got, want } => (
            format!("is {got}, above the maximum {want}"),
            format!("为 {got}，大于最大值 {want}"),
        ),
        ErrorKind::Pattern { got, want } => (
            format!("`{got}` does not match the pattern `{want}`"),
            format!("`{got}` 不匹配模式 `{want}`"),
        ),
        other => {
            let text = other.to_string();
            (text.clone(), text)
        }
    }
}

/// A JSON type's name in Chinese.
fn type_zh(name: &str) -> &'static str {
    match name {
        "null" => "null",
        "boolean" => "布尔值",
        "object" => "对象",
        "array" => "数组",
        "number" => "数字",
        "string" => "字符串",
        "integer" => "整数",
        _ => "其他类型",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SCHEMA: &str = r##"{
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object",
      "required": ["image"],
      "properties": {
        "replicas": {"type": "integer", "minimum": 1},
        "image": {"$ref": "#/definitions/image"},
        "pullPolicy": {"enum": ["Always", "IfNotPresent"]}
      },
      "definitions": {"image": {"type": "object", "properties": {"tag": {"type": "string"}}, "additionalProperties": false}}
    }"##;

    fn found(values: serde_json::Value) -> Vec<(String, String)> {
        validate(SCHEMA, &values)
            .unwrap()
            .into_iter()
            .map(|v| (v.instance, v.en))
            .collect()
    }

    #[test]
    fn values_that_fit_pass() {
        assert_eq!(found(json!({"replicas": 2, "image": {"tag": "1.0"}})), []);
    }

    #[test]
    fn every_violation_with_its_place() {
        assert_eq!(
            found(json!({"replicas": "2", "pullPolicy": "Never"})),
            [
                ("".to_string(), "lacks the required `image`".to_string()),
                (
                    "/pullPolicy".to_string(),
                    "must be one of \"Always\", \"IfNotPresent\"".to_string()
                ),
                (
                    "/replicas".to_string(),
                    "must be integer, not string".to_string()
                ),
            ]
        );
        assert_eq!(
            found(json!({"replicas": 0, "image": {"tag": 1, "digest": "x"}})),
            [
                (
                    "/image/tag".to_string(),
                    "must be string, not number".to_string()
                ),
                (
                    "/image".to_string(),
                    "has `digest`, which the schema does not allow".to_string()
                ),
                (
                    "/replicas".to_string(),
                    "is 0, below the minimum 1".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_broken_schema_says_where() {
        let e = validate("{\n  \"type\": \n}", &json!({})).unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = validate(r#"{"type": "objekt"}"#, &json!({})).unwrap_err();
        assert!(
            e.message.contains("objekt") || e.message.contains("type"),
            "{}",
            e.message
        );
        // A remote $ref is not fetched.
        let e = validate(r#"{"$ref": "https://example.com/s.json"}"#, &json!({})).unwrap_err();
        assert!(e.message.contains("example.com"), "{}", e.message);
    }
}
