// DOM helpers. Nothing here ever parses HTML: every text goes in through textContent / text nodes,
// so chart file names, messages and docs can hold anything.

/** The element with id `id` (the page's fixed parts: index.html). */
export const $ = (id) => document.getElementById(id);

/**
 * h('div.a.b', { title: 'x', onclick: f, dataset: { k: 'v' }, attrs: { 'aria-label': 'y' } }, child, ...)
 * Children: strings (text nodes), nodes, arrays, null/false (skipped).
 */
export function h(tag, props, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (props && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) {
    children.unshift(props);
    props = null;
  }
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'attrs') for (const [a, av] of Object.entries(v)) { if (av !== undefined && av !== null && av !== false) el.setAttribute(a, String(av)); }
      else if (k === 'class') el.className += (el.className ? ' ' : '') + v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el[k] = v;
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A text where `` `x` `` spans become <code> elements (messages, help texts, titles). */
export function richText(text) {
  const frag = document.createDocumentFragment();
  const s = String(text ?? '');
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('`', i);
    if (open < 0) break;
    const close = s.indexOf('`', open + 1);
    if (close < 0) break;
    if (open > i) frag.append(document.createTextNode(s.slice(i, open)));
    const code = document.createElement('code');
    code.textContent = s.slice(open + 1, close);
    frag.append(code);
    i = close + 1;
  }
  if (i < s.length) frag.append(document.createTextNode(s.slice(i)));
  return frag;
}

/** A text without its `code` backticks (tooltips, labels). */
export function plain(text) {
  return String(text ?? '').replace(/`/g, '');
}

/** A dotted path that may wrap after its dots (a <wbr> element, never markup). */
export function breakable(path) {
  return String(path).split(/(?<=[./])/).flatMap((part, k) => (k ? [h('wbr'), part] : [part]));
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function closeDialogs() {
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
}

/** Inline SVG icons, built with createElementNS (no markup parsing). */
const ICONS = {
  error: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v7h-2V7Zm0 9h2v2h-2v-2Z',
  warning: 'M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z',
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 8h2v8h-2v-8Zm0-4h2v2h-2V6Z',
  ok: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.5 14.5-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4-7 7Z',
  archive: 'M4 3h16l1 4v13a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7l1-4Zm1.3 2-.5 2h14.4l-.5-2H5.3ZM5 9v10h14V9H5Zm4 2h6v2H9v-2Z',
  folder: 'M3 5a1 1 0 0 1 1-1h6l2 2h8a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5Zm2 3v10h14V8H5Z',
  chart: 'M12 2 3 7v10l9 5 9-5V7l-9-5Zm0 2.3 6.8 3.7L12 11.7 5.2 8 12 4.3ZM5 9.7l6 3.3v6.6l-6-3.3V9.7Zm8 9.9V13l6-3.3v6.6l-6 3.3Z',
  close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6 6.4 5Z',
  download: 'M11 3h2v9.6l3.3-3.3 1.4 1.4L12 16.4l-5.7-5.7 1.4-1.4 3.3 3.3V3ZM4 18h16v2H4v-2Z',
  book: 'M5 3h11a3 3 0 0 1 3 3v15H7a3 3 0 0 1-3-3V4a1 1 0 0 1 1-1Zm1 2v11.2A3 3 0 0 1 7 16h10V6a1 1 0 0 0-1-1H6Zm1 13a1 1 0 0 0 0 2h10v-2H7Z',
  upload: 'M11 16V6.4L7.7 9.7 6.3 8.3 12 2.6l5.7 5.7-1.4 1.4L13 6.4V16h-2ZM4 14h2v4h12v-4h2v6H4v-6Z',
  file: 'M6 2h8l6 6v13a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm1 2v16h11V9h-5V4H7Zm8 .8V7h2.2L15 4.8Z',
};

export function icon(name, cls = '') {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon ${cls}`.trim());
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', ICONS[name] || ICONS.info);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

/**
 * Make `el` take dropped files: `onFiles(files)` gets them, `el` is marked `.over` while files
 * hover. The drop's default is prevented, so the page's own drop handler (inputs.js) leaves it
 * alone and no new check starts.
 */
export function fileDropTarget(el, onFiles) {
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  const over = (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    el.classList.add('over');
  };
  el.addEventListener('dragenter', over);
  el.addEventListener('dragover', over);
  el.addEventListener('dragleave', (e) => {
    if (!el.contains(e.relatedTarget)) el.classList.remove('over');
  });
  el.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    el.classList.remove('over');
    onFiles([...e.dataTransfer.files]);
  });
}
