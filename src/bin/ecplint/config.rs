//! `ecplint config`: the config preview (issue 3) of the charts of the first PATH (or `--chart`),
//! with every PATH's charts installed alongside, the layers given as YAML files (`-`: stdin).

use crate::args::{parse_lang, unknown_flag, Arg, ArgWalker, Usage, USAGE};
use crate::{emit, read_paths, say_unreadable, workspace_of};
use ecplint::diagnostic::{Lang, Severity};
use ecplint::output;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

struct ConfigFlags {
    license: Option<String>,
    config_crd: Option<String>,
    custom: Option<String>,
    products: Option<String>,
    chart: Option<String>,
    json: bool,
    lang: Lang,
    paths: Vec<OsString>,
}

fn parse_config_flags(args: &[OsString]) -> Result<Option<ConfigFlags>, Usage> {
    let mut f = ConfigFlags {
        license: None,
        config_crd: None,
        custom: None,
        products: None,
        chart: None,
        json: false,
        lang: Lang::En,
        paths: Vec::new(),
    };
    let mut args = ArgWalker::new(args);
    while let Some(arg) = args.next() {
        let name = match arg {
            Arg::Positional(p) => {
                f.paths.push(p);
                continue;
            }
            Arg::Flag(name) => name,
        };
        match name.as_str() {
            "--license" => f.license = Some(args.value("--license")?),
            "--config-crd" => f.config_crd = Some(args.value("--config-crd")?),
            "--custom" | "--custom-config" => f.custom = Some(args.value("--custom")?),
            "--products" => f.products = Some(args.value("--products")?),
            "--chart" => f.chart = Some(args.value("--chart")?),
            "--format" | "-f" => {
                let v = args.value("--format")?;
                f.json = match v.as_str() {
                    "yaml" => false,
                    "json" => true,
                    _ => {
                        return Err(Usage(format!(
                            "`config` writes --format yaml or json, not `{}`",
                            output::sanitize(&v)
                        )))
                    }
                };
            }
            "--lang" => {
                let v = args.value("--lang")?;
                f.lang = parse_lang(&v)?;
            }
            "-h" | "--help" if !args.has_inline() => return Ok(None),
            _ => {
                return Err(unknown_flag(
                    &name,
                    &[
                        "--license",
                        "--config-crd",
                        "--custom",
                        "--products",
                        "--chart",
                        "--format",
                        "--lang",
                        "--help",
                    ],
                ))
            }
        }
    }
    Ok(Some(f))
}

/// Read the YAML file `path` given to `flag` (`-`: standard input), within the preview's limit.
fn read_doc(flag: &str, path: &str) -> Result<ecplint::config::Doc, String> {
    use std::io::Read;
    let max = ecplint::config::doc::MAX_INPUT_BYTES as u64;
    let shown = output::sanitize(path).into_owned();
    let mut data = Vec::new();
    let res = if path == "-" {
        std::io::stdin().lock().take(max + 1).read_to_end(&mut data)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(max + 1).read_to_end(&mut data))
    };
    if let Err(e) = res {
        return Err(format!("{flag}: cannot read `{shown}`: {e}"));
    }
    if data.len() as u64 > max {
        return Err(format!(
            "{flag}: `{shown}` is over the limit of {max} bytes"
        ));
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data);
    let text = String::from_utf8(data.to_vec())
        .map_err(|_| format!("{flag}: `{shown}` is not UTF-8 text"))?;
    let name = if path == "-" { "<stdin>" } else { path };
    Ok(ecplint::config::Doc::new(name, text))
}

pub fn run(args: &[OsString]) -> Result<ExitCode, Usage> {
    use ecplint::config::{Overrides, Prepared};
    let Some(f) = parse_config_flags(args)? else {
        emit(USAGE);
        return Ok(ExitCode::SUCCESS);
    };
    if f.paths.is_empty() {
        return Err(Usage("`config` needs a PATH".into()));
    }
    let stdin_uses = [&f.license, &f.config_crd, &f.custom, &f.products]
        .iter()
        .filter(|p| p.as_deref() == Some("-"))
        .count();
    if stdin_uses > 1 {
        return Err(Usage(
            "only one of the files can be `-` (standard input)".into(),
        ));
    }
    let fail = |msg: String| {
        let _ = writeln!(std::io::stderr(), "error: {msg}");
        ExitCode::from(2)
    };
    let mut overrides = Overrides::default();
    for (flag, path, slot) in [
        ("--license", &f.license, &mut overrides.license),
        ("--config-crd", &f.config_crd, &mut overrides.config_crd),
        ("--custom", &f.custom, &mut overrides.custom),
        ("--products", &f.products, &mut overrides.products),
    ] {
        if let Some(p) = path {
            match read_doc(flag, p) {
                Ok(doc) => *slot = Some(doc),
                Err(msg) => return Ok(fail(msg)),
            }
        }
    }

    let loaded = read_paths(&f.paths);
    for l in &loaded {
        if say_unreadable(&l.input, f.lang) {
            return Ok(fail(format!(
                "`{}` could not be read",
                output::sanitize(&l.input.path)
            )));
        }
    }
    let first_path = loaded[0].input.path.clone();
    let mut workspace = workspace_of(loaded);
    let catalog = workspace.catalog();
    let chosen: Vec<usize> = match &f.chart {
        Some(name) => (0..catalog.charts().len())
            .filter(|&k| catalog.charts()[k].name == *name)
            .collect(),
        None => (0..catalog.charts().len())
            .filter(|&k| catalog.charts()[k].input == 0)
            .collect(),
    };
    if chosen.is_empty() {
        let names: Vec<&str> = catalog.charts().iter().map(|c| c.name.as_str()).collect();
        return Ok(fail(match &f.chart {
            Some(name) => {
                let hint = match ecplint::rules::nearest(name, &names) {
                    Some(n) => format!(" (did you mean `{n}`?)"),
                    None => String::new(),
                };
                format!(
                    "no chart named `{}`{hint}; charts: {}",
                    output::sanitize(name),
                    output::sanitize(&names.join(", "))
                )
            }
            None => format!("no chart in `{}`", output::sanitize(&first_path)),
        }));
    }

    let prepared = Prepared::new(&overrides);
    let mut worst = 0u8;
    let mut yaml = String::new();
    let mut json = Vec::new();
    for (n, &k) in chosen.iter().enumerate() {
        let c = &catalog.charts()[k];
        let report = catalog.preview(k, &prepared);
        for e in &report.errors {
            if n > 0 && prepared.errors.contains(e) {
                continue; // said once
            }
            let place = match (&e.file, &e.range) {
                (Some(file), Some(r)) => format!("{file}:{}:{}: ", r.start.line, r.start.column),
                (Some(file), None) => format!("{file}: "),
                _ => String::new(),
            };
            let _ = writeln!(
                std::io::stderr(),
                "{}: {}: {}{}",
                e.severity.as_str(),
                output::sanitize(&c.name),
                output::sanitize(&place),
                output::sanitize(e.message.get(f.lang))
            );
            if e.severity == Severity::Error {
                worst = 1;
            }
        }
        if f.json {
            json.push((c.name.clone(), c.root.clone(), report));
        } else {
            if n > 0 {
                yaml.push_str("---\n");
            }
            yaml.push_str(&ecplint::config::yaml_out::render(&report));
        }
    }
    if f.json {
        let out = if json.len() == 1 {
            serde_json::to_string_pretty(&json[0].2)
        } else {
            let list: Vec<serde_json::Value> = json
                .iter()
                .map(|(name, root, config)| {
                    serde_json::json!({ "chart": name, "root": root, "config": config })
                })
                .collect();
            serde_json::to_string_pretty(&list)
        };
        emit(&(out.expect("the preview serializes") + "\n"));
    } else {
        emit(&yaml);
    }
    Ok(ExitCode::from(worst))
}
