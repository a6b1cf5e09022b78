//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format) for code-scanning services
//! and editors: one run, the whole rule catalog as `tool.driver.rules`, one result per finding.

use super::{rule_docs, rule_title, view, InputView};
use crate::diagnostic::{Lang, Severity};
use crate::report::Report;
use crate::rules::{Rule, ALL};
use serde_json::{json, Map, Value};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where the tool is documented (`tool.driver.informationUri`): the package's repository or
/// homepage when Cargo.toml names one.
pub fn information_uri() -> &'static str {
    match (
        option_env!("CARGO_PKG_REPOSITORY"),
        option_env!("CARGO_PKG_HOMEPAGE"),
    ) {
        (Some(r), _) if !r.is_empty() => r,
        (_, Some(h)) if !h.is_empty() => h,
        _ => "https://crates.io/crates/ecplint",
    }
}

/// SARIF `level` of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Render a report as a SARIF log. `views[i]` maps the paths of `report.inputs[i]` to the paths
/// the user gave (so `artifactLocation.uri` resolves from the working folder); `lang` chooses the
/// language of `message.text` (both languages are always in `properties`).
pub fn render(report: &Report, views: &[InputView], lang: Lang) -> String {
    serde_json::to_string_pretty(&to_value(report, views, lang)).expect("SARIF serializes")
}

/// The SARIF log as a JSON value.
pub fn to_value(report: &Report, views: &[InputView], lang: Lang) -> Value {
    let rules: Vec<Value> = ALL.iter().map(|r| rule_descriptor(r)).collect();
    let mut results = Vec::new();
    for (i, input) in report.inputs.iter().enumerate() {
        let v = view(views, i);
        for d in &input.diagnostics {
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(d.rule));
            if let Some(index) = ALL.iter().position(|r| r.id == d.rule) {
                result.insert("ruleIndex".into(), json!(index));
            }
            result.insert("level".into(), json!(level(d.severity)));
            let text = super::message_with_help(d, lang);
            result.insert("message".into(), json!({ "text": text }));
            if let Some(file) = &d.file {
                let mut physical = Map::new();
                physical.insert(
                    "artifactLocation".into(),
                    json!({ "uri": uri(&v.display_path(file)) }),
                );
                if let Some(r) = &d.range {
                    physical.insert(
                        "region".into(),
                        json!({
                            "startLine": r.start.line.max(1),
                            "startColumn": r.start.column.max(1),
                            "endLine": r.end.line.max(r.start.line).max(1),
                            "endColumn": r.end.column.max(1),
                        }),
                    );
                }
                result.insert(
                    "locations".into(),
                    json!([{ "physicalLocation": physical }]),
                );
            }
            let mut props = Map::new();
            props.insert("input".into(), json!(input.path));
            if let Some(chart) = &d.chart {
                props.insert("chart".into(), json!(chart));
            }
            if let Some(file) = &d.file {
                props.insert("file".into(), json!(file));
            }
            props.insert("message".into(), json!(d.message.en));
            props.insert("message_zh".into(), json!(d.message.zh));
            if let Some(h) = &d.help {
                props.insert("help".into(), json!(h.en));
                props.insert("help_zh".into(), json!(h.zh));
            }
            // A `.ecplint.yaml` changed the level: the rule's own, and which file.
            if let Some(c) = &d.configured {
                props.insert(
                    "configured".into(),
                    json!({ "rule_severity": c.severity, "config": c.by }),
                );
            }
            result.insert("properties".into(), Value::Object(props));
            // An inline suppression (SARIF §3.35): viewers show the result as suppressed.
            // The baseline is a suppression kept outside the files: "external".
            if let Some(reason) = &d.suppressed {
                let kind = if d.baselined { "external" } else { "inSource" };
                result.insert(
                    "suppressions".into(),
                    json!([{ "kind": kind, "justification": reason }]),
                );
            }
            results.push(Value::Object(result));
        }
    }
    let unreadable = report.inputs.iter().any(|i| i.unreadable);
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": report.tool.name,
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "informationUri": information_uri(),
                    "rules": rules,
                }
            },
            "invocations": [{ "executionSuccessful": !unreadable }],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": { "summary": report.summary },
        }]
    })
}

fn rule_descriptor(rule: &Rule) -> Value {
    let title = rule_title(rule, Lang::En);
    let docs = rule_docs(rule);
    let full = if docs.is_empty() {
        title.to_string()
    } else {
        docs
    };
    json!({
        "id": rule.id,
        "name": pascal_case(title, rule.id),
        "shortDescription": { "text": title },
        "fullDescription": { "text": full, "markdown": full },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "group": rule.group.as_str(),
            "section": rule.section,
            "title_zh": rule.title_zh,
        },
    })
}

/// `No chart found` → `NoChartFound` (SARIF's `name`: an identifier-like rule name).
fn pascal_case(title: &str, fallback: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// A path as a URI reference: unreserved characters and `/` stay, the rest is %-encoded (UTF-8);
/// an absolute path becomes a `file://` URI.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(uri("a b/中.yaml"), "a%20b/%E4%B8%AD.yaml");
        assert_eq!(uri("/tmp/x.yaml"), "file:///tmp/x.yaml");
        assert_eq!(uri("c:x"), "c%3Ax");
    }

    #[test]
    fn names() {
        assert_eq!(pascal_case("No chart found", "X"), "NoChartFound");
        assert_eq!(pascal_case("", "CHART-001"), "CHART-001");
    }

    #[test]
    fn every_rule_is_described() {
        let v = to_value(&Report::new(vec![]), &[], Lang::En);
        let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), ALL.len());
        assert_eq!(v["version"], "2.1.0");
    }
}
