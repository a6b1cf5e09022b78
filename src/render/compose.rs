//! Composing a chart with its dependencies as Helm does before rendering (from Helm's
//! documentation on dependencies, checked against helm3):
//!
//! - A dependency of Chart.yaml (requirements.yaml for apiVersion v1) uses the subchart of
//!   `charts/` with its name whose version its range allows, under its alias if it has one (the
//!   same subchart may so appear twice). Subcharts no dependency names are used as they are.
//! - Values are coalesced over the whole tree with every dependency on; then each dependency's
//!   `tags` (disabled when none of its tags is true and one is false, read from the top-level
//!   `tags`) and `condition` (the first path, relative to the parent's values, that holds a
//!   boolean) decide whether it stays.
//! - `import-values` (deepest charts first): the child's `exports.X` (string form) or its
//!   `child` path (map form) is merged into the parent's defaults at `parent`, the parent's own
//!   defaults winning.
//! - Finally values are coalesced again over the tree that remains.
//!
//! A dependency missing from `charts/` is looked up among the run's other inputs.

use super::coalesce::{
    self, coalesce_into, copy_globals, deep_copy, path_table, path_value, under_path,
};
use super::semver::is_compatible_range;
use super::tree::{self, ChartNode, Dependency};
use crate::diagnostic::Text;
use crate::input::File;
use crate::text;
use gotmpl::{Map, Value};

/// A chart of the composed tree: its node (renamed to its alias), the dependency entry it is
/// used through, its final values, its enabled subcharts.
#[derive(Debug)]
pub struct Composed {
    pub node: ChartNode,
    pub via: Option<Dependency>,
    pub values: Map,
    pub subcharts: Vec<Composed>,
}

/// What looking up missing dependencies found.
#[derive(Debug, Default)]
pub struct Found {
    /// Dependencies found nowhere (their names).
    pub missing: Vec<String>,
}

/// Adds to `chart` (and its subcharts) the dependencies missing from `charts/` that one of the
/// run's other inputs holds.
pub fn fill_missing(chart: &mut ChartNode, others: &[&[File]], warnings: &mut Vec<Text>) -> Found {
    let mut found = Found::default();
    fill(chart, others, warnings, &mut found);
    found
}

fn fill(chart: &mut ChartNode, others: &[&[File]], warnings: &mut Vec<Text>, found: &mut Found) {
    for sub in &mut chart.subcharts {
        fill(sub, others, warnings, found);
    }
    let deps = chart.dependencies.clone();
    for dep in deps {
        let present: Vec<&ChartNode> = chart
            .subcharts
            .iter()
            .filter(|s| s.name == dep.name)
            .collect();
        if present
            .iter()
            .any(|s| is_compatible_range(&dep.version, &s.version))
        {
            continue;
        }
        if let Some(s) = present.first() {
            let (name, want, have) = (&dep.name, &dep.version, &s.version);
            warnings.push(text!(
                "dependency `{name}` asks for version {want:?}, but charts/ holds {have}",
                "依赖 `{name}` 要求版本 {want:?}，但 charts/ 中是 {have}"
            ));
            continue;
        }
        match find_elsewhere(&dep, others) {
            Some(node) => chart.subcharts.push(node),
            None => {
                if !found.missing.contains(&dep.name) {
                    found.missing.push(dep.name.clone());
                }
            }
        }
    }
}

/// A chart named as `dep` among the other inputs, preferring one whose version it allows.
fn find_elsewhere(dep: &Dependency, others: &[&[File]]) -> Option<ChartNode> {
    let mut candidates = Vec::new();
    for files in others {
        for f in files.iter() {
            let Some(prefix) = f.path.strip_suffix("Chart.yaml") else {
                continue;
            };
            if !(prefix.is_empty() || prefix.ends_with('/'))
                || prefix.contains("/charts/")
                || prefix.starts_with("charts/")
            {
                continue;
            }
            // Loading a chart reads all of it: only those whose Chart.yaml names the dependency
            // (a run of many inputs would otherwise load every other chart for each one).
            let names_it = f
                .data
                .windows(dep.name.len().max(1))
                .any(|w| w == dep.name.as_bytes());
            if !names_it {
                continue;
            }
            // Dependencies given beside a chart are archives as a rule (`helm dependency build`
            // writes them so).
            if let Some(node) = tree::load(files, prefix, tree::Packaging::Archive) {
                if node.name == dep.name {
                    candidates.push(node);
                }
            }
        }
    }
    let best = candidates
        .iter()
        .position(|c| is_compatible_range(&dep.version, &c.version))
        .unwrap_or(0);
    (!candidates.is_empty()).then(|| candidates.swap_remove(best))
}

/// Arranges, enables and coalesces the tree of `chart` with the user's values.
pub fn compose(chart: &ChartNode, user: &Map, warnings: &mut Vec<Text>) -> Result<Composed, Text> {
    let mut tree = arrange(chart.clone(), None);
    let all_on = Map::new();
    coalesce::merge_into(&all_on, user);
    coalesce_tree(&tree, &all_on, true)?;
    let tags = match all_on.get("tags") {
        Some(Value::Map(m)) => m,
        _ => Map::new(),
    };
    prune(&mut tree, &all_on, &tags, "", warnings);
    import_values(&mut tree)?;
    let values = Map::new();
    coalesce::merge_into(&values, user);
    coalesce_tree(&tree, &values, true)?;
    assign_values(&mut tree, values);
    Ok(tree)
}

/// The subcharts each chart uses, by dependency (renamed to the alias) or as they are.
fn arrange(mut node: ChartNode, via: Option<Dependency>) -> Composed {
    let subcharts = std::mem::take(&mut node.subcharts);
    let mut arranged = Vec::new();
    for sub in &subcharts {
        let listed = node
            .dependencies
            .iter()
            .any(|d| d.name == sub.name && is_compatible_range(&d.version, &sub.version));
        if !listed {
            arranged.push(arrange(sub.clone(), None));
        }
    }
    for dep in &node.dependencies {
        if let Some(sub) = subcharts
            .iter()
            .find(|s| s.name == dep.name && is_compatible_range(&dep.version, &s.version))
        {
            let mut copy = sub.clone();
            copy.name = dep.effective_name().to_string();
            arranged.push(arrange(copy, Some(dep.clone())));
        }
    }
    Composed {
        node,
        via,
        values: Map::new(),
        subcharts: arranged,
    }
}

/// Coalesces `values` (the user's, at this chart) with the chart's defaults, then each
/// subchart's under its name with the globals copied down.
fn coalesce_tree(chart: &Composed, values: &Map, delete_nulls: bool) -> Result<(), Text> {
    coalesce_into(values, &chart.node.values, delete_nulls);
    for sub in &chart.subcharts {
        let name = &sub.node.name;
        let sub_values = match values.get(name) {
            Some(Value::Map(m)) => m,
            None => {
                let m = Map::new();
                values.insert(name.clone(), Value::Map(m.clone()));
                m
            }
            Some(other) => {
                let shown = gotmpl::fmt::format_value(&other);
                return Err(text!(
                    "type mismatch on {name}: %!t({shown})",
                    "{name} 的类型不匹配：应为映射，实为 {shown}"
                ));
            }
        };
        copy_globals(&sub_values, values);
        coalesce_tree(sub, &sub_values, delete_nulls)?;
    }
    Ok(())
}

/// Drops the subcharts their tags or condition disable (`path`: the chart's place in the values,
/// `""` or `sub.` …).
fn prune(chart: &mut Composed, values: &Map, tags: &Map, path: &str, warnings: &mut Vec<Text>) {
    chart.subcharts.retain(|sub| match &sub.via {
        None => true,
        Some(dep) => enabled(dep, values, tags, path, warnings),
    });
    for sub in &mut chart.subcharts {
        let sub_path = format!("{path}{}.", sub.node.name);
        prune(sub, values, tags, &sub_path, warnings);
    }
}

fn enabled(
    dep: &Dependency,
    values: &Map,
    tags: &Map,
    path: &str,
    warnings: &mut Vec<Text>,
) -> bool {
    let mut on = true;
    if !dep.tags.is_empty() {
        let (mut any_true, mut any_false) = (false, false);
        for tag in &dep.tags {
            match tags.get(tag) {
                Some(Value::Bool(true)) => any_true = true,
                Some(Value::Bool(false)) => any_false = true,
                _ => {}
            }
        }
        on = any_true || !any_false;
    }
    for condition in dep
        .condition
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        match path_value(values, &format!("{path}{condition}")) {
            Some(Value::Bool(b)) => {
                on = b;
                break;
            }
            Some(Value::Nil) | None => {}
            Some(_) => {
                let name = dep.effective_name();
                warnings.push(text!(
                    "condition path '{condition}' for chart {name} returned non-bool value",
                    "chart {name} 的条件路径 '{condition}' 的值不是布尔值"
                ));
            }
        }
    }
    on
}

/// `import-values`, deepest charts first: each chart's defaults become its whole tree's
/// defaults with the imported tables merged under them.
fn import_values(chart: &mut Composed) -> Result<(), Text> {
    for sub in &mut chart.subcharts {
        import_values(sub)?;
    }
    if !chart
        .subcharts
        .iter()
        .any(|s| s.via.as_ref().is_some_and(|d| !d.import_values.is_empty()))
    {
        return Ok(());
    }
    let defaults = Map::new();
    coalesce_tree(chart, &defaults, false)?;
    let imported = Map::new();
    for sub in &chart.subcharts {
        let Some(dep) = &sub.via else { continue };
        let name = &sub.node.name;
        for import in &dep.import_values {
            let (child, parent) = match import {
                Value::String(s) => (format!("exports.{s}"), ".".to_string()),
                Value::Map(m) => {
                    let get = |k: &str| {
                        m.get(k)
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default()
                    };
                    (get("child"), get("parent"))
                }
                _ => continue,
            };
            if let Some(table) = path_table(&defaults, &format!("{name}.{child}")) {
                let Value::Map(table) = deep_copy(&Value::Map(table)) else {
                    unreachable!()
                };
                coalesce_into(&imported, &under_path(&parent, table), false);
            }
        }
    }
    coalesce_into(&defaults, &imported, false);
    chart.node.values = defaults;
    Ok(())
}

/// Gives each chart of the tree the map of its values (the subcharts' maps are the ones under
/// their names in the parent's, as in Helm).
fn assign_values(chart: &mut Composed, values: Map) {
    for sub in &mut chart.subcharts {
        if let Some(Value::Map(m)) = values.get(&sub.node.name) {
            assign_values(sub, m);
        }
    }
    chart.values = values;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::coalesce::tests::show;

    fn file(path: &str, text: &str) -> File {
        File {
            path: path.into(),
            data: text.as_bytes().to_vec(),
        }
    }

    fn composed(files: &[File], user: &Map) -> Composed {
        let chart = tree::load(files, "app/", tree::Packaging::Folder).unwrap();
        compose(&chart, user, &mut Vec::new()).unwrap()
    }

    fn names(c: &Composed) -> Vec<String> {
        c.subcharts.iter().map(|s| s.node.name.clone()).collect()
    }

    fn app(deps: &str) -> Vec<File> {
        vec![
            file(
                "app/Chart.yaml",
                &format!("apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n{deps}"),
            ),
            file(
                "app/values.yaml",
                "db:\n  enabled: false\ncache:\n  on: true\nglobal:\n  g: 1\n",
            ),
            file("app/charts/db/Chart.yaml", "name: db\nversion: 2.0.0\n"),
            file(
                "app/charts/db/values.yaml",
                "port: 5432\nexports:\n  conn:\n    dbPort: 5432\nsettings:\n  a: 1\n",
            ),
            file(
                "app/charts/cache/Chart.yaml",
                "name: cache\nversion: 1.0.0\n",
            ),
            file("app/charts/cache/values.yaml", "size: 1\n"),
        ]
    }

    #[test]
    fn conditions_tags_and_aliases() {
        let files = app(
            "- name: db\n  version: 2.x\n  condition: db.enabled\n- name: cache\n  version: ~1.0\n  alias: c1\n  condition: cache.on\n- name: cache\n  version: ~1.0\n  alias: c2\n  tags: [extra]\n",
        );
        let c = composed(&files, &Map::new());
        assert_eq!(names(&c), vec!["c1", "c2"]);
        // The user turns db on and the `extra` tag off.
        let user =
            crate::render::values_text("db:\n  enabled: true\ntags:\n  extra: false\n").unwrap();
        let c = composed(&files, &user);
        assert_eq!(names(&c), vec!["db", "c1"]);
        assert_eq!(
            show(&Value::Map(c.subcharts[0].values.clone())),
            r#"{"enabled":true,"exports":{"conn":{"dbPort":5432}},"global":{"g":1},"port":5432,"settings":{"a":1}}"#
        );
        // The subchart's map is the parent's `.Values.db`.
        let Some(Value::Map(db)) = c.values.get("db") else {
            panic!()
        };
        assert!(db.same(&c.subcharts[0].values));
    }

    #[test]
    fn unlisted_subcharts_and_version_mismatch_stay() {
        let files = app("- name: db\n  version: 3.x\n  condition: db.enabled\n");
        let c = composed(&files, &Map::new());
        // db 2.0.0 does not match 3.x: Helm keeps it as an unlisted subchart, always on.
        let mut n = names(&c);
        slim_sort::sort(&mut n);
        assert_eq!(n, vec!["cache", "db"]);
    }

    #[test]
    fn import_values_both_forms() {
        let files = app("- name: db\n  version: 2.0.0\n  import-values:\n  - conn\n  - child: settings\n    parent: imported.settings\n");
        let c = composed(&files, &Map::new());
        assert_eq!(show(&c.values.get("dbPort").unwrap()), "5432");
        assert_eq!(
            show(&c.values.get("imported").unwrap()),
            r#"{"settings":{"a":1}}"#
        );
    }

    #[test]
    fn missing_dependency_is_found_in_another_input() {
        let mut files = app("- name: helm-toolkit\n  version: \">=0.1.0\"\n");
        files.push(file("app/templates/x.yaml", "x: 1\n"));
        let other = vec![
            file(
                "helm-toolkit/Chart.yaml",
                "name: helm-toolkit\nversion: 0.2.1\ntype: library\n",
            ),
            file(
                "helm-toolkit/templates/_x.tpl",
                "{{ define \"helm-toolkit.x\" }}{{ end }}",
            ),
        ];
        let mut chart = tree::load(&files, "app/", tree::Packaging::Folder).unwrap();
        let found = fill_missing(&mut chart, &[&other], &mut Vec::new());
        assert!(found.missing.is_empty());
        assert!(chart.subcharts.iter().any(|s| s.name == "helm-toolkit"));
        let mut chart = tree::load(&files, "app/", tree::Packaging::Folder).unwrap();
        let found = fill_missing(&mut chart, &[], &mut Vec::new());
        assert_eq!(found.missing, vec!["helm-toolkit"]);
    }
}
