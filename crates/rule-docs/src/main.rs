//! `rule-docs RULES_JSON`: the rules' docs as HTML for the page, on stdout:
//! `[{"id": "CHART-001", "en": "<h3 …", "zh": "<h3 …"}, …]`. RULES_JSON is what
//! `ecplint rules --format json` writes (`[{"id", "docs", …}]`); `scripts/build.sh` runs both.
//! A rule's two languages sit side by side, so gzip sends the second nearly for free.
//!
//! `rule-docs site RULES_JSON PROJECT_DIR OUT_DIR VERSION`: the rules site (`rule_docs::site`)
//! into OUT_DIR (emptied first), its examples written over the project in PROJECT_DIR.

use rule_docs::site::{self, Project, Rule};
use rule_docs::{to_html, Lang};
use serde_json::{json, Value};
use std::path::Path;

const USAGE: &str =
    "usage: rule-docs RULES_JSON | rule-docs site RULES_JSON PROJECT_DIR OUT_DIR VERSION";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [path] => dialog_json(path),
        [cmd, path, project, out, version] if cmd == "site" => {
            write_site(path, Path::new(project), Path::new(out), version)
        }
        _ => fail(USAGE),
    }
}

fn read_rules(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{path}: {e}")))
}

fn dialog_json(path: &str) {
    let rules = read_rules(path);
    let mut out = Vec::with_capacity(rules.len());
    for rule in &rules {
        let (Some(id), Some(docs)) = (rule["id"].as_str(), rule["docs"].as_str()) else {
            fail(&format!("{path}: a rule without an id or docs: {rule}"));
        };
        out.push(json!({ "id": id, "en": to_html(docs, Lang::En), "zh": to_html(docs, Lang::Zh) }));
    }
    println!("{}", Value::Array(out));
}

fn write_site(path: &str, project_dir: &Path, out: &Path, version: &str) {
    let values = read_rules(path);
    let str_of = |v: &Value, key: &str| -> String { v[key].as_str().unwrap_or("").to_string() };
    let owned: Vec<[String; 7]> = values
        .iter()
        .map(|v| {
            [
                // `ecplint rules --format json` calls the English title `title`
                "id", "group", "severity", "title", "title_zh", "section", "docs",
            ]
            .map(|k| str_of(v, k))
        })
        .collect();
    let severities: Vec<Vec<String>> = values
        .iter()
        .map(|v| {
            v["severities"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let rules: Vec<Rule> = owned
        .iter()
        .zip(&severities)
        .map(
            |([id, group, severity, title_en, title_zh, section, docs], sevs)| Rule {
                id,
                group,
                severity,
                severities: sevs.iter().map(String::as_str).collect(),
                title_en,
                title_zh,
                section,
                docs,
            },
        )
        .collect();
    let project = read_project(project_dir);
    let _ = std::fs::remove_dir_all(out);
    for (rel, content) in site::pages(&rules, &project, version) {
        let file = out.join(rel);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
        }
        std::fs::write(&file, content)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", file.display())));
    }
}

/// The project's files, and the folder of its chart (the first `chart/<name>/Chart.yaml`).
fn read_project(dir: &Path) -> Project {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
                out.push((rel.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    let chart = files
        .iter()
        .find_map(|(p, _)| {
            p.strip_suffix("/Chart.yaml")
                .filter(|c| c.starts_with("chart/"))
        })
        .unwrap_or_else(|| fail(&format!("{}: no chart/<name>/Chart.yaml", dir.display())))
        .to_string();
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    Project { name, chart, files }
}

fn fail(message: &str) -> ! {
    eprintln!("rule-docs: {message}");
    std::process::exit(1)
}
