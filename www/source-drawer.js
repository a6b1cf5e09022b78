// The source drawer: a file of a checked input, with its findings under their lines and the
// finding (or line) it was opened for highlighted. The worker reads the file from its workspace.
// "Edit" turns it into an editor: each change is checked again (check.js runEdit) and the report,
// previews and manifests follow; the file's findings are listed under the editor.

import { t, pick } from './i18n.js';
import { $, h, clear, richText, icon, plain } from './dom.js';
import { ruleTitle } from './rules.js';
import { request } from './worker-client.js';
import { openDocs } from './docs-dialog.js';
import { runEdit } from './check.js';

let source = null; // what the drawer shows: { input, file, focus, text, editing }
let reportOf = () => null; // the report whose inputs the drawer shows
const EDIT_DELAY_MS = 250; // a pause in typing this long checks again
let editTimer = 0;

export async function openSource(inputIdx, file, focus) {
  source = { input: inputIdx, file, focus, text: null, editing: false };
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
  source.text = text;
  render();
}

/** The findings of the drawer's file in the report shown, and the meta line above it. */
function fileFindings(lineCount) {
  const { input, file } = source;
  const inp = reportOf()?.inputs[input];
  const diags = (inp?.diagnostics || []).filter((d) => d.file === file);
  const meta = [t('src.input', { name: inp?.path ?? '' })];
  if (source.text != null) meta.push(t('src.lines', { n: lineCount }), t('src.findings', { n: diags.length }));
  if (inp?.files?.some((f) => f.path === file && f.edited)) meta.push(t('src.edited'));
  $('source-meta').textContent = meta.join(' · ');
  return diags;
}

function render() {
  const button = $('source-edit');
  button.hidden = source.text == null;
  button.textContent = t(source.editing ? 'src.done' : 'src.edit');
  button.setAttribute('aria-pressed', String(source.editing));
  if (source.editing) renderEditor();
  else renderSource(source.text);
}

function renderSource(text) {
  const { file, focus } = source;
  const body = clear($('source-body'));
  if (text == null) {
    fileFindings(0);
    body.append(h('p.src-unavailable.muted', t('src.unavailable')));
    return;
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const diags = fileFindings(lines.length);

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

// The editor: line numbers (marked where a finding is) beside a plain textarea, and the file's
// findings under it, each with a button that puts the caret on its line.
let editor = null; // { textarea, gutter, list }

function renderEditor() {
  const body = clear($('source-body'));
  const textarea = h('textarea.src-textarea', {
    attrs: { spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', wrap: 'off', 'aria-label': t('src.editLabel', { file: source.file }) },
  });
  textarea.value = source.text;
  const gutter = h('pre.src-gutter', { attrs: { 'aria-hidden': 'true' } });
  const list = h('ul.src-edit-findings', { attrs: { 'aria-live': 'polite', 'aria-label': t('src.findingsLabel') } });
  editor = { textarea, gutter, list };
  textarea.addEventListener('input', () => {
    source.text = textarea.value;
    paintEditor();
    clearTimeout(editTimer);
    const { input, file } = source;
    editTimer = setTimeout(() => runEdit(input, file, textarea.value), EDIT_DELAY_MS);
  });
  body.append(h('div.src-editor', gutter, textarea), list);
  paintEditor();
  requestAnimationFrame(() => textarea.focus());
}

function paintEditor() {
  const { textarea, gutter, list } = editor;
  const lines = source.text.split('\n');
  const diags = fileFindings(lines.length);
  const worst = new Map();
  const rank = { error: 3, warning: 2, info: 1 };
  for (const d of diags) {
    if (d.line && (rank[d.severity] || 0) > (rank[worst.get(d.line)] || 0)) worst.set(d.line, d.severity);
  }
  gutter.replaceChildren(...lines.flatMap((_, i) => {
    const sev = worst.get(i + 1);
    const n = String(i + 1);
    return [i ? '\n' : '', sev ? h(`span.sev-${sev}`, { text: n }) : n];
  }));
  textarea.rows = lines.length;
  const byLine = [...diags].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  list.replaceChildren(...byLine.map((d) =>
    h(`li.src-annot.sev-${d.severity}`,
      h('span.src-annot-body',
        icon(d.severity),
        h('button.diag-rule.mono', { type: 'button', text: d.rule, title: plain(ruleTitle(d.rule)), onclick: () => openDocs(d.rule) }),
        h('span', richText(pick(d.message, d.message_zh))),
        d.line ? h('button.src-goto.mono', { type: 'button', text: t('src.line', { n: d.line }), onclick: () => caretTo(d.line, d.column) }) : null))));
}

function caretTo(line, column) {
  const { textarea } = editor;
  const lines = textarea.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, (column ?? 1) - 1);
  textarea.focus();
  textarea.setSelectionRange(offset, offset);
}

/** Show it again (after a language change), when open: the editor keeps what was typed. */
export function refreshSource() {
  if (!$('source-dialog').open || !source) return;
  if (source.text == null) openSource(source.input, source.file, source.focus);
  else render();
}

/** A new report is shown: the open drawer's findings follow it (the editor keeps its text). */
export function followReport() {
  if (!$('source-dialog').open || !source || source.text == null) return;
  if (source.editing && editor) paintEditor();
  else renderSource(source.text);
}

/** `currentReport()` gives the report shown; wires the drawer's copy button. */
export function initSourceDrawer({ currentReport }) {
  reportOf = currentReport;
  $('source-dialog').addEventListener('close', () => {
    source = null;
    editor = null;
  });
  $('source-edit').addEventListener('click', () => {
    if (!source || source.text == null) return;
    source.editing = !source.editing;
    render();
  });
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
