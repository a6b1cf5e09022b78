// Checks the built JavaScript API (www/pkg/ecplint.js + ecplint_bg.wasm) in node, through the very
// glue code the page uses: `node --test scripts/api-check.mjs` (scripts/test.sh runs it after a
// build). crates/ecplint-wasm/tests/wasm.rs covers the Rust side in depth; this covers what wasm-bindgen generated.

import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = join(ROOT, 'www/pkg/ecplint.js');
const SAMPLE_TGZ = join(ROOT, 'www/sample/orbit-console-project.tgz');
const SAMPLE_DIR = join(ROOT, 'tests/fixtures/sample/orbit-console-project');
const GOOD_DIR = join(ROOT, 'tests/fixtures/good-project');

if (!existsSync(PKG)) {
  console.error(`${PKG} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const api = await import(PKG);
await api.default({ module_or_path: readFileSync(join(ROOT, 'www/pkg/ecplint_bg.wasm')) });
const { Workspace, rules, version } = api;

const cargoVersion = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"/m)[1];

/** Files of a folder as addFolder wants them: paths start with the folder's name. */
function folder(dir) {
  const base = join(dir, '..');
  const paths = [];
  const contents = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        paths.push(relative(base, p).split(sep).join('/'));
        contents.push(new Uint8Array(readFileSync(p)));
      }
    }
  };
  walk(dir);
  return { name: relative(base, dir), paths, contents };
}

/** No BigInt, no Map, nothing JSON would not have. */
function assertPlain(value, where = 'report') {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      assert.ok(Number.isFinite(value), `${where} is not finite`);
      return;
    case 'object':
      if (Array.isArray(value)) {
        value.forEach((v, i) => assertPlain(v, `${where}[${i}]`));
        return;
      }
      assert.equal(Object.getPrototypeOf(value), Object.prototype, `${where} is not a plain object`);
      for (const [k, v] of Object.entries(value)) {
        assert.notEqual(v, undefined, `${where}.${k} is undefined`);
        assertPlain(v, `${where}.${k}`);
      }
      return;
    default:
      assert.fail(`${where} is a ${typeof value}`);
  }
}

test('version() and rules()', () => {
  assert.equal(version(), cargoVersion);
  const list = rules();
  assert.ok(Array.isArray(list) && list.length >= 30, `${list.length} rules`);
  for (const r of list) {
    assert.deepEqual(Object.keys(r).sort(), ['docs', 'group', 'id', 'scope', 'section', 'severities', 'severity', 'title_en', 'title_zh']);
    assert.ok(r.severities.includes(r.severity), `${r.id}: severities ${r.severities}`);
    assert.match(r.id, /^[A-Z][A-Z0-9]*-\d{3}$/);
    assert.ok(['input', 'project', 'chart', 'manifests', 'catalog', 'upgrade'].includes(r.scope), `${r.id}: scope ${r.scope}`);
    assert.ok(['error', 'warning', 'info'].includes(r.severity), r.id);
  }
  assertPlain(list, 'rules()');
  // The docs are left out of the wasm (size); the build writes them beside it.
  const docs = new Map(JSON.parse(readFileSync(join(ROOT, 'www/pkg/rules.json'), 'utf8')).map((r) => [r.id, r.docs]));
  for (const r of list) assert.match(docs.get(r.id) || '', /## What it does/, `${r.id} has no docs in pkg/rules.json`);
  // ... and as HTML in both languages for the page (crates/rule-docs), the Chinese section first in Chinese
  const html = new Map(JSON.parse(readFileSync(join(ROOT, 'www/pkg/rule-docs.json'), 'utf8')).map((r) => [r.id, r]));
  for (const r of list) {
    const { en, zh } = html.get(r.id) ?? {};
    assert.match(en ?? '', /^<h3 class="md-h">What it does<\/h3>/, `${r.id}: English HTML in pkg/rule-docs.json`);
    assert.match(zh ?? '', /^<h3 class="md-h">中文<\/h3>/, `${r.id}: Chinese HTML in pkg/rule-docs.json`);
  }
});

test('a folder: report shape, source(), bytes()', () => {
  const ws = new Workspace();
  const { name, paths, contents } = folder(GOOD_DIR);
  ws.addFolder(name, paths, contents);
  assert.equal(ws.length, 1);
  const calls = [];
  const report = ws.check((done, total, input) => calls.push([done, total, input]), { lang: 'zh' });
  assert.deepEqual(calls, [[0, 1, 'good-project']]);
  assertPlain(report);
  assert.equal(report.schema, 1);
  assert.deepEqual(report.tool, { name: 'ecplint', version: cargoVersion });
  const [input] = report.inputs;
  assert.equal(input.path, 'good-project');
  assert.equal(input.charts.length, 1);
  assert.equal(input.charts[0].root, 'good-project/chart/mycloud-product');
  assert.equal(input.files.length, paths.length);
  assert.deepEqual(Object.keys(report.summary).sort(), ['errors', 'infos', 'suppressed', 'warnings']);

  const chartYaml = 'good-project/chart/mycloud-product/Chart.yaml';
  const text = ws.source(0, chartYaml);
  assert.equal(text, readFileSync(join(GOOD_DIR, 'chart/mycloud-product/Chart.yaml'), 'utf8'));
  const bytes = ws.bytes(0, chartYaml);
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes), text);
  assert.equal(ws.source(0, 'nope'), undefined);
  assert.equal(ws.source(5, chartYaml), undefined);
  assert.equal(ws.bytes(0, 'nope'), undefined);
  ws.clear();
  assert.equal(ws.length, 0);
  assert.deepEqual(ws.check().inputs, []);
  ws.free();
});

test('the sample archive and its folder give the same findings', { skip: !existsSync(SAMPLE_TGZ) && 'no sample archive' }, () => {
  const ws = new Workspace();
  ws.addArchive('orbit-console-project.tgz', new Uint8Array(readFileSync(SAMPLE_TGZ)));
  const { name, paths, contents } = folder(SAMPLE_DIR);
  ws.addFolder(name, paths, contents);
  const report = ws.check();
  assertPlain(report);
  const [tgz, dir] = report.inputs;
  assert.equal(tgz.path, 'orbit-console-project.tgz');
  assert.equal(tgz.unreadable, false, JSON.stringify(tgz.diagnostics));
  assert.equal(tgz.charts.length, 1);
  assert.ok(tgz.diagnostics.length > 0, 'the sample has deliberate mistakes');
  for (const d of tgz.diagnostics) {
    assert.match(d.rule, /^[A-Z][A-Z0-9]*-\d{3}$/);
    if (d.file && d.line !== undefined) {
      assert.equal(typeof ws.source(0, d.file), 'string', `source(0, ${d.file})`);
    }
  }
  assert.deepEqual(dir.diagnostics, tgz.diagnostics);
  assert.deepEqual(dir.charts, tgz.charts);
});

test('hostile input gives a report, not an exception', () => {
  const ws = new Workspace();
  ws.addArchive('empty.tgz', new Uint8Array());
  ws.addArchive('random.tgz', crypto.getRandomValues(new Uint8Array(4096)));
  ws.addArchive('cut.tgz', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2]));
  ws.addFolder('empty-folder', [], []);
  const report = ws.check();
  assertPlain(report);
  assert.equal(report.inputs.length, 4);
  for (const input of report.inputs.slice(0, 3)) {
    assert.deepEqual(input.charts, []);
    assert.ok(input.diagnostics.some((d) => d.rule === 'INPUT-001'), `${input.path}: ${JSON.stringify(input.diagnostics)}`);
  }
});

test('wrong argument types throw TypeError', () => {
  const ws = new Workspace();
  assert.throws(() => ws.addArchive(1, new Uint8Array()), TypeError);
  assert.throws(() => ws.addArchive('a.tgz', 'bytes'), TypeError);
  assert.throws(() => ws.addArchive('a.tgz'), TypeError);
  assert.throws(() => ws.addFolder('f', ['f/a'], []), TypeError);
  assert.throws(() => ws.addFolder('f', 'f/a', [new Uint8Array()]), TypeError);
  assert.throws(() => ws.check('progress'), TypeError);
  assert.throws(() => ws.check(null, { lang: 'fr' }), TypeError);
  assert.throws(() => ws.source('0', 'x'), TypeError);
  assert.equal(ws.length, 0);
  // An ArrayBuffer or a Node Buffer is taken as bytes.
  ws.addArchive('buffer.tgz', readFileSync(join(ROOT, 'Cargo.toml')));
  ws.addArchive('arraybuffer.tgz', new ArrayBuffer(3));
  assert.equal(ws.length, 2);
  assert.equal(ws.check().inputs.length, 2);
});
