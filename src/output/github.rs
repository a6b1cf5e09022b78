//! GitHub Actions workflow commands (`::error file=…,line=…::message`): a CI job that runs
//! `ecplint check --format github` shows each finding as an annotation on the pull request's
//! diff, at its line.

use super::{view, InputView};
use crate::diagnostic::{Lang, Severity};
use crate::report::Report;

/// One workflow command per finding, then a summary line. Paths are shown as the user gave them
/// (relative to the job's working folder, which GitHub resolves against the repository).
pub fn render(report: &Report, views: &[InputView], lang: Lang) -> String {
    let mut out = String::new();
    for (i, input) in report.inputs.iter().enumerate() {
        let v = view(views, i);
        // Silenced findings stay in JSON and SARIF; here they are counted in the summary only.
        for d in input.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut properties = Vec::new();
            if let Some(file) = &d.file {
                properties.push(format!("file={}", property(&v.display_path(file))));
                if let Some(r) = &d.range {
                    properties.push(format!("line={}", r.start.line.max(1)));
                    properties.push(format!("col={}", r.start.column.max(1)));
                    properties.push(format!("endLine={}", r.end.line.max(r.start.line).max(1)));
                    if r.end.line == r.start.line {
                        properties.push(format!("endColumn={}", r.end.column.max(1)));
                    }
                }
            }
            let title = match d.chart.as_deref() {
                Some(chart) => format!("{} ({chart})", d.rule),
                None => d.rule.to_string(),
            };
            properties.push(format!("title={}", property(&title)));
            let message = super::message_with_help(d, lang);
            out.push_str(&format!(
                "::{command} {}::{}\n",
                properties.join(","),
                data(&message)
            ));
        }
    }
    let s = &report.summary;
    out.push_str(&match lang {
        Lang::En => format!(
            "ecplint: {} error(s), {} warning(s), {} info, {} suppressed\n",
            s.errors, s.warnings, s.infos, s.suppressed
        ),
        Lang::Zh => format!(
            "ecplint：{} 个错误，{} 个警告，{} 个提示，{} 个已抑制\n",
            s.errors, s.warnings, s.infos, s.suppressed
        ),
    });
    out
}

/// A command's message: `%`, CR and LF escaped (GitHub's documented encoding), so one finding
/// stays one command however its text reads.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`data`], and `:` and `,` too (they separate properties).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_a_command() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
