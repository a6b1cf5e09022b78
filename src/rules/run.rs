//! Running rules over their scopes. The order of findings is stable: by file, place, then rule.

use super::{Check, Findings, InputScope, Rule, UpgradeScope};
use crate::diagnostic::Diagnostic;

/// The findings of the input, project and chart rules among `rules` over one input.
pub fn check_input(rules: &[&'static Rule], scope: &InputScope) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let projects = scope.projects();
    for rule in rules {
        match rule.check {
            Check::Input(check) => {
                let mut findings = Findings::new(rule, None);
                check(scope, &mut findings);
                out.extend(findings.into_diagnostics());
            }
            Check::Project(check) => {
                for project in &projects {
                    let mut findings = Findings::new(rule, Some(project.lead().name()));
                    check(project, &mut findings);
                    out.extend(findings.into_diagnostics());
                }
            }
            Check::Chart(check) => {
                for chart in scope.charts {
                    let mut findings = Findings::new(rule, Some(chart.name()));
                    check(chart, &mut findings);
                    out.extend(findings.into_diagnostics());
                }
            }
            Check::Catalog(_) | Check::Upgrade(_) => {}
        }
    }
    sort(&mut out);
    out
}

/// The findings of the catalog rules among `rules` over every input of a run: `[i]` is input `i`'s.
pub fn check_catalog(rules: &[&'static Rule], scopes: &[InputScope]) -> Vec<Vec<Diagnostic>> {
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); scopes.len()];
    for rule in rules {
        if let Check::Catalog(check) = rule.check {
            let mut findings: Vec<Findings> =
                scopes.iter().map(|_| Findings::new(rule, None)).collect();
            check(scopes, &mut findings);
            for (o, f) in out.iter_mut().zip(findings) {
                o.extend(f.into_diagnostics());
            }
        }
    }
    out.iter_mut().for_each(|d| sort(d));
    out
}

/// The findings of the upgrade rules among `rules` from `old` to `new`: each chart of `new` is
/// compared with the chart of `old` of the same name. Findings belong to `new`.
pub fn check_upgrade(
    rules: &[&'static Rule],
    old: &InputScope,
    new: &InputScope,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules {
        let Check::Upgrade(check) = rule.check else {
            continue;
        };
        for new_chart in new.charts {
            let name = new_chart.name();
            let Some(old_chart) = old.charts.iter().find(|c| c.name() == name) else {
                continue;
            };
            let mut findings = Findings::new(rule, Some(name));
            check(
                &UpgradeScope {
                    old: old_chart,
                    new: new_chart,
                },
                &mut findings,
            );
            out.extend(findings.into_diagnostics());
        }
    }
    sort(&mut out);
    out
}

/// Order findings by file, then place, then rule, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.range.map(|r| r.start), a.rule).cmp(&(
            &b.file,
            b.range.map(|r| r.start),
            b.rule,
        ))
    });
}
