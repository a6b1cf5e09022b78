//! `.ecplint.yaml`: a project's or a chart's own settings, read from the input like any other
//! file (so the CLI and the page behave alike).
//!
//! ```yaml
//! rules:
//!   HA: warning        # a group: every HA-* rule's findings are warnings
//!   HELM-002: off      # a rule: not reported
//!   IMG-001: error
//! ignore:              # findings in these files are not reported (globs, from this folder)
//!   - legacy/**
//!   - "*.bak"
//! kube-version: 1.29.0 # as --kube-version (which wins over it), for the check and `ecplint template`
//! categories: [compute, storage]  # as --categories (both count)
//! ```
//!
//! A file is read at the input's top folder, a project's root (beside the Makefile) or a chart's
//! root; a chart's file is read over its project's: for a rule, the nearest file that names the
//! rule or its group decides (in one file, the rule's own entry before its group's); `ignore`
//! and `categories` of every file above a finding count; the nearest `kube-version` is used.
//! What is wrong in a file is INPUT-003's to report ([`ConfigFile::problems`]).

use crate::chart::Chart;
use crate::diagnostic::{Diagnostic, Range, Severity, Text};
use crate::input::Input;
use crate::rules::{find, ALL};
use crate::text;
use crate::yaml::{self, Node};

pub const FILE_NAME: &str = ".ecplint.yaml";
const KEYS: &[&str] = &["rules", "ignore", "kube-version", "categories"];
const SETTINGS: &[&str] = &["error", "warning", "info", "off"];

/// What a file says of a rule or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// `off` (or `false`): not reported.
    Off,
    /// `on` (or `true`, `default`): the rule's own severity (over a setting further up).
    Default,
    Severity(Severity),
}

/// One entry of `rules:`: a rule ID or a group, upper-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    pub name: String,
    pub setting: Setting,
}

/// Something wrong in a config file, for INPUT-003: where, what, how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub range: Option<Range>,
    pub message: Text,
    pub help: Option<Text>,
}

/// One `.ecplint.yaml`, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFile {
    pub path: String,
    /// Its folder, with a trailing `/` ("" at the top): what it applies to, and where `ignore`'s
    /// globs start.
    pub dir: String,
    /// Whether it sits where it is read (a root); one elsewhere is only reported.
    pub read: bool,
    pub rules: Vec<RuleSetting>,
    pub ignore: Vec<String>,
    pub kube_version: Option<String>,
    pub categories: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Every `.ecplint.yaml` of an input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Configs {
    pub files: Vec<ConfigFile>,
    /// The input's top folder (`proj/`), or "": where a finding with neither file nor chart is.
    pub top: String,
}

impl Configs {
    /// The input's config files, each parsed; `read` says which apply (those at the input's top
    /// folder, a project root or a chart root).
    pub fn read(input: &Input, charts: &[Chart]) -> Configs {
        let mut files = Vec::new();
        for file in &input.files {
            let name = file.path.rsplit('/').next().unwrap_or_default();
            if name != FILE_NAME {
                continue;
            }
            let dir = &file.path[..file.path.len() - FILE_NAME.len()];
            let top = dir.is_empty() || dir.find('/') == Some(dir.len() - 1);
            let root = charts
                .iter()
                .any(|c| c.prefix == dir || c.project.as_ref().is_some_and(|p| p.prefix == dir));
            let text = crate::chart::decode(file).unwrap_or_default();
            let mut config = parse(text);
            config.path = file.path.clone();
            config.dir = dir.to_string();
            config.read = top || root;
            files.push(config);
        }
        // Nearest first: the deepest folder decides before the ones above it.
        slim_sort::sort_by_key(&mut files, |f| std::cmp::Reverse(f.dir.len()));
        Configs {
            files,
            top: top_folder(input),
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.files.iter().any(|f| f.read)
    }

    /// The files that apply at `path` (a file of the input, or a chart's folder), nearest first.
    fn at<'a, 'p>(&'a self, path: &'p str) -> impl Iterator<Item = &'a ConfigFile> + use<'a, 'p> {
        self.files
            .iter()
            .filter(move |f| f.read && path.starts_with(&f.dir))
    }

    /// The Kubernetes version the nearest file above `path` gives.
    pub fn kube_version(&self, path: &str) -> Option<&str> {
        self.at(path).find_map(|f| f.kube_version.as_deref())
    }

    /// The categories every file above `path` lists.
    pub fn categories(&self, path: &str) -> Vec<String> {
        self.at(path)
            .flat_map(|f| f.categories.iter().cloned())
            .collect()
    }

    /// The setting for `rule` at `path` and the file it comes from.
    fn setting(&self, rule: &str, path: &str) -> Option<(Setting, &ConfigFile)> {
        let group = find(rule).map(|r| r.group.as_str());
        self.at(path).find_map(|f| {
            let of = |name: &str| f.rules.iter().find(|r| r.name == name);
            let entry = of(rule).or_else(|| group.and_then(of))?;
            Some((entry.setting, f))
        })
    }

    /// Whether a file above `path` ignores it.
    fn ignored(&self, path: &str) -> bool {
        self.at(path).any(|f| {
            let rel = &path[f.dir.len()..];
            f.ignore.iter().any(|g| glob_ignores(g, rel))
        })
    }

    /// Drop the findings the configs turn off or whose file they ignore, and give the others
    /// their configured severity (`Diagnostic::configured` keeps the one the rule gave).
    /// `chart_folder` gives where a finding without a file is: its chart's folder (else the
    /// input's top).
    pub fn apply(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        chart_folder: impl Fn(&str) -> Option<String>,
    ) {
        if self.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| {
            let path = d.file.clone().unwrap_or_else(|| {
                d.chart
                    .as_deref()
                    .and_then(&chart_folder)
                    .unwrap_or_else(|| self.top.clone())
            });
            if d.file.is_some() && self.ignored(&path) {
                return false;
            }
            match self.setting(d.rule, &path) {
                Some((Setting::Off, _)) => false,
                Some((Setting::Severity(severity), file)) if severity != d.severity => {
                    d.configured = Some(crate::diagnostic::Configured {
                        severity: d.severity,
                        by: file.path.clone(),
                    });
                    d.severity = severity;
                    true
                }
                _ => true,
            }
        });
    }
}

/// The folder every file of the input is in (`proj/`), or "" when they are not all in one.
fn top_folder(input: &Input) -> String {
    let Some((top, _)) = input.files.first().and_then(|f| f.path.split_once('/')) else {
        return String::new();
    };
    let prefix = format!("{top}/");
    if input.files.iter().all(|f| f.path.starts_with(&prefix)) {
        prefix
    } else {
        String::new()
    }
}

/// Whether the glob `pattern` (from a config's folder) covers the file `rel`: a pattern without
/// `/` matches a file or folder name at any depth, one with `/` the path from the config's
/// folder; a trailing `/` names a folder (everything under it); `**` crosses folders.
pub fn glob_ignores(pattern: &str, rel: &str) -> bool {
    let (pattern, folder_only) = match pattern.strip_suffix('/') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    // A `/` anywhere (a leading one too) ties the pattern to the config's folder.
    let anchored = pattern.contains('/');
    let pattern = pattern.strip_prefix('/').unwrap_or(pattern);
    // Every folder above the file, then the file itself.
    let folders = rel.match_indices('/').map(|(i, _)| &rel[..i]);
    let file = (!folder_only).then_some(rel);
    folders.chain(file).any(|candidate| {
        let name = candidate.rsplit('/').next().unwrap_or(candidate);
        let subject = if anchored { candidate } else { name };
        crate::render::glob_match(pattern, subject, true)
    })
}

/// Why `pattern` cannot be an `ignore` glob, if it cannot.
fn bad_glob(pattern: &str) -> Option<Text> {
    if pattern.trim().is_empty() {
        return Some(text!("an empty glob", "空的 glob"));
    }
    if pattern.split('/').any(|part| part == "..") {
        return Some(text!(
            "`{pattern}` leaves the config's folder (`..`)",
            "`{pattern}` 超出了配置文件所在目录（`..`）"
        ));
    }
    let mut open: Option<char> = None;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match (c, open) {
            ('\\', _) if chars.next().is_none() => {
                return Some(text!(
                    "`{pattern}` ends in an escape `\\`",
                    "`{pattern}` 以转义符 `\\` 结尾"
                ));
            }
            ('[', None) | ('{', None) => open = Some(c),
            (']', Some('[')) | ('}', Some('{')) => open = None,
            _ => {}
        }
    }
    open.map(|c| {
        let close = if c == '[' { ']' } else { '}' };
        text!(
            "`{pattern}` opens `{c}` and never closes it with `{close}`",
            "`{pattern}` 中的 `{c}` 没有对应的 `{close}`"
        )
    })
}

/// Parse one config text; problems are collected, and whatever is right is kept.
pub fn parse(text: &str) -> ConfigFile {
    let mut config = ConfigFile::default();
    let parsed = yaml::parse(text, yaml::YamlLimits::default());
    for problem in &parsed.problems {
        let message = match problem {
            yaml::Problem::Syntax { message, .. } => text!(
                "this is not valid YAML: {message}",
                "这不是有效的 YAML：{message}"
            ),
            yaml::Problem::DuplicateKey { key, .. } => {
                text!("`{key}` is given twice", "`{key}` 重复出现")
            }
            _ => text!("this YAML cannot be read whole", "无法完整读取该 YAML"),
        };
        config.problems.push(Problem {
            range: Some(problem.range()),
            message,
            help: None,
        });
    }
    let Some(root) = parsed.root() else {
        return config;
    };
    let Some(entries) = root.as_map() else {
        if !is_null(root) {
            config.problem(
                root.range,
                text!(
                    "the config must be a map of settings, not a {kind}",
                    "配置必须是设置项的映射，而不是 {kind}",
                    kind = root.type_name()
                ),
                Some(text!(
                    "write keys such as `rules:`, `ignore:`, `kube-version:`, `categories:`",
                    "请写成 `rules:`、`ignore:`、`kube-version:`、`categories:` 等键"
                )),
            );
        }
        return config;
    };
    for entry in entries {
        let key = entry.key.key_string();
        match key.as_str() {
            "rules" => config.read_rules(&entry.value),
            "ignore" => {
                for item in config.strings(&entry.value, "ignore") {
                    match bad_glob(&item.0) {
                        Some(why) => config.problem(
                            item.1,
                            Text {
                                en: format!("bad glob in `ignore`: {}", why.en),
                                zh: format!("`ignore` 中的 glob 有误：{}", why.zh),
                            },
                            Some(text!(
                                "globs are paths from this file's folder: `*`, `**`, `?`, `[a-z]`, `{{a,b}}`; e.g. `legacy/**`",
                                "glob 是相对于该文件所在目录的路径：`*`、`**`、`?`、`[a-z]`、`{{a,b}}`，例如 `legacy/**`"
                            )),
                        ),
                        None => config.ignore.push(item.0),
                    }
                }
            }
            "kube-version" => {
                let Some(v) = entry.value.as_scalar().filter(|_| !is_null(&entry.value)) else {
                    config.problem(
                        entry.value.range,
                        text!(
                            "`kube-version` must be a version such as `1.29.0`",
                            "`kube-version` 必须是版本号，例如 `1.29.0`"
                        ),
                        None,
                    );
                    continue;
                };
                let version = v.text.trim().to_string();
                let options = crate::render::RenderOptions {
                    kube_version: Some(version.clone()),
                    ..Default::default()
                };
                if crate::render::check_call(&options).is_ok() {
                    config.kube_version = Some(version);
                } else {
                    config.problem(
                        entry.value.range,
                        text!(
                            "`{version}` is not a Kubernetes version",
                            "`{version}` 不是 Kubernetes 版本号"
                        ),
                        Some(text!(
                            "write it as `--kube-version` takes it: `1.29.0`, `v1.29` or `1.29`",
                            "按 `--kube-version` 的写法填写：`1.29.0`、`v1.29` 或 `1.29`"
                        )),
                    );
                }
            }
            "categories" => {
                let names = config.strings(&entry.value, "categories");
                config.categories.extend(names.into_iter().map(|n| n.0));
            }
            _ => {
                let hint = match crate::suggest::nearest(&key, KEYS) {
                    Some(near) => text!("did you mean `{near}`?", "是否应为 `{near}`？"),
                    None => text!(
                        "the keys are `rules`, `ignore`, `kube-version` and `categories`",
                        "可用的键为 `rules`、`ignore`、`kube-version` 和 `categories`"
                    ),
                };
                config.problem(
                    entry.key.range,
                    text!("unknown key `{key}`", "未知的键 `{key}`"),
                    Some(hint),
                );
            }
        }
    }
    config
}

fn is_null(node: &Node) -> bool {
    node.as_scalar()
        .is_some_and(|s| s.value == yaml::Value::Null)
}

impl ConfigFile {
    fn problem(&mut self, range: Range, message: Text, help: Option<Text>) {
        self.problems.push(Problem {
            range: Some(range),
            message,
            help,
        });
    }

    /// `rules:` — a map of rule IDs or groups to a severity or `off`.
    fn read_rules(&mut self, node: &Node) {
        let Some(entries) = node.as_map() else {
            if !is_null(node) {
                self.problem(
                    node.range,
                    text!(
                        "`rules` must be a map of rule IDs or groups to a severity",
                        "`rules` 必须是规则编号或分组到严重级别的映射"
                    ),
                    Some(text!(
                        "e.g. `rules: {{HA: warning, HELM-002: off}}`",
                        "例如 `rules: {{HA: warning, HELM-002: off}}`"
                    )),
                );
            }
            return;
        };
        let known: Vec<&str> = ALL
            .iter()
            .map(|r| r.id)
            .chain(ALL.iter().map(|r| r.group.as_str()))
            .collect();
        for entry in entries {
            let name = entry.key.key_string();
            let upper = name.to_ascii_uppercase();
            let exists = find(&upper).is_some() || ALL.iter().any(|r| r.group.as_str() == upper);
            if !exists {
                let hint = match crate::suggest::nearest(&name, &known) {
                    Some(near) => text!("did you mean `{near}`?", "是否应为 `{near}`？"),
                    None => text!(
                        "`ecplint rules` lists the rule IDs; a group is the part before the dash (`HA`, `HELM`)",
                        "`ecplint rules` 列出所有规则编号；分组为短横线之前的部分（`HA`、`HELM`）"
                    ),
                };
                self.problem(
                    entry.key.range,
                    text!(
                        "`{name}` is no rule ID or group",
                        "`{name}` 不是规则编号或分组"
                    ),
                    Some(hint),
                );
                continue;
            }
            let written = entry.value.as_scalar().map(|s| s.text.to_ascii_lowercase());
            let setting = match written.as_deref() {
                Some("error") => Setting::Severity(Severity::Error),
                Some("warning") => Setting::Severity(Severity::Warning),
                Some("info") => Setting::Severity(Severity::Info),
                Some("off" | "false") => Setting::Off,
                Some("on" | "true" | "default") => Setting::Default,
                _ => {
                    let shown = written.unwrap_or_else(|| entry.value.type_name().to_string());
                    let hint = match crate::suggest::nearest(&shown, SETTINGS) {
                        Some(near) => text!(
                            "did you mean `{near}`? (error, warning, info or off)",
                            "是否应为 `{near}`？（error、warning、info 或 off）"
                        ),
                        None => text!(
                            "write error, warning, info or off",
                            "请写 error、warning、info 或 off"
                        ),
                    };
                    self.problem(
                        entry.value.range,
                        text!(
                            "`{shown}` is no severity for `{name}`",
                            "`{shown}` 不是 `{name}` 可用的严重级别"
                        ),
                        Some(hint),
                    );
                    continue;
                }
            };
            self.rules.push(RuleSetting {
                name: upper,
                setting,
            });
        }
    }

    /// A list of strings (or one string, comma-separated), each with its place.
    fn strings(&mut self, node: &Node, key: &str) -> Vec<(String, Range)> {
        if let Some(s) = node.as_scalar() {
            if is_null(node) {
                return Vec::new();
            }
            return s
                .text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| (s.to_string(), node.range))
                .collect();
        }
        let Some(items) = node.as_seq() else {
            self.problem(
                node.range,
                text!(
                    "`{key}` must be a list of strings",
                    "`{key}` 必须是字符串列表"
                ),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_scalar().filter(|_| !is_null(item)) {
                Some(s) => out.push((s.text.clone(), item.range)),
                None => self.problem(
                    item.range,
                    text!(
                        "`{key}` must be a list of strings, not of a {kind}",
                        "`{key}` 必须是字符串列表，而不能包含 {kind}",
                        kind = item.type_name()
                    ),
                    None,
                ),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diagnostic::Severity;
    use crate::rules::tester::{with, Tester};

    const LATEST: &str = "images:\n  tags:\n    hook: busybox:latest\n";

    fn img_001() -> Tester {
        Tester::new(&crate::rules::img::img_001::RULE).with("values.yaml", LATEST)
    }

    fn severities(found: &[Diagnostic]) -> Vec<(Severity, Option<(Severity, &str)>)> {
        found
            .iter()
            .map(|d| {
                let configured = d.configured.as_ref().map(|c| (c.severity, c.by.as_str()));
                (d.severity, configured)
            })
            .collect()
    }

    #[test]
    fn a_group_sets_the_severity_and_the_finding_says_so() {
        let found = img_001().findings(with(".ecplint.yaml", "rules: {IMG: info}\n"));
        let by = "good-project/chart/mycloud-product/.ecplint.yaml";
        assert_eq!(
            severities(&found),
            [(Severity::Info, Some((Severity::Error, by)))]
        );
        let json = serde_json::to_value(&found[0]).unwrap();
        assert_eq!(
            json["configured"],
            serde_json::json!({"rule_severity": "error", "config": by})
        );
        assert_eq!(json["severity"], "info");
    }

    #[test]
    fn the_rule_beats_its_group_and_the_nearest_file_decides() {
        let found = img_001().findings(with(
            ".ecplint.yaml",
            "rules: {IMG-001: warning, IMG: off}\n",
        ));
        assert_eq!(severities(&found)[0].0, Severity::Warning);
        // The project's file turns it off; the chart's names its group: the chart's decides.
        let found = img_001().findings(
            with("../../.ecplint.yaml", "rules: {IMG-001: off}\n")
                .with(".ecplint.yaml", "rules: {img: warning}\n"),
        );
        assert_eq!(severities(&found)[0].0, Severity::Warning);
        // `on`: the rule's own severity, over the project's setting.
        let found = img_001().findings(
            with("../../.ecplint.yaml", "rules: {IMG: info}\n")
                .with(".ecplint.yaml", "rules: {IMG-001: on}\n"),
        );
        assert_eq!(severities(&found), [(Severity::Error, None)]);
        // The same severity as the rule's: nothing to show.
        let found = img_001().findings(with(".ecplint.yaml", "rules: {IMG-001: error}\n"));
        assert_eq!(severities(&found), [(Severity::Error, None)]);
    }

    #[test]
    fn off_and_ignore_drop_findings() {
        img_001()
            .pass([
                with(".ecplint.yaml", "rules: {IMG-001: off}\n"),
                with("../../.ecplint.yaml", "rules: {IMG: false}\n"),
                with(".ecplint.yaml", "ignore: [values.yaml]\n"),
                with("../../.ecplint.yaml", "ignore: [chart/**]\n"),
                with("../../.ecplint.yaml", "ignore: ['*.yaml']\n"),
                with("../../.ecplint.yaml", "ignore: [chart/]\n"),
            ])
            .fail([
                // Globs start at the config's folder; a file elsewhere is not read.
                with("../../.ecplint.yaml", "ignore: [values.yaml/]\n"),
                with("../../.ecplint.yaml", "ignore: [/values.yaml]\n"),
                with("templates/.ecplint.yaml", "rules: {IMG-001: off}\n"),
                // A wrong entry is left out; the rest applies.
                with(".ecplint.yaml", "rules: {IMG-001: of, HA: off}\n"),
            ])
            .test();
    }

    #[test]
    fn a_suppression_of_a_rule_turned_off_is_not_reported_as_silencing_nothing() {
        let values = "images:\n  tags:\n    # ecplint-disable-next-line IMG-001 -- mirrored\n    hook: busybox:latest\n";
        Tester::new(&crate::rules::input::input_002::RULE)
            .pass([with("values.yaml", values).with(".ecplint.yaml", "rules: {IMG-001: off}\n")])
            .test();
    }

    #[test]
    fn kube_version_renders_for_it_and_the_run_wins() {
        let gate = "{{ if semverCompare \">=1.30.0\" .Capabilities.KubeVersion.Version }}{{ fail \"too new\" }}{{ end }}\n";
        let tester =
            || Tester::new(&crate::rules::helm::helm_006::RULE).with("templates/gate.yaml", gate);
        tester()
            .pass([with(".ecplint.yaml", "kube-version: 1.29.0\n")])
            .fail([
                with(".ecplint.yaml", "# none\n"),
                with(".ecplint.yaml", "kube-version: v1.31\n"),
            ])
            .test();
        let flag = crate::Options {
            render: crate::render::RenderOptions {
                kube_version: Some("1.31.0".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let tester = tester().options(flag);
        assert_eq!(
            tester
                .findings(with(".ecplint.yaml", "kube-version: 1.29.0\n"))
                .len(),
            1,
            "--kube-version wins over the file"
        );
    }

    #[test]
    fn categories_count_for_nav_007() {
        let nav = "category: storage-x\nname:\n  en: Demo\n  zh-cn: Demo\nnav: {}\n";
        Tester::new(&crate::rules::nav::nav_007::RULE)
            .with("templates/_navigation.yaml", nav)
            .pass([
                with("../../.ecplint.yaml", "categories: [storage-x]\n"),
                with(".ecplint.yaml", "categories: compute, storage-x\n"),
            ])
            .fail([with(".ecplint.yaml", "categories: [compute]\n")])
            .test();
    }

    #[test]
    fn globs() {
        assert!(glob_ignores("legacy/**", "legacy/a/b.yaml"));
        assert!(glob_ignores("legacy/", "legacy/a/b.yaml"));
        assert!(!glob_ignores("legacy/", "legacy"));
        assert!(glob_ignores("*.bak", "templates/x.yaml.bak"));
        assert!(glob_ignores("templates/*.yaml", "templates/x.yaml"));
        assert!(!glob_ignores("templates/*.yaml", "templates/sub/x.yaml"));
        assert!(glob_ignores("templates/**/*.yaml", "templates/sub/x.yaml"));
        assert!(glob_ignores("/values.yaml", "values.yaml"));
        assert!(glob_ignores("tests", "templates/tests/t.yaml"));
        assert!(!glob_ignores("values.yaml", "values.yaml.orig"));
    }

    #[test]
    fn bad_globs() {
        assert!(bad_glob("a/[bc").is_some());
        assert!(bad_glob("{a,b").is_some());
        assert!(bad_glob("../x").is_some());
        assert!(bad_glob("x\\").is_some());
        assert!(bad_glob(" ").is_some());
        assert!(bad_glob("[ab]/{c,d}/**").is_none());
    }

    #[test]
    fn every_key() {
        let c = parse(
            "rules:\n  ha: warning\n  HELM-002: off\n  IMG-001: Error\n  HELM: on\nignore: [legacy/**, '*.bak']\nkube-version: 1.29\ncategories: compute, storage\n",
        );
        assert_eq!(c.problems, []);
        let rules: Vec<_> = c
            .rules
            .iter()
            .map(|r| (r.name.as_str(), r.setting))
            .collect();
        assert_eq!(
            rules,
            [
                ("HA", Setting::Severity(Severity::Warning)),
                ("HELM-002", Setting::Off),
                ("IMG-001", Setting::Severity(Severity::Error)),
                ("HELM", Setting::Default),
            ]
        );
        assert_eq!(c.ignore, ["legacy/**", "*.bak"]);
        assert_eq!(c.kube_version.as_deref(), Some("1.29"));
        assert_eq!(c.categories, ["compute", "storage"]);
    }

    #[test]
    fn other_spellings() {
        let c = parse("rules: {HA: default, HELM: true, IMG: false, JOB: INFO}\nignore: 'a/**, *.bak'\nkube-version: v1.30.0\n");
        assert_eq!(c.problems, []);
        let settings: Vec<Setting> = c.rules.iter().map(|r| r.setting).collect();
        assert_eq!(
            settings,
            [
                Setting::Default,
                Setting::Default,
                Setting::Off,
                Setting::Severity(Severity::Info)
            ]
        );
        assert_eq!(c.ignore, ["a/**", "*.bak"]);
        assert_eq!(c.kube_version.as_deref(), Some("v1.30.0"));
    }

    #[test]
    fn empty_and_null_are_fine() {
        assert_eq!(parse("").problems, []);
        assert_eq!(parse("# nothing\n").problems, []);
        assert_eq!(parse("rules:\nignore:\ncategories:\n").problems, []);
    }
}
