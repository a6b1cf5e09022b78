// Running a check: one at a time (a new one supersedes the running one), with progress, cancel,
// and the report handed to the results.

import { t, getLang } from './i18n.js';
import { $, closeDialogs } from './dom.js';
import { engine, send, restartWorker } from './worker-client.js';
import { showProgress, hideProgress, notice, hideNotice } from './status.js';
import { showReport } from './results.js';
import { inlineSuppressions, knownCategories, kubeVersion } from './settings.js';
import { dropLinkFromAddress } from './share.js';

let current = 0; // id of the check in flight

// The watchdog: the worker cannot speak while the engine is busy with one input, so the page
// times each input itself. Past SLOW_AFTER_MS it says which input it is on and for how long,
// next to Cancel (which replaces the worker). `window.ecplintWatchdogMs` overrides the delay
// (the end-to-end tests use it).
const SLOW_AFTER_MS = 3000;
const onInput = { name: '', since: 0 };
let watchdog = 0;

function onInputNow(name) {
  if (name === onInput.name) return;
  onInput.name = name;
  onInput.since = performance.now();
  $('progress-slow').hidden = true;
}

function secondsOnInput() {
  const s = (performance.now() - onInput.since) / 1000;
  return s < 10 ? s.toFixed(1) : String(Math.round(s));
}

function startWatchdog(firstName) {
  stopWatchdog();
  onInput.name = '';
  onInputNow(firstName);
  watchdog = setInterval(() => {
    const after = window.ecplintWatchdogMs ?? SLOW_AFTER_MS;
    if (performance.now() - onInput.since < after) return;
    const slow = $('progress-slow');
    slow.textContent = t('progress.slow', { name: onInput.name, s: secondsOnInput() });
    slow.hidden = false;
  }, 250);
}

function stopWatchdog() {
  clearInterval(watchdog);
  watchdog = 0;
  $('progress-slow').hidden = true;
}

// The last inputs checked, for a check again with the values panel's values or the editor's changes.
let lastItems = [];
let lastChartValues = [];
// The editor's changes to the inputs checked: `${input}\0${path}` → { input, path, text }.
// Every check of the same inputs applies them; a new drop forgets them.
const edits = new Map();
let editsVersion = 0; // bumped on every change: a check sent before it checks again after

/**
 * Check `items` (a drop); `chartValues`: the values panel's values for single charts
 * ([{ root, values, set, setString }], see manifests.js), or none for values.yaml alone.
 * `sameInputs`: a check again of the last inputs, with the editor's changes.
 */
export async function runCheck(items, chartValues = [], { sameInputs = false } = {}) {
  if (!sameInputs) edits.clear();
  lastItems = items;
  lastChartValues = chartValues;
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
  if (!sameInputs) {
    closeDialogs();
    showReport(null);
  }
  showProgress(t('progress.loading'), '', 0);
  try {
    await engine.ready;
  } catch {
    hideProgress();
    notice(t('error.engine', { msg: engine.error || '?' }), 'error');
    return;
  }
  const kinds = items.map((i) => i.kind);
  startWatchdog(items[0].name);
  const sentVersion = editsVersion;
  const { id, reply } = send({ type: 'check', items, edits: [...edits.values()], lang: getLang(), categories: knownCategories(), kubeVersion: kubeVersion(), inlineSuppressions: inlineSuppressions(), chartValues }, (m) => {
    if (m.id !== current) return;
    const frac = m.total ? Math.min(1, m.done / m.total) : 0;
    if (m.phase === 'read') {
      onInputNow(m.name);
      showProgress(t('progress.reading', { name: m.name }), `${Math.min(m.total, Math.floor(m.done) + 1)} / ${m.total}`, 0.2 * frac);
    } else if (m.phase === 'check') {
      const name = m.name || items[Math.min(items.length - 1, m.done)]?.name || '';
      const finishing = m.done >= m.total;
      onInputNow(finishing ? t('progress.finishing') : name);
      showProgress(finishing ? t('progress.finishing') : t('progress.checking', { name }), `${Math.min(m.total, m.done + (m.done < m.total ? 1 : 0))} / ${m.total}`, 0.2 + 0.8 * frac);
    } else showProgress(t('progress.finishing'), '', 1);
  });
  current = id;
  try {
    const { report, ms } = await reply;
    if (current !== id) return;
    current = 0;
    stopWatchdog();
    hideProgress();
    showReport(report, { ms, kinds, keepView: sameInputs });
    if (sentVersion !== editsVersion) return runCheck(items, chartValues, { sameInputs: true });
    if (!sameInputs) {
      $('results').focus({ preventScroll: true });
      window.scrollTo({ top: 0, behavior: 'instant' }); // the compact drop bar, then the report
    }
  } catch (e) {
    if (current !== id) return; // cancelled or superseded
    current = 0;
    stopWatchdog();
    hideProgress();
    notice(t('error.check', { msg: e.message || String(e) }), 'error');
    restartWorker(); // the module may be in a bad state after a trap
  }
}

/** Check the last inputs again with these charts' values (the values panel's "Check with these values"). */
export function recheckWithValues(chartValues) {
  if (lastItems.length) runCheck(lastItems, chartValues, { sameInputs: true });
}

let editing = 0; // id of the newest edit's check: an older reply is dropped

/**
 * The editor changed file `path` of input `input` to `text`: the worker checks again and the
 * report, previews and manifests follow (results.js tells whoever listens: onReportShown).
 */
export async function runEdit(input, path, text) {
  edits.set(`${input}\u0000${path}`, { input, path, text });
  editsVersion++;
  dropLinkFromAddress(); // the link no longer holds what is shown
  if (current) return; // a check is running; a check again with the edits follows it
  const { id, reply } = send({ type: 'edit', input, path, text });
  editing = id;
  try {
    const { report, ms } = await reply;
    if (editing !== id || current) return;
    if (!report) {
      // a restarted worker holds no inputs: check them again, with every change
      await runCheck(lastItems, lastChartValues, { sameInputs: true });
    } else {
      showReport(report, { ms, kinds: lastItems.map((i) => i.kind), keepView: true });
    }
  } catch (e) {
    if (editing !== id || e.message === 'restarted') return;
    notice(t('error.edit', { msg: e.message }), 'error');
  }
}

function cancelCheck() {
  if (!current) return;
  current = 0;
  restartWorker();
  const on = { name: onInput.name, s: secondsOnInput() };
  stopWatchdog();
  hideProgress();
  notice(on.name ? t('progress.cancelledOn', on) : t('progress.cancelled'), 'info');
}

export function initCheck() {
  $('cancel').addEventListener('click', cancelCheck);
}
