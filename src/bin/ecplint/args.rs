//! The command line: the usage text, the flags every subcommand shares, and the walker that reads
//! flags the same way everywhere. Flags may come anywhere after the command; `--flag value` and
//! `--flag=value` both work; `--` ends the flags.

use ecplint::diagnostic::Lang;
use ecplint::output;
use std::ffi::OsString;
use std::io::IsTerminal;

pub const USAGE: &str = "\
ecplint — validate EasyStack ECP cloud product charts

Usage:
  ecplint check PATH... [--format text|json|sarif|junit|github] [--fail-on error|warning|info]
                [--no-inline-suppressions] [--baseline F | --write-baseline F]
                [--lang en|zh] [--color auto|always|never] [--categories NAME,...]
                [--values FILE]... [--set K=V]... [--set-string K=V]... [--set-file K=FILE]...
                [--kube-version V]
  ecplint rules [--format text|markdown|json] [--lang en|zh] [--color auto|always|never]
  ecplint rule ID [--lang en|zh] [--color auto|always|never]
  ecplint config PATH... [--license F] [--config-crd F] [--custom F] [--products F]
                 [--chart NAME] [--format yaml|json] [--lang en|zh]
  ecplint preview PATH... [--role cloud_admin|domain_admin|admin|member|author] [--lang en|zh]
                  [--out FILE]
  ecplint template PATH... [--release-name NAME] [--namespace NS] [--kube-version V]
                   [--api-versions G/V[/KIND]]... [-f FILE]... [--set K=V]... [--set-string K=V]...
                   [--set-file K=FILE]... [--show-only TEMPLATE]... [--include-crds] [--no-hooks]
                   [--seed N] [--chart NAME] [--format yaml|json] [--lang en|zh]
  ecplint help | --help | -h
  ecplint --version | -V

PATH is a chart archive (.tgz, .tar.gz, .tar, .zip) or a folder (a chart or a cloud product
project). Folders are read without following symbolic links.

`check` also renders every chart as the platform installs it (as `template` does) for the rules
over the rendered manifests: with values.yaml alone, or with the values you will install with
(--values FILE, --set…; `-f` is --format here). A dependency missing from a chart is looked up
among the other PATHs.

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

`template` renders a chart as `helm template` (v3.17.3) does: values.yaml, each -f FILE, then
--set, --set-string and --set-file; subcharts with their conditions, tags, aliases and
import-values; documents in Helm's order. The chart is the first PATH's (or --chart NAME); a
dependency missing from its charts/ is looked up among the other PATHs (a helm-toolkit archive
beside the product); when it is nowhere, the templates that need it are reported as not
rendered. Defaults as the ECP platform installs a product: release name = product ID,
namespace = `_acl_helpers`' namespace or the product ID; Kubernetes v1.32.0. Every template that
fails is reported on standard error with its place and include chain; the others still render.
Exit status: 0 rendered, 1 a template failed or Helm refuses the chart, 2 a PATH or FILE could not
be read or the call is wrong.

`# ecplint-disable-next-line RULE[,RULE] -- reason` (or `-file`) in a file silences those rules
on the next line (in the file); the findings stay in JSON and SARIF, marked suppressed, and are
not counted. --no-inline-suppressions ignores them (a reviewer's view).

`.ecplint.yaml` at a project's or a chart's root (in the input, so the page reads it too) sets
severities per rule or group (`HA: warning`, `HELM-002: off`), files to ignore (globs), the
Kubernetes version (--kube-version wins over it) and platform categories (both count);
INPUT-003 reports what is wrong in it.

`check --write-baseline F` records today's findings in F (JSON) by rule, file, chart, message
and key path or line text (not line numbers, so moved lines still match); `check --baseline F`
then reports only new findings: the recorded ones stay in JSON and SARIF, marked suppressed
(kind baseline), and are counted in the summary as suppressed. An unreadable or damaged F
exits 2.

`check --format junit` writes a JUnit XML test report (one test case per rule and file, failing
at --fail-on's severity); `--format github` writes GitHub Actions annotations.

Exit status: 0 no error finding, 1 an error finding (with --fail-on warning: a warning or an
error; info: any finding), 2 an input could not be read or the call is wrong.
";

/// A wrong call: the message, then the usage, exit 2.
pub struct Usage(pub String);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
    /// JUnit XML for CI test reports (`check`).
    Junit,
    /// GitHub Actions annotations (`check`).
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The flags of `check`, `rules` and `rule` (`config` and `preview` have their own).
pub struct Flags {
    pub format: Option<Format>,
    pub lang: Lang,
    /// Navigation categories that exist on the user's platform (NAV-007).
    pub categories: Vec<String>,
    pub color: Color,
    /// `check`'s exit status is 1 when a finding is at least this severe (`--fail-on`).
    pub fail_on: ecplint::diagnostic::Severity,
    /// `--no-inline-suppressions`: `ecplint-disable-…` comments silence nothing.
    pub no_inline_suppressions: bool,
    /// `--baseline F`: findings recorded in F are suppressed.
    pub baseline: Option<String>,
    /// `--write-baseline F`: record today's findings in F.
    pub write_baseline: Option<String>,
    pub timings: bool,
    pub help: bool,
    pub positional: Vec<OsString>,
    /// `check`'s render flags: `--values` files, `--set`, `--set-string`, `--set-file`,
    /// `--kube-version` (the values the manifest rules render with).
    pub values: Vec<String>,
    pub render: ecplint::render::RenderOptions,
}

/// One word of a command line: a positional argument or a flag (`--name`, `--name=value`, `-x`).
pub enum Arg {
    Positional(OsString),
    Flag(String),
}

/// Walks a command line the same way for every subcommand: `--` ends the flags, `-` is a
/// positional (standard input), a flag's value is inline (`--lang=zh`) or the next word.
pub struct ArgWalker<'a> {
    words: std::slice::Iter<'a, OsString>,
    only_positional: bool,
    inline: Option<String>,
}

impl<'a> ArgWalker<'a> {
    pub fn new(words: &'a [OsString]) -> Self {
        ArgWalker {
            words: words.iter(),
            only_positional: false,
            inline: None,
        }
    }

    pub fn next(&mut self) -> Option<Arg> {
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
    pub fn has_inline(&self) -> bool {
        self.inline.is_some()
    }

    /// The current flag's value.
    pub fn value(&mut self, flag: &str) -> Result<String, Usage> {
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

pub fn unknown_flag(name: &str, known: &[&str]) -> Usage {
    let hint = match ecplint::rules::nearest(name, known) {
        Some(k) => format!(" (did you mean `{k}`?)"),
        None => String::new(),
    };
    Usage(format!("unknown flag `{}`{hint}", output::sanitize(name)))
}

pub fn parse_lang(v: &str) -> Result<Lang, Usage> {
    Lang::parse(v).ok_or_else(|| {
        Usage(format!(
            "unknown language `{}` (en or zh)",
            output::sanitize(v)
        ))
    })
}

pub fn parse_flags(args: &[OsString]) -> Result<Flags, Usage> {
    let mut flags = Flags {
        format: None,
        lang: Lang::En,
        categories: Vec::new(),
        color: Color::Auto,
        fail_on: ecplint::diagnostic::Severity::Error,
        no_inline_suppressions: false,
        baseline: None,
        write_baseline: None,
        timings: false,
        help: false,
        positional: Vec::new(),
        values: Vec::new(),
        render: Default::default(),
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
                    "junit" => Format::Junit,
                    "github" => Format::Github,
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
            "--values" => {
                let v = args.value(&name)?;
                flags
                    .values
                    .extend(v.split(',').filter(|s| !s.is_empty()).map(str::to_string));
            }
            "--set" => flags.render.set.push(args.value(&name)?),
            "--set-string" => flags.render.set_string.push(args.value(&name)?),
            "--set-file" => flags.render.set_file.push(args.value(&name)?),
            "--kube-version" => flags.render.kube_version = Some(args.value(&name)?),
            "--fail-on" => {
                let v = args.value("--fail-on")?;
                flags.fail_on = match v.as_str() {
                    "error" => ecplint::diagnostic::Severity::Error,
                    "warning" => ecplint::diagnostic::Severity::Warning,
                    "info" => ecplint::diagnostic::Severity::Info,
                    _ => {
                        return Err(Usage(format!(
                            "--fail-on takes error, warning or info, not `{}`",
                            output::sanitize(&v)
                        )))
                    }
                };
            }
            "--no-inline-suppressions" if !args.has_inline() => flags.no_inline_suppressions = true,
            "--baseline" => flags.baseline = Some(args.value(&name)?),
            "--write-baseline" => flags.write_baseline = Some(args.value(&name)?),
            // Hidden: time reading and checking of each input, on stderr.
            "--timings" if !args.has_inline() => flags.timings = true,
            "-h" | "--help" if !args.has_inline() => flags.help = true,
            _ => {
                return Err(unknown_flag(
                    &name,
                    &[
                        "--format",
                        "--lang",
                        "--color",
                        "--categories",
                        "--values",
                        "--set",
                        "--set-string",
                        "--set-file",
                        "--kube-version",
                        "--fail-on",
                        "--no-inline-suppressions",
                        "--baseline",
                        "--write-baseline",
                        "--help",
                    ],
                ))
            }
        }
    }
    Ok(flags)
}

/// Colours: `always`, `never`, or (auto) when stdout is a terminal and `NO_COLOR` is not set.
pub fn use_color(choice: Color) -> bool {
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
