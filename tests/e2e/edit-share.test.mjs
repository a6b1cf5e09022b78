// The editor, Download and Copy link (issue 13 part 4) in Debian's headless Chromium: edit a file
// of the sample, see the report follow; download the edited input; copy a link, open it in a fresh
// page and get the same report; a too-large input and links of another version or format.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { openPage, dropFiles, screenshotPath, startPageSession, stopPageSession, tarGz, waitForReport } from './helpers.mjs';

const SAMPLE = 'orbit-console-project.tgz';
const CHART_YAML = 'orbit-console-project/chart/orbit-console/Chart.yaml';
const VALUES_YAML = 'orbit-console-project/chart/orbit-console/values.yaml';

let server;
let browser;
before(async () => ({ server, browser } = await startPageSession()));
after(() => stopPageSession({ server, browser }));

/** The files of a tar archive (ustar names with their prefix), as { path: Buffer }. */
function untar(tar) {
  const files = {};
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) => header.subarray(from, from + len).toString('latin1').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim(), 8);
    if (field(156, 1) === '0' || field(156, 1) === '') files[name] = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** What a report says, without timings: every finding's rule and place, per input. */
function findings(report) {
  return report.inputs.map((i) => ({
    path: i.path,
    diagnostics: i.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`),
  }));
}

/** Opens `path` from the first input's file list and switches the drawer to the editor. */
async function openEditor(page, path) {
  await page.click('.files > summary');
  await page.click(`.file-open:text-is("${path}")`);
  await page.click('#source-edit');
  const editor = page.locator('.src-textarea');
  await editor.waitFor();
  return { editor, text: await editor.inputValue() };
}

async function editSampleChart(page) {
  await page.click('#try-sample');
  const before = await waitForReport(page, [SAMPLE]);
  assert.ok(before.inputs[0].diagnostics.some((d) => d.rule === 'CHART-007'), 'the sample has a CHART-007');
  const { editor, text } = await openEditor(page, CHART_YAML);
  const version = /^version: .*$/m.exec(text)[0];
  const fixed = text.replace(version, 'version: 1.2.0');
  await editor.fill(fixed);
  await page.waitForFunction(() => !window.ecplintReport.inputs[0].diagnostics.some((d) => d.rule === 'CHART-007'));
  return { before, fixed };
}

describe('edit, download, share', () => {
  test('an edit is checked again: the finding goes, the file is marked edited', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const { before } = await editSampleChart(page);
    const report = await page.evaluate(() => window.ecplintReport);
    const entry = report.inputs[0].files.find((f) => f.path === CHART_YAML);
    assert.equal(entry.edited, true);
    assert.equal(report.inputs[0].files.filter((f) => f.edited).length, 1);
    // the rest of the report is the same
    const others = (r) => findings(r)[0].diagnostics.filter((d) => !d.startsWith('CHART-007'));
    assert.deepEqual(others(report), others(before));
    // the drawer stays open on the editor and lists the file's findings as they are now
    assert.ok(await page.locator('#source-dialog[open] .src-textarea').isVisible());
    assert.equal(await page.locator('.src-edit-findings .diag-rule:text-is("CHART-007")').count(), 0);
    assert.match(await page.textContent('#source-meta'), /edited/);
    await page.screenshot({ path: screenshotPath('edit-drawer.png') });
    // closed, the input's file list marks the file
    await page.keyboard.press('Escape');
    assert.match(await page.textContent('.files > summary'), /1 edited/);
    assert.equal(await page.locator('.file-open .badge.edited').count(), 1);
    await page.screenshot({ path: screenshotPath('edit-files.png') });
    assertClean();
  });

  test('the Manifests tab and the resource panel follow an edit of values.yaml', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    await page.click('#try-sample');
    const before = await waitForReport(page, [SAMPLE]);
    const chart = page.locator('.chart').first();
    await chart.locator('.chart-tab.tab-manifests').click();
    const service = chart.locator('.mf-doc[data-kind="Service"][data-name="orbit-console-api"]');
    await service.waitFor();
    assert.match(await service.textContent(), /targetPort: 8080/);

    const { editor, text } = await openEditor(page, VALUES_YAML);
    // the API's port, and its CPU request
    const edited = text.replace('api_port: 8080', 'api_port: 9090')
      .replace(/(backend_api:\s+requests:\s+memory: "1024Mi"\s+cpu: )"500m"/, '$1"900m"');
    assert.notEqual(edited.indexOf('"900m"'), -1);
    await editor.fill(edited);
    await page.waitForFunction((cpu) => window.ecplintReport.inputs[0].charts[0].resources.cpu_m === cpu + 400,
      before.inputs[0].charts[0].resources.cpu_m);
    await page.keyboard.press('Escape');
    // the tab stays selected and shows the manifests of the edited values
    await page.waitForFunction(() => /targetPort: 9090/.test(document.querySelector('.chart .mf-doc[data-kind="Service"][data-name="orbit-console-api"]')?.textContent ?? ''));
    const after = await page.evaluate(() => window.ecplintReport);
    assert.match(await chart.locator('.res').textContent(), new RegExp(`${after.inputs[0].charts[0].resources.cpu_m}m`));
    assertClean();
  });

  test('Download writes the edited input back in its own layout', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    const { fixed } = await editSampleChart(page);
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.input-head .download')]);
    assert.equal(download.suggestedFilename(), SAMPLE);
    const files = untar(gunzipSync(readFileSync(await download.path())));
    assert.equal(files[CHART_YAML].toString(), fixed);
    const original = untar(gunzipSync(readFileSync(new URL('../../www/sample/orbit-console-project.tgz', import.meta.url))));
    assert.deepEqual(Object.keys(files).sort(), Object.keys(original).sort(), 'the same files');
    for (const [path, data] of Object.entries(original)) {
      if (path !== CHART_YAML) assert.ok(data.equals(files[path]), `${path} unchanged`);
    }
    assertClean();
  });

  test('Copy link → open it: the same files, the same report', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    await editSampleChart(page);
    await page.keyboard.press('Escape');
    const edited = await page.evaluate(() => window.ecplintReport);
    await page.click('#share');
    await page.waitForFunction(() => location.hash.startsWith('#ecplint=1.'));
    assert.match(await page.textContent('#notice-text'), /Link copied|address bar/);
    const link = await page.evaluate(() => location.href);

    const fresh = await openPage(browser, server, t);
    await fresh.page.goto(link);
    const opened = await waitForReport(fresh.page, [SAMPLE]);
    assert.deepEqual(findings(opened), findings(edited));
    assert.ok(!opened.inputs[0].diagnostics.some((d) => d.rule === 'CHART-007'), 'the edit travelled with the link');
    assert.equal(await fresh.page.locator('#notice').isVisible(), false, 'same version: nothing to say');
    // a drop replaces what the link held, and the address forgets it
    await dropFiles(fresh.page, [{ name: 'tiny.tgz', data: tarGz([{ path: 'tiny/Chart.yaml', data: 'apiVersion: v2\nname: tiny\nversion: 1.0.0\n' }]) }]);
    await waitForReport(fresh.page, ['tiny.tgz']);
    assert.equal(await fresh.page.evaluate(() => location.hash), '');
    assertClean();
    fresh.assertClean();
  });

  test('a link from another version opens with a note; one of another format says which version made it', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    await page.click('#try-sample');
    const report = await waitForReport(page, [SAMPLE]);
    await page.click('#share');
    await page.waitForFunction(() => location.hash.startsWith('#ecplint=1.'));
    const link = new URL(await page.evaluate(() => location.href));
    const [, version, payload] = /^#ecplint=1\.(\d+\.\d+\.\d+[^.]*)\.(.*)$/.exec(link.hash);

    const older = await openPage(browser, server, t);
    await older.page.goto(`${server.url}#ecplint=1.0.0.1.${payload}`);
    assert.deepEqual(findings(await waitForReport(older.page, [SAMPLE])), findings(report));
    await older.page.waitForSelector('#notice:not([hidden])');
    assert.match(await older.page.textContent('#notice-text'), new RegExp(`made by ecplint 0\\.0\\.1; this page is ecplint ${version.replaceAll('.', '\\.')}`));

    const future = await openPage(browser, server, t);
    await future.page.goto(`${server.url}#ecplint=9.9.0.0.${payload}`);
    await future.page.waitForSelector('#notice:not([hidden])');
    const message = await future.page.textContent('#notice-text');
    assert.match(message, /could not be opened/);
    assert.match(message, /9\.0\.0/);
    assert.equal(await future.page.evaluate(() => window.ecplintReport), null, 'nothing checked');
    assertClean();
    older.assertClean();
    future.assertClean();
  });

  test('an input too large for a link says so, and Download still works', async (t) => {
    const { page, assertClean } = await openPage(browser, server, t);
    // 160 KB that does not compress: over the link's cap
    const noise = randomBytes(160 * 1024);
    const big = tarGz([
      { path: 'big/Chart.yaml', data: 'apiVersion: v2\nname: big\nversion: 1.0.0\n' },
      { path: 'big/files/blob.bin', data: noise },
    ]);
    await dropFiles(page, [{ name: 'big.tgz', data: big }]);
    await waitForReport(page, ['big.tgz']);
    await page.click('#share');
    await page.waitForSelector('#notice:not([hidden])');
    assert.match(await page.textContent('#notice-text'), /too large for a link|KB/);
    assert.equal(await page.evaluate(() => location.hash), '');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.input-head .download')]);
    assert.equal(download.suggestedFilename(), 'big.tgz');
    assertClean();
  });
});
