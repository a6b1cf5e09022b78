//! A chart as Helm loads it for rendering, out of an input's flat file list: Chart.yaml's
//! metadata, values.yaml, templates, the other files (`.Files`, `.helmignore` applied), and
//! its subcharts from `charts/` (folders, and archives the input layer has opened under
//! `charts/<x>.tgz/<folder>/`), recursively.

use super::helmignore::Ignore;
use super::values_text;
use crate::diagnostic::Text;
use crate::input::File;
use crate::text;
use gotmpl::{Map, Value};
use std::borrow::Cow;
use std::rc::Rc;

/// One entry of Chart.yaml's `dependencies` (or requirements.yaml's, for apiVersion v1).
#[derive(Clone, Debug, Default)]
pub struct Dependency {
    pub name: String,
    pub version: String,
    pub repository: String,
    pub condition: String,
    pub tags: Vec<String>,
    pub alias: String,
    /// `import-values`, as written (strings and `{child, parent}` maps).
    pub import_values: Vec<Value>,
    /// The entry as written, for `.Chart.Dependencies`.
    pub raw: Map,
}

impl Dependency {
    /// The name its values and templates go under: the alias, else the name.
    pub fn effective_name(&self) -> &str {
        if self.alias.is_empty() {
            &self.name
        } else {
            &self.alias
        }
    }
}

/// A chart loaded for rendering.
#[derive(Clone, Debug)]
pub struct ChartNode {
    /// Where it is in the input (`app/`, `app/charts/common-1.0.0.tgz/common/`).
    pub prefix: String,
    /// Chart.yaml as read (every field, for `.Chart`).
    pub metadata: Map,
    /// The name templates and values use (Chart.yaml's `name`, or the alias it is used under).
    pub name: String,
    pub version: String,
    pub api_version: String,
    pub kube_version: String,
    pub chart_type: String,
    /// values.yaml (empty when there is none).
    pub values: Map,
    /// values.schema.json, which Helm checks the chart's values against before rendering.
    pub schema: Option<Rc<str>>,
    /// `templates/…` files: path relative to the chart, text.
    pub templates: Vec<(String, Rc<str>)>,
    /// Every other file Helm keeps for `.Files` (relative path, bytes).
    pub files: Vec<(String, Rc<[u8]>)>,
    pub dependencies: Vec<Dependency>,
    pub subcharts: Vec<ChartNode>,
    /// What kept part of it from loading (a values.yaml that does not parse, …).
    pub problems: Vec<Text>,
}

impl ChartNode {
    pub fn is_library(&self) -> bool {
        self.chart_type == "library"
    }
}

/// How the input holding a chart was given: Helm leaves files out of a chart folder it loads
/// (its `.helmignore`, and hidden files directly under `templates/`), never out of an archive
/// (`helm package` already did).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packaging {
    Archive,
    Folder,
}

/// What loading a chart folder leaves out: the top chart's `.helmignore` with Helm's default
/// rule, over paths relative to the top chart — its subchart folders included (their own
/// `.helmignore` is not read), a subchart archive only as a whole.
struct FolderRules {
    ignore: Ignore,
    root: String,
}

impl FolderRules {
    fn leaves_out(&self, path: &str) -> bool {
        let Some(rel) = path.strip_prefix(self.root.as_str()) else {
            return false;
        };
        // Inside an archive under charts/: only the archive itself is judged.
        let mut end = rel.len();
        let mut at = 0;
        for segment in rel.split('/') {
            at += segment.len() + 1;
            if segment.ends_with(".tgz") || segment.ends_with(".tar.gz") {
                end = at - 1;
                break;
            }
        }
        self.ignore.ignored(&rel[..end.min(rel.len())])
    }
}

/// What Helm leaves out of a chart folder: its `.helmignore` (the text given) and Helm's one
/// default rule (observed with helm 3.17: a hidden file directly under templates/ is neither
/// rendered nor linted; one deeper, or in an archive, is).
pub fn folder_ignore(helmignore: &str) -> Ignore {
    Ignore::parse(&format!("{helmignore}\ntemplates/.?*\n"))
}

/// Loads the chart whose root is `prefix` (ending in `/`, or empty) from `files`.
pub fn load(files: &[File], prefix: &str, packaging: Packaging) -> Option<ChartNode> {
    load_read(files, prefix, packaging, None)
}

/// [`load`], with the chart's own values.yaml read already (`Err`: Helm's reason it cannot be).
pub fn load_read(
    files: &[File],
    prefix: &str,
    packaging: Packaging,
    values_read: Option<Result<Map, String>>,
) -> Option<ChartNode> {
    let rules = (packaging == Packaging::Folder).then(|| {
        let helmignore = files
            .iter()
            .find(|f| f.path.strip_prefix(prefix) == Some(".helmignore"))
            .map(|f| text_of(&f.data).into_owned())
            .unwrap_or_default();
        FolderRules {
            ignore: folder_ignore(&helmignore),
            root: prefix.to_string(),
        }
    });
    load_with(files, prefix, rules.as_ref(), values_read)
}

fn load_with(
    files: &[File],
    prefix: &str,
    rules: Option<&FolderRules>,
    values_read: Option<Result<Map, String>>,
) -> Option<ChartNode> {
    let own: Vec<(&str, &File)> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix(prefix).map(|rel| (rel, f)))
        .collect();
    let chart_yaml = own.iter().find(|(rel, _)| *rel == "Chart.yaml")?.1;
    let mut problems = Vec::new();
    let metadata = match values_text(&text_of(&chart_yaml.data)) {
        Ok(m) => m,
        Err(e) => {
            problems.push(text!(
                "{prefix}Chart.yaml cannot be read: {e}",
                "{prefix}Chart.yaml 无法读取：{e}"
            ));
            Map::new()
        }
    };
    let field = |key: &str| match metadata.get(key) {
        Some(Value::String(s)) => s.to_string(),
        Some(Value::Nil) | None => String::new(),
        Some(other) => gotmpl::fmt::format_value(&other),
    };
    let name = field("name");
    let api_version = field("apiVersion");

    let mut values = Map::new();
    let mut schema = None;
    let mut templates = Vec::new();
    let mut kept = Vec::new();
    let mut requirements: Option<Map> = None;
    let mut values_read = values_read;
    let mut sub_roots: Vec<String> = Vec::new();
    let mut seen_under_charts: Vec<&str> = Vec::new();
    for (rel, file) in &own {
        if rules.is_some_and(|r| r.leaves_out(&file.path)) {
            continue;
        }
        if let Some(rest) = rel.strip_prefix("charts/") {
            // Each subchart's root is looked for once, not once per file in it.
            let first = rest.split('/').next().unwrap_or_default();
            if !seen_under_charts.contains(&first) {
                seen_under_charts.push(first);
                sub_roots.extend(subchart_roots(files, prefix, first));
            }
            continue;
        }
        match *rel {
            "Chart.yaml" | "Chart.lock" => {}
            "values.schema.json" => schema = Some(Rc::from(text_of(&file.data).as_ref())),
            "values.yaml" => match values_read
                .take()
                .unwrap_or_else(|| values_text(&text_of(&file.data)))
            {
                Ok(m) => values = m,
                Err(e) => problems.push(text!(
                    "cannot load values.yaml: {e}",
                    "无法读取 values.yaml：{e}"
                )),
            },
            "requirements.yaml" => {
                requirements = values_text(&text_of(&file.data)).ok();
                kept.push((rel.to_string(), Rc::from(file.data.as_slice())));
            }
            _ if rel.starts_with("templates/") => {
                templates.push((rel.to_string(), Rc::from(text_of(&file.data).as_ref())));
            }
            _ => kept.push((rel.to_string(), Rc::from(file.data.as_slice()))),
        }
    }
    slim_sort::sort_by(&mut templates, |a, b| a.0.cmp(&b.0));
    slim_sort::sort_by(&mut kept, |a, b| a.0.cmp(&b.0));
    // requirements.yaml's `dependencies` win over Chart.yaml's, whatever the apiVersion (helm
    // 3.17 renders a v2 chart with both by requirements.yaml, with a deprecation warning).
    let listed = |m: Option<&Map>| match m?.get("dependencies") {
        Some(Value::List(l)) => Some(l),
        _ => None,
    };
    let deps_source = listed(requirements.as_ref()).or_else(|| listed(Some(&metadata)));
    let dependencies = deps_source
        .map(|l| l.items().iter().filter_map(dependency).collect())
        .unwrap_or_default();
    // A subchart archive is loaded as the archive it is: nothing left out of it.
    let subcharts = sub_roots
        .iter()
        .filter_map(|root| {
            let below = &root[prefix.len()..];
            let in_archive = below.contains(".tgz/") || below.contains(".tar.gz/");
            load_with(files, root, if in_archive { None } else { rules }, None)
        })
        .collect();
    Some(ChartNode {
        prefix: prefix.to_string(),
        version: field("version"),
        kube_version: field("kubeVersion"),
        chart_type: field("type"),
        metadata,
        name,
        api_version,
        values,
        schema,
        templates,
        files: kept,
        dependencies,
        subcharts,
        problems,
    })
}

/// The roots of the subcharts under `charts/<first>`: the folder itself when it holds
/// Chart.yaml, or each folder holding Chart.yaml inside an opened archive
/// `charts/<first>.tgz/<folder>/`.
fn subchart_roots(files: &[File], prefix: &str, first: &str) -> Vec<String> {
    let folder = format!("{prefix}charts/{first}/");
    let archive = first.ends_with(".tgz") || first.ends_with(".tar.gz");
    let mut roots = Vec::new();
    for f in files {
        let Some(rest) = f.path.strip_prefix(folder.as_str()) else {
            continue;
        };
        let inner = match rest.split_once('/') {
            Some((inner, "Chart.yaml")) if archive => inner,
            None if !archive && rest == "Chart.yaml" => "",
            _ => continue,
        };
        let root = if archive {
            format!("{folder}{inner}/")
        } else {
            folder.clone()
        };
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    roots
}

fn dependency(item: &Value) -> Option<Dependency> {
    let Value::Map(m) = item else { return None };
    let s = |key: &str| match m.get(key) {
        Some(Value::String(s)) => s.to_string(),
        Some(Value::Nil) | None => String::new(),
        Some(other) => gotmpl::fmt::format_value(&other),
    };
    let tags = match m.get("tags") {
        Some(Value::List(l)) => l
            .items()
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    let import_values = match m.get("import-values") {
        Some(Value::List(l)) => l.items().to_vec(),
        _ => Vec::new(),
    };
    Some(Dependency {
        name: s("name"),
        version: s("version"),
        repository: s("repository"),
        condition: s("condition"),
        alias: s("alias"),
        tags,
        import_values,
        raw: m.clone(),
    })
}

/// A file's text (a BOM dropped; invalid UTF-8 replaced). Checked with `from_utf8` first:
/// its check of valid text is faster than the lossy reader's.
fn text_of(data: &[u8]) -> Cow<'_, str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> File {
        File {
            path: path.into(),
            data: text.as_bytes().to_vec(),
        }
    }

    /// As helm 3.17 read them (`helm template` of the folder, and of `tar czf` of it): the
    /// folder leaves out what `.helmignore` and the hidden-template rule name, the archive
    /// nothing.
    #[test]
    fn a_packaged_chart_leaves_nothing_out() {
        let files = vec![
            file(
                "hi/Chart.yaml",
                "apiVersion: v2\nname: hi\nversion: 1.0.0\n",
            ),
            file("hi/.helmignore", "*.md\n"),
            file("hi/README.md", "readme\n"),
            file("hi/templates/.hidden", "kind: ConfigMap\n"),
            file("hi/templates/cm.yaml", "kind: ConfigMap\n"),
        ];
        let folder = load(&files, "hi/", Packaging::Folder).unwrap();
        let archive = load(&files, "hi/", Packaging::Archive).unwrap();
        let names = |c: &ChartNode| {
            let mut all: Vec<String> = c.files.iter().map(|f| f.0.clone()).collect();
            all.extend(c.templates.iter().map(|t| t.0.clone()));
            all
        };
        assert_eq!(names(&folder), [".helmignore", "templates/cm.yaml"]);
        assert_eq!(
            names(&archive),
            [
                ".helmignore",
                "README.md",
                "templates/.hidden",
                "templates/cm.yaml"
            ]
        );
    }

    #[test]
    fn loads_subcharts_from_folders_and_archives() {
        let files = vec![
            file("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- name: common\n  version: ~1.0\n  alias: base\n"),
            file("app/values.yaml", "a: 1\n"),
            file("app/templates/x.yaml", "x: 1\n"),
            file("app/README.md", "hi\n"),
            file("app/.helmignore", "*.md\nignored-sub/\n"),
            file("app/charts/ignored-sub/Chart.yaml", "name: ignored\nversion: 1.0.0\n"),
            file("app/charts/common-1.0.0.tgz/common/Chart.yaml", "name: common\nversion: 1.0.3\ntype: library\n"),
            file("app/charts/common-1.0.0.tgz/common/templates/_h.tpl", "{{ define \"x\" }}{{ end }}"),
            file("app/charts/db/Chart.yaml", "name: db\nversion: 2.0.0\n"),
            file("app/charts/db/charts/inner/Chart.yaml", "name: inner\nversion: 0.1.0\n"),
            file("app/charts/notes.txt", "not a chart\n"),
        ];
        let chart = load(&files, "app/", Packaging::Folder).unwrap();
        assert_eq!(chart.name, "app");
        assert_eq!(chart.templates.len(), 1);
        // README.md is ignored by .helmignore; .helmignore itself stays.
        assert_eq!(
            chart.files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            vec![".helmignore"]
        );
        assert_eq!(chart.dependencies[0].effective_name(), "base");
        let names: Vec<&str> = chart.subcharts.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["common", "db"]);
        assert!(chart.subcharts[0].is_library());
        assert_eq!(chart.subcharts[1].subcharts[0].name, "inner");
    }
}
