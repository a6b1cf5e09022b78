//! Go's `text/template` in Rust: parse and execute with Go's semantics and Go-identical output,
//! positions (template, line, column, include chain) on every error, a source map from each output
//! line to the action that wrote it, and limits on every kind of work (nesting, steps, output,
//! string size) so that hostile templates end in an error instead of a hang.
//!
//! The crate knows nothing of Helm or ecplint: a host (ecplint's renderer) parses its files into a
//! [`Templates`] set, registers functions ([`Funcs`]; Go's builtins are always there, [`sprig`]
//! adds Sprig v3) and executes a template over a [`Value`].
//!
//! Layout: `value` (the dynamic values), `ast` (parse tree), `parse` (lexer + parser), `exec`
//! (evaluation), `fmt` (Go's `fmt` verbs and value printing), `builtins` (Go's template functions),
//! `sprig` (Sprig v3), `error`.

pub mod ast;
pub mod builtins;
pub mod error;
pub mod exec;
pub mod fmt;
pub mod parse;
pub mod sprig;
pub mod value;

pub use error::{Error, ErrorKind, Frame};
pub use exec::{bad_arg, limit_exceeded, Call, Func, Funcs, Limits, MissingKey, Options, Origin, Output, Templates};
pub use value::{List, Map, Object, Value};
