//! Rendering a chart's templates as `helm template` does (issue 9): Helm's value model, its
//! template functions, chart composition (values, subcharts, built-in objects) and the output in
//! Helm's order, over the Go template engine of `crates/gotmpl`.
//!
//! `values`: YAML read into template values as Helm reads values files; `funcs`: Helm's own
//! template functions (`toYaml`, `include`, `tpl`, `required`, …). The composition: `tree` (a
//! chart and its subcharts out of an input's files), `strvals` (`--set`), `coalesce` (values
//! precedence), `compose` (dependencies: aliases, conditions, tags, import-values), `objects`
//! (`.Chart`, `.Capabilities`, `.Files`), `manifest` (documents and Helm's order), `semver`
//! (version constraints), `helmignore`.

mod coalesce;
mod compose;
pub mod funcs;
mod helmignore;
/// Shell globs (`**` crosses folders), for `.ecplint.yaml`'s `ignore` too.
pub use helmignore::glob_match;
pub mod image;
pub mod json;
pub mod kube_apis;
pub mod kube_schema;
pub mod manifest;
pub mod manifests;
mod objects;
pub mod semver;
pub mod strvals;
pub mod tree;
pub mod usage;
pub mod values;
pub mod values_schema;

pub use manifest::Document;

use crate::diagnostic::Text;
use crate::input::{File, Input};
use crate::text;
pub use gotmpl::ParseCache;
use gotmpl::{Funcs, Map, MissingKey, Options, Templates, Value};
use objects::{ApiVersions, Capabilities, ChartObject, Files, KubeVersion};
use std::collections::BTreeMap;
use std::rc::Rc;
use tree::ChartNode;

/// What `helm template` is told.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenderOptions {
    /// `--release-name` (the caller's default: the product ID).
    pub release_name: String,
    /// `--namespace`.
    pub namespace: String,
    /// `--kube-version`; Helm's default (v1.32.0 in v3.17.3) when `None`.
    pub kube_version: Option<String>,
    /// `--api-versions`, added to Helm's default list.
    pub api_versions: Vec<String>,
    /// `-f` files: (name, text), in order.
    pub values: Vec<(String, String)>,
    /// `--set`, `--set-string`, `--set-file` expressions, each in order.
    pub set: Vec<String>,
    pub set_string: Vec<String>,
    pub set_file: Vec<String>,
    /// The contents of the paths `--set-file` names (`strvals::file_paths`), read by the caller.
    pub set_file_contents: BTreeMap<String, String>,
    /// `--show-only`: template paths relative to the chart's parent (`templates/x.yaml` or
    /// `app/templates/x.yaml`).
    pub show_only: Vec<String>,
    pub include_crds: bool,
    pub no_hooks: bool,
    pub seed: u64,
    /// What `now` returns (nanoseconds since the Unix epoch).
    pub now_unix_nanos: i64,
    /// Fast, weak keys and hashes (`gotmpl::Options::quick_crypto`): for the check, which
    /// reads the manifests' shape, never for `ecplint template`'s output.
    pub quick_crypto: bool,
    /// `.Release.Time` as Helm 2 gave it (`Seconds`, `Nanos` of "now"): for the check, so that
    /// a template written for Helm 2 still renders (HELM-009 reports it); never for
    /// `ecplint template`, whose output is Helm 3's.
    pub helm2_release_time: bool,
}

/// Why a whole render could not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FatalKind {
    /// The call is wrong (a `--set` that does not parse, an unknown Kubernetes version).
    Call,
    /// An input (a values file) cannot be read.
    Input,
    /// The chart itself: Helm refuses it (kubeVersion, a values.yaml that does not parse, a
    /// library chart).
    Chart,
}

#[derive(Clone, Debug)]
pub struct Fatal {
    pub kind: FatalKind,
    pub message: Text,
}

/// A template that failed, with the engine's error (place and include chain).
#[derive(Clone, Debug)]
pub struct TemplateError {
    /// The template's name (`app/templates/x.yaml`).
    pub template: String,
    pub error: gotmpl::Error,
    /// It executed, but its output is not YAML (Helm's `YAML parse error on …`); `error.at` is
    /// the template line that wrote the line where the YAML broke.
    pub invalid_yaml: bool,
}

/// A template not rendered because a dependency is missing from the chart and the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotRendered {
    pub template: String,
    pub dependency: String,
    /// The template name it includes that nobody defines.
    pub include: String,
}

/// What rendering a chart gives.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The chart's name.
    pub chart: String,
    /// Documents in Helm's order (CRDs first with `include_crds`, hooks last).
    pub documents: Vec<Document>,
    pub errors: Vec<TemplateError>,
    pub not_rendered: Vec<NotRendered>,
    /// Dependencies found neither in the chart nor among the run's other inputs.
    pub missing_dependencies: Vec<String>,
    pub fatal: Option<Fatal>,
    pub warnings: Vec<Text>,
    /// `--show-only` chose the documents (Helm prints them without the release framing).
    pub selected: bool,
    /// The values Helm checks against a values.schema.json (the chart's, its subcharts').
    pub schema_checks: Vec<values_schema::SchemaCheck>,
    /// The top chart's `.Values`: values.yaml coalesced with the user's values and the
    /// subcharts' (empty when the chart was not composed).
    pub values: Map,
}

impl Rendered {
    /// The documents as `helm template` prints them.
    pub fn to_yaml(&self) -> String {
        if self.fatal.is_some() {
            return String::new();
        }
        manifest::to_yaml_stream(&self.documents, self.selected)
    }

    /// Whether everything rendered (no fatal error, no failed template).
    pub fn ok(&self) -> bool {
        self.fatal.is_none() && self.errors.is_empty()
    }
}

/// Helm's default Kubernetes version (`helm template` without `--kube-version`, v3.17.3).
pub const DEFAULT_KUBE_VERSION: &str = "v1.32.0";

/// Helm v3.17.3's default `.Capabilities.APIVersions` (in its order).
pub const DEFAULT_API_VERSIONS: &[&str] = &[
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "autoscaling/v2beta1",
    "autoscaling/v2beta2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1alpha1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1alpha1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
];

/// A values text read as Helm reads values files; the error is Helm's reason.
pub(crate) fn values_text(text: &str) -> Result<Map, String> {
    values::values_from_yaml(text).map_err(|e| e.message)
}

/// `toYaml` of a value (`.Files.AsConfig`), with its final newline.
pub(crate) fn to_yaml(value: &Value) -> String {
    funcs::yaml::marshal(value).unwrap_or_default()
}

/// The template functions: Go's builtins (always there), Sprig's and Helm's.
fn functions() -> Funcs {
    let mut funcs = gotmpl_sprig::funcs();
    funcs.extend(&funcs::helm_funcs());
    funcs
}

/// The user's values: each `-f` file merged in order, then `--set`, `--set-string` and
/// `--set-file` parsed into them, as Helm does.
pub fn user_values(options: &RenderOptions) -> Result<Map, Fatal> {
    let values = Map::new();
    for (name, text) in &options.values {
        let map = values_text(text).map_err(|e| Fatal {
            kind: FatalKind::Input,
            message: text!("failed to parse {name}: {e}", "无法解析 {name}：{e}"),
        })?;
        coalesce::merge_into(&values, &map);
    }
    let read = |path: &str| {
        options
            .set_file_contents
            .get(path)
            .cloned()
            .ok_or_else(|| format!("open {path}: no such file or directory"))
    };
    let groups = [
        (&options.set, strvals::Mode::Typed, "--set"),
        (&options.set_string, strvals::Mode::String, "--set-string"),
        (&options.set_file, strvals::Mode::File, "--set-file"),
    ];
    for (exprs, mode, flag) in groups {
        for expr in exprs {
            strvals::parse_into(expr, &values, mode, &read).map_err(|e| Fatal {
                kind: FatalKind::Call,
                message: text!(
                    "failed parsing {flag} data: {e}",
                    "无法解析 {flag} 的值：{e}"
                ),
            })?;
        }
    }
    Ok(values)
}

/// Whether `options` are a call Helm takes: the user's values parse (each `-f` file, `--set`…)
/// and the Kubernetes version reads as one. The error is what `helm template` would say.
pub fn check_call(options: &RenderOptions) -> Result<(), Fatal> {
    user_values(options)?;
    if let Some(v) = options.kube_version.as_deref() {
        if KubeVersion::parse(v).is_none() {
            return Err(Fatal {
                kind: FatalKind::Call,
                message: text!(
                    "invalid kube version '{v}': Invalid Semantic Version",
                    "无效的 Kubernetes 版本 '{v}'：不是语义化版本"
                ),
            });
        }
    }
    Ok(())
}

/// What one input's renders keep for the next: its charts as loaded (Chart.yaml and
/// values.yaml read, files sorted out by `.helmignore`, subchart archives opened), its
/// templates as parsed and its documents' heads as read. Valid for one set of files: an input's files never change once read.
#[derive(Debug, Default)]
pub struct Cache {
    charts: std::collections::HashMap<String, ChartNode>,
    templates: ParseCache,
    heads: manifest::Heads,
}

impl Cache {
    /// The chart at `prefix`, loaded once. A copy: a render changes its own (dependencies
    /// found in other inputs are added), never the cached one — the values it holds are only
    /// read (coalescing copies them).
    fn chart(&mut self, input: &Input, prefix: &str) -> Option<ChartNode> {
        if !self.charts.contains_key(prefix) {
            self.load(input, prefix, None);
        }
        self.charts.get(prefix).cloned()
    }

    /// Loads the chart at `prefix` unless loaded already; `values_read`: its values.yaml read
    /// already (asked for only when the chart is not loaded yet).
    fn load(&mut self, input: &Input, prefix: &str, values_read: Option<Result<Map, String>>) {
        let packaging = if input.packaged {
            tree::Packaging::Archive
        } else {
            tree::Packaging::Folder
        };
        if let Some(chart) = tree::load_read(&input.files, prefix, packaging, values_read) {
            self.charts.insert(prefix.to_string(), chart);
        }
    }

    /// Loads the chart at `prefix` with its values.yaml as `read` gives it (the linter's
    /// chart model parsed it already: values files are the largest YAML a chart has).
    pub(crate) fn load_with_values(
        &mut self,
        input: &Input,
        prefix: &str,
        read: impl FnOnce() -> Option<Result<Map, String>>,
    ) {
        if !self.charts.contains_key(prefix) {
            self.load(input, prefix, read());
        }
    }
}

/// Renders the chart at `prefix` of `input` as `helm template` does. `others` are the files of
/// the run's other inputs, where a dependency missing from the chart is looked up. `cache`
/// keeps what an earlier render of the same input loaded and parsed (start with an empty one).
pub fn render(
    input: &Input,
    prefix: &str,
    others: &[&[File]],
    options: &RenderOptions,
    cache: &mut Cache,
) -> Rendered {
    let mut rendered = Rendered::default();
    let Some(mut chart) = cache.chart(input, prefix) else {
        rendered.fatal = Some(Fatal {
            kind: FatalKind::Input,
            message: text!(
                "no Chart.yaml at `{prefix}`",
                "`{prefix}` 处没有 Chart.yaml"
            ),
        });
        return rendered;
    };
    rendered.chart = chart.name.clone();
    if let Some(problem) = first_problem(&chart).or_else(|| invalid(&chart)) {
        rendered.fatal = Some(Fatal {
            kind: FatalKind::Chart,
            message: problem,
        });
        return rendered;
    }
    if chart.is_library() {
        rendered.fatal = Some(Fatal {
            kind: FatalKind::Chart,
            message: text!(
                "library charts are not installable",
                "library 类型的 chart 不能安装"
            ),
        });
        return rendered;
    }
    let kube = match options.kube_version.as_deref() {
        None => KubeVersion::parse(DEFAULT_KUBE_VERSION).expect("the default parses"),
        Some(v) => match KubeVersion::parse(v) {
            Some(k) => k,
            None => {
                rendered.fatal = Some(Fatal {
                    kind: FatalKind::Call,
                    message: text!(
                        "invalid kube version '{v}': Invalid Semantic Version",
                        "无效的 Kubernetes 版本 '{v}'：不是语义化版本"
                    ),
                });
                return rendered;
            }
        },
    };
    if !chart.kube_version.is_empty()
        && !semver::is_compatible_range(&chart.kube_version, &kube.version)
    {
        let (want, have) = (&chart.kube_version, &kube.version);
        rendered.fatal = Some(Fatal {
            kind: FatalKind::Chart,
            message: text!(
                "chart requires kubeVersion: {want} which is incompatible with Kubernetes {have}",
                "chart 要求 kubeVersion: {want}，与 Kubernetes {have} 不兼容"
            ),
        });
        return rendered;
    }
    let user = match user_values(options) {
        Ok(v) => v,
        Err(fatal) => {
            rendered.fatal = Some(fatal);
            return rendered;
        }
    };
    let found = compose::fill_missing(&mut chart, others, &mut rendered.warnings);
    rendered.missing_dependencies = found.missing;
    let composed = match compose::compose(&chart, &user, &mut rendered.warnings) {
        Ok(c) => c,
        Err(message) => {
            rendered.fatal = Some(Fatal {
                kind: FatalKind::Chart,
                message,
            });
            return rendered;
        }
    };
    rendered.values = composed.values.clone();
    rendered.schema_checks = values_schema::checks(&composed);
    let mut api_versions: Vec<String> =
        DEFAULT_API_VERSIONS.iter().map(|s| s.to_string()).collect();
    api_versions.extend(options.api_versions.iter().cloned());
    let capabilities = Value::Object(Rc::new(Capabilities {
        kube: Rc::new(kube),
        api_versions: Rc::new(ApiVersions(api_versions)),
    }));
    let release = Value::Map(Map::from_entries([
        (
            "Name".to_string(),
            Value::from(options.release_name.as_str()),
        ),
        (
            "Namespace".to_string(),
            Value::from(options.namespace.as_str()),
        ),
        ("IsInstall".to_string(), Value::Bool(true)),
        ("IsUpgrade".to_string(), Value::Bool(false)),
        ("Revision".to_string(), Value::int(1)),
        ("Service".to_string(), Value::str("Helm")),
    ]));
    if let (true, Value::Map(fields)) = (options.helm2_release_time, &release) {
        let nanos = options.now_unix_nanos;
        let time = Map::from_entries([
            (
                "Seconds".to_string(),
                Value::int64(nanos.div_euclid(1_000_000_000)),
            ),
            (
                "Nanos".to_string(),
                Value::int(nanos.rem_euclid(1_000_000_000)),
            ),
        ]);
        fields.insert("Time", Value::Map(time));
    }
    execute(
        &composed,
        &release,
        &capabilities,
        options,
        cache,
        &mut rendered,
    );
    rendered
}

/// Helm's validation of Chart.yaml (every chart of the tree, the top first).
fn invalid(chart: &ChartNode) -> Option<Text> {
    let (name, version) = (&chart.name, &chart.version);
    let message = if name.is_empty() {
        "validation: chart.metadata.name is required".to_string()
    } else if name.contains('/') || name.contains('\\') {
        format!("validation: chart.metadata.name {name:?} is invalid")
    } else if version.is_empty() {
        "validation: chart.metadata.version is required".to_string()
    } else if semver::Version::parse(version).is_none() {
        format!("validation: chart.metadata.version {version:?} is invalid")
    } else if !matches!(chart.chart_type.as_str(), "" | "application" | "library") {
        "validation: chart.metadata.type must be application or library".to_string()
    } else {
        return chart.subcharts.iter().find_map(invalid);
    };
    Some(Text::new(message.clone(), message))
}

fn first_problem(chart: &ChartNode) -> Option<Text> {
    chart
        .problems
        .first()
        .cloned()
        .or_else(|| chart.subcharts.iter().find_map(first_problem))
}

/// A chart of the composed tree, with its template path and values.
struct Placed<'a> {
    chart: &'a compose::Composed,
    /// `app` or `app/charts/sub`.
    path: String,
}

fn place<'a>(chart: &'a compose::Composed, path: String, out: &mut Vec<Placed<'a>>) {
    for sub in &chart.subcharts {
        place(sub, format!("{path}/charts/{}", sub.node.name), out);
    }
    out.push(Placed { chart, path });
}

/// The `.` of a chart's templates (without `.Template`): Values, Release, Chart, Capabilities,
/// Files, Subcharts.
fn top_object(
    chart: &compose::Composed,
    is_root: bool,
    release: &Value,
    capabilities: &Value,
) -> Map {
    let subcharts = Map::new();
    for sub in &chart.subcharts {
        subcharts.insert(
            sub.node.name.clone(),
            Value::Map(top_object(sub, false, release, capabilities)),
        );
    }
    Map::from_entries([
        ("Values".to_string(), Value::Map(chart.values.clone())),
        ("Release".to_string(), release.clone()),
        (
            "Chart".to_string(),
            Value::Object(Rc::new(ChartObject::new(&chart.node, is_root))),
        ),
        ("Capabilities".to_string(), capabilities.clone()),
        (
            "Files".to_string(),
            Value::Object(Rc::new(Files::new(Rc::new(chart.node.files.clone())))),
        ),
        ("Subcharts".to_string(), Value::Map(subcharts)),
    ])
}

/// Parses every template of the composed tree in Helm's order (so that the right `define`
/// wins), executes each that Helm outputs in that same order (values a template changes with
/// `set` are seen by the templates after it, as in Helm), and splits, orders and keeps the
/// documents.
fn execute(
    composed: &compose::Composed,
    release: &Value,
    capabilities: &Value,
    options: &RenderOptions,
    cache: &mut Cache,
    rendered: &mut Rendered,
) {
    let mut placed = Vec::new();
    place(composed, composed.node.name.clone(), &mut placed);
    // Every template with its path's depth, its full name, its text and the chart it belongs to.
    // Helm parses and renders deeper paths first and, at one depth, in reverse name order; a
    // later `define` replaces an earlier one, so the shallowest, first-named file's wins.
    let mut all: Vec<(usize, String, &str, usize)> = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        for (rel, text) in &p.chart.node.templates {
            let name = format!("{}/{rel}", p.path);
            all.push((name.matches('/').count(), name, text, i));
        }
    }
    slim_sort::sort_by(&mut all, |a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    let engine_options = Options {
        missing_key: MissingKey::Zero,
        seed: options.seed,
        now_unix_nanos: options.now_unix_nanos,
        quick_crypto: options.quick_crypto,
        ..Options::default()
    };
    let funcs = functions();
    let tops: Vec<Map> = placed
        .iter()
        .map(|p| {
            top_object(
                p.chart,
                std::ptr::eq(p.chart, composed),
                release,
                capabilities,
            )
        })
        .collect();
    let run = Run {
        all: &all,
        placed: &placed,
        tops: &tops,
        funcs: &funcs,
        options: &engine_options,
    };
    let by_template = run.parsing_lazily(cache, rendered).unwrap_or_else(|| {
        let mut templates = Templates::new();
        templates.declare_funcs(&funcs);
        run.templates(&mut templates, cache, rendered)
    });
    finish(by_template, &placed, options, rendered);
}

/// Templates below this many bytes (not parsed before) are parsed at once: a thread to check
/// them would cost more than parsing them lazily saves.
#[cfg(not(target_arch = "wasm32"))]
const LAZY_PARSE_MIN_BYTES: usize = 32 << 10;

/// Each template's documents, by template name.
type ByTemplate = Vec<(String, Vec<Document>)>;

/// The parse and execution of a composed chart's templates.
struct Run<'a> {
    /// Every template: its path's depth, its full name, its text and its chart's index in
    /// `placed`, in Helm's parse order.
    all: &'a [(usize, String, &'a str, usize)],
    placed: &'a [Placed<'a>],
    /// Each placed chart's top-level object (`.Values`, `.Chart`, …).
    tops: &'a [Map],
    funcs: &'a Funcs,
    options: &'a Options,
}

impl Run<'_> {
    /// Natively, when there is much to parse: the `define` bodies are parsed when first used
    /// (most of a helper library never is) while another thread parses every template in full
    /// to see that it parses. When one does not, or a body left for later does not, this run
    /// is thrown away (`None`) and the caller parses everything at once. The page's wasm has
    /// one thread: it always parses at once.
    #[cfg(not(target_arch = "wasm32"))]
    fn parsing_lazily(&self, cache: &mut Cache, rendered: &mut Rendered) -> Option<ByTemplate> {
        let fresh: Vec<(&str, &str)> = self
            .all
            .iter()
            .filter(|(_, name, text, _)| !cache.templates.holds(name, text))
            .map(|(_, name, text, _)| (name.as_str(), *text))
            .collect();
        if fresh.iter().map(|(_, text)| text.len()).sum::<usize>() < LAZY_PARSE_MIN_BYTES {
            return None;
        }
        let known: std::collections::HashSet<&str> = self.funcs.names().collect();
        let limits = &self.options.limits;
        let (errors, not_rendered) = (rendered.errors.len(), rendered.not_rendered.len());
        let kept = std::thread::scope(|scope| {
            let check = std::thread::Builder::new()
                .stack_size(gotmpl::exec::STACK_BUDGET + (1 << 20))
                .spawn_scoped(scope, move || {
                    let known = |name: &str| known.contains(name);
                    fresh.iter().all(|(name, text)| {
                        gotmpl::parse::parse(name, text, limits, Some(&known)).is_ok()
                    })
                })
                .ok()?;
            let mut templates = Templates::new();
            templates.declare_funcs(self.funcs);
            templates.parse_defines_lazily();
            let by_template = self.templates(&mut templates, cache, rendered);
            let all_parse = check.join().unwrap_or(false);
            (all_parse && !templates.lazy_parse_failed()).then_some(by_template)
        });
        if kept.is_none() {
            // What the lazy run wrote goes; so do the lazy parses it cached.
            rendered.errors.truncate(errors);
            rendered.not_rendered.truncate(not_rendered);
            cache.templates = ParseCache::default();
        }
        kept
    }

    #[cfg(target_arch = "wasm32")]
    fn parsing_lazily(&self, _: &mut Cache, _: &mut Rendered) -> Option<ByTemplate> {
        None
    }

    /// Parses every template into `templates` and executes each that Helm outputs (in that
    /// same order: values a template changes with `set` are seen by the templates after it, as
    /// in Helm); the documents by template.
    fn templates(
        &self,
        templates: &mut Templates,
        cache: &mut Cache,
        rendered: &mut Rendered,
    ) -> ByTemplate {
        let (all, placed, funcs) = (self.all, self.placed, self.funcs);
        let engine_options = self.options;
        let mut unparsed: Vec<String> = Vec::new();
        for (_, name, text, _) in all {
            if let Err(error) =
                templates.parse_cached(name, text, &engine_options.limits, &mut cache.templates)
            {
                unparsed.push(name.clone());
                rendered.errors.push(TemplateError {
                    template: name.clone(),
                    error,
                    invalid_yaml: false,
                });
            }
        }
        let mut by_template: ByTemplate = Vec::new();
        for (_, name, _, index) in all {
            let p = &placed[*index];
            let base = name.rsplit('/').next().unwrap_or(name);
            if base.starts_with('_') || p.chart.node.is_library() || unparsed.contains(name) {
                continue;
            }
            let data = self.tops[*index].shallow_copy();
            data.insert(
                "Template",
                Value::Map(Map::from_entries([
                    ("Name".to_string(), Value::from(name.as_str())),
                    (
                        "BasePath".to_string(),
                        Value::from(format!("{}/templates", p.path)),
                    ),
                ])),
            );
            let output = match templates.execute(name, &Value::Map(data), funcs, engine_options) {
                Ok(output) => output,
                Err(error) => {
                    match missing_include(&error, &rendered.missing_dependencies) {
                        Some((dependency, include)) => rendered.not_rendered.push(NotRendered {
                            template: name.clone(),
                            dependency,
                            include,
                        }),
                        None => rendered.errors.push(TemplateError {
                            template: name.clone(),
                            error,
                            invalid_yaml: false,
                        }),
                    }
                    continue;
                }
            };
            if base == "NOTES.txt" {
                continue;
            }
            // Helm drops every `<no value>` from the output.
            // (Looking for its `<` first: a plain substring search was slow in the wasm on
            // megabytes of output.)
            let holds_no_value = output
                .text
                .match_indices('<')
                .any(|(i, _)| output.text[i..].starts_with("<no value>"));
            let text = if holds_no_value {
                output.text.replace("<no value>", "")
            } else {
                output.text
            };
            match manifest::documents(name, &text, &output.lines, &mut cache.heads) {
                Ok(docs) => by_template.push((name.clone(), docs)),
                Err(invalid) => {
                    // At the template line that wrote the line where the YAML broke.
                    let origin = invalid.line.and_then(|l| output.lines.get(l));
                    let at = origin.map_or_else(
                        || gotmpl::error::Frame {
                            template: Rc::from(name.as_str()),
                            line: 1,
                            col: 1,
                        },
                        |o| o.at.clone(),
                    );
                    rendered.errors.push(TemplateError {
                        template: name.clone(),
                        error: gotmpl::Error {
                            kind: gotmpl::ErrorKind::Exec,
                            message: invalid.message.clone(),
                            at,
                            chain: origin.map(|o| o.chain.to_vec()).unwrap_or_default(),
                            go_text: invalid.message,
                        },
                        invalid_yaml: true,
                    })
                }
            }
        }
        by_template
    }
}

/// The documents in Helm's order, hooks and CRDs as asked, `--show-only`.
fn finish(
    mut by_template: ByTemplate,
    placed: &[Placed],
    options: &RenderOptions,
    rendered: &mut Rendered,
) {
    // Documents in template name order, then Helm's kind order.
    slim_sort::sort_by(&mut by_template, |a, b| a.0.cmp(&b.0));
    let mut documents: Vec<Document> = by_template.into_iter().flat_map(|(_, docs)| docs).collect();
    documents.retain(|d| match &d.hook {
        Some(hook) if !manifest::known_hook(hook) => {
            rendered.warnings.push(text!(
                "{}: skipping unknown hook: {hook:?}",
                "{}：跳过未知的 hook：{hook:?}",
                d.source
            ));
            false
        }
        Some(_) => !options.no_hooks,
        None => true,
    });
    manifest::sort(&mut documents);
    if options.include_crds {
        let mut crds = Vec::new();
        for p in placed {
            for (rel, data) in &p.chart.node.files {
                if rel.starts_with("crds/")
                    && (rel.ends_with(".yaml") || rel.ends_with(".yml") || rel.ends_with(".json"))
                {
                    crds.push(Document {
                        source: format!("{}/{rel}", p.path),
                        api_version: String::new(),
                        kind: "CustomResourceDefinition".into(),
                        name: String::new(),
                        namespace: String::new(),
                        hook: None,
                        text: String::from_utf8_lossy(data).into_owned(),
                        lines: Vec::new(),
                        crd: true,
                        parsed: None,
                    });
                }
            }
        }
        crds.extend(documents);
        documents = crds;
    }
    if !options.show_only.is_empty() {
        match select(&documents, &options.show_only) {
            Ok(selected) => documents = selected,
            Err(message) => {
                rendered.fatal = Some(Fatal {
                    kind: FatalKind::Chart,
                    message,
                });
                documents.clear();
            }
        }
        rendered.selected = true;
    }
    rendered.documents = documents;
}

/// `--show-only`: for each pattern in turn (a glob over the template path without the chart's
/// name, `templates/x.yaml`, `charts/sub/templates/*`), the documents it matches, in output order
/// (hooks last); Helm's error when one matches nothing.
fn select(documents: &[Document], show_only: &[String]) -> Result<Vec<Document>, Text> {
    let mut ordered: Vec<&Document> = documents.iter().filter(|d| d.hook.is_none()).collect();
    ordered.extend(documents.iter().filter(|d| d.hook.is_some()));
    let mut out = Vec::new();
    for pattern in show_only {
        let pattern = pattern.replace('\\', "/");
        let before = out.len();
        for doc in &ordered {
            let path = doc
                .source
                .split_once('/')
                .map_or(doc.source.as_str(), |(_, rest)| rest);
            if helmignore::glob_match(&pattern, path, false) {
                out.push((*doc).clone());
            }
        }
        if out.len() == before {
            return Err(text!(
                "could not find template {pattern} in chart",
                "chart 中找不到模板 {pattern}"
            ));
        }
    }
    Ok(out)
}

/// The template name an error says nobody defines (Go's `no template "x"`), if it says so.
pub fn undefined_template(error: &gotmpl::Error) -> Option<String> {
    let text = format!("{} {}", error.message, error.go_text);
    let start = text.find("no template \"")? + "no template \"".len();
    let end = text[start..].find('"')? + start;
    Some(text[start..end].to_string())
}

/// When an error is an include of a name nobody defines and a dependency is missing: the
/// dependency (the one whose name starts the include's name, else the first) and the name.
fn missing_include(error: &gotmpl::Error, missing: &[String]) -> Option<(String, String)> {
    if missing.is_empty() {
        return None;
    }
    let include = undefined_template(error)?;
    let dependency = missing
        .iter()
        .find(|d| include.starts_with(d.as_str()))
        .unwrap_or(&missing[0])
        .clone();
    Some((dependency, include))
}

#[cfg(test)]
mod tests;

impl Rendered {
    /// The render as JSON: documents (with the template place of each line), errors (with the
    /// include chain), templates not rendered, missing dependencies, the fatal error, warnings.
    /// Serialize it with `serde_json` (the CLI's `--format json`, the JS API).
    pub fn json(&self, lang: crate::diagnostic::Lang) -> json::RenderedJson<'_> {
        json::RenderedJson::new(self, lang, false)
    }

    /// [`Rendered::json`] with the compact source map (see [`json`]).
    pub fn json_compact(&self, lang: crate::diagnostic::Lang) -> json::RenderedJson<'_> {
        json::RenderedJson::new(self, lang, true)
    }
}
