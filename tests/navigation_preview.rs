//! The navigation preview (issue 4) of `tests/fixtures/nav-preview` (two products in one console,
//! categories, `sub_nav`, `top_nav` and a derived top navigation, a hidden item, an outer layout,
//! a wizard with a present and a missing picture), rendered per view and language and
//! snapshotted. Update with `INSTA_UPDATE=always cargo test --test navigation_preview`.

use ecplint::diagnostic::Lang;
use ecplint::input::fs::read_path;
use ecplint::input::Input;
use ecplint::navigation::{self, Role, Styles, View};
use std::path::Path;

fn fixture() -> Input {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nav-preview");
    read_path(&root, &Default::default()).input
}

fn workspace() -> ecplint::Workspace {
    let mut workspace = ecplint::Workspace::default();
    workspace.add_input(fixture());
    workspace
}

const VIEWS: [View; 5] = [
    View::Role(Role::CloudAdmin),
    View::Role(Role::DomainAdmin),
    View::Role(Role::Admin),
    View::Role(Role::Member),
    View::Author,
];

#[test]
fn rendered_html_per_view_and_language() {
    let mut workspace = workspace();
    for view in VIEWS {
        for (lang, code) in [(Lang::En, "en"), (Lang::Zh, "zh-cn")] {
            let html = workspace.preview(None, view, lang, Styles::Link("preview.css"));
            insta::assert_snapshot!(format!("{}_{code}", view.as_str()), html);
        }
    }
}

fn keys(html: &str) -> Vec<String> {
    html.split("<li class=\"ecp-item")
        .skip(1)
        .filter_map(|s| {
            let k = s.split("data-key=\"").nth(1)?;
            Some(k.split('"').next()?.to_string())
        })
        .collect()
}

#[test]
fn policy_decides_who_sees_what() {
    let console = workspace().console(None);
    assert_eq!(console.products.len(), 2);
    let none = |_: usize, _: &str| None;
    let html = |v| navigation::render_fragment(&console.view(v), Lang::En, &none);
    let member = keys(&html(View::Role(Role::Member)));
    let cloud = keys(&html(View::Role(Role::CloudAdmin)));
    let author = keys(&html(View::Author));
    // member: no alarm rules, no reports, no settings, no audit, no streams
    for k in [
        "alarm-rules",
        "reports",
        "monitor-settings",
        "audit",
        "log-streams",
    ] {
        assert!(!member.contains(&k.to_string()), "member sees {k}");
    }
    for k in ["overview", "alarms", "alarm-history", "logs", "log-search"] {
        assert!(member.contains(&k.to_string()), "member misses {k}");
    }
    for k in [
        "alarm-rules",
        "reports",
        "monitor-settings",
        "audit",
        "log-streams",
    ] {
        assert!(cloud.contains(&k.to_string()), "cloud_admin misses {k}");
    }
    // hidden for everyone, but in the author view with a reason
    for k in ["legacy", "debug"] {
        assert!(!cloud.contains(&k.to_string()));
        assert!(author.contains(&k.to_string()));
    }
    let a = html(View::Author);
    assert!(a.contains("data-reason=\"not_available\""));
    assert!(a.contains("data-reason=\"no_policy\""));
}

#[test]
fn derived_top_nav_shows_the_first_sub_url() {
    let console = workspace().console(None);
    let v = console.view(View::Role(Role::Member));
    let logs = v.top.iter().find(|t| t.item.key == "logs").unwrap();
    assert_eq!(logs.url, Some("/log-center/logs/search"));
    let top = v
        .top
        .iter()
        .find(|t| t.item.key == "cloud-monitor")
        .unwrap();
    assert_eq!(top.url, Some("/cloud-monitor/overview"));
}

#[test]
fn pictures_embedded_or_placeholder() {
    let html = workspace().preview(None, View::Role(Role::CloudAdmin), Lang::En, Styles::Inline);
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    assert!(html.contains("ecp-pic-missing"));
    assert!(html.contains("<style>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("href=\"/") && !html.contains("href=\"http"));
}

#[test]
fn report_navigation_per_role() {
    let input = fixture();
    let report = ecplint::check_input(&input);
    let nav: Vec<_> = report
        .charts
        .iter()
        .map(|c| (c.name.clone(), c.navigation.clone()))
        .collect();
    let json = serde_json::to_string_pretty(&nav).unwrap();
    insta::assert_snapshot!("report_navigation", json);
}
