// The worker of <ecplint-example> (ecplint-example.js): one per page, however many examples the
// page holds. It loads the wasm engine once and checks one example at a time.
//
// page → worker: { id, name, files: [{ path, text }] }   (paths start with `name/`)
// worker → page: { id, diagnostics } | { id, error }

import init, { Workspace } from '../pkg/ecplint.js';

let ws = null;
const ready = init().then(() => {
  ws = new Workspace();
});
ready.catch(() => {}); // each request reports the failure

// K8S-001 checks rendered objects against the Kubernetes schemas of one version: fetched from our
// own pkg/ the first time an example has templates (one file, ~20 KB gzipped).
let kubeSchemas = null;
function loadKubeSchemas() {
  kubeSchemas ??= fetch(new URL('../pkg/kube-schemas/1.32.json', import.meta.url))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((text) => {
      ws.setKubeSchemas(text);
    })
    .catch(() => {
      kubeSchemas = null; // K8S-001 then says the objects were not checked
    });
  return kubeSchemas;
}

// HELM-005's validator, a module of its own (~470 KB gzipped): only for an example with a
// values.schema.json.
let valuesSchema = null;
function loadValuesSchema() {
  valuesSchema ??= import('../pkg/values-schema/values_schema.js')
    .then(async (mod) => {
      await mod.default();
      return mod.validate;
    })
    .catch(() => {
      valuesSchema = null;
      return null;
    });
  return valuesSchema;
}

async function check({ id, name, files }) {
  try {
    await ready;
    ws.clear();
    const encoder = new TextEncoder();
    ws.addFolder(name, files.map((f) => f.path), files.map((f) => encoder.encode(f.text)));
    if (files.some((f) => f.path.includes('/templates/'))) await loadKubeSchemas();
    if (ws.wantsValuesSchemaValidator()) {
      const validate = await loadValuesSchema();
      if (validate) ws.setValuesSchemaValidator(validate);
    }
    const report = ws.check(() => {}, { lang: 'en', categories: [] });
    const diagnostics = report.inputs.flatMap((input) => input.diagnostics);
    ws.clear();
    postMessage({ id, diagnostics });
  } catch (e) {
    postMessage({ id, error: String(e && e.message ? e.message : e) });
  }
}

// One check at a time: they share the one Workspace.
let queue = Promise.resolve();
self.onmessage = (ev) => {
  queue = queue.then(() => check(ev.data || {}));
};
