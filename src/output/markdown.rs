//! Markdown: the rule table of the README (`ecplint rules --format markdown`).

use super::{rule_severity_words, rule_title};
use crate::diagnostic::Lang;
use crate::rules::ALL;
use std::fmt::Write as _;

/// A table of every rule: ID, severity, group, guide section, title.
pub fn rules_table(lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(match lang {
        Lang::En => "| ID | Severity | Group | Guide | Title |\n",
        Lang::Zh => "| 编号 | 级别 | 分组 | 指南章节 | 标题 |\n",
    });
    out.push_str("|---|---|---|---|---|\n");
    for r in ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            r.id,
            rule_severity_words(r, lang),
            r.group.as_str(),
            escape(r.section),
            escape(rule_title(r, lang))
        );
    }
    out
}

/// Escape what would break a table cell.
fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_rule() {
        let t = rules_table(Lang::En);
        assert_eq!(t.lines().count(), ALL.len() + 2);
        assert!(t.contains("| `INPUT-001` | error/warning/info | INPUT |"));
        assert!(t.contains("| `HELM-004` | info | HELM |"));
    }
}
