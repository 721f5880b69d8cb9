// Static server for dist/ with correct MIME types (application/wasm for
// streaming compilation). Used by `scripts/serve` and by Playwright's webServer.
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--header 'Name: value']...
// PORT from the environment when --port is absent; each --header is added to
// every response (e.g. a Content-Security-Policy for the CSP tests).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
let dir = 'dist';
let port = Number(process.env.PORT || 8080);
const headers = {};
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dir') dir = args[++i];
  else if (args[i] === '--port') port = Number(args[++i]);
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
      if (err2) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        ...headers,
      });
      res.end(data);
    });
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
