// Speed of the built wasm module (www/pkg) over the shared corpus of real charts, in node:
//
//   node scripts/bench-wasm.mjs [--archive|--render] [CORPUS_DIR]   (ECPLINT_PKG=dir: another build than www/pkg)
//
// Each *.tgz is checked alone in a fresh Workspace, 3 times; the fastest run counts. By default the
// archives are unpacked here in JS and given to addFolder (times the YAML parsing and the rules);
// --archive gives the .tgz bytes to addArchive (adds the gzip + tar reading in wasm).
// --render times ws.render of each chart (what the Manifests tab asks for, compact source map; the archive is read
// and checked first, untimed, as on the page), 3 renders, the fastest counts (later renders reuse
// the charts loaded and the templates parsed by the first; the first renders' figures follow).
// --compare DIR checks each archive with www/pkg (or ECPLINT_PKG) and with the build in DIR in
// turns, in one process, and prints the median of the per-chart time ratios: on a busy machine
// the only figure that compares two builds fairly (`--step N` takes every Nth chart).
// Used to choose opt-levels (Cargo.toml) and the wasm-opt level (scripts/build.sh).

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const compareWith = option('--compare');
const step = Number(option('--step') ?? 1);
const asRender = args.includes('--render');
const asArchive = args.includes('--archive') || asRender;
const corpus = args.find((a) => !a.startsWith('--')) ?? join(ROOT, '../shared/corpus/charts');
if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus}`);
  process.exit(1);
}

const PKG = process.env.ECPLINT_PKG ?? join(ROOT, 'www/pkg'); // another build, for comparisons
async function loadBuild(dir) {
  const api = await import(`${join(dir, 'ecplint.js')}?${dir}`);
  const wasmBytes = readFileSync(join(dir, 'ecplint_bg.wasm'));
  await api.default({ module_or_path: wasmBytes });
  return { api, wasmBytes };
}
const { api, wasmBytes } = await loadBuild(PKG);

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (name.endsWith('.tgz')) yield p;
  }
}

/** Regular files of a tar (ustar, pax `path`, GNU long names). */
function untar(buf) {
  const files = [];
  let off = 0;
  let longName = null;
  const str = (a, b) => buf.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(str(off + 124, off + 136).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = str(off + 345, off + 500);
    let name = str(off, off + 100);
    if (prefix) name = `${prefix}/${name}`;
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') { longName = data.toString('utf8').replace(/\0.*$/s, ''); continue; }
    if (type === 'x') {
      const m = data.toString('utf8').match(/\d+ path=([^\n]*)\n/);
      if (m) longName = m[1];
      continue;
    }
    if (longName) { name = longName; longName = null; }
    if (type === '0' || type === '\0') files.push([name.replace(/^\.\//, ''), new Uint8Array(data)]);
  }
  return files;
}

const charts = [...walk(corpus)].map((path) => {
  const bytes = readFileSync(path);
  return { path, bytes: new Uint8Array(bytes), files: asArchive ? null : untar(gunzipSync(bytes)) };
});

const times = [];
let diagnostics = 0;
const t0 = performance.now();
if (asRender) {
  let documents = 0;
  let failed = 0;
  const firsts = [];
  for (const c of charts) {
    const ws = new api.Workspace();
    ws.addArchive(c.path, c.bytes);
    ws.check();
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      const r = ws.render(0, null, { releaseName: 'bench', namespace: 'bench', seed: 1, now: 0, sourceMap: 'compact' });
      best = Math.min(best, performance.now() - t);
      if (run === 0) firsts.push([performance.now() - t, c.path]);
      if (run === 0 && r) {
        documents += r.documents.length;
        if (r.errors.length || r.fatal) failed++;
      }
    }
    ws.free();
    times.push([best, c.path]);
  }
  times.sort((a, b) => a[0] - b[0]);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))][0].toFixed(2);
  console.log(
    `${charts.length} charts rendered (ws.render): median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms; ` +
      `${documents} documents, ${failed} charts with a failed template; wall ${((performance.now() - t0) / 1000).toFixed(1)} s; wasm ${wasmBytes.length} bytes`,
  );
  const over = times.filter(([t]) => t > 100).length;
  console.log(`${over} charts over 100 ms`);
  for (const [t, p] of times.slice(-Math.max(5, over)).reverse()) console.log(`  slow: ${t.toFixed(1)} ms ${p.slice(corpus.length + 1)}`);
  firsts.sort((a, b) => a[0] - b[0]);
  const f = (p) => firsts[Math.min(firsts.length - 1, Math.floor(p * firsts.length))][0].toFixed(2);
  console.log(`first render of each chart after its check (other release and namespace than the check's, so every document is read again): median ${f(0.5)} ms, p95 ${f(0.95)} ms, max ${f(1)} ms`);
  for (const [t, p] of firsts.slice(-3).reverse()) console.log(`  slow first: ${t.toFixed(1)} ms ${p.slice(corpus.length + 1)}`);
  process.exit(0);
}
// As the page checks: with Helm's default Kubernetes version's schemas given (K8S-001).
const kubeSchemas = readFileSync(new URL('../src/render/kube_schemas/1.32.json', import.meta.url), 'utf8');

if (compareWith) {
  const apis = [api, (await loadBuild(compareWith)).api];
  const best = [[], []];
  for (const c of charts.filter((_, i) => i % step === 0)) {
    const fastest = [Infinity, Infinity];
    for (let run = 0; run < 3; run++) {
      for (const k of [0, 1]) {
        const ws = new apis[k].Workspace();
        ws.setKubeSchemas(kubeSchemas);
        const t = performance.now();
        ws.addArchive(c.path, c.bytes);
        ws.check();
        fastest[k] = Math.min(fastest[k], performance.now() - t);
        ws.free();
      }
    }
    best[0].push(fastest[0]);
    best[1].push(fastest[1]);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const ratios = best[0].map((t, i) => best[1][i] / t);
  console.log(
    `${best[0].length} charts (addArchive), best of 3 each: ${PKG} median ${median(best[0]).toFixed(2)} ms; ` +
      `${compareWith} median ${median(best[1]).toFixed(2)} ms; median ratio (second/first) ${median(ratios).toFixed(3)}`,
  );
  process.exit(0);
}
for (const c of charts) {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const ws = new api.Workspace();
    ws.setKubeSchemas(kubeSchemas); // parsed once per page in real use: outside the timing
    const t = performance.now();
    if (asArchive) ws.addArchive(c.path, c.bytes);
    else {
      const top = c.files[0]?.[0].split('/')[0] ?? 'chart';
      ws.addFolder(top, c.files.map((f) => f[0]), c.files.map((f) => f[1]));
    }
    const report = ws.check();
    best = Math.min(best, performance.now() - t);
    if (run === 0) diagnostics += report.inputs[0].diagnostics.length;
    ws.free();
  }
  times.push([best, c.path]);
}
const total = performance.now() - t0;
times.sort((a, b) => a[0] - b[0]);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))][0].toFixed(2);
const sum = times.reduce((s, t) => s + t[0], 0);
console.log(
  `${charts.length} charts (${asArchive ? 'addArchive' : 'addFolder'}): sum of best ${sum.toFixed(0)} ms, ` +
    `median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms; ${diagnostics} diagnostics; ` +
    `wall ${(total / 1000).toFixed(1)} s; wasm ${wasmBytes.length} bytes`,
);
for (const [t, p] of times.slice(-3).reverse()) console.log(`  slow: ${t.toFixed(1)} ms ${p.slice(corpus.length + 1)}`);
