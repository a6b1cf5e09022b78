//! List functions: `list`, `tuple`, `first`, `rest`, `last`, `initial`, `append`/`push`,
//! `prepend`, `concat`, `reverse`, `uniq`, `without`, `has`, `compact`, `slice`, `chunk`, and
//! their `must…` forms.
//!
//! They take any slice (`[]interface{}`, `[]string`, `[]byte`) and return a new list. In Sprig
//! the plain form panics where the `must` form returns an error, and Go's template turns the
//! panic into the same error, so both forms fail alike. Errors name the argument's Go kind
//! (`Cannot find first on type map`); nil is Go's nil-pointer panic.

use super::conversion::to_int64;
use super::{arity, arity_at_least, deep_equal, int_arg, is_empty, slice_items, Plain, Res};
use crate::value::{IntKind, Value};
use std::collections::HashSet;
use std::rc::Rc;

const NIL_PANIC: &str = "runtime error: invalid memory address or nil pointer dereference";

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("list", |a| Ok(Value::list(a.to_vec())));
    funcs.add("tuple", |a| Ok(Value::list(a.to_vec())));
    funcs.add("first", |a| first("first", a));
    funcs.add("mustFirst", |a| first("mustFirst", a));
    funcs.add("last", |a| last("last", a));
    funcs.add("mustLast", |a| last("mustLast", a));
    funcs.add("rest", |a| rest("rest", a));
    funcs.add("mustRest", |a| rest("mustRest", a));
    funcs.add("initial", |a| initial("initial", a));
    funcs.add("mustInitial", |a| initial("mustInitial", a));
    funcs.add("append", |a| push("append", a));
    funcs.add("mustAppend", |a| push("mustAppend", a));
    funcs.add("push", |a| push("push", a));
    funcs.add("mustPush", |a| push("mustPush", a));
    funcs.add("prepend", |a| prepend("prepend", a));
    funcs.add("mustPrepend", |a| prepend("mustPrepend", a));
    funcs.add("reverse", |a| reverse("reverse", a));
    funcs.add("mustReverse", |a| reverse("mustReverse", a));
    funcs.add("uniq", |a| uniq("uniq", a));
    funcs.add("mustUniq", |a| uniq("mustUniq", a));
    funcs.add("compact", |a| compact("compact", a));
    funcs.add("mustCompact", |a| compact("mustCompact", a));
    funcs.add("without", |a| without("without", a));
    funcs.add("mustWithout", |a| without("mustWithout", a));
    funcs.add("has", |a| has("has", a));
    funcs.add("mustHas", |a| has("mustHas", a));
    funcs.add("slice", |a| slice("slice", a));
    funcs.add("mustSlice", |a| slice("mustSlice", a));
    funcs.add("chunk", |a| chunk("chunk", a));
    funcs.add("mustChunk", |a| chunk("mustChunk", a));
    funcs.add("concat", concat);
}

/// The items of a slice argument, or Sprig's error `Cannot {what} type KIND`.
fn items(value: &Value, what: &str) -> Result<Vec<Value>, String> {
    match slice_items(value) {
        Some(items) => Ok(items),
        None if value.is_nil() => Err(NIL_PANIC.into()),
        None => Err(format!("Cannot {what} type {}", value.kind_name())),
    }
}

fn first(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    Ok(items(&args[0], "find first on")?
        .into_iter()
        .next()
        .unwrap_or(Value::Nil))
}

fn last(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    Ok(items(&args[0], "find last on")?.pop().unwrap_or(Value::Nil))
}

fn rest(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    let list = items(&args[0], "find rest on")?;
    Ok(Value::list(list.into_iter().skip(1).collect()))
}

fn initial(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    let mut list = items(&args[0], "find initial on")?;
    list.pop();
    Ok(Value::list(list))
}

fn push(name: &str, args: &[Value]) -> Res {
    arity(name, args, 2)?;
    let mut list = items(&args[0], "push on")?;
    list.push(args[1].clone());
    Ok(Value::list(list))
}

fn prepend(name: &str, args: &[Value]) -> Res {
    arity(name, args, 2)?;
    let mut list = items(&args[0], "prepend on")?;
    list.insert(0, args[1].clone());
    Ok(Value::list(list))
}

fn reverse(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    let mut list = items(&args[0], "find reverse on")?;
    list.reverse();
    Ok(Value::list(list))
}

/// `uniq` with `reflect.DeepEqual`: scalars through a hash set (a long list stays linear),
/// lists and maps compared with those kept so far.
fn uniq(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    let mut out: Vec<Value> = Vec::new();
    let mut seen_scalars: HashSet<ScalarKey> = HashSet::new();
    let mut kept_containers: Vec<Value> = Vec::new();
    for item in items(&args[0], "find uniq on")? {
        match scalar_key(&item) {
            Some(Some(key)) => {
                if seen_scalars.insert(key) {
                    out.push(item);
                }
            }
            // NaN equals nothing, itself included.
            Some(None) => out.push(item),
            None => {
                if !kept_containers.iter().any(|seen| deep_equal(seen, &item)) {
                    kept_containers.push(item.clone());
                    out.push(item);
                }
            }
        }
    }
    Ok(Value::list(out))
}

#[derive(Hash, PartialEq, Eq)]
enum ScalarKey {
    Nil,
    Bool(bool),
    Int(i64, bool),
    Float(u64),
    String(Rc<str>),
    Bytes(Rc<[u8]>),
}

/// `Some(Some(key))` for a scalar, `Some(None)` for NaN, `None` for lists, maps and objects.
fn scalar_key(value: &Value) -> Option<Option<ScalarKey>> {
    Some(Some(match value {
        Value::Nil => ScalarKey::Nil,
        Value::Bool(b) => ScalarKey::Bool(*b),
        Value::Int(i, kind) => ScalarKey::Int(*i, *kind == IntKind::Int),
        Value::Float(f) if f.is_nan() => return Some(None),
        // 0.0 and -0.0 are equal.
        Value::Float(f) => ScalarKey::Float(if *f == 0.0 { 0 } else { f.to_bits() }),
        Value::String(s) => ScalarKey::String(s.clone()),
        Value::Bytes(b) => ScalarKey::Bytes(b.clone()),
        _ => return None,
    }))
}

fn compact(name: &str, args: &[Value]) -> Res {
    arity(name, args, 1)?;
    Ok(Value::list(
        items(&args[0], "compact on")?
            .into_iter()
            .filter(|v| !is_empty(v))
            .collect(),
    ))
}

fn without(name: &str, args: &[Value]) -> Res {
    arity_at_least(name, args, 1)?;
    let omit = &args[1..];
    let list = items(&args[0], "find without on")?;
    Ok(Value::list(
        list.into_iter()
            .filter(|v| !omit.iter().any(|o| deep_equal(o, v)))
            .collect(),
    ))
}

/// `has needle haystack`: false for a nil haystack.
fn has(name: &str, args: &[Value]) -> Res {
    arity(name, args, 2)?;
    if args[1].is_nil() {
        return Ok(Value::Bool(false));
    }
    let list = items(&args[1], "find has on")?;
    Ok(Value::Bool(list.iter().any(|v| deep_equal(v, &args[0]))))
}

/// `slice list [start [end]]`, indices through `cast` (`"1"` is 1).
fn slice(name: &str, args: &[Value]) -> Res {
    arity_at_least(name, args, 1)?;
    let list = match slice_items(&args[0]) {
        Some(list) => list,
        None if args[0].is_nil() => return Err(NIL_PANIC.into()),
        None => {
            return Err(format!(
                "list should be type of slice or array but {}",
                args[0].kind_name()
            ))
        }
    };
    let len = list.len() as i64;
    let (start, end) = match &args[1..] {
        [] => (0, len),
        [s] => (to_int64(s), len),
        [s, e, ..] => (to_int64(s), to_int64(e)),
    };
    if start < 0 || end < start || end > len {
        return Err("reflect.Value.Slice: slice index out of bounds".into());
    }
    Ok(Value::list(list[start as usize..end as usize].to_vec()))
}

fn chunk(name: &str, args: &[Value]) -> Res {
    arity(name, args, 2)?;
    let size = int_arg(args, 0)?;
    let list = items(&args[1], "chunk")?;
    if size <= 0 {
        return Err("runtime error: makeslice: len out of range".into());
    }
    Ok(Value::list(
        list.chunks(size as usize)
            .map(|c| Value::list(c.to_vec()))
            .collect(),
    ))
}

fn concat(args: &[Value]) -> Res {
    let mut out = Vec::new();
    for list in args {
        match slice_items(list) {
            Some(items) => out.extend(items),
            None if list.is_nil() => return Err(NIL_PANIC.into()),
            None => return Err(format!("Cannot concat type {} as list", list.kind_name())),
        }
    }
    Ok(Value::list(out))
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;
    use crate::value::Value;

    fn nums(v: &[i64]) -> Value {
        l(v.iter().map(|&x| i(x)).collect())
    }

    // Observed with helm 3.17.3.
    #[test]
    fn uniq_of_a_long_list_is_quick() {
        let long = l((0..200_000).map(|n| i(n % 1000)).collect());
        let start = std::time::Instant::now();
        let out = super::uniq("uniq", &[long]).unwrap();
        assert!(matches!(&out, Value::List(l) if l.items().len() == 1000));
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn list_functions() {
        let nil = Value::Nil;
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("first", vec![nums(&[1, 2])], "1"),
            ("first", vec![l(vec![])], "<nil>"),
            ("rest", vec![nums(&[1, 2, 3])], "[2 3]"),
            ("rest", vec![l(vec![])], "[]"),
            ("last", vec![nums(&[1, 2])], "2"),
            ("initial", vec![nums(&[1, 2, 3])], "[1 2]"),
            ("reverse", vec![nums(&[1, 2, 3])], "[3 2 1]"),
            (
                "uniq",
                vec![l(vec![i(1), i(1), s("1"), i(2), i(1)])],
                "[1 1 2]",
            ),
            (
                "uniq",
                vec![l(vec![m(&[("a", i(1))]), m(&[("a", i(1))])])],
                "[map[a:1]]",
            ),
            (
                "uniq",
                vec![l(vec![
                    Value::Float(0.0),
                    Value::Float(-0.0),
                    Value::int64(1),
                    i(1),
                    nil.clone(),
                    nil.clone(),
                ])],
                "[0 1 1 <nil>]",
            ),
            ("without", vec![nums(&[1, 2, 3, 1]), i(1), i(3)], "[2]"),
            ("has", vec![i(2), nums(&[1, 2])], "true"),
            ("has", vec![i(2), nil.clone()], "false"),
            (
                "compact",
                vec![l(vec![
                    i(0),
                    i(1),
                    s(""),
                    nil.clone(),
                    Value::Bool(false),
                    s("a"),
                    l(vec![]),
                    m(&[]),
                ])],
                "[1 a]",
            ),
            ("append", vec![nums(&[1]), i(2)], "[1 2]"),
            ("prepend", vec![nums(&[1]), i(0)], "[0 1]"),
            (
                "concat",
                vec![nums(&[1]), nums(&[2, 3]), l(vec![])],
                "[1 2 3]",
            ),
            ("slice", vec![nums(&[1, 2, 3, 4]), i(1), i(3)], "[2 3]"),
            ("slice", vec![nums(&[1, 2, 3, 4]), i(2)], "[3 4]"),
            ("slice", vec![nums(&[1, 2, 3])], "[1 2 3]"),
            ("slice", vec![nums(&[1, 2]), s("1")], "[2]"),
            (
                "chunk",
                vec![i(2), nums(&[1, 2, 3, 4, 5])],
                "[[1 2] [3 4] [5]]",
            ),
            ("chunk", vec![i(3), l(vec![])], "[]"),
            ("tuple", vec![i(1), s("a")], "[1 a]"),
            ("list", vec![], "[]"),
            // Errors.
            ("first", vec![m(&[])], "ERR Cannot find first on type map"),
            (
                "first",
                vec![s("abc")],
                "ERR Cannot find first on type string",
            ),
            (
                "first",
                vec![nil.clone()],
                "ERR runtime error: invalid memory address or nil pointer dereference",
            ),
            (
                "slice",
                vec![i(3)],
                "ERR list should be type of slice or array but int",
            ),
            (
                "slice",
                vec![nums(&[1, 2]), i(1), i(5)],
                "ERR reflect.Value.Slice: slice index out of bounds",
            ),
            (
                "slice",
                vec![nums(&[1, 2]), i(2), i(1)],
                "ERR reflect.Value.Slice: slice index out of bounds",
            ),
            (
                "chunk",
                vec![i(0), nums(&[1])],
                "ERR runtime error: makeslice: len out of range",
            ),
            (
                "concat",
                vec![nums(&[1]), i(2)],
                "ERR Cannot concat type int as list",
            ),
            (
                "has",
                vec![i(1), s("abc")],
                "ERR Cannot find has on type string",
            ),
            (
                "reverse",
                vec![s("abc")],
                "ERR Cannot find reverse on type string",
            ),
            ("mustFirst", vec![i(3)], "ERR Cannot find first on type int"),
        ];
        for (name, args, want) in cases {
            assert_eq!(call(name, args.clone()), want, "{name} {args:?}");
        }
    }
}
