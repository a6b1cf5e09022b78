//! One run, one parse: whatever views are asked of a workspace, each input is read and its
//! charts discovered and parsed once, and a report is made once until the options change.

use ecplint::config::Overrides;
use ecplint::diagnostic::Lang;
use ecplint::input::fs::read_folder;
use ecplint::input::Source;
use ecplint::navigation::{Role, Styles, View};
use ecplint::workspace::{Event, Stats};
use ecplint::{Options, Workspace};
use std::path::Path;

/// A fixture folder as a source, read on first use (files named `<name>/...`, as the CLI reads).
fn folder(name: &str) -> Source {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let prefix = format!("{name}/");
    Source::Folder {
        name: name.into(),
        files: read_folder(&root, &prefix, &Default::default()).files,
    }
}

/// What [`Workspace::stats`] should say after `loads` reads and `checks` reports.
fn stats(loads: usize, checks: usize) -> Stats {
    Stats { loads, checks }
}

#[test]
fn every_view_reads_each_input_once() {
    let mut ws = Workspace::default();
    ws.add(folder("good-project"));
    ws.add(folder("nav-preview"));
    assert_eq!(ws.stats(), Stats::default(), "inputs are read on first use");

    let mut seen = Vec::new();
    let report = ws
        .check_with(|e| {
            if let Event::Input { index, total, name } = e {
                seen.push(format!("{index}/{total} {name}"));
            }
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(seen, ["0/2 good-project", "1/2 nav-preview"]);
    assert_eq!(report.inputs.len(), 2);
    assert!(
        report.inputs[0].charts[0].config.is_some(),
        "config previews in the report"
    );

    let config = ws.config(0, "mycloud-product", &Overrides::default());
    assert!(config.is_some());
    let html = ws.preview(None, View::Role(Role::Member), Lang::En, Styles::Inline);
    assert!(html.contains("<html"));
    assert!(ws.file(1, "nav-preview/cloud-monitor/Chart.yaml").is_some());
    ws.check();
    assert_eq!(ws.stats(), stats(2, 2));

    // New options make the reports again, from the same parsed charts.
    ws.set_options(Options {
        known_categories: vec!["compute".into()],
        ..Options::default()
    });
    ws.check();
    assert_eq!(ws.stats(), stats(2, 4));
}

#[test]
fn an_error_from_the_progress_hook_stops_the_check() {
    // The first input needs no dependency (the good project's helm-toolkit would be looked
    // for among the other inputs, which reads them).
    let mut ws = Workspace::default();
    ws.add(folder("nav-preview"));
    ws.add(folder("good-project"));
    let stopped = ws.check_with(|e| match e {
        Event::Input { index: 1, .. } => Err("stop"),
        _ => Ok(()),
    });
    assert_eq!(stopped.err(), Some("stop"));
    assert_eq!(ws.stats().loads, 1, "the second input was not read");
}

/// `charts[].manifests` carries REPORT.md's `by_kind` and `failed_templates` (each failure at the
/// failing action, with Go's message) beside `kinds` and `failed`.
#[test]
fn the_manifests_summary_names_failed_templates_as_report_md_does() {
    let mut ws = Workspace::default();
    ws.add(folder("manifest-mistakes"));
    let report = ws.check();
    let chart = &report.inputs[0].charts[0];
    let manifests = chart.manifests.as_ref().expect("rendered");
    assert_eq!(manifests.by_kind, manifests.kinds);
    let failed = manifests
        .failed_templates
        .iter()
        .find(|f| f.template.ends_with("templates/configmap-required.yaml"))
        .expect("the template whose nil pointer HELM-006 reports");
    assert_eq!((failed.line, failed.column), (4, 56));
    assert!(failed.message.contains("nil pointer"), "{}", failed.message);
    assert_eq!(manifests.failed.len(), manifests.failed_templates.len());
}

#[test]
fn an_edited_file_is_checked_again_and_marked_in_the_report() {
    let mut ws = Workspace::default();
    ws.add(folder("good-project"));
    let before = ws.check();
    let on = |report: &ecplint::report::Report, file: &str| {
        report.inputs[0]
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some(file))
            .count()
    };
    assert!(before.inputs[0].files.iter().all(|f| !f.edited));

    let chart = "good-project/chart/mycloud-product/Chart.yaml";
    assert_eq!(on(&before, chart), 0);
    let text = std::str::from_utf8(&ws.file(0, chart).unwrap().data).unwrap();
    let broken = text.replace("version: ", "version: not-semver-");
    ws.edit(0, chart, broken.into_bytes()).unwrap();
    let after = ws.check();
    let files = &after.inputs[0].files;
    let edited: Vec<&str> = files
        .iter()
        .filter(|f| f.edited)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(edited, [chart]);
    assert!(
        after.inputs[0]
            .diagnostics
            .iter()
            .any(|d| d.file.as_deref() == Some(chart)),
        "the edit's finding: {:?}",
        after.inputs[0].diagnostics
    );
    let json = serde_json::to_value(&after).unwrap();
    let entries = json["inputs"][0]["files"].as_array().unwrap();
    assert_eq!(entries.iter().filter(|f| f["edited"] == true).count(), 1);
    assert!(
        entries
            .iter()
            .all(|f| f.get("edited").is_none() || f["edited"] == true),
        "absent when false"
    );

    assert_eq!(
        ws.edit(0, "good-project/nope.yaml", Vec::new()),
        Err(ecplint::input::EditError::NoSuchFile)
    );
}

#[test]
fn edits_parse_the_charts_once_and_a_refused_one_not_at_all() {
    let mut ws = Workspace::default();
    ws.add(folder("good-project"));
    let chart = "good-project/chart/mycloud-product/Chart.yaml";
    let values = "good-project/chart/mycloud-product/values.yaml";
    // Edits before the first use: the input is read, its charts not yet discovered.
    ws.edit(0, values, b"a: 1\n".to_vec()).unwrap();
    ws.edit(0, values, b"a: 2\n".to_vec()).unwrap();
    assert_eq!(ws.stats(), Stats::default());
    ws.check();
    assert_eq!(ws.stats(), stats(1, 1));

    // Several edits between two checks: the charts are discovered once again, not per edit.
    let text = ws.file(0, chart).unwrap().data.clone();
    ws.edit(0, chart, text.clone()).unwrap();
    ws.edit(0, values, b"a: 3\n".to_vec()).unwrap();
    ws.check();
    assert_eq!(ws.stats(), stats(2, 2));

    // A refused edit changes nothing: the parsed charts and the report are kept.
    assert_eq!(
        ws.edit(0, "good-project/nope.yaml", Vec::new()),
        Err(ecplint::input::EditError::NoSuchFile)
    );
    ws.check();
    assert_eq!(ws.stats(), stats(2, 2));
    assert_eq!(ws.file(0, values).unwrap().data, b"a: 3\n");
}

#[test]
fn rendering_uses_the_projects_kube_version_unless_the_call_gives_one() {
    let file = |path: &str, text: &str| ecplint::input::File {
        path: format!("demo/{path}"),
        data: text.as_bytes().to_vec(),
    };
    let files = vec![
        file("Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n"),
        file(".ecplint.yaml", "kube-version: 1.29.3\n"),
        file(
            "templates/kube.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube\ndata:\n  version: {{ .Capabilities.KubeVersion.Version | quote }}\n",
        ),
    ];
    let mut workspace = Workspace::new(Options::default());
    workspace.add(Source::Folder {
        name: "demo".into(),
        files,
    });
    let mut version = |kube_version: Option<&str>| {
        let options = ecplint::render::RenderOptions {
            kube_version: kube_version.map(str::to_string),
            ..Default::default()
        };
        let rendered = workspace.render(0, None, &options).expect("a chart");
        rendered.to_yaml()
    };
    assert!(
        version(None).contains("version: \"v1.29.3\""),
        "{}",
        version(None)
    );
    assert!(version(Some("1.31.0")).contains("version: \"v1.31.0\""));
}
