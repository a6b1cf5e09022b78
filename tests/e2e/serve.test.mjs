// scripts/serve.mjs: MIME types, the CSP header, no path traversal, a busy port falls back.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { CSP, resolvePath, serve, WWW } from '../../scripts/serve.mjs';

let s;
before(async () => {
  s = await serve({ port: 0 });
});
after(() => s?.close());

/** A raw GET (the path is sent as given, without URL normalisation). */
function get(path) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: s.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves index.html with the CSP header on 127.0.0.1', async () => {
  assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.equal(r.headers['content-security-policy'], CSP);
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(r.body, /<title>/);
});

test('MIME types: text/javascript for .js, text/css, application/wasm', async () => {
  assert.match((await get('/app.js')).headers['content-type'], /^text\/javascript/);
  assert.match((await get('/style.css')).headers['content-type'], /^text\/css/);
  const wasm = await get('/pkg/ecplint_bg.wasm');
  if (wasm.status === 200) assert.equal(wasm.headers['content-type'], 'application/wasm');
});

test('no directory traversal, no 200 for missing files', async () => {
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/pkg/../../Cargo.toml', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
    const r = await get(p);
    assert.ok(r.status === 403 || r.status === 404, `${p} → ${r.status}`);
    assert.doesNotMatch(r.body, /"name": "ecplint"|\[package\]|root:/);
  }
  assert.equal(resolvePath(WWW, '/../x'), null);
  assert.equal(resolvePath(WWW, '/a%00b'), null);
  assert.equal((await get('/no-such-file.js')).status, 404);
});

test('a busy port falls back to a free one', async () => {
  const blocker = createServer();
  await new Promise((ok) => blocker.listen(0, '127.0.0.1', ok));
  const busy = blocker.address().port;
  const other = await serve({ port: busy });
  try {
    assert.notEqual(other.port, busy);
    assert.equal((await fetch(other.url)).status, 200);
  } finally {
    await other.close();
    await new Promise((ok) => blocker.close(ok));
  }
});
