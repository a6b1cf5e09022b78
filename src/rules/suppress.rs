//! Inline suppressions: a comment that silences named rules on the next line or in the whole
//! file, with a reason.
//!
//! ```text
//! # ecplint-disable-next-line IMG-001,JOB-004 -- the vendor pins this image by digest upstream
//! {{/* ecplint-disable-file HELM-011 -- values come from the platform */}}
//! ```
//!
//! A directive is a comment line of its own: `#` (YAML, shell, Makefile; `##` in Mako) or a
//! template comment `{{/* … */}}` (with or without `-` trim markers). `next-line` applies to the
//! first line after it that is not itself a directive (directives stack); `file` to every
//! finding in the file. Suppressed findings stay in the report, marked with their reason; the
//! directives that are malformed or suppress nothing are findings of INPUT-002.

use crate::diagnostic::{Diagnostic, Range};
use crate::input::Input;
use crate::rules::find;
use crate::text;

/// One directive, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub file: String,
    /// The comment's line (1-based) and the range of the directive text on it.
    pub range: Range,
    /// The line it silences; `None` for the whole file.
    pub target_line: Option<usize>,
    /// The rule IDs named, as written.
    pub rules: Vec<String>,
    /// After `--`, trimmed; empty when none is given.
    pub reason: String,
}

const NEXT_LINE: &str = "ecplint-disable-next-line";
const FILE: &str = "ecplint-disable-file";

/// The directive a line holds, if it is a comment line holding one: (file-wide, rules, reason).
fn parse_line(line: &str) -> Option<(bool, Vec<String>, String)> {
    let trimmed = line.trim_start();
    let body = if let Some(rest) = trimmed.strip_prefix('#') {
        rest.trim_start_matches('#')
    } else {
        let rest = trimmed.strip_prefix("{{")?;
        let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
        rest.strip_prefix("/*")?
    };
    let body = body.trim_start();
    let (file_wide, after) = if let Some(after) = body.strip_prefix(NEXT_LINE) {
        (false, after)
    } else if let Some(after) = body.strip_prefix(FILE) {
        (true, after)
    } else {
        return None;
    };
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    // Whatever closes a template comment is not part of the reason.
    let after = after.trim_end();
    let after = ["-}}", "}}"]
        .iter()
        .find_map(|end| after.strip_suffix(end))
        .unwrap_or(after)
        .trim_end();
    let after = after.strip_suffix("*/").unwrap_or(after).trim_end();
    let after = after
        .strip_suffix('-')
        .filter(|_| after.ends_with(" -"))
        .unwrap_or(after);
    let (names, reason) = match after.split_once("--") {
        Some((names, reason)) => (names, reason.trim()),
        None => (after, ""),
    };
    let rules = names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    Some((file_wide, rules, reason.to_string()))
}

/// Every directive in the input's text files.
pub fn directives(input: &Input) -> Vec<Directive> {
    let mut found = Vec::new();
    for file in &input.files {
        let Some(text) = crate::chart::decode(file) else {
            continue;
        };
        if !text.contains("ecplint-disable-") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some((file_wide, rules, reason)) = parse_line(line) else {
                continue;
            };
            // Stacked directives all silence the first line after them that is none.
            let target_line = (!file_wide).then(|| {
                let mut next = i + 1;
                while next < lines.len() && parse_line(lines[next]).is_some() {
                    next += 1;
                }
                next + 1
            });
            found.push(Directive {
                file: file.path.clone(),
                range: Range::line_text(line, i + 1),
                target_line,
                rules,
                reason,
            });
        }
    }
    found
}

/// Marks the findings the directives silence (`Diagnostic::suppressed`, with the reason), and
/// adds INPUT-002's finding for each directive that silences nothing (its other findings, about
/// how a directive is written, are the rule's own check).
pub fn apply(directives: &[Directive], diagnostics: &mut Vec<Diagnostic>) {
    let mut used = vec![false; directives.len()];
    for d in diagnostics.iter_mut() {
        let Some(file) = d.file.as_deref() else {
            continue;
        };
        let line = d.range.map(|r| r.start.line);
        let hit = directives.iter().position(|s| {
            s.file == file
                && s.rules.iter().any(|r| r.eq_ignore_ascii_case(d.rule))
                && (s.target_line.is_none() || s.target_line == line)
        });
        if let Some(i) = hit {
            used[i] = true;
            d.suppressed = Some(directives[i].reason.clone());
        }
    }
    let rule = &crate::rules::input::input_002::RULE;
    for (s, used) in directives.iter().zip(used) {
        // One naming no known rule is reported for that already.
        if used || !s.rules.iter().any(|r| find(r).is_some()) {
            continue;
        }
        let names = s.rules.join(", ");
        let message = if s.target_line.is_some() {
            text!(
                "this suppression silences nothing: {names} reports nothing on the next line",
                "该抑制注释没有抑制任何内容：{names} 在下一行没有报告问题"
            )
        } else {
            text!(
                "this suppression silences nothing: {names} reports nothing in this file",
                "该抑制注释没有抑制任何内容：{names} 在该文件中没有报告问题"
            )
        };
        diagnostics.push(
            Diagnostic::new(rule.id, rule.severity, message)
                .in_file(s.file.clone())
                .at(s.range)
                .with_help(text!(
                    "remove it (the finding it was written for is gone), or put it right above the line the finding is on",
                    "删除它（它针对的问题已不存在），或将它放在问题所在行的正上方"
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let (file, rules, reason) =
            parse_line("  # ecplint-disable-next-line IMG-001, JOB-004 -- pinned upstream")
                .unwrap();
        assert!(!file);
        assert_eq!(rules, ["IMG-001", "JOB-004"]);
        assert_eq!(reason, "pinned upstream");
        let (file, rules, reason) =
            parse_line("{{- /* ecplint-disable-file HELM-011 -- from the platform */ -}}").unwrap();
        assert!(file);
        assert_eq!(rules, ["HELM-011"]);
        assert_eq!(reason, "from the platform");
        let (_, rules, reason) = parse_line("## ecplint-disable-next-line CFG-006").unwrap();
        assert_eq!(
            (rules.as_slice(), reason.as_str()),
            (&["CFG-006".to_string()][..], "")
        );
        assert!(parse_line("key: 1 # ecplint-disable-next-line X-1 -- r").is_none());
        assert!(parse_line("# ecplint-disable-next-lines X-1").is_none());
        assert!(parse_line("# ecplint-disable-next-line").is_some());
    }
}
