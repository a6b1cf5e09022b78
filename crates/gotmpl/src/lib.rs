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
//!
//! For hosts:
//! - [`Templates::declare_funcs`] before parsing makes an unknown function a parse error, as in
//!   Go (without it, the call fails when executed).
//! - Errors: [`Error::go_text`] is Go's text. Helm rewrites parse errors as
//!   `parse error at (NAME:LINE): MSG`, MSG being the text after the last `": "`; `at`/`chain`
//!   give the place and the include chain (innermost first) for reports.
//! - Functions report a wrongly typed argument with [`bad_arg`] (worded after the argument's node
//!   as Go does), refused work with [`limit_exceeded`], and reach `include`/`tpl`, the work
//!   budget, the seeded random source and "now" through [`Call`].
//! - Helm specifics left to the host: deleting `<no value>` from a file's output and from
//!   `tpl`'s result (not from `include`'s), `tpl`'s error decoration, and `MissingKey::Zero`
//!   (Helm's mode). Templates `tpl` parses are named `gotpl`, as Helm names them.
//! - Differences from Go kept on purpose: nesting is bounded ([`Limits`]: 300 calls deep, 200
//!   nested blocks, plus a native-stack guard) where Go allows 100,000 and 10,000 — a template
//!   that recurses without end fails with Go's (or Helm's) message at our depth; complex number
//!   literals (`1i`) are not supported.

pub mod ast;
pub mod builtins;
pub mod error;
pub mod exec;
pub mod fmt;
pub mod parse;
pub mod sprig;
pub mod value;

pub use error::{Error, ErrorKind, Frame};
pub use exec::{
    bad_arg, limit_exceeded, Call, Func, Funcs, Limits, MissingKey, Options, Origin, Output,
    ParseCache, Templates,
};
pub use value::{List, Map, Object, Value};

/// Maps and sets keyed by names: foldhash natively, std's (SipHash) on wasm32 (see Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use foldhash::{HashMap, HashSet};
#[cfg(target_arch = "wasm32")]
pub(crate) use std::collections::{HashMap, HashSet};
