// The Config tab of a chart: what values will the product really get? (issue 3, guide §1.1.6.4)
//
// The user drops or pastes a license, a config CRD, a custom_config (and, optionally, configs of
// products installed on the platform); the worker renders the chart's data_template and merges
// the layers (ws.config); this shows the rendered template, the final values with the layer of
// every leaf, and the diff against values.yaml. Live: recomputed (debounced) as the inputs change.
//
// Chart data goes into the DOM as text only (dom.js: h/textContent), never as markup.

import { t, pick } from './i18n.js';
import { h, clear, icon, breakable, fileDropTarget } from './dom.js';

/** The merge layers, lowest priority first (README "Config preview"). */
export const LAYERS = ['values', 'data_template', 'config_crd', 'topology', 'license', 'custom_config'];

/** The user inputs of a preview: `shared` ones apply to every chart (one license per platform). */
const FIELDS = [
  { key: 'license', shared: true },
  { key: 'configCrd', shared: false },
  { key: 'custom', shared: false },
  { key: 'products', shared: true },
];

const DEBOUNCE_MS = 200;

// What the user typed, by field (shared) or by chart key and field; last results by chart key.
const store = {
  shared: { license: { text: '', name: '' }, products: { text: '', name: '' } },
  perChart: new Map(), // key → { configCrd: {text, name}, custom: {text, name} }
  results: new Map(), // key → { config, ms, sig }
  report: null, // the report the results belong to
  panels: new Set(), // mounted panels (to refresh them all when a shared input changes)
};

function chartInputs(key) {
  if (!store.perChart.has(key)) {
    store.perChart.set(key, { configCrd: { text: '', name: '' }, custom: { text: '', name: '' } });
  }
  return store.perChart.get(key);
}

function fieldOf(key, field) {
  const f = FIELDS.find((x) => x.key === field);
  return f.shared ? store.shared[field] : chartInputs(key)[field];
}

/** What a preview is computed from, as the options of ws.config. */
function optionsFor(key) {
  const o = {};
  for (const f of FIELDS) {
    const v = fieldOf(key, f.key);
    if (v.text.trim()) {
      o[f.key] = v.text;
      if (v.name) o[`${f.key}Name`] = v.name;
    }
  }
  return o;
}

/** Forget results that belong to an older report (inputs typed by the user are kept). */
function sync(report) {
  if (store.report !== report) {
    store.report = report;
    store.results.clear();
  }
}

/**
 * The Config tab's panel of chart `chart` of input `inputIdx`.
 * ctx: { report, request(msg) → Promise<{config, ms}>, openSource(inputIdx, file, focus), hasFile(inputIdx, file) }
 */
export function configPanel(chart, inputIdx, ctx) {
  sync(ctx.report);
  const inputPath = ctx.report.inputs[inputIdx]?.path ?? '';
  const key = `${inputPath}\u0000${chart.root}`;
  const el = h('section.cfg', { dataset: { chart: chart.name }, attrs: { 'aria-label': t('cfg.title') } });
  const status = h('span.cfg-status.muted.small', { attrs: { 'aria-live': 'polite' } });
  const out = h('div.cfg-out');
  let seq = 0;
  let timer = 0;

  const panel = { el, refresh: () => schedule(0) };
  store.panels.add(panel);

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(compute, delay);
  }

  async function compute() {
    if (!el.isConnected && store.results.has(key)) return;
    const opts = optionsFor(key);
    const sig = JSON.stringify(opts);
    const cached = store.results.get(key);
    if (cached && cached.sig === sig) {
      show(cached);
      return;
    }
    const mine = ++seq;
    el.dataset.state = 'computing';
    status.textContent = t('cfg.computing');
    let res;
    try {
      res = await ctx.request({ type: 'config', input: inputIdx, chart: chart.name, options: opts });
    } catch (e) {
      if (mine !== seq) return;
      el.dataset.state = 'failed';
      status.textContent = t('cfg.failed', { msg: e.message || String(e) });
      return;
    }
    if (mine !== seq) return; // a newer input superseded this one
    const result = { config: res.config, ms: res.ms, sig };
    store.results.set(key, result);
    show(result);
  }

  function show(result) {
    clear(out);
    const cfg = result.config;
    if (!cfg) {
      out.append(h('p.muted', t('cfg.noChart')));
      el.dataset.state = 'done';
      status.textContent = '';
      return;
    }
    out.append(renderResult(cfg, chart, inputIdx, ctx));
    el.dataset.state = 'done';
    status.textContent = t('cfg.computed', { ms: result.ms < 1 ? '<1' : Math.round(result.ms) });
  }

  // --- the inputs
  const cards = h('div.cfg-inputs');
  for (const f of FIELDS.filter((x) => x.key !== 'products')) cards.append(inputCard(f));
  const products = h('details.cfg-more', h('summary', t('cfg.in.products.title')), inputCard(FIELDS.find((x) => x.key === 'products')));
  if (store.shared.products.text.trim()) products.open = true;

  function inputCard(f) {
    const v = fieldOf(key, f.key);
    const id = `cfg-${f.key}-${inputIdx}-${chart.root.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const area = h('textarea.cfg-text.mono', {
      id,
      spellcheck: false,
      attrs: { rows: 7, placeholder: t(`cfg.in.${f.key}.placeholder`), 'data-field': f.key, autocomplete: 'off', wrap: 'off' },
    });
    area.value = v.text;
    const name = h('span.cfg-file.muted.small.mono', { text: v.name });
    const picker = h('input.visually-hidden', { type: 'file', tabIndex: -1, attrs: { 'aria-hidden': 'true', accept: '.yaml,.yml,.json,.txt,text/*' } });
    const set = (text, fileName) => {
      const target = fieldOf(key, f.key);
      target.text = text;
      target.name = fileName;
      area.value = text;
      name.textContent = fileName;
      if (f.shared) for (const p of store.panels) if (p !== panel) p.sync?.(f.key);
      onChange(f);
    };
    area.addEventListener('input', () => {
      const target = fieldOf(key, f.key);
      target.text = area.value;
      if (!area.value) {
        target.name = '';
        name.textContent = '';
      }
      if (f.shared) for (const p of store.panels) if (p !== panel) p.sync?.(f.key);
      onChange(f);
    });
    const readFile = async (file) => {
      if (!file) return;
      if (file.size > 5 * 1024 * 1024) {
        name.textContent = t('cfg.tooLarge', { name: file.name });
        return;
      }
      try {
        set(await file.text(), file.name);
      } catch (e) {
        name.textContent = t('cfg.unreadable', { name: file.name });
      }
    };
    picker.addEventListener('change', () => {
      readFile(picker.files[0]);
      picker.value = '';
    });
    const card = h(`div.cfg-card${f.shared ? '.shared' : ''}`, { dataset: { field: f.key } },
      h('div.cfg-card-head',
        h('label.cfg-card-title', { htmlFor: id, text: t(`cfg.in.${f.key}.title`) }),
        f.shared ? h('span.cfg-shared.muted.small', { title: t('cfg.sharedTitle'), text: t('cfg.shared') }) : null,
        h('span.cfg-card-actions',
          h('button.btn.small', { type: 'button', onclick: () => picker.click() }, icon('upload'), t('cfg.choose')),
          h('button.btn.small.ghost', { type: 'button', onclick: () => set('', '') , text: t('cfg.clear') }))),
      h('p.cfg-hint.muted.small', t(`cfg.in.${f.key}.hint`)),
      area,
      name,
      picker);
    // A file dropped here fills this input (and does not start a new check of the page).
    fileDropTarget(card, (files) => readFile(files[0]));
    card.syncFrom = () => {
      const cur = fieldOf(key, f.key);
      if (area.value !== cur.text) area.value = cur.text;
      name.textContent = cur.name;
    };
    return card;
  }

  // Another panel changed a shared input: show it here, recompute.
  panel.sync = (field) => {
    if (!el.isConnected) {
      store.panels.delete(panel);
      return;
    }
    for (const card of el.querySelectorAll(`.cfg-card[data-field="${field}"]`)) card.syncFrom?.();
    schedule();
  };

  function onChange() {
    status.textContent = t('cfg.pending');
    schedule();
  }

  el.append(
    h('div.cfg-head',
      h('h4.cfg-title', t('cfg.title')),
      h('p.cfg-intro.muted.small', t('cfg.intro')),
      status),
    cards,
    products,
    out);

  const cached = store.results.get(key);
  if (cached) show(cached);
  schedule(0);
  return el;
}

/** The layers, lowest priority first, with their colours (a bilingual legend). */
function legend(present) {
  const box = h('div.cfg-legend', { attrs: { role: 'list', 'aria-label': t('cfg.legend') } },
    h('span.cfg-legend-title.muted.small', t('cfg.legend')));
  LAYERS.forEach((l, i) => {
    if (i) box.append(h('span.cfg-legend-sep.muted', { attrs: { 'aria-hidden': 'true' }, text: '<' }));
    box.append(h(`span.cfg-layer.layer-${l}${present && !present.includes(l) ? '.absent' : ''}`, {
      attrs: { role: 'listitem' },
      title: t(`cfg.layer.${l}.title`),
      text: t(`cfg.layer.${l}`),
    }));
  });
  return box;
}

function layerBadge(layer) {
  return h(`span.cfg-layer.layer-${layer}`, { title: t(`cfg.layer.${layer}.title`), text: t(`cfg.layer.${layer}`) });
}

/** A value as YAML writes it, compact: strings plain unless they would read as something else. */
function show(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') {
    const plain = v !== '' && !/^(?:[-?:,[\]{}#&*!|>'"%@`\s]|(?:true|false|yes|no|on|off|y|n|null|~)$)/i.test(v) &&
      !/[\s]$|: | #|[\u0000-\u001f]/.test(v) && Number.isNaN(Number(v));
    return plain ? v : JSON.stringify(v);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function valueAt(values, keys) {
  let v = values;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = v[k];
  }
  return v;
}

function renderResult(cfg, chart, inputIdx, ctx) {
  const frag = document.createDocumentFragment();
  const present = cfg.layers || [];
  // the legend with absent layers greyed, and where each layer comes from
  frag.append(h('div.cfg-sources',
    legend(present),
    h('ul.cfg-source-list.small', (cfg.sources || []).map((s) => h('li', { dataset: { layer: s.layer } },
      layerBadge(s.layer),
      h('span.mono', { text: s.file }),
      s.at ? h('span.muted.mono', { text: ` · ${s.at}` }) : null))),
    h('p.small.muted.cfg-replicas', t(cfg.replicas_from_license ? 'cfg.replicas.license' : 'cfg.replicas.default', { n: cfg.replicas_by_modality })),
    cfg.products && cfg.products.length ? h('p.small.muted.cfg-products', t('cfg.productsSeen', { list: cfg.products.join(', ') })) : null));

  const errors = cfg.errors || [];
  if (errors.length) {
    frag.append(h('ul.cfg-errors', errors.map((e) => h(`li.cfg-error.sev-${e.severity}`, { dataset: { input: e.input } },
      icon(e.severity),
      h('span.cfg-error-input.mono', { text: t(`cfg.input.${e.input}`) }),
      e.file ? h('span.cfg-error-loc.mono.muted', { text: e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file }) : null,
      h('span.cfg-error-msg', { text: pick(e.message, e.message_zh) })))));
  }

  const grid = h('div.cfg-grid');
  grid.append(valuesView(cfg, chart, inputIdx, ctx));
  const side = h('div.cfg-side');
  side.append(diffView(cfg));
  if (cfg.rendered_template != null) side.append(renderedView(cfg.rendered_template));
  grid.append(side);
  frag.append(grid);
  return frag;
}

function valuesView(cfg, chart, inputIdx, ctx) {
  const box = h('div.cfg-values');
  box.append(h('h5.cfg-sub', t('cfg.values.title')));
  const rows = h('div.cfg-tree.mono', { attrs: { role: 'table', 'aria-label': t('cfg.values.title') } });
  let prev = [];
  for (const p of cfg.provenance || []) {
    const keys = p.keys || [];
    let common = 0;
    while (common < prev.length && common < keys.length - 1 && prev[common] === keys[common]) common++;
    for (let d = common; d < keys.length - 1; d++) {
      const row = h('div.cfg-row.cfg-map', { attrs: { role: 'row' } },
        h('span.cfg-key', { attrs: { role: 'cell' } }, indent(d), h('span', { text: `${keys[d]}:` })));
      rows.append(row);
    }
    const value = valueAt(cfg.values, keys);
    const leafKey = keys.length ? keys[keys.length - 1] : '';
    const loc = p.file ? `${p.file}${p.line ? ':' + p.line : ''}` : '';
    const canOpen = p.file && ctx.hasFile(inputIdx, p.file);
    rows.append(h(`div.cfg-row.cfg-leaf.layer-${p.layer}`, { dataset: { path: p.path, layer: p.layer }, attrs: { role: 'row' } },
      h('span.cfg-key', { attrs: { role: 'cell' } },
        indent(Math.max(0, keys.length - 1)),
        leafKey !== '' ? h('span', { text: `${leafKey}: ` }) : null,
        h('span.cfg-val', { text: show(value) })),
      h('span.cfg-prov', { attrs: { role: 'cell' } },
        layerBadge(p.layer),
        loc
          ? canOpen
            ? h('button.diag-loc.mono.cfg-loc', {
                type: 'button',
                title: p.line ? t('diag.open', { file: p.file, line: p.line }) : t('diag.openFile', { file: p.file }),
                attrs: { 'aria-haspopup': 'dialog' },
                onclick: () => ctx.openSource(inputIdx, p.file, p.line ? { line: p.line, column: 1, end_line: p.line } : null),
                text: `${p.file.split('/').pop()}${p.line ? ':' + p.line : ''}`,
              })
            : h('span.cfg-loc.muted.small', { title: loc, text: `${p.file.split('/').pop()}${p.line ? ':' + p.line : ''}` })
          : null)));
    prev = keys;
  }
  if (!(cfg.provenance || []).length) rows.append(h('p.muted.small', t('cfg.values.empty')));
  box.append(rows);
  return box;
}

function indent(depth) {
  return depth ? h('span.cfg-indent', { text: '  '.repeat(depth), attrs: { 'aria-hidden': 'true' } }) : null;
}

function diffView(cfg) {
  const all = cfg.diff || [];
  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const d of all) counts[d.kind] = (counts[d.kind] || 0) + 1;
  const box = h('div.cfg-diff');
  const toggle = h('input', { type: 'checkbox' });
  const table = h('div.cfg-diff-table-wrap');
  const draw = () => {
    clear(table);
    const shown = all.filter((d) => toggle.checked || d.kind !== 'unchanged');
    if (!shown.length) {
      table.append(h('p.muted.small', t('cfg.diff.none')));
      return;
    }
    table.append(h('table.cfg-diff-table',
      h('thead', h('tr',
        h('th', { scope: 'col', text: t('cfg.diff.col.kind') }),
        h('th', { scope: 'col', text: t('cfg.diff.col.path') }),
        h('th', { scope: 'col', text: t('cfg.diff.col.old') }),
        h('th', { scope: 'col', text: t('cfg.diff.col.new') }))),
      h('tbody', shown.map((d) => h(`tr.cfg-diff-${d.kind}`, { dataset: { path: d.path, kind: d.kind } },
        h('td', h(`span.cfg-kind.kind-${d.kind}`, { text: t(`cfg.diff.${d.kind}`) })),
        h('td.mono.cfg-diff-path', { title: d.path }, breakable(d.path)),
        h('td.mono', { text: 'old' in d ? show(d.old) : d.kind === 'unchanged' ? show(d.new) : '' }),
        h('td.mono', d.kind === 'removed' ? '' : [show(d.new), ' ', d.layer ? layerBadge(d.layer) : null]))))));
  };
  toggle.addEventListener('change', draw);
  box.append(
    h('h5.cfg-sub', t('cfg.diff.title')),
    h('p.small.cfg-diff-counts',
      ['added', 'changed', 'removed', 'unchanged'].map((k) => h(`span.cfg-kind.kind-${k}`, { text: `${t(`cfg.diff.${k}`)} ${counts[k]}` }))),
    h('label.small.cfg-diff-toggle', toggle, ` ${t('cfg.diff.showUnchanged')}`),
    table);
  draw();
  return box;
}

function renderedView(text) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const digits = String(lines.length).length;
  const body = h('div.cfg-rendered.mono');
  lines.forEach((line, i) => body.append(h('div.src-line',
    h('span.src-ln', { text: String(i + 1).padStart(digits, ' '), attrs: { 'aria-hidden': 'true' } }),
    h('span.src-code', { text: line }))));
  return h('details.cfg-rendered-box', { open: true },
    h('summary.cfg-sub', t('cfg.rendered.title')),
    h('p.small.muted', t('cfg.rendered.hint')),
    body);
}
