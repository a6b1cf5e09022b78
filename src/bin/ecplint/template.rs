//! `ecplint template`: render a chart as `helm template` does (issue 9). The documents go to
//! stdout (Helm's YAML stream, or JSON with the template place of every line); every template
//! that fails is reported on stderr with its place and include chain, the others still output.
//!
//! Exit status: 0 rendered, 1 a template failed (or Helm refuses the chart), 2 a bad call or an
//! unreadable input.

use crate::args::{parse_lang, unknown_flag, Arg, ArgWalker, Usage, USAGE};
use crate::{emit, read_paths, say_unreadable, workspace_of};
use ecplint::diagnostic::{Lang, Text};
use ecplint::output;
use ecplint::render::{strvals, FatalKind, RenderOptions, Rendered};
use ecplint::text;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

const FLAGS: &[&str] = &[
    "--release-name",
    "--namespace",
    "--kube-version",
    "--api-versions",
    "--values",
    "--set",
    "--set-string",
    "--set-file",
    "--show-only",
    "--include-crds",
    "--no-hooks",
    "--seed",
    "--format",
    "--chart",
    "--lang",
    "--help",
];

fn say(lang: Lang, prefix: &str, message: &Text) {
    let _ = writeln!(
        std::io::stderr(),
        "{prefix}: {}",
        output::sanitize(message.get(lang))
    );
}

/// Reads the `--values` files and the files `--set-file` names into `options` (`template` and
/// `check` take the same values); the error is what to tell the user (exit 2).
pub fn read_values(options: &mut RenderOptions, value_files: &[String]) -> Result<(), Text> {
    for file in value_files {
        let text = read_text(file).map_err(|e| {
            let e = go_open_error(file, &e);
            text!("{e}", "无法读取 values 文件：{e}")
        })?;
        options.values.push((file.clone(), text));
    }
    let set_file_error = |e: String| {
        text!(
            "failed parsing --set-file data: {e}",
            "无法解析 --set-file 的值：{e}"
        )
    };
    for expr in options.set_file.clone() {
        for file in strvals::file_paths(&expr).map_err(set_file_error)? {
            let text = read_text(&file).map_err(|e| set_file_error(go_open_error(&file, &e)))?;
            options.set_file_contents.insert(file, text);
        }
    }
    Ok(())
}

pub fn run(args: &[OsString]) -> Result<ExitCode, Usage> {
    let mut options = RenderOptions::default();
    let mut value_files: Vec<String> = Vec::new();
    let mut json = false;
    let mut lang = Lang::En;
    let mut chart: Option<String> = None;
    let mut seed: Option<u64> = None;
    let mut paths: Vec<OsString> = Vec::new();
    let mut args = ArgWalker::new(args);
    while let Some(arg) = args.next() {
        let name = match arg {
            Arg::Positional(p) => {
                paths.push(p);
                continue;
            }
            Arg::Flag(name) => name,
        };
        match name.as_str() {
            "--release-name" => options.release_name = args.value(&name)?,
            "--namespace" | "-n" => options.namespace = args.value(&name)?,
            "--kube-version" => options.kube_version = Some(args.value(&name)?),
            "--api-versions" | "-a" => {
                let v = args.value(&name)?;
                options
                    .api_versions
                    .extend(v.split(',').filter(|s| !s.is_empty()).map(str::to_string));
            }
            "--values" | "-f" => {
                let v = args.value(&name)?;
                value_files.extend(v.split(',').filter(|s| !s.is_empty()).map(str::to_string));
            }
            "--set" => options.set.push(args.value(&name)?),
            "--set-string" => options.set_string.push(args.value(&name)?),
            "--set-file" => options.set_file.push(args.value(&name)?),
            "--show-only" | "-s" => options.show_only.push(args.value(&name)?),
            "--include-crds" if !args.has_inline() => options.include_crds = true,
            "--no-hooks" if !args.has_inline() => options.no_hooks = true,
            "--seed" => {
                let v = args.value(&name)?;
                seed = v.parse().map(Some).map_err(|_| {
                    Usage(format!(
                        "`--seed` needs a number, not `{}`",
                        output::sanitize(&v)
                    ))
                })?;
            }
            "--format" | "-o" => {
                let v = args.value(&name)?;
                json = match v.as_str() {
                    "yaml" => false,
                    "json" => true,
                    _ => {
                        return Err(Usage(format!(
                            "unknown format `{}` (yaml or json)",
                            output::sanitize(&v)
                        )))
                    }
                };
            }
            "--chart" => chart = Some(args.value(&name)?),
            "--lang" => lang = parse_lang(&args.value(&name)?)?,
            "-h" | "--help" if !args.has_inline() => {
                emit(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            _ => return Err(unknown_flag(&name, FLAGS)),
        }
    }
    if paths.is_empty() {
        return Err(Usage("`template` needs a PATH".into()));
    }
    if let Err(message) = read_values(&mut options, &value_files) {
        say(lang, "error", &message);
        return Ok(ExitCode::from(2));
    }
    options.seed = seed.unwrap_or_else(seed_from_clock);
    options.now_unix_nanos = now_unix_nanos();

    let loaded = read_paths(&paths);
    if say_unreadable(&loaded[0].input, lang) {
        return Ok(ExitCode::from(2));
    }
    let mut workspace = workspace_of(loaded);
    let Some(rendered) = workspace.render(0, chart.as_deref(), &options) else {
        let message = match &chart {
            Some(name) => text!(
                "no chart named `{name}` in the first PATH",
                "第一个 PATH 中没有名为 `{name}` 的 chart"
            ),
            None => text!(
                "no chart (Chart.yaml) in the first PATH",
                "第一个 PATH 中没有 chart（Chart.yaml）"
            ),
        };
        say(lang, "error", &message);
        return Ok(ExitCode::from(2));
    };
    if let Some(fatal) = &rendered.fatal {
        say(lang, "error", &fatal.message);
        if json {
            emit(&json_line(&rendered, lang));
        }
        return Ok(ExitCode::from(match fatal.kind {
            FatalKind::Chart => 1,
            FatalKind::Call | FatalKind::Input => 2,
        }));
    }
    for warning in &rendered.warnings {
        say(lang, "warning", warning);
    }
    for error in &rendered.errors {
        let mut line = format!("error: {}", output::sanitize(&error.error.go_message()));
        for frame in &error.error.chain {
            let place = format!("{}:{}:{}", frame.template, frame.line, frame.col);
            let shown = output::sanitize(&place);
            line.push_str(&match lang {
                Lang::En => format!("\n  called from {shown}"),
                Lang::Zh => format!("\n  调用自 {shown}"),
            });
        }
        let _ = writeln!(std::io::stderr(), "{line}");
    }
    for skipped in &rendered.not_rendered {
        let (template, dependency, include) =
            (&skipped.template, &skipped.dependency, &skipped.include);
        say(
            lang,
            "note",
            &text!(
                "{template} not rendered: it includes \"{include}\", which the dependency `{dependency}` defines; `{dependency}` is neither in charts/ nor among the PATHs (add its archive as another PATH)",
                "{template} 未渲染：它引用了 \"{include}\"，由依赖 `{dependency}` 定义；`{dependency}` 既不在 charts/ 中，也不在给出的 PATH 中（可把它的归档作为另一个 PATH 给出）"
            ),
        );
    }
    if json {
        emit(&json_line(&rendered, lang));
    } else {
        emit(&rendered.to_yaml());
    }
    Ok(if rendered.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// An error opening `path` in Go's words, as helm prints it (`open x.yaml: no such file or
/// directory`).
fn go_open_error(path: &str, e: &std::io::Error) -> String {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("open {path}: {reason}")
}

/// A file's text, or standard input for `-`.
fn read_text(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)?;
        return Ok(text);
    }
    let bytes = std::fs::read(path)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn now_unix_nanos() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Without `--seed`, random functions differ from run to run, as in Helm.
fn seed_from_clock() -> u64 {
    (now_unix_nanos() as u64) | 1
}

/// `--format json`: the render as one line of JSON.
fn json_line(rendered: &Rendered, lang: Lang) -> String {
    let json = serde_json::to_string(&rendered.json(lang)).expect("the render serializes");
    json + "\n"
}
