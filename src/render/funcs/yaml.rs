//! `toYaml` as Helm 3 writes it: sigs.k8s.io/yaml marshals the value to JSON (`json.rs`), reads
//! that JSON back with go-yaml v2 (numbers become ints when they are integers, a raw U+0085 in a
//! string is a line break that folds, some characters are refused) and writes it with go-yaml
//! v2's emitter, whose choices are reproduced here from what helm3 prints:
//! - map keys in go-yaml's "natural" order (`a1` < `a01` < `a10`, non-letters before letters);
//! - block maps and lists, lists not indented under a map key, `{}`/`[]` when empty, keys longer
//!   than 128 bytes or with line breaks written as `? key` / `: value`;
//! - strings plain when they read back as strings, else double-quoted (`"yes"`, `"1.0"`,
//!   `"2020-01-01"`, `"1:30"`); single-quoted when an indicator forbids plain (`'a: b'`, `'#x'`);
//!   literal `|`/`|-`/`|+`/`|2-` when they hold a newline; double-quoted with escapes when they
//!   hold characters YAML cannot show (`"\t"`, `"\U0001F600"`);
//! - plain and quoted scalars folded at spaces past column 80 (literal blocks never).

use super::json::{self, Data};
use gotmpl::Value;

/// `yaml.Marshal(value)` of sigs.k8s.io/yaml: the YAML text, ending with a newline. `Err` when
/// Go's JSON marshalling or go-yaml's reading of that JSON refuses the value.
pub fn marshal(value: &Value) -> Result<String, String> {
    let data = json::marshal(value).map_err(|e| format!("error marshaling into JSON: {e}"))?;
    let node = from_json(data).map_err(|e| format!("error converting JSON to YAML: {e}"))?;
    let mut emitter = Emitter::default();
    emitter.node(&node, Context::Root);
    // Document end: the last line ends.
    emitter.write_indent();
    Ok(emitter.out)
}

/// `toYamlPretty` of Helm 3.17: go-yaml v3's encoder with an indent of 2 over the value itself
/// (no JSON round trip: every float64 is written as a float, `1e+06`; a U+0085 stays, escaped).
/// `Err` on a value it cannot write (a cycle, nesting too deep).
pub fn marshal_pretty(value: &Value) -> Result<String, String> {
    let node = direct(value, 0)?;
    let mut emitter = Emitter {
        pretty: true,
        ..Emitter::default()
    };
    emitter.node(&node, Context::Root);
    emitter.write_indent();
    Ok(emitter.out)
}

/// A value as go-yaml v3 sees it (floats stay floats).
fn direct(value: &Value, depth: usize) -> Result<Node, String> {
    if depth > 1000 {
        return Err("nested too deeply".into());
    }
    Ok(match value {
        Value::Nil => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Int(i, _) => Node::Int(*i),
        Value::Float(f) => Node::Float(*f),
        Value::String(s) => Node::Str(s.to_string()),
        Value::Bytes(b) => Node::Seq(b.iter().map(|&b| Node::Int(i64::from(b))).collect()),
        Value::List(items) => Node::Seq(
            items
                .items()
                .iter()
                .map(|v| direct(v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Value::Map(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map.entries() {
                entries.push((k, direct(&v, depth + 1)?));
            }
            sort_keys(&mut entries);
            Node::Map(entries)
        }
        Value::Object(o) => direct(&o.to_data(), depth + 1)?,
    })
}

/// What go-yaml v2 reads from the JSON text: integers that fit are ints.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn from_json(data: Data) -> Result<Node, String> {
    Ok(match data {
        Data::Null => Node::Null,
        Data::Bool(b) => Node::Bool(b),
        Data::Number(n) => number(&n),
        Data::String(s) => Node::Str(read_back(s)?),
        Data::List(items) => Node::Seq(items.into_iter().map(from_json).collect::<Result<_, _>>()?),
        Data::Map(entries) => {
            let mut out: Vec<(String, Node)> = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                out.push((read_back(k)?, from_json(v)?));
            }
            sort_keys(&mut out);
            // Two keys that fold into one (rare: U+0085): the later wins, as in a Go map.
            out.dedup_by(|later, earlier| {
                if later.0 == earlier.0 {
                    std::mem::swap(later, earlier);
                    true
                } else {
                    false
                }
            });
            Node::Map(out)
        }
    })
}

/// A JSON number as go-yaml resolves it: an integer when `strconv.ParseInt`/`ParseUint` take it.
fn number(text: &str) -> Node {
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(i) = text.parse::<i64>() {
            return Node::Int(i);
        }
        if let Ok(u) = text.parse::<u64>() {
            return Node::Uint(u);
        }
    }
    Node::Float(text.parse().unwrap_or(0.0))
}

/// A JSON string as go-yaml reads it back: characters its reader refuses are an error; a raw
/// NEL (which JSON does not escape) is a line break inside a double-quoted scalar, folded with
/// the spaces around it (one break is a space, n breaks are n-1 newlines).
fn read_back(s: String) -> Result<String, String> {
    if s.chars()
        .any(|c| matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}'))
    {
        return Err("yaml: control characters are not allowed".into());
    }
    if !s.contains('\u{85}') {
        return Ok(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != ' ' && chars[i] != '\u{85}' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        let mut breaks = 0;
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{85}') {
            breaks += usize::from(chars[i] == '\u{85}');
            i += 1;
        }
        match breaks {
            0 => out.extend(&chars[start..i]),
            1 => out.push(' '),
            n => out.extend(std::iter::repeat_n('\n', n - 1)),
        }
    }
    Ok(out)
}

/// Sorts entries by key in go-yaml's order, by merging (which never fails on an order that is
/// not transitive). go-yaml's order is not transitive for some sets of keys (`1a` < `01` <
/// `002` < `9` < `10` < `10a` < `1a`): Go then sorts Go's map iteration order, which is random,
/// and helm3 prints such keys in a different order from run to run (observed). Where the order
/// is consistent, every sort gives Helm's.
fn sort_keys(entries: &mut Vec<(String, Node)>) {
    // Each key as characters once, not at every comparison; the entries' order sorted, then
    // the entries moved once.
    let keys: Vec<Vec<char>> = entries.iter().map(|e| e.0.chars().collect()).collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    let mut scratch = Vec::with_capacity(order.len());
    merge_sort(&mut order, &mut scratch, &|a, b| less(&keys[a], &keys[b]));
    let mut taken: Vec<Option<(String, Node)>> =
        std::mem::take(entries).into_iter().map(Some).collect();
    entries.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// Top-down merge sort: the first half and the rest sorted, then merged taking the rest's head
/// only when it is less than the first half's.
fn merge_sort(items: &mut [usize], scratch: &mut Vec<usize>, less: &dyn Fn(usize, usize) -> bool) {
    if items.len() < 2 {
        return;
    }
    let (left, right) = items.split_at_mut(items.len() / 2);
    merge_sort(left, scratch, less);
    merge_sort(right, scratch, less);
    scratch.clear();
    let (mut l, mut r) = (0, 0);
    while l < left.len() && r < right.len() {
        if less(right[r], left[l]) {
            scratch.push(right[r]);
            r += 1;
        } else {
            scratch.push(left[l]);
            l += 1;
        }
    }
    scratch.extend_from_slice(&left[l..]);
    scratch.extend_from_slice(&right[r..]);
    items.copy_from_slice(scratch);
}

/// go-yaml v2's order of map keys: runs of digits compare as numbers, letters after
/// everything else, and a shorter prefix first.
fn less(a: &[char], b: &[char]) -> bool {
    for i in 0..a.len().min(b.len()) {
        if a[i] == b[i] {
            continue;
        }
        let (a_letter, b_letter) = (a[i].is_alphabetic(), b[i].is_alphabetic());
        if a_letter && b_letter {
            return a[i] < b[i];
        }
        if a_letter || b_letter {
            return b_letter;
        }
        // Numbers from here on; a zero after a non-zero digit of the same number counts, so the
        // numbers get a leading 1 then (`a10` vs `a1`).
        let (mut an, mut bn) = (0i64, 0i64);
        if (a[i] == '0' || b[i] == '0')
            && a[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .any(|&c| c != '0')
        {
            an = 1;
            bn = 1;
        }
        let number = |s: &[char], mut n: i64| {
            let mut end = i;
            while end < s.len() && s[end].is_ascii_digit() {
                n = n
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(s[end] as u8 - b'0'));
                end += 1;
            }
            (n, end)
        };
        let (an, a_end) = number(a, an);
        let (bn, b_end) = number(b, bn);
        if an != bn {
            return an < bn;
        }
        if a_end != b_end {
            return a_end < b_end;
        }
        return a[i] < b[i];
    }
    a.len() < b.len()
}

/// How a string scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// Where a node is written (go-yaml's emitter contexts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    Root,
    SequenceItem,
    MappingValue,
    SimpleKey,
    ComplexKey,
}

/// go-yaml's emitter state, as far as the output depends on it.
struct Emitter {
    out: String,
    /// Characters on the current line.
    column: usize,
    indent: isize,
    indents: Vec<isize>,
    /// The last thing written was whitespace (no space needed before an indicator).
    whitespace: bool,
    /// Only indentation so far on this line.
    indention: bool,
    /// go-yaml v3 with an indent of 2, as `toYamlPretty` writes: no folding, lists indented
    /// under map keys, tabs allowed in literal blocks.
    pretty: bool,
}

impl Default for Emitter {
    fn default() -> Emitter {
        Emitter {
            out: String::new(),
            column: 0,
            indent: -1,
            indents: Vec::new(),
            whitespace: true,
            indention: true,
            pretty: false,
        }
    }
}

const BEST_INDENT: isize = 2;
const BEST_WIDTH: usize = 80;
/// Keys longer than this (in bytes) are written as `? key`.
const MAX_SIMPLE_KEY: usize = 128;

impl Emitter {
    /// Past the width where go-yaml v2 folds a scalar at its next space (v3 never folds).
    fn past_width(&self) -> bool {
        !self.pretty && self.column > BEST_WIDTH
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// A line break written as part of a scalar (`\n`, or U+2028/U+2029 as they are).
    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        self.out.push_str(indicator);
        self.column += indicator.chars().count();
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn node(&mut self, node: &Node, context: Context) {
        match node {
            Node::Null => self.scalar("null", Style::Plain, context),
            Node::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain, context),
            Node::Int(i) => self.scalar(&i.to_string(), Style::Plain, context),
            Node::Uint(u) => self.scalar(&u.to_string(), Style::Plain, context),
            Node::Float(f) if f.is_nan() => self.scalar(".nan", Style::Plain, context),
            Node::Float(f) if f.is_infinite() => self.scalar(
                if *f > 0.0 { ".inf" } else { "-.inf" },
                Style::Plain,
                context,
            ),
            // go-yaml writes a float with strconv's 'g', which is what `%v` prints
            Node::Float(f) => self.scalar(
                &gotmpl::fmt::format_value(&Value::Float(*f)),
                Style::Plain,
                context,
            ),
            Node::Str(s) => self.scalar(s, requested_style(s), context),
            Node::Seq(items) if items.is_empty() => self.empty_flow("[", "]"),
            Node::Map(entries) if entries.is_empty() => self.empty_flow("{", "}"),
            Node::Seq(items) => {
                // go-yaml v2 writes a list under a map key without indenting it; v3 indents it.
                let indentless =
                    !self.pretty && context == Context::MappingValue && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, Context::SequenceItem);
                }
                self.pop_indent();
            }
            Node::Map(entries) => {
                self.increase_indent(false, false);
                for (key, value) in entries {
                    self.write_indent();
                    let analysis = analyze(key, self.pretty);
                    if key.len() <= MAX_SIMPLE_KEY && !analysis.multiline {
                        self.scalar(key, requested_style(key), Context::SimpleKey);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.scalar(key, requested_style(key), Context::ComplexKey);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(value, Context::MappingValue);
                }
                self.pop_indent();
            }
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false);
        self.pop_indent();
        self.write_indicator(close, false, false, false);
    }

    fn scalar(&mut self, value: &str, requested: Style, context: Context) {
        let simple_key = context == Context::SimpleKey;
        let style = select_style(value, requested, &analyze(value, self.pretty), simple_key);
        self.increase_indent(true, false);
        match style {
            Style::Plain => self.write_plain(value, !simple_key),
            Style::Single => self.write_single_quoted(value, !simple_key),
            Style::Double => self.write_double_quoted(value, !simple_key),
            Style::Literal => self.write_literal(value),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        if !allow_breaks || !value.contains(' ') {
            // No space to fold the line at: the value as it is.
            self.out.push_str(value);
            self.column += value.chars().count();
            self.whitespace = false;
            self.indention = false;
            return;
        }
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks && !spaces && self.past_width() && chars.get(i + 1) != Some(&' ') {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.past_width()
                    && i != 0
                    && i != chars.len() - 1
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str, allow_breaks: bool) {
        // go-yaml checks for a byte-order mark at the start of the whole value instead of at
        // each character: after a leading BOM every character is escaped (observed: `"\uFEFF\x61"`).
        let bom_first = value.starts_with('\u{feff}');
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if bom_first || !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let short = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                let escape = match short {
                    Some(s) => s.to_string(),
                    None if (c as u32) <= 0xff => format!("x{:02X}", c as u32),
                    None if (c as u32) <= 0xffff => format!("u{:04X}", c as u32),
                    None => format!("U{:08X}", c as u32),
                };
                self.out.push_str(&escape);
                self.column += escape.len();
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.past_width() && i != 0 && i != chars.len() - 1 {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        // Block hints: an indentation indicator when the text starts with a space or a break;
        // `-` without a final break, `+` with more than one (or only one break).
        if value.starts_with(' ') || value.starts_with(is_break) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let mut rev = value.chars().rev();
        let chomp = match (rev.next(), rev.next()) {
            (None, _) => Some("-"),
            (Some(last), _) if !is_break(last) => Some("-"),
            (Some(_), None) => Some("+"),
            (Some(_), Some(before)) if is_break(before) => Some("+"),
            _ => None,
        };
        if let Some(chomp) = chomp {
            self.write_indicator(chomp, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in value.chars() {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                    breaks = false;
                }
                self.put(c);
                self.indention = false;
            }
        }
    }
}

/// The style go-yaml's encoder asks for a string: literal with a newline, plain when the text
/// reads back as the same string, double-quoted otherwise.
fn requested_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if reads_as_string(s) {
        Style::Plain
    } else {
        Style::Double
    }
}

/// Whether go-yaml v2 resolves the plain scalar `s` as a string (not null, bool, number,
/// timestamp or a YAML 1.1 sexagesimal float).
fn reads_as_string(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    // After a leading `.` go-yaml tries `strconv.ParseFloat` on the text as it is, which takes
    // no `_` there (`._5` is a string; elsewhere `_` are dropped first: `1__0` is 10).
    if s.starts_with('.') && s.contains('_') {
        return true;
    }
    if crate::yaml::resolve_plain(s) != crate::yaml::Value::Str {
        return false;
    }
    !(is_timestamp(s) || is_base60_float(s))
}

/// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?`
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        match (b.get(i), b.get(i + 1)) {
            (Some(b'0'..=b'5'), Some(b'0'..=b'9')) => i += 2,
            (Some(b'0'..=b'9'), _) => i += 1,
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// Whether go-yaml v2 reads `s` as a timestamp: four digits and `-`, then one of Go's layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (or `t`), `2006-1-2 15:4:5.999999999`, `2006-1-2`, as
/// `time.Parse` takes them (one- or two-digit fields, ranges checked, the day within its month).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let year: u32 = s[..4].parse().unwrap_or(0);
    let mut i = 5;
    // One or two digits (Go's getnum).
    let num = |i: &mut usize| -> Option<u32> {
        let d = |j: usize| {
            b.get(j)
                .filter(|c| c.is_ascii_digit())
                .map(|c| u32::from(c - b'0'))
        };
        let first = d(*i)?;
        *i += 1;
        match d(*i) {
            Some(second) => {
                *i += 1;
                Some(first * 10 + second)
            }
            None => Some(first),
        }
    };
    let Some(month) = num(&mut i) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i) else { return false };
    if !(1..=12).contains(&month) || day < 1 || day > days_in(month, year) {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    let Some(hour) = num(&mut i) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(minute) = num(&mut i) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(second) = num(&mut i) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if !zoned {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let rest = &b[i + 1..];
            rest.len() == 5
                && rest[2] == b':'
                && [0, 1, 3, 4].iter().all(|&j| rest[j].is_ascii_digit())
                && (rest[0] - b'0') * 10 + (rest[1] - b'0') <= 24
                && (rest[3] - b'0') * 10 + (rest[4] - b'0') <= 60
        }
        _ => false,
    }
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// go-yaml's printable characters: no control character but `\n`, no U+0085, no BOM, and
/// nothing beyond the Basic Multilingual Plane (so emoji are escaped).
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
}

/// What go-yaml's emitter learns of a scalar before choosing its style.
#[derive(Debug, Default)]
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(value: &str, pretty: bool) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let blank = |c: char| c == ' ' || c == '\t' || is_break(c) || c == '\0';
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let (mut special, mut line_breaks, mut tabs) = (false, false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let mut chars = value.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let last = next.is_none();
        let followed_by_whitespace = next.is_none_or(blank);
        if first {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    block_indicators = true;
                }
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if pretty && c == '\t' {
            // go-yaml v3 takes a tab in a literal block, not in a plain or single-quoted scalar.
            tabs = true;
        } else if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            leading_break |= first;
            trailing_break |= last;
            space_break |= previous_space;
            previous_break = true;
            previous_space = false;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = blank(c);
        first = false;
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if tabs {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// go-yaml's final choice (block context: toYaml never writes flow collections with content).
fn select_style(value: &str, requested: Style, a: &Analysis, simple_key: bool) -> Style {
    let mut style = requested;
    if simple_key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && (!a.block_plain_allowed || (value.is_empty() && simple_key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single_quoted_allowed {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block_allowed || simple_key) {
        style = Style::Double;
    }
    style
}

#[cfg(test)]
mod tests;
