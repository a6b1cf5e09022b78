// A minimal markdown renderer for rule docs: headings, paragraphs, fenced code (with the
// `yaml,fail,file=…` tags of doc examples), inline code, bold, emphasis, links (as text), lists,
// block quotes, simple pipe tables. It builds DOM nodes; no markup from the docs is ever parsed,
// so `<script>` in a doc is shown as the text `<script>`.

import { h } from './dom.js';

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+?)\*\*|\[([^\]]+)\]\(([^)\s]*)\)|(?<![\w*])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_](?![\w*])/g;

export function inline(text) {
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) frag.append(text.slice(last, m.index));
    if (m[1]) frag.append(h('code', { text: m[2].replace(/^ (.*) $/, '$1') }));
    else if (m[3] !== undefined) frag.append(h('strong', inline(m[3])));
    else if (m[4] !== undefined) frag.append(h('span.md-link', { title: m[5] }, inline(m[4])));
    else if (m[6] !== undefined) frag.append(h('em', inline(m[6])));
    last = m.index + m[0].length;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}

function dedent(lines) {
  let min = Infinity;
  for (const l of lines) if (l.trim()) min = Math.min(min, l.match(/^ */)[0].length);
  return min === Infinity || min === 0 ? lines : lines.map((l) => l.slice(min));
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const HR = /^\s*([-*_])(\s*\1){2,}\s*$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function isBlockStart(line, next) {
  return FENCE.test(line) || HEADING.test(line) || ITEM.test(line) || QUOTE.test(line) || HR.test(line) ||
    (line.includes('|') && next !== undefined && TABLE_SEP.test(next));
}

function cells(row) {
  let r = row.trim();
  if (r.startsWith('|')) r = r.slice(1);
  if (r.endsWith('|') && !r.endsWith('\\|')) r = r.slice(0, -1);
  return r.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The docs' code-fence info string: `yaml,fail,file=Chart.yaml` → { lang, kind, file }. */
export function fenceInfo(info) {
  const parts = info.split(/[,\s]+/).filter(Boolean);
  const out = { lang: parts[0] || '', kind: null, file: null };
  for (const p of parts.slice(1)) {
    if (p === 'fail' || p === 'pass') out.kind = p;
    else if (p.startsWith('file=')) out.file = p.slice(5);
    else if (p.startsWith('delete=')) out.file = p.slice(7), out.deleted = true;
  }
  return out;
}

/**
 * Render markdown `src` into a DocumentFragment. `labels` gives the words for example blocks:
 * { fail: 'reported', pass: 'passes' }.
 */
export function renderMarkdown(src, labels = { fail: 'fail', pass: 'pass' }) {
  const lines = dedent(String(src ?? '').replace(/\r\n?/g, '\n').split('\n'));
  return blocks(lines, labels);
}

function blocks(lines, labels) {
  const frag = document.createDocumentFragment();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    let m;
    if ((m = line.match(FENCE))) {
      const [, indent, fence, info] = m;
      const body = [];
      i++;
      while (i < lines.length && !(lines[i].trim().startsWith(fence[0].repeat(fence.length)) && lines[i].trim().replace(/[`~]/g, '') === '')) {
        body.push(indent && lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i]);
        i++;
      }
      i++; // closing fence
      const fi = fenceInfo(info.trim());
      const pre = h('pre.md-code', h('code', { text: body.join('\n') }));
      if (fi.kind || fi.file) {
        frag.append(
          h(`figure.md-example${fi.kind ? '.' + fi.kind : ''}`,
            h('figcaption',
              fi.kind ? h('span.md-example-kind', { text: fi.kind === 'fail' ? `✗ ${labels.fail}` : `✓ ${labels.pass}` }) : null,
              fi.file ? h('span.md-example-file', { text: fi.file }) : null,
              fi.lang ? h('span.md-example-lang', { text: fi.lang }) : null),
            pre));
      } else {
        frag.append(pre);
      }
      continue;
    }
    if ((m = line.match(HEADING))) {
      const level = Math.min(6, m[1].length + 1); // a doc's `##` renders as h3 inside the dialog
      frag.append(h(`h${level}.md-h`, inline(m[2])));
      i++;
      continue;
    }
    if (HR.test(line)) {
      frag.append(h('hr'));
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body = [];
      while (i < lines.length && lines[i].trim() && QUOTE.test(lines[i])) body.push(lines[i++].match(QUOTE)[1]);
      frag.append(h('blockquote', blocks(body, labels)));
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const rows = [];
      while (i < lines.length && lines[i].includes('|') && lines[i].trim()) rows.push(cells(lines[i++]));
      frag.append(
        h('div.md-table-wrap',
          h('table.md-table',
            h('thead', h('tr', head.map((c) => h('th', inline(c))))),
            h('tbody', rows.map((r) => h('tr', head.map((_, k) => h('td', inline(r[k] ?? '')))))))));
      continue;
    }
    if (ITEM.test(line)) {
      const [list, next] = parseList(lines, i, labels);
      frag.append(list);
      i = next;
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && (para.length === 0 || !isBlockStart(lines[i], lines[i + 1]))) {
      para.push(lines[i].trim());
      i++;
    }
    frag.append(h('p', inline(para.join(' '))));
  }
  return frag;
}

function parseList(lines, start, labels) {
  const first = lines[start].match(ITEM);
  const baseIndent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const list = h(ordered ? 'ol' : 'ul');
  if (ordered) {
    const n = parseInt(first[2], 10);
    if (n !== 1) list.start = n;
  }
  let i = start;
  while (i < lines.length) {
    const m = lines[i].match(ITEM);
    if (!m || m[1].length !== baseIndent || /\d/.test(m[2]) !== ordered) break;
    // one item: its first line plus continuation / nested lines (indented more than the marker)
    const body = [m[3]];
    i++;
    while (i < lines.length) {
      const l = lines[i];
      if (!l.trim()) {
        // a blank line continues the item only when the next line is indented under it
        if (i + 1 < lines.length && lines[i + 1].trim() && lines[i + 1].match(/^ */)[0].length > baseIndent) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      const ind = l.match(/^ */)[0].length;
      if (ind <= baseIndent && (ITEM.test(l) || isBlockStart(l, lines[i + 1]))) break;
      body.push(ind > baseIndent ? l.slice(Math.min(ind, baseIndent + 2)) : l.trim());
      i++;
    }
    const li = h('li');
    if (body.length === 1 || body.slice(1).every((b) => b.trim() && !isBlockStart(b, undefined))) {
      li.append(inline(body.map((b) => b.trim()).join(' ')));
    } else {
      const [firstLine, ...rest] = body;
      li.append(inline(firstLine.trim()));
      li.append(blocks(dedent(rest), labels));
    }
    list.append(li);
  }
  return [list, i];
}
