// Gathering what to check: files and folders from the pickers, drops anywhere on the window, the
// sample archive. Each becomes an input item, { kind: 'archive', name, blob } or
// { kind: 'folder', name, entries: [{ path, blob }] }, handed to `onInputs(items)`.

import { t } from './i18n.js';
import { $ } from './dom.js';
import { showProgress, hideProgress, notice } from './status.js';

/** Read every entry of a dropped directory (readEntries returns batches until an empty one). */
function readAllEntries(dir) {
  const reader = dir.createReader();
  const out = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) return resolve(out);
        out.push(...batch);
        next();
      }, reject);
    next();
  });
}

function entryFile(entry) {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

export async function collectDir(dir, out, onCount) {
  for (const entry of await readAllEntries(dir)) {
    if (entry.isDirectory) {
      if (entry.name === '.git') continue; // version-control internals are never chart content
      await collectDir(entry, out, onCount);
    } else if (entry.isFile) {
      const file = await entryFile(entry);
      out.push({ path: entry.fullPath.replace(/^\/+/, ''), blob: file ?? new Blob([]) });
      onCount(out.length);
    }
  }
  return out;
}

/** The items of a drop, or null when a dropped folder could not be read (the notice says why). */
async function dropItems(dt) {
  // Everything must be taken from the DataTransfer synchronously, before the first await.
  const dirs = [];
  const files = [];
  if (dt.items && dt.items.length) {
    for (const item of dt.items) {
      if (item.kind !== 'file') continue;
      const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
      if (entry && entry.isDirectory) dirs.push(entry);
      else {
        const f = item.getAsFile();
        if (f) files.push(f);
      }
    }
  } else if (dt.files) {
    files.push(...dt.files);
  }
  const items = files.map((f) => ({ kind: 'archive', name: f.name, blob: f }));
  if (dirs.length) {
    showProgress(t('progress.collecting', { n: 0 }), '', 0);
    try {
      for (const dir of dirs) {
        const entries = await collectDir(dir, [], (n) => {
          if (n % 50 === 0) showProgress(t('progress.collecting', { n }), '', 0);
        });
        items.push({ kind: 'folder', name: dir.name, entries });
      }
    } catch (e) {
      hideProgress();
      notice(t('error.check', { msg: e.message || String(e) }), 'error');
      return null;
    }
  }
  return items;
}

/** Files from the folder picker: one folder input per top-level folder. */
export function folderItems(fileList) {
  const byTop = new Map();
  for (const f of fileList) {
    const rel = f.webkitRelativePath || f.name;
    if (rel.split('/').includes('.git')) continue;
    const top = rel.split('/')[0];
    if (!byTop.has(top)) byTop.set(top, []);
    byTop.get(top).push({ path: rel, blob: f });
  }
  return [...byTop].map(([name, entries]) => ({ kind: 'folder', name, entries }));
}

/** The sample archive as an item, or null when it could not be fetched (the notice says why). */
async function sampleItems() {
  showProgress(t('progress.fetching'), '', 0);
  let blob;
  try {
    const res = await fetch('./sample/orbit-console-project.tgz');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    blob = await res.blob();
  } catch (e) {
    hideProgress();
    notice(t('error.sample', { msg: e.message || String(e) }), 'error');
    return null;
  }
  return [{ kind: 'archive', name: 'orbit-console-project.tgz', blob }];
}

/** Wire the pickers, the sample button and window-wide drops to `onInputs(items)`. */
export function initInputs({ onInputs }) {
  const fileInput = $('file-input');
  const folderInput = $('folder-input');
  $('pick-files').addEventListener('click', () => fileInput.click());
  $('pick-folder').addEventListener('click', () => folderInput.click());
  fileInput.addEventListener('change', () => {
    const items = [...fileInput.files].map((f) => ({ kind: 'archive', name: f.name, blob: f }));
    fileInput.value = '';
    onInputs(items);
  });
  folderInput.addEventListener('change', () => {
    const items = folderItems(folderInput.files);
    folderInput.value = '';
    onInputs(items);
  });
  $('try-sample').addEventListener('click', async () => {
    const items = await sampleItems();
    if (items) await onInputs(items);
  });

  // The whole window takes drops; the drop zone shows it.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', async (e) => {
    const taken = e.defaultPrevented; // a Config tab input took the file
    e.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    if (!e.dataTransfer || taken) return;
    const items = await dropItems(e.dataTransfer);
    if (items) await onInputs(items);
  });
}
