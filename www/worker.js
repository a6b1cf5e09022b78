// The checker runs here, off the page's thread: the page stays responsive on a large drop.
//
// page → worker: { type: 'check', id, lang, categories, kubeVersion, inlineSuppressions, chartValues, items: [{ kind: 'archive', name, blob }
//                                                  | { kind: 'folder', name, entries: [{ path, blob }] }] }
//                { type: 'edit', id, input, path, text }   (the editor: the file changed, check again;
//                  the reply's report is null when this worker holds no inputs: check them again)
//                { type: 'source', id, input, path }
//                { type: 'download', id, input } | { type: 'share', id } | { type: 'open-link', id, fragment }
//                { type: 'preview', id, input: index|null, view, lang }   (navigation preview)
//                { type: 'config', id, input, chart, options: { license, configCrd, custom, products, …Name } }
//                { type: 'render', id, input, chart, options: { values: [text…], set: [k=v…], releaseName, namespace, kubeVersion } }
// A check's `edits: [{ input, path, text }]` are applied to its inputs before it runs (the
// editor's changes, kept by the page, survive a check again and a restarted worker).
// worker → page: { type: 'ready', version, rules } | { type: 'fatal', message }
//                { type: 'progress', id, phase: 'read'|'check'|'report', done, total, name }
//                { type: 'report', id, report, ms } | { type: 'source', id, text } | { type: 'error', id, message }
//                { type: 'preview', id, html, ms }   (a whole HTML document for a sandboxed frame)
//                { type: 'config', id, config, ms }   (config: charts[].config of the report, or null)
//                { type: 'render', id, render, ms }   (ws.render's result: documents with their compact source map, errors)
//                { type: 'download', id, name, bytes }   (the input as an archive, with the editor's changes)
//                { type: 'share', id, fragment | error: { message, message_zh } }   (error: too large for a link)
//                { type: 'open-link', id, madeBy, items | error }   (items as a check takes them)
//
// A blob is a File or a Blob (structured-cloned File objects are read here, not on the page) or
// an ArrayBuffer.

import init, { Workspace, rules, version } from './pkg/ecplint.js';

let ws = null;
const STARTED = Date.now(); // the `now` of every render (see 'render')

// A tiny chart checked once while the page loads, so that the user's first drop runs on code the
// engine has already compiled and warmed (a cold first check took ~200 ms; warm ones 35–65 ms).
const WARM_UP = {
  'warm-up/Chart.yaml': 'apiVersion: v2\nname: warm-up\nversion: 1.0.0\n',
  'warm-up/values.yaml': 'replicas: 1\nimage:\n  repository: nginx\n  tag: "1.25"\n',
  'warm-up/templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n' +
    'spec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n' +
    '        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
};

function warmUp() {
  const encoder = new TextEncoder();
  const paths = Object.keys(WARM_UP);
  try {
    ws.addFolder('warm-up', paths, paths.map((p) => encoder.encode(WARM_UP[p])));
    // A few rounds: V8 moves hot wasm functions to its optimizing tier after repeated calls.
    for (let round = 0; round < 4; round++) ws.check(() => {}, { lang: 'en', categories: [] });
  } catch {
    // only a warm-up: the user's own check reports whatever is wrong
  }
  ws.clear();
}

// Then the page's own example project (the drop zone's sample, from this origin), twice: a
// whole ECP project runs the navigation, config and ACL rules the tiny chart does not. It took the
// first drop of the sample from 104–111 to 87–98 ms in the e2e run (a later drop: 14–20 ms).
async function warmUpOnSample() {
  try {
    const res = await fetch('./sample/orbit-console-project.tgz');
    if (!res.ok) return;
    const sample = new Uint8Array(await res.arrayBuffer());
    for (let round = 0; round < 2; round++) {
      ws.addArchive('warm-up.tgz', sample);
      ws.check(() => {}, { lang: 'zh', categories: [] });
      ws.clear();
    }
  } catch {
    // only a warm-up
  } finally {
    ws.clear();
  }
}

const ready = (async () => {
  try {
    await init();
    ws = new Workspace();
    warmUp();
    await warmUpOnSample();
    postMessage({ type: 'ready', version: version(), rules: rules() });
  } catch (e) {
    postMessage({ type: 'fatal', message: describe(e) });
    throw e;
  }
})();

function describe(e) {
  if (e && typeof e === 'object' && 'message' in e) return String(e.message);
  return String(e);
}

async function bytesOf(blob) {
  if (blob instanceof ArrayBuffer) return new Uint8Array(blob);
  if (ArrayBuffer.isView(blob)) return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
  return new Uint8Array(await blob.arrayBuffer());
}

// The Kubernetes schemas K8S-001 checks against, fetched from the page's own origin the first time
// a check asks for their version (16–24 KB gzipped each). Without them (offline), K8S-001 says
// that the objects were not checked.
const kubeSchemas = new Map(); // '1.32' → Promise<boolean>
const KUBE_MINORS = { first: 25, last: 37 };

function loadKubeSchemas(kubeVersion) {
  const m = /^v?1\.(\d+)/.exec(kubeVersion || '1.32.0');
  if (!m || Number(m[1]) < KUBE_MINORS.first) return Promise.resolve(false);
  const version = `1.${Math.min(Number(m[1]), KUBE_MINORS.last)}`;
  if (!kubeSchemas.has(version)) {
    kubeSchemas.set(version, fetch(new URL(`./pkg/kube-schemas/${version}.json`, import.meta.url))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((text) => { ws.setKubeSchemas(text); return true; })
      .catch(() => { kubeSchemas.delete(version); return false; }));
  }
  return kubeSchemas.get(version);
}

// The values.schema.json validator (HELM-005): a wasm module of its own (~440 KB gzipped), fetched
// the first time a dropped chart has a values.schema.json. Without it, HELM-005 says the schema
// was not checked.
let valuesSchema = null; // Promise<validate function | null>

function loadValuesSchema() {
  valuesSchema ??= import('./pkg/values-schema/values_schema.js')
    .then(async (mod) => { await mod.default(); return mod.validate; })
    .catch(() => { valuesSchema = null; return null; });
  return valuesSchema;
}

// The options of the last check: an edit checks again with them.
let checkOptions = null;

function checkAndReport(id, t0) {
  const report = ws.check(
    // Called before each input, never throttled: if an input holds the engine, the page's
    // watchdog must know which one it is.
    (d, tot, name) => postMessage({ type: 'progress', id, phase: 'check', done: d, total: tot, name: name ?? '' }),
    checkOptions,
  );
  postMessage({ type: 'progress', id, phase: 'report', done: 1, total: 1, name: '' });
  postMessage({ type: 'report', id, report, ms: Math.round(performance.now() - t0) });
}

/** Apply the editor's changes; the first refused one is thrown (its message names the file). */
function applyEdits(edits) {
  for (const e of edits || []) {
    const refused = ws.edit(e.input, e.path, e.text);
    if (refused) throw new Error(refused.message);
  }
}

// Archives and links (src/pack, src/share.rs): a wasm module of its own, fetched on first use.
let pack = null; // Promise<module>

function loadPack() {
  pack ??= import('./pkg/pack/ecplint_pack.js')
    .then(async (mod) => { await mod.default(); return mod; })
    .catch((e) => { pack = null; throw e; });
  return pack;
}

async function download({ id, input }) {
  const { download } = await loadPack();
  const written = download(ws.inputFiles(input));
  postMessage({ type: 'download', id, ...written }, written.bytes ? [written.bytes.buffer] : []);
}

async function share({ id }) {
  const { shareLink } = await loadPack();
  const inputs = Array.from({ length: ws.length }, (_, i) => ws.inputFiles(i));
  postMessage({ type: 'share', id, ...shareLink(inputs, version()) });
}

async function openLink({ id, fragment }) {
  const { openLink } = await loadPack();
  postMessage({ type: 'open-link', id, ...openLink(fragment) });
}

async function check({ id, items, edits, lang, categories, kubeVersion, inlineSuppressions, chartValues }) {
  ws.clear();
  const schemas = loadKubeSchemas(kubeVersion);
  const t0 = performance.now();
  // Reading: one progress step per input (and per 200 files of a folder).
  let done = 0;
  const total = items.length;
  for (const item of items) {
    postMessage({ type: 'progress', id, phase: 'read', done, total, name: item.name });
    if (item.kind === 'folder') {
      const paths = [];
      const contents = [];
      let k = 0;
      for (const e of item.entries) {
        let data;
        try {
          data = await bytesOf(e.blob);
        } catch {
          // an unreadable file (removed while reading, permission): the core reports it as empty
          data = new Uint8Array(0);
        }
        paths.push(e.path);
        contents.push(data);
        if (++k % 200 === 0) postMessage({ type: 'progress', id, phase: 'read', done: done + k / item.entries.length, total, name: item.name });
      }
      ws.addFolder(item.name, paths, contents);
    } else {
      ws.addArchive(item.name, await bytesOf(item.blob));
    }
    done++;
  }
  await schemas;
  // Without a version from the page, a chart's .ecplint.yaml may give one: its schemas too.
  if (typeof kubeVersion !== 'string') await Promise.all(ws.configuredKubeVersions().split(',').filter(Boolean).map(loadKubeSchemas));
  if (ws.wantsValuesSchemaValidator()) {
    const validate = await loadValuesSchema();
    if (validate) ws.setValuesSchemaValidator(validate);
  }
  applyEdits(edits);
  checkOptions = {
    lang: lang === 'zh' ? 'zh' : 'en',
    categories: Array.isArray(categories) ? categories : [],
    kubeVersion: typeof kubeVersion === 'string' ? kubeVersion : undefined,
    inlineSuppressions: inlineSuppressions !== false,
    chartValues: Array.isArray(chartValues) && chartValues.length ? chartValues : undefined,
  };
  checkAndReport(id, t0);
}

/** The editor changed a file: check again, with the last check's options. */
function edit({ id, input, path, text }) {
  const t0 = performance.now();
  // A restarted worker has no inputs: the page checks them again with every change.
  if (!ws.length || !checkOptions) return postMessage({ type: 'report', id, report: null });
  applyEdits([{ input, path, text }]);
  checkAndReport(id, t0);
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  try {
    await ready;
  } catch {
    return;
  }
  try {
    if (msg.type === 'check') await check(msg);
    else if (msg.type === 'edit') edit(msg);
    else if (msg.type === 'download') await download(msg);
    else if (msg.type === 'share') await share(msg);
    else if (msg.type === 'open-link') await openLink(msg);
    else if (msg.type === 'preview') {
      const t0 = performance.now();
      const html = ws.preview(msg.input ?? null, msg.view, msg.lang, { stylesheet: 'preview.css' });
      postMessage({ type: 'preview', id: msg.id, html, ms: performance.now() - t0 });
    }
    else if (msg.type === 'config') {
      const t0 = performance.now();
      const config = ws.config(msg.input, msg.chart, msg.options || {});
      postMessage({ type: 'config', id: msg.id, config: config ?? null, ms: performance.now() - t0 });
    }
    else if (msg.type === 'render') {
      const t0 = performance.now();
      // A fixed seed and clock: random values and dates stay put from one re-render to the next.
      const render = ws.render(msg.input, msg.chart, {
        seed: 1, now: STARTED, ...(msg.options || {}), lang: msg.lang === 'zh' ? 'zh-cn' : 'en', sourceMap: 'compact',
      });
      postMessage({ type: 'render', id: msg.id, render: render ?? null, ms: performance.now() - t0 });
    }
    else if (msg.type === 'source') {
      let text;
      try {
        text = ws.source(msg.input, msg.path);
      } catch {
        text = undefined;
      }
      postMessage({ type: 'source', id: msg.id, text: typeof text === 'string' ? text : null });
    }
  } catch (e) {
    postMessage({ type: 'error', id: msg.id, message: describe(e) });
  }
};
