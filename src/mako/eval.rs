//! Evaluating expressions and rendering a template against a [`Platform`].

// Errors are the cold path and carry bilingual text; boxing them would only add noise.
#![allow(clippy::result_large_err)]

use super::expr::{Arg, ArithOp, CmpOp, Expr, ExprKind, Postfix, PostfixKind, UnaryOp};
use super::value::{dict_get, items_weight, py_eq, DictBuilder, Value};
use super::{MakoError, Node, Platform, Template, BUILTINS, FUNCTIONS, VALUE_FUNCTIONS};
use crate::diagnostic::Range;
use crate::text;
use std::borrow::Cow;

/// What a failed substitution writes, so that the rest of the output can still be read.
pub const UNRESOLVED: &str = "<unresolved>";

/// Most characters one rendering may write, and one string or list value may hold.
const MAX_OUTPUT: usize = 32 << 20;
const MAX_VALUE_LEN: usize = 1 << 20;
/// Longest `random_password` the renderer makes.
const MAX_PASSWORD: i64 = 4096;

/// A rendered template.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// The output text.
    pub text: String,
    /// For output line `i` (0-based), the template line (1-based) that produced its first
    /// character; a value that prints several lines maps them all to its `${` line.
    pub line_map: Vec<usize>,
    /// Expressions that failed (absent products, missing keys, wrong types…), at their place.
    pub errors: Vec<MakoError>,
}

impl Rendered {
    /// The template line behind 1-based output line `line` (the last template line when the
    /// output line is past the end, as for an error at the end of the text).
    pub fn template_line(&self, line: usize) -> usize {
        self.line_map
            .get(line.saturating_sub(1))
            .or(self.line_map.last())
            .copied()
            .unwrap_or(1)
    }
}

struct Out {
    text: String,
    line_map: Vec<usize>,
    at_line_start: bool,
    full: bool,
    /// The template line whose output no longer fit.
    full_line: usize,
}

impl Out {
    fn emit(&mut self, s: &str, line: usize) {
        if self.full {
            return;
        }
        if self.text.len() + s.len() > MAX_OUTPUT {
            self.full = true;
            self.full_line = line;
            return;
        }
        for part in s.split_inclusive('\n') {
            if self.at_line_start {
                self.line_map.push(line);
            }
            self.text.push_str(part);
            self.at_line_start = part.ends_with('\n');
        }
    }
}

/// Render `template` against `platform`. Never fails: errors are collected and the failed
/// substitutions write [`UNRESOLVED`].
pub fn render(template: &Template, platform: &Platform) -> Rendered {
    render_impl(template, platform, None)
}

/// Render taking branch `k % branches` of every `% if` chain instead of evaluating its
/// conditions (an absent `% else` is the last branch). For linting: rendering with every `k`
/// below [`Template::branch_count`] produces every branch's lines at least once.
pub fn render_forced(template: &Template, platform: &Platform, k: usize) -> Rendered {
    render_impl(template, platform, Some(k))
}

fn render_impl(template: &Template, platform: &Platform, force: Option<usize>) -> Rendered {
    let nodes = &template.nodes;
    let mut out = Out {
        text: String::new(),
        line_map: Vec::new(),
        at_line_start: true,
        full: false,
        full_line: 1,
    };
    let mut errors = Vec::new();
    let mut pc = 0;
    while pc < nodes.len() {
        match &nodes[pc] {
            Node::Text { text, line } => {
                out.emit(text, *line);
                pc += 1;
            }
            Node::Subst { expr, range } => {
                let line = range.start.line;
                match expr {
                    Some(e) => match eval_subst(e, platform) {
                        Ok(v) => out.emit(&v.to_python_str(), line),
                        Err(err) => {
                            errors.push(err);
                            out.emit(UNRESOLVED, line);
                        }
                    },
                    None => out.emit(UNRESOLVED, line),
                }
                pc += 1;
            }
            Node::If {
                cond,
                next,
                branches,
                ..
            } => {
                pc = match force {
                    Some(k) => {
                        let mut j = pc;
                        for _ in 0..(k % (*branches).max(1)) {
                            j = match &nodes[j] {
                                Node::If { next, .. } | Node::Elif { next, .. } => *next,
                                _ => j,
                            };
                        }
                        j + 1
                    }
                    None => {
                        if test(cond.as_ref(), platform, &mut errors) {
                            pc + 1
                        } else {
                            enter(nodes, *next, platform, &mut errors)
                        }
                    }
                };
            }
            // Reached by running off the end of the branch taken: skip the rest of the chain.
            Node::Elif { end, .. } | Node::Else { end, .. } => pc = end + 1,
            Node::EndIf { .. } => pc += 1,
        }
    }
    if out.full {
        errors.push(MakoError::new(
            Range::point(out.full_line, 1),
            text!(
                "the rendered text is larger than {} MiB: rendering stopped",
                "渲染结果超过 {} MiB：已停止渲染",
                MAX_OUTPUT >> 20
            ),
        ));
    }
    Rendered {
        text: out.text,
        line_map: out.line_map,
        errors,
    }
}

/// Enter a chain at header `j` (reached by a false condition): test `Elif`s until one holds.
fn enter(nodes: &[Node], mut j: usize, platform: &Platform, errors: &mut Vec<MakoError>) -> usize {
    loop {
        match nodes.get(j) {
            Some(Node::Elif { cond, next, .. }) => {
                if test(cond.as_ref(), platform, errors) {
                    return j + 1;
                }
                j = *next;
            }
            Some(_) => return j + 1,
            None => return nodes.len(),
        }
    }
}

fn test(cond: Option<&Expr>, platform: &Platform, errors: &mut Vec<MakoError>) -> bool {
    let Some(e) = cond else {
        return false;
    };
    match eval(e, platform) {
        Ok(v) => v.truthy(),
        Err(err) => {
            errors.push(err);
            false
        }
    }
}

/// A whole `${…}`: a bare absent product cannot be printed (Mako's undefined name).
fn eval_subst<'a>(e: &'a Expr, p: &'a Platform) -> Result<Cow<'a, Value>, MakoError> {
    if let ExprKind::Name(n) = &e.kind {
        if !super::is_function(n) && !defined(n, p) {
            return Err(absent(n, e.range, false));
        }
    }
    eval(e, p)
}

/// Whether a bare name has a value: an installed product, or `license` (license data, an empty
/// object while the platform renders: §1.1.6.4).
fn defined(n: &str, p: &Platform) -> bool {
    n == "license" || p.products.contains_key(n)
}

fn absent(name: &str, range: Range, read: bool) -> MakoError {
    let (en, zh) = if read {
        (
            format!("`{name}` is not installed: reading its config fails when rendering"),
            format!("`{name}` 未安装：渲染时读取其配置会失败"),
        )
    } else {
        (
            format!("`{name}` is not installed: Mako cannot print an undefined name"),
            format!("`{name}` 未安装：Mako 无法输出未定义的名称"),
        )
    };
    MakoError::new(range, crate::diagnostic::Text::new(en, zh)).with_help(text!(
        "guard it with `% if {name}:`, or use `safe_render('{name}', '/path', default)`",
        "请用 `% if {name}:` 保护，或使用 `safe_render('{name}', '/path', default)`"
    ))
}

type EResult<'a> = Result<Cow<'a, Value>, MakoError>;

/// A value the template builds (a list, tuple or dict literal; `+` or `*` of lists) may hold
/// [`MAX_VALUE_LEN`] by [`Value::weight`] — items at every depth and string bytes — not only
/// that many items at its top: `[[1] * 5000] * 5000` held 25 million values (7.7 s, 877 MB)
/// and `[s] * n` copies `s` n times (found by fuzzing the Mako engine, issue 8).
fn too_large(range: Range) -> MakoError {
    MakoError::new(
        range,
        text!(
            "the value is too large for the renderer (over {MAX_VALUE_LEN} items and characters)",
            "值过大，渲染器无法处理（超过 {MAX_VALUE_LEN} 个元素与字符）"
        ),
    )
}

/// Add `v`'s weight to `used`; an error past [`MAX_VALUE_LEN`].
fn charge(used: usize, v: &Value, range: Range) -> Result<usize, MakoError> {
    let used = used + v.weight(MAX_VALUE_LEN - used);
    if used > MAX_VALUE_LEN {
        Err(too_large(range))
    } else {
        Ok(used)
    }
}

fn type_error(range: Range, en: String, zh: String) -> MakoError {
    MakoError::new(range, crate::diagnostic::Text::new(en, zh))
}

/// Evaluate an expression (recursion bounded by the parser's depth budget).
pub(crate) fn eval<'a>(e: &'a Expr, p: &'a Platform) -> EResult<'a> {
    match &e.kind {
        ExprKind::Const(v) => Ok(Cow::Borrowed(v)),
        ExprKind::Name(n) => name(n, e.range, p),
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut used = 0;
            for x in items {
                let v = eval(x, p)?.into_owned();
                used = charge(used, &v, e.range)?;
                out.push(v);
            }
            Ok(Cow::Owned(Value::List(out)))
        }
        ExprKind::Dict(entries) => {
            let mut out = DictBuilder::with_capacity(entries.len());
            let mut used = 0;
            for (k, v) in entries {
                let key = eval(k, p)?.into_owned();
                used = charge(used, &key, e.range)?;
                if matches!(key, Value::List(_) | Value::Dict(_)) {
                    return Err(type_error(
                        k.range,
                        format!("unhashable type: '{}'", key.type_name()),
                        format!("不可哈希的类型：'{}'", key.type_name()),
                    ));
                }
                let val = eval(v, p)?.into_owned();
                used = charge(used, &val, e.range)?;
                out.insert(key, val);
            }
            Ok(Cow::Owned(Value::Dict(out.finish())))
        }
        ExprKind::Postfix { base, ops } => postfix(base, ops, p),
        ExprKind::Unary { op, operand } => {
            let v = eval(operand, p)?;
            match op {
                UnaryOp::Not => Ok(Cow::Owned(Value::Bool(!v.truthy()))),
                UnaryOp::Neg | UnaryOp::Pos => {
                    let neg = *op == UnaryOp::Neg;
                    let r = match &*v {
                        Value::Int(i) => {
                            if neg {
                                i.checked_neg().map(Value::Int)
                            } else {
                                Some(Value::Int(*i))
                            }
                        }
                        Value::Bool(b) => {
                            Some(Value::Int(if neg { -i64::from(*b) } else { i64::from(*b) }))
                        }
                        Value::Float(f) => Some(Value::Float(if neg { -f } else { *f })),
                        other => {
                            let t = other.type_name();
                            let o = if neg { '-' } else { '+' };
                            return Err(type_error(
                                e.range,
                                format!("bad operand type for unary {o}: '{t}'"),
                                format!("一元运算 {o} 的操作数类型错误：'{t}'"),
                            ));
                        }
                    };
                    r.map(Cow::Owned).ok_or_else(|| overflow(e.range))
                }
            }
        }
        ExprKind::And(items) => {
            let mut last = None;
            for x in items {
                let v = eval(x, p)?;
                if !v.truthy() {
                    return Ok(v);
                }
                last = Some(v);
            }
            Ok(last.unwrap_or(Cow::Owned(Value::Bool(true))))
        }
        ExprKind::Or(items) => {
            let mut last = None;
            for x in items {
                let v = eval(x, p)?;
                if v.truthy() {
                    return Ok(v);
                }
                last = Some(v);
            }
            Ok(last.unwrap_or(Cow::Owned(Value::Bool(false))))
        }
        ExprKind::Compare { first, rest } => {
            let mut left = eval(first, p)?;
            for (op, r, x) in rest {
                let right = eval(x, p)?;
                if !compare(*op, &left, &right, *r)? {
                    return Ok(Cow::Owned(Value::Bool(false)));
                }
                left = right;
            }
            Ok(Cow::Owned(Value::Bool(true)))
        }
        ExprKind::Arith { first, rest } => {
            let mut acc = eval(first, p)?.into_owned();
            for (op, r, x) in rest {
                let right = eval(x, p)?;
                acc = arith(*op, acc, &right, *r)?;
            }
            Ok(Cow::Owned(acc))
        }
        ExprKind::IfElse { body, cond, orelse } => {
            if eval(cond, p)?.truthy() {
                eval(body, p)
            } else {
                eval(orelse, p)
            }
        }
    }
}

fn overflow(range: Range) -> MakoError {
    MakoError::new(
        range,
        text!(
            "the number is out of range for the renderer",
            "数字超出渲染器支持的范围"
        ),
    )
}

fn name<'a>(n: &'a str, range: Range, p: &'a Platform) -> EResult<'a> {
    match n {
        "cloud_product_label" => Ok(Cow::Owned(Value::Str(p.cloud_product_label.clone()))),
        "label_enabled" => Ok(Cow::Owned(Value::Str(p.label_enabled.clone()))),
        "replicas_by_modality" => Ok(Cow::Owned(Value::Int(p.default_product_replicas))),
        f if FUNCTIONS.contains(&f) || BUILTINS.contains(&f) => Err(MakoError::new(
            range,
            text!(
                "`{f}` is a function: call it, as in `{f}(…)`",
                "`{f}` 是函数：请调用它，如 `{f}(…)`"
            ),
        )),
        // License data: the platform gives an empty object while rendering (§1.1.6.4, CFG-011).
        "license" if !p.products.contains_key(n) => Ok(Cow::Owned(Value::Dict(Vec::new()))),
        // Another product: its config, or (absent) Mako's undefined name, which is falsy.
        _ => Ok(match p.products.get(n) {
            Some(v) => Cow::Borrowed(v),
            None => Cow::Owned(Value::None),
        }),
    }
}

/// A child of a borrowed or owned value, keeping the borrow when there is one.
fn child<'a>(v: Cow<'a, Value>, f: impl Fn(&Value) -> Option<&Value>) -> Option<Cow<'a, Value>> {
    match v {
        Cow::Borrowed(b) => f(b).map(Cow::Borrowed),
        Cow::Owned(o) => f(&o).cloned().map(Cow::Owned),
    }
}

fn postfix<'a>(base: &'a Expr, ops: &'a [Postfix], p: &'a Platform) -> EResult<'a> {
    let mut i = 0;
    let mut cur: Cow<'a, Value> = match (&base.kind, ops.first()) {
        (
            ExprKind::Name(n),
            Some(Postfix {
                kind: PostfixKind::Call(args),
                range,
            }),
        ) => {
            i = 1;
            let whole = Range {
                start: base.range.start,
                end: range.end,
            };
            call(n, base.range, args, whole, p)?
        }
        (ExprKind::Name(n), Some(first)) if !super::is_function(n) && !defined(n, p) => {
            return Err(absent(n, first.range, true));
        }
        _ => eval(base, p)?,
    };
    while i < ops.len() {
        let op = &ops[i];
        match &op.kind {
            PostfixKind::Index(k) => {
                let key = eval(k, p)?;
                cur = index(cur, &key, op.range)?;
                i += 1;
            }
            PostfixKind::Attr { name, name_range } => match ops.get(i + 1) {
                Some(Postfix {
                    kind: PostfixKind::Call(args),
                    range,
                }) => {
                    let whole = Range {
                        start: op.range.start,
                        end: range.end,
                    };
                    cur = method(cur, name, *name_range, args, whole, p)?;
                    i += 2;
                }
                _ => {
                    let t = cur.type_name();
                    return Err(type_error(
                        op.range,
                        format!("'{t}' object has no attribute '{name}'"),
                        format!("'{t}' 对象没有属性 '{name}'"),
                    ));
                }
            },
            PostfixKind::Call(_) => {
                let t = cur.type_name();
                return Err(type_error(
                    op.range,
                    format!("'{t}' object is not callable"),
                    format!("'{t}' 对象不可调用"),
                ));
            }
        }
    }
    Ok(cur)
}

fn index<'a>(cur: Cow<'a, Value>, key: &Value, range: Range) -> EResult<'a> {
    let t = cur.type_name();
    match &*cur {
        Value::Dict(_) => {
            let k = key.clone();
            child(cur, move |v| match v {
                Value::Dict(entries) => dict_get(entries, &k),
                _ => None,
            })
            .ok_or_else(|| {
                let k = key.repr();
                type_error(
                    range,
                    format!("KeyError: {k} is not in the dict"),
                    format!("KeyError：字典中没有键 {k}"),
                )
                .with_help(text!(
                    "use `.get({k}, default)` to read a key that may be absent",
                    "读取可能不存在的键时请使用 `.get({k}, default)`"
                ))
            })
        }
        Value::List(items) => {
            let len = items.len() as i64;
            let Value::Int(i) = key else {
                let kt = key.type_name();
                return Err(type_error(
                    range,
                    format!("list indices must be integers, not {kt}"),
                    format!("列表下标必须是整数，而不是 {kt}"),
                ));
            };
            let at = if *i < 0 { i + len } else { *i };
            if at < 0 || at >= len {
                return Err(type_error(
                    range,
                    format!("IndexError: list index {i} out of range"),
                    format!("IndexError：列表下标 {i} 越界"),
                ));
            }
            Ok(child(cur, |v| match v {
                Value::List(items) => items.get(at as usize),
                _ => None,
            })
            .unwrap_or(Cow::Owned(Value::None)))
        }
        Value::Str(s) => {
            let Value::Int(i) = key else {
                let kt = key.type_name();
                return Err(type_error(
                    range,
                    format!("string indices must be integers, not {kt}"),
                    format!("字符串下标必须是整数，而不是 {kt}"),
                ));
            };
            let len = s.chars().count() as i64;
            let at = if *i < 0 { i + len } else { *i };
            match s.chars().nth(at.max(0) as usize).filter(|_| at >= 0) {
                Some(c) => Ok(Cow::Owned(Value::Str(c.to_string()))),
                None => Err(type_error(
                    range,
                    format!("IndexError: string index {i} out of range"),
                    format!("IndexError：字符串下标 {i} 越界"),
                )),
            }
        }
        _ => Err(type_error(
            range,
            format!("'{t}' object is not subscriptable"),
            format!("'{t}' 对象不支持下标"),
        )),
    }
}

fn positional<'a>(
    what: &str,
    args: &'a [Arg],
    min: usize,
    max: usize,
    range: Range,
) -> Result<Vec<&'a Expr>, MakoError> {
    if let Some(a) = args.iter().find(|a| a.keyword.is_some()) {
        let (k, r) = a.keyword.as_ref().expect("found");
        return Err(type_error(
            *r,
            format!("{what} takes no keyword argument `{k}`: pass arguments by position"),
            format!("{what} 不接受关键字参数 `{k}`：请按位置传参"),
        ));
    }
    if args.len() < min || args.len() > max {
        let n = args.len();
        let want = if min == max {
            format!("{min}")
        } else {
            format!("{min} to {max}")
        };
        let want_zh = if min == max {
            format!("{min}")
        } else {
            format!("{min} 到 {max}")
        };
        return Err(type_error(
            range,
            format!("{what} takes {want} arguments, not {n}"),
            format!("{what} 需要 {want_zh} 个参数，而不是 {n} 个"),
        ));
    }
    Ok(args.iter().map(|a| &a.value).collect())
}

fn method<'a>(
    cur: Cow<'a, Value>,
    name: &str,
    name_range: Range,
    args: &'a [Arg],
    range: Range,
    p: &'a Platform,
) -> EResult<'a> {
    let t = cur.type_name();
    let what = format!("`{t}.{name}()`");
    match (&*cur, name) {
        (Value::Dict(_), "get") => {
            let a = positional(&what, args, 1, 2, range)?;
            let key = eval(a[0], p)?.into_owned();
            let found = child(cur, move |v| match v {
                Value::Dict(entries) => dict_get(entries, &key),
                _ => None,
            });
            match found {
                Some(v) => Ok(v),
                None => match a.get(1) {
                    Some(d) => eval(d, p),
                    None => Ok(Cow::Owned(Value::None)),
                },
            }
        }
        (Value::Dict(entries), "keys" | "values" | "items") => {
            positional(&what, args, 0, 0, range)?;
            Ok(Cow::Owned(Value::List(
                entries
                    .iter()
                    .map(|(k, v)| match name {
                        "keys" => k.clone(),
                        "values" => v.clone(),
                        _ => Value::List(vec![k.clone(), v.clone()]),
                    })
                    .collect(),
            )))
        }
        (Value::Str(s), "lower" | "upper" | "strip") => {
            positional(&what, args, 0, 0, range)?;
            Ok(Cow::Owned(Value::Str(match name {
                "lower" => s.to_lowercase(),
                "upper" => s.to_uppercase(),
                _ => s.trim().to_string(),
            })))
        }
        (Value::None, _) => Err(type_error(
            name_range,
            format!("'NoneType' object has no attribute '{name}'"),
            format!("'NoneType' 对象没有属性 '{name}'"),
        )
        .with_help(text!(
            "the value before `.{name}` is None: give the `.get(…)` before it a `{{}}` default",
            "`.{name}` 之前的值为 None：请为前面的 `.get(…)` 提供 `{{}}` 默认值"
        ))),
        _ => Err(type_error(
            name_range,
            format!("`.{name}()` on a '{t}' is not evaluated by ecplint (or does not exist)"),
            format!("ecplint 不计算 '{t}' 的 `.{name}()`（或该方法不存在）"),
        )),
    }
}

/// A stable placeholder password: `n` letters and digits from a hash of `tag`, starting with a
/// letter that cannot begin a YAML boolean or null.
pub(crate) fn placeholder_password(tag: &str, n: usize) -> String {
    const FIRST: &[u8] = b"abcdeghijkmpqrsuvwxzABCDEGHIJKMPQRSUVWXZ";
    const REST: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // FNV-1a over the tag, then a xorshift stream.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in tag.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut next = || {
        h ^= h << 13;
        h ^= h >> 7;
        h ^= h << 17;
        h
    };
    let mut out = String::with_capacity(n);
    for i in 0..n {
        let set = if i == 0 { FIRST } else { REST };
        out.push(set[(next() % set.len() as u64) as usize] as char);
    }
    out
}

fn call<'a>(
    n: &str,
    name_range: Range,
    args: &'a [Arg],
    range: Range,
    p: &'a Platform,
) -> EResult<'a> {
    let what = format!("`{n}()`");
    match n {
        "random_password" => {
            let a = positional(&what, args, 2, 2, range)?;
            let tag = eval(a[0], p)?;
            let len = eval(a[1], p)?;
            let Value::Str(tag) = &*tag else {
                let t = tag.type_name();
                return Err(type_error(
                    a[0].range,
                    format!("the password tag must be a string, not {t}"),
                    format!("密码标识必须是字符串，而不是 {t}"),
                ));
            };
            match &*len {
                Value::Int(k) if (1..=MAX_PASSWORD).contains(k) => Ok(Cow::Owned(Value::Str(
                    placeholder_password(tag, *k as usize),
                ))),
                Value::Int(k) => Err(type_error(
                    a[1].range,
                    format!("the password length {k} is not in 1..={MAX_PASSWORD}"),
                    format!("密码长度 {k} 不在 1..={MAX_PASSWORD} 之内"),
                )),
                other => {
                    let t = other.type_name();
                    Err(type_error(
                        a[1].range,
                        format!("the password length must be an integer, not {t}"),
                        format!("密码长度必须是整数，而不是 {t}"),
                    ))
                }
            }
        }
        "safe_render" | "safe_render_multi" => {
            let a = positional(&what, args, 3, 3, range)?;
            let products = eval(a[0], p)?;
            let path = eval(a[1], p)?;
            let Value::Str(path) = &*path else {
                let t = path.type_name();
                return Err(type_error(
                    a[1].range,
                    format!("the config path must be a string, not {t}"),
                    format!("配置路径必须是字符串，而不是 {t}"),
                ));
            };
            let ids: Vec<&str> = match (n, &*products) {
                ("safe_render", Value::Str(s)) => vec![s.as_str()],
                ("safe_render_multi", Value::List(items))
                    if items.iter().all(|x| matches!(x, Value::Str(_))) =>
                {
                    items
                        .iter()
                        .filter_map(|x| match x {
                            Value::Str(s) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect()
                }
                (_, other) => {
                    let t = other.type_name();
                    let want = if n == "safe_render" {
                        "a product ID string"
                    } else {
                        "a list of product ID strings"
                    };
                    let want_zh = if n == "safe_render" {
                        "云产品标识字符串"
                    } else {
                        "云产品标识字符串的列表"
                    };
                    return Err(type_error(
                        a[0].range,
                        format!("{what}: the first argument must be {want}, not {t}"),
                        format!("{what}：第一个参数必须是{want_zh}，而不是 {t}"),
                    ));
                }
            };
            for id in ids {
                if let Some(cfg) = p.products.get(id) {
                    if let Some(v) = lookup_path(cfg, path) {
                        return Ok(Cow::Owned(v.clone()));
                    }
                }
            }
            eval(a[2], p)
        }
        "str" | "int" | "float" | "bool" | "len" => {
            let a = positional(&what, args, 1, 1, range)?;
            let v = eval(a[0], p)?;
            builtin(n, &v, a[0].range).map(Cow::Owned)
        }
        f if VALUE_FUNCTIONS.contains(&f) => Err(MakoError::new(
            range,
            text!(
                "`{f}` is a value, not a function: write `${{{f}}}`",
                "`{f}` 是一个值而不是函数：请写作 `${{{f}}}`"
            ),
        )),
        other => {
            let _ = name_range;
            Err(MakoError::new(
                name_range,
                text!(
                    "unknown template function `{other}`",
                    "未知的模板函数 `{other}`"
                ),
            ))
        }
    }
}

/// The value at `/a/b/0` of a config (dict keys, list indices); `/` is the whole config.
pub(crate) fn lookup_path<'v>(cfg: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = cfg;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        cur = match cur {
            Value::Dict(entries) => dict_get(entries, &Value::Str(seg.to_string()))?,
            Value::List(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn builtin(n: &str, v: &Value, range: Range) -> Result<Value, MakoError> {
    let t = v.type_name();
    let bad = |en: String, zh: String| Err(type_error(range, en, zh));
    match n {
        "str" => Ok(Value::Str(v.to_python_str())),
        "bool" => Ok(Value::Bool(v.truthy())),
        "len" => match v {
            Value::Str(s) => Ok(Value::Int(s.chars().count() as i64)),
            Value::List(x) => Ok(Value::Int(x.len() as i64)),
            Value::Dict(x) => Ok(Value::Int(x.len() as i64)),
            _ => bad(
                format!("object of type '{t}' has no len()"),
                format!("类型 '{t}' 的对象没有 len()"),
            ),
        },
        "int" => match v {
            Value::Int(i) => Ok(Value::Int(*i)),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            Value::Float(f) if f.is_finite() && f.abs() < 9.2e18 => {
                Ok(Value::Int(f.trunc() as i64))
            }
            Value::Str(s) => match s.trim().replace('_', "").parse::<i64>() {
                Ok(i) => Ok(Value::Int(i)),
                Err(_) => bad(
                    format!("invalid literal for int(): {}", v.repr()),
                    format!("int() 的参数无效：{}", v.repr()),
                ),
            },
            _ => bad(
                format!("int() argument must be a string or a number, not '{t}'"),
                format!("int() 的参数必须是字符串或数字，而不是 '{t}'"),
            ),
        },
        _ => match v {
            Value::Int(i) => Ok(Value::Float(*i as f64)),
            Value::Bool(b) => Ok(Value::Float(f64::from(u8::from(*b)))),
            Value::Float(f) => Ok(Value::Float(*f)),
            Value::Str(s) => match s.trim().parse::<f64>() {
                Ok(f) => Ok(Value::Float(f)),
                Err(_) => bad(
                    format!("could not convert string to float: {}", v.repr()),
                    format!("无法将字符串转换为浮点数：{}", v.repr()),
                ),
            },
            _ => bad(
                format!("float() argument must be a string or a number, not '{t}'"),
                format!("float() 的参数必须是字符串或数字，而不是 '{t}'"),
            ),
        },
    }
}

fn number(v: &Value) -> Option<Result<i64, f64>> {
    match v {
        Value::Bool(b) => Some(Ok(i64::from(*b))),
        Value::Int(i) => Some(Ok(*i)),
        Value::Float(f) => Some(Err(*f)),
        _ => None,
    }
}

fn as_f64(n: Result<i64, f64>) -> f64 {
    match n {
        Ok(i) => i as f64,
        Err(f) => f,
    }
}

fn compare(op: CmpOp, a: &Value, b: &Value, range: Range) -> Result<bool, MakoError> {
    Ok(match op {
        CmpOp::Eq => py_eq(a, b),
        CmpOp::Ne => !py_eq(a, b),
        CmpOp::Is => same(a, b),
        CmpOp::IsNot => !same(a, b),
        CmpOp::In | CmpOp::NotIn => {
            let found = match b {
                Value::Str(s) => match a {
                    Value::Str(x) => s.contains(x.as_str()),
                    other => {
                        let t = other.type_name();
                        return Err(type_error(
                            range,
                            format!("'in <string>' requires a string as left operand, not {t}"),
                            format!("'in <字符串>' 的左操作数必须是字符串，而不是 {t}"),
                        ));
                    }
                },
                Value::List(items) => items.iter().any(|x| py_eq(x, a)),
                Value::Dict(entries) => dict_get(entries, a).is_some(),
                other => {
                    let t = other.type_name();
                    return Err(type_error(
                        range,
                        format!("argument of type '{t}' is not iterable"),
                        format!("类型 '{t}' 的参数不可迭代"),
                    ));
                }
            };
            found == (op == CmpOp::In)
        }
        CmpOp::Lt | CmpOp::Gt | CmpOp::Le | CmpOp::Ge => {
            let ord = order(a, b).ok_or_else(|| {
                let (x, y) = (a.type_name(), b.type_name());
                type_error(
                    range,
                    format!("cannot order '{x}' and '{y}'"),
                    format!("无法比较 '{x}' 与 '{y}' 的大小"),
                )
            })?;
            match op {
                CmpOp::Lt => ord.is_lt(),
                CmpOp::Gt => ord.is_gt(),
                CmpOp::Le => ord.is_le(),
                _ => ord.is_ge(),
            }
        }
    })
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        _ => false,
    }
}

fn order(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return match (x, y) {
            (Ok(i), Ok(j)) => Some(i.cmp(&j)),
            (x, y) => as_f64(x).partial_cmp(&as_f64(y)),
        };
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::List(x), Value::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !py_eq(p, q) {
                    return order(p, q);
                }
            }
            Some(x.len().cmp(&y.len()))
        }
        _ => None,
    }
}

fn arith(op: ArithOp, a: Value, b: &Value, range: Range) -> Result<Value, MakoError> {
    let sym = match op {
        ArithOp::Add => "+",
        ArithOp::Sub => "-",
        ArithOp::Mul => "*",
    };
    let too_big = || {
        MakoError::new(
            range,
            text!(
                "the result of `{sym}` is too large for the renderer",
                "`{sym}` 的结果过大，渲染器无法处理"
            ),
        )
    };
    if let (Some(x), Some(y)) = (number(&a), number(b)) {
        return match (x, y) {
            (Ok(i), Ok(j)) => match op {
                ArithOp::Add => i.checked_add(j),
                ArithOp::Sub => i.checked_sub(j),
                ArithOp::Mul => i.checked_mul(j),
            }
            .map(Value::Int)
            .ok_or_else(too_big),
            (x, y) => {
                let (x, y) = (as_f64(x), as_f64(y));
                Ok(Value::Float(match op {
                    ArithOp::Add => x + y,
                    ArithOp::Sub => x - y,
                    ArithOp::Mul => x * y,
                }))
            }
        };
    }
    let repeat = |n: i64, unit: usize| -> Result<usize, MakoError> {
        let n = n.max(0) as usize;
        if n.saturating_mul(unit.max(1)) > MAX_VALUE_LEN {
            Err(too_big())
        } else {
            Ok(n)
        }
    };
    match (op, a, b) {
        (ArithOp::Add, Value::Str(mut x), Value::Str(y)) => {
            if x.len() + y.len() > MAX_VALUE_LEN {
                return Err(too_big());
            }
            x.push_str(y);
            Ok(Value::Str(x))
        }
        (ArithOp::Add, Value::List(mut x), Value::List(y)) => {
            if items_weight(&x, MAX_VALUE_LEN) + items_weight(y, MAX_VALUE_LEN) > MAX_VALUE_LEN {
                return Err(too_big());
            }
            x.extend(y.iter().cloned());
            Ok(Value::List(x))
        }
        (ArithOp::Mul, Value::Str(s), Value::Int(n)) => {
            let n = repeat(*n, s.len())?;
            Ok(Value::Str(s.repeat(n)))
        }
        (ArithOp::Mul, Value::Int(n), Value::Str(s)) => {
            let n = repeat(n, s.len())?;
            Ok(Value::Str(s.repeat(n)))
        }
        (ArithOp::Mul, Value::List(x), Value::Int(n)) => {
            let n = repeat(*n, x.len())?;
            // Every copy holds the items at every depth: the deep size counts, not the length.
            if n > 0 && items_weight(&x, MAX_VALUE_LEN / n) > MAX_VALUE_LEN / n {
                return Err(too_big());
            }
            let mut out = Vec::with_capacity(x.len() * n);
            for _ in 0..n {
                out.extend(x.iter().cloned());
            }
            Ok(Value::List(out))
        }
        (_, a, b) => {
            let (x, y) = (a.type_name(), b.type_name());
            Err(type_error(
                range,
                format!("unsupported operand types for {sym}: '{x}' and '{y}'"),
                format!("{sym} 不支持的操作数类型：'{x}' 与 '{y}'"),
            ))
        }
    }
}
