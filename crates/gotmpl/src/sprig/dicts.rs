//! Dictionaries: `dict`, `get`, `set`, `unset`, `hasKey`, `pluck`, `dig`, `keys`, `values`,
//! `pick`, `omit`, `merge`, `mergeOverwrite` and the `must` forms.
//!
//! Maps are Go maps: `set`, `unset`, `merge` and `mergeOverwrite` change the map they get (every
//! holder of it sees the change) and return it. `keys` and `values` follow Go's map order, which
//! is random; we give sorted key order (charts that care wrap `keys` in `sortAlpha`).

use super::{arity, arity_at_least, is_empty, map_arg, string_arg, strval, Plain, Res};
use crate::value::{Map, Value};

/// Nesting beyond which `merge` stops descending (only a map that holds itself gets there).
use super::MAX_NESTING as MAX_MERGE_DEPTH;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("dict", dict);
    funcs.add("get", |a| {
        arity("get", a, 2)?;
        let key = string_arg(a, 1)?;
        Ok(map_arg(a, 0)?
            .and_then(|m| m.get(&key))
            .unwrap_or_else(|| Value::str("")))
    });
    funcs.add("set", |a| {
        arity("set", a, 3)?;
        let key = string_arg(a, 1)?;
        let map = map_arg(a, 0)?.ok_or("assignment to entry in nil map")?;
        map.insert(key.to_string(), a[2].clone());
        Ok(Value::Map(map))
    });
    funcs.add("unset", |a| {
        arity("unset", a, 2)?;
        let key = string_arg(a, 1)?;
        let map = map_arg(a, 0)?;
        if let Some(m) = &map {
            m.remove(&key);
        }
        Ok(map.map(Value::Map).unwrap_or(Value::Nil))
    });
    funcs.add("hasKey", |a| {
        arity("hasKey", a, 2)?;
        let key = string_arg(a, 1)?;
        Ok(Value::Bool(
            map_arg(a, 0)?.is_some_and(|m| m.contains_key(&key)),
        ))
    });
    funcs.add("pluck", |a| {
        arity_at_least("pluck", a, 1)?;
        let key = string_arg(a, 0)?;
        let mut out = Vec::new();
        for index in 1..a.len() {
            if let Some(v) = map_arg(a, index)?.and_then(|m| m.get(&key)) {
                out.push(v);
            }
        }
        Ok(Value::list(out))
    });
    funcs.add("keys", |a| {
        let mut out = Vec::new();
        for index in 0..a.len() {
            if let Some(m) = map_arg(a, index)? {
                out.extend(m.keys());
            }
        }
        slim_sort::sort(&mut out);
        Ok(Value::list(out.into_iter().map(Value::from).collect()))
    });
    funcs.add("values", |a| {
        arity("values", a, 1)?;
        let entries = map_arg(a, 0)?.map(|m| m.entries()).unwrap_or_default();
        Ok(Value::list(entries.into_iter().map(|(_, v)| v).collect()))
    });
    funcs.add("pick", |a| pick_omit("pick", a, true));
    funcs.add("omit", |a| pick_omit("omit", a, false));
    funcs.add("dig", dig);
    funcs.add("merge", |a| merge_all("merge", a, false));
    funcs.add("mustMerge", |a| merge_all("mustMerge", a, false));
    funcs.add("mergeOverwrite", |a| merge_all("mergeOverwrite", a, true));
    funcs.add("mustMergeOverwrite", |a| {
        merge_all("mustMergeOverwrite", a, true)
    });
}

/// `dict k1 v1 k2 v2 …`: keys as strings (`strval`); a key without a value gets "".
fn dict(args: &[Value]) -> Res {
    let map = Map::new();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_else(|| Value::str(""));
        map.insert(strval(&pair[0]), value);
    }
    Ok(Value::Map(map))
}

fn pick_omit(name: &str, args: &[Value], keep: bool) -> Res {
    arity_at_least(name, args, 1)?;
    let keys = (1..args.len())
        .map(|index| string_arg(args, index))
        .collect::<Result<Vec<_>, _>>()?;
    let entries = map_arg(args, 0)?.map(|m| m.entries()).unwrap_or_default();
    let wanted = |k: &str| keys.iter().any(|x| &**x == k) == keep;
    Ok(Value::Map(Map::from_entries(
        entries.into_iter().filter(|(k, _)| wanted(k)),
    )))
}

/// `dig k1 k2 … default dict`: the value at the key path, or the default where a key is
/// missing; a step through a non-map is Go's failed type assertion.
fn dig(args: &[Value]) -> Res {
    if args.len() < 3 {
        return Err("dig needs at least three arguments".into());
    }
    let (keys, rest) = args.split_at(args.len() - 2);
    let default = &rest[0];
    let keys = keys
        .iter()
        .map(|k| match k {
            Value::String(s) => Ok(s.clone()),
            other => Err(assertion_error(other, "string")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut current = rest[1].clone();
    for (i, key) in keys.iter().enumerate() {
        let map = match &current {
            Value::Map(m) => m.clone(),
            other => return Err(assertion_error(other, "map[string]interface {}")),
        };
        match map.get(key) {
            None => return Ok(default.clone()),
            Some(v) if i + 1 == keys.len() => return Ok(v),
            Some(v) => current = v,
        }
    }
    Ok(default.clone())
}

fn assertion_error(value: &Value, want: &str) -> String {
    if value.is_nil() {
        format!("interface conversion: interface {{}} is nil, not {want}")
    } else {
        format!(
            "interface conversion: interface {{}} is {}, not {want}",
            value.type_name()
        )
    }
}

/// `merge dst src…` (mergo): maps in both merge deeply; otherwise dst keeps its value unless
/// it is missing or empty, and a nil in src is never copied. `mergeOverwrite`: src wins, nil and
/// empty values included. dst is changed in place and returned.
fn merge_all(name: &str, args: &[Value], overwrite: bool) -> Res {
    arity_at_least(name, args, 1)?;
    let dst = map_arg(args, 0)?;
    for index in 1..args.len() {
        let src = map_arg(args, index)?;
        if let (Some(dst), Some(src)) = (&dst, &src) {
            merge_into(dst, src, overwrite, 0);
        }
    }
    Ok(dst.map(Value::Map).unwrap_or(Value::Nil))
}

pub(crate) fn merge_into(dst: &Map, src: &Map, overwrite: bool, depth: usize) {
    if depth > MAX_MERGE_DEPTH {
        return;
    }
    for (key, src_value) in src.entries() {
        let dst_value = dst.get(&key);
        match (&dst_value, &src_value) {
            (Some(Value::Map(d)), Value::Map(s)) if !d.same(s) => {
                merge_into(d, s, overwrite, depth + 1)
            }
            (Some(Value::Map(_)), Value::Map(_)) => {}
            _ if overwrite => dst.insert(key, src_value),
            (_, Value::Nil) => {}
            (None, _) => dst.insert(key, src_value),
            (Some(d), _) if is_empty(d) => dst.insert(key, src_value),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;
    use crate::value::Value;

    // Observed with helm 3.17.3.
    #[test]
    fn dict_functions() {
        let nil = Value::Nil;
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("dict", vec![s("a"), i(1), s("b")], "map[a:1 b:]"),
            ("dict", vec![i(1), i(2)], "map[1:2]"),
            ("dict", vec![s("a")], "map[a:]"),
            ("get", vec![m(&[("a", i(1))]), s("b")], ""),
            ("get", vec![m(&[("a", i(1))]), s("a")], "1"),
            ("set", vec![m(&[]), s("a"), i(1)], "map[a:1]"),
            (
                "set",
                vec![nil.clone(), s("a"), i(1)],
                "ERR assignment to entry in nil map",
            ),
            (
                "unset",
                vec![m(&[("a", i(1)), ("b", i(2))]), s("a")],
                "map[b:2]",
            ),
            ("hasKey", vec![m(&[("a", nil.clone())]), s("a")], "true"),
            (
                "pluck",
                vec![
                    s("a"),
                    m(&[("a", i(1))]),
                    m(&[("b", i(2))]),
                    m(&[("a", i(3))]),
                ],
                "[1 3]",
            ),
            (
                "keys",
                vec![
                    m(&[("b", i(1)), ("a", i(2))]),
                    m(&[("c", i(3)), ("a", i(4))]),
                ],
                "[a a b c]",
            ),
            (
                "pick",
                vec![
                    m(&[("a", i(1)), ("b", i(2)), ("c", i(3))]),
                    s("a"),
                    s("c"),
                    s("x"),
                ],
                "map[a:1 c:3]",
            ),
            (
                "pick",
                vec![m(&[("a", i(1))]), i(1)],
                "ERR bad arg 1 string",
            ),
            (
                "omit",
                vec![m(&[("a", i(1)), ("b", i(2))]), s("a")],
                "map[b:2]",
            ),
            ("values", vec![m(&[("b", i(1)), ("a", i(2))])], "[2 1]"),
            (
                "dig",
                vec![s("a"), s("b"), s("def"), m(&[("a", m(&[("b", i(5))]))])],
                "5",
            ),
            (
                "dig",
                vec![s("a"), s("x"), s("def"), m(&[("a", m(&[("b", i(5))]))])],
                "def",
            ),
            ("dig", vec![s("a"), s("def"), m(&[])], "def"),
            (
                "dig",
                vec![s("a"), s("b"), s("d"), m(&[("a", s("s"))])],
                "ERR interface conversion: interface {} is string, not map[string]interface {}",
            ),
            (
                "keys",
                vec![m(&[("a", i(1))]), s("x")],
                "ERR bad arg 1 map[string]interface {}",
            ),
        ];
        for (name, args, want) in cases {
            assert_eq!(call(name, args.clone()), want, "{name} {args:?}");
        }
    }

    #[test]
    fn merges() {
        let f = Value::Bool(false);
        let t = Value::Bool(true);
        let nil = Value::Nil;
        let cases: Vec<(&str, Value, Value, &str)> = vec![
            (
                "merge",
                m(&[
                    ("a", i(1)),
                    ("n", m(&[("x", i(1)), ("z", s(""))])),
                    ("f", f.clone()),
                    ("e", s("")),
                ]),
                m(&[
                    ("a", i(2)),
                    ("b", i(3)),
                    ("n", m(&[("x", i(2)), ("y", i(2)), ("z", s("q"))])),
                    ("f", t),
                    ("e", s("v")),
                ]),
                "map[a:1 b:3 e:v f:true n:map[x:1 y:2 z:q]]",
            ),
            (
                "mergeOverwrite",
                m(&[
                    ("a", i(1)),
                    ("n", m(&[("x", i(1)), ("k", i(1))])),
                    ("z", i(5)),
                    ("l", l(vec![i(1)])),
                ]),
                m(&[
                    ("a", i(2)),
                    ("n", m(&[("x", i(2))])),
                    ("z", i(0)),
                    ("l", l(vec![])),
                ]),
                "map[a:2 l:[] n:map[k:1 x:2] z:0]",
            ),
            (
                "merge",
                m(&[("a", l(vec![i(1)]))]),
                m(&[("a", m(&[("b", i(1))]))]),
                "map[a:[1]]",
            ),
            (
                "merge",
                m(&[("a", s("s"))]),
                m(&[("a", m(&[("b", i(1))]))]),
                "map[a:s]",
            ),
            (
                "mergeOverwrite",
                m(&[("a", s("s"))]),
                m(&[("a", m(&[("b", i(1))]))]),
                "map[a:map[b:1]]",
            ),
            (
                "mergeOverwrite",
                m(&[("a", m(&[("b", i(1))]))]),
                m(&[("a", s("s"))]),
                "map[a:s]",
            ),
            (
                "merge",
                m(&[("a", i(0))]),
                m(&[("a", nil.clone())]),
                "map[a:0]",
            ),
            (
                "mergeOverwrite",
                m(&[("a", i(1))]),
                m(&[("a", nil.clone())]),
                "map[a:<nil>]",
            ),
            ("merge", m(&[]), m(&[("a", nil.clone())]), "map[]"),
            (
                "mergeOverwrite",
                m(&[]),
                m(&[("a", nil.clone())]),
                "map[a:<nil>]",
            ),
            (
                "merge",
                m(&[("a", s(""))]),
                m(&[("a", m(&[("b", i(1))]))]),
                "map[a:map[b:1]]",
            ),
            (
                "merge",
                m(&[("a", nil.clone())]),
                m(&[("a", l(vec![i(1)]))]),
                "map[a:[1]]",
            ),
            (
                "merge",
                m(&[("a", m(&[]))]),
                m(&[("a", m(&[("b", i(1))]))]),
                "map[a:map[b:1]]",
            ),
            (
                "merge",
                m(&[("a", l(vec![]))]),
                m(&[("a", l(vec![i(1)]))]),
                "map[a:[1]]",
            ),
            (
                "merge",
                m(&[("n", m(&[("x", i(1))]))]),
                m(&[("n", m(&[("x", nil.clone()), ("y", nil.clone())]))]),
                "map[n:map[x:1]]",
            ),
        ];
        for (name, dst, src, want) in cases {
            assert_eq!(
                call(name, vec![dst.clone(), src.clone()]),
                want,
                "{name} {dst:?} {src:?}"
            );
        }
        // dst changes in place.
        let d = m(&[("a", i(1))]);
        call("merge", vec![d.clone(), m(&[("b", i(2))])]);
        assert_eq!(show(Ok(d)), "map[a:1 b:2]");
        assert_eq!(
            call(
                "merge",
                vec![m(&[("a", i(1))]), m(&[("a", i(2))]), m(&[("c", i(3))])]
            ),
            "map[a:1 c:3]"
        );
        assert_eq!(
            call(
                "mergeOverwrite",
                vec![m(&[("a", i(1))]), m(&[("a", i(2))]), m(&[("a", i(3))])]
            ),
            "map[a:3]"
        );
        // A map holding itself does not recurse forever.
        let selfish = crate::value::Map::new();
        selfish.insert("me", Value::Map(selfish.clone()));
        let other = crate::value::Map::new();
        other.insert("me", Value::Map(selfish.clone()));
        super::merge_into(&other, &selfish, false, 0);
    }
}
