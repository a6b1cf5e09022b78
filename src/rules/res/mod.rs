//! RES — the resource requirement (§1.1.6.3). The figures come from [`crate::chart::resources`].

pub mod res_001;
pub mod res_002;
pub mod res_003;
pub mod res_004;
pub mod res_005;
pub mod res_006;
pub mod res_007;
pub mod res_008;

/// The three recommended tiers, for messages.
pub(crate) const TIERS_TEXT: &str = "200m/512Mi, 500m/1024Mi, 1000m/2048Mi";

#[cfg(test)]
pub(crate) mod test_support {
    use crate::diagnostic::Diagnostic;
    use crate::input::File;

    const CHART_ROOT: &str = "good-project/chart/mycloud-product/";

    /// Run one rule over the good project with some files (relative to the chart root)
    /// replaced; `None` deletes the file.
    pub(crate) fn run(id: &str, files: &[(&str, Option<&str>)]) -> Vec<Diagnostic> {
        let mut input = crate::rules::doc_examples::good_project();
        for (rel, body) in files {
            let path = format!("{CHART_ROOT}{rel}");
            input.files.retain(|f| f.path != path);
            if let Some(b) = body {
                input.files.push(File {
                    path,
                    data: b.as_bytes().to_vec(),
                });
            }
        }
        crate::check_input(&input)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == id)
            .collect()
    }

    /// Run one rule with values.yaml replaced.
    pub(crate) fn values(id: &str, text: &str) -> Vec<Diagnostic> {
        run(id, &[("values.yaml", Some(text))])
    }

    /// Run one rule with `_acl_helpers.yaml.tpl` replaced.
    pub(crate) fn acl(id: &str, text: &str) -> Vec<Diagnostic> {
        run(id, &[("templates/_acl_helpers.yaml.tpl", Some(text))])
    }

    /// (line, column) of each finding.
    pub(crate) fn starts(d: &[Diagnostic]) -> Vec<(usize, usize)> {
        d.iter()
            .map(|d| d.range.map_or((0, 0), |r| (r.start.line, r.start.column)))
            .collect()
    }

    /// The file of each finding, relative to the chart root.
    pub(crate) fn files(d: &[Diagnostic]) -> Vec<&str> {
        d.iter()
            .map(|d| {
                d.file
                    .as_deref()
                    .unwrap_or("")
                    .trim_start_matches(CHART_ROOT)
            })
            .collect()
    }

    pub(crate) fn help(d: &Diagnostic) -> &str {
        d.help.as_ref().map_or("", |h| h.en.as_str())
    }

    /// `tests/fixtures/res-mistakes`: three charts that between them trip every RES rule.
    #[test]
    fn the_res_mistakes_fixture() {
        let input = crate::rules::doc_examples::fixture("res-mistakes", "");
        let report = crate::check_input(&input);
        let got: Vec<String> = report
            .diagnostics
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
