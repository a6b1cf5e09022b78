//! A Makefile read the way GNU make reads it, as far as the rules need (LAYOUT-007, LAYOUT-008):
//! logical lines (backslash continuation), comments, rule lines (`targets: prerequisites`, `;`
//! recipes, `::`), recipe lines (the recipe prefix: a tab, or `.RECIPEPREFIX`), variable
//! assignments (`=`, `:=`, `::=`, `:::=`, `?=`, `+=`, `!=`, `define…endef`, `override`/`export`),
//! conditionals and other directives, and `$(…)`/`${…}` references with GNU make's function table
//! — and what would stop `make` on the way, with its place. Nothing is evaluated: every branch of
//! a conditional is read, variables are not expanded.

use crate::diagnostic::{Pos, Range};

/// What a logical line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Empty, blank or a comment.
    Blank,
    /// `targets: prerequisites`, maybe with a `;` recipe (from [`Line::body`]).
    Rule,
    /// A recipe line, its command from [`Line::body`]. `spaces`: indented with spaces where the
    /// recipe prefix belongs — meant as a recipe line, but make does not take it as one.
    Recipe { spaces: bool },
    /// `name op value`: the name at [`Line::name`], the value from [`Line::body`].
    Assignment,
    /// A `define` line, a line of its body, or its `endef`.
    Define,
    /// A conditional, `include`, `export NAME`, `vpath`…
    Directive,
    /// A line make cannot read ("missing separator").
    Bad,
}

/// One logical line: physical lines joined by backslash-newline.
#[derive(Debug, Clone)]
pub struct Line {
    pub kind: Kind,
    /// Byte range in the text, over its continuation lines, without the final newline.
    pub start: usize,
    pub end: usize,
    /// Where the command (a recipe, a rule's `;` recipe) or the value (an assignment) starts;
    /// `end` when there is none.
    pub body: usize,
    /// Where make's reading stops: a comment's `#` in a non-recipe line, else `end`.
    pub code_end: usize,
    /// An assignment's variable name (byte range).
    pub name: (usize, usize),
}

/// Something that stops `make` (or, for [`Problem::SpacesRecipe`] read as a rule, silently
/// drops a recipe line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// "missing separator": neither a rule, an assignment nor a directive.
    MissingSeparator,
    /// A recipe line indented with spaces: make stops ("missing separator") or, when the line
    /// has a colon, takes it for a rule (`as_rule`).
    SpacesRecipe { as_rule: bool },
    /// "recipe commences before first target".
    RecipeBeforeFirstTarget,
    /// A `$(` or `${` without its closing parenthesis: "unterminated call to function 'f':
    /// missing ')'", or "unterminated variable reference". `broken_line`: the reference closes
    /// on a following line (a line break without a backslash).
    Unterminated {
        function: Option<&'static str>,
        broken_line: bool,
    },
    /// "insufficient number of arguments (given) to function 'function'".
    Arity {
        function: &'static str,
        given: usize,
        min: usize,
    },
    /// An `ifeq`/`ifneq`/`ifdef`/`ifndef` without its `endif` ("missing 'endif'").
    MissingEndif,
    /// An `else` or `endif` outside a conditional ("extraneous 'endif'").
    Extraneous(&'static str),
    /// A `define` without its `endef` ("missing 'endef', unterminated 'define'").
    MissingEndef,
}

/// A problem and its byte range.
#[derive(Debug, Clone)]
pub struct Found {
    pub problem: Problem,
    pub start: usize,
    pub end: usize,
}

/// GNU make's functions and the fewest arguments each takes (GNU make 4.3; fewer stop make with
/// "insufficient number of arguments"; extra commas join the last argument, never an error).
/// `tests/makefile-oracle` checks this against the real make.
const FUNCTIONS: &[(&str, u8)] = &[
    ("abspath", 1),
    ("addprefix", 2),
    ("addsuffix", 2),
    ("and", 1),
    ("basename", 1),
    ("call", 1),
    ("dir", 1),
    ("error", 1),
    ("eval", 1),
    ("file", 1),
    ("filter", 2),
    ("filter-out", 2),
    ("findstring", 2),
    ("firstword", 1),
    ("flavor", 1),
    ("foreach", 3),
    ("if", 2),
    ("info", 1),
    ("join", 2),
    ("lastword", 1),
    ("notdir", 1),
    ("or", 1),
    ("origin", 1),
    ("patsubst", 3),
    ("realpath", 1),
    ("shell", 1),
    ("sort", 1),
    ("strip", 1),
    ("subst", 3),
    ("suffix", 1),
    ("value", 1),
    ("warning", 1),
    ("wildcard", 1),
    ("word", 2),
    ("wordlist", 3),
    ("words", 1),
];

/// A parsed Makefile.
#[derive(Debug)]
pub struct Makefile<'t> {
    pub text: &'t str,
    pub lines: Vec<Line>,
    /// What would stop make, in reading order (an unclosed `if` or `define` last).
    pub problems: Vec<Found>,
    line_starts: Vec<usize>,
}

impl<'t> Makefile<'t> {
    pub fn parse(text: &'t str) -> Makefile<'t> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut m = Makefile {
            text,
            lines: Vec::new(),
            problems: Vec::new(),
            line_starts,
        };
        m.read();
        m
    }

    /// The position of a byte offset.
    pub fn pos(&self, at: usize) -> Pos {
        let line = self.line_starts.partition_point(|&s| s <= at);
        let start = self.line_starts[line - 1];
        Pos {
            line,
            column: self.text[start..at].chars().count() + 1,
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.pos(start),
            end: self.pos(end),
        }
    }

    /// The value of the last assignment to `name` (without its comment), if any.
    pub fn variable(&self, name: &str) -> Option<&'t str> {
        let text = self.text;
        self.lines
            .iter()
            .rev()
            .find(|l| l.kind == Kind::Assignment && text[l.name.0..l.name.1] == *name)
            .map(|l| text[l.body..l.code_end].trim())
    }

    /// The end of the physical line holding `at` (before its newline).
    fn physical_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// The end of the logical line starting at `start`: physical lines ending in an odd number
    /// of backslashes continue on the next.
    fn logical_end(&self, start: usize) -> usize {
        let mut end = self.physical_end(start);
        loop {
            let line = self.text[..end].trim_end_matches('\r');
            let slashes = line.len() - line.trim_end_matches('\\').len();
            if slashes.is_multiple_of(2) || end >= self.text.len() {
                return end;
            }
            end = self.physical_end(end + 1);
        }
    }

    fn read(&mut self) {
        let text = self.text;
        let mut prefix = b'\t';
        let mut in_rule = false;
        let mut conditionals: Vec<usize> = Vec::new();
        // The `define` being read: where it starts, and how deep nested defines go.
        let mut define: Option<(usize, usize)> = None;
        let mut start = 0;
        while start < text.len() {
            let mut end = self.logical_end(start);
            let mut line = Line {
                kind: Kind::Blank,
                start,
                end,
                body: end,
                code_end: end,
                name: (start, start),
            };
            let content = start + (text[start..end].len() - text[start..end].trim_start().len());
            let word = first_word(&text[content..end]);
            if let Some((at, depth)) = define {
                line.kind = Kind::Define;
                let word = after_modifiers(&text[content..end]);
                if first_word(word) == "endef" {
                    define = (depth > 1).then_some((at, depth - 1));
                } else if first_word(word) == "define" {
                    define = Some((at, depth + 1));
                } else {
                    // The body is expanded where the variable is used.
                    scan(text, start, end, &mut self.problems);
                }
            } else if text.as_bytes()[start] == prefix && in_rule {
                line.kind = Kind::Recipe { spaces: false };
                line.body = start + 1;
                scan(text, line.body, end, &mut self.problems);
            } else if content == end || text.as_bytes()[content] == b'#' {
                // Blank or a comment.
            } else if ["ifeq", "ifneq", "ifdef", "ifndef", "else", "endif"].contains(&word) {
                line.kind = Kind::Directive;
                line.code_end = comment(text, content, end);
                match word {
                    "else" | "endif" if conditionals.is_empty() => self.problems.push(Found {
                        problem: Problem::Extraneous(if word == "else" { "else" } else { "endif" }),
                        start: content,
                        end: content + word.len(),
                    }),
                    "endif" => {
                        conditionals.pop();
                    }
                    "else" => {}
                    _ => conditionals.push(content),
                }
                scan(
                    text,
                    content + word.len(),
                    line.code_end,
                    &mut self.problems,
                );
            } else {
                // Make strips the comment first; a reference the line leaves open may close on
                // the next lines when a long line was broken without a backslash.
                let mut code_end = comment(text, content, end);
                let mut open = Vec::new();
                if !scan(text, content, code_end, &mut open) {
                    let mut joined = end;
                    for _ in 0..3 {
                        if joined >= text.len() {
                            break;
                        }
                        joined = self.logical_end(joined + 1);
                        let joined_code = comment(text, content, joined);
                        if scan(text, content, joined_code, &mut Vec::new()) {
                            if let Some(p) = open.last_mut() {
                                if let Problem::Unterminated { broken_line, .. } = &mut p.problem {
                                    *broken_line = true;
                                }
                            }
                            self.problems.extend(open.pop());
                            (end, code_end) = (joined, joined_code);
                            line.end = end;
                            break;
                        }
                    }
                }
                line.code_end = code_end;
                self.read_statement(&mut line, content);
                let indented = content > start;
                match line.kind {
                    Kind::Bad | Kind::Rule
                        if indented && in_rule && text.as_bytes()[start] != prefix =>
                    {
                        self.problems.push(Found {
                            problem: Problem::SpacesRecipe {
                                as_rule: line.kind == Kind::Rule,
                            },
                            start,
                            end: content,
                        });
                        line.kind = Kind::Recipe { spaces: true };
                        line.body = content;
                        line.code_end = end;
                        scan(text, content, end, &mut self.problems);
                    }
                    Kind::Bad => {
                        let problem = if text.as_bytes()[start] == prefix {
                            Problem::RecipeBeforeFirstTarget
                        } else {
                            Problem::MissingSeparator
                        };
                        self.problems.push(Found {
                            problem,
                            start: content,
                            end: text[..end].trim_end().len().max(content + 1),
                        });
                        scan(text, content, line.code_end, &mut self.problems);
                    }
                    Kind::Rule => {
                        in_rule = true;
                        scan(text, content, line.body.min(code_end), &mut self.problems);
                        scan(text, line.body, end, &mut self.problems);
                    }
                    Kind::Define => {
                        in_rule = false;
                        define = Some((content, 1));
                    }
                    Kind::Assignment => {
                        in_rule = false;
                        let name = &text[line.name.0..line.name.1];
                        scan(text, line.name.0, line.name.1, &mut self.problems);
                        scan(text, line.body, line.code_end, &mut self.problems);
                        if name == ".RECIPEPREFIX" {
                            let value = text[line.body..line.code_end].trim_start();
                            prefix = value.bytes().next().unwrap_or(b'\t');
                        }
                    }
                    _ => {
                        in_rule = false;
                        scan(text, content, line.code_end, &mut self.problems);
                    }
                }
            }
            start = line.end + 1;
            self.lines.push(line);
        }
        for at in conditionals {
            let word = first_word(&text[at..]);
            self.problems.push(Found {
                problem: Problem::MissingEndif,
                start: at,
                end: at + word.len(),
            });
        }
        if let Some((at, _)) = define {
            self.problems.push(Found {
                problem: Problem::MissingEndef,
                start: at,
                end: self.physical_end(at),
            });
        }
    }

    /// Classify a non-recipe line from its first non-blank byte `content` up to
    /// `line.code_end`: an assignment, a `define`, a directive, a rule, or bad.
    fn read_statement(&self, line: &mut Line, content: usize) {
        let text = self.text;
        let code = &text[content..line.code_end];
        let rest = after_modifiers(code);
        let at = content + (code.len() - rest.len());
        let word = first_word(rest);
        if word == "define" {
            line.kind = Kind::Define;
            return;
        }
        if let Some((name, op)) = assignment(text, at, line.code_end) {
            line.kind = Kind::Assignment;
            line.name = name;
            line.body = op;
            return;
        }
        let directive = [
            "include", "-include", "sinclude", "export", "unexport", "override", "private",
            "vpath", "undefine", "load", "-load",
        ];
        if directive.contains(&word) || at > content {
            line.kind = Kind::Directive;
            return;
        }
        // A rule: a colon outside references.
        let b = text.as_bytes();
        let mut i = content;
        // A line of references only may expand to anything (`$(eval …)`): make reads the
        // expansion; text beside them cannot make a rule without a colon.
        line.kind = Kind::Directive;
        while i < line.code_end {
            match b[i] {
                b'$' => i = reference_end(text, i, line.code_end),
                c if !c.is_ascii_whitespace() && c != b':' => {
                    line.kind = Kind::Bad;
                    i += 1;
                }
                b':' => {
                    line.kind = Kind::Rule;
                    // A `;` recipe: the rest of the line, comment included.
                    let semicolon = text[i..line.end].find(';').map(|s| i + s);
                    if let Some(s) = semicolon.filter(|&s| s < line.code_end) {
                        line.body = s + 1;
                        line.code_end = line.end;
                    }
                    return;
                }
                _ => i += 1,
            }
        }
    }
}

/// The first word of `s` (after leading blanks).
fn first_word(s: &str) -> &str {
    let s = s.trim_start();
    &s[..s.find(|c: char| c.is_ascii_whitespace()).unwrap_or(s.len())]
}

/// `s` after any leading `override`, `export`, `private`, `unexport` words followed by more.
fn after_modifiers(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        let word = first_word(s);
        let rest = s[word.len()..].trim_start();
        if !["override", "export", "private", "unexport"].contains(&word) || rest.is_empty() {
            return s;
        }
        s = rest;
    }
}

/// Where the comment of a non-recipe line starts (a `#` outside references, not escaped by a
/// backslash), else `end`.
fn comment(text: &str, from: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i < end {
        match b[i] {
            b'$' => i = reference_end(text, i, end),
            b'#' if i == 0 || b[i - 1] != b'\\' => return i,
            _ => i += 1,
        }
    }
    end
}

/// The end of the reference starting with the `$` at `at` (after its closing parenthesis; the
/// end of the text when it has none).
fn reference_end(text: &str, at: usize, end: usize) -> usize {
    let b = text.as_bytes();
    match b.get(at + 1) {
        Some(&open @ (b'(' | b'{')) => close(b, open, at + 2, end).map_or(end, |c| c + 1),
        _ => (at + 2).min(end),
    }
}

/// The closing parenthesis matching `open` from `from`: make counts only parentheses of the
/// reference's own kind.
fn close(b: &[u8], open: u8, from: usize, end: usize) -> Option<usize> {
    let shut = if open == b'(' { b')' } else { b'}' };
    let mut depth = 0;
    for (k, &c) in b[from..end].iter().enumerate() {
        if c == open {
            depth += 1;
        } else if c == shut {
            if depth == 0 {
                return Some(from + k);
            }
            depth -= 1;
        }
    }
    None
}

/// An assignment from `at`: the name's byte range and where the value starts. The name is
/// one word (references may hold blanks); the operator is `=`, `:=`, `::=`, `:::=`, `?=`, `+=`
/// or `!=`. A colon before any of them makes a rule, not an assignment.
fn assignment(text: &str, at: usize, end: usize) -> Option<((usize, usize), usize)> {
    let b = text.as_bytes();
    let mut i = at;
    while i < end {
        match b[i] {
            b'$' => i = reference_end(text, i, end),
            b'=' => return named(text, at, i, i + 1),
            b'?' | b'+' | b'!' if b.get(i + 1) == Some(&b'=') => return named(text, at, i, i + 2),
            b':' => {
                let colons = text[i..end].len() - text[i..end].trim_start_matches(':').len();
                return (colons <= 3 && b.get(i + colons) == Some(&b'='))
                    .then(|| named(text, at, i, i + colons + 1))
                    .flatten();
            }
            _ => i += 1,
        }
    }
    None
}

fn named(text: &str, at: usize, op: usize, value: usize) -> Option<((usize, usize), usize)> {
    let name = text[at..op].trim_end();
    let has_blank = {
        let b = name.as_bytes();
        let mut i = 0;
        let mut blank = false;
        while i < b.len() {
            if b[i] == b'$' {
                i = reference_end(name, i, b.len());
            } else {
                blank |= b[i].is_ascii_whitespace();
                i += 1;
            }
        }
        blank
    };
    (!name.is_empty() && !has_blank).then_some(((at, at + name.len()), value))
}

/// Read the references of `text[from..to]`, which make expands: a function called with too few
/// arguments, a reference without its closing parenthesis. False at the first unterminated one
/// (make stops there).
fn scan(text: &str, from: usize, to: usize, out: &mut Vec<Found>) -> bool {
    let b = text.as_bytes();
    let mut i = from;
    while i + 1 < to {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        let open = b[i + 1];
        if open != b'(' && open != b'{' {
            i += 2; // `$$`, `$@`, `$X`
            continue;
        }
        let inner = i + 2;
        let name_len = b[inner..to]
            .iter()
            .position(|c| !(c.is_ascii_lowercase() || *c == b'-'))
            .unwrap_or(to - inner);
        let blank_after = matches!(b.get(inner + name_len), Some(b' ' | b'\t' | b'\n' | b'\\'));
        let function = FUNCTIONS
            .iter()
            .find(|(f, _)| blank_after && f.as_bytes() == &b[inner..inner + name_len]);
        let Some(shut) = close(b, open, inner, to) else {
            out.push(Found {
                problem: Problem::Unterminated {
                    function: function.map(|f| f.0),
                    broken_line: false,
                },
                start: i,
                end: inner + name_len,
            });
            return false;
        };
        match function {
            Some(&(name, min)) => {
                // Arguments split at commas outside nested references of the same kind.
                let mut args = vec![inner + name_len];
                let mut depth = 0;
                let shut_char = b[shut];
                let from = inner + name_len;
                for (k, &c) in b[from..shut].iter().enumerate() {
                    if c == open {
                        depth += 1;
                    } else if c == shut_char {
                        depth -= 1;
                    } else if c == b',' && depth == 0 {
                        args.push(from + k + 1);
                    }
                }
                if args.len() < min as usize {
                    out.push(Found {
                        problem: Problem::Arity {
                            function: name,
                            given: args.len(),
                            min: min as usize,
                        },
                        start: i,
                        end: shut + 1,
                    });
                }
                args.push(shut + 1);
                for w in args.windows(2) {
                    if !scan(text, w[0], w[1] - 1, out) {
                        return false;
                    }
                }
            }
            None => {
                if !scan(text, inner, shut, out) {
                    return false;
                }
            }
        }
        i = shut + 1;
    }
    true
}

#[cfg(test)]
mod tests;
