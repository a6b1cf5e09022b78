// The page around the results: the static texts (index.html's data-i18n), the version, the
// language buttons, the footer, and the intro's cards of rule groups (each opens the rules dialog).

import { t, getLang, setLang, applyStatic } from './i18n.js';
import { $, h, clear } from './dom.js';
import { engine } from './worker-client.js';
import { catalog, groupLabel } from './rules.js';
import { openDocs } from './docs-dialog.js';

export function renderChrome() {
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

export function initChrome() {
  for (const b of document.querySelectorAll('.lang-btn')) b.addEventListener('click', () => setLang(b.dataset.lang));
}
