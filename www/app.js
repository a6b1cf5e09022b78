// The ecplint page: collects what the user drops or picks, has the worker check it, renders the
// report. Every text that comes from a chart (file names, messages quoting chart text, docs) goes
// into the DOM as text — see dom.js; nothing here uses innerHTML.

import { t, getLang, setLang, onLangChange, applyStatic } from './i18n.js';
import { $, h, clear } from './dom.js';
import { initPreview } from './navpreview.js';
import { engine, startWorker, request } from './worker-client.js';
import { notice, initStatus } from './status.js';
import { catalog, setRules, groupLabel } from './rules.js';
import { initSettings } from './settings.js';
import { initInputs } from './inputs.js';
import { runCheck, initCheck } from './check.js';
import { openDocs, refreshDocs, initDocsDialog } from './docs-dialog.js';
import { refreshSource, initSourceDrawer } from './source-drawer.js';
import { currentReport, renderResults, initResults } from './results.js';

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
initCheck();
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
