//! How Helm combines values (its documented precedence, checked against helm3 in the tests):
//! values files given by the user are deep-merged in order (maps merge, anything else
//! replaces); the result is then coalesced with the chart's defaults, user values winning, and
//! a user `null` deleting the default it meets (a `null` that meets no default stays). Each
//! subchart sees the map under its name (or alias) coalesced with its own defaults, and the
//! parent's `global` map copied down first (parent globals win).

use gotmpl::{List, Map, Value};

/// A deep copy: new maps and lists all the way down, so that a template's `set` on one
/// chart's values never reaches another render.
pub fn deep_copy(value: &Value) -> Value {
    match value {
        Value::Map(m) => Value::Map(deep_copy_map(m)),
        Value::List(l) => Value::List(List::new(l.items().iter().map(deep_copy).collect())),
        other => other.clone(),
    }
}

pub fn deep_copy_map(map: &Map) -> Map {
    Map::from_entries(map.entries().into_iter().map(|(k, v)| (k, deep_copy(&v))))
}

/// Helm's merge of a values file into the values so far: maps merge key by key, anything else
/// (a `null` too) replaces.
pub fn merge_into(dst: &Map, src: &Map) {
    for (key, value) in src.entries() {
        match (dst.get(&key), &value) {
            (Some(Value::Map(d)), Value::Map(s)) => merge_into(&d, s),
            _ => dst.insert(key, deep_copy(&value)),
        }
    }
}

/// Fills `dst` (higher precedence) with `src`'s entries it lacks, recursively. With
/// `delete_nulls`, a `null` in `dst` where `src` has the key removes the key (Helm's
/// coalescing); without, the `null` stays (Helm's merging, for globals and import-values).
pub fn coalesce_into(dst: &Map, src: &Map, delete_nulls: bool) {
    for (key, value) in src.entries() {
        match dst.get(&key) {
            None => dst.insert(key, deep_copy(&value)),
            Some(Value::Nil) if delete_nulls => {
                dst.remove(&key);
            }
            Some(Value::Map(d)) => {
                if let Value::Map(s) = &value {
                    coalesce_into(&d, s, delete_nulls);
                }
                // A table over a non-table: Helm warns and keeps the user's table.
            }
            // A non-table over a table, or a scalar over a scalar: the user's value stays.
            Some(_) => {}
        }
    }
}

/// Copies the parent's `global` map into the subchart's values `sub` (parent globals win; a map
/// merges with the subchart's own), as Helm does before coalescing a subchart.
pub fn copy_globals(sub: &Map, parent: &Map) {
    let parent_globals = match parent.get("global") {
        Some(Value::Map(m)) => m,
        None => Map::new(),
        Some(_) => return,
    };
    let sub_globals = match sub.get("global") {
        Some(Value::Map(m)) => m,
        None => Map::new(),
        Some(_) => return,
    };
    for (key, value) in parent_globals.entries() {
        match (&value, sub_globals.get(&key)) {
            (Value::Map(p), None) => sub_globals.insert(key, Value::Map(deep_copy_map(p))),
            (Value::Map(p), Some(Value::Map(s))) => {
                let merged = deep_copy_map(p);
                coalesce_into(&merged, &s, false);
                sub_globals.insert(key, Value::Map(merged));
            }
            // "Conflict: cannot merge map onto non-map": the subchart's value stays.
            (Value::Map(_), Some(_)) => {}
            (_, Some(Value::Map(_))) => {}
            (_, _) => sub_globals.insert(key, deep_copy(&value)),
        }
    }
    sub.insert("global", Value::Map(sub_globals));
}

/// The value at a dotted path (`a.b.c`) of `map`, when every step is a map.
pub fn path_value(map: &Map, path: &str) -> Option<Value> {
    let mut current = Value::Map(map.clone());
    for part in path.split('.') {
        current = match current {
            Value::Map(m) => m.get(part)?,
            _ => return None,
        };
    }
    Some(current)
}

/// The map at a dotted path (Helm's `Values.Table`); `.` or empty is the map itself.
pub fn path_table(map: &Map, path: &str) -> Option<Map> {
    let path = path.trim_start_matches('.');
    if path.is_empty() {
        return Some(map.clone());
    }
    match path_value(map, path)? {
        Value::Map(m) => Some(m),
        _ => None,
    }
}

/// `{a: {b: value}}` for the path `a.b` (`.` or empty: the map itself).
pub fn under_path(path: &str, map: Map) -> Map {
    let path = path.trim_start_matches('.');
    if path.is_empty() {
        return map;
    }
    let mut inner = map;
    for part in path.rsplit('.') {
        inner = Map::from_entries([(part.to_string(), Value::Map(inner))]);
    }
    inner
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Compact JSON-like text of a value, for assertions.
    pub fn show(v: &Value) -> String {
        match v {
            Value::Nil => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i, _) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::String(s) => format!("{s:?}"),
            Value::List(l) => format!(
                "[{}]",
                l.items().iter().map(show).collect::<Vec<_>>().join(",")
            ),
            Value::Map(m) => format!(
                "{{{}}}",
                m.entries()
                    .iter()
                    .map(|(k, v)| format!("{k:?}:{}", show(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            other => other.type_name(),
        }
    }

    fn map(pairs: &[(&str, Value)]) -> Map {
        Map::from_entries(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())))
    }

    #[test]
    fn user_null_deletes_a_default_and_stays_elsewhere() {
        // helm3: values `b: {c: null, d: 1}`, --set b.d=null,b.e=null → {"b":{"c":null,"e":null}}
        let defaults = map(&[(
            "b",
            Value::Map(map(&[("c", Value::Nil), ("d", Value::from(1.0))])),
        )]);
        let user = map(&[(
            "b",
            Value::Map(map(&[("d", Value::Nil), ("e", Value::Nil)])),
        )]);
        coalesce_into(&user, &defaults, true);
        assert_eq!(show(&Value::Map(user)), r#"{"b":{"c":null,"e":null}}"#);
    }

    #[test]
    fn merge_replaces_non_maps() {
        let a = map(&[
            ("x", Value::Map(map(&[("p", Value::from(1.0))]))),
            ("y", Value::from("a")),
        ]);
        let b = map(&[
            ("x", Value::Map(map(&[("q", Value::from(2.0))]))),
            ("y", Value::Nil),
        ]);
        merge_into(&a, &b);
        assert_eq!(show(&Value::Map(a)), r#"{"x":{"p":1,"q":2},"y":null}"#);
    }

    #[test]
    fn globals_flow_down_parent_first() {
        // helm3: parent global {g1: parent, gm: {a: 1}}, sub's values.yaml global
        // {g1: sub, g2: sub, gm: {a: 2, b: 2}} → sub sees {g1: parent, g2: sub, gm: {a: 1, b: 2}}.
        let parent = map(&[(
            "global",
            Value::Map(map(&[
                ("g1", Value::from("parent")),
                ("gm", Value::Map(map(&[("a", Value::from(1.0))]))),
            ])),
        )]);
        let sub = Map::new();
        copy_globals(&sub, &parent);
        let sub_defaults = map(&[(
            "global",
            Value::Map(map(&[
                ("g1", Value::from("sub")),
                ("g2", Value::from("sub")),
                (
                    "gm",
                    Value::Map(map(&[("a", Value::from(2.0)), ("b", Value::from(2.0))])),
                ),
            ])),
        )]);
        coalesce_into(&sub, &sub_defaults, true);
        assert_eq!(
            show(&Value::Map(sub)),
            r#"{"global":{"g1":"parent","g2":"sub","gm":{"a":1,"b":2}}}"#
        );
    }

    #[test]
    fn paths() {
        let m = map(&[("a", Value::Map(map(&[("b", Value::from(true))])))]);
        assert_eq!(show(&path_value(&m, "a.b").unwrap()), "true");
        assert!(path_value(&m, "a.c").is_none());
        assert_eq!(
            show(&Value::Map(under_path("x.y", m.clone()))),
            r#"{"x":{"y":{"a":{"b":true}}}}"#
        );
        assert!(path_table(&m, ".").unwrap().same(&m));
    }
}
