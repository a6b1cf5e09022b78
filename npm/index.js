// ecplint for browsers, workers and bundlers (the package's `default` entry; Node gets node.js).
// An ES module over the wasm-bindgen glue (ecplint.js): `init` fetches ecplint_bg.wasm next to
// this file unless it is given the wasm, and the loaders below fetch the extras shipped beside it.
// Types: index.d.ts. Built into the package by scripts/npm-package.mjs.

import wasmInit, { initSync as wasmInitSync, Workspace, rules, version } from './ecplint.js';

export { Workspace, rules, version };

/** The Kubernetes versions with schemas in kube-schemas/, oldest first (written by the build). */
export const KUBE_VERSIONS = Object.freeze(/* KUBE_VERSIONS */ []);

/** A plain `{ module_or_path }` / `{ module }` object, as wasm-bindgen's own init takes. */
const wrapped = (x, key) => x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype && key in x;

/**
 * Load the wasm module: from `input` (a URL, a `Response`, the bytes, a compiled
 * `WebAssembly.Module`, or a promise of one), else ecplint_bg.wasm beside this file.
 * Calling it again does nothing.
 */
export default async function init(input) {
  let source = await input;
  if (wrapped(source, 'module_or_path')) source = await source.module_or_path;
  await wasmInit({ module_or_path: source ?? new URL('./ecplint_bg.wasm', import.meta.url) });
}

/** Load the wasm module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (module === undefined) throw new TypeError('initSync: give the wasm bytes or a WebAssembly.Module (or use init())');
  wasmInitSync(wrapped(module, 'module') ? module : { module });
}

/**
 * The file of the package holding the schemas K8S-001 checks `kubeVersion` against
 * (`kube-schemas/1.32.json`), or undefined when there are none for it. Versions newer than the
 * newest schemas use the newest.
 */
export function kubeSchemasFile(kubeVersion = '1.32.0') {
  const m = /^v?(\d+)\.(\d+)/.exec(String(kubeVersion).trim());
  if (!m || m[1] !== '1' || KUBE_VERSIONS.length === 0) return undefined;
  const newest = KUBE_VERSIONS[KUBE_VERSIONS.length - 1];
  const minor = Math.min(Number(m[2]), Number(newest.split('.')[1]));
  const version = `1.${minor}`;
  return KUBE_VERSIONS.includes(version) ? `kube-schemas/${version}.json` : undefined;
}

async function fetchAsset(file, as) {
  const url = new URL(`./${file}`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`ecplint: could not fetch ${url}: HTTP ${response.status}`);
  return as === 'json' ? response.json() : response.text();
}

/**
 * The text of the Kubernetes schemas for `kubeVersion` (default 1.32.0), for
 * `ws.setKubeSchemas`, or undefined when the package has none for that version.
 */
export async function kubeSchemas(kubeVersion) {
  const file = kubeSchemasFile(kubeVersion);
  return file === undefined ? undefined : fetchAsset(file, 'text');
}

/** The values.schema.json validator (a wasm module of its own), for `ws.setValuesSchemaValidator`. */
export async function valuesSchemaValidator() {
  const mod = await import('./values-schema/values_schema.js');
  await mod.default({ module_or_path: new URL('./values-schema/values_schema_bg.wasm', import.meta.url) });
  return mod.validate;
}

/** Every rule's documentation: Markdown (rules.json, the default) or HTML in both languages (rule-docs.json). */
export async function ruleDocs(format = 'markdown') {
  if (format !== 'markdown' && format !== 'html') throw new TypeError("ruleDocs: `format` must be 'markdown' or 'html'");
  return fetchAsset(format === 'html' ? 'rule-docs.json' : 'rules.json', 'json');
}
