//! The parse tree of a template, as Go's `text/template/parse` shapes it. Every node carries the
//! byte offset where it starts in its template's source ([`Pos`]); [`Source::line_col`] turns an
//! offset into a 1-based line and column.

use std::cell::OnceCell;
use std::rc::Rc;

/// A byte offset into the template's source text.
pub type Pos = u32;

/// A template's name and text, shared by every tree parsed from it (a file's `define`s too).
#[derive(Debug)]
pub struct Source {
    pub name: Rc<str>,
    pub text: Rc<str>,
    /// Byte offset where each line starts; found the first time a position is asked for (most
    /// of a chart's helper files are parsed but never executed).
    line_starts: OnceCell<Vec<u32>>,
}

impl Source {
    pub fn new(name: &str, text: &str) -> Source {
        Source {
            name: Rc::from(name),
            text: Rc::from(text),
            line_starts: OnceCell::new(),
        }
    }

    /// 1-based line and 1-based column, in bytes, of a byte offset (editors and our reports
    /// use these; Go's own messages print the column differently, see `error`).
    pub fn line_col(&self, pos: Pos) -> (u32, u32) {
        let line_starts = self.line_starts.get_or_init(|| {
            let newlines = self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
            std::iter::once(0)
                .chain(newlines.map(|(i, _)| i as u32 + 1))
                .collect()
        });
        let line = line_starts.partition_point(|&s| s <= pos);
        let start = line_starts[line - 1];
        (line as u32, pos.saturating_sub(start) + 1)
    }
}

/// One named template: a file's top level, or a `define`/`block` body.
#[derive(Debug)]
pub struct Tree {
    /// The template's name (the file path for a file's top level, the `define`d name otherwise).
    pub name: Rc<str>,
    /// The source the nodes' positions point into.
    pub source: Rc<Source>,
    pub root: List,
}

/// A sequence of nodes.
#[derive(Debug, Default)]
pub struct List {
    pub pos: Pos,
    pub nodes: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    /// Plain text between actions (after `{{-`/`-}}` trimming): the tree's source from `pos`
    /// to `end` ([`Node::text`]). A span, not a copy: most text of a chart's helpers is never
    /// executed.
    Text {
        pos: Pos,
        end: Pos,
    },
    /// `{{ pipeline }}`: prints the pipeline's value unless it declares variables.
    Action {
        pos: Pos,
        pipe: Pipe,
    },
    If(Branch),
    With(Branch),
    Range(Range),
    /// `{{ template "name" pipeline }}`
    Template {
        pos: Pos,
        name: Rc<str>,
        pipe: Option<Pipe>,
    },
    Break {
        pos: Pos,
    },
    Continue {
        pos: Pos,
    },
    /// `{{/* … */}}`, kept so tools can see it; executes to nothing.
    Comment {
        pos: Pos,
    },
}

impl Node {
    /// A [`Node::Text`]'s text in its tree's source; `None` for other nodes.
    pub fn text<'s>(&self, source: &'s Source) -> Option<&'s str> {
        match *self {
            Node::Text { pos, end } => source.text.get(pos as usize..end as usize),
            _ => None,
        }
    }
}

/// `if`/`with`: the `else if`/`else with` chains are nested as Go does (an `else` list holding
/// one `If`/`With` node).
#[derive(Debug)]
pub struct Branch {
    pub pos: Pos,
    pub pipe: Pipe,
    pub list: List,
    pub else_list: Option<List>,
}

#[derive(Debug)]
pub struct Range {
    pub pos: Pos,
    pub pipe: Pipe,
    pub list: List,
    pub else_list: Option<List>,
}

/// A pipeline: optional variable declarations, then commands joined by `|`.
#[derive(Debug)]
pub struct Pipe {
    pub pos: Pos,
    /// `$x := …` (`is_assign` false) or `$x = …` (true); `range $i, $e := …` has two.
    pub decl: Vec<Variable>,
    pub is_assign: bool,
    pub cmds: Vec<Command>,
}

/// A variable name with its `$`, e.g. `$x`, and where it is written.
#[derive(Debug)]
pub struct Variable {
    pub pos: Pos,
    pub name: Rc<str>,
}

/// One command of a pipeline: an operand and its arguments (`printf "%s" .x`).
#[derive(Debug)]
pub struct Command {
    pub pos: Pos,
    pub args: Vec<Arg>,
}

/// An operand.
#[derive(Debug)]
pub enum Arg {
    /// `.`
    Dot {
        pos: Pos,
    },
    Nil {
        pos: Pos,
    },
    Bool {
        pos: Pos,
        value: bool,
    },
    /// A number literal with its text (Go decides int, float or char from it).
    Number {
        pos: Pos,
        text: Rc<str>,
        value: Number,
    },
    /// A string literal: `value` unquoted, `quoted` as written (both `"…"` and raw `` `…` ``).
    String {
        pos: Pos,
        quoted: Rc<str>,
        value: Rc<str>,
    },
    /// `.A.B`: a field chain on dot.
    Field {
        pos: Pos,
        names: Vec<Rc<str>>,
    },
    /// `$x.A.B` (names empty for a plain `$x`).
    Variable {
        pos: Pos,
        name: Rc<str>,
        names: Vec<Rc<str>>,
    },
    /// A function name: `printf`, `include`, ….
    Identifier {
        pos: Pos,
        name: Rc<str>,
    },
    /// `(pipeline).A.B` (names empty for a plain parenthesised pipeline).
    Chain {
        pos: Pos,
        pipe: Box<Pipe>,
        names: Vec<Rc<str>>,
    },
    /// A parenthesised pipeline used as an operand.
    Pipe {
        pos: Pos,
        pipe: Box<Pipe>,
    },
}

/// A number literal's value as Go's parser reads it: `Int` for integer constants (incl. char
/// literals like `'a'` and hex/octal/binary forms), `Float` for the rest.
#[derive(Debug, Clone, Copy)]
pub enum Number {
    Int(i64),
    Float(f64),
    /// An integer that fits only Go's `uint64`: an error when used ("overflows int").
    Uint(u64),
}

impl Arg {
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Dot { pos }
            | Arg::Nil { pos }
            | Arg::Bool { pos, .. }
            | Arg::Number { pos, .. }
            | Arg::String { pos, .. }
            | Arg::Field { pos, .. }
            | Arg::Variable { pos, .. }
            | Arg::Identifier { pos, .. }
            | Arg::Chain { pos, .. }
            | Arg::Pipe { pos, .. } => *pos,
        }
    }
}
