// The page's settings, remembered in localStorage and sent with every check: the "platform
// categories" (NAV-007), the Kubernetes version the charts are rendered and checked for
// (K8S-001/002; the versions the schemas cover, Helm's default preselected), and whether inline
// suppression comments are ignored (a reviewer's view).

import { $ } from './dom.js';

const CATEGORIES_KEY = 'ecplint.categories';
const KUBE_KEY = 'ecplint.kubeVersion';
const IGNORE_SUPPRESSIONS_KEY = 'ecplint.ignoreSuppressions';
export const KUBE_MINORS = { first: 25, last: 37, helmDefault: 32 };

export function initSettings() {
  const select = $('kube-version');
  if (select) {
    for (let minor = KUBE_MINORS.last; minor >= KUBE_MINORS.first; minor--) {
      const option = document.createElement('option');
      option.value = `1.${minor}.0`;
      option.textContent = `1.${minor}`;
      select.append(option);
    }
    select.value = `1.${KUBE_MINORS.helmDefault}.0`;
  }
  remember($('known-categories'), CATEGORIES_KEY);
  remember(select, KUBE_KEY);
  rememberChecked($('ignore-suppressions'), IGNORE_SUPPRESSIONS_KEY);
}

/** Restore a checkbox from localStorage and keep it there as it changes. */
function rememberChecked(box, key) {
  if (!box) return;
  try {
    box.checked = localStorage.getItem(key) === 'true';
  } catch {
    // storage may be unavailable (private mode); the setting then lasts for the page only
  }
  box.addEventListener('change', () => {
    try {
      localStorage.setItem(key, String(box.checked));
    } catch {
      // see above
    }
  });
}

/** Restore `input`'s value from localStorage and keep it there as it changes. */
function remember(input, key) {
  if (!input) return;
  try {
    const saved = localStorage.getItem(key);
    // a saved value the input no longer offers (a select's option) is left out
    if (saved !== null) input.value = saved;
    if (input.value === '' && input.tagName === 'SELECT') input.selectedIndex = KUBE_MINORS.last - KUBE_MINORS.helmDefault;
  } catch {
    // storage may be unavailable (private mode); the setting then lasts for the page only
  }
  input.addEventListener('change', () => {
    try {
      localStorage.setItem(key, input.value);
    } catch {
      // see above
    }
  });
}

/** The Kubernetes version the user chose (`1.31.0`), or undefined at Helm's default (1.32): the
 * version a chart's .ecplint.yaml gives then applies, else the default. */
export function kubeVersion() {
  const chosen = $('kube-version')?.value;
  return chosen && chosen !== `1.${KUBE_MINORS.helmDefault}.0` ? chosen : undefined;
}

/** Whether `ecplint-disable-…` comments silence findings (unchecked "Ignore suppression comments"). */
export function inlineSuppressions() {
  return !$('ignore-suppressions')?.checked;
}

/** The categories the user listed (comma-separated), trimmed, without empty ones. */
export function knownCategories() {
  const input = $('known-categories');
  return (input?.value || '').split(',').map((c) => c.trim()).filter(Boolean);
}
