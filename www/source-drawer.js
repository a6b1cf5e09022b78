// The source drawer: a file of a checked input, with its findings under their lines and the
// finding (or line) it was opened for highlighted. The worker reads the file from its workspace.

import { t, pick } from './i18n.js';
import { $, h, clear, richText, icon, plain } from './dom.js';
import { ruleTitle } from './rules.js';
import { request } from './worker-client.js';
import { openDocs } from './docs-dialog.js';

let source = null; // what the drawer shows: { input, file, focus }
let reportOf = () => null; // the report whose inputs the drawer shows

export async function openSource(inputIdx, file, focus) {
  source = { input: inputIdx, file, focus };
  const dlg = $('source-dialog');
  $('source-title').textContent = file;
  $('source-meta').textContent = t('src.loading');
  const body = clear($('source-body'));
  if (!dlg.open) dlg.showModal();
  let text = null;
  try {
    const r = await request({ type: 'source', input: inputIdx, path: file });
    text = r.text;
  } catch {
    text = null;
  }
  if (source?.file !== file || source?.input !== inputIdx) return;
  renderSource(text);
}

function renderSource(text) {
  const { input, file, focus } = source;
  const inp = reportOf()?.inputs[input];
  const diags = (inp?.diagnostics || []).filter((d) => d.file === file);
  const body = clear($('source-body'));
  const meta = [t('src.input', { name: inp?.path ?? '' })];
  if (text == null) {
    $('source-meta').textContent = meta.join(' · ');
    body.append(h('p.src-unavailable.muted', t('src.unavailable')));
    return;
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  meta.push(t('src.lines', { n: lines.length }), t('src.findings', { n: diags.length }));
  $('source-meta').textContent = meta.join(' · ');

  const annotations = new Map();
  for (const d of diags) {
    if (!d.line) continue;
    const at = Math.min(d.end_line && d.end_line > d.line ? d.end_line : d.line, lines.length);
    if (!annotations.has(at)) annotations.set(at, []);
    annotations.get(at).push(d);
  }
  const focusStart = focus?.line ?? 0;
  const focusEnd = Math.max(focusStart, focus?.end_line ?? focusStart);
  const digits = String(lines.length).length;
  const frag = document.createDocumentFragment();
  let target = null;
  const marked = new Set(diags.filter((d) => d.line).map((d) => d.line));
  lines.forEach((line, i) => {
    const n = i + 1;
    const inFocus = focus && n >= focusStart && n <= focusEnd;
    const code = h('span.src-code');
    if (inFocus && focus.column) {
      // mark the focused range (columns count Unicode characters, end exclusive)
      const chars = Array.from(line);
      const from = n === focusStart ? Math.max(0, focus.column - 1) : 0;
      const to = n === focusEnd && focus.end_column ? Math.max(from, focus.end_column - 1) : chars.length;
      code.append(chars.slice(0, from).join(''), h('mark.src-mark', { text: chars.slice(from, to).join('') || ' ' }), chars.slice(to).join(''));
    } else {
      code.textContent = line;
    }
    const row = h(`div.src-line${inFocus ? '.hl' : ''}${marked.has(n) ? '.has-diag' : ''}`, { dataset: { line: String(n) } },
      h('span.src-ln', { text: String(n).padStart(digits, ' '), attrs: { 'aria-hidden': 'true' } }),
      code);
    if (inFocus && !target) target = row;
    frag.append(row);
    for (const d of annotations.get(n) || []) {
      const isFocus = focus && d.line === focus.line && d.rule === focus.rule && d.column === focus.column;
      frag.append(
        h(`div.src-annot.sev-${d.severity}${isFocus ? '.current' : ''}`,
          h('span.src-ln', { text: ' '.repeat(digits), attrs: { 'aria-hidden': 'true' } }),
          h('span.src-annot-body',
            icon(d.severity),
            h('button.diag-rule.mono', { type: 'button', text: d.rule, title: plain(ruleTitle(d.rule)), onclick: () => openDocs(d.rule) }),
            h('span', richText(pick(d.message, d.message_zh))),
            d.column ? h('span.muted.mono', { text: ` ${d.line}:${d.column}` }) : null)));
    }
  });
  body.append(h('div.src', { attrs: { role: 'region', 'aria-label': file } }, frag));
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: 'center', behavior: 'instant' }));
  else body.scrollTop = 0;
}

/** Show it again (after a language change), when open. */
export function refreshSource() {
  if ($('source-dialog').open && source) openSource(source.input, source.file, source.focus);
}

/** `currentReport()` gives the report shown; wires the drawer's copy button. */
export function initSourceDrawer({ currentReport }) {
  reportOf = currentReport;
  $('source-dialog').addEventListener('close', () => (source = null));
  $('source-copy').addEventListener('click', async () => {
    const file = source?.file;
    if (!file) return;
    try {
      await navigator.clipboard.writeText(file);
      $('source-copy').textContent = t('src.copied');
      setTimeout(() => ($('source-copy').textContent = t('src.copy')), 1200);
    } catch {
      /* clipboard unavailable */
    }
  });
}
