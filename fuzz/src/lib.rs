//! What each fuzz target does with one input, shared by the AFL++ targets (`fuzz_targets/`) and
//! the plain `replay` binary (which runs a target on saved inputs without instrumentation, to
//! time them and to reproduce a crash).
//!
//! Every function calls only the public API of `ecplint`, the way the CLI and the page do, and
//! must return (no panic, bounded time and memory) whatever the bytes are.

use ecplint::config::{Doc, Overrides};
use ecplint::diagnostic::Lang;
use ecplint::input::{self, File, Source};
use ecplint::mako::{self, Platform};
use ecplint::navigation::{Role, Styles, View};
use ecplint::rules::{Findings, ALL};
use ecplint::{Options, Workspace};

/// What a target does with one input.
pub type Target = fn(&[u8]);

/// Every target, by name: the name of its binary in `fuzz_targets/` and of its corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("archive", archive),
    ("yaml", yaml),
    ("mako", mako_template),
    ("config", config),
    ("navigation", navigation),
    ("check", check),
    ("template", template),
    ("share", share),
];

/// Inputs made of several files (config, navigation) hold them one after another, separated by
/// this byte (a NUL never occurs in the text files themselves). Missing parts are absent files.
pub const SEPARATOR: u8 = 0;

/// The name of the chart the multi-file targets build; its product ID too.
pub const CHART: &str = "fuzz-product";

const CHART_YAML: &str = "apiVersion: v1\nname: fuzz-product\nversion: 1.0.0\n\
description: a chart built by the fuzz targets\nkeywords:\n  - creator:ems_service_chart\n\
  - zh_CN:模糊测试\n  - en:fuzz product\n  - name_zh_CN:模糊测试\n  - name_en:fuzz-product\n";

const OTHER_CHART_YAML: &str = "apiVersion: v1\nname: mariadb\nversion: 10.6.0\n\
description: another product the fuzzed one may read\nkeywords:\n  - creator:ems_service_chart\n";

const OTHER_HELPERS: &str = "trial_days: 0\ndata_template: |\n  endpoints:\n    oslo_db:\n      \
auth:\n        admin:\n          password: ${random_password('mariadb-admin', 16)}\n";

/// Split a multi-file input into at most `n` parts.
pub fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    data.splitn(n, |&b| b == SEPARATOR).collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn file(path: &str, data: &[u8]) -> File {
    File {
        path: path.to_string(),
        data: data.to_vec(),
    }
}

/// bytes → an input read as the CLI reads a file argument (format told by the bytes; subchart
/// archives inside opened too).
pub fn archive(data: &[u8]) {
    let input = input::load(
        Source::Archive {
            name: "fuzz.tgz".into(),
            data: data.to_vec(),
        },
        &Default::default(),
    );
    for f in &input.files {
        std::hint::black_box(ecplint::chart::decode(f));
    }
    std::hint::black_box(ecplint::chart::discover(&input).len());
}

/// text → `yaml::parse`, then every node visited as the rules read them.
pub fn yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let y = ecplint::yaml::parse(text, Default::default());
    std::hint::black_box(y.syntax_error());
    if let Some(root) = y.root() {
        let mut stack = vec![root];
        let mut seen = 0usize;
        while let Some(n) = stack.pop() {
            seen += 1;
            if seen > 1_000_000 {
                break;
            }
            std::hint::black_box((n.type_name(), n.as_str(), n.is_null(), n.range));
            if let Some(entries) = n.as_map() {
                for e in entries {
                    std::hint::black_box(e.key.key_string());
                    stack.push(&e.key);
                    stack.push(&e.value);
                }
            } else if let Some(items) = n.as_seq() {
                stack.extend(items.iter());
            }
        }
        std::hint::black_box(mako::Value::from_yaml(root));
    }
}

/// text as `templates/_config_helpers.yaml.tpl`: the Mako parse, renders (evaluated and every
/// branch forced) against a platform with and without another product, and the CFG rules on a
/// chart holding it.
pub fn mako_template(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = mako::parse(text);
    let mut platform = Platform::default();
    std::hint::black_box(mako::render(&parsed.template, &platform));
    let other = ecplint::yaml::parse(
        "endpoints:\n  oslo_db:\n    auth:\n      admin:\n        password: pw\n",
        Default::default(),
    );
    if let Some(root) = other.root() {
        platform
            .products
            .insert("mariadb".into(), mako::Value::from_yaml(root));
    }
    std::hint::black_box(mako::render(&parsed.template, &platform));
    for k in 0..parsed.template.branch_count().min(8) {
        std::hint::black_box(mako::render_forced(&parsed.template, &platform, k));
    }
    std::hint::black_box(ecplint::chart::config_helpers::static_view(text));
    let input = input::Input {
        path: "fuzz".into(),
        files: vec![
            file("fuzz/Chart.yaml", CHART_YAML.as_bytes()),
            file("fuzz/values.yaml", b"replicas: 1\nimage:\n  tag: v1\n"),
            file("fuzz/templates/_config_helpers.yaml.tpl", data),
        ],
        ..Default::default()
    };
    let charts = ecplint::chart::discover(&input);
    for chart in &charts {
        for rule in ALL.iter().filter(|r| r.id.starts_with("CFG-")) {
            if let Some(check) = rule.check.chart() {
                let mut f = Findings::new(rule, None);
                check(chart, &mut f);
                std::hint::black_box(f.into_diagnostics());
            }
        }
    }
}

/// Parts: values.yaml, `_config_helpers.yaml.tpl`, license, config CRD, custom_config, products,
/// and the helpers of a second chart (`mariadb`) the first may read. The config preview of the
/// first chart, with every chart of the folder installed alongside.
pub fn config(data: &[u8]) {
    let p = parts(data, 7);
    let part = |i: usize| p.get(i).copied();
    let mut files = vec![file(
        "fuzz/chart/fuzz-product/Chart.yaml",
        CHART_YAML.as_bytes(),
    )];
    if let Some(v) = part(0) {
        files.push(file("fuzz/chart/fuzz-product/values.yaml", v));
    }
    if let Some(t) = part(1) {
        files.push(file(
            "fuzz/chart/fuzz-product/templates/_config_helpers.yaml.tpl",
            t,
        ));
    }
    files.push(file(
        "fuzz/chart/mariadb/Chart.yaml",
        OTHER_CHART_YAML.as_bytes(),
    ));
    files.push(file(
        "fuzz/chart/mariadb/templates/_config_helpers.yaml.tpl",
        part(6).unwrap_or(OTHER_HELPERS.as_bytes()),
    ));
    let doc = |i: usize, name: &str| part(i).map(|b| Doc::new(name, text(b)));
    let overrides = Overrides {
        license: doc(2, "license.yaml"),
        config_crd: doc(3, "config-crd.yaml"),
        custom: doc(4, "custom.yaml"),
        products: doc(5, "products.yaml"),
    };
    let mut ws = Workspace::new(Options {
        config_previews: false,
        ..Options::default()
    });
    ws.add(Source::Folder {
        name: "fuzz".into(),
        files,
    });
    std::hint::black_box(ws.config(0, CHART, &overrides));
    std::hint::black_box(ws.config(0, CHART, &Overrides::default()));
    std::hint::black_box(ws.config(0, "mariadb", &overrides));
}

/// Parts: `_navigation.yaml`, `_category.yaml`, `_navigation_policy.yaml`, `_wizard.yaml`, and
/// one more file at `templates/pic.png` a wizard may show. The preview of every view in both
/// languages, and the chart's navigation summary.
pub fn navigation(data: &[u8]) {
    let p = parts(data, 5);
    let mut files = vec![file("fuzz/Chart.yaml", CHART_YAML.as_bytes())];
    let names = [
        "_navigation.yaml",
        "_category.yaml",
        "_navigation_policy.yaml",
        "_wizard.yaml",
        "pic.png",
    ];
    for (part, name) in p.iter().zip(names) {
        files.push(file(&format!("fuzz/templates/{name}"), part));
    }
    let mut ws = Workspace::new(Options::default());
    ws.add(Source::Folder {
        name: "fuzz".into(),
        files,
    });
    let views = Role::ALL
        .iter()
        .map(|&r| View::Role(r))
        .chain([View::Author]);
    for view in views {
        for lang in [Lang::En, Lang::Zh] {
            std::hint::black_box(ws.preview(None, view, lang, Styles::Inline));
        }
    }
    if let Some(loaded) = ws.loaded(0) {
        for chart in loaded.charts() {
            std::hint::black_box(ecplint::navigation::report(chart));
        }
    }
}

/// bytes → an archive through `Workspace::check` (every rule, config previews on, as the CLI),
/// then the report as JSON.
pub fn check(data: &[u8]) {
    let mut ws = Workspace::new(Options::default());
    ws.add(Source::Archive {
        name: "fuzz.tgz".into(),
        data: data.to_vec(),
    });
    let report = ws.check();
    std::hint::black_box(serde_json::to_string(&report).map(|s| s.len()).ok());
}

/// Parts: `templates/fuzz.yaml`, `values.yaml`, `templates/_helpers.tpl`, and `--set`
/// expressions one per line. `helm template` of the chart as the CLI runs it (Go templates,
/// Sprig and Helm's functions, values coalesced), the manifests as YAML, and Helm's error texts.
pub fn template(data: &[u8]) {
    let p = parts(data, 4);
    let mut files = vec![file(
        "fuzz/Chart.yaml",
        b"apiVersion: v2\nname: fuzz-product\nversion: 1.0.0\n",
    )];
    for (part, name) in p.iter().zip([
        "templates/fuzz.yaml",
        "values.yaml",
        "templates/_helpers.tpl",
    ]) {
        files.push(file(&format!("fuzz/{name}"), part));
    }
    let options = ecplint::render::RenderOptions {
        set: p
            .get(3)
            .map(|s| text(s).lines().map(str::to_string).collect())
            .unwrap_or_default(),
        seed: 1,
        ..Default::default()
    };
    let mut ws = Workspace::new(Options::default());
    ws.add(Source::Folder {
        name: "fuzz".into(),
        files,
    });
    if let Some(rendered) = ws.render(0, None, &options) {
        std::hint::black_box(rendered.to_yaml().len());
        std::hint::black_box(
            serde_json::to_string(&rendered.json(Lang::En))
                .map(|s| s.len())
                .ok(),
        );
    }
}

/// `share`: a link as typed (bytes that start with `ecplint=`) or, otherwise, the payload a link
/// carries, compressed and encoded here so that AFL++ mutates what the payload reader reads.
/// `share::decode`; what it gives is encoded again and must decode the same (when it fits a
/// link); each input is written again as its archive (`into_source`) and read back.
pub fn share(data: &[u8]) {
    use base64::Engine;
    let fragment = if data.starts_with(b"ecplint=") {
        text(data)
    } else {
        let packed = miniz_oxide::deflate::compress_to_vec(data, 1);
        let data = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed);
        format!("ecplint={}.0.0.0.{data}", ecplint::share::FORMAT)
    };
    let Ok(shared) = ecplint::share::decode(&fragment) else {
        return;
    };
    if let Ok(again) = ecplint::share::encode(&shared.inputs, "0.0.0") {
        let back = ecplint::share::decode(&again).expect("a link encode made decodes");
        assert_eq!(
            back.inputs, shared.inputs,
            "a link's inputs survive encode and decode"
        );
    }
    for shared_input in shared.inputs {
        if let Ok(source) = shared_input.into_source() {
            std::hint::black_box(input::load(source, &Default::default()).files.len());
        }
    }
}
