//! ecplint: a validator for EasyStack ECP cloud product charts.
//!
//! The core knows nothing of wasm or the command line: give it [`input::Source`]s, get a
//! [`report::Report`]. `wasm.rs` and `bin/ecplint.rs` are thin layers over [`check`].

// Rule docs tag their examples ```yaml,fail,file=…: test-harness attributes, not rustdoc's.
#![allow(rustdoc::invalid_codeblock_attributes)]

pub mod chart;
pub mod config;
pub mod config_helpers;
pub mod diagnostic;
pub mod input;
pub mod mako;
pub mod navigation;
pub mod output;
pub mod report;
pub mod resources;
pub mod rules;
pub mod version;
pub mod yaml;

#[cfg(target_arch = "wasm32")]
mod wasm;

use diagnostic::{Diagnostic, Lang};
use report::{ChartReport, FileEntry, InputReport, Report};
use rules::{Findings, ALL};

/// What a check run may be told.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: input::Limits,
    pub lang: Lang,
    /// Navigation categories that exist on the user's platform besides `_category.yaml`'s
    /// (NAV-007; the CLI's `--categories`, the page's setting).
    pub known_categories: Vec<String>,
}

/// Check every source and build one report.
pub fn check(sources: Vec<input::Source>, options: &Options) -> Report {
    let inputs: Vec<input::Input> = sources
        .into_iter()
        .map(|s| input::load(s, &options.limits))
        .collect();
    let mut reports: Vec<InputReport> = inputs
        .iter()
        .map(|i| check_input_with(i, options))
        .collect();
    check_catalog(&inputs.iter().collect::<Vec<_>>(), &mut reports);
    Report::new(reports)
}

/// The catalog-level pass over every input of a run (`reports[i]` is `inputs[i]`'s report):
/// each chart with a `_config_helpers.yaml.tpl` gets `config`, its config preview, whose
/// template sees the other charts' configs.
pub fn check_catalog(inputs: &[&input::Input], reports: &mut [InputReport]) {
    config::annotate(inputs, reports);
}

/// Check one input that has been read into files, with default options.
pub fn check_input(input: &input::Input) -> InputReport {
    check_input_with(input, &Options::default())
}

/// Check one input that has been read into files.
pub fn check_input_with(input: &input::Input, options: &Options) -> InputReport {
    let mut diagnostics = input.diagnostics.clone();
    let mut charts = chart::discover(input);
    for c in &mut charts {
        c.known_categories.clone_from(&options.known_categories);
    }
    if charts.is_empty() && !input.unreadable {
        diagnostics.push(rules::layout::layout_001::no_chart(input));
    }
    let mut chart_reports = Vec::with_capacity(charts.len());
    for c in &charts {
        let name = c.name();
        for rule in ALL {
            if let Some(check) = rule.check {
                let mut findings = Findings::new(rule, Some(name.clone()));
                check(c, &mut findings);
                diagnostics.extend(findings.into_diagnostics());
            }
        }
        chart_reports.push(ChartReport {
            version: c.chart_yaml.as_ref().and_then(|y| {
                y.root()?
                    .get("version")?
                    .as_scalar()
                    .map(|s| s.text.clone())
            }),
            root: c.prefix.trim_end_matches('/').to_string(),
            resources: Some(c.resources().resources.clone()),
            subcharts: c.subcharts.clone(),
            navigation: navigation::report(c),
            config: None,
            name,
        });
    }
    sort(&mut diagnostics);
    InputReport {
        path: input.path.clone(),
        charts: chart_reports,
        diagnostics,
        files: input
            .files
            .iter()
            .map(|f| FileEntry {
                path: f.path.clone(),
                size: f.data.len() as u64,
            })
            .collect(),
        unreadable: input.unreadable,
    }
}

/// Order findings by file, then place, then rule, so output is stable.
fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.range.map(|r| r.start), a.rule).cmp(&(
            &b.file,
            b.range.map(|r| r.start),
            b.rule,
        ))
    });
}
