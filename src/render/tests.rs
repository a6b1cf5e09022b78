//! Tests of a whole render that need no template execution: values composition, errors before
//! rendering.

use super::*;

fn file(path: &str, text: &str) -> File {
    File { path: path.into(), data: text.as_bytes().to_vec() }
}

fn options() -> RenderOptions {
    RenderOptions { release_name: "rel".into(), namespace: "ns".into(), ..RenderOptions::default() }
}

#[test]
fn user_values_in_helm_order() {
    let mut o = options();
    o.values = vec![("a.yaml".into(), "a: 1\nm: {x: 1}\n".into()), ("b.yaml".into(), "m: {w: 2}\n".into())];
    o.set = vec!["a=2".into(), "m.z=3".into()];
    o.set_string = vec!["s=true".into()];
    o.set_file = vec!["f=data.txt".into()];
    o.set_file_contents.insert("data.txt".into(), "hello\n".into());
    let values = user_values(&o).unwrap();
    assert_eq!(
        coalesce::tests::show(&Value::Map(values)),
        r#"{"a":2,"f":"hello\n","m":{"w":2,"x":1,"z":3},"s":"true"}"#
    );
    o.set = vec!["a".into()];
    let fatal = user_values(&o).unwrap_err();
    assert_eq!(fatal.kind, FatalKind::Call);
    assert_eq!(fatal.message.en, r#"failed parsing --set data: key "a" has no value"#);
}

#[test]
fn kube_version_constraint_is_helms_error() {
    let files = vec![file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: \">=1.30.0\"\n")];
    let mut o = options();
    o.kube_version = Some("1.29.0".into());
    let r = render(&files, "c/", &[], &o);
    assert_eq!(
        r.fatal.unwrap().message.en,
        "chart requires kubeVersion: >=1.30.0 which is incompatible with Kubernetes v1.29.0"
    );
    o.kube_version = None;
    assert!(render(&files, "c/", &[], &o).fatal.is_none());
}

#[test]
fn library_chart_is_not_installable() {
    let files = vec![file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\ntype: library\n")];
    let r = render(&files, "c/", &[], &options());
    assert_eq!(r.fatal.unwrap().kind, FatalKind::Chart);
}

#[test]
fn show_only_matches_with_or_without_chart_name() {
    assert!(shown("app/templates/a.yaml", "app", &["templates/a.yaml".into()]));
    assert!(shown("app/templates/a.yaml", "app", &["app/templates/a.yaml".into()]));
    assert!(!shown("app/templates/b.yaml", "app", &["templates/a.yaml".into()]));
}
