//! The JavaScript API: a thin `Workspace` over the core, built with `wasm-bindgen --target web`.
//!
//! ```js
//! import init, { Workspace, rules, version } from './pkg/ecplint.js';
//! await init();
//! const ws = new Workspace();
//! ws.addArchive('chart.tgz', bytes);                 // Uint8Array
//! ws.addFolder('proj', ['proj/Makefile'], [bytes]); // paths start with the folder name
//! const report = ws.check((done, total, name) => {}, { lang: 'zh' });
//! ws.source(0, report.inputs[0].diagnostics[0].file); // text, or undefined
//! ws.config(0, 'mycloud-product', { license: '...yaml...', configCrd, custom, products });
//! ws.preview(null, 'member', 'zh-cn');                // navigation preview: an HTML document
//! ws.render(0, 'mycloud-product', { values: ['replicas: 2'], set: ['image.tag=1.2'] }); // helm template
//! ```
//!
//! Only wrong argument *types* throw (a `TypeError`); anything wrong with what the user gave
//! becomes an `INPUT-001` diagnostic in the report.
//!
//! Everything here turns JS values into the core's types and back; the work is
//! `ecplint::Workspace`'s. `tests/wasm.rs` calls these methods with real JS values.

#![allow(clippy::new_without_default)]

use ecplint::config::{Doc, Overrides};
use ecplint::diagnostic::Lang;
use ecplint::input::{File, Source};
use ecplint::navigation::{Styles, View};
use ecplint::render::values_schema;
use ecplint::workspace::Event;
use ecplint::{rules, Options};
use js_sys::{Array, ArrayBuffer, Function, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A set of inputs (archives and folders) to check together. Inputs stay loaded after `check`,
/// so that `source` and `bytes` can show their files.
#[wasm_bindgen]
pub struct Workspace {
    core: ecplint::Workspace,
}

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        console_error_panic_hook::set_once();
        Workspace {
            core: ecplint::Workspace::new(page_options(Options::default())),
        }
    }

    /// Add an archive (`.tgz`, `.tar.gz`, `.tar`, `.zip`): `name` is shown as the input's path.
    #[wasm_bindgen(js_name = addArchive)]
    pub fn add_archive(&mut self, name: JsValue, bytes: JsValue) -> Result<(), JsValue> {
        let name = string_arg(&name, "addArchive", "name")?;
        let data = bytes_arg(&bytes, "addArchive", "bytes")?;
        self.core.add(Source::Archive { name, data });
        Ok(())
    }

    /// Add a dropped folder: `paths[i]` (relative, `/`-separated, starting with the folder name)
    /// holds `contents[i]`.
    #[wasm_bindgen(js_name = addFolder)]
    pub fn add_folder(
        &mut self,
        name: JsValue,
        paths: JsValue,
        contents: JsValue,
    ) -> Result<(), JsValue> {
        let name = string_arg(&name, "addFolder", "name")?;
        let paths = array_arg(&paths, "addFolder", "paths")?;
        let contents = array_arg(&contents, "addFolder", "contents")?;
        if paths.length() != contents.length() {
            return Err(type_error(&format!(
                "addFolder: `paths` has {} items but `contents` has {}",
                paths.length(),
                contents.length()
            )));
        }
        let mut files = Vec::with_capacity(paths.length() as usize);
        for i in 0..paths.length() {
            let path = string_arg(&paths.get(i), "addFolder", &format!("paths[{i}]"))?;
            let data = bytes_arg(&contents.get(i), "addFolder", &format!("contents[{i}]"))?;
            files.push(File { path, data });
        }
        self.core.add(Source::Folder { name, files });
        Ok(())
    }

    /// Give the schemas of one Kubernetes version (the text of `kube-schemas/1.NN.json`, which
    /// the page fetches when it first checks for that version): K8S-001 checks rendered objects
    /// against them. Returns the version (`"1.32"`).
    #[wasm_bindgen(js_name = setKubeSchemas)]
    pub fn set_kube_schemas(&mut self, json: JsValue) -> Result<String, JsValue> {
        let json = string_arg(&json, "setKubeSchemas", "json")?;
        self.core
            .set_kube_schemas(&json)
            .map_err(|e| type_error(&format!("setKubeSchemas: not a schemas file: {e}")))
    }

    /// The Kubernetes versions the inputs' `.ecplint.yaml` files give, comma-separated (a
    /// string: no array glue in the module): without `kubeVersion` in `check`'s options their
    /// charts render for these, so fetch their schemas first.
    #[wasm_bindgen(js_name = configuredKubeVersions)]
    pub fn configured_kube_versions(&mut self) -> String {
        self.core.configured_kube_versions().join(",")
    }

    /// Whether an input has a values.schema.json that no validator checks yet: load the
    /// validator module (`pkg/values-schema/`) and give its `validate` to
    /// `setValuesSchemaValidator` before `check` (HELM-005). Reads the inputs.
    #[wasm_bindgen(js_name = wantsValuesSchemaValidator)]
    pub fn wants_values_schema_validator(&mut self) -> bool {
        self.core.wants_values_schema_validator()
    }

    /// Check values.schema.json with `validate(schemaText, valuesJson)`, which returns
    /// `{violations: [{instance, en, zh}], broken: {message, line} | null}` (the `validate` of
    /// `pkg/values-schema/values_schema.js`).
    #[wasm_bindgen(js_name = setValuesSchemaValidator)]
    pub fn set_values_schema_validator(&mut self, validate: JsValue) -> Result<(), JsValue> {
        let validate = validate
            .dyn_into::<js_sys::Function>()
            .map_err(|_| type_error("setValuesSchemaValidator: `validate` must be a function"))?;
        self.core
            .set_values_schema_validator(std::rc::Rc::new(JsValidator(validate)));
        Ok(())
    }

    /// Check every input and return the report (REPORT.md) as a plain object.
    /// `on_progress(done, total, inputName)` is called before each input.
    pub fn check(&mut self, on_progress: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        console_error_panic_hook::set_once();
        let on_progress = optional_function(&on_progress, "check", "onProgress")?;
        let options = parse_options(&options)?;
        // A report is kept per input; one made with other options is made again.
        self.core.set_options(page_options(options));
        let report = self.core.check_with(|event| match (event, &on_progress) {
            (Event::Input { index, total, name }, Some(f)) => f
                .call3(
                    &JsValue::NULL,
                    &JsValue::from(index as u32),
                    &JsValue::from(total as u32),
                    &JsValue::from_str(name),
                )
                .map(drop),
            _ => Ok(()),
        })?;
        to_js(&report)
    }

    /// The text of file `path` of input `input_index` (BOM stripped), or `undefined` when the file
    /// is absent, binary or not valid UTF-8.
    pub fn source(
        &mut self,
        input_index: JsValue,
        path: JsValue,
    ) -> Result<Option<String>, JsValue> {
        let Some(file) = self.file(&input_index, &path, "source")? else {
            return Ok(None);
        };
        Ok(decode_text(&file.data).map(str::to_string))
    }

    /// The bytes of file `path` of input `input_index`, or `undefined` when absent.
    pub fn bytes(
        &mut self,
        input_index: JsValue,
        path: JsValue,
    ) -> Result<Option<Vec<u8>>, JsValue> {
        Ok(self
            .file(&input_index, &path, "bytes")?
            .map(|f| f.data.clone()))
    }

    /// The config preview (`charts[].config` of REPORT.md, README "Config preview") of chart
    /// `chartName` of input `inputIndex`, or `undefined` when there is no such chart. Every chart
    /// of every input is installed alongside: a template can read their configs.
    ///
    /// `options`: `{ license, configCrd, custom, products }`, each a YAML text (absent or empty:
    /// not given), and optionally `licenseName`, `configCrdName`, `customName`, `productsName`,
    /// the names provenance shows for them. Fast enough to call on every keystroke: the charts are
    /// read once, and the inputs only again when they change.
    pub fn config(
        &mut self,
        input_index: JsValue,
        chart_name: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        console_error_panic_hook::set_once();
        let Some(index) = input_index.as_f64() else {
            return Err(type_error("config: `inputIndex` must be a number"));
        };
        let name = string_arg(&chart_name, "config", "chartName")?;
        let overrides = parse_config_options(&options)?;
        let Some(index) = index_in(index, self.core.len()) else {
            return Ok(JsValue::UNDEFINED);
        };
        match self.core.config(index, &name, &overrides) {
            Some(preview) => to_js(&preview),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The navigation preview (README "Navigation preview"): the ECP console that `view`
    /// (`cloud_admin`, `domain_admin`, `admin`, `member` or `author`) sees in `lang` (`en`,
    /// `zh`/`zh-cn`), as a whole HTML document: every chart string escaped, no script, a CSP
    /// that allows nothing but `data:` pictures. `inputIndex`: a number for that input's charts,
    /// or `null`/`undefined` for every input as one console. Wizard pictures are `data:` URIs of
    /// the archive's own bytes. `options.stylesheet`: a relative URL to link the stylesheet from
    /// instead of inlining it (a page whose CSP forbids inline styles: `'preview.css'`).
    /// Show it in an `<iframe sandbox srcdoc=…>`.
    pub fn preview(
        &mut self,
        input_index: JsValue,
        view: JsValue,
        lang: JsValue,
        options: JsValue,
    ) -> Result<String, JsValue> {
        console_error_panic_hook::set_once();
        let view_name = string_arg(&view, "preview", "view")?;
        let view = View::parse(&view_name).ok_or_else(|| {
            type_error("preview: `view` must be cloud_admin, domain_admin, admin, member or author")
        })?;
        let lang_name = string_arg(&lang, "preview", "lang")?;
        let lang = Lang::parse(&lang_name)
            .ok_or_else(|| type_error("preview: `lang` must be 'en' or 'zh-cn'"))?;
        let mut stylesheet = None;
        if options.is_object() {
            let v = Reflect::get(&options, &JsValue::from_str("stylesheet"))?;
            if !(v.is_undefined() || v.is_null()) {
                stylesheet =
                    Some(v.as_string().ok_or_else(|| {
                        type_error("preview: `options.stylesheet` must be a string")
                    })?);
            }
        } else if !(options.is_undefined() || options.is_null()) {
            return Err(type_error("preview: `options` must be an object"));
        }
        let only = if input_index.is_undefined() || input_index.is_null() {
            None
        } else {
            let Some(i) = input_index.as_f64() else {
                return Err(type_error("preview: `inputIndex` must be a number or null"));
            };
            // An index that names no input shows an empty console.
            Some(index_in(i, self.core.len()).unwrap_or(usize::MAX))
        };
        let styles = match &stylesheet {
            Some(href) => Styles::Link(href),
            None => Styles::Inline,
        };
        Ok(self.core.preview(only, view, lang, styles))
    }

    /// Renders chart `chartName` of input `inputIndex` as `helm template` does (README "Rendering
    /// templates"), or `undefined` when there is no such chart. Dependencies missing from the
    /// chart are looked up among the workspace's other inputs.
    ///
    /// `options` (all optional): `values` (values files in order: texts, or `{name, text}`),
    /// `set`, `setString` (arrays of `key=value`), `releaseName`, `namespace` (defaults as the
    /// platform installs the product), `kubeVersion`, `apiVersions`, `showOnly`, `includeCrds`,
    /// `noHooks`, `seed` (random functions; default 0), `now` (what `now` returns, ms since the
    /// epoch; default: the current time), `lang` (`en`/`zh-cn`, for messages), `sourceMap`
    /// (`'lines'`, the default, or `'compact'`).
    ///
    /// Returns `{chart, documents: [{source, apiVersion, kind, name, namespace, hook, text,
    /// lines: [{template, line, col, chain}]}], errors: [{template, message, helm, at, chain}],
    /// notRendered, missingDependencies, fatal, warnings}`: `lines[i]` is the template place that
    /// wrote line `i` of the document's text (and the `include` calls that led there). With
    /// `sourceMap: 'compact'` (the page's), each document has `origins` instead of `lines`: four
    /// numbers a line (template index, line, col, chain index) into the result's `templates` and
    /// `chains` (chain 0 is empty).
    pub fn render(
        &mut self,
        input_index: JsValue,
        chart_name: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        console_error_panic_hook::set_once();
        let Some(index) = input_index.as_f64() else {
            return Err(type_error("render: `inputIndex` must be a number"));
        };
        let name = if chart_name.is_undefined() || chart_name.is_null() {
            None
        } else {
            Some(string_arg(&chart_name, "render", "chartName")?)
        };
        let args: RenderArgs = if options.is_undefined() || options.is_null() {
            RenderArgs::default()
        } else {
            RenderArgs::read(&JsFields::new(
                &options,
                "render: `options`",
                RenderArgs::FIELDS,
            )?)?
        };
        let lang = match args.lang.as_deref() {
            None => Lang::En,
            Some(l) => Lang::parse(l)
                .ok_or_else(|| type_error("render: `options.lang` must be 'en' or 'zh-cn'"))?,
        };
        let Some(index) = index_in(index, self.core.len()) else {
            return Ok(JsValue::UNDEFINED);
        };
        let compact = match args.source_map.as_deref() {
            None | Some("lines") => false,
            Some("compact") => true,
            Some(_) => {
                return Err(type_error(
                    "render: `options.sourceMap` must be 'lines' or 'compact'",
                ))
            }
        };
        let options = args.into_options();
        let Some(rendered) = self.core.render(index, name.as_deref(), &options) else {
            return Ok(JsValue::UNDEFINED);
        };
        let json = if compact {
            rendered.json_compact(lang)
        } else {
            rendered.json(lang)
        };
        // Each document's text goes over as a string of its own, not through the JSON.
        let out = to_js(&json.without_texts())?;
        let documents = js_sys::Reflect::get(&out, &"documents".into())?;
        for (i, d) in rendered.documents.iter().enumerate() {
            let document = js_sys::Reflect::get_u32(&documents, i as u32)?;
            js_sys::Reflect::set(&document, &"text".into(), &JsValue::from_str(&d.text))?;
        }
        Ok(out)
    }

    /// Replace the content of file `path` of input `inputIndex` with `content` (a string, or a
    /// `Uint8Array`): the page's editor. The next `check` reads it (the file is marked
    /// `edited` in `inputs[].files`). Returns `null` when taken, else `{message, message_zh}`
    /// saying why not (no such file, over the file size limit).
    pub fn edit(
        &mut self,
        input_index: JsValue,
        path: JsValue,
        content: JsValue,
    ) -> Result<JsValue, JsValue> {
        let Some(index) = input_index.as_f64() else {
            return Err(type_error("edit: `inputIndex` must be a number"));
        };
        let path = string_arg(&path, "edit", "path")?;
        let data = match content.as_string() {
            Some(text) => text.into_bytes(),
            None => bytes_arg(&content, "edit", "content")?,
        };
        let taken = match index_in(index, self.core.len()) {
            Some(i) => self.core.edit(i, &path, data),
            None => Err(ecplint::input::EditError::NoSuchFile),
        };
        match taken {
            Ok(()) => Ok(JsValue::NULL),
            Err(e) => {
                let message = e.message(&path);
                let out = Object::new();
                Reflect::set(&out, &"message".into(), &message.en.into())?;
                Reflect::set(&out, &"message_zh".into(), &message.zh.into())?;
                Ok(out.into())
            }
        }
    }

    /// Input `inputIndex` as the user has it now, for "Download" and "Copy link" (the pack
    /// module, `pkg/pack/`): `{name, kind, paths, contents, edited}`, `kind` one of `folder`,
    /// `tgz`, `tar`, `zip` or `null` (not an archive the reader takes); `contents[i]` is the
    /// `Uint8Array` of `paths[i]`; `edited` the paths changed with `edit`. `undefined` when
    /// there is no such input.
    #[wasm_bindgen(js_name = inputFiles)]
    pub fn input_files(&mut self, input_index: JsValue) -> Result<JsValue, JsValue> {
        let Some(index) = input_index.as_f64() else {
            return Err(type_error("inputFiles: `inputIndex` must be a number"));
        };
        let Some(given) = index_in(index, self.core.len()).and_then(|i| self.core.input_files(i))
        else {
            return Ok(JsValue::UNDEFINED);
        };
        let out = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&out, &JsValue::from_str(key), value);
        set("name", &JsValue::from_str(given.name))?;
        let kind = given
            .kind
            .map_or(JsValue::NULL, |k| JsValue::from_str(k.as_str()));
        set("kind", &kind)?;
        let paths: Array = given
            .files
            .iter()
            .map(|f| JsValue::from_str(&f.path))
            .collect();
        let contents: Array = given
            .files
            .iter()
            .map(|f| JsValue::from(Uint8Array::from(&f.data[..])))
            .collect();
        let edited: Array = given.edited.iter().map(|p| JsValue::from_str(p)).collect();
        set("paths", &paths)?;
        set("contents", &contents)?;
        set("edited", &edited)?;
        Ok(out.into())
    }

    /// Forget every input.
    pub fn clear(&mut self) {
        self.core.clear();
    }

    /// How many inputs were added.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.core.len() as u32
    }
}

impl Workspace {
    fn file(
        &mut self,
        index: &JsValue,
        path: &JsValue,
        func: &str,
    ) -> Result<Option<&File>, JsValue> {
        let Some(index) = index.as_f64() else {
            return Err(type_error(&format!(
                "{func}: `inputIndex` must be a number"
            )));
        };
        let path = string_arg(path, func, "path")?;
        Ok(match index_in(index, self.core.len()) {
            Some(i) => self.core.file(i, &path),
            None => None,
        })
    }
}

/// A values.schema.json validator given by JS (see `setValuesSchemaValidator`).
struct JsValidator(js_sys::Function);

impl values_schema::Validator for JsValidator {
    fn validate(
        &self,
        schema: &str,
        values_json: &str,
    ) -> Result<Vec<values_schema::Violation>, values_schema::BrokenSchema> {
        let failed = |message: String| values_schema::BrokenSchema {
            message,
            line: None,
        };
        let out = self
            .0
            .call2(&JsValue::NULL, &schema.into(), &values_json.into())
            .map_err(|e| failed(format!("the validator failed: {e:?}")))?;
        let get = |v: &JsValue, key: &str| {
            Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        };
        let text = |v: &JsValue, key: &str| get(v, key).as_string().unwrap_or_default();
        let broken = get(&out, "broken");
        if broken.is_object() {
            return Err(values_schema::BrokenSchema {
                message: text(&broken, "message"),
                line: get(&broken, "line").as_f64().map(|l| l as usize),
            });
        }
        let violations = get(&out, "violations");
        if !js_sys::Array::is_array(&violations) {
            return Err(failed("the validator returned no `violations`".into()));
        }
        Ok(js_sys::Array::from(&violations)
            .iter()
            .map(|v| values_schema::Violation {
                instance: text(&v, "instance"),
                en: text(&v, "en"),
                zh: text(&v, "zh"),
            })
            .collect())
    }
}

/// The options of `render`, as JS gives them.
#[derive(Default)]
struct RenderArgs {
    values: Vec<ValuesArg>,
    set: Vec<String>,
    set_string: Vec<String>,
    release_name: Option<String>,
    namespace: Option<String>,
    kube_version: Option<String>,
    api_versions: Vec<String>,
    show_only: Vec<String>,
    include_crds: bool,
    no_hooks: bool,
    seed: u64,
    /// Milliseconds since the epoch.
    now: Option<f64>,
    lang: Option<String>,
    /// `"lines"` (default: an object per line) or `"compact"` (`origins` numbers per document
    /// into the render's `templates` and `chains`).
    source_map: Option<String>,
}

/// `check`'s `chartValues[i]`: values for the chart at `root` (the report's `charts[].root`).
struct ChartValuesArg {
    root: String,
    values: Vec<ValuesArg>,
    set: Vec<String>,
    set_string: Vec<String>,
}

impl ChartValuesArg {
    const FIELDS: &'static [&'static str] = &["root", "values", "set", "setString"];

    fn read(o: &JsFields) -> Result<ChartValuesArg, JsValue> {
        Ok(ChartValuesArg {
            root: o
                .string("root")?
                .ok_or_else(|| o.error("root", "is missing"))?,
            values: o.values("values")?,
            set: o.strings("set")?,
            set_string: o.strings("setString")?,
        })
    }

    fn into_core(self) -> (String, ecplint::workspace::ChartValues) {
        let prefix = if self.root.is_empty() {
            String::new()
        } else {
            format!("{}/", self.root.trim_end_matches('/'))
        };
        let values = ecplint::workspace::ChartValues {
            values: named_values(self.values),
            set: self.set,
            set_string: self.set_string,
        };
        (prefix, values)
    }
}

/// Values files as the core takes them: (name, text), unnamed ones numbered.
fn named_values(values: Vec<ValuesArg>) -> Vec<(String, String)> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            ValuesArg::Text(text) => (format!("values-{}.yaml", i + 1), text),
            ValuesArg::Named { name, text } => (name, text),
        })
        .collect()
}

/// A values file: its text, or `{name, text}` (the name shows in errors).
enum ValuesArg {
    Text(String),
    Named { name: String, text: String },
}

impl RenderArgs {
    const FIELDS: &'static [&'static str] = &[
        "values",
        "set",
        "setString",
        "releaseName",
        "namespace",
        "kubeVersion",
        "apiVersions",
        "showOnly",
        "includeCrds",
        "noHooks",
        "seed",
        "now",
        "lang",
        "sourceMap",
    ];

    fn read(o: &JsFields) -> Result<RenderArgs, JsValue> {
        let seed = match o.number("seed")? {
            None => 0,
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => n as u64,
            Some(_) => return Err(o.error("seed", "must be a whole number, not negative")),
        };
        Ok(RenderArgs {
            values: o.values("values")?,
            set: o.strings("set")?,
            set_string: o.strings("setString")?,
            release_name: o.string("releaseName")?,
            namespace: o.string("namespace")?,
            kube_version: o.string("kubeVersion")?,
            api_versions: o.strings("apiVersions")?,
            show_only: o.strings("showOnly")?,
            include_crds: o.bool("includeCrds")?,
            no_hooks: o.bool("noHooks")?,
            seed,
            now: o.number("now")?,
            lang: o.string("lang")?,
            source_map: o.string("sourceMap")?,
        })
    }

    fn into_options(self) -> ecplint::render::RenderOptions {
        let now_ms = self.now.unwrap_or_else(js_sys::Date::now);
        ecplint::render::RenderOptions {
            release_name: self.release_name.unwrap_or_default(),
            namespace: self.namespace.unwrap_or_default(),
            kube_version: self.kube_version.filter(|v| !v.is_empty()),
            api_versions: self.api_versions,
            values: named_values(self.values),
            set: self.set,
            set_string: self.set_string,
            show_only: self.show_only,
            include_crds: self.include_crds,
            no_hooks: self.no_hooks,
            seed: self.seed,
            now_unix_nanos: (now_ms * 1e6) as i64,
            ..Default::default()
        }
    }
}

/// The fields of an options object as JS gives it, read one by one (no serde deserializer in the
/// wasm: serde-wasm-bindgen's cost about 5 KB of the page's download). A field that is absent,
/// `undefined` or `null` is not given; an unknown field or a wrong type is a TypeError naming it.
struct JsFields<'a> {
    object: &'a JsValue,
    what: &'a str,
}

impl<'a> JsFields<'a> {
    fn new(object: &'a JsValue, what: &'a str, known: &[&str]) -> Result<JsFields<'a>, JsValue> {
        if !object.is_object() || Array::is_array(object) {
            return Err(type_error(&format!("{what} must be an object")));
        }
        for key in Object::keys(object.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(type_error(&format!(
                    "{what}: unknown field `{key}`, expected one of `{}`",
                    known.join("`, `")
                )));
            }
        }
        Ok(JsFields { object, what })
    }

    fn error(&self, key: &str, problem: &str) -> JsValue {
        type_error(&format!("{}: `{key}` {problem}", self.what))
    }

    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let value = Reflect::get(self.object, &JsValue::from_str(key))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.get(key)?
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| self.error(key, "must be a string"))
            })
            .transpose()
    }

    fn number(&self, key: &str) -> Result<Option<f64>, JsValue> {
        self.get(key)?
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| self.error(key, "must be a number"))
            })
            .transpose()
    }

    fn bool(&self, key: &str) -> Result<bool, JsValue> {
        self.get(key)?.map_or(Ok(false), |v| {
            v.as_bool()
                .ok_or_else(|| self.error(key, "must be a boolean"))
        })
    }

    fn items(&self, key: &str) -> Result<Vec<JsValue>, JsValue> {
        match self.get(key)? {
            None => Ok(Vec::new()),
            Some(v) if Array::is_array(&v) => Ok(Array::from(&v).iter().collect()),
            Some(_) => Err(self.error(key, "must be an array")),
        }
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, JsValue> {
        self.items(key)?
            .iter()
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| self.error(key, "must hold strings"))
            })
            .collect()
    }

    /// Values files: each a string (its text) or `{name, text}`.
    fn values(&self, key: &str) -> Result<Vec<ValuesArg>, JsValue> {
        let bad = || self.error(key, "must hold strings or {name, text} objects");
        self.items(key)?
            .iter()
            .map(|v| {
                if let Some(text) = v.as_string() {
                    return Ok(ValuesArg::Text(text));
                }
                if !v.is_object() {
                    return Err(bad());
                }
                let field = |k: &str| Reflect::get(v, &JsValue::from_str(k)).ok()?.as_string();
                match (field("name"), field("text")) {
                    (Some(name), Some(text)) => Ok(ValuesArg::Named { name, text }),
                    _ => Err(bad()),
                }
            })
            .collect()
    }
}

/// A JS number as an index below `len`: a whole number, not negative.
fn index_in(index: f64, len: usize) -> Option<usize> {
    (index >= 0.0 && index.fract() == 0.0 && index < len as f64).then_some(index as usize)
}

/// The page's reports leave out `charts[].config`: it asks for config previews one at a time.
fn page_options(options: Options) -> Options {
    Options {
        config_previews: false,
        ..options
    }
}

/// Every rule: `[{id, group, severity, severities, title_en, title_zh, section, scope, docs}]`;
/// `severities` lists every severity the rule gives by case, strongest first.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    #[derive(Serialize)]
    struct RuleInfo {
        id: &'static str,
        group: &'static str,
        severity: &'static str,
        severities: Vec<&'static str>,
        title_en: &'static str,
        title_zh: &'static str,
        section: &'static str,
        /// What the rule reads: input, project, chart, catalog or upgrade.
        scope: &'static str,
        docs: &'static str,
    }
    let list: Vec<RuleInfo> = rules::ALL
        .iter()
        .map(|r| RuleInfo {
            id: r.id,
            group: r.group.as_str(),
            severity: r.severity.as_str(),
            severities: r
                .severities_by_strength()
                .iter()
                .map(|s| s.as_str())
                .collect(),
            title_en: r.title_en,
            title_zh: r.title_zh,
            section: r.section,
            scope: r.scope().as_str(),
            docs: r.docs,
        })
        .collect();
    to_js(&list)
}

/// The version of ecplint (`"0.1.0"`).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Text of a file: UTF-8 without a BOM and without NUL bytes (those are binary), else `None`.
fn decode_text(data: &[u8]) -> Option<&str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if data.contains(&0) {
        return None;
    }
    std::str::from_utf8(data).ok()
}

/// Serialize as JSON would: objects for maps, `null` for `None`, numbers (never BigInt) for
/// integers. A number beyond 2^53 cannot be a JS number exactly; then go through JSON, as a JSON
/// reader would (it becomes the nearest double).
/// A value as the JS object its JSON makes: one string crosses into JS and `JSON.parse` builds
/// the objects, which is several times faster than building them one by one through the
/// boundary (a render's source map holds an object per output line).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    js_sys::JSON::parse(&json)
}

fn parse_options(options: &JsValue) -> Result<Options, JsValue> {
    let mut out = Options::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() {
        return Err(type_error(
            "check: `options` must be an object like {lang: 'en'}",
        ));
    }
    let lang = Reflect::get(options, &JsValue::from_str("lang"))?;
    if !(lang.is_undefined() || lang.is_null()) {
        let Some(s) = lang.as_string() else {
            return Err(type_error("check: `options.lang` must be 'en' or 'zh'"));
        };
        out.lang = Lang::parse(&s)
            .ok_or_else(|| type_error("check: `options.lang` must be 'en' or 'zh'"))?;
    }
    // The Kubernetes version the charts are rendered and checked for (K8S-001/002).
    let kube = Reflect::get(options, &JsValue::from_str("kubeVersion"))?;
    if !(kube.is_undefined() || kube.is_null()) {
        let version = kube.as_string().ok_or_else(|| {
            type_error("check: `options.kubeVersion` must be a string like '1.32.0'")
        })?;
        out.render.kube_version = Some(version).filter(|v| !v.trim().is_empty());
    }
    // A reviewer's view: `ecplint-disable-…` comments silence nothing (`--no-inline-suppressions`).
    let inline = Reflect::get(options, &JsValue::from_str("inlineSuppressions"))?;
    if !(inline.is_undefined() || inline.is_null()) {
        out.inline_suppressions = inline.as_bool().ok_or_else(|| {
            type_error("check: `options.inlineSuppressions` must be true or false")
        })?;
    }
    // The values panel: the user's values for single charts, by chart root.
    let chart_values = Reflect::get(options, &JsValue::from_str("chartValues"))?;
    if !(chart_values.is_undefined() || chart_values.is_null()) {
        let given = array_arg(&chart_values, "check", "options.chartValues")?;
        for (i, item) in given.iter().enumerate() {
            let what = format!("check: `options.chartValues[{i}]`");
            let arg = ChartValuesArg::read(&JsFields::new(&item, &what, ChartValuesArg::FIELDS)?)?;
            out.chart_values.push(arg.into_core());
        }
    }
    // Navigation categories that exist on the user's platform (NAV-007).
    let categories = Reflect::get(options, &JsValue::from_str("categories"))?;
    if !(categories.is_undefined() || categories.is_null()) {
        if !js_sys::Array::is_array(&categories) {
            return Err(type_error(
                "check: `options.categories` must be an array of strings",
            ));
        }
        let list = js_sys::Array::from(&categories);
        for c in list.iter() {
            let name = c.as_string().ok_or_else(|| {
                type_error("check: `options.categories` must be an array of strings")
            })?;
            out.known_categories.push(name);
        }
    }
    Ok(out)
}

/// `{ license, configCrd, custom, products }` and their `…Name`s (see `Workspace::config`).
fn parse_config_options(options: &JsValue) -> Result<Overrides, JsValue> {
    let mut out = Overrides::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() {
        return Err(type_error(
            "config: `options` must be an object like {license: '...'}",
        ));
    }
    let get = |key: &str| -> Result<Option<String>, JsValue> {
        let v = Reflect::get(options, &JsValue::from_str(key))?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string()
            .map(Some)
            .ok_or_else(|| type_error(&format!("config: `options.{key}` must be a string")))
    };
    for (key, default_name, slot) in [
        ("license", "license.yaml", &mut out.license),
        ("configCrd", "config-crd.yaml", &mut out.config_crd),
        ("custom", "custom_config.yaml", &mut out.custom),
        ("products", "products.yaml", &mut out.products),
    ] {
        if let Some(text) = get(key)? {
            let name = get(&format!("{key}Name"))?
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| default_name.to_string());
            *slot = Some(Doc::new(name, text));
        }
    }
    Ok(out)
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn string_arg(value: &JsValue, func: &str, arg: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(&format!("{func}: `{arg}` must be a string")))
}

fn array_arg(value: &JsValue, func: &str, arg: &str) -> Result<Array, JsValue> {
    if Array::is_array(value) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(type_error(&format!("{func}: `{arg}` must be an array")))
    }
}

/// A `Uint8Array` (or an `ArrayBuffer`, or another typed array / DataView) copied into Rust.
fn bytes_arg(value: &JsValue, func: &str, arg: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(b) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(b).to_vec());
    }
    if ArrayBuffer::is_view(value) {
        let view: &Object = value.unchecked_ref();
        let get = |k: &str| {
            Reflect::get(view, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_f64())
        };
        if let (Ok(buffer), Some(offset), Some(len)) = (
            Reflect::get(view, &JsValue::from_str("buffer")),
            get("byteOffset"),
            get("byteLength"),
        ) {
            if let Some(buffer) = buffer.dyn_ref::<ArrayBuffer>() {
                return Ok(Uint8Array::new_with_byte_offset_and_length(
                    buffer,
                    offset as u32,
                    len as u32,
                )
                .to_vec());
            }
        }
    }
    Err(type_error(&format!("{func}: `{arg}` must be a Uint8Array")))
}

fn optional_function(value: &JsValue, func: &str, arg: &str) -> Result<Option<Function>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else if let Some(f) = value.dyn_ref::<Function>() {
        Ok(Some(f.clone()))
    } else {
        Err(type_error(&format!("{func}: `{arg}` must be a function")))
    }
}
