use crate::chart::config_helpers::Kind;
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::{Pos, Range, Text};
use crate::mako::{self, expr::ArithOp, Expr, ExprKind, Node, PostfixKind, Use};
use crate::rules::cfg::{self, cannot_be_product, safe_render_for, Source};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports, in `templates/_config_helpers.yaml.tpl`, another product's ID written as a bare
    /// Mako name when the ID is not a Python identifier:
    /// - an ID with `-`: `${my-db['endpoints']}` is the subtraction `my - db['endpoints']`
    ///   (found when the parts touch the `-`, as an ID is written, or when the ID joined from
    ///   the parts is declared in `dependencies`, however spaced);
    /// - an ID that is a Python keyword: `return` (the guide's own `parallel_services` example
    ///   declares a product `return`), `global`, `import`, `pass`… — `${return['x']}`,
    ///   `% if return:` — when the keyword is followed by `[` or `.`, or is declared in
    ///   `dependencies`.
    ///
    /// CFG-006 and CFG-007 then leave the pieces alone (without this rule, CFG-006 would call
    /// `${my-db['x']}` an unguarded read of a product `db`), and CFG-002 leaves the keyword's
    /// syntax error to this rule.
    ///
    /// ## Why
    /// §1.1.6.4 reads another product's config as `${云产品名[配置项]}`, and Mako evaluates
    /// the expression as Python. A product ID with `-` is not one name but two names and a
    /// minus: `my` and `db` are undefined, and rendering fails (an undefined name cannot be
    /// subscripted or subtracted) — even when `my-db` is installed. A keyword cannot be a name
    /// at all: Mako cannot compile the template, and nothing of it renders. No guard helps,
    /// since `% if my-db:` fails the same way.
    ///
    /// The guide's accessor that takes the ID as a string is the one to use:
    /// `safe_render('my-db', '/endpoints/admin/password', default)` (and `safe_render_multi`
    /// for a `parallel_services` group). They need platform 6.1.1 (the guide's version note);
    /// the guide documents no way to read such a product on an older platform.
    ///
    /// ## 中文
    /// 云产品标识不是合法的 Python 标识符（含 `-`，或是 `return` 等 Python 关键字），却在
    /// `_config_helpers.yaml.tpl` 中直接作为 Mako 名称使用：`${my-db['x']}` 被解析为减法
    /// `my - db['x']`，渲染失败；关键字则使整个模板无法编译（§1.1.6.4）。请使用以字符串传入云产品标识的
    /// `safe_render('my-db', '/path', default)`（平行依赖用 `safe_render_multi`，需平台 6.1.1）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     db:
    ///       password: ${my-db['endpoints']['admin']['password']}
    /// dependencies:
    ///   platform_version: 6.1.1
    ///   services:
    ///     my-db: 6.0.1
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     db:
    ///       password: ${safe_render('my-db', '/endpoints/admin/password', 'default')}
    /// dependencies:
    ///   platform_version: 6.1.1
    ///   services:
    ///     my-db: 6.0.1
    /// trial_days: 180
    /// ```
    /// The guide's `parallel_services` example declares a product `return`:
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   password: |-
    ///     % if return:
    ///     ${return.get('password', 'default')}
    ///     % else:
    ///     default
    ///     % endif
    /// dependencies:
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///       schedule: 6.0.1
    ///     - return: 6.0.1
    ///       proton: 6.0.1
    /// trial_days: 180
    /// ```
    RULE = "CFG-010", Cfg, Error, "§1.1.6.4",
    "Product ID that is not a Python name used in Mako",
    "不是合法 Python 名称的云产品标识被直接用于 Mako",
    Chart(check)
}

/// A product ID with `-` written as a bare name: the `-`-joined parts, the last one with
/// what follows it.
pub(crate) struct Hyphenated<'t> {
    pub id: String,
    /// From the first part to the end of the last part's subscripts and calls.
    pub range: Range,
    pub ops: &'t [mako::Postfix],
    pub in_condition: bool,
}

/// Whether a use of a bare name is one of the parts of a hyphenated ID (CFG-010 reports it;
/// the rules about names leave it alone).
pub(crate) fn is_part(hits: &[Hyphenated], u: &Use) -> bool {
    hits.iter()
        .any(|h| h.range.start <= u.range.start && u.range.end <= h.range.end)
}

/// Every hyphenated product ID written as bare names in the template.
pub(crate) fn hyphenated<'t>(src: &Source<'t>) -> Vec<Hyphenated<'t>> {
    let mut out = Vec::new();
    for node in &src.parsed.template.nodes {
        let (e, in_condition) = match node {
            Node::Subst { expr: Some(e), .. } => (e, false),
            Node::If { cond: Some(e), .. } | Node::Elif { cond: Some(e), .. } => (e, true),
            _ => continue,
        };
        walk(e, in_condition, src, &mut out);
    }
    out
}

/// A plain part of an ID (`my`, `2`), and its text.
fn part(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) if !mako::is_function(n) && !cannot_be_product(n) => Some(n.clone()),
        ExprKind::Const(mako::Value::Int(i)) if *i >= 0 => Some(i.to_string()),
        _ => None,
    }
}

/// The last part of an ID: a plain part, or one followed by subscripts and calls.
fn last_part(e: &Expr) -> Option<(String, &[mako::Postfix])> {
    match &e.kind {
        ExprKind::Postfix { base, ops } => Some((part(base)?, ops.as_slice())),
        _ => Some((part(e)?, &[])),
    }
}

/// Recursion is bounded by the parser's nesting budget.
fn walk<'t>(e: &'t Expr, in_condition: bool, src: &Source, out: &mut Vec<Hyphenated<'t>>) {
    let mut children: Vec<&Expr> = Vec::new();
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Const(_) => {}
        ExprKind::Postfix { base, ops } => {
            children.push(base);
            for op in ops {
                match &op.kind {
                    PostfixKind::Index(k) => children.push(k),
                    PostfixKind::Call(args) => children.extend(args.iter().map(|a| &a.value)),
                    PostfixKind::Attr { .. } => {}
                }
            }
        }
        ExprKind::List(items) | ExprKind::Tuple(items) => children.extend(items),
        ExprKind::Dict(entries) => children.extend(entries.iter().flat_map(|(k, v)| [k, v])),
        ExprKind::Unary { operand, .. } => children.push(operand),
        ExprKind::And(items) | ExprKind::Or(items) => children.extend(items),
        ExprKind::Compare { first, rest } => {
            children.push(first);
            children.extend(rest.iter().map(|(_, _, x)| x));
        }
        ExprKind::IfElse { body, cond, orelse } => children.extend([&**body, cond, orelse]),
        ExprKind::Arith { first, rest } => {
            let operands: Vec<&Expr> = std::iter::once(&**first)
                .chain(rest.iter().map(|(_, _, x)| x))
                .collect();
            let mut i = 0;
            while i < operands.len() {
                let used = run(&operands, rest, i, in_condition, src, out);
                if used == 0 {
                    children.push(operands[i]);
                    i += 1;
                } else {
                    i += used;
                }
            }
        }
    }
    for c in children {
        walk(c, in_condition, src, out);
    }
}

/// The hyphenated ID starting at operand `i`, if any; how many operands it takes (0: none).
fn run<'t>(
    operands: &[&'t Expr],
    rest: &[(ArithOp, Range, Expr)],
    i: usize,
    in_condition: bool,
    src: &Source,
    out: &mut Vec<Hyphenated<'t>>,
) -> usize {
    let Some(first) =
        part(operands[i]).filter(|p| p.starts_with(|c: char| c.is_ascii_alphabetic()))
    else {
        return 0;
    };
    // The operands joined by `-`: plain parts, the last one possibly read (`db['x']`).
    let mut parts = vec![first];
    let mut ops: &[mako::Postfix] = &[];
    let mut end = i;
    while end + 1 < operands.len() && ops.is_empty() && rest[end].0 == ArithOp::Sub {
        let Some((p, o)) = last_part(operands[end + 1]) else {
            break;
        };
        parts.push(p);
        ops = o;
        end += 1;
    }
    // The longest declared ID, else the parts that touch their `-` as an ID is written.
    let touching = 1
        + (i..end)
            .take_while(|&k| {
                let r = rest[k].1;
                operands[k].range.end == r.start && r.end == operands[k + 1].range.start
            })
            .count();
    let len = (2..=parts.len())
        .rev()
        .find(|&n| src.declared(&parts[..n].join("-")).is_some())
        .unwrap_or(touching);
    if len < 2 {
        return 0;
    }
    out.push(Hyphenated {
        id: parts[..len].join("-"),
        range: Range {
            start: operands[i].range.start,
            end: operands[i + len - 1].range.end,
        },
        ops: if len == parts.len() { ops } else { &[] },
        in_condition,
    });
    len
}

/// A product ID that is or holds a Python keyword, where an expression did not parse at the
/// keyword: the ID, the keyword and the ID's range.
pub(crate) fn keyword_id(src: &Source, e: &mako::MakoError) -> Option<(String, String, Range)> {
    let r = e.range;
    if r.start.line != r.end.line {
        return None;
    }
    let line = src.ch.text.lines().nth(r.start.line.checked_sub(1)?)?;
    let chars: Vec<char> = line.chars().collect();
    let (s, t) = (r.start.column.checked_sub(1)?, r.end.column.checked_sub(1)?);
    let word: String = chars.get(s..t)?.iter().collect();
    if !PYTHON_KEYWORDS.contains(&word.as_str()) {
        return None;
    }
    // Widen over an ID's other `-`-joined parts (`my-return`).
    let id_char = |c: &char| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-';
    let mut start = s - chars[..s].iter().rev().take_while(|c| id_char(c)).count();
    let mut end = t + chars[t..].iter().take_while(|c| id_char(c)).count();
    while chars[start] == '-' {
        start += 1;
    }
    while chars[end - 1] == '-' {
        end -= 1;
    }
    let id: String = chars[start..end].iter().collect();
    let next = chars[end..].iter().find(|c| !c.is_whitespace());
    let read = matches!(next, Some('[' | '.'));
    (read || src.declared(&id).is_some()).then(|| {
        let range = Range {
            start: Pos {
                line: r.start.line,
                column: start + 1,
            },
            end: Pos {
                line: r.start.line,
                column: start + 1 + id.chars().count(),
            },
        };
        (id, word, range)
    })
}

/// Python's keywords that look like product IDs (lowercase words).
const PYTHON_KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    for h in hyphenated(&src) {
        let id = &h.id;
        let as_python = id.replace('-', " - ");
        let u = Use {
            name: id,
            range: h.range,
            ops: h.ops,
            expr_range: h.range,
            guarded: false,
            in_condition: h.in_condition,
            whole: false,
        };
        out.report(
            src.path(),
            Some(h.range),
            text!(
                "`{id}` is not a Python name: Mako reads it as `{as_python}`, a subtraction of undefined names, so rendering fails even when `{id}` is installed",
                "`{id}` 不是合法的 Python 名称：Mako 将其解析为 `{as_python}`（未定义名称的减法），即使 `{id}` 已安装，渲染也会失败"
            ),
        )
        .help(fix(&src, id, safe_render_for(&u), h.in_condition));
    }
    for e in &src.parsed.errors {
        let Some((id, keyword, range)) = keyword_id(&src, e) else {
            continue;
        };
        let in_condition = src
            .ch
            .text
            .lines()
            .nth(range.start.line - 1)
            .is_some_and(|l| l.trim_start().starts_with('%'));
        let message = if id == keyword {
            text!(
                "`{id}` is a Python keyword, not a name: Mako cannot compile the template, so nothing of it renders",
                "`{id}` 是 Python 关键字而不是名称：Mako 无法编译该模板，整个配置都无法渲染"
            )
        } else {
            text!(
                "`{id}` is not a Python name and `{keyword}` is a Python keyword: Mako cannot compile the template, so nothing of it renders",
                "`{id}` 不是合法的 Python 名称，且 `{keyword}` 是 Python 关键字：Mako 无法编译该模板，整个配置都无法渲染"
            )
        };
        out.report(src.path(), Some(range), message)
            .help(fix(&src, &id, None, in_condition));
    }
}

fn fix(src: &Source, id: &str, safe: Option<String>, in_condition: bool) -> Text {
    let partners = src.parallel_partners(id);
    if src.declared(id) == Some(Kind::Parallel) && !partners.is_empty() {
        let list = std::iter::once(id)
            .chain(partners.iter().map(String::as_str))
            .map(|p| format!("'{p}'"))
            .collect::<Vec<_>>()
            .join(", ");
        return text!(
            "read the group with `safe_render_multi([{list}], '/path', default)` (platform 6.1.1), which takes the IDs as strings",
            "请使用以字符串传入标识的 `safe_render_multi([{list}], '/path', default)` 读取该组（需平台 6.1.1）"
        );
    }
    let safe = safe.unwrap_or_else(|| format!("safe_render('{id}', '/path', default)"));
    if in_condition {
        text!(
            "a product ID that is not a Python name can only be read with `safe_render`, which takes it as a string: test a value with `% if {safe}:` (platform 6.1.1)",
            "不是合法 Python 名称的云产品标识只能通过以字符串传入标识的 `safe_render` 读取：请改为 `% if {safe}:`（需平台 6.1.1）"
        )
    } else {
        text!(
            "read it with `{safe}` (platform 6.1.1), which takes the ID as a string",
            "请使用以字符串传入标识的 `{safe}` 读取（需平台 6.1.1）"
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{help, places, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn hyphenated_ids() {
        let d = tester().findings("data_template:\n  a: ${my-db['endpoints']['admin']}\n  b: ${my-cloud-db.get('x', {})}\n  c: |-\n    % if my-db:\n    x\n    % endif\n  d: ${my-db}\n");
        assert_eq!(
            places(&d),
            [(2, 8, 35), (3, 8, 32), (5, 10, 15), (8, 8, 13)]
        );
        assert!(d[0].message.en.contains("`my - db`"));
        assert!(help(&d[0]).contains("`safe_render('my-db', '/endpoints/admin', default)`"));
        assert!(help(&d[1]).contains("`safe_render('my-cloud-db', '/x', default)`"));
        assert!(help(&d[2]).contains("% if safe_render('my-db', '/path', default):"));
    }

    #[test]
    fn spaced_minus_only_for_a_declared_id() {
        let d = tester().findings("data_template:\n  a: ${my - db['x']}\n  b: ${a - b['x']}\n  c: ${x - my-db['y']}\ndependencies:\n  services:\n    my-db: 6.0.1\n");
        assert_eq!(starts(&d), [(2, 8), (4, 12)]);
    }

    #[test]
    fn keywords() {
        let d = tester().findings("data_template:\n  a: ${return['x']}\n  b: |-\n    % if return:\n    x\n    % endif\n  c: ${my-return .get('x')}\ndependencies:\n  parallel_services:\n    - return: 6.0.1\n      proton: 6.0.1\n");
        assert_eq!(places(&d), [(2, 8, 14), (4, 10, 16), (7, 8, 17)]);
        assert!(help(&d[0]).contains("`safe_render_multi(['return', 'proton'], '/path', default)`"));
        assert!(help(&d[2]).contains("`safe_render('my-return', '/path', default)`"));
    }

    #[test]
    fn arithmetic_that_is_not_an_id() {
        tester()
            .pass([
                "data_template:\n  a: ${replicas_by_modality-1}\n  b: ${1-2}\n  c: ${p['a']-q}\n  d: ${maria_db-x}\n",
                "data_template:\n  a: ${x if y else z}\n  b: ${mariadb['a']}\n",
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
