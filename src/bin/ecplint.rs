//! The `ecplint` command: argument handling and I/O only. Reading is `ecplint::input`, checking is
//! `ecplint::check_input`, rendering is `ecplint::output`.
//!
//! Exit codes (REPORT.md): 0 no error finding, 1 an error finding, 2 an input could not be read or
//! the call is wrong.

use ecplint::diagnostic::{Lang, Severity};
use ecplint::input::fs::{read_path, Loaded};
use ecplint::input::Limits;
use ecplint::output::{self, InputView};
use ecplint::workspace::Event;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
ecplint — validate EasyStack ECP cloud product charts

Usage:
  ecplint check PATH... [--format text|json|sarif] [--lang en|zh] [--color auto|always|never]
                [--categories NAME,...]
  ecplint rules [--format text|markdown|json] [--lang en|zh] [--color auto|always|never]
  ecplint rule ID [--lang en|zh] [--color auto|always|never]
  ecplint config PATH... [--license F] [--config-crd F] [--custom F] [--products F]
                 [--chart NAME] [--format yaml|json] [--lang en|zh]
  ecplint preview PATH... [--role cloud_admin|domain_admin|admin|member|author] [--lang en|zh]
                  [--out FILE]
  ecplint help | --help | -h
  ecplint --version | -V

PATH is a chart archive (.tgz, .tar.gz, .tar, .zip) or a folder (a chart or a cloud product
project). Folders are read without following symbolic links.

`config` previews the values a product really gets (guide §1.1.6.4): values.yaml, then the
rendered data_template, config CRD, license topology, license config and custom_config, each
leaf commented with the layer that set it. The charts of every PATH are installed alongside (a
template can read their configs); the charts of the first PATH are previewed, or --chart NAME.
F is a YAML file, or - for standard input. Exit status: 0, 1 when an input of the preview has an
error, 2 when a PATH or F could not be read or the call is wrong.

`preview` renders the ECP console the charts' navigation gives one role (guide §1.1.6.7): top
and left navigation by category, the wizard with its pictures; `author` (the default) shows every
item and why a role cannot see it. One standalone HTML file (no script, nothing external) to
--out FILE, or standard output. Exit status: 0, or 2 when a PATH could not be read or the call
is wrong.

Exit status: 0 no error finding, 1 an error finding, 2 an input could not be read or the call
is wrong.
";

/// A wrong call: the message, then the usage, exit 2.
struct Usage(String);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

struct Flags {
    format: Option<Format>,
    lang: Lang,
    /// Navigation categories that exist on the user's platform (NAV-007).
    categories: Vec<String>,
    color: Color,
    timings: bool,
    help: bool,
    positional: Vec<OsString>,
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(args) {
        Ok(code) => code,
        Err(Usage(msg)) => {
            let _ = writeln!(std::io::stderr(), "error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<OsString>) -> Result<ExitCode, Usage> {
    let Some(command) = args.first() else {
        return Err(Usage("no command given".into()));
    };
    let command = command.to_string_lossy().into_owned();
    let rest = &args[1..];
    match command.as_str() {
        "-V" | "--version" | "version" => {
            emit(&format!("ecplint {}\n", env!("CARGO_PKG_VERSION")));
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            emit(USAGE);
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            let flags = parse_flags(rest)?;
            if flags.help {
                emit(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            let format = match flags.format {
                None | Some(Format::Text) => Format::Text,
                Some(Format::Json) => Format::Json,
                Some(Format::Sarif) => Format::Sarif,
                Some(Format::Markdown) => {
                    return Err(Usage("`check` writes --format text, json or sarif".into()))
                }
            };
            if flags.positional.is_empty() {
                return Err(Usage("`check` needs at least one PATH".into()));
            }
            Ok(check(&flags.positional, format, &flags))
        }
        "rules" => {
            let flags = parse_flags(rest)?;
            if flags.help {
                emit(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            if let Some(extra) = flags.positional.first() {
                return Err(Usage(format!(
                    "unexpected argument `{}`",
                    extra.to_string_lossy()
                )));
            }
            let out = match flags.format.unwrap_or(Format::Text) {
                Format::Text => output::text::render_rules(flags.lang, use_color(flags.color)),
                Format::Markdown => output::markdown::rules_table(flags.lang),
                Format::Json => output::rules_json() + "\n",
                Format::Sarif => {
                    return Err(Usage(
                        "`rules` writes --format text, markdown or json".into(),
                    ))
                }
            };
            emit(&out);
            Ok(ExitCode::SUCCESS)
        }
        "rule" => {
            let flags = parse_flags(rest)?;
            if flags.help {
                emit(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            if flags.format.is_some() {
                return Err(Usage("`rule` takes no --format".into()));
            }
            let [id] = flags.positional.as_slice() else {
                return Err(Usage(
                    "`rule` needs exactly one rule ID, such as CHART-001".into(),
                ));
            };
            let id = id.to_string_lossy();
            match ecplint::rules::find(&id) {
                Some(rule) => {
                    emit(&output::text::render_rule(
                        rule,
                        flags.lang,
                        use_color(flags.color),
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let ids: Vec<&str> = ecplint::rules::ALL.iter().map(|r| r.id).collect();
                    let hint = match ecplint::rules::nearest(&id, &ids) {
                        Some(near) => format!("did you mean `{near}`? "),
                        None => String::new(),
                    };
                    let _ = writeln!(
                        std::io::stderr(),
                        "error: unknown rule `{}`; {hint}`ecplint rules` lists every rule",
                        output::sanitize(&id)
                    );
                    Ok(ExitCode::from(2))
                }
            }
        }
        "config" => config(rest),
        "preview" => preview(rest),
        other => {
            let known = [
                "check", "rules", "rule", "config", "preview", "help", "version",
            ];
            let hint = match ecplint::rules::nearest(other, &known) {
                Some(k) => format!(" (did you mean `{k}`?)"),
                None => String::new(),
            };
            Err(Usage(format!(
                "unknown command `{}`{hint}",
                output::sanitize(other)
            )))
        }
    }
}

/// Flags may come anywhere after the command; `--flag value` and `--flag=value` both work; `--`
/// ends the flags.
/// One word of a command line: a positional argument or a flag (`--name`, `--name=value`, `-x`).
enum Arg {
    Positional(OsString),
    Flag(String),
}

/// Walks a command line the same way for every subcommand: `--` ends the flags, `-` is a
/// positional (standard input), a flag's value is inline (`--lang=zh`) or the next word.
struct ArgWalker<'a> {
    words: std::slice::Iter<'a, OsString>,
    only_positional: bool,
    inline: Option<String>,
}

impl<'a> ArgWalker<'a> {
    fn new(words: &'a [OsString]) -> Self {
        ArgWalker {
            words: words.iter(),
            only_positional: false,
            inline: None,
        }
    }

    fn next(&mut self) -> Option<Arg> {
        self.inline = None;
        loop {
            let word = self.words.next()?;
            let s = word.to_string_lossy();
            if self.only_positional || !s.starts_with('-') || s == "-" {
                return Some(Arg::Positional(word.clone()));
            }
            if s == "--" {
                self.only_positional = true;
                continue;
            }
            return Some(match s.split_once('=') {
                Some((name, value)) if name.starts_with("--") => {
                    self.inline = Some(value.to_string());
                    Arg::Flag(name.to_string())
                }
                _ => Arg::Flag(s.into_owned()),
            });
        }
    }

    /// Whether the current flag was written with `=value`.
    fn has_inline(&self) -> bool {
        self.inline.is_some()
    }

    /// The current flag's value.
    fn value(&mut self, flag: &str) -> Result<String, Usage> {
        match self.inline.take() {
            Some(v) => Ok(v),
            None => self
                .words
                .next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or_else(|| Usage(format!("`{flag}` needs a value"))),
        }
    }
}

fn unknown_flag(name: &str, known: &[&str]) -> Usage {
    let hint = match ecplint::rules::nearest(name, known) {
        Some(k) => format!(" (did you mean `{k}`?)"),
        None => String::new(),
    };
    Usage(format!("unknown flag `{}`{hint}", output::sanitize(name)))
}

fn parse_lang(v: &str) -> Result<Lang, Usage> {
    Lang::parse(v).ok_or_else(|| {
        Usage(format!(
            "unknown language `{}` (en or zh)",
            output::sanitize(v)
        ))
    })
}

fn parse_flags(args: &[OsString]) -> Result<Flags, Usage> {
    let mut flags = Flags {
        format: None,
        lang: Lang::En,
        categories: Vec::new(),
        color: Color::Auto,
        timings: false,
        help: false,
        positional: Vec::new(),
    };
    let mut args = ArgWalker::new(args);
    while let Some(arg) = args.next() {
        let name = match arg {
            Arg::Positional(p) => {
                flags.positional.push(p);
                continue;
            }
            Arg::Flag(name) => name,
        };
        match name.as_str() {
            "--format" | "-f" => {
                let v = args.value("--format")?;
                flags.format = Some(match v.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "sarif" => Format::Sarif,
                    "markdown" | "md" => Format::Markdown,
                    _ => return Err(Usage(format!("unknown format `{}`", output::sanitize(&v)))),
                });
            }
            "--categories" => {
                let v = args.value("--categories")?;
                flags.categories.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_string),
                );
            }
            "--lang" => {
                let v = args.value("--lang")?;
                flags.lang = parse_lang(&v)?;
            }
            "--color" | "--colour" => {
                let v = args.value("--color")?;
                flags.color = match v.as_str() {
                    "auto" => Color::Auto,
                    "always" => Color::Always,
                    "never" => Color::Never,
                    _ => return Err(Usage(format!("unknown --color `{}`", output::sanitize(&v)))),
                };
            }
            // Hidden: time reading and checking of each input, on stderr.
            "--timings" if !args.has_inline() => flags.timings = true,
            "-h" | "--help" if !args.has_inline() => flags.help = true,
            _ => {
                return Err(unknown_flag(
                    &name,
                    &["--format", "--lang", "--color", "--categories", "--help"],
                ))
            }
        }
    }
    Ok(flags)
}

/// Colours: `always`, `never`, or (auto) when stdout is a terminal and `NO_COLOR` is not set.
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Write to stdout; a closed pipe (`ecplint ... | head`) is not an error.
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes()).and_then(|_| out.flush());
}

fn check(paths: &[OsString], format: Format, flags: &Flags) -> ExitCode {
    let limits = Limits::default();
    let mut workspace = ecplint::Workspace::new(ecplint::Options {
        known_categories: flags.categories.clone(),
        ..Default::default()
    });
    let mut displays = Vec::with_capacity(paths.len());
    let mut read_times = Vec::with_capacity(paths.len());
    for p in paths {
        let t0 = Instant::now();
        let l = read_path(&PathBuf::from(p), &limits);
        read_times.push(t0.elapsed());
        displays.push(l.display);
        workspace.add_input(l.input);
    }
    let report = workspace.check_with(|event| {
        if flags.timings {
            let line = match event {
                Event::Checked {
                    index,
                    name,
                    files,
                    load,
                    check,
                } => format!(
                    "timing: {}: read+load {:.2} ms, check {:.2} ms, {files} files",
                    output::sanitize(name),
                    (read_times[index] + load).as_secs_f64() * 1e3,
                    check.as_secs_f64() * 1e3,
                ),
                Event::Catalog { time } => format!(
                    "timing: catalog (config previews) {:.2} ms",
                    time.as_secs_f64() * 1e3
                ),
                Event::Input { .. } => return Ok(()),
            };
            let _ = writeln!(std::io::stderr(), "{line}");
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(report) = report;
    let views: Vec<InputView> = (0..workspace.len())
        .map(|i| InputView {
            files: workspace.input(i).map_or(&[][..], |input| &input.files),
            display: displays[i].as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
        })
        .collect();
    let out = match format {
        Format::Json => report.to_json() + "\n",
        Format::Sarif => output::sarif::render(&report, &views, flags.lang) + "\n",
        _ => output::text::render(
            &report,
            &views,
            &output::text::TextOptions {
                lang: flags.lang,
                color: use_color(flags.color),
            },
        ),
    };
    emit(&out);
    ExitCode::from(report.exit_code() as u8)
}

// ---------------------------------------------------------------------------------------------
// `ecplint config`: the config preview (issue 3)

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

fn config(args: &[OsString]) -> Result<ExitCode, Usage> {
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

    let limits = Limits::default();
    let loaded: Vec<Loaded> = f
        .paths
        .iter()
        .map(|p| read_path(&PathBuf::from(p), &limits))
        .collect();
    for l in &loaded {
        if l.input.unreadable {
            for d in &l.input.problems {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: {}",
                    output::sanitize(d.message.get(f.lang))
                );
            }
            return Ok(fail(format!(
                "`{}` could not be read",
                output::sanitize(&l.input.path)
            )));
        }
    }
    let first_path = loaded[0].input.path.clone();
    let mut workspace = ecplint::Workspace::default();
    for l in loaded {
        workspace.add_input(l.input);
    }
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

// ---------------------------------------------------------------------------------------------
// `ecplint preview`: the navigation preview (issue 4)

fn preview(args: &[OsString]) -> Result<ExitCode, Usage> {
    use ecplint::navigation::{Styles, View};
    let mut view = View::Author;
    let mut lang = Lang::En;
    let mut out: Option<String> = None;
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
            "--role" => {
                let v = args.value("--role")?;
                view = View::parse(&v).ok_or_else(|| {
                    Usage(format!(
                        "unknown role `{}` (cloud_admin, domain_admin, admin, member or author)",
                        output::sanitize(&v)
                    ))
                })?;
            }
            "--lang" => {
                let v = args.value("--lang")?;
                lang = parse_lang(&v)?;
            }
            "--out" | "-o" => out = Some(args.value("--out")?),
            "-h" | "--help" if !args.has_inline() => {
                emit(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            _ => {
                return Err(unknown_flag(
                    &name,
                    &["--role", "--lang", "--out", "--help"],
                ))
            }
        }
    }
    if paths.is_empty() {
        return Err(Usage("`preview` needs a PATH".into()));
    }
    let limits = Limits::default();
    let loaded: Vec<Loaded> = paths
        .iter()
        .map(|p| read_path(&PathBuf::from(p), &limits))
        .collect();
    let mut status = ExitCode::SUCCESS;
    for l in &loaded {
        if l.input.unreadable {
            for d in &l.input.problems {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: {}",
                    output::sanitize(d.message.get(lang))
                );
            }
            status = ExitCode::from(2);
        }
    }
    let mut workspace = ecplint::Workspace::default();
    for l in loaded {
        workspace.add_input(l.input);
    }
    if workspace.console(None).products.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "note: no chart has a templates/_navigation.yaml: the console is empty"
        );
    }
    let html = workspace.preview(None, view, lang, Styles::Inline);
    match out.as_deref() {
        None | Some("-") => emit(&html),
        Some(file) => {
            if let Err(e) = std::fs::write(file, html) {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: cannot write `{}`: {e}",
                    output::sanitize(file)
                );
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(status)
}
