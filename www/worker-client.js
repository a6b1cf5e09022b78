// The page's side of worker.js: starts the worker (which loads the wasm engine), sends it requests
// and routes its replies back to the promise of each request. Knows nothing about the DOM.

/** What the page knows about the engine. `ready` settles once the first worker has loaded it. */
export const engine = {
  ready: null, // Promise<void>
  error: null, // the message of a failed load
  version: '', // set once a worker has reported ready (never cleared by a restart)
};

const hooks = { onReady: () => {}, onFatal: () => {} };
let worker = null;
let seq = 0;
const pending = new Map(); // id → { resolve, reject, onProgress }

/**
 * Start the worker. `onReady(message)` gets its 'ready' message (version, rules);
 * `onFatal(msg)` is told when the engine cannot load. Both hooks are kept for restarts.
 */
export function startWorker({ onReady, onFatal } = {}) {
  if (onReady) hooks.onReady = onReady;
  if (onFatal) hooks.onFatal = onFatal;
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker = w;
  engine.error = null;
  let settle;
  engine.ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
  engine.ready.catch(() => {});
  w.onmessage = (ev) => {
    const m = ev.data || {};
    if (m.type === 'ready') {
      engine.version = m.version;
      hooks.onReady(m);
      settle.resolve();
    } else if (m.type === 'fatal') {
      engine.error = m.message;
      hooks.onFatal(m.message);
      settle.reject(new Error(m.message));
    } else if (m.type === 'progress') {
      const p = pending.get(m.id);
      if (p && p.onProgress) p.onProgress(m);
    } else if (m.type === 'error') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (p) p.reject(new Error(m.message));
    } else {
      // the reply to a request: report, preview, source, config, render, download, share, open-link
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (p) p.resolve(m);
    }
  };
  w.onerror = (ev) => {
    ev.preventDefault();
    const msg = ev.message || 'worker error';
    if (!engine.version) {
      engine.error = msg;
      hooks.onFatal(msg);
      settle.reject(new Error(msg));
    }
    failPending(new Error(msg));
  };
}

function failPending(err) {
  for (const [, p] of pending) p.reject(err);
  pending.clear();
}

/** A fresh worker: the only way to stop a running check (or to recover from a trap). */
export function restartWorker() {
  if (worker) worker.terminate();
  failPending(new Error('restarted'));
  startWorker();
}

/**
 * Post `msg` to the worker. Returns its id (progress messages carry it) and the promise of the
 * reply; `onProgress(message)` gets the progress messages until then.
 */
export function send(msg, onProgress) {
  const id = ++seq;
  const reply = new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ ...msg, id });
  }).then((r) => ({ ...r, id }));
  return { id, reply };
}

/** Post `msg` to the worker; resolves with its reply. */
export function request(msg) {
  return send(msg).reply;
}
