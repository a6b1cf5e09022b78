//! Executing templates: the template set, the function table, options, limits and the output
//! with its source map.
//!
//! Semantics follow Go's `text/template` documentation and what `helm template` prints:
//! truthiness, field access on maps and objects, variables (`$` is the data; `:=` declares in the
//! current scope, `=` assigns the nearest one; `if`/`with`/`range` bodies are scopes), pipelines
//! (the previous result is the last argument), `and`/`or` short-circuit, `range` over lists and
//! maps in sorted key order (not over integers or strings: helm 3.17's Go refuses both), errors
//! worded and positioned as Go does (`Error::go_text`).
//!
//! Missing values: a missing map key is nil and prints `<no value>` (Go's behaviour). Helm
//! deletes every `<no value>` from a rendered file and from `tpl`'s result, but not from
//! `include`'s: that is the host's business (ecplint's renderer), not this crate's.
//! [`MissingKey::Zero`] (Helm's mode) makes a field of a missing key a "nil pointer evaluating
//! interface {}.x" error, [`MissingKey::Default`] (Go's default) gives nil quietly.
//!
//! ## Source map
//! Output is written through one buffer that knows, for the line being written, which node
//! wrote its first non-blank byte (else its first byte): a text node gives the exact source
//! line of that byte, an action its own position. Every origin carries the chain of
//! `template`/`include`/`tpl` calls that led there (innermost first).
//! Text coming back from `include` (a string) keeps the origins of its lines: each action
//! remembers the lines of the texts `include`d while its pipeline ran, and when it prints, each
//! printed line whose trimmed content equals the next remembered line (in order) takes that
//! line's origin. That covers `{{ include "x" . | nindent 4 }}` and any function that keeps
//! lines whole (`indent`, `trim`, `trimSuffix`, …); lines a function rewrote fall back to the
//! action. Text assigned to a variable and printed by a later action falls back too. `tpl`
//! text has no file: its lines are attributed to the `tpl` call (includes inside it keep theirs).
//!
//! ## Limits
//! [`Limits`] bounds nesting (calls, `tpl`), steps (one per node, command and loop iteration,
//! plus what functions [`Call::charge`]), output and string size; each ends in an
//! [`ErrorKind::Limit`] error at the action. Recursion depth per `template`/`include` frame is
//! what bounds the native stack: see [`Limits::max_call_depth`].

use crate::{HashMap, HashSet};
use std::rc::Rc;

use crate::ast::{Arg, Branch, Command, List, Node, Number, Pipe, Pos, Range, Source, Tree};
use crate::error::{Error, ErrorKind, Frame};
use crate::fmt::quote_go;
use crate::value::{Str, Value};

/// A function callable from templates. Gets the call's context (for `include`, `tpl`, the
/// random source and the work budget) and the evaluated arguments; an `Err` is reported as Go
/// does: `error calling NAME: MESSAGE`, at the call. Messages that Go reports without that
/// prefix (argument checks made before the call: `wrong number of args for NAME: want 1 got 2`,
/// `wrong type for value; expected int; got string`, `invalid value; expected …`) are passed
/// through as they are.
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
        self.insert(
            name,
            Rc::new(move |_: &mut Call<'_>, args: &[Value]| func(args)),
        );
    }

    pub fn get(&self, name: &str) -> Option<&Func> {
        self.map.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// Adds every function of `other` (replacing same-named ones).
    pub fn extend(&mut self, other: &Funcs) {
        for (name, func) in &other.map {
            self.map.insert(name.clone(), func.clone());
        }
    }

    /// The names, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// What a missing map key gives (Go's `missingkey` option).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// `missingkey=default`/`invalid`: prints `<no value>`.
    #[default]
    Default,
    /// `missingkey=zero`: the map's zero value (for `map[string]interface{}` that is nil, which
    /// prints `<no value>` too). Helm's mode: a field of it is a nil pointer error.
    Zero,
    /// `missingkey=error`: an error (Helm's `--strict`).
    Error,
}

/// Bounds on the work one execution may do; hitting one is an [`ErrorKind::Limit`] error at the
/// action that hit it.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Nested `template`/`include`/`tpl` calls. Helm stops a name included 1000 times deep
    /// (and Go's `template` at 100,000); each level here costs about 1.5 KB of native stack in
    /// release builds (measured by the `stack_per_include_level` test), so the default, 300,
    /// stays within wasm's 1 MB stack. A name that includes itself fails with Helm's wording
    /// ("rendering template has a nested reference name") at this depth.
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
    /// Nesting of `if`/`with`/`range`/`define`/`block` and parentheses (deep input must not
    /// overflow the stack: the parser and the executor recurse per level). Go allows 10,000;
    /// the default, 200, fits wasm's 1 MB stack with room to spare, and real charts nest less
    /// than 30 deep.
    pub max_parse_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_call_depth: 300,
            max_tpl_depth: 100,
            max_steps: 50_000_000,
            max_output: 64 << 20,
            max_string: 16 << 20,
            max_parse_depth: 200,
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
    /// Keys and hashes made fast rather than as strong as Sprig's: RSA keys of 512 bits, bcrypt
    /// at cost 4. The output keeps its shape (valid keys, certificates and hashes) — for a host
    /// that reads what the templates write (a linter), never for output anyone installs.
    pub quick_crypto: bool,
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

/// The name Helm gives the templates `tpl` parses (its errors say `template: gotpl:1:8: …`).
pub const TPL_NAME: &str = "gotpl";

/// A set of parsed templates: files and the `define`d templates they hold, shared by name as in
/// Go's `template.Template` (a later `define` of a name replaces the earlier one, so the host's
/// parse order decides, as Helm's does; an empty `define` does not replace a non-empty one, which
/// is how `block` defaults are overridden).
#[derive(Default)]
pub struct Templates {
    trees: HashMap<Rc<str>, Entry>,
    /// Function names checked while parsing (Go's `function "x" not defined` parse error);
    /// `None` until [`Templates::declare_funcs`].
    known_funcs: Option<HashSet<String>>,
    /// [`Templates::parse_defines_lazily`].
    lazy_defines: bool,
    /// A lazily parsed body failed to parse when it was needed.
    lazy_failed: std::cell::Cell<bool>,
}

/// A template of a set: parsed, or a `define` whose body is parsed when first needed. (Not on
/// wasm32, see [`Templates::parse_defines_lazily`]: there the lazy parse is left out of the
/// build.)
#[derive(Clone)]
enum Entry {
    Parsed(Rc<Tree>),
    #[cfg(not(target_arch = "wasm32"))]
    Lazy(Rc<LazyEntry>),
}

#[cfg(not(target_arch = "wasm32"))]
struct LazyEntry {
    tree: crate::parse::LazyTree,
    limits: Limits,
    parsed: std::cell::OnceCell<Option<Rc<Tree>>>,
}

impl Entry {
    fn name(&self) -> &Rc<str> {
        match self {
            Entry::Parsed(tree) => &tree.name,
            #[cfg(not(target_arch = "wasm32"))]
            Entry::Lazy(lazy) => &lazy.tree.name,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Entry::Parsed(tree) => is_empty_list(&tree.root, &tree.source.text),
            #[cfg(not(target_arch = "wasm32"))]
            Entry::Lazy(lazy) => lazy.tree.empty,
        }
    }
}

impl Templates {
    pub fn new() -> Templates {
        Templates::default()
    }

    /// Makes [`Templates::parse`] check function names as Go does (a call of an unknown name is
    /// a parse error); without it unknown names fail only when executed.
    pub fn declare_funcs(&mut self, funcs: &Funcs) {
        let known = self.known_funcs.get_or_insert_with(HashSet::default);
        known.extend(funcs.names().map(str::to_string));
    }

    /// Makes later parses leave the bodies of top-level `define`s to their first use
    /// ([`crate::parse::parse_lazily`], whose contract holds: check each text with
    /// [`crate::parse::parse`] too, and use nothing of this set where that fails or where
    /// [`Templates::lazy_parse_failed`]). Not on wasm32, which has no other thread to check
    /// the texts on: there the lazy parse would be code in the download that saves nothing.
    pub fn parse_defines_lazily(&mut self) {
        self.lazy_defines = true;
    }

    /// Whether a `define` body left for later failed to parse when it was needed (the
    /// execution then said the template is not defined).
    pub fn lazy_parse_failed(&self) -> bool {
        self.lazy_failed.get()
    }

    /// Parses `text` as the template `name` and adds it and its `define`/`block`s to the set.
    pub fn parse(&mut self, name: &str, text: &str, limits: &Limits) -> Result<(), Error> {
        for tree in self.parse_trees(name, text, limits)? {
            add_tree(&mut self.trees, tree);
        }
        Ok(())
    }

    /// [`Templates::parse`], taking the trees from `cache` when `name` was parsed there with
    /// the same text, and leaving them there otherwise.
    pub fn parse_cached(
        &mut self,
        name: &str,
        text: &str,
        limits: &Limits,
        cache: &mut ParseCache,
    ) -> Result<(), Error> {
        let hit = cache.files.get(name).filter(|c| &*c.text == text);
        let parsed = match hit {
            Some(cached) => cached.parsed.clone(),
            None => {
                let parsed = self.parse_trees(name, text, limits);
                cache.files.insert(
                    Rc::from(name),
                    CachedFile {
                        text: Box::from(text),
                        parsed: parsed.clone(),
                    },
                );
                parsed
            }
        };
        for tree in parsed? {
            add_tree(&mut self.trees, tree);
        }
        Ok(())
    }

    /// Calls `f` with Go's parse-time check of function names, once they are declared.
    fn with_func_check<R>(&self, f: impl FnOnce(Option<&dyn Fn(&str) -> bool>) -> R) -> R {
        let known = self.known_funcs.as_ref();
        let check = |n: &str| known.is_some_and(|k| k.contains(n));
        f(known.map(|_| &check as _))
    }

    fn parse_trees(&self, name: &str, text: &str, limits: &Limits) -> Result<Vec<Entry>, Error> {
        #[cfg(not(target_arch = "wasm32"))]
        if self.lazy_defines {
            let parsed = self
                .with_func_check(|funcs| crate::parse::parse_lazily(name, text, limits, funcs))?;
            let lazy = parsed.lazy.into_iter().map(|tree| {
                Entry::Lazy(Rc::new(LazyEntry {
                    tree,
                    limits: limits.clone(),
                    parsed: std::cell::OnceCell::new(),
                }))
            });
            let parsed = parsed.trees.into_iter().map(|t| Entry::Parsed(Rc::new(t)));
            return Ok(parsed.chain(lazy).collect());
        }
        let parsed =
            self.with_func_check(|funcs| crate::parse::parse(name, text, limits, funcs))?;
        Ok(parsed
            .trees
            .into_iter()
            .map(|tree| Entry::Parsed(Rc::new(tree)))
            .collect())
    }

    /// A template of the set as a tree: a lazy `define`'s body is parsed the first time.
    fn resolve(&self, entry: &Entry) -> Option<Rc<Tree>> {
        match entry {
            Entry::Parsed(tree) => Some(tree.clone()),
            #[cfg(not(target_arch = "wasm32"))]
            Entry::Lazy(lazy) => self.parse_lazy(lazy),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn parse_lazy(&self, lazy: &LazyEntry) -> Option<Rc<Tree>> {
        let tree = lazy.parsed.get_or_init(|| {
            self.with_func_check(|funcs| lazy.tree.parse(&lazy.limits, funcs))
                .ok()
                .map(Rc::new)
        });
        if tree.is_none() {
            self.lazy_failed.set(true);
        }
        tree.clone()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.trees.contains_key(name)
    }

    /// The names of the templates in the set.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.trees.keys().map(|k| &**k)
    }

    /// The parse tree of a template.
    pub fn tree(&self, name: &str) -> Option<Rc<Tree>> {
        self.resolve(self.trees.get(name)?)
    }

    /// Executes template `name` over `data`.
    pub fn execute(
        &self,
        name: &str,
        data: &Value,
        funcs: &Funcs,
        options: &Options,
    ) -> Result<Output, Error> {
        let Some(tree) = self.tree(name) else {
            let message = format!(
                "no template {} associated with template {}",
                quote_go(name, false),
                quote_go(name, false)
            );
            return Err(Error {
                kind: ErrorKind::Exec,
                go_text: format!("template: {message}"),
                message,
                at: Frame {
                    template: Rc::from(name),
                    line: 1,
                    col: 1,
                },
                chain: Vec::new(),
            });
        };
        let mut exec = Exec::new(self, funcs, options);
        exec.run_tree(&tree, data.clone(), None).map_err(|e| *e)?;
        Ok(exec.out.finish())
    }
}

fn add_tree(trees: &mut HashMap<Rc<str>, Entry>, tree: Entry) {
    if let Some(old) = trees.get(tree.name()) {
        if tree.is_empty() && !old.is_empty() {
            return;
        }
    }
    trees.insert(tree.name().clone(), tree);
}

/// Files parsed by [`Templates::parse_cached`], to be used again by later sets (a chart
/// rendered again with other values need not parse its templates again). A file is taken from
/// the cache only under the same name with the same text; one cache serves one set of declared
/// functions and one set of parse limits.
#[derive(Default)]
pub struct ParseCache {
    files: HashMap<Rc<str>, CachedFile>,
}

struct CachedFile {
    text: Box<str>,
    parsed: Result<Vec<Entry>, Error>,
}

impl ParseCache {
    /// Whether `name` was parsed here with this text.
    pub fn holds(&self, name: &str, text: &str) -> bool {
        self.files.get(name).is_some_and(|c| &*c.text == text)
    }
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ParseCache({} files)", self.files.len())
    }
}

/// Go's `IsEmptyTree`: only whitespace text and comments.
pub(crate) fn is_empty_list(list: &List, source: &str) -> bool {
    list.nodes.iter().all(|n| match *n {
        Node::Text { pos, end } => source[pos as usize..end as usize].trim().is_empty(),
        Node::Comment { .. } => true,
        _ => false,
    })
}

// ---------------------------------------------------------------------------------------------
// Output with origins

/// `s` cut after each `\n` (the last piece may lack one), as `split_inclusive('\n')`: a plain
/// byte scan, cheaper than the general searcher on the short lines templates print.
fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .bytes()
            .position(|b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// A byte of a text being written: its offset, how many line breaks come before it in the
/// text, and where its line starts (`None`: on the text's first line).
#[derive(Clone, Copy, Default)]
struct TextAt {
    offset: usize,
    newlines: u32,
    line_start: Option<usize>,
}

#[derive(Default)]
struct OutBuf {
    text: String,
    lines: Vec<Origin>,
    /// Origin of the current line's first byte and first non-blank byte.
    first: Option<Origin>,
    nonblank: Option<Origin>,
}

impl OutBuf {
    /// Writes `s`; `origin_at(at)` gives the origin of a byte of `s` (asked only when a line
    /// still needs one, in the order of the text).
    fn write(&mut self, s: &str, mut origin_at: impl FnMut(TextAt) -> Origin) {
        let bytes = s.as_bytes();
        let mut at = TextAt::default();
        while at.offset < bytes.len() {
            // One pass over each line: its leading blanks, then on to its line break.
            let rest = &bytes[at.offset..];
            let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
            let blanks = rest.iter().position(|b| !blank(b)).unwrap_or(rest.len());
            let newline = rest[blanks..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|i| blanks + i);
            let len = newline.map_or(rest.len(), |n| n + 1);
            if self.first.is_none() {
                self.first = Some(origin_at(at));
            }
            if self.nonblank.is_none() && blanks < newline.unwrap_or(rest.len()) {
                self.nonblank = Some(origin_at(TextAt {
                    offset: at.offset + blanks,
                    ..at
                }));
            }
            self.text.push_str(&s[at.offset..at.offset + len]);
            if newline.is_some() {
                let origin = self
                    .nonblank
                    .take()
                    .or(self.first.take())
                    .unwrap_or_else(|| origin_at(at));
                self.first = None;
                self.lines.push(origin);
                at.newlines += 1;
                at.line_start = Some(at.offset + len);
            }
            at.offset += len;
        }
    }

    fn finish(mut self) -> Output {
        let last = self
            .nonblank
            .take()
            .or(self.first.take())
            .or_else(|| self.lines.last().cloned());
        let last = last.unwrap_or_else(|| Origin {
            at: Frame {
                template: Rc::from(""),
                line: 1,
                col: 1,
            },
            chain: Rc::from(Vec::new()),
        });
        self.lines.push(last);
        Output {
            text: self.text,
            lines: self.lines,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The executor

/// The tree being executed: its name, source and how its text is attributed.
#[derive(Clone)]
struct Scope {
    tree_name: Rc<str>,
    source: Rc<Source>,
    /// The calls that led here, innermost first.
    chain: Rc<[Frame]>,
    /// `tpl` text: its own positions are not a file's, so origins go to this frame.
    anonymous: Option<Frame>,
}

enum Flow {
    Normal,
    Break,
    Continue,
}

/// How a nil came to be, which decides what a field of it does (see the module docs).
#[derive(Clone, Copy, PartialEq)]
enum Nil {
    /// Not nil.
    No,
    /// A nil held in a map entry, list element or produced by `missingkey=zero`: a field of it
    /// is "nil pointer evaluating interface {}.x".
    Interface,
    /// Go's invalid value (missing key under `missingkey=default`, nil data): fields give nil.
    Invalid,
}

/// Errors are boxed inside the executor: a small `Result` keeps the recursive frames small
/// (stack per nesting level is what bounds the depth on wasm's 1 MB stack).
type ExecResult<T> = Result<T, Box<Error>>;

/// The caller's scope and variables while a tree runs.
type SavedScope = (Scope, Vec<(Rc<str>, Value)>);
/// The caller's output and remembered include lines while `include`/`tpl` runs.
type SavedOutput = (OutBuf, Vec<Included>);

/// An included text, its lines' origins, and the lines remembered so far in the action.
struct Included {
    text: Str,
    origins: Vec<Origin>,
    lines_so_far: usize,
}

#[cfg(test)]
thread_local! {
    /// Stack addresses seen at call depths 10 and 110 (tests measure the stack per level).
    pub(crate) static STACK_PROBE: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

#[cfg(test)]
#[inline(never)]
fn probe_stack(depth: usize) {
    let marker = 0u8;
    let addr = std::ptr::addr_of!(marker) as usize;
    STACK_PROBE.with(|p| {
        let (a, b) = p.get();
        match depth {
            10 => p.set((addr, b)),
            110 => p.set((a, addr)),
            _ => {}
        }
    });
}

pub(crate) struct Exec<'a> {
    base: &'a Templates,
    overlays: Vec<HashMap<Rc<str>, Entry>>,
    funcs: &'a Funcs,
    options: &'a Options,
    vars: Vec<(Rc<str>, Value)>,
    out: OutBuf,
    steps: u64,
    depth: usize,
    tpl_depth: usize,
    rng: u64,
    scope: Scope,
    /// Position of the function call being evaluated (the frame `include`/`tpl` push).
    call_pos: Pos,
    /// The structured error of an `include`/`tpl` that failed inside the function being called.
    pending: Option<Box<Error>>,
    include_counts: HashMap<String, usize>,
    template_counts: HashMap<Rc<str>, usize>,
    /// The texts `include`/`tpl` returned while the current action's pipeline ran, with their
    /// lines' origins (matched to the printed lines only when the action prints; see the docs).
    included: Vec<Included>,
    /// Address of a local of the execution's first frame: with [`STACK_BUDGET`] a guard
    /// against native stack overflow whatever the mix of calls and nested blocks.
    stack_base: usize,
}

/// The native stack an execution may use (below the frame that called [`Templates::execute`]).
/// The counted limits keep real templates far below it; this catches combinations of them
/// (300 calls deep, each in 200 nested blocks). wasm's stack is 1 MB; debug builds' frames
/// are about 8 times bigger, so they get more (test threads have 2 MB).
pub const STACK_BUDGET: usize = if cfg!(debug_assertions) {
    1536 << 10
} else {
    640 << 10
};

/// The address of a local of this frame (the stack grows down on every target we build for).
#[inline(never)]
pub(crate) fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(std::ptr::addr_of!(marker)) as usize
}

impl<'a> Exec<'a> {
    fn new(base: &'a Templates, funcs: &'a Funcs, options: &'a Options) -> Exec<'a> {
        Exec {
            base,
            overlays: Vec::new(),
            funcs,
            options,
            vars: Vec::new(),
            out: OutBuf::default(),
            steps: 0,
            depth: 0,
            tpl_depth: 0,
            rng: options.seed ^ 0x9E37_79B9_7F4A_7C15,
            scope: Scope {
                tree_name: Rc::from(""),
                source: Rc::new(Source::new("", "")),
                chain: Rc::from(Vec::new()),
                anonymous: None,
            },
            call_pos: 0,
            pending: None,
            include_counts: HashMap::default(),
            template_counts: HashMap::default(),
            included: Vec::new(),
            stack_base: stack_address(),
        }
    }

    /// Fails when the native stack used since the start passes [`STACK_BUDGET`].
    fn check_stack(&self, pos: Pos) -> ExecResult<()> {
        let used = self.stack_base.saturating_sub(stack_address());
        if used > STACK_BUDGET {
            return Err(self.limit_error(
                pos,
                "",
                format!(
                    "template nesting too deep: more than {} KB of stack",
                    STACK_BUDGET >> 10
                ),
            ));
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> Option<Rc<Tree>> {
        let entry = self
            .overlays
            .iter()
            .rev()
            .find_map(|overlay| overlay.get(name))
            .or_else(|| self.base.trees.get(name))?;
        self.base.resolve(entry)
    }

    /// Runs a tree with `$` = dot; `call` is the frame of the calling action, if any.
    fn run_tree(&mut self, tree: &Rc<Tree>, dot: Value, call: Option<Frame>) -> ExecResult<()> {
        self.check_stack(tree.root.pos)?;
        let saved = self.enter_tree(tree, &dot, call);
        #[cfg(test)]
        probe_stack(self.depth);
        let result = self.walk_list(&dot, &tree.root);
        let (scope, vars) = *saved;
        self.scope = scope;
        self.vars = vars;
        result.map(|_| ())
    }

    /// Sets up the scope and variables of a tree; the caller's wait on the heap (this is on
    /// every call's path, so its frame stays small).
    #[inline(never)]
    fn enter_tree(&mut self, tree: &Rc<Tree>, dot: &Value, call: Option<Frame>) -> Box<SavedScope> {
        let chain: Rc<[Frame]> = match &call {
            Some(frame) => std::iter::once(frame.clone())
                .chain(self.scope.chain.iter().cloned())
                .collect(),
            None => self.scope.chain.clone(),
        };
        let anonymous = if &*tree.source.name == TPL_NAME && self.tpl_depth > 0 {
            call.clone().or(self.scope.anonymous.clone())
        } else {
            None
        };
        let scope = Scope {
            tree_name: tree.name.clone(),
            source: tree.source.clone(),
            chain,
            anonymous,
        };
        let saved_scope = std::mem::replace(&mut self.scope, scope);
        let saved_vars = std::mem::replace(&mut self.vars, vec![(Rc::from("$"), dot.clone())]);
        Box::new((saved_scope, saved_vars))
    }

    // -- positions and errors --

    fn frame(&self, pos: Pos) -> Frame {
        let (line, col) = self.scope.source.line_col(pos);
        Frame {
            template: self.scope.source.name.clone(),
            line,
            col,
        }
    }

    fn origin(&self, pos: Pos) -> Origin {
        match &self.scope.anonymous {
            Some(frame) => Origin {
                at: frame.clone(),
                chain: self.scope.chain.iter().skip(1).cloned().collect(),
            },
            None => Origin {
                at: self.frame(pos),
                chain: self.scope.chain.clone(),
            },
        }
    }

    /// An execution error at a node, worded as Go does.
    #[cold]
    #[inline(never)]
    fn error_at(&self, pos: Pos, context: &str, message: String, kind: ErrorKind) -> Box<Error> {
        let at = self.frame(pos);
        let go_text = format!(
            "template: {}:{}:{}: executing {} at <{}>: {}",
            at.template,
            at.line,
            at.col - 1,
            quote_go(&self.scope.tree_name, false),
            context,
            message
        );
        Box::new(Error {
            kind,
            message,
            at,
            chain: self.scope.chain.to_vec(),
            go_text,
        })
    }

    #[cold]
    #[inline(never)]
    fn err_arg(&self, arg: &Arg, message: String) -> Box<Error> {
        self.error_at(arg.pos(), &arg_string(arg), message, ErrorKind::Exec)
    }

    #[cold]
    #[inline(never)]
    fn err_cmd(&self, cmd: &Command, message: String) -> Box<Error> {
        self.error_at(cmd.pos, &command_string(cmd), message, ErrorKind::Exec)
    }

    #[cold]
    #[inline(never)]
    fn limit_error(&self, pos: Pos, context: &str, message: String) -> Box<Error> {
        self.error_at(pos, context, message, ErrorKind::Limit)
    }

    fn step(&mut self, pos: Pos, context: &dyn Fn() -> String) -> ExecResult<()> {
        self.steps += 1;
        if self.steps > self.options.limits.max_steps {
            return Err(self.limit_error(
                pos,
                &context(),
                format!(
                    "too much work: more than {} evaluation steps",
                    self.options.limits.max_steps
                ),
            ));
        }
        Ok(())
    }

    fn check_output(&self, pos: Pos, context: &dyn Fn() -> String, extra: usize) -> ExecResult<()> {
        if self.out.text.len() + extra > self.options.limits.max_output {
            return Err(self.limit_error(
                pos,
                &context(),
                format!("output exceeds {} bytes", self.options.limits.max_output),
            ));
        }
        Ok(())
    }

    // -- walking --

    fn walk_list(&mut self, dot: &Value, list: &List) -> ExecResult<Flow> {
        for node in &list.nodes {
            match self.walk(dot, node)? {
                Flow::Normal => {}
                flow => return Ok(flow),
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: &Value, node: &Node) -> ExecResult<Flow> {
        match node {
            Node::Text { pos, end } => self.walk_text(*pos, *end).map(|_| Flow::Normal),
            Node::Action { pos, pipe } => self.walk_action(dot, *pos, pipe).map(|_| Flow::Normal),
            Node::If(branch) => self.walk_if_or_with(dot, branch, false),
            Node::With(branch) => self.walk_if_or_with(dot, branch, true),
            Node::Range(range) => self.walk_range(dot, range),
            Node::Template { pos, name, pipe } => self
                .walk_template(dot, *pos, name, pipe.as_ref())
                .map(|_| Flow::Normal),
            Node::Break { .. } => Ok(Flow::Break),
            Node::Continue { .. } => Ok(Flow::Continue),
            Node::Comment { .. } => Ok(Flow::Normal),
        }
    }

    #[inline(never)]
    fn walk_text(&mut self, pos: Pos, end: Pos) -> ExecResult<()> {
        let source = self.scope.source.clone();
        let text = &source.text[pos as usize..end as usize];
        self.step(pos, &String::new)?;
        self.check_output(pos, &String::new, text.len())?;
        if let Some(frame) = self.scope.anonymous.clone() {
            let chain: Rc<[Frame]> = self.scope.chain.iter().skip(1).cloned().collect();
            self.out.write(text, |_| Origin {
                at: frame.clone(),
                chain: chain.clone(),
            });
        } else {
            let chain = self.scope.chain.clone();
            let (first_line, first_col) = source.line_col(pos);
            self.out.write(text, |at| {
                let col = match at.line_start {
                    Some(start) => at.offset - start + 1,
                    None => first_col as usize + at.offset,
                };
                let (line, col) = (first_line + at.newlines, col as u32);
                Origin {
                    at: Frame {
                        template: source.name.clone(),
                        line,
                        col,
                    },
                    chain: chain.clone(),
                }
            });
        }
        Ok(())
    }

    #[inline(never)]
    fn walk_action(&mut self, dot: &Value, pos: Pos, pipe: &Pipe) -> ExecResult<()> {
        self.step(pos, &|| pipe_string(pipe))?;
        let saved = std::mem::take(&mut self.included);
        let result = self.eval_pipeline(dot, pipe);
        let included = std::mem::replace(&mut self.included, saved);
        let value = result?;
        if pipe.decl.is_empty() {
            self.print_value(pos, pipe, &value, &included)?;
        }
        Ok(())
    }

    #[inline(never)]
    fn walk_template(
        &mut self,
        dot: &Value,
        pos: Pos,
        name: &Rc<str>,
        pipe: Option<&Pipe>,
    ) -> ExecResult<()> {
        self.step(pos, &|| template_string(name, pipe))?;
        let Some(tree) = self.lookup(name) else {
            return Err(self.error_at(
                pos,
                &template_string(name, pipe),
                format!("template {} not defined", quote_go(name, false)),
                ErrorKind::Exec,
            ));
        };
        let new_dot = match pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Value::Nil,
        };
        if self.depth >= self.options.limits.max_call_depth {
            // A template that calls itself would fail in Go too, at 100,000 levels: say it as Go.
            let limit = if self.template_counts.get(name).is_some_and(|n| *n > 0) {
                100_000
            } else {
                self.options.limits.max_call_depth
            };
            return Err(self.limit_error(
                pos,
                &template_string(name, pipe),
                format!("exceeded maximum template depth ({limit})"),
            ));
        }
        self.depth += 1;
        *self.template_counts.entry(name.clone()).or_insert(0) += 1;
        let frame = self.frame(pos);
        let result = self.run_tree(&tree, new_dot, Some(frame));
        if let Some(n) = self.template_counts.get_mut(name) {
            *n -= 1;
        }
        self.depth -= 1;
        result
    }

    #[inline(never)]
    fn walk_if_or_with(&mut self, dot: &Value, branch: &Branch, is_with: bool) -> ExecResult<Flow> {
        self.step(branch.pos, &|| pipe_string(&branch.pipe))?;
        self.check_stack(branch.pos)?;
        let mark = self.vars.len();
        let result = (|| {
            let value = self.eval_pipeline(dot, &branch.pipe)?;
            if value.truth() {
                if is_with {
                    self.walk_list(&value, &branch.list)
                } else {
                    self.walk_list(dot, &branch.list)
                }
            } else if let Some(else_list) = &branch.else_list {
                self.walk_list(dot, else_list)
            } else {
                Ok(Flow::Normal)
            }
        })();
        self.vars.truncate(mark);
        result
    }

    #[inline(never)]
    fn walk_range(&mut self, dot: &Value, range: &Range) -> ExecResult<Flow> {
        self.step(range.pos, &|| pipe_string(&range.pipe))?;
        self.check_stack(range.pos)?;
        let mark = self.vars.len();
        let result = self.walk_range_inner(dot, range);
        self.vars.truncate(mark);
        result.map(|_| Flow::Normal)
    }

    fn walk_range_inner(&mut self, dot: &Value, range: &Range) -> ExecResult<()> {
        let value = self.eval_pipeline(dot, &range.pipe)?;
        let items: Vec<(Value, Value)> = match &value {
            Value::List(list) => list
                .items()
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::int(i as i64), v.clone()))
                .collect(),
            Value::Bytes(bytes) => bytes
                .iter()
                .enumerate()
                .map(|(i, b)| (Value::int(i as i64), Value::int(*b as i64)))
                .collect(),
            Value::Map(map) => map
                .entries()
                .into_iter()
                .map(|(k, v)| (Value::from(k), v))
                .collect(),
            Value::Nil => Vec::new(),
            Value::Object(obj) if obj.map_entries().is_some() => obj
                .map_entries()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (Value::from(k), v))
                .collect(),
            other => {
                let (pos, context) = last_operand(&range.pipe);
                return Err(self.error_at(
                    pos,
                    &context,
                    format!(
                        "range can't iterate over {}",
                        crate::fmt::format_value(other)
                    ),
                    ErrorKind::Exec,
                ));
            }
        };
        if items.is_empty() {
            if let Some(else_list) = &range.else_list {
                self.walk_list(dot, else_list)?;
            }
            return Ok(());
        }
        for (index, elem) in items {
            self.step(range.pos, &|| pipe_string(&range.pipe))?;
            match (range.pipe.decl.len(), range.pipe.is_assign) {
                (0, _) => {}
                (1, false) => self.set_top_var(1, elem.clone()),
                (_, false) => {
                    self.set_top_var(1, elem.clone());
                    self.set_top_var(2, index);
                }
                (1, true) => self.set_var(&range.pipe.decl[0].name, elem.clone(), range.pos, "")?,
                (_, true) => {
                    self.set_var(&range.pipe.decl[0].name, index, range.pos, "")?;
                    self.set_var(&range.pipe.decl[1].name, elem.clone(), range.pos, "")?;
                }
            }
            let mark = self.vars.len();
            let flow = self.walk_list(&elem, &range.list);
            self.vars.truncate(mark);
            match flow? {
                Flow::Break => break,
                Flow::Continue | Flow::Normal => {}
            }
        }
        Ok(())
    }

    fn set_top_var(&mut self, n: usize, value: Value) {
        let len = self.vars.len();
        self.vars[len - n].1 = value;
    }

    fn set_var(&mut self, name: &str, value: Value, pos: Pos, context: &str) -> ExecResult<()> {
        for var in self.vars.iter_mut().rev() {
            if &*var.0 == name {
                var.1 = value;
                return Ok(());
            }
        }
        Err(self.error_at(
            pos,
            context,
            format!("undefined variable: {name}"),
            ErrorKind::Exec,
        ))
    }

    fn var_value(&self, name: &str) -> Option<Value> {
        self.vars
            .iter()
            .rev()
            .find(|v| &*v.0 == name)
            .map(|v| v.1.clone())
    }

    // -- printing --

    #[inline(never)]
    fn print_value(
        &mut self,
        pos: Pos,
        pipe: &Pipe,
        value: &Value,
        included: &[Included],
    ) -> ExecResult<()> {
        let text: std::borrow::Cow<str> = match value {
            Value::Nil => "<no value>".into(),
            Value::String(s) => (&**s).into(),
            other => crate::fmt::format_value(other).into(),
        };
        self.check_output(pos, &|| pipe_string(pipe), text.len())?;
        let origin = self.origin(pos);
        // Lines that came from an `include` keep their origins (matched in order). One printed
        // line takes an included line's origin only when there is just one to take.
        let single_line = !text.contains('\n');
        let included: Vec<(&str, &Origin)> = included
            .iter()
            .flat_map(|i| lines_inclusive(&i.text).zip(&i.origins))
            .filter_map(|(line, origin)| {
                let trimmed = line.trim_ascii();
                (!trimmed.is_empty()).then_some((trimmed, origin))
            })
            .take(if single_line { 2 } else { usize::MAX })
            .collect();
        if included.is_empty() || single_line && included.len() > 1 {
            self.out.write(&text, |_| origin.clone());
            return Ok(());
        }
        let mut cursor = 0;
        for segment in lines_inclusive(&text) {
            let trimmed = segment.trim_ascii();
            let mut line_origin = None;
            if !trimmed.is_empty() {
                let window = included.len().min(cursor + 64);
                if let Some(k) = (cursor..window).find(|k| included[*k].0 == trimmed) {
                    line_origin = Some(included[k].1.clone());
                    cursor = k + 1;
                }
            }
            let o = line_origin.unwrap_or_else(|| origin.clone());
            self.out.write(segment, |_| o.clone());
        }
        Ok(())
    }

    // -- pipelines and commands --

    fn eval_pipeline(&mut self, dot: &Value, pipe: &Pipe) -> ExecResult<Value> {
        let mut value: Option<Value> = None;
        for cmd in &pipe.cmds {
            value = Some(self.eval_command(dot, cmd, value)?);
        }
        let value = value.unwrap_or(Value::Nil);
        if !pipe.decl.is_empty() {
            self.declare(pipe, &value)?;
        }
        Ok(value)
    }

    /// `$x := value` pushes a variable, `$x = value` sets the nearest one.
    #[inline(never)]
    fn declare(&mut self, pipe: &Pipe, value: &Value) -> ExecResult<()> {
        for var in &pipe.decl {
            if pipe.is_assign {
                let context = pipe
                    .cmds
                    .last()
                    .and_then(|c| c.args.last())
                    .map(arg_string)
                    .unwrap_or_default();
                let pos = pipe
                    .cmds
                    .last()
                    .and_then(|c| c.args.last())
                    .map(Arg::pos)
                    .unwrap_or(pipe.pos);
                self.set_var(&var.name, value.clone(), pos, &context)?;
            } else {
                self.vars.push((var.name.clone(), value.clone()));
            }
        }
        Ok(())
    }

    fn eval_command(
        &mut self,
        dot: &Value,
        cmd: &Command,
        final_value: Option<Value>,
    ) -> ExecResult<Value> {
        self.step(cmd.pos, &|| command_string(cmd))?;
        let first = &cmd.args[0];
        match first {
            Arg::Field { names, .. } => {
                return self.eval_field_chain(
                    dot,
                    dot.clone(),
                    Nil::Invalid,
                    first,
                    names,
                    cmd,
                    final_value,
                )
            }
            Arg::Chain { pipe, names, .. } => {
                let base = self.eval_pipeline(dot, pipe)?;
                return self.eval_field_chain(
                    dot,
                    base,
                    Nil::Invalid,
                    first,
                    names,
                    cmd,
                    final_value,
                );
            }
            Arg::Identifier { name, .. } => return self.eval_function(dot, name, cmd, final_value),
            Arg::Pipe { pipe, .. } => {
                self.not_a_function(cmd, final_value.is_some())?;
                return self.eval_pipeline(dot, pipe);
            }
            Arg::Variable { name, names, .. } => {
                let value = self
                    .var_value(name)
                    .ok_or_else(|| self.err_arg(first, format!("undefined variable: {name}")))?;
                if names.is_empty() {
                    self.not_a_function(cmd, final_value.is_some())?;
                    return Ok(value);
                }
                return self.eval_field_chain(
                    dot,
                    value,
                    Nil::Invalid,
                    first,
                    names,
                    cmd,
                    final_value,
                );
            }
            _ => {}
        }
        self.not_a_function(cmd, final_value.is_some())?;
        match first {
            Arg::Nil { .. } => Err(self.err_arg(first, "nil is not a command".into())),
            Arg::Dot { .. } => Ok(dot.clone()),
            _ => self.eval_constant(first),
        }
    }

    fn not_a_function(&self, cmd: &Command, has_final: bool) -> ExecResult<()> {
        if cmd.args.len() > 1 || has_final {
            let first = &cmd.args[0];
            return Err(self.err_arg(
                first,
                format!("can't give argument to non-function {}", arg_string(first)),
            ));
        }
        Ok(())
    }

    fn eval_constant(&self, arg: &Arg) -> ExecResult<Value> {
        Ok(match arg {
            Arg::Bool { value, .. } => Value::Bool(*value),
            Arg::String { value, .. } => Value::String(value.clone()),
            Arg::Number {
                value: Number::Int(i),
                ..
            } => Value::int(*i),
            Arg::Number {
                value: Number::Float(f),
                ..
            } => Value::Float(*f),
            Arg::Number {
                value: Number::Uint(_),
                text,
                ..
            } => return Err(self.err_arg(arg, format!("{text} overflows int"))),
            Arg::Nil { .. } => Value::Nil,
            _ => Value::Nil,
        })
    }

    /// An argument's value (an operand that is not the command's first word).
    fn eval_arg(&mut self, dot: &Value, arg: &Arg) -> ExecResult<Value> {
        match arg {
            Arg::Dot { .. } => Ok(dot.clone()),
            Arg::Nil { .. } => Ok(Value::Nil),
            Arg::Field { names, .. } => {
                self.eval_field_chain_arg(dot, dot.clone(), Nil::Invalid, arg, names)
            }
            Arg::Variable { name, names, .. } => {
                let value = self
                    .var_value(name)
                    .ok_or_else(|| self.err_arg(arg, format!("undefined variable: {name}")))?;
                if names.is_empty() {
                    return Ok(value);
                }
                self.eval_field_chain_arg(dot, value, Nil::Invalid, arg, names)
            }
            Arg::Pipe { pipe, .. } => self.eval_pipeline(dot, pipe),
            Arg::Identifier { name, pos } => {
                let cmd = Command {
                    pos: *pos,
                    args: vec![Arg::Identifier {
                        pos: *pos,
                        name: name.clone(),
                    }],
                };
                self.eval_function(dot, name, &cmd, None)
            }
            Arg::Chain { pipe, names, .. } => {
                let base = self.eval_pipeline(dot, pipe)?;
                self.eval_field_chain_arg(dot, base, Nil::Invalid, arg, names)
            }
            _ => self.eval_constant(arg),
        }
    }

    fn eval_field_chain_arg(
        &mut self,
        dot: &Value,
        receiver: Value,
        nil: Nil,
        node: &Arg,
        names: &[Rc<str>],
    ) -> ExecResult<Value> {
        let cmd = Command {
            pos: node.pos(),
            args: Vec::new(),
        };
        self.eval_field_chain(dot, receiver, nil, node, names, &cmd, None)
    }

    /// `.A.B.C` on `receiver`; the last field gets the command's arguments (a method call).
    #[allow(clippy::too_many_arguments)]
    fn eval_field_chain(
        &mut self,
        dot: &Value,
        receiver: Value,
        nil: Nil,
        node: &Arg,
        names: &[Rc<str>],
        cmd: &Command,
        final_value: Option<Value>,
    ) -> ExecResult<Value> {
        let mut receiver = receiver;
        // A nil that is the data itself or a variable is Go's invalid value; one read from a
        // map or list is a nil interface.
        let mut nil_kind = if receiver.is_nil() { nil } else { Nil::No };
        // Whether the receiver's static type is `interface {}` (it came out of a map).
        let mut from_map = matches!(node, Arg::Field { .. });
        let last = names.len().saturating_sub(1);
        for (i, name) in names.iter().enumerate() {
            let is_last = i == last;
            let args: Vec<Value> = if is_last && cmd.args.len() > 1 {
                let mut v = Vec::new();
                for a in &cmd.args[1..] {
                    v.push(self.eval_arg(dot, a)?);
                }
                v
            } else {
                Vec::new()
            };
            let has_args = is_last && (cmd.args.len() > 1 || final_value.is_some());
            let mut args = args;
            if is_last {
                if let Some(f) = &final_value {
                    args.push(f.clone());
                }
            }
            let (value, next_nil) =
                self.eval_field(receiver, nil_kind, from_map, name, node, has_args, &args)?;
            receiver = value;
            nil_kind = next_nil;
            from_map = true;
        }
        Ok(receiver)
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn eval_field(
        &mut self,
        receiver: Value,
        nil: Nil,
        from_map: bool,
        name: &str,
        node: &Arg,
        has_args: bool,
        args: &[Value],
    ) -> ExecResult<(Value, Nil)> {
        match &receiver {
            Value::Nil => match nil {
                Nil::Interface => Err(self.err_arg(
                    node,
                    format!("nil pointer evaluating interface {{}}.{name}"),
                )),
                _ => {
                    if self.options.missing_key == MissingKey::Error {
                        return Err(self.err_arg(
                            node,
                            format!("nil data; no entry for key {}", quote_go(name, false)),
                        ));
                    }
                    Ok((Value::Nil, Nil::Invalid))
                }
            },
            Value::Map(map) => {
                if has_args {
                    return Err(
                        self.err_arg(node, format!("{name} is not a method but has arguments"))
                    );
                }
                match map.get(name) {
                    Some(v) => {
                        let kind = if v.is_nil() { Nil::Interface } else { Nil::No };
                        Ok((v, kind))
                    }
                    None => match self.options.missing_key {
                        MissingKey::Default => Ok((Value::Nil, Nil::Invalid)),
                        MissingKey::Zero => Ok((Value::Nil, Nil::Interface)),
                        MissingKey::Error => Err(self.err_arg(
                            node,
                            format!("map has no entry for key {}", quote_go(name, false)),
                        )),
                    },
                }
            }
            Value::Object(obj) => {
                let is_method = obj.is_method(name);
                if has_args && !is_method {
                    return Err(
                        self.err_arg(node, format!("{name} is not a method but has arguments"))
                    );
                }
                match obj.member(name, args) {
                    Ok(Some(v)) => {
                        self.check_string_size(&v, node.pos(), || arg_string(node))?;
                        let kind = if v.is_nil() { Nil::Interface } else { Nil::No };
                        Ok((v, kind))
                    }
                    Ok(None) => {
                        let type_name = if from_map {
                            "interface {}".to_string()
                        } else {
                            obj.type_name().to_string()
                        };
                        Err(self.err_arg(
                            node,
                            format!("can't evaluate field {name} in type {type_name}"),
                        ))
                    }
                    Err(message) => {
                        if let Some(inner) = self.pending.take() {
                            return Err(self.wrap_inner(
                                inner,
                                node.pos(),
                                &arg_string(node),
                                &format!("error calling {name}: {message}"),
                            ));
                        }
                        Err(self.err_arg(node, pass_through_or_prefix(name, message)))
                    }
                }
            }
            other => {
                let type_name = if from_map {
                    "interface {}".to_string()
                } else {
                    go_static_type(other)
                };
                Err(self.err_arg(
                    node,
                    format!("can't evaluate field {name} in type {type_name}"),
                ))
            }
        }
    }

    fn eval_function(
        &mut self,
        dot: &Value,
        name: &str,
        cmd: &Command,
        final_value: Option<Value>,
    ) -> ExecResult<Value> {
        let user = self.funcs.get(name).cloned();
        if user.is_none() {
            match name {
                "and" | "or" => return self.eval_and_or(dot, name == "and", cmd, final_value),
                _ => {}
            }
            if !crate::builtins::is_builtin(name) {
                return Err(self.err_arg(
                    &cmd.args[0],
                    format!("{} is not a defined function", quote_go(name, false)),
                ));
            }
        }
        let mut args = Vec::with_capacity(cmd.args.len());
        for a in &cmd.args[1..] {
            args.push(self.eval_arg(dot, a)?);
        }
        if let Some(f) = final_value {
            args.push(f);
        }
        if user.is_none() && name == "call" {
            return Err(self.call_error(cmd, &args));
        }
        let saved_pos = std::mem::replace(&mut self.call_pos, cmd.pos);
        self.pending = None;
        let result = match &user {
            Some(func) => {
                let mut call = Call { exec: self };
                func(&mut call, &args)
            }
            None => call_builtin_cold(name, &args),
        };
        self.call_pos = saved_pos;
        self.finish_call(name, cmd, result, &args)
    }

    /// Go's `call`: no value here is a function, so it always fails, naming its operand.
    #[cold]
    #[inline(never)]
    fn call_error(&self, cmd: &Command, args: &[Value]) -> Box<Error> {
        let Some(first) = args.first() else {
            return self.err_cmd(
                cmd,
                "wrong number of args for call: want at least 1 got 0".into(),
            );
        };
        let callee = cmd
            .args
            .get(1)
            .map(arg_string)
            .unwrap_or_else(|| crate::fmt::format_value(first));
        let message = if first.is_nil() {
            "call of nil".to_string()
        } else {
            format!("non-function {callee} of type {}", first.type_name())
        };
        self.err_cmd(cmd, format!("error calling call: {message}"))
    }

    /// Go's wording for an argument of the wrong type ([`bad_arg`]): about the literal when
    /// the argument is one (`expected string; found 1`), else about the value.
    #[cold]
    #[inline(never)]
    fn bad_arg_error(&self, cmd: &Command, encoded: &str, args: &[Value]) -> Box<Error> {
        let (index, expected) = encoded.split_once(':').unwrap_or(("0", encoded));
        let index: usize = index.parse().unwrap_or(0);
        let value = args.get(index).cloned().unwrap_or(Value::Nil);
        match cmd.args.get(index + 1) {
            Some(node @ (Arg::Number { .. } | Arg::String { .. } | Arg::Bool { .. })) => {
                let word = match expected {
                    "bool" => "bool",
                    "string" => "string",
                    "int" | "int64" | "int32" | "int8" | "int16" | "uint" | "uint64" | "uint32"
                    | "uint8" | "uint16" => "integer",
                    "float64" | "float32" => "float",
                    _ => {
                        return self.err_arg(
                            node,
                            format!(
                                "can't handle {} for arg of type {expected}",
                                arg_string(node)
                            ),
                        )
                    }
                };
                self.err_arg(node, format!("expected {word}; found {}", arg_string(node)))
            }
            Some(node @ Arg::Nil { .. }) => {
                self.err_arg(node, format!("cannot assign nil to {expected}"))
            }
            Some(node) => {
                // A nil read straight from a map is a typed `interface {}` to Go; one that went
                // through a pipeline or a variable is its invalid value.
                let from_field = matches!(node, Arg::Field { .. } | Arg::Chain { .. })
                    || matches!(node, Arg::Variable { names, .. } if !names.is_empty());
                let message = match (
                    value.is_nil(),
                    from_field && self.options.missing_key != MissingKey::Default,
                ) {
                    (true, true) => {
                        format!("wrong type for value; expected {expected}; got interface {{}}")
                    }
                    (true, false) => format!("invalid value; expected {expected}"),
                    _ => format!(
                        "wrong type for value; expected {expected}; got {}",
                        value.type_name()
                    ),
                };
                // Go reports at the last node it evaluated (inside a parenthesised pipeline).
                self.err_arg(last_evaluated(node), message)
            }
            // The piped value: Go reports it at the function's name.
            None => {
                let message = if value.is_nil() {
                    format!("invalid value; expected {expected}")
                } else {
                    format!(
                        "wrong type for value; expected {expected}; got {}",
                        value.type_name()
                    )
                };
                self.err_arg(&cmd.args[0], message)
            }
        }
    }

    /// A function's result: its string size checked, its error worded as Go does.
    #[inline(never)]
    fn finish_call(
        &mut self,
        name: &str,
        cmd: &Command,
        result: Result<Value, String>,
        args: &[Value],
    ) -> ExecResult<Value> {
        match result {
            Ok(value) => {
                self.pending = None;
                self.check_string_size(&value, cmd.pos, || command_string(cmd))?;
                Ok(value)
            }
            Err(message) => {
                if let Some(inner) = self.pending.take() {
                    return Err(self.wrap_inner(
                        inner,
                        cmd.pos,
                        &command_string(cmd),
                        &format!("error calling {name}: {message}"),
                    ));
                }
                if let Some(limit) = message.strip_prefix(LIMIT_MARK) {
                    return Err(self.limit_error(cmd.pos, &command_string(cmd), limit.to_string()));
                }
                if let Some(bad) = message.strip_prefix(BAD_ARG_MARK) {
                    return Err(self.bad_arg_error(cmd, bad, args));
                }
                Err(self.err_cmd(cmd, pass_through_or_prefix(name, message)))
            }
        }
    }

    /// An error of an `include`/`tpl` inside a function: its place stays the inner one, the
    /// text is Go's nested text.
    #[cold]
    #[inline(never)]
    fn wrap_inner(&self, inner: Box<Error>, pos: Pos, context: &str, message: &str) -> Box<Error> {
        let outer = self.error_at(pos, context, message.to_string(), inner.kind.clone());
        let mut inner = inner;
        inner.go_text = outer.go_text;
        inner
    }

    /// `context` (the node's text, for the message) is made only when the limit is hit.
    fn check_string_size(
        &self,
        value: &Value,
        pos: Pos,
        context: impl FnOnce() -> String,
    ) -> ExecResult<()> {
        let len = match value {
            Value::String(s) => s.len(),
            Value::Bytes(b) => b.len(),
            _ => 0,
        };
        if len > self.options.limits.max_string {
            return Err(self.limit_error(
                pos,
                &context(),
                format!(
                    "string of {len} bytes exceeds the limit of {} bytes",
                    self.options.limits.max_string
                ),
            ));
        }
        Ok(())
    }

    /// `and`/`or`: arguments evaluated in order until one decides; that one is the result.
    #[inline(never)]
    fn eval_and_or(
        &mut self,
        dot: &Value,
        is_and: bool,
        cmd: &Command,
        final_value: Option<Value>,
    ) -> ExecResult<Value> {
        let name = if is_and { "and" } else { "or" };
        let count = cmd.args.len() - 1 + usize::from(final_value.is_some());
        if count == 0 {
            return Err(self.err_cmd(
                cmd,
                format!("wrong number of args for {name}: want at least 1 got 0"),
            ));
        }
        let mut last = Value::Nil;
        for a in &cmd.args[1..] {
            last = self.eval_arg(dot, a)?;
            if last.truth() != is_and {
                return Ok(last);
            }
        }
        if let Some(f) = final_value {
            last = f;
        }
        Ok(last)
    }

    // -- include and tpl --

    fn include(&mut self, name: &str, data: &Value) -> Result<Value, String> {
        let tree = self.include_start(name)?;
        let result = self.run_captured(&tree, data.clone());
        self.include_finish(name, result)
    }

    /// Finds the template and checks the nesting (Helm's recursion error for a name that
    /// includes itself, the depth limit for any other chain).
    #[inline(never)]
    fn include_start(&mut self, name: &str) -> Result<Rc<Tree>, String> {
        let Some(tree) = self.lookup(name) else {
            return Err(format!(
                "template: no template {} associated with template {}",
                quote_go(name, false),
                quote_go(TPL_NAME, false)
            ));
        };
        let max = self.options.limits.max_call_depth;
        let count = self.include_counts.entry(name.to_string()).or_insert(0);
        if *count >= 1000.min(max) || (self.depth >= max && *count > 0) {
            return Err(format!("rendering template has a nested reference name: {name}: unable to execute template"));
        }
        if self.depth >= max {
            return Err(format!(
                "{LIMIT_MARK}exceeded maximum template depth ({max})"
            ));
        }
        *count += 1;
        Ok(tree)
    }

    #[inline(never)]
    fn include_finish(
        &mut self,
        name: &str,
        result: (ExecResult<String>, Vec<Origin>),
    ) -> Result<Value, String> {
        if let Some(count) = self.include_counts.get_mut(name) {
            *count -= 1;
        }
        match result {
            (Ok(text), origins) => Ok(self.remember_included(text, origins)),
            (Err(e), _) => {
                let go_text = e.go_text.clone();
                self.pending = Some(e);
                Err(go_text)
            }
        }
    }

    /// Remembers an included text with its lines' origins for the calling action's source
    /// map (up to 100,000 lines an action), and returns it as a value.
    fn remember_included(&mut self, text: String, origins: Vec<Origin>) -> Value {
        let text = Str::from(text);
        let lines_so_far = self.included.last().map_or(0, |i| i.lines_so_far) + origins.len();
        if lines_so_far <= 100_000 {
            self.included.push(Included {
                text: text.clone(),
                origins,
                lines_so_far,
            });
        }
        Value::String(text)
    }

    /// Runs a tree into a fresh buffer (for `include`/`tpl`), returning its text and line origins.
    fn run_captured(&mut self, tree: &Rc<Tree>, data: Value) -> (ExecResult<String>, Vec<Origin>) {
        // The caller's buffer waits on the heap: this frame is on every include's path.
        let saved = Box::new((
            std::mem::take(&mut self.out),
            std::mem::take(&mut self.included),
        ));
        let frame = self.frame(self.call_pos);
        self.depth += 1;
        let result = self.run_tree(tree, data, Some(frame));
        self.depth -= 1;
        self.captured_result(saved, result)
    }

    #[inline(never)]
    #[allow(clippy::boxed_local)] // boxed by the caller on purpose: its frame is on every include's path
    fn captured_result(
        &mut self,
        saved: Box<SavedOutput>,
        result: ExecResult<()>,
    ) -> (ExecResult<String>, Vec<Origin>) {
        let (saved_out, saved_included) = *saved;
        let inner = std::mem::replace(&mut self.out, saved_out);
        self.included = saved_included;
        match result {
            Ok(()) => {
                let Output { text, lines } = inner.finish();
                if self.out.text.len() + text.len() > self.options.limits.max_output {
                    let pos = self.call_pos;
                    return (
                        Err(self.limit_error(
                            pos,
                            "include",
                            format!("output exceeds {} bytes", self.options.limits.max_output),
                        )),
                        Vec::new(),
                    );
                }
                (Ok(text), lines)
            }
            Err(e) => (Err(e), Vec::new()),
        }
    }

    fn tpl(&mut self, text: &str, data: &Value) -> Result<Value, String> {
        if self.tpl_depth >= self.options.limits.max_tpl_depth {
            return Err(format!(
                "{LIMIT_MARK}exceeded maximum tpl depth ({})",
                self.options.limits.max_tpl_depth
            ));
        }
        if self.depth >= self.options.limits.max_call_depth {
            return Err(format!(
                "{LIMIT_MARK}exceeded maximum template depth ({})",
                self.options.limits.max_call_depth
            ));
        }
        self.step(self.call_pos, &|| String::new())
            .map_err(|e| format!("{LIMIT_MARK}{}", e.message))?;
        let known = self.base.known_funcs.as_ref();
        let funcs = self.funcs;
        let check = |n: &str| known.is_none_or(|k| k.contains(n)) || funcs.contains(n);
        let parsed = match crate::parse::parse_below(
            TPL_NAME,
            text,
            &self.options.limits,
            if known.is_some() { Some(&check) } else { None },
            self.stack_base,
        ) {
            Ok(p) => p,
            Err(mut e) => {
                let go_text = e.go_text.clone();
                e.chain = std::iter::once(self.frame(self.call_pos))
                    .chain(self.scope.chain.iter().cloned())
                    .collect();
                self.pending = Some(Box::new(e));
                return Err(go_text);
            }
        };
        let mut overlay = HashMap::default();
        let mut main = None;
        for tree in parsed.trees {
            if &*tree.name == TPL_NAME && main.is_none() {
                main = Some(Rc::new(tree));
            } else {
                add_tree(&mut overlay, Entry::Parsed(Rc::new(tree)));
            }
        }
        let main = main.expect("the parser returns the top level first");
        self.overlays.push(overlay);
        self.tpl_depth += 1;
        let (result, origins) = self.run_captured(&main, data.clone());
        self.tpl_depth -= 1;
        self.overlays.pop();
        match result {
            Ok(text) => Ok(self.remember_included(text, origins)),
            Err(e) => {
                let go_text = e.go_text.clone();
                self.pending = Some(e);
                Err(go_text)
            }
        }
    }

    pub(crate) fn charge(&mut self, steps: u64) -> Result<(), String> {
        self.steps = self.steps.saturating_add(steps);
        if self.steps > self.options.limits.max_steps {
            return Err(format!(
                "{LIMIT_MARK}too much work: more than {} evaluation steps",
                self.options.limits.max_steps
            ));
        }
        Ok(())
    }
}

#[inline(never)]
fn call_builtin_cold(name: &str, args: &[Value]) -> Result<Value, String> {
    crate::builtins::call_builtin(name, args)
}

/// The error a [`Func`] returns when it refuses work over a limit (a string over
/// [`Limits::max_string`], …): the executor reports an [`ErrorKind::Limit`] error with this
/// message at the call, without "error calling". ([`Call::charge`]'s error is one already.)
pub fn limit_exceeded(message: &str) -> String {
    format!("{LIMIT_MARK}{message}")
}

/// Marks a function's error as an argument of the wrong type (see [`bad_arg`]).
const BAD_ARG_MARK: &str = "\u{0}badarg:";

/// The error a [`Func`] returns when its argument `index` (0-based, the piped value last) is not
/// of the Go type `expected` (`"string"`, `"int"`, `"float64"`, `"bool"`, `"[]interface {}"`,
/// …): the executor words it as Go does, which depends on the argument's node — `expected
/// string; found 1` for a literal, `cannot assign nil to string` for `nil`, `wrong type for
/// value; expected string; got int` or `invalid value; expected string` for a computed value —
/// at that argument, without "error calling".
pub fn bad_arg(index: usize, expected: &str) -> String {
    format!("{BAD_ARG_MARK}{index}:{expected}")
}

/// Marks a function's error as a limit hit (see [`Call::charge`]); the executor reports it as an
/// [`ErrorKind::Limit`] error without Go's "error calling" prefix.
pub const LIMIT_MARK: &str = "\u{0}limit:";

/// Go reports argument checks without "error calling NAME".
fn pass_through_or_prefix(name: &str, message: String) -> String {
    if message.starts_with("wrong number of args for ")
        || message.starts_with("wrong type for value; ")
        || message.starts_with("invalid value; expected ")
    {
        message
    } else {
        format!("error calling {name}: {message}")
    }
}

/// The Go type a non-map value shows in "can't evaluate field X in type T" when it did not come
/// out of a map (a variable or a function's result).
fn go_static_type(value: &Value) -> String {
    value.type_name()
}

/// The node Go evaluated last while computing `arg` (its errors are placed there).
fn last_evaluated(arg: &Arg) -> &Arg {
    match arg {
        Arg::Pipe { pipe, .. } => match pipe.cmds.last() {
            Some(cmd) => match &cmd.args[0] {
                Arg::Identifier { .. } if cmd.args.len() > 1 => {
                    last_evaluated(&cmd.args[cmd.args.len() - 1])
                }
                first @ Arg::Pipe { .. } => last_evaluated(first),
                first => first,
            },
            None => arg,
        },
        _ => arg,
    }
}

fn last_operand(pipe: &Pipe) -> (Pos, String) {
    match pipe.cmds.last() {
        Some(cmd) if matches!(cmd.args[0], Arg::Identifier { .. }) => {
            (cmd.pos, command_string(cmd))
        }
        Some(cmd) => {
            let arg = &cmd.args[0];
            (arg.pos(), arg_string(arg))
        }
        None => (pipe.pos, String::new()),
    }
}

// ---------------------------------------------------------------------------------------------
// Go's String() of nodes (the `<…>` of error messages)

pub(crate) fn arg_string(arg: &Arg) -> String {
    match arg {
        Arg::Dot { .. } => ".".into(),
        Arg::Nil { .. } => "nil".into(),
        Arg::Bool { value, .. } => value.to_string(),
        Arg::Number { text, .. } => text.to_string(),
        Arg::String { quoted, .. } => quoted.to_string(),
        Arg::Field { names, .. } => names.iter().map(|n| format!(".{n}")).collect(),
        Arg::Variable { name, names, .. } => {
            let mut s = name.to_string();
            for n in names {
                s.push('.');
                s.push_str(n);
            }
            s
        }
        Arg::Identifier { name, .. } => name.to_string(),
        Arg::Chain { pipe, names, .. } => {
            let mut s = format!("({})", pipe_string(pipe));
            for n in names {
                s.push('.');
                s.push_str(n);
            }
            s
        }
        Arg::Pipe { pipe, .. } => format!("({})", pipe_string(pipe)),
    }
}

pub(crate) fn command_string(cmd: &Command) -> String {
    cmd.args
        .iter()
        .map(arg_string)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn pipe_string(pipe: &Pipe) -> String {
    let mut s = String::new();
    if !pipe.decl.is_empty() {
        s.push_str(
            &pipe
                .decl
                .iter()
                .map(|v| v.name.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        );
        s.push_str(" := ");
    }
    s.push_str(
        &pipe
            .cmds
            .iter()
            .map(command_string)
            .collect::<Vec<_>>()
            .join(" | "),
    );
    s
}

fn template_string(name: &str, pipe: Option<&Pipe>) -> String {
    match pipe {
        Some(p) => format!(
            "{{{{template {} {}}}}}",
            quote_go(name, false),
            pipe_string(p)
        ),
        None => format!("{{{{template {}}}}}", quote_go(name, false)),
    }
}

// ---------------------------------------------------------------------------------------------
// The context functions get

/// What [`Call`] needs of the running execution (a trait object, so that `Call` has one
/// lifetime whatever the executor's are).
trait Host {
    fn include(&mut self, name: &str, data: &Value) -> Result<Value, String>;
    fn tpl(&mut self, text: &str, data: &Value) -> Result<Value, String>;
    fn template_name(&self) -> &str;
    fn limits(&self) -> &Limits;
    fn charge(&mut self, steps: u64) -> Result<(), String>;
    fn now_unix_nanos(&self) -> i64;
    fn rng_state(&mut self) -> &mut u64;
    fn quick_crypto(&self) -> bool;
}

impl Host for Exec<'_> {
    fn include(&mut self, name: &str, data: &Value) -> Result<Value, String> {
        Exec::include(self, name, data)
    }
    fn tpl(&mut self, text: &str, data: &Value) -> Result<Value, String> {
        Exec::tpl(self, text, data)
    }
    fn template_name(&self) -> &str {
        &self.scope.tree_name
    }
    fn limits(&self) -> &Limits {
        &self.options.limits
    }
    fn charge(&mut self, steps: u64) -> Result<(), String> {
        Exec::charge(self, steps)
    }
    fn now_unix_nanos(&self) -> i64 {
        self.options.now_unix_nanos
    }
    fn rng_state(&mut self) -> &mut u64 {
        &mut self.rng
    }
    fn quick_crypto(&self) -> bool {
        self.options.quick_crypto
    }
}

/// The context a [`Func`] gets: the running execution.
pub struct Call<'a> {
    exec: &'a mut (dyn Host + 'a),
}

impl Call<'_> {
    /// Executes the named template over `data` and returns its text (Helm's `include`). Fails
    /// with Go's `template: no template "x" associated with template "gotpl"` for an unknown
    /// name, and with Helm's `rendering template has a nested reference name: x: unable to
    /// execute template` when `x` is nested more than 1000 deep. An error inside the template
    /// comes back as Go's text; the executor keeps its place and chain for the error it
    /// reports (return the message unchanged or decorated, as Helm does).
    pub fn include(&mut self, name: &str, data: &Value) -> Result<Value, String> {
        self.exec.include(name, data)
    }

    /// Parses `text` as a template (named `gotpl` as Helm names it, with the set's `define`s
    /// available and its own `define`s visible to it) and executes it over `data` (Helm's
    /// `tpl`). The text is returned as it is: Helm's `tpl` then deletes `<no value>` from it.
    pub fn tpl(&mut self, text: &str, data: &Value) -> Result<Value, String> {
        self.exec.tpl(text, data)
    }

    /// The name of the template being executed (Helm's `.Template.Name` is the host's).
    pub fn template_name(&self) -> &str {
        self.exec.template_name()
    }

    pub fn limits(&self) -> &Limits {
        self.exec.limits()
    }

    /// Spends `steps` of the execution's work budget (a function doing work proportional to its
    /// input charges for it); an `Err` when the budget is spent: return it as the function's
    /// error and the executor reports a limit error at the call.
    pub fn charge(&mut self, steps: u64) -> Result<(), String> {
        self.exec.charge(steps)
    }

    /// Whether keys and hashes may be made fast ([`Options::quick_crypto`]).
    pub fn quick_crypto(&self) -> bool {
        self.exec.quick_crypto()
    }

    /// The execution's "now" ([`Options::now_unix_nanos`]).
    pub fn now_unix_nanos(&self) -> i64 {
        self.exec.now_unix_nanos()
    }

    /// The next number of the execution's seeded random source (SplitMix64, from its published
    /// description: the same seed gives the same sequence).
    pub fn random_u64(&mut self) -> u64 {
        let state = self.exec.rng_state();
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain of `depth` defines, each including the next, as Helm charts nest them.
    fn include_chain(depth: usize) -> (Templates, Funcs) {
        let mut text = String::new();
        for i in 0..depth {
            text.push_str(&format!("{{{{ define \"d{i}\" }}}}{{{{ if . }}}}{{{{ include \"d{}\" . | printf \"%s\" }}}}{{{{ end }}}}{{{{ end }}}}", i + 1));
        }
        text.push_str(&format!(
            "{{{{ define \"d{depth}\" }}}}bottom{{{{ end }}}}{{{{ include \"d0\" . }}}}"
        ));
        let mut set = Templates::new();
        set.parse("x", &text, &Limits::default()).unwrap();
        let mut funcs = Funcs::new();
        funcs.insert(
            "include",
            Rc::new(|call: &mut Call<'_>, args: &[Value]| {
                let name = args[0].as_str().unwrap_or_default().to_string();
                call.include(&name, &args[1])
            }),
        );
        (set, funcs)
    }

    #[test]
    fn lazily_parsed_defines_execute_and_replace_as_parsed_ones() {
        let files = [
            ("b/_h.tpl", "{{ define \"h\" }}old{{ end }}{{ define \"keep\" }}kept{{ end }}"),
            (
                "a/_h.tpl",
                "{{- define \"h\" -}}\n new {{ template \"inner\" . }}\n{{- end }}{{ define \"keep\" }} {{ end }}{{ define \"inner\" }}{{ if . }}[{{ . }}]{{ end }}{{ end }}",
            ),
            ("a/t.yaml", "{{ template \"h\" 1 }} {{ template \"keep\" }}"),
        ];
        let outputs: Vec<String> = [false, true]
            .into_iter()
            .map(|lazy| {
                let mut set = Templates::new();
                if lazy {
                    set.parse_defines_lazily();
                }
                for (name, text) in files {
                    set.parse(name, text, &Limits::default()).unwrap();
                }
                let out = set.execute("a/t.yaml", &Value::Nil, &Funcs::new(), &Options::default());
                assert!(!set.lazy_parse_failed());
                out.unwrap().text
            })
            .collect();
        // The later file's `h` wins; its empty `keep` does not replace the earlier one.
        assert_eq!(outputs, ["new [1] kept", "new [1] kept"]);
    }

    #[test]
    fn a_lazy_body_that_does_not_parse_is_not_defined_and_says_so() {
        let mut set = Templates::new();
        set.parse_defines_lazily();
        set.declare_funcs(&Funcs::new());
        let text = "{{ define \"bad\" }}{{ nofunc }}{{ end }}{{ template \"bad\" }}";
        set.parse("x", text, &Limits::default()).unwrap();
        let error = set
            .execute("x", &Value::Nil, &Funcs::new(), &Options::default())
            .unwrap_err();
        assert!(error.message.contains("\"bad\" not defined"), "{error}");
        assert!(set.lazy_parse_failed());
    }

    /// Measures the native stack one `include` level takes (printed; `cargo test --release
    /// -- --nocapture stack_per_include` shows the figure that matters for wasm).
    #[test]
    fn stack_per_include_level() {
        let (set, funcs) = include_chain(150);
        let out = set
            .execute("x", &Value::Bool(true), &funcs, &Options::default())
            .unwrap();
        assert_eq!(out.text, "bottom");
        let (a, b) = STACK_PROBE.with(|p| p.get());
        let per_level = a.abs_diff(b) / 100;
        eprintln!("stack per include level: {per_level} bytes");
        if !cfg!(debug_assertions) {
            assert!(
                per_level * Limits::default().max_call_depth < STACK_BUDGET,
                "{per_level} bytes per level"
            );
        }
    }
}
