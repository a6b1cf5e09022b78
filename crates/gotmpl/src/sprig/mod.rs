//! Sprig v3's functions as Helm 3.17.3 exposes them (all but `env`/`expandenv`, which Helm
//! removes, and `toJson`/`fromJson`, which Helm replaces with its own), one file per category
//! of Sprig's documentation: `strings`, `string_lists`, `conversion`, `math`, `defaults`,
//! `encoding`, `json`, `lists`, `dicts`, `types`, `paths`, `regex` (over our RE2 engine `re2`),
//! `semver`, `urls`, `random`, `date`, and `crypto` (hashes, passwords, keys, certificates, AES).
//!
//! Go checks the arguments of a typed function (`upper(string)`, `trunc(int, string)`) before
//! calling it. Our functions take `&[Value]` and check their own arguments with the helpers
//! below: a wrong count is Go's `wrong number of args for upper: want 1 got 2`, a wrong type is
//! [`bad_arg`], which the executor words as Go does for that argument (`expected string; found
//! 3`, `wrong type for value; expected int; got int64`, …) at the argument. Other errors are
//! the function's own (`error calling NAME: …`). Functions that need the execution (the random
//! source, the clock, the work budget) are registered with a [`Call`](crate::exec::Call).

mod conversion;
mod crypto;
mod date;
mod defaults;
mod dicts;
#[cfg(test)]
mod e2e_tests;
mod encoding;
pub use encoding::{base64_decode, base64_encode};
pub mod json;
mod json_decode;
mod lists;
mod math;
mod paths;
mod random;
mod re2;
mod regex;
mod semver;
mod string_lists;
mod strings;
mod types;
mod urls;

use crate::exec::Funcs;
use crate::value::{IntKind, Str, Value};

pub(crate) type Res = Result<Value, String>;

/// A function that needs no context of the execution.
pub(crate) type PlainFn = fn(&[Value]) -> Res;

/// The context-free functions by name (kept apart from [`Funcs`] so tests can call them).
#[derive(Default)]
pub(crate) struct Plain(Vec<(&'static str, PlainFn)>);

impl Plain {
    pub(crate) fn add(&mut self, name: &'static str, func: PlainFn) {
        self.0.push((name, func));
    }
}

fn plain() -> Plain {
    let mut p = Plain::default();
    strings::register(&mut p);
    string_lists::register(&mut p);
    conversion::register(&mut p);
    math::register(&mut p);
    defaults::register(&mut p);
    encoding::register(&mut p);
    json::register(&mut p);
    lists::register(&mut p);
    dicts::register(&mut p);
    types::register(&mut p);
    paths::register(&mut p);
    regex::register(&mut p);
    semver::register(&mut p);
    urls::register(&mut p);
    date::register(&mut p);
    p
}

/// Every Sprig function Helm offers.
pub fn funcs() -> Funcs {
    let mut funcs = Funcs::new();
    for (name, func) in plain().0 {
        funcs.add(name, func);
    }
    strings::register_with_context(&mut funcs);
    math::register_with_context(&mut funcs);
    random::register_with_context(&mut funcs);
    date::register_with_context(&mut funcs);
    crypto::register(&mut funcs);
    funcs
}

/// Go's check of a fixed number of arguments.
pub(crate) fn arity(name: &str, args: &[Value], want: usize) -> Result<(), String> {
    if args.len() == want {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want {want} got {}",
            args.len()
        ))
    }
}

/// Go's check of a variadic function's fixed arguments.
pub(crate) fn arity_at_least(name: &str, args: &[Value], want: usize) -> Result<(), String> {
    if args.len() >= want {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want at least {want} got {}",
            args.len()
        ))
    }
}

/// The error for argument `index` not being of the Go type `expected`: the executor words it
/// as Go does for that argument's node (`expected string; found 1` for a literal, `wrong type
/// for value; expected string; got int` for a computed value, …) at the argument.
pub(crate) fn bad_arg(index: usize, expected: &str) -> String {
    crate::exec::bad_arg(index, expected)
}

/// Go's text for a computed argument of the wrong type (`crypto` words its own errors with it;
/// [`bad_arg`] lets the executor word it for the argument's node).
pub(crate) fn wrong_type(args: &[Value], index: usize, expected: &str) -> String {
    let value = &args[index];
    // A value read from a map (`.Values.x`, nil included) is typed `interface {}` in Go.
    let got = if value.is_nil() {
        "interface {}".to_string()
    } else {
        value.type_name()
    };
    format!("wrong type for value; expected {expected}; got {got}")
}

/// A `string` parameter. Raw bytes that a decode gave (Go strings need not be UTF-8, ours
/// are) are read as text, invalid sequences as U+FFFD.
pub(crate) fn string_arg(args: &[Value], index: usize) -> Result<Str, String> {
    match &args[index] {
        Value::String(s) => Ok(s.clone()),
        Value::Bytes(b) => Ok(Str::from(String::from_utf8_lossy(b))),
        _ => Err(bad_arg(index, "string")),
    }
}

/// An `int` parameter: Go accepts only an `int` (a literal, `len`, `int`, `atoi`), not the
/// `int64` of Sprig's arithmetic nor the float64 of a values file.
pub(crate) fn int_arg(args: &[Value], index: usize) -> Result<i64, String> {
    match &args[index] {
        Value::Int(i, IntKind::Int) => Ok(*i),
        _ => Err(bad_arg(index, "int")),
    }
}

/// A `bool` parameter.
pub(crate) fn bool_arg(args: &[Value], index: usize) -> Result<bool, String> {
    match &args[index] {
        Value::Bool(b) => Ok(*b),
        _ => Err(bad_arg(index, "bool")),
    }
}

/// A `map[string]interface {}` parameter, which may be a nil map.
pub(crate) fn map_arg(args: &[Value], index: usize) -> Result<Option<crate::value::Map>, String> {
    match &args[index] {
        Value::Map(m) => Ok(Some(m.clone())),
        Value::Nil => Ok(None),
        _ => Err(bad_arg(index, "map[string]interface {}")),
    }
}

/// Sprig's `strval`: strings and `[]byte` as they are, everything else as `%v` prints it
/// (nil is `<nil>`).
pub(crate) fn strval(value: &Value) -> String {
    match value {
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => crate::fmt::format_value(other),
    }
}

/// A slice argument's items (`[]interface{}`, `[]string`, `[]byte`…), or `None` for a value
/// that is not a slice.
pub(crate) fn slice_items(value: &Value) -> Option<Vec<Value>> {
    match value {
        Value::List(l) => Some(l.items().to_vec()),
        Value::Bytes(b) => Some(b.iter().map(|&x| Value::int(x as i64)).collect()),
        _ => None,
    }
}

/// How deep the recursive helpers (`deepEqual`, `deepCopy`, `merge`) descend: far beyond any
/// chart's data, shallow enough for a small (wasm) stack. Past it, values compare and copy by
/// reference (only data nested on purpose in a template loop gets there).
pub(crate) const MAX_NESTING: usize = 500;

/// Go's `reflect.DeepEqual` over our values (ints of different Go types differ, as in Go).
pub(crate) fn deep_equal(a: &Value, b: &Value) -> bool {
    deep_equal_at(a, b, 0)
}

fn deep_equal_at(a: &Value, b: &Value, depth: usize) -> bool {
    let nested_ok = depth < MAX_NESTING;
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x, kx), Value::Int(y, ky)) => x == y && kx == ky,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            std::rc::Rc::ptr_eq(&x.0, &y.0)
                || (nested_ok
                    && x.items().len() == y.items().len()
                    && x.items()
                        .iter()
                        .zip(y.items())
                        .all(|(p, q)| deep_equal_at(p, q, depth + 1)))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.same(y) {
                return true;
            }
            let (ex, ey) = (x.entries(), y.entries());
            nested_ok
                && ex.len() == ey.len()
                && ex
                    .iter()
                    .zip(&ey)
                    .all(|((kx, vx), (ky, vy))| kx == ky && deep_equal_at(vx, vy, depth + 1))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.type_name() == y.type_name()
                && nested_ok
                && deep_equal_at(&x.to_data(), &y.to_data(), depth + 1)
        }
        _ => false,
    }
}

/// Sprig's emptiness (`empty`, `default`, `compact`, `coalesce`): nil, false, zero numbers and
/// empty strings, slices and maps; structs are never empty.
pub(crate) fn is_empty(value: &Value) -> bool {
    !matches!(value, Value::Object(_)) && !value.truth()
}

/// Cuts a string at a byte offset as Go's slicing does; a cut inside a UTF-8 sequence (which Go
/// keeps as raw bytes) becomes U+FFFD here.
pub(crate) fn byte_slice(s: &str, start: usize, end: usize) -> String {
    match s.get(start..end) {
        Some(part) => part.to_string(),
        None => String::from_utf8_lossy(&s.as_bytes()[start..end]).into_owned(),
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::value::{Map, Value};

    pub fn s(x: &str) -> Value {
        Value::str(x)
    }
    pub fn i(x: i64) -> Value {
        Value::int(x)
    }
    pub fn l(items: Vec<Value>) -> Value {
        Value::list(items)
    }
    pub fn m(entries: &[(&str, Value)]) -> Value {
        Value::Map(Map::from_entries(
            entries.iter().map(|(k, v)| (k.to_string(), v.clone())),
        ))
    }
    /// Calls a context-free function by its template name; `%v` of the result or `ERR message`.
    pub fn call(name: &str, args: Vec<Value>) -> String {
        show(plain_call(name, args))
    }

    pub fn plain_call(name: &str, args: Vec<Value>) -> Result<Value, String> {
        let plain = super::plain();
        let func = plain
            .0
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no function {name}"))
            .1;
        func(&args)
    }

    /// `%v` of a result, to compare with what helm printed; an argument of the wrong type
    /// (which the executor words) shows as `ERR bad arg INDEX TYPE`.
    pub fn show(v: Result<Value, String>) -> String {
        match v {
            Ok(v) => crate::fmt::format_value(&v),
            Err(e) => match e
                .strip_prefix("\u{0}badarg:")
                .and_then(|rest| rest.split_once(':'))
            {
                Some((index, expected)) => format!("ERR bad arg {index} {expected}"),
                None => format!("ERR {e}"),
            },
        }
    }
}

#[cfg(test)]
mod coverage_tests {
    /// Every function helm 3.17.3 defines beside its own (`toYaml`, `include`, …): probed one by
    /// one with `helm template` (an undefined one is a parse error: `function "X" not defined`).
    const HELM_SPRIG: &[&str] = &[
        "abbrev",
        "abbrevboth",
        "add",
        "add1",
        "add1f",
        "addf",
        "adler32sum",
        "ago",
        "all",
        "any",
        "append",
        "atoi",
        "b32dec",
        "b32enc",
        "b64dec",
        "b64enc",
        "base",
        "bcrypt",
        "biggest",
        "buildCustomCert",
        "camelcase",
        "cat",
        "ceil",
        "chunk",
        "clean",
        "coalesce",
        "compact",
        "concat",
        "contains",
        "date",
        "dateInZone",
        "dateModify",
        "date_in_zone",
        "date_modify",
        "decryptAES",
        "deepCopy",
        "deepEqual",
        "default",
        "derivePassword",
        "dict",
        "dig",
        "dir",
        "div",
        "divf",
        "duration",
        "durationRound",
        "empty",
        "encryptAES",
        "ext",
        "fail",
        "first",
        "float64",
        "floor",
        "genCA",
        "genCAWithKey",
        "genPrivateKey",
        "genSelfSignedCert",
        "genSelfSignedCertWithKey",
        "genSignedCert",
        "genSignedCertWithKey",
        "get",
        "getHostByName",
        "has",
        "hasKey",
        "hasPrefix",
        "hasSuffix",
        "hello",
        "htmlDate",
        "htmlDateInZone",
        "htpasswd",
        "indent",
        "initial",
        "initials",
        "int",
        "int64",
        "isAbs",
        "join",
        "kebabcase",
        "keys",
        "kindIs",
        "kindOf",
        "last",
        "list",
        "lower",
        "max",
        "maxf",
        "merge",
        "mergeOverwrite",
        "min",
        "minf",
        "mod",
        "mul",
        "mulf",
        "mustAppend",
        "mustChunk",
        "mustCompact",
        "mustDateModify",
        "mustDeepCopy",
        "mustFirst",
        "mustFromJson",
        "mustHas",
        "mustInitial",
        "mustLast",
        "mustMerge",
        "mustMergeOverwrite",
        "mustPrepend",
        "mustPush",
        "mustRegexFind",
        "mustRegexFindAll",
        "mustRegexMatch",
        "mustRegexReplaceAll",
        "mustRegexReplaceAllLiteral",
        "mustRegexSplit",
        "mustRest",
        "mustReverse",
        "mustSlice",
        "mustToDate",
        "mustToJson",
        "mustToPrettyJson",
        "mustToRawJson",
        "mustUniq",
        "mustWithout",
        "must_date_modify",
        "nindent",
        "nospace",
        "now",
        "omit",
        "osBase",
        "osClean",
        "osDir",
        "osExt",
        "osIsAbs",
        "pick",
        "pluck",
        "plural",
        "prepend",
        "push",
        "quote",
        "randAlpha",
        "randAlphaNum",
        "randAscii",
        "randBytes",
        "randInt",
        "randNumeric",
        "regexFind",
        "regexFindAll",
        "regexMatch",
        "regexQuoteMeta",
        "regexReplaceAll",
        "regexReplaceAllLiteral",
        "regexSplit",
        "repeat",
        "replace",
        "rest",
        "reverse",
        "round",
        "semver",
        "semverCompare",
        "seq",
        "set",
        "sha1sum",
        "sha256sum",
        "sha512sum",
        "shuffle",
        "slice",
        "snakecase",
        "sortAlpha",
        "split",
        "splitList",
        "splitn",
        "squote",
        "sub",
        "subf",
        "substr",
        "swapcase",
        "ternary",
        "title",
        "toDate",
        "toDecimal",
        "toPrettyJson",
        "toRawJson",
        "toString",
        "toStrings",
        "trim",
        "trimAll",
        "trimPrefix",
        "trimSuffix",
        "trimall",
        "trunc",
        "tuple",
        "typeIs",
        "typeIsLike",
        "typeOf",
        "uniq",
        "unixEpoch",
        "unset",
        "until",
        "untilStep",
        "untitle",
        "upper",
        "urlJoin",
        "urlParse",
        "uuidv4",
        "values",
        "without",
        "wrap",
        "wrapWith",
    ];

    #[test]
    fn every_sprig_function_helm_offers_is_there() {
        let funcs = super::funcs();
        let missing: Vec<&str> = HELM_SPRIG
            .iter()
            .copied()
            .filter(|name| !funcs.contains(name))
            .collect();
        assert!(missing.is_empty(), "missing: {missing:?}");
        // Helm removes these two.
        assert!(!funcs.contains("env") && !funcs.contains("expandenv"));
    }
}
