//! Executing templates: the template set, the function table, options, limits and the output
//! with its source map.
//!
//! SKELETON: the public API below is what hosts (ecplint's renderer) build on; the bodies are
//! being written (issue 9).

use std::collections::HashMap;
use std::rc::Rc;

use crate::ast::Tree;
use crate::error::{Error, Frame};
use crate::value::Value;

/// A function callable from templates. Gets the call's context (for `include`, `tpl`, the
/// random source and the work budget) and the evaluated arguments; an `Err` is reported as Go
/// does: `error calling NAME: MESSAGE`, at the call.
pub type Func = Rc<dyn Fn(&mut Call<'_>, &[Value]) -> Result<Value, String>>;

/// The functions a template may call besides Go's builtins (which are always there and are
/// shadowed by a function of the same name, as `template.Funcs` does).
#[derive(Clone, Default)]
pub struct Funcs {
    map: HashMap<String, Func>,
}

impl Funcs {
    pub fn new() -> Funcs {
        Funcs::default()
    }

    pub fn insert(&mut self, name: &str, func: Func) {
        self.map.insert(name.to_string(), func);
    }

    /// Adds a plain function (one that needs no context).
    pub fn add(&mut self, name: &str, func: fn(&[Value]) -> Result<Value, String>) {
        self.insert(name, Rc::new(move |_: &mut Call<'_>, args: &[Value]| func(args)));
    }

    pub fn get(&self, name: &str) -> Option<&Func> {
        self.map.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }
}

/// What a missing map key gives (Go's `missingkey` option).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// `missingkey=default`/`invalid`: prints `<no value>`.
    #[default]
    Default,
    /// `missingkey=zero`: the map's zero value (for `map[string]interface{}` that is nil, which
    /// prints `<no value>` too).
    Zero,
    /// `missingkey=error`: an error (Helm's `--strict`).
    Error,
}

/// Bounds on the work one execution may do; hitting one is an [`ErrorKind::Limit`] error at the
/// action that hit it.
///
/// [`ErrorKind::Limit`]: crate::ErrorKind::Limit
#[derive(Clone, Debug)]
pub struct Limits {
    /// Nested `template`/`include`/`tpl` calls (Helm stops a name included 1000 times deep).
    pub max_call_depth: usize,
    /// Nested `tpl` calls.
    pub max_tpl_depth: usize,
    /// Evaluation steps (nodes and function calls, loop iterations; a function may charge more,
    /// e.g. `until N` charges N).
    pub max_steps: u64,
    /// Bytes of output of one execution.
    pub max_output: usize,
    /// Bytes of any one string a function builds (`repeat`, `printf "%0999999999d"`, …).
    pub max_string: usize,
    /// Nesting of actions and parentheses in the parser (deep input must not overflow the stack).
    pub max_parse_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_call_depth: 1000,
            max_tpl_depth: 100,
            max_steps: 50_000_000,
            max_output: 64 << 20,
            max_string: 16 << 20,
            max_parse_depth: 2000,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub missing_key: MissingKey,
    pub limits: Limits,
    /// Seed of the random source of `randAlphaNum`, `uuidv4`, key generation, ….
    pub seed: u64,
    /// What `now` returns, in nanoseconds since the Unix epoch (UTC): the host's clock, or a
    /// fixed time for reproducible output (wasm has no clock of its own here).
    pub now_unix_nanos: i64,
}

/// Where an output line came from: the action or text that wrote it, and the
/// `include`/`template` calls that led there (innermost first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub at: Frame,
    pub chain: Rc<[Frame]>,
}

/// The text an execution wrote and, for each of its lines (0-based, split at `\n`), where the
/// line came from.
#[derive(Clone, Debug, Default)]
pub struct Output {
    pub text: String,
    pub lines: Vec<Origin>,
}

/// A set of parsed templates: files and the `define`d templates they hold, shared by name as in
/// Go's `template.Template` (a later `define` of a name replaces the earlier one, so the host's
/// parse order decides, as Helm's does).
#[derive(Default)]
pub struct Templates {
    trees: HashMap<Rc<str>, Rc<Tree>>,
}

impl Templates {
    pub fn new() -> Templates {
        Templates::default()
    }

    /// Parses `text` as the template `name` and adds it and its `define`/`block`s to the set.
    pub fn parse(&mut self, name: &str, text: &str, _limits: &Limits) -> Result<(), Error> {
        let _ = (name, text);
        Err(unimplemented_error(name))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.trees.contains_key(name)
    }

    /// Executes template `name` over `data`.
    pub fn execute(&self, name: &str, _data: &Value, _funcs: &Funcs, _options: &Options) -> Result<Output, Error> {
        Err(unimplemented_error(name))
    }
}

fn unimplemented_error(name: &str) -> Error {
    Error {
        kind: crate::ErrorKind::Exec,
        message: "the executor is not written yet".into(),
        at: Frame { template: Rc::from(name), line: 1, col: 1 },
        chain: Vec::new(),
        go_text: String::new(),
    }
}

/// The context a [`Func`] gets: the running execution.
pub struct Call<'a> {
    _exec: std::marker::PhantomData<&'a ()>,
}

impl Call<'_> {
    /// Executes the named template over `data` and returns its text (Helm's `include`).
    pub fn include(&mut self, name: &str, _data: &Value) -> Result<Value, String> {
        Err(format!("no template {name:?}"))
    }

    /// Parses `text` as a template (named after the calling template, with the set's `define`s
    /// available) and executes it over `data` (Helm's `tpl`).
    pub fn tpl(&mut self, _text: &str, _data: &Value) -> Result<Value, String> {
        Err("tpl is not written yet".into())
    }

    /// The name of the template being executed (Helm's `.Template.Name` is the host's).
    pub fn template_name(&self) -> &str {
        ""
    }

    pub fn limits(&self) -> &Limits {
        unimplemented!()
    }

    /// Spends `steps` of the execution's work budget (a function doing work proportional to its
    /// input charges for it); an `Err` when the budget is spent.
    pub fn charge(&mut self, _steps: u64) -> Result<(), String> {
        Ok(())
    }

    /// The execution's "now" ([`Options::now_unix_nanos`]).
    pub fn now_unix_nanos(&self) -> i64 {
        0
    }

    /// The next number of the execution's seeded random source.
    pub fn random_u64(&mut self) -> u64 {
        0
    }
}
