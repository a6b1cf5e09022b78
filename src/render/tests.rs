//! Tests of a whole render: values composition, errors before rendering, rendering again.

use super::*;

fn file(path: &str, text: &str) -> File {
    File {
        path: path.into(),
        data: text.as_bytes().to_vec(),
    }
}

/// A chart folder of these files.
fn folder(files: &[File]) -> Input {
    Input {
        files: files.to_vec(),
        ..Input::default()
    }
}

/// The chart folder `c/` of these files, rendered afresh.
fn render_c(files: &[File], options: &RenderOptions) -> Rendered {
    render(&folder(files), "c/", &[], options, &mut Cache::default())
}

fn options() -> RenderOptions {
    RenderOptions {
        release_name: "rel".into(),
        namespace: "ns".into(),
        ..RenderOptions::default()
    }
}

#[test]
fn user_values_in_helm_order() {
    let mut o = options();
    o.values = vec![
        ("a.yaml".into(), "a: 1\nm: {x: 1}\n".into()),
        ("b.yaml".into(), "m: {w: 2}\n".into()),
    ];
    o.set = vec!["a=2".into(), "m.z=3".into()];
    o.set_string = vec!["s=true".into()];
    o.set_file = vec!["f=data.txt".into()];
    o.set_file_contents
        .insert("data.txt".into(), "hello\n".into());
    let values = user_values(&o).unwrap();
    assert_eq!(
        coalesce::tests::show(&Value::Map(values)),
        r#"{"a":2,"f":"hello\n","m":{"w":2,"x":1,"z":3},"s":"true"}"#
    );
    o.set = vec!["a".into()];
    let fatal = user_values(&o).unwrap_err();
    assert_eq!(fatal.kind, FatalKind::Call);
    assert_eq!(
        fatal.message.en,
        r#"failed parsing --set data: key "a" has no value"#
    );
}

#[test]
fn kube_version_constraint_is_helms_error() {
    let files = vec![file(
        "c/Chart.yaml",
        "apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: \">=1.30.0\"\n",
    )];
    let mut o = options();
    o.kube_version = Some("1.29.0".into());
    let r = render_c(&files, &o);
    assert_eq!(
        r.fatal.unwrap().message.en,
        "chart requires kubeVersion: >=1.30.0 which is incompatible with Kubernetes v1.29.0"
    );
    o.kube_version = None;
    assert!(render_c(&files, &o).fatal.is_none());
}

#[test]
fn library_chart_is_not_installable() {
    let files = vec![file(
        "c/Chart.yaml",
        "apiVersion: v2\nname: c\nversion: 0.1.0\ntype: library\n",
    )];
    let r = render_c(&files, &options());
    assert_eq!(r.fatal.unwrap().kind, FatalKind::Chart);
}

#[test]
fn show_only_selects_in_flag_order_and_errors_on_no_match() {
    let doc = |source: &str| Document {
        source: source.into(),
        api_version: String::new(),
        kind: String::new(),
        name: String::new(),
        namespace: String::new(),
        hook: None,
        text: String::new(),
        lines: Vec::new(),
        crd: false,
        parsed: None,
    };
    let docs = vec![
        doc("c/templates/a.yaml"),
        doc("c/templates/c.yaml"),
        doc("c/charts/s/templates/x.yaml"),
    ];
    let picked = select(
        &docs,
        &["templates/c.yaml".into(), "templates/a.yaml".into()],
    )
    .unwrap();
    let sources: Vec<&str> = picked.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, vec!["c/templates/c.yaml", "c/templates/a.yaml"]);
    assert_eq!(
        select(&docs, &["charts/s/templates/*".into()])
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        select(&docs, &["templates/nope.yaml".into()])
            .unwrap_err()
            .en,
        "could not find template templates/nope.yaml in chart"
    );
}

#[test]
fn chart_yaml_is_validated_as_helm_does() {
    let r = |chart_yaml: &str| {
        let files = vec![file("c/Chart.yaml", chart_yaml)];
        render_c(&files, &options()).fatal.map(|f| f.message.en)
    };
    assert_eq!(
        r("apiVersion: v2\nversion: 0.1.0\n").unwrap(),
        "validation: chart.metadata.name is required"
    );
    assert_eq!(
        r("apiVersion: v2\nname: v\n").unwrap(),
        "validation: chart.metadata.version is required"
    );
    assert_eq!(
        r("apiVersion: v2\nname: v\nversion: abc\n").unwrap(),
        r#"validation: chart.metadata.version "abc" is invalid"#
    );
    assert_eq!(
        r("apiVersion: v2\nname: v\nversion: 1.0\ntype: foo\n").unwrap(),
        "validation: chart.metadata.type must be application or library"
    );
    assert_eq!(
        r("apiVersion: v2\nname: v/x\nversion: 1.0.0\n").unwrap(),
        r#"validation: chart.metadata.name "v/x" is invalid"#
    );
    assert!(r("name: v\nversion: 0.1.0\n").is_none());
}

#[test]
fn a_block_scalar_before_a_final_document_marker_keeps_its_line_break() {
    // helm3: {{ "a: |\n  x\n---" | fromYaml | toJson }} is {"a":"x\n"} (bitnami's checksums
    // of `include … | fromYaml` depend on it).
    let Value::Map(m) = values::from_yaml("a: |\n  x\n---").unwrap() else {
        panic!()
    };
    assert_eq!(m.get("a").unwrap().as_str(), Some("x\n"));
    let Value::Map(m) = values::from_yaml("a: |\n  x\n...").unwrap() else {
        panic!()
    };
    assert_eq!(m.get("a").unwrap().as_str(), Some("x\n"));
}

#[test]
fn rendering_again_with_a_parse_cache_gives_the_same_manifests() {
    let files = vec![
        file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n"),
        file("c/values.yaml", "num: 1\nm:\n  k: 1\n"),
        file(
            "c/templates/_h.tpl",
            "{{ define \"c.name\" }}{{ .Release.Name }}-{{ .Values.num }}{{ end }}",
        ),
        file(
            "c/templates/cm.yaml",
            "kind: ConfigMap\nmetadata:\n  name: {{ include \"c.name\" . }}\nk: {{ .Values.m.k }}\n{{- $_ := set .Values.m \"k\" 2 }}\n",
        ),
    ];
    let mut cache = Cache::default();
    let first = render(&folder(&files), "c/", &[], &options(), &mut cache).to_yaml();
    assert!(first.contains("name: rel-1\nk: 1"), "{first}");
    assert_eq!(
        render(&folder(&files), "c/", &[], &options(), &mut cache).to_yaml(),
        first
    );
    // Other values reuse the parsed templates and still change the output.
    let mut o = options();
    o.set = vec!["num=2".into()];
    let second = render(&folder(&files), "c/", &[], &o, &mut cache).to_yaml();
    assert!(second.contains("name: rel-2"), "{second}");
}

#[test]
fn the_compact_source_map_says_what_the_lines_say() {
    let files = vec![
        file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n"),
        file(
            "c/templates/_h.tpl",
            "{{ define \"c.labels\" }}a: 1\nb: 2{{ end }}",
        ),
        file(
            "c/templates/cm.yaml",
            "kind: ConfigMap\nmetadata:\n  labels:\n    {{- include \"c.labels\" . | nindent 4 }}\n---\nkind: Secret\n",
        ),
        file("c/templates/svc.yaml", "kind: Service\n"),
    ];
    let r = render_c(&files, &options());
    let lang = crate::diagnostic::Lang::En;
    let full = serde_json::to_value(r.json(lang)).unwrap();
    let compact = serde_json::to_value(r.json_compact(lang)).unwrap();
    assert!(full.get("templates").is_none() && full["documents"][0].get("origins").is_none());
    let (templates, chains) = (&compact["templates"], &compact["chains"]);
    assert_eq!(chains[0], serde_json::json!([]));
    let mut lines_seen = 0;
    for (d, c) in full["documents"]
        .as_array()
        .unwrap()
        .iter()
        .zip(compact["documents"].as_array().unwrap())
    {
        assert!(c.get("lines").is_none());
        let origins = c["origins"].as_array().unwrap();
        let lines = d["lines"].as_array().unwrap();
        assert_eq!(origins.len(), lines.len() * 4);
        for (line, o) in lines.iter().zip(origins.chunks(4)) {
            let at = |k: usize| o[k].as_u64().unwrap() as usize;
            let expanded = serde_json::json!({
                "chain": chains[at(3)], "col": o[2], "line": o[1], "template": templates[at(0)],
            });
            assert_eq!(line, &expanded);
            lines_seen += 1;
        }
    }
    // The labels came through an include: a chain beside the empty one.
    assert!(chains.as_array().unwrap().len() >= 2, "{compact}");
    assert!(lines_seen >= 6);
}

/// Natively a chart with much template text is parsed lazily beside a full parse on another
/// thread; a chart with little is parsed at once. Both give the same render, with or without a
/// `define` that does not parse.
#[test]
fn lazy_and_eager_parses_render_alike() {
    let helpers = "{{ define \"c.name\" }}{{ .Release.Name }}{{ end }}\n{{ define \"c.unused\" }}{{ if .x }}{{ end }}{{ end }}\n";
    let broken = "{{ define \"c.name\" }}{{ .Release.Name }}{{ end }}\n{{ define \"c.unused\" }}\n{{ nofunc }}{{ end }}\n";
    for helpers in [helpers, broken] {
        let files = vec![
            file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n"),
            file("c/values.yaml", "a: 1\n"),
            file("c/templates/_helpers.tpl", helpers),
            file(
                "c/templates/cm.yaml",
                "kind: ConfigMap\nmetadata:\n  name: {{ include \"c.name\" . }}\n",
            ),
        ];
        let small = render_c(&files, &options());
        let mut big_files = files.clone();
        let padding = format!("{{{{/* {} */}}}}", "x".repeat(LAZY_PARSE_MIN_BYTES));
        big_files.push(file("c/templates/_padding.tpl", &padding));
        let big = render_c(&big_files, &options());
        assert_eq!(big.to_yaml(), small.to_yaml());
        let errors = |r: &Rendered| -> Vec<(String, String)> {
            r.errors
                .iter()
                .map(|e| (e.template.clone(), e.error.go_text.clone()))
                .collect()
        };
        assert_eq!(errors(&big), errors(&small));
        if helpers == broken {
            // The file does not parse, so `c.name` is not defined for the ConfigMap either.
            let errors = errors(&big);
            assert_eq!(
                errors[0].1,
                "template: c/templates/_helpers.tpl:3: function \"nofunc\" not defined"
            );
            assert_eq!(errors[1].0, "c/templates/cm.yaml");
        } else {
            assert!(big.errors.is_empty() && big.to_yaml().contains("name: rel"));
        }
    }
}
