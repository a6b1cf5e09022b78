// ecplint for Node (the package's `node` entry): the same API as index.js, but `init` and the
// loaders read the files beside this one instead of fetching them. Types: index.d.ts.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import wasmInit, { initSync as wasmInitSync } from './ecplint.js';
import { kubeSchemasFile } from './index.js';

export { Workspace, rules, version, KUBE_VERSIONS, kubeSchemasFile } from './index.js';

const here = (file) => new URL(`./${file}`, import.meta.url);

/** A plain `{ module_or_path }` / `{ module }` object, as wasm-bindgen's own init takes. */
const wrapped = (x, key) => x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype && key in x;

/**
 * Load the wasm module: ecplint_bg.wasm beside this file, or `input` — a file path, a `file:` URL,
 * an `http(s):` URL or `Response` (fetched), the bytes, or a compiled `WebAssembly.Module`.
 * Calling it again does nothing.
 */
export default async function init(input) {
  let source = await input;
  if (wrapped(source, 'module_or_path')) source = await source.module_or_path;
  if (source === undefined || source === null) source = await readFile(here('ecplint_bg.wasm'));
  else if (source instanceof URL && source.protocol === 'file:') source = await readFile(source);
  else if (typeof source === 'string' && !/^(https?|data|blob):/i.test(source)) {
    source = await readFile(source.startsWith('file:') ? new URL(source) : source);
  }
  await wasmInit({ module_or_path: source });
}

/** Load the wasm module synchronously: ecplint_bg.wasm beside this file, or the given bytes or module. */
export function initSync(module) {
  if (wrapped(module, 'module')) module = module.module;
  wasmInitSync({ module: module ?? readFileSync(here('ecplint_bg.wasm')) });
}

/** The text of the Kubernetes schemas for `kubeVersion` (default 1.32.0), or undefined when there are none. */
export async function kubeSchemas(kubeVersion) {
  const file = kubeSchemasFile(kubeVersion);
  return file === undefined ? undefined : readFile(here(file), 'utf8');
}

/** The values.schema.json validator (a wasm module of its own), for `ws.setValuesSchemaValidator`. */
export async function valuesSchemaValidator() {
  const mod = await import('./values-schema/values_schema.js');
  await mod.default({ module_or_path: await readFile(here('values-schema/values_schema_bg.wasm')) });
  return mod.validate;
}

/** Every rule's documentation: Markdown (rules.json, the default) or HTML in both languages (rule-docs.json). */
export async function ruleDocs(format = 'markdown') {
  if (format !== 'markdown' && format !== 'html') throw new TypeError("ruleDocs: `format` must be 'markdown' or 'html'");
  return JSON.parse(await readFile(here(format === 'html' ? 'rule-docs.json' : 'rules.json'), 'utf8'));
}
