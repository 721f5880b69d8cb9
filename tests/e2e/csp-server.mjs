// A static server for dist/ that sends the strict Content-Security-Policy a
// government host would (EMBEDDING.md), and logs every request it serves, so
// the embed tests can prove the widget works under it and fetches nothing after
// load.
//
//   node tests/e2e/csp-server.mjs [--port 8788] [--root dist] [--no-csp]
//
// Also importable: `const s = await startCspServer({ root, port: 0 })` →
// `{ url, requests, close() }`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The policy the widget must work under (no inline script or style, no eval). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startCspServer({ root = 'dist', port = 0, csp = STRICT_CSP } = {}) {
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push({ method: req.method, path, at: Date.now() });
    if (path === '/__blank.html') {
      // An empty same-origin page for the headless-API test.
      res.writeHead(200, { 'Content-Type': TYPES['.html'], ...(csp ? { 'Content-Security-Policy': csp } : {}) });
      res.end('<!doctype html><meta charset="utf-8"><title>blank</title>');
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (csp) headers['Content-Security-Policy'] = csp;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, requests, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const s = await startCspServer({
    root: arg('--root', 'dist'),
    port: Number(arg('--port', 8788)),
    csp: process.argv.includes('--no-csp') ? null : STRICT_CSP,
  });
  console.log(`serving ${arg('--root', 'dist')} at ${s.url}`);
}
