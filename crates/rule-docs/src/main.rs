//! `rule-docs RULES_JSON`: the rules' docs as HTML for the page, on stdout:
//! `[{"id": "CHART-001", "en": "<h3 …", "zh": "<h3 …"}, …]`. RULES_JSON is what
//! `ecplint rules --format json` writes (`[{"id", "docs", …}]`); `scripts/build.sh` runs both.
//! A rule's two languages sit side by side, so gzip sends the second nearly for free.

use rule_docs::{to_html, Lang};
use serde_json::{json, Value};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| fail("usage: rule-docs RULES_JSON"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    let rules: Vec<Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    let mut out = Vec::with_capacity(rules.len());
    for rule in &rules {
        let (Some(id), Some(docs)) = (rule["id"].as_str(), rule["docs"].as_str()) else {
            fail(&format!("{path}: a rule without an id or docs: {rule}"));
        };
        out.push(json!({ "id": id, "en": to_html(docs, Lang::En), "zh": to_html(docs, Lang::Zh) }));
    }
    println!("{}", Value::Array(out));
}

fn fail(message: &str) -> ! {
    eprintln!("rule-docs: {message}");
    std::process::exit(1)
}
