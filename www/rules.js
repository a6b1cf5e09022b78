// The rule catalog the engine reported when it loaded (id, group, section, severity, titles, docs),
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
