//! Large inputs of the shapes that once held ecplint for minutes (issue 8), generated at run
//! time, never committed: a mapping of hundreds of thousands of keys, many charts full of alias
//! bombs, deep nesting, long lists and scalars, many charts at once. Used by `tests/bounded.rs`
//! (a report must come back within a generous bound) and `benches/bounded.rs` (the figures).

#![allow(dead_code)]

use super::hostile::{alias_bomb_yaml, good_chart, good_chart_with, tgz_of, CHART};

/// The good chart's values.yaml with `big:`, a mapping of `keys` keys, appended (the chart has
/// `_config_helpers.yaml.tpl`, so the config trees see it too).
pub fn wide_values(keys: usize) -> Vec<u8> {
    let mut values = String::from_utf8(good_values()).expect("the fixture is UTF-8");
    values.push_str("big:\n");
    for i in 0..keys {
        values.push_str(&format!("  k{i}: {}\n", i % 10));
    }
    tgz_of(&good_chart_with("values.yaml", values.as_bytes()))
}

/// The good chart's values.yaml with an anchored mapping of `keys` keys merged (`<<`) into two
/// mappings that override half of them.
pub fn wide_merge(keys: usize) -> Vec<u8> {
    let mut values = String::from_utf8(good_values()).expect("the fixture is UTF-8");
    values.push_str("base: &base\n");
    for i in 0..keys {
        values.push_str(&format!("  k{i}: {}\n", i % 10));
    }
    for name in ["first", "second"] {
        values.push_str(&format!("{name}:\n  <<: *base\n"));
        for i in (0..keys).step_by(2) {
            values.push_str(&format!("  k{i}: x\n"));
        }
    }
    tgz_of(&good_chart_with("values.yaml", values.as_bytes()))
}

/// The good chart's values.yaml with `items:`, a list of `items` small maps.
pub fn long_list(items: usize) -> Vec<u8> {
    let mut values = String::from_utf8(good_values()).expect("the fixture is UTF-8");
    values.push_str("items:\n");
    for i in 0..items {
        values.push_str(&format!("  - name: item{i}\n    port: {i}\n"));
    }
    tgz_of(&good_chart_with("values.yaml", values.as_bytes()))
}

/// The good chart's values.yaml with one plain scalar of `bytes` bytes on one line.
pub fn long_scalar(bytes: usize) -> Vec<u8> {
    let mut values = String::from_utf8(good_values()).expect("the fixture is UTF-8");
    values.push_str("blob: ");
    values.extend(std::iter::repeat_n('x', bytes));
    values.push('\n');
    tgz_of(&good_chart_with("values.yaml", values.as_bytes()))
}

/// The good chart's values.yaml with block mappings nested `depth` levels deep.
pub fn deep_block(depth: usize) -> Vec<u8> {
    let mut values = String::from_utf8(good_values()).expect("the fixture is UTF-8");
    for level in 0..depth {
        values.push_str(&" ".repeat(level));
        values.push_str("d:\n");
    }
    values.push_str(&" ".repeat(depth));
    values.push_str("leaf: 1\n");
    tgz_of(&good_chart_with("values.yaml", values.as_bytes()))
}

/// The files of the charts an alias-bomb archive holds: each file the charts parse as YAML,
/// but Chart.yaml (so each chart is still found), is a "billion laughs".
pub const BOMBED_FILES: &[&str] = &[
    "values.yaml",
    "requirements.yaml",
    "templates/_navigation.yaml",
    "templates/_navigation_policy.yaml",
    "templates/_category.yaml",
    "templates/_acl_helpers.yaml.tpl",
];

/// One archive of `charts` copies of the good chart (under `c<i>/`), each with every file of
/// [`BOMBED_FILES`] an alias bomb: a few KB that would expand to billions of nodes.
pub fn alias_bomb_charts(charts: usize) -> Vec<u8> {
    let bomb = alias_bomb_yaml();
    let mut files = Vec::new();
    for i in 0..charts {
        for (path, data) in good_chart() {
            let rel = path.strip_prefix(&format!("{CHART}/")).unwrap_or(&path);
            let data = if BOMBED_FILES.contains(&rel) {
                bomb.clone()
            } else {
                data
            };
            files.push((format!("c{i}/{path}"), data));
        }
    }
    tgz_of(&files)
}

/// One archive of `charts` copies of the good chart, under `c<i>/`.
pub fn many_charts(charts: usize) -> Vec<u8> {
    let mut files = Vec::new();
    for i in 0..charts {
        for (path, data) in good_chart() {
            files.push((format!("c{i}/{path}"), data));
        }
    }
    tgz_of(&files)
}

/// The good chart with `items` navigation entries, each with its policy.
pub fn wide_navigation(items: usize) -> Vec<u8> {
    let mut nav = String::from(
        "category: mycloud-product\nname:\n  en: My Cloud Product\n  zh-cn: 我的云产品\nnav:\n",
    );
    let mut policy = String::new();
    for i in 0..items {
        nav.push_str(&format!(
            "  item{i}:\n    proId: item{i}\n    name:\n      zh-cn: 项{i}\n      en: Item {i}\n    url: /mycloud-product/item{i}\n    icon: overview\n    baseURI: /mycloud-product/\n    order: {i}\n    available: true\n    wizard: false\n"
        ));
        policy.push_str(&format!(
            "/mycloud-product/item{i}:\n  - admin\n  - member\n"
        ));
    }
    let mut files = good_chart_with("templates/_navigation.yaml", nav.as_bytes());
    let path = format!("{CHART}/templates/_navigation_policy.yaml");
    if let Some(f) = files.iter_mut().find(|(p, _)| *p == path) {
        f.1 = policy.into_bytes();
    }
    tgz_of(&files)
}

/// The good chart whose `_config_helpers.yaml.tpl` writes `keys` more keys into data_template,
/// each from a Mako expression.
pub fn wide_config_helpers(keys: usize) -> Vec<u8> {
    let mut tpl = String::from("data_template:\n  pod:\n    replicas:\n      backend_api: ${replicas_by_modality}\n  extra:\n");
    for i in 0..keys {
        tpl.push_str(&format!("    k{i}: ${{cloud_product_label}}-{i}\n"));
    }
    tpl.push_str("dependencies:\n  platform_version: 6.0.1\n");
    tgz_of(&good_chart_with(
        "templates/_config_helpers.yaml.tpl",
        tpl.as_bytes(),
    ))
}

/// The good chart with `count` more templates, each a Deployment with resources.
pub fn many_templates(count: usize) -> Vec<u8> {
    let mut files = good_chart();
    for i in 0..count {
        files.push((
            format!("{CHART}/templates/deployment-{i}.yaml"),
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d{i}\nspec:\n  replicas: 1\n  selector: {{matchLabels: {{app: d{i}}}}}\n  template:\n    metadata: {{labels: {{app: d{i}}}}}\n    spec:\n      containers:\n        - name: c\n          image: \"{{{{ .Values.image }}}}\"\n          resources:\n            requests: {{cpu: 100m, memory: 128Mi}}\n            limits: {{cpu: 200m, memory: 256Mi}}\n"
            )
            .into_bytes(),
        ));
    }
    tgz_of(&files)
}

fn good_values() -> Vec<u8> {
    good_chart()
        .into_iter()
        .find(|(p, _)| p.ends_with("/values.yaml"))
        .expect("the good chart has values.yaml")
        .1
}
