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
pub mod dep_009;
pub mod dep_010;

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
    use crate::rules::tester::{fixture, fixture_places, run};

    /// `tests/fixtures/dep-mistakes`: three charts that between them trip every DEP rule, the
    /// guide's own example (§1.1.6.4) among them.
    #[test]
    fn the_dep_mistakes_fixture() {
        let found = run(&fixture("dep-mistakes", ""), &Default::default());
        let got = fixture_places("dep-mistakes", |d| d.rule.starts_with("DEP-"));
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
                "DEP-006 warning dep-undeclared/_config:1:1",
                "DEP-001 warning dep-undeclared/_config:5:1",
            ],
            "{got:#?}"
        );
        let mut rules: Vec<&str> = found
            .iter()
            .filter(|d| d.rule.starts_with("DEP-"))
            .map(|d| d.rule)
            .collect();
        rules.sort();
        rules.dedup();
        assert_eq!(rules.len(), 8, "every DEP rule is tripped");
    }
}
