//! A cursor over the template text that knows its line and column, and the tokenizer of the
//! Python expressions inside `${…}` and `% if …:` lines.

use super::MakoError;
use crate::diagnostic::{Pos, Range};
use crate::text;

/// Most tokens one expression may have; beyond it the expression is reported as too long
/// (its end is still found, so the rest of the template is read as usual).
pub(crate) const MAX_TOKENS: usize = 20_000;

/// A position in the text: byte offset plus 1-based line and character column.
#[derive(Clone)]
pub(crate) struct Cursor<'t> {
    pub text: &'t str,
    pub at: usize,
    pub line: usize,
    pub col: usize,
}

impl<'t> Cursor<'t> {
    pub fn new(text: &'t str) -> Cursor<'t> {
        Cursor {
            text,
            at: 0,
            line: 1,
            col: 1,
        }
    }
    pub fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }
    pub fn eof(&self) -> bool {
        self.at >= self.text.len()
    }
    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    pub fn peek2(&self) -> Option<char> {
        let mut it = self.rest().chars();
        it.next();
        it.next()
    }
    pub fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.col,
        }
    }
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
    /// Advance over `n` bytes of ASCII text that holds no newline.
    pub fn skip_ascii(&mut self, n: usize) {
        self.at += n;
        self.col += n;
    }
    pub fn range_from(&self, start: Pos) -> Range {
        Range {
            start,
            end: self.pos(),
        }
    }
    pub fn at_line_start(&self) -> bool {
        self.col == 1
    }
}

/// Punctuation and operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Colon,
    Dot,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    DoubleSlash,
    Percent,
    Pipe,
    Assign,
    /// Python operators we do not evaluate (`**`, `@`, `~`, `&`, `^`, `<<`, `>>`, `:=`, `->`).
    Other(&'static str),
}

impl Op {
    pub fn text(self) -> &'static str {
        match self {
            Op::LParen => "(",
            Op::RParen => ")",
            Op::LBracket => "[",
            Op::RBracket => "]",
            Op::LBrace => "{",
            Op::RBrace => "}",
            Op::Comma => ",",
            Op::Colon => ":",
            Op::Dot => ".",
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Ge => ">=",
            Op::Plus => "+",
            Op::Minus => "-",
            Op::Star => "*",
            Op::Slash => "/",
            Op::DoubleSlash => "//",
            Op::Percent => "%",
            Op::Pipe => "|",
            Op::Assign => "=",
            Op::Other(s) => s,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(String),
    Str(String),
    Int(i64),
    Float(f64),
    Op(Op),
    /// Something that is not a token of the subset (already reported by the lexer).
    Bad,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub range: Range,
}

/// Where an expression ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Inside `${`: up to the `}` that closes it (brackets and strings respected; newlines are
    /// spaces, as Mako reads a multi-line substitution).
    Subst,
    /// A control line: up to the end of the line (a `\` at the end continues it).
    Line,
}

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    /// `Subst`: the closing `}`; `None` when the text ended first.
    pub close: Option<Range>,
    pub too_many: bool,
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}
fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Tokenize from the cursor until the end of the expression (see [`Mode`]).
pub(crate) fn lex(cur: &mut Cursor, mode: Mode, errors: &mut Vec<MakoError>) -> Lexed {
    let mut tokens = Vec::new();
    let mut depth: usize = 0;
    let mut too_many = false;
    let push = |tokens: &mut Vec<Token>, t: Token| {
        if tokens.len() < MAX_TOKENS {
            tokens.push(t);
        }
    };
    loop {
        // Whitespace and comments.
        match cur.peek() {
            None => {
                return Lexed {
                    tokens,
                    close: None,
                    too_many,
                }
            }
            Some(' ' | '\t' | '\x0c') => {
                cur.bump();
                continue;
            }
            Some('\r') => {
                if mode == Mode::Line {
                    return Lexed {
                        tokens,
                        close: None,
                        too_many,
                    };
                }
                cur.bump();
                continue;
            }
            Some('\n') => {
                if mode == Mode::Line {
                    return Lexed {
                        tokens,
                        close: None,
                        too_many,
                    };
                }
                cur.bump();
                continue;
            }
            Some('\\') if matches!(cur.peek2(), Some('\n' | '\r')) => {
                // An explicit line continuation.
                cur.bump();
                if cur.peek() == Some('\r') {
                    cur.bump();
                }
                if cur.peek() == Some('\n') {
                    cur.bump();
                }
                continue;
            }
            Some('#') => {
                while let Some(c) = cur.peek() {
                    if c == '\n' || c == '\r' {
                        break;
                    }
                    cur.bump();
                }
                continue;
            }
            _ => {}
        }
        let start = cur.pos();
        let c = cur.peek().expect("not at end");
        if tokens.len() >= MAX_TOKENS {
            too_many = true;
        }
        if mode == Mode::Subst && c == '}' && depth == 0 {
            cur.bump();
            return Lexed {
                tokens,
                close: Some(cur.range_from(start)),
                too_many,
            };
        }
        if is_name_start(c) {
            let from = cur.at;
            while cur.peek().is_some_and(is_name_char) {
                cur.bump();
            }
            let name = &cur.text[from..cur.at];
            if tokens.len() >= MAX_TOKENS {
                // Past the budget: only find the end (no allocation per token).
                too_many = true;
                if matches!(cur.peek(), Some('\'' | '"')) && is_string_prefix(name) {
                    let _ = string(cur, "", start, &mut Vec::new());
                }
                continue;
            }
            if matches!(cur.peek(), Some('\'' | '"')) && is_string_prefix(name) {
                let prefix = name.to_ascii_lowercase();
                let tok = string(cur, &prefix, start, errors);
                push(
                    &mut tokens,
                    Token {
                        tok,
                        range: cur.range_from(start),
                    },
                );
                continue;
            }
            push(
                &mut tokens,
                Token {
                    tok: Tok::Name(name.to_string()),
                    range: cur.range_from(start),
                },
            );
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cur.peek2().is_some_and(|d| d.is_ascii_digit())) {
            let tok = number(cur, start, errors);
            push(
                &mut tokens,
                Token {
                    tok,
                    range: cur.range_from(start),
                },
            );
            continue;
        }
        if c == '\'' || c == '"' {
            let tok = string(cur, "", start, errors);
            push(
                &mut tokens,
                Token {
                    tok,
                    range: cur.range_from(start),
                },
            );
            continue;
        }
        let (op, len) = match (c, cur.peek2()) {
            ('=', Some('=')) => (Some(Op::Eq), 2),
            ('!', Some('=')) => (Some(Op::Ne), 2),
            ('<', Some('=')) => (Some(Op::Le), 2),
            ('>', Some('=')) => (Some(Op::Ge), 2),
            ('/', Some('/')) => (Some(Op::DoubleSlash), 2),
            ('*', Some('*')) => (Some(Op::Other("**")), 2),
            ('<', Some('<')) => (Some(Op::Other("<<")), 2),
            ('>', Some('>')) => (Some(Op::Other(">>")), 2),
            ('<', Some('>')) => (Some(Op::Other("<>")), 2),
            (':', Some('=')) => (Some(Op::Other(":=")), 2),
            ('-', Some('>')) => (Some(Op::Other("->")), 2),
            ('+', Some('=')) => (Some(Op::Other("+=")), 2),
            ('-', Some('=')) => (Some(Op::Other("-=")), 2),
            ('*', Some('=')) => (Some(Op::Other("*=")), 2),
            ('/', Some('=')) => (Some(Op::Other("/=")), 2),
            ('%', Some('=')) => (Some(Op::Other("%=")), 2),
            ('|', Some('=')) => (Some(Op::Other("|=")), 2),
            ('(', _) => (Some(Op::LParen), 1),
            (')', _) => (Some(Op::RParen), 1),
            ('[', _) => (Some(Op::LBracket), 1),
            (']', _) => (Some(Op::RBracket), 1),
            ('{', _) => (Some(Op::LBrace), 1),
            ('}', _) => (Some(Op::RBrace), 1),
            (',', _) => (Some(Op::Comma), 1),
            (':', _) => (Some(Op::Colon), 1),
            ('.', _) => (Some(Op::Dot), 1),
            ('<', _) => (Some(Op::Lt), 1),
            ('>', _) => (Some(Op::Gt), 1),
            ('+', _) => (Some(Op::Plus), 1),
            ('-', _) => (Some(Op::Minus), 1),
            ('*', _) => (Some(Op::Star), 1),
            ('/', _) => (Some(Op::Slash), 1),
            ('%', _) => (Some(Op::Percent), 1),
            ('|', _) => (Some(Op::Pipe), 1),
            ('=', _) => (Some(Op::Assign), 1),
            ('@', _) => (Some(Op::Other("@")), 1),
            ('~', _) => (Some(Op::Other("~")), 1),
            ('&', _) => (Some(Op::Other("&")), 1),
            ('^', _) => (Some(Op::Other("^")), 1),
            (';', _) => (Some(Op::Other(";")), 1),
            _ => (None, 0),
        };
        if op.is_some() {
            cur.skip_ascii(len);
        } else {
            cur.bump();
        }
        let range = cur.range_from(start);
        match op {
            Some(op) => {
                match op {
                    Op::LParen | Op::LBracket | Op::LBrace => depth += 1,
                    Op::RParen | Op::RBracket | Op::RBrace => depth = depth.saturating_sub(1),
                    _ => {}
                }
                push(
                    &mut tokens,
                    Token {
                        tok: Tok::Op(op),
                        range,
                    },
                );
            }
            None => {
                errors.push(MakoError::new(
                    range,
                    text!(
                        "unexpected character `{c}` in an expression",
                        "表达式中出现意外的字符 `{c}`"
                    ),
                ));
                push(
                    &mut tokens,
                    Token {
                        tok: Tok::Bad,
                        range,
                    },
                );
            }
        }
    }
}

fn is_string_prefix(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "f" | "rb" | "br" | "fr" | "rf"
    )
}

fn number(cur: &mut Cursor, start: Pos, errors: &mut Vec<MakoError>) -> Tok {
    let from = cur.at;
    let rest = cur.rest();
    let radix = if rest.starts_with("0x") || rest.starts_with("0X") {
        Some(16)
    } else if rest.starts_with("0o") || rest.starts_with("0O") {
        Some(8)
    } else if rest.starts_with("0b") || rest.starts_with("0B") {
        Some(2)
    } else {
        None
    };
    let mut is_float = false;
    if let Some(radix) = radix {
        cur.skip_ascii(2);
        while cur.peek().is_some_and(|c| c.is_digit(radix) || c == '_') {
            cur.bump();
        }
    } else {
        while cur.peek().is_some_and(|c| c.is_ascii_digit() || c == '_') {
            cur.bump();
        }
        if cur.peek() == Some('.') && !cur.peek2().is_some_and(is_name_start) {
            is_float = true;
            cur.bump();
            while cur.peek().is_some_and(|c| c.is_ascii_digit() || c == '_') {
                cur.bump();
            }
        }
        if matches!(cur.peek(), Some('e' | 'E')) {
            let mut look = cur.clone();
            look.bump();
            if matches!(look.peek(), Some('+' | '-')) {
                look.bump();
            }
            if look.peek().is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                *cur = look;
                while cur.peek().is_some_and(|c| c.is_ascii_digit() || c == '_') {
                    cur.bump();
                }
            }
        }
    }
    // A letter glued to a number (`1j`, `08x`) is not in the subset.
    if cur.peek().is_some_and(is_name_char) {
        while cur.peek().is_some_and(is_name_char) {
            cur.bump();
        }
        let t = &cur.text[from..cur.at];
        errors.push(MakoError::new(
            cur.range_from(start),
            text!("`{t}` is not a number", "`{t}` 不是有效的数字"),
        ));
        return Tok::Bad;
    }
    let t: String = cur.text[from..cur.at]
        .chars()
        .filter(|c| *c != '_')
        .collect();
    let parsed = match radix {
        Some(r) => i64::from_str_radix(&t[2..], r).ok().map(Tok::Int),
        None if is_float => t.parse::<f64>().ok().map(Tok::Float),
        None if t.len() > 1 && t.starts_with('0') && t.chars().any(|c| c != '0') => {
            errors.push(MakoError::new(
                cur.range_from(start),
                text!(
                    "`{t}`: Python 3 does not allow leading zeros in an integer",
                    "`{t}`：Python 3 的整数不能以 0 开头"
                ),
            ));
            return Tok::Bad;
        }
        None => t.parse::<i64>().ok().map(Tok::Int),
    };
    parsed.unwrap_or_else(|| {
        errors.push(MakoError::new(
            cur.range_from(start),
            text!("the number `{t}` is out of range", "数字 `{t}` 超出范围"),
        ));
        Tok::Bad
    })
}

/// A string literal; the cursor is on the opening quote, `prefix` already consumed.
fn string(cur: &mut Cursor, prefix: &str, start: Pos, errors: &mut Vec<MakoError>) -> Tok {
    let q = cur.bump().expect("on a quote");
    let triple = cur.peek() == Some(q) && cur.peek2() == Some(q);
    if triple {
        cur.bump();
        cur.bump();
    }
    let raw = prefix.contains('r');
    let mut out = String::new();
    let mut bad: Option<crate::diagnostic::Text> = None;
    if prefix.contains('f') {
        bad = Some(text!(
            "f-strings are not supported in templates",
            "模板中不支持 f-string"
        ));
    } else if prefix.contains('b') {
        bad = Some(text!(
            "bytes literals are not supported in templates",
            "模板中不支持 bytes 字面量"
        ));
    }
    loop {
        let Some(c) = cur.peek() else {
            errors.push(MakoError::new(
                cur.range_from(start),
                text!("unterminated string", "字符串没有结束引号"),
            ));
            return Tok::Bad;
        };
        if c == q {
            if !triple {
                cur.bump();
                break;
            }
            let r = cur.rest();
            let close: String = [q, q, q].iter().collect();
            if r.starts_with(&close) {
                cur.skip_ascii(3);
                break;
            }
            cur.bump();
            out.push(q);
            continue;
        }
        if (c == '\n' || c == '\r') && !triple {
            errors.push(MakoError::new(
                cur.range_from(start),
                text!(
                    "unterminated string: the line ends before its closing quote",
                    "字符串没有结束引号：行在结束引号之前结束"
                ),
            ));
            return Tok::Bad;
        }
        cur.bump();
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = cur.peek() else {
            continue;
        };
        if raw {
            // Raw strings keep the backslash; it still protects a quote from closing.
            out.push('\\');
            cur.bump();
            out.push(e);
            continue;
        }
        cur.bump();
        match e {
            '\n' => {}
            '\r' => {
                if cur.peek() == Some('\n') {
                    cur.bump();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match cur.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            cur.bump();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                let mut ok = true;
                for _ in 0..n {
                    match cur.peek().and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            v = v.wrapping_mul(16).wrapping_add(d);
                            cur.bump();
                        }
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                match char::from_u32(v).filter(|_| ok) {
                    Some(ch) => out.push(ch),
                    None => {
                        bad.get_or_insert(text!(
                            "invalid `\\{e}` escape in a string",
                            "字符串中的 `\\{e}` 转义无效"
                        ));
                    }
                }
            }
            'N' => {
                bad.get_or_insert(text!(
                    "`\\N{{…}}` escapes are not supported",
                    "不支持 `\\N{{…}}` 转义"
                ));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    match bad {
        Some(message) => {
            errors.push(MakoError::new(cur.range_from(start), message));
            Tok::Bad
        }
        None => Tok::Str(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> (Vec<Tok>, Vec<MakoError>) {
        let mut cur = Cursor::new(s);
        let mut errs = Vec::new();
        let l = lex(&mut cur, Mode::Subst, &mut errs);
        (l.tokens.into_iter().map(|t| t.tok).collect(), errs)
    }

    #[test]
    fn tokens_and_positions() {
        let mut cur = Cursor::new("a['b'] == 1.5}rest");
        let mut errs = Vec::new();
        let l = lex(&mut cur, Mode::Subst, &mut errs);
        assert!(errs.is_empty());
        assert_eq!(l.tokens.len(), 6);
        assert_eq!(l.tokens[2].tok, Tok::Str("b".into()));
        assert_eq!(l.tokens[2].range.start.column, 3);
        assert_eq!(l.tokens[2].range.end.column, 6);
        assert_eq!(l.close.unwrap().start.column, 14);
        assert_eq!(cur.rest(), "rest");
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            toks("'a\\'b' \"x\\ny\" r'\\d' '\\x41\\u00e9'}").0,
            vec![
                Tok::Str("a'b".into()),
                Tok::Str("x\ny".into()),
                Tok::Str("\\d".into()),
                Tok::Str("Aé".into()),
            ]
        );
        assert_eq!(toks("'''a\n'b'''}").0, vec![Tok::Str("a\n'b".into())]);
        let (t, e) = toks("'abc\n}");
        assert_eq!(t, vec![Tok::Bad]);
        assert_eq!(e.len(), 1);
        assert!(toks("f'x'}").1[0].message.en.contains("f-string"));
    }

    #[test]
    fn braces_inside_do_not_close() {
        let mut cur = Cursor::new("d.get('}', {}) }tail");
        let mut errs = Vec::new();
        let l = lex(&mut cur, Mode::Subst, &mut errs);
        assert!(l.close.is_some());
        assert_eq!(cur.rest(), "tail");
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("1 2.5 1e3 0x1f 1_000 .5}").0,
            vec![
                Tok::Int(1),
                Tok::Float(2.5),
                Tok::Float(1000.0),
                Tok::Int(31),
                Tok::Int(1000),
                Tok::Float(0.5)
            ]
        );
        assert_eq!(toks("99999999999999999999}").0, vec![Tok::Bad]);
        assert_eq!(toks("012}").0, vec![Tok::Bad]);
        assert_eq!(toks("1j}").0, vec![Tok::Bad]);
    }

    #[test]
    fn line_mode_stops_at_newline_and_continues_after_backslash() {
        let mut cur = Cursor::new("a and \\\n b:\nnext");
        let mut errs = Vec::new();
        let l = lex(&mut cur, Mode::Line, &mut errs);
        assert_eq!(l.tokens.len(), 4);
        assert_eq!(cur.rest(), "\nnext");
    }
}
