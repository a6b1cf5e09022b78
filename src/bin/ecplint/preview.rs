//! `ecplint preview`: the navigation preview (issue 4), the ECP console one role sees, as one
//! standalone HTML file.

use crate::args::{parse_lang, unknown_flag, Arg, ArgWalker, Usage, USAGE};
use crate::{emit, read_paths, say_unreadable, workspace_of};
use ecplint::diagnostic::Lang;
use ecplint::output;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &[OsString]) -> Result<ExitCode, Usage> {
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
    let loaded = read_paths(&paths);
    let mut status = ExitCode::SUCCESS;
    for l in &loaded {
        if say_unreadable(&l.input, lang) {
            status = ExitCode::from(2);
        }
    }
    let mut workspace = workspace_of(loaded);
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
