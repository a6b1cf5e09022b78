// The navigation preview tab (issue 4). The rendering lives in Rust (`ws.preview`, run in the
// worker): it returns a whole HTML document in which every chart string is escaped, with a CSP
// that allows no script and no load but `data:` pictures. The page never inserts that HTML into
// its own DOM: it goes into an <iframe sandbox srcdoc> (sandbox="" — no scripts, an opaque origin
// that cannot reach the page), which also inherits the page's own CSP. Its stylesheet is
// preview.css (the frame inherits the page's `style-src 'self'`, so the styles are linked, not
// inline); wizard pictures are `data:` URIs of the archive's own bytes, made in Rust: a blob: URL
// of the page is not loadable from the sandboxed frame's opaque origin.
//
// Everything else here is built with dom.js (textContent only).

import { t, getLang, onLangChange } from './i18n.js';
import { h, clear } from './dom.js';

const VIEWS = ['cloud_admin', 'domain_admin', 'admin', 'member', 'author'];

const state = {
  request: null,
  report: null,
  active: 'findings',
  view: 'author',
  lang: null, // null: follow the page language
  gen: 0,
  bar: null,
  panel: null,
};

/** Set up once: `request(msg)` posts to the worker and resolves with its reply. */
export function initPreview({ request }) {
  state.request = request;
  onLangChange(() => {
    if (state.bar) renderBar();
    if (state.active === 'preview') renderPanel();
  });
}

/** Called whenever the results render: keeps the tab bar in #results and the panel current. */
export function updatePreview(report) {
  const results = document.getElementById('results');
  if (!results) return;
  if (!state.bar) {
    state.bar = h('div.view-tabs', { attrs: { role: 'tablist' } });
    state.panel = h('section.nav-preview', { id: 'nav-preview', attrs: { role: 'tabpanel', 'aria-labelledby': 'view-tab-preview' }, hidden: true });
    results.prepend(state.bar);
    results.append(state.panel);
  }
  const changed = report !== state.report;
  state.report = report;
  renderBar();
  if (changed && state.active === 'preview') renderPanel();
}

function renderBar() {
  clear(state.bar);
  state.bar.setAttribute('aria-label', t('nav.tabs'));
  for (const k of ['findings', 'preview']) {
    state.bar.append(h(`button.view-tab.view-tab-${k}`, {
      type: 'button',
      id: `view-tab-${k}`,
      attrs: { role: 'tab', 'aria-selected': String(state.active === k) },
      tabIndex: state.active === k ? 0 : -1,
      onclick: () => select(k),
      onkeydown: (e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          e.preventDefault();
          select(k === 'findings' ? 'preview' : 'findings');
          document.getElementById(`view-tab-${state.active}`)?.focus();
        }
      },
    }, t(`nav.${k}`)));
  }
}

function select(k) {
  state.active = k;
  document.getElementById('results').dataset.view = k;
  state.panel.hidden = k !== 'preview';
  renderBar();
  if (k === 'preview') renderPanel();
}

function navCharts() {
  return (state.report?.inputs ?? []).flatMap((i) => i.charts).filter((c) => c.navigation);
}

function previewLang() {
  return state.lang ?? (getLang() === 'zh' ? 'zh-cn' : 'en');
}

async function renderPanel() {
  const gen = ++state.gen;
  const panel = clear(state.panel);
  const charts = navCharts();
  if (!charts.length) {
    panel.append(h('p.nav-none.muted', t('nav.none')));
    return;
  }
  const roles = h('div.nav-roles', { attrs: { role: 'group', 'aria-label': t('nav.role') } },
    h('span.nav-label', t('nav.role')),
    VIEWS.map((v) => h('button.btn.small.nav-role', {
      type: 'button',
      dataset: { view: v },
      attrs: { 'aria-pressed': String(state.view === v) },
      onclick: () => { state.view = v; renderPanel(); },
    }, t(`nav.view.${v}`))));
  const langs = h('div.nav-langs', { attrs: { role: 'group', 'aria-label': t('nav.lang') } },
    h('span.nav-label', t('nav.lang')),
    [['zh-cn', '中文'], ['en', 'EN']].map(([l, label]) => h('button.btn.small.nav-lang', {
      type: 'button',
      dataset: { lang: l },
      attrs: { 'aria-pressed': String(previewLang() === l) },
      onclick: () => { state.lang = l; renderPanel(); },
    }, label)));
  const counts = h('p.nav-counts.muted.small');
  if (state.view !== 'author') {
    let n = 0;
    let total = 0;
    for (const c of charts) {
      const nav = c.navigation;
      n += (nav.roles?.[state.view] ?? []).length;
      const all = new Set();
      for (const items of Object.values(nav.roles ?? {})) for (const i of items) all.add(`${i.level}\u0000${i.key}`);
      for (const i of nav.hidden ?? []) all.add(`${i.level}\u0000${i.key}`);
      total += all.size;
    }
    counts.textContent = t('nav.counts', { view: t(`nav.view.${state.view}`), n, total });
  }
  const frameBox = h('div.nav-frame-box', h('p.muted.small', t('nav.loading')));
  panel.append(
    h('div.nav-controls', roles, langs),
    h('p.nav-hint.muted.small', t('nav.hint')),
    counts,
    frameBox);
  let reply;
  try {
    reply = await state.request({ type: 'preview', input: null, view: state.view, lang: previewLang() });
  } catch (e) {
    if (gen === state.gen) clear(frameBox).append(h('p.nav-error', t('nav.failed', { msg: e.message })));
    return;
  }
  if (gen !== state.gen) return;
  const frame = document.createElement('iframe');
  frame.className = 'nav-frame';
  // No allow-scripts, no allow-same-origin: the document cannot run anything or reach the page.
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.title = t('nav.frame', { view: t(`nav.view.${state.view}`) });
  frame.dataset.view = state.view;
  frame.dataset.lang = previewLang();
  frame.srcdoc = reply.html;
  clear(frameBox).append(frame);
}
