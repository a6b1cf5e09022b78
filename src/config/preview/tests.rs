use super::*;
use crate::config::{DiffKind, Doc, Overrides};
use crate::input::{File, Input};

/// An input holding one chart per `(name, values.yaml, _config_helpers.yaml.tpl)`.
fn input(charts: &[(&str, &str, Option<&str>)]) -> Input {
    let mut files = Vec::new();
    for (name, values, helpers) in charts {
        let root = format!("{name}-project/chart/{name}");
        files.push(File {
            path: format!("{root}/Chart.yaml"),
            data: format!("apiVersion: v1\nname: {name}\nversion: 1.0.0\n").into_bytes(),
        });
        files.push(File {
            path: format!("{root}/values.yaml"),
            data: values.as_bytes().to_vec(),
        });
        if let Some(h) = helpers {
            files.push(File {
                path: format!("{root}/templates/_config_helpers.yaml.tpl"),
                data: h.as_bytes().to_vec(),
            });
        }
    }
    Input {
        path: "in".into(),
        files,
        ..Input::default()
    }
}

fn catalog(inputs: &[Input]) -> Catalog {
    let mut c = Catalog::default();
    for (i, input) in inputs.iter().enumerate() {
        c.add_charts(i, &crate::chart::discover(input), false);
    }
    c
}

fn preview(c: &Catalog, name: &str, o: &Overrides) -> ConfigReport {
    let idx = c.charts().iter().position(|c| c.name == name).unwrap();
    c.preview(idx, &Prepared::new(o))
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

fn layer_of(r: &ConfigReport, path: &str) -> Layer {
    r.provenance
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no provenance for {path}: {:?}", r.provenance))
        .layer
}

const VALUES: &str = "pod:\n  replicas:\n    api: 1\n    dashboard: 1\n    db: 1\n";
const HELPERS: &str = "data_template:\n  pod:\n    replicas:\n      api: 2\n      dashboard: 2\n";
const LICENSE: &str = "\
apiVersion: servicecatalog.ecp.com/v1
data:
  cloud_product:
    cloud_product_1:
      ttl: -1
      values:
        api: 2
        dashboard: 2
      config:
        pod:
          replicas:
            dashboard: 3

  platform_software:
    platform_software_1:
      config:
        pod:
          replicas:
            dashboard: 3

  topology:
    cloud_product_1:
      pod:
        replicas:
          dashboard: 4
    platform_software_1:
      pod:
        replicas:
          dashboard: 4
";

#[test]
fn the_guides_worked_example() {
    // §1.1.6.4: values api 1 / dashboard 1 / db 1; data_template api 2 / dashboard 2; license
    // config dashboard 3; topology dashboard 4 → api 2, dashboard 3, db 1 — for a cloud product
    // and for a platform software.
    let c = catalog(&[input(&[
        ("cloud_product_1", VALUES, Some(HELPERS)),
        ("platform_software_1", VALUES, Some(HELPERS)),
    ])]);
    let o = Overrides {
        license: Some(Doc::new("license.yaml", LICENSE)),
        ..Overrides::default()
    };
    for name in ["cloud_product_1", "platform_software_1"] {
        let r = preview(&c, name, &o);
        assert_eq!(
            json(&r.values),
            r#"{"pod":{"replicas":{"api":2,"dashboard":3,"db":1}}}"#,
            "{name}"
        );
        assert_eq!(
            r.layers,
            [
                Layer::Values,
                Layer::DataTemplate,
                Layer::Topology,
                Layer::License
            ]
        );
        assert_eq!(layer_of(&r, "pod.replicas.api"), Layer::DataTemplate);
        assert_eq!(layer_of(&r, "pod.replicas.dashboard"), Layer::License);
        assert_eq!(layer_of(&r, "pod.replicas.db"), Layer::Values);
        let dash = r
            .provenance
            .iter()
            .find(|p| p.path == "pod.replicas.dashboard")
            .unwrap();
        assert_eq!(dash.file.as_deref(), Some("license.yaml"));
        let db = r
            .provenance
            .iter()
            .find(|p| p.path == "pod.replicas.db")
            .unwrap();
        assert_eq!(
            db.file.as_deref(),
            Some(&*format!("{name}-project/chart/{name}/values.yaml"))
        );
        assert_eq!(db.line, Some(5));
        let api = r
            .provenance
            .iter()
            .find(|p| p.path == "pod.replicas.api")
            .unwrap();
        assert_eq!(api.line, Some(4), "the template line of `api: 2`");
        let kinds: Vec<(&str, DiffKind)> =
            r.diff.iter().map(|d| (d.path.as_str(), d.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("pod.replicas.api", DiffKind::Changed),
                ("pod.replicas.dashboard", DiffKind::Changed),
                ("pod.replicas.db", DiffKind::Unchanged),
            ]
        );
        assert_eq!(json(&r.diff[1].old), "1");
        assert_eq!(json(&r.diff[1].new), "3");
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }
}

#[test]
fn topology_lies_between_the_config_crd_and_the_license() {
    let c = catalog(&[input(&[("p", VALUES, Some(HELPERS))])]);
    let o = Overrides {
        license: Some(Doc::new(
            "license.yaml",
            "data:\n  topology:\n    p: {pod: {replicas: {api: 4, db: 4}}}\n  cloud_product:\n    p: {config: {pod: {replicas: {db: 5}}}}\n",
        )),
        config_crd: Some(Doc::new("crd.yaml", "pod: {replicas: {api: 3, dashboard: 3}}\n")),
        custom: Some(Doc::new("custom.yaml", "custom_config:\n  pod: {replicas: {db: 6, extra: 1}}\n")),
        ..Overrides::default()
    };
    let r = preview(&c, "p", &o);
    assert_eq!(
        json(&r.values),
        r#"{"pod":{"replicas":{"api":4,"dashboard":3,"db":6,"extra":1}}}"#
    );
    assert_eq!(r.layers, Layer::ALL);
    assert_eq!(layer_of(&r, "pod.replicas.api"), Layer::Topology);
    assert_eq!(layer_of(&r, "pod.replicas.dashboard"), Layer::ConfigCrd);
    assert_eq!(layer_of(&r, "pod.replicas.db"), Layer::CustomConfig);
    let extra = r
        .diff
        .iter()
        .find(|d| d.path == "pod.replicas.extra")
        .unwrap();
    assert_eq!(extra.kind, DiffKind::Added);
    let sources: Vec<(Layer, Option<&str>)> = r
        .sources
        .iter()
        .map(|s| (s.layer, s.at.as_deref()))
        .collect();
    assert_eq!(
        sources,
        [
            (Layer::Values, None),
            (Layer::DataTemplate, Some("data_template")),
            (Layer::ConfigCrd, None),
            (Layer::Topology, Some("data.topology.p")),
            (Layer::License, Some("data.cloud_product.p.config")),
            (Layer::CustomConfig, Some("custom_config")),
        ]
    );
}

#[test]
fn replicas_by_modality_from_the_older_license() {
    let helpers = "data_template:\n  pod:\n    replicas:\n      api: ${replicas_by_modality}\n";
    let c = catalog(&[input(&[(
        "alcubierre",
        "pod: {replicas: {api: 1}}\n",
        Some(helpers),
    )])]);
    let r = preview(&c, "alcubierre", &Overrides::default());
    assert_eq!(json(&r.values), r#"{"pod":{"replicas":{"api":3}}}"#);
    assert_eq!(
        (r.replicas_by_modality, r.replicas_from_license),
        (3, false)
    );
    let o = Overrides {
        license: Some(Doc::new(
            "license.yaml",
            "cloud_product:\n- alcubierre:\n    ttl: '2200-01-01'\n    values:\n        default_product_replicas: 5\ncompany: x\n",
        )),
        ..Overrides::default()
    };
    let r = preview(&c, "alcubierre", &o);
    assert_eq!(json(&r.values), r#"{"pod":{"replicas":{"api":5}}}"#);
    assert_eq!((r.replicas_by_modality, r.replicas_from_license), (5, true));
    assert_eq!(r.layers, [Layer::Values, Layer::DataTemplate]);
    assert!(r.rendered_template.as_deref().unwrap().contains("api: 5"));
}

#[test]
fn a_chart_without_helpers_previews_values_and_user_layers() {
    let c = catalog(&[input(&[("plain", "a: 1\nb: {c: 2}\n", None)])]);
    let r = preview(
        &c,
        "plain",
        &Overrides {
            custom: Some(Doc::new("custom", "b: {c: null}\n")),
            ..Overrides::default()
        },
    );
    assert_eq!(json(&r.values), r#"{"a":1,"b":{}}"#);
    assert!(r.rendered_template.is_none());
    let removed = r.diff.iter().find(|d| d.path == "b.c").unwrap();
    assert_eq!(removed.kind, DiffKind::Removed);
}

#[test]
fn a_check_gives_config_to_product_charts_only() {
    let inputs = [
        input(&[("p", VALUES, Some(HELPERS))]),
        input(&[("plain", "a: 1\n", None)]),
    ];
    let mut workspace = crate::Workspace::default();
    for input in inputs {
        workspace.add_input(input);
    }
    let reports = workspace.check().inputs;
    let p = reports[0].charts[0].config.as_ref().unwrap();
    assert_eq!(
        json(&p.values),
        r#"{"pod":{"replicas":{"api":2,"dashboard":2,"db":1}}}"#
    );
    assert!(reports[1].charts[0].config.is_none());
    let v: serde_json::Value = serde_json::from_str(&json(&reports[1].charts[0])).unwrap();
    assert!(v.get("config").is_none(), "serialized only when present");
}

#[test]
fn errors_in_inputs_leave_a_partial_preview() {
    let c = catalog(&[input(&[("p", VALUES, Some(HELPERS))])]);
    let o = Overrides {
        license: Some(Doc::new("license.yaml", "data: [\n")),
        config_crd: Some(Doc::new("crd.yaml", "- 1\n")),
        ..Overrides::default()
    };
    let r = preview(&c, "p", &o);
    assert_eq!(
        json(&r.values),
        r#"{"pod":{"replicas":{"api":2,"dashboard":2,"db":1}}}"#
    );
    let inputs: Vec<InputKind> = r.errors.iter().map(|e| e.input).collect();
    assert_eq!(inputs, [InputKind::License, InputKind::ConfigCrd]);
    let e = json(&r.errors[0]);
    assert!(
        e.contains(r#""severity":"error""#) && e.contains(r#""file":"license.yaml""#),
        "{e}"
    );
}

#[test]
fn a_yaml_error_after_rendering_points_at_the_template_line() {
    let helpers = "data_template:\n  a: 1\n  b: [\n";
    let c = catalog(&[input(&[("p", "a: 0\n", Some(helpers))])]);
    let r = preview(&c, "p", &Overrides::default());
    let e = r
        .errors
        .iter()
        .find(|e| e.input == InputKind::DataTemplate)
        .unwrap();
    assert!(e.message.en.starts_with("after rendering"), "{e:?}");
    assert!(e.range.unwrap().start.line >= 3);
}

#[test]
fn hostile_license_is_a_diagnostic() {
    let c = catalog(&[input(&[("p", VALUES, Some(HELPERS))])]);
    let deep = format!(
        "data:\n  cloud_product:\n    p:\n      config: {}1{}\n",
        "{a: ".repeat(50_000),
        "}".repeat(50_000)
    );
    let wide: String = (0..300_000).map(|i| format!("k{i}: {i}\n")).collect();
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    let huge = "x".repeat(crate::config::doc::MAX_INPUT_BYTES + 10);
    for text in [
        deep.as_str(),
        wide.as_str(),
        bomb,
        huge.as_str(),
        "\u{0}\u{1}:\t- [",
        "cloud_product: 7\n",
    ] {
        let o = Overrides {
            license: Some(Doc::new("license.yaml", text)),
            custom: Some(Doc::new("custom.yaml", text)),
            config_crd: Some(Doc::new("crd.yaml", text)),
            products: Some(Doc::new("products.yaml", text)),
        };
        let r = preview(&c, "p", &o);
        assert!(!r.errors.is_empty(), "{}", &text[..text.len().min(40)]);
        // the chart's own layers are still there
        assert_eq!(layer_of(&r, "pod.replicas.db"), Layer::Values);
    }
}

#[test]
fn templates_read_the_other_charts_of_the_run() {
    // portal reads mariadb (subscript, .get chain, safe_render, `% if`); mariadb reads nothing.
    let portal = "data_template:\n  db:\n    password: ${mariadb['endpoints']['admin']['password']}\n    host: ${safe_render('mariadb', '/endpoints/admin/host', 'localhost')}\n    port: ${mariadb.get('endpoints', {}).get('admin', {}).get('port', 1)}\n    mode: |-\n      % if mariadb:\n      external\n      % else:\n      embedded\n      % endif\n";
    let mariadb = "data_template:\n  endpoints:\n    admin:\n      host: db.svc\n      port: 3307\n      password: ${random_password('admin', 8)}\n";
    let both = catalog(&[
        input(&[("portal", "db: {port: 0}\n", Some(portal))]),
        input(&[("mariadb", "{}\n", Some(mariadb))]),
    ]);
    let r = preview(&both, "portal", &Overrides::default());
    assert_eq!(r.products, ["mariadb"]);
    let db = r.values.get("db").unwrap();
    let pw = serde_json::to_value(db.get("password").unwrap()).unwrap();
    assert_eq!(
        pw.as_str().unwrap().len(),
        8,
        "mariadb's random_password placeholder: {pw}"
    );
    assert_eq!(json(db.get("host").unwrap()), r#""db.svc""#);
    assert_eq!(json(db.get("port").unwrap()), "3307");
    assert_eq!(json(db.get("mode").unwrap()), r#""external""#);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // the same password as mariadb's own preview: placeholders are stable per tag
    let m = preview(&both, "mariadb", &Overrides::default());
    let mpw = serde_json::to_value(
        m.values
            .get("endpoints")
            .unwrap()
            .get("admin")
            .unwrap()
            .get("password")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(pw, mpw);

    // alone: mariadb is not installed; reading it is an error at its place, safe_render and
    // `% if` fall back
    let alone = catalog(&[input(&[("portal", "db: {port: 0}\n", Some(portal))])]);
    let r = preview(&alone, "portal", &Overrides::default());
    let db = r.values.get("db").unwrap();
    assert_eq!(json(db.get("host").unwrap()), r#""localhost""#);
    assert_eq!(json(db.get("mode").unwrap()), r#""embedded""#);
    let e: Vec<(usize, InputKind)> = r
        .errors
        .iter()
        .map(|e| (e.range.unwrap().start.line, e.input))
        .collect();
    assert_eq!(
        e,
        [(3, InputKind::DataTemplate), (5, InputKind::DataTemplate)]
    );
    assert!(
        r.errors[0].message.en.contains("mariadb"),
        "{:?}",
        r.errors[0]
    );

    // the user's product configs win over the charts of the run
    let r = preview(
        &both,
        "portal",
        &Overrides {
            products: Some(Doc::new(
                "products.yaml",
                "mariadb:\n  endpoints:\n    admin: {password: given, host: h, port: 9}\n",
            )),
            ..Overrides::default()
        },
    );
    assert_eq!(
        json(r.values.get("db").unwrap().get("password").unwrap()),
        r#""given""#
    );
}

#[test]
fn chains_of_products_resolve_in_rounds() {
    // (`y` would be the key `true` in YAML 1.1)
    let a = "data_template:\n  x: ${b['w']}\n";
    let b = "data_template:\n  w: ${c['z']}\n";
    let c = "data_template:\n  z: ${replicas_by_modality}\n";
    let cat = catalog(&[input(&[
        ("a", "{}\n", Some(a)),
        ("b", "{}\n", Some(b)),
        ("c", "{}\n", Some(c)),
    ])]);
    let o = Overrides {
        license: Some(Doc::new(
            "l.yaml",
            "cloud_product:\n- c: {values: {default_product_replicas: 7}}\n",
        )),
        ..Overrides::default()
    };
    let r = preview(&cat, "a", &o);
    assert_eq!(json(&r.values), r#"{"x":7}"#, "{:?}", r.errors);
    // a cycle does not hang: a and b read each other
    let a = "data_template:\n  x: ${b.get('w', 1)}\n";
    let b = "data_template:\n  w: ${a.get('x', 2)}\n";
    let cat = catalog(&[input(&[("a", "{}\n", Some(a)), ("b", "{}\n", Some(b))])]);
    let r = preview(&cat, "a", &Overrides::default());
    assert!(r.values.get("x").is_some());
}

#[test]
fn hostile_templates_are_errors() {
    let deep_if = format!(
        "data_template:\n  a: |-\n{}      x\n{}",
        "      % if True:\n".repeat(10_000),
        "      % endif\n".repeat(10_000)
    );
    let unbalanced = "data_template:\n  a: ${b['c'\n  % if x:\n  % elif\n".to_string();
    let huge = format!(
        "data_template:\n  a: ${{{}}}\n",
        "1 + ".repeat(200_000) + "1"
    );
    for t in [deep_if, unbalanced, huge] {
        let c = catalog(&[input(&[("p", "a: 0\n", Some(&t))])]);
        let r = preview(&c, "p", &Overrides::default());
        assert!(r.rendered_template.is_some());
        let _ = json(&r);
    }
}
