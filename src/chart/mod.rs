//! The chart model: finding charts inside an input and a parsed view of one chart, with what is
//! worked out of it once (its resource requirement, its `_config_helpers.yaml.tpl`) and the
//! version numbers its files carry.

pub mod config_helpers;
mod loaded;
pub mod partial;
pub mod resources;
pub mod version;

pub use loaded::Loaded;

use crate::diagnostic::Range;
use crate::input::{File, Input};
use crate::yaml::{self, Yaml, YamlLimits};
use std::cell::OnceCell;

/// A text file of the chart, parsed as YAML.
#[derive(Debug)]
pub struct YamlFile {
    /// Path inside the input.
    pub path: String,
    pub text: String,
    pub yaml: Yaml,
}

impl YamlFile {
    /// The first document's root node, when it parsed.
    pub fn root(&self) -> Option<&yaml::Node> {
        self.yaml.root()
    }
    /// The range of 1-based line `line` (for findings about a whole line).
    pub fn line_range(&self, line: usize) -> Range {
        let chars = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .map_or(1, |l| l.chars().count());
        Range::line(line, chars)
    }
}

/// The ECP project around a chart (`<project>/Makefile`, `<project>/chart/<name>/`, `<project>/hook/`).
#[derive(Debug)]
pub struct Project<'a> {
    /// Path prefix of the project inside the input ("" or "orbit-console-project/").
    pub prefix: String,
    pub makefile: Option<&'a File>,
    /// Files under `<project>/hook/`.
    pub hooks: Vec<&'a File>,
}

/// One chart of an input, with its well-known files parsed once.
#[derive(Debug)]
pub struct Chart<'a> {
    pub input: &'a Input,
    /// Path prefix of the chart root inside the input, ending in `/` (or "" at the top).
    pub prefix: String,
    /// The chart folder's own name (product ID by convention).
    pub dir_name: String,
    pub project: Option<Project<'a>>,
    /// Every file under the chart root, subcharts (`charts/`) excluded.
    pub files: Vec<&'a File>,
    /// Subcharts under `charts/`: archives or folders, by path.
    pub subcharts: Vec<String>,
    pub chart_yaml: Option<YamlFile>,
    pub values: Option<YamlFile>,
    pub requirements: Option<YamlFile>,
    pub acl: Option<YamlFile>,
    /// `templates/_navigation.yaml`, `_navigation_policy.yaml`, `_wizard.yaml`, `_category.yaml`.
    pub navigation: Option<YamlFile>,
    pub navigation_policy: Option<YamlFile>,
    pub wizard: Option<YamlFile>,
    pub category: Option<YamlFile>,
    /// Navigation categories the user knows to exist on their platform (`Options`; NAV-007).
    pub known_categories: Vec<String>,
    /// Worked out once per chart, for `lib.rs` and every rule that needs them.
    resources: OnceCell<crate::chart::resources::Computation>,
    config_helpers: OnceCell<Option<crate::chart::config_helpers::ConfigHelpers>>,
    chart_yaml_before_error: OnceCell<Option<yaml::Yaml>>,
}

pub const CHART_YAML: &str = "Chart.yaml";
pub const VALUES_YAML: &str = "values.yaml";
pub const REQUIREMENTS_YAML: &str = "requirements.yaml";
pub const ACL_HELPERS: &str = "templates/_acl_helpers.yaml.tpl";
pub const CONFIG_HELPERS: &str = "templates/_config_helpers.yaml.tpl";
pub const JOB_HOOKS: &str = "templates/job-hooks.yaml";
pub const NAVIGATION: &str = "templates/_navigation.yaml";
pub const NAVIGATION_POLICY: &str = "templates/_navigation_policy.yaml";
pub const WIZARD: &str = "templates/_wizard.yaml";
pub const CATEGORY: &str = "templates/_category.yaml";

impl<'a> Chart<'a> {
    /// Path inside the input of a file given relative to the chart root.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }
    /// A file of the chart by its path relative to the chart root.
    pub fn file(&self, rel: &str) -> Option<&'a File> {
        let full = self.path(rel);
        self.files.iter().copied().find(|f| f.path == full)
    }
    /// The path of a file relative to the chart root.
    pub fn rel<'p>(&self, path: &'p str) -> &'p str {
        path.strip_prefix(self.prefix.as_str()).unwrap_or(path)
    }
    /// Files under `templates/`.
    pub fn templates(&self) -> impl Iterator<Item = &'a File> + '_ {
        let dir = self.path("templates/");
        self.files
            .iter()
            .copied()
            .filter(move |f| f.path.starts_with(&dir))
    }
    /// A top-level field of Chart.yaml; of a repeated key, the last, as Helm 3 keeps it.
    pub fn chart_field(&self, key: &str) -> Option<&yaml::Node> {
        let entries = self.chart_yaml.as_ref()?.root()?.as_map()?;
        entries
            .iter()
            .rev()
            .find(|e| e.key.key_is(key))
            .map(|e| &e.value)
    }
    /// `name` from Chart.yaml when it is a string, else the folder name: the product ID.
    pub fn name(&self) -> String {
        self.chart_field("name")
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_else(|| self.dir_name.clone())
    }
    /// Chart.yaml `keywords` that are strings, with their nodes.
    pub fn keywords(&self) -> Vec<&yaml::Node> {
        self.chart_field("keywords")
            .and_then(|k| k.as_seq())
            .map(|items| items.iter().collect())
            .unwrap_or_default()
    }
    /// The resource requirement (computed once).
    pub fn resources(&self) -> &crate::chart::resources::Computation {
        self.resources
            .get_or_init(|| crate::chart::resources::compute(self))
    }
    /// `templates/_config_helpers.yaml.tpl`, read once.
    pub fn config_helpers(&self) -> Option<&crate::chart::config_helpers::ConfigHelpers> {
        self.config_helpers
            .get_or_init(|| crate::chart::config_helpers::read(self))
            .as_ref()
    }
    /// When Chart.yaml has a syntax error: its first document as far as it was read before
    /// the error (`partial::read_before`, worked out once). `None` when Chart.yaml parsed or
    /// nothing before the error reads.
    pub fn chart_yaml_before_error(&self) -> Option<&yaml::Node> {
        self.chart_yaml_before_error
            .get_or_init(|| {
                let file = self.chart_yaml.as_ref()?;
                let line = file.yaml.syntax_error()?.range().start.line;
                partial::read_before(&file.text, line, YamlLimits::default())
            })
            .as_ref()?
            .root()
    }
    /// Every YAML file this chart parsed, for the rules that look at all of them.
    pub fn yaml_files(&self) -> impl Iterator<Item = &YamlFile> {
        [
            &self.chart_yaml,
            &self.values,
            &self.requirements,
            &self.acl,
            &self.navigation,
            &self.navigation_policy,
            &self.wizard,
            &self.category,
        ]
        .into_iter()
        .flatten()
    }
}

/// Decode a file as UTF-8 text. A BOM is dropped (Helm drops it too); invalid UTF-8 is `None`.
pub fn decode(file: &File) -> Option<&str> {
    let bytes = file
        .data
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&file.data);
    std::str::from_utf8(bytes).ok()
}

fn parse_yaml(file: Option<&File>, limits: YamlLimits) -> Option<YamlFile> {
    let file = file?;
    let text = decode(file)?.to_string();
    let yaml = yaml::parse(&text, limits);
    Some(YamlFile {
        path: file.path.clone(),
        text,
        yaml,
    })
}

/// Chart roots: every folder holding a `Chart.yaml` that is not inside another chart's `charts/`.
pub fn discover(input: &Input) -> Vec<Chart<'_>> {
    let mut roots: Vec<&str> = input
        .files
        .iter()
        .filter_map(|f| {
            let prefix = f.path.strip_suffix(CHART_YAML)?;
            (prefix.is_empty() || prefix.ends_with('/')).then_some(prefix)
        })
        .collect();
    slim_sort::sort(&mut roots);
    roots.dedup();
    let outer: Vec<&str> = roots.clone();
    roots.retain(|r| {
        !outer
            .iter()
            .any(|o| o != r && r.starts_with(o) && r[o.len()..].starts_with("charts/"))
    });
    roots
        .into_iter()
        .map(|prefix| open(input, prefix))
        .collect()
}

fn open<'a>(input: &'a Input, prefix: &str) -> Chart<'a> {
    let limits = YamlLimits::default();
    let charts_dir = format!("{prefix}charts/");
    let mut files = Vec::new();
    let mut subcharts: Vec<String> = Vec::new();
    for f in &input.files {
        let Some(rel) = f.path.strip_prefix(prefix) else {
            continue;
        };
        if let Some(sub) = rel.strip_prefix("charts/") {
            let name = sub.split('/').next().unwrap_or(sub);
            let path = format!("{charts_dir}{name}");
            if !subcharts.contains(&path) {
                subcharts.push(path);
            }
        } else {
            files.push(f);
        }
    }
    let trimmed = prefix.trim_end_matches('/');
    let dir_name = trimmed.rsplit('/').next().unwrap_or("").to_string();
    let project = trimmed
        .rsplit_once('/')
        .map(|(parent, _)| parent)
        .or(Some(""))
        .and_then(|parent| {
            // `<project>/chart/<name>`: the chart's parent folder is named `chart`.
            let project = parent.strip_suffix("chart")?;
            (project.is_empty() || project.ends_with('/')).then(|| project.to_string())
        })
        .map(|project_prefix| {
            let hook_dir = format!("{project_prefix}hook/");
            let makefile_path = format!("{project_prefix}Makefile");
            Project {
                makefile: input.files.iter().find(|f| f.path == makefile_path),
                hooks: input
                    .files
                    .iter()
                    .filter(|f| f.path.starts_with(&hook_dir))
                    .collect(),
                prefix: project_prefix,
            }
        });
    let find = |rel: &str| {
        let full = format!("{prefix}{rel}");
        files.iter().copied().find(|f: &&File| f.path == full)
    };
    Chart {
        input,
        prefix: prefix.to_string(),
        dir_name,
        project,
        chart_yaml: parse_yaml(find(CHART_YAML), limits),
        values: parse_yaml(find(VALUES_YAML), limits),
        requirements: parse_yaml(find(REQUIREMENTS_YAML), limits),
        acl: parse_yaml(find(ACL_HELPERS), limits),
        navigation: parse_yaml(find(NAVIGATION), limits),
        navigation_policy: parse_yaml(find(NAVIGATION_POLICY), limits),
        wizard: parse_yaml(find(WIZARD), limits),
        category: parse_yaml(find(CATEGORY), limits),
        known_categories: Vec::new(),
        resources: OnceCell::new(),
        config_helpers: OnceCell::new(),
        chart_yaml_before_error: OnceCell::new(),
        files,
        subcharts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(paths: &[&str]) -> Input {
        Input {
            path: "x".into(),
            files: paths
                .iter()
                .map(|p| File {
                    path: p.to_string(),
                    data: b"name: a\n".to_vec(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn finds_project_chart_and_skips_subcharts() {
        let inp = input(&[
            "proj/Makefile",
            "proj/chart/app/Chart.yaml",
            "proj/chart/app/values.yaml",
            "proj/chart/app/charts/common/Chart.yaml",
            "proj/hook/delete/check/pre/001_a.sh",
        ]);
        let charts = discover(&inp);
        assert_eq!(charts.len(), 1);
        let c = &charts[0];
        assert_eq!(c.prefix, "proj/chart/app/");
        assert_eq!(c.dir_name, "app");
        let p = c.project.as_ref().unwrap();
        assert_eq!(p.prefix, "proj/");
        assert!(p.makefile.is_some());
        assert_eq!(p.hooks.len(), 1);
        assert_eq!(
            c.subcharts,
            vec!["proj/chart/app/charts/common".to_string()]
        );
    }

    #[test]
    fn bare_chart_at_top_level() {
        let inp = input(&["Chart.yaml", "values.yaml"]);
        let charts = discover(&inp);
        assert_eq!(charts.len(), 1);
        assert_eq!(charts[0].prefix, "");
        assert!(charts[0].project.is_none());
    }
}
