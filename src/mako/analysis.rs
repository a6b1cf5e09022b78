//! Static analysis for the rules: every use of a name, with what follows it and whether a
//! guard (`% if p:`, `p and p[…]`, `p[…] if p else …`) protects it.

use super::expr::{CmpOp, Expr, ExprKind, Postfix, PostfixKind, UnaryOp};
use super::value::Value;
use super::{is_function, Node, Template};
use crate::diagnostic::Range;
use std::collections::HashMap;

/// One use of a bare name in an expression.
#[derive(Debug, Clone, Copy)]
pub struct Use<'t> {
    pub name: &'t str,
    /// The name token.
    pub range: Range,
    /// What follows the name: subscripts, attributes and calls (`['a'].get('b', {})`).
    pub ops: &'t [Postfix],
    /// The name with its `ops`.
    pub expr_range: Range,
    /// Inside a branch, or the part of an `and`/`or`/`… if … else …`, that runs only when the
    /// name is truthy (`% if p:`, `% elif p:`, `% if p and q:`, `% if not p: … % else:`,
    /// `p and p['a']`, `p['a'] if p else d`, `% if p is not None:`).
    pub guarded: bool,
    /// Part of an `% if`/`% elif` condition.
    pub in_condition: bool,
    /// The whole of a `${…}` substitution is this bare name.
    pub whole: bool,
}

impl<'t> Use<'t> {
    /// Whether the name is another product's ID (not a template function or builtin).
    pub fn is_product(&self) -> bool {
        !is_function(self.name)
    }
    /// The arguments when the name is called: `name(…)`.
    pub fn call_args(&self) -> Option<(&'t [super::Arg], Range)> {
        match self.ops.first() {
            Some(Postfix {
                kind: PostfixKind::Call(args),
                range,
            }) => Some((args, *range)),
            _ => None,
        }
    }
    /// Whether the use reads the name's value: a subscript or an attribute follows it.
    pub fn reads(&self) -> bool {
        matches!(
            self.ops.first(),
            Some(Postfix {
                kind: PostfixKind::Index(_) | PostfixKind::Attr { .. },
                ..
            })
        )
    }
}

/// Names currently known truthy, counted (nested guards may repeat a name).
#[derive(Default)]
struct Guards<'t>(HashMap<&'t str, u32>);

impl<'t> Guards<'t> {
    fn add(&mut self, names: &[&'t str]) {
        for n in names {
            *self.0.entry(n).or_insert(0) += 1;
        }
    }
    fn remove(&mut self, names: &[&'t str]) {
        for n in names {
            if let Some(c) = self.0.get_mut(n) {
                *c -= 1;
                if *c == 0 {
                    self.0.remove(n);
                }
            }
        }
    }
    fn has(&self, n: &str) -> bool {
        self.0.contains_key(n)
    }
}

fn is_none(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Const(Value::None))
}

/// Names that are truthy whenever `e` is.
fn truthy<'t>(e: &'t Expr, out: &mut Vec<&'t str>) {
    match &e.kind {
        ExprKind::Name(n) if !is_function(n) => out.push(n),
        ExprKind::Postfix { base, .. } => {
            // `p.get('x')` or `p['x']` can only be evaluated when `p` is a config.
            if let ExprKind::Name(n) = &base.kind {
                if !is_function(n) {
                    out.push(n);
                }
            }
        }
        ExprKind::And(items) => items.iter().for_each(|x| truthy(x, out)),
        ExprKind::Unary {
            op: UnaryOp::Not,
            operand,
        } => falsy(operand, out),
        ExprKind::Compare { first, rest } if rest.len() == 1 => {
            let (op, _, right) = &rest[0];
            match op {
                CmpOp::IsNot | CmpOp::Ne if is_none(right) => truthy_name(first, out),
                CmpOp::In | CmpOp::NotIn if *op == CmpOp::In => truthy_name(right, out),
                _ => {}
            }
        }
        _ => {}
    }
}

fn truthy_name<'t>(e: &'t Expr, out: &mut Vec<&'t str>) {
    if let ExprKind::Name(n) = &e.kind {
        if !is_function(n) {
            out.push(n);
        }
    }
}

/// Names that are truthy whenever `e` is false.
fn falsy<'t>(e: &'t Expr, out: &mut Vec<&'t str>) {
    match &e.kind {
        ExprKind::Unary {
            op: UnaryOp::Not,
            operand,
        } => truthy(operand, out),
        ExprKind::Or(items) => items.iter().for_each(|x| falsy(x, out)),
        ExprKind::Compare { first, rest } if rest.len() == 1 => {
            let (op, _, right) = &rest[0];
            if matches!(op, CmpOp::Is | CmpOp::Eq) && is_none(right) {
                truthy_name(first, out);
            }
        }
        _ => {}
    }
}

struct Walker<'t> {
    guards: Guards<'t>,
    out: Vec<Use<'t>>,
    in_condition: bool,
}

impl<'t> Walker<'t> {
    fn push(
        &mut self,
        name: &'t str,
        range: Range,
        ops: &'t [Postfix],
        expr_range: Range,
        whole: bool,
    ) {
        self.out.push(Use {
            name,
            range,
            ops,
            expr_range,
            guarded: self.guards.has(name),
            in_condition: self.in_condition,
            whole,
        });
    }

    /// Recursion is bounded by the parser's nesting budget.
    fn walk(&mut self, e: &'t Expr, whole: bool) {
        match &e.kind {
            ExprKind::Name(n) => self.push(n, e.range, &[], e.range, whole),
            ExprKind::Const(_) => {}
            ExprKind::Postfix { base, ops } => {
                match &base.kind {
                    ExprKind::Name(n) => self.push(n, base.range, ops, e.range, false),
                    _ => self.walk(base, false),
                }
                for op in ops {
                    match &op.kind {
                        PostfixKind::Index(k) => self.walk(k, false),
                        PostfixKind::Call(args) => {
                            for a in args {
                                self.walk(&a.value, false);
                            }
                        }
                        PostfixKind::Attr { .. } => {}
                    }
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                for x in items {
                    self.walk(x, false);
                }
            }
            ExprKind::Dict(entries) => {
                for (k, v) in entries {
                    self.walk(k, false);
                    self.walk(v, false);
                }
            }
            ExprKind::Unary { operand, .. } => self.walk(operand, false),
            ExprKind::And(items) | ExprKind::Or(items) => {
                let and = matches!(e.kind, ExprKind::And(_));
                let mut added = Vec::new();
                for x in items {
                    self.walk(x, false);
                    let mut names = Vec::new();
                    if and {
                        truthy(x, &mut names);
                    } else {
                        falsy(x, &mut names);
                    }
                    self.guards.add(&names);
                    added.extend(names);
                }
                self.guards.remove(&added);
            }
            ExprKind::Compare { first, rest } => {
                self.walk(first, false);
                for (_, _, x) in rest {
                    self.walk(x, false);
                }
            }
            ExprKind::Arith { first, rest } => {
                self.walk(first, false);
                for (_, _, x) in rest {
                    self.walk(x, false);
                }
            }
            ExprKind::IfElse { body, cond, orelse } => {
                self.walk(cond, false);
                let mut t = Vec::new();
                truthy(cond, &mut t);
                self.guards.add(&t);
                self.walk(body, false);
                self.guards.remove(&t);
                let mut f = Vec::new();
                falsy(cond, &mut f);
                self.guards.add(&f);
                self.walk(orelse, false);
                self.guards.remove(&f);
            }
        }
    }

    fn condition(&mut self, e: &'t Expr) {
        self.in_condition = true;
        self.walk(e, false);
        self.in_condition = false;
    }
}

/// An `% if` chain being walked.
struct Frame<'t> {
    /// Guards of the branch being walked.
    current: Vec<&'t str>,
    /// Names truthy when every condition so far was false.
    when_false: Vec<&'t str>,
}

impl Template {
    /// Every use of a bare name, in template order. Linear in the template's size, without
    /// recursion on `% if` nesting.
    pub fn uses(&self) -> Vec<Use<'_>> {
        let mut w = Walker {
            guards: Guards::default(),
            out: Vec::new(),
            in_condition: false,
        };
        let mut stack: Vec<Frame> = Vec::new();
        for node in &self.nodes {
            match node {
                Node::Text { .. } => {}
                Node::Subst { expr, .. } => {
                    if let Some(e) = expr {
                        w.walk(e, true);
                    }
                }
                Node::If { cond, .. } => {
                    let mut current = Vec::new();
                    let mut when_false = Vec::new();
                    if let Some(c) = cond {
                        w.condition(c);
                        truthy(c, &mut current);
                        falsy(c, &mut when_false);
                    }
                    w.guards.add(&current);
                    stack.push(Frame {
                        current,
                        when_false,
                    });
                }
                Node::Elif { cond, .. } => {
                    let Some(f) = stack.last_mut() else { continue };
                    w.guards.remove(&f.current);
                    w.guards.add(&f.when_false);
                    let mut current = f.when_false.clone();
                    if let Some(c) = cond {
                        w.condition(c);
                        let mut t = Vec::new();
                        truthy(c, &mut t);
                        w.guards.add(&t);
                        current.extend(t);
                        falsy(c, &mut f.when_false);
                    }
                    f.current = current;
                }
                Node::Else { .. } => {
                    let Some(f) = stack.last_mut() else { continue };
                    w.guards.remove(&f.current);
                    w.guards.add(&f.when_false);
                    f.current = f.when_false.clone();
                }
                Node::EndIf { .. } => {
                    if let Some(f) = stack.pop() {
                        w.guards.remove(&f.current);
                    }
                }
            }
        }
        w.out
    }

    /// Every parsed `${…}` expression with the range of its whole substitution.
    pub fn substitutions(&self) -> impl Iterator<Item = (&Expr, Range)> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Subst {
                expr: Some(e),
                range,
            } => Some((e, *range)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::mako::parse;

    fn guarded(src: &str) -> Vec<(String, bool, bool)> {
        let p = parse(src);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        p.template
            .uses()
            .iter()
            .map(|u| (u.name.to_string(), u.guarded, u.in_condition))
            .collect()
    }

    #[test]
    fn if_elif_else_guards() {
        let src = "% if neutron:\n${neutron['a']}\n% elif proton:\n${proton.get('a')}${neutron}\n% else:\n${proton['x']}\n% endif\n${neutron['b']}\n";
        assert_eq!(
            guarded(src),
            vec![
                ("neutron".into(), false, true),
                ("neutron".into(), true, false),
                ("proton".into(), false, true),
                ("proton".into(), true, false),
                ("neutron".into(), false, false),
                ("proton".into(), false, false),
                ("neutron".into(), false, false),
            ]
        );
    }

    #[test]
    fn negated_and_none_guards() {
        let src = "% if not p:\nx\n% else:\n${p['a']}\n% endif\n% if q is not None:\n${q['a']}\n% endif\n";
        let g = guarded(src);
        assert_eq!(g[1], ("p".into(), true, false));
        assert_eq!(g[3], ("q".into(), true, false));
    }

    #[test]
    fn expression_guards() {
        let g = guarded("${p and p['a']}${p['a'] if p else 1}${q or q['x']}${not r or r['x']}");
        let flags: Vec<bool> = g.iter().map(|x| x.1).collect();
        assert_eq!(flags, [false, true, false, true, false, false, false, true]);
    }

    #[test]
    fn nested_guards_count() {
        let g = guarded("% if p:\n% if p:\n% endif\n${p['a']}\n% endif\n${p['a']}\n");
        assert_eq!(g.len(), 4);
        assert!(g[2].1, "still inside the outer `% if p:`");
        assert!(!g[3].1);
    }

    #[test]
    fn use_shapes() {
        let p = parse("${random_password('t', 8)}${mariadb['a'].get('b')}${x}");
        let uses = p.template.uses();
        assert!(uses[0].call_args().is_some() && !uses[0].is_product());
        assert!(uses[1].reads() && uses[1].is_product());
        assert_eq!(uses[1].ops.len(), 3);
        assert!(uses[2].whole && !uses[2].reads());
        assert_eq!(uses[1].range.start.column, 29);
    }
}
