//! The resource requirement of a cloud product (guide §1.1.6.3; RULES.md, RES).
//!
//! The platform compares a product's requirement with the free capacity of its cloud product
//! nodes before install or upgrade. The requirement is, in this order:
//! 1. **declared**: `data.resource_limit` in `templates/_acl_helpers.yaml.tpl` (`max_cpu` in
//!    millicores, `max_memory` in MiB) wins;
//! 2. **computed**: otherwise the sum of every `requests` map under a key named `resources`
//!    anywhere in values.yaml (at any depth below it), leaving out everything under a key named
//!    `jobs`. On/off switches do not matter and replicas do not multiply.
//!
//! A product is **exempt** (not checked) when a Chart.yaml keyword is `foundation` or
//! `creator:foundation` (also tolerated: `creator: foundation` with a space, which YAML reads as a
//! one-entry map), or when `_acl_helpers` sets `namespace: openstack`. An exempt product still
//! shows its figures (declared or computed, as above).
//!
//! Choices where the guide is silent:
//! - A `requests` map counts when it holds `cpu` or `memory`. One with neither (`requests: {}`, a
//!   claim's `requests: {storage: 10Gi}`) is not a compute request and is skipped.
//! - Items sum their rounded-up figures (cpu in millicores, memory in MiB), so the items of the
//!   report always add up to the total.
//! - A declaration missing one figure, or with an invalid one (ACL-006), keeps the computed
//!   figure for it.
//! - A `null` cpu or memory is absent (Helm drops null values); a quantity that does not parse
//!   (RES-003) counts as 0.
//! - An item's `line` is that of its `requests` key; its `path` names the map holding `requests`
//!   (`pod.resources.backend_api`; list items as `containers[0]`).
//! - A values.yaml that does not parse, or whose aliases expand past the node budget, is not
//!   summed (its document is cut short); HELM-001 and the YAML limits report it.
//! - Only the chart's own values.yaml is read, not its subcharts' (the parent's values.yaml can
//!   set their resources under the subchart's key, and those count like any other).
//!
//! Cost: [`compute`] is one walk over the already parsed values.yaml that allocates only for
//! what it records (string keys are borrowed). `lib.rs` calls it once per chart and each RES rule
//! calls it again (9 walks a chart), rather than caching it on `Chart`: on the largest values
//! files of the corpus (Bitnami thanos, 260 KB; kube-prometheus-stack, 210 KB) one walk takes
//! about 0.15 ms in a release build, against about 2 ms to parse the file once.

pub mod quantity;

use crate::chart::Chart;
use crate::diagnostic::Range;
use crate::yaml::{Kind, Node, Problem, Value};
use quantity::{cpu_m, memory_mi, node_milli, QuantityError};
use serde::Serialize;
use std::borrow::Cow;

/// `charts[].resources` of the report (REPORT.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceSource {
    Computed,
    Declared,
    Exempt,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resources {
    pub source: ResourceSource,
    pub cpu_m: u64,
    pub memory_mi: u64,
    pub limit_cpu_m: u64,
    pub limit_memory_mi: u64,
    pub items: Vec<ResourceItem>,
    /// What values.yaml sums to, when the requirement is declared (additive field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_cpu_m: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_memory_mi: Option<u64>,
    /// Why the product is exempt (additive field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceItem {
    pub path: String,
    pub file: String,
    pub line: usize,
    pub cpu_m: u64,
    pub memory_mi: u64,
}

/// The most a product may need on cloud product nodes: 6 CPU.
pub const LIMIT_CPU_M: u64 = 6000;
/// The most a product may need on cloud product nodes: 12 GiB.
pub const LIMIT_MEMORY_MI: u64 = 12288;
/// The recommended request tiers (cpu m, memory Mi).
pub const TIERS: [(u64, u64); 3] = [(200, 512), (500, 1024), (1000, 2048)];

/// A `cpu` or `memory` value in values.yaml.
#[derive(Debug, Clone)]
pub struct QuantityAt {
    /// The value as written (`500m`, `0.5`).
    pub text: String,
    /// Where the value is.
    pub range: Range,
    /// Milli-units (millicores, milli-bytes) rounded up; `None` for null.
    pub milli: Result<Option<u128>, QuantityError>,
}

impl QuantityAt {
    fn read(node: &Node) -> QuantityAt {
        let text = match &node.kind {
            Kind::Scalar(s) => s.text.clone(),
            _ => node.type_name().to_string(),
        };
        QuantityAt {
            text,
            range: node.range,
            milli: node_milli(node),
        }
    }
    /// Present with a value (not null); a bad value counts as present.
    pub fn is_set(&self) -> bool {
        !matches!(self.milli, Ok(None))
    }
    /// The parsed value, 0 when null or bad.
    pub fn milli_or_zero(&self) -> u128 {
        self.milli.clone().ok().flatten().unwrap_or(0)
    }
}

/// A `requests` or `limits` map: its `cpu` and `memory`.
#[derive(Debug, Clone)]
pub struct QuantityMap {
    pub key_range: Range,
    pub cpu: Option<QuantityAt>,
    pub memory: Option<QuantityAt>,
    /// The other keys (`storage`, `ephemeral-storage`, a misspelt `Memory`), with their places.
    pub others: Vec<(String, Range)>,
}

impl QuantityMap {
    fn read(key: &Node, value: &Node) -> QuantityMap {
        QuantityMap {
            key_range: key.range,
            cpu: value.get("cpu").map(QuantityAt::read),
            memory: value.get("memory").map(QuantityAt::read),
            others: value
                .as_map()
                .unwrap_or_default()
                .iter()
                .map(|e| (e.key.key_string(), e.key.range))
                .filter(|(k, _)| k != "cpu" && k != "memory")
                .collect(),
        }
    }
    /// Holds a non-null `cpu` or `memory`: a compute request (or limit).
    pub fn is_compute(&self) -> bool {
        self.cpu.as_ref().is_some_and(QuantityAt::is_set)
            || self.memory.as_ref().is_some_and(QuantityAt::is_set)
    }
    /// Millicores (0 when absent or bad).
    pub fn cpu_m(&self) -> u64 {
        cpu_m(self.cpu.as_ref().map_or(0, QuantityAt::milli_or_zero))
    }
    /// MiB rounded up (0 when absent or bad).
    pub fn memory_mi(&self) -> u64 {
        memory_mi(self.memory.as_ref().map_or(0, QuantityAt::milli_or_zero))
    }
}

/// Where a `requests` map sits, which decides whether it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Under a `resources` key and not under `jobs`: it counts.
    Counted,
    /// Under a `jobs` key: left out on purpose.
    UnderJobs,
    /// Under no `resources` key (and not under `jobs`): not counted, likely by mistake (RES-007).
    Orphan,
}

/// A map of values.yaml that holds `requests` and/or `limits`: under a `resources` key, or (an
/// orphan) a `requests` with cpu/memory outside any.
#[derive(Debug, Clone)]
pub struct Block {
    /// Dotted path of the map holding `requests` (`pod.resources.backend_api`); "" at the top.
    pub path: String,
    pub place: Place,
    pub requests: Option<QuantityMap>,
    pub limits: Option<QuantityMap>,
    /// For an orphan: the nearest enclosing key that looks like a misspelt `resources`.
    pub resources_typo: Option<(String, Range)>,
}

impl Block {
    /// The path as shown in messages.
    pub fn shown_path(&self) -> &str {
        if self.path.is_empty() {
            "(top level)"
        } else {
            &self.path
        }
    }
}

/// A map with cpu/memory under a `resources` key whose key looks like a misspelt `requests`
/// (`request:`, `Requests:`): not counted.
#[derive(Debug, Clone)]
pub struct MisnamedRequests {
    pub path: String,
    pub key: String,
    pub key_range: Range,
}

/// `data.resource_limit` of `_acl_helpers.yaml.tpl`.
#[derive(Debug, Clone)]
pub struct Declared {
    pub file: String,
    /// The `resource_limit` key.
    pub range: Range,
    /// `max_cpu` when it is a non-negative integer, with the place of its value.
    pub cpu_m: Option<(u64, Range)>,
    /// `max_memory` when it is a non-negative integer, with the place of its value.
    pub memory_mi: Option<(u64, Range)>,
}

/// Why a product is exempt, and where that is written.
#[derive(Debug, Clone)]
pub struct Exemption {
    pub file: String,
    pub range: Range,
    /// What exempts it, as written (`creator:foundation`, `namespace: openstack`).
    pub what: String,
}

/// The requirement of one chart, with what the RES rules need to explain it.
#[derive(Debug, Clone)]
pub struct Computation {
    /// The report's `resources` object.
    pub resources: Resources,
    /// values.yaml's path, when the chart has one.
    pub values_file: Option<String>,
    /// values.yaml was there and parsed (without it there is nothing to sum).
    pub values_read: bool,
    /// Every map holding `requests`/`limits` under a `resources` key, and every orphan `requests`.
    pub blocks: Vec<Block>,
    pub misnamed: Vec<MisnamedRequests>,
    /// Paths of `resourcesPreset` keys set to a preset (Bitnami's `nano`…`2xlarge`): their
    /// requests come from templates, which the platform's sum does not see.
    pub presets: Vec<String>,
    /// What values.yaml sums to.
    pub sum_cpu_m: u64,
    pub sum_memory_mi: u64,
    pub declared: Option<Declared>,
    pub exemption: Option<Exemption>,
}

impl Computation {
    /// The maps that count, in file order.
    pub fn counted(&self) -> impl Iterator<Item = (&Block, &QuantityMap)> {
        self.blocks
            .iter()
            .filter(|b| b.place == Place::Counted)
            .filter_map(|b| {
                let r = b.requests.as_ref()?;
                r.is_compute().then_some((b, r))
            })
    }
}

/// Compute the requirement of a chart (one walk of values.yaml).
pub fn compute(chart: &Chart) -> Computation {
    let mut walk = Walk::default();
    let mut values_read = false;
    if let Some(values) = &chart.values {
        // A document cut short (syntax error, alias expansion over the budget) would give
        // partial, arbitrary figures: nothing is summed then.
        let cut = values.yaml.problems.iter().any(|p| {
            matches!(
                p,
                Problem::Syntax { .. } | Problem::TooManyNodes { .. } | Problem::BudgetSpent { .. }
            )
        });
        if !cut {
            values_read = true;
            if let Some(root) = values.root() {
                walk.node(root, &mut Vec::new(), Ctx::default());
            }
        }
    }
    let mut items = Vec::new();
    let (mut sum_cpu_m, mut sum_memory_mi) = (0u64, 0u64);
    let values_file = chart.values.as_ref().map(|v| v.path.clone());
    for b in &walk.blocks {
        if b.place != Place::Counted {
            continue;
        }
        let Some(r) = &b.requests else { continue };
        if !r.is_compute() {
            continue;
        }
        let (c, m) = (r.cpu_m(), r.memory_mi());
        sum_cpu_m = sum_cpu_m.saturating_add(c);
        sum_memory_mi = sum_memory_mi.saturating_add(m);
        items.push(ResourceItem {
            path: b.path.clone(),
            file: values_file.clone().unwrap_or_default(),
            line: r.key_range.start.line,
            cpu_m: c,
            memory_mi: m,
        });
    }
    let declared = declared(chart);
    let exemption = exemption(chart);
    let cpu = declared
        .as_ref()
        .and_then(|d| d.cpu_m)
        .map_or(sum_cpu_m, |(v, _)| v);
    let memory = declared
        .as_ref()
        .and_then(|d| d.memory_mi)
        .map_or(sum_memory_mi, |(v, _)| v);
    let source = if exemption.is_some() {
        ResourceSource::Exempt
    } else if declared.is_some() {
        ResourceSource::Declared
    } else {
        ResourceSource::Computed
    };
    let resources = Resources {
        source,
        cpu_m: cpu,
        memory_mi: memory,
        limit_cpu_m: LIMIT_CPU_M,
        limit_memory_mi: LIMIT_MEMORY_MI,
        items,
        computed_cpu_m: declared.as_ref().map(|_| sum_cpu_m),
        computed_memory_mi: declared.as_ref().map(|_| sum_memory_mi),
        exempt_reason: exemption.as_ref().map(|e| e.what.clone()),
    };
    Computation {
        resources,
        values_file,
        values_read,
        blocks: walk.blocks,
        misnamed: walk.misnamed,
        presets: walk.presets,
        sum_cpu_m,
        sum_memory_mi,
        declared,
        exemption,
    }
}

/// What the keys above a node say.
#[derive(Clone, Copy, Default)]
struct Ctx<'a> {
    under_resources: bool,
    under_jobs: bool,
    resources_typo: Option<(&'a str, Range)>,
}

impl<'a> Ctx<'a> {
    fn enter(self, key: &'a str, key_node: &Node) -> Ctx<'a> {
        let mut c = self;
        match key {
            "resources" => c.under_resources = true,
            "jobs" => c.under_jobs = true,
            k => {
                if looks_like(k, "resources") {
                    c.resources_typo = Some((k, key_node.range));
                }
            }
        }
        c
    }
}

/// One step of a path: a map key or a list index.
enum Part<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    misnamed: Vec<MisnamedRequests>,
    presets: Vec<String>,
}

fn path_string(parts: &[Part]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            Part::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Part::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// A key as Helm names it, borrowed when it is a string (most keys).
fn key_text(node: &Node) -> Cow<'_, str> {
    match &node.kind {
        Kind::Scalar(s) if s.value == Value::Str => Cow::Borrowed(s.text.as_str()),
        _ => Cow::Owned(node.key_string()),
    }
}

/// `key` is a near miss of `word` (`resource`, `Resources` for `resources`), as
/// [`crate::suggest::nearest`] judges it, without allocating for ASCII keys: this runs on every key
/// of values.yaml.
fn looks_like(key: &str, word: &str) -> bool {
    if key == word || key.len().abs_diff(word.len()) > 3 {
        return false;
    }
    if !key.is_ascii() || key.len() > 32 {
        return crate::suggest::nearest(key, &[word]).is_some();
    }
    let budget = (key.len() / 3).max(2);
    let (a, b) = (key.as_bytes(), word.as_bytes());
    // Levenshtein, ASCII case-insensitive, one row on the stack.
    let mut row = [0usize; 33];
    for (j, cell) in row.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut diag = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(!a[i - 1].eq_ignore_ascii_case(&b[j - 1]));
            let next = (row[j] + 1).min(row[j - 1] + 1).min(diag + cost);
            diag = row[j];
            row[j] = next;
        }
    }
    row[b.len()] <= budget
}

/// A map value with a `cpu` or `memory` key.
fn has_compute_keys(node: &Node) -> bool {
    node.get("cpu").is_some() || node.get("memory").is_some()
}

impl Walk {
    fn node<'a>(&mut self, node: &'a Node, path: &mut Vec<Part<'a>>, ctx: Ctx<'a>) {
        match &node.kind {
            Kind::Scalar(_) => {}
            Kind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Part::Index(i));
                    self.node(item, path, ctx);
                    path.pop();
                }
            }
            Kind::Map(entries) => {
                let find = |name: &str| {
                    entries
                        .iter()
                        .find(|e| e.key.key_is(name) && e.value.as_map().is_some())
                };
                let requests = find("requests");
                let limits = find("limits");
                let place = if ctx.under_jobs {
                    Place::UnderJobs
                } else if ctx.under_resources {
                    Place::Counted
                } else {
                    Place::Orphan
                };
                let record = if ctx.under_resources {
                    requests.is_some() || limits.is_some()
                } else {
                    !ctx.under_jobs && requests.is_some_and(|r| has_compute_keys(&r.value))
                };
                if record {
                    self.blocks.push(Block {
                        path: path_string(path),
                        place,
                        requests: requests.map(|e| QuantityMap::read(&e.key, &e.value)),
                        limits: limits.map(|e| QuantityMap::read(&e.key, &e.value)),
                        resources_typo: match ctx.resources_typo {
                            Some((k, r)) if place == Place::Orphan => Some((k.to_string(), r)),
                            _ => None,
                        },
                    });
                }
                for e in entries {
                    let key = key_text(&e.key);
                    let is_map = e.value.as_map().is_some();
                    if record && is_map && (key == "requests" || key == "limits") {
                        continue;
                    }
                    if ctx.under_resources
                        && !ctx.under_jobs
                        && is_map
                        && key != "limits"
                        && has_compute_keys(&e.value)
                        && looks_like(&key, "requests")
                    {
                        self.misnamed.push(MisnamedRequests {
                            path: path_string(path),
                            key: key.into_owned(),
                            key_range: e.key.range,
                        });
                        continue;
                    }
                    if key == "resourcesPreset"
                        && e.value
                            .as_str()
                            .is_some_and(|p| !p.is_empty() && p != "none")
                    {
                        path.push(Part::Key(key));
                        self.presets.push(path_string(path));
                        path.pop();
                        continue;
                    }
                    if is_map || e.value.as_seq().is_some() {
                        let child = match &key {
                            Cow::Borrowed(k) => ctx.enter(k, &e.key),
                            // Only string keys can be `resources`, `jobs` or near misses.
                            Cow::Owned(_) => ctx,
                        };
                        path.push(Part::Key(key));
                        self.node(&e.value, path, child);
                        path.pop();
                    }
                }
            }
        }
    }
}

/// A non-negative integer as `resource_limit` holds it (lenient: `"500"` and `500.0` are read;
/// ACL-006 reports them).
fn whole_number(node: &Node) -> Option<u64> {
    let s = node.as_scalar()?;
    match s.value {
        Value::Int(i) => u64::try_from(i).ok(),
        Value::Float(f) if f >= 0.0 && f.fract() == 0.0 && f < 1e18 => Some(f as u64),
        Value::Str => s.text.trim().parse().ok(),
        _ => None,
    }
}

fn declared(chart: &Chart) -> Option<Declared> {
    let acl = chart.acl.as_ref()?;
    let entry = acl.root()?.get("data")?.entry("resource_limit")?;
    entry.value.as_map()?;
    let figure = |k: &str| {
        let v = entry.value.get(k)?;
        Some((whole_number(v)?, v.range))
    };
    let (cpu_m, memory_mi) = (figure("max_cpu"), figure("max_memory"));
    if cpu_m.is_none() && memory_mi.is_none() {
        return None;
    }
    Some(Declared {
        file: acl.path.clone(),
        range: entry.key.range,
        cpu_m,
        memory_mi,
    })
}

fn exemption(chart: &Chart) -> Option<Exemption> {
    if let Some(cy) = &chart.chart_yaml {
        for kw in chart.keywords() {
            let what = match &kw.kind {
                Kind::Scalar(s) if s.value == Value::Str => {
                    let compact: String = s
                        .text
                        .split(':')
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join(":");
                    matches!(compact.as_str(), "foundation" | "creator:foundation")
                        .then(|| s.text.clone())
                }
                Kind::Map(entries) => entries
                    .iter()
                    .any(|e| {
                        e.key.key_string() == "creator"
                            && e.value.as_str().map(str::trim) == Some("foundation")
                    })
                    .then(|| "creator: foundation".to_string()),
                _ => None,
            };
            if let Some(what) = what {
                return Some(Exemption {
                    file: cy.path.clone(),
                    range: kw.range,
                    what,
                });
            }
        }
    }
    let acl = chart.acl.as_ref()?;
    let ns = acl.root()?.get("data")?.get("namespace")?;
    (ns.as_str() == Some("openstack")).then(|| Exemption {
        file: acl.path.clone(),
        range: ns.range,
        what: "namespace: openstack".to_string(),
    })
}

/// The recommended tier a request pair is, if any.
pub fn tier(cpu_m: u64, memory_mi: u64) -> Option<(u64, u64)> {
    TIERS.iter().copied().find(|&t| t == (cpu_m, memory_mi))
}

/// `700m` / `1536Mi`.
pub fn show(cpu_m: u64, memory_mi: u64) -> String {
    format!("{cpu_m}m / {memory_mi}Mi")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::input::{File, Input};

    /// An input with one chart `demo/` holding the given files (path relative to the chart).
    pub(crate) fn input(files: &[(&str, &str)]) -> Input {
        let mut all = vec![File {
            path: "demo/Chart.yaml".into(),
            data: b"apiVersion: v1\nname: demo\nversion: 1.0.0\nkeywords:\n  - creator:ems_service_chart\n".to_vec(),
        }];
        for (p, text) in files {
            all.retain(|f| f.path != format!("demo/{p}"));
            all.push(File {
                path: format!("demo/{p}"),
                data: text.as_bytes().to_vec(),
            });
        }
        Input {
            path: "demo".into(),
            files: all,
            ..Default::default()
        }
    }

    pub(crate) fn compute_for(files: &[(&str, &str)]) -> Computation {
        let inp = input(files);
        let charts = crate::chart::discover(&inp);
        compute(&charts[0])
    }

    /// The guide's §1.1.6.3 example, as printed (its odd indentation and the page break that
    /// leaves `db_init.requests` empty included).
    pub(crate) const GUIDE_EXAMPLE: &str = r#"pod:
  resources:
    jobs:
      hook:
        requests:
          memory: "200Mi"
          cpu: "512m"
      db_init:
        requests:
        memory: "1024Mi"
        cpu: "500m"
    backend_api:
        requests:
            memory: "1024Mi"
            cpu: "500m"
    front_dashboard:
        requests:
            memory: "512Mi"
            cpu: "200m"
"#;

    #[test]
    fn the_guide_example_gives_700m_1536mi() {
        let c = compute_for(&[("values.yaml", GUIDE_EXAMPLE)]);
        let r = &c.resources;
        assert_eq!(r.source, ResourceSource::Computed);
        assert_eq!((r.cpu_m, r.memory_mi), (700, 1536));
        assert_eq!((r.limit_cpu_m, r.limit_memory_mi), (6000, 12288));
        let items: Vec<_> = r
            .items
            .iter()
            .map(|i| (i.path.as_str(), i.line, i.cpu_m, i.memory_mi))
            .collect();
        assert_eq!(
            items,
            vec![
                ("pod.resources.backend_api", 13, 500, 1024),
                ("pod.resources.front_dashboard", 17, 200, 512)
            ]
        );
        assert_eq!(r.items[0].file, "demo/values.yaml");
        assert_eq!(r.computed_cpu_m, None);
    }

    #[test]
    fn the_guide_declared_example_gives_500m_1200mi() {
        let acl = "data:\n  psp_type: Unlimited\n  cluster_role: cluster-admin\n  pvc_enable: true\n  namespace: openstack\n  resource_limit:\n    max_cpu: 500\n    max_memory: 1200\n";
        let c = compute_for(&[
            ("values.yaml", GUIDE_EXAMPLE),
            ("templates/_acl_helpers.yaml.tpl", acl),
        ]);
        let r = &c.resources;
        assert_eq!(
            r.source,
            ResourceSource::Exempt,
            "namespace: openstack exempts"
        );
        assert_eq!((r.cpu_m, r.memory_mi), (500, 1200));
        assert_eq!(
            (r.computed_cpu_m, r.computed_memory_mi),
            (Some(700), Some(1536))
        );
        assert_eq!(r.exempt_reason.as_deref(), Some("namespace: openstack"));
        let c = compute_for(&[
            ("values.yaml", GUIDE_EXAMPLE),
            (
                "templates/_acl_helpers.yaml.tpl",
                &acl.replace("openstack", "mine"),
            ),
        ]);
        assert_eq!(c.resources.source, ResourceSource::Declared);
        assert_eq!((c.resources.cpu_m, c.resources.memory_mi), (500, 1200));
    }

    #[test]
    fn any_depth_lists_numbers_and_switches() {
        let values = r#"
enabled: false
a:
  resources:
    requests: {cpu: 0.5, memory: 1Gi}
    limits: {cpu: 1, memory: 2Gi}
b:
  enabled: false
  replicas: 3
  deep:
    resources:
      x:
        inner:
          requests:
            cpu: 1
            memory: 1073741824
containers:
  - name: c
    resources:
      requests:
        cpu: 250m
        memory: 1e9
jobs:
  resources:
    requests: {cpu: 4, memory: 4Gi}
c:
  resources:
    jobs:
      x: {requests: {cpu: 4, memory: 4Gi}}
    volume:
      requests:
        storage: 10Gi
    empty:
      requests: {}
"#;
        let c = compute_for(&[("values.yaml", values)]);
        let items: Vec<_> = c
            .resources
            .items
            .iter()
            .map(|i| (i.path.as_str(), i.cpu_m, i.memory_mi))
            .collect();
        assert_eq!(
            items,
            vec![
                ("a.resources", 500, 1024),
                ("b.deep.resources.x.inner", 1000, 1024),
                ("containers[0].resources", 250, 954)
            ]
        );
        assert_eq!((c.resources.cpu_m, c.resources.memory_mi), (1750, 3002));
    }

    #[test]
    fn exemptions() {
        for kw in [
            "foundation",
            "creator:foundation",
            "creator: foundation",
            "\"creator: foundation\"",
            "'creator : foundation'",
        ] {
            let chart =
                format!("apiVersion: v1\nname: demo\nversion: 1.0.0\nkeywords:\n  - {kw}\n");
            let c = compute_for(&[("Chart.yaml", &chart), ("values.yaml", GUIDE_EXAMPLE)]);
            assert_eq!(c.resources.source, ResourceSource::Exempt, "{kw}");
            assert_eq!(
                (c.resources.cpu_m, c.resources.memory_mi),
                (700, 1536),
                "figures still given"
            );
            assert_eq!(c.exemption.unwrap().range.start.line, 5);
        }
        for kw in ["creator:ems_service_chart", "foundations", "en:foundation"] {
            let chart =
                format!("apiVersion: v1\nname: demo\nversion: 1.0.0\nkeywords:\n  - {kw}\n");
            let c = compute_for(&[("Chart.yaml", &chart), ("values.yaml", GUIDE_EXAMPLE)]);
            assert_eq!(c.resources.source, ResourceSource::Computed, "{kw}");
        }
    }

    #[test]
    fn partial_or_bad_declarations() {
        let acl = "data:\n  resource_limit:\n    max_cpu: 300\n    max_memory: lots\n";
        let c = compute_for(&[
            ("values.yaml", GUIDE_EXAMPLE),
            ("templates/_acl_helpers.yaml.tpl", acl),
        ]);
        assert_eq!(c.resources.source, ResourceSource::Declared);
        assert_eq!((c.resources.cpu_m, c.resources.memory_mi), (300, 1536));
        for acl in [
            "data:\n  resource_limit: {}\n",
            "data:\n  resource_limit:\n",
            "data:\n  resource_limit:\n    max_cpu: -1\n",
        ] {
            let c = compute_for(&[
                ("values.yaml", GUIDE_EXAMPLE),
                ("templates/_acl_helpers.yaml.tpl", acl),
            ]);
            assert_eq!(c.resources.source, ResourceSource::Computed, "{acl}");
            assert!(c.declared.is_none());
        }
    }

    #[test]
    fn unreadable_values() {
        let c = compute_for(&[("values.yaml", "pod: [1\n")]);
        assert!(!c.values_read);
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        bomb.push_str("resources:\n  requests: {cpu: 1}\n");
        let c = compute_for(&[("values.yaml", &bomb)]);
        assert!(
            !c.values_read,
            "a document cut at the node budget is not summed"
        );
        assert_eq!((c.resources.cpu_m, c.resources.memory_mi), (0, 0));
        let c = compute_for(&[]);
        assert!(!c.values_read && c.values_file.is_none());
        let c = compute_for(&[("values.yaml", "")]);
        assert!(c.values_read);
    }

    #[test]
    fn near_misses_agree_with_nearest() {
        for word in ["resources", "requests"] {
            for key in [
                "resource",
                "Resources",
                "RESOURCES",
                "resouces",
                "rsources",
                "sources",
                "resourcesPreset",
                "request",
                "Requests",
                "requets",
                "reqs",
                "limits",
                "replicas",
                "res",
                "jobs",
                "probes",
                "résources",
                "ressources",
                "resourcess",
                "x_resources",
                "recources",
            ] {
                let expect = key != word && crate::suggest::nearest(key, &[word]).is_some();
                let expect = expect && key.len().abs_diff(word.len()) <= 3;
                assert_eq!(looks_like(key, word), expect, "{key} ~ {word}");
            }
        }
    }

    #[test]
    fn orphans_and_misnamed() {
        let values = "pod:\n  resource:\n    api:\n      requests: {cpu: 1, memory: 1Gi}\n  resources:\n    web:\n      request: {cpu: 1, memory: 1Gi}\njobs:\n  x:\n    requests: {cpu: 1}\nclaim:\n  requests: {storage: 1Gi}\n";
        let c = compute_for(&[("values.yaml", values)]);
        let orphans: Vec<_> = c
            .blocks
            .iter()
            .filter(|b| b.place == Place::Orphan)
            .collect();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].path, "pod.resource.api");
        assert_eq!(orphans[0].resources_typo.as_ref().unwrap().0, "resource");
        assert_eq!(c.misnamed.len(), 1);
        assert_eq!(c.misnamed[0].key, "request");
        assert_eq!(c.resources.items.len(), 0);
    }
}
