//! The report (REPORT.md): one shape for the page, the JS API and `--format json`.
//! Fields are only ever added; a breaking change bumps `SCHEMA`.

use crate::diagnostic::{Diagnostic, Severity};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub const SCHEMA: u32 = 1;

/// `charts[].resources`: the requirement the platform computes.
pub use crate::chart::resources::{ResourceItem, ResourceSource, Resources};
/// The config preview behind `charts[].config` (also how `wasm.rs` reaches it: the wasm tests
/// compile that file in a crate that re-exports `report`).
pub use crate::config;
/// The navigation preview behind `charts[].navigation` (and how `wasm.rs` reaches it).
pub use crate::navigation;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: u32,
    pub tool: Tool,
    pub inputs: Vec<InputReport>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputReport {
    pub path: String,
    pub charts: Vec<ChartReport>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read from the input (additive field: lets a viewer list and open them).
    pub files: Vec<FileEntry>,
    /// True when nothing could be read (additive field; the CLI exits 2).
    pub unreadable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    /// Changed by the user since the input was given (additive field: the page's editor).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartReport {
    pub name: String,
    /// Chart.yaml `version` as written (a float `1.0` is given as its text).
    pub version: Option<String>,
    pub root: String,
    pub resources: Option<Resources>,
    /// Subcharts found under `charts/` (additive field).
    pub subcharts: Vec<String>,
    /// The config preview (additive field): present for charts with a `_config_helpers.yaml.tpl`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<crate::config::ConfigReport>,
    /// The navigation preview (additive field): the items each role sees, for charts with a
    /// `_navigation.yaml` (README "Navigation preview").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub navigation: Option<crate::navigation::NavigationReport>,
    /// What rendering the chart as the platform installs it gave (additive field, issue 10):
    /// documents per kind, templates that failed or were not rendered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifests: Option<ManifestsSummary>,
    /// What the rendered workloads request × replicas (additive field), beside `resources`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered_resources: Option<crate::render::usage::RenderedResources>,
    /// Every image the rendered containers run, with its place (additive field).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<crate::render::usage::ImageUse>,
}

/// `charts[].manifests`: the chart's render, in short.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ManifestsSummary {
    pub documents: usize,
    /// Documents per kind, by kind.
    pub kinds: std::collections::BTreeMap<String, usize>,
    /// The same, under the name REPORT.md gives it.
    pub by_kind: std::collections::BTreeMap<String, usize>,
    /// Templates that failed (HELM-002, HELM-006, HELM-007 say why).
    pub failed: Vec<String>,
    /// The same with where and why, as REPORT.md names it: the place is the failing action's
    /// (in a helper file when an `include` failed there).
    pub failed_templates: Vec<FailedTemplate>,
    /// Templates not rendered because a dependency is missing: (template, dependency).
    pub not_rendered: Vec<NotRenderedTemplate>,
    /// Why nothing rendered, when nothing did (English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fatal: Option<String>,
    /// Rendered with the user's values (`check --values/--set`, the page's values panel), not
    /// values.yaml alone.
    pub user_values: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedTemplate {
    pub template: String,
    pub line: u32,
    pub column: u32,
    /// The error in Go's words (English), without the `template: NAME:LINE:COL:` head helm adds.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotRenderedTemplate {
    pub template: String,
    pub dependency: String,
}

impl ManifestsSummary {
    pub fn of(manifests: &crate::render::manifests::Manifests) -> ManifestsSummary {
        let rendered = &manifests.rendered;
        let mut kinds = std::collections::BTreeMap::new();
        for d in &rendered.documents {
            *kinds.entry(d.kind.clone()).or_insert(0) += 1;
        }
        ManifestsSummary {
            documents: rendered.documents.len(),
            by_kind: kinds.clone(),
            kinds,
            failed: rendered.errors.iter().map(|e| e.template.clone()).collect(),
            failed_templates: rendered
                .errors
                .iter()
                .map(|e| FailedTemplate {
                    template: e.error.at.template.to_string(),
                    line: e.error.at.line,
                    column: e.error.at.col,
                    message: e.error.message.clone(),
                })
                .collect(),
            not_rendered: rendered
                .not_rendered
                .iter()
                .map(|n| NotRenderedTemplate {
                    template: n.template.clone(),
                    dependency: n.dependency.clone(),
                })
                .collect(),
            fatal: rendered.fatal.as_ref().map(|f| f.message.en.clone()),
            user_values: manifests.user_values,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings an inline suppression or the baseline silenced (not in the counts above;
    /// additive field).
    pub suppressed: usize,
    /// Of `suppressed`, those the baseline (`--baseline`) silenced (additive field, present
    /// when not 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn count<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
        let mut s = Summary::default();
        for d in diags {
            if d.suppressed.is_some() {
                s.suppressed += 1;
                s.baselined += usize::from(d.baselined);
                continue;
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

impl Report {
    pub fn new(inputs: Vec<InputReport>) -> Report {
        let summary = Summary::count(inputs.iter().flat_map(|i| &i.diagnostics));
        Report {
            schema: SCHEMA,
            tool: Tool {
                name: "ecplint",
                version: env!("CARGO_PKG_VERSION"),
            },
            inputs,
            summary,
        }
    }
    /// Exit code of REPORT.md: 2 when an input could not be read, 1 on an error, else 0.
    pub fn exit_code(&self) -> i32 {
        self.exit_code_at(Severity::Error)
    }
    /// 2 when an input could not be read, 1 when a finding is at least as severe as `fail_on`
    /// (`--fail-on warning`: a warning or an error), else 0.
    pub fn exit_code_at(&self, fail_on: Severity) -> i32 {
        let failing = self
            .inputs
            .iter()
            .flat_map(|i| &i.diagnostics)
            .any(|d| d.severity <= fail_on && d.suppressed.is_none());
        if self.inputs.iter().any(|i| i.unreadable) {
            2
        } else if failing {
            1
        } else {
            0
        }
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serializes")
    }
}

/// `"suppressed": { "reason": "…" }` (REPORT.md), with `"kind": "baseline"` when the baseline
/// silenced it (absent: an inline suppression).
#[derive(Serialize)]
struct Suppressed<'a> {
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

/// `"configured": { "rule_severity": "error", "config": "proj/.ecplint.yaml" }`: the severity
/// the rule gave, which that file changed to `severity`.
#[derive(Serialize)]
struct ConfiguredJson<'a> {
    rule_severity: crate::diagnostic::Severity,
    config: &'a str,
}

/// Diagnostics serialize flat, as REPORT.md shows (`line`, `column`, `end_line`, `end_column`,
/// `message`, `message_zh`, `help`), plus `help_zh` and `rule_group`.
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("rule", self.rule)?;
        m.serialize_entry("severity", &self.severity)?;
        if let Some(chart) = &self.chart {
            m.serialize_entry("chart", chart)?;
        }
        if let Some(file) = &self.file {
            m.serialize_entry("file", file)?;
        }
        if let Some(r) = &self.range {
            m.serialize_entry("line", &r.start.line)?;
            m.serialize_entry("column", &r.start.column)?;
            m.serialize_entry("end_line", &r.end.line)?;
            m.serialize_entry("end_column", &r.end.column)?;
        }
        m.serialize_entry("message", &self.message.en)?;
        m.serialize_entry("message_zh", &self.message.zh)?;
        if let Some(h) = &self.help {
            m.serialize_entry("help", &h.en)?;
            m.serialize_entry("help_zh", &h.zh)?;
        }
        if let Some(reason) = &self.suppressed {
            let kind = self.baselined.then_some("baseline");
            m.serialize_entry("suppressed", &Suppressed { reason, kind })?;
        }
        if let Some(c) = &self.configured {
            let configured = ConfiguredJson {
                rule_severity: c.severity,
                config: &c.by,
            };
            m.serialize_entry("configured", &configured)?;
        }
        m.end()
    }
}
