//! The `ecplint` command: argument handling and I/O only. Reading is `ecplint::input::fs`, checking
//! and previews are `ecplint::Workspace`, rendering is `ecplint::output`.
//!
//! Exit codes (REPORT.md): 0 no error finding, 1 an error finding, 2 an input could not be read or
//! the call is wrong.
//!
//! One module per job: `args` (usage and flags), `check`, `rules` (`rules` and `rule`), `config`,
//! `preview` and `template`, the subcommands.

mod args;
mod check;
mod config;
mod preview;
mod rules;
mod template;

use args::{parse_flags, Usage, USAGE};
use ecplint::diagnostic::Lang;
use ecplint::input::fs::{read_path, Loaded};
use ecplint::input::{Input, Limits};
use ecplint::output;
use ecplint::Workspace;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

// Rendering allocates and frees many small values: mimalloc rather than glibc's malloc
// (Cargo.toml says what it measured).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        "check" | "rules" | "rule" => {
            let flags = parse_flags(rest)?;
            if flags.help {
                emit(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            match command.as_str() {
                "check" => check::run(&flags),
                "rules" => rules::list(&flags),
                _ => rules::one(&flags),
            }
        }
        "config" => config::run(rest),
        "preview" => preview::run(rest),
        "template" => template::run(rest),
        other => {
            let known = [
                "check", "rules", "rule", "config", "preview", "template", "help", "version",
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

/// Write to stdout; a closed pipe (`ecplint ... | head`) is not an error.
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes()).and_then(|_| out.flush());
}

/// Read every PATH of `config` or `preview`, within the default limits.
fn read_paths(paths: &[OsString]) -> Vec<Loaded> {
    let limits = Limits::default();
    paths
        .iter()
        .map(|p| read_path(&PathBuf::from(p), &limits))
        .collect()
}

/// One workspace of the inputs read, for `config` and `preview`.
fn workspace_of(loaded: Vec<Loaded>) -> Workspace {
    let mut workspace = Workspace::default();
    for l in loaded {
        workspace.add_input(l.input);
    }
    workspace
}

/// For `config` and `preview`, which have no report to show it in: say on stderr why `input`
/// could not be read. Whether it could not.
fn say_unreadable(input: &Input, lang: Lang) -> bool {
    if input.unreadable {
        for p in &input.problems {
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                output::sanitize(p.message.get(lang))
            );
        }
    }
    input.unreadable
}
