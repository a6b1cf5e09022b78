//! Every fixture chart under `tests/fixtures/` is checked and its findings snapshotted, one line
//! each (`file:line:col severity RULE message`), so a change in any rule's behaviour or position
//! shows up as a reviewable diff. Update with `INSTA_UPDATE=always cargo test --test fixtures_snapshot`
//! (or `cargo insta review`).

use ecplint::input::fs::read_path;
use std::path::Path;

fn findings(fixture: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let mut workspace = ecplint::Workspace::default();
    workspace.add_input(read_path(&root, &Default::default()).input);
    let report = workspace.check();
    let mut out = String::new();
    for input in &report.inputs {
        for chart in &input.charts {
            if let Some(r) = &chart.resources {
                out.push_str(&format!(
                    "chart {} resources {:?} {}m {}Mi ({} items)\n",
                    chart.name,
                    r.source,
                    r.cpu_m,
                    r.memory_mi,
                    r.items.len()
                ));
            }
        }
        for d in &input.diagnostics {
            let place = d.range.map_or(String::new(), |r| {
                format!(":{}:{}", r.start.line, r.start.column)
            });
            out.push_str(&format!(
                "{}{place} {} {} {}\n",
                d.file.as_deref().unwrap_or("-"),
                d.severity.as_str(),
                d.rule,
                d.message.en
            ));
        }
    }
    out
}

macro_rules! fixture_snapshot {
    ($($test:ident => $dir:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), findings($dir));
        }
    )*};
}

fixture_snapshot! {
    good_project => "good-project",
    sample_project => "sample",
    layout_acl_mistakes => "layout-acl-mistakes",
    res_mistakes => "res-mistakes",
    cli_bad_chart => "cli-bad-chart",
    dep_mistakes => "dep-mistakes",
    hook_mistakes => "hook-mistakes",
    nav_mistakes => "nav-mistakes",
    pol_wiz_mistakes => "pol-wiz-mistakes",
    nav_preview => "nav-preview",
    manifest_mistakes => "manifest-mistakes",
    makefile_mistakes => "makefile-mistakes",
    guide_as_printed => "guide-as-printed",
    dep_hook_mistakes_2 => "dep-hook-mistakes-2",
    cfg_mistakes_2 => "cfg-mistakes-2",
}
