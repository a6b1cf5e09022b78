//! YAML as Helm reads it, with a position for every node and key.
//!
//! Built on `saphyr-parser`'s event stream. We build our own tree so that we can:
//! resolve plain scalars the YAML 1.1 way Helm does (`scalar.rs`), report duplicate keys
//! (Helm rejects them), expand aliases and `<<` merges under a budget (alias bombs), and stop
//! at a nesting limit (deep documents) — all without recursion on the input's shape.

mod scalar;

use crate::diagnostic::{Pos, Range};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

pub use scalar::{resolve_plain, Value};

/// Limits on what one YAML text may cost to load.
#[derive(Debug, Clone, Copy)]
pub struct YamlLimits {
    /// Deepest nesting of maps and sequences.
    pub max_depth: usize,
    /// Most nodes a document may hold after alias expansion.
    pub max_nodes: usize,
}

impl Default for YamlLimits {
    fn default() -> Self {
        YamlLimits {
            max_depth: 128,
            max_nodes: 1_000_000,
        }
    }
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The scalar's text after YAML unescaping/folding.
    pub text: String,
    pub style: Style,
    /// The value Helm sees (YAML 1.1 resolution of plain scalars; quoted ones are strings).
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub range: Range,
}

/// Something wrong with a YAML text.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The text does not parse; `range` is where the parser stopped.
    Syntax { range: Range, message: String },
    /// A map repeats a key (Helm: "mapping key already defined").
    DuplicateKey {
        key: String,
        first: Range,
        second: Range,
    },
    /// Nesting deeper than the limit; the deeper part is dropped.
    TooDeep { range: Range, limit: usize },
    /// Aliases expand to more nodes than the limit; the document is cut there.
    TooManyNodes { range: Range, limit: usize },
    /// An alias names no anchor defined before it.
    UnknownAlias { range: Range },
    /// The run's work budget ([`crate::work`]) was spent here: the rest of the text is not read.
    BudgetSpent { range: Range, total_nodes: u64 },
}

impl Problem {
    pub fn range(&self) -> Range {
        match self {
            Problem::Syntax { range, .. }
            | Problem::TooDeep { range, .. }
            | Problem::TooManyNodes { range, .. }
            | Problem::UnknownAlias { range }
            | Problem::BudgetSpent { range, .. } => *range,
            Problem::DuplicateKey { second, .. } => *second,
        }
    }
}

/// A parsed YAML stream: its documents (possibly partial when there are problems).
#[derive(Debug, Clone, Default)]
pub struct Yaml {
    pub docs: Vec<Node>,
    pub problems: Vec<Problem>,
    /// Nodes built, aliases expanded (what the text cost the run's work budget).
    pub nodes: usize,
}

impl Yaml {
    /// The first document, if any.
    pub fn root(&self) -> Option<&Node> {
        self.docs.first()
    }
    pub fn syntax_error(&self) -> Option<&Problem> {
        self.problems
            .iter()
            .find(|p| matches!(p, Problem::Syntax { .. }))
    }
}

fn pos(m: &saphyr_parser::Marker) -> Pos {
    Pos {
        line: m.line(),
        column: m.col() + 1,
    }
}

fn span_range(s: &Span) -> Range {
    Range {
        start: pos(&s.start),
        end: pos(&s.end),
    }
}

/// A collection being built.
struct Open {
    node: Node,
    anchor: usize,
    /// A map's key waiting for its value.
    pending_key: Option<Node>,
    /// Written in flow style (`[...]`, `{...}`).
    flow: bool,
}

/// Parse a YAML text. Never panics; every problem is in `Yaml::problems`. Inside a run, the
/// nodes built are counted against its work budget ([`crate::work`]), which may cut the text.
///
/// go-yaml (and so Helm) accepts flow collections whose continuation lines are indented less
/// than YAML 1.2 requires (`args: [` … `]` with the `]` under `args`); saphyr-parser rejects them
/// with "invalid indentation". Such a line is indented a little and the text parsed again, and
/// the columns on it are moved back, so what Helm reads parses here too.
pub fn parse(text: &str, limits: YamlLimits) -> Yaml {
    let budget = crate::work::current();
    let run_left = budget.map_or(usize::MAX, |b| {
        usize::try_from(b.nodes_left()).unwrap_or(usize::MAX)
    });
    let mut yaml = parse_within(
        text,
        YamlLimits {
            max_nodes: limits.max_nodes.min(run_left),
            ..limits
        },
    );
    crate::work::spend_nodes(yaml.nodes as u64);
    if let Some(budget) = budget.filter(|_| run_left < limits.max_nodes) {
        // The cut came from the run's budget, not from this text's own limit.
        for p in &mut yaml.problems {
            if let Problem::TooManyNodes { range, .. } = *p {
                *p = Problem::BudgetSpent {
                    range,
                    total_nodes: budget.total_nodes(),
                };
            }
        }
    }
    yaml
}

fn parse_within(text: &str, limits: YamlLimits) -> Yaml {
    const MAX_REINDENTS: usize = 64;
    let mut patched: Option<String> = None;
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    loop {
        let (mut yaml, flow_indent_error) = parse_once(patched.as_deref().unwrap_or(text), limits);
        let Some(line) = flow_indent_error.filter(|_| shifts.len() < MAX_REINDENTS) else {
            shift_columns_back(&mut yaml, &shifts);
            return yaml;
        };
        let current = patched.take().unwrap_or_else(|| text.to_string());
        let (next, added) = indent_line(&current, line);
        if added == 0 {
            shift_columns_back(&mut yaml, &shifts);
            return yaml;
        }
        shifts.push((line, added));
        patched = Some(next);
    }
}

/// Indent 1-based `line` to one column past the indentation of the line before it.
fn indent_line(text: &str, line: usize) -> (String, usize) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(target) = lines.get(line.wrapping_sub(1)) else {
        return (text.to_string(), 0);
    };
    let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let previous = lines[..line - 1]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map_or(0, |l| indent_of(l));
    let want = previous + 1;
    let have = indent_of(target);
    if have >= want {
        return (text.to_string(), 0);
    }
    let added = want - have;
    let mut out = String::with_capacity(text.len() + added);
    for (i, l) in lines.iter().enumerate() {
        if i == line - 1 {
            out.extend(std::iter::repeat_n(' ', added));
        }
        out.push_str(l);
    }
    (out, added)
}

fn shift_columns_back(yaml: &mut Yaml, shifts: &[(usize, usize)]) {
    if shifts.is_empty() {
        return;
    }
    let fix = |p: &mut Pos| {
        let added: usize = shifts
            .iter()
            .filter(|(l, _)| *l == p.line)
            .map(|(_, n)| n)
            .sum();
        p.column = p.column.saturating_sub(added).max(1);
    };
    let mut todo: Vec<&mut Node> = yaml.docs.iter_mut().collect();
    while let Some(n) = todo.pop() {
        fix(&mut n.range.start);
        fix(&mut n.range.end);
        match &mut n.kind {
            Kind::Scalar(_) => {}
            Kind::Seq(items) => todo.extend(items.iter_mut()),
            Kind::Map(entries) => {
                for e in entries.iter_mut() {
                    todo.push(&mut e.key);
                    todo.push(&mut e.value);
                }
            }
        }
    }
    for p in &mut yaml.problems {
        match p {
            Problem::Syntax { range, .. }
            | Problem::TooDeep { range, .. }
            | Problem::TooManyNodes { range, .. }
            | Problem::UnknownAlias { range }
            | Problem::BudgetSpent { range, .. } => {
                fix(&mut range.start);
                fix(&mut range.end);
            }
            Problem::DuplicateKey { first, second, .. } => {
                for r in [first, second] {
                    fix(&mut r.start);
                    fix(&mut r.end);
                }
            }
        }
    }
}

/// One parse; also returns the line of an "invalid indentation" error met inside a flow collection.
fn parse_once(text: &str, limits: YamlLimits) -> (Yaml, Option<usize>) {
    let mut out = Yaml::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut nodes = 0usize;
    // Depth beyond the limit: count nested starts we are skipping.
    let mut skipping = 0usize;
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let p = pos(e.marker());
                let in_flow = stack.iter().any(|o| o.flow);
                if in_flow && e.info().starts_with("invalid indentation") {
                    out.nodes = nodes;
                    return (out, Some(p.line));
                }
                let range = Range {
                    start: p,
                    end: Pos {
                        line: p.line,
                        column: p.column + 1,
                    },
                };
                if e.info().contains("recursion limit") {
                    // saphyr-parser's own guard on deep flow nesting.
                    out.problems.push(Problem::TooDeep {
                        range,
                        limit: limits.max_depth,
                    });
                    break;
                }
                out.problems.push(Problem::Syntax {
                    range: Range {
                        start: p,
                        end: Pos {
                            line: p.line,
                            column: p.column + 1,
                        },
                    },
                    message: e.info().to_string(),
                });
                break;
            }
        };
        let range = span_range(&span);
        if skipping > 0 {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => skipping += 1,
                Event::SequenceEnd | Event::MappingEnd => skipping -= 1,
                _ => {}
            }
            if skipping > 0 {
                continue;
            }
            // The skipped collection is complete: stand in a null for it.
            let null = Node {
                kind: Kind::Scalar(Scalar::null()),
                range,
            };
            attach(&mut stack, &mut out, null, 0, &mut anchors);
            continue;
        }
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => continue,
            Event::DocumentStart(_) | Event::DocumentEnd => continue,
            Event::Alias(id) => match anchors.get(&id) {
                Some(target) => {
                    let size = count_nodes(target);
                    nodes = nodes.saturating_add(size);
                    if nodes > limits.max_nodes {
                        out.problems.push(Problem::TooManyNodes {
                            range,
                            limit: limits.max_nodes,
                        });
                        out.nodes = nodes;
                        return (out, None);
                    }
                    let mut copy = target.clone();
                    copy.range = range;
                    copy
                }
                None => {
                    out.problems.push(Problem::UnknownAlias { range });
                    Node {
                        kind: Kind::Scalar(Scalar::null()),
                        range,
                    }
                }
            },
            Event::Scalar(value, style, anchor, tag) => {
                nodes += 1;
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let text = value.into_owned();
                let value = match (&style, tag.as_deref()) {
                    (_, Some(t)) if t.suffix == "str" => Value::Str,
                    (Style::Plain, _) => resolve_plain(&text),
                    _ => Value::Str,
                };
                let node = Node {
                    kind: Kind::Scalar(Scalar { text, style, value }),
                    range,
                };
                attach(&mut stack, &mut out, node, anchor, &mut anchors);
                if nodes > limits.max_nodes {
                    out.problems.push(Problem::TooManyNodes {
                        range,
                        limit: limits.max_nodes,
                    });
                    out.nodes = nodes;
                    return (out, None);
                }
                continue;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes += 1;
                if stack.len() >= limits.max_depth {
                    out.problems.push(Problem::TooDeep {
                        range,
                        limit: limits.max_depth,
                    });
                    skipping = 1;
                    continue;
                }
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    Kind::Seq(Vec::new())
                } else {
                    Kind::Map(Vec::new())
                };
                // A flow collection's start event spans its `[` or `{`; a block one's is empty.
                let flow = span.end.index() > span.start.index();
                stack.push(Open {
                    node: Node { kind, range },
                    anchor,
                    pending_key: None,
                    flow,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(mut open) = stack.pop() else {
                    continue;
                };
                open.node.range.end = range.end;
                if let Kind::Map(entries) = &mut open.node.kind {
                    apply_merges(entries);
                    find_duplicates(entries, &mut out.problems);
                }
                attach(&mut stack, &mut out, open.node, open.anchor, &mut anchors);
                continue;
            }
        };
        attach(&mut stack, &mut out, node, 0, &mut anchors);
    }
    out.nodes = nodes;
    (out, None)
}

/// Place a finished node into its parent (or as a new document).
fn attach(
    stack: &mut [Open],
    out: &mut Yaml,
    node: Node,
    anchor: usize,
    anchors: &mut HashMap<usize, Node>,
) {
    if anchor != 0 {
        anchors.insert(anchor, node.clone());
    }
    let Some(parent) = stack.last_mut() else {
        out.docs.push(node);
        return;
    };
    match &mut parent.node.kind {
        Kind::Seq(items) => items.push(node),
        Kind::Map(entries) => match parent.pending_key.take() {
            None => parent.pending_key = Some(node),
            Some(key) => entries.push(Entry { key, value: node }),
        },
        Kind::Scalar(_) => {}
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.kind {
            Kind::Scalar(_) => {}
            Kind::Seq(items) => todo.extend(items.iter()),
            Kind::Map(entries) => {
                for e in entries {
                    todo.push(&e.key);
                    todo.push(&e.value);
                }
            }
        }
    }
    count
}

/// YAML 1.1 merge keys (`<<: *base`), as go-yaml v2 applies them: explicit keys win.
fn apply_merges(entries: &mut Vec<Entry>) {
    if !entries.iter().any(|e| e.key.is_merge_key()) {
        return;
    }
    let mut own = Vec::new();
    let mut merged = Vec::new();
    for e in entries.drain(..) {
        if e.key.is_merge_key() {
            let sources: Vec<Node> = match e.value.kind {
                Kind::Map(_) => vec![e.value],
                Kind::Seq(items) => items,
                Kind::Scalar(_) => vec![],
            };
            for src in sources {
                if let Kind::Map(src_entries) = src.kind {
                    merged.extend(src_entries);
                }
            }
        } else {
            own.push(e);
        }
    }
    let mut keys: std::collections::HashSet<String> =
        own.iter().map(|e| e.key.key_string()).collect();
    for m in merged {
        if keys.insert(m.key.key_string()) {
            own.push(m);
        }
    }
    *entries = own;
}

fn find_duplicates(entries: &[Entry], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<String, Range> = HashMap::with_capacity(entries.len());
    for e in entries {
        let k = e.key.key_string();
        if let Some(first) = seen.get(&k) {
            problems.push(Problem::DuplicateKey {
                key: k,
                first: *first,
                second: e.key.range,
            });
        } else {
            seen.insert(k, e.key.range);
        }
    }
}

impl Scalar {
    fn null() -> Scalar {
        Scalar {
            text: String::new(),
            style: Style::Plain,
            value: Value::Null,
        }
    }
}

impl Node {
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(e) => Some(e),
            _ => None,
        }
    }
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }
    /// The text of a scalar that Helm reads as a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) if s.value == Value::Str => Some(&s.text),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar(s) if s.value == Value::Null)
    }
    /// The entry whose key is `key` (compared as Helm would, after YAML 1.1 resolution).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key.key_is(key))
    }
    /// Whether this node, as a map key, names `key` (without allocating for string keys).
    pub fn key_is(&self, key: &str) -> bool {
        match &self.kind {
            Kind::Scalar(s) if s.value == Value::Str => s.text == key,
            Kind::Scalar(s) => s.value.canonical(&s.text) == key,
            _ => false,
        }
    }
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }
    /// Follow a path of map keys.
    pub fn get_path(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }
    /// The key as Helm's JSON round trip names it (`on` → `true`, `1` → `1`).
    pub fn key_string(&self) -> String {
        match &self.kind {
            Kind::Scalar(s) => s.value.canonical(&s.text),
            Kind::Seq(_) => "[sequence]".to_string(),
            Kind::Map(_) => "{mapping}".to_string(),
        }
    }
    fn is_merge_key(&self) -> bool {
        matches!(&self.kind, Kind::Scalar(s) if s.style == Style::Plain && s.text == "<<")
    }
    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Map(_) => "map",
            Kind::Seq(_) => "list",
            Kind::Scalar(s) => s.value.type_name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Yaml {
        parse(text, YamlLimits::default())
    }

    #[test]
    fn positions_of_keys_and_values() {
        let y = p("a:\n  b: 1\n  c: [x, y]\n");
        let root = y.root().unwrap();
        let b = root.get("a").unwrap().entry("b").unwrap();
        assert_eq!(b.key.range.start, Pos { line: 2, column: 3 });
        assert_eq!(b.value.range.start, Pos { line: 2, column: 6 });
        assert_eq!(b.value.as_scalar().unwrap().value, Value::Int(1));
    }

    #[test]
    fn yaml_1_1_booleans_as_keys() {
        let y = p("on: 1\nyes: no\n");
        let root = y.root().unwrap();
        assert!(root.get("true").is_some());
        assert_eq!(
            root.get("true").unwrap().as_scalar().unwrap().value,
            Value::Int(1)
        );
    }

    #[test]
    fn duplicate_keys_reported() {
        let y = p("a: 1\nb: 2\na: 3\n");
        assert!(matches!(
            &y.problems[0],
            Problem::DuplicateKey { key, second, .. } if key == "a" && second.start.line == 3
        ));
    }

    #[test]
    fn syntax_error_has_position() {
        let y = p("a: [1, 2\nb: 3\n");
        let Some(Problem::Syntax { range, .. }) = y.syntax_error() else {
            panic!("{y:?}")
        };
        assert!(range.start.line >= 2);
    }

    #[test]
    fn alias_bomb_is_cut() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let y = p(&text);
        assert!(y
            .problems
            .iter()
            .any(|p| matches!(p, Problem::TooManyNodes { .. })));
    }

    #[test]
    fn deep_flow_nesting_is_cut() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        let y = p(&text);
        // saphyr-parser stops deep flow collections itself ("recursion limit exceeded").
        assert!(
            y.problems
                .iter()
                .any(|p| matches!(p, Problem::TooDeep { .. })),
            "{:?}",
            y.problems
        );
    }

    #[test]
    fn deep_block_nesting_is_cut() {
        let mut text = String::new();
        for depth in 0..2_000 {
            text.push_str(&" ".repeat(depth));
            text.push_str("k:\n");
        }
        let y = p(&text);
        assert!(
            y.problems
                .iter()
                .any(|p| matches!(p, Problem::TooDeep { .. })),
            "{:?}",
            y.problems
        );
        assert!(y.root().is_some());
    }

    #[test]
    fn y_and_n_keys_are_booleans_as_in_go_yaml_v2() {
        let y = p("y: 1\nn: 2\n");
        assert!(y.root().unwrap().get("true").is_some());
        assert!(y.root().unwrap().get("false").is_some());
    }

    #[test]
    fn merge_keys() {
        let y = p("base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n");
        let m = y.root().unwrap().get("m").unwrap();
        assert_eq!(
            m.get("a").unwrap().as_scalar().unwrap().value,
            Value::Int(1)
        );
        assert_eq!(
            m.get("b").unwrap().as_scalar().unwrap().value,
            Value::Int(3)
        );
    }

    #[test]
    fn flow_collections_indented_as_go_yaml_accepts() {
        let y = p("vault:\n  server:\n    args: [\n      \"server\",\n      \"-dev\"\n    ]\n    b: [1,\n    2]\n");
        assert!(y.problems.is_empty(), "{:?}", y.problems);
        let server = y.root().unwrap().get_path(&["vault", "server"]).unwrap();
        assert_eq!(server.get("args").unwrap().as_seq().unwrap().len(), 2);
        let two = &server.get("b").unwrap().as_seq().unwrap()[1];
        assert_eq!(
            two.range.start,
            Pos { line: 8, column: 5 },
            "columns are those of the original text"
        );
    }

    #[test]
    fn multi_document() {
        let y = p("a: 1\n---\nb: 2\n");
        assert_eq!(y.docs.len(), 2);
    }
}
