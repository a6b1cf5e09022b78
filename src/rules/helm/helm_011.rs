use crate::chart::decode;
use crate::declare_rule;
use crate::diagnostic::{Pos, Range};
use crate::rules::{Findings, ManifestScope};
use crate::suggest::nearest;
use crate::text;
use gotmpl::ast::{Arg, Branch, List, Node, Pipe};
use gotmpl::{Map, Value};
use std::rc::Rc;

declare_rule! {
    /// ## What it does
    /// Reports a read of a `.Values` path that the chart's values do not define — values.yaml
    /// coalesced with the user's values and the subcharts', exactly what `.Values` holds while
    /// rendering — in the product's own templates, at the read, with the nearest key that does
    /// exist ("did you mean `pullPolicy`?"). Reads are `.Values.a.b` where dot is the chart's
    /// root context, `$.Values.a.b`, and `$x.Values.a.b` for a variable set to the root
    /// (`{{- $envAll := . }}`).
    ///
    /// Only what the values make run is judged: the file's top level (not `define` bodies,
    /// which run with whatever dot their caller passes), and inside `if`/`with`/`range` only
    /// when the values alone decide the condition (`if .Values.x.enabled`, `if not .Values.y`)
    /// and it holds — a branch behind `and`, `eq`, an `include`… is not judged, nor one the
    /// values switch off.
    ///
    /// Reads that say they may find nothing are left alone: a path tested by an enclosing `if`
    /// or `with` and missing within what was tested (`{{ if .Values.tls }}…{{ .Values.tls.cert }}`
    /// with no `tls` in the values; with a `tls` map that lacks `cert`, the read is reported),
    /// reads in the condition of `if`/`with`/`range`, arguments of `default`, `hasKey`,
    /// `empty`, `coalesce`, `ternary`, `required`, `dig` and `kindIs` (or a read piped into
    /// one of them), and values passed on to a helper (`include`, `tpl`, `tuple`, `list`,
    /// `dict`: helm-toolkit's snippets take nil on purpose).
    ///
    /// Only ECP products (charts with `_acl_helpers.yaml.tpl`) are checked: third-party charts
    /// read optional values on purpose, and subcharts' and libraries' templates (helm-toolkit)
    /// are their own.
    ///
    /// ## Why
    /// A missing leaf renders as nothing (`imagePullPolicy:` with no value, which Kubernetes
    /// reads as the default or rejects), a missing parent stops the render ("nil pointer
    /// evaluating interface {}.x"). The guide's own check Job (§1.1.6.8) reads
    /// `.Values.images.pull_policy` while its values define `images.pullPolicy`.
    ///
    /// ## 中文
    /// 云产品自身的模板读取了 values 中没有定义的 `.Values` 路径（values.yaml 与用户 values、子 chart
    /// values 合并后的结果），并给出最接近的已有键。缺少叶子时渲染为空，缺少父级时渲染失败。只判断
    /// values 会让其执行的部分（文件顶层；条件仅由 values 决定且成立的 `if`/`with`/`range` 分支）。
    /// 被外层 `if`/`with` 检查过的路径、条件中的读取、`default`/`hasKey`/`empty`/`coalesce`/
    /// `ternary`/`required`/`dig`/`kindIs` 的参数、传给辅助模板的值（`include`/`tpl`/`tuple`/
    /// `list`/`dict`）不报告。只检查 ECP 云产品。指南的检查 Job 示例读取了
    /// `.Values.images.pull_policy`，而 values 中定义的是 `images.pullPolicy`。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/pod-check.yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: check
    /// spec:
    ///   containers:
    ///     - name: check
    ///       image: {{ .Values.images.tags.hook }}
    ///       imagePullPolicy: {{ .Values.images.pullPolicy }}
    /// ```
    /// ```yaml,pass,file=templates/pod-check.yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: check
    /// spec:
    ///   containers:
    ///     - name: check
    ///       image: {{ .Values.images.tags.hook }}
    ///       imagePullPolicy: {{ .Values.images.pull_policy }}
    /// ```
    RULE = "HELM-011", Helm, Warning, "§1.1.6.8",
    "Template reads an undefined value", "模板读取了未定义的 value",
    Manifests(check)
}

/// Functions whose arguments may be missing on purpose: tests and defaults, and what passes
/// values on to a helper (which may well expect nothing).
const GUARDS: &[&str] = &[
    "default", "hasKey", "empty", "coalesce", "ternary", "required", "dig", "kindIs", "include",
    "tpl", "tuple", "list", "dict",
];

fn check(scope: &ManifestScope, out: &mut Findings) {
    let chart = scope.chart;
    let values = &scope.manifests.rendered.values;
    if chart.acl.is_none() || scope.manifests.rendered.fatal.is_some() {
        return;
    }
    for file in chart.templates() {
        let Some(text) = decode(file) else { continue };
        let Ok(parsed) = gotmpl::parse::parse(&file.path, text, &Default::default(), None) else {
            continue; // HELM-006 reports a template that does not parse
        };
        let mut reads = Vec::new();
        // The file's top level; `define` bodies run with whatever dot their caller passes.
        if let Some(top) = parsed.trees.first() {
            let mut walk = Walk {
                values,
                active: true,
                roots: vec![Rc::from("$")],
                guarded: Vec::new(),
                reads: &mut reads,
            };
            walk.list(&top.root, true);
        }
        for read in reads {
            let Some((missing_at, known)) = first_missing(values, &read.path) else {
                continue;
            };
            if missing_at < read.tested {
                continue;
            }
            let shown = format!(".Values.{}", read.path.join("."));
            let defined = if missing_at == 0 {
                ".Values".to_string()
            } else {
                format!(".Values.{}", read.path[..missing_at].join("."))
            };
            let missing = &read.path[missing_at];
            let Some(range) = locate(text, read.pos, &read.path) else {
                continue;
            };
            let message = match read.path.get(missing_at + 1) {
                None => text!(
                    "`{shown}` is not defined: `{defined}` has no `{missing}`, so the template renders nothing there",
                    "`{shown}` 未定义：`{defined}` 中没有 `{missing}`，模板在此处渲染为空"
                ),
                Some(below) => text!(
                    "`{shown}` is not defined: `{defined}` has no `{missing}`, so the render fails (\"nil pointer evaluating interface {{}}.{below}\")",
                    "`{shown}` 未定义：`{defined}` 中没有 `{missing}`，渲染失败（\"nil pointer evaluating interface {{}}.{below}\"）"
                ),
            };
            let d = out.report(&file.path, Some(range), message);
            let keys: Vec<&str> = known.iter().map(String::as_str).collect();
            match nearest(missing, &keys) {
                Some(best) => d.help(text!(
                    "did you mean `{defined}.{best}`?",
                    "是否应为 `{defined}.{best}`？"
                )),
                None => d.help(text!(
                    "define `{shown}` in values.yaml, or guard the read (`default`, `if`)",
                    "在 values.yaml 中定义 `{shown}`，或对读取加保护（`default`、`if`）"
                )),
            };
        }
    }
}

/// A `.Values` path read by a template, and where (a byte offset into the template).
struct Read {
    pos: u32,
    path: Vec<String>,
    /// How much of the path an enclosing `if`/`with` tested: a miss there is expected.
    tested: usize,
}

struct Walk<'r> {
    values: &'r Map,
    /// Whether the values make this part run: every enclosing condition is one the values
    /// decide (`if .Values.x.enabled`, `not …`) and it holds. Reads elsewhere are not judged.
    active: bool,
    /// Variables that hold the root context (`$`, `$envAll` after `{{ $envAll := . }}`).
    roots: Vec<Rc<str>>,
    /// `.Values` paths an enclosing `if`/`with` tested.
    guarded: Vec<Vec<String>>,
    reads: &'r mut Vec<Read>,
}

impl Walk<'_> {
    /// `dot_is_root`: whether `.` is the root context here (not inside `with`/`range`).
    fn list(&mut self, list: &List, dot_is_root: bool) {
        for node in &list.nodes {
            match node {
                Node::Action { pipe, .. } => self.pipe(pipe, dot_is_root, false),
                Node::Template {
                    pipe: Some(pipe), ..
                } => self.pipe(pipe, dot_is_root, false),
                Node::If(branch) => self.branch(branch, dot_is_root, dot_is_root),
                Node::With(branch) => self.branch(branch, dot_is_root, false),
                Node::Range(range) => {
                    let truth = self.truth(&range.pipe, dot_is_root);
                    self.pipe(&range.pipe, dot_is_root, true);
                    let outer = self.active;
                    self.active = outer && truth == Some(true);
                    self.list(&range.list, false);
                    if let Some(e) = &range.else_list {
                        self.active = outer && truth == Some(false);
                        self.list(e, dot_is_root);
                    }
                    self.active = outer;
                }
                _ => {}
            }
        }
    }

    fn branch(&mut self, branch: &Branch, dot_is_root: bool, inner_dot_is_root: bool) {
        let mut tested = Vec::new();
        for arg in branch.pipe.cmds.iter().flat_map(|c| &c.args) {
            collect(arg, dot_is_root, &self.roots, &mut tested);
        }
        let truth = self.truth(&branch.pipe, dot_is_root);
        self.pipe(&branch.pipe, dot_is_root, true);
        let (depth, outer) = (self.guarded.len(), self.active);
        self.guarded.extend(tested);
        self.active = outer && truth == Some(true);
        self.list(&branch.list, inner_dot_is_root);
        if let Some(e) = &branch.else_list {
            self.active = outer && truth == Some(false);
            self.list(e, dot_is_root);
        }
        self.active = outer;
        self.guarded.truncate(depth);
    }

    /// What a condition the values alone decide comes to: one `.Values` path, or `not` of
    /// one; `None` for anything else.
    fn truth(&self, pipe: &Pipe, dot_is_root: bool) -> Option<bool> {
        let [cmd] = pipe.cmds.as_slice() else {
            return None;
        };
        let (negate, arg) = match cmd.args.as_slice() {
            [arg] => (false, arg),
            [Arg::Identifier { name, .. }, arg] if name.as_ref() == "not" => (true, arg),
            _ => return None,
        };
        let mut paths = Vec::new();
        collect(arg, dot_is_root, &self.roots, &mut paths);
        let [path] = paths.as_slice() else {
            return None;
        };
        let mut value = Value::Map(self.values.clone());
        for key in path {
            value = match value {
                Value::Map(m) => m.get(key).unwrap_or(Value::Nil),
                _ => return None,
            };
        }
        Some(value.truth() != negate)
    }

    /// Records the pipeline's reads (none when it is a condition: it tests presence), and
    /// variables it sets to the root.
    fn pipe(&mut self, pipe: &Pipe, dot_is_root: bool, condition: bool) {
        let root_value = matches!(
            pipe.cmds.as_slice(),
            [c] if matches!(c.args.as_slice(),
                [Arg::Dot { .. }] if dot_is_root)
                || matches!(c.args.as_slice(),
                [Arg::Variable { name, names, .. }] if names.is_empty() && self.roots.contains(name))
        );
        for v in &pipe.decl {
            if root_value {
                self.roots.push(v.name.clone());
            } else {
                self.roots.retain(|r| r != &v.name);
            }
        }
        if condition {
            return;
        }
        let piped_into_guard = pipe.cmds.iter().skip(1).any(|c| is_guard(&c.args));
        for (i, cmd) in pipe.cmds.iter().enumerate() {
            if is_guard(&cmd.args) || (i == 0 && piped_into_guard) {
                continue;
            }
            for arg in &cmd.args {
                self.arg(arg, dot_is_root);
            }
        }
    }

    fn arg(&mut self, arg: &Arg, dot_is_root: bool) {
        match arg {
            Arg::Pipe { pipe, .. } | Arg::Chain { pipe, .. } => self.pipe(pipe, dot_is_root, false),
            _ => {
                if !self.active {
                    return;
                }
                let mut paths = Vec::new();
                collect(arg, dot_is_root, &self.roots, &mut paths);
                for path in paths.into_iter().filter(|p| !p.is_empty()) {
                    let tested = self
                        .guarded
                        .iter()
                        .filter(|g| path.starts_with(g))
                        .map(Vec::len)
                        .max()
                        .unwrap_or(0);
                    self.reads.push(Read {
                        pos: arg.pos(),
                        path,
                        tested,
                    });
                }
            }
        }
    }
}

fn is_guard(args: &[Arg]) -> bool {
    matches!(args.first(), Some(Arg::Identifier { name, .. }) if GUARDS.contains(&name.as_ref()))
}

/// The `.Values` path an operand reads (`.Values.a.b` → `[a, b]`), into `out`; a condition's
/// nested calls (`and .Values.a .Values.b`) are looked into.
fn collect(arg: &Arg, dot_is_root: bool, roots: &[Rc<str>], out: &mut Vec<Vec<String>>) {
    let names = match arg {
        Arg::Field { names, .. } if dot_is_root => names.as_slice(),
        Arg::Variable { name, names, .. } if roots.contains(name) => names.as_slice(),
        Arg::Pipe { pipe, .. } => {
            for a in pipe.cmds.iter().flat_map(|c| &c.args) {
                collect(a, dot_is_root, roots, out);
            }
            return;
        }
        _ => return,
    };
    if let [first, rest @ ..] = names {
        if first.as_ref() == "Values" {
            out.push(rest.iter().map(|n| n.to_string()).collect());
        }
    }
}

/// Where `path` first leaves the values: its index, and the keys defined there. `None` when
/// the whole path is defined, or it goes through something other than a map (a list, a
/// string: the template fails or reads on purpose; not this rule's).
fn first_missing(values: &Map, path: &[String]) -> Option<(usize, Vec<String>)> {
    let mut map = values.clone();
    for (i, key) in path.iter().enumerate() {
        match map.get(key) {
            None => return Some((i, map.keys())),
            Some(Value::Map(inner)) => map = inner,
            Some(_) => return None,
        }
    }
    None
}

/// The range of the read in the template's text: Go positions a chain at its second name, so
/// the path's text is looked for around `pos`.
fn locate(text: &str, pos: u32, path: &[String]) -> Option<Range> {
    let needle = format!("Values.{}", path.join("."));
    let from = text.floor_char_boundary((pos as usize).saturating_sub(needle.len() + 64));
    let found = from + text.get(from..)?.find(&needle)?;
    let before = &text[..found];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // From the `.` before `Values` (or the variable before it).
    let column = text[line_start..found].chars().count();
    Some(Range {
        start: Pos { line, column },
        end: Pos {
            line,
            column: column + 1 + needle.chars().count(),
        },
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{help, starts, Tester};

    /// On the good project, whose values.yaml has `images.pull_policy`.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file("templates/pod-check.yaml")
    }

    #[test]
    fn at_the_read_with_the_nearest_key() {
        let d = tester().findings("a: {{ .Values.images.pullPolicy }}\n");
        assert_eq!(starts(&d), vec![(1, 7)]);
        assert_eq!(d[0].range.unwrap().end.column, 32);
        assert!(
            help(&d[0]).contains("`.Values.images.pull_policy`"),
            "{}",
            help(&d[0])
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "a: {{ .Values.images.pull_policy }}\n",
                "a: {{ .Values.nope | default \"x\" }}\n",
                "a: {{ default \"x\" .Values.nope.deeper }}\n",
                "{{ if .Values.nope }}a: {{ .Values.nope.x }}{{ end }}\n",
                "{{ with .Values.nope }}a: {{ .x }}{{ end }}\n",
                "{{ range .Values.nope }}a: {{ .Values }}{{ end }}\n",
                "{{ if and .Values.a .Values.nope }}{{ .Values.nope.b }}{{ end }}\n",
                // Switched off by the values, or not decided by them alone.
                "{{ if .Values.nope }}{{ .Values.other }}{{ else }}{{ .Values.images.pull_policy }}{{ end }}\n",
                "{{ if eq .Values.images.pull_policy \"x\" }}{{ .Values.other }}{{ end }}\n",
                "{{ define \"x\" }}{{ .Values.other }}{{ end }}\n",
                "a: {{ include \"x\" .Values.nope }}\n",
                "a: {{ tuple . .Values.pod.resources.nope | include \"x\" }}\n",
                "{{- $x := .Values.images }}a: {{ $x.nope }}\n",
                // A string is read below on purpose (or fails: not this rule's).
                "a: {{ .Values.images.pull_policy.x }}\n",
            ])
            .fail([
                "a: {{ .Values.images.pullPolicy }}\n",
                "{{- $envAll := . }}\na: {{ $envAll.Values.nope.x }}\n",
                "a: {{ $.Values.imagez.tags }}\n",
                "{{ if .Values.images }}a: {{ .Values.images.nope }}{{ end }}\n",
                "{{ if not .Values.nope }}a: {{ .Values.nope2 }}{{ end }}\n",
            ])
            .test_and_snapshot();
    }
}
