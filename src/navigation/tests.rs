//! Unit tests of the model and of escaping hostile charts; the rendered HTML of a realistic
//! fixture is snapshotted in `tests/navigation_preview.rs`.

use super::*;
use crate::input::File;

fn console_of(input: &Input) -> Console {
    Console::of(crate::chart::discover(input).iter().map(|c| (0, c)))
}

/// The whole preview document of `inputs`, as the workspace makes it.
fn preview_document(inputs: &[&Input], view: View, lang: Lang, styles: Styles) -> String {
    let mut workspace = crate::Workspace::default();
    for input in inputs {
        workspace.add_input((*input).clone());
    }
    workspace.preview(None, view, lang, styles)
}

fn input(files: &[(&str, &[u8])]) -> Input {
    Input {
        path: "x".into(),
        files: files
            .iter()
            .map(|(p, d)| File {
                path: p.to_string(),
                data: d.to_vec(),
            })
            .collect(),
        ..Default::default()
    }
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

const HOSTILE_NAV: &str = r#"category: "\"><script>alert(1)</script>"
name:
  en: "<img src=x onerror=alert(1)>"
  zh-cn: "</title><script>alert(2)</script>"
nav:
  "\"><script>alert(3)</script>":
    proId: evil
    name:
      en: "<script>alert(4)</script>"
      zh-cn: "' onmouseover='alert(5)"
    url: "javascript:alert(6)"
    icon: "\"><svg onload=alert(7)>"
    baseURI: /
    order: 1
    available: true
    wizard: true
    layout: "<b>x</b>"
    sub_nav:
      far:
        proId: far
        name: {en: "http://evil/", zh-cn: "http://evil/"}
        url: "http://evil/steal?c=1"
        icon: "url(http://evil/x.png)"
        order: 1
  outer:
    proId: outer
    name: {en: Outer, zh-cn: 外链}
    url: "//evil.example/x"
    src: "//evil.example/x"
    layout: outer
    icon: "javascript:alert(8)"
    order: 2
"#;

const HOSTILE_POLICY: &str = r#""javascript:alert(6)": [cloud_admin, member]
"http://evil/steal?c=1": [member]
"//evil.example/x": [member, "<script>"]
"#;

const HOSTILE_WIZARD: &str = r#"nav:
  member:
    "<script>alert(9)</script>":
      order: 1
      proId: evil
      title: {en: "<iframe src=http://evil/>", zh-cn: "<style>*{}</style>"}
      wizard:
        - content: {en: "<a href=http://evil/>click</a>", zh-cn: "x"}
          pics: {en: "http://evil/p.png", zh-cn: "../../etc/passwd"}
        - content: {en: "svg", zh-cn: "svg"}
          pics: {en: "p/evil.svg", zh-cn: "javascript:alert(10)"}
        - content: {en: "png", zh-cn: "png"}
          pics: {en: "p/ok.png\" onerror=\"alert(11)", zh-cn: "p/ok.png"}
"#;

fn hostile() -> Input {
    input(&[
        ("c/Chart.yaml", b"name: c\nversion: 1.0.0\n"),
        ("c/templates/_navigation.yaml", HOSTILE_NAV.as_bytes()),
        ("c/templates/_navigation_policy.yaml", HOSTILE_POLICY.as_bytes()),
        ("c/templates/_wizard.yaml", HOSTILE_WIZARD.as_bytes()),
        (
            "c/templates/_category.yaml",
            b"\"<script>\":\n  id: x\n  icon: \"http://evil/i.png\"\n  name: {en: \"<script>alert(12)</script>\", zh-cn: x}\n",
        ),
        ("c/p/evil.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("c/p/ok.png", PNG),
    ])
}

/// Every attribute value of the tags of `html`: (attribute name, value).
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let mut rest = tag;
        while let Some(eq) = rest.find("=\"") {
            let name = rest[..eq].rsplit(' ').next().unwrap_or("").to_string();
            let after = &rest[eq + 2..];
            let end = after.find('"').expect("attribute closed");
            out.push((name, after[..end].to_string()));
            rest = &after[end + 1..];
        }
    }
    out
}

fn check_safe(html: &str) {
    // no element a chart could have injected
    for bad in [
        "<script",
        "<img src=x",
        "<svg",
        "<iframe",
        "<a ",
        "<style>*",
        "<b>",
    ] {
        assert!(!html.contains(bad), "{bad} in output");
    }
    // the only attributes: ours, with safe values
    for (name, value) in attributes(html) {
        assert!(
            !name.starts_with("on"),
            "event handler attribute {name}={value}"
        );
        assert_ne!(name, "href", "a link: {value}");
        assert_ne!(name, "style", "inline style: {value}");
        if name == "src" {
            assert!(
                value.starts_with("data:image/png;base64,"),
                "image source {value}"
            );
        }
    }
}

#[test]
fn hostile_strings_are_escaped_in_every_view() {
    let inp = hostile();
    for lang in [Lang::En, Lang::Zh] {
        for view in [
            View::Author,
            View::Role(Role::Member),
            View::Role(Role::CloudAdmin),
        ] {
            let html = preview_document(&[&inp], view, lang, Styles::Inline);
            check_safe(&html);
            if view == View::Author {
                assert!(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;") || lang == Lang::Zh);
            }
        }
    }
    let html = preview_document(&[&inp], View::Role(Role::Member), Lang::En, Styles::Inline);
    // URLs are shown as text only
    assert!(html.contains("<code class=\"ecp-url\">javascript:alert(6)</code>"));
    assert!(html.contains("<code class=\"ecp-url\">http://evil/steal?c=1</code>"));
    // the svg and the remote/escaping picture paths become placeholders; only the png embeds
    assert_eq!(html.matches("<img ").count(), 0, "en pictures are all bad");
    let zh = preview_document(&[&inp], View::Role(Role::Member), Lang::Zh, Styles::Inline);
    assert_eq!(zh.matches("<img src=\"data:image/png;base64,").count(), 1);
}

#[test]
fn foreign_picture_urls_are_refused() {
    let inp = hostile();
    let console = console_of(&inp);
    let evil = |_: usize, _: &str| Some("http://evil/x.png".to_string());
    let html = render_fragment(&console.view(View::Author), Lang::Zh, &evil);
    assert!(!html.contains("src=\"http"));
    check_safe(&html);
}

#[test]
fn picture_paths_resolve_inside_the_archive_only() {
    let inp = hostile();
    let console = console_of(&inp);
    let steps = &console.products[0].wizard[&Role::Member][0].steps;
    assert_eq!(steps[0].pic_files, (None, None)); // http://, ../
    assert_eq!(steps[1].pic_files.0.as_deref(), Some("c/p/evil.svg")); // found, but not shown
    assert_eq!(steps[2].pic_files.1.as_deref(), Some("c/p/ok.png"));
    assert_eq!(console.picture_files().len(), 2);
}

#[test]
fn a_link_stylesheet_with_a_scheme_is_dropped() {
    let inp = hostile();
    let html = preview_document(
        &[&inp],
        View::Author,
        Lang::En,
        Styles::Link("http://evil/x.css"),
    );
    assert!(html.contains("<link rel=\"stylesheet\" href=\"\">"));
}

#[test]
fn roles_and_views_parse() {
    assert_eq!(Role::parse("domian_admin"), None);
    assert_eq!(Role::parse("domain_admin"), Some(Role::DomainAdmin));
    assert_eq!(View::parse("author"), Some(View::Author));
    assert_eq!(View::parse("member"), Some(View::Role(Role::Member)));
    assert_eq!(View::parse("root"), None);
}

#[test]
fn available_false_and_missing_policy_hide_items() {
    let inp = input(&[
        ("c/Chart.yaml", b"name: c\n"),
        (
            "c/templates/_navigation.yaml",
            b"category: x\nname: {en: C, zh-cn: C}\nnav:\n  a: {url: /c/a, order: 1, available: false}\n  b: {url: /c/b, order: 2}\n  d: {url: /c/d, order: 3, sub_nav: {e: {url: /c/e, order: 1}}}\n",
        ),
        (
            "c/templates/_navigation_policy.yaml",
            b"/c/a: [member]\n/c/b: [member]\n/c/e: [member]\n",
        ),
    ]);
    let console = console_of(&inp);
    let v = console.view(View::Role(Role::Member));
    let keys: Vec<&str> = v.left[0]
        .items
        .iter()
        .map(|i| i.item.key.as_str())
        .collect();
    // a: available false; d: no policy (so its sub item e is not reachable either)
    assert_eq!(keys, ["b"]);
    let r = crate::navigation::report(&crate::chart::discover(&inp)[0]).unwrap();
    let hidden: Vec<(&str, Hidden)> = r
        .hidden
        .iter()
        .map(|h| (h.key.as_str(), h.reason))
        .collect();
    assert_eq!(
        hidden,
        [
            ("a", Hidden::NotAvailable),
            ("d", Hidden::NoPolicy),
            ("e", Hidden::ParentHidden)
        ]
    );
    assert_eq!(r.roles["member"].len(), 1);
    assert!(r.roles["cloud_admin"].is_empty());
}

#[test]
fn a_misspelt_role_grants_nothing() {
    let inp = input(&[
        ("c/Chart.yaml", b"name: c\n"),
        (
            "c/templates/_navigation.yaml",
            b"category: x\nname: {en: C, zh-cn: C}\nnav:\n  a: {url: /c/a, order: 1}\n",
        ),
        (
            "c/templates/_navigation_policy.yaml",
            b"/c/a: [domian_admin]\n",
        ),
    ]);
    let r = crate::navigation::report(&crate::chart::discover(&inp)[0]).unwrap();
    assert!(r.roles.values().all(Vec::is_empty));
    assert_eq!(r.hidden[0].reason, Hidden::NoKnownRole);
}
