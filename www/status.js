// The strip under the drop zone that says what the page is doing: the progress bar of a check and
// the notice (errors, warnings, "cancelled").

import { $ } from './dom.js';

export function showProgress(text, count, frac) {
  const p = $('progress');
  p.hidden = false;
  $('progress-text').textContent = text;
  $('progress-count').textContent = count;
  const pct = Math.round(Math.max(0, Math.min(1, frac)) * 100);
  $('progress-bar').setAttribute('aria-valuenow', String(pct));
  $('progress-bar').firstElementChild.style.width = `${pct}%`;
  document.body.classList.add('busy');
}

export function hideProgress() {
  $('progress').hidden = true;
  document.body.classList.remove('busy');
}

export function notice(text, kind = 'error') {
  const n = $('notice');
  n.dataset.kind = kind;
  $('notice-text').textContent = text;
  n.hidden = false;
}

export function hideNotice() {
  $('notice').hidden = true;
}

export function initStatus() {
  $('notice-close').addEventListener('click', hideNotice);
}
