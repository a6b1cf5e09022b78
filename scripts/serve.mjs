#!/usr/bin/env node
// A tiny static server for the ecplint page (www/): no dependencies, 127.0.0.1 only.
//
//   node scripts/serve.mjs            # PORT env or 8080; a free port when that one is busy
//   import { serve } from './scripts/serve.mjs'; const s = await serve({ port: 0 }); s.url; await s.close();

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW = resolve(fileURLToPath(new URL('../www/', import.meta.url)));

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.tgz': 'application/gzip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
  '.zip': 'application/zip',
};

function send(res, status, text, csp = CSP) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    ...(csp ? { 'Content-Security-Policy': csp } : {}),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Map a request URL path to a file under `root`, or null when it would leave `root`. */
export function resolvePath(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (p.includes('\0')) return null;
  if (p.endsWith('/')) p += 'index.html';
  const file = resolve(join(root, p));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

async function handle(root, req, res, csp) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', csp);
  let file = resolvePath(root, req.url || '/');
  if (!file) return send(res, 403, 'forbidden\n', csp);
  let st;
  try {
    st = await stat(file);
    if (st.isDirectory()) {
      file = join(file, 'index.html');
      st = await stat(file);
    }
  } catch {
    return send(res, 404, 'not found\n', csp);
  }
  if (!st.isFile()) return send(res, 404, 'not found\n', csp);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': st.size,
    ...(csp ? { 'Content-Security-Policy': csp } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function listen(server, port) {
  return new Promise((ok, fail) => {
    const onError = (e) => {
      server.off('listening', onListening);
      fail(e);
    };
    const onListening = () => {
      server.off('error', onError);
      ok();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Start serving `root` (www/ by default) on 127.0.0.1. `port: 0` picks a free port; a busy port
 * falls back to a free one. `csp`: the Content-Security-Policy header (null: none; tests of
 * <ecplint-example> try others). Resolves to `{ server, port, url, close() }`.
 */
export async function serve({ port = 8080, root = WWW, csp = CSP } = {}) {
  root = resolve(root);
  const server = createServer((req, res) => {
    handle(root, req, res, csp).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  try {
    await listen(server, port);
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || port === 0) throw e;
    await listen(server, 0);
  }
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    console.error(`ecplint: PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const s = await serve({ port: wanted });
  if (wanted !== 0 && s.port !== wanted) console.error(`port ${wanted} is busy, using ${s.port}`);
  console.log(`ecplint page: ${s.url}`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
