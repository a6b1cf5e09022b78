// End-to-end tests of the Manifests tab (issue 9) in Debian's headless Chromium: the chart
// rendered in the worker, lines linked to their template lines, the values panel re-rendering,
// errors with the include chain, filter, both languages.
// Run: npm run build && node --test tests/e2e/manifests.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dropFiles, openPage, screenshotPath, startPageSession, stopPageSession, tarGz, waitForReport,
} from './helpers.mjs';

let server;
let browser;
before(async () => ({ server, browser } = await startPageSession()));
after(() => stopPageSession({ server, browser }));

const FILES = {
  'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
  'values.yaml': 'replicas: 2\nimage:\n  repository: nginx\n  tag: "1.25"\nhost: shop.example.com\n',
  'templates/_helpers.tpl':
    '{{- define "shop.labels" -}}\napp: {{ .Chart.Name }}\nrelease: {{ .Release.Name }}\n{{- end }}\n' +
    '{{- define "shop.host" -}}\n{{ required "host is required" .Values.host }}\n{{- end }}\n',
  'templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\n  labels:\n' +
    '    {{- include "shop.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}\n' +
    '  template:\n    spec:\n      containers:\n        - name: web\n' +
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
  'templates/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  ports:\n    - port: 80\n',
  'templates/ingress.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\n' +
    'spec:\n  rules:\n    - host: {{ include "shop.host" . }}\n',
};

function shopTgz() {
  return tarGz(Object.entries(FILES).map(([path, text]) => ({ path: `shop/${path}`, data: Buffer.from(text) })));
}

async function openManifests(t, opts) {
  const ctx = await openPage(browser, server, t, opts);
  const { page } = ctx;
  await dropFiles(page, [{ name: 'shop.tgz', data: shopTgz() }]);
  await waitForReport(page, ['shop.tgz']);
  const chart = page.locator('.chart[data-chart="shop"]');
  await chart.locator('.chart-tab.tab-manifests').click();
  const mf = chart.locator('.mf');
  await mf.locator('.mf-doc').first().waitFor();
  return { ...ctx, chart, mf };
}

describe('Manifests tab', () => {
  test('renders the chart: documents by template, a rendered line opens the template line that wrote it', async (t) => {
    const { page, mf, assertClean } = await openManifests(t);
    assert.equal(await mf.getAttribute('data-state'), 'done');
    const kinds = await mf.locator('.mf-doc').evaluateAll((els) => els.map((e) => e.dataset.kind));
    // Helm's install order: Service before Deployment before Ingress
    assert.deepEqual(kinds, ['Service', 'Deployment', 'Ingress']);
    const deployment = mf.locator('.mf-doc[data-kind="Deployment"]');
    assert.match(await deployment.textContent(), /replicas: 2/);
    assert.match(await deployment.textContent(), /image: "nginx:1\.25"/);
    // the label line came from _helpers.tpl line 2, through deployment.yaml line 6
    const label = deployment.locator('.mf-line', { hasText: 'app: shop' });
    assert.equal(await label.getAttribute('data-origin'), 'shop/templates/_helpers.tpl:2:1');
    assert.match(await label.getAttribute('title'), /← shop\/templates\/deployment\.yaml:6:/);
    await label.click();
    await page.locator('#source-dialog[open]').waitFor();
    assert.equal(await page.textContent('#source-title'), 'shop/templates/_helpers.tpl');
    assert.equal(await page.locator('#source-body .src-line.hl').count(), 1);
    assert.match(await page.locator('#source-body .src-line.hl').textContent(), /app: \{\{ \.Chart\.Name \}\}/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('manifests-en.png'), fullPage: true });
    assertClean();
  });

  test('the values panel re-renders as you type; errors show the include chain; the filter narrows', async (t) => {
    const { page, mf, assertClean } = await openManifests(t);
    await mf.locator('textarea[data-field="set"]').fill('replicas=5\nhost=null');
    await page.waitForFunction(() => document.querySelector('.mf .mf-error') !== null);
    assert.match(await mf.locator('.mf-doc[data-kind="Deployment"]').textContent(), /replicas: 5/);
    const error = mf.locator('.mf-error').first();
    assert.match(await error.textContent(), /host is required/);
    assert.match(await error.locator('.mf-loc').first().textContent(), /_helpers\.tpl:6:/);
    assert.match(await error.locator('.mf-chain').textContent(), /ingress\.yaml:7:/);
    // the failing template's document is left out, the others stay
    assert.equal(await mf.locator('.mf-doc').count(), 2);
    await mf.locator('.mf-filter').fill('service');
    assert.equal(await mf.locator('.mf-doc').count(), 1);
    assert.match(await mf.locator('.mf-count').textContent(), /1 of 2/);
    await mf.locator('textarea[data-field="typed"]').fill('image:\n  tag: "2.0"\n');
    await mf.locator('.mf-filter').fill('');
    await page.waitForFunction(() => /nginx:2\.0/.test(document.querySelector('.mf').textContent));
    assertClean();
  });

  test('the findings tab shows what the rendered pods request and the images they run (issue 10)', async (t) => {
    const ctx = await openPage(browser, server, t);
    const { page, assertClean } = ctx;
    await dropFiles(page, [{ name: 'shop.tgz', data: shopTgz() }]);
    await waitForReport(page, ['shop.tgz']);
    const panel = page.locator('.chart[data-chart="shop"] .rendered-pods');
    await panel.waitFor();
    assert.match(await panel.locator('.res-title').textContent(), /Rendered pods/);
    const row = panel.locator('tbody tr').first();
    assert.match(await row.textContent(), /Deployment\/shop-web/);
    assert.equal(await row.locator('td').nth(1).textContent(), '2');
    const image = panel.locator('.image-list li').first();
    assert.match(await image.textContent(), /nginx:1\.25/);
    // the image's place: the template line that wrote it
    await image.locator('button.diag-loc').click();
    await page.locator('#source-dialog[open]').waitFor();
    assert.equal(await page.textContent('#source-title'), 'shop/templates/deployment.yaml');
    assert.match(await page.locator('#source-body .src-line.hl').textContent(), /image:/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('rendered-pods-en.png'), fullPage: true });
    assertClean();
  });

  test('K8S-001 checks the rendered objects against the Kubernetes schemas, fetched when first needed', async (t) => {
    const ctx = await openPage(browser, server, t);
    const { page, assertClean } = ctx;
    const fetched = [];
    page.on('request', (r) => { if (r.url().includes('/kube-schemas/')) fetched.push(new URL(r.url()).pathname); });
    // the Kubernetes setting: Helm's default preselected, every version the schemas cover offered
    assert.equal(await page.inputValue('#kube-version'), '1.32.0');
    assert.equal(await page.locator('#kube-version option').count(), 13);
    await page.selectOption('#kube-version', '1.30.0');
    await dropFiles(page, [{ name: 'shop.tgz', data: shopTgz() }]);
    await waitForReport(page, ['shop.tgz']);
    // shop's Deployment has no selector: the finding sits at the template's `spec:` line
    const row = page.locator('.chart[data-chart="shop"] .diag[data-rule="K8S-001"]').first();
    await row.waitFor();
    assert.match(await row.locator('.diag-msg').textContent(), /spec lacks the required field selector/);
    assert.match(await row.textContent(), /Kubernetes 1\.30 schema/);
    assert.deepEqual(fetched, ['/pkg/kube-schemas/1.30.json']);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('k8s-001-en.png') });
    assertClean();
  });

  test('HELM-005 loads the values.schema.json validator only for a chart that has a schema', async (t) => {
    const ctx = await openPage(browser, server, t);
    const { page, assertClean } = ctx;
    const fetched = [];
    page.on('request', (r) => { if (r.url().includes('/values-schema/')) fetched.push(new URL(r.url()).pathname); });
    await dropFiles(page, [{ name: 'shop.tgz', data: shopTgz() }]);
    await waitForReport(page, ['shop.tgz']);
    assert.deepEqual(fetched, [], 'no schema, no validator');
    const schema = '{"properties": {"replicas": {"type": "integer", "minimum": 3}}}';
    const withSchema = tarGz(Object.entries({ ...FILES, 'values.schema.json': schema })
      .map(([path, text]) => ({ path: `shop/${path}`, data: Buffer.from(text) })));
    await dropFiles(page, [{ name: 'shop-schema.tgz', data: withSchema }]);
    await waitForReport(page, ['shop-schema.tgz']);
    const row = page.locator('.chart[data-chart="shop"] .diag[data-rule="HELM-005"]').first();
    await row.waitFor();
    assert.match(await row.locator('.diag-msg').textContent(), /\/replicas breaks values\.schema\.json: it is 2, below the minimum 3/);
    assert.match(await row.locator('.diag-loc').first().textContent(), /values\.yaml:1/);
    assert.ok(fetched.some((p) => p.endsWith('/values_schema_bg.wasm')), fetched.join(', '));
    assertClean();
  });

  test('the values panel feeds the check: the rules read what the chart renders with your values', async (t) => {
    const { page, chart, mf, assertClean } = await openManifests(t);
    // values.yaml asks for 2 replicas without anti-affinity: HA-001 warns
    assert.equal(await chart.locator('.diag[data-rule="HA-001"]').count(), 1);
    assert.equal(await chart.locator('.user-values').count(), 0);
    await mf.locator('textarea[data-field="set"]').fill('replicas=1');
    await mf.locator('button.mf-check-values').click();
    // checked again with --set replicas=1: one replica, nothing to spread
    const shop = page.locator('.chart[data-chart="shop"]');
    await shop.locator('.user-values').waitFor();
    assert.equal(await shop.locator('.diag[data-rule="HA-001"]').count(), 0);
    // the panel keeps what was typed, for the next render and check
    await shop.locator('.chart-tab.tab-manifests').click();
    assert.equal(await shop.locator('textarea[data-field="set"]').inputValue(), 'replicas=1');
    await shop.locator('.chart-tab.tab-findings').click();
    await page.screenshot({ path: screenshotPath('check-with-values-en.png') });
    assertClean();
  });

  test('Chinese', async (t) => {
    const { page, mf, assertClean } = await openManifests(t, { locale: 'zh-CN' });
    assert.equal(await page.locator('.chart-tab.tab-manifests').textContent(), '渲染清单');
    assert.match(await mf.locator('.mf-status').textContent(), /3 个文档/);
    assert.equal(await page.locator('.rendered-pods .res-title').textContent(), '渲染出的 Pod');
    await page.screenshot({ path: screenshotPath('manifests-zh.png'), fullPage: true });
    assertClean();
  });
});
