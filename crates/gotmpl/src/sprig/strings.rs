//! Sprig's string functions: `trim`, `upper`, `title`, `trunc`, `abbrev`, `wrap`, `indent`,
//! `quote`, `cat`, `replace`, the case conversions, ….
//!
//! Go strings are bytes: `trunc`, `substr`, `abbrev` and `wrap` count and cut bytes, as Sprig
//! does (a cut inside a UTF-8 sequence becomes U+FFFD here, see [`byte_slice`]).

use super::{arity, byte_slice, int_arg, string_arg, strval, Plain, Res};
use crate::exec::{Call, Funcs};
use crate::value::Value;
use std::rc::Rc;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("trim", |a| {
        map1("trim", a, |s| s.trim_matches(is_go_space).to_string())
    });
    funcs.add("upper", |a| {
        map1("upper", a, |s| s.chars().map(go_upper).collect())
    });
    funcs.add("lower", |a| {
        map1("lower", a, |s| s.chars().map(go_lower).collect())
    });
    funcs.add("title", |a| map1("title", a, title));
    funcs.add("untitle", |a| map1("untitle", a, untitle));
    funcs.add("nospace", |a| {
        map1("nospace", a, |s| {
            s.chars().filter(|c| !is_go_space(*c)).collect()
        })
    });
    funcs.add("initials", |a| map1("initials", a, initials));
    funcs.add("swapcase", |a| map1("swapcase", a, swapcase));
    funcs.add("snakecase", |a| {
        map1("snakecase", a, |s| split_case(s, '_'))
    });
    funcs.add("kebabcase", |a| {
        map1("kebabcase", a, |s| split_case(s, '-'))
    });
    funcs.add("camelcase", |a| map1("camelcase", a, camelcase));
    funcs.add("trimAll", |a| trim_all("trimAll", a));
    funcs.add("trimall", |a| trim_all("trimall", a));
    funcs.add("trimSuffix", trim_suffix);
    funcs.add("trimPrefix", trim_prefix);
    funcs.add("contains", |a| {
        test2("contains", a, |sub, s| s.contains(sub))
    });
    funcs.add("hasPrefix", |a| {
        test2("hasPrefix", a, |p, s| s.starts_with(p))
    });
    funcs.add("hasSuffix", |a| {
        test2("hasSuffix", a, |p, s| s.ends_with(p))
    });
    funcs.add("trunc", trunc);
    funcs.add("abbrev", abbrev);
    funcs.add("abbrevboth", abbrevboth);
    funcs.add("substr", substr);
    funcs.add("replace", replace);
    funcs.add("plural", plural);
    funcs.add("wrap", wrap);
    funcs.add("wrapWith", wrap_with);
    funcs.add("quote", |a| {
        Ok(quote_all(a, |s| crate::fmt::quote_go(s, false)))
    });
    funcs.add("squote", |a| Ok(quote_all(a, |s| format!("'{s}'"))));
    funcs.add("cat", cat);
    funcs.add("hello", |a| {
        arity("hello", a, 0)?;
        Ok(Value::str("Hello!"))
    });
}

pub(super) fn register_with_context(funcs: &mut Funcs) {
    funcs.insert("repeat", Rc::new(repeat));
    funcs.insert(
        "indent",
        Rc::new(|call: &mut Call<'_>, a: &[Value]| {
            indent("indent", a, false, call.limits().max_string)
        }),
    );
    funcs.insert(
        "nindent",
        Rc::new(|call: &mut Call<'_>, a: &[Value]| {
            indent("nindent", a, true, call.limits().max_string)
        }),
    );
}

/// Go's `unicode.IsSpace`.
pub(crate) fn is_go_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{85}' | '\u{A0}'
    ) || (c as u32 > 0xFF && c.is_whitespace())
}

/// Go's `unicode.ToUpper` maps one rune to one rune; Rust's may give several (ß → SS), which Go
/// leaves alone.
pub(crate) fn go_upper(c: char) -> char {
    single(c.to_uppercase()).unwrap_or(c)
}

pub(crate) fn go_lower(c: char) -> char {
    single(c.to_lowercase()).unwrap_or(c)
}

/// Go's `unicode.ToTitle`: the upper case, except the digraphs with their own title case.
fn go_title(c: char) -> char {
    match c {
        'Ǆ' | 'ǅ' | 'ǆ' => 'ǅ',
        'Ǉ' | 'ǈ' | 'ǉ' => 'ǈ',
        'Ǌ' | 'ǋ' | 'ǌ' => 'ǋ',
        'Ǳ' | 'ǲ' | 'ǳ' => 'ǲ',
        _ => go_upper(c),
    }
}

fn is_title_case(c: char) -> bool {
    matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ')
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

fn map1(name: &str, args: &[Value], f: impl Fn(&str) -> String) -> Res {
    arity(name, args, 1)?;
    Ok(Value::from(f(&string_arg(args, 0)?)))
}

fn test2(name: &str, args: &[Value], f: impl Fn(&str, &str) -> bool) -> Res {
    arity(name, args, 2)?;
    Ok(Value::Bool(f(&string_arg(args, 0)?, &string_arg(args, 1)?)))
}

/// `strings.Title`: the first letter of every word in title case; words are separated by
/// spaces and by ASCII characters other than letters, digits and `_`.
fn title(s: &str) -> String {
    let mut prev_sep = true;
    s.chars()
        .map(|c| {
            let out = if prev_sep { go_title(c) } else { c };
            prev_sep = is_title_separator(c);
            out
        })
        .collect()
}

fn is_title_separator(c: char) -> bool {
    if c.is_ascii() {
        !(c.is_ascii_alphanumeric() || c == '_')
    } else if c.is_alphanumeric() {
        false
    } else {
        is_go_space(c)
    }
}

/// The first letter of every whitespace-separated word in lower case.
fn untitle(s: &str) -> String {
    let mut prev_space = true;
    s.chars()
        .map(|c| {
            let out = if prev_space { go_lower(c) } else { c };
            prev_space = is_go_space(c);
            out
        })
        .collect()
}

/// The first byte of every whitespace-separated word, read as a rune (so `é` gives `Ã`, as
/// Sprig does).
fn initials(s: &str) -> String {
    s.split(is_go_space)
        .filter(|w| !w.is_empty())
        .map(|w| w.as_bytes()[0] as char)
        .collect()
}

/// Upper and title case to lower, lower case to title case.
fn swapcase(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_uppercase() || is_title_case(c) {
                go_lower(c)
            } else if c.is_lowercase() {
                go_title(c)
            } else {
                c
            }
        })
        .collect()
}

/// What the case conversions tell apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Space, `_`, `-`: a word break.
    Connector,
    Upper,
    Lower,
    Digit,
    /// A letter without case (日本).
    Caseless,
    /// Anything else (`.`, `/`, title-case digraphs): kept, not a word break.
    Other,
}

fn class(c: char) -> Class {
    if c == '_' || c == '-' || is_go_space(c) {
        Class::Connector
    } else if c.is_uppercase() {
        Class::Upper
    } else if c.is_lowercase() {
        Class::Lower
    } else if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() && !is_title_case(c) {
        Class::Caseless
    } else {
        Class::Other
    }
}

/// `snakecase`/`kebabcase` (xstrings' rules, observed with helm 3.17.3): connectors become
/// `sep`; a new word starts at an upper-case letter after a lower-case one or a digit, at the
/// last capital of a run followed by a lower-case letter (`HTTPServer` → `http_server`), at a
/// digit run after a letter when a lower-case letter follows the run (`abc123def` →
/// `abc_123def`, but `bar2Baz` → `bar2_baz`), and between caseless letters and cased ones.
fn split_case(s: &str, sep: char) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    // Class of the previous letter/digit in the current word; None at a word start.
    let mut prev: Option<Class> = None;
    for (i, &c) in chars.iter().enumerate() {
        let cls = class(c);
        let next = chars.get(i + 1).map(|&n| class(n));
        let split = match (prev, cls) {
            (_, Class::Connector) => {
                out.push(sep);
                prev = None;
                continue;
            }
            (_, Class::Other) => {
                out.push(c);
                prev = None;
                continue;
            }
            (None, _) => false,
            (Some(Class::Lower), Class::Upper) | (Some(Class::Digit), Class::Upper) => true,
            (Some(Class::Upper), Class::Upper) => next == Some(Class::Lower),
            (Some(Class::Upper | Class::Lower), Class::Digit) => {
                let after = chars[i..]
                    .iter()
                    .find(|&&d| class(d) != Class::Digit)
                    .map(|&d| class(d));
                after == Some(Class::Lower)
            }
            (Some(Class::Caseless), Class::Upper | Class::Lower) => true,
            (Some(Class::Upper | Class::Lower), Class::Caseless) => true,
            _ => false,
        };
        if split {
            out.push(sep);
        }
        out.push(go_lower(c));
        prev = Some(cls);
    }
    out
}

/// `camelcase` (observed with helm 3.17.3): connectors are dropped and the next letter is
/// upper-cased (a run of connectors keeps all but its last; leading and trailing ones stay); the
/// first letter is upper-cased; a run of capitals that starts a word keeps only its first
/// (`HTTPServer` → `Httpserver`, `FOO_BAR` → `FooBar`). A string of connectors only gets its
/// last one twice (`_` → `__`), as Sprig does.
fn camelcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    if chars.iter().all(|&c| class(c) == Class::Connector) {
        let mut out: String = chars.iter().collect();
        out.push(*chars.last().unwrap());
        return out;
    }
    let lead = chars
        .iter()
        .take_while(|&&c| class(c) == Class::Connector)
        .count();
    let mut out: String = chars[..lead].iter().collect();
    let mut word_start = true;
    let mut lowering = false;
    let mut i = lead;
    while i < chars.len() {
        let c = chars[i];
        if class(c) == Class::Connector {
            let run = chars[i..]
                .iter()
                .take_while(|&&d| class(d) == Class::Connector)
                .count();
            let at_end = i + run == chars.len();
            let keep = if at_end { run } else { run - 1 };
            out.extend(&chars[i..i + keep]);
            i += run;
            word_start = true;
            lowering = false;
            continue;
        }
        if word_start {
            lowering = c.is_uppercase();
            out.push(go_upper(c));
        } else if lowering && c.is_uppercase() {
            out.push(go_lower(c));
        } else {
            lowering = false;
            out.push(c);
        }
        word_start = false;
        i += 1;
    }
    out
}

fn trim_all(name: &str, args: &[Value]) -> Res {
    arity(name, args, 2)?;
    let cutset = string_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    Ok(Value::from(s.trim_matches(|c| cutset.contains(c))))
}

fn trim_suffix(args: &[Value]) -> Res {
    arity("trimSuffix", args, 2)?;
    let suffix = string_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    Ok(Value::from(s.strip_suffix(&*suffix).unwrap_or(&s)))
}

fn trim_prefix(args: &[Value]) -> Res {
    arity("trimPrefix", args, 2)?;
    let prefix = string_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    Ok(Value::from(s.strip_prefix(&*prefix).unwrap_or(&s)))
}

/// `trunc N s`: the first N bytes, or the last -N for a negative N.
fn trunc(args: &[Value]) -> Res {
    arity("trunc", args, 2)?;
    let n = int_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    let len = s.len() as i64;
    Ok(Value::from(if n < 0 && len + n > 0 {
        byte_slice(&s, (len + n) as usize, s.len())
    } else if n >= 0 && len > n {
        byte_slice(&s, 0, n as usize)
    } else {
        s.to_string()
    }))
}

/// Apache's `abbreviate(s, offset, width)` as Sprig's `abbrev`/`abbrevboth` use it (bytes).
fn abbreviate(s: &str, offset: i64, width: i64) -> String {
    let len = s.len() as i64;
    if s.is_empty() || width < 4 || len <= width {
        return s.to_string();
    }
    let mut offset = offset.min(len);
    if len - offset < width - 3 {
        offset = len - (width - 3);
    }
    if offset <= 4 {
        return byte_slice(s, 0, (width - 3) as usize) + "...";
    }
    if width < 7 {
        return s.to_string();
    }
    if offset + width - 3 < len {
        let rest = byte_slice(s, offset as usize, s.len());
        return "...".to_string() + &abbreviate(&rest, 0, width - 3);
    }
    "...".to_string() + &byte_slice(s, (len - (width - 3)) as usize, s.len())
}

fn abbrev(args: &[Value]) -> Res {
    arity("abbrev", args, 2)?;
    let width = int_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    Ok(Value::from(if width < 4 {
        s.to_string()
    } else {
        abbreviate(&s, 0, width)
    }))
}

fn abbrevboth(args: &[Value]) -> Res {
    arity("abbrevboth", args, 3)?;
    let left = int_arg(args, 0)?;
    let right = int_arg(args, 1)?;
    let s = string_arg(args, 2)?;
    if right < 4 || (left > 0 && right < 7) {
        return Ok(Value::String(s));
    }
    Ok(Value::from(abbreviate(&s, left, right)))
}

/// `substr start end s` (bytes): a negative start means 0, a negative or too large end means
/// the end; start past end is Go's slice error.
fn substr(args: &[Value]) -> Res {
    arity("substr", args, 3)?;
    let start = int_arg(args, 0)?;
    let end = int_arg(args, 1)?;
    let s = string_arg(args, 2)?;
    let len = s.len() as i64;
    let (from, to) = if start < 0 {
        (0, end)
    } else if end < 0 || end > len {
        (start, len)
    } else {
        (start, end)
    };
    if to > len || to < 0 {
        return Err(format!(
            "runtime error: slice bounds out of range [:{to}] with length {len}"
        ));
    }
    if from > to {
        return Err(format!(
            "runtime error: slice bounds out of range [{from}:{to}]"
        ));
    }
    Ok(Value::from(byte_slice(&s, from as usize, to as usize)))
}

/// `indent`/`nindent`: a limit error, rather than an allocation, when the result would be over
/// `max` bytes (the pad goes before every line).
fn indent(name: &str, args: &[Value], newline: bool, max: usize) -> Res {
    arity(name, args, 2)?;
    let n = int_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    if n < 0 {
        return Err("strings: negative Repeat count".into());
    }
    let lines = s.matches('\n').count() as u64 + 1;
    let size = (n as u64)
        .checked_mul(lines)
        .and_then(|pads| pads.checked_add(s.len() as u64));
    if size.is_none_or(|size| size > max as u64) {
        return Err(crate::exec::limit_exceeded(&format!(
            "{name}: the result would be larger than the limit of {max} bytes"
        )));
    }
    let pad = " ".repeat(n as usize);
    let mut out = String::with_capacity(s.len() + pad.len() * lines as usize + 1);
    if newline {
        out.push('\n');
    }
    // The pad before every line, the empty one after a last line break included (indent runs
    // on most of a chart's output: line breaks found by memchr, not byte by byte).
    for line in s.split_inclusive('\n') {
        out.push_str(&pad);
        out.push_str(line);
    }
    if s.is_empty() || s.ends_with('\n') {
        out.push_str(&pad);
    }
    Ok(Value::from(out))
}

fn replace(args: &[Value]) -> Res {
    arity("replace", args, 3)?;
    let old = string_arg(args, 0)?;
    let new = string_arg(args, 1)?;
    let s = string_arg(args, 2)?;
    Ok(Value::from(s.replace(&*old, &new)))
}

fn plural(args: &[Value]) -> Res {
    arity("plural", args, 3)?;
    let one = string_arg(args, 0)?;
    let many = string_arg(args, 1)?;
    let n = int_arg(args, 2)?;
    Ok(Value::String(if n == 1 { one } else { many }))
}

/// Apache's `WordUtils.wrap` (bytes): break at the last space within `width`; a longer word is
/// cut (`wrapWith`) or kept whole up to the next space (`wrap`); spaces at a break are dropped.
fn wrap_text(s: &str, width: i64, sep: &str, long_words: bool) -> String {
    let width = width.max(1) as usize;
    let bytes = s.as_bytes();
    let len = bytes.len();
    let mut out = String::with_capacity(len + 16);
    let mut offset = 0;
    while len - offset > width {
        if bytes[offset] == b' ' {
            offset += 1;
            continue;
        }
        let window_end = (offset + width).min(len - 1);
        match bytes[offset..=window_end].iter().rposition(|&b| b == b' ') {
            Some(rel) => {
                out.push_str(&byte_slice(s, offset, offset + rel));
                out.push_str(sep);
                offset += rel + 1;
            }
            None if long_words => {
                out.push_str(&byte_slice(s, offset, offset + width));
                out.push_str(sep);
                offset += width;
            }
            None => match bytes[offset + width..].iter().position(|&b| b == b' ') {
                Some(rel) => {
                    out.push_str(&byte_slice(s, offset, offset + width + rel));
                    out.push_str(sep);
                    offset += width + rel + 1;
                }
                None => {
                    out.push_str(&byte_slice(s, offset, len));
                    offset = len;
                }
            },
        }
    }
    out.push_str(&byte_slice(s, offset, len));
    out
}

fn wrap(args: &[Value]) -> Res {
    arity("wrap", args, 2)?;
    let width = int_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    Ok(Value::from(wrap_text(&s, width, "\n", false)))
}

fn wrap_with(args: &[Value]) -> Res {
    arity("wrapWith", args, 3)?;
    let width = int_arg(args, 0)?;
    let sep = string_arg(args, 1)?;
    let s = string_arg(args, 2)?;
    Ok(Value::from(wrap_text(&s, width, &sep, true)))
}

/// `quote`/`squote`: each argument but nil, quoted, joined by spaces.
fn quote_all(args: &[Value], quote: impl Fn(&str) -> String) -> Value {
    let parts: Vec<String> = args
        .iter()
        .filter(|a| !a.is_nil())
        .map(|a| quote(&strval(a)))
        .collect();
    Value::from(parts.join(" "))
}

/// `cat`: the arguments but nil, as strings, joined by spaces.
fn cat(args: &[Value]) -> Res {
    let parts: Vec<String> = args.iter().filter(|a| !a.is_nil()).map(strval).collect();
    Ok(Value::from(parts.join(" ")))
}

/// `repeat N s`, refused before building when the result would pass the string limit.
fn repeat(call: &mut Call<'_>, args: &[Value]) -> Res {
    arity("repeat", args, 2)?;
    let n = int_arg(args, 0)?;
    let s = string_arg(args, 1)?;
    let max = call.limits().max_string;
    let size = repeat_size(n, s.len(), max)?;
    call.charge(size as u64 / 64)?;
    Ok(Value::from(s.repeat(n as usize)))
}

/// The size of `repeat n` of a `len`-byte string, or Go's error for a negative count, or a limit
/// error past `max` bytes.
pub(crate) fn repeat_size(n: i64, len: usize, max: usize) -> Result<usize, String> {
    if n < 0 {
        return Err("strings: negative Repeat count".into());
    }
    match (n as u64).checked_mul(len as u64) {
        Some(size) if size <= max as u64 => Ok(size as usize),
        _ => Err(format!(
            "{}repeat: the result would be larger than the limit of {max} bytes",
            crate::exec::LIMIT_MARK
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    fn call(f: fn(&[Value]) -> Res, args: Vec<Value>) -> String {
        show(f(&args))
    }

    #[test]
    fn by_name() {
        assert_eq!(crate::sprig::test_util::call("upper", vec![s("aß")]), "Aß");
        assert_eq!(
            crate::sprig::test_util::call("trim", vec![s("  x \n")]),
            "x"
        );
        assert_eq!(
            crate::sprig::test_util::call("upper", vec![i(3)]),
            "ERR bad arg 0 string"
        );
        assert_eq!(
            crate::sprig::test_util::call("upper", vec![s("a"), s("b")]),
            "ERR wrong number of args for upper: want 1 got 2"
        );
        assert_eq!(crate::sprig::test_util::call("lower", vec![s("ÀB")]), "àb");
        assert_eq!(
            crate::sprig::test_util::call("nospace", vec![s(" a b\tc\n d ")]),
            "abcd"
        );
        assert_eq!(
            crate::sprig::test_util::call("trimSuffix", vec![s("-"), s("hello-")]),
            "hello"
        );
        assert_eq!(
            crate::sprig::test_util::call("contains", vec![s("b"), s("abc")]),
            "true"
        );
        assert_eq!(crate::sprig::test_util::call("hello", vec![]), "Hello!");
    }

    // Expectations observed with helm 3.17.3.
    #[test]
    fn abbreviations() {
        assert_eq!(call(abbrev, vec![i(5), s("hello world")]), "he...");
        assert_eq!(call(abbrev, vec![i(3), s("hello world")]), "hello world");
        assert_eq!(call(abbrev, vec![i(20), s("hello")]), "hello");
        assert_eq!(
            call(abbrevboth, vec![i(5), i(10), s("1234 5678 9123")]),
            "...5678..."
        );
        assert_eq!(call(abbrevboth, vec![i(0), i(5), s("abcdefghij")]), "ab...");
        assert_eq!(
            call(abbrevboth, vec![i(3), i(8), s("abcdefghijklmno")]),
            "abcde..."
        );
        assert_eq!(
            call(abbrevboth, vec![i(10), i(8), s("abcdefghijklmno")]),
            "...klmno"
        );
        assert_eq!(
            call(abbrevboth, vec![i(6), i(7), s("abcdefghijklmno")]),
            "...g..."
        );
        assert_eq!(
            call(abbrevboth, vec![i(20), i(10), s("abcdefghijklmnopq")]),
            "...klmnopq"
        );
        assert_eq!(
            call(abbrevboth, vec![i(1), i(6), s("abcdefghijkl")]),
            "abcdefghijkl"
        );
    }

    #[test]
    fn trunc_and_substr() {
        assert_eq!(call(trunc, vec![i(5), s("hello world")]), "hello");
        assert_eq!(call(trunc, vec![i(-5), s("hello world")]), "world");
        assert_eq!(call(trunc, vec![i(-50), s("hi")]), "hi");
        assert_eq!(call(trunc, vec![i(0), s("hi")]), "");
        assert_eq!(call(substr, vec![i(1), i(3), s("abcdef")]), "bc");
        assert_eq!(call(substr, vec![i(-1), i(3), s("abcdef")]), "abc");
        assert_eq!(call(substr, vec![i(2), i(-1), s("abcdef")]), "cdef");
        assert_eq!(call(substr, vec![i(2), i(99), s("abcdef")]), "cdef");
        assert_eq!(
            call(substr, vec![i(3), i(1), s("abcdef")]),
            "ERR runtime error: slice bounds out of range [3:1]"
        );
        // Go's argument checks.
        assert_eq!(
            call(trunc, vec![Value::int64(3), s("abcd")]),
            "ERR bad arg 0 int"
        );
        assert_eq!(
            call(trunc, vec![i(3)]),
            "ERR wrong number of args for trunc: want 2 got 1"
        );
    }

    #[test]
    fn cases() {
        assert_eq!(
            title("hello wORLD foo_bar a-b x.y 3rd"),
            "Hello WORLD Foo_bar A-B X.Y 3rd"
        );
        assert_eq!(title("o'neil é-à"), "O'Neil É-À");
        assert_eq!(title("ǆa"), "ǅa");
        assert_eq!(untitle("ABC dEF\tGhi"), "aBC dEF\tghi");
        assert_eq!(initials("first  try here"), "fth");
        assert_eq!(initials("élan vital"), "Ãv");
        assert_eq!(swapcase("This Is A.Test ß"), "tHIS iS a.tEST ß");
        assert_eq!(swapcase("aBc1 ǅ Ǆ ǆ"), "AbC1 ǆ ǆ ǅ");
        let snake = [
            ("FirstName", "first_name"),
            ("HTTPServer", "http_server"),
            ("first name", "first_name"),
            ("foo-bar_baz", "foo_bar_baz"),
            ("fooBar2Baz", "foo_bar2_baz"),
            ("ID", "id"),
            ("aBC", "a_bc"),
            ("Foo  Bar", "foo__bar"),
            ("foo.bar", "foo.bar"),
            ("_foo_", "_foo_"),
            ("A1B2", "a1_b2"),
            ("HTTPServerID", "http_server_id"),
            ("abc123def", "abc_123def"),
            ("ABC123def", "abc_123def"),
            ("123ABC", "123_abc"),
            ("a1b", "a_1b"),
            ("v1.2.3", "v1.2.3"),
            ("getHTTP2Url", "get_http2_url"),
            ("XYz", "x_yz"),
            ("a12bC", "a_12b_c"),
            ("AB1C", "ab1_c"),
            ("aB.cD", "a_b.c_d"),
            ("a12B3c", "a12_b_3c"),
            ("日本Go", "日本_go"),
            ("a日B", "a_日_b"),
            ("ǅx", "ǅx"),
            ("a\tb", "a_b"),
        ];
        for (input, want) in snake {
            assert_eq!(split_case(input, '_'), want, "snakecase {input}");
        }
        assert_eq!(split_case("abc123DEF", '-'), "abc123-def");
        let camel = [
            ("http_server", "HttpServer"),
            ("first name", "FirstName"),
            ("_foo_bar_", "_FooBar_"),
            ("fooBar", "FooBar"),
            ("foo__bar", "Foo_Bar"),
            ("FOO_BAR", "FooBar"),
            ("foo_1bar", "Foo1bar"),
            ("a.b c", "A.bC"),
            ("HTTPServer", "Httpserver"),
            ("ABC", "Abc"),
            ("aBC", "ABC"),
            ("fooBAR", "FooBAR"),
            ("_", "__"),
            ("__", "___"),
            (" ", "  "),
            ("__a", "__A"),
            ("a__", "A__"),
            ("a___b", "A__B"),
            ("a-_b", "A-B"),
            ("AbC_DeF", "AbCDeF"),
            ("ABC123DEF", "Abc123DEF"),
            ("ABcD", "AbcD"),
            ("A.BC", "A.BC"),
            ("fOO", "FOO"),
            ("ÀÉÈ", "Àéè"),
            ("", ""),
        ];
        for (input, want) in camel {
            assert_eq!(camelcase(input), want, "camelcase {input}");
        }
    }

    #[test]
    fn wrapping() {
        assert_eq!(
            wrap_text("Hello World foo", 5, "\n", false),
            "Hello\nWorld\nfoo"
        );
        assert_eq!(wrap_text("Hello World", 5, "\t", true), "Hello\tWorld");
        assert_eq!(wrap_text("abcdefgh ij", 3, "\n", false), "abcdefgh\nij");
        assert_eq!(
            wrap_text("abcdefgh ij", 3, "<br>", true),
            "abc<br>def<br>gh<br>ij"
        );
        assert_eq!(
            wrap_text("a\nbb cc dd ee ff gg", 10, "\n", false),
            "a\nbb cc dd\nee ff gg"
        );
        assert_eq!(wrap_text("a b", 0, "\n", false), "a\nb");
        assert_eq!(wrap_text("  a   b  ", 4, "\n", false), "a  \nb  ");
        assert_eq!(wrap_text("héllo wörld", 4, "|", true), "hél|lo|wör|ld");
    }

    #[test]
    fn quoting_and_joining() {
        let q = |a: Vec<Value>| show(Ok(quote_all(&a, |s| crate::fmt::quote_go(s, false))));
        assert_eq!(
            q(vec![s("a"), i(1), Value::Nil, s("b\"c")]),
            r#""a" "1" "b\"c""#
        );
        assert_eq!(q(vec![]), "");
        assert_eq!(
            show(Ok(quote_all(&[s("a"), Value::Nil, i(2)], |s| format!(
                "'{s}'"
            )))),
            "'a' '2'"
        );
        assert_eq!(call(cat, vec![s("a"), i(1), Value::Nil, s("b")]), "a 1 b");
        assert_eq!(
            call(|a| indent("nindent", a, true, 100), vec![i(2), s("a\n\nb")]),
            "\n  a\n  \n  b"
        );
        assert_eq!(
            call(|a| indent("nindent", a, true, 100), vec![i(0), s("a")]),
            "\na"
        );
        // Every line padded, the empty one after a last line break and an empty text too.
        for (text, want) in [
            ("", "  "),
            ("\n", "  \n  "),
            ("a\n", "  a\n  "),
            ("\na", "  \n  a"),
        ] {
            assert_eq!(
                call(|a| indent("indent", a, false, 100), vec![i(2), s(text)]),
                want
            );
        }
        assert_eq!(
            call(|a| indent("indent", a, false, 100), vec![i(-1), s("a")]),
            "ERR strings: negative Repeat count"
        );
        // 2 lines × 50 spaces + 3 bytes: over 100, refused before any allocation.
        for n in [50, 2_222_222_222, i64::MAX] {
            let out = call(|a| indent("indent", a, false, 100), vec![i(n), s("a\nb")]);
            assert!(
                out.contains("indent: the result would be larger than the limit of 100 bytes"),
                "{out}"
            );
        }
        assert_eq!(
            call(|a| indent("indent", a, false, 100), vec![i(48), s("a\nb")]).len(),
            99
        );
        assert_eq!(call(replace, vec![s(""), s("-"), s("abc")]), "-a-b-c-");
        assert_eq!(call(plural, vec![s("one"), s("many"), i(0)]), "many");
        assert_eq!(
            call(|a| trim_all("trimAll", a), vec![s("$"), s("$5.00$")]),
            "5.00"
        );
        assert_eq!(
            call(
                |a| map1("upper", a, |s| s.chars().map(go_upper).collect()),
                vec![s("aß")]
            ),
            "Aß"
        );
        assert_eq!(
            call(|a| map1("upper", a, |s| s.to_string()), vec![i(3)]),
            "ERR bad arg 0 string"
        );
    }

    #[test]
    fn repeat_limits() {
        assert_eq!(repeat_size(3, 2, 100), Ok(6));
        assert_eq!(
            repeat_size(-1, 2, 100),
            Err("strings: negative Repeat count".into())
        );
        assert!(repeat_size(i64::MAX, 2, 100).is_err());
        assert!(repeat_size(51, 2, 100).is_err());
    }
}
