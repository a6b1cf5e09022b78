// <ecplint-example>: a small chart written inline in a docs page, shown as editable code and
// checked by ecplint as the reader types. Plain JS, no dependency; see README "Web component".
//
//   <script type="module" src="ecplint-example/ecplint-example.js"></script>
//   <ecplint-example rules="CHART-005" lang="en">
//     <script type="text/plain" data-file="Chart.yaml">
//       apiVersion: v1
//       …
//     </script>
//   </ecplint-example>
//
// Attributes: lang (zh-CN | en; default: the nearest lang attribute, then the browser's),
// rules (a filter: "CHART-005,HELM-*"), readonly, base (the URL of a JSON project the example's
// files are written over: { name, chart, files: { path: text } }; paths of data-file are then
// relative to its `chart` folder, e.g. "../../Makefile"). A child with data-delete="path" removes
// that file of the base.
//
// One worker (worker.js beside this file) loads the wasm engine once per page, when the first
// example scrolls into view; each example is checked when it first becomes visible.

const STRINGS = {
  en: {
    example: 'ecplint example',
    loading: 'Loading ecplint…',
    checking: 'Checking…',
    none: 'No findings',
    count: (n) => (n === 1 ? '1 finding' : `${n} findings`),
    filtered: (rules) => `rules: ${rules}`,
    line: (n) => `Line ${n}`,
    file: 'File',
    editable: (file) => `${file}, editable: ecplint checks it as you type`,
    readonly: (file) => `${file}, read only`,
    findingsOf: (file) => `Findings in ${file}`,
    other: 'In other files of the example',
    deleted: (file) => `${file} is deleted in this example`,
    failed: (msg) => `ecplint could not check this example: ${msg}`,
    help: 'Fix',
    suppressed: (reason) => (reason ? `suppressed: ${reason}` : 'suppressed'),
    suppressedCount: (n) => `${n} suppressed`,
    error: 'error',
    warning: 'warning',
    info: 'info',
  },
  zh: {
    example: 'ecplint 示例',
    loading: '正在加载 ecplint…',
    checking: '正在检查…',
    none: '没有发现问题',
    count: (n) => `${n} 个问题`,
    filtered: (rules) => `规则：${rules}`,
    line: (n) => `第 ${n} 行`,
    file: '文件',
    editable: (file) => `${file}，可编辑：输入时 ecplint 自动检查`,
    readonly: (file) => `${file}，只读`,
    findingsOf: (file) => `${file} 中的问题`,
    other: '示例的其他文件中',
    deleted: (file) => `本示例删除了 ${file}`,
    failed: (msg) => `ecplint 无法检查此示例：${msg}`,
    help: '修复',
    suppressed: (reason) => (reason ? `已抑制：${reason}` : '已抑制'),
    suppressedCount: (n) => `${n} 个已抑制`,
    error: '错误',
    warning: '警告',
    info: '提示',
  },
};

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
const SEVERITY_MARK = { error: '✖', warning: '▲', info: 'ℹ' };
const CHECK_DELAY_MS = 250; // after the last keystroke

const CSS = `
:host { display: block; margin: 1em 0; font: 14px/1.45 system-ui, sans-serif; color: var(--ecplint-fg, #1f2328);
  --bg: var(--ecplint-bg, #fff); --code-bg: var(--ecplint-code-bg, #f6f8fa); --line: var(--ecplint-border, #d0d7de);
  --muted: #57606a; --error: #b3261e; --warning: #8a5300; --info: #0b5cad; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; }
@media (prefers-color-scheme: dark) {
  :host { color: var(--ecplint-fg, #e6edf3); --bg: var(--ecplint-bg, #0d1117); --code-bg: var(--ecplint-code-bg, #161b22);
    --line: var(--ecplint-border, #30363d); --muted: #9da7b3; --error: #ff8a80; --warning: #f0b64a; --info: #79b8ff; }
}
:host([hidden]) { display: none; }
.example { border: 1px solid var(--line); border-radius: 6px; background: var(--bg); overflow: hidden; }
.file + .file { border-top: 1px solid var(--line); }
.file-head { display: flex; gap: .5em; align-items: baseline; padding: .3em .75em; font-size: 12px; color: var(--muted);
  border-bottom: 1px solid var(--line); }
.file-name { font-family: var(--mono); color: inherit; }
.scroller { overflow-x: auto; background: var(--code-bg); }
.editor { display: grid; grid-template-columns: auto 1fr; width: max-content; min-width: 100%;
  font: 13px/20px var(--mono); tab-size: 2; }
.gutter { position: sticky; left: 0; z-index: 1; min-width: 3.2em; margin: 0; padding: 8px 8px 8px 12px; text-align: right; color: var(--muted);
  background: var(--code-bg); border-right: 1px solid var(--line); user-select: none; font: inherit; white-space: pre; }
.gutter .error { color: var(--error); font-weight: 700; }
.gutter .warning { color: var(--warning); font-weight: 700; }
.gutter .info { color: var(--info); }
.code { display: grid; position: relative; }
.code > * { grid-area: 1 / 1; margin: 0; padding: 8px 12px; font: inherit; letter-spacing: normal; white-space: pre;
  border: 0; box-sizing: border-box; }
.backdrop { color: inherit; pointer-events: none; }
.backdrop .marked { text-decoration: underline wavy; text-underline-offset: 3px; text-decoration-skip-ink: none; }
.backdrop .marked.error { text-decoration-color: var(--error); }
.backdrop .marked.warning { text-decoration-color: var(--warning); }
.backdrop .marked.info { text-decoration-color: var(--info); }
.lens { font-style: italic; }
.lens.error { color: var(--error); } .lens.warning { color: var(--warning); } .lens.info { color: var(--info); }
textarea { width: 100%; height: 100%; min-width: 0; resize: none; overflow: hidden; background: transparent;
  color: transparent; caret-color: var(--ecplint-fg, currentColor); outline: none; }
textarea::selection { background: rgba(80, 140, 255, .35); color: transparent; }
.code:focus-within { outline: 2px solid var(--info); outline-offset: -2px; }
.findings { list-style: none; margin: 0; padding: 0; }
.findings:empty { display: none; }
.finding { padding: .45em .75em; border-top: 1px solid var(--line); border-left: 3px solid var(--info); }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding-head { display: flex; flex-wrap: wrap; gap: .25em .6em; align-items: baseline; }
.sev { font-weight: 600; font-size: 12px; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.rule { font: 12px var(--mono); color: var(--muted); }
.goto { font: 12px var(--mono); color: var(--info); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
.goto:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
.message code, .help code { font-family: var(--mono); font-size: .92em; background: var(--code-bg); padding: 0 .2em; border-radius: 3px; }
.help { color: var(--muted); margin-top: .15em; }
.help-label { font-weight: 600; }
.finding.suppressed { border-left-color: var(--line); }
.finding.suppressed .message { color: var(--muted); text-decoration: line-through; }
.suppression { font-size: 12px; color: var(--muted); }
.other-head, .deleted { padding: .35em .75em; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); }
.status { padding: .3em .75em; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); }
.status.failed { color: var(--error); }
`;

let sheet = null; // one constructable stylesheet shared by every example's shadow root
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// ── The shared worker ────────────────────────────────────────────────────────────────────────
let worker = null;
let nextId = 0;
const pending = new Map(); // id → resolve

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (ev) => {
    const reply = ev.data || {};
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  };
  worker.onerror = (ev) => {
    ev.preventDefault(); // reported in each example's status instead of the console
    const error = ev.message || 'the worker failed to load';
    for (const [, resolve] of pending) resolve({ error });
    pending.clear();
  };
}

/** Check `files` ([{ path, text }], paths starting with `name/`): { diagnostics } or { error }. */
function checkFiles(name, files) {
  if (!worker) startWorker();
  const id = ++nextId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, name, files });
  });
}

// A project an example is written over (the `base` attribute), fetched once per page per URL.
const bases = new Map(); // absolute URL → Promise<{ name, chart, files }>
function loadBase(url) {
  if (!bases.has(url)) {
    bases.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json();
    }));
  }
  return bases.get(url);
}

// Each example is checked the first time it comes near the viewport.
const visibility = typeof IntersectionObserver === 'function'
  ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        visibility.unobserve(entry.target);
        entry.target.scheduleCheck(0);
      }
    }
  }, { rootMargin: '200px' })
  : null;

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────
/** Text written inline in HTML: the first line break and the indent all lines share removed. */
function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && !lines[0].trim()) lines.shift();
  while (lines.length > 1 && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length), Infinity);
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

/** `dir` + `rel` with `.` and `..` resolved; null when it would leave the project. */
function joinPath(dir, rel) {
  const out = [];
  for (const part of `${dir}/${rel}`.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** "CHART-005,HELM-*" → a test of rule ids, or null for no filter. */
function ruleFilter(spec) {
  const patterns = String(spec || '').split(/[\s,]+/).filter(Boolean);
  if (!patterns.length) return null;
  const res = patterns.map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'));
  return (id) => res.some((re) => re.test(id));
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.flat().filter((c) => c != null));
  return node;
}

/** A message with `code` spans as nodes. */
function richText(text) {
  return String(text ?? '').split('`').map((part, i) => (i % 2 ? el('code', { text: part }) : part));
}

function worst(list) {
  return list.reduce((w, d) => (SEVERITY_ORDER[d.severity] < SEVERITY_ORDER[w] ? d.severity : w), 'info');
}

let uid = 0;

// ── The element ──────────────────────────────────────────────────────────────────────────────
class EcplintExample extends HTMLElement {
  static observedAttributes = ['lang', 'rules', 'readonly'];

  #files = []; // [{ path (as written), full (its path in the input), text, deleted, view }]
  #diagnostics = null; // the last check's, unfiltered
  #error = null;
  #state = 'idle'; // idle | loading | checking | done
  #timer = 0;
  #requests = 0; // only the latest check's answer is shown
  #started = false;
  #root = null;

  connectedCallback() {
    if (!this.#root) this.#setUp();
    if (!this.#started) {
      if (visibility) visibility.observe(this);
      else this.scheduleCheck(0);
    }
  }

  disconnectedCallback() {
    visibility?.unobserve(this);
    clearTimeout(this.#timer);
  }

  attributeChangedCallback(name) {
    if (!this.#root) return;
    if (name === 'readonly') {
      for (const f of this.#files) {
        if (f.view) {
          f.view.textarea.readOnly = this.hasAttribute('readonly');
          f.view.textarea.setAttribute('aria-label', this.#labelOf(f));
        }
      }
    }
    this.#render();
  }

  get #strings() {
    const lang = this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
    return lang.toLowerCase().startsWith('zh') ? STRINGS.zh : STRINGS.en;
  }

  get #zh() {
    return this.#strings === STRINGS.zh;
  }

  #labelOf(file) {
    return this.hasAttribute('readonly') ? this.#strings.readonly(file.path) : this.#strings.editable(file.path);
  }

  #setUp() {
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
    for (const child of this.children) {
      const path = child.dataset.file ?? child.dataset.delete;
      if (!path) continue;
      const raw = child.localName === 'template' ? child.content.textContent : child.textContent;
      this.#files.push({ path, text: dedent(raw), deleted: child.dataset.file == null, view: null });
    }
    this.#root.append(el('div', { class: 'example', role: 'group' }));
    this.#build();
  }

  /** The editors, built once: re-checks only update their marks and findings. */
  #build() {
    const box = this.#root.querySelector('.example');
    box.replaceChildren();
    for (const file of this.#files) {
      if (file.deleted) {
        file.view = { deletedNote: el('div', { class: 'deleted' }) };
        box.append(file.view.deletedNote);
        continue;
      }
      const n = ++uid;
      const textarea = el('textarea', {
        spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', wrap: 'off', rows: '1',
        'aria-describedby': `findings-${n}`,
      });
      textarea.value = file.text;
      textarea.readOnly = this.hasAttribute('readonly');
      textarea.addEventListener('input', () => {
        file.text = textarea.value;
        this.#paint(file);
        this.scheduleCheck(CHECK_DELAY_MS);
      });
      const view = {
        textarea,
        gutter: el('pre', { class: 'gutter', 'aria-hidden': 'true' }),
        backdrop: el('pre', { class: 'backdrop', 'aria-hidden': 'true' }),
        name: el('span', { class: 'file-name', text: file.path }),
        list: el('ul', { class: 'findings', id: `findings-${n}` }),
      };
      file.view = view;
      box.append(el('section', { class: 'file' },
        el('div', { class: 'file-head' }, view.name),
        el('div', { class: 'scroller' },
          el('div', { class: 'editor' }, view.gutter, el('div', { class: 'code' }, view.backdrop, textarea))),
        view.list));
    }
    this.otherHead = el('div', { class: 'other-head' });
    this.otherList = el('ul', { class: 'findings' });
    this.status = el('div', { class: 'status', role: 'status' });
    box.append(this.otherHead, this.otherList, this.status);
    this.#render();
  }

  /** Check again in `delay` ms (the last call wins). Starts the shared worker on first use. */
  scheduleCheck(delay) {
    this.#started = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), delay);
  }

  async #check() {
    const request = ++this.#requests;
    this.#state = this.#diagnostics ? 'checking' : 'loading';
    this.#renderStatus();
    let reply;
    try {
      const base = this.getAttribute('base') ? await loadBase(new URL(this.getAttribute('base'), document.baseURI).href) : null;
      const files = this.#inputFiles(base);
      reply = await checkFiles(this.inputName, files);
    } catch (e) {
      reply = { error: String(e && e.message ? e.message : e) };
    }
    if (request !== this.#requests) return; // a newer check is on its way
    this.#state = 'done';
    this.#error = reply.error ?? null;
    this.#diagnostics = reply.diagnostics ?? [];
    this.#render();
    this.dispatchEvent(new CustomEvent('ecplint-checked', { detail: { diagnostics: this.#shown() } }));
  }

  /**
   * The folder the example is checked as: the base project's, or else the chart's own name (read
   * from its Chart.yaml), since ecplint wants a chart's folder to carry its name (LAYOUT-002).
   */
  #inputName(base) {
    if (base?.name) return base.name;
    const chartYaml = this.#files.find((f) => !f.deleted && f.path === 'Chart.yaml');
    const name = /^name:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)/m.exec(chartYaml?.text ?? '')?.[1];
    return name || 'example';
  }

  /**
   * The files sent to the worker, by their path in the input (starting with its folder's name): the
   * base project's, written over by the example's. An example's path is relative to the chart and
   * may leave the project (a doc example's `../../../other-project/…`), not the input.
   */
  #inputFiles(base) {
    const name = this.#inputName(base);
    const files = new Map(Object.entries(base?.files ?? {}).map(([path, text]) => [`${name}/${path}`, text]));
    for (const f of this.#files) {
      f.full = joinPath(base?.chart ? `${name}/${base.chart}` : name, f.path);
      if (f.full == null) continue;
      if (f.deleted) files.delete(f.full);
      else files.set(f.full, f.text.endsWith('\n') ? f.text : `${f.text}\n`);
    }
    this.inputName = name;
    return [...files].map(([path, text]) => ({ path, text }));
  }

  /** The findings the rule filter lets through. */
  #shown() {
    const keep = ruleFilter(this.getAttribute('rules'));
    return (this.#diagnostics ?? []).filter((d) => !keep || keep(d.rule))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }

  #render() {
    const s = this.#strings;
    this.#root.querySelector('.example').setAttribute('aria-label', s.example);
    const shown = this.#diagnostics ? this.#shown() : [];
    const byFile = new Map();
    const other = [];
    for (const d of shown) {
      const file = this.#files.find((f) => !f.deleted && f.full != null && f.full === d.file);
      if (file) byFile.set(file, [...(byFile.get(file) ?? []), d]);
      else other.push(d);
    }
    for (const file of this.#files) {
      if (file.deleted) {
        file.view.deletedNote.textContent = s.deleted(file.path);
        continue;
      }
      file.findings = byFile.get(file) ?? [];
      file.view.textarea.setAttribute('aria-label', this.#labelOf(file));
      this.#paint(file);
      file.view.list.replaceChildren(...file.findings.map((d) => this.#finding(d, file)));
    }
    this.otherHead.hidden = !other.length;
    this.otherHead.textContent = s.other;
    this.otherList.replaceChildren(...other.map((d) => this.#finding(d, null)));
    this.#renderStatus();
  }

  #renderStatus() {
    const s = this.#strings;
    const rules = this.getAttribute('rules');
    let text;
    if (this.#state === 'loading') text = s.loading;
    else if (this.#state === 'checking') text = s.checking;
    else if (this.#error) text = s.failed(this.#error);
    else if (this.#state === 'done') {
      // findings an inline suppression silenced are listed (struck through), not counted
      const shown = this.#shown();
      const silenced = shown.filter((d) => d.suppressed).length;
      const n = shown.length - silenced;
      text = (n ? s.count(n) : s.none) + (silenced ? ` · ${s.suppressedCount(silenced)}` : '') +
        (rules ? ` · ${s.filtered(rules)}` : '');
    } else text = '';
    this.status.textContent = text;
    this.status.classList.toggle('failed', !!this.#error && this.#state === 'done');
    this.dataset.state = this.#state; // for pages and tests: idle | loading | checking | done
  }

  /** Line numbers, marks under the lines with findings, and each line's first finding after it. */
  #paint(file) {
    const { gutter, backdrop, textarea } = file.view;
    const lines = file.text.split('\n');
    const atLine = new Map();
    for (const d of file.findings ?? []) {
      if (d.suppressed) continue;
      if (d.line >= 1 && d.line <= lines.length) atLine.set(d.line, [...(atLine.get(d.line) ?? []), d]);
    }
    const numbers = [];
    const code = [];
    lines.forEach((line, i) => {
      if (i) {
        numbers.push('\n');
        code.push('\n');
      }
      const here = atLine.get(i + 1);
      const sev = here ? worst(here) : null;
      numbers.push(sev ? el('span', { class: sev, text: `${SEVERITY_MARK[sev]} ${i + 1}` }) : String(i + 1));
      if (!here) {
        code.push(line);
        return;
      }
      // the first finding's range underlined (to the line's end when it goes on), its message after the line
      const d = here[0];
      const from = d.end_line == null || d.end_line >= d.line ? Math.max(0, (d.column ?? 1) - 1) : 0;
      const to = d.end_line === d.line && d.end_column ? Math.max(from + 1, d.end_column - 1) : line.length;
      const marked = line.slice(from, to);
      const message = this.#zh ? d.message_zh || d.message : d.message;
      const more = here.length > 1 ? ` (+${here.length - 1})` : '';
      code.push(line.slice(0, from), marked ? el('span', { class: `marked ${sev}`, text: marked }) : '', line.slice(to),
        el('span', { class: `lens ${sev}`, text: `   ${SEVERITY_MARK[sev]} ${d.rule}: ${message.replaceAll('`', '')}${more}` }));
    });
    code.push(' '); // a last empty line still takes its height, as in the textarea
    gutter.replaceChildren(...numbers);
    backdrop.replaceChildren(...code);
    textarea.rows = lines.length;
  }

  #finding(d, file) {
    const s = this.#strings;
    const message = this.#zh ? d.message_zh || d.message : d.message;
    const help = this.#zh ? d.help_zh || d.help : d.help;
    let where = null;
    if (file && d.line) {
      where = el('button', { class: 'goto', type: 'button', text: s.line(d.line), onclick: () => this.#goTo(file, d) });
    } else if (!file && d.file) {
      const prefix = `${this.inputName}/`;
      where = el('span', { class: 'rule', text: `${d.file.startsWith(prefix) ? d.file.slice(prefix.length) : d.file}${d.line ? `:${d.line}` : ''}` });
    }
    return el('li', { class: `finding ${d.severity}${d.suppressed ? ' suppressed' : ''}` },
      el('div', { class: 'finding-head' },
        el('span', { class: `sev ${d.severity}`, text: `${SEVERITY_MARK[d.severity]} ${s[d.severity] ?? d.severity}` }),
        el('span', { class: 'rule', text: d.rule }),
        where,
        d.suppressed ? el('span', { class: 'suppression', text: s.suppressed(d.suppressed.reason) }) : null),
      el('div', { class: 'message' }, richText(message)),
      help ? el('div', { class: 'help' }, el('span', { class: 'help-label', text: `${s.help}: ` }), richText(help)) : null);
  }

  /** Put the caret where a finding starts. */
  #goTo(file, d) {
    const { textarea } = file.view;
    const lines = file.text.split('\n');
    let offset = 0;
    for (let i = 0; i < d.line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, (d.column ?? 1) - 1);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  }

  /** The findings shown now (after the rule filter), as the report gives them. */
  get diagnostics() {
    return this.#diagnostics ? this.#shown() : null;
  }
}

if (!customElements.get('ecplint-example')) customElements.define('ecplint-example', EcplintExample);
