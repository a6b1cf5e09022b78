// Running a check: one at a time (a new one supersedes the running one), with progress, cancel,
// and the report handed to the results.

import { t, getLang } from './i18n.js';
import { $, closeDialogs } from './dom.js';
import { engine, send, restartWorker } from './worker-client.js';
import { showProgress, hideProgress, notice, hideNotice } from './status.js';
import { showReport } from './results.js';
import { knownCategories } from './settings.js';

let current = 0; // id of the check in flight

export async function runCheck(items) {
  if (!items.length) {
    hideProgress();
    notice(t('error.nothing'), 'warn');
    return;
  }
  hideNotice();
  if (current) {
    current = 0; // a check is running: drop it, the new one wins
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
    if (m.id !== current) return;
    const frac = m.total ? Math.min(1, m.done / m.total) : 0;
    if (m.phase === 'read') showProgress(t('progress.reading', { name: m.name }), `${Math.min(m.total, Math.floor(m.done) + 1)} / ${m.total}`, 0.2 * frac);
    else if (m.phase === 'check') {
      const name = m.name || items[Math.min(items.length - 1, m.done)]?.name || '';
      showProgress(m.done >= m.total ? t('progress.finishing') : t('progress.checking', { name }), `${Math.min(m.total, m.done + (m.done < m.total ? 1 : 0))} / ${m.total}`, 0.2 + 0.8 * frac);
    } else showProgress(t('progress.finishing'), '', 1);
  });
  current = id;
  try {
    const { report, ms } = await reply;
    if (current !== id) return;
    current = 0;
    hideProgress();
    showReport(report, { ms, kinds });
    $('results').focus({ preventScroll: true });
    window.scrollTo({ top: 0, behavior: 'instant' }); // the compact drop bar, then the report
  } catch (e) {
    if (current !== id) return; // cancelled or superseded
    current = 0;
    hideProgress();
    notice(t('error.check', { msg: e.message || String(e) }), 'error');
    restartWorker(); // the module may be in a bad state after a trap
  }
}

function cancelCheck() {
  if (!current) return;
  current = 0;
  restartWorker();
  hideProgress();
  notice(t('progress.cancelled'), 'info');
}

export function initCheck() {
  $('cancel').addEventListener('click', cancelCheck);
}
