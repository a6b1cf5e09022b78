//! Running rules over their scopes. The order of findings is stable: by file, place, then rule.

use super::{Check, Findings, InputScope, ManifestScope, Rule, UpgradeScope};
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
            Check::Manifests(check) => {
                for (chart, manifests) in scope.charts.iter().zip(scope.manifests) {
                    let mut findings = Findings::new(rule, Some(chart.name()));
                    check(&ManifestScope { chart, manifests }, &mut findings);
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
    slim_sort::sort_by(diags, |a, b| {
        (&a.file, a.range.map(|r| r.start), a.rule).cmp(&(
            &b.file,
            b.range.map(|r| r.start),
            b.rule,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::discover;
    use crate::diagnostic::Severity;
    use crate::input::{File, Input};
    use crate::rules::{Findings, Group, ProjectScope};
    use crate::text;

    fn input(charts: &[(&str, &str)]) -> Input {
        Input {
            path: "in".into(),
            files: charts
                .iter()
                .map(|(dir, version)| File {
                    path: format!("proj/chart/{dir}/Chart.yaml"),
                    data: format!("name: {dir}\nversion: {version}\n").into_bytes(),
                })
                .collect(),
            ..Input::default()
        }
    }

    fn rule(id: &'static str, check: Check) -> Rule {
        Rule {
            id,
            group: Group::Chart,
            severity: Severity::Warning,
            severities: &[Severity::Warning],
            title_en: "",
            title_zh: "",
            docs: "",
            section: "",
            check,
        }
    }

    fn version(chart: &crate::chart::Chart) -> String {
        let root = chart.chart_yaml.as_ref().and_then(|y| y.root());
        root.and_then(|r| r.get("version")?.as_scalar().map(|s| s.text.clone()))
            .unwrap_or_default()
    }

    fn upgraded(scope: &UpgradeScope, out: &mut Findings) {
        let (old, new) = (version(scope.old), version(scope.new));
        if old == new {
            out.report_input(text!("still {new}", "仍为 {new}"));
        }
    }

    fn charts_of_the_run(scopes: &[InputScope], out: &mut [Findings]) {
        let total: usize = scopes.iter().map(|s| s.charts.len()).sum();
        for out in out.iter_mut() {
            out.report_input(text!("{total} charts", "{total} 个 chart"));
        }
    }

    fn project_once(scope: &ProjectScope, out: &mut Findings) {
        let n = scope.charts.len();
        out.report_input(text!("{n} charts", "{n} 个 chart"));
    }

    #[test]
    fn upgrade_rules_compare_charts_of_the_same_name() {
        let rule: &'static Rule = Box::leak(Box::new(rule("T-UP", Check::Upgrade(upgraded))));
        let old = input(&[("a", "1.0.0"), ("b", "1.0.0"), ("gone", "1.0.0")]);
        let new = input(&[("a", "1.0.0"), ("b", "1.1.0"), ("added", "1.0.0")]);
        let (old_charts, new_charts) = (discover(&old), discover(&new));
        let found = check_upgrade(
            &[rule],
            &InputScope {
                input: &old,
                charts: &old_charts,
                manifests: &[],
            },
            &InputScope {
                input: &new,
                charts: &new_charts,
                manifests: &[],
            },
        );
        let shown: Vec<_> = found
            .iter()
            .map(|d| (d.chart.as_deref(), d.message.en.as_str()))
            .collect();
        assert_eq!(shown, [(Some("a"), "still 1.0.0")]);
    }

    #[test]
    fn catalog_rules_see_every_input_and_report_to_each() {
        let rule: &'static Rule =
            Box::leak(Box::new(rule("T-CAT", Check::Catalog(charts_of_the_run))));
        let (one, two) = (input(&[("a", "1")]), input(&[("b", "1"), ("c", "1")]));
        let (c1, c2) = (discover(&one), discover(&two));
        let scopes = [
            InputScope {
                input: &one,
                charts: &c1,
                manifests: &[],
            },
            InputScope {
                input: &two,
                charts: &c2,
                manifests: &[],
            },
        ];
        let found = check_catalog(&[rule], &scopes);
        assert_eq!(found.len(), 2);
        assert!(found
            .iter()
            .all(|d| d.len() == 1 && d[0].message.en == "3 charts"));
        // The other scopes leave a catalog rule alone.
        assert!(check_input(&[rule], &scopes[1]).is_empty());
    }

    #[test]
    fn project_rules_run_once_per_project_under_its_first_chart() {
        let rule: &'static Rule = Box::leak(Box::new(rule("T-PROJ", Check::Project(project_once))));
        let two = input(&[("b", "1"), ("a", "1")]);
        let charts = discover(&two);
        let found = check_input(
            &[rule],
            &InputScope {
                input: &two,
                charts: &charts,
                manifests: &[],
            },
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].chart.as_deref(), Some("a"));
        assert_eq!(found[0].message.en, "2 charts");
    }
}
