#!/usr/bin/env node
// Assemble the npm package folder from the built page module (www/pkg) and the package's
// hand-written files (npm/): `node scripts/npm-package.mjs [PKG_DIR] [OUT_DIR]`, by default
// www/pkg → target/npm/ecplint. scripts/build.sh runs it; `npm pack target/npm/ecplint` makes
// the tarball. Not committed: the folder is build output.
//
// - package.json: npm/package.json with the crate's version (Cargo.toml);
// - index.js (browsers, bundlers), node.js (Node), index.d.ts, README.md: from npm/, index.js
//   with the Kubernetes versions of kube-schemas/ written in;
// - ecplint.js + ecplint_bg.wasm (wasm-bindgen's glue and module), rules.json, rule-docs.json,
//   kube-schemas/, values-schema/: from the build;
// - example/: the <ecplint-example> web component (www/ecplint-example), its worker reading the
//   package's flat layout instead of the page's pkg/.
// Every file of the template's `files` list must exist (a later file joins the list and the
// copy below).

import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pkg = resolve(process.argv[2] ?? join(ROOT, 'www/pkg'));
const out = resolve(process.argv[3] ?? join(ROOT, 'target/npm/ecplint'));
const src = join(ROOT, 'npm');

const die = (message) => {
  console.error(`[npm-package] ERROR: ${message}`);
  process.exit(1);
};

const version = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)?.[1];
if (!version) die('no version in Cargo.toml');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// From the build.
for (const f of ['ecplint.js', 'ecplint_bg.wasm', 'rules.json', 'rule-docs.json']) {
  if (!existsSync(join(pkg, f))) die(`${join(pkg, f)} is missing: run scripts/build.sh`);
  copyFileSync(join(pkg, f), join(out, f));
}
cpSync(join(pkg, 'kube-schemas'), join(out, 'kube-schemas'), { recursive: true });
mkdirSync(join(out, 'values-schema'));
for (const f of ['values_schema.js', 'values_schema_bg.wasm']) copyFileSync(join(pkg, 'values-schema', f), join(out, 'values-schema', f));

// The web component: the page keeps the engine in pkg/, the package beside example/.
const component = resolve(pkg, '../ecplint-example');
mkdirSync(join(out, 'example'));
copyFileSync(join(component, 'ecplint-example.js'), join(out, 'example/ecplint-example.js'));
const worker = readFileSync(join(component, 'worker.js'), 'utf8');
const pagePaths = worker.match(/'\.\.\/pkg\//g)?.length ?? 0;
if (pagePaths !== 3) die(`www/ecplint-example/worker.js names '../pkg/' ${pagePaths} times, not the 3 this script rewrites`);
writeFileSync(join(out, 'example/worker.js'), worker.replaceAll("'../pkg/", "'../"));
copyFileSync(join(src, 'ecplint-example.d.ts'), join(out, 'example/ecplint-example.d.ts'));

// Hand-written.
const kubeVersions = readdirSync(join(out, 'kube-schemas'))
  .map((f) => /^(1\.\d+)\.json$/.exec(f)?.[1])
  .filter(Boolean)
  .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
if (kubeVersions.length === 0) die('no kube-schemas/1.NN.json in the build');
const marker = '/* KUBE_VERSIONS */ []';
const index = readFileSync(join(src, 'index.js'), 'utf8');
if (!index.includes(marker)) die(`npm/index.js lacks \`${marker}\``);
writeFileSync(join(out, 'index.js'), index.replace(marker, JSON.stringify(kubeVersions)));
for (const f of ['node.js', 'index.d.ts', 'README.md']) copyFileSync(join(src, f), join(out, f));

const manifest = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const f of manifest.files) {
  if (!existsSync(join(out, f))) die(`package.json lists ${f}, which the package folder lacks`);
}

console.log(`[npm-package] ${out}: ecplint ${version}, Kubernetes schemas ${kubeVersions[0]}–${kubeVersions.at(-1)}`);
