// <ecplint-example> (www/ecplint-example/) and the rules site (www/rules/) in headless Chromium:
// the demo page's three examples load the wasm once and are checked; typing re-checks; no console
// error and no request but the page's own files, with no CSP and under a strict one; a rule page's
// live examples show the rule's finding in both languages; the page's rule dialog links to it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { assertBuilt, launchBrowser, openPage, ROOT, screenshotPath, startServer } from './helpers.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => {
  assertBuilt();
  for (const f of ['www/rules/en/CHART-005.html', 'www/rules/zh/CHART-005.html', 'www/rules/good-project.json']) {
    assert.ok(existsSync(join(ROOT, f)), `${f} is missing: build the page first (npm run build)`);
  }
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Open `path` on a server sending `csp`; collects requests and every problem. */
async function open(t, csp, path, { locale = 'en-US', colorScheme = 'light' } = {}) {
  const server = await serve({ port: 0, csp });
  t.after(() => server.close());
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1100, height: 1400 } });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const requests = [];
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // ERR_ABORTED: the test went on to the next page before this one's icon arrived (seen in CI).
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().startsWith(server.url)) problems.push(`request to another origin: ${r.url()}`);
  });
  await page.goto(new URL(path, server.url).href);
  return { page, server, requests, problems };
}

/** Wait until every <ecplint-example> on the page has been checked; their findings by id. */
async function checked(page) {
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('ecplint-example')];
    return all.length > 0 && all.every((e) => e.dataset.state === 'done');
  });
  return page.evaluate(() => [...document.querySelectorAll('ecplint-example')].map((e) => ({
    id: e.id,
    rules: e.diagnostics.map((d) => `${d.rule}@${d.line ?? ''}`),
    text: e.shadowRoot.textContent,
  })));
}

for (const csp of [null, STRICT_CSP]) {
  test(`three examples: the wasm loaded once, typing re-checks, only own requests (CSP: ${csp ?? 'none'})`, async (t) => {
    const { page, server, requests, problems } = await open(t, csp, 'ecplint-example/demo.html');
    const first = await checked(page);
    assert.deepEqual(first.map((e) => e.id), ['keywords', 'version', 'project']);
    assert.deepEqual(first[0].rules, ['CHART-005@10']);
    assert.match(first[0].text, /keyword `?creator`? is repeated/);
    assert.ok(first[1].rules.includes('CHART-007@3'), first[1].rules.join());
    assert.match(first[1].text, /第 3 行/); // zh-CN: the component's words and the messages
    assert.ok(first[2].rules.some((r) => r.startsWith('CHART-003')), `a keyword missing: ${first[2].rules}`);
    assert.ok(first[2].rules.some((r) => r.startsWith('LAYOUT-003')), `job-hooks.yaml deleted: ${first[2].rules}`);

    const count = (re) => requests.filter((u) => re.test(new URL(u).pathname)).length;
    assert.equal(count(/\/pkg\/ecplint_bg\.wasm$/), 1, 'the wasm is fetched once for three examples');
    assert.equal(count(/\/ecplint-example\/worker\.js$/), 1, 'one worker for the page');
    for (const u of requests) {
      const path = new URL(u).pathname;
      assert.ok(u.startsWith(server.url) && /^\/(ecplint-example|pkg|rules)\//.test(path), `an unexpected request: ${u}`);
    }

    // Typing into the first example: the repeated line goes, and so does the finding.
    const editor = page.locator('#keywords').locator('textarea');
    await editor.focus();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < '  - creator:ems_service_chart'.length; i++) await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.getElementById('keywords').diagnostics?.length === 0);
    assert.match(await page.locator('#keywords').evaluate((e) => e.shadowRoot.querySelector('.status').textContent), /No findings/);
    // …and comes back, on the line it is now written at.
    await page.keyboard.type('  - en:other\n  - creator:ems_service_chart');
    await page.waitForFunction(() => document.getElementById('keywords').diagnostics?.map((d) => `${d.rule}@${d.line}`).join() === 'CHART-005@10,CHART-005@11');
    const after = await checked(page);
    assert.deepEqual(after[1].rules, first[1].rules, 'the other examples are left alone');
    assert.equal(count(/\/pkg\/ecplint_bg\.wasm$/), 1);

    // Read only: the textarea takes no typing, and says so.
    const readonly = page.locator('#project').locator('textarea');
    assert.equal(await readonly.evaluate((e) => e.readOnly), true);
    assert.match(await readonly.getAttribute('aria-label'), /read only/);

    if (!csp) await page.screenshot({ path: screenshotPath('example-demo.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no console errors, CSP reports or failed/foreign requests');
  });
}

for (const [lang, locale, message] of [['en', 'en-US', /is repeated with the same value/], ['zh', 'zh-CN', /重复/]]) {
  test(`a rules-site page (${lang}): its fail example reports the rule, its pass example does not`, async (t) => {
    const { page, problems } = await open(t, STRICT_CSP, `rules/${lang}/CHART-005.html`, { locale });
    assert.match(await page.title(), /^CHART-005 /);
    const examples = await checked(page);
    assert.equal(examples.length, 2);
    const kinds = await page.locator('figure.example').evaluateAll((fs) => fs.map((f) => f.className));
    assert.deepEqual(kinds, ['example fail', 'example pass']);
    assert.ok(examples[0].rules.length > 0 && examples[0].rules.every((r) => r.startsWith('CHART-005@')), examples[0].rules.join());
    assert.match(examples[0].text, message);
    assert.deepEqual(examples[1].rules, []);
    await page.screenshot({ path: screenshotPath(`rules-${lang}-CHART-005.png`), fullPage: true });
    // the other language and the index are there
    const other = await page.locator('header.site nav a').first().getAttribute('href');
    assert.equal(other, `../${lang === 'en' ? 'zh' : 'en'}/CHART-005.html`);
    await page.goto(new URL('index.html', page.url()).href);
    assert.ok(await page.locator('a[href="CHART-005.html"]').count() === 1);
    assert.deepEqual(problems, []);
  });
}

// One rule of each kind of example: a manifests rule (rendered templates, the Kubernetes schemas
// fetched), a file deleted (LAYOUT-001, LAYOUT-005: the project's Makefile), a project beside the
// good one (HOOK-003: `../../../base-project/…`), a values.schema.json (HELM-005: its validator).
// (All 124 rules' pages pass this check; all of them take ~90 s, so the suite holds a sample.)
test('rules-site pages of every kind of example behave as documented', async (t) => {
  const { page, problems } = await open(t, STRICT_CSP, 'rules/en/index.html');
  for (const id of ['HA-001', 'LAYOUT-001', 'LAYOUT-005', 'HOOK-003', 'HELM-005']) {
    await page.goto(new URL(`${id}.html`, page.url()).href);
    const figures = page.locator('figure.example');
    for (let i = 0; i < (await figures.count()); i++) await figures.nth(i).scrollIntoViewIfNeeded();
    await checked(page);
    const results = await figures.evaluateAll((fs) => fs.map((f) => ({
      fail: f.classList.contains('fail'),
      rules: f.querySelector('ecplint-example').diagnostics.map((d) => d.rule),
    })));
    assert.ok(results.some((r) => r.fail) && results.some((r) => !r.fail), `${id}: a fail and a pass example`);
    for (const [i, r] of results.entries()) {
      if (r.fail) assert.ok(r.rules.length > 0 && r.rules.every((x) => x === id), `${id} example ${i + 1} (fail): ${r.rules}`);
      else assert.deepEqual(r.rules, [], `${id} example ${i + 1} (pass)`);
    }
  }
  assert.deepEqual(problems, []);
});

// axe-core (injected through the DevTools protocol, never shipped) into the examples' shadow roots.
test('accessibility: no serious or critical axe-core violation on the demo and a rule page', async (t) => {
  const found = [];
  for (const [path, colorScheme] of [['ecplint-example/demo.html', 'light'], ['ecplint-example/demo.html', 'dark'], ['rules/zh/CHART-005.html', 'dark'], ['rules/en/index.html', 'light']]) {
    const { page, problems } = await open(t, null, path, { colorScheme });
    if (!path.endsWith('index.html')) await checked(page); // the index has no example
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const rules = Object.fromEntries(window.axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]));
      const r = await window.axe.run(document, { rules, resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    found.push(...violations.map((v) => `${path} (${colorScheme}): ${v}`));
    assert.deepEqual(problems, []);
  }
  assert.deepEqual(found, []);
});

test("the page's rule dialog links to the rule's page", async (t) => {
  const server = await startServer();
  t.after(() => server.stop());
  const { page, assertClean } = await openPage(browser, server, t);
  await page.click('#rules-btn');
  await page.locator('#docs-search').fill('CHART-005');
  const link = page.locator('#docs-article a.docs-page-link');
  assert.equal(await link.getAttribute('href'), 'rules/en/CHART-005.html');
  const res = await page.request.get(new URL(await link.getAttribute('href'), server.url).href);
  assert.equal(res.status(), 200);
  assertClean();
});
