//! Regular expressions: `regexMatch`, `regexFind`, `regexFindAll`, `regexReplaceAll`,
//! `regexReplaceAllLiteral`, `regexSplit`, `regexQuoteMeta` and the `must…` forms.
//!
//! Go's `regexp` is RE2; the `regex-lite` crate is RE2-like with linear-time matching, bounded here
//! by a compiled-size limit so hostile patterns stay cheap. Where the two dialects differ we
//! make the pattern mean what Go reads (see [`translate`]): `\d`, `\w`, `\s`, `\b` are ASCII in
//! Go; `\Q…\E` quotes; Go refuses repeat counts over 1000, nested repetitions (`a**`, `a++`)
//! and escapes such as `\<` or `\Z`, with its own error wording.
//!
//! Two differences from Go, the price of `regex-lite` (a tenth of `regex`'s size in the page):
//! Unicode classes (`\p{Greek}`) are refused with an error naming ecplint, and `(?i)` folds
//! ASCII letters only.
//!
//! The plain forms fail on a bad pattern (Sprig's `MustCompile` panics), except `regexMatch`,
//! which gives false.

use std::cell::RefCell;
use std::collections::HashMap;

use regex_lite::{NoExpand, Regex, RegexBuilder};

use super::{arity, int_arg, string_arg, Plain, Res};
use crate::value::Value;

/// The compiled program size a pattern may reach (Go has no such limit; patterns in charts are
/// small, a hostile `(a{1000}){1000}` is refused instead of taking memory and time).
const SIZE_LIMIT: usize = 1 << 20;
const CACHE_SIZE: usize = 64;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("regexMatch", |a| {
        arity("regexMatch", a, 2)?;
        let s = string_arg(a, 1)?;
        Ok(Value::Bool(compile(&string_arg(a, 0)?).is_ok_and(|re| re.is_match(&s))))
    });
    funcs.add("mustRegexMatch", |a| {
        arity("mustRegexMatch", a, 2)?;
        let s = string_arg(a, 1)?;
        Ok(Value::Bool(compile_must(a)?.is_match(&s)))
    });
    funcs.add("regexFindAll", |a| find_all("regexFindAll", a, compile_panic));
    funcs.add("mustRegexFindAll", |a| find_all("mustRegexFindAll", a, compile_must));
    funcs.add("regexFind", |a| find("regexFind", a, compile_panic));
    funcs.add("mustRegexFind", |a| find("mustRegexFind", a, compile_must));
    funcs.add("regexReplaceAll", |a| replace("regexReplaceAll", a, compile_panic, true));
    funcs.add("mustRegexReplaceAll", |a| replace("mustRegexReplaceAll", a, compile_must, true));
    funcs.add("regexReplaceAllLiteral", |a| replace("regexReplaceAllLiteral", a, compile_panic, false));
    funcs.add("mustRegexReplaceAllLiteral", |a| replace("mustRegexReplaceAllLiteral", a, compile_must, false));
    funcs.add("regexSplit", |a| split("regexSplit", a, compile_panic));
    funcs.add("mustRegexSplit", |a| split("mustRegexSplit", a, compile_must));
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

/// Compiles with Go's meaning and errors, through a small per-thread cache (charts call the
/// same pattern in loops).
pub(crate) fn compile(pattern: &str) -> Result<Regex, String> {
    if let Some(hit) = CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return hit;
    }
    let result = translate(pattern).and_then(|rust| {
        RegexBuilder::new(&rust)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(|e| rust_error(pattern, &e))
    });
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(pattern.to_string(), result.clone());
    });
    result
}

fn go_error(code: &str, arg: &str) -> String {
    format!("error parsing regexp: {code}: `{arg}`")
}

/// Go's wording for what `regex-lite` refused.
fn rust_error(pattern: &str, error: &regex_lite::Error) -> String {
    let text = error.to_string();
    let last = text.lines().last().unwrap_or("").trim_start_matches("error: ");
    if text.contains("open group without closing") {
        go_error("missing closing )", pattern)
    } else if text.contains("unclosed character class") {
        let from = pattern.rfind('[').unwrap_or(0);
        go_error("missing closing ]", &pattern[from..])
    } else if text.contains("closing ')' without matching") {
        go_error("unexpected )", pattern)
    } else if text.contains("repetition operator must be applied") {
        go_error("missing argument to repetition operator", pattern.get(..1).unwrap_or(""))
    } else if text.contains("invalid range in character class") {
        go_error("invalid character class range", pattern)
    } else if text.contains("escape sequence") || text.contains("backreferences") {
        go_error("invalid escape sequence", pattern)
    } else if text.contains("exceeded size limit") {
        format!("error parsing regexp: pattern too large - compiled program exceeds the limit of {SIZE_LIMIT} bytes")
    } else if text.contains("Unicode character classes are not supported") {
        // Go reads `\p{Greek}`; regex-lite (chosen for the page's size) does not.
        format!("error parsing regexp: Unicode classes such as \\p{{…}} are not supported by ecplint: `{pattern}`")
    } else {
        format!("error parsing regexp: {last}: `{pattern}`")
    }
}

/// Rewrites a Go pattern into the `regex` crate's dialect with the same meaning, or gives Go's
/// error for what Go refuses.
fn translate(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut i = 0;
    // Inside `[...]`; and whether the previous item was a repetition (for Go's nested check).
    let mut in_class = false;
    let mut class_start = 0;
    let mut after_repeat: Option<(usize, bool)> = None;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&next) = chars.get(i + 1) else {
                return Err(go_error("trailing backslash at end of expression", ""));
            };
            after_repeat = None;
            if next == 'Q' {
                let rest: String = chars[i + 2..].iter().collect();
                let (quoted, consumed) = match rest.find("\\E") {
                    Some(end) => (&rest[..end], end + 2),
                    None => (rest.as_str(), rest.len()),
                };
                let escaped = quote_meta(quoted);
                out.push_str(&escaped);
                i += 2 + rest[..consumed].chars().count();
                continue;
            }
            if matches!(next, 'p' | 'P' | 'x') && chars.get(i + 2) == Some(&'{') {
                // `\p{Greek}`, `\x{10FFFF}`: copied whole (the braces are not a repeat).
                let close = chars[i..].iter().position(|&d| d == '}').map(|p| i + p);
                let end = close.ok_or_else(|| go_error("invalid character class range", &chars[i..].iter().collect::<String>()))?;
                out.extend(&chars[i..=end]);
                i = end + 1;
                continue;
            }
            let ascii = |outside: &str, inside: &str| if in_class { inside.to_string() } else { outside.to_string() };
            let replacement = match next {
                'd' => Some(ascii("[0-9]", "0-9")),
                'D' => Some("[^0-9]".to_string()),
                'w' => Some(ascii("[0-9A-Za-z_]", "0-9A-Za-z_")),
                'W' => Some("[^0-9A-Za-z_]".to_string()),
                's' => Some(ascii(r"[\t\n\f\r ]", r"\t\n\f\r ")),
                'S' => Some(r"[^\t\n\f\r ]".to_string()),
                // regex-lite's `\b` is ASCII, as Go's
                'b' if !in_class => Some(r"\b".to_string()),
                'B' if !in_class => Some(r"\B".to_string()),
                '<' | '>' | 'Z' | 'e' | 'h' | 'H' | 'R' | 'K' | 'G' | 'X' | 'N' | 'V' | 'C' | 'E' => {
                    return Err(go_error("invalid escape sequence", &format!("\\{next}")));
                }
                'b' | 'B' if in_class => return Err(go_error("invalid escape sequence", &format!("\\{next}"))),
                _ => None,
            };
            match replacement {
                Some(r) => out.push_str(&r),
                None => {
                    out.push('\\');
                    out.push(next);
                }
            }
            i += 2;
            continue;
        }
        if in_class {
            if c == ']' && i > class_start {
                in_class = false;
            } else if c == '[' && chars.get(i + 1) == Some(&':') {
                // A POSIX class `[:alpha:]` inside a class: copy it whole.
                if let Some(end) = chars[i + 2..].iter().position(|&d| d == ']') {
                    out.extend(&chars[i..i + 3 + end]);
                    i += 3 + end;
                    continue;
                }
            } else if c == '[' {
                // A literal `[` inside a class in Go; the regex crate would read a nested class.
                out.push_str("\\[");
                i += 1;
                continue;
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                // `]` right after `[` or `[^` is a literal in both dialects.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                class_start = i + 1;
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                after_repeat = None;
                continue;
            }
            '*' | '+' | '?' => {
                match after_repeat {
                    // `x*?` is the lazy form; anything more is Go's nested repetition error.
                    Some((start, lazy)) if c != '?' || lazy => {
                        let text: String = chars[start..=i].iter().collect();
                        return Err(go_error("invalid nested repetition operator", &text));
                    }
                    Some((start, _)) => after_repeat = Some((start, true)),
                    None => after_repeat = Some((i, false)),
                }
                out.push(c);
                i += 1;
                continue;
            }
            '{' => {
                if let Some((min, max, len)) = repeat_braces(&chars[i..]) {
                    let text: String = chars[i..i + len].iter().collect();
                    if min > 1000 || max.is_some_and(|m| m > 1000 || m < min) {
                        return Err(go_error("invalid repeat count", &text));
                    }
                    if let Some((start, _)) = after_repeat {
                        let nested: String = chars[start..i + len].iter().collect();
                        return Err(go_error("invalid nested repetition operator", &nested));
                    }
                    after_repeat = Some((i, false));
                    out.push_str(&text);
                    i += len;
                } else {
                    // Not a repeat: Go reads `{` literally.
                    out.push_str("\\{");
                    after_repeat = None;
                    i += 1;
                }
                continue;
            }
            '(' if chars.get(i + 1) == Some(&'?') => {
                // Go's flags are i, m, s, U; named groups `(?P<n>` and `(?<n>`.
                let mut j = i + 2;
                while j < chars.len() && matches!(chars[j], 'i' | 'm' | 's' | 'U' | '-') {
                    j += 1;
                }
                let ok = matches!(chars.get(i + 2), Some('P' | '<'))
                    || chars.get(j) == Some(&':')
                    || (chars.get(j) == Some(&')') && j > i + 2);
                if !ok {
                    let text: String = chars[i..(j + 1).min(chars.len())].iter().collect();
                    return Err(go_error("invalid or unsupported Perl syntax", &text));
                }
            }
            _ => {}
        }
        after_repeat = None;
        out.push(c);
        i += 1;
    }
    Ok(out)
}

/// `{n}`, `{n,}`, `{n,m}` at the start of `chars`: (min, max, length).
fn repeat_braces(chars: &[char]) -> Option<(u64, Option<u64>, usize)> {
    let end = chars.iter().position(|&c| c == '}')?;
    let inner: String = chars[1..end].iter().collect();
    let number = |s: &str| -> Option<u64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            Some(s.parse::<u64>().unwrap_or(u64::MAX))
        }
    };
    let (min, max) = match inner.split_once(',') {
        None => {
            let n = number(&inner)?;
            (n, Some(n))
        }
        Some((a, "")) => (number(a)?, None),
        Some((a, b)) => (number(a)?, Some(number(b)?)),
    };
    Some((min, max, end + 1))
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

/// The matches Go's `FindAll` reports: an empty match right after the previous match is
/// skipped (the regex crate does the same; kept explicit so the rule is visible).
fn go_matches<'a>(re: &Regex, s: &'a str, n: i64) -> Vec<regex_lite::Match<'a>> {
    if n == 0 {
        return Vec::new();
    }
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let mut out: Vec<regex_lite::Match<'a>> = Vec::new();
    for m in re.find_iter(s) {
        if m.is_empty() && out.last().is_some_and(|p| p.end() == m.start()) {
            continue;
        }
        out.push(m);
        if out.len() >= limit {
            break;
        }
    }
    out
}

fn find_all(name: &str, args: &[Value], compile: Compile) -> Res {
    arity(name, args, 3)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    let n = int_arg(args, 2)?;
    Ok(Value::list(go_matches(&re, &s, n).iter().map(|m| Value::str(m.as_str())).collect()))
}

fn find(name: &str, args: &[Value], compile: Compile) -> Res {
    arity(name, args, 2)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    Ok(Value::str(re.find(&s).map(|m| m.as_str()).unwrap_or("")))
}

/// `regexReplaceAll re s repl` (`$1`, `${name}` expanded as Go does) or the literal form.
fn replace(name: &str, args: &[Value], compile: Compile, expand: bool) -> Res {
    arity(name, args, 3)?;
    let re = compile(args)?;
    let s = string_arg(args, 1)?;
    let repl = string_arg(args, 2)?;
    let out = if expand { re.replace_all(&s, &*repl) } else { re.replace_all(&s, NoExpand(&repl)) };
    Ok(Value::from(out.into_owned()))
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
    for m in go_matches(&re, &s, -1) {
        if n > 0 && pieces.len() as i64 == n - 1 {
            break;
        }
        last_start = Some(m.start());
        if m.end() != 0 {
            pieces.push(Value::str(&s[begin..m.start()]));
        }
        begin = m.end();
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
            ("regexFindAll", vec![s("a."), s("a1a2a3"), i(-1)], "[a1 a2 a3]"),
            ("regexFindAll", vec![s("a."), s("a1a2a3"), i(2)], "[a1 a2]"),
            ("regexFindAll", vec![s("a."), s("a1a2a3"), i(0)], "[]"),
            ("regexFindAll", vec![s(""), s("abc"), i(-1)], "[   ]"),
            ("regexFind", vec![s("a."), s("xa1a2")], "a1"),
            ("regexFind", vec![s("z"), s("abc")], ""),
            ("regexReplaceAll", vec![s("a(x*)b"), s("-ab-axxb-"), s("${1}W")], "-W-xxW-"),
            ("regexReplaceAll", vec![s("a(x*)b"), s("-ab-axxb-"), s("$1W")], "---"),
            ("regexReplaceAll", vec![s("(?P<x>a)"), s("aa"), s("[$x]")], "[a][a]"),
            ("regexReplaceAllLiteral", vec![s("a(x*)b"), s("-ab-axxb-"), s("${1}")], "-${1}-${1}-"),
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
            // regex-lite folds case in ASCII only (Go folds É/é too): a documented difference
            ("regexMatch", vec![s("(?i)E"), s("e")], "true"),
            ("regexFind", vec![s(r"\Q.\E"), s("a.b")], "."),
            ("regexMatch", vec![s(r"\Z"), s("a")], "false"),
            ("regexMatch", vec![s("(?<n>a)"), s("a")], "true"),
            ("regexMatch", vec![s("a++"), s("a")], "false"),
            ("regexReplaceAll", vec![s(r"\x{41}"), s("ABA"), s("-")], "-B-"),
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
            ("mustRegexMatch", vec![s("("), s("abc")], "ERR error parsing regexp: missing closing ): `(`"),
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
        for ok in ["a*?", "a+?", "a??", "a{2}?", "a{,5}", "x{", "[]a]", "[^]a]", "[[:alpha:]]", "[a[]", "(?i:a)", "(?P<n>a)"] {
            assert!(translate(ok).is_ok() && compile(ok).is_ok(), "{ok} should compile: {:?}", compile(ok));
        }
        for bad in ["a*??", "a{2}{3}", "(?x)a", r"\<"] {
            assert!(compile(bad).is_err(), "{bad} should fail");
        }
        // A hostile pattern is refused quickly instead of built.
        assert!(compile("((a{1000}){1000}){1000}").is_err());
    }
}
