//! Lexer and parser of Go's template syntax into [`crate::ast`] trees.
//!
//! Written from the documentation of Go's `text/template` (the syntax, trim markers, comments,
//! literals) and from the error texts `helm template` prints. The lexer turns the whole text into
//! tokens first (text, delimiters, and the words inside actions); the parser is a recursive
//! descent over them with an explicit nesting counter ([`Limits::max_parse_depth`]) so that deep
//! input ends in an error instead of overflowing the stack.
//!
//! Go quirks kept on purpose (they show in Go's error positions):
//! - a field chain `.A.B.C` (and `$x.A`) is positioned at its *second* element when it has more
//!   than one (Go positions the chain there);
//! - printable ASCII that means nothing inside an action (`}` or `,`) is a token of its own, so
//!   `{{ .x }` fails with `unexpected "}" in operand`.

use crate::HashMap;
use std::rc::Rc;

use crate::ast::{
    Arg, Branch, Command, List, Node, Number, Pipe, Pos, Range, Source, Tree, Variable,
};
use crate::error::{Error, ErrorKind, Frame};
use crate::exec::Limits;

/// The trees of one parsed text: its top level (named as the text) and its `define`/`block`s, in
/// source order; with [`parse_lazily`], the `define`s whose bodies are left for later.
pub struct Parsed {
    pub trees: Vec<Tree>,
    pub lazy: Vec<LazyTree>,
}

/// A `define` whose body [`parse_lazily`] did not parse: where the body is, to be parsed when
/// the template is first needed ([`LazyTree::parse`]).
#[derive(Debug)]
pub struct LazyTree {
    pub name: Rc<str>,
    pub source: Rc<Source>,
    /// Where the `define` action starts (the body counts one level of nesting below it).
    pos: Pos,
    /// The body starts after the `define` action, at `start`, and its `{{end}}` action ends at
    /// `stop`.
    start: Pos,
    stop: Pos,
    /// The `define` action ends with a right trim marker, which trims the body's first text.
    trim_start: bool,
    /// Go's `IsEmptyTree` of the body (only blank text and comments), read from its tokens:
    /// an empty `define` does not replace a non-empty one.
    pub empty: bool,
}

impl LazyTree {
    /// Parses the body as [`parse`] would have; `funcs` as there.
    pub fn parse(
        &self,
        limits: &Limits,
        funcs: Option<&dyn Fn(&str) -> bool>,
    ) -> Result<Tree, Error> {
        let text = &self.source.text[..self.stop as usize];
        let mut parser = Parser::new(
            self.source.clone(),
            lex_from(text, self.start as usize, self.trim_start),
            limits,
            funcs,
            crate::exec::stack_address(),
        );
        Ok(Tree {
            name: self.name.clone(),
            source: self.source.clone(),
            root: parser.define_body(self.pos)?,
        })
    }
}

/// Parses `text` as the template `name`. `funcs`: the names of the functions a template may call
/// (Go checks them while parsing); `None` skips that check (the executor reports unknown names).
pub fn parse(
    name: &str,
    text: &str,
    limits: &Limits,
    funcs: Option<&dyn Fn(&str) -> bool>,
) -> Result<Parsed, Error> {
    parse_below(name, text, limits, funcs, crate::exec::stack_address())
}

/// [`parse`], except that the bodies of top-level `define`s are only delimited, not parsed:
/// they are [`LazyTree`]s, parsed when first executed. Most of a chart's helper library is never
/// executed, and building its trees was most of a chart's parse time.
///
/// The errors it returns are [`parse`]'s (on any error it parses again, eagerly, so the first
/// error is Go's). But an error *inside* a delimited body is not seen: the caller must also
/// check the text with [`parse`] (elsewhere, on another thread) and not use what a lazy parse
/// gave where that check fails.
pub fn parse_lazily(
    name: &str,
    text: &str,
    limits: &Limits,
    funcs: Option<&dyn Fn(&str) -> bool>,
) -> Result<Parsed, Error> {
    let stack_base = crate::exec::stack_address();
    let source = Rc::new(Source::new(name, text));
    let mut parser = Parser::new(source, lex(text), limits, funcs, stack_base);
    parser.lazy = true;
    match parser.parse_all(name) {
        Ok(parsed) => Ok(parsed),
        Err(_) => parse_below(name, text, limits, funcs, stack_base),
    }
}

/// [`parse`] counting the stack from `stack_base` (`tpl` parses inside an execution, whose
/// stack budget it shares).
pub(crate) fn parse_below(
    name: &str,
    text: &str,
    limits: &Limits,
    funcs: Option<&dyn Fn(&str) -> bool>,
    stack_base: usize,
) -> Result<Parsed, Error> {
    let source = Rc::new(Source::new(name, text));
    Parser::new(source, lex(text), limits, funcs, stack_base).parse_all(name)
}

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    Text(Span),
    LeftDelim,
    RightDelim,
    Comment,
    Space,
    Identifier(Span),
    Keyword(Keyword),
    /// `.name` (the span leaves out the dot)
    Field(Span),
    /// `$name` (with the `$`)
    Variable(Span),
    Dot,
    Nil,
    Bool(bool),
    Number(Span),
    CharConstant(Span),
    /// A quoted string, as written.
    String(Span),
    RawString(Span),
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    /// Printable ASCII of no meaning inside an action (`,`, `}`, …).
    Char(char),
    /// The lexer's message, by its index in [`Lexed::errors`].
    Error(usize),
    Eof,
}

/// Where a token's text is in the source: tokens are `Copy`, the parser reads their text from
/// the source and allocates only what the tree keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keyword {
    Block,
    Break,
    Continue,
    Define,
    Else,
    End,
    If,
    Range,
    Template,
    With,
}

impl Keyword {
    fn name(self) -> &'static str {
        match self {
            Keyword::Block => "block",
            Keyword::Break => "break",
            Keyword::Continue => "continue",
            Keyword::Define => "define",
            Keyword::Else => "else",
            Keyword::End => "end",
            Keyword::If => "if",
            Keyword::Range => "range",
            Keyword::Template => "template",
            Keyword::With => "with",
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Token {
    tok: Tok,
    pos: Pos,
}

/// Stands for the template's name in lexer messages (the lexer does not know it).
const SOURCE_NAME: &str = "\u{0}name";

/// How Go prints a token in "unexpected …" messages.
fn describe(tok: &Tok, lexed: &Lexed) -> String {
    fn quoted(s: &str) -> String {
        if s.chars().count() > 10 {
            let head: String = s.chars().take(10).collect();
            format!("{}...", crate::fmt::quote_go(&head, false))
        } else {
            crate::fmt::quote_go(s, false)
        }
    }
    match tok {
        Tok::Eof => "EOF".into(),
        Tok::Error(i) => lexed.errors[*i].clone(),
        Tok::Keyword(k) => format!("<{}>", k.name()),
        Tok::Dot => "<.>".into(),
        Tok::Nil => "<nil>".into(),
        Tok::Text(s)
        | Tok::Identifier(s)
        | Tok::Number(s)
        | Tok::CharConstant(s)
        | Tok::String(s)
        | Tok::RawString(s)
        | Tok::Variable(s) => quoted(lexed.str(*s)),
        Tok::Field(s) => quoted(&format!(".{}", lexed.str(*s))),
        Tok::Bool(b) => quoted(if *b { "true" } else { "false" }),
        Tok::LeftDelim => quoted("{{"),
        Tok::RightDelim => quoted("}}"),
        Tok::Comment => quoted("/*"),
        Tok::Space => quoted(" "),
        Tok::Pipe => quoted("|"),
        Tok::LeftParen => quoted("("),
        Tok::RightParen => quoted(")"),
        Tok::Declare => quoted(":="),
        Tok::Assign => quoted("="),
        Tok::Char(c) => quoted(&c.to_string()),
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// A text's tokens, with the text they point into and the lexer's messages.
struct Lexed<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    errors: Vec<String>,
}

impl<'a> Lexed<'a> {
    fn str(&self, span: Span) -> &'a str {
        &self.text[span.start as usize..span.end as usize]
    }
}

/// Where `text` first holds the two ASCII bytes `pair` (`{{`, `*/`): a search for the first (a
/// memchr) then a look at the next byte, faster than a general substring search on text-heavy
/// templates and long doc comments (a third of helm-toolkit's 380 KB).
fn find_pair(text: &str, pair: &[u8; 2]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(char::from(pair[0])) {
        let at = from + i;
        if text.as_bytes().get(at + 1) == Some(&pair[1]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Lexes the whole text; stops at the first error (an `Error` token) or at the end (`Eof`).
fn lex(text: &str) -> Lexed<'_> {
    lex_from(text, 0, false)
}

/// The tokens of `text` from `start`, a place where text (not an action) starts; `trim_start`:
/// the action before it ended with a right trim marker.
fn lex_from(text: &str, start: usize, trim_start: bool) -> Lexed<'_> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: start,
        tokens: Vec::new(),
        errors: Vec::new(),
        paren_depth: 0,
    };
    lexer.run(trim_start);
    Lexed {
        text,
        tokens: lexer.tokens,
        errors: lexer.errors,
    }
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<String>,
    paren_depth: i32,
}

impl Lexer<'_> {
    fn emit(&mut self, tok: Tok, pos: usize) {
        self.tokens.push(Token {
            tok,
            pos: pos as Pos,
        });
    }

    fn error(&mut self, msg: String, pos: usize) {
        self.errors.push(msg);
        self.emit(Tok::Error(self.errors.len() - 1), pos);
    }

    /// `trim_next`: whether the previous action ended with a right trim marker.
    fn run(&mut self, mut trim_next: bool) {
        loop {
            let start = self.pos;
            let next = find_pair(&self.text[self.pos..], b"{{").map(|i| self.pos + i);
            let text_end = next.unwrap_or(self.text.len());
            let left_trim = next.is_some_and(|i| {
                self.bytes.get(i + 2) == Some(&b'-')
                    && self.bytes.get(i + 3).is_some_and(|b| is_space(*b))
            });
            let mut text_start = start;
            if trim_next {
                while text_start < text_end && is_space(self.bytes[text_start]) {
                    text_start += 1;
                }
            }
            let mut text_stop = text_end;
            if left_trim {
                while text_stop > text_start && is_space(self.bytes[text_stop - 1]) {
                    text_stop -= 1;
                }
            }
            if text_stop > text_start {
                self.emit(Tok::Text(Span::of(text_start, text_stop)), text_start);
            }
            let Some(delim) = next else {
                self.emit(Tok::Eof, self.text.len());
                return;
            };
            self.emit(Tok::LeftDelim, delim);
            self.pos = delim + 2;
            if left_trim {
                self.pos += 2; // "- "
            }
            match self.lex_action() {
                Some(trim) => trim_next = trim,
                None => return, // an error token was emitted
            }
        }
    }

    /// Whether the text at `i` is a right delimiter, and if it carries a trim marker: `}}` or
    /// ` -}}` (the space is required).
    fn right_delim_at(&self, i: usize) -> Option<(bool, usize)> {
        let rest = &self.bytes[i..];
        if rest.starts_with(b"}}") {
            return Some((false, 2));
        }
        if rest.len() >= 4
            && is_space(rest[0])
            && rest[1] == b'-'
            && rest[2] == b'}'
            && rest[3] == b'}'
        {
            return Some((true, 4));
        }
        None
    }

    /// Lexes one action after its left delimiter. Returns whether it ended with a right trim
    /// marker, or `None` after an error.
    fn lex_action(&mut self) -> Option<bool> {
        // A comment must follow the delimiter (and its trim marker) directly.
        if self.bytes[self.pos..].starts_with(b"/*") {
            let start = self.pos;
            let Some(end) =
                find_pair(&self.text[self.pos + 2..], b"*/").map(|i| self.pos + 2 + i + 2)
            else {
                self.error("unclosed comment".into(), start);
                return None;
            };
            self.pos = end;
            match self.right_delim_at(self.pos) {
                Some((trim, len)) => {
                    self.emit(Tok::Comment, start);
                    self.pos += len;
                    self.emit(Tok::RightDelim, self.pos - 2);
                    return Some(trim);
                }
                None => {
                    self.error("comment ends before closing delimiter".into(), start);
                    return None;
                }
            }
        }
        self.paren_depth = 0;
        loop {
            if let Some((trim, len)) = self.right_delim_at(self.pos) {
                if self.paren_depth > 0 {
                    self.error("unclosed left paren".into(), self.pos);
                    return None;
                }
                if trim {
                    self.emit(Tok::Space, self.pos);
                }
                self.pos += len;
                self.emit(Tok::RightDelim, self.pos - 2);
                return Some(trim);
            }
            let start = self.pos;
            let Some(c) = self.text[self.pos..].chars().next() else {
                // Go names the line where the action started when it spans lines.
                let action_start = self
                    .tokens
                    .iter()
                    .rev()
                    .find(|t| t.tok == Tok::LeftDelim)
                    .map_or(0, |t| t.pos as usize);
                let start_line = self.text[..action_start].matches('\n').count() + 1;
                if self.text[action_start..].contains('\n') {
                    self.error(
                        format!("unclosed action started at {SOURCE_NAME}:{start_line}"),
                        start,
                    );
                } else {
                    self.error("unclosed action".into(), start);
                }
                return None;
            };
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    // Spaces up to a right trim marker (whose space belongs to it).
                    while self.pos < self.bytes.len() && is_space(self.bytes[self.pos]) {
                        if self.right_delim_at(self.pos).is_some_and(|(trim, _)| trim) {
                            break;
                        }
                        self.pos += 1;
                    }
                    if self.pos > start {
                        self.emit(Tok::Space, start);
                    }
                }
                '=' => {
                    self.pos += 1;
                    self.emit(Tok::Assign, start);
                }
                ':' => {
                    if self.bytes.get(self.pos + 1) != Some(&b'=') {
                        self.error("expected :=".into(), start);
                        return None;
                    }
                    self.pos += 2;
                    self.emit(Tok::Declare, start);
                }
                '|' => {
                    self.pos += 1;
                    self.emit(Tok::Pipe, start);
                }
                '"' => {
                    if !self.lex_quote(start) {
                        return None;
                    }
                }
                '`' => match self.text[self.pos + 1..].find('`') {
                    Some(i) => {
                        self.pos += i + 2;
                        self.emit(Tok::RawString(Span::of(start, self.pos)), start);
                    }
                    None => {
                        self.error("unterminated raw quoted string".into(), start);
                        return None;
                    }
                },
                '\'' => {
                    if !self.lex_char(start) {
                        return None;
                    }
                }
                '$' => {
                    self.pos += 1;
                    self.scan_alnum();
                    let name = Span::of(start, self.pos);
                    if !self.check_terminator() {
                        return None;
                    }
                    self.emit(Tok::Variable(name), start);
                }
                '.' => {
                    let next = self.bytes.get(self.pos + 1).copied();
                    if next.is_some_and(|b| b.is_ascii_digit()) {
                        if !self.lex_number(start) {
                            return None;
                        }
                    } else {
                        self.pos += 1;
                        let name_start = self.pos;
                        self.scan_alnum();
                        if self.pos == name_start {
                            self.emit(Tok::Dot, start);
                        } else {
                            let name = Span::of(name_start, self.pos);
                            if !self.check_terminator() {
                                return None;
                            }
                            self.emit(Tok::Field(name), start);
                        }
                    }
                }
                '+' | '-'
                    if self
                        .bytes
                        .get(self.pos + 1)
                        .is_some_and(|b| b.is_ascii_digit() || *b == b'.') =>
                {
                    if !self.lex_number(start) {
                        return None;
                    }
                }
                '0'..='9' => {
                    if !self.lex_number(start) {
                        return None;
                    }
                }
                '(' => {
                    self.pos += 1;
                    self.paren_depth += 1;
                    self.emit(Tok::LeftParen, start);
                }
                ')' => {
                    self.pos += 1;
                    self.paren_depth -= 1;
                    if self.paren_depth < 0 {
                        self.error("unexpected right paren".into(), start);
                        return None;
                    }
                    self.emit(Tok::RightParen, start);
                }
                _ if is_alnum(c) => {
                    self.scan_alnum();
                    let word = &self.text[start..self.pos];
                    if !self.check_terminator() {
                        return None;
                    }
                    let tok = match word {
                        "block" => Tok::Keyword(Keyword::Block),
                        "break" => Tok::Keyword(Keyword::Break),
                        "continue" => Tok::Keyword(Keyword::Continue),
                        "define" => Tok::Keyword(Keyword::Define),
                        "else" => Tok::Keyword(Keyword::Else),
                        "end" => Tok::Keyword(Keyword::End),
                        "if" => Tok::Keyword(Keyword::If),
                        "range" => Tok::Keyword(Keyword::Range),
                        "template" => Tok::Keyword(Keyword::Template),
                        "with" => Tok::Keyword(Keyword::With),
                        "nil" => Tok::Nil,
                        "true" => Tok::Bool(true),
                        "false" => Tok::Bool(false),
                        _ => Tok::Identifier(Span::of(start, start + word.len())),
                    };
                    self.emit(tok, start);
                }
                _ if c.is_ascii() && !c.is_ascii_control() => {
                    self.pos += 1;
                    self.emit(Tok::Char(c), start);
                }
                _ => {
                    self.error(
                        format!("unrecognized character in action: {}", go_rune(c)),
                        start,
                    );
                    return None;
                }
            }
        }
    }

    fn scan_alnum(&mut self) {
        while let Some(c) = self.text[self.pos..].chars().next() {
            if !is_alnum(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    /// After a word, Go requires a space, a delimiter or one of `. , | : ) (`.
    fn check_terminator(&mut self) -> bool {
        let Some(c) = self.text[self.pos..].chars().next() else {
            return true;
        };
        if is_space(c as u32 as u8) && c.is_ascii()
            || matches!(c, '.' | ',' | '|' | ':' | ')' | '(')
            || self.right_delim_at(self.pos).is_some()
        {
            return true;
        }
        self.error(format!("bad character {}", go_rune(c)), self.pos);
        false
    }

    fn lex_quote(&mut self, start: usize) -> bool {
        let mut i = self.pos + 1;
        loop {
            match self.bytes.get(i) {
                None | Some(b'\n') => {
                    self.error("unterminated quoted string".into(), start);
                    return false;
                }
                Some(b'\\') => {
                    if self.bytes.get(i + 1).is_none_or(|b| *b == b'\n') {
                        self.error("unterminated quoted string".into(), start);
                        return false;
                    }
                    i += 2;
                }
                Some(b'"') => {
                    i += 1;
                    break;
                }
                Some(_) => i += 1,
            }
        }
        self.pos = i;
        self.emit(Tok::String(Span::of(start, i)), start);
        true
    }

    fn lex_char(&mut self, start: usize) -> bool {
        let mut i = self.pos + 1;
        loop {
            match self.bytes.get(i) {
                None | Some(b'\n') => {
                    self.error("unterminated character constant".into(), start);
                    return false;
                }
                Some(b'\\') => {
                    if self.bytes.get(i + 1).is_none_or(|b| *b == b'\n') {
                        self.error("unterminated character constant".into(), start);
                        return false;
                    }
                    i += 2;
                }
                Some(b'\'') => {
                    i += 1;
                    break;
                }
                Some(_) => i += 1,
            }
        }
        self.pos = i;
        self.emit(Tok::CharConstant(Span::of(start, i)), start);
        true
    }

    /// A number as Go's lexer scans it (sign, base prefix, digits with `_`, fraction, exponent,
    /// an imaginary `i`); its value is read by the parser.
    fn lex_number(&mut self, start: usize) -> bool {
        let b = self.bytes;
        let mut i = self.pos;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let mut digits: &[u8] = b"0123456789_";
        let mut exp: &[u8] = b"eE";
        if i + 1 < b.len() && b[i] == b'0' {
            match b[i + 1] {
                b'x' | b'X' => {
                    i += 2;
                    digits = b"0123456789abcdefABCDEF_";
                    exp = b"pP";
                }
                b'o' | b'O' => {
                    i += 2;
                    digits = b"01234567_";
                    exp = b"";
                }
                b'b' | b'B' => {
                    i += 2;
                    digits = b"01_";
                    exp = b"";
                }
                _ => {}
            }
        }
        while i < b.len() && digits.contains(&b[i]) {
            i += 1;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            while i < b.len() && digits.contains(&b[i]) {
                i += 1;
            }
        }
        if !exp.is_empty() && i < b.len() && exp.contains(&b[i]) {
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            while i < b.len() && b"0123456789_".contains(&b[i]) {
                i += 1;
            }
        }
        if i < b.len() && b[i] == b'i' {
            i += 1;
        }
        self.pos = i;
        if let Some(c) = self.text[i..].chars().next() {
            if is_alnum(c) {
                let end = i + self.text[i..]
                    .chars()
                    .take_while(|c| is_alnum(*c))
                    .map(char::len_utf8)
                    .sum::<usize>();
                let msg = format!(
                    "bad number syntax: {}",
                    crate::fmt::quote_go(&self.text[start..end], false)
                );
                self.error(msg, start);
                return false;
            }
        }
        self.emit(Tok::Number(Span::of(start, i)), start);
        true
    }
}

/// Go's `%#U` of a rune: `U+007D '}'`.
fn go_rune(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{}'", c as u32, c)
    }
}

// ---------------------------------------------------------------------------------------------
// Parser

struct Parser<'f> {
    source: Rc<Source>,
    lexed: Lexed<'f>,
    /// The names given out by [`Parser::name`].
    names: HashMap<&'f str, Rc<str>>,
    at: usize,
    /// Variables in scope (Go checks uses while parsing).
    vars: Vec<Rc<str>>,
    range_depth: usize,
    depth: usize,
    max_depth: usize,
    funcs: Option<&'f dyn Fn(&str) -> bool>,
    trees: Vec<Tree>,
    /// See [`crate::exec::STACK_BUDGET`]: a guard beside the counted depth.
    stack_base: usize,
    /// [`parse_lazily`]: top-level `define` bodies are delimited ([`Parser::delimit_body`]).
    lazy: bool,
    lazy_trees: Vec<LazyTree>,
}

/// What ended an item list.
enum ListEnd {
    End,
    /// `{{else}}`, or `{{else if …}}`/`{{else with …}}` (the keyword's token is next).
    Else(Pos, Option<Keyword>),
    Eof(Pos),
}

type PResult<T> = Result<T, Error>;

impl<'f> Parser<'f> {
    fn new(
        source: Rc<Source>,
        lexed: Lexed<'f>,
        limits: &Limits,
        funcs: Option<&'f dyn Fn(&str) -> bool>,
        stack_base: usize,
    ) -> Parser<'f> {
        Parser {
            source,
            // Sized from the text (about one distinct name per 256 bytes of helm-toolkit): no
            // rehash.
            names: HashMap::with_capacity_and_hasher(lexed.text.len() / 256, Default::default()),
            lexed,
            at: 0,
            vars: vec![Rc::from("$")],
            range_depth: 0,
            depth: 0,
            max_depth: limits.max_parse_depth.max(1),
            funcs,
            trees: Vec::new(),
            stack_base,
            lazy: false,
            lazy_trees: Vec::new(),
        }
    }

    /// The whole text: its top level named `name`, then its `define`/`block`s.
    fn parse_all(mut self, name: &str) -> PResult<Parsed> {
        let root = self.parse_top()?;
        let mut trees = vec![Tree {
            name: Rc::from(name),
            source: self.source.clone(),
            root,
        }];
        trees.append(&mut self.trees);
        Ok(Parsed {
            trees,
            lazy: self.lazy_trees,
        })
    }

    fn error(&self, pos: Pos, message: String) -> Error {
        self.error_kind(pos, message, ErrorKind::Parse)
    }

    fn error_kind(&self, pos: Pos, message: String, kind: ErrorKind) -> Error {
        let message = message.replace(SOURCE_NAME, &self.source.name);
        let (line, col) = self.source.line_col(pos);
        Error {
            kind,
            go_text: format!("template: {}:{}: {}", self.source.name, line, message),
            message,
            at: Frame {
                template: self.source.name.clone(),
                line,
                col,
            },
            chain: Vec::new(),
        }
    }

    /// A token's text in the source.
    fn text(&self, span: Span) -> &'f str {
        self.lexed.str(span)
    }

    /// A field, variable or function name for the tree: one allocation per distinct name.
    fn name(&mut self, span: Span) -> Rc<str> {
        self.intern(self.lexed.str(span))
    }

    /// A piece of the source as shared text: one allocation per distinct piece.
    fn intern(&mut self, text: &'f str) -> Rc<str> {
        self.names
            .entry(text)
            .or_insert_with(|| Rc::from(text))
            .clone()
    }

    fn next(&mut self) -> Token {
        let tok = self.lexed.tokens[self.at.min(self.lexed.tokens.len() - 1)];
        if self.at < self.lexed.tokens.len() - 1 {
            self.at += 1;
        }
        tok
    }

    fn backup(&mut self) {
        self.at -= 1;
    }

    fn peek(&self) -> &Token {
        &self.lexed.tokens[self.at.min(self.lexed.tokens.len() - 1)]
    }

    fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.tok != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token {
        let t = self.next_non_space();
        self.backup();
        t
    }

    /// An error token becomes the error; anything else is "unexpected".
    fn unexpected(&self, t: &Token, context: &str) -> Error {
        if let Tok::Error(i) = t.tok {
            return self.error(t.pos, self.lexed.errors[i].clone());
        }
        self.error(
            t.pos,
            format!(
                "unexpected {} in {}",
                describe(&t.tok, &self.lexed),
                context
            ),
        )
    }

    fn enter(&mut self, pos: Pos) -> PResult<()> {
        self.depth += 1;
        let stack_used = self.stack_base.saturating_sub(crate::exec::stack_address());
        if self.depth > self.max_depth || stack_used > crate::exec::STACK_BUDGET {
            return Err(self.error_kind(
                pos,
                format!(
                    "template nesting too deep (more than {} levels)",
                    self.max_depth
                ),
                ErrorKind::Limit,
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn parse_top(&mut self) -> PResult<List> {
        let mut list = List {
            pos: self.peek().pos,
            nodes: Vec::new(),
        };
        loop {
            let t = *self.peek();
            match t.tok {
                Tok::Eof => return Ok(list),
                Tok::LeftDelim => {
                    let save = self.at;
                    self.next();
                    let k = self.peek_non_space();
                    if k.tok == Tok::Keyword(Keyword::Define) {
                        self.next_non_space();
                        self.parse_definition(t.pos)?;
                        continue;
                    }
                    self.at = save;
                }
                _ => {}
            }
            match self.text_or_action()? {
                Item::Node(node) => list.nodes.push(node),
                Item::End(pos) => return Err(self.error(pos, "unexpected {{end}}".into())),
                Item::Else(pos, _) => return Err(self.error(pos, "unexpected {{else}}".into())),
            }
        }
    }

    /// `{{define "name"}} … {{end}}` (the keyword is read).
    fn parse_definition(&mut self, pos: Pos) -> PResult<()> {
        let name_tok = self.next_non_space();
        let name = match &name_tok.tok {
            Tok::String(q) | Tok::RawString(q) => self.unquote(self.text(*q), name_tok.pos)?,
            _ => return Err(self.unexpected(&name_tok, "define clause")),
        };
        let close = self.next_non_space();
        if close.tok != Tok::RightDelim {
            return Err(self.unexpected(&close, "define clause"));
        }
        // (Never on wasm32, whose build leaves lazy parses out: see `Templates::parse_defines_lazily`.)
        if self.lazy && cfg!(not(target_arch = "wasm32")) {
            return self.delimit_body(Rc::from(name.as_str()), pos, close.pos);
        }
        let saved_vars = std::mem::replace(&mut self.vars, vec![Rc::from("$")]);
        let saved_range = std::mem::replace(&mut self.range_depth, 0);
        let list = self.define_body(pos)?;
        self.vars = saved_vars;
        self.range_depth = saved_range;
        self.add_tree(Rc::from(name.as_str()), list, pos)
    }

    /// A `define` body up to its `{{end}}`, one level below the `define` action at `pos`.
    fn define_body(&mut self, pos: Pos) -> PResult<List> {
        self.enter(pos)?;
        let (list, end) = self.item_list()?;
        self.leave();
        match end {
            ListEnd::End => Ok(list),
            ListEnd::Else(p, _) => {
                Err(self.error(p, "unexpected {{else}} in define clause".into()))
            }
            ListEnd::Eof(p) => Err(self.error(p, "unexpected EOF".into())),
        }
    }

    /// [`parse_lazily`]: finds the `{{end}}` of the `define` body that starts at the next token
    /// (`define_pos`: the action's start; `close`: its right delimiter's) from the tokens alone,
    /// counting the blocks opened and ended inside. What it cannot vouch for fails, and the
    /// text is parsed again eagerly: a `define` or `block` inside (a `block` defines a template
    /// when parsed), a lexer error or the end of the text before the `{{end}}`, a name defined
    /// twice in the text. For a text that parses, the
    /// `{{end}}` found is the parser's.
    fn delimit_body(&mut self, name: Rc<str>, define_pos: Pos, close: Pos) -> PResult<()> {
        let give_up = |p: &Parser| Err(p.error(define_pos, "delimited eagerly".into()));
        if self.trees.iter().any(|t| t.name == name)
            || self.lazy_trees.iter().any(|t| t.name == name)
        {
            return give_up(self);
        }
        let bytes = self.lexed.text.as_bytes();
        let trim_start =
            close >= 2 && bytes[close as usize - 1] == b'-' && is_space(bytes[close as usize - 2]);
        let tokens = &self.lexed.tokens;
        let start = close + 2;
        let first_non_space = |mut i: usize| {
            while tokens[i].tok == Tok::Space {
                i += 1;
            }
            i
        };
        let (mut i, mut depth, mut empty) = (self.at, 0usize, true);
        let stop = loop {
            match tokens[i].tok {
                Tok::Text(span) => empty &= self.lexed.str(span).trim().is_empty(),
                Tok::LeftDelim => {
                    i = first_non_space(i + 1);
                    match tokens[i].tok {
                        Tok::Comment => {}
                        Tok::Keyword(Keyword::End) if depth == 0 => {
                            i = first_non_space(i + 1);
                            if tokens[i].tok != Tok::RightDelim {
                                return give_up(self);
                            }
                            break tokens[i].pos + 2;
                        }
                        Tok::Keyword(Keyword::End) => depth -= 1,
                        Tok::Keyword(Keyword::If | Keyword::Range | Keyword::With) => {
                            depth += 1;
                            empty = false;
                        }
                        // A `block` defines a template as its body is parsed.
                        Tok::Keyword(Keyword::Define | Keyword::Block)
                        | Tok::Error(_)
                        | Tok::Eof => return give_up(self),
                        _ => empty = false,
                    }
                }
                Tok::Error(_) | Tok::Eof => return give_up(self),
                _ => {}
            }
            i += 1;
        };
        self.at = i + 1;
        self.lazy_trees.push(LazyTree {
            name,
            source: self.source.clone(),
            pos: define_pos,
            start,
            stop,
            trim_start,
            empty,
        });
        Ok(())
    }

    /// A `define`/`block` body; Go refuses two non-empty bodies of one name in one text.
    fn add_tree(&mut self, name: Rc<str>, root: List, pos: Pos) -> PResult<()> {
        if self.lazy
            && cfg!(not(target_arch = "wasm32"))
            && self.lazy_trees.iter().any(|t| t.name == name)
        {
            return Err(self.error(pos, "delimited eagerly".into()));
        }
        let source = self.lexed.text;
        let empty = crate::exec::is_empty_list(&root, source);
        if let Some(old) = self.trees.iter_mut().find(|t| t.name == name) {
            if crate::exec::is_empty_list(&old.root, source) {
                old.root = root;
            } else if !empty {
                return Err(self.error(
                    pos,
                    format!(
                        "template: multiple definition of template {}",
                        crate::fmt::quote_go(&name, false)
                    ),
                ));
            }
            return Ok(());
        }
        self.trees.push(Tree {
            name,
            source: self.source.clone(),
            root,
        });
        Ok(())
    }

    /// Items up to `{{end}}`, `{{else}}` or the end of input.
    fn item_list(&mut self) -> PResult<(List, ListEnd)> {
        let mut list = List {
            pos: self.peek().pos,
            nodes: Vec::new(),
        };
        loop {
            if self.peek().tok == Tok::Eof {
                let pos = self.peek().pos;
                return Ok((list, ListEnd::Eof(pos)));
            }
            if self.peek().tok == Tok::LeftDelim {
                let save = self.at;
                self.next();
                if self.peek_non_space().tok == Tok::Keyword(Keyword::Define) {
                    let t = self.next_non_space();
                    return Err(self.error(t.pos, "unexpected <define> in command".into()));
                }
                self.at = save;
            }
            match self.text_or_action()? {
                Item::Node(node) => list.nodes.push(node),
                Item::End(_) => return Ok((list, ListEnd::End)),
                Item::Else(pos, k) => return Ok((list, ListEnd::Else(pos, k))),
            }
        }
    }

    fn text_or_action(&mut self) -> PResult<Item> {
        let t = self.next_non_space();
        match t.tok {
            Tok::Text(text) => Ok(Item::Node(Node::Text {
                pos: text.start,
                end: text.end,
            })),
            Tok::LeftDelim => self.action(t.pos),
            Tok::Error(i) => Err(self.error(t.pos, self.lexed.errors[i].clone())),
            _ => Err(self.unexpected(&t, "input")),
        }
    }

    /// After `{{`.
    fn action(&mut self, delim_pos: Pos) -> PResult<Item> {
        let t = self.next_non_space();
        match t.tok {
            Tok::Error(i) => Err(self.error(t.pos, self.lexed.errors[i].clone())),
            Tok::Comment => {
                let close = self.next();
                if close.tok != Tok::RightDelim {
                    return Err(self.unexpected(&close, "comment"));
                }
                Ok(Item::Node(Node::Comment { pos: t.pos }))
            }
            Tok::Keyword(Keyword::Block) => self.block_control(t.pos),
            Tok::Keyword(Keyword::Break) => {
                self.loop_control("break", t.pos)?;
                Ok(Item::Node(Node::Break { pos: t.pos }))
            }
            Tok::Keyword(Keyword::Continue) => {
                self.loop_control("continue", t.pos)?;
                Ok(Item::Node(Node::Continue { pos: t.pos }))
            }
            Tok::Keyword(Keyword::Else) => {
                let next = self.peek_non_space();
                match next.tok {
                    Tok::Keyword(k @ (Keyword::If | Keyword::With)) => {
                        Ok(Item::Else(t.pos, Some(k)))
                    }
                    _ => {
                        let close = self.next_non_space();
                        if close.tok != Tok::RightDelim {
                            return Err(self.unexpected(&close, "else"));
                        }
                        Ok(Item::Else(t.pos, None))
                    }
                }
            }
            Tok::Keyword(Keyword::End) => {
                let close = self.next_non_space();
                if close.tok != Tok::RightDelim {
                    return Err(self.unexpected(&close, "end"));
                }
                Ok(Item::End(t.pos))
            }
            Tok::Keyword(Keyword::If) => Ok(Item::Node(Node::If(
                self.branch_control("if", t.pos, false)?,
            ))),
            Tok::Keyword(Keyword::With) => Ok(Item::Node(Node::With(
                self.branch_control("with", t.pos, true)?,
            ))),
            Tok::Keyword(Keyword::Range) => Ok(Item::Node(Node::Range(self.range_control(t.pos)?))),
            Tok::Keyword(Keyword::Template) => self.template_control(t.pos),
            _ => {
                self.backup();
                let _ = delim_pos;
                let pos = self.peek().pos;
                let pipe = self.pipeline("command", Tok::RightDelim, pos)?;
                Ok(Item::Node(Node::Action {
                    pos: pipe.pos,
                    pipe,
                }))
            }
        }
    }

    fn loop_control(&mut self, word: &str, pos: Pos) -> PResult<()> {
        let close = self.next_non_space();
        if close.tok != Tok::RightDelim {
            return Err(self.unexpected(&close, &format!("{{{{{word}}}}}")));
        }
        if self.range_depth == 0 {
            return Err(self.error(pos, format!("{{{{{word}}}}} outside {{{{range}}}}")));
        }
        Ok(())
    }

    /// `if`/`with` after the keyword, through its `{{end}}` (shared by its `else if`s).
    fn branch_control(&mut self, context: &str, pos: Pos, is_with: bool) -> PResult<Branch> {
        self.enter(pos)?;
        let mark = self.vars.len();
        let pipe = self.pipeline(context, Tok::RightDelim, pos)?;
        let (list, end) = self.item_list()?;
        let else_list = match end {
            ListEnd::End => None,
            ListEnd::Eof(p) => return Err(self.error(p, "unexpected EOF".into())),
            ListEnd::Else(else_pos, chained) => {
                let wanted = if is_with { Keyword::With } else { Keyword::If };
                if chained == Some(wanted) {
                    // `{{else if …}}`: an `if` in the else list that ends at our `{{end}}`.
                    let k = self.next_non_space();
                    let inner = self.branch_control(context, k.pos, is_with)?;
                    let node = if is_with {
                        Node::With(inner)
                    } else {
                        Node::If(inner)
                    };
                    Some(List {
                        pos: else_pos,
                        nodes: vec![node],
                    })
                } else {
                    if chained.is_some() {
                        // `{{else with}}` inside an `if` (or the reverse): Go takes the keyword
                        // as the start of a plain else's pipeline, which is an error.
                        let close = self.next_non_space();
                        return Err(self.unexpected(&close, "else"));
                    }
                    let (else_list, end) = self.item_list()?;
                    match end {
                        ListEnd::End => {}
                        ListEnd::Else(p, _) => {
                            return Err(self.error(p, "expected end; found {{else}}".into()))
                        }
                        ListEnd::Eof(p) => return Err(self.error(p, "unexpected EOF".into())),
                    }
                    Some(else_list)
                }
            }
        };
        self.vars.truncate(mark);
        self.leave();
        Ok(Branch {
            pos,
            pipe,
            list,
            else_list,
        })
    }

    fn range_control(&mut self, pos: Pos) -> PResult<Range> {
        self.enter(pos)?;
        let mark = self.vars.len();
        let pipe = self.pipeline("range", Tok::RightDelim, pos)?;
        self.range_depth += 1;
        let (list, end) = self.item_list()?;
        self.range_depth -= 1;
        let else_list = match end {
            ListEnd::End => None,
            ListEnd::Eof(p) => return Err(self.error(p, "unexpected EOF".into())),
            ListEnd::Else(_, Some(_)) => {
                let close = self.next_non_space();
                return Err(self.unexpected(&close, "else"));
            }
            ListEnd::Else(_, None) => {
                let (else_list, end) = self.item_list()?;
                match end {
                    ListEnd::End => {}
                    ListEnd::Else(p, _) => {
                        return Err(self.error(p, "expected end; found {{else}}".into()))
                    }
                    ListEnd::Eof(p) => return Err(self.error(p, "unexpected EOF".into())),
                }
                Some(else_list)
            }
        };
        self.vars.truncate(mark);
        self.leave();
        Ok(Range {
            pos,
            pipe,
            list,
            else_list,
        })
    }

    /// `{{template "name" pipeline}}`.
    fn template_control(&mut self, _keyword_pos: Pos) -> PResult<Item> {
        // Go positions the node at its name.
        let pos = self.peek_non_space().pos;
        let (name, pipe) = self.template_args("template clause", pos)?;
        Ok(Item::Node(Node::Template { pos, name, pipe }))
    }

    fn template_args(&mut self, context: &str, pos: Pos) -> PResult<(Rc<str>, Option<Pipe>)> {
        let t = self.next_non_space();
        let name = match &t.tok {
            Tok::String(q) | Tok::RawString(q) => self.unquote(self.text(*q), t.pos)?,
            _ => return Err(self.unexpected(&t, context)),
        };
        let pipe = if self.peek_non_space().tok == Tok::RightDelim {
            self.next_non_space();
            None
        } else {
            Some(self.pipeline(context, Tok::RightDelim, pos)?)
        };
        Ok((Rc::from(name.as_str()), pipe))
    }

    /// `{{block "name" pipeline}} T {{end}}`: defines `name` as T and executes it.
    fn block_control(&mut self, _keyword_pos: Pos) -> PResult<Item> {
        let pos = self.peek_non_space().pos;
        let (name, pipe) = self.template_args("block clause", pos)?;
        let saved_vars = std::mem::replace(&mut self.vars, vec![Rc::from("$")]);
        let saved_range = std::mem::replace(&mut self.range_depth, 0);
        self.enter(pos)?;
        let (list, end) = self.item_list()?;
        self.leave();
        self.vars = saved_vars;
        self.range_depth = saved_range;
        match end {
            ListEnd::End => {}
            ListEnd::Else(p, _) => {
                return Err(self.error(p, "unexpected {{else}} in block clause".into()))
            }
            ListEnd::Eof(p) => return Err(self.error(p, "unexpected EOF".into())),
        }
        self.add_tree(name.clone(), list, pos)?;
        Ok(Item::Node(Node::Template { pos, name, pipe }))
    }

    /// A pipeline up to `end` (`}}` or `)`), with its declarations.
    fn pipeline(&mut self, context: &str, end: Tok, pos: Pos) -> PResult<Pipe> {
        let start_pos = self.peek_non_space().pos;
        let mut pipe = Pipe {
            pos: start_pos,
            decl: Vec::new(),
            is_assign: false,
            cmds: Vec::new(),
        };
        // Declarations: `$x :=`, `$x =`, `$i, $e :=` (range only).
        let save = self.at;
        let v = self.next_non_space();
        if let Tok::Variable(name) = v.tok {
            let name = self.name(name);
            let after = self.next();
            let after = if after.tok == Tok::Space {
                self.next_non_space()
            } else {
                after
            };
            match after.tok {
                Tok::Declare | Tok::Assign => {
                    pipe.is_assign = after.tok == Tok::Assign;
                    pipe.decl.push(Variable {
                        pos: v.pos,
                        name: name.clone(),
                    });
                    if !pipe.is_assign {
                        self.vars.push(name.clone());
                    }
                }
                Tok::Char(',') => {
                    if context != "range" {
                        return Err(
                            self.error(after.pos, format!("too many declarations in {context}"))
                        );
                    }
                    pipe.decl.push(Variable {
                        pos: v.pos,
                        name: name.clone(),
                    });
                    let v2 = self.next_non_space();
                    let Tok::Variable(name2) = v2.tok else {
                        return Err(self.error(v2.pos, format!("missing variable in {context}")));
                    };
                    let name2 = self.name(name2);
                    let op = self.next_non_space();
                    match op.tok {
                        Tok::Declare | Tok::Assign => {
                            pipe.is_assign = op.tok == Tok::Assign;
                            pipe.decl.push(Variable {
                                pos: v2.pos,
                                name: name2.clone(),
                            });
                            if !pipe.is_assign {
                                self.vars.push(name.clone());
                                self.vars.push(name2.clone());
                            }
                        }
                        Tok::Char(',') => {
                            return Err(
                                self.error(op.pos, format!("too many declarations in {context}"))
                            )
                        }
                        _ => return Err(self.unexpected(&op, context)),
                    }
                }
                _ => self.at = save,
            }
        } else {
            self.at = save;
        }
        loop {
            let t = self.next_non_space();
            if t.tok == end {
                self.check_pipeline(&pipe, context, t.pos)?;
                return Ok(pipe);
            }
            match t.tok {
                Tok::Bool(_)
                | Tok::CharConstant(_)
                | Tok::Dot
                | Tok::Field(_)
                | Tok::Identifier(_)
                | Tok::Number(_)
                | Tok::Nil
                | Tok::RawString(_)
                | Tok::String(_)
                | Tok::Variable(_)
                | Tok::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => {
                    let _ = pos;
                    return Err(self.unexpected(&t, context));
                }
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str, pos: Pos) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return Err(self.error(pos, format!("missing value for {context}")));
        }
        for (i, cmd) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                cmd.args[0],
                Arg::Bool { .. }
                    | Arg::Dot { .. }
                    | Arg::Nil { .. }
                    | Arg::Number { .. }
                    | Arg::String { .. }
            ) {
                return Err(self.error(
                    cmd.pos,
                    format!("non executable command in pipeline stage {}", i + 1),
                ));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<Command> {
        let pos = self.peek_non_space().pos;
        let mut cmd = Command {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(arg) = self.operand()? {
                cmd.args.push(arg);
            }
            let t = self.next();
            match t.tok {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RightParen => self.backup(),
                Tok::Pipe => {}
                _ => return Err(self.unexpected(&t, "operand")),
            }
            break;
        }
        if cmd.args.is_empty() {
            return Err(self.error(pos, "empty command".into()));
        }
        Ok(cmd)
    }

    /// A term and the fields after it (`.A.B`, `$x.A`, `(pipe).A`).
    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(term) = self.term()? else {
            return Ok(None);
        };
        if !matches!(self.peek().tok, Tok::Field(_)) {
            return Ok(Some(term));
        }
        let chain_pos = self.peek().pos;
        let mut names = Vec::new();
        while let Tok::Field(name) = self.peek().tok {
            names.push(self.name(name));
            self.next();
        }
        Ok(Some(match term {
            Arg::Field {
                names: mut first, ..
            } => {
                first.append(&mut names);
                Arg::Field {
                    pos: chain_pos,
                    names: first,
                }
            }
            Arg::Variable {
                name,
                names: mut first,
                ..
            } => {
                first.append(&mut names);
                Arg::Variable {
                    pos: chain_pos,
                    name,
                    names: first,
                }
            }
            Arg::Bool { .. }
            | Arg::String { .. }
            | Arg::Number { .. }
            | Arg::Nil { .. }
            | Arg::Dot { .. } => {
                let text = crate::exec::arg_string(&term);
                return Err(self.error(
                    chain_pos,
                    format!(
                        "unexpected . after term {}",
                        crate::fmt::quote_go(&text, false)
                    ),
                ));
            }
            Arg::Pipe { pos, pipe } => Arg::Chain { pos, pipe, names },
            Arg::Chain {
                pos,
                pipe,
                names: mut first,
            } => {
                first.append(&mut names);
                Arg::Chain {
                    pos,
                    pipe,
                    names: first,
                }
            }
            Arg::Identifier { pos, name } => {
                // `fn.Field`: Go chains on the function's result; we evaluate it the same way.
                let cmd = Command {
                    pos,
                    args: vec![Arg::Identifier { pos, name }],
                };
                let pipe = Box::new(Pipe {
                    pos,
                    decl: Vec::new(),
                    is_assign: false,
                    cmds: vec![cmd],
                });
                Arg::Chain { pos, pipe, names }
            }
        }))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        let pos = t.pos;
        Ok(Some(match t.tok {
            Tok::Error(i) => return Err(self.error(pos, self.lexed.errors[i].clone())),
            Tok::Identifier(name) => {
                let name = self.name(name);
                if let Some(known) = self.funcs {
                    if !known(&name) && !crate::builtins::is_builtin(&name) {
                        return Err(self.error(
                            pos,
                            format!(
                                "function {} not defined",
                                crate::fmt::quote_go(&name, false)
                            ),
                        ));
                    }
                }
                Arg::Identifier { pos, name }
            }
            Tok::Dot => Arg::Dot { pos },
            Tok::Nil => Arg::Nil { pos },
            Tok::Variable(name) => {
                let name = self.name(name);
                if !self.vars.contains(&name) {
                    return Err(self.error(
                        pos,
                        format!("undefined variable {}", crate::fmt::quote_go(&name, false)),
                    ));
                }
                Arg::Variable {
                    pos,
                    name,
                    names: Vec::new(),
                }
            }
            Tok::Field(name) => Arg::Field {
                pos,
                names: vec![self.name(name)],
            },
            Tok::Bool(value) => Arg::Bool { pos, value },
            Tok::CharConstant(text) => {
                let text: Rc<str> = Rc::from(self.text(text));
                let value = match unquote_char(&text) {
                    Some(c) => c as i64,
                    None => {
                        return Err(self.error(pos, format!("malformed character constant: {text}")))
                    }
                };
                Arg::Number {
                    pos,
                    text,
                    value: Number::Int(value),
                }
            }
            Tok::Number(text) => {
                let text = self.text(text);
                let value = self.number(text, pos)?;
                Arg::Number {
                    pos,
                    text: Rc::from(text),
                    value,
                }
            }
            Tok::LeftParen => {
                self.enter(pos)?;
                let pipe = self.pipeline("parenthesized pipeline", Tok::RightParen, pos)?;
                self.leave();
                Arg::Pipe {
                    pos,
                    pipe: Box::new(pipe),
                }
            }
            Tok::String(q) | Tok::RawString(q) => {
                let q = self.text(q);
                // Most literals are `"…"` without escapes: their value is a piece of the source.
                let plain = q
                    .strip_prefix('"')
                    .and_then(|r| r.strip_suffix('"'))
                    .filter(|inner| !inner.contains(['\\', '"', '\n']));
                let value = match plain {
                    Some(inner) => self.intern(inner),
                    None => Rc::from(self.unquote(q, pos)?.as_str()),
                };
                Arg::String {
                    pos,
                    quoted: self.intern(q),
                    value,
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }

    /// Go's reading of a number literal: an integer (any base, `_` separators) unless it has a
    /// fraction or exponent (hex floats have `p`), which makes it a float64.
    fn number(&self, text: &str, pos: Pos) -> PResult<Number> {
        let illegal = || {
            self.error(
                pos,
                format!(
                    "illegal number syntax: {}",
                    crate::fmt::quote_go(text, false)
                ),
            )
        };
        if text.ends_with('i') {
            // Complex constants exist in Go templates but nothing here can use them.
            return Err(illegal());
        }
        let (neg, body) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let lower = body.to_ascii_lowercase();
        let is_hex = lower.starts_with("0x");
        let floaty = if is_hex {
            lower.contains('p')
        } else {
            lower.contains(['.', 'e'])
        };
        if !floaty {
            if let Some(value) = parse_go_uint(body) {
                let signed = if neg { -(value as i128) } else { value as i128 };
                if let Ok(v) = i64::try_from(signed) {
                    return Ok(Number::Int(v));
                }
                // Fits in uint64 only: Go reports it when executing ("overflows int").
                return Ok(Number::Uint(value));
            }
            if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
                return Err(self.error(
                    pos,
                    format!("integer overflow: {}", crate::fmt::quote_go(text, false)),
                ));
            }
            return Err(illegal());
        }
        let value = if is_hex {
            parse_hex_float(&lower)
        } else {
            parse_dec_float(&lower)
        };
        match value {
            Some(v) => Ok(Number::Float(if neg { -v } else { v })),
            None => Err(illegal()),
        }
    }

    fn unquote(&self, quoted: &str, pos: Pos) -> PResult<String> {
        if let Some(raw) = quoted.strip_prefix('`') {
            return Ok(raw.trim_end_matches('`').replace('\r', ""));
        }
        unquote_string(quoted).ok_or_else(|| self.error(pos, "invalid syntax".into()))
    }
}

enum Item {
    Node(Node),
    End(Pos),
    Else(Pos, Option<Keyword>),
}

/// An unsigned Go integer literal: decimal, `0x`, `0o`, `0b`, or a leading-`0` octal, with `_`
/// between digits.
fn parse_go_uint(s: &str) -> Option<u64> {
    let lower = s.to_ascii_lowercase();
    let (radix, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d, true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d, true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d, true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..], true)
    } else {
        (10, lower.as_str(), false)
    };
    if !underscores_ok(digits, prefixed) {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if clean.is_empty() {
        return None;
    }
    u64::from_str_radix(&clean, radix).ok()
}

/// Go allows `_` only between digits (or right after a base prefix).
fn underscores_ok(digits: &str, prefixed: bool) -> bool {
    if !digits.contains('_') {
        return true;
    }
    let b = digits.as_bytes();
    if b.last() == Some(&b'_') || b.windows(2).any(|w| w == b"__") {
        return false;
    }
    prefixed || b.first() != Some(&b'_')
}

fn parse_dec_float(s: &str) -> Option<f64> {
    let bad_underscore = s.starts_with('_')
        || s.ends_with('_')
        || ["__", "_.", "._", "_e", "e_"].iter().any(|p| s.contains(p));
    if s.contains('_') && bad_underscore {
        return None;
    }
    let clean: String = s.chars().filter(|c| *c != '_').collect();
    let v: f64 = clean.parse().ok()?;
    Some(v)
}

fn parse_hex_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix("0x")?;
    let body: String = body.chars().filter(|c| *c != '_').collect();
    let (mant, exp) = body.split_once('p')?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut value = 0f64;
    for c in int.chars() {
        value = value * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        value += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    Some(value * 2f64.powi(exp))
}

/// Go's `strconv.Unquote` of a double-quoted string.
pub(crate) fn unquote_string(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' | '\n' => return None,
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'a' => out.push(7),
                    'b' => out.push(8),
                    'f' => out.push(12),
                    'n' => out.push(b'\n'),
                    'r' => out.push(b'\r'),
                    't' => out.push(b'\t'),
                    'v' => out.push(11),
                    '\\' => out.push(b'\\'),
                    '"' => out.push(b'"'),
                    'x' => {
                        let h: String = (0..2)
                            .filter_map(|_| chars.next().map(|(_, c)| c))
                            .collect();
                        out.push(u8::from_str_radix(&h, 16).ok().filter(|_| h.len() == 2)?);
                    }
                    '0'..='7' => {
                        let rest: String = (0..2)
                            .filter_map(|_| chars.next().map(|(_, c)| c))
                            .collect();
                        let v = u32::from_str_radix(&format!("{e}{rest}"), 8)
                            .ok()
                            .filter(|_| rest.len() == 2)?;
                        out.push(u8::try_from(v).ok()?);
                    }
                    'u' | 'U' => {
                        let n = if e == 'u' { 4 } else { 8 };
                        let h: String = (0..n)
                            .filter_map(|_| chars.next().map(|(_, c)| c))
                            .collect();
                        if h.len() != n {
                            return None;
                        }
                        let c = char::from_u32(u32::from_str_radix(&h, 16).ok()?)?;
                        let mut buf = [0; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => return None,
                }
            }
            _ => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// A Go character literal `'a'`, `'\n'`, `'\x41'`, `'\u00e9'`.
fn unquote_char(text: &str) -> Option<char> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    if let Some(esc) = inner.strip_prefix('\\') {
        let mut chars = esc.chars();
        let e = chars.next()?;
        let rest: String = chars.collect();
        let simple = |c: char| if rest.is_empty() { Some(c) } else { None };
        return match e {
            'a' => simple('\x07'),
            'b' => simple('\x08'),
            'f' => simple('\x0c'),
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            'v' => simple('\x0b'),
            '\\' => simple('\\'),
            '\'' => simple('\''),
            'x' if rest.len() == 2 => char::from_u32(u32::from_str_radix(&rest, 16).ok()?),
            'u' if rest.len() == 4 => char::from_u32(u32::from_str_radix(&rest, 16).ok()?),
            'U' if rest.len() == 8 => char::from_u32(u32::from_str_radix(&rest, 16).ok()?),
            '0'..='7' if rest.len() == 2 => {
                char::from_u32(u32::from_str_radix(&format!("{e}{rest}"), 8).ok()?)
                    .filter(|c| (*c as u32) < 256)
            }
            _ => None,
        };
    }
    let mut chars = inner.chars();
    let c = chars.next()?;
    if chars.next().is_some() || c == '\'' {
        return None;
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Vec<Tree> {
        match parse("t.yaml", text, &Limits::default(), None) {
            Ok(p) => p.trees,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn parse_err(text: &str) -> Error {
        match parse(
            "t.yaml",
            text,
            &Limits::default(),
            Some(&|n: &str| n == "include" || n == "list"),
        ) {
            Ok(_) => panic!("{text:?} parsed"),
            Err(e) => e,
        }
    }

    /// Each tree of `text` by name, as its Debug text (the lazy bodies parsed).
    fn trees_by_name(parsed: Parsed) -> Vec<(String, String)> {
        let known: Option<&dyn Fn(&str) -> bool> = Some(&|n: &str| n == "include" || n == "list");
        let mut trees: Vec<(String, String)> = parsed
            .trees
            .into_iter()
            .chain(
                parsed
                    .lazy
                    .iter()
                    .map(|l| l.parse(&Limits::default(), known).unwrap()),
            )
            .map(|t| (t.name.to_string(), format!("{:?}", t.root)))
            .collect();
        trees.sort();
        trees
    }

    #[test]
    fn lazy_define_bodies_parse_to_the_eager_trees() {
        let texts = [
            // trim markers around and inside the body, text before and after
            "a {{- define \"t\" -}}\n  x {{ .y }}\n {{- end -}} \n b",
            "{{define \"t\"}}{{end}}{{define \"e\"}} {{/* c */}} {{- /* d */ -}}\n{{end}}",
            // nested blocks, else chains, a block inside, strings and comments holding `{{end}}`
            concat!(
                "{{ define \"n\" }}{{ if .a }}{{ range $i, $x := .l }}{{ with $x }}{{ . }}",
                "{{ else with .b }}{{ break }}{{ end }}{{ end }}{{ else if .c }}{{ \"{{ end }}\" }}",
                "{{ else }}{{ `}} {{end}}` }}{{/* {{end}} */}}{{ end }}",
                "{{ include \"t\" (list 1 2) }}{{ end }}top {{ template \"n\" . }}",
            ),
            "{{ define \"a\" }}1{{ end }}{{ block \"b\" . }}2{{ end }}{{ define \"c\" }}3{{ end }}",
        ];
        for text in texts {
            let lazy = parse_lazily("t.yaml", text, &Limits::default(), None).unwrap();
            assert!(!lazy.lazy.is_empty(), "{text}");
            let eager = parse("t.yaml", text, &Limits::default(), None).unwrap();
            assert_eq!(trees_by_name(lazy), trees_by_name(eager), "{text}");
        }
        // A `block` inside a body defines a template when parsed: such a text is parsed eagerly.
        for text in [
            "{{ define \"a\" }}{{ block \"inner\" . }}in{{ end }}{{ end }}",
            "{{ define \"a\" }} {{ end }}{{ block \"a\" . }}2{{ end }}",
        ] {
            let lazy = parse_lazily("t.yaml", text, &Limits::default(), None).unwrap();
            assert!(lazy.lazy.is_empty(), "{text}");
            let eager = parse("t.yaml", text, &Limits::default(), None).unwrap();
            assert_eq!(trees_by_name(lazy), trees_by_name(eager), "{text}");
        }
        let empty = parse_lazily("t", texts[1], &Limits::default(), None).unwrap();
        let empties: Vec<(&str, bool)> = empty.lazy.iter().map(|l| (&*l.name, l.empty)).collect();
        assert_eq!(empties, [("t", true), ("e", true)]);
        let lazy = parse_lazily("t", texts[2], &Limits::default(), None).unwrap();
        assert!(!lazy.lazy[0].empty);
    }

    #[test]
    fn lazy_parses_give_the_eager_errors_and_leave_the_bodies_errors_to_their_parse() {
        let funcs: Option<&dyn Fn(&str) -> bool> = Some(&|n: &str| n == "include");
        let limits = Limits::default();
        let message = |r: Result<Parsed, Error>| r.err().map(|e| e.go_text);
        // Errors a lazy parse sees: the eager parse's first error, even after a body with one.
        for text in [
            "{{ define \"a\" }}{{ nofunc }}{{ end }}{{ .x ) }}",
            "{{ define \"a\" }}{{ define \"b\" }}{{ end }}{{ end }}",
            "{{ define \"a\" }}{{ \"open }}{{ end }}",
            "{{ define \"a\" }}x",
            "{{ define \"a\" }}1{{ end }}{{ define \"a\" }}2{{ end }}",
        ] {
            let eager = message(parse("t", text, &limits, funcs));
            assert!(eager.is_some(), "{text}");
            assert_eq!(
                message(parse_lazily("t", text, &limits, funcs)),
                eager,
                "{text}"
            );
        }
        // An error inside a delimited body shows when the body is parsed, as Go gives it.
        for text in [
            "{{ define \"a\" }}\n{{ nofunc }}{{ end }}",
            "{{ define \"a\" }}{{ break }}{{ end }}",
            "{{ define \"a\" }}{{ if }}{{ end }}{{ end }}",
            "{{ define \"a\" }}{{ if .x }}{{ else }}{{ else }}{{ end }}{{ end }}",
        ] {
            let lazy = parse_lazily("t", text, &limits, funcs).unwrap();
            let eager = message(parse("t", text, &limits, funcs)).unwrap();
            assert_eq!(
                lazy.lazy[0].parse(&limits, funcs).unwrap_err().go_text,
                eager
            );
        }
    }

    #[test]
    fn trim_markers_need_a_space_and_eat_all_whitespace() {
        let trees = parse_ok("a \n {{- 1 -}} \n b{{-3}}c");
        let nodes = &trees[0].root.nodes;
        assert_eq!(nodes[0].text(&trees[0].source), Some("a"));
        assert_eq!(nodes[2].text(&trees[0].source), Some("b"));
        // `{{-3}}` is the number -3, not a trim marker.
        assert!(
            matches!(&nodes[3], Node::Action { pipe, .. } if matches!(pipe.cmds[0].args[0], Arg::Number { value: Number::Int(-3), .. }))
        );
        assert_eq!(nodes[4].text(&trees[0].source), Some("c"));
    }

    #[test]
    fn defines_become_trees_and_positions_are_byte_offsets() {
        let trees =
            parse_ok("x{{ define \"a\" }}A{{ .b.c }}{{ end }}{{ block \"b\" . }}B{{ end }}");
        let names: Vec<&str> = trees.iter().map(|t| &*t.name).collect();
        assert_eq!(names, ["t.yaml", "a", "b"]);
        let Node::Action { pipe, .. } = &trees[1].root.nodes[1] else {
            panic!()
        };
        // Go positions a chain at its second field.
        assert_eq!(pipe.cmds[0].args[0].pos(), 23);
        assert!(matches!(trees[0].root.nodes[1], Node::Template { .. }));
    }

    #[test]
    fn literals_read_as_go_reads_them() {
        let trees = parse_ok("{{ 0x1F }}{{ 0o17 }}{{ 017 }}{{ 0b101 }}{{ 1_000 }}{{ 1e3 }}{{ 'a' }}{{ '\\n' }}{{ .5 }}{{ \"a\\x41\\u00e9\\101\" }}{{ `r\\n` }}");
        let values: Vec<String> = trees[0]
            .root
            .nodes
            .iter()
            .map(|n| match n {
                Node::Action { pipe, .. } => match &pipe.cmds[0].args[0] {
                    Arg::Number {
                        value: Number::Int(i),
                        ..
                    } => format!("i{i}"),
                    Arg::Number {
                        value: Number::Float(f),
                        ..
                    } => format!("f{f}"),
                    Arg::String { value, .. } => format!("s{value}"),
                    other => format!("{other:?}"),
                },
                _ => "?".into(),
            })
            .collect();
        assert_eq!(
            values,
            ["i31", "i15", "i15", "i5", "i1000", "f1000", "i97", "i10", "f0.5", "saAéA", "sr\\n"]
        );
    }

    #[test]
    fn errors_have_gos_wording() {
        let cases = [
            ("{{ if .x }}", "unexpected EOF"),
            ("{{ end }}", "unexpected {{end}}"),
            ("{{ else }}", "unexpected {{else}}"),
            ("{{ .x", "unclosed action"),
            ("{{/* x */ }}", "comment ends before closing delimiter"),
            ("{{/* x ", "unclosed comment"),
            ("{{ $x }}", "undefined variable \"$x\""),
            ("{{ \"abc }}", "unterminated quoted string"),
            ("{{ 1.2.3 }}", "unexpected \".3\" in operand"),
            ("{{ nofunc 1 }}", "function \"nofunc\" not defined"),
            ("{{ (1 }}", "unclosed left paren"),
            (
                "{{ range $a, $b, $c := . }}{{end}}",
                "too many declarations in range",
            ),
            ("{{ template .x }}", "unexpected \".x\" in template clause"),
            ("{{ if }}{{ end }}", "missing value for if"),
            (
                "{{ $x := 1 }}{{ $x.y := 2 }}",
                "unexpected \":=\" in operand",
            ),
            ("{{ break }}", "{{break}} outside {{range}}"),
            (
                "{{- define \"x\" -}}{{ else }}{{end}}",
                "unexpected {{else}} in define clause",
            ),
            ("{{ 0x }}", "illegal number syntax: \"0x\""),
            ("{{ 'ab' }}", "malformed character constant: 'ab'"),
            ("{{ \"\\q\" }}", "invalid syntax"),
            ("{{ ( ) }}", "missing value for parenthesized pipeline"),
            ("{{ .a.b. }}", "unexpected <.> in operand"),
            ("{{ .x }", "unexpected \"}\" in operand"),
            (
                "{{ if .a }}{{ else }}{{ else }}{{ end }}",
                "expected end; found {{else}}",
            ),
            ("{{ .x | 1 }}", "non executable command in pipeline stage 2"),
            (
                "{{ with $x := 1 }}{{ end }}{{ $x }}",
                "undefined variable \"$x\"",
            ),
            (
                "{{ define \"a\" }}{{ define \"b\" }}{{ end }}{{ end }}",
                "unexpected <define> in command",
            ),
            (
                "{{ define \"x\" }}1{{ end }}{{ define \"x\" }}2{{ end }}",
                "template: multiple definition of template \"x\"",
            ),
            ("# {{ $a, $b := 1 }}", "too many declarations in command"),
        ];
        for (text, want) in cases {
            let e = parse_err(text);
            assert_eq!(e.message, want, "{text:?}");
            assert_eq!(
                e.go_text,
                format!("template: t.yaml:{}: {}", e.at.line, want)
            );
        }
        let e = parse_err("a\nb\n{{ if .x }}\n{{ end");
        assert_eq!((e.at.line, e.message.as_str()), (4, "unclosed action"));
        let e = parse_err("# {{ .Values.a \n");
        assert_eq!(
            (e.at.line, e.message.as_str()),
            (2, "unclosed action started at t.yaml:1")
        );
    }

    #[test]
    fn else_if_chains_share_one_end_and_scopes_end_with_their_block() {
        let trees = parse_ok("{{ if .a }}1{{ else if .b }}2{{ else }}3{{ end }}{{ $v := 1 }}{{ range $i, $e := . }}{{ $i }}{{ $v }}{{ break }}{{ end }}");
        let Node::If(branch) = &trees[0].root.nodes[0] else {
            panic!()
        };
        let else_list = branch.else_list.as_ref().unwrap();
        assert!(matches!(&else_list.nodes[0], Node::If(inner) if inner.else_list.is_some()));
    }

    /// Runs `f` on a thread with wasm's stack (1 MB) in release builds; debug builds use far
    /// bigger frames, so they get more (the release figure is the one that matters).
    pub(crate) fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        let size = if cfg!(debug_assertions) {
            64 << 20
        } else {
            1 << 20
        };
        std::thread::Builder::new()
            .stack_size(size)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn deep_nesting_ends_in_a_limit_error() {
        on_small_stack(deep_nesting);
    }

    fn deep_nesting() {
        let text = "{{ if 1 }}".repeat(10_000) + &"{{ end }}".repeat(10_000);
        let start = std::time::Instant::now();
        let e = parse("t", &text, &Limits::default(), None)
            .err()
            .expect("too deep");
        assert_eq!(e.kind, ErrorKind::Limit);
        assert!(start.elapsed().as_secs_f64() < 1.0);
        let parens = "{{ ".to_string() + &"(".repeat(10_000) + "1" + &")".repeat(10_000) + " }}";
        assert_eq!(
            parse("t", &parens, &Limits::default(), None)
                .err()
                .expect("too deep")
                .kind,
            ErrorKind::Limit
        );
    }
}
