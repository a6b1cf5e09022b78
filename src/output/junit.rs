//! JUnit XML, the test-report format CI servers (Jenkins, GitLab, Azure Pipelines, …) show:
//! one test suite per input, one test case per rule and file with findings. A case fails when
//! one of its findings is at least as severe as `fail_on` (what `--fail-on` makes the exit
//! status fail on); its findings are listed either way.

use super::{severity_word, view, InputView};
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::report::Report;

pub fn render(report: &Report, views: &[InputView], lang: Lang, fail_on: Severity) -> String {
    let mut suites = String::new();
    let (mut all_cases, mut all_failures) = (0, 0);
    for (i, input) in report.inputs.iter().enumerate() {
        let v = view(views, i);
        // (rule, file) in first-seen order, with their findings.
        let mut cases: Vec<((&str, String), Vec<&Diagnostic>)> = Vec::new();
        // Silenced findings stay in JSON and SARIF; here they are counted in the summary only.
        for d in input.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            let file = d
                .file
                .as_deref()
                .map_or_else(String::new, |f| v.display_path(f));
            let key = (d.rule, file);
            match cases.iter_mut().find(|(k, _)| *k == key) {
                Some((_, found)) => found.push(d),
                None => cases.push((key, vec![d])),
            }
        }
        let failures = cases
            .iter()
            .filter(|(_, ds)| ds.iter().any(|d| d.severity <= fail_on))
            .count();
        all_cases += cases.len();
        all_failures += failures;
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
            escape(&v.display_path(&input.path)),
            cases.len(),
        ));
        for ((rule, file), found) in &cases {
            let name = if file.is_empty() {
                rule.to_string()
            } else {
                format!("{rule} {file}")
            };
            suites.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\">\n",
                escape(rule),
                escape(&name)
            ));
            let lines: Vec<String> = found.iter().map(|d| finding_line(d, file, lang)).collect();
            let body = escape(&lines.join("\n"));
            match found.iter().map(|d| d.severity).min() {
                Some(worst) if worst <= fail_on => suites.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{body}</failure>\n",
                    worst.as_str(),
                    escape(found[0].message.get(lang))
                )),
                _ => suites.push_str(&format!("      <system-out>{body}</system-out>\n")),
            }
            suites.push_str("    </testcase>\n");
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ecplint\" tests=\"{all_cases}\" failures=\"{all_failures}\" errors=\"0\">\n{suites}</testsuites>\n"
    )
}

/// `file:line:column severity message (help)`, as a CI log shows a finding.
fn finding_line(d: &Diagnostic, file: &str, lang: Lang) -> String {
    let place = match d.range {
        Some(r) => format!("{file}:{}:{}", r.start.line, r.start.column),
        None => file.to_string(),
    };
    let mut line = format!(
        "{place} {} {}",
        severity_word(d.severity, lang),
        d.message.get(lang)
    );
    if let Some(h) = &d.help {
        line.push_str(&format!(" ({})", h.get(lang)));
    }
    line
}

/// XML text and attribute escaping; characters XML 1.0 cannot hold (most control characters,
/// from a hostile chart) become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            escape("a<b & \"c\"\u{1b}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
