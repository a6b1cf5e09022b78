// The ecplint page: collects what the user drops or picks, has the worker check it, renders the
// report. Every text that comes from a chart (file names, messages quoting chart text, docs) goes
// into the DOM as text — see dom.js; nothing here uses innerHTML.

import { t, getLang, setLang, onLangChange, applyStatic } from './i18n.js';
import { $, h, clear, closeDialogs } from './dom.js';
import { initPreview } from './navpreview.js';
import { engine, startWorker, restartWorker, send, request } from './worker-client.js';
import { showProgress, hideProgress, notice, hideNotice, initStatus } from './status.js';
import { catalog, setRules, groupLabel } from './rules.js';
import { initSettings, knownCategories } from './settings.js';
import { initInputs } from './inputs.js';
import { openDocs, refreshDocs, initDocsDialog } from './docs-dialog.js';
import { refreshSource, initSourceDrawer } from './source-drawer.js';
import { currentReport, showReport, renderResults, initResults } from './results.js';

const state = {
  current: 0, // id of the check in flight
};

// ---------------------------------------------------------------------------------------------
// Running a check

async function runCheck(items) {
  if (!items.length) {
    hideProgress();
    notice(t('error.nothing'), 'warn');
    return;
  }
  hideNotice();
  if (state.current) {
    state.current = 0; // a check is running: drop it, the new one wins
    restartWorker();
  }
  closeDialogs();
  showReport(null);
  showProgress(t('progress.loading'), '', 0);
  try {
    await engine.ready;
  } catch {
    hideProgress();
    notice(t('error.engine', { msg: engine.error || '?' }), 'error');
    return;
  }
  const kinds = items.map((i) => i.kind);
  const { id, reply } = send({ type: 'check', items, lang: getLang(), categories: knownCategories() }, (m) => {
    if (m.id !== state.current) return;
    const frac = m.total ? Math.min(1, m.done / m.total) : 0;
    if (m.phase === 'read') showProgress(t('progress.reading', { name: m.name }), `${Math.min(m.total, Math.floor(m.done) + 1)} / ${m.total}`, 0.2 * frac);
    else if (m.phase === 'check') {
      const name = m.name || items[Math.min(items.length - 1, m.done)]?.name || '';
      showProgress(m.done >= m.total ? t('progress.finishing') : t('progress.checking', { name }), `${Math.min(m.total, m.done + (m.done < m.total ? 1 : 0))} / ${m.total}`, 0.2 + 0.8 * frac);
    } else showProgress(t('progress.finishing'), '', 1);
  });
  state.current = id;
  try {
    const { report, ms } = await reply;
    if (state.current !== id) return;
    state.current = 0;
    hideProgress();
    showReport(report, { ms, kinds });
    $('results').focus({ preventScroll: true });
    window.scrollTo({ top: 0, behavior: 'instant' }); // the compact drop bar, then the report
  } catch (e) {
    if (state.current !== id) return; // cancelled or superseded
    state.current = 0;
    hideProgress();
    notice(t('error.check', { msg: e.message || String(e) }), 'error');
    restartWorker(); // the module may be in a bad state after a trap
  }
}

function cancelCheck() {
  if (!state.current) return;
  state.current = 0;
  restartWorker();
  hideProgress();
  notice(t('progress.cancelled'), 'info');
}

// ---------------------------------------------------------------------------------------------
// Rendering: chrome (header, footer, intro)

function renderChrome() {
  applyStatic();
  $('version').textContent = engine.version ? `v${engine.version}` : '';
  $('footer-text').textContent = t('footer.text', { v: engine.version || '…', n: catalog.rules.length });
  for (const b of document.querySelectorAll('.lang-btn')) b.setAttribute('aria-pressed', String(b.dataset.lang === getLang()));
  renderIntro();
}

function renderIntro() {
  const box = clear($('groups'));
  const groups = new Map();
  for (const r of catalog.rules) {
    if (!groups.has(r.group)) groups.set(r.group, { n: 0, section: r.section });
    groups.get(r.group).n++;
  }
  for (const [g, info] of groups) {
    box.append(
      h('button.group-card', { type: 'button', onclick: () => openDocs(null, g) },
        h('span.group-id.mono', g),
        h('span.group-name', groupLabel(g)),
        h('span.group-meta.muted', [t('empty.rules', { n: info.n }), info.section ? ` · ${info.section}` : ''].join(''))));
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

function wire() {
  $('cancel').addEventListener('click', cancelCheck);
  for (const dlg of document.querySelectorAll('dialog')) {
    dlg.addEventListener('click', (e) => {
      if (e.target === dlg) dlg.close(); // a click on the backdrop
      if (e.target.closest('[data-close]')) dlg.close();
    });
  }
  for (const b of document.querySelectorAll('.lang-btn')) b.addEventListener('click', () => setLang(b.dataset.lang));

  onLangChange(() => {
    renderChrome();
    renderResults();
    refreshDocs();
    refreshSource();
  });
}

wire();
initDocsDialog();
initSourceDrawer({ currentReport });
initResults();
initInputs({ onInputs: runCheck });
initStatus();
initSettings();
initPreview({ request: (msg) => request(msg) });
renderChrome();
renderResults();
startWorker({
  onReady: (m) => {
    setRules(m.rules);
    renderChrome();
  },
  onFatal: (msg) => notice(t('error.engine', { msg }), 'error'),
});

// For tests and the curious: the last report.
Object.defineProperty(window, 'ecplintReport', { get: currentReport });
