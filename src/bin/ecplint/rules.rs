//! `ecplint rules` (every rule, as text, markdown or json) and `ecplint rule ID` (one rule's docs).

use crate::args::{use_color, Flags, Format, Usage};
use crate::emit;
use ecplint::output;
use std::io::Write;
use std::process::ExitCode;

pub fn list(flags: &Flags) -> Result<ExitCode, Usage> {
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
        Format::Sarif | Format::Junit | Format::Github => {
            return Err(Usage(
                "`rules` writes --format text, markdown or json".into(),
            ))
        }
    };
    emit(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn one(flags: &Flags) -> Result<ExitCode, Usage> {
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
