//! The part of a YAML file read before its syntax error.
//!
//! Helm refuses a Chart.yaml that does not parse (HELM-001 says where), but what stands before
//! the error is still what the author wrote: the CHART rules check it too, so that fixing the
//! syntax does not reveal a second round of findings. The text before the error's line is
//! parsed again (and cut further while that still fails, a bounded number of times); a value
//! that the cut line could still continue (a scalar whose continuation would be indented
//! deeper) is dropped, so no value is judged on half of what was written.

use crate::yaml::{self, Kind, Node, Yaml, YamlLimits};

/// How many times the text is cut and parsed again before giving up.
const MAX_CUTS: usize = 8;

/// The documents of `text` complete before its syntax error at 1-based `line`; `None` when
/// nothing before it parses.
pub fn read_before(text: &str, line: usize, limits: YamlLimits) -> Option<Yaml> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut cut = line;
    for _ in 0..MAX_CUTS {
        if cut <= 1 {
            return None;
        }
        let end = starts.get(cut - 1).copied().unwrap_or(text.len());
        let mut y = yaml::parse(&text[..end], limits);
        match y.syntax_error().map(|p| p.range().start.line) {
            None => {
                let next = text[end..].lines().next().unwrap_or("");
                let indent = if next.trim().is_empty() {
                    0
                } else {
                    next.len() - next.trim_start_matches([' ', '\t']).len()
                };
                if let Some(root) = y.docs.last_mut() {
                    drop_continued(root, indent);
                }
                return Some(y);
            }
            // Still broken at its end: cut one line more.
            Some(l) if l >= cut => cut -= 1,
            Some(l) => cut = l,
        }
    }
    None
}

/// Drop the last value on the path to the end of `node` when the next line, indented by
/// `indent` columns, could continue it.
fn drop_continued(node: &mut Node, indent: usize) {
    let mut node = node;
    loop {
        // Indentation of this collection's children: a line indented no deeper starts a
        // sibling (or something shallower), so the last child is complete.
        let children = match &node.kind {
            Kind::Map(entries) => entries.last().map(|e| e.key.range.start.column - 1),
            Kind::Seq(items) => items.last().map(|i| i.range.start.column.saturating_sub(3)),
            Kind::Scalar(_) => None,
        };
        let Some(child_indent) = children else { return };
        if indent <= child_indent {
            return;
        }
        let last_is_scalar = match &node.kind {
            Kind::Map(entries) => entries
                .last()
                .is_some_and(|e| matches!(e.value.kind, Kind::Scalar(_))),
            Kind::Seq(items) => items
                .last()
                .is_some_and(|i| matches!(i.kind, Kind::Scalar(_))),
            Kind::Scalar(_) => false,
        };
        if last_is_scalar {
            match &mut node.kind {
                Kind::Map(entries) => {
                    entries.pop();
                }
                Kind::Seq(items) => {
                    items.pop();
                }
                Kind::Scalar(_) => {}
            }
            return;
        }
        node = match &mut node.kind {
            Kind::Map(entries) => match entries.last_mut() {
                Some(e) => &mut e.value,
                None => return,
            },
            Kind::Seq(items) => match items.last_mut() {
                Some(i) => i,
                None => return,
            },
            Kind::Scalar(_) => return,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str) -> Option<Node> {
        let y = yaml::parse(text, YamlLimits::default());
        let line = y.syntax_error()?.range().start.line;
        read_before(text, line, YamlLimits::default())?
            .docs
            .first()
            .cloned()
    }

    #[test]
    fn keeps_what_is_complete_before_the_error() {
        let root = before("name: a\nversion: 1.2.3-01\nx: [\n").unwrap();
        assert_eq!(root.get("version").unwrap().as_str(), Some("1.2.3-01"));
        assert!(root.get("name").is_some());
    }

    #[test]
    fn a_list_cut_at_an_item_keeps_its_items() {
        let root = before("name: a\nkeywords:\n  - creator :x\n  - [\n").unwrap();
        assert_eq!(root.get("keywords").unwrap().as_seq().unwrap().len(), 1);
    }

    #[test]
    fn a_value_the_broken_line_could_continue_is_dropped() {
        let root = before("name: a\nversion:\n  1.0.0: x: y\n").unwrap();
        assert!(root.get("version").is_none(), "{root:?}");
        assert!(root.get("name").is_some());
    }

    #[test]
    fn nothing_before_the_first_line() {
        assert!(before("x: [\n").is_none());
        assert!(before("").is_none());
    }
}
