//! Helm's `--set` syntax ("strvals"): `a.b=1,c[0]=x,d={p,q}`, with `\` escaping the next
//! character, read into a values map. Written from Helm's documentation and what helm3 prints
//! (tests below): `--set` types its values (`true`/`false` in any case, `null`, integers
//! without a leading zero as int64; everything else, floats included, stays a string),
//! `--set-string` keeps every value a string, `--set-file` takes each value as a path whose
//! contents become the string.

use gotmpl::{Map, Value};

/// How the values of an expression are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `--set`: `true`, `false`, `null`, integers typed.
    Typed,
    /// `--set-string`: every value a string.
    String,
    /// `--set-file`: every value a path, replaced by its contents.
    File,
}

/// Helm refuses list indices beyond this ("index of N is greater than maximum supported index").
const MAX_INDEX: usize = 65536;

/// Reads `expr` into `into` (later keys and later expressions win, as Helm parses every `--set`
/// into one map). `read_file` gives a path's contents in [`Mode::File`]. The error is Helm's
/// wording after "failed parsing --set data: ".
pub fn parse_into(
    expr: &str,
    into: &Map,
    mode: Mode,
    read_file: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(), String> {
    let mut parser = Parser {
        chars: expr.chars().collect(),
        pos: 0,
        mode,
        read_file,
    };
    while !parser.at_end() {
        parser.key(into)?;
    }
    Ok(())
}

/// The paths named by a `--set-file` expression (the values of its `key=path` pairs), so that a
/// caller can read them before parsing.
pub fn file_paths(expr: &str) -> Result<Vec<String>, String> {
    let paths = std::cell::RefCell::new(Vec::new());
    parse_into(expr, &Map::new(), Mode::File, &|p| {
        paths.borrow_mut().push(p.to_string());
        Ok(String::new())
    })?;
    Ok(paths.into_inner())
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    mode: Mode,
    read_file: &'a dyn Fn(&str) -> Result<String, String>,
}

/// The character that ended a run (`None`: the end of the text).
type Stop = Option<char>;

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    /// Characters up to one of `stops` (the stop is consumed too), with `\x` read as `x`.
    fn until(&mut self, stops: &[char]) -> (String, Stop) {
        let mut out = String::new();
        while let Some(&c) = self.chars.get(self.pos) {
            self.pos += 1;
            if c == '\\' {
                if let Some(&next) = self.chars.get(self.pos) {
                    self.pos += 1;
                    out.push(next);
                }
                continue;
            }
            if stops.contains(&c) {
                return (out, Some(c));
            }
            out.push(c);
        }
        (out, None)
    }

    fn value_of(&self, text: &str) -> Result<Value, String> {
        Ok(match self.mode {
            Mode::Typed => typed(text),
            Mode::String => Value::str(text),
            Mode::File => Value::from((self.read_file)(text)?),
        })
    }

    /// One `key…=value` into `map`.
    fn key(&mut self, map: &Map) -> Result<(), String> {
        let (key, stop) = self.until(&['=', '[', ',', '.']);
        match stop {
            None => {
                if key.is_empty() {
                    return Ok(());
                }
                Err(format!("key {key:?} has no value"))
            }
            Some(',') => Err(format!("key {key:?} has no value (cannot end with ,)")),
            Some('=') => {
                let value = self.value()?;
                set(map, &key, value);
                Ok(())
            }
            Some('[') => {
                let index = self.index()?;
                let list = match map.get(&key) {
                    Some(Value::List(l)) => l.items().to_vec(),
                    Some(Value::Map(_)) => {
                        return Err("unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}".into())
                    }
                    _ => Vec::new(),
                };
                let list = self.list_item(list, index)?;
                set(map, &key, Value::list(list));
                Ok(())
            }
            Some('.') => {
                if key.is_empty()
                    || self
                        .chars
                        .get(self.pos)
                        .is_none_or(|c| *c == '.' || *c == '=')
                {
                    return Err(format!("key map {key:?} has no value"));
                }
                let inner = match map.get(&key) {
                    Some(Value::Map(m)) => m,
                    None | Some(Value::Nil) => {
                        let m = Map::new();
                        map.insert(key.clone(), Value::Map(m.clone()));
                        m
                    }
                    Some(other) => {
                        return Err(format!(
                            "unable to parse key: interface conversion: interface {{}} is {}, not map[string]interface {{}}",
                            other.type_name()
                        ))
                    }
                };
                self.key(&inner)
            }
            Some(_) => unreachable!("only the stops are returned"),
        }
    }

    /// `N]` after a `[`.
    fn index(&mut self) -> Result<usize, String> {
        let (text, stop) = self.until(&[']']);
        if stop.is_none() {
            return Err("error parsing index: EOF".into());
        }
        let n: i64 = text.trim().parse().map_err(|_| {
            format!("error parsing index: strconv.Atoi: parsing {text:?}: invalid syntax")
        })?;
        if n < 0 {
            return Err(format!("negative {n} index not allowed"));
        }
        let n = n as usize;
        if n > MAX_INDEX {
            return Err(format!(
                "index of {n} is greater than maximum supported index of {MAX_INDEX}"
            ));
        }
        Ok(n)
    }

    /// What follows `list[index]`: `=value`, `.key…`, or another `[i]`.
    fn list_item(&mut self, mut list: Vec<Value>, index: usize) -> Result<Vec<Value>, String> {
        let stop = self.chars.get(self.pos).copied();
        self.pos += 1;
        match stop {
            Some('=') => {
                let value = self.value()?;
                grow(&mut list, index);
                list[index] = value;
                Ok(list)
            }
            Some('.') => {
                grow(&mut list, index);
                let inner = match &list[index] {
                    Value::Map(m) => m.clone(),
                    Value::Nil => Map::new(),
                    other => {
                        return Err(format!(
                            "unable to parse key: interface conversion: interface {{}} is {}, not map[string]interface {{}}",
                            other.type_name()
                        ))
                    }
                };
                self.key(&inner)?;
                list[index] = Value::Map(inner);
                Ok(list)
            }
            Some('[') => {
                let next = self.index()?;
                grow(&mut list, index);
                let inner = match &list[index] {
                    Value::List(l) => l.items().to_vec(),
                    _ => Vec::new(),
                };
                list[index] = Value::list(self.list_item(inner, next)?);
                Ok(list)
            }
            _ => Err(format!("parse error after index {index}: unexpected end")),
        }
    }

    /// A value after `=`: `{a,b}` (a list) or text up to `,`.
    fn value(&mut self) -> Result<Value, String> {
        if self.chars.get(self.pos) == Some(&'{') && self.mode != Mode::File {
            self.pos += 1;
            let mut items = Vec::new();
            loop {
                let (text, stop) = self.until(&[',', '}']);
                items.push(self.value_of(&text)?);
                match stop {
                    Some(',') => continue,
                    Some('}') => break,
                    _ => return Err("list must terminate with '}'".into()),
                }
            }
            // A `,` after the list separates the next key.
            if self.chars.get(self.pos) == Some(&',') {
                self.pos += 1;
            }
            return Ok(Value::list(items));
        }
        let (text, _) = self.until(&[',']);
        self.value_of(&text)
    }
}

fn grow(list: &mut Vec<Value>, index: usize) {
    while list.len() <= index {
        list.push(Value::Nil);
    }
}

fn set(map: &Map, key: &str, value: Value) {
    map.insert(key.to_string(), value);
}

/// `--set`'s typing of one value.
pub fn typed(text: &str) -> Value {
    if text.eq_ignore_ascii_case("true") {
        return Value::Bool(true);
    }
    if text.eq_ignore_ascii_case("false") {
        return Value::Bool(false);
    }
    if text.eq_ignore_ascii_case("null") {
        return Value::Nil;
    }
    if text == "0" {
        return Value::int64(0);
    }
    if !text.starts_with('0') && !text.is_empty() {
        // Go's ParseInt: an optional sign, then decimal digits only.
        let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = text.strip_prefix('+').unwrap_or(text).parse::<i64>() {
                return Value::int64(n);
            }
        }
    }
    Value::str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_files(_: &str) -> Result<String, String> {
        Err("no files".into())
    }

    /// The map as compact JSON-like text, for assertions.
    fn show(v: &Value) -> String {
        match v {
            Value::Nil => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i, _) => i.to_string(),
            Value::Float(f) => format!("{f}f"),
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

    fn set_all(exprs: &[&str], mode: Mode) -> Result<String, String> {
        let map = Map::new();
        for e in exprs {
            parse_into(e, &map, mode, &no_files)?;
        }
        Ok(show(&Value::Map(map)))
    }

    fn set1(expr: &str) -> Result<String, String> {
        set_all(&[expr], Mode::Typed)
    }

    // Expected values as helm3 v3.17.3 prints them (`{{ .Values | toJson }}`, `typeOf`).
    #[test]
    fn types_like_helm() {
        assert_eq!(
            set1("b=2,c=1.5,d=true,e=null,f=010,g=1e3,h=a\\,b,n=0x10,o=9999999999999999999,p=-3,q=+4,r=True,s=,t=00,u=0,v=-0,w=1_000").unwrap(),
            r#"{"b":2,"c":"1.5","d":true,"e":null,"f":"010","g":"1e3","h":"a,b","n":"0x10","o":"9999999999999999999","p":-3,"q":4,"r":true,"s":"","t":"00","u":0,"v":0,"w":"1_000"}"#
        );
        assert!(matches!(
            typed("7"),
            Value::Int(7, gotmpl::value::IntKind::Int64)
        ));
    }

    #[test]
    fn paths_lists_and_escapes() {
        assert_eq!(set1("a={}").unwrap(), r#"{"a":[""]}"#);
        assert_eq!(set1("a={1,true,x}").unwrap(), r#"{"a":[1,true,"x"]}"#);
        assert_eq!(
            set1("a[0].b[1]=x,a[0].c=2").unwrap(),
            r#"{"a":[{"b":[null,"x"],"c":2}]}"#
        );
        assert_eq!(
            set1("a\\.b=1,c=x\\y\\=z").unwrap(),
            r#"{"a.b":1,"c":"xy=z"}"#
        );
        assert_eq!(set1("a=b=c").unwrap(), r#"{"a":"b=c"}"#);
        assert_eq!(
            set1("x.y={a,b},x.z=1").unwrap(),
            r#"{"x":{"y":["a","b"],"z":1}}"#
        );
        assert_eq!(set1("a= b ").unwrap(), r#"{"a":" b "}"#);
        assert_eq!(
            set_all(&["a.b=1", "a=2"], Mode::Typed).unwrap(),
            r#"{"a":2}"#
        );
        assert_eq!(
            set_all(&["a[0]=1,a[2]=3", "a[1]=2"], Mode::Typed).unwrap(),
            r#"{"a":[1,2,3]}"#
        );
        assert_eq!(
            set_all(&["a=null,b=1,c={1,2}"], Mode::String).unwrap(),
            r#"{"a":"null","b":"1","c":["1","2"]}"#
        );
    }

    #[test]
    fn errors_like_helm() {
        assert_eq!(set1("a").unwrap_err(), r#"key "a" has no value"#);
        assert_eq!(
            set1("a,b=1").unwrap_err(),
            r#"key "a" has no value (cannot end with ,)"#
        );
        assert_eq!(
            set1("a[-1]=1").unwrap_err(),
            "negative -1 index not allowed"
        );
        assert_eq!(set1("a[1=1").unwrap_err(), "error parsing index: EOF");
        assert_eq!(set1("a..b=1").unwrap_err(), r#"key map "a" has no value"#);
        assert_eq!(set1("a.=1").unwrap_err(), r#"key map "a" has no value"#);
        assert_eq!(
            set1("a.b=1,a[0]=2").unwrap_err(),
            "unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}"
        );
        assert_eq!(
            set_all(&["a=1", "a.b=2"], Mode::Typed).unwrap_err(),
            "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}"
        );
    }

    #[test]
    fn set_file_reads_paths() {
        let map = Map::new();
        parse_into("a=x.txt,b.c=y.txt", &map, Mode::File, &|p| {
            Ok(format!("<{p}>"))
        })
        .unwrap();
        assert_eq!(
            show(&Value::Map(map)),
            r#"{"a":"<x.txt>","b":{"c":"<y.txt>"}}"#
        );
        assert_eq!(
            file_paths("a=x.txt,b.c=y.txt").unwrap(),
            vec!["x.txt", "y.txt"]
        );
    }
}
