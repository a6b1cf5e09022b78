//! What the HOOK rules share (§1.1.6.10): the hook files of a project and where each sits in
//! the layout `hook/{install,upgrade,delete}/{check,job}/{pre,post}/NNN_name.sh`, the products
//! the hooks belong to, and a little shell reading.
//!
//! Hooks live in the project (`<project>/hook/`), not in a chart: the rules about the hook files
//! themselves have the project scope (they run once per project, their findings shown under its
//! first chart, as LAYOUT-005's); the rules about a product (HOOK-003) run with each chart. A
//! packaged chart has no project around it and no hooks to read: the HOOK rules skip it.

use crate::chart::{decode, Chart, YamlFile, CHART_YAML};
use crate::diagnostic::{Pos, Range};
use crate::input::{File, Input};
use crate::rules::chart::keywords::{self, ChartYaml, Form, FOUNDATION};
use crate::yaml::{self, YamlLimits};

/// The folder under `hook/`: when the hook runs.
pub const STAGES: &[&str] = &["install", "upgrade", "delete"];
/// The folder under the stage: a check or a job.
pub const KINDS: &[&str] = &["check", "job"];
/// The folder under the kind: before or after the action.
pub const PHASES: &[&str] = &["pre", "post"];
/// Files that only keep an empty folder in git, or that a file manager leaves: not hooks.
pub const IGNORED: &[&str] = &[".gitkeep", ".keep", ".gitignore", ".DS_Store"];

/// How a hook file is off the layout (HOOK-001).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misplaced {
    /// The folder at `level` (0 stage, 1 kind, 2 phase) has another name.
    Folder { level: usize, name: String },
    /// The file sits above a phase folder (`hook/delete/check/001_a.sh`).
    Shallow,
    /// The file sits in a folder below the phase folder (`hook/delete/check/pre/old/001_a.sh`).
    Deep,
    /// The file name is not `<digits>_name.sh`.
    Name,
    /// The file name is `<digits>_name.sh` with other than three digits (`1_a.sh`, `0001_a.sh`):
    /// it runs, but out of order among names of another width (HOOK-001's warning).
    Order,
}

/// One file under `<project>/hook/`.
#[derive(Debug)]
pub struct HookFile<'a> {
    pub file: &'a File,
    /// The path relative to the project (`hook/delete/check/pre/001_check.sh`), for messages.
    pub shown: &'a str,
    /// The folders between `hook/` and the file.
    pub folders: Vec<&'a str>,
    /// The file name.
    pub name: &'a str,
    /// Why it is off the layout, if it is.
    pub problem: Option<Misplaced>,
}

impl<'a> HookFile<'a> {
    /// `(stage, kind, phase)` when the file sits directly in a valid phase folder, whatever
    /// its own name.
    pub fn place(&self) -> Option<(&'a str, &'a str, &'a str)> {
        match self.folders[..] {
            [s, k, p] if STAGES.contains(&s) && KINDS.contains(&k) && PHASES.contains(&p) => {
                Some((s, k, p))
            }
            _ => None,
        }
    }
    /// Whether the file sits directly in `hook/<stage>/<kind>/<phase>/`.
    pub fn is_in(&self, stage: &str, kind: &str, phase: &str) -> bool {
        self.place() == Some((stage, kind, phase))
    }
    /// The order number as written (`001`), when the name starts with digits.
    pub fn order(&self) -> Option<&'a str> {
        let end = self
            .name
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.name.len());
        (end > 0).then(|| &self.name[..end])
    }
    /// Whether the file is a script: named `*.sh`, or starting with `#!`.
    pub fn is_script(&self) -> bool {
        let data = self
            .file
            .data
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.file.data);
        self.name.ends_with(".sh") || data.starts_with(b"#!")
    }
    /// The script's text, when it is UTF-8 without NUL bytes (a BOM dropped). Binary files and
    /// other encodings are `None`: the rules that read lines skip them (INPUT-001 reports
    /// invalid UTF-8).
    pub fn text(&self) -> Option<&'a str> {
        decode(self.file).filter(|t| !t.contains('\0'))
    }
}

/// The hook files of one project, in path order.
#[derive(Debug)]
pub struct Hooks<'a> {
    /// The project's path prefix inside the input (`""` or `orbit-console-project/`).
    pub prefix: String,
    pub files: Vec<HookFile<'a>>,
}

impl<'a> Hooks<'a> {
    /// The files sitting directly in `hook/<stage>/<kind>/<phase>/`.
    pub fn in_folder<'s>(
        &'s self,
        stage: &'s str,
        kind: &'s str,
        phase: &'s str,
    ) -> impl Iterator<Item = &'s HookFile<'a>> + 's {
        self.files
            .iter()
            .filter(move |f| f.is_in(stage, kind, phase))
    }
    /// The scripts whose text can be read (see [`HookFile::text`]), with that text.
    pub fn readable_scripts(&self) -> impl Iterator<Item = (&HookFile<'a>, &'a str)> + '_ {
        self.files
            .iter()
            .filter(|f| f.is_script())
            .filter_map(|f| Some((f, f.text()?)))
    }
}

/// The hooks of `chart`'s project, whichever chart of the project it is. `None` for a chart
/// outside a project.
pub fn hooks<'a>(chart: &Chart<'a>) -> Option<Hooks<'a>> {
    let project = chart.project.as_ref()?;
    let dir = format!("{}hook/", project.prefix);
    let mut files: Vec<HookFile<'a>> = project
        .hooks
        .iter()
        .copied()
        .filter_map(|file: &'a File| {
            let below = file.path.strip_prefix(&dir)?;
            let shown = &file.path[project.prefix.len()..];
            let mut parts: Vec<&'a str> = below.split('/').filter(|p| !p.is_empty()).collect();
            let name = parts.pop()?;
            if IGNORED.contains(&name) {
                return None;
            }
            let problem = misplaced(&parts, name);
            Some(HookFile {
                file,
                shown,
                folders: parts,
                name,
                problem,
            })
        })
        .collect();
    slim_sort::sort_by(&mut files, |a, b| a.file.path.cmp(&b.file.path));
    Some(Hooks {
        prefix: project.prefix.clone(),
        files,
    })
}

/// The `Chart.yaml` paths of the project's charts (`<project>chart/<name>/Chart.yaml`), sorted.
fn project_charts<'i>(input: &'i Input, project: &str) -> Vec<&'i str> {
    let dir = format!("{project}chart/");
    let mut out: Vec<&str> = input
        .files
        .iter()
        .filter(|f| {
            f.path
                .strip_prefix(&dir)
                .and_then(|rest| rest.strip_suffix(CHART_YAML))
                .and_then(|name| name.strip_suffix('/'))
                .is_some_and(|name| !name.is_empty() && !name.contains('/'))
        })
        .map(|f| f.path.as_str())
        .collect();
    slim_sort::sort(&mut out);
    out.dedup();
    out
}

fn misplaced(folders: &[&str], name: &str) -> Option<Misplaced> {
    for (level, (folder, known)) in folders.iter().zip([STAGES, KINDS, PHASES]).enumerate() {
        if !known.contains(folder) {
            return Some(Misplaced::Folder {
                level,
                name: folder.to_string(),
            });
        }
    }
    match folders.len() {
        0..=2 => Some(Misplaced::Shallow),
        3 => match order_width(name) {
            Some(3) => None,
            Some(_) => Some(Misplaced::Order),
            None => Some(Misplaced::Name),
        },
        _ => Some(Misplaced::Deep),
    }
}

/// `NNN_name.sh`: three digits (the order), `_`, a name of letters, digits, `_`, `-` or `.`,
/// and `.sh`.
pub fn is_hook_name(name: &str) -> bool {
    order_width(name) == Some(3)
}

/// The number of digits of the order when `name` is `<digits>_name.sh` (digits, `_`, a name
/// of letters, digits, `_`, `-` or `.`, and `.sh`); `None` for any other name.
pub fn order_width(name: &str) -> Option<usize> {
    let stem = name.strip_suffix(".sh")?;
    let width = stem.find(|c: char| !c.is_ascii_digit())?;
    let rest = stem[width..].strip_prefix('_')?;
    (width > 0
        && rest
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        && rest.bytes().any(|c| c.is_ascii_alphanumeric()))
    .then_some(width)
}

/// A well-formed name close to `name` (`1_check.sh` → `001_check.sh`), if one is obvious.
pub fn suggest_name(name: &str) -> Option<String> {
    let digits_end = name
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(name.len());
    let (digits, rest) = name.split_at(digits_end);
    let stem = rest
        .strip_suffix(".sh")
        .or_else(|| rest.strip_suffix(".bash"))
        .or_else(|| rest.strip_suffix(".ash"))
        .unwrap_or(rest)
        .trim_start_matches(['_', '-', '.', ' ']);
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches('_');
    if stem.is_empty() || !stem.bytes().any(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let order = match digits.trim_start_matches('0') {
        "" if digits.is_empty() => "001".to_string(),
        "" => "000".to_string(),
        d if d.len() <= 3 => format!("{d:0>3}"),
        _ => return None,
    };
    let out = format!("{order}_{stem}.sh");
    (out != name && is_hook_name(&out)).then_some(out)
}

/// A product the project's hooks belong to: one chart of the project.
#[derive(Debug, Clone)]
pub struct Product {
    /// Chart.yaml `name` (the product ID), or the chart folder's name.
    pub name: String,
    /// Where Chart.yaml says the product is a foundation product, if it does.
    pub foundation: Option<Range>,
}

/// The products of `chart`'s project, in path order: every chart under `<project>/chart/`
/// (their Chart.yaml read here), or just `chart` outside a project.
pub fn products(chart: &Chart) -> Vec<Product> {
    let own = Product {
        name: chart.name(),
        foundation: foundation(chart),
    };
    let Some(project) = &chart.project else {
        return vec![own];
    };
    let own_path = chart.path(CHART_YAML);
    let mut out = Vec::new();
    for path in project_charts(chart.input, &project.prefix) {
        if path == own_path {
            out.push(own.clone());
            continue;
        }
        let Some(file) = chart.input.files.iter().find(|f| f.path == path) else {
            continue;
        };
        let dir_name = path
            .trim_end_matches(CHART_YAML)
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        let Some(text) = decode(file) else {
            out.push(Product {
                name: dir_name,
                foundation: None,
            });
            continue;
        };
        let yf = YamlFile {
            path: path.to_string(),
            text: text.to_string(),
            yaml: yaml::parse(text, YamlLimits::default()),
        };
        let name = yf
            .root()
            .and_then(|r| r.get("name")?.as_str().map(str::to_string))
            .unwrap_or(dir_name);
        let foundation = (yf.yaml.syntax_error().is_none())
            .then(|| {
                foundation_in(&ChartYaml {
                    file: &yf,
                    root: yf.root().filter(|r| r.as_map().is_some()),
                    partial: false,
                })
            })
            .flatten();
        out.push(Product { name, foundation });
    }
    if out.is_empty() {
        out.push(own);
    }
    out
}

/// Where Chart.yaml makes `chart` a foundation product: a keyword `foundation` or
/// `creator:foundation` (also when CHART-002 reports its spacing, as `creator: foundation`).
/// Reuses the CHART rules' reading of `keywords` ([`keywords::keywords`]).
pub fn foundation(chart: &Chart) -> Option<Range> {
    foundation_in(&keywords::chart_yaml(chart)?)
}

fn foundation_in(cy: &ChartYaml) -> Option<Range> {
    keywords::keywords(cy)
        .into_iter()
        .find(|k| {
            (k.form == Form::Word && k.key == FOUNDATION)
                || (k.has_key() && k.key == "creator" && k.value == FOUNDATION)
        })
        .map(|k| k.range)
}

/// Lines of a script with their 1-based numbers, a trailing `\r` dropped.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
}

/// Where a shell comment starts on `line` (a byte index): a `#` outside quotes at the start of
/// a word. Quotes left open at the end of the line are not followed onto the next.
pub fn comment_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if !single => i += 1,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'#' if !single && !double => {
                let word_start = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b';' | b'&' | b'|');
                if word_start {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The 1-based column (in chars) of byte `at` of `line`.
pub fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(at, |s| s.chars().count()) + 1
}

/// The range of bytes `start..end` of `line` (line `n`).
pub fn span(n: usize, line: &str, start: usize, end: usize) -> Range {
    Range {
        start: Pos {
            line: n,
            column: column(line, start),
        },
        end: Pos {
            line: n,
            column: column(line, end),
        },
    }
}

/// The good project's delete check script, as the rule tester's cases name it.
#[cfg(test)]
pub(crate) const CHECK: &str = "../../hook/delete/check/pre/001_check.sh";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tester::{fixture, good_project, run, with};

    /// The HOOK rules' findings on `input`.
    fn hook_findings(input: &crate::input::Input) -> Vec<crate::diagnostic::Diagnostic> {
        run(input, &Default::default())
            .into_iter()
            .filter(|d| d.rule.starts_with("HOOK-"))
            .collect()
    }

    /// The good project, the page's sample and the RES fixture give the HOOK rules nothing to
    /// say (beyond info).
    #[test]
    fn clean_projects_stay_clean() {
        let inputs = [
            good_project(),
            fixture("sample", ""),
            fixture("res-mistakes", ""),
        ];
        for input in &inputs {
            let d = hook_findings(input);
            assert!(
                d.iter()
                    .all(|d| d.severity == crate::diagnostic::Severity::Info),
                "{}: {d:#?}",
                input.path
            );
        }
    }

    /// `tests/fixtures/hook-mistakes`: two projects that between them trip every HOOK rule.
    #[test]
    fn the_hook_mistakes_fixture() {
        let input = fixture("hook-mistakes", "");
        let mut got: Vec<String> = hook_findings(&input)
            .into_iter()
            .map(|d| {
                let at = d.range.map_or(String::new(), |r| {
                    format!(":{}:{}", r.start.line, r.start.column)
                });
                let sev = d.severity.as_str();
                format!("{} {sev} {}{at}", d.rule, d.file.as_deref().unwrap_or(""))
            })
            .collect();
        got.sort();
        let want = [
            "HOOK-001 error app-project/hook/remove/check/pre/001_check.sh",
            // The pattern, with a one-digit order number.
            "HOOK-001 warning app-project/hook/install/check/pre/1_precheck.sh",
            "HOOK-002 error app-project/hook/delete/check/pre/001_check.sh:9:1",
            "HOOK-003 warning base-project/chart/hook-base/Chart.yaml:10:5",
            "HOOK-004 error app-project/hook/delete/job/post/001_cleanup.sh",
            "HOOK-005 info app-project/hook/delete/check/pre/001_volumes.sh",
            "HOOK-005 warning app-project/hook/delete/check/pre/001_check.sh:4:3",
            "HOOK-006 warning app-project/hook/delete/check/pre/001_volumes.sh",
            "HOOK-007 warning app-project/hook/delete/check/pre/001_check.sh:6:16",
            "HOOK-008 warning app-project/hook/delete/check/pre/001_check.sh:1:8",
            "HOOK-008 warning app-project/hook/delete/check/pre/001_volumes.sh:1:10",
        ];
        assert_eq!(got, want, "{got:#?}");
    }

    /// Pathological scripts: every rule answers without panicking, and without a runaway (the bound
    /// catches a hang or a quadratic walk, not speed: that is for the benches; a debug build of
    /// all the rules takes well under a second per script on a quiet machine).
    #[test]
    fn hostile_scripts() {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let random: Vec<u8> = (0..200_000)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                (rng >> 24) as u8
            })
            .collect();
        let scripts: Vec<Vec<u8>> = vec![
            "delete ".repeat(300_000).into_bytes(),
            "delete".repeat(300_000).into_bytes(),
            "echo 'x delete pre check pass'\n"
                .repeat(50_000)
                .into_bytes(),
            "kubectl get cp\n".repeat(20_000).into_bytes(),
            "kubectl -n".repeat(100_000).into_bytes(),
            "$(".repeat(200_000).into_bytes(),
            ")".repeat(200_000).into_bytes(),
            "kubectl get \\\n".repeat(100_000).into_bytes(),
            "cat <<EOF\nkubectl get cp\n".repeat(1_000).into_bytes(),
            "\"".repeat(200_000).into_bytes(),
            "'".repeat(200_000).into_bytes(),
            "#".repeat(1_000_000).into_bytes(),
            "# fail_en:\n# fail_zh:\n".repeat(10_000).into_bytes(),
            "\r\n".repeat(200_000).into_bytes(),
            format!("#!/usr/bin/env{}\n", " -x".repeat(100_000)).into_bytes(),
            format!("#!{}\n", "/".repeat(100_000)).into_bytes(),
            "é\u{feff}\u{200b}𝔘".repeat(100_000).into_bytes(),
            random,
            Vec::new(),
        ];
        for script in &scripts {
            let input = with(CHECK, script)
                .with("../../hook/delete/job/pre/001_x.sh", script)
                .input();
            let started = std::time::Instant::now();
            let _ = run(&input, &Default::default());
            let took = started.elapsed();
            assert!(
                took < std::time::Duration::from_secs(20),
                "{took:?} for {:?}",
                String::from_utf8_lossy(&script[..script.len().min(40)])
            );
        }
    }

    #[test]
    fn hook_names() {
        for ok in ["001_check.sh", "010_a-b.c_d.sh", "999_X.sh"] {
            assert!(is_hook_name(ok), "{ok}");
        }
        for bad in [
            "1_check.sh",
            "0001_check.sh",
            "001-check.sh",
            "001_check",
            "001_.sh",
            "001_my check.sh",
            "check.sh",
            "001_check.bash",
            "001_检查.sh",
        ] {
            assert!(!is_hook_name(bad), "{bad}");
        }
    }

    #[test]
    fn name_suggestions() {
        let s = |n| suggest_name(n);
        assert_eq!(s("1_check.sh").as_deref(), Some("001_check.sh"));
        assert_eq!(s("01-check.sh").as_deref(), Some("001_check.sh"));
        assert_eq!(s("0002_check.sh").as_deref(), Some("002_check.sh"));
        assert_eq!(s("check.sh").as_deref(), Some("001_check.sh"));
        assert_eq!(s("001_check").as_deref(), Some("001_check.sh"));
        assert_eq!(s("001_check.bash").as_deref(), Some("001_check.sh"));
        assert_eq!(s("001_my check.sh").as_deref(), Some("001_my_check.sh"));
        assert_eq!(s("1234_x.sh"), None);
        assert_eq!(s("001_.sh"), None);
        assert_eq!(s("001_check.sh"), None);
    }

    #[test]
    fn layout_problems() {
        let m = |p: &str| {
            let mut parts: Vec<&str> = p.split('/').collect();
            let name = parts.pop().unwrap();
            misplaced(&parts, name)
        };
        assert_eq!(m("delete/check/pre/001_a.sh"), None);
        assert_eq!(
            m("remove/check/pre/001_a.sh"),
            Some(Misplaced::Folder {
                level: 0,
                name: "remove".into()
            })
        );
        assert_eq!(
            m("delete/checks/pre/001_a.sh"),
            Some(Misplaced::Folder {
                level: 1,
                name: "checks".into()
            })
        );
        assert_eq!(
            m("delete/check/before/001_a.sh"),
            Some(Misplaced::Folder {
                level: 2,
                name: "before".into()
            })
        );
        assert_eq!(m("delete/check/001_a.sh"), Some(Misplaced::Shallow));
        assert_eq!(m("001_a.sh"), Some(Misplaced::Shallow));
        assert_eq!(m("delete/check/pre/old/001_a.sh"), Some(Misplaced::Deep));
        assert_eq!(m("delete/check/pre/a.sh"), Some(Misplaced::Name));
        assert_eq!(m("delete/check/pre/1_a.sh"), Some(Misplaced::Order));
        assert_eq!(m("delete/check/pre/0001_a.sh"), Some(Misplaced::Order));
        assert_eq!(m("delete/check/pre/1-a.sh"), Some(Misplaced::Name));
    }

    #[test]
    fn comments() {
        assert_eq!(comment_start("# x"), Some(0));
        assert_eq!(comment_start("  echo a # b"), Some(9));
        assert_eq!(comment_start("echo 'a # b'"), None);
        assert_eq!(comment_start("echo \"a # b\" #c"), Some(13));
        assert_eq!(comment_start("echo a#b"), None);
        assert_eq!(comment_start("echo \\# x"), None);
        assert_eq!(comment_start("x=1;# y"), Some(4));
    }

    #[test]
    fn first_chart_speaks_for_the_project() {
        let input = with(
            "../another/Chart.yaml",
            "apiVersion: v1\nname: another\nversion: 1.0.0\nkeywords:\n  - foundation\n",
        )
        .input();
        let charts = crate::chart::discover(&input);
        assert_eq!(charts.len(), 2);
        assert_eq!(charts[0].dir_name, "another");
        assert!(hooks(&charts[1]).is_some());
        let p = products(&charts[1]);
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["another", "mycloud-product"]);
        assert!(p[0].foundation.is_some() && p[1].foundation.is_none());
    }

    #[test]
    fn ignored_files_and_places() {
        let input = with("../../hook/delete/job/pre/.gitkeep", "")
            .with("../../hook/README.md", "# hooks\n")
            .input();
        let charts = crate::chart::discover(&input);
        let h = hooks(&charts[0]).unwrap();
        let shown: Vec<_> = h.files.iter().map(|f| f.shown).collect();
        assert_eq!(
            shown,
            ["hook/README.md", "hook/delete/check/pre/001_check.sh"]
        );
        assert!(!h.files[0].is_script());
        assert_eq!(h.files[1].order(), Some("001"));
        assert_eq!(h.in_folder("delete", "check", "pre").count(), 1);
    }
}
