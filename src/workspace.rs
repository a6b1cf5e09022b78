//! One run: the inputs a user gives and every view of them. Each input is read once and its
//! charts discovered and parsed once ([`Loaded`]); the check, the config preview and the
//! navigation preview all read those same charts. The CLI and the wasm `Workspace` are thin
//! layers over this type.

use crate::chart::Loaded;
use crate::config::{Catalog, ConfigReport, Overrides, Prepared};
use crate::diagnostic::{Diagnostic, Lang};
use crate::input::{self, File, Input, Source};
use crate::navigation::{self, Console, Styles, View};
use crate::pack::Layout;
use crate::render::kube_schema::KubeSchemas;
use crate::render::manifests::Manifests;
use crate::render::usage;
use crate::render::values_schema;
use crate::render::Rendered;
use crate::report::{ChartReport, FileEntry, InputReport, ManifestsSummary, Report};
use crate::rules::project_config::Configs;
use crate::rules::{self, InputScope, ALL};
use crate::share::SharedKind;
use crate::work::Budget;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// What a run may be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub limits: input::Limits,
    pub lang: Lang,
    /// Navigation categories that exist on the user's platform besides `_category.yaml`'s
    /// (NAV-007; the CLI's `--categories`, the page's setting).
    pub known_categories: Vec<String>,
    /// Whether the report carries `charts[].config`, the config preview of every product chart
    /// (the CLI's report does; the page asks for previews one at a time instead).
    pub config_previews: bool,
    /// What the manifest rules render the charts with: the user's values (`-f`, `--set`), the
    /// Kubernetes version; release name and namespace as the platform sets them when empty.
    pub render: crate::render::RenderOptions,
    /// The user's values for single charts, by chart prefix (`app/chart/mycloud-product/`):
    /// the page's values panel. They apply over `render`'s values and `--set`s.
    pub chart_values: Vec<(String, ChartValues)>,
    /// Whether `ecplint-disable-…` comments silence findings (`crate::rules::suppress`); off for a
    /// reviewer who wants to see everything (`--no-inline-suppressions`).
    pub inline_suppressions: bool,
}

/// Values the user gives one chart: values files (name, text) in order, `--set`, `--set-string`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartValues {
    pub values: Vec<(String, String)>,
    pub set: Vec<String>,
    pub set_string: Vec<String>,
}

impl Options {
    /// The render options of the chart at `prefix`: the run's, with the chart's own values
    /// (`chart_values`) after them.
    pub fn render_for(&self, prefix: &str) -> std::borrow::Cow<'_, crate::render::RenderOptions> {
        match self.chart_values.iter().find(|(p, _)| p == prefix) {
            None => std::borrow::Cow::Borrowed(&self.render),
            Some((_, given)) => {
                let mut options = self.render.clone();
                options.values.extend(given.values.iter().cloned());
                options.set.extend(given.set.iter().cloned());
                options.set_string.extend(given.set_string.iter().cloned());
                std::borrow::Cow::Owned(options)
            }
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: input::Limits::default(),
            lang: Lang::default(),
            known_categories: Vec::new(),
            config_previews: true,
            render: Default::default(),
            chart_values: Vec::new(),
            inline_suppressions: true,
        }
    }
}

/// What a check reports while it runs (progress for the page, timings for the CLI).
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// Input `index` of `total` is about to be read (if not yet) and checked.
    Input {
        index: usize,
        total: usize,
        name: &'a str,
    },
    /// Input `index` was read and checked. Times are zero where there is no clock (wasm).
    Checked {
        index: usize,
        name: &'a str,
        files: usize,
        load: Duration,
        check: Duration,
    },
    /// The pass over every input together (catalog rules, config previews) took `time`.
    Catalog { time: Duration },
}

/// Counters of work done, for tests that prove each input is parsed once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Inputs read and their charts discovered and parsed.
    pub loads: usize,
    /// Input reports made (a report is kept until the options change).
    pub checks: usize,
}

/// One input: what was given until its charts are parsed, then the input with its charts, and its
/// last report.
#[derive(Debug)]
struct Slot {
    name: String,
    /// A folder, or an archive in its layout (`None`: not an archive the reader takes).
    kind: Option<SharedKind>,
    pending: Option<Given>,
    loaded: Option<Loaded>,
    report: Option<InputReport>,
    /// What the input's renders loaded and parsed: rendering again (other values, other
    /// options) starts from there.
    rendered: crate::render::Cache,
    /// Each chart's manifests as the last check rendered them (in the order of the charts).
    manifests: Vec<Manifests>,
    /// The input's `.ecplint.yaml` files (read with the input).
    configs: Configs,
}

/// An input as given: to be read, or already read into files.
#[derive(Debug)]
enum Given {
    Source(Source),
    Read(Input),
}

/// An input's files as the user has them now: see [`Workspace::input_files`].
#[derive(Debug, Clone, Copy)]
pub struct InputFiles<'a> {
    pub name: &'a str,
    pub kind: Option<SharedKind>,
    pub files: &'a [File],
    pub edited: &'a [String],
}

/// A set of inputs checked and previewed together.
#[derive(Debug, Default)]
pub struct Workspace {
    options: Options,
    inputs: Vec<Slot>,
    /// Every chart of every input, for config previews: built on the first preview after the
    /// inputs change.
    catalog: Option<Catalog>,
    /// The user inputs of the last config preview, read once.
    config_inputs: Option<(Overrides, Prepared)>,
    stats: Stats,
    /// What reading and parsing the inputs may cost, over the workspace's life: inputs are
    /// parsed once, so this spending is never given back.
    load_budget: Budget,
    /// Bytes of the inputs read so far: each view (a check, a preview) gets a budget of its own
    /// in proportion, so that checking again and again never runs it out.
    loaded_bytes: u64,
    /// Kubernetes schemas given to the workspace (the page loads the version it checks for);
    /// the native build also has every version built in.
    kube_schemas: Vec<Arc<KubeSchemas>>,
    /// What checks values against values.schema.json (HELM-005): built into the CLI, given to
    /// the page's workspace (`set_values_schema_validator`).
    values_schema: ValuesSchemaValidator,
}

/// The run's values.schema.json validator, if any: by default the built-in one, when the
/// build has it (`values-schema` feature).
#[derive(Clone)]
pub struct ValuesSchemaValidator(pub Option<std::rc::Rc<dyn values_schema::Validator>>);

impl Default for ValuesSchemaValidator {
    fn default() -> Self {
        #[cfg(feature = "values-schema")]
        return ValuesSchemaValidator(Some(std::rc::Rc::new(values_schema::Builtin)));
        #[cfg(not(feature = "values-schema"))]
        ValuesSchemaValidator(None)
    }
}

impl std::fmt::Debug for ValuesSchemaValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Some(validator)"
        } else {
            "None"
        })
    }
}

impl Workspace {
    pub fn new(options: Options) -> Workspace {
        Workspace {
            options,
            ..Workspace::default()
        }
    }

    /// Whether a chart of the inputs (or a subchart inside one) has a values.schema.json and the
    /// workspace no validator for it yet: the page then loads one (HELM-005). Reads the inputs.
    pub fn wants_values_schema_validator(&mut self) -> bool {
        if self.values_schema.0.is_some() {
            return false;
        }
        self.load_all();
        self.all_loaded().any(|l| {
            let files = &l.input().files;
            files
                .iter()
                .any(|f| f.path.ends_with("/values.schema.json"))
        })
    }

    /// The Kubernetes versions the inputs' `.ecplint.yaml` files give (`kube-version`): what
    /// their charts are rendered for when the run gives none, so the page fetches those schemas
    /// before it checks (K8S-001). Reads the inputs.
    pub fn configured_kube_versions(&mut self) -> Vec<String> {
        self.load_all();
        let mut versions: Vec<String> = Vec::new();
        for slot in &self.inputs {
            let charts = slot.loaded.as_ref().map_or(&[][..], |l| l.charts());
            for chart in charts {
                if let Some(v) = slot.configs.kube_version(&chart.prefix) {
                    if !versions.iter().any(|known| known == v) {
                        versions.push(v.to_string());
                    }
                }
            }
        }
        versions
    }

    /// Check values.schema.json with `validator` (HELM-005); reports made without it are made
    /// again on the next check.
    pub fn set_values_schema_validator(
        &mut self,
        validator: std::rc::Rc<dyn values_schema::Validator>,
    ) {
        self.values_schema = ValuesSchemaValidator(Some(validator));
        for slot in &mut self.inputs {
            slot.report = None;
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Give the schemas of one Kubernetes version (a `kube_schemas/1.NN.json` file), for K8S-001;
    /// reports made without them are made again on the next check. Returns the version.
    pub fn set_kube_schemas(&mut self, json: &str) -> Result<String, String> {
        let schemas = KubeSchemas::from_json(json)?;
        let version = schemas.version.clone();
        self.kube_schemas.retain(|s| s.version != version);
        self.kube_schemas.push(Arc::new(schemas));
        for slot in &mut self.inputs {
            slot.report = None;
        }
        Ok(version)
    }

    /// The schemas K8S-001 checks against when rendering for Kubernetes `kube_version`: the
    /// given ones, else (native) the built-in ones; versions past the data's last use the last.
    fn kube_schemas_for(&self, kube_version: &str) -> Option<Arc<KubeSchemas>> {
        let version = crate::render::semver::Version::parse(kube_version)?;
        let last = crate::render::kube_apis::apis().last;
        let wanted = format!("{}.{}", version.major, version.minor.min(last));
        let given = self
            .kube_schemas
            .iter()
            .find(|s| s.version == wanted)
            .cloned();
        #[cfg(not(target_arch = "wasm32"))]
        let given = given.or_else(|| {
            (version.major == 1)
                .then(|| crate::render::kube_schema::builtin(version.minor))
                .flatten()
        });
        given
    }

    /// Change the options: reports made with other options are made again on the next check.
    /// Limits apply to inputs read from now on.
    pub fn set_options(&mut self, options: Options) {
        if options == self.options {
            return;
        }
        for slot in &mut self.inputs {
            slot.report = None;
            if let Some(loaded) = &mut slot.loaded {
                set_known_categories(loaded, &slot.configs, &options.known_categories);
            }
        }
        self.options = options;
    }

    /// Add an input; it is read on first use. Returns its index.
    pub fn add(&mut self, source: Source) -> usize {
        let kind = match &source {
            Source::Folder { .. } => Some(SharedKind::Folder),
            Source::Archive { data, .. } => Layout::of(data).map(SharedKind::Archive),
        };
        self.inputs.push(Slot {
            name: source.name().to_string(),
            kind,
            pending: Some(Given::Source(source)),
            loaded: None,
            report: None,
            rendered: Default::default(),
            manifests: Vec::new(),
            configs: Configs::default(),
        });
        self.catalog = None;
        self.inputs.len() - 1
    }

    /// Add an input already read into files (the CLI reads paths itself); its charts are parsed
    /// on first use.
    pub fn add_input(&mut self, input: Input) -> usize {
        self.inputs.push(Slot {
            name: input.path.clone(),
            // read by the caller: a folder unless it says it came packaged
            kind: (!input.packaged).then_some(SharedKind::Folder),
            pending: Some(Given::Read(input)),
            loaded: None,
            report: None,
            rendered: Default::default(),
            manifests: Vec::new(),
            configs: Configs::default(),
        });
        self.catalog = None;
        self.inputs.len() - 1
    }

    /// Forget every input.
    pub fn clear(&mut self) {
        self.inputs.clear();
        self.catalog = None;
    }

    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Replace the content of file `path` of input `index` (the page's editor): the input's
    /// charts are parsed again and its views made again on next use; the file is marked edited
    /// in the report (`inputs[].files[].edited`).
    pub fn edit(
        &mut self,
        index: usize,
        path: &str,
        data: Vec<u8>,
    ) -> Result<(), input::EditError> {
        let limits = &self.options.limits;
        let slot = self
            .inputs
            .get_mut(index)
            .ok_or(input::EditError::NoSuchFile)?;
        // A refused change leaves the input as it was, its charts parsed.
        if let Some(loaded) = &slot.loaded {
            input::editable(loaded.input(), path, data.len(), limits)?;
        }
        // Only the files are changed: the charts are discovered once, on next use, however many
        // edits come before it (a check again applies every change of the page's editor).
        let mut input = match (slot.loaded.take(), slot.pending.take()) {
            (Some(loaded), _) => loaded.into_input(),
            (None, Some(Given::Read(input))) => input,
            (None, Some(Given::Source(source))) => input::load(source, limits),
            (None, None) => unreachable!("an input is either pending or loaded"),
        };
        let edited = input::edit(&mut input, path, data, limits);
        slot.pending = Some(Given::Read(input));
        if edited.is_ok() {
            slot.report = None;
            slot.rendered = Default::default();
            slot.manifests.clear();
            self.catalog = None;
        }
        edited
    }

    /// Input `index` as the user has it now (with the editor's changes): its name, whether a
    /// folder or an archive of which layout (`None`: neither), its files and the edited ones.
    /// What "Download" and "Copy link" write ([`crate::share`]).
    pub fn input_files(&mut self, index: usize) -> Option<InputFiles<'_>> {
        self.load(index);
        let slot = self.inputs.get(index)?;
        let input = slot.loaded.as_ref()?.input();
        Some(InputFiles {
            name: &slot.name,
            kind: slot.kind,
            files: &input.files,
            edited: &input.edited,
        })
    }

    /// Input `index`, read and its charts parsed (once).
    pub fn loaded(&mut self, index: usize) -> Option<&Loaded> {
        self.load(index);
        self.inputs.get(index)?.loaded.as_ref()
    }

    /// Input `index` as read, once it has been (by a check, a preview or [`Workspace::loaded`]).
    pub fn input(&self, index: usize) -> Option<&Input> {
        Some(self.inputs.get(index)?.loaded.as_ref()?.input())
    }

    /// File `path` of input `index`.
    pub fn file(&mut self, index: usize, path: &str) -> Option<&File> {
        let loaded = self.loaded(index)?;
        loaded.input().files.iter().find(|f| f.path == path)
    }

    fn load(&mut self, index: usize) {
        let Some(slot) = self.inputs.get_mut(index) else {
            return;
        };
        if slot.loaded.is_some() {
            return;
        }
        let input = match slot.pending.take() {
            Some(Given::Source(source)) => input::load(source, &self.options.limits),
            Some(Given::Read(input)) => input,
            None => unreachable!("an input is either pending or loaded"),
        };
        let bytes = input_bytes(&input);
        self.loaded_bytes += bytes;
        self.load_budget.grow(bytes);
        let mut loaded = self.load_budget.spend_within(|| Loaded::discover(input));
        slot.configs = Configs::read(loaded.input(), loaded.charts());
        set_known_categories(&mut loaded, &slot.configs, &self.options.known_categories);
        slot.loaded = Some(loaded);
        self.stats.loads += 1;
    }

    /// The budget of one view of the inputs read so far.
    fn view_budget(&self) -> Budget {
        Budget::for_input_bytes(self.loaded_bytes)
    }

    fn load_all(&mut self) {
        (0..self.inputs.len()).for_each(|i| self.load(i));
    }

    /// Every input, read.
    fn all_loaded(&self) -> impl Iterator<Item = &Loaded> {
        self.inputs.iter().filter_map(|s| s.loaded.as_ref())
    }

    /// Check every input and build the report.
    pub fn check(&mut self) -> Report {
        match self.check_with(|_| Ok::<(), Infallible>(())) {
            Ok(report) => report,
            Err(never) => match never {},
        }
    }

    /// Check every input, telling `on_event` how it goes; an error from it stops the check.
    pub fn check_with<E>(
        &mut self,
        mut on_event: impl FnMut(Event) -> Result<(), E>,
    ) -> Result<Report, E> {
        let total = self.inputs.len();
        let mut budget = Budget::for_input_bytes(0);
        for index in 0..total {
            let name = &self.inputs[index].name;
            on_event(Event::Input { index, total, name })?;
            let started = clock();
            self.load(index);
            let load = elapsed(started);
            let started = clock();
            let bytes = self.inputs[index]
                .loaded
                .as_ref()
                .map_or(0, |l| input_bytes(l.input()));
            budget.grow(bytes);
            if self.inputs[index].report.is_none() {
                self.render_for_check(index, bytes);
                let slot = &mut self.inputs[index];
                let loaded = slot.loaded.as_ref().expect("loaded above");
                let manifests = &slot.manifests;
                slot.report = Some(budget.spend_within(|| input_report(loaded, manifests)));
                self.stats.checks += 1;
            }
            let slot = &self.inputs[index];
            let loaded = slot.loaded.as_ref().expect("loaded above");
            on_event(Event::Checked {
                index,
                name: &slot.name,
                files: loaded.input().files.len(),
                load,
                check: elapsed(started),
            })?;
        }
        let started = clock();
        let mut reports: Vec<InputReport> = self
            .inputs
            .iter()
            .filter_map(|s| s.report.clone())
            .collect();
        budget.spend_within(|| self.catalog_pass(&mut reports));
        on_event(Event::Catalog {
            time: elapsed(started),
        })?;
        Ok(Report::new(reports))
    }

    /// What needs every input at once: the catalog rules, and the config previews (which see
    /// the other charts of the run).
    fn catalog_pass(&self, reports: &mut [InputReport]) {
        let scopes: Vec<InputScope> = self
            .inputs
            .iter()
            .filter_map(|s| Some(scope(s.loaded.as_ref()?, &s.manifests)))
            .collect();
        let configs = self.inputs.iter().filter(|s| s.loaded.is_some());
        for (((report, found), scope), slot) in reports
            .iter_mut()
            .zip(rules::run::check_catalog(ALL, &scopes))
            .zip(&scopes)
            .zip(configs)
        {
            let directives = if self.options.inline_suppressions {
                crate::rules::suppress::directives(scope.input)
            } else {
                Vec::new()
            };
            if found.is_empty() && directives.is_empty() && slot.configs.is_empty() {
                continue;
            }
            report.diagnostics.extend(found);
            // Suppressions first: one naming a rule the config turns off still silenced it.
            crate::rules::suppress::apply(&directives, &mut report.diagnostics);
            slot.configs.apply(&mut report.diagnostics, |chart| {
                let found = scope.charts.iter().find(|c| c.name() == chart);
                found.map(|c| c.prefix.clone())
            });
            rules::run::sort(&mut report.diagnostics);
        }
        if !self.options.config_previews {
            return;
        }
        let mut catalog = Catalog::default();
        for (i, loaded) in self.all_loaded().enumerate() {
            catalog.add_charts(i, loaded.charts(), true);
        }
        for (input, root, preview) in catalog.previews() {
            let chart = reports
                .get_mut(input)
                .and_then(|r| r.charts.iter_mut().find(|c| c.root == root));
            if let Some(chart) = chart {
                chart.config = Some(preview);
            }
        }
    }

    /// Render the charts of input `index` for the manifest rules, within a work budget of their
    /// own (in proportion to the input's `bytes`, as the check's): a render that spends it
    /// (charts of alias bombs) is dropped rather than read half-done — the rules then see no
    /// manifests for that input, never false failures.
    fn render_for_check(&mut self, index: usize, bytes: u64) {
        let mut budget = Budget::for_input_bytes(bytes);
        budget.spend_within(|| {
            self.render_manifests(index);
            // A dependency missing from the chart may be another input not read yet.
            let missing = self.inputs[index]
                .manifests
                .iter()
                .any(|m| !m.rendered.missing_dependencies.is_empty());
            if missing && self.inputs.iter().any(|s| s.loaded.is_none()) {
                self.load_all();
                self.render_manifests(index);
            }
        });
        if budget.nodes_left() == 0 {
            for manifests in &mut self.inputs[index].manifests {
                *manifests = Manifests::spent();
            }
        }
    }

    /// The files of every input read so far but `index`: where a chart's missing dependencies
    /// are looked up.
    fn other_inputs(&self, index: usize) -> Vec<&[File]> {
        self.inputs
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .filter_map(|(_, s)| s.loaded.as_ref())
            .map(|l| l.input().files.as_slice())
            .collect()
    }

    /// Render every chart of input `index` for the manifest rules, with the run's render
    /// options (the charts of the other inputs supply missing dependencies).
    fn render_manifests(&mut self, index: usize) {
        let mut cache = std::mem::take(&mut self.inputs[index].rendered);
        let Some(loaded) = self.inputs[index].loaded.as_ref() else {
            return;
        };
        let others = self.other_inputs(index);
        let manifests = loaded
            .charts()
            .iter()
            .map(|chart| {
                let options =
                    self.configured(index, &chart.prefix, self.options.render_for(&chart.prefix));
                let mut manifests = Manifests::render(chart, &others, &options, &mut cache);
                manifests.schemas = self.kube_schemas_for(&manifests.kube_version);
                manifests.values_schema = self.check_values_schema(&manifests.rendered);
                manifests
            })
            .collect();
        let slot = &mut self.inputs[index];
        slot.manifests = manifests;
        slot.rendered = cache;
    }

    /// The findings of the upgrade rules from input `old` (installed) to input `new`.
    pub fn check_upgrade(&mut self, old: usize, new: usize) -> Vec<Diagnostic> {
        self.load(old);
        self.load(new);
        let scope_of = |i: usize| {
            let slot = self.inputs.get(i)?;
            Some(scope(slot.loaded.as_ref()?, &slot.manifests))
        };
        let (Some(old), Some(new)) = (scope_of(old), scope_of(new)) else {
            return Vec::new();
        };
        rules::run::check_upgrade(ALL, &old, &new)
    }

    /// The config preview of chart `chart_name` of input `index` with the user's `overrides`,
    /// every chart of every input installed alongside; `None` when there is no such chart.
    /// Cheap to call again: charts are read once, the overrides only again when they change.
    pub fn config(
        &mut self,
        index: usize,
        chart_name: &str,
        overrides: &Overrides,
    ) -> Option<ConfigReport> {
        if self.config_inputs.as_ref().map(|(o, _)| o) != Some(overrides) {
            self.config_inputs = Some((overrides.clone(), Prepared::new(overrides)));
        }
        self.catalog();
        let catalog = self.catalog.as_ref().expect("built by catalog()");
        let chart = catalog.find(index, chart_name)?;
        let (_, prepared) = self.config_inputs.as_ref().expect("set just above");
        Some(
            self.view_budget()
                .spend_within(|| catalog.preview(chart, prepared)),
        )
    }

    /// Every chart of every input as config previews see them (built once after inputs change).
    pub fn catalog(&mut self) -> &Catalog {
        if self.catalog.is_none() {
            self.load_all();
            let mut catalog = Catalog::default();
            self.view_budget().spend_within(|| {
                for (i, loaded) in self.all_loaded().enumerate() {
                    catalog.add_charts(i, loaded.charts(), false);
                }
            });
            self.catalog = Some(catalog);
        }
        self.catalog.as_ref().expect("built just above")
    }

    /// The navigation console of input `only` (or of every input as one console).
    pub fn console(&mut self, only: Option<usize>) -> Console {
        self.load_all();
        let mut console = Console::default();
        for (i, loaded) in self.all_loaded().enumerate() {
            if only.is_none_or(|o| o == i) {
                for chart in loaded.charts() {
                    console.add_chart(i, chart);
                }
            }
        }
        console
    }

    /// The navigation preview: the console `view` sees in `lang`, as a whole HTML document with
    /// the wizard pictures embedded as `data:` URIs of the inputs' own bytes.
    pub fn preview(
        &mut self,
        only: Option<usize>,
        view: View,
        lang: Lang,
        styles: Styles,
    ) -> String {
        let console = self.console(only);
        let inputs: Vec<&Input> = self.all_loaded().map(Loaded::input).collect();
        let pictures = navigation::embedded_pictures(&inputs);
        navigation::render_document(&console.view(view), lang, &pictures, styles)
    }

    /// Renders chart `chart_name` of input `index` (its first chart when `None`) as
    /// `helm template` does (issue 9). An empty release name or namespace in `options` is
    /// filled as the ECP platform installs a product: release name = product ID, namespace =
    /// `_acl_helpers`' `data.namespace`, else the product ID. Dependencies missing from the
    /// chart are looked up among the other inputs. `None` when there is no such chart.
    pub fn render(
        &mut self,
        index: usize,
        chart_name: Option<&str>,
        options: &crate::render::RenderOptions,
    ) -> Option<crate::render::Rendered> {
        self.load_all();
        // Taken out while the input's files are borrowed, put back after (a render that does
        // not happen leaves it empty: it only saves work).
        let mut cache = std::mem::take(&mut self.inputs.get_mut(index)?.rendered);
        let loaded = self.inputs.get(index)?.loaded.as_ref()?;
        let chart = loaded
            .charts()
            .iter()
            .find(|c| chart_name.is_none_or(|n| c.name() == n || c.dir_name == n))?;
        let options = self.configured(index, &chart.prefix, std::borrow::Cow::Borrowed(options));
        let options = crate::render::manifests::platform_options(chart, &options);
        let others = self.other_inputs(index);
        let mut rendered =
            crate::render::render(loaded.input(), &chart.prefix, &others, &options, &mut cache);
        // A file of the chart the input layer refused (over a limit, unsafe, not text) is not
        // there to render: say so, rather than leave it out silently (the check's INPUT-001
        // has the details).
        for problem in &loaded.input().problems {
            if let Some(file) = problem
                .file
                .as_deref()
                .filter(|f| f.starts_with(&chart.prefix))
            {
                let (en, zh) = (&problem.message.en, &problem.message.zh);
                rendered.warnings.push(crate::text!(
                    "{file} was not read, so it is not rendered: {en}",
                    "{file} 未能读取，因此未渲染：{zh}"
                ));
            }
        }
        self.inputs[index].rendered = cache;
        if let Some(refusal) = self.values_schema_refusal(&rendered) {
            rendered.fatal = Some(refusal);
        }
        Some(rendered)
    }

    /// `options` with `.ecplint.yaml`'s kube-version for the chart at `prefix` of input `index`,
    /// unless they give one (`--kube-version` wins): the check and `ecplint template` (the
    /// page's Manifests tab) render for the same Kubernetes.
    fn configured<'o>(
        &self,
        index: usize,
        prefix: &str,
        mut options: std::borrow::Cow<'o, crate::render::RenderOptions>,
    ) -> std::borrow::Cow<'o, crate::render::RenderOptions> {
        let configured = self.inputs[index].configs.kube_version(prefix);
        if let (None, Some(v)) = (&options.kube_version, configured) {
            options.to_mut().kube_version = Some(v.to_string());
        }
        options
    }

    /// The values of `rendered`'s charts checked against their values.schema.json, when the
    /// workspace has a validator (`None` without one).
    fn check_values_schema(&self, rendered: &Rendered) -> Option<Vec<values_schema::Outcome>> {
        let validator = self.values_schema.0.as_ref()?;
        let checks = &rendered.schema_checks;
        Some(
            checks
                .iter()
                .map(|check| values_schema::Outcome {
                    check: check.clone(),
                    result: validator.validate(&check.schema, &check.values_json),
                })
                .collect(),
        )
    }

    /// Helm's refusal to render values that break a values.schema.json (as `helm template`
    /// refuses; HELM-005 reports each violation at its place).
    fn values_schema_refusal(&self, rendered: &Rendered) -> Option<crate::render::Fatal> {
        let outcomes = self.check_values_schema(rendered)?;
        // One line (Helm's message spans several): `chart: at '/a': why; at '/b': why`.
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        for outcome in &outcomes {
            let chart = std::iter::once(rendered.chart.as_str())
                .chain(outcome.check.values_path.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("/");
            let (why_en, why_zh): (Vec<String>, Vec<String>) = match &outcome.result {
                Ok(violations) => violations
                    .iter()
                    .map(|v| {
                        let at = if v.instance.is_empty() {
                            "/"
                        } else {
                            &v.instance
                        };
                        (
                            format!("at '{at}': {}", v.en),
                            format!("位于 '{at}'：{}", v.zh),
                        )
                    })
                    .unzip(),
                Err(broken) => (
                    vec![format!("the schema cannot be used: {}", broken.message)],
                    vec![format!("schema 无法使用：{}", broken.message)],
                ),
            };
            if !why_en.is_empty() {
                en.push(format!("{chart}: {}", why_en.join("; ")));
                zh.push(format!("{chart}：{}", why_zh.join("；")));
            }
        }
        let (en, zh) = (en.join(" | "), zh.join(" | "));
        (!en.is_empty()).then(|| crate::render::Fatal {
            kind: crate::render::FatalKind::Chart,
            message: crate::text!(
                "values don't meet the specifications of the schema(s) in the following chart(s): {en}",
                "values 不符合以下 chart 的 schema：{zh}"
            ),
        })
    }
}

/// NAV-007's categories of each chart: the run's, and those of the `.ecplint.yaml`s above it.
fn set_known_categories(loaded: &mut Loaded, configs: &Configs, run: &[String]) {
    loaded.set_known_categories_with(|chart| {
        let mut all = run.to_vec();
        all.extend(configs.categories(&chart.prefix));
        all
    });
}

fn input_bytes(input: &Input) -> u64 {
    input.files.iter().map(|f| f.data.len() as u64).sum()
}

fn scope<'a>(loaded: &'a Loaded, manifests: &'a [Manifests]) -> InputScope<'a> {
    InputScope {
        input: loaded.input(),
        charts: loaded.charts(),
        manifests,
    }
}

/// The report of one input: the input, project and chart rules' findings, and each chart's
/// summary (resources, navigation).
fn input_report(loaded: &Loaded, manifests: &[Manifests]) -> InputReport {
    let input = loaded.input();
    let charts = loaded
        .charts()
        .iter()
        .enumerate()
        .map(|(i, c)| ChartReport {
            version: c.chart_yaml.as_ref().and_then(|y| {
                y.root()?
                    .get("version")?
                    .as_scalar()
                    .map(|s| s.text.clone())
            }),
            root: c.prefix.trim_end_matches('/').to_string(),
            resources: Some(c.resources().resources.clone()),
            subcharts: c.subcharts.clone(),
            navigation: navigation::report(c),
            config: None,
            manifests: manifests.get(i).map(ManifestsSummary::of),
            rendered_resources: manifests.get(i).map(usage::rendered_resources),
            images: manifests
                .get(i)
                .map(|m| usage::images(c, m))
                .unwrap_or_default(),
            name: c.name(),
        })
        .collect();
    InputReport {
        path: input.path.clone(),
        charts,
        diagnostics: rules::run::check_input(ALL, &scope(loaded, manifests)),
        files: input
            .files
            .iter()
            .map(|f| FileEntry {
                path: f.path.clone(),
                size: f.data.len() as u64,
                edited: input.edited.contains(&f.path),
            })
            .collect(),
        unreadable: input.unreadable,
    }
}

// `Instant::now` panics on wasm32-unknown-unknown: there, times are zero.
#[cfg(not(target_arch = "wasm32"))]
fn clock() -> Option<std::time::Instant> {
    Some(std::time::Instant::now())
}
#[cfg(target_arch = "wasm32")]
fn clock() -> Option<std::time::Instant> {
    None
}
fn elapsed(started: Option<std::time::Instant>) -> Duration {
    started.map_or(Duration::ZERO, |t| t.elapsed())
}
