//! The shared corpus (298 real Helm charts that all pass `helm lint`) read without a crash, and
//! without findings that would contradict Helm: no unreadable archive, no YAML syntax error, no
//! duplicate key, no error from the CHART rules that check what `helm lint` checks. (Speed is measured in `benches/corpus.rs`, not here.)
//!
//! The corpus is `../shared/corpus/charts` beside the project, or `$ECPLINT_CORPUS/charts`. Without
//! it the test fails: it never passes by checking nothing.

use ecplint::input::Source;
#[path = "common/corpus.rs"]
mod corpus;

#[test]
fn corpus_charts_read_cleanly_and_agree_with_helm() {
    let archives = corpus::archives(&corpus::root());
    assert!(
        archives.len() >= 298,
        "the corpus of 298 charts is not at {} ({} archives found): put it there or set \
         ECPLINT_CORPUS to the folder holding `charts/`",
        corpus::root().display(),
        archives.len()
    );
    let mut wrong = Vec::new();
    for path in &archives {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let data = std::fs::read(path).unwrap();
        let report = ecplint::check(
            vec![Source::Archive {
                name: name.clone(),
                data,
            }],
            &Default::default(),
        );
        let input = &report.inputs[0];
        if input.charts.is_empty() {
            wrong.push(format!("{name}: no chart found"));
        }
        for d in &input.diagnostics {
            // CRLF line endings are an INPUT-001 *info*: a fact, not a contradiction of Helm.
            // The CHART rules that mirror `helm lint` (tests/helm/chart-yaml.json) report no
            // error on a chart Helm passes.
            let error = d.severity == ecplint::diagnostic::Severity::Error;
            // Every corpus template parses and renders to YAML with helm (HELM-002, HELM-007).
            let contradicts = matches!(
                d.rule,
                "HELM-001" | "HELM-002" | "HELM-003" | "HELM-007" | "LAYOUT-001"
            ) || (d.rule == "INPUT-001"
                && d.severity != ecplint::diagnostic::Severity::Info)
                || (matches!(d.rule, "CHART-007" | "CHART-008" | "CHART-012")
                    && error
                    // A library chart passes `helm lint`, but Helm refuses to install it
                    // (`helm template`: "library charts are not installable"), as CHART-012 says.
                    && !d.message.en.starts_with("`type: library`"));
            if contradicts {
                wrong.push(format!("{name}: {} {:?} {}", d.rule, d.file, d.message.en));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} findings contradict helm:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
