// Shared helpers for the page's end-to-end tests: the server (scripts/serve.mjs as a child process,
// stopped by its PID), Debian's Chromium through playwright-core, fixture archives built in node,
// and a page wrapper that collects every console error, page error and foreign request.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'tests/fixtures');
export const RESULTS = join(ROOT, 'test-results');
export const CORPUS = resolve(ROOT, '../shared/corpus/charts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function assertBuilt() {
  for (const f of ['www/pkg/ecplint.js', 'www/pkg/ecplint_bg.wasm', 'www/sample/orbit-console-project.tgz']) {
    assert.ok(existsSync(join(ROOT, f)), `${f} is missing: build the page first (npm run build)`);
  }
}

/** Start `node scripts/serve.mjs` on a free port; resolves to { url, pid, stop() }. */
export function startServer() {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve.mjs did not start: ${out}`)), 15_000);
    const onData = (d) => {
      out += d;
      const m = out.match(/ecplint page: (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      if (m) {
        clearTimeout(timer);
        ok({
          url: m[1],
          pid: child.pid,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              process.kill(child.pid, 'SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve.mjs exited with ${code}: ${out}`));
    });
  });
}

export async function launchBrowser() {
  const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    return await launch();
  } catch (e) {
    // Debian's Chromium has crashed while starting (SIGSEGV, before any page) in a CI run: the
    // tests are not about that, so one more start; a second failure is reported.
    console.error(`chromium did not start (${e.message.split('\n')[0]}); starting it again`);
    return launch();
  }
}

/** The page's server and a browser for a test file's `before` (the page must be built). */
export async function startPageSession() {
  assertBuilt();
  const server = await startServer();
  try {
    return { server, browser: await launchBrowser() };
  } catch (e) {
    await server.stop(); // else its process keeps the test file from ever ending
    throw e;
  }
}

/** Closes what `startPageSession` started (either may be missing when it failed half-way). */
export async function stopPageSession({ server, browser }) {
  await browser?.close();
  await server?.stop();
}

/**
 * A fresh context and page on the ecplint page, with the engine loaded. Everything that goes wrong
 * (console errors, uncaught page errors, failed requests, requests to another origin) is collected;
 * call `assertClean()` at the end of each test.
 */
export async function openPage(browser, server, t, { locale = 'en-US', colorScheme = 'light', width = 1440, height = 1000 } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // a download's blob: URL is cancelled by design once saved; the preview frame's own
    // stylesheet is cancelled when the frame is replaced by the next view while it loads
    const replacedFrame = r.url() === new URL('preview.css', server.url).href && r.failure()?.errorText === 'net::ERR_ABORTED';
    if (!r.url().startsWith('blob:') && !replacedFrame) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  t.after(() => context.close());
  await page.goto(server.url);
  await page.waitForSelector('#version:not(:empty)'); // the worker has loaded the wasm module
  return {
    page,
    problems,
    assertClean() {
      assert.deepEqual(problems, [], 'no console errors, page errors or foreign requests');
    },
  };
}

/** Wait until the page shows a report whose inputs are exactly `names`. */
export async function waitForReport(page, names) {
  await page.waitForFunction(
    (want) => {
      const r = window.ecplintReport;
      return !!r && JSON.stringify(r.inputs.map((i) => i.path)) === JSON.stringify(want) &&
        !document.getElementById('results').hidden && document.getElementById('inputs').dataset.rendered === 'true';
    },
    names,
  );
  return page.evaluate(() => window.ecplintReport);
}

/** Files of a folder as [{ path, data }], paths starting with `prefix`. */
export function readTree(dir, prefix = '') {
  const out = [];
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: join(prefix, relative(dir, p)).split('\\').join('/'), data: readFileSync(p) });
    }
  })(dir);
  return out;
}

/** A gzipped ustar archive of `files` ([{ path, data }]), like `helm package` makes. */
export function tarGz(files) {
  const parts = [];
  for (const f of files) {
    const data = Buffer.from(f.data);
    const header = Buffer.alloc(512);
    let name = f.path;
    let prefix = '';
    if (Buffer.byteLength(name) > 100) {
      const cut = name.lastIndexOf('/', 155);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
    header.write(name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    header.write(prefix, 345, 155);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    parts.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** Dispatch dragenter/dragover/drop on the drop zone with a DataTransfer built in the page. */
export async function dropFiles(page, files /* [{ name, data: Buffer }] */) {
  await page.evaluate(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name, { type: 'application/octet-stream' }));
      }
      const zone = document.getElementById('drop');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    files.map((f) => ({ name: f.name, b64: Buffer.from(f.data).toString('base64') })),
  );
}

export function screenshotPath(name) {
  mkdirSync(RESULTS, { recursive: true });
  return join(RESULTS, name);
}

/**
 * Drop `files` and return the milliseconds from the drop to the report of `names` on screen
 * (measured in the page: the drop's dispatch to the mutation that marks the inputs rendered).
 */
export async function timeDrop(page, files, names) {
  return page.evaluate(
    ({ list, want }) => new Promise((resolve) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name, { type: 'application/octet-stream' }));
      }
      const shown = () => {
        const r = window.ecplintReport;
        return !!r && JSON.stringify(r.inputs.map((i) => i.path)) === JSON.stringify(want) &&
          !document.getElementById('results').hidden && document.getElementById('inputs').dataset.rendered === 'true';
      };
      let t0;
      const observer = new MutationObserver(() => {
        if (shown()) {
          observer.disconnect();
          resolve(performance.now() - t0);
        }
      });
      observer.observe(document.body, { attributes: true, childList: true, subtree: true });
      const zone = document.getElementById('drop');
      t0 = performance.now();
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }),
    { list: files.map((f) => ({ name: f.name, b64: Buffer.from(f.data).toString('base64') })), want: names },
  );
}
