//! A small regular-expression engine with Go's `regexp` (RE2) syntax and semantics, for Sprig's
//! regex functions: leftmost-first matching by a Pike VM (time linear in the text, no
//! backtracking blow-up), captures, flags `i m s U`, Go's ASCII `\d \w \s \b`, POSIX and a few
//! Unicode classes, `\Q…\E`, and Go's parse errors (`error parsing regexp: missing closing ):
//! `(``). Written for this crate instead of depending on the `regex` crate, which would add
//! 200–325 KB (gzipped) to the page's wasm for the handful of patterns charts use.
//!
//! Unicode classes: `\pL`, `\p{Lu}`, `\p{Ll}`, `\p{N}`, `\p{Nd}`, `\p{Han}`, `\p{Latin}`,
//! `\p{Greek}`, `\p{Cyrillic}` (and their negations) are read through Rust's character
//! properties or script ranges; other names are refused as unknown (Go knows every Unicode name).
//! Case folding under `(?i)` is simple (one lower and one upper form per character).

/// Go's limit on a repeat count (`a{1001}` is an error).
const MAX_REPEAT: u32 = 1000;
/// Nesting of groups and repeats (Go: "expression nests too deeply" past 1000).
const MAX_DEPTH: usize = 1000;
/// Compiled program size (Go refuses "expression too large"; Go's bound differs).
const MAX_PROGRAM: usize = 100_000;

#[derive(Clone, Debug, Default)]
struct Flags {
    case_insensitive: bool,
    multi_line: bool,
    dot_nl: bool,
    ungreedy: bool,
}

#[derive(Clone, Debug)]
enum ClassItem {
    Range(char, char),
    /// A property test, possibly negated (`\PL`).
    Pred(fn(char) -> bool, bool),
}

#[derive(Clone, Debug)]
struct Class {
    items: Vec<ClassItem>,
    negated: bool,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        let hit = self.items.iter().any(|item| match item {
            ClassItem::Range(lo, hi) => *lo <= c && c <= *hi,
            ClassItem::Pred(f, neg) => f(c) != *neg,
        });
        hit != self.negated
    }
}

#[derive(Clone, Debug)]
enum Assertion {
    BeginText,
    EndText,
    BeginLine,
    EndLine,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Char(char, bool),
    AnyChar {
        nl: bool,
    },
    Class(Class),
    Assert(Assertion),
    Group(Box<Node>, Option<usize>),
    Concat(Vec<Node>),
    Alternate(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

fn error(code: &str, arg: &str) -> String {
    format!("error parsing regexp: {code}: `{arg}`")
}

struct Parser<'a> {
    pattern: &'a str,
    chars: Vec<char>,
    /// Byte offset of each char (and the end).
    offsets: Vec<usize>,
    i: usize,
    flags: Flags,
    groups: usize,
    names: Vec<Option<String>>,
    depth: usize,
}

impl Parser<'_> {
    fn text(&self, from: usize, to: usize) -> &str {
        &self.pattern[self.offsets[from]..self.offsets[to.min(self.chars.len())]]
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn parse_alternation(&mut self) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error("expression nests too deeply", self.pattern));
        }
        let mut branches = vec![self.parse_concat()?];
        while self.peek() == Some('|') {
            self.i += 1;
            branches.push(self.parse_concat()?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 {
            branches.pop().unwrap()
        } else {
            Node::Alternate(branches)
        })
    }

    fn parse_concat(&mut self) -> Result<Node, String> {
        let mut items: Vec<Node> = Vec::new();
        // Where the last item started and whether it is a repeat (for Go's nested-repeat check).
        let mut last_start = self.i;
        let mut last_is_repeat = false;
        while let Some(c) = self.peek() {
            match c {
                '|' | ')' => break,
                '*' | '+' | '?' | '{' => {
                    let op_start = self.i;
                    let (min, max, len) = match c {
                        '*' => (0, None, 1),
                        '+' => (1, None, 1),
                        '?' => (0, Some(1), 1),
                        _ => match self.repeat_braces() {
                            Some(r) => r,
                            None => {
                                // Not a repeat: a literal `{`.
                                self.i += 1;
                                last_start = op_start;
                                last_is_repeat = false;
                                items.push(Node::Char('{', self.flags.case_insensitive));
                                continue;
                            }
                        },
                    };
                    self.i += len;
                    let mut greedy = true;
                    if self.peek() == Some('?') {
                        self.i += 1;
                        greedy = false;
                    }
                    let op_text = self.text(op_start, self.i).to_string();
                    if last_is_repeat {
                        return Err(error(
                            "invalid nested repetition operator",
                            self.text(last_start, self.i),
                        ));
                    }
                    let Some(prev) = items.pop() else {
                        return Err(error("missing argument to repetition operator", &op_text));
                    };
                    if matches!(prev, Node::Empty) {
                        return Err(error("missing argument to repetition operator", &op_text));
                    }
                    if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT || m < min) {
                        return Err(error(
                            "invalid repeat count",
                            self.text(op_start, op_start + len),
                        ));
                    }
                    let greedy = greedy != self.flags.ungreedy;
                    items.push(Node::Repeat {
                        node: Box::new(prev),
                        min,
                        max,
                        greedy,
                    });
                    last_is_repeat = true;
                    last_start = op_start;
                    continue;
                }
                _ => {}
            }
            last_start = self.i;
            last_is_repeat = false;
            if let Some(node) = self.parse_atom()? {
                items.push(node);
            }
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap(),
            _ => Node::Concat(items),
        })
    }

    /// `{n}`, `{n,}`, `{n,m}` here: (min, max, length in chars).
    fn repeat_braces(&self) -> Option<(u32, Option<u32>, usize)> {
        let rest = &self.chars[self.i..];
        let end = rest.iter().position(|&c| c == '}')?;
        let inner: String = rest[1..end].iter().collect();
        let number = |s: &str| -> Option<u32> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                Some(s.parse::<u64>().unwrap_or(u64::MAX).min(u32::MAX as u64) as u32)
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

    fn parse_atom(&mut self) -> Result<Option<Node>, String> {
        let c = self.peek().unwrap();
        let fold = self.flags.case_insensitive;
        Ok(Some(match c {
            '(' => return self.parse_group(),
            '[' => Node::Class(self.parse_class()?),
            '.' => {
                self.i += 1;
                Node::AnyChar {
                    nl: self.flags.dot_nl,
                }
            }
            '^' => {
                self.i += 1;
                Node::Assert(if self.flags.multi_line {
                    Assertion::BeginLine
                } else {
                    Assertion::BeginText
                })
            }
            '$' => {
                self.i += 1;
                Node::Assert(if self.flags.multi_line {
                    Assertion::EndLine
                } else {
                    Assertion::EndText
                })
            }
            '\\' => return self.parse_escape(),
            c => {
                self.i += 1;
                Node::Char(c, fold)
            }
        }))
    }

    fn parse_group(&mut self) -> Result<Option<Node>, String> {
        let start = self.i;
        self.i += 1;
        let mut name: Option<String> = None;
        if self.peek() == Some('?') {
            let rest: String = self.chars[self.i..].iter().collect();
            if rest.starts_with("?P<") || rest.starts_with("?<") {
                let skip = if rest.starts_with("?P<") { 3 } else { 2 };
                let Some(end) = rest.find('>') else {
                    return Err(error(
                        "invalid named capture",
                        self.text(start, self.chars.len()),
                    ));
                };
                let n = &rest[skip..end];
                if n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(error(
                        "invalid named capture",
                        self.text(start, self.i + rest[..=end].chars().count()),
                    ));
                }
                if self.names.iter().any(|x| x.as_deref() == Some(n)) {
                    return Err(error(
                        "duplicate capture group name",
                        self.text(start, self.i + rest[..=end].chars().count()),
                    ));
                }
                name = Some(n.to_string());
                self.i += rest[..=end].chars().count();
            } else {
                // Flags: `(?i)`, `(?i-s:…)`, `(?:…)`.
                self.i += 1;
                let mut flags = self.flags.clone();
                let mut negate = false;
                let mut last_dash = false;
                let mut seen_flag = false;
                loop {
                    let Some(c) = self.peek() else {
                        return Err(error("missing closing )", self.pattern));
                    };
                    self.i += 1;
                    match c {
                        'i' | 'm' | 's' | 'U' => {
                            let on = !negate;
                            match c {
                                'i' => flags.case_insensitive = on,
                                'm' => flags.multi_line = on,
                                's' => flags.dot_nl = on,
                                _ => flags.ungreedy = on,
                            }
                            seen_flag = true;
                            last_dash = false;
                        }
                        '-' if !negate => {
                            negate = true;
                            last_dash = true;
                        }
                        ')' if seen_flag && !last_dash => {
                            self.flags = flags;
                            return Ok(None);
                        }
                        ':' if !last_dash => {
                            let saved = std::mem::replace(&mut self.flags, flags);
                            let inner = self.parse_alternation()?;
                            self.flags = saved;
                            if self.peek() != Some(')') {
                                return Err(error("missing closing )", self.pattern));
                            }
                            self.i += 1;
                            return Ok(Some(Node::Group(Box::new(inner), None)));
                        }
                        _ => {
                            return Err(error(
                                "invalid or unsupported Perl syntax",
                                self.text(start, self.i),
                            ))
                        }
                    }
                }
            }
        }
        self.groups += 1;
        let index = self.groups;
        self.names.push(name);
        let saved = self.flags.clone();
        let inner = self.parse_alternation()?;
        self.flags = saved;
        if self.peek() != Some(')') {
            return Err(error("missing closing )", self.pattern));
        }
        self.i += 1;
        Ok(Some(Node::Group(Box::new(inner), Some(index))))
    }

    fn parse_escape(&mut self) -> Result<Option<Node>, String> {
        let start = self.i;
        let Some(&next) = self.chars.get(self.i + 1) else {
            return Err(error("trailing backslash at end of expression", ""));
        };
        let fold = self.flags.case_insensitive;
        let node = match next {
            'A' => Node::Assert(Assertion::BeginText),
            'z' => Node::Assert(Assertion::EndText),
            'b' => Node::Assert(Assertion::WordBoundary),
            'B' => Node::Assert(Assertion::NotWordBoundary),
            'Q' => {
                self.i += 2;
                let rest: String = self.chars[self.i..].iter().collect();
                let (quoted, consumed) = match rest.find("\\E") {
                    Some(end) => (rest[..end].to_string(), rest[..end].chars().count() + 2),
                    None => (rest.clone(), rest.chars().count()),
                };
                self.i += consumed;
                let chars: Vec<Node> = quoted.chars().map(|c| Node::Char(c, fold)).collect();
                return Ok(Some(Node::Concat(chars)));
            }
            _ => {
                let class = self.escape_class()?;
                return Ok(Some(match class {
                    Escaped::Char(c) => Node::Char(c, fold),
                    Escaped::Class(items) => Node::Class(Class {
                        items,
                        negated: false,
                    }),
                }));
            }
        };
        self.i = start + 2;
        Ok(Some(node))
    }

    /// An escape that stands for a character or a class (outside or inside `[...]`).
    fn escape_class(&mut self) -> Result<Escaped, String> {
        let start = self.i;
        let next = self.chars[self.i + 1];
        self.i += 2;
        let invalid = |p: &Self| error("invalid escape sequence", p.text(start, p.i));
        Ok(match next {
            'd' => Escaped::Class(vec![ClassItem::Range('0', '9')]),
            'D' => Escaped::Class(vec![ClassItem::Pred(|c: char| c.is_ascii_digit(), true)]),
            's' => Escaped::Class(space_items()),
            'S' => Escaped::Class(vec![ClassItem::Pred(
                |c: char| matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' '),
                true,
            )]),
            'w' => Escaped::Class(word_items()),
            'W' => Escaped::Class(vec![ClassItem::Pred(
                |c: char| c.is_ascii_alphanumeric() || c == '_',
                true,
            )]),
            'p' | 'P' => {
                let name: String = if self.peek() == Some('{') {
                    let end = self.chars[self.i..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or_else(|| {
                            error(
                                "invalid character class range",
                                self.text(start, self.chars.len()),
                            )
                        })?;
                    let n: String = self.chars[self.i + 1..self.i + end].iter().collect();
                    self.i += end + 1;
                    n
                } else {
                    let Some(c) = self.peek() else {
                        return Err(invalid(self));
                    };
                    self.i += 1;
                    c.to_string()
                };
                let (name, negate_name) = match name.strip_prefix('^') {
                    Some(n) => (n.to_string(), true),
                    None => (name, false),
                };
                let pred = unicode_class(&name).ok_or_else(|| {
                    error("invalid character class range", self.text(start, self.i))
                })?;
                Escaped::Class(vec![ClassItem::Pred(pred, (next == 'P') != negate_name)])
            }
            'a' => Escaped::Char('\u{7}'),
            'f' => Escaped::Char('\u{c}'),
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'r' => Escaped::Char('\r'),
            'v' => Escaped::Char('\u{b}'),
            'x' => {
                let value = if self.peek() == Some('{') {
                    let end = self.chars[self.i..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or_else(|| invalid(self))?;
                    let hex: String = self.chars[self.i + 1..self.i + end].iter().collect();
                    self.i += end + 1;
                    u32::from_str_radix(&hex, 16).ok()
                } else {
                    let hex: String = self.chars[self.i..(self.i + 2).min(self.chars.len())]
                        .iter()
                        .collect();
                    self.i += 2;
                    if hex.len() == 2 {
                        u32::from_str_radix(&hex, 16).ok()
                    } else {
                        None
                    }
                };
                Escaped::Char(
                    value
                        .and_then(char::from_u32)
                        .ok_or_else(|| invalid(self))?,
                )
            }
            '0'..='7' => {
                // Octal: `\0`, or up to three digits when the first is not alone (`\1` alone is a
                // backreference, which Go refuses).
                let mut digits = next.to_string();
                while digits.len() < 3 && self.peek().is_some_and(|c| ('0'..='7').contains(&c)) {
                    digits.push(self.peek().unwrap());
                    self.i += 1;
                }
                if next != '0' && digits.len() == 1 {
                    return Err(invalid(self));
                }
                Escaped::Char(
                    char::from_u32(u32::from_str_radix(&digits, 8).unwrap_or(0)).unwrap_or('\0'),
                )
            }
            c if c.is_ascii_punctuation() => Escaped::Char(c),
            _ => return Err(invalid(self)),
        })
    }

    fn parse_class(&mut self) -> Result<Class, String> {
        let start = self.i;
        self.i += 1;
        let mut negated = false;
        if self.peek() == Some('^') {
            negated = true;
            self.i += 1;
        }
        let mut items: Vec<ClassItem> = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(error(
                    "missing closing ]",
                    self.text(start, self.chars.len()),
                ));
            };
            if c == ']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            // POSIX `[:alpha:]`.
            if c == '[' && self.chars.get(self.i + 1) == Some(&':') {
                let rest: String = self.chars[self.i..].iter().collect();
                if let Some(end) = rest[2..].find(":]") {
                    let name = &rest[2..2 + end];
                    let (name, neg) = match name.strip_prefix('^') {
                        Some(n) => (n, true),
                        None => (name, false),
                    };
                    let ranges = posix_class(name)
                        .ok_or_else(|| error("invalid character class range", &rest[..end + 4]))?;
                    let len = rest[..end + 4].chars().count();
                    self.i += len;
                    if neg {
                        items.push(ClassItem::Pred(posix_pred(name), true));
                    } else {
                        items.extend(ranges.into_iter().map(|(a, b)| ClassItem::Range(a, b)));
                    }
                    continue;
                }
            }
            let range_start = self.i;
            let lo = match self.class_char()? {
                Escaped::Char(c) => c,
                Escaped::Class(inner) => {
                    items.extend(inner);
                    continue;
                }
            };
            if self.peek() == Some('-') && self.chars.get(self.i + 1).is_some_and(|&c| c != ']') {
                self.i += 1;
                let hi = match self.class_char()? {
                    Escaped::Char(c) => c,
                    Escaped::Class(..) => {
                        return Err(error(
                            "invalid character class range",
                            self.text(range_start, self.i),
                        ));
                    }
                };
                if hi < lo {
                    return Err(error(
                        "invalid character class range",
                        self.text(range_start, self.i),
                    ));
                }
                items.push(ClassItem::Range(lo, hi));
            } else {
                items.push(ClassItem::Range(lo, lo));
            }
        }
        if self.flags.case_insensitive {
            items = fold_items(items);
        }
        Ok(Class { items, negated })
    }

    fn class_char(&mut self) -> Result<Escaped, String> {
        let c = self.peek().unwrap();
        if c == '\\' {
            if self.i + 1 >= self.chars.len() {
                return Err(error("trailing backslash at end of expression", ""));
            }
            return self.escape_class();
        }
        self.i += 1;
        Ok(Escaped::Char(c))
    }
}

enum Escaped {
    Char(char),
    Class(Vec<ClassItem>),
}

fn space_items() -> Vec<ClassItem> {
    vec![
        ClassItem::Range('\t', '\n'),
        ClassItem::Range('\u{c}', '\r'),
        ClassItem::Range(' ', ' '),
    ]
}

fn word_items() -> Vec<ClassItem> {
    vec![
        ClassItem::Range('0', '9'),
        ClassItem::Range('A', 'Z'),
        ClassItem::Range('_', '_'),
        ClassItem::Range('a', 'z'),
    ]
}

fn posix_class(name: &str) -> Option<Vec<(char, char)>> {
    Some(match name {
        "alnum" => vec![('0', '9'), ('A', 'Z'), ('a', 'z')],
        "alpha" => vec![('A', 'Z'), ('a', 'z')],
        "ascii" => vec![('\0', '\u{7f}')],
        "blank" => vec![('\t', '\t'), (' ', ' ')],
        "cntrl" => vec![('\0', '\u{1f}'), ('\u{7f}', '\u{7f}')],
        "digit" => vec![('0', '9')],
        "graph" => vec![('!', '~')],
        "lower" => vec![('a', 'z')],
        "print" => vec![(' ', '~')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "space" => vec![('\t', '\r'), (' ', ' ')],
        "upper" => vec![('A', 'Z')],
        "word" => vec![('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')],
        "xdigit" => vec![('0', '9'), ('A', 'F'), ('a', 'f')],
        _ => return None,
    })
}

fn posix_pred(name: &str) -> fn(char) -> bool {
    match name {
        "alnum" => |c: char| c.is_ascii_alphanumeric(),
        "alpha" => |c: char| c.is_ascii_alphabetic(),
        "ascii" => |c: char| c.is_ascii(),
        "blank" => |c: char| c == ' ' || c == '\t',
        "cntrl" => |c: char| c.is_ascii_control(),
        "digit" => |c: char| c.is_ascii_digit(),
        "graph" => |c: char| c.is_ascii_graphic(),
        "lower" => |c: char| c.is_ascii_lowercase(),
        "print" => |c: char| c.is_ascii_graphic() || c == ' ',
        "punct" => |c: char| c.is_ascii_punctuation(),
        "space" => |c: char| matches!(c, '\t'..='\r' | ' '),
        "upper" => |c: char| c.is_ascii_uppercase(),
        "word" => |c: char| c.is_ascii_alphanumeric() || c == '_',
        _ => |c: char| c.is_ascii_hexdigit(),
    }
}

fn unicode_class(name: &str) -> Option<fn(char) -> bool> {
    Some(match name {
        "L" | "Letter" => |c: char| c.is_alphabetic() && !c.is_numeric(),
        "Lu" => |c: char| c.is_uppercase(),
        "Ll" => |c: char| c.is_lowercase(),
        "N" | "Nd" => |c: char| c.is_numeric(),
        "Han" => |c: char| {
            matches!(c as u32, 0x2E80..=0x2E99 | 0x2E9B..=0x2EF3 | 0x2F00..=0x2FD5 | 0x3005 | 0x3007 | 0x3021..=0x3029
                | 0x3038..=0x303B | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFA6D | 0xFA70..=0xFAD9
                | 0x20000..=0x2A6DF | 0x2A700..=0x2EBE0 | 0x2F800..=0x2FA1D | 0x30000..=0x3134A)
        },
        "Latin" => |c: char| {
            c.is_ascii_alphabetic()
                || matches!(c as u32, 0xAA | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2B8 | 0x1E00..=0x1EFF)
        },
        "Greek" => |c: char| matches!(c as u32, 0x370..=0x3FF | 0x1F00..=0x1FFF),
        "Cyrillic" => {
            |c: char| matches!(c as u32, 0x400..=0x52F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F)
        }
        _ => return None,
    })
}

/// Simple case folding: the other case of each character (ranges wider than 500 characters are
/// folded for their ASCII letters only).
fn fold_items(items: Vec<ClassItem>) -> Vec<ClassItem> {
    let mut out = items.clone();
    for item in items {
        if let ClassItem::Range(lo, hi) = item {
            if (hi as u32) - (lo as u32) > 500 {
                for c in ('A'..='Z').chain('a'..='z') {
                    if lo <= c && c <= hi {
                        let o = other_case(c);
                        out.push(ClassItem::Range(o, o));
                    }
                }
                continue;
            }
            for c in lo..=hi {
                let o = other_case(c);
                if o != c {
                    out.push(ClassItem::Range(o, o));
                }
            }
        }
    }
    out
}

fn other_case(c: char) -> char {
    let mut lower = c.to_lowercase();
    if let (Some(l), None) = (lower.next(), lower.next()) {
        if l != c {
            return l;
        }
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn chars_equal_fold(a: char, b: char) -> bool {
    a == b || other_case(a) == b || other_case(b) == a
}

// ---------------------------------------------------------------------------------------------
// Program.

#[derive(Clone, Debug)]
enum Inst {
    Char(char, bool),
    Any {
        nl: bool,
    },
    Class(usize),
    Assert(Assertion),
    Save(usize),
    /// Try `x` first, then `y`.
    Split(usize, usize),
    Jmp(usize),
    Match,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Regex {
    insts: Vec<Inst>,
    classes: Vec<Class>,
    /// Capture groups, group 0 (the whole match) included.
    groups: usize,
    names: Vec<Option<String>>,
    pattern: String,
    /// Every match starts at the beginning of the text (`^…` without `m`, `\A…`).
    anchored_start: bool,
    /// Every match starts with this character (a literal first, case-sensitive).
    first_char: Option<char>,
}

struct Compiler {
    insts: Vec<Inst>,
    classes: Vec<Class>,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<usize, String> {
        if self.insts.len() >= MAX_PROGRAM {
            return Err("expression too large".into());
        }
        self.insts.push(inst);
        Ok(self.insts.len() - 1)
    }

    fn compile(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Empty => {}
            Node::Char(c, fold) => {
                self.push(Inst::Char(*c, *fold && other_case(*c) != *c))?;
            }
            Node::AnyChar { nl } => {
                self.push(Inst::Any { nl: *nl })?;
            }
            Node::Class(class) => {
                self.classes.push(class.clone());
                self.push(Inst::Class(self.classes.len() - 1))?;
            }
            Node::Assert(a) => {
                self.push(Inst::Assert(a.clone()))?;
            }
            Node::Group(inner, index) => match index {
                Some(n) => {
                    self.push(Inst::Save(2 * n))?;
                    self.compile(inner)?;
                    self.push(Inst::Save(2 * n + 1))?;
                }
                None => self.compile(inner)?,
            },
            Node::Concat(items) => {
                for item in items {
                    self.compile(item)?;
                }
            }
            Node::Alternate(branches) => {
                let mut jumps = Vec::new();
                for (k, branch) in branches.iter().enumerate() {
                    if k + 1 < branches.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.compile(branch)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.compile(branch)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => match max {
                None if *min == 0 && nullable(node) => {
                    // x* of an x that can match empty is (x+)?, as Go compiles it (for the
                    // priority of empty iterations): split(plus, end); L: body; split(L, end)
                    let quest = self.push(Inst::Split(0, 0))?;
                    let start = self.insts.len();
                    self.compile(node)?;
                    let split = self.push(Inst::Split(0, 0))?;
                    let end = self.insts.len();
                    self.insts[split] = if *greedy {
                        Inst::Split(start, end)
                    } else {
                        Inst::Split(end, start)
                    };
                    self.insts[quest] = if *greedy {
                        Inst::Split(start, end)
                    } else {
                        Inst::Split(end, start)
                    };
                }
                None if *min == 0 => {
                    // x*: L: split(body, end); body; jmp L
                    let split = self.push(Inst::Split(0, 0))?;
                    self.compile(node)?;
                    self.push(Inst::Jmp(split))?;
                    let end = self.insts.len();
                    self.insts[split] = if *greedy {
                        Inst::Split(split + 1, end)
                    } else {
                        Inst::Split(end, split + 1)
                    };
                }
                None => {
                    // x{n,}: x^(n-1), then x+ as RE2 builds it: L: body; split(L, end)
                    for _ in 1..*min {
                        self.compile(node)?;
                    }
                    let start = self.insts.len();
                    self.compile(node)?;
                    let split = self.push(Inst::Split(0, 0))?;
                    self.insts[split] = if *greedy {
                        Inst::Split(start, split + 1)
                    } else {
                        Inst::Split(split + 1, start)
                    };
                }
                Some(max) => {
                    for _ in 0..*min {
                        self.compile(node)?;
                    }
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(self.push(Inst::Split(0, 0))?);
                        self.compile(node)?;
                    }
                    let end = self.insts.len();
                    for s in splits {
                        self.insts[s] = if *greedy {
                            Inst::Split(s + 1, end)
                        } else {
                            Inst::Split(end, s + 1)
                        };
                    }
                }
            },
        }
        Ok(())
    }
}

/// The node every match of `node` begins with, when there is exactly one (through groups,
/// concatenations and repeats of at least one).
fn first_item(node: &Node) -> Option<&Node> {
    match node {
        Node::Group(inner, _) => first_item(inner),
        Node::Concat(items) => items.first().and_then(first_item),
        Node::Repeat { node, min, .. } if *min >= 1 => first_item(node),
        Node::Char(..) | Node::Assert(Assertion::BeginText) => Some(node),
        _ => None,
    }
}

/// Whether a node can match the empty string.
fn nullable(node: &Node) -> bool {
    match node {
        Node::Empty | Node::Assert(_) => true,
        Node::Char(..) | Node::AnyChar { .. } | Node::Class(_) => false,
        Node::Group(inner, _) => nullable(inner),
        Node::Concat(items) => items.iter().all(nullable),
        Node::Alternate(branches) => branches.iter().any(nullable),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
    }
}

impl Regex {
    /// Parses and compiles a Go pattern; the error is Go's text (`error parsing regexp: …`).
    pub(crate) fn new(pattern: &str) -> Result<Regex, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut offsets: Vec<usize> = pattern.char_indices().map(|(i, _)| i).collect();
        offsets.push(pattern.len());
        let mut parser = Parser {
            pattern,
            chars,
            offsets,
            i: 0,
            flags: Flags::default(),
            groups: 0,
            names: vec![None],
            depth: 0,
        };
        let node = parser.parse_alternation()?;
        if parser.i < parser.chars.len() {
            // Only an unmatched `)` stops the top level early.
            return Err(error("unexpected )", pattern));
        }
        let mut compiler = Compiler {
            insts: Vec::new(),
            classes: Vec::new(),
        };
        compiler
            .push(Inst::Save(0))
            .map_err(|e| format!("error parsing regexp: {e}: `{pattern}`"))?;
        compiler
            .compile(&node)
            .map_err(|e| format!("error parsing regexp: {e}: `{pattern}`"))?;
        compiler
            .push(Inst::Save(1))
            .map_err(|e| format!("error parsing regexp: {e}: `{pattern}`"))?;
        compiler
            .push(Inst::Match)
            .map_err(|e| format!("error parsing regexp: {e}: `{pattern}`"))?;
        let (anchored_start, first_char) = match first_item(&node) {
            Some(Node::Assert(Assertion::BeginText)) => (true, None),
            Some(Node::Char(c, false)) => (false, Some(*c)),
            Some(Node::Char(c, true)) if other_case(*c) == *c => (false, Some(*c)),
            _ => (false, None),
        };
        Ok(Regex {
            insts: compiler.insts,
            classes: compiler.classes,
            groups: parser.groups + 1,
            names: parser.names,
            pattern: pattern.to_string(),
            anchored_start,
            first_char,
        })
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The leftmost-first match starting at or after byte `start`: the byte span of every group
    /// (group 0 the whole match).
    pub(crate) fn captures_at(
        &self,
        text: &str,
        start: usize,
    ) -> Option<Vec<Option<(usize, usize)>>> {
        self.captures_with(&mut self.scratch(), text, start)
    }

    fn scratch(&self) -> Scratch {
        let n = self.insts.len();
        Scratch {
            clist: Threads::new(n),
            nlist: Threads::new(n),
            stack: Vec::new(),
            empty_caps: vec![None; 2 * self.groups].into(),
        }
    }

    fn captures_with(
        &self,
        scratch: &mut Scratch,
        text: &str,
        start: usize,
    ) -> Option<Vec<Option<(usize, usize)>>> {
        let Scratch {
            clist,
            nlist,
            stack,
            empty_caps,
        } = scratch;
        clist.clear();
        nlist.clear();
        let mut matched: Option<Vec<Option<usize>>> = None;
        let mut pos = start;
        loop {
            if matched.is_none() && clist.list.is_empty() {
                // Nothing running: jump to where a match can start.
                if self.anchored_start && pos > 0 {
                    break;
                }
                if let Some(first) = self.first_char {
                    match text[pos..].find(first) {
                        Some(offset) => pos += offset,
                        None => break,
                    }
                }
            }
            if matched.is_none() {
                // A new thread starting here, below the ones already running.
                self.add_thread(clist, 0, pos, text, empty_caps.clone(), stack);
            }
            let c = text[pos..].chars().next();
            if clist.list.is_empty() {
                if matched.is_some() || c.is_none() {
                    break;
                }
                clist.clear();
                pos += c.map_or(0, char::len_utf8);
                continue;
            }
            let next_pos = pos + c.map_or(0, char::len_utf8);
            for k in 0..clist.list.len() {
                let (pc, caps) = clist.list[k].clone();
                let advance = match &self.insts[pc] {
                    Inst::Match => {
                        matched = Some(caps.to_vec());
                        // Lower-priority threads are cut off.
                        break;
                    }
                    Inst::Char(want, fold) => {
                        c.is_some_and(|c| c == *want || (*fold && chars_equal_fold(c, *want)))
                    }
                    Inst::Any { nl } => c.is_some_and(|c| *nl || c != '\n'),
                    Inst::Class(i) => c.is_some_and(|c| self.classes[*i].matches(c)),
                    _ => false,
                };
                if advance {
                    self.add_thread(nlist, pc + 1, next_pos, text, caps, stack);
                }
            }
            if c.is_none() {
                break;
            }
            std::mem::swap(clist, nlist);
            nlist.clear();
            pos = next_pos;
        }
        matched.map(|caps| {
            (0..self.groups)
                .map(|g| match (caps[2 * g], caps[2 * g + 1]) {
                    (Some(s), Some(e)) => Some((s, e)),
                    _ => None,
                })
                .collect()
        })
    }

    /// Follows jumps, splits, saves and assertions from `pc` at `pos`, adding the threads that
    /// wait on a character (or match), in priority order.
    fn add_thread(
        &self,
        list: &mut Threads,
        pc: usize,
        pos: usize,
        text: &str,
        caps: Rc<[Option<usize>]>,
        stack: &mut Vec<(usize, Rc<[Option<usize>]>)>,
    ) {
        stack.clear();
        stack.push((pc, caps));
        while let Some((pc, caps)) = stack.pop() {
            if !list.mark(pc) {
                continue;
            }
            match &self.insts[pc] {
                Inst::Jmp(to) => stack.push((*to, caps)),
                Inst::Split(x, y) => {
                    stack.push((*y, caps.clone()));
                    stack.push((*x, caps));
                }
                Inst::Save(slot) => {
                    let mut new = caps.to_vec();
                    new[*slot] = Some(pos);
                    stack.push((pc + 1, new.into()));
                }
                Inst::Assert(a) => {
                    if assertion_holds(a, text, pos) {
                        stack.push((pc + 1, caps));
                    }
                }
                _ => list.list.push((pc, caps)),
            }
        }
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.captures_at(text, 0).is_some()
    }

    /// Go's `FindAll…Index` walk: successive non-overlapping matches, an empty match right after
    /// the previous match skipped; at most `limit`.
    pub(crate) fn all_captures(
        &self,
        text: &str,
        limit: usize,
    ) -> Vec<Vec<Option<(usize, usize)>>> {
        let mut out = Vec::new();
        let mut pos = 0;
        let mut prev_end: Option<usize> = None;
        let mut scratch = self.scratch();
        while out.len() < limit && pos <= text.len() {
            let Some(caps) = self.captures_with(&mut scratch, text, pos) else {
                break;
            };
            let (s, e) = caps[0].unwrap_or((pos, pos));
            let mut accept = true;
            if e == s {
                if Some(s) == prev_end {
                    accept = false;
                }
                pos = match text[e..].chars().next() {
                    Some(c) => e + c.len_utf8(),
                    None => e + 1,
                };
            } else {
                pos = e;
            }
            prev_end = Some(e);
            if accept {
                out.push(caps);
            }
        }
        out
    }

    /// The index of a named group.
    fn group_index(&self, name: &str) -> Option<usize> {
        if let Ok(n) = name.parse::<usize>() {
            return Some(n);
        }
        self.names.iter().position(|n| n.as_deref() == Some(name))
    }

    /// `ReplaceAllString` (with `$1`, `${name}` expanded) or `ReplaceAllLiteralString`.
    pub(crate) fn replace_all(&self, text: &str, repl: &str, expand: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for caps in self.all_captures(text, usize::MAX) {
            let (s, e) = caps[0].unwrap_or((0, 0));
            out.push_str(&text[last..s]);
            if expand {
                self.expand(&mut out, repl, text, &caps);
            } else {
                out.push_str(repl);
            }
            last = e;
        }
        out.push_str(&text[last..]);
        out
    }

    /// Go's `Expand`: `$name`/`${name}` (the longest run of letters, digits and `_`), `$$`; a
    /// missing group is empty; a malformed `$` is kept.
    fn expand(
        &self,
        out: &mut String,
        template: &str,
        text: &str,
        caps: &[Option<(usize, usize)>],
    ) {
        let mut rest = template;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            if rest.starts_with("$$") {
                out.push('$');
                rest = &rest[2..];
                continue;
            }
            let (name, after) = if let Some(braced) = rest.strip_prefix("${") {
                match braced.find('}') {
                    Some(end)
                        if end > 0
                            && braced[..end]
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                    {
                        (&braced[..end], &braced[end + 1..])
                    }
                    _ => ("", rest),
                }
            } else {
                let n = rest[1..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
                (&rest[1..1 + n], &rest[1 + n..])
            };
            if name.is_empty() {
                out.push('$');
                rest = &rest[1..];
                continue;
            }
            if let Some(Some((s, e))) = self.group_index(name).and_then(|g| caps.get(g)) {
                out.push_str(&text[*s..*e]);
            }
            rest = after;
        }
        out.push_str(rest);
    }
}

use std::rc::Rc;

/// The Pike VM's working memory, reused across the searches of one `FindAll`.
struct Scratch {
    clist: Threads,
    nlist: Threads,
    stack: Vec<(usize, Rc<[Option<usize>]>)>,
    empty_caps: Rc<[Option<usize>]>,
}

/// A thread list with O(1) membership (a sparse set over program counters).
struct Threads {
    list: Vec<(usize, Rc<[Option<usize>]>)>,
    seen: Vec<bool>,
    touched: Vec<usize>,
}

impl Threads {
    fn new(n: usize) -> Threads {
        Threads {
            list: Vec::new(),
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    /// Marks `pc` visited at this position; false if it already was.
    fn mark(&mut self, pc: usize) -> bool {
        if self.seen[pc] {
            return false;
        }
        self.seen[pc] = true;
        self.touched.push(pc);
        true
    }

    fn clear(&mut self) {
        self.list.clear();
        for pc in self.touched.drain(..) {
            self.seen[pc] = false;
        }
    }
}

fn is_word_byte(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

fn assertion_holds(a: &Assertion, text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    match a {
        Assertion::BeginText => pos == 0,
        Assertion::EndText => pos == b.len(),
        Assertion::BeginLine => pos == 0 || b[pos - 1] == b'\n',
        Assertion::EndLine => pos == b.len() || b[pos] == b'\n',
        Assertion::WordBoundary | Assertion::NotWordBoundary => {
            let before = pos > 0 && is_word_byte(b.get(pos - 1));
            let after = is_word_byte(b.get(pos));
            (before != after) == matches!(a, Assertion::WordBoundary)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str, t: &str) -> Option<(usize, usize)> {
        Regex::new(p).unwrap().captures_at(t, 0).and_then(|c| c[0])
    }

    #[test]
    fn basics() {
        assert_eq!(find("a+", "baaac"), Some((1, 4)));
        assert_eq!(find("a|ab", "ab"), Some((0, 1)));
        assert_eq!(find("(a|ab)(c|bcd)", "abcd"), Some((0, 4)));
        assert_eq!(find("a*?b", "aab"), Some((0, 3)));
        assert_eq!(find("a{2,3}", "aaaa"), Some((0, 3)));
        assert_eq!(find("a{2,3}?", "aaaa"), Some((0, 2)));
        assert_eq!(find("^b", "ab"), None);
        assert_eq!(find("(?m)^b", "a\nb"), Some((2, 3)));
        assert_eq!(find("a$", "a\n"), None);
        assert_eq!(find("(?i)straße", "STRAßE"), Some((0, 7)));
        assert_eq!(find(r"\bfoo\b", "éfoo"), Some((2, 5)));
        assert_eq!(find(r"[\d.]+", "v1.2.3x"), Some((1, 6)));
        assert_eq!(find(r"[^\W_]+", "__ab1_"), Some((2, 5)));
        assert_eq!(find(r"\p{Han}+", "a中文b"), Some((1, 7)));
        assert_eq!(find(r"(?s).+", "a\nb"), Some((0, 3)));
        assert_eq!(find(r".+", "a\nb"), Some((0, 1)));
        assert_eq!(find(r"x{", "ax{"), Some((1, 3)));
        assert_eq!(find(r"[]a]+", "x]a]"), Some((1, 4)));
        assert_eq!(find(r"[[:alpha:]]+", "12ab3"), Some((2, 4)));
        assert_eq!(find(r"(?U)a+", "aaa"), Some((0, 1)));
        assert_eq!(find(r"\x41\x{42}", "AB"), Some((0, 2)));
        assert_eq!(find(r"\Q.*\E", "a.*"), Some((1, 3)));
        assert_eq!(find(r"", "abc"), Some((0, 0)));
        assert_eq!(find(r"(a*)*", "b"), Some((0, 0)));
        assert_eq!(find(r"(a*)+$", "aab"), Some((3, 3)));
    }

    #[test]
    fn go_errors() {
        let e = |p: &str| Regex::new(p).unwrap_err();
        assert_eq!(e("("), "error parsing regexp: missing closing ): `(`");
        assert_eq!(e("a)"), "error parsing regexp: unexpected ): `a)`");
        assert_eq!(e("["), "error parsing regexp: missing closing ]: `[`");
        assert_eq!(
            e("x**"),
            "error parsing regexp: invalid nested repetition operator: `**`"
        );
        assert_eq!(
            e("a++"),
            "error parsing regexp: invalid nested repetition operator: `++`"
        );
        assert_eq!(
            e("*a"),
            "error parsing regexp: missing argument to repetition operator: `*`"
        );
        assert_eq!(
            e("a{2000}"),
            "error parsing regexp: invalid repeat count: `{2000}`"
        );
        assert_eq!(
            e(r"\Z"),
            "error parsing regexp: invalid escape sequence: `\\Z`"
        );
        assert_eq!(
            e("[z-a]"),
            "error parsing regexp: invalid character class range: `z-a`"
        );
        assert_eq!(
            e("(?x)a"),
            "error parsing regexp: invalid or unsupported Perl syntax: `(?x`"
        );
        assert!(
            Regex::new("a*?").is_ok()
                && Regex::new("a{,5}").is_ok()
                && Regex::new("(?i:a)b").is_ok()
        );
        assert!(Regex::new("((a{1000}){1000}){1000}").is_err());
    }

    /// Random patterns and texts over a small alphabet, against the `regex` crate (also
    /// leftmost-first): the same match and groups.
    #[test]
    fn agrees_with_the_regex_crate() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        fn gen(next: &mut dyn FnMut(u64) -> u64, depth: u32) -> String {
            let atom = |next: &mut dyn FnMut(u64) -> u64| -> String {
                match next(18) {
                    0 => "a".into(),
                    1 => "b".into(),
                    2 => "c".into(),
                    3 => ".".into(),
                    4 => "[ab]".into(),
                    5 => "[^a]".into(),
                    6 => "^".into(),
                    7 => "$".into(),
                    8 => r"\b".into(),
                    9 => r"\B".into(),
                    10 => "(?i:A)".into(),
                    11 => "(?s:.)".into(),
                    12 => "(?m:^)".into(),
                    13 => "(?m:$)".into(),
                    14 => r"\A".into(),
                    15 => r"\z".into(),
                    16 => "[a-b]".into(),
                    _ => "a".into(),
                }
            };
            let mut out = String::new();
            for _ in 0..1 + next(3) {
                let mut piece = if depth > 0 && next(4) == 0 {
                    let inner = gen(next, depth - 1);
                    let alt = if next(2) == 0 {
                        format!("|{}", gen(next, depth - 1))
                    } else {
                        String::new()
                    };
                    if next(3) == 0 {
                        format!("(?:{inner}{alt})")
                    } else {
                        format!("({inner}{alt})")
                    }
                } else {
                    atom(next)
                };
                if !matches!(
                    piece.as_str(),
                    "^" | "$" | "(?m:^)" | "(?m:$)" | r"\b" | r"\B" | r"\A" | r"\z"
                ) {
                    piece.push_str(
                        ["", "", "*", "+", "?", "*?", "+?", "??", "{1,2}", "{2}"]
                            [next(10) as usize],
                    );
                }
                out.push_str(&piece);
            }
            out
        }
        let mut checked = 0;
        let rounds: usize = std::env::var("RE2_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000);
        for _ in 0..rounds {
            let pattern = gen(&mut next, 2);
            let text: String = (0..next(7))
                .map(|_| ['a', 'b', 'c', '\n', 'A'][next(5) as usize])
                .collect();
            let Ok(theirs) = regex::Regex::new(&pattern) else {
                continue;
            };
            let ours = Regex::new(&pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            let want: Option<Vec<Option<(usize, usize)>>> = theirs.captures(&text).map(|c| {
                (0..c.len())
                    .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                    .collect()
            });
            let got = ours.captures_at(&text, 0);
            assert_eq!(got, want, "pattern {pattern:?} text {text:?}");
            let all_theirs: Vec<(usize, usize)> = theirs
                .find_iter(&text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let all_ours: Vec<(usize, usize)> = ours
                .all_captures(&text, usize::MAX)
                .iter()
                .filter_map(|c| c[0])
                .collect();
            assert_eq!(
                all_ours, all_theirs,
                "all: pattern {pattern:?} text {text:?}"
            );
            checked += 1;
        }
        assert!(checked > rounds * 2 / 3);
    }
}

#[cfg(test)]
mod speed {
    /// A rough timing (run with `--ignored --nocapture`, best in release).
    #[test]
    #[ignore]
    fn replace_in_a_megabyte() {
        let text = "abc-def_GHI.jkl 123 ".repeat(50_000);
        for pattern in [
            "[^a-z0-9-]",
            "(-?[^a-z\\d\\-])+-?",
            "[0-9]+\\.[0-9]+",
            "^https?://",
        ] {
            let re = super::Regex::new(pattern).unwrap();
            let start = std::time::Instant::now();
            let out = re.replace_all(&text, "-", true);
            println!("{pattern}: {:?} ({} bytes)", start.elapsed(), out.len());
        }
    }
}
