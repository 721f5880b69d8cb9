// Static server for dist/ with correct MIME types (application/wasm for
// streaming compilation). Used by `scripts/serve` and by Playwright's webServer.
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--header 'Name: value']...
// PORT from the environment when --port is absent; each --header is added to
// every response (e.g. a Content-Security-Policy for the CSP tests).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
let dir = 'dist';
let port = Number(process.env.PORT || 8080);
let nextFree = false;
const headers = {};
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dir') dir = args[++i];
  else if (args[i] === '--port') port = Number(args[++i]);
  else if (args[i] === '--next-free') nextFree = true;
  else if (args[i] === '--header') {
    const h = args[++i];
    const c = h.indexOf(':');
    headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
  }
}
if (process.env.SERVE_CSP) headers['Content-Security-Policy'] = process.env.SERVE_CSP;
const root = path.resolve(dir);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// Compression: brotli or gzip when the request's Accept-Encoding allows it (the
// wasm is ~3× smaller). The build's precompressed .br / .gz siblings are sent
// when present; otherwise each file is compressed once per version (its size and
// mtime), then served from memory.
const COMPRESSIBLE = /^(text\/|application\/(wasm|json|javascript)|image\/svg)/;
function encodingFor(accept) {
  const list = String(accept || '').toLowerCase().split(',').map((s) => s.trim());
  const ok = (name) => list.some((e) => e.split(';')[0].trim() === name && !/;\s*q=0(\.0*)?$/.test(e));
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}
const cache = new Map();
function compressed(file, data, enc) {
  // Precompressed by scripts/build (scripts/precompress.mjs): brotli 11, gzip 9.
  const ready = `${file}.${enc === 'br' ? 'br' : 'gz'}`;
  try {
    if (fs.statSync(ready).mtimeMs >= fs.statSync(file).mtimeMs) return fs.readFileSync(ready);
  } catch {
    /* none: compress here */
  }
  let st;
  try {
    st = fs.statSync(file);
  } catch {
    st = { size: data.length, mtimeMs: 0 };
  }
  const key = `${enc}:${file}:${st.size}:${st.mtimeMs}`;
  let out = cache.get(key);
  if (!out) {
    out =
      enc === 'br'
        ? zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
        : zlib.gzipSync(data, { level: 9 });
    if (cache.size > 200) cache.clear();
    cache.set(key, out);
  }
  return out;
}

const server = http.createServer((req, res) => {
  let p;
  try {
    p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.join(root, p);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.stat(file, (err, st) => {
    if (!err && st.isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err2, data) => {
      // (data is replaced by its compressed form below when the client accepts one)
      if (err2) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found');
        return;
      }
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      const head = { 'Content-Type': type, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding', ...headers };
      const enc = COMPRESSIBLE.test(type) && data.length > 512 ? encodingFor(req.headers['accept-encoding']) : null;
      if (enc) {
        data = compressed(file, data, enc);
        head['Content-Encoding'] = enc;
      }
      head['Content-Length'] = data.length;
      res.writeHead(200, head);
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });
});
// --next-free: a port in use (another `scripts/serve`) moves to the next one.
let tries = 0;
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE' && nextFree && tries++ < 50) {
    port += 1;
    server.listen(port, '127.0.0.1');
    return;
  }
  console.error(`serve: ${err.message}`);
  process.exit(1);
});
server.on('listening', () => {
  console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
server.listen(port, '127.0.0.1');
