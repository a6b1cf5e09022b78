//! `fromToml`: TOML read as Helm reads it with BurntSushi/toml into `map[string]interface {}`:
//! integers as int64, floats as float64, dates and times as `time.Time` (shown as Go shows
//! them), arrays as lists, tables as maps. Errors are worded as BurntSushi words them
//! (`toml: line 1 (last key "a"): …`; an error at the end of the text names the 0-based line,
//! as BurntSushi does), checked against helm3 for the common mistakes.

use gotmpl::value::IntKind;
use gotmpl::{Map, Object, Value};
use std::collections::HashSet;
use std::rc::Rc;

/// The document, or BurntSushi's error text.
pub fn decode(text: &str) -> Result<Map, String> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        root: Map::new(),
        defined: HashSet::new(),
        last_key: String::new(),
    };
    parser.document().map_err(|e| e.text())?;
    Ok(parser.root)
}

/// Nesting of arrays and inline tables beyond this is refused (the stack is small in wasm).
const MAX_DEPTH: usize = 500;

struct Error {
    /// 1-based line, or the 0-based line of the end for errors at the end of the text.
    line: usize,
    last_key: String,
    message: String,
}

impl Error {
    fn text(&self) -> String {
        if self.last_key.is_empty() {
            format!("toml: line {}: {}", self.line, self.message)
        } else {
            format!(
                "toml: line {} (last key {}): {}",
                self.line,
                go_quote(&self.last_key),
                self.message
            )
        }
    }
}

fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    line: usize,
    root: Map,
    /// Tables given a `[header]` (a second one is an error).
    defined: HashSet<Vec<String>>,
    last_key: String,
}

type Parsed<T> = Result<T, Error>;

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error {
            line: self.line,
            last_key: self.last_key.clone(),
            message: message.into(),
        }
    }

    /// An error at the end of the text: BurntSushi names the 0-based line there.
    fn eof(&self, expected: &str) -> Error {
        Error {
            line: self.line - 1,
            last_key: self.last_key.clone(),
            message: format!("unexpected EOF; expected {expected}"),
        }
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some('#') {
            while !matches!(self.peek(), None | Some('\n')) {
                self.bump();
            }
        }
    }

    /// Blanks, comments and line breaks.
    fn skip_all(&mut self) {
        loop {
            self.skip_blanks();
            self.skip_comment();
            match self.peek() {
                Some('\n') => {
                    self.bump();
                }
                Some('\r') if self.peek_at(1) == Some('\n') => {
                    self.bump();
                }
                _ => return,
            }
        }
    }

    fn document(&mut self) -> Parsed<()> {
        let mut table: Vec<String> = Vec::new();
        loop {
            self.skip_all();
            let Some(c) = self.peek() else {
                return Ok(());
            };
            if c == '[' {
                self.last_key.clear();
                self.bump();
                let array = self.peek() == Some('[');
                if array {
                    self.bump();
                }
                self.skip_blanks();
                let key = self.key()?;
                self.skip_blanks();
                let close = if array { "]]" } else { "]" };
                for want in close.chars() {
                    match self.peek() {
                        Some(c) if c == want => {
                            self.bump();
                        }
                        other => {
                            let got = other.map_or("\\x00".to_string(), |c| c.to_string());
                            let line = if other.is_none() {
                                self.line - 1
                            } else {
                                self.line
                            };
                            return Err(Error {
                                line,
                                last_key: String::new(),
                                message: format!("expected '.' or '{close}' to end table name, but got '{got}' instead"),
                            });
                        }
                    }
                }
                if array {
                    self.array_table(&key)?;
                } else {
                    self.table_header(&key)?;
                }
                table = key;
                self.end_of_line()?;
                continue;
            }
            let key = self.key()?;
            let mut full = table.clone();
            full.extend(key.iter().cloned());
            self.last_key = full.join(".");
            self.skip_blanks();
            match self.peek() {
                Some('=') => {
                    self.bump();
                }
                None => return Err(self.eof("'='")),
                Some(c) => {
                    return Err(
                        self.error(format!("expected key separator '=', but got '{c}' instead"))
                    )
                }
            }
            self.skip_blanks();
            let value = self.value(0)?;
            self.assign(&table, &key, value)?;
            self.end_of_line()?;
        }
    }

    fn end_of_line(&mut self) -> Parsed<()> {
        self.skip_blanks();
        self.skip_comment();
        match self.peek() {
            None | Some('\n') => Ok(()),
            Some('\r') if self.peek_at(1) == Some('\n') => Ok(()),
            // BurntSushi's lexer finds this one, before the parser knows the key.
            Some(c) => Err(Error {
                last_key: String::new(),
                ..self.error(format!(
                    "expected a top-level item to end with a newline, comment, or EOF, but got '{c}' instead"
                ))
            }),
        }
    }

    /// A dotted key: bare or quoted parts.
    fn key(&mut self) -> Parsed<Vec<String>> {
        let mut parts = Vec::new();
        loop {
            self.skip_blanks();
            let part = match self.peek() {
                Some('"') => {
                    self.bump();
                    self.basic_string()?
                }
                Some('\'') => {
                    self.bump();
                    self.literal_string()?
                }
                _ => {
                    let start = self.at;
                    while self
                        .peek()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        self.bump();
                    }
                    if self.at == start {
                        return Err(match self.peek() {
                            None => self.eof("a key"),
                            Some(c) => {
                                self.error(format!("unexpected '{c}': key name appears blank"))
                            }
                        });
                    }
                    self.chars[start..self.at].iter().collect()
                }
            };
            parts.push(part);
            self.skip_blanks();
            if self.peek() == Some('.') {
                self.bump();
            } else {
                return Ok(parts);
            }
        }
    }

    /// The map at `path` from the root, made where missing; a list of tables leads to its last.
    fn walk(&mut self, path: &[String]) -> Parsed<Map> {
        let mut map = self.root.clone();
        for (i, part) in path.iter().enumerate() {
            let next = match map.get(part) {
                None => {
                    let new = Map::new();
                    map.insert(part.clone(), Value::Map(new.clone()));
                    new
                }
                Some(Value::Map(m)) => m,
                Some(Value::List(l)) if matches!(l.items().last(), Some(Value::Map(_))) => {
                    let Some(Value::Map(m)) = l.items().last() else {
                        unreachable!()
                    };
                    m.clone()
                }
                Some(_) => return Err(self.defined_error(&path[..=i])),
            };
            map = next;
        }
        Ok(map)
    }

    fn defined_error(&self, path: &[String]) -> Error {
        self.error(format!(
            "Key '{}' has already been defined.",
            path.join(".")
        ))
    }

    fn table_header(&mut self, key: &[String]) -> Parsed<()> {
        if !self.defined.insert(key.to_vec()) {
            return Err(self.defined_error(key));
        }
        self.walk(key).map(|_| ())
    }

    fn array_table(&mut self, key: &[String]) -> Parsed<()> {
        let (last, parent_path) = key.split_last().expect("a key has a part");
        let parent = self.walk(parent_path)?;
        let table = Map::new();
        match parent.get(last) {
            None => parent.insert(last.clone(), Value::list(vec![Value::Map(table)])),
            Some(Value::List(l)) if l.items().iter().all(|v| matches!(v, Value::Map(_))) => {
                let mut items = l.items().to_vec();
                items.push(Value::Map(table));
                parent.insert(last.clone(), Value::list(items));
            }
            Some(_) => return Err(self.defined_error(key)),
        }
        // Tables under this entry may be defined again under the next one.
        self.defined.retain(|d| !d.starts_with(key));
        Ok(())
    }

    fn assign(&mut self, table: &[String], key: &[String], value: Value) -> Parsed<()> {
        let (last, dotted) = key.split_last().expect("a key has a part");
        let mut path = table.to_vec();
        path.extend(dotted.iter().cloned());
        let map = self.walk(&path)?;
        if map.contains_key(last) {
            path.push(last.clone());
            return Err(self.error(format!("Key '{}' has already been defined.", key.join("."))));
        }
        map.insert(last.clone(), value);
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Parsed<Value> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.eof("value")),
            Some('"') => {
                self.bump();
                if self.peek() == Some('"') && self.peek_at(1) == Some('"') {
                    self.bump();
                    self.bump();
                    return self.multiline_basic().map(Value::from);
                }
                self.basic_string().map(Value::from)
            }
            Some('\'') => {
                self.bump();
                if self.peek() == Some('\'') && self.peek_at(1) == Some('\'') {
                    self.bump();
                    self.bump();
                    return self.multiline_literal().map(Value::from);
                }
                self.literal_string().map(Value::from)
            }
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.skip_all();
                    match self.peek() {
                        None => return Err(self.eof("value")),
                        Some(']') => {
                            self.bump();
                            return Ok(Value::list(items));
                        }
                        _ => {}
                    }
                    items.push(self.value(depth + 1)?);
                    self.skip_all();
                    match self.peek() {
                        Some(',') => {
                            self.bump();
                        }
                        Some(']') => {}
                        None => return Err(self.eof("an array separator ',' or ']'")),
                        Some(c) => {
                            return Err(self.error(format!(
                                "expected a comma (',') or array terminator (']'), but got '{c}'"
                            )))
                        }
                    }
                }
            }
            Some('{') => {
                self.bump();
                let map = Map::new();
                self.skip_blanks();
                if self.peek() == Some('}') {
                    self.bump();
                    return Ok(Value::Map(map));
                }
                let outer_key = self.last_key.clone();
                loop {
                    let key = self.key()?;
                    self.skip_blanks();
                    match self.peek() {
                        Some('=') => {
                            self.bump();
                        }
                        None => return Err(self.eof("'='")),
                        Some(c) => {
                            return Err(self.error(format!(
                                "expected key separator '=', but got '{c}' instead"
                            )))
                        }
                    }
                    self.skip_blanks();
                    let value = self.value(depth + 1)?;
                    let (last, dotted) = key.split_last().expect("a key has a part");
                    let mut target = map.clone();
                    for part in dotted {
                        let next = match target.get(part) {
                            Some(Value::Map(m)) => m,
                            None => {
                                let m = Map::new();
                                target.insert(part.clone(), Value::Map(m.clone()));
                                m
                            }
                            Some(_) => {
                                return Err(
                                    self.error(format!("Key '{part}' has already been defined."))
                                )
                            }
                        };
                        target = next;
                    }
                    if target.contains_key(last) {
                        return Err(self
                            .error(format!("Key '{}' has already been defined.", key.join("."))));
                    }
                    target.insert(last.clone(), value);
                    self.skip_blanks();
                    match self.peek() {
                        Some(',') => {
                            self.bump();
                        }
                        Some('}') => {
                            self.bump();
                            self.last_key = outer_key;
                            return Ok(Value::Map(map));
                        }
                        None => return Err(self.eof("an inline table separator ',' or '}'")),
                        Some(c) => {
                            return Err(self.error(format!(
                                "expected a comma or an inline table terminator '}}', but got '{c}' instead"
                            )))
                        }
                    }
                }
            }
            Some(_) => self.bare_value(),
        }
    }

    /// A boolean, number, date or time: the run of characters up to a separator.
    fn bare_value(&mut self) -> Parsed<Value> {
        let start = self.at;
        while let Some(c) = self.peek() {
            let date_time_space = c == ' '
                && self.at - start == 10
                && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())
                && self.chars[start..self.at]
                    .iter()
                    .filter(|&&c| c == '-')
                    .count()
                    == 2;
            if c.is_ascii_alphanumeric()
                || matches!(c, '_' | '+' | '-' | '.' | ':')
                || date_time_space
            {
                self.bump();
            } else {
                break;
            }
        }
        let word: String = self.chars[start..self.at].iter().collect();
        match word.as_str() {
            "true" => return Ok(Value::Bool(true)),
            "false" => return Ok(Value::Bool(false)),
            "inf" | "+inf" => return Ok(Value::Float(f64::INFINITY)),
            "-inf" => return Ok(Value::Float(f64::NEG_INFINITY)),
            "nan" | "+nan" | "-nan" => return Ok(Value::Float(f64::NAN)),
            "" => {
                let c = self.peek().unwrap_or(' ');
                return Err(self.error(format!("expected value but found '{c}' instead")));
            }
            _ => {}
        }
        if let Some(time) = TomlTime::parse(&word) {
            return Ok(Value::Object(Rc::new(time)));
        }
        let first = word.as_bytes()[0];
        if !(first.is_ascii_digit() || first == b'+' || first == b'-' || first == b'.') {
            return Err(self.error(format!(
                "expected value but found {} instead",
                go_quote(&word)
            )));
        }
        self.number(&word)
    }

    fn number(&self, word: &str) -> Parsed<Value> {
        let digits_ok = |s: &str, radix: u32| {
            !s.is_empty()
                && !s.starts_with('_')
                && !s.ends_with('_')
                && !s.contains("__")
                && s.chars().all(|c| c == '_' || c.is_digit(radix))
        };
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(body) = word.strip_prefix(prefix) {
                if !digits_ok(body, radix) {
                    return Err(self.error(format!("Invalid integer {}", go_quote(word))));
                }
                let clean: String = body.chars().filter(|&c| c != '_').collect();
                return i64::from_str_radix(&clean, radix)
                    .map(|i| Value::Int(i, IntKind::Int64))
                    .map_err(|_| self.error(format!("{word} is out of range for int64")));
            }
        }
        let unsigned = word.trim_start_matches(['+', '-']);
        if unsigned.starts_with('.') {
            return Err(self.error("floats must start with a digit, not '.'"));
        }
        let is_float = word.contains(['.', 'e', 'E']);
        if !is_float {
            if !digits_ok(unsigned, 10) || word.len() - unsigned.len() > 1 {
                return Err(self.error(format!(
                    "expected value but found {} instead",
                    go_quote(word)
                )));
            }
            if unsigned.len() > 1 && unsigned.starts_with('0') {
                return Err(self.error(format!(
                    "Invalid integer {}: cannot have leading zeroes",
                    go_quote(word)
                )));
            }
            let clean: String = word.chars().filter(|&c| c != '_').collect();
            return clean
                .parse::<i64>()
                .map(|i| Value::Int(i, IntKind::Int64))
                .map_err(|_| self.error(format!("{word} is out of range for int64")));
        }
        if let Some(i) = unsigned.find('.') {
            let after = &unsigned[i + 1..];
            if !after.starts_with(|c: char| c.is_ascii_digit()) {
                return Err(self.error(format!(
                    "Invalid float {}: '.' must be followed by one or more digits",
                    go_quote(word)
                )));
            }
        }
        let clean: String = word.chars().filter(|&c| c != '_').collect();
        let int_part = unsigned.split(['.', 'e', 'E']).next().unwrap_or("");
        if int_part.len() > 1 && int_part.starts_with('0') {
            return Err(self.error(format!(
                "Invalid float {}: cannot have leading zeroes",
                go_quote(word)
            )));
        }
        match clean.parse::<f64>() {
            Ok(f) if clean.chars().last().is_some_and(|c| c.is_ascii_digit()) => {
                Ok(Value::Float(f))
            }
            _ => Err(self.error(format!("Invalid float value: {}", go_quote(word)))),
        }
    }

    fn escape(&mut self) -> Parsed<char> {
        let Some(e) = self.bump() else {
            return Err(self.eof("'\"'"));
        };
        Ok(match e {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            '"' => '"',
            '\\' => '\\',
            'u' | 'U' => {
                let n = if e == 'u' { 4 } else { 8 };
                let hex: String = (0..n).filter_map(|_| self.bump()).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(c) if hex.len() == n => c,
                    _ => return Err(self.error(format!("invalid escape in string '\\{e}{hex}'"))),
                }
            }
            other => return Err(self.error(format!("invalid escape in string '\\{other}'"))),
        })
    }

    /// After the opening `"`.
    fn basic_string(&mut self) -> Parsed<String> {
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.eof("'\"'")),
                Some('\n') => return Err(self.error("strings cannot contain newlines")),
                Some('"') => {
                    self.bump();
                    return Ok(out);
                }
                Some('\\') => {
                    self.bump();
                    out.push(self.escape()?);
                }
                Some(c) => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    /// After the opening `'`.
    fn literal_string(&mut self) -> Parsed<String> {
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(self.eof("'''")),
                Some('\n') => return Err(self.error("strings cannot contain newlines")),
                Some('\'') => return Ok(out),
                Some(c) => out.push(c),
            }
        }
    }

    /// After the opening `"""`; a newline right after it is dropped, `\` at a line's end joins.
    fn multiline_basic(&mut self) -> Parsed<String> {
        self.drop_first_newline();
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.eof("'\"\"\"'")),
                Some('"') if self.peek_at(1) == Some('"') && self.peek_at(2) == Some('"') => {
                    self.bump();
                    self.bump();
                    self.bump();
                    // Up to two more quotes belong to the string.
                    for _ in 0..2 {
                        if self.peek() == Some('"') {
                            self.bump();
                            out.push('"');
                        }
                    }
                    return Ok(out);
                }
                Some('\\') => {
                    self.bump();
                    let mut ahead = 0;
                    while matches!(self.peek_at(ahead), Some(' ' | '\t')) {
                        ahead += 1;
                    }
                    if matches!(self.peek_at(ahead), Some('\n' | '\r')) {
                        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
                            self.bump();
                        }
                    } else {
                        out.push(self.escape()?);
                    }
                }
                Some(c) => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    /// After the opening `'''`.
    fn multiline_literal(&mut self) -> Parsed<String> {
        self.drop_first_newline();
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.eof("'''''")),
                Some('\'') if self.peek_at(1) == Some('\'') && self.peek_at(2) == Some('\'') => {
                    self.bump();
                    self.bump();
                    self.bump();
                    for _ in 0..2 {
                        if self.peek() == Some('\'') {
                            self.bump();
                            out.push('\'');
                        }
                    }
                    return Ok(out);
                }
                Some(c) => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    fn drop_first_newline(&mut self) {
        if self.peek() == Some('\n') {
            self.bump();
        } else if self.peek() == Some('\r') && self.peek_at(1) == Some('\n') {
            self.bump();
            self.bump();
        }
    }
}

/// A TOML date or time as BurntSushi gives it: a Go `time.Time`, whose zone is UTC, a fixed
/// offset, or BurntSushi's `date-local`, `time-local`, `datetime-local`.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    /// Seconds east of UTC.
    offset: i32,
    /// The zone's name (empty for a fixed offset, which Go shows as `-0700`).
    zone: &'static str,
}

impl TomlTime {
    fn parse(word: &str) -> Option<TomlTime> {
        let b = word.as_bytes();
        let num = |s: &[u8]| -> Option<u32> {
            (!s.is_empty() && s.iter().all(u8::is_ascii_digit))
                .then(|| s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        };
        let mut t = TomlTime {
            year: 0,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            nanos: 0,
            offset: 0,
            zone: "",
        };
        let rest: &[u8];
        let has_date = b.len() >= 10 && b[4] == b'-' && b[7] == b'-';
        if has_date {
            t.year = i64::from(num(&b[..4])?);
            t.month = num(&b[5..7])?;
            t.day = num(&b[8..10])?;
            if !(1..=12).contains(&t.month) || t.day == 0 || t.day > 31 {
                return None;
            }
            if b.len() == 10 {
                t.zone = "date-local";
                return Some(t);
            }
            if !matches!(b[10], b'T' | b't' | b' ') {
                return None;
            }
            rest = &b[11..];
        } else {
            rest = b;
        }
        if rest.len() < 8 || rest[2] != b':' || rest[5] != b':' {
            return None;
        }
        t.hour = num(&rest[..2])?;
        t.minute = num(&rest[3..5])?;
        t.second = num(&rest[6..8])?;
        if t.hour > 23 || t.minute > 59 || t.second > 60 {
            return None;
        }
        let mut rest = &rest[8..];
        if rest.first() == Some(&b'.') {
            let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            let frac = &rest[1..1 + digits.min(9)];
            t.nanos = num(frac)? * 10u32.pow(9 - frac.len() as u32);
            rest = &rest[1 + digits..];
        }
        if !has_date {
            if !rest.is_empty() {
                return None;
            }
            t.year = 0;
            t.zone = "time-local";
            return Some(t);
        }
        match rest {
            [] => t.zone = "datetime-local",
            [b'Z' | b'z'] => t.zone = "UTC",
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = num(&[*h1, *h2])?;
                let minutes = num(&[*m1, *m2])?;
                let secs = (hours * 3600 + minutes * 60) as i32;
                t.offset = if *sign == b'-' { -secs } else { secs };
            }
            _ => return None,
        }
        Some(t)
    }

    fn fraction(&self) -> String {
        if self.nanos == 0 {
            return String::new();
        }
        let digits = format!("{:09}", self.nanos);
        format!(".{}", digits.trim_end_matches('0'))
    }

    fn offset_text(&self, colon: bool) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let abs = self.offset.unsigned_abs();
        let (h, m) = (abs / 3600, abs % 3600 / 60);
        if colon {
            format!("{sign}{h:02}:{m:02}")
        } else {
            format!("{sign}{h:02}{m:02}")
        }
    }
}

impl Object for TomlTime {
    fn type_name(&self) -> &str {
        "time.Time"
    }

    fn member(&self, _name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(None)
    }

    /// Go's `Time.String`: `2006-01-02 15:04:05.999999999 -0700 MST`.
    fn format(&self) -> String {
        let zone = if self.zone.is_empty() {
            self.offset_text(false)
        } else {
            self.zone.to_string()
        };
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}{} {} {zone}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.fraction(),
            self.offset_text(false),
        )
    }

    /// JSON and YAML get RFC 3339 with nanoseconds, as Go marshals a `time.Time`.
    fn to_data(&self) -> Value {
        let zone = if self.offset == 0 {
            "Z".to_string()
        } else {
            self.offset_text(true)
        };
        Value::from(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{zone}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.fraction(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        decode(text).err().unwrap_or_default()
    }

    #[test]
    fn errors_as_helm() {
        // Observed with helm3 `fromToml`.
        assert_eq!(
            error("a = "),
            "toml: line 0 (last key \"a\"): unexpected EOF; expected value"
        );
        assert_eq!(
            error("a = 1\na = 2"),
            "toml: line 2 (last key \"a\"): Key 'a' has already been defined."
        );
        assert_eq!(
            error("[t]\nx = 1\n[t]\ny = 2"),
            "toml: line 3: Key 't' has already been defined."
        );
        assert_eq!(
            error("= 1"),
            "toml: line 1: unexpected '=': key name appears blank"
        );
        assert_eq!(
            error("a = \"unterminated"),
            "toml: line 0 (last key \"a\"): unexpected EOF; expected '\"'"
        );
        assert_eq!(
            error("a = 1 b = 2"),
            "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'b' instead"
        );
        assert_eq!(
            error("[t"),
            "toml: line 0: expected '.' or ']' to end table name, but got '\\x00' instead"
        );
        assert_eq!(
            error("a = [1,"),
            "toml: line 0 (last key \"a\"): unexpected EOF; expected value"
        );
        assert_eq!(
            error("a = tru"),
            "toml: line 1 (last key \"a\"): expected value but found \"tru\" instead"
        );
        assert_eq!(
            error("a = 01"),
            "toml: line 1 (last key \"a\"): Invalid integer \"01\": cannot have leading zeroes"
        );
        assert_eq!(
            error("a = 9223372036854775808"),
            "toml: line 1 (last key \"a\"): 9223372036854775808 is out of range for int64"
        );
        assert_eq!(
            error("a = \"\\q\""),
            "toml: line 1 (last key \"a\"): invalid escape in string '\\q'"
        );
        assert_eq!(
            error("a = 1\n[a]\nb = 2"),
            "toml: line 2: Key 'a' has already been defined."
        );
        assert_eq!(
            error("x = 1\n\n\n y = "),
            "toml: line 3 (last key \"y\"): unexpected EOF; expected value"
        );
        assert_eq!(
            error("a = 1."),
            "toml: line 1 (last key \"a\"): Invalid float \"1.\": '.' must be followed by one or more digits"
        );
        assert_eq!(
            error("a = .5"),
            "toml: line 1 (last key \"a\"): floats must start with a digit, not '.'"
        );
        assert_eq!(
            error("a = 1e"),
            "toml: line 1 (last key \"a\"): Invalid float value: \"1e\""
        );
    }

    #[test]
    fn values_as_helm() {
        let m = decode("a = 1\nb = 1.5\nc = true\ns = 'lit\\n'\nm = \"\"\"\nmulti\nline\"\"\"\nx = 0x1F\nw = 1_000\n[t]\nk = {b = 1, c = \"d\"}\n[[arr]]\nx = 1\n[[arr]]\nx = 2\n").unwrap();
        assert!(matches!(m.get("a"), Some(Value::Int(1, IntKind::Int64))));
        assert!(matches!(m.get("b"), Some(Value::Float(f)) if f == 1.5));
        assert_eq!(m.get("s").unwrap().as_str(), Some("lit\\n"));
        assert_eq!(m.get("m").unwrap().as_str(), Some("multi\nline"));
        assert!(matches!(m.get("x"), Some(Value::Int(31, _))));
        assert!(matches!(m.get("w"), Some(Value::Int(1000, _))));
        let Some(Value::Map(t)) = m.get("t") else {
            panic!()
        };
        assert!(matches!(t.get("k"), Some(Value::Map(_))));
        let Some(Value::List(arr)) = m.get("arr") else {
            panic!()
        };
        assert_eq!(arr.items().len(), 2);
        // Dotted keys, and BurntSushi's leniency: a key added to an inline table.
        let m = decode("a = {b = 1}\na.c = 2").unwrap();
        let Some(Value::Map(a)) = m.get("a") else {
            panic!()
        };
        assert_eq!(a.len(), 2);
        assert!(decode("# comment only\n").unwrap().is_empty());
        assert!(decode("").unwrap().is_empty());
    }

    #[test]
    fn times_as_go_prints_them() {
        let m = decode("d = 1979-05-27T07:32:00Z\nd1 = 1979-05-27\nd2 = 07:32:00.123\nd3 = 1979-05-27T07:32:00\nd4 = 1979-05-27T07:32:00.5-07:00\nd5 = 1979-05-27 07:32:00+01:30").unwrap();
        let show = |k: &str| match m.get(k) {
            Some(Value::Object(o)) => (o.format(), o.to_data().as_str().unwrap().to_string()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            show("d"),
            (
                "1979-05-27 07:32:00 +0000 UTC".into(),
                "1979-05-27T07:32:00Z".into()
            )
        );
        assert_eq!(
            show("d1"),
            (
                "1979-05-27 00:00:00 +0000 date-local".into(),
                "1979-05-27T00:00:00Z".into()
            )
        );
        assert_eq!(
            show("d2"),
            (
                "0000-01-01 07:32:00.123 +0000 time-local".into(),
                "0000-01-01T07:32:00.123Z".into()
            )
        );
        assert_eq!(
            show("d3"),
            (
                "1979-05-27 07:32:00 +0000 datetime-local".into(),
                "1979-05-27T07:32:00Z".into()
            )
        );
        assert_eq!(
            show("d4"),
            (
                "1979-05-27 07:32:00.5 -0700 -0700".into(),
                "1979-05-27T07:32:00.5-07:00".into()
            )
        );
        assert_eq!(
            show("d5"),
            (
                "1979-05-27 07:32:00 +0130 +0130".into(),
                "1979-05-27T07:32:00+01:30".into()
            )
        );
    }
}
