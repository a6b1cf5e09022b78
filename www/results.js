// The results: the toolbar (severity, group and text filters, export, clear), the summary, and
// every input with its charts and findings (each chart with its resource panel and Config tab).
// Rendering is sliced so that a report of a hundred charts keeps the page responsive.

import { t, pick } from './i18n.js';
import { $, h, clear, richText, icon, breakable, plain } from './dom.js';
import { catalog, ruleGroup, ruleTitle, groupLabel } from './rules.js';
import { request } from './worker-client.js';
import { openSource } from './source-drawer.js';
import { openDocs } from './docs-dialog.js';
import { updatePreview } from './navpreview.js';
import { configPanel } from './config.js';
import { manifestsPanel } from './manifests.js';
import { downloadInput } from './share.js';

const SEVERITIES = ['error', 'warning', 'info'];

const state = {
  report: null,
  ms: 0,
  kinds: [], // per input: 'archive' | 'folder'
  // `suppressed`: whether findings an inline suppression silenced are shown.
  filter: { sev: new Set(SEVERITIES), group: '', q: '', suppressed: false },
  tabs: new Map(), // chart (input path + root) → 'findings' | 'config' | 'manifests'
  filesOpen: new Set(), // inputs whose file list is open
};

export function currentReport() {
  return state.report;
}

const shownHooks = [];

/** Call `fn()` whenever a report is shown (the source drawer follows the editor's checks). */
export function onReportShown(fn) {
  shownHooks.push(fn);
}

/**
 * Show `report` (checked in `ms`, inputs of `kinds`), or no report at all (null). `keepView`:
 * the same inputs checked again (an edit): the page stays where it is.
 */
export function showReport(report, { ms, kinds, keepView = false } = {}) {
  state.report = report;
  if (report) {
    state.ms = ms;
    state.kinds = kinds;
  }
  if (!keepView) state.filesOpen.clear();
  const y = window.scrollY;
  renderResults();
  if (keepView) window.scrollTo({ top: y, behavior: 'instant' });
  for (const fn of shownHooks) fn();
}

function counts(diags) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diags) if (d.severity in c && !d.suppressed) c[d.severity]++;
  return c;
}

function matches(d) {
  const f = state.filter;
  if (d.suppressed && !f.suppressed) return false;
  if (!f.sev.has(d.severity)) return false;
  if (f.group && ruleGroup(d) !== f.group) return false;
  if (f.q) {
    const hay = [d.rule, d.message, d.message_zh, d.help, d.help_zh, d.file, d.chart, ruleTitle(d.rule)]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    return f.q
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .every((w) => hay.includes(w));
  }
  return true;
}

/** A path shown relative to the chart root when it lies inside it. */
function shortPath(file, root) {
  if (root && file.startsWith(root + '/')) return file.slice(root.length + 1);
  return file;
}

function fmtCpu(m) {
  return `${m}m`;
}

function fmtMem(mi) {
  return `${mi}Mi`;
}

function humanCpu(m) {
  return t('res.cores', { n: +(m / 1000).toFixed(m % 100 ? 2 : 1) });
}

function humanMem(mi) {
  return `${+(mi / 1024).toFixed(mi % 1024 ? 2 : 0)} GiB`;
}

export function renderResults() {
  const report = state.report;
  document.body.classList.toggle('has-report', !!report);
  $('results').hidden = !report;
  $('intro').hidden = !!report;
  if (!report) {
    renderGen++;
    clear($('inputs'));
    return;
  }
  const all = report.inputs.flatMap((i) => i.diagnostics);
  renderToolbar(all);
  renderSummary(report);
  updatePreview(report);
  const box = clear($('inputs'));
  box.dataset.rendered = 'false';
  updateShownCount();
  // Render in slices of about 400 findings, so that a drop of a hundred charts keeps the page
  // responsive; a newer render (filter, language, new report) abandons an older one.
  const gen = ++renderGen;
  let idx = 0;
  const slice = () => {
    if (gen !== renderGen) return;
    let budget = 400;
    while (idx < report.inputs.length && budget > 0) {
      const inp = report.inputs[idx];
      box.append(renderInput(inp, idx));
      budget -= 20 + inp.diagnostics.length;
      idx++;
    }
    if (idx < report.inputs.length) setTimeout(slice, 0);
    else box.dataset.rendered = 'true';
  };
  slice();
}

let renderGen = 0;

function renderToolbar(all) {
  const c = counts(all);
  const sev = clear($('sev-filters'));
  for (const s of SEVERITIES) {
    const on = state.filter.sev.has(s);
    sev.append(
      h(`button.sev-toggle.sev-${s}${c[s] ? '' : '.zero'}`, {
        type: 'button',
        attrs: { 'aria-pressed': String(on), 'data-sev': s },
        title: t('sev.toggle', { sev: t(`sev.${s}.label`) }),
        onclick: () => {
          if (state.filter.sev.has(s)) state.filter.sev.delete(s);
          else state.filter.sev.add(s);
          renderResults();
          document.querySelector(`.sev-toggle[data-sev="${s}"]`)?.focus();
        },
      },
      icon(s),
      h('span.sev-count', String(c[s])),
      h('span.sev-name', t(`sev.${s}`, { n: c[s] }))));
  }
  // Silenced findings are hidden until asked for, never dropped (issue 13).
  const silenced = all.filter((d) => d.suppressed).length;
  if (silenced) {
    const on = state.filter.suppressed;
    sev.append(
      h('button.sev-toggle.suppressed-toggle', {
        type: 'button',
        attrs: { 'aria-pressed': String(on) },
        title: t('filter.suppressedTitle'),
        onclick: () => {
          state.filter.suppressed = !state.filter.suppressed;
          renderResults();
          document.querySelector('.suppressed-toggle')?.focus();
        },
      },
      h('span.sev-count', String(silenced)),
      h('span.sev-name', t('filter.suppressed', { n: silenced }))));
  }
  const groups = new Map();
  for (const d of all) groups.set(ruleGroup(d), (groups.get(ruleGroup(d)) || 0) + 1);
  const sel = clear($('group-filter'));
  sel.append(h('option', { value: '', text: `${t('filter.allGroups')} (${all.length})` }));
  const order = [...new Set(catalog.rules.map((r) => r.group))];
  const known = [...groups.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  for (const g of known) sel.append(h('option', { value: g, text: `${g} · ${groupLabel(g)} (${groups.get(g)})` }));
  if (state.filter.group && !groups.has(state.filter.group)) state.filter.group = '';
  sel.value = state.filter.group;
  $('search').value = state.filter.q;
}

function renderSummary(report) {
  const charts = report.inputs.reduce((n, i) => n + i.charts.length, 0);
  const s = report.summary || counts(report.inputs.flatMap((i) => i.diagnostics));
  const box = clear($('summary'));
  box.append(
    h('span.summary-title', t('summary.title')),
    h('span', t('summary.inputs', { n: report.inputs.length })),
    h('span', t('summary.charts', { n: charts })),
    countPills({ error: s.errors, warning: s.warnings, info: s.infos }),
    h('span.muted', t('summary.elapsed', { ms: state.ms })),
    h('span.muted.mono', `schema ${report.schema}`));
}

function countPills(c) {
  const wrap = h('span.pills');
  for (const s of SEVERITIES) {
    wrap.append(h(`span.pill.sev-${s}${c[s] ? '' : '.zero'}`, { title: t(`sev.${s}.label`) }, icon(s), `${c[s]} ${t(`sev.${s}`, { n: c[s] })}`));
  }
  return wrap;
}

function renderInput(inp, idx) {
  const kind = state.kinds[idx] || 'archive';
  const sec = h('section.input', { dataset: { input: String(idx) } });
  sec.append(
    h('header.input-head',
      icon(kind === 'folder' ? 'folder' : 'archive', 'input-icon'),
      h('h2.input-name.mono', { text: inp.path }),
      h('span.input-meta.muted', [t(`input.${kind}`), t('input.files', { n: inp.files?.length ?? 0 }), t('input.charts', { n: inp.charts.length })].join(' · ')),
      countPills(counts(inp.diagnostics)),
      inp.files?.length ? downloadButton(idx, inp) : null));
  if (inp.files?.length) sec.append(fileList(inp, idx));

  if (inp.unreadable) {
    sec.classList.add('unreadable');
    sec.append(
      h('div.unreadable-card', { attrs: { role: 'alert' } },
        h('div.unreadable-head', icon('error'), h('strong', t('input.unreadable'))),
        h('p.muted', t('input.unreadableHint')),
        h('ul.diag-list', inp.diagnostics.map((d) => diagRow(d, idx, null)))));
    return sec;
  }

  // Attach each finding to its chart (by name, and by root when two charts share a name).
  const byChart = inp.charts.map(() => []);
  const loose = [];
  for (const d of inp.diagnostics) {
    let k = -1;
    if (d.chart) {
      k = inp.charts.findIndex((c) => c.name === d.chart && (!d.file || d.file.startsWith(c.root + '/')));
      if (k < 0) k = inp.charts.findIndex((c) => c.name === d.chart);
    }
    if (k >= 0) byChart[k].push(d);
    else loose.push(d);
  }
  if (loose.length) {
    const inputInputErrors = loose.filter((d) => d.rule === 'INPUT-001');
    sec.append(
      h(`div.loose${inputInputErrors.length ? '.has-input-errors' : ''}`,
        h('h3.loose-title', t('input.level')),
        diagList(loose, idx, null)));
  }
  inp.charts.forEach((c, k) => sec.append(renderChart(c, byChart[k], idx)));
  return sec;
}

/** Every file of the input, each opening the source drawer (to read or edit); edited ones marked. */
function fileList(inp, idx) {
  const edited = inp.files.filter((f) => f.edited).length;
  const summary = h('summary.files-summary', t('files.title', { n: inp.files.length }),
    edited ? h('span.badge.edited', { text: t('files.edited', { n: edited }) }) : null);
  const box = h('details.files', { dataset: { input: String(idx) } }, summary);
  box.open = state.filesOpen.has(idx);
  const fill = () => {
    if (box.childElementCount > 1) return;
    box.append(h('ul.file-list', inp.files.map((f) =>
      h('li', h('button.file-open.mono', { type: 'button', onclick: () => openSource(idx, f.path, null) },
        f.path,
        f.edited ? h('span.badge.edited', { text: t('files.editedOne') }) : null)))));
  };
  box.addEventListener('toggle', () => {
    if (box.open) state.filesOpen.add(idx);
    else state.filesOpen.delete(idx);
    if (box.open) fill();
  });
  if (box.open) fill();
  return box;
}

function downloadButton(idx, inp) {
  const edited = inp.files.some((f) => f.edited);
  return h(`button.btn.small.download${edited ? '.has-edits' : ''}`, {
    type: 'button',
    title: t(edited ? 'download.titleEdited' : 'download.title'),
    onclick: () => downloadInput(idx),
  }, t('download.button'));
}

function diagList(diags, inputIdx, root) {
  const shown = diags.filter(matches);
  if (!shown.length) {
    return h('p.diag-empty.muted', diags.length ? t('filter.none') : '');
  }
  return h('ul.diag-list', shown.map((d) => diagRow(d, inputIdx, root)));
}

function renderChart(c, diags, inputIdx) {
  const art = h('article.chart', { dataset: { chart: c.name } });
  art.append(
    h('header.chart-head',
      icon('chart', 'chart-icon'),
      h('h3.chart-name.mono', { text: c.name }),
      h('span.chart-version.mono', c.version != null ? t('chart.version', { v: c.version }) : t('chart.noVersion')),
      h('span.chart-root.muted.mono', { title: t('chart.root', { root: c.root }), text: c.root }),
      c.manifests?.user_values ? h('span.badge.user-values', { title: t('chart.userValuesTitle'), text: t('chart.userValues') }) : null,
      countPills(counts(diags))));
  const main = h('div.chart-diags');
  if (!diags.length) main.append(h('p.chart-clean', icon('ok'), t('chart.clean')));
  else main.append(diagList(diags, inputIdx, c.root));
  if (c.subcharts && c.subcharts.length) main.append(h('p.muted.small.subcharts', t('chart.subcharts', { list: c.subcharts.join(', ') })));
  const body = h('div.chart-body', main);
  const side = h('div.res-side');
  if (c.resources) side.append(resourcePanel(c.resources, inputIdx, c.root));
  if (c.rendered_resources || (c.images && c.images.length)) side.append(renderedPanel(c, inputIdx));
  if (side.childElementCount) body.append(side);
  art.append(chartTabs(c, inputIdx, body));
  return art;
}

/** Tabs of a chart: its findings (with the resource panel), the config preview and the manifests. */
const TABS = ['findings', 'config', 'manifests'];

function chartTabs(c, inputIdx, findings) {
  const key = `${state.report.inputs[inputIdx]?.path ?? ''}\u0000${c.root}`;
  const frag = document.createDocumentFragment();
  const ids = Object.fromEntries(TABS.map((k) => [k, `tab-${inputIdx}-${c.root}-${k}`]));
  const panels = { findings, config: null, manifests: null };
  const makePanel = { config: configPanel, manifests: manifestsPanel };
  findings.setAttribute('role', 'tabpanel');
  const bar = h('div.chart-tabs', { attrs: { role: 'tablist', 'aria-label': t('tabs.label') } });
  const buttons = {};
  const select = (which, focus) => {
    state.tabs.set(key, which);
    if (!panels[which]) {
      // built on first use: the config preview and the rendering run in the worker then
      const panel = makePanel[which](c, inputIdx, {
        report: state.report,
        request: (msg) => request(msg),
        openSource,
        hasFile: (i, file) => !!state.report?.inputs[i]?.files?.some((f) => f.path === file),
      });
      panel.setAttribute('role', 'tabpanel');
      panel.id = `${ids[which]}-panel`;
      panel.setAttribute('aria-labelledby', ids[which]);
      bar.after(panel);
      panels[which] = panel;
    }
    for (const k of TABS) {
      buttons[k].setAttribute('aria-selected', String(k === which));
      buttons[k].tabIndex = k === which ? 0 : -1;
      if (panels[k]) panels[k].hidden = k !== which;
    }
    if (focus) buttons[which].focus();
  };
  TABS.forEach((k, i) => {
    buttons[k] = h(`button.chart-tab.tab-${k}`, {
      type: 'button',
      id: ids[k],
      attrs: { role: 'tab', 'aria-selected': 'false', 'aria-controls': `${ids[k]}-panel` },
      onclick: () => select(k),
      onkeydown: (e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step) {
          e.preventDefault();
          select(TABS[(i + step + TABS.length) % TABS.length], true);
        }
      },
    }, t(`tabs.${k}`));
    bar.append(buttons[k]);
  });
  findings.id = `${ids.findings}-panel`;
  findings.setAttribute('aria-labelledby', ids.findings);
  frag.append(bar, findings);
  // select after the panels are in the fragment (the other panels go right after the bar)
  select(state.tabs.get(key) || 'findings');
  return frag;
}

function diagRow(d, inputIdx, root) {
  const title = ruleTitle(d.rule);
  const help = d.help || d.help_zh ? pick(d.help, d.help_zh) : '';
  const sevLabel = t(`sev.${d.severity}.label`);
  return h(`li.diag.sev-${d.severity}${d.suppressed ? '.suppressed' : ''}`, { dataset: { rule: d.rule, severity: d.severity } },
    h('span.diag-sev', { title: sevLabel }, icon(d.severity), h('span.sev-word', sevLabel)),
    h('span.diag-rulecell',
      h('button.diag-rule.mono', {
        type: 'button',
        title: plain(title) || d.rule,
        attrs: { 'aria-label': t('diag.docs', { id: d.rule, title: plain(title) || d.rule }), 'aria-haspopup': 'dialog' },
        onclick: () => openDocs(d.rule),
        text: d.rule,
      }),
      title ? h('span.diag-title', richText(title)) : null),
    h('div.diag-main',
      h('p.diag-msg', richText(pick(d.message, d.message_zh))),
      help ? h('p.diag-help', h('span.diag-help-label', t('diag.fix')), richText(help)) : null,
      d.suppressed
        ? h('p.diag-suppressed', t('diag.suppressed', { reason: d.suppressed.reason || t('diag.noReason') }))
        : null,
      d.configured
        ? h('p.diag-suppressed.diag-configured', t('diag.configured', { config: d.configured.config, severity: t(`sev.${d.configured.rule_severity}.label`) }))
        : null),
    locationButton(d, inputIdx, root));
}

function locationButton(d, inputIdx, root) {
  if (!d.file) return h('span.diag-loc.none.muted', t('diag.noLocation'));
  const shown = shortPath(d.file, root);
  const text = d.line ? `${shown}:${d.line}:${d.column ?? 1}` : shown;
  return h('button.diag-loc.mono', {
    type: 'button',
    // named by its visible text (a label that left it out would hide it from voice control); the
    // full path is the description
    title: d.line ? t('diag.open', { file: d.file, line: d.line }) : t('diag.openFile', { file: d.file }),
    attrs: { 'aria-haspopup': 'dialog' },
    onclick: () => openSource(inputIdx, d.file, d.line ? d : null),
    text,
  });
}

function resourcePanel(res, inputIdx, root) {
  const exempt = res.source === 'exempt';
  const panel = h(`aside.res${exempt ? '.exempt' : ''}`, { attrs: { 'aria-label': t('res.title') } });
  const over = !exempt && (res.cpu_m > res.limit_cpu_m || res.memory_mi > res.limit_memory_mi);
  panel.append(
    h('div.res-head',
      h('h4.res-title', t('res.title')),
      h(`span.res-source.src-${res.source}`, t(`res.source.${res.source}`)),
      h(`span.res-verdict${over ? '.over' : exempt ? '.exempt' : '.ok'}`, over ? t('res.over') : exempt ? t('res.notChecked') : t('res.within'))));
  panel.append(
    gauge(t('res.cpu'), res.cpu_m, res.limit_cpu_m, fmtCpu, humanCpu, exempt),
    gauge(t('res.memory'), res.memory_mi, res.limit_memory_mi, fmtMem, humanMem, exempt));

  const explain = h('div.res-explain');
  if (res.source === 'computed') explain.append(h('p', richText(t('res.explain.computed'))));
  else if (res.source === 'declared') {
    explain.append(h('p', richText(t('res.explain.declared'))));
    if (res.computed_cpu_m != null || res.computed_memory_mi != null) {
      explain.append(h('p', richText(t('res.explain.declaredSum', { cpu: fmtCpu(res.computed_cpu_m ?? 0), mem: fmtMem(res.computed_memory_mi ?? 0) }))));
    }
  } else {
    explain.append(h('p', richText(t('res.explain.exempt'))));
    if (res.exempt_reason) explain.append(h('p.res-reason', richText(t('res.reason', { reason: res.exempt_reason }))));
  }
  explain.append(h('p.muted.small', t('res.ceiling')));
  panel.append(explain);

  const items = res.items || [];
  if (items.length) {
    const sumCpu = items.reduce((n, i) => n + (i.cpu_m || 0), 0);
    const sumMem = items.reduce((n, i) => n + (i.memory_mi || 0), 0);
    panel.append(
      h('h5.res-sub', t('res.items')),
      h('div.res-table-wrap',
        h('table.res-table',
          h('thead', h('tr',
            h('th', { scope: 'col', text: t('res.col.path') }),
            h('th.num', { scope: 'col', text: t('res.col.cpu') }),
            h('th.num', { scope: 'col', text: t('res.col.memory') }))),
          h('tbody', items.map((i) =>
            h('tr',
              h('td.res-item',
                h('span.mono.res-path', { title: i.path }, breakable(i.path)),
                i.file
                  ? h('button.diag-loc.mono', {
                      type: 'button',
                      title: i.line ? t('diag.open', { file: i.file, line: i.line }) : t('diag.openFile', { file: i.file }),
                      attrs: { 'aria-haspopup': 'dialog' },
                      onclick: () => openSource(inputIdx, i.file, i.line ? { line: i.line, column: 1, end_line: i.line } : null),
                      text: `${shortPath(i.file, root)}${i.line ? ':' + i.line : ''}`,
                    })
                  : null),
              h('td.num.mono', { text: String(i.cpu_m) }),
              h('td.num.mono', { text: String(i.memory_mi) })))),
          h('tfoot', h('tr',
            h('th', { scope: 'row', text: t('res.total') }),
            h('td.num.mono', { text: String(sumCpu) }),
            h('td.num.mono', { text: String(sumMem) }))))));
  } else if (res.source === 'computed') {
    panel.append(h('p.muted.small', richText(t('res.noItems'))));
  }
  return panel;
}

/** What the rendered manifests ask for: requests × replicas per workload, and the images run. */
function renderedPanel(c, inputIdx) {
  const r = c.rendered_resources;
  const panel = h('aside.rendered-pods', { attrs: { 'aria-label': t('rendered.title') } });
  panel.append(h('div.res-head', h('h4.res-title', t('rendered.title'))));
  const skipped = c.manifests?.not_rendered || [];
  if (r) {
    panel.append(h('p', richText(t('rendered.total', { cpu: fmtCpu(r.cpu_m), mem: fmtMem(r.memory_mi) }))));
    if (c.resources && c.resources.source !== 'exempt' && (r.cpu_m > c.resources.cpu_m || r.memory_mi > c.resources.memory_mi)) {
      panel.append(h('p.res-reason', richText(t('rendered.more', { cpu: fmtCpu(c.resources.cpu_m), mem: fmtMem(c.resources.memory_mi) }))));
    }
    if (r.workloads.length) {
      panel.append(h('div.res-table-wrap',
        h('table.res-table',
          h('thead', h('tr',
            h('th', { scope: 'col', text: t('rendered.col.workload') }),
            h('th.num', { scope: 'col', text: t('rendered.col.replicas') }),
            h('th.num', { scope: 'col', text: t('res.col.cpu') }),
            h('th.num', { scope: 'col', text: t('res.col.memory') }))),
          h('tbody', r.workloads.map((w) => h('tr',
            h('td.mono', { title: w.source, text: `${w.kind}/${w.name}` }),
            h('td.num.mono', { text: String(w.replicas) }),
            h('td.num.mono', { text: String(w.cpu_m * w.replicas) }),
            h('td.num.mono', { text: String(w.memory_mi * w.replicas) })))))));
    }
  }
  if (skipped.length) {
    panel.append(h('p.muted.small', richText(t('rendered.skipped', { n: skipped.length, dep: skipped[0].dependency }))));
  }
  const images = [...new Map((c.images || []).map((i) => [i.image, i])).values()];
  if (images.length) {
    panel.append(h('h5.res-sub', t('rendered.images')),
      h('ul.image-list', images.map((i) => h('li',
        h('span.mono.res-path', { title: i.image }, breakable(i.image)),
        ' ',
        h('span.muted.small', { text: i.object }),
        i.file && i.line
          ? h('button.diag-loc.mono', {
              type: 'button',
              title: t('diag.open', { file: i.file, line: i.line }),
              attrs: { 'aria-haspopup': 'dialog' },
              onclick: () => openSource(inputIdx, i.file, { line: i.line, column: 1, end_line: i.line }),
              text: `${shortPath(i.file, c.root)}:${i.line}`,
            })
          : null))));
  }
  return panel;
}

function gauge(label, value, limit, fmt, human, exempt) {
  const over = !exempt && value > limit;
  const pct = limit > 0 ? (value / limit) * 100 : 0;
  const fill = h('div.gauge-fill');
  fill.style.width = `${Math.min(100, pct).toFixed(1)}%`;
  return h(`div.gauge${over ? '.over' : ''}${exempt ? '.exempt' : ''}`,
    h('div.gauge-head',
      h('span.gauge-label', label),
      h('span.gauge-value.mono', fmt(value)),
      h('span.gauge-human.muted', `(${human(value)})`),
      h('span.gauge-limit.muted.mono', t('res.of', { limit: fmt(limit) })),
      h('span.gauge-pct.mono', `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)}%`)),
    h('div.gauge-track', {
      attrs: { role: 'meter', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': limit, 'aria-valuenow': value, 'aria-valuetext': `${fmt(value)} / ${fmt(limit)}` },
    }, fill));
}

function updateShownCount() {
  if (!state.report) return;
  let shown = 0;
  let total = 0;
  for (const i of state.report.inputs) {
    total += i.diagnostics.length;
    shown += i.unreadable ? i.diagnostics.length : i.diagnostics.filter(matches).length; // an unreadable input's reason is always shown
  }
  $('shown-count').textContent = t('filter.shown', { shown, total });
}

function exportJson() {
  if (!state.report) return;
  const blob = new Blob([JSON.stringify(state.report, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: 'ecplint-report.json' });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Wire the toolbar, and `/` to jump to the filter. */
export function initResults() {
  $('export').addEventListener('click', exportJson);
  $('clear').addEventListener('click', () => {
    showReport(null);
    $('drop').scrollIntoView({ block: 'start' });
  });
  $('group-filter').addEventListener('change', (e) => {
    state.filter.group = e.target.value;
    renderResults();
    $('group-filter').focus();
  });
  let searchTimer = 0;
  $('search').addEventListener('input', (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.filter.q = e.target.value.trim();
      const active = document.activeElement;
      renderResults();
      if (active === $('search')) $('search').focus();
    }, 120);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && state.report && !document.querySelector('dialog[open]')) {
      const tag = document.activeElement?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || document.activeElement?.isContentEditable) return;
      e.preventDefault();
      $('search').focus();
      $('search').select();
    }
  });
}
