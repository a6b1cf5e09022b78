// Download and share: "Download" writes an input (with the editor's changes) back as an archive in
// its own layout; "Copy link" puts every input's files into the address's fragment, compressed
// and versioned; opening such a link checks those files again. The archives and the link are made
// by the Rust core (src/pack, src/share.rs) in a module of its own, fetched on first use
// (www/pkg/pack/): nothing is ever sent to a server (a fragment never leaves the browser).

import { t, pick } from './i18n.js';
import { request, engine } from './worker-client.js';
import { notice, hideNotice, showProgress, hideProgress } from './status.js';

const LINK_PREFIX = 'ecplint=';

/** Save input `idx` as an archive (its own name and layout; a folder as `<name>.tgz`). */
export async function downloadInput(idx) {
  let reply;
  try {
    reply = await request({ type: 'download', input: idx });
  } catch (e) {
    notice(t('download.failed', { msg: e.message || String(e) }), 'error');
    return;
  }
  if (reply.error) {
    notice(t('download.failed', { msg: pick(reply.error.message, reply.error.message_zh) }), 'error');
    return;
  }
  const url = URL.createObjectURL(new Blob([reply.bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = reply.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Put the inputs into a link: in the address bar and, when allowed, on the clipboard. */
export async function copyLink() {
  let reply;
  try {
    reply = await request({ type: 'share' });
  } catch (e) {
    notice(t('share.failed', { msg: e.message || String(e) }), 'error');
    return;
  }
  if (reply.error) {
    notice(pick(reply.error.message, reply.error.message_zh), 'warn');
    return;
  }
  const url = new URL(window.location.href);
  url.hash = reply.fragment;
  history.replaceState(null, '', url);
  const kb = (reply.fragment.length / 1024).toFixed(1);
  try {
    await navigator.clipboard.writeText(url.href);
    notice(t('share.copied', { kb }), 'info');
  } catch {
    notice(t('share.inAddressBar', { kb }), 'info');
  }
}

/** The link's fragment when the address holds one. */
export function linkInAddress() {
  const hash = window.location.hash.slice(1);
  return hash.startsWith(LINK_PREFIX) ? hash : null;
}

/** Forget the link in the address (the inputs it held were replaced or changed). */
export function dropLinkFromAddress() {
  if (!linkInAddress()) return;
  const url = new URL(window.location.href);
  url.hash = '';
  history.replaceState(null, '', url.href.replace(/#$/, ''));
}

/** Open the link in the address: its inputs are checked by `check(items)`. */
export async function openLinkInAddress(check) {
  const fragment = linkInAddress();
  if (!fragment) return;
  showProgress(t('share.opening'), '', 0);
  let reply;
  try {
    await engine.ready;
    reply = await request({ type: 'open-link', fragment });
  } catch (e) {
    reply = { error: { message: e.message || String(e), message_zh: e.message || String(e) } };
  }
  if (reply.error) {
    hideProgress();
    notice(t('share.openFailed', { msg: pick(reply.error.message, reply.error.message_zh) }), 'error');
    return;
  }
  await check(reply.items);
  if (reply.madeBy !== engine.version) {
    notice(t('share.otherVersion', { made: reply.madeBy, ours: engine.version }), 'info');
  } else {
    hideNotice();
  }
}
