//! DEP rules: `dependencies`, `base_version` and `trial_days` of
//! `templates/_config_helpers.yaml.tpl` (§1.1.6.4), read through its static view
//! ([`crate::chart::config_helpers`]).
//!
//! A value holding a Mako substitution (`${…}`) is only known at install time: the DEP rules
//! leave it alone. When the static view does not parse (CFG-001 reports it), the rules judge
//! what did parse and say nothing about keys being absent.

use crate::chart::config_helpers::Kind;
use crate::yaml::Node;

pub mod dep_001;
pub mod dep_002;
pub mod dep_003;
pub mod dep_004;
pub mod dep_005;
pub mod dep_006;
pub mod dep_007;
pub mod dep_008;

/// Whether a scalar holds a Mako substitution, so that its value is only known once rendered.
pub(crate) fn is_templated(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| s.text.contains("${"))
}

/// Where a product is named, for messages: `services`, `parallel_services`, `exclusion`.
pub(crate) fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Service => "services",
        Kind::Parallel => "parallel_services",
        Kind::Exclusion => "exclusion",
    }
}

#[cfg(test)]
mod fixture {

    /// `tests/fixtures/dep-mistakes`: three charts that between them trip every DEP rule, the
    /// guide's own example (§1.1.6.4) among them.
    #[test]
    fn the_dep_mistakes_fixture() {
        let report = crate::check_input(&crate::rules::doc_examples::fixture("dep-mistakes", ""));
        let got = crate::rules::doc_examples::fixture_places("dep-mistakes", |d| {
            d.rule.starts_with("DEP-")
        });
        assert_eq!(
            got,
            [
                "DEP-003 error dep-guide/_config:17:7",
                "DEP-005 warning dep-guide/_config:25:15",
                "DEP-002 error dep-mistakes/_config:6:21",
                "DEP-001 error dep-mistakes/_config:8:7",
                "DEP-004 error dep-mistakes/_config:11:5",
                "DEP-002 error dep-mistakes/_config:12:15",
                "DEP-008 warning dep-mistakes/_config:18:7",
                "DEP-007 warning dep-mistakes/_config:20:7",
                "DEP-005 error dep-mistakes/_config:23:15",
                "DEP-006 warning dep-mistakes/_config:24:13",
                "DEP-006 info dep-undeclared/_config:1:1",
                "DEP-001 warning dep-undeclared/_config:5:1",
            ],
            "{got:#?}"
        );
        let mut rules: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("DEP-"))
            .map(|d| d.rule)
            .collect();
        rules.sort();
        rules.dedup();
        assert_eq!(rules.len(), 8, "every DEP rule is tripped");
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Run one rule's check over the good project with `_config_helpers.yaml.tpl` (and maybe
    //! other files) replaced, without going through the rule table.
    #![allow(dead_code)]

    use crate::diagnostic::Diagnostic;
    use crate::input::File;
    use crate::rules::{Findings, Rule};

    pub const CHART_ROOT: &str = "good-project/chart/mycloud-product/";

    /// Findings of `rule` with the files in `files` (paths relative to the chart root; `None`
    /// deletes) replaced in the good project.
    pub fn run_with(rule: &'static Rule, files: &[(&str, Option<&str>)]) -> Vec<Diagnostic> {
        let mut input = crate::rules::doc_examples::good_project();
        for (rel, body) in files {
            let path = format!("{CHART_ROOT}{rel}");
            input.files.retain(|f| f.path != path);
            if let Some(body) = body {
                input.files.push(File {
                    path,
                    data: body.as_bytes().to_vec(),
                });
            }
        }
        let charts = crate::chart::discover(&input);
        let mut out = Vec::new();
        for c in &charts {
            let mut f = Findings::new(rule, Some(c.name()));
            (rule.check.chart().expect("rule has a check"))(c, &mut f);
            out.extend(f.into_diagnostics());
        }
        out
    }

    /// Findings of `rule` when `_config_helpers.yaml.tpl` reads `text`.
    pub fn run(rule: &'static Rule, text: &str) -> Vec<Diagnostic> {
        run_with(rule, &[("templates/_config_helpers.yaml.tpl", Some(text))])
    }

    /// (line, column) of each finding's start.
    pub fn starts(d: &[Diagnostic]) -> Vec<(usize, usize)> {
        d.iter()
            .map(|d| {
                let r = d.range.expect("finding has a range");
                (r.start.line, r.start.column)
            })
            .collect()
    }
}
