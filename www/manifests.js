// The Manifests tab of a chart: what `helm template` would give Kubernetes (issue 9).
//
// A values panel (values files dropped or pasted, `--set` lines, release, namespace, Kubernetes
// version) feeds the worker's ws.render; this shows the rendered documents grouped by template,
// each line linked to the template line that wrote it (the source map), the templates that failed
// (with the include chain) and those not rendered for a missing dependency. Re-renders, debounced,
// as the user types. Chart data goes into the DOM as text only (dom.js), never as markup.

import { t, getLang } from './i18n.js';
import { h, clear, icon, richText, fileDropTarget } from './dom.js';
import { recheckWithValues } from './check.js';

const DEBOUNCE_MS = 250;
const MAX_VALUES_FILE = 5 * 1024 * 1024;

// What the user gave, per chart (kept across re-checks of the same input), and the last results.
const store = {
  perChart: new Map(), // key → { files: [{ name, text }], typed, set, releaseName, namespace, kubeVersion, filter }
  results: new Map(), // key → { render, ms, sig }
  report: null,
};

function inputsOf(key) {
  if (!store.perChart.has(key)) {
    store.perChart.set(key, { files: [], typed: '', set: '', releaseName: '', namespace: '', kubeVersion: '', filter: '' });
  }
  return store.perChart.get(key);
}

function sync(report) {
  if (store.report !== report) {
    store.report = report;
    store.results.clear();
  }
}

/** The options of ws.render for what the user gave. */
function renderOptions(given) {
  const values = given.files.map((f) => f.text);
  if (given.typed.trim()) values.push(given.typed);
  const set = given.set.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const o = { values, set };
  for (const k of ['releaseName', 'namespace', 'kubeVersion']) if (given[k].trim()) o[k] = given[k].trim();
  return o;
}

/**
 * The values panels' values of input `inputIdx`'s charts, for a check with them
 * ([{ root, values, set }]; charts without values left out).
 */
function checkValues(inputIdx) {
  const inputPath = store.report?.inputs[inputIdx]?.path ?? '';
  const out = [];
  for (const [key, given] of store.perChart) {
    const [path, root] = key.split('\u0000');
    if (path !== inputPath) continue;
    const { values, set } = renderOptions(given);
    if (values.length || set.length) out.push({ root, values, set });
  }
  return out;
}

/** All rendered documents as one YAML stream, as `helm template` prints them. */
export function yamlStream(documents) {
  return documents.map((d) => `---\n# Source: ${d.source}\n${d.text.endsWith('\n') ? d.text : d.text + '\n'}`).join('');
}

/**
 * The Manifests tab's panel of chart `chart` of input `inputIdx`.
 * ctx: { report, request(msg) → Promise<{render, ms}>, openSource(inputIdx, file, focus), hasFile(inputIdx, file) }
 */
export function manifestsPanel(chart, inputIdx, ctx) {
  sync(ctx.report);
  const inputPath = ctx.report.inputs[inputIdx]?.path ?? '';
  const key = `${inputPath}\u0000${chart.root}`;
  const given = inputsOf(key);
  const el = h('section.mf', { dataset: { chart: chart.name }, attrs: { 'aria-label': t('mf.title') } });
  const status = h('span.mf-status.muted.small', { attrs: { 'aria-live': 'polite' } });
  const out = h('div.mf-out');
  let seq = 0;
  let timer = 0;

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(compute, delay);
  }

  function changed() {
    status.textContent = t('mf.pending');
    schedule();
  }

  async function compute() {
    const options = renderOptions(given);
    const sig = JSON.stringify([options, getLang()]);
    const cached = store.results.get(key);
    if (cached && cached.sig === sig) {
      show(cached);
      return;
    }
    const mine = ++seq;
    el.dataset.state = 'rendering';
    status.textContent = t('mf.rendering');
    let res;
    try {
      res = await ctx.request({ type: 'render', input: inputIdx, chart: chart.name, options, lang: getLang() });
    } catch (e) {
      if (mine !== seq) return;
      el.dataset.state = 'failed';
      status.textContent = t('mf.failed', { msg: e.message || String(e) });
      return;
    }
    if (mine !== seq) return; // superseded by a newer edit
    const result = { render: res.render, ms: res.ms, sig };
    store.results.set(key, result);
    show(result);
  }

  function show(result) {
    clear(out);
    const r = result.render;
    if (!r) {
      out.append(h('p.muted', t('mf.noChart')));
    } else {
      linkFrames(r, chart);
      out.append(renderResult(r, inputIdx, ctx, given));
    }
    el.dataset.state = 'done';
    status.textContent = r
      ? t('mf.rendered', { n: r.documents.length, ms: result.ms < 1 ? '<1' : Math.round(result.ms) })
      : '';
  }

  el.append(
    h('div.mf-head',
      h('h4.mf-title', t('mf.title')),
      h('p.mf-intro.muted.small', richText(t('mf.intro'))),
      status),
    valuesPanel(key, inputIdx, chart, given, changed),
    out);

  const cached = store.results.get(key);
  if (cached) show(cached);
  schedule(0);
  return el;
}

/** Values files, typed values, --set lines, release, namespace and Kubernetes version. */
function valuesPanel(key, inputIdx, chart, given, changed) {
  const idBase = `mf-${inputIdx}-${chart.root.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const fileList = h('ul.mf-files.small');
  const drawFiles = () => {
    clear(fileList);
    given.files.forEach((f, i) => fileList.append(h('li.mf-file',
      h('span.mono', { text: `-f ${f.name}` }),
      h('button.btn.small.ghost', {
        type: 'button',
        attrs: { 'aria-label': t('mf.values.remove', { name: f.name }) },
        onclick: () => {
          given.files.splice(i, 1);
          drawFiles();
          changed();
        },
        text: '×',
      }))));
  };
  const note = h('span.mf-note.muted.small', { attrs: { 'aria-live': 'polite' } });
  const addFiles = async (files) => {
    for (const file of files) {
      if (file.size > MAX_VALUES_FILE) {
        note.textContent = t('mf.values.tooLarge', { name: file.name });
        continue;
      }
      try {
        given.files.push({ name: file.name, text: await file.text() });
      } catch {
        note.textContent = t('mf.values.unreadable', { name: file.name });
      }
    }
    drawFiles();
    changed();
  };
  const picker = h('input.visually-hidden', { type: 'file', multiple: true, tabIndex: -1, attrs: { 'aria-hidden': 'true', accept: '.yaml,.yml,.json,text/*' } });
  picker.addEventListener('change', () => {
    addFiles([...picker.files]);
    picker.value = '';
  });

  const area = (field, rows, placeholder) => {
    const a = h('textarea.cfg-text.mono', {
      id: `${idBase}-${field}`,
      spellcheck: false,
      attrs: { rows, placeholder, autocomplete: 'off', wrap: 'off', 'data-field': field },
    });
    a.value = given[field];
    a.addEventListener('input', () => {
      given[field] = a.value;
      changed();
    });
    return a;
  };
  const line = (field, placeholder) => {
    const i = h('input.mf-line.mono', { id: `${idBase}-${field}`, type: 'text', spellcheck: false, attrs: { placeholder, autocomplete: 'off', 'data-field': field } });
    i.value = given[field];
    i.addEventListener('input', () => {
      given[field] = i.value;
      changed();
    });
    return h('label.mf-field.small', h('span', { text: t(`mf.${field}`) }), i);
  };

  const card = h('div.cfg-card.mf-values', { dataset: { field: 'values' } },
    h('div.cfg-card-head',
      h('label.cfg-card-title', { htmlFor: `${idBase}-typed`, text: t('mf.values.title') }),
      h('span.cfg-card-actions',
        h('button.btn.small', { type: 'button', onclick: () => picker.click() }, icon('upload'), t('mf.values.add')))),
    h('p.cfg-hint.muted.small', richText(t('mf.values.hint'))),
    fileList,
    area('typed', 5, t('mf.values.placeholder')),
    note,
    h('div.mf-check-with',
      h('button.btn.small.primary.mf-check-values', {
        type: 'button',
        title: t('mf.checkWithTitle'),
        onclick: () => recheckWithValues(checkValues(inputIdx)),
        text: t('mf.checkWith'),
      })),
    picker);
  // A values file dropped here is added to the list (and does not start a new check).
  fileDropTarget(card, addFiles);
  drawFiles();

  const setCard = h('div.cfg-card.mf-set', { dataset: { field: 'set' } },
    h('div.cfg-card-head', h('label.cfg-card-title', { htmlFor: `${idBase}-set`, text: t('mf.set.title') })),
    h('p.cfg-hint.muted.small', richText(t('mf.set.hint'))),
    area('set', 3, 'image.tag=1.2.3\nreplicas=3'),
    h('div.mf-fields',
      line('releaseName', chart.name),
      line('namespace', chart.name),
      line('kubeVersion', '1.31.0')));
  return h('div.cfg-inputs.mf-inputs', card, setCard);
}

// A frame of the source map or of an error: { template, line, col, file? }. Templates are named
// as Helm names them (`mychart/templates/x.yaml`, `mychart/charts/sub/templates/y.yaml`); `file`
// is that file's path in the input (under the chart's root), which the source drawer opens when
// the input holds it (a subchart packed as an archive has no such file).
function linkFrames(r, chart) {
  const fileOf = (template) => {
    const rest = template.slice(template.indexOf('/') + 1);
    return chart.root ? `${chart.root}/${rest}` : rest;
  };
  const link = (f) => {
    if (f && f.template && !f.file) f.file = fileOf(f.template);
    for (const c of f?.chain || []) link(c);
  };
  for (const d of r.documents || []) for (const l of d.lines || []) link(l);
  // The compact source map (what the worker asks for): frames made per line when drawn.
  r.templateFiles = (r.templates || []).map(fileOf);
  for (const chain of r.chains || []) for (const c of chain) link(c);
  for (const e of r.errors || []) {
    link(e.at);
    for (const c of e.chain || []) link(c);
  }
}

function frameText(f) {
  return `${f.template}:${f.line}:${f.col}`;
}

/** A location: a button opening the template when the input holds it, else plain text. */
function locButton(f, inputIdx, ctx) {
  const text = frameText(f);
  if (!f.file || !ctx.hasFile(inputIdx, f.file)) return h('span.mf-loc.mono.muted.small', { text });
  return h('button.diag-loc.mono.mf-loc', {
    type: 'button',
    title: t('diag.open', { file: f.file, line: f.line }),
    attrs: { 'aria-haspopup': 'dialog' },
    onclick: () => ctx.openSource(inputIdx, f.file, { line: f.line, column: f.col, end_line: f.line }),
    text: `${f.file.split('/').pop()}:${f.line}:${f.col}`,
  });
}

function renderResult(r, inputIdx, ctx, given) {
  const frag = document.createDocumentFragment();
  if (r.fatal) frag.append(h('p.mf-fatal.mf-error.sev-error', icon('error'), h('span.mf-error-msg', { text: r.fatal })));
  if (r.errors?.length) {
    frag.append(h('ul.mf-errors', r.errors.map((e) => h('li.mf-error.sev-error', { dataset: { template: e.template } },
      icon('error'),
      locButton(e.at, inputIdx, ctx),
      h('span.mf-error-msg.mono', { text: e.message }),
      e.chain?.length
        ? h('ol.mf-chain.small', e.chain.map((c) => h('li', h('span.muted', { text: t('mf.calledFrom') }), ' ', locButton(c, inputIdx, ctx))))
        : null))));
  }
  const notes = [
    ...(r.notRendered || []).map((n) => ({ template: n.template, text: t('mf.notRendered', { dependency: n.dependency, include: n.include }) })),
    ...(r.warnings || []).map((w) => ({ template: '', text: w })),
  ];
  if (notes.length) {
    frag.append(h('ul.mf-skipped', notes.map((n) => h('li.mf-skip.sev-info', { dataset: { template: n.template } },
      icon('info'),
      n.template ? h('span.mono', { text: n.template }) : null,
      h('span', richText(n.text))))));
  }

  const docs = r.documents || [];
  const filter = h('input.mf-filter', {
    type: 'search',
    attrs: { placeholder: t('mf.filter'), 'aria-label': t('mf.filter') },
  });
  filter.value = given.filter;
  const count = h('span.mf-count.muted.small');
  const copy = h('button.btn.small', { type: 'button' }, t('mf.copy'));
  const download = h('button.btn.small', { type: 'button' }, t('mf.download'));
  const list = h('div.mf-docs');
  const matching = () => {
    const q = given.filter.trim().toLowerCase();
    if (!q) return docs;
    return docs.filter((d) => `${d.kind ?? ''} ${d.name ?? ''} ${d.namespace ?? ''} ${d.source}`.toLowerCase().includes(q));
  };
  const draw = () => {
    clear(list);
    const shown = matching();
    count.textContent = t('mf.count', { n: shown.length, total: docs.length });
    const bySource = new Map();
    for (const d of shown) {
      if (!bySource.has(d.source)) bySource.set(d.source, []);
      bySource.get(d.source).push(d);
    }
    for (const [source, group] of bySource) {
      list.append(h('details.mf-template', { open: true, dataset: { source } },
        h('summary.mono', { text: `# Source: ${source}` }, h('span.muted.small', { text: `  ${group.length > 1 ? t('mf.docs', { n: group.length }) : ''}` })),
        group.map((d) => documentView(r, d, inputIdx, ctx))));
    }
    if (!shown.length) list.append(h('p.muted.small', t(docs.length ? 'mf.noMatch' : 'mf.empty')));
  };
  filter.addEventListener('input', () => {
    given.filter = filter.value;
    draw();
  });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(yamlStream(matching()));
      copy.textContent = t('mf.copied');
    } catch {
      copy.textContent = t('mf.copyFailed');
    }
    setTimeout(() => (copy.textContent = t('mf.copy')), 1500);
  });
  download.addEventListener('click', () => {
    const blob = new Blob([yamlStream(matching())], { type: 'application/yaml' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `${r.chart || 'manifests'}.yaml` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  frag.append(h('div.mf-toolbar', filter, count, copy, download), list);
  draw();
  return frag;
}

/** Where line `i` of document `d` came from: its `lines` entry, or made from the compact `origins`. */
function originAt(r, d, i) {
  if (d.lines) return d.lines[i];
  const o = d.origins;
  if (!o || 4 * i + 3 >= o.length) return undefined;
  const k = o[4 * i];
  return { template: r.templates[k], file: r.templateFiles[k], line: o[4 * i + 1], col: o[4 * i + 2], chain: r.chains[o[4 * i + 3]] };
}

/** One rendered document: a header (kind, name, namespace) and its lines, each linked to its origin. */
function documentView(r, d, inputIdx, ctx) {
  const lines = d.text.replace(/\n$/, '').split('\n');
  const digits = String(lines.length).length;
  const body = h('div.mf-doc-body.mono');
  lines.forEach((text, i) => {
    const origin = originAt(r, d, i);
    const canOpen = origin?.file && ctx.hasFile(inputIdx, origin.file);
    const row = h(`div.src-line.mf-line${canOpen ? '.linked' : ''}`,
      h('span.src-ln', { text: String(i + 1).padStart(digits, ' '), attrs: { 'aria-hidden': 'true' } }),
      h('span.src-code', { text }));
    if (origin) {
      row.title = [frameText(origin), ...(origin.chain || []).map((c) => `← ${frameText(c)}`)].join('\n');
      row.dataset.origin = frameText(origin);
    }
    if (canOpen) {
      row.tabIndex = 0;
      row.setAttribute('role', 'button');
      const open = () => ctx.openSource(inputIdx, origin.file, { line: origin.line, column: origin.col, end_line: origin.line });
      row.addEventListener('click', open);
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') open();
      });
    }
    body.append(row);
  });
  const head = [d.kind, d.name].filter(Boolean).join(' / ') || t('mf.untitled');
  return h('div.mf-doc', { dataset: { kind: d.kind ?? '', name: d.name ?? '' } },
    h('div.mf-doc-head',
      h('span.mf-kind', { text: head }),
      d.namespace ? h('span.muted.small', { text: ` · ${d.namespace}` }) : null),
    body);
}
