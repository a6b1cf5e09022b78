// Accessibility of the page: an axe-core scan (npm axe-core, injected by the test, never shipped by
// the page) of every view a visit reaches — the landing page, the results, each tab, the dialogs —
// in English and Chinese, light and dark, with no serious or critical violation allowed.
// Run: npm run build && node --test tests/e2e/a11y.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES, ROOT, dropFiles, openPage, readTree,
  screenshotPath, startPageSession, stopPageSession, tarGz, waitForReport,
} from './helpers.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SAMPLE = 'orbit-console-project.tgz';
const NAV = 'nav-preview.tgz';

let server;
let browser;
before(async () => ({ server, browser } = await startPageSession()));
after(() => stopPageSession({ server, browser }));

/**
 * Scan what is on screen now with axe-core. Evaluated through the DevTools protocol, so the page's
 * CSP (script-src 'self') does not stop it and the page itself never carries axe. Experimental
 * rules are on too: label-content-name-mismatch (a button's name must contain its visible text) is one.
 * The sandboxed preview frame runs no script, so axe cannot enter it (`iframes: false`): its
 * document is scanned on a page of its own. Returns the serious and critical violations, readable.
 */
async function seriousViolations(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const rules = Object.fromEntries(window.axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]));
    const r = await window.axe.run(document, { rules, iframes: false, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}, ${v.nodes.length}×) ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
}

/** Scans views one after another, then fails listing every view's violations at once. */
function scanner() {
  const found = [];
  return {
    scan: async (page, where) => found.push(...(await seriousViolations(page, where))),
    assertNone: () => assert.deepEqual(found, [], `axe-core: serious or critical violations\n${found.join('\n')}`),
  };
}

function navPreviewTgz() {
  return tarGz(readTree(join(FIXTURES, 'nav-preview'), 'nav-preview'));
}

for (const [locale, colorScheme] of [['en-US', 'light'], ['zh-CN', 'dark']]) {
  describe(`accessibility (${locale}, ${colorScheme})`, () => {
    const opts = { locale, colorScheme };
    const tag = `${locale}-${colorScheme}`;

    test('landing page', async (t) => {
      const { page, assertClean } = await openPage(browser, server, t, opts);
      const a11y = scanner();
      await page.screenshot({ path: screenshotPath(`a11y-landing-${tag}.png`), fullPage: true });
      await a11y.scan(page, 'landing page');
      // page-has-heading-one is only "moderate" to axe: asked for here
      assert.equal(await page.locator('h1').count(), 1, 'one level-one heading');
      a11y.assertNone();
      assertClean();
    });

    test('the sample: findings, config, manifests, the source and rule dialogs', async (t) => {
      const { page, assertClean } = await openPage(browser, server, t, opts);
      const a11y = scanner();
      await page.click('#try-sample');
      const report = await waitForReport(page, [SAMPLE]);
      await page.screenshot({ path: screenshotPath(`a11y-results-${tag}.png`), fullPage: true });
      await a11y.scan(page, 'results (findings tab)');

      const chart = page.locator('.chart').first();
      await chart.locator('.chart-tab.tab-config').click();
      const cfg = chart.locator('.cfg');
      await cfg.waitFor();
      await page.waitForFunction((el) => el.dataset.state === 'done' || el.dataset.state === 'failed', await cfg.elementHandle());
      await a11y.scan(page, 'config tab');

      await chart.locator('.chart-tab.tab-manifests').click();
      const mf = chart.locator('.mf');
      await mf.waitFor();
      await page.waitForFunction((el) => el.dataset.state === 'done' || el.dataset.state === 'failed', await mf.elementHandle());
      await page.screenshot({ path: screenshotPath(`a11y-manifests-${tag}.png`), fullPage: true });
      await a11y.scan(page, 'manifests tab');

      await chart.locator('.chart-tab.tab-findings').click();
      const d = report.inputs[0].diagnostics.find((x) => x.rule === 'CHART-007');
      await page.locator('.diag[data-rule="CHART-007"] .diag-loc').first().click();
      await page.locator('#source-dialog[open]').waitFor();
      await page.locator(`#source-body [data-line="${d.line}"]`).first().waitFor();
      await a11y.scan(page, 'source dialog');
      await page.click('#source-edit');
      await page.locator('.src-textarea').waitFor();
      await a11y.scan(page, 'source dialog, editing');
      await page.keyboard.press('Escape');
      await page.click('.files > summary');
      await a11y.scan(page, 'the input\'s file list');

      await page.locator('.diag[data-rule="CHART-007"] .diag-rule').first().click();
      await page.locator('#docs-dialog[open] #docs-article .md').waitFor();
      await page.screenshot({ path: screenshotPath(`a11y-docs-${tag}.png`) });
      await a11y.scan(page, 'rule docs dialog');
      await page.keyboard.press('Escape');
      a11y.assertNone();
      assertClean();
    });

    test('the navigation preview tab', async (t) => {
      const { page, assertClean } = await openPage(browser, server, t, opts);
      const a11y = scanner();
      await dropFiles(page, [{ name: NAV, data: navPreviewTgz() }]);
      await waitForReport(page, [NAV]);
      await page.click('#view-tab-preview');
      const frame = page.locator('iframe.nav-frame');
      // not a frameLocator: Playwright's helper script, refused by the sandbox, would log errors
      await page.waitForFunction(() => document.querySelector('iframe.nav-frame')?.srcdoc.includes('class="ecp'));
      await a11y.scan(page, 'navigation preview tab');
      // The frame's document on a page of its own (same origin, so its stylesheet loads): axe
      // cannot run inside the sandboxed frame itself, which allows no script.
      const preview = await page.context().newPage();
      await preview.goto(new URL('preview.css', server.url).href);
      await preview.setContent(await frame.getAttribute('srcdoc'));
      assert.ok((await preview.locator('.ecp-item').count()) > 0, 'the preview document shows the console');
      assert.equal(await preview.locator('.ecp-left').evaluate((el) => getComputedStyle(el).width), '260px', 'styled by preview.css');
      await a11y.scan(preview, 'navigation preview (the frame document)');
      a11y.assertNone();
      assertClean();
    });
  });
}
