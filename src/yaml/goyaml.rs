//! Texts that saphyr-parser reads but go-yaml v2 (and so Helm) refuses, found after parsing and
//! reported as `Problem::Syntax` with go-yaml's message, at the place of the problem. Each rule
//! here was observed with helm3 (`tests/helm/values-yaml.json`, made by
//! `scripts/helm-oracle/values-yaml.py`).

use super::{Kind, Node, Pos, Problem, Range, Style, Yaml};

/// Add go-yaml's first refusal of `text` (already parsed into `yaml`) to `yaml.problems`, ahead
/// of saphyr's own syntax error when it comes earlier in the text; and drop the line break
/// saphyr adds to a block scalar that ends the text without one.
pub(super) fn check(text: &str, yaml: &mut Yaml) {
    let mut found: Vec<(Pos, &'static str)> = Vec::new();
    found.extend(control_character(text));
    found.extend(directives_and_start(text));
    let tabs = text.contains('\t');
    // Every line, only where tabs need them (most texts have none).
    let lines = if tabs { lines_of(text) } else { Vec::new() };
    if tabs && yaml.docs.is_empty() {
        // saphyr stopped in the first document: go-yaml may stop earlier, on a tab in the
        // indentation of a block scalar, found from the headers alone.
        let spans: Vec<Span> = (1..=lines.len())
            .filter_map(|l| header_on(lines[l - 1]).map(|column| (l, column)))
            .map(|(line, column)| Span {
                kind: SpanKind::Block,
                range: Range {
                    start: Pos { line, column },
                    end: Pos { line, column },
                },
                indent: (lines[line - 1].len() - lines[line - 1].trim_start_matches(' ').len())
                    as isize,
            })
            .collect();
        found.extend(block_scalar_tabs(&lines, &spans));
    }
    if let Some(root) = yaml.docs.first().filter(|_| tabs) {
        let mut spans = Vec::new();
        collect(root, text, &mut spans);
        for s in spans.iter_mut().filter(|s| s.kind == SpanKind::Block) {
            // saphyr's span starts at the content: move it to the `|`/`>` of the header.
            if let Some(header) = block_header(&lines, s.range.start.line) {
                s.range.start = header;
            }
        }
        found.extend(block_scalar_tabs(&lines, &spans));
        found.extend(leading_tabs(&lines, &spans, first_doc_end(&lines, root)));
    }
    let Some((pos, message)) = found.into_iter().min_by_key(|(p, _)| (p.line, p.column)) else {
        chomp_at_end(text, yaml);
        return;
    };
    let saphyr = yaml
        .problems
        .iter()
        .position(|p| matches!(p, Problem::Syntax { .. }));
    let earlier = saphyr.is_none_or(|i| {
        let r = yaml.problems[i].range();
        (pos.line, pos.column) < (r.start.line, r.start.column)
    });
    if earlier {
        let range = Range {
            start: pos,
            end: Pos {
                line: pos.line,
                column: pos.column + 1,
            },
        };
        yaml.problems.insert(
            0,
            Problem::Syntax {
                range,
                message: message.to_string(),
            },
        );
    }
}

/// go-yaml accepts tab, line breaks, printable ASCII, NEL and Unicode from U+00A0 except
/// surrogates and U+FFFE/U+FFFF — in the whole text, later documents included.
///
/// In UTF-8 every refused character shows in its bytes: a C0 control or DEL, a C1 control
/// (`C2 80`..`C2 9F` but NEL `C2 85`), or `EF BF BE`/`EF BF BF`. So the scan reads bytes,
/// 64 at a time while they are plain ASCII (a loop the compiler vectorises), and counts lines
/// only at a refusal.
fn control_character(text: &str) -> Option<(Pos, &'static str)> {
    let bytes = text.as_bytes();
    let plain = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~');
    let refused = |i: usize| match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(&b) if (0x80..=0x9F).contains(&b) && b != 0x85),
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    };
    let mut start = 0;
    for chunk in bytes.chunks(64) {
        if !chunk.iter().fold(true, |all, &b| all & plain(b)) {
            if let Some(i) = (start..start + chunk.len()).find(|&i| refused(i)) {
                let before = &text[..i];
                let line_start = before.rfind('\n').map_or(0, |n| n + 1);
                let pos = Pos {
                    line: before.matches('\n').count() + 1,
                    column: before[line_start..].chars().count() + 1,
                };
                return Some((pos, "control characters are not allowed"));
            }
        }
        start += chunk.len();
    }
    None
}

/// Before the first document: `%YAML` other than 1.1 and directives other than `%YAML`/`%TAG`
/// are refused, and so is a stream whose first token is `...` (go-yaml wants a node first).
fn directives_and_start(text: &str) -> Option<(Pos, &'static str)> {
    for (i, l) in lines_iter(text).enumerate() {
        let pos = Pos {
            line: i + 1,
            column: 1,
        };
        let t = l.trim_end();
        if t.trim_start().is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(d) = t.strip_prefix('%') {
            let mut words = d.split_whitespace();
            match words.next() {
                Some("YAML") if words.next() == Some("1.1") => continue,
                Some("YAML") => return Some((pos, "found incompatible YAML document")),
                Some("TAG") => continue,
                _ => return Some((pos, "found unknown directive name")),
            }
        }
        let starts_end = t.starts_with("...") && t[3..].starts_with([' ', '\t', '#']) || t == "...";
        if starts_end {
            return Some((pos, "did not find expected node content"));
        }
        return None;
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SpanKind {
    Flow,
    Quoted,
    Block,
    /// A plain scalar; `indent` is the 0-based column of the block collection holding it.
    Plain,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    kind: SpanKind,
    range: Range,
    indent: isize,
}

/// The flow collections and scalars of the first document, with the column of the block
/// collection around each.
fn collect(root: &Node, text: &str, out: &mut Vec<Span>) {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let char_at = |p: Pos| -> Option<char> {
        let start = *line_starts.get(p.line.checked_sub(1)?)?;
        text[start..].chars().nth(p.column.checked_sub(1)?)
    };
    let mut todo: Vec<(&Node, isize, bool)> = vec![(root, -1, false)];
    while let Some((node, indent, in_flow)) = todo.pop() {
        match &node.kind {
            Kind::Scalar(s) => {
                let kind = match s.style {
                    Style::Plain => SpanKind::Plain,
                    Style::SingleQuoted | Style::DoubleQuoted => SpanKind::Quoted,
                    Style::Literal | Style::Folded => SpanKind::Block,
                };
                if !in_flow {
                    out.push(Span {
                        kind,
                        range: node.range,
                        indent,
                    });
                }
            }
            Kind::Seq(_) | Kind::Map(_) => {
                let flow = in_flow || matches!(char_at(node.range.start), Some('[' | '{'));
                if flow && !in_flow {
                    out.push(Span {
                        kind: SpanKind::Flow,
                        range: node.range,
                        indent,
                    });
                }
                let inner = if flow {
                    indent
                } else {
                    node.range.start.column as isize - 1
                };
                match &node.kind {
                    Kind::Seq(items) => todo.extend(items.iter().map(|n| (n, inner, flow))),
                    Kind::Map(entries) => {
                        for e in entries {
                            todo.push((&e.key, inner, flow));
                            todo.push((&e.value, inner, flow));
                        }
                    }
                    Kind::Scalar(_) => {}
                }
            }
        }
    }
    slim_sort::sort_by_key(out, |s| (s.range.start.line, s.range.start.column));
}

/// The lines of `text`, each with its break, numbered as the parser numbers them: a line ends at
/// `\n`, `\r\n` or a `\r` alone (YAML's breaks; splitting at `\n` only made node lines past the
/// last line of a text broken by `\r` alone, and `block_header` indexed past the end — a
/// panic found by fuzzing, issue 8).
fn lines_of(text: &str) -> Vec<&str> {
    lines_iter(text).collect()
}

/// [`lines_of`], one at a time.
fn lines_iter(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if b == b'\n' || (b == b'\r' && bytes.get(i) != Some(&b'\n')) {
                let line = &text[start..i];
                start = i;
                return Some(line);
            }
        }
        (start < text.len()).then(|| {
            let line = &text[start..];
            start = text.len();
            line
        })
    })
}

/// The last line go-yaml scans: up to the `---` or `...` that ends the first document.
fn first_doc_end(lines: &[&str], root: &Node) -> usize {
    let from = root.range.end.line.max(1);
    (from..=lines.len())
        .find(|&l| {
            let t = lines[l - 1];
            l > root.range.start.line
                && (t.starts_with("---") || t.starts_with("..."))
                && t[3..].chars().next().is_none_or(char::is_whitespace)
        })
        .unwrap_or(lines.len())
}

/// The `|` or `>` of the block scalar whose content starts on `line`: on the nearest line above
/// that is not blank, the last `|`/`>` followed only by indicators and a comment.
fn block_header(lines: &[&str], line: usize) -> Option<Pos> {
    let header = (1..line.min(lines.len() + 1))
        .rev()
        .find(|&l| !lines[l - 1].trim().is_empty())?;
    let l = lines[header - 1];
    let chars: Vec<char> = l.chars().collect();
    let at = (0..chars.len()).rev().find(|&i| {
        matches!(chars[i], '|' | '>') && {
            let rest: String = chars[i + 1..].iter().collect();
            let rest =
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
            let rest = rest.trim_start_matches([' ', '\t']);
            rest.trim_end().is_empty() || rest.starts_with('#') && rest.len() < l.len()
        }
    })?;
    Some(Pos {
        line: header,
        column: at + 1,
    })
}

/// The column of a block scalar header's `|`/`>` on this line, when it follows `:`, `-` or
/// nothing (only for a text saphyr did not read).
fn header_on(l: &str) -> Option<usize> {
    let t = l.trim_end();
    let t = t.split(" #").next().unwrap_or(t).trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
    let before = body.strip_suffix(['|', '>'])?;
    let lead = before.trim_end();
    (lead.is_empty() || lead.ends_with(':') || lead.ends_with(" -") || lead == "-")
        .then(|| before.chars().count() + 1)
}

/// Leading spaces, then whether a tab follows them.
fn leading(l: &str) -> (usize, bool) {
    let spaces = l.len() - l.trim_start_matches(' ').len();
    (spaces, l[spaces..].starts_with('\t'))
}

/// In a block scalar, a tab where go-yaml still counts indentation: before the indentation is
/// known (auto-detected from the first line with content) or short of it.
///
/// Block scalars do not overlap, so this reads each line about once; the headers guessed for a
/// text saphyr did not read may, so the lines read are bounded.
fn block_scalar_tabs(lines: &[&str], spans: &[Span]) -> Option<(Pos, &'static str)> {
    const MESSAGE: &str = "found a tab character where an indentation space is expected";
    let mut budget = 2 * lines.len() + 16;
    for s in spans.iter().filter(|s| s.kind == SpanKind::Block) {
        let header_line = s.range.start.line;
        let header = lines.get(header_line - 1)?;
        let from = s.range.start.column.saturating_sub(1);
        let indicator: String = header
            .chars()
            .skip(from + 1)
            .take_while(|c| !c.is_whitespace())
            .collect();
        let explicit = indicator.chars().find_map(|c| c.to_digit(10));
        let mut n: Option<usize> = explicit.map(|m| (s.indent.max(0) as usize) + m as usize);
        for (i, l) in lines.iter().enumerate().skip(header_line) {
            budget = budget.checked_sub(1)?;
            let (spaces, tab) = leading(l);
            if tab && n.is_none_or(|n| spaces < n) {
                return Some((
                    Pos {
                        line: i + 1,
                        column: spaces + 1,
                    },
                    MESSAGE,
                ));
            }
            if l.trim().is_empty() {
                continue;
            }
            match n {
                None => n = Some(spaces),
                Some(n) if spaces < n => break,
                _ => {}
            }
        }
    }
    None
}

/// A line of the first document led by a tab (after spaces) in block context. After a plain
/// scalar, go-yaml reads further lines as its continuation, where a tab short of the scalar's
/// indentation "violates indentation"; anywhere else a tab cannot start a token.
fn leading_tabs(lines: &[&str], spans: &[Span], last: usize) -> Option<(Pos, &'static str)> {
    // Per line (1-based): inside any scalar or flow collection spanning lines; inside one where
    // a leading tab is not block indentation (flow, quoted, block scalar and the line ending it).
    let mut inside_any = vec![false; lines.len() + 2];
    let mut opaque = vec![false; lines.len() + 2];
    for s in spans {
        let from = s.range.start.line + 1;
        let to = match s.kind {
            SpanKind::Block => s.range.end.line + 1,
            _ => s.range.end.line,
        }
        .min(lines.len());
        for line in from..=to {
            inside_any[line] |= line <= s.range.end.line;
            opaque[line] |= s.kind != SpanKind::Plain;
        }
    }
    // Spans are sorted by start: the one ending last among the first k, for every k.
    let mut latest: Vec<usize> = Vec::with_capacity(spans.len());
    for (k, s) in spans.iter().enumerate() {
        let end = |s: &Span| (s.range.end.line, s.range.end.column);
        let best = match latest.last() {
            Some(&b) if end(&spans[b]) >= end(s) => b,
            _ => k,
        };
        latest.push(best);
    }
    let mut last_nonblank = 0usize; // 1-based line of the last line with content, 0: none
    for (i, l) in lines.iter().enumerate().take(last) {
        let line = i + 1;
        let blank = l.trim().is_empty();
        let previous_nonblank = last_nonblank;
        if !blank {
            last_nonblank = line;
        }
        let ws = l.len() - l.trim_start_matches([' ', '\t']).len();
        let Some(tab_at) = l[..ws].find('\t') else {
            if let Some(column) = tab_after_indicator(&l[ws..]) {
                if !inside_any[line] {
                    return Some((
                        Pos {
                            line,
                            column: ws + column + 1,
                        },
                        "found character that cannot start any token",
                    ));
                }
            }
            continue;
        };
        if opaque[line] {
            continue;
        }
        // The scalar or collection before this line that ends last, and whether only blanks
        // follow it.
        let k = spans.partition_point(|s| s.range.start.line < line);
        let before = k.checked_sub(1).map(|k| &spans[latest[k]]);
        let pos = Pos {
            line,
            column: tab_at + 1,
        };
        let after_plain = before.is_some_and(|s| {
            s.kind == SpanKind::Plain && {
                let end_line = s.range.end.line;
                let rest = lines.get(end_line - 1).map_or("", |l| {
                    l.get(char_offset(l, s.range.end.column - 1)..)
                        .unwrap_or("")
                });
                rest.trim().is_empty() && previous_nonblank <= end_line
            }
        });
        if after_plain {
            let indent = before.map_or(-1, |s| s.indent);
            if (tab_at as isize) < indent + 1 {
                return Some((pos, "found a tab character that violates indentation"));
            }
            continue;
        }
        return Some((pos, "found character that cannot start any token"));
    }
    None
}

/// After a block indicator `-`, `?` or `:` (of an explicit key) that starts a line, go-yaml
/// takes no tab before the node (a tab after a key's `:` is fine). The 0-based column of such
/// a tab in `rest`, the line after its indentation.
fn tab_after_indicator(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() && matches!(b[i], b'-' | b'?' | b':') && matches!(b[i + 1], b' ' | b'\t')
    {
        i += 1;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            if b[i] == b'\t' {
                return Some(i);
            }
            i += 1;
        }
    }
    None
}

fn char_offset(l: &str, chars: usize) -> usize {
    l.char_indices().nth(chars).map_or(l.len(), |(i, _)| i)
}

/// go-yaml keeps no final line break in a block scalar that ends the text without one (but
/// keeps it when a document marker, `---` or `...`, ends the text after the scalar).
fn chomp_at_end(text: &str, yaml: &mut Yaml) {
    if text.ends_with(['\n', '\r']) || text.is_empty() {
        return;
    }
    let last = text.rsplit('\n').next().unwrap_or("");
    if last.starts_with("---") || last.starts_with("...") {
        return;
    }
    let Some(root) = yaml.docs.first_mut() else {
        return;
    };
    let last_line = text.split('\n').count();
    let mut node = root;
    loop {
        let next = match &mut node.kind {
            Kind::Map(entries) => entries.last_mut().map(|e| &mut e.value),
            Kind::Seq(items) => items.last_mut(),
            Kind::Scalar(s) => {
                if matches!(s.style, Style::Literal | Style::Folded)
                    && node.range.end.line >= last_line
                    && s.text.ends_with('\n')
                {
                    s.text.pop();
                }
                return;
            }
        };
        match next {
            Some(n) => node = n,
            None => return,
        }
    }
}
