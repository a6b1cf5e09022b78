//! The core's layers only point down: a module may use `crate::<other>` only when `other` sits in
//! a lower layer (tests are exempt: a test may build whatever it checks with). This is what keeps
//! the input reader, the YAML and Mako engines and the chart model free of the rules, the report
//! and the views above them (docs/CONTRIBUTING.md shows the picture).

use std::path::{Path, PathBuf};

/// Top-level modules of `src/`, bottom first. A module may import from lower layers only.
const LAYERS: &[&[&str]] = &[
    &["work"],
    &["diagnostic", "suggest"],
    &["yaml"],
    &["input", "mako", "makefile"],
    &["chart", "pack"],
    &["config", "navigation", "render", "share"],
    &["rules"],
    &["report"],
    &["output", "workspace", "baseline"],
    // helpers of the unit tests (`#[cfg(test)]`)
    &["testing"],
];

/// Macros exported at the crate root, not modules.
const MACROS: &[&str] = &["text", "declare_rule"];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its test module (`#[cfg(test)]` then `mod tests`), if any.
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    while let Some(i) = text[at..].find("#[cfg(test)]") {
        let start = at + i;
        let after = text[start + "#[cfg(test)]".len()..].trim_start();
        if after.starts_with("mod ") || after.starts_with("pub(crate) mod ") {
            return &text[..start];
        }
        at = start + 1;
    }
    text
}

/// Whether the parent module declares this file under `#[cfg(test)]`.
fn is_test_file(path: &Path) -> bool {
    let stem = path.file_stem().unwrap().to_string_lossy();
    let dir = path.parent().unwrap();
    let (name, parents) = if stem == "mod" {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let up = dir.parent().unwrap();
        (
            name.clone(),
            vec![up.join("mod.rs"), up.with_extension("rs")],
        )
    } else {
        (
            stem.into_owned(),
            vec![dir.join("mod.rs"), dir.with_extension("rs")],
        )
    };
    parents.iter().any(|parent| {
        let Ok(text) = std::fs::read_to_string(parent) else {
            return false;
        };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        lines.iter().enumerate().any(|(i, l)| {
            let declares = *l == format!("mod {name};") || *l == format!("pub(crate) mod {name};");
            let test_only = |cfg: &str| cfg == "#[cfg(test)]" || cfg.starts_with("#[cfg(all(test,");
            declares && i > 0 && test_only(lines[i - 1])
        })
    })
}

/// `(line, module)` of every `crate::<module>` a text names.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for part in code.split("crate::").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((n + 1, name));
            }
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = 0;
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let mut parts = rel.iter().map(|p| p.to_string_lossy().into_owned());
        let first = parts.next().unwrap();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "bin" || module == "lib" {
            continue; // the top: they may use everything
        }
        // Whole test files (declared under `#[cfg(test)]`) are exempt like test modules.
        if is_test_file(path) {
            continue;
        }
        let own = layer(&module).unwrap_or_else(|| {
            panic!("src/{first}: a module not in LAYERS; add it to tests/layers.rs")
        });
        let text = std::fs::read_to_string(path).unwrap();
        for (line, used) in uses(without_tests(&text)) {
            if used == module || MACROS.contains(&used.as_str()) {
                continue;
            }
            seen += 1;
            match layer(&used) {
                Some(l) if l < own => {}
                _ => wrong.push(format!(
                    "src/{}:{line}: `{module}` uses `crate::{used}`, which is not below it",
                    rel.display()
                )),
            }
        }
    }
    assert!(
        seen > 100,
        "the scan found only {seen} imports: is it reading src/?"
    );
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_scan_sees_an_upward_import() {
    let text = "use crate::rules::Findings;\n#[cfg(test)]\nmod tests { use crate::workspace; }\n";
    assert_eq!(uses(without_tests(text)), [(1, "rules".to_string())]);
    assert!(layer("rules") > layer("input"));
}
