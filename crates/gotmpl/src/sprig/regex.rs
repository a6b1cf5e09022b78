//! Regular expressions: `regexMatch`, `regexFind`, `regexFindAll`, `regexReplaceAll`,
//! `regexReplaceAllLiteral`, `regexSplit`, `regexQuoteMeta` and the `must…` forms, over our
//! RE2 engine (`re2`): Go's syntax, leftmost-first matching in time linear in the text, Go's
//! ASCII `\d \w \s \b`, Go's errors.
//!
//! The plain forms fail on a bad pattern (Sprig's `MustCompile` panics), except `regexMatch`,
//! which gives false.

use std::cell::RefCell;
use std::collections::HashMap;

use super::re2::Regex;
use super::{arity, int_arg, string_arg, Plain, Res};
use crate::value::Value;

const CACHE_SIZE: usize = 64;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("regexMatch", |a| {
        arity("regexMatch", a, 2)?;
        let s = string_arg(a, 1)?;
        Ok(Value::Bool(
            compile(&string_arg(a, 0)?).is_ok_and(|re| re.is_match(&s)),
        ))
    });
    funcs.add("mustRegexMatch", |a| {
        arity("mustRegexMatch", a, 2)?;
        let s = string_arg(a, 1)?;
        Ok(Value::Bool(compile_must(a)?.is_match(&s)))
    });
    funcs.add("regexFindAll", |a| {
        find_all("regexFindAll", a, compile_panic)
    });
    funcs.add("mustRegexFindAll", |a| {
        find_all("mustRegexFindAll", a, compile_must)
    });
    funcs.add("regexFind", |a| find("regexFind", a, compile_panic));
    funcs.add("mustRegexFind", |a| find("mustRegexFind", a, compile_must));
    funcs.add("regexReplaceAll", |a| {
        replace("regexReplaceAll", a, compile_panic, true)
    });
    funcs.add("mustRegexReplaceAll", |a| {
        replace("mustRegexReplaceAll", a, compile_must, true)
    });
    funcs.add("regexReplaceAllLiteral", |a| {
        replace("regexReplaceAllLiteral", a, compile_panic, false)
    });
    funcs.add("mustRegexReplaceAllLiteral", |a| {
        replace("mustRegexReplaceAllLiteral", a, compile_must, false)
    });
    funcs.add("regexSplit", |a| split("regexSplit", a, compile_panic));
    funcs.add("mustRegexSplit", |a| {
        split("mustRegexSplit", a, compile_must)
    });
    funcs.add("regexQuoteMeta", |a| {
        arity("regexQuoteMeta", a, 1)?;
        Ok(Value::from(quote_meta(&string_arg(a, 0)?)))
    });
}

/// Compiles the pattern, the first argument.
type Compile = fn(&[Value]) -> Result<Regex, String>;

/// A `must` form's error: `error parsing regexp: …`.
fn compile_must(args: &[Value]) -> Result<Regex, String> {
    compile(&string_arg(args, 0)?)
}

/// A plain form's error: `MustCompile`'s panic text.
fn compile_panic(args: &[Value]) -> Result<Regex, String> {
    let p = string_arg(args, 0)?;
    compile(&p).map_err(|e| format!("regexp: Compile({}): {e}", backquote(&p)))
}

fn backquote(s: &str) -> String {
    if s.contains('`') {
        crate::fmt::quote_go(s, false)
    } else {
        format!("`{s}`")
    }
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Result<Regex, String>>> = RefCell::new(HashMap::new());
}

/// Compiles through a small per-thread cache (charts call the same pattern in loops).
pub(crate) fn compile(pattern: &str) -> Result<Regex, String> {
    if let Some(hit) = CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return hit;
    }
    let result = Regex::new(pattern);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(pattern.to_string(), result.clone());
    });
    result
}

/// Go's `regexp.QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`.
pub(crate) fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn find_all(name: &str, args: &[Value], compile: Compile) -> Res {
    arity(name, args, 3)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    let n = int_arg(args, 2)?;
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let spans = re
        .all_captures(&s, limit)
        .into_iter()
        .filter_map(|caps| caps[0]);
    Ok(Value::list(
        spans.map(|(a, b)| Value::str(&s[a..b])).collect(),
    ))
}

fn find(name: &str, args: &[Value], compile: Compile) -> Res {
    arity(name, args, 2)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    let found = re.captures_at(&s, 0).and_then(|caps| caps[0]);
    Ok(Value::str(found.map(|(a, b)| &s[a..b]).unwrap_or("")))
}

/// `regexReplaceAll re s repl` (`$1`, `${name}` expanded as Go does) or the literal form.
fn replace(name: &str, args: &[Value], compile: Compile, expand: bool) -> Res {
    arity(name, args, 3)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    let repl = string_arg(args, 2)?;
    Ok(Value::from(re.replace_all(&s, &repl, expand)))
}

/// `regexSplit re s n`: Go's `Regexp.Split` (an empty match at the start gives no empty first
/// piece; `n > 0` gives at most n pieces, the last one the rest).
fn split(name: &str, args: &[Value], compile: Compile) -> Res {
    arity(name, args, 3)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    let n = int_arg(args, 2)?;
    if n == 0 {
        return Ok(Value::list(Vec::new()));
    }
    if re.as_str().is_empty() && !s.is_empty() {
        // Every character its own piece (Go's special case for an empty pattern).
        let mut pieces: Vec<Value> = Vec::new();
        let mut rest = &s[..];
        while let Some(c) = rest.chars().next() {
            if n > 0 && pieces.len() as i64 == n - 1 {
                pieces.push(Value::str(rest));
                rest = "";
                break;
            }
            pieces.push(Value::from(c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
        let _ = rest;
        return Ok(Value::list(pieces));
    }
    let mut pieces: Vec<Value> = Vec::new();
    let mut begin = 0;
    let mut last_start = None;
    for caps in re.all_captures(&s, usize::MAX) {
        let Some((start, end)) = caps[0] else {
            continue;
        };
        if n > 0 && pieces.len() as i64 == n - 1 {
            break;
        }
        last_start = Some(start);
        if end != 0 {
            pieces.push(Value::str(&s[begin..start]));
        }
        begin = end;
    }
    if last_start != Some(s.len()) {
        pieces.push(Value::str(&s[begin..]));
    }
    Ok(Value::list(pieces))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    // Observed with helm 3.17.3.
    #[test]
    fn matching_and_finding() {
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("regexMatch", vec![s("^a.c$"), s("abc")], "true"),
            ("regexMatch", vec![s("("), s("abc")], "false"),
            (
                "regexFindAll",
                vec![s("a."), s("a1a2a3"), i(-1)],
                "[a1 a2 a3]",
            ),
            ("regexFindAll", vec![s("a."), s("a1a2a3"), i(2)], "[a1 a2]"),
            ("regexFindAll", vec![s("a."), s("a1a2a3"), i(0)], "[]"),
            ("regexFindAll", vec![s(""), s("abc"), i(-1)], "[   ]"),
            ("regexFind", vec![s("a."), s("xa1a2")], "a1"),
            ("regexFind", vec![s("z"), s("abc")], ""),
            (
                "regexReplaceAll",
                vec![s("a(x*)b"), s("-ab-axxb-"), s("${1}W")],
                "-W-xxW-",
            ),
            (
                "regexReplaceAll",
                vec![s("a(x*)b"), s("-ab-axxb-"), s("$1W")],
                "---",
            ),
            (
                "regexReplaceAll",
                vec![s("(?P<x>a)"), s("aa"), s("[$x]")],
                "[a][a]",
            ),
            (
                "regexReplaceAllLiteral",
                vec![s("a(x*)b"), s("-ab-axxb-"), s("${1}")],
                "-${1}-${1}-",
            ),
            ("regexSplit", vec![s("z+"), s("pizza"), i(-1)], "[pi a]"),
            ("regexSplit", vec![s("z+"), s("pizza"), i(1)], "[pizza]"),
            ("regexSplit", vec![s(""), s("abc"), i(-1)], "[a b c]"),
            ("regexSplit", vec![s("a"), s("banana"), i(2)], "[b nana]"),
            ("regexSplit", vec![s("a"), s("banana"), i(0)], "[]"),
            ("regexQuoteMeta", vec![s("1.5-2.0?")], r"1\.5-2\.0\?"),
            // Go's classes are ASCII.
            ("regexMatch", vec![s(r"\d"), s("٣")], "false"),
            ("regexMatch", vec![s(r"^\w+$"), s("é")], "false"),
            ("regexMatch", vec![s(r"\bfoo\b"), s("éfoo")], "true"),
            ("regexMatch", vec![s("(?i)É"), s("é")], "true"),
            ("regexFind", vec![s(r"\Q.\E"), s("a.b")], "."),
            ("regexMatch", vec![s(r"\Z"), s("a")], "false"),
            ("regexMatch", vec![s("(?<n>a)"), s("a")], "true"),
            ("regexMatch", vec![s("a++"), s("a")], "false"),
            (
                "regexFindAll",
                vec![s(r"\p{Han}+"), s("a中文b字"), i(-1)],
                "[中文 字]",
            ),
            (
                "regexFindAll",
                vec![s(r"[\p{Han}a]+"), s("a中文b字"), i(-1)],
                "[a中文 字]",
            ),
            (
                "regexReplaceAll",
                vec![s(r"\x{41}"), s("ABA"), s("-")],
                "-B-",
            ),
            ("regexMatch", vec![s(r"\<"), s("<")], "true"),
            ("regexFind", vec![s("a{,5}"), s("a{,5}")], "a{,5}"),
            ("regexMatch", vec![s(r"\8"), s("8")], "false"),
            ("regexFindAll", vec![s("a*"), s("baaac"), i(-1)], "[ aaa ]"),
            (
                "regexReplaceAll",
                vec![s("a*"), s("baaac"), s("X")],
                "XbXcX",
            ),
            ("regexSplit", vec![s("a*"), s("baaac"), i(-1)], "[b c]"),
            (
                "regexReplaceAll",
                vec![s("(a)|b"), s("ab"), s("[$1]")],
                "[a][]",
            ),
            ("regexReplaceAll", vec![s("a"), s("aa"), s("$")], "$$"),
            ("regexReplaceAll", vec![s("a"), s("aa"), s("${")], "${${"),
            (
                "regexReplaceAll",
                vec![s("(?P<n>a)"), s("a"), s("${n}${1}$0$2")],
                "aaa",
            ),
        ];
        for (name, args, want) in cases {
            assert_eq!(call(name, args.clone()), want, "{name} {args:?}");
        }
    }

    #[test]
    fn go_errors() {
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            (
                "regexFindAll",
                vec![s("("), s("abc"), i(-1)],
                "ERR regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
            ),
            (
                "mustRegexMatch",
                vec![s("("), s("abc")],
                "ERR error parsing regexp: missing closing ): `(`",
            ),
            (
                "mustRegexFindAll",
                vec![s("a{2000}"), s("abc"), i(-1)],
                "ERR error parsing regexp: invalid repeat count: `{2000}`",
            ),
            (
                "regexReplaceAll",
                vec![s("["), s("a"), s("b")],
                "ERR regexp: Compile(`[`): error parsing regexp: missing closing ]: `[`",
            ),
            (
                "mustRegexReplaceAll",
                vec![s("x**"), s("a"), s("b")],
                "ERR error parsing regexp: invalid nested repetition operator: `**`",
            ),
        ];
        for (name, args, want) in cases {
            assert_eq!(call(name, args.clone()), want, "{name} {args:?}");
        }
        // Lazy forms and literal braces are fine.
        for ok in [
            "a*?",
            "a+?",
            "a??",
            "a{2}?",
            "a{,5}",
            "x{",
            "[]a]",
            "[^]a]",
            "[[:alpha:]]",
            "[a[]",
            "(?i:a)",
            "(?P<n>a)",
        ] {
            assert!(
                compile(ok).is_ok(),
                "{ok} should compile: {:?}",
                compile(ok)
            );
        }
        for bad in ["a*??", "a{2}{3}", "(?x)a", r"\Z", r"\1"] {
            assert!(compile(bad).is_err(), "{bad} should fail");
        }
        // A hostile pattern is refused quickly instead of built.
        assert!(compile("((a{1000}){1000}){1000}").is_err());
    }
}
