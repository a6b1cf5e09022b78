// The npm package as a user gets it: `npm pack` of the built folder (target/npm/ecplint,
// scripts/npm-package.mjs), `npm install` of the tarball into a fresh temporary project, then
//  - from Node: `import … from 'ecplint'` (the `node` entry), init, check fixtures, render, …;
//  - the declarations: tests/npm/usage.ts type-checks with `tsc --strict --noEmit` (NodeNext and
//    bundler resolution, DOM lib), tests/npm/usage-node.ts with Node's types alone, and every JSON value the API gave here (reports of the fixtures, of a
//    few corpus charts and of the CLI, config previews, renders, rules, docs, the validator's
//    results) conforms to the declared types, field by field (tests/npm/declared.mjs);
//  - from a page in Debian's headless Chromium: a static page importing the installed
//    package's browser entry under the page's strict CSP (init with no argument, a URL, a
//    Response, bytes; and in a module worker), checking a small chart with the Kubernetes
//    schemas and the values.schema.json validator the package ships, with no console error or
//    warning and no request outside the local server.
// `node --test tests/npm/` (scripts/test.sh, step npm) after scripts/build.sh.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Conformance, declaredTypes } from './declared.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PACKAGE_DIR = join(ROOT, 'target/npm/ecplint');
const FIXTURES = join(ROOT, 'tests/fixtures');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const CARGO_VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"/m)[1];
const CORPUS = [process.env.ECPLINT_CORPUS, join(ROOT, '../shared/corpus')].find((d) => d && existsSync(join(d, 'charts.tsv')));
const CLI = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug/ecplint');

/** The JSON values to hold against the declarations: [declared type name, value, where]. */
const samples = [];
/** What the package's entries export, and a Workspace's members, at run time. */
const surface = {};
let project; // the temporary project the tarball is installed into
let packed; // npm pack's report of the tarball

before(() => {
  assert.ok(existsSync(join(PACKAGE_DIR, 'package.json')), `${PACKAGE_DIR} is missing: run scripts/build.sh (npm run build)`);
  project = mkdtempSync(join(tmpdir(), 'ecplint-npm-'));
  [packed] = JSON.parse(execFileSync('npm', ['pack', PACKAGE_DIR, '--json', '--pack-destination', project], { encoding: 'utf8' }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ecplint-npm-test', private: true, type: 'module' }, null, 2));
  // A package without dependencies: nothing to fetch.
  execFileSync('npm', ['install', `./${packed.filename}`, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Files of a folder as addFolder wants them: paths start with the folder's name. */
function folder(dir, name = relative(join(dir, '..'), dir)) {
  const paths = [];
  const contents = [];
  const walk = (d) => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else {
        paths.push([name, ...relative(dir, p).split(sep)].join('/'));
        contents.push(new Uint8Array(readFileSync(p)));
      }
    }
  };
  walk(dir);
  return { name, paths, contents };
}

test('the tarball: the files of package.json, the crate version, the exports', () => {
  assert.equal(packed.name, 'ecplint');
  assert.equal(packed.version, CARGO_VERSION);
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['README.md', 'package.json', 'index.js', 'node.js', 'index.d.ts', 'ecplint.js', 'ecplint_bg.wasm', 'rules.json', 'rule-docs.json',
    'kube-schemas/1.32.json', 'values-schema/values_schema.js', 'values-schema/values_schema_bg.wasm',
    'example/ecplint-example.js', 'example/worker.js', 'example/ecplint-example.d.ts']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.deepEqual(files.filter((f) => !/^(README\.md|package\.json|index\.(js|d\.ts)|node\.js|ecplint(\.js|_bg\.wasm)|rules\.json|rule-docs\.json|kube-schemas\/1\.\d+\.json|values-schema\/values_schema(\.js|_bg\.wasm)|example\/(ecplint-example\.(js|d\.ts)|worker\.js))$/.test(f)), [], 'nothing else');
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/ecplint/package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', node: './node.js', default: './index.js' });
  assert.equal(manifest.dependencies, undefined, 'no runtime dependency');
  const index = readFileSync(join(project, 'node_modules/ecplint/index.js'), 'utf8');
  assert.ok(!index.includes('/* KUBE_VERSIONS */ []'), 'the build wrote the Kubernetes versions into index.js');
});

test('Node: import ecplint, init, check, render, config, preview, the extras', async (t) => {
  // Imported from a module of the temporary project: resolved as a user's `import` would be.
  writeFileSync(join(project, 'use.mjs'), "export * from 'ecplint';\nexport { default } from 'ecplint';\nexport const resolved = import.meta.resolve('ecplint');\n");
  const api = await import(pathToFileURL(join(project, 'use.mjs')).href);
  assert.equal(api.resolved, pathToFileURL(join(project, 'node_modules/ecplint/node.js')).href, 'the node entry');
  const { default: init, Workspace, rules, version, kubeSchemas, kubeSchemasFile, KUBE_VERSIONS, valuesSchemaValidator, ruleDocs } = api;
  await init();
  await init(); // again: nothing happens
  surface.node = Object.keys(api).filter((k) => k !== 'resolved').sort();
  surface.browser = Object.keys(await import(pathToFileURL(join(project, 'node_modules/ecplint/index.js')).href)).sort();
  surface.workspace = Object.getOwnPropertyNames(Workspace.prototype).filter((k) => k !== 'constructor' && !k.startsWith('__')).sort();
  assert.equal(version(), CARGO_VERSION);

  // The extras.
  assert.ok(KUBE_VERSIONS.includes('1.32') && Object.isFrozen(KUBE_VERSIONS));
  assert.equal(kubeSchemasFile(), 'kube-schemas/1.32.json');
  assert.equal(kubeSchemasFile('v1.29.3'), 'kube-schemas/1.29.json');
  assert.equal(kubeSchemasFile('1.99.0'), `kube-schemas/${KUBE_VERSIONS.at(-1)}.json`);
  assert.equal(kubeSchemasFile('1.10.0'), undefined);
  assert.equal(kubeSchemasFile('2.0.0'), undefined);
  assert.equal(await kubeSchemas('1.10.0'), undefined);
  const schemas = await kubeSchemas('1.31.0');
  const validate = await valuesSchemaValidator();
  const docs = await ruleDocs();
  const html = await ruleDocs('html');
  const ruleList = rules();
  assert.deepEqual(docs.map((r) => r.id), ruleList.map((r) => r.id));
  assert.deepEqual(html.map((r) => r.id), ruleList.map((r) => r.id));
  assert.match(docs[0].docs, /## What it does/);
  await assert.rejects(ruleDocs('pdf'), TypeError);
  samples.push(['RuleInfo[]', ruleList, 'rules()'], ['RuleDoc[]', docs, 'ruleDocs()'], ['RuleDocHtml[]', html, "ruleDocs('html')"]);
  samples.push(['ValuesSchemaResult', validate('{"type":"object","properties":{"a":{"type":"string"}}}', '{"a":1}'), 'validate()']);
  samples.push(['ValuesSchemaResult', validate('{"type":', '{}'), 'validate() of a broken schema']);

  // Every fixture, one workspace each, with the extras loaded as a user would.
  const checkOf = (ws, where, options = {}) => {
    assert.equal(ws.setKubeSchemas(schemas), '1.31');
    if (ws.wantsValuesSchemaValidator()) ws.setValuesSchemaValidator(validate);
    const calls = [];
    const report = ws.check((done, total, name) => calls.push([done, total, name]), { kubeVersion: '1.31.0', ...options });
    assert.equal(calls.length, ws.length, `${where}: progress before each input`);
    assert.equal(report.schema, 1);
    assert.deepEqual(report.tool, { name: 'ecplint', version: CARGO_VERSION });
    samples.push(['Report', report, where]);
    return report;
  };
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, name);
    if (!statSync(dir).isDirectory() || name === 'fuzz') continue;
    const ws = new Workspace();
    const { paths, contents } = folder(dir);
    ws.addFolder(name, paths, contents);
    const report = checkOf(ws, `tests/fixtures/${name}`, { lang: 'zh' });
    assert.equal(report.inputs[0].path, name);
    assert.ok(report.inputs[0].files.length >= paths.length, `${name}: every file read`);
    // Every chart's config preview, and a render of each of the first few charts.
    for (const [c, chart] of report.inputs[0].charts.entries()) {
      const config = ws.config(0, chart.name, {});
      if (config) samples.push(['ConfigPreview', config, `${name}: config ${chart.name}`]);
      if (c < 3) {
        const rendered = ws.render(0, chart.name, { seed: 1, now: 0, sourceMap: c % 2 ? 'compact' : 'lines' });
        assert.ok(rendered, `${name}: render ${chart.name}`);
        samples.push(['RenderResult', rendered, `${name}: render ${chart.name}`]);
      }
    }
    assert.match(ws.preview(null, 'author', 'en'), /^<!DOCTYPE html>/i);
    ws.free();
  }

  // The sample project: its deliberate mistakes, source() and bytes() of a finding's file.
  const ws = new Workspace();
  const sample = folder(join(FIXTURES, 'sample/orbit-console-project'));
  ws.addFolder(sample.name, sample.paths, sample.contents);
  const report = checkOf(ws, 'the sample project');
  const errors = report.inputs[0].diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errors.length > 0 && report.summary.errors === errors.length, 'the sample has deliberate errors');
  const d = errors.find((x) => x.file && x.line);
  assert.equal(typeof ws.source(0, d.file), 'string');
  assert.ok(ws.bytes(0, d.file) instanceof Uint8Array);
  assert.equal(ws.source(0, 'nope'), undefined);

  // A config file, a suppression comment, user values and a render whose dependency is another
  // input: the report's additive fields.
  const good = folder(join(FIXTURES, 'good-project'), 'proj');
  const acl = good.paths.indexOf('proj/chart/mycloud-product/templates/_acl_helpers.yaml.tpl');
  const enc = new TextEncoder();
  good.contents[acl] = enc.encode(`# ecplint-disable-next-line ACL-005 -- the default namespace is right\n${new TextDecoder().decode(good.contents[acl])}`);
  const ws2 = new Workspace();
  ws2.addFolder('proj', [...good.paths, 'proj/.ecplint.yaml'], [...good.contents, enc.encode('rules:\n  RES-001: warning\n')]);
  const toolkit = folder(join(FIXTURES, 'render/helm-toolkit'));
  ws2.addFolder(toolkit.name, toolkit.paths, toolkit.contents);
  const needs = folder(join(FIXTURES, 'render/needs-toolkit'));
  ws2.addFolder(needs.name, needs.paths, needs.contents);
  const r2 = checkOf(ws2, 'additive fields', {
    lang: 'en', categories: ['compute'], inlineSuppressions: true,
    chartValues: [{ root: 'proj/chart/mycloud-product', values: ['replicas: 2', { name: 'prod.yaml', text: 'x: 1' }], set: ['a=1'], setString: ['b=2'] }],
  });
  const diags = r2.inputs[0].diagnostics;
  assert.deepEqual(diags.find((x) => x.rule === 'RES-001')?.configured, { rule_severity: 'info', config: 'proj/.ecplint.yaml' });
  assert.deepEqual(diags.find((x) => x.rule === 'ACL-005')?.suppressed, { reason: 'the default namespace is right' });
  assert.equal(r2.summary.suppressed, 1);
  assert.equal(r2.inputs[0].charts[0].manifests.user_values, true);
  const rendered = ws2.render(2, null, { values: ['a: 1'], releaseName: 'r', namespace: 'ns', kubeVersion: '1.29.0', apiVersions: ['x/v1'], includeCrds: true, noHooks: true, lang: 'zh-cn' });
  assert.equal(rendered.chart, 'needs-toolkit');
  samples.push(['RenderResult', rendered, 'render with a dependency among the inputs']);
  const broken = folder(join(FIXTURES, 'manifest-mistakes'));
  ws2.addFolder(broken.name, broken.paths, broken.contents);
  for (const sourceMap of ['lines', 'compact']) {
    samples.push(['RenderResult', ws2.render(3, null, { sourceMap, seed: 1, now: 0 }), `manifest-mistakes (${sourceMap})`]);
  }
  assert.equal(ws2.render(9, null), undefined);
  assert.equal(ws2.config(0, 'no-such-chart'), undefined);
  const config = ws2.config(0, 'mycloud-product', { license: 'data: [', licenseName: 'lic.yaml' });
  assert.ok(config.errors.length > 0, 'a broken license is an error of the preview');
  samples.push(['ConfigPreview', config, 'config with a broken license']);
  // An editor's change: the file is marked edited in the report.
  const given = ws2.inputFiles(0);
  assert.equal(ws2.edit(0, given.paths[0], new TextDecoder().decode(given.contents[0]) + '\n'), null);
  assert.deepEqual(ws2.inputFiles(0).edited, [given.paths[0]]);
  assert.match(ws2.edit(0, 'no/such/file', '').message, /no file/);
  const edited = checkOf(ws2, 'after ws.edit');
  assert.deepEqual(edited.inputs[0].files.filter((f) => f.edited).map((f) => f.path), [given.paths[0]]);
  assert.throws(() => ws2.check(null, { lang: 'fr' }), TypeError);
  ws2.clear();
  assert.equal(ws2.length, 0);

  // A few corpus charts (real-world Helm charts) when the corpus is here (CI has it).
  if (CORPUS) {
    const rows = readFileSync(join(CORPUS, 'charts.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const picked = ['bitnami', 'openstack-helm', 'openstack-helm-infra', 'prometheus-community']
      .flatMap((repo) => rows.filter((r) => r[0] === repo).slice(0, 2));
    const ws3 = new Workspace();
    for (const [, , , path] of picked) ws3.addArchive(path.split('/').pop(), readFileSync(join(CORPUS, path)));
    const r3 = checkOf(ws3, `${picked.length} corpus charts`);
    assert.equal(r3.inputs.length, picked.length);
    for (const i of [0, 2, 4]) samples.push(['RenderResult', ws3.render(i, null, { seed: 1, now: 0 }), `render of ${picked[i][3]}`]);
  } else {
    t.diagnostic('no corpus (ECPLINT_CORPUS): corpus charts skipped');
  }
});

test('Node: initSync and init(path) in fresh processes', () => {
  const run = (code) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: project, encoding: 'utf8' });
  for (const code of [
    "import { initSync, version } from 'ecplint'; initSync(); console.log(version());",
    "import { readFileSync } from 'node:fs'; import { initSync, version } from 'ecplint'; initSync({ module: readFileSync('node_modules/ecplint/ecplint_bg.wasm') }); console.log(version());",
    "import init, { version } from 'ecplint'; await init('node_modules/ecplint/ecplint_bg.wasm'); console.log(version());",
    "import { pathToFileURL } from 'node:url'; import init, { version } from 'ecplint'; await init(pathToFileURL('node_modules/ecplint/ecplint_bg.wasm')); console.log(version());",
  ]) {
    const r = run(code);
    assert.equal(r.status, 0, `${code}\n${r.stderr}`);
    assert.equal(r.stdout.trim(), CARGO_VERSION, code);
    assert.equal(r.stderr, '', `${code}: nothing on stderr (no deprecation warning)`);
  }
});

test("the package README's Node example runs", { skip: !existsSync(join(ROOT, 'www/sample/orbit-console-project.tgz')) && 'no sample archive' }, () => {
  const readme = readFileSync(join(project, 'node_modules/ecplint/README.md'), 'utf8');
  const example = readme.split('## Node')[1]?.match(/```js\n([\s\S]*?)```/)?.[1];
  assert.ok(example?.includes("from 'ecplint'"), 'the README has a Node example');
  assert.ok(example.includes("'dist/orbit-1.0.0.tgz'"), 'it reads dist/orbit-1.0.0.tgz');
  writeFileSync(join(project, 'readme-node.mjs'), example.replace("'dist/orbit-1.0.0.tgz'", JSON.stringify(join(ROOT, 'www/sample/orbit-console-project.tgz'))));
  const r = spawnSync(process.execPath, ['readme-node.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1, 'exit code 1: the sample has errors');
  assert.match(r.stdout, /^orbit-console-project\/chart\/orbit-console\/[^:]+:\d+: error \[[A-Z0-9]+-\d{3}\] /m);
});

test('TypeScript: tests/npm/usage*.ts type-check with tsc --strict against the package', () => {
  cpSync(join(ROOT, 'tests/npm/usage.ts'), join(project, 'usage.ts'));
  cpSync(join(ROOT, 'tests/npm/usage-node.ts'), join(project, 'usage-node.ts'));
  const dom = { lib: ['es2022', 'dom'], types: [] };
  // Node's types only (no DOM lib), from the repository's devDependency.
  const node = { lib: ['es2022'], types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] };
  for (const [name, file, options] of [
    ['nodenext', 'usage.ts', { module: 'nodenext', moduleResolution: 'nodenext', ...dom }],
    ['bundler', 'usage.ts', { module: 'esnext', moduleResolution: 'bundler', ...dom }],
    ['node-types', 'usage-node.ts', { module: 'nodenext', moduleResolution: 'nodenext', ...node }],
  ]) {
    const config = `tsconfig.${name}.json`;
    writeFileSync(join(project, config), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', skipLibCheck: false, ...options },
      files: [file],
    }));
    const r = spawnSync(process.execPath, [TSC, '-p', config], { cwd: project, encoding: 'utf8' });
    assert.equal(r.status, 0, `tsc -p ${config}:\n${r.stdout}${r.stderr}`);
  }
});

test('from a page: the browser entry in headless Chromium (init from the default place, a URL, a Response, bytes; in a worker), strict CSP, no foreign request', { skip: !existsSync('/usr/bin/chromium') && 'no /usr/bin/chromium' }, async (t) => {
  const { chromium } = await import('playwright-core');
  const { serve } = await import('../../scripts/serve.mjs');
  mkdirSync(join(project, 'page'), { recursive: true });
  writeFileSync(join(project, 'page/index.html'), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ecplint package</title>\n<script type="module" src="page.js"></script></head><body><p id="status">loading</p></body></html>\n');
  // The check, as a module both the page and a worker import.
  writeFileSync(join(project, 'page/check.js'), `
import init, { Workspace, kubeSchemas, valuesSchemaValidator, version, rules } from '../node_modules/ecplint/index.js';
const files = {
  'demo/Chart.yaml': 'apiVersion: v2\\nname: demo\\nversion: 1.0.0\\n',
  'demo/values.yaml': 'replicas: 1\\nimage: nginx:1.25\\n',
  'demo/values.schema.json': '{"type":"object","properties":{"replicas":{"type":"string"}}}',
  'demo/templates/deployment.yaml': 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: {{ .Release.Name }}\\nspec:\\n  replicas: {{ .Values.replicas }}\\n  selector:\\n    matchLabels: {app: demo}\\n  template:\\n    metadata:\\n      labels: {app: demo}\\n    spec:\\n      containers:\\n        - name: app\\n          image: {{ .Values.image }}\\n          ports:\\n            - containerPort: "http"\\n',
};
export async function run(wasm) {
  await init(wasm);
  const ws = new Workspace();
  const enc = new TextEncoder();
  ws.addFolder('demo', Object.keys(files), Object.values(files).map((t) => enc.encode(t)));
  ws.setKubeSchemas(await kubeSchemas('1.30.0'));
  if (ws.wantsValuesSchemaValidator()) ws.setValuesSchemaValidator(await valuesSchemaValidator());
  const report = ws.check(null, { lang: 'zh', kubeVersion: '1.30.0' });
  const render = ws.render(0, 'demo', { seed: 1, now: 0 });
  return { version: version(), rules: rules().length, report, render };
}
`);
  writeFileSync(join(project, 'page/worker.js'), `
import { run } from './check.js';
run().then((result) => postMessage(result), (e) => postMessage({ error: String((e && e.stack) || e) }));
`);
  writeFileSync(join(project, 'page/page.js'), `
import { run } from './check.js';
const wasm = new URL('../node_modules/ecplint/ecplint_bg.wasm', import.meta.url);
const modes = {
  default: () => run(),
  url: () => run(wasm),
  response: () => run(fetch(wasm)),
  bytes: async () => run(await (await fetch(wasm)).arrayBuffer()),
  worker: () => new Promise((ok, fail) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => (e.data.error ? fail(new Error(e.data.error)) : ok(e.data));
    worker.onerror = (e) => fail(new Error(e.message));
  }),
};
try {
  window.ecplintResult = await modes[new URLSearchParams(location.search).get('mode')]();
  document.getElementById('status').textContent = 'done';
} catch (e) {
  window.ecplintResult = { error: String((e && e.stack) || e) };
}
`);
  const server = await serve({ port: 0, root: project });
  t.after(() => server.close());
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.after(() => browser.close());
  for (const mode of ['default', 'url', 'response', 'bytes', 'worker']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    context.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    context.on('request', (r) => {
      requests.push(new URL(r.url()).pathname);
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) problems.push(`request to another origin: ${r.url()}`);
    });
    await page.goto(new URL(`page/index.html?mode=${mode}`, server.url).href);
    await page.waitForFunction(() => window.ecplintResult, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.ecplintResult);
    await context.close();
    assert.equal(result.error, undefined, `${mode}: ${result.error}`);
    assert.equal(result.version, CARGO_VERSION);
    assert.ok(result.rules > 30);
    const rules = result.report.inputs[0].diagnostics.map((d) => `${d.rule} ${d.severity}`);
    assert.ok(rules.includes('K8S-001 error'), `${mode}: the Kubernetes schemas were fetched and used: ${rules}`);
    assert.ok(rules.includes('HELM-005 error'), `${mode}: the values.schema.json validator was fetched and used: ${rules}`);
    assert.match(result.report.inputs[0].diagnostics.find((d) => d.rule === 'HELM-005').message_zh, /values\.schema\.json/);
    assert.equal(result.render.documents[0].kind, 'Deployment');
    for (const f of ['/node_modules/ecplint/index.js', '/node_modules/ecplint/ecplint_bg.wasm', '/node_modules/ecplint/kube-schemas/1.30.json', '/node_modules/ecplint/values-schema/values_schema_bg.wasm']) {
      assert.ok(requests.includes(f), `${mode}: the page fetched ${f}: ${requests}`);
    }
    assert.deepEqual(problems, [], `${mode}: no console error or warning, no failed or foreign request`);
    samples.push(['Report', result.report, `the page (${mode})`], ['RenderResult', result.render, `the page (${mode}): render`]);
  }
});

test('from a page: <ecplint-example> from the installed package (ecplint/example), strict CSP, no foreign request', { skip: !existsSync('/usr/bin/chromium') && 'no /usr/bin/chromium' }, async (t) => {
  const { chromium } = await import('playwright-core');
  const { serve } = await import('../../scripts/serve.mjs');
  mkdirSync(join(project, 'component'), { recursive: true });
  // A keyword given twice with one value (CHART-005), the guide's mistake, at line 6.
  const chart = 'apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - creator:ems_service_chart\n  - creator:ems_service_chart\n';
  writeFileSync(join(project, 'component/index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ecplint example</title>
<script type="module" src="../node_modules/ecplint/example/ecplint-example.js"></script></head>
<body><ecplint-example id="ex" rules="CHART-005"><script type="text/plain" data-file="Chart.yaml">${chart}</script></ecplint-example></body></html>
`);
  const server = await serve({ port: 0, root: project });
  t.after(() => server.close());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.context().on('request', (r) => {
    requests.push(new URL(r.url()).pathname);
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) problems.push(`request to another origin: ${r.url()}`);
  });
  await page.goto(new URL('component/index.html', server.url).href);
  await page.waitForFunction(() => document.getElementById('ex').diagnostics !== null, null, { timeout: 60_000 });
  const found = await page.evaluate(() => document.getElementById('ex').diagnostics.map((d) => `${d.rule}@${d.line}`));
  assert.deepEqual(found, ['CHART-005@6']);
  for (const f of ['/node_modules/ecplint/example/worker.js', '/node_modules/ecplint/ecplint_bg.wasm']) {
    assert.ok(requests.includes(f), `the page fetched ${f}: ${requests}`);
  }
  assert.deepEqual(problems, [], 'no console error or warning, no failed or foreign request');
});

// Declared fields no sample shows: each needs a reason here (a CLI-only or reserved field).
const NEVER_SEEN = new Set([
  'Diagnostic.object', // REPORT.md reserves it; no rule gives it yet
  'Diagnostic.rendered', // idem
]);

test('the declarations match reality: every field of every result here is declared, with its type', { timeout: 120_000 }, () => {
  assert.ok(samples.length > 20, `${samples.length} samples (the tests above ran)`);
  // The command line's report is the same type: with its config previews and a baseline.
  assert.ok(existsSync(CLI), `${CLI} is missing (scripts/build.sh builds it)`);
  const baseline = join(project, 'baseline.json');
  for (const args of [
    [join(FIXTURES, 'config-preview/guide'), join(FIXTURES, 'nav-preview'), join(FIXTURES, 'res-mistakes')],
    ['--write-baseline', baseline, join(FIXTURES, 'sample/orbit-console-project')],
  ]) {
    const r = spawnSync(CLI, ['check', '--format', 'json', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
    assert.ok([0, 1].includes(r.status), `ecplint check ${args.join(' ')}: ${r.stderr}`);
    samples.push(['Report', JSON.parse(r.stdout), `ecplint check ${args.map((a) => relative(ROOT, a)).join(' ')}`]);
  }

  const names = ['Report', 'ConfigPreview', 'RenderResult', 'RuleInfo', 'RuleDoc', 'RuleDocHtml', 'ValuesSchemaResult'];
  const { checker, types, exports, workspace } = declaredTypes(project, 'ecplint', names);
  // The API itself: what the entries export and a Workspace has is what index.d.ts declares.
  assert.deepEqual(surface.node, exports, 'the node entry exports what index.d.ts declares');
  assert.deepEqual(surface.browser, exports, 'the browser entry exports what index.d.ts declares');
  assert.deepEqual(surface.workspace, workspace, 'a Workspace has the members index.d.ts declares');
  const conformance = new Conformance(checker);
  for (const [name, value, where] of samples) {
    const array = name.endsWith('[]');
    const type = types[name.replace('[]', '')];
    assert.ok(type, name);
    if (array) value.forEach((v) => conformance.check(v, type, `${name.replace('[]', '')}[]`, where));
    else conformance.check(value, type, name, where);
  }
  assert.deepEqual(conformance.problems, [], 'every field declared, with a type that admits its value');

  const unseen = [...conformance.declaredFields(Object.values(types))]
    .filter((f) => !conformance.seen.has(f) && !f.startsWith('__type.'))
    .sort();
  assert.deepEqual(unseen.filter((f) => !NEVER_SEEN.has(f)), [], 'every declared field shows up in some sample (or is listed in NEVER_SEEN with why)');
});
