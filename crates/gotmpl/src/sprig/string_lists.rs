//! String slices: `split`, `splitList`, `splitn`, `join`, `sortAlpha` (and `toStrings` in
//! `conversion`).

use super::conversion::to_strings;
use super::{arity, int_arg, string_arg, Plain};
use crate::value::{Map, Value};

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("splitList", |a| {
        arity("splitList", a, 2)?;
        let parts = go_split(&string_arg(a, 1)?, &string_arg(a, 0)?, -1);
        Ok(Value::list(parts.into_iter().map(Value::from).collect()))
    });
    funcs.add("split", |a| {
        arity("split", a, 2)?;
        Ok(indexed(go_split(
            &string_arg(a, 1)?,
            &string_arg(a, 0)?,
            -1,
        )))
    });
    funcs.add("splitn", |a| {
        arity("splitn", a, 3)?;
        let sep = string_arg(a, 0)?;
        let n = int_arg(a, 1)?;
        Ok(indexed(go_split(&string_arg(a, 2)?, &sep, n)))
    });
    funcs.add("join", |a| {
        arity("join", a, 2)?;
        let sep = string_arg(a, 0)?;
        Ok(Value::from(to_strings(&a[1]).join(&sep)))
    });
    funcs.add("sortAlpha", |a| {
        arity("sortAlpha", a, 1)?;
        let mut items = match &a[0] {
            Value::List(_) | Value::Bytes(_) => to_strings(&a[0]),
            other => vec![super::strval(other)],
        };
        slim_sort::sort(&mut items);
        Ok(Value::list(items.into_iter().map(Value::from).collect()))
    });
}

/// `split`'s map: `_0`, `_1`, … to the parts.
fn indexed(parts: Vec<String>) -> Value {
    Value::Map(Map::from_entries(
        parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| (format!("_{i}"), Value::from(p))),
    ))
}

/// Go's `strings.SplitN` (`n < 0`: all parts, `n == 0`: none); an empty separator splits
/// after each character.
pub(crate) fn go_split(s: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let limit = if n < 0 { usize::MAX } else { n as usize };
    if sep.is_empty() {
        let mut out: Vec<String> = Vec::new();
        let mut rest = s;
        while !rest.is_empty() {
            if out.len() + 1 == limit {
                out.push(rest.to_string());
                break;
            }
            let c = rest.chars().next().unwrap();
            out.push(c.to_string());
            rest = &rest[c.len_utf8()..];
        }
        return out;
    }
    s.splitn(limit, sep).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;
    use crate::value::Value;

    // Observed with helm 3.17.3.
    #[test]
    fn splitting_and_joining() {
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("splitList", vec![s(","), s("a,b,,c")], "[a b  c]"),
            ("splitList", vec![s(""), s("abc")], "[a b c]"),
            ("splitList", vec![s(","), s("")], "[]"),
            ("split", vec![s(","), s("a,b")], "map[_0:a _1:b]"),
            ("splitn", vec![s(","), i(2), s("a,b,c")], "map[_0:a _1:b,c]"),
            (
                "join",
                vec![s(","), l(vec![i(1), s("a"), Value::Nil, Value::Float(2.5)])],
                "1,a,2.5",
            ),
            ("join", vec![s("-"), s("abc")], "abc"),
            ("join", vec![s(","), Value::Nil], ""),
            (
                "sortAlpha",
                vec![l(vec![s("b"), s("a"), i(10), i(2)])],
                "[10 2 a b]",
            ),
            ("sortAlpha", vec![s("x")], "[x]"),
            ("sortAlpha", vec![l(vec![i(1), l(vec![i(2)])])], "[1 [2]]"),
        ];
        for (name, args, want) in cases {
            assert_eq!(call(name, args.clone()), want, "{name} {args:?}");
        }
        assert_eq!(super::go_split("", ",", -1), vec![""]);
        assert_eq!(super::go_split("abc", "", 2), vec!["a", "bc"]);
    }
}
