// End-to-end tests of the Config preview tab (issue 3) in Debian's headless Chromium.
// Run: npm run build && node --test tests/e2e/config.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES, dropFiles, openPage, readTree, screenshotPath, startPageSession, stopPageSession, tarGz, waitForReport,
} from './helpers.mjs';

const FIX = join(FIXTURES, 'config-preview');
const PORTAL = 'orbit-portal.tgz';
const MARIADB = 'mariadb.tgz';

let server;
let browser;
before(async () => ({ server, browser } = await startPageSession()));
after(() => stopPageSession({ server, browser }));

/** A packaged chart (`<name>/Chart.yaml` …) of a fixture folder, as `helm package` makes it. */
function chartTgz(name) {
  return tarGz(readTree(join(FIX, name), name));
}

const text = (name) => readFileSync(join(FIX, name), 'utf8');

/** Drop a file on an element (a Config tab input card), with a DataTransfer built in the page. */
async function dropOn(page, selector, name, content) {
  await page.evaluate(
    ({ selector, name, content }) => {
      const el = document.querySelector(selector);
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'application/yaml' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    { selector, name, content },
  );
}

/** The page with the product and its dependency checked, the product's Config tab open. */
async function portalAndMariadb(t, opts) {
  const ctx = await openPage(browser, server, t, opts);
  const { page } = ctx;
  await dropFiles(page, [{ name: PORTAL, data: chartTgz('orbit-portal') }, { name: MARIADB, data: chartTgz('mariadb') }]);
  const report = await waitForReport(page, [PORTAL, MARIADB]);
  const chart = page.locator('section.input[data-input="0"] .chart[data-chart="orbit-portal"]');
  await chart.locator('.chart-tab.tab-config').click();
  const cfg = chart.locator('.cfg');
  await cfg.locator('.cfg-leaf').first().waitFor();
  await page.waitForFunction((el) => el.dataset.state === 'done', await cfg.elementHandle());
  return { ...ctx, report, chart, cfg };
}

/** Wait until leaf `path` of the panel shows `layer`, and give its value text. */
async function leaf(page, cfg, path, layer) {
  const row = cfg.locator(`.cfg-leaf[data-path="${path}"]${layer ? `[data-layer="${layer}"]` : ''}`);
  await row.waitFor({ timeout: 10_000 });
  return (await row.locator('.cfg-val').textContent()).trim();
}

describe('config preview tab', () => {
  test('a product and its dependency, then a license dropped: merged values with provenance', async (t) => {
    const { page, assertClean, report, chart, cfg } = await portalAndMariadb(t);
    // the findings tab is the default, and the report itself has no config (ws.check)
    assert.equal(report.inputs[0].charts[0].config, undefined);
    assert.equal(await chart.locator('.chart-tab.tab-config').getAttribute('aria-selected'), 'true');
    assert.equal(await chart.locator('.chart-body').isHidden(), true);

    // before any input: values.yaml and the rendered data_template; mariadb is installed alongside
    assert.equal(await leaf(page, cfg, 'pod.replicas.api', 'data_template'), '3', 'replicas_by_modality defaults to 3');
    assert.equal(await leaf(page, cfg, 'pod.replicas.worker', 'values'), '1');
    assert.equal(await leaf(page, cfg, 'endpoints.oslo_db.host', 'data_template'), 'mariadb.openstack.svc.cluster.local', 'safe_render read mariadb');
    const password = await leaf(page, cfg, 'endpoints.oslo_db.password', 'data_template');
    assert.match(password, /^[A-Za-z0-9"]{12,14}$/, `${password}: mariadb's random_password placeholder`);
    assert.equal(await leaf(page, cfg, 'conf.db_mode', 'data_template'), 'external', '% if mariadb: took its branch');
    assert.match(await cfg.locator('.cfg-products').textContent(), /mariadb/);
    assert.match(await cfg.locator('.cfg-rendered').textContent(), /host: mariadb\.openstack\.svc\.cluster\.local/);

    // drop the license on its card: topology and license config join, replicas from the license
    await dropOn(page, 'section.input[data-input="0"] .cfg-card[data-field="license"]', 'license.yaml', text('license.yaml'));
    assert.equal(await leaf(page, cfg, 'pod.replicas.dashboard', 'license'), '3', 'license config (3) beats topology (4)');
    assert.equal(await leaf(page, cfg, 'pod.replicas.worker', 'topology'), '2');
    assert.equal(await leaf(page, cfg, 'pod.replicas.api', 'data_template'), '2', 'default_product_replicas: 2');
    assert.equal(await leaf(page, cfg, 'conf.debug', 'license'), 'true');
    assert.match(await cfg.locator('.cfg-card[data-field="license"] .cfg-file').textContent(), /license\.yaml/);
    assert.match(await cfg.locator('.cfg-replicas').textContent(), /= 2 .*license/);
    // the drop filled the input; it did not start a new check
    assert.deepEqual((await page.evaluate(() => window.ecplintReport)).inputs.map((i) => i.path), [PORTAL, MARIADB]);

    // provenance: badge and location of a license leaf
    const dash = cfg.locator('.cfg-leaf[data-path="pod.replicas.dashboard"]');
    assert.equal(await dash.locator('.cfg-layer').textContent(), 'license config');
    assert.match(await dash.locator('.cfg-loc').textContent(), /^license\.yaml:\d+$/);
    // a values.yaml leaf opens the source drawer at its line
    const user = cfg.locator('.cfg-leaf[data-path="endpoints.oslo_db.user"]');
    assert.equal(await user.getAttribute('data-layer'), 'values');
    await user.locator('button.cfg-loc').click();
    await page.locator('#source-dialog[open]').waitFor();
    assert.match(await page.textContent('#source-title'), /orbit-portal\/values\.yaml$/);
    assert.match(await page.locator('.src-line.hl').textContent(), /user: portal/);
    await page.keyboard.press('Escape');

    // legend: every layer, lowest priority first, absent ones dimmed
    const legend = cfg.locator('.cfg-sources .cfg-legend .cfg-layer');
    assert.deepEqual(await legend.allTextContents(), ['values.yaml', 'data_template', 'config CRD', 'topology', 'license config', 'custom_config']);
    assert.equal(await cfg.locator('.cfg-sources .cfg-layer.layer-config_crd.absent').count(), 1);

    // type a custom_config: live, the highest priority
    await cfg.locator('.cfg-card[data-field="custom"] textarea').fill('custom_config:\n  pod:\n    replicas:\n      dashboard: 7\n  conf:\n    theme: light\n');
    assert.equal(await leaf(page, cfg, 'pod.replicas.dashboard', 'custom_config'), '7');
    assert.equal(await leaf(page, cfg, 'conf.theme', 'custom_config'), 'light');

    // the diff against values.yaml
    const row = cfg.locator('.cfg-diff-table tr[data-path="pod.replicas.dashboard"]');
    assert.equal(await row.getAttribute('data-kind'), 'changed');
    assert.match(await row.textContent(), /1.*7/);
    assert.equal(await cfg.locator('.cfg-diff-table tr[data-path="conf.theme"]').getAttribute('data-kind'), 'added');
    assert.equal(await cfg.locator('.cfg-diff-table tr[data-kind="unchanged"]').count(), 0, 'unchanged rows hidden by default');
    await cfg.locator('.cfg-diff-toggle input').check();
    assert.ok(await cfg.locator('.cfg-diff-table tr[data-kind="unchanged"]').count() > 0);

    await cfg.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('ecplint-config-en.png'), fullPage: false });
    assertClean();
  });

  test('the license is shared: the dependency previews with it; Chinese keeps the tab and its inputs', async (t) => {
    const { page, assertClean, cfg } = await portalAndMariadb(t);
    await cfg.locator('.cfg-card[data-field="license"] textarea').fill(text('license.yaml'));
    await leaf(page, cfg, 'pod.replicas.dashboard', 'license');

    const maria = page.locator('section.input[data-input="1"] .chart[data-chart="mariadb"]');
    await maria.locator('.chart-tab.tab-config').click();
    const mcfg = maria.locator('.cfg');
    assert.equal(await mcfg.locator('.cfg-card[data-field="license"] textarea').inputValue(), text('license.yaml'));
    assert.equal(await leaf(page, mcfg, 'pod.replicas.server', 'data_template'), '5', 'mariadb: default_product_replicas 5');
    assert.equal(await mcfg.locator('.cfg-error.sev-error').count(), 0);

    // Chinese: the page re-renders; the tabs, the inputs and the preview stay
    await page.click('.lang-btn[data-lang="zh"]');
    const zcfg = page.locator('section.input[data-input="0"] .chart[data-chart="orbit-portal"] .cfg');
    await zcfg.locator('.cfg-leaf').first().waitFor();
    assert.equal(await page.locator('section.input[data-input="0"] .chart-tab.tab-config').textContent(), '配置预览');
    assert.equal(await zcfg.locator('.cfg-title').textContent(), '配置预览');
    assert.match(await zcfg.locator('.cfg-sources .cfg-legend').textContent(), /拓扑数据.*license 配置/);
    assert.equal(await zcfg.locator('.cfg-leaf[data-path="pod.replicas.worker"] .cfg-layer').textContent(), '拓扑数据');
    assert.equal(await zcfg.locator('.cfg-card[data-field="license"] textarea').inputValue(), text('license.yaml'));
    await zcfg.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('ecplint-config-zh.png'), fullPage: false });
    assertClean();
  });

  test('hostile inputs: errors in the panel, the preview and the page keep working', async (t) => {
    const { page, assertClean, cfg } = await portalAndMariadb(t);
    const area = cfg.locator('.cfg-card[data-field="license"] textarea');
    // deep flow nesting, then an alias bomb, then not a license at all
    const deep = `data:\n  cloud_product:\n    orbit-portal:\n      config: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    await area.fill(deep);
    await cfg.locator('.cfg-error[data-input="license"]').first().waitFor();
    assert.equal(await leaf(page, cfg, 'pod.replicas.api', 'data_template'), '3');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [p, q] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb.push(`${p}: &${p} [${Array(10).fill(`*${q}`).join(', ')}]`);
    await area.fill(bomb.join('\n') + '\n');
    await page.waitForFunction(() => [...document.querySelectorAll('.cfg-error[data-input="license"]')].some((e) => /values|值/.test(e.textContent)));
    await area.fill('<script>alert(1)</script>: [1');
    await cfg.locator('.cfg-error[data-input="license"]').first().waitFor();
    assert.equal(await page.locator('script:not([src]):not([type])').count(), 0, 'never parsed as HTML');
    await area.fill('');
    await page.waitForFunction(() => !document.querySelector('.cfg-error[data-input="license"]'));
    assert.equal(await leaf(page, cfg, 'pod.replicas.api', 'data_template'), '3');
    assertClean();
  });
});
