//! Rendering a [`Report`](crate::report::Report) for people and tools: plain text with code
//! frames (`text`), SARIF 2.1.0 (`sarif`) and Markdown (`markdown`, the rule table of the README).
//!
//! Everything here is a pure function from a report (plus, optionally, the files that were read)
//! to a `String`: no I/O, no terminal detection, nothing wasm- or CLI-specific. The caller decides
//! about colours and languages and passes them in.

pub mod github;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::diagnostic::Severity;
use crate::input::File;
use crate::rules::Rule;

/// What a renderer may know about one input beyond its report: the files that were read (for code
/// frames) and how to show its paths to the user.
#[derive(Debug, Clone, Copy, Default)]
pub struct InputView<'a> {
    /// The files read from the input; empty when not at hand (then no code frames are shown).
    pub files: &'a [File],
    /// Shows a path of this input as the user can open it: a path starting with `strip` is shown
    /// with `strip` replaced by `prepend` (a folder `charts/foo` given on the command line has its
    /// files reported as `foo/...`; they are shown as `charts/foo/...`). `None`: shown as reported.
    pub display: Option<(&'a str, &'a str)>,
}

impl<'a> InputView<'a> {
    /// The path `path` of this input as shown to the user.
    pub fn display_path(&self, path: &str) -> String {
        match self.display {
            Some((strip, prepend)) => match path.strip_prefix(strip) {
                Some(rest) => format!("{prepend}{rest}"),
                None => path.to_string(),
            },
            None => path.to_string(),
        }
    }

    /// The text of file `path`, when it was read and is UTF-8.
    pub fn text(&self, path: &str) -> Option<&'a str> {
        let file = self.files.iter().find(|f| f.path == path)?;
        crate::chart::decode(file)
    }
}

/// The view of input `i`, or an empty one.
pub(crate) fn view<'a>(views: &[InputView<'a>], i: usize) -> InputView<'a> {
    views.get(i).copied().unwrap_or_default()
}

/// A rule's title in one language (falls back to the other, then to the ID, while rules are
/// still being written).
pub fn rule_title(rule: &Rule, lang: crate::diagnostic::Lang) -> &'static str {
    let (first, second) = match lang {
        crate::diagnostic::Lang::En => (rule.title_en, rule.title_zh),
        crate::diagnostic::Lang::Zh => (rule.title_zh, rule.title_en),
    };
    if !first.is_empty() {
        first
    } else if !second.is_empty() {
        second
    } else {
        rule.id
    }
}

/// A finding's message and, on a line of its own, its help, in one language: the one text of
/// formats with a single message field (SARIF, GitHub annotations).
pub fn message_with_help(
    d: &crate::diagnostic::Diagnostic,
    lang: crate::diagnostic::Lang,
) -> String {
    let mut text = d.message.get(lang).to_string();
    if let Some(h) = &d.help {
        text.push_str(match lang {
            crate::diagnostic::Lang::En => "\nhelp: ",
            crate::diagnostic::Lang::Zh => "\n帮助：",
        });
        text.push_str(h.get(lang));
    }
    text
}

/// A severity word in one language.
pub fn severity_word(severity: Severity, lang: crate::diagnostic::Lang) -> &'static str {
    match lang {
        crate::diagnostic::Lang::En => severity.as_str(),
        crate::diagnostic::Lang::Zh => severity.as_zh(),
    }
}

/// A rule's severity as listings show it: the default (`warning`), or, for a rule whose
/// severity depends on the case, every severity it can give, strongest first (`error/warning`).
pub fn rule_severity_words(rule: &Rule, lang: crate::diagnostic::Lang) -> String {
    rule.severities_by_strength()
        .iter()
        .map(|s| severity_word(*s, lang))
        .collect::<Vec<_>>()
        .join("/")
}

/// Replace control characters (terminal escapes in a hostile chart) and bidirectional overrides
/// (text that reads differently than it is) by a visible escape, so that what is printed is what
/// the file holds.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || is_bidi_control(c)
}

pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Columns a character takes in a terminal: 2 for East Asian wide and full-width characters, 0
/// for combining marks and zero-width characters, else 1 (a small table, enough to align carets
/// under Chinese text).
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    match u {
        0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F | 0x20D0..=0x20FF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Columns a string takes in a terminal.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// A rule's documentation as Markdown: the doc comment with the one space after `///` removed.
pub fn rule_docs(rule: &Rule) -> String {
    let mut out = String::with_capacity(rule.docs.len());
    for line in rule.docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    let trimmed = out.trim();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

/// `ecplint rules --format json`: every rule with its metadata and documentation.
pub fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = crate::rules::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "severity": r.severity,
                "severities": r.severities_by_strength(),
                "group": r.group.as_str(),
                "section": r.section,
                "scope": r.scope().as_str(),
                "title": r.title_en,
                "title_zh": r.title_zh,
                "docs": rule_docs(r),
            })
        })
        .collect();
    serde_json::to_string_pretty(&rules).expect("rules serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(str_width("name: x"), 7);
        assert_eq!(str_width("我的云产品"), 10);
        assert_eq!(str_width("e\u{301}"), 1);
    }

    #[test]
    fn sanitize_escapes_controls() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("x\u{202E}y"), "x\\u{202e}y");
        assert!(matches!(
            sanitize("plain 中文\t"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn display_paths() {
        let v = InputView {
            files: &[],
            display: Some(("foo/", "charts/foo/")),
        };
        assert_eq!(v.display_path("foo/Chart.yaml"), "charts/foo/Chart.yaml");
        assert_eq!(v.display_path("bar/Chart.yaml"), "bar/Chart.yaml");
        assert_eq!(InputView::default().display_path("a/b"), "a/b");
    }

    /// `severity` stays the default; `severities` adds every severity a rule can give.
    #[test]
    fn rules_json_has_the_default_and_every_severity() {
        let rules: Vec<serde_json::Value> = serde_json::from_str(&rules_json()).unwrap();
        let get = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap().clone();
        let input = get("INPUT-001");
        assert_eq!(input["severity"], "error");
        assert_eq!(
            input["severities"],
            serde_json::json!(["error", "warning", "info"])
        );
        let icon = get("HELM-004");
        assert_eq!(
            (&icon["severity"], &icon["severities"]),
            (&serde_json::json!("info"), &serde_json::json!(["info"]))
        );
        for r in &rules {
            let all = r["severities"].as_array().unwrap();
            assert!(all.contains(&r["severity"]), "{}", r["id"]);
        }
    }

    #[test]
    fn severity_words_by_case() {
        use crate::diagnostic::Lang;
        let input = crate::rules::find("INPUT-001").unwrap();
        assert_eq!(rule_severity_words(input, Lang::En), "error/warning/info");
        assert_eq!(rule_severity_words(input, Lang::Zh), "错误/警告/提示");
        let icon = crate::rules::find("HELM-004").unwrap();
        assert_eq!(rule_severity_words(icon, Lang::En), "info");
        let page = text::render_rule(input, Lang::En, false);
        assert!(
            page.lines().nth(1).unwrap().starts_with(
                "severity: error (by case: error/warning/info, see below) · group: INPUT"
            ),
            "{page}"
        );
        let page = text::render_rule(icon, Lang::En, false);
        assert!(page
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("severity: info · group"));
    }
}
