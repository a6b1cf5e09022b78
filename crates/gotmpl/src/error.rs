//! Errors of parsing and executing, with the place they happen and the chain of
//! `template`/`include`/`tpl` calls that led there.

use std::fmt;
use std::rc::Rc;

/// Where in which template: 1-based line and column (bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub template: Rc<str>,
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The template text does not parse.
    Parse,
    /// Executing failed: a function's error, a nil pointer, wrong types, `fail`, `required`….
    Exec,
    /// A limit was hit (depth, steps, output or string size).
    Limit,
}

/// An error with its place. `message` is Go's wording without the location prefix (e.g.
/// `nil pointer evaluating interface {}.bar`); [`Error::go_message`] gives the whole line as Go
/// (and Helm) print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// Where it happened.
    pub at: Frame,
    /// The calls that led there, innermost first: the `include`/`template`/`tpl` actions.
    pub chain: Vec<Frame>,
    /// Go's full message (`template: NAME:LINE:COL: executing "NAME" at <…>: …`), kept as Go
    /// formats it so that people can search it; empty when the executor did not build one.
    pub go_text: String,
}

impl Error {
    /// Go's (and Helm's) whole message when known, else `NAME:LINE:COL: message`.
    pub fn go_message(&self) -> String {
        if self.go_text.is_empty() {
            format!(
                "template: {}:{}:{}: {}",
                self.at.template, self.at.line, self.at.col, self.message
            )
        } else {
            self.go_text.clone()
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.at.template, self.at.line, self.at.col, self.message
        )?;
        for frame in &self.chain {
            write!(
                f,
                "\n  called from {}:{}:{}",
                frame.template, frame.line, frame.col
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
