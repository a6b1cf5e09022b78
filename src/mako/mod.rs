//! A small Mako engine for `_config_helpers.yaml.tpl` (§1.1.6.4): parse, render, analyse.
//!
//! The platform renders the file's `data_template` with [Mako](https://www.makotemplates.org/)
//! before it hands the result to Helm. This module implements the part of Mako the guide uses,
//! with a position for every token, and never panics on any input:
//!
//! - `${expr}` substitutions; the expression may span lines (as in the guide's examples) and
//!   ends at the `}` that closes it (brackets, strings and `#` comments respected).
//! - Control lines `% if expr:`, `% elif expr:`, `% else:`, `% endif` (leading blanks allowed, a
//!   `\` at the end continues the line). Other control keywords (`% for`, `% while`…) are reported
//!   as unsupported and their lines ignored.
//! - `%%` at the start of a line writes a `%`; `##` lines are Mako comments (dropped); a `\` at
//!   the end of a text line joins it with the next, as in Mako.
//! - `<% … %>` tags are reported as unsupported and kept as text.
//!
//! Expressions are the Python subset the guide uses: names, string literals (single, double,
//! triple quotes, `r`/`u` prefixes, escapes), int/float, `True`/`False`/`None`, list, tuple and
//! dict literals, subscripts `a['k']`, attributes with calls (`.get(k, default)`, `.keys()`,
//! `.values()`, `.items()`, `.lower()`, `.upper()`, `.strip()`), calls of the template functions
//! and of `str`, `int`, `float`, `bool`, `len`, `and`/`or`/`not`, comparisons (`==`, `!=`, `<`,
//! `>`, `<=`, `>=`, `in`, `not in`, `is`, `is not`), `+`, `-`, `*`, `x if c else y`, parentheses.
//! Anything else (filters `${x | h}`, slices, comprehensions, `lambda`, `/`, `%`…) is a
//! [`MakoError`] at its place (rule CFG-002).
//!
//! Budgets keep hostile input cheap: an expression has at most [`lex::MAX_TOKENS`] tokens and
//! [`expr::MAX_DEPTH`] levels of nesting; long flat forms (`a or b or …`, `.get().get()…`) are
//! lists, not nested trees; `% if` blocks are a flat list of nodes with jump indices, so 10 000
//! nested blocks parse, render and analyse in linear time without recursion.
//!
//! # Rendering
//! [`render`] evaluates against a simulated [`Platform`]:
//! - `cloud_product_label`, `label_enabled`: the platform's strings;
//! - `replicas_by_modality`: `Platform::default_product_replicas` (license
//!   `values.default_product_replicas`, default 3);
//! - `random_password(tag, n)`: a stable placeholder per tag — an `n`-character string of
//!   letters and digits derived from a hash of the tag, starting with a letter that cannot make
//!   a YAML boolean or null (the same tag always gives the same text, so previews are
//!   deterministic; the platform keeps the first generated password across upgrades the same
//!   way). `n` must be 1‥=4096;
//! - `safe_render(product, '/a/b', default)`: the value at that path of an installed product's
//!   config, else `default`; `safe_render_multi([p1, p2], '/a/b', default)`: the first installed
//!   product (in list order) that has the path, else `default`;
//! - `license`: an empty dict, as the platform gives license data while rendering (§1.1.6.4;
//!   CFG-011 reports the read);
//! - any other name is another product's ID: its config from `Platform::products`, or — when the
//!   product is absent — Mako's undefined name: falsy in `% if p:`, an error when read
//!   (`p['a']`, `p.get(…)`) or printed (`${p}`).
//!
//! Values print as Python's `str()` does, as Mako writes them: strings as they are, `None`,
//! `True`/`False`, `3`, `2.5`, and lists/dicts as their Python repr (`{'a': 1}`). An
//! expression that fails (a `KeyError`, an absent product…) is a render error; the text gets
//! [`UNRESOLVED`] in its place so that the rest can still be read as YAML.

pub mod analysis;
mod eval;
pub mod expr;
pub(crate) mod lex;
pub mod value;

use crate::diagnostic::{Range, Text};
use crate::text;
use lex::{Cursor, Mode, Op};
use std::collections::BTreeMap;

pub use analysis::Use;
pub use eval::{render, render_forced, Rendered, UNRESOLVED};
pub use expr::{Arg, Expr, ExprKind, Postfix, PostfixKind};
pub use value::Value;

/// The template functions of §1.1.6.4.
pub const FUNCTIONS: &[&str] = &[
    "cloud_product_label",
    "label_enabled",
    "random_password",
    "replicas_by_modality",
    "safe_render",
    "safe_render_multi",
];

/// Template functions that are values, not called: `${replicas_by_modality}`.
pub const VALUE_FUNCTIONS: &[&str] = &[
    "cloud_product_label",
    "label_enabled",
    "replicas_by_modality",
];

/// Python builtins the renderer evaluates (`${str(x)}`).
pub const BUILTINS: &[&str] = &["str", "int", "float", "bool", "len"];

/// Whether `name` is a template function or a supported builtin (not another product's ID).
pub fn is_function(name: &str) -> bool {
    FUNCTIONS.contains(&name) || BUILTINS.contains(&name)
}

/// A Mako syntax error or a render error, at its place in the template.
#[derive(Debug, Clone, PartialEq)]
pub struct MakoError {
    pub range: Range,
    pub message: Text,
    pub help: Option<Text>,
}

impl MakoError {
    pub fn new(range: Range, message: Text) -> MakoError {
        MakoError {
            range,
            message,
            help: None,
        }
    }
    fn with_help(mut self, help: Text) -> MakoError {
        self.help = Some(help);
        self
    }
}

/// The simulated platform a template is rendered against.
#[derive(Debug, Clone)]
pub struct Platform {
    /// Other products' configs by product ID (their rendered `data_template`, or what the user
    /// supplies). A product absent from the map is not installed.
    pub products: BTreeMap<String, Value>,
    /// `${replicas_by_modality}`: license `values.default_product_replicas` (default 3).
    pub default_product_replicas: i64,
    /// `${cloud_product_label}`: the node label key (default `cloud-product`).
    pub cloud_product_label: String,
    /// `${label_enabled}`: the node label value (default `enabled`).
    pub label_enabled: String,
}

impl Default for Platform {
    fn default() -> Self {
        Platform {
            products: BTreeMap::new(),
            default_product_replicas: 3,
            cloud_product_label: "cloud-product".into(),
            label_enabled: "enabled".into(),
        }
    }
}

/// One piece of a parsed template. `% if` chains are flat: each branch header knows where the
/// next header of its chain is, and every header knows its `EndIf`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Literal text from template line `line` (it ends at a line end or before a `${`).
    Text { text: String, line: usize },
    /// `${expr}`; `expr` is `None` when it did not parse (a [`MakoError`] says why).
    Subst { expr: Option<Expr>, range: Range },
    /// `% if cond:`. `next` is the index of the chain's next `Elif`/`Else`/`EndIf`;
    /// `branches` counts the chain's branches, an absent `% else` included.
    If {
        cond: Option<Expr>,
        range: Range,
        next: usize,
        branches: usize,
    },
    /// `% elif cond:`; `end` is the index of the chain's `EndIf`.
    Elif {
        cond: Option<Expr>,
        range: Range,
        next: usize,
        end: usize,
    },
    /// `% else:`
    Else { range: Range, end: usize },
    /// `% endif` (or the end of the text, for a block never closed).
    EndIf { range: Range },
}

/// A parsed template.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    pub nodes: Vec<Node>,
    /// Lines in the template text.
    pub lines: usize,
}

impl Template {
    /// The largest number of branches of one `% if` chain (an absent `% else` counts): rendering
    /// with [`render_forced`] for every `k` below it takes every branch at least once.
    pub fn branch_count(&self) -> usize {
        self.nodes
            .iter()
            .map(|n| match n {
                Node::If { branches, .. } => *branches,
                _ => 1,
            })
            .max()
            .unwrap_or(1)
    }
}

/// What [`parse`] gives: the template (recovered as well as possible) and its syntax errors.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub template: Template,
    pub errors: Vec<MakoError>,
}

/// An `% if` being parsed.
struct OpenIf {
    if_idx: usize,
    /// The chain's last header so far (to link its `next`).
    last: usize,
    seen_else: bool,
    keyword: Range,
}

struct Builder {
    nodes: Vec<Node>,
    text: String,
    text_line: usize,
    /// Bytes scanned by substitutions that never closed. Each such scan may run to the end of
    /// the text; past a budget of twice the text's length, `${` is read as plain text, so that
    /// a text of many unclosed `${` stays linear (Mako stops at the first one anyway).
    failed_scan: usize,
    failed_budget: usize,
}

impl Builder {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.nodes.push(Node::Text {
                text: std::mem::take(&mut self.text),
                line: self.text_line,
            });
        }
    }
    fn push_text(&mut self, s: &str, line: usize) {
        if self.text.is_empty() {
            self.text_line = line;
        }
        self.text.push_str(s);
    }
}

/// Parse a template. Never panics; every problem is a [`MakoError`] and the template is
/// recovered around it (a stray `% endif` is dropped, an unclosed `% if` is closed at the end).
pub fn parse(text: &str) -> Parsed {
    let mut errors = Vec::new();
    let mut b = Builder {
        nodes: Vec::new(),
        text: String::new(),
        text_line: 1,
        failed_scan: 0,
        failed_budget: 2 * text.len() + (64 << 10),
    };
    let mut open: Vec<OpenIf> = Vec::new();
    let mut cur = Cursor::new(text);
    while !cur.eof() {
        if cur.at_line_start() {
            let rest = cur.rest();
            let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let after = &rest[ws..];
            if after.starts_with("##") {
                b.flush();
                skip_line(&mut cur);
                continue;
            }
            if after.starts_with("%%") {
                let line = cur.line;
                b.push_text(&rest[..ws], line);
                b.push_text("%", line);
                cur.skip_ascii(ws + 2);
                continue;
            }
            if after.starts_with('%') {
                b.flush();
                cur.skip_ascii(ws);
                control_line(&mut cur, &mut b, &mut open, &mut errors);
                continue;
            }
        }
        text_run(&mut cur, &mut b, &mut errors);
    }
    b.flush();
    let end = cur.range_from(cur.pos());
    while let Some(o) = open.pop() {
        errors.push(
            MakoError::new(
                o.keyword,
                text!(
                    "`% if` is never closed: `% endif` is missing",
                    "`% if` 没有闭合：缺少 `% endif`"
                ),
            )
            .with_help(text!(
                "add a `% endif` line after the block",
                "请在该块之后添加一行 `% endif`"
            )),
        );
        close_if(&mut b.nodes, o, end);
    }
    let lines = text.lines().count();
    Parsed {
        template: Template {
            nodes: b.nodes,
            lines,
        },
        errors,
    }
}

/// Skip to after the end of the current line.
fn skip_line(cur: &mut Cursor) {
    match cur.rest().find('\n') {
        Some(i) => {
            // Columns do not matter: the cursor lands at the start of the next line.
            cur.at += i + 1;
            cur.line += 1;
            cur.col = 1;
        }
        None => {
            let n = cur.rest().chars().count();
            cur.at = cur.text.len();
            cur.col += n;
        }
    }
}

/// Literal text up to the end of the line, a `${`, or a `<%` tag.
fn text_run(cur: &mut Cursor, b: &mut Builder, errors: &mut Vec<MakoError>) {
    let line = cur.line;
    let rest = cur.rest();
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                b.push_text(&rest[..=i], line);
                cur.at += i + 1;
                cur.line += 1;
                cur.col = 1;
                b.flush();
                return;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') && b.failed_scan <= b.failed_budget => {
                b.push_text(&rest[..i], line);
                advance_same_line(cur, &rest[..i]);
                b.flush();
                substitution(cur, b, errors);
                return;
            }
            b'<' if bytes.get(i + 1) == Some(&b'%')
                || (bytes.get(i + 1) == Some(&b'/') && bytes.get(i + 2) == Some(&b'%')) =>
            {
                advance_same_line(cur, &rest[..i]);
                let start = cur.pos();
                let tag_len = if bytes[i + 1] == b'%' { 2 } else { 3 };
                b.push_text(&rest[..i + tag_len], line);
                cur.skip_ascii(tag_len);
                errors.push(
                    MakoError::new(
                        cur.range_from(start),
                        text!(
                            "Mako tags (`<% … %>`, `<%def>`, `<%include>`…) are not supported in a config template",
                            "配置模板中不支持 Mako 标签（`<% … %>`、`<%def>`、`<%include>` 等）"
                        ),
                    )
                    .with_help(text!(
                        "use `${{…}}` substitutions and `% if` lines only",
                        "请只使用 `${{…}}` 替换和 `% if` 控制行"
                    )),
                );
                return;
            }
            b'\\'
                if bytes.get(i + 1) == Some(&b'\n')
                    || (bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n')) =>
            {
                // Mako: a backslash at the end of a line joins it with the next.
                b.push_text(&rest[..i], line);
                let n = if bytes[i + 1] == b'\n' { 2 } else { 3 };
                cur.at += i + n;
                cur.line += 1;
                cur.col = 1;
                return;
            }
            _ => i += 1,
        }
    }
    b.push_text(rest, line);
    advance_same_line(cur, rest);
}

/// Move the cursor over `s`, which holds no newline.
fn advance_same_line(cur: &mut Cursor, s: &str) {
    cur.at += s.len();
    cur.col += s.chars().count();
}

/// `${ … }`; the cursor is on the `$`.
fn substitution(cur: &mut Cursor, b: &mut Builder, errors: &mut Vec<MakoError>) {
    let start = cur.pos();
    let resume = cur.clone();
    cur.skip_ascii(2);
    let mut lex_errors = Vec::new();
    let lexed = lex::lex(cur, Mode::Subst, &mut lex_errors);
    let Some(close) = lexed.close else {
        b.failed_scan += cur.at - resume.at;
        errors.push(
            MakoError::new(
                Range {
                    start,
                    end: crate::diagnostic::Pos {
                        line: start.line,
                        column: start.column + 2,
                    },
                },
                text!(
                    "unterminated `${{`: no `}}` closes this substitution",
                    "`${{` 没有结束：缺少与之对应的 `}}`"
                ),
            )
            .with_help(text!(
                "close the expression with `}}` (brackets and quotes inside it must be balanced)",
                "请用 `}}` 结束表达式（其中的括号和引号必须配对）"
            )),
        );
        // Read on after `${` as text, so the rest of the template is still checked.
        *cur = resume;
        let line = cur.line;
        b.push_text("${", line);
        cur.skip_ascii(2);
        return;
    };
    let range = Range {
        start,
        end: close.end,
    };
    let expr = if let Some(e) = lex_errors.into_iter().next() {
        errors.push(e);
        None
    } else if lexed.too_many {
        errors.push(too_long(range));
        None
    } else if lexed.tokens.is_empty() {
        errors.push(MakoError::new(
            range,
            text!("empty substitution `${{}}`", "空的替换 `${{}}`"),
        ));
        None
    } else {
        let mut p = expr::Parser::new(&lexed.tokens, close);
        match p.expr() {
            Ok(e) if p.at_end() => Some(e),
            Ok(_) => {
                errors.push(p.unexpected(None));
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    b.nodes.push(Node::Subst { expr, range });
}

fn too_long(range: Range) -> MakoError {
    let max = lex::MAX_TOKENS;
    MakoError::new(
        range,
        text!(
            "the expression is too long (more than {max} tokens)",
            "表达式过长（超过 {max} 个记号）"
        ),
    )
}

/// A line whose first non-blank character is `%`; the cursor is on the `%`.
fn control_line(
    cur: &mut Cursor,
    b: &mut Builder,
    open: &mut Vec<OpenIf>,
    errors: &mut Vec<MakoError>,
) {
    let start = cur.pos();
    cur.bump(); // '%'
    while matches!(cur.peek(), Some(' ' | '\t')) {
        cur.bump();
    }
    let kw_start = cur.pos();
    let from = cur.at;
    while cur.peek().is_some_and(|c| c == '_' || c.is_alphanumeric()) {
        cur.bump();
    }
    let keyword = cur.text[from..cur.at].to_string();
    let kw_range = cur.range_from(kw_start);
    let mut lex_errors = Vec::new();
    let lexed = lex::lex(cur, Mode::Line, &mut lex_errors);
    let line_range = cur.range_from(start);
    end_line(cur);
    let kw_range = if keyword.is_empty() {
        line_range
    } else {
        kw_range
    };
    let tokens = &lexed.tokens;
    // The condition of `if`/`elif`, or the check that `else:`/`endif` have nothing more.
    let parse_tail = |errors: &mut Vec<MakoError>, want_cond: bool, want_colon: bool| {
        if let Some(e) = lex_errors.first() {
            errors.push(e.clone());
            return None;
        }
        if lexed.too_many {
            errors.push(too_long(line_range));
            return None;
        }
        let end = Range {
            start: line_range.end,
            end: line_range.end,
        };
        let mut p = expr::Parser::new(tokens, end);
        let cond = if want_cond {
            match p.expr() {
                Ok(e) => Some(e),
                Err(e) => {
                    errors.push(e);
                    return None;
                }
            }
        } else {
            None
        };
        if want_colon && p.eat_op(Op::Colon).is_none() {
            let mut e = p.unexpected(Some(("`:` at the end of the line", "行末的 `:`")));
            if p.at_end() {
                e.message = text!(
                    "`% {keyword}` needs a `:` at the end of the line",
                    "`% {keyword}` 行末需要 `:`"
                );
                e.help = Some(text!(
                    "end the line with `:`, as in Python: `% if neutron:`, `% else:`",
                    "请像 Python 一样以 `:` 结束该行：`% if neutron:`、`% else:`"
                ));
            }
            errors.push(e);
            return cond;
        }
        if !p.at_end() {
            errors.push(p.unexpected(None));
        }
        cond
    };
    match keyword.as_str() {
        "if" => {
            let cond = parse_tail(errors, true, true);
            let idx = b.nodes.len();
            b.nodes.push(Node::If {
                cond,
                range: line_range,
                next: usize::MAX,
                branches: 1,
            });
            open.push(OpenIf {
                if_idx: idx,
                last: idx,
                seen_else: false,
                keyword: kw_range,
            });
        }
        "elif" | "else" => {
            let is_else = keyword == "else";
            let Some(o) = open.last_mut() else {
                errors.push(MakoError::new(
                    kw_range,
                    text!(
                        "`% {keyword}` without an `% if` before it",
                        "`% {keyword}` 之前没有对应的 `% if`"
                    ),
                ));
                return;
            };
            if o.seen_else {
                errors.push(MakoError::new(
                    kw_range,
                    text!(
                        "`% {keyword}` after `% else`: the `% else` branch must come last",
                        "`% {keyword}` 出现在 `% else` 之后：`% else` 分支必须位于最后"
                    ),
                ));
                return;
            }
            let idx = b.nodes.len();
            if is_else {
                parse_tail(errors, false, true);
                b.nodes.push(Node::Else {
                    range: line_range,
                    end: usize::MAX,
                });
                o.seen_else = true;
            } else {
                let cond = parse_tail(errors, true, true);
                b.nodes.push(Node::Elif {
                    cond,
                    range: line_range,
                    next: usize::MAX,
                    end: usize::MAX,
                });
            }
            set_next(&mut b.nodes, o.last, idx);
            o.last = idx;
            if let Node::If { branches, .. } = &mut b.nodes[o.if_idx] {
                *branches += 1;
            }
        }
        "endif" => {
            parse_tail(errors, false, false);
            let Some(o) = open.pop() else {
                errors.push(MakoError::new(
                    kw_range,
                    text!(
                        "`% endif` without an `% if` before it",
                        "`% endif` 之前没有对应的 `% if`"
                    ),
                ));
                return;
            };
            close_if(&mut b.nodes, o, line_range);
        }
        "" => {
            errors.push(
                MakoError::new(
                    line_range,
                    text!(
                        "a line starting with `%` is a Mako control line, but this one has no keyword",
                        "以 `%` 开头的行是 Mako 控制行，但此行没有关键字"
                    ),
                )
                .with_help(text!(
                    "write `%%` for a literal `%` at the start of a line",
                    "如需在行首输出 `%`，请写作 `%%`"
                )),
            );
        }
        k @ ("for" | "endfor" | "while" | "endwhile" | "try" | "except" | "finally" | "endtry"
        | "with" | "endwith" | "def" | "enddef") => {
            errors.push(
                MakoError::new(
                    kw_range,
                    text!(
                        "`% {k}` is not supported in a config template: only `% if`/`% elif`/`% else`/`% endif`",
                        "配置模板中不支持 `% {k}`：只支持 `% if`/`% elif`/`% else`/`% endif`"
                    ),
                ),
            );
        }
        other => {
            let near = crate::suggest::nearest(other, &["if", "elif", "else", "endif"]);
            let mut e = MakoError::new(
                kw_range,
                text!(
                    "unknown control line `% {other}`",
                    "未知的控制行 `% {other}`"
                ),
            );
            e.help = Some(match near {
                Some(n) => text!("did you mean `% {n}`?", "是否应为 `% {n}`？"),
                None => text!(
                    "control lines are `% if …:`, `% elif …:`, `% else:`, `% endif`; write `%%` for a literal `%`",
                    "控制行只能是 `% if …:`、`% elif …:`、`% else:`、`% endif`；如需输出 `%` 请写作 `%%`"
                ),
            });
            errors.push(e);
        }
    }
}

/// Consume the line end after a control line.
fn end_line(cur: &mut Cursor) {
    if cur.peek() == Some('\r') {
        cur.bump();
    }
    if cur.peek() == Some('\n') {
        cur.bump();
    }
}

fn set_next(nodes: &mut [Node], at: usize, to: usize) {
    match &mut nodes[at] {
        Node::If { next, .. } | Node::Elif { next, .. } => *next = to,
        _ => {}
    }
}

/// Push the `EndIf` of `o` and point the chain's headers at it.
fn close_if(nodes: &mut Vec<Node>, o: OpenIf, range: Range) {
    let end_idx = nodes.len();
    nodes.push(Node::EndIf { range });
    set_next(nodes, o.last, end_idx);
    if !o.seen_else {
        if let Node::If { branches, .. } = &mut nodes[o.if_idx] {
            *branches += 1;
        }
    }
    let mut j = match &nodes[o.if_idx] {
        Node::If { next, .. } => *next,
        _ => end_idx,
    };
    while j < end_idx {
        match &mut nodes[j] {
            Node::Elif { next, end, .. } => {
                *end = end_idx;
                j = *next;
            }
            Node::Else { end, .. } => {
                *end = end_idx;
                break;
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests;
