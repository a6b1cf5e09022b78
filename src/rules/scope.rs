//! What a rule reads: the scopes of [`super::Check`].

use super::Findings;
use crate::chart::{Chart, Project};
use crate::diagnostic::{Diagnostic, Range, Text};
use crate::input::Input;
use crate::render::manifests::{self, Manifests, Object};
use crate::text;

/// The scope a rule reads, for docs and listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Input,
    Project,
    Chart,
    Manifests,
    Catalog,
    Upgrade,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Input => "input",
            Scope::Project => "project",
            Scope::Chart => "chart",
            Scope::Manifests => "manifests",
            Scope::Catalog => "catalog",
            Scope::Upgrade => "upgrade",
        }
    }
}

/// One input: the files read from it (and what went wrong reading them), and its charts.
#[derive(Clone, Copy)]
pub struct InputScope<'a> {
    pub input: &'a Input,
    /// Every chart of the input, in path order (subcharts under `charts/` are not charts here).
    pub charts: &'a [Chart<'a>],
    /// Each chart's rendered manifests, in the order of `charts` (empty when the run did not
    /// render: the manifest rules then have nothing to read).
    pub manifests: &'a [Manifests],
}

impl<'a> InputScope<'a> {
    /// The ECP projects of the input, each with its charts in path order.
    pub fn projects(&self) -> Vec<ProjectScope<'a>> {
        let mut out: Vec<ProjectScope<'a>> = Vec::new();
        for chart in self.charts {
            let Some(project) = &chart.project else {
                continue;
            };
            match out.iter_mut().find(|p| p.project.prefix == project.prefix) {
                Some(p) => p.charts.push(chart),
                None => out.push(ProjectScope {
                    project,
                    charts: vec![chart],
                }),
            }
        }
        out
    }
}

/// One ECP project: `<project>/Makefile`, `<project>/chart/*/` and `<project>/hook/`.
pub struct ProjectScope<'a> {
    pub project: &'a Project<'a>,
    /// The project's charts, in path order; never empty.
    pub charts: Vec<&'a Chart<'a>>,
}

impl<'a> ProjectScope<'a> {
    /// The project's first chart (by path): project findings are shown under its name.
    pub fn lead(&self) -> &'a Chart<'a> {
        self.charts[0]
    }
}

/// Two versions of one product: `old` is installed, `new` is its upgrade.
pub struct UpgradeScope<'a> {
    pub old: &'a Chart<'a>,
    pub new: &'a Chart<'a>,
}

/// One chart with its rendered manifests.
pub struct ManifestScope<'a> {
    pub chart: &'a Chart<'a>,
    pub manifests: &'a Manifests,
}

impl<'a> ManifestScope<'a> {
    /// The objects of these kinds.
    pub fn of_kind(&self, kinds: &'static [&'static str]) -> impl Iterator<Item = Object<'a>> {
        self.manifests.objects_of(kinds)
    }

    /// Whether a template that did not render (it failed, or needs a dependency missing from
    /// the input) may define an object of `kind`: its text has `kind: <kind>`, or it includes
    /// a `*.manifests.*` template (helm-toolkit's `manifests.service`, `manifests.job_*`).
    pub fn unrendered_may_define(&self, kind: &str) -> bool {
        let rendered = &self.manifests.rendered;
        let templates = rendered
            .errors
            .iter()
            .map(|e| e.template.as_str())
            .chain(rendered.not_rendered.iter().map(|n| n.template.as_str()));
        let needle = format!("kind: {kind}");
        // A template not among the chart's own files (a subchart archive's) is not read: it may.
        let may = |t: &str| {
            self.chart
                .file(t.split_once('/').map_or(t, |(_, rel)| rel))
                .is_none_or(|file| {
                    let text = String::from_utf8_lossy(&file.data);
                    text.lines().any(|l| l.trim() == needle) || text.contains(".manifests.")
                })
        };
        rendered.fatal.is_some() || templates.into_iter().any(may)
    }

    /// Report a finding about `range` of `object`'s document at the template line that wrote
    /// it; the message names the object and shows the rendered line.
    pub fn report<'f>(
        &self,
        out: &'f mut Findings,
        object: &Object,
        range: Range,
        message: Text,
    ) -> &'f mut Diagnostic {
        let place = manifests::place(self.chart, object, range);
        let (label, rendered) = (object.label(), place.rendered);
        let (en, zh) = (message.en, message.zh);
        let message = text!(
            "{en} ({label} renders `{rendered}`)",
            "{zh}（{label} 渲染为 `{rendered}`）"
        );
        out.report(&place.file, place.range, message)
    }

    /// Report a finding about `object` as a whole (at its `kind:` line).
    pub fn report_object<'f>(
        &self,
        out: &'f mut Findings,
        object: &Object,
        message: Text,
    ) -> &'f mut Diagnostic {
        let range = object
            .root
            .entry("kind")
            .map_or(object.root.range, |e| e.key.range);
        self.report(out, object, range, message)
    }
}
