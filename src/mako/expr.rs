//! Python expressions of the supported subset: the syntax tree and its parser.
//!
//! Long flat forms (`a or b or …`, `x.get(…).get(…)…`, `a == b == …`, `1 + 2 + …`) are kept as
//! lists, not as nested trees, so only real nesting (brackets, calls, `not`, unary minus,
//! `… if … else …`) makes the tree deeper, and that nesting is bounded by [`MAX_DEPTH`]: the
//! recursive parser, evaluator and walkers cannot be driven into a stack overflow.

// Errors are the cold path and carry bilingual text; boxing them would only add noise.
#![allow(clippy::result_large_err)]

use super::lex::{Op, Tok, Token};
use super::value::Value;
use super::MakoError;
use crate::diagnostic::{Range, Text};
use crate::text;

/// Deepest nesting of brackets, calls, `not`, unary signs and conditional expressions in one
/// expression (CPython's own parser stops at 200 nested brackets).
pub const MAX_DEPTH: usize = 64;

/// An expression with the range of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: Range,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A bare name: a template function (`cloud_product_label`), a builtin (`str`), or
    /// another product's ID (`mariadb`).
    Name(String),
    /// A literal string, number, `True`, `False` or `None`.
    Const(Value),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    /// `base` followed by subscripts, attributes and calls: `p['a'].get('b', {})`.
    Postfix {
        base: Box<Expr>,
        ops: Vec<Postfix>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// `first op₁ e₁ op₂ e₂ …` (Python chains comparisons).
    Compare {
        first: Box<Expr>,
        rest: Vec<(CmpOp, Range, Expr)>,
    },
    /// `first op₁ e₁ op₂ e₂ …`, left to right, all operators of one precedence level.
    Arith {
        first: Box<Expr>,
        rest: Vec<(ArithOp, Range, Expr)>,
    },
    /// `body if cond else orelse`.
    IfElse {
        body: Box<Expr>,
        cond: Box<Expr>,
        orelse: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
}

/// One step after a base expression; `range` runs from its `[`, `.` or `(` to its end.
#[derive(Debug, Clone, PartialEq)]
pub struct Postfix {
    pub kind: PostfixKind,
    pub range: Range,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PostfixKind {
    /// `[key]`
    Index(Expr),
    /// `.name`
    Attr { name: String, name_range: Range },
    /// `(args)`
    Call(Vec<Arg>),
}

/// A call argument; `keyword` for `name=value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub keyword: Option<(String, Range)>,
    pub value: Expr,
}

impl Expr {
    /// The string of a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Const(Value::Str(s)) => Some(s),
            _ => None,
        }
    }
    /// The literal value, when the expression is a literal (nested lists and dicts of
    /// literals included).
    pub fn literal(&self) -> Option<Value> {
        match &self.kind {
            ExprKind::Const(v) => Some(v.clone()),
            ExprKind::List(items) | ExprKind::Tuple(items) => Some(Value::List(
                items.iter().map(Expr::literal).collect::<Option<_>>()?,
            )),
            ExprKind::Dict(entries) => {
                let mut out = super::value::DictBuilder::with_capacity(entries.len());
                for (k, v) in entries {
                    out.insert(k.literal()?, v.literal()?);
                }
                Some(Value::Dict(out.finish()))
            }
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => match operand.literal()? {
                Value::Int(i) => Some(Value::Int(i.checked_neg()?)),
                Value::Float(f) => Some(Value::Float(-f)),
                _ => None,
            },
            _ => None,
        }
    }
    /// The name, when the expression is a bare name.
    pub fn as_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// Python keywords that cannot be names.
pub(crate) const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "elif", "lambda", "for", "while", "def", "class",
    "return", "yield", "import", "from", "as", "with", "try", "except", "finally", "raise", "pass",
    "break", "continue", "del", "global", "nonlocal", "assert", "async", "await",
];

pub(crate) fn describe(t: &Token) -> String {
    match &t.tok {
        Tok::Name(n) => format!("`{n}`"),
        Tok::Str(s) => {
            let short: String = s.chars().take(20).collect();
            format!("the string `'{short}'`")
        }
        Tok::Int(i) => format!("`{i}`"),
        Tok::Float(f) => format!("`{f}`"),
        Tok::Op(op) => format!("`{}`", op.text()),
        Tok::Bad => "this".into(),
    }
}

fn describe_zh(t: &Token) -> String {
    match &t.tok {
        Tok::Str(s) => {
            let short: String = s.chars().take(20).collect();
            format!("字符串 `'{short}'`")
        }
        Tok::Bad => "此处".into(),
        _ => describe(t),
    }
}

type PResult<T> = Result<T, MakoError>;

pub(crate) struct Parser<'t> {
    toks: &'t [Token],
    i: usize,
    depth: usize,
    /// Where "the expression ended too early" points.
    end: Range,
}

fn join(a: Range, b: Range) -> Range {
    Range {
        start: a.start,
        end: b.end,
    }
}

impl<'t> Parser<'t> {
    pub fn new(toks: &'t [Token], end: Range) -> Parser<'t> {
        Parser {
            toks,
            i: 0,
            depth: 0,
            end,
        }
    }

    pub fn peek(&self) -> Option<&'t Token> {
        self.toks.get(self.i)
    }
    pub fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }
    fn peek_op(&self, op: Op) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Op(o), .. }) if *o == op)
    }
    fn peek_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Name(n), .. }) if n == kw)
    }
    fn peek_kw_at(&self, k: usize, kw: &str) -> bool {
        matches!(self.toks.get(self.i + k), Some(Token { tok: Tok::Name(n), .. }) if n == kw)
    }
    fn next(&mut self) -> Option<&'t Token> {
        let t = self.toks.get(self.i);
        if t.is_some() {
            self.i += 1;
        }
        t
    }
    pub fn eat_op(&mut self, op: Op) -> Option<Range> {
        if self.peek_op(op) {
            self.next().map(|t| t.range)
        } else {
            None
        }
    }
    fn eat_kw(&mut self, kw: &str) -> Option<Range> {
        if self.peek_kw(kw) {
            self.next().map(|t| t.range)
        } else {
            None
        }
    }

    /// An error at the next token (or at the end).
    pub fn unexpected(&self, expected: Option<(&str, &str)>) -> MakoError {
        let Some(t) = self.peek() else {
            let (en, zh) = expected.unwrap_or(("more", "更多内容"));
            return MakoError::new(
                self.end,
                text!(
                    "the expression ends too early: expected {en}",
                    "表达式过早结束：此处应为 {zh}"
                ),
            );
        };
        let what = describe(t);
        let what_zh = describe_zh(t);
        let message: Text = match (&t.tok, expected) {
            (Tok::Op(Op::Pipe), _) => text!(
                "Mako filters (`${{x | h}}`) are not supported here",
                "此处不支持 Mako 过滤器（`${{x | h}}`）"
            ),
            (Tok::Name(n), _) if n == "for" => text!(
                "comprehensions (`for … in …`) are not supported in templates",
                "模板中不支持推导式（`for … in …`）"
            ),
            (Tok::Name(n), _) if n == "lambda" => text!(
                "`lambda` is not supported in templates",
                "模板中不支持 `lambda`"
            ),
            (Tok::Op(Op::Assign), _) => text!(
                "`=` is an assignment: compare with `==`",
                "`=` 是赋值：比较请使用 `==`"
            ),
            (Tok::Op(op @ (Op::Slash | Op::DoubleSlash | Op::Percent | Op::Other(_))), _) => {
                let o = op.text();
                text!(
                    "the operator `{o}` is not supported in templates",
                    "模板中不支持运算符 `{o}`"
                )
            }
            (_, Some((en, zh))) => text!(
                "unexpected {what}: expected {en}",
                "意外的 {what_zh}：此处应为 {zh}"
            ),
            (_, None) => text!("unexpected {what}", "意外的 {what_zh}"),
        };
        MakoError::new(t.range, message)
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let range = self.peek().map_or(self.end, |t| t.range);
            return Err(MakoError::new(
                range,
                text!(
                    "the expression is nested more than {MAX_DEPTH} levels deep",
                    "表达式嵌套超过 {MAX_DEPTH} 层"
                ),
            ));
        }
        Ok(())
    }

    /// `or_test ['if' or_test 'else' expr]`
    pub fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let body = self.or_test()?;
        let out = if self.eat_kw("if").is_some() {
            let cond = self.or_test()?;
            if self.eat_kw("else").is_none() {
                return Err(self.unexpected(Some(("`else`", "`else`"))));
            }
            let orelse = self.expr()?;
            Expr {
                range: join(body.range, orelse.range),
                kind: ExprKind::IfElse {
                    body: Box::new(body),
                    cond: Box::new(cond),
                    orelse: Box::new(orelse),
                },
            }
        } else {
            body
        };
        self.depth -= 1;
        Ok(out)
    }

    fn or_test(&mut self) -> PResult<Expr> {
        let first = self.and_test()?;
        if !self.peek_kw("or") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_kw("or").is_some() {
            items.push(self.and_test()?);
        }
        let range = join(items[0].range, items[items.len() - 1].range);
        Ok(Expr {
            kind: ExprKind::Or(items),
            range,
        })
    }

    fn and_test(&mut self) -> PResult<Expr> {
        let first = self.not_test()?;
        if !self.peek_kw("and") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_kw("and").is_some() {
            items.push(self.not_test()?);
        }
        let range = join(items[0].range, items[items.len() - 1].range);
        Ok(Expr {
            kind: ExprKind::And(items),
            range,
        })
    }

    fn not_test(&mut self) -> PResult<Expr> {
        if let Some(r) = self.eat_kw("not") {
            self.enter()?;
            let operand = self.not_test()?;
            self.depth -= 1;
            return Ok(Expr {
                range: join(r, operand.range),
                kind: ExprKind::Unary {
                    op: UnaryOp::Not,
                    operand: Box::new(operand),
                },
            });
        }
        self.comparison()
    }

    fn cmp_op(&mut self) -> Option<(CmpOp, Range)> {
        let t = self.peek()?;
        let simple = match &t.tok {
            Tok::Op(Op::Eq) => Some(CmpOp::Eq),
            Tok::Op(Op::Ne) => Some(CmpOp::Ne),
            Tok::Op(Op::Lt) => Some(CmpOp::Lt),
            Tok::Op(Op::Gt) => Some(CmpOp::Gt),
            Tok::Op(Op::Le) => Some(CmpOp::Le),
            Tok::Op(Op::Ge) => Some(CmpOp::Ge),
            Tok::Name(n) if n == "in" => Some(CmpOp::In),
            _ => None,
        };
        if let Some(op) = simple {
            self.i += 1;
            return Some((op, t.range));
        }
        if self.peek_kw("not") && self.peek_kw_at(1, "in") {
            let end = self.toks[self.i + 1].range;
            self.i += 2;
            return Some((CmpOp::NotIn, join(t.range, end)));
        }
        if self.peek_kw("is") {
            if self.peek_kw_at(1, "not") {
                let end = self.toks[self.i + 1].range;
                self.i += 2;
                return Some((CmpOp::IsNot, join(t.range, end)));
            }
            self.i += 1;
            return Some((CmpOp::Is, t.range));
        }
        None
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let first = self.sum()?;
        let mut rest = Vec::new();
        while let Some((op, r)) = self.cmp_op() {
            rest.push((op, r, self.sum()?));
        }
        if rest.is_empty() {
            return Ok(first);
        }
        let range = join(first.range, rest[rest.len() - 1].2.range);
        Ok(Expr {
            kind: ExprKind::Compare {
                first: Box::new(first),
                rest,
            },
            range,
        })
    }

    fn sum(&mut self) -> PResult<Expr> {
        let first = self.product()?;
        let mut rest = Vec::new();
        loop {
            let op = if let Some(r) = self.eat_op(Op::Plus) {
                (ArithOp::Add, r)
            } else if let Some(r) = self.eat_op(Op::Minus) {
                (ArithOp::Sub, r)
            } else {
                break;
            };
            rest.push((op.0, op.1, self.product()?));
        }
        Ok(arith(first, rest))
    }

    fn product(&mut self) -> PResult<Expr> {
        let first = self.unary()?;
        let mut rest = Vec::new();
        while let Some(r) = self.eat_op(Op::Star) {
            rest.push((ArithOp::Mul, r, self.unary()?));
        }
        Ok(arith(first, rest))
    }

    fn unary(&mut self) -> PResult<Expr> {
        let op = if let Some(r) = self.eat_op(Op::Minus) {
            Some((UnaryOp::Neg, r))
        } else {
            self.eat_op(Op::Plus).map(|r| (UnaryOp::Pos, r))
        };
        let Some((op, r)) = op else {
            return self.postfix();
        };
        self.enter()?;
        let operand = self.unary()?;
        self.depth -= 1;
        Ok(Expr {
            range: join(r, operand.range),
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
        })
    }

    fn postfix(&mut self) -> PResult<Expr> {
        let base = self.atom()?;
        let mut ops = Vec::new();
        loop {
            if let Some(open) = self.eat_op(Op::LBracket) {
                let key = self.expr()?;
                if self.peek_op(Op::Colon) {
                    let t = self.peek().expect("peeked");
                    return Err(MakoError::new(
                        t.range,
                        text!(
                            "slices (`x[a:b]`) are not supported in templates",
                            "模板中不支持切片（`x[a:b]`）"
                        ),
                    ));
                }
                if self.peek_op(Op::Comma) {
                    return Err(self.unexpected(Some(("`]`", "`]`"))));
                }
                let Some(close) = self.eat_op(Op::RBracket) else {
                    return Err(self.unexpected(Some(("`]`", "`]`"))));
                };
                ops.push(Postfix {
                    kind: PostfixKind::Index(key),
                    range: join(open, close),
                });
            } else if let Some(dot) = self.eat_op(Op::Dot) {
                match self.peek() {
                    Some(Token {
                        tok: Tok::Name(n),
                        range,
                    }) if !KEYWORDS.contains(&n.as_str()) => {
                        self.i += 1;
                        ops.push(Postfix {
                            kind: PostfixKind::Attr {
                                name: n.clone(),
                                name_range: *range,
                            },
                            range: join(dot, *range),
                        })
                    }
                    _ => {
                        return Err(self.unexpected(Some(("a name after `.`", "`.` 之后的名称"))));
                    }
                }
            } else if let Some(open) = self.eat_op(Op::LParen) {
                let (args, close) = self.args()?;
                ops.push(Postfix {
                    kind: PostfixKind::Call(args),
                    range: join(open, close),
                });
            } else {
                break;
            }
        }
        if ops.is_empty() {
            return Ok(base);
        }
        let range = join(base.range, ops[ops.len() - 1].range);
        Ok(Expr {
            kind: ExprKind::Postfix {
                base: Box::new(base),
                ops,
            },
            range,
        })
    }

    /// Call arguments after `(`, up to and including `)`.
    fn args(&mut self) -> PResult<(Vec<Arg>, Range)> {
        let mut args = Vec::new();
        loop {
            if let Some(close) = self.eat_op(Op::RParen) {
                return Ok((args, close));
            }
            if self.peek_op(Op::Star) || self.peek_op(Op::Other("**")) {
                let t = self.peek().expect("peeked");
                return Err(MakoError::new(
                    t.range,
                    text!(
                        "`*args`/`**kwargs` are not supported in templates",
                        "模板中不支持 `*args`/`**kwargs`"
                    ),
                ));
            }
            let keyword = match (self.peek(), self.toks.get(self.i + 1)) {
                (
                    Some(Token {
                        tok: Tok::Name(n),
                        range,
                    }),
                    Some(Token {
                        tok: Tok::Op(Op::Assign),
                        ..
                    }),
                ) if !KEYWORDS.contains(&n.as_str()) => {
                    self.i += 2;
                    Some((n.clone(), *range))
                }
                _ => None,
            };
            if keyword.is_none() && args.iter().any(|a: &Arg| a.keyword.is_some()) {
                let t = self.peek();
                return Err(MakoError::new(
                    t.map_or(self.end, |t| t.range),
                    text!(
                        "a positional argument follows a keyword argument",
                        "位置参数出现在关键字参数之后"
                    ),
                ));
            }
            let value = self.expr()?;
            args.push(Arg { keyword, value });
            if self.eat_op(Op::Comma).is_none() {
                let Some(close) = self.eat_op(Op::RParen) else {
                    return Err(self.unexpected(Some(("`,` or `)`", "`,` 或 `)`"))));
                };
                return Ok((args, close));
            }
        }
    }

    fn atom(&mut self) -> PResult<Expr> {
        let Some(t) = self.peek() else {
            return Err(self.unexpected(Some(("a value", "一个值"))));
        };
        let range = t.range;
        match &t.tok {
            Tok::Name(n) => {
                let kind = match n.as_str() {
                    "True" => ExprKind::Const(Value::Bool(true)),
                    "False" => ExprKind::Const(Value::Bool(false)),
                    "None" => ExprKind::Const(Value::None),
                    k if KEYWORDS.contains(&k) => {
                        return Err(self.unexpected(Some(("a value", "一个值"))))
                    }
                    _ => ExprKind::Name(n.clone()),
                };
                self.i += 1;
                Ok(Expr { kind, range })
            }
            Tok::Str(_) => {
                // Adjacent literals concatenate: 'a' "b"
                let mut s = String::new();
                let mut end = range;
                while let Some(Token {
                    tok: Tok::Str(part),
                    range,
                }) = self.peek()
                {
                    s.push_str(part);
                    end = *range;
                    self.i += 1;
                }
                Ok(Expr {
                    kind: ExprKind::Const(Value::Str(s)),
                    range: join(range, end),
                })
            }
            Tok::Int(i) => {
                self.i += 1;
                Ok(Expr {
                    kind: ExprKind::Const(Value::Int(*i)),
                    range,
                })
            }
            Tok::Float(f) => {
                self.i += 1;
                Ok(Expr {
                    kind: ExprKind::Const(Value::Float(*f)),
                    range,
                })
            }
            Tok::Op(Op::LParen) => {
                self.i += 1;
                if let Some(close) = self.eat_op(Op::RParen) {
                    return Ok(Expr {
                        kind: ExprKind::Tuple(Vec::new()),
                        range: join(range, close),
                    });
                }
                let first = self.expr()?;
                if let Some(close) = self.eat_op(Op::RParen) {
                    // Parentheses only group; keep the inner node with the outer range.
                    return Ok(Expr {
                        kind: first.kind,
                        range: join(range, close),
                    });
                }
                let (items, close) = self.seq_rest(first, Op::RParen)?;
                Ok(Expr {
                    kind: ExprKind::Tuple(items),
                    range: join(range, close),
                })
            }
            Tok::Op(Op::LBracket) => {
                self.i += 1;
                if let Some(close) = self.eat_op(Op::RBracket) {
                    return Ok(Expr {
                        kind: ExprKind::List(Vec::new()),
                        range: join(range, close),
                    });
                }
                let first = self.expr()?;
                if let Some(close) = self.eat_op(Op::RBracket) {
                    return Ok(Expr {
                        kind: ExprKind::List(vec![first]),
                        range: join(range, close),
                    });
                }
                let (items, close) = self.seq_rest(first, Op::RBracket)?;
                Ok(Expr {
                    kind: ExprKind::List(items),
                    range: join(range, close),
                })
            }
            Tok::Op(Op::LBrace) => {
                self.i += 1;
                self.dict(range)
            }
            _ => Err(self.unexpected(Some(("a value", "一个值")))),
        }
    }

    /// After `first` inside brackets: `, item …` up to `close`.
    fn seq_rest(&mut self, first: Expr, close: Op) -> PResult<(Vec<Expr>, Range)> {
        let mut items = vec![first];
        loop {
            if self.eat_op(Op::Comma).is_none() {
                let want = close.text();
                return match self.eat_op(close) {
                    Some(r) => Ok((items, r)),
                    None => Err(self.unexpected(Some((
                        &format!("`,` or `{want}`"),
                        &format!("`,` 或 `{want}`"),
                    )))),
                };
            }
            if let Some(r) = self.eat_op(close) {
                return Ok((items, r));
            }
            items.push(self.expr()?);
        }
    }

    fn dict(&mut self, open: Range) -> PResult<Expr> {
        let mut entries = Vec::new();
        loop {
            if let Some(close) = self.eat_op(Op::RBrace) {
                return Ok(Expr {
                    kind: ExprKind::Dict(entries),
                    range: join(open, close),
                });
            }
            let key = self.expr()?;
            if self.eat_op(Op::Colon).is_none() {
                if self.peek_op(Op::Comma) || self.peek_op(Op::RBrace) {
                    return Err(MakoError::new(
                        key.range,
                        text!(
                            "set literals (`{{a, b}}`) are not supported: a dict needs `key: value`",
                            "不支持集合字面量（`{{a, b}}`）：字典需要 `键: 值`"
                        ),
                    ));
                }
                return Err(self.unexpected(Some(("`:`", "`:`"))));
            }
            let value = self.expr()?;
            entries.push((key, value));
            if self.eat_op(Op::Comma).is_none() {
                let Some(close) = self.eat_op(Op::RBrace) else {
                    return Err(self.unexpected(Some(("`,` or `}`", "`,` 或 `}`"))));
                };
                return Ok(Expr {
                    kind: ExprKind::Dict(entries),
                    range: join(open, close),
                });
            }
        }
    }
}

fn arith(first: Expr, rest: Vec<(ArithOp, Range, Expr)>) -> Expr {
    if rest.is_empty() {
        return first;
    }
    let range = join(first.range, rest[rest.len() - 1].2.range);
    Expr {
        kind: ExprKind::Arith {
            first: Box::new(first),
            rest,
        },
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::super::lex::{lex, Cursor, Mode};
    use super::*;

    fn parse(s: &str) -> PResult<Expr> {
        let text = format!("{s}}}");
        let mut cur = Cursor::new(&text);
        let mut errs = Vec::new();
        let l = lex(&mut cur, Mode::Subst, &mut errs);
        if let Some(e) = errs.into_iter().next() {
            return Err(e);
        }
        let mut p = Parser::new(&l.tokens, l.close.unwrap());
        let e = p.expr()?;
        if !p.at_end() {
            return Err(p.unexpected(None));
        }
        Ok(e)
    }

    #[test]
    fn guide_expressions_parse() {
        for s in [
            "mariadb['endpoints']['admin']['password']",
            "mariadb['endpoints'].get('admin', {}).get('password',\n\"12345\")",
            "safe_render('mariadb', '/endpoints/admin/password',\n'default')",
            "safe_render_multi(['neutron', 'proton'],\n'/endpoints/admin/password', 'default')",
            "neutron.get('endpoints',{}).get('oslo_db',{}).get('auth',\n{}).get('user',{}).get('password','default')",
            "random_password('user_mariadb', 8)",
            "replicas_by_modality",
            "a if b else c",
            "not a and (b or c) and d not in [1, 2] and e is not None",
            "{'a': [1, 2.5, -3], 'b': {'c': None}}",
            "x == 1 < 2",
            "1 + 2 * 3 - 4",
            "f(a, key=1)",
            "('a',)",
        ] {
            parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        }
    }

    #[test]
    fn postfix_chain_is_flat() {
        let e = parse("p['a'].get('b', {})['c']").unwrap();
        let ExprKind::Postfix { base, ops } = e.kind else {
            panic!()
        };
        assert_eq!(base.as_name(), Some("p"));
        assert_eq!(ops.len(), 4);
        assert_eq!(ops[0].range.start.column, 2);
        assert_eq!(ops[0].range.end.column, 7);
    }

    #[test]
    fn unsupported_syntax_is_an_error_with_its_place() {
        for (s, col, what) in [
            ("x | h", 3, "filters"),
            ("[a for a in b]", 4, "comprehensions"),
            ("a[1:2]", 4, "slices"),
            ("a = 1", 3, "assignment"),
            ("a / 2", 3, "operator `/`"),
            ("lambda: 1", 1, "lambda"),
            ("{1, 2}", 2, "set literals"),
            ("f(*a)", 3, "*args"),
            ("a.", 3, "ends too early"),
        ] {
            let e = parse(s).unwrap_err();
            assert_eq!(e.range.start.column, col, "{s}: {e:?}");
            assert!(e.message.en.contains(what), "{s}: {}", e.message.en);
        }
    }

    #[test]
    fn depth_budget() {
        let deep = "(".repeat(MAX_DEPTH + 5) + "1" + &")".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).unwrap_err().message.en.contains("nested"));
        let nots = "not ".repeat(1000) + "x";
        assert!(parse(&nots).is_err());
        let ok = "(".repeat(20) + "1" + &")".repeat(20);
        assert!(parse(&ok).is_ok());
        let flat = vec!["a"; 5000].join(" or ");
        assert!(parse(&flat).is_ok());
    }
}
