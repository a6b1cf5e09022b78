//! The preview of one chart, and the catalog of every chart of a run.
//!
//! A chart's `data_template` may read other products' configs (`${mariadb['endpoints']…}`,
//! `safe_render('mariadb', …)`, `% if mariadb:`). In a preview those are the rendered
//! data_templates of the other charts checked in the same run, and any product configs the user
//! gives (which win). Charts reading each other are rendered in rounds until nothing changes
//! (at most [`MAX_ROUNDS`]), so a chain `a → b → c` resolves.

use super::doc::yaml_problems;
use super::engine::{self, Products};
use super::inputs::Prepared;
use super::license::DEFAULT_REPLICAS;
use super::merge;
use super::tree::{Origin, Tree};
use super::{ConfigError, ConfigReport, InputKind, Layer, LayerSource};
use crate::chart::{self, Chart, CONFIG_HELPERS};
use crate::diagnostic::{Range, Severity};
use crate::text;
use crate::yaml::{self, YamlLimits};
use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// Most leaves a preview lists in `provenance` and in `diff` (each entry carries its path and
/// keys: a few hundred bytes). Real charts have a few thousand; a values.yaml whose aliases
/// expand to hundreds of thousands would otherwise cost the page hundreds of megabytes.
pub const MAX_LISTED: usize = 50_000;

/// Rounds of rendering the catalog's charts against each other.
pub const MAX_ROUNDS: usize = 4;

/// `_config_helpers.yaml.tpl` of a chart, parsed as a template.
#[derive(Debug)]
struct Helpers {
    path: String,
    template: engine::Template,
    errors: Vec<ConfigError>,
}

/// What a preview needs of one chart, owned (a catalog outlives the charts it was built from).
#[derive(Debug)]
pub struct ChartSource {
    pub input: usize,
    pub name: String,
    /// Chart root inside its input, without the trailing `/`.
    pub root: String,
    values_path: String,
    values: Option<Tree>,
    values_errors: Vec<ConfigError>,
    helpers: Option<Helpers>,
}

impl ChartSource {
    pub fn new(input: usize, chart: &Chart) -> ChartSource {
        let name = chart.name();
        let mut values_errors = Vec::new();
        let values_path = chart.path(chart::VALUES_YAML);
        let values = chart.values.as_ref().map(|v| {
            yaml_problems(&v.yaml, InputKind::Values, &v.path, &mut values_errors);
            match v.root() {
                Some(root) if root.as_map().is_some() => {
                    Tree::from_yaml(root, Layer::Values, &|l| l)
                }
                Some(root) if !root.is_null() => {
                    let t = root.type_name();
                    values_errors.push(ConfigError::new(
                        Severity::Error,
                        InputKind::Values,
                        Some(&v.path),
                        Some(root.range),
                        text!(
                            "values.yaml is a {t}, not a map: left out of the preview",
                            "values.yaml 是 {t}，不是映射：预览中未使用"
                        ),
                    ));
                    empty(Layer::Values)
                }
                _ => empty(Layer::Values),
            }
        });
        let helpers = chart.file(CONFIG_HELPERS).map(|f| {
            let mut errors = Vec::new();
            let text = match chart::decode(f) {
                Some(t) => t,
                None => {
                    errors.push(ConfigError::new(
                        Severity::Error,
                        InputKind::DataTemplate,
                        Some(&f.path),
                        None,
                        text!("not UTF-8 text: not rendered", "不是 UTF-8 文本：未渲染"),
                    ));
                    ""
                }
            };
            let (template, parse_errors) = engine::parse(text);
            errors.extend(parse_errors.into_iter().map(|e| {
                ConfigError::new(
                    e.severity,
                    InputKind::DataTemplate,
                    Some(&f.path),
                    e.range,
                    e.message,
                )
                .with_help(e.help)
            }));
            Helpers {
                path: f.path.clone(),
                template,
                errors,
            }
        });
        ChartSource {
            input,
            name,
            root: chart.prefix.trim_end_matches('/').to_string(),
            values_path,
            values,
            values_errors,
            helpers,
        }
    }

    pub fn has_helpers(&self) -> bool {
        self.helpers.is_some()
    }
}

fn empty(layer: Layer) -> Tree {
    Tree::empty_map(Origin { layer, line: 0 })
}

/// A chart's `_config_helpers.yaml.tpl` rendered, and its `data_template`.
struct RenderedChart {
    text: String,
    data_template: Option<(Tree, usize)>,
    errors: Vec<ConfigError>,
}

fn render(h: &Helpers, replicas: i64, products: &mut Products) -> RenderedChart {
    let r = engine::render(&h.template, replicas, products);
    let file = Some(h.path.as_str());
    let mut errors: Vec<ConfigError> = r
        .errors
        .into_iter()
        .map(|e| {
            ConfigError::new(
                e.severity,
                InputKind::DataTemplate,
                file,
                e.range,
                e.message,
            )
            .with_help(e.help)
        })
        .collect();
    let map = &r.line_map;
    let line_of = |l: usize| -> usize {
        if l == 0 {
            0
        } else {
            map.get(l - 1).or(map.last()).copied().unwrap_or(l)
        }
    };
    let yaml = yaml::parse(&r.text, YamlLimits::default());
    let mut yaml_errors = Vec::new();
    yaml_problems(&yaml, InputKind::DataTemplate, &h.path, &mut yaml_errors);
    for mut e in yaml_errors {
        // A YAML error in the rendered text, at the template line that produced it.
        e.message.en = format!("after rendering: {}", e.message.en);
        e.message.zh = format!("渲染后：{}", e.message.zh);
        if let Some(range) = &mut e.range {
            let line = line_of(range.start.line);
            *range = Range::line(line, 1);
        }
        errors.push(e);
    }
    let data_template = match yaml.root().and_then(|root| root.entry("data_template")) {
        Some(e) if e.value.as_map().is_some() => Some((
            Tree::from_yaml(&e.value, Layer::DataTemplate, &line_of),
            line_of(e.key.range.start.line),
        )),
        Some(e) if e.value.is_null() => None,
        Some(e) => {
            let t = e.value.type_name();
            errors.push(ConfigError::new(
                Severity::Error,
                InputKind::DataTemplate,
                file,
                Some(Range::line(line_of(e.value.range.start.line), 1)),
                text!(
                    "`data_template` renders to a {t}, not a map: not merged",
                    "`data_template` 渲染结果是 {t}，不是映射：未合并"
                ),
            ));
            None
        }
        None => None,
    };
    RenderedChart {
        text: r.text,
        data_template,
        errors,
    }
}

/// Every chart of a run, for previews that can see each other.
#[derive(Debug, Default)]
pub struct Catalog {
    charts: Vec<ChartSource>,
    /// The products of the last [`Catalog::products`] call, by the key of the inputs it used.
    cache: RefCell<Option<(u64, Rc<Products>)>>,
}

impl Catalog {
    /// Add `charts`, the charts of input `index`; with `only_products`, only charts that have a
    /// `_config_helpers.yaml.tpl`.
    pub fn add_charts(&mut self, index: usize, charts: &[Chart], only_products: bool) {
        for c in charts {
            if only_products && c.file(CONFIG_HELPERS).is_none() {
                continue;
            }
            self.charts.push(ChartSource::new(index, c));
        }
        self.cache.replace(None);
    }

    /// Forget the products rendered for the last license (benchmarks time a cold preview).
    pub fn clear_cache(&self) {
        self.cache.replace(None);
    }

    pub fn charts(&self) -> &[ChartSource] {
        &self.charts
    }

    /// The chart named `name` of input `input` (the first, if several share the name).
    pub fn find(&self, input: usize, name: &str) -> Option<usize> {
        self.charts
            .iter()
            .position(|c| c.input == input && c.name == name)
    }

    /// The configs the charts' templates can read: each chart's rendered data_template, and the
    /// user's product configs (which win). Rendered in rounds until stable.
    pub fn products(&self, prepared: &Prepared) -> Rc<Products> {
        let key = prepared_key(prepared);
        if let Some((k, p)) = &*self.cache.borrow() {
            if *k == key {
                return p.clone();
            }
        }
        let mut user = Products::new();
        for (id, t) in &prepared.products {
            user.insert(id.clone(), engine::to_value(t));
        }
        // The first chart of each name that has a template and that the user did not give.
        let mut renderable: Vec<&ChartSource> = Vec::new();
        for c in &self.charts {
            if c.helpers.is_some()
                && !user.contains_key(&c.name)
                && !renderable.iter().any(|r| r.name == c.name)
            {
                renderable.push(c);
            }
        }
        let mut current = user.clone();
        let mut current_trees: Vec<Option<Tree>> = vec![None; renderable.len()];
        for round in 0..MAX_ROUNDS {
            let mut next = user.clone();
            let mut trees = Vec::with_capacity(renderable.len());
            for c in &renderable {
                let replicas = replicas_for(prepared, &c.name);
                let own = current.remove(&c.name);
                let h = c
                    .helpers
                    .as_ref()
                    .expect("renderable charts have templates");
                let r = render(h, replicas, &mut current);
                if let Some(own) = own {
                    current.insert(c.name.clone(), own);
                }
                let tree = r.data_template.map(|(t, _)| t);
                if let Some(t) = &tree {
                    next.insert(c.name.clone(), engine::to_value(t));
                }
                trees.push(tree);
            }
            let stable = trees.iter().zip(&current_trees).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => a.same_value(b),
                (None, None) => true,
                _ => false,
            });
            current = next;
            current_trees = trees;
            // One chart cannot change by reading itself; otherwise stop when a round changes nothing.
            if stable || (round == 0 && renderable.len() <= 1) {
                break;
            }
        }
        let products = Rc::new(current);
        self.cache.replace(Some((key, products.clone())));
        products
    }

    /// The preview of chart `index`.
    pub fn preview(&self, index: usize, prepared: &Prepared) -> ConfigReport {
        let products = self.products(prepared);
        self.preview_with(index, prepared, &products)
    }

    fn preview_with(&self, index: usize, prepared: &Prepared, products: &Products) -> ConfigReport {
        let c = &self.charts[index];
        let id = c.name.as_str();
        let mut errors = prepared.errors.clone();
        errors.extend(c.values_errors.iter().cloned());
        let lic = prepared.license.as_ref().map(|l| l.for_product(id));
        let (replicas, from_license) = lic.as_ref().map_or((DEFAULT_REPLICAS, false), |l| {
            (l.replicas, l.replicas_from_license)
        });

        let mut layers = Vec::new();
        let mut sources = Vec::new();
        let values = c.values.clone().unwrap_or_else(|| empty(Layer::Values));
        if c.values.is_some() {
            layers.push(Layer::Values);
            sources.push(LayerSource {
                layer: Layer::Values,
                file: c.values_path.clone(),
                at: None,
                line: None,
            });
        }
        let mut platform = empty(Layer::DataTemplate);
        let mut add = |layer: Layer, tree: &Tree, file: &str, at: Option<String>, line: usize| {
            merge::overlay(&mut platform, tree);
            layers.push(layer);
            sources.push(LayerSource {
                layer,
                file: file.to_string(),
                at,
                line: (line > 0).then_some(line),
            });
        };

        // 1. data_template, rendered (the chart itself left out of the products it reads)
        let mut rendered_template = None;
        if let Some(h) = &c.helpers {
            errors.extend(h.errors.iter().cloned());
            let mut others = products.clone();
            others.remove(id);
            let r = render(h, replicas, &mut others);
            errors.extend(r.errors);
            if let Some((t, line)) = &r.data_template {
                add(
                    Layer::DataTemplate,
                    t,
                    &h.path,
                    Some("data_template".into()),
                    *line,
                );
            }
            rendered_template = Some(r.text);
        }
        // 2. config CRD
        if let Some(p) = prepared.config_crd(id, &mut errors) {
            let file = prepared.config_crd.as_ref().map_or("", |d| d.name.as_str());
            add(Layer::ConfigCrd, &p.tree, file, p.at, p.line);
        }
        // 3. topology, 4. license config
        if let Some(l) = lic {
            let file = prepared.license.as_ref().map_or("", |l| l.file.as_str());
            errors.extend(l.errors);
            if let Some((t, at, line)) = &l.topology {
                add(Layer::Topology, t, file, Some(at.clone()), *line);
            }
            if let Some((t, at, line)) = &l.config {
                add(Layer::License, t, file, Some(at.clone()), *line);
            }
        }
        // 5. custom_config
        if let Some(p) = prepared.custom(id, &mut errors) {
            let file = prepared.custom.as_ref().map_or("", |d| d.name.as_str());
            add(Layer::CustomConfig, &p.tree, file, p.at, p.line);
        }

        let mut final_values = values.clone();
        merge::coalesce(&mut final_values, &platform);
        let file_of = |layer: Layer| {
            sources
                .iter()
                .find(|s| s.layer == layer)
                .map(|s| s.file.clone())
        };
        let (provenance, leaves) = merge::provenance(&final_values, &file_of, MAX_LISTED);
        let (diff, changes) = merge::diff(&values, &final_values, MAX_LISTED);
        if leaves > MAX_LISTED || changes > MAX_LISTED {
            let total = leaves.max(changes);
            errors.push(ConfigError::new(
                Severity::Warning,
                InputKind::Values,
                Some(&c.values_path),
                None,
                text!(
                    "the final values have {total} leaves: provenance and diff list the first {MAX_LISTED}",
                    "最终配置值共有 {total} 个叶子节点：来源与差异只列出前 {MAX_LISTED} 个"
                ),
            ));
        }
        ConfigReport {
            product: c.name.clone(),
            layers,
            sources,
            values: final_values,
            provenance,
            diff,
            rendered_template,
            replicas_by_modality: replicas,
            replicas_from_license: from_license,
            products: products.keys().filter(|k| *k != id).cloned().collect(),
            errors,
        }
    }
}

fn replicas_for(prepared: &Prepared, id: &str) -> i64 {
    prepared
        .license
        .as_ref()
        .map_or(DEFAULT_REPLICAS, |l| l.for_product(id).replicas)
}

/// What the catalog's products depend on: the license and the user's product configs.
fn prepared_key(p: &Prepared) -> u64 {
    let mut h = DefaultHasher::new();
    match &p.license {
        Some(l) => {
            1u8.hash(&mut h);
            l.fingerprint().hash(&mut h);
        }
        None => 0u8.hash(&mut h),
    }
    for (id, t) in &p.products {
        id.hash(&mut h);
        serde_json::to_string(t).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}

impl Catalog {
    /// The preview of every chart, without user inputs, each seeing the other charts: a check's
    /// `charts[].config`, as `(input index, chart root, preview)`.
    pub fn previews(&self) -> Vec<(usize, &str, ConfigReport)> {
        if self.charts.is_empty() {
            return Vec::new();
        }
        let prepared = Prepared::default();
        let products = self.products(&prepared);
        self.charts
            .iter()
            .enumerate()
            .map(|(k, c)| {
                (
                    c.input,
                    c.root.as_str(),
                    self.preview_with(k, &prepared, &products),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
