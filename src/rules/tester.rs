//! The rule tester: every rule's tests are cases over the good fixture project
//! (`tests/fixtures/good-project`), in the spirit of oxc's `Tester`.
//!
//! A [`Case`] is the good project with some files written over, added, deleted or renamed (paths
//! relative to the chart root, `../../Makefile` for the project's). A rule file's tests list the
//! cases that must pass (no finding of the rule) and those that must fail (at least one), and
//! read the findings of single cases for precise assertions:
//!
//! ```ignore
//! fn tester() -> Tester {
//!     Tester::new(&super::RULE).file(ACL_HELPERS) // bare text is this file
//! }
//! #[test]
//! fn unlimit_is_a_warning() {
//!     let d = tester().one("data:\n  psp_type: Unlimit\n");
//!     assert_eq!(d.severity, Severity::Warning);
//! }
//! #[test]
//! fn pass_and_fail() {
//!     tester()
//!         .pass(["data:\n  psp_type: Limit\n"])
//!         .fail(["data:\n  psp_type: limit\n", "data:\n  psp_type:\n"])
//!         .test_and_snapshot();
//! }
//! ```
//!
//! `test_and_snapshot`, each rule's one main test, adds the rule's documented examples (biome's
//! docs-as-tests) to its lists and snapshots the CLI's code frames of every fail case
//! (`src/rules/snapshots/<rule>.snap`; update with `INSTA_UPDATE=always cargo test --lib`).
//! `test` checks the listed cases only, for a named test of a few.
//!
//! Every test runs the linter through [`run`], and only there.

use super::Rule;
use crate::diagnostic::{Diagnostic, Lang};
use crate::input::{File, Input};
use crate::Options;
use std::path::Path;

/// The good project's folder, as its files' paths start.
pub(crate) const PROJECT: &str = "good-project/";
/// The good project's chart, as its files' paths start.
pub(crate) const CHART_ROOT: &str = "good-project/chart/mycloud-product/";

/// Every rule over one input: the one place the tests run the linter. Every finding's severity
/// must be one its rule declares (`Rule::severities`), so that `ecplint rules` tells the truth.
pub(crate) fn run(input: &Input, options: &Options) -> Vec<Diagnostic> {
    let diagnostics = crate::check_input_with(input, options).diagnostics;
    for d in &diagnostics {
        assert_declared_severity(d);
    }
    diagnostics
}

/// Panics when `d` has a severity its rule does not declare.
pub(crate) fn assert_declared_severity(d: &Diagnostic) {
    let Some(rule) = super::find(d.rule) else {
        return; // a finding of a test's own rule
    };
    // A `.ecplint.yaml` may give any severity: the rule's own is the one to check.
    let severity = d.configured.as_ref().map_or(d.severity, |c| c.severity);
    assert!(
        rule.severities.contains(&severity),
        "{} reported a finding with severity {} but declares only {:?}: list it in its \
         `declare_rule!` line and document the case ({})",
        d.rule,
        severity.as_str(),
        rule.severities,
        d.message.en
    );
}

/// A fixture folder under `tests/fixtures/` as an input; every path starts with `prefix`.
pub(crate) fn fixture(name: &str, prefix: &str) -> Input {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let mut input = crate::input::fs::read_folder(&root, prefix, &Default::default());
    input.path = name.to_string(); // not the machine's absolute path, in messages and snapshots
    input
}

/// The good project, as the tester's cases start from it.
pub(crate) fn good_project() -> Input {
    fixture("good-project", PROJECT)
}

/// An input of just these files (a packaged chart, a project without the good one's files).
pub(crate) fn bare(files: &[(&str, &str)]) -> Input {
    Input {
        path: "x".into(),
        files: files
            .iter()
            .map(|(path, body)| File {
                path: path.to_string(),
                data: body.as_bytes().to_vec(),
            })
            .collect(),
        ..Default::default()
    }
}

/// `RULE severity file:line:col` of the findings `keep` selects in fixture `name` (files shown
/// without `chart/`, `_config_helpers.yaml.tpl` as `_config`), for exact fixture assertions.
pub(crate) fn fixture_places(name: &str, keep: impl Fn(&Diagnostic) -> bool) -> Vec<String> {
    run(&fixture(name, ""), &Options::default())
        .iter()
        .filter(|d| keep(d))
        .map(|d| {
            let r = d.range.expect("a position");
            let file = d
                .file
                .as_deref()
                .unwrap_or("")
                .trim_start_matches("chart/")
                .replace("templates/_config_helpers.yaml.tpl", "_config");
            let (line, column) = (r.start.line, r.start.column);
            format!("{} {} {file}:{line}:{column}", d.rule, d.severity.as_str())
        })
        .collect()
}

/// `(line, column)` of each finding's start; `(0, 0)` for one without a place.
pub(crate) fn starts(d: &[Diagnostic]) -> Vec<(usize, usize)> {
    d.iter()
        .map(|d| d.range.map_or((0, 0), |r| (r.start.line, r.start.column)))
        .collect()
}

/// `(line, column, severity)` of each finding's start; `(0, 0, _)` for one without a place.
pub(crate) fn starts_and_severity(d: &[Diagnostic]) -> Vec<(usize, usize, &'static str)> {
    d.iter()
        .zip(starts(d))
        .map(|(d, (line, column))| (line, column, d.severity.as_str()))
        .collect()
}

/// `(line, column, end column)` of each finding; `(0, 0, 0)` for one without a place.
pub(crate) fn places(d: &[Diagnostic]) -> Vec<(usize, usize, usize)> {
    d.iter()
        .map(|d| {
            d.range
                .map_or((0, 0, 0), |r| (r.start.line, r.start.column, r.end.column))
        })
        .collect()
}

/// The file of each finding as a case names it: relative to the chart root (`values.yaml`),
/// `../` for the project's other charts, `../../` for its other files
/// (`../../hook/delete/check/pre/001_check.sh`).
pub(crate) fn files(d: &[Diagnostic]) -> Vec<String> {
    let charts = format!("{PROJECT}chart/");
    d.iter()
        .map(|d| {
            let file = d.file.as_deref().unwrap_or("");
            if let Some(rel) = file.strip_prefix(CHART_ROOT) {
                rel.to_string()
            } else if let Some(rel) = file.strip_prefix(&charts) {
                format!("../{rel}")
            } else if let Some(rel) = file.strip_prefix(PROJECT) {
                format!("../../{rel}")
            } else {
                file.to_string()
            }
        })
        .collect()
}

/// The English help of a finding (`""` without one).
pub(crate) fn help(d: &Diagnostic) -> &str {
    d.help.as_ref().map_or("", |h| h.en.as_str())
}

/// One change to the good project.
#[derive(Debug, Clone)]
enum Edit {
    /// The tester's file ([`Tester::file`]) reads this.
    Body(Vec<u8>),
    Write(String, Vec<u8>),
    Delete(String),
    Rename(String, String),
}

/// The good project with some files written over, added, deleted or renamed; paths relative to
/// the chart root (`templates/_acl_helpers.yaml.tpl`, `../../Makefile`). Bare text is the
/// tester's file ([`Tester::file`]); `Case::default()` is the good project as it is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Case {
    edits: Vec<Edit>,
}

/// The good project with `path` reading `body`.
pub(crate) fn with(path: &str, body: impl AsRef<[u8]>) -> Case {
    Case::default().with(path, body)
}

/// The good project without `path`.
pub(crate) fn without(path: &str) -> Case {
    Case::default().without(path)
}

/// The good project with `from` moved to `to`.
pub(crate) fn renamed(from: &str, to: &str) -> Case {
    Case::default().renamed(from, to)
}

impl Case {
    /// And `path` reads `body`.
    pub fn with(mut self, path: &str, body: impl AsRef<[u8]>) -> Case {
        self.edits
            .push(Edit::Write(path.into(), body.as_ref().to_vec()));
        self
    }
    /// And without `path`.
    pub fn without(mut self, path: &str) -> Case {
        self.edits.push(Edit::Delete(path.into()));
        self
    }
    /// And `from` moved to `to`.
    pub fn renamed(mut self, from: &str, to: &str) -> Case {
        self.edits.push(Edit::Rename(from.into(), to.into()));
        self
    }

    /// What the case changes, for messages and snapshot headings.
    fn describe(&self, file: Option<&str>) -> String {
        let shown: Vec<String> = self
            .edits
            .iter()
            .map(|e| match e {
                Edit::Body(_) => file.unwrap_or("?").to_string(),
                Edit::Write(p, _) => p.clone(),
                Edit::Delete(p) => format!("without {p}"),
                Edit::Rename(a, b) => format!("{a} → {b}"),
            })
            .collect();
        if shown.is_empty() {
            "the good project".into()
        } else {
            shown.join(", ")
        }
    }

    /// The good project with this case applied (a case of bare text needs a tester).
    pub fn input(&self) -> Input {
        let mut input = good_project();
        self.apply(&mut input, None);
        input
    }

    /// The case in full, for a failed assertion.
    fn show(&self, file: Option<&str>) -> String {
        let body = |b: &[u8]| format!("{:?}", String::from_utf8_lossy(b));
        let shown: Vec<String> = self
            .edits
            .iter()
            .map(|e| match e {
                Edit::Body(b) => format!("{} = {}", file.unwrap_or("?"), body(b)),
                Edit::Write(p, b) => format!("{p} = {}", body(b)),
                Edit::Delete(p) => format!("without {p}"),
                Edit::Rename(a, b) => format!("{a} → {b}"),
            })
            .collect();
        format!("[{}]", shown.join(", "))
    }

    /// Apply the case to `input`; bare text goes to `file`.
    fn apply(&self, input: &mut Input, file: Option<&str>) {
        for e in &self.edits {
            match e {
                Edit::Body(body) => {
                    let file = file.expect("a case of bare text needs `Tester::file`");
                    write(input, &full_path(file), body);
                }
                Edit::Write(p, body) => write(input, &full_path(p), body),
                Edit::Delete(p) => {
                    let path = full_path(p);
                    input.files.retain(|f| f.path != path);
                }
                Edit::Rename(a, b) => {
                    let (from, to) = (full_path(a), full_path(b));
                    let f = input.files.iter_mut().find(|f| f.path == from);
                    f.unwrap_or_else(|| panic!("no file {from} to rename")).path = to;
                }
            }
        }
    }
}

impl From<&str> for Case {
    fn from(body: &str) -> Case {
        body.as_bytes().into()
    }
}

impl From<String> for Case {
    fn from(body: String) -> Case {
        body.as_str().into()
    }
}

impl From<&String> for Case {
    fn from(body: &String) -> Case {
        body.as_str().into()
    }
}

impl From<&[u8]> for Case {
    fn from(body: &[u8]) -> Case {
        Case {
            edits: vec![Edit::Body(body.to_vec())],
        }
    }
}

impl<const N: usize> From<&[u8; N]> for Case {
    fn from(body: &[u8; N]) -> Case {
        body.as_slice().into()
    }
}

fn write(input: &mut Input, path: &str, body: &[u8]) {
    input.files.retain(|f| f.path != path);
    input.files.push(File {
        path: path.into(),
        data: body.to_vec(),
    });
}

/// Resolve `../../Makefile`-style paths against the chart root.
fn full_path(rel: &str) -> String {
    let mut parts: Vec<&str> = CHART_ROOT.trim_end_matches('/').split('/').collect();
    for p in rel.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// One case to check: whether it must fail, what it is called in messages, and the case.
struct Checked {
    fail: bool,
    name: String,
    case: Case,
    /// A documented example: run on the good project as the docs say, without the tester's
    /// `with`/`without` and options.
    documented: bool,
}

/// One rule's tests: its documented examples, pass and fail cases, findings of single cases.
pub(crate) struct Tester {
    rule: &'static Rule,
    /// The file bare text is written to.
    file: Option<&'static str>,
    /// Edits under every case of the tester's own (not under the documented examples).
    base: Case,
    options: Options,
    cases: Vec<Checked>,
    /// Whether the documented examples are among the cases.
    documented: bool,
}

impl Tester {
    /// A tester of `rule`, without cases.
    pub fn new(rule: &'static Rule) -> Tester {
        Tester {
            rule,
            file: None,
            base: Case::default(),
            options: Options::default(),
            cases: Vec::new(),
            documented: false,
        }
    }

    /// And the rule's documented examples as cases, first (on the good project as the docs
    /// say: without the tester's `with` and options).
    pub fn examples(mut self) -> Tester {
        if self.documented {
            return self;
        }
        self.documented = true;
        let documented = examples(self.rule)
            .into_iter()
            .enumerate()
            .map(|(i, (fail, case))| Checked {
                fail,
                name: format!("documented example #{} ({})", i + 1, case.describe(None)),
                case,
                documented: true,
            });
        self.cases.splice(0..0, documented);
        self
    }

    /// The file (relative to the chart root) that a case given as bare text is written to.
    pub fn file(mut self, path: &'static str) -> Tester {
        self.file = Some(path);
        self
    }

    /// `path` reads `body` under every case of this tester (before the case's own edits).
    pub fn with(mut self, path: &str, body: impl AsRef<[u8]>) -> Tester {
        self.base = self.base.with(path, body);
        self
    }

    /// Run with these options (the CLI's `--categories`, …).
    pub fn options(mut self, options: Options) -> Tester {
        self.options = options;
        self
    }

    /// Cases on which the rule must say nothing.
    pub fn pass<C: Into<Case>>(self, cases: impl IntoIterator<Item = C>) -> Tester {
        self.add(false, cases)
    }

    /// Cases on which the rule must report at least once.
    pub fn fail<C: Into<Case>>(self, cases: impl IntoIterator<Item = C>) -> Tester {
        self.add(true, cases)
    }

    fn add<C: Into<Case>>(mut self, fail: bool, cases: impl IntoIterator<Item = C>) -> Tester {
        for case in cases {
            let case = case.into();
            let n = self
                .cases
                .iter()
                .filter(|c| !c.documented && c.fail == fail)
                .count();
            let name = format!(
                "{} case #{} ({})",
                if fail { "fail" } else { "pass" },
                n + 1,
                case.describe(self.file)
            );
            self.cases.push(Checked {
                fail,
                name,
                case,
                documented: false,
            });
        }
        self
    }

    /// The good project with `case` (and the tester's own edits) applied.
    pub fn input(&self, case: impl Into<Case>) -> Input {
        let mut input = good_project();
        self.base.apply(&mut input, self.file);
        case.into().apply(&mut input, self.file);
        input
    }

    /// The rule's findings on `input`, in report order.
    pub fn findings_in(&self, input: &Input) -> Vec<Diagnostic> {
        run(input, &self.options)
            .into_iter()
            .filter(|d| d.rule == self.rule.id)
            .collect()
    }

    /// The rule's findings on one case, in report order (by file, then place).
    pub fn findings(&self, case: impl Into<Case>) -> Vec<Diagnostic> {
        self.findings_in(&self.input(case))
    }

    /// The rule's one finding on `case` (asserting there is exactly one).
    pub fn one(&self, case: impl Into<Case>) -> Diagnostic {
        let case = case.into();
        let what = case.show(self.file);
        let mut d = self.findings(case);
        assert_eq!(d.len(), 1, "{} on {what}: {d:#?}", self.rule.id);
        d.remove(0)
    }

    /// Check every case: a fail case gives at least one finding of the rule, a pass case none.
    pub fn test(&self) {
        let problems = self.problems();
        assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    }

    /// What [`test`](Self::test) finds wrong, one line a case.
    pub fn problems(&self) -> Vec<String> {
        self.outcome(false).0
    }

    /// A rule's main test: [`test`](Self::test) with the documented examples
    /// ([`examples`](Self::examples)) among the cases, and snapshot the code frames (the CLI's
    /// text output, English) of every fail case's findings: `src/rules/snapshots/<rule>.snap`.
    pub fn test_and_snapshot(self) {
        let t = self.examples();
        let (problems, frames) = t.outcome(true);
        assert!(problems.is_empty(), "\n{}", problems.join("\n"));
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_description(format!(
            "{}: the findings of its fail cases, as `ecplint check` shows them",
            t.rule.id
        ));
        settings.bind(|| {
            insta::assert_snapshot!(t.rule.id.to_lowercase().replace('-', "_"), frames);
        });
    }

    /// The problems of every case; with `render`, the fail cases' findings as the CLI shows them.
    fn outcome(&self, render: bool) -> (Vec<String>, String) {
        let mut problems = Vec::new();
        let mut frames = String::new();
        for c in &self.cases {
            let input = if c.documented {
                c.case.input()
            } else {
                self.input(c.case.clone())
            };
            let options = if c.documented {
                Options::default()
            } else {
                self.options.clone()
            };
            let hits: Vec<Diagnostic> = run(&input, &options)
                .into_iter()
                .filter(|d| d.rule == self.rule.id)
                .collect();
            if c.fail == hits.is_empty() {
                let got: Vec<String> = hits
                    .iter()
                    .zip(starts(&hits))
                    .map(|(d, (line, col))| format!("{line}:{col} {}", d.message.en))
                    .collect();
                problems.push(format!(
                    "{} {}: expected {}; got {got:?}",
                    self.rule.id,
                    c.name,
                    if c.fail { "a finding" } else { "none" },
                ));
            }
            if render && c.fail {
                frames.push_str(&format!("── {}\n\n", c.name));
                let view = crate::output::InputView {
                    files: &input.files,
                    display: Some((PROJECT, "")),
                };
                frames.push_str(&crate::output::text::render_findings(
                    &hits,
                    &input.path,
                    &view,
                    Lang::En,
                ));
                frames.push('\n');
            }
        }
        (problems, frames)
    }
}

/// The documented examples of `rule`: whether each must fail, and its case. A fenced block in
/// the docs whose info string reads `<lang>,fail,file=<path>` or `<lang>,pass,file=<path>` is
/// written over `<path>` (relative to the chart root); `delete=<path>` removes that file instead.
pub(crate) fn examples(rule: &Rule) -> Vec<(bool, Case)> {
    let mut out = Vec::new();
    let mut lines = rule.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l));
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let attrs: Vec<&str> = info.split(',').map(str::trim).collect();
        let fail = attrs.contains(&"fail");
        let pass = attrs.contains(&"pass");
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        if !(fail || pass) {
            continue;
        }
        let file = attrs.iter().find_map(|a| a.strip_prefix("file="));
        let case = match (file, attrs.iter().find_map(|a| a.strip_prefix("delete="))) {
            (Some(path), _) => with(path, body),
            (None, Some(path)) => without(path),
            (None, None) => panic!("{}: example without file= or delete=", rule.id),
        };
        out.push((fail, case));
    }
    out
}

mod tests {
    use super::*;
    use crate::chart::ACL_HELPERS;
    use crate::rules::acl::acl_002::RULE;

    #[test]
    #[should_panic(
        expected = "ACL-002 pass case #1 (templates/_acl_helpers.yaml.tpl): expected none"
    )]
    fn a_pass_case_with_a_finding_fails() {
        Tester::new(&RULE)
            .file(ACL_HELPERS)
            .pass(["data:\n  psp_type: limit\n"])
            .test();
    }

    #[test]
    #[should_panic(
        expected = "ACL-002 fail case #1 (without templates/_acl_helpers.yaml.tpl): expected a finding"
    )]
    fn a_fail_case_without_a_finding_fails() {
        Tester::new(&RULE).fail([without(ACL_HELPERS)]).test();
    }

    #[test]
    #[should_panic(
        expected = "ACL-002 on [templates/_acl_helpers.yaml.tpl = \"data: {psp_type: Limit}\\n\"]"
    )]
    fn one_wants_exactly_one_finding() {
        Tester::new(&RULE)
            .file(ACL_HELPERS)
            .one("data: {psp_type: Limit}\n");
    }

    #[test]
    fn cases_edit_the_good_project() {
        let t = Tester::new(&RULE).with("values.yaml", "a: 1\n");
        let input = t.input(
            with("../../Makefile", "all:\n")
                .without(ACL_HELPERS)
                .renamed("Chart.yaml", "../other/Chart.yaml"),
        );
        let file = |p: &str| {
            input
                .files
                .iter()
                .find(|f| f.path == p)
                .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        };
        assert_eq!(file("good-project/Makefile").as_deref(), Some("all:\n"));
        assert_eq!(
            file("good-project/chart/mycloud-product/values.yaml").as_deref(),
            Some("a: 1\n")
        );
        assert_eq!(file(&format!("{CHART_ROOT}{ACL_HELPERS}")), None);
        assert_eq!(file(&format!("{CHART_ROOT}Chart.yaml")), None);
        assert!(file("good-project/chart/other/Chart.yaml").is_some());
        assert_eq!(input.files.len(), good_project().files.len() - 1);
    }
}
