//! Defaults and emptiness: `default`, `empty`, `coalesce`, `all`, `any`, `compact`/
//! `mustCompact` (in `lists`), `ternary`, `deepCopy`/`mustDeepCopy`, `fail`.
//!
//! Emptiness is Sprig's (see [`is_empty`]): nil, false, 0, 0.0, "", empty lists and maps; a
//! struct (`.Chart`) never is.

use super::{arity, bool_arg, is_empty, string_arg, Plain};
use crate::value::{List, Map, Value};

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("default", |a| {
        super::arity_at_least("default", a, 1)?;
        Ok(match a.get(1) {
            Some(given) if !is_empty(given) => given.clone(),
            _ => a[0].clone(),
        })
    });
    funcs.add("empty", |a| {
        arity("empty", a, 1)?;
        Ok(Value::Bool(is_empty(&a[0])))
    });
    funcs.add("coalesce", |a| {
        Ok(a.iter()
            .find(|v| !is_empty(v))
            .cloned()
            .unwrap_or(Value::Nil))
    });
    funcs.add("all", |a| Ok(Value::Bool(a.iter().all(|v| !is_empty(v)))));
    funcs.add("any", |a| Ok(Value::Bool(a.iter().any(|v| !is_empty(v)))));
    funcs.add("ternary", |a| {
        arity("ternary", a, 3)?;
        Ok(if bool_arg(a, 2)? {
            a[0].clone()
        } else {
            a[1].clone()
        })
    });
    funcs.add("deepCopy", deep_copy_fn);
    funcs.add("mustDeepCopy", deep_copy_fn);
    funcs.add("fail", |a| {
        arity("fail", a, 1)?;
        Err(string_arg(a, 0)?.to_string())
    });
}

fn deep_copy_fn(args: &[Value]) -> Result<Value, String> {
    arity("deepCopy", args, 1)?;
    if args[0].is_nil() {
        return Err("reflect: call of reflect.Value.Type on zero Value".into());
    }
    Ok(deep_copy(&args[0]))
}

/// A copy sharing nothing mutable with the original (maps are new maps, all the way down).
pub(crate) fn deep_copy(value: &Value) -> Value {
    match value {
        Value::Map(m) => Value::Map(copy_map(m, 0)),
        Value::List(l) => Value::List(copy_list(l, 0)),
        Value::Object(o) => deep_copy(&o.to_data()),
        other => other.clone(),
    }
}

use super::MAX_NESTING as MAX_COPY_DEPTH;

fn copy_value(value: &Value, depth: usize) -> Value {
    match value {
        Value::Map(m) if depth + 1 < MAX_COPY_DEPTH => Value::Map(copy_map(m, depth + 1)),
        Value::List(l) if depth + 1 < MAX_COPY_DEPTH => Value::List(copy_list(l, depth + 1)),
        other => other.clone(),
    }
}

fn copy_map(m: &Map, depth: usize) -> Map {
    Map::from_entries(
        m.entries()
            .into_iter()
            .map(|(k, v)| (k, copy_value(&v, depth))),
    )
}

fn copy_list(l: &List, depth: usize) -> List {
    List::new(l.items().iter().map(|v| copy_value(v, depth)).collect())
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;
    use crate::value::Value;

    // Observed with helm 3.17.3.
    #[test]
    fn defaults_and_emptiness() {
        let nil = Value::Nil;
        for given in [
            nil.clone(),
            s(""),
            i(0),
            Value::Bool(false),
            l(vec![]),
            m(&[]),
            Value::Float(0.0),
        ] {
            assert_eq!(
                call("default", vec![s("d"), given.clone()]),
                "d",
                "default of {given:?}"
            );
            assert_eq!(call("empty", vec![given]), "true");
        }
        assert_eq!(call("default", vec![s("d"), s("x")]), "x");
        assert_eq!(call("default", vec![s("d")]), "d");
        assert_eq!(call("empty", vec![i(1)]), "false");
        assert_eq!(call("coalesce", vec![i(0), s(""), s("x"), i(1)]), "x");
        assert_eq!(call("coalesce", vec![i(0)]), "<nil>");
        assert_eq!(call("all", vec![i(1), s("a")]), "true");
        assert_eq!(call("all", vec![i(1), i(0)]), "false");
        assert_eq!(call("all", vec![]), "true");
        assert_eq!(call("any", vec![i(0), s("")]), "false");
        assert_eq!(call("any", vec![]), "false");
        assert_eq!(call("any", vec![i(0), i(1)]), "true");
        assert_eq!(
            call("ternary", vec![s("a"), s("b"), Value::Bool(true)]),
            "a"
        );
        assert_eq!(
            call("ternary", vec![s("a"), s("b"), Value::Bool(false)]),
            "b"
        );
        assert_eq!(
            call("ternary", vec![s("a"), s("b"), i(1)]),
            "ERR bad arg 2 bool"
        );
        assert_eq!(call("fail", vec![s("boom")]), "ERR boom");
    }

    #[test]
    fn deep_copies_share_nothing() {
        let inner = m(&[("b", i(2))]);
        let original = m(&[("a", l(vec![i(1), inner.clone()]))]);
        let copy = super::deep_copy(&original);
        if let Value::Map(im) = &inner {
            im.insert("c", i(3));
        }
        assert_eq!(show(Ok(copy)), "map[a:[1 map[b:2]]]");
        assert_eq!(call("deepCopy", vec![i(3)]), "3");
        assert_eq!(
            call("deepCopy", vec![Value::Nil]),
            "ERR reflect: call of reflect.Value.Type on zero Value"
        );
    }
}
