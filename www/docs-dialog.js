// The rules dialog: every rule of the catalog, searchable, with its documentation (HTML rendered
// from the rules' Markdown at build time by crates/rule-docs with pulldown-cmark; in Chinese the
// doc's `## 中文` section comes first).

import { t, pick, getLang } from './i18n.js';
import { $, h, append, clear, richText, icon, plain } from './dom.js';
import { catalog, groupLabel, loadDocs } from './rules.js';

const nav = { selected: null, q: '' }; // the rule list: the selected rule, the search text
let docsFailed = false; // pkg/rule-docs.json could not be fetched (the titles still show)

// What crates/rule-docs writes, and all a doc may hold: other elements are left out (their text
// kept), other attributes dropped — no href, src, style or event handler ever reaches the page.
const DOC_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'code', 'pre', 'strong', 'em', 'span', 'div',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'blockquote', 'hr', 'br']);
const DOC_ATTRS = new Set(['class', 'title', 'start', 'data-kind']);

/**
 * A rule's docs HTML as nodes of the page. The HTML is ours (built from the rules' sources, served
 * by our origin), and still only copied through the lists above from an inert parsed document
 * (DOMParser runs no script and loads nothing).
 */
export function docsFragment(html) {
  const parsed = new DOMParser().parseFromString(String(html ?? ''), 'text/html').body;
  const copy = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const children = [...node.childNodes].map(copy);
    if (!DOC_TAGS.has(node.localName)) return children;
    const el = document.createElement(node.localName);
    for (const a of node.attributes) if (DOC_ATTRS.has(a.name)) el.setAttribute(a.name, a.value);
    return append(el, children);
  };
  const frag = append(document.createDocumentFragment(), [...parsed.childNodes].map(copy));
  // an example's kind in the page's words: "✗ reported" / "✓ passes"
  for (const el of frag.querySelectorAll('.md-example-kind')) {
    el.textContent = el.dataset.kind === 'fail' ? `✗ ${t('docs.fail')}` : `✓ ${t('docs.pass')}`;
  }
  return frag;
}

export function openDocs(ruleId, group) {
  const dlg = $('docs-dialog');
  if (group) {
    nav.q = group;
    $('docs-search').value = group;
    ruleId = catalog.rules.find((r) => r.group === group)?.id ?? null;
  } else if (ruleId) {
    nav.q = '';
    $('docs-search').value = '';
  }
  nav.selected = ruleId ?? nav.selected ?? catalog.rules[0]?.id ?? null;
  renderDocs();
  loadDocs().then((ok) => {
    docsFailed = !ok;
    if (dlg.open) renderDocs();
  });
  if (!dlg.open) dlg.showModal();
  requestAnimationFrame(() => {
    const cur = $('docs-list').querySelector('[aria-current="true"]');
    cur?.scrollIntoView({ block: 'nearest' });
    if (ruleId) $('docs-article').focus({ preventScroll: true });
  });
}

function ruleMatches(r, q) {
  if (!q) return true;
  const hay = [r.id, r.group, r.title_en, r.title_zh, groupLabel(r.group), r.section].join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

function renderDocs() {
  $('docs-count').textContent = t('docs.count', { n: catalog.rules.length });
  const list = clear($('docs-list'));
  const shown = catalog.rules.filter((r) => ruleMatches(r, nav.q));
  let lastGroup = null;
  for (const r of shown) {
    if (r.group !== lastGroup) {
      lastGroup = r.group;
      list.append(h('li.docs-group', { text: `${r.group} · ${groupLabel(r.group)}` }));
    }
    list.append(
      h('li', h(`button.docs-item.sev-${r.severity}`, {
        type: 'button',
        attrs: { 'aria-current': String(r.id === nav.selected) },
        onclick: () => {
          nav.selected = r.id;
          renderDocs();
          $('docs-list').querySelector('[aria-current="true"]')?.focus();
        },
      },
      h('span.docs-item-id.mono', { text: r.id }),
      h('span.docs-item-title', { title: plain(pick(r.title_en, r.title_zh)) }, richText(pick(r.title_en, r.title_zh))))));
  }
  if (!shown.length) list.append(h('li.muted.docs-none', t('docs.none')));

  const art = clear($('docs-article'));
  const id = nav.selected;
  if (!id) {
    art.append(h('p.muted', t('docs.pick')));
    return;
  }
  const r = catalog.byId.get(id);
  if (!r) {
    art.append(h('p.muted', t('docs.unknown', { id })));
    return;
  }
  art.append(
    h('header.docs-head',
      h('div.docs-badges',
        h('span.docs-id.mono', { text: r.id }),
        h(`span.pill.sev-${r.severity}`, icon(r.severity), t('docs.severity', { sev: t(`sev.${r.severity}.label`) })
          + ((r.severities || []).length > 1
            ? t('docs.byCase', { all: r.severities.map((s) => t(`sev.${s}.label`)).join('/') }) : '')),
        h('span.pill.plain', { text: `${r.group} · ${groupLabel(r.group)}` }),
        r.section ? h('span.pill.plain', { text: t('docs.section', { s: r.section }) }) : null),
      h('h3.docs-title', richText(pick(r.title_en, r.title_zh))),
      getLang() === 'zh' && r.title_en ? h('p.muted.small', richText(r.title_en)) : r.title_zh ? h('p.muted.small', richText(r.title_zh)) : null,
      // the rules site's page (www/rules/, built with the page): the same docs, live examples
      h('p.small', h('a.docs-page-link', {
        text: `${t('docs.page')} ↗`,
        attrs: { href: `rules/${getLang() === 'zh' ? 'zh' : 'en'}/${encodeURIComponent(r.id)}.html`, target: '_blank', rel: 'noopener' },
      }))),
    r.docsHtml
      ? h('div.md', docsFragment(getLang() === 'zh' ? r.docsHtml.zh : r.docsHtml.en))
      : h('p.muted', t(docsFailed ? 'docs.unavailable' : 'docs.loading')));
}

/** Show it again (after a language change), when open. */
export function refreshDocs() {
  if ($('docs-dialog').open) renderDocs();
}

/** Wire the Rules button and the dialog's search. */
export function initDocsDialog() {
  $('rules-btn').addEventListener('click', () => openDocs(nav.selected));
  $('docs-search').addEventListener('input', (e) => {
    nav.q = e.target.value.trim();
    const shown = catalog.rules.filter((r) => ruleMatches(r, nav.q));
    if (shown.length && !shown.some((r) => r.id === nav.selected)) nav.selected = shown[0].id;
    renderDocs();
  });
}
