//! The baseline: today's findings, recorded so that a later run reports only new ones
//! (`ecplint check --write-baseline F`, then `--baseline F`).
//!
//! A finding is recorded by a fingerprint that survives moving lines: its rule, file, chart,
//! English message and where it is in terms of the file's content — the key path in a YAML
//! file (`images.tags.hook`), else the text of its line (a template, a script), never a line
//! number. Equal fingerprints are counted: three findings recorded, three accepted.
//!
//! The file is JSON, versioned (`"ecplint_baseline": 1`), sorted and pretty-printed so that it
//! diffs well under version control.

use crate::diagnostic::{Diagnostic, Pos, Text};
use crate::input::File;
use crate::report::{Report, Summary};
use crate::text;
use crate::yaml::{self, Kind, Node};
use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;

/// What a baselined finding's `suppressed.reason` says.
pub const REASON: &str = "in the baseline";

/// A finding as the baseline records it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint {
    pub rule: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chart: String,
    /// The key path (YAML) or the trimmed text of the finding's line; empty without a place.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(flatten)]
    pub fingerprint: Fingerprint,
    /// How many findings have this fingerprint.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub ecplint_baseline: u32,
    /// The version of ecplint that wrote it (informative).
    #[serde(default)]
    pub tool_version: String,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// The findings of `report` that are not suppressed already; `inputs[i]` are input `i`'s
    /// files (for the fingerprints' places).
    pub fn of(report: &Report, inputs: &[&[File]]) -> Baseline {
        let mut prints = fingerprints(report, inputs)
            .into_iter()
            .filter_map(|(d, print)| d.suppressed.is_none().then_some(print))
            .collect::<Vec<_>>();
        prints.sort();
        let mut findings: Vec<Entry> = Vec::new();
        for print in prints {
            match findings.last_mut() {
                Some(last) if last.fingerprint == print => last.count += 1,
                _ => findings.push(Entry {
                    fingerprint: print,
                    count: 1,
                }),
            }
        }
        Baseline {
            ecplint_baseline: VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a baseline serializes") + "\n"
    }

    /// Read a baseline file's text; the error says what is wrong.
    pub fn parse(json: &str) -> Result<Baseline, Text> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
            text!(
                "not an ecplint baseline (JSON): {e}",
                "不是 ecplint 基线文件（JSON）：{e}"
            )
        })?;
        let Some(object) = value.as_object() else {
            return Err(text!(
                "not an ecplint baseline (JSON): not an object",
                "不是 ecplint 基线文件（JSON）：不是对象"
            ));
        };
        match object.get("ecplint_baseline") {
            Some(v) if *v == serde_json::json!(VERSION) => {}
            Some(v) => {
                return Err(text!(
                    "baseline version {v} is not one this ecplint reads ({VERSION}): write it again with --write-baseline",
                    "本版 ecplint 无法读取版本为 {v} 的基线（支持 {VERSION}）：请用 --write-baseline 重新生成"
                ))
            }
            None => {
                return Err(text!(
                    "not an ecplint baseline: no `ecplint_baseline` version",
                    "不是 ecplint 基线文件：缺少 `ecplint_baseline` 版本"
                ))
            }
        }
        serde_json::from_value(value)
            .map_err(|e| text!("the baseline is damaged: {e}", "基线文件已损坏：{e}"))
    }

    /// Mark the findings of `report` the baseline holds as suppressed (`baselined`), as many of
    /// each fingerprint as it counts, and count them in the summary. Returns how many.
    pub fn apply(&self, report: &mut Report, inputs: &[&[File]]) -> usize {
        // Sorted as written (`of` sorts); a hand-edited file may not be: sort again.
        let mut left: Vec<(&Fingerprint, usize)> = self
            .findings
            .iter()
            .map(|e| (&e.fingerprint, e.count))
            .collect();
        left.sort();
        let prints: Vec<Fingerprint> = fingerprints(report, inputs)
            .into_iter()
            .map(|(_, print)| print)
            .collect();
        let mut prints = prints.iter();
        let mut matched = 0;
        for d in report.inputs.iter_mut().flat_map(|i| &mut i.diagnostics) {
            let print = prints.next().expect("one fingerprint a finding");
            if d.suppressed.is_some() {
                continue;
            }
            let Ok(i) = left.binary_search_by(|(p, _)| (*p).cmp(print)) else {
                continue;
            };
            if left[i].1 == 0 {
                continue;
            }
            left[i].1 -= 1;
            d.suppressed = Some(REASON.to_string());
            d.baselined = true;
            matched += 1;
        }
        report.summary = Summary::count(report.inputs.iter().flat_map(|i| &i.diagnostics));
        matched
    }

    /// How many findings the baseline records (its counts summed).
    pub fn len(&self) -> usize {
        self.findings.iter().map(|e| e.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Every finding of `report`, in order, with its fingerprint.
fn fingerprints<'r>(report: &'r Report, inputs: &[&[File]]) -> Vec<(&'r Diagnostic, Fingerprint)> {
    let mut out = Vec::new();
    for (i, input) in report.inputs.iter().enumerate() {
        let files = inputs.get(i).copied().unwrap_or(&[]);
        // Each file's YAML is parsed once, when a finding first needs it.
        let mut parsed: Vec<(&str, Option<yaml::Yaml>)> = Vec::new();
        for d in &input.diagnostics {
            let at = match (&d.file, d.range) {
                (Some(path), Some(range)) => {
                    let file = files.iter().find(|f| &f.path == path);
                    let text = file.and_then(crate::chart::decode).unwrap_or_default();
                    let k = match parsed.iter().position(|(p, _)| p == path) {
                        Some(k) => k,
                        None => {
                            parsed.push((path, plain_yaml(path, text)));
                            parsed.len() - 1
                        }
                    };
                    let path_in_yaml = parsed[k]
                        .1
                        .as_ref()
                        .and_then(|y| key_path(y.root()?, range.start));
                    path_in_yaml.unwrap_or_else(|| {
                        let line = text.lines().nth(range.start.line.saturating_sub(1));
                        line.unwrap_or_default().trim().to_string()
                    })
                }
                _ => String::new(),
            };
            out.push((
                d,
                Fingerprint {
                    rule: d.rule.to_string(),
                    file: d.file.clone().unwrap_or_default(),
                    chart: d.chart.clone().unwrap_or_default(),
                    at,
                    message: d.message.en.clone(),
                },
            ));
        }
    }
    out
}

/// The file's YAML when it is plain YAML (no template in it) that parses cleanly.
fn plain_yaml(path: &str, text: &str) -> Option<yaml::Yaml> {
    let yaml_name = [".yaml", ".yml", ".json"].iter().any(|e| path.ends_with(e));
    if !yaml_name || text.contains("{{") || text.contains("${") {
        return None;
    }
    let parsed = yaml::parse(text, yaml::YamlLimits::default());
    parsed.problems.is_empty().then_some(parsed)
}

/// The key path (`images.tags.hook`, `items[2].name`) of the deepest node at `pos`.
fn key_path(root: &Node, pos: Pos) -> Option<String> {
    let inside = |n: &Node| n.range.start <= pos && pos < n.range.end;
    let mut path = String::new();
    let mut node = root;
    loop {
        match &node.kind {
            Kind::Map(entries) => {
                let Some(entry) = entries.iter().find(|e| inside(&e.key) || inside(&e.value))
                else {
                    break;
                };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&entry.key.key_string());
                if inside(&entry.key) {
                    break;
                }
                node = &entry.value;
            }
            Kind::Seq(items) => {
                let Some(i) = items.iter().position(inside) else {
                    break;
                };
                path.push_str(&format!("[{i}]"));
                node = &items[i];
            }
            Kind::Scalar(_) => break,
        }
    }
    (!path.is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Input;
    use crate::rules::tester::{good_project, CHART_ROOT};
    use crate::{Options, Workspace};

    const VALUES: &str = "images:\n  tags:\n    hook: busybox:latest\n    api: api:latest\n";

    /// The good project with its values.yaml (and other files) written over.
    fn project(files: &[(&str, &str)]) -> Input {
        let mut input = good_project();
        for (rel, text) in files {
            let path = format!("{CHART_ROOT}{rel}");
            input.files.retain(|f| f.path != path);
            input.files.push(File {
                path,
                data: text.as_bytes().to_vec(),
            });
        }
        input
    }

    fn check(input: Input) -> (Report, Input) {
        let mut ws = Workspace::new(Options::default());
        ws.add_input(input.clone());
        (ws.check(), input)
    }

    fn baseline_of(input: Input) -> Baseline {
        let (report, input) = check(input);
        Baseline::of(&report, &[&input.files])
    }

    /// The findings not baselined after applying `baseline`: (rule, line).
    fn new_findings(baseline: &Baseline, input: Input) -> (Vec<(&'static str, usize)>, Report) {
        let (mut report, input) = check(input);
        baseline.apply(&mut report, &[&input.files]);
        let new = report.inputs[0]
            .diagnostics
            .iter()
            .filter(|d| d.suppressed.is_none())
            .map(|d| (d.rule, d.range.map_or(0, |r| r.start.line)))
            .collect();
        (new, report)
    }

    #[test]
    fn fingerprints_name_the_key_path_not_the_line() {
        let b = baseline_of(project(&[("values.yaml", VALUES)]));
        let img: Vec<&str> = b
            .findings
            .iter()
            .filter(|e| e.fingerprint.rule == "IMG-001")
            .map(|e| e.fingerprint.at.as_str())
            .collect();
        assert_eq!(img, ["images.tags.api", "images.tags.hook"]);
        assert!(!b.to_json().contains("\"line\""));
        // Sorted and stable: the same input writes the same bytes.
        let again = baseline_of(project(&[("values.yaml", VALUES)]));
        assert_eq!(b.to_json(), again.to_json());
        assert_eq!(Baseline::parse(&b.to_json()).unwrap(), b);
    }

    #[test]
    fn moved_lines_still_match_and_new_findings_do_not() {
        let b = baseline_of(project(&[("values.yaml", VALUES)]));
        let moved = VALUES.replace("images:\n", "images:\n  # pinned soon\n\n") + "other: 1\n";
        let (new, report) = new_findings(&b, project(&[("values.yaml", &moved)]));
        assert_eq!(new, []);
        let recorded: usize = b.findings.iter().map(|e| e.count).sum();
        assert_eq!(report.summary.baselined, recorded);
        assert_eq!(report.summary.suppressed, report.summary.baselined);
        assert_eq!(report.summary.errors, 0);
        let d = report.inputs[0]
            .diagnostics
            .iter()
            .find(|d| d.rule == "IMG-001")
            .unwrap();
        let json = serde_json::to_value(d).unwrap();
        assert_eq!(
            json["suppressed"],
            serde_json::json!({"reason": REASON, "kind": "baseline"})
        );
        // A third image is new; the other two stay accepted.
        let more = format!("{VALUES}    db: db:latest\n");
        let (new, _) = new_findings(&b, project(&[("values.yaml", &more)]));
        assert_eq!(new, [("IMG-001", 5)]);
    }

    #[test]
    fn a_changed_message_is_new() {
        let b = baseline_of(project(&[("values.yaml", VALUES)]));
        let changed = VALUES.replace("busybox:latest", "busybox");
        let (new, _) = new_findings(&b, project(&[("values.yaml", &changed)]));
        assert_eq!(new, [("IMG-001", 3)]);
    }

    #[test]
    fn equal_fingerprints_are_counted() {
        let finding = || {
            let mut d = Diagnostic::new(
                "XCP-1",
                crate::diagnostic::Severity::Error,
                text!("same", "同"),
            );
            d.chart = Some("a".into());
            d
        };
        let report = |n: usize| {
            Report::new(vec![crate::report::InputReport {
                path: "in".into(),
                charts: vec![],
                diagnostics: (0..n).map(|_| finding()).collect(),
                files: vec![],
                unreadable: false,
            }])
        };
        let b = Baseline::of(&report(2), &[]);
        assert_eq!(b.findings.len(), 1);
        assert_eq!(b.findings[0].count, 2);
        let mut three = report(3);
        assert_eq!(b.apply(&mut three, &[]), 2);
        assert_eq!(b.len(), 2);
        // One found of two recorded: the other is gone (fixed).
        assert_eq!(b.apply(&mut report(1), &[]), 1);
        assert_eq!(three.summary.errors, 1);
        assert_eq!((three.summary.suppressed, three.summary.baselined), (2, 2));
    }

    #[test]
    fn already_suppressed_findings_are_not_recorded() {
        let values = "images:\n  tags:\n    # ecplint-disable-next-line IMG-001 -- mirrored\n    hook: busybox:latest\n";
        let b = baseline_of(project(&[("values.yaml", values)]));
        assert!(b.findings.iter().all(|e| e.fingerprint.rule != "IMG-001"));
    }

    #[test]
    fn bad_files() {
        for (text, says) in [
            ("", "not an ecplint baseline (JSON)"),
            ("[1]", "not an ecplint baseline (JSON)"),
            ("{\"findings\": []}", "no `ecplint_baseline` version"),
            (
                "{\"ecplint_baseline\": 2, \"findings\": []}",
                "baseline version 2",
            ),
            (
                "{\"ecplint_baseline\": 1, \"findings\": [{\"rule\": 1}]}",
                "the baseline is damaged",
            ),
            ("{\"ecplint_baseline\": 1}", "the baseline is damaged"),
        ] {
            let e = Baseline::parse(text).unwrap_err();
            assert!(e.en.contains(says), "{text}: {}", e.en);
            assert!(!e.zh.is_empty());
        }
        let minimal = "{\"ecplint_baseline\": 1, \"findings\": [{\"rule\": \"X-1\", \"message\": \"m\", \"count\": 2}]}";
        assert_eq!(Baseline::parse(minimal).unwrap().findings[0].count, 2);
    }

    #[test]
    fn key_paths() {
        let y = yaml::parse("a:\n  b: [x, {c: 1}]\nd: 2\n", Default::default());
        let root = y.root().unwrap();
        let at = |line, column| key_path(root, Pos { line, column });
        assert_eq!(at(1, 1).as_deref(), Some("a"));
        assert_eq!(at(2, 3).as_deref(), Some("a.b"));
        assert_eq!(at(2, 7).as_deref(), Some("a.b[0]"));
        assert_eq!(at(2, 14).as_deref(), Some("a.b[1].c"));
        assert_eq!(at(3, 4).as_deref(), Some("d"));
    }
}
