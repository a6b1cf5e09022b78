// Type declarations of the ecplint package: the JS API (crates/ecplint-wasm), the helpers of
// index.js/node.js, and the report of REPORT.md with every field the tool adds.
// tests/npm/ checks them against real reports: a field the tool writes that is not declared
// here, or a declared required field it leaves out, fails the tests.

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * The instance type of global class `Name` where the project's libs declare it (the DOM lib or
 * @types/node), else `never`: the declarations compile with either, or neither.
 */
type GlobalClass<Name extends string> = typeof globalThis extends { [K in Name]: { prototype: infer T } } ? T : never;

/** A compiled `WebAssembly.Module` (where the project's libs declare `WebAssembly`). */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;

/**
 * Where the wasm module comes from (as wasm-bindgen's `init` takes it): a URL (in Node also a
 * file path or `file:` URL), a `Request` or `Response`, the bytes, or a compiled module.
 */
export type InitInput = string | GlobalClass<'URL'> | GlobalClass<'Request'> | GlobalClass<'Response'> | ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Load the wasm module. Browsers: fetches `ecplint_bg.wasm` next to the package's module unless
 * `input` gives it (a URL, a `Response`, the bytes, a compiled module). Node: reads the file
 * beside the package's module. Must finish before anything else is called; calling it again does
 * nothing.
 */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;

/**
 * Load the wasm module synchronously from its bytes or a compiled `WebAssembly.Module`. In Node,
 * without an argument: the file beside the package's module.
 */
export function initSync(module?: ArrayBuffer | ArrayBufferView | WasmModule | { module: ArrayBuffer | ArrayBufferView | WasmModule }): void;

/** The version of ecplint (`"0.1.0"`); the package's version is the same. */
export function version(): string;

/** Every rule, in the order of the rule table. The documentation is in `ruleDocs()`. */
export function rules(): RuleInfo[];

// ---------------------------------------------------------------------------------------------
// The extras shipped beside the wasm

/** The Kubernetes versions with schemas in the package (`"1.25"` … ), oldest first. */
export const KUBE_VERSIONS: readonly string[];

/**
 * The package file holding K8S-001's schemas for `kubeVersion` (default `"1.32.0"`), e.g.
 * `"kube-schemas/1.32.json"`, or undefined when there are none for it (newer versions than the
 * newest schemas use the newest).
 */
export function kubeSchemasFile(kubeVersion?: string): string | undefined;

/**
 * The text of the Kubernetes schemas for `kubeVersion` (default `"1.32.0"`; 16–24 KB gzipped),
 * for `ws.setKubeSchemas`; undefined when the package has none for it. Browsers fetch it from
 * beside the package's module, Node reads it.
 */
export function kubeSchemas(kubeVersion?: string): Promise<string | undefined>;

/**
 * The values.schema.json validator (a wasm module of its own, ~470 KB gzipped), for
 * `ws.setValuesSchemaValidator` when `ws.wantsValuesSchemaValidator()`.
 */
export function valuesSchemaValidator(): Promise<ValuesSchemaValidate>;

/** Every rule's documentation as Markdown (`rules.json`). */
export function ruleDocs(format?: 'markdown'): Promise<RuleDoc[]>;
/** Every rule's documentation as HTML in English and Chinese (`rule-docs.json`). */
export function ruleDocs(format: 'html'): Promise<RuleDocHtml[]>;

// ---------------------------------------------------------------------------------------------
// The workspace

/** Bytes as the API takes them: a `Uint8Array`, any other typed array or `DataView`, an `ArrayBuffer`. */
export type Bytes = ArrayBuffer | ArrayBufferView;

/** A language of messages and views. */
export type Lang = 'en' | 'zh' | 'zh-cn';

/**
 * A set of inputs (chart archives and project folders) checked together. Inputs stay loaded
 * after `check` (so `source` and `bytes` can show their files) until `clear`. Only wrong argument
 * types throw (a `TypeError`); anything wrong with an input is an `INPUT-001` finding.
 */
export class Workspace {
  constructor();
  /** Add an archive (`.tgz`, `.tar.gz`, `.tar`, `.zip`); `name` is shown as the input's path. */
  addArchive(name: string, bytes: Bytes): void;
  /**
   * Add a folder: `paths[i]` (relative, `/`-separated, starting with the folder's name, e.g.
   * `proj/chart/app/Chart.yaml`) holds `contents[i]`.
   */
  addFolder(name: string, paths: string[], contents: Bytes[]): void;
  /**
   * Give the schemas of one Kubernetes version (the text of `kube-schemas/1.NN.json`, see
   * `kubeSchemas()`): K8S-001 checks rendered objects against them (without them it gives one
   * info instead). Returns the version (`"1.32"`); a text that is not a schemas file throws.
   */
  setKubeSchemas(json: string): string;
  /**
   * The Kubernetes versions the inputs' `.ecplint.yaml` files give (`kube-version`),
   * comma-separated (`''` when none): without `kubeVersion` in `check`'s options their charts
   * are rendered for these, so give their schemas too (`setKubeSchemas` takes several versions).
   */
  configuredKubeVersions(): string;
  /** Whether an input has a values.schema.json and no validator is set (HELM-005): see `valuesSchemaValidator()`. */
  wantsValuesSchemaValidator(): boolean;
  /** Check values.schema.json files with `validate` (from `valuesSchemaValidator()`). */
  setValuesSchemaValidator(validate: ValuesSchemaValidate): void;
  /**
   * Check every input and return the report. `onProgress(done, total, inputName)` is called
   * before each input; an exception it throws is passed on.
   */
  check(onProgress?: ((done: number, total: number, inputName: string) => void) | null, options?: CheckOptions | null): Report;
  /** The text of file `path` of input `inputIndex` (BOM stripped), or undefined when absent, binary or not UTF-8. */
  source(inputIndex: number, path: string): string | undefined;
  /** The bytes of file `path` of input `inputIndex`, or undefined when absent. */
  bytes(inputIndex: number, path: string): Uint8Array | undefined;
  /**
   * Replace the content of file `path` of input `inputIndex` (an editor): the next `check` reads
   * it, and the report marks the file `edited`. Returns null when taken, else why not (no such
   * file, over the per-file size limit).
   */
  edit(inputIndex: number, path: string, content: string | Uint8Array): { message: string; message_zh: string } | null;
  /**
   * Input `inputIndex` as the user has it now (with `edit`'s changes): its name, `kind` (a folder,
   * an archive's layout, or null when it is no archive the reader takes), its files (`contents[i]`
   * is `paths[i]`'s) and the edited paths. What the page's Download and Copy link write.
   */
  inputFiles(inputIndex: number): InputFiles | undefined;
  /**
   * The config preview of chart `chartName` of input `inputIndex`, every chart of every input
   * installed alongside; undefined when there is no such chart. Fast enough for every keystroke.
   */
  config(inputIndex: number, chartName: string, options?: ConfigOptions | null): ConfigPreview | undefined;
  /**
   * The navigation preview: the ECP console `view` sees in `lang`, as a whole HTML document
   * (every chart string escaped, no script, a CSP allowing only `data:` pictures) for an
   * `<iframe sandbox srcdoc>`. `inputIndex`: that input's charts, or null for every input.
   */
  preview(inputIndex: number | null | undefined, view: NavView, lang: Lang, options?: PreviewOptions | null): string;
  /**
   * Render chart `chartName` (null: the input's first chart) of input `inputIndex` as
   * `helm template` does; undefined when there is no such chart. Missing dependencies are
   * looked up among the other inputs.
   */
  render(inputIndex: number, chartName?: string | null, options?: RenderOptions | null): RenderResult | undefined;
  /** Forget every input. */
  clear(): void;
  /** How many inputs were added. */
  readonly length: number;
  /** Release the wasm memory behind this workspace (it cannot be used afterwards). */
  free(): void;
}

/** `check`'s options (all optional). */
export interface CheckOptions {
  /** The reader's language (default `'en'`); the report carries both either way (`message` and `message_zh`, `help` and `help_zh`). */
  lang?: Lang;
  /** Navigation categories the platform already has (NAV-007). */
  categories?: string[];
  /** The Kubernetes version charts are rendered and checked for (K8S-001/002); default `'1.32.0'`. */
  kubeVersion?: string;
  /** `false`: `ecplint-disable-…` comments silence nothing (a reviewer's view); default `true`. */
  inlineSuppressions?: boolean;
  /** The user's values for single charts, by chart root (`charts[].root`). */
  chartValues?: ChartValues[];
}

/** Values for the chart at `root`, as `--values`/`--set`/`--set-string`. */
export interface ChartValues {
  /** The chart's `root` in the report. */
  root: string;
  /** Values files in order. */
  values?: ValuesFile[];
  /** `key=value`, as `--set`. */
  set?: string[];
  /** `key=value`, as `--set-string`. */
  setString?: string[];
}

/** A values file: its YAML text, or its text with the name errors show. */
export type ValuesFile = string | { name: string; text: string };

/** `config`'s inputs: YAML texts (absent or empty: not given) and the names provenance shows for them. */
export interface ConfigOptions {
  /** The product license (`license.yaml`). */
  license?: string;
  /** The platform's config CRD. */
  configCrd?: string;
  /** The user's custom config (`custom_config.yaml`). */
  custom?: string;
  /** Other products' configs a template may read (`products.yaml`). */
  products?: string;
  licenseName?: string;
  configCrdName?: string;
  customName?: string;
  productsName?: string;
}

/** Who looks at the navigation preview: a role, or `author` (every item, hidden ones marked). */
export type NavView = 'cloud_admin' | 'domain_admin' | 'admin' | 'member' | 'author';

/** `preview`'s options. */
export interface PreviewOptions {
  /** A relative URL to link the stylesheet from instead of inlining it (for a CSP without inline styles). */
  stylesheet?: string;
}

/** `render`'s options (all optional), as `helm template`'s flags. */
export interface RenderOptions {
  /** Values files in order (`-f`). */
  values?: ValuesFile[];
  /** `--set key=value`. */
  set?: string[];
  /** `--set-string key=value`. */
  setString?: string[];
  /** Default: as the platform installs the product. */
  releaseName?: string;
  /** Default: as the platform installs the product. */
  namespace?: string;
  /** `--kube-version`. */
  kubeVersion?: string;
  /** `--api-versions`. */
  apiVersions?: string[];
  /** `--show-only` templates. */
  showOnly?: string[];
  includeCrds?: boolean;
  noHooks?: boolean;
  /** The random functions' seed (a whole number; default 0). */
  seed?: number;
  /** What `now` returns, in ms since the epoch (default: the current time). */
  now?: number;
  /** The language of messages (`fatal`, `warnings`). */
  lang?: Lang;
  /** `'lines'` (default): `documents[].lines`; `'compact'`: `documents[].origins` into `templates` and `chains`. */
  sourceMap?: 'lines' | 'compact';
}

/** A values.schema.json validator: `validate(schemaText, valuesJson)`. */
export type ValuesSchemaValidate = (schema: string, valuesJson: string) => ValuesSchemaResult;

/** What a values.schema.json validator returns. */
export interface ValuesSchemaResult {
  /** Where the values break the schema, with messages in both languages. */
  violations: { instance: string; en: string; zh: string }[];
  /** A schema that cannot be used (`line`: of a JSON syntax error), else null. */
  broken: { message: string; line: number | null } | null;
}

// ---------------------------------------------------------------------------------------------
// Rules

export type Severity = 'error' | 'warning' | 'info';

/** What a rule reads. */
export type RuleScope = 'input' | 'project' | 'chart' | 'manifests' | 'catalog' | 'upgrade';

/** A rule, as `rules()` gives it. */
export interface RuleInfo {
  /** `CHART-007`. */
  id: string;
  /** `CHART`. */
  group: string;
  /** The default severity. */
  severity: Severity;
  /** Every severity it gives by case, strongest first. */
  severities: Severity[];
  title_en: string;
  title_zh: string;
  /** The guide's section (`§1.1.6.2`), or `—`. */
  section: string;
  scope: RuleScope;
  /** Always `''`: the documentation is left out of the wasm (size); see `ruleDocs()`. */
  docs: string;
}

/** A rule with its Markdown documentation (`rules.json`, as `ecplint rules --format json`). */
export interface RuleDoc {
  id: string;
  group: string;
  severity: Severity;
  severities: Severity[];
  /** The English title. */
  title: string;
  title_zh: string;
  section: string;
  scope: RuleScope;
  /** Markdown: `## What it does`, `## Why`, `## 中文`, examples. */
  docs: string;
}

/** A rule's documentation as HTML (`rule-docs.json`). */
export interface RuleDocHtml {
  id: string;
  /** English HTML. */
  en: string;
  /** Chinese HTML (the Chinese section first). */
  zh: string;
}

// ---------------------------------------------------------------------------------------------
// The report (REPORT.md, schema 1, with every additive field)

/** What `check` returns (and `ecplint check --format json` prints). */
export interface Report {
  /** The report's schema; a breaking change would bump it. */
  schema: 1;
  tool: { name: 'ecplint'; version: string };
  /** One per archive or folder, in the order they were added. */
  inputs: InputReport[];
  summary: Summary;
}

/** Counts over every input's diagnostics; suppressed findings are counted apart only. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings an inline suppression or the baseline silenced. */
  suppressed: number;
  /** Of `suppressed`, those the baseline silenced (CLI `--baseline`; present when not 0). */
  baselined?: number;
}

/** One input: what was found in it. */
export interface InputReport {
  /** The name given to `addArchive`/`addFolder`. */
  path: string;
  /** Every chart found (a folder with `Chart.yaml`, not inside another chart's `charts/`). */
  charts: ChartReport[];
  diagnostics: Diagnostic[];
  /** Every file read from the input. */
  files: FileEntry[];
  /** True when nothing could be read (the CLI exits 2). */
  unreadable: boolean;
}

/** An input's files, as `Workspace.inputFiles` gives them. */
export interface InputFiles {
  name: string;
  kind: 'folder' | 'tgz' | 'tar' | 'zip' | null;
  paths: string[];
  contents: Uint8Array[];
  edited: string[];
}

/** A file of an input. */
export interface FileEntry {
  /** The path inside the input (the same as `Diagnostic.file`, `ws.source`). */
  path: string;
  /** In bytes. */
  size: number;
  /** Present (true) when the file was changed with `Workspace.edit` since the input was given. */
  edited?: true;
}

/** One finding. */
export interface Diagnostic {
  /** `CHART-005`. */
  rule: string;
  severity: Severity;
  /** The chart it concerns (absent for input-level and catalog findings). */
  chart?: string;
  /** The path inside the input. */
  file?: string;
  /** 1-based; absent only where no place exists. */
  line?: number;
  /** 1-based, in Unicode characters. */
  column?: number;
  end_line?: number;
  /** Exclusive. */
  end_column?: number;
  message: string;
  message_zh: string;
  /** How to fix it. */
  help?: string;
  help_zh?: string;
  /** Silenced, and why: still reported, not counted in the summary's errors/warnings/infos. */
  suppressed?: Suppressed;
  /** The severity the rule gave, when a `.ecplint.yaml` changed it to `severity`. */
  configured?: Configured;
  /** The rendered object it concerns (`Deployment/api`): reserved by REPORT.md, not given yet. */
  object?: string;
  /** The rendered snippet: reserved by REPORT.md, not given yet. */
  rendered?: { line: number; text: string };
}

/** Why a finding is silenced. */
export interface Suppressed {
  /** The comment's reason (empty when it gave none), or `"in the baseline"`. */
  reason: string;
  /** `"baseline"` when the baseline silenced it; absent for a suppression comment. */
  kind?: 'baseline';
}

/** A severity changed by a `.ecplint.yaml`. */
export interface Configured {
  /** The rule's own severity for this finding. */
  rule_severity: Severity;
  /** The file that changed it (a path inside the input). */
  config: string;
}

/** One chart of an input. */
export interface ChartReport {
  /** Chart.yaml `name`. */
  name: string;
  /** Chart.yaml `version` as written, or null. */
  version: string | null;
  /** The chart's folder inside the input. */
  root: string;
  /** The resource requirement the platform computes, or null when it cannot be. */
  resources: Resources | null;
  /** Subcharts found under `charts/`. */
  subcharts: string[];
  /** The config preview (charts with `_config_helpers.yaml.tpl`; `check` leaves it out: use `ws.config`). */
  config?: ConfigPreview;
  /** The items each role sees (charts with a `_navigation.yaml`). */
  navigation?: NavigationReport;
  /** The chart rendered as the platform installs it, in short. */
  manifests?: ManifestsSummary;
  /** What the rendered workloads request × replicas. */
  rendered_resources?: RenderedResources;
  /** Every image the rendered containers run (absent when none). */
  images?: ImageUse[];
}

/** `charts[].resources`: the requirement against the 6 CPU / 12 GiB ceiling. */
export interface Resources {
  /** `computed` from values.yaml, `declared` in the chart, or `exempt` (figures still computed). */
  source: 'computed' | 'declared' | 'exempt';
  /** Millicores, rounded up. */
  cpu_m: number;
  /** MiB, rounded up. */
  memory_mi: number;
  /** The ceiling: 6000. */
  limit_cpu_m: number;
  /** The ceiling: 12288. */
  limit_memory_mi: number;
  /** The requests that add up to it. */
  items: ResourceItem[];
  /** What values.yaml sums to, when the requirement is declared. */
  computed_cpu_m?: number;
  computed_memory_mi?: number;
  /** Why the product is exempt. */
  exempt_reason?: string;
}

/** One request in values.yaml. */
export interface ResourceItem {
  /** `pod.resources.backend_api`. */
  path: string;
  file: string;
  line: number;
  cpu_m: number;
  memory_mi: number;
}

/** `charts[].manifests`: what rendering gave. */
export interface ManifestsSummary {
  documents: number;
  /** Documents per kind. */
  kinds: { [kind: string]: number };
  /** The same, under REPORT.md's name. */
  by_kind: { [kind: string]: number };
  /** Templates that failed (HELM-002, HELM-006, HELM-007 say why). */
  failed: string[];
  /** The same with the failing action's place (a helper file's when an `include` failed there)
   * and Go's message (English), as REPORT.md names it. */
  failed_templates: { template: string; line: number; column: number; message: string }[];
  /** Templates not rendered because a dependency is missing. */
  not_rendered: { template: string; dependency: string }[];
  /** Why nothing rendered, when nothing did (English). */
  fatal?: string;
  /** Rendered with the user's values (`chartValues`), not values.yaml alone. */
  user_values: boolean;
}

/** `charts[].rendered_resources`: requests × replicas of the rendered workloads (DaemonSets once). */
export interface RenderedResources {
  cpu_m: number;
  memory_mi: number;
  limit_cpu_m: number;
  limit_memory_mi: number;
  /** Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Pods. */
  workloads: WorkloadResources[];
  /** Jobs and CronJobs: run to completion, not in the totals. */
  jobs: WorkloadResources[];
}

/** One workload's pods: per pod, and the replicas counted. */
export interface WorkloadResources {
  kind: string;
  name: string;
  /** The template that wrote it (`app/templates/x.yaml`). */
  source: string;
  replicas: number;
  cpu_m: number;
  memory_mi: number;
  limit_cpu_m: number;
  limit_memory_mi: number;
}

/** An image a rendered container runs. */
export interface ImageUse {
  /** As written: `docker.io/library/busybox:1.36`. */
  image: string;
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  /** `Kind/name` of the object. */
  object: string;
  container: string;
  /** An init container. */
  init: boolean;
  /** The template that wrote it, and its line (0 when unknown). */
  file: string;
  line: number;
}

// ---------------------------------------------------------------------------------------------
// Config preview (`ws.config`, `charts[].config`)

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A layer of the config merge, lowest priority first. */
export type ConfigLayer = 'values' | 'data_template' | 'config_crd' | 'topology' | 'license' | 'custom_config';

/** The config preview of one chart: the guide's priority merge, with provenance and diff. */
export interface ConfigPreview {
  /** The product ID (Chart.yaml `name`). */
  product: string;
  /** The layers that took part, lowest priority first. */
  layers: ConfigLayer[];
  /** Where each layer came from. */
  sources: LayerSource[];
  /** The final values (values.yaml with every layer applied). */
  values: JsonValue;
  /** For every leaf of `values`, in order: the layer that set it (at most 50,000). */
  provenance: Provenance[];
  /** `values` against values.yaml, leaf by leaf (at most 50,000). */
  diff: DiffEntry[];
  /** `_config_helpers.yaml.tpl` after rendering (absent without one). */
  rendered_template?: string;
  /** What `${replicas_by_modality}` rendered as. */
  replicas_by_modality: number;
  /** Whether the license set it. */
  replicas_from_license: boolean;
  /** Other products' configs the template could read. */
  products: string[];
  /** What went wrong reading the inputs or rendering (the preview is then partial). */
  errors: ConfigError[];
}

/** Where a layer came from. */
export interface LayerSource {
  layer: ConfigLayer;
  file: string;
  /** Where in the file, as a path (`data.topology.mycloud-product`). */
  at?: string;
  line?: number;
}

/** The layer that set one leaf of the final values. */
export interface Provenance {
  /** `pod.replicas.api`; keys with `.`, brackets, quotes or spaces written `["a.b"]`. */
  path: string;
  /** The same path as a list of keys (exact). */
  keys: string[];
  layer: ConfigLayer;
  file?: string;
  line?: number;
}

/** One leaf of the final values against values.yaml. */
export interface DiffEntry {
  path: string;
  keys: string[];
  /** `removed`: a layer's `null` deleted it. */
  kind: 'added' | 'changed' | 'unchanged' | 'removed';
  /** The values.yaml value (absent for `added`, and for `unchanged`). */
  old?: JsonValue;
  new?: JsonValue;
  /** The layer of the final value (absent for `removed`). */
  layer?: ConfigLayer;
}

/** A problem with an input of the config preview, placed like a diagnostic. */
export interface ConfigError {
  severity: Severity;
  /** Which input it is about. */
  input: 'values' | 'data_template' | 'config_crd' | 'license' | 'custom_config' | 'products';
  file?: string;
  line?: number;
  column?: number;
  end_line?: number;
  end_column?: number;
  message: string;
  message_zh: string;
  help?: string;
  help_zh?: string;
}

// ---------------------------------------------------------------------------------------------
// Navigation (`charts[].navigation`)

/** The four roles of the ECP console. */
export type NavRole = 'cloud_admin' | 'domain_admin' | 'admin' | 'member';

/** A text in English and Chinese; either may be missing (I18N-001 says so). */
export interface I18n {
  en?: string;
  'zh-cn'?: string;
}

/** Where an item sits in `_navigation.yaml`. */
export type NavLevel = 'nav' | 'sub_nav' | 'top_nav';

/** The items each role sees. */
export interface NavigationReport {
  name: I18n;
  category: string;
  /** The top navigation is derived from `nav` (no `top_nav`). */
  top_nav_derived: boolean;
  /** Role → the items it sees, in order. */
  roles: { [role in NavRole]: NavItem[] };
  /** Items no role sees, and why. */
  hidden: HiddenNavItem[];
  /** Role → the wizard entries (keys) it is shown, in order. */
  wizard: { [role in NavRole]: string[] };
}

/** An item a role sees. */
export interface NavItem {
  level: NavLevel;
  key: string;
  url?: string;
  name: I18n;
  category: string;
  order?: number;
  /** `layout: outer`: opens in a new tab (absent when not). */
  outer?: boolean;
  /** For a `sub_nav` item: its parent's key. */
  parent?: string;
}

/** An item no role sees. */
export interface HiddenNavItem {
  level: NavLevel;
  key: string;
  url?: string;
  reason: 'not_available' | 'no_url' | 'no_policy' | 'no_known_role' | 'parent_hidden';
}

// ---------------------------------------------------------------------------------------------
// Rendering (`ws.render`)

/** A place in a template. */
export interface TemplatePlace {
  template: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
}

/** What `render` returns. */
export interface RenderResult {
  /** The chart rendered. */
  chart: string;
  /** The rendered documents, in `helm template`'s order. */
  documents: RenderedDocument[];
  /** Templates that failed. */
  errors: RenderError[];
  /** Why nothing rendered, or null. */
  fatal: string | null;
  /** Dependencies neither in `charts/` nor among the other inputs. */
  missingDependencies: string[];
  /** Templates not rendered because a dependency is missing. */
  notRendered: { template: string; dependency: string; include: string }[];
  warnings: string[];
  /** `sourceMap: 'compact'` only: the template names `origins` point into. */
  templates?: string[];
  /** `sourceMap: 'compact'` only: the include chains `origins` point into (chain 0 is empty). */
  chains?: TemplatePlace[][];
}

/** One rendered YAML document. */
export interface RenderedDocument {
  /** The template that wrote it. */
  source: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  /** `helm.sh/hook`, or null. */
  hook: string | null;
  text: string;
  /** `sourceMap: 'lines'`: where line i of `text` was written. */
  lines?: SourceLine[];
  /** `sourceMap: 'compact'`: four numbers a line — template index, line, col, chain index. */
  origins?: number[];
}

/** Where a line of output was written, and the `include` calls that led there. */
export interface SourceLine extends TemplatePlace {
  chain: TemplatePlace[];
}

/** A template that failed. */
export interface RenderError {
  template: string;
  message: string;
  /** The message as helm prints it. */
  helm: string;
  at: TemplatePlace;
  chain: TemplatePlace[];
}
