//! What a rule reads: the scopes of [`super::Check`].

use crate::chart::{Chart, Project};
use crate::input::Input;

/// The scope a rule reads, for docs and listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Input,
    Project,
    Chart,
    Catalog,
    Upgrade,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Input => "input",
            Scope::Project => "project",
            Scope::Chart => "chart",
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
