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

import { getLang, onLangChange } from './i18n.js';
import { h, clear } from './dom.js';

const VIEWS = ['cloud_admin', 'domain_admin', 'admin', 'member', 'author'];

const TEXT = {
  en: {
    findings: 'Findings',
    preview: 'Navigation preview',
    tabs: 'Results view',
    role: 'View as',
    lang: 'Console language',
    cloud_admin: 'Cloud admin',
    domain_admin: 'Domain admin',
    admin: 'Project admin',
    member: 'Member',
    author: 'Author (all items)',
    frame: 'ECP console preview as {view}',
    none: 'No chart of this run has a templates/_navigation.yaml: there is no navigation to preview.',
    loading: 'Rendering…',
    failed: 'The preview failed: {msg}',
    counts: '{view} sees {n} of {total} pages.',
    hint: 'The console as each role sees it, from _navigation.yaml, _category.yaml, _navigation_policy.yaml and _wizard.yaml. Open a wizard step to see its picture. URLs are shown as text, never as links.',
  },
  zh: {
    findings: '检查结果',
    preview: '导航预览',
    tabs: '结果视图',
    role: '查看身份',
    lang: '控制台语言',
    cloud_admin: '云管理员',
    domain_admin: '部门管理员',
    admin: '项目管理员',
    member: '普通用户',
    author: '开发者（全部导航）',
    frame: '以{view}身份查看的 ECP 控制台预览',
    none: '本次检查的 Chart 都没有 templates/_navigation.yaml：没有可预览的导航。',
    loading: '正在渲染…',
    failed: '预览失败：{msg}',
    counts: '{view}可见 {n} / {total} 个页面。',
    hint: '各角色看到的控制台，来自 _navigation.yaml、_category.yaml、_navigation_policy.yaml 和 _wizard.yaml。展开向导步骤可查看图片。URL 只以文本显示，不会成为链接。',
  },
};

function tx(key, vars = {}) {
  const s = TEXT[getLang()]?.[key] ?? TEXT.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

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
  state.bar.setAttribute('aria-label', tx('tabs'));
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
    }, tx(k)));
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
    panel.append(h('p.nav-none.muted', tx('none')));
    return;
  }
  const roles = h('div.nav-roles', { attrs: { role: 'group', 'aria-label': tx('role') } },
    h('span.nav-label', tx('role')),
    VIEWS.map((v) => h('button.btn.small.nav-role', {
      type: 'button',
      dataset: { view: v },
      attrs: { 'aria-pressed': String(state.view === v) },
      onclick: () => { state.view = v; renderPanel(); },
    }, tx(v))));
  const langs = h('div.nav-langs', { attrs: { role: 'group', 'aria-label': tx('lang') } },
    h('span.nav-label', tx('lang')),
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
    counts.textContent = tx('counts', { view: tx(state.view), n, total });
  }
  const frameBox = h('div.nav-frame-box', h('p.muted.small', tx('loading')));
  panel.append(
    h('div.nav-controls', roles, langs),
    h('p.nav-hint.muted.small', tx('hint')),
    counts,
    frameBox);
  let reply;
  try {
    reply = await state.request({ type: 'preview', input: null, view: state.view, lang: previewLang() });
  } catch (e) {
    if (gen === state.gen) clear(frameBox).append(h('p.nav-error', tx('failed', { msg: e.message })));
    return;
  }
  if (gen !== state.gen) return;
  const frame = document.createElement('iframe');
  frame.className = 'nav-frame';
  // No allow-scripts, no allow-same-origin: the document cannot run anything or reach the page.
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.title = tx('frame', { view: tx(state.view) });
  frame.dataset.view = state.view;
  frame.dataset.lang = previewLang();
  frame.srcdoc = reply.html;
  clear(frameBox).append(frame);
}
