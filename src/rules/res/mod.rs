//! RES — the resource requirement (§1.1.6.3). The figures come from [`crate::chart::resources`].

pub mod res_001;
pub mod res_002;
pub mod res_003;
pub mod res_004;
pub mod res_005;
pub mod res_006;
pub mod res_007;
pub mod res_008;
pub mod res_009;

/// The three recommended tiers, for messages.
pub(crate) const TIERS_TEXT: &str = "200m/512Mi, 500m/1024Mi, 1000m/2048Mi";

/// Cases the RES rules share.
#[cfg(test)]
pub(crate) mod cases {
    use crate::chart::{ACL_HELPERS, CHART_YAML, VALUES_YAML};
    use crate::rules::tester::{with, Case};

    /// values.yaml and `resource_limit` with a mistake for each of RES-004 to RES-008.
    pub(crate) fn mistakes() -> Case {
        let values = "pod:\n  resource:\n    x:\n      requests: {cpu: 300m}\n  resources:\n    a:\n      requests: {cpu: 300m}\n      limits: {cpu: 4}\n    b:\n      requests: {cpu: 300m, memory: 1Mi}\n";
        let acl = "data:\n  resource_limit:\n    max_cpu: 1\n    max_memory: 1\n";
        with(VALUES_YAML, values).with(ACL_HELPERS, acl)
    }

    /// The same mistakes in a foundation product, which the resource rules do not check.
    pub(crate) fn exempt() -> Case {
        let chart =
            "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - foundation\n";
        mistakes().with(CHART_YAML, chart)
    }
}

#[cfg(test)]
mod fixture {
    use crate::rules::tester::{fixture, run};

    /// `tests/fixtures/res-mistakes`: three charts that between them trip every RES rule.
    #[test]
    fn the_res_mistakes_fixture() {
        let input = fixture("res-mistakes", "");
        let got: Vec<String> = run(&input, &Default::default())
            .iter()
            .filter(|d| d.rule.starts_with("RES-"))
            .map(|d| {
                let r = d.range.unwrap();
                let file = d.file.as_deref().unwrap().trim_start_matches("chart/");
                format!("{} {file}:{}:{}", d.rule, r.start.line, r.start.column)
            })
            .collect();
        assert_eq!(
            got,
            [
                "RES-001 res-computed/values.yaml:23:7",
                "RES-005 res-computed/values.yaml:31:7",
                "RES-004 res-computed/values.yaml:35:17",
                "RES-005 res-computed/values.yaml:39:7",
                "RES-002 res-computed/values.yaml:40:17",
                "RES-002 res-computed/values.yaml:41:14",
                "RES-006 res-computed/values.yaml:44:7",
                "RES-003 res-computed/values.yaml:49:17",
                "RES-007 res-computed/values.yaml:52:3",
                "RES-001 res-declared/templates/_acl_helpers.yaml.tpl:5:3",
                "RES-008 res-declared/templates/_acl_helpers.yaml.tpl:5:3",
                "RES-002 res-declared/templates/_acl_helpers.yaml.tpl:6:14",
                "RES-001 res-exempt/Chart.yaml:10:5",
            ],
            "{got:#?}"
        );
        // The report's resource figures of each chart.
        let report = crate::check_input(&input);
        let res: Vec<_> = report
            .charts
            .iter()
            .map(|c| {
                let r = c.resources.as_ref().unwrap();
                (
                    c.name.as_str(),
                    r.source.clone(),
                    r.cpu_m,
                    r.memory_mi,
                    r.computed_cpu_m,
                    r.items.len(),
                )
            })
            .collect();
        use crate::report::ResourceSource::*;
        assert_eq!(
            res,
            [
                ("res-computed", Computed, 6100, 12800, None, 5),
                ("res-declared", Declared, 8000, 1536, Some(700), 2),
                ("res-exempt", Exempt, 8700, 17920, None, 3),
            ]
        );
    }
}
