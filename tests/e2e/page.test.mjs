// End-to-end tests of the ecplint page in Debian's headless Chromium (playwright-core).
// Run: npm run build && node --test tests/e2e/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CORPUS, FIXTURES, ROOT, dropFiles, openPage, readTree, screenshotPath, startPageSession, stopPageSession, tarGz, timeDrop, waitForReport,
} from './helpers.mjs';

const SAMPLE = 'orbit-console-project.tgz';
const CHART = 'orbit-console-project/chart/orbit-console';

let server;
let browser;
before(async () => ({ server, browser } = await startPageSession()));
after(() => stopPageSession({ server, browser }));

function goodProjectTgz() {
  return tarGz(readTree(join(FIXTURES, 'good-project'), 'good-project'));
}

async function trySample(page) {
  await page.click('#try-sample');
  return waitForReport(page, [SAMPLE]);
}

describe('ecplint page', () => {
  test('loads: header, version, engine, CSP, no errors and no foreign requests', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    assert.match(await page.textContent('#version'), /^v\d+\.\d+\.\d+/);
    assert.equal(await page.textContent('.brand-name'), 'ecplint');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.equal(await page.getAttribute('link[rel="icon"]', 'href'), 'data:,');
    assert.match(await page.textContent('#footer-text'), /\d+ rules/);
    assert.ok((await page.locator('.group-card').count()) >= 5, 'the intro lists the rule groups');
    // keyboard: the sample button is reachable and works with Enter
    await page.focus('#try-sample');
    await page.keyboard.press('Enter');
    await waitForReport(page, [SAMPLE]);
    assertClean();
  });

  test('try the sample: findings with rule, message, help, file:line:col, and the resource panel', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const report = await trySample(page);
    assert.equal(report.schema, 1);

    // every deliberate mistake of the sample is shown
    for (const rule of ['CHART-002', 'CHART-005', 'CHART-007', 'ACL-002', 'ACL-004', 'RES-007', 'LAYOUT-004', 'HELM-003']) {
      assert.ok((await page.locator(`.chart .diag[data-rule="${rule}"]`).count()) >= 1, `${rule} is shown`);
    }
    const row = page.locator('.diag[data-rule="CHART-007"]').first();
    const d = report.inputs[0].diagnostics.find((x) => x.rule === 'CHART-007');
    assert.equal(d.file, `${CHART}/Chart.yaml`);
    assert.equal(d.line, 4);
    assert.equal((await row.locator('.diag-loc').textContent()).trim(), `Chart.yaml:${d.line}:${d.column}`);
    assert.equal(await row.locator('.diag-rule').textContent(), 'CHART-007');
    assert.match(await row.locator('.diag-msg').textContent(), /version/);
    assert.ok((await row.locator('.diag-help').count()) === 1, 'CHART-007 has a help text');
    assert.equal(await row.getAttribute('data-severity'), 'error');

    // counts by severity in the toolbar match the summary
    for (const [sev, n] of [['error', report.summary.errors], ['warning', report.summary.warnings], ['info', report.summary.infos]]) {
      assert.equal(await page.textContent(`.sev-toggle[data-sev="${sev}"] .sev-count`), String(n));
    }

    // the resource panel: figures, both gauges, the contributing items
    const res = report.inputs[0].charts[0].resources;
    assert.equal(res.source, 'computed');
    const panel = page.locator('.chart .res');
    await panel.waitFor();
    assert.match(await panel.textContent(), new RegExp(`${res.cpu_m}m`));
    assert.match(await panel.textContent(), new RegExp(`${res.memory_mi}Mi`));
    assert.equal(await panel.locator('.gauge-track').count(), 2);
    assert.equal(await panel.locator('.gauge-track').first().getAttribute('aria-valuenow'), String(res.cpu_m));
    assert.equal(await panel.locator('.gauge.over').count(), 0, 'the sample is within 6 CPU / 12 GiB');
    assert.equal(await panel.locator('tbody tr').count(), res.items.length);
    assert.ok(res.items.length >= 3);
    assert.match(await panel.locator('tfoot').textContent(), new RegExp(String(res.cpu_m)));
    assert.match(await panel.locator('tbody tr').first().textContent(), /pod\.resources\.backend_api/);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('ecplint-sample-en.png'), fullPage: false });
    assertClean();
  });

  test('resource panel: over the ceiling is red; declared and exempt requirements are explained', async (t) => {
    const base = readTree(join(FIXTURES, 'good-project'), 'good-project');
    const variant = (edit) => tarGz(base.map((f) => ({ path: f.path, data: edit(f.path, f.data.toString('utf8')) ?? f.data })));
    const over = variant((p, text) => (p.endsWith('/values.yaml')
      ? text.replace('backend_api:\n      requests:\n        memory: "1024Mi"\n        cpu: "500m"', 'backend_api:\n      requests:\n        memory: "16Gi"\n        cpu: "7"')
      : null));
    const declared = variant((p, text) => (p.endsWith('_acl_helpers.yaml.tpl') ? `${text.trimEnd()}\n  resource_limit:\n    max_cpu: 500\n    max_memory: 1200\n` : null));
    const exempt = variant((p, text) => (p.endsWith('_acl_helpers.yaml.tpl') ? `${text.trimEnd()}\n  namespace: openstack\n` : null));
    const { page, assertClean } = await openPage(browser, server, t);
    await dropFiles(page, [{ name: 'over.tgz', data: over }, { name: 'declared.tgz', data: declared }, { name: 'exempt.tgz', data: exempt }]);
    const report = await waitForReport(page, ['over.tgz', 'declared.tgz', 'exempt.tgz']);
    const res = report.inputs.map((i) => i.charts[0].resources);
    const panel = (i) => page.locator(`section.input[data-input="${i}"] .res`);

    assert.equal(res[0].source, 'computed');
    assert.ok(res[0].cpu_m > 6000 && res[0].memory_mi > 12288, JSON.stringify(res[0]));
    assert.equal(await panel(0).locator('.gauge.over').count(), 2, 'both bars are red');
    assert.equal(await panel(0).locator('.res-verdict.over').count(), 1);
    assert.ok(report.inputs[0].diagnostics.some((d) => d.rule === 'RES-002'));
    assert.ok(await page.locator('section.input[data-input="0"] .diag[data-rule="RES-002"]').count());

    assert.equal(res[1].source, 'declared');
    assert.match(await panel(1).locator('.res-source').textContent(), /declared/);
    assert.match(await panel(1).textContent(), /500m/);
    assert.match(await panel(1).textContent(), /resource_limit/);
    if (res[1].computed_cpu_m != null) assert.match(await panel(1).textContent(), new RegExp(`values\\.yaml sums to ${res[1].computed_cpu_m}m`));

    assert.equal(res[2].source, 'exempt');
    assert.equal(await panel(2).locator('.gauge.exempt').count(), 2);
    assert.equal(await panel(2).locator('.gauge.over').count(), 0);
    if (res[2].exempt_reason) assert.ok((await panel(2).textContent()).includes(res[2].exempt_reason.replace(/`/g, '')));
    await panel(0).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('ecplint-resources-over.png') });
    assertClean();
  });

  test('drop: archives dropped with a synthetic DataTransfer are checked, several at once', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const sample = readFileSync(join(ROOT, 'www/sample', SAMPLE));
    await dropFiles(page, [
      { name: 'good-project.tgz', data: goodProjectTgz() },
      { name: 'orbit.tgz', data: sample },
    ]);
    const report = await waitForReport(page, ['good-project.tgz', 'orbit.tgz']);
    assert.equal(await page.locator('section.input').count(), 2);
    const good = report.inputs[0];
    assert.deepEqual(good.charts.map((c) => c.name), ['mycloud-product']);
    assert.equal(good.diagnostics.filter((d) => d.severity !== 'info').length, 0, 'the good project is clean');
    assert.equal(await page.locator('section.input[data-input="0"] .diag.sev-error, section.input[data-input="0"] .diag.sev-warning').count(), 0);
    assert.ok(await page.locator('section.input[data-input="1"] .diag[data-rule="CHART-007"]').count());
    assertClean();
  });

  test('file picker: setInputFiles on the file input and on the folder input', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    await page.setInputFiles('#file-input', { name: 'good-project.tgz', mimeType: 'application/gzip', buffer: goodProjectTgz() });
    let report = await waitForReport(page, ['good-project.tgz']);
    assert.equal(report.inputs[0].charts[0].name, 'mycloud-product');
    assert.ok(await page.locator('.chart[data-chart="mycloud-product"]').count());

    // a folder, as the webkitdirectory picker gives it (paths start with the folder's name)
    await page.setInputFiles('#folder-input', join(FIXTURES, 'sample/orbit-console-project'));
    report = await waitForReport(page, ['orbit-console-project']);
    const files = report.inputs[0].files.map((f) => f.path);
    assert.ok(files.includes(`${CHART}/Chart.yaml`), 'folder paths start with the folder name');
    assert.ok(await page.locator('.diag[data-rule="CHART-007"]').count());
    assert.match(await page.textContent('section.input .input-meta'), /folder/);
    assertClean();
  });

  test('language: Chinese by toggle, remembered across reloads, and from navigator.language', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    await trySample(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const en = await page.locator('.diag[data-rule="CHART-005"] .diag-msg').first().textContent();

    await page.click('.lang-btn[data-lang="zh"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.getAttribute('.lang-btn[data-lang="zh"]', 'aria-pressed'), 'true');
    assert.equal(await page.textContent('#try-sample'), '试用示例');
    assert.equal(await page.textContent('.sev-toggle[data-sev="error"] .sev-name'), '错误');
    const report = await page.evaluate(() => window.ecplintReport);
    const d = report.inputs[0].diagnostics.find((x) => x.rule === 'CHART-005');
    const zh = await page.locator('.diag[data-rule="CHART-005"] .diag-msg').first().textContent();
    assert.notEqual(zh, en);
    assert.match(zh, /[\u4e00-\u9fff]/, 'the message is in Chinese');
    assert.equal(zh, d.message_zh.replace(/`/g, ''));
    if (d.help_zh) assert.match(await page.locator('.diag[data-rule="CHART-005"] .diag-help').first().textContent(), /修复/);
    assert.match(await page.textContent('.res-title'), /资源需求/);
    assert.match(await page.locator('.diag[data-rule="CHART-005"] .diag-title').first().textContent(), /[\u4e00-\u9fff]/, 'rule titles in Chinese');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('ecplint-sample-zh.png') });

    await page.reload();
    await page.waitForSelector('#version:not(:empty)');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'the choice is remembered');
    assert.equal(await page.textContent('#pick-files'), '选择文件…');
    await page.click('.lang-btn[data-lang="en"]');
    assert.equal(await page.textContent('#pick-files'), 'Choose files…');
    assertClean();

    const zhUser = await openPage(browser, server, t, { locale: 'zh-CN' });
    assert.equal(await zhUser.page.getAttribute('html', 'lang'), 'zh-CN', 'zh* browsers get Chinese');
    assert.equal(await zhUser.page.textContent('.drop-title'), '将 Chart、云产品工程或归档文件拖放到此处');
    zhUser.assertClean();
  });

  test('source view: a location opens the file with line numbers, the line highlighted and in view', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const report = await trySample(page);
    const d = report.inputs[0].diagnostics.find((x) => x.rule === 'RES-007');
    await page.locator('.diag[data-rule="RES-007"] .diag-loc').click();
    const dlg = page.locator('#source-dialog');
    await dlg.locator(`.src-line.hl[data-line="${d.line}"]`).waitFor();
    assert.equal(await page.evaluate(() => document.getElementById('source-dialog').open), true);
    assert.equal(await page.textContent('#source-title'), d.file);
    const source = readFileSync(join(FIXTURES, 'sample', d.file), 'utf8').split('\n');
    const hl = dlg.locator('.src-line.hl').first();
    assert.equal(await hl.locator('.src-code').textContent(), source[d.line - 1]);
    assert.equal((await hl.locator('.src-ln').textContent()).trim(), String(d.line));
    assert.equal(await dlg.locator('.src-line').count(), source.at(-1) === '' ? source.length - 1 : source.length);
    assert.ok(await dlg.locator('.src-annot.current').count(), 'the finding is annotated under its line');
    // scrolled into view inside the drawer
    await page.waitForFunction((line) => {
      const body = document.getElementById('source-body').getBoundingClientRect();
      const r = document.querySelector(`#source-body .src-line.hl[data-line="${line}"]`).getBoundingClientRect();
      return r.top >= body.top && r.bottom <= body.bottom;
    }, d.line);
    await page.screenshot({ path: screenshotPath('ecplint-source.png') });
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.getElementById('source-dialog').open), false);

    // a location in the resource table opens values.yaml at the item's line
    const item = report.inputs[0].charts[0].resources.items[0];
    await page.locator('.res tbody tr').first().locator('.diag-loc').click();
    await dlg.locator(`.src-line.hl[data-line="${item.line}"]`).waitFor();
    await page.click('#source-dialog [data-close]');
    assertClean();
  });

  test('rule docs: a rule ID opens its documentation, rendered at build time; only known markup reaches the page', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    await trySample(page);
    await page.locator('.diag[data-rule="CHART-007"] .diag-rule').first().click();
    const art = page.locator('#docs-article');
    await art.locator('.docs-id').waitFor();
    await art.locator('.md').waitFor(); // the docs arrive after the titles (pkg/rule-docs.json, fetched on first opening)
    assert.equal(await art.locator('.docs-id').textContent(), 'CHART-007');
    // a rule whose severity depends on the case says so next to its default
    assert.match(await art.locator('.docs-badges .pill').first().textContent(), /\(by case: [A-Za-z]+\/[A-Za-z]+\)/);
    assert.ok(await art.locator('.md h3').count(), 'headings rendered');
    assert.ok(await art.locator('.md code').count(), 'inline code rendered');
    assert.ok(await art.locator('.md pre').count(), 'code fences rendered');
    assert.equal(await art.locator('.md .md-example.fail .md-example-kind').first().textContent(), '✗ reported');
    assert.equal(await art.locator('.md .md-example.pass .md-example-file').first().textContent(), 'Chart.yaml');
    assert.equal(await art.locator('.md h3').first().textContent(), 'What it does');
    assert.equal(await page.locator('#docs-list [aria-current="true"] .docs-item-id').textContent(), 'CHART-007');

    // search the catalog and pick another rule
    await page.fill('#docs-search', 'ACL-004');
    await page.locator('#docs-list .docs-item').first().click();
    assert.equal(await art.locator('.docs-id').textContent(), 'ACL-004');
    await page.keyboard.press('Escape');

    // in Chinese, the doc's Chinese section comes first, and the examples speak Chinese
    await page.click('.lang-btn[data-lang="zh"]');
    await page.locator('.diag[data-rule="CHART-007"] .diag-rule').first().click();
    assert.equal(await art.locator('.docs-id').textContent(), 'CHART-007');
    assert.equal(await art.locator('.md h3').first().textContent(), '中文');
    assert.equal(await art.locator('.md .md-example.fail .md-example-kind').first().textContent(), '✗ 会报告');
    await page.keyboard.press('Escape');

    // crates/rule-docs shows a doc's raw HTML as text (its tests); and were the docs file ever
    // hostile, the page copies only known elements and attributes of it
    const out = await page.evaluate(async () => {
      const { docsFragment } = await import('./docs-dialog.js');
      const box = document.createElement('div');
      box.append(docsFragment('<h3 class="md-h" onclick="window.pwned=0">T<img src=x onerror="window.pwned=1"></h3>' +
        '<p data-x="1">Text <script>window.pwned=2</script><a href="javascript:window.pwned=3">link</a></p>' +
        '<svg onload="window.pwned=4"><text>svg</text></svg><iframe srcdoc="x"></iframe><code>&lt;b&gt;code&lt;/b&gt;</code>'));
      document.body.append(box);
      await new Promise((r) => setTimeout(r, 50));
      box.remove();
      return {
        elements: [...box.querySelectorAll('*')].map((e) => `${e.localName}[${[...e.attributes].map((a) => a.name)}]`),
        text: box.textContent,
        pwned: window.pwned ?? null,
      };
    });
    assert.deepEqual(out.elements, ['h3[class]', 'p[]', 'code[]']);
    assert.equal(out.pwned, null);
    assert.match(out.text, /<b>code<\/b>/);
    assertClean();
  });

  test('filters: by severity (all shown by default), by rule group and by text', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const report = await trySample(page);
    const total = report.inputs[0].diagnostics.length;
    const rows = page.locator('.chart .diag');
    assert.equal(await rows.count(), total, 'all severities are shown by default');
    for (const s of ['error', 'warning', 'info']) assert.equal(await page.getAttribute(`.sev-toggle[data-sev="${s}"]`, 'aria-pressed'), 'true');

    await page.click('.sev-toggle[data-sev="error"]');
    assert.equal(await rows.count(), total - report.summary.errors);
    assert.equal(await page.locator('.chart .diag.sev-error').count(), 0);
    await page.click('.sev-toggle[data-sev="error"]');
    assert.equal(await rows.count(), total);

    await page.selectOption('#group-filter', 'ACL');
    const acl = report.inputs[0].diagnostics.filter((d) => d.rule.startsWith('ACL-')).length;
    assert.equal(await rows.count(), acl);
    await page.selectOption('#group-filter', '');

    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
    await page.keyboard.type('pull_policy');
    await page.waitForFunction(() => document.querySelectorAll('.chart .diag').length === 1);
    assert.equal(await rows.first().getAttribute('data-rule'), 'HELM-003');
    assertClean();
  });

  test('suppressions: a silenced finding is hidden and not counted; the toggle shows it with its reason', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const files = readTree(join(FIXTURES, 'good-project'), 'good-project').map((f) =>
      f.path.endsWith('_acl_helpers.yaml.tpl')
        ? { ...f, data: Buffer.concat([Buffer.from('# ecplint-disable-file ACL-005 -- installs into its product ID on purpose\n'), f.data]) }
        : f);
    await dropFiles(page, [{ name: 'silenced.tgz', data: tarGz(files) }]);
    const report = await waitForReport(page, ['silenced.tgz']);
    const silenced = report.inputs[0].diagnostics.filter((d) => d.suppressed);
    assert.deepEqual(silenced.map((d) => [d.rule, d.suppressed.reason]), [['ACL-005', 'installs into its product ID on purpose']]);
    assert.equal(report.summary.suppressed, 1);
    assert.equal(await page.locator('.diag[data-rule="ACL-005"]').count(), 0, 'hidden by default');
    const toggle = page.locator('.suppressed-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    const row = page.locator('.diag.suppressed[data-rule="ACL-005"]');
    await row.waitFor();
    assert.match(await row.locator('.diag-suppressed').textContent(), /Suppressed: installs into its product ID on purpose/);
    await page.screenshot({ path: screenshotPath('ecplint-suppressed-en.png'), fullPage: false });
    assertClean();
  });

  test('settings: "Ignore suppression comments" (a reviewer\'s view) reports silenced findings as any other, and is remembered', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const files = readTree(join(FIXTURES, 'good-project'), 'good-project').map((f) =>
      f.path.endsWith('_acl_helpers.yaml.tpl')
        ? { ...f, data: Buffer.concat([Buffer.from('# ecplint-disable-file ACL-005 -- installs into its product ID on purpose\n'), f.data]) }
        : f);
    const box = page.locator('#ignore-suppressions');
    assert.equal(await box.isChecked(), false, 'off by default');
    await box.check();
    await dropFiles(page, [{ name: 'reviewed.tgz', data: tarGz(files) }]);
    const report = await waitForReport(page, ['reviewed.tgz']);
    assert.equal(report.summary.suppressed, 0);
    const acl = report.inputs[0].diagnostics.filter((d) => d.rule === 'ACL-005');
    assert.equal(acl.length, 1);
    assert.equal(acl[0].suppressed, undefined);
    assert.equal(await page.locator('.diag[data-rule="ACL-005"]').count(), 1, 'shown without the toggle');
    await page.reload();
    assert.equal(await page.locator('#ignore-suppressions').isChecked(), true, 'remembered across visits');
    assertClean();
  });

  test('.ecplint.yaml in the dropped project: severities, its Kubernetes version (schemas fetched for it) and INPUT-003', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const fetched = [];
    page.on('request', (r) => { if (r.url().includes('/kube-schemas/')) fetched.push(new URL(r.url()).pathname); });
    const config = 'rules:\n  ACL-005: warning\n  RES: of\nkube-version: 1.30.0\n';
    const files = [
      ...readTree(join(FIXTURES, 'good-project'), 'good-project'),
      { path: 'good-project/.ecplint.yaml', data: Buffer.from(config) },
    ];
    await dropFiles(page, [{ name: 'configured.tgz', data: tarGz(files) }]);
    const report = await waitForReport(page, ['configured.tgz']);
    const diags = report.inputs[0].diagnostics;
    const acl = diags.find((d) => d.rule === 'ACL-005');
    assert.equal(acl.severity, 'warning');
    assert.deepEqual(acl.configured, { rule_severity: 'info', config: 'good-project/.ecplint.yaml' });
    const bad = diags.find((d) => d.rule === 'INPUT-003');
    assert.deepEqual([bad.file, bad.line, bad.column], ['good-project/.ecplint.yaml', 3, 8]);
    assert.match(bad.help, /did you mean `off`\?/);
    assert.ok(fetched.includes('/pkg/kube-schemas/1.30.json'), fetched.join(', '));
    await page.locator('.diag[data-rule="INPUT-003"]').waitFor();
    assert.match(await page.locator('.diag[data-rule="ACL-005"] .diag-configured').textContent(),
      /Severity set by good-project\/\.ecplint\.yaml \(the rule’s: Info\)/i);
    assertClean();
  });

  test('export: the report downloads as ecplint-report.json (schema 1)', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const shown = await trySample(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    assert.equal(download.suggestedFilename(), 'ecplint-report.json');
    const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(json.schema, 1);
    assert.equal(json.tool.name, 'ecplint');
    assert.equal(json.inputs[0].path, SAMPLE);
    assert.deepEqual(json.summary, shown.summary);
    assert.ok(json.inputs[0].diagnostics.some((d) => d.rule === 'CHART-007' && d.line === 4));
    assertClean();
  });

  test('hostile input: random bytes named x.tgz show INPUT-001; hostile names stay text; the page remains usable', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    let seed = 42;
    const random = Buffer.alloc(64 * 1024, 0).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255);
    const evil = '<img src=x onerror="window.pwned=1">.tgz';
    await dropFiles(page, [
      { name: 'x.tgz', data: random },
      { name: evil, data: Buffer.from('<script>window.pwned=2</script>') },
      { name: 'truncated.tgz', data: goodProjectTgz().subarray(0, 300) },
    ]);
    const report = await waitForReport(page, ['x.tgz', evil, 'truncated.tgz']);
    const first = report.inputs[0];
    assert.equal(first.charts.length, 0);
    assert.ok(first.diagnostics.some((d) => d.rule === 'INPUT-001'));
    const card = page.locator('section.input[data-input="0"] .unreadable-card');
    if (first.unreadable) {
      await card.waitFor();
      assert.ok(await card.locator('.diag[data-rule="INPUT-001"]').count(), 'INPUT-001 is shown prominently');
      assert.ok(await card.isVisible());
    } else {
      assert.ok(await page.locator('section.input[data-input="0"] .diag[data-rule="INPUT-001"]').count());
    }
    assert.equal(await page.textContent('section.input[data-input="1"] .input-name'), evil, 'the name is shown as text');
    assert.equal(await page.locator('#inputs img, #inputs script').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned ?? null), null);
    // hidden severities do not hide an unreadable input's reason
    await page.click('.sev-toggle[data-sev="error"]');
    if (first.unreadable) assert.ok(await card.locator('.diag[data-rule="INPUT-001"]').isVisible());
    await page.click('.sev-toggle[data-sev="error"]');
    await page.screenshot({ path: screenshotPath('ecplint-hostile.png') });

    // still usable: the sample checks fine afterwards
    await trySample(page);
    assert.ok(await page.locator('.diag[data-rule="CHART-007"]').count());
    assertClean();
  });

  test('dropped folders are read recursively, readEntries called until it returns nothing', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const out = await page.evaluate(async () => {
      const { collectDir, folderItems } = await import('./inputs.js');
      let calls = 0;
      const file = (fullPath) => ({ isFile: true, isDirectory: false, name: fullPath.split('/').pop(), fullPath, file: (ok) => ok(new File(['x'], fullPath.split('/').pop())) });
      // a directory whose reader hands out its entries in batches of two, then an empty batch
      const dir = (fullPath, children) => ({
        isFile: false, isDirectory: true, name: fullPath.split('/').pop(), fullPath,
        createReader() {
          let i = 0;
          return { readEntries(ok) { calls++; const batch = children.slice(i, i + 2); i += 2; setTimeout(() => ok(batch), 0); } };
        },
      });
      const root = dir('/proj', [
        file('/proj/Makefile'),
        dir('/proj/chart', [dir('/proj/chart/app', [file('/proj/chart/app/Chart.yaml'), file('/proj/chart/app/values.yaml'), dir('/proj/chart/app/templates', [file('/proj/chart/app/templates/a.yaml'), file('/proj/chart/app/templates/b.yaml'), file('/proj/chart/app/templates/c.yaml')])])]),
        dir('/proj/.git', [file('/proj/.git/HEAD')]),
        file('/proj/README.md'),
        file('/proj/x.txt'),
      ]);
      const entries = await collectDir(root, [], () => {});
      const picked = folderItems([
        Object.assign(new File(['a'], 'Chart.yaml'), {}),
      ].map((f) => { Object.defineProperty(f, 'webkitRelativePath', { value: 'app/Chart.yaml' }); return f; }));
      return { paths: entries.map((e) => e.path).sort(), calls, picked: picked.map((p) => [p.name, p.entries.map((e) => e.path)]) };
    });
    assert.deepEqual(out.paths, [
      'proj/Makefile', 'proj/README.md', 'proj/chart/app/Chart.yaml', 'proj/chart/app/templates/a.yaml',
      'proj/chart/app/templates/b.yaml', 'proj/chart/app/templates/c.yaml', 'proj/chart/app/values.yaml', 'proj/x.txt',
    ]);
    assert.ok(out.calls >= 9, `readEntries is called until it returns an empty batch (${out.calls} calls)`);
    assert.deepEqual(out.picked, [['app', ['app/Chart.yaml']]]);
    assertClean();
  });

  test('cancel: the watchdog names the input a long check is on, Cancel stops it and the page checks again afterwards', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    // One input that holds the engine a few seconds: 400 copies of the good chart in one archive.
    const chart = readTree(join(FIXTURES, 'good-project/chart/mycloud-product'), 'mycloud-product');
    const files = [];
    for (let i = 0; i < 400; i++) for (const f of chart) files.push({ path: `c${i}/${f.path}`, data: f.data });
    // the watchdog speaks at once here (3 s in real use): which input, for how long, and Cancel
    await page.evaluate(() => { window.ecplintWatchdogMs = 0; });
    await dropFiles(page, [{ name: 'many-charts.tgz', data: tarGz(files) }]);
    const slow = page.locator('#progress-slow');
    await slow.waitFor({ state: 'visible' });
    assert.match(await slow.textContent(), /^many-charts\.tgz has taken [\d.]+ s so far\. Cancel stops the check/);
    await page.locator('#cancel').click();
    await page.locator('#notice[data-kind="info"]').waitFor();
    assert.match(await page.textContent('#notice-text'), /^Check cancelled on many-charts\.tgz, after [\d.]+ s on it\.$/);
    assert.equal(await slow.isHidden(), true);
    assert.equal(await page.isHidden('#progress'), true);
    assert.equal(await page.evaluate(() => window.ecplintReport), null);
    await trySample(page);
    assert.ok(await page.locator('.diag[data-rule="CHART-007"]').count());
    assertClean();
  });

  test('a large drop: the check runs in the worker, progress names each input, the page stays responsive', async (t) => {
    if (!existsSync(CORPUS)) return t.skip('no ../shared/corpus');
    const archives = [];
    (function walk(d) {
      for (const n of readdirSync(d).sort()) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.tgz')) archives.push(p);
      }
    })(CORPUS);
    const pickd = archives.filter((_, i) => i % 5 === 0).slice(0, 40);
    assert.ok(pickd.length >= 10);
    const { page, assertClean } = await openPage(browser, server, t);
    await page.evaluate(() => {
      window.__progress = [];
      window.__maxGap = 0;
      let last = performance.now();
      let busyBefore = false;
      // the longest gap between two ticks while the progress bar shows (the check is running)
      window.__tick = setInterval(() => {
        const now = performance.now();
        const busy = !document.getElementById('progress').hidden;
        if (busy && busyBefore) window.__maxGap = Math.max(window.__maxGap, now - last);
        busyBefore = busy;
        last = now;
      }, 20);
      new MutationObserver(() => window.__progress.push(document.getElementById('progress-text').textContent))
        .observe(document.getElementById('progress-text'), { childList: true, characterData: true, subtree: true });
    });
    const files = pickd.map((p) => ({ name: p.split('/').pop(), data: readFileSync(p) }));
    await dropFiles(page, files);
    const report = await waitForReport(page, files.map((f) => f.name));
    const stats = await page.evaluate(() => {
      clearInterval(window.__tick);
      return { progress: window.__progress, maxGap: window.__maxGap };
    });
    assert.equal(report.inputs.length, files.length);
    assert.ok(stats.progress.some((s) => files.some((f) => s.includes(f.name))), `progress names an input: ${stats.progress.slice(0, 5)}`);
    t.diagnostic(`longest main-thread gap while checking: ${Math.round(stats.maxGap)} ms`);
    assert.ok(stats.maxGap < 500, `the page's thread stayed responsive (longest gap ${Math.round(stats.maxGap)} ms)`);
    assert.equal(await page.locator('section.input').count(), files.length);
    assertClean();
  });
  test('first drop: the engine starts and warms while the page loads (time printed, not asserted)', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    // A person takes a moment to drop after the page appears.
    await page.waitForTimeout(1500);
    const sample = readFileSync(join(ROOT, 'www/sample', SAMPLE));
    const first = await timeDrop(page, [{ name: SAMPLE, data: sample }], [SAMPLE]);
    const project = goodProjectTgz();
    const later = await timeDrop(page, [{ name: 'good-project.tgz', data: project }], ['good-project.tgz']);
    t.diagnostic(`first drop → report on screen: ${Math.round(first)} ms; a later drop: ${Math.round(later)} ms`);
    console.log(`[e2e] first drop → report on screen: ${Math.round(first)} ms; a later drop: ${Math.round(later)} ms`);
    assertClean();
  });
});
