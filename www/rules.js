// The rule catalog the engine reported when it loaded (id, group, section, severity, titles), its
// docs (HTML rendered at build time by crates/rule-docs, fetched from pkg/rule-docs.json when first
// asked for: they are not in the wasm, and a visit that never opens them does not download them),
// and what the page asks of it: a finding's group, a rule's title, a group's name.

import { t, pick, has } from './i18n.js';

export const catalog = {
  rules: [], // in the engine's order (by group)
  byId: new Map(),
};

export function setRules(rules) {
  catalog.rules = Array.isArray(rules) ? rules : [];
  catalog.byId = new Map(catalog.rules.map((r) => [r.id, r]));
}

let docsLoading = null;

/** The rules' docs put into the catalog (`r.docsHtml`: { en, zh }), fetched once; resolves false when they could not be read. */
export function loadDocs() {
  docsLoading ??= fetch(new URL('./pkg/rule-docs.json', import.meta.url))
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(res.statusText))))
    .then((list) => {
      for (const { id, en, zh } of list) {
        const r = catalog.byId.get(id);
        if (r) r.docsHtml = { en, zh };
      }
      return true;
    })
    .catch(() => {
      docsLoading = null; // try again on the next opening
      return false;
    });
  return docsLoading;
}

export function ruleGroup(d) {
  return catalog.byId.get(d.rule)?.group || d.rule_group || String(d.rule).split('-')[0];
}

export function ruleTitle(id) {
  const r = catalog.byId.get(id);
  return r ? pick(r.title_en, r.title_zh) : '';
}

export function groupLabel(g) {
  return has(`group.${g}`) ? t(`group.${g}`) : g;
}
