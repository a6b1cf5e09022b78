//! The fuzz targets of `fuzz/` (issue 8) in the normal test suite: the very functions AFL++ runs
//! (`fuzz/src/lib.rs`, compiled here as a module, so the targets cannot rot while the fuzz crate
//! itself is built only by `scripts/fuzz.sh`), run on
//! - every saved finding, `tests/fixtures/fuzz/<target>/<name>`: a crash, a hang over 1 s or a
//!   memory blow-up AFL++ found, minimized; each must now return, within a generous bound;
//! - a few small inputs per target, so that each target is exercised even with no findings.
//!
//! Add a finding: copy the (minimized: `cargo afl tmin`) input into
//! `tests/fixtures/fuzz/<target>/`, with a name that says what it was.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;
use std::time::{Duration, Instant};

/// Bound for one input in this unoptimised build, on a loaded machine: far above the 1 s the
/// fuzzer allows an optimised build, far below a hang.
const BOUND: Duration = Duration::from_secs(20);

fn target(name: &str) -> targets::Target {
    targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no target {name}"))
        .1
}

fn run(name: &str, what: &str, data: &[u8]) {
    let started = Instant::now();
    target(name)(data);
    let took = started.elapsed();
    assert!(took < BOUND, "{name} on {what}: took {took:?}");
}

#[test]
fn saved_findings_return() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for (name, _) in targets::TARGETS {
        let Ok(entries) = std::fs::read_dir(dir.join(name)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).expect("readable finding");
            run(name, &f.display().to_string(), &data);
            seen += 1;
        }
    }
    eprintln!("{seen} saved fuzz findings replayed");
}

#[test]
fn every_target_runs_on_small_inputs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |p: &str| std::fs::read(fixtures.join(p)).expect("fixture");
    let helpers = read("config-preview/orbit-portal/templates/_config_helpers.yaml.tpl");
    let values = read("config-preview/orbit-portal/values.yaml");
    let nav = "nav-preview/cloud-monitor/templates";
    let mut config = values.clone();
    for part in [&helpers[..], &read("config-preview/license.yaml")] {
        config.push(targets::SEPARATOR);
        config.extend_from_slice(part);
    }
    let mut navigation = Vec::new();
    for f in [
        "_navigation.yaml",
        "_category.yaml",
        "_navigation_policy.yaml",
    ] {
        navigation
            .extend_from_slice(&std::fs::read(fixtures.join(nav).join(f)).unwrap_or_default());
        navigation.push(targets::SEPARATOR);
    }
    let cases: &[(&str, &[u8])] = &[
        ("yaml", &values),
        ("yaml", b"a: &x [*x]\n? [b]\n: c\n--- |\n  d\n"),
        ("mako", &helpers),
        (
            "mako",
            b"% if a:\n${b['c'] if d else e.get('f')}\n% endif\n",
        ),
        ("config", &config),
        ("navigation", &navigation),
        ("archive", b"\x1f\x8b\x08\x00"),
        ("archive", b"PK\x05\x06"),
        ("check", b"\x1f\x8b\x08\x00\x00\x00\x00\x00"),
        (
            "template",
            b"a: {{ include \"h\" . | nindent 2 }}\0n: 1\0{{ define \"h\" }}x: {{ .Values.n }}{{ end }}\0n=2",
        ),
    ];
    for (name, _) in targets::TARGETS {
        run(name, "an empty input", b"");
        run(name, "a NUL", b"\0");
    }
    for (name, data) in cases {
        run(name, "a small input", data);
    }
}

/// Values whose aliases expand to 8^6 = 262,144 maps (a 680-byte values.yaml): within the
/// run's node budget, yet the config preview listed every leaf twice (provenance and diff, each
/// with its path and keys): 1.7 s and 590 MB peak RSS (release); as a 497-byte `.tgz` through
/// `ecplint check` 1.5 s and 630 MB. Found with the `config` target's hostile seeds. Fixed: the
/// preview lists at most 50,000 leaves (and says so): 0.5 s, 267 MB.
#[test]
fn config_preview_of_expanding_aliases_is_bounded() {
    let mut values =
        String::from("a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x}\n");
    for c in b'b'..=b'f' {
        let (c, p) = (c as char, (c - 1) as char);
        let keys: Vec<String> = (0..8).map(|i| format!("k{i}: *{p}")).collect();
        values.push_str(&format!("{c}: &{c} {{{}}}\n", keys.join(", ")));
    }
    let helpers = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "tests/fixtures/good-project/chart/mycloud-product/templates/_config_helpers.yaml.tpl",
    ))
    .expect("fixture");
    let mut data = values.into_bytes();
    data.push(targets::SEPARATOR);
    data.extend_from_slice(&helpers);
    run("config", "aliases expanding to 262,144 maps", &data);
}
