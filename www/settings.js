// The page's one setting: the "platform categories" (NAV-007), remembered in localStorage and sent
// with every check.

import { $ } from './dom.js';

const CATEGORIES_KEY = 'ecplint.categories';

export function initSettings() {
  const categoriesInput = $('known-categories');
  if (!categoriesInput) return;
  try {
    categoriesInput.value = localStorage.getItem(CATEGORIES_KEY) || '';
  } catch {
    // storage may be unavailable (private mode); the setting then lasts for the page only
  }
  categoriesInput.addEventListener('change', () => {
    try {
      localStorage.setItem(CATEGORIES_KEY, categoriesInput.value);
    } catch {
      // see above
    }
  });
}

/** The categories the user listed (comma-separated), trimmed, without empty ones. */
export function knownCategories() {
  const input = $('known-categories');
  return (input?.value || '').split(',').map((c) => c.trim()).filter(Boolean);
}
